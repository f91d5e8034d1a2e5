/* parser.c - recursive-descent parser of CIM MOF (DSP0221).
 *
 * The parser reads one statement at a time and hands what it recognised to build.c
 * (classes) and compile.c (qualifier declarations, instances, pragmas); there is no
 * syntax tree. Parsed qualifier lists and values live in the statement arena, which is
 * emptied after each top-level statement.
 *
 * Error recovery: a syntax error inside a class body skips to the next ';' of that
 * body (or to its closing '}') and goes on with the next property or method; any other
 * error skips to the next ';' outside braces (or to a '#pragma'). Tokens that the
 * lexer already reported (T_ERROR) are not reported again.
 */
#include <string.h>

#include "base/str.h"
#include "mof/mof_int.h"

typedef struct parser {
    mof_comp *c;
    mof_lexer lx;
    mof_tok tok;   /* current token */
    mof_tok la;    /* look-ahead, valid when has_la */
    bool has_la;
    int depth;     /* '{' minus '}' consumed since the statement began */
} parser;

static void advance(parser *ps)
{
    if (ps->tok.kind == T_LBRACE)
        ps->depth++;
    else if (ps->tok.kind == T_RBRACE)
        ps->depth--;
    if (ps->has_la) {
        ps->tok = ps->la;
        ps->has_la = false;
    } else {
        mof_lex(&ps->lx, &ps->tok);
    }
}

static const mof_tok *peek(parser *ps)
{
    if (!ps->has_la) {
        mof_lex(&ps->lx, &ps->la);
        ps->has_la = true;
    }
    return &ps->la;
}

/* Reports "<what>, found <token>" at the current token (unless the lexer already
 * reported it). Always returns false. */
static bool syntax(parser *ps, const char *what)
{
    if (ps->tok.kind != T_ERROR) {
        char d[96];
        mof_error(ps->c, &ps->tok, MI_RESULT_INVALID_PARAMETER, "%s, found %s", what,
                  mof_tok_describe(&ps->tok, d, sizeof d));
    }
    return false;
}

static bool expect(parser *ps, mof_tok_kind k, const char *what)
{
    if (ps->tok.kind != k)
        return syntax(ps, what);
    advance(ps);
    return true;
}

/* Skips to the end of the statement: past the next ';' outside braces, or up to a
 * '#' at statement level, or to the end of the file. */
static void sync_statement(parser *ps)
{
    while (ps->tok.kind != T_EOF) {
        if (ps->tok.kind == T_SEMI && ps->depth <= 0) {
            advance(ps);
            break;
        }
        if (ps->tok.kind == T_HASH && ps->depth <= 0)
            break;
        advance(ps);
    }
}

/* Inside a class body (depth `body`): skips past the next ';' at that depth, or up to
 * the '}' that closes the body. */
static void sync_feature(parser *ps, int body)
{
    while (ps->tok.kind != T_EOF) {
        if (ps->tok.kind == T_SEMI && ps->depth <= body) {
            advance(ps);
            return;
        }
        if (ps->tok.kind == T_RBRACE && ps->depth <= body)
            return;
        advance(ps);
    }
}

/* Grows an array kept in the statement arena (old copies are simply abandoned). */
static void *grow_array(parser *ps, void *items, size_t n, size_t *alloc, size_t elem,
                        size_t cap, const char *what)
{
    if (n < *alloc)
        return items;
    if (n >= cap) {
        mof_error(ps->c, &ps->tok, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                  "more than %zu %s", cap, what);
        return NULL;
    }
    size_t na = *alloc ? *alloc * 2 : 8;
    if (na > cap)
        na = cap;
    void *p = mof_alloc(ps->c, &ps->c->stmt, na * elem, &ps->tok);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, items, n * elem);
    *alloc = na;
    return p;
}

/* ------------------------------------------------------------------ values */

static bool parse_instance_body(parser *ps, inst_rec **out);

/* One or more adjacent string literals, concatenated and unescaped into `out`. */
static bool parse_string(parser *ps, pval *v)
{
    mof_comp *c = ps->c;
    mof_tok *toks = NULL;
    size_t n = 0, alloc = 0, total = 0;
    v->kind = PV_STRING;
    v->tok = ps->tok;
    while (ps->tok.kind == T_STRING) {
        toks = grow_array(ps, toks, n, &alloc, sizeof *toks, MOF_MAX_STRING, "string pieces");
        if (!toks)
            return false;
        toks[n++] = ps->tok;
        total += ps->tok.len - 2;
        if (total > MOF_MAX_STRING) {
            mof_error(c, &ps->tok, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                      "string value longer than %zu bytes", MOF_MAX_STRING);
            return false;
        }
        advance(ps);
    }
    if (ps->tok.kind == T_ERROR)
        return false;
    char *s = mof_alloc(c, c->out, total + 1, &v->tok);
    if (!s)
        return false;
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += mof_unescape(&toks[i], s + len);
    s[len] = '\0';
    v->u.str.s = s;
    v->u.str.len = len;
    return true;
}

/* A single value (not an array). instances: inline "instance of" allowed. */
static bool parse_scalar(parser *ps, pval *v, bool instances)
{
    memset(v, 0, sizeof *v);
    v->tok = ps->tok;
    switch (ps->tok.kind) {
    case T_STRING:
        return parse_string(ps, v);
    case T_INT:
        v->kind = PV_INT;
        v->u.i.mag = ps->tok.u;
        v->u.i.neg = ps->tok.neg;
        v->u.i.radix = ps->tok.radix;
        advance(ps);
        return true;
    case T_REAL:
        v->kind = PV_REAL;
        v->u.d = ps->tok.d;
        advance(ps);
        return true;
    case T_CHAR:
        v->kind = PV_CHAR;
        v->u.ch = (uint32_t)ps->tok.u;
        advance(ps);
        return true;
    case T_ALIAS:
        v->kind = PV_ALIAS;
        v->u.alias.name = ps->tok.p + 1;
        v->u.alias.len = ps->tok.len - 1;
        advance(ps);
        return true;
    case T_IDENT:
        if (mof_tok_is(&ps->tok, "true") || mof_tok_is(&ps->tok, "false")) {
            v->kind = PV_BOOL;
            v->u.b = mof_tok_is(&ps->tok, "true");
            advance(ps);
            return true;
        }
        if (mof_tok_is(&ps->tok, "null")) {
            v->kind = PV_NULL;
            advance(ps);
            return true;
        }
        if (instances && mof_tok_is(&ps->tok, "instance") && mof_tok_is(peek(ps), "of")) {
            if (ps->c->nesting >= MOF_MAX_NESTING) {
                mof_error(ps->c, &ps->tok, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                          "embedded instances nested more than %u deep", MOF_MAX_NESTING);
                return false;
            }
            v->kind = PV_INSTANCE;
            ps->c->nesting++;
            bool ok = parse_instance_body(ps, &v->u.inst);
            ps->c->nesting--;
            return ok;
        }
        return syntax(ps, "expected a value (number, string, char16, TRUE, FALSE, NULL"
                          ", alias or array)");
    default:
        return syntax(ps, "expected a value");
    }
}

/* A value: scalar or "{ v, v, ... }". */
static bool parse_value(parser *ps, pval *v, bool instances)
{
    if (ps->tok.kind != T_LBRACE)
        return parse_scalar(ps, v, instances);
    memset(v, 0, sizeof *v);
    v->kind = PV_ARRAY;
    v->tok = ps->tok;
    advance(ps);
    pval *items = NULL;
    size_t n = 0, alloc = 0;
    if (ps->tok.kind != T_RBRACE) {
        for (;;) {
            items = grow_array(ps, items, n, &alloc, sizeof *items, MOF_MAX_ARRAY,
                               "array elements");
            if (!items)
                return false;
            if (ps->tok.kind == T_LBRACE)
                return syntax(ps, "arrays cannot be nested: expected an array element");
            if (!parse_scalar(ps, &items[n], instances))
                return false;
            n++;
            if (ps->tok.kind == T_COMMA) {
                advance(ps);
                continue;
            }
            if (ps->tok.kind == T_RBRACE)
                break;
            return syntax(ps, "expected ',' or '}' in array value");
        }
    }
    advance(ps);
    v->u.arr.items = items;
    v->u.arr.n = n;
    return true;
}

/* ------------------------------------------------------------------ qualifier lists */

/* Flavor keyword -> bit; 0 if not a flavor. Microsoft's per-qualifier flavors are
 * accepted too: Amended (read as Translatable), NotToSubclass (Restricted),
 * ToInstance, NotToInstance (no effect). */
static MI_Uint32 flavor_bit(const mof_tok *t, bool ms)
{
    if (mof_tok_is(t, "EnableOverride")) return MI_FLAG_ENABLEOVERRIDE;
    if (mof_tok_is(t, "DisableOverride")) return MI_FLAG_DISABLEOVERRIDE;
    if (mof_tok_is(t, "ToSubclass")) return MI_FLAG_TOSUBCLASS;
    if (mof_tok_is(t, "Restricted")) return MI_FLAG_RESTRICTED;
    if (mof_tok_is(t, "Translatable")) return MI_FLAG_TRANSLATABLE;
    if (!ms)
        return 0;
    if (mof_tok_is(t, "Amended")) return MI_FLAG_TRANSLATABLE;
    if (mof_tok_is(t, "NotToSubclass")) return MI_FLAG_RESTRICTED;
    if (mof_tok_is(t, "ToInstance")) return MI_FLAG_TOINSTANCE;
    if (mof_tok_is(t, "NotToInstance")) return MI_FLAG_NULL; /* marker: no effect */
    return 0;
}

static bool flavors_conflict(MI_Uint32 f)
{
    return ((f & MI_FLAG_ENABLEOVERRIDE) && (f & MI_FLAG_DISABLEOVERRIDE)) ||
           ((f & MI_FLAG_TOSUBCLASS) && (f & MI_FLAG_RESTRICTED));
}

static bool parse_qual_list(parser *ps, pqual_list *out)
{
    size_t alloc = 0;
    memset(out, 0, sizeof *out);
    out->open = ps->tok;
    advance(ps); /* '[' */
    for (;;) {
        out->items = grow_array(ps, out->items, out->n, &alloc, sizeof *out->items,
                                MOF_MAX_QUALS, "qualifiers in one list");
        if (!out->items)
            return false;
        pqual *q = &out->items[out->n];
        memset(q, 0, sizeof *q);
        if (ps->tok.kind != T_IDENT)
            return syntax(ps, "expected a qualifier name");
        q->name = ps->tok;
        advance(ps);
        if (ps->tok.kind == T_LPAREN) {
            advance(ps);
            if (!parse_value(ps, &q->val, false))
                return false;
            q->has_value = true;
            if (!expect(ps, T_RPAREN, "expected ')' after the qualifier value"))
                return false;
        } else if (ps->tok.kind == T_LBRACE) {
            if (!parse_value(ps, &q->val, false))
                return false;
            q->has_value = true;
        }
        if (ps->tok.kind == T_COLON) {
            advance(ps);
            if (ps->tok.kind != T_IDENT || !flavor_bit(&ps->tok, true))
                return syntax(ps, "expected a flavor (EnableOverride, DisableOverride, "
                                  "ToSubclass, Restricted, Translatable) after ':'");
            while (ps->tok.kind == T_IDENT) {
                MI_Uint32 f = flavor_bit(&ps->tok, true);
                if (!f)
                    return syntax(ps, "expected a flavor, ',' or ']'");
                if (f != MI_FLAG_NULL)
                    q->flavor_on |= f;
                if (flavors_conflict(q->flavor_on)) {
                    mof_error(ps->c, &ps->tok, MI_RESULT_INVALID_PARAMETER,
                              "conflicting flavors for qualifier %.*s", (int)q->name.len,
                              q->name.p);
                    return false;
                }
                advance(ps);
            }
            q->has_flavor = true;
        }
        out->n++;
        if (ps->tok.kind == T_COMMA) {
            advance(ps);
            continue;
        }
        if (ps->tok.kind == T_RBRACK) {
            advance(ps);
            return true;
        }
        return syntax(ps, "expected ',' or ']' in the qualifier list");
    }
}

/* ------------------------------------------------------------------ types */

static bool type_keyword(const mof_tok *t, MI_Type *type)
{
    static const struct { const char *kw; MI_Type t; } types[] = {
        {"boolean", MI_BOOLEAN}, {"uint8", MI_UINT8},   {"sint8", MI_SINT8},
        {"uint16", MI_UINT16},   {"sint16", MI_SINT16}, {"uint32", MI_UINT32},
        {"sint32", MI_SINT32},   {"uint64", MI_UINT64}, {"sint64", MI_SINT64},
        {"real32", MI_REAL32},   {"real64", MI_REAL64}, {"char16", MI_CHAR16},
        {"datetime", MI_DATETIME}, {"string", MI_STRING},
    };
    if (t->kind != T_IDENT)
        return false;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        if (mi_name_eqn(t->p, t->len, types[i].kw)) {
            *type = types[i].t;
            return true;
        }
    }
    return false;
}

/* "[" [n] "]" after a name: *sub = 0 for [], n for [n]; -1 when absent. */
static bool parse_subscript(parser *ps, long *sub)
{
    *sub = -1;
    if (ps->tok.kind != T_LBRACK)
        return true;
    advance(ps);
    *sub = 0;
    if (ps->tok.kind == T_INT) {
        if (ps->tok.neg || ps->tok.u == 0 || ps->tok.u > MOF_MAX_ARRAY) {
            mof_error(ps->c, &ps->tok, MI_RESULT_INVALID_PARAMETER,
                      "array size must be between 1 and %zu", MOF_MAX_ARRAY);
            return false;
        }
        *sub = (long)ps->tok.u;
        advance(ps);
    }
    return expect(ps, T_RBRACK, "expected ']' to close the array size");
}

/* A data type, "object", "void" (when allowed) or "ClassName REF". */
typedef struct ptype {
    MI_Type type;
    mof_tok tok;
    mof_tok ref_cls;
    bool is_void;
    bool is_object;
} ptype;

static bool parse_type(parser *ps, ptype *pt, bool allow_void)
{
    memset(pt, 0, sizeof *pt);
    pt->tok = ps->tok;
    if (ps->tok.kind != T_IDENT)
        return syntax(ps, "expected a type (a CIM type or 'ClassName REF')");
    if (type_keyword(&ps->tok, &pt->type)) {
        advance(ps);
        return true;
    }
    if (mof_tok_is(peek(ps), "ref")) {
        pt->type = MI_REFERENCE;
        pt->ref_cls = ps->tok;
        advance(ps);
        advance(ps);
        return true;
    }
    if (mof_tok_is(&ps->tok, "object")) {
        pt->type = MI_INSTANCE;
        pt->is_object = true;
        advance(ps);
        return true;
    }
    if (allow_void && mof_tok_is(&ps->tok, "void")) {
        pt->is_void = true;
        pt->type = MI_UINT32;
        advance(ps);
        return true;
    }
    char d[96];
    mof_error(ps->c, &ps->tok, MI_RESULT_INVALID_PARAMETER,
              "unknown type %s (expected boolean, uint8..sint64, real32, real64, char16, "
              "string, datetime or 'ClassName REF')",
              mof_tok_describe(&ps->tok, d, sizeof d));
    return false;
}

/* ------------------------------------------------------------------ classes */

static bool parse_method(parser *ps, class_builder *cb, const pqual_list *quals,
                         const ptype *rt, const mof_tok *name)
{
    pparam *params = NULL;
    size_t n = 0, alloc = 0;
    advance(ps); /* '(' */
    if (ps->tok.kind != T_RPAREN) {
        for (;;) {
            params = grow_array(ps, params, n, &alloc, sizeof *params, MOF_MAX_PARAMS,
                                "parameters");
            if (!params)
                return false;
            pparam *p = &params[n];
            memset(p, 0, sizeof *p);
            if (ps->tok.kind == T_LBRACK && !parse_qual_list(ps, &p->quals))
                return false;
            ptype pt;
            if (!parse_type(ps, &pt, false))
                return false;
            p->type = pt.type;
            p->type_tok = pt.tok;
            p->ref_cls = pt.ref_cls;
            if (ps->tok.kind != T_IDENT)
                return syntax(ps, "expected a parameter name");
            p->name = ps->tok;
            advance(ps);
            if (!parse_subscript(ps, &p->subscript))
                return false;
            if (ps->tok.kind == T_EQ) {
                /* DSP0221 3.0 parameter default: parsed, not kept */
                pval dv;
                advance(ps);
                if (!parse_value(ps, &dv, false))
                    return false;
            }
            n++;
            if (ps->tok.kind == T_COMMA) {
                advance(ps);
                continue;
            }
            if (ps->tok.kind == T_RPAREN)
                break;
            return syntax(ps, "expected ',' or ')' in the parameter list");
        }
    }
    advance(ps); /* ')' */
    if (ps->tok.kind != T_SEMI)
        return syntax(ps, "expected ';' after the method declaration");
    mof_class_method(ps->c, cb, quals, rt->type, &rt->tok,
                     rt->type == MI_REFERENCE ? &rt->ref_cls : NULL, rt->is_void, name,
                     params, n);
    advance(ps);
    return true;
}

/* One property, reference or method of a class body. */
static bool parse_feature(parser *ps, class_builder *cb)
{
    pqual_list quals = {0};
    if (ps->tok.kind == T_LBRACK && !parse_qual_list(ps, &quals))
        return false;
    ptype pt;
    if (!parse_type(ps, &pt, true))
        return false;
    if (ps->tok.kind != T_IDENT)
        return syntax(ps, "expected a property or method name");
    mof_tok name = ps->tok;
    advance(ps);
    if (ps->tok.kind == T_LPAREN)
        return parse_method(ps, cb, &quals, &pt, &name);
    if (pt.is_void) {
        mof_error(ps->c, &pt.tok, MI_RESULT_INVALID_PARAMETER,
                  "'void' is only allowed as the return type of a method");
        return false;
    }
    long sub;
    if (!parse_subscript(ps, &sub))
        return false;
    pval dv;
    bool has_default = false;
    if (ps->tok.kind == T_EQ) {
        advance(ps);
        if (!parse_value(ps, &dv, false))
            return false;
        has_default = true;
    }
    if (ps->tok.kind != T_SEMI)
        return syntax(ps, has_default ? "expected ';' after the default value"
                                      : "expected ';' after the property declaration");
    mof_class_property(ps->c, cb, &quals, pt.type, &pt.tok,
                       pt.type == MI_REFERENCE ? &pt.ref_cls : NULL, &name, sub,
                       has_default ? &dv : NULL);
    advance(ps);
    return true;
}

static bool parse_class(parser *ps, const pqual_list *quals)
{
    advance(ps); /* 'class' */
    if (ps->tok.kind != T_IDENT)
        return syntax(ps, "expected a class name after 'class'");
    mof_tok name = ps->tok;
    advance(ps);
    if (mof_tok_is(&ps->tok, "as") && peek(ps)->kind == T_ALIAS) {
        mof_warning(ps->c, &ps->tok, "class aliases are ignored");
        advance(ps);
        advance(ps);
    }
    mof_tok super = {0};
    bool has_super = false;
    if (ps->tok.kind == T_COLON) {
        advance(ps);
        if (ps->tok.kind != T_IDENT)
            return syntax(ps, "expected a superclass name after ':'");
        super = ps->tok;
        has_super = true;
        advance(ps);
    }
    if (ps->tok.kind != T_LBRACE)
        return syntax(ps, has_super ? "expected '{' after the superclass name"
                                    : "expected ':' or '{' after the class name");
    class_builder cb;
    mof_class_begin(ps->c, &cb, quals, &name, has_super ? &super : NULL);
    advance(ps); /* '{' */
    int body = ps->depth;
    while (ps->tok.kind != T_RBRACE && ps->tok.kind != T_EOF && !ps->c->stop) {
        if (!parse_feature(ps, &cb))
            sync_feature(ps, body);
    }
    if (ps->tok.kind != T_RBRACE) {
        if (!ps->c->stop)
            syntax(ps, "expected '}' to close the class body");
        return false;
    }
    advance(ps);
    mof_class_end(ps->c, &cb);
    if (ps->tok.kind != T_SEMI) {
        /* the class is complete: report, and go on with what follows */
        syntax(ps, "expected ';' after the class declaration");
        return true;
    }
    advance(ps);
    return true;
}

/* ------------------------------------------------------------------ instances */

/* The "Prop = value;" assignments of an instance body, up to its '}'. */
static bool parse_instance_props(parser *ps, inst_rec *ir, const MI_ClassDecl *cd)
{
    mof_comp *c = ps->c;
    /* Which properties were assigned (duplicate check). */
    unsigned char *seen = NULL;
    if (ir->inst) {
        seen = mof_alloc(c, &c->stmt, cd->numProperties + 1u, &ps->tok);
        if (!seen)
            return false;
        memset(seen, 0, cd->numProperties + 1u);
    }
    while (ps->tok.kind != T_RBRACE) {
        if (ps->tok.kind == T_EOF)
            return syntax(ps, "expected '}' to close the instance body");
        pqual_list quals = {0};
        if (ps->tok.kind == T_LBRACK) {
            if (!parse_qual_list(ps, &quals))
                return false;
            mof_build_quals(c, &quals, MI_FLAG_ANY, NULL, 0, "instance property");
        }
        if (ps->tok.kind != T_IDENT)
            return syntax(ps, "expected a property name or '}' in the instance body");
        mof_tok pname = ps->tok;
        advance(ps);
        if (!expect(ps, T_EQ, "expected '=' after the property name"))
            return false;
        pval v;
        if (!parse_value(ps, &v, true))
            return false;
        if (ps->tok.kind != T_SEMI)
            return syntax(ps, "expected ';' after the property value");
        advance(ps);
        if (!ir->inst)
            continue;
        char nbuf[256];
        const char *pn = pname.len < sizeof nbuf ? nbuf : NULL;
        if (!pn) {
            mof_error(c, &pname, MI_RESULT_NO_SUCH_PROPERTY, "property name too long");
            ir->failed = true;
            continue;
        }
        memcpy(nbuf, pname.p, pname.len);
        nbuf[pname.len] = '\0';
        MI_Uint32 idx = 0;
        const MI_PropertyDecl *pd = mi_classdecl_property(cd, nbuf, &idx);
        if (!pd) {
            mof_error(c, &pname, MI_RESULT_NO_SUCH_PROPERTY,
                      "class %s has no property '%s'", cd->name, nbuf);
            ir->failed = true;
            continue;
        }
        if (seen[idx]) {
            mof_error(c, &pname, MI_RESULT_ALREADY_EXISTS,
                      "property %s is given a value twice", pd->name);
            ir->failed = true;
            continue;
        }
        seen[idx] = 1;
        if (!mof_instance_set(c, ir, idx, pd, &v))
            ir->failed = true;
    }
    return true;
}

/* "instance of Class [as $Alias] { [quals] Prop = value; ... }" (without the final
 * ';'). The record is made even when the class is unknown (ir->inst NULL then). */
static bool parse_instance_body(parser *ps, inst_rec **out)
{
    mof_comp *c = ps->c;
    mof_tok inst_tok = ps->tok;
    advance(ps); /* 'instance' */
    if (!mof_tok_is(&ps->tok, "of"))
        return syntax(ps, "expected 'of' after 'instance'");
    advance(ps);
    if (ps->tok.kind != T_IDENT)
        return syntax(ps, "expected a class name after 'instance of'");
    mof_tok cls = ps->tok;
    advance(ps);
    mof_tok alias = {0};
    if (mof_tok_is(&ps->tok, "as")) {
        advance(ps);
        if (ps->tok.kind != T_ALIAS)
            return syntax(ps, "expected an alias ($Name) after 'as'");
        alias = ps->tok;
        advance(ps);
    }
    if (ps->tok.kind != T_LBRACE)
        return syntax(ps, "expected '{' to begin the instance body");
    inst_rec *ir = mof_alloc(c, &c->tmp, sizeof *ir, &inst_tok);
    if (!ir)
        return false;
    memset(ir, 0, sizeof *ir);
    ir->ns = c->ns;
    ir->pos = mof_tok_pos(&inst_tok);
    ir->class_pos = mof_tok_pos(&cls);
    ir->top = c->nesting == 0;
    *out = ir;
    const MI_ClassDecl *cd = mof_find_class(c, c->ns, cls.p, cls.len);
    if (!cd) {
        mof_error(c, &cls, MI_RESULT_INVALID_CLASS, "instance of unknown class '%.*s'",
                  (int)cls.len, cls.p);
        ir->failed = true;
    } else if (cd->flags & MI_FLAG_ABSTRACT) {
        mof_error(c, &cls, MI_RESULT_INVALID_CLASS,
                  "cannot declare an instance of abstract class %s", cd->name);
        ir->failed = true;
    } else {
        MI_Result rc = mi_instance_new_in(c->out, cd, c->ns->name, NULL, &ir->inst);
        if (rc != MI_RESULT_OK) {
            mof_error(c, &cls, rc, "cannot create an instance of %s (out of memory)",
                      cd->name);
            ir->failed = true;
            ir->inst = NULL;
        }
    }
    if (!mof_add_instance(c, ir, alias.kind == T_ALIAS ? &alias : NULL))
        ir->failed = true;
    advance(ps); /* '{' */
    if (!parse_instance_props(ps, ir, cd)) {
        ir->failed = true; /* reported; keeps the key checks quiet */
        return false;
    }
    advance(ps); /* '}' */
    return true;
}

/* ------------------------------------------------------------------ qualifier decls */

static bool parse_scope(parser *ps, MI_Uint32 *scope)
{
    static const struct { const char *kw; MI_Uint32 bit; } scopes[] = {
        {"class", MI_FLAG_CLASS},         {"association", MI_FLAG_ASSOCIATION},
        {"indication", MI_FLAG_INDICATION}, {"property", MI_FLAG_PROPERTY},
        {"reference", MI_FLAG_REFERENCE}, {"method", MI_FLAG_METHOD},
        {"parameter", MI_FLAG_PARAMETER}, {"any", MI_FLAG_ANY},
        /* no MI_FLAG_* bit: accepted, recorded as nothing */
        {"qualifier", 0}, {"schema", 0},
    };
    *scope = 0;
    if (!expect(ps, T_LPAREN, "expected '(' after 'Scope'"))
        return false;
    for (;;) {
        size_t i;
        for (i = 0; i < sizeof scopes / sizeof scopes[0]; i++) {
            if (mof_tok_is(&ps->tok, scopes[i].kw))
                break;
        }
        if (i == sizeof scopes / sizeof scopes[0])
            return syntax(ps, "expected a scope (class, association, indication, property, "
                              "reference, method, parameter, qualifier or any)");
        *scope |= scopes[i].bit;
        advance(ps);
        if (ps->tok.kind == T_COMMA) {
            advance(ps);
            continue;
        }
        if (ps->tok.kind == T_RPAREN) {
            advance(ps);
            return true;
        }
        return syntax(ps, "expected ',' or ')' in the scope list");
    }
}

static bool parse_flavor_list(parser *ps, MI_Uint32 *flavor)
{
    *flavor = 0;
    if (!expect(ps, T_LPAREN, "expected '(' after 'Flavor'"))
        return false;
    for (;;) {
        MI_Uint32 f = flavor_bit(&ps->tok, false);
        if (!f)
            return syntax(ps, "expected a flavor (EnableOverride, DisableOverride, "
                              "ToSubclass, Restricted or Translatable)");
        *flavor |= f;
        if (flavors_conflict(*flavor)) {
            mof_error(ps->c, &ps->tok, MI_RESULT_INVALID_PARAMETER,
                      "conflicting flavors in the qualifier declaration");
            return false;
        }
        advance(ps);
        if (ps->tok.kind == T_COMMA) {
            advance(ps);
            continue;
        }
        if (ps->tok.kind == T_RPAREN) {
            advance(ps);
            return true;
        }
        return syntax(ps, "expected ',' or ')' in the flavor list");
    }
}

static bool parse_qualifier_decl(parser *ps)
{
    mof_comp *c = ps->c;
    advance(ps); /* 'qualifier' */
    if (ps->tok.kind != T_IDENT)
        return syntax(ps, "expected a qualifier name after 'Qualifier'");
    mof_tok name = ps->tok;
    advance(ps);
    if (!expect(ps, T_COLON, "expected ':' and a type after the qualifier name"))
        return false;
    MI_Type type;
    if (!type_keyword(&ps->tok, &type))
        return syntax(ps, "expected a qualifier type (boolean, numeric, char16, string "
                          "or datetime)");
    advance(ps);
    long sub;
    if (!parse_subscript(ps, &sub))
        return false;
    if (sub >= 0)
        type |= MI_ARRAY;
    pval dv;
    bool has_default = false;
    if (ps->tok.kind == T_EQ) {
        advance(ps);
        if (!parse_value(ps, &dv, false))
            return false;
        has_default = true;
    }
    if (ps->tok.kind != T_COMMA)
        return syntax(ps, "expected ',' and 'Scope(...)' in the qualifier declaration");
    advance(ps);
    if (!mof_tok_is(&ps->tok, "scope"))
        return syntax(ps, "expected 'Scope(...)' in the qualifier declaration");
    advance(ps);
    MI_Uint32 scope, flavor = 0;
    if (!parse_scope(ps, &scope))
        return false;
    if (ps->tok.kind == T_COMMA) {
        advance(ps);
        if (!mof_tok_is(&ps->tok, "flavor"))
            return syntax(ps, "expected 'Flavor(...)' after ','");
        advance(ps);
        if (!parse_flavor_list(ps, &flavor))
            return false;
    }
    if (ps->tok.kind != T_SEMI)
        return syntax(ps, "expected ';' after the qualifier declaration");
    if (!(flavor & (MI_FLAG_ENABLEOVERRIDE | MI_FLAG_DISABLEOVERRIDE)))
        flavor |= MI_FLAG_ENABLEOVERRIDE;
    if (!(flavor & (MI_FLAG_TOSUBCLASS | MI_FLAG_RESTRICTED)))
        flavor |= MI_FLAG_TOSUBCLASS;

    MI_QualifierDecl *qd = mof_alloc(c, c->out, sizeof *qd, &name);
    char *qname = mof_strndup(c, c->out, name.p, name.len, &name);
    if (!qd || !qname)
        return false;
    memset(qd, 0, sizeof *qd);
    qd->name = qname;
    qd->type = type;
    qd->scope = scope;
    qd->flavor = flavor;
    qd->subscript = sub > 0 ? (MI_Uint32)sub : 0;
    if (has_default) {
        MI_Value v;
        bool is_null;
        if (!mof_convert(c, &dv, type, NULL, NULL, false, &v, &is_null)) {
            advance(ps);
            return true;
        }
        if (!is_null && sub > 0 && v.array.size > (MI_Uint32)sub) {
            mof_error(c, &dv.tok, MI_RESULT_INVALID_PARAMETER,
                      "default value has %u elements but the array size is %ld",
                      (unsigned)v.array.size, sub);
            advance(ps);
            return true;
        }
        if (!is_null) {
            qd->value = mof_box_value(c, type, &v);
            if (!qd->value)
                return false;
        }
    }
    mof_add_qualifier(c, qd, &name);
    advance(ps);
    return true;
}

/* ------------------------------------------------------------------ pragmas */

static bool locale_ok(const char *s)
{
    /* ll_CC or ll-CC (ISO 639 language, ISO 3166 country) */
    return strlen(s) == 5 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z' &&
           (s[2] == '_' || s[2] == '-') && s[3] >= 'A' && s[3] <= 'Z' && s[4] >= 'A' &&
           s[4] <= 'Z';
}

static bool parse_pragma(parser *ps)
{
    mof_comp *c = ps->c;
    mof_tok hash = ps->tok;
    advance(ps);
    if (!mof_tok_is(&ps->tok, "pragma"))
        return syntax(ps, "expected 'pragma' after '#'");
    advance(ps);
    if (ps->tok.kind != T_IDENT)
        return syntax(ps, "expected a pragma name after '#pragma'");
    mof_tok name = ps->tok;
    advance(ps);
    bool known = mof_tok_is(&name, "include") || mof_tok_is(&name, "namespace") ||
                 mof_tok_is(&name, "locale");
    if (!expect(ps, T_LPAREN, "expected '(' after the pragma name"))
        return false;
    if (!known) {
        mof_warning(c, &name, "#pragma %.*s is not supported and is ignored",
                    (int)name.len, name.p);
        while (ps->tok.kind != T_RPAREN) {
            if (ps->tok.kind == T_EOF || ps->tok.kind == T_SEMI || ps->tok.kind == T_HASH)
                return syntax(ps, "expected ')' to close the pragma");
            advance(ps);
        }
        advance(ps);
        return true;
    }
    if (ps->tok.kind != T_STRING)
        return syntax(ps, "expected a string argument for the pragma");
    pval v;
    if (!parse_string(ps, &v))
        return false;
    if (ps->tok.kind != T_RPAREN)
        return syntax(ps, "expected ')' to close the pragma");
    if (mof_tok_is(&name, "include")) {
        mof_include(c, v.u.str.s, &hash);
    } else if (mof_tok_is(&name, "namespace")) {
        mof_set_namespace(c, v.u.str.s, &name);
    } else if (!locale_ok(v.u.str.s)) {
        mof_warning(c, &v.tok, "#pragma locale value \"%.40s\" is not a locale (ll_CC) "
                    "and is ignored", v.u.str.s);
    }
    advance(ps);
    return true;
}

/* ------------------------------------------------------------------ statements */

static bool parse_statement(parser *ps)
{
    if (ps->tok.kind == T_HASH)
        return parse_pragma(ps);
    if (ps->tok.kind == T_SEMI) {
        mof_warning(ps->c, &ps->tok, "empty statement (stray ';')");
        advance(ps);
        return true;
    }
    pqual_list quals = {0};
    bool has_quals = false;
    if (ps->tok.kind == T_LBRACK) {
        if (!parse_qual_list(ps, &quals))
            return false;
        has_quals = true;
    }
    if (mof_tok_is(&ps->tok, "class"))
        return parse_class(ps, &quals);
    if (mof_tok_is(&ps->tok, "instance")) {
        inst_rec *ir = NULL;
        if (has_quals)
            mof_build_quals(ps->c, &quals, MI_FLAG_ANY, NULL, 0, "instance");
        if (!parse_instance_body(ps, &ir))
            return false;
        if (ps->tok.kind != T_SEMI) {
            syntax(ps, "expected ';' after the instance declaration");
            return true;
        }
        advance(ps);
        return true;
    }
    if (mof_tok_is(&ps->tok, "qualifier")) {
        if (has_quals) {
            mof_error(ps->c, &quals.open, MI_RESULT_INVALID_PARAMETER,
                      "a qualifier declaration cannot have qualifiers");
            return false;
        }
        return parse_qualifier_decl(ps);
    }
    return syntax(ps, has_quals ? "expected 'class' or 'instance' after the qualifier list"
                                : "expected a class, instance or qualifier declaration or "
                                  "a #pragma");
}

void mof_parse_source(mof_comp *c, const mof_src *src)
{
    parser ps;
    memset(&ps, 0, sizeof ps);
    ps.c = c;
    mof_lex_init(&ps.lx, c, src);
    mof_lex(&ps.lx, &ps.tok);
    while (ps.tok.kind != T_EOF && !c->stop) {
        ps.depth = 0;
        if (!parse_statement(&ps) && !c->stop)
            sync_statement(&ps);
        mi_arena_destroy(&c->stmt);
    }
}
