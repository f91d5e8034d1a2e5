/* session.c - MI_Application_NewSession and the MI_SessionFT table over the in-process
 * engine (see session_int.h for how the engine and its repository are chosen).
 *
 * Protocols: NULL, "WMIDCOM" and "OMI_SOCKETS" (any case) with destination NULL,
 * "localhost", "." or this host's name give a local session. "WINRM",
 * "MI_REMOTE_WSMAN" and remote destinations are not supported yet
 * (MI_RESULT_NOT_SUPPORTED with a message); an unknown protocol is
 * INVALID_PARAMETER.
 *
 * Every MI_Session_* operation becomes one engine operation (mi_engine_start);
 * operation.c delivers its results. Session close cancels the session's running
 * operations and completes when every one of them has been closed.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/str.h"
#include "cim/cim.h"
#include "client/client_int.h"
#include "client/deliver.h"
#include "client/hosted.h"
#include "client/options_int.h"
#include "client/session_int.h"

/* Most live operations one session may have; more fail with SERVER_LIMITS_EXCEEDED. */
#define SESSION_MAX_OPS 4096u

typedef struct app_engine {
    const void *app;            /* the application's state object (identity only) */
    MI_Application app_handle;  /* a copy, for sessions made on behalf of providers */
    mi_engine *e;
    bool own;                   /* opened here: closed with the application */
    struct client_session *sessions;
    struct client_session *local; /* the session MI_Context_GetLocalSession hands out */
    mi_deliver_pool *pool;      /* delivers asynchronous results; made on first use */
    struct app_engine *next;
} app_engine;

typedef struct client_session {
    mi_client_obj hdr;
    MI_Application app;         /* copy of the application handle */
    app_engine *ae;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    void *ops[SESSION_MAX_OPS]; /* live operations (operation.c state objects) */
    size_t n_ops;
    bool closing;
    bool has_timeout;
    MI_Uint64 timeout_us;       /* default operation timeout (destination options) */
    struct client_session *next;
} client_session;

static pthread_mutex_t apps_mu = PTHREAD_MUTEX_INITIALIZER;
static app_engine *apps;

static client_session *session_get(const MI_Session *session)
{
    if (session == NULL)
        return NULL;
    return (client_session *)mi_client_lookup(session->reserved1, session->reserved2,
                                              MI_CLIENT_MAGIC_SESSION);
}

/* apps_mu held. */
static app_engine *app_engine_find(const void *app, bool create)
{
    app_engine *ae;

    for (ae = apps; ae != NULL; ae = ae->next)
        if (ae->app == app)
            return ae;
    if (!create)
        return NULL;
    ae = mi_calloc(1, sizeof *ae);
    if (ae != NULL) {
        ae->app = app;
        ae->next = apps;
        apps = ae;
    }
    return ae;
}

/* A new registered session of ae (apps_mu held), or NULL when out of memory. */
static client_session *session_make(app_engine *ae, bool has_timeout, MI_Uint64 timeout_us)
{
    client_session *s = mi_calloc(1, sizeof *s);

    if (s == NULL)
        return NULL;
    s->ae = ae;
    s->app = ae->app_handle;
    s->has_timeout = has_timeout;
    s->timeout_us = timeout_us;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    s->next = ae->sessions;
    ae->sessions = s;
    s->hdr.magic = MI_CLIENT_MAGIC_SESSION;
    mi_client_register(&s->hdr);
    return s;
}

/* The engine's GetLocalSession hook: one session per application, made on first use,
 * closed with the application. */
static MI_Result local_session(void *ctx, MI_Session *out)
{
    app_engine *ae = ctx;
    client_session *s;

    pthread_mutex_lock(&apps_mu);
    if (ae->local == NULL)
        ae->local = session_make(ae, false, 0);
    s = ae->local;
    pthread_mutex_unlock(&apps_mu);
    if (s == NULL)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    out->reserved1 = MI_CLIENT_MAGIC_SESSION;
    out->reserved2 = (ptrdiff_t)s;
    out->ft = &mi_client_session_ft;
    return MI_RESULT_OK;
}

MI_Result mi_client_app_use_engine(const MI_Application *application, mi_engine *e)
{
    const void *app = mi_client_app_get(application);
    app_engine *ae;
    MI_Result r = MI_RESULT_OK;

    if (app == NULL || e == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    pthread_mutex_lock(&apps_mu);
    ae = app_engine_find(app, true);
    if (ae == NULL)
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    else if (ae->e != NULL)
        r = MI_RESULT_FAILED;
    else {
        ae->e = e;
        ae->app_handle = *application;
        mi_engine_set_local_session(e, local_session, ae);
    }
    pthread_mutex_unlock(&apps_mu);
    return r;
}

static bool is_local(const char *dest)
{
    char host[256];

    if (dest == NULL || dest[0] == '\0' || mi_name_eq(dest, "localhost") ||
        strcmp(dest, ".") == 0 || strcmp(dest, "127.0.0.1") == 0 || strcmp(dest, "::1") == 0)
        return true;
    if (gethostname(host, sizeof host - 1) == 0) {
        host[sizeof host - 1] = '\0';
        if (mi_name_eq(dest, host))
            return true;
    }
    return false;
}

/* Opens the application's engine if it has none (apps_mu held). */
static MI_Result ensure_engine(app_engine *ae, const MI_DestinationOptions *options, mi_buf *err)
{
    mi_engine_config cfg;
    const char *repo = NULL;
    MI_Result r;

    if (ae->e != NULL)
        return MI_RESULT_OK;
    memset(&cfg, 0, sizeof cfg);
    if (options != NULL && options->ft != NULL &&
        options->ft->GetString(options, "MI_REPOSITORY", &repo, NULL, NULL) == MI_RESULT_OK)
        cfg.repository = repo;
    r = mi_engine_open(&cfg, &ae->e, err);
    if (r == MI_RESULT_OK) {
        ae->own = true;
        mi_engine_set_local_session(ae->e, local_session, ae);
    }
    return r;
}

MI_Result mi_client_app_engine(const MI_Application *application, mi_engine **out,
                               mi_buf *err)
{
    const void *app = mi_client_app_get(application);
    app_engine *ae;
    MI_Result r;

    *out = NULL;
    if (app == NULL) {
        mi_buf_puts(err, "invalid application");
        return MI_RESULT_INVALID_PARAMETER;
    }
    pthread_mutex_lock(&apps_mu);
    ae = app_engine_find(app, true);
    if (ae == NULL) {
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        mi_buf_puts(err, "out of memory");
    } else {
        if (ae->e == NULL)
            ae->app_handle = *application;
        r = ensure_engine(ae, NULL, err);
        if (r == MI_RESULT_OK)
            *out = ae->e;
    }
    pthread_mutex_unlock(&apps_mu);
    return r;
}

MI_Result mi_client_new_session(MI_Application *application, const MI_Char *protocol,
                                const MI_Char *destination, MI_DestinationOptions *options,
                                MI_SessionCallbacks *callbacks, MI_Instance **extendedError,
                                MI_Session *session)
{
    const void *app = mi_client_app_get(application);
    MI_Result r = MI_RESULT_OK;
    client_session *s = NULL;
    app_engine *ae;
    mi_buf err;
    bool has_timeout = false;
    MI_Uint64 timeout_us = 0;

    (void)callbacks; /* nothing to report while creating a local session */
    mi_buf_init(&err, 4096);
    if (extendedError != NULL)
        *extendedError = NULL;
    if (session != NULL)
        memset(session, 0, sizeof *session);
    if (app == NULL || session == NULL) {
        r = MI_RESULT_INVALID_PARAMETER;
        mi_buf_puts(&err, app == NULL ? "MI_Application_NewSession: invalid application"
                                      : "MI_Application_NewSession: session is NULL");
        goto out;
    }
    if (protocol != NULL && !mi_name_eq(protocol, "WMIDCOM") &&
        !mi_name_eq(protocol, "OMI_SOCKETS")) {
        if (mi_name_eq(protocol, "WINRM") || mi_name_eq(protocol, "MI_REMOTE_WSMAN")) {
            r = MI_RESULT_NOT_SUPPORTED;
            mi_buf_printf(&err, "MI_Application_NewSession: protocol %s (WS-Management) is "
                                "not supported yet by libmi", protocol);
        } else {
            r = MI_RESULT_INVALID_PARAMETER;
            mi_buf_printf(&err, "MI_Application_NewSession: unknown protocol \"%.64s\" "
                                "(known: WMIDCOM, OMI_SOCKETS, WINRM, MI_REMOTE_WSMAN)",
                          protocol);
        }
        goto out;
    }
    if (!is_local(destination)) {
        r = MI_RESULT_NOT_SUPPORTED;
        mi_buf_printf(&err, "MI_Application_NewSession: remote destination \"%.200s\" is "
                            "not supported yet by libmi (only the local machine)",
                      destination);
        goto out;
    }
    if (options != NULL && options->ft != NULL) {
        r = mi_client_destination_options_timeout(options, &has_timeout, &timeout_us);
        if (r != MI_RESULT_OK) {
            mi_buf_puts(&err, "MI_Application_NewSession: invalid destination options");
            goto out;
        }
    }
    pthread_mutex_lock(&apps_mu);
    ae = app_engine_find(app, true);
    if (ae == NULL) {
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        mi_buf_puts(&err, "MI_Application_NewSession: out of memory");
    } else {
        if (ae->e == NULL)
            ae->app_handle = *application;
        r = ensure_engine(ae, options, &err);
    }
    if (r == MI_RESULT_OK) {
        s = session_make(ae, has_timeout, timeout_us);
        if (s == NULL) {
            r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
            mi_buf_puts(&err, "MI_Application_NewSession: out of memory");
        }
    }
    pthread_mutex_unlock(&apps_mu);
    if (r != MI_RESULT_OK)
        goto out;
    session->reserved1 = MI_CLIENT_MAGIC_SESSION;
    session->reserved2 = (ptrdiff_t)s;
    session->ft = &mi_client_session_ft;
out:
    if (r != MI_RESULT_OK)
        mi_client_set_extended_error(extendedError, r, mi_buf_str(&err));
    mi_buf_free(&err);
    return r;
}

/* ---------------------------------------------------------------- close */

bool mi_client_session_add_op(client_session *s, void *op)
{
    bool ok = false;

    pthread_mutex_lock(&s->mu);
    if (!s->closing && s->n_ops < SESSION_MAX_OPS) {
        s->ops[s->n_ops++] = op;
        ok = true;
    }
    pthread_mutex_unlock(&s->mu);
    return ok;
}

void mi_client_session_remove_op(client_session *s, void *op)
{
    pthread_mutex_lock(&s->mu);
    for (size_t i = 0; i < s->n_ops; i++) {
        if (s->ops[i] == op) {
            s->ops[i] = s->ops[--s->n_ops];
            break;
        }
    }
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

/* Cancels the session's operations and waits until all were closed and freed, then
 * frees the session. */
static void session_finish(client_session *s)
{
    app_engine *ae = s->ae;
    client_session **pp;

    pthread_mutex_lock(&s->mu);
    for (size_t i = 0; i < s->n_ops; i++)
        mi_client_op_cancel_internal(s->ops[i]);
    while (s->n_ops > 0)
        pthread_cond_wait(&s->cv, &s->mu);
    pthread_mutex_unlock(&s->mu);
    pthread_mutex_lock(&apps_mu);
    if (ae->local == s)
        ae->local = NULL;
    for (pp = &ae->sessions; *pp != NULL; pp = &(*pp)->next) {
        if (*pp == s) {
            *pp = s->next;
            break;
        }
    }
    pthread_mutex_unlock(&apps_mu);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
    mi_free(s);
}

typedef struct close_job {
    client_session *s;
    void *ctx;
    void (MI_CALL *cb)(void *);
} close_job;

static void *close_thread(void *arg)
{
    close_job *j = arg;
    session_finish(j->s);
    j->cb(j->ctx);
    mi_free(j);
    return NULL;
}

static MI_Result MI_CALL session_close(MI_Session *session, void *completionContext,
                                       void (MI_CALL *completionCallback)(void *))
{
    client_session *s = session_get(session);
    close_job *j;
    pthread_t t;
    pthread_attr_t attr;
    MI_Result r = MI_RESULT_OK;

    if (s == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    pthread_mutex_lock(&s->mu);
    s->closing = true;
    pthread_mutex_unlock(&s->mu);
    mi_client_unregister(&s->hdr);
    memset(session, 0, sizeof *session);
    if (completionCallback == NULL) {
        session_finish(s);
        goto out;
    }
    j = mi_malloc(sizeof *j);
    if (j == NULL) {
        /* Cannot go asynchronous: finish here, then report. */
        session_finish(s);
        completionCallback(completionContext);
        goto out;
    }
    *j = (close_job){s, completionContext, completionCallback};
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &attr, close_thread, j) != 0) {
        mi_free(j);
        session_finish(s);
        completionCallback(completionContext);
    }
    pthread_attr_destroy(&attr);
out:
    return r;
}

void mi_client_app_close_sessions(const MI_Application *application)
{
    const void *app = mi_client_app_get(application);
    app_engine *ae, **pp;
    client_session *s;
    mi_deliver_pool *pool = NULL;

    if (app == NULL)
        return;
    pthread_mutex_lock(&apps_mu);
    ae = app_engine_find(app, false);
    if (ae != NULL && ae->e != NULL)
        mi_engine_set_local_session(ae->e, NULL, NULL);
    pthread_mutex_unlock(&apps_mu);
    for (;;) {
        pthread_mutex_lock(&apps_mu);
        ae = app_engine_find(app, false);
        s = ae != NULL ? ae->sessions : NULL;
        if (s != NULL && mi_client_lookup(MI_CLIENT_MAGIC_SESSION, (ptrdiff_t)s,
                                          MI_CLIENT_MAGIC_SESSION) == NULL)
            s = NULL; /* already closing on another thread: wait for it below */
        pthread_mutex_unlock(&apps_mu);
        if (s == NULL)
            break;
        MI_Session h = {MI_CLIENT_MAGIC_SESSION, (ptrdiff_t)s, &mi_client_session_ft};
        session_close(&h, NULL, NULL);
    }
    /* Sessions closing asynchronously elsewhere: wait until they are gone. */
    for (;;) {
        pthread_mutex_lock(&apps_mu);
        ae = app_engine_find(app, false);
        bool busy = ae != NULL && ae->sessions != NULL;
        pthread_mutex_unlock(&apps_mu);
        if (!busy)
            break;
        usleep(1000);
    }
    /* Hosted providers go before the engine (hosted.c; no lock held: their close
     * waits for their requests). */
    mi_client_hosted_close_app(app);
    pthread_mutex_lock(&apps_mu);
    for (pp = &apps; *pp != NULL; pp = &(*pp)->next) {
        if ((*pp)->app == app) {
            ae = *pp;
            *pp = ae->next;
            if (ae->own)
                mi_engine_close(ae->e);
            pool = ae->pool;
            mi_free(ae);
            break;
        }
    }
    pthread_mutex_unlock(&apps_mu);
    /* Every operation is closed: the pool threads only finish their last jobs. */
    mi_deliver_pool_free(pool);
}

struct mi_deliver_pool *mi_client_session_pool(struct client_session *s)
{
    mi_deliver_pool *p;

    pthread_mutex_lock(&apps_mu);
    if (s->ae->pool == NULL)
        s->ae->pool = mi_deliver_pool_new();
    p = s->ae->pool;
    pthread_mutex_unlock(&apps_mu);
    return p;
}

static MI_Result MI_CALL session_get_application(MI_Session *session,
                                                 MI_Application *application)
{
    client_session *s = session_get(session);

    if (application != NULL)
        memset(application, 0, sizeof *application);
    if (s == NULL || application == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    *application = s->app;
    return MI_RESULT_OK;
}

/* ---------------------------------------------------------------- operations */

/* Builds the request's options and timeout, then starts it. */
static void start(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
                  mi_request *req, MI_OperationCallbacks *callbacks, mi_client_op_kind kind,
                  const char *what, MI_Operation *operation)
{
    client_session *s = session_get(session);
    mi_client_opts opts;
    mi_arena a;
    mi_buf err;
    char msg[512];
    MI_Result r;

    mi_arena_init(&a, 0, (size_t)16 << 20);
    mi_buf_init(&err, 1024);
    if (s == NULL) {
        snprintf(msg, sizeof msg, "%s: invalid session handle", what);
        mi_client_op_fail(NULL, flags, callbacks, kind, MI_RESULT_INVALID_PARAMETER, msg,
                          operation);
        goto out;
    }
    memset(&opts, 0, sizeof opts);
    r = mi_client_operation_options_export(options, &a, &opts, &err);
    if (r != MI_RESULT_OK) {
        snprintf(msg, sizeof msg, "%s: %s", what,
                 mi_buf_str(&err)[0] ? mi_buf_str(&err) : "invalid operation options");
        mi_client_op_fail(session, flags, callbacks, kind, r, msg, operation);
        goto out;
    }
    req->flags = flags;
    req->options = opts.options;
    req->n_options = opts.n_options;
    req->timeout_us = opts.has_timeout ? opts.timeout_us : s->has_timeout ? s->timeout_us : 0;
    mi_client_op_start(s, session, s->ae->e, req, flags, callbacks, (int)kind, operation);
out:
    mi_buf_free(&err);
    mi_arena_destroy(&a);
}

static void MI_CALL session_get_instance(MI_Session *session, MI_Uint32 flags,
                                         MI_OperationOptions *options,
                                         const MI_Char *namespaceName,
                                         const MI_Instance *inboundInstance,
                                         MI_OperationCallbacks *callbacks,
                                         MI_Operation *operation)
{
    mi_request req = {.kind = MI_OP_GET_INSTANCE, .ns = namespaceName,
                      .instance = inboundInstance};
    start(session, flags, options, &req, callbacks, MI_CLIENT_OP_INSTANCE,
          "MI_Session_GetInstance", operation);
}

static void MI_CALL session_modify_instance(MI_Session *session, MI_Uint32 flags,
                                            MI_OperationOptions *options,
                                            const MI_Char *namespaceName,
                                            const MI_Instance *inboundInstance,
                                            MI_OperationCallbacks *callbacks,
                                            MI_Operation *operation)
{
    mi_request req = {.kind = MI_OP_MODIFY_INSTANCE, .ns = namespaceName,
                      .instance = inboundInstance};
    start(session, flags, options, &req, callbacks, MI_CLIENT_OP_INSTANCE,
          "MI_Session_ModifyInstance", operation);
}

static void MI_CALL session_create_instance(MI_Session *session, MI_Uint32 flags,
                                            MI_OperationOptions *options,
                                            const MI_Char *namespaceName,
                                            const MI_Instance *inboundInstance,
                                            MI_OperationCallbacks *callbacks,
                                            MI_Operation *operation)
{
    mi_request req = {.kind = MI_OP_CREATE_INSTANCE, .ns = namespaceName,
                      .instance = inboundInstance};
    start(session, flags, options, &req, callbacks, MI_CLIENT_OP_INSTANCE,
          "MI_Session_CreateInstance", operation);
}

static void MI_CALL session_delete_instance(MI_Session *session, MI_Uint32 flags,
                                            MI_OperationOptions *options,
                                            const MI_Char *namespaceName,
                                            const MI_Instance *inboundInstance,
                                            MI_OperationCallbacks *callbacks,
                                            MI_Operation *operation)
{
    mi_request req = {.kind = MI_OP_DELETE_INSTANCE, .ns = namespaceName,
                      .instance = inboundInstance};
    start(session, flags, options, &req, callbacks, MI_CLIENT_OP_INSTANCE,
          "MI_Session_DeleteInstance", operation);
}

static void MI_CALL session_invoke(MI_Session *session, MI_Uint32 flags,
                                   MI_OperationOptions *options, const MI_Char *namespaceName,
                                   const MI_Char *className, const MI_Char *methodName,
                                   const MI_Instance *inboundInstance,
                                   const MI_Instance *inboundProperties,
                                   MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    mi_request req = {.kind = MI_OP_INVOKE, .ns = namespaceName, .class_name = className,
                      .method = methodName, .instance = inboundInstance,
                      .params = inboundProperties};
    start(session, flags, options, &req, callbacks, MI_CLIENT_OP_INSTANCE,
          "MI_Session_Invoke", operation);
}

static void MI_CALL session_enumerate_instances(MI_Session *session, MI_Uint32 flags,
                                                MI_OperationOptions *options,
                                                const MI_Char *namespaceName,
                                                const MI_Char *className, MI_Boolean keysOnly,
                                                MI_OperationCallbacks *callbacks,
                                                MI_Operation *operation)
{
    mi_request req = {.kind = MI_OP_ENUMERATE_INSTANCES, .ns = namespaceName,
                      .class_name = className, .keys_only = keysOnly};
    start(session, flags, options, &req, callbacks, MI_CLIENT_OP_INSTANCE,
          "MI_Session_EnumerateInstances", operation);
}

static void MI_CALL session_query_instances(MI_Session *session, MI_Uint32 flags,
                                            MI_OperationOptions *options,
                                            const MI_Char *namespaceName,
                                            const MI_Char *queryDialect,
                                            const MI_Char *queryExpression,
                                            MI_OperationCallbacks *callbacks,
                                            MI_Operation *operation)
{
    mi_request req = {.kind = MI_OP_QUERY_INSTANCES, .ns = namespaceName,
                      .query_dialect = queryDialect, .query = queryExpression};
    start(session, flags, options, &req, callbacks, MI_CLIENT_OP_INSTANCE,
          "MI_Session_QueryInstances", operation);
}

static void MI_CALL session_associator_instances(
    MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
    const MI_Char *namespaceName, const MI_Instance *instanceKeys, const MI_Char *assocClass,
    const MI_Char *resultClass, const MI_Char *role, const MI_Char *resultRole,
    MI_Boolean keysOnly, MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    mi_request req = {.kind = MI_OP_ASSOCIATOR_INSTANCES, .ns = namespaceName,
                      .instance = instanceKeys, .assoc_class = assocClass,
                      .result_class = resultClass, .role = role, .result_role = resultRole,
                      .keys_only = keysOnly};
    start(session, flags, options, &req, callbacks, MI_CLIENT_OP_INSTANCE,
          "MI_Session_AssociatorInstances", operation);
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
    mi_request req = {.kind = MI_OP_REFERENCE_INSTANCES, .ns = namespaceName,
                      .instance = instanceKeys, .result_class = resultClass, .role = role,
                      .keys_only = keysOnly};
    start(session, flags, options, &req, callbacks, MI_CLIENT_OP_INSTANCE,
          "MI_Session_ReferenceInstances", operation);
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
    mi_request req = {.kind = MI_OP_SUBSCRIBE, .ns = namespaceName,
                      .query_dialect = queryDialect, .query = queryExpression};
    (void)deliverOptions;
    start(session, flags, options, &req, callbacks, MI_CLIENT_OP_INDICATION,
          "MI_Session_Subscribe", operation);
}

static void MI_CALL session_get_class(MI_Session *session, MI_Uint32 flags,
                                      MI_OperationOptions *options,
                                      const MI_Char *namespaceName, const MI_Char *className,
                                      MI_OperationCallbacks *callbacks,
                                      MI_Operation *operation)
{
    mi_request req = {.kind = MI_OP_GET_CLASS, .ns = namespaceName, .class_name = className};
    start(session, flags, options, &req, callbacks, MI_CLIENT_OP_CLASS, "MI_Session_GetClass",
          operation);
}

static void MI_CALL session_enumerate_classes(MI_Session *session, MI_Uint32 flags,
                                              MI_OperationOptions *options,
                                              const MI_Char *namespaceName,
                                              const MI_Char *className,
                                              MI_Boolean classNamesOnly,
                                              MI_OperationCallbacks *callbacks,
                                              MI_Operation *operation)
{
    mi_request req = {.kind = MI_OP_ENUMERATE_CLASSES, .ns = namespaceName,
                      .class_name = className, .class_names_only = classNamesOnly};
    start(session, flags, options, &req, callbacks, MI_CLIENT_OP_CLASS,
          "MI_Session_EnumerateClasses", operation);
}

static void MI_CALL session_test_connection(MI_Session *session, MI_Uint32 flags,
                                            MI_OperationCallbacks *callbacks,
                                            MI_Operation *operation)
{
    mi_request req = {.kind = MI_OP_TEST_CONNECTION};
    start(session, flags, NULL, &req, callbacks, MI_CLIENT_OP_INSTANCE,
          "MI_Session_TestConnection", operation);
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
