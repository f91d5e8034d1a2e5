/* clock.h - CLOCK_MONOTONIC time in nanoseconds, for deadlines and for
 * pthread_cond_timedwait on condition variables set up with CLOCK_MONOTONIC.
 */
#ifndef MI_BASE_CLOCK_H
#define MI_BASE_CLOCK_H

#include <stdint.h>
#include <time.h>

/* Nanoseconds of CLOCK_MONOTONIC (never jumps with the wall clock). */
static inline uint64_t mi_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The absolute time ns (as from mi_now_ns) as a timespec. */
static inline void mi_timespec_of_ns(uint64_t ns, struct timespec *ts)
{
    ts->tv_sec = (time_t)(ns / 1000000000u);
    ts->tv_nsec = (long)(ns % 1000000000u);
}

#endif
