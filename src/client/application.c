/* application.c - MI_Application_InitializeV1 and the MI_ApplicationFT table.
 *
 * Implemented: Initialize, Close, NewInstance (dynamic, schema-bound, and parameter
 * sets), NewInstanceFromClass, NewClass, NewSession (local sessions, session.c), the
 * option objects (options.c), NewSerializer / NewDeserializer (serializer.c),
 * NewHostedProvider (hosted.c).
 */
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/str.h"
#include "cim/cim.h"
#include "client/client_int.h"
#include "client/hosted.h"
#include "client/options_int.h"
#include "client/serializer_int.h"
#include "client/session_int.h"

/* Longest applicationID accepted, in bytes. */
#define APP_ID_MAX 1024

struct mi_client_app {
    mi_client_obj hdr;
    char *id; /* applicationID (copy) or NULL */
};

struct mi_client_app *mi_client_app_get(const MI_Application *app)
{
    if (app == NULL)
        return NULL;
    return (struct mi_client_app *)mi_client_lookup(app->reserved1, app->reserved2,
                                                    MI_CLIENT_MAGIC_APPLICATION);
}

MI_Result MI_MAIN_CALL MI_Application_InitializeV1(MI_Uint32 flags,
                                                   const MI_Char *applicationID,
                                                   MI_Instance **extendedError,
                                                   MI_Application *application)
{
    MI_Result r = MI_RESULT_OK;
    struct mi_client_app *app = NULL;
    const char *why = NULL;
    size_t idlen = 0;

    if (extendedError != NULL)
        *extendedError = NULL;
    if (application == NULL) {
        r = MI_RESULT_INVALID_PARAMETER;
        why = "MI_Application_Initialize: application is NULL";
        goto out;
    }
    memset(application, 0, sizeof *application);
    if (flags != 0) {
        r = MI_RESULT_INVALID_PARAMETER;
        why = "MI_Application_Initialize: flags must be 0";
        goto out;
    }
    if (applicationID != NULL) {
        idlen = strnlen(applicationID, APP_ID_MAX + 1);
        if (idlen > APP_ID_MAX) {
            r = MI_RESULT_INVALID_PARAMETER;
            why = "MI_Application_Initialize: applicationID is longer than 1024 bytes";
            goto out;
        }
        if (!mi_utf8_valid(applicationID, idlen, NULL)) {
            r = MI_RESULT_INVALID_PARAMETER;
            why = "MI_Application_Initialize: applicationID is not valid UTF-8";
            goto out;
        }
    }
    app = mi_calloc(1, sizeof *app);
    if (app == NULL)
        goto out_nomem;
    if (applicationID != NULL) {
        app->id = mi_strndup(applicationID, idlen);
        if (app->id == NULL)
            goto out_free_app;
    }
    app->hdr.magic = MI_CLIENT_MAGIC_APPLICATION;
    mi_client_register(&app->hdr);
    application->reserved1 = MI_CLIENT_MAGIC_APPLICATION;
    application->reserved2 = (ptrdiff_t)app;
    application->ft = &mi_client_application_ft;
    goto out;

out_free_app:
    mi_free(app);
out_nomem:
    r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    why = "MI_Application_Initialize: out of memory";
out:
    if (r != MI_RESULT_OK)
        mi_client_set_extended_error(extendedError, r, why);
    return r;
}

static MI_Result MI_CALL app_close(MI_Application *application)
{
    struct mi_client_app *app = mi_client_app_get(application);

    if (app == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    /* Closes every session (cancelling their operations and waiting for them) and the
     * application's engine, before the handle dies. */
    mi_client_app_close_sessions(application);
    mi_client_unregister(&app->hdr);
    mi_free(app->id);
    mi_free(app);
    memset(application, 0, sizeof *application);
    return MI_RESULT_OK;
}

/* Local sessions on the in-process engine: see session.c. */
static MI_Result MI_CALL app_new_session(MI_Application *application, const MI_Char *protocol,
                                         const MI_Char *destination,
                                         MI_DestinationOptions *options,
                                         MI_SessionCallbacks *callbacks,
                                         MI_Instance **extendedError, MI_Session *session)
{
    return mi_client_new_session(application, protocol, destination, options, callbacks,
                                 extendedError, session);
}

/* Hosted providers: see hosted.c. */
static MI_Result MI_CALL app_new_hosted_provider(MI_Application *application,
                                                 const MI_Char *namespaceName,
                                                 const MI_Char *providerName,
                                                 MI_MainFunction mi_Main,
                                                 MI_Instance **extendedError,
                                                 MI_HostedProvider *provider)
{
    return mi_client_new_hosted_provider(application, namespaceName, providerName, mi_Main,
                                         extendedError, provider);
}

static MI_Result MI_CALL app_new_destination_options(MI_Application *application,
                                                     MI_DestinationOptions *options)
{
    if (mi_client_app_get(application) == NULL) {
        if (options != NULL)
            memset(options, 0, sizeof *options);
        return MI_RESULT_INVALID_PARAMETER;
    }
    return mi_client_new_destination_options(options);
}

static MI_Result MI_CALL app_new_operation_options(MI_Application *application,
                                                   MI_Boolean customOptionsMustUnderstand,
                                                   MI_OperationOptions *options)
{
    if (mi_client_app_get(application) == NULL) {
        if (options != NULL)
            memset(options, 0, sizeof *options);
        return MI_RESULT_INVALID_PARAMETER;
    }
    return mi_client_new_operation_options(customOptionsMustUnderstand, options);
}

static MI_Result MI_CALL app_new_subscription_options(
    MI_Application *application, MI_SubscriptionDeliveryType deliveryType,
    MI_SubscriptionDeliveryOptions *deliveryOptions)
{
    if (mi_client_app_get(application) == NULL) {
        if (deliveryOptions != NULL)
            memset(deliveryOptions, 0, sizeof *deliveryOptions);
        return MI_RESULT_INVALID_PARAMETER;
    }
    return mi_client_new_subscription_options(deliveryType, deliveryOptions);
}

/* flags must be 0; format "MI_XML" or "MI_MOF_CIMV2_EXTV1" (serializer.c). These
 * functions have no extendedError: the result says it all. */
static MI_Result MI_CALL app_new_serializer(MI_Application *application, MI_Uint32 flags,
                                            MI_Char *format, MI_Serializer *serializer)
{
    if (serializer != NULL)
        memset(serializer, 0, sizeof *serializer);
    if (mi_client_app_get(application) == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    return mi_client_new_serializer(flags, format, serializer);
}

static MI_Result MI_CALL app_new_deserializer(MI_Application *application, MI_Uint32 flags,
                                              MI_Char *format, MI_Deserializer *deserializer)
{
    if (deserializer != NULL)
        memset(deserializer, 0, sizeof *deserializer);
    if (mi_client_app_get(application) == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    return mi_client_new_deserializer(flags, format, deserializer);
}

/* className is required and must be a CIM identifier. classRTTI NULL: a dynamic
 * instance (meta type MI_FLAG_METHOD when className is "Parameters", as made by
 * MI_Application_NewParameterSet; MI_FLAG_CLASS otherwise). classRTTI a class decl:
 * a schema-bound instance of it; className must then be its name. classRTTI whose
 * flags have MI_FLAG_METHOD is an MI_MethodDecl (the parameter-set form, any
 * className): a schema-bound instance of its parameter struct, every parameter NULL.
 * The decl must outlive the instance. */
static MI_Result MI_CALL app_new_instance(MI_Application *application, const MI_Char *className,
                                          const MI_ClassDecl *classRTTI,
                                          MI_Instance **instance)
{
    MI_Result r = MI_RESULT_INVALID_PARAMETER;

    if (instance == NULL)
        goto out;
    *instance = NULL;
    if (mi_client_app_get(application) == NULL || className == NULL ||
        !mi_is_identifier(className))
        goto out;
    if (classRTTI == NULL) {
        r = mi_instance_new_dynamic(
            className, mi_name_eq(className, "Parameters") ? MI_FLAG_METHOD : MI_FLAG_CLASS,
            instance);
    } else if (classRTTI->flags & MI_FLAG_METHOD) {
        r = mi_instance_new(classRTTI, NULL, NULL, instance);
    } else if (classRTTI->name != NULL && mi_name_eq(className, classRTTI->name)) {
        r = mi_instance_new(classRTTI, NULL, NULL, instance);
    }
out:
    return r;
}

/* An instance typed by classObject's decl, in the class's namespace and server.
 * className may be NULL or must name the class. The instance refers to the class's
 * decl: the class must outlive it (the cim layer has no way yet for an instance to
 * keep a class-owned decl alive). */
static MI_Result MI_CALL app_new_instance_from_class(MI_Application *application,
                                                     const MI_Char *className,
                                                     const MI_Class *classObject,
                                                     MI_Instance **instance)
{
    MI_Result r = MI_RESULT_INVALID_PARAMETER;
    const MI_ClassDecl *cd;

    if (instance == NULL)
        goto out;
    *instance = NULL;
    if (mi_client_app_get(application) == NULL || classObject == NULL ||
        classObject->classDecl == NULL)
        goto out;
    cd = classObject->classDecl;
    if (cd->name == NULL || (className != NULL && !mi_name_eq(className, cd->name)))
        goto out;
    r = mi_instance_new_detached(cd, classObject->namespaceName, classObject->serverName, instance);
out:
    return r;
}

/* A class object over a copy of classDecl (the caller's decl need not outlive it). */
static MI_Result MI_CALL app_new_class(MI_Application *application,
                                       const MI_ClassDecl *classDecl,
                                       const MI_Char *namespaceName,
                                       const MI_Char *serverName, MI_Class **classObject)
{
    MI_Result r = MI_RESULT_INVALID_PARAMETER;

    if (classObject == NULL)
        goto out;
    *classObject = NULL;
    if (mi_client_app_get(application) == NULL || classDecl == NULL ||
        classDecl->name == NULL || !mi_is_identifier(classDecl->name) ||
        (classDecl->flags & MI_FLAG_METHOD))
        goto out;
    r = mi_class_new(classDecl, namespaceName, serverName, true, classObject);
out:
    return r;
}

const MI_ApplicationFT mi_client_application_ft = {
    app_close,
    app_new_session,
    app_new_hosted_provider,
    app_new_instance,
    app_new_destination_options,
    app_new_operation_options,
    app_new_subscription_options,
    app_new_serializer,
    app_new_deserializer,
    app_new_instance_from_class,
    app_new_class,
};
