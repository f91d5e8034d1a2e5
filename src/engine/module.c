/* module.c - provider modules: the shared library registered for a class
 * (mi_ns_provider_module) is dlopen'ed once, its MI_Main called with the engine's
 * MI_Server, the MI_Module checked (charSize 1, version 1.0.0 or 1.1.0) and
 * Module.Load called once (the engine waits for its PostResult). A class provider's
 * Load runs lazily before the first request for its class; a failed Load makes the
 * class unusable (each request gets that error) until the engine is closed. At engine
 * close every class provider is unloaded, then every module, then dlclose.
 *
 * Built-in modules: a module name "builtin:NAME" (ENG_BUILTIN_PREFIX) names a module
 * compiled into libmi instead of a file: its MI_Main-shaped entry is called instead of
 * dlopen + dlsym, and everything else (checks, Module.Load once, class Load, Unload at
 * close) is the same. The Linux module ("builtin:linux", mi_linux_module_main) serves
 * every class of mi_linux_module_classes() in root/cimv2 without any registration; a
 * registration stored in the repository for such a class wins (a third party may
 * replace ours). A registration naming "builtin:linux" (mi_repo_register_provider)
 * selects it too, e.g. for the Linux_ classes compiled into another namespace.
 *
 * Threading: e->mod_mu serializes loading and unloading; providers once loaded are
 * read without it (they never change until engine close, when no request runs).
 */
#include <dlfcn.h>
#include <string.h>

#include "base/alloc.h"
#include "base/str.h"
#include "engine/engine_int.h"
#include "providers/linux.h"

/* Module names of this form name a module compiled into libmi. */
#define ENG_BUILTIN_PREFIX "builtin:"

typedef struct eng_module {
    char *path;
    void *dl;
    MI_Module *mod;
    MI_Module_Self *self;
    int state;          /* 1 loaded, -1 failed */
    MI_Result result;   /* why it failed */
    char *message;
    struct eng_module *next;
} eng_module;

/* Runs a Load/Unload-style call: fn(arg, ctx) must make the provider post once. */
static MI_Result run_load(mi_engine *e, void (*fn)(void *arg, MI_Context *ctx), void *arg,
                          char **message)
{
    eng_ctx *c = eng_ctx_new(e, NULL, ENG_CTX_LOAD);
    MI_Result r;

    if (c == NULL)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
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

/* Finds or loads the module at path (mod_mu held). */
static MI_Result module_get(mi_engine *e, const char *path, eng_module **out, mi_buf *err)
{
    eng_module *m;
    MI_MainFunction main_fn;
    char *msg = NULL;
    MI_Result r = MI_RESULT_OK;

    for (m = e->modules; m != NULL; m = m->next)
        if (strcmp(m->path, path) == 0)
            goto out_found;
    m = mi_calloc(1, sizeof *m);
    if (m == NULL || (m->path = mi_strdup(path)) == NULL) {
        mi_free(m);
        mi_buf_puts(err, "out of memory loading a provider module");
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    }
    m->next = e->modules;
    e->modules = m;
    m->state = -1;
    m->result = MI_RESULT_FAILED;
    main_fn = builtin_main(path);
    if (main_fn == NULL && strncmp(path, ENG_BUILTIN_PREFIX, strlen(ENG_BUILTIN_PREFIX)) == 0) {
        mi_buf_printf(err, "no built-in provider module is called %s", path);
        m->message = mi_strdup(mi_buf_str(err));
        goto out;
    }
    if (main_fn == NULL) {
        m->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (m->dl == NULL) {
            const char *why = dlerror();
            mi_buf_printf(err, "cannot load provider module %s: %s", path, why ? why : "?");
            m->message = mi_strdup(mi_buf_str(err));
            goto out;
        }
        *(void **)&main_fn = dlsym(m->dl, "MI_Main");
    }
    if (main_fn == NULL) {
        mi_buf_printf(err, "provider module %s has no MI_Main", path);
        m->message = mi_strdup(mi_buf_str(err));
        goto out;
    }
    m->mod = main_fn(&eng_server);
    if (m->mod == NULL) {
        mi_buf_printf(err, "MI_Main of provider module %s returned NULL", path);
    } else if (m->mod->charSize != 1) {
        mi_buf_printf(err, "provider module %s uses %u-byte characters; libmi needs 1", path,
                      (unsigned)m->mod->charSize);
    } else if (m->mod->version != 0x010000 && m->mod->version != 0x010100) {
        mi_buf_printf(err, "provider module %s has version 0x%06x; libmi loads 0x010000 "
                           "and 0x010100", path, (unsigned)m->mod->version);
    } else {
        if (m->mod->Load != NULL) {
            r = run_load(e, call_module_load, m, &msg);
            if (r != MI_RESULT_OK) {
                mi_buf_printf(err, "Load of provider module %s failed (%d): %s", path, (int)r,
                              msg != NULL ? msg : "no message");
                mi_free(msg);
                m->result = r;
                m->message = mi_strdup(mi_buf_str(err));
                goto out;
            }
        }
        m->state = 1;
        r = MI_RESULT_OK;
        goto out_found;
    }
    m->message = mi_strdup(mi_buf_str(err));
    m->mod = NULL;
out:
    return m->result;
out_found:
    if (m->state != 1) {
        mi_buf_puts(err, m->message != NULL ? m->message : "the provider module failed to load");
        return m->result;
    }
    *out = m;
    return r;
}

MI_Result eng_provider_get(mi_engine *e, mi_ns *ns, const char *cls, eng_provider **out,
                           mi_buf *err)
{
    const char *nsname = mi_ns_name(ns);
    const char *path = mi_ns_provider_module(ns, cls);
    eng_provider *p;
    eng_module *m = NULL;
    MI_Result r = MI_RESULT_OK;
    char *msg = NULL;

    *out = NULL;
    if (path == NULL)
        path = builtin_module(nsname, cls);
    if (path == NULL)
        return MI_RESULT_OK;
    pthread_mutex_lock(&e->mod_mu);
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
        mi_buf_puts(err, "out of memory loading a provider");
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out_unlock;
    }
    p->m = m;
    p->next = e->providers;
    e->providers = p;
    p->state = -1;
    p->load_result = MI_RESULT_NOT_SUPPORTED;
    if (m->mod->schemaDecl != NULL) {
        for (MI_Uint32 i = 0; i < m->mod->schemaDecl->numClassDecls; i++) {
            const MI_ClassDecl *cd = m->mod->schemaDecl->classDecls[i];
            if (cd != NULL && cd->name != NULL && mi_name_eq(cd->name, cls)) {
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
        goto out_found;
    }
    if (p->ft->Load != NULL) {
        p->load_result = run_load(e, call_provider_load, p, &msg);
        if (p->load_result != MI_RESULT_OK)
            goto out_found;
    }
    p->load_result = MI_RESULT_OK;
    p->state = 1;
out_found:
    if (p->state != 1) {
        r = p->load_result;
        if (p->ft == NULL)
            mi_buf_printf(err, "provider module %s has no provider for class %s", path, cls);
        else
            mi_buf_printf(err, "Load of the provider of class %s failed (%d): %s", cls, (int)r,
                          msg != NULL ? msg : "no message");
        goto out_unlock;
    }
    *out = p;
out_unlock:
    pthread_mutex_unlock(&e->mod_mu);
    mi_free(msg);
    return r;
}

void eng_modules_unload(mi_engine *e)
{
    eng_provider *p, *pn;
    eng_module *m, *mn;

    pthread_mutex_lock(&e->mod_mu);
    for (p = e->providers; p != NULL; p = pn) {
        pn = p->next;
        if (p->state == 1 && p->ft->Unload != NULL)
            run_load(e, call_provider_unload, p, NULL);
        mi_free(p->ns);
        mi_free(p->cls);
        mi_free(p);
    }
    e->providers = NULL;
    for (m = e->modules; m != NULL; m = mn) {
        mn = m->next;
        if (m->state == 1 && m->mod->Unload != NULL)
            run_load(e, call_module_unload, m, NULL);
        if (m->dl != NULL)
            dlclose(m->dl);
        mi_free(m->message);
        mi_free(m->path);
        mi_free(m);
    }
    e->modules = NULL;
    pthread_mutex_unlock(&e->mod_mu);
}

bool eng_provider_filters(const eng_provider *p)
{
    return p != NULL && p->m != NULL && p->m->mod != NULL &&
           (p->m->mod->flags & MI_MODULE_FLAG_FILTER_SUPPORT) != 0;
}
