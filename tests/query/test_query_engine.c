/* test_query_engine.c - QueryInstances through the engine (engine.h): WQL over static
 * instances (TST_Family, expected sets computed from the MOF file's own text), over
 * providers (tests/providers, and query_provider.c whose module receives the query as
 * an MI_Filter), polymorphism and its flags, projection, and every error result.
 *
 * Fixture: an in-memory repository with the CIM qualifiers, TST_Family.mof,
 * test_providers.mof and query_provider.mof; the provider classes registered to their
 * modules; an engine over it.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/alloc.h"
#include "cim/cim.h"
#include "client/session_int.h"
#include "engine/engine.h"
#include "mof/mof.h"
#include "repo/repo.h"

#define NS "root/test"
#define NS_NOFILTER "root/nofilter" /* QRY_ classes served by the module without the flag */
#define QUALIFIERS MI_SHARED_DIR "/data/cim-schema/2.49.0/qualifiers.mof"
#define FAMILY                                                                               \
    MI_SHARED_DIR "/data/mof-extra/openpegasus/pegasus/src/Providers/TestProviders/Load/"        \
                  "TST_Family.mof"
#define PROVIDERS_MOF MI_SOURCE_DIR "/tests/providers/test_providers.mof"
#define QUERY_MOF MI_SOURCE_DIR "/tests/query/query_provider.mof"

typedef struct fixture {
    mi_repo *repo;
    mi_engine *e;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    mi_mof_options o;
    const char *files[] = {QUALIFIERS, FAMILY, PROVIDERS_MOF, QUERY_MOF};
    const char *tst[] = {"TST_Simple", "TST_Level1", "TST_Level2", "TST_Level3"};
    mi_engine_config cfg = {NULL, 2, 16, false};
    mi_buf err;

    memset(&o, 0, sizeof o);
    o.ns = NS;
    assert_int_equal(mi_repo_new(&f->repo), MI_RESULT_OK);
    assert_int_equal(mi_mof_compile_files(f->repo, files, 4, &o, NULL), MI_RESULT_OK);
    for (size_t i = 0; i < sizeof tst / sizeof tst[0]; i++)
        assert_int_equal(mi_repo_register_provider(f->repo, NS, tst[i], MI_TEST_PROVIDER),
                         MI_RESULT_OK);
    assert_int_equal(mi_repo_register_provider(f->repo, NS, "QRY_Item", MI_QUERY_PROVIDER),
                     MI_RESULT_OK);
    assert_int_equal(mi_repo_register_provider(f->repo, NS, "QRY_BigItem", MI_QUERY_PROVIDER),
                     MI_RESULT_OK);
    const char *nf_files[] = {QUALIFIERS, QUERY_MOF};
    o.ns = NS_NOFILTER;
    assert_int_equal(mi_mof_compile_files(f->repo, nf_files, 2, &o, NULL), MI_RESULT_OK);
    assert_int_equal(mi_repo_register_provider(f->repo, NS_NOFILTER, "QRY_Item",
                                               MI_QUERY_PROVIDER_NOFILTER),
                     MI_RESULT_OK);
    assert_int_equal(mi_repo_register_provider(f->repo, NS_NOFILTER, "QRY_BigItem",
                                               MI_QUERY_PROVIDER_NOFILTER),
                     MI_RESULT_OK);
    mi_buf_init(&err, 0);
    assert_int_equal(mi_engine_open_repo(f->repo, &cfg, &f->e, &err), MI_RESULT_OK);
    mi_buf_free(&err);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    mi_engine_close(f->e);
    mi_repo_free(f->repo);
    free(f);
    return 0;
}

/* ---------------------------------------------------------------- helpers */

#define MAX_KEEP 64

typedef struct results {
    size_t count;
    MI_Instance *inst[MAX_KEEP]; /* clones of the first MAX_KEEP results */
    MI_Result final;
    char message[1024];
} results;

static void results_free(results *r)
{
    for (size_t i = 0; i < r->count && i < MAX_KEEP; i++)
        MI_Instance_Delete(r->inst[i]);
    memset(r, 0, sizeof *r);
}

static void query_ns(fixture *f, const char *ns, MI_Uint32 flags, const char *dialect,
                     const char *text, results *r)
{
    mi_request req;
    mi_op *op = NULL;
    mi_item it;

    memset(&req, 0, sizeof req);
    memset(r, 0, sizeof *r);
    req.kind = MI_OP_QUERY_INSTANCES;
    req.ns = ns;
    req.flags = flags;
    req.query_dialect = dialect;
    req.query = text;
    assert_int_equal(mi_engine_start(f->e, &req, &op), MI_RESULT_OK);
    for (;;) {
        assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_OK);
        if (it.kind == MI_ITEM_FINAL) {
            r->final = it.result;
            snprintf(r->message, sizeof r->message, "%s", it.message != NULL ? it.message : "");
            mi_op_release(op);
            break;
        }
        if (it.kind == MI_ITEM_INSTANCE) {
            if (r->count < MAX_KEEP)
                assert_int_equal(MI_Instance_Clone(it.instance, &r->inst[r->count]),
                                 MI_RESULT_OK);
            r->count++;
        }
        mi_op_release(op);
    }
    mi_op_close(op);
}

static void query(fixture *f, MI_Uint32 flags, const char *dialect, const char *text,
                  results *r)
{
    query_ns(f, NS, flags, dialect, text, r);
}

static void expect_error(fixture *f, const char *dialect, const char *text, MI_Result code,
                         const char *message)
{
    results r;
    query(f, 0, dialect, text, &r);
    assert_int_equal(r.count, 0);
    if (r.final != code || strcmp(r.message, message) != 0)
        fail_msg("\"%s\": got %d \"%s\", expected %d \"%s\"", text ? text : "(null)",
                 (int)r.final, r.message, (int)code, message);
    results_free(&r);
}

/* String property of a result, NULL when NULL or absent. */
static const char *str_of(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 fl = 0;
    if (MI_Instance_GetElement(inst, name, &v, &t, &fl, NULL) != MI_RESULT_OK ||
        (fl & MI_FLAG_NULL) || t != MI_STRING)
        return NULL;
    return v.string;
}

static bool is_null(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 fl = 0;
    assert_int_equal(MI_Instance_GetElement(inst, name, &v, &t, &fl, NULL), MI_RESULT_OK);
    return (fl & MI_FLAG_NULL) != 0;
}

static MI_Uint64 uint_of(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 fl = 0;
    assert_int_equal(MI_Instance_GetElement(inst, name, &v, &t, &fl, NULL), MI_RESULT_OK);
    assert_false(fl & MI_FLAG_NULL);
    switch (t) {
    case MI_UINT32: return v.uint32;
    case MI_UINT64: return v.uint64;
    default: fail_msg("%s has type %d", name, (int)t);
    }
    return 0;
}

static const char *class_name(const MI_Instance *inst)
{
    const MI_Char *c = NULL;
    assert_int_equal(MI_Instance_GetClassName(inst, &c), MI_RESULT_OK);
    return c;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted, comma-joined values of property `prop` over the results. */
static void joined(const results *r, const char *prop, char *out, size_t n)
{
    const char *v[MAX_KEEP];
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < r->count && i < MAX_KEEP; i++) {
        const char *s = str_of(r->inst[i], prop);
        v[k++] = s != NULL ? s : "(null)";
    }
    qsort(v, k, sizeof v[0], cmp_str);
    for (size_t i = 0; i < k; i++) {
        strncat(out, v[i], n - strlen(out) - 1);
        if (i + 1 < k)
            strncat(out, ",", n - strlen(out) - 1);
    }
}

/* ---------------------------------------------------------------- TST_Family */

/* Person names of the MOF file's "instance of TST_Person..." lines, read from its text:
 * classes TST_Person and TST_PersonS (one line each in that file). */
typedef struct person {
    char name[64];
    bool sub;        /* TST_PersonS */
    unsigned counter;
} person;

static size_t family_people(person *p, size_t max)
{
    FILE *fp = fopen(FAMILY, "r");
    char line[512];
    size_t n = 0;

    assert_non_null(fp);
    while (fgets(line, sizeof line, fp) != NULL && n < max) {
        char *s = strstr(line, "instance of TST_Person");
        char *q;
        if (s != line)
            continue;
        memset(&p[n], 0, sizeof p[n]);
        p[n].sub = strncmp(s + strlen("instance of TST_Person"), "S ", 2) == 0 ||
                   strncmp(s + strlen("instance of TST_Person"), "S{", 2) == 0;
        q = strstr(line, "name = \"");
        assert_non_null(q);
        q += strlen("name = \"");
        size_t l = strcspn(q, "\"");
        assert_true(l < sizeof p[n].name);
        memcpy(p[n].name, q, l);
        q = strstr(line, "counter = ");
        if (q != NULL)
            p[n].counter = (unsigned)strtoul(q + strlen("counter = "), NULL, 10);
        n++;
    }
    fclose(fp);
    return n;
}

/* Case-insensitive: does name end in c? */
static bool ends_in(const char *name, char c)
{
    size_t l = strlen(name);
    return l > 0 && tolower((unsigned char)name[l - 1]) == tolower((unsigned char)c);
}

static void test_family_where(void **state)
{
    fixture *f = *state;
    person p[32];
    size_t n = family_people(p, 32);
    char want[1024] = "", got[1024];
    const char *v[32];
    size_t k = 0;
    results r;

    assert_int_equal(n, 8);
    /* Names ending in "s", and those of TST_PersonS with counter >= 2. */
    for (size_t i = 0; i < n; i++)
        if (ends_in(p[i].name, 's') || (p[i].sub && p[i].counter >= 2))
            v[k++] = p[i].name;
    qsort(v, k, sizeof v[0], cmp_str);
    for (size_t i = 0; i < k; i++) {
        strcat(want, v[i]);
        if (i + 1 < k)
            strcat(want, ",");
    }
    query(f, 0, "WQL", "SELECT * FROM TST_Person WHERE name LIKE '%S'", &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    joined(&r, "name", got, sizeof got);
    assert_string_equal(got, want);
    results_free(&r);
    /* The same set by another condition: counter >= 2 OR a 5-letter name ending in s,
     * only over TST_PersonS (which declares counter). */
    query(f, 0, "wql",
          "select name from tst_persons where counter >= 2 or name like '____s'", &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    joined(&r, "name", got, sizeof got);
    k = 0;
    for (size_t i = 0; i < n; i++)
        if (p[i].sub && (p[i].counter >= 2 || (strlen(p[i].name) == 5 && ends_in(p[i].name, 's'))))
            v[k++] = p[i].name;
    qsort(v, k, sizeof v[0], cmp_str);
    want[0] = '\0';
    for (size_t i = 0; i < k; i++) {
        strcat(want, v[i]);
        if (i + 1 < k)
            strcat(want, ",");
    }
    assert_string_equal(got, want);
    results_free(&r);
}

static void test_family_polymorphism(void **state)
{
    fixture *f = *state;
    person p[32];
    size_t n = family_people(p, 32), subs = 0;
    results r;

    for (size_t i = 0; i < n; i++)
        subs += p[i].sub;
    /* Deep: every person, subclass instances with their own class and properties. */
    query(f, 0, "WQL", "SELECT * FROM TST_Person", &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, n);
    size_t seen_sub = 0;
    for (size_t i = 0; i < r.count; i++) {
        if (strcmp(class_name(r.inst[i]), "TST_PersonS") == 0) {
            seen_sub++;
            assert_false(is_null(r.inst[i], "counter"));
        } else {
            assert_string_equal(class_name(r.inst[i]), "TST_Person");
        }
    }
    assert_int_equal(seen_sub, subs);
    results_free(&r);
    /* SHALLOW: only TST_Person itself. */
    query(f, MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW, "WQL", "SELECT * FROM TST_Person", &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, n - subs);
    for (size_t i = 0; i < r.count; i++)
        assert_string_equal(class_name(r.inst[i]), "TST_Person");
    results_free(&r);
    /* DEEP_BASE_PROPS_ONLY: subclass instances without the subclass's properties. */
    query(f, MI_OPERATIONFLAGS_POLYMORPHISM_DEEP_BASE_PROPS_ONLY, "WQL",
          "SELECT * FROM TST_Person WHERE name LIKE '%s'", &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, subs);
    for (size_t i = 0; i < r.count; i++) {
        assert_string_equal(class_name(r.inst[i]), "TST_PersonS");
        assert_true(is_null(r.inst[i], "counter"));
        assert_true(is_null(r.inst[i], "secondProperty"));
        assert_non_null(str_of(r.inst[i], "name"));
    }
    results_free(&r);
}

static void test_family_projection(void **state)
{
    fixture *f = *state;
    results r;

    /* Only the selected properties and the key (name) are kept. */
    query(f, 0, "WQL", "SELECT counter FROM TST_PersonS WHERE counter = 3", &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, 1);
    assert_string_equal(str_of(r.inst[0], "name"), "Sofis");
    assert_false(is_null(r.inst[0], "counter"));
    assert_true(is_null(r.inst[0], "secondProperty"));
    assert_true(is_null(r.inst[0], "extraProperty"));
    results_free(&r);
    /* Selecting a base property through the base class keeps subclass keys too. */
    query(f, 0, "WQL", "SELECT extraProperty FROM TST_Person WHERE name = 'GABIS'", &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, 1);
    assert_string_equal(class_name(r.inst[0]), "TST_PersonS");
    assert_string_equal(str_of(r.inst[0], "name"), "Gabis");
    assert_non_null(str_of(r.inst[0], "extraProperty"));
    assert_true(is_null(r.inst[0], "secondProperty"));
    assert_true(is_null(r.inst[0], "counter"));
    results_free(&r);
}

/* References in WHERE: the association instances whose parent is Mike, counted in the
 * MOF text itself. */
static void test_family_references(void **state)
{
    fixture *f = *state;
    FILE *fp = fopen(FAMILY, "r");
    char line[512];
    size_t mike = 0, assocs = 0;
    results r;

    assert_non_null(fp);
    while (fgets(line, sizeof line, fp) != NULL) {
        if (strstr(line, "parent = \"TST_Person.name=\\\"Mike\\\"\"") != NULL)
            mike++;
        if (strncmp(line, "instance of TST_Lineage", 23) == 0)
            assocs++;
    }
    fclose(fp);
    assert_true(mike > 0);
    query(f, 0, "WQL",
          "SELECT * FROM TST_Lineage WHERE parent = 'TST_Person.name=\"Mike\"'", &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, mike);
    results_free(&r);
    query(f, 0, "WQL",
          "SELECT * FROM TST_Lineage WHERE parent <> 'TST_Person.name=\"Mike\"'", &r);
    assert_int_equal(r.count, assocs - mike);
    results_free(&r);
    query(f, 0, "WQL", "SELECT * FROM TST_Lineage WHERE parent ISA 'TST_Person'", &r);
    assert_int_equal(r.count, assocs);
    results_free(&r);
    query(f, 0, "WQL", "SELECT * FROM TST_Lineage WHERE child ISA TST_PersonS", &r);
    assert_int_equal(r.count, 0);
    results_free(&r);
}

/* ---------------------------------------------------------------- providers */

/* TST_Simple (10 instances: Key i, Value -i, Flag i odd, Ratio i/2): the engine filters
 * what a provider without filter support posts. */
static void test_provider_simple(void **state)
{
    fixture *f = *state;
    results r;
    size_t want = 0;

    for (int i = 0; i < 10; i++)
        if (-i < -3 && (i & 1) && i / 2.0 >= 2.5)
            want++;
    query(f, 0, "WQL",
          "SELECT Key, Name FROM TST_Simple WHERE Value < -3 AND Flag = TRUE AND Ratio >= 2.5",
          &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, want);
    for (size_t i = 0; i < r.count; i++) {
        MI_Uint64 key = uint_of(r.inst[i], "Key");
        char name[32];
        assert_true(key > 3 && (key & 1));
        snprintf(name, sizeof name, "name-%llu", (unsigned long long)key);
        assert_string_equal(str_of(r.inst[i], "Name"), name);
        assert_true(is_null(r.inst[i], "Value"));
        assert_true(is_null(r.inst[i], "Flag"));
    }
    results_free(&r);
    /* Deep through three provider levels; each level's instances have A = level*10+k. */
    query(f, 0, "WQL", "SELECT Id FROM TST_Level1 WHERE A >= 20", &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, 4);
    results_free(&r);
    query(f, 0, "WQL", "SELECT Id FROM TST_Level1 WHERE __this ISA 'TST_Level3'", &r);
    assert_int_equal(r.count, 2);
    for (size_t i = 0; i < r.count; i++)
        assert_string_equal(class_name(r.inst[i]), "TST_Level3");
    results_free(&r);
}

/* A module without MI_MODULE_FLAG_FILTER_SUPPORT gets no filter; the engine still
 * returns only what the query selects. */
static void test_provider_without_filter_support(void **state)
{
    fixture *f = *state;
    results r;

    query_ns(f, NS_NOFILTER, 0, "WQL", "SELECT * FROM QRY_Item WHERE Size >= 5000", &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, 5 + 2); /* items 5..9 and the two big ones */
    for (size_t i = 0; i < r.count; i++) {
        assert_string_equal(str_of(r.inst[i], "Note"), "none");
        assert_true(is_null(r.inst[i], "Eval"));
        assert_true(uint_of(r.inst[i], "Size") >= 5000);
    }
    results_free(&r);
}

/* query_provider.c receives the query as an MI_Filter and records what it saw. */
static void test_provider_filter(void **state)
{
    fixture *f = *state;
    const char *text = "SELECT * FROM QRY_Item WHERE Size >= 5000 AND Name LIKE 'item-%'";
    char note[256];
    results r;
    size_t want = 0;

    /* Items 5..9 (names match without regard to case) and the two big ones. */
    for (int i = 0; i < 10; i++)
        want += 1000 * i >= 5000;
    want += 0; /* big-100, big-101 do not match 'item-%' */
    query(f, 0, "WQL", text, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, want);
    snprintf(note, sizeof note, "WQL|%s", text);
    for (size_t i = 0; i < r.count; i++) {
        assert_string_equal(str_of(r.inst[i], "Note"), note);
        assert_false(is_null(r.inst[i], "Eval"));
        MI_Value v;
        MI_Type t;
        assert_int_equal(MI_Instance_GetElement(r.inst[i], "Eval", &v, &t, NULL, NULL),
                         MI_RESULT_OK);
        assert_int_equal(v.boolean, MI_TRUE); /* the provider's Evaluate agreed */
        assert_true(uint_of(r.inst[i], "Size") >= 5000);
    }
    results_free(&r);

    /* Polymorphic, through the subclass's provider; CQL spelling; array condition. */
    text = "SELECT Id, Note FROM QRY_Item WHERE Tags = 'big' OR Tags = 'T1'";
    query(f, 0, "DMTF:CQL", text, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    want = 2;
    for (int i = 0; i < 10; i++)
        want += i % 3 == 1;
    assert_int_equal(r.count, want);
    snprintf(note, sizeof note, "CQL|%s", text);
    size_t big = 0;
    for (size_t i = 0; i < r.count; i++) {
        MI_Uint64 id = uint_of(r.inst[i], "Id");
        assert_string_equal(str_of(r.inst[i], "Note"), note);
        assert_true(is_null(r.inst[i], "Size"));  /* not selected */
        assert_true(is_null(r.inst[i], "Eval"));
        if (id >= 100) {
            big++;
            assert_string_equal(class_name(r.inst[i]), "QRY_BigItem");
            assert_true(is_null(r.inst[i], "Extra"));
        } else {
            assert_int_equal(id % 3, 1);
        }
    }
    assert_int_equal(big, 2);
    results_free(&r);

    /* A plain enumeration gives the provider no filter. */
    mi_request req;
    mi_op *op = NULL;
    mi_item it;
    memset(&req, 0, sizeof req);
    req.kind = MI_OP_ENUMERATE_INSTANCES;
    req.ns = NS;
    req.class_name = "QRY_Item";
    assert_int_equal(mi_engine_start(f->e, &req, &op), MI_RESULT_OK);
    size_t n = 0;
    for (;;) {
        assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_OK);
        if (it.kind == MI_ITEM_FINAL) {
            assert_int_equal(it.result, MI_RESULT_OK);
            mi_op_release(op);
            break;
        }
        if (it.kind == MI_ITEM_INSTANCE) {
            assert_string_equal(str_of(it.instance, "Note"), "none");
            n++;
        }
        mi_op_release(op);
    }
    mi_op_close(op);
    assert_int_equal(n, 12);
}

/* ---------------------------------------------------------------- errors */

static void test_errors(void **state)
{
    fixture *f = *state;
    results r;

    expect_error(f, "XPath", "SELECT * FROM TST_Person", MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED,
                 "QueryInstances: query language 'XPath' is not supported (use WQL or CQL)");
    expect_error(f, NULL, "SELECT * FROM TST_Person", MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED,
                 "QueryInstances: query language '' is not supported (use WQL or CQL)");
    expect_error(f, "WQL", NULL, MI_RESULT_INVALID_PARAMETER, "QueryInstances: no query given");
    expect_error(f, "WQL", "SELECT * FROM TST_Person WHERE", MI_RESULT_INVALID_QUERY,
                 "QueryInstances: column 31: expected a property, a literal or '(', found end "
                 "of query");
    expect_error(f, "WQL", "SELECT * FROM TST_Nobody", MI_RESULT_INVALID_CLASS,
                 "QueryInstances: class TST_Nobody (FROM) does not exist in namespace root/test");
    expect_error(f, "WQL", "SELECT * FROM TST_Person WHERE counter = 1", MI_RESULT_INVALID_QUERY,
                 "QueryInstances: column 32: no property counter in class TST_Person");
    expect_error(f, "WQL", "SELECT nme FROM TST_Person", MI_RESULT_INVALID_QUERY,
                 "QueryInstances: column 8: no property nme in class TST_Person");
    expect_error(f, "CQL", "SELECT * FROM TST_PersonS WHERE counter = 'many'",
                 MI_RESULT_INVALID_QUERY,
                 "QueryInstances: column 43: 'many' is not an integer value for property counter "
                 "(uint32)");

    /* A namespace that does not exist. */
    mi_request req;
    mi_op *op = NULL;
    mi_item it;
    memset(&req, 0, sizeof req);
    req.kind = MI_OP_QUERY_INSTANCES;
    req.ns = "root/none";
    req.query_dialect = "WQL";
    req.query = "SELECT * FROM TST_Person";
    assert_int_equal(mi_engine_start(f->e, &req, &op), MI_RESULT_OK);
    assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_OK);
    assert_int_equal(it.kind, MI_ITEM_FINAL);
    assert_int_equal(it.result, MI_RESULT_INVALID_NAMESPACE);
    mi_op_release(op);
    mi_op_close(op);

    /* No match is success with no results. */
    query(f, 0, "WQL", "SELECT * FROM TST_Person WHERE name = NULL", &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, 0);
    results_free(&r);
}

/* Many queries at once on both workers, closed early half of the time: nothing leaks
 * or crashes (ASan), every completed one has its full count. */
static void test_concurrent_and_cancel(void **state)
{
    fixture *f = *state;
    for (int round = 0; round < 20; round++) {
        mi_request req;
        mi_op *ops[4] = {NULL};
        memset(&req, 0, sizeof req);
        req.kind = MI_OP_QUERY_INSTANCES;
        req.ns = NS;
        req.query_dialect = "WQL";
        req.query = "SELECT Id, Size FROM QRY_Item WHERE Size > 0";
        for (int k = 0; k < 4; k++)
            assert_int_equal(mi_engine_start(f->e, &req, &ops[k]), MI_RESULT_OK);
        for (int k = 0; k < 4; k++) {
            mi_item it;
            size_t n = 0;
            if ((round + k) % 2 == 0) {
                mi_op_close(ops[k]); /* cancel while the provider may still post */
                continue;
            }
            for (;;) {
                assert_int_equal(mi_op_next(ops[k], &it, 0), MI_RESULT_OK);
                if (it.kind == MI_ITEM_FINAL) {
                    assert_int_equal(it.result, MI_RESULT_OK);
                    mi_op_release(ops[k]);
                    break;
                }
                n += it.kind == MI_ITEM_INSTANCE;
                mi_op_release(ops[k]);
            }
            assert_int_equal(n, 11); /* items 1..9 and the two big ones */
            mi_op_close(ops[k]);
        }
    }
}

/* ---------------------------------------------------------------- client API */

/* MI_Session_QueryInstances through the client library on the fixture's engine:
 * results and the final result as an application sees them. */
static void test_client_api(void **state)
{
    fixture *f = *state;
    MI_Application app = MI_APPLICATION_NULL;
    MI_Session s = MI_SESSION_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst = NULL, *details = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result r = MI_RESULT_FAILED;
    const MI_Char *msg = NULL;
    size_t n = 0;
    MI_Value v;
    MI_Type t;

    assert_int_equal(MI_Application_Initialize(0, NULL, NULL, &app), MI_RESULT_OK);
    assert_int_equal(mi_client_app_use_engine(&app, f->e), MI_RESULT_OK);
    assert_int_equal(MI_Application_NewSession(&app, NULL, NULL, NULL, NULL, NULL, &s),
                     MI_RESULT_OK);

    MI_Session_QueryInstances(&s, 0, NULL, NS, MI_QUERY_DIALECT_WQL,
                              "SELECT Id FROM QRY_Item WHERE Id < 3 OR Id > 100", NULL, &op);
    while (more) {
        assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &r, &msg, &details),
                         MI_RESULT_OK);
        if (inst != NULL) {
            MI_Uint64 id = uint_of(inst, "Id");
            assert_true(id < 3 || id == 101);
            assert_true(is_null(inst, "Name"));
            n++;
        }
    }
    assert_int_equal(r, MI_RESULT_OK);
    assert_int_equal(n, 4);
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);

    /* An invalid query: no instance, the result with its message and CIM_Error. */
    more = MI_TRUE;
    n = 0;
    MI_Session_QueryInstances(&s, 0, NULL, NS, MI_QUERY_DIALECT_WQL,
                              "SELECT Id FROM QRY_Item WHERE Size > 'big'", NULL, &op);
    while (more) {
        assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &r, &msg, &details),
                         MI_RESULT_OK);
        n += inst != NULL;
    }
    assert_int_equal(n, 0);
    assert_int_equal(r, MI_RESULT_INVALID_QUERY);
    assert_string_equal(msg, "QueryInstances: column 38: 'big' is not an integer value for "
                             "property Size (uint64)");
    assert_non_null(details);
    assert_int_equal(MI_Instance_GetElement(details, "CIMStatusCode", &v, &t, NULL, NULL),
                     MI_RESULT_OK);
    assert_int_equal(v.uint32, MI_RESULT_INVALID_QUERY);
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);

    assert_int_equal(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);
    mi_client_app_close_sessions(&app);
    assert_int_equal(MI_Application_Close(&app), MI_RESULT_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_family_where),      cmocka_unit_test(test_family_polymorphism),
        cmocka_unit_test(test_family_projection), cmocka_unit_test(test_family_references),
        cmocka_unit_test(test_provider_simple),   cmocka_unit_test(test_provider_filter),
        cmocka_unit_test(test_provider_without_filter_support),
        cmocka_unit_test(test_errors),            cmocka_unit_test(test_concurrent_and_cancel),
        cmocka_unit_test(test_client_api),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
