/*
 * test_mi_h_usage.c -- include/mi.h used the way client samples and
 * generated providers use it.
 *
 * The sample client and the provider below are compiled and linked but never
 * run (they would need a working library); they prove that typical programs
 * build warning-free against the header. What runs is the header's own
 * behaviour on invalid handles, which needs no library.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <MI.h>

/* ========================================================================
 * A provider, shaped like generated code (Demo_Widget.h, schema.c, module.c)
 * ======================================================================== */

typedef struct _Demo_Widget
{
    MI_Instance __instance;
    /* Demo_Widget properties */
    /*KEY*/ MI_ConstStringField Name;
    MI_ConstUint32Field Size;
    MI_ConstStringAField Tags;
    MI_ConstDatetimeField Installed;
}
Demo_Widget;

typedef struct _Demo_Widget_Resize
{
    MI_Instance __instance;
    /*OUT*/ MI_ConstUint32Field MIReturn;
    /*IN*/ MI_ConstUint32Field NewSize;
}
Demo_Widget_Resize;

typedef struct _Demo_Widget_Self Demo_Widget_Self;

static MI_Server* demo_server;

/* --- schema.c --- */

static const MI_Char* demo_description_value = MI_T("A widget");

static MI_CONST MI_Qualifier demo_description_qual = {
    MI_T("Description"),
    MI_STRING,
    MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS | MI_FLAG_TRANSLATABLE,
    &demo_description_value
};

static MI_Qualifier MI_CONST* MI_CONST demo_widget_quals[] = {
    &demo_description_qual,
};

static MI_CONST MI_Uint32 demo_size_default = 8U;

static MI_CONST MI_PropertyDecl demo_widget_Name_prop = {
    MI_FLAG_PROPERTY | MI_FLAG_KEY, /* flags */
    0x006E6504, /* code: 'n', 'e', 4 */
    MI_T("Name"),
    NULL,
    0,
    MI_STRING,
    NULL,
    0,
    MI_OFFSETOF(Demo_Widget, Name),
    MI_T("Demo_Widget"),
    MI_T("Demo_Widget"),
    NULL
};

static MI_CONST MI_PropertyDecl demo_widget_Size_prop = {
    MI_FLAG_PROPERTY,
    0x00736504,
    MI_T("Size"),
    NULL,
    0,
    MI_UINT32,
    NULL,
    0,
    MI_OFFSETOF(Demo_Widget, Size),
    MI_T("Demo_Widget"),
    MI_T("Demo_Widget"),
    &demo_size_default
};

static MI_CONST MI_PropertyDecl demo_widget_Tags_prop = {
    MI_FLAG_PROPERTY,
    0x00747304,
    MI_T("Tags"),
    NULL,
    0,
    MI_STRINGA,
    NULL,
    0,
    MI_OFFSETOF(Demo_Widget, Tags),
    MI_T("Demo_Widget"),
    MI_T("Demo_Widget"),
    NULL
};

static MI_CONST MI_PropertyDecl demo_widget_Installed_prop = {
    MI_FLAG_PROPERTY | MI_FLAG_READONLY,
    0x00696409,
    MI_T("Installed"),
    NULL,
    0,
    MI_DATETIME,
    NULL,
    0,
    MI_OFFSETOF(Demo_Widget, Installed),
    MI_T("Demo_Widget"),
    MI_T("Demo_Widget"),
    NULL
};

static MI_PropertyDecl MI_CONST* MI_CONST demo_widget_props[] = {
    &demo_widget_Name_prop,
    &demo_widget_Size_prop,
    &demo_widget_Tags_prop,
    &demo_widget_Installed_prop,
};

static MI_CONST MI_ParameterDecl demo_widget_Resize_MIReturn_param = {
    MI_FLAG_PARAMETER | MI_FLAG_OUT,
    0x006D6E08,
    MI_T("MIReturn"),
    NULL,
    0,
    MI_UINT32,
    NULL,
    0,
    MI_OFFSETOF(Demo_Widget_Resize, MIReturn)
};

static MI_CONST MI_ParameterDecl demo_widget_Resize_NewSize_param = {
    MI_FLAG_PARAMETER | MI_FLAG_IN,
    0x006E6507,
    MI_T("NewSize"),
    NULL,
    0,
    MI_UINT32,
    NULL,
    0,
    MI_OFFSETOF(Demo_Widget_Resize, NewSize)
};

static MI_ParameterDecl MI_CONST* MI_CONST demo_widget_Resize_params[] = {
    &demo_widget_Resize_MIReturn_param,
    &demo_widget_Resize_NewSize_param,
};

extern MI_SchemaDecl demo_schemaDecl;
extern MI_CONST MI_ClassDecl Demo_Widget_rtti;

static void MI_CALL Demo_Widget_Invoke_Resize(Demo_Widget_Self* self, MI_Context* context,
    const MI_Char* nameSpace, const MI_Char* className, const MI_Char* methodName,
    const Demo_Widget* instanceName, const Demo_Widget_Resize* in);

MI_CONST MI_MethodDecl Demo_Widget_Resize_rtti = {
    MI_FLAG_METHOD,
    0x00726506,
    MI_T("Resize"),
    NULL,
    0,
    demo_widget_Resize_params,
    MI_COUNT(demo_widget_Resize_params),
    sizeof(Demo_Widget_Resize),
    MI_UINT32,
    MI_T("Demo_Widget"),
    MI_T("Demo_Widget"),
    &demo_schemaDecl,
    (MI_ProviderFT_Invoke)Demo_Widget_Invoke_Resize
};

static MI_MethodDecl MI_CONST* MI_CONST demo_widget_meths[] = {
    &Demo_Widget_Resize_rtti,
};

/* --- Demo_Widget.c: the provider functions --- */

static void MI_CALL Demo_Widget_Load(Demo_Widget_Self** self, MI_Module_Self* selfModule,
    MI_Context* context)
{
    MI_UNREFERENCED_PARAMETER(selfModule);
    *self = NULL;
    MI_Context_RefuseUnload(context);
    MI_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL Demo_Widget_Unload(Demo_Widget_Self* self, MI_Context* context)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL Demo_Widget_EnumerateInstances(Demo_Widget_Self* self,
    MI_Context* context, const MI_Char* nameSpace, const MI_Char* className,
    const MI_PropertySet* propertySet, MI_Boolean keysOnly, const MI_Filter* filter)
{
    static const MI_Char* tags[] = { MI_T("red"), MI_T("round") };
    Demo_Widget widget;
    MI_Boolean canceled = MI_FALSE;
    MI_Boolean wanted = MI_TRUE;
    MI_Boolean matches = MI_TRUE;
    MI_Char locale[MI_MAX_LOCALE_SIZE];
    const MI_Char* queryLanguage = NULL;
    const MI_Char* queryText = NULL;
    const MI_Char* systemName = NULL;
    MI_Uint32 serverVersion = 0;
    MI_Array tagArray;
    MI_Value value;
    MI_Result r;

    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(keysOnly);

    MI_Server_GetVersion(&serverVersion);
    MI_Server_GetSystemName(&systemName);
    MI_Context_GetLocale(context, MI_LOCALE_TYPE_REQUESTED_UI, locale);
    MI_Context_WriteVerbose(context, MI_T("enumerating widgets"));
    MI_Context_WriteProgress(context, MI_T("Enumerate"), MI_T("Demo_Widget"),
        MI_T("reading"), 50, 1);
    if (filter)
    {
        MI_Filter_GetExpression(filter, &queryLanguage, &queryText);
        MI_Context_SetFilterOption(context, MI_FALSE);
    }
    if (propertySet)
        MI_PropertySet_ContainsElement(propertySet, MI_T("Size"), &wanted);

    r = MI_Context_ConstructInstance(context, &Demo_Widget_rtti, &widget.__instance);
    if (r != MI_RESULT_OK)
    {
        MI_Context_PostError(context, r, MI_RESULT_TYPE_MI, MI_T("construct failed"));
        return;
    }
    MI_Instance_SetNameSpace(&widget.__instance, nameSpace);
    value.string = (MI_Char*)MI_T("w1");
    widget.__instance.ft->SetElementAt(&widget.__instance, 0, &value, MI_STRING, 0);
    ((MI_Uint32Field*)&widget.Size)->value = 42;
    ((MI_Uint32Field*)&widget.Size)->exists = 1;
    tagArray.data = (void*)tags;
    tagArray.size = MI_COUNT(tags);
    widget.__instance.ft->SetElementAt(&widget.__instance, 2, (MI_Value*)&tagArray,
        MI_STRINGA, MI_FLAG_BORROW);
    if (filter)
        MI_Filter_Evaluate(filter, &widget.__instance, &matches);
    MI_Context_Canceled(context, &canceled);
    if (!canceled && matches)
        MI_PostInstance(context, &widget.__instance);
    MI_Instance_Destruct(&widget.__instance);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL Demo_Widget_GetInstance(Demo_Widget_Self* self, MI_Context* context,
    const MI_Char* nameSpace, const MI_Char* className, const Demo_Widget* instanceName,
    const MI_PropertySet* propertySet)
{
    MI_Instance* copy = NULL;
    MI_Instance* error = NULL;
    MI_Boolean isWidget = MI_FALSE;
    MI_Boolean keepGoing = MI_TRUE;
    MI_Session local = MI_SESSION_NULL;

    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(propertySet);

    MI_Instance_IsA(&instanceName->__instance, &Demo_Widget_rtti, &isWidget);
    if (!isWidget || !instanceName->Name.exists)
    {
        MI_Context_NewDynamicInstance(context, MI_T("CIM_Error"), MI_FLAG_CLASS, &error);
        MI_Context_WriteCimError(context, error, &keepGoing);
        MI_Context_WriteError(context, MI_RESULT_NOT_FOUND, MI_RESULT_TYPE_MI,
            MI_T("no such widget"), &keepGoing);
        MI_Context_PostCimError(context, error);
        MI_Instance_Delete(error);
        return;
    }
    MI_Context_GetLocalSession(context, &local);
    MI_Context_NewInstance(context, &Demo_Widget_rtti, &copy);
    MI_Instance_SetElement(copy, MI_T("Name"), (const MI_Value*)&instanceName->Name.value,
        MI_STRING, 0);
    MI_Instance_SetServerName(copy, className);
    MI_Context_PostInstance(context, copy);
    MI_Instance_Delete(copy);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL Demo_Widget_DeleteInstance(Demo_Widget_Self* self, MI_Context* context,
    const MI_Char* nameSpace, const MI_Char* className, const Demo_Widget* instanceName)
{
    MI_Boolean proceed = MI_FALSE;
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(instanceName);
    MI_Context_ShouldProcess(context, MI_T("w1"), MI_T("Delete"), &proceed);
    MI_Context_ShouldContinue(context, MI_T("really?"), &proceed);
    MI_Context_PromptUser(context, MI_T("sure?"), MI_PROMPTTYPE_CRITICAL, &proceed);
    MI_Context_PostResult(context, proceed ? MI_RESULT_OK : MI_RESULT_ACCESS_DENIED);
}

static void MI_CALL demo_cancel(MI_CancellationReason reason, void* callbackData)
{
    MI_UNREFERENCED_PARAMETER(reason);
    MI_UNREFERENCED_PARAMETER(callbackData);
}

static void MI_CALL Demo_Widget_Invoke_Resize(Demo_Widget_Self* self, MI_Context* context,
    const MI_Char* nameSpace, const MI_Char* className, const MI_Char* methodName,
    const Demo_Widget* instanceName, const Demo_Widget_Resize* in)
{
    Demo_Widget_Resize out;
    MI_Uint32 chunk[2] = { 1, 2 };
    MI_Array chunkArray;
    MI_Uint32 optionCount = 0;
    const MI_Char* optionName = NULL;
    MI_Type optionType = MI_STRING;
    MI_Value optionValue;
    MI_Uint32 timeoutSeconds = 0;
    const MI_Char* optionText = NULL;

    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(methodName);
    MI_UNREFERENCED_PARAMETER(instanceName);

    MI_Context_RegisterCancel(context, demo_cancel, NULL);
    MI_Context_GetCustomOptionCount(context, &optionCount);
    if (optionCount)
        MI_Context_GetCustomOptionAt(context, 0, &optionName, &optionType, &optionValue);
    MI_Context_GetCustomOption(context, MI_T("Mode"), &optionType, &optionValue);
    MI_Context_GetNumberOption(context, MI_T("__MI_OPERATIONOPTIONS_TIMEOUT"),
        &timeoutSeconds);
    MI_Context_GetStringOption(context, MI_T("Mode"), &optionText);
    MI_Context_SetStringOption(context, MI_T("__Hint"), MI_T("x"));
    MI_Context_WriteWarning(context, MI_T("resizing"));
    MI_Context_WriteDebug(context, MI_T("debug"));
    MI_Context_WriteMessage(context, 7, MI_T("custom channel"));

    chunkArray.data = chunk;
    chunkArray.size = 2;
    MI_Context_WriteStreamParameter(context, MI_T("Log"), (MI_Value*)&chunkArray,
        MI_UINT32A, 0);

    if (MI_Context_ConstructParameters(context, &Demo_Widget_Resize_rtti, &out.__instance)
        != MI_RESULT_OK)
    {
        MI_Context_PostResult(context, MI_RESULT_FAILED);
        return;
    }
    ((MI_Uint32Field*)&out.MIReturn)->value = in->NewSize.exists ? 0 : 1;
    ((MI_Uint32Field*)&out.MIReturn)->exists = 1;
    MI_Context_PostInstance(context, MI_InstanceOf(&out));
    MI_Instance_Destruct(&out.__instance);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL Demo_Widget_EnableIndications(Demo_Widget_Self* self,
    MI_Context* indicationsContext, const MI_Char* nameSpace, const MI_Char* className)
{
    MI_Instance* indication = NULL;
    MI_Instance* parameters = NULL;
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_Context_NewParameters(indicationsContext, &Demo_Widget_Resize_rtti, &parameters);
    MI_Context_NewDynamicInstance(indicationsContext, MI_T("Demo_Alert"),
        MI_FLAG_INDICATION, &indication);
    MI_Context_PostIndication(indicationsContext, indication, 0, MI_T("bookmark-1"));
    MI_Instance_Delete(indication);
    MI_Instance_Delete(parameters);
}

static void MI_CALL Demo_Widget_DisableIndications(Demo_Widget_Self* self,
    MI_Context* indicationsContext, const MI_Char* nameSpace, const MI_Char* className)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_Context_RequestUnload(indicationsContext);
    MI_Context_PostResult(indicationsContext, MI_RESULT_OK);
}

static MI_CONST MI_ProviderFT Demo_Widget_funcs = {
    (MI_ProviderFT_Load)Demo_Widget_Load,
    (MI_ProviderFT_Unload)Demo_Widget_Unload,
    (MI_ProviderFT_GetInstance)Demo_Widget_GetInstance,
    (MI_ProviderFT_EnumerateInstances)Demo_Widget_EnumerateInstances,
    NULL, /* CreateInstance */
    NULL, /* ModifyInstance */
    (MI_ProviderFT_DeleteInstance)Demo_Widget_DeleteInstance,
    NULL, /* AssociatorInstances */
    NULL, /* ReferenceInstances */
    (MI_ProviderFT_EnableIndications)Demo_Widget_EnableIndications,
    (MI_ProviderFT_DisableIndications)Demo_Widget_DisableIndications,
    NULL, /* Subscribe */
    NULL, /* Unsubscribe */
    NULL, /* Invoke */
};

MI_CONST MI_ClassDecl Demo_Widget_rtti = {
    MI_FLAG_CLASS, /* flags */
    0x00647411, /* code: 'd', 't', 17 */
    MI_T("Demo_Widget"),
    demo_widget_quals,
    MI_COUNT(demo_widget_quals),
    demo_widget_props,
    MI_COUNT(demo_widget_props),
    sizeof(Demo_Widget),
    NULL, /* superClass */
    NULL, /* superClassDecl */
    demo_widget_meths,
    MI_COUNT(demo_widget_meths),
    &demo_schemaDecl,
    &Demo_Widget_funcs,
    NULL /* owningClass */
};

static MI_ClassDecl MI_CONST* MI_CONST demo_classes[] = {
    &Demo_Widget_rtti,
};

static MI_CONST MI_Uint32 demo_maxlen_value = 64U;

static MI_CONST MI_QualifierDecl demo_maxlen_qual_decl = {
    MI_T("MaxLen"),
    MI_UINT32,
    MI_FLAG_PROPERTY | MI_FLAG_METHOD | MI_FLAG_PARAMETER,
    MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS,
    0,
    &demo_maxlen_value
};

static MI_QualifierDecl MI_CONST* MI_CONST demo_qualifier_decls[] = {
    &demo_maxlen_qual_decl,
};

MI_SchemaDecl demo_schemaDecl = {
    demo_qualifier_decls,
    MI_COUNT(demo_qualifier_decls),
    demo_classes,
    MI_COUNT(demo_classes)
};

MI_Result MI_CALL MI_Server_GetVersion(MI_Uint32* version)
{
    return demo_server->serverFT->GetVersion(version);
}

MI_Result MI_CALL MI_Server_GetSystemName(const MI_Char** systemName)
{
    return demo_server->serverFT->GetSystemName(systemName);
}

/* --- module.c --- */

static void MI_CALL demo_module_load(MI_Module_Self** self, MI_Context* context)
{
    *self = NULL;
    MI_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL demo_module_unload(MI_Module_Self* self, MI_Context* context)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_PostResult(context, MI_RESULT_OK);
}

MI_EXTERN_C MI_EXPORT MI_Module* MI_MAIN_CALL MI_Main(MI_Server* server)
{
    static MI_Module module;
    demo_server = server;
    module.flags |= MI_MODULE_FLAG_DESCRIPTIONS | MI_MODULE_FLAG_STANDARD_QUALIFIERS;
    module.charSize = sizeof(MI_Char);
    module.version = MI_VERSION;
    module.generatorVersion = MI_MAKE_VERSION(1, 0, 0);
    module.schemaDecl = &demo_schemaDecl;
    module.Load = demo_module_load;
    module.Unload = demo_module_unload;
    return &module;
}

/* ========================================================================
 * A client, shaped like the native client samples
 * ======================================================================== */

static void MI_CALL sample_instance_result(MI_Operation* operation, void* callbackContext,
    const MI_Instance* instance, MI_Boolean moreResults, MI_Result resultCode,
    const MI_Char* errorString, const MI_Instance* errorDetails,
    MI_Result (MI_CALL *resultAcknowledgement)(MI_Operation* operation))
{
    const MI_Char* className = NULL;
    MI_UNREFERENCED_PARAMETER(callbackContext);
    MI_UNREFERENCED_PARAMETER(errorDetails);
    if (instance && MI_Instance_GetClassName(instance, &className) == MI_RESULT_OK)
        printf("instance of %s\n", className);
    if (!moreResults)
    {
        if (resultCode != MI_RESULT_OK)
            printf("failed: %d %s\n", (int)resultCode, errorString ? errorString : "");
        MI_Operation_Close(operation);
    }
    if (resultAcknowledgement)
        resultAcknowledgement(operation);
}

static void MI_CALL sample_class_result(MI_Operation* operation, void* callbackContext,
    const MI_Class* classResult, MI_Boolean moreResults, MI_Result resultCode,
    const MI_Char* errorString, const MI_Instance* errorDetails,
    MI_Result (MI_CALL *resultAcknowledgement)(MI_Operation* operation))
{
    const MI_Char* name = NULL;
    MI_UNREFERENCED_PARAMETER(callbackContext);
    MI_UNREFERENCED_PARAMETER(resultCode);
    MI_UNREFERENCED_PARAMETER(errorString);
    MI_UNREFERENCED_PARAMETER(errorDetails);
    if (classResult)
        MI_Class_GetClassName(classResult, &name);
    if (!moreResults)
        MI_Operation_Close(operation);
    if (resultAcknowledgement)
        resultAcknowledgement(operation);
}

static void MI_CALL sample_indication_result(MI_Operation* operation, void* callbackContext,
    const MI_Instance* instance, const MI_Char* bookmark, const MI_Char* machineID,
    MI_Boolean moreResults, MI_Result resultCode, const MI_Char* errorString,
    const MI_Instance* errorDetails,
    MI_Result (MI_CALL *resultAcknowledgement)(MI_Operation* operation))
{
    MI_UNREFERENCED_PARAMETER(callbackContext);
    MI_UNREFERENCED_PARAMETER(instance);
    MI_UNREFERENCED_PARAMETER(bookmark);
    MI_UNREFERENCED_PARAMETER(machineID);
    MI_UNREFERENCED_PARAMETER(resultCode);
    MI_UNREFERENCED_PARAMETER(errorString);
    MI_UNREFERENCED_PARAMETER(errorDetails);
    if (!moreResults)
        MI_Operation_Close(operation);
    if (resultAcknowledgement)
        resultAcknowledgement(operation);
}

static void MI_CALL sample_prompt_user(MI_Operation* operation, void* callbackContext,
    const MI_Char* message, MI_PromptType promptType,
    MI_Result (MI_CALL *promptUserResult)(MI_Operation* operation,
        MI_OperationCallback_ResponseType response))
{
    MI_UNREFERENCED_PARAMETER(callbackContext);
    MI_UNREFERENCED_PARAMETER(message);
    MI_UNREFERENCED_PARAMETER(promptType);
    if (promptUserResult)
        promptUserResult(operation, MI_OperationCallback_ResponseType_Yes);
}

static void MI_CALL sample_write_error(MI_Operation* operation, void* callbackContext,
    MI_Instance* instance,
    MI_Result (MI_CALL *writeErrorResult)(MI_Operation* operation,
        MI_OperationCallback_ResponseType response))
{
    MI_UNREFERENCED_PARAMETER(callbackContext);
    MI_UNREFERENCED_PARAMETER(instance);
    if (writeErrorResult)
        writeErrorResult(operation, MI_OperationCallback_ResponseType_YesToAll);
}

static void MI_CALL sample_write_message(MI_Operation* operation, void* callbackContext,
    MI_Uint32 channel, const MI_Char* message)
{
    MI_UNREFERENCED_PARAMETER(operation);
    MI_UNREFERENCED_PARAMETER(callbackContext);
    if (channel == MI_WRITEMESSAGE_CHANNEL_WARNING)
        printf("warning: %s\n", message);
}

static void MI_CALL sample_write_progress(MI_Operation* operation, void* callbackContext,
    const MI_Char* activity, const MI_Char* currentOperation,
    const MI_Char* statusDescription, MI_Uint32 percentageComplete,
    MI_Uint32 secondsRemaining)
{
    MI_UNREFERENCED_PARAMETER(operation);
    MI_UNREFERENCED_PARAMETER(callbackContext);
    MI_UNREFERENCED_PARAMETER(currentOperation);
    MI_UNREFERENCED_PARAMETER(statusDescription);
    MI_UNREFERENCED_PARAMETER(secondsRemaining);
    printf("%s: %u%%\n", activity, percentageComplete);
}

static void MI_CALL sample_streamed(MI_Operation* operation, void* callbackContext,
    const MI_Char* parameterName, MI_Type resultType, const MI_Value* result,
    MI_Result (MI_CALL *resultAcknowledgement)(MI_Operation* operation))
{
    MI_UNREFERENCED_PARAMETER(callbackContext);
    MI_UNREFERENCED_PARAMETER(parameterName);
    MI_UNREFERENCED_PARAMETER(resultType);
    MI_UNREFERENCED_PARAMETER(result);
    if (resultAcknowledgement)
        resultAcknowledgement(operation);
}

static void MI_CALL sample_session_message(MI_Application* application,
    void* callbackContext, MI_Uint32 channel, const MI_Char* message)
{
    MI_UNREFERENCED_PARAMETER(application);
    MI_UNREFERENCED_PARAMETER(callbackContext);
    MI_UNREFERENCED_PARAMETER(channel);
    MI_UNREFERENCED_PARAMETER(message);
}

static void MI_CALL sample_session_error(MI_Application* application,
    void* callbackContext, MI_Instance* instance)
{
    MI_UNREFERENCED_PARAMETER(application);
    MI_UNREFERENCED_PARAMETER(callbackContext);
    MI_UNREFERENCED_PARAMETER(instance);
}

static void MI_CALL sample_session_closed(void* completionContext)
{
    *(int*)completionContext = 1;
}

static MI_Result MI_CALL sample_class_needed(void* context, const MI_Char* serverName,
    const MI_Char* namespaceName, const MI_Char* className, MI_Class** requestedClassObject)
{
    MI_UNREFERENCED_PARAMETER(context);
    MI_UNREFERENCED_PARAMETER(serverName);
    MI_UNREFERENCED_PARAMETER(namespaceName);
    MI_UNREFERENCED_PARAMETER(className);
    *requestedClassObject = NULL;
    return MI_RESULT_NOT_FOUND;
}

static void sample_instances(MI_Application* application, MI_Session* session)
{
    MI_Instance* keys = NULL;
    MI_Instance* params = NULL;
    MI_Instance* clone = NULL;
    MI_Class* widgetClass = NULL;
    MI_Value value;
    MI_Type type = MI_BOOLEAN;
    MI_Uint32 flags = 0;
    MI_Uint32 index = 0;
    MI_Uint32 count = 0;
    const MI_Char* name = NULL;
    const MI_Char* nameSpace = NULL;
    const MI_Char* serverName = NULL;
    MI_Boolean isA = MI_FALSE;
    MI_Operation operation = MI_OPERATION_NULL;
    const MI_Instance* result = NULL;
    MI_Boolean moreResults = MI_FALSE;
    MI_Result resultCode = MI_RESULT_OK;
    const MI_Char* errorMessage = NULL;
    const MI_Instance* completionDetails = NULL;
    MI_Uint32 i;

    MI_Application_NewInstance(application, MI_T("Demo_Widget"), NULL, &keys);
    value.string = (MI_Char*)MI_T("w1");
    MI_Instance_AddElement(keys, MI_T("Name"), &value, MI_STRING, MI_FLAG_KEY);
    value.uint32 = 7;
    MI_Instance_AddElement(keys, MI_T("Size"), &value, MI_UINT32, 0);
    MI_Instance_AddElement(keys, MI_T("Note"), NULL, MI_STRING, MI_FLAG_NULL);
    MI_Instance_SetElement(keys, MI_T("Size"), &value, MI_UINT32, 0);
    MI_Instance_SetElementAt(keys, 1, &value, MI_UINT32, 0);
    MI_Instance_GetElement(keys, MI_T("Name"), &value, &type, &flags, &index);
    MI_Instance_GetElementCount(keys, &count);
    for (i = 0; i < count; i++)
        MI_Instance_GetElementAt(keys, i, &name, &value, &type, &flags);
    MI_Instance_ClearElement(keys, MI_T("Note"));
    MI_Instance_ClearElementAt(keys, 1);
    MI_Instance_SetNameSpace(keys, MI_T("root/cimv2"));
    MI_Instance_GetNameSpace(keys, &nameSpace);
    MI_Instance_SetServerName(keys, MI_T("localhost"));
    MI_Instance_GetServerName(keys, &serverName);
    MI_Instance_IsA(keys, &Demo_Widget_rtti, &isA);
    MI_Instance_Clone(keys, &clone);
    MI_Instance_Normalize(&clone);
    MI_Instance_GetClass(clone, &widgetClass);

    /* Synchronous get. */
    MI_Session_GetInstance(session, 0, NULL, MI_T("root/cimv2"), keys, NULL, &operation);
    do
    {
        MI_Operation_GetInstance(&operation, &result, &moreResults, &resultCode,
            &errorMessage, &completionDetails);
    }
    while (moreResults);
    MI_Operation_Close(&operation);

    MI_Session_ModifyInstance(session, 0, NULL, NULL, keys, NULL, &operation);
    MI_Operation_Close(&operation);
    MI_Session_CreateInstance(session, 0, NULL, NULL, keys, NULL, &operation);
    MI_Operation_Close(&operation);
    MI_Session_DeleteInstance(session, 0, NULL, NULL, keys, NULL, &operation);
    MI_Operation_Close(&operation);

    MI_Application_NewParameterSet(application, NULL, &params);
    value.uint32 = 16;
    MI_Instance_AddElement(params, MI_T("NewSize"), &value, MI_UINT32, MI_FLAG_IN);
    MI_Session_Invoke(session, 0, NULL, MI_T("root/cimv2"), NULL, MI_T("Resize"), keys,
        params, NULL, &operation);
    MI_Operation_Close(&operation);

    MI_Session_AssociatorInstances(session, MI_OPERATIONFLAGS_DEFAULT_RTTI, NULL,
        MI_T("root/cimv2"), keys, MI_T("Demo_Connector"), NULL, MI_T("Left"),
        MI_T("Right"), MI_FALSE, NULL, &operation);
    MI_Operation_Close(&operation);
    MI_Session_ReferenceInstances(session, 0, NULL, MI_T("root/cimv2"), keys,
        MI_T("Demo_Connector"), NULL, MI_TRUE, NULL, &operation);
    MI_Operation_Close(&operation);

    MI_Class_Delete(widgetClass);
    MI_Instance_Delete(clone);
    MI_Instance_Delete(params);
    MI_Instance_Delete(keys);
}

static void sample_classes(MI_Application* application, MI_Session* session)
{
    MI_Operation operation = MI_OPERATION_NULL;
    const MI_Class* widgetClass = NULL;
    MI_Class* parent = NULL;
    MI_Class* made = NULL;
    MI_Instance* fromClass = NULL;
    MI_Boolean moreResults = MI_FALSE;
    MI_Result resultCode = MI_RESULT_OK;
    MI_QualifierSet qualifiers;
    MI_QualifierSet methodQualifiers;
    MI_ParameterSet parameters;
    MI_Value value;
    MI_Boolean valueExists = MI_FALSE;
    MI_Type type = MI_BOOLEAN;
    MI_Char* referenceClass = NULL;
    MI_Uint32 flags = 0;
    MI_Uint32 index = 0;
    MI_Uint32 count = 0;
    const MI_Char* name = NULL;

    MI_Session_GetClass(session, 0, NULL, MI_T("root/cimv2"), MI_T("Demo_Widget"), NULL,
        &operation);
    MI_Operation_GetClass(&operation, &widgetClass, &moreResults, &resultCode, NULL, NULL);
    if (widgetClass)
    {
        MI_Class_GetClassName(widgetClass, &name);
        MI_Class_GetNameSpace(widgetClass, &name);
        MI_Class_GetServerName(widgetClass, &name);
        MI_Class_GetParentClassName(widgetClass, &name);
        MI_Class_GetParentClass(widgetClass, &parent);
        MI_Class_GetElementCount(widgetClass, &count);
        MI_Class_GetElement(widgetClass, MI_T("Name"), &value, &valueExists, &type,
            &referenceClass, &qualifiers, &flags, &index);
        MI_Class_GetElementAt(widgetClass, 0, &name, &value, &valueExists, &type,
            &referenceClass, &qualifiers, &flags);
        MI_QualifierSet_GetQualifierCount(&qualifiers, &count);
        MI_QualifierSet_GetQualifierAt(&qualifiers, 0, &name, &type, &flags, &value);
        MI_QualifierSet_GetQualifier(&qualifiers, MI_T("Key"), &type, &flags, &value,
            &index);
        MI_Class_GetClassQualifierSet(widgetClass, &qualifiers);
        MI_Class_GetMethodCount(widgetClass, &count);
        MI_Class_GetMethodAt(widgetClass, 0, &name, &methodQualifiers, &parameters);
        MI_Class_GetMethod(widgetClass, MI_T("Resize"), &methodQualifiers, &parameters,
            &index);
        MI_ParameterSet_GetMethodReturnType(&parameters, &type, &methodQualifiers);
        MI_ParameterSet_GetParameterCount(&parameters, &count);
        MI_ParameterSet_GetParameterAt(&parameters, 0, &name, &type, &referenceClass,
            &methodQualifiers);
        MI_ParameterSet_GetParameter(&parameters, MI_T("NewSize"), &type, &referenceClass,
            &methodQualifiers, &index);
        MI_Application_NewInstanceFromClass(application, MI_T("Demo_Widget"), widgetClass,
            &fromClass);
        MI_Instance_Delete(fromClass);
        MI_Class_Delete(parent);
    }
    while (moreResults)
        MI_Operation_GetClass(&operation, &widgetClass, &moreResults, &resultCode, NULL,
            NULL);
    MI_Operation_Close(&operation);

    MI_Session_EnumerateClasses(session, MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW, NULL,
        MI_T("root/cimv2"), NULL, MI_TRUE, NULL, &operation);
    MI_Operation_Close(&operation);

    MI_Application_NewClass(application, &Demo_Widget_rtti, MI_T("root/cimv2"), NULL, &made);
    MI_Class_Delete(made);
}

static void sample_serializer(MI_Application* application, const MI_Instance* instance)
{
    MI_Serializer serializer;
    MI_Deserializer deserializer;
    MI_Uint8 buffer[4096];
    MI_Uint32 needed = 0;
    MI_Uint32 read = 0;
    MI_Instance* back = NULL;
    MI_Instance* errorDetails = NULL;
    MI_Class* classObject = NULL;
    MI_Char className[64];
    MI_Uint32 classNameLength = MI_COUNT(className);
    MI_ErrorCategory category;

    MI_Application_NewSerializer(application, 0, (MI_Char*)MI_T("MI_XML"), &serializer);
    MI_Serializer_SerializeInstance(&serializer, MI_SERIALIZER_FLAGS_INSTANCE_WITH_CLASS,
        instance, NULL, 0, &needed);
    MI_Serializer_SerializeInstance(&serializer, 0, instance, buffer, sizeof(buffer),
        &needed);
    MI_Serializer_SerializeClass(&serializer, MI_SERIALIZER_FLAGS_CLASS_DEEP, NULL, buffer,
        sizeof(buffer), &needed);
    MI_Serializer_Close(&serializer);

    MI_Application_NewDeserializer(application, 0, (MI_Char*)MI_T("MI_XML"), &deserializer);
    MI_Deserializer_Instance_GetClassName(&deserializer, buffer, needed, className,
        &classNameLength, &errorDetails);
    MI_Deserializer_DeserializeInstance(&deserializer, 0, buffer, needed, NULL, 0,
        sample_class_needed, NULL, &read, &back, &errorDetails);
    MI_Deserializer_DeserializeClass(&deserializer, 0, buffer, needed, NULL, NULL, NULL,
        sample_class_needed, NULL, &read, &classObject, &errorDetails);
    MI_Deserializer_Class_GetClassName(&deserializer, buffer, needed, className,
        &classNameLength, &errorDetails);
    MI_Deserializer_Class_GetParentClassName(&deserializer, buffer, needed, className,
        &classNameLength, &errorDetails);
    MI_Deserializer_Close(&deserializer);
    MI_Instance_Delete(back);
    MI_Class_Delete(classObject);

    category = MI_Utilities_MapErrorToMiErrorCategory(MI_RESULT_TYPE_ERRNO, 2);
    MI_Utilities_CimErrorFromErrorCode((MI_Uint32)category, MI_RESULT_TYPE_MI,
        MI_T("message"), &errorDetails);
    MI_Instance_Delete(errorDetails);
}

/* The whole client sample: never called, only linked. */
static void sample_client(void)
{
    MI_Application application = MI_APPLICATION_NULL;
    MI_Session session = MI_SESSION_NULL;
    MI_Operation operation = MI_OPERATION_NULL;
    MI_DestinationOptions destinationOptions = MI_DESTINATIONOPTIONS_NULL;
    MI_OperationOptions operationOptions = MI_OPERATIONOPTIONS_NULL;
    MI_SubscriptionDeliveryOptions deliveryOptions = MI_SUBSCRIPTIONDELIVERYOPTIONS_NULL;
    MI_HostedProvider hosted = MI_HOSTEDPROVIDER_NULL;
    MI_SessionCallbacks sessionCallbacks = MI_SESSIONCALLBACKS_NULL;
    MI_OperationCallbacks callbacks = MI_OPERATIONCALLBACKS_NULL;
    MI_Instance* extendedError = NULL;
    MI_UserCredentials credentials;
    MI_Interval timeout;
    MI_Datetime expiration;
    MI_Result result;
    const MI_Instance* instance = NULL;
    MI_Boolean moreResults = MI_FALSE;
    MI_Result resultCode = MI_RESULT_OK;
    const MI_Char* errorMessage = NULL;
    const MI_Instance* completionDetails = NULL;
    const MI_Char* bookmark = NULL;
    const MI_Char* machineID = NULL;
    MI_Uint32 channels[4];
    MI_Uint32 channelCount = 0;
    MI_Value customValue;
    int closed = 0;

    result = MI_Application_Initialize(0, MI_T("libmi/tests/usage"), &extendedError,
        &application);
    if (result != MI_RESULT_OK)
    {
        MI_Instance_Delete(extendedError);
        return;
    }

    /* Destination options and credentials. */
    MI_Application_NewDestinationOptions(&application, &destinationOptions);
    memset(&timeout, 0, sizeof(timeout));
    timeout.seconds = 30;
    MI_DestinationOptions_SetTimeout(&destinationOptions, &timeout);
    MI_DestinationOptions_SetTransport(&destinationOptions,
        MI_DESTINATIONOPTIONS_TRANSPORT_HTTPS);
    MI_DestinationOptions_SetDestinationPort(&destinationOptions, 5986);
    MI_DestinationOptions_SetCertCACheck(&destinationOptions, MI_FALSE);
    MI_DestinationOptions_SetCertCNCheck(&destinationOptions, MI_FALSE);
    MI_DestinationOptions_SetPacketEncoding(&destinationOptions,
        MI_DESTINATIONOPTIONS_PACKET_ENCODING_UTF8);
    MI_DestinationOptions_SetUILocale(&destinationOptions, MI_T("en-US"));
    MI_DestinationOptions_SetDataLocale(&destinationOptions, MI_T("en-US"));
    MI_DestinationOptions_SetMaxEnvelopeSize(&destinationOptions, 512);
    MI_DestinationOptions_SetHttpUrlPrefix(&destinationOptions, MI_T("/wsman"));
    MI_DestinationOptions_SetImpersonationType(&destinationOptions,
        MI_DestinationOptions_ImpersonationType_Impersonate);
    credentials.authenticationType = MI_AUTH_TYPE_BASIC;
    credentials.credentials.usernamePassword.domain = NULL;
    credentials.credentials.usernamePassword.username = MI_T("user");
    credentials.credentials.usernamePassword.password = MI_T("secret");
    MI_DestinationOptions_AddDestinationCredentials(&destinationOptions, &credentials);

    sessionCallbacks.writeMessage = sample_session_message;
    sessionCallbacks.writeError = sample_session_error;
    result = MI_Application_NewSession(&application, MI_T("WINRM"), MI_T("server1"),
        &destinationOptions, &sessionCallbacks, &extendedError, &session);
    MI_DestinationOptions_Delete(&destinationOptions);
    if (result != MI_RESULT_OK)
    {
        MI_Instance_Delete(extendedError);
        MI_Application_Close(&application);
        return;
    }

    /* Operation options. */
    MI_Application_NewOperationOptions(&application, MI_FALSE, &operationOptions);
    MI_OperationOptions_SetTimeout(&operationOptions, &timeout);
    MI_OperationOptions_SetWriteErrorMode(&operationOptions, MI_CALLBACKMODE_INQUIRE);
    MI_OperationOptions_SetPromptUserMode(&operationOptions, MI_CALLBACKMODE_REPORT);
    MI_OperationOptions_EnableChannel(&operationOptions, MI_WRITEMESSAGE_CHANNEL_VERBOSE);
    MI_OperationOptions_GetEnabledChannels(&operationOptions, channels, MI_COUNT(channels),
        &channelCount, NULL);
    customValue.uint32 = 3;
    MI_OperationOptions_SetCustomOption(&operationOptions, MI_T("Depth"), MI_UINT32,
        &customValue, MI_FALSE);
    MI_OperationOptions_SetString(&operationOptions, MI_T("Mode"), MI_T("fast"), 0);

    /* Synchronous enumeration. */
    MI_Session_EnumerateInstances(&session, 0, &operationOptions, MI_T("root/cimv2"),
        MI_T("Demo_Widget"), MI_FALSE, NULL, &operation);
    do
    {
        result = MI_Operation_GetInstance(&operation, &instance, &moreResults, &resultCode,
            &errorMessage, &completionDetails);
        if (result != MI_RESULT_OK)
            break;
        if (instance)
            sample_serializer(&application, instance);
    }
    while (moreResults);
    MI_Operation_Close(&operation);

    /* Asynchronous enumeration with every callback. */
    callbacks.callbackContext = &closed;
    callbacks.instanceResult = sample_instance_result;
    callbacks.promptUser = sample_prompt_user;
    callbacks.writeError = sample_write_error;
    callbacks.writeMessage = sample_write_message;
    callbacks.writeProgress = sample_write_progress;
    callbacks.streamedParameterResult = sample_streamed;
    MI_Session_EnumerateInstances(&session,
        MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS | MI_OPERATIONFLAGS_POLYMORPHISM_DEEP_BASE_PROPS_ONLY,
        &operationOptions, MI_T("root/cimv2"), MI_T("Demo_Widget"), MI_TRUE, &callbacks,
        &operation);
    MI_Operation_Cancel(&operation, MI_REASON_NONE);

    MI_Session_QueryInstances(&session, 0, NULL, MI_T("root/cimv2"), MI_QUERY_DIALECT_WQL,
        MI_T("SELECT * FROM Demo_Widget WHERE Size > 4"), &callbacks, &operation);

    /* Subscription. */
    MI_Application_NewSubscriptionDeliveryOptions(&application,
        MI_SubscriptionDeliveryType_Pull, &deliveryOptions);
    memset(&expiration, 0, sizeof(expiration));
    expiration.isTimestamp = MI_TRUE;
    expiration.u.timestamp.year = 2030;
    MI_SubscriptionDeliveryOptions_SetExpirationTime(&deliveryOptions, &expiration);
    MI_SubscriptionDeliveryOptions_SetBookmark(&deliveryOptions,
        MI_SUBSCRIBE_BOOKMARK_NEWEST);
    MI_SubscriptionDeliveryOptions_SetHeartbeatInterval(&deliveryOptions, &timeout);
    MI_Session_Subscribe(&session, 0, NULL, MI_T("root/cimv2"), MI_QUERY_DIALECT_WQL,
        MI_T("SELECT * FROM Demo_Alert"), &deliveryOptions, NULL, &operation);
    MI_Operation_GetIndication(&operation, &instance, &bookmark, &machineID, &moreResults,
        &resultCode, &errorMessage, &completionDetails);
    MI_Operation_Cancel(&operation, MI_REASON_SHUTDOWN);
    while (moreResults)
        MI_Operation_GetIndication(&operation, &instance, &bookmark, &machineID,
            &moreResults, &resultCode, &errorMessage, &completionDetails);
    MI_Operation_Close(&operation);
    callbacks.indicationResult = sample_indication_result;
    MI_Session_Subscribe(&session, 0, NULL, NULL, MI_QUERY_DIALECT_WQL,
        MI_T("SELECT * FROM Demo_Alert"), NULL, &callbacks, &operation);
    MI_SubscriptionDeliveryOptions_Delete(&deliveryOptions);

    callbacks.classResult = sample_class_result;
    MI_Session_EnumerateClasses(&session, 0, NULL, NULL, NULL, MI_FALSE, &callbacks,
        &operation);

    MI_Session_TestConnection(&session, 0, NULL, &operation);
    MI_Operation_GetInstance(&operation, &instance, &moreResults, &resultCode, NULL, NULL);
    MI_Operation_Close(&operation);

    sample_instances(&application, &session);
    sample_classes(&application, &session);

    MI_Application_NewHostedProvider(&application, MI_T("root/demo"), MI_T("demo"),
        MI_Main, &extendedError, &hosted);
    MI_HostedProvider_Close(&hosted);

    MI_OperationOptions_Delete(&operationOptions);
    MI_Session_Close(&session, &closed, sample_session_closed);
    MI_Application_Close(&application);
}

/* Referenced, never called: the sample links but does not run. */
static void (*volatile sample_client_entry)(void) = sample_client;

/* ========================================================================
 * What runs: the header's behaviour on invalid handles
 * ======================================================================== */

typedef struct
{
    int calls;
    MI_Operation* operation;
    void* callbackContext;
    const void* object;
    const MI_Char* bookmark;
    const MI_Char* machineID;
    MI_Boolean moreResults;
    MI_Result resultCode;
    const MI_Char* errorString;
    const MI_Instance* errorDetails;
    int ackIsNull;
}
Seen;

static Seen seen;

static void MI_CALL seen_instance(MI_Operation* operation, void* callbackContext,
    const MI_Instance* instance, MI_Boolean moreResults, MI_Result resultCode,
    const MI_Char* errorString, const MI_Instance* errorDetails,
    MI_Result (MI_CALL *resultAcknowledgement)(MI_Operation* operation))
{
    seen.calls++;
    seen.operation = operation;
    seen.callbackContext = callbackContext;
    seen.object = instance;
    seen.moreResults = moreResults;
    seen.resultCode = resultCode;
    seen.errorString = errorString;
    seen.errorDetails = errorDetails;
    seen.ackIsNull = resultAcknowledgement == NULL;
}

static void MI_CALL seen_class(MI_Operation* operation, void* callbackContext,
    const MI_Class* classResult, MI_Boolean moreResults, MI_Result resultCode,
    const MI_Char* errorString, const MI_Instance* errorDetails,
    MI_Result (MI_CALL *resultAcknowledgement)(MI_Operation* operation))
{
    seen.calls++;
    seen.operation = operation;
    seen.callbackContext = callbackContext;
    seen.object = classResult;
    seen.moreResults = moreResults;
    seen.resultCode = resultCode;
    seen.errorString = errorString;
    seen.errorDetails = errorDetails;
    seen.ackIsNull = resultAcknowledgement == NULL;
}

static void MI_CALL seen_indication(MI_Operation* operation, void* callbackContext,
    const MI_Instance* instance, const MI_Char* bookmark, const MI_Char* machineID,
    MI_Boolean moreResults, MI_Result resultCode, const MI_Char* errorString,
    const MI_Instance* errorDetails,
    MI_Result (MI_CALL *resultAcknowledgement)(MI_Operation* operation))
{
    seen.calls++;
    seen.operation = operation;
    seen.callbackContext = callbackContext;
    seen.object = instance;
    seen.bookmark = bookmark;
    seen.machineID = machineID;
    seen.moreResults = moreResults;
    seen.resultCode = resultCode;
    seen.errorString = errorString;
    seen.errorDetails = errorDetails;
    seen.ackIsNull = resultAcknowledgement == NULL;
}

static int ctx_marker;

/* Resets the record and returns callbacks whose context is &ctx_marker. */
static MI_OperationCallbacks fresh_callbacks(void)
{
    MI_OperationCallbacks callbacks = MI_OPERATIONCALLBACKS_NULL;
    memset(&seen, 0x5A, sizeof(seen));
    seen.calls = 0;
    callbacks.callbackContext = &ctx_marker;
    callbacks.instanceResult = seen_instance;
    callbacks.indicationResult = seen_indication;
    callbacks.classResult = seen_class;
    return callbacks;
}

static void assert_failed_once(void)
{
    assert_int_equal(seen.calls, 1);
    assert_null(seen.operation);
    assert_ptr_equal(seen.callbackContext, &ctx_marker);
    assert_null(seen.object);
    assert_int_equal(seen.moreResults, MI_FALSE);
    assert_int_equal(seen.resultCode, MI_RESULT_INVALID_PARAMETER);
    assert_null(seen.errorString);
    assert_null(seen.errorDetails);
    assert_true(seen.ackIsNull);
}

static void assert_zeroed(const void* p, size_t n)
{
    static const unsigned char zero[64];
    assert_true(n <= sizeof(zero));
    assert_memory_equal(p, zero, n);
}

static void test_sample_is_linked(void** state)
{
    (void)state;
    assert_non_null(sample_client_entry);
    assert_int_equal(Demo_Widget_rtti.numProperties, 4);
    assert_int_equal(Demo_Widget_rtti.properties[1]->offset, offsetof(Demo_Widget, Size));
    assert_int_equal(Demo_Widget_rtti.size, sizeof(Demo_Widget));
    assert_int_equal(Demo_Widget_Resize_rtti.parameters[1]->offset,
        offsetof(Demo_Widget_Resize, NewSize));
    assert_ptr_equal(Demo_Widget_rtti.providerFT->GetInstance,
        (MI_ProviderFT_GetInstance)Demo_Widget_GetInstance);
    assert_null(Demo_Widget_rtti.owningClass);
    assert_int_equal(demo_schemaDecl.numClassDecls, 1);
}

static void test_module_entry(void** state)
{
    MI_Module* module;
    (void)state;
    module = MI_Main(NULL);
    assert_non_null(module);
    assert_int_equal(module->version, MI_VERSION);
    assert_int_equal(module->charSize, 1);
    assert_int_equal(module->generatorVersion, 0x010000);
    assert_ptr_equal(module->schemaDecl, &demo_schemaDecl);
    assert_null(module->dynamicProviderFT);
}

/* Every MI_Session_* operation on a zeroed or NULL session: *operation is
 * zeroed and the matching result callback fires exactly once. */
static void test_session_operations_on_invalid_session(void** state)
{
    MI_Session zeroed = MI_SESSION_NULL;
    MI_Session* sessions[2];
    MI_Operation operation;
    MI_OperationCallbacks callbacks;
    int i;

    (void)state;
    sessions[0] = &zeroed;
    sessions[1] = NULL;
    for (i = 0; i < 2; i++)
    {
        MI_Session* s = sessions[i];

#define CHECK_OP(call) \
        do { \
            callbacks = fresh_callbacks(); \
            memset(&operation, 0xAB, sizeof(operation)); \
            call; \
            assert_failed_once(); \
            assert_zeroed(&operation, sizeof(operation)); \
        } while (0)

        CHECK_OP(MI_Session_EnumerateInstances(s, 0, NULL, MI_T("root/cimv2"),
            MI_T("Demo_Widget"), MI_FALSE, &callbacks, &operation));
        CHECK_OP(MI_Session_GetInstance(s, 0, NULL, NULL, NULL, &callbacks, &operation));
        CHECK_OP(MI_Session_ModifyInstance(s, 0, NULL, NULL, NULL, &callbacks, &operation));
        CHECK_OP(MI_Session_CreateInstance(s, 0, NULL, NULL, NULL, &callbacks, &operation));
        CHECK_OP(MI_Session_DeleteInstance(s, 0, NULL, NULL, NULL, &callbacks, &operation));
        CHECK_OP(MI_Session_Invoke(s, 0, NULL, NULL, MI_T("C"), MI_T("M"), NULL, NULL,
            &callbacks, &operation));
        CHECK_OP(MI_Session_QueryInstances(s, 0, NULL, NULL, MI_QUERY_DIALECT_WQL,
            MI_T("SELECT * FROM C"), &callbacks, &operation));
        CHECK_OP(MI_Session_AssociatorInstances(s, 0, NULL, NULL, NULL, NULL, NULL, NULL,
            NULL, MI_FALSE, &callbacks, &operation));
        CHECK_OP(MI_Session_ReferenceInstances(s, 0, NULL, NULL, NULL, NULL, NULL,
            MI_FALSE, &callbacks, &operation));
        CHECK_OP(MI_Session_TestConnection(s, 0, &callbacks, &operation));
        CHECK_OP(MI_Session_GetClass(s, 0, NULL, NULL, MI_T("C"), &callbacks, &operation));
        CHECK_OP(MI_Session_EnumerateClasses(s, 0, NULL, NULL, NULL, MI_TRUE, &callbacks,
            &operation));
        CHECK_OP(MI_Session_Subscribe(s, 0, NULL, NULL, MI_QUERY_DIALECT_WQL,
            MI_T("SELECT * FROM C"), NULL, &callbacks, &operation));
        assert_null(seen.bookmark);
        assert_null(seen.machineID);
#undef CHECK_OP
    }
}

/* Only the callback matching the operation kind fires; without callbacks
 * the operation is still zeroed and nothing is called. */
static void test_session_operation_callback_kind(void** state)
{
    MI_Session zeroed = MI_SESSION_NULL;
    MI_Operation operation;
    MI_OperationCallbacks callbacks;

    (void)state;
    callbacks = fresh_callbacks();
    callbacks.instanceResult = NULL;
    memset(&operation, 0xAB, sizeof(operation));
    MI_Session_EnumerateInstances(&zeroed, 0, NULL, NULL, MI_T("C"), MI_FALSE, &callbacks,
        &operation);
    assert_int_equal(seen.calls, 0);
    assert_zeroed(&operation, sizeof(operation));

    callbacks = fresh_callbacks();
    callbacks.classResult = NULL;
    MI_Session_GetClass(&zeroed, 0, NULL, NULL, MI_T("C"), &callbacks, &operation);
    assert_int_equal(seen.calls, 0);

    callbacks = fresh_callbacks();
    callbacks.indicationResult = NULL;
    MI_Session_Subscribe(&zeroed, 0, NULL, NULL, MI_QUERY_DIALECT_WQL, MI_T("q"), NULL,
        &callbacks, &operation);
    assert_int_equal(seen.calls, 0);

    memset(&operation, 0xAB, sizeof(operation));
    MI_Session_EnumerateInstances(&zeroed, 0, NULL, NULL, MI_T("C"), MI_FALSE, NULL,
        &operation);
    assert_zeroed(&operation, sizeof(operation));

    /* A NULL operation pointer is tolerated. */
    callbacks = fresh_callbacks();
    MI_Session_EnumerateInstances(NULL, 0, NULL, NULL, MI_T("C"), MI_FALSE, &callbacks,
        NULL);
    assert_failed_once();
}

static void test_operation_getters_on_invalid_operation(void** state)
{
    MI_Operation zeroed = MI_OPERATION_NULL;
    const MI_Instance* instance = (const MI_Instance*)&zeroed;
    const MI_Class* classResult = (const MI_Class*)&zeroed;
    MI_Boolean moreResults = MI_TRUE;
    MI_Result result = MI_RESULT_OK;
    const MI_Char* errorMessage = MI_T("stale");
    const MI_Instance* completionDetails = (const MI_Instance*)&zeroed;
    const MI_Char* bookmark = MI_T("stale");
    const MI_Char* machineID = MI_T("stale");
    MI_Session session;

    (void)state;
    assert_int_equal(MI_Operation_GetInstance(&zeroed, &instance, &moreResults, &result,
        &errorMessage, &completionDetails), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(result, MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(moreResults, MI_FALSE);
    assert_null(instance);
    assert_null(errorMessage);
    assert_null(completionDetails);

    moreResults = MI_TRUE;
    result = MI_RESULT_OK;
    assert_int_equal(MI_Operation_GetInstance(NULL, &instance, &moreResults, &result, NULL,
        NULL), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(result, MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(moreResults, MI_FALSE);

    moreResults = MI_TRUE;
    result = MI_RESULT_OK;
    assert_int_equal(MI_Operation_GetIndication(&zeroed, &instance, &bookmark, &machineID,
        &moreResults, &result, &errorMessage, &completionDetails),
        MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(result, MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(moreResults, MI_FALSE);
    assert_null(bookmark);
    assert_null(machineID);

    moreResults = MI_TRUE;
    result = MI_RESULT_OK;
    assert_int_equal(MI_Operation_GetClass(&zeroed, &classResult, &moreResults, &result,
        NULL, NULL), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(result, MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(moreResults, MI_FALSE);
    assert_null(classResult);

    memset(&session, 0xAB, sizeof(session));
    assert_int_equal(MI_Operation_GetSession(&zeroed, &session), MI_RESULT_INVALID_PARAMETER);
    assert_zeroed(&session, sizeof(session));
    assert_int_equal(MI_Operation_Close(&zeroed), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Operation_Close(NULL), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Operation_Cancel(&zeroed, MI_REASON_NONE),
        MI_RESULT_INVALID_PARAMETER);
}

static int close_calls;
static void* close_context;

static void MI_CALL on_session_closed(void* completionContext)
{
    close_calls++;
    close_context = completionContext;
}

static void test_session_close_on_invalid_session(void** state)
{
    MI_Session zeroed = MI_SESSION_NULL;
    MI_Application application;

    (void)state;
    close_calls = 0;
    assert_int_equal(MI_Session_Close(&zeroed, &ctx_marker, on_session_closed), MI_RESULT_OK);
    assert_int_equal(close_calls, 1);
    assert_ptr_equal(close_context, &ctx_marker);

    assert_int_equal(MI_Session_Close(NULL, NULL, on_session_closed), MI_RESULT_OK);
    assert_int_equal(close_calls, 2);

    assert_int_equal(MI_Session_Close(&zeroed, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(close_calls, 2);

    memset(&application, 0xAB, sizeof(application));
    assert_int_equal(MI_Session_GetApplication(&zeroed, &application),
        MI_RESULT_INVALID_PARAMETER);
    assert_zeroed(&application, sizeof(application));
}

static void test_application_on_invalid_application(void** state)
{
    MI_Application zeroed = MI_APPLICATION_NULL;
    MI_Session session;
    MI_DestinationOptions destinationOptions;
    MI_OperationOptions operationOptions;
    MI_SubscriptionDeliveryOptions deliveryOptions;
    MI_HostedProvider hosted;
    MI_Serializer serializer;
    MI_Deserializer deserializer;
    MI_Instance* instance = (MI_Instance*)&zeroed;
    MI_Instance* extendedError = (MI_Instance*)&zeroed;
    MI_Class* classObject = (MI_Class*)&zeroed;

    (void)state;
    memset(&session, 0xAB, sizeof(session));
    assert_int_equal(MI_Application_NewSession(&zeroed, NULL, NULL, NULL, NULL,
        &extendedError, &session), MI_RESULT_INVALID_PARAMETER);
    assert_zeroed(&session, sizeof(session));
    assert_null(extendedError);

    assert_int_equal(MI_Application_NewInstance(&zeroed, MI_T("C"), NULL, &instance),
        MI_RESULT_INVALID_PARAMETER);
    assert_null(instance);
    instance = (MI_Instance*)&zeroed;
    assert_int_equal(MI_Application_NewParameterSet(NULL, NULL, &instance),
        MI_RESULT_INVALID_PARAMETER);
    assert_null(instance);
    instance = (MI_Instance*)&zeroed;
    assert_int_equal(MI_Application_NewInstanceFromClass(&zeroed, MI_T("C"), NULL,
        &instance), MI_RESULT_INVALID_PARAMETER);
    assert_null(instance);
    assert_int_equal(MI_Application_NewClass(&zeroed, NULL, NULL, NULL, &classObject),
        MI_RESULT_INVALID_PARAMETER);
    assert_null(classObject);

    memset(&destinationOptions, 0xAB, sizeof(destinationOptions));
    assert_int_equal(MI_Application_NewDestinationOptions(&zeroed, &destinationOptions),
        MI_RESULT_INVALID_PARAMETER);
    assert_zeroed(&destinationOptions, sizeof(destinationOptions));
    memset(&operationOptions, 0xAB, sizeof(operationOptions));
    assert_int_equal(MI_Application_NewOperationOptions(&zeroed, MI_FALSE, &operationOptions),
        MI_RESULT_INVALID_PARAMETER);
    assert_zeroed(&operationOptions, sizeof(operationOptions));
    memset(&deliveryOptions, 0xAB, sizeof(deliveryOptions));
    assert_int_equal(MI_Application_NewSubscriptionDeliveryOptions(&zeroed,
        MI_SubscriptionDeliveryType_Push, &deliveryOptions), MI_RESULT_INVALID_PARAMETER);
    assert_zeroed(&deliveryOptions, sizeof(deliveryOptions));
    memset(&hosted, 0xAB, sizeof(hosted));
    extendedError = (MI_Instance*)&zeroed;
    assert_int_equal(MI_Application_NewHostedProvider(&zeroed, MI_T("root"), MI_T("p"),
        MI_Main, &extendedError, &hosted), MI_RESULT_INVALID_PARAMETER);
    assert_zeroed(&hosted, sizeof(hosted));
    assert_null(extendedError);
    memset(&serializer, 0xAB, sizeof(serializer));
    assert_int_equal(MI_Application_NewSerializer(&zeroed, 0, (MI_Char*)MI_T("MI_XML"),
        &serializer), MI_RESULT_INVALID_PARAMETER);
    assert_zeroed(&serializer, sizeof(serializer));
    memset(&deserializer, 0xAB, sizeof(deserializer));
    assert_int_equal(MI_Application_NewDeserializer(NULL, 0, (MI_Char*)MI_T("MI_XML"),
        &deserializer), MI_RESULT_INVALID_PARAMETER);
    assert_zeroed(&deserializer, sizeof(deserializer));

    assert_int_equal(MI_Application_Close(&zeroed), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Application_Close(NULL), MI_RESULT_INVALID_PARAMETER);
}

static void test_objects_on_invalid_handles(void** state)
{
    MI_Instance noTable;
    MI_Value value;
    MI_Type type = MI_STRING;
    MI_Uint32 count = 99;
    MI_Class classNoTable;
    MI_HostedProvider hosted = MI_HOSTEDPROVIDER_NULL;
    MI_Application application;
    MI_DestinationOptions destinationOptions = MI_DESTINATIONOPTIONS_NULL;
    MI_OperationOptions operationOptions = MI_OPERATIONOPTIONS_NULL;
    MI_SubscriptionDeliveryOptions deliveryOptions = MI_SUBSCRIPTIONDELIVERYOPTIONS_NULL;
    MI_DestinationOptions clone;
    MI_Interval interval;
    MI_Boolean flag = MI_TRUE;
    const MI_Char* text = MI_T("unchanged");

    (void)state;
    memset(&noTable, 0, sizeof(noTable));
    memset(&classNoTable, 0, sizeof(classNoTable));
    assert_int_equal(MI_Instance_GetElement(NULL, MI_T("Name"), &value, &type, NULL, NULL),
        MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Instance_GetElement(&noTable, MI_T("Name"), &value, &type, NULL,
        NULL), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Instance_AddElement(NULL, MI_T("Name"), NULL, MI_STRING, 0),
        MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Instance_GetElementCount(&noTable, &count),
        MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(count, 99);
    assert_int_equal(MI_Instance_Delete(NULL), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Instance_Normalize(NULL), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Class_GetElementCount(&classNoTable, &count),
        MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Class_Delete(NULL), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_QualifierSet_GetQualifierCount(NULL, &count),
        MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_ParameterSet_GetParameterCount(NULL, &count),
        MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_PropertySet_GetElementCount(NULL, &count),
        MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Filter_Evaluate(NULL, &noTable, &flag), MI_RESULT_INVALID_PARAMETER);

    assert_int_equal(MI_HostedProvider_Close(&hosted), MI_RESULT_INVALID_PARAMETER);
    memset(&application, 0xAB, sizeof(application));
    assert_int_equal(MI_HostedProvider_GetApplication(&hosted, &application),
        MI_RESULT_INVALID_PARAMETER);
    assert_zeroed(&application, sizeof(application));

    /* Option objects: Delete is silent, others report, getters leave outputs alone. */
    MI_DestinationOptions_Delete(&destinationOptions);
    MI_DestinationOptions_Delete(NULL);
    MI_OperationOptions_Delete(&operationOptions);
    MI_OperationOptions_Delete(NULL);
    assert_int_equal(MI_SubscriptionDeliveryOptions_Delete(&deliveryOptions),
        MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_DestinationOptions_SetTimeout(&destinationOptions, &interval),
        MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_DestinationOptions_GetCertCACheck(&destinationOptions, &flag),
        MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(flag, MI_TRUE);
    assert_int_equal(MI_DestinationOptions_GetTransport(NULL, &text),
        MI_RESULT_INVALID_PARAMETER);
    assert_string_equal(text, "unchanged");
    assert_int_equal(MI_OperationOptions_SetTimeout(&operationOptions, &interval),
        MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_OperationOptions_EnableChannel(NULL, 1), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_SubscriptionDeliveryOptions_SetBookmark(&deliveryOptions,
        MI_SUBSCRIBE_BOOKMARK_OLDEST), MI_RESULT_INVALID_PARAMETER);
    memset(&clone, 0xAB, sizeof(clone));
    assert_int_equal(MI_DestinationOptions_Clone(&destinationOptions, &clone),
        MI_RESULT_INVALID_PARAMETER);
    assert_zeroed(&clone, sizeof(clone));
}

static void test_context_on_invalid_context(void** state)
{
    MI_Context noTable;
    MI_Char locale[MI_MAX_LOCALE_SIZE];
    MI_Session session;
    MI_LifecycleIndicationContext* lifecycle = (MI_LifecycleIndicationContext*)&noTable;
    MI_Boolean flag = MI_FALSE;

    (void)state;
    memset(&noTable, 0, sizeof(noTable));
    assert_int_equal(MI_Context_PostResult(NULL, MI_RESULT_OK), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_PostResult(&noTable, MI_RESULT_OK), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Context_PostInstance(&noTable, NULL), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Context_Canceled(&noTable, &flag), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Context_WriteWarning(&noTable, MI_T("w")),
        MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Context_SetFilterOption(NULL, MI_TRUE), MI_RESULT_INVALID_PARAMETER);

    memset(locale, 'x', sizeof(locale));
    assert_int_equal(MI_Context_GetLocale(&noTable, MI_LOCALE_TYPE_CLOSEST_UI, locale),
        MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(locale[0], 0);

    memset(&session, 0xAB, sizeof(session));
    assert_int_equal(MI_Context_GetLocalSession(NULL, &session), MI_RESULT_INVALID_PARAMETER);
    assert_zeroed(&session, sizeof(session));

    assert_int_equal(MI_Context_GetLifecycleIndicationContext(&noTable, &lifecycle),
        MI_RESULT_INVALID_PARAMETER);
    assert_null(lifecycle);
    assert_int_equal(MI_LifecycleIndicationContext_PostCreate(NULL, NULL),
        MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_LifecycleIndicationContext_PostMethodCall_Before(NULL, NULL,
        MI_T("M"), NULL), MI_RESULT_INVALID_PARAMETER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_is_linked),
        cmocka_unit_test(test_module_entry),
        cmocka_unit_test(test_session_operations_on_invalid_session),
        cmocka_unit_test(test_session_operation_callback_kind),
        cmocka_unit_test(test_operation_getters_on_invalid_operation),
        cmocka_unit_test(test_session_close_on_invalid_session),
        cmocka_unit_test(test_application_on_invalid_application),
        cmocka_unit_test(test_objects_on_invalid_handles),
        cmocka_unit_test(test_context_on_invalid_context),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
