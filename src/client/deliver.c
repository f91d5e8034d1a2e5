/* deliver.c - the delivery pool (see deliver.h).
 *
 * One FIFO of jobs under `mu`. A thread waits for a job while `idle` counts it. A
 * submit that finds fewer available threads (idle or lingering) than queued jobs
 * starts another thread while the pool has fewer than `base`. Past `base`, the
 * monitor thread (started with the first such submit) wakes every
 * MI_DELIVER_STALL_NS while jobs wait and no thread is idle, and adds one thread when
 * no job was taken from the queue during that time (`last_take`). Threads beyond
 * MI_DELIVER_KEEP_IDLE that find no job for MI_DELIVER_IDLE_NS leave; their slots
 * are joined by a later start or by mi_deliver_pool_free.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/clock.h"
#include "client/deliver.h"

typedef struct pool_thread {
    pthread_t t;
    bool live;   /* started and not yet joined */
    bool exited; /* its function returned (or is about to): join it */
} pool_thread;

struct mi_deliver_pool {
    pthread_mutex_t mu;
    pthread_cond_t cv;          /* a job was queued, a thread left, or closing */
    pthread_cond_t cv_monitor;  /* jobs wait with no idle thread, or closing */
    mi_deliver_job *head, *tail;
    size_t queued;
    unsigned threads;           /* started and not exited */
    unsigned idle;              /* of those, waiting for a job */
    unsigned lingering;         /* of those, in a job but about to take another */
    unsigned base;              /* threads started without waiting for a stall */
    uint64_t last_take;         /* when a thread last took a job from the queue */
    bool monitor_live;
    pthread_t monitor;
    bool closing;
    pool_thread slot[MI_DELIVER_MAX_THREADS];
};

typedef struct thread_arg {
    mi_deliver_pool *p;
    unsigned index;
} thread_arg;

static void *thread_main(void *arg)
{
    thread_arg ta = *(thread_arg *)arg;
    mi_deliver_pool *p = ta.p;
    mi_deliver_job *job;
    struct timespec ts;

    mi_free(arg);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->head == NULL && !p->closing) {
            bool timed_out = false;
            p->idle++;
            if (p->threads > MI_DELIVER_KEEP_IDLE) {
                mi_timespec_of_ns(mi_now_ns() + MI_DELIVER_IDLE_NS, &ts);
                timed_out = pthread_cond_timedwait(&p->cv, &p->mu, &ts) == ETIMEDOUT;
            } else {
                pthread_cond_wait(&p->cv, &p->mu);
            }
            p->idle--;
            if (timed_out && p->head == NULL && p->threads > MI_DELIVER_KEEP_IDLE)
                goto out_leave;
        }
        job = p->head;
        if (job == NULL)
            break; /* closing, nothing left */
        p->head = job->next;
        if (p->head == NULL)
            p->tail = NULL;
        p->queued--;
        p->last_take = mi_now_ns();
        pthread_mutex_unlock(&p->mu);
        job->run(job); /* job may be freed by now */
        pthread_mutex_lock(&p->mu);
    }
out_leave:
    p->threads--;
    p->slot[ta.index].exited = true;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Joins the threads that left. p->mu held (they no longer need it). */
static void reap(mi_deliver_pool *p)
{
    for (unsigned i = 0; i < MI_DELIVER_MAX_THREADS; i++) {
        if (p->slot[i].live && p->slot[i].exited) {
            pthread_join(p->slot[i].t, NULL);
            p->slot[i].live = false;
            p->slot[i].exited = false;
        }
    }
}

/* Starts one more thread in a free slot. p->mu held. False at the cap or when the
 * system refuses. */
static bool start_thread(mi_deliver_pool *p)
{
    thread_arg *ta;
    unsigned i;

    reap(p);
    for (i = 0; i < MI_DELIVER_MAX_THREADS && p->slot[i].live; i++)
        ;
    if (i == MI_DELIVER_MAX_THREADS)
        return false;
    ta = mi_malloc(sizeof *ta);
    if (ta == NULL)
        return false;
    ta->p = p;
    ta->index = i;
    if (pthread_create(&p->slot[i].t, NULL, thread_main, ta) != 0) {
        mi_free(ta);
        return false;
    }
    p->slot[i].live = true;
    p->slot[i].exited = false;
    p->threads++;
    return true;
}

/* True when queued jobs outnumber the threads that will take one soon. p->mu held. */
static bool short_of_threads(const mi_deliver_pool *p)
{
    return p->queued > (size_t)p->idle + p->lingering;
}

/* The monitor: adds a thread when jobs wait and none was taken for a stall period. */
static void *monitor_main(void *arg)
{
    mi_deliver_pool *p = arg;
    struct timespec ts;

    pthread_mutex_lock(&p->mu);
    while (!p->closing) {
        if (!short_of_threads(p)) {
            pthread_cond_wait(&p->cv_monitor, &p->mu);
            continue;
        }
        uint64_t now = mi_now_ns();
        if (now - p->last_take >= MI_DELIVER_STALL_NS && p->threads < MI_DELIVER_MAX_THREADS &&
            start_thread(p))
            p->last_take = now; /* give the new thread a stall period of its own */
        mi_timespec_of_ns(now + MI_DELIVER_STALL_NS, &ts);
        pthread_cond_timedwait(&p->cv_monitor, &p->mu, &ts);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

mi_deliver_pool *mi_deliver_pool_new(void)
{
    pthread_condattr_t ca;
    mi_deliver_pool *p = mi_calloc(1, sizeof *p);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);

    if (p == NULL)
        goto out;
    p->base = cpus > 2 && cpus < MI_DELIVER_MAX_THREADS / 2 ? 2 * (unsigned)cpus : 4;
    if (pthread_condattr_init(&ca) != 0)
        goto out_free;
    if (pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) != 0 ||
        pthread_cond_init(&p->cv, &ca) != 0) {
        pthread_condattr_destroy(&ca);
        goto out_free;
    }
    if (pthread_cond_init(&p->cv_monitor, &ca) != 0) {
        pthread_condattr_destroy(&ca);
        goto out_destroy_cv;
    }
    pthread_condattr_destroy(&ca);
    pthread_mutex_init(&p->mu, NULL);
    pthread_mutex_lock(&p->mu);
    if (!start_thread(p)) {
        pthread_mutex_unlock(&p->mu);
        goto out_destroy;
    }
    pthread_mutex_unlock(&p->mu);
    goto out;

out_destroy:
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv_monitor);
out_destroy_cv:
    pthread_cond_destroy(&p->cv);
out_free:
    mi_free(p);
    p = NULL;
out:
    return p;
}

bool mi_deliver_pool_submit(mi_deliver_pool *p, mi_deliver_job *job)
{
    bool ok = false;

    pthread_mutex_lock(&p->mu);
    if (p->closing)
        goto out_unlock;
    job->next = NULL;
    if (p->tail != NULL)
        p->tail->next = job;
    else
        p->head = job;
    p->tail = job;
    if (p->queued++ == 0)
        p->last_take = mi_now_ns(); /* the stall clock starts with the first waiting job */
    if (short_of_threads(p)) {
        if (p->threads < p->base) {
            start_thread(p); /* on failure the job waits for a running thread */
        } else {
            if (!p->monitor_live &&
                pthread_create(&p->monitor, NULL, monitor_main, p) == 0)
                p->monitor_live = true;
            pthread_cond_signal(&p->cv_monitor);
        }
    }
    pthread_cond_signal(&p->cv);
    ok = true;
out_unlock:
    pthread_mutex_unlock(&p->mu);
    return ok;
}

bool mi_deliver_pool_waiting(mi_deliver_pool *p)
{
    bool waiting;

    pthread_mutex_lock(&p->mu);
    waiting = p->head != NULL;
    pthread_mutex_unlock(&p->mu);
    return waiting;
}

bool mi_deliver_pool_linger_begin(mi_deliver_pool *p)
{
    bool ok;

    pthread_mutex_lock(&p->mu);
    ok = p->head == NULL;
    if (ok)
        p->lingering++;
    pthread_mutex_unlock(&p->mu);
    return ok;
}

void mi_deliver_pool_linger_end(mi_deliver_pool *p)
{
    pthread_mutex_lock(&p->mu);
    p->lingering--;
    if (short_of_threads(p))
        pthread_cond_signal(&p->cv_monitor);
    pthread_mutex_unlock(&p->mu);
}

void mi_deliver_pool_free(mi_deliver_pool *p)
{
    if (p == NULL)
        return;
    pthread_mutex_lock(&p->mu);
    p->closing = true;
    pthread_cond_broadcast(&p->cv);
    pthread_cond_broadcast(&p->cv_monitor);
    while (p->threads > 0)
        pthread_cond_wait(&p->cv, &p->mu);
    reap(p);
    pthread_mutex_unlock(&p->mu);
    if (p->monitor_live)
        pthread_join(p->monitor, NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    pthread_cond_destroy(&p->cv_monitor);
    mi_free(p);
}
