/* Unit tests of the MOF compiler on small inline MOF texts: values of every type,
 * class building (flattening, overrides, qualifier propagation, flags), instances and
 * aliases, one test per semantic error (code, line and column), error recovery, the
 * all-or-nothing rule, encodings, includes and caps.
 *
 * Expected positions are computed from the test text itself (the place of a marker
 * substring), never taken from the compiler. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mof_test.h"

#include "base/alloc.h"
#include "base/str.h"
#include "cim/cim.h"

/* Qualifier declarations used by the tests (as DSP0004 defines them). */
static const char PRELUDE[] =
    "Qualifier Key : boolean = false, Scope(property, reference), "
    "Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Abstract : boolean = false, Scope(class, association, indication), "
    "Flavor(EnableOverride, Restricted);\n"
    "Qualifier Association : boolean = false, Scope(association), "
    "Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Description : string = null, Scope(any), "
    "Flavor(EnableOverride, ToSubclass, Translatable);\n"
    "Qualifier Override : string = null, Scope(property, reference, method), "
    "Flavor(EnableOverride, Restricted);\n"
    "Qualifier In : boolean = true, Scope(parameter), Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Out : boolean = false, Scope(parameter), Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier EmbeddedInstance : string = null, Scope(property, method, parameter);\n"
    "Qualifier EmbeddedObject : boolean = false, Scope(property, method, parameter), "
    "Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier ValueMap : string[], Scope(property, method, parameter);\n"
    "Qualifier MaxLen : uint32 = null, Scope(property, method, parameter);\n"
    "Qualifier Static : boolean = false, Scope(property, method), "
    "Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Read : boolean = true, Scope(property);\n"
    "Qualifier Write : boolean = false, Scope(property);\n"
    "Qualifier Required : boolean = false, Scope(property, reference, method, parameter), "
    "Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Version : string = null, Scope(class, association, indication), "
    "Flavor(EnableOverride, Restricted, Translatable);\n";
#define PRELUDE_QUALS 16u

typedef struct fixture {
    mi_repo *repo;
    diags dg;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || mi_repo_new(&f->repo) != MI_RESULT_OK)
        return -1;
    if (compile_text(f->repo, PRELUDE, &f->dg) != MI_RESULT_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    mi_repo_free(f->repo);
    free(f);
    return 0;
}

static mi_ns *cimv2(fixture *f)
{
    return mi_repo_ns(f->repo, "root/cimv2");
}

/* Line and column (in characters) of the nth (0-based) occurrence of needle. */
static void pos_of(const char *text, const char *needle, unsigned nth, unsigned *line,
                   unsigned *col)
{
    const char *p = text;
    for (unsigned i = 0;; i++) {
        p = strstr(p, needle);
        assert_non_null(p);
        if (i == nth)
            break;
        p++;
    }
    *line = 1;
    *col = 1;
    for (const char *q = text; q < p; q++) {
        if (*q == '\n') {
            (*line)++;
            *col = 1;
        } else if (((unsigned char)*q & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

/* Compiles text, expects failure whose first error has `code` at the nth occurrence of
 * `at` and a message containing `words`; checks the repository did not change. */
static void check_error(fixture *f, const char *text, MI_Result code, const char *at,
                        unsigned nth, const char *words)
{
    size_t classes = mi_ns_class_count(cimv2(f));
    size_t quals = mi_ns_qualifier_count(cimv2(f));
    size_t insts = mi_ns_instance_count(cimv2(f));
    size_t nss = mi_repo_ns_count(f->repo);
    unsigned line, col;
    pos_of(text, at, nth, &line, &col);
    MI_Result rc = compile_text(f->repo, text, &f->dg);
    const diag_rec *e = first_error(&f->dg);
    if (!e || e->code != code || e->line != line || e->col != col || !has_text(e->msg, words))
        printf("  expected %d at %u:%u '%s'; got %d at %u:%u: %s\n", (int)code, line, col,
               words, e ? (int)e->code : -1, e ? e->line : 0, e ? e->col : 0,
               e ? e->msg : "(none)");
    assert_non_null(e);
    assert_int_equal(e->code, code);
    assert_int_equal(e->line, line);
    assert_int_equal(e->col, col);
    assert_true(has_text(e->msg, words));
    assert_int_equal(rc, code);
    assert_int_equal(mi_ns_class_count(cimv2(f)), classes);
    assert_int_equal(mi_ns_qualifier_count(cimv2(f)), quals);
    assert_int_equal(mi_ns_instance_count(cimv2(f)), insts);
    assert_int_equal(mi_repo_ns_count(f->repo), nss);
}

static void compile_ok(fixture *f, const char *text)
{
    MI_Result rc = compile_text(f->repo, text, &f->dg);
    if (rc != MI_RESULT_OK) {
        const diag_rec *e = first_error(&f->dg);
        printf("  unexpected error %d at %u:%u: %s\n", e ? (int)e->code : -1,
               e ? e->line : 0, e ? e->col : 0, e ? e->msg : "");
    }
    assert_int_equal(rc, MI_RESULT_OK);
    assert_int_equal(f->dg.errors, 0);
}

static const MI_PropertyDecl *prop(const MI_ClassDecl *cd, const char *name)
{
    assert_non_null(cd);
    const MI_PropertyDecl *pd = mi_classdecl_property(cd, name, NULL);
    if (!pd)
        printf("  no property %s in %s\n", name, cd->name);
    assert_non_null(pd);
    return pd;
}

/* ------------------------------------------------------------------ values */

static void test_default_values_every_type(void **state)
{
    fixture *f = *state;
    compile_ok(f,
        "class V {\n"
        "  boolean b = TRUE; boolean b2 = false;\n"
        "  uint8 u8 = 255; sint8 s8 = -128; uint16 u16 = 0xFFFF; sint16 s16 = -32768;\n"
        "  uint32 u32 = 4294967295; sint32 s32 = -2147483648;\n"
        "  uint64 u64 = 0XFFFFFFFFFFFFFFFF; sint64 s64 = -9223372036854775808;\n"
        "  uint32 oct = 0777; uint32 bin = 1011b; sint8 hexneg = 0xFF;\n"
        "  real32 r32 = 1.5; real64 r64 = -2.5e-3; real64 rint = 7;\n"
        "  char16 c = 'A'; char16 cx = '\\x41'; char16 cmax = '\\xFFFF';\n"
        "  string s = \"a\\tb\\n\\\"q\\\" \\x263A\" \" and \" \"more\";\n"
        "  string e = \"\";\n"
        "  datetime ts = \"20240131235959.123456-300\";\n"
        "  datetime iv = \"00000001020304.000005:000\";\n"
        "  uint16 arr[] = {1, 2, 3}; string sarr[] = {\"x\", \"y\"}; uint8 fixed[3] = {7};\n"
        "  boolean barr[] = {}; string nulls = NULL;\n"
        "};\n");
    const MI_ClassDecl *cd = mi_ns_class(cimv2(f), "V");
    assert_non_null(cd);
    assert_int_equal(*(const MI_Boolean *)prop(cd, "b")->value, 1);
    assert_int_equal(*(const MI_Boolean *)prop(cd, "b2")->value, 0);
    assert_int_equal(*(const MI_Uint8 *)prop(cd, "u8")->value, 255);
    assert_int_equal(*(const MI_Sint8 *)prop(cd, "s8")->value, -128);
    assert_int_equal(*(const MI_Uint16 *)prop(cd, "u16")->value, 65535);
    assert_int_equal(*(const MI_Sint16 *)prop(cd, "s16")->value, -32768);
    assert_true(*(const MI_Uint32 *)prop(cd, "u32")->value == 4294967295u);
    assert_true(*(const MI_Sint32 *)prop(cd, "s32")->value == INT32_MIN);
    assert_true(*(const MI_Uint64 *)prop(cd, "u64")->value == UINT64_MAX);
    assert_true(*(const MI_Sint64 *)prop(cd, "s64")->value == INT64_MIN);
    assert_int_equal(*(const MI_Uint32 *)prop(cd, "oct")->value, 511);
    assert_int_equal(*(const MI_Uint32 *)prop(cd, "bin")->value, 11);
    assert_int_equal(*(const MI_Sint8 *)prop(cd, "hexneg")->value, -1);
    assert_true(*(const MI_Real32 *)prop(cd, "r32")->value == 1.5f);
    assert_true(*(const MI_Real64 *)prop(cd, "r64")->value == -2.5e-3);
    assert_true(*(const MI_Real64 *)prop(cd, "rint")->value == 7.0);
    assert_int_equal(*(const MI_Char16 *)prop(cd, "c")->value, 'A');
    assert_int_equal(*(const MI_Char16 *)prop(cd, "cx")->value, 0x41);
    assert_int_equal(*(const MI_Char16 *)prop(cd, "cmax")->value, 0xFFFF);
    assert_string_equal(*(const char *const *)prop(cd, "s")->value,
                        "a\tb\n\"q\" \xE2\x98\xBA and more");
    assert_string_equal(*(const char *const *)prop(cd, "e")->value, "");
    const MI_Datetime *ts = prop(cd, "ts")->value;
    assert_true(ts->isTimestamp);
    assert_int_equal(ts->u.timestamp.year, 2024);
    assert_int_equal(ts->u.timestamp.month, 1);
    assert_int_equal(ts->u.timestamp.day, 31);
    assert_int_equal(ts->u.timestamp.second, 59);
    assert_int_equal(ts->u.timestamp.microseconds, 123456);
    assert_int_equal(ts->u.timestamp.utc, -300);
    const MI_Datetime *iv = prop(cd, "iv")->value;
    assert_false(iv->isTimestamp);
    assert_int_equal(iv->u.interval.days, 1);
    assert_int_equal(iv->u.interval.hours, 2);
    assert_int_equal(iv->u.interval.minutes, 3);
    assert_int_equal(iv->u.interval.seconds, 4);
    assert_int_equal(iv->u.interval.microseconds, 5);
    const MI_ConstUint16A *arr = prop(cd, "arr")->value;
    assert_int_equal(prop(cd, "arr")->type, MI_UINT16A);
    assert_int_equal(arr->size, 3);
    assert_int_equal(arr->data[2], 3);
    const MI_ConstStringA *sarr = prop(cd, "sarr")->value;
    assert_int_equal(sarr->size, 2);
    assert_string_equal(sarr->data[1], "y");
    assert_int_equal(prop(cd, "fixed")->subscript, 3);
    assert_int_equal(prop(cd, "fixed")->type, MI_UINT8A);
    assert_int_equal(((const MI_ConstBooleanA *)prop(cd, "barr")->value)->size, 0);
    assert_null(prop(cd, "nulls")->value);
}

static void test_type_keywords_any_case_and_keyword_names(void **state)
{
    fixture *f = *state;
    compile_ok(f,
        "class K {\n"
        "  uiNT8 Class; SINt64 Instance; STRING Description; Boolean Value;\n"
        "  DateTime Qualifier; reAL32 ref;\n"
        "  [Key] string key;\n"
        "};\n");
    const MI_ClassDecl *cd = mi_ns_class(cimv2(f), "k");
    assert_non_null(cd);
    assert_int_equal(cd->numProperties, 7);
    assert_int_equal(prop(cd, "class")->type, MI_UINT8);
    assert_int_equal(prop(cd, "Instance")->type, MI_SINT64);
    assert_int_equal(prop(cd, "Value")->type, MI_BOOLEAN);
    assert_int_equal(prop(cd, "Qualifier")->type, MI_DATETIME);
    assert_int_equal(prop(cd, "ref")->type, MI_REAL32);
    assert_true(prop(cd, "key")->flags & MI_FLAG_KEY);
    assert_int_equal(prop(cd, "key")->code, mi_name_code("key"));
}

/* ------------------------------------------------------------------ classes */

static void test_class_flattening_and_overrides(void **state)
{
    fixture *f = *state;
    compile_ok(f,
        "[Abstract, Description(\"base\"), Version(\"1.0\")]\n"
        "class Base {\n"
        "  [Key, Description(\"id\")] string Id;\n"
        "  [Description(\"a\"), Override(\"x\")] uint32 A = 1;\n"
        "  uint32 B;\n"
        "  uint32 M([In] uint32 x, [Out] string y, string z, [In, Out] uint8 w[]);\n"
        "};\n"
        "class Mid : Base {\n"
        "  [Override(\"B\"), Description(\"b2\")] uint32 B = 5;\n"
        "  string C;\n"
        "};\n"
        "class Leaf : Mid {\n"
        "  string D;\n"
        "};\n");
    mi_ns *ns = cimv2(f);
    const MI_ClassDecl *base = mi_ns_class(ns, "Base");
    const MI_ClassDecl *mid = mi_ns_class(ns, "Mid");
    const MI_ClassDecl *leaf = mi_ns_class(ns, "Leaf");
    assert_non_null(leaf);
    assert_true(base->flags & MI_FLAG_ABSTRACT);
    assert_false(mid->flags & MI_FLAG_ABSTRACT);        /* Abstract is Restricted */
    assert_true(mid->flags & MI_FLAG_CLASS);
    assert_ptr_equal(mid->superClassDecl, base);
    assert_ptr_equal(leaf->superClassDecl, mid);
    assert_string_equal(leaf->superClass, "Mid");
    /* class qualifiers: Description propagates, Abstract and Version do not */
    assert_int_equal(base->numQualifiers, 3);
    assert_int_equal(mid->numQualifiers, 1);
    assert_string_equal(mid->qualifiers[0]->name, "Description");
    assert_ptr_equal(mid->qualifiers[0], base->qualifiers[1]);
    /* property order: inherited first, overrides keep their slot */
    assert_int_equal(leaf->numProperties, 5);
    const char *order[] = {"Id", "A", "B", "C", "D"};
    for (int i = 0; i < 5; i++)
        assert_string_equal(leaf->properties[i]->name, order[i]);
    const MI_PropertyDecl *b_mid = mid->properties[2], *b_leaf = leaf->properties[2];
    assert_string_equal(b_mid->origin, "Base");
    assert_string_equal(b_mid->propagator, "Mid");
    assert_string_equal(b_leaf->origin, "Base");
    assert_string_equal(b_leaf->propagator, "Mid");
    assert_int_equal(*(const MI_Uint32 *)b_leaf->value, 5);
    const MI_Qualifier *d2 = mi_qualifier_find(b_mid->qualifiers, b_mid->numQualifiers,
                                               "Description");
    assert_non_null(d2);
    assert_string_equal(*(const char *const *)d2->value, "b2");
    /* Override is Restricted: on Mid.B, not on Leaf.B */
    assert_non_null(mi_qualifier_find(b_mid->qualifiers, b_mid->numQualifiers, "Override"));
    assert_null(mi_qualifier_find(b_leaf->qualifiers, b_leaf->numQualifiers, "Override"));
    /* Base.A has a restricted qualifier, so Mid gets a filtered list; Leaf shares Mid's */
    assert_int_equal(mid->properties[1]->numQualifiers, 1);
    assert_ptr_equal(leaf->properties[1]->qualifiers, mid->properties[1]->qualifiers);
    /* unchanged inherited property shares the qualifier array of the superclass */
    assert_ptr_equal(mid->properties[0]->qualifiers, base->properties[0]->qualifiers);
    assert_true(leaf->properties[0]->flags & MI_FLAG_KEY);
    assert_ptr_not_equal(leaf->properties[0], mid->properties[0]);
    assert_string_equal(leaf->properties[3]->origin, "Mid");
    /* layout: inherited offsets match the superclass, sizes grow */
    assert_int_equal(leaf->properties[0]->offset, base->properties[0]->offset);
    assert_true(leaf->size > mid->size && mid->size > base->size);
    assert_true(leaf->properties[4]->offset + sizeof(MI_StringField) <= leaf->size);
    /* methods: MIReturn first, parameter flags */
    assert_int_equal(leaf->numMethods, 1);
    const MI_MethodDecl *m = leaf->methods[0];
    assert_string_equal(m->origin, "Base");
    assert_int_equal(m->returnType, MI_UINT32);
    assert_int_equal(m->numParameters, 5);
    assert_string_equal(m->parameters[0]->name, "MIReturn");
    assert_int_equal(m->parameters[0]->flags, MI_FLAG_PARAMETER | MI_FLAG_OUT);
    assert_int_equal(m->parameters[1]->flags, MI_FLAG_PARAMETER | MI_FLAG_IN);
    assert_int_equal(m->parameters[2]->flags, MI_FLAG_PARAMETER | MI_FLAG_OUT);
    assert_int_equal(m->parameters[3]->flags, MI_FLAG_PARAMETER | MI_FLAG_IN);
    assert_int_equal(m->parameters[4]->flags, MI_FLAG_PARAMETER | MI_FLAG_IN | MI_FLAG_OUT);
    assert_int_equal(m->parameters[4]->type, MI_UINT8A);
    assert_true(m->size >= m->parameters[4]->offset + sizeof(MI_Uint8AField));
    assert_int_equal(m->code, mi_name_code("M"));
}

static void test_property_flags_refs_embedded(void **state)
{
    fixture *f = *state;
    compile_ok(f,
        "class T { [Key] string K; };\n"
        "class U : T { };\n"
        "[Association] class A {\n"
        "  [Key] T REF Left; [Key] T REF Right;\n"
        "};\n"
        "[Association] class A2 : A {\n"
        "  [Override(\"Left\")] U REF Left;\n"
        "};\n"
        "class F {\n"
        "  [Read] uint32 RO; [Read, Write] uint32 RW; [Write] uint32 W; uint32 N;\n"
        "  [Required] string R;\n"
        "  [EmbeddedInstance(\"T\")] string E; [EmbeddedInstance(\"T\")] string EA[];\n"
        "  [EmbeddedObject] string O; [EmbeddedObject] string OA[];\n"
        "  [Static] uint32 S([In] T REF r, [Out] T REF rs[], [EmbeddedInstance(\"T\")] string ei);\n"
        "  [EmbeddedInstance(\"T\")] string Get();\n"
        "  void Nothing();\n"
        "};\n");
    mi_ns *ns = cimv2(f);
    const MI_ClassDecl *a = mi_ns_class(ns, "A"), *a2 = mi_ns_class(ns, "A2");
    assert_true(a->flags & MI_FLAG_ASSOCIATION);
    assert_true(a2->flags & MI_FLAG_ASSOCIATION); /* Association is ToSubclass */
    assert_int_equal(mi_ns_association_count(ns), 2);
    assert_int_equal(prop(a, "Left")->type, MI_REFERENCE);
    assert_string_equal(prop(a, "Left")->className, "T");
    assert_string_equal(prop(a2, "Left")->className, "U");
    assert_string_equal(prop(a2, "Left")->origin, "A");
    assert_string_equal(prop(a2, "Right")->className, "T");
    size_t nroles;
    const MI_PropertyDecl *const *roles = mi_ns_class_roles(ns, a2, &nroles);
    assert_int_equal(nroles, 2);
    assert_string_equal(roles[0]->name, "Left");
    assert_string_equal(roles[1]->name, "Right");
    const MI_ClassDecl *fc = mi_ns_class(ns, "F");
    assert_int_equal(prop(fc, "RO")->flags, MI_FLAG_PROPERTY | MI_FLAG_READONLY);
    assert_int_equal(prop(fc, "RW")->flags, MI_FLAG_PROPERTY);
    assert_int_equal(prop(fc, "W")->flags, MI_FLAG_PROPERTY);
    assert_int_equal(prop(fc, "N")->flags, MI_FLAG_PROPERTY);
    assert_int_equal(prop(fc, "R")->flags, MI_FLAG_PROPERTY | MI_FLAG_REQUIRED);
    assert_int_equal(prop(fc, "E")->type, MI_INSTANCE);
    assert_string_equal(prop(fc, "E")->className, "T");
    assert_int_equal(prop(fc, "EA")->type, MI_INSTANCEA);
    assert_int_equal(prop(fc, "O")->type, MI_INSTANCE);
    assert_null(prop(fc, "O")->className);
    assert_int_equal(prop(fc, "OA")->type, MI_INSTANCEA);
    const MI_MethodDecl *s = mi_classdecl_method(fc, "S", NULL);
    assert_non_null(s);
    assert_int_equal(s->flags, MI_FLAG_METHOD | MI_FLAG_STATIC);
    assert_int_equal(s->parameters[1]->type, MI_REFERENCE);
    assert_string_equal(s->parameters[1]->className, "T");
    assert_int_equal(s->parameters[2]->type, MI_REFERENCEA);
    assert_int_equal(s->parameters[2]->flags, MI_FLAG_PARAMETER | MI_FLAG_OUT);
    assert_int_equal(s->parameters[3]->type, MI_INSTANCE);
    const MI_MethodDecl *g = mi_classdecl_method(fc, "Get", NULL);
    assert_int_equal(g->returnType, MI_INSTANCE);
    assert_string_equal(g->parameters[0]->className, "T");
    const MI_MethodDecl *n = mi_classdecl_method(fc, "Nothing", NULL);
    assert_int_equal(n->numParameters, 0);
    /* an association needs two references: fewer is a warning */
    compile_ok(f, "[Association] class Lonely { [Key] T REF only; };\n");
    assert_int_equal(f->dg.warnings, 1);
    assert_true(err_has(&f->dg.d[0], "association class Lonely has 1 reference"));
    assert_int_equal(f->dg.d[0].line, 1);
    assert_int_equal(f->dg.d[0].col, 21);
}

static void test_qualifier_flavors_and_ms_syntax(void **state)
{
    fixture *f = *state;
    compile_ok(f,
        "Qualifier Tr : string = \"d\", Scope(any), Flavor(Restricted);\n"
        "Qualifier Dis : uint32 = 3, Scope(any), Flavor(DisableOverride);\n"
        "Qualifier Arr : sint64[] = {-1, 2}, Scope(class);\n"
        "[Tr(\"x\"): ToSubclass, Dis(3), Arr{1, 2, 3}]\n"
        "class Q { [ValueMap{\"a\"}: ToSubClass Amended, MaxLen(4): DisableOverride] string S; };\n"
        "[Dis(3)] class Q2 : Q { };\n");
    mi_ns *ns = cimv2(f);
    const MI_QualifierDecl *tr = mi_ns_qualifier(ns, "tr");
    assert_non_null(tr);
    assert_int_equal(tr->flavor, MI_FLAG_ENABLEOVERRIDE | MI_FLAG_RESTRICTED);
    assert_int_equal(tr->scope, MI_FLAG_ANY);
    const MI_QualifierDecl *dis = mi_ns_qualifier(ns, "Dis");
    assert_int_equal(dis->flavor, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS);
    assert_int_equal(*(const MI_Uint32 *)dis->value, 3);
    const MI_QualifierDecl *arr = mi_ns_qualifier(ns, "Arr");
    assert_int_equal(arr->type, MI_SINT64A);
    assert_int_equal(((const MI_ConstSint64A *)arr->value)->data[0], -1);
    const MI_QualifierDecl *desc = mi_ns_qualifier(ns, "Description");
    assert_int_equal(desc->flavor,
                     MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS | MI_FLAG_TRANSLATABLE);
    const MI_ClassDecl *q = mi_ns_class(ns, "Q"), *q2 = mi_ns_class(ns, "Q2");
    const MI_Qualifier *qt = mi_qualifier_find(q->qualifiers, q->numQualifiers, "Tr");
    assert_int_equal(qt->flavor, MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS);
    /* ToSubclass given on the usage: Tr now propagates */
    assert_non_null(mi_qualifier_find(q2->qualifiers, q2->numQualifiers, "Tr"));
    const MI_Qualifier *qa = mi_qualifier_find(q->qualifiers, q->numQualifiers, "Arr");
    assert_int_equal(((const MI_ConstSint64A *)qa->value)->size, 3);
    const MI_PropertyDecl *s = prop(q, "S");
    const MI_Qualifier *vm = mi_qualifier_find(s->qualifiers, s->numQualifiers, "ValueMap");
    assert_int_equal(vm->flavor,
                     MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS | MI_FLAG_TRANSLATABLE);
    const MI_Qualifier *ml = mi_qualifier_find(s->qualifiers, s->numQualifiers, "MaxLen");
    assert_int_equal(ml->flavor, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS);
    /* a plain [Key] usage is shared across elements */
    compile_ok(f, "class S1 { [Key] string a; [Key] string b; };\n");
    const MI_ClassDecl *s1 = mi_ns_class(ns, "S1");
    assert_ptr_equal(s1->properties[0]->qualifiers[0], s1->properties[1]->qualifiers[0]);
}

/* ------------------------------------------------------------------ instances */

static void test_instances_aliases_refs_embedded(void **state)
{
    fixture *f = *state;
    compile_ok(f,
        "class P { [Key] string Name; uint32 Age = 7; };\n"
        "class Pk : P { };\n"
        "[Association] class L { [Key] P REF Parent; [Key] P REF Child; string Note; };\n"
        "class Holder { [Key] uint32 Id; [EmbeddedInstance(\"P\")] string One;\n"
        "  [EmbeddedObject] string Many[]; };\n"
        "instance of L { Parent = $mom; Child = \"P.Name=\\\"Kid\\\"\"; Note = \"n\"; };\n"
        "instance of P as $mom { Name = \"Mom\"; Age = 40; };\n"
        "instance of Pk { Name = \"Kid\"; Age = NULL; };\n"
        "instance of P as $emb { Name = \"Inside\"; };\n"
        "instance of Holder { Id = 1; One = $emb;\n"
        "  Many = { instance of P { Name = \"Inline\"; }, $emb }; };\n");
    mi_ns *ns = cimv2(f);
    /* $emb is only an embedded value: 4 repository instances */
    assert_int_equal(mi_ns_instance_count(ns), 4);
    const MI_ClassDecl *pc = mi_ns_class(ns, "P");
    size_t n;
    const MI_Instance *const *ps = mi_ns_instances_of(ns, pc, &n);
    assert_int_equal(n, 1);
    MI_Value v;
    MI_Type t;
    MI_Uint32 fl;
    assert_int_equal(MI_Instance_GetElement(ps[0], "Age", &v, &t, &fl, NULL), MI_RESULT_OK);
    assert_int_equal(v.uint32, 40);
    assert_string_equal(ps[0]->nameSpace, "root/cimv2");
    const MI_Instance *const *ks = mi_ns_instances_of(ns, mi_ns_class(ns, "Pk"), &n);
    assert_int_equal(n, 1);
    assert_int_equal(MI_Instance_GetElement(ks[0], "Age", &v, &t, &fl, NULL), MI_RESULT_OK);
    assert_true(fl & MI_FLAG_NULL); /* explicit NULL replaces the default */
    const MI_Instance *const *ls = mi_ns_instances_of(ns, mi_ns_class(ns, "L"), &n);
    assert_int_equal(n, 1);
    assert_int_equal(MI_Instance_GetElement(ls[0], "Parent", &v, &t, &fl, NULL), MI_RESULT_OK);
    assert_int_equal(t, MI_REFERENCE);
    assert_ptr_equal(v.reference, ps[0]); /* forward alias resolved */
    assert_int_equal(MI_Instance_GetElement(ls[0], "Child", &v, &t, &fl, NULL), MI_RESULT_OK);
    MI_Value kv;
    assert_string_equal(v.reference->classDecl->name, "P");
    assert_int_equal(MI_Instance_GetElement(v.reference, "Name", &kv, &t, &fl, NULL),
                     MI_RESULT_OK);
    assert_string_equal(kv.string, "Kid");
    /* the association instance is found by its key string */
    mi_buf b;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_instance_keystring(ls[0], &b), MI_RESULT_OK);
    assert_ptr_equal(mi_ns_instance(ns, mi_buf_str(&b)), ls[0]);
    mi_buf_free(&b);
    const MI_Instance *const *hs = mi_ns_instances_of(ns, mi_ns_class(ns, "Holder"), &n);
    assert_int_equal(n, 1);
    assert_int_equal(MI_Instance_GetElement(hs[0], "One", &v, &t, &fl, NULL), MI_RESULT_OK);
    assert_int_equal(t, MI_INSTANCE);
    assert_int_equal(MI_Instance_GetElement(v.instance, "Name", &kv, &t, &fl, NULL),
                     MI_RESULT_OK);
    assert_string_equal(kv.string, "Inside");
    assert_int_equal(MI_Instance_GetElement(hs[0], "Many", &v, &t, &fl, NULL), MI_RESULT_OK);
    assert_int_equal(t, MI_INSTANCEA);
    assert_int_equal(v.instancea.size, 2);
    assert_int_equal(MI_Instance_GetElement(v.instancea.data[0], "Name", &kv, &t, &fl, NULL),
                     MI_RESULT_OK);
    assert_string_equal(kv.string, "Inline");
}

static void test_namespace_pragma(void **state)
{
    fixture *f = *state;
    size_t before = mi_repo_ns_count(f->repo);
    compile_ok(f,
        "#pragma namespace(\"root/Other\")\n"
        "Qualifier Key : boolean = false, Scope(property), Flavor(DisableOverride);\n"
        "class N { [Key] string k; };\n"
        "instance of N { k = \"1\"; };\n"
        "#pragma namespace(\"\\\\\\\\.\\\\root\\\\cimv2\")\n"
        "class N { string other; };\n");
    assert_int_equal(mi_repo_ns_count(f->repo), before + 1);
    mi_ns *o = mi_repo_ns(f->repo, "ROOT\\other");
    assert_non_null(o);
    assert_int_equal(mi_ns_class_count(o), 1);
    assert_int_equal(mi_ns_instance_count(o), 1);
    assert_int_equal(mi_ns_qualifier_count(o), 1);
    assert_non_null(mi_ns_class(cimv2(f), "N"));
    assert_int_equal(mi_ns_class(cimv2(f), "N")->numProperties, 1);
    /* malformed namespace names */
    check_error(f, "class Z1 { };\n#pragma namespace(\"root//x\")\n",
                MI_RESULT_INVALID_NAMESPACE, "namespace(", 0, "invalid namespace name");
    diags_reset(&f->dg);
    mi_mof_options opt = diag_options(&f->dg);
    opt.ns = "root/a b";
    assert_int_equal(mi_mof_compile_buffer(f->repo, "x.mof", "class Z2 { };", 13, &opt, NULL),
                     MI_RESULT_INVALID_NAMESPACE);
    assert_null(mi_ns_class(cimv2(f), "Z2"));
}

/* ------------------------------------------------------------------ semantic errors */

static void test_err_undeclared_qualifier(void **state)
{
    check_error(*state, "class A {\n  [Nope] uint32 x;\n};\n", MI_RESULT_NOT_FOUND, "Nope", 0,
                "Nope is not declared");
}

static void test_err_qualifier_type(void **state)
{
    fixture *f = *state;
    check_error(f, "class A {\n  [Description(5)] uint32 x;\n};\n", MI_RESULT_TYPE_MISMATCH,
                "5)", 0, "expected a string value");
    check_error(f, "class A {\n  [Required(\"yes\")] uint32 x;\n};\n",
                MI_RESULT_TYPE_MISMATCH, "\"yes\"", 0, "boolean");
    check_error(f, "class A {\n  [ValueMap(\"0\")] uint32 x;\n};\n", MI_RESULT_TYPE_MISMATCH,
                "\"0\"", 0, "array");
    check_error(f, "class A {\n  [MaxLen{1, 2}] uint32 x;\n};\n", MI_RESULT_TYPE_MISMATCH,
                "{1", 0, "found an array");
    check_error(f, "class A {\n  [Description] uint32 x;\n};\n", MI_RESULT_TYPE_MISMATCH,
                "Description", 0, "needs a value");
}

static void test_err_qualifier_scope(void **state)
{
    fixture *f = *state;
    check_error(f, "[Description(\"d\"), Key]\nclass A { uint32 x; };\n",
                MI_RESULT_INVALID_PARAMETER, "Key", 0, "cannot be used on a class");
    check_error(f, "class A { [In] uint32 x; };\n", MI_RESULT_INVALID_PARAMETER, "In", 0,
                "property");
    check_error(f, "[Association] class A { };\nclass B { [Association] string s; };\n",
                MI_RESULT_INVALID_PARAMETER, "Association", 1, "property");
}

static void test_err_duplicate_qualifier(void **state)
{
    check_error(*state, "class A {\n  [Key, Description(\"a\"), key] string k;\n};\n",
                MI_RESULT_ALREADY_EXISTS, "key]", 0, "more than once");
}

static void test_err_duplicate_qualifier_decl(void **state)
{
    fixture *f = *state;
    check_error(f,
                "Qualifier Foo : boolean = false, Scope(any);\n"
                "Qualifier FOO : boolean = false, Scope(any);\n",
                MI_RESULT_ALREADY_EXISTS, "FOO", 0, "already declared");
    /* against the repository: a different definition is an error... */
    check_error(f, "Qualifier Key : uint32, Scope(property);\n", MI_RESULT_ALREADY_EXISTS,
                "Key", 0, "already declared");
    /* ...the same one is ignored, silently */
    compile_ok(f, "Qualifier Key : boolean = false, Scope(property, reference), "
                  "Flavor(DisableOverride, ToSubclass);\n");
    assert_int_equal(f->dg.warnings, 0);
    assert_int_equal(mi_ns_qualifier_count(cimv2(f)), PRELUDE_QUALS);
}

static void test_err_unknown_superclass(void **state)
{
    check_error(*state, "class A : Missing {\n  uint32 x;\n};\n",
                MI_RESULT_INVALID_SUPERCLASS, "Missing", 0, "not declared");
}

static void test_err_unknown_ref_class(void **state)
{
    fixture *f = *state;
    check_error(f, "[Association] class A {\n  [Key] Nowhere REF r;\n  [Key] A REF s; };\n",
                MI_RESULT_INVALID_CLASS, "Nowhere", 0, "reference class Nowhere");
    check_error(f, "class A { [EmbeddedInstance(\"Gone\")] string e; };\n",
                MI_RESULT_INVALID_CLASS, "string e", 0, "EmbeddedInstance class Gone");
}

static void test_err_duplicate_class(void **state)
{
    fixture *f = *state;
    check_error(f, "class A { };\nclass a { };\n", MI_RESULT_ALREADY_EXISTS, "a {", 0,
                "already declared");
    compile_ok(f, "class InRepo { };\n");
    check_error(f, "class InRepo { };\n", MI_RESULT_ALREADY_EXISTS, "InRepo", 0,
                "already declared");
}

static void test_err_duplicate_feature(void **state)
{
    fixture *f = *state;
    check_error(f, "class A {\n  uint32 x;\n  string X;\n};\n", MI_RESULT_ALREADY_EXISTS,
                "X;", 0, "more than once");
    check_error(f, "class A {\n  uint32 m();\n  uint32 M(uint32 a);\n};\n",
                MI_RESULT_ALREADY_EXISTS, "M(", 0, "more than once");
    check_error(f, "class A {\n  uint32 m(uint32 a, string A);\n};\n",
                MI_RESULT_ALREADY_EXISTS, "A)", 0, "more than once");
}

static void test_err_key_in_subclass(void **state)
{
    fixture *f = *state;
    check_error(f,
                "class A { [Key] string k; string o; };\n"
                "class B : A {\n  [Key] string k2;\n};\n",
                MI_RESULT_INVALID_PARAMETER, "k2", 0, "cannot be a key");
    check_error(f,
                "class A { [Key] string k; string o; };\n"
                "class B : A {\n  [Key, Override(\"o\")] string o;\n};\n",
                MI_RESULT_INVALID_PARAMETER, "o;", 1, "cannot be a key");
    /* overriding an existing key, or keys under a keyless superclass, is fine */
    compile_ok(f, "class A { [Key] string k; };\n"
                  "class B : A { [Key, Override(\"k\")] string k; };\n"
                  "class C { string x; };\n"
                  "class D : C { [Key] string y; };\n");
}

static void test_err_value_type_and_range(void **state)
{
    fixture *f = *state;
    check_error(f, "class A {\n  uint8 x = 256;\n};\n", MI_RESULT_TYPE_MISMATCH, "256", 0,
                "out of range for uint8");
    check_error(f, "class A {\n  uint32 x = -1;\n};\n", MI_RESULT_TYPE_MISMATCH, "-1", 0,
                "out of range for uint32");
    check_error(f, "class A { sint8 x = -129; };\n", MI_RESULT_TYPE_MISMATCH, "-129", 0,
                "out of range");
    check_error(f, "class A { sint16 x = 0x10000; };\n", MI_RESULT_TYPE_MISMATCH, "0x", 0,
                "out of range");
    check_error(f, "class A { string x = 5; };\n", MI_RESULT_TYPE_MISMATCH, "5", 0,
                "expected a string");
    check_error(f, "class A { boolean x = \"TRUE\"; };\n", MI_RESULT_TYPE_MISMATCH, "\"TRUE",
                0, "boolean");
    check_error(f, "class A { real32 x = 1e39; };\n", MI_RESULT_TYPE_MISMATCH, "1e39", 0,
                "real32");
    check_error(f, "class A { datetime d = \"2024\"; };\n", MI_RESULT_TYPE_MISMATCH,
                "\"2024", 0, "datetime");
    check_error(f, "class A { uint8 a[] = 1; };\n", MI_RESULT_TYPE_MISMATCH, "1;", 0,
                "array");
    check_error(f, "class A { uint8 a[2] = {1, 2, 3}; };\n", MI_RESULT_TYPE_MISMATCH,
                "{1", 0, "array size is 2");
    check_error(f, "class A { char16 c = \"x\"; };\n", MI_RESULT_TYPE_MISMATCH, "\"x", 0,
                "char16");
    check_error(f,
                "class A { [Key] string k; };\n"
                "instance of A {\n  k = 12;\n};\n",
                MI_RESULT_TYPE_MISMATCH, "12", 0, "expected a string");
}

static void test_err_instance_of_abstract_or_unknown(void **state)
{
    fixture *f = *state;
    check_error(f, "[Abstract] class A { [Key] string k; };\ninstance of A { k = \"1\"; };\n",
                MI_RESULT_INVALID_CLASS, "A {", 1, "abstract");
    check_error(f, "instance of Ghost {\n  k = 1;\n};\n", MI_RESULT_INVALID_CLASS, "Ghost", 0,
                "unknown class");
}

static void test_err_instance_property_and_keys(void **state)
{
    fixture *f = *state;
    check_error(f, "class A { [Key] string k; };\ninstance of A {\n  k = \"x\";\n  zz = 1;\n};\n",
                MI_RESULT_NO_SUCH_PROPERTY, "zz", 0, "no property");
    check_error(f, "class A { [Key] string k; string o; };\n"
                   "instance of A {\n  o = \"x\";\n};\n",
                MI_RESULT_INVALID_PARAMETER, "instance", 0, "no value for key property k");
    /* a key with a default value needs no value */
    compile_ok(f, "class KD { [Key] string k = \"dflt\"; };\ninstance of KD { };\n");
    check_error(f, "class A { [Key] string k; };\n"
                   "instance of A { k = \"x\"; k = \"y\"; };\n",
                MI_RESULT_ALREADY_EXISTS, "k = \"y", 0, "twice");
}

static void test_err_duplicate_instance(void **state)
{
    fixture *f = *state;
    check_error(f, "class A { [Key] string k; uint32 v; };\n"
                   "instance of A { k = \"x\"; v = 1; };\n"
                   "instance of A { v = 2; k = \"x\"; };\n",
                MI_RESULT_ALREADY_EXISTS, "instance", 1, "same keys");
    /* keys differing only in case are different instances */
    compile_ok(f, "class CS { [Key] string k; };\n"
                  "instance of CS { k = \"x\"; };\ninstance of CS { k = \"X\"; };\n");
    assert_int_equal(mi_ns_instance_count(cimv2(f)), 2);
    /* and against the repository */
    check_error(f, "instance of CS { k = \"X\"; };\n", MI_RESULT_ALREADY_EXISTS, "instance", 0,
                "in the repository");
}

static void test_err_aliases(void **state)
{
    fixture *f = *state;
    const char *cls = "class A { [Key] string k; };\n"
                      "[Association] class R { [Key] A REF x; [Key] A REF y; };\n";
    char text[1024];
    snprintf(text, sizeof text, "%s%s", cls,
             "instance of A as $one { k = \"1\"; };\n"
             "instance of A as $one { k = \"2\"; };\n");
    check_error(f, text, MI_RESULT_ALREADY_EXISTS, "$one", 1, "already defined");
    snprintf(text, sizeof text, "%s%s", cls,
             "instance of A as $one { k = \"1\"; };\n"
             "instance of R { x = $one;\n  y = $two; };\n");
    check_error(f, text, MI_RESULT_NOT_FOUND, "$two", 0, "$two is not defined");
    check_error(f, "class A { [Key] string k; };\nclass R2 { A REF x = $a; };\n",
                MI_RESULT_INVALID_PARAMETER, "$a", 0, "alias can only be used");
}

static void test_err_ref_wrong_class(void **state)
{
    fixture *f = *state;
    const char *cls = "class A { [Key] string k; };\nclass B { [Key] string k; };\n"
                      "[Association] class R { [Key] A REF x; [Key] A REF y; };\n"
                      "class E { [Key] uint32 id; [EmbeddedInstance(\"A\")] string e; };\n"
                      "instance of A as $a { k = \"1\"; };\ninstance of B as $b { k = \"1\"; };\n";
    char text[1024];
    snprintf(text, sizeof text, "%sinstance of R { x = $a; y = $b; };\n", cls);
    check_error(f, text, MI_RESULT_TYPE_MISMATCH, "$b;", 0, "names an instance of B");
    snprintf(text, sizeof text, "%sinstance of R { x = $a; y = \"B.k=\\\"1\\\"\"; };\n", cls);
    check_error(f, text, MI_RESULT_TYPE_MISMATCH, "\"B.k", 0, "names a B");
    snprintf(text, sizeof text, "%sinstance of R { x = $a; y = \"Nope.k=1\"; };\n", cls);
    check_error(f, text, MI_RESULT_INVALID_CLASS, "\"Nope", 0, "unknown class Nope");
    snprintf(text, sizeof text, "%sinstance of E { id = 1; e = $b; };\n", cls);
    check_error(f, text, MI_RESULT_TYPE_MISMATCH, "$b;", 0, "an instance of A");
    snprintf(text, sizeof text, "%sinstance of E { id = 1; e = \"A.k=1\"; };\n", cls);
    check_error(f, text, MI_RESULT_TYPE_MISMATCH, "\"A.k", 0, "embedded instance");
}

static void test_err_override_rules(void **state)
{
    fixture *f = *state;
    check_error(f, "class A { string s; };\nclass B : A {\n  [Override(\"s\")] uint32 s;\n};\n",
                MI_RESULT_TYPE_MISMATCH, "uint32", 0, "overrides A.s of type string");
    check_error(f,
                "Qualifier Fixed : uint32 = 0, Scope(property), Flavor(DisableOverride);\n"
                "class A { [Fixed(1)] string s; };\n"
                "class B : A { [Override(\"s\"), Fixed(2)] string s; };\n",
                MI_RESULT_INVALID_PARAMETER, "Fixed(2)", 0, "DisableOverride");
    /* the same value is allowed, and a missing Override is only a warning */
    compile_ok(f,
               "Qualifier Fixed2 : uint32 = 0, Scope(property), Flavor(DisableOverride);\n"
               "class A { [Fixed2(1)] string s; };\n"
               "class B : A { [Fixed2(1)] string s; };\n");
    assert_int_equal(f->dg.warnings, 1);
    assert_true(has_text(f->dg.d[0].msg, "without the Override qualifier"));
}

static void test_err_syntax_messages(void **state)
{
    fixture *f = *state;
    check_error(f, "class A {\n  uint32 x\n};\n", MI_RESULT_INVALID_PARAMETER, "}", 0,
                "expected ';' after the property declaration, found '}'");
    check_error(f, "class A {\n  uint32 x = 5\n};\n", MI_RESULT_INVALID_PARAMETER, "}", 0,
                "expected ';' after the default value, found '}'");
    check_error(f, "class A { widget x; };\n", MI_RESULT_INVALID_PARAMETER, "widget", 0,
                "unknown type 'widget'");
    check_error(f, "class A { [Key string k; };\n", MI_RESULT_INVALID_PARAMETER, "string", 0,
                "expected ',' or ']'");
    check_error(f, "classy A { };\n", MI_RESULT_INVALID_PARAMETER, "classy", 0,
                "expected a class, instance or qualifier declaration");
    check_error(f, "class A { uint8 a[] = {1, {2}}; };\n", MI_RESULT_INVALID_PARAMETER, "{2",
                0, "nested");
    check_error(f, "class A { uint32 x = 08; };\n", MI_RESULT_INVALID_PARAMETER, "8", 0,
                "octal");
    check_error(f, "class A { uint32 x = 99999999999999999999; };\n",
                MI_RESULT_INVALID_PARAMETER, "999", 0, "64 bits");
    check_error(f, "class A { string s = \"bad \\q escape\"; };\n",
                MI_RESULT_INVALID_PARAMETER, "\\q", 0, "invalid escape");
    check_error(f, "class A { char16 c = 'ab'; };\n", MI_RESULT_INVALID_PARAMETER, "'ab", 0,
                "exactly one character");
    check_error(f, "class A { uint32 x; } @\n", MI_RESULT_INVALID_PARAMETER, "@", 0,
                "unexpected character '@'");
    check_error(f, "class A { real64 x = ..5; };\n", MI_RESULT_INVALID_PARAMETER, "..5", 0,
                "unexpected character '.'");
    check_error(f, "class A { real64 x = - 5; };\n", MI_RESULT_INVALID_PARAMETER, "- 5", 0,
                "unexpected character '-'");
    check_error(f, "#pragma include(\"x.mof\"\nclass A { };\n", MI_RESULT_INVALID_PARAMETER,
                "class", 0, "expected ')'");
}

static void test_err_unterminated(void **state)
{
    fixture *f = *state;
    check_error(f, "class A { };\n/* open\ncomment\n", MI_RESULT_INVALID_PARAMETER, "/*", 0,
                "unterminated comment");
    check_error(f, "class A {\n  string s = \"open;\n};\n", MI_RESULT_INVALID_PARAMETER,
                "\"open", 0, "unterminated string");
    /* end of file inside a class body: reported at the end (line 3, column 1) */
    assert_int_equal(compile_text(f->repo, "class A {\n  uint32 x;\n", &f->dg),
                     MI_RESULT_INVALID_PARAMETER);
    const diag_rec *e = first_error(&f->dg);
    assert_non_null(e);
    assert_int_equal(e->line, 3);
    assert_int_equal(e->col, 1);
    assert_true(err_has(first_error(&f->dg), "expected '}' to close the class body, "
                                                   "found end of file"));
}

/* ------------------------------------------------------------------ recovery, all-or-nothing */

static void test_multiple_errors_and_recovery(void **state)
{
    fixture *f = *state;
    const char *text =
        "class A {\n"
        "  uint32 x = \"s\";\n"        /* 2: type */
        "  widget w;\n"                /* 3: syntax, resync in the body */
        "  [Nope] uint32 y;\n"         /* 4: undeclared qualifier */
        "};\n"
        "class B : A { uint32 z; };\n" /* no cascade: A was registered */
        "class C : Gone { };\n"        /* 7: superclass */
        "instance of B { z = 1 }\n"    /* 8: missing ';' */
        "class D { };\n";              /* skipped by the resync after line 8 */
    MI_Result rc = compile_text(f->repo, text, &f->dg);
    assert_int_equal(rc, MI_RESULT_TYPE_MISMATCH);
    assert_int_equal(f->dg.errors, 5);
    assert_non_null(error_at_line(&f->dg, 2));
    assert_non_null(error_at_line(&f->dg, 3));
    assert_non_null(error_at_line(&f->dg, 4));
    assert_non_null(error_at_line(&f->dg, 7));
    assert_non_null(error_at_line(&f->dg, 8));
    assert_null(mi_ns_class(cimv2(f), "A"));
    /* max_errors stops early */
    diags_reset(&f->dg);
    mi_mof_options o = diag_options(&f->dg);
    o.max_errors = 2;
    rc = mi_mof_compile_buffer(f->repo, "t.mof", text, strlen(text), &o, NULL);
    assert_int_not_equal(rc, MI_RESULT_OK);
    assert_int_equal(f->dg.errors, 2);
}

static void test_all_or_nothing(void **state)
{
    fixture *f = *state;
    compile_ok(f, "class Kept { [Key] string k; };\ninstance of Kept { k = \"a\"; };\n");
    size_t classes = mi_ns_class_count(cimv2(f));
    size_t nss = mi_repo_ns_count(f->repo);
    mi_mof_stats st;
    diags_reset(&f->dg);
    mi_mof_options o = diag_options(&f->dg);
    const char *text = "Qualifier NewQ : boolean = false, Scope(any);\n"
                       "class Good1 { [Key] string k; };\n"
                       "instance of Good1 { k = \"g\"; };\n"
                       "#pragma namespace(\"root/brandnew\")\n"
                       "class Good2 { };\n"
                       "#pragma namespace(\"root/cimv2\")\n"
                       "class Bad { uint8 x = 300; };\n";
    MI_Result rc = mi_mof_compile_buffer(f->repo, "t.mof", text, strlen(text), &o, &st);
    assert_int_equal(rc, MI_RESULT_TYPE_MISMATCH);
    assert_int_equal(st.errors, 1);
    assert_int_equal(st.classes, 0);
    assert_int_equal(st.instances, 0);
    assert_null(mi_ns_class(cimv2(f), "Good1"));
    assert_null(mi_ns_qualifier(cimv2(f), "NewQ"));
    assert_null(mi_repo_ns(f->repo, "root/brandnew"));
    assert_int_equal(mi_ns_class_count(cimv2(f)), classes);
    assert_int_equal(mi_ns_instance_count(cimv2(f)), 1);
    assert_int_equal(mi_repo_ns_count(f->repo), nss);
    /* the same text without the bad class goes in completely */
    const char *fixed = "Qualifier NewQ : boolean = false, Scope(any);\n"
                        "class Good1 { [Key] string k; };\n"
                        "instance of Good1 { k = \"g\"; };\n"
                        "#pragma namespace(\"root/brandnew\")\n"
                        "class Good2 { };\n";
    rc = mi_mof_compile_buffer(f->repo, "t.mof", fixed, strlen(fixed), &o, &st);
    assert_int_equal(rc, MI_RESULT_OK);
    assert_int_equal(st.classes, 2);
    assert_int_equal(st.instances, 1);
    assert_int_equal(st.qualifiers, 1);
    assert_non_null(mi_ns_class(mi_repo_ns(f->repo, "root/brandnew"), "Good2"));
}

/* ------------------------------------------------------------------ encodings */

/* UTF-8 text -> UTF-16 (BOM first) in a malloc'd buffer. */
static unsigned char *to_utf16(const char *s, bool be, size_t *n)
{
    size_t len = strlen(s);
    unsigned char *out = malloc(len * 4 + 4);
    size_t k = 0;
    out[k++] = be ? 0xFE : 0xFF;
    out[k++] = be ? 0xFF : 0xFE;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int l = mi_utf8_decode(s + i, len - i, &cp);
        assert_true(l > 0);
        i += (size_t)l;
        uint16_t units[2];
        int nu = 1;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            units[0] = (uint16_t)(0xD800 | (cp >> 10));
            units[1] = (uint16_t)(0xDC00 | (cp & 0x3FF));
            nu = 2;
        } else {
            units[0] = (uint16_t)cp;
        }
        for (int u = 0; u < nu; u++) {
            out[k++] = be ? (unsigned char)(units[u] >> 8) : (unsigned char)units[u];
            out[k++] = be ? (unsigned char)units[u] : (unsigned char)(units[u] >> 8);
        }
    }
    *n = k;
    return out;
}

static char *to_crlf(const char *s)
{
    char *out = malloc(strlen(s) * 2 + 1);
    char *d = out;
    for (; *s; s++) {
        if (*s == '\n')
            *d++ = '\r';
        *d++ = *s;
    }
    *d = '\0';
    return out;
}

/* Compiles data into a fresh repository (prelude first); returns the result and the
 * first error's position. */
static MI_Result compile_variant(const void *data, size_t n, diags *dg, mi_repo **out)
{
    mi_repo *r;
    assert_int_equal(mi_repo_new(&r), MI_RESULT_OK);
    assert_int_equal(compile_text(r, PRELUDE, dg), MI_RESULT_OK);
    diags_reset(dg);
    mi_mof_options o = diag_options(dg);
    MI_Result rc = mi_mof_compile_buffer(r, "enc.mof", data, n, &o, NULL);
    *out = r;
    return rc;
}

static void check_same_result(const char *utf8)
{
    diags dg = {0};
    size_t n16le, n16be;
    unsigned char *le = to_utf16(utf8, false, &n16le), *be = to_utf16(utf8, true, &n16be);
    char *crlf = to_crlf(utf8);
    char bom[4096];
    snprintf(bom, sizeof bom, "\xEF\xBB\xBF%s", utf8);
    const void *data[5] = {utf8, crlf, bom, le, be};
    size_t len[5] = {strlen(utf8), strlen(crlf), strlen(bom), n16le, n16be};
    MI_Result rc0 = MI_RESULT_OK;
    unsigned line0 = 0, col0 = 0;
    char desc0[200] = "";
    for (int i = 0; i < 5; i++) {
        mi_repo *r;
        MI_Result rc = compile_variant(data[i], len[i], &dg, &r);
        const diag_rec *e = first_error(&dg);
        char desc[200] = "";
        mi_ns *ns = mi_repo_ns(r, "root/cimv2");
        const MI_ClassDecl *cd = ns ? mi_ns_class(ns, "Enc") : NULL;
        if (cd) {
            const MI_PropertyDecl *pd = mi_classdecl_property(cd, "s", NULL);
            snprintf(desc, sizeof desc, "%u|%s|%zu", (unsigned)cd->numProperties,
                     pd && pd->value ? *(const char *const *)pd->value : "-",
                     mi_ns_instance_count(ns));
        }
        if (i == 0) {
            rc0 = rc;
            line0 = e ? e->line : 0;
            col0 = e ? e->col : 0;
            snprintf(desc0, sizeof desc0, "%s", desc);
        } else {
            assert_int_equal(rc, rc0);
            assert_int_equal(e ? e->line : 0, line0);
            assert_int_equal(e ? e->col : 0, col0);
            assert_string_equal(desc, desc0);
        }
        mi_repo_free(r);
    }
    free(le);
    free(be);
    free(crlf);
}

static void test_encodings_same_result(void **state)
{
    (void)state;
    /* valid: non-ASCII in a string and a comment, multi-line strings, an instance */
    check_same_result("// caf\xC3\xA9 \xF0\x9F\x98\x80\n"
                      "class Enc {\n"
                      "  [Key] string s = \"\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80\"\n"
                      "     \" suite\";\n"
                      "  uint32 n;\n"
                      "};\n"
                      "instance of Enc { s = \"k\"; n = 1; };\n");
    /* an error after non-ASCII characters on the same line: same line and column */
    check_same_result("class Enc {\n"
                      "  string s = \"\xC3\xA9\xC3\xA9\xF0\x9F\x98\x80\"; uint8 v = 300;\n"
                      "};\n");
}

static void test_encoding_errors(void **state)
{
    fixture *f = *state;
    diags_reset(&f->dg);
    mi_mof_options o = diag_options(&f->dg);
    const char bad[] = "class A {\n  string s = \"ok \xC3(\";\n};\n";
    MI_Result rc = mi_mof_compile_buffer(f->repo, "b.mof", bad, sizeof bad - 1, &o, NULL);
    assert_int_equal(rc, MI_RESULT_INVALID_PARAMETER);
    const diag_rec *e = first_error(&f->dg);
    assert_non_null(e);
    unsigned line, col;
    pos_of(bad, "\xC3(", 0, &line, &col);
    assert_int_equal(e->line, line);
    assert_int_equal(e->col, col);
    assert_true(has_text(e->msg, "invalid UTF-8"));
    /* unpaired surrogate in UTF-16LE */
    const unsigned char u16[] = {0xFF, 0xFE, 'c', 0, '\n', 0, 'x', 0, 0x00, 0xD8, 'y', 0};
    diags_reset(&f->dg);
    rc = mi_mof_compile_buffer(f->repo, "b16.mof", (const char *)u16, sizeof u16, &o, NULL);
    assert_int_equal(rc, MI_RESULT_INVALID_PARAMETER);
    e = first_error(&f->dg);
    assert_non_null(e);
    assert_int_equal(e->line, 2);
    assert_int_equal(e->col, 2);
    assert_true(has_text(e->msg, "UTF-16"));
    /* NUL byte */
    const char nul[] = "class A { };\n\0class";
    diags_reset(&f->dg);
    rc = mi_mof_compile_buffer(f->repo, "nul.mof", nul, sizeof nul - 1, &o, NULL);
    assert_int_equal(rc, MI_RESULT_INVALID_PARAMETER);
    e = first_error(&f->dg);
    assert_non_null(e);
    assert_int_equal(e->line, 2);
}

/* ------------------------------------------------------------------ includes, caps */

static char tmpdir[256];

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static int setup_tmpdir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/mi_mof_test_XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    char sub[300];
    snprintf(sub, sizeof sub, "%s/Sub", tmpdir);
    return mkdir(sub, 0700);
}

static int teardown_tmpdir(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_includes(void **state)
{
    fixture *f = *state;
    write_file("Sub/Inner.mof", "class Inner { uint32 x; };\n");
    write_file("top.mof", "#pragma include (\"sub/INNER.mof\")\n"
                          "#pragma include(\"Sub/Inner2.mof\")\n"
                          "class Outer : Inner { };\n");
    write_file("Sub/Inner2.mof", "#pragma include(\"../third.mof\")\n");
    write_file("third.mof", "class Third { };\n");
    char path[512];
    snprintf(path, sizeof path, "%s/top.mof", tmpdir);
    diags_reset(&f->dg);
    mi_mof_options o = diag_options(&f->dg);
    mi_mof_stats st;
    MI_Result rc = mi_mof_compile_file(f->repo, path, &o, &st);
    assert_int_equal(rc, MI_RESULT_OK);
    assert_int_equal(st.classes, 3);
    assert_non_null(mi_ns_class(cimv2(f), "Outer"));

    /* include dirs: found there when not next to the including file */
    write_file("Sub/usesdir.mof", "#pragma include(\"third.mof\")\n");
    const char *dirs[] = {tmpdir};
    mi_repo *r2;
    assert_int_equal(mi_repo_new(&r2), MI_RESULT_OK);
    snprintf(path, sizeof path, "%s/Sub/usesdir.mof", tmpdir);
    o.include_dirs = dirs;
    o.n_include_dirs = 1;
    diags_reset(&f->dg);
    assert_int_equal(mi_mof_compile_file(r2, path, &o, &st), MI_RESULT_OK);
    assert_int_equal(st.classes, 1);
    mi_repo_free(r2);

    /* a missing file: error at the #pragma */
    const char *text = "class X1 { };\n  #pragma include (\"nothere.mof\")\n";
    check_error(f, text, MI_RESULT_NOT_FOUND, "#pragma", 0, "cannot find include file");
    /* an error inside an included file names that file */
    write_file("bad.mof", "class B1 {\n  uint8 x = 999;\n};\n");
    snprintf(path, sizeof path, "#pragma include(\"%s/bad.mof\")\n", tmpdir);
    diags_reset(&f->dg);
    assert_int_not_equal(compile_text(f->repo, path, &f->dg), MI_RESULT_OK);
    const diag_rec *e = first_error(&f->dg);
    assert_non_null(e);
    assert_true(e && strstr(e->file, "bad.mof") != NULL);
    assert_int_equal(e->line, 2);
    assert_int_equal(e->col, 13);
}

static void test_include_depth_cap(void **state)
{
    fixture *f = *state;
    write_file("self.mof", "class S { };\n#pragma include(\"self.mof\")\n");
    char path[512];
    snprintf(path, sizeof path, "%s/self.mof", tmpdir);
    diags_reset(&f->dg);
    mi_mof_options o = diag_options(&f->dg);
    o.max_include_depth = 4;
    MI_Result rc = mi_mof_compile_file(f->repo, path, &o, NULL);
    assert_int_equal(rc, MI_RESULT_ALREADY_EXISTS); /* class S declared again by the 1st include */
    bool depth = false;
    for (unsigned i = 0; i < f->dg.n; i++) {
        if (f->dg.d[i].code == MI_RESULT_SERVER_LIMITS_EXCEEDED &&
            has_text(f->dg.d[i].msg, "nested more than 4")) {
            depth = true;
            assert_int_equal(f->dg.d[i].line, 2);
            assert_int_equal(f->dg.d[i].col, 1);
        }
    }
    assert_true(depth);
    write_file("loop.mof", "#pragma include(\"loop.mof\")\n");
    snprintf(path, sizeof path, "%s/loop.mof", tmpdir);
    diags_reset(&f->dg);
    rc = mi_mof_compile_file(f->repo, path, &o, NULL);
    assert_int_equal(rc, MI_RESULT_SERVER_LIMITS_EXCEEDED);
    assert_int_equal(f->dg.errors, 1);
}

static void test_caps(void **state)
{
    fixture *f = *state;
    /* file size */
    diags_reset(&f->dg);
    mi_mof_options o = diag_options(&f->dg);
    o.max_file_size = 10;
    const char *text = "class Big { uint32 x; };\n";
    assert_int_equal(mi_mof_compile_buffer(f->repo, "big.mof", text, strlen(text), &o, NULL),
                     MI_RESULT_SERVER_LIMITS_EXCEEDED);
    /* string literal longer than 1 MiB */
    size_t n = ((size_t)1 << 20) + 64;
    char *big = malloc(n + 64);
    strcpy(big, "class S { string s = \"");
    size_t k = strlen(big);
    memset(big + k, 'a', ((size_t)1 << 20) + 1);
    k += ((size_t)1 << 20) + 1;
    strcpy(big + k, "\"; };\n");
    assert_int_equal(compile_text(f->repo, big, &f->dg), MI_RESULT_SERVER_LIMITS_EXCEEDED);
    assert_true(err_has(first_error(&f->dg), "longer than"));
    /* concatenation past the cap */
    k = strlen("class S { string s = \"");
    memset(big + k, 'a', (size_t)1 << 19);
    k += (size_t)1 << 19;
    strcpy(big + k, "\" \"");
    k += 3;
    memset(big + k, 'b', ((size_t)1 << 19) + 1);
    k += ((size_t)1 << 19) + 1;
    strcpy(big + k, "\"; };\n");
    assert_int_equal(compile_text(f->repo, big, &f->dg), MI_RESULT_SERVER_LIMITS_EXCEEDED);
    free(big);
    /* array elements */
    size_t elems = ((size_t)1 << 16) + 1;
    char *arr = malloc(elems * 2 + 64);
    strcpy(arr, "class S { uint8 a[] = {");
    k = strlen(arr);
    for (size_t i = 0; i < elems; i++) {
        arr[k++] = '1';
        arr[k++] = ',';
    }
    k--;
    strcpy(arr + k, "}; };\n");
    assert_int_equal(compile_text(f->repo, arr, &f->dg), MI_RESULT_SERVER_LIMITS_EXCEEDED);
    assert_true(err_has(first_error(&f->dg), "array elements"));
    free(arr);
    /* nesting of inline instances */
    char nest[8192];
    strcpy(nest, "class N { [Key] uint32 k; [EmbeddedObject] string e; };\ninstance of N { k = 1;");
    for (int i = 0; i < 40; i++)
        strcat(nest, " e = instance of N {");
    for (int i = 0; i < 40; i++)
        strcat(nest, " };");
    strcat(nest, " };\n");
    assert_int_equal(compile_text(f->repo, nest, &f->dg), MI_RESULT_SERVER_LIMITS_EXCEEDED);
    assert_true(err_has(first_error(&f->dg), "nested more than"));
}

static void test_embedded_cycle(void **state)
{
    fixture *f = *state;
    check_error(f,
                "class N { [Key] uint32 k; [EmbeddedObject] string e; };\n"
                "instance of N as $a { k = 1; e = $b; };\n"
                "instance of N as $b { k = 2; e = $a; };\n",
                MI_RESULT_INVALID_PARAMETER, "instance", 0, "contains itself");
}

static void test_null_keys_option(void **state)
{
    fixture *f = *state;
    const char *text = "class NK { [Key] uint32 k; string v; };\n"
                       "instance of NK { v = \"a\"; };\n";
    assert_int_not_equal(compile_text(f->repo, text, &f->dg), MI_RESULT_OK);
    diags_reset(&f->dg);
    mi_mof_options o = diag_options(&f->dg);
    o.flags = MI_MOF_ALLOW_NULL_KEYS;
    assert_int_equal(mi_mof_compile_buffer(f->repo, "nk.mof", text, strlen(text), &o, NULL),
                     MI_RESULT_OK);
    size_t n;
    mi_ns *ns = cimv2(f);
    const MI_Instance *const *is = mi_ns_instances_of(ns, mi_ns_class(ns, "NK"), &n);
    assert_int_equal(n, 1);
    MI_Value v;
    assert_int_equal(MI_Instance_GetElement(is[0], "v", &v, NULL, NULL, NULL), MI_RESULT_OK);
    assert_string_equal(v.string, "a");
}

static void test_pragmas_warned(void **state)
{
    fixture *f = *state;
    compile_ok(f, "#pragma locale (\"en_US\")\n"
                  "#pragma classflags(\"forceupdate\")\n"
                  "#pragma deleteclass(\"X\", FAIL)\n"
                  "#pragma locale (\"junk\")\n"
                  "class Pr { };;\n");
    assert_int_equal(f->dg.warnings, 4);
    assert_true(has_text(f->dg.d[0].msg, "classflags"));
    assert_int_equal(f->dg.d[0].line, 2);
    assert_true(has_text(f->dg.d[2].msg, "junk"));
    assert_true(has_text(f->dg.d[3].msg, "stray"));
}

/* Each allocation of a compilation fails in turn: the compiler reports an error (or
 * succeeds when the failure hit nothing essential), never crashes or leaks (ASan),
 * and a failed compilation leaves the repository as it was, including when the
 * failure hits the final hand-over (rolled back). */
static void test_alloc_failures(void **state)
{
    (void)state;
    const char *text =
        "class AF { [Key] string k; [EmbeddedObject] string e; uint32 a[] = {1, 2}; };\n"
        "[Association] class AR { [Key] AF REF x; [Key] AF REF y; };\n"
        /* first without alias: its hand-over allocates (once crashed on a NULL token) */
        "instance of AF { k = \"2\"; e = instance of AF { k = \"3\"; }; };\n"
        "instance of AF as $one { k = \"1\" \"1\"; };\n"
        "instance of AR { x = $one; y = \"AF.k=\\\"2\\\"\"; };\n"
        "#pragma namespace(\"root/af\")\n"
        "Qualifier Q : uint8[] = {1}, Scope(any);\n";
    long k;
    unsigned failed = 0;
    for (k = 1; k < 100000; k++) {
        mi_repo *r;
        diags dg = {0};
        assert_int_equal(mi_repo_new(&r), MI_RESULT_OK);
        assert_int_equal(compile_text(r, PRELUDE, &dg), MI_RESULT_OK);
        diags_reset(&dg);
        mi_mof_options o = diag_options(&dg);
        mi_alloc_fail_after(k);
        MI_Result rc = mi_mof_compile_buffer(r, "af.mof", text, strlen(text), &o, NULL);
        long made = mi_alloc_fail_after(0);
        mi_ns *ns = mi_repo_ns(r, "root/cimv2");
        if (rc == MI_RESULT_OK) {
            assert_int_equal(dg.errors, 0);
            assert_int_equal(mi_ns_instance_count(ns), 3);
            assert_non_null(mi_repo_ns(r, "root/af"));
        } else {
            failed++;
            assert_true(dg.errors > 0);
            assert_int_equal(mi_ns_class_count(ns), 0);
            assert_int_equal(mi_ns_instance_count(ns), 0);
            assert_int_equal(mi_ns_qualifier_count(ns), PRELUDE_QUALS);
            assert_null(mi_repo_ns(r, "root/af"));
            assert_int_equal(mi_repo_ns_count(r), 1);
        }
        mi_repo_free(r);
        if (made < k)
            break; /* the k-th allocation was never reached: all were tried */
    }
    assert_true(k > 50);
    assert_true(failed > 50);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_default_values_every_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_type_keywords_any_case_and_keyword_names, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_class_flattening_and_overrides, setup, teardown),
        cmocka_unit_test_setup_teardown(test_property_flags_refs_embedded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_qualifier_flavors_and_ms_syntax, setup, teardown),
        cmocka_unit_test_setup_teardown(test_instances_aliases_refs_embedded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_namespace_pragma, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_undeclared_qualifier, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_qualifier_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_qualifier_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_duplicate_qualifier, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_duplicate_qualifier_decl, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_unknown_superclass, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_unknown_ref_class, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_duplicate_class, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_duplicate_feature, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_key_in_subclass, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_value_type_and_range, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_instance_of_abstract_or_unknown, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_err_instance_property_and_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_duplicate_instance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_aliases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_ref_wrong_class, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_override_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_syntax_messages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_unterminated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_multiple_errors_and_recovery, setup, teardown),
        cmocka_unit_test_setup_teardown(test_all_or_nothing, setup, teardown),
        cmocka_unit_test(test_encodings_same_result),
        cmocka_unit_test_setup_teardown(test_encoding_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_includes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_include_depth_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_caps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_embedded_cycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_null_keys_option, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pragmas_warned, setup, teardown),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, setup_tmpdir, teardown_tmpdir);
}
