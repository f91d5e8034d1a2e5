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
 *   Asynchronous mode: the application's delivery pool (deliver.c) runs the
 *   callbacks, one at a time per operation, in order. The engine's notify hook
 *   schedules the operation when items arrive; a pool thread delivers what is there
 *   and lets go when the queue is empty (after a short wait for more) or when an item
 *   awaits the program (a manual acknowledgement, or the answer to a prompt or a
 *   write-error); the acknowledgement or answer schedules the operation again. No
 *   thread is tied to an operation while it waits.
 *
 * Close: MI_Operation_Close never blocks. An asynchronous operation still running is
 * cancelled; its final callback still comes, after which the pool thread frees the
 * operation (close may be called from inside any callback, including the final one);
 * a close while an item awaits acknowledgement or an answer counts as that (answer:
 * no).
 * A synchronous operation is cancelled; while another thread is inside
 * MI_Operation_Get* on it, close waits until that call has returned (with the final
 * result, which the cancel brings promptly), then frees it. Unlike Windows, close does
 * not wait for a final result nobody is fetching: a single-threaded program that closes
 * before draining does not hang. A Get* call that starts after close began fails with
 * MI_RESULT_INVALID_PARAMETER.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/clock.h"
#include "cim/cim.h"
#include "client/client_int.h"
#include "client/deliver.h"
#include "client/session_int.h"

/* How long a pool thread waits for more items of an operation whose queue is empty
 * before it lets the operation go (a steady stream then keeps its thread), in rounds
 * of ASYNC_LINGER_ROUND_NS between which it looks for other waiting jobs. */
#define ASYNC_LINGER_ROUND_NS 25000u
#define ASYNC_LINGER_ROUNDS   8
/* Items a pool thread delivers for one operation before it gives the thread to
 * another waiting job (the operation queues again behind it). */
#define ASYNC_TURN_ITEMS 256

/* What an asynchronous operation waits for from the program (client_op.parked). */
typedef enum park_kind {
    PARK_NONE,
    PARK_ACK_ITEM,   /* manual ack of the held item: releases it */
    PARK_ACK_MARKER, /* manual ack of the "operation started" marker: no item held */
    PARK_ANSWER,     /* answer to a prompt or write-error item: answers it */
} park_kind;

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
    bool answered;          /* sync: prompt / write-error answer arrived */
    MI_OperationCallback_ResponseType response;
    bool holding;           /* sync: the consumer holds an item */
    unsigned getters;       /* sync: threads inside MI_Operation_Get* */
    bool started_reported;  /* the REPORT_OPERATION_STARTED marker was delivered */

    /* asynchronous delivery (under mu) */
    mi_deliver_pool *pool;
    mi_deliver_job job;     /* first member would do; container_of below */
    bool active;            /* job queued or running */
    bool again;             /* scheduled while active: run once more */
    park_kind parked;       /* an item awaits the program */
    bool final_delivered;   /* the final callback was called */
    bool done;              /* the pool thread is finished with op: close may free it */
    bool close_busy;        /* MI_Operation_Close is using op: it frees op itself */
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

/* Synchronous mode: handles an item that is not a result (message, progress, prompt,
 * write error, streamed parameter) on the calling thread: true if it was one (and was
 * released/answered). */
static bool side_item(client_op *op, const mi_item *it)
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
        if (op->cb.streamedParameterResult != NULL)
            op->cb.streamedParameterResult(&op->handle, op->cb.callbackContext,
                                           it->param_name, it->param_type, it->param_value,
                                           NULL);
        mi_op_release(op->eop);
        return true;
    default:
        return false;
    }
}

/* ---------------------------------------------------------------- asynchronous delivery */

static void run_job(mi_deliver_job *job);

/* Makes sure a pool thread looks at op soon (any thread; never blocks). */
static void schedule(client_op *op)
{
    bool submit = false;

    pthread_mutex_lock(&op->mu);
    if (op->done) {
        /* finished: nothing more to deliver */
    } else if (op->active) {
        op->again = true;
    } else {
        op->active = true;
        submit = true;
    }
    pthread_mutex_unlock(&op->mu);
    if (submit)
        mi_deliver_pool_submit(op->pool, &op->job);
}

/* The engine's notify hook: items arrived, or the final result was set. */
static void on_notify(void *ctx)
{
    schedule(ctx);
}

/* Ends op->parked (kind must match): releases or answers the held item first, so the
 * pool thread never asks for the next item before this one is let go. */
static MI_Result unpark(client_op *op, park_kind kind, MI_Boolean yes)
{
    MI_Result r = MI_RESULT_OK;

    pthread_mutex_lock(&op->mu);
    if (op->parked != kind) {
        r = MI_RESULT_INVALID_PARAMETER; /* nothing awaits this (e.g. a second ack) */
        pthread_mutex_unlock(&op->mu);
        goto out;
    }
    if (kind == PARK_ACK_ITEM)
        mi_op_release(op->eop);
    else if (kind == PARK_ANSWER)
        mi_op_answer(op->eop, yes);
    op->parked = PARK_NONE;
    pthread_mutex_unlock(&op->mu);
    schedule(op);
out:
    return r;
}

/* resultAcknowledgement for asynchronous operations with manual ack. */
static MI_Result MI_CALL async_ack(MI_Operation *operation)
{
    client_op *op = op_get(operation);
    park_kind kind;

    if (op == NULL || op->eop == NULL || !op->async)
        return MI_RESULT_INVALID_PARAMETER;
    pthread_mutex_lock(&op->mu);
    kind = op->parked == PARK_ACK_MARKER ? PARK_ACK_MARKER : PARK_ACK_ITEM;
    pthread_mutex_unlock(&op->mu);
    return unpark(op, kind, MI_FALSE);
}

/* promptUserResult / writeErrorResult for asynchronous operations. */
static MI_Result MI_CALL async_answer(MI_Operation *operation,
                                      MI_OperationCallback_ResponseType response)
{
    client_op *op = op_get(operation);

    if (op == NULL || op->eop == NULL || !op->async ||
        (unsigned)response > (unsigned)MI_OperationCallback_ResponseType_YesToAll)
        return MI_RESULT_INVALID_PARAMETER;
    return unpark(op, PARK_ANSWER,
                  response == MI_OperationCallback_ResponseType_Yes ||
                          response == MI_OperationCallback_ResponseType_YesToAll
                      ? MI_TRUE
                      : MI_FALSE);
}

/* Parks op before a callback that hands the program an acknowledgement or answer
 * function (it may call it inside the callback, from another thread, or later). */
static void park(client_op *op, park_kind kind)
{
    pthread_mutex_lock(&op->mu);
    op->parked = kind;
    pthread_mutex_unlock(&op->mu);
}

/* Calls the result callback of op's kind for item it (NULL: the started marker). */
static void deliver_result(client_op *op, const mi_item *it, bool manual)
{
    bool final = it != NULL && it->kind == MI_ITEM_FINAL;
    MI_Boolean more = final ? MI_FALSE : MI_TRUE;
    MI_Result code = final ? it->result : MI_RESULT_OK;
    const char *msg = final ? it->message : NULL;
    const MI_Instance *err = final ? it->error : NULL;
    const MI_Instance *inst = it != NULL ? it->instance : NULL;
    MI_Result (MI_CALL *ack)(MI_Operation *) = manual ? async_ack : NULL;

    switch (op->kind) {
    case MI_CLIENT_OP_INSTANCE:
        op->cb.instanceResult(&op->handle, op->cb.callbackContext, inst, more, code, msg, err,
                              ack);
        break;
    case MI_CLIENT_OP_INDICATION:
        op->cb.indicationResult(&op->handle, op->cb.callbackContext, inst, NULL, NULL, more,
                                code, msg, err, ack);
        break;
    case MI_CLIENT_OP_CLASS:
        op->cb.classResult(&op->handle, op->cb.callbackContext, it != NULL ? it->cls : NULL,
                           more, code, msg, err, ack);
        break;
    }
}

/* Delivers one item on a pool thread. */
static void deliver_item(client_op *op, const mi_item *it, bool manual)
{
    switch (it->kind) {
    case MI_ITEM_MESSAGE:
        if (op->cb.writeMessage != NULL)
            op->cb.writeMessage(&op->handle, op->cb.callbackContext, it->channel, it->message);
        mi_op_release(op->eop);
        break;
    case MI_ITEM_PROGRESS:
        if (op->cb.writeProgress != NULL)
            op->cb.writeProgress(&op->handle, op->cb.callbackContext, it->activity,
                                 it->current_operation, it->status, it->percent,
                                 it->seconds_remaining);
        mi_op_release(op->eop);
        break;
    case MI_ITEM_PROMPT:
        if (op->cb.promptUser == NULL) {
            mi_op_answer(op->eop, MI_TRUE);
            break;
        }
        park(op, PARK_ANSWER);
        op->cb.promptUser(&op->handle, op->cb.callbackContext, it->message, it->prompt_type,
                          async_answer);
        break;
    case MI_ITEM_WRITE_ERROR:
        if (op->cb.writeError == NULL) {
            mi_op_answer(op->eop, MI_TRUE);
            break;
        }
        park(op, PARK_ANSWER);
        op->cb.writeError(&op->handle, op->cb.callbackContext, (MI_Instance *)it->instance,
                          async_answer);
        break;
    case MI_ITEM_STREAMED:
        if (op->cb.streamedParameterResult == NULL) {
            mi_op_release(op->eop);
            break;
        }
        if (manual)
            park(op, PARK_ACK_ITEM);
        op->cb.streamedParameterResult(&op->handle, op->cb.callbackContext, it->param_name,
                                       it->param_type, it->param_value,
                                       manual ? async_ack : NULL);
        if (!manual)
            mi_op_release(op->eop);
        break;
    default: /* INSTANCE, CLASS, FINAL */
        if (it->kind == MI_ITEM_FINAL) {
            pthread_mutex_lock(&op->mu);
            op->final_delivered = true;
            pthread_mutex_unlock(&op->mu);
        }
        if (manual)
            park(op, PARK_ACK_ITEM);
        deliver_result(op, it, manual);
        if (!manual)
            mi_op_release(op->eop);
        break;
    }
}

/* The pool job of an asynchronous operation: delivers what its queue holds, in
 * order, until the queue stays empty, an item awaits the program, or the final
 * result was delivered (and acknowledged). Frees op when it was closed meanwhile. */
static void run_job(mi_deliver_job *job)
{
    client_op *op = (client_op *)(void *)((char *)job - offsetof(client_op, job));
    bool manual = (op->flags & MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS) != 0;
    bool report_started = (op->flags & MI_OPERATIONFLAGS_REPORT_OPERATION_STARTED) &&
                          op->kind == MI_CLIENT_OP_INSTANCE;
    bool closed;
    unsigned turn = 0;
    mi_item it;
    MI_Result r;

    for (;;) {
        pthread_mutex_lock(&op->mu);
        op->again = false;
        if (op->parked != PARK_NONE && op->closed) {
            /* A close stands for the acknowledgement (or the answer "no"). */
            if (op->parked == PARK_ACK_ITEM)
                mi_op_release(op->eop);
            else if (op->parked == PARK_ANSWER)
                mi_op_answer(op->eop, MI_FALSE);
            op->parked = PARK_NONE;
        }
        if (op->parked != PARK_NONE)
            goto out_idle; /* mu held */
        if (op->final_delivered)
            goto out_done; /* mu held */
        pthread_mutex_unlock(&op->mu);

        if (report_started && !op->started_reported) {
            op->started_reported = true;
            if (manual)
                park(op, PARK_ACK_MARKER);
            deliver_result(op, NULL, manual);
            continue;
        }
        if (++turn > ASYNC_TURN_ITEMS) {
            turn = 0;
            if (mi_deliver_pool_waiting(op->pool)) {
                /* Fair share: queue again behind the others (op stays active). */
                mi_deliver_pool_submit(op->pool, &op->job);
                return;
            }
        }
        r = mi_op_next(op->eop, &it, 1); /* what is there (after a brief spin) */
        if (r == MI_RESULT_NOT_FOUND && mi_deliver_pool_linger_begin(op->pool)) {
            for (int i = 0; i < ASYNC_LINGER_ROUNDS && r == MI_RESULT_NOT_FOUND; i++) {
                if (i > 0 && mi_deliver_pool_waiting(op->pool))
                    break;
                r = mi_op_next(op->eop, &it, mi_now_ns() + ASYNC_LINGER_ROUND_NS);
            }
            mi_deliver_pool_linger_end(op->pool);
        }
        if (r != MI_RESULT_OK) {
            pthread_mutex_lock(&op->mu);
            if (op->again) {
                pthread_mutex_unlock(&op->mu);
                continue;
            }
            goto out_idle; /* mu held */
        }
        deliver_item(op, &it, manual);
    }
out_idle:
    op->active = false;
    pthread_mutex_unlock(&op->mu);
    return;
out_done:
    op->active = false;
    op->done = true;
    closed = op->closed && !op->close_busy;
    pthread_mutex_unlock(&op->mu);
    if (closed)
        eop_destroy(op);
}

void mi_client_op_start(struct client_session *s, const MI_Session *session, mi_engine *e,
                        const mi_request *req, MI_Uint32 flags,
                        const MI_OperationCallbacks *callbacks, int kind_int,
                        MI_Operation *operation)
{
    mi_client_op_kind kind = (mi_client_op_kind)kind_int;
    bool async = has_result_callback(callbacks, kind);
    client_op *op = NULL;
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
    op->pool = mi_client_session_pool(s);
    if (op->pool != NULL) {
        op->job.run = run_job;
        mi_op_set_notify(op->eop, on_notify, op);
        schedule(op); /* what was posted before the hook was set, or the marker */
        return;
    }
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
    bool now, parked;

    if (op == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    if (op->eop != NULL && !op->async) {
        pthread_mutex_lock(&op->mu);
        if (op->closed) {
            pthread_mutex_unlock(&op->mu);
            return MI_RESULT_INVALID_PARAMETER;
        }
        op->closed = true;
        pthread_cond_broadcast(&op->cv);
        if (op->getters > 0) {
            /* Another thread is fetching: the cancel ends its wait with the final. */
            pthread_mutex_unlock(&op->mu);
            mi_op_cancel(op->eop, MI_REASON_NONE);
            pthread_mutex_lock(&op->mu);
            while (op->getters > 0)
                pthread_cond_wait(&op->cv, &op->mu);
        }
        pthread_mutex_unlock(&op->mu);
        memset(operation, 0, sizeof *operation);
        eop_destroy(op);
        return MI_RESULT_OK;
    }
    if (op->eop != NULL) {
        /* Asynchronous: the pool thread frees op after the final callback, unless it
         * is finished already; close_busy keeps it from doing so while this call
         * still uses op. */
        pthread_mutex_lock(&op->mu);
        if (op->closed) {
            pthread_mutex_unlock(&op->mu);
            return MI_RESULT_INVALID_PARAMETER;
        }
        op->closed = true;
        op->close_busy = true;
        parked = op->parked != PARK_NONE;
        pthread_mutex_unlock(&op->mu);
        /* Callbacks get &op->handle: it must stay valid until the pool is done. */
        if (operation != &op->handle)
            memset(operation, 0, sizeof *operation);
        mi_op_cancel(op->eop, MI_REASON_NONE);
        if (parked)
            schedule(op); /* the close stands for the awaited ack or answer */
        pthread_mutex_lock(&op->mu);
        op->close_busy = false;
        now = op->done;
        pthread_mutex_unlock(&op->mu);
        if (now)
            eop_destroy(op);
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
        if (!side_item(op, &it))
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
