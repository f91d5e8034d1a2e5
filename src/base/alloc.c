/* alloc.c - allocation funnel with failure injection for tests. */
#include "base/alloc.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static atomic_long fail_countdown; /* 0 = off; otherwise allocations left until failure */
static atomic_long alloc_count;

static int should_fail(void)
{
    atomic_fetch_add_explicit(&alloc_count, 1, memory_order_relaxed);
    long left = atomic_load_explicit(&fail_countdown, memory_order_relaxed);
    if (left <= 0)
        return 0;
    if (atomic_fetch_sub_explicit(&fail_countdown, 1, memory_order_relaxed) == 1)
        return 1;
    return 0;
}

long mi_alloc_fail_after(long n)
{
    long made = atomic_exchange(&alloc_count, 0);
    atomic_store(&fail_countdown, n > 0 ? n : 0);
    return made;
}

void *mi_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *mi_calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *mi_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void mi_free(void *p)
{
    free(p);
}

char *mi_strndup(const char *s, size_t n)
{
    char *d = mi_malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

char *mi_strdup(const char *s)
{
    return mi_strndup(s, strlen(s));
}
