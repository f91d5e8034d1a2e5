/* str.h - CIM names and text: case-insensitive comparison and hashing of names,
 * identifier checks, the MI feature-decl name code, UTF-8 and UTF-16.
 *
 * CIM names (classes, properties, qualifiers, namespaces' path segments) compare
 * without regard to ASCII case (DSP0004); non-ASCII characters compare exactly.
 */
#ifndef MI_BASE_STR_H
#define MI_BASE_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

static inline char mi_ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c;
}

/* <0, 0, >0 like strcmp, ignoring ASCII case. */
int mi_name_cmp(const char *a, const char *b);
static inline bool mi_name_eq(const char *a, const char *b) { return mi_name_cmp(a, b) == 0; }
/* Same for the first n bytes of `a` against the whole of `b`. */
bool mi_name_eqn(const char *a, size_t n, const char *b);

/* Case-insensitive 32-bit hash (FNV-1a over lowered bytes) of s[0..n). */
uint32_t mi_name_hash(const char *s, size_t n);

/* The MI_FeatureDecl `code` of a name: (lower(first) << 16) | (lower(last) << 8) | len,
 * 0 for the empty name (mi-provider-api.md §2). */
uint32_t mi_name_code(const char *name);

/* True if s is a CIM identifier: a letter or '_' (or a non-ASCII UTF-8 character),
 * then letters, digits, '_' or non-ASCII characters. */
bool mi_is_identifier(const char *s);

/* Decodes one UTF-8 character at s (n bytes available). Returns its length (1..4) and
 * stores the code point, or returns 0 for an invalid, overlong or truncated sequence or
 * a surrogate code point. */
int mi_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encodes code point cp (<= 0x10FFFF, not a surrogate) into out; returns its length,
 * or 0 if cp cannot be encoded. */
int mi_utf8_encode(uint32_t cp, char out[4]);
/* True if s[0..n) is valid UTF-8. On false, *bad_offset (if given) is the first bad
 * byte. */
bool mi_utf8_valid(const char *s, size_t n, size_t *bad_offset);

/* Converts UTF-16 text (little- or big-endian, no BOM) to UTF-8 appended to out.
 * 0 on success; -1 on an unpaired surrogate, odd length (*bad_offset = byte offset)
 * or a failed append. */
int mi_utf16_to_utf8(const unsigned char *in, size_t n, bool big_endian, mi_buf *out,
                     size_t *bad_offset);

#endif
