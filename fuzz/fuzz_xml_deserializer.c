/* fuzz_xml_deserializer.c - libFuzzer target for the MI_XML deserializer
 * (src/client/serializer.c, src/cim/xml.c) through the public API: every input is
 * given to DeserializeInstance (with the fixed classes below, the rest supplied by
 * classObjectNeeded), DeserializeClass and the three name getters. Checks: no crash,
 * hang or leak; a failure always comes with an error instance; an instance or class
 * that deserializes is serialized again as MI_XML and that text must deserialize to
 * an equal instance (same class, same elements and values) or a class of the same
 * name and member counts. A difference aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mi.h>

#include "cim/cim.h"
#include "mof/mof.h"
#include "repo/repo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char schema[] =
    "Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, "
    "ToSubclass);\n"
    "Qualifier EmbeddedInstance : string = null, Scope(property, method, parameter);\n"
    "Qualifier Description : string = null, Scope(any), Flavor(Translatable);\n"
    "Qualifier In : boolean = true, Scope(parameter);\n"
    "Qualifier Out : boolean = false, Scope(parameter);\n"
    "class FX_Base { [Key] string Id; };\n"
    "class FX_Emb { string S; uint32 N; [EmbeddedInstance(\"FX_Emb\")] string Child; };\n"
    "[Description(\"all\")] class FX_All : FX_Base {\n"
    "  boolean B; uint8 U8; sint8 S8; uint16 U16; sint16 S16; uint32 U32; sint32 S32;\n"
    "  uint64 U64; sint64 S64; real32 R32; real64 R64; char16 C; datetime T; string S;\n"
    "  boolean BA[]; uint32 UA[]; sint64 SA64[]; real64 RA[]; string SA[]; char16 CA[];\n"
    "  datetime TA[]; FX_Base REF R; [EmbeddedInstance(\"FX_Emb\")] string E;\n"
    "  [EmbeddedInstance(\"FX_Emb\")] string EA[];\n"
    "  uint32 M([In] uint32 A, [Out] string B);\n"
    "};\n"
    "class FX_Assoc { [Key] FX_Base REF A; [Key] FX_All REF B; };\n";

static mi_repo *repo;
static MI_Application app;
static MI_Deserializer des;
static MI_Serializer ser;
static MI_Class *classes[4];

static MI_Class *class_of(const char *name)
{
    MI_Class *c = NULL;
    const MI_ClassDecl *cd = mi_ns_class(mi_repo_ns(repo, "root/cimv2"), name);
    if (cd == NULL || mi_class_new(cd, "root/cimv2", NULL, false, &c) != MI_RESULT_OK)
        abort();
    return c;
}

static void init(void)
{
    mi_mof_options opt;
    memset(&opt, 0, sizeof opt);
    if (mi_repo_new(&repo) != MI_RESULT_OK ||
        mi_mof_compile_buffer(repo, "schema", schema, strlen(schema), &opt, NULL) !=
            MI_RESULT_OK ||
        MI_Application_Initialize(0, NULL, NULL, &app) != MI_RESULT_OK ||
        MI_Application_NewDeserializer(&app, 0, (MI_Char *)"MI_XML", &des) != MI_RESULT_OK ||
        MI_Application_NewSerializer(&app, 0, (MI_Char *)"MI_XML", &ser) != MI_RESULT_OK)
        abort();
    classes[0] = class_of("FX_Base");
    classes[1] = class_of("FX_Emb");
    classes[2] = class_of("FX_All");
    classes[3] = class_of("FX_Assoc");
}

/* Supplies the schema's classes by name (the deserializer does not take them). */
static MI_Result MI_CALL needed(void *ctx, const MI_Char *server, const MI_Char *ns,
                                const MI_Char *name, MI_Class **out)
{
    (void)ctx;
    (void)server;
    (void)ns;
    *out = NULL;
    for (size_t i = 0; i < 4; i++)
        if (strcmp(classes[i]->classDecl->name, name) == 0) {
            *out = classes[i];
            return MI_RESULT_OK;
        }
    return MI_RESULT_NOT_FOUND;
}

static void check_failure(MI_Result r, MI_Instance *err)
{
    if (r == MI_RESULT_OK)
        return;
    if (err == NULL)
        abort(); /* every failure explains itself */
    MI_Instance_Delete(err);
}

static char *serialize(const MI_Instance *inst, const MI_Class *cls, MI_Uint32 *len)
{
    MI_Uint32 need = 0, used = 0;
    MI_Uint32 fl = MI_SERIALIZER_FLAGS_INSTANCE_WITH_CLASS;
    MI_Result r = inst ? MI_Serializer_SerializeInstance(&ser, fl, inst, NULL, 0, &need)
                       : MI_Serializer_SerializeClass(&ser, 0, cls, NULL, 0, &need);
    if (r != MI_RESULT_OK)
        return NULL;
    char *b = malloc(need ? need : 1);
    if (b == NULL)
        abort();
    r = inst ? MI_Serializer_SerializeInstance(&ser, fl, inst, (MI_Uint8 *)b, need, &used)
             : MI_Serializer_SerializeClass(&ser, 0, cls, (MI_Uint8 *)b, need, &used);
    if (r != MI_RESULT_OK || used != need)
        abort();
    *len = need;
    return b;
}

static void same_instance(const MI_Instance *a, const MI_Instance *b)
{
    MI_Uint32 n = 0, m = 0;
    if (strcmp(a->classDecl->name, b->classDecl->name) != 0 ||
        MI_Instance_GetElementCount(a, &n) != MI_RESULT_OK ||
        MI_Instance_GetElementCount(b, &m) != MI_RESULT_OK || n != m)
        abort();
    for (MI_Uint32 i = 0; i < n; i++) {
        const MI_Char *name;
        MI_Value x, y;
        MI_Type tx, ty;
        MI_Uint32 fx, fy;
        if (MI_Instance_GetElementAt(a, i, &name, &x, &tx, &fx) != MI_RESULT_OK ||
            MI_Instance_GetElement(b, name, &y, &ty, &fy, NULL) != MI_RESULT_OK || tx != ty ||
            (fx & MI_FLAG_NULL) != (fy & MI_FLAG_NULL))
            abort();
        if (!(fx & MI_FLAG_NULL) && !mi_value_equal(tx, &x, &y))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    MI_Instance *inst = NULL, *again = NULL, *err = NULL;
    MI_Class *cls = NULL, *cls2 = NULL;
    MI_Uint32 read = 0, len = 0;
    MI_Char name[64];
    MI_Uint32 nlen;
    MI_Result r;
    char *text;

    if (!ready) {
        init();
        ready = 1;
    }
    if (size > (1u << 20))
        return 0;
    r = MI_Deserializer_DeserializeInstance(&des, 0, (MI_Uint8 *)data, (MI_Uint32)size, classes,
                                            size % 2 ? 4 : 0, needed, NULL, &read, &inst, &err);
    check_failure(r, err);
    if (r == MI_RESULT_OK) {
        if (read != size)
            abort();
        text = serialize(inst, NULL, &len);
        if (text != NULL) {
            err = NULL;
            r = MI_Deserializer_DeserializeInstance(&des, 0, (MI_Uint8 *)text, len, classes, 4,
                                                    NULL, NULL, &read, &again, &err);
            /* a class that only the input declared is not in the text written here
             * (the embedded instances' classes): only that may fail */
            if (r != MI_RESULT_OK && r != MI_RESULT_INVALID_CLASS) {
                fprintf(stderr, "re-read failed (%d):\n%.*s\n", r, (int)len, text);
                abort();
            }
            if (r == MI_RESULT_OK) {
                same_instance(inst, again);
                MI_Instance_Delete(again);
            } else if (err != NULL) {
                MI_Instance_Delete(err);
            }
            free(text);
        }
        MI_Instance_Delete(inst);
    }
    err = NULL;
    r = MI_Deserializer_DeserializeClass(&des, 0, (MI_Uint8 *)data, (MI_Uint32)size,
                                         size % 3 ? classes[0] : NULL, NULL, NULL, needed, NULL,
                                         &read, &cls, &err);
    check_failure(r, err);
    if (r == MI_RESULT_OK) {
        text = serialize(NULL, cls, &len);
        if (text != NULL) {
            err = NULL;
            r = MI_Deserializer_DeserializeClass(&des, 0, (MI_Uint8 *)text, len, NULL, NULL, NULL,
                                                 needed, NULL, &read, &cls2, &err);
            if (r != MI_RESULT_OK) {
                /* a superclass or REF / EmbeddedInstance class that only the input
                 * declared is not in the single CLASS written here: only that may
                 * fail */
                if (r != MI_RESULT_INVALID_CLASS && r != MI_RESULT_INVALID_SUPERCLASS) {
                    fprintf(stderr, "class re-read failed (%d):\n%.*s\n", r, (int)len, text);
                    abort();
                }
                if (err)
                    MI_Instance_Delete(err);
            } else {
                if (strcmp(cls->classDecl->name, cls2->classDecl->name) != 0 ||
                    cls->classDecl->numProperties != cls2->classDecl->numProperties ||
                    cls->classDecl->numMethods != cls2->classDecl->numMethods)
                    abort();
                MI_Class_Delete(cls2);
            }
            free(text);
        }
        MI_Class_Delete(cls);
    }
    nlen = sizeof name;
    err = NULL;
    check_failure(MI_Deserializer_Class_GetClassName(&des, (MI_Uint8 *)data, (MI_Uint32)size,
                                                     name, &nlen, &err),
                  err);
    nlen = 3;
    err = NULL;
    r = MI_Deserializer_Class_GetParentClassName(&des, (MI_Uint8 *)data, (MI_Uint32)size, name,
                                                 &nlen, &err);
    if (r != MI_RESULT_OK && err)
        MI_Instance_Delete(err);
    nlen = sizeof name;
    err = NULL;
    check_failure(MI_Deserializer_Instance_GetClassName(&des, (MI_Uint8 *)data, (MI_Uint32)size,
                                                        name, &nlen, &err),
                  err);
    return 0;
}
