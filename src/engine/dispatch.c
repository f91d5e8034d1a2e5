/* dispatch.c - runs one operation: resolves namespace and classes, checks the request
 * against the schema, routes each class to its provider (a loaded module, or the
 * built-in static provider over the repository's stored instances) and sets the final
 * result. Runs on a worker thread; every path ends in exactly one eop_finish (a cancel
 * or timeout may have set it first, then ours is ignored).
 *
 * Provider calls: each gets a fresh context; the dispatcher waits for its terminal
 * post (eng_ctx_wait), which also ends when the operation is stopped.
 *
 * Enumeration is polymorphic by default: the class and every subclass, each served by
 * its own provider with className = that class. Instances handed to a provider are
 * bound to the provider's own class decl (properties matched by name), so generated
 * code may read its struct fields.
 */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/map.h"
#include "base/str.h"
#include "base/vec.h"
#include "cim/cim.h"
#include "engine/engine_int.h"
#include "query/wql.h"

#define DEEP_BASE_PROPS_ONLY 0x180u /* MI_OPERATIONFLAGS_POLYMORPHISM_DEEP_BASE_PROPS_ONLY */
#define SHALLOW              0x080u /* MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW */

typedef struct dctx {
    mi_op *op;
    mi_engine *e;
    const mi_request *req;
    mi_ns *ns;
    mi_arena a;        /* scratch for this dispatch */
    mi_buf err;
} dctx;

/* Ends the operation with code and a formatted message; returns code. */
static MI_Result fail(dctx *d, MI_Result code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static MI_Result fail(dctx *d, MI_Result code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    eop_finish(d->op, code, msg, NULL, NULL);
    return code;
}

/* Ends the operation with a provider context's failure; returns its code. */
static MI_Result fail_ctx(dctx *d, eng_ctx *c, const char *what)
{
    char msg[1024];

    if (c->message == NULL)
        snprintf(msg, sizeof msg, "%s failed with MI_Result %d", what, (int)c->result);
    eop_finish(d->op, c->result, c->message != NULL ? c->message : msg, c->error, NULL);
    return c->result;
}

static void delete_instance(void *p)
{
    MI_Instance_Delete(p);
}

static const char *class_of(const MI_Instance *inst)
{
    const char *name = NULL;
    if (inst == NULL || inst->ft == NULL || inst->ft->GetClassName(inst, &name) != MI_RESULT_OK)
        return inst != NULL && inst->classDecl != NULL ? inst->classDecl->name : NULL;
    return name;
}

/* ---------------------------------------------------------------- instances */

/* A copy of src bound to class decl cd (properties matched by name, same type only),
 * in arena a. The provider sees the layout its own decl describes. */
static MI_Result bind_to(mi_arena *a, const MI_ClassDecl *cd, const MI_Instance *src,
                         MI_Instance **out)
{
    MI_Instance *n = NULL;
    MI_Result r = mi_instance_new_in(a, cd, src->nameSpace, NULL, &n);

    if (r != MI_RESULT_OK)
        goto out;
    for (MI_Uint32 i = 0; i < cd->numProperties; i++) {
        MI_Value v;
        MI_Type t;
        MI_Uint32 f = 0;
        if (src->ft->GetElement(src, cd->properties[i]->name, &v, &t, &f, NULL) != MI_RESULT_OK)
            continue;
        if (t != (MI_Type)cd->properties[i]->type)
            continue;
        r = n->ft->SetElementAt(n, i, (f & MI_FLAG_NULL) ? NULL : &v, t, 0);
        if (r != MI_RESULT_OK)
            goto out;
    }
    *out = n;
out:
    return r;
}

/* The key instance (bound to cd) and key string named by src, whose class is cd or
 * names it. Errors (set in d->err): INVALID_PARAMETER naming a missing or NULL key,
 * TYPE_MISMATCH / NO_SUCH_PROPERTY from the path normalisation. */
static MI_Result key_instance(dctx *d, const MI_ClassDecl *cd, const MI_Instance *src,
                              MI_Instance **out, const char **keystring)
{
    mi_path p;
    MI_Instance *k = NULL;
    mi_buf ks;
    MI_Result r = MI_RESULT_OK;
    MI_Uint32 n = 0;

    memset(&p, 0, sizeof p);
    p.cls = cd->name;
    p.keys = mi_arena_calloc(&d->a, (cd->numProperties + 1) * sizeof *p.keys);
    if (p.keys == NULL) {
        mi_buf_puts(&d->err, "out of memory");
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    }
    for (MI_Uint32 i = 0; i < cd->numProperties; i++) {
        const MI_PropertyDecl *pd = cd->properties[i];
        MI_Value v;
        MI_Type t;
        MI_Uint32 f = 0;
        if (!(pd->flags & MI_FLAG_KEY))
            continue;
        if (src->ft->GetElement(src, pd->name, &v, &t, &f, NULL) != MI_RESULT_OK ||
            (f & MI_FLAG_NULL)) {
            mi_buf_printf(&d->err, "key property %s of class %s is missing or NULL",
                          pd->name, cd->name);
            return MI_RESULT_INVALID_PARAMETER;
        }
        p.keys[n].name = pd->name;
        p.keys[n].type = t;
        p.keys[n].value = v;
        n++;
    }
    p.nkeys = n;
    p.singleton = n == 0;
    r = mi_path_normalize(&d->a, &p, cd, &d->err);
    if (r != MI_RESULT_OK)
        goto out;
    r = mi_path_to_instance(&p, cd, &k);
    if (r != MI_RESULT_OK) {
        mi_buf_printf(&d->err, "cannot build the key instance of %s: %s", cd->name,
                      mi_cim_last_error());
        goto out;
    }
    if (mi_arena_on_destroy(&d->a, delete_instance, k) != 0) {
        MI_Instance_Delete(k);
        mi_buf_puts(&d->err, "out of memory");
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out;
    }
    if (src->nameSpace != NULL)
        k->ft->SetNameSpace(k, src->nameSpace);
    mi_buf_init(&ks, 64 * 1024);
    r = mi_instance_keystring(k, &ks);
    if (r == MI_RESULT_OK && (*keystring = mi_arena_strdup(&d->a, mi_buf_str(&ks))) == NULL)
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    if (r != MI_RESULT_OK)
        mi_buf_printf(&d->err, "cannot name the instance of %s: %s", cd->name,
                      mi_cim_last_error());
    mi_buf_free(&ks);
    *out = k;
out:
    return r;
}

/* ---------------------------------------------------------------- posting targets */

struct query_block;

/* Where instances go: the op's queue (sink NULL) or a sink. qb (QueryInstances): the
 * query whose MI_Filter providers receive; see query_block. */
typedef struct target {
    bool (*sink)(void *sctx, const MI_Instance *inst);
    void *sctx;
    bool keys_only;
    const MI_ClassDecl *only;
    struct query_block *qb;
} target;

static bool to_target(const target *t, dctx *d, const MI_Instance *inst)
{
    if (t->sink != NULL)
        return t->sink(t->sctx, inst);
    return eop_post_instance(d->op, inst, t->keys_only, t->only) == MI_RESULT_OK;
}

static eng_ctx *new_ctx(dctx *d, const target *t)
{
    eng_ctx *c = eng_ctx_new(d->e, d->op, t->sink != NULL ? ENG_CTX_SINK : ENG_CTX_REQUEST);
    if (c != NULL) {
        c->sink = t->sink;
        c->sctx = t->sctx;
        c->keys_only = t->keys_only;
        c->only = t->only;
    }
    return c;
}

typedef struct static_walk {
    dctx *d;
    const target *t;
    bool stopped;
} static_walk;

static bool static_each(void *ctx, const MI_Instance *inst)
{
    static_walk *w = ctx;
    if (!to_target(w->t, w->d, inst)) {
        w->stopped = true;
        return false;
    }
    return true;
}

/* ---------------------------------------------------------------- query filter */

/* A parsed query and its MI_Filter (QueryInstances). Shared by the dispatcher and
 * every provider context it is handed to: a provider may evaluate the filter, and
 * post, until its terminal post, which can come after a cancel or timeout released
 * the dispatcher. Each context holds a reference (dropped when the context is freed,
 * through a cleanup of its arena); the last reference frees the block. Only the
 * dispatcher allocates from `a`, before handing out what it allocated. */
typedef struct query_block {
    atomic_int refs;
    mi_arena a;          /* the query, the projection decls */
    wql_query *q;
    wql_filter f;
    mi_op *op;           /* borrowed: every holder of a reference keeps op alive */
} query_block;

/* What a query's sink needs: the query, and the projection of the class enumerated
 * (NULL: no trimming). Lives in the dispatcher's frame (stored instances) or in a
 * provider context's arena. */
typedef struct query_sink_state {
    query_block *qb;
    const MI_ClassDecl *only;
} query_sink_state;

static void query_unref(void *p)
{
    query_block *qb = p;
    if (qb != NULL && atomic_fetch_sub(&qb->refs, 1) == 1) {
        mi_arena_destroy(&qb->a);
        mi_free(qb);
    }
}

/* Posts inst when the WHERE condition is TRUE, projected (only). False stops the
 * provider: the operation was stopped, or the final result is set here (copy or
 * evaluation out of memory). */
static bool query_sink(void *sctx, const MI_Instance *inst)
{
    query_sink_state *st = sctx;
    mi_op *op = st->qb->op;
    bool match = false;
    MI_Result r = wql_eval(st->qb->q, inst, &match);

    if (r == MI_RESULT_OK && !match)
        return true;
    if (r == MI_RESULT_OK)
        r = eop_post_instance(op, inst, false, st->only);
    if (r == MI_RESULT_OK)
        return true;
    if (!eop_stopped(op))
        eop_finish(op, r, r == MI_RESULT_SERVER_LIMITS_EXCEEDED
                              ? "out of memory evaluating or copying a query result"
                              : "a query result could not be copied", NULL, NULL);
    return false;
}

/* Gives provider context c its own sink state and a reference to qb (before the
 * provider sees c). Returns the filter to pass, NULL when out of memory. */
static const MI_Filter *query_attach(query_block *qb, eng_ctx *c, const MI_ClassDecl *only)
{
    query_sink_state *st = mi_arena_alloc(&c->arena, sizeof *st);

    if (st == NULL)
        return NULL;
    st->qb = qb;
    st->only = only;
    atomic_fetch_add(&qb->refs, 1);
    if (mi_arena_on_destroy(&c->arena, query_unref, qb) != 0) {
        atomic_fetch_sub(&qb->refs, 1);
        return NULL;
    }
    c->sctx = st;
    return &qb->f.filter;
}

/* ---------------------------------------------------------------- enumerate */

/* Enumerates exactly class c into t. OK; otherwise the op is finished with the error
 * (or was stopped). required: c is the class asked for (a provider without
 * EnumerateInstances is then an error, else it is skipped). */
static MI_Result enum_class(dctx *d, const MI_ClassDecl *c, const target *t, bool required)
{
    eng_provider *p = NULL;
    eng_ctx *ctx;
    MI_Result r;
    static_walk w = {d, t, false};
    const MI_Filter *filter = NULL;

    mi_buf_reset(&d->err);
    r = eng_provider_get(d->e, d->ns, c->name, &p, &d->err);
    if (r != MI_RESULT_OK)
        return fail(d, r, "%s", mi_buf_str(&d->err));
    if (p == NULL) {
        r = mi_ns_each_instance(d->ns, c, static_each, &w);
        if (r != MI_RESULT_OK)
            return fail(d, r, "enumerating stored instances of %s: %s", c->name,
                        mi_repo_last_error());
        if (w.stopped && t->sink == NULL)
            return MI_RESULT_FAILED; /* the op stopped */
        return MI_RESULT_OK;
    }
    if (p->ft->EnumerateInstances == NULL) {
        /* A subclass reached by deep enumeration contributes nothing; the class asked
         * for (or a fallback that needs the enumeration) fails. */
        if (!required)
            return MI_RESULT_OK;
        return fail(d, MI_RESULT_NOT_SUPPORTED,
                    "the provider of class %s does not enumerate instances", c->name);
    }
    ctx = new_ctx(d, t);
    if (ctx == NULL)
        return fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    if (t->qb != NULL && (filter = query_attach(t->qb, ctx, t->only)) == NULL) {
        /* Never handed to the provider: end it as the provider would. */
        MI_Context_PostResult(&ctx->ctx, MI_RESULT_FAILED);
        eng_ctx_unref(ctx);
        return fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    }
    /* Only a module that says it filters gets the query (mi-provider-api.md); the
     * engine evaluates it on every post either way. */
    p->ft->EnumerateInstances(p->self, &ctx->ctx, d->req->ns, c->name, NULL,
                              t->keys_only ? MI_TRUE : MI_FALSE,
                              eng_provider_filters(p) ? filter : NULL);
    if (!eng_ctx_wait(ctx))
        r = MI_RESULT_FAILED; /* stopped: the final result is set */
    else if (ctx->result != MI_RESULT_OK)
        r = fail_ctx(d, ctx, "EnumerateInstances");
    eng_ctx_unref(ctx);
    return r;
}

typedef struct class_list {
    mi_vec v;
    bool failed;
} class_list;

static bool collect_class(void *ctx, const MI_ClassDecl *cd)
{
    class_list *l = ctx;
    if (mi_vec_push(&l->v, (void *)cd) != 0) {
        l->failed = true;
        return false;
    }
    return true;
}

/* The classes an enumeration of cd visits: cd alone (shallow) or cd and its subclasses,
 * parents first, into l. False (the operation failed) when out of memory. */
static bool list_classes(dctx *d, const MI_ClassDecl *cd, MI_Uint32 poly, class_list *l)
{
    if (poly == SHALLOW)
        collect_class(l, cd);
    else
        mi_ns_walk_subclasses(d->ns, cd, collect_class, l);
    if (l->failed)
        fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory listing subclasses");
    return !l->failed;
}

static const MI_ClassDecl *find_class(dctx *d, const char *name, const char *what)
{
    const MI_ClassDecl *cd;

    if (name == NULL || name[0] == '\0') {
        fail(d, MI_RESULT_INVALID_PARAMETER, "%s: no class name given", what);
        return NULL;
    }
    cd = mi_ns_class(d->ns, name);
    if (cd == NULL)
        fail(d, MI_RESULT_INVALID_CLASS, "%s: class %s does not exist in namespace %s", what,
             name, mi_ns_name(d->ns));
    return cd;
}

static void do_enumerate(dctx *d)
{
    const MI_ClassDecl *cd = find_class(d, d->req->class_name, "EnumerateInstances");
    class_list l = {MI_VEC_INIT, false};
    MI_Uint32 poly = d->req->flags & DEEP_BASE_PROPS_ONLY;
    target t = {NULL, NULL, d->req->keys_only != 0, NULL, NULL};

    if (cd == NULL)
        return;
    if (!list_classes(d, cd, poly, &l))
        goto out;
    for (size_t i = 0; i < l.v.len; i++) {
        const MI_ClassDecl *c = l.v.items[i];
        t.only = poly == DEEP_BASE_PROPS_ONLY && c != cd ? cd : NULL;
        if (enum_class(d, c, &t, c == cd) != MI_RESULT_OK)
            goto out;
    }
    eop_finish(d->op, MI_RESULT_OK, NULL, NULL, NULL);
out:
    mi_vec_free(&l.v);
}

/* ---------------------------------------------------------------- query */

/* The properties of class c that a query's results keep: the selected ones (all for
 * SELECT *) and the keys, so result paths stay valid; with DEEP_BASE_PROPS_ONLY only
 * those the FROM class declares. NULL (nothing trimmed) for SELECT * without it; a
 * decl in qb's arena otherwise, or NULL with *oom set. */
static const MI_ClassDecl *query_projection(query_block *qb, const MI_ClassDecl *c,
                                            const MI_ClassDecl *from, bool base_only,
                                            bool *oom)
{
    MI_ClassDecl *pc;
    MI_PropertyDecl MI_CONST **props;
    MI_Uint32 n = 0;

    if (wql_select_all(qb->q) && !base_only)
        return NULL;
    pc = mi_arena_alloc(&qb->a, sizeof *pc);
    props = mi_arena_alloc(&qb->a, ((size_t)c->numProperties + 1) * sizeof *props);
    if (pc == NULL || props == NULL) {
        *oom = true;
        return NULL;
    }
    *pc = *c;
    for (MI_Uint32 i = 0; i < c->numProperties; i++) {
        const MI_PropertyDecl *pd = c->properties[i];
        bool in_from = c == from || mi_classdecl_property(from, pd->name, NULL) != NULL;
        if ((pd->flags & MI_FLAG_KEY) || (in_from && wql_selects(qb->q, pd->name)))
            props[n++] = (MI_PropertyDecl *)pd;
    }
    pc->properties = props;
    pc->numProperties = n;
    return pc;
}

/* QueryInstances: a deep (or SHALLOW / DEEP_BASE_PROPS_ONLY) enumeration of the FROM
 * class in which each instance is posted only when the WHERE condition is TRUE,
 * projected to the selected properties plus the keys. Providers get the query as an
 * MI_Filter (whatever their module's flags; they may ignore it: the engine evaluates
 * every instance again, so __FilterByProvider changes nothing). WQL and the CQL
 * spellings share the parser (src/query/wql.h). */
static void do_query(dctx *d)
{
    const char *dialect = wql_dialect(d->req->query_dialect);
    query_block *qb = NULL;
    const MI_ClassDecl *cd;
    class_list l = {MI_VEC_INIT, false};
    MI_Uint32 poly = d->req->flags & DEEP_BASE_PROPS_ONLY;
    MI_Result r;
    bool oom = false;

    if (dialect == NULL) {
        fail(d, MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED,
             "QueryInstances: query language '%.200s' is not supported (use WQL or CQL)",
             d->req->query_dialect != NULL ? d->req->query_dialect : "");
        return;
    }
    if (d->req->query == NULL) {
        fail(d, MI_RESULT_INVALID_PARAMETER, "QueryInstances: no query given");
        return;
    }
    qb = mi_calloc(1, sizeof *qb);
    if (qb == NULL) {
        fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        return;
    }
    atomic_init(&qb->refs, 1);
    mi_arena_init(&qb->a, 0, (size_t)64 << 20);
    qb->op = d->op;
    mi_buf_reset(&d->err);
    r = wql_parse(&qb->a, d->req->query, &qb->q, &d->err);
    if (r != MI_RESULT_OK) {
        fail(d, r, "QueryInstances: %s", mi_buf_str(&d->err));
        goto out;
    }
    cd = mi_ns_class(d->ns, wql_class(qb->q));
    if (cd == NULL) {
        fail(d, MI_RESULT_INVALID_CLASS,
             "QueryInstances: class %s (FROM) does not exist in namespace %s",
             wql_class(qb->q), mi_ns_name(d->ns));
        goto out;
    }
    r = wql_bind(qb->q, cd, &d->err);
    if (r != MI_RESULT_OK) {
        fail(d, r, "QueryInstances: %s", mi_buf_str(&d->err));
        goto out;
    }
    wql_filter_init(&qb->f, qb->q, dialect);
    if (!list_classes(d, cd, poly, &l))
        goto out;
    for (size_t i = 0; i < l.v.len; i++) {
        const MI_ClassDecl *c = l.v.items[i];
        query_sink_state st = {qb, NULL};
        target t = {query_sink, &st, false, NULL, qb};
        st.only = query_projection(qb, c, cd, poly == DEEP_BASE_PROPS_ONLY, &oom);
        if (oom) {
            fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            goto out;
        }
        t.only = st.only;
        if (enum_class(d, c, &t, c == cd) != MI_RESULT_OK || eop_final_set(d->op))
            goto out;
    }
    eop_finish(d->op, MI_RESULT_OK, NULL, NULL, NULL);
out:
    mi_vec_free(&l.v);
    query_unref(qb);
}

/* ---------------------------------------------------------------- get */

typedef struct match {
    dctx *d;
    const char *keystring;
    const target *t;
    bool found, stopped;
} match;

static bool match_sink(void *ctx, const MI_Instance *inst)
{
    match *m = ctx;
    mi_buf ks;
    bool same;

    mi_buf_init(&ks, 64 * 1024);
    same = mi_instance_keystring(inst, &ks) == MI_RESULT_OK &&
           strcmp(mi_buf_str(&ks), m->keystring) == 0;
    mi_buf_free(&ks);
    if (same && !m->found) {
        m->found = true;
        if (!to_target(m->t, m->d, inst))
            m->stopped = true;
    }
    return !m->stopped;
}

/* Gets the instance of class cd named by key instance k / keystring into t.
 * OK, NOT_FOUND (message in d->err, op not finished), or another error (op finished). */
static MI_Result get_one(dctx *d, const MI_ClassDecl *cd, const MI_Instance *k,
                         const char *keystring, const target *t)
{
    eng_provider *p = NULL;
    eng_ctx *ctx;
    MI_Instance *bound = NULL, *inst = NULL;
    MI_Result r;
    match m = {d, keystring, t, false, false};
    target mt = {match_sink, &m, false, NULL, NULL};

    mi_buf_reset(&d->err);
    r = eng_provider_get(d->e, d->ns, cd->name, &p, &d->err);
    if (r != MI_RESULT_OK)
        return fail(d, r, "%s", mi_buf_str(&d->err));
    if (p == NULL) {
        r = mi_ns_get_instance(d->ns, keystring, &d->a, &inst);
        if (r == MI_RESULT_NOT_FOUND) {
            mi_buf_printf(&d->err, "no instance %s in namespace %s", keystring,
                          mi_ns_name(d->ns));
            return r;
        }
        if (r != MI_RESULT_OK)
            return fail(d, r, "reading %s: %s", keystring, mi_repo_last_error());
        return to_target(t, d, inst) ? MI_RESULT_OK : MI_RESULT_FAILED;
    }
    if (p->ft->GetInstance != NULL) {
        r = bind_to(&d->a, p->pcd != NULL ? p->pcd : cd, k, &bound);
        if (r != MI_RESULT_OK)
            return fail(d, r, "cannot bind the instance name to class %s", cd->name);
        ctx = new_ctx(d, t);
        if (ctx == NULL)
            return fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        p->ft->GetInstance(p->self, &ctx->ctx, d->req->ns, cd->name, bound, NULL);
        if (!eng_ctx_wait(ctx)) {
            r = MI_RESULT_FAILED;
        } else if (ctx->result == MI_RESULT_NOT_FOUND) {
            mi_buf_printf(&d->err, "%s", ctx->message != NULL ? ctx->message : "");
            if (ctx->message == NULL)
                mi_buf_printf(&d->err, "no instance %s in namespace %s", keystring,
                              mi_ns_name(d->ns));
            r = MI_RESULT_NOT_FOUND;
        } else if (ctx->result == MI_RESULT_NOT_SUPPORTED) {
            r = MI_RESULT_NOT_SUPPORTED; /* fall back below */
        } else if (ctx->result != MI_RESULT_OK) {
            r = fail_ctx(d, ctx, "GetInstance");
        } else {
            r = MI_RESULT_OK;
        }
        eng_ctx_unref(ctx);
        if (r != MI_RESULT_NOT_SUPPORTED)
            return r;
    }
    /* Fallback: enumerate the class and match the keys. */
    if (p->ft->EnumerateInstances == NULL)
        return fail(d, MI_RESULT_NOT_SUPPORTED,
                    "the provider of class %s supports neither GetInstance nor "
                    "EnumerateInstances", cd->name);
    r = enum_class(d, cd, &mt, true);
    if (r != MI_RESULT_OK)
        return r;
    if (m.stopped)
        return MI_RESULT_FAILED;
    if (!m.found) {
        mi_buf_printf(&d->err, "no instance %s in namespace %s", keystring, mi_ns_name(d->ns));
        return MI_RESULT_NOT_FOUND;
    }
    return MI_RESULT_OK;
}

/* The class of the request's instance, checked; NULL when the op was finished. */
static const MI_ClassDecl *instance_class(dctx *d, const char *what)
{
    if (d->req->instance == NULL) {
        fail(d, MI_RESULT_INVALID_PARAMETER, "%s: no instance given", what);
        return NULL;
    }
    return find_class(d, class_of(d->req->instance), what);
}

static void do_get(dctx *d)
{
    const MI_ClassDecl *cd = instance_class(d, "GetInstance");
    MI_Instance *k = NULL;
    const char *ks = NULL;
    target t = {NULL, NULL, false, NULL, NULL};
    MI_Result r;

    if (cd == NULL)
        return;
    mi_buf_reset(&d->err);
    r = key_instance(d, cd, d->req->instance, &k, &ks);
    if (r != MI_RESULT_OK) {
        fail(d, r, "GetInstance: %s", mi_buf_str(&d->err));
        return;
    }
    r = get_one(d, cd, k, ks, &t);
    if (r == MI_RESULT_NOT_FOUND)
        fail(d, r, "%s", mi_buf_str(&d->err));
    else if (r == MI_RESULT_OK)
        eop_finish(d->op, MI_RESULT_OK, NULL, NULL, NULL);
}

/* ---------------------------------------------------------------- lifecycle */

static atomic_uint lifecycle_hubs; /* lifecycle hubs alive: writes look only when > 0 */

/* Posts lifecycle indication `cls` (see the subscribe section) about stored instance
 * src (prev: before a modification) to the lifecycle hubs of the request's namespace.
 * Best effort: an indication that cannot be built is dropped. */
static void lifecycle_post(dctx *d, const char *cls, const char *ks, const MI_Instance *src,
                           const MI_Instance *prev);

/* ---------------------------------------------------------------- create/modify/delete */

/* ModifyInstance of a stored instance: the stored one with every non-NULL property of
 * the request's instance set over it (mi-provider-api §3.3, propertySet NULL).
 * NOT_FOUND when nothing is stored under ks; NO_SUCH_PROPERTY / TYPE_MISMATCH (message
 * in d->err) for a property the class lacks or a value of the wrong type. */
static MI_Result merge_modified(dctx *d, const char *ks, MI_Instance **out)
{
    const MI_Instance *in = d->req->instance;
    MI_Instance *stored = NULL;
    MI_Uint32 n = 0;
    MI_Result r = mi_ns_get_instance(d->ns, ks, &d->a, &stored);

    if (r != MI_RESULT_OK)
        goto out;
    if (in->ft->GetElementCount(in, &n) != MI_RESULT_OK)
        n = 0;
    for (MI_Uint32 i = 0; i < n; i++) {
        const char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f;
        if (in->ft->GetElementAt(in, i, &name, &v, &t, &f) != MI_RESULT_OK || (f & MI_FLAG_NULL))
            continue;
        r = stored->ft->SetElement(stored, name, &v, t, 0);
        if (r != MI_RESULT_OK) {
            mi_buf_printf(&d->err, "cannot set %s: %s", name, mi_cim_last_error());
            goto out;
        }
    }
    *out = stored;
out:
    return r;
}

static void do_write(dctx *d)
{
    const char *what = d->req->kind == MI_OP_CREATE_INSTANCE   ? "CreateInstance"
                       : d->req->kind == MI_OP_MODIFY_INSTANCE ? "ModifyInstance"
                                                               : "DeleteInstance";
    const MI_ClassDecl *cd = instance_class(d, what);
    eng_provider *p = NULL;
    eng_ctx *ctx;
    MI_Instance *k = NULL, *bound = NULL, *merged = NULL, *before = NULL, *after = NULL;
    const char *ks = NULL;
    bool lifecycle;
    target t = {NULL, NULL, false, NULL, NULL};
    MI_Result r;

    if (cd == NULL)
        return;
    mi_buf_reset(&d->err);
    r = key_instance(d, cd, d->req->instance, &k, &ks);
    if (r != MI_RESULT_OK) {
        fail(d, r, "%s: %s", what, mi_buf_str(&d->err));
        return;
    }
    mi_buf_reset(&d->err);
    r = eng_provider_get(d->e, d->ns, cd->name, &p, &d->err);
    if (r != MI_RESULT_OK) {
        fail(d, r, "%s", mi_buf_str(&d->err));
        return;
    }
    if (p == NULL) {
        /* Subscribers to lifecycle indications see the stored instance before (a copy
         * taken here: the modify merges into its own) and after the change. */
        lifecycle = atomic_load(&lifecycle_hubs) > 0;
        if (lifecycle && d->req->kind != MI_OP_CREATE_INSTANCE &&
            mi_ns_get_instance(d->ns, ks, &d->a, &before) != MI_RESULT_OK)
            before = NULL;
        if (d->req->kind == MI_OP_CREATE_INSTANCE) {
            r = mi_ns_create_instance(d->ns, d->req->instance);
        } else if (d->req->kind == MI_OP_MODIFY_INSTANCE) {
            r = merge_modified(d, ks, &merged);
            if (r == MI_RESULT_OK)
                r = mi_ns_modify_instance(d->ns, merged);
            else if (r != MI_RESULT_NOT_FOUND) {
                fail(d, r, "%s %s: %s", what, ks, mi_buf_str(&d->err));
                return;
            }
        } else
            r = mi_ns_delete_instance(d->ns, ks);
        if (r != MI_RESULT_OK) {
            fail(d, r, "%s %s: %s", what, ks, mi_repo_last_error());
            return;
        }
        if (lifecycle && d->req->kind != MI_OP_DELETE_INSTANCE &&
            mi_ns_get_instance(d->ns, ks, &d->a, &after) != MI_RESULT_OK)
            after = NULL;
        if (d->req->kind == MI_OP_CREATE_INSTANCE && after != NULL)
            lifecycle_post(d, "CIM_InstCreation", ks, after, NULL);
        else if (d->req->kind == MI_OP_MODIFY_INSTANCE && after != NULL && before != NULL)
            lifecycle_post(d, "CIM_InstModification", ks, after, before);
        else if (d->req->kind == MI_OP_DELETE_INSTANCE && before != NULL)
            lifecycle_post(d, "CIM_InstDeletion", ks, before, NULL);
        if (d->req->kind == MI_OP_CREATE_INSTANCE && !to_target(&t, d, k))
            return;
        eop_finish(d->op, MI_RESULT_OK, NULL, NULL, NULL);
        return;
    }
    r = bind_to(&d->a, p->pcd != NULL ? p->pcd : cd,
                d->req->kind == MI_OP_DELETE_INSTANCE ? k : d->req->instance, &bound);
    if (r != MI_RESULT_OK) {
        fail(d, r, "%s: cannot bind the instance to class %s", what, cd->name);
        return;
    }
    if ((d->req->kind == MI_OP_CREATE_INSTANCE && p->ft->CreateInstance == NULL) ||
        (d->req->kind == MI_OP_MODIFY_INSTANCE && p->ft->ModifyInstance == NULL) ||
        (d->req->kind == MI_OP_DELETE_INSTANCE && p->ft->DeleteInstance == NULL)) {
        fail(d, MI_RESULT_NOT_SUPPORTED, "the provider of class %s does not support %s",
             cd->name, what);
        return;
    }
    ctx = new_ctx(d, &t);
    if (ctx == NULL) {
        fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        return;
    }
    if (d->req->kind == MI_OP_CREATE_INSTANCE)
        p->ft->CreateInstance(p->self, &ctx->ctx, d->req->ns, cd->name, bound);
    else if (d->req->kind == MI_OP_MODIFY_INSTANCE)
        p->ft->ModifyInstance(p->self, &ctx->ctx, d->req->ns, cd->name, bound, NULL);
    else
        p->ft->DeleteInstance(p->self, &ctx->ctx, d->req->ns, cd->name, bound);
    if (eng_ctx_wait(ctx)) {
        if (ctx->result != MI_RESULT_OK)
            fail_ctx(d, ctx, what);
        else
            eop_finish(d->op, MI_RESULT_OK, NULL, NULL, NULL);
    }
    eng_ctx_unref(ctx);
}

/* ---------------------------------------------------------------- invoke */

typedef struct invoke_out {
    dctx *d;
    const MI_MethodDecl *md;
    MI_Instance *out;    /* the client's view: OUT parameters + ReturnValue */
    MI_Result r;
} invoke_out;

/* Converts the provider's parameter instance: MIReturn -> ReturnValue, IN-only dropped. */
static bool invoke_sink(void *ctx, const MI_Instance *inst)
{
    invoke_out *io = ctx;
    MI_Uint32 n = 0;

    if (io->out != NULL)
        return true; /* only the first result counts */
    io->r = mi_instance_new_dynamic_in(&io->d->a, io->md->name, MI_FLAG_METHOD, &io->out);
    if (io->r != MI_RESULT_OK)
        return false;
    if (inst->ft->GetElementCount(inst, &n) != MI_RESULT_OK)
        n = 0;
    for (MI_Uint32 i = 0; i < n && io->r == MI_RESULT_OK; i++) {
        const char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f;
        const MI_PropertyDecl *pd;
        if (inst->ft->GetElementAt(inst, i, &name, &v, &t, &f) != MI_RESULT_OK)
            continue;
        bool ret = mi_name_eq(name, "MIReturn");
        pd = ret ? NULL : mi_classdecl_property((const MI_ClassDecl *)io->md, name, NULL);
        if (!ret && (pd == NULL || !(pd->flags & MI_FLAG_OUT)))
            continue;
        io->r = io->out->ft->AddElement(io->out, ret ? "ReturnValue" : name,
                                        (f & MI_FLAG_NULL) ? NULL : &v, t,
                                        (f & MI_FLAG_NULL) ? MI_FLAG_NULL : 0);
    }
    return io->r == MI_RESULT_OK;
}

/* Checks the client's IN parameters against md; copies them into a parameter
 * instance of pmd (the provider's decl of the method). */
static MI_Result in_params(dctx *d, const MI_MethodDecl *md, const MI_MethodDecl *pmd,
                           MI_Instance **out)
{
    const MI_Instance *in = d->req->params;
    MI_Instance *pi = NULL;
    MI_Uint32 n = 0;
    MI_Result r = mi_parameters_new_in(&d->a, pmd, &pi);

    if (r != MI_RESULT_OK) {
        mi_buf_printf(&d->err, "cannot make the parameters of method %s", md->name);
        goto out;
    }
    if (in != NULL && in->ft->GetElementCount(in, &n) != MI_RESULT_OK)
        n = 0;
    for (MI_Uint32 i = 0; i < n; i++) {
        const char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f, idx;
        const MI_PropertyDecl *pd;
        if (in->ft->GetElementAt(in, i, &name, &v, &t, &f) != MI_RESULT_OK)
            continue;
        pd = mi_classdecl_property((const MI_ClassDecl *)md, name, NULL);
        if (pd == NULL || !(pd->flags & MI_FLAG_IN) || mi_name_eq(name, "MIReturn")) {
            mi_buf_printf(&d->err, "method %s has no IN parameter %s", md->name, name);
            r = MI_RESULT_INVALID_PARAMETER;
            goto out;
        }
        if ((MI_Type)pd->type != t) {
            mi_buf_printf(&d->err, "parameter %s of method %s is %s, not %s", name, md->name,
                          mi_type_name((MI_Type)pd->type), mi_type_name(t));
            r = MI_RESULT_TYPE_MISMATCH;
            goto out;
        }
        if (f & MI_FLAG_NULL)
            continue;
        if (mi_classdecl_property((const MI_ClassDecl *)pmd, name, &idx) == NULL)
            continue;
        r = pi->ft->SetElementAt(pi, idx, &v, t, 0);
        if (r != MI_RESULT_OK) {
            mi_buf_printf(&d->err, "cannot set parameter %s: %s", name, mi_cim_last_error());
            goto out;
        }
    }
    *out = pi;
out:
    return r;
}

static void do_invoke(dctx *d)
{
    const MI_ClassDecl *cd;
    const MI_MethodDecl *md, *pmd;
    eng_provider *p = NULL;
    eng_ctx *ctx;
    MI_Instance *k = NULL, *bound = NULL, *params = NULL;
    const char *ks = NULL;
    invoke_out io = {d, NULL, NULL, MI_RESULT_OK};
    target t = {invoke_sink, &io, false, NULL, NULL};
    MI_Result r;

    cd = find_class(d, d->req->instance != NULL ? class_of(d->req->instance)
                                                : d->req->class_name, "Invoke");
    if (cd == NULL)
        return;
    if (d->req->method == NULL || (md = mi_classdecl_method(cd, d->req->method, NULL)) == NULL) {
        fail(d, MI_RESULT_METHOD_NOT_FOUND, "class %s has no method %s", cd->name,
             d->req->method != NULL ? d->req->method : "(NULL)");
        return;
    }
    mi_buf_reset(&d->err);
    if (d->req->instance != NULL) {
        r = key_instance(d, cd, d->req->instance, &k, &ks);
        if (r != MI_RESULT_OK) {
            fail(d, r, "Invoke: %s", mi_buf_str(&d->err));
            return;
        }
    } else if (mi_qualifier_find(md->qualifiers, md->numQualifiers, "Static") == NULL) {
        fail(d, MI_RESULT_INVALID_PARAMETER,
             "method %s of class %s is not static: an instance is required", md->name,
             cd->name);
        return;
    }
    r = eng_provider_get(d->e, d->ns, cd->name, &p, &d->err);
    if (r != MI_RESULT_OK) {
        fail(d, r, "%s", mi_buf_str(&d->err));
        return;
    }
    if (p == NULL) {
        fail(d, MI_RESULT_NOT_SUPPORTED, "class %s has no provider to run method %s",
             cd->name, md->name);
        return;
    }
    pmd = p->pcd != NULL ? mi_classdecl_method(p->pcd, md->name, NULL) : md;
    if (pmd == NULL || (pmd->function == NULL && p->ft->Invoke == NULL)) {
        fail(d, MI_RESULT_NOT_SUPPORTED, "the provider of class %s does not implement %s",
             cd->name, md->name);
        return;
    }
    mi_buf_reset(&d->err);
    r = in_params(d, md, pmd, &params);
    if (r != MI_RESULT_OK) {
        fail(d, r, "Invoke: %s", mi_buf_str(&d->err));
        return;
    }
    if (k != NULL && bind_to(&d->a, p->pcd != NULL ? p->pcd : cd, k, &bound) != MI_RESULT_OK) {
        fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        return;
    }
    io.md = md;
    ctx = new_ctx(d, &t);
    if (ctx == NULL) {
        fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        return;
    }
    if (pmd->function != NULL)
        pmd->function(p->self, &ctx->ctx, d->req->ns, cd->name, md->name, bound, params);
    else
        p->ft->Invoke(p->self, &ctx->ctx, d->req->ns, cd->name, md->name, bound, params);
    if (eng_ctx_wait(ctx)) {
        if (ctx->result != MI_RESULT_OK)
            fail_ctx(d, ctx, "Invoke");
        else if (io.r != MI_RESULT_OK)
            fail(d, io.r, "cannot copy the output parameters of %s", md->name);
        else
            eop_finish(d->op, MI_RESULT_OK, NULL, NULL, io.out);
    }
    eng_ctx_unref(ctx);
}

/* ---------------------------------------------------------------- classes */

static void do_get_class(dctx *d)
{
    const MI_ClassDecl *cd = find_class(d, d->req->class_name, "GetClass");

    if (cd == NULL)
        return;
    if (eop_post_class(d->op, cd, mi_ns_name(d->ns), false) == MI_RESULT_OK)
        eop_finish(d->op, MI_RESULT_OK, NULL, NULL, NULL);
    else if (!eop_final_set(d->op))
        fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory copying class %s", cd->name);
}

static void do_enumerate_classes(dctx *d)
{
    const MI_ClassDecl *base = NULL;
    bool shallow = (d->req->flags & DEEP_BASE_PROPS_ONLY) == SHALLOW;
    size_t n = mi_ns_class_count(d->ns);

    if (d->req->class_name != NULL && d->req->class_name[0] != '\0') {
        base = find_class(d, d->req->class_name, "EnumerateClasses");
        if (base == NULL)
            return;
    }
    for (size_t i = 0; i < n; i++) {
        const MI_ClassDecl *c = mi_ns_class_at(d->ns, i);
        bool want;
        if (base == NULL)
            want = !shallow || c->superClass == NULL;
        else if (shallow)
            want = c->superClass != NULL && mi_name_eq(c->superClass, base->name);
        else
            want = c != base && mi_classdecl_is_a(c, base->name);
        if (!want)
            continue;
        if (d->req->class_names_only) {
            /* Only the name (and the parent's name, flags and code): a private copy of a
             * decl without members or qualifiers. */
            MI_ClassDecl bare = *c;
            bare.qualifiers = NULL;
            bare.numQualifiers = 0;
            bare.properties = NULL;
            bare.numProperties = 0;
            bare.methods = NULL;
            bare.numMethods = 0;
            bare.superClassDecl = NULL;
            bare.size = sizeof(MI_Instance);
            bare.providerFT = NULL;
            bare.owningClass = NULL;
            if (eop_post_class(d->op, &bare, mi_ns_name(d->ns), true) != MI_RESULT_OK)
                goto out_failed;
        } else if (eop_post_class(d->op, c, mi_ns_name(d->ns), false) != MI_RESULT_OK) {
            goto out_failed;
        }
    }
    eop_finish(d->op, MI_RESULT_OK, NULL, NULL, NULL);
    return;
out_failed:
    if (!eop_final_set(d->op))
        fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory copying classes");
}

/* ---------------------------------------------------------------- associations */

typedef struct assoc {
    dctx *d;
    bool refs;                       /* References (else Associators) */
    const MI_ClassDecl *scd;         /* the source's class */
    const char *src_keys;            /* key part of the source's key string */
    const MI_ClassDecl *acd;         /* association class being walked */
    mi_map seen;                     /* far ends already listed (Associators) */
    mi_vec far;                      /* far ends to fetch: MI_Instance* key instances */
    bool failed;
} assoc;

/* The part of a key string after the class name ("Class.k=v" -> "k=v", "C=@" -> "@"). */
static const char *keys_part(const char *ks)
{
    const char *p = strpbrk(ks, ".=");
    return p == NULL ? ks : (*p == '.' ? p + 1 : p);
}

/* True if classes a and b (names) are the same or one derives from the other in ns. */
static bool related(mi_ns *ns, const char *a, const char *b)
{
    const MI_ClassDecl *ca = mi_ns_class(ns, a), *cb = mi_ns_class(ns, b);
    if (ca == NULL || cb == NULL)
        return mi_name_eq(a, b);
    return mi_classdecl_is_a(ca, cb->name) || mi_classdecl_is_a(cb, ca->name);
}

/* True if reference value ref names the source. */
static bool refers_to_source(assoc *as, const MI_Instance *ref)
{
    mi_buf ks;
    bool same = false;
    const char *cls = class_of(ref);

    if (cls == NULL || !related(as->d->ns, cls, as->scd->name))
        return false;
    mi_buf_init(&ks, 64 * 1024);
    if (mi_instance_keystring(ref, &ks) == MI_RESULT_OK)
        same = strcmp(keys_part(mi_buf_str(&ks)), as->src_keys) == 0;
    mi_buf_free(&ks);
    return same;
}

static bool want_class(mi_ns *ns, const char *cls, const char *filter)
{
    const MI_ClassDecl *c;
    if (filter == NULL || filter[0] == '\0')
        return true;
    c = mi_ns_class(ns, cls);
    return c != NULL && mi_classdecl_is_a(c, filter);
}

/* One association instance: posts it (References) or records its far ends. */
static bool assoc_sink(void *ctx, const MI_Instance *ai)
{
    assoc *as = ctx;
    dctx *d = as->d;
    const MI_ClassDecl *acd = as->acd;
    const char *role = d->req->role;
    int matched = -1;

    for (MI_Uint32 i = 0; i < acd->numProperties && matched < 0; i++) {
        const MI_PropertyDecl *pd = acd->properties[i];
        MI_Value v;
        MI_Type t;
        MI_Uint32 f = 0;
        if (pd->type != MI_REFERENCE || (role != NULL && !mi_name_eq(role, pd->name)))
            continue;
        if (ai->ft->GetElement(ai, pd->name, &v, &t, &f, NULL) != MI_RESULT_OK ||
            (f & MI_FLAG_NULL) || t != MI_REFERENCE || v.reference == NULL)
            continue;
        if (refers_to_source(as, v.reference))
            matched = (int)i;
    }
    if (matched < 0)
        return true;
    if (as->refs)
        return eop_post_instance(d->op, ai, d->req->keys_only != 0, NULL) == MI_RESULT_OK;
    for (MI_Uint32 i = 0; i < acd->numProperties; i++) {
        const MI_PropertyDecl *pd = acd->properties[i];
        MI_Value v, copy;
        MI_Type t;
        MI_Uint32 f = 0;
        mi_buf ks;
        char *key;
        if (pd->type != MI_REFERENCE || (int)i == matched ||
            (d->req->result_role != NULL && !mi_name_eq(d->req->result_role, pd->name)))
            continue;
        if (ai->ft->GetElement(ai, pd->name, &v, &t, &f, NULL) != MI_RESULT_OK ||
            (f & MI_FLAG_NULL) || t != MI_REFERENCE || v.reference == NULL)
            continue;
        const char *fcls = class_of(v.reference);
        if (fcls == NULL || !want_class(d->ns, fcls, d->req->result_class))
            continue;
        mi_buf_init(&ks, 64 * 1024);
        if (mi_instance_keystring(v.reference, &ks) != MI_RESULT_OK) {
            mi_buf_free(&ks);
            continue;
        }
        key = mi_arena_strdup(&d->a, mi_buf_str(&ks));
        mi_buf_free(&ks);
        if (key == NULL || mi_value_copy(&d->a, MI_REFERENCE, &v, &copy) != MI_RESULT_OK) {
            as->failed = true;
            return false;
        }
        int put = mi_map_put(&as->seen, key, copy.reference, NULL);
        if (put < 0 || (put == 0 && mi_vec_push(&as->far, copy.reference) != 0)) {
            as->failed = true;
            return false;
        }
    }
    return true;
}

/* Far ends a provider's AssociatorInstances posts: each path once. */
static bool dedupe_sink(void *ctx, const MI_Instance *inst)
{
    assoc *as = ctx;
    dctx *d = as->d;
    mi_buf ks;
    char *key = NULL;
    int put;

    mi_buf_init(&ks, 64 * 1024);
    if (mi_instance_keystring(inst, &ks) == MI_RESULT_OK)
        key = mi_arena_strdup(&d->a, mi_buf_str(&ks));
    mi_buf_free(&ks);
    if (key == NULL) /* no path: cannot be deduplicated, pass it on */
        return eop_post_instance(d->op, inst, d->req->keys_only != 0, NULL) == MI_RESULT_OK;
    put = mi_map_put(&as->seen, key, key, NULL);
    if (put < 0) {
        as->failed = true;
        return false;
    }
    if (put == 1)
        return true;
    return eop_post_instance(d->op, inst, d->req->keys_only != 0, NULL) == MI_RESULT_OK;
}

/* Walks association class acd for the source: via the provider's own
 * Reference/AssociatorInstances, else by enumerating it and filtering. A provider
 * whose own implementation answers NOT_SUPPORTED (for this class or these filters) is
 * walked the generic way too; it must not have posted anything before that answer. */
static MI_Result walk_assoc(assoc *as, const MI_Instance *src)
{
    dctx *d = as->d;
    eng_provider *p = NULL;
    eng_ctx *ctx;
    MI_Result r;
    static_walk w;
    target at = {assoc_sink, as, false, NULL, NULL};

    mi_buf_reset(&d->err);
    r = eng_provider_get(d->e, d->ns, as->acd->name, &p, &d->err);
    if (r != MI_RESULT_OK)
        return fail(d, r, "%s", mi_buf_str(&d->err));
    if (p == NULL) {
        w = (static_walk){d, &at, false};
        r = mi_ns_each_reference(d->ns, src, as->acd->name, d->req->role, static_each, &w);
        if (r != MI_RESULT_OK)
            return fail(d, r, "reading references of class %s: %s", as->acd->name,
                        mi_repo_last_error());
        return as->failed ? fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory")
               : w.stopped && as->refs ? MI_RESULT_FAILED
                                       : MI_RESULT_OK;
    }
    if (as->refs && p->ft->ReferenceInstances != NULL) {
        target t = {NULL, NULL, d->req->keys_only != 0, NULL, NULL};
        ctx = new_ctx(d, &t);
        if (ctx == NULL)
            return fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        p->ft->ReferenceInstances(p->self, &ctx->ctx, d->req->ns, as->acd->name, src,
                                  d->req->role, NULL, d->req->keys_only, NULL);
    } else if (!as->refs && p->ft->AssociatorInstances != NULL) {
        /* The provider returns far ends itself: deduplicate them by path. */
        target t = {dedupe_sink, as, false, NULL, NULL};
        ctx = new_ctx(d, &t);
        if (ctx == NULL)
            return fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        p->ft->AssociatorInstances(p->self, &ctx->ctx, d->req->ns, as->acd->name, src,
                                   d->req->result_class, d->req->role, d->req->result_role,
                                   NULL, d->req->keys_only, NULL);
    } else {
        goto fallback;
    }
    r = MI_RESULT_OK;
    if (!eng_ctx_wait(ctx))
        r = MI_RESULT_FAILED;
    else if (ctx->result == MI_RESULT_NOT_SUPPORTED)
        r = MI_RESULT_NOT_SUPPORTED; /* the generic way below */
    else if (ctx->result != MI_RESULT_OK)
        r = fail_ctx(d, ctx, as->refs ? "ReferenceInstances" : "AssociatorInstances");
    eng_ctx_unref(ctx);
    if (r == MI_RESULT_NOT_SUPPORTED)
        goto fallback;
    return r;
fallback:
    return enum_class(d, as->acd, &at, true) == MI_RESULT_OK && !as->failed
               ? MI_RESULT_OK
               : (as->failed ? fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory")
                             : MI_RESULT_FAILED);
}

/* True if association class acd has a REF role that can point at the source (and is
 * named `role` when given). */
static bool can_refer(dctx *d, const MI_ClassDecl *acd, const MI_ClassDecl *scd)
{
    for (MI_Uint32 i = 0; i < acd->numProperties; i++) {
        const MI_PropertyDecl *pd = acd->properties[i];
        if (pd->type != MI_REFERENCE)
            continue;
        if (d->req->role != NULL && !mi_name_eq(d->req->role, pd->name))
            continue;
        if (pd->className == NULL || related(d->ns, pd->className, scd->name))
            return true;
    }
    return false;
}

static void do_assoc(dctx *d)
{
    bool refs = d->req->kind == MI_OP_REFERENCE_INSTANCES;
    const char *what = refs ? "ReferenceInstances" : "AssociatorInstances";
    const MI_ClassDecl *scd = instance_class(d, what);
    const char *filter = refs ? d->req->result_class : d->req->assoc_class;
    MI_Instance *k = NULL;
    const char *ks = NULL;
    assoc as;
    MI_Result r;
    size_t n = mi_ns_class_count(d->ns);
    target t = {NULL, NULL, d->req->keys_only != 0, NULL, NULL};

    if (scd == NULL)
        return;
    if (filter != NULL && filter[0] != '\0' && find_class(d, filter, what) == NULL)
        return;
    if (!refs && d->req->result_class != NULL && d->req->result_class[0] != '\0' &&
        find_class(d, d->req->result_class, what) == NULL)
        return;
    mi_buf_reset(&d->err);
    r = key_instance(d, scd, d->req->instance, &k, &ks);
    if (r != MI_RESULT_OK) {
        fail(d, r, "%s: %s", what, mi_buf_str(&d->err));
        return;
    }
    memset(&as, 0, sizeof as);
    as.d = d;
    as.refs = refs;
    as.scd = scd;
    as.src_keys = keys_part(ks);
    mi_map_init(&as.seen);
    for (size_t i = 0; i < n; i++) {
        const MI_ClassDecl *acd = mi_ns_class_at(d->ns, i);
        if (!(acd->flags & MI_FLAG_ASSOCIATION) || !want_class(d->ns, acd->name, filter) ||
            !can_refer(d, acd, scd))
            continue;
        as.acd = acd;
        if (walk_assoc(&as, k) != MI_RESULT_OK)
            goto out;
    }
    for (size_t i = 0; i < as.far.len; i++) {
        const MI_Instance *ref = as.far.items[i];
        const MI_ClassDecl *fcd = mi_ns_class(d->ns, class_of(ref));
        MI_Instance *fk = NULL;
        const char *fks = NULL;
        if (fcd == NULL)
            continue; /* a reference to a class this namespace does not have */
        if (d->req->keys_only) {
            if (eop_post_instance(d->op, ref, true, NULL) != MI_RESULT_OK)
                goto out;
            continue;
        }
        mi_buf_reset(&d->err);
        if (key_instance(d, fcd, ref, &fk, &fks) != MI_RESULT_OK)
            continue; /* a malformed reference names nothing */
        r = get_one(d, fcd, fk, fks, &t);
        if (r != MI_RESULT_OK && r != MI_RESULT_NOT_FOUND)
            goto out; /* NOT_FOUND: a dangling reference, skipped */
    }
    eop_finish(d->op, MI_RESULT_OK, NULL, NULL, NULL);
out:
    mi_map_free(&as.seen);
    mi_vec_free(&as.far);
}

/* ---------------------------------------------------------------- subscribe */

/* Subscriptions (MI_OP_SUBSCRIBE). A subscription is a WQL/CQL query whose FROM class
 * is an indication class; it is served by the providers of that class and of its
 * subclasses (deep). Its dispatch keeps its worker thread until the operation ends
 * (cancel, close, timeout, or a provider ending it), which keeps the modules involved
 * in use (the dispatch scope), then undoes what it set up.
 *
 * Hubs: one per (provider, class) with at least one subscription, on a process-wide
 * list. The first subscription creates the hub and its indications context
 * (ENG_CTX_INDICATION, holding a use of the module) and calls EnableIndications on
 * it; each subscription then calls Subscribe (its own context, exactly one result;
 * an error fails that subscription). The last one to leave calls DisableIndications
 * (and waits for its result, at most the Load timeout). Every PostIndication on the
 * hub's context is evaluated against each attached subscription's WHERE clause and
 * projected like a query result, then queued (moreResults TRUE). A detached
 * subscription gets no further posts: detaching marks its link gone and waits for the
 * post under way to it, if any (it ends at once: the op is stopped or finished).
 * hubs_mu serializes set-up and tear-down (and the provider calls they make); a
 * provider's posts never take it. Indications are never dropped: a post waits while a
 * subscriber's queue is full, so a subscriber that does not read stalls the provider's
 * posting thread, and with it the other subscriptions of that provider.
 *
 * A terminal post on an indications context outside DisableIndications (the provider
 * ends delivery) ends every subscription attached with that result (OK included) and
 * the hub is not used again. No provider for any class: the subscription waits (no
 * error) until it is stopped. A provider without EnableIndications is skipped for a
 * subclass, NOT_SUPPORTED for the FROM class itself.
 *
 * Lifecycle indications: CIM_InstCreation / CIM_InstDeletion / CIM_InstModification
 * (when the namespace has them and no provider serves them) get a built-in hub
 * (p NULL, no context, no provider calls). A create, modify or delete of a stored
 * instance through the engine posts one to the hubs of its namespace: SourceInstance
 * (the stored instance after the change; before it for a deletion), PreviousInstance
 * (modification: before it) and SourceInstanceModelPath (the key string), on the
 * writer's thread with hubs_mu held (so a full subscriber queue delays the write, and
 * the set-up and tear-down of subscriptions meanwhile). Writes through
 * providers post nothing (their providers would; GetLifecycleIndicationContext is
 * not supported). */

#define SUB_MAX_LINKS 256u          /* most (provider, class) pairs one subscription spans */
#define SUB_NAP_NS    20000000u     /* how often a waiting subscription looks at its op */

typedef struct sub_state {
    mi_op *op;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool ended;                     /* a hub ended the subscription (under mu) */
} sub_state;

struct ind_hub;

typedef struct ind_link {
    struct ind_hub *hub;
    sub_state *sub;
    query_block *qb;                /* referenced */
    const MI_ClassDecl *only;       /* projection (in qb's arena), NULL: none */
    MI_Uint64 id;
    void *subself;
    bool subscribed;                /* Subscribe was called: Unsubscribe at the end */
    unsigned inflight;              /* posts to it under way (under hub->mu) */
    bool gone;                      /* being detached: no new posts (under hub->mu) */
    struct ind_link *next;          /* hub->links (under hub->mu) */
} ind_link;

typedef struct ind_hub {
    mi_engine *e;
    eng_provider *p;                /* NULL: built-in lifecycle hub */
    char *ns, *cls;
    eng_ctx *ctx;                   /* the indications context (our reference); NULL
                                     * for a lifecycle hub */
    pthread_mutex_t mu;             /* links, dead, disabling, the links' inflight/gone */
    pthread_cond_t cv;              /* a link's inflight dropped to 0 */
    ind_link *links;
    unsigned n_links;               /* under hubs_mu */
    bool dead;                      /* terminal post seen outside DisableIndications */
    bool disabling;
    struct ind_hub *next;           /* hubs (under hubs_mu) */
} ind_hub;

static pthread_mutex_t hubs_mu = PTHREAD_MUTEX_INITIALIZER;
static ind_hub *hubs;
static atomic_uint_fast64_t next_subscription_id = 1;

static const char *const lifecycle_classes[] = {"CIM_InstCreation", "CIM_InstDeletion",
                                                "CIM_InstModification"};

static bool is_lifecycle(const char *cls)
{
    bool yes = false;
    for (size_t i = 0; i < sizeof lifecycle_classes / sizeof lifecycle_classes[0] && !yes; i++)
        yes = mi_name_eq(cls, lifecycle_classes[i]);
    return yes;
}

static void sub_end(sub_state *s)
{
    pthread_mutex_lock(&s->mu);
    s->ended = true;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

/* The indications context's sink (called under ctx->mu): each attached subscription
 * whose WHERE is TRUE gets the indication. A copy or evaluation failure ends that
 * subscription alone. Always true: one subscription's trouble does not stop the
 * provider. */
static bool hub_post(void *sctx, const MI_Instance *inst)
{
    ind_hub *h = sctx;

    /* The lock is dropped while posting to one link (which may wait on its full
     * queue); inflight keeps that link listed (sub_detach waits for it), and l->next
     * is read again under the lock. */
    pthread_mutex_lock(&h->mu);
    for (ind_link *l = h->links; l != NULL; l = l->next) {
        mi_op *op = l->sub->op;
        bool hit = false;
        MI_Result r;
        if (l->gone || eop_stopped(op) || eop_final_set(op))
            continue;
        l->inflight++;
        pthread_mutex_unlock(&h->mu);
        r = wql_eval(l->qb->q, inst, &hit);
        if (r == MI_RESULT_OK && hit)
            r = eop_post_instance(op, inst, false, l->only);
        if (r != MI_RESULT_OK && !eop_stopped(op)) {
            eop_finish(op, r, r == MI_RESULT_SERVER_LIMITS_EXCEEDED
                                  ? "out of memory evaluating or copying an indication"
                                  : "an indication could not be evaluated or copied",
                       NULL, NULL);
            sub_end(l->sub);
        }
        pthread_mutex_lock(&h->mu);
        if (--l->inflight == 0 && l->gone)
            pthread_cond_broadcast(&h->cv);
    }
    pthread_mutex_unlock(&h->mu);
    return true;
}

/* The indications context's terminal post (under ctx->mu). */
static void hub_end(void *sctx, MI_Result code, const char *msg, const MI_Instance *err)
{
    ind_hub *h = sctx;
    char text[512];

    pthread_mutex_lock(&h->mu);
    if (!h->disabling) {
        h->dead = true;
        if (msg == NULL && code != MI_RESULT_OK) {
            snprintf(text, sizeof text,
                     "the indication provider of class %s ended delivery with MI_Result %d",
                     h->cls, (int)code);
            msg = text;
        }
        for (ind_link *l = h->links; l != NULL; l = l->next) {
            eop_finish(l->sub->op, code, msg, code != MI_RESULT_OK ? err : NULL, NULL);
            sub_end(l->sub);
        }
    }
    pthread_mutex_unlock(&h->mu);
}

/* Frees h (off the list, no links). Its context no longer reaches h, and is ended
 * here if the provider did not end it (no DisableIndications, or no result in time):
 * later posts on it fail. */
static void hub_free(ind_hub *h)
{
    if (h->ctx != NULL) {
        pthread_mutex_lock(&h->ctx->mu);
        h->ctx->sink = NULL;
        h->ctx->on_end = NULL;
        h->ctx->sctx = NULL;
        pthread_mutex_unlock(&h->ctx->mu);
        MI_Context_PostResult(&h->ctx->ctx, MI_RESULT_OK); /* FAILED (ignored) if ended */
        eng_ctx_unref(h->ctx);
    } else {
        atomic_fetch_sub(&lifecycle_hubs, 1);
    }
    pthread_mutex_destroy(&h->mu);
    pthread_cond_destroy(&h->cv);
    mi_free(h->ns);
    mi_free(h->cls);
    mi_free(h);
}

/* Detaches l (set up by sub_attach): no post reaches its op after the hub's lock is
 * dropped; Unsubscribe if Subscribe was called, then DisableIndications when l was the
 * hub's last subscription. Frees l. */
static void sub_detach(ind_link *l)
{
    ind_hub *h = l->hub;
    const MI_ProviderFT *ft = h->p != NULL ? h->p->ft : NULL;
    eng_ctx *uc;

    pthread_mutex_lock(&hubs_mu);
    pthread_mutex_lock(&h->mu);
    /* A post under way to l ends soon: l's op is stopped or finished. */
    l->gone = true;
    while (l->inflight > 0)
        pthread_cond_wait(&h->cv, &h->mu);
    for (ind_link **pp = &h->links; *pp != NULL; pp = &(*pp)->next) {
        if (*pp == l) {
            *pp = l->next;
            break;
        }
    }
    pthread_mutex_unlock(&h->mu);
    h->n_links--;
    if (l->subscribed && ft != NULL && ft->Unsubscribe != NULL &&
        (uc = eng_ctx_new(h->e, NULL, ENG_CTX_LOAD)) != NULL) {
        ft->Unsubscribe(h->p->self, &uc->ctx, h->ns, h->cls, l->id, l->subself);
        eng_ctx_wait(uc); /* bounded: the Load timeout */
        eng_ctx_unref(uc);
    }
    if (h->n_links == 0) {
        for (ind_hub **pp = &hubs; *pp != NULL; pp = &(*pp)->next) {
            if (*pp == h) {
                *pp = h->next;
                break;
            }
        }
        pthread_mutex_lock(&h->mu);
        h->disabling = true;
        pthread_mutex_unlock(&h->mu);
        if (!h->dead && ft != NULL && ft->DisableIndications != NULL) {
            ft->DisableIndications(h->p->self, &h->ctx->ctx, h->ns, h->cls);
            eng_ctx_wait(h->ctx); /* bounded: the Load timeout */
        }
        hub_free(h);
    }
    pthread_mutex_unlock(&hubs_mu);
    query_unref(l->qb);
    mi_free(l);
}

/* Attaches subscription s to the hub of (p, c) - creating it and calling
 * EnableIndications if it is the first - then calls Subscribe and waits for its
 * result. *out is set whenever a link was made (detach it even on failure). OK, or
 * the op was finished with the error (or stopped). */
static MI_Result sub_attach(dctx *d, sub_state *s, eng_provider *p, const MI_ClassDecl *c,
                            query_block *qb, const MI_ClassDecl *only, ind_link **out)
{
    MI_Result r = MI_RESULT_OK;
    ind_hub *h;
    ind_link *l;
    eng_ctx *sc;
    bool fresh = false;

    *out = NULL;
    pthread_mutex_lock(&hubs_mu);
    for (h = hubs; h != NULL; h = h->next) {
        if (h->p == p && h->e == d->e && !h->dead && strcmp(h->cls, c->name) == 0 &&
            strcmp(h->ns, d->req->ns) == 0)
            break;
    }
    if (h == NULL) {
        h = mi_calloc(1, sizeof *h);
        if (h == NULL)
            goto out_nomem;
        h->e = d->e;
        h->p = p;
        h->ns = mi_strdup(d->req->ns);
        h->cls = mi_strdup(c->name);
        if (p != NULL)
            h->ctx = eng_ctx_new(d->e, NULL, ENG_CTX_INDICATION);
        if (h->ns == NULL || h->cls == NULL || (p != NULL && h->ctx == NULL)) {
            if (h->ctx != NULL) {
                MI_Context_PostResult(&h->ctx->ctx, MI_RESULT_OK);
                eng_ctx_unref(h->ctx);
            }
            mi_free(h->ns);
            mi_free(h->cls);
            mi_free(h);
            goto out_nomem;
        }
        pthread_mutex_init(&h->mu, NULL);
        pthread_cond_init(&h->cv, NULL);
        if (h->ctx != NULL) {
            h->ctx->sink = hub_post;
            h->ctx->on_end = hub_end;
            h->ctx->sctx = h;
        } else {
            atomic_fetch_add(&lifecycle_hubs, 1);
        }
        h->next = hubs;
        hubs = h;
        fresh = true;
    }
    l = mi_calloc(1, sizeof *l);
    if (l == NULL) {
        if (fresh) {
            hubs = h->next;
            hub_free(h); /* never handed to the provider */
        }
        goto out_nomem;
    }
    l->hub = h;
    l->sub = s;
    l->qb = qb;
    atomic_fetch_add(&qb->refs, 1);
    l->only = only;
    l->id = atomic_fetch_add(&next_subscription_id, 1);
    pthread_mutex_lock(&h->mu);
    l->next = h->links;
    h->links = l;
    pthread_mutex_unlock(&h->mu);
    h->n_links++;
    *out = l;
    if (p == NULL)
        goto out;
    if (fresh)
        p->ft->EnableIndications(p->self, &h->ctx->ctx, d->req->ns, c->name);
    if (p->ft->Subscribe == NULL || eop_final_set(d->op))
        goto out;
    sc = eng_ctx_new(d->e, d->op, ENG_CTX_LOAD);
    if (sc == NULL) {
        r = fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        goto out;
    }
    l->subscribed = true;
    p->ft->Subscribe(p->self, &sc->ctx, d->req->ns, c->name,
                     eng_provider_filters(p) ? &qb->f.filter : NULL, NULL, l->id, &l->subself);
    if (!eng_ctx_wait(sc))
        r = MI_RESULT_FAILED; /* stopped: the final result is set */
    else if (sc->result != MI_RESULT_OK)
        r = fail_ctx(d, sc, "Subscribe");
    eng_ctx_unref(sc);
    goto out;
out_nomem:
    r = fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
out:
    pthread_mutex_unlock(&hubs_mu);
    return r;
}

static void lifecycle_post(dctx *d, const char *cls, const char *ks, const MI_Instance *src,
                           const MI_Instance *prev)
{
    const MI_ClassDecl *cd = NULL;
    MI_Instance *ind = NULL;
    mi_arena tmp;
    MI_Value v;

    mi_arena_init(&tmp, 0, (size_t)16 << 20);
    pthread_mutex_lock(&hubs_mu);
    for (ind_hub *h = hubs; h != NULL; h = h->next) {
        if (h->p != NULL || h->e != d->e || strcmp(h->ns, d->req->ns) != 0 ||
            !mi_name_eq(h->cls, cls))
            continue;
        if (ind == NULL) {
            cd = mi_ns_class(d->ns, cls);
            if (cd == NULL || mi_instance_new_in(&tmp, cd, d->req->ns, NULL, &ind) != MI_RESULT_OK)
                break;
            v.instance = (MI_Instance *)src;
            if (ind->ft->SetElement(ind, "SourceInstance", &v, MI_INSTANCE, 0) != MI_RESULT_OK)
                break;
            v.string = (MI_Char *)ks;
            ind->ft->SetElement(ind, "SourceInstanceModelPath", &v, MI_STRING, 0);
            v.instance = (MI_Instance *)prev;
            if (prev != NULL &&
                ind->ft->SetElement(ind, "PreviousInstance", &v, MI_INSTANCE, 0) != MI_RESULT_OK)
                break;
        }
        hub_post(h, ind);
    }
    pthread_mutex_unlock(&hubs_mu);
    mi_arena_destroy(&tmp);
}

/* True when cd or a superclass has the Indication qualifier (it is not inherited). */
static bool is_indication_class(const MI_ClassDecl *cd)
{
    bool yes = false;
    for (; cd != NULL && !yes; cd = cd->superClassDecl)
        yes = (cd->flags & MI_FLAG_INDICATION) != 0;
    return yes;
}

/* Waits until op is stopped (cancel, close, timeout: stops it at its deadline) or s
 * was ended by a hub. */
static void sub_wait(sub_state *s)
{
    struct timespec ts;

    pthread_mutex_lock(&s->mu);
    while (!s->ended && !eop_stopped(s->op) && !eop_final_set(s->op)) {
        uint64_t now = eng_now_ns(), dl = eop_deadline(s->op), nap = now + SUB_NAP_NS;
        if (dl != 0 && now >= dl) {
            pthread_mutex_unlock(&s->mu);
            eop_stop(s->op, EOP_STOP_TIMEOUT, MI_REASON_TIMEOUT);
            pthread_mutex_lock(&s->mu);
            continue;
        }
        if (dl != 0 && dl < nap)
            nap = dl;
        ts.tv_sec = (time_t)(nap / 1000000000u);
        ts.tv_nsec = (long)(nap % 1000000000u);
        pthread_cond_timedwait(&s->cv, &s->mu, &ts);
    }
    pthread_mutex_unlock(&s->mu);
}

static void do_subscribe(dctx *d)
{
    const char *dialect = wql_dialect(d->req->query_dialect);
    query_block *qb = NULL;
    const MI_ClassDecl *cd;
    class_list l = {MI_VEC_INIT, false};
    ind_link *links[SUB_MAX_LINKS];
    unsigned n_links = 0;
    sub_state s;
    pthread_condattr_t ca;
    MI_Result r;
    bool oom = false;

    memset(&s, 0, sizeof s);
    s.op = d->op;
    pthread_mutex_init(&s.mu, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&s.cv, &ca);
    pthread_condattr_destroy(&ca);
    if (dialect == NULL) {
        fail(d, MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED,
             "Subscribe: query language '%.200s' is not supported (use WQL or CQL)",
             d->req->query_dialect != NULL ? d->req->query_dialect : "");
        goto out;
    }
    if (d->req->query == NULL) {
        fail(d, MI_RESULT_INVALID_PARAMETER, "Subscribe: no query given");
        goto out;
    }
    qb = mi_calloc(1, sizeof *qb);
    if (qb == NULL) {
        fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        goto out;
    }
    atomic_init(&qb->refs, 1);
    mi_arena_init(&qb->a, 0, (size_t)64 << 20);
    qb->op = d->op;
    mi_buf_reset(&d->err);
    r = wql_parse(&qb->a, d->req->query, &qb->q, &d->err);
    if (r != MI_RESULT_OK) {
        fail(d, r, "Subscribe: %s", mi_buf_str(&d->err));
        goto out;
    }
    cd = mi_ns_class(d->ns, wql_class(qb->q));
    if (cd == NULL) {
        fail(d, MI_RESULT_INVALID_CLASS,
             "Subscribe: class %s (FROM) does not exist in namespace %s", wql_class(qb->q),
             mi_ns_name(d->ns));
        goto out;
    }
    if (!is_indication_class(cd)) {
        fail(d, MI_RESULT_INVALID_CLASS,
             "Subscribe: class %s (FROM) is not an indication class (no Indication "
             "qualifier on it or a superclass)", cd->name);
        goto out;
    }
    r = wql_bind(qb->q, cd, &d->err);
    if (r != MI_RESULT_OK) {
        fail(d, r, "Subscribe: %s", mi_buf_str(&d->err));
        goto out;
    }
    wql_filter_init(&qb->f, qb->q, dialect);
    if (!list_classes(d, cd, 0, &l))
        goto out;
    for (size_t i = 0; i < l.v.len; i++) {
        const MI_ClassDecl *c = l.v.items[i];
        const MI_ClassDecl *only;
        eng_provider *p = NULL;
        mi_buf_reset(&d->err);
        r = eng_provider_get(d->e, d->ns, c->name, &p, &d->err);
        if (r != MI_RESULT_OK) {
            fail(d, r, "%s", mi_buf_str(&d->err));
            goto out_detach;
        }
        if (p == NULL && !is_lifecycle(c->name))
            continue;
        if (p != NULL && p->ft->EnableIndications == NULL) {
            if (c != cd)
                continue;
            fail(d, MI_RESULT_NOT_SUPPORTED,
                 "the provider of class %s does not deliver indications", c->name);
            goto out_detach;
        }
        if (n_links == SUB_MAX_LINKS) {
            fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                 "Subscribe: class %s has more than %u indication providers", cd->name,
                 SUB_MAX_LINKS);
            goto out_detach;
        }
        only = query_projection(qb, c, cd, false, &oom);
        if (oom) {
            fail(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            goto out_detach;
        }
        r = sub_attach(d, &s, p, c, qb, only, &links[n_links]);
        if (links[n_links] != NULL)
            n_links++;
        if (r != MI_RESULT_OK || eop_final_set(d->op))
            goto out_detach;
    }
    sub_wait(&s);
out_detach:
    while (n_links > 0)
        sub_detach(links[--n_links]);
    /* Stopped operations already have their FAILED final result. */
    fail(d, MI_RESULT_FAILED, "the subscription ended");
out:
    mi_vec_free(&l.v);
    query_unref(qb);
    pthread_mutex_destroy(&s.mu);
    pthread_cond_destroy(&s.cv);
}

/* ---------------------------------------------------------------- entry */

void eng_dispatch(mi_op *op)
{
    dctx d;
    const mi_request *req = eop_request(op);

    memset(&d, 0, sizeof d);
    d.op = op;
    d.e = eop_engine(op);
    d.req = req;
    mi_arena_init(&d.a, 0, (size_t)256 << 20);
    mi_buf_init(&d.err, 8192);
    if (eop_stopped(op))
        goto out;
    if (req->kind == MI_OP_TEST_CONNECTION) {
        eop_finish(op, MI_RESULT_OK, NULL, NULL, NULL);
        goto out;
    }
    d.ns = mi_repo_ns(mi_engine_repo(d.e), req->ns);
    if (d.ns == NULL) {
        fail(&d, MI_RESULT_INVALID_NAMESPACE, "namespace %s does not exist", req->ns);
        goto out;
    }
    switch (req->kind) {
    case MI_OP_GET_INSTANCE: do_get(&d); break;
    case MI_OP_MODIFY_INSTANCE:
    case MI_OP_CREATE_INSTANCE:
    case MI_OP_DELETE_INSTANCE: do_write(&d); break;
    case MI_OP_INVOKE: do_invoke(&d); break;
    case MI_OP_ENUMERATE_INSTANCES: do_enumerate(&d); break;
    case MI_OP_ASSOCIATOR_INSTANCES:
    case MI_OP_REFERENCE_INSTANCES: do_assoc(&d); break;
    case MI_OP_GET_CLASS: do_get_class(&d); break;
    case MI_OP_ENUMERATE_CLASSES: do_enumerate_classes(&d); break;
    case MI_OP_QUERY_INSTANCES: do_query(&d); break;
    case MI_OP_SUBSCRIBE: do_subscribe(&d); break;
    default:
        fail(&d, MI_RESULT_INVALID_PARAMETER, "unknown operation kind %d", (int)req->kind);
        break;
    }
out:
    /* Whatever happened, the operation ends (no-op if a result was already set). */
    eop_finish(op, MI_RESULT_FAILED, "the operation ended without a result", NULL, NULL);
    mi_buf_free(&d.err);
    mi_arena_destroy(&d.a);
}
