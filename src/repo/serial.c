/* serial.c - the binary blobs of stored classes, qualifier declarations and instances
 * (format in repo_int.h).
 *
 * Encoding appends to a capped mi_buf. Decoding reads through a cursor that checks
 * every byte it takes against the end of the blob; counts are checked against the
 * bytes left before anything is allocated (every item takes at least one byte), so a
 * blob of n bytes never makes the decoder allocate more than a small multiple of n.
 */
#include "repo/repo_int.h"

#include <stdint.h>
#include <string.h>

#include "base/str.h"
#include "cim/cim.h"

/* Element flags stored with an instance element: everything but the policy flags of
 * a set call. */
#define ELEM_FLAG_MASK (~(MI_Uint32)(MI_FLAG_NULL | MI_FLAG_BORROW | MI_FLAG_ADOPT))

/* ------------------------------------------------------------------ writing */

static void put_u8(mi_buf *b, unsigned v)
{
    mi_buf_putc(b, (char)(unsigned char)v);
}

static void put_var(mi_buf *b, uint64_t v)
{
    unsigned char tmp[10];
    size_t n = 0;
    do {
        unsigned char c = v & 0x7f;
        v >>= 7;
        tmp[n++] = c | (v ? 0x80 : 0);
    } while (v);
    mi_buf_append(b, tmp, n);
}

static uint64_t zigzag(int64_t v)
{
    return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static void put_fixed(mi_buf *b, uint64_t v, unsigned bytes)
{
    unsigned char tmp[8];
    for (unsigned i = 0; i < bytes; i++)
        tmp[i] = (unsigned char)(v >> (8 * i));
    mi_buf_append(b, tmp, bytes);
}

/* A string: 0 for NULL, else length + 1, the bytes, a NUL. */
static void put_str(mi_buf *b, const char *s)
{
    if (!s) {
        put_var(b, 0);
        return;
    }
    size_t n = strlen(s);
    put_var(b, (uint64_t)n + 1);
    mi_buf_append(b, s, n + 1);
}

static int enc_fail(mi_buf *err, const char *msg, const char *name)
{
    if (err)
        mi_buf_printf(err, "%s%s%s", msg, name ? " " : "", name ? name : "");
    return -1;
}

static int enc_instance(mi_buf *b, const MI_Instance *inst, unsigned depth, mi_buf *err);

static int enc_datetime(mi_buf *b, const MI_Datetime *d)
{
    put_u8(b, d->isTimestamp ? 1 : 0);
    if (d->isTimestamp) {
        const MI_Timestamp *t = &d->u.timestamp;
        put_var(b, t->year);
        put_var(b, t->month);
        put_var(b, t->day);
        put_var(b, t->hour);
        put_var(b, t->minute);
        put_var(b, t->second);
        put_var(b, t->microseconds);
        put_var(b, zigzag(t->utc));
    } else {
        const MI_Interval *t = &d->u.interval;
        put_var(b, t->days);
        put_var(b, t->hours);
        put_var(b, t->minutes);
        put_var(b, t->seconds);
        put_var(b, t->microseconds);
    }
    return 0;
}

/* One scalar of type t (no MI_ARRAY bit) at v (only that member is read). */
static int enc_scalar(mi_buf *b, MI_Type t, const void *v, unsigned depth, mi_buf *err)
{
    /* v may be an array element with only its own type's alignment: read it through a
     * properly aligned copy of just that member. */
    MI_Value local;
    size_t size = mi_type_size(t);
    memset(&local, 0, sizeof local);
    memcpy(&local, v, size <= sizeof local ? size : 0);
    const MI_Value *x = &local;
    switch (t) {
    case MI_BOOLEAN: put_u8(b, x->boolean ? 1 : 0); return 0;
    case MI_UINT8: put_u8(b, x->uint8); return 0;
    case MI_SINT8: put_u8(b, (unsigned char)x->sint8); return 0;
    case MI_UINT16: put_var(b, x->uint16); return 0;
    case MI_SINT16: put_var(b, zigzag(x->sint16)); return 0;
    case MI_UINT32: put_var(b, x->uint32); return 0;
    case MI_SINT32: put_var(b, zigzag(x->sint32)); return 0;
    case MI_UINT64: put_var(b, x->uint64); return 0;
    case MI_SINT64: put_var(b, zigzag(x->sint64)); return 0;
    case MI_REAL32: {
        uint32_t bits;
        memcpy(&bits, &x->real32, 4);
        put_fixed(b, bits, 4);
        return 0;
    }
    case MI_REAL64: {
        uint64_t bits;
        memcpy(&bits, &x->real64, 8);
        put_fixed(b, bits, 8);
        return 0;
    }
    case MI_CHAR16: put_var(b, x->char16); return 0;
    case MI_DATETIME: return enc_datetime(b, &x->datetime);
    case MI_STRING:
        if (!x->string)
            return enc_fail(err, "NULL string in a value", NULL);
        put_str(b, x->string);
        return 0;
    case MI_REFERENCE:
    case MI_INSTANCE:
        if (!x->instance)
            return enc_fail(err, "NULL instance in a value", NULL);
        return enc_instance(b, x->instance, depth + 1, err);
    default:
        return enc_fail(err, "invalid type in a value", NULL);
    }
}

/* A value of type t at v: a scalar, or a count and that many scalars. */
static int enc_value(mi_buf *b, MI_Type t, const void *v, unsigned depth, mi_buf *err)
{
    if (!(t & MI_ARRAY))
        return enc_scalar(b, t, v, depth, err);
    const MI_Array *arr = v;
    MI_Type et = (MI_Type)(t & ~MI_ARRAY);
    size_t es = mi_type_size(et);
    if (!es || (arr->size && !arr->data))
        return enc_fail(err, "invalid array value", NULL);
    put_var(b, arr->size);
    for (MI_Uint32 i = 0; i < arr->size; i++) {
        if (enc_scalar(b, et, (const char *)arr->data + i * es, depth, err) < 0)
            return -1;
    }
    return 0;
}

static int enc_instance(mi_buf *b, const MI_Instance *inst, unsigned depth, mi_buf *err)
{
    if (depth > MI_REPO_BLOB_MAX_DEPTH)
        return enc_fail(err, "embedded instances nest too deep", NULL);
    if (!inst->classDecl || !inst->classDecl->name)
        return enc_fail(err, "instance without a class", NULL);
    MI_Uint32 n = 0;
    if (MI_Instance_GetElementCount(inst, &n) != MI_RESULT_OK)
        return enc_fail(err, "cannot read the elements of an instance of",
                        inst->classDecl->name);
    put_str(b, inst->classDecl->name);
    put_var(b, inst->classDecl->flags);
    put_var(b, n);
    for (MI_Uint32 i = 0; i < n; i++) {
        const MI_Char *name = NULL;
        MI_Value v;
        MI_Type t;
        MI_Uint32 flags = 0;
        if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &flags) != MI_RESULT_OK || !name)
            return enc_fail(err, "cannot read an element of an instance of",
                            inst->classDecl->name);
        bool null = (flags & MI_FLAG_NULL) != 0;
        put_str(b, name);
        put_u8(b, t);
        put_var(b, flags & ELEM_FLAG_MASK);
        put_u8(b, null ? 1 : 0);
        if (!null && enc_value(b, t, &v, depth, err) < 0)
            return -1;
    }
    return 0;
}

/* A qualifier list: 1 when it is the reference list (the superclass's), else 0, the
 * count and the qualifiers. */
static int enc_quals(mi_buf *b, MI_Qualifier MI_CONST *MI_CONST *q, MI_Uint32 n,
                     MI_Qualifier MI_CONST *MI_CONST *ref, MI_Uint32 nref, mi_buf *err)
{
    if (ref && q == ref && n == nref) {
        put_u8(b, 1);
        return 0;
    }
    put_u8(b, 0);
    put_var(b, n);
    for (MI_Uint32 i = 0; i < n; i++) {
        const MI_Qualifier *x = q[i];
        if (!x || !x->name)
            return enc_fail(err, "invalid qualifier", NULL);
        put_str(b, x->name);
        put_u8(b, x->type);
        put_var(b, x->flavor);
        put_u8(b, x->value ? 1 : 0);
        if (x->value && enc_value(b, (MI_Type)x->type, x->value, 0, err) < 0)
            return -1;
    }
    return 0;
}

static int enc_method(mi_buf *b, const MI_MethodDecl *md, const MI_MethodDecl *sup,
                      mi_buf *err)
{
    if (sup && md == sup) {
        put_u8(b, 1);
        return 0;
    }
    put_u8(b, 0);
    put_var(b, md->flags);
    put_str(b, md->name);
    if (enc_quals(b, md->qualifiers, md->numQualifiers, sup ? sup->qualifiers : NULL,
                  sup ? sup->numQualifiers : 0, err) < 0)
        return -1;
    put_var(b, md->returnType);
    put_str(b, md->origin);
    put_str(b, md->propagator);
    put_var(b, md->numParameters);
    for (MI_Uint32 j = 0; j < md->numParameters; j++) {
        const MI_ParameterDecl *p = md->parameters[j];
        const MI_ParameterDecl *sp =
            sup && j < sup->numParameters ? sup->parameters[j] : NULL;
        put_var(b, p->flags);
        put_str(b, p->name);
        if (enc_quals(b, p->qualifiers, p->numQualifiers, sp ? sp->qualifiers : NULL,
                      sp ? sp->numQualifiers : 0, err) < 0)
            return -1;
        put_u8(b, p->type);
        put_str(b, p->className);
        put_var(b, p->subscript);
    }
    return 0;
}

int mi_repo_encode_class(mi_buf *b, const MI_ClassDecl *cd, mi_buf *err)
{
    const MI_ClassDecl *sup = cd->superClassDecl;
    put_u8(b, 'C');
    put_u8(b, MI_REPO_BLOB_VERSION);
    put_var(b, cd->flags);
    put_str(b, cd->name);
    put_str(b, cd->superClass);
    if (enc_quals(b, cd->qualifiers, cd->numQualifiers, NULL, 0, err) < 0)
        return -1;
    put_var(b, cd->numProperties);
    for (MI_Uint32 i = 0; i < cd->numProperties; i++) {
        const MI_PropertyDecl *p = cd->properties[i];
        const MI_PropertyDecl *sp = sup && i < sup->numProperties ? sup->properties[i] : NULL;
        if (sp && p == sp) {
            put_u8(b, 1);
            continue;
        }
        put_u8(b, 0);
        put_var(b, p->flags);
        put_str(b, p->name);
        if (enc_quals(b, p->qualifiers, p->numQualifiers, sp ? sp->qualifiers : NULL,
                      sp ? sp->numQualifiers : 0, err) < 0)
            return -1;
        put_u8(b, p->type);
        put_str(b, p->className);
        put_var(b, p->subscript);
        put_str(b, p->origin);
        put_str(b, p->propagator);
        put_u8(b, p->value ? 1 : 0);
        if (p->value && enc_value(b, (MI_Type)p->type, p->value, 0, err) < 0)
            return -1;
    }
    put_var(b, cd->numMethods);
    for (MI_Uint32 i = 0; i < cd->numMethods; i++) {
        const MI_MethodDecl *sm = sup && i < sup->numMethods ? sup->methods[i] : NULL;
        if (sm && (!sm->name || !cd->methods[i]->name ||
                   !mi_name_eq(sm->name, cd->methods[i]->name)))
            sm = NULL;
        if (enc_method(b, cd->methods[i], sm, err) < 0)
            return -1;
    }
    return mi_buf_failed(b) ? enc_fail(err, "blob too large or out of memory", NULL) : 0;
}

int mi_repo_encode_qualdecl(mi_buf *b, const MI_QualifierDecl *qd, mi_buf *err)
{
    put_u8(b, 'Q');
    put_u8(b, MI_REPO_BLOB_VERSION);
    put_str(b, qd->name);
    put_u8(b, qd->type);
    put_var(b, qd->scope);
    put_var(b, qd->flavor);
    put_var(b, qd->subscript);
    put_u8(b, qd->value ? 1 : 0);
    if (qd->value && enc_value(b, (MI_Type)qd->type, qd->value, 0, err) < 0)
        return -1;
    return mi_buf_failed(b) ? enc_fail(err, "blob too large or out of memory", NULL) : 0;
}

int mi_repo_encode_instance(mi_buf *b, const MI_Instance *inst, mi_buf *err)
{
    put_u8(b, 'I');
    put_u8(b, MI_REPO_BLOB_VERSION);
    if (enc_instance(b, inst, 0, err) < 0)
        return -1;
    return mi_buf_failed(b) ? enc_fail(err, "blob too large or out of memory", NULL) : 0;
}

/* ------------------------------------------------------------------ reading */

typedef struct rd {
    const unsigned char *p, *end;
    mi_arena *a;
    mi_buf *err;
    MI_Result rc;       /* first failure; OK while none */
    bool copy_strings;  /* copy strings into a (else point into the blob) */
    mi_repo_class_lookup lookup;
    void *ctx;
    const char *ns;
} rd;

/* Records the first failure; always returns false. */
static bool bad(rd *r, const char *what)
{
    if (r->rc == MI_RESULT_OK) {
        r->rc = MI_RESULT_FAILED;
        if (r->err)
            mi_buf_printf(r->err, "malformed blob: %s", what);
    }
    return false;
}

static bool nomem(rd *r)
{
    if (r->rc == MI_RESULT_OK) {
        r->rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        if (r->err)
            mi_buf_puts(r->err, "out of memory decoding a blob");
    }
    return false;
}

static size_t left(const rd *r)
{
    return (size_t)(r->end - r->p);
}

static bool get_u8(rd *r, unsigned *v)
{
    if (r->p >= r->end)
        return bad(r, "truncated");
    *v = *r->p++;
    return true;
}

static bool get_var(rd *r, uint64_t *v)
{
    uint64_t x = 0;
    for (unsigned shift = 0;; shift += 7) {
        if (r->p >= r->end)
            return bad(r, "truncated number");
        unsigned c = *r->p++;
        if (shift == 63 && (c & 0x7e))
            return bad(r, "number too large");
        x |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80))
            break;
        if (shift == 63)
            return bad(r, "number too long");
    }
    *v = x;
    return true;
}

static bool get_u32(rd *r, uint32_t *v)
{
    uint64_t x;
    if (!get_var(r, &x))
        return false;
    if (x > UINT32_MAX)
        return bad(r, "32-bit number out of range");
    *v = (uint32_t)x;
    return true;
}

static int64_t unzigzag(uint64_t v)
{
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

/* A count of items that take at least one byte each. */
static bool get_count(rd *r, uint32_t *n)
{
    if (!get_u32(r, n))
        return false;
    if (*n > left(r))
        return bad(r, "count larger than the blob");
    return true;
}

/* True if p[0..n) is ASCII without NUL (the common case, checked 8 bytes at a time). */
static bool plain_ascii(const unsigned char *p, size_t n)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, p + i, 8);
        if ((v & highs) || ((v - ones) & ~v & highs))
            return false;
    }
    for (; i < n; i++) {
        if (p[i] == 0 || p[i] >= 0x80)
            return false;
    }
    return true;
}

/* A string (NULL allowed only when nullable). Valid UTF-8, NUL-terminated, no NUL
 * inside. */
static bool get_str(rd *r, const char **s, bool nullable)
{
    uint64_t n;
    if (!get_var(r, &n))
        return false;
    if (n == 0) {
        if (!nullable)
            return bad(r, "missing string");
        *s = NULL;
        return true;
    }
    n--;
    if (n >= left(r) || r->p[n] != 0)
        return bad(r, "string runs past the blob");
    if (!plain_ascii(r->p, n) &&
        (memchr(r->p, 0, n) || !mi_utf8_valid((const char *)r->p, n, NULL)))
        return bad(r, "string is not valid UTF-8");
    if (r->copy_strings) {
        char *c = mi_arena_strndup(r->a, (const char *)r->p, n);
        if (!c)
            return nomem(r);
        *s = c;
    } else {
        *s = (const char *)r->p;
    }
    r->p += n + 1;
    return true;
}

static bool get_name(rd *r, const char **s)
{
    if (!get_str(r, s, false))
        return false;
    if (!mi_is_identifier(*s))
        return bad(r, "name is not a CIM identifier");
    return true;
}

static bool valid_type(unsigned t)
{
    return t <= MI_INSTANCEA && mi_type_size((MI_Type)t) != 0;
}

static bool dec_instance(rd *r, unsigned depth, bool top, MI_Instance **out);

static bool dec_scalar_aligned(rd *r, MI_Type t, MI_Value *x, unsigned depth);

/* Decodes one scalar of type t into dst, which may be an array element aligned only
 * for its own type: the value is built in an aligned MI_Value, then copied. */
static bool dec_scalar(rd *r, MI_Type t, void *dst, unsigned depth)
{
    MI_Value local;
    memset(&local, 0, sizeof local);
    if (!dec_scalar_aligned(r, t, &local, depth))
        return false;
    size_t size = mi_type_size(t);
    memcpy(dst, &local, size <= sizeof local ? size : 0);
    return true;
}

static bool dec_scalar_aligned(rd *r, MI_Type t, MI_Value *x, unsigned depth)
{
    unsigned u;
    uint64_t v;
    switch (t) {
    case MI_BOOLEAN:
        if (!get_u8(r, &u))
            return false;
        if (u > 1)
            return bad(r, "boolean neither 0 nor 1");
        x->boolean = (MI_Boolean)u;
        return true;
    case MI_UINT8:
    case MI_SINT8:
        if (!get_u8(r, &u))
            return false;
        if (t == MI_UINT8)
            x->uint8 = (MI_Uint8)u;
        else
            x->sint8 = (MI_Sint8)(int8_t)(uint8_t)u;
        return true;
    case MI_REAL32:
    case MI_REAL64: {
        unsigned bytes = t == MI_REAL32 ? 4 : 8;
        if (left(r) < bytes)
            return bad(r, "truncated real");
        v = 0;
        for (unsigned i = 0; i < bytes; i++)
            v |= (uint64_t)r->p[i] << (8 * i);
        r->p += bytes;
        if (t == MI_REAL32) {
            uint32_t bits = (uint32_t)v;
            memcpy(&x->real32, &bits, 4);
        } else {
            memcpy(&x->real64, &v, 8);
        }
        return true;
    }
    case MI_DATETIME: {
        if (!get_u8(r, &u))
            return false;
        if (u > 1)
            return bad(r, "datetime kind neither 0 nor 1");
        uint32_t f[8] = {0};
        unsigned nf = u ? 7 : 5;
        for (unsigned i = 0; i < nf; i++) {
            if (!get_u32(r, &f[i]))
                return false;
        }
        memset(&x->datetime, 0, sizeof x->datetime);
        x->datetime.isTimestamp = u;
        if (u) {
            if (!get_var(r, &v))
                return false;
            int64_t utc = unzigzag(v);
            if (utc < INT32_MIN || utc > INT32_MAX)
                return bad(r, "datetime UTC offset out of range");
            MI_Timestamp *ts = &x->datetime.u.timestamp;
            ts->year = f[0];
            ts->month = f[1];
            ts->day = f[2];
            ts->hour = f[3];
            ts->minute = f[4];
            ts->second = f[5];
            ts->microseconds = f[6];
            ts->utc = (MI_Sint32)utc;
        } else {
            MI_Interval *iv = &x->datetime.u.interval;
            iv->days = f[0];
            iv->hours = f[1];
            iv->minutes = f[2];
            iv->seconds = f[3];
            iv->microseconds = f[4];
        }
        return true;
    }
    case MI_STRING: {
        const char *s;
        if (!get_str(r, &s, false))
            return false;
        x->string = (MI_Char *)s;
        return true;
    }
    case MI_REFERENCE:
    case MI_INSTANCE:
        return dec_instance(r, depth + 1, false, &x->instance);
    default:
        break;
    }
    if (!get_var(r, &v))
        return false;
    switch (t) {
    case MI_UINT16:
    case MI_CHAR16:
        if (v > UINT16_MAX)
            return bad(r, "16-bit number out of range");
        if (t == MI_UINT16)
            x->uint16 = (MI_Uint16)v;
        else
            x->char16 = (MI_Char16)v;
        return true;
    case MI_SINT16: {
        int64_t s = unzigzag(v);
        if (s < INT16_MIN || s > INT16_MAX)
            return bad(r, "16-bit number out of range");
        x->sint16 = (MI_Sint16)s;
        return true;
    }
    case MI_UINT32:
        if (v > UINT32_MAX)
            return bad(r, "32-bit number out of range");
        x->uint32 = (MI_Uint32)v;
        return true;
    case MI_SINT32: {
        int64_t s = unzigzag(v);
        if (s < INT32_MIN || s > INT32_MAX)
            return bad(r, "32-bit number out of range");
        x->sint32 = (MI_Sint32)s;
        return true;
    }
    case MI_UINT64:
        x->uint64 = v;
        return true;
    case MI_SINT64:
        x->sint64 = unzigzag(v);
        return true;
    default:
        return bad(r, "invalid type");
    }
}

/* A value of type t into *dst (an MI_Value; only the member of t is written). */
static bool dec_value(rd *r, MI_Type t, MI_Value *dst, unsigned depth)
{
    if (!valid_type(t))
        return bad(r, "invalid type");
    if (!(t & MI_ARRAY))
        return dec_scalar(r, t, dst, depth);
    MI_Type et = (MI_Type)(t & ~MI_ARRAY);
    size_t es = mi_type_size(et);
    uint32_t n;
    if (!get_count(r, &n))
        return false;
    char *data = NULL;
    if (n) {
        data = mi_arena_calloc(r->a, (size_t)n * es);
        if (!data)
            return nomem(r);
    }
    for (uint32_t i = 0; i < n; i++) {
        MI_Value tmp;
        if (!dec_scalar(r, et, &tmp, depth))
            return false;
        memcpy(data + (size_t)i * es, &tmp, es);
    }
    dst->array.data = data;
    dst->array.size = n;
    return true;
}

/* A value stored behind a pointer (qualifier values, defaults): allocated from the
 * arena, only its member written. */
static bool dec_value_ptr(rd *r, MI_Type t, const void **out)
{
    MI_Value *v = mi_arena_calloc(r->a, sizeof *v);
    if (!v)
        return nomem(r);
    if (!dec_value(r, t, v, 0))
        return false;
    *out = v;
    return true;
}

static bool dec_instance(rd *r, unsigned depth, bool top, MI_Instance **out)
{
    const char *cls;
    uint64_t flags64;
    uint32_t n;
    MI_Instance *inst = NULL;
    if (depth > MI_REPO_BLOB_MAX_DEPTH)
        return bad(r, "embedded instances nest too deep");
    if (!get_name(r, &cls) || !get_var(r, &flags64) || !get_count(r, &n))
        return false;
    const MI_ClassDecl *cd = r->lookup ? r->lookup(r->ctx, cls) : NULL;
    if (!cd && top) {
        if (r->rc == MI_RESULT_OK) {
            r->rc = MI_RESULT_FAILED;
            if (r->err)
                mi_buf_printf(r->err, "stored instance of unknown class %s", cls);
        }
        return false;
    }
    MI_Result rc;
    if (cd) {
        rc = mi_instance_new_in(r->a, cd, top ? r->ns : NULL, NULL, &inst);
    } else {
        MI_Uint32 meta = (MI_Uint32)flags64 &
                         (MI_FLAG_CLASS | MI_FLAG_ASSOCIATION | MI_FLAG_INDICATION);
        rc = mi_instance_new_dynamic_in(r->a, cls, meta, &inst);
    }
    if (rc != MI_RESULT_OK)
        return rc == MI_RESULT_SERVER_LIMITS_EXCEEDED ? nomem(r) : bad(r, "bad instance");
    for (uint32_t i = 0; i < n; i++) {
        const char *name;
        unsigned t, null;
        uint32_t eflags;
        MI_Value v;
        memset(&v, 0, sizeof v);
        if (!get_name(r, &name) || !get_u8(r, &t) || !get_u32(r, &eflags) ||
            !get_u8(r, &null))
            return false;
        if (!valid_type(t) || null > 1)
            return bad(r, "invalid element type or NULL flag");
        if (!null && !dec_value(r, (MI_Type)t, &v, depth))
            return false;
        MI_Uint32 set = MI_FLAG_BORROW | (null ? MI_FLAG_NULL : 0);
        if (cd)
            rc = MI_Instance_SetElement(inst, name, null ? NULL : &v, (MI_Type)t, set);
        else
            rc = MI_Instance_AddElement(inst, name, null ? NULL : &v, (MI_Type)t,
                                        (eflags & ELEM_FLAG_MASK) | set);
        if (rc == MI_RESULT_SERVER_LIMITS_EXCEEDED)
            return nomem(r);
        if (rc != MI_RESULT_OK) {
            if (r->rc == MI_RESULT_OK) {
                r->rc = MI_RESULT_FAILED;
                if (r->err)
                    mi_buf_printf(r->err,
                                  "stored element %s of an instance of %s does not match "
                                  "its class (%s)", name, cls, mi_cim_last_error());
            }
            return false;
        }
    }
    *out = inst;
    return true;
}

static bool dec_quals(rd *r, MI_Qualifier MI_CONST *MI_CONST *ref, MI_Uint32 nref,
                      MI_Qualifier MI_CONST *MI_CONST **out, MI_Uint32 *nout)
{
    unsigned mode;
    uint32_t n;
    if (!get_u8(r, &mode))
        return false;
    if (mode == 1) {
        if (!ref && nref)
            return bad(r, "inherited qualifier list without a superclass member");
        *out = ref;
        *nout = nref;
        return true;
    }
    if (mode != 0 || !get_count(r, &n))
        return mode != 0 ? bad(r, "invalid qualifier list mode") : false;
    MI_Qualifier **list = NULL;
    if (n) {
        list = mi_arena_alloc(r->a, (size_t)n * sizeof *list);
        MI_Qualifier *qs = mi_arena_calloc(r->a, (size_t)n * sizeof *qs);
        if (!list || !qs)
            return nomem(r);
        for (uint32_t i = 0; i < n; i++) {
            unsigned t, has;
            list[i] = &qs[i];
            if (!get_name(r, &qs[i].name) || !get_u8(r, &t) || !get_u32(r, &qs[i].flavor) ||
                !get_u8(r, &has))
                return false;
            if (!valid_type(t) || has > 1)
                return bad(r, "invalid qualifier type");
            qs[i].type = t;
            if (has && !dec_value_ptr(r, (MI_Type)t, &qs[i].value))
                return false;
        }
    }
    *out = (MI_Qualifier MI_CONST *MI_CONST *)list;
    *nout = n;
    return true;
}

static bool dec_method(rd *r, const MI_MethodDecl *sup, const MI_MethodDecl **out)
{
    unsigned mode, t;
    if (!get_u8(r, &mode))
        return false;
    if (mode == 1) {
        if (!sup)
            return bad(r, "inherited method without a superclass method");
        *out = sup;
        return true;
    }
    if (mode != 0)
        return bad(r, "invalid method mode");
    MI_MethodDecl *md = mi_arena_calloc(r->a, sizeof *md);
    if (!md)
        return nomem(r);
    uint32_t np;
    if (!get_u32(r, &md->flags) || !get_name(r, &md->name) ||
        !dec_quals(r, sup ? sup->qualifiers : NULL, sup ? sup->numQualifiers : 0,
                   &md->qualifiers, &md->numQualifiers) ||
        !get_u32(r, &md->returnType) || !get_str(r, &md->origin, true) ||
        !get_str(r, &md->propagator, true) || !get_count(r, &np))
        return false;
    if (!valid_type(md->returnType))
        return bad(r, "invalid method return type");
    md->code = mi_name_code(md->name);
    if (np) {
        MI_ParameterDecl **ps = mi_arena_alloc(r->a, (size_t)np * sizeof *ps);
        MI_ParameterDecl *pv = mi_arena_calloc(r->a, (size_t)np * sizeof *pv);
        if (!ps || !pv)
            return nomem(r);
        for (uint32_t j = 0; j < np; j++) {
            MI_ParameterDecl *p = &pv[j];
            const MI_ParameterDecl *sp =
                sup && j < sup->numParameters ? sup->parameters[j] : NULL;
            ps[j] = p;
            if (!get_u32(r, &p->flags) || !get_name(r, &p->name) ||
                !dec_quals(r, sp ? sp->qualifiers : NULL, sp ? sp->numQualifiers : 0,
                           &p->qualifiers, &p->numQualifiers) ||
                !get_u8(r, &t) || !get_str(r, &p->className, true) ||
                !get_u32(r, &p->subscript))
                return false;
            if (!valid_type(t))
                return bad(r, "invalid parameter type");
            p->type = t;
            p->code = mi_name_code(p->name);
        }
        md->parameters = (MI_ParameterDecl MI_CONST *MI_CONST *)ps;
    }
    md->numParameters = np;
    mi_methoddecl_layout(md);
    *out = md;
    return true;
}

static bool dec_header(rd *r, unsigned kind)
{
    unsigned k, v;
    if (!get_u8(r, &k) || !get_u8(r, &v))
        return false;
    if (k != kind)
        return bad(r, "wrong blob kind");
    if (v != MI_REPO_BLOB_VERSION)
        return bad(r, "unknown blob version");
    return true;
}

static void rd_init(rd *r, mi_arena *a, const unsigned char *blob, size_t n, mi_buf *err)
{
    memset(r, 0, sizeof *r);
    r->p = blob;
    r->end = blob + n;
    r->a = a;
    r->err = err;
}

static bool dec_class(rd *r, MI_ClassDecl **out)
{
    MI_ClassDecl *cd = mi_arena_calloc(r->a, sizeof *cd);
    uint32_t np, nm;
    if (!cd)
        return nomem(r);
    if (!dec_header(r, 'C') || !get_u32(r, &cd->flags) || !get_name(r, &cd->name) ||
        !get_str(r, &cd->superClass, true))
        return false;
    cd->code = mi_name_code(cd->name);
    const MI_ClassDecl *sup = NULL;
    if (cd->superClass) {
        if (!mi_is_identifier(cd->superClass))
            return bad(r, "superclass name is not a CIM identifier");
        sup = r->lookup ? r->lookup(r->ctx, cd->superClass) : NULL;
        if (!sup) {
            if (r->rc == MI_RESULT_OK) {
                r->rc = MI_RESULT_FAILED;
                if (r->err)
                    mi_buf_printf(r->err, "superclass %s of %s is not stored before it",
                                  cd->superClass, cd->name);
            }
            return false;
        }
        cd->superClassDecl = sup;
    }
    if (!dec_quals(r, NULL, 0, &cd->qualifiers, &cd->numQualifiers) || !get_count(r, &np))
        return false;
    if (sup && np < sup->numProperties)
        return bad(r, "fewer properties than the superclass");
    if (np) {
        MI_PropertyDecl **ps = mi_arena_alloc(r->a, (size_t)np * sizeof *ps);
        if (!ps)
            return nomem(r);
        for (uint32_t i = 0; i < np; i++) {
            const MI_PropertyDecl *sp = sup && i < sup->numProperties ? sup->properties[i]
                                                                      : NULL;
            unsigned mode, t, has;
            if (!get_u8(r, &mode))
                return false;
            if (mode == 1) {
                if (!sp)
                    return bad(r, "inherited property without a superclass property");
                ps[i] = (MI_PropertyDecl *)sp;
                continue;
            }
            if (mode != 0)
                return bad(r, "invalid property mode");
            MI_PropertyDecl *p = mi_arena_calloc(r->a, sizeof *p);
            if (!p)
                return nomem(r);
            ps[i] = p;
            if (!get_u32(r, &p->flags) || !get_name(r, &p->name) ||
                !dec_quals(r, sp ? sp->qualifiers : NULL, sp ? sp->numQualifiers : 0,
                           &p->qualifiers, &p->numQualifiers) ||
                !get_u8(r, &t) || !get_str(r, &p->className, true) ||
                !get_u32(r, &p->subscript) || !get_str(r, &p->origin, true) ||
                !get_str(r, &p->propagator, true) || !get_u8(r, &has))
                return false;
            if (!valid_type(t) || has > 1)
                return bad(r, "invalid property type");
            p->type = t;
            p->code = mi_name_code(p->name);
            if (has && !dec_value_ptr(r, (MI_Type)t, &p->value))
                return false;
        }
        cd->properties = (MI_PropertyDecl MI_CONST *MI_CONST *)ps;
    }
    cd->numProperties = np;
    if (!get_count(r, &nm))
        return false;
    if (nm) {
        const MI_MethodDecl **ms = mi_arena_alloc(r->a, (size_t)nm * sizeof *ms);
        if (!ms)
            return nomem(r);
        for (uint32_t i = 0; i < nm; i++) {
            const MI_MethodDecl *sm = sup && i < sup->numMethods ? sup->methods[i] : NULL;
            if (!dec_method(r, sm, &ms[i]))
                return false;
        }
        cd->methods = (MI_MethodDecl MI_CONST *MI_CONST *)ms;
    }
    cd->numMethods = nm;
    if (r->p != r->end)
        return bad(r, "trailing bytes");
    mi_classdecl_layout(cd);
    *out = cd;
    return true;
}

MI_Result mi_repo_decode_class(mi_arena *a, const unsigned char *blob, size_t n,
                               mi_repo_class_lookup lookup, void *ctx,
                               MI_ClassDecl **out, mi_buf *err)
{
    rd r;
    rd_init(&r, a, blob, n, err);
    r.lookup = lookup;
    r.ctx = ctx;
    *out = NULL;
    if (!dec_class(&r, out) && r.rc == MI_RESULT_OK)
        bad(&r, "undecodable class");
    return r.rc;
}

MI_Result mi_repo_decode_qualdecl(mi_arena *a, const unsigned char *blob, size_t n,
                                  MI_QualifierDecl **out, mi_buf *err)
{
    rd r;
    unsigned t, has;
    rd_init(&r, a, blob, n, err);
    *out = NULL;
    MI_QualifierDecl *qd = mi_arena_calloc(a, sizeof *qd);
    if (!qd) {
        nomem(&r);
        goto out;
    }
    if (!dec_header(&r, 'Q') || !get_name(&r, &qd->name) || !get_u8(&r, &t) ||
        !get_u32(&r, &qd->scope) || !get_u32(&r, &qd->flavor) ||
        !get_u32(&r, &qd->subscript) || !get_u8(&r, &has))
        goto out;
    if (!valid_type(t) || has > 1) {
        bad(&r, "invalid qualifier declaration type");
        goto out;
    }
    qd->type = t;
    if (has && !dec_value_ptr(&r, (MI_Type)t, &qd->value))
        goto out;
    if (r.p != r.end) {
        bad(&r, "trailing bytes");
        goto out;
    }
    *out = qd;
out:
    return r.rc;
}

MI_Result mi_repo_decode_instance(mi_arena *a, const unsigned char *blob, size_t n,
                                  mi_repo_class_lookup lookup, void *ctx, const char *ns,
                                  MI_Instance **out, mi_buf *err)
{
    rd r;
    rd_init(&r, a, blob, n, err);
    r.copy_strings = true;
    r.lookup = lookup;
    r.ctx = ctx;
    r.ns = ns;
    *out = NULL;
    MI_Instance *inst = NULL;
    if (!dec_header(&r, 'I') || !dec_instance(&r, 0, true, &inst))
        goto out;
    if (r.p != r.end) {
        bad(&r, "trailing bytes");
        goto out;
    }
    *out = inst;
out:
    if (r.rc == MI_RESULT_OK && !*out)
        bad(&r, "undecodable instance");
    return r.rc;
}
