/* engine.c - engine open/close, the worker pool, and mi_engine_start (the copy of a
 * request into its operation).
 *
 * Workers: a fixed pool (cfg->workers, default 4) takes tasks from one FIFO with a
 * cap (ENG_MAX_PENDING); an operation that finds the queue full ends at once with
 * SERVER_LIMITS_EXCEEDED. Every operation's dispatch runs to its end on one worker.
 * A task submitted from one of the engine's own threads (a provider's nested
 * operation through MI_Context_GetLocalSession) while no worker is idle gets an extra
 * detached thread: its caller blocks a worker until it ends, so queueing it could
 * deadlock once every worker waits that way. A subscription (it lives until cancelled)
 * gets an extra thread too. At most ENG_MAX_EXTRA at once (beyond: the worker queue);
 * mi_engine_close waits for extra threads.
 *
 * Timeouts: a timer thread stops each operation whose deadline passed (final result
 * FAILED, category OPERATION_TIMEOUT), whether or not its consumer is waiting for it.
 *
 * The built-in classes: mi_engine_open of a repository whose root/cimv2 holds none of
 * the classes of the built-in Linux module (mi_linux_module_classes) compiles them in
 * first, as one transaction: the whole project schema (mi_linux_schema_file:
 * schema/libmi.mof, a CIM subset + the Linux_ classes) when root/cimv2 has no
 * CIM_ManagedElement, else only linux/linux.mof beside it, on top of the CIM classes
 * already there (e.g. the full DMTF schema a user compiled first). A read-only open
 * changes nothing. mi_engine_open_repo (a repository the caller built) never does it.
 * Which module serves those classes: module.c.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/clock.h"
#include "cim/cim.h"
#include "engine/engine_int.h"
#include "mof/mof.h"
#include "providers/linux.h"

/* The namespace of the built-in classes. */
#define ENG_BUILTIN_NS "root/cimv2"
/* Default idle time before a provider module is unloaded (mi_engine_config). */
#define ENG_IDLE_UNLOAD_MS 60000u
/* Errors of the setup compilation quoted in the open error. */
#define ENG_SETUP_DIAGS 3

typedef struct eng_task {
    void (*fn)(void *arg);
    void *arg;
    mi_engine *e;
    struct eng_task *next;
} eng_task;

/* The engine whose worker (or extra thread) this thread is, else NULL. */
static _Thread_local mi_engine *eng_thread_of;

char *mi_engine_default_repository(void)
{
    return mi_repo_default_path();
}

static void *worker_main(void *arg)
{
    mi_engine *e = arg;
    eng_task *t;

    eng_thread_of = e;
    pthread_mutex_lock(&e->mu);
    for (;;) {
        while (e->task_head == NULL && !e->closing) {
            e->idle++;
            pthread_cond_wait(&e->cv_task, &e->mu);
            e->idle--;
        }
        t = e->task_head;
        if (t == NULL)
            break; /* closing and nothing left */
        e->task_head = t->next;
        if (e->task_head == NULL)
            e->task_tail = NULL;
        e->n_tasks--;
        pthread_mutex_unlock(&e->mu);
        t->fn(t->arg);
        mi_free(t);
        pthread_mutex_lock(&e->mu);
    }
    pthread_mutex_unlock(&e->mu);
    return NULL;
}

/* Body of an extra thread: one task, then it leaves (see eng_submit). */
static void *extra_main(void *arg)
{
    eng_task *t = arg;
    mi_engine *e = t->e;

    eng_thread_of = e;
    t->fn(t->arg);
    mi_free(t);
    pthread_mutex_lock(&e->mu);
    if (--e->n_extra == 0)
        pthread_cond_broadcast(&e->cv_ops);
    pthread_mutex_unlock(&e->mu);
    return NULL;
}

/* Starts t on an extra detached thread; e->n_extra was counted for it. False (and the
 * count taken back) when no thread can be made. */
static bool start_extra(mi_engine *e, eng_task *t)
{
    pthread_attr_t attr;
    pthread_t th;
    bool ok;

    ok = pthread_attr_init(&attr) == 0;
    if (ok) {
        ok = pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) == 0 &&
             pthread_create(&th, &attr, extra_main, t) == 0;
        pthread_attr_destroy(&attr);
    }
    if (!ok) {
        pthread_mutex_lock(&e->mu);
        if (--e->n_extra == 0)
            pthread_cond_broadcast(&e->cv_ops);
        pthread_mutex_unlock(&e->mu);
    }
    return ok;
}

/* eng_submit, or with own_thread an extra thread whenever the cap allows (for tasks
 * that may run as long as their operation lives, such as a subscription). */
static bool submit(mi_engine *e, void (*fn)(void *arg), void *arg, bool own_thread)
{
    eng_task *t = mi_malloc(sizeof *t);
    bool ok = false, extra = false;

    if (t == NULL)
        goto out;
    t->fn = fn;
    t->arg = arg;
    t->e = e;
    t->next = NULL;
    pthread_mutex_lock(&e->mu);
    if (e->closing) {
        pthread_mutex_unlock(&e->mu);
        goto out_free;
    }
    /* Long-running, or nested with no idle worker left for it once the queued tasks
     * are taken. */
    if ((own_thread || (eng_thread_of == e && e->n_tasks >= e->idle)) &&
        e->n_extra < ENG_MAX_EXTRA) {
        e->n_extra++;
        extra = true;
    }
    pthread_mutex_unlock(&e->mu);
    if (extra && start_extra(e, t)) {
        ok = true;
        goto out;
    }
    pthread_mutex_lock(&e->mu);
    if (e->n_tasks < ENG_MAX_PENDING && !e->closing) {
        if (e->task_tail != NULL)
            e->task_tail->next = t;
        else
            e->task_head = t;
        e->task_tail = t;
        e->n_tasks++;
        ok = true;
        pthread_cond_signal(&e->cv_task);
    }
    pthread_mutex_unlock(&e->mu);
out_free:
    if (!ok)
        mi_free(t);
out:
    return ok;
}

bool eng_submit(mi_engine *e, void (*fn)(void *arg), void *arg)
{
    return submit(e, fn, arg, false);
}

/* Most operations the timer stops per pass (more: another pass at once). */
#define TIMER_BATCH 32

/* How long the timer waits before it tries again to queue the unloading task when
 * the worker queue was full. */
#define UNLOAD_RETRY_NS 1000000000ull

/* The worker task that unloads idle modules (module.c eng_modules_idle) and tells the
 * timer when the next one becomes due. */
static void unload_task(void *arg)
{
    mi_engine *e = arg;
    uint64_t next = eng_modules_idle(e);
    bool again;

    pthread_mutex_lock(&e->mu);
    e->unload_queued = false;
    again = e->unload_again; /* a module became due while this ran: look again */
    e->unload_again = false;
    pthread_mutex_unlock(&e->mu);
    if (again)
        next = eng_now_ns();
    if (next != UINT64_MAX)
        eng_timer_poke(e, next);
}

/* The timer thread: sleeps until the earliest deadline of the live operations, or
 * until the next provider module becomes due for unloading (e->mod_due), or until
 * track()/eng_timer_poke signals an earlier one; then stops the operations whose
 * deadline passed, and queues unload_task on the worker pool for due modules (at
 * most one queued at a time). */
static void *timer_main(void *arg)
{
    mi_engine *e = arg;
    mi_op *due[TIMER_BATCH];
    struct timespec ts;

    pthread_mutex_lock(&e->mu);
    while (!e->closing) {
        uint64_t now = eng_now_ns(), next = UINT64_MAX;
        size_t n_due = 0;
        bool queued;

        if (e->mod_due <= now) {
            /* Unloading calls providers (and may wait for them): on a worker, so that
             * a slow Unload never delays the operations' timeouts. */
            e->mod_due = UINT64_MAX;
            if (!e->unload_queued) {
                e->unload_queued = true;
                pthread_mutex_unlock(&e->mu);
                queued = eng_submit(e, unload_task, e);
                pthread_mutex_lock(&e->mu);
                if (!queued) {
                    e->unload_queued = false;
                    if (!e->closing && now + UNLOAD_RETRY_NS < e->mod_due)
                        e->mod_due = now + UNLOAD_RETRY_NS; /* the queue is full: later */
                }
            } else {
                e->unload_again = true;
            }
            continue;
        }
        for (size_t i = 0; i < e->n_ops; i++) {
            mi_op *op = e->ops[i];
            uint64_t d = eop_deadline(op);
            if (d == 0 || eop_final_set(op))
                continue;
            if (d > now) {
                if (d < next)
                    next = d;
            } else if (n_due == TIMER_BATCH) {
                next = now; /* the rest in the next pass */
            } else if (eop_try_ref(op)) {
                due[n_due++] = op;
            }
        }
        if (n_due > 0) {
            /* Outside e->mu: stopping reaches cancel hooks and providers. */
            pthread_mutex_unlock(&e->mu);
            for (size_t i = 0; i < n_due; i++) {
                eop_stop(due[i], EOP_STOP_TIMEOUT, MI_REASON_TIMEOUT);
                eop_unref(due[i]);
            }
            pthread_mutex_lock(&e->mu);
            continue;
        }
        if (e->mod_due < next)
            next = e->mod_due;
        e->timer_next = next;
        if (next == UINT64_MAX) {
            pthread_cond_wait(&e->cv_timer, &e->mu);
        } else {
            mi_timespec_of_ns(next, &ts);
            pthread_cond_timedwait(&e->cv_timer, &e->mu, &ts);
        }
    }
    pthread_mutex_unlock(&e->mu);
    return NULL;
}

void mi_engine_set_idle_unload(mi_engine *e, unsigned ms)
{
    if (e == NULL)
        return;
    pthread_mutex_lock(&e->mod_mu);
    e->idle_ns = (uint64_t)(ms != 0 ? ms : ENG_IDLE_UNLOAD_MS) * 1000000u;
    pthread_mutex_unlock(&e->mod_mu);
    eng_timer_poke(e, eng_now_ns()); /* modules idle now: look again with the new time */
}

void eng_timer_poke(mi_engine *e, uint64_t when)
{
    pthread_mutex_lock(&e->mu);
    if (when < e->mod_due)
        e->mod_due = when;
    if (when < e->timer_next) {
        e->timer_next = when;
        pthread_cond_signal(&e->cv_timer);
    }
    pthread_mutex_unlock(&e->mu);
}

static MI_Result engine_new(mi_repo *repo, bool own, const mi_engine_config *cfg,
                            mi_engine **out, mi_buf *err)
{
    MI_Result r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    unsigned workers = cfg != NULL && cfg->workers != 0 ? cfg->workers : 4;
    pthread_condattr_t ca;
    mi_engine *e;

    if (workers > 256)
        workers = 256;
    e = mi_calloc(1, sizeof *e);
    if (e == NULL)
        goto out_nomem;
    e->threads = mi_calloc(workers, sizeof *e->threads);
    e->ops = mi_calloc(64, sizeof *e->ops);
    if (e->threads == NULL || e->ops == NULL)
        goto out_free;
    e->repo = repo;
    e->own_repo = own;
    e->depth = cfg != NULL && cfg->queue_depth != 0 ? cfg->queue_depth : 256;
    if (e->depth > 65536)
        e->depth = 65536;
    if (gethostname(e->host, sizeof e->host - 1) != 0)
        strcpy(e->host, "localhost");
    pthread_mutex_init(&e->mu, NULL);
    pthread_mutex_init(&e->mod_mu, NULL);
    pthread_cond_init(&e->cv_task, NULL);
    pthread_cond_init(&e->cv_ops, NULL);
    e->timer_next = UINT64_MAX;
    e->mod_due = UINT64_MAX;
    e->idle_ns = (uint64_t)ENG_IDLE_UNLOAD_MS * 1000000u;
    if (pthread_condattr_init(&ca) != 0 ||
        pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) != 0 ||
        pthread_cond_init(&e->cv_timer, &ca) != 0) {
        mi_buf_puts(err, "cannot set up the engine's timer");
        r = MI_RESULT_FAILED;
        goto out_destroy;
    }
    if (pthread_cond_init(&e->cv_mod, &ca) != 0) {
        pthread_condattr_destroy(&ca);
        mi_buf_puts(err, "cannot set up the engine's timer");
        r = MI_RESULT_FAILED;
        goto out_destroy_timer;
    }
    pthread_condattr_destroy(&ca);
    if (pthread_create(&e->timer, NULL, timer_main, e) != 0) {
        mi_buf_puts(err, "cannot start the engine's timer thread");
        r = MI_RESULT_FAILED;
        goto out_destroy_mod;
    }
    e->timer_started = true;
    for (unsigned i = 0; i < workers; i++) {
        if (pthread_create(&e->threads[i], NULL, worker_main, e) != 0)
            break;
        e->n_threads++;
    }
    if (e->n_threads == 0) {
        mi_buf_puts(err, "cannot start the engine's worker threads");
        r = MI_RESULT_FAILED;
        goto out_stop_timer;
    }
    *out = e;
    r = MI_RESULT_OK;
    goto out;

out_stop_timer:
    pthread_mutex_lock(&e->mu);
    e->closing = true;
    pthread_cond_broadcast(&e->cv_timer);
    pthread_mutex_unlock(&e->mu);
    pthread_join(e->timer, NULL);
out_destroy_mod:
    pthread_cond_destroy(&e->cv_mod);
out_destroy_timer:
    pthread_cond_destroy(&e->cv_timer);
out_destroy:
    pthread_mutex_destroy(&e->mu);
    pthread_mutex_destroy(&e->mod_mu);
    pthread_cond_destroy(&e->cv_task);
    pthread_cond_destroy(&e->cv_ops);
out_free:
    mi_free(e->threads);
    mi_free(e->ops);
    mi_free(e);
out_nomem:
    if (r == MI_RESULT_SERVER_LIMITS_EXCEEDED)
        mi_buf_puts(err, "out of memory opening the engine");
out:
    return r;
}

MI_Result mi_engine_open_repo(mi_repo *repo, const mi_engine_config *cfg, mi_engine **out,
                              mi_buf *err)
{
    if (out == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    *out = NULL;
    if (repo == NULL) {
        mi_buf_puts(err, "mi_engine_open_repo: repository is NULL");
        return MI_RESULT_INVALID_PARAMETER;
    }
    return engine_new(repo, false, cfg, out, err);
}

/* ---------------------------------------------------------------- built-in classes */

typedef struct setup_diags {
    mi_buf *err;
    unsigned errors;
} setup_diags;

static void setup_diag(void *ctx, const mi_mof_diag *dg)
{
    setup_diags *s = ctx;

    if (dg->severity != MI_MOF_ERROR)
        return;
    if (s->errors++ < ENG_SETUP_DIAGS)
        mi_buf_printf(s->err, "\n  %s:%u:%u: %s", dg->file, dg->line, dg->column,
                      dg->message);
}

/* True if root/cimv2 of repo already has one of the built-in module's classes. */
static bool has_builtin_classes(mi_repo *repo)
{
    mi_ns *ns = mi_repo_ns(repo, ENG_BUILTIN_NS);
    size_t n = 0;
    const char *const *classes = mi_linux_module_classes(&n);

    for (size_t i = 0; ns != NULL && i < n; i++)
        if (mi_ns_class(ns, classes[i]) != NULL)
            return true;
    return false;
}

/* Compiles the built-in classes into repo (see the file comment). OK; NOT_FOUND with
 * the paths tried when no schema file is found; the compiler's error with its first
 * diagnostics otherwise (nothing is stored then). */
static MI_Result setup_builtin_classes(mi_repo *repo, mi_buf *err)
{
    MI_Result r = MI_RESULT_OK;
    mi_ns *ns = mi_repo_ns(repo, ENG_BUILTIN_NS);
    const char *file = mi_linux_schema_file();
    char *linux_only = NULL;
    mi_mof_options opt;
    mi_mof_stats stats;
    mi_buf diags;
    setup_diags sd = {&diags, 0};

    mi_buf_init(&diags, 8192);
    if (file == NULL) {
        size_t n = 0;
        const char *const *tried = mi_linux_schema_candidates(&n);
        mi_buf_puts(err, "cannot set up the built-in classes of " ENG_BUILTIN_NS
                         ": the schema file libmi.mof was not found (tried $MI_SCHEMA_FILE, "
                         "unset");
        for (size_t i = 0; i < n; i++)
            mi_buf_printf(err, ", %s", tried[i]);
        mi_buf_puts(err, "); set MI_SCHEMA_FILE to the path of schema/libmi.mof");
        r = MI_RESULT_NOT_FOUND;
        goto out;
    }
    if (access(file, R_OK) != 0) {
        mi_buf_printf(err, "cannot set up the built-in classes of " ENG_BUILTIN_NS
                           ": cannot read the schema file %s (%s); set MI_SCHEMA_FILE to "
                           "the path of schema/libmi.mof", file, strerror(errno));
        r = MI_RESULT_NOT_FOUND;
        goto out;
    }
    if (ns != NULL && mi_ns_class(ns, "CIM_ManagedElement") != NULL) {
        /* CIM classes are there already: add only the Linux classes on top. */
        const char *slash = strrchr(file, '/');
        size_t dir = slash == NULL ? 0 : (size_t)(slash - file) + 1;
        static const char tail[] = "linux/linux.mof";
        linux_only = mi_malloc(dir + sizeof tail);
        if (linux_only == NULL) {
            mi_buf_puts(err, "out of memory setting up the built-in classes");
            r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
            goto out;
        }
        memcpy(linux_only, file, dir);
        memcpy(linux_only + dir, tail, sizeof tail);
        file = linux_only;
    }
    memset(&opt, 0, sizeof opt);
    opt.ns = ENG_BUILTIN_NS;
    opt.diag = setup_diag;
    opt.diag_ctx = &sd;
    r = mi_mof_compile_file(repo, file, &opt, &stats);
    if (r != MI_RESULT_OK) {
        mi_buf_printf(err, "cannot set up the built-in classes of " ENG_BUILTIN_NS
                           " from %s:%s", file, mi_buf_str(&diags));
        if (sd.errors > ENG_SETUP_DIAGS)
            mi_buf_printf(err, "\n  (%u errors in all)", sd.errors);
    }
out:
    mi_buf_free(&diags);
    mi_free(linux_only);
    return r;
}

/* Sets up the built-in classes in *repo, opened from path with flags. When that fails
 * because another process set the file up meanwhile (our view of it is from before),
 * *repo is replaced by a fresh view that has them. OK, or the setup's error in err. */
static MI_Result ensure_builtin_classes(const char *path, unsigned flags, mi_repo **repo,
                                        mi_buf *err)
{
    mi_buf setup_err, why;
    mi_repo *again = NULL;
    MI_Result r;

    mi_buf_init(&setup_err, 16384);
    mi_buf_init(&why, 4096);
    r = setup_builtin_classes(*repo, &setup_err);
    if (r == MI_RESULT_FAILED && mi_repo_open(path, flags, &again, &why) == MI_RESULT_OK &&
        has_builtin_classes(again)) {
        mi_repo_free(*repo);
        *repo = again;
        again = NULL;
        r = MI_RESULT_OK;
    }
    if (r != MI_RESULT_OK)
        mi_buf_puts(err, mi_buf_str(&setup_err));
    mi_repo_free(again);
    mi_buf_free(&why);
    mi_buf_free(&setup_err);
    return r;
}

MI_Result mi_engine_open(const mi_engine_config *cfg, mi_engine **out, mi_buf *err)
{
    MI_Result r;
    char *path = NULL;
    mi_repo *repo = NULL;
    unsigned flags;

    if (out == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    *out = NULL;
    if (cfg != NULL && cfg->repository != NULL)
        path = mi_strdup(cfg->repository);
    else
        path = mi_engine_default_repository();
    if (path == NULL) {
        mi_buf_puts(err, "no repository path: set $MI_REPOSITORY or $HOME");
        r = MI_RESULT_FAILED;
        goto out;
    }
    flags = cfg != NULL && cfg->read_only ? MI_REPO_READONLY : MI_REPO_CREATE;
    r = mi_repo_open(path, flags, &repo, err);
    if (r != MI_RESULT_OK)
        goto out_free_path;
    if (!(flags & MI_REPO_READONLY) && !has_builtin_classes(repo)) {
        r = ensure_builtin_classes(path, flags, &repo, err);
        if (r != MI_RESULT_OK)
            goto out_free_repo;
    }
    r = engine_new(repo, true, cfg, out, err);
out_free_repo:
    if (r != MI_RESULT_OK)
        mi_repo_free(repo);
out_free_path:
    mi_free(path);
out:
    return r;
}

mi_repo *mi_engine_repo(mi_engine *e)
{
    return e == NULL ? NULL : e->repo;
}

void mi_engine_set_local_session(mi_engine *e, mi_engine_local_session_fn fn, void *ctx)
{
    if (e == NULL)
        return;
    pthread_mutex_lock(&e->mu);
    e->local_fn = fn;
    e->local_ctx = ctx;
    pthread_mutex_unlock(&e->mu);
}

void eng_op_gone(mi_engine *e, mi_op *op)
{
    pthread_mutex_lock(&e->mu);
    for (size_t i = 0; i < e->n_ops; i++) {
        if (e->ops[i] == op) {
            e->ops[i] = e->ops[--e->n_ops];
            break;
        }
    }
    pthread_cond_broadcast(&e->cv_ops);
    pthread_mutex_unlock(&e->mu);
}

void eng_op_closed(mi_engine *e)
{
    pthread_mutex_lock(&e->mu);
    e->open_ops--;
    pthread_cond_broadcast(&e->cv_ops);
    pthread_mutex_unlock(&e->mu);
}

/* Adds op to the live list. False at the cap or out of memory. */
static bool track(mi_engine *e, mi_op *op)
{
    bool ok = false;

    pthread_mutex_lock(&e->mu);
    if (e->closing || e->n_ops >= ENG_MAX_OPS)
        goto out_unlock;
    if (e->n_ops > 0 && (e->n_ops & (e->n_ops - 1)) == 0 && e->n_ops >= 64) {
        mi_op **n = mi_realloc(e->ops, 2 * e->n_ops * sizeof *n);
        if (n == NULL)
            goto out_unlock;
        e->ops = n;
    }
    e->ops[e->n_ops++] = op;
    e->open_ops++;
    if (eop_deadline(op) != 0 && eop_deadline(op) < e->timer_next) {
        e->timer_next = eop_deadline(op);
        pthread_cond_signal(&e->cv_timer);
    }
    ok = true;
out_unlock:
    pthread_mutex_unlock(&e->mu);
    return ok;
}

void mi_engine_close(mi_engine *e)
{
    if (e == NULL)
        return;
    mi_op **live = NULL;
    size_t n = 0;

    /* Cancel outside e->mu: cancel hooks reach providers, which may post (and a
     * terminal post takes e->mu). Each op is referenced so it cannot go meanwhile. */
    pthread_mutex_lock(&e->mu);
    e->closing = true;
    if (e->n_ops > 0 && (live = mi_calloc(e->n_ops, sizeof *live)) != NULL) {
        for (size_t i = 0; i < e->n_ops; i++)
            if (eop_try_ref(e->ops[i]))
                live[n++] = e->ops[i];
    }
    pthread_mutex_unlock(&e->mu);
    for (size_t i = 0; i < n; i++) {
        mi_op_cancel(live[i], MI_REASON_SHUTDOWN);
        eop_unref(live[i]);
    }
    mi_free(live);
    pthread_mutex_lock(&e->mu);
    while (e->open_ops > 0)
        pthread_cond_wait(&e->cv_ops, &e->mu);
    pthread_cond_broadcast(&e->cv_task);
    pthread_mutex_unlock(&e->mu);
    for (unsigned i = 0; i < e->n_threads; i++)
        pthread_join(e->threads[i], NULL);
    pthread_mutex_lock(&e->mu);
    while (e->n_extra > 0)
        pthread_cond_wait(&e->cv_ops, &e->mu);
    pthread_cond_broadcast(&e->cv_timer);
    pthread_mutex_unlock(&e->mu);
    if (e->timer_started)
        pthread_join(e->timer, NULL);
    eng_modules_unload(e);
    eng_ctx_reap(e);
    if (e->own_repo)
        mi_repo_free(e->repo);
    pthread_mutex_destroy(&e->mu);
    pthread_mutex_destroy(&e->mod_mu);
    pthread_cond_destroy(&e->cv_task);
    pthread_cond_destroy(&e->cv_ops);
    pthread_cond_destroy(&e->cv_timer);
    pthread_cond_destroy(&e->cv_mod);
    mi_free(e->threads);
    mi_free(e->ops);
    mi_free(e);
}

/* ---------------------------------------------------------------- start */

static const char *dup_str(mi_arena *a, const char *s, bool *ok)
{
    char *d;
    if (s == NULL)
        return NULL;
    d = mi_arena_strdup(a, s);
    if (d == NULL)
        *ok = false;
    return d;
}

static const MI_Instance *dup_inst(mi_arena *a, const MI_Instance *inst, bool *ok,
                                   MI_Result *why)
{
    MI_Value v;
    MI_Result r;
    if (inst == NULL)
        return NULL;
    r = mi_value_copy(a, MI_INSTANCE, &inst, &v);
    if (r != MI_RESULT_OK) {
        *ok = false;
        *why = r;
        return NULL;
    }
    return v.instance;
}

/* Copies req into op's arena. OK, or the error that stopped the copy (an instance
 * that cannot be copied gives its cim error). */
static MI_Result copy_request(mi_op *op, const mi_request *req)
{
    mi_arena *a = eop_arena(op);
    mi_request *c = mi_arena_calloc(a, sizeof *c);
    MI_Result why = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    bool ok = c != NULL;

    if (!ok)
        goto out;
    *c = *req;
    c->ns = dup_str(a, req->ns != NULL ? req->ns : "root/cimv2", &ok);
    c->class_name = dup_str(a, req->class_name, &ok);
    c->assoc_class = dup_str(a, req->assoc_class, &ok);
    c->result_class = dup_str(a, req->result_class, &ok);
    c->role = dup_str(a, req->role, &ok);
    c->result_role = dup_str(a, req->result_role, &ok);
    c->method = dup_str(a, req->method, &ok);
    c->query_dialect = dup_str(a, req->query_dialect, &ok);
    c->query = dup_str(a, req->query, &ok);
    c->locale = dup_str(a, req->locale, &ok);
    c->instance = dup_inst(a, req->instance, &ok, &why);
    c->params = dup_inst(a, req->params, &ok, &why);
    c->options = NULL;
    c->n_options = 0;
    if (ok && req->n_options > 0 && req->options != NULL) {
        mi_option *o = mi_arena_calloc(a, req->n_options * sizeof *o);
        if (o == NULL) {
            ok = false;
            goto out;
        }
        for (size_t i = 0; i < req->n_options && ok; i++) {
            o[i] = req->options[i];
            o[i].name = dup_str(a, req->options[i].name, &ok);
            if (ok && mi_value_copy(a, req->options[i].type, &req->options[i].value,
                                    &o[i].value) != MI_RESULT_OK)
                ok = false;
        }
        c->options = o;
        c->n_options = req->n_options;
    }
    if (ok)
        eop_set_request(op, c);
out:
    return ok ? MI_RESULT_OK : why;
}

/* Runs one operation's dispatch inside a module-use scope (module.c: the modules it
 * looks up stay loaded until it ends). GetClass uses no provider and may run on a
 * thread inside a provider's Load (which holds mod_mu): no scope for it. */
static void run_op(void *arg)
{
    mi_op *op = arg;
    eng_scope scope;
    bool scoped = eop_request(op)->kind != MI_OP_GET_CLASS;

    if (scoped)
        eng_scope_enter(eop_engine(op), op, &scope);
    eng_dispatch(op);
    if (scoped)
        eng_scope_leave(&scope);
    eop_unref(op); /* the producer's reference */
}

MI_Result mi_engine_start(mi_engine *e, const mi_request *req, mi_op **out)
{
    MI_Result r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    mi_op *op;
    uint64_t deadline = 0;

    if (out == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    *out = NULL;
    if (e == NULL || req == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    if (req->timeout_us != 0)
        deadline = eng_now_ns() + (req->timeout_us > UINT64_MAX / 2000 ? UINT64_MAX / 2
                                                                        : req->timeout_us * 1000);
    op = eop_new(e, e->depth, deadline);
    if (op == NULL)
        goto out;
    if (!track(e, op)) {
        /* Not an engine op: finish it alone. */
        eop_detach(op);
        eop_finish(op, e->closing ? MI_RESULT_SERVER_IS_SHUTTING_DOWN
                                  : MI_RESULT_SERVER_LIMITS_EXCEEDED,
                   e->closing ? "the engine is closing" : "too many operations at once",
                   NULL, NULL);
        eop_unref(op);
        *out = op;
        r = MI_RESULT_OK;
        goto out;
    }
    r = copy_request(op, req);
    if (r != MI_RESULT_OK) {
        eop_finish(op, r, r == MI_RESULT_SERVER_LIMITS_EXCEEDED
                              ? "out of memory copying the request"
                              : "an instance of the request cannot be copied",
                   NULL, NULL);
        eop_unref(op);
    } else if (req->kind == MI_OP_GET_CLASS) {
        /* Answered on the caller's thread: it reads the repository only and posts one
         * class, which always fits the queue. A provider asking its local session for
         * a class (the built-in Linux module does) then needs no second worker, so
         * concurrent requests cannot all wait for workers held by one another. */
        run_op(op);
    } else if (!submit(e, run_op, op, req->kind == MI_OP_SUBSCRIBE)) {
        /* A subscription holds its thread until it ends: its own, so that open
         * subscriptions never take the workers every other operation needs. */
        eop_finish(op, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                   "too many operations are waiting for a worker thread", NULL, NULL);
        eop_unref(op);
    }
    *out = op;
    r = MI_RESULT_OK;
out:
    return r;
}
