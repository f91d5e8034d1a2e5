/* test_instance.c - schema-bound instances through MI_InstanceFT: every type through
 * Set/Get/Clone, copy/BORROW/ADOPT, errors, names, generated-struct interop,
 * parameter instances. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "cim/cim.h"
#include "fixtures.h"
#include "values.h"

static int setup(void **state)
{
    fx *f = malloc(sizeof *f);
    assert_non_null(f);
    fx_init(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    sample_free();
    fx_free(f);
    free(f);
    return 0;
}

static MI_Instance *new_leaf(const fx *f)
{
    MI_Instance *inst = NULL;
    assert_int_equal(mi_instance_new(f->leaf, "root/test", NULL, &inst), MI_RESULT_OK);
    assert_non_null(inst);
    return inst;
}

static void test_new_defaults(void **state)
{
    fx *f = *state;
    MI_Instance *inst = new_leaf(f);
    MI_Uint32 count = 0;
    assert_int_equal(MI_Instance_GetElementCount(inst, &count), MI_RESULT_OK);
    assert_int_equal(count, 33);
    assert_false(mi_instance_is_dynamic(inst));
    assert_ptr_equal(inst->classDecl, f->leaf);

    MI_Value v;
    MI_Type t;
    MI_Uint32 flags, idx;
    /* overridden default in T_Leaf */
    assert_int_equal(MI_Instance_GetElement(inst, "caption", &v, &t, &flags, &idx), MI_RESULT_OK);
    assert_int_equal(t, MI_STRING);
    assert_int_equal(idx, 2);
    assert_false(flags & MI_FLAG_NULL);
    assert_string_equal(v.string, "leaf");
    /* the instance holds a copy, not the decl's constant */
    assert_ptr_not_equal(v.string, *(const char *const *)f->leaf->properties[2]->value);
    assert_int_equal(MI_Instance_GetElement(inst, "Count", &v, &t, &flags, NULL), MI_RESULT_OK);
    assert_int_equal(t, MI_UINT16);
    assert_int_equal(v.uint16, 7);
    /* everything else NULL; key flags reported from the decl */
    assert_int_equal(MI_Instance_GetElement(inst, "Name", &v, &t, &flags, NULL), MI_RESULT_OK);
    assert_true(flags & MI_FLAG_NULL);
    assert_true(flags & MI_FLAG_KEY);
    assert_int_equal(MI_Instance_GetElementAt(inst, 5, NULL, NULL, &t, &flags), MI_RESULT_OK);
    assert_int_equal(t, MI_DATETIME);
    assert_true(flags & MI_FLAG_NULL);
    assert_false(flags & MI_FLAG_KEY);
    /* the generated struct view agrees */
    const T_Leaf_s *s = (const T_Leaf_s *)inst;
    assert_true(s->Count.exists);
    assert_int_equal(s->Count.value, 7);
    assert_false(s->Name.exists);
    assert_string_equal(s->Caption.value, "leaf");
    /* constructed storage gets no defaults */
    T_Leaf_s st;
    assert_int_equal(mi_instance_construct(&st.__instance, f->leaf), MI_RESULT_OK);
    assert_false(st.Caption.exists);
    assert_int_equal(MI_Instance_Destruct(&st.__instance), MI_RESULT_OK);
    assert_int_equal(MI_Instance_Delete(inst), MI_RESULT_OK);
}

static void test_every_type_roundtrip(void **state)
{
    fx *f = *state;
    MI_Instance *inst = new_leaf(f);
    MI_Value want[40];
    const MI_PropertyDecl *const *props = f->leaf->properties;
    MI_Uint32 n = f->leaf->numProperties;
    for (MI_Uint32 i = 0; i < n; i++) {
        MI_Type t = (MI_Type)props[i]->type;
        sample_value(t, (int)i + 1, &want[i]);
        assert_int_equal(MI_Instance_SetElementAt(inst, i, &want[i], t, 0), MI_RESULT_OK);
    }
    /* every scalar and array type is covered by the fixture */
    unsigned seen = 0;
    for (MI_Uint32 i = 0; i < n; i++)
        seen |= 1u << props[i]->type;
    assert_int_equal(seen, 0xFFFFFFFFu);

    for (MI_Uint32 i = 0; i < n; i++) {
        const char *name;
        MI_Value got;
        MI_Type t;
        MI_Uint32 flags;
        assert_int_equal(MI_Instance_GetElementAt(inst, i, &name, &got, &t, &flags), MI_RESULT_OK);
        assert_string_equal(name, props[i]->name);
        assert_int_equal(t, props[i]->type);
        assert_false(flags & MI_FLAG_NULL);
        expect_same_value(t, &got, &want[i]);
        assert_true(is_deep_copy(t, &got, &want[i]));
    }

    MI_Instance *clone = NULL;
    assert_int_equal(MI_Instance_Clone(inst, &clone), MI_RESULT_OK);
    assert_ptr_equal(clone->classDecl, f->leaf);
    const char *ns = NULL;
    assert_int_equal(MI_Instance_GetNameSpace(clone, &ns), MI_RESULT_OK);
    assert_string_equal(ns, "root/test");
    /* the clone must survive the original */
    MI_Value orig[40];
    for (MI_Uint32 i = 0; i < n; i++)
        assert_int_equal(MI_Instance_GetElementAt(inst, i, NULL, &orig[i], NULL, NULL), MI_RESULT_OK);
    for (MI_Uint32 i = 0; i < n; i++) {
        MI_Value got;
        MI_Type t = (MI_Type)props[i]->type;
        assert_int_equal(MI_Instance_GetElementAt(clone, i, NULL, &got, NULL, NULL), MI_RESULT_OK);
        assert_true(is_deep_copy(t, &got, &orig[i]));
    }
    assert_int_equal(MI_Instance_Delete(inst), MI_RESULT_OK);
    for (MI_Uint32 i = 0; i < n; i++) {
        MI_Value got;
        MI_Type t = (MI_Type)props[i]->type;
        assert_int_equal(MI_Instance_GetElementAt(clone, i, NULL, &got, NULL, NULL), MI_RESULT_OK);
        expect_same_value(t, &got, &want[i]);
    }
    assert_int_equal(MI_Instance_Delete(clone), MI_RESULT_OK);
}

/* The value pointer may point at just the union member: give exactly-sized heap blocks
 * so that ASan reports any read past them. */
static void test_member_only_reads(void **state)
{
    fx *f = *state;
    MI_Instance *inst = new_leaf(f);
    const char **sp = malloc(sizeof *sp);
    assert_non_null(sp);
    *sp = "member";
    assert_int_equal(MI_Instance_SetElement(inst, "Name", (const MI_Value *)sp, MI_STRING, 0),
                     MI_RESULT_OK);
    MI_Uint32A *ap = malloc(sizeof *ap);
    assert_non_null(ap);
    MI_Uint32 data[] = {1, 2, 3};
    ap->data = data;
    ap->size = 3;
    assert_int_equal(MI_Instance_SetElement(inst, "U32A", (const MI_Value *)ap, MI_UINT32A, 0),
                     MI_RESULT_OK);
    MI_Uint8 *u8 = malloc(1);
    assert_non_null(u8);
    *u8 = 0xAB;
    assert_int_equal(MI_Instance_SetElement(inst, "U8", (const MI_Value *)u8, MI_UINT8, 0),
                     MI_RESULT_OK);
    MI_Datetime *dt = malloc(sizeof *dt);
    assert_non_null(dt);
    memset(dt, 0, sizeof *dt);
    dt->u.interval.days = 3;
    assert_int_equal(MI_Instance_SetElement(inst, "When", (const MI_Value *)dt, MI_DATETIME, 0),
                     MI_RESULT_OK);
    /* the same through the generated-setter style: address of a single pointer */
    MI_Instance *ref = NULL;
    assert_int_equal(mi_instance_new(f->base, NULL, NULL, &ref), MI_RESULT_OK);
    MI_Instance **rp = malloc(sizeof *rp);
    assert_non_null(rp);
    *rp = ref;
    assert_int_equal(MI_Instance_SetElement(inst, "Target", (const MI_Value *)rp, MI_REFERENCE, 0),
                     MI_RESULT_OK);
    const T_Leaf_s *s = (const T_Leaf_s *)inst;
    assert_string_equal(s->Name.value, "member");
    assert_int_equal(s->U32A.value.size, 3);
    assert_int_equal(s->U32A.value.data[2], 3);
    assert_int_equal(s->U8.value, 0xAB);
    assert_int_equal(s->When.value.u.interval.days, 3);
    assert_true(s->Target.exists);
    assert_ptr_not_equal(s->Target.value, ref);
    free(sp);
    free(ap);
    free(u8);
    free(dt);
    free(rp);
    MI_Instance_Delete(ref);
    MI_Instance_Delete(inst);
}

static void test_borrow(void **state)
{
    fx *f = *state;
    MI_Instance *inst = new_leaf(f);
    char text[] = "borrowed";
    MI_Value v;
    v.string = text;
    assert_int_equal(MI_Instance_SetElement(inst, "Name", &v, MI_STRING, MI_FLAG_BORROW),
                     MI_RESULT_OK);
    MI_Value got;
    assert_int_equal(MI_Instance_GetElement(inst, "Name", &got, NULL, NULL, NULL), MI_RESULT_OK);
    assert_ptr_equal(got.string, text);
    text[0] = 'B';
    assert_int_equal(MI_Instance_GetElement(inst, "Name", &got, NULL, NULL, NULL), MI_RESULT_OK);
    assert_string_equal(got.string, "Borrowed");
    MI_Char *strs[] = {"x", "y"};
    v.stringa.data = strs;
    v.stringa.size = 2;
    assert_int_equal(MI_Instance_SetElement(inst, "StrA", &v, MI_STRINGA, MI_FLAG_BORROW),
                     MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(inst, "StrA", &got, NULL, NULL, NULL), MI_RESULT_OK);
    assert_ptr_equal(got.stringa.data, strs);
    /* a clone never borrows */
    MI_Instance *clone = NULL;
    assert_int_equal(MI_Instance_Clone(inst, &clone), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(clone, "Name", &got, NULL, NULL, NULL), MI_RESULT_OK);
    assert_ptr_not_equal(got.string, text);
    assert_string_equal(got.string, "Borrowed");
    MI_Instance_Delete(clone);
    MI_Instance_Delete(inst);
}

/* ADOPT: the instance frees the value (with free(), instances with Delete) exactly once,
 * when it is deleted; ASan reports a leak or a double free otherwise. */
static void test_adopt(void **state)
{
    fx *f = *state;
    MI_Instance *inst = new_leaf(f);
    char *s = strdup("adopted");
    assert_non_null(s);
    MI_Value v;
    v.string = s;
    assert_int_equal(MI_Instance_SetElement(inst, "Name", &v, MI_STRING, MI_FLAG_ADOPT),
                     MI_RESULT_OK);
    MI_Value got;
    assert_int_equal(MI_Instance_GetElement(inst, "Name", &got, NULL, NULL, NULL), MI_RESULT_OK);
    assert_ptr_equal(got.string, s);
    /* overwriting keeps the adopted memory until the instance goes */
    v.string = "other";
    assert_int_equal(MI_Instance_SetElement(inst, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    assert_string_equal(s, "adopted");

    char **arr = malloc(2 * sizeof *arr);
    assert_non_null(arr);
    arr[0] = strdup("a0");
    arr[1] = strdup("a1");
    v.stringa.data = arr;
    v.stringa.size = 2;
    assert_int_equal(MI_Instance_SetElement(inst, "StrA", &v, MI_STRINGA, MI_FLAG_ADOPT),
                     MI_RESULT_OK);

    MI_Uint64 *nums = malloc(4 * sizeof *nums);
    assert_non_null(nums);
    for (int i = 0; i < 4; i++)
        nums[i] = (MI_Uint64)i * 1000000000000ull;
    v.uint64a.data = nums;
    v.uint64a.size = 4;
    assert_int_equal(MI_Instance_SetElement(inst, "U64A", &v, MI_UINT64A, MI_FLAG_ADOPT),
                     MI_RESULT_OK);

    MI_Instance *emb = NULL;
    assert_int_equal(mi_instance_new(f->base, NULL, NULL, &emb), MI_RESULT_OK);
    v.instance = emb;
    assert_int_equal(MI_Instance_SetElement(inst, "Emb", &v, MI_INSTANCE, MI_FLAG_ADOPT),
                     MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(inst, "Emb", &got, NULL, NULL, NULL), MI_RESULT_OK);
    assert_ptr_equal(got.instance, emb);

    MI_Instance **refs = malloc(sizeof *refs);
    assert_non_null(refs);
    assert_int_equal(mi_instance_new_dynamic("T_Base", 0, &refs[0]), MI_RESULT_OK);
    v.referencea.data = refs;
    v.referencea.size = 1;
    assert_int_equal(MI_Instance_SetElement(inst, "RefA", &v, MI_REFERENCEA, MI_FLAG_ADOPT),
                     MI_RESULT_OK);
    /* a failed adopt leaves ownership with the caller */
    char *kept = strdup("kept");
    v.string = kept;
    assert_int_equal(MI_Instance_SetElement(inst, "Id", &v, MI_STRING, MI_FLAG_ADOPT),
                     MI_RESULT_TYPE_MISMATCH);
    free(kept);
    assert_int_equal(MI_Instance_Delete(inst), MI_RESULT_OK);
}

static void test_errors(void **state)
{
    fx *f = *state;
    MI_Instance *inst = new_leaf(f);
    MI_Value v;
    v.uint32 = 5;
    assert_int_equal(MI_Instance_SetElement(inst, "Name", &v, MI_UINT32, 0), MI_RESULT_TYPE_MISMATCH);
    assert_non_null(strstr(mi_cim_last_error(), "Name"));
    assert_non_null(strstr(mi_cim_last_error(), "uint32"));
    assert_int_equal(MI_Instance_SetElement(inst, "NoSuch", &v, MI_UINT32, 0),
                     MI_RESULT_NO_SUCH_PROPERTY);
    assert_non_null(strstr(mi_cim_last_error(), "NoSuch"));
    assert_int_equal(MI_Instance_SetElementAt(inst, 33, &v, MI_UINT32, 0), MI_RESULT_FAILED);
    assert_int_equal(MI_Instance_SetElementAt(inst, 1, &v, (MI_Type)77, 0), MI_RESULT_TYPE_MISMATCH);
    assert_int_equal(MI_Instance_GetElementAt(inst, 33, NULL, &v, NULL, NULL), MI_RESULT_FAILED);
    assert_int_equal(MI_Instance_GetElement(inst, "nosuch", &v, NULL, NULL, NULL),
                     MI_RESULT_NO_SUCH_PROPERTY);
    assert_int_equal(MI_Instance_ClearElement(inst, "nosuch"), MI_RESULT_NO_SUCH_PROPERTY);
    assert_int_equal(MI_Instance_ClearElementAt(inst, 1000), MI_RESULT_FAILED);
    assert_int_equal(MI_Instance_AddElement(inst, "Extra", &v, MI_UINT32, 0), MI_RESULT_FAILED);
    assert_non_null(strstr(mi_cim_last_error(), "schema-bound"));
    v.string = "x";
    assert_int_equal(MI_Instance_SetElement(inst, "Name", &v, MI_STRING,
                                            MI_FLAG_BORROW | MI_FLAG_ADOPT),
                     MI_RESULT_INVALID_PARAMETER);
    v.array.data = NULL;
    v.array.size = 3;
    assert_int_equal(MI_Instance_SetElement(inst, "U8A", &v, MI_UINT8A, 0),
                     MI_RESULT_INVALID_PARAMETER);
    /* NULL element inside a string array */
    MI_Char *holes[] = {"a", NULL};
    v.stringa.data = holes;
    v.stringa.size = 2;
    assert_int_equal(MI_Instance_SetElement(inst, "StrA", &v, MI_STRINGA, 0),
                     MI_RESULT_INVALID_PARAMETER);
    /* a failed set leaves the previous value */
    v.uint32 = 41;
    assert_int_equal(MI_Instance_SetElement(inst, "Id", &v, MI_UINT32, 0), MI_RESULT_OK);
    v.uint64 = 42;
    assert_int_equal(MI_Instance_SetElement(inst, "Id", &v, MI_UINT64, 0), MI_RESULT_TYPE_MISMATCH);
    MI_Value got;
    assert_int_equal(MI_Instance_GetElement(inst, "Id", &got, NULL, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(got.uint32, 41);
    /* the mi.h wrappers refuse NULL handles */
    assert_int_equal(MI_Instance_GetElementCount(NULL, NULL), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Instance_Delete(NULL), MI_RESULT_INVALID_PARAMETER);
    /* and so does the table given NULL outs where they are required */
    assert_int_equal(inst->ft->GetElementCount(inst, NULL), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(inst->ft->GetClassName(inst, NULL), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(inst->ft->SetElement(inst, NULL, &v, MI_UINT32, 0),
                     MI_RESULT_INVALID_PARAMETER);
    /* Destruct is for caller storage only */
    assert_int_equal(MI_Instance_Destruct(inst), MI_RESULT_FAILED);
    /* instances not made by the library are read-only */
    T_Leaf_s foreign;
    memset(&foreign, 0, sizeof foreign);
    foreign.__instance.ft = &mi_instance_ft;
    foreign.__instance.classDecl = f->leaf;
    ((MI_Uint32Field *)&foreign.Id)->value = 9;
    foreign.Id.exists = 1;
    assert_int_equal(MI_Instance_GetElement(&foreign.__instance, "Id", &got, NULL, NULL, NULL),
                     MI_RESULT_OK);
    assert_int_equal(got.uint32, 9);
    assert_int_equal(MI_Instance_SetElement(&foreign.__instance, "Id", &got, MI_UINT32, 0),
                     MI_RESULT_FAILED);
    assert_int_equal(MI_Instance_Delete(&foreign.__instance), MI_RESULT_FAILED);
    MI_Instance *fc = NULL;
    assert_int_equal(MI_Instance_Clone(&foreign.__instance, &fc), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(fc, "Id", &got, NULL, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(got.uint32, 9);
    MI_Instance_Delete(fc);
    /* a decl without layout is refused */
    MI_ClassDecl bad = *f->leaf;
    bad.size = 0;
    MI_Instance *x = (MI_Instance *)1;
    assert_int_equal(mi_instance_new(&bad, NULL, NULL, &x), MI_RESULT_INVALID_PARAMETER);
    assert_null(x);
    assert_non_null(strstr(mi_cim_last_error(), "layout"));
    MI_Instance_Delete(inst);
}

static void test_null_and_clear(void **state)
{
    fx *f = *state;
    MI_Instance *inst = new_leaf(f);
    MI_Value v, got;
    MI_Uint32 flags;
    v.string = "n";
    assert_int_equal(MI_Instance_SetElement(inst, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_SetElement(inst, "Name", &v, MI_STRING, MI_FLAG_NULL), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(inst, "Name", &got, NULL, &flags, NULL), MI_RESULT_OK);
    assert_true(flags & MI_FLAG_NULL);
    assert_int_equal(MI_Instance_SetElement(inst, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_SetElement(inst, "Name", NULL, MI_STRING, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(inst, "Name", &got, NULL, &flags, NULL), MI_RESULT_OK);
    assert_true(flags & MI_FLAG_NULL);
    v.string = NULL;
    assert_int_equal(MI_Instance_SetElement(inst, "Caption", &v, MI_STRING, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(inst, "Caption", &got, NULL, &flags, NULL), MI_RESULT_OK);
    assert_true(flags & MI_FLAG_NULL);
    v.uint16 = 9;
    assert_int_equal(MI_Instance_SetElement(inst, "Count", &v, MI_UINT16, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_ClearElement(inst, "COUNT"), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(inst, "Count", &got, NULL, &flags, NULL), MI_RESULT_OK);
    assert_true(flags & MI_FLAG_NULL);
    v.real64 = 2.5;
    MI_Uint32 r64 = fx_leaf_index(f, "R64");
    assert_int_equal(MI_Instance_SetElementAt(inst, r64, &v, MI_REAL64, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_ClearElementAt(inst, r64), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElementAt(inst, r64, NULL, &got, NULL, &flags), MI_RESULT_OK);
    assert_true(flags & MI_FLAG_NULL);
    assert_false(((const T_Leaf_s *)inst)->R64.exists);
    /* an empty array is not NULL */
    v.array.data = NULL;
    v.array.size = 0;
    assert_int_equal(MI_Instance_SetElement(inst, "S8A", &v, MI_SINT8A, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(inst, "S8A", &got, NULL, &flags, NULL), MI_RESULT_OK);
    assert_false(flags & MI_FLAG_NULL);
    assert_int_equal(got.array.size, 0);
    MI_Instance_Delete(inst);
}

static void test_names_and_isa(void **state)
{
    fx *f = *state;
    MI_Instance *inst = new_leaf(f);
    const char *s = NULL;
    assert_int_equal(MI_Instance_GetClassName(inst, &s), MI_RESULT_OK);
    assert_string_equal(s, "T_Leaf");
    char ns[] = "root/other";
    assert_int_equal(MI_Instance_SetNameSpace(inst, ns), MI_RESULT_OK);
    ns[0] = 'X';
    assert_int_equal(MI_Instance_GetNameSpace(inst, &s), MI_RESULT_OK);
    assert_string_equal(s, "root/other");
    assert_int_equal(MI_Instance_GetServerName(inst, &s), MI_RESULT_OK);
    assert_null(s);
    char host[] = "host1";
    assert_int_equal(MI_Instance_SetServerName(inst, host), MI_RESULT_OK);
    host[0] = 'X';
    assert_int_equal(MI_Instance_GetServerName(inst, &s), MI_RESULT_OK);
    assert_string_equal(s, "host1");
    assert_int_equal(MI_Instance_SetNameSpace(inst, NULL), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetNameSpace(inst, &s), MI_RESULT_OK);
    assert_null(s);

    MI_Boolean yes = MI_FALSE;
    assert_int_equal(MI_Instance_IsA(inst, f->base, &yes), MI_RESULT_OK);
    assert_true(yes);
    assert_int_equal(MI_Instance_IsA(inst, f->leaf, &yes), MI_RESULT_OK);
    assert_true(yes);
    assert_int_equal(MI_Instance_IsA(inst, f->assoc, &yes), MI_RESULT_OK);
    assert_false(yes);
    MI_Instance *base = NULL;
    assert_int_equal(mi_instance_new(f->base, NULL, NULL, &base), MI_RESULT_OK);
    assert_int_equal(MI_Instance_IsA(base, f->leaf, &yes), MI_RESULT_OK);
    assert_false(yes);

    MI_Class *c = NULL;
    assert_int_equal(MI_Instance_GetClass(inst, &c), MI_RESULT_OK);
    assert_int_equal(MI_Class_GetClassName(c, &s), MI_RESULT_OK);
    assert_string_equal(s, "T_Leaf");
    MI_Instance_Delete(inst);
    /* the class does not depend on the instance */
    assert_int_equal(MI_Class_GetServerName(c, &s), MI_RESULT_OK);
    assert_string_equal(s, "host1");
    MI_Class_Delete(c);
    MI_Instance_Delete(base);
}

static void test_shared_arena(void **state)
{
    fx *f = *state;
    mi_arena *a = mi_arena_new(0, 0);
    assert_non_null(a);
    MI_Instance *x[100];
    for (int i = 0; i < 100; i++) {
        assert_int_equal(mi_instance_new_in(a, f->leaf, "root/x", NULL, &x[i]), MI_RESULT_OK);
        MI_Value v;
        v.uint32 = (MI_Uint32)i;
        assert_int_equal(MI_Instance_SetElement(x[i], "Id", &v, MI_UINT32, 0), MI_RESULT_OK);
        v.string = "shared";
        assert_int_equal(MI_Instance_SetElement(x[i], "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    }
    /* Delete of an arena-shared instance frees nothing */
    assert_int_equal(MI_Instance_Delete(x[3]), MI_RESULT_OK);
    assert_int_equal(((const T_Leaf_s *)x[3])->Id.value, 3);
    assert_int_equal(((const T_Leaf_s *)x[99])->Id.value, 99);
    /* ADOPT on a shared-arena instance is released with the arena */
    MI_Value v;
    v.string = strdup("adopted into arena");
    assert_int_equal(MI_Instance_SetElement(x[0], "Caption", &v, MI_STRING, MI_FLAG_ADOPT),
                     MI_RESULT_OK);
    mi_arena_free(a);
}

/* Generated provider code fills the struct directly and through the setters; both
 * views are the same instance. */
static void test_construct_interop(void **state)
{
    fx *f = *state;
    T_Leaf_s s;
    memset(&s, 0xCC, sizeof s);
    assert_int_equal(mi_instance_construct(&s.__instance, f->leaf), MI_RESULT_OK);
    assert_false(s.Id.exists);
    assert_false(s.Name.exists);
    /* direct field writes, as <C>_Set_P does for plain scalars */
    ((MI_Uint32Field *)&s.Id)->value = 77; /* generated setters cast likewise */
    s.Id.exists = 1;
    ((MI_Real32Field *)&s.R32)->value = 0.25f;
    s.R32.exists = 1;
    MI_Value v;
    MI_Uint32 flags;
    assert_int_equal(MI_Instance_GetElement(&s.__instance, "Id", &v, NULL, &flags, NULL), MI_RESULT_OK);
    assert_int_equal(v.uint32, 77);
    assert_true(flags & MI_FLAG_KEY);
    assert_int_equal(MI_Instance_GetElement(&s.__instance, "R32", &v, NULL, NULL, NULL), MI_RESULT_OK);
    assert_true(v.real32 == 0.25f);
    /* setter path with a copied string: lands in the struct field */
    const char *name = "ctor";
    assert_int_equal(s.__instance.ft->SetElementAt(&s.__instance, 0, (const MI_Value *)&name,
                                                   MI_STRING, 0),
                     MI_RESULT_OK);
    assert_true(s.Name.exists);
    assert_string_equal(s.Name.value, "ctor");
    assert_ptr_not_equal(s.Name.value, name);
    MI_Instance *clone = NULL;
    assert_int_equal(MI_Instance_Clone(&s.__instance, &clone), MI_RESULT_OK);
    assert_int_equal(((const T_Leaf_s *)clone)->Id.value, 77);
    assert_int_equal(MI_Instance_Destruct(&s.__instance), MI_RESULT_OK);
    /* after Destruct the storage is no longer an instance of the library */
    assert_int_equal(MI_Instance_SetElement(&s.__instance, "Id", &v, MI_UINT32, 0), MI_RESULT_FAILED);
    assert_string_equal(((const T_Leaf_s *)clone)->Name.value, "ctor");
    MI_Instance_Delete(clone);
    /* Delete of constructed storage releases its contents, not the storage */
    assert_int_equal(mi_instance_construct(&s.__instance, f->leaf), MI_RESULT_OK);
    assert_int_equal(MI_Instance_SetElementAt(&s.__instance, 0, (const MI_Value *)&name, MI_STRING, 0),
                     MI_RESULT_OK);
    assert_int_equal(MI_Instance_Delete(&s.__instance), MI_RESULT_OK);
}

static void test_embedded_copy(void **state)
{
    fx *f = *state;
    MI_Instance *inst = new_leaf(f);
    MI_Instance *emb = NULL;
    assert_int_equal(mi_instance_new(f->leaf, "root/emb", "hostE", &emb), MI_RESULT_OK);
    MI_Value v;
    v.string = "inner";
    assert_int_equal(MI_Instance_SetElement(emb, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    /* nest one more level */
    MI_Instance *inner2 = NULL;
    assert_int_equal(mi_instance_new_dynamic("T_Base", 0, &inner2), MI_RESULT_OK);
    v.uint32 = 5;
    assert_int_equal(MI_Instance_AddElement(inner2, "Id", &v, MI_UINT32, MI_FLAG_KEY), MI_RESULT_OK);
    v.instance = inner2;
    assert_int_equal(MI_Instance_SetElement(emb, "Emb", &v, MI_INSTANCE, 0), MI_RESULT_OK);
    v.instance = emb;
    assert_int_equal(MI_Instance_SetElement(inst, "Emb", &v, MI_INSTANCE, 0), MI_RESULT_OK);
    v.reference = emb;
    assert_int_equal(MI_Instance_SetElement(inst, "Target", &v, MI_REFERENCE, 0), MI_RESULT_OK);
    MI_Instance_Delete(emb);
    MI_Instance_Delete(inner2);

    MI_Value got, got2;
    assert_int_equal(MI_Instance_GetElement(inst, "Emb", &got, NULL, NULL, NULL), MI_RESULT_OK);
    const char *s = NULL;
    assert_int_equal(MI_Instance_GetClassName(got.instance, &s), MI_RESULT_OK);
    assert_string_equal(s, "T_Leaf");
    assert_int_equal(MI_Instance_GetNameSpace(got.instance, &s), MI_RESULT_OK);
    assert_string_equal(s, "root/emb");
    assert_int_equal(MI_Instance_GetServerName(got.instance, &s), MI_RESULT_OK);
    assert_string_equal(s, "hostE");
    assert_int_equal(MI_Instance_GetElement(got.instance, "Name", &got2, NULL, NULL, NULL),
                     MI_RESULT_OK);
    assert_string_equal(got2.string, "inner");
    assert_int_equal(MI_Instance_GetElement(got.instance, "Emb", &got2, NULL, NULL, NULL),
                     MI_RESULT_OK);
    assert_true(mi_instance_is_dynamic(got2.instance));
    assert_int_equal(MI_Instance_GetElement(got2.instance, "id", &got2, NULL, NULL, NULL),
                     MI_RESULT_OK);
    assert_int_equal(got2.uint32, 5);
    /* deleting an embedded copy is a no-op: it lives in the owner's arena */
    assert_int_equal(MI_Instance_Delete(got.instance), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(inst, "Target", &got, NULL, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(got.reference, "Name", &got2, NULL, NULL, NULL),
                     MI_RESULT_OK);
    assert_string_equal(got2.string, "inner");
    /* equality sees through the copies */
    MI_Instance *clone = NULL;
    assert_int_equal(MI_Instance_Clone(inst, &clone), MI_RESULT_OK);
    MI_Value a, b;
    assert_int_equal(MI_Instance_GetElement(inst, "Emb", &a, NULL, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(clone, "Emb", &b, NULL, NULL, NULL), MI_RESULT_OK);
    assert_ptr_not_equal(a.instance, b.instance);
    assert_true(mi_value_equal(MI_INSTANCE, &a, &b));
    MI_Instance_Delete(clone);
    MI_Instance_Delete(inst);
}

/* A cycle built with BORROW is refused when copied instead of recursing forever. */
static void test_borrow_cycle(void **state)
{
    (void)state;
    MI_Instance *x = NULL;
    assert_int_equal(mi_instance_new_dynamic("T_Cycle", 0, &x), MI_RESULT_OK);
    MI_Value v;
    v.instance = x;
    assert_int_equal(MI_Instance_AddElement(x, "Self", &v, MI_INSTANCE, MI_FLAG_BORROW),
                     MI_RESULT_OK);
    MI_Instance *c = NULL;
    assert_int_equal(MI_Instance_Clone(x, &c), MI_RESULT_SERVER_LIMITS_EXCEEDED);
    assert_null(c);
    assert_non_null(strstr(mi_cim_last_error(), "nested"));
    mi_buf b;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_instance_to_mof(&b, x, 0), -1);
    mi_buf_free(&b);
    MI_Instance_Delete(x);
}

static void test_parameters(void **state)
{
    fx *f = *state;
    MI_Instance *p = NULL;
    assert_int_equal(mi_parameters_new(f->frob, &p), MI_RESULT_OK);
    MI_Uint32 n = 0;
    assert_int_equal(MI_Instance_GetElementCount(p, &n), MI_RESULT_OK);
    assert_int_equal(n, 6);
    const char *cls = NULL;
    assert_int_equal(MI_Instance_GetClassName(p, &cls), MI_RESULT_OK);
    assert_string_equal(cls, "Frob");
    MI_Value v;
    MI_Uint32 flags;
    v.uint32 = 12;
    assert_int_equal(MI_Instance_SetElement(p, "MIReturn", &v, MI_UINT32, 0), MI_RESULT_OK);
    v.string = "out";
    assert_int_equal(MI_Instance_SetElement(p, "o", &v, MI_STRING, 0), MI_RESULT_OK);
    MI_Uint64 arr[] = {1, 2};
    v.uint64a.data = arr;
    v.uint64a.size = 2;
    assert_int_equal(MI_Instance_SetElement(p, "arr", &v, MI_UINT64A, 0), MI_RESULT_OK);
    const T_Leaf_Frob_s *s = (const T_Leaf_Frob_s *)p;
    assert_int_equal(s->MIReturn.value, 12);
    assert_string_equal(s->o.value, "out");
    assert_int_equal(s->arr.value.data[1], 2);
    assert_int_equal(MI_Instance_GetElement(p, "r", NULL, NULL, &flags, NULL), MI_RESULT_OK);
    assert_int_equal(flags & (MI_FLAG_IN | MI_FLAG_OUT | MI_FLAG_NULL),
                     MI_FLAG_IN | MI_FLAG_OUT | MI_FLAG_NULL);
    MI_Boolean yes = MI_TRUE;
    assert_int_equal(MI_Instance_IsA(p, f->leaf, &yes), MI_RESULT_OK);
    assert_false(yes);
    MI_Instance *c = NULL;
    assert_int_equal(MI_Instance_Clone(p, &c), MI_RESULT_OK);
    assert_int_equal(((const T_Leaf_Frob_s *)c)->MIReturn.value, 12);
    MI_Class *k = NULL;
    assert_int_equal(MI_Instance_GetClass(p, &k), MI_RESULT_OK);
    assert_int_equal(MI_Class_GetElementCount(k, &n), MI_RESULT_OK);
    assert_int_equal(n, 6);
    MI_Class_Delete(k);
    MI_Instance_Delete(c);
    MI_Instance_Delete(p);
    T_Leaf_Frob_s st;
    assert_int_equal(mi_parameters_construct(&st.__instance, f->frob), MI_RESULT_OK);
    v.uint32 = 3;
    assert_int_equal(MI_Instance_SetElementAt(&st.__instance, 1, &v, MI_UINT32, 0), MI_RESULT_OK);
    assert_int_equal(st.a.value, 3);
    assert_int_equal(MI_Instance_Destruct(&st.__instance), MI_RESULT_OK);
    /* a method decl must say it is one */
    MI_MethodDecl bad = *f->frob;
    bad.flags = 0;
    assert_int_equal(mi_parameters_new(&bad, &p), MI_RESULT_INVALID_PARAMETER);
    assert_null(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_new_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_type_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_member_only_reads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_borrow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_adopt, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_null_and_clear, setup, teardown),
        cmocka_unit_test_setup_teardown(test_names_and_isa, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shared_arena, setup, teardown),
        cmocka_unit_test_setup_teardown(test_construct_interop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_embedded_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_borrow_cycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parameters, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
