/* str.c - CIM name comparison, hashing, identifiers, UTF-8/UTF-16. */
#include "base/str.h"

#include <string.h>

int mi_name_cmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char ca = (unsigned char)mi_ascii_lower(*a);
        unsigned char cb = (unsigned char)mi_ascii_lower(*b);
        if (ca != cb || !ca)
            return (int)ca - (int)cb;
    }
}

bool mi_name_eqn(const char *a, size_t n, const char *b)
{
    for (size_t i = 0; i < n; i++, b++) {
        if (!*b || mi_ascii_lower(a[i]) != mi_ascii_lower(*b))
            return false;
    }
    return *b == '\0';
}

uint32_t mi_name_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)mi_ascii_lower(s[i]);
        h *= 16777619u;
    }
    return h;
}

uint32_t mi_name_code(const char *name)
{
    size_t len = strlen(name);
    if (!len)
        return 0;
    uint32_t first = (unsigned char)mi_ascii_lower(name[0]);
    uint32_t last = (unsigned char)mi_ascii_lower(name[len - 1]);
    return (first << 16) | (last << 8) | (uint32_t)len;
}

static bool ident_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

bool mi_is_identifier(const char *s)
{
    if (!s || !ident_start((unsigned char)*s))
        return false;
    size_t n = strlen(s);
    if (!mi_utf8_valid(s, n, NULL))
        return false;
    for (s++; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (!ident_start(c) && !(c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

int mi_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (!n)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    int len;
    uint32_t c, min;
    if ((s[0] & 0xE0) == 0xC0) {
        len = 2, c = s[0] & 0x1F, min = 0x80;
    } else if ((s[0] & 0xF0) == 0xE0) {
        len = 3, c = s[0] & 0x0F, min = 0x800;
    } else if ((s[0] & 0xF8) == 0xF0) {
        len = 4, c = s[0] & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if ((size_t)len > n)
        return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

int mi_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp > 0x10FFFF)
        return 0;
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

bool mi_utf8_valid(const char *s, size_t n, size_t *bad_offset)
{
    size_t i = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        int len = mi_utf8_decode(s + i, n - i, &cp);
        if (!len) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += (size_t)len;
    }
    return true;
}

int mi_utf16_to_utf8(const unsigned char *in, size_t n, bool big_endian, mi_buf *out,
                     size_t *bad_offset)
{
    if (n % 2) {
        if (bad_offset)
            *bad_offset = n - 1;
        return -1;
    }
    for (size_t i = 0; i < n; i += 2) {
        uint32_t u = big_endian ? (uint32_t)(in[i] << 8 | in[i + 1])
                                : (uint32_t)(in[i] | in[i + 1] << 8);
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 3 >= n)
                goto bad;
            uint32_t lo = big_endian ? (uint32_t)(in[i + 2] << 8 | in[i + 3])
                                     : (uint32_t)(in[i + 2] | in[i + 3] << 8);
            if (lo < 0xDC00 || lo > 0xDFFF)
                goto bad;
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            i += 2;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            goto bad;
        }
        char enc[4];
        int len = mi_utf8_encode(u, enc);
        if (mi_buf_append(out, enc, (size_t)len))
            return -1;
        continue;
    bad:
        if (bad_offset)
            *bad_offset = i;
        return -1;
    }
    return 0;
}
