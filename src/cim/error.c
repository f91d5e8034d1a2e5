/* error.c - the per-thread message of the last failure in the cim layer. */
#include <stdarg.h>
#include <stdio.h>

#include "cim/cim_int.h"

static _Thread_local char last_error[512];
static _Thread_local MI_Result last_code;

const char *mi_cim_last_error(void)
{
    return last_error;
}

MI_Result cim_last_code(void)
{
    return last_code;
}

static void record(MI_Result r, const char *fmt, va_list ap)
{
    last_code = r;
    vsnprintf(last_error, sizeof last_error, fmt, ap);
}

MI_Result cim_fail(MI_Result r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(r, fmt, ap);
    va_end(ap);
    return r;
}

MI_Result cim_fail_buf(mi_buf *err, MI_Result r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(r, fmt, ap);
    va_end(ap);
    if (err)
        mi_buf_puts(err, last_error);
    return r;
}
