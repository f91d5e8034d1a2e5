/* convert.c - command-line text to MI values (see convert.h). */
#include "convert.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "cim/cim.h"

/* User text quoted in a message is cut at QUOTE_MAX bytes (then "..." follows), so a
 * long argument cannot push the message past its buffer's cap. Use as
 * "'%.*s%s'", QUOTE(text). */
#define QUOTE_MAX 200
#define QUOTE(s) (int)(strlen(s) > QUOTE_MAX ? QUOTE_MAX : strlen(s)), (s), \
                 (strlen(s) > QUOTE_MAX ? "..." : "")

MI_Result mi_cli_split_assignment(mi_arena *a, const char *arg, const char **name,
                                  const char **value, mi_buf *err)
{
    const char *eq = strchr(arg, '=');
    char *n;

    if (eq == NULL) {
        mi_buf_printf(err, "argument '%.*s%s' is not of the form Name=value", QUOTE(arg));
        return MI_RESULT_INVALID_PARAMETER;
    }
    n = mi_arena_strndup(a, arg, (size_t)(eq - arg));
    if (n == NULL) {
        mi_buf_puts(err, "out of memory");
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    }
    if (!mi_is_identifier(n)) {
        mi_buf_printf(err, "argument '%.*s%s': '%.*s%s' is not a property or parameter name",
                      QUOTE(arg), QUOTE(n));
        return MI_RESULT_INVALID_PARAMETER;
    }
    *name = n;
    *value = eq + 1;
    return MI_RESULT_OK;
}

static void delete_instance(void *p)
{
    MI_Instance_Delete((MI_Instance *)p);
}

/* Parses an integer of a type with `is_signed` and the range [min, max] (max for
 * unsigned types). */
static MI_Result parse_int(const char *text, bool is_signed, int64_t min, uint64_t max,
                           MI_Value *out, MI_Type t)
{
    char *end = NULL;
    const char *p = text;

    while (*p == ' ')
        p++;
    if (*p == '\0')
        return MI_RESULT_TYPE_MISMATCH;
    errno = 0;
    if (is_signed) {
        long long v = strtoll(p, &end, 0);
        if (errno != 0 || *end != '\0' || v < min || (v > 0 && (uint64_t)v > max))
            return MI_RESULT_TYPE_MISMATCH;
        switch (t) {
        case MI_SINT8: out->sint8 = (MI_Sint8)v; break;
        case MI_SINT16: out->sint16 = (MI_Sint16)v; break;
        case MI_SINT32: out->sint32 = (MI_Sint32)v; break;
        default: out->sint64 = (MI_Sint64)v; break;
        }
    } else {
        unsigned long long v;
        if (*p == '-' || *p == '+')
            return MI_RESULT_TYPE_MISMATCH;
        v = strtoull(p, &end, 0);
        if (errno != 0 || *end != '\0' || v > max)
            return MI_RESULT_TYPE_MISMATCH;
        switch (t) {
        case MI_UINT8: out->uint8 = (MI_Uint8)v; break;
        case MI_UINT16: out->uint16 = (MI_Uint16)v; break;
        case MI_UINT32: out->uint32 = (MI_Uint32)v; break;
        default: out->uint64 = (MI_Uint64)v; break;
        }
    }
    return MI_RESULT_OK;
}

static bool ascii_eq_nocase(const char *a, const char *b)
{
    return mi_name_eq(a, b);
}

/* A reference from path text: a dynamic instance with the keys of the path, deleted
 * with arena a. */
static MI_Result parse_reference(MI_Application *app, mi_arena *a, const char *text,
                                 const char *what, MI_Value *out, mi_buf *err)
{
    MI_Result r;
    mi_path p;
    MI_Instance *inst = NULL;
    size_t i;

    r = mi_path_parse(a, text, &p, NULL);
    if (r != MI_RESULT_OK) {
        mi_buf_printf(err, "%s: '%.*s%s' is not an instance path", what, QUOTE(text));
        r = MI_RESULT_TYPE_MISMATCH;
        goto out;
    }
    r = MI_Application_NewInstance(app, p.cls, NULL, &inst);
    if (r != MI_RESULT_OK) {
        mi_buf_printf(err, "%s: cannot make an instance of '%.*s%s'", what, QUOTE(p.cls));
        goto out;
    }
    if (mi_arena_on_destroy(a, delete_instance, inst) != 0) {
        mi_buf_puts(err, "out of memory");
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out_delete_inst;
    }
    if (p.ns != NULL && MI_Instance_SetNameSpace(inst, p.ns) != MI_RESULT_OK) {
        mi_buf_printf(err, "%s: cannot set namespace '%.*s%s'", what, QUOTE(p.ns));
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out; /* the arena deletes inst */
    }
    for (i = 0; i < p.nkeys; i++) {
        /* A key that is itself a path stays a string: the server normalises it. */
        MI_Type kt = p.keys[i].type == MI_REFERENCE ? MI_STRING : p.keys[i].type;
        r = MI_Instance_AddElement(inst, p.keys[i].name, &p.keys[i].value, kt, MI_FLAG_KEY);
        if (r != MI_RESULT_OK) {
            mi_buf_printf(err, "%s: cannot add key '%.*s%s'", what, QUOTE(p.keys[i].name));
            goto out;
        }
    }
    out->reference = inst;
    goto out;

out_delete_inst:
    MI_Instance_Delete(inst);
out:
    return r;
}

/* One scalar of type t (without MI_ARRAY). */
static MI_Result parse_scalar(MI_Application *app, mi_arena *a, const char *text, MI_Type t,
                              const char *what, MI_Value *out, mi_buf *err)
{
    MI_Result r = MI_RESULT_OK;
    const char *why = NULL;
    char *end = NULL;
    uint32_t cp = 0;
    int len;

    switch (t) {
    case MI_BOOLEAN:
        if (ascii_eq_nocase(text, "true") || strcmp(text, "1") == 0)
            out->boolean = MI_TRUE;
        else if (ascii_eq_nocase(text, "false") || strcmp(text, "0") == 0)
            out->boolean = MI_FALSE;
        else
            r = MI_RESULT_TYPE_MISMATCH;
        break;
    case MI_UINT8: r = parse_int(text, false, 0, UINT8_MAX, out, t); break;
    case MI_UINT16: r = parse_int(text, false, 0, UINT16_MAX, out, t); break;
    case MI_UINT32: r = parse_int(text, false, 0, UINT32_MAX, out, t); break;
    case MI_UINT64: r = parse_int(text, false, 0, UINT64_MAX, out, t); break;
    case MI_SINT8: r = parse_int(text, true, INT8_MIN, INT8_MAX, out, t); break;
    case MI_SINT16: r = parse_int(text, true, INT16_MIN, INT16_MAX, out, t); break;
    case MI_SINT32: r = parse_int(text, true, INT32_MIN, INT32_MAX, out, t); break;
    case MI_SINT64: r = parse_int(text, true, INT64_MIN, INT64_MAX, out, t); break;
    case MI_REAL32:
    case MI_REAL64: {
        double d;
        errno = 0;
        d = strtod(text, &end);
        if (end == text || *end != '\0' || (errno == ERANGE && isinf(d))) {
            r = MI_RESULT_TYPE_MISMATCH;
            break;
        }
        if (t == MI_REAL32) {
            if (isfinite(d) && fabs(d) > FLT_MAX) {
                r = MI_RESULT_TYPE_MISMATCH;
                break;
            }
            out->real32 = (MI_Real32)d;
        } else {
            out->real64 = d;
        }
        break;
    }
    case MI_CHAR16:
        len = mi_utf8_decode(text, strlen(text), &cp);
        if (len <= 0 || text[len] != '\0' || cp > 0xffff)
            r = MI_RESULT_TYPE_MISMATCH;
        else
            out->char16 = (MI_Char16)cp;
        break;
    case MI_DATETIME:
        if (mi_datetime_parse(text, &out->datetime, &why) != MI_RESULT_OK) {
            mi_buf_printf(err, "%s: '%.*s%s' is not a CIM datetime (%s)", what, QUOTE(text),
                          why != NULL ? why : "malformed");
            r = MI_RESULT_TYPE_MISMATCH;
            goto out;
        }
        break;
    case MI_STRING:
        if (!mi_utf8_valid(text, strlen(text), NULL)) {
            mi_buf_printf(err, "%s: the text is not valid UTF-8", what);
            r = MI_RESULT_INVALID_PARAMETER;
            goto out;
        }
        out->string = mi_arena_strdup(a, text);
        if (out->string == NULL) {
            mi_buf_puts(err, "out of memory");
            r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
            goto out;
        }
        break;
    case MI_REFERENCE:
        r = parse_reference(app, a, text, what, out, err);
        goto out;
    case MI_INSTANCE:
        mi_buf_printf(err, "%s: embedded instances cannot be given on the command line", what);
        r = MI_RESULT_NOT_SUPPORTED;
        goto out;
    default:
        mi_buf_printf(err, "%s: unknown type %u", what, (unsigned)t);
        r = MI_RESULT_INVALID_PARAMETER;
        goto out;
    }
    if (r != MI_RESULT_OK)
        mi_buf_printf(err, "%s: '%.*s%s' is not a valid %s", what, QUOTE(text), mi_type_name(t));
out:
    return r;
}

/* Splits an array argument into element texts (arena strings), at most
 * MI_CLI_MAX_ARRAY. Two forms:
 *   a,b,c              split at every comma: "" has no element, "a,,b" has three;
 *   {"a,b", 'c', d}    MOF-like braces: each element is quoted ("..." with the escapes
 *                      \\ \" \n \r \t) or bare up to the next comma or brace, spaces
 *                      around elements ignored; {} is an empty array.
 * INVALID_PARAMETER with the character position for a malformed braced list. */
static MI_Result split_array(mi_arena *a, const char *text, const char *what, char ***elems,
                             size_t *count, mi_buf *err)
{
    MI_Result r = MI_RESULT_INVALID_PARAMETER;
    size_t max = 1, n = 0;
    const char *p = text;
    char **v;

    for (p = text; *p != '\0'; p++)
        max += *p == ',';
    if (max > MI_CLI_MAX_ARRAY + 1)
        goto out_too_many;
    v = mi_arena_calloc(a, max * sizeof *v);
    if (v == NULL)
        goto out_nomem;
    p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != '{') {
        /* plain form: split by hand (strtok would merge empty fields) */
        char *copy = mi_arena_strdup(a, text), *tok = copy;
        if (copy == NULL)
            goto out_nomem;
        while (text[0] != '\0' && tok != NULL) {
            char *comma = strchr(tok, ',');
            if (comma != NULL)
                *comma = '\0';
            v[n++] = tok;
            tok = comma != NULL ? comma + 1 : NULL;
        }
        goto out_ok;
    }
    p++;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '}' && n == 0)
            break;
        if (*p == '"' || *p == '\'') {
            char q = *p++, *d = mi_arena_alloc(a, strlen(p) + 1);
            size_t k = 0;
            if (d == NULL)
                goto out_nomem;
            while (*p != q) {
                if (*p == '\0') {
                    mi_buf_printf(err, "%s: unterminated %c quote in the array", what, q);
                    goto out;
                }
                if (*p == '\\' && p[1] != '\0') {
                    p++;
                    d[k++] = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p == 'r' ? '\r' : *p;
                    p++;
                    continue;
                }
                d[k++] = *p++;
            }
            p++;
            d[k] = '\0';
            v[n++] = d;
            while (*p == ' ' || *p == '\t')
                p++;
        } else {
            const char *b = p;
            size_t len;
            while (*p != ',' && *p != '}' && *p != '\0')
                p++;
            len = (size_t)(p - b);
            while (len > 0 && (b[len - 1] == ' ' || b[len - 1] == '\t'))
                len--;
            if (len == 0) {
                mi_buf_printf(err, "%s: empty array element at character %zu (quote an empty "
                                   "string: \"\")", what, (size_t)(p - text) + 1);
                goto out;
            }
            v[n] = mi_arena_strndup(a, b, len);
            if (v[n++] == NULL)
                goto out_nomem;
        }
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p == '}')
            break;
        mi_buf_printf(err, "%s: expected ',' or '}' at character %zu of the array", what,
                      (size_t)(p - text) + 1);
        goto out;
    }
    p++;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != '\0') {
        mi_buf_printf(err, "%s: text after the closing '}' of the array (character %zu)",
                      what, (size_t)(p - text) + 1);
        goto out;
    }
out_ok:
    if (n > MI_CLI_MAX_ARRAY)
        goto out_too_many;
    *elems = v;
    *count = n;
    r = MI_RESULT_OK;
    goto out;
out_too_many:
    mi_buf_printf(err, "%s: more than %d array elements", what, MI_CLI_MAX_ARRAY);
    r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    goto out;
out_nomem:
    mi_buf_puts(err, "out of memory");
    r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
out:
    return r;
}

MI_Result mi_cli_parse_value(MI_Application *app, mi_arena *a, const char *text, MI_Type type,
                             const char *what, MI_Value *out, mi_buf *err)
{
    MI_Result r = MI_RESULT_OK;
    MI_Type et = type & ~MI_ARRAY;
    size_t n = 0, i, esz;
    char **elems = NULL;
    char *data;

    memset(out, 0, sizeof *out);
    if (!(type & MI_ARRAY)) {
        r = parse_scalar(app, a, text, type, what, out, err);
        goto out;
    }
    esz = mi_type_size(et);
    if (esz == 0) {
        mi_buf_printf(err, "%s: unknown array type %u", what, (unsigned)type);
        r = MI_RESULT_INVALID_PARAMETER;
        goto out;
    }
    r = split_array(a, text, what, &elems, &n, err);
    if (r != MI_RESULT_OK)
        goto out;
    data = mi_arena_calloc(a, n * esz + 1);
    if (data == NULL) {
        mi_buf_puts(err, "out of memory");
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out;
    }
    for (i = 0; i < n; i++) {
        MI_Value e;
        memset(&e, 0, sizeof e);
        r = parse_scalar(app, a, elems[i], et, what, &e, err);
        if (r != MI_RESULT_OK)
            goto out;
        memcpy(data + i * esz, &e, esz);
    }
    out->array.data = data;
    out->array.size = (MI_Uint32)n;
out:
    return r;
}

MI_Result mi_cli_path_class(mi_arena *a, const char *path, const char **cls, mi_buf *err)
{
    mi_path p;
    MI_Result r = mi_path_parse(a, path, &p, err);

    if (r == MI_RESULT_OK)
        *cls = p.cls;
    return r;
}

MI_Result mi_cli_key_instance(MI_Application *app, const MI_Class *classObject,
                              const char *path, bool full, MI_Instance **out, mi_buf *err)
{
    MI_Result r;
    mi_arena a;
    mi_path p;
    MI_Instance *inst = NULL;
    size_t i;

    *out = NULL;
    mi_arena_init(&a, 0, (size_t)64 << 20);
    r = mi_path_parse(&a, path, &p, err);
    if (r != MI_RESULT_OK)
        goto out;
    if (classObject == NULL || classObject->classDecl == NULL) {
        r = MI_RESULT_INVALID_CLASS;
        mi_buf_printf(err, "no class for path '%.*s%s'", QUOTE(path));
        goto out;
    }
    /* Keys in the declared types and spelling; missing or unknown keys refused. */
    r = mi_path_normalize(&a, &p, classObject->classDecl, err);
    if (r != MI_RESULT_OK)
        goto out;
    if (full)
        r = MI_Application_NewInstanceFromClass(app, NULL, classObject, &inst);
    else
        r = MI_Application_NewInstance(app, classObject->classDecl->name, NULL, &inst);
    if (r != MI_RESULT_OK) {
        mi_buf_printf(err, "cannot make an instance of '%s'", classObject->classDecl->name);
        goto out;
    }
    for (i = 0; i < p.nkeys; i++) {
        r = full ? MI_Instance_SetElement(inst, p.keys[i].name, &p.keys[i].value,
                                          p.keys[i].type, 0)
                 : MI_Instance_AddElement(inst, p.keys[i].name, &p.keys[i].value,
                                          p.keys[i].type, MI_FLAG_KEY);
        if (r != MI_RESULT_OK) {
            mi_buf_printf(err, "cannot set key '%.*s%s' of '%.*s%s'", QUOTE(p.keys[i].name),
                          QUOTE(path));
            goto out_delete_inst;
        }
    }
    if (classObject->namespaceName != NULL &&
        MI_Instance_SetNameSpace(inst, classObject->namespaceName) != MI_RESULT_OK) {
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        mi_buf_puts(err, "out of memory");
        goto out_delete_inst;
    }
    *out = inst;
    goto out;

out_delete_inst:
    MI_Instance_Delete(inst);
out:
    mi_arena_destroy(&a);
    return r;
}
