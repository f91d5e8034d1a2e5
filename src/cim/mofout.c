/* mofout.c - MOF text of class declarations, qualifier declarations and instances.
 *
 * The layout is that of DMTF's schema files, with a regular 4-column indentation:
 *
 *   [Version ("2.42.0") : Restricted,
 *    Description (
 *        "A class derived from System that is a special collection of "
 *        "ManagedSystemElements. This collection is related to the providing of ")]
 *   class CIM_ComputerSystem : CIM_System {
 *       [Override ("NameFormat") : Restricted,
 *        ValueMap {"Other", "IP", "Dial", "HID", "NWA", "HWA", "X25", "ISDN", "IPX",
 *            "DCC", "ICD", "E.164"}]
 *       string NameFormat;
 *
 *       // inherited from CIM_ManagedElement
 *       [Description ("The Caption property is a short textual description."), MaxLen (64)]
 *       string Caption;
 *   };
 *
 * - A qualifier list, a declaration or a method signature stays on one line when it
 *   fits in MOF_LINE columns (list and declaration together when both fit). Otherwise
 *   the list has one qualifier per line, aligned after its '[', the declaration starts
 *   on the next line, and a method's parameters go one per line one step further in.
 * - A string value too long for its line becomes adjacent literals ("abc " "def"),
 *   each on its own line one step in from its qualifier (or declaration), cut after a
 *   space near MOF_TEXT columns (a word is never cut) or after an escaped newline.
 *   Array values flow, several elements per line, up to MOF_TEXT columns.
 * - Flavors: only DisableOverride and Restricted are written. EnableOverride and
 *   ToSubclass are the defaults, and whether Translatable (or any flavor) differs from
 *   the qualifier declaration cannot be told from a usage; the compiler takes the
 *   flavors not written from the declaration.
 * - Qualifiers implied by decl flags (Key, Abstract, In, Out, ...) are written when the
 *   list lacks them, so a hand-built decl prints truthfully; In is not added to a
 *   parameter that is not Out (a parameter without In or Out is In).
 * - Embedded instances are `string` with their EmbeddedInstance / EmbeddedObject
 *   qualifier (added when the list lacks it and the decl names the class), `object`
 *   when nothing names a class.
 * - MI_MOFOUT_LOCAL_ONLY: only the members this class declares or overrides, and of the
 *   class and of each overriding member (and its parameters) only the qualifiers not
 *   propagated unchanged from the superclass, except that those defining flags or type
 *   (Key, Association, In, Out, EmbeddedInstance, ...) are always written (the text a
 *   schema source file holds). Compiled after the qualifier declarations and the
 *   superclass, it gives back the same class. An overriding property whose default was
 *   removed says "= NULL".
 * - MI_MOFOUT_MARK_INHERITED: a comment line above each member,
 *   "// inherited from CIM_X" (X the class whose declaration is in effect) or
 *   "// overrides CIM_X" (X the superclass declaration this class overrides).
 * - MI_MOFOUT_NO_QUALIFIERS: compact, one line per member and no blank lines; only
 *   the qualifiers the flags and type imply stay (Key, Association, Abstract, In/Out,
 *   Static, EmbeddedInstance); marks trail the member.
 */
#include <string.h>

#include "base/str.h"
#include "cim/cim_int.h"

#define MOF_LINE 90u  /* a list, declaration or value stays on one line up to here */
#define MOF_TEXT 80u  /* wrapped string pieces and array rows end near this column */
#define MOF_STEP 4u   /* one indentation step */
#define MOF_TOO_WIDE ((size_t)1 << 24) /* width of a text that cannot be on one line */

/* An output in progress: where text goes (the destination, or `member` while a class
 * member is written), a scratch buffer for one-line texts that are measured before
 * they are written, and the text of the member being written. */
typedef struct mofw {
    mi_buf *out;
    mi_buf *dest;
    mi_buf flat;
    mi_buf member;
    unsigned flags;
    bool failed; /* a scratch buffer failed (a reset would forget it) */
} mofw;

static void mofw_init(mofw *w, mi_buf *out, unsigned flags)
{
    w->out = w->dest = out;
    w->flags = flags;
    w->failed = false;
    mi_buf_init(&w->flat, out->cap);
    mi_buf_init(&w->member, out->cap);
}

/* 0, or -1 when the destination or a scratch buffer failed; frees the scratch. */
static int mofw_done(mofw *w)
{
    bool failed = w->failed || mi_buf_failed(w->dest) || mi_buf_failed(&w->flat) ||
                  mi_buf_failed(&w->member);
    mi_buf_free(&w->flat);
    mi_buf_free(&w->member);
    return failed ? -1 : 0;
}

/* Empties a scratch buffer, remembering whether it had failed. */
static void scratch_reset(mofw *w, mi_buf *b)
{
    if (mi_buf_failed(b))
        w->failed = true;
    mi_buf_reset(b);
}

static bool noq(const mofw *w)
{
    return (w->flags & MI_MOFOUT_NO_QUALIFIERS) != 0;
}

/* Columns taken by UTF-8 text (one per character); MOF_TOO_WIDE if it has a newline. */
static size_t text_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            return MOF_TOO_WIDE;
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    }
    return w;
}

static size_t buf_width(const mi_buf *b)
{
    return b->data ? text_width(b->data, b->len) : 0;
}

/* The column the next character of b goes to (0-based). */
static size_t column(const mi_buf *b)
{
    size_t i = b->len;
    while (i > 0 && b->data[i - 1] != '\n')
        i--;
    return b->data ? text_width(b->data + i, b->len - i) : 0;
}

static void put_spaces(mi_buf *out, size_t n)
{
    static const char sp[] = "                                ";
    while (n > 0) {
        size_t k = n < sizeof sp - 1 ? n : sizeof sp - 1;
        mi_buf_append(out, sp, k);
        n -= k;
    }
}

static void newline_at(mi_buf *out, size_t col)
{
    mi_buf_putc(out, '\n');
    put_spaces(out, col);
}

/* The scratch text, appended to the output. */
static void put_flat(mofw *w)
{
    if (w->flat.data)
        mi_buf_append(w->out, w->flat.data, w->flat.len);
}

/* A value stored as the union member of type t (qualifier or default value) as an
 * MI_Value. */
static void unbox(MI_Type t, const void *p, MI_Value *v)
{
    memset(v, 0, sizeof *v);
    memcpy(v, p, mi_type_size(t));
}

static bool boxed_equal(MI_Type t, const void *x, const void *y)
{
    if (!x || !y)
        return x == y;
    MI_Value a, b;
    unbox(t, x, &a);
    unbox(t, y, &b);
    return mi_value_equal(t, &a, &b);
}

/* ---------------------------------------------------------------- values */

/* Offset just past the piece of escaped text s[p..n) that starts at p and fits in
 * `avail` columns: after the last space that keeps it (with that space) within avail,
 * or after the first space when a word is longer than that, or after an escaped
 * newline. Escapes (\", \\, \n, \xHHHH) are never cut. */
static size_t piece_end(const char *s, size_t p, size_t n, size_t avail)
{
    size_t width = 0, brk = 0;
    while (p < n) {
        size_t step = 1;
        bool newline = false;
        if (s[p] == '\\' && p + 1 < n) {
            step = s[p + 1] == 'x' ? 6 : 2;
            newline = s[p + 1] == 'n';
        } else {
            while (p + step < n && ((unsigned char)s[p + step] & 0xC0) == 0x80)
                step++;
        }
        bool space = s[p] == ' ';
        width += s[p] == '\\' ? step : 1;
        p = p + step < n ? p + step : n;
        if (newline)
            return p;
        if (width > avail && brk)
            return brk;
        if (space) {
            brk = p;
            if (width > avail)
                return brk;
        }
    }
    return n;
}

/* A string as adjacent literals, each on a new line at column `col`. */
static void put_pieces(mofw *w, const char *s, size_t col)
{
    scratch_reset(w, &w->flat);
    mi_mof_escape(&w->flat, s);
    const char *e = mi_buf_str(&w->flat);
    size_t n = w->flat.len;
    size_t avail = MOF_TEXT > col + 2 + 24 ? MOF_TEXT - col - 2 : 24;
    size_t p = 0;
    do {
        size_t end = piece_end(e, p, n, avail);
        newline_at(w->out, col);
        mi_buf_putc(w->out, '"');
        mi_buf_append(w->out, e + p, end - p);
        mi_buf_putc(w->out, '"');
        p = end;
    } while (p < n);
}

/* An array value, "{" elements "}", flowing up to MOF_TEXT with continuation lines at
 * column `col` (the last element's line also holds the `tail` columns that follow the
 * '}' within MOF_LINE); a string element too long for a line of its own is cut into
 * pieces. */
static void put_array(mofw *w, MI_Type t, const MI_Value *v, size_t col, size_t tail)
{
    MI_Type et = (MI_Type)(t & ~MI_ARRAY);
    size_t esz = mi_type_size(et);
    mi_buf_putc(w->out, '{');
    for (MI_Uint32 i = 0; i < v->array.size; i++) {
        MI_Value e;
        unbox(et, (const char *)v->array.data + i * esz, &e);
        scratch_reset(w, &w->flat);
        cim_value_to_mof(&w->flat, et, &e, 0, 0);
        size_t need = buf_width(&w->flat) + 1; /* and "," or "}" */
        if (i)
            mi_buf_putc(w->out, ',');
        size_t at = column(w->out) + (i ? 1 : 0);
        bool last = i + 1 == v->array.size;
        if (at + need <= MOF_TEXT && (!last || at + need + tail <= MOF_LINE)) {
            if (i)
                mi_buf_putc(w->out, ' ');
            put_flat(w);
        } else if (et == MI_STRING && e.string && col + need > MOF_TEXT) {
            put_pieces(w, e.string, col);
        } else {
            newline_at(w->out, col);
            put_flat(w);
        }
    }
    mi_buf_putc(w->out, '}');
}

/* Writes `lead` and value v of type t at the current position: on one line when it fits
 * in MOF_LINE columns with `tail` more columns after it, otherwise a string as pieces on
 * lines of their own at column `col` (after lead without its trailing spaces) and an
 * array flowing with continuation lines at `col`. Values of other types, and arrays of
 * references or instances, are always written as cim_value_to_mof writes them (level
 * and depth as there). */
static int put_value(mofw *w, MI_Type t, const MI_Value *v, size_t col, const char *lead,
                     size_t tail, unsigned level, unsigned depth)
{
    MI_Type et = (MI_Type)(t & ~MI_ARRAY);
    bool wrappable = (t == MI_STRING && v->string) ||
                     ((t & MI_ARRAY) && et != MI_INSTANCE && et != MI_REFERENCE);
    if (!wrappable) {
        mi_buf_puts(w->out, lead);
        if (cim_value_to_mof(w->out, t, v, level, depth) != 0)
            w->failed = true;
        return w->failed ? -1 : 0;
    }
    scratch_reset(w, &w->flat);
    if (cim_value_to_mof(&w->flat, t, v, level, depth) != 0) {
        w->failed = true;
        return -1;
    }
    size_t nl = strlen(lead);
    if (column(w->out) + text_width(lead, nl) + buf_width(&w->flat) + tail <= MOF_LINE) {
        mi_buf_puts(w->out, lead);
        put_flat(w);
    } else if (t == MI_STRING) {
        while (nl > 0 && lead[nl - 1] == ' ')
            nl--;
        mi_buf_append(w->out, lead, nl);
        put_pieces(w, v->string, col);
    } else {
        mi_buf_puts(w->out, lead);
        put_array(w, t, v, col, tail);
    }
    return mi_buf_failed(w->out) ? -1 : 0;
}

/* ---------------------------------------------------------------- qualifier lists */

/* Qualifiers implied by flags: name and the flag that implies it. */
typedef struct implied {
    MI_Uint32 flag;
    const char *name;
} implied;

static const implied class_implied[] = {
    {MI_FLAG_ASSOCIATION, "Association"}, {MI_FLAG_INDICATION, "Indication"},
    {MI_FLAG_ABSTRACT, "Abstract"}, {MI_FLAG_TERMINAL, "Terminal"}, {0, NULL}};
static const implied property_implied[] = {
    {MI_FLAG_KEY, "Key"}, {MI_FLAG_REQUIRED, "Required"}, {0, NULL}};
static const implied method_implied[] = {{MI_FLAG_STATIC, "Static"}, {0, NULL}};
static const implied param_implied[] = {
    {MI_FLAG_IN, "In"}, {MI_FLAG_OUT, "Out"}, {MI_FLAG_REQUIRED, "Required"}, {0, NULL}};

#define QL_EXTRA 6

static const MI_Boolean k_true = MI_TRUE;

/* The qualifiers written for one element: those implied by its flags, then its own
 * list (less those propagated unchanged from `base`), then the qualifier that makes a
 * string an embedded instance. Not copyable (extra values point into it). */
typedef struct qlist {
    MI_Qualifier MI_CONST *MI_CONST *q;
    MI_Uint32 n;
    const implied *imp;
    MI_Qualifier MI_CONST *MI_CONST *base; /* the overridden element's list, or NULL */
    MI_Uint32 nbase;
    MI_Qualifier extra[QL_EXTRA];
    unsigned nimplied;
    unsigned nextra;
    const MI_Char *emb_class;  /* value of the added EmbeddedInstance */
    bool as_string;            /* an embedded instance typed `string` (else `object`) */
} qlist;

/* base/nbase: the qualifiers of the element this one overrides (superclass decl), used
 * with MI_MOFOUT_LOCAL_ONLY only. */
static void ql_init(qlist *l, const mofw *w, MI_Qualifier MI_CONST *MI_CONST *q, MI_Uint32 n,
                    MI_Uint32 flags, const implied *imp, MI_Qualifier MI_CONST *MI_CONST *base,
                    MI_Uint32 nbase)
{
    memset(l, 0, sizeof *l);
    /* Compact output still says what the flags say (Key, Association, In/Out, ...). */
    if (!noq(w)) {
        l->q = q;
        l->n = q ? n : 0;
    }
    l->imp = imp;
    if (!noq(w) && (w->flags & MI_MOFOUT_LOCAL_ONLY)) {
        l->base = base;
        l->nbase = base ? nbase : 0;
    }
    for (const implied *i = imp; i->name; i++) {
        if (!(flags & i->flag) || mi_qualifier_find(l->q, l->n, i->name))
            continue;
        if (imp == param_implied && i->flag == MI_FLAG_IN && !(flags & MI_FLAG_OUT))
            continue;
        MI_Qualifier *x = &l->extra[l->nextra++];
        x->name = i->name;
        x->type = MI_BOOLEAN;
        x->value = &k_true;
    }
    l->nimplied = l->nextra;
}

/* For an element of type `type`: decides how an embedded instance is typed and adds
 * EmbeddedInstance when the class is known but not said by the list. */
static void ql_embedded(qlist *l, const mofw *w, MI_Uint32 type, const char *className)
{
    if ((type & ~MI_ARRAY) != MI_INSTANCE)
        return;
    if (!noq(w) && (mi_qualifier_find(l->q, l->n, "EmbeddedInstance") ||
                    mi_qualifier_find(l->q, l->n, "EmbeddedObject"))) {
        l->as_string = true;
        return;
    }
    if (!className)
        return;
    l->emb_class = className;
    MI_Qualifier *x = &l->extra[l->nextra++];
    x->name = "EmbeddedInstance";
    x->type = MI_STRING;
    x->value = &l->emb_class;
    l->as_string = true;
}

static unsigned ql_count(const qlist *l)
{
    return l->nextra + l->n;
}

/* Does the qualifier set a flag of the element or make it an embedded instance? */
static bool ql_defining(const qlist *l, const char *name)
{
    for (const implied *i = l->imp; i && i->name; i++) {
        if (mi_name_eq(i->name, name))
            return true;
    }
    return mi_name_eq(name, "EmbeddedInstance") || mi_name_eq(name, "EmbeddedObject");
}

/* Entry i, or NULL when it is left out: propagated unchanged from the base and not
 * one that defines the element's flags or type (Key, In, Out, ... stay, as in DMTF's
 * own files). */
static const MI_Qualifier *ql_at(const qlist *l, unsigned i)
{
    if (i < l->nimplied)
        return &l->extra[i];
    i -= l->nimplied;
    if (i >= l->n)
        return &l->extra[l->nimplied + (i - l->n)];
    const MI_Qualifier *q = l->q[i];
    const MI_Qualifier *b = l->base ? mi_qualifier_find(l->base, l->nbase, q->name) : NULL;
    if (b && !(b->flavor & MI_FLAG_RESTRICTED) && !ql_defining(l, q->name) &&
        (b == q || (b->type == q->type && b->flavor == q->flavor &&
                    boxed_equal((MI_Type)q->type, b->value, q->value))))
        return NULL;
    return q;
}

static void put_flavors(mi_buf *b, MI_Uint32 f)
{
    if (!(f & (MI_FLAG_DISABLEOVERRIDE | MI_FLAG_RESTRICTED)))
        return;
    mi_buf_puts(b, " :");
    if (f & MI_FLAG_DISABLEOVERRIDE)
        mi_buf_puts(b, " DisableOverride");
    if (f & MI_FLAG_RESTRICTED)
        mi_buf_puts(b, " Restricted");
}

static size_t flavors_width(MI_Uint32 f)
{
    if (!(f & (MI_FLAG_DISABLEOVERRIDE | MI_FLAG_RESTRICTED)))
        return 0;
    return 2 + ((f & MI_FLAG_DISABLEOVERRIDE) ? 16 : 0) + ((f & MI_FLAG_RESTRICTED) ? 11 : 0);
}

/* One qualifier on one line: Name, Name (value), Name {values}, then its flavors. */
static void qual_flat(mi_buf *b, const MI_Qualifier *q)
{
    MI_Type t = (MI_Type)q->type;
    mi_buf_puts(b, q->name);
    if (!q->value) {
        mi_buf_puts(b, " (NULL)");
    } else if (t == MI_BOOLEAN) {
        if (!*(const MI_Boolean *)q->value)
            mi_buf_puts(b, " (FALSE)");
    } else {
        MI_Value v;
        unbox(t, q->value, &v);
        mi_buf_puts(b, (t & MI_ARRAY) ? " " : " (");
        cim_value_to_mof(b, t, &v, 0, 0);
        if (!(t & MI_ARRAY))
            mi_buf_putc(b, ')');
    }
    put_flavors(b, q->flavor);
}

/* One qualifier at the current position, its value wrapped when too long; `tail`
 * columns follow it on its last line. */
static void qual_put(mofw *w, const MI_Qualifier *q, size_t col, size_t tail)
{
    MI_Type t = (MI_Type)q->type;
    if (!q->value || t == MI_BOOLEAN || !cim_type_valid(t)) {
        qual_flat(w->out, q);
        return;
    }
    MI_Value v;
    unbox(t, q->value, &v);
    mi_buf_puts(w->out, q->name);
    size_t ftail = flavors_width(q->flavor) + tail;
    if (t & MI_ARRAY) {
        put_value(w, t, &v, col, " ", ftail, 0, 0);
    } else {
        put_value(w, t, &v, col, " (", ftail + 1, 0, 0);
        mi_buf_putc(w->out, ')');
    }
    put_flavors(w->out, q->flavor);
}

/* "[q1, q2]" on one line; nothing when the list is empty. */
static void ql_flat(mi_buf *b, const qlist *l)
{
    bool any = false;
    for (unsigned i = 0; i < ql_count(l); i++) {
        const MI_Qualifier *q = ql_at(l, i);
        if (!q)
            continue;
        mi_buf_puts(b, any ? ", " : "[");
        any = true;
        qual_flat(b, q);
    }
    if (any)
        mi_buf_putc(b, ']');
}

/* The list with one qualifier per line, the '[' at the current column. */
static void ql_broken(mofw *w, const qlist *l)
{
    size_t col = column(w->out) + 1;
    unsigned last = 0;
    for (unsigned i = 0; i < ql_count(l); i++) {
        if (ql_at(l, i))
            last = i;
    }
    bool any = false;
    for (unsigned i = 0; i < ql_count(l); i++) {
        const MI_Qualifier *q = ql_at(l, i);
        if (!q)
            continue;
        if (any) {
            mi_buf_putc(w->out, ',');
            newline_at(w->out, col);
        } else {
            mi_buf_putc(w->out, '[');
        }
        any = true;
        qual_put(w, q, col + MOF_STEP, 1);
        if (i == last)
            mi_buf_putc(w->out, ']');
    }
}

/* Writes the list of an element whose declaration starts at the current column and is
 * decl_width columns on one line: the list and a space when both fit on the line (or
 * always with MI_MOFOUT_NO_QUALIFIERS), else the list (broken when too wide) and a new
 * line at the same column. Nothing for an empty list. */
static void put_list(mofw *w, const qlist *l, size_t decl_width)
{
    scratch_reset(w, &w->flat);
    ql_flat(&w->flat, l);
    size_t lw = buf_width(&w->flat);
    if (lw == 0)
        return;
    size_t col = column(w->out);
    if (noq(w) || col + lw + 1 + decl_width <= MOF_LINE) {
        put_flat(w);
        mi_buf_putc(w->out, ' ');
        return;
    }
    if (col + lw <= MOF_LINE)
        put_flat(w);
    else
        ql_broken(w, l);
    newline_at(w->out, col);
}

/* ---------------------------------------------------------------- declarations */

/* "<type> <name>" with array brackets after the name; an embedded instance is `string`
 * when a qualifier says it, else `object`. */
static void put_typed_name(mi_buf *out, MI_Uint32 type, const char *className,
                           MI_Uint32 subscript, const char *name, bool as_string)
{
    MI_Type et = (MI_Type)(type & ~MI_ARRAY);
    if (et == MI_REFERENCE)
        mi_buf_printf(out, "%s REF", className ? className : "object");
    else if (et == MI_INSTANCE)
        mi_buf_puts(out, as_string ? "string" : "object");
    else
        mi_buf_puts(out, mi_type_name(et) ? mi_type_name(et) : "unknown");
    mi_buf_printf(out, " %s", name);
    if (type & MI_ARRAY) {
        if (subscript)
            mi_buf_printf(out, "[%u]", (unsigned)subscript);
        else
            mi_buf_puts(out, "[]");
    }
}

/* How a member relates to the class printed: declared here, overriding, inherited. */
typedef struct member_kind {
    const char *inherited_from; /* the class whose declaration is in effect, or NULL */
    const char *overrides;      /* the class of the overridden declaration, or NULL */
} member_kind;

static member_kind kind_of(const MI_ClassDecl *cd, const char *origin, const char *propagator,
                           const char *base_propagator)
{
    member_kind k = {NULL, NULL};
    const char *from = propagator ? propagator : origin;
    if (!from || !cd->name)
        return k;
    if (!mi_name_eq(from, cd->name))
        k.inherited_from = from;
    else if (origin && !mi_name_eq(origin, cd->name))
        k.overrides = base_propagator ? base_propagator : origin;
    return k;
}

/* Starts a member: the indentation and the mark line above it (not in compact
 * output). */
static void member_begin(mofw *w, const member_kind *k)
{
    put_spaces(w->out, MOF_STEP);
    if (!(w->flags & MI_MOFOUT_MARK_INHERITED) || noq(w))
        return;
    if (k->inherited_from)
        mi_buf_printf(w->out, "// inherited from %s", k->inherited_from);
    else if (k->overrides)
        mi_buf_printf(w->out, "// overrides %s", k->overrides);
    else
        return;
    newline_at(w->out, MOF_STEP);
}

/* Ends a member after its ';': the trailing mark in compact output, the newline. */
static void member_end(mofw *w, const member_kind *k)
{
    if ((w->flags & MI_MOFOUT_MARK_INHERITED) && noq(w)) {
        if (k->inherited_from)
            mi_buf_printf(w->out, " // inherited from %s", k->inherited_from);
        else if (k->overrides)
            mi_buf_printf(w->out, " // overrides %s", k->overrides);
    }
    mi_buf_putc(w->out, '\n');
}

/* "type Name[] = default;" on one line (or "= NULL" when `null_default`). */
static void property_flat(mi_buf *b, const MI_PropertyDecl *pd, const qlist *l,
                          bool null_default)
{
    put_typed_name(b, pd->type, pd->className, pd->subscript, pd->name, l->as_string);
    if (pd->value) {
        MI_Value v;
        unbox((MI_Type)pd->type, pd->value, &v);
        mi_buf_puts(b, " = ");
        cim_value_to_mof(b, (MI_Type)pd->type, &v, 1, 0);
    } else if (null_default) {
        mi_buf_puts(b, " = NULL");
    }
    mi_buf_putc(b, ';');
}

static void put_property(mofw *w, const MI_ClassDecl *cd, const MI_PropertyDecl *pd)
{
    const MI_PropertyDecl *base = NULL;
    if (cd->superClassDecl && pd->origin && cd->name && !mi_name_eq(pd->origin, cd->name))
        base = mi_classdecl_property(cd->superClassDecl, pd->name, NULL);
    member_kind k = kind_of(cd, pd->origin, pd->propagator, base ? base->propagator : NULL);
    if (k.inherited_from && (w->flags & MI_MOFOUT_LOCAL_ONLY))
        return;
    member_begin(w, &k);
    bool null_default = !pd->value && base && base->value && !k.inherited_from;
    qlist l;
    ql_init(&l, w, pd->qualifiers, pd->numQualifiers, pd->flags, property_implied,
            base ? base->qualifiers : NULL, base ? base->numQualifiers : 0);
    ql_embedded(&l, w, pd->type, pd->className);
    scratch_reset(w, &w->flat);
    property_flat(&w->flat, pd, &l, null_default);
    put_list(w, &l, buf_width(&w->flat));
    if (noq(w)) {
        property_flat(w->out, pd, &l, null_default);
    } else {
        put_typed_name(w->out, pd->type, pd->className, pd->subscript, pd->name, l.as_string);
        if (pd->value) {
            MI_Value v;
            unbox((MI_Type)pd->type, pd->value, &v);
            put_value(w, (MI_Type)pd->type, &v, 2 * MOF_STEP, " = ", 1, 1, 0);
        } else if (null_default) {
            mi_buf_puts(w->out, " = NULL");
        }
        mi_buf_putc(w->out, ';');
    }
    member_end(w, &k);
}

/* The parameter of the overridden method with the same name, or NULL. */
static const MI_ParameterDecl *base_param(const MI_MethodDecl *base, const char *name)
{
    for (MI_Uint32 i = 0; base && i < base->numParameters; i++) {
        if (mi_name_eq(base->parameters[i]->name, name))
            return base->parameters[i];
    }
    return NULL;
}

static void param_list(qlist *l, const mofw *w, const MI_ParameterDecl *p,
                       const MI_MethodDecl *base)
{
    const MI_ParameterDecl *bp = base_param(base, p->name);
    ql_init(l, w, p->qualifiers, p->numQualifiers, p->flags, param_implied,
            bp ? bp->qualifiers : NULL, bp ? bp->numQualifiers : 0);
    ql_embedded(l, w, p->type, p->className);
}

/* The MIReturn pseudo-parameter of a method, or NULL for a void method. */
static const MI_ParameterDecl *return_param(const MI_MethodDecl *md)
{
    if (md->numParameters && md->parameters[0]->name &&
        mi_name_eq(md->parameters[0]->name, "MIReturn"))
        return md->parameters[0];
    return NULL;
}

/* "rtype Name(" */
static void method_head(mi_buf *b, const MI_MethodDecl *md, const qlist *ml)
{
    const MI_ParameterDecl *ret = return_param(md);
    if (ret)
        put_typed_name(b, ret->type & ~MI_ARRAY, ret->className, 0, md->name, ml->as_string);
    else
        mi_buf_printf(b, "void %s", md->name);
    mi_buf_putc(b, '(');
}

/* "rtype Name([q] type p, ...);" on one line. */
static void method_flat(mi_buf *b, const mofw *w, const MI_MethodDecl *md, const qlist *ml,
                        const MI_MethodDecl *base)
{
    method_head(b, md, ml);
    MI_Uint32 first = return_param(md) ? 1 : 0;
    for (MI_Uint32 i = first; i < md->numParameters; i++) {
        const MI_ParameterDecl *p = md->parameters[i];
        qlist pl;
        param_list(&pl, w, p, base);
        if (i > first)
            mi_buf_puts(b, ", ");
        size_t before = b->len;
        ql_flat(b, &pl);
        if (b->len != before)
            mi_buf_putc(b, ' ');
        put_typed_name(b, p->type, p->className, p->subscript, p->name, pl.as_string);
    }
    mi_buf_puts(b, ");");
}

static void put_method(mofw *w, const MI_ClassDecl *cd, const MI_MethodDecl *md)
{
    const MI_MethodDecl *base = NULL;
    if (cd->superClassDecl && md->origin && cd->name && !mi_name_eq(md->origin, cd->name))
        base = mi_classdecl_method(cd->superClassDecl, md->name, NULL);
    member_kind k = kind_of(cd, md->origin, md->propagator, base ? base->propagator : NULL);
    if (k.inherited_from && (w->flags & MI_MOFOUT_LOCAL_ONLY))
        return;
    member_begin(w, &k);
    const MI_ParameterDecl *ret = return_param(md);
    qlist ml;
    ql_init(&ml, w, md->qualifiers, md->numQualifiers, md->flags, method_implied,
            base ? base->qualifiers : NULL, base ? base->numQualifiers : 0);
    if (ret)
        ql_embedded(&ml, w, ret->type, ret->className);
    scratch_reset(w, &w->flat);
    method_flat(&w->flat, w, md, &ml, base);
    size_t sw = buf_width(&w->flat);
    put_list(w, &ml, sw);
    if (noq(w) || column(w->out) + sw <= MOF_LINE) {
        scratch_reset(w, &w->flat);
        method_flat(&w->flat, w, md, &ml, base);
        put_flat(w);
    } else {
        method_head(w->out, md, &ml);
        MI_Uint32 firstp = ret ? 1 : 0;
        for (MI_Uint32 i = firstp; i < md->numParameters; i++) {
            const MI_ParameterDecl *p = md->parameters[i];
            bool last = i + 1 == md->numParameters;
            qlist pl;
            param_list(&pl, w, p, base);
            newline_at(w->out, 2 * MOF_STEP);
            scratch_reset(w, &w->flat);
            put_typed_name(&w->flat, p->type, p->className, p->subscript, p->name,
                           pl.as_string);
            put_list(w, &pl, buf_width(&w->flat) + (last ? 2 : 1));
            put_typed_name(w->out, p->type, p->className, p->subscript, p->name,
                           pl.as_string);
            if (!last)
                mi_buf_putc(w->out, ',');
        }
        mi_buf_puts(w->out, ");");
    }
    member_end(w, &k);
}

int mi_class_to_mof(mi_buf *out, const MI_ClassDecl *cd, unsigned flags)
{
    if (!out || !cd || !cd->name)
        return -1;
    if (cim_decl_is_method(cd)) {
        cim_fail(MI_RESULT_INVALID_PARAMETER, "mi_class_to_mof: %s is a method decl", cd->name);
        return -1;
    }
    mofw w;
    mofw_init(&w, out, flags);
    const MI_ClassDecl *sup = cd->superClassDecl;
    qlist l;
    ql_init(&l, &w, cd->qualifiers, cd->numQualifiers, cd->flags, class_implied,
            sup ? sup->qualifiers : NULL, sup ? sup->numQualifiers : 0);
    put_list(&w, &l, MOF_TOO_WIDE);
    mi_buf_printf(out, "class %s", cd->name);
    if (cd->superClass)
        mi_buf_printf(out, " : %s", cd->superClass);
    mi_buf_puts(out, " {\n");
    bool first = true, multi = false;
    for (MI_Uint32 i = 0; i < cd->numProperties + cd->numMethods; i++) {
        scratch_reset(&w, &w.member);
        w.out = &w.member;
        if (i < cd->numProperties)
            put_property(&w, cd, cd->properties[i]);
        else
            put_method(&w, cd, cd->methods[i - cd->numProperties]);
        w.out = out;
        if (!w.member.len)
            continue;
        /* a blank line between members, but not between two one-line members */
        bool lines = memchr(w.member.data, '\n', w.member.len - 1) != NULL;
        if (!first && !noq(&w) && (lines || multi))
            mi_buf_putc(out, '\n');
        mi_buf_append(out, w.member.data, w.member.len);
        first = false;
        multi = lines;
    }
    mi_buf_puts(out, "};\n");
    return mofw_done(&w);
}

/* ---------------------------------------------------------------- qualifier declarations */

int mi_qualifierdecl_to_mof(mi_buf *out, const MI_QualifierDecl *qd)
{
    static const struct {
        MI_Uint32 bit;
        const char *name;
    } scopes[] = {
        {MI_FLAG_CLASS, "class"},         {MI_FLAG_ASSOCIATION, "association"},
        {MI_FLAG_INDICATION, "indication"}, {MI_FLAG_PROPERTY, "property"},
        {MI_FLAG_REFERENCE, "reference"}, {MI_FLAG_METHOD, "method"},
        {MI_FLAG_PARAMETER, "parameter"},
    };
    static const struct {
        MI_Uint32 bit;
        const char *name;
    } flavors[] = {
        {MI_FLAG_ENABLEOVERRIDE, "EnableOverride"}, {MI_FLAG_DISABLEOVERRIDE, "DisableOverride"},
        {MI_FLAG_TOSUBCLASS, "ToSubclass"},         {MI_FLAG_RESTRICTED, "Restricted"},
        {MI_FLAG_TRANSLATABLE, "Translatable"},
    };
    if (!out || !qd || !qd->name)
        return -1;
    MI_Type et = (MI_Type)(qd->type & ~MI_ARRAY);
    if (!cim_type_valid(qd->type) || et == MI_REFERENCE || et == MI_INSTANCE) {
        cim_fail(MI_RESULT_INVALID_PARAMETER, "qualifier %s: type %u cannot be declared",
                 qd->name, (unsigned)qd->type);
        return -1;
    }
    mi_buf_printf(out, "Qualifier %s : %s", qd->name, mi_type_name(et));
    if (qd->type & MI_ARRAY) {
        if (qd->subscript)
            mi_buf_printf(out, "[%u]", (unsigned)qd->subscript);
        else
            mi_buf_puts(out, "[]");
    }
    if (qd->value) {
        MI_Value v;
        unbox((MI_Type)qd->type, qd->value, &v);
        mi_buf_puts(out, " = ");
        cim_value_to_mof(out, (MI_Type)qd->type, &v, 0, 0);
    }
    mi_buf_puts(out, ",\n" "    Scope(");
    if ((qd->scope & MI_FLAG_ANY) == MI_FLAG_ANY) {
        mi_buf_puts(out, "any");
    } else if (!(qd->scope & MI_FLAG_ANY)) {
        mi_buf_puts(out, "qualifier"); /* read back as no scope bit */
    } else {
        bool any = false;
        for (size_t i = 0; i < sizeof scopes / sizeof scopes[0]; i++) {
            if (!(qd->scope & scopes[i].bit))
                continue;
            mi_buf_printf(out, "%s%s", any ? ", " : "", scopes[i].name);
            any = true;
        }
    }
    mi_buf_putc(out, ')');
    bool any = false;
    for (size_t i = 0; i < sizeof flavors / sizeof flavors[0]; i++) {
        if (!(qd->flavor & flavors[i].bit))
            continue;
        mi_buf_puts(out, any ? ", " : ",\n    Flavor(");
        mi_buf_puts(out, flavors[i].name);
        any = true;
    }
    if (any)
        mi_buf_putc(out, ')');
    return mi_buf_puts(out, ";\n");
}

/* ---------------------------------------------------------------- instances */

/* The default value of element i in the instance's class decl, or NULL (none, or the
 * instance is dynamic, a parameter set or read through a foreign function table). */
static const void *default_of(const MI_Instance *inst, MI_Uint32 i)
{
    const MI_ClassDecl *cd = inst->classDecl;
    if (!cd || cim_decl_is_method(cd) || cim_inst_dynamic(inst) || i >= cd->numProperties)
        return NULL;
    if (inst->ft && inst->ft != &mi_instance_ft && !cim_inst_ours(inst))
        return NULL;
    return cd->properties[i]->value;
}

int cim_instance_body_to_mof(mi_buf *out, const MI_Instance *inst, unsigned indent,
                             unsigned depth)
{
    if (depth > CIM_MAX_NESTING) {
        cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "embedded instances nested deeper than %d",
                 CIM_MAX_NESTING);
        return -1;
    }
    mofw w;
    mofw_init(&w, out, 0);
    int rc = 0;
    const char *cls = cim_inst_class_name(inst);
    mi_buf_printf(out, "instance of %s\n", cls ? cls : "(unnamed)");
    put_spaces(out, indent * MOF_STEP);
    mi_buf_puts(out, "{\n");
    MI_Uint32 n = cim_inst_count(inst);
    for (MI_Uint32 i = 0; rc == 0 && i < n; i++) {
        const char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f;
        if (cim_inst_get_at(inst, i, &name, &v, &t, &f) != MI_RESULT_OK) {
            rc = -1;
            break;
        }
        bool null = (f & MI_FLAG_NULL) != 0;
        if (null && !default_of(inst, i))
            continue;
        put_spaces(out, (indent + 1) * MOF_STEP);
        mi_buf_puts(out, name);
        if (null)
            mi_buf_puts(out, " = NULL");
        else
            rc = put_value(&w, t, &v, (indent + 2) * MOF_STEP, " = ", 1, indent + 1, depth);
        mi_buf_puts(out, ";\n");
    }
    if (rc == 0) {
        put_spaces(out, indent * MOF_STEP);
        mi_buf_putc(out, '}');
    }
    if (mofw_done(&w) != 0)
        rc = -1;
    return rc;
}

int mi_instance_to_mof(mi_buf *out, const MI_Instance *inst, unsigned indent)
{
    if (!out || !inst)
        return -1;
    put_spaces(out, indent * MOF_STEP);
    if (cim_instance_body_to_mof(out, inst, indent, 0) != 0)
        return -1;
    return mi_buf_puts(out, ";\n");
}
