/* map.h - hash map from CIM names (case-insensitive) to pointers.
 *
 * Open addressing with linear probing; grows at 3/4 load. Keys are borrowed: the
 * caller keeps each key string alive and unchanged while it is in the map (usually it
 * lives in the same arena as the value). Not thread-safe for writers; concurrent
 * readers of an unchanging map are fine.
 */
#ifndef MI_BASE_MAP_H
#define MI_BASE_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct mi_map_slot {
    const char *key; /* NULL = empty */
    uint32_t hash;
    void *value;
} mi_map_slot;

typedef struct mi_map {
    mi_map_slot *slots;
    size_t mask;  /* slot count - 1 (a power of two), 0 when empty */
    size_t count;
} mi_map;

#define MI_MAP_INIT {NULL, 0, 0}

void mi_map_init(mi_map *m);
void mi_map_free(mi_map *m);
/* The value stored under key (any case), or NULL. */
void *mi_map_get(const mi_map *m, const char *key);
void *mi_map_getn(const mi_map *m, const char *key, size_t keylen);
/* Inserts key -> value. Returns 0 when inserted, 1 when the key was already present
 * (nothing changed; *existing, if given, receives the stored value), -1 when out of
 * memory. */
int mi_map_put(mi_map *m, const char *key, void *value, void **existing);
/* Replaces or inserts; 0 or -1. */
int mi_map_set(mi_map *m, const char *key, void *value);
/* Iteration: size_t it = 0; while (mi_map_next(m, &it, &k, &v)) ... (order undefined) */
int mi_map_next(const mi_map *m, size_t *it, const char **key, void **value);

#endif
