/* test_providers.c - a provider module for the engine tests, written on the public
 * provider API only (mi.h); its schema tables are written by hand the way a MOF-to-C
 * generator lays them out. Classes (MOF in test_providers.mof):
 *
 *   TST_Simple   5 properties; EnumerateInstances posts N instances (N = the custom
 *                operation option "N" (uint32/uint64), else $MI_TEST_N, else 10) as
 *                generated structs: Key = i, Name = "name-<i>", Value = -i,
 *                Flag = i odd, Ratio = i / 2.0. GetInstance NULL (the engine falls back
 *                to enumeration). Static method Add(a, b): Sum = a + b, ReturnValue 7.
 *   TST_Level1 <- TST_Level2 <- TST_Level3: each level's provider posts two instances
 *                of exactly its class (Id "L<level>-a" / "-b").
 *   TST_Left, TST_Right: N instances each (Id = i); TST_Link [Association] links
 *                Left i to Right i (EnumerateInstances only: the engine's generic
 *                association fallback serves References/Associators).
 *   TST_Never    EnumerateInstances returns without ever posting (timeout tests).
 *   TST_Slow     posts 5 instances, 50 ms apart, then OK; writes a message and a
 *                progress record first, and asks ShouldContinue.
 *   TST_Async    EnumerateInstances returns at once; a thread of its own posts 3
 *                instances (Id 0..2) and the result afterwards.
 *   TST_Nested   EnumerateInstances enumerates TST_Level1 through
 *                MI_Context_GetLocalSession and posts what it gets (its error, e.g.
 *                NOT_SUPPORTED, when there is no local session).
 */
#include <mi.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---------------------------------------------------------------- structs */

typedef struct TST_Simple {
    MI_Instance __instance;
    MI_ConstUint32Field Key;
    MI_ConstStringField Name;
    MI_ConstSint64Field Value;
    MI_ConstBooleanField Flag;
    MI_ConstReal64Field Ratio;
} TST_Simple;

typedef struct TST_Simple_Add {
    MI_Instance __instance;
    MI_ConstUint32Field MIReturn;
    MI_ConstUint32Field a;
    MI_ConstUint32Field b;
    MI_ConstUint32Field Sum;
} TST_Simple_Add;

typedef struct TST_Level1 {
    MI_Instance __instance;
    MI_ConstStringField Id;
    MI_ConstUint32Field A;
} TST_Level1;
typedef struct TST_Level2 {
    MI_Instance __instance;
    MI_ConstStringField Id;
    MI_ConstUint32Field A;
    MI_ConstStringField B;
} TST_Level2;
typedef struct TST_Level3 {
    MI_Instance __instance;
    MI_ConstStringField Id;
    MI_ConstUint32Field A;
    MI_ConstStringField B;
    MI_ConstBooleanField C;
} TST_Level3;

typedef struct TST_Id {
    MI_Instance __instance;
    MI_ConstUint32Field Id;
} TST_Id;

typedef struct TST_Link {
    MI_Instance __instance;
    MI_ConstReferenceField Left;
    MI_ConstReferenceField Right;
} TST_Link;

/* ---------------------------------------------------------------- decl helpers */

#define PROP(var, nm, fl, ty, cls, st, field, org)                                           \
    static MI_CONST MI_PropertyDecl var = {                                                 \
        MI_FLAG_PROPERTY | (fl), 0, MI_T(nm), NULL, 0, ty, cls, 0, offsetof(st, field),     \
        MI_T(org), MI_T(org), NULL}

/* TST_Simple */
PROP(simple_key, "Key", MI_FLAG_KEY, MI_UINT32, NULL, TST_Simple, Key, "TST_Simple");
PROP(simple_name, "Name", 0, MI_STRING, NULL, TST_Simple, Name, "TST_Simple");
PROP(simple_value, "Value", 0, MI_SINT64, NULL, TST_Simple, Value, "TST_Simple");
PROP(simple_flag, "Flag", 0, MI_BOOLEAN, NULL, TST_Simple, Flag, "TST_Simple");
PROP(simple_ratio, "Ratio", 0, MI_REAL64, NULL, TST_Simple, Ratio, "TST_Simple");
static MI_PropertyDecl MI_CONST *MI_CONST simple_props[] = {
    &simple_key, &simple_name, &simple_value, &simple_flag, &simple_ratio};

static MI_CONST MI_ParameterDecl add_ret = {MI_FLAG_PARAMETER | MI_FLAG_OUT, 0, MI_T("MIReturn"),
                                            NULL, 0, MI_UINT32, NULL, 0,
                                            offsetof(TST_Simple_Add, MIReturn)};
static MI_CONST MI_ParameterDecl add_a = {MI_FLAG_PARAMETER | MI_FLAG_IN, 0, MI_T("a"), NULL, 0,
                                          MI_UINT32, NULL, 0, offsetof(TST_Simple_Add, a)};
static MI_CONST MI_ParameterDecl add_b = {MI_FLAG_PARAMETER | MI_FLAG_IN, 0, MI_T("b"), NULL, 0,
                                          MI_UINT32, NULL, 0, offsetof(TST_Simple_Add, b)};
static MI_CONST MI_ParameterDecl add_sum = {MI_FLAG_PARAMETER | MI_FLAG_OUT, 0, MI_T("Sum"),
                                            NULL, 0, MI_UINT32, NULL, 0,
                                            offsetof(TST_Simple_Add, Sum)};
static MI_ParameterDecl MI_CONST *MI_CONST add_params[] = {&add_ret, &add_a, &add_b, &add_sum};

static void MI_CALL Simple_Invoke_Add(void *self, MI_Context *context, const MI_Char *nameSpace,
                                      const MI_Char *className, const MI_Char *methodName,
                                      const MI_Instance *instanceName,
                                      const MI_Instance *parameters);

static MI_CONST MI_MethodDecl simple_add = {
    MI_FLAG_METHOD | MI_FLAG_STATIC, 0, MI_T("Add"), NULL, 0, add_params, 4,
    sizeof(TST_Simple_Add), MI_UINT32, MI_T("TST_Simple"), MI_T("TST_Simple"), NULL,
    Simple_Invoke_Add};
static MI_MethodDecl MI_CONST *MI_CONST simple_methods[] = {&simple_add};

/* TST_Level1..3 */
PROP(l1_id, "Id", MI_FLAG_KEY, MI_STRING, NULL, TST_Level1, Id, "TST_Level1");
PROP(l1_a, "A", 0, MI_UINT32, NULL, TST_Level1, A, "TST_Level1");
PROP(l2_b, "B", 0, MI_STRING, NULL, TST_Level2, B, "TST_Level2");
PROP(l3_c, "C", 0, MI_BOOLEAN, NULL, TST_Level3, C, "TST_Level3");
static MI_PropertyDecl MI_CONST *MI_CONST l1_props[] = {&l1_id, &l1_a};
static MI_PropertyDecl MI_CONST *MI_CONST l2_props[] = {&l1_id, &l1_a, &l2_b};
static MI_PropertyDecl MI_CONST *MI_CONST l3_props[] = {&l1_id, &l1_a, &l2_b, &l3_c};

/* TST_Left / TST_Right / TST_Never / TST_Slow: one key Id */
PROP(left_id, "Id", MI_FLAG_KEY, MI_UINT32, NULL, TST_Id, Id, "TST_Left");
PROP(right_id, "Id", MI_FLAG_KEY, MI_UINT32, NULL, TST_Id, Id, "TST_Right");
PROP(never_id, "Id", MI_FLAG_KEY, MI_UINT32, NULL, TST_Id, Id, "TST_Never");
PROP(slow_id, "Id", MI_FLAG_KEY, MI_UINT32, NULL, TST_Id, Id, "TST_Slow");
static MI_PropertyDecl MI_CONST *MI_CONST left_props[] = {&left_id};
static MI_PropertyDecl MI_CONST *MI_CONST right_props[] = {&right_id};
static MI_PropertyDecl MI_CONST *MI_CONST never_props[] = {&never_id};
static MI_PropertyDecl MI_CONST *MI_CONST slow_props[] = {&slow_id};

PROP(link_left, "Left", MI_FLAG_KEY, MI_REFERENCE, MI_T("TST_Left"), TST_Link, Left, "TST_Link");
PROP(link_right, "Right", MI_FLAG_KEY, MI_REFERENCE, MI_T("TST_Right"), TST_Link, Right,
     "TST_Link");
static MI_PropertyDecl MI_CONST *MI_CONST link_props[] = {&link_left, &link_right};

/* ---------------------------------------------------------------- helpers */

static MI_Uint64 count_n(MI_Context *ctx)
{
    MI_Type t;
    MI_Value v;
    const char *env;

    if (MI_Context_GetCustomOption(ctx, MI_T("N"), &t, &v) == MI_RESULT_OK) {
        if (t == MI_UINT32)
            return v.uint32;
        if (t == MI_UINT64)
            return v.uint64;
    }
    env = getenv("MI_TEST_N");
    if (env != NULL)
        return strtoull(env, NULL, 10);
    return 10;
}

static void MI_CALL load_ok(void **self, MI_Module_Self *selfModule, MI_Context *context)
{
    (void)selfModule;
    *self = NULL;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL unload_ok(void *self, MI_Context *context)
{
    (void)self;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

/* ---------------------------------------------------------------- TST_Simple */

/* "name-<i>" into buf (at least 32 bytes); cheaper than snprintf per instance. */
static void format_name(char *buf, MI_Uint64 i)
{
    char digits[24];
    int n = 0;

    do {
        digits[n++] = (char)('0' + i % 10);
        i /= 10;
    } while (i != 0);
    memcpy(buf, "name-", 5);
    for (int k = 0; k < n; k++)
        buf[5 + k] = digits[n - 1 - k];
    buf[5 + n] = '\0';
}

extern MI_CONST MI_ClassDecl TST_Simple_rtti;

static void MI_CALL Simple_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                     const MI_Char *className, const MI_PropertySet *propertySet,
                                     MI_Boolean keysOnly, const MI_Filter *filter)
{
    MI_Uint64 n = count_n(context);
    TST_Simple inst;
    char name[32];
    MI_Result r = MI_RESULT_OK;

    (void)self;
    (void)nameSpace;
    (void)className;
    (void)propertySet;
    (void)keysOnly;
    (void)filter;
    MI_Context_ConstructInstance(context, &TST_Simple_rtti, &inst.__instance);
    for (MI_Uint64 i = 0; i < n; i++) {
        format_name(name, i);
        /* Generated setters write the fields directly. */
        *(MI_Uint32 *)&inst.Key.value = (MI_Uint32)i;
        inst.Key.exists = MI_TRUE;
        *(const char **)&inst.Name.value = name;
        inst.Name.exists = MI_TRUE;
        *(MI_Sint64 *)&inst.Value.value = -(MI_Sint64)i;
        inst.Value.exists = MI_TRUE;
        *(MI_Boolean *)&inst.Flag.value = (MI_Boolean)(i & 1);
        inst.Flag.exists = MI_TRUE;
        *(MI_Real64 *)&inst.Ratio.value = (MI_Real64)i / 2.0;
        inst.Ratio.exists = MI_TRUE;
        r = MI_Context_PostInstance(context, &inst.__instance);
        if (r != MI_RESULT_OK)
            break; /* cancelled, timed out or closed */
    }
    MI_Instance_Destruct(&inst.__instance);
    MI_Context_PostResult(context, r == MI_RESULT_OK ? MI_RESULT_OK : MI_RESULT_FAILED);
}

static void MI_CALL Simple_Invoke_Add(void *self, MI_Context *context, const MI_Char *nameSpace,
                                      const MI_Char *className, const MI_Char *methodName,
                                      const MI_Instance *instanceName,
                                      const MI_Instance *parameters)
{
    const TST_Simple_Add *in = (const TST_Simple_Add *)parameters;
    TST_Simple_Add out;
    MI_Value v;

    (void)self;
    (void)nameSpace;
    (void)className;
    (void)methodName;
    (void)instanceName;
    if (!in->a.exists || !in->b.exists) {
        MI_Context_PostError(context, MI_RESULT_INVALID_PARAMETER, MI_RESULT_TYPE_MI,
                             MI_T("Add needs a and b"));
        return;
    }
    MI_Context_ConstructParameters(context, &simple_add, &out.__instance);
    v.uint32 = in->a.value + in->b.value;
    MI_Instance_SetElement(&out.__instance, MI_T("Sum"), &v, MI_UINT32, 0);
    v.uint32 = 7;
    MI_Instance_SetElement(&out.__instance, MI_T("MIReturn"), &v, MI_UINT32, 0);
    MI_Context_PostInstance(context, &out.__instance);
    MI_Instance_Destruct(&out.__instance);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static MI_CONST MI_ProviderFT simple_ft = {load_ok, unload_ok, NULL, Simple_Enumerate,
                                           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                                           NULL, NULL};

MI_CONST MI_ClassDecl TST_Simple_rtti = {
    MI_FLAG_CLASS, 0, MI_T("TST_Simple"), NULL, 0, simple_props, 5, sizeof(TST_Simple), NULL,
    NULL, simple_methods, 1, NULL, &simple_ft, NULL};

/* ---------------------------------------------------------------- levels */

extern MI_CONST MI_ClassDecl TST_Level1_rtti, TST_Level2_rtti, TST_Level3_rtti;

static void post_level(MI_Context *ctx, const MI_ClassDecl *cd, int level)
{
    MI_Instance *inst = NULL;
    MI_Value v;
    char id[16];
    MI_Result r = MI_RESULT_OK;

    for (int k = 0; k < 2 && r == MI_RESULT_OK; k++) {
        r = MI_Context_NewInstance(ctx, cd, &inst);
        if (r != MI_RESULT_OK)
            break;
        snprintf(id, sizeof id, "L%d-%c", level, 'a' + k);
        v.string = id;
        MI_Instance_SetElement(inst, MI_T("Id"), &v, MI_STRING, 0);
        v.uint32 = (MI_Uint32)(level * 10 + k);
        MI_Instance_SetElement(inst, MI_T("A"), &v, MI_UINT32, 0);
        if (level >= 2) {
            v.string = MI_T("bee");
            MI_Instance_SetElement(inst, MI_T("B"), &v, MI_STRING, 0);
        }
        if (level >= 3) {
            v.boolean = MI_TRUE;
            MI_Instance_SetElement(inst, MI_T("C"), &v, MI_BOOLEAN, 0);
        }
        r = MI_Context_PostInstance(ctx, inst);
        MI_Instance_Delete(inst);
    }
    MI_Context_PostResult(ctx, r);
}

/* GetInstance of a level: the instance whose Id is id, or NOT_FOUND. */
static void get_level(MI_Context *ctx, const MI_ClassDecl *cd, int level, const char *id)
{
    MI_Instance *inst = NULL;
    MI_Value v;
    char want[16];
    int k;

    for (k = 0; k < 2; k++) {
        snprintf(want, sizeof want, "L%d-%c", level, 'a' + k);
        if (id != NULL && strcmp(id, want) == 0)
            break;
    }
    if (k == 2 || MI_Context_NewInstance(ctx, cd, &inst) != MI_RESULT_OK) {
        MI_Context_PostResult(ctx, MI_RESULT_NOT_FOUND);
        return;
    }
    v.string = want;
    MI_Instance_SetElement(inst, MI_T("Id"), &v, MI_STRING, 0);
    v.uint32 = (MI_Uint32)(level * 10 + k);
    MI_Instance_SetElement(inst, MI_T("A"), &v, MI_UINT32, 0);
    MI_Context_PostInstance(ctx, inst);
    MI_Instance_Delete(inst);
    MI_Context_PostResult(ctx, MI_RESULT_OK);
}

#define LEVEL_ENUM(n)                                                                        \
    static void MI_CALL Level##n##_Enumerate(void *self, MI_Context *context,               \
                                             const MI_Char *nameSpace,                      \
                                             const MI_Char *className,                      \
                                             const MI_PropertySet *propertySet,             \
                                             MI_Boolean keysOnly, const MI_Filter *filter)  \
    {                                                                                       \
        (void)self;                                                                         \
        (void)nameSpace;                                                                    \
        (void)propertySet;                                                                  \
        (void)keysOnly;                                                                     \
        (void)filter;                                                                       \
        /* Not polymorphic: the engine calls each level with its own class name. */         \
        if (strcmp(className, TST_Level##n##_rtti.name) != 0) {                             \
            MI_Context_PostError(context, MI_RESULT_INVALID_CLASS, MI_RESULT_TYPE_MI,       \
                                 MI_T("wrong className"));                                  \
            return;                                                                         \
        }                                                                                   \
        post_level(context, &TST_Level##n##_rtti, n);                                       \
    }                                                                                       \
    static void MI_CALL Level##n##_Get(void *self, MI_Context *context,                     \
                                       const MI_Char *nameSpace, const MI_Char *className,  \
                                       const MI_Instance *instanceName,                     \
                                       const MI_PropertySet *propertySet)                   \
    {                                                                                       \
        (void)self, (void)nameSpace, (void)className, (void)propertySet;                    \
        /* Generated code reads the key from its own struct layout. */                     \
        get_level(context, &TST_Level##n##_rtti, n,                                         \
                  ((const TST_Level1 *)instanceName)->Id.exists                             \
                      ? ((const TST_Level1 *)instanceName)->Id.value                        \
                      : NULL);                                                              \
    }                                                                                       \
    static MI_CONST MI_ProviderFT level##n##_ft = {                                         \
        load_ok, unload_ok, Level##n##_Get, Level##n##_Enumerate, NULL, NULL, NULL, NULL,   \
        NULL,    NULL,      NULL,           NULL,                 NULL, NULL}

LEVEL_ENUM(1);
LEVEL_ENUM(2);
LEVEL_ENUM(3);

MI_CONST MI_ClassDecl TST_Level1_rtti = {MI_FLAG_CLASS, 0, MI_T("TST_Level1"), NULL, 0, l1_props,
                                         2, sizeof(TST_Level1), NULL, NULL, NULL, 0, NULL,
                                         &level1_ft, NULL};
MI_CONST MI_ClassDecl TST_Level2_rtti = {
    MI_FLAG_CLASS, 0, MI_T("TST_Level2"), NULL, 0, l2_props, 3, sizeof(TST_Level2),
    MI_T("TST_Level1"), &TST_Level1_rtti, NULL, 0, NULL, &level2_ft, NULL};
MI_CONST MI_ClassDecl TST_Level3_rtti = {
    MI_FLAG_CLASS, 0, MI_T("TST_Level3"), NULL, 0, l3_props, 4, sizeof(TST_Level3),
    MI_T("TST_Level2"), &TST_Level2_rtti, NULL, 0, NULL, &level3_ft, NULL};

/* ---------------------------------------------------------------- left / right / link */

extern MI_CONST MI_ClassDecl TST_Left_rtti, TST_Right_rtti, TST_Link_rtti;

static void post_ids(MI_Context *ctx, const MI_ClassDecl *cd)
{
    MI_Uint64 n = count_n(ctx);
    TST_Id inst;
    MI_Result r = MI_RESULT_OK;

    MI_Context_ConstructInstance(ctx, cd, &inst.__instance);
    for (MI_Uint64 i = 0; i < n && r == MI_RESULT_OK; i++) {
        *(MI_Uint32 *)&inst.Id.value = (MI_Uint32)i;
        inst.Id.exists = MI_TRUE;
        r = MI_Context_PostInstance(ctx, &inst.__instance);
    }
    MI_Instance_Destruct(&inst.__instance);
    MI_Context_PostResult(ctx, r);
}

static void MI_CALL Left_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                   const MI_Char *className, const MI_PropertySet *propertySet,
                                   MI_Boolean keysOnly, const MI_Filter *filter)
{
    (void)self, (void)nameSpace, (void)className, (void)propertySet, (void)keysOnly;
    (void)filter;
    post_ids(context, &TST_Left_rtti);
}

static void MI_CALL Right_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                    const MI_Char *className, const MI_PropertySet *propertySet,
                                    MI_Boolean keysOnly, const MI_Filter *filter)
{
    (void)self, (void)nameSpace, (void)className, (void)propertySet, (void)keysOnly;
    (void)filter;
    post_ids(context, &TST_Right_rtti);
}

static void MI_CALL Link_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                   const MI_Char *className, const MI_PropertySet *propertySet,
                                   MI_Boolean keysOnly, const MI_Filter *filter)
{
    MI_Uint64 n = count_n(context);
    MI_Result r = MI_RESULT_OK;
    MI_Instance *link = NULL, *l = NULL, *rt = NULL;
    MI_Value v;

    (void)self, (void)nameSpace, (void)className, (void)propertySet, (void)keysOnly;
    (void)filter;
    for (MI_Uint64 i = 0; i < n && r == MI_RESULT_OK; i++) {
        r = MI_Context_NewInstance(context, &TST_Link_rtti, &link);
        if (r == MI_RESULT_OK)
            r = MI_Context_NewInstance(context, &TST_Left_rtti, &l);
        if (r == MI_RESULT_OK)
            r = MI_Context_NewInstance(context, &TST_Right_rtti, &rt);
        if (r == MI_RESULT_OK) {
            v.uint32 = (MI_Uint32)i;
            MI_Instance_SetElement(l, MI_T("Id"), &v, MI_UINT32, 0);
            MI_Instance_SetElement(rt, MI_T("Id"), &v, MI_UINT32, 0);
            v.reference = l;
            MI_Instance_SetElement(link, MI_T("Left"), &v, MI_REFERENCE, 0);
            v.reference = rt;
            MI_Instance_SetElement(link, MI_T("Right"), &v, MI_REFERENCE, 0);
            r = MI_Context_PostInstance(context, link);
        }
        if (link != NULL)
            MI_Instance_Delete(link);
        if (l != NULL)
            MI_Instance_Delete(l);
        if (rt != NULL)
            MI_Instance_Delete(rt);
        link = l = rt = NULL;
    }
    MI_Context_PostResult(context, r);
}

static MI_CONST MI_ProviderFT left_ft = {load_ok, unload_ok, NULL, Left_Enumerate, NULL,
                                         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
static MI_CONST MI_ProviderFT right_ft = {load_ok, unload_ok, NULL, Right_Enumerate, NULL,
                                          NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
static MI_CONST MI_ProviderFT link_ft = {load_ok, unload_ok, NULL, Link_Enumerate, NULL,
                                         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};

MI_CONST MI_ClassDecl TST_Left_rtti = {MI_FLAG_CLASS, 0, MI_T("TST_Left"), NULL, 0, left_props,
                                       1, sizeof(TST_Id), NULL, NULL, NULL, 0, NULL, &left_ft,
                                       NULL};
MI_CONST MI_ClassDecl TST_Right_rtti = {MI_FLAG_CLASS, 0, MI_T("TST_Right"), NULL, 0,
                                        right_props, 1, sizeof(TST_Id), NULL, NULL, NULL, 0,
                                        NULL, &right_ft, NULL};
MI_CONST MI_ClassDecl TST_Link_rtti = {MI_FLAG_CLASS | MI_FLAG_ASSOCIATION, 0, MI_T("TST_Link"),
                                       NULL, 0, link_props, 2, sizeof(TST_Link), NULL, NULL,
                                       NULL, 0, NULL, &link_ft, NULL};

/* ---------------------------------------------------------------- never / slow */

static void MI_CALL Never_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                    const MI_Char *className, const MI_PropertySet *propertySet,
                                    MI_Boolean keysOnly, const MI_Filter *filter)
{
    (void)self, (void)context, (void)nameSpace, (void)className, (void)propertySet;
    (void)keysOnly, (void)filter;
    /* Never posts: the engine's timeout must end the operation. */
}

static void MI_CALL Slow_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                   const MI_Char *className, const MI_PropertySet *propertySet,
                                   MI_Boolean keysOnly, const MI_Filter *filter);

static MI_CONST MI_ProviderFT never_ft = {load_ok, unload_ok, NULL, Never_Enumerate, NULL,
                                          NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
static MI_CONST MI_ProviderFT slow_ft = {load_ok, unload_ok, NULL, Slow_Enumerate, NULL,
                                         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};

MI_CONST MI_ClassDecl TST_Never_rtti = {MI_FLAG_CLASS, 0, MI_T("TST_Never"), NULL, 0,
                                        never_props, 1, sizeof(TST_Id), NULL, NULL, NULL, 0,
                                        NULL, &never_ft, NULL};
MI_CONST MI_ClassDecl TST_Slow_rtti = {MI_FLAG_CLASS, 0, MI_T("TST_Slow"), NULL, 0, slow_props,
                                       1, sizeof(TST_Id), NULL, NULL, NULL, 0, NULL, &slow_ft,
                                       NULL};

static void MI_CALL Slow_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                   const MI_Char *className, const MI_PropertySet *propertySet,
                                   MI_Boolean keysOnly, const MI_Filter *filter)
{
    TST_Id inst;
    MI_Result r = MI_RESULT_OK;
    MI_Boolean go = MI_FALSE;
    struct timespec ts = {0, 50 * 1000 * 1000};

    (void)self, (void)nameSpace, (void)className, (void)propertySet, (void)keysOnly;
    (void)filter;
    MI_Context_WriteMessage(context, MI_WRITEMESSAGE_CHANNEL_WARNING, MI_T("slow provider"));
    MI_Context_WriteProgress(context, MI_T("slow"), MI_T("posting"), MI_T("started"), 0, 1);
    MI_Context_ShouldContinue(context, MI_T("go on?"), &go);
    if (!go) {
        MI_Context_PostError(context, MI_RESULT_FAILED, MI_RESULT_TYPE_MI,
                             MI_T("the client said no"));
        return;
    }
    MI_Context_ConstructInstance(context, &TST_Slow_rtti, &inst.__instance);
    for (MI_Uint32 i = 0; i < 5 && r == MI_RESULT_OK; i++) {
        nanosleep(&ts, NULL);
        *(MI_Uint32 *)&inst.Id.value = i;
        inst.Id.exists = MI_TRUE;
        r = MI_Context_PostInstance(context, &inst.__instance);
    }
    MI_Instance_Destruct(&inst.__instance);
    MI_Context_PostResult(context, r);
}

/* ---------------------------------------------------------------- async */

PROP(async_id, "Id", MI_FLAG_KEY, MI_UINT32, NULL, TST_Id, Id, "TST_Async");
static MI_PropertyDecl MI_CONST *MI_CONST async_props[] = {&async_id};
extern MI_CONST MI_ClassDecl TST_Async_rtti;

static void *async_poster(void *arg)
{
    MI_Context *context = arg;
    TST_Id inst;
    MI_Result r = MI_RESULT_OK;
    struct timespec ts = {0, 20 * 1000 * 1000};

    nanosleep(&ts, NULL); /* well after Async_Enumerate returned */
    MI_Context_ConstructInstance(context, &TST_Async_rtti, &inst.__instance);
    for (MI_Uint32 i = 0; i < 3 && r == MI_RESULT_OK; i++) {
        *(MI_Uint32 *)&inst.Id.value = i;
        inst.Id.exists = MI_TRUE;
        r = MI_Context_PostInstance(context, &inst.__instance);
    }
    MI_Instance_Destruct(&inst.__instance);
    MI_Context_PostResult(context, r);
    return NULL;
}

static void MI_CALL Async_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                    const MI_Char *className, const MI_PropertySet *propertySet,
                                    MI_Boolean keysOnly, const MI_Filter *filter)
{
    pthread_t t;
    pthread_attr_t attr;

    (void)self, (void)nameSpace, (void)className, (void)propertySet, (void)keysOnly;
    (void)filter;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &attr, async_poster, context) != 0)
        MI_Context_PostError(context, MI_RESULT_FAILED, MI_RESULT_TYPE_MI, MI_T("no thread"));
    pthread_attr_destroy(&attr);
}

static MI_CONST MI_ProviderFT async_ft = {load_ok, unload_ok, NULL, Async_Enumerate, NULL,
                                          NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
MI_CONST MI_ClassDecl TST_Async_rtti = {MI_FLAG_CLASS, 0, MI_T("TST_Async"), NULL, 0,
                                        async_props, 1, sizeof(TST_Id), NULL, NULL, NULL, 0,
                                        NULL, &async_ft, NULL};

/* ---------------------------------------------------------------- nested */

PROP(nested_id, "Id", MI_FLAG_KEY, MI_UINT32, NULL, TST_Id, Id, "TST_Nested");
static MI_PropertyDecl MI_CONST *MI_CONST nested_props[] = {&nested_id};

static void MI_CALL Nested_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                     const MI_Char *className, const MI_PropertySet *propertySet,
                                     MI_Boolean keysOnly, const MI_Filter *filter)
{
    MI_Session session;
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result result = MI_RESULT_OK, r;
    const MI_Char *msg = NULL;

    (void)self, (void)className, (void)propertySet, (void)keysOnly, (void)filter;
    r = MI_Context_GetLocalSession(context, &session);
    if (r != MI_RESULT_OK) {
        MI_Context_PostError(context, r, MI_RESULT_TYPE_MI, MI_T("no local session"));
        return;
    }
    MI_Session_EnumerateInstances(&session, 0, NULL, nameSpace, MI_T("TST_Level1"), MI_FALSE,
                                  NULL, &op);
    while (more) {
        if (MI_Operation_GetInstance(&op, &inst, &more, &result, &msg, NULL) != MI_RESULT_OK)
            break;
        if (more && inst != NULL)
            MI_Context_PostInstance(context, inst);
    }
    MI_Operation_Close(&op);
    if (result != MI_RESULT_OK)
        MI_Context_PostError(context, result, MI_RESULT_TYPE_MI, msg);
    else
        MI_Context_PostResult(context, MI_RESULT_OK);
}

static MI_CONST MI_ProviderFT nested_ft = {load_ok, unload_ok, NULL, Nested_Enumerate, NULL,
                                           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
MI_CONST MI_ClassDecl TST_Nested_rtti = {MI_FLAG_CLASS, 0, MI_T("TST_Nested"), NULL, 0,
                                         nested_props, 1, sizeof(TST_Id), NULL, NULL, NULL, 0,
                                         NULL, &nested_ft, NULL};

/* ---------------------------------------------------------------- module */

static MI_ClassDecl MI_CONST *MI_CONST classes[] = {
    &TST_Simple_rtti, &TST_Level1_rtti, &TST_Level2_rtti, &TST_Level3_rtti, &TST_Left_rtti,
    &TST_Right_rtti,  &TST_Link_rtti,   &TST_Never_rtti,  &TST_Slow_rtti,
    &TST_Async_rtti,  &TST_Nested_rtti};

static MI_SchemaDecl schema = {NULL, 0, classes, sizeof classes / sizeof classes[0]};

static void MI_CALL module_load(MI_Module_Self **self, MI_Context *context)
{
    *self = NULL;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL module_unload(MI_Module_Self *self, MI_Context *context)
{
    (void)self;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static MI_Module module = {MI_VERSION, MI_VERSION, 0, sizeof(MI_Char), &schema,
                           module_load, module_unload, NULL};

MI_EXTERN_C MI_EXPORT MI_Module *MI_MAIN_CALL MI_Main(MI_Server *server)
{
    (void)server;
    return &module;
}
