/* test_datetime.c - CIM datetime text: parse good and bad forms, format, round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cim/cim.h"

static void test_timestamps(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        MI_Uint32 y, mo, d, h, mi, s, us;
        MI_Sint32 utc;
    } good[] = {
        {"20240101120000.000000+000", 2024, 1, 1, 12, 0, 0, 0, 0},
        {"99991231115959.999999-720", 9999, 12, 31, 11, 59, 59, 999999, -720},
        {"00010101000001.000000+000", 1, 1, 1, 0, 0, 1, 0, 0},
        {"20091225123000.123456-360", 2009, 12, 25, 12, 30, 0, 123456, -360},
        {"20240229235959.000001+060", 2024, 2, 29, 23, 59, 59, 1, 60},
        {"20000229000000.000000+999", 2000, 2, 29, 0, 0, 0, 0, 999},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        MI_Datetime dt;
        const char *why = "unset";
        memset(&dt, 0xEE, sizeof dt);
        assert_int_equal(mi_datetime_parse(good[i].text, &dt, &why), MI_RESULT_OK);
        assert_null(why);
        assert_int_equal(dt.isTimestamp, 1);
        const MI_Timestamp *t = &dt.u.timestamp;
        assert_int_equal(t->year, good[i].y);
        assert_int_equal(t->month, good[i].mo);
        assert_int_equal(t->day, good[i].d);
        assert_int_equal(t->hour, good[i].h);
        assert_int_equal(t->minute, good[i].mi);
        assert_int_equal(t->second, good[i].s);
        assert_int_equal(t->microseconds, good[i].us);
        assert_int_equal(t->utc, good[i].utc);
        char out[26];
        mi_datetime_format(&dt, out);
        assert_string_equal(out, good[i].text);
    }
}

static void test_intervals(void **state)
{
    (void)state;
    MI_Datetime dt;
    assert_int_equal(mi_datetime_parse("12345678121212.123456:000", &dt, NULL), MI_RESULT_OK);
    assert_int_equal(dt.isTimestamp, 0);
    assert_int_equal(dt.u.interval.days, 12345678);
    assert_int_equal(dt.u.interval.hours, 12);
    assert_int_equal(dt.u.interval.minutes, 12);
    assert_int_equal(dt.u.interval.seconds, 12);
    assert_int_equal(dt.u.interval.microseconds, 123456);
    char out[26];
    mi_datetime_format(&dt, out);
    assert_string_equal(out, "12345678121212.123456:000");
    assert_int_equal(mi_datetime_parse("00000000000000.000000:000", &dt, NULL), MI_RESULT_OK);
    mi_datetime_format(&dt, out);
    assert_string_equal(out, "00000000000000.000000:000");
    /* interval built by hand */
    memset(&dt, 0, sizeof dt);
    dt.u.interval.days = 1;
    dt.u.interval.hours = 2;
    dt.u.interval.minutes = 3;
    dt.u.interval.seconds = 4;
    dt.u.interval.microseconds = 5;
    mi_datetime_format(&dt, out);
    assert_string_equal(out, "00000001020304.000005:000");
}

static void test_bad(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *reason; /* a word the reason must contain */
    } bad[] = {
        {"", "25"},
        {"2024010112000.000000+000", "25"},
        {"20240101120000.000000+0000", "25"},
        {"2024010112000*.000000+000", "wildcard"},
        {"20240101120000,000000+000", "'.'"},
        {"20241301120000.000000+000", "month"},
        {"20240001120000.000000+000", "month"},
        {"20240100120000.000000+000", "day"},
        {"20240230120000.000000+000", "day"},
        {"21000229120000.000000+000", "day"},
        {"20240431120000.000000+000", "day"},
        {"20240101240000.000000+000", "hour"},
        {"20240101126000.000000+000", "minute"},
        {"20240101120060.000000+000", "second"},
        {"2024a101120000.000000+000", "digits"},
        {"20240101120000.00000x+000", "microseconds"},
        {"20240101120000.000000*000", "wildcard"},
        {"20240101120000.000000#000", "position 22"},
        {"20240101120000.000000+0a0", "offset"},
        {"00000000240000.000000:000", "hours"},
        {"00000000006000.000000:000", "minutes"},
        {"00000000000060.000000:000", "seconds"},
        {"00000000000000.000000:001", ":000"},
        {"0000000a000000.000000:000", "digits"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        MI_Datetime dt;
        memset(&dt, 0x5A, sizeof dt);
        MI_Datetime before = dt;
        const char *why = NULL;
        MI_Result r = mi_datetime_parse(bad[i].text, &dt, &why);
        if (r != MI_RESULT_INVALID_PARAMETER || !why || !strstr(why, bad[i].reason))
            fail_msg("\"%s\": result %d, reason \"%s\" (expected one containing \"%s\")",
                     bad[i].text, (int)r, why ? why : "(null)", bad[i].reason);
        assert_memory_equal(&dt, &before, sizeof dt);
        assert_non_null(strstr(mi_cim_last_error(), why));
    }
    assert_int_equal(mi_datetime_parse(NULL, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
}

static void test_format_clamps(void **state)
{
    (void)state;
    MI_Datetime dt;
    memset(&dt, 0, sizeof dt);
    dt.isTimestamp = 1;
    dt.u.timestamp.year = 123456;
    dt.u.timestamp.month = 100;
    dt.u.timestamp.day = 7;
    dt.u.timestamp.microseconds = 12345678;
    dt.u.timestamp.utc = -5000;
    char out[26];
    mi_datetime_format(&dt, out);
    assert_int_equal(strlen(out), 25);
    assert_string_equal(out, "99999907000000.999999-999");
    dt.u.timestamp.utc = INT32_MIN;
    mi_datetime_format(&dt, out);
    assert_string_equal(out + 21, "-999");
    memset(&dt, 0, sizeof dt);
    dt.u.interval.days = 4000000000u;
    mi_datetime_format(&dt, out);
    assert_string_equal(out, "99999999000000.000000:000");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timestamps),
        cmocka_unit_test(test_intervals),
        cmocka_unit_test(test_bad),
        cmocka_unit_test(test_format_clamps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
