/* test_value.c - mi_value_copy / mi_value_equal / mi_value_to_mof / mi_mof_escape. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/buf.h"
#include "cim/cim.h"
#include "values.h"

static int teardown(void **state)
{
    (void)state;
    sample_free();
    return 0;
}

static void test_copy_every_type(void **state)
{
    (void)state;
    mi_arena *a = mi_arena_new(0, 0);
    assert_non_null(a);
    for (unsigned t = 0; t < 32; t++) {
        MI_Value src, dst;
        sample_value((MI_Type)t, (int)t, &src);
        memset(&dst, 0, sizeof dst);
        assert_int_equal(mi_value_copy(a, (MI_Type)t, &src, &dst), MI_RESULT_OK);
        expect_same_value((MI_Type)t, &dst, &src);
        assert_true(is_deep_copy((MI_Type)t, &dst, &src));
        assert_true(mi_value_equal((MI_Type)t, &dst, &src));
    }
    MI_Value src, dst;
    src.array.data = NULL;
    src.array.size = 2;
    assert_int_equal(mi_value_copy(a, MI_UINT8A, &src, &dst), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(mi_value_copy(a, (MI_Type)32, &src, &dst), MI_RESULT_INVALID_PARAMETER);
    mi_arena_free(a);
}

static void test_equal(void **state)
{
    (void)state;
    MI_Value x, y;
    memset(&x, 0, sizeof x);
    memset(&y, 0, sizeof y);
    x.real64 = NAN;
    y.real64 = x.real64;
    assert_true(mi_value_equal(MI_REAL64, &x, &y)); /* bitwise equal */
    x.real64 = 0.0;
    y.real64 = -0.0;
    assert_true(mi_value_equal(MI_REAL64, &x, &y)); /* == */
    y.real64 = 1e-300;
    assert_false(mi_value_equal(MI_REAL64, &x, &y));
    x.real32 = 1.5f;
    y.real32 = 1.5f;
    assert_true(mi_value_equal(MI_REAL32, &x, &y));
    x.string = "abc";
    y.string = "abC";
    assert_false(mi_value_equal(MI_STRING, &x, &y));
    y.string = "abc";
    assert_true(mi_value_equal(MI_STRING, &x, &y));
    y.string = NULL;
    assert_false(mi_value_equal(MI_STRING, &x, &y));
    x.boolean = 2;
    y.boolean = 1;
    assert_true(mi_value_equal(MI_BOOLEAN, &x, &y));
    MI_Uint32 a1[] = {1, 2, 3}, a2[] = {1, 2, 4};
    x.uint32a.data = a1;
    x.uint32a.size = 3;
    y.uint32a.data = a2;
    y.uint32a.size = 3;
    assert_false(mi_value_equal(MI_UINT32A, &x, &y));
    y.uint32a.size = 2;
    x.uint32a.size = 2;
    assert_true(mi_value_equal(MI_UINT32A, &x, &y));
    x.uint32a.size = 3;
    assert_false(mi_value_equal(MI_UINT32A, &x, &y));
    /* datetimes ignore padding and the unused union part */
    memset(&x, 0x11, sizeof x);
    memset(&y, 0x22, sizeof y);
    x.datetime.isTimestamp = y.datetime.isTimestamp = 0;
    x.datetime.u.interval.days = y.datetime.u.interval.days = 4;
    x.datetime.u.interval.hours = y.datetime.u.interval.hours = 1;
    x.datetime.u.interval.minutes = y.datetime.u.interval.minutes = 2;
    x.datetime.u.interval.seconds = y.datetime.u.interval.seconds = 3;
    x.datetime.u.interval.microseconds = y.datetime.u.interval.microseconds = 5;
    assert_true(mi_value_equal(MI_DATETIME, &x, &y));
    y.datetime.isTimestamp = 1;
    assert_false(mi_value_equal(MI_DATETIME, &x, &y));
    /* instances: by class name (any case) and element values */
    MI_Value i1, i2;
    sample_value(MI_INSTANCE, 1, &i1);
    sample_value(MI_INSTANCE, 1, &i2);
    assert_ptr_not_equal(i1.instance, i2.instance);
    assert_true(mi_value_equal(MI_INSTANCE, &i1, &i2));
    MI_Value v;
    v.string = "changed";
    assert_int_equal(MI_Instance_SetElement(i2.instance, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    assert_false(mi_value_equal(MI_INSTANCE, &i1, &i2));
    MI_Value i3;
    sample_value(MI_INSTANCE, 1, &i3);
    v.boolean = 1;
    assert_int_equal(MI_Instance_AddElement(i3.instance, "More", &v, MI_BOOLEAN, 0), MI_RESULT_OK);
    assert_false(mi_value_equal(MI_INSTANCE, &i1, &i3));
    assert_false(mi_value_equal((MI_Type)40, &i1, &i3));
}

static void expect_mof(MI_Type t, const MI_Value *v, const char *want)
{
    mi_buf b;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_value_to_mof(&b, t, v, 0), 0);
    assert_string_equal(mi_buf_str(&b), want);
    mi_buf_free(&b);
}

static void test_to_mof(void **state)
{
    (void)state;
    MI_Value v;
    memset(&v, 0, sizeof v);
    v.uint32 = 42;
    expect_mof(MI_UINT32, &v, "42");
    v.sint8 = -1;
    expect_mof(MI_SINT8, &v, "-1");
    v.sint64 = INT64_MIN;
    expect_mof(MI_SINT64, &v, "-9223372036854775808");
    v.uint64 = UINT64_MAX;
    expect_mof(MI_UINT64, &v, "18446744073709551615");
    v.real64 = 1.5;
    expect_mof(MI_REAL64, &v, "1.5");
    v.real64 = 3.0;
    expect_mof(MI_REAL64, &v, "3.0");
    v.real64 = 0.1;
    expect_mof(MI_REAL64, &v, "0.1");
    v.real64 = 1.7976931348623157e308;
    expect_mof(MI_REAL64, &v, "1.7976931348623157e+308");
    v.real32 = 0.1f;
    expect_mof(MI_REAL32, &v, "0.1");
    v.boolean = 1;
    expect_mof(MI_BOOLEAN, &v, "TRUE");
    v.boolean = 0;
    expect_mof(MI_BOOLEAN, &v, "FALSE");
    v.char16 = 'c';
    expect_mof(MI_CHAR16, &v, "'c'");
    v.char16 = '\'';
    expect_mof(MI_CHAR16, &v, "'\\''");
    v.char16 = 0x0A;
    expect_mof(MI_CHAR16, &v, "'\\x000A'");
    v.char16 = 0x00E9;
    expect_mof(MI_CHAR16, &v, "'\xC3\xA9'");
    v.string = "text with \"escapes\"\n";
    expect_mof(MI_STRING, &v, "\"text with \\\"escapes\\\"\\n\"");
    memset(&v, 0, sizeof v);
    v.datetime.isTimestamp = 1;
    v.datetime.u.timestamp.year = 2024;
    v.datetime.u.timestamp.month = 1;
    v.datetime.u.timestamp.day = 1;
    v.datetime.u.timestamp.hour = 12;
    expect_mof(MI_DATETIME, &v, "\"20240101120000.000000+000\"");
    MI_Uint16 nums[] = {1, 2};
    v.uint16a.data = nums;
    v.uint16a.size = 2;
    expect_mof(MI_UINT16A, &v, "{1, 2}");
    v.uint16a.size = 0;
    expect_mof(MI_UINT16A, &v, "{}");
    MI_Char *strs[] = {"a", "b\\c"};
    v.stringa.data = strs;
    v.stringa.size = 2;
    expect_mof(MI_STRINGA, &v, "{\"a\", \"b\\\\c\"}");
    /* references as their path string, embedded instances as instance text */
    MI_Value r;
    sample_value(MI_REFERENCE, 7, &r);
    assert_int_equal(MI_Instance_SetNameSpace(r.reference, "root/cimv2"), MI_RESULT_OK);
    expect_mof(MI_REFERENCE, &r, "\"root/cimv2:T_Base.Id=7,Name=\\\"emb7\\\"\"");
    expect_mof(MI_INSTANCE, &r,
               "instance of T_Base\n{\n    Name = \"emb7\";\n    Id = 7;\n}");
}

static void test_escape(void **state)
{
    (void)state;
    mi_buf b;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_mof_escape(&b, "a\"b\\c\n\t\r\b\f\x01\x7f" "d\xC3\xA9"), 0);
    assert_string_equal(mi_buf_str(&b), "a\\\"b\\\\c\\n\\t\\r\\b\\f\\x0001\\x007Fd\xC3\xA9");
    mi_buf_reset(&b);
    assert_int_equal(mi_mof_escape(&b, ""), 0);
    assert_string_equal(mi_buf_str(&b), "");
    mi_buf_free(&b);
    /* a buffer at its cap fails */
    mi_buf small;
    mi_buf_init(&small, 4);
    assert_int_equal(mi_mof_escape(&small, "abcdef"), -1);
    mi_buf_free(&small);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_copy_every_type, teardown),
        cmocka_unit_test_teardown(test_equal, teardown),
        cmocka_unit_test_teardown(test_to_mof, teardown),
        cmocka_unit_test_teardown(test_escape, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
