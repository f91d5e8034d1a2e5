/* deliver.h - the delivery pool: threads that run the callbacks of asynchronous
 * operations (operation.c), instead of a thread per operation.
 *
 * A job is run by one pool thread at a time; whoever submits it must not submit it
 * again before it has started running (operation.c keeps an "active" flag for that).
 *
 * Size: up to `base` threads (twice the processors, at least 4) start as soon as jobs
 * wait with no idle thread. Beyond that the pool grows only when no job has been taken
 * from the queue for MI_DELIVER_STALL_NS while jobs wait (a monitor thread checks),
 * up to MI_DELIVER_MAX_THREADS: callbacks may block (a program may wait inside one
 * operation's callback for another operation's results), and then more threads are
 * the only way on; busy but progressing threads need no help. Jobs should yield their
 * thread now and then when others wait (mi_deliver_pool_waiting). Threads beyond
 * MI_DELIVER_KEEP_IDLE leave after MI_DELIVER_IDLE_NS without work.
 */
#ifndef MI_CLIENT_DELIVER_H
#define MI_CLIENT_DELIVER_H

#include <stdbool.h>

#define MI_DELIVER_MAX_THREADS 256u
#define MI_DELIVER_KEEP_IDLE   2u
#define MI_DELIVER_IDLE_NS     5000000000ull
#define MI_DELIVER_STALL_NS    20000000ull

typedef struct mi_deliver_job {
    void (*run)(struct mi_deliver_job *job); /* called on a pool thread */
    struct mi_deliver_job *next;             /* the pool's queue */
} mi_deliver_job;

typedef struct mi_deliver_pool mi_deliver_pool;

/* A new pool with one thread started. NULL when out of memory or when no thread can
 * be started. */
mi_deliver_pool *mi_deliver_pool_new(void);
/* Queues job; a thread runs job->run(job) soon. False only while the pool is being
 * freed. Never blocks on running jobs (callable from an engine notify hook). */
bool mi_deliver_pool_submit(mi_deliver_pool *p, mi_deliver_job *job);
/* True when jobs wait in the queue (a hint: a job that could go on should yield). */
bool mi_deliver_pool_waiting(mi_deliver_pool *p);
/* A job about to wait briefly for more work of its own (lingering) asks first: false
 * when other jobs wait (it should not linger then). While true, the thread counts as
 * available, so no thread is started for a job it will take soon; end with
 * mi_deliver_pool_linger_end. */
bool mi_deliver_pool_linger_begin(mi_deliver_pool *p);
void mi_deliver_pool_linger_end(mi_deliver_pool *p);
/* Runs the queued jobs to their end, then stops and joins every thread and frees the
 * pool. Jobs must not be submitted any more (the caller closed every operation
 * first). Must not be called from a pool thread. NULL is a no-op. */
void mi_deliver_pool_free(mi_deliver_pool *p);

#endif
