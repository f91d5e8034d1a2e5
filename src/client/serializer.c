/* serializer.c - MI_Serializer and MI_Deserializer (mi-api.md 9.9, 18).
 *
 * Formats: "MI_XML" (CIM-XML, DSP0201; writer in src/cim/xml.c) and
 * "MI_MOF_CIMV2_EXTV1" (MOF; src/cim/mofout.c and the MOF compiler).
 *
 * Serializer buffer protocol: clientBuffer NULL with clientBufferLength 0 is a size
 * query: MI_RESULT_OK and *clientBufferNeeded = the size. A non-NULL buffer that is
 * too small: MI_RESULT_FAILED, nothing written, *clientBufferNeeded = the size. On
 * success *clientBufferNeeded = the bytes written. The text has no NUL terminator and
 * no byte-order mark (UTF-8). A NULL buffer with a non-zero length, a NULL object or
 * a NULL clientBufferNeeded is INVALID_PARAMETER; so are flags other than 0 /
 * MI_SERIALIZER_FLAGS_INSTANCE_WITH_CLASS (instances) or MI_SERIALIZER_FLAGS_CLASS_DEEP
 * (classes). Texts are capped at SER_MAX_TEXT bytes (SERVER_LIMITS_EXCEEDED).
 *
 * MOF has no literal for NaN or infinite reals: an instance holding one (also in an
 * embedded instance) is refused with INVALID_PARAMETER (XML writes NaN / INF / -INF).
 *
 * MOF output: a class is written as its own members and qualifiers
 * (mi_class_to_mof LOCAL_ONLY), so it compiles back on its superclass; CLASS_DEEP
 * writes the ancestors first, root first; INSTANCE_WITH_CLASS writes the instance's
 * class with its ancestors before the instance. Each class text is preceded by
 * `Qualifier` declarations (type, Scope(any), the flavor of the first use) for the
 * qualifiers it uses that are not in the set the deserializer predeclares
 * (builtin_qualifiers below), so the buffer compiles on its own.
 * XML output: one CLASS / INSTANCE element; CLASS_DEEP and INSTANCE_WITH_CLASS
 * write the CLASS elements (ancestors first) before it, concatenated.
 *
 * Deserializer, MOF: the buffer is compiled by the MOF compiler into a private
 * in-memory repository (namespace namespaceName, default root/cimv2) that holds the
 * builtin qualifier declarations, the classes given (parentClass / classObjects, each
 * with its ancestors) and the classes that classObjectNeeded supplies. Which classes
 * to ask for is found by a first pass over the tokens of the buffer (des_scan): the
 * superclasses, `instance of` classes, REF classes and EmbeddedInstance("...") classes
 * that the buffer does not declare and the repository does not hold, each asked for
 * once, in order of first use. A class the buffer declares replaces a given class of
 * the same name (MI_MOF_UPDATE_CLASSES). The callback keeps ownership of the class it
 * returns (it must stay valid until DeserializeX returns); a callback result other
 * than OK, or no class, leaves the name unknown, and the compiler then reports it.
 * The builtin qualifier declarations are DSP0004's Abstract, Aggregate, Aggregation,
 * Association, Composition, Description, In, Key, Max, MaxLen, Min, Out, Override,
 * Propagated, PUnit, Required, Weak, Indication, Terminal, Static, EmbeddedInstance
 * and EmbeddedObject; a buffer declaring one of them differently replaces it (as
 * MI_MOF_UPDATE_CLASSES allows: not with another type, nor a narrower scope, when a
 * class given uses it). Any other qualifier must be declared in the buffer. The
 * result is
 * the LAST class the buffer declares (so a CLASS_DEEP text gives its most derived
 * class) / the first instance compiled (classes in declaration order); the returned
 * objects own copies of their class decls, so they outlive the deserializer and the
 * classes given. *serializedBufferRead is the whole buffer length (the compiler reads
 * it all). Errors: INVALID_PARAMETER for bad arguments and syntax, else the first
 * compiler error's code, with cimErrorDetails naming <buffer>:line:column.
 * Class_GetClassName / Class_GetParentClassName / Instance_GetClassName read the
 * names from the same token pass (no compilation), with the MI_Char buffer protocol:
 * className NULL = size query (OK), too small = FAILED, lengths count the NUL.
 * A class without a superclass has the parent name "" (length 1).
 *
 * Deserializer, XML: see "MI_XML input" below. DeserializeClass returns the last
 * CLASS element of the buffer, DeserializeInstance the first INSTANCE element (the
 * CLASS elements before it, e.g. from INSTANCE_WITH_CLASS, are compiled first and
 * used to resolve it); the name getters read the same elements' attributes.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/str.h"
#include "cim/cim.h"
#include "cim/xml.h"
#include "client/client_int.h"
#include "client/serializer_int.h"
#include "mof/mof.h"
#include "repo/repo.h"

#define MAGIC_SERIALIZER   UINT64_C(0x4d4953657269616c) /* "MISerial" */
#define MAGIC_DESERIALIZER UINT64_C(0x4d49446573657269) /* "MIDeseri" */

/* Largest serialized text and largest buffer a deserializer accepts. */
#define SER_MAX_TEXT ((size_t)256 << 20)
#define DES_MAX_INPUT ((size_t)64 << 20)
/* First pass caps: names asked for, length of a class name. */
#define DES_MAX_NAMES 4096
#define DES_MAX_NAME_LEN 256
/* Longest error message built. */
#define DES_MSG_CAP 2048

typedef enum ser_format { FMT_XML = 1, FMT_MOF = 2 } ser_format;

typedef struct ser_obj {
    mi_client_obj hdr;
    ser_format format;
} ser_obj;

static MI_Result parse_format(const MI_Char *format, ser_format *f)
{
    if (strcmp(format, MI_CLIENT_FORMAT_XML) == 0)
        *f = FMT_XML;
    else if (strcmp(format, MI_CLIENT_FORMAT_MOF) == 0)
        *f = FMT_MOF;
    else
        return MI_RESULT_NOT_SUPPORTED;
    return MI_RESULT_OK;
}

static MI_Result new_obj(uint64_t magic, MI_Uint32 flags, const MI_Char *format,
                         MI_Uint64 *reserved1, ptrdiff_t *reserved2)
{
    ser_format f;
    ser_obj *o;
    MI_Result r;

    if (flags != 0 || format == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    r = parse_format(format, &f);
    if (r != MI_RESULT_OK)
        return r;
    o = mi_calloc(1, sizeof *o);
    if (o == NULL)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    o->hdr.magic = magic;
    o->format = f;
    mi_client_register(&o->hdr);
    *reserved1 = magic;
    *reserved2 = (ptrdiff_t)o;
    return MI_RESULT_OK;
}

MI_Result mi_client_new_serializer(MI_Uint32 flags, const MI_Char *format,
                                   MI_Serializer *serializer)
{
    if (serializer == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    memset(serializer, 0, sizeof *serializer);
    return new_obj(MAGIC_SERIALIZER, flags, format, &serializer->reserved1,
                   &serializer->reserved2);
}

MI_Result mi_client_new_deserializer(MI_Uint32 flags, const MI_Char *format,
                                     MI_Deserializer *deserializer)
{
    if (deserializer == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    memset(deserializer, 0, sizeof *deserializer);
    return new_obj(MAGIC_DESERIALIZER, flags, format, &deserializer->reserved1,
                   &deserializer->reserved2);
}

static ser_obj *ser_get(const MI_Serializer *s)
{
    if (s == NULL)
        return NULL;
    return (ser_obj *)mi_client_lookup(s->reserved1, s->reserved2, MAGIC_SERIALIZER);
}

static ser_obj *des_get(const MI_Deserializer *d)
{
    if (d == NULL)
        return NULL;
    return (ser_obj *)mi_client_lookup(d->reserved1, d->reserved2, MAGIC_DESERIALIZER);
}

static void obj_close(ser_obj *o)
{
    mi_client_unregister(&o->hdr);
    mi_free(o);
}

/* ================================================================ serializer */

/* Qualifiers the MOF deserializer declares before compiling (DSP0004 types, scopes
 * and flavors; the same as schema/cim/qualifiers.mof for the names it has). */
static const char builtin_qualifiers[] =
    "Qualifier Abstract : boolean = false, Scope(class, association, indication),"
    " Flavor(EnableOverride, Restricted);\n"
    "Qualifier Aggregate : boolean = false, Scope(reference),"
    " Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Aggregation : boolean = false, Scope(association),"
    " Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Association : boolean = false, Scope(association),"
    " Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Composition : boolean = false, Scope(association),"
    " Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Description : string = null, Scope(any),"
    " Flavor(EnableOverride, ToSubclass, Translatable);\n"
    "Qualifier In : boolean = true, Scope(parameter), Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Key : boolean = false, Scope(property, reference),"
    " Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Max : uint32 = null, Scope(reference);\n"
    "Qualifier MaxLen : uint32 = null, Scope(property, method, parameter);\n"
    "Qualifier Min : uint32 = 0, Scope(reference);\n"
    "Qualifier Out : boolean = false, Scope(parameter), Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Override : string = null, Scope(property, reference, method),"
    " Flavor(EnableOverride, Restricted);\n"
    "Qualifier Propagated : string = null, Scope(property),"
    " Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier PUnit : string = null, Scope(property, method, parameter);\n"
    "Qualifier Required : boolean = false, Scope(property, reference, method, parameter),"
    " Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Weak : boolean = false, Scope(reference), Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Indication : boolean = false, Scope(class, indication),"
    " Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Terminal : boolean = false, Scope(class, association, indication);\n"
    "Qualifier Static : boolean = false, Scope(property, method),"
    " Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier EmbeddedInstance : string = null, Scope(property, method, parameter),"
    " Flavor(EnableOverride, ToSubclass);\n"
    "Qualifier EmbeddedObject : boolean = false, Scope(property, method, parameter),"
    " Flavor(DisableOverride, ToSubclass);\n";

static const char *const builtin_qualifier_names[] = {
    "Abstract", "Aggregate", "Aggregation", "Association", "Composition", "Description",
    "In", "Key", "Max", "MaxLen", "Min", "Out", "Override", "Propagated", "PUnit",
    "Required", "Weak", "Indication", "Terminal", "Static", "EmbeddedInstance",
    "EmbeddedObject"};

static bool is_builtin_qualifier(const char *name)
{
    for (size_t i = 0; i < sizeof builtin_qualifier_names / sizeof *builtin_qualifier_names;
         i++)
        if (mi_name_eq(name, builtin_qualifier_names[i]))
            return true;
    return false;
}

/* Qualifier names already declared in one serialized text. */
typedef struct qset {
    const char **names;
    size_t n, cap;
} qset;

/* Writes a Qualifier declaration for each qualifier of q not builtin and not yet
 * written. -1 on failure (memory or buffer). */
static int declare_qualifiers(mi_buf *out, qset *done, MI_Qualifier MI_CONST *MI_CONST *q,
                              MI_Uint32 n)
{
    for (MI_Uint32 i = 0; i < n; i++) {
        bool seen = is_builtin_qualifier(q[i]->name);
        for (size_t k = 0; k < done->n && !seen; k++)
            seen = mi_name_eq(done->names[k], q[i]->name);
        if (seen)
            continue;
        if (done->n == done->cap) {
            size_t nc = done->cap ? done->cap * 2 : 16;
            const char **nn = mi_realloc(done->names, nc * sizeof *nn);
            if (nn == NULL)
                return -1;
            done->names = nn;
            done->cap = nc;
        }
        done->names[done->n++] = q[i]->name;
        MI_QualifierDecl qd;
        memset(&qd, 0, sizeof qd);
        qd.name = q[i]->name;
        qd.type = q[i]->type;
        qd.scope = MI_FLAG_ANY;
        qd.flavor = q[i]->flavor & (MI_FLAG_ENABLEOVERRIDE | MI_FLAG_DISABLEOVERRIDE |
                                    MI_FLAG_TOSUBCLASS | MI_FLAG_RESTRICTED |
                                    MI_FLAG_TRANSLATABLE);
        if (mi_qualifierdecl_to_mof(out, &qd) < 0)
            return -1;
    }
    return 0;
}

static int declare_class_qualifiers(mi_buf *out, qset *done, const MI_ClassDecl *cd)
{
    int rc = declare_qualifiers(out, done, cd->qualifiers, cd->numQualifiers);
    for (MI_Uint32 i = 0; rc == 0 && i < cd->numProperties; i++)
        rc = declare_qualifiers(out, done, cd->properties[i]->qualifiers,
                                cd->properties[i]->numQualifiers);
    for (MI_Uint32 i = 0; rc == 0 && i < cd->numMethods; i++) {
        const MI_MethodDecl *md = cd->methods[i];
        rc = declare_qualifiers(out, done, md->qualifiers, md->numQualifiers);
        for (MI_Uint32 k = 0; rc == 0 && k < md->numParameters; k++)
            rc = declare_qualifiers(out, done, md->parameters[k]->qualifiers,
                                    md->parameters[k]->numQualifiers);
    }
    return rc;
}

/* Appends cd (with its ancestors, root first, when deep) in format f. */
static MI_Result put_class(mi_buf *out, ser_format f, const MI_ClassDecl *cd, bool deep)
{
    const MI_ClassDecl *chain[64];
    size_t n = 0;
    MI_Result r = MI_RESULT_OK;
    qset done = {NULL, 0, 0};

    for (const MI_ClassDecl *c = cd; c != NULL; c = deep ? c->superClassDecl : NULL) {
        if (n == sizeof chain / sizeof *chain)
            return MI_RESULT_SERVER_LIMITS_EXCEEDED;
        chain[n++] = c;
    }
    while (n > 0 && r == MI_RESULT_OK) {
        const MI_ClassDecl *c = chain[--n];
        if (f == FMT_XML) {
            r = mi_class_to_xml(out, c);
        } else if (declare_class_qualifiers(out, &done, c) < 0 ||
                   mi_class_to_mof(out, c, MI_MOFOUT_LOCAL_ONLY) < 0) {
            r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        }
    }
    mi_free(done.names);
    return r;
}

/* Hands the text to the caller per the buffer protocol. */
static MI_Result deliver_text(const mi_buf *text, MI_Uint8 *clientBuffer,
                              MI_Uint32 clientBufferLength, MI_Uint32 *clientBufferNeeded)
{
    if (text->len > UINT32_MAX)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    *clientBufferNeeded = (MI_Uint32)text->len;
    if (clientBuffer == NULL)
        return MI_RESULT_OK;
    if (clientBufferLength < text->len)
        return MI_RESULT_FAILED;
    if (text->len > 0)
        memcpy(clientBuffer, text->data, text->len);
    return MI_RESULT_OK;
}

/* True if inst (or an instance embedded in it, up to 32 levels) holds a NaN or an
 * infinite real, which MOF has no literal for. */
static bool has_nonfinite(const MI_Instance *inst, unsigned depth)
{
    MI_Uint32 n = 0;

    if (depth > 32 || MI_Instance_GetElementCount(inst, &n) != MI_RESULT_OK)
        return false;
    for (MI_Uint32 i = 0; i < n; i++) {
        MI_Value v;
        MI_Type t;
        MI_Uint32 fl = 0;
        if (MI_Instance_GetElementAt(inst, i, NULL, &v, &t, &fl) != MI_RESULT_OK ||
            (fl & MI_FLAG_NULL))
            continue;
        if ((t == MI_REAL32 && !isfinite(v.real32)) || (t == MI_REAL64 && !isfinite(v.real64)))
            return true;
        for (MI_Uint32 k = 0; t == MI_REAL32A && k < v.real32a.size; k++)
            if (!isfinite(v.real32a.data[k]))
                return true;
        for (MI_Uint32 k = 0; t == MI_REAL64A && k < v.real64a.size; k++)
            if (!isfinite(v.real64a.data[k]))
                return true;
        if (t == MI_INSTANCE && v.instance != NULL && has_nonfinite(v.instance, depth + 1))
            return true;
        for (MI_Uint32 k = 0; t == MI_INSTANCEA && k < v.instancea.size; k++)
            if (v.instancea.data[k] != NULL && has_nonfinite(v.instancea.data[k], depth + 1))
                return true;
    }
    return false;
}

static MI_Result MI_CALL ser_close(MI_Serializer *serializer)
{
    ser_obj *o = ser_get(serializer);

    if (o == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    obj_close(o);
    memset(serializer, 0, sizeof *serializer);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL ser_class(MI_Serializer *serializer, MI_Uint32 flags,
                                   const MI_Class *classObject, MI_Uint8 *clientBuffer,
                                   MI_Uint32 clientBufferLength, MI_Uint32 *clientBufferNeeded)
{
    ser_obj *o = ser_get(serializer);
    MI_Result r;
    mi_buf text;

    if (clientBufferNeeded != NULL)
        *clientBufferNeeded = 0;
    if (o == NULL || classObject == NULL || classObject->classDecl == NULL ||
        clientBufferNeeded == NULL || (clientBuffer == NULL && clientBufferLength != 0) ||
        (flags & ~(MI_Uint32)MI_SERIALIZER_FLAGS_CLASS_DEEP) != 0)
        return MI_RESULT_INVALID_PARAMETER;
    mi_buf_init(&text, SER_MAX_TEXT);
    r = put_class(&text, o->format, classObject->classDecl,
                  (flags & MI_SERIALIZER_FLAGS_CLASS_DEEP) != 0);
    if (r == MI_RESULT_OK && mi_buf_failed(&text))
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    if (r == MI_RESULT_OK)
        r = deliver_text(&text, clientBuffer, clientBufferLength, clientBufferNeeded);
    mi_buf_free(&text);
    return r;
}

static MI_Result MI_CALL ser_instance(MI_Serializer *serializer, MI_Uint32 flags,
                                      const MI_Instance *instanceObject, MI_Uint8 *clientBuffer,
                                      MI_Uint32 clientBufferLength,
                                      MI_Uint32 *clientBufferNeeded)
{
    ser_obj *o = ser_get(serializer);
    MI_Result r = MI_RESULT_OK;
    mi_buf text;

    if (clientBufferNeeded != NULL)
        *clientBufferNeeded = 0;
    if (o == NULL || instanceObject == NULL || instanceObject->classDecl == NULL ||
        clientBufferNeeded == NULL || (clientBuffer == NULL && clientBufferLength != 0) ||
        (flags & ~(MI_Uint32)MI_SERIALIZER_FLAGS_INSTANCE_WITH_CLASS) != 0)
        return MI_RESULT_INVALID_PARAMETER;
    mi_buf_init(&text, SER_MAX_TEXT);
    if (flags & MI_SERIALIZER_FLAGS_INSTANCE_WITH_CLASS)
        r = put_class(&text, o->format, instanceObject->classDecl, true);
    if (r == MI_RESULT_OK) {
        if (o->format == FMT_XML)
            r = mi_instance_to_xml(&text, instanceObject);
        else if (has_nonfinite(instanceObject, 0))
            r = MI_RESULT_INVALID_PARAMETER;
        else if (mi_instance_to_mof(&text, instanceObject, 0) < 0)
            r = mi_buf_failed(&text) ? MI_RESULT_SERVER_LIMITS_EXCEEDED
                                     : MI_RESULT_INVALID_PARAMETER;
    }
    if (r == MI_RESULT_OK && mi_buf_failed(&text))
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    if (r == MI_RESULT_OK)
        r = deliver_text(&text, clientBuffer, clientBufferLength, clientBufferNeeded);
    mi_buf_free(&text);
    return r;
}

const MI_SerializerFT mi_client_serializer_ft = {
    ser_close,
    ser_class,
    ser_instance,
};

/* ================================================================ deserializer */

/* Sets *details (when asked for) to an error instance "<what>: <message>". */
static MI_Result des_fail(MI_Instance **details, MI_Result r, const char *what,
                          const char *message)
{
    char msg[DES_MSG_CAP];

    snprintf(msg, sizeof msg, "%s: %s", what, message);
    mi_client_set_extended_error(details, r, msg);
    return r;
}

/* ---------------------------------------------------------------- first pass */

typedef struct des_tok {
    enum { T_END, T_IDENT, T_STRING, T_PUNCT } kind;
    const char *p;
    size_t n;
} des_tok;

typedef struct des_lex {
    const char *s;
    size_t n, i;
} des_lex;

/* Next token: identifiers, string literals (contents without quotes, escapes
 * left as they are), single punctuation characters; comments, whitespace and char
 * literals skipped. Never reads past n. */
static des_tok des_next(des_lex *l)
{
    des_tok t = {T_END, NULL, 0};

    while (l->i < l->n) {
        char c = l->s[l->i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
            l->i++;
        } else if (c == '/' && l->i + 1 < l->n && l->s[l->i + 1] == '/') {
            while (l->i < l->n && l->s[l->i] != '\n')
                l->i++;
        } else if (c == '/' && l->i + 1 < l->n && l->s[l->i + 1] == '*') {
            l->i += 2;
            while (l->i + 1 < l->n && !(l->s[l->i] == '*' && l->s[l->i + 1] == '/'))
                l->i++;
            l->i = l->i + 2 < l->n ? l->i + 2 : l->n;
        } else if (c == '"' || c == '\'') {
            size_t start = ++l->i;
            while (l->i < l->n && l->s[l->i] != c) {
                if (l->s[l->i] == '\\' && l->i + 1 < l->n)
                    l->i++;
                l->i++;
            }
            if (c == '"') {
                t.kind = T_STRING;
                t.p = l->s + start;
                t.n = l->i - start;
            }
            if (l->i < l->n)
                l->i++;
            if (c == '"')
                return t;
        } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
                   (unsigned char)c >= 0x80) {
            size_t start = l->i;
            while (l->i < l->n) {
                char d = l->s[l->i];
                if (!((d >= 'A' && d <= 'Z') || (d >= 'a' && d <= 'z') || d == '_' ||
                      (d >= '0' && d <= '9') || (unsigned char)d >= 0x80))
                    break;
                l->i++;
            }
            t.kind = T_IDENT;
            t.p = l->s + start;
            t.n = l->i - start;
            return t;
        } else {
            t.kind = T_PUNCT;
            t.p = l->s + l->i;
            t.n = 1;
            l->i++;
            return t;
        }
    }
    return t;
}

static bool tok_is(const des_tok *t, const char *word)
{
    return t->kind == T_IDENT && mi_name_eqn(t->p, t->n, word) && strlen(word) == t->n;
}

/* Names found by the first pass. */
typedef struct des_names {
    char **declared;   /* classes the buffer declares, in order */
    size_t ndeclared;
    char **supers;     /* superclass of declared[i], or NULL */
    char **used;       /* classes the buffer uses, in order of first use, unique */
    size_t nused;
    char *first_instance_class; /* class of the first `instance of` */
    size_t cap;
} des_names;

static void names_free(des_names *nm)
{
    for (size_t i = 0; i < nm->ndeclared; i++) {
        mi_free(nm->declared[i]);
        mi_free(nm->supers[i]);
    }
    for (size_t i = 0; i < nm->nused; i++)
        mi_free(nm->used[i]);
    mi_free(nm->declared);
    mi_free(nm->supers);
    mi_free(nm->used);
    mi_free(nm->first_instance_class);
    memset(nm, 0, sizeof *nm);
}

/* Copy of a name token into *out: INVALID_PARAMETER when empty or longer than
 * DES_MAX_NAME_LEN, SERVER_LIMITS_EXCEEDED when out of memory. */
static MI_Result tok_name(const des_tok *t, char **out)
{
    *out = NULL;
    if (t->n == 0 || t->n > DES_MAX_NAME_LEN)
        return MI_RESULT_INVALID_PARAMETER;
    *out = mi_strndup(t->p, t->n);
    return *out != NULL ? MI_RESULT_OK : MI_RESULT_SERVER_LIMITS_EXCEEDED;
}

static MI_Result add_used(des_names *nm, const des_tok *t)
{
    MI_Result r;

    for (size_t i = 0; i < nm->nused; i++)
        if (mi_name_eqn(t->p, t->n, nm->used[i]) && strlen(nm->used[i]) == t->n)
            return MI_RESULT_OK;
    if (nm->nused == DES_MAX_NAMES)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    r = tok_name(t, &nm->used[nm->nused]);
    if (r == MI_RESULT_OK)
        nm->nused++;
    return r;
}

/* The first pass (see the file comment). INVALID_PARAMETER for a name longer than
 * DES_MAX_NAME_LEN, SERVER_LIMITS_EXCEEDED past DES_MAX_NAMES names or out of
 * memory. Syntax is the compiler's business: this pass only looks for patterns. What
 * it allocated is in nm (names_free) whatever the result. */
static MI_Result des_scan(const char *s, size_t n, des_names *nm)
{
    des_lex l = {s, n, 0};
    des_tok prev2 = {T_END, NULL, 0}, prev = {T_END, NULL, 0};
    des_tok t;
    MI_Result r = MI_RESULT_OK;

    memset(nm, 0, sizeof *nm);
    nm->cap = DES_MAX_NAMES;
    nm->declared = mi_calloc(nm->cap, sizeof *nm->declared);
    nm->supers = mi_calloc(nm->cap, sizeof *nm->supers);
    nm->used = mi_calloc(nm->cap, sizeof *nm->used);
    if (nm->declared == NULL || nm->supers == NULL || nm->used == NULL)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    for (t = des_next(&l); t.kind != T_END && r == MI_RESULT_OK; t = des_next(&l)) {
        if (t.kind == T_IDENT && tok_is(&prev, "class")) {
            /* class NAME [: SUPER] */
            if (nm->ndeclared == DES_MAX_NAMES)
                return MI_RESULT_SERVER_LIMITS_EXCEEDED;
            r = tok_name(&t, &nm->declared[nm->ndeclared]);
            if (r != MI_RESULT_OK)
                break;
            nm->ndeclared++;
            des_lex save = l;
            des_tok c = des_next(&l);
            if (c.kind == T_PUNCT && c.p[0] == ':') {
                des_tok sup = des_next(&l);
                if (sup.kind == T_IDENT) {
                    r = tok_name(&sup, &nm->supers[nm->ndeclared - 1]);
                    if (r == MI_RESULT_OK)
                        r = add_used(nm, &sup);
                }
            } else {
                l = save;
            }
        } else if (t.kind == T_IDENT && tok_is(&prev, "of") && tok_is(&prev2, "instance")) {
            if (nm->first_instance_class == NULL)
                r = tok_name(&t, &nm->first_instance_class);
            if (r == MI_RESULT_OK)
                r = add_used(nm, &t);
        } else if (tok_is(&t, "ref") && prev.kind == T_IDENT) {
            r = add_used(nm, &prev);
        } else if (t.kind == T_STRING && prev.kind == T_PUNCT && prev.p[0] == '(' &&
                   tok_is(&prev2, "EmbeddedInstance")) {
            r = add_used(nm, &t);
        }
        prev2 = prev;
        prev = t;
    }
    return r;
}

/* ---------------------------------------------------------------- repository */

typedef struct des_diag {
    bool have;
    MI_Result code;
    char text[DES_MSG_CAP];
} des_diag;

static void des_on_diag(void *ctx, const mi_mof_diag *d)
{
    des_diag *dd = ctx;

    if (d->severity != MI_MOF_ERROR || dd->have)
        return;
    dd->have = true;
    dd->code = d->code;
    snprintf(dd->text, sizeof dd->text, "%s:%u:%u: %s", d->file, d->line, d->column,
             d->message);
}

/* Adds cd and its ancestors (root first) to ns unless a class of that name is there. */
static MI_Result preload(mi_ns *ns, const MI_ClassDecl *cd, mi_buf *why)
{
    const MI_ClassDecl *chain[64];
    size_t n = 0;

    for (const MI_ClassDecl *c = cd; c != NULL; c = c->superClassDecl) {
        if (n == sizeof chain / sizeof *chain) {
            mi_buf_printf(why, "class %s derives from more than 64 classes", cd->name);
            return MI_RESULT_SERVER_LIMITS_EXCEEDED;
        }
        chain[n++] = c;
    }
    while (n > 0) {
        const MI_ClassDecl *c = chain[--n];
        if (c->name == NULL) {
            mi_buf_puts(why, "a class given has no name");
            return MI_RESULT_INVALID_PARAMETER;
        }
        if (mi_ns_class(ns, c->name) != NULL)
            continue;
        MI_Result r = mi_ns_add_class(ns, c);
        if (r != MI_RESULT_OK) {
            mi_buf_printf(why, "cannot use class %s: %s", c->name, mi_repo_last_error());
            return r;
        }
    }
    return MI_RESULT_OK;
}

static bool names_declares(const des_names *nm, const char *name)
{
    for (size_t i = 0; i < nm->ndeclared; i++)
        if (mi_name_eq(nm->declared[i], name))
            return true;
    return false;
}

typedef struct des_job {
    const char *what;           /* API name, for messages */
    const MI_Uint8 *buf;
    MI_Uint32 len;
    MI_Class *const *classes;   /* given classes (NULL entries skipped) */
    MI_Uint32 nclasses;
    const MI_Char *server, *ns;
    MI_Deserializer_ClassObjectNeeded needed;
    void *needed_ctx;
    const char *srcname;        /* name of buf in diagnostics */
} des_job;

/* Compiles job's buffer into a new repository (*out_repo; mi_repo_free it) and gives
 * the namespace and the number of classes it held before the buffer. On failure
 * *out_repo is NULL and the message is in why. */
static MI_Result des_compile(const des_job *job, mi_repo **out_repo, mi_ns **out_ns,
                             size_t *npre, mi_buf *why)
{
    mi_repo *repo = NULL;
    mi_ns *ns = NULL;
    des_names nm;
    des_diag dd;
    mi_mof_options opt;
    MI_Result r;

    *out_repo = NULL;
    memset(&dd, 0, sizeof dd);
    memset(&opt, 0, sizeof opt);
    opt.diag = des_on_diag;
    opt.diag_ctx = &dd;
    /* UPDATE_CLASSES: a class the buffer declares takes the place of a given class of
     * that name (one stored the same is kept as it is), so a buffer written with
     * INSTANCE_WITH_CLASS or CLASS_DEEP deserializes whether or not its classes are
     * also given. */
    opt.flags = MI_MOF_ALLOW_NULL_KEYS | MI_MOF_UPDATE_CLASSES;
    r = des_scan((const char *)job->buf, job->len, &nm);
    if (r != MI_RESULT_OK) {
        mi_buf_printf(why, r == MI_RESULT_INVALID_PARAMETER
                               ? "a class name is longer than %d bytes"
                               : "too many class names (at most %d) or out of memory",
                      r == MI_RESULT_INVALID_PARAMETER ? DES_MAX_NAME_LEN : DES_MAX_NAMES);
        goto out_names;
    }
    r = mi_repo_new(&repo);
    if (r != MI_RESULT_OK) {
        mi_buf_puts(why, "out of memory");
        goto out_names;
    }
    r = mi_repo_ns_add(repo, job->ns != NULL ? job->ns : "root/cimv2", &ns);
    if (r != MI_RESULT_OK) {
        mi_buf_printf(why, "namespace \"%s\": %s", job->ns != NULL ? job->ns : "root/cimv2",
                      mi_repo_last_error());
        goto out_repo;
    }
    opt.ns = mi_ns_name(ns);
    r = mi_mof_compile_buffer(repo, "<builtin qualifiers>", builtin_qualifiers,
                              sizeof builtin_qualifiers - 1, &opt, NULL);
    if (r != MI_RESULT_OK) {
        mi_buf_printf(why, "internal error: %s", dd.text);
        goto out_repo;
    }
    for (MI_Uint32 i = 0; i < job->nclasses; i++) {
        if (job->classes[i] == NULL || job->classes[i]->classDecl == NULL)
            continue;
        r = preload(ns, job->classes[i]->classDecl, why);
        if (r != MI_RESULT_OK)
            goto out_repo;
    }
    for (size_t i = 0; i < nm.nused && job->needed != NULL; i++) {
        MI_Class *c = NULL;
        if (names_declares(&nm, nm.used[i]) || mi_ns_class(ns, nm.used[i]) != NULL)
            continue;
        if (job->needed(job->needed_ctx, job->server, job->ns, nm.used[i], &c) !=
                MI_RESULT_OK ||
            c == NULL || c->classDecl == NULL)
            continue;
        r = preload(ns, c->classDecl, why);
        if (r != MI_RESULT_OK)
            goto out_repo;
    }
    *npre = mi_ns_class_count(ns);
    r = job->len == 0 ? MI_RESULT_OK
                      : mi_mof_compile_buffer(repo, job->srcname, (const char *)job->buf,
                                              job->len, &opt, NULL);
    if (r != MI_RESULT_OK) {
        if (dd.have) {
            mi_buf_puts(why, dd.text);
            if (dd.code != MI_RESULT_OK)
                r = dd.code;
        } else {
            mi_buf_puts(why, "the MOF compiler failed");
        }
        goto out_repo;
    }
    *out_repo = repo;
    *out_ns = ns;
    repo = NULL;
out_repo:
    mi_repo_free(repo);
out_names:
    names_free(&nm);
    return r;
}

/* ---------------------------------------------------------------- results */

static MI_Result detach(const MI_Instance *src, unsigned depth, MI_Instance **out);

/* Detached copies of the instances of an instance array value (into *tmp, mi_malloc'd,
 * entries deleted by the caller). */
static MI_Result detach_array(const MI_Array *a, unsigned depth, MI_Instance ***tmp)
{
    MI_Instance **v;

    *tmp = NULL;
    if (a->size == 0)
        return MI_RESULT_OK;
    v = mi_calloc(a->size, sizeof *v);
    if (v == NULL)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    *tmp = v;
    for (MI_Uint32 i = 0; i < a->size; i++) {
        const MI_Instance *e = ((MI_Instance *const *)a->data)[i];
        if (e != NULL) {
            MI_Result r = detach(e, depth + 1, &v[i]);
            if (r != MI_RESULT_OK)
                return r;
        }
    }
    return MI_RESULT_OK;
}

/* A copy of src whose class decl (and those of its embedded and reference instances)
 * belongs to the copy, so it outlives the repository it was compiled into. */
static MI_Result detach(const MI_Instance *src, unsigned depth, MI_Instance **out)
{
    MI_Instance *n = NULL;
    MI_Uint32 count = 0;
    bool dyn = mi_instance_is_dynamic(src);
    MI_Result r;

    *out = NULL;
    if (depth > 32)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    if (dyn)
        r = mi_instance_new_dynamic(src->classDecl->name,
                                    src->classDecl->flags &
                                        (MI_FLAG_CLASS | MI_FLAG_ASSOCIATION |
                                         MI_FLAG_INDICATION | MI_FLAG_METHOD),
                                    &n);
    else
        r = mi_instance_new_detached(src->classDecl, src->nameSpace, src->serverName, &n);
    if (r != MI_RESULT_OK)
        goto out;
    r = MI_Instance_GetElementCount(src, &count);
    for (MI_Uint32 i = 0; i < count && r == MI_RESULT_OK; i++) {
        const MI_Char *name = NULL;
        MI_Value v;
        MI_Type t;
        MI_Uint32 fl = 0;
        MI_Instance *one = NULL;
        MI_Instance **many = NULL;
        MI_Value nv;
        r = MI_Instance_GetElementAt(src, i, &name, &v, &t, &fl);
        if (r != MI_RESULT_OK)
            break;
        bool isnull = (fl & MI_FLAG_NULL) != 0;
        nv = v;
        if (!isnull && (t == MI_INSTANCE || t == MI_REFERENCE)) {
            r = detach(v.instance, depth + 1, &one);
            nv.instance = one;
        } else if (!isnull && (t == MI_INSTANCEA || t == MI_REFERENCEA)) {
            r = detach_array((const MI_Array *)&v.instancea, depth, &many);
            nv.instancea.data = many;
            nv.instancea.size = v.instancea.size;
        }
        if (r == MI_RESULT_OK) {
            if (dyn)
                r = MI_Instance_AddElement(n, name, isnull ? NULL : &nv, t,
                                           (fl & MI_FLAG_KEY) | (isnull ? MI_FLAG_NULL : 0));
            else if (!isnull)
                r = MI_Instance_SetElementAt(n, i, &nv, t, 0);
        }
        if (one != NULL)
            MI_Instance_Delete(one);
        if (many != NULL) {
            for (MI_Uint32 k = 0; k < v.instancea.size; k++)
                if (many[k] != NULL)
                    MI_Instance_Delete(many[k]);
            mi_free(many);
        }
    }
    if (r != MI_RESULT_OK)
        goto out_delete;
    *out = n;
    goto out;
out_delete:
    MI_Instance_Delete(n);
out:
    return r;
}

typedef struct first_inst {
    const MI_Instance *inst;
} first_inst;

static bool take_first(void *ctx, const MI_Instance *inst)
{
    ((first_inst *)ctx)->inst = inst;
    return false;
}

/* ---------------------------------------------------------------- MI_XML input
 *
 * The buffer is parsed into an element tree (mi_xml_parse: expat, caps in xml.h); its
 * top-level elements must be CLASS and INSTANCE elements. CLASS elements are
 * translated to MOF (their own members: properties and methods with
 * PROPAGATED="true" are inherited and left out) and compiled by des_compile exactly
 * as a MOF buffer is, so classes get the same checks, flattening and layout, and
 * classObjectNeeded is asked for the same kinds of names. Instances are built
 * directly on the class decls (values read per DSP0201 3.3, including NaN/INF), then
 * detached. Every element and attribute is checked against DSP0201; anything else is
 * INVALID_PARAMETER (TYPE_MISMATCH for a TYPE that differs from the class,
 * NO_SUCH_PROPERTY, INVALID_CLASS for a class nobody supplies), with the element's
 * line and column in the message. Embedded instances (escaped INSTANCE text) and
 * reference keys nest at most MI_XML_MAX_DEPTH levels. */

typedef struct xin {
    const des_job *job;
    mi_ns *ns;
    mi_buf *why;
    char **asked;  /* names already handed to classObjectNeeded */
    size_t nasked;
} xin;

/* Appends "line L, column C: <ELEMENT>: message" to why and returns r. */
static MI_Result xfail(mi_buf *why, const mi_xml_node *n, MI_Result r, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static MI_Result xfail(mi_buf *why, const mi_xml_node *n, MI_Result r, const char *fmt, ...)
{
    va_list ap;

    if (why->len > 0)
        return r;
    if (n != NULL)
        mi_buf_printf(why, "line %lu, column %lu: <%s>: ", n->line, n->column, n->name);
    va_start(ap, fmt);
    mi_buf_vprintf(why, fmt, ap);
    va_end(ap);
    return r;
}

/* Every attribute of n is in `allowed` (NULL-terminated; exact case). */
static MI_Result xattrs(mi_buf *why, const mi_xml_node *n, const char *const *allowed)
{
    for (size_t i = 0; n->attrs[i] != NULL; i += 2) {
        bool ok = false;
        for (size_t k = 0; allowed[k] != NULL && !ok; k++)
            ok = strcmp(n->attrs[i], allowed[k]) == 0;
        if (!ok)
            return xfail(why, n, MI_RESULT_INVALID_PARAMETER, "unexpected attribute %s",
                         n->attrs[i]);
    }
    if (!mi_xml_text_blank(n))
        return xfail(why, n, MI_RESULT_INVALID_PARAMETER, "unexpected text");
    return MI_RESULT_OK;
}

/* A required attribute that must be a CIM identifier. */
static MI_Result xname(mi_buf *why, const mi_xml_node *n, const char *attr, bool required,
                       const char **out)
{
    const char *v = mi_xml_attr(n, attr);

    *out = v;
    if (v == NULL)
        return required ? xfail(why, n, MI_RESULT_INVALID_PARAMETER, "%s is missing", attr)
                        : MI_RESULT_OK;
    if (strlen(v) > DES_MAX_NAME_LEN || !mi_is_identifier(v))
        return xfail(why, n, MI_RESULT_INVALID_PARAMETER, "%s=\"%.64s\" is not a CIM name",
                     attr, v);
    return MI_RESULT_OK;
}

static MI_Result xbool_attr(mi_buf *why, const mi_xml_node *n, const char *attr, bool dflt,
                            bool *out)
{
    const char *v = mi_xml_attr(n, attr);

    *out = dflt;
    if (v == NULL)
        return MI_RESULT_OK;
    if (strcmp(v, "true") == 0)
        *out = true;
    else if (strcmp(v, "false") == 0)
        *out = false;
    else
        return xfail(why, n, MI_RESULT_INVALID_PARAMETER, "%s must be true or false", attr);
    return MI_RESULT_OK;
}

/* The type of TYPE= (scalar CIM types only). */
static MI_Result xtype(mi_buf *why, const mi_xml_node *n, MI_Type *t)
{
    const char *v = mi_xml_attr(n, "TYPE");

    if (v == NULL)
        return xfail(why, n, MI_RESULT_INVALID_PARAMETER, "TYPE is missing");
    if (strcmp(v, "reference") == 0 || strcmp(v, "object") == 0 || strcmp(v, "ref") == 0 ||
        !mi_type_from_name(v, t))
        return xfail(why, n, MI_RESULT_INVALID_PARAMETER, "TYPE=\"%.32s\" is not a CIM type",
                     v);
    return MI_RESULT_OK;
}

static bool xis(const mi_xml_node *n, const char *name)
{
    return strcmp(n->name, name) == 0;
}

/* Reads the text of a VALUE (or KEYVALUE) as a scalar of type t (not reference or
 * instance) per DSP0201 3.3: strings and char16 as they are, the rest trimmed. */
static MI_Result xscalar(mi_buf *why, const mi_xml_node *n, MI_Type t, MI_Value *v)
{
    const char *s = n->text;
    size_t len = n->textlen;
    char tmp[80];
    char *end = NULL;

    memset(v, 0, sizeof *v);
    if (t == MI_STRING) {
        if (strlen(s) != len)
            return xfail(why, n, MI_RESULT_INVALID_PARAMETER, "NUL in a string");
        v->string = (MI_Char *)s;
        return MI_RESULT_OK;
    }
    if (t == MI_CHAR16) {
        uint32_t cp = 0;
        int k = len > 0 ? mi_utf8_decode(s, len, &cp) : 0;
        if (k <= 0 || (size_t)k != len || cp > 0xFFFF)
            return xfail(why, n, MI_RESULT_INVALID_PARAMETER,
                         "a char16 is exactly one character of the BMP");
        v->char16 = (MI_Char16)cp;
        return MI_RESULT_OK;
    }
    while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
        s++;
        len--;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
                       s[len - 1] == '\r'))
        len--;
    if (len == 0 || len >= sizeof tmp)
        return xfail(why, n, MI_RESULT_INVALID_PARAMETER, "%s value is empty or too long",
                     mi_type_name(t));
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    errno = 0;
    switch (t) {
    case MI_BOOLEAN:
        if (mi_name_eq(tmp, "true"))
            v->boolean = MI_TRUE;
        else if (mi_name_eq(tmp, "false"))
            v->boolean = MI_FALSE;
        else
            return xfail(why, n, MI_RESULT_INVALID_PARAMETER, "boolean is TRUE or FALSE");
        return MI_RESULT_OK;
    case MI_UINT8: case MI_UINT16: case MI_UINT32: case MI_UINT64: {
        if (tmp[0] == '-' || !(tmp[0] == '+' || (tmp[0] >= '0' && tmp[0] <= '9')))
            goto bad_number;
        unsigned long long u = strtoull(tmp, &end, 10);
        unsigned long long max = t == MI_UINT8 ? 0xFFu : t == MI_UINT16 ? 0xFFFFu
                                 : t == MI_UINT32 ? 0xFFFFFFFFu : ULLONG_MAX;
        if (*end != '\0' || errno == ERANGE || u > max)
            goto bad_number;
        if (t == MI_UINT8) v->uint8 = (MI_Uint8)u;
        else if (t == MI_UINT16) v->uint16 = (MI_Uint16)u;
        else if (t == MI_UINT32) v->uint32 = (MI_Uint32)u;
        else v->uint64 = u;
        return MI_RESULT_OK;
    }
    case MI_SINT8: case MI_SINT16: case MI_SINT32: case MI_SINT64: {
        if (!(tmp[0] == '-' || tmp[0] == '+' || (tmp[0] >= '0' && tmp[0] <= '9')))
            goto bad_number;
        long long x = strtoll(tmp, &end, 10);
        long long lo = t == MI_SINT8 ? -128 : t == MI_SINT16 ? -32768
                       : t == MI_SINT32 ? INT32_MIN : LLONG_MIN;
        long long hi = t == MI_SINT8 ? 127 : t == MI_SINT16 ? 32767
                       : t == MI_SINT32 ? INT32_MAX : LLONG_MAX;
        if (*end != '\0' || errno == ERANGE || x < lo || x > hi)
            goto bad_number;
        if (t == MI_SINT8) v->sint8 = (MI_Sint8)x;
        else if (t == MI_SINT16) v->sint16 = (MI_Sint16)x;
        else if (t == MI_SINT32) v->sint32 = (MI_Sint32)x;
        else v->sint64 = x;
        return MI_RESULT_OK;
    }
    case MI_REAL32: case MI_REAL64: {
        double d;
        if (strcmp(tmp, "INF") == 0) {
            d = INFINITY;
        } else if (strcmp(tmp, "-INF") == 0) {
            d = -INFINITY;
        } else if (strcmp(tmp, "NaN") == 0) {
            d = NAN;
        } else {
            if (strspn(tmp, "0123456789+-.eE") != len)
                goto bad_number;
            d = strtod(tmp, &end);
            if (*end != '\0' || end == tmp || !isfinite(d) ||
                (t == MI_REAL32 && !isfinite((float)d)))
                goto bad_number;
        }
        if (t == MI_REAL32)
            v->real32 = (MI_Real32)d;
        else
            v->real64 = d;
        return MI_RESULT_OK;
    }
    case MI_DATETIME: {
        const char *whyd = NULL;
        if (mi_datetime_parse(tmp, &v->datetime, &whyd) != MI_RESULT_OK)
            return xfail(why, n, MI_RESULT_INVALID_PARAMETER, "datetime \"%s\": %s", tmp,
                         whyd ? whyd : "invalid");
        return MI_RESULT_OK;
    }
    default:
        return xfail(why, n, MI_RESULT_INVALID_PARAMETER, "type %u cannot be read here",
                     (unsigned)t);
    }
bad_number:
    return xfail(why, n, MI_RESULT_INVALID_PARAMETER, "\"%s\" is not a valid %s", tmp,
                 mi_type_name(t));
}

/* ---- classes -> MOF */

/* A MOF literal for VALUE / VALUE.ARRAY node v of type t (no references or
 * instances). */
static MI_Result xliteral(mi_buf *why, mi_buf *mof, const mi_xml_node *v, MI_Type t)
{
    static const char *const none[] = {NULL};
    MI_Result r;
    MI_Value val;

    if ((t & MI_ARRAY) == 0) {
        if (!xis(v, "VALUE"))
            return xfail(why, v, MI_RESULT_INVALID_PARAMETER, "expected VALUE");
        for (size_t i = 0; v->attrs[i] != NULL; i += 2)
            return xfail(why, v, MI_RESULT_INVALID_PARAMETER, "unexpected attribute %s",
                         v->attrs[i]);
        if (v->nkids != 0)
            return xfail(why, v, MI_RESULT_INVALID_PARAMETER, "unexpected child element");
        r = xscalar(why, v, t, &val);
        if (r != MI_RESULT_OK)
            return r;
        if (((t == MI_REAL32 && !isfinite(val.real32)) ||
             (t == MI_REAL64 && !isfinite(val.real64))))
            return xfail(why, v, MI_RESULT_NOT_SUPPORTED,
                         "NaN and infinite class defaults and qualifier values have no MOF "
                         "form");
        return mi_value_to_mof(mof, t, &val, 0) < 0
                   ? xfail(why, v, MI_RESULT_SERVER_LIMITS_EXCEEDED, "text too long")
                   : MI_RESULT_OK;
    }
    if (!xis(v, "VALUE.ARRAY"))
        return xfail(why, v, MI_RESULT_INVALID_PARAMETER, "expected VALUE.ARRAY");
    r = xattrs(why, v, none);
    if (r != MI_RESULT_OK)
        return r;
    mi_buf_putc(mof, '{');
    for (size_t i = 0; i < v->nkids && r == MI_RESULT_OK; i++) {
        if (i > 0)
            mi_buf_puts(mof, ", ");
        if (xis(v->kids[i], "VALUE.NULL"))
            r = xfail(why, v->kids[i], MI_RESULT_NOT_SUPPORTED,
                      "NULL elements in class defaults have no MOF form");
        else
            r = xliteral(why, mof, v->kids[i], (MI_Type)(t & ~MI_ARRAY));
    }
    mi_buf_putc(mof, '}');
    return r;
}

/* Appends "[Q1(v) : flavors, ...] " for the QUALIFIER children of n (other children
 * are skipped), and Qualifier declarations for names not builtin and not yet declared
 * to decls. extra: a qualifier to add when missing (EmbeddedObject), or NULL. */
static MI_Result xquals(mi_buf *why, const mi_xml_node *n, mi_buf *mof, mi_buf *decls,
                        qset *done, const char *extra)
{
    static const char *const qattrs[] = {"NAME", "TYPE", "PROPAGATED", "OVERRIDABLE",
                                         "TOSUBCLASS", "TOINSTANCE", "TRANSLATABLE",
                                         "xml:lang", NULL};
    MI_Result r = MI_RESULT_OK;
    size_t count = 0;
    bool have_extra = false;

    for (size_t i = 0; i < n->nkids && r == MI_RESULT_OK; i++) {
        const mi_xml_node *q = n->kids[i];
        const char *name;
        MI_Type t;
        bool over, tosub, toinst, transl, arr;
        if (!xis(q, "QUALIFIER"))
            continue;
        if ((r = xattrs(why, q, qattrs)) != MI_RESULT_OK ||
            (r = xname(why, q, "NAME", true, &name)) != MI_RESULT_OK ||
            (r = xtype(why, q, &t)) != MI_RESULT_OK ||
            (r = xbool_attr(why, q, "OVERRIDABLE", true, &over)) != MI_RESULT_OK ||
            (r = xbool_attr(why, q, "TOSUBCLASS", true, &tosub)) != MI_RESULT_OK ||
            (r = xbool_attr(why, q, "TOINSTANCE", false, &toinst)) != MI_RESULT_OK ||
            (r = xbool_attr(why, q, "TRANSLATABLE", false, &transl)) != MI_RESULT_OK)
            break;
        if (t == MI_INSTANCE || t == MI_REFERENCE)
            return xfail(why, q, MI_RESULT_INVALID_PARAMETER, "invalid qualifier type");
        if (q->nkids > 1)
            return xfail(why, q, MI_RESULT_INVALID_PARAMETER, "more than one value");
        arr = q->nkids == 1 && xis(q->kids[0], "VALUE.ARRAY");
        if (extra != NULL && mi_name_eq(name, extra))
            have_extra = true;
        mi_buf_puts(mof, count++ == 0 ? "[" : ", ");
        mi_buf_puts(mof, name);
        if (q->nkids == 1) {
            if (!arr)
                mi_buf_putc(mof, '(');
            r = xliteral(why, mof, q->kids[0], arr ? (MI_Type)(t | MI_ARRAY) : t);
            if (!arr)
                mi_buf_putc(mof, ')');
        } else if (t == MI_BOOLEAN) {
            mi_buf_puts(mof, "(NULL)");
        }
        mi_buf_printf(mof, " : %s %s%s%s", over ? "EnableOverride" : "DisableOverride",
                      tosub ? "ToSubclass" : "Restricted", transl ? " Translatable" : "",
                      toinst ? " ToInstance" : "");
        if (r == MI_RESULT_OK && !is_builtin_qualifier(name)) {
            bool seen = false;
            for (size_t k = 0; k < done->n && !seen; k++)
                seen = mi_name_eq(done->names[k], name);
            if (!seen) {
                if (done->n == done->cap) {
                    size_t nc = done->cap ? done->cap * 2 : 16;
                    const char **nn = mi_realloc(done->names, nc * sizeof *nn);
                    if (nn == NULL)
                        return xfail(why, q, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
                    done->names = nn;
                    done->cap = nc;
                }
                done->names[done->n++] = name;
                mi_buf_printf(decls, "Qualifier %s : %s%s, Scope(any);\n", name,
                              mi_type_name(t), arr ? "[]" : "");
            }
        }
    }
    if (r == MI_RESULT_OK && extra != NULL && !have_extra)
        mi_buf_printf(mof, "%s%s", count++ == 0 ? "[" : ", ", extra);
    if (count > 0)
        mi_buf_puts(mof, "] ");
    return r;
}

/* Appends one property (or parameter, when param) of a CLASS element as MOF. */
static MI_Result xmember(mi_buf *why, const mi_xml_node *p, bool param, mi_buf *mof,
                         mi_buf *decls, qset *done)
{
    static const char *const pattrs[] = {"NAME", "TYPE", "CLASSORIGIN", "PROPAGATED",
                                         "EmbeddedObject", "EMBEDDEDOBJECT", "xml:lang",
                                         "ARRAYSIZE", "REFERENCECLASS", NULL};
    const char *name, *refcls = NULL, *origin;
    MI_Type t = MI_STRING;
    MI_Result r;
    bool ref = xis(p, param ? "PARAMETER.REFERENCE" : "PROPERTY.REFERENCE") ||
               xis(p, param ? "PARAMETER.REFARRAY" : "PROPERTY.REFARRAY");
    bool arr = xis(p, param ? "PARAMETER.ARRAY" : "PROPERTY.ARRAY") ||
               xis(p, param ? "PARAMETER.REFARRAY" : "PROPERTY.REFARRAY");
    const char *emb = mi_xml_attr(p, "EmbeddedObject");
    const char *size = mi_xml_attr(p, "ARRAYSIZE");

    if (emb == NULL)
        emb = mi_xml_attr(p, "EMBEDDEDOBJECT");
    if ((r = xattrs(why, p, pattrs)) != MI_RESULT_OK ||
        (r = xname(why, p, "NAME", true, &name)) != MI_RESULT_OK ||
        (r = xname(why, p, "CLASSORIGIN", false, &origin)) != MI_RESULT_OK)
        return r;
    if (ref) {
        if ((r = xname(why, p, "REFERENCECLASS", false, &refcls)) != MI_RESULT_OK)
            return r;
        if (refcls == NULL)
            return xfail(why, p, MI_RESULT_NOT_SUPPORTED,
                         "a reference without REFERENCECLASS has no MOF form");
        if (mi_xml_attr(p, "TYPE") != NULL || emb != NULL)
            return xfail(why, p, MI_RESULT_INVALID_PARAMETER,
                         "TYPE / EmbeddedObject on a reference");
    } else {
        if ((r = xtype(why, p, &t)) != MI_RESULT_OK)
            return r;
        if (mi_xml_attr(p, "REFERENCECLASS") != NULL)
            return xfail(why, p, MI_RESULT_INVALID_PARAMETER,
                         "REFERENCECLASS on a non-reference");
        if (emb != NULL && ((strcmp(emb, "instance") != 0 && strcmp(emb, "object") != 0) ||
                            t != MI_STRING))
            return xfail(why, p, MI_RESULT_INVALID_PARAMETER,
                         "EmbeddedObject is \"instance\" or \"object\" on a string");
    }
    if (size != NULL && (!arr || strspn(size, "0123456789") != strlen(size) || !*size ||
                         strlen(size) > 9))
        return xfail(why, p, MI_RESULT_INVALID_PARAMETER, "invalid ARRAYSIZE");
    mi_buf_puts(mof, param ? "" : "    ");
    r = xquals(why, p, mof, decls, done,
               emb != NULL && strcmp(emb, "object") == 0 ? "EmbeddedObject" : NULL);
    if (r != MI_RESULT_OK)
        return r;
    if (ref)
        mi_buf_printf(mof, "%s REF %s", refcls, name);
    else
        mi_buf_printf(mof, "%s %s", mi_type_name(t), name);
    if (arr)
        mi_buf_printf(mof, "[%s]", size ? size : "");
    for (size_t i = 0; i < p->nkids && r == MI_RESULT_OK; i++) {
        const mi_xml_node *k = p->kids[i];
        if (xis(k, "QUALIFIER"))
            continue;
        if (param || i + 1 != p->nkids)
            return xfail(why, k, MI_RESULT_INVALID_PARAMETER, "unexpected element");
        if (ref || emb != NULL)
            return xfail(why, k, MI_RESULT_NOT_SUPPORTED,
                         "default values of references and embedded objects have no MOF form");
        mi_buf_puts(mof, " = ");
        r = xliteral(why, mof, k, arr ? (MI_Type)(t | MI_ARRAY) : t);
    }
    if (!param)
        mi_buf_puts(mof, ";\n");
    return r;
}

static MI_Result xmethod(mi_buf *why, const mi_xml_node *m, mi_buf *mof, mi_buf *decls,
                         qset *done)
{
    static const char *const mattrs[] = {"NAME", "TYPE", "CLASSORIGIN", "PROPAGATED", NULL};
    const char *name, *origin;
    MI_Type t = MI_UINT32;
    MI_Result r;
    size_t np = 0;

    if ((r = xattrs(why, m, mattrs)) != MI_RESULT_OK ||
        (r = xname(why, m, "NAME", true, &name)) != MI_RESULT_OK ||
        (r = xname(why, m, "CLASSORIGIN", false, &origin)) != MI_RESULT_OK)
        return r;
    if (mi_xml_attr(m, "TYPE") != NULL && (r = xtype(why, m, &t)) != MI_RESULT_OK)
        return r;
    mi_buf_puts(mof, "    ");
    if ((r = xquals(why, m, mof, decls, done, NULL)) != MI_RESULT_OK)
        return r;
    mi_buf_printf(mof, "%s %s(", mi_xml_attr(m, "TYPE") ? mi_type_name(t) : "void", name);
    for (size_t i = 0; i < m->nkids && r == MI_RESULT_OK; i++) {
        const mi_xml_node *k = m->kids[i];
        if (xis(k, "QUALIFIER"))
            continue;
        if (!xis(k, "PARAMETER") && !xis(k, "PARAMETER.ARRAY") &&
            !xis(k, "PARAMETER.REFERENCE") && !xis(k, "PARAMETER.REFARRAY"))
            return xfail(why, k, MI_RESULT_INVALID_PARAMETER, "unexpected element in METHOD");
        if (np++ > 0)
            mi_buf_puts(mof, ", ");
        r = xmember(why, k, true, mof, decls, done);
    }
    mi_buf_puts(mof, ");\n");
    return r;
}

/* MOF text of one CLASS element (its own members), with the Qualifier declarations it
 * needs appended to decls first. */
static MI_Result xclass(mi_buf *why, const mi_xml_node *c, mi_buf *mof, mi_buf *decls,
                        qset *done)
{
    static const char *const cattrs[] = {"NAME", "SUPERCLASS", NULL};
    const char *name, *super;
    MI_Result r;

    if ((r = xattrs(why, c, cattrs)) != MI_RESULT_OK ||
        (r = xname(why, c, "NAME", true, &name)) != MI_RESULT_OK ||
        (r = xname(why, c, "SUPERCLASS", false, &super)) != MI_RESULT_OK)
        return r;
    if ((r = xquals(why, c, mof, decls, done, NULL)) != MI_RESULT_OK)
        return r;
    mi_buf_printf(mof, "\nclass %s%s%s\n{\n", name, super ? " : " : "", super ? super : "");
    for (size_t i = 0; i < c->nkids && r == MI_RESULT_OK; i++) {
        const mi_xml_node *k = c->kids[i];
        bool propagated = false;
        if (xis(k, "QUALIFIER"))
            continue;
        r = xbool_attr(why, k, "PROPAGATED", false, &propagated);
        if (r != MI_RESULT_OK || propagated)
            continue;
        if (xis(k, "PROPERTY") || xis(k, "PROPERTY.ARRAY") || xis(k, "PROPERTY.REFERENCE") ||
            xis(k, "PROPERTY.REFARRAY"))
            r = xmember(why, k, false, mof, decls, done);
        else if (xis(k, "METHOD"))
            r = xmethod(why, k, mof, decls, done);
        else
            r = xfail(why, k, MI_RESULT_INVALID_PARAMETER, "unexpected element in CLASS");
    }
    mi_buf_puts(mof, "};\n");
    return r;
}

/* MOF of every CLASS child of the root (declarations first), into *out (mi_malloc'd,
 * "" when there is none). The root's children must be CLASS or INSTANCE. */
static MI_Result xclasses_to_mof(mi_buf *why, const mi_xml_node *root, char **out, size_t *len)
{
    mi_buf decls, mof;
    qset done = {NULL, 0, 0};
    MI_Result r = MI_RESULT_OK;

    *out = NULL;
    mi_buf_init(&decls, DES_MAX_INPUT);
    mi_buf_init(&mof, DES_MAX_INPUT);
    for (size_t i = 0; i < root->nkids && r == MI_RESULT_OK; i++) {
        const mi_xml_node *k = root->kids[i];
        if (xis(k, "CLASS"))
            r = xclass(why, k, &mof, &decls, &done);
        else if (!xis(k, "INSTANCE"))
            r = xfail(why, k, MI_RESULT_INVALID_PARAMETER,
                      "expected CLASS or INSTANCE at the top level");
    }
    if (r == MI_RESULT_OK && !mi_xml_text_blank(root))
        r = xfail(why, NULL, MI_RESULT_INVALID_PARAMETER, "text outside the elements");
    mi_buf_append(&decls, mof.data ? mof.data : "", mof.len);
    if (r == MI_RESULT_OK && mi_buf_failed(&decls))
        r = xfail(why, NULL, MI_RESULT_SERVER_LIMITS_EXCEEDED, "classes too large");
    if (r == MI_RESULT_OK) {
        *len = decls.len;
        *out = decls.len ? mi_buf_take(&decls) : mi_strdup("");
        if (*out == NULL)
            r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    }
    mi_buf_free(&decls);
    mi_buf_free(&mof);
    mi_free(done.names);
    return r;
}

/* ---- instances */

static const MI_ClassDecl *xresolve(xin *x, const char *name)
{
    const MI_ClassDecl *cd = mi_ns_class(x->ns, name);
    MI_Class *c = NULL;
    mi_buf ignore;

    if (cd != NULL || x->job->needed == NULL)
        return cd;
    for (size_t i = 0; i < x->nasked; i++)
        if (mi_name_eq(x->asked[i], name))
            return NULL;
    if (x->nasked == DES_MAX_NAMES)
        return NULL;
    if ((x->asked[x->nasked] = mi_strdup(name)) == NULL)
        return NULL;
    x->nasked++;
    if (x->job->needed(x->job->needed_ctx, x->job->server, x->job->ns, name, &c) !=
            MI_RESULT_OK ||
        c == NULL || c->classDecl == NULL)
        return NULL;
    mi_buf_init(&ignore, DES_MSG_CAP);
    if (preload(x->ns, c->classDecl, &ignore) != MI_RESULT_OK) {
        mi_buf_free(&ignore);
        return NULL;
    }
    mi_buf_free(&ignore);
    return mi_ns_class(x->ns, name);
}

static MI_Result xinstance(xin *x, const mi_xml_node *n, unsigned depth, MI_Instance **out);

/* Path text of NAMESPACE children of a LOCALNAMESPACEPATH, into the doc-independent
 * buffer ns. */
static MI_Result xlocalns(mi_buf *why, const mi_xml_node *l, mi_buf *ns)
{
    static const char *const none[] = {NULL};
    static const char *const nsattrs[] = {"NAME", NULL};
    MI_Result r = xattrs(why, l, none);

    if (r == MI_RESULT_OK && (!xis(l, "LOCALNAMESPACEPATH") || l->nkids == 0))
        return xfail(why, l, MI_RESULT_INVALID_PARAMETER, "expected LOCALNAMESPACEPATH");
    for (size_t i = 0; i < l->nkids && r == MI_RESULT_OK; i++) {
        const char *seg;
        if (!xis(l->kids[i], "NAMESPACE") || l->kids[i]->nkids != 0)
            return xfail(why, l->kids[i], MI_RESULT_INVALID_PARAMETER, "expected NAMESPACE");
        if ((r = xattrs(why, l->kids[i], nsattrs)) != MI_RESULT_OK ||
            (r = xname(why, l->kids[i], "NAME", true, &seg)) != MI_RESULT_OK)
            break;
        mi_buf_printf(ns, "%s%s", i ? "/" : "", seg);
    }
    return r;
}

/* The reference instance named by a VALUE.REFERENCE element. */
static MI_Result xreference(xin *x, const mi_xml_node *v, unsigned depth, MI_Instance **out)
{
    static const char *const none[] = {NULL};
    static const char *const inattrs[] = {"CLASSNAME", NULL};
    static const char *const kbattrs[] = {"NAME", NULL};
    static const char *const kvattrs[] = {"VALUETYPE", "TYPE", NULL};
    const mi_xml_node *in, *p;
    const char *cls, *host = NULL;
    mi_buf ns;
    MI_Instance *inst = NULL;
    MI_Result r;

    *out = NULL;
    if (depth > MI_XML_MAX_DEPTH)
        return xfail(x->why, v, MI_RESULT_SERVER_LIMITS_EXCEEDED, "references nest too deeply");
    if ((r = xattrs(x->why, v, none)) != MI_RESULT_OK)
        return r;
    if (v->nkids != 1)
        return xfail(x->why, v, MI_RESULT_INVALID_PARAMETER, "expected one path element");
    mi_buf_init(&ns, 4096);
    p = v->kids[0];
    in = p;
    if (xis(p, "INSTANCEPATH")) {
        const mi_xml_node *np = p->nkids == 2 ? p->kids[0] : NULL;
        if (np == NULL || !xis(np, "NAMESPACEPATH") || np->nkids != 2 ||
            !xis(np->kids[0], "HOST") || np->kids[0]->nkids != 0) {
            r = xfail(x->why, p, MI_RESULT_INVALID_PARAMETER,
                      "expected NAMESPACEPATH(HOST, LOCALNAMESPACEPATH), INSTANCENAME");
            goto out;
        }
        host = np->kids[0]->text;
        if ((r = xlocalns(x->why, np->kids[1], &ns)) != MI_RESULT_OK)
            goto out;
        in = p->kids[1];
    } else if (xis(p, "LOCALINSTANCEPATH")) {
        if (p->nkids != 2) {
            r = xfail(x->why, p, MI_RESULT_INVALID_PARAMETER,
                      "expected LOCALNAMESPACEPATH, INSTANCENAME");
            goto out;
        }
        if ((r = xlocalns(x->why, p->kids[0], &ns)) != MI_RESULT_OK)
            goto out;
        in = p->kids[1];
    }
    if (!xis(in, "INSTANCENAME")) {
        r = xfail(x->why, in, MI_RESULT_INVALID_PARAMETER,
                  "a reference value names an instance (INSTANCENAME, LOCALINSTANCEPATH or "
                  "INSTANCEPATH)");
        goto out;
    }
    if ((r = xattrs(x->why, in, inattrs)) != MI_RESULT_OK ||
        (r = xname(x->why, in, "CLASSNAME", true, &cls)) != MI_RESULT_OK)
        goto out;
    if (mi_buf_failed(&ns)) {
        r = xfail(x->why, in, MI_RESULT_SERVER_LIMITS_EXCEEDED, "namespace too long");
        goto out;
    }
    const MI_ClassDecl *cd = xresolve(x, cls);
    const char *nsname = ns.len ? mi_buf_str(&ns) : NULL;
    r = cd ? mi_instance_new(cd, nsname, host, &inst) : mi_instance_new_dynamic(cls, 0, &inst);
    if (r != MI_RESULT_OK) {
        r = xfail(x->why, in, r, "%s", mi_cim_last_error());
        goto out;
    }
    /* a reference holds keys only: no class defaults */
    for (MI_Uint32 i = 0; cd != NULL && i < cd->numProperties && r == MI_RESULT_OK; i++)
        r = MI_Instance_ClearElementAt(inst, i);
    if (cd == NULL && nsname != NULL)
        r = MI_Instance_SetNameSpace(inst, nsname);
    if (cd == NULL && r == MI_RESULT_OK && host != NULL)
        r = MI_Instance_SetServerName(inst, host);
    for (size_t i = 0; i < in->nkids && r == MI_RESULT_OK; i++) {
        const mi_xml_node *kb = in->kids[i], *kv;
        const char *kname;
        MI_Value val;
        MI_Type t = MI_STRING;
        MI_Instance *sub = NULL;
        const MI_PropertyDecl *pd = NULL;
        MI_Uint32 idx = 0;
        if (!xis(kb, "KEYBINDING")) {
            r = xfail(x->why, kb, MI_RESULT_NOT_SUPPORTED,
                      "only KEYBINDING keys are supported in INSTANCENAME");
            break;
        }
        if ((r = xattrs(x->why, kb, kbattrs)) != MI_RESULT_OK ||
            (r = xname(x->why, kb, "NAME", true, &kname)) != MI_RESULT_OK)
            break;
        if (kb->nkids != 1) {
            r = xfail(x->why, kb, MI_RESULT_INVALID_PARAMETER,
                      "expected KEYVALUE or VALUE.REFERENCE");
            break;
        }
        kv = kb->kids[0];
        if (cd != NULL && (pd = mi_classdecl_property(cd, kname, &idx)) == NULL) {
            r = xfail(x->why, kb, MI_RESULT_NO_SUCH_PROPERTY, "%s has no property %s", cls,
                      kname);
            break;
        }
        if (xis(kv, "VALUE.REFERENCE")) {
            if (pd != NULL && pd->type != MI_REFERENCE) {
                r = xfail(x->why, kv, MI_RESULT_TYPE_MISMATCH, "key %s is not a reference",
                          kname);
                break;
            }
            r = xreference(x, kv, depth + 1, &sub);
            t = MI_REFERENCE;
            val.reference = sub;
        } else if (xis(kv, "KEYVALUE") && kv->nkids == 0) {
            const char *vt = mi_xml_attr(kv, "VALUETYPE"), *tn = mi_xml_attr(kv, "TYPE");
            for (size_t a = 0; kv->attrs[a] != NULL && r == MI_RESULT_OK; a += 2) {
                bool ok = false;
                for (size_t k = 0; kvattrs[k] != NULL; k++)
                    ok = ok || strcmp(kv->attrs[a], kvattrs[k]) == 0;
                if (!ok)
                    r = xfail(x->why, kv, MI_RESULT_INVALID_PARAMETER,
                              "unexpected attribute %s", kv->attrs[a]);
            }
            if (r != MI_RESULT_OK)
                break;
            if (vt != NULL && strcmp(vt, "string") != 0 && strcmp(vt, "boolean") != 0 &&
                strcmp(vt, "numeric") != 0) {
                r = xfail(x->why, kv, MI_RESULT_INVALID_PARAMETER,
                          "VALUETYPE is string, boolean or numeric");
                break;
            }
            if (tn != NULL && *tn != '\0' && (r = xtype(x->why, kv, &t)) != MI_RESULT_OK)
                break;
            if (pd != NULL) {
                if (tn != NULL && *tn != '\0' && t != (MI_Type)pd->type) {
                    r = xfail(x->why, kv, MI_RESULT_TYPE_MISMATCH, "key %s is %s, not %s",
                              kname, mi_type_name((MI_Type)pd->type), tn);
                    break;
                }
                t = (MI_Type)pd->type;
            } else if (tn == NULL || *tn == '\0') {
                t = vt == NULL || strcmp(vt, "string") == 0 ? MI_STRING
                    : strcmp(vt, "boolean") == 0            ? MI_BOOLEAN
                    : (kv->textlen > 0 && strchr(kv->text, '-') != NULL) ? MI_SINT64
                                                                         : MI_UINT64;
            }
            if (t == MI_INSTANCE || t == MI_REFERENCE || (t & MI_ARRAY)) {
                r = xfail(x->why, kv, MI_RESULT_TYPE_MISMATCH, "key %s cannot be a KEYVALUE",
                          kname);
                break;
            }
            r = xscalar(x->why, kv, t, &val);
        } else {
            r = xfail(x->why, kv, MI_RESULT_INVALID_PARAMETER,
                      "expected KEYVALUE or VALUE.REFERENCE");
        }
        if (r == MI_RESULT_OK) {
            r = cd ? MI_Instance_SetElementAt(inst, idx, &val, t, 0)
                   : MI_Instance_AddElement(inst, kname, &val, t, MI_FLAG_KEY);
            if (r != MI_RESULT_OK)
                r = xfail(x->why, kb, r, "%s", mi_cim_last_error());
        }
        if (sub != NULL)
            MI_Instance_Delete(sub);
    }
    if (r == MI_RESULT_OK) {
        *out = inst;
        inst = NULL;
    }
out:
    if (inst != NULL)
        MI_Instance_Delete(inst);
    mi_buf_free(&ns);
    return r;
}

/* The value of VALUE node v for an element of scalar type t (instances parsed from the
 * escaped text). *tmp receives an instance the caller deletes after use. */
static MI_Result xvalue(xin *x, const mi_xml_node *v, MI_Type t, unsigned depth,
                        MI_Value *val, MI_Instance **tmp)
{
    *tmp = NULL;
    if (t == MI_REFERENCE) {
        if (!xis(v, "VALUE.REFERENCE"))
            return xfail(x->why, v, MI_RESULT_INVALID_PARAMETER, "expected VALUE.REFERENCE");
        MI_Result r = xreference(x, v, depth, tmp);
        val->reference = *tmp;
        return r;
    }
    if (!xis(v, "VALUE") || v->nkids != 0 || v->attrs[0] != NULL)
        return xfail(x->why, v, MI_RESULT_INVALID_PARAMETER,
                     "expected VALUE without attributes or children");
    if (t != MI_INSTANCE)
        return xscalar(x->why, v, t, val);
    /* an embedded instance: its own document */
    mi_xml_doc doc;
    mi_buf err;
    MI_Result r;
    if (depth >= MI_XML_MAX_DEPTH)
        return xfail(x->why, v, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                     "embedded instances nest deeper than %d levels", MI_XML_MAX_DEPTH);
    mi_buf_init(&err, DES_MSG_CAP);
    r = mi_xml_parse(v->text, v->textlen, &doc, &err);
    if (r != MI_RESULT_OK) {
        xfail(x->why, v, r, "embedded instance, %s", mi_buf_str(&err));
    } else if (doc.root->nkids != 1 || !xis(doc.root->kids[0], "INSTANCE") ||
               !mi_xml_text_blank(doc.root)) {
        r = xfail(x->why, v, MI_RESULT_INVALID_PARAMETER,
                  "an embedded object must be one INSTANCE element");
    } else {
        mi_buf inner;
        mi_buf *saved = x->why;
        mi_buf_init(&inner, DES_MSG_CAP);
        x->why = &inner;
        r = xinstance(x, doc.root->kids[0], depth + 1, tmp);
        x->why = saved;
        if (r != MI_RESULT_OK)
            xfail(x->why, v, r, "embedded instance, %s", mi_buf_str(&inner));
        mi_buf_free(&inner);
        val->instance = *tmp;
    }
    mi_xml_doc_free(&doc);
    mi_buf_free(&err);
    return r;
}

/* Sets element idx (type t) of inst from property element p. */
static MI_Result xproperty_value(xin *x, MI_Instance *inst, MI_Uint32 idx, MI_Type t,
                                 const mi_xml_node *p, unsigned depth)
{
    MI_Result r = MI_RESULT_OK;
    const mi_xml_node *v = NULL;
    MI_Value val;
    MI_Instance *tmp = NULL;

    for (size_t i = 0; i < p->nkids; i++) {
        if (xis(p->kids[i], "QUALIFIER"))
            continue;
        if (v != NULL)
            return xfail(x->why, p->kids[i], MI_RESULT_INVALID_PARAMETER,
                         "more than one value");
        v = p->kids[i];
    }
    if (v == NULL)
        return MI_Instance_ClearElementAt(inst, idx);
    if (!(t & MI_ARRAY)) {
        r = xvalue(x, v, t, depth, &val, &tmp);
        if (r == MI_RESULT_OK && (r = MI_Instance_SetElementAt(inst, idx, &val, t, 0)) !=
                                     MI_RESULT_OK)
            r = xfail(x->why, p, r, "%s", mi_cim_last_error());
        if (tmp != NULL)
            MI_Instance_Delete(tmp);
        return r;
    }
    MI_Type et = (MI_Type)(t & ~MI_ARRAY);
    static const char *const none[] = {NULL};
    if (!xis(v, et == MI_REFERENCE ? "VALUE.REFARRAY" : "VALUE.ARRAY"))
        return xfail(x->why, v, MI_RESULT_INVALID_PARAMETER, "expected %s",
                     et == MI_REFERENCE ? "VALUE.REFARRAY" : "VALUE.ARRAY");
    if ((r = xattrs(x->why, v, none)) != MI_RESULT_OK)
        return r;
    size_t es = mi_type_size(et);
    unsigned char *data = v->nkids ? mi_calloc(v->nkids, es) : NULL;
    MI_Instance **owned = v->nkids ? mi_calloc(v->nkids, sizeof *owned) : NULL;
    if (v->nkids && (data == NULL || owned == NULL)) {
        r = xfail(x->why, v, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        goto out_array;
    }
    for (size_t i = 0; i < v->nkids && r == MI_RESULT_OK; i++) {
        MI_Value e;
        memset(&e, 0, sizeof e);
        if (xis(v->kids[i], "VALUE.NULL")) {
            if (et != MI_STRING && et != MI_INSTANCE && et != MI_REFERENCE)
                r = xfail(x->why, v->kids[i], MI_RESULT_NOT_SUPPORTED,
                          "MI arrays of %s cannot hold NULL elements", mi_type_name(et));
        } else {
            r = xvalue(x, v->kids[i], et, depth, &e, &owned[i]);
        }
        if (r == MI_RESULT_OK)
            memcpy(data + i * es, &e, es);
    }
    if (r == MI_RESULT_OK) {
        val.array.data = data;
        val.array.size = (MI_Uint32)v->nkids;
        r = MI_Instance_SetElementAt(inst, idx, &val, t, 0);
        if (r != MI_RESULT_OK)
            r = xfail(x->why, p, r, "%s", mi_cim_last_error());
    }
out_array:
    for (size_t i = 0; owned != NULL && i < v->nkids; i++)
        if (owned[i] != NULL)
            MI_Instance_Delete(owned[i]);
    mi_free(owned);
    mi_free(data);
    return r;
}

/* An instance (bound to the repository's decls; detach it) from an INSTANCE element. */
static MI_Result xinstance(xin *x, const mi_xml_node *n, unsigned depth, MI_Instance **out)
{
    static const char *const iattrs[] = {"CLASSNAME", "xml:lang", NULL};
    static const char *const pattrs[] = {"NAME", "TYPE", "CLASSORIGIN", "PROPAGATED",
                                         "EmbeddedObject", "EMBEDDEDOBJECT", "xml:lang",
                                         "ARRAYSIZE", "REFERENCECLASS", NULL};
    const char *cls;
    MI_Instance *inst = NULL;
    MI_Result r;
    const MI_ClassDecl *cd;
    unsigned char *seen = NULL;

    *out = NULL;
    if ((r = xattrs(x->why, n, iattrs)) != MI_RESULT_OK ||
        (r = xname(x->why, n, "CLASSNAME", true, &cls)) != MI_RESULT_OK)
        return r;
    cd = xresolve(x, cls);
    if (cd == NULL)
        return xfail(x->why, n, MI_RESULT_INVALID_CLASS,
                     "class %s is unknown (not in the buffer, not given, not supplied by "
                     "classObjectNeeded)", cls);
    r = mi_instance_new(cd, NULL, NULL, &inst);
    if (r != MI_RESULT_OK)
        return xfail(x->why, n, r, "%s", mi_cim_last_error());
    seen = mi_calloc(cd->numProperties + 1, 1);
    if (seen == NULL) {
        r = xfail(x->why, n, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n->nkids && r == MI_RESULT_OK; i++) {
        const mi_xml_node *p = n->kids[i];
        const char *name, *tn, *emb;
        MI_Uint32 idx = 0;
        const MI_PropertyDecl *pd;
        if (xis(p, "QUALIFIER"))
            continue;
        bool ref = xis(p, "PROPERTY.REFERENCE"), refa = xis(p, "PROPERTY.REFARRAY");
        bool arr = xis(p, "PROPERTY.ARRAY");
        if (!ref && !refa && !arr && !xis(p, "PROPERTY")) {
            r = xfail(x->why, p, MI_RESULT_INVALID_PARAMETER, "unexpected element in INSTANCE");
            break;
        }
        if ((r = xattrs(x->why, p, pattrs)) != MI_RESULT_OK ||
            (r = xname(x->why, p, "NAME", true, &name)) != MI_RESULT_OK)
            break;
        pd = mi_classdecl_property(cd, name, &idx);
        if (pd == NULL) {
            r = xfail(x->why, p, MI_RESULT_NO_SUCH_PROPERTY, "%s has no property %s", cls,
                      name);
            break;
        }
        if (seen[idx]++) {
            r = xfail(x->why, p, MI_RESULT_INVALID_PARAMETER, "property %s given twice", name);
            break;
        }
        MI_Type t = (MI_Type)pd->type;
        const char *want = t == MI_REFERENCE ? "PROPERTY.REFERENCE"
                           : t == MI_REFERENCEA ? "PROPERTY.REFARRAY"
                           : (t & MI_ARRAY)     ? "PROPERTY.ARRAY"
                                                : "PROPERTY";
        tn = mi_xml_attr(p, "TYPE");
        emb = mi_xml_attr(p, "EmbeddedObject");
        if (emb == NULL)
            emb = mi_xml_attr(p, "EMBEDDEDOBJECT");
        MI_Type et = (MI_Type)(t & ~MI_ARRAY);
        MI_Type xt = MI_STRING;
        if (!xis(p, want)) {
            r = xfail(x->why, p, MI_RESULT_TYPE_MISMATCH, "%s is %s: expected %s", name,
                      mi_type_name(t), want);
        } else if (et == MI_REFERENCE) {
            if (tn != NULL || emb != NULL)
                r = xfail(x->why, p, MI_RESULT_INVALID_PARAMETER,
                          "TYPE / EmbeddedObject on a reference");
        } else if ((r = xtype(x->why, p, &xt)) == MI_RESULT_OK) {
            bool is_emb = emb != NULL && (strcmp(emb, "instance") == 0 ||
                                          strcmp(emb, "object") == 0);
            if (emb != NULL && !is_emb)
                r = xfail(x->why, p, MI_RESULT_INVALID_PARAMETER,
                          "EmbeddedObject is \"instance\" or \"object\"");
            else if ((et == MI_INSTANCE) != is_emb ||
                     (et == MI_INSTANCE ? xt != MI_STRING : xt != et))
                r = xfail(x->why, p, MI_RESULT_TYPE_MISMATCH, "%s is %s, not %s%s", name,
                          mi_type_name(t), tn, is_emb ? " (embedded)" : "");
        }
        if (r == MI_RESULT_OK)
            r = xproperty_value(x, inst, idx, t, p, depth);
    }
out:
    mi_free(seen);
    if (r == MI_RESULT_OK)
        *out = inst;
    else
        MI_Instance_Delete(inst);
    return r;
}

/* Checks the arguments shared by every entry; INVALID_PARAMETER with a message. */
static MI_Result des_check(ser_obj *o, const MI_Uint8 *buf, MI_Uint32 len, const char *what,
                           MI_Instance **details)
{
    if (o == NULL)
        return des_fail(details, MI_RESULT_INVALID_PARAMETER, what,
                        "the deserializer is NULL, closed or not a deserializer");
    if (buf == NULL || len == 0)
        return des_fail(details, MI_RESULT_INVALID_PARAMETER, what,
                        "the serialized buffer is NULL or empty");
    if (len > DES_MAX_INPUT)
        return des_fail(details, MI_RESULT_SERVER_LIMITS_EXCEEDED, what,
                        "the serialized buffer is larger than 64 MiB");
    return MI_RESULT_OK;
}

static MI_Result MI_CALL des_close(MI_Deserializer *deserializer)
{
    ser_obj *o = des_get(deserializer);

    if (o == NULL)
        return MI_RESULT_INVALID_PARAMETER;
    obj_close(o);
    memset(deserializer, 0, sizeof *deserializer);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL des_class(MI_Deserializer *deserializer, MI_Uint32 flags,
                                   MI_Uint8 *serializedBuffer, MI_Uint32 serializedBufferLength,
                                   MI_Class *parentClass, const MI_Char *serverName,
                                   const MI_Char *namespaceName,
                                   MI_Deserializer_ClassObjectNeeded classObjectNeeded,
                                   void *classObjectNeededContext,
                                   MI_Uint32 *serializedBufferRead, MI_Class **classObject,
                                   MI_Instance **cimErrorDetails)
{
    static const char what[] = "MI_Deserializer_DeserializeClass";
    MI_Result r;
    mi_repo *repo = NULL;
    mi_ns *ns = NULL;
    size_t npre = 0;
    mi_buf why;
    MI_Class *given[1] = {parentClass};
    ser_obj *o = des_get(deserializer);
    mi_xml_doc doc = {NULL, NULL};
    char *mof = NULL;
    size_t moflen = 0;
    des_job job = {what, serializedBuffer, serializedBufferLength, given, 1, serverName,
                   namespaceName, classObjectNeeded, classObjectNeededContext, "<buffer>"};

    mi_buf_init(&why, DES_MSG_CAP);
    if (cimErrorDetails != NULL)
        *cimErrorDetails = NULL;
    if (serializedBufferRead != NULL)
        *serializedBufferRead = 0;
    if (classObject != NULL)
        *classObject = NULL;
    r = des_check(o, serializedBuffer, serializedBufferLength, what, cimErrorDetails);
    if (r != MI_RESULT_OK)
        goto out;
    if (flags != 0 || classObject == NULL || serializedBufferRead == NULL) {
        r = des_fail(cimErrorDetails, MI_RESULT_INVALID_PARAMETER, what,
                     "flags must be 0 and classObject and serializedBufferRead non-NULL");
        goto out;
    }
    if (o->format == FMT_XML) {
        r = mi_xml_parse((const char *)serializedBuffer, serializedBufferLength, &doc, &why);
        if (r == MI_RESULT_OK)
            r = xclasses_to_mof(&why, doc.root, &mof, &moflen);
        if (r != MI_RESULT_OK)
            goto out_fail;
        job.buf = (const MI_Uint8 *)mof;
        job.len = (MI_Uint32)moflen;
        job.srcname = "<MOF translated from the CLASS elements>";
    }
    r = des_compile(&job, &repo, &ns, &npre, &why);
    if (r != MI_RESULT_OK)
        goto out_fail;
    size_t count = mi_ns_class_count(ns);
    if (count <= npre) {
        r = MI_RESULT_INVALID_PARAMETER;
        mi_buf_puts(&why, "the buffer declares no class");
        goto out_fail;
    }
    r = mi_class_new(mi_ns_class_at(ns, count - 1), namespaceName, serverName, true,
                     classObject);
    if (r != MI_RESULT_OK) {
        mi_buf_puts(&why, mi_cim_last_error());
        goto out_fail;
    }
    *serializedBufferRead = serializedBufferLength;
    goto out_repo;
out_fail:
    des_fail(cimErrorDetails, r, what, mi_buf_str(&why));
out_repo:
    mi_repo_free(repo);
    mi_free(mof);
    mi_xml_doc_free(&doc);
out:
    mi_buf_free(&why);
    return r;
}

static MI_Result MI_CALL des_instance(MI_Deserializer *deserializer, MI_Uint32 flags,
                                      MI_Uint8 *serializedBuffer,
                                      MI_Uint32 serializedBufferLength,
                                      MI_Class **classObjects, MI_Uint32 numberClassObjects,
                                      MI_Deserializer_ClassObjectNeeded classObjectNeeded,
                                      void *classObjectNeededContext,
                                      MI_Uint32 *serializedBufferRead,
                                      MI_Instance **instanceObject,
                                      MI_Instance **cimErrorDetails)
{
    static const char what[] = "MI_Deserializer_DeserializeInstance";
    MI_Result r;
    mi_repo *repo = NULL;
    mi_ns *ns = NULL;
    size_t npre = 0;
    mi_buf why;
    first_inst fi = {NULL};
    ser_obj *o = des_get(deserializer);
    mi_xml_doc doc = {NULL, NULL};
    char *mof = NULL;
    size_t moflen = 0;
    MI_Instance *built = NULL;
    xin x = {NULL, NULL, &why, NULL, 0};
    des_job job = {what, serializedBuffer, serializedBufferLength, classObjects,
                   numberClassObjects, NULL, NULL, classObjectNeeded,
                   classObjectNeededContext, "<buffer>"};

    mi_buf_init(&why, DES_MSG_CAP);
    if (cimErrorDetails != NULL)
        *cimErrorDetails = NULL;
    if (serializedBufferRead != NULL)
        *serializedBufferRead = 0;
    if (instanceObject != NULL)
        *instanceObject = NULL;
    r = des_check(o, serializedBuffer, serializedBufferLength, what, cimErrorDetails);
    if (r != MI_RESULT_OK)
        goto out;
    if (flags != 0 || instanceObject == NULL || serializedBufferRead == NULL ||
        (classObjects == NULL && numberClassObjects != 0)) {
        r = des_fail(cimErrorDetails, MI_RESULT_INVALID_PARAMETER, what,
                     "flags must be 0, instanceObject and serializedBufferRead non-NULL, "
                     "and classObjects non-NULL when numberClassObjects is not 0");
        goto out;
    }
    if (o->format == FMT_XML) {
        r = mi_xml_parse((const char *)serializedBuffer, serializedBufferLength, &doc, &why);
        if (r == MI_RESULT_OK)
            r = xclasses_to_mof(&why, doc.root, &mof, &moflen);
        if (r != MI_RESULT_OK)
            goto out_fail;
        job.buf = (const MI_Uint8 *)mof;
        job.len = (MI_Uint32)moflen;
        job.srcname = "<MOF translated from the CLASS elements>";
    }
    r = des_compile(&job, &repo, &ns, &npre, &why);
    if (r != MI_RESULT_OK)
        goto out_fail;
    if (o->format == FMT_XML) {
        const mi_xml_node *in = NULL;
        for (size_t i = 0; i < doc.root->nkids && in == NULL; i++)
            if (xis(doc.root->kids[i], "INSTANCE"))
                in = doc.root->kids[i];
        if (in == NULL) {
            r = MI_RESULT_INVALID_PARAMETER;
            mi_buf_puts(&why, "the buffer holds no INSTANCE element");
            goto out_fail;
        }
        x.job = &job;
        x.ns = ns;
        x.asked = mi_calloc(DES_MAX_NAMES, sizeof *x.asked);
        if (x.asked == NULL) {
            r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
            mi_buf_puts(&why, "out of memory");
            goto out_fail;
        }
        r = xinstance(&x, in, 0, &built);
        if (r != MI_RESULT_OK)
            goto out_fail;
        fi.inst = built;
    }
    for (size_t i = 0; i < mi_ns_class_count(ns) && fi.inst == NULL; i++) {
        r = mi_ns_each_instance(ns, mi_ns_class_at(ns, i), take_first, &fi);
        if (r != MI_RESULT_OK) {
            mi_buf_puts(&why, mi_repo_last_error());
            goto out_fail;
        }
    }
    if (fi.inst == NULL) {
        r = MI_RESULT_INVALID_PARAMETER;
        mi_buf_puts(&why, "the buffer holds no instance");
        goto out_fail;
    }
    r = detach(fi.inst, 0, instanceObject);
    if (r != MI_RESULT_OK) {
        mi_buf_puts(&why, mi_cim_last_error());
        goto out_fail;
    }
    *serializedBufferRead = serializedBufferLength;
    goto out_repo;
out_fail:
    des_fail(cimErrorDetails, r, what, mi_buf_str(&why));
out_repo:
    if (built != NULL)
        MI_Instance_Delete(built);
    for (size_t i = 0; i < x.nasked; i++)
        mi_free(x.asked[i]);
    mi_free(x.asked);
    mi_repo_free(repo);
    mi_free(mof);
    mi_xml_doc_free(&doc);
out:
    mi_buf_free(&why);
    return r;
}

/* Copies name into the caller's MI_Char buffer per the in/out length protocol. */
static MI_Result give_name(const char *name, MI_Char *dst, MI_Uint32 *len, const char *what,
                           MI_Instance **details)
{
    size_t need = strlen(name) + 1;

    if (len == NULL)
        return des_fail(details, MI_RESULT_INVALID_PARAMETER, what, "the length is NULL");
    MI_Uint32 have = *len;
    *len = (MI_Uint32)need;
    if (dst == NULL)
        return MI_RESULT_OK;
    if (have < need)
        return des_fail(details, MI_RESULT_FAILED, what, "the name buffer is too small");
    memcpy(dst, name, need);
    return MI_RESULT_OK;
}

/* Shared body of the three name getters: kind 0 class, 1 parent, 2 instance. */
static MI_Result des_name(MI_Deserializer *deserializer, MI_Uint8 *buf, MI_Uint32 len,
                          MI_Char *dst, MI_Uint32 *dstlen, MI_Instance **details, int kind,
                          const char *what)
{
    des_names nm;
    MI_Result r;
    const char *name = NULL;

    if (details != NULL)
        *details = NULL;
    r = des_check(des_get(deserializer), buf, len, what, details);
    if (r != MI_RESULT_OK)
        return r;
    if (des_get(deserializer)->format == FMT_XML) {
        mi_xml_doc doc;
        mi_buf why;
        const char *found = NULL;
        mi_buf_init(&why, DES_MSG_CAP);
        r = mi_xml_parse((const char *)buf, len, &doc, &why);
        if (r != MI_RESULT_OK) {
            r = des_fail(details, r, what, mi_buf_str(&why));
            mi_buf_free(&why);
            return r;
        }
        for (size_t i = 0; i < doc.root->nkids; i++) {
            const mi_xml_node *k = doc.root->kids[i];
            if (kind == 2 && xis(k, "INSTANCE") && found == NULL)
                found = mi_xml_attr(k, "CLASSNAME");
            else if (kind != 2 && xis(k, "CLASS")) {
                /* the last CLASS, as DeserializeClass returns */
                found = mi_xml_attr(k, kind == 0 ? "NAME" : "SUPERCLASS");
                if (found == NULL && kind == 1)
                    found = "";
            }
        }
        if (found == NULL)
            r = des_fail(details, MI_RESULT_INVALID_PARAMETER, what,
                         kind == 2 ? "the buffer holds no INSTANCE element"
                                   : "the buffer holds no CLASS element");
        else
            r = give_name(found, dst, dstlen, what, details);
        mi_xml_doc_free(&doc);
        mi_buf_free(&why);
        return r;
    }
    r = des_scan((const char *)buf, len, &nm);
    if (r != MI_RESULT_OK) {
        r = des_fail(details, r, what,
                     r == MI_RESULT_INVALID_PARAMETER
                         ? "a class name is longer than 256 bytes"
                         : "more than 4096 class names, or out of memory");
        goto out;
    }
    if (kind == 2)
        name = nm.first_instance_class;
    else if (nm.ndeclared > 0)
        name = kind == 0 ? nm.declared[nm.ndeclared - 1]
                         : (nm.supers[nm.ndeclared - 1] ? nm.supers[nm.ndeclared - 1] : "");
    if (name == NULL) {
        r = des_fail(details, MI_RESULT_INVALID_PARAMETER, what,
                     kind == 2 ? "the buffer holds no instance"
                               : "the buffer declares no class");
        goto out;
    }
    r = give_name(name, dst, dstlen, what, details);
out:
    names_free(&nm);
    return r;
}

static MI_Result MI_CALL des_class_name(MI_Deserializer *deserializer,
                                        MI_Uint8 *serializedBuffer,
                                        MI_Uint32 serializedBufferLength, MI_Char *className,
                                        MI_Uint32 *classNameLength,
                                        MI_Instance **cimErrorDetails)
{
    return des_name(deserializer, serializedBuffer, serializedBufferLength, className,
                    classNameLength, cimErrorDetails, 0, "MI_Deserializer_Class_GetClassName");
}

static MI_Result MI_CALL des_parent_class_name(MI_Deserializer *deserializer,
                                               MI_Uint8 *serializedBuffer,
                                               MI_Uint32 serializedBufferLength,
                                               MI_Char *parentClassName,
                                               MI_Uint32 *parentClassNameLength,
                                               MI_Instance **cimErrorDetails)
{
    return des_name(deserializer, serializedBuffer, serializedBufferLength, parentClassName,
                    parentClassNameLength, cimErrorDetails, 1,
                    "MI_Deserializer_Class_GetParentClassName");
}

static MI_Result MI_CALL des_instance_class_name(MI_Deserializer *deserializer,
                                                 MI_Uint8 *serializedBuffer,
                                                 MI_Uint32 serializedBufferLength,
                                                 MI_Char *className,
                                                 MI_Uint32 *classNameLength,
                                                 MI_Instance **cimErrorDetails)
{
    return des_name(deserializer, serializedBuffer, serializedBufferLength, className,
                    classNameLength, cimErrorDetails, 2,
                    "MI_Deserializer_Instance_GetClassName");
}

const MI_DeserializerFT mi_client_deserializer_ft = {
    des_close,
    des_class,
    des_class_name,
    des_parent_class_name,
    des_instance,
    des_instance_class_name,
};
