/* arena.c - chunked bump allocator with cleanup hooks and a size cap. */
#include "base/arena.h"

#include <stdint.h>
#include <string.h>

#include "base/alloc.h"

struct mi_arena_chunk {
    struct mi_arena_chunk *prev;
    size_t size; /* usable bytes after the header */
    max_align_t align[];
};

struct mi_arena_cleanup {
    struct mi_arena_cleanup *prev;
    void (*fn)(void *arg);
    void *arg;
};

#define ALIGN_UP(x, a) (((x) + ((a) - 1)) & ~((uintptr_t)(a) - 1))

void mi_arena_init(mi_arena *a, size_t chunk_size, size_t cap)
{
    memset(a, 0, sizeof *a);
    a->chunk_size = chunk_size ? chunk_size : MI_ARENA_DEFAULT_CHUNK;
    a->cap = cap ? cap : MI_ARENA_DEFAULT_CAP;
}

/* Adds a chunk with at least `need` usable bytes. Oversized requests get a chunk of
 * their own placed behind the head, so the head's free space is not wasted. */
static void *new_chunk(mi_arena *a, size_t need)
{
    size_t usable = need > a->chunk_size / 4 ? need : a->chunk_size;
    size_t bytes = sizeof(struct mi_arena_chunk) + usable;
    if (usable < need || a->total + bytes > a->cap || a->total + bytes < a->total)
        return NULL;
    struct mi_arena_chunk *c = mi_malloc(bytes);
    if (!c)
        return NULL;
    c->size = usable;
    a->total += bytes;
    if (a->first == NULL)
        a->first = c;
    char *mem = (char *)c->align;
    if (usable != a->chunk_size && a->head) {
        c->prev = a->head->prev;
        a->head->prev = c;
        return mem;
    }
    c->prev = a->head;
    a->head = c;
    a->next = mem + need;
    a->end = mem + usable;
    return mem;
}

static void *alloc_aligned(mi_arena *a, size_t n, size_t align)
{
    if (a->next) {
        char *p = (char *)ALIGN_UP((uintptr_t)a->next, align);
        if (p <= a->end && (size_t)(a->end - p) >= n) {
            a->next = p + n;
            return p;
        }
    }
    return new_chunk(a, ALIGN_UP(n ? n : 1, 16));
}

void *mi_arena_alloc(mi_arena *a, size_t n)
{
    return alloc_aligned(a, n, 16);
}

void *mi_arena_calloc(mi_arena *a, size_t n)
{
    void *p = alloc_aligned(a, n, 16);
    if (p)
        memset(p, 0, n);
    return p;
}

void *mi_arena_memdup(mi_arena *a, const void *src, size_t n)
{
    void *p = alloc_aligned(a, n, 8);
    if (p && n)
        memcpy(p, src, n);
    return p;
}

char *mi_arena_strndup(mi_arena *a, const char *s, size_t n)
{
    char *p = alloc_aligned(a, n + 1, 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *mi_arena_strdup(mi_arena *a, const char *s)
{
    return mi_arena_strndup(a, s, strlen(s));
}

int mi_arena_on_destroy(mi_arena *a, void (*fn)(void *arg), void *arg)
{
    struct mi_arena_cleanup *c = alloc_aligned(a, sizeof *c, 8);
    if (!c)
        return -1;
    c->fn = fn;
    c->arg = arg;
    c->prev = a->cleanups;
    a->cleanups = c;
    return 0;
}

void mi_arena_destroy(mi_arena *a)
{
    struct mi_arena_cleanup *c = a->cleanups;
    while (c) {
        c->fn(c->arg);
        c = c->prev;
    }
    struct mi_arena_chunk *k = a->head;
    while (k) {
        struct mi_arena_chunk *prev = k->prev;
        mi_free(k);
        k = prev;
    }
    a->head = NULL;
    a->first = NULL;
    a->cleanups = NULL;
    a->next = a->end = NULL;
    a->total = 0;
}

void mi_arena_rewind(mi_arena *a)
{
    struct mi_arena_cleanup *c = a->cleanups;
    struct mi_arena_chunk *k = a->head, *first = a->first;
    char *mem;

    a->cleanups = NULL;
    while (c) {
        c->fn(c->arg);
        c = c->prev;
    }
    if (first == NULL)
        goto out;
    while (k) {
        struct mi_arena_chunk *prev = k->prev;
        if (k != first) {
            a->total -= sizeof *k + k->size;
            mi_free(k);
        }
        k = prev;
    }
    first->prev = NULL;
    a->head = first;
    mem = (char *)first->align;
    a->end = mem + first->size;
    /* mi_arena_new: the arena's own struct is the first allocation of this chunk. */
    if ((char *)a >= mem && (char *)a < a->end)
        a->next = (char *)a + sizeof *a;
    else
        a->next = mem;
out:
    return;
}

mi_arena *mi_arena_new(size_t chunk_size, size_t cap)
{
    mi_arena tmp;
    mi_arena_init(&tmp, chunk_size, cap);
    mi_arena *a = mi_arena_alloc(&tmp, sizeof *a);
    if (!a) {
        mi_arena_destroy(&tmp);
        return NULL;
    }
    *a = tmp;
    return a;
}

void mi_arena_free(mi_arena *a)
{
    if (!a)
        return;
    mi_arena tmp = *a; /* `a` lives inside the chunks being freed */
    mi_arena_destroy(&tmp);
}
