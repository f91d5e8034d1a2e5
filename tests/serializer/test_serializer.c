/* test_serializer.c - MI_Serializer / MI_Deserializer through the public API.
 *
 * Classes come from a MOF text compiled into an in-memory repository; instances are
 * built with MI_InstanceFT and filled with values chosen here (limits of every integer
 * type, strings with quotes, newlines and non-ASCII text, timestamps and intervals,
 * NULLs, references, embedded instances, NaN and infinities for XML). Round trips
 * instance -> MOF/XML -> instance and class -> MOF/XML -> class are compared element by
 * element (and member by member, qualifiers and flavors included) against the
 * originals; the expected CIM-XML of a small instance and class is written out by hand
 * from DSP0201. Also: the buffer protocol, handle checks, classObjectNeeded (which
 * names, in which order), and bad input (truncated MOF, malformed or non-DSP0201 XML,
 * caps) with the error instance's message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <mi.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "cim/cim.h"
#include "mof/mof.h"
#include "repo/repo.h"

#define NS "root/cimv2"
#define FMT_MOF "MI_MOF_CIMV2_EXTV1"
#define FMT_XML "MI_XML"

static const char test_mof[] =
    "Qualifier EmbeddedInstance : string = null, Scope(property, method, parameter),\n"
    "    Flavor(EnableOverride, ToSubclass);\n"
    "Qualifier ValueMap : string[], Scope(property, method, parameter);\n"
    "Qualifier Units : string = null, Scope(property), Flavor(EnableOverride, ToSubclass);\n"
    "class Test_Base { [Key] string Id; };\n"
    "class Test_Emb { string S; uint32 N; };\n"
    "[Description(\"All types\")]\n"
    "class Test_All : Test_Base {\n"
    "  boolean B; uint8 U8; sint8 S8; uint16 U16; sint16 S16; uint32 U32; sint32 S32;\n"
    "  uint64 U64; sint64 S64; real32 R32; real64 R64; char16 C; datetime T; datetime I;\n"
    "  string S;\n"
    "  boolean BA[]; uint8 U8A[]; sint8 S8A[]; uint16 U16A[]; sint16 S16A[];\n"
    "  uint32 U32A[]; sint32 S32A[]; uint64 U64A[]; sint64 S64A[]; real32 R32A[];\n"
    "  real64 R64A[]; char16 CA[]; datetime TA[]; string SA[];\n"
    "  Test_Base REF R;\n"
    "  [EmbeddedInstance(\"Test_Emb\")] string E;\n"
    "  [EmbeddedInstance(\"Test_Emb\")] string EA[];\n"
    "  string NullS; uint32 NullA[];\n"
    "  [Description(\"a & <b> \\\"c\\\"\"), ValueMap{\"1\", \"2\"}, Units(\"bytes\")]\n"
    "    uint32 Q = 7;\n"
    "  uint32 M([In] uint32 A, [Out] string B, Test_Base REF C);\n"
    "};\n"
    "class Test_Nest { [EmbeddedInstance(\"Test_Nest\")] string Child; };\n"
    "class Test_Small : Test_Base {\n"
    "  [Description(\"d\")] boolean F = TRUE;\n"
    "  Test_Base REF P;\n"
    "  uint32 Go([In] uint32 X);\n"
    "};\n"
    "class Test_Over : Test_Small {\n"
    "  [Override(\"F\"), Description(\"changed\")] boolean F = FALSE;\n"
    "  string More;\n"
    "};\n";

static mi_repo *g_repo;
static MI_Application g_app;
static MI_Class *cls_base, *cls_emb, *cls_all, *cls_small, *cls_nest, *cls_over;

static MI_Class *class_of(const char *name)
{
    mi_ns *ns = mi_repo_ns(g_repo, NS);
    assert_non_null(ns);
    const MI_ClassDecl *cd = mi_ns_class(ns, name);
    assert_non_null(cd);
    MI_Class *c = NULL;
    assert_int_equal(mi_class_new(cd, NS, NULL, false, &c), MI_RESULT_OK);
    return c;
}

static int setup(void **state)
{
    (void)state;
    assert_int_equal(mi_repo_new(&g_repo), MI_RESULT_OK);
    assert_int_equal(
        mi_mof_compile_file(g_repo, MI_SOURCE_DIR "/schema/cim/qualifiers.mof", NULL, NULL),
        MI_RESULT_OK);
    assert_int_equal(mi_mof_compile_buffer(g_repo, "test.mof", test_mof, strlen(test_mof),
                                           NULL, NULL),
                     MI_RESULT_OK);
    cls_base = class_of("Test_Base");
    cls_emb = class_of("Test_Emb");
    cls_all = class_of("Test_All");
    cls_small = class_of("Test_Small");
    cls_nest = class_of("Test_Nest");
    cls_over = class_of("Test_Over");
    assert_int_equal(MI_Application_Initialize(0, NULL, NULL, &g_app), MI_RESULT_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    MI_Class_Delete(cls_base);
    MI_Class_Delete(cls_emb);
    MI_Class_Delete(cls_all);
    MI_Class_Delete(cls_small);
    MI_Class_Delete(cls_nest);
    MI_Class_Delete(cls_over);
    MI_Application_Close(&g_app);
    mi_repo_free(g_repo);
    return 0;
}

/* ---------------------------------------------------------------- helpers */

static MI_Instance *new_inst(const MI_Class *c)
{
    MI_Instance *i = NULL;
    assert_int_equal(MI_Application_NewInstanceFromClass(&g_app, c->classDecl->name, c, &i),
                     MI_RESULT_OK);
    return i;
}

static void set(MI_Instance *i, const char *name, MI_Type t, const void *v)
{
    MI_Value val;
    memset(&val, 0, sizeof val);
    memcpy(&val, v, mi_type_size(t));
    assert_int_equal(MI_Instance_SetElement(i, name, &val, t, 0), MI_RESULT_OK);
}

static void set_str(MI_Instance *i, const char *name, const char *s)
{
    MI_Value v;
    v.string = (MI_Char *)s;
    assert_int_equal(MI_Instance_SetElement(i, name, &v, MI_STRING, 0), MI_RESULT_OK);
}

static MI_Instance *new_emb(const char *s, MI_Uint32 n)
{
    MI_Instance *e = new_inst(cls_emb);
    set_str(e, "S", s);
    MI_Value v;
    v.uint32 = n;
    assert_int_equal(MI_Instance_SetElement(e, "N", &v, MI_UINT32, 0), MI_RESULT_OK);
    return e;
}

static MI_Instance *new_base_ref(const char *id)
{
    MI_Instance *r = new_inst(cls_base);
    set_str(r, "Id", id);
    return r;
}

/* An instance of Test_All with every type set (NullS and NullA stay NULL). */
static MI_Instance *new_all(void)
{
    MI_Instance *i = new_inst(cls_all);
    MI_Boolean b = MI_TRUE;
    MI_Uint8 u8 = 255;
    MI_Sint8 s8 = -128;
    MI_Uint16 u16 = 65535;
    MI_Sint16 s16 = -32768;
    MI_Uint32 u32 = 4294967295u;
    MI_Sint32 s32 = INT32_MIN;
    MI_Uint64 u64 = UINT64_MAX;
    MI_Sint64 s64 = INT64_MIN;
    MI_Real32 r32 = 0.1f;
    MI_Real64 r64 = -1.0e300;
    MI_Char16 c = 0x00e9; /* é */
    MI_Datetime t, iv;
    memset(&t, 0, sizeof t);
    t.isTimestamp = MI_TRUE;
    t.u.timestamp.year = 2024;
    t.u.timestamp.month = 2;
    t.u.timestamp.day = 29;
    t.u.timestamp.hour = 23;
    t.u.timestamp.minute = 59;
    t.u.timestamp.second = 58;
    t.u.timestamp.microseconds = 123456;
    t.u.timestamp.utc = -300;
    memset(&iv, 0, sizeof iv);
    iv.u.interval.days = 12345678;
    iv.u.interval.hours = 1;
    iv.u.interval.minutes = 2;
    iv.u.interval.seconds = 3;
    iv.u.interval.microseconds = 4;

    set(i, "B", MI_BOOLEAN, &b);
    set(i, "U8", MI_UINT8, &u8);
    set(i, "S8", MI_SINT8, &s8);
    set(i, "U16", MI_UINT16, &u16);
    set(i, "S16", MI_SINT16, &s16);
    set(i, "U32", MI_UINT32, &u32);
    set(i, "S32", MI_SINT32, &s32);
    set(i, "U64", MI_UINT64, &u64);
    set(i, "S64", MI_SINT64, &s64);
    set(i, "R32", MI_REAL32, &r32);
    set(i, "R64", MI_REAL64, &r64);
    set(i, "C", MI_CHAR16, &c);
    set(i, "T", MI_DATETIME, &t);
    set(i, "I", MI_DATETIME, &iv);
    set_str(i, "Id", "key \"1\"");
    set_str(i, "S", "line1\nline2\t\"q\" \\ <&> \xc3\xa9\xe2\x82\xac");

    MI_Boolean ba[] = {MI_TRUE, MI_FALSE};
    MI_Uint8 u8a[] = {0, 255};
    MI_Sint8 s8a[] = {-1, 127};
    MI_Uint16 u16a[] = {1};
    MI_Sint16 s16a[] = {-2, 2};
    MI_Uint32 u32a[] = {1, 2, 3};
    MI_Sint32 s32a[] = {-7};
    MI_Uint64 u64a[] = {0, 18446744073709551615ull};
    MI_Sint64 s64a[] = {INT64_MAX};
    MI_Real32 r32a[] = {1.5f, -0.25f};
    MI_Real64 r64a[] = {3.141592653589793, 1e-300};
    MI_Char16 ca[] = {'a', '\'', '"'};
    MI_Datetime ta[] = {t, iv};
    MI_Char *sa[] = {(MI_Char *)"x", (MI_Char *)"", (MI_Char *)"y,z"};
    MI_Array a;
#define SETA(name, type, arr)                                                             \
    do {                                                                                  \
        a.data = (arr);                                                                   \
        a.size = (MI_Uint32)(sizeof(arr) / sizeof((arr)[0]));                             \
        set(i, name, type, &a);                                                           \
    } while (0)
    SETA("BA", MI_BOOLEANA, ba);
    SETA("U8A", MI_UINT8A, u8a);
    SETA("S8A", MI_SINT8A, s8a);
    SETA("U16A", MI_UINT16A, u16a);
    SETA("S16A", MI_SINT16A, s16a);
    SETA("U32A", MI_UINT32A, u32a);
    SETA("S32A", MI_SINT32A, s32a);
    SETA("U64A", MI_UINT64A, u64a);
    SETA("S64A", MI_SINT64A, s64a);
    SETA("R32A", MI_REAL32A, r32a);
    SETA("R64A", MI_REAL64A, r64a);
    SETA("CA", MI_CHAR16A, ca);
    SETA("TA", MI_DATETIMEA, ta);
    SETA("SA", MI_STRINGA, sa);

    MI_Instance *ref = new_base_ref("target");
    MI_Value v;
    v.reference = ref;
    assert_int_equal(MI_Instance_SetElement(i, "R", &v, MI_REFERENCE, 0), MI_RESULT_OK);
    MI_Instance_Delete(ref);

    MI_Instance *e1 = new_emb("one", 1);
    v.instance = e1;
    assert_int_equal(MI_Instance_SetElement(i, "E", &v, MI_INSTANCE, 0), MI_RESULT_OK);
    MI_Instance *e2 = new_emb("two", 2);
    MI_Instance *ea[] = {e1, e2};
    a.data = ea;
    a.size = 2;
    set(i, "EA", MI_INSTANCEA, &a);
    MI_Instance_Delete(e1);
    MI_Instance_Delete(e2);
    return i;
#undef SETA
}

static MI_Serializer new_ser(const char *fmt)
{
    MI_Serializer s;
    assert_int_equal(MI_Application_NewSerializer(&g_app, 0, (MI_Char *)fmt, &s), MI_RESULT_OK);
    return s;
}

static MI_Deserializer new_des(const char *fmt)
{
    MI_Deserializer d;
    assert_int_equal(MI_Application_NewDeserializer(&g_app, 0, (MI_Char *)fmt, &d),
                     MI_RESULT_OK);
    return d;
}

/* The serialized text of an instance (or class when inst is NULL), NUL-terminated,
 * through the size query then an exact buffer. test_free it. */
static char *serialize(MI_Serializer *s, MI_Uint32 flags, const MI_Instance *inst,
                       const MI_Class *cls, MI_Uint32 *len)
{
    MI_Uint32 need = 0, used = 0;
    MI_Result r = inst ? MI_Serializer_SerializeInstance(s, flags, inst, NULL, 0, &need)
                       : MI_Serializer_SerializeClass(s, flags, cls, NULL, 0, &need);
    assert_int_equal(r, MI_RESULT_OK);
    assert_true(need > 0);
    char *buf = test_malloc(need + 1);
    r = inst ? MI_Serializer_SerializeInstance(s, flags, inst, (MI_Uint8 *)buf, need, &used)
             : MI_Serializer_SerializeClass(s, flags, cls, (MI_Uint8 *)buf, need, &used);
    assert_int_equal(r, MI_RESULT_OK);
    assert_int_equal(used, need);
    buf[need] = '\0';
    *len = need;
    return buf;
}

/* Every element of `want` is in `got` with the same type, NULL-ness and value. */
static void assert_same_instance(const MI_Instance *want, const MI_Instance *got)
{
    MI_Uint32 n = 0, m = 0;
    assert_string_equal(want->classDecl->name, got->classDecl->name);
    assert_int_equal(MI_Instance_GetElementCount(want, &n), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElementCount(got, &m), MI_RESULT_OK);
    assert_int_equal(n, m);
    for (MI_Uint32 i = 0; i < n; i++) {
        const MI_Char *name;
        MI_Value v1, v2;
        MI_Type t1, t2;
        MI_Uint32 f1, f2;
        assert_int_equal(MI_Instance_GetElementAt(want, i, &name, &v1, &t1, &f1), MI_RESULT_OK);
        assert_int_equal(MI_Instance_GetElement(got, name, &v2, &t2, &f2, NULL), MI_RESULT_OK);
        if (t1 != t2 || (f1 & MI_FLAG_NULL) != (f2 & MI_FLAG_NULL))
            fail_msg("element %s: type %u/%u null %u/%u", name, t1, t2, f1 & MI_FLAG_NULL,
                     f2 & MI_FLAG_NULL);
        if (!(f1 & MI_FLAG_NULL) && !mi_value_equal(t1, &v1, &v2))
            fail_msg("element %s differs", name);
    }
}

static void get(const MI_Instance *i, const char *name, MI_Type t, MI_Value *v)
{
    MI_Type got;
    MI_Uint32 fl;
    assert_int_equal(MI_Instance_GetElement(i, name, v, &got, &fl, NULL), MI_RESULT_OK);
    assert_int_equal(got, t);
    assert_false(fl & MI_FLAG_NULL);
}

/* ---------------------------------------------------------------- handles */

static void test_new_and_close(void **state)
{
    (void)state;
    MI_Serializer s;
    MI_Deserializer d;
    MI_Application bad = {0, 0, NULL};

    assert_int_equal(MI_Application_NewSerializer(&g_app, 1, (MI_Char *)FMT_XML, &s),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(s.reserved1, 0);
    assert_int_equal(MI_Application_NewSerializer(&g_app, 0, (MI_Char *)"mi_xml", &s),
                     MI_RESULT_NOT_SUPPORTED);
    assert_int_equal(MI_Application_NewSerializer(&g_app, 0, (MI_Char *)"JSON", &s),
                     MI_RESULT_NOT_SUPPORTED);
    assert_int_equal(MI_Application_NewSerializer(&g_app, 0, NULL, &s),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Application_NewSerializer(&g_app, 0, (MI_Char *)FMT_XML, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Application_NewSerializer(&bad, 0, (MI_Char *)FMT_XML, &s),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Application_NewDeserializer(&g_app, 2, (MI_Char *)FMT_MOF, &d),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Application_NewDeserializer(&g_app, 0, (MI_Char *)"MI_MOF", &d),
                     MI_RESULT_NOT_SUPPORTED);
    assert_int_equal(MI_Application_NewDeserializer(&g_app, 0, (MI_Char *)FMT_XML, &d),
                     MI_RESULT_OK);
    assert_int_equal(MI_Deserializer_Close(&d), MI_RESULT_OK);

    s = new_ser(FMT_MOF);
    MI_Serializer copy = s;
    MI_Instance *i = new_emb("x", 1);
    MI_Uint32 need = 7;
    assert_int_equal(MI_Serializer_Close(&s), MI_RESULT_OK);
    assert_int_equal(MI_Serializer_Close(&s), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Serializer_SerializeInstance(&copy, 0, i, NULL, 0, &need),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(need, 0);
    /* A forged handle: right magic, address of something that is not a serializer. */
    MI_Serializer forged = copy;
    forged.reserved2 = (ptrdiff_t)&need;
    assert_int_equal(MI_Serializer_SerializeInstance(&forged, 0, i, NULL, 0, &need),
                     MI_RESULT_INVALID_PARAMETER);
    /* A serializer handle is not a deserializer handle. */
    s = new_ser(FMT_MOF);
    MI_Deserializer wrong;
    wrong.reserved1 = s.reserved1;
    wrong.reserved2 = s.reserved2;
    assert_int_equal(MI_Deserializer_Close(&wrong), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Serializer_Close(&s), MI_RESULT_OK);
    MI_Instance_Delete(i);
}

/* ---------------------------------------------------------------- buffer protocol */

static void test_buffer_protocol(void **state)
{
    (void)state;
    MI_Serializer s = new_ser(FMT_XML);
    MI_Instance *i = new_emb("abc", 5);
    MI_Uint32 need = 0, used = 0, len = 0;
    char *text = serialize(&s, 0, i, NULL, &len);
    char small[512];

    assert_true(len < sizeof small);
    /* too small: FAILED, the size still reported, nothing written */
    memset(small, '#', sizeof small);
    assert_int_equal(MI_Serializer_SerializeInstance(&s, 0, i, (MI_Uint8 *)small, len - 1,
                                                     &need),
                     MI_RESULT_FAILED);
    assert_int_equal(need, len);
    assert_int_equal(small[0], '#');
    /* larger than needed: bytes written */
    assert_int_equal(MI_Serializer_SerializeInstance(&s, 0, i, (MI_Uint8 *)small, sizeof small,
                                                     &used),
                     MI_RESULT_OK);
    assert_int_equal(used, len);
    assert_memory_equal(small, text, len);
    assert_int_equal(small[len], '#');
    /* bad arguments */
    assert_int_equal(MI_Serializer_SerializeInstance(&s, 0, i, NULL, 10, &need),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Serializer_SerializeInstance(&s, 0, i, NULL, 0, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Serializer_SerializeInstance(&s, 0, NULL, NULL, 0, &need),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Serializer_SerializeInstance(&s, 2, i, NULL, 0, &need),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Serializer_SerializeClass(&s, 2, cls_emb, NULL, 0, &need),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Serializer_SerializeClass(&s, 0, NULL, NULL, 0, &need),
                     MI_RESULT_INVALID_PARAMETER);
    /* class: same protocol */
    assert_int_equal(MI_Serializer_SerializeClass(&s, 0, cls_emb, NULL, 0, &need), MI_RESULT_OK);
    MI_Uint32 cneed = need;
    assert_int_equal(MI_Serializer_SerializeClass(&s, 0, cls_emb, (MI_Uint8 *)small, cneed - 1,
                                                  &need),
                     MI_RESULT_FAILED);
    assert_int_equal(need, cneed);
    assert_int_equal(MI_Serializer_SerializeClass(&s, 0, cls_emb, (MI_Uint8 *)small, cneed,
                                                  &need),
                     MI_RESULT_OK);
    assert_int_equal(need, cneed);
    test_free(text);
    MI_Instance_Delete(i);
    MI_Serializer_Close(&s);
}

/* ---------------------------------------------------------------- XML, exact */

static void test_xml_exact_instance(void **state)
{
    (void)state;
    MI_Serializer s = new_ser(FMT_XML);
    MI_Instance *i = new_emb("a<b&\"c\"\r", 42);
    MI_Uint32 len;
    char *text = serialize(&s, 0, i, NULL, &len);
    /* DSP0201: INSTANCE CLASSNAME, PROPERTY NAME TYPE with VALUE; & and < escaped in
     * text, CR as a character reference (an XML parser would turn it into LF). */
    assert_string_equal(text, "<INSTANCE CLASSNAME=\"Test_Emb\">"
                              "<PROPERTY NAME=\"S\" TYPE=\"string\">"
                              "<VALUE>a&lt;b&amp;\"c\"&#13;</VALUE></PROPERTY>"
                              "<PROPERTY NAME=\"N\" TYPE=\"uint32\"><VALUE>42</VALUE></PROPERTY>"
                              "</INSTANCE>");
    assert_int_equal(len, strlen(text));
    test_free(text);

    /* a NULL property keeps its element, without VALUE */
    MI_Instance *n = new_inst(cls_emb);
    text = serialize(&s, 0, n, NULL, &len);
    assert_string_equal(text, "<INSTANCE CLASSNAME=\"Test_Emb\">"
                              "<PROPERTY NAME=\"S\" TYPE=\"string\"></PROPERTY>"
                              "<PROPERTY NAME=\"N\" TYPE=\"uint32\"></PROPERTY>"
                              "</INSTANCE>");
    test_free(text);
    MI_Instance_Delete(n);
    MI_Instance_Delete(i);
    MI_Serializer_Close(&s);
}

static void test_xml_exact_class(void **state)
{
    (void)state;
    MI_Serializer s = new_ser(FMT_XML);
    MI_Uint32 len;
    char *text = serialize(&s, 0, NULL, cls_small, &len);
    /* DSP0201 3.5: CLASS NAME SUPERCLASS; inherited Id with CLASSORIGIN and
     * PROPAGATED; Key is DisableOverride (OVERRIDABLE="false"), Description is
     * Translatable; the default as VALUE after the qualifiers; a REF property as
     * PROPERTY.REFERENCE with REFERENCECLASS; METHOD with its return TYPE and a
     * PARAMETER carrying its In qualifier. */
    const char *want =
        "<CLASS NAME=\"Test_Small\" SUPERCLASS=\"Test_Base\">"
        "<PROPERTY NAME=\"Id\" TYPE=\"string\" CLASSORIGIN=\"Test_Base\" PROPAGATED=\"true\">"
        "<QUALIFIER NAME=\"Key\" TYPE=\"boolean\" OVERRIDABLE=\"false\"><VALUE>TRUE</VALUE>"
        "</QUALIFIER></PROPERTY>"
        "<PROPERTY NAME=\"F\" TYPE=\"boolean\" CLASSORIGIN=\"Test_Small\">"
        "<QUALIFIER NAME=\"Description\" TYPE=\"string\" TRANSLATABLE=\"true\">"
        "<VALUE>d</VALUE></QUALIFIER><VALUE>TRUE</VALUE></PROPERTY>"
        "<PROPERTY.REFERENCE NAME=\"P\" REFERENCECLASS=\"Test_Base\" CLASSORIGIN=\"Test_Small\">"
        "</PROPERTY.REFERENCE>"
        "<METHOD NAME=\"Go\" TYPE=\"uint32\" CLASSORIGIN=\"Test_Small\">"
        "<PARAMETER NAME=\"X\" TYPE=\"uint32\">"
        "<QUALIFIER NAME=\"In\" TYPE=\"boolean\" OVERRIDABLE=\"false\"><VALUE>TRUE</VALUE>"
        "</QUALIFIER></PARAMETER></METHOD>"
        "</CLASS>";
    assert_string_equal(text, want);
    test_free(text);

    /* CLASS_DEEP: the ancestor first */
    text = serialize(&s, MI_SERIALIZER_FLAGS_CLASS_DEEP, NULL, cls_small, &len);
    const char *base = "<CLASS NAME=\"Test_Base\">"
                       "<PROPERTY NAME=\"Id\" TYPE=\"string\" CLASSORIGIN=\"Test_Base\">"
                       "<QUALIFIER NAME=\"Key\" TYPE=\"boolean\" OVERRIDABLE=\"false\">"
                       "<VALUE>TRUE</VALUE></QUALIFIER></PROPERTY></CLASS>";
    assert_int_equal(strncmp(text, base, strlen(base)), 0);
    assert_string_equal(text + strlen(base), want);
    test_free(text);
    MI_Serializer_Close(&s);
}

static void test_xml_values(void **state)
{
    (void)state;
    MI_Serializer s = new_ser(FMT_XML);
    MI_Instance *i = new_all();
    MI_Real64 inf = INFINITY, nan_ = NAN;
    MI_Real32 minf = -INFINITY;
    MI_Uint32 len;

    set(i, "R64", MI_REAL64, &inf);
    set(i, "R32", MI_REAL32, &minf);
    MI_Real64 ra[] = {nan_, 0.5};
    MI_Array a = {ra, 2};
    set(i, "R64A", MI_REAL64A, &a);
    char *text = serialize(&s, 0, i, NULL, &len);
#define HAS(x)                                                                            \
    do {                                                                                  \
        if (strstr(text, (x)) == NULL)                                                    \
            fail_msg("missing %s in %s", (x), text);                                      \
    } while (0)
    HAS("<INSTANCE CLASSNAME=\"Test_All\">");
    HAS("<PROPERTY NAME=\"B\" TYPE=\"boolean\"><VALUE>TRUE</VALUE></PROPERTY>");
    HAS("<PROPERTY NAME=\"U64\" TYPE=\"uint64\"><VALUE>18446744073709551615</VALUE>");
    HAS("<PROPERTY NAME=\"S64\" TYPE=\"sint64\"><VALUE>-9223372036854775808</VALUE>");
    HAS("<PROPERTY NAME=\"S8\" TYPE=\"sint8\"><VALUE>-128</VALUE>");
    HAS("<PROPERTY NAME=\"R64\" TYPE=\"real64\"><VALUE>INF</VALUE>");
    HAS("<PROPERTY NAME=\"R32\" TYPE=\"real32\"><VALUE>-INF</VALUE>");
    HAS("<PROPERTY.ARRAY NAME=\"R64A\" TYPE=\"real64\"><VALUE.ARRAY><VALUE>NaN</VALUE>"
        "<VALUE>0.5</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>");
    HAS("<PROPERTY NAME=\"C\" TYPE=\"char16\"><VALUE>\xc3\xa9</VALUE>");
    HAS("<PROPERTY NAME=\"T\" TYPE=\"datetime\"><VALUE>20240229235958.123456-300</VALUE>");
    HAS("<PROPERTY NAME=\"I\" TYPE=\"datetime\"><VALUE>12345678010203.000004:000</VALUE>");
    HAS("<VALUE>line1\nline2\t\"q\" \\ &lt;&amp;&gt; \xc3\xa9\xe2\x82\xac</VALUE>");
    HAS("<PROPERTY.ARRAY NAME=\"BA\" TYPE=\"boolean\"><VALUE.ARRAY><VALUE>TRUE</VALUE>"
        "<VALUE>FALSE</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>");
    HAS("<PROPERTY.ARRAY NAME=\"SA\" TYPE=\"string\"><VALUE.ARRAY><VALUE>x</VALUE>"
        "<VALUE></VALUE><VALUE>y,z</VALUE></VALUE.ARRAY>");
    HAS("<PROPERTY.REFERENCE NAME=\"R\" REFERENCECLASS=\"Test_Base\"><VALUE.REFERENCE>"
        "<INSTANCENAME CLASSNAME=\"Test_Base\"><KEYBINDING NAME=\"Id\">"
        "<KEYVALUE VALUETYPE=\"string\" TYPE=\"string\">target</KEYVALUE></KEYBINDING>"
        "</INSTANCENAME></VALUE.REFERENCE></PROPERTY.REFERENCE>");
    /* DSP0201 3.4: TYPE string, EmbeddedObject="instance", the INSTANCE escaped */
    HAS("<PROPERTY NAME=\"E\" TYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>"
        "&lt;INSTANCE CLASSNAME=\"Test_Emb\"&gt;&lt;PROPERTY NAME=\"S\" TYPE=\"string\"&gt;"
        "&lt;VALUE&gt;one&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;PROPERTY NAME=\"N\" "
        "TYPE=\"uint32\"&gt;&lt;VALUE&gt;1&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;"
        "</VALUE></PROPERTY>");
    HAS("<PROPERTY.ARRAY NAME=\"EA\" TYPE=\"string\" EmbeddedObject=\"instance\">"
        "<VALUE.ARRAY><VALUE>&lt;INSTANCE CLASSNAME=\"Test_Emb\"&gt;");
    HAS("<PROPERTY NAME=\"NullS\" TYPE=\"string\"></PROPERTY>");
    HAS("<PROPERTY.ARRAY NAME=\"NullA\" TYPE=\"uint32\"></PROPERTY.ARRAY>");
    test_free(text);

    /* INSTANCE_WITH_CLASS: the class chain, then the instance */
    text = serialize(&s, MI_SERIALIZER_FLAGS_INSTANCE_WITH_CLASS, i, NULL, &len);
    assert_int_equal(strncmp(text, "<CLASS NAME=\"Test_Base\">", 24), 0);
    char *all = strstr(text, "<CLASS NAME=\"Test_All\" SUPERCLASS=\"Test_Base\">");
    char *inst = strstr(text, "<INSTANCE CLASSNAME=\"Test_All\">");
    assert_non_null(all);
    assert_non_null(inst);
    assert_true(all < inst);
    HAS("<QUALIFIER NAME=\"ValueMap\" TYPE=\"string\"><VALUE.ARRAY><VALUE>1</VALUE>"
        "<VALUE>2</VALUE></VALUE.ARRAY></QUALIFIER>");
    HAS("<QUALIFIER NAME=\"Description\" TYPE=\"string\" TRANSLATABLE=\"true\">"
        "<VALUE>a &amp; &lt;b&gt; \"c\"</VALUE></QUALIFIER>");
    HAS("<PARAMETER.REFERENCE NAME=\"C\" REFERENCECLASS=\"Test_Base\">");
    HAS("<PARAMETER NAME=\"B\" TYPE=\"string\"><QUALIFIER NAME=\"Out\"");
    test_free(text);

    /* a control character cannot be written in XML 1.0 */
    set_str(i, "S", "bell\a");
    MI_Uint32 need = 0;
    assert_int_equal(MI_Serializer_SerializeInstance(&s, 0, i, NULL, 0, &need),
                     MI_RESULT_INVALID_PARAMETER);
    MI_Instance_Delete(i);
    MI_Serializer_Close(&s);
#undef HAS
}

/* A dynamic instance (no class): its elements as they are, reference arrays as the
 * PROPERTY.REFARRAY extension, a reference in the holder's namespace as INSTANCENAME,
 * one to another namespace as LOCALINSTANCEPATH and one with a host as
 * INSTANCEPATH. */
static void test_xml_dynamic(void **state)
{
    (void)state;
    MI_Serializer s = new_ser(FMT_XML);
    MI_Instance *dyn = NULL, *r1 = new_base_ref("a"), *r2 = new_base_ref("b");
    MI_Value v;
    MI_Uint32 len;

    assert_int_equal(MI_Instance_SetNameSpace(r2, "root/other"), MI_RESULT_OK);
    assert_int_equal(MI_Application_NewInstance(&g_app, "Dyn_X", NULL, &dyn), MI_RESULT_OK);
    /* r1 is in the holder's namespace (INSTANCENAME), r2 is not */
    assert_int_equal(MI_Instance_SetNameSpace(dyn, NS), MI_RESULT_OK);
    v.uint16 = 7;
    assert_int_equal(MI_Instance_AddElement(dyn, "N", &v, MI_UINT16, MI_FLAG_KEY), MI_RESULT_OK);
    assert_int_equal(MI_Instance_AddElement(dyn, "Gone", NULL, MI_STRING, MI_FLAG_NULL),
                     MI_RESULT_OK);
    MI_Instance *refs[] = {r1, r2};
    v.referencea.data = refs;
    v.referencea.size = 2;
    assert_int_equal(MI_Instance_AddElement(dyn, "RA", &v, MI_REFERENCEA, 0), MI_RESULT_OK);
    char *text = serialize(&s, 0, dyn, NULL, &len);
    const char *kb = "<KEYBINDING NAME=\"Id\"><KEYVALUE VALUETYPE=\"string\" TYPE=\"string\">";
    char want[2048];
    snprintf(want, sizeof want,
             "<INSTANCE CLASSNAME=\"Dyn_X\">"
             "<PROPERTY NAME=\"N\" TYPE=\"uint16\"><VALUE>7</VALUE></PROPERTY>"
             "<PROPERTY NAME=\"Gone\" TYPE=\"string\"></PROPERTY>"
             "<PROPERTY.REFARRAY NAME=\"RA\"><VALUE.REFARRAY>"
             "<VALUE.REFERENCE><INSTANCENAME CLASSNAME=\"Test_Base\">%sa</KEYVALUE>"
             "</KEYBINDING></INSTANCENAME></VALUE.REFERENCE>"
             "<VALUE.REFERENCE><LOCALINSTANCEPATH><LOCALNAMESPACEPATH>"
             "<NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"other\"/></LOCALNAMESPACEPATH>"
             "<INSTANCENAME CLASSNAME=\"Test_Base\">%sb</KEYVALUE></KEYBINDING>"
             "</INSTANCENAME></LOCALINSTANCEPATH></VALUE.REFERENCE>"
             "</VALUE.REFARRAY></PROPERTY.REFARRAY></INSTANCE>",
             kb, kb);
    assert_string_equal(text, want);
    test_free(text);

    assert_int_equal(MI_Instance_SetServerName(r1, "host1"), MI_RESULT_OK);
    assert_int_equal(MI_Instance_SetNameSpace(r1, "root/cimv2"), MI_RESULT_OK);
    v.reference = r1;
    assert_int_equal(MI_Instance_AddElement(dyn, "R", &v, MI_REFERENCE, 0), MI_RESULT_OK);
    text = serialize(&s, 0, dyn, NULL, &len);
    assert_non_null(strstr(text, "<PROPERTY.REFERENCE NAME=\"R\"><VALUE.REFERENCE><INSTANCEPATH>"
                                 "<NAMESPACEPATH><HOST>host1</HOST><LOCALNAMESPACEPATH>"
                                 "<NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"cimv2\"/>"
                                 "</LOCALNAMESPACEPATH></NAMESPACEPATH><INSTANCENAME "
                                 "CLASSNAME=\"Test_Base\">"));
    test_free(text);
    MI_Instance_Delete(r1);
    MI_Instance_Delete(r2);
    MI_Instance_Delete(dyn);
    MI_Serializer_Close(&s);
}

/* ---------------------------------------------------------------- MOF round trips */

typedef struct needed_log {
    char names[8][64];
    int n;
    MI_Class *supply, *supply2;
} needed_log;

static MI_Result MI_CALL on_needed(void *ctx, const MI_Char *server, const MI_Char *ns,
                                   const MI_Char *className, MI_Class **out)
{
    needed_log *log = ctx;
    (void)server;
    (void)ns;
    if (log->n < 8)
        snprintf(log->names[log->n++], 64, "%s", className);
    *out = NULL;
    if (log->supply != NULL && strcmp(className, log->supply->classDecl->name) == 0) {
        *out = log->supply;
        return MI_RESULT_OK;
    }
    if (log->supply2 != NULL && strcmp(className, log->supply2->classDecl->name) == 0) {
        *out = log->supply2;
        return MI_RESULT_OK;
    }
    return MI_RESULT_NOT_FOUND;
}

static void test_mof_instance_roundtrip(void **state)
{
    (void)state;
    MI_Serializer s = new_ser(FMT_MOF);
    MI_Deserializer d = new_des(FMT_MOF);
    MI_Instance *i = new_all();
    MI_Instance *got = NULL, *err = NULL;
    MI_Uint32 len, read = 0;
    MI_Class *classes[] = {cls_all, cls_emb};
    char *text = serialize(&s, 0, i, NULL, &len);

    assert_non_null(strstr(text, "instance of Test_All"));
    MI_Result r = MI_Deserializer_DeserializeInstance(&d, 0, (MI_Uint8 *)text, len, classes, 2,
                                                      NULL, NULL, &read, &got, &err);
    if (r != MI_RESULT_OK) {
        MI_Value m;
        if (err && MI_Instance_GetElement(err, "Message", &m, NULL, NULL, NULL) == MI_RESULT_OK)
            fail_msg("deserialize: %d %s\n%s", r, m.string, text);
        fail_msg("deserialize: %d", r);
    }
    assert_null(err);
    assert_int_equal(read, len);
    assert_same_instance(i, got);

    /* a few values checked against the literals, not against the original */
    MI_Value v;
    get(got, "U64", MI_UINT64, &v);
    assert_true(v.uint64 == UINT64_MAX);
    get(got, "S64", MI_SINT64, &v);
    assert_true(v.sint64 == INT64_MIN);
    get(got, "R32", MI_REAL32, &v);
    assert_true(v.real32 == 0.1f);
    get(got, "S", MI_STRING, &v);
    assert_string_equal(v.string, "line1\nline2\t\"q\" \\ <&> \xc3\xa9\xe2\x82\xac");
    get(got, "I", MI_DATETIME, &v);
    assert_false(v.datetime.isTimestamp);
    assert_int_equal(v.datetime.u.interval.days, 12345678);
    assert_int_equal(v.datetime.u.interval.microseconds, 4);
    get(got, "T", MI_DATETIME, &v);
    assert_true(v.datetime.isTimestamp);
    assert_int_equal(v.datetime.u.timestamp.utc, -300);
    get(got, "R", MI_REFERENCE, &v);
    assert_string_equal(v.reference->classDecl->name, "Test_Base");
    MI_Value k;
    get(v.reference, "Id", MI_STRING, &k);
    assert_string_equal(k.string, "target");
    get(got, "E", MI_INSTANCE, &v);
    get(v.instance, "S", MI_STRING, &k);
    assert_string_equal(k.string, "one");
    get(got, "EA", MI_INSTANCEA, &v);
    assert_int_equal(v.instancea.size, 2);
    get(v.instancea.data[1], "N", MI_UINT32, &k);
    assert_int_equal(k.uint32, 2);
    get(got, "C", MI_CHAR16, &v);
    assert_int_equal(v.char16, 0xe9);

    /* the result is independent of the classes given and of the deserializer */
    MI_Deserializer_Close(&d);
    MI_Instance *copy = NULL;
    assert_int_equal(MI_Instance_Clone(got, &copy), MI_RESULT_OK);
    MI_Instance_Delete(got);
    assert_same_instance(i, copy);
    MI_Instance_Delete(copy);
    test_free(text);

    /* the class name without compiling */
    d = new_des(FMT_MOF);
    text = serialize(&s, 0, i, NULL, &len);
    MI_Char name[64];
    MI_Uint32 nlen = 0;
    assert_int_equal(MI_Deserializer_Instance_GetClassName(&d, (MI_Uint8 *)text, len, NULL,
                                                           &nlen, NULL),
                     MI_RESULT_OK);
    assert_int_equal(nlen, strlen("Test_All") + 1);
    nlen = 3;
    assert_int_equal(MI_Deserializer_Instance_GetClassName(&d, (MI_Uint8 *)text, len, name,
                                                           &nlen, NULL),
                     MI_RESULT_FAILED);
    assert_int_equal(nlen, 9);
    nlen = sizeof name;
    assert_int_equal(MI_Deserializer_Instance_GetClassName(&d, (MI_Uint8 *)text, len, name,
                                                           &nlen, NULL),
                     MI_RESULT_OK);
    assert_string_equal(name, "Test_All");
    test_free(text);
    MI_Deserializer_Close(&d);

    /* NaN has no MOF literal */
    MI_Real64 nan_ = NAN;
    set(i, "R64", MI_REAL64, &nan_);
    MI_Uint32 need = 0;
    assert_int_equal(MI_Serializer_SerializeInstance(&s, 0, i, NULL, 0, &need),
                     MI_RESULT_INVALID_PARAMETER);
    MI_Instance_Delete(i);
    MI_Serializer_Close(&s);
}

static void test_mof_with_class_and_callback(void **state)
{
    (void)state;
    MI_Serializer s = new_ser(FMT_MOF);
    MI_Deserializer d = new_des(FMT_MOF);
    MI_Instance *i = new_all();
    MI_Instance *got = NULL, *err = NULL;
    MI_Uint32 len, read = 0;
    needed_log log;
    char *text = serialize(&s, MI_SERIALIZER_FLAGS_INSTANCE_WITH_CLASS, i, NULL, &len);

    /* self-contained except for the embedded instances' class, which the callback
     * supplies: it is asked for that one name only (Test_Base and Test_All are in the
     * buffer). */
    assert_non_null(strstr(text, "class Test_Base"));
    assert_non_null(strstr(text, "class Test_All : Test_Base"));
    assert_non_null(strstr(text, "Qualifier ValueMap"));
    memset(&log, 0, sizeof log);
    log.supply = cls_emb;
    MI_Result r = MI_Deserializer_DeserializeInstance(&d, 0, (MI_Uint8 *)text, len, NULL, 0,
                                                      on_needed, &log, &read, &got, &err);
    if (r != MI_RESULT_OK) {
        MI_Value m;
        if (err && MI_Instance_GetElement(err, "Message", &m, NULL, NULL, NULL) == MI_RESULT_OK)
            fail_msg("deserialize: %d %s", r, m.string);
        fail_msg("deserialize: %d", r);
    }
    if (log.n != 1)
        fail_msg("asked for %d classes: %s, %s", log.n, log.names[0], log.names[1]);
    assert_string_equal(log.names[0], "Test_Emb");
    assert_same_instance(i, got);
    {
        /* the same buffer with its classes also given */
        MI_Instance *got2 = NULL;
        MI_Class *classes2[] = {cls_all, cls_emb};
        r = MI_Deserializer_DeserializeInstance(&d, 0, (MI_Uint8 *)text, len, classes2, 2,
                                                NULL, NULL, &read, &got2, &err);
        assert_int_equal(r, MI_RESULT_OK);
        assert_same_instance(i, got2);
        MI_Instance_Delete(got2);
    }
    /* the class travelled with the instance: its qualifiers too */
    MI_Class *gc = NULL;
    assert_int_equal(MI_Instance_GetClass(got, &gc), MI_RESULT_OK);
    MI_Value qv;
    MI_Type qt;
    MI_Uint32 qf;
    MI_QualifierSet qs;
    assert_int_equal(MI_Class_GetElement(gc, "Q", NULL, NULL, NULL, NULL, &qs, NULL, NULL),
                     MI_RESULT_OK);
    assert_int_equal(MI_QualifierSet_GetQualifier(&qs, "Units", &qt, &qf, &qv, NULL),
                     MI_RESULT_OK);
    assert_string_equal(qv.string, "bytes");
    MI_Class_Delete(gc);
    MI_Instance_Delete(got);
    got = NULL;

    /* without the callback the embedded class is unknown: the compiler's error */
    r = MI_Deserializer_DeserializeInstance(&d, 0, (MI_Uint8 *)text, len, NULL, 0, NULL, NULL,
                                            &read, &got, &err);
    assert_int_not_equal(r, MI_RESULT_OK);
    assert_null(got);
    assert_non_null(err);
    MI_Value m;
    assert_int_equal(MI_Instance_GetElement(err, "Message", &m, NULL, NULL, NULL), MI_RESULT_OK);
    assert_non_null(strstr(m.string, "Test_Emb"));
    assert_non_null(strstr(m.string, "<buffer>:"));
    MI_Instance_Delete(err);
    err = NULL;
    test_free(text);

    /* flags 0: nothing but the instance; the callback is asked for Test_All then
     * Test_Emb (order of first use; the reference is a path string that names no class
     * to the compiler) and declines both */
    text = serialize(&s, 0, i, NULL, &len);
    memset(&log, 0, sizeof log);
    r = MI_Deserializer_DeserializeInstance(&d, 0, (MI_Uint8 *)text, len, NULL, 0, on_needed,
                                            &log, &read, &got, &err);
    assert_int_equal(r, MI_RESULT_INVALID_CLASS);
    assert_null(got);
    assert_int_equal(log.n, 2);
    assert_string_equal(log.names[0], "Test_All");
    assert_string_equal(log.names[1], "Test_Emb");
    MI_Instance_Delete(err);
    err = NULL;
    /* now supplied: Test_All brings its superclass along */
    memset(&log, 0, sizeof log);
    log.supply = cls_all;
    log.supply2 = cls_emb;
    r = MI_Deserializer_DeserializeInstance(&d, 0, (MI_Uint8 *)text, len, NULL, 0, on_needed,
                                            &log, &read, &got, &err);
    assert_int_equal(r, MI_RESULT_OK);
    assert_int_equal(log.n, 2);
    assert_same_instance(i, got);
    MI_Instance_Delete(got);
    MI_Instance_Delete(err);
    test_free(text);
    MI_Instance_Delete(i);
    MI_Serializer_Close(&s);
    MI_Deserializer_Close(&d);
}

static void assert_same_qualifiers(MI_Qualifier MI_CONST *MI_CONST *a, MI_Uint32 na,
                                   MI_Qualifier MI_CONST *MI_CONST *b, MI_Uint32 nb,
                                   const char *where)
{
    if (na != nb)
        fail_msg("%s: %u qualifiers, %u back", where, na, nb);
    for (MI_Uint32 i = 0; i < na; i++) {
        assert_string_equal(a[i]->name, b[i]->name);
        assert_int_equal(a[i]->type, b[i]->type);
        if ((a[i]->flavor & ~MI_FLAG_TOINSTANCE) != (b[i]->flavor & ~MI_FLAG_TOINSTANCE))
            fail_msg("%s: qualifier %s flavor %x, %x back", where, a[i]->name, a[i]->flavor,
                     b[i]->flavor);
        assert_true((a[i]->value == NULL) == (b[i]->value == NULL));
        if (a[i]->value)
            assert_true(mi_value_equal((MI_Type)a[i]->type, a[i]->value, b[i]->value));
    }
}

static void assert_same_class(const MI_ClassDecl *a, const MI_ClassDecl *b)
{
    assert_string_equal(a->name, b->name);
    assert_true((a->superClass == NULL) == (b->superClass == NULL));
    if (a->superClass)
        assert_string_equal(a->superClass, b->superClass);
    assert_int_equal(a->flags, b->flags);
    assert_same_qualifiers(a->qualifiers, a->numQualifiers, b->qualifiers, b->numQualifiers,
                           a->name);
    assert_int_equal(a->numProperties, b->numProperties);
    for (MI_Uint32 i = 0; i < a->numProperties; i++) {
        const MI_PropertyDecl *p = a->properties[i], *q = b->properties[i];
        assert_string_equal(p->name, q->name);
        assert_int_equal(p->type, q->type);
        assert_int_equal(p->flags, q->flags);
        assert_true((p->className == NULL) == (q->className == NULL));
        if (p->className)
            assert_string_equal(p->className, q->className);
        assert_string_equal(p->origin, q->origin);
        assert_true((p->value == NULL) == (q->value == NULL));
        if (p->value)
            assert_true(mi_value_equal((MI_Type)p->type, p->value, q->value));
        assert_same_qualifiers(p->qualifiers, p->numQualifiers, q->qualifiers, q->numQualifiers,
                               p->name);
    }
    assert_int_equal(a->numMethods, b->numMethods);
    for (MI_Uint32 i = 0; i < a->numMethods; i++) {
        const MI_MethodDecl *m = a->methods[i], *n = b->methods[i];
        assert_string_equal(m->name, n->name);
        assert_int_equal(m->numParameters, n->numParameters);
        assert_int_equal(m->returnType, n->returnType);
        for (MI_Uint32 k = 0; k < m->numParameters; k++) {
            assert_string_equal(m->parameters[k]->name, n->parameters[k]->name);
            assert_int_equal(m->parameters[k]->type, n->parameters[k]->type);
            assert_int_equal(m->parameters[k]->flags, n->parameters[k]->flags);
            assert_same_qualifiers(m->parameters[k]->qualifiers, m->parameters[k]->numQualifiers,
                                   n->parameters[k]->qualifiers, n->parameters[k]->numQualifiers,
                                   m->parameters[k]->name);
        }
    }
}

static void test_mof_class_roundtrip(void **state)
{
    (void)state;
    MI_Serializer s = new_ser(FMT_MOF);
    MI_Deserializer d = new_des(FMT_MOF);
    MI_Class *got = NULL;
    MI_Instance *err = NULL;
    MI_Uint32 len, read = 0;
    needed_log log;

    /* deep: self-contained; the most derived class comes back */
    char *text = serialize(&s, MI_SERIALIZER_FLAGS_CLASS_DEEP, NULL, cls_all, &len);
    assert_true(strstr(text, "class Test_Base") < strstr(text, "class Test_All"));
    memset(&log, 0, sizeof log);
    MI_Result r = MI_Deserializer_DeserializeClass(&d, 0, (MI_Uint8 *)text, len, NULL, NULL,
                                                   NULL, NULL, NULL, &read, &got, &err);
    /* Test_Emb is named only by EmbeddedInstance("Test_Emb"): without it the compiler
     * refuses the class */
    assert_int_equal(r, MI_RESULT_INVALID_CLASS);
    assert_null(got);
    MI_Instance_Delete(err);
    err = NULL;
    log.supply = cls_emb;
    r = MI_Deserializer_DeserializeClass(&d, 0, (MI_Uint8 *)text, len, NULL, NULL, NULL,
                                         on_needed, &log, &read, &got, &err);
    if (r != MI_RESULT_OK) {
        MI_Value m;
        if (err && MI_Instance_GetElement(err, "Message", &m, NULL, NULL, NULL) == MI_RESULT_OK)
            fail_msg("deserialize: %d %s\n%s", r, m.string, text);
        fail_msg("deserialize: %d", r);
    }
    assert_int_equal(read, len);
    assert_int_equal(log.n, 1);
    assert_string_equal(log.names[0], "Test_Emb");
    assert_same_class(cls_all->classDecl, got->classDecl);
    assert_same_class(cls_base->classDecl, got->classDecl->superClassDecl);

    MI_Char name[64];
    MI_Uint32 nlen = sizeof name;
    assert_int_equal(MI_Deserializer_Class_GetClassName(&d, (MI_Uint8 *)text, len, name, &nlen,
                                                        NULL),
                     MI_RESULT_OK);
    assert_string_equal(name, "Test_All");
    nlen = sizeof name;
    assert_int_equal(MI_Deserializer_Class_GetParentClassName(&d, (MI_Uint8 *)text, len, name,
                                                              &nlen, NULL),
                     MI_RESULT_OK);
    assert_string_equal(name, "Test_Base");
    MI_Class_Delete(got);
    got = NULL;
    test_free(text);

    /* not deep: needs its parent, given as parentClass */
    text = serialize(&s, 0, NULL, cls_small, &len);
    assert_null(strstr(text, "class Test_Base"));
    r = MI_Deserializer_DeserializeClass(&d, 0, (MI_Uint8 *)text, len, cls_base, NULL, NULL,
                                         NULL, NULL, &read, &got, &err);
    assert_int_equal(r, MI_RESULT_OK);
    assert_same_class(cls_small->classDecl, got->classDecl);
    MI_Class_Delete(got);
    got = NULL;
    /* ... or from the callback */
    memset(&log, 0, sizeof log);
    log.supply = cls_base;
    r = MI_Deserializer_DeserializeClass(&d, 0, (MI_Uint8 *)text, len, NULL, NULL, NULL,
                                         on_needed, &log, &read, &got, &err);
    assert_int_equal(r, MI_RESULT_OK);
    assert_int_equal(log.n, 1);
    assert_string_equal(log.names[0], "Test_Base");
    assert_same_class(cls_small->classDecl, got->classDecl);
    MI_Class_Delete(got);
    got = NULL;
    /* ... else the compiler's error */
    r = MI_Deserializer_DeserializeClass(&d, 0, (MI_Uint8 *)text, len, NULL, NULL, NULL, NULL,
                                         NULL, &read, &got, &err);
    assert_int_equal(r, MI_RESULT_INVALID_SUPERCLASS);
    assert_null(got);
    assert_non_null(err);
    MI_Instance_Delete(err);
    err = NULL;
    test_free(text);

    /* an override: its own default and qualifiers */
    text = serialize(&s, 0, NULL, cls_over, &len);
    r = MI_Deserializer_DeserializeClass(&d, 0, (MI_Uint8 *)text, len, cls_small, NULL, NULL,
                                         NULL, NULL, &read, &got, &err);
    assert_int_equal(r, MI_RESULT_OK);
    assert_same_class(cls_over->classDecl, got->classDecl);
    MI_Class_Delete(got);
    got = NULL;
    test_free(text);
    MI_Serializer_Close(&s);
    MI_Deserializer_Close(&d);
}

/* ---------------------------------------------------------------- bad input */

static void expect_des_error(MI_Deserializer *d, const char *text, size_t len, MI_Result want)
{
    MI_Instance *got = (MI_Instance *)1, *err = NULL;
    MI_Uint32 read = 99;
    MI_Class *classes[] = {cls_all, cls_emb};
    MI_Result r = MI_Deserializer_DeserializeInstance(d, 0, (MI_Uint8 *)text, (MI_Uint32)len,
                                                      classes, 2, NULL, NULL, &read, &got, &err);
    if (want != MI_RESULT_OK)
        assert_int_equal(r, want);
    else
        assert_int_not_equal(r, MI_RESULT_OK);
    assert_null(got);
    assert_int_equal(read, 0);
    assert_non_null(err);
    MI_Instance_Delete(err);
}

static void test_bad_input(void **state)
{
    (void)state;
    MI_Serializer s = new_ser(FMT_MOF);
    MI_Deserializer d = new_des(FMT_MOF);
    MI_Instance *i = new_all();
    MI_Uint32 len;
    char *text = serialize(&s, 0, i, NULL, &len);

    /* truncated at several points: an error, never a crash */
    for (MI_Uint32 cut = 1; cut < len; cut += len / 23 + 1)
        expect_des_error(&d, text, cut, MI_RESULT_OK);
    expect_des_error(&d, "instance of Test_All { U8 = 300; };", 35, MI_RESULT_TYPE_MISMATCH);
    expect_des_error(&d, "instance of Test_All { Nope = 1; };", 35, MI_RESULT_NO_SUCH_PROPERTY);
    expect_des_error(&d, "instance of { };", 16, MI_RESULT_INVALID_PARAMETER);
    expect_des_error(&d, "class Only { };", 15, MI_RESULT_INVALID_PARAMETER); /* no instance */
    expect_des_error(&d, "x", 0, MI_RESULT_INVALID_PARAMETER);
    /* NULL arguments */
    MI_Instance *got = NULL, *err = NULL;
    MI_Uint32 read;
    assert_int_equal(MI_Deserializer_DeserializeInstance(&d, 0, NULL, 5, NULL, 0, NULL, NULL,
                                                         &read, &got, &err),
                     MI_RESULT_INVALID_PARAMETER);
    MI_Instance_Delete(err);
    assert_int_equal(MI_Deserializer_DeserializeInstance(&d, 1, (MI_Uint8 *)text, len, NULL, 0,
                                                         NULL, NULL, &read, &got, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Deserializer_DeserializeInstance(&d, 0, (MI_Uint8 *)text, len, NULL, 3,
                                                         NULL, NULL, &read, &got, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Deserializer_DeserializeInstance(&d, 0, (MI_Uint8 *)text, len, NULL, 0,
                                                         NULL, NULL, &read, NULL, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    /* closed deserializer */
    MI_Deserializer copy = d;
    MI_Deserializer_Close(&d);
    assert_int_equal(MI_Deserializer_DeserializeInstance(&copy, 0, (MI_Uint8 *)text, len, NULL,
                                                         0, NULL, NULL, &read, &got, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    d = new_des(FMT_MOF);
    MI_Deserializer_Close(&d);
    test_free(text);
    MI_Instance_Delete(i);
    MI_Serializer_Close(&s);
}


/* ---------------------------------------------------------------- XML round trips */

static void fail_with_details(MI_Result r, MI_Instance *err, const char *text)
{
    MI_Value m;
    if (err && MI_Instance_GetElement(err, "Message", &m, NULL, NULL, NULL) == MI_RESULT_OK)
        fail_msg("deserialize: %d %s\n%s", r, m.string, text);
    fail_msg("deserialize: %d", r);
}

static void test_xml_instance_roundtrip(void **state)
{
    (void)state;
    MI_Serializer s = new_ser(FMT_XML);
    MI_Deserializer d = new_des(FMT_XML);
    MI_Instance *i = new_all();
    MI_Instance *got = NULL, *err = NULL;
    MI_Uint32 len, read = 0;
    MI_Class *classes[] = {cls_all, cls_emb};
    MI_Real64 inf = INFINITY;
    MI_Real32 minf = -INFINITY;
    MI_Real64 ra[] = {NAN, 0.5, -0.0};
    MI_Array a = {ra, 3};

    set(i, "R64", MI_REAL64, &inf);
    set(i, "R32", MI_REAL32, &minf);
    set(i, "R64A", MI_REAL64A, &a);
    char *text = serialize(&s, 0, i, NULL, &len);
    MI_Result r = MI_Deserializer_DeserializeInstance(&d, 0, (MI_Uint8 *)text, len, classes, 2,
                                                      NULL, NULL, &read, &got, &err);
    if (r != MI_RESULT_OK)
        fail_with_details(r, err, text);
    assert_int_equal(read, len);
    assert_same_instance(i, got);
    MI_Value v;
    get(got, "R64", MI_REAL64, &v);
    assert_true(isinf(v.real64) && v.real64 > 0);
    get(got, "R32", MI_REAL32, &v);
    assert_true(isinf(v.real32) && v.real32 < 0);
    get(got, "R64A", MI_REAL64A, &v);
    assert_true(isnan(v.real64a.data[0]));
    assert_true(v.real64a.data[2] == 0.0 && signbit(v.real64a.data[2]));
    get(got, "S", MI_STRING, &v);
    assert_string_equal(v.string, "line1\nline2\t\"q\" \\ <&> \xc3\xa9\xe2\x82\xac");
    get(got, "R", MI_REFERENCE, &v);
    MI_Value k;
    get(v.reference, "Id", MI_STRING, &k);
    assert_string_equal(k.string, "target");
    MI_Instance_Delete(got);
    got = NULL;

    /* the class name without building anything */
    MI_Char name[32];
    MI_Uint32 nlen = sizeof name;
    assert_int_equal(MI_Deserializer_Instance_GetClassName(&d, (MI_Uint8 *)text, len, name,
                                                           &nlen, NULL),
                     MI_RESULT_OK);
    assert_string_equal(name, "Test_All");
    test_free(text);

    /* with its class: only the embedded instances' class is asked for */
    needed_log log;
    memset(&log, 0, sizeof log);
    log.supply = cls_emb;
    text = serialize(&s, MI_SERIALIZER_FLAGS_INSTANCE_WITH_CLASS, i, NULL, &len);
    r = MI_Deserializer_DeserializeInstance(&d, 0, (MI_Uint8 *)text, len, NULL, 0, on_needed,
                                            &log, &read, &got, &err);
    if (r != MI_RESULT_OK)
        fail_with_details(r, err, text);
    assert_int_equal(log.n, 1);
    assert_string_equal(log.names[0], "Test_Emb");
    assert_same_instance(i, got);
    MI_Instance_Delete(got);
    got = NULL;
    /* the same buffer with its classes also given: the buffer's take their place */
    MI_Class *classes2[] = {cls_all, cls_emb};
    r = MI_Deserializer_DeserializeInstance(&d, 0, (MI_Uint8 *)text, len, classes2, 2, NULL,
                                            NULL, &read, &got, &err);
    if (r != MI_RESULT_OK)
        fail_with_details(r, err, text);
    assert_same_instance(i, got);
    MI_Instance_Delete(got);
    test_free(text);
    MI_Instance_Delete(i);
    MI_Serializer_Close(&s);
    MI_Deserializer_Close(&d);
}

static void test_xml_class_roundtrip(void **state)
{
    (void)state;
    MI_Serializer s = new_ser(FMT_XML);
    MI_Deserializer d = new_des(FMT_XML);
    MI_Class *got = NULL;
    MI_Instance *err = NULL;
    MI_Uint32 len, read = 0;
    needed_log log;

    char *text = serialize(&s, MI_SERIALIZER_FLAGS_CLASS_DEEP, NULL, cls_all, &len);
    memset(&log, 0, sizeof log);
    log.supply = cls_emb;
    MI_Result r = MI_Deserializer_DeserializeClass(&d, 0, (MI_Uint8 *)text, len, NULL, NULL,
                                                   NULL, on_needed, &log, &read, &got, &err);
    if (r != MI_RESULT_OK)
        fail_with_details(r, err, text);
    assert_int_equal(read, len);
    assert_int_equal(log.n, 1);
    assert_string_equal(log.names[0], "Test_Emb");
    assert_same_class(cls_all->classDecl, got->classDecl);
    assert_same_class(cls_base->classDecl, got->classDecl->superClassDecl);
    MI_Class_Delete(got);
    got = NULL;
    MI_Char name[32];
    MI_Uint32 nlen = sizeof name;
    assert_int_equal(MI_Deserializer_Class_GetParentClassName(&d, (MI_Uint8 *)text, len, name,
                                                              &nlen, NULL),
                     MI_RESULT_OK);
    assert_string_equal(name, "Test_Base");
    test_free(text);

    /* not deep: the parent comes as parentClass */
    text = serialize(&s, 0, NULL, cls_small, &len);
    r = MI_Deserializer_DeserializeClass(&d, 0, (MI_Uint8 *)text, len, cls_base, NULL, NULL,
                                         NULL, NULL, &read, &got, &err);
    if (r != MI_RESULT_OK)
        fail_with_details(r, err, text);
    assert_same_class(cls_small->classDecl, got->classDecl);
    MI_Class_Delete(got);
    got = NULL;
    test_free(text);

    /* an override is not PROPAGATED (DSP0201): its new default and qualifiers come back */
    text = serialize(&s, 0, NULL, cls_over, &len);
    assert_non_null(strstr(text, "<PROPERTY NAME=\"F\" TYPE=\"boolean\" "
                                 "CLASSORIGIN=\"Test_Small\"><QUALIFIER"));
    assert_non_null(strstr(text, "<PROPERTY NAME=\"Id\" TYPE=\"string\" "
                                 "CLASSORIGIN=\"Test_Base\" PROPAGATED=\"true\">"));
    r = MI_Deserializer_DeserializeClass(&d, 0, (MI_Uint8 *)text, len, cls_small, NULL, NULL,
                                         NULL, NULL, &read, &got, &err);
    if (r != MI_RESULT_OK)
        fail_with_details(r, err, text);
    assert_same_class(cls_over->classDecl, got->classDecl);
    MI_Class_Delete(got);
    test_free(text);
    MI_Serializer_Close(&s);
    MI_Deserializer_Close(&d);
}

/* Deserializes text as an instance (classes: Test_All, Test_Emb, Test_Nest) and
 * expects result `want` with a message containing `msg`. */
static void expect_xml(MI_Deserializer *d, const char *text, MI_Result want, const char *msg)
{
    MI_Instance *got = NULL, *err = NULL;
    MI_Uint32 read = 0;
    MI_Class *classes[] = {cls_all, cls_emb, cls_nest};
    MI_Result r = MI_Deserializer_DeserializeInstance(d, 0, (MI_Uint8 *)text,
                                                      (MI_Uint32)strlen(text), classes, 3, NULL,
                                                      NULL, &read, &got, &err);
    MI_Value m;
    m.string = (MI_Char *)"";
    if (err != NULL)
        MI_Instance_GetElement(err, "Message", &m, NULL, NULL, NULL);
    if (r != want)
        fail_msg("%s: result %d, expected %d (%s)", text, r, want, m.string);
    if (want == MI_RESULT_OK) {
        MI_Instance_Delete(got);
        return;
    }
    assert_null(got);
    assert_non_null(err);
    if (msg != NULL && strstr(m.string, msg) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", m.string, msg);
    MI_Instance_Delete(err);
}

/* <INSTANCE CLASSNAME="Test_Nest"> nested `levels` deep through Child, escaped. */
static char *nested(int levels)
{
    mi_buf b, e;
    mi_buf_init(&b, 0);
    mi_buf_puts(&b, "<INSTANCE CLASSNAME=\"Test_Nest\"></INSTANCE>");
    for (int k = 0; k < levels; k++) {
        mi_buf_init(&e, 0);
        mi_buf_puts(&e, "<INSTANCE CLASSNAME=\"Test_Nest\"><PROPERTY NAME=\"Child\" "
                        "TYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>");
        for (const char *p = mi_buf_str(&b); *p; p++) {
            if (*p == '<')
                mi_buf_puts(&e, "&lt;");
            else if (*p == '&')
                mi_buf_puts(&e, "&amp;");
            else
                mi_buf_putc(&e, *p);
        }
        mi_buf_puts(&e, "</VALUE></PROPERTY></INSTANCE>");
        mi_buf_free(&b);
        b = e;
    }
    return mi_buf_take(&b);
}

static void test_xml_bad_input(void **state)
{
    (void)state;
    MI_Deserializer d = new_des(FMT_XML);
#define EMB "<INSTANCE CLASSNAME=\"Test_Emb\">"
    expect_xml(&d, EMB "<PROPERTY NAME=\"N\" TYPE=\"uint32\"><VALUE>5</VALUE></PROPERTY>"
                       "</INSTANCE>", MI_RESULT_OK, NULL);
    expect_xml(&d, EMB "<PROPERTY NAME=\"S\" TYPE=\"string\"><VALUE>x</PROPERTY></INSTANCE>",
               MI_RESULT_INVALID_PARAMETER, "line 1, column 75: mismatched tag");
    expect_xml(&d, "<INSTANCE CLASSNAME=\"Test_Emb\" FOO=\"1\"/>", MI_RESULT_INVALID_PARAMETER,
               "unexpected attribute FOO");
    expect_xml(&d, EMB "\n  <BOGUS/></INSTANCE>", MI_RESULT_INVALID_PARAMETER,
               "line 2, column 3: <BOGUS>");
    expect_xml(&d, EMB "<PROPERTY NAME=\"N\" TYPE=\"string\"><VALUE>5</VALUE></PROPERTY>"
                       "</INSTANCE>", MI_RESULT_TYPE_MISMATCH, "N is uint32");
    expect_xml(&d, EMB "<PROPERTY.ARRAY NAME=\"N\" TYPE=\"uint32\"></PROPERTY.ARRAY></INSTANCE>",
               MI_RESULT_TYPE_MISMATCH, NULL);
    expect_xml(&d, EMB "<PROPERTY NAME=\"N\" TYPE=\"uint32\"><VALUE>4294967296</VALUE>"
                       "</PROPERTY></INSTANCE>", MI_RESULT_INVALID_PARAMETER, "not a valid uint32");
    expect_xml(&d, EMB "<PROPERTY NAME=\"N\" TYPE=\"uint32\"><VALUE>0x10</VALUE>"
                       "</PROPERTY></INSTANCE>", MI_RESULT_INVALID_PARAMETER, NULL);
    expect_xml(&d, EMB "<PROPERTY NAME=\"Nope\" TYPE=\"uint32\"></PROPERTY></INSTANCE>",
               MI_RESULT_NO_SUCH_PROPERTY, "Nope");
    expect_xml(&d, EMB "<PROPERTY NAME=\"N\" TYPE=\"uint32\"></PROPERTY>"
                       "<PROPERTY NAME=\"N\" TYPE=\"uint32\"></PROPERTY></INSTANCE>",
               MI_RESULT_INVALID_PARAMETER, "twice");
    expect_xml(&d, "<INSTANCE CLASSNAME=\"Nobody\"></INSTANCE>", MI_RESULT_INVALID_CLASS,
               "Nobody");
    /* no DOCTYPE, so no entity declarations (and no entity expansion attacks) */
    expect_xml(&d, "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><INSTANCE CLASSNAME=\"Test_Emb\"/>",
               MI_RESULT_INVALID_PARAMETER, "line 1, column 3: not well-formed");
    expect_xml(&d, "<VALUE/>", MI_RESULT_INVALID_PARAMETER, "expected CLASS or INSTANCE");
    expect_xml(&d, "<CLASS NAME=\"Test_X; class Evil\"></CLASS>", MI_RESULT_INVALID_PARAMETER,
               "not a CIM name");
    expect_xml(&d, "<CLASS NAME=\"Only\"></CLASS>", MI_RESULT_INVALID_PARAMETER,
               "no INSTANCE element");
    expect_xml(&d, "", MI_RESULT_INVALID_PARAMETER, NULL);
    expect_xml(&d, "<INSTANCE CLASSNAME=\"Test_Emb\">", MI_RESULT_INVALID_PARAMETER, "line 1");
    expect_xml(&d, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" EMB "</INSTANCE>",
               MI_RESULT_OK, NULL);
    /* element nesting cap */
    {
        mi_buf b;
        mi_buf_init(&b, 0);
        mi_buf_puts(&b, EMB);
        for (int k = 0; k < 100; k++)
            mi_buf_puts(&b, "<X>");
        expect_xml(&d, mi_buf_str(&b), MI_RESULT_SERVER_LIMITS_EXCEEDED, "nest");
        mi_buf_free(&b);
    }
    /* embedded instance nesting: 5 levels are fine, 40 are past the cap */
    char *t = nested(5);
    expect_xml(&d, t, MI_RESULT_OK, NULL);
    mi_free(t);
    t = nested(40);
    expect_xml(&d, t, MI_RESULT_SERVER_LIMITS_EXCEEDED, "deeper than");
    mi_free(t);
    /* an embedded value that is not XML */
    expect_xml(&d, "<INSTANCE CLASSNAME=\"Test_Nest\"><PROPERTY NAME=\"Child\" TYPE=\"string\" "
                   "EmbeddedObject=\"instance\"><VALUE>&lt;INSTANCE</VALUE></PROPERTY></INSTANCE>",
               MI_RESULT_INVALID_PARAMETER, "embedded instance, line 1");
#undef EMB
    MI_Deserializer_Close(&d);
}

/* Every allocation of an XML instance deserialization (classes given, or compiled
 * from the buffer's CLASS elements), then of serializing an instance and
 * deserializing a class in both formats, failing in turn: an error or success, never
 * a crash or a leak (the ASan build checks leaks). Any error code is accepted: the
 * MOF compiler reports some allocation failures as INVALID_NAMESPACE or NOT_FOUND and
 * mi_instance_to_mof gives no cause (the serializer then says INVALID_PARAMETER).
 * MOF instance deserialization is left out: the compiler dereferences a NULL token
 * when adding an alias-less instance fails for memory (src/mof/compile.c,
 * mof_add_instance: mof_error(c, alias_tok, ...)); reported, not fixed here. */
static void test_alloc_failures(void **state)
{
    (void)state;
    static const char *const fmts[] = {FMT_XML};
    MI_Instance *i = new_emb("text", 3);
    MI_Instance *all = new_all();
    for (int f = 0; f < 1; f++) {
        MI_Serializer s = new_ser(fmts[f]);
        MI_Deserializer d = new_des(fmts[f]);
        for (int which = 0; which < 2; which++) {
            MI_Uint32 len;
            char *text = serialize(&s, which ? MI_SERIALIZER_FLAGS_INSTANCE_WITH_CLASS : 0,
                                   which ? all : i, NULL, &len);
            MI_Class *classes[] = {cls_emb};
            needed_log log;
            int ok = 0;
            for (long n = 1;; n++) {
                MI_Instance *got = NULL, *err = NULL;
                MI_Uint32 read;
                memset(&log, 0, sizeof log);
                log.supply = cls_emb;
                mi_alloc_fail_after(n);
                MI_Result r = MI_Deserializer_DeserializeInstance(
                    &d, 0, (MI_Uint8 *)text, len, which ? NULL : classes, which ? 0 : 1,
                    on_needed, &log, &read, &got, &err);
                long made = mi_alloc_fail_after(0);
                if (r == MI_RESULT_OK) {
                    assert_non_null(got);
                    MI_Instance_Delete(got);
                    ok++;
                } else {
                    assert_null(got);
                }
                if (err != NULL)
                    MI_Instance_Delete(err);
                if (made < n)
                    break; /* no allocation failed: the end */
            }
            assert_true(ok > 0);
            test_free(text);
        }
        MI_Serializer_Close(&s);
        MI_Deserializer_Close(&d);
    }
    /* serializing (both formats) and deserializing a class (both formats) */
    static const char *const both[] = {FMT_MOF, FMT_XML};
    for (int f = 0; f < 2; f++) {
        MI_Serializer s = new_ser(both[f]);
        MI_Deserializer d = new_des(both[f]);
        MI_Uint32 len;
        char *text = serialize(&s, MI_SERIALIZER_FLAGS_CLASS_DEEP, NULL, cls_all, &len);
        int ok = 0;
        for (long n = 1;; n++) {
            MI_Uint32 need = 0, read;
            MI_Class *got = NULL;
            MI_Instance *err = NULL;
            needed_log log;
            memset(&log, 0, sizeof log);
            log.supply = cls_emb;
            mi_alloc_fail_after(n);
            MI_Result r1 = MI_Serializer_SerializeInstance(
                &s, MI_SERIALIZER_FLAGS_INSTANCE_WITH_CLASS, all, NULL, 0, &need);
            MI_Result r2 = MI_Deserializer_DeserializeClass(&d, 0, (MI_Uint8 *)text, len, NULL,
                                                            NULL, NULL, on_needed, &log, &read,
                                                            &got, &err);
            long made = mi_alloc_fail_after(0);
            if (r2 == MI_RESULT_OK)
                MI_Class_Delete(got);
            else
                assert_null(got);
            if (err != NULL)
                MI_Instance_Delete(err);
            ok += r1 == MI_RESULT_OK && r2 == MI_RESULT_OK;
            if (made < n)
                break;
        }
        assert_true(ok > 0);
        test_free(text);
        MI_Serializer_Close(&s);
        MI_Deserializer_Close(&d);
    }
    MI_Instance_Delete(i);
    MI_Instance_Delete(all);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_and_close),
        cmocka_unit_test(test_buffer_protocol),
        cmocka_unit_test(test_xml_exact_instance),
        cmocka_unit_test(test_xml_exact_class),
        cmocka_unit_test(test_xml_values),
        cmocka_unit_test(test_xml_dynamic),
        cmocka_unit_test(test_mof_instance_roundtrip),
        cmocka_unit_test(test_mof_with_class_and_callback),
        cmocka_unit_test(test_mof_class_roundtrip),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_xml_instance_roundtrip),
        cmocka_unit_test(test_xml_class_roundtrip),
        cmocka_unit_test(test_xml_bad_input),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
