/* vec.c - growable pointer array. */
#include "base/vec.h"

#include "base/alloc.h"

int mi_vec_push(mi_vec *v, void *p)
{
    if (v->len == v->alloc) {
        size_t n = v->alloc ? v->alloc * 2 : 8;
        if (n > MI_VEC_MAX_LEN)
            return -1;
        void **items = mi_realloc(v->items, n * sizeof *items);
        if (!items)
            return -1;
        v->items = items;
        v->alloc = n;
    }
    v->items[v->len++] = p;
    return 0;
}

void mi_vec_free(mi_vec *v)
{
    mi_free(v->items);
    v->items = NULL;
    v->len = v->alloc = 0;
}
