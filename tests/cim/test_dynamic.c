/* test_dynamic.c - dynamic instances: AddElement of every type, the synthesized decl,
 * element rules, clone, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/str.h"
#include "cim/cim.h"
#include "values.h"

static int teardown(void **state)
{
    (void)state;
    sample_free();
    return 0;
}

static MI_Instance *new_dyn(const char *cls, MI_Uint32 meta)
{
    MI_Instance *inst = NULL;
    assert_int_equal(mi_instance_new_dynamic(cls, meta, &inst), MI_RESULT_OK);
    assert_non_null(inst);
    assert_true(mi_instance_is_dynamic(inst));
    return inst;
}

static void test_add_every_type(void **state)
{
    (void)state;
    MI_Instance *inst = new_dyn("X_Dyn", 0);
    MI_Value want[32];
    char name[32];
    for (unsigned t = 0; t < 32; t++) {
        snprintf(name, sizeof name, "E%s%u", t & MI_ARRAY ? "a" : "s", t);
        sample_value((MI_Type)t, (int)t + 3, &want[t]);
        MI_Uint32 fl = t == MI_STRING ? MI_FLAG_KEY : (t == MI_UINT8 ? MI_FLAG_IN | MI_FLAG_OUT : 0);
        assert_int_equal(MI_Instance_AddElement(inst, name, &want[t], (MI_Type)t, fl), MI_RESULT_OK);
    }
    MI_Uint32 n = 0;
    assert_int_equal(MI_Instance_GetElementCount(inst, &n), MI_RESULT_OK);
    assert_int_equal(n, 32);

    /* the synthesized decl tells the truth */
    const MI_ClassDecl *cd = inst->classDecl;
    assert_ptr_equal(cd->owningClass, (MI_Class *)-1);
    assert_string_equal(cd->name, "X_Dyn");
    assert_int_equal(cd->code, mi_name_code("X_Dyn"));
    assert_true(cd->flags & MI_FLAG_CLASS);
    assert_int_equal(cd->numProperties, 32);
    for (unsigned t = 0; t < 32; t++) {
        const MI_PropertyDecl *pd = cd->properties[t];
        snprintf(name, sizeof name, "E%s%u", t & MI_ARRAY ? "a" : "s", t);
        assert_string_equal(pd->name, name);
        assert_int_equal(pd->type, t);
        assert_int_equal(pd->code, mi_name_code(name));
        assert_int_equal(!!(pd->flags & MI_FLAG_KEY), t == MI_STRING);
        assert_true(pd->flags & MI_FLAG_PROPERTY);
        assert_false(pd->flags & (MI_FLAG_BORROW | MI_FLAG_ADOPT | MI_FLAG_NULL));
    }
    /* values come back deep-copied, in insertion order */
    for (unsigned t = 0; t < 32; t++) {
        const char *nm;
        MI_Value got;
        MI_Type ty;
        MI_Uint32 fl;
        assert_int_equal(MI_Instance_GetElementAt(inst, t, &nm, &got, &ty, &fl), MI_RESULT_OK);
        assert_int_equal(ty, t);
        assert_false(fl & MI_FLAG_NULL);
        if (t == MI_UINT8)
            assert_int_equal(fl & (MI_FLAG_IN | MI_FLAG_OUT), MI_FLAG_IN | MI_FLAG_OUT);
        expect_same_value((MI_Type)t, &got, &want[t]);
        assert_true(is_deep_copy((MI_Type)t, &got, &want[t]));
    }
    /* names are case-insensitive */
    MI_Value got;
    MI_Uint32 idx;
    assert_int_equal(MI_Instance_GetElement(inst, "es13", &got, NULL, NULL, &idx), MI_RESULT_OK);
    assert_int_equal(idx, 13);

    /* the clone has its own decl and its own values */
    MI_Instance *c = NULL;
    assert_int_equal(MI_Instance_Clone(inst, &c), MI_RESULT_OK);
    assert_true(mi_instance_is_dynamic(c));
    assert_ptr_not_equal(c->classDecl, inst->classDecl);
    assert_ptr_equal(c->classDecl->owningClass, (MI_Class *)-1);
    MI_Value v;
    v.boolean = 1;
    assert_int_equal(MI_Instance_AddElement(c, "OnlyInClone", &v, MI_BOOLEAN, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElementCount(inst, &n), MI_RESULT_OK);
    assert_int_equal(n, 32);
    MI_Value orig[32];
    for (unsigned t = 0; t < 32; t++)
        assert_int_equal(MI_Instance_GetElementAt(inst, t, NULL, &orig[t], NULL, NULL), MI_RESULT_OK);
    for (unsigned t = 0; t < 32; t++) {
        assert_int_equal(MI_Instance_GetElementAt(c, t, NULL, &got, NULL, NULL), MI_RESULT_OK);
        assert_true(is_deep_copy((MI_Type)t, &got, &orig[t]));
    }
    MI_Instance_Delete(inst);
    for (unsigned t = 0; t < 32; t++) {
        assert_int_equal(MI_Instance_GetElementAt(c, t, NULL, &got, NULL, NULL), MI_RESULT_OK);
        expect_same_value((MI_Type)t, &got, &want[t]);
    }
    assert_int_equal(MI_Instance_GetClassName(c, (const char **)&v.string), MI_RESULT_OK);
    assert_string_equal(v.string, "X_Dyn");
    MI_Instance_Delete(c);
}

static void test_element_rules(void **state)
{
    (void)state;
    MI_Instance *inst = new_dyn("X_Rules", 0);
    MI_Value v;
    v.uint32 = 1;
    assert_int_equal(MI_Instance_AddElement(inst, "Prop", &v, MI_UINT32, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_AddElement(inst, "PROP", &v, MI_UINT32, 0), MI_RESULT_ALREADY_EXISTS);
    assert_int_equal(MI_Instance_AddElement(inst, "prop", &v, MI_STRING, 0), MI_RESULT_ALREADY_EXISTS);
    const char *bad[] = {"", "1abc", "a b", "a-b", "a.b", "x\"y"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(MI_Instance_AddElement(inst, bad[i], &v, MI_UINT32, 0),
                         MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Instance_AddElement(inst, NULL, &v, MI_UINT32, 0), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Instance_AddElement(inst, "_ok_1", &v, MI_UINT32, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_AddElement(inst, "Ünïcode", &v, MI_UINT32, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_AddElement(inst, "BadType", &v, (MI_Type)32, 0),
                     MI_RESULT_INVALID_PARAMETER);
    assert_non_null(strstr(mi_cim_last_error(), "BadType"));
    /* NULL value or MI_FLAG_NULL: the element exists with a NULL value */
    assert_int_equal(MI_Instance_AddElement(inst, "Nul1", NULL, MI_STRING, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_AddElement(inst, "Nul2", &v, MI_UINT64, MI_FLAG_NULL), MI_RESULT_OK);
    MI_Uint32 flags;
    MI_Type t;
    assert_int_equal(MI_Instance_GetElement(inst, "nul1", NULL, &t, &flags, NULL), MI_RESULT_OK);
    assert_int_equal(t, MI_STRING);
    assert_true(flags & MI_FLAG_NULL);
    assert_int_equal(MI_Instance_GetElement(inst, "nul2", NULL, &t, &flags, NULL), MI_RESULT_OK);
    assert_int_equal(t, MI_UINT64);
    assert_true(flags & MI_FLAG_NULL);
    /* Set keeps the element's type */
    v.string = "s";
    assert_int_equal(MI_Instance_SetElement(inst, "Prop", &v, MI_STRING, 0), MI_RESULT_TYPE_MISMATCH);
    v.uint64 = 8;
    assert_int_equal(MI_Instance_SetElement(inst, "Nul2", &v, MI_UINT64, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(inst, "Nul2", &v, NULL, &flags, NULL), MI_RESULT_OK);
    assert_false(flags & MI_FLAG_NULL);
    assert_true(v.uint64 == 8);
    assert_int_equal(MI_Instance_SetElement(inst, "Missing", &v, MI_UINT64, 0),
                     MI_RESULT_NO_SUCH_PROPERTY);
    assert_int_equal(MI_Instance_ClearElement(inst, "Nul2"), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(inst, "Nul2", NULL, NULL, &flags, NULL), MI_RESULT_OK);
    assert_true(flags & MI_FLAG_NULL);
    /* a BORROW|ADOPT add fails and adds nothing */
    MI_Uint32 before = inst->classDecl->numProperties;
    v.string = "x";
    assert_int_equal(MI_Instance_AddElement(inst, "Both", &v, MI_STRING,
                                            MI_FLAG_BORROW | MI_FLAG_ADOPT),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(inst->classDecl->numProperties, before);
    assert_int_equal(MI_Instance_GetElement(inst, "Both", NULL, NULL, NULL, NULL),
                     MI_RESULT_NO_SUCH_PROPERTY);
    /* ADOPT through AddElement */
    v.string = strdup("mine now");
    assert_int_equal(MI_Instance_AddElement(inst, "Adopted", &v, MI_STRING, MI_FLAG_ADOPT),
                     MI_RESULT_OK);
    MI_Instance_Delete(inst);

    /* class names */
    MI_Instance *x = (MI_Instance *)1;
    assert_int_equal(mi_instance_new_dynamic("9lives", 0, &x), MI_RESULT_INVALID_PARAMETER);
    assert_null(x);
    assert_non_null(strstr(mi_cim_last_error(), "9lives"));
    assert_int_equal(mi_instance_new_dynamic(NULL, 0, &x), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(mi_instance_new_dynamic("A", 0, NULL), MI_RESULT_INVALID_PARAMETER);
}

static void test_meta_flags(void **state)
{
    (void)state;
    MI_Instance *a = new_dyn("X_Assoc", MI_FLAG_ASSOCIATION);
    assert_int_equal(a->classDecl->flags & (MI_FLAG_CLASS | MI_FLAG_ASSOCIATION),
                     MI_FLAG_CLASS | MI_FLAG_ASSOCIATION);
    MI_Instance *i = new_dyn("X_Ind", MI_FLAG_INDICATION);
    assert_true(i->classDecl->flags & MI_FLAG_INDICATION);
    MI_Instance *p = new_dyn("Parameters", MI_FLAG_METHOD);
    assert_true(p->classDecl->flags & MI_FLAG_METHOD);
    MI_Value v;
    v.sint32 = -3;
    assert_int_equal(MI_Instance_AddElement(p, "In1", &v, MI_SINT32, MI_FLAG_IN), MI_RESULT_OK);
    assert_true(p->classDecl->properties[0]->flags & MI_FLAG_PARAMETER);
    assert_true(p->classDecl->properties[0]->flags & MI_FLAG_IN);
    MI_Instance *d = new_dyn("X_Default", 0);
    assert_int_equal(d->classDecl->flags, MI_FLAG_CLASS);
    MI_Boolean yes = MI_FALSE;
    assert_int_equal(MI_Instance_IsA(d, d->classDecl, &yes), MI_RESULT_OK);
    assert_true(yes);
    assert_int_equal(MI_Instance_IsA(d, a->classDecl, &yes), MI_RESULT_OK);
    assert_false(yes);
    /* GetClass over a dynamic instance outlives it */
    assert_int_equal(MI_Instance_AddElement(d, "K", &v, MI_SINT32, MI_FLAG_KEY), MI_RESULT_OK);
    MI_Class *c = NULL;
    assert_int_equal(MI_Instance_GetClass(d, &c), MI_RESULT_OK);
    MI_Instance_Delete(d);
    MI_Uint32 n = 0;
    assert_int_equal(MI_Class_GetElementCount(c, &n), MI_RESULT_OK);
    assert_int_equal(n, 1);
    const char *name;
    MI_Uint32 flags;
    assert_int_equal(MI_Class_GetElementAt(c, 0, &name, NULL, NULL, NULL, NULL, NULL, &flags),
                     MI_RESULT_OK);
    assert_string_equal(name, "K");
    assert_true(flags & MI_FLAG_KEY);
    /* the class's decl got a layout, so instances can be made from it */
    MI_Instance *fromc = NULL;
    assert_int_equal(mi_instance_new(c->classDecl, NULL, NULL, &fromc), MI_RESULT_OK);
    v.sint32 = 4;
    assert_int_equal(MI_Instance_SetElement(fromc, "k", &v, MI_SINT32, 0), MI_RESULT_OK);
    MI_Instance_Delete(fromc);
    MI_Class_Delete(c);
    MI_Instance_Delete(a);
    MI_Instance_Delete(i);
    MI_Instance_Delete(p);
}

/* Many elements stay fast (indexed) and the element cap is enforced. */
static void test_many_elements(void **state)
{
    (void)state;
    MI_Instance *inst = new_dyn("X_Big", 0);
    char name[32];
    MI_Value v;
    const MI_Uint32 cap = 65536;
    for (MI_Uint32 i = 0; i < cap; i++) {
        snprintf(name, sizeof name, "e%u", (unsigned)i);
        v.uint32 = i;
        MI_Result r = MI_Instance_AddElement(inst, name, &v, MI_UINT32, 0);
        if (r != MI_RESULT_OK)
            fail_msg("AddElement %u: %d %s", (unsigned)i, (int)r, mi_cim_last_error());
    }
    v.uint32 = 0;
    assert_int_equal(MI_Instance_AddElement(inst, "OneTooMany", &v, MI_UINT32, 0),
                     MI_RESULT_SERVER_LIMITS_EXCEEDED);
    assert_int_equal(MI_Instance_AddElement(inst, "E12345", &v, MI_UINT32, 0),
                     MI_RESULT_ALREADY_EXISTS);
    MI_Uint32 idx;
    assert_int_equal(MI_Instance_GetElement(inst, "E40000", &v, NULL, NULL, &idx), MI_RESULT_OK);
    assert_int_equal(idx, 40000);
    assert_int_equal(v.uint32, 40000);
    MI_Instance_Delete(inst);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_add_every_type, teardown),
        cmocka_unit_test_teardown(test_element_rules, teardown),
        cmocka_unit_test_teardown(test_meta_flags, teardown),
        cmocka_unit_test_teardown(test_many_elements, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
