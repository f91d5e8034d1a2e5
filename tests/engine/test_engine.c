/* test_engine.c - the engine (src/engine) driven through engine.h: enumeration over
 * providers (polymorphism, keysOnly), Get with the enumerate fallback, Invoke, static
 * instances, TST_Family references/associators, cancel, timeout, queue memory, errors.
 *
 * Fixture: an in-memory repository with the CIM qualifiers, TST_Family.mof (static
 * instances) and test_providers.mof, the classes of test_providers.mof registered to
 * the module MI_TEST_PROVIDER; an engine over it with a queue depth of 64.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "base/alloc.h"
#include "cim/cim.h"
#include "engine/engine.h"
#include "mof/mof.h"
#include "repo/repo.h"

#define NS "root/test"
#define QUALIFIERS MI_SHARED_DIR "/data/cim-schema/2.49.0/qualifiers.mof"
#define FAMILY                                                                               \
    MI_SHARED_DIR "/data/mof-extra/openpegasus/pegasus/src/Providers/TestProviders/Load/"        \
                  "TST_Family.mof"
#define PROVIDERS_MOF MI_SOURCE_DIR "/tests/providers/test_providers.mof"
#define DEPTH 64

typedef struct fixture {
    mi_repo *repo;
    mi_engine *e;
} fixture;

static const char *const provided[] = {"TST_Simple", "TST_Level1", "TST_Level2",
                                       "TST_Level3", "TST_Left",   "TST_Right",
                                       "TST_Link",   "TST_Never",  "TST_Slow",
                                       "TST_Async",  "TST_Nested"};

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    mi_mof_options o;
    const char *files[] = {QUALIFIERS, FAMILY, PROVIDERS_MOF};
    mi_engine_config cfg = {NULL, 2, DEPTH, false};
    mi_buf err;

    memset(&o, 0, sizeof o);
    o.ns = NS;
    assert_int_equal(mi_repo_new(&f->repo), MI_RESULT_OK);
    assert_int_equal(mi_mof_compile_files(f->repo, files, 3, &o, NULL), MI_RESULT_OK);
    for (size_t i = 0; i < sizeof provided / sizeof provided[0]; i++)
        assert_int_equal(mi_repo_register_provider(f->repo, NS, provided[i], MI_TEST_PROVIDER),
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
    size_t count;             /* result instances */
    char *keys[MAX_KEEP];     /* key strings of the first MAX_KEEP, sorted at the end */
    MI_Result final;
    char message[512];
    MI_Uint32 status;         /* CIMStatusCode of the error instance */
    MI_Uint16 category;       /* error_Category of the error instance */
    MI_Instance *first;       /* clone of the first result (or of the final's instance) */
} results;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *keystring(const MI_Instance *inst)
{
    mi_buf b;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_instance_keystring(inst, &b), MI_RESULT_OK);
    char *s = strdup(mi_buf_str(&b));
    mi_buf_free(&b);
    return s;
}

static void results_free(results *r)
{
    for (size_t i = 0; i < r->count && i < MAX_KEEP; i++)
        free(r->keys[i]);
    if (r->first != NULL)
        MI_Instance_Delete(r->first);
    memset(r, 0, sizeof *r);
}

/* Runs req to its end, collecting results. */
static void run(fixture *f, const mi_request *req, results *r)
{
    mi_op *op = NULL;
    mi_item it;

    memset(r, 0, sizeof *r);
    assert_int_equal(mi_engine_start(f->e, req, &op), MI_RESULT_OK);
    for (;;) {
        assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_OK);
        if (it.kind == MI_ITEM_FINAL) {
            r->final = it.result;
            if (it.message != NULL)
                snprintf(r->message, sizeof r->message, "%s", it.message);
            if (it.error != NULL) {
                MI_Value v;
                MI_Type t;
                assert_int_equal(MI_Instance_GetElement(it.error, "CIMStatusCode", &v, &t,
                                                        NULL, NULL),
                                 MI_RESULT_OK);
                r->status = v.uint32;
                assert_int_equal(MI_Instance_GetElement(it.error, "error_Category", &v, &t,
                                                        NULL, NULL),
                                 MI_RESULT_OK);
                r->category = v.uint16;
            }
            if (it.instance != NULL && r->first == NULL)
                assert_int_equal(MI_Instance_Clone(it.instance, &r->first), MI_RESULT_OK);
            mi_op_release(op);
            break;
        }
        if (it.kind == MI_ITEM_INSTANCE) {
            if (r->count < MAX_KEEP)
                r->keys[r->count] = keystring(it.instance);
            if (r->first == NULL)
                assert_int_equal(MI_Instance_Clone(it.instance, &r->first), MI_RESULT_OK);
            r->count++;
        }
        if (it.kind == MI_ITEM_PROMPT || it.kind == MI_ITEM_WRITE_ERROR)
            mi_op_answer(op, MI_TRUE);
        else
            mi_op_release(op);
    }
    mi_op_close(op);
    qsort(r->keys, r->count < MAX_KEEP ? r->count : MAX_KEEP, sizeof r->keys[0], cmp_str);
}

/* Asserts the kept key strings are exactly the n given (any order). */
static void expect_keys(results *r, size_t n, ...)
{
    const char *want[16];
    va_list ap;

    assert_true(n <= 16);
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        want[i] = va_arg(ap, const char *);
    va_end(ap);
    qsort(want, n, sizeof want[0], cmp_str);
    if (r->count != n) {
        for (size_t i = 0; i < r->count && i < MAX_KEEP; i++)
            print_message("got %s\n", r->keys[i]);
        print_message("final %d %s\n", (int)r->final, r->message);
    }
    assert_int_equal(r->count, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(r->keys[i], want[i]);
}

static mi_option opt_n(MI_Uint32 n)
{
    mi_option o = {"N", MI_UINT32, {.uint32 = n}, MI_FALSE};
    return o;
}

static MI_Instance *person(const char *cls, const char *name)
{
    MI_Instance *p = NULL;
    MI_Value v;
    assert_int_equal(mi_instance_new_dynamic(cls, 0, &p), MI_RESULT_OK);
    v.string = (MI_Char *)name;
    assert_int_equal(MI_Instance_AddElement(p, "name", &v, MI_STRING, MI_FLAG_KEY),
                     MI_RESULT_OK);
    return p;
}

static MI_Instance *with_uint32(const char *cls, const char *prop, MI_Uint32 x)
{
    MI_Instance *p = NULL;
    MI_Value v;
    assert_int_equal(mi_instance_new_dynamic(cls, 0, &p), MI_RESULT_OK);
    v.uint32 = x;
    assert_int_equal(MI_Instance_AddElement(p, prop, &v, MI_UINT32, MI_FLAG_KEY), MI_RESULT_OK);
    return p;
}

static bool is_null(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 fl = 0;
    MI_Result r = MI_Instance_GetElement(inst, name, &v, &t, &fl, NULL);
    return r != MI_RESULT_OK || (fl & MI_FLAG_NULL) != 0;
}

/* ---------------------------------------------------------------- enumerate */

static void test_enumerate_provider(void **state)
{
    fixture *f = *state;
    mi_option n = opt_n(1000);
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS, .class_name = "TST_Simple",
                      .options = &n, .n_options = 1};
    results r;
    MI_Value v;
    MI_Type t;

    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, 1000);
    /* The first posted instance: Key 0, Name "name-0", Value 0, Ratio 0.0. */
    assert_int_equal(MI_Instance_GetElement(r.first, "Name", &v, &t, NULL, NULL), MI_RESULT_OK);
    assert_string_equal(v.string, "name-0");
    assert_int_equal(MI_Instance_GetElement(r.first, "Flag", &v, &t, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(v.boolean, 0);
    const char *ns = NULL;
    assert_int_equal(MI_Instance_GetNameSpace(r.first, &ns), MI_RESULT_OK);
    assert_string_equal(ns, NS);
    results_free(&r);
}

static void test_polymorphism(void **state)
{
    fixture *f = *state;
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS, .class_name = "TST_Level1"};
    results r;

    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    expect_keys(&r, 6, "TST_Level1.Id=\"L1-a\"", "TST_Level1.Id=\"L1-b\"",
                "TST_Level2.Id=\"L2-a\"", "TST_Level2.Id=\"L2-b\"", "TST_Level3.Id=\"L3-a\"",
                "TST_Level3.Id=\"L3-b\"");
    results_free(&r);

    req.class_name = "TST_Level2";
    run(f, &req, &r);
    expect_keys(&r, 4, "TST_Level2.Id=\"L2-a\"", "TST_Level2.Id=\"L2-b\"",
                "TST_Level3.Id=\"L3-a\"", "TST_Level3.Id=\"L3-b\"");
    results_free(&r);

    req.class_name = "TST_Level1";
    req.flags = 0x80; /* POLYMORPHISM_SHALLOW */
    run(f, &req, &r);
    expect_keys(&r, 2, "TST_Level1.Id=\"L1-a\"", "TST_Level1.Id=\"L1-b\"");
    results_free(&r);
}

/* DEEP_BASE_PROPS_ONLY: level-3 instances keep their class but only TST_Level2's
 * properties (C is dropped, B kept). */
static void test_deep_base_props_only(void **state)
{
    fixture *f = *state;
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS, .class_name = "TST_Level2",
                      .flags = 0x180};
    mi_op *op;
    mi_item it;
    unsigned level3 = 0, level2 = 0;

    assert_int_equal(mi_engine_start(f->e, &req, &op), MI_RESULT_OK);
    for (;;) {
        assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_OK);
        if (it.kind == MI_ITEM_FINAL) {
            assert_int_equal(it.result, MI_RESULT_OK);
            break;
        }
        const char *cls = NULL;
        MI_Instance_GetClassName(it.instance, &cls);
        assert_false(is_null(it.instance, "B"));
        if (strcmp(cls, "TST_Level3") == 0) {
            level3++;
            assert_true(is_null(it.instance, "C"));
        } else {
            level2++;
        }
        mi_op_release(op);
    }
    mi_op_close(op);
    assert_int_equal(level3, 2);
    assert_int_equal(level2, 2);
}

static void test_keys_only(void **state)
{
    fixture *f = *state;
    mi_option n = opt_n(5);
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS, .class_name = "TST_Simple",
                      .keys_only = MI_TRUE, .options = &n, .n_options = 1};
    results r;

    run(f, &req, &r);
    assert_int_equal(r.count, 5);
    assert_false(is_null(r.first, "Key"));
    assert_true(is_null(r.first, "Name"));
    assert_true(is_null(r.first, "Ratio"));
    results_free(&r);

    /* Static instances too. */
    mi_request req2 = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS,
                       .class_name = "TST_PersonS", .keys_only = MI_TRUE};
    run(f, &req2, &r);
    assert_int_equal(r.count, 4);
    assert_true(is_null(r.first, "counter"));
    assert_false(is_null(r.first, "name"));
    results_free(&r);
}

static void test_static_enumerate(void **state)
{
    fixture *f = *state;
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS, .class_name = "TST_Person"};
    results r;

    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    /* 4 TST_Person + 4 TST_PersonS (deep); the dynamic subclasses have no instances. */
    assert_int_equal(r.count, 8);
    results_free(&r);
    req.flags = 0x80;
    run(f, &req, &r);
    assert_int_equal(r.count, 4);
    results_free(&r);
}

/* ---------------------------------------------------------------- get / invoke / crud */

static void test_get(void **state)
{
    fixture *f = *state;
    MI_Instance *k = with_uint32("TST_Simple", "Key", 5);
    mi_request req = {.kind = MI_OP_GET_INSTANCE, .ns = NS, .instance = k};
    results r;
    MI_Value v;
    MI_Type t;

    /* No GetInstance in the provider: the engine enumerates and matches the key. */
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, 1);
    assert_int_equal(MI_Instance_GetElement(r.first, "Name", &v, &t, NULL, NULL), MI_RESULT_OK);
    assert_string_equal(v.string, "name-5");
    results_free(&r);
    MI_Instance_Delete(k);

    k = with_uint32("TST_Simple", "Key", 12345); /* N = 10 by default */
    req.instance = k;
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_NOT_FOUND);
    assert_int_equal(r.status, MI_RESULT_NOT_FOUND);
    assert_int_equal(r.count, 0);
    results_free(&r);
    MI_Instance_Delete(k);

    /* A provider's own GetInstance (TST_Level3 reads the key from its struct). */
    MI_Instance *lv = NULL;
    assert_int_equal(mi_instance_new_dynamic("TST_Level3", 0, &lv), MI_RESULT_OK);
    v.string = "L3-b";
    MI_Instance_AddElement(lv, "Id", &v, MI_STRING, MI_FLAG_KEY);
    req.instance = lv;
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, 1);
    assert_int_equal(MI_Instance_GetElement(r.first, "A", &v, &t, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(v.uint32, 31);
    results_free(&r);
    v.string = "L3-z";
    MI_Instance_SetElement(lv, "Id", &v, MI_STRING, 0);
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_NOT_FOUND);
    assert_int_equal(r.count, 0);
    results_free(&r);
    MI_Instance_Delete(lv);

    /* Static: TST_PersonS "Sofis" has counter 3. */
    k = person("TST_PersonS", "Sofis");
    req.instance = k;
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(r.first, "counter", &v, &t, NULL, NULL),
                     MI_RESULT_OK);
    assert_int_equal(v.uint32, 3);
    results_free(&r);
    MI_Instance_Delete(k);
}

static void test_invoke(void **state)
{
    fixture *f = *state;
    MI_Instance *in = NULL;
    MI_Value v;
    MI_Type t;
    results r;

    assert_int_equal(mi_instance_new_dynamic("Parameters", MI_FLAG_METHOD, &in), MI_RESULT_OK);
    v.uint32 = 2;
    MI_Instance_AddElement(in, "a", &v, MI_UINT32, 0);
    v.uint32 = 40;
    MI_Instance_AddElement(in, "b", &v, MI_UINT32, 0);
    mi_request req = {.kind = MI_OP_INVOKE, .ns = NS, .class_name = "TST_Simple",
                      .method = "Add", .params = in};
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_non_null(r.first);
    assert_int_equal(MI_Instance_GetElement(r.first, "Sum", &v, &t, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(v.uint32, 42);
    assert_int_equal(MI_Instance_GetElement(r.first, "ReturnValue", &v, &t, NULL, NULL),
                     MI_RESULT_OK);
    assert_int_equal(v.uint32, 7);
    assert_int_equal(MI_Instance_GetElement(r.first, "a", &v, &t, NULL, NULL),
                     MI_RESULT_NO_SUCH_PROPERTY);
    assert_int_equal(MI_Instance_GetElement(r.first, "MIReturn", &v, &t, NULL, NULL),
                     MI_RESULT_NO_SUCH_PROPERTY);
    results_free(&r);
    MI_Instance_Delete(in);
}

static void test_static_crud(void **state)
{
    fixture *f = *state;
    MI_Instance *p = person("TST_Person", "Zed");
    MI_Value v;
    MI_Type t;
    results r;
    mi_request req = {.kind = MI_OP_CREATE_INSTANCE, .ns = NS, .instance = p};

    v.string = "first";
    MI_Instance_AddElement(p, "extraProperty", &v, MI_STRING, 0);
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    results_free(&r);
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_ALREADY_EXISTS);
    assert_int_equal(r.status, MI_RESULT_ALREADY_EXISTS);
    results_free(&r);

    v.string = "second";
    MI_Instance_SetElement(p, "extraProperty", &v, MI_STRING, 0);
    req.kind = MI_OP_MODIFY_INSTANCE;
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    results_free(&r);

    req.kind = MI_OP_GET_INSTANCE;
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(r.first, "extraProperty", &v, &t, NULL, NULL),
                     MI_RESULT_OK);
    assert_string_equal(v.string, "second");
    results_free(&r);

    /* A partial instance changes only what it sets: extraProperty stays. */
    MI_Instance *only_key = person("TST_Person", "Zed");
    mi_request mod = {.kind = MI_OP_MODIFY_INSTANCE, .ns = NS, .instance = only_key};
    run(f, &mod, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    results_free(&r);
    mod.kind = MI_OP_GET_INSTANCE;
    run(f, &mod, &r);
    assert_int_equal(MI_Instance_GetElement(r.first, "extraProperty", &v, &t, NULL, NULL),
                     MI_RESULT_OK);
    assert_string_equal(v.string, "second");
    results_free(&r);
    /* A property the class does not have. */
    v.uint32 = 1;
    MI_Instance_AddElement(only_key, "noSuchProperty", &v, MI_UINT32, 0);
    mod.kind = MI_OP_MODIFY_INSTANCE;
    run(f, &mod, &r);
    assert_int_equal(r.final, MI_RESULT_NO_SUCH_PROPERTY);
    assert_non_null(strstr(r.message, "noSuchProperty"));
    results_free(&r);
    MI_Instance_Delete(only_key);

    req.kind = MI_OP_DELETE_INSTANCE;
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    results_free(&r);
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_NOT_FOUND);
    results_free(&r);
    req.kind = MI_OP_GET_INSTANCE;
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_NOT_FOUND);
    results_free(&r);
    MI_Instance_Delete(p);
}

/* ---------------------------------------------------------------- associations */

#define P(n) "TST_Person.name=\"" n "\""
/* References keep their namespace; nested quotes are escaped. */
#define Q(n) "root/test:TST_Person.name=\\\"" n "\\\""
#define L(a, b) "TST_Lineage.child=\"" Q(b) "\",parent=\"" Q(a) "\""

static void refs(fixture *f, const char *who, const char *result_class, const char *role,
                 results *r)
{
    MI_Instance *p = person("TST_Person", who);
    mi_request req = {.kind = MI_OP_REFERENCE_INSTANCES, .ns = NS, .instance = p,
                      .result_class = result_class, .role = role};
    run(f, &req, r);
    assert_int_equal(r->final, MI_RESULT_OK);
    MI_Instance_Delete(p);
}

static void assocs(fixture *f, const char *cls, const char *who, const char *assoc_class,
                   const char *result_class, const char *role, const char *result_role,
                   results *r)
{
    MI_Instance *p = person(cls, who);
    mi_request req = {.kind = MI_OP_ASSOCIATOR_INSTANCES, .ns = NS, .instance = p,
                      .assoc_class = assoc_class, .result_class = result_class, .role = role,
                      .result_role = result_role};
    run(f, &req, r);
    assert_int_equal(r->final, MI_RESULT_OK);
    MI_Instance_Delete(p);
}

static void test_family_references(void **state)
{
    fixture *f = *state;
    results r;

    /* Lineage pairs in TST_Family.mof: Mike->Sofi, Mike->Gabi, Saara->Sofi, Saara->Gabi. */
    refs(f, "Mike", NULL, NULL, &r);
    expect_keys(&r, 2, L("Mike", "Gabi"), L("Mike", "Sofi"));
    results_free(&r);
    refs(f, "Mike", NULL, "parent", &r);
    expect_keys(&r, 2, L("Mike", "Gabi"), L("Mike", "Sofi"));
    results_free(&r);
    refs(f, "Mike", NULL, "child", &r);
    expect_keys(&r, 0);
    results_free(&r);
    refs(f, "Mike", "TST_Lineage", NULL, &r);
    expect_keys(&r, 2, L("Mike", "Gabi"), L("Mike", "Sofi"));
    results_free(&r);
    refs(f, "Mike", "TST_LabeledLineage", NULL, &r);
    expect_keys(&r, 0);
    results_free(&r);
    refs(f, "Sofi", NULL, NULL, &r);
    expect_keys(&r, 2, L("Mike", "Sofi"), L("Saara", "Sofi"));
    results_free(&r);
    refs(f, "Sofi", NULL, "child", &r);
    expect_keys(&r, 2, L("Mike", "Sofi"), L("Saara", "Sofi"));
    results_free(&r);
    refs(f, "Gabi", NULL, "parent", &r);
    expect_keys(&r, 0);
    results_free(&r);
    refs(f, "Saara", NULL, NULL, &r);
    expect_keys(&r, 2, L("Saara", "Gabi"), L("Saara", "Sofi"));
    results_free(&r);
    refs(f, "Mikes", NULL, NULL, &r); /* a TST_PersonS with no lineage */
    expect_keys(&r, 0);
    results_free(&r);
}

static void test_family_associators(void **state)
{
    fixture *f = *state;
    results r;

    assocs(f, "TST_Person", "Mike", NULL, NULL, NULL, NULL, &r);
    expect_keys(&r, 2, P("Gabi"), P("Sofi"));
    results_free(&r);
    assocs(f, "TST_Person", "Mike", NULL, NULL, "parent", NULL, &r);
    expect_keys(&r, 2, P("Gabi"), P("Sofi"));
    results_free(&r);
    assocs(f, "TST_Person", "Mike", NULL, NULL, "child", NULL, &r);
    expect_keys(&r, 0);
    results_free(&r);
    assocs(f, "TST_Person", "Mike", NULL, NULL, NULL, "child", &r);
    expect_keys(&r, 2, P("Gabi"), P("Sofi"));
    results_free(&r);
    assocs(f, "TST_Person", "Mike", NULL, NULL, NULL, "parent", &r);
    expect_keys(&r, 0);
    results_free(&r);
    assocs(f, "TST_Person", "Mike", "TST_Lineage", NULL, NULL, NULL, &r);
    expect_keys(&r, 2, P("Gabi"), P("Sofi"));
    results_free(&r);
    assocs(f, "TST_Person", "Mike", "TST_LabeledLineage", NULL, NULL, NULL, &r);
    expect_keys(&r, 0);
    results_free(&r);
    assocs(f, "TST_Person", "Mike", NULL, "TST_Person", NULL, NULL, &r);
    expect_keys(&r, 2, P("Gabi"), P("Sofi"));
    results_free(&r);
    assocs(f, "TST_Person", "Mike", NULL, "TST_PersonS", NULL, NULL, &r);
    expect_keys(&r, 0);
    results_free(&r);
    assocs(f, "TST_Person", "Sofi", NULL, NULL, NULL, NULL, &r);
    expect_keys(&r, 2, P("Mike"), P("Saara"));
    results_free(&r);
    assocs(f, "TST_Person", "Gabi", NULL, NULL, "child", "parent", &r);
    expect_keys(&r, 2, P("Mike"), P("Saara"));
    results_free(&r);
    assocs(f, "TST_Person", "Saara", NULL, NULL, NULL, NULL, &r);
    expect_keys(&r, 2, P("Gabi"), P("Sofi"));
    results_free(&r);
    assocs(f, "TST_PersonS", "Sofis", NULL, NULL, NULL, NULL, &r);
    expect_keys(&r, 0);
    results_free(&r);
}

/* Provider-served association without Associator/Reference slots: the engine
 * enumerates TST_Link and filters; far ends come through TST_Right's provider. */
static void test_provider_associations(void **state)
{
    fixture *f = *state;
    MI_Instance *left = with_uint32("TST_Left", "Id", 3);
    mi_request req = {.kind = MI_OP_ASSOCIATOR_INSTANCES, .ns = NS, .instance = left};
    results r;

    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    expect_keys(&r, 1, "TST_Right.Id=3");
    results_free(&r);
    req.kind = MI_OP_REFERENCE_INSTANCES;
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    expect_keys(&r, 1, "TST_Link.Left=\"TST_Left.Id=3\",Right=\"TST_Right.Id=3\"");
    results_free(&r);
    MI_Instance_Delete(left);
}

/* ---------------------------------------------------------------- stop */

static void test_cancel_large(void **state)
{
    fixture *f = *state;
    mi_option n = opt_n(10000000);
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS, .class_name = "TST_Simple",
                      .options = &n, .n_options = 1};
    mi_op *op;
    mi_item it;
    size_t count = 0;

    assert_int_equal(mi_engine_start(f->e, &req, &op), MI_RESULT_OK);
    for (;;) {
        assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_OK);
        if (it.kind == MI_ITEM_FINAL)
            break;
        count++;
        mi_op_release(op);
        if (count == 1000)
            mi_op_cancel(op, MI_REASON_NONE);
    }
    assert_int_equal(it.result, MI_RESULT_FAILED);
    MI_Value v;
    MI_Type t;
    assert_int_equal(MI_Instance_GetElement(it.error, "error_Category", &v, &t, NULL, NULL),
                     MI_RESULT_OK);
    assert_int_equal(v.uint16, MI_ERRORCATEGORY_OPERATION_STOPPED);
    mi_op_release(op);
    mi_op_close(op);
    /* At most what the queue held when the cancel came. */
    assert_true(count >= 1000 && count <= 1000 + DEPTH + 1);
}

static void test_timeout(void **state)
{
    fixture *f = *state;
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS, .class_name = "TST_Never",
                      .timeout_us = 200000};
    results r;

    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_FAILED);
    assert_int_equal(r.category, MI_ERRORCATEGORY_OPERATION_TIMEOUT);
    assert_int_equal(r.count, 0);
    results_free(&r);
}

static void test_slow_consumer_memory(void **state)
{
    fixture *f = *state;
    mi_option n = opt_n(20000);
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS, .class_name = "TST_Simple",
                      .options = &n, .n_options = 1};
    mi_op *op;
    mi_item it;
    size_t count = 0, live, peak_early = 0, peak;
    struct timespec ts = {0, 100 * 1000 * 1000};

    assert_int_equal(mi_engine_start(f->e, &req, &op), MI_RESULT_OK);
    nanosleep(&ts, NULL); /* the producer fills the queue and waits */
    for (;;) {
        assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_OK);
        if (it.kind == MI_ITEM_FINAL)
            break;
        count++;
        mi_op_release(op);
        if (count == 1000)
            mi_op_stats(op, NULL, &peak_early);
    }
    assert_int_equal(it.result, MI_RESULT_OK);
    assert_int_equal(count, 20000);
    mi_op_stats(op, &live, &peak);
    /* One first chunk per slot, never more: flat whatever the result count. */
    assert_true(peak_early > 0);
    assert_int_equal(peak, peak_early);
    assert_true(peak <= (size_t)DEPTH * 2 * MI_ARENA_DEFAULT_CHUNK);
    mi_op_release(op);
    mi_op_close(op);
}

/* ---------------------------------------------------------------- errors */

static void expect_error(fixture *f, const mi_request *req, MI_Result code, const char *word)
{
    results r;
    run(f, req, &r);
    if (r.final != code)
        print_message("final %d: %s\n", (int)r.final, r.message);
    assert_int_equal(r.final, code);
    assert_int_equal(r.status, code);
    assert_int_equal(r.count, 0);
    if (word != NULL && strstr(r.message, word) == NULL) {
        print_message("message \"%s\" lacks \"%s\"\n", r.message, word);
        fail();
    }
    results_free(&r);
}

static void test_errors(void **state)
{
    fixture *f = *state;
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = "root/nowhere",
                      .class_name = "TST_Simple"};
    MI_Instance *in = NULL, *nokey = NULL;
    MI_Value v;

    expect_error(f, &req, MI_RESULT_INVALID_NAMESPACE, "root/nowhere");
    req.ns = NS;
    req.class_name = "TST_NoSuchClass";
    expect_error(f, &req, MI_RESULT_INVALID_CLASS, "TST_NoSuchClass");

    /* GetInstance without the key. */
    assert_int_equal(mi_instance_new_dynamic("TST_Simple", 0, &nokey), MI_RESULT_OK);
    v.string = "x";
    MI_Instance_AddElement(nokey, "Name", &v, MI_STRING, 0);
    mi_request get = {.kind = MI_OP_GET_INSTANCE, .ns = NS, .instance = nokey};
    expect_error(f, &get, MI_RESULT_INVALID_PARAMETER, "Key");
    MI_Instance_Delete(nokey);

    /* Invoke: unknown parameter, wrong type, unknown method. */
    assert_int_equal(mi_instance_new_dynamic("Parameters", MI_FLAG_METHOD, &in), MI_RESULT_OK);
    v.uint32 = 1;
    MI_Instance_AddElement(in, "c", &v, MI_UINT32, 0);
    mi_request inv = {.kind = MI_OP_INVOKE, .ns = NS, .class_name = "TST_Simple",
                      .method = "Add", .params = in};
    expect_error(f, &inv, MI_RESULT_INVALID_PARAMETER, "c");
    MI_Instance_Delete(in);
    assert_int_equal(mi_instance_new_dynamic("Parameters", MI_FLAG_METHOD, &in), MI_RESULT_OK);
    v.string = "one";
    MI_Instance_AddElement(in, "a", &v, MI_STRING, 0);
    inv.params = in;
    expect_error(f, &inv, MI_RESULT_TYPE_MISMATCH, "a");
    inv.method = "Subtract";
    expect_error(f, &inv, MI_RESULT_METHOD_NOT_FOUND, "Subtract");
    MI_Instance_Delete(in);

    /* Create of an existing static instance. */
    MI_Instance *mike = person("TST_Person", "Mike");
    mi_request create = {.kind = MI_OP_CREATE_INSTANCE, .ns = NS, .instance = mike};
    expect_error(f, &create, MI_RESULT_ALREADY_EXISTS, NULL);
    MI_Instance_Delete(mike);

    /* QueryInstances itself: tests/query; here only an unsupported dialect. */
    mi_request q = {.kind = MI_OP_QUERY_INSTANCES, .ns = NS, .query_dialect = "XPath",
                    .query = "select * from TST_Simple"};
    expect_error(f, &q, MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED, "QueryInstances");
    q.query_dialect = "WQL";
    q.kind = MI_OP_SUBSCRIBE; /* tests/engine/test_subscribe.c; here a non-indication class */
    expect_error(f, &q, MI_RESULT_INVALID_CLASS, "not an indication class");

    /* Associators of an unknown association class. */
    MI_Instance *p = person("TST_Person", "Mike");
    mi_request as = {.kind = MI_OP_ASSOCIATOR_INSTANCES, .ns = NS, .instance = p,
                     .assoc_class = "TST_Nope"};
    expect_error(f, &as, MI_RESULT_INVALID_CLASS, "TST_Nope");
    MI_Instance_Delete(p);
}

static void test_classes(void **state)
{
    fixture *f = *state;
    mi_request req = {.kind = MI_OP_GET_CLASS, .ns = NS, .class_name = "TST_Level2"};
    mi_op *op;
    mi_item it;
    size_t n = 0;

    assert_int_equal(mi_engine_start(f->e, &req, &op), MI_RESULT_OK);
    assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_OK);
    assert_int_equal(it.kind, MI_ITEM_CLASS);
    const char *name = NULL;
    assert_int_equal(MI_Class_GetClassName(it.cls, &name), MI_RESULT_OK);
    assert_string_equal(name, "TST_Level2");
    mi_op_release(op);
    assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_OK);
    assert_int_equal(it.kind, MI_ITEM_FINAL);
    assert_int_equal(it.result, MI_RESULT_OK);
    mi_op_close(op);

    /* Subclasses of TST_Level1: deep 2, shallow 1. */
    mi_request ec = {.kind = MI_OP_ENUMERATE_CLASSES, .ns = NS, .class_name = "TST_Level1"};
    for (int shallow = 0; shallow < 2; shallow++) {
        ec.flags = shallow ? 0x80 : 0;
        n = 0;
        assert_int_equal(mi_engine_start(f->e, &ec, &op), MI_RESULT_OK);
        for (;;) {
            assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_OK);
            if (it.kind == MI_ITEM_FINAL)
                break;
            n++;
            mi_op_release(op);
        }
        mi_op_close(op);
        assert_int_equal(n, shallow ? 1 : 2);
    }
    /* classNamesOnly: the same classes, each with its name and parent name only. */
    ec.flags = 0;
    ec.class_names_only = MI_TRUE;
    n = 0;
    assert_int_equal(mi_engine_start(f->e, &ec, &op), MI_RESULT_OK);
    for (;;) {
        assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_OK);
        if (it.kind == MI_ITEM_FINAL)
            break;
        const MI_Char *cname = NULL, *parent = NULL;
        MI_Uint32 count = 99;
        assert_int_equal(MI_Class_GetClassName(it.cls, &cname), MI_RESULT_OK);
        assert_true(strcmp(cname, "TST_Level2") == 0 || strcmp(cname, "TST_Level3") == 0);
        assert_int_equal(MI_Class_GetParentClassName(it.cls, &parent), MI_RESULT_OK);
        assert_string_equal(parent, strcmp(cname, "TST_Level2") == 0 ? "TST_Level1"
                                                                      : "TST_Level2");
        assert_int_equal(MI_Class_GetElementCount(it.cls, &count), MI_RESULT_OK);
        assert_int_equal(count, 0);
        n++;
        mi_op_release(op);
    }
    assert_int_equal(it.result, MI_RESULT_OK);
    mi_op_close(op);
    assert_int_equal(n, 2);
}

static void test_close_early_and_test_connection(void **state)
{
    fixture *f = *state;
    mi_option n = opt_n(100000);
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS, .class_name = "TST_Simple",
                      .options = &n, .n_options = 1};
    mi_op *op;
    mi_item it;
    results r;

    /* Closing in the middle (holding an item) ends it; the engine stays usable. */
    assert_int_equal(mi_engine_start(f->e, &req, &op), MI_RESULT_OK);
    assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_OK);
    mi_op_close(op);
    mi_request tc = {.kind = MI_OP_TEST_CONNECTION};
    run(f, &tc, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    results_free(&r);
}

static void count_notify(void *ctx)
{
    __atomic_add_fetch((int *)ctx, 1, __ATOMIC_SEQ_CST);
}

/* mi_op_next with a deadline returns NOT_FOUND while nothing comes; a cancel then ends
 * an operation whose provider never posts; the notify hook fires for the final. */
static void test_next_deadline_and_notify(void **state)
{
    fixture *f = *state;
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS, .class_name = "TST_Never"};
    mi_op *op;
    mi_item it;
    int notified = 0;
    struct timespec ts;

    assert_int_equal(mi_engine_start(f->e, &req, &op), MI_RESULT_OK);
    mi_op_set_notify(op, count_notify, &notified);
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t soon = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec + 50000000u;
    assert_int_equal(mi_op_next(op, &it, soon), MI_RESULT_NOT_FOUND);
    assert_int_equal(__atomic_load_n(&notified, __ATOMIC_SEQ_CST), 0);
    mi_op_cancel(op, MI_REASON_NONE);
    assert_int_equal(__atomic_load_n(&notified, __ATOMIC_SEQ_CST), 1);
    assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_OK);
    assert_int_equal(it.kind, MI_ITEM_FINAL);
    assert_int_equal(it.result, MI_RESULT_FAILED);
    /* Not released yet: a second next is refused. */
    assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_FAILED);
    mi_op_release(op);
    /* After the final was released, next returns it again. */
    assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_OK);
    assert_int_equal(it.kind, MI_ITEM_FINAL);
    mi_op_close(op);
}

/* A provider posting from its own thread after EnumerateInstances returned. */
static void test_foreign_thread_posts(void **state)
{
    fixture *f = *state;
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS, .class_name = "TST_Async"};
    results r;

    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    expect_keys(&r, 3, "TST_Async.Id=0", "TST_Async.Id=1", "TST_Async.Id=2");
    results_free(&r);
}

/* Without a client library hook there is no local session for providers. */
static void test_no_local_session(void **state)
{
    fixture *f = *state;
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS, .class_name = "TST_Nested"};
    results r;

    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_NOT_SUPPORTED);
    assert_string_equal(r.message, "no local session");
    results_free(&r);
}

/* Out of memory at every allocation of a few requests in turn: each operation still
 * ends with exactly one final result (OK, or an error), nothing crashes or leaks. */
static void test_out_of_memory(void **state)
{
    fixture *f = *state;
    MI_Instance *mike = person("TST_Person", "Mike");
    mi_option n = opt_n(3);
    mi_request reqs[] = {
        {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS, .class_name = "TST_Person"},
        {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS, .class_name = "TST_Level1"},
        {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS, .class_name = "TST_Simple",
         .options = &n, .n_options = 1},
        {.kind = MI_OP_ASSOCIATOR_INSTANCES, .ns = NS, .instance = mike},
        {.kind = MI_OP_GET_CLASS, .ns = NS, .class_name = "TST_Level3"},
    };

    for (size_t q = 0; q < sizeof reqs / sizeof reqs[0]; q++) {
        unsigned ok = 0, failed = 0;
        for (long k = 1; k <= 400; k++) {
            mi_op *op = NULL;
            mi_item it;
            mi_alloc_fail_after(k);
            MI_Result r = mi_engine_start(f->e, &reqs[q], &op);
            if (r != MI_RESULT_OK) {
                assert_int_equal(r, MI_RESULT_SERVER_LIMITS_EXCEEDED);
                assert_null(op);
                failed++;
                continue;
            }
            for (;;) {
                assert_int_equal(mi_op_next(op, &it, 0), MI_RESULT_OK);
                if (it.kind == MI_ITEM_FINAL)
                    break;
                mi_op_release(op);
            }
            if (it.result == MI_RESULT_OK)
                ok++;
            else
                failed++;
            mi_op_release(op);
            mi_op_close(op);
        }
        mi_alloc_fail_after(0);
        /* Some injected failures hit, and late ones let the request succeed. */
        assert_true(failed > 0);
        assert_true(ok > 0);
    }
    MI_Instance_Delete(mike);
}

/* A registered module that cannot be loaded fails the request with a message naming
 * it; other classes keep working. Runs last: it changes the registrations. */
static void test_bad_module(void **state)
{
    fixture *f = *state;
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = NS,
                      .class_name = "TST_PersonDynamic"};
    results r;

    assert_int_equal(mi_repo_register_provider(f->repo, NS, "TST_PersonDynamic",
                                               "/nonexistent/libnothing.so"),
                     MI_RESULT_OK);
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_FAILED);
    assert_non_null(strstr(r.message, "/nonexistent/libnothing.so"));
    results_free(&r);
    req.class_name = "TST_Level3";
    run(f, &req, &r);
    assert_int_equal(r.final, MI_RESULT_OK);
    assert_int_equal(r.count, 2);
    results_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_enumerate_provider),
        cmocka_unit_test(test_polymorphism),
        cmocka_unit_test(test_deep_base_props_only),
        cmocka_unit_test(test_keys_only),
        cmocka_unit_test(test_static_enumerate),
        cmocka_unit_test(test_get),
        cmocka_unit_test(test_invoke),
        cmocka_unit_test(test_static_crud),
        cmocka_unit_test(test_family_references),
        cmocka_unit_test(test_family_associators),
        cmocka_unit_test(test_provider_associations),
        cmocka_unit_test(test_cancel_large),
        cmocka_unit_test(test_timeout),
        cmocka_unit_test(test_slow_consumer_memory),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_close_early_and_test_connection),
        cmocka_unit_test(test_next_deadline_and_notify),
        cmocka_unit_test(test_foreign_thread_posts),
        cmocka_unit_test(test_no_local_session),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_bad_module),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
