/* registry.c - the set of live client state objects, by which handles are validated
 * (see client_int.h). Objects are on an intrusive list (which never needs memory) and
 * indexed by address in an open-addressing hash set, so that validating a handle -
 * done on every MI_Operation_Get* call and acknowledgement - costs O(1) whatever the
 * number of live operations. If the index cannot grow (out of memory) it is dropped
 * and lookups scan the list until the registry is empty again: slower, never wrong.
 * One mutex guards both. */
#include <pthread.h>
#include <stdint.h>

#include "base/alloc.h"
#include "client/client_int.h"

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static mi_client_obj *registry_head;
static size_t registry_count;

static mi_client_obj **index_slots; /* NULL = empty slot */
static size_t index_mask;           /* slot count - 1; 0 when there is no index */
static size_t index_count;
static int index_broken;            /* the index missed an object: scan the list */

static size_t slot_of(const void *p)
{
    uintptr_t x = (uintptr_t)p;
    x ^= x >> 17;
    x *= (uintptr_t)0x9E3779B97F4A7C15ull;
    return (size_t)(x >> 7);
}

static void index_put(mi_client_obj **slots, size_t mask, mi_client_obj *o)
{
    size_t i = slot_of(o) & mask;
    while (slots[i] != NULL)
        i = (i + 1) & mask;
    slots[i] = o;
}

/* Makes room for one more entry; -1 when out of memory (index unchanged). */
static int index_reserve(void)
{
    if (index_slots != NULL && (index_count + 1) * 4 <= (index_mask + 1) * 3)
        return 0;
    size_t n = index_slots != NULL ? (index_mask + 1) * 2 : 64;
    mi_client_obj **slots = mi_calloc(n, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; index_slots != NULL && i <= index_mask; i++) {
        if (index_slots[i] != NULL)
            index_put(slots, n - 1, index_slots[i]);
    }
    mi_free(index_slots);
    index_slots = slots;
    index_mask = n - 1;
    return 0;
}

static void index_drop(void)
{
    mi_free(index_slots);
    index_slots = NULL;
    index_mask = 0;
    index_count = 0;
}

/* Removes o with backward-shift deletion (no tombstones). */
static void index_remove(const mi_client_obj *o)
{
    if (index_slots == NULL)
        return;
    size_t i = slot_of(o) & index_mask;
    while (index_slots[i] != NULL && index_slots[i] != o)
        i = (i + 1) & index_mask;
    if (index_slots[i] == NULL)
        return;
    index_slots[i] = NULL;
    index_count--;
    for (size_t j = (i + 1) & index_mask; index_slots[j] != NULL; j = (j + 1) & index_mask) {
        size_t home = slot_of(index_slots[j]) & index_mask;
        /* Move slot j into the hole i unless its home lies cyclically in (i, j]. */
        int stays = (i <= j) ? (home > i && home <= j) : (home > i || home <= j);
        if (!stays) {
            index_slots[i] = index_slots[j];
            index_slots[j] = NULL;
            i = j;
        }
    }
}

void mi_client_register(mi_client_obj *obj)
{
    pthread_mutex_lock(&registry_lock);
    obj->prev = NULL;
    obj->next = registry_head;
    if (registry_head != NULL)
        registry_head->prev = obj;
    registry_head = obj;
    registry_count++;
    if (!index_broken && index_reserve() == 0) {
        index_put(index_slots, index_mask, obj);
        index_count++;
    } else {
        index_broken = 1;
        index_drop();
    }
    pthread_mutex_unlock(&registry_lock);
}

void mi_client_unregister(mi_client_obj *obj)
{
    pthread_mutex_lock(&registry_lock);
    if (obj->prev != NULL)
        obj->prev->next = obj->next;
    else
        registry_head = obj->next;
    if (obj->next != NULL)
        obj->next->prev = obj->prev;
    obj->prev = obj->next = NULL;
    obj->magic = 0;
    registry_count--;
    if (!index_broken)
        index_remove(obj);
    if (registry_count == 0) {
        index_drop(); /* also ends a scanning period */
        index_broken = 0;
    }
    pthread_mutex_unlock(&registry_lock);
}

mi_client_obj *mi_client_lookup(MI_Uint64 reserved1, ptrdiff_t reserved2, uint64_t magic)
{
    mi_client_obj *found = NULL;
    const mi_client_obj *want = (const mi_client_obj *)reserved2;

    if (reserved1 != magic || reserved2 == 0)
        return NULL;
    pthread_mutex_lock(&registry_lock);
    if (!index_broken) {
        if (index_slots != NULL) {
            size_t i = slot_of(want) & index_mask;
            while (index_slots[i] != NULL && index_slots[i] != want)
                i = (i + 1) & index_mask;
            if (index_slots[i] == want && index_slots[i]->magic == magic)
                found = index_slots[i];
        }
    } else {
        for (mi_client_obj *o = registry_head; o != NULL; o = o->next) {
            if (o == want) {
                if (o->magic == magic)
                    found = o;
                break;
            }
        }
    }
    pthread_mutex_unlock(&registry_lock);
    return found;
}
