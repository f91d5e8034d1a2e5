/* operation.c - MI_Operation handles and the MI_OperationFT table.
 *
 * Two kinds of operation behind one handle:
 * - one that failed at its start (mi_client_op_fail): it holds just its final result
 *   and delivers it exactly once, to the result callback (asynchronous mode, before the
 *   starting call returns) or through MI_Operation_Get* (synchronous mode, repeatable);
 * - an engine operation (mi_client_op_start): its items come from the engine's queue
 *   (mi_op_next). Synchronous mode: each MI_Operation_Get* releases the previous item
 *   and waits for the next; message/progress/prompt/write-error items are handed to
 *   their callbacks (or answered automatically: continue / yes) on the calling thread.
 *   Asynchronous mode: a delivery thread per operation calls the callbacks in order,
 *   one at a time; with MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS it waits for
 *   resultAcknowledgement before the next item.
 *
 * Close: MI_Operation_Close never blocks. An asynchronous operation still running is
 * cancelled; its final callback still comes, after which the delivery thread frees the
 * operation (close may be called from inside any callback, including the final one).
 * A synchronous operation is cancelled; while another thread is inside
 * MI_Operation_Get* on it, close waits until that call has returned (with the final
 * result, which the cancel brings promptly), then frees it. Unlike Windows, close does
 * not wait for a final result nobody is fetching: a single-threaded program that closes
 * before draining does not hang. A Get* call that starts after close began fails with
 * MI_RESULT_INVALID_PARAMETER.
 */
#include <pthread.h>
#include <string.h>

#include "base/alloc.h"
#include "cim/cim.h"
#include "client/client_int.h"
#include "client/session_int.h"

typedef struct client_op {
    mi_client_obj hdr;
    MI_Session session;     /* copy of the session handle it was started on */
    mi_client_op_kind kind;
    bool async;             /* a result callback was given */
    MI_Result result;       /* failed-at-start operation: the final result */
    char *message;          /* its message, or NULL */
    MI_Instance *details;   /* its error instance, or NULL */

    /* engine operation (eop != NULL) */
    mi_op *eop;
    struct client_session *sess;
    MI_Uint32 flags;
    MI_OperationCallbacks cb;
    MI_Operation handle;    /* what callbacks receive */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool closed;            /* MI_Operation_Close was called */
    bool thread_done;       /* async: the delivery thread has finished */
    bool acked;             /* manual ack arrived */
    bool answered;          /* prompt / write-error answer arrived */
    MI_OperationCallback_ResponseType response;
    bool holding;           /* sync: the consumer holds an item */
    unsigned getters;       /* sync: threads inside MI_Operation_Get* */
    bool started_reported;  /* sync: the REPORT_OPERATION_STARTED marker was returned */
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

/* ---------------------------------------------------------------- engine operations */

/* Frees an engine operation: leaves its session, closes the engine op. */
static void eop_destroy(client_op *op)
{
    if (op->sess != NULL)
        mi_client_session_remove_op(op->sess, op);
    mi_op_close(op->eop);
    mi_client_unregister(&op->hdr);
    pthread_mutex_destroy(&op->mu);
    pthread_cond_destroy(&op->cv);
    mi_free(op);
}

void mi_client_op_cancel_internal(void *p)
{
    client_op *op = p;
    mi_op_cancel(op->eop, MI_REASON_SHUTDOWN);
}

static MI_Result MI_CALL manual_ack(MI_Operation *operation)
{
    client_op *op = op_get(operation);

    if (op == NULL || op->eop == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    pthread_mutex_lock(&op->mu);
    op->acked = true;
    pthread_cond_broadcast(&op->cv);
    pthread_mutex_unlock(&op->mu);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL answer(MI_Operation *operation,
                                MI_OperationCallback_ResponseType response)
{
    client_op *op = op_get(operation);

    if (op == NULL || op->eop == NULL ||
        (unsigned)response > (unsigned)MI_OperationCallback_ResponseType_YesToAll)
        return MI_RESULT_INVALID_PARAMETER;
    pthread_mutex_lock(&op->mu);
    op->response = response;
    op->answered = true;
    pthread_cond_broadcast(&op->cv);
    pthread_mutex_unlock(&op->mu);
    return MI_RESULT_OK;
}

/* Waits until flag (acked or answered) is set or the operation is closed. */
static void wait_flag(client_op *op, bool *flag)
{
    pthread_mutex_lock(&op->mu);
    while (!*flag && !op->closed)
        pthread_cond_wait(&op->cv, &op->mu);
    pthread_mutex_unlock(&op->mu);
}

/* Hands a prompt or write-error item to its callback and answers the engine (yes when
 * no callback is registered). */
static void ask_user(client_op *op, const mi_item *it)
{
    MI_Boolean yes = MI_TRUE;
    bool asked = false;

    pthread_mutex_lock(&op->mu);
    op->answered = false;
    pthread_mutex_unlock(&op->mu);
    if (it->kind == MI_ITEM_PROMPT && op->cb.promptUser != NULL) {
        op->cb.promptUser(&op->handle, op->cb.callbackContext, it->message, it->prompt_type,
                          answer);
        asked = true;
    } else if (it->kind == MI_ITEM_WRITE_ERROR && op->cb.writeError != NULL) {
        op->cb.writeError(&op->handle, op->cb.callbackContext, (MI_Instance *)it->instance,
                          answer);
        asked = true;
    }
    if (asked) {
        wait_flag(op, &op->answered);
        pthread_mutex_lock(&op->mu);
        yes = op->answered && (op->response == MI_OperationCallback_ResponseType_Yes ||
                               op->response == MI_OperationCallback_ResponseType_YesToAll)
                  ? MI_TRUE
                  : MI_FALSE;
        pthread_mutex_unlock(&op->mu);
    }
    mi_op_answer(op->eop, yes);
}

/* Handles an item that is not a result (message, progress, prompt, write error,
 * streamed parameter): true if it was one (and was released/answered). */
static bool side_item(client_op *op, const mi_item *it, bool manual)
{
    switch (it->kind) {
    case MI_ITEM_MESSAGE:
        if (op->cb.writeMessage != NULL)
            op->cb.writeMessage(&op->handle, op->cb.callbackContext, it->channel, it->message);
        mi_op_release(op->eop);
        return true;
    case MI_ITEM_PROGRESS:
        if (op->cb.writeProgress != NULL)
            op->cb.writeProgress(&op->handle, op->cb.callbackContext, it->activity,
                                 it->current_operation, it->status, it->percent,
                                 it->seconds_remaining);
        mi_op_release(op->eop);
        return true;
    case MI_ITEM_PROMPT:
    case MI_ITEM_WRITE_ERROR:
        ask_user(op, it);
        return true;
    case MI_ITEM_STREAMED:
        if (op->cb.streamedParameterResult != NULL) {
            if (manual) {
                pthread_mutex_lock(&op->mu);
                op->acked = false;
                pthread_mutex_unlock(&op->mu);
            }
            op->cb.streamedParameterResult(&op->handle, op->cb.callbackContext,
                                           it->param_name, it->param_type, it->param_value,
                                           manual ? manual_ack : NULL);
            if (manual)
                wait_flag(op, &op->acked);
        }
        mi_op_release(op->eop);
        return true;
    default:
        return false;
    }
}

static void *deliver_thread(void *arg)
{
    client_op *op = arg;
    bool manual = (op->flags & MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS) != 0;
    bool final = false, closed;
    mi_item it;

    if ((op->flags & MI_OPERATIONFLAGS_REPORT_OPERATION_STARTED) &&
        op->kind == MI_CLIENT_OP_INSTANCE) {
        /* The "operation started" marker: no object, more results to come. */
        if (manual) {
            pthread_mutex_lock(&op->mu);
            op->acked = false;
            pthread_mutex_unlock(&op->mu);
        }
        op->cb.instanceResult(&op->handle, op->cb.callbackContext, NULL, MI_TRUE, MI_RESULT_OK,
                              NULL, NULL, manual ? manual_ack : NULL);
        if (manual)
            wait_flag(op, &op->acked);
    }
    while (!final) {
        if (mi_op_next(op->eop, &it, 0) != MI_RESULT_OK)
            break;
        if (side_item(op, &it, manual))
            continue;
        final = it.kind == MI_ITEM_FINAL;
        if (manual) {
            pthread_mutex_lock(&op->mu);
            op->acked = false;
            pthread_mutex_unlock(&op->mu);
        }
        MI_Boolean more = final ? MI_FALSE : MI_TRUE;
        MI_Result code = final ? it.result : MI_RESULT_OK;
        const char *msg = final ? it.message : NULL;
        const MI_Instance *err = final ? it.error : NULL;
        switch (op->kind) {
        case MI_CLIENT_OP_INSTANCE:
            op->cb.instanceResult(&op->handle, op->cb.callbackContext, it.instance, more, code,
                                  msg, err, manual ? manual_ack : NULL);
            break;
        case MI_CLIENT_OP_INDICATION:
            op->cb.indicationResult(&op->handle, op->cb.callbackContext, it.instance, NULL,
                                    NULL, more, code, msg, err, manual ? manual_ack : NULL);
            break;
        case MI_CLIENT_OP_CLASS:
            op->cb.classResult(&op->handle, op->cb.callbackContext, it.cls, more, code, msg,
                               err, manual ? manual_ack : NULL);
            break;
        }
        if (manual)
            wait_flag(op, &op->acked);
        mi_op_release(op->eop);
    }
    pthread_mutex_lock(&op->mu);
    op->thread_done = true;
    closed = op->closed;
    pthread_mutex_unlock(&op->mu);
    if (closed)
        eop_destroy(op);
    return NULL;
}

void mi_client_op_start(struct client_session *s, const MI_Session *session, mi_engine *e,
                        const mi_request *req, MI_Uint32 flags,
                        const MI_OperationCallbacks *callbacks, int kind_int,
                        MI_Operation *operation)
{
    mi_client_op_kind kind = (mi_client_op_kind)kind_int;
    bool async = has_result_callback(callbacks, kind);
    client_op *op = NULL;
    pthread_attr_t attr;
    pthread_t t;
    const char *why = NULL;
    MI_Result code = MI_RESULT_SERVER_LIMITS_EXCEEDED;

    if (operation == NULL) {
        if (async)
            deliver_final(NULL, callbacks, kind, MI_RESULT_INVALID_PARAMETER,
                          "the operation handle pointer is NULL", NULL, NULL);
        return;
    }
    memset(operation, 0, sizeof *operation);
    op = mi_calloc(1, sizeof *op);
    if (op == NULL) {
        why = "out of memory while starting the operation";
        goto out_fail;
    }
    pthread_mutex_init(&op->mu, NULL);
    pthread_cond_init(&op->cv, NULL);
    op->session = *session;
    op->kind = kind;
    op->async = async;
    op->flags = flags;
    if (callbacks != NULL)
        op->cb = *callbacks;
    if (!mi_client_session_add_op(s, op)) {
        code = MI_RESULT_INVALID_PARAMETER;
        why = "the session is closing or has too many operations";
        goto out_free;
    }
    op->sess = s;
    if (mi_engine_start(e, req, &op->eop) != MI_RESULT_OK) {
        why = "out of memory while starting the operation";
        goto out_leave;
    }
    op->hdr.magic = MI_CLIENT_MAGIC_OPERATION;
    mi_client_register(&op->hdr);
    operation->reserved1 = MI_CLIENT_MAGIC_OPERATION;
    operation->reserved2 = (ptrdiff_t)op;
    operation->ft = &mi_client_operation_ft;
    op->handle = *operation;
    if (!async)
        return;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &attr, deliver_thread, op) == 0) {
        pthread_attr_destroy(&attr);
        return;
    }
    pthread_attr_destroy(&attr);
    memset(operation, 0, sizeof *operation);
    mi_client_unregister(&op->hdr);
    mi_op_close(op->eop);
    why = "cannot start a thread to deliver the operation's results";
out_leave:
    mi_client_session_remove_op(s, op);
out_free:
    pthread_mutex_destroy(&op->mu);
    pthread_cond_destroy(&op->cv);
    mi_free(op);
out_fail:
    mi_client_op_fail(session, flags, callbacks, kind, code, why, operation);
}

static MI_Result MI_CALL op_close(MI_Operation *operation)
{
    client_op *op = op_get(operation);
    bool now;

    if (op == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    if (op->eop != NULL) {
        pthread_mutex_lock(&op->mu);
        if (op->closed) {
            pthread_mutex_unlock(&op->mu);
            return MI_RESULT_INVALID_PARAMETER;
        }
        op->closed = true;
        now = !op->async || op->thread_done;
        pthread_cond_broadcast(&op->cv);
        if (!op->async && op->getters > 0) {
            /* Another thread is fetching: the cancel ends its wait with the final. */
            pthread_mutex_unlock(&op->mu);
            mi_op_cancel(op->eop, MI_REASON_NONE);
            pthread_mutex_lock(&op->mu);
            while (op->getters > 0)
                pthread_cond_wait(&op->cv, &op->mu);
        }
        pthread_mutex_unlock(&op->mu);
        /* Callbacks get &op->handle: it must stay valid until the thread is done. */
        if (operation != &op->handle)
            memset(operation, 0, sizeof *operation);
        if (now) {
            eop_destroy(op);
        } else {
            /* The delivery thread delivers the final result, then frees op. */
            mi_op_cancel(op->eop, MI_REASON_NONE);
        }
        return MI_RESULT_OK;
    }
    mi_client_unregister(&op->hdr);
    if (op->details != NULL)
        MI_Instance_Delete(op->details);
    mi_free(op->message);
    mi_free(op);
    memset(operation, 0, sizeof *operation);
    return MI_RESULT_OK;
}

/* Cancels a running engine operation; a failed-at-start one has nothing to stop. */
static MI_Result MI_CALL op_cancel(MI_Operation *operation, MI_CancellationReason reason)
{
    client_op *op = op_get(operation);

    if (op == NULL || (unsigned)reason > MI_REASON_SERVICESTOP)
        return MI_RESULT_INVALID_PARAMETER;
    if (op->eop != NULL)
        mi_op_cancel(op->eop, reason);
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

/* Synchronous retrieval from an engine operation: releases the held item, handles
 * side items, returns the next result (obj: const MI_Instance ** or const MI_Class **). */
static MI_Result sync_next(client_op *op, const void *obj, MI_Boolean *moreResults,
                           MI_Result *result, const MI_Char **errorMessage,
                           const MI_Instance **completionDetails)
{
    mi_item it;
    MI_Result r;

    if ((op->flags & MI_OPERATIONFLAGS_REPORT_OPERATION_STARTED) && !op->started_reported &&
        op->kind == MI_CLIENT_OP_INSTANCE) {
        op->started_reported = true;
        if (moreResults != NULL)
            *moreResults = MI_TRUE;
        if (result != NULL)
            *result = MI_RESULT_OK;
        return MI_RESULT_OK; /* *obj is NULL: the "operation started" marker */
    }
    if (op->holding) {
        mi_op_release(op->eop);
        op->holding = false;
    }
    for (;;) {
        r = mi_op_next(op->eop, &it, 0);
        if (r != MI_RESULT_OK)
            return MI_RESULT_FAILED;
        if (!side_item(op, &it, false))
            break;
    }
    op->holding = true;
    if (op->kind == MI_CLIENT_OP_CLASS)
        *(const MI_Class **)obj = it.cls;
    else
        *(const MI_Instance **)obj = it.instance;
    if (moreResults != NULL)
        *moreResults = it.kind == MI_ITEM_FINAL ? MI_FALSE : MI_TRUE;
    if (result != NULL)
        *result = it.kind == MI_ITEM_FINAL ? it.result : MI_RESULT_OK;
    if (it.kind == MI_ITEM_FINAL) {
        if (errorMessage != NULL)
            *errorMessage = it.message;
        if (completionDetails != NULL)
            *completionDetails = it.error;
    }
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
    if (op->eop != NULL) {
        pthread_mutex_lock(&op->mu);
        if (op->closed) {
            pthread_mutex_unlock(&op->mu);
            goto out;
        }
        op->getters++;
        pthread_mutex_unlock(&op->mu);
        r = sync_next(op, obj, moreResults, result, errorMessage, completionDetails);
        pthread_mutex_lock(&op->mu);
        if (--op->getters == 0 && op->closed)
            pthread_cond_broadcast(&op->cv);
        pthread_mutex_unlock(&op->mu);
        goto out;
    }
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
