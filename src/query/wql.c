/* wql.c - WQL lexer, recursive-descent parser, semantic check and evaluator (the
 * contract and the language decisions are in wql.h).
 *
 * AND and OR are n-ary nodes, so the tree is only as deep as the nesting of
 * parentheses and NOTs (capped at WQL_MAX_DEPTH): parsing, binding and evaluation
 * recurse at most that deep whatever the query's length.
 */
#include "query/wql.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "cim/cim.h"

/* ---------------------------------------------------------------- types */

typedef enum tk_kind {
    TK_EOF,
    TK_IDENT,
    TK_INT,
    TK_REAL,
    TK_STRING,
    TK_STAR,
    TK_COMMA,
    TK_DOT,
    TK_LPAREN,
    TK_RPAREN,
    TK_EQ,
    TK_NE,
    TK_LT,
    TK_LE,
    TK_GT,
    TK_GE,
    TK_MINUS,
    TK_PLUS,
    TK_SEMI,
    TK_BAD,
} tk_kind;

typedef struct token {
    tk_kind kind;
    size_t pos, len;  /* bytes of the query text */
    const char *str;  /* TK_STRING: decoded text (arena); TK_IDENT: copy of the name */
    MI_Uint64 u;      /* TK_INT magnitude */
    double d;         /* TK_REAL */
} token;

/* Evaluation values. V_INT is sign + magnitude (mag > 0 when neg). */
typedef enum vkind { V_NULL, V_BOOL, V_INT, V_REAL, V_CHAR, V_STR, V_DT, V_REF, V_PATH, V_INST } vkind;

typedef struct wval {
    vkind k;
    bool b;
    bool neg;
    MI_Uint64 mag;            /* V_INT, V_CHAR (code unit) */
    double d;                 /* V_REAL */
    const char *s;            /* V_STR */
    MI_Datetime dt;           /* V_DT */
    const MI_Instance *inst;  /* V_REF, V_INST */
    const mi_path *path;      /* V_PATH (normalised) */
} wval;

typedef enum okind { O_PROP, O_LIT, O_THIS } okind;

typedef struct operand {
    okind k;
    size_t pos;
    const char *name;     /* O_PROP */
    const char *cls;      /* O_PROP: Class of Class.Prop, or NULL */
    MI_Type type;         /* O_PROP once bound */
    bool bound;
    wval lit;             /* O_LIT */
} operand;

typedef enum nkind { N_OR, N_AND, N_NOT, N_CMP, N_NULL, N_LIKE, N_ISA } nkind;
typedef enum cmpop { C_EQ, C_NE, C_LT, C_LE, C_GT, C_GE } cmpop;

typedef struct node node;
struct node {
    nkind k;
    size_t pos;
    cmpop op;        /* N_CMP */
    bool neg;        /* N_NULL: IS NOT NULL; N_LIKE: NOT LIKE */
    node **kids;     /* N_OR, N_AND; N_NOT has one */
    size_t n;
    operand a, b;    /* N_CMP a op b; N_NULL/N_LIKE/N_ISA: a */
    const char *pat; /* N_LIKE pattern; N_ISA class name */
};

typedef struct sel {
    const char *name;
    const char *cls;
    size_t pos;
} sel;

struct wql_query {
    mi_arena *a;        /* the arena it lives in (bind converts literals into it) */
    const char *text;
    const char *cls;
    size_t cls_pos;
    bool all;
    sel *sels;
    size_t nsel;
    node *where;
};

typedef enum tri { T_FALSE, T_TRUE, T_UNKNOWN } tri;

/* ---------------------------------------------------------------- messages */

/* Line and column (characters, from 1) of byte offset pos in text. */
static void where_is(const char *text, size_t pos, unsigned *line, unsigned *col)
{
    unsigned l = 1, c = 1;
    for (size_t i = 0; i < pos && text[i] != '\0'; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static void put_where(mi_buf *err, const char *text, size_t pos)
{
    unsigned line, col;
    where_is(text, pos, &line, &col);
    if (line > 1)
        mi_buf_printf(err, "line %u, ", line);
    mi_buf_printf(err, "column %u: ", col);
}

static void verr(mi_buf *err, const char *text, size_t pos, const char *fmt, va_list ap)
{
    put_where(err, text, pos);
    mi_buf_vprintf(err, fmt, ap);
}

/* ---------------------------------------------------------------- parser state */

typedef struct parser {
    const char *text;
    size_t len;
    size_t pos;
    token tok;
    mi_arena *a;
    mi_buf *err;
    MI_Result r;     /* first error */
    unsigned depth;
    unsigned nodes;
} parser;

static void perr(parser *p, MI_Result r, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void perr(parser *p, MI_Result r, size_t pos, const char *fmt, ...)
{
    va_list ap;
    if (p->r != MI_RESULT_OK)
        return;
    p->r = r;
    va_start(ap, fmt);
    verr(p->err, p->text, pos, fmt, ap);
    va_end(ap);
}

static void oom(parser *p)
{
    if (p->r != MI_RESULT_OK)
        return;
    p->r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    mi_buf_puts(p->err, "out of memory parsing the query");
}

/* "expected WHAT, found <current token>". */
static void expected(parser *p, const char *what)
{
    const token *t = &p->tok;
    if (t->kind == TK_EOF) {
        perr(p, MI_RESULT_INVALID_QUERY, t->pos, "expected %s, found end of query", what);
        return;
    }
    size_t n = t->len > 40 ? 40 : t->len;
    /* Do not cut a UTF-8 character in two. */
    while (n < t->len && n > 0 && ((unsigned char)p->text[t->pos + n] & 0xC0) == 0x80)
        n--;
    perr(p, MI_RESULT_INVALID_QUERY, t->pos, "expected %s, found '%.*s%s'", what, (int)n,
         p->text + t->pos, n < t->len ? "..." : "");
}

/* ---------------------------------------------------------------- lexer */

static bool is_ident_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool is_ident_char(unsigned char c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes a quoted string starting at p->pos (the quote). */
static void lex_string(parser *p, token *t)
{
    const char *s = p->text;
    char q = s[p->pos];
    size_t i = p->pos + 1;
    mi_buf b;

    mi_buf_init(&b, WQL_MAX_TEXT);
    for (;;) {
        char c = s[i];
        if (c == '\0') {
            perr(p, MI_RESULT_INVALID_QUERY, t->pos, "unterminated string");
            goto out;
        }
        if (c == q) {
            i++;
            break;
        }
        if (c != '\\') {
            mi_buf_putc(&b, c);
            i++;
            continue;
        }
        size_t esc = i;
        i++;
        switch (s[i]) {
        case '\\': mi_buf_putc(&b, '\\'); i++; break;
        case '\'': mi_buf_putc(&b, '\''); i++; break;
        case '"': mi_buf_putc(&b, '"'); i++; break;
        case 'n': mi_buf_putc(&b, '\n'); i++; break;
        case 'r': mi_buf_putc(&b, '\r'); i++; break;
        case 't': mi_buf_putc(&b, '\t'); i++; break;
        case 'b': mi_buf_putc(&b, '\b'); i++; break;
        case 'f': mi_buf_putc(&b, '\f'); i++; break;
        case 'x':
        case 'X': {
            uint32_t cp = 0;
            int nd = 0, h;
            char u8[4];
            int ul;
            i++;
            while (nd < 4 && (h = hexval(s[i])) >= 0) {
                cp = cp * 16 + (uint32_t)h;
                nd++;
                i++;
            }
            ul = nd > 0 && cp != 0 ? mi_utf8_encode(cp, u8) : 0;
            if (ul == 0) {
                perr(p, MI_RESULT_INVALID_QUERY, esc,
                     "\\x needs 1 to 4 hex digits naming a character other than NUL");
                goto out;
            }
            mi_buf_append(&b, u8, (size_t)ul);
            break;
        }
        default:
            perr(p, MI_RESULT_INVALID_QUERY, esc,
                 "unknown escape in string (use \\\\ \\' \\\" \\n \\r \\t \\b \\f \\xHHHH)");
            goto out;
        }
    }
    if (mi_buf_failed(&b)) {
        oom(p);
        goto out;
    }
    t->str = mi_arena_strndup(p->a, mi_buf_str(&b), b.len);
    if (t->str == NULL)
        oom(p);
    t->kind = TK_STRING;
    p->pos = i;
out:
    mi_buf_free(&b);
}

static void lex_number(parser *p, token *t)
{
    const char *s = p->text;
    size_t i = p->pos;

    if (s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
        MI_Uint64 v = 0;
        size_t start = i + 2;
        int h;
        i = start;
        while ((h = hexval(s[i])) >= 0) {
            if (v > (UINT64_MAX >> 4)) {
                perr(p, MI_RESULT_INVALID_QUERY, t->pos, "integer literal out of range");
                return;
            }
            v = v * 16 + (MI_Uint64)h;
            i++;
        }
        if (i == start || is_ident_char((unsigned char)s[i])) {
            perr(p, MI_RESULT_INVALID_QUERY, t->pos, "malformed hexadecimal literal");
            return;
        }
        t->kind = TK_INT;
        t->u = v;
        p->pos = i;
        return;
    }
    while (s[i] >= '0' && s[i] <= '9')
        i++;
    bool real = false;
    if (s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
        real = true;
        i++;
        while (s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (s[i] == 'e' || s[i] == 'E') {
        size_t j = i + 1;
        if (s[j] == '+' || s[j] == '-')
            j++;
        if (s[j] >= '0' && s[j] <= '9') {
            real = true;
            i = j;
            while (s[i] >= '0' && s[i] <= '9')
                i++;
        }
    }
    if (is_ident_char((unsigned char)s[i]) || s[i] == '.') {
        perr(p, MI_RESULT_INVALID_QUERY, t->pos, "malformed number");
        return;
    }
    char tmp[400];
    size_t n = i - p->pos;
    if (n >= sizeof tmp) {
        perr(p, MI_RESULT_INVALID_QUERY, t->pos, "number literal longer than %zu characters",
             sizeof tmp - 1);
        return;
    }
    memcpy(tmp, s + p->pos, n);
    tmp[n] = '\0';
    errno = 0;
    if (real) {
        t->d = strtod(tmp, NULL);
        if (errno == ERANGE && isinf(t->d)) {
            perr(p, MI_RESULT_INVALID_QUERY, t->pos, "real literal out of range");
            return;
        }
        t->kind = TK_REAL;
    } else {
        t->u = strtoull(tmp, NULL, 10);
        if (errno == ERANGE) {
            perr(p, MI_RESULT_INVALID_QUERY, t->pos, "integer literal out of range");
            return;
        }
        t->kind = TK_INT;
    }
    p->pos = i;
}

/* Reads the next token into p->tok (TK_EOF after an error). */
static void next(parser *p)
{
    const char *s = p->text;
    token *t = &p->tok;

    memset(t, 0, sizeof *t);
    while (s[p->pos] == ' ' || s[p->pos] == '\t' || s[p->pos] == '\r' || s[p->pos] == '\n')
        p->pos++;
    t->pos = p->pos;
    if (p->r != MI_RESULT_OK) {
        t->kind = TK_EOF;
        return;
    }
    unsigned char c = (unsigned char)s[p->pos];
    if (c == '\0') {
        t->kind = TK_EOF;
    } else if (is_ident_start(c)) {
        size_t i = p->pos;
        while (is_ident_char((unsigned char)s[i]))
            i++;
        t->kind = TK_IDENT;
        t->str = mi_arena_strndup(p->a, s + p->pos, i - p->pos);
        if (t->str == NULL)
            oom(p);
        p->pos = i;
    } else if (c >= '0' && c <= '9') {
        lex_number(p, t);
    } else if (c == '\'' || c == '"') {
        lex_string(p, t);
    } else {
        size_t n = 1;
        switch (c) {
        case '*': t->kind = TK_STAR; break;
        case ',': t->kind = TK_COMMA; break;
        case '.': t->kind = TK_DOT; break;
        case '(': t->kind = TK_LPAREN; break;
        case ')': t->kind = TK_RPAREN; break;
        case '=': t->kind = TK_EQ; break;
        case ';': t->kind = TK_SEMI; break;
        case '-': t->kind = TK_MINUS; break;
        case '+': t->kind = TK_PLUS; break;
        case '!':
            if (s[p->pos + 1] == '=') {
                t->kind = TK_NE;
                n = 2;
            } else {
                t->kind = TK_BAD;
            }
            break;
        case '<':
            if (s[p->pos + 1] == '>') {
                t->kind = TK_NE;
                n = 2;
            } else if (s[p->pos + 1] == '=') {
                t->kind = TK_LE;
                n = 2;
            } else {
                t->kind = TK_LT;
            }
            break;
        case '>':
            if (s[p->pos + 1] == '=') {
                t->kind = TK_GE;
                n = 2;
            } else {
                t->kind = TK_GT;
            }
            break;
        default: {
            uint32_t cp;
            int l = mi_utf8_decode(s + p->pos, strlen(s + p->pos), &cp);
            t->kind = TK_BAD;
            n = l > 0 ? (size_t)l : 1;
            break;
        }
        }
        p->pos += n;
    }
    if (p->r != MI_RESULT_OK) {
        t->kind = TK_EOF;
        return;
    }
    t->len = p->pos - t->pos;
}

static bool is_kw(const token *t, const char *kw)
{
    return t->kind == TK_IDENT && mi_name_eq(t->str, kw);
}

static bool is_reserved(const token *t)
{
    static const char *const kws[] = {"SELECT", "FROM", "WHERE", "AND",  "OR",    "NOT",
                                      "IS",     "NULL", "LIKE",  "ISA",  "TRUE",  "FALSE"};
    for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++)
        if (is_kw(t, kws[i]))
            return true;
    return false;
}

/* ---------------------------------------------------------------- parser */

static node *new_node(parser *p, nkind k, size_t pos)
{
    node *n;
    if (++p->nodes > WQL_MAX_NODES) {
        perr(p, MI_RESULT_SERVER_LIMITS_EXCEEDED, pos,
             "the query has more than %u conditions and operands", WQL_MAX_NODES);
        return NULL;
    }
    n = mi_arena_calloc(p->a, sizeof *n);
    if (n == NULL) {
        oom(p);
        return NULL;
    }
    n->k = k;
    n->pos = pos;
    return n;
}

/* name := Ident [ '.' Ident ]; the current token is the first Ident. */
static bool parse_name(parser *p, const char **cls, const char **name, size_t *pos)
{
    *pos = p->tok.pos;
    *cls = NULL;
    *name = p->tok.str;
    next(p);
    if (p->tok.kind == TK_DOT) {
        next(p);
        if (p->tok.kind != TK_IDENT || is_reserved(&p->tok)) {
            expected(p, "a property name after '.'");
            return false;
        }
        *cls = *name;
        *name = p->tok.str;
        next(p);
    }
    return p->r == MI_RESULT_OK;
}

static bool parse_operand(parser *p, operand *o, const char *what)
{
    memset(o, 0, sizeof *o);
    o->pos = p->tok.pos;
    if (++p->nodes > WQL_MAX_NODES) {
        perr(p, MI_RESULT_SERVER_LIMITS_EXCEEDED, o->pos,
             "the query has more than %u conditions and operands", WQL_MAX_NODES);
        return false;
    }
    switch (p->tok.kind) {
    case TK_IDENT:
        o->k = O_LIT;
        if (is_kw(&p->tok, "TRUE") || is_kw(&p->tok, "FALSE")) {
            o->lit.k = V_BOOL;
            o->lit.b = is_kw(&p->tok, "TRUE");
        } else if (is_kw(&p->tok, "NULL")) {
            o->lit.k = V_NULL;
        } else if (is_reserved(&p->tok)) {
            expected(p, what);
            return false;
        } else {
            o->k = O_PROP;
            return parse_name(p, &o->cls, &o->name, &o->pos);
        }
        next(p);
        return p->r == MI_RESULT_OK;
    case TK_STRING:
        o->k = O_LIT;
        o->lit.k = V_STR;
        o->lit.s = p->tok.str;
        next(p);
        return p->r == MI_RESULT_OK;
    case TK_MINUS:
    case TK_PLUS:
    case TK_INT:
    case TK_REAL: {
        bool neg = false;
        if (p->tok.kind == TK_MINUS || p->tok.kind == TK_PLUS) {
            neg = p->tok.kind == TK_MINUS;
            next(p);
            if (p->tok.kind != TK_INT && p->tok.kind != TK_REAL) {
                expected(p, "a number after the sign");
                return false;
            }
        }
        o->k = O_LIT;
        if (p->tok.kind == TK_REAL) {
            o->lit.k = V_REAL;
            o->lit.d = neg ? -p->tok.d : p->tok.d;
        } else {
            if (neg && p->tok.u > (MI_Uint64)INT64_MAX + 1u) {
                perr(p, MI_RESULT_INVALID_QUERY, o->pos, "integer literal out of range");
                return false;
            }
            o->lit.k = V_INT;
            o->lit.mag = p->tok.u;
            o->lit.neg = neg && p->tok.u != 0;
        }
        next(p);
        return p->r == MI_RESULT_OK;
    }
    default:
        expected(p, what);
        return false;
    }
}

/* Checks a LIKE pattern's brackets; false (error set) if one is not closed. */
static bool check_pattern(parser *p, const char *pat, size_t pos)
{
    size_t nchars = 0;
    for (const char *s = pat; *s != '\0'; s++) {
        if (((unsigned char)*s & 0xC0) != 0x80)
            nchars++;
        if (*s == '[') {
            const char *e = s + 1;
            if (*e == '^')
                e++;
            if (*e == ']')
                e++; /* a ']' first in the set is a member */
            while (*e != '\0' && *e != ']')
                e++;
            if (*e == '\0') {
                perr(p, MI_RESULT_INVALID_QUERY, pos, "LIKE pattern has '[' without ']'");
                return false;
            }
            s = e;
        }
    }
    if (nchars > WQL_MAX_PATTERN) {
        perr(p, MI_RESULT_SERVER_LIMITS_EXCEEDED, pos,
             "LIKE pattern longer than %u characters", WQL_MAX_PATTERN);
        return false;
    }
    return true;
}

static node *parse_or(parser *p);

static node *parse_prim(parser *p)
{
    node *n = NULL;
    size_t pos = p->tok.pos;

    if (p->tok.kind == TK_LPAREN) {
        if (++p->depth > WQL_MAX_DEPTH) {
            perr(p, MI_RESULT_SERVER_LIMITS_EXCEEDED, pos,
                 "conditions nest deeper than %u levels", WQL_MAX_DEPTH);
            return NULL;
        }
        next(p);
        n = parse_or(p);
        if (n == NULL)
            return NULL;
        if (p->tok.kind != TK_RPAREN) {
            expected(p, "')' or a logical operator");
            return NULL;
        }
        p->depth--;
        next(p);
        return n;
    }
    /* __this ISA 'C' */
    if (p->tok.kind == TK_IDENT && mi_name_eq(p->tok.str, "__this")) {
        parser save = *p;
        next(p);
        if (p->r != MI_RESULT_OK)
            return NULL;
        if (is_kw(&p->tok, "ISA")) {
            n = new_node(p, N_ISA, pos);
            if (n == NULL)
                return NULL;
            n->a.k = O_THIS;
            n->a.pos = pos;
            goto isa;
        }
        *p = save;
    }
    n = new_node(p, N_CMP, pos);
    if (n == NULL || !parse_operand(p, &n->a, "a property, a literal or '('"))
        return NULL;
    n->pos = p->tok.pos;
    switch (p->tok.kind) {
    case TK_EQ: n->op = C_EQ; break;
    case TK_NE: n->op = C_NE; break;
    case TK_LT: n->op = C_LT; break;
    case TK_LE: n->op = C_LE; break;
    case TK_GT: n->op = C_GT; break;
    case TK_GE: n->op = C_GE; break;
    default:
        if (is_kw(&p->tok, "IS")) {
            n->k = N_NULL;
            next(p);
            if (is_kw(&p->tok, "NOT")) {
                n->neg = true;
                next(p);
            }
            if (!is_kw(&p->tok, "NULL")) {
                expected(p, n->neg ? "NULL" : "NULL or NOT NULL");
                return NULL;
            }
            next(p);
            return p->r == MI_RESULT_OK ? n : NULL;
        }
        if (is_kw(&p->tok, "NOT") || is_kw(&p->tok, "LIKE")) {
            n->k = N_LIKE;
            if (is_kw(&p->tok, "NOT")) {
                n->neg = true;
                next(p);
                if (!is_kw(&p->tok, "LIKE")) {
                    expected(p, "LIKE");
                    return NULL;
                }
            }
            next(p);
            if (p->tok.kind != TK_STRING) {
                expected(p, "a string pattern after LIKE");
                return NULL;
            }
            n->pat = p->tok.str;
            if (!check_pattern(p, n->pat, p->tok.pos))
                return NULL;
            next(p);
            return p->r == MI_RESULT_OK ? n : NULL;
        }
        if (is_kw(&p->tok, "ISA")) {
            n->k = N_ISA;
            goto isa;
        }
        expected(p, "a comparison operator, IS, LIKE or ISA");
        return NULL;
    }
    next(p);
    if (!parse_operand(p, &n->b, "a property or a literal"))
        return NULL;
    return n;
isa:
    next(p); /* ISA */
    if ((p->tok.kind != TK_STRING && p->tok.kind != TK_IDENT) || is_reserved(&p->tok) ||
        !mi_is_identifier(p->tok.str)) {
        expected(p, "a class name after ISA");
        return NULL;
    }
    n->pat = p->tok.str;
    next(p);
    return p->r == MI_RESULT_OK ? n : NULL;
}

static node *parse_not(parser *p)
{
    if (is_kw(&p->tok, "NOT")) {
        size_t pos = p->tok.pos;
        node *n;
        if (++p->depth > WQL_MAX_DEPTH) {
            perr(p, MI_RESULT_SERVER_LIMITS_EXCEEDED, pos,
                 "conditions nest deeper than %u levels", WQL_MAX_DEPTH);
            return NULL;
        }
        next(p);
        n = new_node(p, N_NOT, pos);
        if (n == NULL)
            return NULL;
        n->kids = mi_arena_alloc(p->a, sizeof *n->kids);
        if (n->kids == NULL) {
            oom(p);
            return NULL;
        }
        n->n = 1;
        n->kids[0] = parse_not(p);
        p->depth--;
        return n->kids[0] != NULL ? n : NULL;
    }
    return parse_prim(p);
}

/* A list of operands joined by kw (AND/OR), as one n-ary node. */
static node *parse_list(parser *p, nkind k, const char *kw, node *(*sub)(parser *))
{
    size_t pos = p->tok.pos;
    node *first = sub(p), *n;
    node **kids = NULL;
    size_t cap = 0;

    if (first == NULL || !is_kw(&p->tok, kw))
        return first;
    n = new_node(p, k, pos);
    if (n == NULL)
        return NULL;
    cap = 4;
    kids = mi_arena_alloc(p->a, cap * sizeof *kids);
    if (kids == NULL) {
        oom(p);
        return NULL;
    }
    kids[n->n++] = first;
    while (is_kw(&p->tok, kw)) {
        node *s;
        next(p);
        s = sub(p);
        if (s == NULL)
            return NULL;
        if (n->n == cap) {
            node **bigger = mi_arena_alloc(p->a, 2 * cap * sizeof *kids);
            if (bigger == NULL) {
                oom(p);
                return NULL;
            }
            memcpy(bigger, kids, cap * sizeof *kids);
            kids = bigger;
            cap *= 2;
        }
        kids[n->n++] = s;
    }
    n->kids = kids;
    return n;
}

static node *parse_and(parser *p)
{
    return parse_list(p, N_AND, "AND", parse_not);
}

static node *parse_or(parser *p)
{
    return parse_list(p, N_OR, "OR", parse_and);
}

static bool parse_select(parser *p, wql_query *q)
{
    size_t cap = 0;

    if (!is_kw(&p->tok, "SELECT")) {
        expected(p, "SELECT");
        return false;
    }
    next(p);
    if (p->tok.kind == TK_STAR) {
        q->all = true;
        next(p);
        return p->r == MI_RESULT_OK;
    }
    for (;;) {
        sel s;
        if (p->tok.kind != TK_IDENT || is_reserved(&p->tok)) {
            expected(p, q->nsel == 0 ? "'*' or a property name" : "a property name");
            return false;
        }
        if (!parse_name(p, &s.cls, &s.name, &s.pos))
            return false;
        if (++p->nodes > WQL_MAX_NODES) {
            perr(p, MI_RESULT_SERVER_LIMITS_EXCEEDED, s.pos,
                 "the query has more than %u conditions and operands", WQL_MAX_NODES);
            return false;
        }
        if (q->nsel == cap) {
            size_t ncap = cap == 0 ? 8 : 2 * cap;
            sel *bigger = mi_arena_alloc(p->a, ncap * sizeof *bigger);
            if (bigger == NULL) {
                oom(p);
                return false;
            }
            if (cap > 0)
                memcpy(bigger, q->sels, cap * sizeof *bigger);
            q->sels = bigger;
            cap = ncap;
        }
        q->sels[q->nsel++] = s;
        if (p->tok.kind != TK_COMMA)
            break;
        next(p);
    }
    return p->r == MI_RESULT_OK;
}

MI_Result wql_parse(mi_arena *a, const char *text, wql_query **out, mi_buf *err)
{
    parser p;
    wql_query *q = NULL;
    size_t len, bad = 0;

    *out = NULL;
    memset(&p, 0, sizeof p);
    p.a = a;
    p.err = err;
    p.text = text;
    if (text == NULL) {
        mi_buf_puts(err, "no query given");
        return MI_RESULT_INVALID_QUERY;
    }
    len = strnlen(text, (size_t)WQL_MAX_TEXT + 1);
    if (len > WQL_MAX_TEXT) {
        mi_buf_printf(err, "the query is longer than %u bytes", WQL_MAX_TEXT);
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    }
    if (!mi_utf8_valid(text, len, &bad)) {
        perr(&p, MI_RESULT_INVALID_QUERY, bad, "the query is not valid UTF-8");
        return p.r;
    }
    p.text = mi_arena_strndup(a, text, len);
    q = mi_arena_calloc(a, sizeof *q);
    if (p.text == NULL || q == NULL) {
        p.text = text;
        oom(&p);
        return p.r;
    }
    p.len = len;
    q->a = a;
    q->text = p.text;
    next(&p);
    if (!parse_select(&p, q))
        goto out;
    if (!is_kw(&p.tok, "FROM")) {
        expected(&p, q->all || q->nsel == 0 ? "FROM" : "',' or FROM");
        goto out;
    }
    next(&p);
    if (p.tok.kind != TK_IDENT || is_reserved(&p.tok)) {
        expected(&p, "a class name");
        goto out;
    }
    q->cls = p.tok.str;
    q->cls_pos = p.tok.pos;
    next(&p);
    if (is_kw(&p.tok, "WHERE")) {
        next(&p);
        q->where = parse_or(&p);
        if (q->where == NULL)
            goto out;
    }
    if (p.tok.kind == TK_SEMI)
        next(&p);
    if (p.tok.kind != TK_EOF)
        expected(&p, q->where != NULL ? "AND, OR or the end of the query"
                                      : "WHERE or the end of the query");
out:
    if (p.r == MI_RESULT_OK)
        *out = q;
    return p.r;
}

/* ---------------------------------------------------------------- accessors */

const char *wql_class(const wql_query *q)
{
    return q->cls;
}

bool wql_select_all(const wql_query *q)
{
    return q->all;
}

size_t wql_select_count(const wql_query *q)
{
    return q->all ? 0 : q->nsel;
}

const char *wql_select_at(const wql_query *q, size_t i)
{
    return i < q->nsel ? q->sels[i].name : NULL;
}

bool wql_selects(const wql_query *q, const char *name)
{
    if (q->all)
        return true;
    for (size_t i = 0; i < q->nsel; i++)
        if (mi_name_eq(q->sels[i].name, name))
            return true;
    return false;
}

const char *wql_text(const wql_query *q)
{
    return q->text;
}

const char *wql_dialect(const char *dialect)
{
    if (dialect == NULL)
        return NULL;
    if (mi_name_eq(dialect, "WQL"))
        return "WQL";
    if (mi_name_eq(dialect, "CQL") || mi_name_eq(dialect, "DMTF:CQL"))
        return "CQL";
    return NULL;
}

/* ---------------------------------------------------------------- values */

static vkind kind_of_type(MI_Type t)
{
    switch (t & ~(MI_Type)MI_ARRAY) {
    case MI_BOOLEAN: return V_BOOL;
    case MI_UINT8: case MI_SINT8: case MI_UINT16: case MI_SINT16: case MI_UINT32:
    case MI_SINT32: case MI_UINT64: case MI_SINT64: return V_INT;
    case MI_REAL32: case MI_REAL64: return V_REAL;
    case MI_CHAR16: return V_CHAR;
    case MI_DATETIME: return V_DT;
    case MI_STRING: return V_STR;
    case MI_REFERENCE: return V_REF;
    case MI_INSTANCE: return V_INST;
    default: return V_NULL;
    }
}

static void set_sint(wval *v, MI_Sint64 s)
{
    v->k = V_INT;
    v->neg = s < 0;
    v->mag = s < 0 ? (MI_Uint64)(-(s + 1)) + 1u : (MI_Uint64)s;
}

static void set_uint(wval *v, MI_Uint64 u)
{
    v->k = V_INT;
    v->neg = false;
    v->mag = u;
}

/* The value of one scalar element of type t stored at p. */
static void scalar_val(MI_Type t, const void *p, wval *v)
{
    memset(v, 0, sizeof *v);
    switch (t) {
    case MI_BOOLEAN: v->k = V_BOOL; v->b = *(const MI_Boolean *)p != 0; break;
    case MI_UINT8: set_uint(v, *(const MI_Uint8 *)p); break;
    case MI_SINT8: set_sint(v, *(const MI_Sint8 *)p); break;
    case MI_UINT16: set_uint(v, *(const MI_Uint16 *)p); break;
    case MI_SINT16: set_sint(v, *(const MI_Sint16 *)p); break;
    case MI_UINT32: set_uint(v, *(const MI_Uint32 *)p); break;
    case MI_SINT32: set_sint(v, *(const MI_Sint32 *)p); break;
    case MI_UINT64: set_uint(v, *(const MI_Uint64 *)p); break;
    case MI_SINT64: set_sint(v, *(const MI_Sint64 *)p); break;
    case MI_REAL32: v->k = V_REAL; v->d = *(const MI_Real32 *)p; break;
    case MI_REAL64: v->k = V_REAL; v->d = *(const MI_Real64 *)p; break;
    case MI_CHAR16: v->k = V_CHAR; v->mag = *(const MI_Char16 *)p; break;
    case MI_DATETIME: v->k = V_DT; v->dt = *(const MI_Datetime *)p; break;
    case MI_STRING:
        v->s = *(const char *const *)p;
        v->k = v->s != NULL ? V_STR : V_NULL;
        break;
    case MI_REFERENCE:
    case MI_INSTANCE:
        v->inst = *(const MI_Instance *const *)p;
        v->k = v->inst == NULL ? V_NULL : t == MI_REFERENCE ? V_REF : V_INST;
        break;
    default: v->k = V_NULL; break;
    }
}

/* Reads s as an integer or real literal (decimal or 0x hex, optional sign, spaces
 * around allowed). */
static bool str_to_number(const char *s, wval *v)
{
    const char *p = s;
    char *end = NULL;
    bool neg = false;

    while (*p == ' ' || *p == '\t')
        p++;
    const char *num = p;
    if (*p == '+' || *p == '-') {
        neg = *p == '-';
        p++;
    }
    if (*p < '0' || *p > '9')
        return false;
    /* strtoull would take spaces and a sign after "0x": require a hex digit. */
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && hexval(p[2]) < 0)
        return false;
    errno = 0;
    MI_Uint64 u = (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) ? strtoull(p + 2, &end, 16)
                                                                 : strtoull(p, &end, 10);
    if (end != NULL && end > p && errno == 0 && (*end == '\0' || *end == ' ' || *end == '\t') &&
        !(p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && end == p + 2)) {
        while (*end == ' ' || *end == '\t')
            end++;
        if (*end == '\0' && (!neg || u <= (MI_Uint64)INT64_MAX + 1u)) {
            memset(v, 0, sizeof *v);
            v->k = V_INT;
            v->mag = u;
            v->neg = neg && u != 0;
            return true;
        }
    }
    errno = 0;
    double d = strtod(num, &end);
    if (end == num || errno == ERANGE || isnan(d) || isinf(d))
        return false;
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end != '\0')
        return false;
    memset(v, 0, sizeof *v);
    v->k = V_REAL;
    v->d = d;
    return true;
}

/* Converts a string literal to kind want (the other side's kind). Paths are parsed
 * into arena a (NULL: not possible). False when s does not read as that kind. */
static bool coerce_str(const char *s, vkind want, mi_arena *a, wval *out, const char **why)
{
    *why = NULL;
    switch (want) {
    case V_STR:
        memset(out, 0, sizeof *out);
        out->k = V_STR;
        out->s = s;
        return true;
    case V_INT:
    case V_REAL:
        return str_to_number(s, out);
    case V_CHAR: {
        uint32_t cp;
        size_t n = strlen(s);
        int l = mi_utf8_decode(s, n, &cp);
        memset(out, 0, sizeof *out);
        if (l > 0 && (size_t)l == n && cp <= 0xFFFF) {
            out->k = V_CHAR;
            out->mag = cp;
            return true;
        }
        return str_to_number(s, out) && out->k == V_INT;
    }
    case V_BOOL:
        memset(out, 0, sizeof *out);
        out->k = V_BOOL;
        if (mi_name_eq(s, "TRUE"))
            out->b = true;
        else if (!mi_name_eq(s, "FALSE"))
            return false;
        return true;
    case V_DT:
        memset(out, 0, sizeof *out);
        out->k = V_DT;
        return mi_datetime_parse(s, &out->dt, why) == MI_RESULT_OK;
    case V_REF:
    case V_PATH: {
        mi_path *path;
        if (a == NULL || (path = mi_arena_calloc(a, sizeof *path)) == NULL)
            return false;
        if (mi_path_parse(a, s, path, NULL) != MI_RESULT_OK ||
            mi_path_normalize(a, path, NULL, NULL) != MI_RESULT_OK)
            return false;
        memset(out, 0, sizeof *out);
        out->k = V_PATH;
        out->path = path;
        return true;
    }
    default:
        return false;
    }
}

static bool numeric(vkind k)
{
    return k == V_INT || k == V_REAL || k == V_CHAR;
}

/* -1/0/1, or 2 when not comparable (NaN). */
static int cmp_num(const wval *x, const wval *y)
{
    if (x->k != V_REAL && y->k != V_REAL) {
        bool xn = x->k == V_INT && x->neg, yn = y->k == V_INT && y->neg;
        if (xn != yn)
            return xn ? -1 : 1;
        if (x->mag == y->mag)
            return 0;
        return ((x->mag < y->mag) != xn) ? -1 : 1;
    }
    long double a = x->k == V_REAL ? (long double)x->d
                                   : (x->neg ? -(long double)x->mag : (long double)x->mag);
    long double b = y->k == V_REAL ? (long double)y->d
                                   : (y->neg ? -(long double)y->mag : (long double)y->mag);
    if (isnan(a) || isnan(b))
        return 2;
    return a < b ? -1 : a > b ? 1 : 0;
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

/* Microseconds: UTC time of a timestamp, length of an interval. Fields are clamped
 * so that the sum fits. */
static int64_t dt_micros(const MI_Datetime *dt)
{
    if (dt->isTimestamp) {
        const MI_Timestamp *t = &dt->u.timestamp;
        int64_t days = days_from_civil(t->year > 99999 ? 99999 : t->year,
                                       t->month < 1 || t->month > 12 ? 1 : t->month,
                                       t->day > 31 ? 31 : t->day);
        int64_t s = days * 86400 + (int64_t)(t->hour % 100) * 3600 +
                    (int64_t)(t->minute % 100) * 60 + (t->second % 100) -
                    (int64_t)(t->utc < -100000 ? -100000 : t->utc > 100000 ? 100000 : t->utc) *
                        60;
        return s * 1000000 + (t->microseconds % 1000000);
    }
    const MI_Interval *i = &dt->u.interval;
    int64_t s = (int64_t)(i->days > 99999999 ? 99999999 : i->days) * 86400 +
                (int64_t)(i->hours % 100) * 3600 + (int64_t)(i->minutes % 100) * 60 +
                (i->seconds % 100);
    return s * 1000000 + (i->microseconds % 1000000);
}

static tri apply(cmpop op, int c)
{
    bool r;
    switch (op) {
    case C_EQ: r = c == 0; break;
    case C_NE: r = c != 0; break;
    case C_LT: r = c < 0; break;
    case C_LE: r = c <= 0; break;
    case C_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return r ? T_TRUE : T_FALSE;
}

typedef struct evalctx {
    mi_arena a;       /* scratch for paths */
    bool oom;
} evalctx;

/* The path of a reference value or a V_PATH, in ec's arena; NULL if not possible. */
static const mi_path *path_of(evalctx *ec, const wval *v)
{
    mi_path *p;
    if (v->k == V_PATH)
        return v->path;
    p = mi_arena_calloc(&ec->a, sizeof *p);
    if (p == NULL) {
        ec->oom = true;
        return NULL;
    }
    if (mi_path_from_instance(&ec->a, v->inst, p) != MI_RESULT_OK)
        return NULL;
    return p;
}

static tri cmp_vals(evalctx *ec, cmpop op, const wval *x0, const wval *y0)
{
    wval cx, cy;
    const wval *x = x0, *y = y0;
    const char *why;

    if (x->k == V_NULL || y->k == V_NULL)
        return T_UNKNOWN;
    if (x->k == V_STR && y->k != V_STR) {
        if (!coerce_str(x->s, y->k, &ec->a, &cx, &why))
            return T_UNKNOWN;
        x = &cx;
    } else if (y->k == V_STR && x->k != V_STR) {
        if (!coerce_str(y->s, x->k, &ec->a, &cy, &why))
            return T_UNKNOWN;
        y = &cy;
    }
    if (numeric(x->k) && numeric(y->k)) {
        int c = cmp_num(x, y);
        return c == 2 ? T_UNKNOWN : apply(op, c);
    }
    if (x->k == V_STR && y->k == V_STR)
        return apply(op, mi_name_cmp(x->s, y->s));
    if (x->k == V_BOOL && y->k == V_BOOL)
        return apply(op, (int)x->b - (int)y->b);
    if (x->k == V_DT && y->k == V_DT) {
        if ((x->dt.isTimestamp != 0) != (y->dt.isTimestamp != 0))
            return T_UNKNOWN;
        int64_t a = dt_micros(&x->dt), b = dt_micros(&y->dt);
        return apply(op, a < b ? -1 : a > b ? 1 : 0);
    }
    if ((x->k == V_REF || x->k == V_PATH) && (y->k == V_REF || y->k == V_PATH) &&
        (op == C_EQ || op == C_NE)) {
        const mi_path *px = path_of(ec, x), *py = path_of(ec, y);
        if (px == NULL || py == NULL)
            return T_UNKNOWN;
        return apply(op, mi_path_compare(px, py) == 0 ? 0 : 1);
    }
    return T_UNKNOWN;
}

/* ---------------------------------------------------------------- LIKE */

/* One character of s at *i (a byte that is not valid UTF-8 stands for itself). */
static uint32_t next_cp(const char *s, size_t *i)
{
    uint32_t cp;
    size_t n = strnlen(s + *i, 4);
    int l = mi_utf8_decode(s + *i, n, &cp);
    if (l <= 0) {
        cp = (unsigned char)s[*i];
        l = 1;
    }
    *i += (size_t)l;
    return cp;
}

static uint32_t lower_cp(uint32_t c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static uint32_t upper_cp(uint32_t c)
{
    return c >= 'a' && c <= 'z' ? c - 32 : c;
}

/* Matches one pattern element at pat[*pi] (not '%') against character c; advances
 * *pi past the element. */
static bool match_one(const char *pat, size_t *pi, uint32_t c)
{
    uint32_t pc;

    if (pat[*pi] == '_') {
        (*pi)++;
        return true;
    }
    if (pat[*pi] == '[' && strchr(pat + *pi + 1, ']') != NULL) {
        size_t i = *pi + 1;
        bool negate = false, in = false;
        if (pat[i] == '^') {
            negate = true;
            i++;
        }
        bool first = true;
        while (pat[i] != '\0' && (pat[i] != ']' || first)) {
            uint32_t lo = next_cp(pat, &i), hi = lo;
            first = false;
            if (pat[i] == '-' && pat[i + 1] != ']' && pat[i + 1] != '\0') {
                i++;
                hi = next_cp(pat, &i);
            }
            if ((c >= lo && c <= hi) || (lower_cp(c) >= lo && lower_cp(c) <= hi) ||
                (upper_cp(c) >= lo && upper_cp(c) <= hi))
                in = true;
        }
        if (pat[i] == ']')
            i++;
        *pi = i;
        return in != negate;
    }
    pc = next_cp(pat, pi);
    return lower_cp(pc) == lower_cp(c);
}

/* Greedy matching with backtracking to the last '%': O(len(s) * len(pat)). */
static bool like_match(const char *s, const char *pat)
{
    size_t si = 0, pi = 0, star_pi = 0, star_si = 0;
    bool star = false;

    while (s[si] != '\0') {
        if (pat[pi] == '%') {
            while (pat[pi] == '%')
                pi++;
            star = true;
            star_pi = pi;
            star_si = si;
            continue;
        }
        size_t npi = pi, nsi = si;
        if (pat[pi] != '\0') {
            uint32_t c = next_cp(s, &nsi);
            if (match_one(pat, &npi, c)) {
                pi = npi;
                si = nsi;
                continue;
            }
        }
        if (!star)
            return false;
        next_cp(s, &star_si);
        si = star_si;
        pi = star_pi;
    }
    while (pat[pi] == '%')
        pi++;
    return pat[pi] == '\0';
}

/* ---------------------------------------------------------------- evaluation */

/* The values of one operand: a literal, a NULL, a scalar or an array's elements. */
typedef struct opvals {
    bool null;
    bool array;
    MI_Type t;          /* scalar type */
    const char *data;   /* array elements / scalar storage */
    MI_Uint32 n;
    size_t size;        /* element size */
    MI_Value v;         /* scalar storage */
    wval lit;
    bool is_lit;
} opvals;

static void get_operand(const operand *o, const MI_Instance *inst, opvals *ov)
{
    MI_Type t;
    MI_Uint32 f = 0;

    memset(ov, 0, sizeof *ov);
    if (o->k == O_LIT) {
        ov->is_lit = true;
        ov->lit = o->lit;
        ov->null = o->lit.k == V_NULL;
        return;
    }
    if (inst->ft == NULL || inst->ft->GetElement == NULL ||
        inst->ft->GetElement(inst, o->name, &ov->v, &t, &f, NULL) != MI_RESULT_OK ||
        (f & MI_FLAG_NULL)) {
        ov->null = true;
        return;
    }
    ov->t = t & ~(MI_Type)MI_ARRAY;
    ov->size = mi_type_size(ov->t);
    if (t & MI_ARRAY) {
        ov->array = true;
        ov->data = ov->v.array.data;
        ov->n = ov->v.array.size;
        if (ov->data == NULL || ov->size == 0)
            ov->n = 0;
    } else {
        ov->data = (const char *)&ov->v;
        ov->n = 1;
    }
}

static void elem(const opvals *ov, MI_Uint32 i, wval *out)
{
    if (ov->is_lit)
        *out = ov->lit;
    else
        scalar_val(ov->t, ov->data + (size_t)i * ov->size, out);
}

/* OR over the elements: TRUE if any is TRUE, else UNKNOWN if any is, else FALSE. */
static tri any_of(tri acc, tri r)
{
    if (acc == T_TRUE || r == T_TRUE)
        return T_TRUE;
    if (acc == T_UNKNOWN || r == T_UNKNOWN)
        return T_UNKNOWN;
    return T_FALSE;
}

static tri eval_cmp(evalctx *ec, const node *n, const MI_Instance *inst)
{
    opvals x, y;
    tri acc = T_FALSE;
    wval a, b;

    get_operand(&n->a, inst, &x);
    get_operand(&n->b, inst, &y);
    if (x.null || y.null)
        return T_UNKNOWN;
    if (x.array && y.array)
        return T_UNKNOWN;
    if (y.array) {
        elem(&x, 0, &a);
        for (MI_Uint32 i = 0; i < y.n && acc != T_TRUE; i++) {
            elem(&y, i, &b);
            acc = any_of(acc, cmp_vals(ec, n->op, &a, &b));
        }
        return acc;
    }
    elem(&y, 0, &b);
    for (MI_Uint32 i = 0; i < (x.is_lit ? 1u : x.n) && acc != T_TRUE; i++) {
        elem(&x, i, &a);
        acc = any_of(acc, cmp_vals(ec, n->op, &a, &b));
    }
    return acc;
}

static tri eval_like(const node *n, const MI_Instance *inst)
{
    opvals x;
    tri acc = T_FALSE;
    wval a;

    get_operand(&n->a, inst, &x);
    if (x.null)
        return T_UNKNOWN;
    for (MI_Uint32 i = 0; i < (x.is_lit ? 1u : x.n) && acc != T_TRUE; i++) {
        char one[8];
        const char *s;
        elem(&x, i, &a);
        if (a.k == V_STR) {
            s = a.s;
        } else if (a.k == V_CHAR) {
            int l = mi_utf8_encode((uint32_t)a.mag, one);
            if (l == 0) {
                acc = any_of(acc, T_UNKNOWN);
                continue;
            }
            one[l] = '\0';
            s = one;
        } else {
            acc = any_of(acc, T_UNKNOWN);
            continue;
        }
        bool m = like_match(s, n->pat);
        acc = any_of(acc, m != n->neg ? T_TRUE : T_FALSE);
    }
    return acc;
}

static bool inst_isa(const MI_Instance *inst, const char *cls)
{
    const char *name = NULL;
    if (inst->classDecl != NULL && !mi_instance_is_dynamic(inst))
        return mi_classdecl_is_a(inst->classDecl, cls);
    if (inst->ft != NULL && inst->ft->GetClassName != NULL &&
        inst->ft->GetClassName(inst, &name) == MI_RESULT_OK && name != NULL)
        return mi_name_eq(name, cls);
    return false;
}

static tri eval_isa(const node *n, const MI_Instance *inst)
{
    opvals x;
    tri acc = T_FALSE;
    wval a;

    if (n->a.k == O_THIS)
        return inst_isa(inst, n->pat) ? T_TRUE : T_FALSE;
    get_operand(&n->a, inst, &x);
    if (x.null || x.is_lit)
        return T_UNKNOWN;
    for (MI_Uint32 i = 0; i < x.n && acc != T_TRUE; i++) {
        elem(&x, i, &a);
        if (a.k == V_REF || a.k == V_INST)
            acc = any_of(acc, inst_isa(a.inst, n->pat) ? T_TRUE : T_FALSE);
        else
            acc = any_of(acc, T_UNKNOWN);
    }
    return acc;
}

static tri eval_node(evalctx *ec, const node *n, const MI_Instance *inst)
{
    tri acc;

    switch (n->k) {
    case N_OR:
        acc = T_FALSE;
        for (size_t i = 0; i < n->n && acc != T_TRUE; i++) {
            tri r = eval_node(ec, n->kids[i], inst);
            acc = any_of(acc, r);
        }
        return acc;
    case N_AND:
        acc = T_TRUE;
        for (size_t i = 0; i < n->n && acc != T_FALSE; i++) {
            tri r = eval_node(ec, n->kids[i], inst);
            if (r == T_FALSE)
                acc = T_FALSE;
            else if (r == T_UNKNOWN)
                acc = T_UNKNOWN;
        }
        return acc;
    case N_NOT:
        acc = eval_node(ec, n->kids[0], inst);
        return acc == T_UNKNOWN ? T_UNKNOWN : acc == T_TRUE ? T_FALSE : T_TRUE;
    case N_CMP:
        return eval_cmp(ec, n, inst);
    case N_NULL: {
        opvals x;
        get_operand(&n->a, inst, &x);
        return x.null != n->neg ? T_TRUE : T_FALSE;
    }
    case N_LIKE:
        return eval_like(n, inst);
    case N_ISA:
        return eval_isa(n, inst);
    }
    return T_UNKNOWN;
}

MI_Result wql_eval(const wql_query *q, const MI_Instance *inst, bool *match)
{
    evalctx ec;
    MI_Result r = MI_RESULT_OK;

    if (match != NULL)
        *match = false;
    if (q == NULL || inst == NULL || match == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    if (q->where == NULL) {
        *match = true;
        return MI_RESULT_OK;
    }
    memset(&ec, 0, sizeof ec);
    mi_arena_init(&ec.a, 0, (size_t)16 << 20);
    *match = eval_node(&ec, q->where, inst) == T_TRUE;
    if (ec.oom) {
        *match = false;
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    }
    mi_arena_destroy(&ec.a);
    return r;
}

/* ---------------------------------------------------------------- binding */

typedef struct binder {
    wql_query *q;
    const MI_ClassDecl *cd;
    mi_buf *err;
    MI_Result r;
} binder;

static void berr(binder *b, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void berr(binder *b, size_t pos, const char *fmt, ...)
{
    va_list ap;
    if (b->r != MI_RESULT_OK)
        return;
    b->r = MI_RESULT_INVALID_QUERY;
    va_start(ap, fmt);
    verr(b->err, b->q->text, pos, fmt, ap);
    va_end(ap);
}

/* Resolves a (Class.)Prop name against the FROM class; returns the decl or NULL. */
static const MI_PropertyDecl *resolve(binder *b, const char *cls, const char *name, size_t pos)
{
    const MI_PropertyDecl *pd;
    if (cls != NULL && !mi_name_eq(cls, b->cd->name)) {
        berr(b, pos, "class %s in %s.%s is not the FROM class %s", cls, cls, name,
             b->cd->name);
        return NULL;
    }
    pd = mi_classdecl_property(b->cd, name, NULL);
    if (pd == NULL)
        berr(b, pos, "no property %s in class %s", name, b->cd->name);
    return pd;
}

static bool bind_operand(binder *b, operand *o)
{
    const MI_PropertyDecl *pd;
    if (o->k != O_PROP)
        return true;
    pd = resolve(b, o->cls, o->name, o->pos);
    if (pd == NULL)
        return false;
    o->name = pd->name;
    o->type = (MI_Type)pd->type;
    o->bound = true;
    return true;
}

static const char *kind_name(vkind k)
{
    switch (k) {
    case V_BOOL: return "a boolean";
    case V_INT: return "an integer";
    case V_REAL: return "a real";
    case V_CHAR: return "a char16";
    case V_STR: return "a string";
    case V_DT: return "a datetime";
    case V_REF: case V_PATH: return "a reference";
    case V_INST: return "an embedded instance";
    default: return "NULL";
    }
}

/* Converts literal `lit` to the kind of bound property `p`, or reports why it cannot
 * be compared with it. */
static void bind_literal(binder *b, operand *lit, const operand *p, cmpop op)
{
    vkind want = kind_of_type(p->type);
    const char *why = NULL;
    wval v;

    if (lit->lit.k == V_NULL)
        return;
    if (want == V_INST) {
        berr(b, p->pos, "property %s is an embedded instance: use ISA or IS NULL", p->name);
        return;
    }
    if (want == V_REF && op != C_EQ && op != C_NE) {
        berr(b, p->pos, "property %s is a reference: only = and <> compare it", p->name);
        return;
    }
    if (lit->lit.k == V_STR) {
        if (want == V_STR)
            return;
        if (!coerce_str(lit->lit.s, want, b->q->a, &v, &why)) {
            berr(b, lit->pos, "'%.200s' is not %s value for property %s (%s)%s%s",
                 lit->lit.s, kind_name(want), p->name, mi_type_name(p->type),
                 why != NULL ? ": " : "", why != NULL ? why : "");
            return;
        }
        lit->lit = v;
        return;
    }
    if ((numeric(lit->lit.k) && numeric(want)) || lit->lit.k == want)
        return;
    berr(b, lit->pos, "cannot compare property %s (%s) with %s literal%s", p->name,
         mi_type_name(p->type), kind_name(lit->lit.k),
         want == V_STR || want == V_DT || want == V_REF ? ": write the value as a string" : "");
}

static void bind_node(binder *b, node *n)
{
    switch (n->k) {
    case N_OR:
    case N_AND:
    case N_NOT:
        for (size_t i = 0; i < n->n && b->r == MI_RESULT_OK; i++)
            bind_node(b, n->kids[i]);
        return;
    case N_CMP: {
        if (!bind_operand(b, &n->a) || !bind_operand(b, &n->b))
            return;
        if (n->a.k == O_PROP && n->b.k == O_LIT) {
            bind_literal(b, &n->b, &n->a, n->op);
        } else if (n->a.k == O_LIT && n->b.k == O_PROP) {
            bind_literal(b, &n->a, &n->b, n->op);
        } else if (n->a.k == O_PROP && n->b.k == O_PROP) {
            vkind ka = kind_of_type(n->a.type), kb = kind_of_type(n->b.type);
            if ((n->a.type & MI_ARRAY) && (n->b.type & MI_ARRAY))
                berr(b, n->b.pos, "cannot compare two array properties (%s and %s)",
                     n->a.name, n->b.name);
            else if (ka == V_INST || kb == V_INST ||
                     ((ka == V_REF || kb == V_REF) && n->op != C_EQ && n->op != C_NE) ||
                     !((numeric(ka) && numeric(kb)) || ka == kb))
                berr(b, n->b.pos, "cannot compare property %s (%s) with property %s (%s)",
                     n->a.name, mi_type_name(n->a.type), n->b.name, mi_type_name(n->b.type));
        }
        return;
    }
    case N_NULL:
        bind_operand(b, &n->a);
        return;
    case N_LIKE:
        if (!bind_operand(b, &n->a))
            return;
        if (n->a.k == O_PROP) {
            vkind k = kind_of_type(n->a.type);
            if (k != V_STR && k != V_CHAR)
                berr(b, n->a.pos, "LIKE needs a string property; %s is %s", n->a.name,
                     mi_type_name(n->a.type));
        } else if (n->a.lit.k != V_STR && n->a.lit.k != V_NULL) {
            berr(b, n->a.pos, "LIKE needs a string, found %s literal", kind_name(n->a.lit.k));
        }
        return;
    case N_ISA:
        if (n->a.k == O_THIS || !bind_operand(b, &n->a))
            return;
        if (n->a.k == O_LIT)
            berr(b, n->a.pos, "ISA needs an embedded-instance or reference property");
        else if (kind_of_type(n->a.type) != V_INST && kind_of_type(n->a.type) != V_REF)
            berr(b, n->a.pos, "ISA needs an embedded-instance or reference property; %s is %s",
                 n->a.name, mi_type_name(n->a.type));
        return;
    }
}

MI_Result wql_bind(wql_query *q, const MI_ClassDecl *cd, mi_buf *err)
{
    binder b;

    memset(&b, 0, sizeof b);
    b.q = q;
    b.cd = cd;
    b.err = err;
    if (q == NULL || cd == NULL) {
        mi_buf_puts(err, "no query or class");
        return MI_RESULT_INVALID_PARAMETER;
    }
    if (!mi_name_eq(q->cls, cd->name)) {
        berr(&b, q->cls_pos, "the FROM class %s is not %s", q->cls, cd->name);
        return b.r;
    }
    q->cls = cd->name;
    for (size_t i = 0; i < q->nsel && b.r == MI_RESULT_OK; i++) {
        const MI_PropertyDecl *pd = resolve(&b, q->sels[i].cls, q->sels[i].name, q->sels[i].pos);
        if (pd != NULL)
            q->sels[i].name = pd->name;
    }
    if (b.r == MI_RESULT_OK && q->where != NULL)
        bind_node(&b, q->where);
    return b.r;
}

/* ---------------------------------------------------------------- MI_Filter */

#define FILTER_MAGIC ((ptrdiff_t)0x57514c46696c7472) /* "WQLFiltr" */

static const wql_filter *filter_of(const MI_Filter *self)
{
    if (self == NULL || self->reserved[0] != FILTER_MAGIC)
        return NULL;
    return (const wql_filter *)self;
}

static MI_Result MI_CALL filter_evaluate(const MI_Filter *self, const MI_Instance *instance,
                                         MI_Boolean *result)
{
    const wql_filter *f = filter_of(self);
    bool m = false;
    MI_Result r;

    if (result != NULL)
        *result = MI_FALSE;
    if (f == NULL || instance == NULL || result == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    r = wql_eval(f->q, instance, &m);
    *result = m ? MI_TRUE : MI_FALSE;
    return r;
}

static MI_Result MI_CALL filter_get_expression(const MI_Filter *self, const MI_Char **queryLang,
                                               const MI_Char **queryExpr)
{
    const wql_filter *f = filter_of(self);

    if (f == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    if (queryLang != NULL)
        *queryLang = f->dialect;
    if (queryExpr != NULL)
        *queryExpr = f->q->text;
    return MI_RESULT_OK;
}

static const MI_FilterFT wql_filter_ft = {filter_evaluate, filter_get_expression};

void wql_filter_init(wql_filter *f, const wql_query *q, const char *dialect)
{
    memset(f, 0, sizeof *f);
    f->filter.ft = &wql_filter_ft;
    f->filter.reserved[0] = FILTER_MAGIC;
    f->q = q;
    f->dialect = dialect != NULL ? dialect : "WQL";
}
