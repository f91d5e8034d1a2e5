/* bench_enum.c - in-process EnumerateInstances throughput through the public MI API.
 *
 * usage: bench_enum [--async [--concurrent K]] [N] [RUNS]
 *
 * Sets up a repository file in a fresh temporary directory (the CIM qualifiers and the
 * test provider's classes, TST_Simple registered to the test provider module), opens an
 * MI session on the local engine and enumerates TST_Simple RUNS times (default 3). The
 * provider posts N (default 1000000) instances of 5 properties (uint32 key, string,
 * sint64, boolean, real64); N reaches it as the custom operation option "N".
 * Sync: MI_Operation_GetInstance in a loop. Async (--async): the instanceResult
 * callback counts, the final result signals the waiting main thread. --concurrent K:
 * K asynchronous enumerations of N instances each at once (the figure is the total,
 * K*N, per second); the main thread samples the process's thread count while it
 * waits and prints the peak ("peak_threads").
 * Prints per run the wall time and instances/s, then the best run and the peak RSS of
 * the process (getrusage ru_maxrss). Exit 1 if any run fails or yields a different
 * count than N.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <mi.h>

#include "base/buf.h"
#include "mof/mof.h"
#include "repo/repo.h"

#define NS "root/bench"

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Compiles the qualifiers and the provider MOF into a new repository file and
 * registers TST_Simple to the provider module. 0 on success. */
static int setup_repository(const char *path)
{
    const char *files[] = {MI_BENCH_QUALIFIERS, MI_BENCH_PROVIDER_MOF};
    mi_repo *repo = NULL;
    mi_mof_options opt = {0};
    mi_buf err;
    int rc = -1;

    mi_buf_init(&err, 4096);
    if (mi_repo_open(path, MI_REPO_CREATE, &repo, &err) != MI_RESULT_OK) {
        fprintf(stderr, "bench_enum: cannot create %s: %s\n", path, mi_buf_str(&err));
        goto out;
    }
    opt.ns = NS;
    if (mi_mof_compile_files(repo, files, 2, &opt, NULL) != MI_RESULT_OK) {
        fprintf(stderr, "bench_enum: the provider MOF did not compile\n");
        goto out_free_repo;
    }
    if (mi_repo_register_provider(repo, NS, "TST_Simple", MI_BENCH_PROVIDER) != MI_RESULT_OK) {
        fprintf(stderr, "bench_enum: cannot register the provider: %s\n",
                mi_repo_last_error());
        goto out_free_repo;
    }
    rc = 0;
out_free_repo:
    mi_repo_free(repo);
out:
    mi_buf_free(&err);
    return rc;
}

typedef struct async_state {
    pthread_mutex_t *mu;      /* shared by the operations of one run */
    pthread_cond_t *cv;
    unsigned long count;
    MI_Result result;
    int done;
    unsigned *finished;       /* operations of the run that ended (under mu) */
} async_state;

static unsigned peak_threads;

/* Samples the thread count of this process (/proc/self/status) into peak_threads. */
static void sample_threads(void)
{
    char line[128];
    FILE *f = fopen("/proc/self/status", "r");
    unsigned t;

    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "Threads: %u", &t) == 1 && t > peak_threads)
            peak_threads = t;
    fclose(f);
}

static void MI_CALL on_instance(MI_Operation *operation, void *ctx, const MI_Instance *instance,
                                MI_Boolean moreResults, MI_Result resultCode,
                                const MI_Char *errorString, const MI_Instance *errorDetails,
                                MI_Result (MI_CALL *ack)(MI_Operation *operation))
{
    async_state *s = ctx;

    (void)operation;
    (void)errorDetails;
    (void)ack;
    if (instance != NULL)
        s->count++; /* callbacks of one operation are serialised */
    if (!moreResults) {
        if (resultCode != MI_RESULT_OK)
            fprintf(stderr, "bench_enum: final result %u: %s\n", (unsigned)resultCode,
                    errorString != NULL ? errorString : "");
        pthread_mutex_lock(s->mu);
        s->result = resultCode;
        s->done = 1;
        (*s->finished)++;
        pthread_cond_signal(s->cv);
        pthread_mutex_unlock(s->mu);
    }
}

/* One run: one enumeration, or k at once (async); *count receives the number of
 * instances of all of them. */
static MI_Result run_once(MI_Session *session, MI_OperationOptions *options, int async,
                          unsigned k, unsigned long *count)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Result final = MI_RESULT_OK;

    *count = 0;
    if (async) {
        pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
        pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
        unsigned finished = 0;
        async_state *s = calloc(k, sizeof *s);
        MI_Operation *ops = calloc(k, sizeof *ops);
        MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
        struct timespec ts;

        if (s == NULL || ops == NULL) {
            free(s);
            free(ops);
            return MI_RESULT_SERVER_LIMITS_EXCEEDED;
        }
        cb.instanceResult = on_instance;
        for (unsigned i = 0; i < k; i++) {
            s[i].mu = &mu;
            s[i].cv = &cv;
            s[i].finished = &finished;
            cb.callbackContext = &s[i];
            MI_Session_EnumerateInstances(session, 0, options, NS, "TST_Simple", MI_FALSE, &cb,
                                          &ops[i]);
        }
        pthread_mutex_lock(&mu);
        while (finished < k) {
            if (k > 1) {
                pthread_mutex_unlock(&mu);
                sample_threads();
                pthread_mutex_lock(&mu);
                clock_gettime(CLOCK_REALTIME, &ts);
                ts.tv_nsec += 1000000;
                if (ts.tv_nsec >= 1000000000) {
                    ts.tv_sec++;
                    ts.tv_nsec -= 1000000000;
                }
                pthread_cond_timedwait(&cv, &mu, &ts);
            } else {
                pthread_cond_wait(&cv, &mu);
            }
        }
        pthread_mutex_unlock(&mu);
        for (unsigned i = 0; i < k; i++) {
            MI_Operation_Close(&ops[i]);
            *count += s[i].count;
            if (s[i].result != MI_RESULT_OK)
                final = s[i].result;
        }
        free(s);
        free(ops);
    } else {
        MI_Boolean more = MI_TRUE;
        MI_Session_EnumerateInstances(session, 0, options, NS, "TST_Simple", MI_FALSE, NULL,
                                      &op);
        while (more) {
            const MI_Instance *inst = NULL;
            const MI_Char *msg = NULL;
            MI_Result res = MI_RESULT_OK;
            if (MI_Operation_GetInstance(&op, &inst, &more, &res, &msg, NULL) != MI_RESULT_OK) {
                final = MI_RESULT_FAILED;
                break;
            }
            if (inst != NULL)
                (*count)++;
            if (!more) {
                final = res;
                if (res != MI_RESULT_OK)
                    fprintf(stderr, "bench_enum: final result %u: %s\n", (unsigned)res,
                            msg != NULL ? msg : "");
            }
        }
        MI_Operation_Close(&op);
    }
    return final;
}

int main(int argc, char **argv)
{
    int async = 0, argi = 1, rc = 1, run, runs = 3;
    unsigned k = 1;
    unsigned long n = 1000000, count;
    char dir[] = "/tmp/bench_enum.XXXXXX";
    char path[128];
    MI_Application app = MI_APPLICATION_NULL;
    MI_Session session = MI_SESSION_NULL;
    MI_DestinationOptions dest = MI_DESTINATIONOPTIONS_NULL;
    MI_OperationOptions options = MI_OPERATIONOPTIONS_NULL;
    MI_Value v;
    double best = 0;
    struct rusage ru;

    if (argi < argc && strcmp(argv[argi], "--async") == 0) {
        async = 1;
        argi++;
        if (argi + 1 < argc && strcmp(argv[argi], "--concurrent") == 0) {
            k = (unsigned)strtoul(argv[argi + 1], NULL, 10);
            argi += 2;
        }
    }
    if (argi < argc)
        n = strtoul(argv[argi++], NULL, 10);
    if (argi < argc)
        runs = atoi(argv[argi++]);
    if (n == 0 || n > 4000000000ul || runs < 1 || k == 0 || k > 4000) {
        fprintf(stderr, "usage: bench_enum [--async [--concurrent K]] [N] [RUNS]\n");
        return 2;
    }
    if (mkdtemp(dir) == NULL) {
        perror("bench_enum: mkdtemp");
        return 1;
    }
    snprintf(path, sizeof path, "%s/repository.db", dir);
    if (setup_repository(path) != 0)
        goto out_rmdir;
    if (MI_Application_Initialize(0, "bench_enum", NULL, &app) != MI_RESULT_OK ||
        MI_Application_NewDestinationOptions(&app, &dest) != MI_RESULT_OK ||
        MI_DestinationOptions_SetString(&dest, "MI_REPOSITORY", path) != MI_RESULT_OK ||
        MI_Application_NewSession(&app, NULL, NULL, &dest, NULL, NULL, &session) !=
            MI_RESULT_OK ||
        MI_Application_NewOperationOptions(&app, MI_FALSE, &options) != MI_RESULT_OK) {
        fprintf(stderr, "bench_enum: cannot open a session\n");
        goto out_close;
    }
    v.uint32 = (MI_Uint32)n;
    if (MI_OperationOptions_SetCustomOption(&options, "N", MI_UINT32, &v, MI_TRUE) !=
        MI_RESULT_OK)
        goto out_close;
    printf("mode: %s, N = %lu, 5-property instances (TST_Simple, test provider)\n",
           async ? "async (instanceResult callback)" : "sync (MI_Operation_GetInstance)", n);
    if (k > 1)
        printf("%u operations at once, each of N instances\n", k);
    rc = 0;
    for (run = 1; run <= runs; run++) {
        double t0 = now_s(), dt;
        MI_Result r = run_once(&session, &options, async, k, &count);
        dt = now_s() - t0;
        if (r != MI_RESULT_OK || count != n * k) {
            fprintf(stderr, "bench_enum: run %d: result %u, %lu instances (expected %lu)\n",
                    run, (unsigned)r, count, n * k);
            rc = 1;
            break;
        }
        printf("run %d: %.3f s, %.0f instances/s\n", run, dt, (double)(n * k) / dt);
        if (best == 0 || dt < best)
            best = dt;
    }
    if (rc == 0) {
        getrusage(RUSAGE_SELF, &ru);
        printf("best: %.0f instances/s\n", (double)(n * k) / best);
        printf("peak_rss: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
        if (k > 1)
            printf("peak_threads: %u\n", peak_threads);
    }
out_close:
    if (options.ft != NULL)
        MI_OperationOptions_Delete(&options);
    if (session.ft != NULL)
        MI_Session_Close(&session, NULL, NULL);
    if (dest.ft != NULL)
        MI_DestinationOptions_Delete(&dest);
    if (app.ft != NULL)
        MI_Application_Close(&app);
out_rmdir:
    {
        char f[160];
        snprintf(f, sizeof f, "%s-wal", path);
        unlink(f);
        snprintf(f, sizeof f, "%s-shm", path);
        unlink(f);
        unlink(path);
        rmdir(dir);
    }
    return rc;
}
