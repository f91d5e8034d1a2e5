/* Unit tests of src/base: arena, capped buffer, names, UTF-8/16, map, vector, and the
 * allocation funnel's failure injection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/map.h"
#include "base/str.h"
#include "base/vec.h"

static int cleanup_calls;
static int cleanup_order[4];
static void note_cleanup(void *arg)
{
    cleanup_order[cleanup_calls++] = (int)(intptr_t)arg;
}

static void test_arena_alloc_align_and_cap(void **state)
{
    (void)state;
    mi_arena a;
    mi_arena_init(&a, 256, 4096);
    for (int i = 0; i < 20; i++) {
        char *p = mi_arena_alloc(&a, (size_t)i * 3 + 1);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, 0xAB, (size_t)i * 3 + 1);
    }
    /* an allocation bigger than a chunk gets its own chunk */
    char *big = mi_arena_alloc(&a, 1000);
    assert_non_null(big);
    memset(big, 1, 1000);
    /* the cap refuses what would pass it */
    assert_null(mi_arena_alloc(&a, 8192));
    char *s = mi_arena_strdup(&a, "hello");
    assert_string_equal(s, "hello");
    assert_true(mi_arena_size(&a) <= 4096);
    mi_arena_destroy(&a);
    assert_int_equal(mi_arena_size(&a), 0);
}

/* mi_arena_rewind keeps the first chunk, frees the others, runs the cleanups once. */
static void test_arena_rewind(void **state)
{
    (void)state;
    mi_arena a;
    mi_arena_init(&a, 256, 1 << 20);
    mi_arena_rewind(&a); /* no chunk yet: stays empty */
    assert_int_equal(mi_arena_size(&a), 0);
    char *first = mi_arena_alloc(&a, 16);
    assert_non_null(first);
    size_t one = mi_arena_size(&a);
    for (int i = 0; i < 50; i++)
        assert_non_null(mi_arena_alloc(&a, 100));
    assert_non_null(mi_arena_alloc(&a, 5000)); /* an oversized chunk too */
    cleanup_calls = 0;
    assert_int_equal(mi_arena_on_destroy(&a, note_cleanup, (void *)1), 0);
    assert_int_equal(mi_arena_on_destroy(&a, note_cleanup, (void *)2), 0);
    assert_true(mi_arena_size(&a) > one);
    mi_arena_rewind(&a);
    assert_int_equal(cleanup_calls, 2);
    assert_int_equal(cleanup_order[0], 2);
    assert_int_equal(cleanup_order[1], 1);
    assert_int_equal(mi_arena_size(&a), one);
    /* the first chunk's memory is handed out again, without a heap call */
    assert_ptr_equal(mi_arena_alloc(&a, 16), first);
    assert_int_equal(mi_arena_size(&a), one);
    mi_arena_rewind(&a);
    assert_int_equal(cleanup_calls, 2); /* cleared: not run again */
    mi_arena_destroy(&a);
    assert_int_equal(cleanup_calls, 2);
    assert_int_equal(mi_arena_size(&a), 0);

    /* an arena made by mi_arena_new keeps its own struct in the first chunk */
    mi_arena *b = mi_arena_new(256, 0);
    assert_non_null(b);
    for (int i = 0; i < 20; i++)
        memset(mi_arena_alloc(b, 100), 0xCD, 100);
    mi_arena_rewind(b);
    for (int i = 0; i < 20; i++)
        memset(mi_arena_alloc(b, 100), 0xEF, 100);
    assert_int_equal(b->chunk_size, 256);
    mi_arena_free(b);
}

static void test_arena_cleanups_reverse_order(void **state)
{
    (void)state;
    mi_arena *a = mi_arena_new(0, 0);
    assert_non_null(a);
    cleanup_calls = 0;
    assert_int_equal(mi_arena_on_destroy(a, note_cleanup, (void *)1), 0);
    assert_int_equal(mi_arena_on_destroy(a, note_cleanup, (void *)2), 0);
    for (int i = 0; i < 100; i++)
        assert_non_null(mi_arena_alloc(a, 100));
    mi_arena_free(a);
    assert_int_equal(cleanup_calls, 2);
    assert_int_equal(cleanup_order[0], 2);
    assert_int_equal(cleanup_order[1], 1);
}

static void test_buf_cap_and_sticky_failure(void **state)
{
    (void)state;
    mi_buf b;
    mi_buf_init(&b, 10);
    assert_int_equal(mi_buf_puts(&b, "12345"), 0);
    assert_int_equal(mi_buf_printf(&b, "%d", 678), 0);
    assert_string_equal(mi_buf_str(&b), "12345678");
    assert_int_equal(mi_buf_puts(&b, "abc"), -1); /* 11 > cap */
    assert_true(mi_buf_failed(&b));
    assert_true(b.over_cap);
    assert_int_equal(mi_buf_putc(&b, 'x'), -1); /* sticky */
    assert_null(mi_buf_take(&b));
    mi_buf_reset(&b);
    assert_int_equal(mi_buf_puts(&b, "ok"), 0);
    char *s = mi_buf_take(&b);
    assert_string_equal(s, "ok");
    mi_free(s);
    mi_buf_free(&b);

    /* a long printf goes through the slow path */
    mi_buf_init(&b, 0);
    char want[1001];
    memset(want, 'z', 1000);
    want[1000] = 0;
    assert_int_equal(mi_buf_printf(&b, "%s", want), 0);
    assert_int_equal(b.len, 1000);
    assert_string_equal(mi_buf_str(&b), want);
    mi_buf_free(&b);
}

static void test_names(void **state)
{
    (void)state;
    assert_true(mi_name_eq("CIM_ComputerSystem", "cim_computersystem"));
    assert_false(mi_name_eq("CIM_System", "CIM_Systems"));
    assert_true(mi_name_cmp("a", "B") < 0);
    assert_true(mi_name_eqn("KeyX", 3, "kEy"));
    assert_false(mi_name_eqn("KeyX", 3, "kE"));
    assert_int_equal(mi_name_hash("Name", 4), mi_name_hash("NAME", 4));
    /* the values the provider-API digest gives as examples */
    assert_int_equal(mi_name_code("SerialNumber"), 0x0073720C);
    assert_int_equal(mi_name_code("XYZ_Widget"), 0x0078740A);
    assert_int_equal(mi_name_code(""), 0);
    assert_true(mi_is_identifier("CIM_X1"));
    assert_true(mi_is_identifier("_x"));
    assert_true(mi_is_identifier("\xC3\xA9t\xC3\xA9"));
    assert_false(mi_is_identifier("1abc"));
    assert_false(mi_is_identifier("a-b"));
    assert_false(mi_is_identifier(""));
    assert_false(mi_is_identifier("\xC3"));
}

static void test_utf8(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(mi_utf8_decode("\xE2\x82\xAC", 3, &cp), 3);
    assert_int_equal(cp, 0x20AC);
    assert_int_equal(mi_utf8_decode("\xC0\x80", 2, &cp), 0);       /* overlong */
    assert_int_equal(mi_utf8_decode("\xED\xA0\x80", 3, &cp), 0);   /* surrogate */
    assert_int_equal(mi_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0); /* > 0x10FFFF */
    assert_int_equal(mi_utf8_decode("\xE2\x82", 2, &cp), 0);       /* truncated */
    char out[4];
    for (uint32_t c = 1; c < 0x110000; c += 0x3FF) {
        int n = mi_utf8_encode(c, out);
        if (c >= 0xD800 && c <= 0xDFFF) {
            assert_int_equal(n, 0);
            continue;
        }
        uint32_t back = 0;
        assert_int_equal(mi_utf8_decode(out, (size_t)n, &back), n);
        assert_int_equal(back, c);
    }
    size_t bad = 0;
    assert_false(mi_utf8_valid("ab\xFF" "c", 4, &bad));
    assert_int_equal(bad, 2);
    assert_true(mi_utf8_valid("\xF0\x9F\x98\x80", 4, NULL));
}

static void test_utf16(void **state)
{
    (void)state;
    /* "A€😀" in UTF-16LE and BE */
    const unsigned char le[] = {0x41, 0, 0xAC, 0x20, 0x3D, 0xD8, 0x00, 0xDE};
    const unsigned char be[] = {0, 0x41, 0x20, 0xAC, 0xD8, 0x3D, 0xDE, 0x00};
    mi_buf b;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_utf16_to_utf8(le, sizeof le, false, &b, NULL), 0);
    assert_string_equal(mi_buf_str(&b), "A\xE2\x82\xAC\xF0\x9F\x98\x80");
    mi_buf_reset(&b);
    assert_int_equal(mi_utf16_to_utf8(be, sizeof be, true, &b, NULL), 0);
    assert_string_equal(mi_buf_str(&b), "A\xE2\x82\xAC\xF0\x9F\x98\x80");
    mi_buf_reset(&b);
    const unsigned char lone[] = {0x41, 0, 0x00, 0xDC};
    size_t bad = 99;
    assert_int_equal(mi_utf16_to_utf8(lone, sizeof lone, false, &b, &bad), -1);
    assert_int_equal(bad, 2);
    assert_int_equal(mi_utf16_to_utf8(lone, 3, false, &b, &bad), -1);
    mi_buf_free(&b);
}

static void test_map(void **state)
{
    (void)state;
    mi_map m = MI_MAP_INIT;
    char keys[2000][16];
    for (int i = 0; i < 2000; i++) {
        snprintf(keys[i], sizeof keys[i], "Key_%d", i);
        assert_int_equal(mi_map_put(&m, keys[i], &keys[i], NULL), 0);
    }
    assert_int_equal(m.count, 2000);
    void *old = NULL;
    assert_int_equal(mi_map_put(&m, "KEY_7", NULL, &old), 1);
    assert_ptr_equal(old, &keys[7]);
    char probe[16];
    for (int i = 0; i < 2000; i++) {
        snprintf(probe, sizeof probe, "kEY_%d", i);
        assert_ptr_equal(mi_map_get(&m, probe), &keys[i]);
    }
    assert_null(mi_map_get(&m, "Key_2000"));
    assert_ptr_equal(mi_map_getn(&m, "Key_12xyz", 6), &keys[12]);
    assert_int_equal(mi_map_set(&m, "key_5", NULL), 0);
    assert_null(mi_map_get(&m, "Key_5"));
    size_t it = 0, seen = 0;
    const char *k;
    while (mi_map_next(&m, &it, &k, NULL))
        seen++;
    assert_int_equal(seen, 2000);
    mi_map_free(&m);
}

static void test_vec(void **state)
{
    (void)state;
    mi_vec v = MI_VEC_INIT;
    for (intptr_t i = 0; i < 1000; i++)
        assert_int_equal(mi_vec_push(&v, (void *)i), 0);
    assert_int_equal(v.len, 1000);
    assert_int_equal((intptr_t)v.items[999], 999);
    mi_vec_free(&v);
}

/* Fails every allocation in turn while building a map and a buffer: each failure must
 * be reported, and nothing may leak (checked by ASan in the sanitizer build). */
static void test_alloc_failure_injection(void **state)
{
    (void)state;
    for (long n = 1; n < 40; n++) {
        mi_alloc_fail_after(n);
        int failed = 0;
        mi_map m = MI_MAP_INIT;
        static const char *names[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j",
                                      "k", "l", "m", "n", "o", "p", "q", "r", "s", "t"};
        for (size_t i = 0; i < 20; i++)
            failed |= mi_map_put(&m, names[i], NULL, NULL) < 0;
        mi_buf b;
        mi_buf_init(&b, 0);
        for (int i = 0; i < 50; i++)
            failed |= mi_buf_printf(&b, "%040d", i) < 0;
        mi_arena *a = mi_arena_new(128, 0);
        if (a) {
            for (int i = 0; i < 10; i++)
                failed |= mi_arena_alloc(a, 100) == NULL;
            mi_arena_free(a);
        } else {
            failed = 1;
        }
        long made = mi_alloc_fail_after(0);
        if (n <= made)
            assert_true(failed);
        mi_map_free(&m);
        mi_buf_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_alloc_align_and_cap),
        cmocka_unit_test(test_arena_cleanups_reverse_order),
        cmocka_unit_test(test_arena_rewind),
        cmocka_unit_test(test_buf_cap_and_sticky_failure),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_utf16),
        cmocka_unit_test(test_map),
        cmocka_unit_test(test_vec),
        cmocka_unit_test(test_alloc_failure_injection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
