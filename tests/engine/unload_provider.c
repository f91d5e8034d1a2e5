/* unload_provider.c - a provider module for the idle-unloading tests (test_unload.c),
 * on the public provider API only. Every Load/Unload appends a line to the file named
 * by $MI_TEST_UNLOAD_LOG:
 *   "module-load <n>"   n = Module.Load calls since this copy of the library was
 *                       mapped (1 after each real dlopen: dlclose unmapped it)
 *   "module-unload", "class-load <class>", "class-unload <class>"
 * Classes (of tests/providers/test_providers.mof, registered to this module):
 *   TST_Left   EnumerateInstances posts 5 instances (Id 0..4).
 *   TST_Right  calls MI_Context_RequestUnload, then posts 1 instance (Id 0).
 *   TST_Slow   calls MI_Context_RefuseUnload, then posts 1 instance (Id 0).
 */
#include <mi.h>
#include <string.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct UL_Id {
    MI_Instance __instance;
    MI_ConstUint32Field Id;
} UL_Id;

static int loads_in_mapping;

static void log_line(const char *what, const char *cls)
{
    const char *path = getenv("MI_TEST_UNLOAD_LOG");
    FILE *f;

    if (path == NULL || (f = fopen(path, "a")) == NULL)
        return;
    if (cls != NULL)
        fprintf(f, "%s %s\n", what, cls);
    else
        fprintf(f, "%s\n", what);
    fclose(f);
}

#define PROP(var, cls)                                                                    \
    static MI_CONST MI_PropertyDecl var = {MI_FLAG_PROPERTY | MI_FLAG_KEY, 0, MI_T("Id"),   \
                                           NULL, 0, MI_UINT32, NULL, 0,                   \
                                           offsetof(UL_Id, Id), MI_T(cls), MI_T(cls), NULL}
PROP(left_id, "TST_Left");
PROP(right_id, "TST_Right");
PROP(slow_id, "TST_Slow");
static MI_PropertyDecl MI_CONST *MI_CONST left_props[] = {&left_id};
static MI_PropertyDecl MI_CONST *MI_CONST right_props[] = {&right_id};
static MI_PropertyDecl MI_CONST *MI_CONST slow_props[] = {&slow_id};

static void MI_CALL class_load(void **self, MI_Module_Self *selfModule, MI_Context *context)
{
    (void)selfModule;
    *self = NULL;
    log_line("class-load", "?");
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL class_unload(void *self, MI_Context *context)
{
    (void)self;
    log_line("class-unload", "?");
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void post_ids(MI_Context *ctx, const MI_ClassDecl *cd, MI_Uint32 n)
{
    UL_Id inst;
    MI_Result r;

    memset(&inst, 0, sizeof inst);
    r = MI_Context_ConstructInstance(ctx, cd, &inst.__instance);
    if (r != MI_RESULT_OK) {
        MI_Context_PostResult(ctx, r);
        return;
    }
    for (MI_Uint32 i = 0; i < n && r == MI_RESULT_OK; i++) {
        *(MI_Uint32 *)&inst.Id.value = i;
        inst.Id.exists = MI_TRUE;
        r = MI_Context_PostInstance(ctx, &inst.__instance);
    }
    MI_Instance_Destruct(&inst.__instance);
    MI_Context_PostResult(ctx, r);
}

extern MI_CONST MI_ClassDecl UL_Left_rtti, UL_Right_rtti, UL_Slow_rtti;

static void MI_CALL Left_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                   const MI_Char *className, const MI_PropertySet *propertySet,
                                   MI_Boolean keysOnly, const MI_Filter *filter)
{
    (void)self, (void)nameSpace, (void)className, (void)propertySet, (void)keysOnly;
    (void)filter;
    post_ids(context, &UL_Left_rtti, 5);
}

static void MI_CALL Right_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                    const MI_Char *className, const MI_PropertySet *propertySet,
                                    MI_Boolean keysOnly, const MI_Filter *filter)
{
    (void)self, (void)nameSpace, (void)className, (void)propertySet, (void)keysOnly;
    (void)filter;
    MI_Context_RequestUnload(context);
    post_ids(context, &UL_Right_rtti, 1);
}

static void MI_CALL Slow_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                   const MI_Char *className, const MI_PropertySet *propertySet,
                                   MI_Boolean keysOnly, const MI_Filter *filter)
{
    (void)self, (void)nameSpace, (void)className, (void)propertySet, (void)keysOnly;
    (void)filter;
    MI_Context_RefuseUnload(context);
    post_ids(context, &UL_Slow_rtti, 1);
}

static MI_CONST MI_ProviderFT left_ft = {class_load, class_unload, NULL, Left_Enumerate, NULL,
                                         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
static MI_CONST MI_ProviderFT right_ft = {class_load, class_unload, NULL, Right_Enumerate,
                                          NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                                          NULL};
static MI_CONST MI_ProviderFT slow_ft = {class_load, class_unload, NULL, Slow_Enumerate, NULL,
                                         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};

MI_CONST MI_ClassDecl UL_Left_rtti = {MI_FLAG_CLASS, 0, MI_T("TST_Left"), NULL, 0, left_props,
                                      1, sizeof(UL_Id), NULL, NULL, NULL, 0, NULL, &left_ft,
                                      NULL};
MI_CONST MI_ClassDecl UL_Right_rtti = {MI_FLAG_CLASS, 0, MI_T("TST_Right"), NULL, 0,
                                       right_props, 1, sizeof(UL_Id), NULL, NULL, NULL, 0,
                                       NULL, &right_ft, NULL};
MI_CONST MI_ClassDecl UL_Slow_rtti = {MI_FLAG_CLASS, 0, MI_T("TST_Slow"), NULL, 0, slow_props,
                                      1, sizeof(UL_Id), NULL, NULL, NULL, 0, NULL, &slow_ft,
                                      NULL};

static MI_ClassDecl MI_CONST *MI_CONST classes[] = {&UL_Left_rtti, &UL_Right_rtti,
                                                    &UL_Slow_rtti};
static MI_SchemaDecl schema = {NULL, 0, classes, sizeof classes / sizeof classes[0]};

static void MI_CALL module_load(MI_Module_Self **self, MI_Context *context)
{
    char line[32];

    *self = NULL;
    snprintf(line, sizeof line, "module-load %d", ++loads_in_mapping);
    log_line(line, NULL);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL module_unload(MI_Module_Self *self, MI_Context *context)
{
    (void)self;
    log_line("module-unload", NULL);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static MI_Module module = {MI_VERSION, MI_VERSION, 0, sizeof(MI_Char), &schema,
                           module_load, module_unload, NULL};

MI_EXTERN_C MI_EXPORT MI_Module *MI_MAIN_CALL MI_Main(MI_Server *server)
{
    (void)server;
    return &module;
}
