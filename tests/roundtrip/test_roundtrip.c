/* test_roundtrip.c - class -> MOF -> class and instance -> MOF -> instance.
 *
 * The whole DMTF CIM schema 2.49.0 is compiled into repository A; its qualifier
 * declarations (mi_qualifierdecl_to_mof) and every class of root/cimv2
 * (mi_class_to_mof with MI_MOFOUT_LOCAL_ONLY, the way schema source files declare
 * classes) are written as one MOF text, which is compiled into repository B. A and B
 * must then hold the same qualifier declarations and the same classes: names,
 * superclass, flags, properties (type, flags, class name, origin, propagator, array
 * size, layout, default value), methods and parameters, and every qualifier list (names,
 * types, values and flavors, in order). The same is done for OpenPegasus's TST_Family
 * (classes and their static instances, the instances through mi_instance_to_mof) and
 * for a MOF text of features the schema hardly uses (long defaults, arrays, overrides
 * that remove a default, NULL instance values over a default, embedded objects, flavors
 * that differ from the declaration). The whole-schema trip takes about 0.2 s.
 *
 * A difference is reported with the class and member it concerns; all differences are
 * listed (up to a limit) before the test fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "base/buf.h"
#include "cim/cim.h"
#include "mof/mof.h"
#include "repo/repo.h"

#define DATA_DIR MI_SHARED_DIR "/data"
#define SCHEMA_DIR DATA_DIR "/cim-schema/2.49.0"
#define FAMILY_MOF                                                                       \
    DATA_DIR "/mof-extra/openpegasus/pegasus/src/Providers/TestProviders/Load/TST_Family.mof"
#define NS "root/cimv2"

#define MAX_REPORTED 40u

/* ---------------------------------------------------------------- diagnostics */

/* Compiler diagnostics of one compilation: counts, and the first few as text. */
typedef struct diags {
    unsigned errors, warnings;
    mi_buf text;
} diags;

static void on_diag(void *ctx, const mi_mof_diag *d)
{
    diags *dg = ctx;
    unsigned seen = dg->errors + dg->warnings;
    if (d->severity == MI_MOF_ERROR)
        dg->errors++;
    else
        dg->warnings++;
    if (seen < MAX_REPORTED)
        mi_buf_printf(&dg->text, "  %s:%u:%u: %s: %s\n", d->file, d->line, d->column,
                      d->severity == MI_MOF_ERROR ? "error" : "warning", d->message);
}

static mi_mof_options options(diags *dg)
{
    mi_mof_options o;
    memset(&o, 0, sizeof o);
    o.diag = on_diag;
    o.diag_ctx = dg;
    mi_buf_init(&dg->text, 0);
    dg->errors = dg->warnings = 0;
    return o;
}

/* ---------------------------------------------------------------- differences */

typedef struct diffs {
    unsigned n;
    mi_buf text;
} diffs;

static void differ(diffs *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void differ(diffs *d, const char *fmt, ...)
{
    if (d->n++ >= MAX_REPORTED)
        return;
    va_list ap;
    va_start(ap, fmt);
    mi_buf_puts(&d->text, "  ");
    mi_buf_vprintf(&d->text, fmt, ap);
    mi_buf_putc(&d->text, '\n');
    va_end(ap);
}

/* Fails the test listing the differences, if any. */
static void no_differences(diffs *d, const char *what)
{
    if (d->n)
        fail_msg("%s: %u differences%s:\n%s", what, d->n,
                 d->n > MAX_REPORTED ? " (the first listed)" : "", mi_buf_str(&d->text));
    mi_buf_free(&d->text);
}

static bool str_same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static const char *s_or(const char *s)
{
    return s ? s : "(null)";
}

/* Values stored as the union member of their type (defaults, qualifier values). */
static bool boxed_same(MI_Uint32 type, const void *a, const void *b)
{
    if (!a || !b)
        return a == b;
    MI_Value x, y;
    memset(&x, 0, sizeof x);
    memset(&y, 0, sizeof y);
    memcpy(&x, a, mi_type_size((MI_Type)type));
    memcpy(&y, b, mi_type_size((MI_Type)type));
    return mi_value_equal((MI_Type)type, &x, &y);
}

/* The MOF text of a boxed value, for reports. */
static const char *boxed_text(mi_buf *b, MI_Uint32 type, const void *p)
{
    mi_buf_reset(b);
    if (!p)
        return "NULL";
    MI_Value v;
    memset(&v, 0, sizeof v);
    memcpy(&v, p, mi_type_size((MI_Type)type));
    mi_value_to_mof(b, (MI_Type)type, &v, 0);
    return mi_buf_str(b);
}

/* ---------------------------------------------------------------- comparisons */

static void compare_quals(diffs *d, const char *where, MI_Qualifier MI_CONST *MI_CONST *qa,
                          MI_Uint32 na, MI_Qualifier MI_CONST *MI_CONST *qb, MI_Uint32 nb)
{
    if (na != nb) {
        differ(d, "%s: %u qualifiers, read back %u", where, (unsigned)na, (unsigned)nb);
        return;
    }
    mi_buf t1, t2;
    mi_buf_init(&t1, 0);
    mi_buf_init(&t2, 0);
    for (MI_Uint32 i = 0; i < na; i++) {
        const MI_Qualifier *a = qa[i], *b = qb[i];
        if (!str_same(a->name, b->name)) {
            differ(d, "%s: qualifier %u is %s, read back %s", where, (unsigned)i, a->name,
                   b->name);
            continue;
        }
        if (a->type != b->type)
            differ(d, "%s: qualifier %s has type %u, read back %u", where, a->name,
                   (unsigned)a->type, (unsigned)b->type);
        else if (!boxed_same(a->type, a->value, b->value))
            differ(d, "%s: qualifier %s is %s, read back %s", where, a->name,
                   boxed_text(&t1, a->type, a->value), boxed_text(&t2, b->type, b->value));
        if (a->flavor != b->flavor)
            differ(d, "%s: qualifier %s has flavor 0x%x, read back 0x%x", where, a->name,
                   (unsigned)a->flavor, (unsigned)b->flavor);
    }
    mi_buf_free(&t1);
    mi_buf_free(&t2);
}

static void compare_property(diffs *d, const char *cls, const MI_PropertyDecl *a,
                             const MI_PropertyDecl *b)
{
    char where[512];
    snprintf(where, sizeof where, "%s.%s", cls, a->name);
    if (!str_same(a->name, b->name)) {
        differ(d, "%s: read back as property %s", where, b->name);
        return;
    }
    if (a->type != b->type)
        differ(d, "%s: type %u, read back %u", where, (unsigned)a->type, (unsigned)b->type);
    if (a->flags != b->flags)
        differ(d, "%s: flags 0x%x, read back 0x%x", where, (unsigned)a->flags,
               (unsigned)b->flags);
    if (!str_same(a->className, b->className))
        differ(d, "%s: class name %s, read back %s", where, s_or(a->className),
               s_or(b->className));
    if (!str_same(a->origin, b->origin))
        differ(d, "%s: origin %s, read back %s", where, s_or(a->origin), s_or(b->origin));
    if (!str_same(a->propagator, b->propagator))
        differ(d, "%s: propagator %s, read back %s", where, s_or(a->propagator),
               s_or(b->propagator));
    if (a->subscript != b->subscript)
        differ(d, "%s: array size %u, read back %u", where, (unsigned)a->subscript,
               (unsigned)b->subscript);
    if (a->offset != b->offset)
        differ(d, "%s: offset %u, read back %u", where, (unsigned)a->offset,
               (unsigned)b->offset);
    if (a->type == b->type && !boxed_same(a->type, a->value, b->value)) {
        mi_buf t1, t2;
        mi_buf_init(&t1, 0);
        mi_buf_init(&t2, 0);
        differ(d, "%s: default %s, read back %s", where, boxed_text(&t1, a->type, a->value),
               boxed_text(&t2, b->type, b->value));
        mi_buf_free(&t1);
        mi_buf_free(&t2);
    }
    compare_quals(d, where, a->qualifiers, a->numQualifiers, b->qualifiers, b->numQualifiers);
}

static void compare_method(diffs *d, const char *cls, const MI_MethodDecl *a,
                           const MI_MethodDecl *b)
{
    char where[512];
    snprintf(where, sizeof where, "%s.%s()", cls, a->name);
    if (!str_same(a->name, b->name)) {
        differ(d, "%s: read back as method %s", where, b->name);
        return;
    }
    if (a->flags != b->flags)
        differ(d, "%s: flags 0x%x, read back 0x%x", where, (unsigned)a->flags,
               (unsigned)b->flags);
    if (a->returnType != b->returnType)
        differ(d, "%s: returns %u, read back %u", where, (unsigned)a->returnType,
               (unsigned)b->returnType);
    if (!str_same(a->origin, b->origin))
        differ(d, "%s: origin %s, read back %s", where, s_or(a->origin), s_or(b->origin));
    if (!str_same(a->propagator, b->propagator))
        differ(d, "%s: propagator %s, read back %s", where, s_or(a->propagator),
               s_or(b->propagator));
    compare_quals(d, where, a->qualifiers, a->numQualifiers, b->qualifiers, b->numQualifiers);
    if (a->numParameters != b->numParameters) {
        differ(d, "%s: %u parameters, read back %u", where, (unsigned)a->numParameters,
               (unsigned)b->numParameters);
        return;
    }
    for (MI_Uint32 i = 0; i < a->numParameters; i++) {
        const MI_ParameterDecl *pa = a->parameters[i], *pb = b->parameters[i];
        char pw[700];
        snprintf(pw, sizeof pw, "%s parameter %s", where, pa->name);
        if (!str_same(pa->name, pb->name)) {
            differ(d, "%s: read back as %s", pw, pb->name);
            continue;
        }
        if (pa->type != pb->type)
            differ(d, "%s: type %u, read back %u", pw, (unsigned)pa->type, (unsigned)pb->type);
        if (pa->flags != pb->flags)
            differ(d, "%s: flags 0x%x, read back 0x%x", pw, (unsigned)pa->flags,
                   (unsigned)pb->flags);
        if (!str_same(pa->className, pb->className))
            differ(d, "%s: class name %s, read back %s", pw, s_or(pa->className),
                   s_or(pb->className));
        if (pa->subscript != pb->subscript)
            differ(d, "%s: array size %u, read back %u", pw, (unsigned)pa->subscript,
                   (unsigned)pb->subscript);
        compare_quals(d, pw, pa->qualifiers, pa->numQualifiers, pb->qualifiers,
                      pb->numQualifiers);
    }
}

static void compare_class(diffs *d, const MI_ClassDecl *a, const MI_ClassDecl *b)
{
    if (!str_same(a->name, b->name))
        differ(d, "class %s: read back as %s", a->name, b->name);
    if (!str_same(a->superClass, b->superClass))
        differ(d, "class %s: superclass %s, read back %s", a->name, s_or(a->superClass),
               s_or(b->superClass));
    if (a->flags != b->flags)
        differ(d, "class %s: flags 0x%x, read back 0x%x", a->name, (unsigned)a->flags,
               (unsigned)b->flags);
    if (a->size != b->size)
        differ(d, "class %s: size %u, read back %u", a->name, (unsigned)a->size,
               (unsigned)b->size);
    compare_quals(d, a->name, a->qualifiers, a->numQualifiers, b->qualifiers, b->numQualifiers);
    if (a->numProperties != b->numProperties)
        differ(d, "class %s: %u properties, read back %u", a->name, (unsigned)a->numProperties,
               (unsigned)b->numProperties);
    else
        for (MI_Uint32 i = 0; i < a->numProperties; i++)
            compare_property(d, a->name, a->properties[i], b->properties[i]);
    if (a->numMethods != b->numMethods)
        differ(d, "class %s: %u methods, read back %u", a->name, (unsigned)a->numMethods,
               (unsigned)b->numMethods);
    else
        for (MI_Uint32 i = 0; i < a->numMethods; i++)
            compare_method(d, a->name, a->methods[i], b->methods[i]);
}

static void compare_qualifier_decls(diffs *d, const mi_ns *a, const mi_ns *b)
{
    if (mi_ns_qualifier_count(a) != mi_ns_qualifier_count(b))
        differ(d, "%zu qualifier declarations, read back %zu", mi_ns_qualifier_count(a),
               mi_ns_qualifier_count(b));
    for (size_t i = 0; i < mi_ns_qualifier_count(a); i++) {
        const MI_QualifierDecl *qa = mi_ns_qualifier_at(a, i);
        const MI_QualifierDecl *qb = mi_ns_qualifier(b, qa->name);
        if (!qb) {
            differ(d, "qualifier declaration %s: missing", qa->name);
            continue;
        }
        if (!str_same(qa->name, qb->name) || qa->type != qb->type || qa->scope != qb->scope ||
            qa->flavor != qb->flavor || qa->subscript != qb->subscript ||
            (qa->type == qb->type && !boxed_same(qa->type, qa->value, qb->value)))
            differ(d, "qualifier declaration %s: type %u scope 0x%x flavor 0x%x size %u, "
                      "read back %s: type %u scope 0x%x flavor 0x%x size %u (or default)",
                   qa->name, (unsigned)qa->type, (unsigned)qa->scope, (unsigned)qa->flavor,
                   (unsigned)qa->subscript, qb->name, (unsigned)qb->type,
                   (unsigned)qb->scope, (unsigned)qb->flavor, (unsigned)qb->subscript);
    }
}

static void compare_classes(diffs *d, const mi_ns *a, const mi_ns *b)
{
    if (mi_ns_class_count(a) != mi_ns_class_count(b))
        differ(d, "%zu classes, read back %zu", mi_ns_class_count(a), mi_ns_class_count(b));
    for (size_t i = 0; i < mi_ns_class_count(a); i++) {
        const MI_ClassDecl *ca = mi_ns_class_at(a, i);
        const MI_ClassDecl *cb = mi_ns_class(b, ca->name);
        if (!cb)
            differ(d, "class %s: missing", ca->name);
        else
            compare_class(d, ca, cb);
    }
}

static void compare_instance(diffs *d, const char *where, const MI_Instance *a,
                             const MI_Instance *b)
{
    MI_Uint32 na = 0, nb = 0;
    assert_int_equal(MI_Instance_GetElementCount(a, &na), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElementCount(b, &nb), MI_RESULT_OK);
    if (na != nb) {
        differ(d, "%s: %u elements, read back %u", where, (unsigned)na, (unsigned)nb);
        return;
    }
    for (MI_Uint32 i = 0; i < na; i++) {
        const MI_Char *ka, *kb;
        MI_Value va, vb;
        MI_Type ta, tb;
        MI_Uint32 fa, fb;
        assert_int_equal(MI_Instance_GetElementAt(a, i, &ka, &va, &ta, &fa), MI_RESULT_OK);
        assert_int_equal(MI_Instance_GetElementAt(b, i, &kb, &vb, &tb, &fb), MI_RESULT_OK);
        if (!str_same(ka, kb) || ta != tb) {
            differ(d, "%s: element %s (type %u), read back %s (type %u)", where, ka,
                   (unsigned)ta, kb, (unsigned)tb);
            continue;
        }
        bool null_a = (fa & MI_FLAG_NULL) != 0, null_b = (fb & MI_FLAG_NULL) != 0;
        if (null_a != null_b || (!null_a && !mi_value_equal(ta, &va, &vb)))
            differ(d, "%s.%s: values differ (NULL: %d, read back %d)", where, ka, null_a,
                   null_b);
    }
}

static void compare_instances(diffs *d, mi_ns *a, mi_ns *b)
{
    if (mi_ns_instance_count(a) != mi_ns_instance_count(b))
        differ(d, "%zu instances, read back %zu", mi_ns_instance_count(a),
               mi_ns_instance_count(b));
    mi_buf ka, kb;
    mi_buf_init(&ka, 0);
    mi_buf_init(&kb, 0);
    for (size_t i = 0; i < mi_ns_class_count(a); i++) {
        const MI_ClassDecl *ca = mi_ns_class_at(a, i);
        const MI_ClassDecl *cb = mi_ns_class(b, ca->name);
        size_t n = 0, m = 0;
        const MI_Instance *const *ia = mi_ns_instances_of(a, ca, &n);
        const MI_Instance *const *ib = cb ? mi_ns_instances_of(b, cb, &m) : NULL;
        if (n != m) {
            differ(d, "class %s: %zu instances, read back %zu", ca->name, n, m);
            continue;
        }
        for (size_t j = 0; j < n; j++) {
            mi_buf_reset(&ka);
            mi_buf_reset(&kb);
            assert_int_equal(mi_instance_keystring(ia[j], &ka), MI_RESULT_OK);
            assert_int_equal(mi_instance_keystring(ib[j], &kb), MI_RESULT_OK);
            if (strcmp(mi_buf_str(&ka), mi_buf_str(&kb)) != 0)
                differ(d, "instance %s read back as %s", mi_buf_str(&ka), mi_buf_str(&kb));
            else
                compare_instance(d, mi_buf_str(&ka), ia[j], ib[j]);
        }
    }
    mi_buf_free(&ka);
    mi_buf_free(&kb);
}

/* ---------------------------------------------------------------- the round trip */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Compiles files into a new repository; fails the test on any error. */
static mi_repo *compile_files(const char *const *files, size_t n)
{
    mi_repo *r = NULL;
    assert_int_equal(mi_repo_new(&r), MI_RESULT_OK);
    diags dg;
    mi_mof_options o = options(&dg);
    MI_Result rc = mi_mof_compile_files(r, files, n, &o, NULL);
    if (rc != MI_RESULT_OK || dg.errors)
        fail_msg("the source MOF did not compile (%u errors):\n%s", dg.errors,
                 mi_buf_str(&dg.text));
    mi_buf_free(&dg.text);
    return r;
}

/* The MOF text of a namespace: its qualifier declarations, its classes (local members
 * only) and, when `instances`, its static instances. */
static void write_ns(mi_buf *out, const mi_ns *ns, bool instances)
{
    for (size_t i = 0; i < mi_ns_qualifier_count(ns); i++)
        assert_int_equal(mi_qualifierdecl_to_mof(out, mi_ns_qualifier_at(ns, i)), 0);
    for (size_t i = 0; i < mi_ns_class_count(ns); i++) {
        mi_buf_putc(out, '\n');
        assert_int_equal(mi_class_to_mof(out, mi_ns_class_at(ns, i), MI_MOFOUT_LOCAL_ONLY), 0);
    }
    for (size_t i = 0; instances && i < mi_ns_class_count(ns); i++) {
        size_t n = 0;
        const MI_Instance *const *is = mi_ns_instances_of(ns, mi_ns_class_at(ns, i), &n);
        for (size_t j = 0; j < n; j++) {
            mi_buf_putc(out, '\n');
            assert_int_equal(mi_instance_to_mof(out, is[j], 0), 0);
        }
    }
}

/* Writes namespace NS of `a` as MOF and compiles it into a new repository; fails the
 * test (showing the text around the first error) if that text does not compile. */
static mi_repo *read_back(const mi_repo *a, bool instances, size_t *text_len)
{
    mi_ns *ns = mi_repo_ns(a, NS);
    assert_non_null(ns);
    mi_buf text;
    mi_buf_init(&text, 0);
    write_ns(&text, ns, instances);
    assert_false(mi_buf_failed(&text));
    *text_len = text.len;
    mi_repo *b = NULL;
    assert_int_equal(mi_repo_new(&b), MI_RESULT_OK);
    diags dg;
    mi_mof_options o = options(&dg);
    MI_Result rc = mi_mof_compile_buffer(b, "roundtrip.mof", mi_buf_str(&text), text.len, &o,
                                         NULL);
    if (rc != MI_RESULT_OK || dg.errors)
        fail_msg("the written MOF did not compile (%u errors):\n%s", dg.errors,
                 mi_buf_str(&dg.text));
    if (dg.warnings)
        print_message("the written MOF compiled with %u warnings:\n%s", dg.warnings,
                      mi_buf_str(&dg.text));
    mi_buf_free(&dg.text);
    mi_buf_free(&text);
    return b;
}

static void test_schema(void **state)
{
    (void)state;
    double t0 = now();
    const char *files[] = {SCHEMA_DIR "/cim_schema_2.49.0.mof"};
    mi_repo *a = compile_files(files, 1);
    double t1 = now();
    size_t len = 0;
    mi_repo *b = read_back(a, false, &len);
    double t2 = now();
    mi_ns *na = mi_repo_ns(a, NS), *nb = mi_repo_ns(b, NS);
    assert_non_null(nb);
    assert_true(mi_ns_class_count(na) > 1000);
    diffs d = {0, {0}};
    mi_buf_init(&d.text, 0);
    compare_qualifier_decls(&d, na, nb);
    compare_classes(&d, na, nb);
    no_differences(&d, "CIM schema 2.49.0 round trip");
    print_message("schema: %zu classes, %zu qualifier declarations, %zu bytes of MOF; "
                  "compile %.3f s, write + compile back %.3f s\n",
                  mi_ns_class_count(na), mi_ns_qualifier_count(na), len, t1 - t0, t2 - t1);
    mi_repo_free(b);
    mi_repo_free(a);
}

static void test_family_instances(void **state)
{
    (void)state;
    const char *files[] = {SCHEMA_DIR "/qualifiers.mof", FAMILY_MOF};
    mi_repo *a = compile_files(files, 2);
    size_t len = 0;
    mi_repo *b = read_back(a, true, &len);
    mi_ns *na = mi_repo_ns(a, NS), *nb = mi_repo_ns(b, NS);
    assert_non_null(nb);
    assert_int_equal(mi_ns_instance_count(na), 12);
    diffs d = {0, {0}};
    mi_buf_init(&d.text, 0);
    compare_qualifier_decls(&d, na, nb);
    compare_classes(&d, na, nb);
    compare_instances(&d, na, nb);
    no_differences(&d, "TST_Family round trip");
    mi_repo_free(b);
    mi_repo_free(a);
}

/* The comparison itself must see a difference: a class read back from text that
 * changed one qualifier value, one flavor and one default. */
static void test_detects_differences(void **state)
{
    (void)state;
    static const char src[] =
        "Qualifier Description : string = null, Scope(any), Flavor(Translatable);\n"
        "Qualifier Key : boolean = false, Scope(property, reference), "
        "Flavor(DisableOverride, ToSubclass);\n"
        "class T_A { [Key, Description (\"one\")] string K; uint32 N = 1; };\n";
    static const char changed[] =
        "Qualifier Description : string = null, Scope(any), Flavor(Translatable);\n"
        "Qualifier Key : boolean = false, Scope(property, reference), "
        "Flavor(DisableOverride, ToSubclass);\n"
        "class T_A { [Key, Description (\"two\") : Restricted] string K; uint32 N = 2; };\n";
    mi_repo *a = NULL, *b = NULL;
    assert_int_equal(mi_repo_new(&a), MI_RESULT_OK);
    assert_int_equal(mi_repo_new(&b), MI_RESULT_OK);
    diags dg;
    mi_mof_options o = options(&dg);
    assert_int_equal(mi_mof_compile_buffer(a, "a.mof", src, sizeof src - 1, &o, NULL),
                     MI_RESULT_OK);
    assert_int_equal(mi_mof_compile_buffer(b, "b.mof", changed, sizeof changed - 1, &o, NULL),
                     MI_RESULT_OK);
    mi_buf_free(&dg.text);
    diffs d = {0, {0}};
    mi_buf_init(&d.text, 0);
    compare_classes(&d, mi_repo_ns(a, NS), mi_repo_ns(b, NS));
    const char *t = mi_buf_str(&d.text);
    assert_int_equal(d.n, 3);
    assert_non_null(strstr(t, "T_A.K: qualifier Description is \"one\", read back \"two\""));
    assert_non_null(strstr(t, "T_A.K: qualifier Description has flavor"));
    assert_non_null(strstr(t, "T_A.N: default 1, read back 2"));
    mi_buf_free(&d.text);
    mi_repo_free(b);
    mi_repo_free(a);
}

/* Qualifier and class features the schema uses little or not at all. */
static const char edge_mof[] =
    "Qualifier Description : string = null, Scope(any), Flavor(Translatable);\n"
    "Qualifier Key : boolean = false, Scope(property, reference), "
    "Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Override : string = null, Scope(property, reference, method), "
    "Flavor(EnableOverride, Restricted);\n"
    "Qualifier In : boolean = true, Scope(parameter), Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Out : boolean = false, Scope(parameter), Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Required : boolean = false, Scope(property, reference, parameter, method), "
    "Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier ValueMap : string[], Scope(property, method, parameter);\n"
    "Qualifier EmbeddedInstance : string = null, Scope(property, method, parameter);\n"
    "Qualifier EmbeddedObject : boolean = false, Scope(property, method, parameter), "
    "Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Abstract : boolean = false, Scope(class, association, indication), "
    "Flavor(EnableOverride, Restricted);\n"
    "Qualifier Association : boolean = false, Scope(association), "
    "Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Static : boolean = false, Scope(property, method), "
    "Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Counts : uint32[], Scope(any);\n"
    "Qualifier Weight : real64 = 1.5, Scope(property), Flavor(Restricted);\n"
    "Qualifier Letter : char16 = 'a', Scope(property);\n"
    "Qualifier Pair : string[2], Scope(property);\n"
    "Qualifier Shared : string, Scope(class, property);\n"
    "Qualifier Note : string, Scope(any);\n"
    "Qualifier Off : boolean = true, Scope(any);\n"
    "[Abstract, Description (\"root \" \"class\"), Shared (\"s\") : Restricted,\n"
    " Counts {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,\n"
    "         22, 23, 24, 25, 26, 27, 28, 29, 30}]\n"
    "class E_Root {\n"
    "  [Key, Description (\"Line one of a description that goes on for quite a while, "
    "longer than any line.\\nLine two has \\\"quotes\\\", a tab\\t, a backslash \\\\, "
    "unicode \xc3\xa9\xc3\xa8 and a very-long-word-without-any-space-in-it-that-cannot-be-cut"
    "-anywhere-at-all-so-it-stays-whole-on-its-line.\\n\\nAfter an empty line.\")]\n"
    "  string Id;\n"
    "  [Weight (2.25), Letter ('\\''), Note (\"n\") : DisableOverride, Off (false)]\n"
    "  real32 R = 1.25;\n"
    "  [Pair {\"a\", \"b\"}] uint8 Bytes[4] = {1, 2, 3};\n"
    "  string Long = \"A default value long enough to be cut into several pieces, with "
    "words enough to fill more than one line of text, and then some more words.\";\n"
    "  [ValueMap {\"0\", \"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"9\", \"10\", "
    "\"11\", \"12\", \"13\", \"..\"}]\n"
    "  string Arr[] = {\"alpha\", \"beta\", \"gamma\", \"delta\", \"epsilon\", \"zeta\", "
    "\"eta\", \"theta\", \"iota\", \"kappa\", \"lambda\", \"mu\", \"nu\", \"xi\", \"omicron\"};\n"
    "  datetime When = \"20240101120000.000000+060\";\n"
    "  [EmbeddedObject] string Obj;\n"
    "  [EmbeddedInstance (\"E_Root\")] string Inst[];\n"
    "  object Any;\n"
    "  char16 C = '\\x0001';\n"
    "  string Cleared = \"x\";\n"
    "  sint64 Big = -9223372036854775808;\n"
    "  real64 Tiny = 1e-300;\n"
    "  [Required] boolean Flag = false;\n"
    "  [Static] uint32 DoIt([In, Out] uint32 a, [Out] string b[], E_Root REF c,\n"
    "    [EmbeddedInstance (\"E_Root\")] string d, [In (false)] uint32 e, uint32 f[3]);\n"
    "  void Nothing();\n"
    "  [EmbeddedInstance (\"E_Root\")] string Make();\n"
    "  E_Root REF Find([Required] string name);\n"
    "};\n"
    "class E_Leaf : E_Root {\n"
    "  [Override (\"Cleared\")] string Cleared = NULL;\n"
    "  [Override (\"R\"), Weight (3.5)] real32 R;\n"
    "  [Override (\"Id\"), Description (\"changed\")] string Id;\n"
    "  [Override (\"Long\")] string Long = \"short\";\n"
    "  [Override (\"DoIt\")] uint32 DoIt([In, Out, Description (\"x\")] uint32 a,\n"
    "    [Out] string b[], E_Root REF c, [EmbeddedInstance (\"E_Root\")] string d,\n"
    "    [In (false)] uint32 e, uint32 f[3]);\n"
    "  string Extra;\n"
    "};\n"
    "class E_Leaf2 : E_Leaf { [Override (\"Flag\")] boolean Flag; };\n"
    "[Association] class E_Assoc { [Key] E_Root REF A; [Key] E_Root REF B; };\n"
    "instance of E_Leaf { Id = \"i1\"; Cleared = \"back\"; Arr = {\"one\"};\n"
    "  Long = \"An instance value long enough to be cut into several pieces, with "
    "words enough to fill more than one line of text, and then some more words.\";\n"
    "  Inst = {instance of E_Leaf { Id = \"e\"; Long = NULL; }}; };\n"
    "instance of E_Leaf { Id = \"i2\"; Long = NULL; Flag = NULL; };\n"
    "instance of E_Assoc { A = \"E_Leaf.Id=\\\"i1\\\"\"; B = \"E_Leaf.Id=\\\"i2\\\"\"; };\n";

static void test_edge_cases(void **state)
{
    (void)state;
    mi_repo *a = NULL;
    assert_int_equal(mi_repo_new(&a), MI_RESULT_OK);
    diags dg;
    mi_mof_options o = options(&dg);
    MI_Result rc = mi_mof_compile_buffer(a, "edge.mof", edge_mof, sizeof edge_mof - 1, &o, NULL);
    if (rc != MI_RESULT_OK || dg.errors)
        fail_msg("edge.mof did not compile (%u errors):\n%s", dg.errors, mi_buf_str(&dg.text));
    mi_buf_free(&dg.text);
    size_t len = 0;
    mi_repo *b = read_back(a, true, &len);
    mi_ns *na = mi_repo_ns(a, NS), *nb = mi_repo_ns(b, NS);
    assert_int_equal(mi_ns_instance_count(na), 3);
    diffs d = {0, {0}};
    mi_buf_init(&d.text, 0);
    compare_qualifier_decls(&d, na, nb);
    compare_classes(&d, na, nb);
    compare_instances(&d, na, nb);
    no_differences(&d, "edge-case round trip");
    mi_repo_free(b);
    mi_repo_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detects_differences),
        cmocka_unit_test(test_schema),
        cmocka_unit_test(test_family_instances),
        cmocka_unit_test(test_edge_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
