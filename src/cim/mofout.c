/* mofout.c - MOF text of class declarations and instances.
 *
 * Classes come out in DSP0004 (MOF 2) syntax: qualifier lists in brackets with their
 * flavors only where they differ from the default (EnableOverride ToSubclass, not
 * Translatable), `class Name : Super { ... };`, properties `type Name[] = default;`,
 * references `Class REF Name`, embedded instances as `string` with their
 * EmbeddedInstance / EmbeddedObject qualifier, and methods with their parameters.
 * Qualifiers implied by decl flags (Key, In, Out, Abstract, ...) are written when the
 * qualifier list lacks them, so a hand-built decl prints truthfully.
 */
#include <string.h>

#include "base/str.h"
#include "cim/cim_int.h"

#define INDENT "    "

static void put_indent(mi_buf *out, unsigned level)
{
    for (unsigned i = 0; i < level; i++)
        mi_buf_puts(out, INDENT);
}

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

/* Collects qualifier text into a comma-separated list, opening '[' on first use. */
typedef struct qlist {
    mi_buf *out;
    unsigned count;
} qlist;

static void q_sep(qlist *q)
{
    mi_buf_puts(q->out, q->count++ ? ", " : "[");
}

static void put_qualifier(qlist *q, const MI_Qualifier *qu)
{
    q_sep(q);
    mi_buf_puts(q->out, qu->name);
    MI_Type t = (MI_Type)qu->type;
    if (!qu->value) {
        mi_buf_puts(q->out, " (NULL)");
    } else if (t == MI_BOOLEAN) {
        if (!*(const MI_Boolean *)qu->value)
            mi_buf_puts(q->out, " (FALSE)");
    } else {
        MI_Value v;
        memset(&v, 0, sizeof v);
        memcpy(&v, qu->value, mi_type_size(t));
        mi_buf_puts(q->out, (t & MI_ARRAY) ? " " : " (");
        mi_value_to_mof(q->out, t, &v, 0);
        if (!(t & MI_ARRAY))
            mi_buf_putc(q->out, ')');
    }
    MI_Uint32 f = qu->flavor;
    if (f & (MI_FLAG_DISABLEOVERRIDE | MI_FLAG_RESTRICTED | MI_FLAG_TRANSLATABLE)) {
        mi_buf_puts(q->out, " :");
        if (f & MI_FLAG_DISABLEOVERRIDE)
            mi_buf_puts(q->out, " DisableOverride");
        if (f & MI_FLAG_RESTRICTED)
            mi_buf_puts(q->out, " Restricted");
        if (f & MI_FLAG_TRANSLATABLE)
            mi_buf_puts(q->out, " Translatable");
    }
}

/* Writes "[q1, q2]" + close (nothing when empty). `embedded` is the className of an
 * MI_INSTANCE(A) member (or "" for EmbeddedObject), NULL for other types. */
static void put_qualifiers(mi_buf *out, MI_Qualifier MI_CONST *MI_CONST *qs, MI_Uint32 n,
                           MI_Uint32 flags, const implied *imp, const char *embedded,
                           unsigned mofflags, const char *close)
{
    qlist q = {out, 0};
    bool noq = (mofflags & MI_MOFOUT_NO_QUALIFIERS) != 0;
    if (!noq) {
        for (const implied *i = imp; i->name; i++) {
            if ((flags & i->flag) && !mi_qualifier_find(qs, n, i->name)) {
                q_sep(&q);
                mi_buf_puts(out, i->name);
            }
        }
        for (MI_Uint32 i = 0; qs && i < n; i++)
            put_qualifier(&q, qs[i]);
    }
    if (embedded && (noq || (!mi_qualifier_find(qs, n, "EmbeddedInstance") &&
                             !mi_qualifier_find(qs, n, "EmbeddedObject")))) {
        q_sep(&q);
        if (*embedded) {
            mi_buf_puts(out, "EmbeddedInstance (\"");
            mi_mof_escape(out, embedded);
            mi_buf_puts(out, "\")");
        } else {
            mi_buf_puts(out, "EmbeddedObject");
        }
    }
    if (q.count) {
        mi_buf_putc(out, ']');
        mi_buf_puts(out, close);
    }
}

static const char *embedded_of(MI_Uint32 type, const char *className)
{
    MI_Type et = (MI_Type)(type & ~MI_ARRAY);
    if (et != MI_INSTANCE)
        return NULL;
    return className ? className : "";
}

/* Writes "<type> <name>" with array brackets after the name. */
static void put_typed_name(mi_buf *out, MI_Uint32 type, const char *className,
                           MI_Uint32 subscript, const char *name)
{
    MI_Type et = (MI_Type)(type & ~MI_ARRAY);
    if (et == MI_REFERENCE)
        mi_buf_printf(out, "%s REF", className ? className : "object");
    else if (et == MI_INSTANCE)
        mi_buf_puts(out, "string");
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

/* The class a member comes from when it is inherited (NULL when cd declares or
 * overrides it). */
static const char *inherited_from(const MI_ClassDecl *cd, const char *origin,
                                  const char *propagator)
{
    const char *from = propagator ? propagator : origin;
    if (!from || !cd->name || mi_name_eq(from, cd->name))
        return NULL;
    return from;
}

static void put_property(mi_buf *out, const MI_ClassDecl *cd, const MI_PropertyDecl *pd,
                         unsigned flags)
{
    const char *from = inherited_from(cd, pd->origin, pd->propagator);
    if (from && (flags & MI_MOFOUT_LOCAL_ONLY))
        return;
    put_indent(out, 1);
    put_qualifiers(out, pd->qualifiers, pd->numQualifiers, pd->flags, property_implied,
                   embedded_of(pd->type, pd->className), flags, " ");
    put_typed_name(out, pd->type, pd->className, pd->subscript, pd->name);
    if (pd->value) {
        MI_Value v;
        memset(&v, 0, sizeof v);
        memcpy(&v, pd->value, mi_type_size((MI_Type)pd->type));
        mi_buf_puts(out, " = ");
        mi_value_to_mof(out, (MI_Type)pd->type, &v, 1);
    }
    mi_buf_putc(out, ';');
    if (from && (flags & MI_MOFOUT_MARK_INHERITED))
        mi_buf_printf(out, " // inherited from %s", from);
    mi_buf_putc(out, '\n');
}

static void put_method(mi_buf *out, const MI_ClassDecl *cd, const MI_MethodDecl *md,
                       unsigned flags)
{
    const char *from = inherited_from(cd, md->origin, md->propagator);
    if (from && (flags & MI_MOFOUT_LOCAL_ONLY))
        return;
    MI_Uint32 first = 0;
    const MI_ParameterDecl *ret = NULL;
    if (md->numParameters && md->parameters[0]->name &&
        mi_name_eq(md->parameters[0]->name, "MIReturn")) {
        ret = md->parameters[0];
        first = 1;
    }
    put_indent(out, 1);
    put_qualifiers(out, md->qualifiers, md->numQualifiers, md->flags, method_implied,
                   ret ? embedded_of(ret->type, ret->className) : NULL, flags, " ");
    if (ret)
        put_typed_name(out, ret->type & ~MI_ARRAY, ret->className, 0, md->name);
    else
        mi_buf_printf(out, "void %s", md->name);
    mi_buf_putc(out, '(');
    for (MI_Uint32 i = first; i < md->numParameters; i++) {
        const MI_ParameterDecl *p = md->parameters[i];
        if (i > first)
            mi_buf_puts(out, ", ");
        put_qualifiers(out, p->qualifiers, p->numQualifiers, p->flags, param_implied,
                       embedded_of(p->type, p->className), flags, " ");
        put_typed_name(out, p->type, p->className, p->subscript, p->name);
    }
    mi_buf_puts(out, ");");
    if (from && (flags & MI_MOFOUT_MARK_INHERITED))
        mi_buf_printf(out, " // inherited from %s", from);
    mi_buf_putc(out, '\n');
}

int mi_class_to_mof(mi_buf *out, const MI_ClassDecl *cd, unsigned flags)
{
    if (!out || !cd || !cd->name)
        return -1;
    if (cim_decl_is_method(cd)) {
        cim_fail(MI_RESULT_INVALID_PARAMETER, "mi_class_to_mof: %s is a method decl", cd->name);
        return -1;
    }
    put_qualifiers(out, cd->qualifiers, cd->numQualifiers, cd->flags, class_implied, NULL,
                   flags, "\n");
    mi_buf_printf(out, "class %s", cd->name);
    if (cd->superClass)
        mi_buf_printf(out, " : %s", cd->superClass);
    mi_buf_puts(out, "\n{\n");
    for (MI_Uint32 i = 0; i < cd->numProperties; i++)
        put_property(out, cd, cd->properties[i], flags);
    for (MI_Uint32 i = 0; i < cd->numMethods; i++)
        put_method(out, cd, cd->methods[i], flags);
    return mi_buf_puts(out, "};\n");
}

int cim_instance_body_to_mof(mi_buf *out, const MI_Instance *inst, unsigned indent,
                             unsigned depth)
{
    if (depth > CIM_MAX_NESTING) {
        cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "embedded instances nested deeper than %d",
                 CIM_MAX_NESTING);
        return -1;
    }
    const char *cls = cim_inst_class_name(inst);
    mi_buf_printf(out, "instance of %s\n", cls ? cls : "(unnamed)");
    put_indent(out, indent);
    int rc = mi_buf_puts(out, "{\n");
    MI_Uint32 n = cim_inst_count(inst);
    for (MI_Uint32 i = 0; rc == 0 && i < n; i++) {
        const char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f;
        if (cim_inst_get_at(inst, i, &name, &v, &t, &f) != MI_RESULT_OK)
            return -1;
        if (f & MI_FLAG_NULL)
            continue;
        put_indent(out, indent + 1);
        mi_buf_printf(out, "%s = ", name);
        rc = cim_value_to_mof(out, t, &v, indent + 1, depth);
        if (rc == 0)
            rc = mi_buf_puts(out, ";\n");
    }
    if (rc != 0)
        return -1;
    put_indent(out, indent);
    return mi_buf_putc(out, '}');
}

int mi_instance_to_mof(mi_buf *out, const MI_Instance *inst, unsigned indent)
{
    if (!out || !inst)
        return -1;
    put_indent(out, indent);
    if (cim_instance_body_to_mof(out, inst, indent, 0) != 0)
        return -1;
    return mi_buf_puts(out, ";\n");
}
