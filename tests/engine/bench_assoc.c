/* bench_assoc.c - ReferenceInstances latency through the public MI API.
 *
 * usage: engine_bench_assoc [STATIC_N [PROVIDER_N [LOOKUPS]]]
 *
 * 1. Indexed: STATIC_N (default 1000000) static TST_Link associations are stored in a
 *    repository file (namespace root/static; link k joins TST_Left.Id = k/2 to
 *    TST_Right.Id = k, so every left end has two links). Then LOOKUPS (default 1000)
 *    MI_Session_ReferenceInstances calls on random TST_Left keys, each drained
 *    synchronously and checked to return exactly 2 associations; prints the median,
 *    99th percentile and worst latency.
 * 2. Fallback: in namespace root/fallback, TST_Link is served by the engine tests'
 *    provider module, which implements only EnumerateInstances and posts PROVIDER_N
 *    (default 100000) links; ReferenceInstances on one key therefore enumerates them all
 *    and filters. Prints the latency of 5 calls (each must return exactly 1).
 * Prints the peak RSS at the end. Exit 1 on any failure or wrong count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <mi.h>

#include "base/buf.h"
#include "cim/cim.h"
#include "mof/mof.h"
#include "repo/repo.h"

#define NS_STATIC "root/static"
#define NS_FALLBACK "root/fallback"
#define BATCH 50000u

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A reference instance of class cd with key Id = id; NULL on failure. */
static MI_Instance *ref_to(const MI_ClassDecl *cd, MI_Uint32 id)
{
    MI_Instance *r = NULL;
    MI_Value v;
    if (mi_instance_new(cd, NULL, NULL, &r) != MI_RESULT_OK)
        return NULL;
    v.uint32 = id;
    if (MI_Instance_SetElement(r, "Id", &v, MI_UINT32, 0) != MI_RESULT_OK) {
        MI_Instance_Delete(r);
        return NULL;
    }
    return r;
}

/* Stores n links in NS_STATIC, in transactions of BATCH. 0 on success. */
static int store_links(mi_repo *repo, unsigned long n)
{
    mi_ns *ns = mi_repo_ns(repo, NS_STATIC);
    const MI_ClassDecl *left = ns ? mi_ns_class(ns, "TST_Left") : NULL;
    const MI_ClassDecl *right = ns ? mi_ns_class(ns, "TST_Right") : NULL;
    const MI_ClassDecl *link = ns ? mi_ns_class(ns, "TST_Link") : NULL;
    if (!left || !right || !link) {
        fprintf(stderr, "bench_assoc: classes missing in %s\n", NS_STATIC);
        return -1;
    }
    for (unsigned long k = 0; k < n;) {
        if (mi_repo_begin(repo) != MI_RESULT_OK)
            return -1;
        for (unsigned long end = k + BATCH < n ? k + BATCH : n; k < end; k++) {
            MI_Instance *l = ref_to(left, (MI_Uint32)(k / 2));
            MI_Instance *r = ref_to(right, (MI_Uint32)k);
            MI_Instance *a = NULL;
            MI_Result rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
            MI_Value v;
            if (l && r && mi_instance_new(link, NS_STATIC, NULL, &a) == MI_RESULT_OK) {
                v.reference = l;
                rc = MI_Instance_SetElement(a, "Left", &v, MI_REFERENCE, 0);
                v.reference = r;
                if (rc == MI_RESULT_OK)
                    rc = MI_Instance_SetElement(a, "Right", &v, MI_REFERENCE, 0);
                if (rc == MI_RESULT_OK)
                    rc = mi_ns_create_instance(ns, a);
            }
            if (a)
                MI_Instance_Delete(a);
            if (l)
                MI_Instance_Delete(l);
            if (r)
                MI_Instance_Delete(r);
            if (rc != MI_RESULT_OK) {
                fprintf(stderr, "bench_assoc: storing link %lu failed (%u): %s\n", k,
                        (unsigned)rc, mi_repo_last_error());
                mi_repo_rollback(repo);
                return -1;
            }
        }
        if (mi_repo_commit(repo) != MI_RESULT_OK)
            return -1;
    }
    return 0;
}

static int setup_repository(const char *path, unsigned long n)
{
    const char *files[] = {MI_BENCH_QUALIFIERS, MI_BENCH_PROVIDER_MOF};
    mi_repo *repo = NULL;
    mi_mof_options opt = {0};
    mi_buf err;
    int rc = -1;
    static const char *const cls[] = {"TST_Left", "TST_Right", "TST_Link"};

    mi_buf_init(&err, 4096);
    if (mi_repo_open(path, MI_REPO_CREATE, &repo, &err) != MI_RESULT_OK) {
        fprintf(stderr, "bench_assoc: cannot create %s: %s\n", path, mi_buf_str(&err));
        goto out;
    }
    opt.ns = NS_STATIC;
    if (mi_mof_compile_files(repo, files, 2, &opt, NULL) != MI_RESULT_OK)
        goto out_free_repo;
    opt.ns = NS_FALLBACK;
    if (mi_mof_compile_files(repo, files, 2, &opt, NULL) != MI_RESULT_OK)
        goto out_free_repo;
    for (size_t i = 0; i < 3; i++) {
        if (mi_repo_register_provider(repo, NS_FALLBACK, cls[i], MI_TEST_PROVIDER) !=
            MI_RESULT_OK)
            goto out_free_repo;
    }
    double t0 = now_s();
    if (store_links(repo, n) != 0)
        goto out_free_repo;
    printf("stored %lu static associations in %.1f s\n", n, now_s() - t0);
    rc = 0;
out_free_repo:
    if (rc != 0)
        fprintf(stderr, "bench_assoc: repository setup failed: %s\n", mi_repo_last_error());
    mi_repo_free(repo);
out:
    mi_buf_free(&err);
    return rc;
}

/* ReferenceInstances of TST_Left.Id = id in ns; returns the number of results, or -1. */
static long references(MI_Application *app, MI_Session *s, MI_OperationOptions *opts,
                       const char *ns, MI_Uint32 id)
{
    MI_Instance *key = NULL;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Boolean more = MI_TRUE;
    MI_Value v;
    long n = 0;

    if (MI_Application_NewInstance(app, "TST_Left", NULL, &key) != MI_RESULT_OK)
        return -1;
    v.uint32 = id;
    if (MI_Instance_AddElement(key, "Id", &v, MI_UINT32, MI_FLAG_KEY) != MI_RESULT_OK) {
        MI_Instance_Delete(key);
        return -1;
    }
    MI_Session_ReferenceInstances(s, 0, opts, ns, key, NULL, NULL, MI_FALSE, NULL, &op);
    while (more) {
        const MI_Instance *inst = NULL;
        MI_Result res = MI_RESULT_OK;
        const MI_Char *msg = NULL;
        if (MI_Operation_GetInstance(&op, &inst, &more, &res, &msg, NULL) != MI_RESULT_OK) {
            n = -1;
            break;
        }
        if (inst)
            n++;
        if (!more && res != MI_RESULT_OK) {
            fprintf(stderr, "bench_assoc: ReferenceInstances: %u: %s\n", (unsigned)res,
                    msg ? msg : "");
            n = -1;
        }
    }
    MI_Operation_Close(&op);
    MI_Instance_Delete(key);
    return n;
}

int main(int argc, char **argv)
{
    unsigned long static_n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000ul;
    unsigned long provider_n = argc > 2 ? strtoul(argv[2], NULL, 10) : 100000ul;
    unsigned long lookups = argc > 3 ? strtoul(argv[3], NULL, 10) : 1000ul;
    char dir[] = "/tmp/bench_assoc.XXXXXX";
    char path[128];
    MI_Application app = MI_APPLICATION_NULL;
    MI_Session session = MI_SESSION_NULL;
    MI_DestinationOptions dest = MI_DESTINATIONOPTIONS_NULL;
    MI_OperationOptions opts = MI_OPERATIONOPTIONS_NULL;
    double *lat = NULL;
    int rc = 1;
    MI_Value v;
    struct rusage ru;

    if (static_n < 2 || lookups == 0 || provider_n == 0 || provider_n > 4000000000ul) {
        fprintf(stderr, "usage: engine_bench_assoc [STATIC_N>=2 [PROVIDER_N [LOOKUPS]]]\n");
        return 2;
    }
    if (!mkdtemp(dir)) {
        perror("bench_assoc: mkdtemp");
        return 1;
    }
    snprintf(path, sizeof path, "%s/repository.db", dir);
    if (setup_repository(path, static_n) != 0)
        goto out_rm;
    if (MI_Application_Initialize(0, "bench_assoc", NULL, &app) != MI_RESULT_OK ||
        MI_Application_NewDestinationOptions(&app, &dest) != MI_RESULT_OK ||
        MI_DestinationOptions_SetString(&dest, "MI_REPOSITORY", path) != MI_RESULT_OK ||
        MI_Application_NewSession(&app, NULL, NULL, &dest, NULL, NULL, &session) !=
            MI_RESULT_OK ||
        MI_Application_NewOperationOptions(&app, MI_FALSE, &opts) != MI_RESULT_OK) {
        fprintf(stderr, "bench_assoc: cannot open a session\n");
        goto out_close;
    }
    v.uint32 = (MI_Uint32)provider_n;
    if (MI_OperationOptions_SetCustomOption(&opts, "N", MI_UINT32, &v, MI_TRUE) != MI_RESULT_OK)
        goto out_close;

    lat = malloc(lookups * sizeof *lat);
    if (!lat)
        goto out_close;
    srand(12345);
    for (unsigned long i = 0; i < lookups; i++) {
        MI_Uint32 id = (MI_Uint32)((unsigned long)rand() % (static_n / 2));
        double t0 = now_s();
        long got = references(&app, &session, NULL, NS_STATIC, id);
        lat[i] = (now_s() - t0) * 1e3;
        if (got != 2) {
            fprintf(stderr, "bench_assoc: TST_Left.Id=%u: %ld references, expected 2\n",
                    (unsigned)id, got);
            goto out_close;
        }
    }
    qsort(lat, lookups, sizeof *lat, cmp_double);
    printf("indexed ReferenceInstances, %lu static associations, %lu lookups: "
           "median %.3f ms, p99 %.3f ms, worst %.3f ms\n",
           static_n, lookups, lat[lookups / 2], lat[lookups * 99 / 100], lat[lookups - 1]);

    for (int run = 1; run <= 5; run++) {
        MI_Uint32 id = (MI_Uint32)(provider_n / 2 + (unsigned long)run);
        double t0 = now_s();
        long got = references(&app, &session, &opts, NS_FALLBACK, id % provider_n);
        double ms = (now_s() - t0) * 1e3;
        if (got != 1) {
            fprintf(stderr, "bench_assoc: fallback: %ld references, expected 1\n", got);
            goto out_close;
        }
        printf("fallback ReferenceInstances through the provider, %lu associations: "
               "run %d: %.1f ms\n", provider_n, run, ms);
    }
    getrusage(RUSAGE_SELF, &ru);
    printf("peak_rss: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    rc = 0;
out_close:
    free(lat);
    if (opts.ft)
        MI_OperationOptions_Delete(&opts);
    if (session.ft)
        MI_Session_Close(&session, NULL, NULL);
    if (dest.ft)
        MI_DestinationOptions_Delete(&dest);
    if (app.ft)
        MI_Application_Close(&app);
out_rm : {
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
