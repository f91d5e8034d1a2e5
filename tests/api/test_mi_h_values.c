/*
 * test_mi_h_values.c -- every number, string and layout that include/mi.h
 * promises. Numbers and layouts are checked at compile time (the file does
 * not build if one is wrong); string constants at run time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <MI.h>

#define SA(e) _Static_assert(e, #e)

/* Member m of function table T is slot n (1-based). */
#define SLOT(T, m, n) \
    _Static_assert(offsetof(T, m) == ((n) - 1) * sizeof(void*), #T "." #m " is slot " #n)

/* Function table T has exactly n slots. */
#define SLOTS(T, n) \
    _Static_assert(sizeof(T) == (n) * sizeof(void*), #T " has " #n " slots")

/* --- header conventions and versions ------------------------------------ */

SA(MI_CHAR_TYPE == 1);
SA(sizeof(MI_Char) == 1);
SA(sizeof(MI_T("ab")) == 3);
SA(MI_API_VERSION == 2);
SA(MI_CALL_VERSION == 1);
SA(MI_MAJOR == 1);
SA(MI_MINOR == 1);
SA(MI_REVISION == 0);
SA(MI_REVISON == MI_REVISION);
SA(MI_MAKE_VERSION(1, 0, 0) == 0x010000);
SA(MI_MAKE_VERSION(1, 1, 0) == 0x010100);
SA(MI_MAKE_VERSION(2, 3, 4) == 0x020304);
SA(MI_VERSION == 0x010100);
#if MI_VERSION != 0x010100
# error "MI_VERSION must be usable in #if"
#endif
SA(MI_TRUE == 1);
SA(MI_FALSE == 0);
SA(sizeof(MI_TRUE) == sizeof(MI_Boolean));
SA(MI_LL(5) == 5LL);
SA(MI_ULL(18446744073709551615) == 18446744073709551615ULL);
SA(sizeof(MI_ULL(1)) == 8);

/* --- scalar types -------------------------------------------------------- */

SA(sizeof(MI_Boolean) == 1);
SA(sizeof(MI_Uint8) == 1);
SA(sizeof(MI_Sint8) == 1);
SA(sizeof(MI_Uint16) == 2);
SA(sizeof(MI_Sint16) == 2);
SA(sizeof(MI_Uint32) == 4);
SA(sizeof(MI_Sint32) == 4);
SA(sizeof(MI_Uint64) == 8);
SA(sizeof(MI_Sint64) == 8);
SA(sizeof(MI_Real32) == 4);
SA(sizeof(MI_Real64) == 8);
SA(sizeof(MI_Char16) == 2);
SA((MI_Uint8)-1 == 255);
SA((MI_Sint8)-1 < 0);
SA((MI_Uint16)-1 == 65535);
SA((MI_Uint32)-1 == 4294967295U);
SA((MI_Uint64)-1 == 18446744073709551615ULL);
SA((MI_Char16)-1 == 65535);

/* --- MI_Result ----------------------------------------------------------- */

SA(MI_RESULT_OK == 0);
SA(MI_RESULT_FAILED == 1);
SA(MI_RESULT_ACCESS_DENIED == 2);
SA(MI_RESULT_INVALID_NAMESPACE == 3);
SA(MI_RESULT_INVALID_PARAMETER == 4);
SA(MI_RESULT_INVALID_CLASS == 5);
SA(MI_RESULT_NOT_FOUND == 6);
SA(MI_RESULT_NOT_SUPPORTED == 7);
SA(MI_RESULT_CLASS_HAS_CHILDREN == 8);
SA(MI_RESULT_CLASS_HAS_INSTANCES == 9);
SA(MI_RESULT_INVALID_SUPERCLASS == 10);
SA(MI_RESULT_ALREADY_EXISTS == 11);
SA(MI_RESULT_NO_SUCH_PROPERTY == 12);
SA(MI_RESULT_TYPE_MISMATCH == 13);
SA(MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED == 14);
SA(MI_RESULT_INVALID_QUERY == 15);
SA(MI_RESULT_METHOD_NOT_AVAILABLE == 16);
SA(MI_RESULT_METHOD_NOT_FOUND == 17);
SA(MI_RESULT_NAMESPACE_NOT_EMPTY == 20);
SA(MI_RESULT_INVALID_ENUMERATION_CONTEXT == 21);
SA(MI_RESULT_INVALID_OPERATION_TIMEOUT == 22);
SA(MI_RESULT_PULL_HAS_BEEN_ABANDONED == 23);
SA(MI_RESULT_PULL_CANNOT_BE_ABANDONED == 24);
SA(MI_RESULT_FILTERED_ENUMERATION_NOT_SUPPORTED == 25);
SA(MI_RESULT_CONTINUATION_ON_ERROR_NOT_SUPPORTED == 26);
SA(MI_RESULT_SERVER_LIMITS_EXCEEDED == 27);
SA(MI_RESULT_SERVER_IS_SHUTTING_DOWN == 28);

/* --- MI_ErrorCategory ---------------------------------------------------- */

SA(MI_ERRORCATEGORY_NOT_SPECIFIED == 0);
SA(MI_ERRORCATEGORY_OPEN_ERROR == 1);
SA(MI_ERRORCATEGORY_CLOS_EERROR == 2);
SA(MI_ERRORCATEGORY_DEVICE_ERROR == 3);
SA(MI_ERRORCATEGORY_DEADLOCK_DETECTED == 4);
SA(MI_ERRORCATEGORY_INVALID_ARGUMENT == 5);
SA(MI_ERRORCATEGORY_INVALID_DATA == 6);
SA(MI_ERRORCATEGORY_INVALID_OPERATION == 7);
SA(MI_ERRORCATEGORY_INVALID_RESULT == 8);
SA(MI_ERRORCATEGORY_INVALID_TYPE == 9);
SA(MI_ERRORCATEGORY_METADATA_ERROR == 10);
SA(MI_ERRORCATEGORY_NOT_IMPLEMENTED == 11);
SA(MI_ERRORCATEGORY_NOT_INSTALLED == 12);
SA(MI_ERRORCATEGORY_OBJECT_NOT_FOUND == 13);
SA(MI_ERRORCATEGORY_OPERATION_STOPPED == 14);
SA(MI_ERRORCATEGORY_OPERATION_TIMEOUT == 15);
SA(MI_ERRORCATEGORY_SYNTAX_ERROR == 16);
SA(MI_ERRORCATEGORY_PARSER_ERROR == 17);
SA(MI_ERRORCATEGORY_ACCESS_DENIED == 18);
SA(MI_ERRORCATEGORY_RESOURCE_BUSY == 19);
SA(MI_ERRORCATEGORY_RESOURCE_EXISTS == 20);
SA(MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE == 21);
SA(MI_ERRORCATEGORY_READ_ERROR == 22);
SA(MI_ERRORCATEGORY_WRITE_ERROR == 23);
SA(MI_ERRORCATEGORY_FROM_STDERR == 24);
SA(MI_ERRORCATEGORY_SECURITY_ERROR == 25);
SA(MI_ERRORCATEGORY_PROTOCOL_ERROR == 26);
SA(MI_ERRORCATEGORY_CONNECTION_ERROR == 27);
SA(MI_ERRORCATEGORY_AUTHENTICATION_ERROR == 28);
SA(MI_ERRORCATEGORY_LIMITS_EXCEEDED == 29);
SA(MI_ERRORCATEGORY_QUOTA_EXCEEDED == 30);
SA(MI_ERRORCATEGORY_NOT_ENABLED == 31);

/* --- MI_Type ------------------------------------------------------------- */

SA(MI_BOOLEAN == 0);
SA(MI_UINT8 == 1);
SA(MI_SINT8 == 2);
SA(MI_UINT16 == 3);
SA(MI_SINT16 == 4);
SA(MI_UINT32 == 5);
SA(MI_SINT32 == 6);
SA(MI_UINT64 == 7);
SA(MI_SINT64 == 8);
SA(MI_REAL32 == 9);
SA(MI_REAL64 == 10);
SA(MI_CHAR16 == 11);
SA(MI_DATETIME == 12);
SA(MI_STRING == 13);
SA(MI_REFERENCE == 14);
SA(MI_INSTANCE == 15);
SA(MI_BOOLEANA == 16);
SA(MI_UINT8A == 17);
SA(MI_SINT8A == 18);
SA(MI_UINT16A == 19);
SA(MI_SINT16A == 20);
SA(MI_UINT32A == 21);
SA(MI_SINT32A == 22);
SA(MI_UINT64A == 23);
SA(MI_SINT64A == 24);
SA(MI_REAL32A == 25);
SA(MI_REAL64A == 26);
SA(MI_CHAR16A == 27);
SA(MI_DATETIMEA == 28);
SA(MI_STRINGA == 29);
SA(MI_REFERENCEA == 30);
SA(MI_INSTANCEA == 31);
SA(MI_ARRAY == 16);
SA((MI_STRINGA & ~MI_ARRAY) == MI_STRING);
SA((MI_INSTANCE | MI_ARRAY) == MI_INSTANCEA);

/* --- MI_FLAG_* ----------------------------------------------------------- */

SA(MI_FLAG_CLASS == 0x1);
SA(MI_FLAG_METHOD == 0x2);
SA(MI_FLAG_PROPERTY == 0x4);
SA(MI_FLAG_PARAMETER == 0x8);
SA(MI_FLAG_ASSOCIATION == 0x10);
SA(MI_FLAG_INDICATION == 0x20);
SA(MI_FLAG_REFERENCE == 0x40);
SA(MI_FLAG_ANY == 0x7F);
SA(MI_FLAG_ENABLEOVERRIDE == 0x80);
SA(MI_FLAG_DISABLEOVERRIDE == 0x100);
SA(MI_FLAG_RESTRICTED == 0x200);
SA(MI_FLAG_TOSUBCLASS == 0x400);
SA(MI_FLAG_TRANSLATABLE == 0x800);
SA(MI_FLAG_KEY == 0x1000);
SA(MI_FLAG_IN == 0x2000);
SA(MI_FLAG_OUT == 0x4000);
SA(MI_FLAG_REQUIRED == 0x8000);
SA(MI_FLAG_STATIC == 0x10000);
SA(MI_FLAG_ABSTRACT == 0x20000);
SA(MI_FLAG_TERMINAL == 0x40000);
SA(MI_FLAG_EXPENSIVE == 0x80000);
SA(MI_FLAG_STREAM == 0x100000);
SA(MI_FLAG_READONLY == 0x200000);
SA(MI_FLAG_TOINSTANCE == 0x400000);
SA(MI_FLAG_EXTENDED == 0x1000);
SA(MI_FLAG_NOT_MODIFIED == 0x2000000);
SA(MI_FLAG_VERSION == 0x1C000000);
SA(MI_FLAG_NULL == 0x20000000);
SA(MI_FLAG_BORROW == 0x40000000);
SA(MI_FLAG_ADOPT == 0x80000000U);
SA((MI_Uint32)MI_FLAG_ADOPT == 0x80000000U);
SA(MI_FLAG_ADOPT > 0);

/* --- MI_OPERATIONFLAGS_* ------------------------------------------------- */

SA(MI_OPERATIONFLAGS_AUTOMATIC_ACK_RESULTS == 0);
SA(MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS == 0x0001);
SA(MI_OPERATIONFLAGS_DEFAULT_RTTI == 0);
SA(MI_OPERATIONFLAGS_BASIC_RTTI == 0x0002);
SA(MI_OPERATIONFLAGS_FULL_RTTI == 0x0004);
SA(MI_OPERATIONFLAGS_NO_RTTI == 0x0400);
SA(MI_OPERATIONFLAGS_STANDARD_RTTI == 0x0800);
SA(MI_OPERATIONFLAGS_NON_LOCALIZED_QUALIFIERS == 0);
SA(MI_OPERATIONFLAGS_LOCALIZED_QUALIFIERS == 0x0008);
SA(MI_OPERATIONFLAGS_NON_EXPENSIVE_PROPERTIES_ONLY == 0);
SA(MI_OPERATIONFLAGS_EXPENSIVE_PROPERTIES == 0x0040);
SA(MI_OPERATIONFLAGS_POLYMORPHISM_DEEP == 0);
SA(MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW == 0x0080);
SA(MI_OPERATIONFLAGS_POLYMORPHISM_DEEP_BASE_PROPS_ONLY == 0x0180);
SA(MI_OPERATIONFLAGS_REPORT_OPERATION_STARTED == 0x0200);

/* --- small enums and numeric constants ----------------------------------- */

SA(MI_PROMPTTYPE_NORMAL == 0);
SA(MI_PROMPTTYPE_CRITICAL == 1);
SA(MI_CALLBACKMODE_REPORT == 0);
SA(MI_CALLBACKMODE_INQUIRE == 1);
SA(MI_CALLBACKMODE_IGNORE == 2);
SA(MI_PROVIDER_ARCHITECTURE_32BIT == 0);
SA(MI_PROVIDER_ARCHITECTURE_64BIT == 1);
SA(MI_LOCALE_TYPE_REQUESTED_UI == 0);
SA(MI_LOCALE_TYPE_REQUESTED_DATA == 1);
SA(MI_LOCALE_TYPE_CLOSEST_UI == 2);
SA(MI_LOCALE_TYPE_CLOSEST_DATA == 3);
SA(MI_MAX_LOCALE_SIZE == 128);
SA(MI_REASON_NONE == 0);
SA(MI_REASON_TIMEOUT == 1);
SA(MI_REASON_SHUTDOWN == 2);
SA(MI_REASON_SERVICESTOP == 3);
SA(sizeof(MI_CancelationReason) == sizeof(enum _MI_CancelationReason));
SA(MI_OperationCallback_ResponseType_No == 0);
SA(MI_OperationCallback_ResponseType_Yes == 1);
SA(MI_OperationCallback_ResponseType_NoToAll == 2);
SA(MI_OperationCallback_ResponseType_YesToAll == 3);
SA(MI_SubscriptionDeliveryType_Pull == 1);
SA(MI_SubscriptionDeliveryType_Push == 2);
SA(MI_DestinationOptions_ImpersonationType_Default == 0);
SA(MI_DestinationOptions_ImpersonationType_None == 1);
SA(MI_DestinationOptions_ImpersonationType_Identify == 2);
SA(MI_DestinationOptions_ImpersonationType_Impersonate == 3);
SA(MI_DestinationOptions_ImpersonationType_Delegate == 4);
SA(MI_WRITEMESSAGE_CHANNEL_WARNING == 0);
SA(MI_WRITEMESSAGE_CHANNEL_VERBOSE == 1);
SA(MI_WRITEMESSAGE_CHANNEL_DEBUG == 2);
SA(MI_SERIALIZER_FLAGS_CLASS_DEEP == 1);
SA(MI_SERIALIZER_FLAGS_INSTANCE_WITH_CLASS == 1);

SA(MI_MODULE_FLAG_STANDARD_QUALIFIERS == 0x01);
SA(MI_MODULE_FLAG_DESCRIPTIONS == 0x02);
SA(MI_MODULE_FLAG_VALUES == 0x04);
SA(MI_MODULE_FLAG_MAPPING_STRINGS == 0x08);
SA(MI_MODULE_FLAG_BOOLEANS == 0x10);
SA(MI_MODULE_FLAG_CPLUSPLUS == 0x20);
SA(MI_MODULE_FLAG_LOCALIZED == 0x40);
SA(MI_MODULE_FLAG_FILTER_SUPPORT == 0x80);

SA(MI_LIFECYCLE_INDICATION_NONE == 0);
SA(MI_LIFECYCLE_INDICATION_CREATE == 1);
SA(MI_LIFECYCLE_INDICATION_MODIFY == 2);
SA(MI_LIFECYCLE_INDICATION_DELETE == 4);
SA(MI_LIFECYCLE_INDICATION_READ == 8);
SA(MI_LIFECYCLE_INDICATION_METHODCALL == 16);
SA(MI_LIFECYCLE_INDICATION_ALL == 31);

/* --- layouts (x86-64 / LP64) --------------------------------------------- */

SA(sizeof(void*) == 8);

SA(sizeof(MI_Timestamp) == 32);
SA(sizeof(MI_Interval) == 32);
SA(sizeof(MI_Datetime) == 36);
SA(_Alignof(MI_Datetime) == 4);
SA(offsetof(MI_Datetime, u) == 4);
SA(offsetof(MI_Timestamp, microseconds) == 24);
SA(offsetof(MI_Timestamp, utc) == 28);
SA(offsetof(MI_Interval, microseconds) == 16);
SA(sizeof(MI_Array) == 16);
SA(sizeof(MI_StringA) == 16);
SA(sizeof(MI_ConstStringA) == 16);
SA(offsetof(MI_Array, size) == 8);
SA(sizeof(MI_Value) == 40);
SA(offsetof(MI_Value, array) == 0);

/* Client handles. */
SA(sizeof(MI_Application) == 24);
SA(sizeof(MI_Session) == 24);
SA(sizeof(MI_Operation) == 24);
SA(sizeof(MI_HostedProvider) == 24);
SA(sizeof(MI_DestinationOptions) == 24);
SA(sizeof(MI_OperationOptions) == 24);
SA(sizeof(MI_SubscriptionDeliveryOptions) == 24);
SA(sizeof(MI_QualifierSet) == 24);
SA(sizeof(MI_ParameterSet) == 24);
SA(offsetof(MI_Application, ft) == 16);
SA(offsetof(MI_Session, ft) == 16);
SA(offsetof(MI_Operation, ft) == 16);
SA(offsetof(MI_QualifierSet, ft) == 16);
SA(sizeof(MI_Serializer) == 16);
SA(sizeof(MI_Deserializer) == 16);

/* Objects. */
SA(sizeof(MI_Instance) == 64);
SA(offsetof(MI_Instance, ft) == 0);
SA(offsetof(MI_Instance, classDecl) == 8);
SA(offsetof(MI_Instance, serverName) == 16);
SA(offsetof(MI_Instance, nameSpace) == 24);
SA(offsetof(MI_Instance, reserved) == 32);
SA(sizeof(MI_Class) == 64);
SA(offsetof(MI_Class, classDecl) == 8);
SA(offsetof(MI_Class, namespaceName) == 16);
SA(offsetof(MI_Class, serverName) == 24);
SA(sizeof(MI_Context) == 32);
SA(sizeof(MI_PropertySet) == 32);
SA(sizeof(MI_Filter) == 32);
SA(sizeof(MI_LifecycleIndicationContext) == 32);
SA(sizeof(MI_OperationCallbacks) == 72);
SA(offsetof(MI_OperationCallbacks, callbackContext) == 0);
SA(offsetof(MI_OperationCallbacks, promptUser) == 8);
SA(offsetof(MI_OperationCallbacks, writeError) == 16);
SA(offsetof(MI_OperationCallbacks, writeMessage) == 24);
SA(offsetof(MI_OperationCallbacks, writeProgress) == 32);
SA(offsetof(MI_OperationCallbacks, instanceResult) == 40);
SA(offsetof(MI_OperationCallbacks, indicationResult) == 48);
SA(offsetof(MI_OperationCallbacks, classResult) == 56);
SA(offsetof(MI_OperationCallbacks, streamedParameterResult) == 64);
SA(sizeof(MI_SessionCallbacks) == 24);
SA(offsetof(MI_SessionCallbacks, writeMessage) == 8);
SA(offsetof(MI_SessionCallbacks, writeError) == 16);
SA(sizeof(MI_UserCredentials) == 32);
SA(offsetof(MI_UserCredentials, credentials) == 8);
SA(sizeof(MI_UsernamePasswordCreds) == 24);
SA(offsetof(MI_UsernamePasswordCreds, password) == 16);

/* Schema declarations. */
SA(sizeof(MI_FeatureDecl) == 32);
SA(sizeof(MI_ObjectDecl) == 48);
SA(sizeof(MI_ClassDecl) == 104);
SA(offsetof(MI_ClassDecl, name) == 8);
SA(offsetof(MI_ClassDecl, qualifiers) == 16);
SA(offsetof(MI_ClassDecl, numQualifiers) == 24);
SA(offsetof(MI_ClassDecl, properties) == 32);
SA(offsetof(MI_ClassDecl, numProperties) == 40);
SA(offsetof(MI_ClassDecl, size) == 44);
SA(offsetof(MI_ClassDecl, superClass) == 48);
SA(offsetof(MI_ClassDecl, superClassDecl) == 56);
SA(offsetof(MI_ClassDecl, methods) == 64);
SA(offsetof(MI_ClassDecl, numMethods) == 72);
SA(offsetof(MI_ClassDecl, schema) == 80);
SA(offsetof(MI_ClassDecl, providerFT) == 88);
SA(offsetof(MI_ClassDecl, owningClass) == 96);
SA(sizeof(MI_PropertyDecl) == 72);
SA(offsetof(MI_PropertyDecl, type) == 28);
SA(offsetof(MI_PropertyDecl, className) == 32);
SA(offsetof(MI_PropertyDecl, subscript) == 40);
SA(offsetof(MI_PropertyDecl, offset) == 44);
SA(offsetof(MI_PropertyDecl, origin) == 48);
SA(offsetof(MI_PropertyDecl, propagator) == 56);
SA(offsetof(MI_PropertyDecl, value) == 64);
SA(sizeof(MI_ParameterDecl) == 48);
SA(offsetof(MI_ParameterDecl, offset) == 44);
SA(sizeof(MI_MethodDecl) == 88);
SA(offsetof(MI_MethodDecl, parameters) == 32);
SA(offsetof(MI_MethodDecl, size) == 44);
SA(offsetof(MI_MethodDecl, returnType) == 48);
SA(offsetof(MI_MethodDecl, origin) == 56);
SA(offsetof(MI_MethodDecl, schema) == 72);
SA(offsetof(MI_MethodDecl, function) == 80);
SA(sizeof(MI_QualifierDecl) == 32);
SA(offsetof(MI_QualifierDecl, subscript) == 20);
SA(offsetof(MI_QualifierDecl, value) == 24);
SA(sizeof(MI_Qualifier) == 24);
SA(offsetof(MI_Qualifier, flavor) == 12);
SA(offsetof(MI_Qualifier, value) == 16);
SA(sizeof(MI_SchemaDecl) == 32);
SA(offsetof(MI_SchemaDecl, classDecls) == 16);
SA(offsetof(MI_SchemaDecl, numClassDecls) == 24);
SA(sizeof(MI_Module) == 48);
SA(offsetof(MI_Module, charSize) == 12);
SA(offsetof(MI_Module, schemaDecl) == 16);
SA(offsetof(MI_Module, Load) == 24);
SA(offsetof(MI_Module, Unload) == 32);
SA(offsetof(MI_Module, dynamicProviderFT) == 40);
SA(sizeof(MI_Server) == 40);
SA(offsetof(MI_Server, filterFT) == 32);

/* Field structs. */
SA(sizeof(MI_BooleanField) == 3);
SA(sizeof(MI_Uint8Field) == 3);
SA(sizeof(MI_Char16Field) == 4);
SA(sizeof(MI_Sint16Field) == 4);
SA(sizeof(MI_Uint32Field) == 8);
SA(offsetof(MI_Uint32Field, exists) == 4);
SA(offsetof(MI_Uint32Field, flags) == 5);
SA(sizeof(MI_Uint64Field) == 16);
SA(sizeof(MI_Real64Field) == 16);
SA(sizeof(MI_StringField) == 16);
SA(offsetof(MI_StringField, exists) == 8);
SA(sizeof(MI_DatetimeField) == 40);
SA(offsetof(MI_DatetimeField, exists) == 36);
SA(sizeof(MI_StringAField) == 24);
SA(offsetof(MI_StringAField, exists) == 16);
SA(sizeof(MI_ArrayField) == 24);
SA(sizeof(MI_ConstUint32Field) == sizeof(MI_Uint32Field));
SA(sizeof(MI_ConstStringField) == sizeof(MI_StringField));
SA(sizeof(MI_ConstDatetimeField) == sizeof(MI_DatetimeField));
SA(sizeof(MI_ConstReferenceField) == sizeof(MI_ConstInstanceField));
SA(sizeof(MI_ConstStringAField) == sizeof(MI_StringAField));
SA(sizeof(MI_ConstInstanceAField) == 24);

/* --- function tables: slot counts and order ------------------------------ */

SLOTS(MI_ApplicationFT, 11);
SA(sizeof(MI_ApplicationFT) == 88);
SLOT(MI_ApplicationFT, Close, 1);
SLOT(MI_ApplicationFT, NewSession, 2);
SLOT(MI_ApplicationFT, NewHostedProvider, 3);
SLOT(MI_ApplicationFT, NewInstance, 4);
SLOT(MI_ApplicationFT, NewDestinationOptions, 5);
SLOT(MI_ApplicationFT, NewOperationOptions, 6);
SLOT(MI_ApplicationFT, NewSubscriptionDeliveryOptions, 7);
SLOT(MI_ApplicationFT, NewSerializer, 8);
SLOT(MI_ApplicationFT, NewDeserializer, 9);
SLOT(MI_ApplicationFT, NewInstanceFromClass, 10);
SLOT(MI_ApplicationFT, NewClass, 11);

SLOTS(MI_SessionFT, 15);
SA(sizeof(MI_SessionFT) == 120);
SLOT(MI_SessionFT, Close, 1);
SLOT(MI_SessionFT, GetApplication, 2);
SLOT(MI_SessionFT, GetInstance, 3);
SLOT(MI_SessionFT, ModifyInstance, 4);
SLOT(MI_SessionFT, CreateInstance, 5);
SLOT(MI_SessionFT, DeleteInstance, 6);
SLOT(MI_SessionFT, Invoke, 7);
SLOT(MI_SessionFT, EnumerateInstances, 8);
SLOT(MI_SessionFT, QueryInstances, 9);
SLOT(MI_SessionFT, AssociatorInstances, 10);
SLOT(MI_SessionFT, ReferenceInstances, 11);
SLOT(MI_SessionFT, Subscribe, 12);
SLOT(MI_SessionFT, GetClass, 13);
SLOT(MI_SessionFT, EnumerateClasses, 14);
SLOT(MI_SessionFT, TestConnection, 15);

SLOTS(MI_OperationFT, 6);
SA(sizeof(MI_OperationFT) == 48);
SLOT(MI_OperationFT, Close, 1);
SLOT(MI_OperationFT, Cancel, 2);
SLOT(MI_OperationFT, GetSession, 3);
SLOT(MI_OperationFT, GetInstance, 4);
SLOT(MI_OperationFT, GetIndication, 5);
SLOT(MI_OperationFT, GetClass, 6);

SLOTS(MI_InstanceFT, 18);
SA(sizeof(MI_InstanceFT) == 144);
SLOT(MI_InstanceFT, Clone, 1);
SLOT(MI_InstanceFT, Destruct, 2);
SLOT(MI_InstanceFT, Delete, 3);
SLOT(MI_InstanceFT, IsA, 4);
SLOT(MI_InstanceFT, GetClassName, 5);
SLOT(MI_InstanceFT, SetNameSpace, 6);
SLOT(MI_InstanceFT, GetNameSpace, 7);
SLOT(MI_InstanceFT, GetElementCount, 8);
SLOT(MI_InstanceFT, AddElement, 9);
SLOT(MI_InstanceFT, SetElement, 10);
SLOT(MI_InstanceFT, SetElementAt, 11);
SLOT(MI_InstanceFT, GetElement, 12);
SLOT(MI_InstanceFT, GetElementAt, 13);
SLOT(MI_InstanceFT, ClearElement, 14);
SLOT(MI_InstanceFT, ClearElementAt, 15);
SLOT(MI_InstanceFT, GetServerName, 16);
SLOT(MI_InstanceFT, SetServerName, 17);
SLOT(MI_InstanceFT, GetClass, 18);
SLOTS(MI_InstanceExFT, 19);
SLOT(MI_InstanceExFT, Normalize, 19);

SLOTS(MI_ClassFT, 14);
SLOT(MI_ClassFT, GetClassName, 1);
SLOT(MI_ClassFT, GetNameSpace, 2);
SLOT(MI_ClassFT, GetServerName, 3);
SLOT(MI_ClassFT, GetElementCount, 4);
SLOT(MI_ClassFT, GetElement, 5);
SLOT(MI_ClassFT, GetElementAt, 6);
SLOT(MI_ClassFT, GetClassQualifierSet, 7);
SLOT(MI_ClassFT, GetMethodCount, 8);
SLOT(MI_ClassFT, GetMethodAt, 9);
SLOT(MI_ClassFT, GetMethod, 10);
SLOT(MI_ClassFT, GetParentClassName, 11);
SLOT(MI_ClassFT, GetParentClass, 12);
SLOT(MI_ClassFT, Delete, 13);
SLOT(MI_ClassFT, Clone, 14);

SLOTS(MI_QualifierSetFT, 3);
SLOT(MI_QualifierSetFT, GetQualifierCount, 1);
SLOT(MI_QualifierSetFT, GetQualifierAt, 2);
SLOT(MI_QualifierSetFT, GetQualifier, 3);

SLOTS(MI_ParameterSetFT, 4);
SLOT(MI_ParameterSetFT, GetMethodReturnType, 1);
SLOT(MI_ParameterSetFT, GetParameterCount, 2);
SLOT(MI_ParameterSetFT, GetParameterAt, 3);
SLOT(MI_ParameterSetFT, GetParameter, 4);

SLOTS(MI_DestinationOptionsFT, 15);
SLOT(MI_DestinationOptionsFT, Delete, 1);
SLOT(MI_DestinationOptionsFT, SetString, 2);
SLOT(MI_DestinationOptionsFT, SetNumber, 3);
SLOT(MI_DestinationOptionsFT, AddCredentials, 4);
SLOT(MI_DestinationOptionsFT, GetString, 5);
SLOT(MI_DestinationOptionsFT, GetNumber, 6);
SLOT(MI_DestinationOptionsFT, GetOptionCount, 7);
SLOT(MI_DestinationOptionsFT, GetOptionAt, 8);
SLOT(MI_DestinationOptionsFT, GetOption, 9);
SLOT(MI_DestinationOptionsFT, GetCredentialsCount, 10);
SLOT(MI_DestinationOptionsFT, GetCredentialsAt, 11);
SLOT(MI_DestinationOptionsFT, GetCredentialsPasswordAt, 12);
SLOT(MI_DestinationOptionsFT, Clone, 13);
SLOT(MI_DestinationOptionsFT, SetInterval, 14);
SLOT(MI_DestinationOptionsFT, GetInterval, 15);

SLOTS(MI_OperationOptionsFT, 13);
SLOT(MI_OperationOptionsFT, Delete, 1);
SLOT(MI_OperationOptionsFT, SetString, 2);
SLOT(MI_OperationOptionsFT, SetNumber, 3);
SLOT(MI_OperationOptionsFT, SetCustomOption, 4);
SLOT(MI_OperationOptionsFT, GetString, 5);
SLOT(MI_OperationOptionsFT, GetNumber, 6);
SLOT(MI_OperationOptionsFT, GetOptionCount, 7);
SLOT(MI_OperationOptionsFT, GetOptionAt, 8);
SLOT(MI_OperationOptionsFT, GetOption, 9);
SLOT(MI_OperationOptionsFT, GetEnabledChannels, 10);
SLOT(MI_OperationOptionsFT, Clone, 11);
SLOT(MI_OperationOptionsFT, SetInterval, 12);
SLOT(MI_OperationOptionsFT, GetInterval, 13);

SLOTS(MI_SubscriptionDeliveryOptionsFT, 17);
SLOT(MI_SubscriptionDeliveryOptionsFT, SetString, 1);
SLOT(MI_SubscriptionDeliveryOptionsFT, SetNumber, 2);
SLOT(MI_SubscriptionDeliveryOptionsFT, SetDateTime, 3);
SLOT(MI_SubscriptionDeliveryOptionsFT, SetInterval, 4);
SLOT(MI_SubscriptionDeliveryOptionsFT, AddCredentials, 5);
SLOT(MI_SubscriptionDeliveryOptionsFT, Delete, 6);
SLOT(MI_SubscriptionDeliveryOptionsFT, GetString, 7);
SLOT(MI_SubscriptionDeliveryOptionsFT, GetNumber, 8);
SLOT(MI_SubscriptionDeliveryOptionsFT, GetDateTime, 9);
SLOT(MI_SubscriptionDeliveryOptionsFT, GetInterval, 10);
SLOT(MI_SubscriptionDeliveryOptionsFT, GetOptionCount, 11);
SLOT(MI_SubscriptionDeliveryOptionsFT, GetOptionAt, 12);
SLOT(MI_SubscriptionDeliveryOptionsFT, GetOption, 13);
SLOT(MI_SubscriptionDeliveryOptionsFT, GetCredentialsCount, 14);
SLOT(MI_SubscriptionDeliveryOptionsFT, GetCredentialsAt, 15);
SLOT(MI_SubscriptionDeliveryOptionsFT, GetCredentialsPasswordAt, 16);
SLOT(MI_SubscriptionDeliveryOptionsFT, Clone, 17);

SLOTS(MI_SerializerFT, 3);
SLOT(MI_SerializerFT, Close, 1);
SLOT(MI_SerializerFT, SerializeClass, 2);
SLOT(MI_SerializerFT, SerializeInstance, 3);

SLOTS(MI_DeserializerFT, 6);
SLOT(MI_DeserializerFT, Close, 1);
SLOT(MI_DeserializerFT, DeserializeClass, 2);
SLOT(MI_DeserializerFT, Class_GetClassName, 3);
SLOT(MI_DeserializerFT, Class_GetParentClassName, 4);
SLOT(MI_DeserializerFT, DeserializeInstance, 5);
SLOT(MI_DeserializerFT, Instance_GetClassName, 6);

SLOTS(MI_UtilitiesFT, 2);
SLOT(MI_UtilitiesFT, MapErrorToMiErrorCategory, 1);
SLOT(MI_UtilitiesFT, CimErrorFromErrorCode, 2);

SLOTS(MI_HostedProviderFT, 2);
SLOT(MI_HostedProviderFT, Close, 1);
SLOT(MI_HostedProviderFT, GetApplication, 2);

SLOTS(MI_ClientFT_V1, 10);
SLOT(MI_ClientFT_V1, applicationFT, 1);
SLOT(MI_ClientFT_V1, sessionFT, 2);
SLOT(MI_ClientFT_V1, operationFT, 3);
SLOT(MI_ClientFT_V1, hostedProviderFT, 4);
SLOT(MI_ClientFT_V1, serializerFT, 5);
SLOT(MI_ClientFT_V1, deserializerFT, 6);
SLOT(MI_ClientFT_V1, subscribeDeliveryOptionsFT, 7);
SLOT(MI_ClientFT_V1, destinationOptionsFT, 8);
SLOT(MI_ClientFT_V1, operationOptionsFT, 9);
SLOT(MI_ClientFT_V1, utilitiesFT, 10);

SLOTS(MI_ProviderFT, 14);
SA(sizeof(MI_ProviderFT) == 112);
SLOT(MI_ProviderFT, Load, 1);
SLOT(MI_ProviderFT, Unload, 2);
SLOT(MI_ProviderFT, GetInstance, 3);
SLOT(MI_ProviderFT, EnumerateInstances, 4);
SLOT(MI_ProviderFT, CreateInstance, 5);
SLOT(MI_ProviderFT, ModifyInstance, 6);
SLOT(MI_ProviderFT, DeleteInstance, 7);
SLOT(MI_ProviderFT, AssociatorInstances, 8);
SLOT(MI_ProviderFT, ReferenceInstances, 9);
SLOT(MI_ProviderFT, EnableIndications, 10);
SLOT(MI_ProviderFT, DisableIndications, 11);
SLOT(MI_ProviderFT, Subscribe, 12);
SLOT(MI_ProviderFT, Unsubscribe, 13);
SLOT(MI_ProviderFT, Invoke, 14);

SLOTS(MI_ContextFT, 31);
SA(sizeof(MI_ContextFT) == 248);
SLOT(MI_ContextFT, PostResult, 1);
SLOT(MI_ContextFT, PostInstance, 2);
SLOT(MI_ContextFT, PostIndication, 3);
SLOT(MI_ContextFT, ConstructInstance, 4);
SLOT(MI_ContextFT, ConstructParameters, 5);
SLOT(MI_ContextFT, NewInstance, 6);
SLOT(MI_ContextFT, NewDynamicInstance, 7);
SLOT(MI_ContextFT, NewParameters, 8);
SLOT(MI_ContextFT, Canceled, 9);
SLOT(MI_ContextFT, GetLocale, 10);
SLOT(MI_ContextFT, RegisterCancel, 11);
SLOT(MI_ContextFT, RequestUnload, 12);
SLOT(MI_ContextFT, RefuseUnload, 13);
SLOT(MI_ContextFT, GetLocalSession, 14);
SLOT(MI_ContextFT, SetStringOption, 15);
SLOT(MI_ContextFT, GetStringOption, 16);
SLOT(MI_ContextFT, GetNumberOption, 17);
SLOT(MI_ContextFT, GetCustomOption, 18);
SLOT(MI_ContextFT, GetCustomOptionCount, 19);
SLOT(MI_ContextFT, GetCustomOptionAt, 20);
SLOT(MI_ContextFT, WriteMessage, 21);
SLOT(MI_ContextFT, WriteProgress, 22);
SLOT(MI_ContextFT, WriteStreamParameter, 23);
SLOT(MI_ContextFT, WriteCimError, 24);
SLOT(MI_ContextFT, PromptUser, 25);
SLOT(MI_ContextFT, ShouldProcess, 26);
SLOT(MI_ContextFT, ShouldContinue, 27);
SLOT(MI_ContextFT, PostError, 28);
SLOT(MI_ContextFT, PostCimError, 29);
SLOT(MI_ContextFT, WriteError, 30);
SLOT(MI_ContextFT, GetLifecycleIndicationContext, 31);

SLOTS(MI_LifecycleIndicationContextFT, 14);
SLOT(MI_LifecycleIndicationContextFT, PostCreate, 1);
SLOT(MI_LifecycleIndicationContextFT, PostModify, 2);
SLOT(MI_LifecycleIndicationContextFT, PostDelete, 3);
SLOT(MI_LifecycleIndicationContextFT, PostRead, 4);
SLOT(MI_LifecycleIndicationContextFT, PostMethodCall, 5);
SLOT(MI_LifecycleIndicationContextFT, PostResult, 6);
SLOT(MI_LifecycleIndicationContextFT, ConstructInstance, 7);
SLOT(MI_LifecycleIndicationContextFT, ConstructParameters, 8);
SLOT(MI_LifecycleIndicationContextFT, NewInstance, 9);
SLOT(MI_LifecycleIndicationContextFT, NewDynamicInstance, 10);
SLOT(MI_LifecycleIndicationContextFT, NewParameters, 11);
SLOT(MI_LifecycleIndicationContextFT, SetSupportedTypes, 12);
SLOT(MI_LifecycleIndicationContextFT, GetTypes, 13);
SLOT(MI_LifecycleIndicationContextFT, RegisterCallback, 14);

SLOTS(MI_ServerFT, 2);
SLOT(MI_ServerFT, GetVersion, 1);
SLOT(MI_ServerFT, GetSystemName, 2);

SLOTS(MI_PropertySetFT, 8);
SLOT(MI_PropertySetFT, GetElementCount, 1);
SLOT(MI_PropertySetFT, ContainsElement, 2);
SLOT(MI_PropertySetFT, AddElement, 3);
SLOT(MI_PropertySetFT, GetElementAt, 4);
SLOT(MI_PropertySetFT, Clear, 5);
SLOT(MI_PropertySetFT, Destruct, 6);
SLOT(MI_PropertySetFT, Delete, 7);
SLOT(MI_PropertySetFT, Clone, 8);

SLOTS(MI_FilterFT, 2);
SLOT(MI_FilterFT, Evaluate, 1);
SLOT(MI_FilterFT, GetExpression, 2);

/* --- helper macros --------------------------------------------------------- */

typedef struct
{
    MI_Instance __instance;
    MI_ConstUint32Field Count;
    MI_ConstStringField Name;
}
Values_Example;

/* MI_OFFSETOF is an address-constant expression: fine in static initialisers
 * (that is how generated schema.c uses it), checked at run time below. */
static const MI_PropertyDecl values_name_prop = {
    MI_FLAG_PROPERTY, 0x006E6504, "Name", NULL, 0, MI_STRING, NULL, 0,
    MI_OFFSETOF(Values_Example, Name), "Values_Example", "Values_Example", NULL };

typedef MI_Uint32 Values_Table[5];
SA(MI_COUNT((Values_Table){ 0 }) == 5);

/* --- run time: string constants ------------------------------------------ */

static void test_string_constants(void** state)
{
    (void)state;
    assert_string_equal(MI_RESULT_TYPE_MI, "MI");
    assert_string_equal(MI_RESULT_TYPE_HRESULT, "HRESULT");
    assert_string_equal(MI_RESULT_TYPE_WIN32, "WIN32");
    assert_string_equal(MI_RESULT_TYPE_ERRNO, "ERRNO");
    assert_string_equal(MI_RESULT_TYPE_WINRM, "WINRM");

    assert_string_equal(MI_QUERY_DIALECT_WQL, "WQL");
    assert_string_equal(MI_QUERY_DIALECT_CQL, "CQL");
    assert_string_equal(MI_QUERY_DIALECT_SELECTOR, "selectorFilter");

    assert_string_equal(MI_AUTH_TYPE_DEFAULT, "Default");
    assert_string_equal(MI_AUTH_TYPE_NONE, "None");
    assert_string_equal(MI_AUTH_TYPE_DIGEST, "Digest");
    assert_string_equal(MI_AUTH_TYPE_NEGO_WITH_CREDS, "NegoWithCreds");
    assert_string_equal(MI_AUTH_TYPE_NEGO_NO_CREDS, "NegoNoCreds");
    assert_string_equal(MI_AUTH_TYPE_BASIC, "Basic");
    assert_string_equal(MI_AUTH_TYPE_KERBEROS, "Kerberos");
    assert_string_equal(MI_AUTH_TYPE_CLIENT_CERTS, "ClientCerts");
    assert_string_equal(MI_AUTH_TYPE_NTLM, "Ntlmdomain");
    assert_string_equal(MI_AUTH_TYPE_CREDSSP, "CredSSP");
    assert_string_equal(MI_AUTH_TYPE_ISSUER_CERT, "IssuerCert");

    assert_string_equal(MI_DESTINATIONOPTIONS_TRANSPORT_HTTP, "HTTP");
    assert_string_equal(MI_DESTINATIONOPTIONS_TRANSPORT_HTTPS, "HTTPS");
    assert_string_equal(MI_DESTINATIONOPTIONS_TRANPSORT_HTTPS, "HTTPS");
    assert_string_equal(MI_DESTINATIONOPTIONS_PROXY_TYPE_IE, "IE");
    assert_string_equal(MI_DESTINATIONOPTIONS_PROXY_TYPE_WINHTTP, "WinHTTP");
    assert_string_equal(MI_DESTINATIONOPTIONS_PROXY_TYPE_AUTO, "Auto");
    assert_string_equal(MI_DESTINATIONOPTIONS_PROXY_TYPE_NONE, "None");
    assert_string_equal(MI_DESTINATIONOPTIONS_PACKET_ENCODING_DEFAULT, "default");
    assert_string_equal(MI_DESTINATIONOPTIONS_PACKET_ENCODING_UTF8, "UTF8");
    assert_string_equal(MI_DESTINATIONOPTIONS_PACKET_ENCODING_UTF16, "UTF16");

    assert_string_equal(MI_SUBSCRIBE_BOOKMARK_OLDEST, "MI_SUBSCRIBE_BOOKMARK_OLDEST");
    assert_string_equal(MI_SUBSCRIBE_BOOKMARK_NEWEST, "MI_SUBSCRIBE_BOOKMARK_NEWEST");

    assert_string_equal(MI_T("x"), "x");
}

/* --- run time: handle initialisers zero every member ---------------------- */

static void test_null_initializers(void** state)
{
    static const unsigned char zero[sizeof(MI_OperationCallbacks)];
    MI_Application app = MI_APPLICATION_NULL;
    MI_Session session = MI_SESSION_NULL;
    MI_Operation operation = MI_OPERATION_NULL;
    MI_HostedProvider hosted = MI_HOSTEDPROVIDER_NULL;
    MI_DestinationOptions dopts = MI_DESTINATIONOPTIONS_NULL;
    MI_OperationOptions oopts = MI_OPERATIONOPTIONS_NULL;
    MI_SubscriptionDeliveryOptions sopts = MI_SUBSCRIPTIONDELIVERYOPTIONS_NULL;
    MI_OperationCallbacks callbacks = MI_OPERATIONCALLBACKS_NULL;
    MI_SessionCallbacks sessionCallbacks = MI_SESSIONCALLBACKS_NULL;

    (void)state;
    assert_memory_equal(&app, zero, sizeof(app));
    assert_memory_equal(&session, zero, sizeof(session));
    assert_memory_equal(&operation, zero, sizeof(operation));
    assert_memory_equal(&hosted, zero, sizeof(hosted));
    assert_memory_equal(&dopts, zero, sizeof(dopts));
    assert_memory_equal(&oopts, zero, sizeof(oopts));
    assert_memory_equal(&sopts, zero, sizeof(sopts));
    assert_memory_equal(&callbacks, zero, sizeof(callbacks));
    assert_memory_equal(&sessionCallbacks, zero, sizeof(sessionCallbacks));
}

/* --- run time: MI_Value members alias the start of the union -------------- */

static void test_value_union(void** state)
{
    MI_Value value;
    MI_Char text[] = "abc";

    (void)state;
    memset(&value, 0, sizeof(value));
    value.string = text;
    assert_ptr_equal(value.array.data, text);
    value.uint32a.size = 7;
    assert_int_equal(value.stringa.size, 7);
    assert_int_equal(value.array.size, 7);
    value.datetime.isTimestamp = MI_TRUE;
    value.datetime.u.timestamp.utc = -60;
    assert_int_equal(value.datetime.u.interval.__padding3, (MI_Uint32)-60);
}

static void test_offsetof_macro(void** state)
{
    (void)state;
    assert_int_equal(MI_OFFSETOF(Values_Example, Count), offsetof(Values_Example, Count));
    assert_int_equal(MI_OFFSETOF(Values_Example, Name), 72);
    assert_int_equal(values_name_prop.offset, offsetof(Values_Example, Name));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_string_constants),
        cmocka_unit_test(test_null_initializers),
        cmocka_unit_test(test_value_union),
        cmocka_unit_test(test_offsetof_macro),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
