/* op.c - one operation: the bounded queue between its producers (providers posting
 * through MI_Context, from any thread) and its one consumer (mi_op_next/release).
 *
 * The queue is a ring of `depth` slots. Indexes `head` (next slot to consume, written
 * only by the consumer) and `tail` (next slot to fill, written only by the producer
 * holding `pmu`) grow without bound; slot i lives at slots[i % depth]. Each side
 * keeps the last value it read of the other's index (head_seen, tail_seen) and reads
 * the shared one again only when that value says "full" / "empty", so a steady stream
 * does not pull both index lines across cores per item. A producer copies what it
 * posts into the slot's own arena (instances by a per-class copy plan, cached in the
 * op: see mi_instance_copy_in); releasing the slot rewinds that arena to its first
 * chunk (no free, no malloc in the steady state), so memory stays flat whatever the
 * number of results.
 *
 * Sleeping: the consumer sleeps only on an empty ring, a producer only on a full one
 * (or while waiting for the answer to a question). Each side spins briefly first, then
 * announces that it sleeps in an atomic flag (cons_wait / prod_wait, set under `mu`)
 * and re-checks the indexes after setting it; the other side signals only when it
 * sees the flag (sequentially consistent store-then-load on both sides, so no wakeup
 * is lost), and only once a batch of items (or free slots) is ready. The signal is
 * sent after taking and dropping `mu` (signal_after), so the woken side never finds
 * `mu` held. A steady stream therefore takes no lock but the producers' own `pmu`.
 *
 * The final result lives in its own slot, set exactly once (eop_finish: by the
 * dispatcher, by cancel or by timeout - the first wins). The consumer drains the ring
 * before it takes the final item, and never reads the ring after that.
 *
 * Lifetime: reference counted; the consumer holds one until mi_op_close, each
 * producer side (the dispatch task, each live provider context) one of its own.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/clock.h"
#include "cim/cim.h"
#include "engine/engine_int.h"

/* Most memory one slot's arena may hold (one result instance and its strings). */
#define SLOT_ARENA_CAP ((size_t)64 << 20)
/* First-chunk size of a slot's arena: starts at SLOT_CHUNK_MIN and doubles (up to
 * SLOT_CHUNK_MAX) whenever a posted item needed more, so a slot usually holds its item
 * in one chunk that is kept between items, and small instances do not each pin a
 * large chunk (with many operations queued at once, the chunks are most of the
 * memory: 1000 operations x 256 slots x 4 KiB was 1 GB). A slot whose chunk is smaller
 * than the current size gets a new one when it is next used. */
#define SLOT_CHUNK_MIN 512u
#define SLOT_CHUNK_MAX ((size_t)64 << 10)
/* How many times a side polls the ring, with a pause between polls, before it yields:
 * a consumer that is a little faster than its producer (or the reverse) then rarely
 * sleeps, which saves two context switches per wait. A microsecond or two: on 2 cores,
 * 50 was as fast as 200 or 1000 with a core per side and faster (1000: 2x) when both
 * sides shared one core (bench/RESULTS.md). */
#define SPIN_POLLS 50
/* Then how many times it yields the CPU (sched_yield) and polls again before it
 * sleeps: when both sides share one core (a loaded machine), a yield lets the other
 * side run at once instead of after the spinning side's time slice. */
#define YIELD_POLLS 20
/* A producer wakes a sleeping consumer only once this many items wait (depth/8, at
 * least 1), or at the final result, a question, or a full ring (and a consumer wakes
 * a producer waiting on a full ring once that many slots are free); a sleeping consumer
 * also looks again every CONSUMER_NAP_NS, so a trickle of items is seen within that
 * time. Fewer wakeups, at most that much added latency. */
#define CONSUMER_NAP_NS 1000000u
/* Most cancel hooks (MI_Context_RegisterCancel calls) one operation keeps. */
#define MAX_CANCEL_HOOKS 64u
/* Copy plans (mi_copy_plan) one operation keeps, one per class decl posted; instances
 * of further classes are copied without a plan. PLAN_ARENA_CAP bounds their memory. */
#define MAX_PLANS 8u
#define PLAN_ARENA_CAP ((size_t)1 << 20)

typedef struct op_slot {
    mi_item item;
    mi_arena arena;         /* rewound (first chunk kept) when the slot is released */
    MI_Class *cls;          /* CLASS item: owned */
    MI_Value value;         /* STREAMED item: the copied value */
} op_slot;

typedef struct cancel_hook {
    void (*fn)(MI_CancellationReason reason, void *data);
    void *data;
} cancel_hook;

enum { CUR_NONE, CUR_RING, CUR_FINAL };

/* Cache lines: the read-mostly fields, the producers' (pmu and what it guards), tail,
 * the consumer's (head and its own state), and the sleeping/final state each have
 * their own, so a steady stream moves only the slots, tail and head between cores. */
struct mi_op {
    mi_engine *engine;
    size_t depth;
    op_slot *slots;
    uint64_t deadline_ns;   /* the operation's timeout; 0 = none */
    size_t batch;           /* wakeup batch: depth / 8, at least 1 */

    /* producer side */
    _Alignas(64) pthread_mutex_t pmu; /* serializes producers; guards the fields below */
    size_t head_seen;       /* a value head had: no slot past head_seen + depth is free */
    struct {
        const MI_ClassDecl *cd;
        const mi_copy_plan *plan; /* NULL: cd cannot be copied by plan */
    } plans[MAX_PLANS];
    unsigned n_plans, last_plan;
    mi_arena plan_arena;
    _Alignas(64) atomic_size_t tail;
    /* consumer side */
    _Alignas(64) atomic_size_t head;
    size_t tail_seen;       /* a value tail had: slots before it are filled */
    int cur;                /* CUR_*: the item the consumer holds */
    bool final_taken;       /* the final item was released once */

    _Alignas(64) pthread_mutex_t mu; /* sleeping, final state, hooks */
    pthread_cond_t cv_cons, cv_prod;
    atomic_int cons_wait, prod_wait;
    atomic_int stop;        /* EOP_STOP_* bits */
    atomic_int stop_reason; /* MI_CancellationReason of the first stop */
    int final_state;        /* 0 none, 1 being set, 2 set (under mu) */
    atomic_int final_ready;
    op_slot final;
    atomic_size_t answered; /* seq + 1 of the last answered question */
    MI_Boolean answer;

    cancel_hook hooks[MAX_CANCEL_HOOKS];
    unsigned n_hooks;
    bool hooks_ran;

    void (*notify)(void *ctx);
    void *notify_ctx;
    atomic_int has_notify;  /* notify != NULL: lets posts skip the lock */
    atomic_int notify_busy; /* calls of notify in progress */

    atomic_size_t slot_bytes, slot_bytes_peak;
    atomic_size_t slot_chunk; /* first-chunk size for slot arenas (see SLOT_CHUNK_MIN) */
    atomic_int refs;
    mi_arena req_arena;     /* the request copy */
    const mi_request *req;
};

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

/* One round of waiting before a poll: a pause for the first SPIN_POLLS rounds, a
 * yield for the next YIELD_POLLS. false (and *round reset) once the caller should
 * sleep instead. */
static bool poll_wait(int *round)
{
    bool again = true;

    if (*round < SPIN_POLLS) {
        cpu_relax();
    } else if (*round < SPIN_POLLS + YIELD_POLLS) {
        sched_yield();
    } else {
        *round = 0;
        again = false;
        goto out;
    }
    (*round)++;
out:
    return again;
}

uint64_t eng_now_ns(void)
{
    return mi_now_ns();
}

/* ---------------------------------------------------------------- slots */

static void slot_init(op_slot *s)
{
    memset(s, 0, sizeof *s);
    mi_arena_init(&s->arena, MI_ARENA_DEFAULT_CHUNK, SLOT_ARENA_CAP);
}

/* Gives the slot's arena its first chunk (kept by every reset). */
static bool slot_warm(op_slot *s)
{
    return mi_arena_size(&s->arena) != 0 || mi_arena_alloc(&s->arena, 0) != NULL;
}

/* Empties a slot; returns the bytes its arena gave back to the heap. A first chunk
 * smaller than op's current slot chunk size is freed too (the next use warms a larger
 * one). */
static size_t slot_reset(mi_op *op, op_slot *s)
{
    size_t before = mi_arena_size(&s->arena);

    if (s->cls != NULL) {
        MI_Class_Delete(s->cls);
        s->cls = NULL;
    }
    if (s->arena.chunk_size < atomic_load_explicit(&op->slot_chunk, memory_order_relaxed))
        mi_arena_destroy(&s->arena);
    else
        mi_arena_rewind(&s->arena);
    memset(&s->item, 0, sizeof s->item);
    return before - mi_arena_size(&s->arena);
}

static void slot_free(op_slot *s)
{
    if (s->cls != NULL)
        MI_Class_Delete(s->cls);
    mi_arena_destroy(&s->arena);
}

static const char *slot_str(op_slot *s, const char *text)
{
    return text == NULL ? NULL : mi_arena_strdup(&s->arena, text);
}

/* ---------------------------------------------------------------- life */

mi_op *eop_new(mi_engine *e, unsigned depth, uint64_t deadline_ns)
{
    mi_op *op = NULL;
    pthread_condattr_t ca;

    if (depth == 0)
        depth = 256;
    op = mi_calloc(1, sizeof *op);
    if (op == NULL)
        goto out;
    op->slots = mi_calloc(depth, sizeof *op->slots);
    if (op->slots == NULL)
        goto out_free_op;
    for (unsigned i = 0; i < depth; i++)
        slot_init(&op->slots[i]);
    slot_init(&op->final);
    mi_arena_init(&op->req_arena, 0, (size_t)64 << 20);
    mi_arena_init(&op->plan_arena, 0, PLAN_ARENA_CAP);
    op->engine = e;
    op->depth = depth;
    op->batch = depth / 8 > 0 ? depth / 8 : 1;
    op->deadline_ns = deadline_ns;
    pthread_mutex_init(&op->pmu, NULL);
    pthread_mutex_init(&op->mu, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&op->cv_cons, &ca);
    pthread_cond_init(&op->cv_prod, &ca);
    pthread_condattr_destroy(&ca);
    atomic_init(&op->tail, 0);
    atomic_init(&op->head, 0);
    atomic_init(&op->cons_wait, 0);
    atomic_init(&op->prod_wait, 0);
    atomic_init(&op->stop, 0);
    atomic_init(&op->stop_reason, 0);
    atomic_init(&op->has_notify, 0);
    atomic_init(&op->notify_busy, 0);
    atomic_init(&op->final_ready, 0);
    atomic_init(&op->answered, 0);
    atomic_init(&op->slot_bytes, 0);
    atomic_init(&op->slot_chunk, SLOT_CHUNK_MIN);
    atomic_init(&op->slot_bytes_peak, 0);
    atomic_init(&op->refs, 2);
    goto out;

out_free_op:
    mi_free(op);
    op = NULL;
out:
    return op;
}

void eop_ref(mi_op *op)
{
    atomic_fetch_add(&op->refs, 1);
}

bool eop_try_ref(mi_op *op)
{
    int n = atomic_load(&op->refs);
    while (n > 0 && !atomic_compare_exchange_weak(&op->refs, &n, n + 1))
        ;
    return n > 0;
}

void eop_unref(mi_op *op)
{
    mi_engine *e;

    if (op == NULL || atomic_fetch_sub(&op->refs, 1) != 1)
        return;
    e = op->engine;
    if (e != NULL)
        eng_op_gone(e, op);
    for (size_t i = 0; i < op->depth; i++)
        slot_free(&op->slots[i]);
    slot_free(&op->final);
    mi_free(op->slots);
    mi_arena_destroy(&op->req_arena);
    mi_arena_destroy(&op->plan_arena);
    pthread_mutex_destroy(&op->pmu);
    pthread_mutex_destroy(&op->mu);
    pthread_cond_destroy(&op->cv_cons);
    pthread_cond_destroy(&op->cv_prod);
    mi_free(op);
}

void eop_detach(mi_op *op)
{
    op->engine = NULL;
}

mi_engine *eop_engine(const mi_op *op)
{
    return op->engine;
}

mi_arena *eop_arena(mi_op *op)
{
    return &op->req_arena;
}

void eop_set_request(mi_op *op, const mi_request *req)
{
    op->req = req;
}

const mi_request *eop_request(const mi_op *op)
{
    return op->req;
}

int eop_stopped(const mi_op *op)
{
    return atomic_load(&((mi_op *)op)->stop);
}

MI_CancellationReason eop_stop_reason(const mi_op *op)
{
    return (MI_CancellationReason)atomic_load(&((mi_op *)op)->stop_reason);
}

bool eop_final_set(const mi_op *op)
{
    return atomic_load(&((mi_op *)op)->final_ready) != 0;
}

void mi_op_set_notify(mi_op *op, void (*fn)(void *ctx), void *ctx)
{
    pthread_mutex_lock(&op->mu);
    op->notify = fn;
    op->notify_ctx = ctx;
    atomic_store(&op->has_notify, fn != NULL);
    pthread_mutex_unlock(&op->mu);
    /* A call that read the old hook finishes before this returns (calls are short:
     * the hook only schedules work). */
    while (atomic_load(&op->notify_busy) != 0)
        sched_yield();
}

static void call_notify(mi_op *op)
{
    void (*fn)(void *);
    void *ctx;

    if (!atomic_load_explicit(&op->has_notify, memory_order_relaxed))
        return;
    pthread_mutex_lock(&op->mu);
    fn = op->notify;
    ctx = op->notify_ctx;
    if (fn != NULL)
        atomic_fetch_add(&op->notify_busy, 1);
    pthread_mutex_unlock(&op->mu);
    if (fn != NULL) {
        fn(ctx);
        atomic_fetch_sub(&op->notify_busy, 1);
    }
}

/* Signals cv after taking and dropping mu: a side that announced its sleep (flag set
 * under mu) is then inside its wait, and it wakes without meeting mu still held. */
static void signal_after(mi_op *op, pthread_cond_t *cv, bool all)
{
    pthread_mutex_lock(&op->mu);
    pthread_mutex_unlock(&op->mu);
    if (all)
        pthread_cond_broadcast(cv);
    else
        pthread_cond_signal(cv);
}

/* Called after tail was advanced to `tail`: wakes a sleeping consumer once a batch of
 * items waits (force: at once). */
static void wake_consumer(mi_op *op, size_t tail, bool force)
{
    if (atomic_load(&op->cons_wait) &&
        (force || tail - atomic_load(&op->head) >= op->batch))
        signal_after(op, &op->cv_cons, false);
}

static void wake_producers(mi_op *op)
{
    pthread_mutex_lock(&op->mu);
    pthread_cond_broadcast(&op->cv_prod);
    pthread_mutex_unlock(&op->mu);
}

/* ---------------------------------------------------------------- final result */

bool eop_finish(mi_op *op, MI_Result code, const char *message, const MI_Instance *error,
                const MI_Instance *inst)
{
    op_slot *s = &op->final;
    MI_Value v;
    bool won = false;

    pthread_mutex_lock(&op->mu);
    if (op->final_state == 0) {
        op->final_state = 1;
        won = true;
    }
    pthread_mutex_unlock(&op->mu);
    if (!won)
        goto out;
    /* Only this thread touches the final slot until final_ready is set. */
    s->item.kind = MI_ITEM_FINAL;
    s->item.result = code;
    s->item.message = slot_str(s, message);
    if (code != MI_RESULT_OK) {
        if (error != NULL && mi_value_copy(&s->arena, MI_INSTANCE, &error, &v) == MI_RESULT_OK)
            s->item.error = v.instance;
        else
            s->item.error = eng_error_instance(&s->arena, (MI_Uint32)code, MI_RESULT_TYPE_MI,
                                               MI_ERRORCATEGORY_NOT_SPECIFIED, message);
    }
    if (inst != NULL && mi_value_copy(&s->arena, MI_INSTANCE, &inst, &v) == MI_RESULT_OK)
        s->item.instance = v.instance;
    pthread_mutex_lock(&op->mu);
    op->final_state = 2;
    atomic_store(&op->final_ready, 1);
    pthread_cond_signal(&op->cv_cons);
    pthread_cond_broadcast(&op->cv_prod);
    pthread_mutex_unlock(&op->mu);
    call_notify(op);
out:
    return won;
}

void eop_stop(mi_op *op, int why, MI_CancellationReason reason)
{
    cancel_hook hooks[MAX_CANCEL_HOOKS];
    unsigned n = 0;
    int before;
    mi_arena tmp;
    MI_Instance *err;
    const char *msg;
    MI_ErrorCategory cat;

    /* The stop result is set before the stop is visible: a provider that fails its
     * posts because of the stop cannot get its own failure in first. */
    if (!eop_final_set(op)) {
        if (why == EOP_STOP_TIMEOUT) {
            msg = "the operation timed out";
            cat = MI_ERRORCATEGORY_OPERATION_TIMEOUT;
        } else {
            msg = why == EOP_STOP_CLOSED ? "the operation was closed"
                                         : "the operation was cancelled";
            cat = MI_ERRORCATEGORY_OPERATION_STOPPED;
        }
        mi_arena_init(&tmp, 0, 0);
        err = eng_error_instance(&tmp, MI_RESULT_FAILED, MI_RESULT_TYPE_MI, cat, msg);
        eop_finish(op, MI_RESULT_FAILED, msg, err, NULL);
        mi_arena_destroy(&tmp);
    }
    before = atomic_fetch_or(&op->stop, why);
    if (before == 0)
        atomic_store(&op->stop_reason, (int)reason);
    pthread_mutex_lock(&op->mu);
    pthread_cond_broadcast(&op->cv_prod);
    pthread_cond_signal(&op->cv_cons);
    if (!op->hooks_ran) {
        op->hooks_ran = true;
        n = op->n_hooks;
        memcpy(hooks, op->hooks, n * sizeof hooks[0]);
    }
    pthread_mutex_unlock(&op->mu);
    for (unsigned i = 0; i < n; i++)
        hooks[i].fn(reason, hooks[i].data);
}

bool eop_add_cancel_hook(mi_op *op, void (*fn)(MI_CancellationReason, void *), void *data)
{
    bool ok = true, run_now = false;

    pthread_mutex_lock(&op->mu);
    if (op->hooks_ran)
        run_now = true;
    else if (op->n_hooks == MAX_CANCEL_HOOKS)
        ok = false;
    else
        op->hooks[op->n_hooks++] = (cancel_hook){fn, data};
    pthread_mutex_unlock(&op->mu);
    if (run_now)
        fn(eop_stop_reason(op), data);
    return ok;
}

bool eop_remove_cancel_hook(mi_op *op, void (*fn)(MI_CancellationReason, void *),
                            void *data)
{
    bool removed = false;

    pthread_mutex_lock(&op->mu);
    if (!op->hooks_ran) {
        for (unsigned i = 0; i < op->n_hooks; i++) {
            if (op->hooks[i].fn == fn && op->hooks[i].data == data) {
                op->hooks[i] = op->hooks[--op->n_hooks];
                removed = true;
                break;
            }
        }
    }
    pthread_mutex_unlock(&op->mu);
    return removed;
}

/* ---------------------------------------------------------------- producer side */

uint64_t eop_deadline(const mi_op *op)
{
    return op->deadline_ns;
}

static bool producer_blocked(mi_op *op)
{
    return atomic_load(&op->stop) != 0 || atomic_load(&op->final_ready) != 0;
}

/* Accounts for the bytes the slot's arena grew by while being filled. */
static void slot_account(mi_op *op, op_slot *s, size_t before)
{
    size_t now = mi_arena_size(&s->arena);
    if (now > before) {
        size_t live = atomic_fetch_add(&op->slot_bytes, now - before) + (now - before);
        size_t peak = atomic_load(&op->slot_bytes_peak);
        while (live > peak && !atomic_compare_exchange_weak(&op->slot_bytes_peak, &peak, live))
            ;
    }
}

/* Takes pmu and waits for a free slot. OK: pmu held, *seq the slot's index, the slot
 * empty and warm. FAILED (pmu released) when the op stopped or finished. */
static MI_Result slot_acquire(mi_op *op, op_slot **out, size_t *seq)
{
    MI_Result r = MI_RESULT_FAILED;
    struct timespec ts;
    bool timed_out = false;

    pthread_mutex_lock(&op->pmu);
    for (;;) {
        if (producer_blocked(op))
            goto out_unlock;
        size_t t = atomic_load_explicit(&op->tail, memory_order_relaxed);
        size_t h = op->head_seen;
        if (t - h >= op->depth)
            h = op->head_seen = atomic_load_explicit(&op->head, memory_order_acquire);
        if (t - h < op->depth) {
            op_slot *s = &op->slots[t % op->depth];
            size_t before = mi_arena_size(&s->arena);
            if (before == 0)
                s->arena.chunk_size =
                    atomic_load_explicit(&op->slot_chunk, memory_order_relaxed);
            if (!slot_warm(s)) {
                r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
                goto out_unlock;
            }
            slot_account(op, s, before);
            *out = s;
            *seq = t;
            r = MI_RESULT_OK;
            goto out;
        }
        int round = 0;
        while (t - h >= op->depth && poll_wait(&round))
            h = atomic_load_explicit(&op->head, memory_order_acquire);
        if (t - h < op->depth) {
            op->head_seen = h;
            continue;
        }
        pthread_mutex_lock(&op->mu);
        atomic_store(&op->prod_wait, 1);
        h = atomic_load(&op->head);
        if (t - h >= op->depth && !producer_blocked(op)) {
            if (op->deadline_ns != 0) {
                mi_timespec_of_ns(op->deadline_ns, &ts);
                if (pthread_cond_timedwait(&op->cv_prod, &op->mu, &ts) == ETIMEDOUT)
                    timed_out = eng_now_ns() >= op->deadline_ns;
            } else {
                pthread_cond_wait(&op->cv_prod, &op->mu);
            }
        }
        atomic_store(&op->prod_wait, 0);
        pthread_mutex_unlock(&op->mu);
        if (timed_out)
            eop_stop(op, EOP_STOP_TIMEOUT, MI_REASON_TIMEOUT);
    }
out_unlock:
    pthread_mutex_unlock(&op->pmu);
out:
    return r;
}

/* Makes slot seq visible to the consumer and releases pmu. */
static void slot_publish(mi_op *op, size_t seq)
{
    bool was_empty = false;
    op_slot *s = &op->slots[seq % op->depth];
    size_t held = mi_arena_size(&s->arena), chunk;

    /* The item did not fit the first chunk: later slots get a larger one (pmu held:
     * the only writer of slot_chunk). */
    chunk = atomic_load_explicit(&op->slot_chunk, memory_order_relaxed);
    if (held > chunk + 64 && chunk < SLOT_CHUNK_MAX) {
        while (chunk < held && chunk < SLOT_CHUNK_MAX)
            chunk *= 2;
        atomic_store_explicit(&op->slot_chunk, chunk, memory_order_relaxed);
    }

    /* seq_cst: ordered before the load of cons_wait (see the file comment) */
    atomic_store(&op->tail, seq + 1);
    wake_consumer(op, seq + 1, false);
    if (atomic_load_explicit(&op->has_notify, memory_order_relaxed))
        was_empty = atomic_load(&op->head) == seq;
    pthread_mutex_unlock(&op->pmu);
    if (was_empty)
        call_notify(op);
}

/* Drops a half-filled slot and releases pmu. */
static void slot_abort(mi_op *op, op_slot *s)
{
    size_t freed = slot_reset(op, s);
    if (freed)
        atomic_fetch_sub(&op->slot_bytes, freed);
    pthread_mutex_unlock(&op->pmu);
}

/* Clears every element of inst that keys_only or `only` (a class decl: keep only the
 * properties it declares) excludes. */
static MI_Result trim(MI_Instance *inst, bool keys_only, const MI_ClassDecl *only)
{
    const MI_ClassDecl *cd = inst->classDecl;
    MI_Result r = MI_RESULT_OK;

    if (mi_instance_is_dynamic(inst)) {
        MI_Uint32 n = 0;
        if (inst->ft->GetElementCount(inst, &n) != MI_RESULT_OK)
            goto out;
        for (MI_Uint32 i = 0; i < n; i++) {
            const char *name;
            MI_Value v;
            MI_Type t;
            MI_Uint32 f;
            if (inst->ft->GetElementAt(inst, i, &name, &v, &t, &f) != MI_RESULT_OK)
                continue;
            if ((keys_only && !(f & MI_FLAG_KEY)) ||
                (only != NULL && mi_classdecl_property(only, name, NULL) == NULL))
                inst->ft->ClearElementAt(inst, i);
        }
        goto out;
    }
    for (MI_Uint32 i = 0; i < cd->numProperties; i++) {
        const MI_PropertyDecl *pd = cd->properties[i];
        if ((keys_only && !(pd->flags & MI_FLAG_KEY)) ||
            (only != NULL && mi_classdecl_property(only, pd->name, NULL) == NULL)) {
            r = inst->ft->ClearElementAt(inst, i);
            if (r != MI_RESULT_OK)
                goto out;
        }
    }
out:
    return r;
}

/* The copy plan for instances of cd (pmu held): made on the first post of cd while
 * the cache has room (MAX_PLANS decls), NULL when cd has none or the cache is full (the
 * general copy is used). A decl is recognised by address; mi_instance_copy_in checks
 * that the decl still has the plan's shape. */
static const mi_copy_plan *plan_for(mi_op *op, const MI_ClassDecl *cd)
{
    const mi_copy_plan *p = NULL;
    unsigned i;

    if (cd == NULL)
        goto out;
    if (op->n_plans > 0 && op->plans[op->last_plan].cd == cd) {
        p = op->plans[op->last_plan].plan;
        goto out;
    }
    for (i = 0; i < op->n_plans && op->plans[i].cd != cd; i++)
        ;
    if (i == op->n_plans) {
        if (i == MAX_PLANS)
            goto out;
        op->plans[i].cd = cd;
        op->plans[i].plan = mi_copy_plan_new(&op->plan_arena, cd);
        op->n_plans++;
    }
    op->last_plan = i;
    p = op->plans[i].plan;
out:
    return p;
}

MI_Result eop_post_instance(mi_op *op, const MI_Instance *inst, bool keys_only,
                               const MI_ClassDecl *only)
{
    op_slot *s;
    size_t seq, before;
    MI_Instance *copy = NULL;
    MI_Result r;

    if (inst == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    r = slot_acquire(op, &s, &seq);
    if (r != MI_RESULT_OK)
        goto out;
    before = mi_arena_size(&s->arena);
    r = mi_instance_copy_in(&s->arena,
                            mi_copy_plan_applies(inst) ? plan_for(op, inst->classDecl) : NULL,
                            inst, &copy);
    if (r == MI_RESULT_OK && (keys_only || only != NULL))
        r = trim(copy, keys_only, only);
    /* The request's copy outlives every slot: the result borrows its namespace. */
    if (r == MI_RESULT_OK && copy->nameSpace == NULL && op->req != NULL)
        copy->nameSpace = op->req->ns;
    slot_account(op, s, before);
    if (r != MI_RESULT_OK) {
        slot_abort(op, s);
        goto out;
    }
    s->item.kind = MI_ITEM_INSTANCE;
    s->item.instance = copy;
    slot_publish(op, seq);
out:
    return r;
}

MI_Result eop_post_class(mi_op *op, const MI_ClassDecl *cd, const char *ns, bool own)
{
    op_slot *s;
    size_t seq;
    MI_Result r = slot_acquire(op, &s, &seq);

    if (r != MI_RESULT_OK)
        goto out;
    r = mi_class_new(cd, ns, NULL, own, &s->cls);
    if (r != MI_RESULT_OK) {
        slot_abort(op, s);
        goto out;
    }
    s->item.kind = MI_ITEM_CLASS;
    s->item.cls = s->cls;
    slot_publish(op, seq);
out:
    return r;
}

/* Fills a text-only item; `fill` sets the kind-specific fields. */
static MI_Result post_text(mi_op *op, mi_item_kind kind, const char *a, const char *b,
                           const char *c, MI_Uint32 n1, MI_Uint32 n2)
{
    op_slot *s;
    size_t seq, before;
    MI_Result r = slot_acquire(op, &s, &seq);

    if (r != MI_RESULT_OK)
        goto out;
    before = mi_arena_size(&s->arena);
    s->item.kind = kind;
    if (kind == MI_ITEM_MESSAGE) {
        s->item.message = slot_str(s, a);
        s->item.channel = n1;
        if (a != NULL && s->item.message == NULL)
            r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    } else {
        s->item.activity = slot_str(s, a);
        s->item.current_operation = slot_str(s, b);
        s->item.status = slot_str(s, c);
        s->item.percent = n1;
        s->item.seconds_remaining = n2;
        if ((a && !s->item.activity) || (b && !s->item.current_operation) ||
            (c && !s->item.status))
            r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    }
    slot_account(op, s, before);
    if (r != MI_RESULT_OK) {
        slot_abort(op, s);
        goto out;
    }
    slot_publish(op, seq);
out:
    return r;
}

MI_Result eop_post_message(mi_op *op, MI_Uint32 channel, const char *msg)
{
    return post_text(op, MI_ITEM_MESSAGE, msg, NULL, NULL, channel, 0);
}

MI_Result eop_post_progress(mi_op *op, const char *activity, const char *current,
                            const char *status, MI_Uint32 percent, MI_Uint32 remaining)
{
    return post_text(op, MI_ITEM_PROGRESS, activity, current, status, percent, remaining);
}

MI_Result eop_post_streamed(mi_op *op, const char *name, MI_Type type, const MI_Value *v)
{
    op_slot *s;
    size_t seq, before;
    MI_Result r;

    if (name == NULL || v == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    r = slot_acquire(op, &s, &seq);
    if (r != MI_RESULT_OK)
        goto out;
    before = mi_arena_size(&s->arena);
    s->item.kind = MI_ITEM_STREAMED;
    s->item.param_name = slot_str(s, name);
    s->item.param_type = type;
    r = s->item.param_name == NULL ? MI_RESULT_SERVER_LIMITS_EXCEEDED
                                   : mi_value_copy(&s->arena, type, v, &s->value);
    s->item.param_value = &s->value;
    slot_account(op, s, before);
    if (r != MI_RESULT_OK) {
        slot_abort(op, s);
        goto out;
    }
    slot_publish(op, seq);
out:
    return r;
}

MI_Result eop_post_question(mi_op *op, mi_item_kind kind, const char *message,
                            MI_PromptType type, const MI_Instance *error, MI_Boolean *answer)
{
    op_slot *s;
    size_t seq, before;
    MI_Value v;
    MI_Result r;

    *answer = MI_FALSE;
    r = slot_acquire(op, &s, &seq);
    if (r != MI_RESULT_OK)
        goto out;
    before = mi_arena_size(&s->arena);
    s->item.kind = kind;
    s->item.prompt_type = type;
    s->item.message = slot_str(s, message);
    if (message != NULL && s->item.message == NULL)
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    if (r == MI_RESULT_OK && error != NULL) {
        r = mi_value_copy(&s->arena, MI_INSTANCE, &error, &v);
        if (r == MI_RESULT_OK)
            s->item.instance = v.instance;
    }
    slot_account(op, s, before);
    if (r != MI_RESULT_OK) {
        slot_abort(op, s);
        goto out;
    }
    /* pmu stays held until the answer: one question at a time. */
    atomic_store(&op->tail, seq + 1);
    wake_consumer(op, seq + 1, true); /* a question: at once */
    call_notify(op);
    pthread_mutex_lock(&op->mu);
    atomic_store(&op->prod_wait, 1);
    while (atomic_load(&op->answered) < seq + 1 && atomic_load(&op->stop) == 0)
        pthread_cond_wait(&op->cv_prod, &op->mu);
    atomic_store(&op->prod_wait, 0);
    if (atomic_load(&op->answered) >= seq + 1)
        *answer = op->answer;
    pthread_mutex_unlock(&op->mu);
    pthread_mutex_unlock(&op->pmu);
out:
    return r;
}

/* ---------------------------------------------------------------- consumer side */

MI_Result mi_op_next(mi_op *op, mi_item *item, uint64_t deadline_ns)
{
    MI_Result r = MI_RESULT_OK;
    struct timespec ts;
    int spun = 0;

    if (op == NULL || item == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    if (op->cur != CUR_NONE)
        return MI_RESULT_FAILED;
    for (;;) {
        if (op->final_taken)
            goto out_final;
        size_t h = atomic_load_explicit(&op->head, memory_order_relaxed);
        size_t t = op->tail_seen;
        if (t == h)
            t = op->tail_seen = atomic_load_explicit(&op->tail, memory_order_acquire);
        if (t != h) {
            *item = op->slots[h % op->depth].item;
            op->cur = CUR_RING;
            goto out;
        }
        if (atomic_load(&op->final_ready)) {
            if (atomic_load(&op->tail) != h)
                continue;
            goto out_final;
        }
        if (poll_wait(&spun))
            continue;
        uint64_t now = eng_now_ns();
        if (op->deadline_ns != 0 && now >= op->deadline_ns) {
            eop_stop(op, EOP_STOP_TIMEOUT, MI_REASON_TIMEOUT);
            continue;
        }
        if (deadline_ns != 0 && now >= deadline_ns) {
            r = MI_RESULT_NOT_FOUND;
            goto out;
        }
        uint64_t until = now + CONSUMER_NAP_NS;
        if (deadline_ns != 0 && deadline_ns < until)
            until = deadline_ns;
        if (op->deadline_ns != 0 && op->deadline_ns < until)
            until = op->deadline_ns;
        pthread_mutex_lock(&op->mu);
        atomic_store(&op->cons_wait, 1);
        if (atomic_load(&op->tail) == h && !atomic_load(&op->final_ready)) {
            mi_timespec_of_ns(until, &ts);
            pthread_cond_timedwait(&op->cv_cons, &op->mu, &ts);
        }
        atomic_store(&op->cons_wait, 0);
        pthread_mutex_unlock(&op->mu);
    }
out_final:
    *item = op->final.item;
    op->cur = CUR_FINAL;
out:
    return r;
}

static void release(mi_op *op, MI_Boolean yes)
{
    size_t h, freed;
    op_slot *s;

    if (op->cur == CUR_FINAL) {
        op->final_taken = true;
    } else if (op->cur == CUR_RING) {
        h = atomic_load_explicit(&op->head, memory_order_relaxed);
        s = &op->slots[h % op->depth];
        if (s->item.kind == MI_ITEM_WRITE_ERROR || s->item.kind == MI_ITEM_PROMPT) {
            pthread_mutex_lock(&op->mu);
            op->answer = yes;
            atomic_store(&op->answered, h + 1);
            pthread_cond_broadcast(&op->cv_prod);
            pthread_mutex_unlock(&op->mu);
        }
        freed = slot_reset(op, s);
        if (freed)
            atomic_fetch_sub(&op->slot_bytes, freed);
        /* seq_cst: ordered before the load of prod_wait (see the file comment) */
        atomic_store(&op->head, h + 1);
        /* Wake a producer waiting on a full ring once a batch of slots is free. */
        if (atomic_load(&op->prod_wait) &&
            op->depth - (atomic_load(&op->tail) - (h + 1)) >= op->batch)
            signal_after(op, &op->cv_prod, true);
    }
    op->cur = CUR_NONE;
}

void mi_op_release(mi_op *op)
{
    if (op != NULL)
        release(op, MI_TRUE);
}

void mi_op_answer(mi_op *op, MI_Boolean yes)
{
    if (op != NULL)
        release(op, yes);
}

void mi_op_cancel(mi_op *op, MI_CancellationReason reason)
{
    if (op == NULL || eop_final_set(op))
        return;
    eop_stop(op, reason == MI_REASON_TIMEOUT ? EOP_STOP_TIMEOUT : EOP_STOP_CANCEL, reason);
}

void mi_op_close(mi_op *op)
{
    if (op == NULL)
        return;
    if (op->cur != CUR_NONE)
        release(op, MI_FALSE);
    mi_op_set_notify(op, NULL, NULL);
    eop_stop(op, EOP_STOP_CLOSED, MI_REASON_NONE);
    wake_producers(op);
    /* Drop the consumer's reference before telling the engine: the last unref reaches
     * the engine (eng_op_gone), and mi_engine_close may free it as soon as the count of
     * open operations is zero. */
    mi_engine *e = op->engine;
    eop_unref(op);
    if (e != NULL)
        eng_op_closed(e);
}

size_t eop_slot_memory(mi_op *op)
{
    return atomic_load(&op->slot_bytes);
}

void mi_op_stats(mi_op *op, size_t *live_slot_bytes, size_t *peak_slot_bytes)
{
    if (live_slot_bytes != NULL)
        *live_slot_bytes = atomic_load(&op->slot_bytes);
    if (peak_slot_bytes != NULL)
        *peak_slot_bytes = atomic_load(&op->slot_bytes_peak);
}
