/* xml.c - CIM-XML (DSP0201) writer for instances and classes; contract in xml.h. */
#include <expat.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/str.h"
#include "cim/cim_int.h"
#include "cim/xml.h"

/* Arena of the reference paths built while writing one value (freed per value). */
#define XML_PATH_ARENA_CAP (16u * 1024u * 1024u)

static MI_Result buf_result(const mi_buf *out)
{
    if (mi_buf_failed(out))
        return cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED,
                        "CIM-XML text exceeds its buffer (cap or memory)");
    return MI_RESULT_OK;
}

static bool xml_char_ok(uint32_t cp)
{
    if (cp < 0x20)
        return cp == 0x9 || cp == 0xA || cp == 0xD;
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return false;
    return cp != 0xFFFE && cp != 0xFFFF;
}

MI_Result mi_xml_escape(mi_buf *out, const char *s, int attr)
{
    size_t n = strlen(s);
    size_t i = 0;

    while (i < n) {
        uint32_t cp = 0;
        int k = mi_utf8_decode(s + i, n - i, &cp);
        if (k <= 0)
            return cim_fail(MI_RESULT_INVALID_PARAMETER,
                            "invalid UTF-8 at byte %zu of a string", i);
        if (!xml_char_ok(cp))
            return cim_fail(MI_RESULT_INVALID_PARAMETER,
                            "character U+%04X at byte %zu cannot be written in XML 1.0",
                            (unsigned)cp, i);
        switch (cp) {
        case '&': mi_buf_puts(out, "&amp;"); break;
        case '<': mi_buf_puts(out, "&lt;"); break;
        case '>': mi_buf_puts(out, "&gt;"); break;
        case '"': mi_buf_puts(out, attr ? "&quot;" : "\""); break;
        case '\r': mi_buf_puts(out, "&#13;"); break;
        case '\n': mi_buf_puts(out, attr ? "&#10;" : "\n"); break;
        case '\t': mi_buf_puts(out, attr ? "&#9;" : "\t"); break;
        default: mi_buf_append(out, s + i, (size_t)k); break;
        }
        i += (size_t)k;
    }
    return buf_result(out);
}

/* ---------------------------------------------------------------- scalars */

/* DSP0201 TYPE attribute of a (scalar or array) type; MI_INSTANCE is "string". */
static const char *xml_type(MI_Type t)
{
    switch ((MI_Type)(t & ~MI_ARRAY)) {
    case MI_BOOLEAN: return "boolean";
    case MI_UINT8: return "uint8";
    case MI_SINT8: return "sint8";
    case MI_UINT16: return "uint16";
    case MI_SINT16: return "sint16";
    case MI_UINT32: return "uint32";
    case MI_SINT32: return "sint32";
    case MI_UINT64: return "uint64";
    case MI_SINT64: return "sint64";
    case MI_REAL32: return "real32";
    case MI_REAL64: return "real64";
    case MI_CHAR16: return "char16";
    case MI_DATETIME: return "datetime";
    case MI_STRING: return "string";
    case MI_REFERENCE: return "reference";
    case MI_INSTANCE: return "string";
    default: return NULL;
    }
}

/* The fewest digits that read back to the same value (cim_real_text). */
static void put_real(mi_buf *out, double d, bool is32)
{
    char tmp[40];

    if (isnan(d)) {
        mi_buf_puts(out, "NaN");
    } else if (isinf(d)) {
        mi_buf_puts(out, d < 0 ? "-INF" : "INF");
    } else {
        cim_real_text(d, is32, tmp);
        mi_buf_puts(out, tmp);
    }
}

static MI_Result put_char16(mi_buf *out, MI_Char16 c)
{
    char u[4];
    int k;

    if (!xml_char_ok(c) || c == 0)
        return cim_fail(MI_RESULT_INVALID_PARAMETER,
                        "char16 U+%04X cannot be written in XML 1.0", (unsigned)c);
    switch (c) {
    case '&': mi_buf_puts(out, "&amp;"); break;
    case '<': mi_buf_puts(out, "&lt;"); break;
    case '>': mi_buf_puts(out, "&gt;"); break;
    case '\r': mi_buf_puts(out, "&#13;"); break;
    default:
        k = mi_utf8_encode(c, u);
        mi_buf_append(out, u, (size_t)k);
        break;
    }
    return buf_result(out);
}

typedef struct xml_ctx {
    mi_buf *out;
    const char *ns; /* namespace of the outermost object (for reference forms) */
} xml_ctx;

static MI_Result put_instance(xml_ctx *x, const MI_Instance *inst, unsigned depth);
static MI_Result put_reference(xml_ctx *x, const MI_Instance *ref, unsigned depth);

/* Text of one scalar value of type t (not MI_REFERENCE) at p. */
static MI_Result put_scalar_text(xml_ctx *x, MI_Type t, const void *p, unsigned depth)
{
    MI_Value copy; /* p may be an unaligned array element */
    const MI_Value *v = &copy;
    mi_buf *out = x->out;
    MI_Result r = MI_RESULT_OK;
    char dt[26];

    if (mi_type_size(t) == 0)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "type %u has no CIM-XML form",
                        (unsigned)t);
    memcpy(&copy, p, mi_type_size(t));
    switch (t) {
    case MI_BOOLEAN: mi_buf_puts(out, v->boolean ? "TRUE" : "FALSE"); break;
    case MI_UINT8: mi_buf_printf(out, "%u", (unsigned)v->uint8); break;
    case MI_SINT8: mi_buf_printf(out, "%d", (int)v->sint8); break;
    case MI_UINT16: mi_buf_printf(out, "%u", (unsigned)v->uint16); break;
    case MI_SINT16: mi_buf_printf(out, "%d", (int)v->sint16); break;
    case MI_UINT32: mi_buf_printf(out, "%lu", (unsigned long)v->uint32); break;
    case MI_SINT32: mi_buf_printf(out, "%ld", (long)v->sint32); break;
    case MI_UINT64: mi_buf_printf(out, "%llu", (unsigned long long)v->uint64); break;
    case MI_SINT64: mi_buf_printf(out, "%lld", (long long)v->sint64); break;
    case MI_REAL32: put_real(out, v->real32, true); break;
    case MI_REAL64: put_real(out, v->real64, false); break;
    case MI_CHAR16: r = put_char16(out, v->char16); break;
    case MI_DATETIME:
        mi_datetime_format(&v->datetime, dt);
        mi_buf_puts(out, dt);
        break;
    case MI_STRING:
        if (v->string == NULL)
            return cim_fail(MI_RESULT_INVALID_PARAMETER, "NULL string in a value");
        r = mi_xml_escape(out, v->string, 0);
        break;
    case MI_INSTANCE: {
        /* The embedded INSTANCE is written into its own buffer, then escaped. */
        mi_buf inner;
        if (v->instance == NULL)
            return cim_fail(MI_RESULT_INVALID_PARAMETER, "NULL embedded instance in a value");
        mi_buf_init(&inner, out->cap);
        mi_buf *saved = x->out;
        x->out = &inner;
        r = put_instance(x, v->instance, depth + 1);
        x->out = saved;
        if (r == MI_RESULT_OK)
            r = mi_xml_escape(out, mi_buf_str(&inner), 0);
        mi_buf_free(&inner);
        break;
    }
    default:
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "type %u has no CIM-XML form",
                        (unsigned)t);
    }
    if (r == MI_RESULT_OK)
        r = buf_result(out);
    return r;
}

/* <VALUE>..</VALUE> or, for arrays, <VALUE.ARRAY>..</VALUE.ARRAY> / VALUE.REFARRAY;
 * p points at the value (union member or decl constant), never NULL. */
static MI_Result put_value(xml_ctx *x, MI_Type t, const void *p, unsigned depth)
{
    MI_Result r = MI_RESULT_OK;
    mi_buf *out = x->out;

    if (t == MI_REFERENCE) {
        const MI_Instance *ref = *(const MI_Instance *const *)p;
        if (ref == NULL)
            return cim_fail(MI_RESULT_INVALID_PARAMETER, "NULL reference in a value");
        return put_reference(x, ref, depth + 1);
    }
    if (!(t & MI_ARRAY)) {
        mi_buf_puts(out, "<VALUE>");
        r = put_scalar_text(x, t, p, depth);
        mi_buf_puts(out, "</VALUE>");
        return r == MI_RESULT_OK ? buf_result(out) : r;
    }
    const MI_Array *a = p;
    MI_Type et = (MI_Type)(t & ~MI_ARRAY);
    size_t es = mi_type_size(et);
    if (a->size != 0 && a->data == NULL)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "array with NULL data");
    mi_buf_puts(out, et == MI_REFERENCE ? "<VALUE.REFARRAY>" : "<VALUE.ARRAY>");
    for (MI_Uint32 i = 0; i < a->size && r == MI_RESULT_OK; i++) {
        const void *ep = (const char *)a->data + (size_t)i * es;
        if ((et == MI_STRING || et == MI_INSTANCE || et == MI_REFERENCE) &&
            *(const void *const *)ep == NULL) {
            mi_buf_puts(out, "<VALUE.NULL/>");
            continue;
        }
        r = put_value(x, et, ep, depth);
    }
    mi_buf_puts(out, et == MI_REFERENCE ? "</VALUE.REFARRAY>" : "</VALUE.ARRAY>");
    return r == MI_RESULT_OK ? buf_result(out) : r;
}

/* ---------------------------------------------------------------- references */

static MI_Result put_attr(mi_buf *out, const char *name, const char *value)
{
    mi_buf_printf(out, " %s=\"", name);
    MI_Result r = mi_xml_escape(out, value, 1);
    mi_buf_putc(out, '"');
    return r == MI_RESULT_OK ? buf_result(out) : r;
}

static MI_Result put_path_value(xml_ctx *x, const mi_path *p, unsigned depth);

static MI_Result put_keybinding(xml_ctx *x, const mi_path_key *k, unsigned depth)
{
    mi_buf *out = x->out;
    MI_Result r;

    mi_buf_puts(out, "<KEYBINDING");
    r = put_attr(out, "NAME", k->name);
    if (r != MI_RESULT_OK)
        return r;
    mi_buf_putc(out, '>');
    if (k->type == MI_REFERENCE) {
        mi_path sub;
        mi_arena *a = mi_arena_new(0, XML_PATH_ARENA_CAP);
        if (a == NULL)
            return cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        r = k->value.reference == NULL
                ? cim_fail(MI_RESULT_INVALID_PARAMETER, "NULL reference key %s", k->name)
                : mi_path_from_instance(a, k->value.reference, &sub);
        if (r == MI_RESULT_OK)
            r = put_path_value(x, &sub, depth + 1);
        mi_arena_free(a);
        if (r != MI_RESULT_OK)
            return r;
    } else {
        const char *vt = "string";
        if (k->type == MI_BOOLEAN)
            vt = "boolean";
        else if (k->type != MI_STRING && k->type != MI_CHAR16 && k->type != MI_DATETIME)
            vt = "numeric";
        const char *tn = xml_type(k->type);
        if (tn == NULL || (k->type & MI_ARRAY) || k->type == MI_INSTANCE)
            return cim_fail(MI_RESULT_INVALID_PARAMETER, "key %s cannot be written", k->name);
        mi_buf_printf(out, "<KEYVALUE VALUETYPE=\"%s\" TYPE=\"%s\">", vt, tn);
        r = put_scalar_text(x, k->type, &k->value, depth);
        if (r != MI_RESULT_OK)
            return r;
        mi_buf_puts(out, "</KEYVALUE>");
    }
    mi_buf_puts(out, "</KEYBINDING>");
    return buf_result(out);
}

static MI_Result put_localns(mi_buf *out, const char *ns)
{
    MI_Result r = MI_RESULT_OK;
    const char *s = ns;

    mi_buf_puts(out, "<LOCALNAMESPACEPATH>");
    while (*s != '\0' && r == MI_RESULT_OK) {
        size_t n = strcspn(s, "/\\");
        if (n > 0) {
            char *seg = mi_strndup(s, n);
            if (seg == NULL)
                return cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            mi_buf_puts(out, "<NAMESPACE");
            r = put_attr(out, "NAME", seg);
            mi_buf_puts(out, "/>");
            mi_free(seg);
        }
        s += n;
        if (*s != '\0')
            s++;
    }
    mi_buf_puts(out, "</LOCALNAMESPACEPATH>");
    return r == MI_RESULT_OK ? buf_result(out) : r;
}

/* VALUE.REFERENCE for path p, in the form xml.h describes. */
static MI_Result put_path_value(xml_ctx *x, const mi_path *p, unsigned depth)
{
    mi_buf *out = x->out;
    MI_Result r = MI_RESULT_OK;
    bool other_ns = p->ns != NULL && (x->ns == NULL || !mi_name_eq(p->ns, x->ns));
    bool host = p->ns != NULL && p->host != NULL && p->host[0] != '\0';

    if (depth > MI_XML_MAX_DEPTH)
        return cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED,
                        "references nest deeper than %d levels", MI_XML_MAX_DEPTH);
    mi_buf_puts(out, "<VALUE.REFERENCE>");
    if (host) {
        mi_buf_puts(out, "<INSTANCEPATH><NAMESPACEPATH><HOST>");
        r = mi_xml_escape(out, p->host, 0);
        mi_buf_puts(out, "</HOST>");
        if (r == MI_RESULT_OK)
            r = put_localns(out, p->ns);
        mi_buf_puts(out, "</NAMESPACEPATH>");
    } else if (other_ns) {
        mi_buf_puts(out, "<LOCALINSTANCEPATH>");
        r = put_localns(out, p->ns);
    }
    if (r != MI_RESULT_OK)
        return r;
    mi_buf_puts(out, "<INSTANCENAME");
    r = put_attr(out, "CLASSNAME", p->cls);
    mi_buf_putc(out, '>');
    for (size_t i = 0; i < p->nkeys && r == MI_RESULT_OK; i++)
        r = put_keybinding(x, &p->keys[i], depth);
    if (r != MI_RESULT_OK)
        return r;
    mi_buf_puts(out, "</INSTANCENAME>");
    if (host)
        mi_buf_puts(out, "</INSTANCEPATH>");
    else if (other_ns)
        mi_buf_puts(out, "</LOCALINSTANCEPATH>");
    mi_buf_puts(out, "</VALUE.REFERENCE>");
    return buf_result(out);
}

static MI_Result put_reference(xml_ctx *x, const MI_Instance *ref, unsigned depth)
{
    mi_path p;
    MI_Result r;
    mi_arena *a = mi_arena_new(0, XML_PATH_ARENA_CAP);

    if (a == NULL)
        return cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    r = mi_path_from_instance(a, ref, &p);
    if (r == MI_RESULT_OK)
        r = put_path_value(x, &p, depth);
    mi_arena_free(a);
    return r;
}

/* ---------------------------------------------------------------- properties */

/* One PROPERTY / PROPERTY.ARRAY / PROPERTY.REFERENCE / PROPERTY.REFARRAY element.
 * value NULL = NULL. origin NULL = no CLASSORIGIN. quals: the class form only. */
typedef struct xml_prop {
    const char *name;
    MI_Type type;
    const char *cls;     /* REFERENCECLASS / embedded class (informative) */
    MI_Uint32 subscript;
    const char *origin;
    bool propagated;
    MI_Qualifier MI_CONST *MI_CONST *quals;
    MI_Uint32 nquals;
} xml_prop;

static MI_Result put_qualifiers(xml_ctx *x, MI_Qualifier MI_CONST *MI_CONST *q, MI_Uint32 n);

static MI_Result put_property(xml_ctx *x, const xml_prop *pp, const void *value,
                              unsigned depth, const char *kind)
{
    mi_buf *out = x->out;
    MI_Type et = (MI_Type)(pp->type & ~MI_ARRAY);
    bool arr = (pp->type & MI_ARRAY) != 0;
    const char *el;
    MI_Result r;

    if (xml_type(pp->type) == NULL)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "%s %s has invalid type %u", kind,
                        pp->name, (unsigned)pp->type);
    if (et == MI_REFERENCE)
        el = arr ? "PROPERTY.REFARRAY" : "PROPERTY.REFERENCE";
    else
        el = arr ? "PROPERTY.ARRAY" : "PROPERTY";
    mi_buf_printf(out, "<%s", el);
    r = put_attr(out, "NAME", pp->name);
    if (r == MI_RESULT_OK && et != MI_REFERENCE)
        mi_buf_printf(out, " TYPE=\"%s\"", xml_type(pp->type));
    if (r == MI_RESULT_OK && et == MI_REFERENCE && pp->cls != NULL)
        r = put_attr(out, "REFERENCECLASS", pp->cls);
    if (r == MI_RESULT_OK && et == MI_INSTANCE)
        mi_buf_puts(out, pp->cls != NULL ? " EmbeddedObject=\"instance\""
                                         : " EmbeddedObject=\"object\"");
    if (r == MI_RESULT_OK && arr && pp->subscript != 0)
        mi_buf_printf(out, " ARRAYSIZE=\"%lu\"", (unsigned long)pp->subscript);
    if (r == MI_RESULT_OK && pp->origin != NULL) {
        r = put_attr(out, "CLASSORIGIN", pp->origin);
        if (pp->propagated)
            mi_buf_puts(out, " PROPAGATED=\"true\"");
    }
    if (r != MI_RESULT_OK)
        return r;
    mi_buf_putc(out, '>');
    r = put_qualifiers(x, pp->quals, pp->nquals);
    if (r == MI_RESULT_OK && value != NULL)
        r = put_value(x, pp->type, value, depth);
    if (r != MI_RESULT_OK)
        return r;
    mi_buf_printf(out, "</%s>", el);
    return buf_result(out);
}

static MI_Result put_qualifiers(xml_ctx *x, MI_Qualifier MI_CONST *MI_CONST *q, MI_Uint32 n)
{
    mi_buf *out = x->out;
    MI_Result r = MI_RESULT_OK;

    for (MI_Uint32 i = 0; i < n && r == MI_RESULT_OK; i++) {
        const MI_Qualifier *qu = q[i];
        const char *tn = xml_type(qu->type);
        MI_Type et = (MI_Type)(qu->type & ~MI_ARRAY);
        if (tn == NULL || et == MI_REFERENCE || et == MI_INSTANCE)
            return cim_fail(MI_RESULT_INVALID_PARAMETER, "qualifier %s has invalid type %u",
                            qu->name, (unsigned)qu->type);
        mi_buf_puts(out, "<QUALIFIER");
        r = put_attr(out, "NAME", qu->name);
        if (r != MI_RESULT_OK)
            break;
        mi_buf_printf(out, " TYPE=\"%s\"", tn);
        if (qu->flavor & MI_FLAG_DISABLEOVERRIDE)
            mi_buf_puts(out, " OVERRIDABLE=\"false\"");
        if (qu->flavor & MI_FLAG_RESTRICTED)
            mi_buf_puts(out, " TOSUBCLASS=\"false\"");
        if (qu->flavor & MI_FLAG_TOINSTANCE)
            mi_buf_puts(out, " TOINSTANCE=\"true\"");
        if (qu->flavor & MI_FLAG_TRANSLATABLE)
            mi_buf_puts(out, " TRANSLATABLE=\"true\"");
        mi_buf_putc(out, '>');
        if (qu->value != NULL)
            r = put_value(x, (MI_Type)qu->type, qu->value, 0);
        mi_buf_puts(out, "</QUALIFIER>");
    }
    return r == MI_RESULT_OK ? buf_result(out) : r;
}

/* ---------------------------------------------------------------- instances */

static MI_Result put_instance(xml_ctx *x, const MI_Instance *inst, unsigned depth)
{
    mi_buf *out = x->out;
    MI_Uint32 n = 0;
    MI_Result r;
    const MI_ClassDecl *cd = inst->classDecl;

    if (depth > MI_XML_MAX_DEPTH)
        return cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED,
                        "embedded instances nest deeper than %d levels", MI_XML_MAX_DEPTH);
    if (cd == NULL || cd->name == NULL || inst->ft == NULL)
        return cim_fail(MI_RESULT_INVALID_PARAMETER,
                        "instance without class or function table");
    r = inst->ft->GetElementCount(inst, &n);
    if (r != MI_RESULT_OK)
        return cim_fail(r, "cannot count the elements of %s", cd->name);
    mi_buf_puts(out, "<INSTANCE");
    r = put_attr(out, "CLASSNAME", cd->name);
    mi_buf_putc(out, '>');
    for (MI_Uint32 i = 0; i < n && r == MI_RESULT_OK; i++) {
        const MI_Char *name = NULL;
        MI_Value v;
        MI_Type t;
        MI_Uint32 fl = 0;
        xml_prop pp;
        r = inst->ft->GetElementAt(inst, i, &name, &v, &t, &fl);
        if (r != MI_RESULT_OK) {
            r = cim_fail(r, "cannot read element %lu of %s", (unsigned long)i, cd->name);
            break;
        }
        memset(&pp, 0, sizeof pp);
        pp.name = name;
        pp.type = t;
        if (i < cd->numProperties && cd->properties[i] != NULL &&
            mi_name_eq(cd->properties[i]->name, name))
            pp.cls = cd->properties[i]->className;
        if (t == MI_INSTANCE && pp.cls == NULL && !(fl & MI_FLAG_NULL) && v.instance != NULL)
            pp.cls = v.instance->classDecl ? v.instance->classDecl->name : NULL;
        r = put_property(x, &pp, (fl & MI_FLAG_NULL) ? NULL : &v, depth, "property");
    }
    if (r != MI_RESULT_OK)
        return r;
    mi_buf_puts(out, "</INSTANCE>");
    return buf_result(out);
}

MI_Result mi_instance_to_xml(mi_buf *out, const MI_Instance *inst)
{
    xml_ctx x = {out, NULL};

    if (out == NULL || inst == NULL)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "NULL instance");
    x.ns = inst->nameSpace;
    return put_instance(&x, inst, 0);
}

/* ---------------------------------------------------------------- classes */

static MI_Result put_method(xml_ctx *x, const MI_ClassDecl *cd, const MI_MethodDecl *md)
{
    mi_buf *out = x->out;
    MI_Uint32 first = 0;
    MI_Result r;
    const MI_ParameterDecl *ret = NULL;

    if (md->numParameters > 0 && mi_name_eq(md->parameters[0]->name, "MIReturn")) {
        ret = md->parameters[0];
        first = 1;
    }
    mi_buf_puts(out, "<METHOD");
    r = put_attr(out, "NAME", md->name);
    if (r == MI_RESULT_OK && ret != NULL) {
        if (xml_type(ret->type) == NULL || (ret->type & MI_ARRAY) ||
            ret->type == MI_REFERENCE || ret->type == MI_INSTANCE)
            return cim_fail(MI_RESULT_INVALID_PARAMETER,
                            "method %s returns a type CIM-XML cannot declare", md->name);
        mi_buf_printf(out, " TYPE=\"%s\"", xml_type(ret->type));
    }
    if (r == MI_RESULT_OK && md->origin != NULL) {
        r = put_attr(out, "CLASSORIGIN", md->origin);
        if (md->propagator != NULL && !mi_name_eq(md->propagator, cd->name))
            mi_buf_puts(out, " PROPAGATED=\"true\"");
    }
    if (r != MI_RESULT_OK)
        return r;
    mi_buf_putc(out, '>');
    r = put_qualifiers(x, md->qualifiers, md->numQualifiers);
    for (MI_Uint32 i = first; i < md->numParameters && r == MI_RESULT_OK; i++) {
        const MI_ParameterDecl *pd = md->parameters[i];
        MI_Type et = (MI_Type)(pd->type & ~MI_ARRAY);
        bool arr = (pd->type & MI_ARRAY) != 0;
        const char *el = et == MI_REFERENCE
                             ? (arr ? "PARAMETER.REFARRAY" : "PARAMETER.REFERENCE")
                             : (arr ? "PARAMETER.ARRAY" : "PARAMETER");
        if (xml_type(pd->type) == NULL)
            return cim_fail(MI_RESULT_INVALID_PARAMETER, "parameter %s has invalid type",
                            pd->name);
        mi_buf_printf(out, "<%s", el);
        r = put_attr(out, "NAME", pd->name);
        if (r != MI_RESULT_OK)
            break;
        if (et == MI_REFERENCE) {
            if (pd->className != NULL)
                r = put_attr(out, "REFERENCECLASS", pd->className);
        } else {
            mi_buf_printf(out, " TYPE=\"%s\"", xml_type(pd->type));
            if (et == MI_INSTANCE)
                mi_buf_puts(out, pd->className != NULL ? " EmbeddedObject=\"instance\""
                                                       : " EmbeddedObject=\"object\"");
        }
        if (arr && pd->subscript != 0)
            mi_buf_printf(out, " ARRAYSIZE=\"%lu\"", (unsigned long)pd->subscript);
        mi_buf_putc(out, '>');
        if (r == MI_RESULT_OK)
            r = put_qualifiers(x, pd->qualifiers, pd->numQualifiers);
        mi_buf_printf(out, "</%s>", el);
    }
    if (r != MI_RESULT_OK)
        return r;
    mi_buf_puts(out, "</METHOD>");
    return buf_result(out);
}

MI_Result mi_class_to_xml(mi_buf *out, const MI_ClassDecl *cd)
{
    xml_ctx x = {out, NULL};
    MI_Result r;

    if (out == NULL || cd == NULL || cd->name == NULL)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "NULL class");
    mi_buf_puts(out, "<CLASS");
    r = put_attr(out, "NAME", cd->name);
    if (r == MI_RESULT_OK && cd->superClass != NULL)
        r = put_attr(out, "SUPERCLASS", cd->superClass);
    if (r != MI_RESULT_OK)
        return r;
    mi_buf_putc(out, '>');
    r = put_qualifiers(&x, cd->qualifiers, cd->numQualifiers);
    for (MI_Uint32 i = 0; i < cd->numProperties && r == MI_RESULT_OK; i++) {
        const MI_PropertyDecl *pd = cd->properties[i];
        xml_prop pp;
        memset(&pp, 0, sizeof pp);
        pp.name = pd->name;
        pp.type = (MI_Type)pd->type;
        pp.cls = pd->className;
        pp.subscript = pd->subscript;
        pp.origin = pd->origin;
        /* DSP0201: PROPAGATED when inherited unchanged (an override is not) */
        pp.propagated = pd->propagator != NULL && !mi_name_eq(pd->propagator, cd->name);
        pp.quals = pd->qualifiers;
        pp.nquals = pd->numQualifiers;
        r = put_property(&x, &pp, pd->value, 0, "property");
    }
    for (MI_Uint32 i = 0; i < cd->numMethods && r == MI_RESULT_OK; i++)
        r = put_method(&x, cd, cd->methods[i]);
    if (r != MI_RESULT_OK)
        return r;
    mi_buf_puts(out, "</CLASS>");
    return buf_result(out);
}

/* ================================================================ reading */

#define XML_WRAP_OPEN "<MI_ROOT>"
#define XML_WRAP_CLOSE "</MI_ROOT>"
#define XML_READ_ARENA_CAP ((size_t)512 << 20)

typedef struct xml_reader {
    XML_Parser p;
    mi_arena *a;
    mi_xml_node *stack[MI_XML_READ_MAX_DEPTH + 2];
    mi_buf text[MI_XML_READ_MAX_DEPTH + 2];
    size_t kidcap[MI_XML_READ_MAX_DEPTH + 2];
    unsigned depth; /* 0 before the synthetic root */
    size_t nodes;
    MI_Result r;
    char why[200];
    unsigned long err_line, err_col;
    unsigned long wrap_line, wrap_col; /* where the synthetic root tag was inserted */
} xml_reader;

/* Position in the caller's text (1-based column) of expat's current position. */
static void reader_pos(const xml_reader *x, unsigned long *line, unsigned long *col)
{
    *line = XML_GetCurrentLineNumber(x->p);
    *col = XML_GetCurrentColumnNumber(x->p);
    if (*line == x->wrap_line && *col >= x->wrap_col + strlen(XML_WRAP_OPEN))
        *col -= strlen(XML_WRAP_OPEN);
    *col += 1;
}

static void reader_fail(xml_reader *x, MI_Result r, const char *why)
{
    if (x->r != MI_RESULT_OK)
        return;
    x->r = r;
    snprintf(x->why, sizeof x->why, "%s", why);
    reader_pos(x, &x->err_line, &x->err_col);
    XML_StopParser(x->p, XML_FALSE);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    xml_reader *x = ud;
    mi_xml_node *n;
    size_t na = 0;

    if (x->r != MI_RESULT_OK)
        return;
    if (x->depth > MI_XML_READ_MAX_DEPTH) {
        reader_fail(x, MI_RESULT_SERVER_LIMITS_EXCEEDED, "elements nest too deeply");
        return;
    }
    if (++x->nodes > MI_XML_READ_MAX_NODES) {
        reader_fail(x, MI_RESULT_SERVER_LIMITS_EXCEEDED, "too many elements");
        return;
    }
    while (attrs[na] != NULL)
        na++;
    n = mi_arena_calloc(x->a, sizeof *n);
    const char **av = mi_arena_calloc(x->a, (na + 1) * sizeof *av);
    if (n == NULL || av == NULL)
        goto nomem;
    n->name = x->depth == 0 ? "" : mi_arena_strdup(x->a, name);
    for (size_t i = 0; i < na; i++)
        if ((av[i] = mi_arena_strdup(x->a, attrs[i])) == NULL)
            goto nomem;
    if (n->name == NULL)
        goto nomem;
    n->attrs = av;
    n->text = "";
    reader_pos(x, &n->line, &n->column);
    if (x->depth > 0) {
        mi_xml_node *parent = x->stack[x->depth - 1];
        size_t *cap = &x->kidcap[x->depth - 1];
        if (parent->nkids == *cap) {
            size_t nc = *cap ? *cap * 2 : 4;
            mi_xml_node **k = mi_arena_alloc(x->a, nc * sizeof *k);
            if (k == NULL)
                goto nomem;
            if (parent->nkids)
                memcpy(k, parent->kids, parent->nkids * sizeof *k);
            parent->kids = k;
            *cap = nc;
        }
        parent->kids[parent->nkids++] = n;
    }
    x->stack[x->depth] = n;
    x->kidcap[x->depth] = 0;
    mi_buf_init(&x->text[x->depth], MI_XML_READ_MAX_TEXT);
    x->depth++;
    return;
nomem:
    reader_fail(x, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    xml_reader *x = ud;
    (void)name;

    if (x->r != MI_RESULT_OK || x->depth == 0)
        return;
    x->depth--;
    mi_xml_node *n = x->stack[x->depth];
    mi_buf *b = &x->text[x->depth];
    if (b->len > 0) {
        char *t = mi_arena_memdup(x->a, b->data, b->len + 1);
        if (t == NULL) {
            mi_buf_free(b); /* below x->depth now: the final cleanup skips it */
            reader_fail(x, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            return;
        }
        n->text = t;
        n->textlen = b->len;
    }
    mi_buf_free(b);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    xml_reader *x = ud;

    if (x->r != MI_RESULT_OK || x->depth == 0)
        return;
    if (mi_buf_append(&x->text[x->depth - 1], s, (size_t)len) < 0)
        reader_fail(x, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                    "character data of one element longer than 16 MiB");
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal)
{
    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal;
    reader_fail(ud, MI_RESULT_INVALID_PARAMETER, "DOCTYPE declarations are not allowed");
}

/* expat allocates through the library's funnel too (failure injection, accounting). */
static const XML_Memory_Handling_Suite xml_memory = {mi_malloc, mi_realloc, mi_free};

MI_Result mi_xml_parse(const char *text, size_t len, mi_xml_doc *doc, mi_buf *err)
{
    xml_reader *x = NULL;
    MI_Result r = MI_RESULT_OK;
    size_t pre = 0;            /* bytes of BOM + XML declaration fed before the wrapper */

    memset(doc, 0, sizeof *doc);
    if (len > INT32_MAX / 2) {
        mi_buf_puts(err, "text too large");
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    }
    x = mi_calloc(1, sizeof *x);
    if (x == NULL)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    x->a = mi_arena_new(0, XML_READ_ARENA_CAP);
    x->p = XML_ParserCreate_MM("UTF-8", &xml_memory, NULL);
    if (x->a == NULL || x->p == NULL) {
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        mi_buf_puts(err, "out of memory");
        goto out;
    }
    XML_SetUserData(x->p, x);
    XML_SetElementHandler(x->p, on_start, on_end);
    XML_SetCharacterDataHandler(x->p, on_text);
    XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        pre = 3;
    if (len - pre >= 5 && memcmp(text + pre, "<?xml", 5) == 0) {
        const char *end = NULL;
        for (size_t i = pre + 5; i + 1 < len; i++)
            if (text[i] == '?' && text[i + 1] == '>') {
                end = text + i + 2;
                break;
            }
        if (end != NULL)
            pre = (size_t)(end - text);
    }
    x->wrap_line = 1;
    for (size_t i = 0; i < pre; i++) {
        if (text[i] == '\n') {
            x->wrap_line++;
            x->wrap_col = 0;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            x->wrap_col++;
        }
    }
    if ((pre > 0 && XML_Parse(x->p, text, (int)pre, XML_FALSE) == XML_STATUS_ERROR) ||
        XML_Parse(x->p, XML_WRAP_OPEN, (int)strlen(XML_WRAP_OPEN), XML_FALSE) ==
            XML_STATUS_ERROR ||
        XML_Parse(x->p, text + pre, (int)(len - pre), XML_FALSE) == XML_STATUS_ERROR ||
        XML_Parse(x->p, XML_WRAP_CLOSE, (int)strlen(XML_WRAP_CLOSE), XML_TRUE) ==
            XML_STATUS_ERROR) {
        if (x->r != MI_RESULT_OK) {
            r = x->r;
        } else {
            r = XML_GetErrorCode(x->p) == XML_ERROR_NO_MEMORY ? MI_RESULT_SERVER_LIMITS_EXCEEDED
                                                              : MI_RESULT_INVALID_PARAMETER;
            snprintf(x->why, sizeof x->why, "%s", XML_ErrorString(XML_GetErrorCode(x->p)));
            reader_pos(x, &x->err_line, &x->err_col);
        }
        mi_buf_printf(err, "line %lu, column %lu: %s", x->err_line, x->err_col, x->why);
        goto out;
    }
    if (x->r != MI_RESULT_OK || x->stack[0] == NULL) {
        r = x->r != MI_RESULT_OK ? x->r : MI_RESULT_INVALID_PARAMETER;
        mi_buf_printf(err, "line %lu, column %lu: %s", x->err_line, x->err_col, x->why);
        goto out;
    }
    doc->arena = x->a;
    doc->root = x->stack[0];
    x->a = NULL;
out:
    for (unsigned i = 0; i < x->depth; i++)
        mi_buf_free(&x->text[i]);
    if (x->p != NULL)
        XML_ParserFree(x->p);
    mi_arena_free(x->a);
    mi_free(x);
    return r;
}

void mi_xml_doc_free(mi_xml_doc *doc)
{
    if (doc == NULL)
        return;
    mi_arena_free(doc->arena);
    memset(doc, 0, sizeof *doc);
}

const char *mi_xml_attr(const mi_xml_node *n, const char *name)
{
    for (size_t i = 0; n->attrs[i] != NULL; i += 2)
        if (strcmp(n->attrs[i], name) == 0)
            return n->attrs[i + 1];
    return NULL;
}

bool mi_xml_text_blank(const mi_xml_node *n)
{
    for (size_t i = 0; i < n->textlen; i++) {
        char c = n->text[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return false;
    }
    return true;
}
