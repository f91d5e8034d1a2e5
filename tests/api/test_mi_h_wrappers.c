/*
 * test_mi_h_wrappers.c -- the inline wrappers of include/mi.h against fake
 * function tables: each wrapper must reach the right table slot with its
 * arguments, the typed option helpers must use the documented option names,
 * flags and conversions, and the Serializer/Deserializer/Utilities calls must
 * go through mi_clientFT.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <MI.h>

/* The fakes below take the table signatures and ignore most arguments. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

/* ------------------------------------------------------------------------
 * What the last fake call saw
 * ------------------------------------------------------------------------ */

typedef struct
{
    int calls;
    const char* slot;           /* "<Table>.<Member>" of the last call */
    const void* self;           /* its object argument */
    const MI_Char* name;        /* option name, namespace, method name ... */
    const MI_Char* text;        /* string value, class name ... */
    MI_Uint32 number;
    MI_Uint32 flags;
    MI_Boolean boolean;
    const void* ptr;
    const void* indexOut;       /* index pointer received by a getter */
    const void* flagsOut;       /* flags pointer received by a getter */
    const MI_Char* names[4];    /* option names of consecutive calls */
    MI_Uint32 numbers[4];       /* numbers of consecutive calls */
}
Record;

static Record rec;
static MI_Result fake_result;           /* what every fake returns */
static MI_Uint32 fake_number;           /* what number getters yield */
static const MI_Char* fake_text;        /* what string getters yield */
static MI_Interval fake_interval;
static MI_Datetime fake_datetime;

static void reset(void)
{
    memset(&rec, 0, sizeof(rec));
    fake_result = MI_RESULT_OK;
    fake_number = 0;
    fake_text = MI_T("from-fake");
    memset(&fake_interval, 0, sizeof(fake_interval));
    memset(&fake_datetime, 0, sizeof(fake_datetime));
}

static MI_Result hit(const char* slot, const void* self)
{
    rec.calls++;
    rec.slot = slot;
    rec.self = self;
    return fake_result;
}

static void note(const MI_Char* name, MI_Uint32 number)
{
    if (rec.calls < 4)
    {
        rec.names[rec.calls] = name;
        rec.numbers[rec.calls] = number;
    }
    rec.name = name;
    rec.number = number;
}

/* A fake getter scribbles its output on failure too: the typed helpers
 * must not pass that on. */
#define FAKE_OUT(out, good, junk) (*(out) = (fake_result == MI_RESULT_OK) ? (good) : (junk))

/* ------------------------------------------------------------------------
 * Fakes that record arguments (the others are generated below)
 * ------------------------------------------------------------------------ */

static MI_Result MI_CALL fake_Context_SetStringOption(MI_Context* context, const MI_Char* name,
    const MI_Char* value)
{
    rec.name = name;
    rec.text = value;
    return hit("Context.SetStringOption", context);
}

static MI_Result MI_CALL fake_Context_WriteMessage(MI_Context* context, MI_Uint32 channel,
    const MI_Char* message)
{
    rec.number = channel;
    rec.text = message;
    return hit("Context.WriteMessage", context);
}

static void MI_CALL fake_Session_EnumerateInstances(MI_Session* session, MI_Uint32 flags,
    MI_OperationOptions* options, const MI_Char* namespaceName, const MI_Char* className,
    MI_Boolean keysOnly, MI_OperationCallbacks* callbacks, MI_Operation* operation)
{
    rec.flags = flags;
    rec.name = namespaceName;
    rec.text = className;
    rec.boolean = keysOnly;
    rec.ptr = callbacks;
    rec.indexOut = operation;
    rec.flagsOut = options;
    hit("Session.EnumerateInstances", session);
}

static MI_Result MI_CALL fake_Lifecycle_PostMethodCall(MI_LifecycleIndicationContext* context,
    const MI_Instance* instance, const MI_Char* methodName, MI_Boolean precall,
    const MI_Instance* parameter, const MI_Char* returnvalue)
{
    rec.name = methodName;
    rec.boolean = precall;
    rec.ptr = parameter;
    rec.text = returnvalue;
    return hit("Lifecycle.PostMethodCall", context);
}

static MI_Result MI_CALL fake_Application_NewInstance(MI_Application* application,
    const MI_Char* className, const MI_ClassDecl* classRTTI, MI_Instance** instance)
{
    rec.text = className;
    rec.ptr = classRTTI;
    return hit("Application.NewInstance", application);
}

/* ------------------------------------------------------------------------
 * Slot-recording fakes for every other member (one per member; the tables
 * are filled by member name, so the wrappers are checked independently of
 * the member order, which test_mi_h_values checks)
 * ------------------------------------------------------------------------ */

static MI_Result MI_CALL fake_Instance_Clone(const MI_Instance* self, MI_Instance** newInstance)
{ return hit("Instance.Clone", self); }

static MI_Result MI_CALL fake_Instance_Destruct(MI_Instance* self)
{ return hit("Instance.Destruct", self); }

static MI_Result MI_CALL fake_Instance_Delete(MI_Instance* self)
{ return hit("Instance.Delete", self); }

static MI_Result MI_CALL fake_Instance_IsA(const MI_Instance* self,
    const MI_ClassDecl* classDecl, MI_Boolean* flag)
{ return hit("Instance.IsA", self); }

static MI_Result MI_CALL fake_Instance_GetClassName(const MI_Instance* self,
    const MI_Char** className)
{ return hit("Instance.GetClassName", self); }

static MI_Result MI_CALL fake_Instance_SetNameSpace(MI_Instance* self, const MI_Char* nameSpace)
{ return hit("Instance.SetNameSpace", self); }

static MI_Result MI_CALL fake_Instance_GetNameSpace(const MI_Instance* self,
    const MI_Char** nameSpace)
{ return hit("Instance.GetNameSpace", self); }

static MI_Result MI_CALL fake_Instance_GetElementCount(const MI_Instance* self,
    MI_Uint32* count)
{ return hit("Instance.GetElementCount", self); }

static MI_Result MI_CALL fake_Instance_AddElement(MI_Instance* self, const MI_Char* name,
    const MI_Value* value, MI_Type type, MI_Uint32 flags)
{ return hit("Instance.AddElement", self); }

static MI_Result MI_CALL fake_Instance_SetElement(MI_Instance* self, const MI_Char* name,
    const MI_Value* value, MI_Type type, MI_Uint32 flags)
{ return hit("Instance.SetElement", self); }

static MI_Result MI_CALL fake_Instance_SetElementAt(MI_Instance* self, MI_Uint32 index,
    const MI_Value* value, MI_Type type, MI_Uint32 flags)
{ return hit("Instance.SetElementAt", self); }

static MI_Result MI_CALL fake_Instance_GetElement(const MI_Instance* self, const MI_Char* name,
    MI_Value* value, MI_Type* type, MI_Uint32* flags, MI_Uint32* index)
{ return hit("Instance.GetElement", self); }

static MI_Result MI_CALL fake_Instance_GetElementAt(const MI_Instance* self, MI_Uint32 index,
    const MI_Char** name, MI_Value* value, MI_Type* type, MI_Uint32* flags)
{ return hit("Instance.GetElementAt", self); }

static MI_Result MI_CALL fake_Instance_ClearElement(MI_Instance* self, const MI_Char* name)
{ return hit("Instance.ClearElement", self); }

static MI_Result MI_CALL fake_Instance_ClearElementAt(MI_Instance* self, MI_Uint32 index)
{ return hit("Instance.ClearElementAt", self); }

static MI_Result MI_CALL fake_Instance_GetServerName(const MI_Instance* self,
    const MI_Char** name)
{ return hit("Instance.GetServerName", self); }

static MI_Result MI_CALL fake_Instance_SetServerName(MI_Instance* self, const MI_Char* name)
{ return hit("Instance.SetServerName", self); }

static MI_Result MI_CALL fake_Instance_GetClass(const MI_Instance* self,
    MI_Class** instanceClass)
{ return hit("Instance.GetClass", self); }

static MI_Result MI_CALL fake_Class_GetClassName(const MI_Class* self,
    const MI_Char** className)
{ return hit("Class.GetClassName", self); }

static MI_Result MI_CALL fake_Class_GetNameSpace(const MI_Class* self,
    const MI_Char** nameSpace)
{ return hit("Class.GetNameSpace", self); }

static MI_Result MI_CALL fake_Class_GetServerName(const MI_Class* self,
    const MI_Char** serverName)
{ return hit("Class.GetServerName", self); }

static MI_Result MI_CALL fake_Class_GetElementCount(const MI_Class* self, MI_Uint32* count)
{ return hit("Class.GetElementCount", self); }

static MI_Result MI_CALL fake_Class_GetElement(const MI_Class* self, const MI_Char* name,
    MI_Value* value, MI_Boolean* valueExists, MI_Type* type, MI_Char** referenceClass,
    MI_QualifierSet* qualifierSet, MI_Uint32* flags, MI_Uint32* index)
{ return hit("Class.GetElement", self); }

static MI_Result MI_CALL fake_Class_GetElementAt(const MI_Class* self, MI_Uint32 index,
    const MI_Char** name, MI_Value* value, MI_Boolean* valueExists, MI_Type* type,
    MI_Char** referenceClass, MI_QualifierSet* qualifierSet, MI_Uint32* flags)
{ return hit("Class.GetElementAt", self); }

static MI_Result MI_CALL fake_Class_GetClassQualifierSet(const MI_Class* self,
    MI_QualifierSet* qualifierSet)
{ return hit("Class.GetClassQualifierSet", self); }

static MI_Result MI_CALL fake_Class_GetMethodCount(const MI_Class* self, MI_Uint32* count)
{ return hit("Class.GetMethodCount", self); }

static MI_Result MI_CALL fake_Class_GetMethodAt(const MI_Class* self, MI_Uint32 index,
    const MI_Char** name, MI_QualifierSet* qualifierSet, MI_ParameterSet* parameterSet)
{ return hit("Class.GetMethodAt", self); }

static MI_Result MI_CALL fake_Class_GetMethod(const MI_Class* self, const MI_Char* name,
    MI_QualifierSet* qualifierSet, MI_ParameterSet* parameterSet, MI_Uint32* index)
{ return hit("Class.GetMethod", self); }

static MI_Result MI_CALL fake_Class_GetParentClassName(const MI_Class* self,
    const MI_Char** name)
{ return hit("Class.GetParentClassName", self); }

static MI_Result MI_CALL fake_Class_GetParentClass(const MI_Class* self, MI_Class** parentClass)
{ return hit("Class.GetParentClass", self); }

static MI_Result MI_CALL fake_Class_Delete(MI_Class* self)
{ return hit("Class.Delete", self); }

static MI_Result MI_CALL fake_Class_Clone(const MI_Class* self, MI_Class** newClass)
{ return hit("Class.Clone", self); }

static MI_Result MI_CALL fake_QualifierSet_GetQualifierCount(const MI_QualifierSet* self,
    MI_Uint32* count)
{ return hit("QualifierSet.GetQualifierCount", self); }

static MI_Result MI_CALL fake_QualifierSet_GetQualifierAt(const MI_QualifierSet* self,
    MI_Uint32 index, const MI_Char** name, MI_Type* qualifierType, MI_Uint32* qualifierFlags,
    MI_Value* qualifierValue)
{ return hit("QualifierSet.GetQualifierAt", self); }

static MI_Result MI_CALL fake_QualifierSet_GetQualifier(const MI_QualifierSet* self,
    const MI_Char* name, MI_Type* qualifierType, MI_Uint32* qualifierFlags,
    MI_Value* qualifierValue, MI_Uint32* index)
{ return hit("QualifierSet.GetQualifier", self); }

static MI_Result MI_CALL fake_ParameterSet_GetMethodReturnType(const MI_ParameterSet* self,
    MI_Type* returnType, MI_QualifierSet* qualifierSet)
{ return hit("ParameterSet.GetMethodReturnType", self); }

static MI_Result MI_CALL fake_ParameterSet_GetParameterCount(const MI_ParameterSet* self,
    MI_Uint32* count)
{ return hit("ParameterSet.GetParameterCount", self); }

static MI_Result MI_CALL fake_ParameterSet_GetParameterAt(const MI_ParameterSet* self,
    MI_Uint32 index, const MI_Char** name, MI_Type* parameterType, MI_Char** referenceClass,
    MI_QualifierSet* qualifierSet)
{ return hit("ParameterSet.GetParameterAt", self); }

static MI_Result MI_CALL fake_ParameterSet_GetParameter(const MI_ParameterSet* self,
    const MI_Char* name, MI_Type* parameterType, MI_Char** referenceClass,
    MI_QualifierSet* qualifierSet, MI_Uint32* index)
{ return hit("ParameterSet.GetParameter", self); }

static MI_Result MI_CALL fake_PropertySet_GetElementCount(const MI_PropertySet* self,
    MI_Uint32* count)
{ return hit("PropertySet.GetElementCount", self); }

static MI_Result MI_CALL fake_PropertySet_ContainsElement(const MI_PropertySet* self,
    const MI_Char* name, MI_Boolean* flag)
{ return hit("PropertySet.ContainsElement", self); }

static MI_Result MI_CALL fake_PropertySet_AddElement(MI_PropertySet* self, const MI_Char* name)
{ return hit("PropertySet.AddElement", self); }

static MI_Result MI_CALL fake_PropertySet_GetElementAt(const MI_PropertySet* self,
    MI_Uint32 index, const MI_Char** name)
{ return hit("PropertySet.GetElementAt", self); }

static MI_Result MI_CALL fake_PropertySet_Clear(MI_PropertySet* self)
{ return hit("PropertySet.Clear", self); }

static MI_Result MI_CALL fake_PropertySet_Destruct(MI_PropertySet* self)
{ return hit("PropertySet.Destruct", self); }

static MI_Result MI_CALL fake_PropertySet_Delete(MI_PropertySet* self)
{ return hit("PropertySet.Delete", self); }

static MI_Result MI_CALL fake_PropertySet_Clone(const MI_PropertySet* self,
    MI_PropertySet** newPropertySet)
{ return hit("PropertySet.Clone", self); }

static MI_Result MI_CALL fake_Filter_Evaluate(const MI_Filter* self, const MI_Instance* instance,
    MI_Boolean* result)
{ return hit("Filter.Evaluate", self); }

static MI_Result MI_CALL fake_Filter_GetExpression(const MI_Filter* self,
    const MI_Char** queryLang, const MI_Char** queryExpr)
{ return hit("Filter.GetExpression", self); }

static MI_Result MI_CALL fake_Context_PostResult(MI_Context* context, MI_Result result)
{ return hit("Context.PostResult", context); }

static MI_Result MI_CALL fake_Context_PostInstance(MI_Context* context,
    const MI_Instance* instance)
{ return hit("Context.PostInstance", context); }

static MI_Result MI_CALL fake_Context_PostIndication(MI_Context* context,
    const MI_Instance* indication, MI_Uint32 subscriptionIDCount, const MI_Char* bookmark)
{ return hit("Context.PostIndication", context); }

static MI_Result MI_CALL fake_Context_ConstructInstance(MI_Context* context,
    const MI_ClassDecl* classDecl, MI_Instance* instance)
{ return hit("Context.ConstructInstance", context); }

static MI_Result MI_CALL fake_Context_ConstructParameters(MI_Context* context,
    const MI_MethodDecl* methodDecl, MI_Instance* instance)
{ return hit("Context.ConstructParameters", context); }

static MI_Result MI_CALL fake_Context_NewInstance(MI_Context* context,
    const MI_ClassDecl* classDecl, MI_Instance** instance)
{ return hit("Context.NewInstance", context); }

static MI_Result MI_CALL fake_Context_NewDynamicInstance(MI_Context* context,
    const MI_Char* className, MI_Uint32 flags, MI_Instance** instance)
{ return hit("Context.NewDynamicInstance", context); }

static MI_Result MI_CALL fake_Context_NewParameters(MI_Context* context,
    const MI_MethodDecl* methodDecl, MI_Instance** instance)
{ return hit("Context.NewParameters", context); }

static MI_Result MI_CALL fake_Context_Canceled(const MI_Context* context, MI_Boolean* flag)
{ return hit("Context.Canceled", context); }

static MI_Result MI_CALL fake_Context_GetLocale(const MI_Context* context,
    MI_LocaleType localeType, MI_Char locale[MI_MAX_LOCALE_SIZE])
{ return hit("Context.GetLocale", context); }

static MI_Result MI_CALL fake_Context_RegisterCancel(MI_Context* context,
    MI_CancelCallback callback, void* callbackData)
{ return hit("Context.RegisterCancel", context); }

static MI_Result MI_CALL fake_Context_RequestUnload(MI_Context* context)
{ return hit("Context.RequestUnload", context); }

static MI_Result MI_CALL fake_Context_RefuseUnload(MI_Context* context)
{ return hit("Context.RefuseUnload", context); }

static MI_Result MI_CALL fake_Context_GetLocalSession(const MI_Context* context,
    MI_Session* session)
{ return hit("Context.GetLocalSession", context); }

static MI_Result MI_CALL fake_Context_GetStringOption(MI_Context* context, const MI_Char* name,
    const MI_Char** value)
{ return hit("Context.GetStringOption", context); }

static MI_Result MI_CALL fake_Context_GetNumberOption(MI_Context* context, const MI_Char* name,
    MI_Uint32* value)
{ return hit("Context.GetNumberOption", context); }

static MI_Result MI_CALL fake_Context_GetCustomOption(MI_Context* context, const MI_Char* name,
    MI_Type* valueType, MI_Value* value)
{ return hit("Context.GetCustomOption", context); }

static MI_Result MI_CALL fake_Context_GetCustomOptionCount(MI_Context* context,
    MI_Uint32* count)
{ return hit("Context.GetCustomOptionCount", context); }

static MI_Result MI_CALL fake_Context_GetCustomOptionAt(MI_Context* context, MI_Uint32 index,
    const MI_Char** name, MI_Type* valueType, MI_Value* value)
{ return hit("Context.GetCustomOptionAt", context); }

static MI_Result MI_CALL fake_Context_WriteProgress(MI_Context* context, const MI_Char* activity,
    const MI_Char* currentOperation, const MI_Char* statusDescription, MI_Uint32 percentComplete,
    MI_Uint32 secondsRemaining)
{ return hit("Context.WriteProgress", context); }

static MI_Result MI_CALL fake_Context_WriteStreamParameter(MI_Context* context,
    const MI_Char* name, const MI_Value* value, MI_Type type, MI_Uint32 flags)
{ return hit("Context.WriteStreamParameter", context); }

static MI_Result MI_CALL fake_Context_WriteCimError(MI_Context* context,
    const MI_Instance* error, MI_Boolean* flag)
{ return hit("Context.WriteCimError", context); }

static MI_Result MI_CALL fake_Context_PromptUser(MI_Context* context, const MI_Char* message,
    MI_PromptType promptType, MI_Boolean* result)
{ return hit("Context.PromptUser", context); }

static MI_Result MI_CALL fake_Context_ShouldProcess(MI_Context* context, const MI_Char* target,
    const MI_Char* action, MI_Boolean* result)
{ return hit("Context.ShouldProcess", context); }

static MI_Result MI_CALL fake_Context_ShouldContinue(MI_Context* context, const MI_Char* message,
    MI_Boolean* result)
{ return hit("Context.ShouldContinue", context); }

static MI_Result MI_CALL fake_Context_PostError(MI_Context* context, MI_Uint32 resultCode,
    const MI_Char* resultType, const MI_Char* errorMessage)
{ return hit("Context.PostError", context); }

static MI_Result MI_CALL fake_Context_PostCimError(MI_Context* context,
    const MI_Instance* error)
{ return hit("Context.PostCimError", context); }

static MI_Result MI_CALL fake_Context_WriteError(MI_Context* context, MI_Uint32 resultCode,
    const MI_Char* resultType, const MI_Char* errorMessage, MI_Boolean* flag)
{ return hit("Context.WriteError", context); }

static MI_Result MI_CALL fake_Context_GetLifecycleIndicationContext(const MI_Context* context,
    MI_LifecycleIndicationContext** lifecycleContext)
{ return hit("Context.GetLifecycleIndicationContext", context); }

static MI_Result MI_CALL fake_Lifecycle_PostCreate(MI_LifecycleIndicationContext* context,
    const MI_Instance* instance)
{ return hit("Lifecycle.PostCreate", context); }

static MI_Result MI_CALL fake_Lifecycle_PostModify(MI_LifecycleIndicationContext* context,
    const MI_Instance* originalInstance, const MI_Instance* instance)
{ return hit("Lifecycle.PostModify", context); }

static MI_Result MI_CALL fake_Lifecycle_PostDelete(MI_LifecycleIndicationContext* context,
    const MI_Instance* originalInstance)
{ return hit("Lifecycle.PostDelete", context); }

static MI_Result MI_CALL fake_Lifecycle_PostRead(MI_LifecycleIndicationContext* context,
    const MI_Instance* instance)
{ return hit("Lifecycle.PostRead", context); }

static MI_Result MI_CALL fake_Lifecycle_PostResult(MI_LifecycleIndicationContext* context,
    MI_Result result)
{ return hit("Lifecycle.PostResult", context); }

static MI_Result MI_CALL fake_Lifecycle_ConstructInstance(MI_LifecycleIndicationContext* context,
    const MI_ClassDecl* classDecl, MI_Instance* instance)
{ return hit("Lifecycle.ConstructInstance", context); }

static MI_Result MI_CALL fake_Lifecycle_ConstructParameters(MI_LifecycleIndicationContext* context,
    const MI_MethodDecl* methodDecl, MI_Instance* instance)
{ return hit("Lifecycle.ConstructParameters", context); }

static MI_Result MI_CALL fake_Lifecycle_NewInstance(MI_LifecycleIndicationContext* context,
    const MI_ClassDecl* classDecl, MI_Instance** instance)
{ return hit("Lifecycle.NewInstance", context); }

static MI_Result MI_CALL fake_Lifecycle_NewDynamicInstance(MI_LifecycleIndicationContext* context,
    const MI_Char* className, MI_Uint32 flags, MI_Instance** instance)
{ return hit("Lifecycle.NewDynamicInstance", context); }

static MI_Result MI_CALL fake_Lifecycle_NewParameters(MI_LifecycleIndicationContext* context,
    const MI_MethodDecl* methodDecl, MI_Instance** instance)
{ return hit("Lifecycle.NewParameters", context); }

static MI_Result MI_CALL fake_Lifecycle_SetSupportedTypes(MI_LifecycleIndicationContext* context,
    MI_Uint32 types)
{ return hit("Lifecycle.SetSupportedTypes", context); }

static MI_Result MI_CALL fake_Lifecycle_GetTypes(const MI_LifecycleIndicationContext* context,
    MI_Uint32* types)
{ return hit("Lifecycle.GetTypes", context); }

static MI_Result MI_CALL fake_Lifecycle_RegisterCallback(MI_LifecycleIndicationContext* context,
    MI_LifecycleIndicationCallback callback, void* callbackData)
{ return hit("Lifecycle.RegisterCallback", context); }

static MI_Result MI_CALL fake_Application_Close(MI_Application* application)
{ return hit("Application.Close", application); }

static MI_Result MI_CALL fake_Application_NewSession(MI_Application* application,
    const MI_Char* protocol, const MI_Char* destination, MI_DestinationOptions* options,
    MI_SessionCallbacks* callbacks, MI_Instance** extendedError, MI_Session* session)
{ return hit("Application.NewSession", application); }

static MI_Result MI_CALL fake_Application_NewHostedProvider(MI_Application* application,
    const MI_Char* namespaceName, const MI_Char* providerName, MI_MainFunction mi_Main,
    MI_Instance** extendedError, MI_HostedProvider* provider)
{ return hit("Application.NewHostedProvider", application); }

static MI_Result MI_CALL fake_Application_NewDestinationOptions(MI_Application* application,
    MI_DestinationOptions* options)
{ return hit("Application.NewDestinationOptions", application); }

static MI_Result MI_CALL fake_Application_NewOperationOptions(MI_Application* application,
    MI_Boolean customOptionsMustUnderstand, MI_OperationOptions* options)
{ return hit("Application.NewOperationOptions", application); }

static MI_Result MI_CALL fake_Application_NewSubscriptionDeliveryOptions(MI_Application* application,
    MI_SubscriptionDeliveryType deliveryType, MI_SubscriptionDeliveryOptions* deliveryOptions)
{ return hit("Application.NewSubscriptionDeliveryOptions", application); }

static MI_Result MI_CALL fake_Application_NewSerializer(MI_Application* application,
    MI_Uint32 flags, MI_Char* format, MI_Serializer* serializer)
{ return hit("Application.NewSerializer", application); }

static MI_Result MI_CALL fake_Application_NewDeserializer(MI_Application* application,
    MI_Uint32 flags, MI_Char* format, MI_Deserializer* deserializer)
{ return hit("Application.NewDeserializer", application); }

static MI_Result MI_CALL fake_Application_NewInstanceFromClass(MI_Application* application,
    const MI_Char* className, const MI_Class* classObject, MI_Instance** instance)
{ return hit("Application.NewInstanceFromClass", application); }

static MI_Result MI_CALL fake_Application_NewClass(MI_Application* application,
    const MI_ClassDecl* classDecl, const MI_Char* namespaceName, const MI_Char* serverName,
    MI_Class** classObject)
{ return hit("Application.NewClass", application); }

static MI_Result MI_CALL fake_Session_Close(MI_Session* session, void* completionContext,
    void (MI_CALL *completionCallback)(void* completionContext))
{ return hit("Session.Close", session); }

static MI_Result MI_CALL fake_Session_GetApplication(MI_Session* session,
    MI_Application* application)
{ return hit("Session.GetApplication", session); }

static void MI_CALL fake_Session_GetInstance(MI_Session* session, MI_Uint32 flags,
    MI_OperationOptions* options, const MI_Char* namespaceName,
    const MI_Instance* inboundInstance, MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{ hit("Session.GetInstance", session); }

static void MI_CALL fake_Session_ModifyInstance(MI_Session* session, MI_Uint32 flags,
    MI_OperationOptions* options, const MI_Char* namespaceName,
    const MI_Instance* inboundInstance, MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{ hit("Session.ModifyInstance", session); }

static void MI_CALL fake_Session_CreateInstance(MI_Session* session, MI_Uint32 flags,
    MI_OperationOptions* options, const MI_Char* namespaceName,
    const MI_Instance* inboundInstance, MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{ hit("Session.CreateInstance", session); }

static void MI_CALL fake_Session_DeleteInstance(MI_Session* session, MI_Uint32 flags,
    MI_OperationOptions* options, const MI_Char* namespaceName,
    const MI_Instance* inboundInstance, MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{ hit("Session.DeleteInstance", session); }

static void MI_CALL fake_Session_Invoke(MI_Session* session, MI_Uint32 flags,
    MI_OperationOptions* options, const MI_Char* namespaceName, const MI_Char* className,
    const MI_Char* methodName, const MI_Instance* inboundInstance,
    const MI_Instance* inboundProperties, MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{ hit("Session.Invoke", session); }

static void MI_CALL fake_Session_QueryInstances(MI_Session* session, MI_Uint32 flags,
    MI_OperationOptions* options, const MI_Char* namespaceName, const MI_Char* queryDialect,
    const MI_Char* queryExpression, MI_OperationCallbacks* callbacks, MI_Operation* operation)
{ hit("Session.QueryInstances", session); }

static void MI_CALL fake_Session_AssociatorInstances(MI_Session* session, MI_Uint32 flags,
    MI_OperationOptions* options, const MI_Char* namespaceName, const MI_Instance* instanceKeys,
    const MI_Char* assocClass, const MI_Char* resultClass, const MI_Char* role,
    const MI_Char* resultRole, MI_Boolean keysOnly, MI_OperationCallbacks* callbacks,
    MI_Operation* operation)
{ hit("Session.AssociatorInstances", session); }

static void MI_CALL fake_Session_ReferenceInstances(MI_Session* session, MI_Uint32 flags,
    MI_OperationOptions* options, const MI_Char* namespaceName, const MI_Instance* instanceKeys,
    const MI_Char* resultClass, const MI_Char* role, MI_Boolean keysOnly,
    MI_OperationCallbacks* callbacks, MI_Operation* operation)
{ hit("Session.ReferenceInstances", session); }

static void MI_CALL fake_Session_Subscribe(MI_Session* session, MI_Uint32 flags,
    MI_OperationOptions* options, const MI_Char* namespaceName, const MI_Char* queryDialect,
    const MI_Char* queryExpression, const MI_SubscriptionDeliveryOptions* deliverOptions,
    MI_OperationCallbacks* callbacks, MI_Operation* operation)
{ hit("Session.Subscribe", session); }

static void MI_CALL fake_Session_GetClass(MI_Session* session, MI_Uint32 flags,
    MI_OperationOptions* options, const MI_Char* namespaceName, const MI_Char* className,
    MI_OperationCallbacks* callbacks, MI_Operation* operation)
{ hit("Session.GetClass", session); }

static void MI_CALL fake_Session_EnumerateClasses(MI_Session* session, MI_Uint32 flags,
    MI_OperationOptions* options, const MI_Char* namespaceName, const MI_Char* className,
    MI_Boolean classNamesOnly, MI_OperationCallbacks* callbacks, MI_Operation* operation)
{ hit("Session.EnumerateClasses", session); }

static void MI_CALL fake_Session_TestConnection(MI_Session* session, MI_Uint32 flags,
    MI_OperationCallbacks* callbacks, MI_Operation* operation)
{ hit("Session.TestConnection", session); }

static MI_Result MI_CALL fake_Operation_Close(MI_Operation* operation)
{ return hit("Operation.Close", operation); }

static MI_Result MI_CALL fake_Operation_Cancel(MI_Operation* operation,
    MI_CancellationReason reason)
{ return hit("Operation.Cancel", operation); }

static MI_Result MI_CALL fake_Operation_GetSession(MI_Operation* operation, MI_Session* session)
{ return hit("Operation.GetSession", operation); }

static MI_Result MI_CALL fake_Operation_GetInstance(MI_Operation* operation,
    const MI_Instance** instance, MI_Boolean* moreResults, MI_Result* result,
    const MI_Char** errorMessage, const MI_Instance** completionDetails)
{ return hit("Operation.GetInstance", operation); }

static MI_Result MI_CALL fake_Operation_GetIndication(MI_Operation* operation,
    const MI_Instance** instance, const MI_Char** bookmark, const MI_Char** machineID,
    MI_Boolean* moreResults, MI_Result* result, const MI_Char** errorMessage,
    const MI_Instance** completionDetails)
{ return hit("Operation.GetIndication", operation); }

static MI_Result MI_CALL fake_Operation_GetClass(MI_Operation* operation,
    const MI_Class** classResult, MI_Boolean* moreResults, MI_Result* result,
    const MI_Char** errorMessage, const MI_Instance** completionDetails)
{ return hit("Operation.GetClass", operation); }

static MI_Result MI_CALL fake_HostedProvider_Close(MI_HostedProvider* hostedProvider)
{ return hit("HostedProvider.Close", hostedProvider); }

static MI_Result MI_CALL fake_HostedProvider_GetApplication(MI_HostedProvider* hostedProvider,
    MI_Application* application)
{ return hit("HostedProvider.GetApplication", hostedProvider); }

static MI_Result MI_CALL fake_Serializer_Close(MI_Serializer* serializer)
{ return hit("Serializer.Close", serializer); }

static MI_Result MI_CALL fake_Serializer_SerializeClass(MI_Serializer* serializer,
    MI_Uint32 flags, const MI_Class* classObject, MI_Uint8* clientBuffer,
    MI_Uint32 clientBufferLength, MI_Uint32* clientBufferNeeded)
{ return hit("Serializer.SerializeClass", serializer); }

static MI_Result MI_CALL fake_Serializer_SerializeInstance(MI_Serializer* serializer,
    MI_Uint32 flags, const MI_Instance* instanceObject, MI_Uint8* clientBuffer,
    MI_Uint32 clientBufferLength, MI_Uint32* clientBufferNeeded)
{ return hit("Serializer.SerializeInstance", serializer); }

static MI_Result MI_CALL fake_Deserializer_Close(MI_Deserializer* deserializer)
{ return hit("Deserializer.Close", deserializer); }

static MI_Result MI_CALL fake_Deserializer_DeserializeClass(MI_Deserializer* deserializer,
    MI_Uint32 flags, MI_Uint8* serializedBuffer, MI_Uint32 serializedBufferLength,
    MI_Class* parentClass, const MI_Char* serverName, const MI_Char* namespaceName,
    MI_Deserializer_ClassObjectNeeded classObjectNeeded, void* classObjectNeededContext,
    MI_Uint32* serializedBufferRead, MI_Class** classObject, MI_Instance** cimErrorDetails)
{ return hit("Deserializer.DeserializeClass", deserializer); }

static MI_Result MI_CALL fake_Deserializer_Class_GetClassName(MI_Deserializer* deserializer,
    MI_Uint8* serializedBuffer, MI_Uint32 serializedBufferLength, MI_Char* className,
    MI_Uint32* classNameLength, MI_Instance** cimErrorDetails)
{ return hit("Deserializer.Class_GetClassName", deserializer); }

static MI_Result MI_CALL fake_Deserializer_Class_GetParentClassName(MI_Deserializer* deserializer,
    MI_Uint8* serializedBuffer, MI_Uint32 serializedBufferLength, MI_Char* parentClassName,
    MI_Uint32* parentClassNameLength, MI_Instance** cimErrorDetails)
{ return hit("Deserializer.Class_GetParentClassName", deserializer); }

static MI_Result MI_CALL fake_Deserializer_DeserializeInstance(MI_Deserializer* deserializer,
    MI_Uint32 flags, MI_Uint8* serializedBuffer, MI_Uint32 serializedBufferLength,
    MI_Class** classObjects, MI_Uint32 numberClassObjects,
    MI_Deserializer_ClassObjectNeeded classObjectNeeded, void* classObjectNeededContext,
    MI_Uint32* serializedBufferRead, MI_Instance** instanceObject,
    MI_Instance** cimErrorDetails)
{ return hit("Deserializer.DeserializeInstance", deserializer); }

static MI_Result MI_CALL fake_Deserializer_Instance_GetClassName(MI_Deserializer* deserializer,
    MI_Uint8* serializedBuffer, MI_Uint32 serializedBufferLength, MI_Char* className,
    MI_Uint32* classNameLength, MI_Instance** cimErrorDetails)
{ return hit("Deserializer.Instance_GetClassName", deserializer); }

static MI_ErrorCategory MI_CALL fake_Utilities_MapErrorToMiErrorCategory(const MI_Char* errorType,
    MI_Uint32 error)
{ return (MI_ErrorCategory)hit("Utilities.MapErrorToMiErrorCategory", NULL); }

static MI_Result MI_CALL fake_Utilities_CimErrorFromErrorCode(MI_Uint32 error,
    const MI_Char* errorType, const MI_Char* errorMessage, MI_Instance** cimError)
{ return hit("Utilities.CimErrorFromErrorCode", NULL); }

static const MI_InstanceFT fake_InstanceFT = {
    .Clone = fake_Instance_Clone,
    .Destruct = fake_Instance_Destruct,
    .Delete = fake_Instance_Delete,
    .IsA = fake_Instance_IsA,
    .GetClassName = fake_Instance_GetClassName,
    .SetNameSpace = fake_Instance_SetNameSpace,
    .GetNameSpace = fake_Instance_GetNameSpace,
    .GetElementCount = fake_Instance_GetElementCount,
    .AddElement = fake_Instance_AddElement,
    .SetElement = fake_Instance_SetElement,
    .SetElementAt = fake_Instance_SetElementAt,
    .GetElement = fake_Instance_GetElement,
    .GetElementAt = fake_Instance_GetElementAt,
    .ClearElement = fake_Instance_ClearElement,
    .ClearElementAt = fake_Instance_ClearElementAt,
    .GetServerName = fake_Instance_GetServerName,
    .SetServerName = fake_Instance_SetServerName,
    .GetClass = fake_Instance_GetClass,
};

static const MI_ClassFT fake_ClassFT = {
    .GetClassName = fake_Class_GetClassName,
    .GetNameSpace = fake_Class_GetNameSpace,
    .GetServerName = fake_Class_GetServerName,
    .GetElementCount = fake_Class_GetElementCount,
    .GetElement = fake_Class_GetElement,
    .GetElementAt = fake_Class_GetElementAt,
    .GetClassQualifierSet = fake_Class_GetClassQualifierSet,
    .GetMethodCount = fake_Class_GetMethodCount,
    .GetMethodAt = fake_Class_GetMethodAt,
    .GetMethod = fake_Class_GetMethod,
    .GetParentClassName = fake_Class_GetParentClassName,
    .GetParentClass = fake_Class_GetParentClass,
    .Delete = fake_Class_Delete,
    .Clone = fake_Class_Clone,
};

static const MI_QualifierSetFT fake_QualifierSetFT = {
    .GetQualifierCount = fake_QualifierSet_GetQualifierCount,
    .GetQualifierAt = fake_QualifierSet_GetQualifierAt,
    .GetQualifier = fake_QualifierSet_GetQualifier,
};

static const MI_ParameterSetFT fake_ParameterSetFT = {
    .GetMethodReturnType = fake_ParameterSet_GetMethodReturnType,
    .GetParameterCount = fake_ParameterSet_GetParameterCount,
    .GetParameterAt = fake_ParameterSet_GetParameterAt,
    .GetParameter = fake_ParameterSet_GetParameter,
};

static const MI_PropertySetFT fake_PropertySetFT = {
    .GetElementCount = fake_PropertySet_GetElementCount,
    .ContainsElement = fake_PropertySet_ContainsElement,
    .AddElement = fake_PropertySet_AddElement,
    .GetElementAt = fake_PropertySet_GetElementAt,
    .Clear = fake_PropertySet_Clear,
    .Destruct = fake_PropertySet_Destruct,
    .Delete = fake_PropertySet_Delete,
    .Clone = fake_PropertySet_Clone,
};

static const MI_FilterFT fake_FilterFT = {
    .Evaluate = fake_Filter_Evaluate,
    .GetExpression = fake_Filter_GetExpression,
};

static const MI_ContextFT fake_ContextFT = {
    .PostResult = fake_Context_PostResult,
    .PostInstance = fake_Context_PostInstance,
    .PostIndication = fake_Context_PostIndication,
    .ConstructInstance = fake_Context_ConstructInstance,
    .ConstructParameters = fake_Context_ConstructParameters,
    .NewInstance = fake_Context_NewInstance,
    .NewDynamicInstance = fake_Context_NewDynamicInstance,
    .NewParameters = fake_Context_NewParameters,
    .Canceled = fake_Context_Canceled,
    .GetLocale = fake_Context_GetLocale,
    .RegisterCancel = fake_Context_RegisterCancel,
    .RequestUnload = fake_Context_RequestUnload,
    .RefuseUnload = fake_Context_RefuseUnload,
    .GetLocalSession = fake_Context_GetLocalSession,
    .SetStringOption = fake_Context_SetStringOption,
    .GetStringOption = fake_Context_GetStringOption,
    .GetNumberOption = fake_Context_GetNumberOption,
    .GetCustomOption = fake_Context_GetCustomOption,
    .GetCustomOptionCount = fake_Context_GetCustomOptionCount,
    .GetCustomOptionAt = fake_Context_GetCustomOptionAt,
    .WriteMessage = fake_Context_WriteMessage,
    .WriteProgress = fake_Context_WriteProgress,
    .WriteStreamParameter = fake_Context_WriteStreamParameter,
    .WriteCimError = fake_Context_WriteCimError,
    .PromptUser = fake_Context_PromptUser,
    .ShouldProcess = fake_Context_ShouldProcess,
    .ShouldContinue = fake_Context_ShouldContinue,
    .PostError = fake_Context_PostError,
    .PostCimError = fake_Context_PostCimError,
    .WriteError = fake_Context_WriteError,
    .GetLifecycleIndicationContext = fake_Context_GetLifecycleIndicationContext,
};

static const MI_LifecycleIndicationContextFT fake_LifecycleFT = {
    .PostCreate = fake_Lifecycle_PostCreate,
    .PostModify = fake_Lifecycle_PostModify,
    .PostDelete = fake_Lifecycle_PostDelete,
    .PostRead = fake_Lifecycle_PostRead,
    .PostMethodCall = fake_Lifecycle_PostMethodCall,
    .PostResult = fake_Lifecycle_PostResult,
    .ConstructInstance = fake_Lifecycle_ConstructInstance,
    .ConstructParameters = fake_Lifecycle_ConstructParameters,
    .NewInstance = fake_Lifecycle_NewInstance,
    .NewDynamicInstance = fake_Lifecycle_NewDynamicInstance,
    .NewParameters = fake_Lifecycle_NewParameters,
    .SetSupportedTypes = fake_Lifecycle_SetSupportedTypes,
    .GetTypes = fake_Lifecycle_GetTypes,
    .RegisterCallback = fake_Lifecycle_RegisterCallback,
};

static const MI_ApplicationFT fake_ApplicationFT = {
    .Close = fake_Application_Close,
    .NewSession = fake_Application_NewSession,
    .NewHostedProvider = fake_Application_NewHostedProvider,
    .NewInstance = fake_Application_NewInstance,
    .NewDestinationOptions = fake_Application_NewDestinationOptions,
    .NewOperationOptions = fake_Application_NewOperationOptions,
    .NewSubscriptionDeliveryOptions = fake_Application_NewSubscriptionDeliveryOptions,
    .NewSerializer = fake_Application_NewSerializer,
    .NewDeserializer = fake_Application_NewDeserializer,
    .NewInstanceFromClass = fake_Application_NewInstanceFromClass,
    .NewClass = fake_Application_NewClass,
};

static const MI_SessionFT fake_SessionFT = {
    .Close = fake_Session_Close,
    .GetApplication = fake_Session_GetApplication,
    .GetInstance = fake_Session_GetInstance,
    .ModifyInstance = fake_Session_ModifyInstance,
    .CreateInstance = fake_Session_CreateInstance,
    .DeleteInstance = fake_Session_DeleteInstance,
    .Invoke = fake_Session_Invoke,
    .EnumerateInstances = fake_Session_EnumerateInstances,
    .QueryInstances = fake_Session_QueryInstances,
    .AssociatorInstances = fake_Session_AssociatorInstances,
    .ReferenceInstances = fake_Session_ReferenceInstances,
    .Subscribe = fake_Session_Subscribe,
    .GetClass = fake_Session_GetClass,
    .EnumerateClasses = fake_Session_EnumerateClasses,
    .TestConnection = fake_Session_TestConnection,
};

static const MI_OperationFT fake_OperationFT = {
    .Close = fake_Operation_Close,
    .Cancel = fake_Operation_Cancel,
    .GetSession = fake_Operation_GetSession,
    .GetInstance = fake_Operation_GetInstance,
    .GetIndication = fake_Operation_GetIndication,
    .GetClass = fake_Operation_GetClass,
};

static const MI_HostedProviderFT fake_HostedProviderFT = {
    .Close = fake_HostedProvider_Close,
    .GetApplication = fake_HostedProvider_GetApplication,
};

static const MI_SerializerFT fake_SerializerFT = {
    .Close = fake_Serializer_Close,
    .SerializeClass = fake_Serializer_SerializeClass,
    .SerializeInstance = fake_Serializer_SerializeInstance,
};

static const MI_DeserializerFT fake_DeserializerFT = {
    .Close = fake_Deserializer_Close,
    .DeserializeClass = fake_Deserializer_DeserializeClass,
    .Class_GetClassName = fake_Deserializer_Class_GetClassName,
    .Class_GetParentClassName = fake_Deserializer_Class_GetParentClassName,
    .DeserializeInstance = fake_Deserializer_DeserializeInstance,
    .Instance_GetClassName = fake_Deserializer_Instance_GetClassName,
};

static const MI_UtilitiesFT fake_UtilitiesFT = {
    .MapErrorToMiErrorCategory = fake_Utilities_MapErrorToMiErrorCategory,
    .CimErrorFromErrorCode = fake_Utilities_CimErrorFromErrorCode,
};

/* ------------------------------------------------------------------------
 * Option-table fakes (record option names, values and flags)
 * ------------------------------------------------------------------------ */

#define COMMON_OPTION_FAKES(P, H) \
    static MI_Result MI_CALL P##_SetString(H* o, const MI_Char* n, const MI_Char* v, \
        MI_Uint32 f) \
    { note(n, 0); rec.text = v; rec.flags = f; return hit(#P ".SetString", o); } \
    static MI_Result MI_CALL P##_SetNumber(H* o, const MI_Char* n, MI_Uint32 v, MI_Uint32 f) \
    { note(n, v); rec.flags = f; return hit(#P ".SetNumber", o); } \
    static MI_Result MI_CALL P##_SetInterval(H* o, const MI_Char* n, const MI_Interval* v, \
        MI_Uint32 f) \
    { note(n, 0); rec.ptr = v; rec.flags = f; return hit(#P ".SetInterval", o); } \
    static MI_Result MI_CALL P##_GetString(const H* o, const MI_Char* n, const MI_Char** v, \
        MI_Uint32* i, MI_Uint32* f) \
    { \
        note(n, 0); rec.indexOut = i; rec.flagsOut = f; \
        FAKE_OUT(v, fake_text, MI_T("junk")); \
        return hit(#P ".GetString", o); \
    } \
    static MI_Result MI_CALL P##_GetNumber(const H* o, const MI_Char* n, MI_Uint32* v, \
        MI_Uint32* i, MI_Uint32* f) \
    { \
        note(n, 0); rec.indexOut = i; rec.flagsOut = f; \
        FAKE_OUT(v, fake_number, 0xDEADu); \
        return hit(#P ".GetNumber", o); \
    } \
    static MI_Result MI_CALL P##_GetInterval(const H* o, const MI_Char* n, MI_Interval* v, \
        MI_Uint32* i, MI_Uint32* f) \
    { \
        note(n, 0); rec.indexOut = i; rec.flagsOut = f; \
        if (fake_result == MI_RESULT_OK) *v = fake_interval; else memset(v, 0xEE, sizeof(*v)); \
        return hit(#P ".GetInterval", o); \
    } \
    static MI_Result MI_CALL P##_GetOptionCount(const H* o, MI_Uint32* count) \
    { rec.ptr = count; return hit(#P ".GetOptionCount", o); } \
    static MI_Result MI_CALL P##_GetOptionAt(const H* o, MI_Uint32 index, \
        const MI_Char** optionName, MI_Value* value, MI_Type* type, MI_Uint32* flags) \
    { rec.number = index; rec.flagsOut = flags; return hit(#P ".GetOptionAt", o); } \
    static MI_Result MI_CALL P##_GetOption(const H* o, const MI_Char* n, MI_Value* value, \
        MI_Type* type, MI_Uint32* index, MI_Uint32* flags) \
    { note(n, 0); rec.indexOut = index; rec.flagsOut = flags; return hit(#P ".GetOption", o); } \
    static MI_Result MI_CALL P##_Clone(const H* o, H* copy) \
    { rec.ptr = copy; return hit(#P ".Clone", o); }

#define CREDENTIAL_FAKES(P, H) \
    static MI_Result MI_CALL P##_AddCredentials(H* o, const MI_Char* n, \
        const MI_UserCredentials* c, MI_Uint32 f) \
    { note(n, 0); rec.ptr = c; rec.flags = f; return hit(#P ".AddCredentials", o); } \
    static MI_Result MI_CALL P##_GetCredentialsCount(const H* o, MI_Uint32* count) \
    { rec.ptr = count; return hit(#P ".GetCredentialsCount", o); } \
    static MI_Result MI_CALL P##_GetCredentialsAt(const H* o, MI_Uint32 index, \
        const MI_Char** optionName, MI_UserCredentials* credentials, MI_Uint32* flags) \
    { rec.number = index; rec.ptr = credentials; return hit(#P ".GetCredentialsAt", o); } \
    static MI_Result MI_CALL P##_GetCredentialsPasswordAt(const H* o, MI_Uint32 index, \
        const MI_Char** optionName, MI_Char* password, MI_Uint32 bufferLength, \
        MI_Uint32* passwordLength, MI_Uint32* flags) \
    { \
        rec.number = bufferLength; rec.ptr = password; rec.indexOut = passwordLength; \
        return hit(#P ".GetCredentialsPasswordAt", o); \
    }

COMMON_OPTION_FAKES(Dest, MI_DestinationOptions)
CREDENTIAL_FAKES(Dest, MI_DestinationOptions)
COMMON_OPTION_FAKES(Oper, MI_OperationOptions)
COMMON_OPTION_FAKES(Sub, MI_SubscriptionDeliveryOptions)
CREDENTIAL_FAKES(Sub, MI_SubscriptionDeliveryOptions)

static void MI_CALL Dest_Delete(MI_DestinationOptions* o)
{
    hit("Dest.Delete", o);
}

static void MI_CALL Oper_Delete(MI_OperationOptions* o)
{
    hit("Oper.Delete", o);
}

static MI_Result MI_CALL Oper_SetCustomOption(MI_OperationOptions* o, const MI_Char* n,
    MI_Type valueType, const MI_Value* value, MI_Boolean mustComply, MI_Uint32 f)
{
    note(n, (MI_Uint32)valueType);
    rec.ptr = value;
    rec.boolean = mustComply;
    rec.flags = f;
    return hit("Oper.SetCustomOption", o);
}

static MI_Result MI_CALL Oper_GetEnabledChannels(const MI_OperationOptions* o,
    const MI_Char* n, MI_Uint32* channels, MI_Uint32 bufferLength, MI_Uint32* channelCount,
    MI_Uint32* flags)
{
    note(n, bufferLength);
    rec.ptr = channels;
    rec.indexOut = channelCount;
    rec.flagsOut = flags;
    return hit("Oper.GetEnabledChannels", o);
}

static MI_Result MI_CALL Sub_Delete(MI_SubscriptionDeliveryOptions* o)
{
    return hit("Sub.Delete", o);
}

static MI_Result MI_CALL Sub_SetDateTime(MI_SubscriptionDeliveryOptions* o, const MI_Char* n,
    const MI_Datetime* v, MI_Uint32 f)
{
    note(n, 0);
    rec.ptr = v;
    rec.flags = f;
    return hit("Sub.SetDateTime", o);
}

static MI_Result MI_CALL Sub_GetDateTime(const MI_SubscriptionDeliveryOptions* o,
    const MI_Char* n, MI_Datetime* v, MI_Uint32* i, MI_Uint32* f)
{
    note(n, 0);
    rec.indexOut = i;
    rec.flagsOut = f;
    if (fake_result == MI_RESULT_OK)
        *v = fake_datetime;
    else
        memset(v, 0xEE, sizeof(*v));
    return hit("Sub.GetDateTime", o);
}

static const MI_DestinationOptionsFT fake_DestFT = {
    Dest_Delete, Dest_SetString, Dest_SetNumber, Dest_AddCredentials, Dest_GetString,
    Dest_GetNumber, Dest_GetOptionCount, Dest_GetOptionAt, Dest_GetOption,
    Dest_GetCredentialsCount, Dest_GetCredentialsAt, Dest_GetCredentialsPasswordAt,
    Dest_Clone, Dest_SetInterval, Dest_GetInterval
};

static const MI_OperationOptionsFT fake_OperFT = {
    Oper_Delete, Oper_SetString, Oper_SetNumber, Oper_SetCustomOption, Oper_GetString,
    Oper_GetNumber, Oper_GetOptionCount, Oper_GetOptionAt, Oper_GetOption,
    Oper_GetEnabledChannels, Oper_Clone, Oper_SetInterval, Oper_GetInterval
};

static const MI_SubscriptionDeliveryOptionsFT fake_SubFT = {
    Sub_SetString, Sub_SetNumber, Sub_SetDateTime, Sub_SetInterval, Sub_AddCredentials,
    Sub_Delete, Sub_GetString, Sub_GetNumber, Sub_GetDateTime, Sub_GetInterval,
    Sub_GetOptionCount, Sub_GetOptionAt, Sub_GetOption, Sub_GetCredentialsCount,
    Sub_GetCredentialsAt, Sub_GetCredentialsPasswordAt, Sub_Clone
};

/* ------------------------------------------------------------------------
 * Checks
 * ------------------------------------------------------------------------ */

/* `call` must reach exactly slot `slot_` with object `self_`. */
#define EXPECT_SLOT(call, slot_, self_) \
    do { \
        reset(); \
        fake_result = MI_RESULT_NOT_FOUND; \
        assert_int_equal((call), MI_RESULT_NOT_FOUND); \
        assert_int_equal(rec.calls, 1); \
        assert_string_equal(rec.slot, (slot_)); \
        assert_ptr_equal(rec.self, (self_)); \
    } while (0)

/* Same for wrappers returning void. */
#define EXPECT_VOID_SLOT(call, slot_, self_) \
    do { \
        reset(); \
        call; \
        assert_int_equal(rec.calls, 1); \
        assert_string_equal(rec.slot, (slot_)); \
        assert_ptr_equal(rec.self, (self_)); \
    } while (0)

static void test_instance_wrappers(void** state)
{
    MI_Instance inst;
    MI_Instance* newInstance = NULL;
    MI_Instance* pinst = &inst;
    MI_Class* cls = NULL;
    MI_Boolean flag = MI_FALSE;
    const MI_Char* text = NULL;
    MI_Uint32 count = 0;
    MI_Value value;
    MI_Type type = MI_BOOLEAN;
    MI_Uint32 flags = 0;
    MI_Uint32 index = 0;

    (void)state;
    memset(&inst, 0, sizeof(inst));
    inst.ft = &fake_InstanceFT;
    memset(&value, 0, sizeof(value));

    EXPECT_SLOT(MI_Instance_Clone(&inst, &newInstance), "Instance.Clone", &inst);
    EXPECT_SLOT(MI_Instance_Destruct(&inst), "Instance.Destruct", &inst);
    EXPECT_SLOT(MI_Instance_Delete(&inst), "Instance.Delete", &inst);
    EXPECT_SLOT(MI_Instance_IsA(&inst, NULL, &flag), "Instance.IsA", &inst);
    EXPECT_SLOT(MI_Instance_GetClassName(&inst, &text), "Instance.GetClassName", &inst);
    EXPECT_SLOT(MI_Instance_SetNameSpace(&inst, MI_T("a")), "Instance.SetNameSpace", &inst);
    EXPECT_SLOT(MI_Instance_GetNameSpace(&inst, &text), "Instance.GetNameSpace", &inst);
    EXPECT_SLOT(MI_Instance_GetElementCount(&inst, &count), "Instance.GetElementCount",
        &inst);
    EXPECT_SLOT(MI_Instance_AddElement(&inst, MI_T("P"), &value, MI_UINT32, 0),
        "Instance.AddElement", &inst);
    EXPECT_SLOT(MI_Instance_SetElement(&inst, MI_T("P"), &value, MI_UINT32, 0),
        "Instance.SetElement", &inst);
    EXPECT_SLOT(MI_Instance_SetElementAt(&inst, 0, &value, MI_UINT32, 0),
        "Instance.SetElementAt", &inst);
    EXPECT_SLOT(MI_Instance_GetElement(&inst, MI_T("P"), &value, &type, &flags, &index),
        "Instance.GetElement", &inst);
    EXPECT_SLOT(MI_Instance_GetElementAt(&inst, 0, &text, &value, &type, &flags),
        "Instance.GetElementAt", &inst);
    EXPECT_SLOT(MI_Instance_ClearElement(&inst, MI_T("P")), "Instance.ClearElement", &inst);
    EXPECT_SLOT(MI_Instance_ClearElementAt(&inst, 0), "Instance.ClearElementAt", &inst);
    EXPECT_SLOT(MI_Instance_GetServerName(&inst, &text), "Instance.GetServerName", &inst);
    EXPECT_SLOT(MI_Instance_SetServerName(&inst, MI_T("h")), "Instance.SetServerName", &inst);
    EXPECT_SLOT(MI_Instance_GetClass(&inst, &cls), "Instance.GetClass", &inst);

    /* Normalize needs a class declaration; plain classes need no work. */
    reset();
    assert_int_equal(MI_Instance_Normalize(&pinst), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(rec.calls, 0);
}

static MI_Result MI_CALL fake_InstanceEx_Normalize(MI_Instance** self)
{
    return hit("InstanceEx.Normalize", self);
}

static void test_instance_normalize(void** state)
{
    MI_InstanceExFT exFT;
    MI_ClassDecl plainDecl;
    MI_ClassDecl extendedDecl;
    MI_Instance inst;
    MI_Instance* pinst = &inst;

    (void)state;
    exFT.parent = fake_InstanceFT;
    exFT.Normalize = fake_InstanceEx_Normalize;
    memset(&plainDecl, 0, sizeof(plainDecl));
    plainDecl.flags = MI_FLAG_CLASS;
    extendedDecl = plainDecl;
    extendedDecl.flags |= MI_FLAG_EXTENDED;
    memset(&inst, 0, sizeof(inst));
    inst.ft = &exFT.parent;

    inst.classDecl = &plainDecl;
    reset();
    assert_int_equal(MI_Instance_Normalize(&pinst), MI_RESULT_OK);
    assert_int_equal(rec.calls, 0);

    inst.classDecl = &extendedDecl;
    EXPECT_SLOT(MI_Instance_Normalize(&pinst), "InstanceEx.Normalize", &pinst);
}

static void test_class_wrappers(void** state)
{
    MI_Class cls;
    MI_QualifierSet qualifiers;
    MI_ParameterSet parameters;
    MI_Class* other = NULL;
    const MI_Char* text = NULL;
    MI_Char* referenceClass = NULL;
    MI_Uint32 count = 0;
    MI_Value value;
    MI_Boolean exists = MI_FALSE;
    MI_Type type = MI_BOOLEAN;
    MI_Uint32 flags = 0;
    MI_Uint32 index = 0;

    (void)state;
    memset(&cls, 0, sizeof(cls));
    cls.ft = &fake_ClassFT;
    memset(&qualifiers, 0, sizeof(qualifiers));
    qualifiers.ft = &fake_QualifierSetFT;
    memset(&parameters, 0, sizeof(parameters));
    parameters.ft = &fake_ParameterSetFT;

    EXPECT_SLOT(MI_Class_GetClassName(&cls, &text), "Class.GetClassName", &cls);
    EXPECT_SLOT(MI_Class_GetNameSpace(&cls, &text), "Class.GetNameSpace", &cls);
    EXPECT_SLOT(MI_Class_GetServerName(&cls, &text), "Class.GetServerName", &cls);
    EXPECT_SLOT(MI_Class_GetElementCount(&cls, &count), "Class.GetElementCount", &cls);
    EXPECT_SLOT(MI_Class_GetElement(&cls, MI_T("P"), &value, &exists, &type,
        &referenceClass, &qualifiers, &flags, &index), "Class.GetElement", &cls);
    EXPECT_SLOT(MI_Class_GetElementAt(&cls, 0, &text, &value, &exists, &type,
        &referenceClass, &qualifiers, &flags), "Class.GetElementAt", &cls);
    EXPECT_SLOT(MI_Class_GetClassQualifierSet(&cls, &qualifiers),
        "Class.GetClassQualifierSet", &cls);
    EXPECT_SLOT(MI_Class_GetMethodCount(&cls, &count), "Class.GetMethodCount", &cls);
    EXPECT_SLOT(MI_Class_GetMethodAt(&cls, 0, &text, &qualifiers, &parameters),
        "Class.GetMethodAt", &cls);
    EXPECT_SLOT(MI_Class_GetMethod(&cls, MI_T("M"), &qualifiers, &parameters, &index),
        "Class.GetMethod", &cls);
    EXPECT_SLOT(MI_Class_GetParentClassName(&cls, &text), "Class.GetParentClassName", &cls);
    EXPECT_SLOT(MI_Class_GetParentClass(&cls, &other), "Class.GetParentClass", &cls);
    EXPECT_SLOT(MI_Class_Delete(&cls), "Class.Delete", &cls);
    EXPECT_SLOT(MI_Class_Clone(&cls, &other), "Class.Clone", &cls);

    EXPECT_SLOT(MI_QualifierSet_GetQualifierCount(&qualifiers, &count),
        "QualifierSet.GetQualifierCount", &qualifiers);
    EXPECT_SLOT(MI_QualifierSet_GetQualifierAt(&qualifiers, 0, &text, &type, &flags, &value),
        "QualifierSet.GetQualifierAt", &qualifiers);
    EXPECT_SLOT(MI_QualifierSet_GetQualifier(&qualifiers, MI_T("Key"), &type, &flags,
        &value, &index), "QualifierSet.GetQualifier", &qualifiers);

    EXPECT_SLOT(MI_ParameterSet_GetMethodReturnType(&parameters, &type, &qualifiers),
        "ParameterSet.GetMethodReturnType", &parameters);
    EXPECT_SLOT(MI_ParameterSet_GetParameterCount(&parameters, &count),
        "ParameterSet.GetParameterCount", &parameters);
    EXPECT_SLOT(MI_ParameterSet_GetParameterAt(&parameters, 0, &text, &type,
        &referenceClass, &qualifiers), "ParameterSet.GetParameterAt", &parameters);
    EXPECT_SLOT(MI_ParameterSet_GetParameter(&parameters, MI_T("X"), &type, &referenceClass,
        &qualifiers, &index), "ParameterSet.GetParameter", &parameters);
}

static void test_property_set_and_filter_wrappers(void** state)
{
    MI_PropertySet set;
    MI_PropertySet* copy = NULL;
    MI_Filter filter;
    MI_Instance inst;
    MI_Uint32 count = 0;
    MI_Boolean flag = MI_FALSE;
    const MI_Char* text = NULL;
    const MI_Char* text2 = NULL;

    (void)state;
    memset(&set, 0, sizeof(set));
    set.ft = &fake_PropertySetFT;
    memset(&filter, 0, sizeof(filter));
    filter.ft = &fake_FilterFT;
    memset(&inst, 0, sizeof(inst));

    EXPECT_SLOT(MI_PropertySet_GetElementCount(&set, &count), "PropertySet.GetElementCount",
        &set);
    EXPECT_SLOT(MI_PropertySet_ContainsElement(&set, MI_T("P"), &flag),
        "PropertySet.ContainsElement", &set);
    EXPECT_SLOT(MI_PropertySet_AddElement(&set, MI_T("P")), "PropertySet.AddElement", &set);
    EXPECT_SLOT(MI_PropertySet_GetElementAt(&set, 0, &text), "PropertySet.GetElementAt",
        &set);
    EXPECT_SLOT(MI_PropertySet_GetElement(&set, 0, &text), "PropertySet.GetElementAt", &set);
    EXPECT_SLOT(MI_PropertySet_Clear(&set), "PropertySet.Clear", &set);
    EXPECT_SLOT(MI_PropertySet_Destruct(&set), "PropertySet.Destruct", &set);
    EXPECT_SLOT(MI_PropertySet_Delete(&set), "PropertySet.Delete", &set);
    EXPECT_SLOT(MI_PropertySet_Clone(&set, &copy), "PropertySet.Clone", &set);

    EXPECT_SLOT(MI_Filter_Evaluate(&filter, &inst, &flag), "Filter.Evaluate", &filter);
    EXPECT_SLOT(MI_Filter_GetExpression(&filter, &text, &text2), "Filter.GetExpression",
        &filter);
}

static void test_context_wrappers(void** state)
{
    MI_Context ctx;
    MI_Instance inst;
    MI_Instance* pinst = NULL;
    MI_ClassDecl classDecl;
    MI_MethodDecl methodDecl;
    MI_Boolean flag = MI_FALSE;
    MI_Char locale[MI_MAX_LOCALE_SIZE];
    MI_Session session;
    const MI_Char* text = NULL;
    MI_Uint32 number = 0;
    MI_Type type = MI_BOOLEAN;
    MI_Value value;
    MI_LifecycleIndicationContext* lifecycle = NULL;

    (void)state;
    memset(&ctx, 0, sizeof(ctx));
    ctx.ft = &fake_ContextFT;
    memset(&inst, 0, sizeof(inst));
    memset(&classDecl, 0, sizeof(classDecl));
    memset(&methodDecl, 0, sizeof(methodDecl));
    memset(&value, 0, sizeof(value));

    EXPECT_SLOT(MI_Context_PostResult(&ctx, MI_RESULT_OK), "Context.PostResult", &ctx);
    EXPECT_SLOT(MI_Context_PostInstance(&ctx, &inst), "Context.PostInstance", &ctx);
    EXPECT_SLOT(MI_Context_PostIndication(&ctx, &inst, 0, NULL), "Context.PostIndication",
        &ctx);
    EXPECT_SLOT(MI_Context_ConstructInstance(&ctx, &classDecl, &inst),
        "Context.ConstructInstance", &ctx);
    EXPECT_SLOT(MI_Context_ConstructParameters(&ctx, &methodDecl, &inst),
        "Context.ConstructParameters", &ctx);
    EXPECT_SLOT(MI_Context_NewInstance(&ctx, &classDecl, &pinst), "Context.NewInstance", &ctx);
    EXPECT_SLOT(MI_Context_NewDynamicInstance(&ctx, MI_T("C"), MI_FLAG_CLASS, &pinst),
        "Context.NewDynamicInstance", &ctx);
    EXPECT_SLOT(MI_Context_NewParameters(&ctx, &methodDecl, &pinst), "Context.NewParameters",
        &ctx);
    EXPECT_SLOT(MI_Context_Canceled(&ctx, &flag), "Context.Canceled", &ctx);
    memset(locale, 'x', sizeof(locale));
    EXPECT_SLOT(MI_Context_GetLocale(&ctx, MI_LOCALE_TYPE_REQUESTED_DATA, locale),
        "Context.GetLocale", &ctx);
    assert_int_equal(locale[0], 0);
    EXPECT_SLOT(MI_Context_RegisterCancel(&ctx, NULL, NULL), "Context.RegisterCancel", &ctx);
    EXPECT_SLOT(MI_Context_RequestUnload(&ctx), "Context.RequestUnload", &ctx);
    EXPECT_SLOT(MI_Context_RefuseUnload(&ctx), "Context.RefuseUnload", &ctx);
    EXPECT_SLOT(MI_Context_GetLocalSession(&ctx, &session), "Context.GetLocalSession", &ctx);
    EXPECT_SLOT(MI_Context_SetStringOption(&ctx, MI_T("n"), MI_T("v")),
        "Context.SetStringOption", &ctx);
    EXPECT_SLOT(MI_Context_GetStringOption(&ctx, MI_T("n"), &text), "Context.GetStringOption",
        &ctx);
    EXPECT_SLOT(MI_Context_GetNumberOption(&ctx, MI_T("n"), &number),
        "Context.GetNumberOption", &ctx);
    EXPECT_SLOT(MI_Context_GetCustomOption(&ctx, MI_T("n"), &type, &value),
        "Context.GetCustomOption", &ctx);
    EXPECT_SLOT(MI_Context_GetCustomOptionCount(&ctx, &number),
        "Context.GetCustomOptionCount", &ctx);
    EXPECT_SLOT(MI_Context_GetCustomOptionAt(&ctx, 0, &text, &type, &value),
        "Context.GetCustomOptionAt", &ctx);
    EXPECT_SLOT(MI_Context_WriteMessage(&ctx, 9, MI_T("m")), "Context.WriteMessage", &ctx);
    assert_int_equal(rec.number, 9);
    EXPECT_SLOT(MI_Context_WriteProgress(&ctx, MI_T("a"), MI_T("b"), MI_T("c"), 1, 2),
        "Context.WriteProgress", &ctx);
    EXPECT_SLOT(MI_Context_WriteStreamParameter(&ctx, MI_T("p"), &value, MI_UINT32A, 0),
        "Context.WriteStreamParameter", &ctx);
    EXPECT_SLOT(MI_Context_WriteCimError(&ctx, &inst, &flag), "Context.WriteCimError", &ctx);
    EXPECT_SLOT(MI_Context_PromptUser(&ctx, MI_T("q"), MI_PROMPTTYPE_NORMAL, &flag),
        "Context.PromptUser", &ctx);
    EXPECT_SLOT(MI_Context_ShouldProcess(&ctx, MI_T("t"), MI_T("a"), &flag),
        "Context.ShouldProcess", &ctx);
    EXPECT_SLOT(MI_Context_ShouldContinue(&ctx, MI_T("m"), &flag), "Context.ShouldContinue",
        &ctx);
    EXPECT_SLOT(MI_Context_PostError(&ctx, 5, MI_RESULT_TYPE_MI, MI_T("m")),
        "Context.PostError", &ctx);
    EXPECT_SLOT(MI_Context_PostCimError(&ctx, &inst), "Context.PostCimError", &ctx);
    EXPECT_SLOT(MI_Context_WriteError(&ctx, 5, MI_RESULT_TYPE_WIN32, MI_T("m"), &flag),
        "Context.WriteError", &ctx);
    EXPECT_SLOT(MI_Context_GetLifecycleIndicationContext(&ctx, &lifecycle),
        "Context.GetLifecycleIndicationContext", &ctx);

    /* Channel helpers. */
    EXPECT_SLOT(MI_Context_WriteWarning(&ctx, MI_T("w")), "Context.WriteMessage", &ctx);
    assert_int_equal(rec.number, MI_WRITEMESSAGE_CHANNEL_WARNING);
    assert_string_equal(rec.text, "w");
    EXPECT_SLOT(MI_Context_WriteVerbose(&ctx, MI_T("v")), "Context.WriteMessage", &ctx);
    assert_int_equal(rec.number, MI_WRITEMESSAGE_CHANNEL_VERBOSE);
    EXPECT_SLOT(MI_Context_WriteDebug(&ctx, MI_T("d")), "Context.WriteMessage", &ctx);
    assert_int_equal(rec.number, MI_WRITEMESSAGE_CHANNEL_DEBUG);

    /* Filter option. */
    EXPECT_SLOT(MI_Context_SetFilterOption(&ctx, MI_TRUE), "Context.SetStringOption", &ctx);
    assert_string_equal(rec.name, "__FilterByProvider");
    assert_string_equal(rec.text, "TRUE");
    EXPECT_SLOT(MI_Context_SetFilterOption(&ctx, MI_FALSE), "Context.SetStringOption", &ctx);
    assert_string_equal(rec.text, "FALSE");

    /* Older names used by generated code. */
    EXPECT_SLOT(MI_PostResult(&ctx, MI_RESULT_OK), "Context.PostResult", &ctx);
    EXPECT_SLOT(MI_PostInstance(&ctx, &inst), "Context.PostInstance", &ctx);
    EXPECT_SLOT(MI_PostCimError(&ctx, &inst), "Context.PostCimError", &ctx);
    EXPECT_SLOT(MI_PostError(&ctx, 1, MI_RESULT_TYPE_MI, MI_T("m")), "Context.PostError",
        &ctx);
    EXPECT_SLOT(MI_PostIndication(&ctx, &inst, 0, NULL), "Context.PostIndication", &ctx);
    EXPECT_SLOT(MI_ConstructInstance(&ctx, &classDecl, &inst), "Context.ConstructInstance",
        &ctx);
    EXPECT_SLOT(MI_ConstructParameters(&ctx, &methodDecl, &inst),
        "Context.ConstructParameters", &ctx);
    EXPECT_SLOT(MI_NewInstance(&ctx, &classDecl, &pinst), "Context.NewInstance", &ctx);
    EXPECT_SLOT(MI_NewDynamicInstance(&ctx, MI_T("C"), 0, &pinst),
        "Context.NewDynamicInstance", &ctx);
    EXPECT_SLOT(MI_NewParameters(&ctx, &methodDecl, &pinst), "Context.NewParameters", &ctx);
    EXPECT_SLOT(MI_Canceled(&ctx, &flag), "Context.Canceled", &ctx);
    EXPECT_SLOT(MI_GetLocale(&ctx, MI_LOCALE_TYPE_CLOSEST_DATA, locale), "Context.GetLocale",
        &ctx);
    EXPECT_SLOT(MI_RegisterCancel(&ctx, NULL, NULL), "Context.RegisterCancel", &ctx);
    EXPECT_SLOT(MI_RequestUnload(&ctx), "Context.RequestUnload", &ctx);
    EXPECT_SLOT(MI_RefuseUnload(&ctx), "Context.RefuseUnload", &ctx);
    EXPECT_SLOT(MI_GetLocalSession(&ctx, &session), "Context.GetLocalSession", &ctx);
    EXPECT_SLOT(MI_SetStringOption(&ctx, MI_T("n"), MI_T("v")), "Context.SetStringOption",
        &ctx);
    EXPECT_SLOT(MI_GetStringOption(&ctx, MI_T("n"), &text), "Context.GetStringOption", &ctx);
    EXPECT_SLOT(MI_GetNumberOption(&ctx, MI_T("n"), &number), "Context.GetNumberOption",
        &ctx);
    EXPECT_SLOT(MI_GetCustomOption(&ctx, MI_T("n"), &type, &value), "Context.GetCustomOption",
        &ctx);
    EXPECT_SLOT(MI_GetCustomOptionCount(&ctx, &number), "Context.GetCustomOptionCount", &ctx);
    EXPECT_SLOT(MI_GetCustomOptionAt(&ctx, 0, &text, &type, &value),
        "Context.GetCustomOptionAt", &ctx);
    EXPECT_SLOT(MI_ShouldProcess(&ctx, MI_T("t"), MI_T("a"), &flag), "Context.ShouldProcess",
        &ctx);
    EXPECT_SLOT(MI_ShouldContinue(&ctx, MI_T("m"), &flag), "Context.ShouldContinue", &ctx);
    EXPECT_SLOT(MI_PromptUser(&ctx, MI_T("q"), MI_PROMPTTYPE_CRITICAL, &flag),
        "Context.PromptUser", &ctx);
    EXPECT_SLOT(MI_WriteError(&ctx, 1, MI_RESULT_TYPE_MI, MI_T("m"), &flag),
        "Context.WriteError", &ctx);
    EXPECT_SLOT(MI_WriteCimError(&ctx, &inst, &flag), "Context.WriteCimError", &ctx);
    EXPECT_SLOT(MI_WriteMessage(&ctx, 0, MI_T("m")), "Context.WriteMessage", &ctx);
    EXPECT_SLOT(MI_WriteProgress(&ctx, MI_T("a"), MI_T("b"), MI_T("c"), 1, 2),
        "Context.WriteProgress", &ctx);
    EXPECT_SLOT(MI_WriteStreamParameter(&ctx, MI_T("p"), &value, MI_UINT32A, 0),
        "Context.WriteStreamParameter", &ctx);
    EXPECT_SLOT(MI_WriteWarning(&ctx, MI_T("w")), "Context.WriteMessage", &ctx);
    EXPECT_SLOT(MI_WriteVerbose(&ctx, MI_T("v")), "Context.WriteMessage", &ctx);
    EXPECT_SLOT(MI_WriteDebug(&ctx, MI_T("d")), "Context.WriteMessage", &ctx);
}

static void test_lifecycle_wrappers(void** state)
{
    MI_LifecycleIndicationContext ctx;
    MI_Instance inst;
    MI_Instance params;
    MI_Instance* pinst = NULL;
    MI_ClassDecl classDecl;
    MI_MethodDecl methodDecl;
    MI_Uint32 types = 0;

    (void)state;
    memset(&ctx, 0, sizeof(ctx));
    ctx.ft = &fake_LifecycleFT;
    memset(&inst, 0, sizeof(inst));
    memset(&params, 0, sizeof(params));
    memset(&classDecl, 0, sizeof(classDecl));
    memset(&methodDecl, 0, sizeof(methodDecl));

    EXPECT_SLOT(MI_LifecycleIndicationContext_PostCreate(&ctx, &inst), "Lifecycle.PostCreate",
        &ctx);
    EXPECT_SLOT(MI_LifecycleIndicationContext_PostModify(&ctx, &inst, &inst),
        "Lifecycle.PostModify", &ctx);
    EXPECT_SLOT(MI_LifecycleIndicationContext_PostDelete(&ctx, &inst), "Lifecycle.PostDelete",
        &ctx);
    EXPECT_SLOT(MI_LifecycleIndicationContext_PostRead(&ctx, &inst), "Lifecycle.PostRead",
        &ctx);
    EXPECT_SLOT(MI_LifecycleIndicationContext_PostMethodCall(&ctx, &inst, MI_T("M"), MI_TRUE,
        &params, NULL), "Lifecycle.PostMethodCall", &ctx);
    EXPECT_SLOT(MI_LifecycleIndicationContext_PostResult(&ctx, MI_RESULT_OK),
        "Lifecycle.PostResult", &ctx);
    EXPECT_SLOT(MI_LifecycleIndicationContext_ConstructInstance(&ctx, &classDecl, &inst),
        "Lifecycle.ConstructInstance", &ctx);
    EXPECT_SLOT(MI_LifecycleIndicationContext_ConstructParameters(&ctx, &methodDecl, &inst),
        "Lifecycle.ConstructParameters", &ctx);
    EXPECT_SLOT(MI_LifecycleIndicationContext_NewInstance(&ctx, &classDecl, &pinst),
        "Lifecycle.NewInstance", &ctx);
    EXPECT_SLOT(MI_LifecycleIndicationContext_NewDynamicInstance(&ctx, MI_T("C"), 0, &pinst),
        "Lifecycle.NewDynamicInstance", &ctx);
    EXPECT_SLOT(MI_LifecycleIndicationContext_NewParameters(&ctx, &methodDecl, &pinst),
        "Lifecycle.NewParameters", &ctx);
    EXPECT_SLOT(MI_LifecycleIndicationContext_SetSupportedTypes(&ctx,
        MI_LIFECYCLE_INDICATION_CREATE), "Lifecycle.SetSupportedTypes", &ctx);
    EXPECT_SLOT(MI_LifecycleIndicationContext_GetTypes(&ctx, &types), "Lifecycle.GetTypes",
        &ctx);
    EXPECT_SLOT(MI_LifecycleIndicationContext_RegisterCallback(&ctx, NULL, NULL),
        "Lifecycle.RegisterCallback", &ctx);

    EXPECT_SLOT(MI_LifecycleIndicationContext_PostMethodCall_Before(&ctx, &inst, MI_T("M"),
        &params), "Lifecycle.PostMethodCall", &ctx);
    assert_int_equal(rec.boolean, MI_TRUE);
    assert_string_equal(rec.name, "M");
    assert_ptr_equal(rec.ptr, &params);
    assert_null(rec.text);
    EXPECT_SLOT(MI_LifecycleIndicationContext_PostMethodCall_After(&ctx, &inst, MI_T("M"),
        &params, MI_T("0")), "Lifecycle.PostMethodCall", &ctx);
    assert_int_equal(rec.boolean, MI_FALSE);
    assert_string_equal(rec.text, "0");
}

static void test_application_wrappers(void** state)
{
    MI_Application app;
    MI_Session session;
    MI_HostedProvider hosted;
    MI_DestinationOptions dopts;
    MI_OperationOptions oopts;
    MI_SubscriptionDeliveryOptions sopts;
    MI_Serializer serializer;
    MI_Deserializer deserializer;
    MI_Instance* inst = NULL;
    MI_Instance* extendedError = NULL;
    MI_Class* cls = NULL;
    MI_ClassDecl classDecl;

    (void)state;
    memset(&app, 0, sizeof(app));
    app.ft = &fake_ApplicationFT;
    memset(&classDecl, 0, sizeof(classDecl));

    EXPECT_SLOT(MI_Application_Close(&app), "Application.Close", &app);
    EXPECT_SLOT(MI_Application_NewSession(&app, NULL, NULL, NULL, NULL, &extendedError,
        &session), "Application.NewSession", &app);
    EXPECT_SLOT(MI_Application_NewHostedProvider(&app, MI_T("root"), MI_T("p"), NULL,
        &extendedError, &hosted), "Application.NewHostedProvider", &app);
    EXPECT_SLOT(MI_Application_NewInstance(&app, MI_T("C"), &classDecl, &inst),
        "Application.NewInstance", &app);
    assert_string_equal(rec.text, "C");
    assert_ptr_equal(rec.ptr, &classDecl);
    EXPECT_SLOT(MI_Application_NewParameterSet(&app, &classDecl, &inst),
        "Application.NewInstance", &app);
    assert_string_equal(rec.text, "Parameters");
    assert_ptr_equal(rec.ptr, &classDecl);
    EXPECT_SLOT(MI_Application_NewDestinationOptions(&app, &dopts),
        "Application.NewDestinationOptions", &app);
    EXPECT_SLOT(MI_Application_NewOperationOptions(&app, MI_TRUE, &oopts),
        "Application.NewOperationOptions", &app);
    EXPECT_SLOT(MI_Application_NewSubscriptionDeliveryOptions(&app,
        MI_SubscriptionDeliveryType_Pull, &sopts), "Application.NewSubscriptionDeliveryOptions",
        &app);
    EXPECT_SLOT(MI_Application_NewSerializer(&app, 0, (MI_Char*)MI_T("MI_XML"), &serializer),
        "Application.NewSerializer", &app);
    EXPECT_SLOT(MI_Application_NewDeserializer(&app, 0, (MI_Char*)MI_T("MI_XML"),
        &deserializer), "Application.NewDeserializer", &app);
    EXPECT_SLOT(MI_Application_NewInstanceFromClass(&app, MI_T("C"), NULL, &inst),
        "Application.NewInstanceFromClass", &app);
    EXPECT_SLOT(MI_Application_NewClass(&app, &classDecl, NULL, NULL, &cls),
        "Application.NewClass", &app);
}

static int callbacks_fired;

static void MI_CALL count_instance(MI_Operation* operation, void* callbackContext,
    const MI_Instance* instance, MI_Boolean moreResults, MI_Result resultCode,
    const MI_Char* errorString, const MI_Instance* errorDetails,
    MI_Result (MI_CALL *resultAcknowledgement)(MI_Operation* operation))
{
    callbacks_fired++;
}

static void MI_CALL count_class(MI_Operation* operation, void* callbackContext,
    const MI_Class* classResult, MI_Boolean moreResults, MI_Result resultCode,
    const MI_Char* errorString, const MI_Instance* errorDetails,
    MI_Result (MI_CALL *resultAcknowledgement)(MI_Operation* operation))
{
    callbacks_fired++;
}

static void MI_CALL count_indication(MI_Operation* operation, void* callbackContext,
    const MI_Instance* instance, const MI_Char* bookmark, const MI_Char* machineID,
    MI_Boolean moreResults, MI_Result resultCode, const MI_Char* errorString,
    const MI_Instance* errorDetails,
    MI_Result (MI_CALL *resultAcknowledgement)(MI_Operation* operation))
{
    callbacks_fired++;
}

static void MI_CALL count_close(void* completionContext)
{
    callbacks_fired++;
}

/* With a valid session the wrappers only forward: the library, not the
 * wrapper, reports results. */
static void test_session_wrappers(void** state)
{
    MI_Session session;
    MI_Operation operation;
    MI_OperationOptions options;
    MI_OperationCallbacks callbacks = MI_OPERATIONCALLBACKS_NULL;
    MI_Application app;
    MI_Instance inst;

    (void)state;
    memset(&session, 0, sizeof(session));
    session.ft = &fake_SessionFT;
    memset(&options, 0, sizeof(options));
    memset(&inst, 0, sizeof(inst));
    callbacks.instanceResult = count_instance;
    callbacks.classResult = count_class;
    callbacks.indicationResult = count_indication;
    callbacks_fired = 0;

    EXPECT_SLOT(MI_Session_Close(&session, NULL, count_close), "Session.Close", &session);
    EXPECT_SLOT(MI_Session_GetApplication(&session, &app), "Session.GetApplication",
        &session);
    EXPECT_VOID_SLOT(MI_Session_GetInstance(&session, 0, NULL, NULL, &inst, &callbacks,
        &operation), "Session.GetInstance", &session);
    EXPECT_VOID_SLOT(MI_Session_ModifyInstance(&session, 0, NULL, NULL, &inst, &callbacks,
        &operation), "Session.ModifyInstance", &session);
    EXPECT_VOID_SLOT(MI_Session_CreateInstance(&session, 0, NULL, NULL, &inst, &callbacks,
        &operation), "Session.CreateInstance", &session);
    EXPECT_VOID_SLOT(MI_Session_DeleteInstance(&session, 0, NULL, NULL, &inst, &callbacks,
        &operation), "Session.DeleteInstance", &session);
    EXPECT_VOID_SLOT(MI_Session_Invoke(&session, 0, NULL, NULL, MI_T("C"), MI_T("M"), NULL,
        NULL, &callbacks, &operation), "Session.Invoke", &session);
    EXPECT_VOID_SLOT(MI_Session_EnumerateInstances(&session,
        MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW, &options, MI_T("root/cimv2"), MI_T("C"),
        MI_TRUE, &callbacks, &operation), "Session.EnumerateInstances", &session);
    assert_int_equal(rec.flags, MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW);
    assert_ptr_equal(rec.flagsOut, &options);
    assert_string_equal(rec.name, "root/cimv2");
    assert_string_equal(rec.text, "C");
    assert_int_equal(rec.boolean, MI_TRUE);
    assert_ptr_equal(rec.ptr, &callbacks);
    assert_ptr_equal(rec.indexOut, &operation);
    EXPECT_VOID_SLOT(MI_Session_QueryInstances(&session, 0, NULL, NULL, MI_QUERY_DIALECT_WQL,
        MI_T("q"), &callbacks, &operation), "Session.QueryInstances", &session);
    EXPECT_VOID_SLOT(MI_Session_AssociatorInstances(&session, 0, NULL, NULL, &inst, NULL,
        NULL, NULL, NULL, MI_FALSE, &callbacks, &operation), "Session.AssociatorInstances",
        &session);
    EXPECT_VOID_SLOT(MI_Session_ReferenceInstances(&session, 0, NULL, NULL, &inst, NULL, NULL,
        MI_FALSE, &callbacks, &operation), "Session.ReferenceInstances", &session);
    EXPECT_VOID_SLOT(MI_Session_Subscribe(&session, 0, NULL, NULL, MI_QUERY_DIALECT_WQL,
        MI_T("q"), NULL, &callbacks, &operation), "Session.Subscribe", &session);
    EXPECT_VOID_SLOT(MI_Session_GetClass(&session, 0, NULL, NULL, MI_T("C"), &callbacks,
        &operation), "Session.GetClass", &session);
    EXPECT_VOID_SLOT(MI_Session_EnumerateClasses(&session, 0, NULL, NULL, NULL, MI_FALSE,
        &callbacks, &operation), "Session.EnumerateClasses", &session);
    EXPECT_VOID_SLOT(MI_Session_TestConnection(&session, 0, &callbacks, &operation),
        "Session.TestConnection", &session);
    assert_int_equal(callbacks_fired, 0);
}

static void test_operation_and_hosted_wrappers(void** state)
{
    MI_Operation operation;
    MI_HostedProvider hosted;
    MI_Session session;
    MI_Application app;
    const MI_Instance* inst = NULL;
    const MI_Class* cls = NULL;
    const MI_Char* text = NULL;
    MI_Boolean more = MI_FALSE;
    MI_Result result = MI_RESULT_OK;

    (void)state;
    memset(&operation, 0, sizeof(operation));
    operation.ft = &fake_OperationFT;
    memset(&hosted, 0, sizeof(hosted));
    hosted.ft = &fake_HostedProviderFT;

    EXPECT_SLOT(MI_Operation_Close(&operation), "Operation.Close", &operation);
    EXPECT_SLOT(MI_Operation_Cancel(&operation, MI_REASON_TIMEOUT), "Operation.Cancel",
        &operation);
    EXPECT_SLOT(MI_Operation_GetSession(&operation, &session), "Operation.GetSession",
        &operation);
    EXPECT_SLOT(MI_Operation_GetInstance(&operation, &inst, &more, &result, &text, &inst),
        "Operation.GetInstance", &operation);
    EXPECT_SLOT(MI_Operation_GetIndication(&operation, &inst, &text, &text, &more, &result,
        &text, &inst), "Operation.GetIndication", &operation);
    EXPECT_SLOT(MI_Operation_GetClass(&operation, &cls, &more, &result, &text, &inst),
        "Operation.GetClass", &operation);

    EXPECT_SLOT(MI_HostedProvider_Close(&hosted), "HostedProvider.Close", &hosted);
    EXPECT_SLOT(MI_HostedProvider_GetApplication(&hosted, &app),
        "HostedProvider.GetApplication", &hosted);
}

static void test_serializer_wrappers_use_client_table(void** state)
{
    MI_ClientFT_V1 client;
    const MI_ClientFT_V1* saved = mi_clientFT_V1;
    MI_Serializer serializer;
    MI_Deserializer deserializer;
    MI_Uint8 buffer[8];
    MI_Uint32 length = 0;
    MI_Char name[8];
    MI_Instance* inst = NULL;
    MI_Class* cls = NULL;

    (void)state;
    memset(&client, 0, sizeof(client));
    client.serializerFT = &fake_SerializerFT;
    client.deserializerFT = &fake_DeserializerFT;
    client.utilitiesFT = &fake_UtilitiesFT;
    mi_clientFT_V1 = &client;
    assert_ptr_equal(mi_clientFT, &client);

    EXPECT_SLOT(MI_Serializer_Close(&serializer), "Serializer.Close", &serializer);
    EXPECT_SLOT(MI_Serializer_SerializeClass(&serializer, MI_SERIALIZER_FLAGS_CLASS_DEEP,
        NULL, buffer, sizeof(buffer), &length), "Serializer.SerializeClass", &serializer);
    EXPECT_SLOT(MI_Serializer_SerializeInstance(&serializer, 0, NULL, NULL, 0, &length),
        "Serializer.SerializeInstance", &serializer);
    EXPECT_SLOT(MI_Deserializer_Close(&deserializer), "Deserializer.Close", &deserializer);
    EXPECT_SLOT(MI_Deserializer_DeserializeClass(&deserializer, 0, buffer, sizeof(buffer),
        NULL, NULL, NULL, NULL, NULL, &length, &cls, &inst), "Deserializer.DeserializeClass",
        &deserializer);
    EXPECT_SLOT(MI_Deserializer_Class_GetClassName(&deserializer, buffer, sizeof(buffer),
        name, &length, &inst), "Deserializer.Class_GetClassName", &deserializer);
    EXPECT_SLOT(MI_Deserializer_Class_GetParentClassName(&deserializer, buffer,
        sizeof(buffer), name, &length, &inst), "Deserializer.Class_GetParentClassName",
        &deserializer);
    EXPECT_SLOT(MI_Deserializer_DeserializeInstance(&deserializer, 0, buffer, sizeof(buffer),
        NULL, 0, NULL, NULL, &length, &inst, &inst), "Deserializer.DeserializeInstance",
        &deserializer);
    EXPECT_SLOT(MI_Deserializer_Instance_GetClassName(&deserializer, buffer, sizeof(buffer),
        name, &length, &inst), "Deserializer.Instance_GetClassName", &deserializer);
    EXPECT_SLOT(MI_Utilities_CimErrorFromErrorCode(2, MI_RESULT_TYPE_ERRNO, MI_T("m"), &inst),
        "Utilities.CimErrorFromErrorCode", NULL);
    reset();
    fake_result = (MI_Result)MI_ERRORCATEGORY_RESOURCE_BUSY;
    assert_int_equal(MI_Utilities_MapErrorToMiErrorCategory(MI_RESULT_TYPE_ERRNO, 16),
        MI_ERRORCATEGORY_RESOURCE_BUSY);
    assert_string_equal(rec.slot, "Utilities.MapErrorToMiErrorCategory");

    mi_clientFT_V1 = saved;
}

/* A typed setter must make exactly one call to `slot_` with option `name_`
 * and flags 0. */
#define EXPECT_SET(call, slot_, name_) \
    do { \
        reset(); \
        assert_int_equal((call), MI_RESULT_OK); \
        assert_int_equal(rec.calls, 1); \
        assert_string_equal(rec.slot, (slot_)); \
        assert_string_equal(rec.name, (name_)); \
        assert_int_equal(rec.flags, 0); \
    } while (0)

/* A typed getter must make one call to `slot_` for `name_` without asking
 * for index or flags. Prepare fake_* outputs before, check outputs after. */
#define EXPECT_GET(call, slot_, name_) \
    do { \
        assert_int_equal((call), MI_RESULT_OK); \
        assert_int_equal(rec.calls, 1); \
        assert_string_equal(rec.slot, (slot_)); \
        assert_string_equal(rec.name, (name_)); \
        assert_null(rec.indexOut); \
        assert_null(rec.flagsOut); \
    } while (0)

/* A failing getter returns the failure and leaves the output alone. */
#define EXPECT_GET_FAILS(call) \
    do { \
        reset(); \
        fake_result = MI_RESULT_NOT_FOUND; \
        assert_int_equal((call), MI_RESULT_NOT_FOUND); \
        assert_int_equal(rec.calls, 1); \
    } while (0)

#define D(n) "__MI_DESTINATIONOPTIONS_" n

/* Boolean destination option: setter stores a number, getter converts. */
#define CHECK_DEST_BOOL(Name, option) \
    do { \
        MI_Boolean b_ = MI_FALSE; \
        EXPECT_SET(MI_DestinationOptions_Set##Name(&opts, MI_TRUE), "Dest.SetNumber", \
            D(option)); \
        assert_int_equal(rec.number, 1); \
        reset(); \
        fake_number = 1; \
        EXPECT_GET(MI_DestinationOptions_Get##Name(&opts, &b_), "Dest.GetNumber", D(option)); \
        assert_int_equal(b_, MI_TRUE); \
        EXPECT_GET_FAILS(MI_DestinationOptions_Get##Name(&opts, &b_)); \
        assert_int_equal(b_, MI_TRUE); \
        assert_int_equal(MI_DestinationOptions_Get##Name(&opts, NULL), \
            MI_RESULT_INVALID_PARAMETER); \
    } while (0)

#define CHECK_DEST_NUMBER(Name, option) \
    do { \
        MI_Uint32 n_ = 0; \
        EXPECT_SET(MI_DestinationOptions_Set##Name(&opts, 4242), "Dest.SetNumber", \
            D(option)); \
        assert_int_equal(rec.number, 4242); \
        reset(); \
        fake_number = 77; \
        EXPECT_GET(MI_DestinationOptions_Get##Name(&opts, &n_), "Dest.GetNumber", D(option)); \
        assert_int_equal(n_, 77); \
        EXPECT_GET_FAILS(MI_DestinationOptions_Get##Name(&opts, &n_)); \
        assert_int_equal(n_, 77); \
    } while (0)

#define CHECK_DEST_STRING(Name, option) \
    do { \
        const MI_Char* s_ = NULL; \
        EXPECT_SET(MI_DestinationOptions_Set##Name(&opts, MI_T("value")), "Dest.SetString", \
            D(option)); \
        assert_string_equal(rec.text, "value"); \
        reset(); \
        EXPECT_GET(MI_DestinationOptions_Get##Name(&opts, &s_), "Dest.GetString", D(option)); \
        assert_string_equal(s_, "from-fake"); \
        EXPECT_GET_FAILS(MI_DestinationOptions_Get##Name(&opts, &s_)); \
        assert_string_equal(s_, "from-fake"); \
    } while (0)

static void test_destination_options(void** state)
{
    MI_DestinationOptions opts;
    MI_DestinationOptions copy;
    MI_UserCredentials credentials;
    MI_Interval interval;
    MI_Interval got;
    MI_DestinationOptions_ImpersonationType impersonation =
        MI_DestinationOptions_ImpersonationType_Default;
    const MI_Char* text = NULL;
    MI_Uint32 number = 0;
    MI_Uint32 index = 0;
    MI_Uint32 flags = 0;
    MI_Value value;
    MI_Type type = MI_BOOLEAN;
    MI_Char password[16];
    MI_Uint32 passwordLength = 0;

    (void)state;
    memset(&opts, 0, sizeof(opts));
    opts.ft = &fake_DestFT;
    memset(&credentials, 0, sizeof(credentials));
    memset(&interval, 0, sizeof(interval));
    interval.seconds = 30;

    /* Generic wrappers: no flags (0 in, NULL out). */
    EXPECT_SET(MI_DestinationOptions_SetString(&opts, MI_T("Custom"), MI_T("v")),
        "Dest.SetString", "Custom");
    EXPECT_SET(MI_DestinationOptions_SetNumber(&opts, MI_T("Custom"), 5), "Dest.SetNumber",
        "Custom");
    assert_int_equal(rec.number, 5);
    EXPECT_SET(MI_DestinationOptions_SetInterval(&opts, MI_T("Custom"), &interval),
        "Dest.SetInterval", "Custom");
    EXPECT_SET(MI_DestinationOptions_AddCredentials(&opts, MI_T("Custom"), &credentials),
        "Dest.AddCredentials", "Custom");
    reset();
    assert_int_equal(MI_DestinationOptions_GetString(&opts, MI_T("Custom"), &text, &index),
        MI_RESULT_OK);
    assert_ptr_equal(rec.indexOut, &index);
    assert_null(rec.flagsOut);
    reset();
    assert_int_equal(MI_DestinationOptions_GetNumber(&opts, MI_T("Custom"), &number, &index),
        MI_RESULT_OK);
    assert_ptr_equal(rec.indexOut, &index);
    assert_null(rec.flagsOut);
    reset();
    assert_int_equal(MI_DestinationOptions_GetInterval(&opts, MI_T("Custom"), &got, &index),
        MI_RESULT_OK);
    assert_ptr_equal(rec.indexOut, &index);
    EXPECT_SLOT(MI_DestinationOptions_GetOptionCount(&opts, &number), "Dest.GetOptionCount",
        &opts);
    EXPECT_SLOT(MI_DestinationOptions_GetOptionAt(&opts, 3, &text, &value, &type, &flags),
        "Dest.GetOptionAt", &opts);
    assert_int_equal(rec.number, 3);
    EXPECT_SLOT(MI_DestinationOptions_GetOption(&opts, MI_T("Custom"), &value, &type, &index,
        &flags), "Dest.GetOption", &opts);
    EXPECT_SLOT(MI_DestinationOptions_GetCredentialsCount(&opts, &number),
        "Dest.GetCredentialsCount", &opts);
    EXPECT_SLOT(MI_DestinationOptions_GetCredentialsAt(&opts, 1, &text, &credentials,
        &flags), "Dest.GetCredentialsAt", &opts);
    EXPECT_SLOT(MI_DestinationOptions_GetCredentialsPasswordAt(&opts, 0, &text, password,
        sizeof(password), &passwordLength, &flags), "Dest.GetCredentialsPasswordAt", &opts);
    assert_int_equal(rec.number, sizeof(password));
    EXPECT_SLOT(MI_DestinationOptions_Clone(&opts, &copy), "Dest.Clone", &opts);
    assert_ptr_equal(rec.ptr, &copy);
    EXPECT_VOID_SLOT(MI_DestinationOptions_Delete(&opts), "Dest.Delete", &opts);

    /* Typed helpers. */
    EXPECT_SET(MI_DestinationOptions_SetTimeout(&opts, &interval), "Dest.SetInterval",
        D("TIMEOUT"));
    assert_ptr_equal(rec.ptr, &interval);
    reset();
    fake_interval.minutes = 9;
    memset(&got, 0, sizeof(got));
    EXPECT_GET(MI_DestinationOptions_GetTimeout(&opts, &got), "Dest.GetInterval",
        D("TIMEOUT"));
    assert_int_equal(got.minutes, 9);
    EXPECT_GET_FAILS(MI_DestinationOptions_GetTimeout(&opts, &got));
    assert_int_equal(got.minutes, 9);
    assert_int_equal(got.days, 0);

    CHECK_DEST_BOOL(CertCACheck, "CERT_CA_CHECK");
    CHECK_DEST_BOOL(CertCNCheck, "CERT_CN_CHECK");
    CHECK_DEST_BOOL(CertRevocationCheck, "CERT_REVOCATION_CHECK");
    CHECK_DEST_BOOL(PacketPrivacy, "PACKET_PRIVACY");
    CHECK_DEST_BOOL(PacketIntegrity, "PACKET_INTEGRITY");
    CHECK_DEST_BOOL(EncodePortInSPN, "ENCODE_PORT_IN_SPN");
    CHECK_DEST_STRING(PacketEncoding, "PACKET_ENCODING");
    CHECK_DEST_STRING(DataLocale, "DATA_LOCALE");
    CHECK_DEST_STRING(UILocale, "UI_LOCALE");
    CHECK_DEST_STRING(HttpUrlPrefix, "HTTP_URL_PREFIX");
    CHECK_DEST_STRING(Transport, "TRANSPORT");
    CHECK_DEST_STRING(ProxyType, "PROXY_TYPE");
    CHECK_DEST_STRING(TrustedCertsDir, "TRUSTED_CERTS_DIR");
    CHECK_DEST_STRING(CertFile, "CERT_FILE");
    CHECK_DEST_STRING(PrivateKeyFile, "PRIVATE_KEY_FILE");
    CHECK_DEST_NUMBER(MaxEnvelopeSize, "MAX_ENVELOPE_SIZE");
    CHECK_DEST_NUMBER(MaxElements, "MAX_ELEMENTS");
    CHECK_DEST_NUMBER(DestinationPort, "DESTINATION_PORT");
    CHECK_DEST_NUMBER(SslOptions, "SSL_OPTIONS");

    EXPECT_SET(MI_DestinationOptions_SetImpersonationType(&opts,
        MI_DestinationOptions_ImpersonationType_Delegate), "Dest.SetNumber",
        D("IMPERSONATION_TYPE"));
    assert_int_equal(rec.number, 4);
    reset();
    fake_number = 2;
    EXPECT_GET(MI_DestinationOptions_GetImpersonationType(&opts, &impersonation),
        "Dest.GetNumber", D("IMPERSONATION_TYPE"));
    assert_int_equal(impersonation, MI_DestinationOptions_ImpersonationType_Identify);
    EXPECT_GET_FAILS(MI_DestinationOptions_GetImpersonationType(&opts, &impersonation));
    assert_int_equal(impersonation, MI_DestinationOptions_ImpersonationType_Identify);

    EXPECT_SET(MI_DestinationOptions_AddProxyCredentials(&opts, &credentials),
        "Dest.AddCredentials", D("PROXY_CREDENTIALS"));
    assert_ptr_equal(rec.ptr, &credentials);
    EXPECT_SET(MI_DestinationOptions_AddDestinationCredentials(&opts, &credentials),
        "Dest.AddCredentials", D("DESTINATION_CREDENTIALS"));
    assert_ptr_equal(rec.ptr, &credentials);
}

#define O(n) "__MI_OPERATIONOPTIONS_" n

static void test_operation_options(void** state)
{
    MI_OperationOptions opts;
    MI_OperationOptions copy;
    MI_Interval interval;
    MI_Interval got;
    MI_CallbackMode mode = MI_CALLBACKMODE_REPORT;
    MI_ProviderArchitecture architecture = MI_PROVIDER_ARCHITECTURE_32BIT;
    MI_Boolean flag = MI_FALSE;
    const MI_Char* text = NULL;
    MI_Uint32 number = 0;
    MI_Uint32 index = 0;
    MI_Uint32 flags = 0;
    MI_Uint32 channels[3];
    MI_Uint32 channelCount = 0;
    MI_Value value;
    MI_Type type = MI_BOOLEAN;

    (void)state;
    memset(&opts, 0, sizeof(opts));
    opts.ft = &fake_OperFT;
    memset(&interval, 0, sizeof(interval));
    memset(&value, 0, sizeof(value));

    /* Generic wrappers carry flags and index. */
    reset();
    assert_int_equal(MI_OperationOptions_SetString(&opts, MI_T("Custom"), MI_T("v"), 7),
        MI_RESULT_OK);
    assert_string_equal(rec.slot, "Oper.SetString");
    assert_int_equal(rec.flags, 7);
    reset();
    assert_int_equal(MI_OperationOptions_SetNumber(&opts, MI_T("Custom"), 3, 8), MI_RESULT_OK);
    assert_string_equal(rec.slot, "Oper.SetNumber");
    assert_int_equal(rec.flags, 8);
    reset();
    assert_int_equal(MI_OperationOptions_SetInterval(&opts, MI_T("Custom"), &interval, 9),
        MI_RESULT_OK);
    assert_int_equal(rec.flags, 9);
    reset();
    assert_int_equal(MI_OperationOptions_GetString(&opts, MI_T("Custom"), &text, &index,
        &flags), MI_RESULT_OK);
    assert_ptr_equal(rec.indexOut, &index);
    assert_ptr_equal(rec.flagsOut, &flags);
    reset();
    assert_int_equal(MI_OperationOptions_GetNumber(&opts, MI_T("Custom"), &number, &index,
        &flags), MI_RESULT_OK);
    assert_ptr_equal(rec.flagsOut, &flags);
    reset();
    assert_int_equal(MI_OperationOptions_GetInterval(&opts, MI_T("Custom"), &got, &index,
        &flags), MI_RESULT_OK);
    assert_ptr_equal(rec.flagsOut, &flags);
    EXPECT_SET(MI_OperationOptions_SetCustomOption(&opts, MI_T("Depth"), MI_UINT32, &value,
        MI_TRUE), "Oper.SetCustomOption", "Depth");
    assert_int_equal(rec.number, MI_UINT32);
    assert_ptr_equal(rec.ptr, &value);
    assert_int_equal(rec.boolean, MI_TRUE);
    EXPECT_SLOT(MI_OperationOptions_GetOptionCount(&opts, &number), "Oper.GetOptionCount",
        &opts);
    EXPECT_SLOT(MI_OperationOptions_GetOptionAt(&opts, 2, &text, &value, &type, &flags),
        "Oper.GetOptionAt", &opts);
    EXPECT_SLOT(MI_OperationOptions_GetOption(&opts, MI_T("Depth"), &value, &type, &index,
        &flags), "Oper.GetOption", &opts);
    EXPECT_SLOT(MI_OperationOptions_Clone(&opts, &copy), "Oper.Clone", &opts);
    EXPECT_VOID_SLOT(MI_OperationOptions_Delete(&opts), "Oper.Delete", &opts);

    /* Typed helpers. */
    EXPECT_SET(MI_OperationOptions_SetWriteErrorMode(&opts, MI_CALLBACKMODE_INQUIRE),
        "Oper.SetNumber", O("WRITEERRORMODE"));
    assert_int_equal(rec.number, MI_CALLBACKMODE_INQUIRE);
    reset();
    fake_number = MI_CALLBACKMODE_IGNORE;
    EXPECT_GET(MI_OperationOptions_GetWriteErrorMode(&opts, &mode), "Oper.GetNumber",
        O("WRITEERRORMODE"));
    assert_int_equal(mode, MI_CALLBACKMODE_IGNORE);
    EXPECT_GET_FAILS(MI_OperationOptions_GetWriteErrorMode(&opts, &mode));
    assert_int_equal(mode, MI_CALLBACKMODE_IGNORE);

    EXPECT_SET(MI_OperationOptions_SetPromptUserMode(&opts, MI_CALLBACKMODE_REPORT),
        "Oper.SetNumber", O("PROMPTUSERMODE"));
    reset();
    fake_number = MI_CALLBACKMODE_INQUIRE;
    EXPECT_GET(MI_OperationOptions_GetPromptUserMode(&opts, &mode), "Oper.GetNumber",
        O("PROMPTUSERMODE"));
    assert_int_equal(mode, MI_CALLBACKMODE_INQUIRE);

    /* Regular prompt mode: the mode, then the automatic answer. */
    reset();
    assert_int_equal(MI_OperationOptions_SetPromptUserRegularMode(&opts,
        MI_CALLBACKMODE_IGNORE, MI_TRUE), MI_RESULT_OK);
    assert_int_equal(rec.calls, 2);
    assert_string_equal(rec.names[0], O("PROMPTUSERMODE"));
    assert_int_equal(rec.numbers[0], MI_CALLBACKMODE_IGNORE);
    assert_string_equal(rec.names[1], O("PROMPTUSERMODEREGULAR_ACKVALUE"));
    assert_int_equal(rec.numbers[1], MI_TRUE);
    reset();
    fake_number = 1;
    mode = MI_CALLBACKMODE_REPORT;
    flag = MI_FALSE;
    assert_int_equal(MI_OperationOptions_GetPromptUserRegularMode(&opts, &mode, &flag),
        MI_RESULT_OK);
    assert_int_equal(rec.calls, 2);
    assert_string_equal(rec.names[0], O("PROMPTUSERMODE"));
    assert_string_equal(rec.names[1], O("PROMPTUSERMODEREGULAR_ACKVALUE"));
    assert_int_equal(mode, MI_CALLBACKMODE_INQUIRE);
    assert_int_equal(flag, MI_TRUE);
    reset();
    fake_result = MI_RESULT_NOT_FOUND;
    assert_int_equal(MI_OperationOptions_SetPromptUserRegularMode(&opts,
        MI_CALLBACKMODE_IGNORE, MI_TRUE), MI_RESULT_NOT_FOUND);
    assert_int_equal(rec.calls, 1);

    /* Provider architecture: the architecture, then whether it is required. */
    reset();
    assert_int_equal(MI_OperationOptions_SetProviderArchitecture(&opts,
        MI_PROVIDER_ARCHITECTURE_64BIT, MI_TRUE), MI_RESULT_OK);
    assert_int_equal(rec.calls, 2);
    assert_string_equal(rec.names[0], O("PROVIDER_ARCHITECTURE"));
    assert_int_equal(rec.numbers[0], MI_PROVIDER_ARCHITECTURE_64BIT);
    assert_string_equal(rec.names[1], O("REQUIRED_ARCHITECTURE"));
    assert_int_equal(rec.numbers[1], MI_TRUE);
    reset();
    fake_number = 1;
    flag = MI_FALSE;
    assert_int_equal(MI_OperationOptions_GetProviderArchitecture(&opts, &architecture,
        &flag), MI_RESULT_OK);
    assert_int_equal(architecture, MI_PROVIDER_ARCHITECTURE_64BIT);
    assert_int_equal(flag, MI_TRUE);
    reset();
    fake_result = MI_RESULT_NOT_FOUND;
    architecture = MI_PROVIDER_ARCHITECTURE_32BIT;
    assert_int_equal(MI_OperationOptions_GetProviderArchitecture(&opts, &architecture,
        NULL), MI_RESULT_NOT_FOUND);
    assert_int_equal(architecture, MI_PROVIDER_ARCHITECTURE_32BIT);

    /* Channels: flags 0 enables, 1 disables. */
    reset();
    assert_int_equal(MI_OperationOptions_EnableChannel(&opts, MI_WRITEMESSAGE_CHANNEL_DEBUG),
        MI_RESULT_OK);
    assert_string_equal(rec.slot, "Oper.SetNumber");
    assert_string_equal(rec.name, O("CHANNEL"));
    assert_int_equal(rec.number, MI_WRITEMESSAGE_CHANNEL_DEBUG);
    assert_int_equal(rec.flags, 0);
    reset();
    assert_int_equal(MI_OperationOptions_DisableChannel(&opts, 5), MI_RESULT_OK);
    assert_string_equal(rec.name, O("CHANNEL"));
    assert_int_equal(rec.number, 5);
    assert_int_equal(rec.flags, 1);
    reset();
    assert_int_equal(MI_OperationOptions_GetEnabledChannels(&opts, channels,
        MI_COUNT(channels), &channelCount, &flags), MI_RESULT_OK);
    assert_string_equal(rec.slot, "Oper.GetEnabledChannels");
    assert_string_equal(rec.name, O("CHANNEL"));
    assert_int_equal(rec.number, 3);
    assert_ptr_equal(rec.ptr, channels);
    assert_ptr_equal(rec.indexOut, &channelCount);
    assert_ptr_equal(rec.flagsOut, &flags);

    EXPECT_SET(MI_OperationOptions_SetTimeout(&opts, &interval), "Oper.SetInterval",
        O("TIMEOUT"));
    assert_ptr_equal(rec.ptr, &interval);
    reset();
    fake_interval.seconds = 12;
    EXPECT_GET(MI_OperationOptions_GetTimeout(&opts, &got), "Oper.GetInterval", O("TIMEOUT"));
    assert_int_equal(got.seconds, 12);

    EXPECT_SET(MI_OperationOptions_SetResourceUriPrefix(&opts, MI_T("http://x/")),
        "Oper.SetString", O("RESOURCE_URI_PREFIX"));
    assert_string_equal(rec.text, "http://x/");
    reset();
    EXPECT_GET(MI_OperationOptions_GetResourceUriPrefix(&opts, &text), "Oper.GetString",
        O("RESOURCE_URI_PREFIX"));
    assert_string_equal(text, "from-fake");
    EXPECT_SET(MI_OperationOptions_SetResourceUri(&opts, MI_T("http://x/C")),
        "Oper.SetString", O("RESOURCE_URI"));
    reset();
    EXPECT_GET(MI_OperationOptions_GetResourceUri(&opts, &text), "Oper.GetString",
        O("RESOURCE_URI"));
    EXPECT_SET(MI_OperationOptions_SetUseMachineID(&opts, MI_TRUE), "Oper.SetNumber",
        O("USE_MACHINE_ID"));
    assert_int_equal(rec.number, 1);
    reset();
    fake_number = 0;
    flag = MI_TRUE;
    EXPECT_GET(MI_OperationOptions_GetUseMachineID(&opts, &flag), "Oper.GetNumber",
        O("USE_MACHINE_ID"));
    assert_int_equal(flag, MI_FALSE);
}

#define S(n) "__MI_SUBSCRIPTIONDELIVERYOPTIONS_" n

static void test_subscription_delivery_options(void** state)
{
    MI_SubscriptionDeliveryOptions opts;
    MI_SubscriptionDeliveryOptions copy;
    MI_UserCredentials credentials;
    MI_Interval interval;
    MI_Interval got;
    MI_Datetime when;
    MI_Datetime gotWhen;
    const MI_Char* text = NULL;
    MI_Uint32 number = 0;
    MI_Uint32 index = 0;
    MI_Uint32 flags = 0;
    MI_Value value;
    MI_Type type = MI_BOOLEAN;
    MI_Char password[4];
    MI_Uint32 passwordLength = 0;

    (void)state;
    memset(&opts, 0, sizeof(opts));
    opts.ft = &fake_SubFT;
    memset(&credentials, 0, sizeof(credentials));
    memset(&interval, 0, sizeof(interval));
    memset(&when, 0, sizeof(when));

    /* Generic wrappers keep flags. */
    reset();
    assert_int_equal(MI_SubscriptionDeliveryOptions_SetString(&opts, MI_T("C"), MI_T("v"), 3),
        MI_RESULT_OK);
    assert_string_equal(rec.slot, "Sub.SetString");
    assert_int_equal(rec.flags, 3);
    reset();
    assert_int_equal(MI_SubscriptionDeliveryOptions_SetNumber(&opts, MI_T("C"), 1, 4),
        MI_RESULT_OK);
    assert_string_equal(rec.slot, "Sub.SetNumber");
    assert_int_equal(rec.flags, 4);
    reset();
    assert_int_equal(MI_SubscriptionDeliveryOptions_SetDateTime(&opts, MI_T("C"), &when, 5),
        MI_RESULT_OK);
    assert_string_equal(rec.slot, "Sub.SetDateTime");
    assert_int_equal(rec.flags, 5);
    reset();
    assert_int_equal(MI_SubscriptionDeliveryOptions_SetInterval(&opts, MI_T("C"), &interval,
        6), MI_RESULT_OK);
    assert_string_equal(rec.slot, "Sub.SetInterval");
    assert_int_equal(rec.flags, 6);
    reset();
    assert_int_equal(MI_SubscriptionDeliveryOptions_AddCredentials(&opts, MI_T("C"),
        &credentials, 7), MI_RESULT_OK);
    assert_string_equal(rec.slot, "Sub.AddCredentials");
    assert_int_equal(rec.flags, 7);
    reset();
    assert_int_equal(MI_SubscriptionDeliveryOptions_GetString(&opts, MI_T("C"), &text,
        &index, &flags), MI_RESULT_OK);
    assert_ptr_equal(rec.flagsOut, &flags);
    reset();
    assert_int_equal(MI_SubscriptionDeliveryOptions_GetNumber(&opts, MI_T("C"), &number,
        &index, &flags), MI_RESULT_OK);
    assert_ptr_equal(rec.indexOut, &index);
    reset();
    assert_int_equal(MI_SubscriptionDeliveryOptions_GetDateTime(&opts, MI_T("C"), &gotWhen,
        &index, &flags), MI_RESULT_OK);
    assert_string_equal(rec.slot, "Sub.GetDateTime");
    reset();
    assert_int_equal(MI_SubscriptionDeliveryOptions_GetInterval(&opts, MI_T("C"), &got,
        &index, &flags), MI_RESULT_OK);
    assert_string_equal(rec.slot, "Sub.GetInterval");
    EXPECT_SLOT(MI_SubscriptionDeliveryOptions_GetOptionCount(&opts, &number),
        "Sub.GetOptionCount", &opts);
    EXPECT_SLOT(MI_SubscriptionDeliveryOptions_GetOptionAt(&opts, 0, &text, &value, &type,
        &flags), "Sub.GetOptionAt", &opts);
    EXPECT_SLOT(MI_SubscriptionDeliveryOptions_GetOption(&opts, MI_T("C"), &value, &type,
        &index, &flags), "Sub.GetOption", &opts);
    EXPECT_SLOT(MI_SubscriptionDeliveryOptions_GetCredentialsCount(&opts, &number),
        "Sub.GetCredentialsCount", &opts);
    EXPECT_SLOT(MI_SubscriptionDeliveryOptions_GetCredentialsAt(&opts, 0, &text,
        &credentials, &flags), "Sub.GetCredentialsAt", &opts);
    EXPECT_SLOT(MI_SubscriptionDeliveryOptions_GetCredentialsPasswordAt(&opts, 0, &text,
        password, sizeof(password), &passwordLength, &flags),
        "Sub.GetCredentialsPasswordAt", &opts);
    EXPECT_SLOT(MI_SubscriptionDeliveryOptions_Clone(&opts, &copy), "Sub.Clone", &opts);
    EXPECT_SLOT(MI_SubscriptionDeliveryOptions_Delete(&opts), "Sub.Delete", &opts);

    /* Typed helpers. */
    EXPECT_SET(MI_SubscriptionDeliveryOptions_SetMaximumLatency(&opts, &interval),
        "Sub.SetInterval", S("SET_MAXIMUM_LATENCY"));
    reset();
    fake_interval.hours = 2;
    EXPECT_GET(MI_SubscriptionDeliveryOptions_GetMaximumLatency(&opts, &got),
        "Sub.GetInterval", S("SET_MAXIMUM_LATENCY"));
    assert_int_equal(got.hours, 2);
    EXPECT_GET_FAILS(MI_SubscriptionDeliveryOptions_GetMaximumLatency(&opts, &got));
    assert_int_equal(got.hours, 2);
    EXPECT_SET(MI_SubscriptionDeliveryOptions_SetHeartbeatInterval(&opts, &interval),
        "Sub.SetInterval", S("SET_HEARTBEAT_INTERVAL"));
    reset();
    EXPECT_GET(MI_SubscriptionDeliveryOptions_GetHeartbeatInterval(&opts, &got),
        "Sub.GetInterval", S("SET_HEARTBEAT_INTERVAL"));
    EXPECT_SET(MI_SubscriptionDeliveryOptions_SetExpirationTime(&opts, &when),
        "Sub.SetDateTime", S("SET_EXPIRATION_TIME"));
    assert_ptr_equal(rec.ptr, &when);
    EXPECT_SET(MI_SubscriptionDeliveryOptions__SetExpirationTime(&opts, &when),
        "Sub.SetDateTime", S("SET_EXPIRATION_TIME"));
    reset();
    fake_datetime.isTimestamp = MI_TRUE;
    fake_datetime.u.timestamp.year = 2031;
    memset(&gotWhen, 0, sizeof(gotWhen));
    EXPECT_GET(MI_SubscriptionDeliveryOptions_GetExpirationTime(&opts, &gotWhen),
        "Sub.GetDateTime", S("SET_EXPIRATION_TIME"));
    assert_int_equal(gotWhen.u.timestamp.year, 2031);
    EXPECT_GET_FAILS(MI_SubscriptionDeliveryOptions__GetExpirationTime(&opts, &gotWhen));
    assert_int_equal(gotWhen.u.timestamp.year, 2031);
    EXPECT_SET(MI_SubscriptionDeliveryOptions_SetBookmark(&opts,
        MI_SUBSCRIBE_BOOKMARK_OLDEST), "Sub.SetString", S("SET_BOOKMARK"));
    assert_string_equal(rec.text, "MI_SUBSCRIBE_BOOKMARK_OLDEST");
    reset();
    EXPECT_GET(MI_SubscriptionDeliveryOptions_GetBookmark(&opts, &text), "Sub.GetString",
        S("SET_BOOKMARK"));
    EXPECT_SET(MI_SubscriptionDeliveryOptions_SetDeliveryDestination(&opts,
        MI_T("http://me/")), "Sub.SetString", S("SET_DELIVERY_DESTINATION"));
    reset();
    EXPECT_GET(MI_SubscriptionDeliveryOptions_GetDeliveryDestination(&opts, &text),
        "Sub.GetString", S("SET_DELIVERY_DESTINATION"));
    EXPECT_SET(MI_SubscriptionDeliveryOptions_SetDeliveryPortNumber(&opts, 8080),
        "Sub.SetNumber", S("SET_DELIVERY_PORT_NUMBER"));
    assert_int_equal(rec.number, 8080);
    reset();
    fake_number = 443;
    EXPECT_GET(MI_SubscriptionDeliveryOptions_GetDeliveryPortNumber(&opts, &number),
        "Sub.GetNumber", S("SET_DELIVERY_PORT_NUMBER"));
    assert_int_equal(number, 443);
    EXPECT_SET(MI_SubscriptionDeliveryOptions_AddDeliveryCredentials(&opts, &credentials),
        "Sub.AddCredentials", S("ADD_DELIVERY_CREDENTIALS"));
    assert_ptr_equal(rec.ptr, &credentials);
    EXPECT_SET(MI_SubscriptionDeliveryOptions_SetDeliveryRetryInterval(&opts, &interval),
        "Sub.SetInterval", S("SET_DELIVERY_RETRY_INTERVAL"));
    reset();
    EXPECT_GET(MI_SubscriptionDeliveryOptions_GetDeliveryRetryInterval(&opts, &got),
        "Sub.GetInterval", S("SET_DELIVERY_RETRY_INTERVAL"));
    EXPECT_SET(MI_SubscriptionDeliveryOptions_SetDeliveryRetryAttempts(&opts, 3),
        "Sub.SetNumber", S("SET_DELIVERY_RETRY_ATTEMPTS"));
    reset();
    EXPECT_GET(MI_SubscriptionDeliveryOptions_GetDeliveryRetryAttempts(&opts, &number),
        "Sub.GetNumber", S("SET_DELIVERY_RETRY_ATTEMPTS"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_instance_wrappers),
        cmocka_unit_test(test_instance_normalize),
        cmocka_unit_test(test_class_wrappers),
        cmocka_unit_test(test_property_set_and_filter_wrappers),
        cmocka_unit_test(test_context_wrappers),
        cmocka_unit_test(test_lifecycle_wrappers),
        cmocka_unit_test(test_application_wrappers),
        cmocka_unit_test(test_session_wrappers),
        cmocka_unit_test(test_operation_and_hosted_wrappers),
        cmocka_unit_test(test_serializer_wrappers_use_client_table),
        cmocka_unit_test(test_destination_options),
        cmocka_unit_test(test_operation_options),
        cmocka_unit_test(test_subscription_delivery_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
