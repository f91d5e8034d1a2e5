/* mof.h - the MOF compiler (DMTF DSP0221): MOF text -> classes, qualifier
 * declarations and instances in a repository.
 *
 * Layer: depends on repo, cim and base.
 *
 * A compilation is all-or-nothing: if any error is found, nothing of it is added to
 * the repository. The compiler goes on after an error where it can (at the next
 * statement) and reports up to max_errors errors, each with file:line:column and what
 * was expected. It reads UTF-8 (with or without BOM) and UTF-16 LE/BE with BOM, LF or
 * CRLF line ends, and follows #pragma include relative to the including file's folder
 * (then the include dirs; names matched case-insensitively if no exact match).
 *
 * Semantics chosen where DSP0221/DSP0004 leave room (details in src/mof/build.c):
 * - Classes are flattened per mi-provider-api.md 2.4. Qualifiers with flavor
 *   ToSubclass (and not Restricted) propagate; a DisableOverride qualifier given a
 *   different value in a subclass is an error; a redefinition without the Override
 *   qualifier is a warning. Property flags: KEY, REQUIRED, EXPENSIVE from the
 *   qualifiers of those names; READONLY when Read is TRUE and Write is not TRUE.
 *   Parameters: IN when In is TRUE or when neither In nor Out is given.
 * - REF and EmbeddedInstance classes may be declared later in the same compilation
 *   (checked at its end); superclasses must be declared before use.
 * - An instance whose alias is used only as the value of an embedded-instance
 *   property is a value, not a repository instance; every other top-level instance is
 *   added to the repository under its key string (a class without keys allows one).
 * - Hexadecimal, octal and binary literals may give the two's-complement bit pattern
 *   of a signed type (sint8 0xFF = -1); decimal literals must be in range.
 * - A qualifier declaration identical to one already in the repository is ignored
 *   with a warning; a different one is an error (see MI_MOF_UPDATE_CLASSES).
 * - A class already in the repository may not be declared again, unless
 *   MI_MOF_UPDATE_CLASSES is given; within one compilation a class may be declared
 *   only once.
 */
#ifndef MI_MOF_MOF_H
#define MI_MOF_MOF_H

#include <mi.h>
#include <stdbool.h>
#include <stddef.h>

#include "repo/repo.h"

typedef enum mi_mof_severity { MI_MOF_ERROR, MI_MOF_WARNING } mi_mof_severity;

/* One diagnostic. Strings are valid only during the callback. */
typedef struct mi_mof_diag {
    mi_mof_severity severity;
    const char *file;   /* as named by the user, or the path an include was read from
                           ("<input>" and line 0 when there is no position) */
    unsigned line;      /* 1-based */
    unsigned column;    /* 1-based, in characters (a tab counts as one) */
    MI_Result code;     /* closest MI_Result: INVALID_PARAMETER (syntax), INVALID_CLASS,
                           INVALID_SUPERCLASS, ALREADY_EXISTS, TYPE_MISMATCH, NOT_FOUND ... */
    const char *message;
} mi_mof_diag;

typedef struct mi_mof_options {
    const char *ns;                   /* namespace to start in; NULL = "root/cimv2" */
    const char *const *include_dirs;  /* searched after the including file's folder */
    size_t n_include_dirs;
    unsigned max_errors;              /* 0 = 25 */
    unsigned max_include_depth;       /* 0 = 32 */
    size_t max_file_size;             /* 0 = 64 MiB per file */
    /* Receives every diagnostic as it is found; NULL = print to stderr as
     * "file:line:column: error: message". */
    void (*diag)(void *ctx, const mi_mof_diag *d);
    void *diag_ctx;
    unsigned flags;                   /* MI_MOF_* below */
} mi_mof_options;

/* Accept instances that leave a key property NULL (OMI's serializer test MOFs do):
 * such an instance is added with mi_ns_add_unkeyed_instance (listed with its class,
 * but no path names it). Without this flag a missing key value is an error. */
#define MI_MOF_ALLOW_NULL_KEYS 0x1u
/* Let the compilation replace classes and qualifier declarations that the repository
 * already holds (mi mofcomp --update):
 * - a class declared here that the repository has replaces it; one identical to the
 *   repository's (same stored form, same superclass decl) is left as it is (counted
 *   as unchanged). The repository's classes derived from a replaced class and not
 *   declared here are rebuilt on the new definition: each is written back as MOF with
 *   its own members and qualifiers only (mi_class_to_mof LOCAL_ONLY) and compiled
 *   again, parents first, in the same compilation. A subclass that no longer compiles
 *   (a property type or key that no longer fits, an Override of a member the new
 *   superclass lacks ...) is an error naming it, at the replacing class's position.
 * - a class with static instances in the repository (of itself or of a class derived
 *   from it) cannot be replaced or rebuilt: an error gives the count.
 * - something this compilation built on a repository class that it then replaces or
 *   rebuilds (a class declared before the replacement of its superclass, an instance
 *   declared before the replacement of its class) is an error: declare it after.
 * - a different qualifier declaration replaces the repository's one, except that its
 *   type and array size cannot change, nor its scope shrink, while a class in the
 *   repository uses the qualifier. Stored classes keep the qualifier values and
 *   flavors they were compiled with; classes compiled or rebuilt here use the new one.
 * Provider registrations name classes and stay. All of it is one repository
 * transaction, like every compilation. */
#define MI_MOF_UPDATE_CLASSES  0x2u

typedef struct mi_mof_stats {
    unsigned classes;      /* classes of the source stored: new ones and replacements */
    unsigned replaced;     /* of those, how many replaced a repository class */
    unsigned rebuilt;      /* repository classes rebuilt on a replaced superclass (not
                              counted in classes) */
    unsigned unchanged;    /* classes of the source identical to the repository's
                              (left as they were; not counted in classes) */
    unsigned instances;    /* instances added */
    unsigned qualifiers;   /* qualifier declarations added or replaced */
    unsigned qualifiers_replaced; /* of those, how many replaced a different one */
    unsigned errors;
    unsigned warnings;
} mi_mof_stats;

/* Compiles one file into repo. OK when the file compiled without error and its
 * content was added; otherwise the first error's code (nothing added). stats may be
 * NULL. */
MI_Result mi_mof_compile_file(mi_repo *repo, const char *path, const mi_mof_options *opt,
                              mi_mof_stats *stats);
/* Compiles files[0..n) in order as one compilation (all-or-nothing together). */
MI_Result mi_mof_compile_files(mi_repo *repo, const char *const *files, size_t n,
                               const mi_mof_options *opt, mi_mof_stats *stats);
/* Same for MOF text in memory; `name` is used in diagnostics and #pragma include is
 * resolved against the current directory and include_dirs. */
MI_Result mi_mof_compile_buffer(mi_repo *repo, const char *name, const char *data,
                                size_t n, const mi_mof_options *opt, mi_mof_stats *stats);

#endif
