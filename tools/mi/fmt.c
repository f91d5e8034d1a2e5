/* fmt.c - MOF-style and JSON text of instances over the public MI_Instance API
 * (see fmt.h). */
#include "fmt.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"

void mi_cli_datetime_text(const MI_Datetime *dt, char out[26])
{
    if (dt->isTimestamp) {
        const MI_Timestamp *t = &dt->u.timestamp;
        long utc = t->utc;
        snprintf(out, 26, "%04u%02u%02u%02u%02u%02u.%06u%c%03ld", t->year % 10000,
                 t->month % 100, t->day % 100, t->hour % 100, t->minute % 100,
                 t->second % 100, t->microseconds % 1000000, utc < 0 ? '-' : '+',
                 (utc < 0 ? -utc : utc) % 1000);
    } else {
        const MI_Interval *iv = &dt->u.interval;
        snprintf(out, 26, "%08u%02u%02u%02u.%06u:000", iv->days % 100000000,
                 iv->hours % 100, iv->minutes % 100, iv->seconds % 100,
                 iv->microseconds % 1000000);
    }
}

/* Appends a real with the fewest significant digits (up to 17) that read back as
 * exactly d; always with a '.' or an exponent so it reads as a real. NaN and
 * infinities are written as NaN / Infinity / -Infinity. */
static int put_real(mi_buf *b, double d)
{
    char text[40];
    int prec;

    if (isnan(d))
        return mi_buf_puts(b, "NaN");
    if (isinf(d))
        return mi_buf_puts(b, d < 0 ? "-Infinity" : "Infinity");
    /* Up to 15 significant digits %g yields the shortest exact text already (trailing
     * zeros dropped): only 16 and 17 need trying after it. */
    for (prec = 15; prec <= 17; prec++) {
        snprintf(text, sizeof text, "%.*g", prec, d);
        if (strtod(text, NULL) == d)
            break;
    }
    if (strpbrk(text, ".eEn") == NULL)
        strcat(text, ".0");
    return mi_buf_puts(b, text);
}

/* Appends a UTF-8 encoding of code point cp. */
static int put_cp(mi_buf *b, uint32_t cp)
{
    char u[4];
    int n = mi_utf8_encode(cp, u);

    return n > 0 ? mi_buf_append(b, u, (size_t)n) : mi_buf_puts(b, "\xef\xbf\xbd");
}

/* ---------------------------------------------------------------- paths */

static bool is_array(MI_Type t)
{
    return (t & MI_ARRAY) != 0;
}

/* Appends s quoted, escaping " and \ (the path and MOF string syntax) and, for MOF,
 * control characters. */
static int put_quoted(mi_buf *b, const char *s)
{
    const unsigned char *p;

    mi_buf_putc(b, '"');
    for (p = (const unsigned char *)s; *p != '\0'; p++) {
        switch (*p) {
        case '"': mi_buf_puts(b, "\\\""); break;
        case '\\': mi_buf_puts(b, "\\\\"); break;
        case '\n': mi_buf_puts(b, "\\n"); break;
        case '\t': mi_buf_puts(b, "\\t"); break;
        case '\r': mi_buf_puts(b, "\\r"); break;
        case '\b': mi_buf_puts(b, "\\b"); break;
        case '\f': mi_buf_puts(b, "\\f"); break;
        default:
            if (*p < 0x20)
                mi_buf_printf(b, "\\x%04X", *p);
            else
                mi_buf_putc(b, (char)*p);
        }
    }
    return mi_buf_putc(b, '"');
}

/* Whether element i of inst is part of its path: flagged KEY, or (when no element is
 * flagged) any non-NULL scalar. */
static bool instance_flags_keys(const MI_Instance *inst, MI_Uint32 n)
{
    MI_Uint32 i, flags;
    const MI_Char *name;
    MI_Value v;
    MI_Type t;

    for (i = 0; i < n; i++) {
        if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &flags) == MI_RESULT_OK &&
            (flags & MI_FLAG_KEY))
            return true;
    }
    return false;
}

static int put_scalar_mof(mi_buf *b, MI_Type t, const MI_Value *v, unsigned depth);

static int path_text(mi_buf *b, const MI_Instance *inst, unsigned depth)
{
    const MI_Char *cls = NULL, *name;
    MI_Uint32 n = 0, i, flags;
    MI_Value v;
    MI_Type t;
    bool keyed, first = true;

    if (depth > MI_CLI_FMT_MAX_DEPTH || MI_Instance_GetClassName(inst, &cls) != MI_RESULT_OK ||
        MI_Instance_GetElementCount(inst, &n) != MI_RESULT_OK)
        return -1;
    mi_buf_puts(b, cls != NULL ? cls : "");
    keyed = instance_flags_keys(inst, n);
    for (i = 0; i < n; i++) {
        if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &flags) != MI_RESULT_OK)
            return -1;
        if ((keyed && !(flags & MI_FLAG_KEY)) || (flags & MI_FLAG_NULL) || is_array(t) ||
            t == MI_INSTANCE)
            continue;
        mi_buf_putc(b, first ? '.' : ',');
        first = false;
        mi_buf_printf(b, "%s=", name);
        if (t == MI_REFERENCE) {
            mi_buf inner;
            int rc;
            mi_buf_init(&inner, b->cap);
            rc = v.reference != NULL ? path_text(&inner, v.reference, depth + 1) : -1;
            if (rc == 0 && !mi_buf_failed(&inner))
                put_quoted(b, mi_buf_str(&inner));
            mi_buf_free(&inner);
            if (rc != 0)
                return -1;
        } else if (put_scalar_mof(b, t, &v, depth) != 0) {
            return -1;
        }
    }
    if (first)
        mi_buf_puts(b, "=@");
    return mi_buf_failed(b) ? -1 : 0;
}

int mi_cli_path_text(mi_buf *b, const MI_Instance *inst)
{
    return path_text(b, inst, 0);
}

/* ---------------------------------------------------------------- MOF */

static int mof_instance(mi_buf *b, const MI_Instance *inst, bool nulls, unsigned indent,
                        unsigned depth, bool nested);

/* Appends one scalar (t without MI_ARRAY) in MOF syntax. */
static int put_scalar_mof(mi_buf *b, MI_Type t, const MI_Value *v, unsigned depth)
{
    char dt[26];

    switch (t) {
    case MI_BOOLEAN: return mi_buf_puts(b, v->boolean ? "TRUE" : "FALSE");
    case MI_UINT8: return mi_buf_printf(b, "%u", (unsigned)v->uint8);
    case MI_SINT8: return mi_buf_printf(b, "%d", (int)v->sint8);
    case MI_UINT16: return mi_buf_printf(b, "%u", (unsigned)v->uint16);
    case MI_SINT16: return mi_buf_printf(b, "%d", (int)v->sint16);
    case MI_UINT32: return mi_buf_printf(b, "%" PRIu32, v->uint32);
    case MI_SINT32: return mi_buf_printf(b, "%" PRId32, v->sint32);
    case MI_UINT64: return mi_buf_printf(b, "%llu", (unsigned long long)v->uint64);
    case MI_SINT64: return mi_buf_printf(b, "%lld", (long long)v->sint64);
    case MI_REAL32: return put_real(b, (double)v->real32);
    case MI_REAL64: return put_real(b, v->real64);
    case MI_CHAR16:
        if (v->char16 == '\'' || v->char16 == '\\')
            return mi_buf_printf(b, "'\\%c'", (char)v->char16);
        if (v->char16 < 0x20)
            return mi_buf_printf(b, "'\\x%04X'", (unsigned)v->char16);
        mi_buf_putc(b, '\'');
        put_cp(b, v->char16);
        return mi_buf_putc(b, '\'');
    case MI_DATETIME:
        mi_cli_datetime_text(&v->datetime, dt);
        return mi_buf_printf(b, "\"%s\"", dt);
    case MI_STRING: return v->string != NULL ? put_quoted(b, v->string) : mi_buf_puts(b, "NULL");
    case MI_REFERENCE: {
        mi_buf inner;
        int rc;
        if (v->reference == NULL)
            return mi_buf_puts(b, "NULL");
        mi_buf_init(&inner, b->cap);
        rc = path_text(&inner, v->reference, depth + 1);
        if (rc == 0 && !mi_buf_failed(&inner))
            rc = put_quoted(b, mi_buf_str(&inner));
        else
            rc = -1;
        mi_buf_free(&inner);
        return rc;
    }
    case MI_INSTANCE: return -1; /* handled by the caller: a nested block */
    default: return -1;
    }
}

/* Element size of an array type's C representation. */
static size_t elem_size(MI_Type t)
{
    switch (t & ~MI_ARRAY) {
    case MI_BOOLEAN: case MI_UINT8: case MI_SINT8: return 1;
    case MI_UINT16: case MI_SINT16: case MI_CHAR16: return 2;
    case MI_UINT32: case MI_SINT32: case MI_REAL32: return 4;
    case MI_UINT64: case MI_SINT64: case MI_REAL64: return 8;
    case MI_DATETIME: return sizeof(MI_Datetime);
    default: return sizeof(void *);
    }
}

/* Element i of array value v (of array type t) as a scalar MI_Value. */
static MI_Value array_elem(MI_Type t, const MI_Value *v, MI_Uint32 i)
{
    MI_Value e;
    const char *base = (const char *)v->array.data;

    memset(&e, 0, sizeof e);
    memcpy(&e, base + (size_t)i * elem_size(t), elem_size(t));
    return e;
}

static void put_indent(mi_buf *b, unsigned n)
{
    unsigned i;

    for (i = 0; i < n; i++)
        mi_buf_putc(b, ' ');
}

/* Appends the value of an element (after "Name = "). */
static int put_value_mof(mi_buf *b, MI_Type t, const MI_Value *v, unsigned indent,
                         unsigned depth)
{
    MI_Uint32 i;
    MI_Type et = t & ~MI_ARRAY;

    if (!is_array(t)) {
        if (t == MI_INSTANCE) {
            if (v->instance == NULL)
                return mi_buf_puts(b, "NULL");
            mi_buf_putc(b, '\n');
            return mof_instance(b, v->instance, false, indent + 4, depth + 1, true);
        }
        return put_scalar_mof(b, t, v, depth);
    }
    if (v->array.size > 0 && v->array.data == NULL)
        return -1;
    mi_buf_puts(b, "{");
    for (i = 0; i < v->array.size; i++) {
        MI_Value e = array_elem(t, v, i);
        mi_buf_puts(b, i ? ", " : "");
        if (put_value_mof(b, et, &e, indent, depth) != 0)
            return -1;
    }
    return mi_buf_puts(b, "}");
}

/* nested: an embedded instance, whose block ends with "}" (the element's ";" follows)
 * instead of "};\n". */
static int mof_instance(mi_buf *b, const MI_Instance *inst, bool nulls, unsigned indent,
                        unsigned depth, bool nested)
{
    const MI_Char *cls = NULL, *name;
    MI_Uint32 n = 0, i, flags;
    MI_Value v;
    MI_Type t;

    if (depth > MI_CLI_FMT_MAX_DEPTH || MI_Instance_GetClassName(inst, &cls) != MI_RESULT_OK ||
        MI_Instance_GetElementCount(inst, &n) != MI_RESULT_OK)
        return -1;
    put_indent(b, indent);
    mi_buf_printf(b, "instance of %s\n", cls != NULL ? cls : "");
    put_indent(b, indent);
    mi_buf_puts(b, "{\n");
    for (i = 0; i < n; i++) {
        if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &flags) != MI_RESULT_OK)
            return -1;
        if ((flags & MI_FLAG_NULL) && !nulls)
            continue;
        put_indent(b, indent + 4);
        /* an embedded instance starts on the next line */
        mi_buf_printf(b, "%s =%s", name,
                      t == MI_INSTANCE && !(flags & MI_FLAG_NULL) && v.instance != NULL ? ""
                                                                                      : " ");
        if (flags & MI_FLAG_NULL)
            mi_buf_puts(b, "NULL");
        else if (put_value_mof(b, t, &v, indent + 4, depth) != 0)
            return -1;
        mi_buf_puts(b, ";\n");
    }
    put_indent(b, indent);
    mi_buf_puts(b, nested ? "}" : "};\n");
    return mi_buf_failed(b) ? -1 : 0;
}

int mi_cli_mof_instance(mi_buf *b, const MI_Instance *inst, bool nulls, unsigned indent)
{
    return mof_instance(b, inst, nulls, indent, 0, false);
}

/* ---------------------------------------------------------------- JSON */

int mi_cli_json_string(mi_buf *b, const char *s)
{
    size_t i, n;

    if (s == NULL)
        return mi_buf_puts(b, "null");
    n = strlen(s);
    mi_buf_putc(b, '"');
    for (i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        int len;
        if (c < 0x80) {
            switch (c) {
            case '"': mi_buf_puts(b, "\\\""); break;
            case '\\': mi_buf_puts(b, "\\\\"); break;
            case '\n': mi_buf_puts(b, "\\n"); break;
            case '\r': mi_buf_puts(b, "\\r"); break;
            case '\t': mi_buf_puts(b, "\\t"); break;
            case '\b': mi_buf_puts(b, "\\b"); break;
            case '\f': mi_buf_puts(b, "\\f"); break;
            default:
                if (c < 0x20 || c == 0x7f)
                    mi_buf_printf(b, "\\u%04x", c);
                else
                    mi_buf_putc(b, (char)c);
            }
            i++;
            continue;
        }
        len = mi_utf8_decode(s + i, n - i, &cp);
        if (len <= 0) {
            mi_buf_puts(b, "\\ufffd");
            i++;
            continue;
        }
        mi_buf_append(b, s + i, (size_t)len);
        i += (size_t)len;
    }
    return mi_buf_putc(b, '"');
}

/* A JSON number for a real, or null for NaN / infinities. */
static int json_real(mi_buf *b, double d, int digits)
{
    if (isnan(d) || isinf(d))
        return mi_buf_puts(b, "null");
    return mi_buf_printf(b, "%.*g", digits, d);
}

static int json_instance(mi_buf *b, const MI_Instance *inst, bool keys_only, unsigned depth);

static int json_scalar(mi_buf *b, MI_Type t, const MI_Value *v, unsigned depth)
{
    char dt[26];

    switch (t) {
    case MI_BOOLEAN: return mi_buf_puts(b, v->boolean ? "true" : "false");
    case MI_UINT8: return mi_buf_printf(b, "%u", (unsigned)v->uint8);
    case MI_SINT8: return mi_buf_printf(b, "%d", (int)v->sint8);
    case MI_UINT16: return mi_buf_printf(b, "%u", (unsigned)v->uint16);
    case MI_SINT16: return mi_buf_printf(b, "%d", (int)v->sint16);
    case MI_UINT32: return mi_buf_printf(b, "%" PRIu32, v->uint32);
    case MI_SINT32: return mi_buf_printf(b, "%" PRId32, v->sint32);
    case MI_UINT64: return mi_buf_printf(b, "%llu", (unsigned long long)v->uint64);
    case MI_SINT64: return mi_buf_printf(b, "%lld", (long long)v->sint64);
    case MI_REAL32: return json_real(b, (double)v->real32, 9);
    case MI_REAL64: return json_real(b, v->real64, 17);
    case MI_CHAR16: {
        char u[5] = {0};
        int n = mi_utf8_encode(v->char16, u);
        if (n <= 0)
            return mi_buf_puts(b, "\"\\ufffd\"");
        return mi_cli_json_string(b, u);
    }
    case MI_DATETIME:
        mi_cli_datetime_text(&v->datetime, dt);
        return mi_buf_printf(b, "\"%s\"", dt);
    case MI_STRING: return mi_cli_json_string(b, v->string);
    case MI_REFERENCE:
        return v->reference != NULL ? json_instance(b, v->reference, true, depth + 1)
                                    : mi_buf_puts(b, "null");
    case MI_INSTANCE:
        return v->instance != NULL ? json_instance(b, v->instance, false, depth + 1)
                                   : mi_buf_puts(b, "null");
    default: return -1;
    }
}

int mi_cli_json_value(mi_buf *b, MI_Type type, const MI_Value *v, unsigned depth)
{
    MI_Uint32 i;

    if (depth > MI_CLI_FMT_MAX_DEPTH)
        return -1;
    if (!is_array(type))
        return json_scalar(b, type, v, depth);
    if (v->array.size > 0 && v->array.data == NULL)
        return -1;
    mi_buf_putc(b, '[');
    for (i = 0; i < v->array.size; i++) {
        MI_Value e = array_elem(type, v, i);
        if (i > 0)
            mi_buf_putc(b, ',');
        if (json_scalar(b, type & ~MI_ARRAY, &e, depth) != 0)
            return -1;
    }
    return mi_buf_putc(b, ']');
}

/* keys_only: a reference: only the path's properties (see path_text). */
static int json_instance(mi_buf *b, const MI_Instance *inst, bool keys_only, unsigned depth)
{
    const MI_Char *cls = NULL, *ns = NULL, *name;
    MI_Uint32 n = 0, i, flags;
    MI_Value v;
    MI_Type t;
    bool keyed;

    if (depth > MI_CLI_FMT_MAX_DEPTH || MI_Instance_GetClassName(inst, &cls) != MI_RESULT_OK ||
        MI_Instance_GetElementCount(inst, &n) != MI_RESULT_OK)
        return -1;
    if (MI_Instance_GetNameSpace(inst, &ns) != MI_RESULT_OK)
        ns = NULL;
    keyed = keys_only && instance_flags_keys(inst, n);
    mi_buf_puts(b, "{\"@class\":");
    mi_cli_json_string(b, cls != NULL ? cls : "");
    if (ns != NULL && ns[0] != '\0') {
        mi_buf_puts(b, ",\"@namespace\":");
        mi_cli_json_string(b, ns);
    }
    for (i = 0; i < n; i++) {
        if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &flags) != MI_RESULT_OK)
            return -1;
        if (keys_only && ((keyed && !(flags & MI_FLAG_KEY)) ||
                          (!keyed && (flags & MI_FLAG_NULL))))
            continue;
        mi_buf_putc(b, ',');
        mi_cli_json_string(b, name);
        mi_buf_putc(b, ':');
        if (flags & MI_FLAG_NULL)
            mi_buf_puts(b, "null");
        else if (mi_cli_json_value(b, t, &v, depth) != 0)
            return -1;
    }
    mi_buf_putc(b, '}');
    return mi_buf_failed(b) ? -1 : 0;
}

int mi_cli_json_instance(mi_buf *b, const MI_Instance *inst, unsigned depth)
{
    return json_instance(b, inst, false, depth);
}

int mi_cli_json_keys(mi_buf *b, const MI_Instance *inst, unsigned depth)
{
    return json_instance(b, inst, true, depth);
}
