/* test_cli_fmt.c - the `mi` tool's JSON and MOF writers (tools/mi/fmt.c) and its
 * command-line value conversion (tools/mi/convert.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/buf.h"
#include "convert.h"
#include "fmt.h"

static MI_Application app;

static int setup(void **state)
{
    (void)state;
    return MI_Application_Initialize(0, NULL, NULL, &app) == MI_RESULT_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return MI_Application_Close(&app) == MI_RESULT_OK ? 0 : -1;
}

/* The JSON text of one value. */
static const char *json_of(mi_buf *b, MI_Type t, const MI_Value *v)
{
    mi_buf_reset(b);
    assert_int_equal(mi_cli_json_value(b, t, v, 0), 0);
    return mi_buf_str(b);
}

static void test_json_strings(void **state)
{
    mi_buf b;

    (void)state;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_cli_json_string(&b, "a\"b\\c\n\t\x01\x1f\x7f/"), 0);
    assert_string_equal(mi_buf_str(&b), "\"a\\\"b\\\\c\\n\\t\\u0001\\u001f\\u007f/\"");
    mi_buf_reset(&b);
    /* Valid UTF-8 passes unchanged; invalid bytes become U+FFFD. */
    assert_int_equal(mi_cli_json_string(&b, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80|\xff|\xc3"), 0);
    assert_string_equal(mi_buf_str(&b), "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80|\\ufffd|\\ufffd\"");
    mi_buf_reset(&b);
    assert_int_equal(mi_cli_json_string(&b, NULL), 0);
    assert_string_equal(mi_buf_str(&b), "null");
    mi_buf_free(&b);
}

static void test_json_numbers(void **state)
{
    static const double reals[] = {0.1, 1.0 / 3, 1e308, 5e-324, 2.2250738585072014e-308,
                                   -123456789.125, 0.0, 9007199254740993.0};
    mi_buf b;
    MI_Value v;
    size_t i;

    (void)state;
    mi_buf_init(&b, 0);
    v.uint64 = UINT64_MAX;
    assert_string_equal(json_of(&b, MI_UINT64, &v), "18446744073709551615");
    v.sint64 = INT64_MIN;
    assert_string_equal(json_of(&b, MI_SINT64, &v), "-9223372036854775808");
    v.uint32 = UINT32_MAX;
    assert_string_equal(json_of(&b, MI_UINT32, &v), "4294967295");
    v.sint8 = -128;
    assert_string_equal(json_of(&b, MI_SINT8, &v), "-128");
    v.boolean = MI_TRUE;
    assert_string_equal(json_of(&b, MI_BOOLEAN, &v), "true");
    /* real64 reads back exactly. */
    for (i = 0; i < sizeof reals / sizeof reals[0]; i++) {
        v.real64 = reals[i];
        assert_true(strtod(json_of(&b, MI_REAL64, &v), NULL) == reals[i]);
    }
    v.real32 = 0.1f;
    assert_true(strtof(json_of(&b, MI_REAL32, &v), NULL) == 0.1f);
    /* JSON has no NaN or infinity. */
    v.real64 = NAN;
    assert_string_equal(json_of(&b, MI_REAL64, &v), "null");
    v.real64 = -INFINITY;
    assert_string_equal(json_of(&b, MI_REAL64, &v), "null");
    v.real32 = INFINITY;
    assert_string_equal(json_of(&b, MI_REAL32, &v), "null");
    v.char16 = 0xe9;
    assert_string_equal(json_of(&b, MI_CHAR16, &v), "\"\xc3\xa9\"");
    mi_buf_free(&b);
}

static void test_json_datetime_and_arrays(void **state)
{
    mi_buf b;
    MI_Value v;
    MI_Uint32 nums[3] = {1, 2, 4294967295u};
    MI_Char *strs[2] = {(MI_Char *)"x", (MI_Char *)"\"y\""};
    char dt[26];

    (void)state;
    mi_buf_init(&b, 0);
    memset(&v, 0, sizeof v);
    v.datetime.isTimestamp = MI_TRUE;
    v.datetime.u.timestamp.year = 2024;
    v.datetime.u.timestamp.month = 2;
    v.datetime.u.timestamp.day = 29;
    v.datetime.u.timestamp.hour = 23;
    v.datetime.u.timestamp.minute = 59;
    v.datetime.u.timestamp.second = 58;
    v.datetime.u.timestamp.microseconds = 123456;
    v.datetime.u.timestamp.utc = -300;
    assert_string_equal(json_of(&b, MI_DATETIME, &v), "\"20240229235958.123456-300\"");
    memset(&v, 0, sizeof v);
    v.datetime.u.interval.days = 12;
    v.datetime.u.interval.seconds = 5;
    mi_cli_datetime_text(&v.datetime, dt);
    assert_string_equal(dt, "00000012000005.000000:000");
    v.uint32a.data = nums;
    v.uint32a.size = 3;
    assert_string_equal(json_of(&b, MI_UINT32A, &v), "[1,2,4294967295]");
    v.stringa.data = strs;
    v.stringa.size = 2;
    assert_string_equal(json_of(&b, MI_STRINGA, &v), "[\"x\",\"\\\"y\\\"\"]");
    v.uint32a.size = 0;
    assert_string_equal(json_of(&b, MI_UINT32A, &v), "[]");
    mi_buf_free(&b);
}

/* A dynamic instance: Name (key), Size, Tags[], a NULL Note, an embedded instance and
 * a reference. */
static MI_Instance *sample_instance(void)
{
    MI_Instance *inst = NULL, *emb = NULL, *ref = NULL;
    MI_Value v;
    MI_Char *tags[2] = {(MI_Char *)"a", (MI_Char *)"b"};

    assert_int_equal(MI_Application_NewInstance(&app, "X_Thing", NULL, &inst), MI_RESULT_OK);
    v.string = (MI_Char *)"T1";
    assert_int_equal(MI_Instance_AddElement(inst, "Name", &v, MI_STRING, MI_FLAG_KEY),
                     MI_RESULT_OK);
    v.uint64 = 18446744073709551615u;
    assert_int_equal(MI_Instance_AddElement(inst, "Size", &v, MI_UINT64, 0), MI_RESULT_OK);
    v.stringa.data = tags;
    v.stringa.size = 2;
    assert_int_equal(MI_Instance_AddElement(inst, "Tags", &v, MI_STRINGA, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_AddElement(inst, "Note", NULL, MI_STRING, MI_FLAG_NULL),
                     MI_RESULT_OK);
    assert_int_equal(MI_Application_NewInstance(&app, "X_Part", NULL, &emb), MI_RESULT_OK);
    v.sint32 = -7;
    assert_int_equal(MI_Instance_AddElement(emb, "Id", &v, MI_SINT32, 0), MI_RESULT_OK);
    v.instance = emb;
    assert_int_equal(MI_Instance_AddElement(inst, "Part", &v, MI_INSTANCE, 0), MI_RESULT_OK);
    assert_int_equal(MI_Application_NewInstance(&app, "X_Owner", NULL, &ref), MI_RESULT_OK);
    v.string = (MI_Char *)"o\"1";
    assert_int_equal(MI_Instance_AddElement(ref, "Id", &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
    v.string = (MI_Char *)"not a key";
    assert_int_equal(MI_Instance_AddElement(ref, "Other", &v, MI_STRING, 0), MI_RESULT_OK);
    v.reference = ref;
    assert_int_equal(MI_Instance_AddElement(inst, "Owner", &v, MI_REFERENCE, 0), MI_RESULT_OK);
    MI_Instance_Delete(emb);
    MI_Instance_Delete(ref);
    return inst;
}

static void test_json_instance(void **state)
{
    mi_buf b;
    MI_Instance *inst = sample_instance();

    (void)state;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_cli_json_instance(&b, inst, 0), 0);
    assert_string_equal(mi_buf_str(&b),
                        "{\"@class\":\"X_Thing\",\"Name\":\"T1\",\"Size\":18446744073709551615,"
                        "\"Tags\":[\"a\",\"b\"],\"Note\":null,"
                        "\"Part\":{\"@class\":\"X_Part\",\"Id\":-7},"
                        "\"Owner\":{\"@class\":\"X_Owner\",\"Id\":\"o\\\"1\"}}");
    /* With a namespace. */
    assert_int_equal(MI_Instance_SetNameSpace(inst, "root/x"), MI_RESULT_OK);
    mi_buf_reset(&b);
    assert_int_equal(mi_cli_json_instance(&b, inst, 0), 0);
    assert_non_null(strstr(mi_buf_str(&b), "{\"@class\":\"X_Thing\",\"@namespace\":\"root/x\","));
    /* A buffer cap makes it fail, never truncate silently. */
    mi_buf_free(&b);
    mi_buf_init(&b, 16);
    assert_int_equal(mi_cli_json_instance(&b, inst, 0), -1);
    mi_buf_free(&b);
    MI_Instance_Delete(inst);
}

static void test_mof_instance(void **state)
{
    mi_buf b;
    MI_Instance *inst = sample_instance();

    (void)state;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_cli_mof_instance(&b, inst, false, 0), 0);
    assert_string_equal(mi_buf_str(&b),
                        "instance of X_Thing\n"
                        "{\n"
                        "    Name = \"T1\";\n"
                        "    Size = 18446744073709551615;\n"
                        "    Tags = {\"a\", \"b\"};\n"
                        "    Part =\n"
                        "        instance of X_Part\n"
                        "        {\n"
                        "            Id = -7;\n"
                        "        };\n"
                        "    Owner = \"X_Owner.Id=\\\"o\\\\\\\"1\\\"\";\n"
                        "};\n");
    mi_buf_reset(&b);
    assert_int_equal(mi_cli_mof_instance(&b, inst, true, 0), 0);
    assert_non_null(strstr(mi_buf_str(&b), "    Note = NULL;\n"));
    mi_buf_reset(&b);
    assert_int_equal(mi_cli_path_text(&b, inst), 0);
    assert_string_equal(mi_buf_str(&b), "X_Thing.Name=\"T1\"");
    mi_buf_free(&b);
    MI_Instance_Delete(inst);
}

/* MOF reals: the fewest digits that read back exactly, always readable as a real. */
static void test_mof_reals(void **state)
{
    static const struct {
        double d;
        const char *text;
    } cases[] = {
        {0.1, "0.1"}, {2.0, "2.0"}, {1e300, "1e+300"}, {1.0 / 3, "0.3333333333333333"},
        {0.1 + 0.2, "0.30000000000000004"}, {-1.5, "-1.5"}, {123456789012345678.0, "1.2345678901234568e+17"},
    };
    mi_buf b;
    size_t i;

    (void)state;
    mi_buf_init(&b, 0);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MI_Instance *inst = NULL;
        MI_Value v;
        char want[128];
        v.real64 = cases[i].d;
        assert_int_equal(MI_Application_NewInstance(&app, "X_R", NULL, &inst), MI_RESULT_OK);
        assert_int_equal(MI_Instance_AddElement(inst, "R", &v, MI_REAL64, 0), MI_RESULT_OK);
        mi_buf_reset(&b);
        assert_int_equal(mi_cli_mof_instance(&b, inst, false, 0), 0);
        snprintf(want, sizeof want, "instance of X_R\n{\n    R = %s;\n};\n", cases[i].text);
        assert_string_equal(mi_buf_str(&b), want);
        MI_Instance_Delete(inst);
    }
    mi_buf_free(&b);
}

/* Converts text to type t, expecting result `want`. */
static MI_Value conv(mi_arena *a, const char *text, MI_Type t, MI_Result want)
{
    MI_Value v;
    mi_buf err;
    MI_Result r;

    mi_buf_init(&err, 1024);
    memset(&v, 0, sizeof v);
    r = mi_cli_parse_value(&app, a, text, t, "property 'P'", &v, &err);
    if (r != want)
        fail_msg("'%s' as type %u: result %u, expected %u (%s)", text, (unsigned)t,
                 (unsigned)r, (unsigned)want, mi_buf_str(&err));
    if (r != MI_RESULT_OK)
        assert_non_null(strstr(mi_buf_str(&err), "property 'P'"));
    mi_buf_free(&err);
    return v;
}

static void test_parse_scalars(void **state)
{
    mi_arena a;
    MI_Value v;

    (void)state;
    mi_arena_init(&a, 0, 0);
    assert_int_equal(conv(&a, "255", MI_UINT8, MI_RESULT_OK).uint8, 255);
    conv(&a, "256", MI_UINT8, MI_RESULT_TYPE_MISMATCH);
    conv(&a, "-1", MI_UINT32, MI_RESULT_TYPE_MISMATCH);
    conv(&a, "", MI_UINT32, MI_RESULT_TYPE_MISMATCH);
    conv(&a, "12x", MI_UINT32, MI_RESULT_TYPE_MISMATCH);
    assert_int_equal(conv(&a, "0x10", MI_UINT32, MI_RESULT_OK).uint32, 16);
    assert_int_equal(conv(&a, "-128", MI_SINT8, MI_RESULT_OK).sint8, -128);
    conv(&a, "-129", MI_SINT8, MI_RESULT_TYPE_MISMATCH);
    conv(&a, "32768", MI_SINT16, MI_RESULT_TYPE_MISMATCH);
    assert_true(conv(&a, "18446744073709551615", MI_UINT64, MI_RESULT_OK).uint64 == UINT64_MAX);
    conv(&a, "18446744073709551616", MI_UINT64, MI_RESULT_TYPE_MISMATCH);
    assert_true(conv(&a, "-9223372036854775808", MI_SINT64, MI_RESULT_OK).sint64 == INT64_MIN);
    conv(&a, "9223372036854775808", MI_SINT64, MI_RESULT_TYPE_MISMATCH);
    assert_true(conv(&a, "TRUE", MI_BOOLEAN, MI_RESULT_OK).boolean);
    assert_false(conv(&a, "0", MI_BOOLEAN, MI_RESULT_OK).boolean);
    conv(&a, "yes", MI_BOOLEAN, MI_RESULT_TYPE_MISMATCH);
    assert_true(conv(&a, "1.5e3", MI_REAL64, MI_RESULT_OK).real64 == 1500.0);
    assert_true(isnan(conv(&a, "nan", MI_REAL64, MI_RESULT_OK).real64));
    conv(&a, "1e39", MI_REAL32, MI_RESULT_TYPE_MISMATCH);
    conv(&a, "1e999", MI_REAL64, MI_RESULT_TYPE_MISMATCH);
    conv(&a, "1.5.", MI_REAL64, MI_RESULT_TYPE_MISMATCH);
    assert_int_equal(conv(&a, "\xc3\xa9", MI_CHAR16, MI_RESULT_OK).char16, 0xe9);
    conv(&a, "ab", MI_CHAR16, MI_RESULT_TYPE_MISMATCH);
    conv(&a, "\xf0\x9f\x98\x80", MI_CHAR16, MI_RESULT_TYPE_MISMATCH);
    v = conv(&a, "20240229235958.123456-300", MI_DATETIME, MI_RESULT_OK);
    assert_true(v.datetime.isTimestamp);
    assert_int_equal(v.datetime.u.timestamp.utc, -300);
    v = conv(&a, "00000012000005.000000:000", MI_DATETIME, MI_RESULT_OK);
    assert_false(v.datetime.isTimestamp);
    assert_int_equal(v.datetime.u.interval.days, 12);
    conv(&a, "20241301000000.000000+000", MI_DATETIME, MI_RESULT_TYPE_MISMATCH);
    assert_string_equal(conv(&a, "a b=c", MI_STRING, MI_RESULT_OK).string, "a b=c");
    conv(&a, "\xff", MI_STRING, MI_RESULT_INVALID_PARAMETER);
    conv(&a, "x", MI_INSTANCE, MI_RESULT_NOT_SUPPORTED);
    mi_arena_destroy(&a);
}

static void test_parse_arrays_and_refs(void **state)
{
    mi_arena a;
    MI_Value v;
    const MI_Char *cls = NULL;
    MI_Uint32 n = 0;

    (void)state;
    mi_arena_init(&a, 0, 0);
    v = conv(&a, "1,2,3", MI_UINT16A, MI_RESULT_OK);
    assert_int_equal(v.uint16a.size, 3);
    assert_int_equal(v.uint16a.data[2], 3);
    v = conv(&a, "", MI_UINT16A, MI_RESULT_OK);
    assert_int_equal(v.uint16a.size, 0);
    conv(&a, "1,,2", MI_UINT16A, MI_RESULT_TYPE_MISMATCH);
    v = conv(&a, "a,,b", MI_STRINGA, MI_RESULT_OK);
    assert_int_equal(v.stringa.size, 3);
    assert_string_equal(v.stringa.data[1], "");
    assert_string_equal(v.stringa.data[2], "b");
    /* the braced, MOF-like form: quoted elements may hold commas and escapes */
    v = conv(&a, "{\"x,1\", 'y\\'q' ,z , \"\"}", MI_STRINGA, MI_RESULT_OK);
    assert_int_equal(v.stringa.size, 4);
    assert_string_equal(v.stringa.data[0], "x,1");
    assert_string_equal(v.stringa.data[1], "y'q");
    assert_string_equal(v.stringa.data[2], "z");
    assert_string_equal(v.stringa.data[3], "");
    v = conv(&a, " { } ", MI_STRINGA, MI_RESULT_OK);
    assert_int_equal(v.stringa.size, 0);
    v = conv(&a, "{1, 0x2,3}", MI_UINT16A, MI_RESULT_OK);
    assert_int_equal(v.uint16a.size, 3);
    assert_int_equal(v.uint16a.data[1], 2);
    conv(&a, "{1,,2}", MI_UINT16A, MI_RESULT_INVALID_PARAMETER);
    conv(&a, "{1,2", MI_UINT16A, MI_RESULT_INVALID_PARAMETER);
    conv(&a, "{1,2} 3", MI_UINT16A, MI_RESULT_INVALID_PARAMETER);
    conv(&a, "{\"a\" b}", MI_STRINGA, MI_RESULT_INVALID_PARAMETER);
    conv(&a, "{\"a}", MI_STRINGA, MI_RESULT_INVALID_PARAMETER);
    conv(&a, "{1,-1}", MI_UINT16A, MI_RESULT_TYPE_MISMATCH);
    /* A reference: the path's class and keys, in an instance freed with the arena. */
    v = conv(&a, "X_Owner.Id=\"o1\",N=5", MI_REFERENCE, MI_RESULT_OK);
    assert_non_null(v.reference);
    assert_int_equal(MI_Instance_GetClassName(v.reference, &cls), MI_RESULT_OK);
    assert_string_equal(cls, "X_Owner");
    assert_int_equal(MI_Instance_GetElementCount(v.reference, &n), MI_RESULT_OK);
    assert_int_equal(n, 2);
    conv(&a, "not a path", MI_REFERENCE, MI_RESULT_TYPE_MISMATCH);
    mi_arena_destroy(&a);
}

static void test_split_assignment(void **state)
{
    mi_arena a;
    mi_buf err;
    const char *name = NULL, *value = NULL;

    (void)state;
    mi_arena_init(&a, 0, 0);
    mi_buf_init(&err, 1024);
    assert_int_equal(mi_cli_split_assignment(&a, "Label=a=b", &name, &value, &err),
                     MI_RESULT_OK);
    assert_string_equal(name, "Label");
    assert_string_equal(value, "a=b");
    assert_int_equal(mi_cli_split_assignment(&a, "Label", &name, &value, &err),
                     MI_RESULT_INVALID_PARAMETER);
    assert_non_null(strstr(mi_buf_str(&err), "Name=value"));
    assert_int_equal(mi_cli_split_assignment(&a, "1x=2", &name, &value, &err),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(mi_cli_split_assignment(&a, "=2", &name, &value, &err),
                     MI_RESULT_INVALID_PARAMETER);
    mi_buf_free(&err);
    mi_arena_destroy(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_strings),
        cmocka_unit_test(test_json_numbers),
        cmocka_unit_test(test_json_datetime_and_arrays),
        cmocka_unit_test(test_json_instance),
        cmocka_unit_test(test_mof_instance),
        cmocka_unit_test(test_mof_reals),
        cmocka_unit_test(test_parse_scalars),
        cmocka_unit_test(test_parse_arrays_and_refs),
        cmocka_unit_test(test_split_assignment),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
