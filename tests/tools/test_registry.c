/* test_registry.c - the client handle registry (src/client/registry.c): thousands of
 * live objects found by address, removed ones not found, the same after the index could
 * not grow (allocation failure: lookups fall back to the list). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "base/alloc.h"
#include "client/client_int.h"

#define N 5000
#define MAGIC UINT64_C(0x5445535452454749)

static mi_client_obj objs[N];

static void check_all(const int *live)
{
    for (int i = 0; i < N; i++) {
        mi_client_obj *o = mi_client_lookup(MAGIC, (ptrdiff_t)&objs[i], MAGIC);
        if (live[i])
            assert_ptr_equal(o, &objs[i]);
        else
            assert_null(o);
    }
    /* wrong kind, NULL, and an address inside an object are refused */
    assert_null(mi_client_lookup(MAGIC + 1, (ptrdiff_t)&objs[0], MAGIC + 1));
    assert_null(mi_client_lookup(MAGIC, 0, MAGIC));
    assert_null(mi_client_lookup(MAGIC, (ptrdiff_t)&objs[1] + 1, MAGIC));
}

static void run(int fail_at)
{
    static int live[N];
    srand(7);
    if (fail_at)
        mi_alloc_fail_after(fail_at);
    for (int i = 0; i < N; i++) {
        objs[i].magic = MAGIC;
        mi_client_register(&objs[i]);
        live[i] = 1;
    }
    mi_alloc_fail_after(0);
    check_all(live);
    for (int i = 0; i < N; i++) {
        int k = rand() % N;
        if (live[k]) {
            mi_client_unregister(&objs[k]);
            live[k] = 0;
        }
    }
    check_all(live);
    for (int i = 0; i < N; i += 3) {
        if (!live[i]) {
            objs[i].magic = MAGIC;
            mi_client_register(&objs[i]);
            live[i] = 1;
        }
    }
    check_all(live);
    for (int i = 0; i < N; i++) {
        if (live[i])
            mi_client_unregister(&objs[i]);
        live[i] = 0;
    }
    check_all(live);
}

static void test_index(void **state)
{
    (void)state;
    run(0);
}

static void test_index_out_of_memory(void **state)
{
    (void)state;
    run(3); /* the third growth of the index fails: lookups scan the list */
    run(0); /* and an empty registry starts a fresh index */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_index),
        cmocka_unit_test(test_index_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
