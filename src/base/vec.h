/* vec.h - growable array of pointers with a cap on its length.
 * The array's memory comes from mi_malloc; the pointed-to items are the caller's. */
#ifndef MI_BASE_VEC_H
#define MI_BASE_VEC_H

#include <stddef.h>

typedef struct mi_vec {
    void **items;
    size_t len;
    size_t alloc;
} mi_vec;

#define MI_VEC_INIT {NULL, 0, 0}
#define MI_VEC_MAX_LEN ((size_t)1 << 28)

/* Appends p; 0, or -1 when out of memory or past MI_VEC_MAX_LEN (vec unchanged). */
int mi_vec_push(mi_vec *v, void *p);
void mi_vec_free(mi_vec *v);

#endif
