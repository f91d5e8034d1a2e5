/* session.c - the MI_SessionFT table.
 *
 * MI_Application_NewSession is not implemented yet, so no valid session exists and
 * every entry here refuses. The operations still follow the result contract of mi.h:
 * *operation always becomes a handle that delivers exactly one final result
 * (MI_RESULT_NOT_SUPPORTED, or INVALID_PARAMETER for a NULL session) and must be
 * closed.
 */
#include <stdio.h>
#include <string.h>

#include "client/client_int.h"

/* Starts the failed operation for session function `what`. */
static void refuse(MI_Session *session, MI_Uint32 flags, MI_OperationCallbacks *callbacks,
                   mi_client_op_kind kind, const char *what, MI_Operation *operation)
{
    char msg[160];

    if (session == NULL) {
        snprintf(msg, sizeof msg, "%s: session is NULL", what);
        mi_client_op_fail(NULL, flags, callbacks, kind, MI_RESULT_INVALID_PARAMETER, msg,
                          operation);
        return;
    }
    snprintf(msg, sizeof msg, "%s is not supported yet by libmi (no session engine)", what);
    mi_client_op_fail(session, flags, callbacks, kind, MI_RESULT_NOT_SUPPORTED, msg,
                      operation);
}

static MI_Result MI_CALL session_close(MI_Session *session, void *completionContext,
                                       void (MI_CALL *completionCallback)(void *))
{
    (void)completionContext;
    (void)completionCallback;
    return session == NULL ? MI_RESULT_INVALID_PARAMETER : MI_RESULT_NOT_SUPPORTED;
}

static MI_Result MI_CALL session_get_application(MI_Session *session,
                                                 MI_Application *application)
{
    if (application != NULL)
        memset(application, 0, sizeof *application);
    if (session == NULL || application == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    return MI_RESULT_NOT_SUPPORTED;
}

static void MI_CALL session_get_instance(MI_Session *session, MI_Uint32 flags,
                                         MI_OperationOptions *options,
                                         const MI_Char *namespaceName,
                                         const MI_Instance *inboundInstance,
                                         MI_OperationCallbacks *callbacks,
                                         MI_Operation *operation)
{
    (void)options;
    (void)namespaceName;
    (void)inboundInstance;
    refuse(session, flags, callbacks, MI_CLIENT_OP_INSTANCE, "MI_Session_GetInstance",
           operation);
}

static void MI_CALL session_modify_instance(MI_Session *session, MI_Uint32 flags,
                                            MI_OperationOptions *options,
                                            const MI_Char *namespaceName,
                                            const MI_Instance *inboundInstance,
                                            MI_OperationCallbacks *callbacks,
                                            MI_Operation *operation)
{
    (void)options;
    (void)namespaceName;
    (void)inboundInstance;
    refuse(session, flags, callbacks, MI_CLIENT_OP_INSTANCE, "MI_Session_ModifyInstance",
           operation);
}

static void MI_CALL session_create_instance(MI_Session *session, MI_Uint32 flags,
                                            MI_OperationOptions *options,
                                            const MI_Char *namespaceName,
                                            const MI_Instance *inboundInstance,
                                            MI_OperationCallbacks *callbacks,
                                            MI_Operation *operation)
{
    (void)options;
    (void)namespaceName;
    (void)inboundInstance;
    refuse(session, flags, callbacks, MI_CLIENT_OP_INSTANCE, "MI_Session_CreateInstance",
           operation);
}

static void MI_CALL session_delete_instance(MI_Session *session, MI_Uint32 flags,
                                            MI_OperationOptions *options,
                                            const MI_Char *namespaceName,
                                            const MI_Instance *inboundInstance,
                                            MI_OperationCallbacks *callbacks,
                                            MI_Operation *operation)
{
    (void)options;
    (void)namespaceName;
    (void)inboundInstance;
    refuse(session, flags, callbacks, MI_CLIENT_OP_INSTANCE, "MI_Session_DeleteInstance",
           operation);
}

static void MI_CALL session_invoke(MI_Session *session, MI_Uint32 flags,
                                   MI_OperationOptions *options, const MI_Char *namespaceName,
                                   const MI_Char *className, const MI_Char *methodName,
                                   const MI_Instance *inboundInstance,
                                   const MI_Instance *inboundProperties,
                                   MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    (void)options;
    (void)namespaceName;
    (void)className;
    (void)methodName;
    (void)inboundInstance;
    (void)inboundProperties;
    refuse(session, flags, callbacks, MI_CLIENT_OP_INSTANCE, "MI_Session_Invoke", operation);
}

static void MI_CALL session_enumerate_instances(MI_Session *session, MI_Uint32 flags,
                                                MI_OperationOptions *options,
                                                const MI_Char *namespaceName,
                                                const MI_Char *className, MI_Boolean keysOnly,
                                                MI_OperationCallbacks *callbacks,
                                                MI_Operation *operation)
{
    (void)options;
    (void)namespaceName;
    (void)className;
    (void)keysOnly;
    refuse(session, flags, callbacks, MI_CLIENT_OP_INSTANCE, "MI_Session_EnumerateInstances",
           operation);
}

static void MI_CALL session_query_instances(MI_Session *session, MI_Uint32 flags,
                                            MI_OperationOptions *options,
                                            const MI_Char *namespaceName,
                                            const MI_Char *queryDialect,
                                            const MI_Char *queryExpression,
                                            MI_OperationCallbacks *callbacks,
                                            MI_Operation *operation)
{
    (void)options;
    (void)namespaceName;
    (void)queryDialect;
    (void)queryExpression;
    refuse(session, flags, callbacks, MI_CLIENT_OP_INSTANCE, "MI_Session_QueryInstances",
           operation);
}

static void MI_CALL session_associator_instances(
    MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
    const MI_Char *namespaceName, const MI_Instance *instanceKeys, const MI_Char *assocClass,
    const MI_Char *resultClass, const MI_Char *role, const MI_Char *resultRole,
    MI_Boolean keysOnly, MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    (void)options;
    (void)namespaceName;
    (void)instanceKeys;
    (void)assocClass;
    (void)resultClass;
    (void)role;
    (void)resultRole;
    (void)keysOnly;
    refuse(session, flags, callbacks, MI_CLIENT_OP_INSTANCE, "MI_Session_AssociatorInstances",
           operation);
}

static void MI_CALL session_reference_instances(MI_Session *session, MI_Uint32 flags,
                                                MI_OperationOptions *options,
                                                const MI_Char *namespaceName,
                                                const MI_Instance *instanceKeys,
                                                const MI_Char *resultClass,
                                                const MI_Char *role, MI_Boolean keysOnly,
                                                MI_OperationCallbacks *callbacks,
                                                MI_Operation *operation)
{
    (void)options;
    (void)namespaceName;
    (void)instanceKeys;
    (void)resultClass;
    (void)role;
    (void)keysOnly;
    refuse(session, flags, callbacks, MI_CLIENT_OP_INSTANCE, "MI_Session_ReferenceInstances",
           operation);
}

static void MI_CALL session_subscribe(MI_Session *session, MI_Uint32 flags,
                                      MI_OperationOptions *options,
                                      const MI_Char *namespaceName,
                                      const MI_Char *queryDialect,
                                      const MI_Char *queryExpression,
                                      const MI_SubscriptionDeliveryOptions *deliverOptions,
                                      MI_OperationCallbacks *callbacks,
                                      MI_Operation *operation)
{
    (void)options;
    (void)namespaceName;
    (void)queryDialect;
    (void)queryExpression;
    (void)deliverOptions;
    refuse(session, flags, callbacks, MI_CLIENT_OP_INDICATION, "MI_Session_Subscribe",
           operation);
}

static void MI_CALL session_get_class(MI_Session *session, MI_Uint32 flags,
                                      MI_OperationOptions *options,
                                      const MI_Char *namespaceName, const MI_Char *className,
                                      MI_OperationCallbacks *callbacks,
                                      MI_Operation *operation)
{
    (void)options;
    (void)namespaceName;
    (void)className;
    refuse(session, flags, callbacks, MI_CLIENT_OP_CLASS, "MI_Session_GetClass", operation);
}

static void MI_CALL session_enumerate_classes(MI_Session *session, MI_Uint32 flags,
                                              MI_OperationOptions *options,
                                              const MI_Char *namespaceName,
                                              const MI_Char *className,
                                              MI_Boolean classNamesOnly,
                                              MI_OperationCallbacks *callbacks,
                                              MI_Operation *operation)
{
    (void)options;
    (void)namespaceName;
    (void)className;
    (void)classNamesOnly;
    refuse(session, flags, callbacks, MI_CLIENT_OP_CLASS, "MI_Session_EnumerateClasses",
           operation);
}

static void MI_CALL session_test_connection(MI_Session *session, MI_Uint32 flags,
                                            MI_OperationCallbacks *callbacks,
                                            MI_Operation *operation)
{
    refuse(session, flags, callbacks, MI_CLIENT_OP_INSTANCE, "MI_Session_TestConnection",
           operation);
}

const MI_SessionFT mi_client_session_ft = {
    session_close,
    session_get_application,
    session_get_instance,
    session_modify_instance,
    session_create_instance,
    session_delete_instance,
    session_invoke,
    session_enumerate_instances,
    session_query_instances,
    session_associator_instances,
    session_reference_instances,
    session_subscribe,
    session_get_class,
    session_enumerate_classes,
    session_test_connection,
};
