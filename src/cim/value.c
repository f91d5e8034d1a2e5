/* value.c - deep copy, equality and MOF text of MI_Values. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "cim/cim_int.h"

static bool is_pointer_type(MI_Type t)
{
    return t == MI_STRING || t == MI_INSTANCE || t == MI_REFERENCE;
}

/* Copies one scalar of type t from src (just its bytes) to dst. */
static MI_Result copy_scalar(mi_arena *a, MI_Type t, const void *src, void *dst,
                             unsigned depth)
{
    MI_Result r = MI_RESULT_OK;
    if (t == MI_STRING) {
        const char *s;
        memcpy(&s, src, sizeof s);
        char *d = NULL;
        if (s) {
            d = mi_arena_strdup(a, s);
            if (!d) {
                r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory copying a string");
                goto out;
            }
        }
        memcpy(dst, &d, sizeof d);
    } else if (t == MI_INSTANCE || t == MI_REFERENCE) {
        const MI_Instance *i;
        memcpy(&i, src, sizeof i);
        MI_Instance *c = NULL;
        if (i) {
            r = cim_inst_clone_in(a, i, depth + 1, &c);
            if (r != MI_RESULT_OK)
                goto out;
        }
        memcpy(dst, &c, sizeof c);
    } else {
        memcpy(dst, src, mi_type_size(t));
    }
out:
    return r;
}

MI_Result cim_value_copy(mi_arena *a, MI_Type t, const void *src, MI_Value *dst,
                         unsigned depth)
{
    MI_Result r = MI_RESULT_OK;
    if (!cim_type_valid(t)) {
        r = cim_fail(MI_RESULT_INVALID_PARAMETER, "invalid MI_Type %u", (unsigned)t);
        goto out;
    }
    if (depth > CIM_MAX_NESTING) {
        r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED,
                     "embedded instances nested deeper than %d", CIM_MAX_NESTING);
        goto out;
    }
    if (!(t & MI_ARRAY)) {
        MI_Value tmp;
        r = copy_scalar(a, t, src, &tmp, depth);
        if (r == MI_RESULT_OK)
            memcpy(dst, &tmp, mi_type_size(t));
        goto out;
    }
    MI_Array arr;
    memcpy(&arr, src, sizeof arr);
    if (arr.size && !arr.data) {
        r = cim_fail(MI_RESULT_INVALID_PARAMETER, "%s value with %u elements has NULL data",
                     mi_type_name(t), (unsigned)arr.size);
        goto out;
    }
    MI_Type et = (MI_Type)(t & ~MI_ARRAY);
    size_t esz = mi_type_size(et);
    MI_Array copy = {NULL, arr.size};
    if (arr.size) {
        copy.data = mi_arena_alloc(a, esz * arr.size);
        if (!copy.data) {
            r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory copying a %s of %u",
                         mi_type_name(t), (unsigned)arr.size);
            goto out;
        }
        if (!is_pointer_type(et)) {
            memcpy(copy.data, arr.data, esz * arr.size);
        } else {
            for (MI_Uint32 i = 0; i < arr.size; i++) {
                const char *from = (const char *)arr.data + i * esz;
                void *p;
                memcpy(&p, from, sizeof p);
                if (!p) {
                    r = cim_fail(MI_RESULT_INVALID_PARAMETER, "%s element %u is NULL",
                                 mi_type_name(t), (unsigned)i);
                    goto out;
                }
                r = copy_scalar(a, et, from, (char *)copy.data + i * esz, depth);
                if (r != MI_RESULT_OK)
                    goto out;
            }
        }
    }
    memcpy(dst, &copy, sizeof copy);
out:
    return r;
}

MI_Result mi_value_copy(mi_arena *a, MI_Type t, const void *src, MI_Value *dst)
{
    return cim_value_copy(a, t, src, dst, 0);
}

/* ---------------------------------------------------------------- equality */

static bool datetime_equal(const MI_Datetime *x, const MI_Datetime *y)
{
    if (!x->isTimestamp != !y->isTimestamp)
        return false;
    if (x->isTimestamp) {
        const MI_Timestamp *a = &x->u.timestamp, *b = &y->u.timestamp;
        return a->year == b->year && a->month == b->month && a->day == b->day &&
               a->hour == b->hour && a->minute == b->minute && a->second == b->second &&
               a->microseconds == b->microseconds && a->utc == b->utc;
    }
    const MI_Interval *a = &x->u.interval, *b = &y->u.interval;
    return a->days == b->days && a->hours == b->hours && a->minutes == b->minutes &&
           a->seconds == b->seconds && a->microseconds == b->microseconds;
}

static bool inst_equal(const MI_Instance *x, const MI_Instance *y, unsigned depth)
{
    if (x == y)
        return true;
    if (!x || !y || depth > CIM_MAX_NESTING)
        return false;
    const char *cx = cim_inst_class_name(x), *cy = cim_inst_class_name(y);
    if (!cx || !cy || !mi_name_eq(cx, cy))
        return false;
    MI_Uint32 n = cim_inst_count(x);
    if (n != cim_inst_count(y))
        return false;
    for (MI_Uint32 i = 0; i < n; i++) {
        const char *name;
        MI_Value vx, vy;
        MI_Type tx, ty;
        MI_Uint32 fx, fy, j;
        if (cim_inst_get_at(x, i, &name, &vx, &tx, &fx) != MI_RESULT_OK)
            return false;
        if (!cim_inst_find(y, name, &j) ||
            cim_inst_get_at(y, j, NULL, &vy, &ty, &fy) != MI_RESULT_OK)
            return false;
        if (tx != ty || (fx & MI_FLAG_NULL) != (fy & MI_FLAG_NULL))
            return false;
        if (!(fx & MI_FLAG_NULL) && !cim_value_equal(tx, &vx, &vy, depth + 1))
            return false;
    }
    return true;
}

bool cim_value_equal(MI_Type t, const MI_Value *x, const MI_Value *y, unsigned depth)
{
    switch (t) {
    case MI_BOOLEAN: return !x->boolean == !y->boolean;
    case MI_UINT8: return x->uint8 == y->uint8;
    case MI_SINT8: return x->sint8 == y->sint8;
    case MI_UINT16: return x->uint16 == y->uint16;
    case MI_SINT16: return x->sint16 == y->sint16;
    case MI_UINT32: return x->uint32 == y->uint32;
    case MI_SINT32: return x->sint32 == y->sint32;
    case MI_UINT64: return x->uint64 == y->uint64;
    case MI_SINT64: return x->sint64 == y->sint64;
    case MI_REAL32:
        return x->real32 == y->real32 || memcmp(&x->real32, &y->real32, sizeof x->real32) == 0;
    case MI_REAL64:
        return x->real64 == y->real64 || memcmp(&x->real64, &y->real64, sizeof x->real64) == 0;
    case MI_CHAR16: return x->char16 == y->char16;
    case MI_DATETIME: return datetime_equal(&x->datetime, &y->datetime);
    case MI_STRING:
        if (!x->string || !y->string)
            return x->string == y->string;
        return strcmp(x->string, y->string) == 0;
    case MI_REFERENCE:
    case MI_INSTANCE: return inst_equal(x->instance, y->instance, depth);
    default: break;
    }
    if (!cim_type_valid(t) || x->array.size != y->array.size)
        return false;
    MI_Type et = (MI_Type)(t & ~MI_ARRAY);
    size_t esz = mi_type_size(et);
    for (MI_Uint32 i = 0; i < x->array.size; i++) {
        MI_Value ex, ey;
        memcpy(&ex, (const char *)x->array.data + i * esz, esz);
        memcpy(&ey, (const char *)y->array.data + i * esz, esz);
        if (!cim_value_equal(et, &ex, &ey, depth))
            return false;
    }
    return true;
}

bool mi_value_equal(MI_Type t, const MI_Value *x, const MI_Value *y)
{
    return cim_value_equal(t, x, y, 0);
}

/* ---------------------------------------------------------------- MOF text */

void cim_real_text(double d, bool is32, char out[40])
{
    /* Plain decimals for ordinary magnitudes ("100.0", "0.25"), else %g; in both
     * cases the fewest digits that read back to the same value. */
    double mag = d < 0 ? -d : d;
    bool done = false;
    if (mag >= 1e-4 && mag < 1e16) {
        for (int prec = 1; prec <= 20 && !done; prec++) {
            snprintf(out, 40, "%.*f", prec, d);
            done = is32 ? strtof(out, NULL) == (float)d : strtod(out, NULL) == d;
        }
    }
    int max = is32 ? 9 : 17;
    for (int prec = 1; prec <= max && !done; prec++) {
        snprintf(out, 40, "%.*g", prec, d);
        done = is32 ? strtof(out, NULL) == (float)d : strtod(out, NULL) == d;
    }
    if (!strpbrk(out, ".eEn"))
        strcat(out, ".0");
}

int mi_mof_escape(mi_buf *out, const char *s)
{
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        const char *esc = NULL;
        char hex[8];
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\t': esc = "\\t"; break;
        case '\r': esc = "\\r"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                snprintf(hex, sizeof hex, "\\x%04X", c);
                esc = hex;
            }
            break;
        }
        if (esc) {
            mi_buf_append(out, run, (size_t)(s - run));
            mi_buf_puts(out, esc);
            run = s + 1;
        }
    }
    return mi_buf_append(out, run, (size_t)(s - run));
}

static int char16_to_mof(mi_buf *out, MI_Char16 c)
{
    if (c == '\'')
        return mi_buf_puts(out, "'\\''");
    if (c == '\\')
        return mi_buf_puts(out, "'\\\\'");
    if (c < 0x20 || c == 0x7f || (c >= 0xD800 && c <= 0xDFFF))
        return mi_buf_printf(out, "'\\x%04X'", (unsigned)c);
    char enc[4];
    int n = mi_utf8_encode(c, enc);
    mi_buf_putc(out, '\'');
    mi_buf_append(out, enc, (size_t)n);
    return mi_buf_putc(out, '\'');
}

static int quoted(mi_buf *out, const char *s)
{
    mi_buf_putc(out, '"');
    mi_mof_escape(out, s);
    return mi_buf_putc(out, '"');
}

static int scalar_to_mof(mi_buf *out, MI_Type t, const MI_Value *v, unsigned indent,
                         unsigned depth)
{
    char tmp[40];
    switch (t) {
    case MI_BOOLEAN: return mi_buf_puts(out, v->boolean ? "TRUE" : "FALSE");
    case MI_UINT8: return mi_buf_printf(out, "%u", (unsigned)v->uint8);
    case MI_SINT8: return mi_buf_printf(out, "%d", (int)v->sint8);
    case MI_UINT16: return mi_buf_printf(out, "%u", (unsigned)v->uint16);
    case MI_SINT16: return mi_buf_printf(out, "%d", (int)v->sint16);
    case MI_UINT32: return mi_buf_printf(out, "%" PRIu32, (uint32_t)v->uint32);
    case MI_SINT32: return mi_buf_printf(out, "%" PRId32, (int32_t)v->sint32);
    case MI_UINT64: return mi_buf_printf(out, "%" PRIu64, (uint64_t)v->uint64);
    case MI_SINT64: return mi_buf_printf(out, "%" PRId64, (int64_t)v->sint64);
    case MI_REAL32:
        cim_real_text(v->real32, true, tmp);
        return mi_buf_puts(out, tmp);
    case MI_REAL64:
        cim_real_text(v->real64, false, tmp);
        return mi_buf_puts(out, tmp);
    case MI_CHAR16: return char16_to_mof(out, v->char16);
    case MI_DATETIME: {
        char dt[26];
        mi_datetime_format(&v->datetime, dt);
        return mi_buf_printf(out, "\"%s\"", dt);
    }
    case MI_STRING: return v->string ? quoted(out, v->string) : mi_buf_puts(out, "NULL");
    case MI_REFERENCE: {
        if (!v->reference)
            return mi_buf_puts(out, "NULL");
        mi_buf path;
        mi_buf_init(&path, CIM_PATH_MAX_LEN * 4);
        int rc = cim_ref_to_path_text(&path, v->reference, depth);
        if (rc == 0)
            rc = quoted(out, mi_buf_str(&path));
        mi_buf_free(&path);
        return rc;
    }
    case MI_INSTANCE:
        if (!v->instance)
            return mi_buf_puts(out, "NULL");
        return cim_instance_body_to_mof(out, v->instance, indent, depth + 1);
    default: return -1;
    }
}

int cim_value_to_mof(mi_buf *out, MI_Type t, const MI_Value *v, unsigned indent,
                     unsigned depth)
{
    if (!cim_type_valid(t) || depth > CIM_MAX_NESTING)
        return -1;
    if (!(t & MI_ARRAY))
        return scalar_to_mof(out, t, v, indent, depth);
    MI_Type et = (MI_Type)(t & ~MI_ARRAY);
    size_t esz = mi_type_size(et);
    int rc = mi_buf_putc(out, '{');
    for (MI_Uint32 i = 0; rc == 0 && i < v->array.size; i++) {
        MI_Value e;
        memcpy(&e, (const char *)v->array.data + i * esz, esz);
        if (i)
            mi_buf_puts(out, ", ");
        rc = scalar_to_mof(out, et, &e, indent, depth);
    }
    if (rc == 0)
        rc = mi_buf_putc(out, '}');
    return rc;
}

int mi_value_to_mof(mi_buf *out, MI_Type t, const MI_Value *v, unsigned indent)
{
    return cim_value_to_mof(out, t, v, indent, 0);
}
