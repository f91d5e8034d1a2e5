/* module.c - provider modules: the shared library registered for a class
 * (mi_ns_provider_module) is dlopen'ed, its MI_Main called with the engine's
 * MI_Server, the MI_Module checked (charSize 1, version 1.0.0 or 1.1.0) and
 * Module.Load called (the engine waits for its PostResult). A class provider's Load
 * runs lazily before the first request for its class; a failed Load makes the class
 * unusable (each request gets that error) until its module is unloaded. A module that
 * fails to load stays failed until engine close. At engine close every class provider
 * is unloaded, then every module, then dlclose.
 *
 * Built-in modules: a module name "builtin:NAME" (ENG_BUILTIN_PREFIX) names a module
 * compiled into libmi instead of a file: its MI_Main-shaped entry is called instead of
 * dlopen + dlsym, and everything else (checks, Module.Load, class Load, Unload) is the
 * same. The Linux module ("builtin:linux", mi_linux_module_main) serves every class of
 * mi_linux_module_classes() in root/cimv2 without any registration; a registration
 * stored in the repository for such a class wins (a third party may replace ours). A
 * registration naming "builtin:linux" (mi_repo_register_provider) selects it too, e.g.
 * for the Linux_ classes compiled into another namespace.
 *
 * Hosted modules (mi_engine_add_hosted, "hosted:NAME"): an entry the program gives;
 * loaded at registration, they serve their schema's classes in one namespace ahead of
 * registrations and built-in modules (e->hosted is searched first), are never unloaded
 * while idle, and go with mi_engine_remove_hosted (cancel the requests using them,
 * wait for them, Unload) or at engine close.
 *
 * Idle unloading: every use of a module is counted (m->busy; see eng_scope in
 * engine_int.h: a dispatch holds each module it looked up until it ends, a request
 * context holds its provider's module until it is freed). When the count drops to 0
 * the engine's timer is told when the module becomes due: after the idle time
 * (mi_engine_set_idle_unload), at once after MI_Context_RequestUnload, never after
 * MI_Context_RefuseUnload (until a later RequestUnload; both are forgotten when the
 * module is unloaded). The timer (eng_modules_idle) unloads due modules that are still
 * unused: Unload of each loaded class provider, Module.Unload, dlclose; the class
 * providers go back to "not loaded", and the next request loads module and class
 * again.
 *
 * Threading: e->mod_mu serializes loading, unloading and the use counts, and is held
 * while Load/Unload run (a request arriving meanwhile waits for it, then loads the
 * module again if it was unloaded). Providers once looked up are read without it:
 * their module cannot be unloaded while the reader holds a use. Lock order: mod_mu
 * before e->mu (eng_timer_poke); e->mu is never held when mod_mu is taken.
 */
#include <dlfcn.h>
#include <string.h>

#include "base/alloc.h"
#include "base/clock.h"
#include "base/str.h"
#include "engine/engine_int.h"
#include "providers/linux.h"

/* Module names of this form name a module compiled into libmi. */
#define ENG_BUILTIN_PREFIX "builtin:"

typedef struct eng_module {
    char *path;          /* file, "builtin:NAME" or "hosted:NAME" */
    MI_MainFunction hosted_main; /* hosted: the entry the program gave */
    void *dl;
    MI_Module *mod;
    MI_Module_Self *self;
    int state;           /* 0 not loaded (never, or unloaded while idle), 1 loaded, -1 failed */
    MI_Result result;    /* why it failed */
    char *message;
    unsigned busy;       /* use references (see engine_int.h) */
    uint64_t idle_since; /* when busy last dropped to 0 */
    atomic_bool unload_requested, unload_refused; /* RequestUnload / RefuseUnload */
    bool hosted;         /* never unloaded while idle; removed by mi_engine_remove_hosted */
    bool closing;        /* hosted and being removed: serves no new request */
    struct eng_module *next;
} eng_module;

struct mi_engine_hosted {
    mi_engine *e;
    eng_module *m;
};

/* The scope of the dispatch running on this thread (see engine_int.h). */
static _Thread_local eng_scope *tl_scope;

/* Runs a Load/Unload-style call: fn(arg, ctx) must make the provider post once. */
/* m: the module concerned (for RequestUnload/RefuseUnload from Load; no reference). */
static MI_Result run_load(mi_engine *e, eng_module *m, void (*fn)(void *arg, MI_Context *ctx),
                          void *arg, char **message)
{
    eng_ctx *c = eng_ctx_new(e, NULL, ENG_CTX_LOAD);
    MI_Result r;

    if (c == NULL)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    c->mod = m;
    fn(arg, &c->ctx);
    if (!eng_ctx_wait(c)) {
        r = MI_RESULT_FAILED;
        if (message != NULL)
            *message = mi_strdup("the provider did not post a result within 30 seconds");
    } else {
        r = c->result;
        if (message != NULL && c->message != NULL)
            *message = mi_strdup(c->message);
    }
    eng_ctx_unref(c);
    return r;
}

static void call_module_load(void *arg, MI_Context *ctx)
{
    eng_module *m = arg;
    m->mod->Load(&m->self, ctx);
}

static void call_module_unload(void *arg, MI_Context *ctx)
{
    eng_module *m = arg;
    m->mod->Unload(m->self, ctx);
}

static void call_provider_load(void *arg, MI_Context *ctx)
{
    eng_provider *p = arg;
    p->ft->Load(&p->self, p->m->self, ctx);
}

static void call_provider_unload(void *arg, MI_Context *ctx)
{
    eng_provider *p = arg;
    p->ft->Unload(p->self, ctx);
}

/* The built-in modules: name (after ENG_BUILTIN_PREFIX), entry, and the namespace and
 * classes each serves by default. */
typedef struct eng_builtin {
    const char *name;
    MI_MainFunction main_fn;
    const char *ns;
    const char *const *(*classes)(size_t *n);
} eng_builtin;

static const eng_builtin eng_builtins[] = {
    {"linux", mi_linux_module_main, "root/cimv2", mi_linux_module_classes},
};

/* The entry of built-in module `path` ("builtin:NAME"), or NULL. */
static MI_MainFunction builtin_main(const char *path)
{
    size_t np = strlen(ENG_BUILTIN_PREFIX);

    if (strncmp(path, ENG_BUILTIN_PREFIX, np) != 0)
        return NULL;
    for (size_t i = 0; i < sizeof eng_builtins / sizeof eng_builtins[0]; i++)
        if (strcmp(path + np, eng_builtins[i].name) == 0)
            return eng_builtins[i].main_fn;
    return NULL;
}

/* The built-in module serving class cls of namespace ns when no registration names
 * one ("builtin:linux" for the Linux_ classes of root/cimv2), or NULL. */
static const char *builtin_module(const char *ns, const char *cls)
{
    static const char *const names[] = {ENG_BUILTIN_PREFIX "linux"};

    for (size_t i = 0; i < sizeof eng_builtins / sizeof eng_builtins[0]; i++) {
        const eng_builtin *b = &eng_builtins[i];
        size_t n = 0;
        const char *const *classes;
        if (!mi_name_eq(ns, b->ns))
            continue;
        classes = b->classes(&n);
        for (size_t j = 0; j < n; j++)
            if (mi_name_eq(classes[j], cls))
                return names[i];
    }
    return NULL;
}

/* Loads module m (state 0: never loaded or unloaded while idle; mod_mu held): finds
 * its entry (hosted, built-in, or dlopen + dlsym), calls MI_Main, checks the MI_Module
 * and runs Module.Load. On failure m->state is -1 for good, with result and message. */
static MI_Result module_load(mi_engine *e, eng_module *m, mi_buf *err)
{
    MI_MainFunction main_fn = m->hosted_main;
    const char *path = m->path;
    char *msg = NULL;
    MI_Result r = MI_RESULT_FAILED;

    if (main_fn == NULL)
        main_fn = builtin_main(path);
    if (main_fn == NULL && strncmp(path, ENG_BUILTIN_PREFIX, strlen(ENG_BUILTIN_PREFIX)) == 0) {
        mi_buf_printf(err, "no built-in provider module is called %s", path);
        goto out_fail;
    }
    if (main_fn == NULL) {
        m->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (m->dl == NULL) {
            const char *why = dlerror();
            mi_buf_printf(err, "cannot load provider module %s: %s", path, why ? why : "?");
            goto out_fail;
        }
        *(void **)&main_fn = dlsym(m->dl, "MI_Main");
    }
    if (main_fn == NULL) {
        mi_buf_printf(err, "provider module %s has no MI_Main", path);
        goto out_close;
    }
    m->mod = main_fn(&eng_server);
    if (m->mod == NULL) {
        mi_buf_printf(err, "MI_Main of provider module %s returned NULL", path);
        goto out_close;
    }
    if (m->mod->charSize != 1) {
        mi_buf_printf(err, "provider module %s uses %u-byte characters; libmi needs 1", path,
                      (unsigned)m->mod->charSize);
        goto out_close;
    }
    if (m->mod->version != 0x010000 && m->mod->version != 0x010100) {
        mi_buf_printf(err, "provider module %s has version 0x%06x; libmi loads 0x010000 "
                           "and 0x010100", path, (unsigned)m->mod->version);
        goto out_close;
    }
    m->self = NULL;
    atomic_store(&m->unload_requested, false);
    atomic_store(&m->unload_refused, false);
    if (m->mod->Load != NULL) {
        r = run_load(e, m, call_module_load, m, &msg);
        if (r != MI_RESULT_OK) {
            mi_buf_printf(err, "Load of provider module %s failed (%d): %s", path, (int)r,
                          msg != NULL ? msg : "no message");
            mi_free(msg);
            goto out_close;
        }
    }
    m->state = 1;
    m->idle_since = eng_now_ns();
    return MI_RESULT_OK;

out_close:
    m->mod = NULL;
    if (m->dl != NULL)
        dlclose(m->dl);
    m->dl = NULL;
out_fail:
    m->state = -1;
    m->result = r;
    mi_free(m->message);
    m->message = mi_strdup(mi_buf_str(err));
    return r;
}

/* The module at path (mod_mu held), loaded. */
static MI_Result module_get(mi_engine *e, const char *path, eng_module **out, mi_buf *err)
{
    eng_module *m;
    MI_Result r;

    for (m = e->modules; m != NULL; m = m->next)
        if (!m->hosted && strcmp(m->path, path) == 0)
            break;
    if (m == NULL) {
        m = mi_calloc(1, sizeof *m);
        if (m == NULL || (m->path = mi_strdup(path)) == NULL) {
            mi_free(m);
            mi_buf_puts(err, "out of memory loading a provider module");
            return MI_RESULT_SERVER_LIMITS_EXCEEDED;
        }
        m->next = e->modules;
        e->modules = m;
    }
    if (m->state == 0) {
        r = module_load(e, m, err);
        if (r != MI_RESULT_OK)
            return r;
    } else if (m->state != 1) {
        mi_buf_puts(err, m->message != NULL ? m->message : "the provider module failed to load");
        return m->result;
    }
    *out = m;
    return MI_RESULT_OK;
}

/* Loads class provider p (state 0; its module loaded; mod_mu held): finds its decl and
 * function table in the module's schema and runs its Load. A failed Load makes p
 * unusable (state -1) until its module is unloaded. *msg: the provider's message. */
static void provider_load(mi_engine *e, eng_provider *p, char **msg)
{
    eng_module *m = p->m;

    p->state = -1;
    p->pcd = NULL;
    p->ft = NULL;
    p->self = NULL;
    if (m->mod->schemaDecl != NULL) {
        for (MI_Uint32 i = 0; i < m->mod->schemaDecl->numClassDecls; i++) {
            const MI_ClassDecl *cd = m->mod->schemaDecl->classDecls[i];
            if (cd != NULL && cd->name != NULL && mi_name_eq(cd->name, p->cls)) {
                p->pcd = cd;
                p->ft = cd->providerFT;
                break;
            }
        }
    }
    if (p->ft == NULL)
        p->ft = m->mod->dynamicProviderFT;
    if (p->ft == NULL) {
        p->load_result = MI_RESULT_NOT_SUPPORTED;
        return;
    }
    if (p->ft->Load != NULL) {
        p->load_result = run_load(e, m, call_provider_load, p, msg);
        if (p->load_result != MI_RESULT_OK)
            return;
    }
    p->load_result = MI_RESULT_OK;
    p->state = 1;
}

/* Counts one more use of m (mod_mu held). */
static void module_hold(eng_module *m)
{
    m->busy++;
}

/* Drops one use of m (mod_mu held). Returns when the timer should look at it
 * (UINT64_MAX: not now). */
static uint64_t module_release(mi_engine *e, eng_module *m)
{
    uint64_t when = UINT64_MAX;

    if (--m->busy > 0)
        return when;
    m->idle_since = eng_now_ns();
    if (m->hosted) {
        if (m->closing)
            pthread_cond_broadcast(&e->cv_mod);
    } else if (m->state == 1) {
        if (atomic_load(&m->unload_requested) && !atomic_load(&m->unload_refused))
            when = m->idle_since;
        else if (!atomic_load(&m->unload_refused))
            when = m->idle_since + e->idle_ns;
    }
    return when;
}

void eng_module_put(mi_engine *e, eng_module *m)
{
    uint64_t when;

    if (m == NULL || atomic_load(&e->mods_closing))
        return;
    pthread_mutex_lock(&e->mod_mu);
    when = module_release(e, m);
    pthread_mutex_unlock(&e->mod_mu);
    if (when != UINT64_MAX)
        eng_timer_poke(e, when);
}

/* Holds m in scope s and makes it the current module (mod_mu held). Returns when the
 * timer should look at a module let go to make room (UINT64_MAX: none). */
static uint64_t scope_hold(mi_engine *e, eng_scope *s, eng_module *m)
{
    uint64_t when = UINT64_MAX;

    s->cur = m;
    for (unsigned i = 0; i < s->n_held; i++)
        if (s->held[i] == m)
            return when;
    if (s->n_held == ENG_SCOPE_MODULES) {
        when = module_release(e, s->held[0]);
        memmove(&s->held[0], &s->held[1], (ENG_SCOPE_MODULES - 1) * sizeof s->held[0]);
        s->n_held--;
    }
    module_hold(m);
    s->held[s->n_held++] = m;
    return when;
}

void eng_scope_enter(mi_engine *e, mi_op *op, eng_scope *s)
{
    memset(s, 0, sizeof *s);
    s->e = e;
    s->op = op;
    s->outer = tl_scope;
    pthread_mutex_lock(&e->mod_mu);
    s->next = e->scopes;
    if (e->scopes != NULL)
        e->scopes->prev = s;
    e->scopes = s;
    pthread_mutex_unlock(&e->mod_mu);
    tl_scope = s;
}

void eng_scope_leave(eng_scope *s)
{
    mi_engine *e = s->e;
    uint64_t when = UINT64_MAX, w;

    tl_scope = s->outer;
    pthread_mutex_lock(&e->mod_mu);
    if (s->prev != NULL)
        s->prev->next = s->next;
    else
        e->scopes = s->next;
    if (s->next != NULL)
        s->next->prev = s->prev;
    for (unsigned i = 0; i < s->n_held; i++) {
        w = module_release(e, s->held[i]);
        if (w < when)
            when = w;
    }
    s->n_held = 0;
    pthread_mutex_unlock(&e->mod_mu);
    if (when != UINT64_MAX)
        eng_timer_poke(e, when);
}

eng_module *eng_scope_current_ref(mi_engine *e)
{
    eng_scope *s = tl_scope;
    eng_module *m = NULL;

    if (s == NULL || s->e != e || s->cur == NULL)
        return NULL;
    pthread_mutex_lock(&e->mod_mu);
    m = s->cur;
    module_hold(m);
    pthread_mutex_unlock(&e->mod_mu);
    return m;
}

void eng_module_request_unload(mi_engine *e, eng_module *m, bool refuse)
{
    if (m == NULL || atomic_load(&e->mods_closing))
        return;
    if (refuse) {
        atomic_store(&m->unload_refused, true);
        return;
    }
    atomic_store(&m->unload_refused, false);
    atomic_store(&m->unload_requested, true);
    /* The timer unloads it once idle; module_release pokes it again then. */
    eng_timer_poke(e, eng_now_ns());
}

/* The hosted provider serving cls in nsname, or NULL (mod_mu held). */
static eng_provider *hosted_find(mi_engine *e, const char *nsname, const char *cls)
{
    for (eng_provider *p = e->hosted; p != NULL; p = p->next)
        if (!p->m->closing && mi_name_eq(p->cls, cls) && mi_name_eq(p->ns, nsname))
            return p;
    return NULL;
}

MI_Result eng_provider_get(mi_engine *e, mi_ns *ns, const char *cls, eng_provider **out,
                           mi_buf *err)
{
    const char *nsname = mi_ns_name(ns);
    const char *path;
    eng_provider *p = NULL;
    eng_module *m = NULL;
    MI_Result r = MI_RESULT_OK;
    char *msg = NULL;
    uint64_t when = UINT64_MAX;

    *out = NULL;
    path = mi_ns_provider_module(ns, cls);
    if (path == NULL)
        path = builtin_module(nsname, cls);
    if (path == NULL && atomic_load(&e->n_hosted) == 0)
        return MI_RESULT_OK; /* the static provider; no lock needed */
    pthread_mutex_lock(&e->mod_mu);
    if (atomic_load(&e->n_hosted) > 0 && (p = hosted_find(e, nsname, cls)) != NULL)
        goto out_found;
    if (path == NULL)
        goto out_unlock;
    for (p = e->providers; p != NULL; p = p->next)
        if (mi_name_eq(p->cls, cls) && mi_name_eq(p->ns, nsname))
            goto out_found;
    r = module_get(e, path, &m, err);
    if (r != MI_RESULT_OK)
        goto out_unlock;
    p = mi_calloc(1, sizeof *p);
    if (p == NULL || (p->ns = mi_strdup(nsname)) == NULL || (p->cls = mi_strdup(cls)) == NULL) {
        if (p != NULL)
            mi_free(p->ns);
        mi_free(p);
        p = NULL;
        mi_buf_puts(err, "out of memory loading a provider");
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out_unlock;
    }
    p->m = m;
    p->next = e->providers;
    e->providers = p;
out_found:
    if (p->state == 0) {
        /* Never loaded, or its module was unloaded while idle: load both again. */
        if (p->m->state == 0)
            r = module_load(e, p->m, err);
        else if (p->m->state != 1) {
            r = p->m->result;
            mi_buf_puts(err, p->m->message != NULL ? p->m->message
                                                   : "the provider module failed to load");
        }
        if (r != MI_RESULT_OK)
            goto out_unlock;
        provider_load(e, p, &msg);
    }
    if (p->state != 1) {
        r = p->load_result;
        if (p->ft == NULL)
            mi_buf_printf(err, "provider module %s has no provider for class %s", p->m->path,
                          cls);
        else
            mi_buf_printf(err, "Load of the provider of class %s failed (%d): %s", cls, (int)r,
                          msg != NULL ? msg : "no message");
        goto out_unlock;
    }
    if (tl_scope != NULL && tl_scope->e == e)
        when = scope_hold(e, tl_scope, p->m);
    *out = p;
out_unlock:
    /* A module loaded for a class it cannot serve is unused: let the timer know. */
    if (r != MI_RESULT_OK && p != NULL && !p->m->hosted && p->m->state == 1 && p->m->busy == 0)
        when = p->m->idle_since + e->idle_ns;
    pthread_mutex_unlock(&e->mod_mu);
    mi_free(msg);
    if (when != UINT64_MAX)
        eng_timer_poke(e, when);
    return r;
}

/* Unloads module m (mod_mu held, m loaded): Unload of each loaded class provider, then
 * Module.Unload, then dlclose. Its providers go back to state 0 (loaded again on the
 * next request). */
static void module_unload(mi_engine *e, eng_module *m)
{
    eng_provider *lists[2] = {e->providers, e->hosted};

    for (unsigned l = 0; l < 2; l++) {
        for (eng_provider *p = lists[l]; p != NULL; p = p->next) {
            if (p->m != m)
                continue;
            if (p->state == 1 && p->ft->Unload != NULL)
                run_load(e, m, call_provider_unload, p, NULL);
            p->state = 0;
            p->self = NULL;
            p->ft = NULL;
            p->pcd = NULL;
        }
    }
    if (m->state == 1 && m->mod->Unload != NULL)
        run_load(e, m, call_module_unload, m, NULL);
    if (m->dl != NULL)
        dlclose(m->dl);
    m->dl = NULL;
    m->mod = NULL;
    m->self = NULL;
    m->state = 0;
    atomic_store(&m->unload_requested, false);
    atomic_store(&m->unload_refused, false);
}

uint64_t eng_modules_idle(mi_engine *e)
{
    uint64_t next = UINT64_MAX, now, due;

    pthread_mutex_lock(&e->mod_mu);
    now = eng_now_ns();
    for (eng_module *m = e->modules; m != NULL; m = m->next) {
        if (m->hosted || m->state != 1 || m->busy > 0)
            continue;
        if (atomic_load(&m->unload_refused))
            continue;
        due = atomic_load(&m->unload_requested) ? m->idle_since : m->idle_since + e->idle_ns;
        if (due <= now)
            module_unload(e, m);
        else if (due < next)
            next = due;
    }
    pthread_mutex_unlock(&e->mod_mu);
    return next;
}

static void providers_free(eng_provider *p)
{
    eng_provider *pn;

    for (; p != NULL; p = pn) {
        pn = p->next;
        mi_free(p->ns);
        mi_free(p->cls);
        mi_free(p);
    }
}

static void module_free(eng_module *m)
{
    mi_free(m->message);
    mi_free(m->path);
    mi_free(m);
}

void eng_modules_unload(mi_engine *e)
{
    eng_provider *lists[2];
    eng_module *m, *mn;

    /* A provider's Unload may end contexts (which would give back their uses, taking
     * mod_mu): from here on nothing is counted. */
    atomic_store(&e->mods_closing, true);
    pthread_mutex_lock(&e->mod_mu);
    lists[0] = e->providers;
    lists[1] = e->hosted;
    for (unsigned l = 0; l < 2; l++)
        for (eng_provider *p = lists[l]; p != NULL; p = p->next)
            if (p->state == 1 && p->ft->Unload != NULL)
                run_load(e, p->m, call_provider_unload, p, NULL);
    providers_free(e->providers);
    providers_free(e->hosted);
    e->providers = NULL;
    e->hosted = NULL;
    for (m = e->modules; m != NULL; m = mn) {
        mn = m->next;
        if (m->state == 1 && m->mod->Unload != NULL)
            run_load(e, m, call_module_unload, m, NULL);
        if (m->dl != NULL)
            dlclose(m->dl);
        module_free(m);
    }
    e->modules = NULL;
    atomic_store(&e->n_hosted, 0);
    pthread_mutex_unlock(&e->mod_mu);
}

/* ---------------------------------------------------------------- hosted providers */

/* Whether class decl cd of a hosted module's schema is served (has a provider). */
static bool hosted_serves(const MI_Module *mod, const MI_ClassDecl *cd)
{
    return cd != NULL && cd->name != NULL &&
           (cd->providerFT != NULL || mod->dynamicProviderFT != NULL);
}

/* Removes m and its providers from the engine's lists and frees them (mod_mu held). */
static void hosted_drop(mi_engine *e, eng_module *m)
{
    eng_provider **pp = &e->hosted, *p;
    eng_module **mp;

    while ((p = *pp) != NULL) {
        if (p->m == m) {
            *pp = p->next;
            p->next = NULL;
            providers_free(p);
        } else {
            pp = &p->next;
        }
    }
    for (mp = &e->modules; *mp != NULL; mp = &(*mp)->next) {
        if (*mp == m) {
            *mp = m->next;
            break;
        }
    }
    module_free(m);
}

MI_Result mi_engine_add_hosted(mi_engine *e, const char *ns, const char *provider_name,
                               MI_MainFunction main_fn, mi_engine_hosted **out, mi_buf *err)
{
    MI_Result r = MI_RESULT_INVALID_PARAMETER;
    mi_engine_hosted *h = NULL;
    eng_module *m = NULL;
    mi_ns *rns;
    const char *nsname;
    const MI_SchemaDecl *sd;
    size_t served = 0;

    if (out != NULL)
        *out = NULL;
    if (e == NULL || ns == NULL || provider_name == NULL || provider_name[0] == '\0' ||
        main_fn == NULL || out == NULL) {
        mi_buf_puts(err, "hosted provider: engine, namespace, provider name, MI_Main and "
                         "the result are required");
        return r;
    }
    rns = mi_repo_ns(e->repo, ns);
    if (rns == NULL) {
        mi_buf_printf(err, "hosted provider %s: no namespace %s", provider_name, ns);
        return MI_RESULT_INVALID_NAMESPACE;
    }
    nsname = mi_ns_name(rns);
    r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    h = mi_calloc(1, sizeof *h);
    m = mi_calloc(1, sizeof *m);
    if (h == NULL || m == NULL || (m->path = mi_malloc(strlen(provider_name) + 8)) == NULL) {
        mi_buf_puts(err, "out of memory registering a hosted provider");
        goto out_free;
    }
    strcpy(m->path, "hosted:");
    strcat(m->path, provider_name);
    m->hosted = true;
    m->hosted_main = main_fn;
    h->e = e;
    h->m = m;
    pthread_mutex_lock(&e->mod_mu);
    r = module_load(e, m, err);
    if (r != MI_RESULT_OK)
        goto out_unlock;
    /* Every served class must exist in ns and be served by no other hosted module. */
    sd = m->mod->schemaDecl;
    for (MI_Uint32 i = 0; sd != NULL && i < sd->numClassDecls; i++) {
        const MI_ClassDecl *cd = sd->classDecls[i];
        eng_provider *other;
        if (!hosted_serves(m->mod, cd))
            continue;
        if (mi_ns_class(rns, cd->name) == NULL) {
            mi_buf_printf(err, "hosted provider %s: class %s of its schema is not in "
                               "namespace %s", provider_name, cd->name, nsname);
            r = MI_RESULT_INVALID_CLASS;
            goto out_unload;
        }
        other = hosted_find(e, nsname, cd->name);
        if (other != NULL) {
            mi_buf_printf(err, "hosted provider %s: class %s of namespace %s is already "
                               "served by hosted provider %s", provider_name, cd->name,
                          nsname, other->m->path + strlen("hosted:"));
            r = MI_RESULT_ALREADY_EXISTS;
            goto out_unload;
        }
        served++;
    }
    if (served == 0) {
        mi_buf_printf(err, "hosted provider %s: its schema has no class with a provider",
                      provider_name);
        r = MI_RESULT_INVALID_PARAMETER;
        goto out_unload;
    }
    for (MI_Uint32 i = 0; i < sd->numClassDecls; i++) {
        const MI_ClassDecl *cd = sd->classDecls[i];
        eng_provider *p;
        if (!hosted_serves(m->mod, cd))
            continue;
        p = mi_calloc(1, sizeof *p);
        if (p == NULL || (p->ns = mi_strdup(nsname)) == NULL ||
            (p->cls = mi_strdup(cd->name)) == NULL) {
            if (p != NULL)
                mi_free(p->ns);
            mi_free(p);
            mi_buf_puts(err, "out of memory registering a hosted provider");
            r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
            goto out_unload;
        }
        p->m = m;
        p->next = e->hosted;
        e->hosted = p;
    }
    m->next = e->modules;
    e->modules = m;
    atomic_fetch_add(&e->n_hosted, 1);
    pthread_mutex_unlock(&e->mod_mu);
    *out = h;
    return MI_RESULT_OK;

out_unload:
    /* The providers made so far are not yet visible: only they point to m. */
    {
        eng_provider **pp = &e->hosted, *p;
        while ((p = *pp) != NULL) {
            if (p->m == m) {
                *pp = p->next;
                p->next = NULL;
                providers_free(p);
            } else {
                pp = &p->next;
            }
        }
    }
    if (m->mod->Unload != NULL)
        run_load(e, m, call_module_unload, m, NULL);
out_unlock:
    pthread_mutex_unlock(&e->mod_mu);
out_free:
    if (m != NULL)
        module_free(m);
    mi_free(h);
    return r;
}

/* How long mi_engine_remove_hosted waits for the requests it cancelled. */
#define HOSTED_CLOSE_WAIT_NS (30ull * 1000000000ull)

MI_Result mi_engine_remove_hosted(mi_engine_hosted *h, mi_buf *err)
{
    mi_engine *e;
    eng_module *m;
    mi_op **ops = NULL;
    size_t n_ops = 0, cap = 0;
    MI_Result r = MI_RESULT_OK;
    struct timespec ts;
    uint64_t deadline;

    if (h == NULL)
        return MI_RESULT_OK;
    e = h->e;
    m = h->m;
    pthread_mutex_lock(&e->mod_mu);
    if (!m->closing) {
        m->closing = true;
        atomic_fetch_sub(&e->n_hosted, 1);
    }
    /* Cancel (outside mod_mu: cancel hooks reach providers) the operations whose
     * dispatch holds m. */
    for (eng_scope *s = e->scopes; s != NULL; s = s->next) {
        for (unsigned i = 0; i < s->n_held; i++) {
            if (s->held[i] != m)
                continue;
            if (n_ops == cap) {
                size_t nc = cap == 0 ? 16 : cap * 2;
                mi_op **no = nc <= ENG_MAX_OPS ? mi_realloc(ops, nc * sizeof *no) : NULL;
                if (no == NULL)
                    break; /* the rest only waited for */
                ops = no;
                cap = nc;
            }
            if (s->op != NULL && eop_try_ref(s->op))
                ops[n_ops++] = s->op;
            break;
        }
    }
    pthread_mutex_unlock(&e->mod_mu);
    for (size_t i = 0; i < n_ops; i++) {
        mi_op_cancel(ops[i], MI_REASON_SHUTDOWN);
        eop_unref(ops[i]);
    }
    mi_free(ops);
    deadline = eng_now_ns() + HOSTED_CLOSE_WAIT_NS;
    pthread_mutex_lock(&e->mod_mu);
    while (m->busy > 0 && eng_now_ns() < deadline) {
        mi_timespec_of_ns(deadline, &ts);
        pthread_cond_timedwait(&e->cv_mod, &e->mod_mu, &ts);
    }
    if (m->busy > 0) {
        mi_buf_printf(err, "hosted provider %s: %u request(s) did not end within 30 s; it "
                           "stays loaded (serving nothing) until the engine closes",
                      m->path + strlen("hosted:"), m->busy);
        r = MI_RESULT_FAILED;
        goto out_unlock;
    }
    if (m->state == 1)
        module_unload(e, m);
    hosted_drop(e, m);
out_unlock:
    pthread_mutex_unlock(&e->mod_mu);
    mi_free(h);
    return r;
}

bool eng_provider_filters(const eng_provider *p)
{
    return p != NULL && p->m != NULL && p->m->mod != NULL &&
           (p->m->mod->flags & MI_MODULE_FLAG_FILTER_SUPPORT) != 0;
}
