/* map.c - case-insensitive string-keyed open-addressing hash map. */
#include "base/map.h"

#include <string.h>

#include "base/alloc.h"
#include "base/str.h"

void mi_map_init(mi_map *m)
{
    m->slots = NULL;
    m->mask = 0;
    m->count = 0;
}

void mi_map_free(mi_map *m)
{
    mi_free(m->slots);
    mi_map_init(m);
}

static mi_map_slot *find(const mi_map *m, const char *key, size_t len, uint32_t h)
{
    if (!m->slots)
        return NULL;
    for (size_t i = h & m->mask;; i = (i + 1) & m->mask) {
        mi_map_slot *s = &m->slots[i];
        if (!s->key)
            return s;
        if (s->hash == h && mi_name_eqn(key, len, s->key))
            return s;
    }
}

void *mi_map_getn(const mi_map *m, const char *key, size_t len)
{
    mi_map_slot *s = find(m, key, len, mi_name_hash(key, len));
    return s && s->key ? s->value : NULL;
}

void *mi_map_get(const mi_map *m, const char *key)
{
    return mi_map_getn(m, key, strlen(key));
}

static int grow(mi_map *m)
{
    size_t n = m->slots ? (m->mask + 1) * 2 : 16;
    mi_map_slot *slots = mi_calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; m->slots && i <= m->mask; i++) {
        mi_map_slot *s = &m->slots[i];
        if (!s->key)
            continue;
        size_t j = s->hash & (n - 1);
        while (slots[j].key)
            j = (j + 1) & (n - 1);
        slots[j] = *s;
    }
    mi_free(m->slots);
    m->slots = slots;
    m->mask = n - 1;
    return 0;
}

int mi_map_put(mi_map *m, const char *key, void *value, void **existing)
{
    size_t len = strlen(key);
    uint32_t h = mi_name_hash(key, len);
    mi_map_slot *s = find(m, key, len, h);
    if (s && s->key) {
        if (existing)
            *existing = s->value;
        return 1;
    }
    if (!m->slots || (m->count + 1) * 4 > (m->mask + 1) * 3) {
        if (grow(m))
            return -1;
        s = find(m, key, len, h);
    }
    s->key = key;
    s->hash = h;
    s->value = value;
    m->count++;
    return 0;
}

int mi_map_set(mi_map *m, const char *key, void *value)
{
    void *old;
    int rc = mi_map_put(m, key, value, &old);
    if (rc == 1) {
        mi_map_slot *s = find(m, key, strlen(key), mi_name_hash(key, strlen(key)));
        s->key = key;
        s->value = value;
        rc = 0;
    }
    return rc;
}

int mi_map_next(const mi_map *m, size_t *it, const char **key, void **value)
{
    while (m->slots && *it <= m->mask) {
        mi_map_slot *s = &m->slots[(*it)++];
        if (s->key) {
            if (key)
                *key = s->key;
            if (value)
                *value = s->value;
            return 1;
        }
    }
    return 0;
}
