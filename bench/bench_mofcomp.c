/* bench_mofcomp.c - time a full compile of the CIM schema.
 *
 *   bench_mofcomp [RUNS [FILE]]
 *
 * Compiles FILE (default: the CIM 2.49.0 schema under MI_SHARED_DIR) RUNS times
 * (default 5), each time into a fresh in-memory repository that is freed afterwards,
 * and prints, one "key: value" per line:
 *   file: PATH
 *   counts: C classes, I instances, Q qualifiers
 *   run N: T ms             (wall time of the compile, repository creation included)
 *   best: T ms
 *   median: T ms
 *   peak_rss: M MB          (getrusage ru_maxrss of the whole process)
 * Exit status 0, or 1 if a run failed to compile (diagnostics on stderr), 2 on a usage
 * error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "mof/mof.h"
#include "repo/repo.h"

#ifndef MI_BENCH_SCHEMA
#define MI_BENCH_SCHEMA "cim_schema_2.49.0.mof"
#endif

#define MAX_RUNS 1000

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* One compile of file into a new repository; the time in *ms. */
static int compile_once(const char *file, mi_mof_stats *stats, double *ms)
{
    int rc = 1;
    MI_Result r;
    mi_repo *repo = NULL;
    double t0 = now_ms();

    if (mi_repo_new(&repo) != MI_RESULT_OK) {
        fprintf(stderr, "bench_mofcomp: cannot create a repository\n");
        goto out;
    }
    memset(stats, 0, sizeof *stats);
    r = mi_mof_compile_file(repo, file, NULL, stats);
    *ms = now_ms() - t0;
    if (r != MI_RESULT_OK) {
        fprintf(stderr, "bench_mofcomp: %s did not compile (%u errors)\n", file, stats->errors);
        goto out_free_repo;
    }
    rc = 0;
out_free_repo:
    mi_repo_free(repo);
out:
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0;
    long runs = 5;
    const char *file = MI_BENCH_SCHEMA;
    double times[MAX_RUNS], median;
    mi_mof_stats stats;
    struct rusage ru;
    char *end;
    long i;

    if (argc > 3 || (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0))) {
        fprintf(stderr, "usage: bench_mofcomp [RUNS [FILE]]\n");
        rc = 2;
        goto out;
    }
    if (argc > 1) {
        errno = 0;
        runs = strtol(argv[1], &end, 10);
        if (errno != 0 || *end != '\0' || runs < 1 || runs > MAX_RUNS) {
            fprintf(stderr, "bench_mofcomp: RUNS must be a number from 1 to %d\n", MAX_RUNS);
            rc = 2;
            goto out;
        }
    }
    if (argc > 2)
        file = argv[2];

    printf("file: %s\n", file);
    for (i = 0; i < runs; i++) {
        rc = compile_once(file, &stats, &times[i]);
        if (rc != 0)
            goto out;
        if (i == 0)
            printf("counts: %u classes, %u instances, %u qualifiers\n", stats.classes,
                   stats.instances, stats.qualifiers);
        printf("run %ld: %.1f ms\n", i + 1, times[i]);
    }
    qsort(times, (size_t)runs, sizeof times[0], cmp_double);
    median = runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
    printf("best: %.1f ms\n", times[0]);
    printf("median: %.1f ms\n", median);
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        printf("peak_rss: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
out:
    if (fflush(stdout) != 0 && rc == 0)
        rc = 1;
    return rc;
}
