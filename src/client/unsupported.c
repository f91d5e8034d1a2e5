/* unsupported.c - function tables of client objects that cannot be created yet:
 * hosted providers, serializers, deserializers, destination / operation / subscription
 * delivery options. Their MI_Application_New* functions return
 * MI_RESULT_NOT_SUPPORTED, so no valid object of these kinds exists; every entry here
 * clears its outputs and returns MI_RESULT_NOT_SUPPORTED (INVALID_PARAMETER when the
 * object pointer is NULL). Entries that take a cimErrorDetails out parameter store an
 * error instance there whose Message names the function.
 */
#include <stdio.h>
#include <string.h>

#include "client/client_int.h"

/* Result for an entry of a not-yet-supported object: INVALID_PARAMETER for a NULL
 * object, NOT_SUPPORTED otherwise. */
static MI_Result refuse(const void *object)
{
    return object == NULL ? MI_RESULT_INVALID_PARAMETER : MI_RESULT_NOT_SUPPORTED;
}

/* Same, also giving the reason in *details when requested. */
static MI_Result refuse_with_details(const void *object, MI_Instance **details,
                                     const char *what)
{
    MI_Result r = refuse(object);
    char msg[160];

    if (details == NULL)
        return r;
    snprintf(msg, sizeof msg, "%s: %s", what,
             r == MI_RESULT_INVALID_PARAMETER ? "the deserializer is NULL"
                                              : "not supported yet by libmi");
    mi_client_set_extended_error(details, r, msg);
    return r;
}

static void clear_u32(MI_Uint32 *p)
{
    if (p != NULL)
        *p = 0;
}

static void clear_str(const MI_Char **p)
{
    if (p != NULL)
        *p = NULL;
}

/* ---------------------------------------------------------------- hosted provider */

static MI_Result MI_CALL hp_close(MI_HostedProvider *hostedProvider)
{
    return refuse(hostedProvider);
}

static MI_Result MI_CALL hp_get_application(MI_HostedProvider *hostedProvider,
                                            MI_Application *application)
{
    if (application != NULL)
        memset(application, 0, sizeof *application);
    return refuse(hostedProvider);
}

const MI_HostedProviderFT mi_client_hosted_provider_ft = {
    hp_close,
    hp_get_application,
};

/* ---------------------------------------------------------------- serializer */

static MI_Result MI_CALL ser_close(MI_Serializer *serializer)
{
    return refuse(serializer);
}

static MI_Result MI_CALL ser_class(MI_Serializer *serializer, MI_Uint32 flags,
                                   const MI_Class *classObject, MI_Uint8 *clientBuffer,
                                   MI_Uint32 clientBufferLength, MI_Uint32 *clientBufferNeeded)
{
    (void)flags;
    (void)classObject;
    (void)clientBuffer;
    (void)clientBufferLength;
    clear_u32(clientBufferNeeded);
    return refuse(serializer);
}

static MI_Result MI_CALL ser_instance(MI_Serializer *serializer, MI_Uint32 flags,
                                      const MI_Instance *instanceObject, MI_Uint8 *clientBuffer,
                                      MI_Uint32 clientBufferLength,
                                      MI_Uint32 *clientBufferNeeded)
{
    (void)flags;
    (void)instanceObject;
    (void)clientBuffer;
    (void)clientBufferLength;
    clear_u32(clientBufferNeeded);
    return refuse(serializer);
}

const MI_SerializerFT mi_client_serializer_ft = {
    ser_close,
    ser_class,
    ser_instance,
};

/* ---------------------------------------------------------------- deserializer */

static MI_Result MI_CALL des_close(MI_Deserializer *deserializer)
{
    return refuse(deserializer);
}

static MI_Result MI_CALL des_class(MI_Deserializer *deserializer, MI_Uint32 flags,
                                   MI_Uint8 *serializedBuffer, MI_Uint32 serializedBufferLength,
                                   MI_Class *parentClass, const MI_Char *serverName,
                                   const MI_Char *namespaceName,
                                   MI_Deserializer_ClassObjectNeeded classObjectNeeded,
                                   void *classObjectNeededContext,
                                   MI_Uint32 *serializedBufferRead, MI_Class **classObject,
                                   MI_Instance **cimErrorDetails)
{
    (void)flags;
    (void)serializedBuffer;
    (void)serializedBufferLength;
    (void)parentClass;
    (void)serverName;
    (void)namespaceName;
    (void)classObjectNeeded;
    (void)classObjectNeededContext;
    clear_u32(serializedBufferRead);
    if (classObject != NULL)
        *classObject = NULL;
    return refuse_with_details(deserializer, cimErrorDetails,
                               "MI_Deserializer_DeserializeClass");
}

static MI_Result MI_CALL des_class_name(MI_Deserializer *deserializer,
                                        MI_Uint8 *serializedBuffer,
                                        MI_Uint32 serializedBufferLength, MI_Char *className,
                                        MI_Uint32 *classNameLength,
                                        MI_Instance **cimErrorDetails)
{
    (void)serializedBuffer;
    (void)serializedBufferLength;
    (void)className;
    (void)classNameLength;
    return refuse_with_details(deserializer, cimErrorDetails,
                               "MI_Deserializer_Class_GetClassName");
}

static MI_Result MI_CALL des_parent_class_name(MI_Deserializer *deserializer,
                                               MI_Uint8 *serializedBuffer,
                                               MI_Uint32 serializedBufferLength,
                                               MI_Char *parentClassName,
                                               MI_Uint32 *parentClassNameLength,
                                               MI_Instance **cimErrorDetails)
{
    (void)serializedBuffer;
    (void)serializedBufferLength;
    (void)parentClassName;
    (void)parentClassNameLength;
    return refuse_with_details(deserializer, cimErrorDetails,
                               "MI_Deserializer_Class_GetParentClassName");
}

static MI_Result MI_CALL des_instance(MI_Deserializer *deserializer, MI_Uint32 flags,
                                      MI_Uint8 *serializedBuffer,
                                      MI_Uint32 serializedBufferLength,
                                      MI_Class **classObjects, MI_Uint32 numberClassObjects,
                                      MI_Deserializer_ClassObjectNeeded classObjectNeeded,
                                      void *classObjectNeededContext,
                                      MI_Uint32 *serializedBufferRead,
                                      MI_Instance **instanceObject,
                                      MI_Instance **cimErrorDetails)
{
    (void)flags;
    (void)serializedBuffer;
    (void)serializedBufferLength;
    (void)classObjects;
    (void)numberClassObjects;
    (void)classObjectNeeded;
    (void)classObjectNeededContext;
    clear_u32(serializedBufferRead);
    if (instanceObject != NULL)
        *instanceObject = NULL;
    return refuse_with_details(deserializer, cimErrorDetails,
                               "MI_Deserializer_DeserializeInstance");
}

static MI_Result MI_CALL des_instance_class_name(MI_Deserializer *deserializer,
                                                 MI_Uint8 *serializedBuffer,
                                                 MI_Uint32 serializedBufferLength,
                                                 MI_Char *className,
                                                 MI_Uint32 *classNameLength,
                                                 MI_Instance **cimErrorDetails)
{
    (void)serializedBuffer;
    (void)serializedBufferLength;
    (void)className;
    (void)classNameLength;
    return refuse_with_details(deserializer, cimErrorDetails,
                               "MI_Deserializer_Instance_GetClassName");
}

const MI_DeserializerFT mi_client_deserializer_ft = {
    des_close,
    des_class,
    des_class_name,
    des_parent_class_name,
    des_instance,
    des_instance_class_name,
};

/* ---------------------------------------------------------------- destination options */

static void MI_CALL do_delete(MI_DestinationOptions *options)
{
    (void)options;
}

static MI_Result MI_CALL do_set_string(MI_DestinationOptions *options,
                                       const MI_Char *optionName, const MI_Char *value,
                                       MI_Uint32 flags)
{
    (void)optionName;
    (void)value;
    (void)flags;
    return refuse(options);
}

static MI_Result MI_CALL do_set_number(MI_DestinationOptions *options,
                                       const MI_Char *optionName, MI_Uint32 value,
                                       MI_Uint32 flags)
{
    (void)optionName;
    (void)value;
    (void)flags;
    return refuse(options);
}

static MI_Result MI_CALL do_add_credentials(MI_DestinationOptions *options,
                                            const MI_Char *optionName,
                                            const MI_UserCredentials *credentials,
                                            MI_Uint32 flags)
{
    (void)optionName;
    (void)credentials;
    (void)flags;
    return refuse(options);
}

static MI_Result MI_CALL do_get_string(const MI_DestinationOptions *options,
                                       const MI_Char *optionName, const MI_Char **value,
                                       MI_Uint32 *index, MI_Uint32 *flags)
{
    (void)optionName;
    clear_str(value);
    clear_u32(index);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL do_get_number(const MI_DestinationOptions *options,
                                       const MI_Char *optionName, MI_Uint32 *value,
                                       MI_Uint32 *index, MI_Uint32 *flags)
{
    (void)optionName;
    clear_u32(value);
    clear_u32(index);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL do_get_option_count(const MI_DestinationOptions *options,
                                             MI_Uint32 *count)
{
    clear_u32(count);
    return refuse(options);
}

static MI_Result MI_CALL do_get_option_at(const MI_DestinationOptions *options,
                                          MI_Uint32 index, const MI_Char **optionName,
                                          MI_Value *value, MI_Type *type, MI_Uint32 *flags)
{
    (void)index;
    (void)value;
    (void)type;
    clear_str(optionName);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL do_get_option(const MI_DestinationOptions *options,
                                       const MI_Char *optionName, MI_Value *value,
                                       MI_Type *type, MI_Uint32 *index, MI_Uint32 *flags)
{
    (void)optionName;
    (void)value;
    (void)type;
    clear_u32(index);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL do_get_credentials_count(const MI_DestinationOptions *options,
                                                  MI_Uint32 *count)
{
    clear_u32(count);
    return refuse(options);
}

static MI_Result MI_CALL do_get_credentials_at(const MI_DestinationOptions *options,
                                               MI_Uint32 index, const MI_Char **optionName,
                                               MI_UserCredentials *credentials,
                                               MI_Uint32 *flags)
{
    (void)index;
    clear_str(optionName);
    if (credentials != NULL)
        memset(credentials, 0, sizeof *credentials);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL do_get_credentials_password_at(
    const MI_DestinationOptions *options, MI_Uint32 index, const MI_Char **optionName,
    MI_Char *password, MI_Uint32 bufferLength, MI_Uint32 *passwordLength, MI_Uint32 *flags)
{
    (void)index;
    clear_str(optionName);
    if (password != NULL && bufferLength > 0)
        password[0] = '\0';
    clear_u32(passwordLength);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL do_clone(const MI_DestinationOptions *self,
                                  MI_DestinationOptions *newDestinationOptions)
{
    if (newDestinationOptions != NULL)
        memset(newDestinationOptions, 0, sizeof *newDestinationOptions);
    return refuse(self);
}

static MI_Result MI_CALL do_set_interval(MI_DestinationOptions *options,
                                         const MI_Char *optionName, const MI_Interval *value,
                                         MI_Uint32 flags)
{
    (void)optionName;
    (void)value;
    (void)flags;
    return refuse(options);
}

static MI_Result MI_CALL do_get_interval(const MI_DestinationOptions *options,
                                         const MI_Char *optionName, MI_Interval *value,
                                         MI_Uint32 *index, MI_Uint32 *flags)
{
    (void)optionName;
    (void)value;
    clear_u32(index);
    clear_u32(flags);
    return refuse(options);
}

const MI_DestinationOptionsFT mi_client_destination_options_ft = {
    do_delete,
    do_set_string,
    do_set_number,
    do_add_credentials,
    do_get_string,
    do_get_number,
    do_get_option_count,
    do_get_option_at,
    do_get_option,
    do_get_credentials_count,
    do_get_credentials_at,
    do_get_credentials_password_at,
    do_clone,
    do_set_interval,
    do_get_interval,
};

/* ---------------------------------------------------------------- operation options */

static void MI_CALL oo_delete(MI_OperationOptions *options)
{
    (void)options;
}

static MI_Result MI_CALL oo_set_string(MI_OperationOptions *options, const MI_Char *optionName,
                                       const MI_Char *value, MI_Uint32 flags)
{
    (void)optionName;
    (void)value;
    (void)flags;
    return refuse(options);
}

static MI_Result MI_CALL oo_set_number(MI_OperationOptions *options, const MI_Char *optionName,
                                       MI_Uint32 value, MI_Uint32 flags)
{
    (void)optionName;
    (void)value;
    (void)flags;
    return refuse(options);
}

static MI_Result MI_CALL oo_set_custom_option(MI_OperationOptions *options,
                                              const MI_Char *optionName, MI_Type valueType,
                                              const MI_Value *value, MI_Boolean mustComply,
                                              MI_Uint32 flags)
{
    (void)optionName;
    (void)valueType;
    (void)value;
    (void)mustComply;
    (void)flags;
    return refuse(options);
}

static MI_Result MI_CALL oo_get_string(const MI_OperationOptions *options,
                                       const MI_Char *optionName, const MI_Char **value,
                                       MI_Uint32 *index, MI_Uint32 *flags)
{
    (void)optionName;
    clear_str(value);
    clear_u32(index);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL oo_get_number(const MI_OperationOptions *options,
                                       const MI_Char *optionName, MI_Uint32 *value,
                                       MI_Uint32 *index, MI_Uint32 *flags)
{
    (void)optionName;
    clear_u32(value);
    clear_u32(index);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL oo_get_option_count(const MI_OperationOptions *options,
                                             MI_Uint32 *count)
{
    clear_u32(count);
    return refuse(options);
}

static MI_Result MI_CALL oo_get_option_at(const MI_OperationOptions *options, MI_Uint32 index,
                                          const MI_Char **optionName, MI_Value *value,
                                          MI_Type *type, MI_Uint32 *flags)
{
    (void)index;
    (void)value;
    (void)type;
    clear_str(optionName);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL oo_get_option(const MI_OperationOptions *options,
                                       const MI_Char *optionName, MI_Value *value,
                                       MI_Type *type, MI_Uint32 *index, MI_Uint32 *flags)
{
    (void)optionName;
    (void)value;
    (void)type;
    clear_u32(index);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL oo_get_enabled_channels(const MI_OperationOptions *options,
                                                 const MI_Char *optionName,
                                                 MI_Uint32 *channels, MI_Uint32 bufferLength,
                                                 MI_Uint32 *channelCount, MI_Uint32 *flags)
{
    (void)optionName;
    (void)channels;
    (void)bufferLength;
    clear_u32(channelCount);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL oo_clone(const MI_OperationOptions *self,
                                  MI_OperationOptions *newOperationOptions)
{
    if (newOperationOptions != NULL)
        memset(newOperationOptions, 0, sizeof *newOperationOptions);
    return refuse(self);
}

static MI_Result MI_CALL oo_set_interval(MI_OperationOptions *options,
                                         const MI_Char *optionName, const MI_Interval *value,
                                         MI_Uint32 flags)
{
    (void)optionName;
    (void)value;
    (void)flags;
    return refuse(options);
}

static MI_Result MI_CALL oo_get_interval(const MI_OperationOptions *options,
                                         const MI_Char *optionName, MI_Interval *value,
                                         MI_Uint32 *index, MI_Uint32 *flags)
{
    (void)optionName;
    (void)value;
    clear_u32(index);
    clear_u32(flags);
    return refuse(options);
}

const MI_OperationOptionsFT mi_client_operation_options_ft = {
    oo_delete,
    oo_set_string,
    oo_set_number,
    oo_set_custom_option,
    oo_get_string,
    oo_get_number,
    oo_get_option_count,
    oo_get_option_at,
    oo_get_option,
    oo_get_enabled_channels,
    oo_clone,
    oo_set_interval,
    oo_get_interval,
};

/* ---------------------------------------------------------------- subscription options */

static MI_Result MI_CALL so_set_string(MI_SubscriptionDeliveryOptions *options,
                                       const MI_Char *optionName, const MI_Char *value,
                                       MI_Uint32 flags)
{
    (void)optionName;
    (void)value;
    (void)flags;
    return refuse(options);
}

static MI_Result MI_CALL so_set_number(MI_SubscriptionDeliveryOptions *options,
                                       const MI_Char *optionName, MI_Uint32 value,
                                       MI_Uint32 flags)
{
    (void)optionName;
    (void)value;
    (void)flags;
    return refuse(options);
}

static MI_Result MI_CALL so_set_datetime(MI_SubscriptionDeliveryOptions *options,
                                         const MI_Char *optionName, const MI_Datetime *value,
                                         MI_Uint32 flags)
{
    (void)optionName;
    (void)value;
    (void)flags;
    return refuse(options);
}

static MI_Result MI_CALL so_set_interval(MI_SubscriptionDeliveryOptions *options,
                                         const MI_Char *optionName, const MI_Interval *value,
                                         MI_Uint32 flags)
{
    (void)optionName;
    (void)value;
    (void)flags;
    return refuse(options);
}

static MI_Result MI_CALL so_add_credentials(MI_SubscriptionDeliveryOptions *options,
                                            const MI_Char *optionName,
                                            const MI_UserCredentials *credentials,
                                            MI_Uint32 flags)
{
    (void)optionName;
    (void)credentials;
    (void)flags;
    return refuse(options);
}

static MI_Result MI_CALL so_delete(MI_SubscriptionDeliveryOptions *self)
{
    return refuse(self);
}

static MI_Result MI_CALL so_get_string(const MI_SubscriptionDeliveryOptions *options,
                                       const MI_Char *optionName, const MI_Char **value,
                                       MI_Uint32 *index, MI_Uint32 *flags)
{
    (void)optionName;
    clear_str(value);
    clear_u32(index);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL so_get_number(const MI_SubscriptionDeliveryOptions *options,
                                       const MI_Char *optionName, MI_Uint32 *value,
                                       MI_Uint32 *index, MI_Uint32 *flags)
{
    (void)optionName;
    clear_u32(value);
    clear_u32(index);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL so_get_datetime(const MI_SubscriptionDeliveryOptions *options,
                                         const MI_Char *optionName, MI_Datetime *value,
                                         MI_Uint32 *index, MI_Uint32 *flags)
{
    (void)optionName;
    (void)value;
    clear_u32(index);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL so_get_interval(const MI_SubscriptionDeliveryOptions *options,
                                         const MI_Char *optionName, MI_Interval *value,
                                         MI_Uint32 *index, MI_Uint32 *flags)
{
    (void)optionName;
    (void)value;
    clear_u32(index);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL so_get_option_count(const MI_SubscriptionDeliveryOptions *options,
                                             MI_Uint32 *count)
{
    clear_u32(count);
    return refuse(options);
}

static MI_Result MI_CALL so_get_option_at(const MI_SubscriptionDeliveryOptions *options,
                                          MI_Uint32 index, const MI_Char **optionName,
                                          MI_Value *value, MI_Type *type, MI_Uint32 *flags)
{
    (void)index;
    (void)value;
    (void)type;
    clear_str(optionName);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL so_get_option(const MI_SubscriptionDeliveryOptions *options,
                                       const MI_Char *optionName, MI_Value *value,
                                       MI_Type *type, MI_Uint32 *index, MI_Uint32 *flags)
{
    (void)optionName;
    (void)value;
    (void)type;
    clear_u32(index);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL so_get_credentials_count(const MI_SubscriptionDeliveryOptions *options,
                                                  MI_Uint32 *count)
{
    clear_u32(count);
    return refuse(options);
}

static MI_Result MI_CALL so_get_credentials_at(const MI_SubscriptionDeliveryOptions *options,
                                               MI_Uint32 index, const MI_Char **optionName,
                                               MI_UserCredentials *credentials,
                                               MI_Uint32 *flags)
{
    (void)index;
    clear_str(optionName);
    if (credentials != NULL)
        memset(credentials, 0, sizeof *credentials);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL so_get_credentials_password_at(
    const MI_SubscriptionDeliveryOptions *options, MI_Uint32 index, const MI_Char **optionName,
    MI_Char *password, MI_Uint32 bufferLength, MI_Uint32 *passwordLength, MI_Uint32 *flags)
{
    (void)index;
    clear_str(optionName);
    if (password != NULL && bufferLength > 0)
        password[0] = '\0';
    clear_u32(passwordLength);
    clear_u32(flags);
    return refuse(options);
}

static MI_Result MI_CALL so_clone(const MI_SubscriptionDeliveryOptions *self,
                                  MI_SubscriptionDeliveryOptions *newSubscriptionDeliveryOptions)
{
    if (newSubscriptionDeliveryOptions != NULL)
        memset(newSubscriptionDeliveryOptions, 0, sizeof *newSubscriptionDeliveryOptions);
    return refuse(self);
}

const MI_SubscriptionDeliveryOptionsFT mi_client_subscription_options_ft = {
    so_set_string,
    so_set_number,
    so_set_datetime,
    so_set_interval,
    so_add_credentials,
    so_delete,
    so_get_string,
    so_get_number,
    so_get_datetime,
    so_get_interval,
    so_get_option_count,
    so_get_option_at,
    so_get_option,
    so_get_credentials_count,
    so_get_credentials_at,
    so_get_credentials_password_at,
    so_clone,
};
