/* test_lx_module.c - the provider module glue (linux_module.c) driven through its
 * MI_Module / MI_ProviderFT tables with a test MI_Context, as an engine would call it:
 * posts, results, keys-only, get-by-key, the SendSignal method and the associations.
 * The context offers no local session, so enumerations make dynamic instances; a get
 * by key uses the classDecl of the key instance (bound to the repository's class). */
#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "cim/cim.h"
#include "mof/mof.h"
#include "providers/linux.h"
#include "repo/repo.h"

#define MAX_POSTS 100000
#define HOST "lx-test-host"

/* ---------------------------------------------------------------- a test context */

typedef struct test_ctx {
    MI_Context ctx;
    MI_Instance **posts;
    size_t n_posts;
    int results;         /* terminal posts seen */
    MI_Result result;
    char message[256];
} test_ctx;

static MI_Result MI_CALL t_post_result(MI_Context *c, MI_Result r)
{
    test_ctx *t = (test_ctx *)c;
    t->results++;
    t->result = r;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL t_post_error(MI_Context *c, MI_Uint32 code, const MI_Char *type,
                                      const MI_Char *msg)
{
    test_ctx *t = (test_ctx *)c;
    (void)type;
    snprintf(t->message, sizeof t->message, "%s", msg != NULL ? msg : "");
    return t_post_result(c, (MI_Result)code);
}

static MI_Result MI_CALL t_post_instance(MI_Context *c, const MI_Instance *inst)
{
    test_ctx *t = (test_ctx *)c;
    MI_Instance *copy = NULL;

    if (t->results != 0 || t->n_posts >= MAX_POSTS)
        return MI_RESULT_FAILED;
    if (MI_Instance_Clone(inst, &copy) != MI_RESULT_OK)
        return MI_RESULT_FAILED;
    t->posts[t->n_posts++] = copy;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL t_new_instance(MI_Context *c, const MI_ClassDecl *cd, MI_Instance **out)
{
    (void)c;
    return mi_instance_new(cd, NULL, NULL, out);
}

static MI_Result MI_CALL t_new_dynamic(MI_Context *c, const MI_Char *cls, MI_Uint32 flags,
                                       MI_Instance **out)
{
    (void)c;
    return mi_instance_new_dynamic(cls, flags, out);
}

static MI_Result MI_CALL t_new_parameters(MI_Context *c, const MI_MethodDecl *md,
                                          MI_Instance **out)
{
    (void)c;
    return mi_parameters_new(md, out);
}

static MI_Result MI_CALL t_canceled(const MI_Context *c, MI_Boolean *flag)
{
    (void)c;
    *flag = MI_FALSE;
    return MI_RESULT_OK;
}

/* A local session that only serves GetClass from the test's repository, switched on
 * by session_on (off: NOT_SUPPORTED, as in an engine without a client library). */
static bool session_on;
static mi_ns *ns;

static MI_Result MI_CALL op_get_class(MI_Operation *op, const MI_Class **cls,
                                      MI_Boolean *more, MI_Result *result,
                                      const MI_Char **msg, const MI_Instance **details)
{
    *cls = (const MI_Class *)op->reserved2;
    *more = MI_FALSE;
    *result = (MI_Result)op->reserved1;
    *msg = NULL;
    *details = NULL;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL op_close(MI_Operation *op)
{
    if (op->reserved2 != 0)
        MI_Class_Delete((MI_Class *)op->reserved2);
    op->reserved2 = 0;
    return MI_RESULT_OK;
}

static const MI_OperationFT test_op_ft = {.Close = op_close, .GetClass = op_get_class};

static void MI_CALL s_get_class(MI_Session *s, MI_Uint32 flags, MI_OperationOptions *options,
                                const MI_Char *nameSpace, const MI_Char *className,
                                MI_OperationCallbacks *callbacks, MI_Operation *op)
{
    const MI_ClassDecl *cd = mi_ns_class(ns, className);
    MI_Class *cls = NULL;

    (void)s;
    (void)flags;
    (void)options;
    (void)callbacks;
    op->ft = &test_op_ft;
    op->reserved1 = MI_RESULT_NOT_FOUND;
    op->reserved2 = 0;
    if (cd != NULL && strcmp(nameSpace, "root/cimv2") == 0 &&
        mi_class_new(cd, nameSpace, NULL, false, &cls) == MI_RESULT_OK) {
        op->reserved1 = MI_RESULT_OK;
        op->reserved2 = (ptrdiff_t)cls;
    }
}

static const MI_SessionFT test_session_ft = {.GetClass = s_get_class};

static MI_Result MI_CALL t_local_session(const MI_Context *c, MI_Session *s)
{
    (void)c;
    if (!session_on)
        return MI_RESULT_NOT_SUPPORTED;
    memset(s, 0, sizeof *s);
    s->ft = &test_session_ft;
    return MI_RESULT_OK;
}

static const MI_ContextFT test_ctx_ft = {
    .PostResult = t_post_result,
    .PostInstance = t_post_instance,
    .NewInstance = t_new_instance,
    .NewDynamicInstance = t_new_dynamic,
    .NewParameters = t_new_parameters,
    .Canceled = t_canceled,
    .GetLocalSession = t_local_session,
    .PostError = t_post_error,
};

static void ctx_reset(test_ctx *t)
{
    for (size_t i = 0; i < t->n_posts; i++)
        MI_Instance_Delete(t->posts[i]);
    t->n_posts = 0;
    t->results = 0;
    t->result = MI_RESULT_FAILED;
    t->message[0] = '\0';
}

/* ---------------------------------------------------------------- fixture */

static MI_Result MI_CALL s_version(MI_Uint32 *v)
{
    *v = MI_VERSION;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL s_name(const MI_Char **name)
{
    *name = HOST;
    return MI_RESULT_OK;
}

static const MI_ServerFT server_ft = {s_version, s_name};
static MI_Server server = {.serverFT = &server_ft};

static mi_repo *repo;
static test_ctx tc;
static MI_Module *mod;
static MI_Module_Self *mod_self;
static void *prov_self;
static mi_linux_sys sys;

static int setup(void **state)
{
    mi_mof_options opt;

    (void)state;
    memset(&opt, 0, sizeof opt);
    if (mi_repo_new(&repo) != MI_RESULT_OK ||
        mi_mof_compile_file(repo, MI_SCHEMA_DIR "/libmi.mof", &opt, NULL) != MI_RESULT_OK)
        return -1;
    ns = mi_repo_ns(repo, "root/cimv2");
    tc.ctx.ft = &test_ctx_ft;
    tc.posts = calloc(MAX_POSTS, sizeof *tc.posts);
    if (ns == NULL || tc.posts == NULL || mi_linux_sys_init(&sys, HOST) != MI_RESULT_OK)
        return -1;
    mod = mi_linux_module_main(&server);
    if (mod == NULL || mod->schemaDecl != NULL || mod->dynamicProviderFT == NULL ||
        mod->charSize != sizeof(MI_Char))
        return -1;
    ctx_reset(&tc);
    mod->Load(&mod_self, &tc.ctx);
    if (tc.results != 1 || tc.result != MI_RESULT_OK)
        return -1;
    ctx_reset(&tc);
    mod->dynamicProviderFT->Load(&prov_self, mod_self, &tc.ctx);
    if (tc.results != 1 || tc.result != MI_RESULT_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ctx_reset(&tc);
    mod->dynamicProviderFT->Unload(prov_self, &tc.ctx);
    ctx_reset(&tc);
    mod->Unload(mod_self, &tc.ctx);
    ctx_reset(&tc);
    free(tc.posts);
    mi_repo_free(repo);
    return 0;
}

static void enumerate(const char *cls, bool keys_only)
{
    ctx_reset(&tc);
    mod->dynamicProviderFT->EnumerateInstances(prov_self, &tc.ctx, "root/cimv2", cls, NULL,
                                               keys_only ? MI_TRUE : MI_FALSE, NULL);
    assert_int_equal(tc.results, 1);
}

static const char *str(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f = 0;

    if (MI_Instance_GetElement(inst, name, &v, &t, &f, NULL) != MI_RESULT_OK ||
        t != MI_STRING || (f & MI_FLAG_NULL))
        return NULL;
    return v.string;
}

static const MI_Instance *ref(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f = 0;

    if (MI_Instance_GetElement(inst, name, &v, &t, &f, NULL) != MI_RESULT_OK ||
        t != MI_REFERENCE || (f & MI_FLAG_NULL))
        return NULL;
    return v.reference;
}

/* A key instance of Linux_UnixProcess bound to the repository's class. */
static MI_Instance *process_key(pid_t pid, const char *cs_name)
{
    MI_Instance *k = NULL;
    char handle[32];

    snprintf(handle, sizeof handle, "%d", (int)pid);
    assert_int_equal(mi_instance_new(mi_ns_class(ns, "Linux_UnixProcess"), "root/cimv2", NULL,
                                     &k), MI_RESULT_OK);
    assert_int_equal(mi_linux_process_fill(k, &sys, pid, true), MI_RESULT_OK);
    if (cs_name != NULL) {
        MI_Value v;
        v.string = (MI_Char *)cs_name;
        assert_int_equal(MI_Instance_SetElement(k, "CSName", &v, MI_STRING, 0), MI_RESULT_OK);
    }
    return k;
}

/* ---------------------------------------------------------------- tests */

static void test_computer_system_uses_server_name(void **state)
{
    (void)state;
    enumerate("Linux_ComputerSystem", false);
    assert_int_equal(tc.result, MI_RESULT_OK);
    assert_int_equal(tc.n_posts, 1);
    assert_string_equal(str(tc.posts[0], "Name"), HOST);
    assert_string_equal(str(tc.posts[0], "CreationClassName"), "Linux_ComputerSystem");
    enumerate("Linux_OperatingSystem", false);
    assert_int_equal(tc.result, MI_RESULT_OK);
    assert_int_equal(tc.n_posts, 1);
    assert_string_equal(str(tc.posts[0], "CSName"), HOST);
}

static unsigned count_proc(void)
{
    DIR *d = opendir("/proc");
    struct dirent *de;
    unsigned n = 0;

    assert_non_null(d);
    while ((de = readdir(d)) != NULL)
        if (de->d_name[0] >= '1' && de->d_name[0] <= '9')
            n++;
    closedir(d);
    return n;
}

static void test_enumerate_processes(void **state)
{
    char me[32];
    bool found = false;
    unsigned before, after;

    (void)state;
    snprintf(me, sizeof me, "%d", (int)getpid());
    for (int keys_only = 1; keys_only >= 0; keys_only--) {
        before = count_proc();
        enumerate("Linux_UnixProcess", keys_only);
        after = count_proc();
        assert_int_equal(tc.result, MI_RESULT_OK);
        assert_true(tc.n_posts + 20 >= (before < after ? before : after));
        assert_true(tc.n_posts <= (before > after ? before : after) + 20);
        found = false;
        for (size_t i = 0; i < tc.n_posts; i++) {
            MI_Uint32 n = 0;
            if (strcmp(str(tc.posts[i], "Handle"), me) == 0)
                found = true;
            assert_int_equal(MI_Instance_GetElementCount(tc.posts[i], &n), MI_RESULT_OK);
            if (keys_only)
                assert_int_equal(n, 6);
            else
                assert_true(n > 6);
        }
        assert_true(found);
    }
}

static void test_get_process(void **state)
{
    MI_Instance *k = process_key(getpid(), NULL);
    char ppid[32];
    pid_t dead;
    int status;

    (void)state;
    snprintf(ppid, sizeof ppid, "%d", (int)getppid());
    ctx_reset(&tc);
    mod->dynamicProviderFT->GetInstance(prov_self, &tc.ctx, "root/cimv2", "Linux_UnixProcess",
                                        k, NULL);
    assert_int_equal(tc.results, 1);
    assert_int_equal(tc.result, MI_RESULT_OK);
    assert_int_equal(tc.n_posts, 1);
    assert_string_equal(str(tc.posts[0], "ParentProcessID"), ppid);
    /* the repository's class was used, not a dynamic instance */
    assert_false(mi_instance_is_dynamic(tc.posts[0]));
    MI_Instance_Delete(k);

    /* another system's process, and a pid that has ended: NOT_FOUND */
    k = process_key(getpid(), "elsewhere");
    ctx_reset(&tc);
    mod->dynamicProviderFT->GetInstance(prov_self, &tc.ctx, "root/cimv2", "Linux_UnixProcess",
                                        k, NULL);
    assert_int_equal(tc.result, MI_RESULT_NOT_FOUND);
    assert_int_equal(tc.n_posts, 0);
    MI_Instance_Delete(k);
    dead = fork();
    assert_true(dead >= 0);
    if (dead == 0)
        _exit(0);
    assert_int_equal(waitpid(dead, &status, 0), dead);
    k = process_key(dead, NULL);
    ctx_reset(&tc);
    mod->dynamicProviderFT->GetInstance(prov_self, &tc.ctx, "root/cimv2", "Linux_UnixProcess",
                                        k, NULL);
    assert_int_equal(tc.result, MI_RESULT_NOT_FOUND);
    assert_int_equal(tc.n_posts, 0);
    MI_Instance_Delete(k);
}

static void invoke_signal(pid_t pid, MI_Uint32 sig)
{
    const MI_ClassDecl *cd = mi_ns_class(ns, "Linux_UnixProcess");
    const MI_MethodDecl *md = mi_classdecl_method(cd, "SendSignal", NULL);
    MI_Instance *k = process_key(pid, NULL), *in = NULL;
    MI_Value v;

    assert_non_null(md);
    assert_int_equal(mi_parameters_new(md, &in), MI_RESULT_OK);
    v.uint32 = sig;
    assert_int_equal(MI_Instance_SetElement(in, "Signal", &v, MI_UINT32, 0), MI_RESULT_OK);
    ctx_reset(&tc);
    mod->dynamicProviderFT->Invoke(prov_self, &tc.ctx, "root/cimv2", "Linux_UnixProcess",
                                   "SendSignal", k, in);
    assert_int_equal(tc.results, 1);
    MI_Instance_Delete(in);
    MI_Instance_Delete(k);
}

static void test_invoke_send_signal(void **state)
{
    pid_t child = fork();
    int status;
    MI_Value v;

    (void)state;
    assert_true(child >= 0);
    if (child == 0) {
        for (;;)
            pause();
    }
    invoke_signal(child, 0); /* not a signal */
    assert_int_equal(tc.result, MI_RESULT_INVALID_PARAMETER);
    invoke_signal(child, SIGTERM);
    assert_int_equal(tc.result, MI_RESULT_OK);
    assert_int_equal(tc.n_posts, 1);
    assert_int_equal(MI_Instance_GetElement(tc.posts[0], "MIReturn", &v, NULL, NULL, NULL),
                     MI_RESULT_OK);
    assert_int_equal(v.uint32, 0);
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGTERM);
    invoke_signal(child, SIGTERM); /* reaped */
    assert_int_equal(tc.result, MI_RESULT_NOT_FOUND);
    assert_int_equal(tc.n_posts, 0);
}

static void test_associations(void **state)
{
    char me[32], parent[32];
    bool found = false;
    long ncpu = sysconf(_SC_NPROCESSORS_CONF);

    (void)state;
    snprintf(me, sizeof me, "%d", (int)getpid());
    snprintf(parent, sizeof parent, "%d", (int)getppid());

    enumerate("Linux_RunningOS", false);
    assert_int_equal(tc.result, MI_RESULT_OK);
    assert_int_equal(tc.n_posts, 1);
    assert_string_equal(str(ref(tc.posts[0], "Antecedent"), "CSName"), HOST);
    assert_string_equal(str(ref(tc.posts[0], "Dependent"), "Name"), HOST);

    enumerate("Linux_ParentChildProcess", false);
    assert_int_equal(tc.result, MI_RESULT_OK);
    for (size_t i = 0; i < tc.n_posts; i++) {
        const MI_Instance *p = ref(tc.posts[i], "Parent"), *c = ref(tc.posts[i], "Child");
        assert_non_null(p);
        assert_non_null(c);
        if (strcmp(str(c, "Handle"), me) == 0) {
            assert_string_equal(str(p, "Handle"), parent);
            found = true;
        }
    }
    assert_true(found);

    enumerate("Linux_OSProcess", true);
    assert_int_equal(tc.result, MI_RESULT_OK);
    found = false;
    for (size_t i = 0; i < tc.n_posts; i++)
        if (strcmp(str(ref(tc.posts[i], "PartComponent"), "Handle"), me) == 0)
            found = true;
    assert_true(found);

    enumerate("Linux_SystemDevice", false);
    assert_int_equal(tc.result, MI_RESULT_OK);
    {
        size_t cpus = 0, mem = 0;
        for (size_t i = 0; i < tc.n_posts; i++) {
            const MI_Instance *dev = ref(tc.posts[i], "PartComponent");
            const MI_Char *cls = NULL;
            assert_string_equal(str(ref(tc.posts[i], "GroupComponent"), "Name"), HOST);
            assert_int_equal(MI_Instance_GetClassName(dev, &cls), MI_RESULT_OK);
            cpus += strcmp(cls, "Linux_Processor") == 0;
            mem += strcmp(cls, "Linux_Memory") == 0;
        }
        assert_int_equal(cpus, (size_t)ncpu);
        assert_int_equal(mem, 1);
    }
}

static void test_unknown_class(void **state)
{
    (void)state;
    enumerate("Linux_NoSuchThing", false);
    assert_int_equal(tc.result, MI_RESULT_INVALID_CLASS);
    assert_int_equal(tc.n_posts, 0);
}

static void associators(const char *assoc, const MI_Instance *src, const char *result_class,
                        const char *role, const char *result_role)
{
    ctx_reset(&tc);
    mod->dynamicProviderFT->AssociatorInstances(prov_self, &tc.ctx, "root/cimv2", assoc, src,
                                                result_class, role, result_role, NULL,
                                                MI_FALSE, NULL);
    assert_int_equal(tc.results, 1);
}

static void references(const char *assoc, const MI_Instance *src, const char *role)
{
    ctx_reset(&tc);
    mod->dynamicProviderFT->ReferenceInstances(prov_self, &tc.ctx, "root/cimv2", assoc, src,
                                               role, NULL, MI_FALSE, NULL);
    assert_int_equal(tc.results, 1);
}

static bool posted_handle(const char *handle)
{
    for (size_t i = 0; i < tc.n_posts; i++) {
        const char *h = str(tc.posts[i], "Handle");
        if (h != NULL && strcmp(h, handle) == 0)
            return true;
    }
    return false;
}

static void test_parent_child_traversal(void **state)
{
    MI_Instance *me = process_key(getpid(), NULL), *other = process_key(getpid(), "elsewhere");
    char parent[32], child_handle[32];
    pid_t child = fork();
    int status;
    const MI_Char *ns_name = NULL;

    (void)state;
    assert_true(child >= 0);
    if (child == 0) {
        for (;;)
            pause();
    }
    snprintf(parent, sizeof parent, "%d", (int)getppid());
    snprintf(child_handle, sizeof child_handle, "%d", (int)child);

    /* associators with resultRole Parent: exactly the parent */
    associators("Linux_ParentChildProcess", me, NULL, NULL, "Parent");
    assert_int_equal(tc.result, MI_RESULT_OK);
    assert_int_equal(tc.n_posts, 1);
    assert_string_equal(str(tc.posts[0], "Handle"), parent);
    assert_non_null(str(tc.posts[0], "Name")); /* a full instance, not keys only */
    assert_int_equal(MI_Instance_GetNameSpace(tc.posts[0], &ns_name), MI_RESULT_OK);
    assert_string_equal(ns_name, "root/cimv2");
    /* role Parent (the source is the parent): the children, among them the fork */
    associators("Linux_ParentChildProcess", me, NULL, "Parent", NULL);
    assert_int_equal(tc.result, MI_RESULT_OK);
    assert_true(posted_handle(child_handle));
    assert_false(posted_handle(parent));
    /* both directions without filters */
    associators("Linux_ParentChildProcess", me, NULL, NULL, NULL);
    assert_true(posted_handle(child_handle));
    assert_true(posted_handle(parent));
    /* references with role Child: the one association naming the parent */
    references("Linux_ParentChildProcess", me, "Child");
    assert_int_equal(tc.result, MI_RESULT_OK);
    assert_int_equal(tc.n_posts, 1);
    assert_string_equal(str(ref(tc.posts[0], "Parent"), "Handle"), parent);
    assert_string_equal(str(ref(tc.posts[0], "Child"), "Handle"), str(me, "Handle"));
    references("Linux_ParentChildProcess", me, "Parent");
    assert_true(tc.n_posts >= 1);
    {
        bool found = false;
        for (size_t i = 0; i < tc.n_posts; i++)
            if (strcmp(str(ref(tc.posts[i], "Child"), "Handle"), child_handle) == 0)
                found = true;
        assert_true(found);
    }
    /* a resultClass cannot be checked without the class decls: left to the engine */
    associators("Linux_ParentChildProcess", me, "CIM_Process", NULL, NULL);
    assert_int_equal(tc.result, MI_RESULT_NOT_SUPPORTED);
    /* a process of another system has no links here */
    associators("Linux_ParentChildProcess", other, NULL, NULL, NULL);
    assert_int_equal(tc.result, MI_RESULT_OK);
    assert_int_equal(tc.n_posts, 0);

    /* the OS of a process, and the association naming both */
    associators("Linux_OSProcess", me, NULL, NULL, NULL);
    assert_int_equal(tc.result, MI_RESULT_OK);
    assert_int_equal(tc.n_posts, 1);
    assert_string_equal(str(tc.posts[0], "Name"), sys.os_name);
    references("Linux_OSProcess", me, NULL);
    assert_int_equal(tc.n_posts, 1);
    assert_string_equal(str(ref(tc.posts[0], "PartComponent"), "Handle"), str(me, "Handle"));
    references("Linux_OSProcess", me, "GroupComponent"); /* the process is not the group */
    assert_int_equal(tc.n_posts, 0);
    /* the small associations are left to the engine */
    associators("Linux_RunningOS", me, NULL, NULL, NULL);
    assert_int_equal(tc.result, MI_RESULT_NOT_SUPPORTED);

    kill(child, SIGKILL);
    assert_int_equal(waitpid(child, &status, 0), child);
    MI_Instance_Delete(me);
    MI_Instance_Delete(other);
}

/* With a local session the module makes schema-bound instances of the repository's
 * classes; keys-only ones hold the keys only (class defaults cleared). */
static void test_with_local_session(void **state)
{
    MI_Instance *me = process_key(getpid(), NULL);
    char parent[32];
    size_t n = 0;
    const char *const *names = mi_linux_module_classes(&n);

    (void)state;
    snprintf(parent, sizeof parent, "%d", (int)getppid());
    session_on = true;
    enumerate("Linux_UnixProcess", true);
    assert_int_equal(tc.result, MI_RESULT_OK);
    assert_true(tc.n_posts > 0);
    for (size_t i = 0; i < tc.n_posts; i++) {
        MI_Uint32 count = 0, set = 0;
        assert_false(mi_instance_is_dynamic(tc.posts[i]));
        assert_string_equal(tc.posts[i]->classDecl->name, "Linux_UnixProcess");
        assert_int_equal(MI_Instance_GetElementCount(tc.posts[i], &count), MI_RESULT_OK);
        for (MI_Uint32 e = 0; e < count; e++) {
            MI_Uint32 f = 0;
            assert_int_equal(MI_Instance_GetElementAt(tc.posts[i], e, NULL, NULL, NULL, &f),
                             MI_RESULT_OK);
            if (f & MI_FLAG_NULL)
                continue;
            assert_true(tc.posts[i]->classDecl->properties[e]->flags & MI_FLAG_KEY);
            set++;
        }
        assert_int_equal(set, 6);
    }
    enumerate("Linux_Processor", false);
    assert_int_equal(tc.result, MI_RESULT_OK);
    assert_int_equal(tc.n_posts, (size_t)sysconf(_SC_NPROCESSORS_CONF));
    assert_false(mi_instance_is_dynamic(tc.posts[0]));

    /* resultClass can be checked now: CIM_Process matches the parent, CIM_System not */
    associators("Linux_ParentChildProcess", me, "CIM_Process", NULL, "Parent");
    assert_int_equal(tc.result, MI_RESULT_OK);
    assert_int_equal(tc.n_posts, 1);
    assert_string_equal(str(tc.posts[0], "Handle"), parent);
    assert_false(mi_instance_is_dynamic(tc.posts[0]));
    associators("Linux_ParentChildProcess", me, "CIM_System", NULL, "Parent");
    assert_int_equal(tc.result, MI_RESULT_OK);
    assert_int_equal(tc.n_posts, 0);
    associators("Linux_OSProcess", me, "CIM_OperatingSystem", NULL, NULL);
    assert_int_equal(tc.n_posts, 1);

    /* the classes served by linux_fs.c / linux_net.c are forwarded to them */
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], "Linux_LocalFileSystem") == 0) {
            enumerate("Linux_LocalFileSystem", true);
            assert_int_equal(tc.result, MI_RESULT_OK);
            assert_true(tc.n_posts >= 1); /* at least / */
        }
    session_on = false;
    MI_Instance_Delete(me);
}

/* The module's class list names classes of the project's MOF, and the MOF the
 * engine should load for a fresh repository is found. */
static void test_classes_and_schema_file(void **state)
{
    size_t n = 0;
    const char *const *names = mi_linux_module_classes(&n);
    const char *file;

    (void)state;
    assert_true(n >= 9);
    for (size_t i = 0; i < n; i++)
        if (mi_ns_class(ns, names[i]) == NULL)
            fail_msg("module class %s is not in schema/libmi.mof", names[i]);
    unsetenv("MI_SCHEMA_FILE");
    file = mi_linux_schema_file();
    assert_non_null(file);
    assert_string_equal(file, MI_SCHEMA_DIR "/libmi.mof");
    setenv("MI_SCHEMA_FILE", "/elsewhere/x.mof", 1);
    assert_string_equal(mi_linux_schema_file(), "/elsewhere/x.mof");
    unsetenv("MI_SCHEMA_FILE");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_computer_system_uses_server_name),
        cmocka_unit_test(test_enumerate_processes),
        cmocka_unit_test(test_get_process),
        cmocka_unit_test(test_invoke_send_signal),
        cmocka_unit_test(test_associations),
        cmocka_unit_test(test_unknown_class),
        cmocka_unit_test(test_classes_and_schema_file),
        cmocka_unit_test(test_parent_child_traversal),
        cmocka_unit_test(test_with_local_session),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
