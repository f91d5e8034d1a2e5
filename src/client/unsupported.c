/* unsupported.c - function tables of client objects that cannot be created yet:
 * hosted providers, serializers and deserializers (the option objects are in
 * options.c). Their MI_Application_New* functions return
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
