/* test_lx_engine.c - the built-in Linux providers through the engine API alone (no
 * client library, so no GetLocalSession hook: the module posts dynamic instances),
 * on a repository file the engine sets up itself. Ground truth is read here: /proc,
 * getpid/getppid, waitpid of a forked child.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"
#include "cim/cim.h"
#include "engine/engine.h"
#include "providers/linux.h"

#define NS "root/cimv2"
#define MAX_RESULTS 4096

typedef struct fixture {
    char dir[64];
    char path[96];
    mi_engine *e;
    char os_name[MI_LINUX_NAME_MAX];
    char cs_name[MI_LINUX_NAME_MAX];
} fixture;

typedef struct results {
    MI_Result final;
    char message[512];
    size_t count;
    MI_Instance *items[MAX_RESULTS]; /* clones of the first MAX_RESULTS */
} results;

static void results_free(results *r)
{
    for (size_t i = 0; i < r->count && i < MAX_RESULTS; i++)
        MI_Instance_Delete(r->items[i]);
    memset(r, 0, sizeof *r);
}

/* Runs req to its end; the final result's instance (Invoke) is kept as an item too. */
static void run(fixture *f, const mi_request *req, results *r)
{
    mi_op *op = NULL;
    mi_item it;

    memset(r, 0, sizeof *r);
    assert_int_equal(mi_engine_start(f->e, req, &op), MI_RESULT_OK);
    for (;;) {
        assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_OK);
        if (it.instance != NULL && (it.kind == MI_ITEM_INSTANCE || it.kind == MI_ITEM_FINAL)) {
            if (r->count < MAX_RESULTS)
                assert_int_equal(MI_Instance_Clone(it.instance, &r->items[r->count]),
                                 MI_RESULT_OK);
            r->count++;
        }
        if (it.kind == MI_ITEM_FINAL) {
            r->final = it.result;
            if (it.message != NULL)
                snprintf(r->message, sizeof r->message, "%s", it.message);
            mi_op_release(op);
            break;
        }
        mi_op_release(op);
    }
    mi_op_close(op);
}

static const char *str_of(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 fl = 0;

    if (MI_Instance_GetElement(inst, name, &v, &t, &fl, NULL) != MI_RESULT_OK ||
        (fl & MI_FLAG_NULL) || t != MI_STRING)
        return NULL;
    return v.string;
}

static void add_str(MI_Instance *inst, const char *name, const char *value)
{
    MI_Value v;
    v.string = (MI_Char *)value;
    assert_int_equal(MI_Instance_AddElement(inst, name, &v, MI_STRING, MI_FLAG_KEY),
                     MI_RESULT_OK);
}

/* The name of process pid (dynamic instance with the keys). */
static MI_Instance *proc_name(fixture *f, pid_t pid)
{
    MI_Instance *p = NULL;
    char handle[32];

    snprintf(handle, sizeof handle, "%d", (int)pid);
    assert_int_equal(mi_instance_new_dynamic("Linux_UnixProcess", 0, &p), MI_RESULT_OK);
    add_str(p, "CSCreationClassName", "Linux_ComputerSystem");
    add_str(p, "CSName", f->cs_name);
    add_str(p, "OSCreationClassName", "Linux_OperatingSystem");
    add_str(p, "OSName", f->os_name);
    add_str(p, "CreationClassName", "Linux_UnixProcess");
    add_str(p, "Handle", handle);
    return p;
}

/* Process directories of /proc, read here. */
static size_t proc_count(void)
{
    DIR *d = opendir("/proc");
    struct dirent *de;
    size_t n = 0;

    assert_non_null(d);
    while ((de = readdir(d)) != NULL)
        if (isdigit((unsigned char)de->d_name[0]))
            n++;
    closedir(d);
    return n;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    mi_engine_config cfg = {NULL, 2, 0, false};
    mi_buf err;
    results r;
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS,
                      .class_name = "Linux_OperatingSystem", .keys_only = MI_TRUE};

    assert_non_null(f);
    strcpy(f->dir, "/tmp/mi_lx_engine_XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/repo.db", f->dir);
    cfg.repository = f->path;
    mi_buf_init(&err, 4096);
    assert_int_equal(mi_engine_open(&cfg, &f->e, &err), MI_RESULT_OK);
    mi_buf_free(&err);
    *state = f;
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, 1);
    assert_non_null(str_of(r.items[0], "Name"));
    assert_non_null(str_of(r.items[0], "CSName"));
    snprintf(f->os_name, sizeof f->os_name, "%s", str_of(r.items[0], "Name"));
    snprintf(f->cs_name, sizeof f->cs_name, "%s", str_of(r.items[0], "CSName"));
    results_free(&r);
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char cmd[160];

    mi_engine_close(f->e);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

/* The engine compiled the classes into root/cimv2 of the new file. */
static void test_setup_classes(void **state)
{
    fixture *f = *state;
    mi_ns *ns = mi_repo_ns(mi_engine_repo(f->e), NS);
    size_t n = 0;
    const char *const *classes = mi_linux_module_classes(&n);

    assert_non_null(ns);
    assert_non_null(mi_ns_class(ns, "CIM_ManagedElement"));
    for (size_t i = 0; i < n; i++)
        assert_non_null(mi_ns_class(ns, classes[i]));
}

/* Reopening does not compile again; a read-only open works. */
static void test_reopen(void **state)
{
    fixture *f = *state;
    size_t before = mi_ns_class_count(mi_repo_ns(mi_engine_repo(f->e), NS));
    mi_engine_config cfg = {f->path, 1, 0, false};
    mi_engine *e2 = NULL;
    mi_buf err;

    mi_buf_init(&err, 4096);
    assert_int_equal(mi_engine_open(&cfg, &e2, &err), MI_RESULT_OK);
    assert_int_equal(mi_ns_class_count(mi_repo_ns(mi_engine_repo(e2), NS)), before);
    mi_engine_close(e2);
    cfg.read_only = true;
    assert_int_equal(mi_engine_open(&cfg, &e2, &err), MI_RESULT_OK);
    assert_int_equal(mi_ns_class_count(mi_repo_ns(mi_engine_repo(e2), NS)), before);
    mi_engine_close(e2);
    mi_buf_free(&err);
}

/* A missing schema file: a clear error naming it, no engine. */
static void test_missing_schema(void **state)
{
    fixture *f = *state;
    char path[128], schema[128];
    mi_engine_config cfg = {path, 1, 0, false};
    mi_engine *e2 = NULL;
    mi_buf err;

    snprintf(path, sizeof path, "%s/other.db", f->dir);
    snprintf(schema, sizeof schema, "%s/no/libmi.mof", f->dir);
    setenv("MI_SCHEMA_FILE", schema, 1);
    mi_buf_init(&err, 4096);
    assert_int_equal(mi_engine_open(&cfg, &e2, &err), MI_RESULT_NOT_FOUND);
    unsetenv("MI_SCHEMA_FILE");
    assert_null(e2);
    assert_non_null(strstr(mi_buf_str(&err), schema));
    mi_buf_free(&err);
}

/* Every process, keys only, within the churn of /proc (5 attempts). */
static void test_enumerate_processes(void **state)
{
    fixture *f = *state;
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS,
                      .class_name = "CIM_Process", .keys_only = MI_TRUE};
    char me[32];
    bool ok = false;

    snprintf(me, sizeof me, "%d", (int)getpid());
    for (int attempt = 0; attempt < 5 && !ok; attempt++) {
        results r;
        size_t before = proc_count(), after, lo, hi;
        bool found = false;
        run(f, &req, &r);
        after = proc_count();
        assert_int_equal(r.final, MI_RESULT_OK);
        lo = before < after ? before : after;
        hi = before > after ? before : after;
        for (size_t i = 0; i < r.count && i < MAX_RESULTS; i++) {
            const char *h = str_of(r.items[i], "Handle");
            assert_non_null(h);
            assert_null(str_of(r.items[i], "Name")); /* keys only */
            if (strcmp(h, me) == 0)
                found = true;
        }
        assert_true(found);
        ok = r.count >= lo && r.count <= hi;
        if (!ok)
            fprintf(stderr, "attempt %d: %zu processes; /proc had %zu then %zu\n", attempt,
                    r.count, before, after);
        results_free(&r);
    }
    assert_true(ok);
}

/* GetInstance of this process by key, and its parent by resultRole Parent. */
static void test_get_and_parent(void **state)
{
    fixture *f = *state;
    MI_Instance *me = proc_name(f, getpid());
    mi_request get = {.kind = MI_OP_GET_INSTANCE, .ns = NS, .instance = me};
    mi_request assoc = {.kind = MI_OP_ASSOCIATOR_INSTANCES, .ns = NS, .instance = me,
                        .result_role = "Parent"};
    char want[32];
    results r;

    run(f, &get, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, 1);
    snprintf(want, sizeof want, "%d", (int)getppid());
    assert_string_equal(str_of(r.items[0], "ParentProcessID"), want);
    assert_string_equal(r.items[0]->nameSpace, NS);
    results_free(&r);

    run(f, &assoc, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, 1);
    assert_string_equal(str_of(r.items[0], "Handle"), want);
    assert_string_equal(r.items[0]->nameSpace, NS);
    results_free(&r);
    MI_Instance_Delete(me);
}

/* SendSignal SIGTERM to a forked child; waitpid says how it ended. */
static void test_send_signal(void **state)
{
    fixture *f = *state;
    pid_t child = fork();
    MI_Instance *name, *in = NULL;
    MI_Value v;
    int status = 0;
    results r;

    assert_true(child >= 0);
    if (child == 0) {
        for (;;)
            pause();
    }
    name = proc_name(f, child);
    assert_int_equal(mi_instance_new_dynamic("SendSignal", MI_FLAG_METHOD, &in), MI_RESULT_OK);
    v.uint32 = SIGTERM;
    assert_int_equal(MI_Instance_AddElement(in, "Signal", &v, MI_UINT32, 0), MI_RESULT_OK);
    mi_request req = {.kind = MI_OP_INVOKE, .ns = NS, .instance = name,
                      .method = "SendSignal", .params = in};
    run(f, &req, &r);
    if (r.final != MI_RESULT_OK)
        kill(child, SIGKILL);
    assert_int_equal(r.final, MI_RESULT_OK);
    results_free(&r);
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGTERM);
    /* Now there is no such process. */
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_NOT_FOUND);
    results_free(&r);
    MI_Instance_Delete(in);
    MI_Instance_Delete(name);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_setup_classes),
        cmocka_unit_test(test_reopen),
        cmocka_unit_test(test_missing_schema),
        cmocka_unit_test(test_enumerate_processes),
        cmocka_unit_test(test_get_and_parent),
        cmocka_unit_test(test_send_signal),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
