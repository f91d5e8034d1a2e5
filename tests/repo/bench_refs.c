/* repo_bench_refs [N] [path]: stores N (default 10^6) association instances
 * (Link.a -> Node.id=i, Link.b -> Node.id=i+1, i in [0, N)) in a new repository file,
 * then prints the latency of reference lookups through the index: the median and the
 * worst of 1000 lookups of random nodes (each finds 2 associations), and the time the
 * load took. Not a test: a program that prints figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "cim/cim.h"
#include "mof/mof.h"
#include "repo/repo.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static const char schema[] =
    "Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride);\n"
    "Qualifier Association : boolean = false, Scope(association), Flavor(DisableOverride);\n"
    "class Node { [Key] uint32 id; };\n"
    "[Association] class Link { [Key] Node REF a; [Key] Node REF b; };\n";

static MI_Instance *node(const MI_ClassDecl *cd, unsigned id)
{
    MI_Instance *inst = NULL;
    MI_Value v;
    if (mi_instance_new(cd, NULL, NULL, &inst) != MI_RESULT_OK)
        return NULL;
    v.uint32 = id;
    MI_Instance_SetElement(inst, "id", &v, MI_UINT32, 0);
    return inst;
}

static bool count_fn(void *ctx, const MI_Instance *inst)
{
    (void)inst;
    (*(unsigned *)ctx)++;
    return true;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 1000000u;
    char path[512];
    snprintf(path, sizeof path, "%s", argc > 2 ? argv[2] : "/tmp/repo_bench_refs.db");
    unlink(path);
    int rc = 1;
    mi_repo *r = NULL;
    mi_buf err;
    mi_buf_init(&err, 0);
    if (mi_repo_open(path, MI_REPO_CREATE, &r, &err) != MI_RESULT_OK) {
        fprintf(stderr, "repo_bench_refs: %s\n", mi_buf_str(&err));
        goto out;
    }
    if (mi_mof_compile_buffer(r, "bench.mof", schema, strlen(schema), NULL, NULL) !=
        MI_RESULT_OK)
        goto out;
    mi_ns *ns = mi_repo_ns(r, "root/cimv2");
    const MI_ClassDecl *ncd = mi_ns_class(ns, "Node"), *lcd = mi_ns_class(ns, "Link");
    double t0 = now_ms();
    for (unsigned i = 0; i < n; i++) {
        if (i % 10000 == 0 && mi_repo_begin(r) != MI_RESULT_OK)
            goto out;
        MI_Instance *a = node(ncd, i), *b = node(ncd, i + 1), *l = NULL;
        MI_Value v;
        if (!a || !b || mi_instance_new(lcd, NULL, NULL, &l) != MI_RESULT_OK)
            goto out;
        v.reference = a;
        MI_Instance_SetElement(l, "a", &v, MI_REFERENCE, 0);
        v.reference = b;
        MI_Instance_SetElement(l, "b", &v, MI_REFERENCE, 0);
        if (mi_ns_create_instance(ns, l) != MI_RESULT_OK) {
            fprintf(stderr, "repo_bench_refs: %s\n", mi_repo_last_error());
            goto out;
        }
        MI_Instance_Delete(a);
        MI_Instance_Delete(b);
        MI_Instance_Delete(l);
        if ((i % 10000 == 9999 || i == n - 1) && mi_repo_commit(r) != MI_RESULT_OK)
            goto out;
    }
    double t1 = now_ms();
    printf("stored %u associations in %.1f s (%.1f us each)\n", n, (t1 - t0) / 1e3,
           (t1 - t0) * 1e3 / n);
    enum { LOOKUPS = 1000 };
    static double lat[LOOKUPS];
    srand(1);
    for (int k = 0; k < LOOKUPS; k++) {
        unsigned id = 1 + (unsigned)rand() % (n - 1);
        MI_Instance *t = node(ncd, id);
        unsigned found = 0;
        double s = now_ms();
        MI_Result res = mi_ns_each_reference(ns, t, NULL, NULL, count_fn, &found);
        lat[k] = now_ms() - s;
        MI_Instance_Delete(t);
        if (res != MI_RESULT_OK || found != 2) {
            fprintf(stderr, "repo_bench_refs: node %u: %u references (want 2): %s\n", id,
                    found, mi_repo_last_error());
            goto out;
        }
    }
    qsort(lat, LOOKUPS, sizeof lat[0], cmp_d);
    printf("reference lookup with %u associations stored: median %.3f ms, p99 %.3f ms, "
           "max %.3f ms (2 matches each)\n", n, lat[LOOKUPS / 2], lat[LOOKUPS * 99 / 100],
           lat[LOOKUPS - 1]);
    mi_repo_free(r);
    r = NULL;
    t0 = now_ms();
    if (mi_repo_open(path, MI_REPO_READONLY, &r, &err) != MI_RESULT_OK)
        goto out;
    printf("reopen: %.1f ms\n", now_ms() - t0);
    rc = 0;
out:
    mi_repo_free(r);
    mi_buf_free(&err);
    return rc;
}
