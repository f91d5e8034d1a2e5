/* path.c - instance paths: [//host/][namespace:]Class.Key1="v",Key2=3 | Class=@
 *
 * Grammar accepted by mi_path_parse (no white space outside quoted values):
 *   path      = [ "//" host "/" ] [ namespace ":" ] class [ "." keys | "=@" ]
 *   host      = 1*(any printable character but '/', '"', '\', space)
 *   namespace = segment *( "/" segment ),  segment = 1*(letter | digit | "_" | non-ASCII)
 *   class     = identifier;  keys = key *( "," key );  key = identifier "=" value
 *   value     = '"' *(char | '\"' | '\\') '"'        -> MI_STRING
 *             | "'" (char | "\'" | "\\") "'"          -> MI_CHAR16 (one BMP character)
 *             | ["-"] ("0x" 1*hex | 1*digit)          -> MI_UINT64, or MI_SINT64 if negative
 *             | ["-"] 1*digit ["." 1*digit] [("e"|"E") ["+"|"-"] 1*digit] -> MI_REAL64
 *             | TRUE | FALSE (any case)               -> MI_BOOLEAN
 * A bare class name (no keys) is accepted as a class path (nkeys 0, not singleton).
 *
 * Reference keys: a quoted value stays MI_STRING until mi_path_normalize (or
 * mi_path_to_instance) converts it for a REF key, parsing the nested path into a
 * dynamic instance holding its keys (untyped, as parsed). Recursion over references
 * (formatting, comparing, converting) stops at CIM_PATH_MAX_DEPTH levels.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/map.h"
#include "base/str.h"
#include "cim/cim_int.h"

/* ---------------------------------------------------------------- numbers */

typedef struct cim_num {
    bool real;
    bool neg;      /* integers: sign; never set for zero */
    uint64_t mag;  /* integers: magnitude */
    double d;      /* reals */
} cim_num;

static int hex_val(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Parses all of s[0..n) as a number; NULL on success, else the reason. */
static const char *parse_number(const char *s, size_t n, cim_num *out)
{
    size_t i = 0;
    memset(out, 0, sizeof *out);
    if (i < n && s[i] == '-') {
        out->neg = true;
        i++;
    }
    if (i == n)
        return "number without digits";
    if (s[i] == '0' && i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
        i += 2;
        if (i == n)
            return "hex number without digits";
        for (; i < n; i++) {
            int h = hex_val(s[i]);
            if (h < 0)
                return "invalid hex digit";
            if (out->mag > (UINT64_MAX >> 4))
                return "integer out of range";
            out->mag = out->mag * 16 + (uint64_t)h;
        }
    } else {
        size_t start = i;
        bool real = false;
        while (i < n && is_digit(s[i]))
            i++;
        if (i == start)
            return "number without digits";
        size_t int_end = i;
        if (i < n && s[i] == '.') {
            size_t f = ++i;
            while (i < n && is_digit(s[i]))
                i++;
            if (i == f)
                return "digits expected after '.'";
            real = true;
        }
        if (i < n && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            if (i < n && (s[i] == '+' || s[i] == '-'))
                i++;
            size_t e = i;
            while (i < n && is_digit(s[i]))
                i++;
            if (i == e)
                return "digits expected in exponent";
            real = true;
        }
        if (i != n)
            return "invalid character in number";
        if (real) {
            char buf[128];
            if (n >= sizeof buf)
                return "number too long";
            memcpy(buf, s, n);
            buf[n] = '\0';
            double d = strtod(buf, NULL);
            if (!isfinite(d))
                return "real out of range";
            out->real = true;
            out->neg = false;
            out->d = d;
            return NULL;
        }
        for (size_t j = start; j < int_end; j++) {
            uint64_t dig = (uint64_t)(s[j] - '0');
            if (out->mag > (UINT64_MAX - dig) / 10)
                return "integer out of range";
            out->mag = out->mag * 10 + dig;
        }
    }
    if (out->neg && out->mag > (uint64_t)INT64_MAX + 1)
        return "integer out of range";
    if (out->mag == 0)
        out->neg = false;
    return NULL;
}

static void num_to_value(const cim_num *n, MI_Type *t, MI_Value *v)
{
    if (n->real) {
        *t = MI_REAL64;
        v->real64 = n->d;
    } else if (n->neg) {
        *t = MI_SINT64;
        v->sint64 = n->mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)n->mag;
    } else {
        *t = MI_UINT64;
        v->uint64 = n->mag;
    }
}

static void set_signed(cim_num *n, int64_t x)
{
    n->neg = x < 0;
    n->mag = x < 0 ? (uint64_t)(-(x + 1)) + 1u : (uint64_t)x;
}

static bool is_numeric(MI_Type t)
{
    return t >= MI_UINT8 && t <= MI_REAL64;
}

/* The number held by a numeric value, or by a string holding a number. */
static bool value_number(MI_Type t, const MI_Value *v, cim_num *n)
{
    memset(n, 0, sizeof *n);
    switch (t) {
    case MI_UINT8: n->mag = v->uint8; return true;
    case MI_UINT16: n->mag = v->uint16; return true;
    case MI_UINT32: n->mag = v->uint32; return true;
    case MI_UINT64: n->mag = v->uint64; return true;
    case MI_SINT8: set_signed(n, v->sint8); return true;
    case MI_SINT16: set_signed(n, v->sint16); return true;
    case MI_SINT32: set_signed(n, v->sint32); return true;
    case MI_SINT64: set_signed(n, v->sint64); return true;
    case MI_REAL32: n->real = true; n->d = v->real32; return true;
    case MI_REAL64: n->real = true; n->d = v->real64; return true;
    case MI_STRING: return v->string && !parse_number(v->string, strlen(v->string), n);
    default: return false;
    }
}

static double num_double(const cim_num *n)
{
    if (n->real)
        return n->d;
    return n->neg ? -(double)n->mag : (double)n->mag;
}

static int num_cmp(const cim_num *x, const cim_num *y)
{
    if (x->real || y->real) {
        double a = num_double(x), b = num_double(y);
        if (a < b)
            return -1;
        if (a > b)
            return 1;
        if (a == b)
            return 0;
        return (int)isnan(a) - (int)isnan(b);
    }
    if (x->neg != y->neg)
        return x->neg ? -1 : 1;
    if (x->mag == y->mag)
        return 0;
    return (x->mag < y->mag) != x->neg ? -1 : 1;
}

/* Stores integer n into v as type t if it fits. */
static bool int_to_type(const cim_num *n, MI_Type t, MI_Value *v)
{
    uint64_t m = n->mag;
    bool neg = n->neg;
    int64_t s = neg ? (m == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)m) : (int64_t)m;
    switch (t) {
    case MI_UINT8: if (neg || m > UINT8_MAX) return false; v->uint8 = (MI_Uint8)m; return true;
    case MI_UINT16: if (neg || m > UINT16_MAX) return false; v->uint16 = (MI_Uint16)m; return true;
    case MI_UINT32: if (neg || m > UINT32_MAX) return false; v->uint32 = (MI_Uint32)m; return true;
    case MI_UINT64: if (neg) return false; v->uint64 = m; return true;
    case MI_SINT8:
        if (neg ? m > 128u : m > INT8_MAX) return false;
        v->sint8 = (MI_Sint8)s;
        return true;
    case MI_SINT16:
        if (neg ? m > 32768u : m > INT16_MAX) return false;
        v->sint16 = (MI_Sint16)s;
        return true;
    case MI_SINT32:
        if (neg ? m > 2147483648u : m > INT32_MAX) return false;
        v->sint32 = (MI_Sint32)s;
        return true;
    case MI_SINT64:
        if (!neg && m > INT64_MAX) return false;
        v->sint64 = s;
        return true;
    default: return false;
    }
}

/* ---------------------------------------------------------------- parsing */

typedef struct parser {
    const char *s;
    size_t len;
    size_t pos;
    mi_arena *a;
    mi_buf *err;
} parser;

static MI_Result syntax(parser *p, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static MI_Result syntax(parser *p, size_t at, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cim_fail_buf(p->err, MI_RESULT_INVALID_PARAMETER,
                        "invalid instance path: %s at offset %zu", msg, at);
}

/* Printable description of the character at position i ("'x'", "0x0A" or "end"). */
static const char *show(const parser *p, size_t i, char buf[16])
{
    if (i >= p->len)
        return "end of text";
    unsigned char c = (unsigned char)p->s[i];
    if (c > 0x20 && c < 0x7f)
        snprintf(buf, 16, "'%c'", c);
    else
        snprintf(buf, 16, "byte 0x%02X", c);
    return buf;
}

static bool ident_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool ident_char(unsigned char c)
{
    return ident_start(c) || (c >= '0' && c <= '9');
}

/* Length of the identifier at p->pos (advancing past it); 0 if none starts there. */
static size_t read_ident(parser *p)
{
    size_t start = p->pos;
    if (start < p->len && ident_start((unsigned char)p->s[start])) {
        while (p->pos < p->len && ident_char((unsigned char)p->s[p->pos]))
            p->pos++;
    }
    return p->pos - start;
}

static MI_Result oom(mi_buf *err)
{
    return cim_fail_buf(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory parsing a path");
}

static MI_Result parse_quoted(parser *p, char **out)
{
    char sh[16];
    size_t open = p->pos;
    size_t i = open + 1, n = 0;
    for (;;) {
        if (i >= p->len)
            return syntax(p, open, "unterminated quoted value");
        char c = p->s[i];
        if (c == '"')
            break;
        if (c == '\\') {
            if (i + 1 >= p->len)
                return syntax(p, open, "unterminated quoted value");
            if (p->s[i + 1] != '"' && p->s[i + 1] != '\\')
                return syntax(p, i, "invalid escape '\\' + %s (only \\\" and \\\\ are allowed)",
                              show(p, i + 1, sh));
            i++;
        }
        i++;
        n++;
    }
    char *d = mi_arena_alloc(p->a, n + 1);
    if (!d)
        return oom(p->err);
    size_t k = 0;
    for (size_t j = open + 1; j < i; j++) {
        if (p->s[j] == '\\')
            j++;
        d[k++] = p->s[j];
    }
    d[k] = '\0';
    p->pos = i + 1;
    *out = d;
    return MI_RESULT_OK;
}

static MI_Result parse_char16(parser *p, MI_Char16 *out)
{
    char sh[16];
    size_t open = p->pos++;
    uint32_t cp;
    if (p->pos >= p->len)
        return syntax(p, open, "unterminated char16 value");
    if (p->s[p->pos] == '\\') {
        if (p->pos + 1 >= p->len || (p->s[p->pos + 1] != '\'' && p->s[p->pos + 1] != '\\'))
            return syntax(p, p->pos, "invalid escape '\\' + %s in char16 value (only \\' and \\\\)",
                          show(p, p->pos + 1, sh));
        cp = (unsigned char)p->s[p->pos + 1];
        p->pos += 2;
    } else if (p->s[p->pos] == '\'') {
        return syntax(p, open, "empty char16 value");
    } else {
        int l = mi_utf8_decode(p->s + p->pos, p->len - p->pos, &cp);
        if (!l)
            return syntax(p, p->pos, "invalid UTF-8 in char16 value");
        if (cp > 0xFFFF)
            return syntax(p, p->pos, "char16 value U+%04X is outside the Basic Multilingual Plane",
                          (unsigned)cp);
        p->pos += (size_t)l;
    }
    if (p->pos >= p->len || p->s[p->pos] != '\'')
        return syntax(p, open, "char16 value must hold exactly one character");
    p->pos++;
    *out = (MI_Char16)cp;
    return MI_RESULT_OK;
}

static MI_Result parse_value(parser *p, mi_path_key *k)
{
    char sh[16];
    size_t st = p->pos;
    if (st >= p->len)
        return syntax(p, st, "missing value of key %s", k->name);
    char c = p->s[st];
    if (c == '"') {
        k->type = MI_STRING;
        return parse_quoted(p, &k->value.string);
    }
    if (c == '\'') {
        k->type = MI_CHAR16;
        return parse_char16(p, &k->value.char16);
    }
    if (c == '-' || is_digit(c)) {
        while (p->pos < p->len) {
            char d = p->s[p->pos];
            if (!ident_char((unsigned char)d) && d != '.' && d != '-' && d != '+')
                break;
            p->pos++;
        }
        cim_num n;
        const char *why = parse_number(p->s + st, p->pos - st, &n);
        if (why)
            return syntax(p, st, "%s in value of key %s", why, k->name);
        num_to_value(&n, &k->type, &k->value);
        return MI_RESULT_OK;
    }
    if (ident_start((unsigned char)c)) {
        size_t n = read_ident(p);
        if (n == 4 && mi_name_eqn(p->s + st, n, "true")) {
            k->type = MI_BOOLEAN;
            k->value.boolean = MI_TRUE;
            return MI_RESULT_OK;
        }
        if (n == 5 && mi_name_eqn(p->s + st, n, "false")) {
            k->type = MI_BOOLEAN;
            k->value.boolean = MI_FALSE;
            return MI_RESULT_OK;
        }
        return syntax(p, st, "unquoted value of key %s is not a number, TRUE or FALSE", k->name);
    }
    return syntax(p, st, "unexpected %s where the value of key %s was expected", show(p, st, sh),
                  k->name);
}

static MI_Result parse_keys(parser *p, mi_path *out)
{
    char sh[16];
    MI_Result r = MI_RESULT_OK;
    mi_map seen = MI_MAP_INIT;
    size_t cap = 0;
    for (;;) {
        size_t st = p->pos;
        size_t n = read_ident(p);
        if (!n) {
            r = syntax(p, st, "expected a key name, found %s", show(p, st, sh));
            goto out_free_map;
        }
        char *name = mi_arena_strndup(p->a, p->s + st, n);
        if (!name) {
            r = oom(p->err);
            goto out_free_map;
        }
        int put = mi_map_put(&seen, name, name, NULL);
        if (put < 0) {
            r = oom(p->err);
            goto out_free_map;
        }
        if (put == 1) {
            r = syntax(p, st, "duplicate key %s", name);
            goto out_free_map;
        }
        if (p->pos >= p->len || p->s[p->pos] != '=') {
            r = syntax(p, p->pos, "expected '=' after key name %s, found %s", name,
                       show(p, p->pos, sh));
            goto out_free_map;
        }
        p->pos++;
        if (out->nkeys == cap) {
            size_t ncap = cap ? cap * 2 : 4;
            mi_path_key *keys = mi_arena_alloc(p->a, ncap * sizeof *keys);
            if (!keys) {
                r = oom(p->err);
                goto out_free_map;
            }
            if (out->nkeys)
                memcpy(keys, out->keys, out->nkeys * sizeof *keys);
            out->keys = keys;
            cap = ncap;
        }
        mi_path_key *k = &out->keys[out->nkeys];
        memset(k, 0, sizeof *k);
        k->name = name;
        r = parse_value(p, k);
        if (r != MI_RESULT_OK)
            goto out_free_map;
        out->nkeys++;
        if (p->pos == p->len)
            break;
        if (p->s[p->pos] != ',') {
            r = syntax(p, p->pos, "unexpected %s after the value of key %s (expected ',' or end)",
                       show(p, p->pos, sh), name);
            goto out_free_map;
        }
        p->pos++;
    }
out_free_map:
    mi_map_free(&seen);
    return r;
}

static MI_Result parse_namespace(parser *p, size_t end, mi_path *out)
{
    char sh[16];
    size_t seg = p->pos;
    for (size_t i = p->pos; i < end; i++) {
        char c = p->s[i];
        if (c == '/') {
            if (i == seg)
                return syntax(p, i, "empty namespace segment");
            seg = i + 1;
        } else if (!ident_char((unsigned char)c)) {
            return syntax(p, i, "invalid %s in namespace", show(p, i, sh));
        }
    }
    if (seg == end)
        return syntax(p, end, "empty namespace segment");
    out->ns = mi_arena_strndup(p->a, p->s + p->pos, end - p->pos);
    if (!out->ns)
        return oom(p->err);
    p->pos = end + 1;
    return MI_RESULT_OK;
}

MI_Result mi_path_parse(mi_arena *a, const char *text, mi_path *out, mi_buf *err)
{
    char sh[16];
    MI_Result r = MI_RESULT_OK;
    if (!a || !text || !out)
        return cim_fail_buf(err, MI_RESULT_INVALID_PARAMETER, "mi_path_parse: NULL argument");
    memset(out, 0, sizeof *out);
    parser ps = {text, strnlen(text, CIM_PATH_MAX_LEN + 1), 0, a, err};
    parser *p = &ps;
    if (p->len > CIM_PATH_MAX_LEN) {
        r = cim_fail_buf(err, MI_RESULT_INVALID_PARAMETER,
                         "invalid instance path: longer than %u bytes", CIM_PATH_MAX_LEN);
        goto out;
    }
    size_t bad;
    if (!mi_utf8_valid(text, p->len, &bad)) {
        r = syntax(p, bad, "invalid UTF-8");
        goto out;
    }
    if (p->len == 0) {
        r = syntax(p, 0, "empty path");
        goto out;
    }
    if (p->len >= 2 && text[0] == '/' && text[1] == '/') {
        p->pos = 2;
        while (p->pos < p->len && text[p->pos] != '/') {
            unsigned char c = (unsigned char)text[p->pos];
            if (c <= ' ' || c == '"' || c == '\\' || c == 0x7f) {
                r = syntax(p, p->pos, "invalid %s in host name", show(p, p->pos, sh));
                goto out;
            }
            p->pos++;
        }
        if (p->pos == 2) {
            r = syntax(p, 2, "empty host name");
            goto out;
        }
        if (p->pos >= p->len) {
            r = syntax(p, p->pos, "expected '/' after host name");
            goto out;
        }
        out->host = mi_arena_strndup(a, text + 2, p->pos - 2);
        if (!out->host) {
            r = oom(err);
            goto out;
        }
        p->pos++;
    }
    size_t q = p->pos;
    while (q < p->len && text[q] != ':' && text[q] != '.' && text[q] != '=' && text[q] != '"')
        q++;
    if (q < p->len && text[q] == ':') {
        r = parse_namespace(p, q, out);
        if (r != MI_RESULT_OK)
            goto out;
    }
    size_t st = p->pos;
    size_t n = read_ident(p);
    if (!n) {
        r = syntax(p, st, "expected a class name, found %s", show(p, st, sh));
        goto out;
    }
    out->cls = mi_arena_strndup(a, text + st, n);
    if (!out->cls) {
        r = oom(err);
        goto out;
    }
    if (p->pos == p->len)
        goto out;
    if (text[p->pos] == '=') {
        if (p->pos + 1 < p->len && text[p->pos + 1] == '@') {
            if (p->pos + 2 != p->len) {
                r = syntax(p, p->pos + 2, "unexpected text after '=@'");
                goto out;
            }
            out->singleton = true;
            goto out;
        }
        r = syntax(p, p->pos + 1, "expected '@' after '=' (singleton path Class=@)");
        goto out;
    }
    if (text[p->pos] != '.') {
        r = syntax(p, p->pos, "unexpected %s after class name", show(p, p->pos, sh));
        goto out;
    }
    p->pos++;
    r = parse_keys(p, out);
out:
    if (r != MI_RESULT_OK)
        memset(out, 0, sizeof *out);
    return r;
}

/* ---------------------------------------------------------------- instances -> paths */

static bool key_type_ok(MI_Type t)
{
    return t <= MI_REFERENCE;
}

static int key_cmp(const void *x, const void *y)
{
    return mi_name_cmp(((const mi_path_key *)x)->name, ((const mi_path_key *)y)->name);
}

static void sort_keys(mi_path *p)
{
    if (p->nkeys > 1)
        qsort(p->keys, p->nkeys, sizeof *p->keys, key_cmp);
}

static const char *inst_name_field(const MI_Instance *inst, bool server)
{
    if (inst->ft && inst->ft != &mi_instance_ft && !cim_inst_ours(inst)) {
        const char *s = NULL;
        MI_Result r = server ? inst->ft->GetServerName(inst, &s) : inst->ft->GetNameSpace(inst, &s);
        return r == MI_RESULT_OK ? s : NULL;
    }
    return server ? inst->serverName : inst->nameSpace;
}

static bool dup_opt(mi_arena *a, bool copy, const char *s, const char **out)
{
    *out = s;
    if (copy && s) {
        *out = mi_arena_strdup(a, s);
        return *out != NULL;
    }
    return true;
}

/* The path of inst: keys are elements flagged MI_FLAG_KEY, or, for a dynamic instance
 * that flags none, all its non-NULL elements. Values are copied into a when `copy`,
 * else borrowed from inst. */
static MI_Result from_instance(mi_arena *a, const MI_Instance *inst, bool copy, mi_path *out)
{
    MI_Result r = MI_RESULT_OK;
    memset(out, 0, sizeof *out);
    const char *cls = cim_inst_class_name(inst);
    if (!cls) {
        r = cim_fail(MI_RESULT_INVALID_PARAMETER, "instance has no class name");
        goto out;
    }
    MI_Uint32 n = cim_inst_count(inst);
    MI_Uint32 nkeys = 0, nonnull = 0;
    for (MI_Uint32 i = 0; i < n; i++) {
        MI_Uint32 f;
        r = cim_inst_get_at(inst, i, NULL, NULL, NULL, &f);
        if (r != MI_RESULT_OK)
            goto out;
        nkeys += (f & MI_FLAG_KEY) != 0;
        nonnull += !(f & MI_FLAG_NULL);
    }
    MI_Uint32 want = MI_FLAG_KEY;
    if (nkeys == 0 && mi_instance_is_dynamic(inst)) {
        want = 0;
        nkeys = nonnull;
    }
    if (nkeys) {
        out->keys = mi_arena_alloc(a, nkeys * sizeof *out->keys);
        if (!out->keys)
            goto out_oom;
    }
    for (MI_Uint32 i = 0; i < n; i++) {
        const char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f;
        r = cim_inst_get_at(inst, i, &name, &v, &t, &f);
        if (r != MI_RESULT_OK)
            goto out;
        if (want ? !(f & want) : (f & MI_FLAG_NULL) != 0)
            continue;
        if (f & MI_FLAG_NULL) {
            r = cim_fail(MI_RESULT_INVALID_PARAMETER, "key %s of an instance of %s is NULL", name,
                         cls);
            goto out;
        }
        if (!key_type_ok(t)) {
            r = cim_fail(MI_RESULT_INVALID_PARAMETER,
                         "key %s of an instance of %s has type %s, which cannot be a key", name,
                         cls, mi_type_name(t) ? mi_type_name(t) : "(invalid)");
            goto out;
        }
        mi_path_key *k = &out->keys[out->nkeys++];
        k->type = t;
        if (!dup_opt(a, copy, name, &k->name))
            goto out_oom;
        if (copy) {
            r = cim_value_copy(a, t, &v, &k->value, 0);
            if (r != MI_RESULT_OK)
                goto out;
        } else {
            k->value = v;
        }
    }
    if (!dup_opt(a, copy, cls, &out->cls) ||
        !dup_opt(a, copy, inst_name_field(inst, false), &out->ns) ||
        !dup_opt(a, copy, inst_name_field(inst, true), &out->host))
        goto out_oom;
    out->singleton = out->nkeys == 0;
    sort_keys(out);
    return MI_RESULT_OK;
out_oom:
    r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory building a path");
out:
    memset(out, 0, sizeof *out);
    return r;
}

MI_Result mi_path_from_instance(mi_arena *a, const MI_Instance *inst, mi_path *out)
{
    if (!a || !inst || !out)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "mi_path_from_instance: NULL argument");
    return from_instance(a, inst, true, out);
}

/* ---------------------------------------------------------------- formatting */

static int format_impl(const mi_path *p, mi_buf *out, unsigned depth);

/* Appends s quoted, escaping only '"' and '\'. */
static int put_quoted(mi_buf *out, const char *s)
{
    mi_buf_putc(out, '"');
    const char *run = s;
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') {
            mi_buf_append(out, run, (size_t)(s - run));
            mi_buf_putc(out, '\\');
            run = s;
        }
    }
    mi_buf_append(out, run, (size_t)(s - run));
    return mi_buf_putc(out, '"');
}

int cim_ref_to_path_text(mi_buf *out, const MI_Instance *ref, unsigned depth)
{
    if (depth > CIM_PATH_MAX_DEPTH) {
        cim_fail(MI_RESULT_INVALID_PARAMETER, "references nested deeper than %d",
                 CIM_PATH_MAX_DEPTH);
        return -1;
    }
    mi_arena tmp;
    mi_arena_init(&tmp, 1024, 0);
    mi_path p;
    int rc = -1;
    if (from_instance(&tmp, ref, false, &p) == MI_RESULT_OK)
        rc = format_impl(&p, out, depth);
    mi_arena_destroy(&tmp);
    return rc;
}

/* Appends the text of a key value; quoted forms for strings, datetimes and references. */
static int format_value(mi_buf *out, MI_Type t, const MI_Value *v, unsigned depth)
{
    char tmp[40];
    switch (t) {
    case MI_BOOLEAN: return mi_buf_puts(out, v->boolean ? "TRUE" : "FALSE");
    case MI_CHAR16:
        if (v->char16 == '\'' || v->char16 == '\\')
            return mi_buf_printf(out, "'\\%c'", (char)v->char16);
        if (v->char16 >= 0xD800 && v->char16 <= 0xDFFF) {
            cim_fail(MI_RESULT_INVALID_PARAMETER, "char16 key value is a lone surrogate");
            return -1;
        }
        {
            char enc[4];
            int n = mi_utf8_encode(v->char16, enc);
            mi_buf_putc(out, '\'');
            mi_buf_append(out, enc, (size_t)n);
            return mi_buf_putc(out, '\'');
        }
    case MI_REAL32:
        cim_real_text(v->real32, true, tmp);
        return mi_buf_puts(out, tmp);
    case MI_REAL64:
        cim_real_text(v->real64, false, tmp);
        return mi_buf_puts(out, tmp);
    case MI_DATETIME:
        mi_datetime_format(&v->datetime, tmp);
        return mi_buf_printf(out, "\"%s\"", tmp);
    case MI_STRING: return put_quoted(out, v->string ? v->string : "");
    case MI_REFERENCE: {
        if (!v->reference) {
            cim_fail(MI_RESULT_INVALID_PARAMETER, "reference key value is NULL");
            return -1;
        }
        mi_buf nested;
        mi_buf_init(&nested, CIM_PATH_MAX_LEN * 4);
        int rc = cim_ref_to_path_text(&nested, v->reference, depth + 1);
        if (rc == 0)
            rc = put_quoted(out, mi_buf_str(&nested));
        mi_buf_free(&nested);
        return rc;
    }
    default: break;
    }
    cim_num n;
    if (is_numeric(t) && value_number(t, v, &n))
        return n.neg ? mi_buf_printf(out, "-%llu", (unsigned long long)n.mag)
                     : mi_buf_printf(out, "%llu", (unsigned long long)n.mag);
    cim_fail(MI_RESULT_INVALID_PARAMETER, "a key of type %s cannot be written in a path",
             mi_type_name(t) ? mi_type_name(t) : "(invalid)");
    return -1;
}

static int format_impl(const mi_path *p, mi_buf *out, unsigned depth)
{
    if (!p->cls) {
        cim_fail(MI_RESULT_INVALID_PARAMETER, "path has no class name");
        return -1;
    }
    if (p->host)
        mi_buf_printf(out, "//%s/", p->host);
    if (p->ns)
        mi_buf_printf(out, "%s:", p->ns);
    int rc = mi_buf_puts(out, p->cls);
    if (p->singleton && !p->nkeys)
        return mi_buf_puts(out, "=@");
    for (size_t i = 0; rc == 0 && i < p->nkeys; i++) {
        mi_buf_printf(out, "%c%s=", i ? ',' : '.', p->keys[i].name);
        rc = format_value(out, p->keys[i].type, &p->keys[i].value, depth);
    }
    return rc;
}

int mi_path_format(const mi_path *p, mi_buf *out)
{
    if (!p || !out)
        return -1;
    return format_impl(p, out, 0);
}

MI_Result mi_instance_keystring(const MI_Instance *inst, mi_buf *out)
{
    if (!inst || !out)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "mi_instance_keystring: NULL argument");
    mi_arena tmp;
    mi_arena_init(&tmp, 1024, 0);
    mi_path p;
    MI_Result r = from_instance(&tmp, inst, false, &p);
    if (r != MI_RESULT_OK)
        goto out_free_arena;
    p.ns = p.host = NULL;
    if (format_impl(&p, out, 0) != 0) {
        if (mi_buf_failed(out))
            r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED,
                         "out of memory (or buffer cap) writing a key string");
        else
            r = cim_last_code() != MI_RESULT_OK ? cim_last_code() : MI_RESULT_FAILED;
    }
out_free_arena:
    mi_arena_destroy(&tmp);
    return r;
}

/* ---------------------------------------------------------------- comparison */

static int compare_impl(const mi_path *x, const mi_path *y, unsigned depth);

static int type_rank(MI_Type t)
{
    if (is_numeric(t))
        return 0;
    switch (t) {
    case MI_STRING: return 1;
    case MI_BOOLEAN: return 2;
    case MI_CHAR16: return 3;
    case MI_DATETIME: return 4;
    case MI_REFERENCE: return 5;
    default: return 6 + (int)t;
    }
}

static int ref_cmp(const MI_Instance *x, const MI_Instance *y, unsigned depth)
{
    if (x == y)
        return 0;
    if (!x || !y)
        return x ? 1 : -1;
    if (depth > CIM_PATH_MAX_DEPTH)
        return 1;
    mi_arena tmp;
    mi_arena_init(&tmp, 1024, 0);
    mi_path px, py;
    int c = 1;
    if (from_instance(&tmp, x, false, &px) == MI_RESULT_OK &&
        from_instance(&tmp, y, false, &py) == MI_RESULT_OK)
        c = compare_impl(&px, &py, depth);
    mi_arena_destroy(&tmp);
    return c;
}

/* Compares string s with a value of another type by reading s as that type; returns
 * nonzero (string ranks after numbers) when s cannot be read so. */
static int string_vs(const char *s, MI_Type t, const MI_Value *v, unsigned depth)
{
    int fallback = type_rank(MI_STRING) - type_rank(t);
    if (!s)
        return fallback;
    cim_num ns, nv;
    if (is_numeric(t)) {
        if (parse_number(s, strlen(s), &ns) || !value_number(t, v, &nv))
            return fallback;
        return num_cmp(&ns, &nv);
    }
    switch (t) {
    case MI_BOOLEAN:
        if (mi_name_eq(s, "true"))
            return v->boolean ? 0 : 1;
        if (mi_name_eq(s, "false"))
            return v->boolean ? -1 : 0;
        return fallback;
    case MI_CHAR16: {
        uint32_t cp;
        size_t n = strlen(s);
        int l = mi_utf8_decode(s, n, &cp);
        if (!l || (size_t)l != n)
            return fallback;
        return cp < v->char16 ? -1 : cp > v->char16;
    }
    case MI_DATETIME: {
        char text[26];
        mi_datetime_format(&v->datetime, text);
        return strcmp(s, text);
    }
    case MI_REFERENCE: {
        if (depth > CIM_PATH_MAX_DEPTH)
            return fallback;
        mi_arena tmp;
        mi_arena_init(&tmp, 1024, 0);
        mi_path ps, pv;
        int c = fallback;
        if (mi_path_parse(&tmp, s, &ps, NULL) == MI_RESULT_OK &&
            from_instance(&tmp, v->reference, false, &pv) == MI_RESULT_OK) {
            sort_keys(&ps);
            c = compare_impl(&ps, &pv, depth);
        }
        mi_arena_destroy(&tmp);
        return c;
    }
    default: return fallback;
    }
}

static int value_cmp(MI_Type tx, const MI_Value *x, MI_Type ty, const MI_Value *y,
                     unsigned depth)
{
    cim_num nx, ny;
    if (is_numeric(tx) && is_numeric(ty) && value_number(tx, x, &nx) && value_number(ty, y, &ny))
        return num_cmp(&nx, &ny);
    if (tx == ty) {
        switch (tx) {
        case MI_STRING:
            if (!x->string || !y->string)
                return x->string ? 1 : (y->string ? -1 : 0);
            return strcmp(x->string, y->string);
        case MI_BOOLEAN: return (int)!!x->boolean - (int)!!y->boolean;
        case MI_CHAR16: return (int)x->char16 - (int)y->char16;
        case MI_DATETIME: {
            char a[26], b[26];
            mi_datetime_format(&x->datetime, a);
            mi_datetime_format(&y->datetime, b);
            return strcmp(a, b);
        }
        case MI_REFERENCE: return ref_cmp(x->reference, y->reference, depth + 1);
        default: return 0;
        }
    }
    if (tx == MI_STRING)
        return string_vs(x->string, ty, y, depth + 1);
    if (ty == MI_STRING)
        return -string_vs(y->string, tx, x, depth + 1);
    return type_rank(tx) - type_rank(ty);
}

static int name_cmp_opt(const char *a, const char *b)
{
    if (!a || !b)
        return a ? 1 : (b ? -1 : 0);
    return mi_name_cmp(a, b);
}

static int compare_impl(const mi_path *x, const mi_path *y, unsigned depth)
{
    int c = name_cmp_opt(x->cls, y->cls);
    if (c)
        return c;
    if (x->ns && y->ns && (c = mi_name_cmp(x->ns, y->ns)) != 0)
        return c;
    if (x->nkeys != y->nkeys)
        return x->nkeys < y->nkeys ? -1 : 1;
    for (size_t i = 0; i < x->nkeys; i++) {
        const mi_path_key *kx = &x->keys[i], *ky = &y->keys[i];
        if ((c = name_cmp_opt(kx->name, ky->name)) != 0)
            return c;
        if ((c = value_cmp(kx->type, &kx->value, ky->type, &ky->value, depth)) != 0)
            return c;
    }
    return 0;
}

int mi_path_compare(const mi_path *x, const mi_path *y)
{
    if (!x || !y)
        return x ? 1 : (y ? -1 : 0);
    return compare_impl(x, y, 0);
}

/* ---------------------------------------------------------------- conversion */

static MI_Result to_instance(mi_arena *a, const mi_path *p, const MI_ClassDecl *cd,
                             unsigned depth, mi_buf *err, MI_Instance **out);

/* Unquoted text of a key value (for conversion to a string key). */
static int value_text(mi_buf *out, MI_Type t, const MI_Value *v, unsigned depth)
{
    switch (t) {
    case MI_STRING: return mi_buf_puts(out, v->string ? v->string : "");
    case MI_CHAR16: {
        char enc[4];
        int n = mi_utf8_encode(v->char16, enc);
        return n ? mi_buf_append(out, enc, (size_t)n) : -1;
    }
    case MI_DATETIME: {
        char text[26];
        mi_datetime_format(&v->datetime, text);
        return mi_buf_puts(out, text);
    }
    case MI_REFERENCE: return cim_ref_to_path_text(out, v->reference, depth + 1);
    default: return format_value(out, t, v, depth);
    }
}

/* Converts key k in place to type `to` (the declared type of its property), allocating
 * from a. */
static MI_Result convert_key(mi_arena *a, mi_path_key *k, MI_Type to, const char *cls,
                             unsigned depth, mi_buf *err)
{
    MI_Result r = MI_RESULT_OK;
    MI_Type from = k->type;
    MI_Value v;
    cim_num n;
    const char *why = NULL;
    if (from == to)
        goto out;
    memset(&v, 0, sizeof v);
    switch (to) {
    case MI_UINT8: case MI_SINT8: case MI_UINT16: case MI_SINT16:
    case MI_UINT32: case MI_SINT32: case MI_UINT64: case MI_SINT64:
        if (!value_number(from, &k->value, &n) || n.real)
            why = "is not an integer";
        else if (!int_to_type(&n, to, &v))
            why = "is out of range";
        break;
    case MI_REAL32:
    case MI_REAL64:
        if (!value_number(from, &k->value, &n)) {
            why = "is not a number";
        } else if (to == MI_REAL64) {
            v.real64 = num_double(&n);
        } else {
            v.real32 = (MI_Real32)num_double(&n);
            if (!isfinite(v.real32))
                why = "is out of range";
        }
        break;
    case MI_BOOLEAN:
        if (from == MI_STRING && k->value.string && mi_name_eq(k->value.string, "true"))
            v.boolean = MI_TRUE;
        else if (from == MI_STRING && k->value.string && mi_name_eq(k->value.string, "false"))
            v.boolean = MI_FALSE;
        else
            why = "is not TRUE or FALSE";
        break;
    case MI_CHAR16: {
        uint32_t cp = 0;
        const char *s = from == MI_STRING ? k->value.string : NULL;
        size_t len = s ? strlen(s) : 0;
        int l = s ? mi_utf8_decode(s, len, &cp) : 0;
        if (!l || (size_t)l != len || cp > 0xFFFF)
            why = "is not a single (BMP) character";
        v.char16 = (MI_Char16)cp;
        break;
    }
    case MI_DATETIME: {
        const char *reason = "is not a datetime string";
        if (from != MI_STRING ||
            mi_datetime_parse(k->value.string, &v.datetime, &reason) != MI_RESULT_OK)
            why = reason;
        break;
    }
    case MI_STRING: {
        mi_buf b;
        mi_buf_init(&b, CIM_PATH_MAX_LEN * 4);
        if (value_text(&b, from, &k->value, depth) != 0) {
            why = "cannot be written as a string";
        } else if (!(v.string = mi_arena_strdup(a, mi_buf_str(&b)))) {
            mi_buf_free(&b);
            r = cim_fail_buf(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            goto out;
        }
        mi_buf_free(&b);
        break;
    }
    case MI_REFERENCE: {
        if (from != MI_STRING || !k->value.string) {
            why = "is not a quoted instance path";
            break;
        }
        if (depth >= CIM_PATH_MAX_DEPTH) {
            r = cim_fail_buf(err, MI_RESULT_INVALID_PARAMETER,
                             "key %s of %s: references nested deeper than %d", k->name, cls,
                             CIM_PATH_MAX_DEPTH);
            goto out;
        }
        mi_path nested;
        mi_buf sub;
        mi_buf_init(&sub, 1024);
        r = mi_path_parse(a, k->value.string, &nested, &sub);
        if (r == MI_RESULT_OK)
            r = to_instance(a, &nested, NULL, depth + 1, &sub, &v.reference);
        if (r != MI_RESULT_OK)
            r = cim_fail_buf(err, r == MI_RESULT_SERVER_LIMITS_EXCEEDED ? r : MI_RESULT_TYPE_MISMATCH,
                             "key %s of %s: reference value: %s", k->name, cls,
                             mi_buf_str(&sub));
        mi_buf_free(&sub);
        if (r != MI_RESULT_OK)
            goto out;
        break;
    }
    default:
        r = cim_fail_buf(err, MI_RESULT_TYPE_MISMATCH,
                         "key %s of %s is declared %s, which cannot be a key", k->name, cls,
                         mi_type_name(to) ? mi_type_name(to) : "(invalid)");
        goto out;
    }
    if (why) {
        r = cim_fail_buf(err, MI_RESULT_TYPE_MISMATCH, "key %s of %s: value %s for type %s",
                         k->name, cls, why, mi_type_name(to));
        goto out;
    }
    k->type = to;
    k->value = v;
out:
    return r;
}

static MI_Result normalize_impl(mi_arena *a, mi_path *p, const MI_ClassDecl *cd, mi_buf *err,
                                unsigned depth)
{
    MI_Result r = MI_RESULT_OK;
    if (cd) {
        if (cim_decl_is_method(cd)) {
            r = cim_fail_buf(err, MI_RESULT_INVALID_PARAMETER,
                             "cannot normalise a path against method decl %s", cd->name);
            goto out;
        }
        if (p->cls && cd->name && mi_name_eq(p->cls, cd->name) && strcmp(p->cls, cd->name)) {
            if (!(p->cls = mi_arena_strdup(a, cd->name)))
                goto out_oom;
        }
        for (size_t i = 0; i < p->nkeys; i++) {
            mi_path_key *k = &p->keys[i];
            const MI_PropertyDecl *pd = mi_classdecl_property(cd, k->name, NULL);
            if (!pd) {
                r = cim_fail_buf(err, MI_RESULT_NO_SUCH_PROPERTY, "class %s has no property %s",
                                 cd->name, k->name);
                goto out;
            }
            if (!(pd->flags & MI_FLAG_KEY)) {
                r = cim_fail_buf(err, MI_RESULT_INVALID_PARAMETER,
                                 "property %s of class %s is not a key", pd->name, cd->name);
                goto out;
            }
            r = convert_key(a, k, (MI_Type)pd->type, cd->name, depth, err);
            if (r != MI_RESULT_OK)
                goto out;
            if (strcmp(k->name, pd->name) && !(k->name = mi_arena_strdup(a, pd->name)))
                goto out_oom;
        }
    }
    sort_keys(p);
    for (size_t i = 1; i < p->nkeys; i++) {
        if (mi_name_eq(p->keys[i - 1].name, p->keys[i].name)) {
            r = cim_fail_buf(err, MI_RESULT_INVALID_PARAMETER, "duplicate key %s in path of %s",
                             p->keys[i].name, p->cls ? p->cls : "(no class)");
            goto out;
        }
    }
    if (cd) {
        MI_Uint32 declared = 0;
        for (MI_Uint32 i = 0; i < cd->numProperties; i++) {
            const MI_PropertyDecl *pd = cd->properties[i];
            if (!(pd->flags & MI_FLAG_KEY))
                continue;
            declared++;
            bool found = false;
            for (size_t j = 0; j < p->nkeys && !found; j++)
                found = mi_name_eq(p->keys[j].name, pd->name);
            if (!found) {
                /* Name every key: the user then sees the whole path to write. */
                char keys[512];
                size_t len = 0;
                for (MI_Uint32 k = 0; k < cd->numProperties && len < sizeof keys; k++) {
                    if (!(cd->properties[k]->flags & MI_FLAG_KEY))
                        continue;
                    int w = snprintf(keys + len, sizeof keys - len, "%s%s", len ? ", " : "",
                                     cd->properties[k]->name);
                    len = w < 0 ? sizeof keys : len + (size_t)w;
                }
                r = cim_fail_buf(err, MI_RESULT_INVALID_PARAMETER,
                                 "path of %s lacks key property %s (its keys: %s)", cd->name,
                                 pd->name, keys);
                goto out;
            }
        }
        if (declared && p->singleton) {
            r = cim_fail_buf(err, MI_RESULT_INVALID_PARAMETER,
                             "singleton path (=@) for class %s, which has keys", cd->name);
            goto out;
        }
        p->singleton = declared == 0;
    }
    goto out;
out_oom:
    r = cim_fail_buf(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory normalising a path");
out:
    return r;
}

MI_Result mi_path_normalize(mi_arena *a, mi_path *p, const MI_ClassDecl *cd, mi_buf *err)
{
    if (!a || !p)
        return cim_fail_buf(err, MI_RESULT_INVALID_PARAMETER, "mi_path_normalize: NULL argument");
    return normalize_impl(a, p, cd, err, 0);
}

/* Appends the thread's last cim error to err (the message buffer is copied first:
 * cim_fail_buf rewrites it). */
static MI_Result relay(mi_buf *err, MI_Result r)
{
    char msg[512];
    snprintf(msg, sizeof msg, "%s", mi_cim_last_error());
    return cim_fail_buf(err, r, "%s", msg);
}

/* Builds the instance of a path; in arena a (shared) when a is non-NULL, else in an
 * arena of its own. */
static MI_Result to_instance(mi_arena *a, const mi_path *p, const MI_ClassDecl *cd,
                             unsigned depth, mi_buf *err, MI_Instance **out)
{
    MI_Result r;
    MI_Instance *inst = NULL;
    mi_arena *own = NULL;
    *out = NULL;
    if (!p->cls) {
        r = cim_fail_buf(err, MI_RESULT_INVALID_PARAMETER, "path has no class name");
        goto out;
    }
    if (cd) {
        if (cim_decl_is_method(cd)) {
            r = cim_fail_buf(err, MI_RESULT_INVALID_PARAMETER,
                             "cannot build an instance of method decl %s from a path", cd->name);
            goto out;
        }
        if (!a && !(a = own = mi_arena_new(0, CIM_INST_ARENA_CAP))) {
            r = cim_fail_buf(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            goto out;
        }
        r = cim_inst_new_bound(a, own != NULL, cd, p->ns, p->host, false, &inst);
        if (r != MI_RESULT_OK)
            goto out_free_arena;
        own = NULL; /* now freed by Delete */
        for (size_t i = 0; i < p->nkeys; i++) {
            mi_path_key k = p->keys[i];
            MI_Uint32 idx;
            const MI_PropertyDecl *pd = mi_classdecl_property(cd, k.name, &idx);
            if (!pd) {
                r = cim_fail_buf(err, MI_RESULT_NO_SUCH_PROPERTY, "class %s has no property %s",
                                 cd->name, k.name);
                goto out_delete;
            }
            if (!(pd->flags & MI_FLAG_KEY)) {
                r = cim_fail_buf(err, MI_RESULT_INVALID_PARAMETER,
                                 "property %s of class %s is not a key", pd->name, cd->name);
                goto out_delete;
            }
            MI_Uint32 flags = 0;
            if (k.type != pd->type) {
                r = convert_key(cim_inst_arena(inst), &k, (MI_Type)pd->type, cd->name, depth, err);
                if (r != MI_RESULT_OK)
                    goto out_delete;
                flags = MI_FLAG_BORROW; /* converted value already lives in inst's arena */
            }
            r = inst->ft->SetElementAt(inst, idx, &k.value, (MI_Type)pd->type, flags);
            if (r != MI_RESULT_OK) {
                relay(err, r);
                goto out_delete;
            }
        }
    } else {
        r = a ? mi_instance_new_dynamic_in(a, p->cls, 0, &inst)
              : mi_instance_new_dynamic(p->cls, 0, &inst);
        if (r == MI_RESULT_OK && p->ns)
            r = inst->ft->SetNameSpace(inst, p->ns);
        if (r == MI_RESULT_OK && p->host)
            r = inst->ft->SetServerName(inst, p->host);
        for (size_t i = 0; r == MI_RESULT_OK && i < p->nkeys; i++)
            r = inst->ft->AddElement(inst, p->keys[i].name, &p->keys[i].value, p->keys[i].type,
                                     MI_FLAG_KEY);
        if (r != MI_RESULT_OK) {
            relay(err, r);
            if (inst)
                goto out_delete;
            goto out;
        }
    }
    *out = inst;
    return MI_RESULT_OK;
out_delete:
    inst->ft->Delete(inst);
    goto out;
out_free_arena:
    mi_arena_free(own);
out:
    return r;
}

MI_Result mi_path_to_instance(const mi_path *p, const MI_ClassDecl *cd, MI_Instance **out)
{
    if (!p || !out)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "mi_path_to_instance: NULL argument");
    return to_instance(NULL, p, cd, 0, NULL, out);
}
