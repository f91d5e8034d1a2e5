/* repo_bench_load [path]: compiles the DMTF CIM Schema 2.49.0 (1631 classes) from
 * shared/data into a new repository file, then opens it 20 times and prints the
 * fastest and the median time of mi_repo_open (which loads every class). Not a test:
 * a program that prints figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "mof/mof.h"
#include "repo/repo.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    char path[512];
    snprintf(path, sizeof path, "%s", argc > 1 ? argv[1] : "/tmp/repo_bench_load.db");
    unlink(path);
    int rc = 1;
    mi_repo *r = NULL;
    mi_buf err;
    mi_buf_init(&err, 0);
    if (mi_repo_open(path, MI_REPO_CREATE, &r, &err) != MI_RESULT_OK) {
        fprintf(stderr, "repo_bench_load: %s\n", mi_buf_str(&err));
        goto out;
    }
    double t0 = now_ms();
    if (mi_mof_compile_file(r, MI_SHARED_DIR "/data/cim-schema/2.49.0/cim_schema_2.49.0.mof",
                            NULL, NULL) != MI_RESULT_OK)
        goto out;
    printf("compiled and stored %zu classes in %.0f ms\n",
           mi_ns_class_count(mi_repo_ns(r, "root/cimv2")), now_ms() - t0);
    mi_repo_free(r);
    r = NULL;
    enum { RUNS = 20 };
    double t[RUNS];
    for (int i = 0; i < RUNS; i++) {
        t0 = now_ms();
        if (mi_repo_open(path, MI_REPO_READONLY, &r, &err) != MI_RESULT_OK) {
            fprintf(stderr, "repo_bench_load: %s\n", mi_buf_str(&err));
            goto out;
        }
        t[i] = now_ms() - t0;
        mi_repo_free(r);
        r = NULL;
    }
    qsort(t, RUNS, sizeof t[0], cmp_d);
    printf("open (load 1631 classes): fastest %.1f ms, median %.1f ms\n", t[0], t[RUNS / 2]);
    rc = 0;
out:
    mi_repo_free(r);
    mi_buf_free(&err);
    return rc;
}
