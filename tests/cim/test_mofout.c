/* test_mofout.c - MOF text of classes (layout, flags, qualifiers, flavors, REF,
 * embedded, defaults, methods, inherited and overriding marks, local-only and compact
 * output, wrapping of long qualifier lists, strings and arrays), of qualifier
 * declarations and of instances. */
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

/* Asserts that `text` contains `piece` (any number of whole lines, without the
 * indentation of the first) starting at a line's indentation and ending at a line end. */
static void expect_lines(const char *text, const char *piece)
{
    size_t n = strlen(piece);
    for (const char *p = text; (p = strstr(p, piece)) != NULL; p++) {
        const char *start = p;
        while (start > text && start[-1] == ' ')
            start--;
        if ((start == text || start[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
            return;
    }
    fail_msg("lines \"%s\" not found in:\n%s", piece, text);
}

static void expect_no(const char *text, const char *piece)
{
    if (strstr(text, piece))
        fail_msg("\"%s\" unexpectedly found in:\n%s", piece, text);
}

/* Every line at most `width` columns (ASCII text). */
static void expect_width(const char *text, size_t width)
{
    for (const char *p = text; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n > width)
            fail_msg("line of %zu columns: \"%.*s\"", n, (int)n, p);
        p += n + (e != NULL);
    }
}

static void test_class_full(void **state)
{
    fx *f = *state;
    mi_buf b;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_class_to_mof(&b, f->leaf, MI_MOFOUT_MARK_INHERITED), 0);
    const char *t = mi_buf_str(&b);
    /* marks on a line above the member; a blank line around members of several lines */
    assert_true(strncmp(t, "class T_Leaf : T_Middle {\n", 26) == 0);
    expect_lines(t, "// inherited from T_Base\n"
                    "    [Key : DisableOverride, Description (\"the name\"), MaxLen (64)] "
                    "string Name;\n"
                    "\n"
                    "    // inherited from T_Base\n"
                    "    [Key : DisableOverride] uint32 Id;\n"
                    "\n"
                    "    // overrides T_Base\n"
                    "    string Caption = \"leaf\";\n"
                    "\n"
                    "    // inherited from T_Middle\n"
                    "    T_Base REF Target;");
    expect_lines(t, "// inherited from T_Middle\n"
                    "    [EmbeddedInstance (\"T_Base\")] string Emb;");
    expect_lines(t, "// inherited from T_Middle\n"
                    "    [ValueMap {\"0\", \"1\", \"..\"}] uint16 Count = 7;");
    expect_lines(t, "// inherited from T_Middle\n    datetime DtA[];");
    expect_lines(t, "// inherited from T_Middle\n    T_Base REF RefA[];");
    expect_lines(t, "// inherited from T_Middle\n"
                    "    [EmbeddedInstance (\"T_Base\")] string InstA[];");
    /* the class's own one-line members stay together */
    expect_lines(t, "[EmbeddedInstance (\"T_Base\")] string InstA[];\n"
                    "\n"
                    "    boolean B;\n"
                    "    uint8 U8;\n"
                    "    sint8 S8;\n"
                    "    sint16 S16;\n"
                    "    sint32 S32;\n"
                    "    uint64 U64;\n"
                    "    sint64 S64;\n"
                    "    real32 R32;\n"
                    "    real64 R64;\n"
                    "    char16 C16;\n"
                    "\n"
                    "    // inherited from T_Middle\n"
                    "    void Reset();");
    /* a signature too long for one line: one parameter per line; In without Out is
     * the default and is not added for the flag */
    expect_lines(t, "    uint32 Frob(\n"
                    "        [In : DisableOverride] uint32 a,\n"
                    "        string s,\n"
                    "        [Out] string o,\n"
                    "        [In, Out] T_Base REF r,\n"
                    "        [Out] uint64 arr[]);\n"
                    "};");
    expect_no(t, "Translatable");
    expect_no(t, "ToSubclass");
    expect_no(t, "EnableOverride");
    expect_width(t, 90);
    mi_buf_free(&b);
}

static void test_class_flags(void **state)
{
    fx *f = *state;
    mi_buf b;
    mi_buf_init(&b, 0);
    /* local members only, no qualifiers but those the flags and type imply: compact */
    assert_int_equal(mi_class_to_mof(&b, f->leaf, MI_MOFOUT_LOCAL_ONLY | MI_MOFOUT_NO_QUALIFIERS), 0);
    assert_string_equal(mi_buf_str(&b),
                        "class T_Leaf : T_Middle {\n"
                        "    string Caption = \"leaf\";\n"
                        "    boolean B;\n"
                        "    uint8 U8;\n"
                        "    sint8 S8;\n"
                        "    sint16 S16;\n"
                        "    sint32 S32;\n"
                        "    uint64 U64;\n"
                        "    sint64 S64;\n"
                        "    real32 R32;\n"
                        "    real64 R64;\n"
                        "    char16 C16;\n"
                        "    uint32 Frob(uint32 a, string s, [Out] string o, [In, Out] T_Base REF r, [Out] uint64 arr[]);\n"
                        "};\n");
    mi_buf_reset(&b);
    /* compact with marks: the marks trail the members */
    assert_int_equal(mi_class_to_mof(&b, f->leaf,
                                     MI_MOFOUT_NO_QUALIFIERS | MI_MOFOUT_MARK_INHERITED), 0);
    const char *t = mi_buf_str(&b);
    expect_lines(t, "[Key] string Name; // inherited from T_Base\n"
                    "    [Key] uint32 Id; // inherited from T_Base\n"
                    "    string Caption = \"leaf\"; // overrides T_Base\n"
                    "    T_Base REF Target; // inherited from T_Middle\n"
                    "    [EmbeddedInstance (\"T_Base\")] string Emb; // inherited from T_Middle");
    expect_lines(t, "char16 C16;\n"
                    "    void Reset(); // inherited from T_Middle\n"
                    "    uint32 Frob(uint32 a, string s, [Out] string o, [In, Out] T_Base REF r, [Out] uint64 arr[]);\n"
                    "};");
    mi_buf_reset(&b);
    /* local only with qualifiers */
    assert_int_equal(mi_class_to_mof(&b, f->leaf, MI_MOFOUT_LOCAL_ONLY), 0);
    t = mi_buf_str(&b);
    assert_true(strncmp(t, "class T_Leaf : T_Middle {\n    string Caption = \"leaf\";\n", 54) == 0);
    expect_no(t, "Name;");
    expect_no(t, "Reset");
    expect_no(t, "//");
    mi_buf_reset(&b);
    assert_int_equal(mi_class_to_mof(&b, f->middle, MI_MOFOUT_NO_QUALIFIERS), 0);
    expect_lines(mi_buf_str(&b), "[EmbeddedInstance (\"T_Base\")] string Emb;");
    mi_buf_reset(&b);
    /* class qualifiers from the list and implied by flags; a root class */
    assert_int_equal(mi_class_to_mof(&b, f->base, 0), 0);
    assert_string_equal(mi_buf_str(&b),
                        "[Abstract, Description (\"the name\")]\n"
                        "class T_Base {\n"
                        "    [Key : DisableOverride, Description (\"the name\"), MaxLen (64)] "
                        "string Name;\n"
                        "    [Key : DisableOverride] uint32 Id;\n"
                        "    string Caption = \"none\";\n"
                        "};\n");
    mi_buf_reset(&b);
    /* Association is in the list: not repeated; Key implied by the flag */
    assert_int_equal(mi_class_to_mof(&b, f->assoc, 0), 0);
    assert_string_equal(mi_buf_str(&b), "[Association : DisableOverride]\n"
                                        "class T_Assoc {\n"
                                        "    [Key] T_Base REF Left;\n"
                                        "    [Key] T_Base REF Right;\n"
                                        "};\n");
    mi_buf_reset(&b);
    assert_int_equal(mi_class_to_mof(&b, (const MI_ClassDecl *)f->frob, 0), -1);
    mi_buf_free(&b);
    /* a failed buffer reports -1 */
    mi_buf small;
    mi_buf_init(&small, 64);
    assert_int_equal(mi_class_to_mof(&small, f->leaf, MI_MOFOUT_MARK_INHERITED), -1);
    mi_buf_free(&small);
}

static void test_qualifier_values(void **state)
{
    (void)state;
    static const MI_Boolean no = MI_FALSE;
    static const MI_Sint32 neg = -3;
    static const MI_Char *esc = "a \"b\"";
    MI_Qualifier q1 = {"Deprecated", MI_BOOLEAN, MI_FLAG_RESTRICTED, &no};
    MI_Qualifier q2 = {"Offset", MI_SINT32,
                       MI_FLAG_TOSUBCLASS | MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TRANSLATABLE, &neg};
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
    /* too long for one line: one qualifier per line, aligned after the '[' */
    assert_int_equal(mi_class_to_mof(&b, &cd, 0), 0);
    assert_string_equal(mi_buf_str(&b), "[Indication,\n"
                                        " Deprecated (FALSE) : Restricted,\n"
                                        " Offset (-3),\n"
                                        " Note (\"a \\\"b\\\"\") : DisableOverride Restricted,\n"
                                        " Empty (NULL)]\n"
                                        "class T_Q {\n"
                                        "};\n");
    mi_buf_reset(&b);
    /* short enough: one line */
    cd.numQualifiers = 2;
    assert_int_equal(mi_class_to_mof(&b, &cd, 0), 0);
    assert_string_equal(mi_buf_str(&b), "[Indication, Deprecated (FALSE) : Restricted, "
                                        "Offset (-3)]\n"
                                        "class T_Q {\n"
                                        "};\n");
    mi_buf_free(&b);
}

/* A hand-built class with long qualifier values, a long default and a long signature. */
static const MI_Char *k_wrap_desc =
    "A class whose description is long enough to be cut into several literals at "
    "word boundaries.\nA new line starts a new literal; an over-long-word-like-"
    "this-one-that-has-no-space-anywhere-in-it-at-all stays whole.";
static const MI_Char *k_wrap_vm[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
                                     "10", "11", "12", "13", "14", "15", "16", "..",
                                     "32768..65535"};
static const MI_ConstStringA k_wrap_vma = {k_wrap_vm, 19};
static const MI_Char *k_wrap_path = "/a/default/path/that/is/quite/long/and/has/no/spaces/"
                                    "at/all/in/it/so/it/is/not/cut.txt";
static const MI_Char *k_wrap_text = "A default value that is a sentence long enough to "
                                    "need two literals, or even three.";
static const MI_Char *k_wrap_version = "1.0.0";

static void test_wrapping(void **state)
{
    (void)state;
    MI_Qualifier qd = {"Description", MI_STRING,
                       MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS | MI_FLAG_TRANSLATABLE,
                       &k_wrap_desc};
    MI_Qualifier qv = {"Version", MI_STRING,
                       MI_FLAG_ENABLEOVERRIDE | MI_FLAG_RESTRICTED | MI_FLAG_TRANSLATABLE,
                       &k_wrap_version};
    MI_Qualifier qvm = {"ValueMap", MI_STRINGA, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS,
                        &k_wrap_vma};
    MI_Qualifier *cq[] = {&qv, &qd};
    MI_Qualifier *pq[] = {&qvm};
    MI_PropertyDecl p1, p2, p3;
    memset(&p1, 0, sizeof p1);
    p1.flags = MI_FLAG_PROPERTY;
    p1.name = "State";
    p1.type = MI_UINT16;
    p1.qualifiers = (MI_Qualifier MI_CONST *MI_CONST *)pq;
    p1.numQualifiers = 1;
    p1.origin = p1.propagator = "T_Wrap";
    p2 = p1;
    p2.name = "Path";
    p2.type = MI_STRING;
    p2.qualifiers = NULL;
    p2.numQualifiers = 0;
    p2.value = &k_wrap_path;
    p3 = p2;
    p3.name = "Text";
    p3.value = &k_wrap_text;
    MI_PropertyDecl *props[] = {&p1, &p2, &p3};
    MI_ClassDecl cd;
    memset(&cd, 0, sizeof cd);
    cd.flags = MI_FLAG_CLASS;
    cd.name = "T_Wrap";
    cd.qualifiers = (MI_Qualifier MI_CONST *MI_CONST *)cq;
    cd.numQualifiers = 2;
    cd.properties = (MI_PropertyDecl MI_CONST *MI_CONST *)props;
    cd.numProperties = 3;
    mi_buf b;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_class_to_mof(&b, &cd, 0), 0);
    assert_string_equal(
        mi_buf_str(&b),
        "[Version (\"1.0.0\") : Restricted,\n"
        " Description (\n"
        "     \"A class whose description is long enough to be cut into several literals \"\n"
        "     \"at word boundaries.\\n\"\n"
        "     \"A new line starts a new literal; an \"\n"
        "     \"over-long-word-like-this-one-that-has-no-space-anywhere-in-it-at-all \"\n"
        "     \"stays whole.\")]\n"
        "class T_Wrap {\n"
        "    [ValueMap {\"0\", \"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"9\", "
        "\"10\", \"11\",\n"
        "         \"12\", \"13\", \"14\", \"15\", \"16\", \"..\", \"32768..65535\"} : "
        "DisableOverride]\n"
        "    uint16 State;\n"
        "\n"
        "    string Path =\n"
        "        \"/a/default/path/that/is/quite/long/and/has/no/spaces/at/all/in/it/so/it/is/"
        "not/cut.txt\";\n"
        "\n"
        "    string Text =\n"
        "        \"A default value that is a sentence long enough to need two literals, \"\n"
        "        \"or even three.\";\n"
        "};\n");
    mi_buf_free(&b);
}

/* LOCAL_ONLY leaves out qualifiers propagated unchanged, keeps those that define the
 * member (Key), and says "= NULL" where an override removed the default. */
static const MI_Char *k_lo_note = "x";
static const MI_Char *k_lo_desc = "described";
static const MI_Char *k_lo_over = "Note";
static const MI_Boolean k_lo_true = MI_TRUE;

static void test_local_only(void **state)
{
    (void)state;
    MI_Qualifier qdesc = {"Description", MI_STRING,
                          MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS | MI_FLAG_TRANSLATABLE,
                          &k_lo_desc};
    MI_Qualifier qkey = {"Key", MI_BOOLEAN, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS,
                         &k_lo_true};
    MI_Qualifier qover = {"Override", MI_STRING, MI_FLAG_ENABLEOVERRIDE | MI_FLAG_RESTRICTED,
                          &k_lo_over};
    MI_Qualifier *base_q[] = {&qkey, &qdesc};
    MI_Qualifier *leaf_q[] = {&qkey, &qdesc, &qover};
    MI_Qualifier *class_q[] = {&qdesc};
    MI_PropertyDecl bp, lp;
    memset(&bp, 0, sizeof bp);
    bp.flags = MI_FLAG_PROPERTY | MI_FLAG_KEY;
    bp.name = "Note";
    bp.type = MI_STRING;
    bp.qualifiers = (MI_Qualifier MI_CONST *MI_CONST *)base_q;
    bp.numQualifiers = 2;
    bp.origin = bp.propagator = "T_P";
    bp.value = &k_lo_note;
    lp = bp;
    lp.qualifiers = (MI_Qualifier MI_CONST *MI_CONST *)leaf_q;
    lp.numQualifiers = 3;
    lp.propagator = "T_C";
    lp.value = NULL;
    MI_PropertyDecl *bprops[] = {&bp};
    MI_PropertyDecl *lprops[] = {&lp};
    MI_ClassDecl base, leaf;
    memset(&base, 0, sizeof base);
    base.flags = MI_FLAG_CLASS;
    base.name = "T_P";
    base.qualifiers = (MI_Qualifier MI_CONST *MI_CONST *)class_q;
    base.numQualifiers = 1;
    base.properties = (MI_PropertyDecl MI_CONST *MI_CONST *)bprops;
    base.numProperties = 1;
    leaf = base;
    leaf.name = "T_C";
    leaf.superClass = "T_P";
    leaf.superClassDecl = &base;
    leaf.properties = (MI_PropertyDecl MI_CONST *MI_CONST *)lprops;
    mi_buf b;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_class_to_mof(&b, &leaf, MI_MOFOUT_LOCAL_ONLY), 0);
    assert_string_equal(mi_buf_str(&b), "class T_C : T_P {\n"
                                        "    [Key : DisableOverride, Override (\"Note\") : "
                                        "Restricted] string Note = NULL;\n"
                                        "};\n");
    mi_buf_reset(&b);
    assert_int_equal(mi_class_to_mof(&b, &leaf, MI_MOFOUT_MARK_INHERITED), 0);
    assert_string_equal(mi_buf_str(&b), "[Description (\"described\")]\n"
                                        "class T_C : T_P {\n"
                                        "    // overrides T_P\n"
                                        "    [Key : DisableOverride, Description (\"described\"), "
                                        "Override (\"Note\") : Restricted]\n"
                                        "    string Note = NULL;\n"
                                        "};\n");
    mi_buf_free(&b);
}

static void test_qualifier_decl(void **state)
{
    (void)state;
    static const MI_Boolean no = MI_FALSE;
    static const MI_Char *bag = "Bag";
    static const MI_Uint32 nums[] = {1, 2};
    static const MI_ConstUint32A numa = {nums, 2};
    MI_QualifierDecl key = {"Key", MI_BOOLEAN, MI_FLAG_PROPERTY | MI_FLAG_REFERENCE,
                            MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS, 0, &no};
    MI_QualifierDecl desc = {"Description", MI_STRING, MI_FLAG_ANY,
                             MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS | MI_FLAG_TRANSLATABLE,
                             0, NULL};
    MI_QualifierDecl at = {"ArrayType", MI_STRING, MI_FLAG_PROPERTY | MI_FLAG_PARAMETER, 0, 0,
                           &bag};
    MI_QualifierDecl pair = {"Pair", MI_UINT32A, MI_FLAG_CLASS | MI_FLAG_METHOD,
                             MI_FLAG_RESTRICTED, 2, &numa};
    MI_QualifierDecl bad = {"Bad", MI_REFERENCE, MI_FLAG_ANY, 0, 0, NULL};
    mi_buf b;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_qualifierdecl_to_mof(&b, &key), 0);
    assert_int_equal(mi_qualifierdecl_to_mof(&b, &desc), 0);
    assert_int_equal(mi_qualifierdecl_to_mof(&b, &at), 0);
    assert_int_equal(mi_qualifierdecl_to_mof(&b, &pair), 0);
    assert_string_equal(mi_buf_str(&b),
                        "Qualifier Key : boolean = FALSE,\n"
                        "    Scope(property, reference),\n"
                        "    Flavor(DisableOverride, ToSubclass);\n"
                        "Qualifier Description : string,\n"
                        "    Scope(any),\n"
                        "    Flavor(EnableOverride, ToSubclass, Translatable);\n"
                        "Qualifier ArrayType : string = \"Bag\",\n"
                        "    Scope(property, parameter);\n"
                        "Qualifier Pair : uint32[2] = {1, 2},\n"
                        "    Scope(class, method),\n"
                        "    Flavor(Restricted);\n");
    assert_int_equal(mi_qualifierdecl_to_mof(&b, &bad), -1);
    assert_int_equal(mi_qualifierdecl_to_mof(&b, NULL), -1);
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
    MI_Uint32 u32[24];
    for (MI_Uint32 i = 0; i < 24; i++)
        u32[i] = 1000 + i;
    v.uint32a.data = u32;
    v.uint32a.size = 24;
    assert_int_equal(MI_Instance_SetElement(inst, "U32A", &v, MI_UINT32A, 0), MI_RESULT_OK);
    v.string = "A string value long enough that the instance text cuts it into two literals.";
    assert_int_equal(MI_Instance_SetElement(inst, "Caption", &v, MI_STRING, 0), MI_RESULT_OK);
    MI_Instance *arr[] = {emb, emb};
    v.instancea.data = arr;
    v.instancea.size = 2;
    assert_int_equal(MI_Instance_SetElement(inst, "InstA", &v, MI_INSTANCEA, 0), MI_RESULT_OK);
    v.char16 = 'q';
    assert_int_equal(MI_Instance_SetElement(inst, "C16", &v, MI_CHAR16, 0), MI_RESULT_OK);
    /* NULL over the class's default 7: said, or reading the text back would give 7 */
    assert_int_equal(MI_Instance_ClearElement(inst, "Count"), MI_RESULT_OK);
    mi_buf b;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_instance_to_mof(&b, inst, 0), 0);
    assert_string_equal(mi_buf_str(&b),
                        "instance of T_Leaf\n"
                        "{\n"
                        "    Name = \"n\\\"1\\\"\";\n"
                        "    Id = 5;\n"
                        "    Caption =\n"
                        "        \"A string value long enough that the instance text cuts it into two \"\n"
                        "        \"literals.\";\n"
                        "    Target = \"root/cimv2:T_Base.Id=1,Name=\\\"r\\\"\";\n"
                        "    Emb = instance of T_Base\n"
                        "    {\n"
                        "        Flag = TRUE;\n"
                        "    };\n"
                        "    Count = NULL;\n"
                        "    S8A = {-1, 2};\n"
                        "    U32A = {1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, "
                        "1010,\n"
                        "        1011, 1012, 1013, 1014, 1015, 1016, 1017, 1018, 1019, 1020, 1021, "
                        "1022,\n"
                        "        1023};\n"
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
        cmocka_unit_test(test_wrapping),
        cmocka_unit_test(test_local_only),
        cmocka_unit_test(test_qualifier_decl),
        cmocka_unit_test_setup_teardown(test_instance, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
