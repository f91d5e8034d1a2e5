/* Unit tests of the in-memory repository (src/repo): namespaces, qualifier
 * declarations, classes with subclass lists, walks and roles, static instances by key
 * string, adopted arenas, and behaviour when allocations fail. Class decls are built
 * by hand here (no MOF compiler). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/str.h"
#include "cim/cim.h"
#include "repo/repo.h"

/* ------------------------------------------------------------------ decl builders */

static MI_PropertyDecl *mkprop(mi_arena *a, const char *name, MI_Type t, MI_Uint32 flags,
                               const char *cls, const char *origin)
{
    MI_PropertyDecl *p = mi_arena_calloc(a, sizeof *p);
    assert_non_null(p);
    p->flags = MI_FLAG_PROPERTY | flags;
    p->name = name;
    p->code = mi_name_code(name);
    p->type = t;
    p->className = cls;
    p->origin = origin;
    p->propagator = origin;
    return p;
}

/* A class with the superclass's properties (copied) followed by `own`. */
static MI_ClassDecl *mkclass(mi_arena *a, const char *name, const MI_ClassDecl *super,
                             MI_PropertyDecl **own, size_t nown, MI_Uint32 flags)
{
    MI_ClassDecl *cd = mi_arena_calloc(a, sizeof *cd);
    assert_non_null(cd);
    size_t ns = super ? super->numProperties : 0;
    MI_PropertyDecl **props = mi_arena_calloc(a, (ns + nown + 1) * sizeof *props);
    assert_non_null(props);
    for (size_t i = 0; i < ns; i++) {
        props[i] = mi_arena_memdup(a, super->properties[i], sizeof **props);
        assert_non_null(props[i]);
    }
    for (size_t i = 0; i < nown; i++)
        props[ns + i] = own[i];
    cd->flags = MI_FLAG_CLASS | flags;
    cd->name = name;
    cd->code = mi_name_code(name);
    cd->properties = (MI_PropertyDecl MI_CONST *MI_CONST *)props;
    cd->numProperties = (MI_Uint32)(ns + nown);
    cd->superClass = super ? super->name : NULL;
    cd->superClassDecl = super;
    mi_classdecl_layout(cd);
    return cd;
}

typedef struct world {
    mi_repo *r;
    mi_ns *ns;
    mi_arena *a;         /* adopted by r */
    MI_ClassDecl *base;  /* [Key] string Id */
    MI_ClassDecl *sub1, *sub2, *leaf;
    MI_ClassDecl *assoc; /* Left, Right REF Base */
} world;

/* base <- sub1 <- leaf, base <- sub2, assoc */
static void build_world(world *w)
{
    memset(w, 0, sizeof *w);
    assert_int_equal(mi_repo_new(&w->r), MI_RESULT_OK);
    w->a = mi_arena_new(0, 0);
    assert_non_null(w->a);
    assert_int_equal(mi_repo_adopt_arena(w->r, w->a), MI_RESULT_OK);
    assert_int_equal(mi_repo_ns_add(w->r, "root/test", &w->ns), MI_RESULT_OK);
    MI_PropertyDecl *id = mkprop(w->a, "Id", MI_STRING, MI_FLAG_KEY, NULL, "Base");
    MI_PropertyDecl *n = mkprop(w->a, "N", MI_UINT32, 0, NULL, "Base");
    MI_PropertyDecl *bp[] = {id, n};
    w->base = mkclass(w->a, "Base", NULL, bp, 2, 0);
    MI_PropertyDecl *s1 = mkprop(w->a, "S1", MI_STRING, 0, NULL, "Sub1");
    w->sub1 = mkclass(w->a, "Sub1", w->base, &s1, 1, 0);
    w->sub2 = mkclass(w->a, "Sub2", w->base, NULL, 0, 0);
    w->leaf = mkclass(w->a, "Leaf", w->sub1, NULL, 0, 0);
    MI_PropertyDecl *l = mkprop(w->a, "Left", MI_REFERENCE, MI_FLAG_KEY, "Base", "Assoc");
    MI_PropertyDecl *note = mkprop(w->a, "Note", MI_STRING, 0, NULL, "Assoc");
    MI_PropertyDecl *r = mkprop(w->a, "Right", MI_REFERENCE, MI_FLAG_KEY, "Base", "Assoc");
    MI_PropertyDecl *ap[] = {l, note, r};
    w->assoc = mkclass(w->a, "Assoc", NULL, ap, 3, MI_FLAG_ASSOCIATION);
    assert_int_equal(mi_ns_add_class(w->ns, w->base), MI_RESULT_OK);
    assert_int_equal(mi_ns_add_class(w->ns, w->sub1), MI_RESULT_OK);
    assert_int_equal(mi_ns_add_class(w->ns, w->sub2), MI_RESULT_OK);
    assert_int_equal(mi_ns_add_class(w->ns, w->leaf), MI_RESULT_OK);
    assert_int_equal(mi_ns_add_class(w->ns, w->assoc), MI_RESULT_OK);
}

static MI_Instance *mkinst(const MI_ClassDecl *cd, const char *id, MI_Uint32 n)
{
    MI_Instance *inst;
    assert_int_equal(mi_instance_new(cd, "root/test", NULL, &inst), MI_RESULT_OK);
    MI_Value v;
    v.string = (char *)id;
    assert_int_equal(MI_Instance_SetElement(inst, "Id", &v, MI_STRING, 0), MI_RESULT_OK);
    v.uint32 = n;
    assert_int_equal(MI_Instance_SetElement(inst, "N", &v, MI_UINT32, 0), MI_RESULT_OK);
    return inst;
}

/* ------------------------------------------------------------------ tests */

static void test_namespaces(void **state)
{
    (void)state;
    mi_repo *r;
    assert_int_equal(mi_repo_new(&r), MI_RESULT_OK);
    assert_int_equal(mi_repo_ns_count(r), 0);
    mi_ns *a, *b, *c;
    assert_int_equal(mi_repo_ns_add(r, "root/CIMV2", &a), MI_RESULT_OK);
    assert_string_equal(mi_ns_name(a), "root/CIMV2");
    assert_int_equal(mi_repo_ns_add(r, "\\Root\\cimv2\\", &b), MI_RESULT_OK);
    assert_ptr_equal(a, b);
    assert_ptr_equal(mi_repo_ns(r, "ROOT/cimv2"), a);
    assert_ptr_equal(mi_repo_ns(r, "/root/cimv2/"), a);
    assert_null(mi_repo_ns(r, "root"));
    assert_int_equal(mi_repo_ns_add(r, "interop", &c), MI_RESULT_OK);
    assert_int_equal(mi_repo_ns_count(r), 2);
    assert_ptr_equal(mi_repo_ns_at(r, 0), a);
    assert_ptr_equal(mi_repo_ns_at(r, 1), c);
    assert_null(mi_repo_ns_at(r, 2));
    const char *bad[] = {"", "/", "root//x", "root/a b", "root/x.y", "root/\xC3", NULL};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mi_ns *x = (mi_ns *)1;
        assert_int_equal(mi_repo_ns_add(r, bad[i], &x), MI_RESULT_INVALID_NAMESPACE);
        assert_null(x);
        assert_null(mi_repo_ns(r, bad[i]));
    }
    assert_int_equal(mi_repo_ns_count(r), 2);
    assert_int_equal(mi_repo_ns_add(r, "root/\xC3\xA9t\xC3\xA9_2", &c), MI_RESULT_OK);
    mi_buf b2;
    mi_buf_init(&b2, 0);
    assert_int_equal(mi_repo_ns_normalize("x\\\\y", &b2), MI_RESULT_INVALID_NAMESPACE);
    mi_buf_reset(&b2);
    assert_int_equal(mi_repo_ns_normalize("\\x\\y/", &b2), MI_RESULT_OK);
    assert_string_equal(mi_buf_str(&b2), "x/y");
    mi_buf_free(&b2);
    mi_repo_free(r);
    mi_repo_free(NULL);
}

static void test_qualifier_decls(void **state)
{
    (void)state;
    mi_repo *r;
    mi_ns *ns;
    assert_int_equal(mi_repo_new(&r), MI_RESULT_OK);
    assert_int_equal(mi_repo_ns_add(r, "root/q", &ns), MI_RESULT_OK);
    static const MI_Boolean f = 0;
    static const MI_QualifierDecl key = {"Key", MI_BOOLEAN, MI_FLAG_PROPERTY | MI_FLAG_REFERENCE,
                                         MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS, 0, &f};
    static const MI_QualifierDecl desc = {"Description", MI_STRING, MI_FLAG_ANY,
                                          MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS, 0, NULL};
    static const MI_QualifierDecl key2 = {"KEY", MI_UINT32, MI_FLAG_ANY, 0, 0, NULL};
    assert_int_equal(mi_ns_add_qualifier(ns, &key), MI_RESULT_OK);
    assert_int_equal(mi_ns_add_qualifier(ns, &desc), MI_RESULT_OK);
    assert_int_equal(mi_ns_add_qualifier(ns, &key2), MI_RESULT_ALREADY_EXISTS);
    assert_int_equal(mi_ns_qualifier_count(ns), 2);
    assert_ptr_equal(mi_ns_qualifier(ns, "key"), &key);
    assert_ptr_equal(mi_ns_qualifier_at(ns, 1), &desc);
    assert_null(mi_ns_qualifier_at(ns, 2));
    assert_null(mi_ns_qualifier(ns, "Nope"));
    mi_repo_free(r);
}

static void test_classes(void **state)
{
    (void)state;
    world w;
    build_world(&w);
    assert_int_equal(mi_ns_class_count(w.ns), 5);
    assert_ptr_equal(mi_ns_class(w.ns, "leaf"), w.leaf);
    assert_ptr_equal(mi_ns_class_at(w.ns, 0), w.base);
    assert_ptr_equal(mi_ns_class_at(w.ns, 4), w.assoc);
    assert_null(mi_ns_class_at(w.ns, 5));
    assert_int_equal(mi_ns_association_count(w.ns), 1);
    /* duplicates, unknown or inconsistent superclass */
    assert_int_equal(mi_ns_add_class(w.ns, w.sub2), MI_RESULT_ALREADY_EXISTS);
    MI_ClassDecl *orphan = mkclass(w.a, "Orphan", w.base, NULL, 0, 0);
    orphan->superClass = "Missing";
    assert_int_equal(mi_ns_add_class(w.ns, orphan), MI_RESULT_INVALID_SUPERCLASS);
    MI_ClassDecl *liar = mkclass(w.a, "Liar", w.sub1, NULL, 0, 0);
    liar->superClass = "Base"; /* names Base but points at Sub1's decl */
    assert_int_equal(mi_ns_add_class(w.ns, liar), MI_RESULT_INVALID_SUPERCLASS);
    assert_int_equal(mi_ns_class_count(w.ns), 5);
    /* subclasses */
    size_t n;
    const MI_ClassDecl *const *subs = mi_ns_subclasses(w.ns, w.base, &n);
    assert_int_equal(n, 2);
    assert_ptr_equal(subs[0], w.sub1);
    assert_ptr_equal(subs[1], w.sub2);
    mi_ns_subclasses(w.ns, w.leaf, &n);
    assert_int_equal(n, 0);
    /* roles */
    const MI_PropertyDecl *const *roles = mi_ns_class_roles(w.ns, w.assoc, &n);
    assert_int_equal(n, 2);
    assert_string_equal(roles[0]->name, "Left");
    assert_string_equal(roles[1]->name, "Right");
    mi_ns_class_roles(w.ns, w.base, &n);
    assert_int_equal(n, 0);
    /* a decl that is not the stored one */
    mi_ns_subclasses(w.ns, orphan, &n);
    assert_int_equal(n, 0);
    mi_repo_free(w.r);
}

typedef struct walk_log {
    const char *names[16];
    size_t n;
    size_t stop_after;
} walk_log;

static bool log_class(void *ctx, const MI_ClassDecl *cd)
{
    walk_log *l = ctx;
    l->names[l->n++] = cd->name;
    return l->n != l->stop_after;
}

static void test_walk(void **state)
{
    (void)state;
    world w;
    build_world(&w);
    walk_log l = {{0}, 0, 0};
    assert_true(mi_ns_walk_subclasses(w.ns, w.base, log_class, &l));
    assert_int_equal(l.n, 4);
    assert_string_equal(l.names[0], "Base");
    assert_string_equal(l.names[1], "Sub1");
    assert_string_equal(l.names[2], "Leaf");
    assert_string_equal(l.names[3], "Sub2");
    walk_log s = {{0}, 0, 2};
    assert_false(mi_ns_walk_subclasses(w.ns, w.base, log_class, &s));
    assert_int_equal(s.n, 2);
    walk_log one = {{0}, 0, 0};
    assert_true(mi_ns_walk_subclasses(w.ns, w.sub2, log_class, &one));
    assert_int_equal(one.n, 1);
    mi_repo_free(w.r);
}

static void test_instances(void **state)
{
    (void)state;
    world w;
    build_world(&w);
    MI_Instance *i1 = mkinst(w.base, "a", 1);
    MI_Instance *i2 = mkinst(w.base, "A", 2); /* key values are case sensitive */
    MI_Instance *i3 = mkinst(w.sub1, "b", 3);
    assert_int_equal(mi_ns_add_instance(w.ns, i1), MI_RESULT_OK);
    assert_int_equal(mi_ns_add_instance(w.ns, i2), MI_RESULT_OK);
    assert_int_equal(mi_ns_add_instance(w.ns, i3), MI_RESULT_OK);
    MI_Instance *dup = mkinst(w.base, "a", 9);
    assert_int_equal(mi_ns_add_instance(w.ns, dup), MI_RESULT_ALREADY_EXISTS);
    MI_Instance_Delete(dup); /* not taken */
    assert_int_equal(mi_ns_instance_count(w.ns), 3);
    mi_buf b;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_instance_keystring(i2, &b), MI_RESULT_OK);
    assert_ptr_equal(mi_ns_instance(w.ns, mi_buf_str(&b)), i2);
    mi_buf_reset(&b);
    assert_int_equal(mi_instance_keystring(i1, &b), MI_RESULT_OK);
    assert_ptr_equal(mi_ns_instance(w.ns, mi_buf_str(&b)), i1);
    assert_null(mi_ns_instance(w.ns, "Base.Id=\"zzz\""));
    mi_buf_free(&b);
    size_t n;
    const MI_Instance *const *of = mi_ns_instances_of(w.ns, w.base, &n);
    assert_int_equal(n, 2);
    assert_ptr_equal(of[0], i1);
    assert_ptr_equal(of[1], i2);
    mi_ns_instances_of(w.ns, w.sub1, &n);
    assert_int_equal(n, 1);
    mi_ns_instances_of(w.ns, w.leaf, &n);
    assert_int_equal(n, 0);
    /* an instance of a class the namespace does not have */
    mi_ns *other;
    assert_int_equal(mi_repo_ns_add(w.r, "root/other", &other), MI_RESULT_OK);
    MI_Instance *i4 = mkinst(w.base, "c", 4);
    assert_int_equal(mi_ns_add_instance(other, i4), MI_RESULT_INVALID_CLASS);
    assert_int_equal(mi_ns_add_unkeyed_instance(other, i4), MI_RESULT_INVALID_CLASS);
    /* an instance without its key cannot be keyed, but can be kept unkeyed */
    MI_Value v;
    v.uint32 = 5;
    assert_int_equal(MI_Instance_ClearElement(i4, "Id"), MI_RESULT_OK);
    assert_int_equal(MI_Instance_SetElement(i4, "N", &v, MI_UINT32, 0), MI_RESULT_OK);
    assert_int_not_equal(mi_ns_add_instance(w.ns, i4), MI_RESULT_OK);
    assert_int_equal(mi_ns_add_unkeyed_instance(w.ns, i4), MI_RESULT_OK);
    assert_int_equal(mi_ns_instance_count(w.ns), 4);
    mi_ns_instances_of(w.ns, w.base, &n);
    assert_int_equal(n, 3);
    /* instances in an adopted arena */
    MI_Instance *in_arena;
    assert_int_equal(mi_instance_new_in(w.a, w.sub2, NULL, NULL, &in_arena), MI_RESULT_OK);
    v.string = (char *)"arena";
    assert_int_equal(MI_Instance_SetElement(in_arena, "Id", &v, MI_STRING, 0), MI_RESULT_OK);
    assert_int_equal(mi_ns_add_instance(w.ns, in_arena), MI_RESULT_OK);
    mi_repo_free(w.r); /* frees the owned instances, then the arenas (checked by ASan) */
}

static void test_adopt_arenas(void **state)
{
    (void)state;
    mi_repo *r;
    assert_int_equal(mi_repo_new(&r), MI_RESULT_OK);
    for (int i = 0; i < 100; i++) {
        mi_arena *a = mi_arena_new(0, 0);
        assert_non_null(a);
        assert_non_null(mi_arena_alloc(a, 1000));
        assert_int_equal(mi_repo_adopt_arena(r, a), MI_RESULT_OK);
    }
    assert_int_equal(mi_repo_adopt_arena(r, NULL), MI_RESULT_INVALID_PARAMETER);
    mi_repo_free(r);
}

/* Every allocation of a sequence of repository operations fails in turn: each call
 * either succeeds or reports SERVER_LIMITS_EXCEEDED, and nothing leaks (ASan). */
static void test_alloc_failures(void **state)
{
    (void)state;
    for (long k = 1; k < 200; k++) {
        world w;
        build_world(&w);
        MI_Instance *i1 = mkinst(w.base, "x", 1);
        MI_PropertyDecl *p = mkprop(w.a, "P", MI_UINT8, 0, NULL, "More");
        MI_ClassDecl *more = mkclass(w.a, "More", w.leaf, &p, 1, 0);
        static const MI_QualifierDecl q = {"Q", MI_BOOLEAN, MI_FLAG_ANY, 0, 0, NULL};
        mi_alloc_fail_after(k);
        mi_ns *ns2 = NULL;
        MI_Result r1 = mi_repo_ns_add(w.r, "root/second", &ns2);
        MI_Result r2 = mi_ns_add_qualifier(w.ns, &q);
        MI_Result r3 = mi_ns_add_class(w.ns, more);
        MI_Result r4 = mi_ns_add_instance(w.ns, i1);
        mi_alloc_fail_after(0);
        MI_Result rs[] = {r1, r2, r3, r4};
        for (int i = 0; i < 4; i++)
            assert_true(rs[i] == MI_RESULT_OK || rs[i] == MI_RESULT_SERVER_LIMITS_EXCEEDED);
        assert_int_equal(r1 == MI_RESULT_OK, mi_repo_ns(w.r, "root/second") != NULL);
        assert_int_equal(r2 == MI_RESULT_OK, mi_ns_qualifier(w.ns, "Q") != NULL);
        assert_int_equal(r3 == MI_RESULT_OK, mi_ns_class(w.ns, "More") != NULL);
        size_t n;
        mi_ns_subclasses(w.ns, w.leaf, &n);
        assert_int_equal(n, r3 == MI_RESULT_OK ? 1u : 0u);
        assert_int_equal(mi_ns_instance_count(w.ns), r4 == MI_RESULT_OK ? 1u : 0u);
        if (r4 != MI_RESULT_OK)
            MI_Instance_Delete(i1);
        bool all_ok = r1 == MI_RESULT_OK && r2 == MI_RESULT_OK && r3 == MI_RESULT_OK &&
                      r4 == MI_RESULT_OK;
        mi_repo_free(w.r);
        if (all_ok && k > 60)
            break;
    }
}

/* A transaction adds a namespace, an arena, qualifiers, many classes and instances;
 * rollback restores the exact previous state (lookups of what stays still work after
 * the removals from the hash tables), commit keeps everything. */
static void test_transactions(void **state)
{
    (void)state;
    world w;
    build_world(&w);
    MI_Instance *keep = mkinst(w.base, "keep", 1);
    assert_int_equal(mi_ns_add_instance(w.ns, keep), MI_RESULT_OK);
    static const MI_QualifierDecl q1 = {"Q1", MI_BOOLEAN, MI_FLAG_ANY, 0, 0, NULL};
    static const MI_QualifierDecl q2 = {"Q2", MI_BOOLEAN, MI_FLAG_ANY, 0, 0, NULL};
    assert_int_equal(mi_ns_add_qualifier(w.ns, &q1), MI_RESULT_OK);
    char names[200][16];
    for (int round = 0; round < 2; round++) {
        assert_int_equal(mi_repo_begin(w.r), MI_RESULT_OK);
        assert_int_equal(mi_repo_begin(w.r), MI_RESULT_FAILED);
        mi_arena *a = mi_arena_new(0, 0);
        assert_int_equal(mi_repo_adopt_arena(w.r, a), MI_RESULT_OK);
        mi_ns *nns;
        assert_int_equal(mi_repo_ns_add(w.r, "root/tx", &nns), MI_RESULT_OK);
        assert_int_equal(mi_ns_add_qualifier(w.ns, &q2), MI_RESULT_OK);
        assert_int_equal(mi_ns_add_qualifier(nns, &q1), MI_RESULT_OK);
        for (int i = 0; i < 200; i++) {
            snprintf(names[i], sizeof names[i], "Tx%d", i);
            MI_ClassDecl *cd = mkclass(a, names[i], i % 2 ? w.sub1 : NULL, NULL, 0,
                                       i % 3 ? 0 : MI_FLAG_ASSOCIATION);
            assert_int_equal(mi_ns_add_class(w.ns, cd), MI_RESULT_OK);
        }
        for (int i = 0; i < 300; i++) {
            char id[16];
            snprintf(id, sizeof id, "i%d", i);
            MI_Instance *inst = mkinst(i % 2 ? w.base : w.sub2, id, (MI_Uint32)i);
            assert_int_equal(mi_ns_add_instance(w.ns, inst), MI_RESULT_OK);
        }
        MI_Instance *inarena;
        assert_int_equal(mi_instance_new_in(a, w.leaf, NULL, NULL, &inarena), MI_RESULT_OK);
        assert_int_equal(mi_ns_add_unkeyed_instance(w.ns, inarena), MI_RESULT_OK);
        assert_int_equal(mi_ns_class_count(w.ns), 205);
        assert_int_equal(mi_ns_instance_count(w.ns), 302);
        if (round == 0) {
            mi_repo_rollback(w.r);
            assert_null(mi_repo_ns(w.r, "root/tx"));
            assert_int_equal(mi_repo_ns_count(w.r), 1);
            assert_int_equal(mi_ns_class_count(w.ns), 5);
            assert_int_equal(mi_ns_association_count(w.ns), 1);
            assert_int_equal(mi_ns_qualifier_count(w.ns), 1);
            assert_null(mi_ns_qualifier(w.ns, "Q2"));
            assert_ptr_equal(mi_ns_qualifier(w.ns, "q1"), &q1);
            assert_int_equal(mi_ns_instance_count(w.ns), 1);
            size_t n;
            mi_ns_subclasses(w.ns, w.sub1, &n);
            assert_int_equal(n, 1);
            mi_ns_instances_of(w.ns, w.base, &n);
            assert_int_equal(n, 1);
            for (int i = 0; i < 200; i++)
                assert_null(mi_ns_class(w.ns, names[i]));
            const char *stay[] = {"Base", "Sub1", "Sub2", "Leaf", "Assoc"};
            for (int i = 0; i < 5; i++)
                assert_non_null(mi_ns_class(w.ns, stay[i]));
            mi_buf b;
            mi_buf_init(&b, 0);
            assert_int_equal(mi_instance_keystring(keep, &b), MI_RESULT_OK);
            assert_ptr_equal(mi_ns_instance(w.ns, mi_buf_str(&b)), keep);
            mi_buf_free(&b);
        } else {
            mi_repo_commit(w.r);
            mi_repo_rollback(w.r); /* nothing open: no effect */
            assert_int_equal(mi_ns_class_count(w.ns), 205);
            assert_non_null(mi_repo_ns(w.r, "root/tx"));
            assert_non_null(mi_ns_class(w.ns, "Tx199"));
        }
    }
    mi_repo_free(w.r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_namespaces),
        cmocka_unit_test(test_qualifier_decls),
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_walk),
        cmocka_unit_test(test_instances),
        cmocka_unit_test(test_adopt_arenas),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_transactions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
