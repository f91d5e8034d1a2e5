/* fixtures.c - builds the class decls described in fixtures.h. */
#include "fixtures.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/str.h"
#include "cim/cim.h"

static const MI_Boolean k_true = MI_TRUE;
static const MI_Char *k_desc = "the name";
static const MI_Char *k_emb_class = "T_Base";
static const MI_Char *k_vm[] = {"0", "1", ".."};
static const MI_ConstStringA k_vma = {k_vm, 3};
static const MI_Char *k_caption_base = "none";
static const MI_Char *k_caption_leaf = "leaf";
static const MI_Uint16 k_count = 7;
static const MI_Uint32 k_maxlen = 64;

static MI_Qualifier q_key = {"Key", MI_BOOLEAN, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS,
                             &k_true};
static MI_Qualifier q_desc = {"Description", MI_STRING,
                              MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS | MI_FLAG_TRANSLATABLE,
                              &k_desc};
static MI_Qualifier q_emb = {"EmbeddedInstance", MI_STRING,
                             MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS, &k_emb_class};
static MI_Qualifier q_vm = {"ValueMap", MI_STRINGA, MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS,
                            &k_vma};
static MI_Qualifier q_maxlen = {"MaxLen", MI_UINT32, MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS,
                                &k_maxlen};
static MI_Qualifier q_assoc = {"Association", MI_BOOLEAN,
                               MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS, &k_true};
static MI_Qualifier q_in = {"In", MI_BOOLEAN, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS,
                            &k_true};

static MI_Qualifier *name_quals[] = {&q_key, &q_desc, &q_maxlen};
static MI_Qualifier *id_quals[] = {&q_key};
static MI_Qualifier *emb_quals[] = {&q_emb};
static MI_Qualifier *count_quals[] = {&q_vm};
static MI_Qualifier *assoc_quals[] = {&q_assoc};
static MI_Qualifier *class_quals[] = {&q_desc};
static MI_Qualifier *in_quals[] = {&q_in};

static MI_PropertyDecl *prop(mi_arena *a, const char *name, MI_Type type, MI_Uint32 flags,
                             const char *cls, const char *origin, const void *value,
                             MI_Qualifier **quals, MI_Uint32 nq)
{
    MI_PropertyDecl *p = mi_arena_calloc(a, sizeof *p);
    assert_non_null(p);
    p->flags = MI_FLAG_PROPERTY | flags;
    p->code = mi_name_code(name);
    p->name = name;
    p->qualifiers = (MI_Qualifier MI_CONST *MI_CONST *)quals;
    p->numQualifiers = nq;
    p->type = type;
    p->className = cls;
    p->origin = origin;
    p->propagator = origin;
    p->value = value;
    return p;
}

/* A copy of p for a subclass: same data, its own object. */
static MI_PropertyDecl *inherit(mi_arena *a, const MI_PropertyDecl *p)
{
    MI_PropertyDecl *c = mi_arena_alloc(a, sizeof *c);
    assert_non_null(c);
    *c = *p;
    return c;
}

static MI_ParameterDecl *param(mi_arena *a, const char *name, MI_Type type, MI_Uint32 flags,
                               const char *cls, MI_Qualifier **quals, MI_Uint32 nq)
{
    MI_ParameterDecl *p = mi_arena_calloc(a, sizeof *p);
    assert_non_null(p);
    p->flags = MI_FLAG_PARAMETER | flags;
    p->code = mi_name_code(name);
    p->name = name;
    p->type = type;
    p->className = cls;
    p->qualifiers = (MI_Qualifier MI_CONST *MI_CONST *)quals;
    p->numQualifiers = nq;
    return p;
}

static MI_ClassDecl *cls(mi_arena *a, const char *name, MI_Uint32 flags, MI_PropertyDecl **props,
                         MI_Uint32 n, const MI_ClassDecl *super)
{
    MI_ClassDecl *c = mi_arena_calloc(a, sizeof *c);
    assert_non_null(c);
    MI_PropertyDecl **copy = mi_arena_alloc(a, (n ? n : 1) * sizeof *copy);
    assert_non_null(copy);
    if (n)
        memcpy(copy, props, n * sizeof *copy);
    c->flags = MI_FLAG_CLASS | flags;
    c->code = mi_name_code(name);
    c->name = name;
    c->properties = (MI_PropertyDecl MI_CONST *MI_CONST *)copy;
    c->numProperties = n;
    c->superClass = super ? super->name : NULL;
    c->superClassDecl = super;
    return c;
}

static MI_MethodDecl *method(mi_arena *a, const char *name, const char *origin,
                             MI_Uint32 returnType, MI_ParameterDecl **params, MI_Uint32 n)
{
    MI_MethodDecl *m = mi_arena_calloc(a, sizeof *m);
    assert_non_null(m);
    MI_ParameterDecl **copy = mi_arena_alloc(a, (n ? n : 1) * sizeof *copy);
    assert_non_null(copy);
    if (n)
        memcpy(copy, params, n * sizeof *copy);
    m->flags = MI_FLAG_METHOD;
    m->code = mi_name_code(name);
    m->name = name;
    m->parameters = (MI_ParameterDecl MI_CONST *MI_CONST *)copy;
    m->numParameters = n;
    m->returnType = returnType;
    m->origin = origin;
    m->propagator = origin;
    return m;
}

static const struct {
    const char *name;
    MI_Type type;
} middle_arrays[] = {
    {"BoolA", MI_BOOLEANA}, {"U8A", MI_UINT8A},    {"S8A", MI_SINT8A},   {"U16A", MI_UINT16A},
    {"S16A", MI_SINT16A},   {"U32A", MI_UINT32A},  {"S32A", MI_SINT32A}, {"U64A", MI_UINT64A},
    {"S64A", MI_SINT64A},   {"R32A", MI_REAL32A},  {"R64A", MI_REAL64A}, {"C16A", MI_CHAR16A},
    {"DtA", MI_DATETIMEA},  {"StrA", MI_STRINGA},  {"RefA", MI_REFERENCEA},
    {"InstA", MI_INSTANCEA},
};

static const struct {
    const char *name;
    MI_Type type;
} leaf_scalars[] = {
    {"B", MI_BOOLEAN},  {"U8", MI_UINT8},   {"S8", MI_SINT8},   {"S16", MI_SINT16},
    {"S32", MI_SINT32}, {"U64", MI_UINT64}, {"S64", MI_SINT64}, {"R32", MI_REAL32},
    {"R64", MI_REAL64}, {"C16", MI_CHAR16},
};

void fx_init(fx *f)
{
    memset(f, 0, sizeof *f);
    mi_arena *a = f->a = mi_arena_new(0, 0);
    assert_non_null(a);
    MI_PropertyDecl *p[64];
    MI_Uint32 n = 0;

    /* T_Base */
    p[n++] = prop(a, "Name", MI_STRING, MI_FLAG_KEY, NULL, "T_Base", NULL, name_quals, 3);
    p[n++] = prop(a, "Id", MI_UINT32, MI_FLAG_KEY, NULL, "T_Base", NULL, id_quals, 1);
    p[n++] = prop(a, "Caption", MI_STRING, 0, NULL, "T_Base", &k_caption_base, NULL, 0);
    f->base = cls(a, "T_Base", MI_FLAG_ABSTRACT, p, n, NULL);
    f->base->qualifiers = (MI_Qualifier MI_CONST *MI_CONST *)class_quals;
    f->base->numQualifiers = 1;

    /* T_Middle */
    for (MI_Uint32 i = 0; i < n; i++)
        p[i] = inherit(a, p[i]);
    p[n++] = prop(a, "Target", MI_REFERENCE, 0, "T_Base", "T_Middle", NULL, NULL, 0);
    p[n++] = prop(a, "Emb", MI_INSTANCE, 0, "T_Base", "T_Middle", NULL, emb_quals, 1);
    p[n++] = prop(a, "When", MI_DATETIME, 0, NULL, "T_Middle", NULL, NULL, 0);
    p[n++] = prop(a, "Count", MI_UINT16, 0, NULL, "T_Middle", &k_count, count_quals, 1);
    for (size_t i = 0; i < sizeof middle_arrays / sizeof middle_arrays[0]; i++) {
        MI_Type t = middle_arrays[i].type;
        const char *rc = (t == MI_REFERENCEA || t == MI_INSTANCEA) ? "T_Base" : NULL;
        p[n++] = prop(a, middle_arrays[i].name, t, 0, rc, "T_Middle", NULL, NULL, 0);
    }
    f->middle = cls(a, "T_Middle", 0, p, n, f->base);
    MI_MethodDecl *reset = method(a, "Reset", "T_Middle", MI_UINT32, NULL, 0);
    MI_MethodDecl **mm = mi_arena_alloc(a, sizeof *mm);
    assert_non_null(mm);
    mm[0] = reset;
    f->middle->methods = (MI_MethodDecl MI_CONST *MI_CONST *)mm;
    f->middle->numMethods = 1;

    /* T_Leaf */
    for (MI_Uint32 i = 0; i < n; i++)
        p[i] = inherit(a, p[i]);
    p[2]->propagator = "T_Leaf";
    p[2]->value = &k_caption_leaf;
    for (size_t i = 0; i < sizeof leaf_scalars / sizeof leaf_scalars[0]; i++)
        p[n++] = prop(a, leaf_scalars[i].name, leaf_scalars[i].type, 0, NULL, "T_Leaf", NULL,
                      NULL, 0);
    f->leaf = cls(a, "T_Leaf", 0, p, n, f->middle);
    MI_ParameterDecl *ps[] = {
        param(a, "MIReturn", MI_UINT32, MI_FLAG_OUT, NULL, NULL, 0),
        param(a, "a", MI_UINT32, MI_FLAG_IN, NULL, in_quals, 1),
        param(a, "s", MI_STRING, MI_FLAG_IN, NULL, NULL, 0),
        param(a, "o", MI_STRING, MI_FLAG_OUT, NULL, NULL, 0),
        param(a, "r", MI_REFERENCE, MI_FLAG_IN | MI_FLAG_OUT, "T_Base", NULL, 0),
        param(a, "arr", MI_UINT64A, MI_FLAG_OUT, NULL, NULL, 0),
    };
    f->frob = method(a, "Frob", "T_Leaf", MI_UINT32, ps, 6);
    MI_MethodDecl *reset2 = mi_arena_alloc(a, sizeof *reset2);
    assert_non_null(reset2);
    *reset2 = *reset;
    MI_MethodDecl **lm = mi_arena_alloc(a, 2 * sizeof *lm);
    assert_non_null(lm);
    lm[0] = reset2;
    lm[1] = f->frob;
    f->leaf->methods = (MI_MethodDecl MI_CONST *MI_CONST *)lm;
    f->leaf->numMethods = 2;

    /* T_Assoc */
    n = 0;
    p[n++] = prop(a, "Left", MI_REFERENCE, MI_FLAG_KEY, "T_Base", "T_Assoc", NULL, NULL, 0);
    p[n++] = prop(a, "Right", MI_REFERENCE, MI_FLAG_KEY, "T_Base", "T_Assoc", NULL, NULL, 0);
    f->assoc = cls(a, "T_Assoc", MI_FLAG_ASSOCIATION, p, n, NULL);
    f->assoc->qualifiers = (MI_Qualifier MI_CONST *MI_CONST *)assoc_quals;
    f->assoc->numQualifiers = 1;

    /* T_Align */
    n = 0;
    p[n++] = prop(a, "B1", MI_BOOLEAN, 0, NULL, "T_Align", NULL, NULL, 0);
    p[n++] = prop(a, "U64", MI_UINT64, 0, NULL, "T_Align", NULL, NULL, 0);
    p[n++] = prop(a, "B2", MI_BOOLEAN, 0, NULL, "T_Align", NULL, NULL, 0);
    p[n++] = prop(a, "DT", MI_DATETIME, 0, NULL, "T_Align", NULL, NULL, 0);
    p[n++] = prop(a, "U16", MI_UINT16, 0, NULL, "T_Align", NULL, NULL, 0);
    p[n++] = prop(a, "S", MI_STRING, 0, NULL, "T_Align", NULL, NULL, 0);
    p[n++] = prop(a, "C", MI_CHAR16, 0, NULL, "T_Align", NULL, NULL, 0);
    p[n++] = prop(a, "R32", MI_REAL32, 0, NULL, "T_Align", NULL, NULL, 0);
    p[n++] = prop(a, "B3", MI_BOOLEAN, 0, NULL, "T_Align", NULL, NULL, 0);
    f->align = cls(a, "T_Align", 0, p, n, NULL);

    mi_classdecl_layout(f->base);
    mi_classdecl_layout(f->middle);
    mi_classdecl_layout(f->leaf);
    mi_classdecl_layout(f->assoc);
    mi_classdecl_layout(f->align);
}

void fx_free(fx *f)
{
    mi_arena_free(f->a);
    memset(f, 0, sizeof *f);
}

MI_Uint32 fx_leaf_index(const fx *f, const char *name)
{
    for (MI_Uint32 i = 0; i < f->leaf->numProperties; i++) {
        if (strcmp(f->leaf->properties[i]->name, name) == 0)
            return i;
    }
    fail_msg("T_Leaf has no property %s", name);
    return 0;
}
