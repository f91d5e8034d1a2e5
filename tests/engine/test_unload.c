/* test_unload.c - idle unloading of provider modules (module.c): a module no request
 * has used for the idle time is unloaded (class Unload, Module.Unload, dlclose) and
 * loaded again by the next request; MI_Context_RequestUnload unloads it as soon as it
 * is idle; MI_Context_RefuseUnload keeps it until a later RequestUnload; concurrent
 * requests while modules come and go all succeed.
 *
 * The module (unload_provider.c, dlopen'ed by path) appends its Load/Unload calls to
 * the file $MI_TEST_UNLOAD_LOG, which the tests read back.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "engine/engine.h"
#include "mof/mof.h"
#include "repo/repo.h"

#define NS "root/test"
#define QUALIFIERS MI_SHARED_DIR "/data/cim-schema/2.49.0/qualifiers.mof"
#define PROVIDERS_MOF MI_SOURCE_DIR "/tests/providers/test_providers.mof"

typedef struct fixture {
    mi_repo *repo;
    mi_engine *e;
    char log[64];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    mi_mof_options o;
    const char *files[] = {QUALIFIERS, PROVIDERS_MOF};
    const char *const classes[] = {"TST_Left", "TST_Right", "TST_Slow"};
    mi_engine_config cfg = {NULL, 4, 32, false};
    mi_buf err;
    int fd;

    strcpy(f->log, "/tmp/mi_unload_XXXXXX");
    fd = mkstemp(f->log);
    assert_true(fd >= 0);
    close(fd);
    setenv("MI_TEST_UNLOAD_LOG", f->log, 1);
    memset(&o, 0, sizeof o);
    o.ns = NS;
    assert_int_equal(mi_repo_new(&f->repo), MI_RESULT_OK);
    assert_int_equal(mi_mof_compile_files(f->repo, files, 2, &o, NULL), MI_RESULT_OK);
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        assert_int_equal(mi_repo_register_provider(f->repo, NS, classes[i], MI_UNLOAD_PROVIDER),
                         MI_RESULT_OK);
    mi_buf_init(&err, 0);
    assert_int_equal(mi_engine_open_repo(f->repo, &cfg, &f->e, &err), MI_RESULT_OK);
    mi_buf_free(&err);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    mi_engine_close(f->e);
    mi_repo_free(f->repo);
    unlink(f->log);
    free(f);
    return 0;
}

/* ---------------------------------------------------------------- helpers */

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Counts in the log: lines starting with `what` (e.g. "module-load"). */
typedef struct log_counts {
    unsigned module_load, module_unload, class_load, class_unload;
    unsigned fresh_loads;  /* "module-load 1": the first Load since the library was mapped */
    char last[32];         /* the last line's first word */
} log_counts;

static log_counts read_log(const fixture *f)
{
    log_counts c;
    char line[128];
    FILE *fp = fopen(f->log, "r");

    memset(&c, 0, sizeof c);
    if (fp == NULL)
        return c;
    while (fgets(line, sizeof line, fp) != NULL) {
        if (strncmp(line, "module-load ", 12) == 0) {
            c.module_load++;
            if (strcmp(line + 12, "1\n") == 0)
                c.fresh_loads++;
        } else if (strncmp(line, "module-unload", 13) == 0) {
            c.module_unload++;
        } else if (strncmp(line, "class-load", 10) == 0) {
            c.class_load++;
        } else if (strncmp(line, "class-unload", 12) == 0) {
            c.class_unload++;
        }
        sscanf(line, "%31s", c.last);
    }
    fclose(fp);
    return c;
}

/* Waits up to ms for the log to show `unloads` module unloads; returns how long it
 * took (ms), or UINT64_MAX when it never did. */
static uint64_t wait_unloads(const fixture *f, unsigned unloads, unsigned ms)
{
    uint64_t t0 = now_ms();

    while (now_ms() - t0 <= ms) {
        if (read_log(f).module_unload >= unloads)
            return now_ms() - t0;
        sleep_ms(5);
    }
    return UINT64_MAX;
}

/* Enumerates cls to its end: the final result, the instance count in *n. */
static MI_Result run_enum(mi_engine *e, const char *cls, size_t *n)
{
    mi_request req;
    mi_op *op = NULL;
    mi_item it;
    MI_Result r = MI_RESULT_FAILED;

    memset(&req, 0, sizeof req);
    req.kind = MI_OP_ENUMERATE_INSTANCES;
    req.ns = NS;
    req.class_name = cls;
    *n = 0;
    if (mi_engine_start(e, &req, &op) != MI_RESULT_OK)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    for (;;) {
        if (mi_op_next(op, &it, 0) != MI_RESULT_OK)
            break;
        if (it.kind == MI_ITEM_FINAL) {
            r = it.result;
            mi_op_release(op);
            break;
        }
        if (it.kind == MI_ITEM_INSTANCE)
            (*n)++;
        mi_op_release(op);
    }
    mi_op_close(op);
    return r;
}

/* ---------------------------------------------------------------- tests */

static void test_idle_unload_and_reload(void **state)
{
    fixture *f = *state;
    size_t n;
    uint64_t t0, waited;
    log_counts c;

    mi_engine_set_idle_unload(f->e, 300);
    assert_int_equal(run_enum(f->e, "TST_Left", &n), MI_RESULT_OK);
    t0 = now_ms();
    assert_int_equal(n, 5);
    c = read_log(f);
    assert_int_equal(c.module_load, 1);
    assert_int_equal(c.class_load, 1);
    assert_int_equal(c.module_unload, 0);
    /* Not before the idle time, within a few of them. */
    waited = wait_unloads(f, 1, 5000);
    assert_true(waited != UINT64_MAX);
    assert_true(now_ms() - t0 >= 250);
    c = read_log(f);
    assert_int_equal(c.class_unload, 1);
    assert_int_equal(c.module_unload, 1);
    assert_string_equal(c.last, "module-unload"); /* class Unload came first */
    /* The next request loads it again - a fresh mapping after dlclose. */
    assert_int_equal(run_enum(f->e, "TST_Left", &n), MI_RESULT_OK);
    assert_int_equal(n, 5);
    c = read_log(f);
    assert_int_equal(c.module_load, 2);
    assert_int_equal(c.fresh_loads, 2);
    assert_int_equal(c.class_load, 2);
    assert_true(wait_unloads(f, 2, 5000) != UINT64_MAX);
}

static void test_busy_module_stays(void **state)
{
    fixture *f = *state;
    size_t n;
    uint64_t t0 = now_ms();

    /* Requests every 50 ms with an idle time of 400 ms: never unloaded meanwhile. */
    mi_engine_set_idle_unload(f->e, 400);
    while (now_ms() - t0 < 1000) {
        assert_int_equal(run_enum(f->e, "TST_Left", &n), MI_RESULT_OK);
        assert_int_equal(n, 5);
        sleep_ms(50);
    }
    assert_int_equal(read_log(f).module_unload, 0);
    assert_int_equal(read_log(f).module_load, 1);
}

static void test_request_unload(void **state)
{
    fixture *f = *state;
    size_t n;
    log_counts c;

    /* Default idle time (60 s): only RequestUnload can make it go this soon. */
    assert_int_equal(run_enum(f->e, "TST_Right", &n), MI_RESULT_OK);
    assert_int_equal(n, 1);
    assert_true(wait_unloads(f, 1, 3000) != UINT64_MAX);
    c = read_log(f);
    assert_int_equal(c.module_load, 1);
    assert_int_equal(c.class_unload, 1);
    /* Loaded again on demand; without a new request to go, it stays (60 s). */
    assert_int_equal(run_enum(f->e, "TST_Left", &n), MI_RESULT_OK);
    assert_int_equal(n, 5);
    sleep_ms(300);
    c = read_log(f);
    assert_int_equal(c.module_load, 2);
    assert_int_equal(c.module_unload, 1);
}

static void test_refuse_unload(void **state)
{
    fixture *f = *state;
    size_t n;
    log_counts c;

    mi_engine_set_idle_unload(f->e, 100);
    assert_int_equal(run_enum(f->e, "TST_Slow", &n), MI_RESULT_OK); /* refuses */
    assert_int_equal(n, 1);
    sleep_ms(600);
    c = read_log(f);
    assert_int_equal(c.module_load, 1);
    assert_int_equal(c.module_unload, 0);
    /* Other requests meanwhile do not lift the refusal... */
    assert_int_equal(run_enum(f->e, "TST_Left", &n), MI_RESULT_OK);
    sleep_ms(300);
    assert_int_equal(read_log(f).module_unload, 0);
    /* ...RequestUnload does. */
    assert_int_equal(run_enum(f->e, "TST_Right", &n), MI_RESULT_OK);
    assert_true(wait_unloads(f, 1, 3000) != UINT64_MAX);
    /* After reloading, the refusal is forgotten: idle unloading applies again. */
    assert_int_equal(run_enum(f->e, "TST_Left", &n), MI_RESULT_OK);
    assert_true(wait_unloads(f, 2, 3000) != UINT64_MAX);
    c = read_log(f);
    assert_int_equal(c.module_load, 2);
    assert_int_equal(c.fresh_loads, 2);
}

typedef struct hammer {
    mi_engine *e;
    unsigned seed;
    unsigned bad;
} hammer;

static void *hammer_main(void *arg)
{
    hammer *h = arg;
    size_t n;

    for (unsigned i = 0; i < 150; i++) {
        unsigned pick = (h->seed + i) % 7;
        const char *cls = pick == 0 ? "TST_Right" : "TST_Left";
        MI_Result r = run_enum(h->e, cls, &n);
        if (r != MI_RESULT_OK || n != (pick == 0 ? 1u : 5u))
            h->bad++;
        if (i % 10 == 0)
            sleep_ms(2);
    }
    return NULL;
}

static void test_concurrent_requests_while_unloading(void **state)
{
    fixture *f = *state;
    pthread_t t[4];
    hammer h[4];
    log_counts c;

    /* 1 ms idle time: the module comes and goes between and during the requests. */
    mi_engine_set_idle_unload(f->e, 1);
    for (unsigned i = 0; i < 4; i++) {
        h[i] = (hammer){f->e, i * 3, 0};
        assert_int_equal(pthread_create(&t[i], NULL, hammer_main, &h[i]), 0);
    }
    for (unsigned i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(h[i].bad, 0);
    }
    assert_true(wait_unloads(f, read_log(f).module_load, 3000) != UINT64_MAX);
    c = read_log(f);
    print_message("module loaded %u times during 600 requests\n", c.module_load);
    assert_true(c.module_load >= 2); /* it did go and come back */
    assert_int_equal(c.module_load, c.module_unload);
    assert_int_equal(c.class_load, c.class_unload);
    assert_int_equal(c.fresh_loads, c.module_load);
}

static void test_engine_close_unloads(void **state)
{
    fixture *f = *state;
    size_t n;
    log_counts c;

    assert_int_equal(run_enum(f->e, "TST_Slow", &n), MI_RESULT_OK); /* refuses */
    mi_engine_close(f->e);
    f->e = NULL;
    c = read_log(f);
    assert_int_equal(c.module_load, 1);
    assert_int_equal(c.module_unload, 1);
    assert_int_equal(c.class_unload, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_idle_unload_and_reload, setup, teardown),
        cmocka_unit_test_setup_teardown(test_busy_module_stays, setup, teardown),
        cmocka_unit_test_setup_teardown(test_request_unload, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuse_unload, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_requests_while_unloading, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_engine_close_unloads, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
