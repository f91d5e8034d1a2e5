/* source.h - MOF files as a data source of `mi`, without a session: `mofcomp`
 * compiles into the repository file (or, with --check, into memory), and the --mof
 * mode of gc, ec and ei reads classes and instances from MOF compiled into a private
 * in-memory repository. (With a session those commands use client.h instead.)
 *
 * Errors: every function returns an MI_Result; on failure it also appends a message
 * naming the problem (the class, the namespace ...) to `msg`.
 */
#ifndef MI_TOOLS_SOURCE_H
#define MI_TOOLS_SOURCE_H

#include <mi.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

typedef struct mi_cli_source mi_cli_source;

/* Called once per class / instance, in the source's order. The pointer is valid only
 * during the call. Returning false stops the enumeration (the function then returns
 * MI_RESULT_OK). */
typedef bool (*mi_cli_class_fn)(void *ctx, const MI_ClassDecl *cd);
typedef bool (*mi_cli_instance_fn)(void *ctx, const MI_Instance *inst);

/* Diagnostics from loading MOF files are passed to this function (NULL: discarded). */
typedef struct mi_cli_mof_diag {
    bool is_error;
    const char *file;
    unsigned line;
    unsigned column;
    const char *message;
} mi_cli_mof_diag;
typedef void (*mi_cli_diag_fn)(void *ctx, const mi_cli_mof_diag *d);

typedef struct mi_cli_mof_request {
    const char *const *files;       /* compiled in order, as one compilation */
    size_t n_files;
    const char *const *include_dirs;
    size_t n_include_dirs;
    const char *ns;                 /* namespace the files start in; NULL = root/cimv2 */
    const char *repository;         /* store into this repository file (created if
                                     * missing); NULL = a private in-memory one */
    bool allow_null_keys;           /* accept instances whose key is NULL (not storable
                                     * by path; MI_MOF_ALLOW_NULL_KEYS) */
    bool update;                    /* replace classes the repository already has
                                     * (MI_MOF_UPDATE_CLASSES) */
    mi_cli_diag_fn diag;
    void *diag_ctx;
} mi_cli_mof_request;

/* Counts of what a MOF load added. */
typedef struct mi_cli_mof_counts {
    unsigned classes;               /* stored: new ones and replacements */
    unsigned replaced, rebuilt, unchanged; /* as in mi_mof_stats */
    unsigned instances;
    unsigned qualifiers;
    unsigned qualifiers_replaced;
    unsigned errors;
    unsigned warnings;
} mi_cli_mof_counts;

/* Compiles the files of `req` into a new in-memory repository (or, with
 * req->repository, into that repository file: stored and durable on success, unchanged
 * on failure) and returns a source over it in *out. counts (may be NULL) receives the
 * figures of the compilation, also on failure. On a compile error *out is NULL and the
 * result is the first error's code; the diagnostics went to req->diag. */
MI_Result mi_cli_source_open_mof(const mi_cli_mof_request *req, mi_cli_mof_counts *counts,
                                 mi_cli_source **out, mi_buf *msg);
/* Frees the source and everything it handed out. NULL is a no-op. */
void mi_cli_source_close(mi_cli_source *src);

/* The class `cls` of namespace `ns`. INVALID_NAMESPACE / INVALID_CLASS when absent. */
MI_Result mi_cli_source_get_class(mi_cli_source *src, const char *ns, const char *cls,
                                  const MI_ClassDecl **out, mi_buf *msg);

/* Class enumeration, in the source's order (for a repository: the order classes were
 * added, superclasses first). cls NULL: the root classes, or with deep every class.
 * cls given: its direct subclasses, or with deep every class derived from it (not cls
 * itself). */
MI_Result mi_cli_source_enum_classes(mi_cli_source *src, const char *ns, const char *cls,
                                     bool deep, mi_cli_class_fn fn, void *ctx, mi_buf *msg);

/* The instances of class cls (deep: and of every class derived from it), class by
 * class in the order of mi_cli_source_enum_classes, each class's instances in the
 * order they were added. */
MI_Result mi_cli_source_enum_instances(mi_cli_source *src, const char *ns, const char *cls,
                                       bool deep, mi_cli_instance_fn fn, void *ctx,
                                       mi_buf *msg);

#endif
