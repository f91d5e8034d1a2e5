/* bench_enum.c - in-process EnumerateInstances throughput (not a test: run by hand).
 *
 *   engine_bench_enum [N]      (default N = 1000000)
 *
 * The provider (tests/providers, TST_Simple) fills a 5-property generated struct per
 * instance and posts it; the engine copies it into a queue slot; the consumer reads
 * one property. Measured three ways: the engine API (mi_op_next/release), the client
 * API synchronously (MI_Operation_GetInstance) and asynchronously (instanceResult
 * callbacks). Prints instances per second for each and the peak RSS of the process.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "client/session_int.h"
#include "engine/engine.h"
#include "mof/mof.h"
#include "repo/repo.h"

#define NS "root/test"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void report(const char *what, unsigned long long n, double secs)
{
    printf("%-34s %10llu instances  %8.3f s  %12.0f instances/s\n", what, n, secs,
           (double)n / secs);
}

typedef struct async_state {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    unsigned long long n;
    unsigned long long sum;
    int done;
} async_state;

static void MI_CALL on_result(MI_Operation *operation, void *ctx, const MI_Instance *instance,
                              MI_Boolean moreResults, MI_Result resultCode,
                              const MI_Char *errorString, const MI_Instance *errorDetails,
                              MI_Result (MI_CALL *ack)(MI_Operation *operation))
{
    async_state *s = ctx;
    MI_Value v;
    MI_Type t;

    (void)resultCode, (void)errorString, (void)errorDetails, (void)ack;
    if (moreResults) {
        if (MI_Instance_GetElementAt(instance, 0, NULL, &v, &t, NULL) == MI_RESULT_OK)
            s->sum += v.uint32;
        s->n++;
        return;
    }
    MI_Operation_Close(operation);
    pthread_mutex_lock(&s->mu);
    s->done = 1;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

int main(int argc, char **argv)
{
    unsigned long long n = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000ull;
    mi_repo *repo = NULL;
    mi_engine *e = NULL;
    mi_engine_config cfg = {NULL, 2, 0, false};
    mi_mof_options o;
    const char *files[] = {MI_SHARED_DIR "/data/cim-schema/2.49.0/qualifiers.mof",
                           MI_SOURCE_DIR "/tests/providers/test_providers.mof"};
    mi_buf err;
    mi_option opt = {"N", MI_UINT64, {.uint64 = n}, MI_FALSE};
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS, .class_name = "TST_Simple",
                      .options = &opt, .n_options = 1};
    mi_op *op;
    mi_item it;
    unsigned long long got = 0, sum = 0;
    double t0;
    size_t live = 0, peak = 0;
    struct rusage ru;

    memset(&o, 0, sizeof o);
    o.ns = NS;
    mi_buf_init(&err, 0);
    if (mi_repo_new(&repo) != MI_RESULT_OK ||
        mi_mof_compile_files(repo, files, 2, &o, NULL) != MI_RESULT_OK ||
        mi_repo_register_provider(repo, NS, "TST_Simple", MI_TEST_PROVIDER) != MI_RESULT_OK ||
        mi_engine_open_repo(repo, &cfg, &e, &err) != MI_RESULT_OK) {
        fprintf(stderr, "setup failed: %s\n", mi_buf_str(&err));
        return 1;
    }

    /* Engine API. */
    t0 = now_s();
    if (mi_engine_start(e, &req, &op) != MI_RESULT_OK)
        return 1;
    for (;;) {
        if (mi_op_next(op, &it, 0) != MI_RESULT_OK)
            return 1;
        if (it.kind == MI_ITEM_FINAL)
            break;
        MI_Value v;
        MI_Type t;
        if (MI_Instance_GetElementAt(it.instance, 0, NULL, &v, &t, NULL) == MI_RESULT_OK)
            sum += v.uint32;
        got++;
        mi_op_release(op);
    }
    report("engine API (mi_op_next)", got, now_s() - t0);
    mi_op_stats(op, &live, &peak);
    mi_op_close(op);
    printf("%-34s %10zu bytes\n", "peak live queue slot memory", peak);

    /* Client API, synchronous. */
    MI_Application app = MI_APPLICATION_NULL;
    MI_Session s = MI_SESSION_NULL;
    MI_OperationOptions oo = MI_OPERATIONOPTIONS_NULL;
    MI_Value nv;
    if (MI_Application_Initialize(0, NULL, NULL, &app) != MI_RESULT_OK ||
        mi_client_app_use_engine(&app, e) != MI_RESULT_OK ||
        MI_Application_NewSession(&app, NULL, NULL, NULL, NULL, NULL, &s) != MI_RESULT_OK ||
        MI_Application_NewOperationOptions(&app, MI_FALSE, &oo) != MI_RESULT_OK)
        return 1;
    nv.uint64 = n;
    MI_OperationOptions_SetCustomOption(&oo, "N", MI_UINT64, &nv, MI_FALSE);
    MI_Operation mop = MI_OPERATION_NULL;
    const MI_Instance *inst;
    MI_Boolean more = MI_TRUE;
    MI_Result result;
    got = 0;
    t0 = now_s();
    MI_Session_EnumerateInstances(&s, 0, &oo, NS, "TST_Simple", MI_FALSE, NULL, &mop);
    while (more) {
        if (MI_Operation_GetInstance(&mop, &inst, &more, &result, NULL, NULL) != MI_RESULT_OK)
            return 1;
        if (more)
            got++;
    }
    report("client API sync (GetInstance)", got, now_s() - t0);
    MI_Operation_Close(&mop);

    /* Client API, asynchronous. */
    async_state as;
    memset(&as, 0, sizeof as);
    pthread_mutex_init(&as.mu, NULL);
    pthread_cond_init(&as.cv, NULL);
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    cb.callbackContext = &as;
    cb.instanceResult = on_result;
    t0 = now_s();
    MI_Session_EnumerateInstances(&s, 0, &oo, NS, "TST_Simple", MI_FALSE, &cb, &mop);
    pthread_mutex_lock(&as.mu);
    while (!as.done)
        pthread_cond_wait(&as.cv, &as.mu);
    pthread_mutex_unlock(&as.mu);
    report("client API async (callbacks)", as.n, now_s() - t0);

    MI_OperationOptions_Delete(&oo);
    MI_Session_Close(&s, NULL, NULL);
    mi_client_app_close_sessions(&app);
    MI_Application_Close(&app);
    mi_engine_close(e);
    mi_repo_free(repo);
    mi_buf_free(&err);
    getrusage(RUSAGE_SELF, &ru);
    printf("%-34s %10ld KiB\n", "peak RSS", ru.ru_maxrss);
    return sum == 0 && got > 1 ? 1 : 0;
}
