/* xml.h - CIM-XML (DSP0201) text of instances and classes: the writer behind the
 * "MI_XML" serializer of the client API, meant to serve the CIM-XML and WS-Man
 * protocol writers as well.
 *
 * Layer: cim (depends on include/mi.h, base, the rest of cim and, for reading,
 * libexpat).
 *
 * Output contract (see docs/ARCHITECTURE.md, "Serializers"):
 * - No XML declaration and no whitespace between elements: the text is exactly one
 *   INSTANCE or CLASS element, so it can be embedded or concatenated.
 * - Text and attribute values are XML-escaped (& < > " and, in attributes, TAB LF CR
 *   as character references; CR also in text). Characters XML 1.0 cannot carry
 *   (controls other than TAB/LF/CR, U+FFFE/U+FFFF, lone surrogates in char16, NUL
 *   char16) and invalid UTF-8 make the call fail with MI_RESULT_INVALID_PARAMETER.
 * - Lexical forms of DSP0201 3.3: booleans TRUE/FALSE, integers in decimal, reals
 *   with the fewest digits that read back to the same real32/real64 (as MOF output
 *   does; INF, -INF, NaN for the special values), datetimes in the 25-character
 *   form, char16 as one UTF-8 character.
 * - Embedded instances (MI_INSTANCE, MI_INSTANCEA): TYPE="string" with
 *   EmbeddedObject="instance" (="object" when neither the decl nor the value names a
 *   class), the value being the escaped INSTANCE text.
 * - References: PROPERTY.REFERENCE with VALUE.REFERENCE holding INSTANCENAME when the
 *   target has no namespace or the holder's, LOCALINSTANCEPATH when it names another
 *   namespace, INSTANCEPATH when it names a namespace and a host. Reference arrays (which DSP0201
 *   allows only for parameters) are written as PROPERTY.REFARRAY NAME= REFERENCECLASS=
 *   with a VALUE.REFARRAY: a libmi extension, read back by libmi only.
 * - NULL properties are written without VALUE (PROPERTY) / VALUE.ARRAY
 *   (PROPERTY.ARRAY), so the element and its type survive a round trip; NULL array
 *   elements are VALUE.NULL.
 * Embedded instances and reference keys nest at most MI_XML_MAX_DEPTH levels
 * (deeper: MI_RESULT_SERVER_LIMITS_EXCEEDED). A failed append of `out` (cap or memory)
 * gives MI_RESULT_SERVER_LIMITS_EXCEEDED. On failure mi_cim_last_error() says why and
 * `out` holds a partial text the caller discards.
 */
#ifndef MI_CIM_XML_H
#define MI_CIM_XML_H

#include <mi.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"

#define MI_XML_MAX_DEPTH 32

/* Appends <INSTANCE CLASSNAME="..">...</INSTANCE> with one PROPERTY / PROPERTY.ARRAY /
 * PROPERTY.REFERENCE per element of inst, in element order. */
MI_Result mi_instance_to_xml(mi_buf *out, const MI_Instance *inst);

/* Appends <CLASS NAME=".." SUPERCLASS="..">: the class qualifiers, every property of
 * the (flattened) decl with CLASSORIGIN and PROPAGATED="true" for inherited ones and
 * its default value as VALUE, then every method (METHOD with TYPE when it returns a
 * value, its qualifiers and its PARAMETER / PARAMETER.ARRAY / PARAMETER.REFERENCE /
 * PARAMETER.REFARRAY elements; the MIReturn pseudo-parameter is the TYPE). Qualifiers
 * are QUALIFIER NAME TYPE with the DSP0201 flavor attributes that differ from their
 * defaults (OVERRIDABLE="false", TOSUBCLASS="false", TOINSTANCE="true",
 * TRANSLATABLE="true") and VALUE / VALUE.ARRAY. */
MI_Result mi_class_to_xml(mi_buf *out, const MI_ClassDecl *cd);

/* Appends s with the XML escapes above; attr selects the attribute-value escapes.
 * INVALID_PARAMETER for invalid UTF-8 or a character XML cannot carry. */
MI_Result mi_xml_escape(mi_buf *out, const char *s, int attr);

/* ---------------------------------------------------------------- reading
 *
 * A small element tree built with expat, for the readers of CIM-XML (the MI_XML
 * deserializer). The text is a sequence of elements (several top-level elements are
 * allowed: they become the children of a synthetic root named ""), optionally after
 * a UTF-8 BOM and an XML declaration. DOCTYPE declarations (and so entity
 * declarations) are refused (the synthetic root comes first, so a DOCTYPE is a syntax
 * error; a handler refuses one anyway); only the predefined entities and character
 * references exist. Caps: MI_XML_READ_MAX_DEPTH element nesting,
 * MI_XML_READ_MAX_NODES elements, MI_XML_READ_MAX_TEXT bytes of character data per element; past them the parse
 * fails with MI_RESULT_SERVER_LIMITS_EXCEEDED. Errors (malformed XML:
 * INVALID_PARAMETER) are appended to err as "line L, column C: what" (1-based, in
 * the caller's text). */
#define MI_XML_READ_MAX_DEPTH 64
#define MI_XML_READ_MAX_NODES (1u << 20)
#define MI_XML_READ_MAX_TEXT ((size_t)16 << 20)

typedef struct mi_xml_node {
    const char *name;
    const char *const *attrs; /* name, value, name, value, ..., NULL */
    const char *text;         /* character data directly inside, "" if none */
    size_t textlen;
    struct mi_xml_node **kids;
    size_t nkids;
    unsigned long line, column; /* of the start tag, 1-based */
} mi_xml_node;

typedef struct mi_xml_doc {
    mi_arena *arena; /* everything of the tree */
    mi_xml_node *root;
} mi_xml_doc;

MI_Result mi_xml_parse(const char *text, size_t len, mi_xml_doc *doc, mi_buf *err);
void mi_xml_doc_free(mi_xml_doc *doc);
/* Value of attribute `name` (exact case), NULL if absent. */
const char *mi_xml_attr(const mi_xml_node *n, const char *name);
/* True if the element's text is only XML white space. */
bool mi_xml_text_blank(const mi_xml_node *n);

#endif
