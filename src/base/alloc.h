/* alloc.h - the one allocation funnel of libmi.
 *
 * Every heap allocation in the library goes through these functions, so that a test
 * can make the Nth allocation fail (mi_alloc_fail_after) and check that every error
 * path frees what it took and reports MI_RESULT_SERVER_LIMITS_EXCEEDED or FAILED.
 * They behave like their libc namesakes: NULL on failure, mi_free(NULL) is a no-op.
 */
#ifndef MI_BASE_ALLOC_H
#define MI_BASE_ALLOC_H

#include <stddef.h>

void *mi_malloc(size_t n);
void *mi_calloc(size_t count, size_t size);
void *mi_realloc(void *p, size_t n);
void mi_free(void *p);
/* Copies of a NUL-terminated string / the first n bytes of s (NUL appended). */
char *mi_strdup(const char *s);
char *mi_strndup(const char *s, size_t n);

/* Test hook: allocation number `n` from now fails (1 = the next one) and every later
 * one succeeds again. n <= 0 switches failure injection off. Not thread-safe by
 * design: tests call it from one thread. Returns how many allocations were made since
 * the last call, so a test can loop n = 1..count. */
long mi_alloc_fail_after(long n);

#endif
