/* test_subscribe.c - MI_Session_Subscribe on the in-process engine with an indication
 * provider module (indication_provider.c): sync (MI_Operation_GetIndication) and async
 * (indicationResult) delivery in order, engine-side WHERE filtering and projection,
 * cancel / close / timeout ending a subscription with Unsubscribe and
 * DisableIndications called exactly once, EnableIndications shared by two
 * subscriptions, provider failures, the request checks (class, dialect, query), and
 * lifecycle indications of stored instances (CIM_InstCreation / Modification /
 * Deletion, compiled from the DMTF Event schema).
 *
 * The test dlopens the provider module itself (the engine's dlopen of the same path
 * gets the same copy) to configure it and read its call counters.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "base/alloc.h"
#include "cim/cim.h"
#include "client/session_int.h"
#include "engine/engine.h"
#include "indication_provider.h"
#include "mof/mof.h"
#include "repo/repo.h"

#define NS "root/test"
#define QUALIFIERS MI_SHARED_DIR "/data/cim-schema/2.49.0/qualifiers.mof"
#define IND_MOF MI_SOURCE_DIR "/tests/engine/indication_provider.mof"
#define EVENT_DIR MI_SHARED_DIR "/data/cim-schema/2.49.0/Event/"
#define WAIT_MS 10000

typedef struct fixture {
    mi_repo *repo;
    mi_engine *e;
    MI_Application app;
    MI_Session s;
    void *mod;
    tsti_configure_fn configure;
    tsti_get_stats_fn stats;
} fixture;

static int setup_with(void **state, bool lifecycle)
{
    fixture *f = calloc(1, sizeof *f);
    mi_mof_options o;
    const char *files[] = {QUALIFIERS,
                           IND_MOF,
                           EVENT_DIR "CIM_Indication.mof",
                           EVENT_DIR "CIM_InstIndication.mof",
                           EVENT_DIR "CIM_InstCreation.mof",
                           EVENT_DIR "CIM_InstDeletion.mof",
                           EVENT_DIR "CIM_InstModification.mof"};
    mi_engine_config cfg = {NULL, 4, 32, false};
    mi_buf err;
    tsti_reset_fn reset;

    memset(&o, 0, sizeof o);
    o.ns = NS;
    f->mod = dlopen(MI_INDICATION_PROVIDER, RTLD_NOW);
    assert_non_null(f->mod);
    reset = (tsti_reset_fn)(uintptr_t)dlsym(f->mod, "tsti_reset");
    f->configure = (tsti_configure_fn)(uintptr_t)dlsym(f->mod, "tsti_configure");
    f->stats = (tsti_get_stats_fn)(uintptr_t)dlsym(f->mod, "tsti_get_stats");
    assert_non_null(reset);
    assert_non_null(f->configure);
    assert_non_null(f->stats);
    reset();
    assert_int_equal(mi_repo_new(&f->repo), MI_RESULT_OK);
    assert_int_equal(mi_mof_compile_files(f->repo, files, lifecycle ? 7 : 2, &o, NULL),
                     MI_RESULT_OK);
    assert_int_equal(mi_repo_register_provider(f->repo, NS, "TSTI_Event",
                                               MI_INDICATION_PROVIDER), MI_RESULT_OK);
    assert_int_equal(mi_repo_register_provider(f->repo, NS, "TSTI_Fail",
                                               MI_INDICATION_PROVIDER), MI_RESULT_OK);
    mi_buf_init(&err, 0);
    assert_int_equal(mi_engine_open_repo(f->repo, &cfg, &f->e, &err), MI_RESULT_OK);
    mi_buf_free(&err);
    assert_int_equal(MI_Application_Initialize(0, NULL, NULL, &f->app), MI_RESULT_OK);
    assert_int_equal(mi_client_app_use_engine(&f->app, f->e), MI_RESULT_OK);
    assert_int_equal(MI_Application_NewSession(&f->app, NULL, NULL, NULL, NULL, NULL, &f->s),
                     MI_RESULT_OK);
    *state = f;
    return 0;
}

static int setup(void **state)
{
    return setup_with(state, false);
}

static int setup_lifecycle(void **state)
{
    return setup_with(state, true);
}

static int teardown(void **state)
{
    fixture *f = *state;
    assert_int_equal(MI_Session_Close(&f->s, NULL, NULL), MI_RESULT_OK);
    mi_client_app_close_sessions(&f->app);
    assert_int_equal(MI_Application_Close(&f->app), MI_RESULT_OK);
    mi_engine_close(f->e);
    mi_repo_free(f->repo);
    dlclose(f->mod);
    free(f);
    return 0;
}

/* ---------------------------------------------------------------- helpers */

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {(time_t)(ms / 1000u), (long)(ms % 1000u) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Polls the provider's counters until field (an offset into tsti_stats) reaches want,
 * at most WAIT_MS; returns the last value. */
static unsigned wait_stat(fixture *f, size_t field, unsigned want)
{
    tsti_stats st;
    unsigned v = 0;
    for (int i = 0; i < WAIT_MS; i += 5) {
        f->stats(&st);
        memcpy(&v, (const char *)&st + field, sizeof v);
        if (v >= want)
            break;
        sleep_ms(5);
    }
    return v;
}
#define WAIT_STAT(f, name, want) wait_stat(f, offsetof(tsti_stats, name), want)

static MI_Uint32 seq_of(const MI_Instance *inst)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 fl = 0;
    assert_int_equal(MI_Instance_GetElement(inst, "Seq", &v, &t, &fl, NULL), MI_RESULT_OK);
    assert_int_equal(t, MI_UINT32);
    assert_false(fl & MI_FLAG_NULL);
    return v.uint32;
}

/* The next indication of a sync subscription: its Seq, or -1 at the final result (then
 * *result / msg are set). */
static long next_seq(MI_Operation *op, MI_Result *result, char *msg, size_t cap)
{
    const MI_Instance *inst = NULL;
    const MI_Char *bookmark = (const MI_Char *)"x", *machine = (const MI_Char *)"x";
    const MI_Char *m = NULL;
    MI_Boolean more = MI_FALSE;

    *result = MI_RESULT_OK;
    assert_int_equal(MI_Operation_GetIndication(op, &inst, &bookmark, &machine, &more, result,
                                                &m, NULL), MI_RESULT_OK);
    assert_null(bookmark);
    assert_null(machine);
    if (!more) {
        if (msg != NULL)
            snprintf(msg, cap, "%s", m != NULL ? m : "");
        return -1;
    }
    assert_int_equal(*result, MI_RESULT_OK);
    assert_non_null(inst);
    return (long)seq_of(inst);
}

static void subscribe(fixture *f, MI_OperationOptions *opts, const char *dialect,
                      const char *query, MI_OperationCallbacks *cb, MI_Operation *op)
{
    MI_Session_Subscribe(&f->s, 0, opts, NS, dialect, query, NULL, cb, op);
}

/* A subscription that must fail at once with code, its message containing part. */
static void expect_failure(fixture *f, const char *dialect, const char *query, MI_Result code,
                           const char *part)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Result result;
    char msg[512];

    subscribe(f, NULL, dialect, query, NULL, &op);
    assert_int_equal(next_seq(&op, &result, msg, sizeof msg), -1);
    assert_int_equal(result, code);
    if (strstr(msg, part) == NULL)
        fail_msg("message '%s' lacks '%s'", msg, part);
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
}

/* ---------------------------------------------------------------- tests */

static void test_sync_in_order(void **state)
{
    fixture *f = *state;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Result result;
    char msg[256];
    tsti_stats st;

    f->configure(10, 100, MI_RESULT_OK);
    subscribe(f, NULL, "WQL", "SELECT * FROM TSTI_Event", NULL, &op);
    for (long i = 0; i < 10; i++)
        assert_int_equal(next_seq(&op, &result, NULL, 0), i);
    assert_int_equal(MI_Operation_Cancel(&op, MI_REASON_NONE), MI_RESULT_OK);
    assert_int_equal(next_seq(&op, &result, msg, sizeof msg), -1);
    assert_int_equal(result, MI_RESULT_FAILED);
    /* The final result repeats. */
    assert_int_equal(next_seq(&op, &result, NULL, 0), -1);
    assert_int_equal(result, MI_RESULT_FAILED);
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
    assert_int_equal(WAIT_STAT(f, disable, 1), 1);
    f->stats(&st);
    assert_int_equal(st.enable, 1);
    assert_int_equal(st.subscribe, 1);
    assert_int_equal(st.unsubscribe, 1);
    assert_int_equal(st.disable, 1);
    assert_int_equal(st.posted, 10);
    assert_int_equal(st.filter_given, 0); /* no MI_MODULE_FLAG_FILTER_SUPPORT */
    /* Indications go through PostIndication on the indications context only. */
    assert_int_equal(st.instance_on_ind, MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(st.indication_on_req, MI_RESULT_INVALID_PARAMETER);
}

typedef struct acoll {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    long seqs[64];
    size_t count;
    unsigned finals;
    unsigned after_final;     /* callbacks after the final one */
    MI_Result result;
    char message[256];
} acoll;

static void MI_CALL on_indication(MI_Operation *operation, void *ctx, const MI_Instance *inst,
                                  const MI_Char *bookmark, const MI_Char *machineID,
                                  MI_Boolean more, MI_Result code, const MI_Char *msg,
                                  const MI_Instance *details,
                                  MI_Result(MI_CALL *ack)(MI_Operation *))
{
    acoll *c = ctx;
    (void)operation, (void)bookmark, (void)machineID, (void)details, (void)ack;
    pthread_mutex_lock(&c->mu);
    if (c->finals > 0)
        c->after_final++;
    if (more) {
        if (inst != NULL && c->count < 64)
            c->seqs[c->count] = (long)seq_of(inst);
        c->count++;
    } else {
        c->finals++;
        c->result = code;
        snprintf(c->message, sizeof c->message, "%s", msg != NULL ? msg : "");
    }
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
}

/* Waits until c has `count` indications (or a final, with finals set); false on
 * timeout. */
static bool acoll_wait(acoll *c, size_t count, bool final)
{
    struct timespec ts;
    bool ok;

    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += WAIT_MS / 1000;
    pthread_mutex_lock(&c->mu);
    while (final ? c->finals == 0 : c->count < count) {
        if (pthread_cond_timedwait(&c->cv, &c->mu, &ts) != 0)
            break;
    }
    ok = final ? c->finals > 0 : c->count >= count;
    pthread_mutex_unlock(&c->mu);
    return ok;
}

static void test_async_in_order(void **state)
{
    fixture *f = *state;
    MI_Operation op = MI_OPERATION_NULL;
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    acoll c;
    tsti_stats st;

    memset(&c, 0, sizeof c);
    pthread_mutex_init(&c.mu, NULL);
    pthread_cond_init(&c.cv, NULL);
    cb.callbackContext = &c;
    cb.indicationResult = on_indication;
    f->configure(12, 100, MI_RESULT_OK);
    subscribe(f, NULL, "CQL", "SELECT * FROM TSTI_Event", &cb, &op);
    assert_true(acoll_wait(&c, 12, false));
    for (size_t i = 0; i < 12; i++)
        assert_int_equal(c.seqs[i], (long)i);
    assert_int_equal(c.finals, 0);
    assert_int_equal(MI_Operation_Cancel(&op, MI_REASON_NONE), MI_RESULT_OK);
    assert_true(acoll_wait(&c, 0, true));
    assert_int_equal(c.result, MI_RESULT_FAILED);
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
    assert_int_equal(WAIT_STAT(f, disable, 1), 1);
    sleep_ms(50);
    pthread_mutex_lock(&c.mu);
    assert_int_equal(c.finals, 1);
    assert_int_equal(c.after_final, 0);
    assert_int_equal(c.count, 12);
    pthread_mutex_unlock(&c.mu);
    f->stats(&st);
    assert_int_equal(st.unsubscribe, 1);
    assert_int_equal(st.disable, 1);

    /* Close without a cancel: the final callback comes once, delivery stops. */
    memset(&c.seqs, 0, sizeof c.seqs);
    c.count = c.finals = c.after_final = 0;
    f->configure(UINT32_MAX, 100, MI_RESULT_OK);
    subscribe(f, NULL, "WQL", "SELECT * FROM TSTI_Event", &cb, &op);
    assert_true(acoll_wait(&c, 5, false));
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
    assert_true(acoll_wait(&c, 0, true));
    assert_int_equal(WAIT_STAT(f, disable, 2), 2);
    sleep_ms(50);
    pthread_mutex_lock(&c.mu);
    assert_int_equal(c.finals, 1);
    assert_int_equal(c.after_final, 0);
    for (size_t i = 0; i < c.count && i < 64; i++)
        assert_int_equal(c.seqs[i], (long)i);
    pthread_mutex_unlock(&c.mu);
    f->stats(&st);
    assert_int_equal(st.enable, 2);
    assert_int_equal(st.subscribe, 2);
    assert_int_equal(st.unsubscribe, 2);
    pthread_mutex_destroy(&c.mu);
    pthread_cond_destroy(&c.cv);
}

static void test_where_engine_side(void **state)
{
    fixture *f = *state;
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst = NULL;
    MI_Boolean more = MI_FALSE;
    MI_Result result;
    MI_Value v;
    MI_Type t;
    MI_Uint32 fl;

    f->configure(20, 100, MI_RESULT_OK);
    subscribe(f, NULL, "WQL", "SELECT Seq FROM TSTI_Event WHERE Seq >= 3 AND Seq < 6", NULL,
              &op);
    for (long i = 3; i < 6; i++) {
        assert_int_equal(MI_Operation_GetIndication(&op, &inst, NULL, NULL, &more, &result,
                                                    NULL, NULL), MI_RESULT_OK);
        assert_true(more);
        assert_int_equal(seq_of(inst), i);
        /* Projected: Tag was not selected (absent, or NULL). */
        fl = 0;
        if (MI_Instance_GetElement(inst, "Tag", &v, &t, &fl, NULL) == MI_RESULT_OK)
            assert_true(fl & MI_FLAG_NULL);
    }
    /* All 20 posted: nothing else matched, so the next item is the final result. */
    assert_int_equal(WAIT_STAT(f, posted, 20), 20);
    assert_int_equal(MI_Operation_Cancel(&op, MI_REASON_NONE), MI_RESULT_OK);
    assert_int_equal(next_seq(&op, &result, NULL, 0), -1);
    assert_int_equal(result, MI_RESULT_FAILED);
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
    assert_int_equal(WAIT_STAT(f, disable, 1), 1);
}

static void test_close_ends(void **state)
{
    fixture *f = *state;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Result result;
    tsti_stats st, st2;

    /* Unlimited posting, faster than the consumer: the queue fills and the poster
     * waits in PostIndication when the close comes. */
    f->configure(UINT32_MAX, 0, MI_RESULT_OK);
    subscribe(f, NULL, "WQL", "SELECT * FROM TSTI_Event", NULL, &op);
    for (long i = 0; i < 5; i++)
        assert_int_equal(next_seq(&op, &result, NULL, 0), i);
    sleep_ms(20);
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
    assert_int_equal(WAIT_STAT(f, disable, 1), 1);
    f->stats(&st);
    assert_int_equal(st.unsubscribe, 1);
    assert_int_equal(st.disable, 1);
    assert_true(st.posted >= 5);
    /* The poster is gone: nothing more is posted. */
    sleep_ms(50);
    f->stats(&st2);
    assert_int_equal(st2.posted + st2.post_failed, st.posted + st.post_failed);
    assert_int_equal(st2.unsubscribe, 1);
    assert_int_equal(st2.disable, 1);
}

/* Open subscriptions do not take the engine's workers (4 here): with 8 of them
 * waiting, an enumeration still runs (its timeout turns a starved run into a
 * failure instead of a hang). */
static void test_subscriptions_leave_workers(void **state)
{
    enum { N = 8 };
    fixture *f = *state;
    MI_Operation subs[N], op = MI_OPERATION_NULL;
    MI_OperationOptions opts = MI_OPERATIONOPTIONS_NULL;
    MI_Interval iv;
    const MI_Instance *inst;
    MI_Boolean more = MI_TRUE;
    MI_Result result = MI_RESULT_FAILED;

    for (int i = 0; i < N; i++) {
        subs[i] = (MI_Operation)MI_OPERATION_NULL;
        subscribe(f, NULL, "WQL", "SELECT * FROM TSTI_Orphan", NULL, &subs[i]);
    }
    sleep_ms(50);
    memset(&iv, 0, sizeof iv);
    iv.seconds = 5;
    assert_int_equal(MI_Application_NewOperationOptions(&f->app, MI_FALSE, &opts),
                     MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_SetTimeout(&opts, &iv), MI_RESULT_OK);
    MI_Session_EnumerateInstances(&f->s, 0, &opts, NS, "TSTI_Plain", MI_FALSE, NULL, &op);
    while (more)
        assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &result, NULL, NULL),
                         MI_RESULT_OK);
    assert_int_equal(result, MI_RESULT_OK);
    MI_Operation_Close(&op);
    MI_OperationOptions_Delete(&opts);
    for (int i = 0; i < N; i++)
        assert_int_equal(MI_Operation_Close(&subs[i]), MI_RESULT_OK);
}

static void test_two_subscriptions(void **state)
{
    fixture *f = *state;
    MI_Operation a = MI_OPERATION_NULL, b = MI_OPERATION_NULL;
    MI_Result result;
    long la = -1, lb = -1, s;
    tsti_stats st;

    f->configure(UINT32_MAX, 300, MI_RESULT_OK);
    subscribe(f, NULL, "WQL", "SELECT * FROM TSTI_Event", NULL, &a);
    assert_int_equal(next_seq(&a, &result, NULL, 0), 0);
    la = 0;
    subscribe(f, NULL, "WQL", "SELECT * FROM TSTI_Event WHERE Seq > 0", NULL, &b);
    /* Each sees consecutive numbers (b from wherever it joined). */
    for (int i = 0; i < 20; i++) {
        s = next_seq(&a, &result, NULL, 0);
        assert_int_equal(s, la + 1);
        la = s;
        s = next_seq(&b, &result, NULL, 0);
        assert_true(s > 0);
        if (lb >= 0)
            assert_int_equal(s, lb + 1);
        lb = s;
    }
    f->stats(&st);
    assert_int_equal(st.enable, 1);
    assert_int_equal(st.subscribe, 2);
    assert_int_equal(MI_Operation_Close(&a), MI_RESULT_OK);
    assert_int_equal(WAIT_STAT(f, unsubscribe, 1), 1);
    sleep_ms(20);
    f->stats(&st);
    assert_int_equal(st.disable, 0); /* b still subscribed */
    for (int i = 0; i < 10; i++) {
        s = next_seq(&b, &result, NULL, 0);
        assert_int_equal(s, lb + 1);
        lb = s;
    }
    assert_int_equal(MI_Operation_Close(&b), MI_RESULT_OK);
    assert_int_equal(WAIT_STAT(f, disable, 1), 1);
    f->stats(&st);
    assert_int_equal(st.enable, 1);
    assert_int_equal(st.unsubscribe, 2);
    assert_int_equal(st.disable, 1);
}

static void test_subscribe_fails(void **state)
{
    fixture *f = *state;
    tsti_stats st;

    expect_failure(f, "WQL", "SELECT * FROM TSTI_Fail", MI_RESULT_ACCESS_DENIED,
                   "subscribe refused");
    assert_int_equal(WAIT_STAT(f, fail_disable, 1), 1);
    f->stats(&st);
    assert_int_equal(st.fail_enable, 1);
    assert_int_equal(st.fail_subscribe, 1);
    /* Subscribe was called: Unsubscribe too, before Disable. */
    assert_int_equal(st.fail_unsubscribe, 1);
}

static void test_provider_ends(void **state)
{
    fixture *f = *state;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Result result;
    char msg[256];
    tsti_stats st;

    f->configure(4, 100, MI_RESULT_NOT_FOUND);
    subscribe(f, NULL, "WQL", "SELECT * FROM TSTI_Event", NULL, &op);
    for (long i = 0; i < 4; i++)
        assert_int_equal(next_seq(&op, &result, NULL, 0), i);
    assert_int_equal(next_seq(&op, &result, msg, sizeof msg), -1);
    assert_int_equal(result, MI_RESULT_NOT_FOUND);
    assert_non_null(strstr(msg, "provider ended delivery"));
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
    assert_int_equal(WAIT_STAT(f, unsubscribe, 1), 1);
    sleep_ms(20);
    f->stats(&st);
    /* The indications context is closed: no DisableIndications on it. */
    assert_int_equal(st.disable, 0);
    assert_int_equal(st.enable, 1);

    /* A new subscription enables delivery again. */
    f->configure(2, 100, MI_RESULT_OK);
    subscribe(f, NULL, "WQL", "SELECT * FROM TSTI_Event", NULL, &op);
    assert_int_equal(next_seq(&op, &result, NULL, 0), 0);
    assert_int_equal(next_seq(&op, &result, NULL, 0), 1);
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
    assert_int_equal(WAIT_STAT(f, disable, 1), 1);
    f->stats(&st);
    assert_int_equal(st.enable, 2);
}

static void test_bad_requests(void **state)
{
    fixture *f = *state;

    expect_failure(f, "WQL", "SELECT * FROM TSTI_Plain", MI_RESULT_INVALID_CLASS,
                   "not an indication class");
    expect_failure(f, "WQL", "SELECT * FROM TSTI_Missing", MI_RESULT_INVALID_CLASS,
                   "does not exist");
    expect_failure(f, "XQL", "SELECT * FROM TSTI_Event", MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED,
                   "XQL");
    expect_failure(f, "WQL", "SELEKT * FROM TSTI_Event", MI_RESULT_INVALID_QUERY, "");
    expect_failure(f, "WQL", "SELECT * FROM TSTI_Event WHERE Nope = 1",
                   MI_RESULT_INVALID_QUERY, "Nope");
}

static void test_timeout(void **state)
{
    fixture *f = *state;
    MI_Operation op = MI_OPERATION_NULL;
    MI_OperationOptions opts;
    MI_Interval iv;
    MI_Result result;
    char msg[256];

    memset(&iv, 0, sizeof iv);
    iv.microseconds = 300000;
    assert_int_equal(MI_Application_NewOperationOptions(&f->app, MI_FALSE, &opts), MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_SetTimeout(&opts, &iv), MI_RESULT_OK);

    /* No provider: the subscription waits, then times out. */
    subscribe(f, &opts, "WQL", "SELECT * FROM TSTI_Orphan", NULL, &op);
    assert_int_equal(next_seq(&op, &result, msg, sizeof msg), -1);
    assert_int_equal(result, MI_RESULT_FAILED);
    assert_non_null(strstr(msg, "timed out"));
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);

    /* A class without the qualifier whose superclass has it is an indication class. */
    subscribe(f, &opts, "WQL", "SELECT * FROM TSTI_SubEvent", NULL, &op);
    assert_int_equal(next_seq(&op, &result, msg, sizeof msg), -1);
    assert_int_equal(result, MI_RESULT_FAILED);
    assert_non_null(strstr(msg, "timed out"));
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);

    /* With a provider: its indications, then the timeout. */
    f->configure(3, 100, MI_RESULT_OK);
    subscribe(f, &opts, "WQL", "SELECT * FROM TSTI_Event", NULL, &op);
    for (long i = 0; i < 3; i++)
        assert_int_equal(next_seq(&op, &result, NULL, 0), i);
    assert_int_equal(next_seq(&op, &result, msg, sizeof msg), -1);
    assert_int_equal(result, MI_RESULT_FAILED);
    assert_non_null(strstr(msg, "timed out"));
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
    MI_OperationOptions_Delete(&opts);
    assert_int_equal(WAIT_STAT(f, disable, 1), 1);
}

/* Subscriptions opened and closed in a loop while the provider posts as fast as it
 * can: hubs come and go, every Enable is matched by a Disable and every Subscribe by an
 * Unsubscribe. Asynchronous, so both subscriptions are always read (a subscriber that
 * stops reading stalls the provider's posts once its queue is full: indications are
 * never dropped). */
static void test_churn(void **state)
{
    fixture *f = *state;
    MI_Operation a = MI_OPERATION_NULL, b = MI_OPERATION_NULL;
    MI_OperationCallbacks cba = MI_OPERATIONCALLBACKS_NULL, cbb = MI_OPERATIONCALLBACKS_NULL;
    acoll ca, cb;
    tsti_stats st;

    memset(&ca, 0, sizeof ca);
    memset(&cb, 0, sizeof cb);
    pthread_mutex_init(&ca.mu, NULL);
    pthread_cond_init(&ca.cv, NULL);
    pthread_mutex_init(&cb.mu, NULL);
    pthread_cond_init(&cb.cv, NULL);
    cba.callbackContext = &ca;
    cba.indicationResult = on_indication;
    cbb.callbackContext = &cb;
    cbb.indicationResult = on_indication;
    f->configure(UINT32_MAX, 0, MI_RESULT_OK);
    for (int i = 0; i < 30; i++) {
        ca.count = cb.count = 0;
        ca.finals = cb.finals = ca.after_final = cb.after_final = 0;
        subscribe(f, NULL, "WQL", "SELECT * FROM TSTI_Event", &cba, &a);
        subscribe(f, NULL, "CQL", "SELECT Seq FROM TSTI_Event WHERE Seq >= 0", &cbb, &b);
        assert_true(acoll_wait(&ca, 1, false));
        assert_true(acoll_wait(&cb, 1, false));
        if (i % 2 == 0)
            assert_int_equal(MI_Operation_Cancel(&a, MI_REASON_NONE), MI_RESULT_OK);
        assert_int_equal(MI_Operation_Close(&a), MI_RESULT_OK);
        assert_int_equal(MI_Operation_Close(&b), MI_RESULT_OK);
        assert_true(acoll_wait(&ca, 0, true));
        assert_true(acoll_wait(&cb, 0, true));
    }
    assert_int_equal(WAIT_STAT(f, unsubscribe, 60), 60);
    f->stats(&st);
    assert_int_equal(WAIT_STAT(f, disable, st.enable), st.enable);
    f->stats(&st);
    assert_int_equal(st.subscribe, 60);
    assert_int_equal(st.unsubscribe, 60);
    assert_true(st.enable >= 1 && st.enable <= 60); /* teardown is asynchronous to Close */
    assert_int_equal(st.disable, st.enable);
    pthread_mutex_lock(&ca.mu);
    assert_int_equal(ca.finals, 1);
    assert_int_equal(ca.after_final, 0);
    pthread_mutex_unlock(&ca.mu);
    pthread_mutex_destroy(&ca.mu);
    pthread_cond_destroy(&ca.cv);
    pthread_mutex_destroy(&cb.mu);
    pthread_cond_destroy(&cb.cv);
}

/* ---------------------------------------------------------------- lifecycle */

typedef struct lcoll {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    MI_Instance *items[256];   /* clones */
    size_t count;
    unsigned finals;
} lcoll;

static void MI_CALL on_lifecycle(MI_Operation *operation, void *ctx, const MI_Instance *inst,
                                 const MI_Char *bookmark, const MI_Char *machineID,
                                 MI_Boolean more, MI_Result code, const MI_Char *msg,
                                 const MI_Instance *details,
                                 MI_Result(MI_CALL *ack)(MI_Operation *))
{
    lcoll *c = ctx;
    MI_Instance *clone = NULL;
    (void)operation, (void)bookmark, (void)machineID, (void)code, (void)msg, (void)details;
    (void)ack;
    if (more && inst != NULL && MI_Instance_Clone(inst, &clone) != MI_RESULT_OK)
        clone = NULL;
    pthread_mutex_lock(&c->mu);
    if (more && c->count < 256)
        c->items[c->count++] = clone;
    else if (more)
        MI_Instance_Delete(clone);
    if (!more)
        c->finals++;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
}

static size_t lcoll_count(lcoll *c)
{
    size_t n;
    pthread_mutex_lock(&c->mu);
    n = c->count;
    pthread_mutex_unlock(&c->mu);
    return n;
}

/* Waits (at most ms) until c holds more than n items. */
static bool lcoll_wait(lcoll *c, size_t n, unsigned ms)
{
    for (unsigned i = 0; i < ms; i += 2) {
        if (lcoll_count(c) > n)
            return true;
        sleep_ms(2);
    }
    return lcoll_count(c) > n;
}

static void lcoll_clear(lcoll *c)
{
    for (size_t i = 0; i < c->count; i++)
        MI_Instance_Delete(c->items[i]);
    c->count = 0;
    c->finals = 0;
}

/* A write through the session; OK expected. */
static void write_plain(fixture *f, int kind, const char *cls, MI_Uint32 id, long value)
{
    MI_Instance *inst = NULL;
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *out = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result result = MI_RESULT_FAILED;
    const MI_Char *msg = NULL;
    MI_Value v;

    assert_int_equal(MI_Application_NewInstance(&f->app, cls, NULL, &inst), MI_RESULT_OK);
    v.uint32 = id;
    assert_int_equal(MI_Instance_AddElement(inst, "Id", &v, MI_UINT32, MI_FLAG_KEY),
                     MI_RESULT_OK);
    if (value >= 0) {
        v.uint32 = (MI_Uint32)value;
        assert_int_equal(MI_Instance_AddElement(inst, "Value", &v, MI_UINT32, 0),
                         MI_RESULT_OK);
    }
    if (kind == 0)
        MI_Session_CreateInstance(&f->s, 0, NULL, NS, inst, NULL, &op);
    else if (kind == 1)
        MI_Session_ModifyInstance(&f->s, 0, NULL, NS, inst, NULL, &op);
    else
        MI_Session_DeleteInstance(&f->s, 0, NULL, NS, inst, NULL, &op);
    while (more)
        assert_int_equal(MI_Operation_GetInstance(&op, &out, &more, &result, &msg, NULL),
                         MI_RESULT_OK);
    if (result != MI_RESULT_OK)
        fail_msg("write %d of %s %u: %d %s", kind, cls, id, (int)result, msg ? msg : "");
    MI_Operation_Close(&op);
    MI_Instance_Delete(inst);
}

static const MI_Instance *embedded(const MI_Instance *ind, const char *name, const char *cls)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 fl = 0;
    const MI_Char *cn = NULL;
    assert_int_equal(MI_Instance_GetElement(ind, name, &v, &t, &fl, NULL), MI_RESULT_OK);
    assert_int_equal(t, MI_INSTANCE);
    assert_false(fl & MI_FLAG_NULL);
    assert_int_equal(MI_Instance_GetClassName(v.instance, &cn), MI_RESULT_OK);
    assert_string_equal(cn, cls);
    return v.instance;
}

static MI_Uint32 u32_of(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 fl = 0;
    assert_int_equal(MI_Instance_GetElement(inst, name, &v, &t, &fl, NULL), MI_RESULT_OK);
    assert_int_equal(t, MI_UINT32);
    assert_false(fl & MI_FLAG_NULL);
    return v.uint32;
}

/* Subscribes c to query; then calls probe(f, i) for i = 0, 1, ... until the first
 * indication arrives (the subscription is in place); returns how many probes ran. */
static unsigned lifecycle_subscribe(fixture *f, const char *query, lcoll *c, MI_Operation *op,
                                    void (*probe)(fixture *f, unsigned i))
{
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    unsigned i = 0;

    cb.callbackContext = c;
    cb.indicationResult = on_lifecycle;
    subscribe(f, NULL, "WQL", query, &cb, op);
    while (!lcoll_wait(c, 0, 20)) {
        assert_true(i < 200);
        probe(f, i++);
    }
    return i;
}

static void lifecycle_end(MI_Operation *op, lcoll *c)
{
    struct timespec ts;

    assert_int_equal(MI_Operation_Close(op), MI_RESULT_OK);
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += WAIT_MS / 1000;
    pthread_mutex_lock(&c->mu);
    while (c->finals == 0 && pthread_cond_timedwait(&c->cv, &c->mu, &ts) == 0)
        ;
    assert_int_equal(c->finals, 1);
    lcoll_clear(c);
    pthread_mutex_unlock(&c->mu);
}

static void probe_create(fixture *f, unsigned i) { write_plain(f, 0, "TSTI_Plain", 1000 + i, 0); }
static void probe_modify(fixture *f, unsigned i) { write_plain(f, 1, "TSTI_Plain", 7, 100 + i); }
static void probe_delete(fixture *f, unsigned i)
{
    write_plain(f, 0, "TSTI_Plain", 2000 + i, 0);
    write_plain(f, 2, "TSTI_Plain", 2000 + i, -1);
}

static void test_lifecycle(void **state)
{
    fixture *f = *state;
    MI_Operation op = MI_OPERATION_NULL;
    lcoll c;
    const MI_Instance *src, *prev;
    const MI_Char *cn = NULL;
    unsigned probes, mods;
    size_t n;

    memset(&c, 0, sizeof c);
    pthread_mutex_init(&c.mu, NULL);
    pthread_cond_init(&c.cv, NULL);

    /* Creation, filtered on the source's class. */
    probes = lifecycle_subscribe(f, "SELECT * FROM CIM_InstCreation WHERE SourceInstance ISA "
                                    "'TSTI_Plain'", &c, &op, probe_create);
    write_plain(f, 0, "TSTI_Other", 1, -1);
    write_plain(f, 0, "TSTI_Plain", 7, 1);
    assert_true(lcoll_wait(&c, 1, WAIT_MS));
    sleep_ms(20);
    pthread_mutex_lock(&c.mu);
    n = c.count;
    assert_int_equal(n, 2); /* the last probe's, then Id 7's; not TSTI_Other's */
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(MI_Instance_GetClassName(c.items[i], &cn), MI_RESULT_OK);
        assert_string_equal(cn, "CIM_InstCreation");
    }
    src = embedded(c.items[0], "SourceInstance", "TSTI_Plain");
    assert_int_equal(u32_of(src, "Id"), 1000 + probes - 1);
    src = embedded(c.items[1], "SourceInstance", "TSTI_Plain");
    assert_int_equal(u32_of(src, "Id"), 7);
    assert_int_equal(u32_of(src, "Value"), 1);
    pthread_mutex_unlock(&c.mu);
    lifecycle_end(&op, &c);

    /* Modification: the stored instance before and after. */
    mods = lifecycle_subscribe(f, "SELECT * FROM CIM_InstModification", &c, &op, probe_modify);
    write_plain(f, 1, "TSTI_Plain", 7, 2);
    assert_true(lcoll_wait(&c, 1, WAIT_MS));
    pthread_mutex_lock(&c.mu);
    assert_int_equal(MI_Instance_GetClassName(c.items[1], &cn), MI_RESULT_OK);
    assert_string_equal(cn, "CIM_InstModification");
    src = embedded(c.items[1], "SourceInstance", "TSTI_Plain");
    prev = embedded(c.items[1], "PreviousInstance", "TSTI_Plain");
    assert_int_equal(u32_of(src, "Id"), 7);
    assert_int_equal(u32_of(src, "Value"), 2);
    assert_int_equal(u32_of(prev, "Id"), 7);
    assert_int_equal(u32_of(prev, "Value"), 100 + mods - 1);
    pthread_mutex_unlock(&c.mu);
    lifecycle_end(&op, &c);

    /* Deletion: the instance as it was. */
    lifecycle_subscribe(f, "SELECT * FROM CIM_InstDeletion", &c, &op, probe_delete);
    write_plain(f, 2, "TSTI_Plain", 7, -1);
    assert_true(lcoll_wait(&c, 1, WAIT_MS));
    pthread_mutex_lock(&c.mu);
    assert_int_equal(MI_Instance_GetClassName(c.items[1], &cn), MI_RESULT_OK);
    assert_string_equal(cn, "CIM_InstDeletion");
    src = embedded(c.items[1], "SourceInstance", "TSTI_Plain");
    assert_int_equal(u32_of(src, "Id"), 7);
    assert_int_equal(u32_of(src, "Value"), 2);
    pthread_mutex_unlock(&c.mu);
    lifecycle_end(&op, &c);
    pthread_mutex_destroy(&c.mu);
    pthread_cond_destroy(&c.cv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sync_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_async_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_where_engine_side, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_ends, setup, teardown),
        cmocka_unit_test_setup_teardown(test_subscriptions_leave_workers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_subscriptions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_subscribe_fails, setup, teardown),
        cmocka_unit_test_setup_teardown(test_provider_ends, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_requests, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_churn, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lifecycle, setup_lifecycle, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
