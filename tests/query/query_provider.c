/* query_provider.c - a provider module for the query tests, on the public provider API
 * only (mi.h). Its module sets MI_MODULE_FLAG_FILTER_SUPPORT. Classes (MOF in
 * query_provider.mof):
 *
 *   QRY_Item     10 instances, i = 0..9: Id = i, Name = "item-<i>" ("ITEM-<i>" for odd
 *                i), Size = 1000 * i, Tags = {"t<i % 3>", "all"}.
 *   QRY_BigItem  (derives from QRY_Item) 2 instances: Id = 100 + k, Name = "big-<Id>",
 *                Size = 2^40, Tags = {"big"}, Extra = 7.
 *
 * Both ignore the filter for what they post (every instance is posted, so the engine
 * must filter), but record it: Note = "<dialect>|<query text>" from
 * MI_Filter_GetExpression ("none" without a filter), and Eval = what MI_Filter_Evaluate
 * says of the instance (NULL without a filter).
 */
#include <mi.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef struct QRY_Item {
    MI_Instance __instance;
    MI_ConstUint32Field Id;
    MI_ConstStringField Name;
    MI_ConstUint64Field Size;
    MI_ConstStringAField Tags;
    MI_ConstStringField Note;
    MI_ConstBooleanField Eval;
} QRY_Item;

typedef struct QRY_BigItem {
    MI_Instance __instance;
    MI_ConstUint32Field Id;
    MI_ConstStringField Name;
    MI_ConstUint64Field Size;
    MI_ConstStringAField Tags;
    MI_ConstStringField Note;
    MI_ConstBooleanField Eval;
    MI_ConstUint32Field Extra;
} QRY_BigItem;

#define PROP(var, nm, fl, ty, st, field, org)                                                \
    static MI_CONST MI_PropertyDecl var = {MI_FLAG_PROPERTY | (fl), 0, MI_T(nm), NULL, 0,    \
                                           ty, NULL, 0, offsetof(st, field), MI_T(org),      \
                                           MI_T(org), NULL}

PROP(item_id, "Id", MI_FLAG_KEY, MI_UINT32, QRY_Item, Id, "QRY_Item");
PROP(item_name, "Name", 0, MI_STRING, QRY_Item, Name, "QRY_Item");
PROP(item_size, "Size", 0, MI_UINT64, QRY_Item, Size, "QRY_Item");
PROP(item_tags, "Tags", 0, MI_STRINGA, QRY_Item, Tags, "QRY_Item");
PROP(item_note, "Note", 0, MI_STRING, QRY_Item, Note, "QRY_Item");
PROP(item_eval, "Eval", 0, MI_BOOLEAN, QRY_Item, Eval, "QRY_Item");
PROP(big_extra, "Extra", 0, MI_UINT32, QRY_BigItem, Extra, "QRY_BigItem");

static MI_PropertyDecl MI_CONST *MI_CONST item_props[] = {&item_id,   &item_name, &item_size,
                                                          &item_tags, &item_note, &item_eval};
static MI_PropertyDecl MI_CONST *MI_CONST big_props[] = {
    &item_id, &item_name, &item_size, &item_tags, &item_note, &item_eval, &big_extra};

extern MI_CONST MI_ClassDecl QRY_Item_rtti, QRY_BigItem_rtti;

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

/* Sets Note and Eval from the filter, then posts inst. */
static MI_Result post(MI_Context *ctx, MI_Instance *inst, const MI_Filter *filter)
{
    MI_Value v;
    char note[1024];

    if (filter != NULL) {
        const MI_Char *lang = NULL, *expr = NULL;
        MI_Boolean ok = MI_FALSE;
        if (MI_Filter_GetExpression(filter, &lang, &expr) != MI_RESULT_OK)
            snprintf(note, sizeof note, "GetExpression failed");
        else
            snprintf(note, sizeof note, "%s|%s", lang, expr);
        v.string = note;
        MI_Instance_SetElement(inst, MI_T("Note"), &v, MI_STRING, 0);
        if (MI_Filter_Evaluate(filter, inst, &ok) == MI_RESULT_OK) {
            v.boolean = ok;
            MI_Instance_SetElement(inst, MI_T("Eval"), &v, MI_BOOLEAN, 0);
        }
    } else {
        v.string = (MI_Char *)MI_T("none");
        MI_Instance_SetElement(inst, MI_T("Note"), &v, MI_STRING, 0);
    }
    return MI_Context_PostInstance(ctx, inst);
}

static void fill(MI_Instance *inst, MI_Uint32 id, const char *name, MI_Uint64 size,
                 const char *const *tags, MI_Uint32 ntags)
{
    MI_Value v;

    v.uint32 = id;
    MI_Instance_SetElement(inst, MI_T("Id"), &v, MI_UINT32, 0);
    v.string = (MI_Char *)name;
    MI_Instance_SetElement(inst, MI_T("Name"), &v, MI_STRING, 0);
    v.uint64 = size;
    MI_Instance_SetElement(inst, MI_T("Size"), &v, MI_UINT64, 0);
    v.stringa.data = (MI_Char **)tags;
    v.stringa.size = ntags;
    MI_Instance_SetElement(inst, MI_T("Tags"), &v, MI_STRINGA, 0);
}

static void MI_CALL Item_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                   const MI_Char *className, const MI_PropertySet *propertySet,
                                   MI_Boolean keysOnly, const MI_Filter *filter)
{
    MI_Instance *inst = NULL;
    MI_Result r;

    (void)self, (void)nameSpace, (void)className, (void)propertySet, (void)keysOnly;
    r = MI_Context_NewInstance(context, &QRY_Item_rtti, &inst);
    for (MI_Uint32 i = 0; r == MI_RESULT_OK && i < 10; i++) {
        char name[32], tag[8];
        const char *tags[2] = {tag, "all"};
        snprintf(name, sizeof name, "%s-%u", i % 2 ? "ITEM" : "item", i);
        snprintf(tag, sizeof tag, "t%u", i % 3);
        fill(inst, i, name, 1000u * i, tags, 2);
        r = post(context, inst, filter);
    }
    if (inst != NULL)
        MI_Instance_Delete(inst);
    MI_Context_PostResult(context, r == MI_RESULT_OK ? MI_RESULT_OK : MI_RESULT_FAILED);
}

static void MI_CALL Big_Enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                  const MI_Char *className, const MI_PropertySet *propertySet,
                                  MI_Boolean keysOnly, const MI_Filter *filter)
{
    MI_Instance *inst = NULL;
    MI_Result r;
    MI_Value v;
    const char *tags[1] = {"big"};

    (void)self, (void)nameSpace, (void)className, (void)propertySet, (void)keysOnly;
    r = MI_Context_NewInstance(context, &QRY_BigItem_rtti, &inst);
    for (MI_Uint32 k = 0; r == MI_RESULT_OK && k < 2; k++) {
        char name[32];
        snprintf(name, sizeof name, "big-%u", 100 + k);
        fill(inst, 100 + k, name, (MI_Uint64)1 << 40, tags, 1);
        v.uint32 = 7;
        MI_Instance_SetElement(inst, MI_T("Extra"), &v, MI_UINT32, 0);
        r = post(context, inst, filter);
    }
    if (inst != NULL)
        MI_Instance_Delete(inst);
    MI_Context_PostResult(context, r == MI_RESULT_OK ? MI_RESULT_OK : MI_RESULT_FAILED);
}

static MI_CONST MI_ProviderFT item_ft = {load_ok, unload_ok, NULL, Item_Enumerate, NULL,
                                         NULL,    NULL,      NULL, NULL,           NULL,
                                         NULL,    NULL,      NULL, NULL};
static MI_CONST MI_ProviderFT big_ft = {load_ok, unload_ok, NULL, Big_Enumerate, NULL,
                                        NULL,    NULL,      NULL, NULL,          NULL,
                                        NULL,    NULL,      NULL, NULL};

MI_CONST MI_ClassDecl QRY_Item_rtti = {MI_FLAG_CLASS, 0, MI_T("QRY_Item"), NULL, 0, item_props,
                                       6, sizeof(QRY_Item), NULL, NULL, NULL, 0, NULL,
                                       &item_ft, NULL};
MI_CONST MI_ClassDecl QRY_BigItem_rtti = {MI_FLAG_CLASS, 0, MI_T("QRY_BigItem"), NULL, 0,
                                          big_props, 7, sizeof(QRY_BigItem), MI_T("QRY_Item"),
                                          &QRY_Item_rtti, NULL, 0, NULL, &big_ft, NULL};

static MI_ClassDecl MI_CONST *MI_CONST classes[] = {&QRY_Item_rtti, &QRY_BigItem_rtti};
static MI_SchemaDecl schema = {NULL, 0, classes, 2};

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

/* Built a second time with QRY_NO_FILTER_SUPPORT: the same module without the flag
 * (the engine must then hand it no filter). */
#ifdef QRY_NO_FILTER_SUPPORT
#define QRY_MODULE_FLAGS 0
#else
#define QRY_MODULE_FLAGS MI_MODULE_FLAG_FILTER_SUPPORT
#endif

static MI_Module module = {MI_VERSION, MI_VERSION, QRY_MODULE_FLAGS,
                           sizeof(MI_Char), &schema, module_load, module_unload, NULL};

MI_EXTERN_C MI_EXPORT MI_Module *MI_MAIN_CALL MI_Main(MI_Server *server)
{
    (void)server;
    return &module;
}
