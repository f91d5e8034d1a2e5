/* test_hosted.c - MI_Application_NewHostedProvider (client hosted.c, engine module.c):
 * a provider module compiled into this test (its MI_Main passed as a function) serves
 * its classes through the client API, ahead of the repository's registration, which
 * is back after MI_HostedProvider_Close; a schema class missing from the namespace and
 * a class served twice are refused; Close during an enumeration; MI_Application_Close
 * closes the application's hosted providers; nested operations of other providers
 * (GetLocalSession) see the hosted classes too.
 *
 * Fixture as in test_client_session.c: an in-memory repository with the test classes
 * registered to the test provider module (tests/providers), the application pointed
 * at an engine over it with mi_client_app_use_engine.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "client/session_int.h"
#include "engine/engine.h"
#include "mof/mof.h"
#include "repo/repo.h"

#define NS "root/test"
#define QUALIFIERS MI_SHARED_DIR "/data/cim-schema/2.49.0/qualifiers.mof"
#define PROVIDERS_MOF MI_SOURCE_DIR "/tests/providers/test_providers.mof"

/* ---------------------------------------------------------------- the hosted modules */

/* Load/Unload calls of one hosted module. */
typedef struct counters {
    atomic_int module_load, module_unload, class_load, class_unload;
} counters;

static counters cnt_a, cnt_b, cnt_bad, cnt_block, cnt_l1;
/* The blocking enumeration (TST_Left of module "block"): instances posted, result
 * posted. */
static atomic_int block_posted, block_done;

typedef struct H_Simple {
    MI_Instance __instance;
    MI_ConstUint32Field Key;
    MI_ConstStringField Name;
} H_Simple;

typedef struct H_Id {
    MI_Instance __instance;
    MI_ConstUint32Field Id;
} H_Id;

typedef struct H_Level1 {
    MI_Instance __instance;
    MI_ConstStringField Id;
} H_Level1;

static MI_CONST MI_PropertyDecl simple_key = {
    MI_FLAG_PROPERTY | MI_FLAG_KEY, 0, MI_T("Key"), NULL, 0, MI_UINT32, NULL, 0,
    offsetof(H_Simple, Key), MI_T("TST_Simple"), MI_T("TST_Simple"), NULL};
static MI_CONST MI_PropertyDecl simple_name = {
    MI_FLAG_PROPERTY, 0, MI_T("Name"), NULL, 0, MI_STRING, NULL, 0,
    offsetof(H_Simple, Name), MI_T("TST_Simple"), MI_T("TST_Simple"), NULL};
static MI_PropertyDecl MI_CONST *MI_CONST simple_props[] = {&simple_key, &simple_name};
static MI_CONST MI_PropertyDecl left_id = {
    MI_FLAG_PROPERTY | MI_FLAG_KEY, 0, MI_T("Id"), NULL, 0, MI_UINT32, NULL, 0,
    offsetof(H_Id, Id), MI_T("TST_Left"), MI_T("TST_Left"), NULL};
static MI_PropertyDecl MI_CONST *MI_CONST left_props[] = {&left_id};
static MI_CONST MI_PropertyDecl nowhere_id = {
    MI_FLAG_PROPERTY | MI_FLAG_KEY, 0, MI_T("Id"), NULL, 0, MI_UINT32, NULL, 0,
    offsetof(H_Id, Id), MI_T("TST_Nowhere"), MI_T("TST_Nowhere"), NULL};
static MI_PropertyDecl MI_CONST *MI_CONST nowhere_props[] = {&nowhere_id};
static MI_CONST MI_PropertyDecl l1_id = {
    MI_FLAG_PROPERTY | MI_FLAG_KEY, 0, MI_T("Id"), NULL, 0, MI_STRING, NULL, 0,
    offsetof(H_Level1, Id), MI_T("TST_Level1"), MI_T("TST_Level1"), NULL};
static MI_PropertyDecl MI_CONST *MI_CONST l1_props[] = {&l1_id};

/* selfModule is the module's counters (set by module_load). */
static void MI_CALL class_load(void **self, MI_Module_Self *selfModule, MI_Context *context)
{
    counters *c = (counters *)selfModule;
    atomic_fetch_add(&c->class_load, 1);
    *self = c;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL class_unload(void *self, MI_Context *context)
{
    counters *c = self;
    atomic_fetch_add(&c->class_unload, 1);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

extern MI_CONST MI_ClassDecl H_Simple_rtti, H_Left_rtti, H_Level1_rtti;

/* TST_Simple: Key 100..102, Name "hosted-<key>". */
static MI_Result post_simple(MI_Context *ctx, MI_Uint32 key)
{
    H_Simple inst;
    char name[32];
    MI_Result r;

    snprintf(name, sizeof name, "hosted-%u", (unsigned)key);
    memset(&inst, 0, sizeof inst);
    if (MI_Context_ConstructInstance(ctx, &H_Simple_rtti, &inst.__instance) != MI_RESULT_OK)
        return MI_RESULT_FAILED;
    *(MI_Uint32 *)&inst.Key.value = key;
    inst.Key.exists = MI_TRUE;
    *(const char **)&inst.Name.value = name;
    inst.Name.exists = MI_TRUE;
    r = MI_Context_PostInstance(ctx, &inst.__instance);
    MI_Instance_Destruct(&inst.__instance);
    return r;
}

static void MI_CALL Simple_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                     const MI_Char *className, const MI_PropertySet *propertySet,
                                     MI_Boolean keysOnly, const MI_Filter *filter)
{
    MI_Result r = MI_RESULT_OK;

    (void)self, (void)nameSpace, (void)className, (void)propertySet, (void)keysOnly;
    (void)filter;
    for (MI_Uint32 k = 100; k < 103 && r == MI_RESULT_OK; k++)
        r = post_simple(context, k);
    MI_Context_PostResult(context, r);
}

static void MI_CALL Simple_Get(void *self, MI_Context *context, const MI_Char *nameSpace,
                               const MI_Char *className, const MI_Instance *instanceName,
                               const MI_PropertySet *propertySet)
{
    const H_Simple *k = (const H_Simple *)instanceName;

    (void)self, (void)nameSpace, (void)className, (void)propertySet;
    if (!k->Key.exists || k->Key.value < 100 || k->Key.value > 102) {
        MI_Context_PostResult(context, MI_RESULT_NOT_FOUND);
        return;
    }
    MI_Context_PostResult(context, post_simple(context, k->Key.value));
}

/* TST_Left of module "block": posts until the operation stops (a full queue makes it
 * wait for the consumer), then its result. */
static void MI_CALL Left_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                   const MI_Char *className, const MI_PropertySet *propertySet,
                                   MI_Boolean keysOnly, const MI_Filter *filter)
{
    H_Id inst;
    MI_Result r = MI_RESULT_OK;

    (void)self, (void)nameSpace, (void)className, (void)propertySet, (void)keysOnly;
    (void)filter;
    memset(&inst, 0, sizeof inst);
    if (MI_Context_ConstructInstance(context, &H_Left_rtti, &inst.__instance) != MI_RESULT_OK) {
        MI_Context_PostResult(context, MI_RESULT_FAILED);
        return;
    }
    for (MI_Uint32 i = 0; i < 10000000 && r == MI_RESULT_OK; i++) {
        *(MI_Uint32 *)&inst.Id.value = i;
        inst.Id.exists = MI_TRUE;
        r = MI_Context_PostInstance(context, &inst.__instance);
        if (r == MI_RESULT_OK)
            atomic_fetch_add(&block_posted, 1);
    }
    MI_Instance_Destruct(&inst.__instance);
    MI_Context_PostResult(context, r);
    atomic_store(&block_done, 1);
}

/* TST_Level1 of module "l1": one instance, Id "H-1". */
static void MI_CALL Level1_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                     const MI_Char *className, const MI_PropertySet *propertySet,
                                     MI_Boolean keysOnly, const MI_Filter *filter)
{
    H_Level1 inst;
    MI_Result r;

    (void)self, (void)nameSpace, (void)className, (void)propertySet, (void)keysOnly;
    (void)filter;
    memset(&inst, 0, sizeof inst);
    if (MI_Context_ConstructInstance(context, &H_Level1_rtti, &inst.__instance) != MI_RESULT_OK) {
        MI_Context_PostResult(context, MI_RESULT_FAILED);
        return;
    }
    *(const char **)&inst.Id.value = "H-1";
    inst.Id.exists = MI_TRUE;
    r = MI_Context_PostInstance(context, &inst.__instance);
    MI_Instance_Destruct(&inst.__instance);
    MI_Context_PostResult(context, r);
}

static MI_CONST MI_ProviderFT simple_ft = {class_load, class_unload, Simple_Get,
                                           Simple_Enumerate, NULL, NULL, NULL, NULL, NULL,
                                           NULL, NULL, NULL, NULL, NULL};
static MI_CONST MI_ProviderFT left_ft = {class_load, class_unload, NULL, Left_Enumerate, NULL,
                                         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
static MI_CONST MI_ProviderFT l1_ft = {class_load, class_unload, NULL, Level1_Enumerate, NULL,
                                       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
static MI_CONST MI_ProviderFT nowhere_ft = {class_load, class_unload, NULL, Left_Enumerate,
                                            NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                                            NULL, NULL};

MI_CONST MI_ClassDecl H_Simple_rtti = {MI_FLAG_CLASS, 0, MI_T("TST_Simple"), NULL, 0,
                                       simple_props, 2, sizeof(H_Simple), NULL, NULL, NULL, 0,
                                       NULL, &simple_ft, NULL};
MI_CONST MI_ClassDecl H_Left_rtti = {MI_FLAG_CLASS, 0, MI_T("TST_Left"), NULL, 0, left_props, 1,
                                     sizeof(H_Id), NULL, NULL, NULL, 0, NULL, &left_ft, NULL};
MI_CONST MI_ClassDecl H_Level1_rtti = {MI_FLAG_CLASS, 0, MI_T("TST_Level1"), NULL, 0, l1_props,
                                       1, sizeof(H_Level1), NULL, NULL, NULL, 0, NULL, &l1_ft,
                                       NULL};
static MI_CONST MI_ClassDecl H_Nowhere_rtti = {
    MI_FLAG_CLASS, 0, MI_T("TST_Nowhere"), NULL, 0, nowhere_props, 1, sizeof(H_Id), NULL,
    NULL, NULL, 0, NULL, &nowhere_ft, NULL};

static MI_ClassDecl MI_CONST *MI_CONST simple_classes[] = {&H_Simple_rtti};
static MI_ClassDecl MI_CONST *MI_CONST bad_classes[] = {&H_Simple_rtti, &H_Nowhere_rtti};
static MI_ClassDecl MI_CONST *MI_CONST left_classes[] = {&H_Left_rtti};
static MI_ClassDecl MI_CONST *MI_CONST l1_classes[] = {&H_Level1_rtti};
static MI_SchemaDecl simple_schema = {NULL, 0, simple_classes, 1};
static MI_SchemaDecl bad_schema = {NULL, 0, bad_classes, 2};
static MI_SchemaDecl left_schema = {NULL, 0, left_classes, 1};
static MI_SchemaDecl l1_schema = {NULL, 0, l1_classes, 1};

/* Module.Load: the counters become the module's self. */
#define MODULE(tag, sch)                                                                     \
    static void MI_CALL tag##_load(MI_Module_Self **self, MI_Context *context)              \
    {                                                                                        \
        atomic_fetch_add(&cnt_##tag.module_load, 1);                                         \
        *self = (MI_Module_Self *)&cnt_##tag;                                                \
        MI_Context_PostResult(context, MI_RESULT_OK);                                        \
    }                                                                                        \
    static void MI_CALL tag##_unload(MI_Module_Self *self, MI_Context *context)             \
    {                                                                                        \
        atomic_fetch_add(&((counters *)self)->module_unload, 1);                             \
        MI_Context_PostResult(context, MI_RESULT_OK);                                        \
    }                                                                                        \
    static MI_Module tag##_module = {MI_VERSION, MI_VERSION, 0, sizeof(MI_Char), &sch,      \
                                     tag##_load, tag##_unload, NULL};                       \
    static MI_Module *MI_MAIN_CALL tag##_main(MI_Server *server)                            \
    {                                                                                        \
        (void)server;                                                                        \
        return &tag##_module;                                                                \
    }

MODULE(a, simple_schema)
MODULE(b, simple_schema)
MODULE(bad, bad_schema)
MODULE(block, left_schema)
MODULE(l1, l1_schema)

/* ---------------------------------------------------------------- fixture */

typedef struct fixture {
    mi_repo *repo;
    mi_engine *e;
    MI_Application app;
    MI_Session s;
} fixture;

static const char *const provided[] = {"TST_Simple", "TST_Level1", "TST_Level2", "TST_Level3",
                                       "TST_Nested"};

static void reset_counters(void)
{
    counters *all[] = {&cnt_a, &cnt_b, &cnt_bad, &cnt_block, &cnt_l1};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        atomic_store(&all[i]->module_load, 0);
        atomic_store(&all[i]->module_unload, 0);
        atomic_store(&all[i]->class_load, 0);
        atomic_store(&all[i]->class_unload, 0);
    }
    atomic_store(&block_posted, 0);
    atomic_store(&block_done, 0);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    mi_mof_options o;
    const char *files[] = {QUALIFIERS, PROVIDERS_MOF};
    mi_engine_config cfg = {NULL, 4, 32, false};
    mi_buf err;

    reset_counters();
    memset(&o, 0, sizeof o);
    o.ns = NS;
    assert_int_equal(mi_repo_new(&f->repo), MI_RESULT_OK);
    assert_int_equal(mi_mof_compile_files(f->repo, files, 2, &o, NULL), MI_RESULT_OK);
    for (size_t i = 0; i < sizeof provided / sizeof provided[0]; i++)
        assert_int_equal(mi_repo_register_provider(f->repo, NS, provided[i], MI_TEST_PROVIDER),
                         MI_RESULT_OK);
    mi_buf_init(&err, 0);
    assert_int_equal(mi_engine_open_repo(f->repo, &cfg, &f->e, &err), MI_RESULT_OK);
    mi_buf_free(&err);
    assert_int_equal(MI_Application_Initialize(0, NULL, NULL, &f->app), MI_RESULT_OK);
    assert_int_equal(mi_client_app_use_engine(&f->app, f->e), MI_RESULT_OK);
    assert_int_equal(MI_Application_NewSession(&f->app, NULL, NULL, NULL, NULL, NULL, &f->s),
                     MI_RESULT_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    assert_int_equal(MI_Session_Close(&f->s, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(MI_Application_Close(&f->app), MI_RESULT_OK);
    mi_engine_close(f->e);
    mi_repo_free(f->repo);
    free(f);
    return 0;
}

/* ---------------------------------------------------------------- helpers */

#define MAX_KEYS 64

typedef struct result {
    size_t n;
    MI_Uint32 keys[MAX_KEYS];   /* uint32 key "Key" or "Id" */
    char names[MAX_KEYS][32];   /* string "Name" or string "Id" */
    MI_Result code;
} result;

static void keep(result *res, const MI_Instance *inst)
{
    MI_Value v;
    MI_Type t;

    if (res->n < MAX_KEYS) {
        res->keys[res->n] = 0;
        res->names[res->n][0] = '\0';
        if (MI_Instance_GetElement(inst, "Key", &v, &t, NULL, NULL) == MI_RESULT_OK &&
            t == MI_UINT32)
            res->keys[res->n] = v.uint32;
        if (MI_Instance_GetElement(inst, "Id", &v, &t, NULL, NULL) == MI_RESULT_OK) {
            if (t == MI_UINT32)
                res->keys[res->n] = v.uint32;
            else if (t == MI_STRING && v.string != NULL)
                snprintf(res->names[res->n], 32, "%s", v.string);
        }
        if (MI_Instance_GetElement(inst, "Name", &v, &t, NULL, NULL) == MI_RESULT_OK &&
            t == MI_STRING && v.string != NULL)
            snprintf(res->names[res->n], 32, "%s", v.string);
    }
    res->n++;
}

/* Drains a synchronous instance operation into res and closes it. */
static void drain(MI_Operation *op, result *res)
{
    const MI_Instance *inst;
    MI_Boolean more = MI_TRUE;
    const MI_Char *msg;
    const MI_Instance *details;

    while (more) {
        inst = NULL;
        assert_int_equal(MI_Operation_GetInstance(op, &inst, &more, &res->code, &msg, &details),
                         MI_RESULT_OK);
        if (inst != NULL)
            keep(res, inst);
    }
    assert_int_equal(MI_Operation_Close(op), MI_RESULT_OK);
}

static result enum_class(MI_Session *s, const char *cls)
{
    MI_Operation op = MI_OPERATION_NULL;
    result res;

    memset(&res, 0, sizeof res);
    MI_Session_EnumerateInstances(s, 0, NULL, NS, cls, MI_FALSE, NULL, &op);
    drain(&op, &res);
    return res;
}

static result get_simple(fixture *f, MI_Uint32 key)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Instance *k = NULL;
    MI_Value v;
    result res;

    memset(&res, 0, sizeof res);
    assert_int_equal(MI_Application_NewInstance(&f->app, "TST_Simple", NULL, &k), MI_RESULT_OK);
    v.uint32 = key;
    assert_int_equal(MI_Instance_AddElement(k, "Key", &v, MI_UINT32, MI_FLAG_KEY), MI_RESULT_OK);
    MI_Session_GetInstance(&f->s, 0, NULL, NS, k, NULL, &op);
    drain(&op, &res);
    MI_Instance_Delete(k);
    return res;
}

/* The repository's provider (tests/providers): TST_Simple keys 0..9, "name-<i>". */
static void assert_repository_simple(fixture *f)
{
    result res = enum_class(&f->s, "TST_Simple");
    assert_int_equal(res.code, MI_RESULT_OK);
    assert_int_equal(res.n, 10);
    for (size_t i = 0; i < res.n; i++)
        assert_true(res.keys[i] < 10);
}

static void assert_hosted_simple(fixture *f)
{
    result res = enum_class(&f->s, "TST_Simple");
    unsigned seen = 0;
    char want[32];

    assert_int_equal(res.code, MI_RESULT_OK);
    assert_int_equal(res.n, 3);
    for (size_t i = 0; i < res.n; i++) {
        assert_true(res.keys[i] >= 100 && res.keys[i] <= 102);
        seen |= 1u << (res.keys[i] - 100);
        snprintf(want, sizeof want, "hosted-%u", (unsigned)res.keys[i]);
        assert_string_equal(res.names[i], want);
    }
    assert_int_equal(seen, 7);
}

/* The Message of an error instance (into buf). */
static const char *error_message(const MI_Instance *err, char *buf, size_t n)
{
    MI_Value v;
    MI_Type t;

    buf[0] = '\0';
    if (err != NULL && MI_Instance_GetElement(err, "Message", &v, &t, NULL, NULL) == MI_RESULT_OK &&
        t == MI_STRING && v.string != NULL)
        snprintf(buf, n, "%s", v.string);
    return buf;
}

/* ---------------------------------------------------------------- tests */

static void test_serves_then_gives_back(void **state)
{
    fixture *f = *state;
    MI_HostedProvider hp = MI_HOSTEDPROVIDER_NULL;
    MI_Application app2;
    MI_Instance *err = NULL;
    result res;

    assert_repository_simple(f);
    assert_int_equal(MI_Application_NewHostedProvider(&f->app, NS, "HostA", a_main, &err, &hp),
                     MI_RESULT_OK);
    assert_null(err);
    assert_non_null(hp.ft);
    assert_int_equal(atomic_load(&cnt_a.module_load), 1);
    assert_int_equal(atomic_load(&cnt_a.class_load), 0); /* lazily, at the first request */
    assert_hosted_simple(f);
    assert_int_equal(atomic_load(&cnt_a.class_load), 1);
    res = get_simple(f, 101);
    assert_int_equal(res.code, MI_RESULT_OK);
    assert_int_equal(res.n, 1);
    assert_string_equal(res.names[0], "hosted-101");
    res = get_simple(f, 5); /* the repository's provider has it; the hosted one not */
    assert_int_equal(res.code, MI_RESULT_NOT_FOUND);
    assert_int_equal(MI_HostedProvider_GetApplication(&hp, &app2), MI_RESULT_OK);
    assert_int_equal(app2.reserved2, f->app.reserved2);
    assert_ptr_equal(app2.ft, f->app.ft);

    assert_int_equal(MI_HostedProvider_Close(&hp), MI_RESULT_OK);
    assert_int_equal(atomic_load(&cnt_a.class_unload), 1);
    assert_int_equal(atomic_load(&cnt_a.module_unload), 1);
    assert_repository_simple(f);
    res = get_simple(f, 5);
    assert_int_equal(res.code, MI_RESULT_OK);
    assert_int_equal(res.n, 1);
    assert_string_equal(res.names[0], "name-5");
    /* The handle is dead; a copy of it too. */
    assert_int_equal(MI_HostedProvider_GetApplication(&hp, &app2), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_HostedProvider_Close(&hp), MI_RESULT_INVALID_PARAMETER);
    /* Registered again: served again, the module loaded afresh. */
    assert_int_equal(MI_Application_NewHostedProvider(&f->app, NS, "HostA", a_main, NULL, &hp),
                     MI_RESULT_OK);
    assert_hosted_simple(f);
    assert_int_equal(atomic_load(&cnt_a.module_load), 2);
    assert_int_equal(MI_HostedProvider_Close(&hp), MI_RESULT_OK);
    assert_int_equal(atomic_load(&cnt_a.module_unload), 2);
}

static void test_unknown_class_refused(void **state)
{
    fixture *f = *state;
    MI_HostedProvider hp;
    MI_Instance *err = NULL;
    char msg[512];

    assert_int_equal(
        MI_Application_NewHostedProvider(&f->app, NS, "HostBad", bad_main, &err, &hp),
        MI_RESULT_INVALID_CLASS);
    assert_null(hp.ft);
    assert_non_null(err);
    assert_non_null(strstr(error_message(err, msg, sizeof msg), "TST_Nowhere"));
    MI_Instance_Delete(err);
    /* Nothing of it registered (TST_Simple is its other class); its module went again. */
    assert_int_equal(atomic_load(&cnt_bad.module_load), 1);
    assert_int_equal(atomic_load(&cnt_bad.module_unload), 1);
    assert_repository_simple(f);
    /* Unknown namespace, missing arguments. */
    assert_int_equal(MI_Application_NewHostedProvider(&f->app, "root/nowhere", "HostA", a_main,
                                                      NULL, &hp),
                     MI_RESULT_INVALID_NAMESPACE);
    assert_int_equal(MI_Application_NewHostedProvider(&f->app, NS, "HostA", NULL, NULL, &hp),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Application_NewHostedProvider(&f->app, NS, NULL, a_main, NULL, &hp),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Application_NewHostedProvider(&f->app, NS, "HostA", a_main, NULL, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(atomic_load(&cnt_a.module_load), 0);
}

static void test_duplicates_refused(void **state)
{
    fixture *f = *state;
    MI_HostedProvider hp, hp2;
    MI_Instance *err = NULL;
    char msg[512];

    assert_int_equal(MI_Application_NewHostedProvider(&f->app, NS, "HostA", a_main, NULL, &hp),
                     MI_RESULT_OK);
    assert_int_equal(
        MI_Application_NewHostedProvider(&f->app, NS, "HostB", b_main, &err, &hp2),
        MI_RESULT_ALREADY_EXISTS);
    assert_null(hp2.ft);
    assert_non_null(strstr(error_message(err, msg, sizeof msg), "TST_Simple"));
    assert_non_null(strstr(msg, "HostA"));
    MI_Instance_Delete(err);
    assert_int_equal(atomic_load(&cnt_b.module_unload), atomic_load(&cnt_b.module_load));
    /* The same module twice too. */
    assert_int_equal(MI_Application_NewHostedProvider(&f->app, NS, "HostA2", a_main, NULL, &hp2),
                     MI_RESULT_ALREADY_EXISTS);
    assert_hosted_simple(f);
    assert_int_equal(MI_HostedProvider_Close(&hp), MI_RESULT_OK);
    /* Free again: B may now serve it. */
    assert_int_equal(MI_Application_NewHostedProvider(&f->app, NS, "HostB", b_main, NULL, &hp2),
                     MI_RESULT_OK);
    assert_hosted_simple(f);
    assert_int_equal(MI_HostedProvider_Close(&hp2), MI_RESULT_OK);
    assert_repository_simple(f);
}

static void test_close_while_enumerating(void **state)
{
    fixture *f = *state;
    MI_HostedProvider hp;
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst = NULL;
    MI_Boolean more = MI_FALSE;
    MI_Result code = MI_RESULT_OK;
    const MI_Char *msg;
    const MI_Instance *details;
    result res;

    assert_int_equal(MI_Application_NewHostedProvider(&f->app, NS, "Block", block_main, NULL, &hp),
                     MI_RESULT_OK);
    MI_Session_EnumerateInstances(&f->s, 0, NULL, NS, "TST_Left", MI_FALSE, NULL, &op);
    assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &code, &msg, &details),
                     MI_RESULT_OK);
    assert_non_null(inst);
    assert_true(more);
    /* The provider is still posting (its queue is full). Close cancels the request and
     * waits until the provider has ended before unloading it. */
    assert_int_equal(atomic_load(&block_done), 0);
    assert_int_equal(MI_HostedProvider_Close(&hp), MI_RESULT_OK);
    assert_int_equal(atomic_load(&block_done), 1);
    assert_int_equal(atomic_load(&cnt_block.class_unload), 1);
    assert_int_equal(atomic_load(&cnt_block.module_unload), 1);
    assert_true(atomic_load(&block_posted) < 10000000);
    while (more) {
        inst = NULL;
        assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &code, &msg, &details),
                         MI_RESULT_OK);
    }
    assert_int_equal(code, MI_RESULT_FAILED); /* stopped */
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
    /* TST_Left has no registration: the static provider, no stored instances. */
    res = enum_class(&f->s, "TST_Left");
    assert_int_equal(res.code, MI_RESULT_OK);
    assert_int_equal(res.n, 0);
}

static void test_application_close_closes(void **state)
{
    fixture *f = *state;
    MI_Application app2;
    MI_HostedProvider hp;

    /* A second application over the same engine: its hosted provider serves every
     * session of the engine until that application closes. */
    assert_int_equal(MI_Application_Initialize(0, NULL, NULL, &app2), MI_RESULT_OK);
    assert_int_equal(mi_client_app_use_engine(&app2, f->e), MI_RESULT_OK);
    assert_int_equal(MI_Application_NewHostedProvider(&app2, NS, "HostA", a_main, NULL, &hp),
                     MI_RESULT_OK);
    assert_hosted_simple(f);
    assert_int_equal(MI_Application_Close(&app2), MI_RESULT_OK);
    assert_int_equal(atomic_load(&cnt_a.module_unload), 1);
    assert_int_equal(atomic_load(&cnt_a.class_unload), 1);
    assert_repository_simple(f);
    assert_int_equal(MI_HostedProvider_Close(&hp), MI_RESULT_INVALID_PARAMETER);
    /* The fixture's application keeps its engine (closed by the teardown). */
    assert_int_equal(mi_client_app_use_engine(&f->app, f->e), MI_RESULT_FAILED);
}

static void test_local_session_sees_hosted(void **state)
{
    fixture *f = *state;
    MI_HostedProvider hp;
    result res;
    bool hosted = false, stored_l1 = false;

    /* TST_Nested (the repository's provider) enumerates TST_Level1 deep through
     * MI_Context_GetLocalSession and posts what it gets. */
    assert_int_equal(MI_Application_NewHostedProvider(&f->app, NS, "L1", l1_main, NULL, &hp),
                     MI_RESULT_OK);
    res = enum_class(&f->s, "TST_Nested");
    assert_int_equal(res.code, MI_RESULT_OK);
    for (size_t i = 0; i < res.n && i < MAX_KEYS; i++) {
        if (strcmp(res.names[i], "H-1") == 0)
            hosted = true;
        if (strncmp(res.names[i], "L1-", 3) == 0)
            stored_l1 = true;
    }
    assert_true(hosted);
    assert_false(stored_l1);
    assert_int_equal(res.n, 5); /* H-1 + two each of TST_Level2, TST_Level3 */
    assert_int_equal(MI_HostedProvider_Close(&hp), MI_RESULT_OK);
}

static void test_opens_the_application_engine(void **state)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_HostedProvider hp = MI_HOSTEDPROVIDER_NULL;
    MI_Session s = MI_SESSION_NULL;
    mi_repo *repo = NULL;
    mi_mof_options o;
    const char *files[] = {QUALIFIERS, PROVIDERS_MOF};
    char dir[] = "/tmp/mi_hosted_test_XXXXXX";
    char path[128], cmd[200];
    result res;

    (void)state;
    /* A repository file with the test classes and no registration for them. */
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/repository.db", dir);
    assert_int_equal(mi_repo_open(path, MI_REPO_CREATE, &repo, NULL), MI_RESULT_OK);
    memset(&o, 0, sizeof o);
    o.ns = NS;
    assert_int_equal(mi_mof_compile_files(repo, files, 2, &o, NULL), MI_RESULT_OK);
    mi_repo_free(repo);
    setenv("MI_REPOSITORY", path, 1);
    /* The application has no engine yet: NewHostedProvider opens it, its sessions share
     * it. */
    assert_int_equal(MI_Application_Initialize(0, NULL, NULL, &app), MI_RESULT_OK);
    assert_int_equal(MI_Application_NewHostedProvider(&app, NS, "HostA", a_main, NULL, &hp),
                     MI_RESULT_OK);
    assert_int_equal(MI_Application_NewSession(&app, NULL, NULL, NULL, NULL, NULL, &s),
                     MI_RESULT_OK);
    res = enum_class(&s, "TST_Simple");
    assert_int_equal(res.code, MI_RESULT_OK);
    assert_int_equal(res.n, 3);
    assert_int_equal(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(MI_Application_Close(&app), MI_RESULT_OK); /* closes hp, the engine */
    assert_int_equal(atomic_load(&cnt_a.module_unload), 1);
    unsetenv("MI_REPOSITORY");
    /* Nothing of the hosted provider was written to the repository. */
    assert_int_equal(mi_repo_open(path, 0, &repo, NULL), MI_RESULT_OK);
    assert_null(mi_ns_provider_module(mi_repo_ns(repo, NS), "TST_Simple"));
    mi_repo_free(repo);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

typedef struct stress {
    fixture *f;
    atomic_int stop;
    unsigned bad, hosted, repository, cancelled;
} stress;

static void *stress_main(void *arg)
{
    stress *st = arg;

    while (!atomic_load(&st->stop)) {
        result res = enum_class(&st->f->s, "TST_Simple");
        if (res.code == MI_RESULT_OK && res.n == 3 && res.keys[0] >= 100)
            st->hosted++;
        else if (res.code == MI_RESULT_OK && res.n == 10 && res.keys[0] < 10)
            st->repository++;
        else if (res.code == MI_RESULT_FAILED)
            st->cancelled++; /* a Close cancelled it */
        else
            st->bad++;
    }
    return NULL;
}

static void test_register_close_under_load(void **state)
{
    fixture *f = *state;
    pthread_t t[3];
    stress st[3];
    MI_HostedProvider hp;

    for (unsigned i = 0; i < 3; i++) {
        memset(&st[i], 0, sizeof st[i]);
        st[i].f = f;
        assert_int_equal(pthread_create(&t[i], NULL, stress_main, &st[i]), 0);
    }
    for (unsigned i = 0; i < 60; i++) {
        assert_int_equal(
            MI_Application_NewHostedProvider(&f->app, NS, "HostA", a_main, NULL, &hp),
            MI_RESULT_OK);
        usleep(2000);
        assert_int_equal(MI_HostedProvider_Close(&hp), MI_RESULT_OK);
        usleep(2000);
    }
    for (unsigned i = 0; i < 3; i++)
        atomic_store(&st[i].stop, 1);
    for (unsigned i = 0; i < 3; i++) {
        pthread_join(t[i], NULL);
        print_message("enumerations: %u hosted, %u repository, %u cancelled\n", st[i].hosted,
                      st[i].repository, st[i].cancelled);
        assert_int_equal(st[i].bad, 0);
        assert_true(st[i].repository > 0);
    }
    assert_int_equal(atomic_load(&cnt_a.module_load), 60);
    assert_int_equal(atomic_load(&cnt_a.module_unload), 60);
    assert_int_equal(atomic_load(&cnt_a.class_load), atomic_load(&cnt_a.class_unload));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_serves_then_gives_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_class_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicates_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_while_enumerating, setup, teardown),
        cmocka_unit_test_setup_teardown(test_application_close_closes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_local_session_sees_hosted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_register_close_under_load, setup, teardown),
        cmocka_unit_test_setup_teardown(test_opens_the_application_engine, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
