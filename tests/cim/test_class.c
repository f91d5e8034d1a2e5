/* test_class.c - MI_Class, MI_QualifierSet and MI_ParameterSet over the fixture decls. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cim/cim.h"
#include "fixtures.h"

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
    fx_free(f);
    free(f);
    return 0;
}

static MI_Class *new_class(const MI_ClassDecl *cd, bool own)
{
    MI_Class *c = NULL;
    assert_int_equal(mi_class_new(cd, "root/test", "host9", own, &c), MI_RESULT_OK);
    assert_non_null(c);
    return c;
}

static void test_names_and_elements(void **state)
{
    fx *f = *state;
    MI_Class *c = new_class(f->leaf, false);
    assert_ptr_equal(c->classDecl, f->leaf);
    const char *s;
    assert_int_equal(MI_Class_GetClassName(c, &s), MI_RESULT_OK);
    assert_string_equal(s, "T_Leaf");
    assert_int_equal(MI_Class_GetNameSpace(c, &s), MI_RESULT_OK);
    assert_string_equal(s, "root/test");
    assert_int_equal(MI_Class_GetServerName(c, &s), MI_RESULT_OK);
    assert_string_equal(s, "host9");
    MI_Uint32 n;
    assert_int_equal(MI_Class_GetElementCount(c, &n), MI_RESULT_OK);
    assert_int_equal(n, 33);

    /* default value of an overridden property */
    MI_Value v;
    MI_Boolean exists = MI_FALSE;
    MI_Type t;
    MI_Char *ref = (MI_Char *)"junk";
    MI_Uint32 flags, idx;
    assert_int_equal(MI_Class_GetElement(c, "CAPTION", &v, &exists, &t, &ref, NULL, &flags, &idx),
                     MI_RESULT_OK);
    assert_true(exists);
    assert_int_equal(t, MI_STRING);
    assert_string_equal(v.string, "leaf");
    assert_null(ref);
    assert_int_equal(idx, 2);
    assert_false(flags & MI_FLAG_KEY);
    assert_int_equal(MI_Class_GetElement(c, "Count", &v, &exists, &t, NULL, NULL, NULL, NULL),
                     MI_RESULT_OK);
    assert_true(exists);
    assert_int_equal(v.uint16, 7);
    /* no default */
    assert_int_equal(MI_Class_GetElement(c, "When", &v, &exists, &t, NULL, NULL, NULL, NULL),
                     MI_RESULT_OK);
    assert_false(exists);
    assert_int_equal(t, MI_DATETIME);
    /* reference and embedded class names, key flags */
    assert_int_equal(MI_Class_GetElement(c, "Target", NULL, NULL, &t, &ref, NULL, NULL, NULL),
                     MI_RESULT_OK);
    assert_int_equal(t, MI_REFERENCE);
    assert_string_equal(ref, "T_Base");
    assert_int_equal(MI_Class_GetElementAt(c, 22, &s, NULL, NULL, &t, &ref, NULL, NULL),
                     MI_RESULT_OK);
    assert_string_equal(s, "InstA");
    assert_int_equal(t, MI_INSTANCEA);
    assert_string_equal(ref, "T_Base");
    assert_int_equal(MI_Class_GetElementAt(c, 0, &s, NULL, NULL, NULL, NULL, NULL, &flags),
                     MI_RESULT_OK);
    assert_string_equal(s, "Name");
    assert_true(flags & MI_FLAG_KEY);
    /* errors */
    assert_int_equal(MI_Class_GetElement(c, "nope", NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                     MI_RESULT_NO_SUCH_PROPERTY);
    assert_int_equal(MI_Class_GetElementAt(c, 33, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                     MI_RESULT_FAILED);
    assert_int_equal(MI_Class_GetElementCount(NULL, &n), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Class_Delete(c), MI_RESULT_OK);
}

static void test_qualifiers(void **state)
{
    fx *f = *state;
    MI_Class *c = new_class(f->leaf, false);
    MI_QualifierSet qs;
    assert_int_equal(MI_Class_GetElement(c, "Name", NULL, NULL, NULL, NULL, &qs, NULL, NULL),
                     MI_RESULT_OK);
    MI_Uint32 n;
    assert_int_equal(MI_QualifierSet_GetQualifierCount(&qs, &n), MI_RESULT_OK);
    assert_int_equal(n, 3);
    const char *name;
    MI_Type t;
    MI_Uint32 flags, idx;
    MI_Value v;
    assert_int_equal(MI_QualifierSet_GetQualifierAt(&qs, 0, &name, &t, &flags, &v), MI_RESULT_OK);
    assert_string_equal(name, "Key");
    assert_int_equal(t, MI_BOOLEAN);
    assert_true(v.boolean);
    assert_true(flags & MI_FLAG_DISABLEOVERRIDE);
    assert_int_equal(MI_QualifierSet_GetQualifier(&qs, "description", &t, &flags, &v, &idx),
                     MI_RESULT_OK);
    assert_int_equal(idx, 1);
    assert_int_equal(t, MI_STRING);
    assert_string_equal(v.string, "the name");
    assert_true(flags & MI_FLAG_TRANSLATABLE);
    assert_int_equal(MI_QualifierSet_GetQualifier(&qs, "MaxLen", &t, NULL, &v, NULL), MI_RESULT_OK);
    assert_int_equal(v.uint32, 64);
    assert_int_equal(MI_QualifierSet_GetQualifier(&qs, "Override", NULL, NULL, NULL, NULL),
                     MI_RESULT_NOT_FOUND);
    assert_int_equal(MI_QualifierSet_GetQualifierAt(&qs, 3, NULL, NULL, NULL, NULL), MI_RESULT_FAILED);
    /* array-valued qualifier */
    assert_int_equal(MI_Class_GetElement(c, "Count", NULL, NULL, NULL, NULL, &qs, NULL, NULL),
                     MI_RESULT_OK);
    assert_int_equal(MI_QualifierSet_GetQualifier(&qs, "ValueMap", &t, NULL, &v, NULL), MI_RESULT_OK);
    assert_int_equal(t, MI_STRINGA);
    assert_int_equal(v.stringa.size, 3);
    assert_string_equal(v.stringa.data[1], "1");
    /* a property without qualifiers */
    assert_int_equal(MI_Class_GetElement(c, "When", NULL, NULL, NULL, NULL, &qs, NULL, NULL),
                     MI_RESULT_OK);
    assert_int_equal(MI_QualifierSet_GetQualifierCount(&qs, &n), MI_RESULT_OK);
    assert_int_equal(n, 0);
    /* class qualifiers */
    MI_Class *b = new_class(f->base, false);
    assert_int_equal(MI_Class_GetClassQualifierSet(b, &qs), MI_RESULT_OK);
    assert_int_equal(MI_QualifierSet_GetQualifierCount(&qs, &n), MI_RESULT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(MI_QualifierSet_GetQualifierAt(&qs, 0, &name, NULL, NULL, &v), MI_RESULT_OK);
    assert_string_equal(name, "Description");
    MI_Class_Delete(b);
    MI_Class_Delete(c);
}

static void test_methods(void **state)
{
    fx *f = *state;
    MI_Class *c = new_class(f->leaf, false);
    MI_Uint32 n, idx;
    assert_int_equal(MI_Class_GetMethodCount(c, &n), MI_RESULT_OK);
    assert_int_equal(n, 2);
    const char *name;
    MI_QualifierSet qs;
    MI_ParameterSet ps;
    assert_int_equal(MI_Class_GetMethodAt(c, 0, &name, &qs, &ps), MI_RESULT_OK);
    assert_string_equal(name, "Reset");
    assert_int_equal(MI_ParameterSet_GetParameterCount(&ps, &n), MI_RESULT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(MI_Class_GetMethod(c, "FROB", &qs, &ps, &idx), MI_RESULT_OK);
    assert_int_equal(idx, 1);
    MI_Type t;
    assert_int_equal(MI_ParameterSet_GetMethodReturnType(&ps, &t, &qs), MI_RESULT_OK);
    assert_int_equal(t, MI_UINT32);
    /* MIReturn is the return type, not a parameter */
    assert_int_equal(MI_ParameterSet_GetParameterCount(&ps, &n), MI_RESULT_OK);
    assert_int_equal(n, 5);
    MI_Char *ref;
    assert_int_equal(MI_ParameterSet_GetParameterAt(&ps, 0, &name, &t, &ref, &qs), MI_RESULT_OK);
    assert_string_equal(name, "a");
    assert_int_equal(t, MI_UINT32);
    assert_null(ref);
    assert_int_equal(MI_QualifierSet_GetQualifierCount(&qs, &n), MI_RESULT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(MI_ParameterSet_GetParameter(&ps, "R", &t, &ref, &qs, &idx), MI_RESULT_OK);
    assert_int_equal(idx, 3);
    assert_int_equal(t, MI_REFERENCE);
    assert_string_equal(ref, "T_Base");
    assert_int_equal(MI_ParameterSet_GetParameterAt(&ps, 4, &name, &t, NULL, NULL), MI_RESULT_OK);
    assert_string_equal(name, "arr");
    assert_int_equal(t, MI_UINT64A);
    assert_int_equal(MI_ParameterSet_GetParameterAt(&ps, 5, &name, NULL, NULL, NULL),
                     MI_RESULT_FAILED);
    assert_int_equal(MI_ParameterSet_GetParameter(&ps, "MIReturn", NULL, NULL, NULL, NULL),
                     MI_RESULT_NOT_FOUND);
    assert_int_equal(MI_ParameterSet_GetParameter(&ps, "zz", NULL, NULL, NULL, NULL),
                     MI_RESULT_NOT_FOUND);
    assert_int_equal(MI_Class_GetMethod(c, "Frobnicate", NULL, NULL, NULL),
                     MI_RESULT_METHOD_NOT_FOUND);
    assert_int_equal(MI_Class_GetMethodAt(c, 2, NULL, NULL, NULL), MI_RESULT_FAILED);
    MI_Class_Delete(c);
}

static void test_parents_and_clone(void **state)
{
    fx *f = *state;
    MI_Class *leaf = new_class(f->leaf, false);
    const char *s = (const char *)1;
    assert_int_equal(MI_Class_GetParentClassName(leaf, &s), MI_RESULT_OK);
    assert_string_equal(s, "T_Middle");
    MI_Class *mid = NULL, *base = NULL, *none = (MI_Class *)1;
    assert_int_equal(MI_Class_GetParentClass(leaf, &mid), MI_RESULT_OK);
    assert_int_equal(MI_Class_GetClassName(mid, &s), MI_RESULT_OK);
    assert_string_equal(s, "T_Middle");
    assert_int_equal(MI_Class_GetNameSpace(mid, &s), MI_RESULT_OK);
    assert_string_equal(s, "root/test");
    assert_int_equal(MI_Class_GetParentClass(mid, &base), MI_RESULT_OK);
    assert_int_equal(MI_Class_GetParentClassName(base, &s), MI_RESULT_OK);
    assert_null(s);
    assert_int_equal(MI_Class_GetParentClass(base, &none), MI_RESULT_NOT_FOUND);
    assert_null(none);
    /* a clone owns a copy of the decl (and so of the chain above it) */
    MI_Class *clone = NULL;
    assert_int_equal(MI_Class_Clone(leaf, &clone), MI_RESULT_OK);
    assert_ptr_not_equal(clone->classDecl, f->leaf);
    assert_ptr_equal(clone->classDecl->owningClass, clone);
    MI_Class *cparent = NULL;
    assert_int_equal(MI_Class_GetParentClass(clone, &cparent), MI_RESULT_OK);
    assert_int_equal(MI_Class_Delete(clone), MI_RESULT_OK);
    /* the parent of an owning class must survive it */
    assert_int_equal(MI_Class_GetClassName(cparent, &s), MI_RESULT_OK);
    assert_string_equal(s, "T_Middle");
    MI_Uint32 n;
    assert_int_equal(MI_Class_GetElementCount(cparent, &n), MI_RESULT_OK);
    assert_int_equal(n, f->middle->numProperties);
    MI_Value v;
    MI_Boolean exists;
    assert_int_equal(MI_Class_GetElement(cparent, "Caption", &v, &exists, NULL, NULL, NULL, NULL, NULL),
                     MI_RESULT_OK);
    assert_string_equal(v.string, "none");
    MI_Class_Delete(cparent);
    MI_Class_Delete(base);
    MI_Class_Delete(mid);
    MI_Class_Delete(leaf);
    /* an unresolved superclass is NOT_FOUND with a message */
    MI_ClassDecl orphan = *f->middle;
    orphan.superClassDecl = NULL;
    MI_Class *o = new_class(&orphan, false);
    assert_int_equal(MI_Class_GetParentClassName(o, &s), MI_RESULT_OK);
    assert_string_equal(s, "T_Base");
    assert_int_equal(MI_Class_GetParentClass(o, &none), MI_RESULT_NOT_FOUND);
    assert_non_null(strstr(mi_cim_last_error(), "T_Base"));
    MI_Class_Delete(o);
}

static void test_class_of_method_decl(void **state)
{
    fx *f = *state;
    MI_Class *c = NULL;
    /* a method decl is always copied, parameters becoming properties */
    assert_int_equal(mi_class_new((const MI_ClassDecl *)f->frob, NULL, NULL, false, &c), MI_RESULT_OK);
    assert_ptr_not_equal(c->classDecl, (const MI_ClassDecl *)f->frob);
    MI_Uint32 n;
    assert_int_equal(MI_Class_GetElementCount(c, &n), MI_RESULT_OK);
    assert_int_equal(n, 6);
    MI_Boolean exists = MI_TRUE;
    const char *name;
    assert_int_equal(MI_Class_GetElementAt(c, 5, &name, NULL, &exists, NULL, NULL, NULL, NULL),
                     MI_RESULT_OK);
    assert_string_equal(name, "arr");
    assert_false(exists);
    assert_int_equal(MI_Class_GetMethodCount(c, &n), MI_RESULT_OK);
    assert_int_equal(n, 0);
    MI_Class_Delete(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_names_and_elements, setup, teardown),
        cmocka_unit_test_setup_teardown(test_qualifiers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_methods, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parents_and_clone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_class_of_method_decl, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
