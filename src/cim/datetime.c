/* datetime.c - the 25-character CIM datetime text form (DSP0004). */
#include <stdio.h>
#include <string.h>

#include "cim/cim_int.h"

/* Reads n decimal digits at s; false if any is not a digit. */
static bool digits(const char *s, unsigned n, MI_Uint32 *v)
{
    MI_Uint32 x = 0;
    for (unsigned i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        x = x * 10 + (MI_Uint32)(s[i] - '0');
    }
    *v = x;
    return true;
}

static unsigned days_in_month(MI_Uint32 year, MI_Uint32 month)
{
    static const unsigned char dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29u : dim[month - 1];
}

MI_Result mi_datetime_parse(const char *s, MI_Datetime *dt, const char **why)
{
    const char *reason = NULL;
    MI_Datetime d;
    memset(&d, 0, sizeof d);
    if (!s) {
        reason = "datetime is NULL";
        goto out;
    }
    size_t n = strnlen(s, 26);
    if (n != 25) {
        reason = "datetime must be exactly 25 characters";
        goto out;
    }
    if (strchr(s, '*')) {
        reason = "datetime wildcards ('*') are not supported";
        goto out;
    }
    if (s[14] != '.') {
        reason = "datetime needs '.' at position 15";
        goto out;
    }
    MI_Uint32 micro;
    if (!digits(s + 15, 6, &micro)) {
        reason = "datetime microseconds must be 6 digits";
        goto out;
    }
    if (s[21] == ':') {
        MI_Uint32 days, hh, mm, ss, z;
        if (!digits(s, 8, &days) || !digits(s + 8, 2, &hh) || !digits(s + 10, 2, &mm) ||
            !digits(s + 12, 2, &ss)) {
            reason = "interval fields must be digits (ddddddddhhmmss)";
            goto out;
        }
        if (!digits(s + 22, 3, &z) || z != 0) {
            reason = "interval must end in \":000\"";
            goto out;
        }
        if (hh > 23 || mm > 59 || ss > 59) {
            reason = hh > 23 ? "interval hours out of range (00-23)"
                     : mm > 59 ? "interval minutes out of range (00-59)"
                               : "interval seconds out of range (00-59)";
            goto out;
        }
        d.isTimestamp = 0;
        d.u.interval.days = days;
        d.u.interval.hours = hh;
        d.u.interval.minutes = mm;
        d.u.interval.seconds = ss;
        d.u.interval.microseconds = micro;
    } else if (s[21] == '+' || s[21] == '-') {
        MI_Uint32 y, mo, dd, hh, mm, ss, off;
        if (!digits(s, 4, &y) || !digits(s + 4, 2, &mo) || !digits(s + 6, 2, &dd) ||
            !digits(s + 8, 2, &hh) || !digits(s + 10, 2, &mm) || !digits(s + 12, 2, &ss)) {
            reason = "timestamp fields must be digits (yyyymmddhhmmss)";
            goto out;
        }
        if (!digits(s + 22, 3, &off)) {
            reason = "timestamp UTC offset must be 3 digits";
            goto out;
        }
        if (mo < 1 || mo > 12) {
            reason = "timestamp month out of range (01-12)";
            goto out;
        }
        if (dd < 1 || dd > days_in_month(y, mo)) {
            reason = "timestamp day out of range for its month";
            goto out;
        }
        if (hh > 23 || mm > 59 || ss > 59) {
            reason = hh > 23 ? "timestamp hour out of range (00-23)"
                     : mm > 59 ? "timestamp minute out of range (00-59)"
                               : "timestamp second out of range (00-59)";
            goto out;
        }
        d.isTimestamp = 1;
        d.u.timestamp.year = y;
        d.u.timestamp.month = mo;
        d.u.timestamp.day = dd;
        d.u.timestamp.hour = hh;
        d.u.timestamp.minute = mm;
        d.u.timestamp.second = ss;
        d.u.timestamp.microseconds = micro;
        d.u.timestamp.utc = s[21] == '-' ? -(MI_Sint32)off : (MI_Sint32)off;
    } else {
        reason = "datetime needs '+', '-' (timestamp) or ':' (interval) at position 22";
        goto out;
    }
    *dt = d;
out:
    if (why)
        *why = reason;
    if (reason)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "invalid datetime: %s", reason);
    return MI_RESULT_OK;
}

static MI_Uint32 clamp(MI_Uint32 v, MI_Uint32 max)
{
    return v > max ? max : v;
}

void mi_datetime_format(const MI_Datetime *dt, char out[26])
{
    if (dt->isTimestamp) {
        const MI_Timestamp *t = &dt->u.timestamp;
        MI_Sint32 utc = t->utc;
        char sign = utc < 0 ? '-' : '+';
        MI_Uint32 off = utc < 0 ? (MI_Uint32)(-(utc + 1)) + 1u : (MI_Uint32)utc;
        snprintf(out, 26, "%04u%02u%02u%02u%02u%02u.%06u%c%03u", clamp(t->year, 9999),
                 clamp(t->month, 99), clamp(t->day, 99), clamp(t->hour, 99),
                 clamp(t->minute, 99), clamp(t->second, 99), clamp(t->microseconds, 999999),
                 sign, clamp(off, 999));
    } else {
        const MI_Interval *i = &dt->u.interval;
        snprintf(out, 26, "%08u%02u%02u%02u.%06u:000", clamp(i->days, 99999999),
                 clamp(i->hours, 99), clamp(i->minutes, 99), clamp(i->seconds, 99),
                 clamp(i->microseconds, 999999));
    }
}
