/* operation.c - MI_Operation handles and the MI_OperationFT table.
 *
 * Today every operation is one that failed at its start (mi_client_op_fail): it holds
 * just its final result - code, message, error instance - and delivers it exactly once,
 * to the result callback (asynchronous mode) or through MI_Operation_Get* (synchronous
 * mode, which may then repeat it). The operation engine with result streams comes with
 * sessions; it will reuse this handle state and these entry points.
 */
#include <string.h>

#include "base/alloc.h"
#include "cim/cim.h"
#include "client/client_int.h"

typedef struct client_op {
    mi_client_obj hdr;
    MI_Session session;     /* copy of the session handle it was started on */
    mi_client_op_kind kind;
    bool async;             /* a result callback was given */
    MI_Result result;       /* the final result */
    char *message;          /* its message, or NULL */
    MI_Instance *details;   /* its error instance, or NULL */
} client_op;

static client_op *op_get(const MI_Operation *operation)
{
    if (operation == NULL)
        return NULL;
    return (client_op *)mi_client_lookup(operation->reserved1, operation->reserved2,
                                         MI_CLIENT_MAGIC_OPERATION);
}

static bool has_result_callback(const MI_OperationCallbacks *cb, mi_client_op_kind kind)
{
    if (cb == NULL)
        return false;
    switch (kind) {
    case MI_CLIENT_OP_INSTANCE: return cb->instanceResult != NULL;
    case MI_CLIENT_OP_INDICATION: return cb->indicationResult != NULL;
    case MI_CLIENT_OP_CLASS: return cb->classResult != NULL;
    }
    return false;
}

/* The acknowledgement handed to callbacks in manual-ack mode. There is never a
 * further result to release, so it only checks the handle. */
static MI_Result MI_CALL op_ack(MI_Operation *operation)
{
    return op_get(operation) != NULL ? MI_RESULT_OK : MI_RESULT_INVALID_PARAMETER;
}

/* Calls the result callback matching `kind` once, as the final result with no object. */
static void deliver_final(MI_Operation *operation, const MI_OperationCallbacks *cb,
                          mi_client_op_kind kind, MI_Result code, const char *message,
                          const MI_Instance *details,
                          MI_Result (MI_CALL *ack)(MI_Operation *operation))
{
    switch (kind) {
    case MI_CLIENT_OP_INSTANCE:
        cb->instanceResult(operation, cb->callbackContext, NULL, MI_FALSE, code, message,
                           details, ack);
        break;
    case MI_CLIENT_OP_INDICATION:
        cb->indicationResult(operation, cb->callbackContext, NULL, NULL, NULL, MI_FALSE, code,
                             message, details, ack);
        break;
    case MI_CLIENT_OP_CLASS:
        cb->classResult(operation, cb->callbackContext, NULL, MI_FALSE, code, message,
                        details, ack);
        break;
    }
}

void mi_client_op_fail(const MI_Session *session, MI_Uint32 flags,
                       const MI_OperationCallbacks *callbacks, mi_client_op_kind kind,
                       MI_Result code, const char *message, MI_Operation *operation)
{
    client_op *op = NULL;
    bool async = has_result_callback(callbacks, kind);

    if (operation == NULL) {
        if (async)
            deliver_final(NULL, callbacks, kind, MI_RESULT_INVALID_PARAMETER,
                          "the operation handle pointer is NULL", NULL, NULL);
        goto out;
    }
    memset(operation, 0, sizeof *operation);
    op = mi_calloc(1, sizeof *op);
    if (op == NULL)
        goto out_nomem;
    if (message != NULL) {
        op->message = mi_strdup(message);
        if (op->message == NULL)
            goto out_free_op;
    }
    /* Without the error instance the result is still delivered, with NULL details. */
    if (mi_client_error_instance(code, message, &op->details) != MI_RESULT_OK)
        op->details = NULL;
    if (session != NULL)
        op->session = *session;
    op->kind = kind;
    op->async = async;
    op->result = code;
    op->hdr.magic = MI_CLIENT_MAGIC_OPERATION;
    mi_client_register(&op->hdr);
    operation->reserved1 = MI_CLIENT_MAGIC_OPERATION;
    operation->reserved2 = (ptrdiff_t)op;
    operation->ft = &mi_client_operation_ft;
    /* The callback may close the operation: op must not be touched after it. */
    if (async)
        deliver_final(operation, callbacks, kind, code, op->message, op->details,
                      (flags & MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS) ? op_ack : NULL);
    goto out;

out_free_op:
    mi_free(op);
out_nomem:
    if (async)
        deliver_final(NULL, callbacks, kind, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                      "out of memory while starting the operation", NULL, NULL);
out:
    return;
}

static MI_Result MI_CALL op_close(MI_Operation *operation)
{
    client_op *op = op_get(operation);

    if (op == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    mi_client_unregister(&op->hdr);
    if (op->details != NULL)
        MI_Instance_Delete(op->details);
    mi_free(op->message);
    mi_free(op);
    memset(operation, 0, sizeof *operation);
    return MI_RESULT_OK;
}

/* The final result is always already there, so there is nothing to stop. */
static MI_Result MI_CALL op_cancel(MI_Operation *operation, MI_CancellationReason reason)
{
    if (op_get(operation) == NULL || (unsigned)reason > MI_REASON_SERVICESTOP)
        return MI_RESULT_INVALID_PARAMETER;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL op_get_session(MI_Operation *operation, MI_Session *session)
{
    client_op *op;

    if (session == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    memset(session, 0, sizeof *session);
    op = op_get(operation);
    if (op == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    *session = op->session;
    return MI_RESULT_OK;
}

/* Common part of the MI_Operation_Get* functions: the outputs are cleared first; a bad
 * handle, an asynchronous operation or a getter of the wrong kind give
 * INVALID_PARAMETER (also in *result). Otherwise the final result is reported
 * (again, if it was already). */
static MI_Result get_final(MI_Operation *operation, mi_client_op_kind kind, const void *obj,
                           MI_Boolean *moreResults, MI_Result *result,
                           const MI_Char **errorMessage, const MI_Instance **completionDetails)
{
    MI_Result r = MI_RESULT_INVALID_PARAMETER;
    client_op *op = op_get(operation);

    if (moreResults != NULL)
        *moreResults = MI_FALSE;
    if (result != NULL)
        *result = MI_RESULT_INVALID_PARAMETER;
    if (errorMessage != NULL)
        *errorMessage = NULL;
    if (completionDetails != NULL)
        *completionDetails = NULL;
    if (op == NULL || obj == NULL || op->async || op->kind != kind)
        goto out;
    if (result != NULL)
        *result = op->result;
    if (errorMessage != NULL)
        *errorMessage = op->message;
    if (completionDetails != NULL)
        *completionDetails = op->details;
    r = MI_RESULT_OK;
out:
    return r;
}

static MI_Result MI_CALL op_get_instance(MI_Operation *operation, const MI_Instance **instance,
                                         MI_Boolean *moreResults, MI_Result *result,
                                         const MI_Char **errorMessage,
                                         const MI_Instance **completionDetails)
{
    if (instance != NULL)
        *instance = NULL;
    return get_final(operation, MI_CLIENT_OP_INSTANCE, instance, moreResults, result,
                     errorMessage, completionDetails);
}

static MI_Result MI_CALL op_get_indication(MI_Operation *operation,
                                           const MI_Instance **instance,
                                           const MI_Char **bookmark, const MI_Char **machineID,
                                           MI_Boolean *moreResults, MI_Result *result,
                                           const MI_Char **errorMessage,
                                           const MI_Instance **completionDetails)
{
    if (instance != NULL)
        *instance = NULL;
    if (bookmark != NULL)
        *bookmark = NULL;
    if (machineID != NULL)
        *machineID = NULL;
    return get_final(operation, MI_CLIENT_OP_INDICATION, instance, moreResults, result,
                     errorMessage, completionDetails);
}

static MI_Result MI_CALL op_get_class(MI_Operation *operation, const MI_Class **classResult,
                                      MI_Boolean *moreResults, MI_Result *result,
                                      const MI_Char **errorMessage,
                                      const MI_Instance **completionDetails)
{
    if (classResult != NULL)
        *classResult = NULL;
    return get_final(operation, MI_CLIENT_OP_CLASS, classResult, moreResults, result,
                     errorMessage, completionDetails);
}

const MI_OperationFT mi_client_operation_ft = {
    op_close,
    op_cancel,
    op_get_session,
    op_get_instance,
    op_get_indication,
    op_get_class,
};
