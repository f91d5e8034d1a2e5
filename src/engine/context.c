/* context.c - MI_Context, the provider's handle on one request, and MI_Server.
 *
 * A context is an eng_ctx whose first member is the MI_Context the provider gets.
 * Posts may come from any thread and after the provider function returned; the
 * terminal post (PostResult/PostError/PostCimError) is accepted exactly once, later
 * ones fail with MI_RESULT_FAILED. A context lives until its terminal post and the
 * dispatcher's eng_ctx_unref (and its cancel hook, if it ran); one whose provider
 * never posts a terminal result stays on the engine's list until engine close.
 *
 * GetLocalSession asks the hook the client library set (mi_engine_set_local_session).
 * Indications: PostIndication is accepted only on an indications context
 * (ENG_CTX_INDICATION, the one EnableIndications got; INVALID_PARAMETER elsewhere),
 * from any thread, until its terminal post; posts are serialized per context and handed
 * to its sink (dispatch.c fans them out to the subscriptions). PostInstance on it is
 * INVALID_PARAMETER (indications are posted with PostIndication). Not supported
 * (MI_RESULT_NOT_SUPPORTED): GetLifecycleIndicationContext.
 */
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/str.h"
#include "cim/cim.h"
#include "engine/engine_int.h"

#define CTX_MAGIC ((ptrdiff_t)0x4d49437478744d49) /* "MICtxtMI" */
/* How long Load/Unload may take before the engine gives up on it. */
#define LOAD_TIMEOUT_NS (30ull * 1000000000ull)

extern const MI_ContextFT eng_context_ft;

static eng_ctx *ctx_of(const MI_Context *context)
{
    if (context == NULL || context->ft != &eng_context_ft || context->reserved[0] != CTX_MAGIC)
        return NULL;
    return (eng_ctx *)context;
}

static void ctx_free(eng_ctx *c)
{
    if (c->mod_ref)
        eng_module_put(c->e, c->mod);
    mi_arena_destroy(&c->arena);
    mi_free(c->message);
    pthread_mutex_destroy(&c->mu);
    pthread_cond_destroy(&c->cv);
    c->ctx.reserved[0] = 0;
    if (c->op != NULL)
        eop_unref(c->op);
    mi_free(c);
}

static void ctx_unref(eng_ctx *c)
{
    if (atomic_fetch_sub(&c->refs, 1) == 1)
        ctx_free(c);
}

/* The op's cancel hook: wakes the dispatcher waiting on c and passes the cancel on to
 * the provider's RegisterCancel callbacks. Holds the hook's reference. */
static void ctx_cancel_hook(MI_CancellationReason reason, void *data)
{
    eng_ctx *c = data;
    void (*cb[4])(MI_CancellationReason, void *);
    void *cd[4];
    unsigned n = 0;

    pthread_mutex_lock(&c->mu);
    if (!c->done) {
        n = c->n_cancel;
        memcpy(cb, c->cancel_cb, sizeof cb);
        memcpy(cd, c->cancel_data, sizeof cd);
    }
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
    for (unsigned i = 0; i < n; i++)
        cb[i](reason, cd[i]);
    ctx_unref(c);
}

eng_ctx *eng_ctx_new(mi_engine *e, mi_op *op, eng_ctx_kind kind)
{
    eng_ctx *c = mi_calloc(1, sizeof *c);
    pthread_condattr_t ca;

    if (c == NULL)
        goto out;
    c->ctx.ft = &eng_context_ft;
    c->ctx.reserved[0] = CTX_MAGIC;
    c->e = e;
    c->op = op;
    c->kind = kind;
    mi_arena_init(&c->arena, 0, (size_t)16 << 20);
    pthread_mutex_init(&c->mu, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&c->cv, &ca);
    pthread_condattr_destroy(&ca);
    atomic_init(&c->refs, 2);
    if (kind != ENG_CTX_LOAD) {
        /* The module of the provider the dispatcher is about to call stays loaded
         * while this context lives. */
        c->mod = eng_scope_current_ref(e);
        c->mod_ref = c->mod != NULL;
    }
    if (op != NULL) {
        eop_ref(op);
        atomic_fetch_add(&c->refs, 1);
        if (!eop_add_cancel_hook(op, ctx_cancel_hook, c))
            atomic_fetch_sub(&c->refs, 1);
    }
    pthread_mutex_lock(&e->mu);
    c->next = e->ctxs;
    if (e->ctxs != NULL)
        e->ctxs->prev = c;
    e->ctxs = c;
    pthread_mutex_unlock(&e->mu);
out:
    return c;
}

void eng_ctx_unref(eng_ctx *c)
{
    if (c == NULL)
        return;
    if (c->op != NULL && eop_remove_cancel_hook(c->op, ctx_cancel_hook, c))
        ctx_unref(c); /* the hook's reference: it will never run */
    ctx_unref(c);
}

static void untrack(eng_ctx *c)
{
    mi_engine *e = c->e;

    pthread_mutex_lock(&e->mu);
    if (c->prev != NULL)
        c->prev->next = c->next;
    else if (e->ctxs == c)
        e->ctxs = c->next;
    if (c->next != NULL)
        c->next->prev = c->prev;
    c->prev = c->next = NULL;
    pthread_mutex_unlock(&e->mu);
}

void eng_ctx_reap(mi_engine *e)
{
    eng_ctx *c;

    for (;;) {
        pthread_mutex_lock(&e->mu);
        c = e->ctxs;
        if (c != NULL) {
            e->ctxs = c->next;
            if (e->ctxs != NULL)
                e->ctxs->prev = NULL;
            c->next = c->prev = NULL;
        }
        pthread_mutex_unlock(&e->mu);
        if (c == NULL)
            break;
        pthread_mutex_lock(&c->mu);
        c->done = true;
        c->mod_ref = false; /* the modules are gone already */
        c->mod = NULL;
        pthread_mutex_unlock(&c->mu);
        ctx_unref(c); /* the provider's reference: it never posted its result */
    }
}

bool eng_ctx_wait(eng_ctx *c)
{
    struct timespec ts;
    uint64_t deadline, now;
    bool done;

    deadline = c->op != NULL ? eop_deadline(c->op) : eng_now_ns() + LOAD_TIMEOUT_NS;
    pthread_mutex_lock(&c->mu);
    while (!c->done) {
        if (c->op != NULL && eop_stopped(c->op))
            break;
        now = eng_now_ns();
        if (deadline == 0) {
            /* The cancel hook wakes us; look again now and then in case it could not
             * be registered (the op's cap of hooks). */
            uint64_t nap = now + 100000000u;
            ts.tv_sec = (time_t)(nap / 1000000000u);
            ts.tv_nsec = (long)(nap % 1000000000u);
            pthread_cond_timedwait(&c->cv, &c->mu, &ts);
            continue;
        }
        if (now >= deadline) {
            if (c->op == NULL)
                break;
            pthread_mutex_unlock(&c->mu);
            eop_stop(c->op, EOP_STOP_TIMEOUT, MI_REASON_TIMEOUT);
            pthread_mutex_lock(&c->mu);
            continue;
        }
        ts.tv_sec = (time_t)(deadline / 1000000000u);
        ts.tv_nsec = (long)(deadline % 1000000000u);
        pthread_cond_timedwait(&c->cv, &c->mu, &ts);
    }
    done = c->done;
    pthread_mutex_unlock(&c->mu);
    return done;
}

/* ---------------------------------------------------------------- terminal posts */

static MI_Result terminal(eng_ctx *c, MI_Result code, const char *msg, const MI_Instance *err)
{
    MI_Value v;

    pthread_mutex_lock(&c->mu);
    if (c->done) {
        pthread_mutex_unlock(&c->mu);
        return MI_RESULT_FAILED;
    }
    c->result = code;
    if (msg != NULL)
        c->message = mi_strdup(msg);
    if (err != NULL && mi_value_copy(&c->arena, MI_INSTANCE, &err, &v) == MI_RESULT_OK)
        c->error = v.instance;
    __atomic_store_n(&c->done, true, __ATOMIC_RELEASE);
    if (c->on_end != NULL)
        c->on_end(c->sctx, code, msg, err);
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
    untrack(c);
    ctx_unref(c); /* the provider's reference */
    return MI_RESULT_OK;
}

static MI_Result MI_CALL ctx_post_result(MI_Context *context, MI_Result result)
{
    eng_ctx *c = ctx_of(context);
    return c == NULL ? MI_RESULT_INVALID_PARAMETER : terminal(c, result, NULL, NULL);
}

static MI_Result MI_CALL ctx_post_error(MI_Context *context, MI_Uint32 resultCode,
                                       const MI_Char *resultType, const MI_Char *errorMessage)
{
    eng_ctx *c = ctx_of(context);
    MI_Instance *err;
    MI_Result code;
    mi_arena tmp;
    MI_Result r;

    if (c == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    if (resultType == NULL)
        resultType = MI_RESULT_TYPE_MI;
    code = strcmp(resultType, MI_RESULT_TYPE_MI) == 0 ? (MI_Result)resultCode : MI_RESULT_FAILED;
    mi_arena_init(&tmp, 0, 0);
    err = eng_error_instance(&tmp, resultCode, resultType, MI_ERRORCATEGORY_NOT_SPECIFIED,
                             errorMessage);
    r = terminal(c, code, errorMessage, err);
    mi_arena_destroy(&tmp);
    return r;
}

static MI_Result MI_CALL ctx_post_cim_error(MI_Context *context, const MI_Instance *error)
{
    eng_ctx *c = ctx_of(context);
    MI_Value v;
    MI_Type t;
    MI_Result code = MI_RESULT_FAILED;
    const char *msg = NULL;

    if (c == NULL || error == NULL || error->ft == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    if (error->ft->GetElement(error, "CIMStatusCode", &v, &t, NULL, NULL) == MI_RESULT_OK &&
        t == MI_UINT32)
        code = (MI_Result)v.uint32;
    if (error->ft->GetElement(error, "Message", &v, &t, NULL, NULL) == MI_RESULT_OK &&
        t == MI_STRING)
        msg = v.string;
    return terminal(c, code == MI_RESULT_OK ? MI_RESULT_FAILED : code, msg, error);
}

/* ---------------------------------------------------------------- results */

static MI_Result MI_CALL ctx_post_instance(MI_Context *context, const MI_Instance *instance)
{
    eng_ctx *c = ctx_of(context);
    MI_Result r = MI_RESULT_FAILED;
    bool done;

    if (c == NULL || instance == NULL || instance->classDecl == NULL ||
        c->kind == ENG_CTX_INDICATION)
        return MI_RESULT_INVALID_PARAMETER;
    if (c->kind == ENG_CTX_SINK) {
        /* Sinks are not thread-safe: serialize the provider's posting threads. */
        pthread_mutex_lock(&c->mu);
        if (!c->done)
            r = c->sink(c->sctx, instance) ? MI_RESULT_OK : MI_RESULT_FAILED;
        pthread_mutex_unlock(&c->mu);
        goto out;
    }
    done = __atomic_load_n(&c->done, __ATOMIC_ACQUIRE);
    if (done)
        goto out;
    if (c->kind == ENG_CTX_REQUEST)
        r = eop_post_instance(c->op, instance, c->keys_only, c->only);
    else
        r = MI_RESULT_NOT_SUPPORTED; /* Load/Unload have no results */
out:
    return r;
}

static MI_Result MI_CALL ctx_post_indication(MI_Context *context, const MI_Instance *indication,
                                             MI_Uint32 subscriptionIDCount,
                                             const MI_Char *bookmark)
{
    eng_ctx *c = ctx_of(context);
    MI_Result r = MI_RESULT_FAILED;

    /* subscriptionIDCount is not defined precisely by either source: ignored (every
     * subscription of the context is matched); bookmarks are not kept. */
    (void)subscriptionIDCount;
    (void)bookmark;
    if (c == NULL || c->kind != ENG_CTX_INDICATION || indication == NULL ||
        indication->classDecl == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    pthread_mutex_lock(&c->mu);
    if (!c->done && c->sink != NULL)
        r = c->sink(c->sctx, indication) ? MI_RESULT_OK : MI_RESULT_FAILED;
    pthread_mutex_unlock(&c->mu);
    return r;
}

/* ---------------------------------------------------------------- factories */

static MI_Result MI_CALL ctx_construct_instance(MI_Context *context,
                                                const MI_ClassDecl *classDecl,
                                                MI_Instance *instance)
{
    if (ctx_of(context) == NULL || classDecl == NULL || instance == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    return mi_instance_construct(instance, classDecl);
}

static MI_Result MI_CALL ctx_construct_parameters(MI_Context *context,
                                                  const MI_MethodDecl *methodDecl,
                                                  MI_Instance *instance)
{
    if (ctx_of(context) == NULL || methodDecl == NULL || instance == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    return mi_parameters_construct(instance, methodDecl);
}

static MI_Result MI_CALL ctx_new_instance(MI_Context *context, const MI_ClassDecl *classDecl,
                                          MI_Instance **instance)
{
    if (instance != NULL)
        *instance = NULL;
    if (ctx_of(context) == NULL || classDecl == NULL || instance == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    return mi_instance_new(classDecl, NULL, NULL, instance);
}

static MI_Result MI_CALL ctx_new_dynamic_instance(MI_Context *context, const MI_Char *className,
                                                  MI_Uint32 flags, MI_Instance **instance)
{
    if (instance != NULL)
        *instance = NULL;
    if (ctx_of(context) == NULL || className == NULL || instance == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    return mi_instance_new_dynamic(className, flags, instance);
}

static MI_Result MI_CALL ctx_new_parameters(MI_Context *context, const MI_MethodDecl *methodDecl,
                                            MI_Instance **instance)
{
    if (instance != NULL)
        *instance = NULL;
    if (ctx_of(context) == NULL || methodDecl == NULL || instance == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    return mi_parameters_new(methodDecl, instance);
}

/* ---------------------------------------------------------------- cancel, locale */

static MI_Result MI_CALL ctx_canceled(const MI_Context *context, MI_Boolean *flag)
{
    eng_ctx *c = ctx_of(context);

    if (c == NULL || flag == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    *flag = c->op != NULL && eop_stopped(c->op) ? MI_TRUE : MI_FALSE;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL ctx_get_locale(const MI_Context *context, MI_LocaleType localeType,
                                        MI_Char locale[MI_MAX_LOCALE_SIZE])
{
    eng_ctx *c = ctx_of(context);
    const mi_request *req;
    const char *l = "en-US";

    (void)localeType;
    if (locale != NULL)
        locale[0] = '\0';
    if (c == NULL || locale == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    req = c->op != NULL ? eop_request(c->op) : NULL;
    if (req != NULL && req->locale != NULL && req->locale[0] != '\0')
        l = req->locale;
    if (strlen(l) >= MI_MAX_LOCALE_SIZE)
        return MI_RESULT_FAILED;
    strcpy(locale, l);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL ctx_register_cancel(MI_Context *context, MI_CancelCallback callback,
                                             void *callbackData)
{
    eng_ctx *c = ctx_of(context);
    MI_Result r = MI_RESULT_OK;
    bool now = false;

    if (c == NULL || callback == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    pthread_mutex_lock(&c->mu);
    if (c->n_cancel == 4) {
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    } else {
        c->cancel_cb[c->n_cancel] = callback;
        c->cancel_data[c->n_cancel++] = callbackData;
        now = c->op != NULL && eop_stopped(c->op);
    }
    pthread_mutex_unlock(&c->mu);
    /* Registered after the stop: the hook may have run already, so call it here. */
    if (now)
        callback(eop_stop_reason(c->op), callbackData);
    return r;
}

/* Passed on to the context's module (module.c): RequestUnload unloads it as soon as
 * no request uses it (and clears an earlier RefuseUnload); RefuseUnload keeps it
 * loaded while idle until a later RequestUnload. Hosted modules ignore both (they go
 * with MI_HostedProvider_Close). A context without a module (none known) only
 * records the call. */
static MI_Result MI_CALL ctx_request_unload(MI_Context *context)
{
    eng_ctx *c = ctx_of(context);
    if (c == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    c->unload_requested = true;
    eng_module_request_unload(c->e, c->mod, false);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL ctx_refuse_unload(MI_Context *context)
{
    eng_ctx *c = ctx_of(context);
    if (c == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    c->unload_refused = true;
    eng_module_request_unload(c->e, c->mod, true);
    return MI_RESULT_OK;
}

/* The engine's local-session hook (set by the client library), or NOT_SUPPORTED. */
static MI_Result MI_CALL ctx_get_local_session(const MI_Context *context, MI_Session *session)
{
    eng_ctx *c = ctx_of(context);
    mi_engine_local_session_fn fn;
    void *fctx;

    if (session != NULL)
        memset(session, 0, sizeof *session);
    if (c == NULL || session == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    pthread_mutex_lock(&c->e->mu);
    fn = c->e->local_fn;
    fctx = c->e->local_ctx;
    pthread_mutex_unlock(&c->e->mu);
    return fn != NULL ? fn(fctx, session) : MI_RESULT_NOT_SUPPORTED;
}

/* ---------------------------------------------------------------- options */

static const mi_option *find_option(eng_ctx *c, const char *name)
{
    const mi_request *req = c->op != NULL ? eop_request(c->op) : NULL;

    if (req == NULL || name == NULL)
        return NULL;
    for (size_t i = 0; i < req->n_options; i++)
        if (mi_name_eq(req->options[i].name, name))
            return &req->options[i];
    return NULL;
}

static MI_Result MI_CALL ctx_set_string_option(MI_Context *context, const MI_Char *name,
                                               const MI_Char *value)
{
    if (ctx_of(context) == NULL || name == NULL || value == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    /* __FilterByProvider and other tuning knobs: accepted and ignored (the engine
     * evaluates a query's filter on every posted instance whatever the provider says). */
    return MI_RESULT_OK;
}

static MI_Result MI_CALL ctx_get_string_option(MI_Context *context, const MI_Char *name,
                                               const MI_Char **value)
{
    eng_ctx *c = ctx_of(context);
    const mi_option *o;

    if (value != NULL)
        *value = NULL;
    if (c == NULL || name == NULL || value == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    o = find_option(c, name);
    if (o == NULL)
        return MI_RESULT_NO_SUCH_PROPERTY;
    if (o->type != MI_STRING)
        return MI_RESULT_TYPE_MISMATCH;
    *value = o->value.string;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL ctx_get_number_option(MI_Context *context, const MI_Char *name,
                                               MI_Uint32 *value)
{
    eng_ctx *c = ctx_of(context);
    const mi_option *o;

    if (value != NULL)
        *value = 0;
    if (c == NULL || name == NULL || value == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    o = find_option(c, name);
    if (o == NULL)
        return MI_RESULT_NO_SUCH_PROPERTY;
    if (o->type != MI_UINT32)
        return MI_RESULT_TYPE_MISMATCH;
    *value = o->value.uint32;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL ctx_get_custom_option(MI_Context *context, const MI_Char *name,
                                               MI_Type *valueType, MI_Value *value)
{
    eng_ctx *c = ctx_of(context);
    const mi_option *o;

    if (c == NULL || name == NULL || valueType == NULL || value == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    o = find_option(c, name);
    if (o == NULL)
        return MI_RESULT_NO_SUCH_PROPERTY;
    *valueType = o->type;
    *value = o->value;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL ctx_get_custom_option_count(MI_Context *context, MI_Uint32 *count)
{
    eng_ctx *c = ctx_of(context);
    const mi_request *req;

    if (c == NULL || count == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    req = c->op != NULL ? eop_request(c->op) : NULL;
    *count = req != NULL ? (MI_Uint32)req->n_options : 0;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL ctx_get_custom_option_at(MI_Context *context, MI_Uint32 index,
                                                  const MI_Char **name, MI_Type *valueType,
                                                  MI_Value *value)
{
    eng_ctx *c = ctx_of(context);
    const mi_request *req;

    if (c == NULL || name == NULL || valueType == NULL || value == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    req = c->op != NULL ? eop_request(c->op) : NULL;
    if (req == NULL || index >= req->n_options)
        return MI_RESULT_NO_SUCH_PROPERTY;
    *name = req->options[index].name;
    *valueType = req->options[index].type;
    *value = req->options[index].value;
    return MI_RESULT_OK;
}

/* ---------------------------------------------------------------- client extensions */

/* True unless the request lists its enabled channels (the option
 * __MI_OPERATIONOPTIONS_CHANNEL, uint32[]) and channel is not among them. */
static bool channel_enabled(eng_ctx *c, MI_Uint32 channel)
{
    const mi_option *o = find_option(c, "__MI_OPERATIONOPTIONS_CHANNEL");

    if (o == NULL || o->type != MI_UINT32A)
        return true;
    for (MI_Uint32 i = 0; i < o->value.uint32a.size; i++)
        if (o->value.uint32a.data[i] == channel)
            return true;
    return false;
}

static MI_Result MI_CALL ctx_write_message(MI_Context *context, MI_Uint32 channel,
                                           const MI_Char *message)
{
    eng_ctx *c = ctx_of(context);

    if (c == NULL || message == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    if (c->op == NULL || !channel_enabled(c, channel))
        return MI_RESULT_OK; /* nobody listens on that channel */
    return eop_post_message(c->op, channel, message);
}

static MI_Result MI_CALL ctx_write_progress(MI_Context *context, const MI_Char *activity,
                                            const MI_Char *currentOperation,
                                            const MI_Char *statusDescription,
                                            MI_Uint32 percentComplete,
                                            MI_Uint32 secondsRemaining)
{
    eng_ctx *c = ctx_of(context);

    if (c == NULL || activity == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    return c->op != NULL ? eop_post_progress(c->op, activity, currentOperation,
                                             statusDescription, percentComplete,
                                             secondsRemaining)
                         : MI_RESULT_OK;
}

static MI_Result MI_CALL ctx_write_stream_parameter(MI_Context *context, const MI_Char *name,
                                                    const MI_Value *value, MI_Type type,
                                                    MI_Uint32 flags)
{
    eng_ctx *c = ctx_of(context);

    (void)flags;
    if (c == NULL || name == NULL || value == NULL || mi_type_name(type) == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    return c->op != NULL ? eop_post_streamed(c->op, name, type, value) : MI_RESULT_NOT_SUPPORTED;
}

/* Asks the consumer; without an operation (Load/Unload) the answer is yes. */
static MI_Result ask(eng_ctx *c, mi_item_kind kind, const char *msg, MI_PromptType type,
                     const MI_Instance *err, MI_Boolean *result)
{
    MI_Result r;

    *result = MI_TRUE;
    if (c->op == NULL)
        return MI_RESULT_OK;
    r = eop_post_question(c->op, kind, msg, type, err, result);
    if (r == MI_RESULT_FAILED) { /* stopped: tell the provider not to go on */
        *result = MI_FALSE;
        r = MI_RESULT_OK;
    }
    return r;
}

static MI_Result MI_CALL ctx_write_cim_error(MI_Context *context, const MI_Instance *error,
                                             MI_Boolean *flag)
{
    eng_ctx *c = ctx_of(context);
    MI_Value v;
    MI_Type t;
    const char *msg = NULL;

    if (c == NULL || error == NULL || error->ft == NULL || flag == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    if (error->ft->GetElement(error, "Message", &v, &t, NULL, NULL) == MI_RESULT_OK &&
        t == MI_STRING)
        msg = v.string;
    return ask(c, MI_ITEM_WRITE_ERROR, msg, MI_PROMPTTYPE_NORMAL, error, flag);
}

static MI_Result MI_CALL ctx_write_error(MI_Context *context, MI_Uint32 resultCode,
                                         const MI_Char *resultType, const MI_Char *errorMessage,
                                         MI_Boolean *flag)
{
    eng_ctx *c = ctx_of(context);
    MI_Instance *err;
    mi_arena tmp;
    MI_Result r;

    if (c == NULL || flag == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    mi_arena_init(&tmp, 0, 0);
    err = eng_error_instance(&tmp, resultCode, resultType, MI_ERRORCATEGORY_NOT_SPECIFIED,
                             errorMessage);
    r = err == NULL ? MI_RESULT_SERVER_LIMITS_EXCEEDED
                    : ask(c, MI_ITEM_WRITE_ERROR, errorMessage, MI_PROMPTTYPE_NORMAL, err, flag);
    mi_arena_destroy(&tmp);
    return r;
}

static MI_Result MI_CALL ctx_prompt_user(MI_Context *context, const MI_Char *message,
                                         MI_PromptType promptType, MI_Boolean *result)
{
    eng_ctx *c = ctx_of(context);

    if (c == NULL || message == NULL || result == NULL ||
        (promptType != MI_PROMPTTYPE_NORMAL && promptType != MI_PROMPTTYPE_CRITICAL))
        return MI_RESULT_INVALID_PARAMETER;
    return ask(c, MI_ITEM_PROMPT, message, promptType, NULL, result);
}

static MI_Result MI_CALL ctx_should_process(MI_Context *context, const MI_Char *target,
                                            const MI_Char *action, MI_Boolean *result)
{
    eng_ctx *c = ctx_of(context);
    mi_buf b;
    MI_Result r;

    if (c == NULL || target == NULL || action == NULL || result == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    mi_buf_init(&b, 64 * 1024);
    mi_buf_printf(&b, "Perform operation \"%s\" on target \"%s\"?", action, target);
    r = mi_buf_failed(&b) ? MI_RESULT_SERVER_LIMITS_EXCEEDED
                          : ask(c, MI_ITEM_PROMPT, mi_buf_str(&b), MI_PROMPTTYPE_NORMAL, NULL,
                                result);
    mi_buf_free(&b);
    return r;
}

static MI_Result MI_CALL ctx_should_continue(MI_Context *context, const MI_Char *message,
                                             MI_Boolean *result)
{
    eng_ctx *c = ctx_of(context);

    if (c == NULL || message == NULL || result == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    return ask(c, MI_ITEM_PROMPT, message, MI_PROMPTTYPE_NORMAL, NULL, result);
}

#if MI_API_VERSION >= 2
static MI_Result MI_CALL ctx_get_lifecycle(const MI_Context *context,
                                           MI_LifecycleIndicationContext **lifecycleContext)
{
    if (lifecycleContext != NULL)
        *lifecycleContext = NULL;
    if (ctx_of(context) == NULL || lifecycleContext == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    return MI_RESULT_NOT_SUPPORTED;
}
#endif

const MI_ContextFT eng_context_ft = {
    ctx_post_result,
    ctx_post_instance,
    ctx_post_indication,
    ctx_construct_instance,
    ctx_construct_parameters,
    ctx_new_instance,
    ctx_new_dynamic_instance,
    ctx_new_parameters,
    ctx_canceled,
    ctx_get_locale,
    ctx_register_cancel,
    ctx_request_unload,
    ctx_refuse_unload,
    ctx_get_local_session,
    ctx_set_string_option,
    ctx_get_string_option,
    ctx_get_number_option,
    ctx_get_custom_option,
    ctx_get_custom_option_count,
    ctx_get_custom_option_at,
    ctx_write_message,
    ctx_write_progress,
    ctx_write_stream_parameter,
    ctx_write_cim_error,
    ctx_prompt_user,
    ctx_should_process,
    ctx_should_continue,
    ctx_post_error,
    ctx_post_cim_error,
    ctx_write_error,
#if MI_API_VERSION >= 2
    ctx_get_lifecycle,
#endif
};

/* ---------------------------------------------------------------- MI_Server */

static char server_host[256];
static pthread_once_t server_once = PTHREAD_ONCE_INIT;

static void server_init(void)
{
    if (gethostname(server_host, sizeof server_host - 1) != 0)
        strcpy(server_host, "localhost");
}

static MI_Result MI_CALL server_get_version(MI_Uint32 *version)
{
    if (version == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    *version = MI_VERSION;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL server_get_system_name(const MI_Char **systemName)
{
    if (systemName == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    pthread_once(&server_once, server_init);
    *systemName = server_host;
    return MI_RESULT_OK;
}

static const MI_ServerFT server_ft = {server_get_version, server_get_system_name};

MI_Server eng_server = {&server_ft, &eng_context_ft, &mi_instance_ft, NULL, NULL};
