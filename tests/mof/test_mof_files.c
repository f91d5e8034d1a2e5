/* Third-party MOF files from shared/data compiled in place: OMI's schema and parser
 * test files (boundary values, UTF-16LE instances, DSC instances, qualifier sets, the
 * syntax-error file) and OpenPegasus' association tests, provider registration
 * instances and invalid-MOF cases (checked against result.master). */
#include <dirent.h>
#include <float.h>
#include <stdlib.h>

#include "mof_test.h"

#include "cim/cim.h"

#define BLUE OMI_DIR "/tests/codec/mof/blue/mofs"
#define INVALID PEG_DIR "/src/Pegasus/Compiler/tests/invalidMOF"

static const char *const schema_dirs[] = {SCHEMA_DIR};

typedef struct fx {
    mi_repo *repo;
    diags dg;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    if (!f || mi_repo_new(&f->repo) != MI_RESULT_OK)
        return -1;
    f->dg.print = 1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    mi_repo_free(f->repo);
    free(f);
    return 0;
}

/* Compiles files as one compilation; opt may set include dirs, flags, namespace. */
static MI_Result compile(fx *f, const char *const *files, size_t n, mi_mof_options *o,
                         mi_mof_stats *st)
{
    diags_reset(&f->dg);
    o->diag = collect_diag;
    o->diag_ctx = &f->dg;
    return mi_mof_compile_files(f->repo, files, n, o, st);
}

static void compile_ok(fx *f, const char *const *files, size_t n, mi_mof_options *o,
                       mi_mof_stats *st)
{
    MI_Result rc = compile(f, files, n, o, st);
    assert_int_equal(rc, MI_RESULT_OK);
    assert_int_equal(f->dg.errors, 0);
}

static void load_qualifiers(fx *f)
{
    mi_mof_options o = {0};
    const char *q[] = {SCHEMA_DIR "/qualifiers.mof"};
    compile_ok(f, q, 1, &o, NULL);
}

static const MI_Instance *only_instance(mi_ns *ns, const char *cls)
{
    const MI_ClassDecl *cd = mi_ns_class(ns, cls);
    assert_non_null(cd);
    size_t n;
    const MI_Instance *const *is = mi_ns_instances_of(ns, cd, &n);
    assert_int_equal(n, 1);
    return is[0];
}

/* Element `name` of inst with the expected type; returns its value. */
static MI_Value get(const MI_Instance *inst, const char *name, MI_Type want)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 flags = 0;
    assert_non_null(inst);
    MI_Result rc = MI_Instance_GetElement(inst, name, &v, &t, &flags, NULL);
    if (rc != MI_RESULT_OK || t != want || (flags & MI_FLAG_NULL))
        printf("  %s: rc %d type %d (want %d) flags %x\n", name, rc, t, want, flags);
    assert_int_equal(rc, MI_RESULT_OK);
    assert_int_equal(t, want);
    assert_false(flags & MI_FLAG_NULL);
    return v;
}

static bool is_null(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Uint32 flags = 0;
    assert_int_equal(MI_Instance_GetElement(inst, name, &v, NULL, &flags, NULL), MI_RESULT_OK);
    return (flags & MI_FLAG_NULL) != 0;
}

/* ------------------------------------------------------------------ OMI */

static void test_omi_identify(void **state)
{
    fx *f = *state;
    mi_mof_options o = {0};
    o.ns = "root/omi";
    const char *files[] = {SCHEMA_DIR "/qualifiers.mof", OMI_DIR "/providers/identify/schema.mof"};
    mi_mof_stats st;
    compile_ok(f, files, 2, &o, &st);
    assert_int_equal(st.classes, 1);
    mi_ns *ns = mi_repo_ns(f->repo, "root/omi");
    assert_non_null(ns);
    const MI_ClassDecl *cd = mi_ns_class(ns, "OMI_Identify");
    assert_non_null(cd);
    assert_int_equal(cd->numProperties, 25);
    const MI_PropertyDecl *id = mi_classdecl_property(cd, "InstanceID", NULL);
    assert_int_equal(id->flags, MI_FLAG_PROPERTY | MI_FLAG_KEY);
    assert_int_equal(mi_classdecl_property(cd, "ProductVersionMajor", NULL)->type, MI_UINT32);
    assert_int_equal(mi_classdecl_property(cd, "ConfigNameSpaces", NULL)->type, MI_STRINGA);
}

static void test_omi_errors(void **state)
{
    fx *f = *state;
    mi_mof_options o = {0};
    o.include_dirs = schema_dirs;
    o.n_include_dirs = 1;
    const char *files[] = {OMI_DIR "/omiutils/mofs/OMI_Errors.mof"};
    mi_mof_stats st;
    compile_ok(f, files, 1, &o, &st);
    assert_int_equal(st.classes, 3);
    assert_int_equal(st.qualifiers, 56);
    mi_ns *ns = mi_repo_ns(f->repo, "root/cimv2");
    const MI_ClassDecl *dbg = mi_ns_class(ns, "OMI_DebugError");
    assert_non_null(dbg);
    assert_string_equal(dbg->superClassDecl->name, "OMI_Error");
    assert_string_equal(dbg->superClassDecl->superClassDecl->name, "CIM_Error");
    assert_true(dbg->flags & MI_FLAG_INDICATION);
    const MI_PropertyDecl *inner = mi_classdecl_property(dbg, "inner_Error", NULL);
    assert_int_equal(inner->type, MI_INSTANCE);
    assert_null(inner->className);
    const MI_PropertyDecl *esf = mi_classdecl_property(dbg, "ErrorSourceFormat", NULL);
    assert_string_equal(esf->origin, "CIM_Error");
    assert_int_equal(*(const MI_Uint16 *)esf->value, 0);
    assert_int_equal(mi_classdecl_property(dbg, "error_Category", NULL)->type, MI_UINT16);
}

static void test_omi_association_provider(void **state)
{
    fx *f = *state;
    mi_mof_options o = {0};
    o.include_dirs = schema_dirs;
    o.n_include_dirs = 1;
    const char *files[] = {OMI_DIR "/samples/Providers/Test_AssociationProvider/"
                                   "Test_AssociationProvider.mof"};
    mi_mof_stats st;
    compile_ok(f, files, 1, &o, &st);
    assert_int_equal(st.classes, 5);
    mi_ns *ns = mi_repo_ns(f->repo, "root/cimv2");
    assert_int_equal(mi_ns_association_count(ns), 2);
    const MI_ClassDecl *a = mi_ns_class(ns, "Test_AssociationLogicalVirtualDisk");
    size_t n;
    const MI_PropertyDecl *const *roles = mi_ns_class_roles(ns, a, &n);
    assert_int_equal(n, 2);
    assert_string_equal(roles[0]->className, "Test_LogicalDisk");
    assert_string_equal(roles[1]->className, "Test_VirtualDisk");
    const MI_ClassDecl *ld = mi_ns_class(ns, "Test_LogicalDisk");
    unsigned keys = 0;
    for (MI_Uint32 i = 0; i < ld->numProperties; i++)
        keys += (ld->properties[i]->flags & MI_FLAG_KEY) != 0;
    assert_int_equal(keys, 2);
}

static void compile_dmtftypes(fx *f)
{
    mi_mof_options o = {0};
    o.include_dirs = schema_dirs;
    o.n_include_dirs = 1;
    const char *files[] = {BLUE "/dmtftypes.mof"};
    mi_mof_stats st;
    compile_ok(f, files, 1, &o, &st);
    assert_int_equal(st.classes, 3);
    assert_int_equal(st.qualifiers, 56); /* "QuaLIFIErs.mof" found without regard to case */
    assert_int_equal(f->dg.warnings, 2);  /* Override on Reboot/Shutdown: nothing to override */
}

static void test_dmtftypes_schema(void **state)
{
    fx *f = *state;
    compile_dmtftypes(f);
    mi_ns *ns = mi_repo_ns(f->repo, "root/cimv2");
    const MI_ClassDecl *cd = mi_ns_class(ns, "TestClass_AllDMTFTypes");
    assert_non_null(cd);
    static const struct { const char *name; MI_Type t; } props[] = {
        {"v_Key", MI_UINT64},       {"sbool", MI_BOOLEAN},     {"suint8", MI_UINT8},
        {"ssint8", MI_SINT8},       {"sUINT16", MI_UINT16},    {"ssint16", MI_SINT16},
        {"suint32", MI_UINT32},     {"ssint32", MI_SINT32},    {"suint64", MI_UINT64},
        {"ssint64", MI_SINT64},     {"srEal32", MI_REAL32},    {"sREAL64", MI_REAL64},
        {"schar16", MI_CHAR16},     {"sstring", MI_STRING},    {"sDATETIME", MI_DATETIME},
        {"a_bool", MI_BOOLEANA},    {"a_uint8", MI_UINT8A},    {"a_sint8", MI_SINT8A},
        {"a_UINT16", MI_UINT16A},   {"a_sint16", MI_SINT16A},  {"a_uint32", MI_UINT32A},
        {"a_sint32", MI_SINT32A},   {"a_uint64", MI_UINT64A},  {"a_sint64", MI_SINT64A},
        {"a_rEal32", MI_REAL32A},   {"a_REAL64", MI_REAL64A},  {"a_char16", MI_CHAR16A},
        {"a_string", MI_STRINGA},   {"a_DATETIME", MI_DATETIMEA},
        {"embeddedReference", MI_REFERENCE}, {"embeddedinstance", MI_INSTANCE},
        {"embeddedinstancearray", MI_INSTANCEA}, {"embeddedobject", MI_INSTANCE},
        {"embeddedobjectarray", MI_INSTANCEA},
    };
    assert_int_equal(cd->numProperties, sizeof props / sizeof props[0]);
    for (size_t i = 0; i < sizeof props / sizeof props[0]; i++) {
        assert_string_equal(cd->properties[i]->name, props[i].name);
        assert_int_equal(cd->properties[i]->type, props[i].t);
    }
    assert_string_equal(cd->properties[0]->origin, "TestClass_PropertyValues");
    assert_string_equal(cd->properties[30]->className, "TestClass_ForEmbedded");
    assert_null(cd->properties[32]->className);
    const MI_MethodDecl *m = mi_classdecl_method(cd, "GetReferenceArray", NULL);
    assert_non_null(m);
    assert_int_equal(m->parameters[2]->type, MI_REFERENCEA);
    assert_int_equal(m->parameters[2]->flags, MI_FLAG_PARAMETER | MI_FLAG_OUT);
    assert_string_equal(m->parameters[2]->className, "TestClass_ForEmbedded");
    const MI_MethodDecl *sd = mi_classdecl_method(cd, "SetDateTime", NULL);
    assert_int_equal(sd->parameters[1]->type, MI_DATETIME);
    const MI_MethodDecl *rb = mi_classdecl_method(cd, "Reboot", NULL);
    const MI_Qualifier *vm = mi_qualifier_find(rb->qualifiers, rb->numQualifiers, "ValueMap");
    assert_non_null(vm);
    assert_int_equal(((const MI_ConstStringA *)vm->value)->size, 2);
    assert_int_equal(vm->flavor, MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS);
    const MI_ClassDecl *base = mi_ns_class(ns, "TestClass_PropertyValues");
    const MI_Qualifier *d = mi_qualifier_find(base->qualifiers, base->numQualifiers,
                                              "description");
    assert_string_equal(*(const char *const *)d->value, "A base class for all \"values\"");
}

static void check_x(const MI_Instance *x)
{
    assert_string_equal(x->classDecl->name, "TestClass_ForEmbedded");
    assert_string_equal(get(x, "embeddedStringValue", MI_STRING).string, "abcd");
}

static void test_dmtftypes_max_values(void **state)
{
    fx *f = *state;
    compile_dmtftypes(f);
    mi_mof_options o = {0};
    const char *files[] = {BLUE "/dmtftypes_instancemaxvalue.mof"};
    /* $complex leaves the key v_Key NULL (line 44): an error by default */
    MI_Result rc = compile(f, files, 1, &o, NULL);
    assert_int_equal(rc, MI_RESULT_INVALID_PARAMETER);
    const diag_rec *e = first_error(&f->dg);
    assert_non_null(e);
    assert_int_equal(e->line, 44);
    assert_true(err_has(e, "key property v_Key"));
    /* accepted when asked to */
    o.flags = MI_MOF_ALLOW_NULL_KEYS;
    mi_mof_stats st;
    compile_ok(f, files, 1, &o, &st);
    assert_int_equal(st.instances, 2); /* $x and $complex; $minvalue is embedded only */
    mi_ns *ns = mi_repo_ns(f->repo, "root/cimv2");
    check_x(only_instance(ns, "TestClass_ForEmbedded"));
    const MI_Instance *complex = only_instance(ns, "TestClass_AllDMTFTypes");
    assert_true(is_null(complex, "v_Key"));
    const MI_Instance *mv = get(complex, "embeddedobject", MI_INSTANCE).instance;
    assert_string_equal(mv->classDecl->name, "TestClass_AllDMTFTypes");
    assert_int_equal(get(mv, "sbool", MI_BOOLEAN).boolean, 1);
    assert_int_equal(get(mv, "suint8", MI_UINT8).uint8, 255);
    assert_int_equal(get(mv, "ssint8", MI_SINT8).sint8, 127);
    assert_int_equal(get(mv, "suint16", MI_UINT16).uint16, 65535);
    assert_int_equal(get(mv, "ssint16", MI_SINT16).sint16, 32767);
    assert_true(get(mv, "suint32", MI_UINT32).uint32 == UINT32_MAX);
    assert_true(get(mv, "ssint32", MI_SINT32).sint32 == INT32_MAX);
    assert_true(get(mv, "suint64", MI_UINT64).uint64 == UINT64_MAX);
    assert_true(get(mv, "ssint64", MI_SINT64).sint64 == INT64_MAX);
    assert_string_equal(get(mv, "sstring", MI_STRING).string,
                        "11111111111111111111112222222222222222222");
    assert_true(get(mv, "srEal32", MI_REAL32).real32 == 3.402823466E+38f);
    assert_true(get(mv, "sREAL64", MI_REAL64).real64 == DBL_MAX);
    assert_int_equal(get(mv, "schar16", MI_CHAR16).char16, 0xFFFF);
    MI_Datetime dt = get(mv, "sDATETIME", MI_DATETIME).datetime;
    assert_true(dt.isTimestamp);
    assert_int_equal(dt.u.timestamp.year, 9999);
    assert_int_equal(dt.u.timestamp.month, 12);
    assert_int_equal(dt.u.timestamp.day, 31);
    assert_int_equal(dt.u.timestamp.hour, 11);
    assert_int_equal(dt.u.timestamp.minute, 59);
    assert_int_equal(dt.u.timestamp.second, 59);
    assert_int_equal(dt.u.timestamp.microseconds, 999999);
    assert_int_equal(dt.u.timestamp.utc, -720);
    MI_Value a = get(mv, "a_uint64", MI_UINT64A);
    assert_int_equal(a.uint64a.size, 2);
    assert_true(a.uint64a.data[1] == UINT64_MAX);
    a = get(mv, "a_sint32", MI_SINT32A);
    assert_true(a.sint32a.data[0] == INT32_MAX);
    a = get(mv, "a_char16", MI_CHAR16A);
    assert_int_equal(a.char16a.data[1], 0xFFFF);
    a = get(mv, "a_rEal64", MI_REAL64A);
    assert_true(a.real64a.data[0] == DBL_MAX);
    a = get(mv, "a_DATETIME", MI_DATETIMEA);
    assert_int_equal(a.datetimea.size, 2);
    assert_int_equal(a.datetimea.data[1].u.timestamp.year, 9999);
    a = get(mv, "a_bool", MI_BOOLEANA);
    assert_int_equal(a.booleana.size, 2);
    /* alias references and embedded instances all name $x */
    check_x(get(mv, "embeddedReference", MI_REFERENCE).reference);
    check_x(get(mv, "embeddedinstance", MI_INSTANCE).instance);
    check_x(get(mv, "embeddedobject", MI_INSTANCE).instance);
    a = get(mv, "embeddedinstancearray", MI_INSTANCEA);
    assert_int_equal(a.instancea.size, 2);
    check_x(a.instancea.data[0]);
    check_x(a.instancea.data[1]);
    a = get(mv, "embeddedobjectarray", MI_INSTANCEA);
    check_x(a.instancea.data[1]);
}

static void test_dmtftypes_min_values(void **state)
{
    fx *f = *state;
    compile_dmtftypes(f);
    mi_mof_options o = {0};
    o.flags = MI_MOF_ALLOW_NULL_KEYS;
    const char *files[] = {BLUE "/dmtftypes_instanceminvalue.mof"};
    compile_ok(f, files, 1, &o, NULL);
    mi_ns *ns = mi_repo_ns(f->repo, "root/cimv2");
    const MI_Instance *complex = only_instance(ns, "TestClass_AllDMTFTypes");
    const MI_Instance *mv = get(complex, "embeddedobject", MI_INSTANCE).instance;
    assert_int_equal(get(mv, "sbool", MI_BOOLEAN).boolean, 0);
    assert_int_equal(get(mv, "suint8", MI_UINT8).uint8, 0);
    assert_int_equal(get(mv, "ssint8", MI_SINT8).sint8, -128);
    assert_int_equal(get(mv, "ssint16", MI_SINT16).sint16, -32768);
    assert_true(get(mv, "ssint32", MI_SINT32).sint32 == INT32_MIN);
    assert_true(get(mv, "ssint64", MI_SINT64).sint64 == INT64_MIN); /* 0x8000000000000000 */
    assert_string_equal(get(mv, "sstring", MI_STRING).string, "");
    assert_true(get(mv, "srEal32", MI_REAL32).real32 == -3.402823466E+38f);
    assert_true(get(mv, "sREAL64", MI_REAL64).real64 == -DBL_MAX);
    assert_int_equal(get(mv, "schar16", MI_CHAR16).char16, 0);
    MI_Datetime dt = get(mv, "sDATETIME", MI_DATETIME).datetime;
    assert_int_equal(dt.u.timestamp.year, 1);
    assert_int_equal(dt.u.timestamp.month, 1);
    assert_int_equal(dt.u.timestamp.second, 1);
    assert_int_equal(dt.u.timestamp.utc, 0);
    MI_Value a = get(mv, "a_sint64", MI_SINT64A);
    assert_true(a.sint64a.data[1] == INT64_MIN);
    a = get(mv, "a_sint8", MI_SINT8A);
    assert_int_equal(a.sint8a.data[0], -128);
    a = get(mv, "a_rEal64", MI_REAL64A);
    assert_true(a.real64a.data[0] == DBL_MIN);
    a = get(mv, "a_rEal32", MI_REAL32A);
    assert_true(a.real32a.data[0] == 1.175494351E-38f);
    a = get(mv, "a_string", MI_STRINGA);
    assert_string_equal(a.stringa.data[1], "");
    check_x(get(mv, "embeddedReference", MI_REFERENCE).reference);
}

static void test_mint_utf16(void **state)
{
    fx *f = *state;
    load_qualifiers(f);
    mi_mof_options o = {0};
    const char *files[] = {BLUE "/mintschema.mof", BLUE "/mintinstance.mof"};
    mi_mof_stats st;
    compile_ok(f, files, 2, &o, &st);
    assert_int_equal(st.classes, 40);
    assert_int_equal(st.instances, 1); /* the lambda; everything else is embedded in it */
    mi_ns *ns = mi_repo_ns(f->repo, "root/cimv2");
    const MI_Instance *lambda = only_instance(ns, "MSFT_ExpressionLambda");
    MI_Value params = get(lambda, "parameters", MI_INSTANCEA);
    assert_int_equal(params.instancea.size, 1);
    const MI_Instance *x = params.instancea.data[0];
    assert_string_equal(get(x, "name", MI_STRING).string, "x");
    const MI_Instance *if1 = get(lambda, "body", MI_INSTANCE).instance;
    assert_string_equal(if1->classDecl->name, "MSFT_ExpressionIf");
    const MI_Instance *call1 = get(if1, "condition", MI_INSTANCE).instance;
    const MI_Instance *fn = get(call1, "function", MI_INSTANCE).instance;
    assert_string_equal(get(fn, "name", MI_STRING).string, "-gt");
    MI_Value args = get(call1, "arguments", MI_INSTANCEA);
    assert_int_equal(args.instancea.size, 2);
    assert_ptr_equal(args.instancea.data[0], x);
    const MI_Instance *three = args.instancea.data[1];
    assert_string_equal(three->classDecl->name, "MSFT_ExpressionValue_sint32");
    assert_int_equal(get(three, "value", MI_SINT32).sint32, 3);
    assert_int_equal(get(three, "hasValue", MI_BOOLEAN).boolean, 1);
    const MI_Instance *call2 = get(if1, "truecase", MI_INSTANCE).instance;
    assert_string_equal(get(get(call2, "function", MI_INSTANCE).instance, "name",
                            MI_STRING).string, "+");
    args = get(call2, "arguments", MI_INSTANCEA);
    assert_int_equal(get(args.instancea.data[1], "value", MI_SINT32).sint32, 2);
    const MI_Instance *one = get(if1, "falsecase", MI_INSTANCE).instance;
    assert_int_equal(get(one, "value", MI_SINT32).sint32, 1);
    assert_true(is_null(lambda, "pipeline"));
}

static void test_dsc(void **state)
{
    fx *f = *state;
    load_qualifiers(f);
    mi_mof_options o = {0};
    const char *files[] = {BLUE "/dscschema.mof", BLUE "/dscinstance.mof"};
    mi_mof_stats st;
    compile_ok(f, files, 2, &o, &st);
    assert_int_equal(st.classes, 5);
    assert_int_equal(st.instances, 2);
    mi_ns *ns = mi_repo_ns(f->repo, "root/cimv2");
    const MI_Instance *fd = only_instance(ns, "MSFT_FileDirectoryConfiguration");
    assert_string_equal(get(fd, "ResourceId", MI_STRING).string, "R1");
    assert_string_equal(get(fd, "DestinationPath", MI_STRING).string, "C:\\Test");
    const MI_Instance *cred = get(fd, "credential", MI_INSTANCE).instance;
    assert_string_equal(cred->classDecl->name, "MSFT_WindowsCredential");
    assert_string_equal(get(cred, "UserName", MI_STRING).string, "AAA");
    assert_string_equal(get(cred, "Password", MI_STRING).string, "BBB");
    assert_string_equal(get(cred, "Domain", MI_STRING).string, "CCC");
    const MI_Instance *doc = only_instance(ns, "MSFT_ConfigurationDocument");
    assert_string_equal(get(doc, "Version", MI_STRING).string, "1.0.0");
    const MI_ClassDecl *cd = mi_ns_class(ns, "MSFT_FileDirectoryConfiguration");
    const MI_PropertyDecl *rid = mi_classdecl_property(cd, "ResourceId", NULL);
    assert_int_equal(rid->flags, MI_FLAG_PROPERTY | MI_FLAG_REQUIRED);
    assert_int_equal(mi_classdecl_property(cd, "CreatedDate", NULL)->flags,
                     MI_FLAG_PROPERTY | MI_FLAG_READONLY);
    assert_int_equal(mi_classdecl_property(cd, "Ensure", NULL)->flags, MI_FLAG_PROPERTY);
}

static void test_quals_mof(void **state)
{
    fx *f = *state;
    mi_mof_options o = {0};
    const char *files[] = {OMI_DIR "/tests/mof/quals.mof"};
    mi_mof_stats st;
    compile_ok(f, files, 1, &o, &st);
    assert_int_equal(st.qualifiers, 30);
    assert_int_equal(st.classes, 2);
    assert_int_equal(f->dg.warnings, 1); /* Y.B redefined without Override */
    mi_ns *ns = mi_repo_ns(f->repo, "root/cimv2");
    const MI_QualifierDecl *dq2 = mi_ns_qualifier(ns, "DatetimeQ2");
    const MI_Datetime *iv = dq2->value;
    assert_false(iv->isTimestamp);
    assert_int_equal(iv->u.interval.days, 12345678);
    assert_int_equal(iv->u.interval.microseconds, 123456);
    assert_true(*(const MI_Real32 *)mi_ns_qualifier(ns, "Real32Q")->value == 32.32f);
    assert_int_equal(*(const MI_Char16 *)mi_ns_qualifier(ns, "Char16Q")->value, 'A');
    assert_int_equal(mi_ns_qualifier(ns, "BooleanQ")->flavor,
                     MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS);
    const MI_ClassDecl *y = mi_ns_class(ns, "Y");
    assert_int_equal(y->numQualifiers, 29);
    const MI_Qualifier *q = mi_qualifier_find(y->qualifiers, y->numQualifiers, "Sint8Q");
    assert_int_equal(*(const MI_Sint8 *)q->value, -1);
    q = mi_qualifier_find(y->qualifiers, y->numQualifiers, "Char16AQ");
    assert_int_equal(((const MI_ConstChar16A *)q->value)->data[1], '2');
    q = mi_qualifier_find(y->qualifiers, y->numQualifiers, "DatetimeQ2");
    assert_null(q->value);
    q = mi_qualifier_find(y->qualifiers, y->numQualifiers, "Real64AQ");
    assert_true(((const MI_ConstReal64A *)q->value)->data[1] == 2.0);
    const MI_PropertyDecl *b = mi_classdecl_property(y, "B", NULL);
    assert_true(b->flags & MI_FLAG_KEY);
    assert_string_equal(b->origin, "X");
    assert_string_equal(b->propagator, "Y");
    assert_int_equal(y->numProperties, 3);
}

static void test_wmiqualifiers(void **state)
{
    fx *f = *state;
    mi_mof_options o = {0};
    const char *files[] = {OMI_DIR "/codec/mof/parser/wmiqualifiers.mof"};
    mi_mof_stats st;
    compile_ok(f, files, 1, &o, &st);
    assert_int_equal(st.qualifiers, 21);
    mi_ns *ns = mi_repo_ns(f->repo, "root/cimv2");
    const MI_QualifierDecl *ct = mi_ns_qualifier(ns, "CIMType");
    assert_int_equal(ct->type, MI_STRING);
    assert_null(ct->value);
    assert_int_equal(ct->scope, MI_FLAG_PROPERTY | MI_FLAG_METHOD | MI_FLAG_PARAMETER);
    const MI_QualifierDecl *am = mi_ns_qualifier(ns, "Amendment");
    assert_int_equal(*(const MI_Boolean *)am->value, 1);
    assert_int_equal(am->flavor, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS);
    assert_int_equal(mi_ns_qualifier(ns, "Privileges")->type, MI_STRINGA);
}

static void test_syntaxerror_mof(void **state)
{
    fx *f = *state;
    mi_mof_options o = {0};
    const char *files[] = {OMI_DIR "/tests/mof/syntaxerror.mof"};
    MI_Result rc = compile(f, files, 1, &o, NULL);
    assert_int_not_equal(rc, MI_RESULT_OK);
    const diag_rec *e97 = error_at_line(&f->dg, 97);
    assert_non_null(e97);
    assert_true(err_has(e97, "unterminated string"));
    const diag_rec *key = error_at_line(&f->dg, 94);
    assert_non_null(key);
    assert_int_equal(key->code, MI_RESULT_NOT_FOUND);
    assert_true(err_has(key, "Key is not declared"));
    assert_null(mi_repo_ns(f->repo, "root/cimv2"));
}

/* ------------------------------------------------------------------ OpenPegasus */

static const MI_Instance *find_person(mi_ns *ns, const char *cls, const char *name)
{
    size_t n;
    const MI_Instance *const *is = mi_ns_instances_of(ns, mi_ns_class(ns, cls), &n);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(get(is[i], "name", MI_STRING).string, name) == 0)
            return is[i];
    }
    return NULL;
}

static void test_tst_family(void **state)
{
    fx *f = *state;
    load_qualifiers(f);
    mi_mof_options o = {0};
    const char *files[] = {PEG_DIR "/src/Providers/TestProviders/Load/TST_Family.mof"};
    mi_mof_stats st;
    compile_ok(f, files, 1, &o, &st);
    assert_int_equal(st.classes, 9);
    assert_int_equal(st.instances, 12);
    mi_ns *ns = mi_repo_ns(f->repo, "root/cimv2");
    assert_int_equal(mi_ns_association_count(ns), 5);
    const MI_Instance *mike = find_person(ns, "TST_Person", "Mike");
    assert_non_null(mike);
    assert_string_equal(get(mike, "extraProperty", MI_STRING).string, "defaultvalue");
    const MI_Instance *sofis = find_person(ns, "TST_PersonS", "Sofis");
    assert_int_equal(get(sofis, "counter", MI_UINT32).uint32, 3);
    assert_string_equal(get(sofis, "secondProperty", MI_STRING).string, "three");
    /* the four lineages, as written in the file */
    const char *pairs[4][2] = {{"Mike", "Sofi"}, {"Mike", "Gabi"}, {"Saara", "Sofi"},
                               {"Saara", "Gabi"}};
    size_t n;
    const MI_Instance *const *ls = mi_ns_instances_of(ns, mi_ns_class(ns, "TST_Lineage"), &n);
    assert_int_equal(n, 4);
    mi_buf b;
    mi_buf_init(&b, 0);
    for (size_t i = 0; i < n; i++) {
        const MI_Instance *parent = get(ls[i], "parent", MI_REFERENCE).reference;
        const MI_Instance *child = get(ls[i], "child", MI_REFERENCE).reference;
        assert_string_equal(parent->classDecl->name, "TST_Person");
        assert_string_equal(get(parent, "name", MI_STRING).string, pairs[i][0]);
        assert_string_equal(get(child, "name", MI_STRING).string, pairs[i][1]);
        /* the reference's keys name the repository instance of that person */
        mi_buf_reset(&b);
        assert_int_equal(mi_instance_keystring(parent, &b), MI_RESULT_OK);
        assert_ptr_equal(mi_ns_instance(ns, mi_buf_str(&b)),
                         find_person(ns, "TST_Person", pairs[i][0]));
        mi_buf_reset(&b);
        assert_int_equal(mi_instance_keystring(child, &b), MI_RESULT_OK);
        assert_ptr_equal(mi_ns_instance(ns, mi_buf_str(&b)),
                         find_person(ns, "TST_Person", pairs[i][1]));
    }
    mi_buf_free(&b);
}

static void test_compassoc(void **state)
{
    fx *f = *state;
    load_qualifiers(f);
    mi_mof_options o = {0};
    const char *files[] = {PEG_DIR "/src/Pegasus/Compiler/tests/CompAssoc/CompAssoc.mof"};
    mi_mof_stats st;
    compile_ok(f, files, 1, &o, &st);
    assert_int_equal(st.classes, 3);
    assert_int_equal(st.instances, 3);
    mi_ns *ns = mi_repo_ns(f->repo, "root/cimv2");
    const MI_Instance *a = only_instance(ns, "A");
    const MI_Instance *left = get(a, "left", MI_REFERENCE).reference;
    assert_string_equal(left->classDecl->name, "X");
    assert_string_equal(get(left, "key", MI_STRING).string, "John Smith");
    const MI_Instance *right = get(a, "right", MI_REFERENCE).reference;
    assert_string_equal(right->classDecl->name, "Y");
    assert_string_equal(get(right, "key", MI_STRING).string, "John Jones");
}

/* PG_OperatingSystem20R.mof holds instances of OpenPegasus' provider registration
 * classes, which are not in shared/data: the test declares the properties those
 * instances use (names and types as the instances show them). */
static const char PG_CLASSES[] =
    "class PG_ProviderModule {\n"
    "  [Key] string Name; string Vendor; string Version; string InterfaceType;\n"
    "  string InterfaceVersion; string Location;\n"
    "};\n"
    "class PG_Provider { [Key] string ProviderModuleName; [Key] string Name; };\n"
    "class PG_ProviderCapabilities {\n"
    "  [Key] string ProviderModuleName; [Key] string ProviderName;\n"
    "  [Key] string CapabilityID; string ClassName; string Namespaces[];\n"
    "  uint16 ProviderType[]; string SupportedProperties[]; string SupportedMethods[];\n"
    "};\n";

static void test_pg_operating_system_registration(void **state)
{
    fx *f = *state;
    load_qualifiers(f);
    diags_reset(&f->dg);
    mi_mof_options o = diag_options(&f->dg);
    assert_int_equal(mi_mof_compile_buffer(f->repo, "pg_classes.mof", PG_CLASSES,
                                           strlen(PG_CLASSES), &o, NULL),
                     MI_RESULT_OK);
    mi_mof_options o2 = {0};
    const char *files[] = {PEG_DIR "/Schemas/Pegasus/ManagedSystem/VER20/PG_OperatingSystem20R.mof"};
    mi_mof_stats st;
    compile_ok(f, files, 1, &o2, &st);
    assert_int_equal(st.instances, 4);
    mi_ns *ns = mi_repo_ns(f->repo, "root/cimv2");
    const MI_Instance *pm = only_instance(ns, "PG_ProviderModule");
    assert_string_equal(get(pm, "InterfaceType", MI_STRING).string, "C++Default");
    assert_string_equal(get(pm, "Location", MI_STRING).string, "OSProvider");
    size_t n;
    const MI_Instance *const *caps =
        mi_ns_instances_of(ns, mi_ns_class(ns, "PG_ProviderCapabilities"), &n);
    assert_int_equal(n, 2);
    MI_Value pt = get(caps[1], "ProviderType", MI_UINT16A);
    assert_int_equal(pt.uint16a.size, 2);
    assert_int_equal(pt.uint16a.data[0], 2);
    assert_int_equal(pt.uint16a.data[1], 5);
    assert_string_equal(get(caps[1], "ClassName", MI_STRING).string, "PG_OperatingSystem");
    MI_Value nss = get(caps[1], "Namespaces", MI_STRINGA);
    assert_int_equal(nss.stringa.size, 1);
    assert_string_equal(nss.stringa.data[0], "root/cimv2");
    assert_true(is_null(caps[1], "SupportedProperties"));
    assert_true(is_null(caps[0], "SupportedMethods"));
}

/* result.master lines "Parsing error: <file>:<line>: ..." -> expected line, 0 if the
 * file is not named with a line. */
static unsigned master_line(const char *master, const char *file)
{
    char key[300];
    snprintf(key, sizeof key, "Parsing error: %s:", file);
    const char *p = strstr(master, key);
    if (!p)
        return 0;
    return (unsigned)strtoul(p + strlen(key), NULL, 10);
}

static char *read_text(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
    s[n] = '\0';
    fclose(fp);
    return s;
}

static void test_pegasus_invalid_mof(void **state)
{
    (void)state;
    char *master = read_text(INVALID "/result.master");
    DIR *d = opendir(INVALID);
    assert_non_null(d);
    struct dirent *de;
    unsigned rejected = 0, with_line = 0, legal = 0;
    while ((de = readdir(d)) != NULL) {
        const char *nm = de->d_name;
        size_t len = strlen(nm);
        if (len < 5 || strcmp(nm + len - 4, ".mof") != 0)
            continue;
        if (strncmp(nm, "bad", 3) != 0 && strncmp(nm, "InstAlias", 9) != 0)
            continue;
        char path[600];
        snprintf(path, sizeof path, "%s/%s", INVALID, nm);
        mi_repo *r;
        assert_int_equal(mi_repo_new(&r), MI_RESULT_OK);
        diags dg = {0};
        mi_mof_options o = diag_options(&dg);
        MI_Result rc = mi_mof_compile_file(r, path, &o, NULL);
        mi_repo_free(r);
        /* these two only add blanks around keywords, which DSP0221 allows (their own
         * comments say "This should be legal"); cimmof accepts them too */
        if (!strcmp(nm, "badQualifierDecl4.mof") || !strcmp(nm, "badQualifierDecl14.mof")) {
            assert_int_equal(rc, MI_RESULT_OK);
            legal++;
            continue;
        }
        if (rc == MI_RESULT_OK)
            printf("  %s was accepted\n", nm);
        assert_int_not_equal(rc, MI_RESULT_OK);
        rejected++;
        unsigned want = master_line(master, nm);
        if (want) {
            const diag_rec *e = first_error(&dg);
            assert_non_null(e);
            if (e->line != want)
                printf("  %s: first error at line %u, result.master says %u (%s)\n", nm,
                       e->line, want, e->msg);
            assert_int_equal(e->line, want);
            with_line++;
        }
    }
    closedir(d);
    free(master);
    assert_int_equal(legal, 2);
    assert_int_equal(rejected, 18);
    assert_int_equal(with_line, 13);
}

/* The alias cases with the classes they were written for (declared by the test), so
 * that the alias errors themselves are reached. */
static void test_pegasus_alias_errors(void **state)
{
    fx *f = *state;
    load_qualifiers(f);
    const char *classes = "class X { [Key] string key1; [Key] string key2; string valuePropertya; };\n"
                          "class Y { [Key] string keya; [Key] string keyb; string valuePropertyb; };\n"
                          "[Association] class A { [Key] X REF left; [Key] Y REF right; };\n";
    diags_reset(&f->dg);
    mi_mof_options o = diag_options(&f->dg);
    assert_int_equal(mi_mof_compile_buffer(f->repo, "xya.mof", classes, strlen(classes), &o,
                                           NULL),
                     MI_RESULT_OK);
    mi_mof_options o2 = {0};
    const char *f2[] = {INVALID "/InstAliasError2.mof"};
    assert_int_equal(compile(f, f2, 1, &o2, NULL), MI_RESULT_NOT_FOUND);
    const diag_rec *e = first_error(&f->dg);
    assert_non_null(e);
    assert_int_equal(e->line, 47);
    assert_int_equal(e->col, 13);
    assert_true(err_has(e, "$NonExistent_Alias is not defined"));
    const char *f3[] = {INVALID "/InstAliasError3.mof"};
    assert_int_equal(compile(f, f3, 1, &o2, NULL), MI_RESULT_ALREADY_EXISTS);
    e = first_error(&f->dg);
    assert_non_null(e);
    assert_int_equal(e->line, 39);
    assert_int_equal(e->col, 18);
    assert_true(err_has(e, "$X_Alias is already defined"));
    assert_int_equal(mi_ns_instance_count(mi_repo_ns(f->repo, "root/cimv2")), 0);
}

static void test_pegasus_pragma_warnings(void **state)
{
    fx *f = *state;
    mi_mof_options o = {0};
    const char *p1[] = {INVALID "/InvalidPragma1.mof"};
    assert_int_equal(compile(f, p1, 1, &o, NULL), MI_RESULT_OK);
    assert_int_equal(f->dg.warnings, 1);
    assert_true(err_has(&f->dg.d[0], "junkname"));
    const char *p2[] = {INVALID "/InvalidPragma2.mof"};
    assert_int_equal(compile(f, p2, 1, &o, NULL), MI_RESULT_OK);
    assert_int_equal(f->dg.warnings, 1);
    assert_true(err_has(&f->dg.d[0], "junkvalue"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_omi_identify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_omi_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_omi_association_provider, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dmtftypes_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dmtftypes_max_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dmtftypes_min_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mint_utf16, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dsc, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quals_mof, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wmiqualifiers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_syntaxerror_mof, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tst_family, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compassoc, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pg_operating_system_registration, setup,
                                        teardown),
        cmocka_unit_test(test_pegasus_invalid_mof),
        cmocka_unit_test_setup_teardown(test_pegasus_alias_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pegasus_pragma_warnings, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
