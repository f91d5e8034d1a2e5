/* session_int.h - sessions and engine operations of the client library (session.c,
 * operation.c).
 *
 * One in-process engine per MI_Application, opened at the application's first local
 * session over the repository named by, in order: the destination option
 * "MI_REPOSITORY" (a string, MI_DestinationOptions_SetString) of that first session,
 * $MI_REPOSITORY, the default path (mi_engine_default_repository). Later sessions of
 * the same application share that engine whatever their options say.
 *
 * Threading: sessions and operations may be used from any thread. Asynchronous
 * operations deliver their callbacks on the threads of the application's delivery
 * pool (deliver.h), serialized per operation.
 */
#ifndef MI_CLIENT_SESSION_INT_H
#define MI_CLIENT_SESSION_INT_H

#include <mi.h>
#include <stdbool.h>

#include "engine/engine.h"

#define MI_CLIENT_MAGIC_SESSION UINT64_C(0x4d4953657373696f) /* "MISessio" */

struct client_session;

/* MI_Application_NewSession (see mi.h): the whole entry, argument checks included. */
MI_Result mi_client_new_session(MI_Application *application, const MI_Char *protocol,
                                const MI_Char *destination, MI_DestinationOptions *options,
                                MI_SessionCallbacks *callbacks, MI_Instance **extendedError,
                                MI_Session *session);

/* Closes every session of the application (each waits for its operations to be
 * closed) and its engine. For MI_Application_Close, before it frees the application. */
void mi_client_app_close_sessions(const MI_Application *application);

/* Test and tool hook: makes the application's local sessions use engine e (borrowed:
 * the caller closes it after the application) instead of opening one. Must be called
 * before the application's first session. INVALID_PARAMETER for a bad application,
 * FAILED when the application already has an engine. */
MI_Result mi_client_app_use_engine(const MI_Application *application, mi_engine *e);

/* Called by operation.c. add_op: registers a live operation state object with its
 * session; false when the session is closing or has SESSION_MAX_OPS operations.
 * remove_op: the operation was closed and its delivery finished (wakes a waiting
 * session close). */
bool mi_client_session_add_op(struct client_session *s, void *op);
void mi_client_session_remove_op(struct client_session *s, void *op);
/* The delivery pool of the session's application, started on first use (it lives
 * until the application closes). NULL when it cannot be started. */
struct mi_deliver_pool *mi_client_session_pool(struct client_session *s);

/* Implemented by operation.c: cancels a live operation (session close). */
void mi_client_op_cancel_internal(void *op);

/* Starts the engine operation for req on session s and fills *operation (see the
 * MI_Session_* contract in mi.h); `what` names the API function in messages. */
void mi_client_op_start(struct client_session *s, const MI_Session *session, mi_engine *e,
                        const mi_request *req, MI_Uint32 flags,
                        const MI_OperationCallbacks *callbacks, int kind,
                        MI_Operation *operation);

#endif
