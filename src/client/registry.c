/* registry.c - the list of live client state objects, by which handles are validated
 * (see client_int.h). A plain list under one mutex: there are few live handles today.
 * When sessions bring many operations this becomes a hash set keyed by address. */
#include <pthread.h>

#include "client/client_int.h"

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static mi_client_obj *registry_head;

void mi_client_register(mi_client_obj *obj)
{
    pthread_mutex_lock(&registry_lock);
    obj->prev = NULL;
    obj->next = registry_head;
    if (registry_head != NULL)
        registry_head->prev = obj;
    registry_head = obj;
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
    pthread_mutex_unlock(&registry_lock);
}

mi_client_obj *mi_client_lookup(MI_Uint64 reserved1, ptrdiff_t reserved2, uint64_t magic)
{
    mi_client_obj *found = NULL;
    mi_client_obj *o;

    if (reserved1 != magic || reserved2 == 0)
        return NULL;
    pthread_mutex_lock(&registry_lock);
    for (o = registry_head; o != NULL; o = o->next) {
        if ((ptrdiff_t)o == reserved2) {
            if (o->magic == magic)
                found = o;
            break;
        }
    }
    pthread_mutex_unlock(&registry_lock);
    return found;
}
