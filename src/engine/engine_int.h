/* engine_int.h - declarations shared by the files of src/engine.
 *
 * op.c      the operation: bounded result queue, final result, cancel, timeout, refs
 * engine.c  engine open/close, worker pool, operation start
 * context.c MI_Context (the provider's view of one request) and MI_Server
 * module.c  provider modules: dlopen, MI_Main, Module.Load, class provider Load/Unload
 * dispatch.c routing of each operation kind to providers and the built-in static one
 * error.c   CIM_Error-shaped error instances
 *
 * Threading: an mi_op is shared by one consumer (mi_op_next/release/answer/close, in
 * one thread at a time) and any number of producers (posts from provider threads),
 * which the op serializes among themselves.
 */
#ifndef MI_ENGINE_ENGINE_INT_H
#define MI_ENGINE_ENGINE_INT_H

#include <pthread.h>
#include <stdatomic.h>

#include "base/arena.h"
#include "engine/engine.h"

/* ---------------------------------------------------------------- time */

/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t eng_now_ns(void);

/* ---------------------------------------------------------------- errors (error.c) */

/* A new OMI_Error-shaped (CIM_Error subclass) dynamic instance in arena a:
 * CIMStatusCode = code for type "MI" (else FAILED), Message, error_Code, error_Type,
 * error_Category (category; MI_ERRORCATEGORY_NOT_SPECIFIED picks the one of code).
 * NULL when out of memory. */
MI_Instance *eng_error_instance(mi_arena *a, MI_Uint32 code, const char *type,
                                MI_ErrorCategory category, const char *message);
/* The MI_ErrorCategory a client sees for an MI_Result. */
MI_ErrorCategory eng_error_category(MI_Result code);

/* ---------------------------------------------------------------- operations (op.c) */

/* How an operation was stopped before its provider finished. */
#define EOP_STOP_CANCEL  1
#define EOP_STOP_TIMEOUT 2
#define EOP_STOP_CLOSED  4

/* A new operation with queue depth `depth` (the engine's queue_depth) whose deadline
 * is deadline_ns (0 = none). It starts with 2 references: the consumer's (dropped by
 * mi_op_close) and the producer's (dropped with eop_unref by whoever runs it). NULL
 * when out of memory. */
mi_op *eop_new(mi_engine *e, unsigned depth, uint64_t deadline_ns);
void eop_ref(mi_op *op);
/* Takes a reference unless the last one is already gone (the op is being freed). */
bool eop_try_ref(mi_op *op);
/* Drops a reference; the last one frees the operation (and tells the engine). */
void eop_unref(mi_op *op);
/* Makes op independent of its engine (an op the engine refused to track). */
void eop_detach(mi_op *op);
/* The engine the operation belongs to. */
mi_engine *eop_engine(const mi_op *op);
/* Arena for the operation's copy of its request: owned by the op, freed with it. Use
 * it from the thread that starts the op, before the op is handed to a worker. */
mi_arena *eop_arena(mi_op *op);
/* The operation's copy of its request (set by the engine when it starts it). */
void eop_set_request(mi_op *op, const mi_request *req);
const mi_request *eop_request(const mi_op *op);

/* The operation's deadline (CLOCK_MONOTONIC ns), 0 = none. */
uint64_t eop_deadline(const mi_op *op);
/* Nonzero (EOP_STOP_* bits) once the operation was cancelled, timed out or closed. */
int eop_stopped(const mi_op *op);
MI_CancellationReason eop_stop_reason(const mi_op *op);
/* True once the final result is set (the op accepts no more items). */
bool eop_final_set(const mi_op *op);

/* Producer side. Each post copies what it is given into a queue slot; it waits while
 * the queue is full. MI_RESULT_FAILED once the operation is stopped or its final
 * result is set (the item is dropped), SERVER_LIMITS_EXCEEDED / the cim error when
 * the copy fails. keys_only: copy only key properties; only (may be NULL): copy only
 * the properties class `only` declares (DEEP_BASE_PROPS_ONLY). A result without a
 * namespace gets the request's. */
MI_Result eop_post_instance(mi_op *op, const MI_Instance *inst, bool keys_only,
                            const MI_ClassDecl *only);
/* Posts a class (an MI_Class over the repository decl cd, which must outlive op). */
/* Posts a class result. With own false the MI_Class borrows cd (which must outlive the
 * operation: a repository decl); with own true it keeps a copy (for a decl built on the
 * caller's stack). */
MI_Result eop_post_class(mi_op *op, const MI_ClassDecl *cd, const char *ns, bool own);
MI_Result eop_post_message(mi_op *op, MI_Uint32 channel, const char *msg);
MI_Result eop_post_progress(mi_op *op, const char *activity, const char *current,
                            const char *status, MI_Uint32 percent, MI_Uint32 remaining);
MI_Result eop_post_streamed(mi_op *op, const char *name, MI_Type type, const MI_Value *v);
/* Posts a WRITE_ERROR (error != NULL) or PROMPT item and waits for the consumer's
 * answer (mi_op_answer) into *answer; a stopped operation answers MI_FALSE. */
MI_Result eop_post_question(mi_op *op, mi_item_kind kind, const char *message,
                            MI_PromptType type, const MI_Instance *error, MI_Boolean *answer);
/* Sets the final result once; later calls return false and change nothing.
 * message and error/instance are copied (error NULL with code != OK: built from code
 * and message). Safe from any thread. */
bool eop_finish(mi_op *op, MI_Result code, const char *message, const MI_Instance *error,
                const MI_Instance *inst);
/* Stops the operation (cancel or timeout): sets the FAILED final result with an
 * OPERATION_STOPPED / OPERATION_TIMEOUT error if none is set yet, wakes waiting
 * producers and runs the registered cancel hooks. */
void eop_stop(mi_op *op, int why, MI_CancellationReason reason);

/* Cancel hooks (MI_Context_RegisterCancel): fn(reason, data) runs once, on the
 * thread that stops the operation, without op locks held; if the op is already
 * stopped it runs at once. Returns false when out of memory (or at the cap of hooks).
 * eop_remove_cancel_hook: true if the hook was removed before it ran (it never
 * will), false if it ran or is running. */
bool eop_add_cancel_hook(mi_op *op, void (*fn)(MI_CancellationReason, void *), void *data);
bool eop_remove_cancel_hook(mi_op *op, void (*fn)(MI_CancellationReason, void *),
                            void *data);

/* Bytes held by the slot arenas of op (the "live slot memory" statistic). */
size_t eop_slot_memory(mi_op *op);

/* ---------------------------------------------------------------- engine (engine.c) */

struct eng_task;
struct eng_ctx;
struct eng_module;
struct eng_provider;

/* Most tasks waiting for a worker, and most operations alive at once. */
#define ENG_MAX_PENDING 4096u
#define ENG_MAX_OPS     65536u
/* Most extra threads at once for nested operations (see eng_submit). */
#define ENG_MAX_EXTRA   256u

struct mi_engine {
    mi_repo *repo;
    bool own_repo;
    unsigned depth;
    char host[256];

    pthread_mutex_t mu;          /* tasks, ops, contexts, closing */
    pthread_cond_t cv_task;      /* a task was queued / closing */
    pthread_cond_t cv_ops;       /* an operation was closed or freed */
    struct eng_task *task_head, *task_tail;
    size_t n_tasks;
    pthread_t *threads;
    unsigned n_threads;
    unsigned idle;               /* pool workers waiting for a task */
    unsigned n_extra;            /* extra threads running a nested operation */
    pthread_t timer;             /* stops operations whose deadline passed */
    bool timer_started;
    pthread_cond_t cv_timer;     /* an earlier deadline appeared / closing */
    uint64_t timer_next;         /* when the timer wakes next (UINT64_MAX: no deadline) */
    bool unload_queued;          /* unload_task is queued or running (under mu) */
    bool unload_again;           /* a module became due meanwhile: the task rescans */
    bool closing;
    mi_op **ops;                 /* live operations (not yet freed) */
    size_t n_ops;
    size_t open_ops;             /* operations not yet closed by their consumer */
    struct eng_ctx *ctxs;        /* provider contexts without a terminal post */
    mi_engine_local_session_fn local_fn; /* GetLocalSession hook (under mu) */
    void *local_ctx;

    pthread_mutex_t mod_mu;      /* modules and class providers (load/unload) */
    pthread_cond_t cv_mod;       /* a module's last use ended (hosted close waits) */
    struct eng_module *modules;  /* loaded from a file, built-in, hosted */
    struct eng_provider *providers; /* class providers of non-hosted modules */
    struct eng_provider *hosted; /* class providers of hosted modules */
    atomic_uint n_hosted;        /* hosted modules serving (skip the lookup when 0) */
    atomic_bool mods_closing;    /* engine close unloads everything: uses not counted */
    struct eng_scope *scopes;    /* dispatches running (under mod_mu) */
    uint64_t idle_ns;            /* idle time before a module is unloaded */
    uint64_t mod_due;            /* when the timer looks at idle modules next (under mu) */
};

/* Called by eop_unref just before an operation is freed, and by mi_op_close. */
void eng_op_gone(mi_engine *e, mi_op *op);
void eng_op_closed(mi_engine *e);
/* Queue of the worker pool: fn(arg) runs on a worker thread. False when the pool is
 * full (its cap of pending tasks) or out of memory. Called from one of e's own threads
 * (a provider starting a nested operation) when no worker is free, fn runs on an extra
 * thread instead (at most ENG_MAX_EXTRA at once), so nested operations never wait
 * for workers their callers hold. */
bool eng_submit(mi_engine *e, void (*fn)(void *arg), void *arg);

/* Wakes the timer to look at idle modules at `when` (CLOCK_MONOTONIC ns) at the
 * latest. Takes e->mu: never call it with e->mu held. */
void eng_timer_poke(mi_engine *e, uint64_t when);

/* ---------------------------------------------------------------- contexts (context.c) */

/* What a context does with the instances a provider posts. */
typedef enum eng_ctx_kind {
    ENG_CTX_REQUEST, /* into the operation's queue (trimmed per keys_only / only) */
    ENG_CTX_SINK,    /* to sink(), serialized, on the posting thread */
    ENG_CTX_LOAD,    /* Load/Unload: no instances */
    ENG_CTX_INDICATION, /* EnableIndications: PostIndication goes to sink() (under mu),
                         * PostInstance is INVALID_PARAMETER; no op (shared by every
                         * subscription to one provider and class, see dispatch.c) */
} eng_ctx_kind;

typedef struct eng_ctx {
    MI_Context ctx;              /* what the provider sees; reserved[0] = magic */
    mi_engine *e;
    mi_op *op;                   /* referenced; NULL for ENG_CTX_LOAD */
    eng_ctx_kind kind;
    bool keys_only;
    const MI_ClassDecl *only;
    bool (*sink)(void *sctx, const MI_Instance *inst);
    void *sctx;
    /* ENG_CTX_INDICATION: called under mu when the terminal post comes (code, message,
     * error as posted; err may be NULL). sink/on_end are set to NULL (under mu) when
     * the owner lets go of sctx. */
    void (*on_end)(void *sctx, MI_Result code, const char *msg, const MI_Instance *err);
    struct eng_module *mod;      /* for RequestUnload/RefuseUnload, or NULL */
    bool mod_ref;                /* mod is a use reference (dropped when c is freed) */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool done;                   /* terminal post seen */
    MI_Result result;
    char *message;               /* mi_malloc'd */
    MI_Instance *error;          /* in `arena` */
    mi_arena arena;              /* message/error copies */
    void (*cancel_cb[4])(MI_CancellationReason, void *); /* RegisterCancel */
    void *cancel_data[4];
    unsigned n_cancel;
    bool unload_requested, unload_refused;
    atomic_int refs;             /* dispatcher, provider (until terminal), cancel hook */
    struct eng_ctx *prev, *next; /* e->ctxs while the provider holds it */
} eng_ctx;

/* A new context (2 references). op may be NULL for LOAD. NULL when out of memory. */
eng_ctx *eng_ctx_new(mi_engine *e, mi_op *op, eng_ctx_kind kind);
/* Waits until the provider made its terminal post, or until op (if any) is stopped
 * or passes its deadline (which then stops it). True if the terminal post came. */
bool eng_ctx_wait(eng_ctx *c);
/* Drops the dispatcher's reference. */
void eng_ctx_unref(eng_ctx *c);
/* Frees contexts whose provider never made its terminal post (engine close, after
 * the modules were unloaded). */
void eng_ctx_reap(mi_engine *e);
/* The MI_Server handed to MI_Main. */
extern MI_Server eng_server;

/* ---------------------------------------------------------------- modules (module.c) */

typedef struct eng_provider {
    struct eng_module *m;
    const MI_ClassDecl *pcd;     /* the provider's own decl (in the module's schema) */
    const MI_ProviderFT *ft;     /* pcd->providerFT, or the module's dynamicProviderFT */
    char *ns, *cls;
    void *self;
    int state;                   /* 0 not loaded, 1 loaded, -1 Load failed */
    MI_Result load_result;
    struct eng_provider *next;
} eng_provider;

/* True when p's module declares MI_MODULE_FLAG_FILTER_SUPPORT (it is handed query
 * filters; other providers get NULL and the engine filters alone). */
bool eng_provider_filters(const eng_provider *p);

/* The provider serving class cls of ns: *out NULL (and OK) when none is registered
 * (the built-in static provider serves it). Loads the module and calls the class
 * provider's Load the first time. Errors (module cannot be loaded, MI_Main missing,
 * wrong charSize/version, class not in the module, Load failed) return their
 * MI_Result with a message in err. */
MI_Result eng_provider_get(mi_engine *e, mi_ns *ns, const char *cls, eng_provider **out,
                           mi_buf *err);
/* Unloads every class provider, then every module (engine close). */
void eng_modules_unload(mi_engine *e);

/* Use references. A module is in use while a dispatch that looked up one of its
 * providers runs (its scope holds it) and while a context of a request served by it
 * lives (until the provider's terminal post and the dispatcher's release); a module
 * in use is never unloaded, so the provider and p->ft/p->self stay valid.
 *
 * Each dispatch (engine.c run_op) runs inside a scope, kept on its thread:
 * eng_provider_get holds the module it returns in the thread's current scope (at most
 * ENG_SCOPE_MODULES distinct modules; beyond, the oldest is let go) and makes it the
 * scope's current module; eng_ctx_new of a request context takes a reference to that
 * current module (eng_scope_current_ref). Scopes nest (GetClass runs on its caller's
 * thread). Hosted-provider close cancels the operations of the scopes holding it. */
#define ENG_SCOPE_MODULES 32u
typedef struct eng_scope {
    mi_engine *e;
    mi_op *op;
    struct eng_module *held[ENG_SCOPE_MODULES];
    unsigned n_held;
    struct eng_module *cur;
    struct eng_scope *outer;        /* the thread's enclosing scope */
    struct eng_scope *prev, *next;  /* e->scopes */
} eng_scope;
void eng_scope_enter(mi_engine *e, mi_op *op, eng_scope *s);
/* Drops the scope's references (the modules may then be unloaded when idle). */
void eng_scope_leave(eng_scope *s);
/* A new use reference to the current scope's current module, or NULL (no scope of e
 * on this thread, or no module looked up yet). Release with eng_module_put. */
struct eng_module *eng_scope_current_ref(mi_engine *e);
void eng_module_put(mi_engine *e, struct eng_module *m);
/* MI_Context_RequestUnload / RefuseUnload on a context of module m. */
void eng_module_request_unload(mi_engine *e, struct eng_module *m, bool refuse);
/* Unloads every module idle long enough (or asked to go by RequestUnload), calling
 * into providers with mod_mu held but e->mu not. Returns when the next one becomes
 * due (UINT64_MAX: none). Timer thread. */
uint64_t eng_modules_idle(mi_engine *e);

/* ---------------------------------------------------------------- dispatch */

/* Runs op's request to its end (posts the final result). On a worker thread. */
void eng_dispatch(mi_op *op);

#endif
