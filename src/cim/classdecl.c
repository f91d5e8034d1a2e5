/* classdecl.c - layout, lookup, inheritance test and deep copy of MI_ClassDecl. */
#include <stdalign.h>
#include <string.h>

#include "base/str.h"
#include "cim/cim_int.h"

/* Deepest superclass chain followed (guards against a cyclic chain). */
#define MAX_CLASS_DEPTH 256

static size_t round_up(size_t x, size_t a)
{
    return (x + a - 1) / a * a;
}

/* Lays out fields after an MI_Instance header like a C compiler lays out
 * struct { MI_Instance __instance; MI_<T>Field f1; ... }; returns the struct size.
 * Members with an invalid type get offset 0 and take no room. */
static MI_Uint32 layout_fields(MI_ParameterDecl MI_CONST *MI_CONST *fields, MI_Uint32 n)
{
    size_t off = sizeof(MI_Instance);
    size_t max_align = alignof(MI_Instance);
    for (MI_Uint32 i = 0; i < n; i++) {
        MI_ParameterDecl *f = (MI_ParameterDecl *)fields[i];
        size_t al = mi_field_align((MI_Type)f->type);
        if (!al) {
            f->offset = 0;
            continue;
        }
        off = round_up(off, al);
        f->offset = (MI_Uint32)off;
        off += mi_field_size((MI_Type)f->type);
        if (al > max_align)
            max_align = al;
    }
    return (MI_Uint32)round_up(off, max_align);
}

void mi_methoddecl_layout(MI_MethodDecl *md)
{
    md->size = layout_fields(md->parameters, md->numParameters);
}

void mi_classdecl_layout(MI_ClassDecl *cd)
{
    if (cim_decl_is_method(cd)) {
        mi_methoddecl_layout((MI_MethodDecl *)cd);
        return;
    }
    cd->size = layout_fields((MI_ParameterDecl MI_CONST *MI_CONST *)cd->properties,
                             cd->numProperties);
    for (MI_Uint32 i = 0; i < cd->numMethods; i++)
        mi_methoddecl_layout((MI_MethodDecl *)cd->methods[i]);
}

/* Common lookup over feature decls (only the MI_FeatureDecl prefix is read). */
static MI_Uint32 find_feature(const void *const *items, MI_Uint32 n, const char *name)
{
    MI_Uint32 code = mi_name_code(name);
    for (MI_Uint32 i = 0; i < n; i++) {
        const MI_ParameterDecl *f = items[i];
        if ((f->code == code || f->code == 0) && f->name && mi_name_eq(f->name, name))
            return i;
    }
    return n;
}

const MI_PropertyDecl *mi_classdecl_property(const MI_ClassDecl *cd, const char *name,
                                             MI_Uint32 *index)
{
    if (!cd || !name)
        return NULL;
    MI_Uint32 i = find_feature((const void *const *)cd->properties, cd->numProperties, name);
    if (i == cd->numProperties)
        return NULL;
    if (index)
        *index = i;
    return cd->properties[i];
}

const MI_MethodDecl *mi_classdecl_method(const MI_ClassDecl *cd, const char *name,
                                         MI_Uint32 *index)
{
    if (!cd || !name || cim_decl_is_method(cd))
        return NULL;
    MI_Uint32 i = find_feature((const void *const *)cd->methods, cd->numMethods, name);
    if (i == cd->numMethods)
        return NULL;
    if (index)
        *index = i;
    return cd->methods[i];
}

bool mi_classdecl_is_a(const MI_ClassDecl *cd, const char *base)
{
    if (!cd || !base)
        return false;
    if (cim_decl_is_method(cd))
        return cd->name && mi_name_eq(cd->name, base);
    for (unsigned depth = 0; cd && depth < MAX_CLASS_DEPTH; depth++) {
        if (cd->name && mi_name_eq(cd->name, base))
            return true;
        if (!cd->superClassDecl)
            return cd->superClass && mi_name_eq(cd->superClass, base);
        cd = cd->superClassDecl;
    }
    return false;
}

const MI_Qualifier *mi_qualifier_find(MI_Qualifier MI_CONST *MI_CONST *q, MI_Uint32 n,
                                      const char *name)
{
    for (MI_Uint32 i = 0; q && name && i < n; i++) {
        if (q[i] && q[i]->name && mi_name_eq(q[i]->name, name))
            return q[i];
    }
    return NULL;
}

/* ---------------------------------------------------------------- deep copy */

static bool dup_str(mi_arena *a, const char *s, const char **out)
{
    *out = NULL;
    if (!s)
        return true;
    *out = mi_arena_strdup(a, s);
    return *out != NULL;
}

/* Copies a value given by the decl convention (pointer to the C value; NULL = none). */
static bool dup_value(mi_arena *a, MI_Uint32 type, const void *v, const void **out)
{
    *out = NULL;
    if (!v)
        return true;
    if (!cim_type_valid(type))
        return false;
    MI_Value *copy = mi_arena_calloc(a, sizeof *copy);
    if (!copy || mi_value_copy(a, (MI_Type)type, v, copy) != MI_RESULT_OK)
        return false;
    *out = copy;
    return true;
}

static bool dup_qualifiers(mi_arena *a, MI_Qualifier MI_CONST *MI_CONST *q, MI_Uint32 n,
                           MI_Qualifier MI_CONST *MI_CONST **out)
{
    *out = NULL;
    if (!q || !n)
        return true;
    MI_Qualifier **arr = mi_arena_alloc(a, n * sizeof *arr);
    if (!arr)
        return false;
    for (MI_Uint32 i = 0; i < n; i++) {
        MI_Qualifier *c = mi_arena_alloc(a, sizeof *c);
        if (!c)
            return false;
        *c = *q[i];
        if (!dup_str(a, q[i]->name, &c->name) || !dup_value(a, q[i]->type, q[i]->value, &c->value))
            return false;
        arr[i] = c;
    }
    *out = (MI_Qualifier MI_CONST *MI_CONST *)arr;
    return true;
}

/* Copies the MI_ParameterDecl prefix of src into the (zeroed) dst with fresh strings. */
static bool dup_param_prefix(mi_arena *a, const MI_ParameterDecl *src, MI_ParameterDecl *dst)
{
    *dst = *src;
    return dup_str(a, src->name, &dst->name) &&
           dup_qualifiers(a, src->qualifiers, src->numQualifiers, &dst->qualifiers) &&
           dup_str(a, src->className, &dst->className);
}

static MI_PropertyDecl *dup_property(mi_arena *a, const MI_PropertyDecl *src, bool full)
{
    MI_PropertyDecl *p = mi_arena_calloc(a, sizeof *p);
    if (!p || !dup_param_prefix(a, (const MI_ParameterDecl *)src, (MI_ParameterDecl *)p))
        return NULL;
    if (full) {
        p->origin = p->propagator = NULL;
        p->value = NULL;
        if (!dup_str(a, src->origin, &p->origin) ||
            !dup_str(a, src->propagator, &p->propagator) ||
            !dup_value(a, src->type, src->value, &p->value))
            return NULL;
    }
    return p;
}

static MI_MethodDecl *dup_method(mi_arena *a, const MI_MethodDecl *src)
{
    MI_MethodDecl *m = mi_arena_alloc(a, sizeof *m);
    if (!m)
        return NULL;
    *m = *src;
    m->parameters = NULL;
    if (!dup_str(a, src->name, &m->name) ||
        !dup_qualifiers(a, src->qualifiers, src->numQualifiers, &m->qualifiers) ||
        !dup_str(a, src->origin, &m->origin) || !dup_str(a, src->propagator, &m->propagator))
        return NULL;
    if (src->numParameters) {
        MI_ParameterDecl **ps = mi_arena_alloc(a, src->numParameters * sizeof *ps);
        if (!ps)
            return NULL;
        for (MI_Uint32 i = 0; i < src->numParameters; i++) {
            ps[i] = mi_arena_alloc(a, sizeof *ps[i]);
            if (!ps[i] || !dup_param_prefix(a, src->parameters[i], ps[i]))
                return NULL;
        }
        m->parameters = (MI_ParameterDecl MI_CONST *MI_CONST *)ps;
    }
    return m;
}

static MI_ClassDecl *clone_decl(mi_arena *a, const MI_ClassDecl *cd, unsigned depth)
{
    if (depth > MAX_CLASS_DEPTH)
        return NULL;
    MI_ClassDecl *n = mi_arena_calloc(a, sizeof *n);
    if (!n)
        return NULL;
    bool method = cim_decl_is_method(cd);
    /* The MI_ObjectDecl prefix is shared by class and method decls. */
    n->flags = cd->flags;
    n->code = cd->code;
    n->numProperties = cd->numProperties;
    n->size = cd->size;
    if (!dup_str(a, cd->name, &n->name) ||
        !dup_qualifiers(a, cd->qualifiers, cd->numQualifiers, &n->qualifiers))
        return NULL;
    n->numQualifiers = n->qualifiers ? cd->numQualifiers : 0;
    if (cd->numProperties) {
        MI_PropertyDecl **ps = mi_arena_alloc(a, cd->numProperties * sizeof *ps);
        if (!ps)
            return NULL;
        for (MI_Uint32 i = 0; i < cd->numProperties; i++) {
            ps[i] = dup_property(a, cd->properties[i], !method);
            if (!ps[i])
                return NULL;
        }
        n->properties = (MI_PropertyDecl MI_CONST *MI_CONST *)ps;
    }
    if (method)
        return n;
    n->schema = cd->schema;
    n->providerFT = cd->providerFT;
    if (!dup_str(a, cd->superClass, &n->superClass))
        return NULL;
    if (cd->superClassDecl) {
        n->superClassDecl = clone_decl(a, cd->superClassDecl, depth + 1);
        if (!n->superClassDecl)
            return NULL;
    }
    if (cd->numMethods) {
        MI_MethodDecl **ms = mi_arena_alloc(a, cd->numMethods * sizeof *ms);
        if (!ms)
            return NULL;
        for (MI_Uint32 i = 0; i < cd->numMethods; i++) {
            ms[i] = dup_method(a, cd->methods[i]);
            if (!ms[i])
                return NULL;
        }
        n->methods = (MI_MethodDecl MI_CONST *MI_CONST *)ms;
        n->numMethods = cd->numMethods;
    }
    return n;
}

MI_ClassDecl *mi_classdecl_clone(mi_arena *a, const MI_ClassDecl *cd)
{
    if (!a || !cd)
        return NULL;
    MI_ClassDecl *n = clone_decl(a, cd, 0);
    if (!n)
        cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory copying class decl %s",
                 cd->name ? cd->name : "(unnamed)");
    return n;
}
