/* lexer.c - MOF source loading, tokens and diagnostics.
 *
 * A source file is read in one go, its encoding detected from the BOM (UTF-8 with or
 * without BOM, UTF-16 LE/BE with BOM) and converted to UTF-8 once. Tokens point into
 * that text; nothing is copied while lexing. Line numbers are counted as the lexer
 * moves; columns (in characters) are computed only when a diagnostic needs one.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/str.h"
#include "mof/mof_int.h"

/* ------------------------------------------------------------------ diagnostics */

static void emit(mof_comp *c, mi_mof_severity sev, const char *file, uint32_t line,
                 uint32_t column, MI_Result code, const char *fmt, va_list ap)
{
    char inner[MOF_MAX_MESSAGE];
    char msg[2 * MOF_MAX_MESSAGE];
    vsnprintf(inner, sizeof inner, fmt, ap);
    snprintf(msg, sizeof msg, "%s", inner);
    if (c->rebuilding) {
        /* the text is generated: name the class and point at the replacing declaration */
        const repl_rec *rb = c->rebuilding;
        snprintf(msg, sizeof msg, "class %.256s of the repository (derived from %.256s) %s "
                 "on the new definition of %.256s: %s (line %u:%u of its regenerated MOF)",
                 rb->old->name, rb->ancestor, sev == MI_MOF_ERROR ? "cannot be rebuilt"
                                                                  : "rebuilt",
                 rb->ancestor, inner, line, column);
        file = rb->pos.file;
        line = rb->pos.line;
        column = rb->pos.column;
    }
    if (sev == MI_MOF_ERROR) {
        if (c->stop)
            return;
        c->stats.errors++;
        if (c->first_error == MI_RESULT_OK)
            c->first_error = code;
    } else {
        c->stats.warnings++;
    }
    mi_mof_diag d = {sev, file ? file : "<input>", line, column, code, msg};
    if (c->opt.diag)
        c->opt.diag(c->opt.diag_ctx, &d);
    else
        fprintf(stderr, "%s:%u:%u: %s: %s\n", d.file, d.line, d.column,
                sev == MI_MOF_ERROR ? "error" : "warning", msg);
    if (sev == MI_MOF_ERROR && c->stats.errors >= c->opt.max_errors)
        c->stop = true;
}

void mof_error_at(mof_comp *c, const mof_pos *pos, MI_Result code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(c, MI_MOF_ERROR, pos->file, pos->line, pos->column, code, fmt, ap);
    va_end(ap);
}

void mof_error(mof_comp *c, const mof_tok *t, MI_Result code, const char *fmt, ...)
{
    mof_pos pos = mof_tok_pos(t);
    va_list ap;
    va_start(ap, fmt);
    emit(c, MI_MOF_ERROR, pos.file, pos.line, pos.column, code, fmt, ap);
    va_end(ap);
}

void mof_warning(mof_comp *c, const mof_tok *t, const char *fmt, ...)
{
    mof_pos pos = mof_tok_pos(t);
    va_list ap;
    va_start(ap, fmt);
    emit(c, MI_MOF_WARNING, pos.file, pos.line, pos.column, MI_RESULT_OK, fmt, ap);
    va_end(ap);
}

void mof_warning_at(mof_comp *c, const mof_pos *pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(c, MI_MOF_WARNING, pos->file, pos->line, pos->column, MI_RESULT_OK, fmt, ap);
    va_end(ap);
}

static uint32_t count_chars(const char *b, const char *e)
{
    uint32_t n = 0;
    for (; b < e; b++) {
        if (((unsigned char)*b & 0xC0) != 0x80)
            n++;
    }
    return n;
}

uint32_t mof_tok_column(const mof_tok *t)
{
    return t->line_start && t->p ? count_chars(t->line_start, t->p) + 1 : 1;
}

mof_pos mof_tok_pos(const mof_tok *t)
{
    mof_pos pos = {t->src ? t->src->name : NULL, t->line, mof_tok_column(t)};
    return pos;
}

bool mof_tok_is(const mof_tok *t, const char *keyword)
{
    return t->kind == T_IDENT && mi_name_eqn(t->p, t->len, keyword);
}

const char *mof_tok_describe(const mof_tok *t, char *buf, size_t n)
{
    int w = t->len > 40 ? 40 : (int)t->len;
    switch (t->kind) {
    case T_EOF: snprintf(buf, n, "end of file"); break;
    case T_ERROR: snprintf(buf, n, "an invalid token"); break;
    case T_IDENT: snprintf(buf, n, "'%.*s'", w, t->p); break;
    case T_INT:
    case T_REAL: snprintf(buf, n, "number %.*s", w, t->p); break;
    case T_STRING: snprintf(buf, n, "a string literal"); break;
    case T_CHAR: snprintf(buf, n, "a char16 literal"); break;
    case T_ALIAS: snprintf(buf, n, "alias '%.*s'", w, t->p); break;
    default: snprintf(buf, n, "'%.*s'", w, t->p); break;
    }
    return buf;
}

/* ------------------------------------------------------------------ source loading */

/* Position of byte `off` of UTF-8 text (for decoding errors). */
static mof_pos pos_of_offset(const char *file, const char *text, size_t off)
{
    mof_pos pos = {file, 1, 1};
    const char *ls = text;
    for (size_t i = 0; i < off; i++) {
        if (text[i] == '\n') {
            pos.line++;
            ls = text + i + 1;
        }
    }
    pos.column = count_chars(ls, text + off) + 1;
    return pos;
}

/* Position of byte `off` of UTF-16 text (after the BOM). */
static mof_pos pos_of_utf16_offset(const char *file, const unsigned char *in, size_t n,
                                   size_t off, bool be)
{
    mof_pos pos = {file, 1, 1};
    for (size_t i = 0; i < off && i + 1 < n; i += 2) {
        unsigned u = be ? (unsigned)(in[i] << 8 | in[i + 1]) : (unsigned)(in[i + 1] << 8 | in[i]);
        if (u == '\n') {
            pos.line++;
            pos.column = 1;
        } else if (u < 0xDC00 || u > 0xDFFF) {
            pos.column++; /* a low surrogate completes a character already counted */
        }
    }
    return pos;
}

static char *dir_of(mof_comp *c, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return mi_arena_strdup(&c->tmp, ".");
    if (slash == path)
        return mi_arena_strdup(&c->tmp, "/");
    return mi_arena_strndup(&c->tmp, path, (size_t)(slash - path));
}

/* Decodes raw bytes (taken: freed or kept in src->text) into src. */
static MI_Result decode(mof_comp *c, mof_src *src, char *raw, size_t n, const mof_pos *at)
{
    MI_Result rc = MI_RESULT_OK;
    const unsigned char *u = (const unsigned char *)raw;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        bool be = u[0] == 0xFE;
        size_t bad = 0;
        mi_buf b;
        mi_buf_init(&b, n * 2 + 16);
        if (mi_utf16_to_utf8(u + 2, n - 2, be, &b, &bad)) {
            if (mi_buf_failed(&b)) {
                mof_error_at(c, at, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                             "out of memory decoding %s", src->name);
                rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
            } else {
                mof_pos pos = pos_of_utf16_offset(src->name, u + 2, n - 2, bad, be);
                mof_error_at(c, &pos, MI_RESULT_INVALID_PARAMETER,
                             "invalid UTF-16 (unpaired surrogate or odd length)");
                rc = MI_RESULT_INVALID_PARAMETER;
            }
            mi_buf_free(&b);
            goto out_free_raw;
        }
        src->len = b.len;
        src->text = mi_buf_take(&b);
        mi_buf_free(&b);
        if (!src->text) {
            /* empty file: an empty text */
            src->text = mi_malloc(1);
            if (!src->text) {
                rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
                mof_error_at(c, at, rc, "out of memory reading %s", src->name);
                goto out_free_raw;
            }
            src->text[0] = '\0';
        }
        mi_free(raw);
        raw = NULL;
    } else {
        size_t skip = (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) ? 3 : 0;
        if (skip)
            memmove(raw, raw + 3, n - 3);
        n -= skip;
        raw[n] = '\0';
        src->text = raw;
        src->len = n;
        raw = NULL;
        size_t bad = 0;
        if (!mi_utf8_valid(src->text, src->len, &bad)) {
            mof_pos pos = pos_of_offset(src->name, src->text, bad);
            mof_error_at(c, &pos, MI_RESULT_INVALID_PARAMETER,
                         "invalid UTF-8 byte 0x%02X", (unsigned char)src->text[bad]);
            rc = MI_RESULT_INVALID_PARAMETER;
            goto out;
        }
    }
    const char *nul = memchr(src->text, '\0', src->len);
    if (nul) {
        mof_pos pos = pos_of_offset(src->name, src->text, (size_t)(nul - src->text));
        mof_error_at(c, &pos, MI_RESULT_INVALID_PARAMETER,
                     "NUL character in MOF text (UTF-16 without a BOM is not supported)");
        rc = MI_RESULT_INVALID_PARAMETER;
    }
    goto out;

out_free_raw:
    mi_free(raw);
out:
    return rc;
}

MI_Result mof_src_load_file(mof_comp *c, mof_src *src, const char *path, const mof_tok *at)
{
    MI_Result rc = MI_RESULT_OK;
    char *raw = NULL;
    memset(src, 0, sizeof *src);
    mof_pos where = {path, 0, 0};
    if (at)
        where = mof_tok_pos(at);
    src->name = mi_arena_strdup(&c->tmp, path);
    src->dir = dir_of(c, path);
    if (!src->name || !src->dir) {
        rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        mof_error_at(c, &where, rc, "out of memory");
        goto out;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        rc = errno == ENOENT ? MI_RESULT_NOT_FOUND : MI_RESULT_ACCESS_DENIED;
        mof_error_at(c, &where, rc, "cannot open %s: %s", path, strerror(errno));
        goto out;
    }
    struct stat st;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        rc = MI_RESULT_INVALID_PARAMETER;
        mof_error_at(c, &where, rc, "%s is not a regular file", path);
        goto out_close;
    }
    if ((unsigned long long)st.st_size > c->opt.max_file_size) {
        rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        mof_error_at(c, &where, rc, "%s is larger than the limit of %zu bytes", path,
                     c->opt.max_file_size);
        goto out_close;
    }
    size_t size = (size_t)st.st_size;
    raw = mi_malloc(size + 1);
    if (!raw) {
        rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        mof_error_at(c, &where, rc, "out of memory reading %s", path);
        goto out_close;
    }
    size_t got = 0;
    while (got < size) {
        ssize_t r = read(fd, raw + got, size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    if (got != size) {
        rc = MI_RESULT_FAILED;
        mof_error_at(c, &where, rc, "cannot read %s", path);
        goto out_free_raw;
    }
    rc = decode(c, src, raw, size, &where);
    raw = NULL;
    goto out_close;

out_free_raw:
    mi_free(raw);
out_close:
    close(fd);
out:
    return rc;
}

MI_Result mof_src_load_buffer(mof_comp *c, mof_src *src, const char *name, const char *data,
                              size_t n)
{
    MI_Result rc = MI_RESULT_OK;
    memset(src, 0, sizeof *src);
    mof_pos where = {name, 0, 0};
    src->name = mi_arena_strdup(&c->tmp, name);
    src->dir = mi_arena_strdup(&c->tmp, ".");
    if (!src->name || !src->dir) {
        rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        mof_error_at(c, &where, rc, "out of memory");
        goto out;
    }
    if (n > c->opt.max_file_size) {
        rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        mof_error_at(c, &where, rc, "input is larger than the limit of %zu bytes",
                     c->opt.max_file_size);
        goto out;
    }
    char *raw = mi_malloc(n + 1);
    if (!raw) {
        rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        mof_error_at(c, &where, rc, "out of memory");
        goto out;
    }
    if (n)
        memcpy(raw, data, n);
    rc = decode(c, src, raw, n, &where);
out:
    return rc;
}

void mof_src_free(mof_src *src)
{
    mi_free(src->text);
    src->text = NULL;
}

/* ------------------------------------------------------------------ lexer */

void mof_lex_init(mof_lexer *lx, mof_comp *c, const mof_src *src)
{
    lx->c = c;
    lx->src = src;
    lx->p = src->text;
    lx->end = src->text + src->len;
    lx->line_start = src->text;
    lx->line = 1;
}

static bool is_ident_start(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' || ch >= 0x80;
}

static bool is_ident_char(unsigned char ch)
{
    return is_ident_start(ch) || (ch >= '0' && ch <= '9');
}

static int hexval(unsigned char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

static void lex_fail_code(mof_lexer *lx, mof_tok *t, MI_Result code, const char *at,
                          const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Reports a lexical error at `at` (on the token's line) and makes t a T_ERROR token. */
static void lex_fail_code(mof_lexer *lx, mof_tok *t, MI_Result code, const char *at,
                          const char *fmt, ...)
{
    mof_tok where = *t;
    where.p = at;
    mof_pos pos = mof_tok_pos(&where);
    char msg[MOF_MAX_MESSAGE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    mof_error_at(lx->c, &pos, code, "%s", msg);
    t->kind = T_ERROR;
}

#define lex_fail(lx, t, at, ...) lex_fail_code(lx, t, MI_RESULT_INVALID_PARAMETER, at, __VA_ARGS__)

/* Skips blanks and comments. Returns false after an unterminated comment. */
static bool skip_space(mof_lexer *lx)
{
    const char *p = lx->p;
    for (;;) {
        char ch = *p;
        if (ch == ' ' || ch == '\t' || ch == '\f' || ch == '\v') {
            p++;
        } else if (ch == '\n') {
            p++;
            lx->line++;
            lx->line_start = p;
        } else if (ch == '\r') {
            p++;
            if (*p == '\n')
                p++;
            lx->line++;
            lx->line_start = p;
        } else if (ch == '/' && p[1] == '/') {
            p += 2;
            while (p < lx->end && *p != '\n' && *p != '\r')
                p++;
        } else if (ch == '/' && p[1] == '*') {
            mof_tok at = {.kind = T_ERROR, .p = p, .line = lx->line,
                          .line_start = lx->line_start, .src = lx->src};
            p += 2;
            for (;;) {
                if (p >= lx->end) {
                    lx->p = p;
                    mof_error(lx->c, &at, MI_RESULT_INVALID_PARAMETER,
                              "unterminated comment (missing '*/')");
                    return false;
                }
                if (*p == '*' && p[1] == '/') {
                    p += 2;
                    break;
                }
                if (*p == '\n' || (*p == '\r' && p[1] != '\n')) {
                    lx->line++;
                    lx->line_start = p + 1;
                }
                p++;
            }
        } else {
            break;
        }
    }
    lx->p = p;
    return true;
}

/* Scans one character or escape of a string or char literal at *pp.
 * Returns the code point, or -1 after reporting an error. */
static long scan_char(mof_lexer *lx, mof_tok *t, const char **pp)
{
    const char *p = *pp;
    if (*p != '\\') {
        uint32_t cp;
        int n = mi_utf8_decode(p, (size_t)(lx->end - p), &cp);
        *pp = p + (n > 0 ? n : 1);
        return n > 0 ? (long)cp : -1;
    }
    p++;
    long v;
    switch (*p) {
    case 'b': v = '\b'; p++; break;
    case 't': v = '\t'; p++; break;
    case 'n': v = '\n'; p++; break;
    case 'f': v = '\f'; p++; break;
    case 'r': v = '\r'; p++; break;
    case '"': v = '"'; p++; break;
    case '\'': v = '\''; p++; break;
    case '\\': v = '\\'; p++; break;
    case 'x':
    case 'X': {
        p++;
        int digits = 0;
        v = 0;
        while (digits < 4 && hexval((unsigned char)*p) >= 0) {
            v = v * 16 + hexval((unsigned char)*p);
            p++;
            digits++;
        }
        if (!digits) {
            lex_fail(lx, t, p - 2, "'\\x' must be followed by 1 to 4 hexadecimal digits");
            *pp = p;
            return -1;
        }
        if (v >= 0xD800 && v <= 0xDFFF) {
            lex_fail(lx, t, *pp, "escape \\x%lX is a UTF-16 surrogate, not a character", v);
            *pp = p;
            return -1;
        }
        break;
    }
    default:
        lex_fail(lx, t, p - 1, "invalid escape sequence '\\%c' (expected one of "
                 "\\b \\t \\n \\f \\r \\\" \\' \\\\ \\x)", *p >= ' ' && *p < 127 ? *p : '?');
        *pp = p + (*p ? 1 : 0);
        return -1;
    }
    *pp = p;
    return v;
}

static void lex_string(mof_lexer *lx, mof_tok *t)
{
    const char *p = lx->p + 1;
    bool bad = false;
    for (;;) {
        if (p >= lx->end || *p == '\n' || *p == '\r') {
            lex_fail(lx, t, lx->p, "unterminated string literal (missing '\"' before "
                     "the end of the line)");
            lx->p = p;
            return;
        }
        if (*p == '"')
            break;
        if (*p == '\\') {
            if (p[1] == '\0' || p[1] == '\n' || p[1] == '\r') {
                p++;
                continue;
            }
            long v = scan_char(lx, t, &p);
            if (v < 0)
                bad = true;
            else if (v == 0) {
                lex_fail(lx, t, p - 3, "a string cannot contain the NUL character");
                bad = true;
            }
        } else {
            p++;
        }
    }
    p++;
    if ((size_t)(p - lx->p) > MOF_MAX_STRING + 2) {
        lex_fail_code(lx, t, MI_RESULT_SERVER_LIMITS_EXCEEDED, lx->p,
                      "string literal longer than %zu bytes", MOF_MAX_STRING);
        bad = true;
    }
    t->len = (uint32_t)(p - lx->p);
    lx->p = p;
    if (bad)
        t->kind = T_ERROR;
}

static void lex_char(mof_lexer *lx, mof_tok *t)
{
    const char *p = lx->p + 1;
    if (*p == '\'' || *p == '\n' || *p == '\r' || p >= lx->end) {
        lex_fail(lx, t, lx->p, "empty or unterminated char16 literal");
        lx->p = p;
        return;
    }
    long v = scan_char(lx, t, &p);
    if (v >= 0 && *p != '\'') {
        lex_fail(lx, t, lx->p, "char16 literal must hold exactly one character and end "
                 "with '''");
        while (p < lx->end && *p != '\'' && *p != '\n' && *p != '\r')
            p++;
        if (*p == '\'')
            p++;
        lx->p = p;
        return;
    }
    if (v < 0) {
        while (p < lx->end && *p != '\'' && *p != '\n' && *p != '\r')
            p++;
        if (*p == '\'')
            p++;
        t->len = (uint32_t)(p - lx->p);
        lx->p = p;
        t->kind = T_ERROR;
        return;
    }
    p++;
    t->len = (uint32_t)(p - lx->p);
    lx->p = p;
    if (v > 0xFFFF) {
        lex_fail(lx, t, t->p, "character U+%lX does not fit in a char16", v);
        return;
    }
    t->kind = T_CHAR;
    t->u = (uint64_t)v;
}

static void lex_number(mof_lexer *lx, mof_tok *t)
{
    const char *s = lx->p, *p = s;
    bool neg = false;
    if (*p == '-' || *p == '+') {
        neg = *p == '-';
        p++;
    }
    const char *digits = p;
    uint64_t v = 0;
    bool overflow = false;
    t->kind = T_INT;
    t->neg = neg;
    t->radix = false;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        p += 2;
        const char *h = p;
        while (hexval((unsigned char)*p) >= 0) {
            if (v >> 60)
                overflow = true;
            v = v * 16 + (uint64_t)hexval((unsigned char)*p);
            p++;
        }
        if (p == h) {
            lx->p = p;
            t->len = (uint32_t)(p - s);
            lex_fail(lx, t, s, "'0x' must be followed by hexadecimal digits");
            return;
        }
        t->radix = true;
    } else {
        while (*p >= '0' && *p <= '9')
            p++;
        const char *dend = p;
        bool real = false;
        if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
            real = true;
            p++;
            while (*p >= '0' && *p <= '9')
                p++;
        }
        if ((*p == 'e' || *p == 'E') &&
            ((p[1] >= '0' && p[1] <= '9') ||
             ((p[1] == '+' || p[1] == '-') && p[2] >= '0' && p[2] <= '9'))) {
            real = true;
            p += 2;
            while (*p >= '0' && *p <= '9')
                p++;
        }
        if (real) {
            char *endp = NULL;
            errno = 0;
            double d = strtod_l(s, &endp, lx->c->c_locale);
            if (endp != p) {
                lx->p = p;
                t->len = (uint32_t)(p - s);
                lex_fail(lx, t, s, "malformed real number");
                return;
            }
            if (errno == ERANGE && isinf(d)) {
                lx->p = p;
                t->len = (uint32_t)(p - s);
                lex_fail(lx, t, s, "real number %.*s is out of the range of real64",
                         (int)(p - s > 40 ? 40 : p - s), s);
                return;
            }
            t->kind = T_REAL;
            t->d = d;
        } else if ((*p == 'b' || *p == 'B') && !is_ident_char((unsigned char)p[1]) &&
                   strspn(digits, "01") >= (size_t)(dend - digits)) {
            for (const char *q = digits; q < dend; q++) {
                if (v >> 63)
                    overflow = true;
                v = v * 2 + (uint64_t)(*q - '0');
            }
            p++;
            t->radix = true;
        } else if (dend - digits > 1 && digits[0] == '0') {
            for (const char *q = digits; q < dend; q++) {
                if (*q > '7') {
                    lx->p = p;
                    t->len = (uint32_t)(p - s);
                    lex_fail(lx, t, q, "digit '%c' in an octal number (a number with a "
                             "leading 0 is octal)", *q);
                    return;
                }
                if (v >> 61)
                    overflow = true;
                v = v * 8 + (uint64_t)(*q - '0');
            }
            t->radix = true;
        } else {
            for (const char *q = digits; q < dend; q++) {
                uint64_t d = (uint64_t)(*q - '0');
                if (v > (UINT64_MAX - d) / 10)
                    overflow = true;
                v = v * 10 + d;
            }
        }
    }
    t->len = (uint32_t)(p - s);
    lx->p = p;
    if (is_ident_char((unsigned char)*p)) {
        const char *q = p;
        while (is_ident_char((unsigned char)*q))
            q++;
        t->len = (uint32_t)(q - s);
        lx->p = q;
        lex_fail(lx, t, s, "malformed number '%.*s'", (int)(q - s > 40 ? 40 : q - s), s);
        return;
    }
    if (overflow) {
        lex_fail(lx, t, s, "integer %.*s does not fit in 64 bits",
                 (int)(t->len > 40 ? 40 : t->len), s);
        return;
    }
    t->u = v;
}

void mof_lex(mof_lexer *lx, mof_tok *t)
{
    memset(t, 0, sizeof *t);
    t->src = lx->src;
    if (!skip_space(lx)) {
        lx->p = lx->end;
        t->kind = T_EOF;
        t->p = lx->p;
        t->line = lx->line;
        t->line_start = lx->line_start;
        return;
    }
    const char *p = lx->p;
    t->p = p;
    t->line = lx->line;
    t->line_start = lx->line_start;
    t->len = 1;
    if (p >= lx->end) {
        t->kind = T_EOF;
        t->len = 0;
        return;
    }
    unsigned char ch = (unsigned char)*p;
    if (is_ident_start(ch)) {
        const char *q = p + 1;
        while (is_ident_char((unsigned char)*q))
            q++;
        t->kind = T_IDENT;
        t->len = (uint32_t)(q - p);
        lx->p = q;
        return;
    }
    bool d1 = p[1] >= '0' && p[1] <= '9';
    if ((ch >= '0' && ch <= '9') || (ch == '.' && d1) ||
        ((ch == '-' || ch == '+') && (d1 || (p[1] == '.' && p[2] >= '0' && p[2] <= '9')))) {
        lex_number(lx, t);
        return;
    }
    switch (ch) {
    case '"': t->kind = T_STRING; lex_string(lx, t); return;
    case '\'': lex_char(lx, t); return;
    case '{': t->kind = T_LBRACE; break;
    case '}': t->kind = T_RBRACE; break;
    case '[': t->kind = T_LBRACK; break;
    case ']': t->kind = T_RBRACK; break;
    case '(': t->kind = T_LPAREN; break;
    case ')': t->kind = T_RPAREN; break;
    case ';': t->kind = T_SEMI; break;
    case ',': t->kind = T_COMMA; break;
    case ':': t->kind = T_COLON; break;
    case '=': t->kind = T_EQ; break;
    case '#': t->kind = T_HASH; break;
    case '$': {
        const char *q = p + 1;
        while (is_ident_char((unsigned char)*q))
            q++;
        t->len = (uint32_t)(q - p);
        lx->p = q;
        if (!is_ident_start((unsigned char)p[1])) {
            lex_fail(lx, t, p, "'$' must be followed by an alias name");
            return;
        }
        t->kind = T_ALIAS;
        return;
    }
    default:
        lx->p = p + 1;
        if (ch >= 0x20 && ch < 0x7F)
            lex_fail(lx, t, p, "unexpected character '%c'", ch);
        else
            lex_fail(lx, t, p, "unexpected character 0x%02X", ch);
        return;
    }
    lx->p = p + 1;
}

size_t mof_unescape(const mof_tok *t, char *dst)
{
    const char *p = t->p + 1, *e = t->p + t->len - 1;
    char *d = dst;
    while (p < e) {
        if (*p != '\\') {
            *d++ = *p++;
            continue;
        }
        p++;
        uint32_t v;
        switch (*p) {
        case 'b': v = '\b'; p++; break;
        case 't': v = '\t'; p++; break;
        case 'n': v = '\n'; p++; break;
        case 'f': v = '\f'; p++; break;
        case 'r': v = '\r'; p++; break;
        case 'x':
        case 'X': {
            p++;
            v = 0;
            for (int k = 0; k < 4 && hexval((unsigned char)*p) >= 0; k++, p++)
                v = v * 16 + (uint32_t)hexval((unsigned char)*p);
            break;
        }
        default: v = (unsigned char)*p++; break; /* " ' \ */
        }
        d += mi_utf8_encode(v, d);
    }
    *d = '\0';
    return (size_t)(d - dst);
}
