/* test_client_session.c - the MI client API (sessions, operations, callbacks) on the
 * in-process engine: sync and async give the same results, close from inside a
 * callback, manual acknowledgement, timeouts from operation options, prompts and
 * messages, protocol/destination checks of NewSession, errors through both modes.
 *
 * The application is pointed at an engine over an in-memory repository with
 * mi_client_app_use_engine (same fixture as test_engine.c).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/alloc.h"
#include "cim/cim.h"
#include "client/session_int.h"
#include "engine/engine.h"
#include "mof/mof.h"
#include "repo/repo.h"

#define NS "root/test"
#define QUALIFIERS MI_SHARED_DIR "/data/cim-schema/2.49.0/qualifiers.mof"
#define PROVIDERS_MOF MI_SOURCE_DIR "/tests/providers/test_providers.mof"

typedef struct fixture {
    mi_repo *repo;
    mi_engine *e;
    MI_Application app;
    MI_Session s;
} fixture;

static const char *const provided[] = {"TST_Simple", "TST_Level1", "TST_Level2",
                                       "TST_Level3", "TST_Never",  "TST_Slow",
                                       "TST_Nested"};

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    mi_mof_options o;
    const char *files[] = {QUALIFIERS, PROVIDERS_MOF};
    mi_engine_config cfg = {NULL, 4, 32, false};
    mi_buf err;

    memset(&o, 0, sizeof o);
    o.ns = NS;
    assert_int_equal(mi_repo_new(&f->repo), MI_RESULT_OK);
    assert_int_equal(mi_mof_compile_files(f->repo, files, 2, &o, NULL), MI_RESULT_OK);
    for (size_t i = 0; i < sizeof provided / sizeof provided[0]; i++)
        assert_int_equal(mi_repo_register_provider(f->repo, NS, provided[i], MI_TEST_PROVIDER),
                         MI_RESULT_OK);
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

static int teardown(void **state)
{
    fixture *f = *state;
    assert_int_equal(MI_Session_Close(&f->s, NULL, NULL), MI_RESULT_OK);
    mi_client_app_close_sessions(&f->app);
    assert_int_equal(MI_Application_Close(&f->app), MI_RESULT_OK);
    mi_engine_close(f->e);
    mi_repo_free(f->repo);
    free(f);
    return 0;
}

/* ---------------------------------------------------------------- helpers */

#define MAX_KEEP 64

typedef struct collected {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t count;
    char *keys[MAX_KEEP];
    unsigned finals;          /* final callbacks seen */
    MI_Result result;
    char message[256];
    bool had_details;
    bool ack_given;           /* resultAcknowledgement was non-NULL */
    size_t close_after;       /* close the operation inside the callback after this many */
    bool closed_inside;
    unsigned messages;
    char last_message[64];
    MI_OperationCallback_ResponseType prompt_answer;
    unsigned prompts;
} collected;

static void coll_init(collected *c)
{
    memset(c, 0, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->cv, NULL);
    c->prompt_answer = MI_OperationCallback_ResponseType_Yes;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void coll_free(collected *c)
{
    for (size_t i = 0; i < c->count && i < MAX_KEEP; i++)
        free(c->keys[i]);
    pthread_mutex_destroy(&c->mu);
    pthread_cond_destroy(&c->cv);
}

static void keep(collected *c, const MI_Instance *inst)
{
    mi_buf b;
    mi_buf_init(&b, 0);
    if (c->count < MAX_KEEP && mi_instance_keystring(inst, &b) == MI_RESULT_OK)
        c->keys[c->count] = strdup(mi_buf_str(&b));
    mi_buf_free(&b);
    c->count++;
}

static void MI_CALL on_instance(MI_Operation *operation, void *ctx, const MI_Instance *instance,
                                MI_Boolean moreResults, MI_Result resultCode,
                                const MI_Char *errorString, const MI_Instance *errorDetails,
                                MI_Result (MI_CALL *ack)(MI_Operation *operation))
{
    collected *c = ctx;
    bool close_now = false;

    pthread_mutex_lock(&c->mu);
    if (instance != NULL && moreResults)
        keep(c, instance);
    if (ack != NULL)
        c->ack_given = true;
    if (c->close_after != 0 && c->count == c->close_after && !c->closed_inside) {
        c->closed_inside = true;
        close_now = true;
    }
    pthread_mutex_unlock(&c->mu);
    if (close_now)
        assert_int_equal(MI_Operation_Close(operation), MI_RESULT_OK);
    if (ack != NULL)
        ack(operation);
    if (!moreResults) {
        bool close_final;
        pthread_mutex_lock(&c->mu);
        close_final = !c->closed_inside;
        c->finals++;
        c->result = resultCode;
        c->had_details = errorDetails != NULL;
        if (errorString != NULL)
            snprintf(c->message, sizeof c->message, "%s", errorString);
        pthread_cond_broadcast(&c->cv);
        pthread_mutex_unlock(&c->mu);
        /* c may be gone now (the test thread was woken): use only locals. */
        if (close_final)
            MI_Operation_Close(operation); /* closing from inside the final callback */
    }
}

static void MI_CALL on_message(MI_Operation *operation, void *ctx, MI_Uint32 channel,
                               const MI_Char *message)
{
    collected *c = ctx;
    (void)operation;
    (void)channel;
    c->messages++;
    snprintf(c->last_message, sizeof c->last_message, "%s", message);
}

static void MI_CALL on_prompt(MI_Operation *operation, void *ctx, const MI_Char *message,
                              MI_PromptType promptType,
                              MI_Result (MI_CALL *answer)(MI_Operation *operation,
                                                          MI_OperationCallback_ResponseType))
{
    collected *c = ctx;
    (void)message;
    (void)promptType;
    c->prompts++;
    answer(operation, c->prompt_answer);
}

static void wait_final(collected *c)
{
    pthread_mutex_lock(&c->mu);
    while (c->finals == 0)
        pthread_cond_wait(&c->cv, &c->mu);
    pthread_mutex_unlock(&c->mu);
}

/* Enumerates synchronously, keeping the key strings. */
static void enum_sync(fixture *f, const char *cls, MI_OperationOptions *opts, collected *c)
{
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst;
    MI_Boolean more = MI_TRUE;
    MI_Result result = MI_RESULT_OK;
    const MI_Char *msg = NULL;
    const MI_Instance *details = NULL;

    MI_Session_EnumerateInstances(&f->s, 0, opts, NS, cls, MI_FALSE, NULL, &op);
    while (more) {
        assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &result, &msg, &details),
                         MI_RESULT_OK);
        if (more)
            keep(c, inst);
    }
    c->finals = 1;
    c->result = result;
    c->had_details = details != NULL;
    if (msg != NULL)
        snprintf(c->message, sizeof c->message, "%s", msg);
    /* After the final result, Get* repeats it. */
    assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &result, NULL, NULL),
                     MI_RESULT_OK);
    assert_false(more);
    assert_int_equal(result, c->result);
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
}

static void enum_async(fixture *f, const char *cls, MI_OperationOptions *opts, MI_Uint32 flags,
                       collected *c)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;

    cb.callbackContext = c;
    cb.instanceResult = on_instance;
    cb.writeMessage = on_message;
    cb.promptUser = on_prompt;
    MI_Session_EnumerateInstances(&f->s, flags, opts, NS, cls, MI_FALSE, &cb, &op);
    wait_final(c);
}

static void same_results(collected *a, collected *b)
{
    assert_int_equal(a->count, b->count);
    assert_int_equal(a->result, b->result);
    size_t n = a->count < MAX_KEEP ? a->count : MAX_KEEP;
    qsort(a->keys, n, sizeof a->keys[0], cmp_str);
    qsort(b->keys, n, sizeof b->keys[0], cmp_str);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(a->keys[i], b->keys[i]);
}

static void set_n(fixture *f, MI_OperationOptions *opts, MI_Uint32 n)
{
    MI_Value v;
    assert_int_equal(MI_Application_NewOperationOptions(&f->app, MI_FALSE, opts), MI_RESULT_OK);
    v.uint32 = n;
    assert_int_equal(MI_OperationOptions_SetCustomOption(opts, "N", MI_UINT32, &v, MI_FALSE),
                     MI_RESULT_OK);
}

/* ---------------------------------------------------------------- tests */

static void test_sync_async_same(void **state)
{
    fixture *f = *state;
    collected s, a;
    MI_OperationOptions opts;

    coll_init(&s);
    coll_init(&a);
    enum_sync(f, "TST_Level1", NULL, &s);
    enum_async(f, "TST_Level1", NULL, 0, &a);
    assert_int_equal(s.result, MI_RESULT_OK);
    assert_int_equal(s.count, 6);
    same_results(&s, &a);
    assert_int_equal(a.finals, 1);
    assert_false(a.ack_given); /* automatic acknowledgement: NULL */
    coll_free(&s);
    coll_free(&a);

    set_n(f, &opts, 500);
    coll_init(&s);
    coll_init(&a);
    enum_sync(f, "TST_Simple", &opts, &s);
    enum_async(f, "TST_Simple", &opts, 0, &a);
    MI_OperationOptions_Delete(&opts);
    assert_int_equal(s.count, 500);
    same_results(&s, &a);
    coll_free(&s);
    coll_free(&a);
}

static void test_manual_ack(void **state)
{
    fixture *f = *state;
    collected a;

    coll_init(&a);
    enum_async(f, "TST_Level1", NULL, MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS, &a);
    assert_true(a.ack_given);
    assert_int_equal(a.count, 6);
    assert_int_equal(a.result, MI_RESULT_OK);
    coll_free(&a);
}

static void test_close_inside_callback(void **state)
{
    fixture *f = *state;
    collected a;
    MI_OperationOptions opts;

    set_n(f, &opts, 1000000);
    coll_init(&a);
    a.close_after = 10;
    enum_async(f, "TST_Simple", &opts, 0, &a);
    MI_OperationOptions_Delete(&opts);
    /* Close cancels: the final result still comes exactly once, as a failure. */
    assert_true(a.closed_inside);
    assert_int_equal(a.finals, 1);
    assert_int_equal(a.result, MI_RESULT_FAILED);
    assert_true(a.count >= 10 && a.count < 1000000);
    coll_free(&a);
}

static void test_errors_both_modes(void **state)
{
    fixture *f = *state;
    collected s, a;

    coll_init(&s);
    coll_init(&a);
    enum_sync(f, "TST_Missing", NULL, &s);
    enum_async(f, "TST_Missing", NULL, 0, &a);
    assert_int_equal(s.result, MI_RESULT_INVALID_CLASS);
    assert_true(s.had_details);
    assert_non_null(strstr(s.message, "TST_Missing"));
    assert_int_equal(a.result, MI_RESULT_INVALID_CLASS);
    assert_true(a.had_details);
    assert_string_equal(a.message, s.message);
    coll_free(&s);
    coll_free(&a);
}

static void test_timeout_option(void **state)
{
    fixture *f = *state;
    collected s;
    MI_OperationOptions opts;
    MI_Interval iv;

    memset(&iv, 0, sizeof iv);
    iv.microseconds = 200000;
    assert_int_equal(MI_Application_NewOperationOptions(&f->app, MI_FALSE, &opts), MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_SetTimeout(&opts, &iv), MI_RESULT_OK);
    coll_init(&s);
    enum_sync(f, "TST_Never", &opts, &s);
    assert_int_equal(s.result, MI_RESULT_FAILED);
    assert_non_null(strstr(s.message, "timed out"));
    coll_free(&s);

    /* Asynchronous: no thread waits on the operation, the engine's timer ends it. */
    collected a;
    coll_init(&a);
    enum_async(f, "TST_Never", &opts, 0, &a);
    MI_OperationOptions_Delete(&opts);
    assert_int_equal(a.finals, 1);
    assert_int_equal(a.result, MI_RESULT_FAILED);
    assert_non_null(strstr(a.message, "timed out"));
    coll_free(&a);
}

static void test_prompts_and_messages(void **state)
{
    fixture *f = *state;
    collected a, s;

    /* The client says no: the provider fails the operation. */
    coll_init(&a);
    a.prompt_answer = MI_OperationCallback_ResponseType_No;
    enum_async(f, "TST_Slow", NULL, 0, &a);
    assert_int_equal(a.prompts, 1);
    assert_int_equal(a.messages, 1);
    assert_string_equal(a.last_message, "slow provider");
    assert_int_equal(a.result, MI_RESULT_FAILED);
    assert_string_equal(a.message, "the client said no");
    assert_int_equal(a.count, 0);
    coll_free(&a);

    /* Only the debug channel (2) enabled: the provider's warning (0) is not delivered. */
    MI_OperationOptions opts;
    assert_int_equal(MI_Application_NewOperationOptions(&f->app, MI_FALSE, &opts),
                     MI_RESULT_OK);
    assert_int_equal(MI_OperationOptions_EnableChannel(&opts, MI_WRITEMESSAGE_CHANNEL_DEBUG),
                     MI_RESULT_OK);
    coll_init(&a);
    enum_async(f, "TST_Slow", &opts, 0, &a);
    MI_OperationOptions_Delete(&opts);
    assert_int_equal(a.messages, 0);
    assert_int_equal(a.count, 5);
    coll_free(&a);

    /* No prompt callback (sync, no callbacks): answered yes automatically. */
    coll_init(&s);
    enum_sync(f, "TST_Slow", NULL, &s);
    assert_int_equal(s.result, MI_RESULT_OK);
    assert_int_equal(s.count, 5);
    coll_free(&s);
}

static void test_new_session_checks(void **state)
{
    fixture *f = *state;
    MI_Session s2 = MI_SESSION_NULL;
    MI_Instance *err = NULL;

    assert_int_equal(MI_Application_NewSession(&f->app, "WINRM", NULL, NULL, NULL, &err, &s2),
                     MI_RESULT_NOT_SUPPORTED);
    assert_non_null(err);
    MI_Instance_Delete(err);
    err = NULL;
    assert_int_equal(MI_Application_NewSession(&f->app, "bogus", NULL, NULL, NULL, &err, &s2),
                     MI_RESULT_INVALID_PARAMETER);
    MI_Instance_Delete(err);
    assert_int_equal(MI_Application_NewSession(&f->app, NULL, "remote.example.com", NULL, NULL,
                                               NULL, &s2),
                     MI_RESULT_NOT_SUPPORTED);
    assert_int_equal(MI_Application_NewSession(&f->app, "omi_sockets", "localhost", NULL, NULL,
                                               NULL, &s2),
                     MI_RESULT_OK);
    /* A second session shares the engine. */
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst;
    MI_Boolean more;
    MI_Result result;
    MI_Session_TestConnection(&s2, 0, NULL, &op);
    assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &result, NULL, NULL),
                     MI_RESULT_OK);
    assert_int_equal(result, MI_RESULT_OK);
    assert_false(more);
    MI_Operation_Close(&op);
    assert_int_equal(MI_Session_Close(&s2, NULL, NULL), MI_RESULT_OK);
    /* The closed handle is refused. */
    assert_int_equal(MI_Session_Close(&s2, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
}

static void test_get_class_and_wrong_getter(void **state)
{
    fixture *f = *state;
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Class *cls;
    const MI_Instance *inst;
    MI_Boolean more;
    MI_Result result;
    const char *name = NULL;

    MI_Session_GetClass(&f->s, 0, NULL, NS, "TST_Level3", NULL, &op);
    /* The instance getter on a class operation is refused. */
    assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &result, NULL, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Operation_GetClass(&op, &cls, &more, &result, NULL, NULL),
                     MI_RESULT_OK);
    assert_non_null(cls);
    assert_int_equal(MI_Class_GetClassName(cls, &name), MI_RESULT_OK);
    assert_string_equal(name, "TST_Level3");
    while (more)
        assert_int_equal(MI_Operation_GetClass(&op, &cls, &more, &result, NULL, NULL),
                         MI_RESULT_OK);
    assert_int_equal(result, MI_RESULT_OK);
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
}

static void test_sync_cancel(void **state)
{
    fixture *f = *state;
    MI_OperationOptions opts;
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst;
    MI_Boolean more = MI_TRUE;
    MI_Result result = MI_RESULT_OK;
    size_t n = 0;

    set_n(f, &opts, 10000000);
    MI_Session_EnumerateInstances(&f->s, 0, &opts, NS, "TST_Simple", MI_FALSE, NULL, &op);
    MI_OperationOptions_Delete(&opts);
    while (more) {
        assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &result, NULL, NULL),
                         MI_RESULT_OK);
        if (more && ++n == 100)
            assert_int_equal(MI_Operation_Cancel(&op, MI_REASON_NONE), MI_RESULT_OK);
    }
    assert_int_equal(result, MI_RESULT_FAILED);
    assert_true(n >= 100 && n < 10000000);
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
}

static void MI_CALL session_closed(void *ctx)
{
    collected *c = ctx;
    pthread_mutex_lock(&c->mu);
    c->finals++;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
}

static void test_session_close_async(void **state)
{
    fixture *f = *state;
    MI_Session s2 = MI_SESSION_NULL;
    collected c;

    assert_int_equal(MI_Application_NewSession(&f->app, NULL, NULL, NULL, NULL, NULL, &s2),
                     MI_RESULT_OK);
    coll_init(&c);
    assert_int_equal(MI_Session_Close(&s2, &c, session_closed), MI_RESULT_OK);
    wait_final(&c);
    assert_int_equal(c.finals, 1);
    coll_free(&c);
}

/* A provider enumerates through MI_Context_GetLocalSession (a nested operation on the
 * same engine) and reposts the 6 TST_Level1..3 instances. */
static void test_local_session(void **state)
{
    fixture *f = *state;
    collected s;

    coll_init(&s);
    enum_sync(f, "TST_Nested", NULL, &s);
    assert_int_equal(s.result, MI_RESULT_OK);
    assert_int_equal(s.count, 6);
    qsort(s.keys, 6, sizeof s.keys[0], cmp_str);
    assert_string_equal(s.keys[0], "TST_Level1.Id=\"L1-a\"");
    assert_string_equal(s.keys[5], "TST_Level3.Id=\"L3-b\"");
    coll_free(&s);
}

/* More providers doing nested synchronous operations than the engine has workers (4):
 * each nested operation needs a thread while its caller holds one. All 12 complete. */
static void test_local_session_all_workers_busy(void **state)
{
    enum { N = 12 };
    fixture *f = *state;
    collected c[N];
    MI_Operation op[N];
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;

    cb.instanceResult = on_instance;
    for (int i = 0; i < N; i++) {
        coll_init(&c[i]);
        cb.callbackContext = &c[i];
        op[i] = (MI_Operation)MI_OPERATION_NULL;
        MI_Session_EnumerateInstances(&f->s, 0, NULL, NS, "TST_Nested", MI_FALSE, &cb, &op[i]);
    }
    for (int i = 0; i < N; i++) {
        wait_final(&c[i]);
        assert_int_equal(c[i].result, MI_RESULT_OK);
        assert_int_equal(c[i].count, 6);
        coll_free(&c[i]);
    }
}

typedef struct getter {
    MI_Operation *op;
    MI_Result ret, result;
    MI_Boolean more;
    bool had_details;
} getter;

static void *getter_main(void *arg)
{
    getter *g = arg;
    const MI_Instance *inst = NULL, *details = NULL;

    /* Only the outputs themselves: what they point to may be freed by the close. */
    g->ret = MI_Operation_GetInstance(g->op, &inst, &g->more, &g->result, NULL, &details);
    g->had_details = details != NULL;
    return NULL;
}

/* MI_Operation_Close on a synchronous operation while another thread waits in
 * MI_Operation_GetInstance: the waiter gets the final result (stopped), and close
 * returns after it (no use of freed memory: ASan checks). */
static void test_sync_close_while_getting(void **state)
{
    fixture *f = *state;
    MI_Operation op = MI_OPERATION_NULL;
    getter g = {.op = &op, .ret = MI_RESULT_FAILED, .more = MI_TRUE};
    pthread_t t;
    struct timespec pause = {0, 100 * 1000 * 1000};
    const MI_Instance *inst;
    MI_Boolean more;
    MI_Result result;

    MI_Session_EnumerateInstances(&f->s, 0, NULL, NS, "TST_Never", MI_FALSE, NULL, &op);
    MI_Operation copy = op;
    assert_int_equal(pthread_create(&t, NULL, getter_main, &g), 0);
    nanosleep(&pause, NULL); /* the getter is waiting now (TST_Never posts nothing) */
    assert_int_equal(MI_Operation_Close(&copy), MI_RESULT_OK);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_int_equal(g.ret, MI_RESULT_OK);
    assert_false(g.more);
    assert_int_equal(g.result, MI_RESULT_FAILED);
    assert_true(g.had_details);
    /* The handle is dead now. */
    assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &result, NULL, NULL),
                     MI_RESULT_INVALID_PARAMETER);
}

/* ---------------------------------------------------------------- delivery pool */

static unsigned thread_count(void)
{
    char line[128];
    unsigned t = 0;
    FILE *f = fopen("/proc/self/status", "r");

    assert_non_null(f);
    while (fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "Threads: %u", &t) == 1)
            break;
    fclose(f);
    return t;
}

/* 300 asynchronous operations at once all complete, on a bounded number of threads
 * (they share the delivery pool instead of a thread each). */
static void test_many_async_operations(void **state)
{
    enum { N = 300 };
    fixture *f = *state;
    collected *c = calloc(N, sizeof *c);
    MI_Operation *op = calloc(N, sizeof *op);
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    unsigned before = thread_count(), peak = before;

    assert_non_null(c);
    assert_non_null(op);
    cb.instanceResult = on_instance;
    for (int i = 0; i < N; i++) {
        coll_init(&c[i]);
        cb.callbackContext = &c[i];
        MI_Session_EnumerateInstances(&f->s, 0, NULL, NS, "TST_Level1", MI_FALSE, &cb, &op[i]);
        unsigned t = thread_count();
        if (t > peak)
            peak = t;
    }
    for (int i = 0; i < N; i++) {
        wait_final(&c[i]);
        assert_int_equal(c[i].result, MI_RESULT_OK);
        assert_int_equal(c[i].count, 6);
        coll_free(&c[i]);
    }
    /* engine workers and timer are there before; the pool adds a few threads */
    if (peak > before + 32)
        fail_msg("%u threads for %d operations (%u before)", peak, N, before);
    free(c);
    free(op);
}

/* Callbacks that block until every one of 12 operations has delivered its first
 * instance: more operations than the pool's first threads, so the pool must grow
 * when its queue stalls, or this never ends. */
typedef struct barrier_ctx {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    unsigned arrived, total, finals;
} barrier_ctx;

typedef struct barrier_op {
    barrier_ctx *b;
    bool waited;
} barrier_op;

static void MI_CALL on_instance_barrier(MI_Operation *operation, void *ctx,
                                        const MI_Instance *instance, MI_Boolean moreResults,
                                        MI_Result resultCode, const MI_Char *errorString,
                                        const MI_Instance *errorDetails,
                                        MI_Result (MI_CALL *ack)(MI_Operation *operation))
{
    barrier_op *o = ctx;
    barrier_ctx *b = o->b;

    (void)instance, (void)resultCode, (void)errorString, (void)errorDetails, (void)ack;
    pthread_mutex_lock(&b->mu);
    if (moreResults && !o->waited) {
        o->waited = true;
        b->arrived++;
        pthread_cond_broadcast(&b->cv);
        while (b->arrived < b->total)
            pthread_cond_wait(&b->cv, &b->mu);
    }
    if (!moreResults) {
        b->finals++;
        pthread_cond_broadcast(&b->cv);
    }
    pthread_mutex_unlock(&b->mu);
    if (!moreResults)
        MI_Operation_Close(operation);
}

static void test_blocking_callbacks(void **state)
{
    enum { N = 12 };
    fixture *f = *state;
    barrier_ctx b = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, N, 0};
    barrier_op o[N];
    MI_Operation op[N];
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;

    cb.instanceResult = on_instance_barrier;
    for (int i = 0; i < N; i++) {
        o[i].b = &b;
        o[i].waited = false;
        cb.callbackContext = &o[i];
        MI_Session_EnumerateInstances(&f->s, 0, NULL, NS, "TST_Level1", MI_FALSE, &cb, &op[i]);
    }
    pthread_mutex_lock(&b.mu);
    while (b.finals < N)
        pthread_cond_wait(&b.cv, &b.mu);
    pthread_mutex_unlock(&b.mu);
    assert_int_equal(b.arrived, N);
}

/* Manual acknowledgement given later by another thread: no further callback comes
 * before it, and the operation goes on after it. */
typedef struct later_ack {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    MI_Result (MI_CALL *ack)(MI_Operation *operation);
    MI_Operation *operation;
    unsigned results, finals;
    bool pending;       /* a callback returned without acknowledging */
    bool overlap;       /* a callback came while one was still unacknowledged */
} later_ack;

static void MI_CALL on_instance_later(MI_Operation *operation, void *ctx,
                                      const MI_Instance *instance, MI_Boolean moreResults,
                                      MI_Result resultCode, const MI_Char *errorString,
                                      const MI_Instance *errorDetails,
                                      MI_Result (MI_CALL *ack)(MI_Operation *operation))
{
    later_ack *l = ctx;

    (void)instance, (void)resultCode, (void)errorString, (void)errorDetails;
    pthread_mutex_lock(&l->mu);
    if (l->pending)
        l->overlap = true;
    l->pending = true;
    l->ack = ack;
    l->operation = operation;
    l->results++;
    if (!moreResults)
        l->finals++;
    pthread_cond_broadcast(&l->cv);
    pthread_mutex_unlock(&l->mu);
}

static void test_manual_ack_later(void **state)
{
    fixture *f = *state;
    later_ack l;
    MI_Operation op = MI_OPERATION_NULL;
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    struct timespec pause = {0, 20 * 1000 * 1000};

    memset(&l, 0, sizeof l);
    pthread_mutex_init(&l.mu, NULL);
    pthread_cond_init(&l.cv, NULL);
    cb.callbackContext = &l;
    cb.instanceResult = on_instance_later;
    MI_Session_EnumerateInstances(&f->s, MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS, NULL, NS,
                                  "TST_Level1", MI_FALSE, &cb, &op);
    for (;;) {
        pthread_mutex_lock(&l.mu);
        while (!l.pending)
            pthread_cond_wait(&l.cv, &l.mu);
        pthread_mutex_unlock(&l.mu);
        nanosleep(&pause, NULL); /* nothing else may come meanwhile */
        pthread_mutex_lock(&l.mu);
        assert_false(l.overlap);
        assert_non_null(l.ack);
        l.pending = false;
        bool final = l.finals > 0;
        pthread_mutex_unlock(&l.mu);
        assert_int_equal(l.ack(l.operation), MI_RESULT_OK);
        if (final)
            break;
    }
    assert_int_equal(l.results, 7); /* 6 instances, then the final result */
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
    pthread_cond_destroy(&l.cv);
    pthread_mutex_destroy(&l.mu);
}

/* MI_OPERATIONFLAGS_REPORT_OPERATION_STARTED: a first result with no object, then
 * the usual stream. */
static void test_report_started(void **state)
{
    fixture *f = *state;
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst = (const MI_Instance *)1;
    MI_Boolean more = MI_FALSE;
    MI_Result result = MI_RESULT_FAILED;
    size_t n = 0;

    MI_Session_EnumerateInstances(&f->s, MI_OPERATIONFLAGS_REPORT_OPERATION_STARTED, NULL, NS,
                                  "TST_Level3", MI_FALSE, NULL, &op);
    assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &result, NULL, NULL),
                     MI_RESULT_OK);
    assert_null(inst);
    assert_true(more);
    assert_int_equal(result, MI_RESULT_OK);
    while (more) {
        assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &result, NULL, NULL),
                         MI_RESULT_OK);
        if (more)
            n++;
    }
    assert_int_equal(n, 2);
    assert_int_equal(result, MI_RESULT_OK);
    MI_Operation_Close(&op);

    collected a;
    coll_init(&a);
    enum_async(f, "TST_Level3", NULL, MI_OPERATIONFLAGS_REPORT_OPERATION_STARTED, &a);
    assert_int_equal(a.count, 2); /* the marker carries no instance */
    assert_int_equal(a.result, MI_RESULT_OK);
    coll_free(&a);
}

/* An application without a borrowed engine opens its own over the repository file the
 * destination option MI_REPOSITORY names (created empty here). */
static void test_own_engine_file_repository(void **state)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_DestinationOptions dopts = MI_DESTINATIONOPTIONS_NULL;
    MI_Session s = MI_SESSION_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst;
    MI_Boolean more;
    MI_Result result;
    const MI_Char *msg = NULL;
    char dir[] = "/tmp/mi_engine_test_XXXXXX";
    char path[128];

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/repository.db", dir);
    assert_int_equal(MI_Application_Initialize(0, NULL, NULL, &app), MI_RESULT_OK);
    assert_int_equal(MI_Application_NewDestinationOptions(&app, &dopts), MI_RESULT_OK);
    assert_int_equal(dopts.ft->SetString(&dopts, "MI_REPOSITORY", path, 0), MI_RESULT_OK);
    assert_int_equal(MI_Application_NewSession(&app, NULL, NULL, &dopts, NULL, NULL, &s),
                     MI_RESULT_OK);
    MI_DestinationOptions_Delete(&dopts);
    MI_Session_TestConnection(&s, 0, NULL, &op);
    assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &result, NULL, NULL),
                     MI_RESULT_OK);
    assert_int_equal(result, MI_RESULT_OK);
    MI_Operation_Close(&op);
    /* The new repository knows no namespace root/test. */
    MI_Session_EnumerateInstances(&s, 0, NULL, NS, "TST_Simple", MI_FALSE, NULL, &op);
    assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &result, &msg, NULL),
                     MI_RESULT_OK);
    assert_false(more);
    assert_int_equal(result, MI_RESULT_INVALID_NAMESPACE);
    assert_non_null(strstr(msg, "root/test"));
    MI_Operation_Close(&op);
    assert_int_equal(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);
    mi_client_app_close_sessions(&app);
    assert_int_equal(MI_Application_Close(&app), MI_RESULT_OK);
    /* The file exists now. */
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fclose(fp);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sync_async_same),
        cmocka_unit_test(test_manual_ack),
        cmocka_unit_test(test_close_inside_callback),
        cmocka_unit_test(test_errors_both_modes),
        cmocka_unit_test(test_timeout_option),
        cmocka_unit_test(test_prompts_and_messages),
        cmocka_unit_test(test_new_session_checks),
        cmocka_unit_test(test_get_class_and_wrong_getter),
        cmocka_unit_test(test_sync_cancel),
        cmocka_unit_test(test_session_close_async),
        cmocka_unit_test(test_own_engine_file_repository),
        cmocka_unit_test(test_local_session),
        cmocka_unit_test(test_local_session_all_workers_busy),
        cmocka_unit_test(test_sync_close_while_getting),
        cmocka_unit_test(test_many_async_operations),
        cmocka_unit_test(test_blocking_callbacks),
        cmocka_unit_test(test_manual_ack_later),
        cmocka_unit_test(test_report_started),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
