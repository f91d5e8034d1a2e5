/* client_int.h - internals shared by the files of src/client (the MI client API:
 * MI_Application, MI_Session, MI_Operation and the other client handles).
 *
 * Handles. A client handle is a small struct the program owns and copies by value
 * ({reserved1, reserved2, ft}). The library keeps the state behind it:
 *   reserved1 = the magic number of the handle's kind,
 *   reserved2 = the address of the state object (which starts with mi_client_obj).
 * Every live state object is on one registry list, so a handle is valid only if its
 * reserved2 names a registered object of the right kind: a handle that was closed, a
 * copy of one, a zeroed one or garbage is rejected with MI_RESULT_INVALID_PARAMETER
 * and never dereferenced.
 *
 * Layer: uses cim (instances, classes) and base.
 */
#ifndef MI_CLIENT_CLIENT_INT_H
#define MI_CLIENT_CLIENT_INT_H

#include <mi.h>
#include <stdbool.h>
#include <stdint.h>

/* Magic numbers of the handle kinds (ASCII tags, for recognising them in a debugger). */
#define MI_CLIENT_MAGIC_APPLICATION UINT64_C(0x4d494170706c6963) /* "MIApplic" */
#define MI_CLIENT_MAGIC_OPERATION   UINT64_C(0x4d494f7065726174) /* "MIOperat" */

/* Header of every state object behind a handle. */
typedef struct mi_client_obj {
    uint64_t magic;
    struct mi_client_obj *prev, *next; /* registry list */
} mi_client_obj;

/* Adds obj (its magic already set) to the registry of live objects. */
void mi_client_register(mi_client_obj *obj);
/* Removes obj from the registry and clears its magic; the caller then frees it. */
void mi_client_unregister(mi_client_obj *obj);
/* The registered object named by a handle's reserved fields if it has kind `magic`,
 * else NULL. Reads only the registry, never the memory reserved2 points to unless it
 * is registered. */
mi_client_obj *mi_client_lookup(MI_Uint64 reserved1, ptrdiff_t reserved2, uint64_t magic);

/* The state of an application handle (mi_client_lookup with the application magic).
 * NULL if `app` is NULL or not a live application. */
struct mi_client_app;
struct mi_client_app *mi_client_app_get(const MI_Application *app);

/* ---------------------------------------------------------------- errors */

/* A new error instance (OMI_Error, a CIM_Error subclass) for an MI_Result and a
 * message; see MI_Utilities_CimErrorFromErrorCode. *out is NULL on failure. */
MI_Result mi_client_error_instance(MI_Result code, const char *message, MI_Instance **out);

/* Stores an error instance for (code, message) in *extendedError when the caller asked
 * for one (extendedError not NULL); stores NULL if it cannot be built. */
void mi_client_set_extended_error(MI_Instance **extendedError, MI_Result code,
                                  const char *message);

/* ---------------------------------------------------------------- operations */

/* Which result callback and which MI_Operation_Get* belong to an operation. */
typedef enum mi_client_op_kind {
    MI_CLIENT_OP_INSTANCE, /* instanceResult / MI_Operation_GetInstance */
    MI_CLIENT_OP_INDICATION, /* indicationResult / MI_Operation_GetIndication */
    MI_CLIENT_OP_CLASS, /* classResult / MI_Operation_GetClass */
} mi_client_op_kind;

/* Starts an operation whose only result is the final one: `code` with `message`
 * (copied) and an error instance built from them. *operation becomes a valid handle
 * that the program must close. Asynchronous mode (the callback matching `kind` is
 * set): the callback runs once, before this function returns, with moreResults FALSE
 * (and resultAcknowledgement set when flags has MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS).
 * Synchronous mode: MI_Operation_Get* returns that final result.
 * If memory runs out, *operation is zeroed and the callback (if any) is called once
 * with operation NULL and MI_RESULT_SERVER_LIMITS_EXCEEDED. */
void mi_client_op_fail(const MI_Session *session, MI_Uint32 flags,
                       const MI_OperationCallbacks *callbacks, mi_client_op_kind kind,
                       MI_Result code, const char *message, MI_Operation *operation);

/* ---------------------------------------------------------------- tables */

extern const MI_ApplicationFT mi_client_application_ft;
extern const MI_SessionFT mi_client_session_ft;
extern const MI_OperationFT mi_client_operation_ft;
extern const MI_HostedProviderFT mi_client_hosted_provider_ft;
extern const MI_SerializerFT mi_client_serializer_ft;
extern const MI_DeserializerFT mi_client_deserializer_ft;
extern const MI_SubscriptionDeliveryOptionsFT mi_client_subscription_options_ft;
extern const MI_DestinationOptionsFT mi_client_destination_options_ft;
extern const MI_OperationOptionsFT mi_client_operation_options_ft;
extern const MI_UtilitiesFT mi_client_utilities_ft;

#endif
