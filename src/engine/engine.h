/* engine.h - the one engine behind every MI session: it runs operations against
 * providers on worker threads and streams their results to one consumer through a
 * bounded queue. The in-process client ("local" protocol) and, later, the server mid
 * both drive it through these functions only.
 *
 * Layer: depends on repo, cim, base. Knows nothing of MI_Session/MI_Operation handles
 * (src/client maps those onto mi_op) nor of any wire protocol.
 *
 * Flow: mi_engine_start copies the request, resolves namespace and classes, and queues
 * the work on a worker thread; providers (built-in or loaded modules, through
 * MI_Context) post instances into the operation's queue; the consumer takes them one
 * at a time with mi_op_next and releases each with mi_op_release. A full queue makes
 * the producer wait (memory stays flat whatever the result count). Cancel or timeout
 * flips the operation's state: MI_Context_ShouldContinue/Canceled report it,
 * further posts fail, and the final result becomes MI_RESULT_FAILED with an error
 * instance whose category is OPERATION_STOPPED (cancel) or OPERATION_TIMEOUT.
 * Exactly one MI_ITEM_FINAL ends every operation.
 */
#ifndef MI_ENGINE_ENGINE_H
#define MI_ENGINE_ENGINE_H

#include <mi.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "repo/repo.h"

typedef struct mi_engine mi_engine;
typedef struct mi_op mi_op;

typedef struct mi_engine_config {
    const char *repository; /* repository file; NULL = mi_engine_default_repository() */
    unsigned workers;       /* worker threads; 0 = 4 */
    unsigned queue_depth;   /* results buffered per operation; 0 = 256 */
    bool read_only;         /* open the repository read-only */
} mi_engine_config;

/* The repository path used when none is given: $MI_REPOSITORY, else
 * $XDG_DATA_HOME/libmi/repository.db, else ~/.local/share/libmi/repository.db
 * (created on first write). Returns a malloc'd string (mi_free) or NULL. */
char *mi_engine_default_repository(void);

/* Opens the engine over a repository (creating the file if it does not exist). A
 * repository whose root/cimv2 has none of the built-in Linux classes gets them first
 * (schema/libmi.mof, or only schema/linux/linux.mof over CIM classes already there;
 * not when read-only; see engine.c). Errors (a corrupt file, an unknown repository
 * version, no permission, the schema file missing or not compiling) return their
 * MI_Result and a message in err. */
MI_Result mi_engine_open(const mi_engine_config *cfg, mi_engine **out, mi_buf *err);
/* Same over a repository the caller keeps (borrowed: it must outlive the engine and
 * is not closed by mi_engine_close); cfg->repository and cfg->read_only are ignored.
 * For tests and tools that build a repository in memory. */
MI_Result mi_engine_open_repo(mi_repo *repo, const mi_engine_config *cfg, mi_engine **out,
                              mi_buf *err);
/* Cancels running operations, waits until each has delivered its final result and
 * been closed, unloads providers, closes the repository. NULL is a no-op. */
void mi_engine_close(mi_engine *e);
/* Idle unloading: a provider module (from a file or built-in; hosted ones excepted)
 * that no request has used for ms milliseconds (default 60000; 0 = the default) is
 * unloaded - Unload of each loaded class provider, Module.Unload, dlclose - and loaded
 * again by the next request for one of its classes. MI_Context_RequestUnload unloads
 * it as soon as it is idle; MI_Context_RefuseUnload keeps it loaded until a later
 * RequestUnload (or engine close). Takes effect for modules becoming idle afterwards.
 * (A setter rather than an mi_engine_config field: callers fill that struct
 * positionally.) */
void mi_engine_set_idle_unload(mi_engine *e, unsigned ms);
/* The engine's repository (read access for tools; writes go through mi_repo_*). */
mi_repo *mi_engine_repo(mi_engine *e);

typedef enum mi_op_kind {
    MI_OP_GET_INSTANCE,
    MI_OP_MODIFY_INSTANCE,
    MI_OP_CREATE_INSTANCE,
    MI_OP_DELETE_INSTANCE,
    MI_OP_INVOKE,
    MI_OP_ENUMERATE_INSTANCES,
    MI_OP_QUERY_INSTANCES,
    MI_OP_ASSOCIATOR_INSTANCES,
    MI_OP_REFERENCE_INSTANCES,
    MI_OP_SUBSCRIBE,
    MI_OP_GET_CLASS,
    MI_OP_ENUMERATE_CLASSES,
    MI_OP_TEST_CONNECTION,
} mi_op_kind;

/* One custom or standard operation option, as given to MI_OperationOptions. */
typedef struct mi_option {
    const char *name;
    MI_Type type;
    MI_Value value;
    MI_Boolean must_comply;
} mi_option;

/* Everything an operation needs. Borrowed by mi_engine_start, which copies it. */
typedef struct mi_request {
    mi_op_kind kind;
    MI_Uint32 flags;                /* MI_OPERATIONFLAGS_* */
    const char *ns;                 /* NULL = "root/cimv2" */
    const char *class_name;         /* Enumerate, Invoke (static), GetClass, EnumerateClasses */
    const MI_Instance *instance;    /* Get/Modify/Create/Delete, source of Assoc/Ref, target of Invoke */
    const char *assoc_class;        /* Associators */
    const char *result_class;       /* Associators, References */
    const char *role;               /* Associators, References */
    const char *result_role;        /* Associators */
    MI_Boolean keys_only;
    MI_Boolean class_names_only;    /* EnumerateClasses */
    const char *method;             /* Invoke */
    const MI_Instance *params;      /* Invoke: IN parameters, may be NULL */
    const char *query_dialect;      /* Query, Subscribe */
    const char *query;
    MI_Uint64 timeout_us;           /* 0 = no timeout */
    const mi_option *options;
    size_t n_options;
    const char *locale;             /* requested UI locale, NULL = none */
} mi_request;

/* Starts an operation. Always returns an operation unless out of memory
 * (MI_RESULT_SERVER_LIMITS_EXCEEDED, *out NULL): argument errors (unknown namespace
 * or class, missing keys, ...) are its final result, so the consumer sees one path. */
MI_Result mi_engine_start(mi_engine *e, const mi_request *req, mi_op **out);

typedef enum mi_item_kind {
    MI_ITEM_INSTANCE,   /* a result instance (moreResults TRUE) */
    MI_ITEM_CLASS,      /* a result class */
    MI_ITEM_FINAL,      /* the final result: code, message, error; maybe an instance/class too */
    MI_ITEM_MESSAGE,    /* MI_Context_WriteMessage: channel + message */
    MI_ITEM_PROGRESS,   /* MI_Context_WriteProgress */
    MI_ITEM_WRITE_ERROR,/* MI_Context_WriteError/WriteCimError: answer with mi_op_answer */
    MI_ITEM_PROMPT,     /* MI_Context_PromptUser/ShouldProcess/ShouldContinue: answer */
    MI_ITEM_STREAMED,   /* MI_Context_WriteStreamParameter */
} mi_item_kind;

/* One item of an operation's stream. Every pointer in it stays valid until
 * mi_op_release (or mi_op_close) for this item. */
typedef struct mi_item {
    mi_item_kind kind;
    const MI_Instance *instance;    /* INSTANCE, FINAL (optional), WRITE_ERROR */
    const MI_Class *cls;            /* CLASS, FINAL (optional) */
    MI_Result result;               /* FINAL */
    const char *message;            /* FINAL (error text), MESSAGE, PROMPT */
    const MI_Instance *error;       /* FINAL: CIM_Error-shaped details when result != OK */
    MI_Uint32 channel;              /* MESSAGE */
    MI_PromptType prompt_type;      /* PROMPT */
    const char *activity, *current_operation, *status; /* PROGRESS */
    MI_Uint32 percent, seconds_remaining;              /* PROGRESS */
    const char *param_name;         /* STREAMED */
    MI_Type param_type;             /* STREAMED */
    const MI_Value *param_value;    /* STREAMED */
} mi_item;

/* Waits for the next item of op until deadline_ns (CLOCK_MONOTONIC nanoseconds;
 * 0 = no deadline). Wakeups are batched: an item posted while the consumer sleeps is
 * seen within about 1 ms even when no batch fills (see op.c). When the operation's
 * own deadline (timeout_us) passes while waiting, the operation is stopped here. OK with *item filled; MI_RESULT_FAILED if the previous item was
 * not released; MI_RESULT_NOT_FOUND if the deadline passed with no item (the
 * operation goes on).
 * After the FINAL item has been released, further calls return the FINAL item again. */
MI_Result mi_op_next(mi_op *op, mi_item *item, uint64_t deadline_ns);
/* Releases the current item (its memory may be reused); the producer may go on. */
void mi_op_release(mi_op *op);
/* Answers a WRITE_ERROR or PROMPT item (MI_TRUE = continue/yes); also releases it. */
void mi_op_answer(mi_op *op, MI_Boolean yes);
/* Requests cancellation (any thread, any time; no-op after the final result). */
void mi_op_cancel(mi_op *op, MI_CancellationReason reason);
/* Registers fn(ctx), called (on a producer's or stopper's thread, without op locks
 * held) when the queue goes from empty to non-empty and when the final result is set;
 * lets a consumer deliver callbacks without a thread per op. fn must be short and must
 * not call mi_op_set_notify or mi_op_close of this op. When mi_op_set_notify returns,
 * no call of the previous hook is in progress; mi_op_close clears the hook. */
void mi_op_set_notify(mi_op *op, void (*fn)(void *ctx), void *ctx);
/* Ends the operation from the consumer's side: cancels it if still running, drops
 * undelivered items, and frees it once the producer side is done (which may be after
 * this returns). op must not be used afterwards. */
void mi_op_close(mi_op *op);

/* The session MI_Context_GetLocalSession hands to providers: fn(ctx, out) fills *out
 * with a session on this engine that stays valid while the hook is set. The client
 * library sets it when it opens (or is given) an engine and clears it (fn NULL) before
 * that session goes; without a hook GetLocalSession is MI_RESULT_NOT_SUPPORTED.
 * An operation a provider starts there runs on an extra thread when no worker is idle
 * (engine.c), so nested operations cannot wait for workers their callers hold. */
typedef MI_Result (*mi_engine_local_session_fn)(void *ctx, MI_Session *out);
void mi_engine_set_local_session(mi_engine *e, mi_engine_local_session_fn fn, void *ctx);

/* Hosted providers: a provider module compiled into the program (its MI_Main given
 * as a function) that serves, in namespace ns, every class of its schema whose decl
 * has a providerFT (every class of the schema when the module has a
 * dynamicProviderFT), taking precedence over the repository's registrations and the
 * built-in modules for those classes. Nothing is written to the repository.
 * mi_engine_add_hosted calls MI_Main and Module.Load at once (class Load lazily, at
 * the first request for each class), as for any module (module.c). Errors (message in
 * err): INVALID_PARAMETER (NULL argument, empty name), INVALID_NAMESPACE (ns unknown),
 * INVALID_CLASS (a served class missing from ns, named: nothing is registered),
 * ALREADY_EXISTS (a class already served by another hosted provider of ns), the
 * module's own failures (MI_Main NULL, wrong charSize/version, Load failed),
 * SERVER_LIMITS_EXCEEDED (memory). Hosted modules are never unloaded while idle. */
typedef struct mi_engine_hosted mi_engine_hosted;
MI_Result mi_engine_add_hosted(mi_engine *e, const char *ns, const char *provider_name,
                               MI_MainFunction main_fn, mi_engine_hosted **out, mi_buf *err);
/* Ends a hosted provider: new requests for its classes go back to the repository's
 * registration (or the built-in static provider) at once; running requests that use
 * it are cancelled (final result FAILED, OPERATION_STOPPED) and waited for; then every
 * loaded class provider's Unload and Module.Unload are called. FAILED when its
 * requests do not end within 30 s (a provider that never posts its result): the
 * module then stays loaded, serving nothing, until engine close. h is freed in both
 * cases. Must be called before
 * mi_engine_close of h's engine (which otherwise unloads the module; h then must not
 * be used). NULL is a no-op. */
MI_Result mi_engine_remove_hosted(mi_engine_hosted *h, mi_buf *err);

/* Memory statistics of op's queue: bytes its slots hold now (live) and at most so far
 * (peak). Flat whatever the result count: bounded by queue_depth slots. Any thread. */
void mi_op_stats(mi_op *op, size_t *live_slot_bytes, size_t *peak_slot_bytes);

#endif
