/* arena.h - region allocator: many small allocations, one free.
 *
 * An arena hands out memory from large chunks and frees all of it at once in
 * mi_arena_destroy (or mi_arena_reset). Instances, parse trees and compiled classes
 * live in arenas; nothing allocated from an arena is freed on its own.
 *
 * Cleanup hooks (mi_arena_on_destroy) run in reverse order of registration when the
 * arena is destroyed or reset; they release what is not arena memory (a value adopted
 * with MI_FLAG_ADOPT, a file descriptor, a provider handle).
 *
 * Every arena has a cap on its total size: an allocation that would pass it fails
 * (returns NULL) like an out-of-memory, so a hostile input cannot grow one without
 * bound. Not thread-safe: one arena belongs to one thread at a time.
 */
#ifndef MI_BASE_ARENA_H
#define MI_BASE_ARENA_H

#include <stddef.h>

#define MI_ARENA_DEFAULT_CHUNK 4096u
#define MI_ARENA_DEFAULT_CAP   ((size_t)1 << 32) /* 4 GiB */

struct mi_arena_chunk;
struct mi_arena_cleanup;

typedef struct mi_arena {
    struct mi_arena_chunk *head;      /* current chunk, newest first */
    struct mi_arena_chunk *first;     /* the oldest chunk (kept by mi_arena_rewind) */
    char *next;                       /* free space in head */
    char *end;
    size_t chunk_size;                /* size of a normal chunk */
    size_t total;                     /* bytes taken from the heap */
    size_t cap;                       /* limit of `total` */
    struct mi_arena_cleanup *cleanups;
} mi_arena;

/* Prepares an empty arena; allocates nothing. chunk_size 0 / cap 0 pick defaults. */
void mi_arena_init(mi_arena *a, size_t chunk_size, size_t cap);

/* Creates an arena whose own struct lives in its first chunk; free it with
 * mi_arena_free. NULL when out of memory. */
mi_arena *mi_arena_new(size_t chunk_size, size_t cap);
void mi_arena_free(mi_arena *a);

/* n bytes aligned to 16 (8 for mi_arena_alloc_small), or NULL when out of memory
 * or past the cap. n == 0 returns a valid unique pointer. */
void *mi_arena_alloc(mi_arena *a, size_t n);
void *mi_arena_calloc(mi_arena *a, size_t n);
void *mi_arena_memdup(mi_arena *a, const void *p, size_t n);
char *mi_arena_strdup(mi_arena *a, const char *s);
char *mi_arena_strndup(mi_arena *a, const char *s, size_t n);

/* Registers fn(arg) to run when the arena is destroyed or reset. 0 on success, -1 when
 * out of memory (fn has then NOT been registered; the caller still owns arg). */
int mi_arena_on_destroy(mi_arena *a, void (*fn)(void *arg), void *arg);

/* Runs the cleanups and frees every chunk; the arena is then empty and reusable. */
void mi_arena_destroy(mi_arena *a);

/* Empties the arena but keeps its first (oldest) chunk for reuse, whatever its size:
 * runs and clears the cleanups, frees every other chunk, and hands out the first
 * chunk's memory again (no heap call when the arena had one chunk). Everything allocated from
 * it is invalid afterwards. An arena made by mi_arena_new keeps its own struct, which
 * lives in that first chunk. An arena without chunks stays empty. */
void mi_arena_rewind(mi_arena *a);

/* Bytes taken from the heap by the arena so far. Inline: the engine reads it several
 * times per posted item. */
static inline size_t mi_arena_size(const mi_arena *a)
{
    return a->total;
}

#endif
