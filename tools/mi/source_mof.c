/* source_mof.c - the data source of `mi` over MOF files compiled into an in-memory
 * repository (see source.h). */
#include "source.h"

#include "base/alloc.h"
#include "base/str.h"
#include "cim/cim.h"
#include "mof/mof.h"
#include "repo/repo.h"

struct mi_cli_source {
    mi_repo *repo;
};

/* Adapts the compiler's diagnostics to the source's callback. */
typedef struct diag_bridge {
    mi_cli_diag_fn fn;
    void *ctx;
} diag_bridge;

static void bridge_diag(void *ctx, const mi_mof_diag *d)
{
    const diag_bridge *b = ctx;
    mi_cli_mof_diag out;

    if (b->fn == NULL)
        return;
    out.is_error = d->severity == MI_MOF_ERROR;
    out.file = d->file;
    out.line = d->line;
    out.column = d->column;
    out.message = d->message;
    b->fn(b->ctx, &out);
}

MI_Result mi_cli_source_open_mof(const mi_cli_mof_request *req, mi_cli_mof_counts *counts,
                                 mi_cli_source **out, mi_buf *msg)
{
    MI_Result r;
    mi_cli_source *src = NULL;
    mi_mof_options opt = {0};
    mi_mof_stats stats = {0};
    diag_bridge bridge = {req->diag, req->diag_ctx};

    *out = NULL;
    src = mi_calloc(1, sizeof *src);
    if (src == NULL) {
        mi_buf_puts(msg, "out of memory");
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out;
    }
    if (req->repository != NULL) {
        r = mi_repo_open(req->repository, MI_REPO_CREATE, &src->repo, msg);
        if (r != MI_RESULT_OK)
            goto out_free_src;
    } else {
        r = mi_repo_new(&src->repo);
        if (r != MI_RESULT_OK) {
            mi_buf_puts(msg, "cannot create the repository (out of memory)");
            goto out_free_src;
        }
    }
    opt.ns = req->ns;
    opt.include_dirs = req->include_dirs;
    opt.n_include_dirs = req->n_include_dirs;
    if (req->allow_null_keys)
        opt.flags |= MI_MOF_ALLOW_NULL_KEYS;
    if (req->update)
        opt.flags |= MI_MOF_UPDATE_CLASSES;
    opt.diag = bridge_diag;
    opt.diag_ctx = &bridge;
    r = mi_mof_compile_files(src->repo, req->files, req->n_files, &opt, &stats);
    if (counts != NULL) {
        counts->classes = stats.classes;
        counts->replaced = stats.replaced;
        counts->rebuilt = stats.rebuilt;
        counts->unchanged = stats.unchanged;
        counts->qualifiers_replaced = stats.qualifiers_replaced;
        counts->instances = stats.instances;
        counts->qualifiers = stats.qualifiers;
        counts->errors = stats.errors;
        counts->warnings = stats.warnings;
    }
    if (r != MI_RESULT_OK) {
        mi_buf_printf(msg, "the MOF files did not compile (%u error%s)", stats.errors,
                      stats.errors == 1 ? "" : "s");
        goto out_free_src;
    }
    *out = src;
    src = NULL;
    goto out;

out_free_src:
    mi_cli_source_close(src);
out:
    return r;
}

void mi_cli_source_close(mi_cli_source *src)
{
    if (src == NULL)
        return;
    mi_repo_free(src->repo);
    mi_free(src);
}

/* The namespace `ns` of the repository, or INVALID_NAMESPACE with a message. */
static MI_Result find_ns(mi_cli_source *src, const char *ns, const mi_ns **out, mi_buf *msg)
{
    *out = mi_repo_ns(src->repo, ns);
    if (*out == NULL) {
        mi_buf_printf(msg, "namespace '%s' not found", ns);
        return MI_RESULT_INVALID_NAMESPACE;
    }
    return MI_RESULT_OK;
}

MI_Result mi_cli_source_get_class(mi_cli_source *src, const char *ns, const char *cls,
                                  const MI_ClassDecl **out, mi_buf *msg)
{
    MI_Result r;
    const mi_ns *n;

    *out = NULL;
    r = find_ns(src, ns, &n, msg);
    if (r != MI_RESULT_OK)
        goto out;
    *out = mi_ns_class(n, cls);
    if (*out == NULL) {
        mi_buf_printf(msg, "class '%s' not found in namespace '%s'", cls, mi_ns_name(n));
        r = MI_RESULT_INVALID_CLASS;
    }
out:
    return r;
}

/* True if cd is to be listed by an enumeration rooted at `base` (NULL = no class). */
static bool class_selected(const MI_ClassDecl *cd, const MI_ClassDecl *base, bool deep)
{
    if (base == NULL)
        return deep || cd->superClass == NULL;
    if (cd == base)
        return false;
    if (deep)
        return mi_classdecl_is_a(cd, base->name);
    return cd->superClass != NULL && mi_name_eq(cd->superClass, base->name);
}

MI_Result mi_cli_source_enum_classes(mi_cli_source *src, const char *ns, const char *cls,
                                     bool deep, mi_cli_class_fn fn, void *ctx, mi_buf *msg)
{
    MI_Result r;
    const mi_ns *n;
    const MI_ClassDecl *base = NULL;
    size_t i, count;

    r = find_ns(src, ns, &n, msg);
    if (r != MI_RESULT_OK)
        goto out;
    if (cls != NULL) {
        r = mi_cli_source_get_class(src, ns, cls, &base, msg);
        if (r != MI_RESULT_OK)
            goto out;
    }
    count = mi_ns_class_count(n);
    for (i = 0; i < count; i++) {
        const MI_ClassDecl *cd = mi_ns_class_at(n, i);
        if (class_selected(cd, base, deep) && !fn(ctx, cd))
            break;
    }
out:
    return r;
}

/* Forwards instances to the caller's callback and notes whether it stopped. */
typedef struct stop_ctx {
    mi_cli_instance_fn fn;
    void *ctx;
    bool stopped;
} stop_ctx;

static bool until_stopped(void *ctx, const MI_Instance *inst)
{
    stop_ctx *s = ctx;
    s->stopped = !s->fn(s->ctx, inst);
    return !s->stopped;
}

MI_Result mi_cli_source_enum_instances(mi_cli_source *src, const char *ns, const char *cls,
                                       bool deep, mi_cli_instance_fn fn, void *ctx,
                                       mi_buf *msg)
{
    MI_Result r;
    const mi_ns *n;
    const MI_ClassDecl *base;
    size_t i, count;

    r = find_ns(src, ns, &n, msg);
    if (r != MI_RESULT_OK)
        goto out;
    r = mi_cli_source_get_class(src, ns, cls, &base, msg);
    if (r != MI_RESULT_OK)
        goto out;
    count = mi_ns_class_count(n);
    for (i = 0; i < count; i++) {
        const MI_ClassDecl *cd = mi_ns_class_at(n, i);
        stop_ctx stop = {fn, ctx, false};
        if (cd != base && !(deep && mi_classdecl_is_a(cd, base->name)))
            continue;
        r = mi_ns_each_instance((mi_ns *)n, cd, until_stopped, &stop);
        if (r != MI_RESULT_OK) {
            mi_buf_printf(msg, "%s", mi_repo_last_error());
            goto out;
        }
        if (stop.stopped)
            goto out;
    }
out:
    return r;
}
