/* buf.h - growable byte buffer with a cap.
 *
 * A buffer grows on demand up to `cap` bytes of content. The first append that fails
 * (out of memory, or the cap would be passed) frees the contents and makes the buffer
 * "failed": later appends do nothing and return -1, so a caller may append many times
 * and check only the last result or mi_buf_failed(). The content is always
 * NUL-terminated when non-empty (the terminator is not counted in len).
 */
#ifndef MI_BASE_BUF_H
#define MI_BASE_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct mi_buf {
    char *data;     /* NULL until the first append */
    size_t len;     /* bytes of content */
    size_t alloc;   /* bytes allocated */
    size_t cap;     /* most content allowed */
    bool failed;    /* sticky failure */
    bool over_cap;  /* the failure was the cap, not memory */
} mi_buf;

#define MI_BUF_DEFAULT_CAP ((size_t)1 << 30)

void mi_buf_init(mi_buf *b, size_t cap); /* cap 0 = MI_BUF_DEFAULT_CAP */
int mi_buf_append(mi_buf *b, const void *p, size_t n);
int mi_buf_puts(mi_buf *b, const char *s);
int mi_buf_putc(mi_buf *b, char c);
int mi_buf_printf(mi_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int mi_buf_vprintf(mi_buf *b, const char *fmt, va_list ap);
/* Hands the contents (malloc'd with mi_malloc, NUL-terminated, never NULL unless
 * the buffer failed) to the caller and resets the buffer to empty. */
char *mi_buf_take(mi_buf *b);
/* Empties the buffer, keeping its memory and its cap; clears a failure. */
void mi_buf_reset(mi_buf *b);
void mi_buf_free(mi_buf *b);
static inline bool mi_buf_failed(const mi_buf *b) { return b->failed; }
/* The content as a C string ("" when empty). */
static inline const char *mi_buf_str(const mi_buf *b) { return b->data ? b->data : ""; }

#endif
