/* build.c - semantic half of the MOF compiler: qualifier checks and propagation, value
 * conversion and range checks, and the flattened MI_ClassDecl of each class.
 *
 * Sharing: MI_Qualifier objects are shared between elements wherever the same usage
 * applies (a propagated qualifier is the same object in the superclass and the
 * subclass; a plain [Key] or [In] is one object per compilation), and an inherited
 * element whose qualifiers are all propagated shares the superclass element's
 * qualifier array. Everything lives in the compile arena `out`, adopted by the
 * repository as one piece, so sharing needs no ownership rules.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/str.h"
#include "mof/mof_int.h"

/* ------------------------------------------------------------------ helpers */

const char *mof_type_str(MI_Type t)
{
    const char *n = mi_type_name(t);
    if (t == MI_INSTANCE)
        return "embedded instance";
    if (t == MI_INSTANCEA)
        return "embedded instance array";
    if (t == MI_REFERENCE)
        return "reference";
    if (t == MI_REFERENCEA)
        return "reference array";
    return n ? n : "?";
}

static const char *pv_str(const pval *v)
{
    switch (v->kind) {
    case PV_NULL: return "NULL";
    case PV_BOOL: return "a boolean";
    case PV_INT: return "an integer";
    case PV_REAL: return "a real number";
    case PV_STRING: return "a string";
    case PV_CHAR: return "a char16 literal";
    case PV_ALIAS: return "an alias";
    case PV_INSTANCE: return "an embedded instance";
    case PV_ARRAY: return "an array";
    }
    return "a value";
}

static void scope_str(MI_Uint32 s, char *buf, size_t n)
{
    static const struct { MI_Uint32 bit; const char *name; } names[] = {
        {MI_FLAG_CLASS, "class"},         {MI_FLAG_ASSOCIATION, "association"},
        {MI_FLAG_INDICATION, "indication"}, {MI_FLAG_PROPERTY, "property"},
        {MI_FLAG_REFERENCE, "reference"}, {MI_FLAG_METHOD, "method"},
        {MI_FLAG_PARAMETER, "parameter"},
    };
    size_t len = 0;
    buf[0] = '\0';
    if ((s & MI_FLAG_ANY) == MI_FLAG_ANY) {
        snprintf(buf, n, "any");
        return;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(s & names[i].bit))
            continue;
        int w = snprintf(buf + len, n - len, "%s%s", len ? ", " : "", names[i].name);
        if (w < 0 || (size_t)w >= n - len)
            break;
        len += (size_t)w;
    }
    if (!len)
        snprintf(buf, n, "none");
}

static const char *kind_str(MI_Uint32 scope)
{
    switch (scope) {
    case MI_FLAG_CLASS: return "class";
    case MI_FLAG_ASSOCIATION: return "association";
    case MI_FLAG_INDICATION: return "indication";
    case MI_FLAG_PROPERTY: return "property";
    case MI_FLAG_REFERENCE: return "reference";
    case MI_FLAG_METHOD: return "method";
    case MI_FLAG_PARAMETER: return "parameter";
    default: return "element";
    }
}

bool mof_qual_true(MI_Qualifier MI_CONST *MI_CONST *q, MI_Uint32 n, const char *name)
{
    const MI_Qualifier *x = mi_qualifier_find(q, n, name);
    return x && x->type == MI_BOOLEAN && x->value && *(const MI_Boolean *)x->value;
}

const char *mof_qual_string(MI_Qualifier MI_CONST *MI_CONST *q, MI_Uint32 n,
                            const char *name)
{
    const MI_Qualifier *x = mi_qualifier_find(q, n, name);
    return x && x->type == MI_STRING && x->value ? *(const char *const *)x->value : NULL;
}

static bool qualifier_propagates(const MI_Qualifier *q)
{
    return (q->flavor & MI_FLAG_TOSUBCLASS) && !(q->flavor & MI_FLAG_RESTRICTED);
}

/* ------------------------------------------------------------------ values */

const void *mof_box_value(mof_comp *c, MI_Type t, const MI_Value *v)
{
    size_t n = mi_type_size(t);
    void *p = mi_arena_alloc(c->out, n);
    if (p)
        memcpy(p, v, n);
    return p;
}

static bool datetime_equal(const MI_Datetime *a, const MI_Datetime *b)
{
    if (a->isTimestamp != b->isTimestamp)
        return false;
    if (a->isTimestamp) {
        const MI_Timestamp *x = &a->u.timestamp, *y = &b->u.timestamp;
        return x->year == y->year && x->month == y->month && x->day == y->day &&
               x->hour == y->hour && x->minute == y->minute && x->second == y->second &&
               x->microseconds == y->microseconds && x->utc == y->utc;
    }
    const MI_Interval *x = &a->u.interval, *y = &b->u.interval;
    return x->days == y->days && x->hours == y->hours && x->minutes == y->minutes &&
           x->seconds == y->seconds && x->microseconds == y->microseconds;
}

/* Equality of one element of type t (scalar) at a and b. */
static bool elem_equal(MI_Type t, const void *a, const void *b)
{
    switch (t) {
    case MI_STRING: return strcmp(*(const char *const *)a, *(const char *const *)b) == 0;
    case MI_DATETIME: return datetime_equal(a, b);
    case MI_REAL32: return *(const MI_Real32 *)a == *(const MI_Real32 *)b;
    case MI_REAL64: return *(const MI_Real64 *)a == *(const MI_Real64 *)b;
    case MI_REFERENCE:
    case MI_INSTANCE: return *(const void *const *)a == *(const void *const *)b;
    default: return memcmp(a, b, mi_type_size(t)) == 0;
    }
}

bool mof_boxed_equal(MI_Type t, const void *a, const void *b)
{
    if (!a || !b)
        return a == b;
    if (!(t & MI_ARRAY))
        return elem_equal(t, a, b);
    const MI_Array *x = a, *y = b;
    if (x->size != y->size)
        return false;
    MI_Type et = (MI_Type)(t & ~MI_ARRAY);
    size_t es = mi_type_size(et);
    for (MI_Uint32 i = 0; i < x->size; i++) {
        if (!elem_equal(et, (const char *)x->data + i * es, (const char *)y->data + i * es))
            return false;
    }
    return true;
}

static bool mismatch(mof_comp *c, const pval *v, MI_Type t)
{
    mof_error(c, &v->tok, MI_RESULT_TYPE_MISMATCH, "expected a %s value, found %s",
              mof_type_str(t), pv_str(v));
    return false;
}

/* Range check of an integer literal for type t. Hexadecimal, octal and binary
 * literals may also give the two's-complement bit pattern of a signed type
 * (sint8 0xFF = -1, sint64 0x8000000000000000 = minimum), as OMI's files do. */
static bool conv_int(mof_comp *c, const pval *v, MI_Type t, void *dst)
{
    static const struct { MI_Type t; unsigned bits; bool sig; } ints[] = {
        {MI_UINT8, 8, false},   {MI_SINT8, 8, true},   {MI_UINT16, 16, false},
        {MI_SINT16, 16, true},  {MI_UINT32, 32, false}, {MI_SINT32, 32, true},
        {MI_UINT64, 64, false}, {MI_SINT64, 64, true},
    };
    unsigned bits = 0;
    bool sig = false;
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        if (ints[i].t == t) {
            bits = ints[i].bits;
            sig = ints[i].sig;
        }
    }
    uint64_t mag = v->u.i.mag;
    bool neg = v->u.i.neg && mag != 0;
    uint64_t umax = bits == 64 ? UINT64_MAX : (((uint64_t)1 << bits) - 1);
    uint64_t smax = umax >> 1;
    uint64_t bitsv = 0; /* the value's bit pattern in `bits` bits */
    bool ok;
    if (!sig) {
        ok = !neg && mag <= umax;
        bitsv = mag;
    } else if (neg) {
        ok = mag <= smax + 1;
        bitsv = (~mag + 1) & umax;
    } else {
        ok = mag <= smax || (v->u.i.radix && mag <= umax);
        bitsv = mag;
    }
    if (!ok) {
        if (sig)
            mof_error(c, &v->tok, MI_RESULT_TYPE_MISMATCH,
                      "value %s%llu is out of range for %s (-%llu to %llu)", neg ? "-" : "",
                      (unsigned long long)mag, mi_type_name(t),
                      (unsigned long long)smax + 1, (unsigned long long)smax);
        else
            mof_error(c, &v->tok, MI_RESULT_TYPE_MISMATCH,
                      "value %s%llu is out of range for %s (0 to %llu)", neg ? "-" : "",
                      (unsigned long long)mag, mi_type_name(t), (unsigned long long)umax);
        return false;
    }
    switch (t) {
    case MI_UINT8: *(MI_Uint8 *)dst = (MI_Uint8)bitsv; break;
    case MI_SINT8: *(MI_Sint8 *)dst = (MI_Sint8)(MI_Uint8)bitsv; break;
    case MI_UINT16: *(MI_Uint16 *)dst = (MI_Uint16)bitsv; break;
    case MI_SINT16: *(MI_Sint16 *)dst = (MI_Sint16)(MI_Uint16)bitsv; break;
    case MI_UINT32: *(MI_Uint32 *)dst = (MI_Uint32)bitsv; break;
    case MI_SINT32: *(MI_Sint32 *)dst = (MI_Sint32)(MI_Uint32)bitsv; break;
    case MI_UINT64: *(MI_Uint64 *)dst = bitsv; break;
    default: *(MI_Sint64 *)dst = (MI_Sint64)bitsv; break;
    }
    return true;
}

/* Resolves an object path string to a reference instance (keys only) in `out`. */
static MI_Instance *resolve_path(mof_comp *c, const pval *v, const char *cls)
{
    MI_Instance *ref = NULL;
    mi_buf err;
    mi_buf_init(&err, 4096);
    mi_path p;
    MI_Result rc = mi_path_parse(&c->stmt, v->u.str.s, &p, &err);
    if (rc != MI_RESULT_OK) {
        mof_error(c, &v->tok, MI_RESULT_INVALID_PARAMETER, "invalid object path \"%.200s\": %s",
                  v->u.str.s, mi_buf_str(&err));
        goto out_free_err;
    }
    comp_ns *ns = c->ns;
    if (p.ns && !(ns = mof_lookup_namespace(c, p.ns))) {
        mof_error(c, &v->tok, MI_RESULT_INVALID_NAMESPACE,
                  "object path names unknown namespace %.200s", p.ns);
        goto out_free_err;
    }
    const MI_ClassDecl *cd = mof_find_class(c, ns, p.cls, strlen(p.cls));
    if (!cd) {
        mof_error(c, &v->tok, MI_RESULT_INVALID_CLASS,
                  "object path names unknown class %.200s", p.cls);
        goto out_free_err;
    }
    if (cls && !mi_classdecl_is_a(cd, cls)) {
        mof_error(c, &v->tok, MI_RESULT_TYPE_MISMATCH,
                  "the reference must point to a %s, but the object path names a %s", cls,
                  cd->name);
        goto out_free_err;
    }
    rc = mi_path_normalize(&c->stmt, &p, cd, &err);
    if (rc != MI_RESULT_OK) {
        mof_error(c, &v->tok, rc, "invalid object path \"%.200s\": %s", v->u.str.s,
                  mi_buf_str(&err));
        goto out_free_err;
    }
    rc = mi_instance_new_in(c->out, cd, ns->name, NULL, &ref);
    if (rc != MI_RESULT_OK) {
        mof_error(c, &v->tok, rc, "out of memory");
        ref = NULL;
        goto out_free_err;
    }
    /* a reference holds the keys only */
    for (MI_Uint32 i = 0; i < cd->numProperties; i++)
        MI_Instance_ClearElementAt(ref, i);
    for (size_t k = 0; k < p.nkeys; k++) {
        MI_Uint32 idx;
        if (!mi_classdecl_property(cd, p.keys[k].name, &idx))
            continue;
        rc = MI_Instance_SetElementAt(ref, idx, &p.keys[k].value, p.keys[k].type, 0);
        if (rc != MI_RESULT_OK) {
            mof_error(c, &v->tok, rc, "cannot set key %s of the object path",
                      p.keys[k].name);
            ref = NULL;
            goto out_free_err;
        }
    }
out_free_err:
    mi_buf_free(&err);
    return ref;
}

static bool add_fixup(mof_comp *c, const pval *v, MI_Type t, const char *cls, inst_rec *ir,
                      bool key, void *slot)
{
    if (!ir) {
        mof_error(c, &v->tok, MI_RESULT_INVALID_PARAMETER,
                  "an alias can only be used as the value of an instance property");
        return false;
    }
    alias_fixup *f = mof_alloc(c, &c->tmp, sizeof *f, &v->tok);
    char *name = mof_strndup(c, &c->tmp, v->u.alias.name, v->u.alias.len, &v->tok);
    if (!f || !name)
        return false;
    f->name = name;
    f->pos = mof_tok_pos(&v->tok);
    f->slot = slot;
    f->type = t;
    f->cls = cls;
    f->user = ir;
    f->key = key;
    f->ds = c->cur_dset;
    *(MI_Instance **)slot = NULL;
    if (mi_vec_push(&c->fixups, f)) {
        mof_error(c, &v->tok, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        return false;
    }
    return true;
}

/* Converts scalar v to type t, writing mi_type_size(t) bytes at dst. */
static bool conv_scalar(mof_comp *c, const pval *v, MI_Type t, const char *cls, inst_rec *ir,
                        bool key, void *dst)
{
    switch (t) {
    case MI_BOOLEAN:
        if (v->kind != PV_BOOL)
            return mismatch(c, v, t);
        *(MI_Boolean *)dst = v->u.b ? MI_TRUE : MI_FALSE;
        return true;
    case MI_UINT8: case MI_SINT8: case MI_UINT16: case MI_SINT16:
    case MI_UINT32: case MI_SINT32: case MI_UINT64: case MI_SINT64:
        if (v->kind != PV_INT)
            return mismatch(c, v, t);
        return conv_int(c, v, t, dst);
    case MI_REAL32:
    case MI_REAL64: {
        double d;
        if (v->kind == PV_REAL)
            d = v->u.d;
        else if (v->kind == PV_INT)
            d = v->u.i.neg ? -(double)v->u.i.mag : (double)v->u.i.mag;
        else
            return mismatch(c, v, t);
        if (t == MI_REAL32) {
            if (fabs(d) > FLT_MAX) {
                mof_error(c, &v->tok, MI_RESULT_TYPE_MISMATCH,
                          "value %g is out of range for real32", d);
                return false;
            }
            *(MI_Real32 *)dst = (MI_Real32)d;
        } else {
            *(MI_Real64 *)dst = d;
        }
        return true;
    }
    case MI_CHAR16:
        if (v->kind != PV_CHAR)
            return mismatch(c, v, t);
        *(MI_Char16 *)dst = (MI_Char16)v->u.ch;
        return true;
    case MI_STRING:
        if (v->kind != PV_STRING)
            return mismatch(c, v, t);
        *(char **)dst = v->u.str.s;
        return true;
    case MI_DATETIME: {
        if (v->kind != PV_STRING)
            return mismatch(c, v, t);
        const char *why = NULL;
        if (mi_datetime_parse(v->u.str.s, (MI_Datetime *)dst, &why) != MI_RESULT_OK) {
            mof_error(c, &v->tok, MI_RESULT_TYPE_MISMATCH,
                      "invalid datetime value \"%.60s\": %s", v->u.str.s,
                      why ? why : "malformed");
            return false;
        }
        return true;
    }
    case MI_REFERENCE:
        if (v->kind == PV_ALIAS)
            return add_fixup(c, v, t, cls, ir, key, dst);
        if (v->kind == PV_STRING) {
            MI_Instance *ref = resolve_path(c, v, cls);
            *(MI_Instance **)dst = ref;
            return ref != NULL;
        }
        mof_error(c, &v->tok, MI_RESULT_TYPE_MISMATCH,
                  "expected a reference (an alias or an object path string), found %s",
                  pv_str(v));
        return false;
    case MI_INSTANCE:
        if (v->kind == PV_ALIAS)
            return add_fixup(c, v, t, cls, ir, key, dst);
        if (v->kind == PV_INSTANCE) {
            inst_rec *in = v->u.inst;
            if (!in || !in->inst) {
                *(MI_Instance **)dst = NULL;
                return false;
            }
            if (cls && !mi_classdecl_is_a(in->inst->classDecl, cls)) {
                mof_error(c, &v->tok, MI_RESULT_TYPE_MISMATCH,
                          "the embedded instance must be a %s, found an instance of %s", cls,
                          in->inst->classDecl->name);
                return false;
            }
            if (ir && !mof_add_edge(c, ir, in, &v->tok))
                return false;
            *(MI_Instance **)dst = in->inst;
            return true;
        }
        mof_error(c, &v->tok, MI_RESULT_TYPE_MISMATCH,
                  "expected an embedded instance (an alias or 'instance of'), found %s",
                  pv_str(v));
        return false;
    default:
        return mismatch(c, v, t);
    }
}

bool mof_convert(mof_comp *c, const pval *v, MI_Type t, const char *cls, inst_rec *ir,
                 bool key, MI_Value *out, bool *is_null)
{
    memset(out, 0, sizeof *out);
    *is_null = false;
    if (v->kind == PV_NULL) {
        *is_null = true;
        return true;
    }
    if (!(t & MI_ARRAY)) {
        if (v->kind == PV_ARRAY) {
            mof_error(c, &v->tok, MI_RESULT_TYPE_MISMATCH,
                      "expected a single %s value, found an array", mof_type_str(t));
            return false;
        }
        return conv_scalar(c, v, t, cls, ir, key, out);
    }
    MI_Type et = (MI_Type)(t & ~MI_ARRAY);
    if (v->kind != PV_ARRAY) {
        mof_error(c, &v->tok, MI_RESULT_TYPE_MISMATCH,
                  "expected an array value {...} of %s, found %s", mof_type_str(et),
                  pv_str(v));
        return false;
    }
    size_t es = mi_type_size(et);
    char *data = mof_alloc(c, c->out, v->u.arr.n * es, &v->tok);
    if (!data)
        return false;
    bool ok = true;
    for (size_t i = 0; i < v->u.arr.n; i++) {
        const pval *e = &v->u.arr.items[i];
        if (e->kind == PV_NULL) {
            mof_error(c, &e->tok, MI_RESULT_TYPE_MISMATCH,
                      "NULL is not allowed as an array element");
            ok = false;
            continue;
        }
        if (!conv_scalar(c, e, et, cls, ir, key, data + i * es))
            ok = false;
    }
    out->array.data = data;
    out->array.size = (MI_Uint32)v->u.arr.n;
    return ok;
}

bool mof_instance_set(mof_comp *c, inst_rec *ir, MI_Uint32 idx, const MI_PropertyDecl *pd,
                      const pval *v)
{
    MI_Type t = (MI_Type)pd->type;
    deferred_set *ds = mof_alloc(c, &c->tmp, sizeof *ds, &v->tok);
    if (!ds)
        return false;
    memset(ds, 0, sizeof *ds);
    ds->ir = ir;
    ds->index = idx;
    ds->type = t;
    size_t nfix = c->fixups.len;
    bool is_null;
    c->cur_dset = ds;
    bool ok = mof_convert(c, v, t, pd->className, ir, (pd->flags & MI_FLAG_KEY) != 0,
                          &ds->value, &is_null);
    c->cur_dset = NULL;
    if (!ok)
        return false;
    if (pd->subscript && !is_null && ds->value.array.size > pd->subscript) {
        mof_error(c, &v->tok, MI_RESULT_TYPE_MISMATCH,
                  "%u elements given for %s, whose array size is %u",
                  (unsigned)ds->value.array.size, pd->name, (unsigned)pd->subscript);
        return false;
    }
    if (is_null) {
        MI_Instance_ClearElementAt(ir->inst, idx);
        return true;
    }
    if (c->fixups.len != nfix) {
        if (mi_vec_push(&c->dsets, ds)) {
            mof_error(c, &v->tok, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            return false;
        }
        return true;
    }
    MI_Result rc = MI_Instance_SetElementAt(ir->inst, idx, &ds->value, t, MI_FLAG_BORROW);
    if (rc != MI_RESULT_OK) {
        mof_error(c, &v->tok, rc, "cannot set property %s", pd->name);
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ qualifiers */

/* The single shared "[Name]" usage of a boolean qualifier declaration. */
static MI_Qualifier *true_usage(mof_comp *c, qdecl *qd, const mof_tok *at)
{
    if (!qd->true_q) {
        MI_Qualifier *q = mof_alloc(c, c->out, sizeof *q, at);
        MI_Boolean *b = mof_alloc(c, c->out, sizeof *b, at);
        if (!q || !b)
            return NULL;
        *b = MI_TRUE;
        q->name = qd->d->name;
        q->type = MI_BOOLEAN;
        q->flavor = qd->d->flavor;
        q->value = b;
        qd->true_q = q;
    }
    return qd->true_q;
}

/* Builds one written qualifier; NULL after reporting an error. */
static MI_Qualifier *build_qual(mof_comp *c, const pqual *pq, MI_Uint32 scope, qdecl **out_decl)
{
    qdecl *qd = mof_find_qualifier(c, pq->name.p, pq->name.len);
    *out_decl = qd;
    if (!qd) {
        mof_error(c, &pq->name, MI_RESULT_NOT_FOUND,
                  "qualifier %.*s is not declared (missing a Qualifier declaration or "
                  "#pragma include of qualifiers.mof?)", (int)pq->name.len, pq->name.p);
        return NULL;
    }
    const MI_QualifierDecl *d = qd->d;
    if (scope != MI_FLAG_ANY && !(d->scope & scope)) {
        char s[128];
        scope_str(d->scope, s, sizeof s);
        mof_error(c, &pq->name, MI_RESULT_INVALID_PARAMETER,
                  "qualifier %s cannot be used on a %s (its scope is: %s)", d->name,
                  kind_str(scope), s);
        return NULL;
    }
    MI_Uint32 flavor = d->flavor;
    if (pq->flavor_on & (MI_FLAG_ENABLEOVERRIDE | MI_FLAG_DISABLEOVERRIDE))
        flavor &= ~(MI_Uint32)(MI_FLAG_ENABLEOVERRIDE | MI_FLAG_DISABLEOVERRIDE);
    if (pq->flavor_on & (MI_FLAG_TOSUBCLASS | MI_FLAG_RESTRICTED))
        flavor &= ~(MI_Uint32)(MI_FLAG_TOSUBCLASS | MI_FLAG_RESTRICTED);
    flavor |= pq->flavor_on;

    MI_Value v;
    bool is_null = false;
    if (!pq->has_value) {
        if (d->type != MI_BOOLEAN) {
            mof_error(c, &pq->name, MI_RESULT_TYPE_MISMATCH,
                      "qualifier %s has type %s and needs a value", d->name,
                      mof_type_str((MI_Type)d->type));
            return NULL;
        }
        if (flavor == d->flavor)
            return true_usage(c, qd, &pq->name);
        memset(&v, 0, sizeof v);
        v.boolean = MI_TRUE;
    } else {
        if (!mof_convert(c, &pq->val, (MI_Type)d->type, NULL, NULL, false, &v, &is_null))
            return NULL;
        if (!is_null && d->subscript && v.array.size > d->subscript) {
            mof_error(c, &pq->val.tok, MI_RESULT_TYPE_MISMATCH,
                      "qualifier %s takes at most %u values", d->name, (unsigned)d->subscript);
            return NULL;
        }
        if (!is_null && d->type == MI_BOOLEAN && v.boolean && flavor == d->flavor)
            return true_usage(c, qd, &pq->name);
    }
    MI_Qualifier *q = mof_alloc(c, c->out, sizeof *q, &pq->name);
    if (!q)
        return NULL;
    q->name = d->name;
    q->type = d->type;
    q->flavor = flavor;
    q->value = is_null ? NULL : mof_box_value(c, (MI_Type)d->type, &v);
    if (!is_null && !q->value)
        return NULL;
    return q;
}

qual_set mof_propagate_quals(mof_comp *c, MI_Qualifier MI_CONST *MI_CONST *inh,
                             MI_Uint32 ninh)
{
    qual_set r = {NULL, 0};
    MI_Uint32 keep = 0;
    for (MI_Uint32 i = 0; i < ninh; i++)
        keep += qualifier_propagates(inh[i]);
    if (keep == ninh) {
        r.q = inh;
        r.n = ninh;
        return r;
    }
    if (!keep)
        return r;
    MI_Qualifier **q = mof_alloc(c, c->out, keep * sizeof *q, NULL);
    if (!q)
        return r;
    for (MI_Uint32 i = 0; i < ninh; i++) {
        if (qualifier_propagates(inh[i]))
            q[r.n++] = (MI_Qualifier *)inh[i];
    }
    r.q = (MI_Qualifier MI_CONST *MI_CONST *)q;
    return r;
}

qual_set mof_build_quals(mof_comp *c, const pqual_list *own, MI_Uint32 scope,
                         MI_Qualifier MI_CONST *MI_CONST *inh, MI_Uint32 ninh,
                         const char *elem)
{
    if (!own || !own->n)
        return mof_propagate_quals(c, inh, ninh);
    qual_set r = {NULL, 0};
    MI_Qualifier **mine = mof_alloc(c, &c->stmt, own->n * sizeof *mine, &own->open);
    const mof_tok **where = mof_alloc(c, &c->stmt, own->n * sizeof *where, &own->open);
    MI_Qualifier **res = mof_alloc(c, c->out, (own->n + ninh) * sizeof *res, &own->open);
    if (!mine || !where || !res)
        return r;
    size_t nm = 0;
    for (size_t i = 0; i < own->n; i++) {
        const pqual *pq = &own->items[i];
        qdecl *qd;
        MI_Qualifier *q = build_qual(c, pq, scope, &qd);
        bool dup = false;
        for (size_t j = 0; qd && j < i; j++) {
            if (mi_name_eqn(own->items[j].name.p, own->items[j].name.len, qd->d->name))
                dup = true;
        }
        if (dup) {
            mof_error(c, &pq->name, MI_RESULT_ALREADY_EXISTS,
                      "qualifier %s appears more than once on %s", qd->d->name, elem);
            continue;
        }
        if (!q)
            continue;
        where[nm] = &pq->name;
        mine[nm++] = q;
    }
    /* inherited (propagated) ones first, in their order, replaced by own values */
    for (MI_Uint32 i = 0; i < ninh; i++) {
        const MI_Qualifier *iq = inh[i];
        if (!qualifier_propagates(iq))
            continue;
        const MI_Qualifier *use = iq;
        for (size_t j = 0; j < nm; j++) {
            if (!mine[j] || !mi_name_eq(mine[j]->name, iq->name))
                continue;
            if ((iq->flavor & MI_FLAG_DISABLEOVERRIDE) && iq->type == mine[j]->type &&
                !mof_boxed_equal((MI_Type)iq->type, iq->value, mine[j]->value)) {
                mof_error(c, where[j], MI_RESULT_INVALID_PARAMETER,
                          "qualifier %s of %s cannot be changed: it has flavor "
                          "DisableOverride in the overridden element", iq->name, elem);
            } else {
                use = mine[j];
            }
            mine[j] = NULL;
        }
        res[r.n++] = (MI_Qualifier *)use;
    }
    for (size_t j = 0; j < nm; j++) {
        if (mine[j])
            res[r.n++] = mine[j];
    }
    r.q = (MI_Qualifier MI_CONST *MI_CONST *)res;
    return r;
}

/* ------------------------------------------------------------------ flags */

static MI_Uint32 class_flags(const qual_set *q)
{
    MI_Uint32 f = MI_FLAG_CLASS;
    if (mof_qual_true(q->q, q->n, "Association"))
        f |= MI_FLAG_ASSOCIATION;
    if (mof_qual_true(q->q, q->n, "Indication"))
        f |= MI_FLAG_INDICATION;
    if (mof_qual_true(q->q, q->n, "Abstract"))
        f |= MI_FLAG_ABSTRACT;
    if (mof_qual_true(q->q, q->n, "Terminal"))
        f |= MI_FLAG_TERMINAL;
    return f;
}

/* READONLY: the Read qualifier is TRUE and Write is not TRUE (a property that says
 * neither is not marked). */
static MI_Uint32 property_flags(const qual_set *q)
{
    MI_Uint32 f = MI_FLAG_PROPERTY;
    for (MI_Uint32 i = 0; i < q->n; i++) {
        const MI_Qualifier *x = q->q[i];
        if (x->type != MI_BOOLEAN || !x->value || !*(const MI_Boolean *)x->value)
            continue;
        if (mi_name_eq(x->name, "Key"))
            f |= MI_FLAG_KEY;
        else if (mi_name_eq(x->name, "Required"))
            f |= MI_FLAG_REQUIRED;
        else if (mi_name_eq(x->name, "Expensive"))
            f |= MI_FLAG_EXPENSIVE;
        else if (mi_name_eq(x->name, "Read"))
            f |= MI_FLAG_READONLY;
    }
    if ((f & MI_FLAG_READONLY) && mof_qual_true(q->q, q->n, "Write"))
        f &= ~(MI_Uint32)MI_FLAG_READONLY;
    return f;
}

/* IN is set when In is TRUE or when neither In nor Out is given. */
static MI_Uint32 parameter_flags(const qual_set *q)
{
    MI_Uint32 f = MI_FLAG_PARAMETER;
    if (mof_qual_true(q->q, q->n, "In"))
        f |= MI_FLAG_IN;
    if (mof_qual_true(q->q, q->n, "Out"))
        f |= MI_FLAG_OUT;
    if (!mi_qualifier_find(q->q, q->n, "In") && !(f & MI_FLAG_OUT))
        f |= MI_FLAG_IN;
    if (mof_qual_true(q->q, q->n, "Required"))
        f |= MI_FLAG_REQUIRED;
    if (mof_qual_true(q->q, q->n, "Stream"))
        f |= MI_FLAG_STREAM;
    return f;
}

static MI_Uint32 method_flags(const qual_set *q)
{
    MI_Uint32 f = MI_FLAG_METHOD;
    if (mof_qual_true(q->q, q->n, "Static"))
        f |= MI_FLAG_STATIC;
    return f;
}

/* ------------------------------------------------------------------ classes */

static bool pquals_have_true(const pqual_list *l, const char *name)
{
    for (size_t i = 0; l && i < l->n; i++) {
        const pqual *q = &l->items[i];
        if (!mi_name_eqn(q->name.p, q->name.len, name))
            continue;
        return !q->has_value || (q->val.kind == PV_BOOL && q->val.u.b);
    }
    return false;
}

static bool pquals_have(const pqual_list *l, const char *name)
{
    for (size_t i = 0; l && i < l->n; i++) {
        if (mi_name_eqn(l->items[i].name.p, l->items[i].name.len, name))
            return true;
    }
    return false;
}

void mof_class_begin(mof_comp *c, class_builder *cb, const pqual_list *quals,
                     const mof_tok *name, const mof_tok *super)
{
    memset(cb, 0, sizeof *cb);
    cb->name_tok = *name;
    cb->name = mof_strndup(c, c->out, name->p, name->len, name);
    if (!cb->name) {
        cb->failed = true;
        cb->name = "";
        return;
    }
    const MI_ClassDecl *stored = NULL;
    if (mof_find_local_class(c, c->ns, name->p, name->len)) {
        mof_error(c, name, MI_RESULT_ALREADY_EXISTS, "class %s is already declared in "
                  "namespace %s", cb->name, c->ns->name);
        cb->failed = true;
    } else if ((stored = mof_find_stored_class(c, c->ns, name->p, name->len)) != NULL) {
        if (c->update) {
            cb->replaces = stored;
        } else {
            mof_error(c, name, MI_RESULT_ALREADY_EXISTS, "class %s is already declared in "
                      "namespace %s (use --update to replace classes already in the "
                      "repository)", cb->name, c->ns->name);
            cb->failed = true;
        }
    }
    if (super) {
        cb->super_tok = *super;
        if (mi_name_eqn(super->p, super->len, cb->name)) {
            mof_error(c, super, MI_RESULT_INVALID_SUPERCLASS,
                      "class %s cannot be its own superclass", cb->name);
        } else {
            cb->super = mof_find_class(c, c->ns, super->p, super->len);
            if (!cb->super)
                mof_error(c, super, MI_RESULT_INVALID_SUPERCLASS,
                          "superclass %.*s of class %s is not declared", (int)super->len,
                          super->p, cb->name);
        }
    }
    if (cb->super) {
        for (MI_Uint32 i = 0; i < cb->super->numProperties; i++) {
            if (cb->super->properties[i]->flags & MI_FLAG_KEY)
                cb->super_has_keys = true;
        }
        cb->is_assoc = (cb->super->flags & MI_FLAG_ASSOCIATION) != 0;
        cb->is_indication = (cb->super->flags & MI_FLAG_INDICATION) != 0;
    }
    cb->is_assoc = cb->is_assoc || pquals_have_true(quals, "Association");
    cb->is_indication = cb->is_indication || pquals_have_true(quals, "Indication");
    MI_Uint32 scope = cb->is_assoc ? MI_FLAG_ASSOCIATION
                      : cb->is_indication ? MI_FLAG_INDICATION : MI_FLAG_CLASS;
    char elem[300];
    snprintf(elem, sizeof elem, "class %s", cb->name);
    cb->quals = mof_build_quals(c, quals, scope, cb->super ? cb->super->qualifiers : NULL,
                                cb->super ? cb->super->numQualifiers : 0, elem);
}

/* Own feature named `name` already declared in this class body? */
static bool feature_declared(const class_builder *cb, const char *name)
{
    for (size_t i = 0; i < cb->nprops; i++) {
        if (mi_name_eq(cb->props[i].pd->name, name))
            return true;
    }
    for (size_t i = 0; i < cb->nmeths; i++) {
        if (mi_name_eq(cb->meths[i].md->name, name))
            return true;
    }
    return false;
}

static bool grow(mof_comp *c, void **items, size_t n, size_t *alloc, size_t elem,
                 const mof_tok *at)
{
    if (n < *alloc)
        return true;
    size_t na = *alloc ? *alloc * 2 : 16;
    void *p = mof_alloc(c, &c->stmt, na * elem, at);
    if (!p)
        return false;
    if (n)
        memcpy(p, *items, n * elem);
    *items = p;
    *alloc = na;
    return true;
}

/* Resolves the class named by a REF declaration: the decl's own name string when the
 * class is known, else a copy whose existence is checked at the end. */
static const char *ref_class(mof_comp *c, const mof_tok *t, const MI_ClassDecl **found)
{
    const MI_ClassDecl *cd = mof_find_class(c, c->ns, t->p, t->len);
    *found = cd;
    if (cd)
        return cd->name;
    char *name = mof_strndup(c, c->out, t->p, t->len, t);
    if (name)
        mof_defer_class_check(c, name, t, "reference class");
    return name;
}

/* Applies EmbeddedInstance / EmbeddedObject to a string-typed element: *type becomes
 * MI_INSTANCE(A). Returns false after reporting a misuse. */
static bool embedded_type(mof_comp *c, const qual_set *q, MI_Type *type, const char **cls,
                          const mof_tok *at, const char *elem)
{
    const char *ei = mof_qual_string(q->q, q->n, "EmbeddedInstance");
    bool eo = mof_qual_true(q->q, q->n, "EmbeddedObject");
    if (!ei && !eo)
        return true;
    MI_Type base = (MI_Type)(*type & ~MI_ARRAY);
    if (base == MI_INSTANCE) {
        /* "object" type, or an inherited element already converted */
        if (ei && !*cls)
            *cls = ei;
        return true;
    }
    if (base != MI_STRING) {
        mof_error(c, at, MI_RESULT_TYPE_MISMATCH, "%s on %s requires type string, not %s",
                  ei ? "EmbeddedInstance" : "EmbeddedObject", elem, mof_type_str(base));
        return false;
    }
    *type = (MI_Type)(MI_INSTANCE | (*type & MI_ARRAY));
    *cls = NULL;
    if (ei) {
        *cls = ei;
        if (!mof_find_class(c, c->ns, ei, strlen(ei)))
            mof_defer_class_check(c, ei, at, "EmbeddedInstance class");
    }
    return true;
}

void mof_class_property(mof_comp *c, class_builder *cb, const pqual_list *quals,
                        MI_Type type, const mof_tok *type_tok, const mof_tok *ref_cls,
                        const mof_tok *name, long subscript, const pval *defv)
{
    if (cb->nfeatures >= MOF_MAX_FEATURES) {
        mof_error(c, name, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                  "class %s declares more than %u properties and methods", cb->name,
                  MOF_MAX_FEATURES);
        return;
    }
    char *pname = mof_strndup(c, c->out, name->p, name->len, name);
    if (!pname)
        return;
    if (feature_declared(cb, pname)) {
        mof_error(c, name, MI_RESULT_ALREADY_EXISTS,
                  "property %s is declared more than once in class %s", pname, cb->name);
        return;
    }
    char elem[300];
    snprintf(elem, sizeof elem, "property %s.%s", cb->name, pname);
    MI_Uint32 slot = 0;
    const MI_PropertyDecl *inh =
        cb->super ? mi_classdecl_property(cb->super, pname, &slot) : NULL;
    bool is_ref = type == MI_REFERENCE;
    qual_set q = mof_build_quals(c, quals, is_ref ? MI_FLAG_REFERENCE : MI_FLAG_PROPERTY,
                                 inh ? inh->qualifiers : NULL, inh ? inh->numQualifiers : 0,
                                 elem);
    bool ok = true;
    const char *cls = NULL;
    const MI_ClassDecl *ref_cd = NULL;
    if (is_ref) {
        cls = ref_class(c, ref_cls, &ref_cd);
        if (!cls)
            return;
        if (subscript >= 0) {
            mof_error(c, name, MI_RESULT_INVALID_PARAMETER,
                      "reference property %s.%s cannot be an array", cb->name, pname);
            ok = false;
        }
    } else if (subscript >= 0) {
        type = (MI_Type)(type | MI_ARRAY);
    }
    if (!is_ref && !embedded_type(c, &q, &type, &cls, type_tok, elem))
        ok = false;
    if (inh) {
        if (inh->type != type) {
            mof_error(c, type_tok, MI_RESULT_TYPE_MISMATCH,
                      "%s has type %s but overrides %s.%s of type %s", elem,
                      mof_type_str(type), inh->propagator, inh->name,
                      mof_type_str((MI_Type)inh->type));
            ok = false;
        } else if (is_ref && ref_cd && inh->className &&
                   !mi_classdecl_is_a(ref_cd, inh->className)) {
            mof_error(c, ref_cls, MI_RESULT_TYPE_MISMATCH,
                      "%s refers to %s, which does not derive from %s, the class of the "
                      "overridden reference", elem, ref_cd->name, inh->className);
            ok = false;
        }
        if (!pquals_have(quals, "Override"))
            mof_warning(c, name, "%s overrides the property of %s without the Override "
                        "qualifier", elem, inh->propagator);
    } else if (pquals_have(quals, "Override") && cb->super) {
        /* a rebuilt class would lose what it overrode: an error then */
        if (c->rebuilding)
            mof_error(c, name, MI_RESULT_NO_SUCH_PROPERTY, "%s has the Override qualifier "
                      "but %s has no such property", elem, cb->super->name);
        else
            mof_warning(c, name, "%s has the Override qualifier but %s has no such "
                        "property", elem, cb->super->name);
    }
    MI_Uint32 flags = property_flags(&q);
    if ((flags & MI_FLAG_KEY) && cb->super_has_keys && !(inh && (inh->flags & MI_FLAG_KEY))) {
        mof_error(c, name, MI_RESULT_INVALID_PARAMETER,
                  "%s cannot be a key: superclass %s already defines the keys", elem,
                  cb->super->name);
        ok = false;
    }
    const void *value = inh ? inh->value : NULL;
    if (defv) {
        MI_Value v;
        bool is_null;
        if (!mof_convert(c, defv, type, cls, NULL, false, &v, &is_null)) {
            ok = false;
        } else if (!is_null && subscript > 0 && v.array.size > (MI_Uint32)subscript) {
            mof_error(c, &defv->tok, MI_RESULT_TYPE_MISMATCH,
                      "default value of %s has %u elements but its array size is %ld", elem,
                      (unsigned)v.array.size, subscript);
            ok = false;
        } else {
            value = is_null ? NULL : mof_box_value(c, type, &v);
        }
    }
    if (!ok)
        return;
    MI_PropertyDecl *pd = mof_alloc(c, c->out, sizeof *pd, name);
    if (!pd)
        return;
    memset(pd, 0, sizeof *pd);
    pd->flags = flags;
    pd->name = inh ? inh->name : pname;
    pd->code = mi_name_code(pd->name);
    pd->qualifiers = q.q;
    pd->numQualifiers = q.n;
    pd->type = type;
    pd->className = cls;
    pd->subscript = subscript > 0 ? (MI_Uint32)subscript : 0;
    pd->origin = inh ? inh->origin : cb->name;
    pd->propagator = cb->name;
    pd->value = value;
    if (!grow(c, (void **)&cb->props, cb->nprops, &cb->aprops, sizeof *cb->props, name))
        return;
    cb->props[cb->nprops].pd = pd;
    cb->props[cb->nprops].inh = inh;
    cb->props[cb->nprops].slot = slot;
    cb->nprops++;
    cb->nfeatures++;
}

/* The parameter of an overridden method with this name, if any. */
static const MI_ParameterDecl *inherited_param(const MI_MethodDecl *md, const char *name)
{
    for (MI_Uint32 i = 0; md && i < md->numParameters; i++) {
        if (mi_name_eq(md->parameters[i]->name, name))
            return md->parameters[i];
    }
    return NULL;
}

void mof_class_method(mof_comp *c, class_builder *cb, const pqual_list *quals,
                      MI_Type rtype, const mof_tok *type_tok, const mof_tok *ref_cls,
                      bool returns_void, const mof_tok *name, const pparam *params,
                      size_t nparams)
{
    if (cb->nfeatures >= MOF_MAX_FEATURES) {
        mof_error(c, name, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                  "class %s declares more than %u properties and methods", cb->name,
                  MOF_MAX_FEATURES);
        return;
    }
    char *mname = mof_strndup(c, c->out, name->p, name->len, name);
    if (!mname)
        return;
    if (feature_declared(cb, mname)) {
        mof_error(c, name, MI_RESULT_ALREADY_EXISTS,
                  "method %s is declared more than once in class %s", mname, cb->name);
        return;
    }
    char elem[300];
    snprintf(elem, sizeof elem, "method %s.%s", cb->name, mname);
    MI_Uint32 slot = 0;
    const MI_MethodDecl *inh = cb->super ? mi_classdecl_method(cb->super, mname, &slot) : NULL;
    qual_set q = mof_build_quals(c, quals, MI_FLAG_METHOD, inh ? inh->qualifiers : NULL,
                                 inh ? inh->numQualifiers : 0, elem);
    bool ok = true;
    const char *rcls = NULL;
    if (rtype == MI_REFERENCE) {
        const MI_ClassDecl *found;
        rcls = ref_class(c, ref_cls, &found);
        if (!rcls)
            return;
    } else if (!returns_void && !embedded_type(c, &q, &rtype, &rcls, type_tok, elem)) {
        ok = false;
    }
    if (inh) {
        if (inh->returnType != rtype) {
            mof_error(c, type_tok, MI_RESULT_TYPE_MISMATCH,
                      "%s returns %s but overrides %s.%s, which returns %s", elem,
                      mof_type_str(rtype), inh->propagator, inh->name,
                      mof_type_str((MI_Type)inh->returnType));
            ok = false;
        }
        if (!pquals_have(quals, "Override"))
            mof_warning(c, name, "%s overrides the method of %s without the Override "
                        "qualifier", elem, inh->propagator);
    } else if (pquals_have(quals, "Override") && cb->super) {
        if (c->rebuilding)
            mof_error(c, name, MI_RESULT_METHOD_NOT_FOUND, "%s has the Override qualifier "
                      "but %s has no such method", elem, cb->super->name);
        else
            mof_warning(c, name, "%s has the Override qualifier but %s has no such method",
                        elem, cb->super->name);
    }
    size_t np = nparams + (returns_void ? 0 : 1);
    MI_ParameterDecl **pa = mof_alloc(c, c->out, (np ? np : 1) * sizeof *pa, name);
    if (!pa)
        return;
    size_t k = 0;
    if (!returns_void) {
        MI_ParameterDecl *r = mof_alloc(c, c->out, sizeof *r, name);
        if (!r)
            return;
        memset(r, 0, sizeof *r);
        r->flags = MI_FLAG_PARAMETER | MI_FLAG_OUT;
        r->name = "MIReturn";
        r->code = mi_name_code(r->name);
        r->qualifiers = q.q;
        r->numQualifiers = q.n;
        r->type = rtype;
        r->className = rcls;
        pa[k++] = r;
    }
    for (size_t i = 0; i < nparams; i++) {
        const pparam *pp = &params[i];
        char *pname = mof_strndup(c, c->out, pp->name.p, pp->name.len, &pp->name);
        if (!pname)
            return;
        bool dup = false;
        for (size_t j = returns_void ? 0 : 1; j < k; j++) {
            if (mi_name_eq(pa[j]->name, pname))
                dup = true;
        }
        if (dup || mi_name_eq(pname, "MIReturn")) {
            mof_error(c, &pp->name, MI_RESULT_ALREADY_EXISTS,
                      "parameter %s is declared more than once in %s", pname, elem);
            ok = false;
            continue;
        }
        char pelem[400];
        snprintf(pelem, sizeof pelem, "parameter %s of %s", pname, elem + 7);
        const MI_ParameterDecl *ip = inherited_param(inh, pname);
        qual_set pq = mof_build_quals(c, &pp->quals, MI_FLAG_PARAMETER,
                                      ip ? ip->qualifiers : NULL, ip ? ip->numQualifiers : 0,
                                      pelem);
        MI_Type pt = pp->type;
        const char *pcls = NULL;
        if (pt == MI_REFERENCE) {
            const MI_ClassDecl *found;
            pcls = ref_class(c, &pp->ref_cls, &found);
            if (!pcls)
                return;
        }
        if (pp->subscript >= 0)
            pt = (MI_Type)(pt | MI_ARRAY);
        if (pp->type != MI_REFERENCE &&
            !embedded_type(c, &pq, &pt, &pcls, &pp->type_tok, pelem))
            ok = false;
        MI_ParameterDecl *pd = mof_alloc(c, c->out, sizeof *pd, &pp->name);
        if (!pd)
            return;
        memset(pd, 0, sizeof *pd);
        pd->flags = parameter_flags(&pq);
        pd->name = pname;
        pd->code = mi_name_code(pname);
        pd->qualifiers = pq.q;
        pd->numQualifiers = pq.n;
        pd->type = pt;
        pd->className = pcls;
        pd->subscript = pp->subscript > 0 ? (MI_Uint32)pp->subscript : 0;
        pa[k++] = pd;
    }
    if (!ok)
        return;
    MI_MethodDecl *md = mof_alloc(c, c->out, sizeof *md, name);
    if (!md)
        return;
    memset(md, 0, sizeof *md);
    md->flags = method_flags(&q);
    md->name = inh ? inh->name : mname;
    md->code = mi_name_code(md->name);
    md->qualifiers = q.q;
    md->numQualifiers = q.n;
    md->parameters = (MI_ParameterDecl MI_CONST *MI_CONST *)pa;
    md->numParameters = (MI_Uint32)k;
    md->returnType = rtype;
    md->origin = inh ? inh->origin : cb->name;
    md->propagator = cb->name;
    if (!grow(c, (void **)&cb->meths, cb->nmeths, &cb->ameths, sizeof *cb->meths, name))
        return;
    cb->meths[cb->nmeths].md = md;
    cb->meths[cb->nmeths].inh = inh;
    cb->meths[cb->nmeths].slot = slot;
    cb->nmeths++;
    cb->nfeatures++;
}

/* A subclass's copy of an inherited property it does not redeclare. */
static MI_PropertyDecl *inherit_property(mof_comp *c, const MI_PropertyDecl *sp)
{
    MI_PropertyDecl *d = mi_arena_alloc(c->out, sizeof *d);
    if (!d)
        return NULL;
    *d = *sp;
    qual_set q = mof_propagate_quals(c, sp->qualifiers, sp->numQualifiers);
    if (q.q != sp->qualifiers || q.n != sp->numQualifiers) {
        d->qualifiers = q.q;
        d->numQualifiers = q.n;
        d->flags = property_flags(&q);
    }
    return d;
}

static MI_MethodDecl *inherit_method(mof_comp *c, const MI_MethodDecl *sm)
{
    MI_MethodDecl *d = mi_arena_alloc(c->out, sizeof *d);
    if (!d)
        return NULL;
    *d = *sm;
    qual_set q = mof_propagate_quals(c, sm->qualifiers, sm->numQualifiers);
    if (q.q != sm->qualifiers || q.n != sm->numQualifiers) {
        d->qualifiers = q.q;
        d->numQualifiers = q.n;
        d->flags = method_flags(&q);
    }
    return d;
}

void mof_class_end(mof_comp *c, class_builder *cb)
{
    if (cb->failed)
        return;
    const MI_ClassDecl *sup = cb->super;
    MI_Uint32 nsp = sup ? sup->numProperties : 0, nsm = sup ? sup->numMethods : 0;
    size_t newp = 0, newm = 0;
    for (size_t i = 0; i < cb->nprops; i++)
        newp += cb->props[i].inh == NULL;
    for (size_t i = 0; i < cb->nmeths; i++)
        newm += cb->meths[i].inh == NULL;
    size_t np = nsp + newp, nm = nsm + newm;
    MI_ClassDecl *cd = mof_alloc(c, c->out, sizeof *cd, &cb->name_tok);
    MI_PropertyDecl **props = mof_alloc(c, c->out, (np ? np : 1) * sizeof *props,
                                        &cb->name_tok);
    MI_MethodDecl **meths = mof_alloc(c, c->out, (nm ? nm : 1) * sizeof *meths,
                                      &cb->name_tok);
    if (!cd || !props || !meths)
        return;
    memset(props, 0, np * sizeof *props);
    memset(meths, 0, nm * sizeof *meths);
    size_t kp = nsp, km = nsm;
    for (size_t i = 0; i < cb->nprops; i++) {
        if (!cb->props[i].inh)
            props[kp++] = cb->props[i].pd;
        else
            props[cb->props[i].slot] = cb->props[i].pd;
    }
    for (size_t i = 0; i < cb->nmeths; i++) {
        if (!cb->meths[i].inh)
            meths[km++] = cb->meths[i].md;
        else
            meths[cb->meths[i].slot] = cb->meths[i].md;
    }
    for (MI_Uint32 i = 0; i < nsp; i++) {
        if (!props[i] && !(props[i] = inherit_property(c, sup->properties[i]))) {
            mof_error(c, &cb->name_tok, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            return;
        }
    }
    for (MI_Uint32 i = 0; i < nsm; i++) {
        if (!meths[i] && !(meths[i] = inherit_method(c, sup->methods[i]))) {
            mof_error(c, &cb->name_tok, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            return;
        }
    }
    memset(cd, 0, sizeof *cd);
    cd->flags = class_flags(&cb->quals);
    cd->name = cb->name;
    cd->code = mi_name_code(cd->name);
    cd->qualifiers = cb->quals.q;
    cd->numQualifiers = cb->quals.n;
    cd->properties = (MI_PropertyDecl MI_CONST *MI_CONST *)props;
    cd->numProperties = (MI_Uint32)np;
    cd->superClass = sup ? sup->name : NULL;
    cd->superClassDecl = sup;
    cd->methods = (MI_MethodDecl MI_CONST *MI_CONST *)meths;
    cd->numMethods = (MI_Uint32)nm;
    mi_classdecl_layout(cd);
    if (cd->flags & MI_FLAG_ASSOCIATION) {
        unsigned refs = 0;
        for (size_t i = 0; i < np; i++)
            refs += props[i]->type == MI_REFERENCE;
        if (refs < 2)
            mof_warning(c, &cb->name_tok, "association class %s has %u reference%s (an "
                        "association relates at least two)", cd->name, refs,
                        refs == 1 ? "" : "s");
    }
    mof_add_class(c, cd, cb->replaces, &cb->name_tok);
}
