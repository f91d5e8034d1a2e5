/* test_layout.c - mi_classdecl_layout against the layout the C compiler gives the
 * structs a generator would emit (fixtures.h), and the field/type size tables. */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cim/cim.h"
#include "fixtures.h"

#define CHECK_OFFSET(cd, i, S, F)                                                          \
    do {                                                                                   \
        const MI_PropertyDecl *pd_ = (cd)->properties[i];                                  \
        assert_string_equal(pd_->name, #F);                                                \
        assert_int_equal(pd_->offset, offsetof(S, F));                                     \
    } while (0)

static void test_leaf_layout(void **state)
{
    (void)state;
    fx f;
    fx_init(&f);
    const MI_ClassDecl *cd = f.leaf;
    assert_int_equal(cd->numProperties, 33);
    unsigned i = 0;
    CHECK_OFFSET(cd, i++, T_Leaf_s, Name);
    CHECK_OFFSET(cd, i++, T_Leaf_s, Id);
    CHECK_OFFSET(cd, i++, T_Leaf_s, Caption);
    CHECK_OFFSET(cd, i++, T_Leaf_s, Target);
    CHECK_OFFSET(cd, i++, T_Leaf_s, Emb);
    CHECK_OFFSET(cd, i++, T_Leaf_s, When);
    CHECK_OFFSET(cd, i++, T_Leaf_s, Count);
    CHECK_OFFSET(cd, i++, T_Leaf_s, BoolA);
    CHECK_OFFSET(cd, i++, T_Leaf_s, U8A);
    CHECK_OFFSET(cd, i++, T_Leaf_s, S8A);
    CHECK_OFFSET(cd, i++, T_Leaf_s, U16A);
    CHECK_OFFSET(cd, i++, T_Leaf_s, S16A);
    CHECK_OFFSET(cd, i++, T_Leaf_s, U32A);
    CHECK_OFFSET(cd, i++, T_Leaf_s, S32A);
    CHECK_OFFSET(cd, i++, T_Leaf_s, U64A);
    CHECK_OFFSET(cd, i++, T_Leaf_s, S64A);
    CHECK_OFFSET(cd, i++, T_Leaf_s, R32A);
    CHECK_OFFSET(cd, i++, T_Leaf_s, R64A);
    CHECK_OFFSET(cd, i++, T_Leaf_s, C16A);
    CHECK_OFFSET(cd, i++, T_Leaf_s, DtA);
    CHECK_OFFSET(cd, i++, T_Leaf_s, StrA);
    CHECK_OFFSET(cd, i++, T_Leaf_s, RefA);
    CHECK_OFFSET(cd, i++, T_Leaf_s, InstA);
    CHECK_OFFSET(cd, i++, T_Leaf_s, B);
    CHECK_OFFSET(cd, i++, T_Leaf_s, U8);
    CHECK_OFFSET(cd, i++, T_Leaf_s, S8);
    CHECK_OFFSET(cd, i++, T_Leaf_s, S16);
    CHECK_OFFSET(cd, i++, T_Leaf_s, S32);
    CHECK_OFFSET(cd, i++, T_Leaf_s, U64);
    CHECK_OFFSET(cd, i++, T_Leaf_s, S64);
    CHECK_OFFSET(cd, i++, T_Leaf_s, R32);
    CHECK_OFFSET(cd, i++, T_Leaf_s, R64);
    CHECK_OFFSET(cd, i++, T_Leaf_s, C16);
    assert_int_equal(i, cd->numProperties);
    assert_int_equal(cd->size, sizeof(T_Leaf_s));
    fx_free(&f);
}

static void test_align_layout(void **state)
{
    (void)state;
    fx f;
    fx_init(&f);
    const MI_ClassDecl *cd = f.align;
    unsigned i = 0;
    CHECK_OFFSET(cd, i++, T_Align_s, B1);
    CHECK_OFFSET(cd, i++, T_Align_s, U64);
    CHECK_OFFSET(cd, i++, T_Align_s, B2);
    CHECK_OFFSET(cd, i++, T_Align_s, DT);
    CHECK_OFFSET(cd, i++, T_Align_s, U16);
    CHECK_OFFSET(cd, i++, T_Align_s, S);
    CHECK_OFFSET(cd, i++, T_Align_s, C);
    CHECK_OFFSET(cd, i++, T_Align_s, R32);
    CHECK_OFFSET(cd, i++, T_Align_s, B3);
    assert_int_equal(cd->size, sizeof(T_Align_s));
    /* The last field is a 3-byte boolean after a 4-aligned real32: the struct size is
     * rounded up to 8, the alignment of the MI_Instance header. */
    assert_int_equal(sizeof(T_Align_s) % alignof(MI_Instance), 0);
    fx_free(&f);
}

static void test_method_layout(void **state)
{
    (void)state;
    fx f;
    fx_init(&f);
    const MI_MethodDecl *md = f.frob;
    const char *names[] = {"MIReturn", "a", "s", "o", "r", "arr"};
    size_t offs[] = {offsetof(T_Leaf_Frob_s, MIReturn), offsetof(T_Leaf_Frob_s, a),
                     offsetof(T_Leaf_Frob_s, s),        offsetof(T_Leaf_Frob_s, o),
                     offsetof(T_Leaf_Frob_s, r),        offsetof(T_Leaf_Frob_s, arr)};
    assert_int_equal(md->numParameters, 6);
    for (unsigned i = 0; i < 6; i++) {
        assert_string_equal(md->parameters[i]->name, names[i]);
        assert_int_equal(md->parameters[i]->offset, offs[i]);
    }
    assert_int_equal(md->size, sizeof(T_Leaf_Frob_s));
    /* A method without parameters is just the header. */
    assert_int_equal(f.leaf->methods[0]->size, sizeof(MI_Instance));
    fx_free(&f);
}

static void test_field_tables(void **state)
{
    (void)state;
    /* ABI sizes from mi-api.md section 21. */
    assert_int_equal(mi_field_size(MI_BOOLEAN), 3);
    assert_int_equal(mi_field_size(MI_UINT32), 8);
    assert_int_equal(mi_field_size(MI_UINT64), 16);
    assert_int_equal(mi_field_size(MI_STRING), 16);
    assert_int_equal(mi_field_size(MI_REAL64), 16);
    assert_int_equal(mi_field_size(MI_DATETIME), 40);
    assert_int_equal(mi_field_size(MI_STRINGA), 24);
    assert_int_equal(mi_field_size(MI_CHAR16), 4);
    assert_int_equal(mi_field_size(MI_SINT16), 4);
    assert_int_equal(mi_field_align(MI_BOOLEAN), 1);
    assert_int_equal(mi_field_align(MI_UINT16), 2);
    assert_int_equal(mi_field_align(MI_DATETIME), 4);
    assert_int_equal(mi_field_align(MI_INSTANCEA), 8);
    assert_int_equal(mi_field_size((MI_Type)32), 0);
    assert_int_equal(mi_field_align((MI_Type)99), 0);
    /* value sizes */
    assert_int_equal(mi_type_size(MI_UINT8), 1);
    assert_int_equal(mi_type_size(MI_SINT16), 2);
    assert_int_equal(mi_type_size(MI_REAL32), 4);
    assert_int_equal(mi_type_size(MI_SINT64), 8);
    assert_int_equal(mi_type_size(MI_DATETIME), 36);
    assert_int_equal(mi_type_size(MI_STRING), sizeof(char *));
    assert_int_equal(mi_type_size(MI_REFERENCE), sizeof(void *));
    assert_int_equal(mi_type_size(MI_DATETIMEA), 16);
    assert_int_equal(mi_type_size((MI_Type)40), 0);
    /* Every field's `exists` byte sits right after the value (what the runtime relies
     * on to find it). */
    assert_int_equal(offsetof(MI_DatetimeField, exists), mi_type_size(MI_DATETIME));
    assert_int_equal(offsetof(MI_StringAField, exists), mi_type_size(MI_STRINGA));
    assert_int_equal(offsetof(MI_Char16Field, exists), mi_type_size(MI_CHAR16));
    assert_int_equal(offsetof(MI_Real32Field, exists), mi_type_size(MI_REAL32));
}

static void test_type_names(void **state)
{
    (void)state;
    static const char *const scalars[] = {"boolean", "uint8",  "sint8",  "uint16",
                                          "sint16",  "uint32", "sint32", "uint64",
                                          "sint64",  "real32", "real64", "char16",
                                          "datetime", "string", "ref",   "object"};
    for (unsigned t = 0; t < 16; t++) {
        char arr[32];
        assert_string_equal(mi_type_name((MI_Type)t), scalars[t]);
        snprintf(arr, sizeof arr, "%s[]", scalars[t]);
        assert_string_equal(mi_type_name((MI_Type)(t | MI_ARRAY)), arr);
        MI_Type back = MI_STRINGA;
        assert_true(mi_type_from_name(scalars[t], &back));
        assert_int_equal(back, t);
    }
    assert_null(mi_type_name((MI_Type)32));
    MI_Type t;
    assert_true(mi_type_from_name("UiNT8", &t));
    assert_int_equal(t, MI_UINT8);
    assert_true(mi_type_from_name("Datetime", &t));
    assert_int_equal(t, MI_DATETIME);
    assert_false(mi_type_from_name("uint128", &t));
    assert_false(mi_type_from_name("uint32[]", &t));
    assert_false(mi_type_from_name(NULL, &t));
}

static void test_lookup(void **state)
{
    (void)state;
    fx f;
    fx_init(&f);
    MI_Uint32 idx = 99;
    const MI_PropertyDecl *pd = mi_classdecl_property(f.leaf, "CAPTION", &idx);
    assert_non_null(pd);
    assert_int_equal(idx, 2);
    assert_string_equal(pd->name, "Caption");
    assert_null(mi_classdecl_property(f.leaf, "Captio", NULL));
    assert_null(mi_classdecl_property(f.leaf, "", NULL));
    const MI_MethodDecl *md = mi_classdecl_method(f.leaf, "frob", &idx);
    assert_ptr_equal(md, f.frob);
    assert_int_equal(idx, 1);
    assert_null(mi_classdecl_method(f.leaf, "Frobnicate", NULL));
    assert_true(mi_classdecl_is_a(f.leaf, "t_base"));
    assert_true(mi_classdecl_is_a(f.leaf, "T_Middle"));
    assert_true(mi_classdecl_is_a(f.leaf, "T_Leaf"));
    assert_false(mi_classdecl_is_a(f.base, "T_Leaf"));
    assert_false(mi_classdecl_is_a(f.leaf, "T_Assoc"));
    const MI_Qualifier *q = mi_qualifier_find(pd ? f.leaf->properties[0]->qualifiers : NULL,
                                              f.leaf->properties[0]->numQualifiers, "maxlen");
    assert_non_null(q);
    assert_int_equal(*(const MI_Uint32 *)q->value, 64);
    assert_null(mi_qualifier_find(f.leaf->properties[0]->qualifiers,
                                  f.leaf->properties[0]->numQualifiers, "MinLen"));
    fx_free(&f);
}

static void test_decl_clone(void **state)
{
    (void)state;
    fx f;
    fx_init(&f);
    mi_arena *a = mi_arena_new(0, 0);
    assert_non_null(a);
    MI_ClassDecl *c = mi_classdecl_clone(a, f.leaf);
    assert_non_null(c);
    /* Everything equal, nothing shared. */
    assert_string_equal(c->name, "T_Leaf");
    assert_ptr_not_equal(c->name, f.leaf->name);
    assert_int_equal(c->numProperties, f.leaf->numProperties);
    assert_int_equal(c->size, f.leaf->size);
    for (MI_Uint32 i = 0; i < c->numProperties; i++) {
        const MI_PropertyDecl *x = f.leaf->properties[i], *y = c->properties[i];
        assert_ptr_not_equal(x, y);
        assert_string_equal(x->name, y->name);
        assert_int_equal(x->type, y->type);
        assert_int_equal(x->offset, y->offset);
        assert_int_equal(x->flags, y->flags);
        assert_int_equal(x->numQualifiers, y->numQualifiers);
        assert_string_equal(x->origin, y->origin);
        assert_string_equal(x->propagator, y->propagator);
        if (x->className)
            assert_string_equal(x->className, y->className);
        assert_int_equal(x->value == NULL, y->value == NULL);
    }
    const MI_PropertyDecl *cap = c->properties[2];
    assert_string_equal(*(const char *const *)cap->value, "leaf");
    assert_ptr_not_equal(cap->value, f.leaf->properties[2]->value);
    const MI_Qualifier *vm = mi_qualifier_find(c->properties[6]->qualifiers,
                                               c->properties[6]->numQualifiers, "ValueMap");
    assert_non_null(vm);
    const MI_ConstStringA *vma = vm->value;
    assert_int_equal(vma->size, 3);
    assert_string_equal(vma->data[2], "..");
    /* superclass chain copied too */
    assert_non_null(c->superClassDecl);
    assert_ptr_not_equal(c->superClassDecl, f.middle);
    assert_string_equal(c->superClassDecl->name, "T_Middle");
    assert_string_equal(c->superClassDecl->superClassDecl->name, "T_Base");
    assert_null(c->superClassDecl->superClassDecl->superClassDecl);
    /* methods and parameters */
    assert_int_equal(c->numMethods, 2);
    const MI_MethodDecl *m = c->methods[1];
    assert_ptr_not_equal(m, f.frob);
    assert_string_equal(m->name, "Frob");
    assert_int_equal(m->numParameters, 6);
    assert_string_equal(m->parameters[4]->className, "T_Base");
    assert_int_equal(m->parameters[4]->flags, MI_FLAG_PARAMETER | MI_FLAG_IN | MI_FLAG_OUT);
    assert_int_equal(m->size, f.frob->size);
    mi_arena_free(a);
    fx_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_leaf_layout),  cmocka_unit_test(test_align_layout),
        cmocka_unit_test(test_method_layout), cmocka_unit_test(test_field_tables),
        cmocka_unit_test(test_type_names),   cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_decl_clone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
