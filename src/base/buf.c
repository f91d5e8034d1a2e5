/* buf.c - capped growable buffer. */
#include "base/buf.h"

#include <stdio.h>
#include <string.h>

#include "base/alloc.h"

void mi_buf_init(mi_buf *b, size_t cap)
{
    memset(b, 0, sizeof *b);
    b->cap = cap ? cap : MI_BUF_DEFAULT_CAP;
}

static int fail(mi_buf *b, bool over_cap)
{
    mi_free(b->data);
    b->data = NULL;
    b->len = b->alloc = 0;
    b->failed = true;
    b->over_cap = over_cap;
    return -1;
}

/* Makes room for n more bytes plus the terminator. */
static int reserve(mi_buf *b, size_t n)
{
    if (b->failed)
        return -1;
    if (n > b->cap || b->len > b->cap - n)
        return fail(b, true);
    size_t need = b->len + n + 1;
    if (need <= b->alloc)
        return 0;
    size_t want = b->alloc ? b->alloc : 64;
    while (want < need)
        want *= 2;
    char *p = mi_realloc(b->data, want);
    if (!p)
        return fail(b, false);
    b->data = p;
    b->alloc = want;
    return 0;
}

int mi_buf_append(mi_buf *b, const void *p, size_t n)
{
    if (reserve(b, n))
        return -1;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int mi_buf_puts(mi_buf *b, const char *s)
{
    return mi_buf_append(b, s, strlen(s));
}

int mi_buf_putc(mi_buf *b, char c)
{
    return mi_buf_append(b, &c, 1);
}

int mi_buf_vprintf(mi_buf *b, const char *fmt, va_list ap)
{
    char small[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return fail(b, false);
    if ((size_t)n < sizeof small)
        return mi_buf_append(b, small, (size_t)n);
    if (reserve(b, (size_t)n))
        return -1;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int mi_buf_printf(mi_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = mi_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

char *mi_buf_take(mi_buf *b)
{
    if (b->failed)
        return NULL;
    char *s = b->data ? b->data : mi_strdup("");
    b->data = NULL;
    b->len = b->alloc = 0;
    return s;
}

void mi_buf_reset(mi_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    b->failed = b->over_cap = false;
}

void mi_buf_free(mi_buf *b)
{
    mi_free(b->data);
    b->data = NULL;
    b->len = b->alloc = 0;
}
