/* client.h - the `mi` query commands' connection to a CIM server through the public
 * MI client API only (include/mi.h): an application, a session on the local
 * in-process engine, the operation options the command line asked for, and
 * synchronous draining of operations.
 *
 * Errors: every function returns an MI_Result and appends the operation's error
 * message (or one naming what failed) to err.
 */
#ifndef MI_TOOLS_CLIENT_H
#define MI_TOOLS_CLIENT_H

#include <mi.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

typedef struct mi_cli_conn {
    MI_Application app;
    MI_Session session;
    MI_OperationOptions options; /* ft NULL: none */
    MI_DestinationOptions destination; /* ft NULL: none */
    bool have_app, have_session;
} mi_cli_conn;

/* What a command asks of its connection. */
typedef struct mi_cli_settings {
    const char *repository;        /* NULL: the engine uses $MI_REPOSITORY or the default */
    double timeout_s;              /* > 0: the timeout of every operation */
    const char *const *options;    /* "Name=value" custom operation options */
    size_t n_options;
} mi_cli_settings;

/* Opens the application and a session on the local engine. The repository is passed
 * as the destination option "MI_REPOSITORY", which the local protocol handler reads.
 * Each "Name=value" option becomes a custom operation option of every operation: a
 * number (MI_UINT32, SetNumber) when value is a decimal integer below 2^32, else a
 * string. On failure (INVALID_PARAMETER for a malformed option, with a message) the
 * connection is closed again. */
MI_Result mi_cli_connect(mi_cli_conn *c, const mi_cli_settings *settings, mi_buf *err);
/* Closes session and application (waiting for their operations). Safe on a
 * connection that failed to open or is zeroed. */
void mi_cli_disconnect(mi_cli_conn *c);

/* The options to pass to MI_Session_* (NULL when none were asked for). */
MI_OperationOptions *mi_cli_options(mi_cli_conn *c);

/* Called for every instance an operation yields; valid only during the call.
 * Returning false cancels the operation (its final result is then not an error of
 * the command: mi_cli_drain_instances returns OK). */
typedef bool (*mi_cli_instance_cb)(void *ctx, const MI_Instance *inst);
typedef bool (*mi_cli_class_cb)(void *ctx, const MI_Class *cls);

/* Pulls every result of an instance operation (MI_Operation_GetInstance) until the
 * final one, then closes the operation. Returns the final result; its message (the
 * error string, or the Message of the error instance) goes to err. */
MI_Result mi_cli_drain_instances(MI_Operation *op, mi_cli_instance_cb fn, void *ctx,
                                 mi_buf *err);
/* Same for class operations (MI_Operation_GetClass). */
/* How a subscription's stream ended (mi_cli_drain_indications). */
typedef enum mi_cli_sub_end {
    MI_CLI_SUB_FAILED,   /* the operation failed: *err says why */
    MI_CLI_SUB_STOPPED,  /* fn returned false, or *stop was set (then cancelled) */
    MI_CLI_SUB_TIMEOUT,  /* the operation's timeout ended it */
} mi_cli_sub_end;

/* Pulls the indications of a Subscribe operation with MI_Operation_GetIndication,
 * calling fn for each, until the stream ends; then closes op. A stream ends by an
 * error, by the operation's timeout, or by a cancel (fn returned false, or another
 * thread cancelled op). Returns OK for STOPPED and TIMEOUT (in *how), the failure
 * otherwise with the message in err. */
MI_Result mi_cli_drain_indications(MI_Operation *op, mi_cli_instance_cb fn, void *ctx,
                                   mi_cli_sub_end *how, mi_buf *err);

MI_Result mi_cli_drain_classes(MI_Operation *op, mi_cli_class_cb fn, void *ctx, mi_buf *err);

/* MI_Session_GetClass; *out is a clone (MI_Class_Delete) that outlives the operation. */
MI_Result mi_cli_get_class(mi_cli_conn *c, const char *ns, const char *cls, MI_Class **out,
                           mi_buf *err);

#endif
