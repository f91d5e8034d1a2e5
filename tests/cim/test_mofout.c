/* test_mofout.c - MOF text of classes (flags, qualifiers, flavors, REF, embedded,
 * defaults, methods, inherited marks) and of instances. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/buf.h"
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

/* Asserts that `text` contains `line` as a whole line (without its indentation). */
static void expect_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; (p = strstr(p, line)) != NULL; p++) {
        const char *start = p;
        while (start > text && start[-1] == ' ')
            start--;
        if ((start == text || start[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
            return;
    }
    fail_msg("line \"%s\" not found in:\n%s", line, text);
}

static void expect_no(const char *text, const char *piece)
{
    if (strstr(text, piece))
        fail_msg("\"%s\" unexpectedly found in:\n%s", piece, text);
}

static void test_class_full(void **state)
{
    fx *f = *state;
    mi_buf b;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_class_to_mof(&b, f->leaf, MI_MOFOUT_MARK_INHERITED), 0);
    const char *t = mi_buf_str(&b);
    assert_true(strncmp(t, "class T_Leaf : T_Middle\n{\n", 26) == 0);
    expect_line(t, "[Key : DisableOverride, Description (\"the name\") : Translatable, "
                   "MaxLen (64)] string Name; // inherited from T_Base");
    expect_line(t, "[Key : DisableOverride] uint32 Id; // inherited from T_Base");
    /* overridden here: no inherited mark, the leaf's default */
    expect_line(t, "string Caption = \"leaf\";");
    expect_line(t, "T_Base REF Target; // inherited from T_Middle");
    expect_line(t, "[EmbeddedInstance (\"T_Base\")] string Emb; // inherited from T_Middle");
    expect_line(t, "[ValueMap {\"0\", \"1\", \"..\"}] uint16 Count = 7; // inherited from T_Middle");
    expect_line(t, "datetime DtA[]; // inherited from T_Middle");
    expect_line(t, "T_Base REF RefA[]; // inherited from T_Middle");
    expect_line(t, "[EmbeddedInstance (\"T_Base\")] string InstA[]; // inherited from T_Middle");
    expect_line(t, "char16 C16;");
    expect_line(t, "void Reset(); // inherited from T_Middle");
    expect_line(t, "uint32 Frob([In : DisableOverride] uint32 a, [In] string s, [Out] string o, "
                   "[In, Out] T_Base REF r, [Out] uint64 arr[]);");
    assert_true(strcmp(t + b.len - 3, "};\n") == 0);
    mi_buf_free(&b);
}

static void test_class_flags(void **state)
{
    fx *f = *state;
    mi_buf b;
    mi_buf_init(&b, 0);
    /* local members only, no qualifiers (type-defining EmbeddedInstance stays) */
    assert_int_equal(mi_class_to_mof(&b, f->leaf, MI_MOFOUT_LOCAL_ONLY | MI_MOFOUT_NO_QUALIFIERS), 0);
    const char *t = mi_buf_str(&b);
    expect_no(t, "Name;");
    expect_no(t, "Reset");
    expect_no(t, "[In");
    expect_no(t, "[Key");
    expect_no(t, "] ");
    expect_no(t, "//");
    expect_line(t, "string Caption = \"leaf\";");
    expect_line(t, "uint32 Frob(uint32 a, string s, string o, T_Base REF r, uint64 arr[]);");
    mi_buf_reset(&b);
    assert_int_equal(mi_class_to_mof(&b, f->middle, MI_MOFOUT_NO_QUALIFIERS), 0);
    expect_line(mi_buf_str(&b), "[EmbeddedInstance (\"T_Base\")] string Emb;");
    mi_buf_reset(&b);
    /* class qualifiers from the list and implied by flags; a root class */
    assert_int_equal(mi_class_to_mof(&b, f->base, 0), 0);
    assert_string_equal(mi_buf_str(&b),
                        "[Abstract, Description (\"the name\") : Translatable]\n"
                        "class T_Base\n"
                        "{\n"
                        "    [Key : DisableOverride, Description (\"the name\") : Translatable, "
                        "MaxLen (64)] string Name;\n"
                        "    [Key : DisableOverride] uint32 Id;\n"
                        "    string Caption = \"none\";\n"
                        "};\n");
    mi_buf_reset(&b);
    /* Association is in the list: not repeated; Key implied by the flag */
    assert_int_equal(mi_class_to_mof(&b, f->assoc, 0), 0);
    assert_string_equal(mi_buf_str(&b), "[Association : DisableOverride]\n"
                                        "class T_Assoc\n"
                                        "{\n"
                                        "    [Key] T_Base REF Left;\n"
                                        "    [Key] T_Base REF Right;\n"
                                        "};\n");
    mi_buf_reset(&b);
    assert_int_equal(mi_class_to_mof(&b, (const MI_ClassDecl *)f->frob, 0), -1);
    mi_buf_free(&b);
}

static void test_qualifier_values(void **state)
{
    (void)state;
    static const MI_Boolean no = MI_FALSE;
    static const MI_Sint32 neg = -3;
    static const MI_Char *esc = "a \"b\"";
    MI_Qualifier q1 = {"Deprecated", MI_BOOLEAN, MI_FLAG_RESTRICTED, &no};
    MI_Qualifier q2 = {"Offset", MI_SINT32, MI_FLAG_TOSUBCLASS, &neg};
    MI_Qualifier q3 = {"Note", MI_STRING, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_RESTRICTED, &esc};
    MI_Qualifier q4 = {"Empty", MI_STRING, 0, NULL};
    MI_Qualifier *qs[] = {&q1, &q2, &q3, &q4};
    MI_ClassDecl cd;
    memset(&cd, 0, sizeof cd);
    cd.flags = MI_FLAG_CLASS | MI_FLAG_INDICATION;
    cd.name = "T_Q";
    cd.qualifiers = (MI_Qualifier MI_CONST *MI_CONST *)qs;
    cd.numQualifiers = 4;
    mi_buf b;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_class_to_mof(&b, &cd, 0), 0);
    assert_string_equal(mi_buf_str(&b),
                        "[Indication, Deprecated (FALSE) : Restricted, Offset (-3), "
                        "Note (\"a \\\"b\\\"\") : DisableOverride Restricted, Empty (NULL)]\n"
                        "class T_Q\n{\n};\n");
    mi_buf_free(&b);
}

static void test_instance(void **state)
{
    fx *f = *state;
    MI_Instance *inst = NULL;
    assert_int_equal(mi_instance_new(f->leaf, NULL, NULL, &inst), MI_RESULT_OK);
    MI_Value v;
    v.string = "n\"1\"";
    assert_int_equal(MI_Instance_SetElement(inst, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    v.uint32 = 5;
    assert_int_equal(MI_Instance_SetElement(inst, "Id", &v, MI_UINT32, 0), MI_RESULT_OK);
    MI_Instance *ref = NULL;
    assert_int_equal(mi_instance_new(f->base, "root/cimv2", NULL, &ref), MI_RESULT_OK);
    v.string = "r";
    assert_int_equal(MI_Instance_SetElement(ref, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    v.uint32 = 1;
    assert_int_equal(MI_Instance_SetElement(ref, "Id", &v, MI_UINT32, 0), MI_RESULT_OK);
    v.reference = ref;
    assert_int_equal(MI_Instance_SetElement(inst, "Target", &v, MI_REFERENCE, 0), MI_RESULT_OK);
    MI_Instance *emb = NULL;
    assert_int_equal(mi_instance_new_dynamic("T_Base", 0, &emb), MI_RESULT_OK);
    v.boolean = MI_TRUE;
    assert_int_equal(MI_Instance_AddElement(emb, "Flag", &v, MI_BOOLEAN, 0), MI_RESULT_OK);
    v.instance = emb;
    assert_int_equal(MI_Instance_SetElement(inst, "Emb", &v, MI_INSTANCE, 0), MI_RESULT_OK);
    MI_Sint8 s8[] = {-1, 2};
    v.sint8a.data = s8;
    v.sint8a.size = 2;
    assert_int_equal(MI_Instance_SetElement(inst, "S8A", &v, MI_SINT8A, 0), MI_RESULT_OK);
    MI_Instance *arr[] = {emb, emb};
    v.instancea.data = arr;
    v.instancea.size = 2;
    assert_int_equal(MI_Instance_SetElement(inst, "InstA", &v, MI_INSTANCEA, 0), MI_RESULT_OK);
    v.char16 = 'q';
    assert_int_equal(MI_Instance_SetElement(inst, "C16", &v, MI_CHAR16, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_ClearElement(inst, "Count"), MI_RESULT_OK);
    mi_buf b;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_instance_to_mof(&b, inst, 0), 0);
    assert_string_equal(mi_buf_str(&b),
                        "instance of T_Leaf\n"
                        "{\n"
                        "    Name = \"n\\\"1\\\"\";\n"
                        "    Id = 5;\n"
                        "    Caption = \"leaf\";\n"
                        "    Target = \"root/cimv2:T_Base.Id=1,Name=\\\"r\\\"\";\n"
                        "    Emb = instance of T_Base\n"
                        "    {\n"
                        "        Flag = TRUE;\n"
                        "    };\n"
                        "    S8A = {-1, 2};\n"
                        "    InstA = {instance of T_Base\n"
                        "    {\n"
                        "        Flag = TRUE;\n"
                        "    }, instance of T_Base\n"
                        "    {\n"
                        "        Flag = TRUE;\n"
                        "    }};\n"
                        "    C16 = 'q';\n"
                        "};\n");
    mi_buf_reset(&b);
    /* indentation for nesting in other text */
    assert_int_equal(mi_instance_to_mof(&b, emb, 1), 0);
    assert_string_equal(mi_buf_str(&b), "    instance of T_Base\n    {\n        Flag = TRUE;\n    };\n");
    mi_buf_free(&b);
    /* a failed buffer reports -1 */
    mi_buf small;
    mi_buf_init(&small, 8);
    assert_int_equal(mi_instance_to_mof(&small, inst, 0), -1);
    mi_buf_free(&small);
    MI_Instance_Delete(emb);
    MI_Instance_Delete(ref);
    MI_Instance_Delete(inst);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_class_full, setup, teardown),
        cmocka_unit_test_setup_teardown(test_class_flags, setup, teardown),
        cmocka_unit_test_setup_teardown(test_qualifier_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_instance, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
