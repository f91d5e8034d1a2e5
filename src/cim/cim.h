/* cim.h - the CIM data model inside libmi: types and values, datetime, class decls,
 * instances (MI_Instance), classes (MI_Class), instance paths, MOF text output.
 *
 * Layer: depends on include/mi.h and src/base only. Everything above (mof, repo,
 * engine, client) builds on these functions.
 *
 * Representation (the contract the rest of the code relies on):
 * - A class is an MI_ClassDecl (mi-provider-api.md §2) whose `properties` list ALL
 *   properties, inherited first (root -> leaf, MOF order), each with its own
 *   MI_PropertyDecl (origin = declaring class, propagator = class whose declaration is
 *   in effect), and `offset`/`size` computed by mi_classdecl_layout exactly as a code
 *   generator would lay out the generated instance struct. Same for methods (the
 *   pseudo-parameter "MIReturn" first when the method returns a value).
 * - A schema-bound instance is that struct: an MI_Instance header followed by one
 *   MI_<T>Field per property at decl->offset ({value, exists, flags}). Providers
 *   built from generated headers write those fields directly; the library reads and
 *   writes them through MI_InstanceFT. `exists == 0` means the value is NULL.
 * - A dynamic instance (MI_Application_NewInstance with no class) keeps a growable
 *   element list elsewhere; its classDecl is a synthesized decl (owningClass ==
 *   (MI_Class*)-1) that lists the elements added so far.
 * - Every instance made by this layer owns (or shares) an mi_arena from which its
 *   strings, arrays and embedded instances are allocated; MI_Instance_Delete frees
 *   the arena when the instance owns it. Values set without MI_FLAG_BORROW are copied.
 */
#ifndef MI_CIM_CIM_H
#define MI_CIM_CIM_H

#include <mi.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"

/* ---------------------------------------------------------------- types */

/* MOF keyword of a type: "boolean", "uint8", ..., "datetime", "string", "char16",
 * "ref" for MI_REFERENCE, "object" for MI_INSTANCE; arrays get "[]" appended
 * ("uint32[]"). NULL for an invalid type. */
const char *mi_type_name(MI_Type t);
/* Parses a MOF type keyword, any case (scalars only: "uint32", "Datetime", ...).
 * false if unknown. */
bool mi_type_from_name(const char *name, MI_Type *t);
/* Size of the C value of type t (MI_UINT8 -> 1, MI_STRING -> sizeof(char*), any array
 * -> sizeof(MI_Array)), 0 for an invalid type. */
size_t mi_type_size(MI_Type t);
/* Size and alignment of the MI_<T>Field struct that holds a property of type t. */
size_t mi_field_size(MI_Type t);
size_t mi_field_align(MI_Type t);

/* ---------------------------------------------------------------- values */

/* Deep copy of src (of type t) into dst, allocating strings, arrays and embedded or
 * reference instances from arena `a` (instances are cloned into the same arena).
 * MI_RESULT_OK, or MI_RESULT_SERVER_LIMITS_EXCEEDED when out of memory (or embedded
 * instances nested deeper than 32), MI_RESULT_INVALID_PARAMETER for an invalid type, an
 * array with NULL data and a non-zero size, or a NULL string/instance inside an array.
 * `src` may point to just the union member of type t (read only that many bytes); only
 * that member of dst is written, and only on success. */
MI_Result mi_value_copy(mi_arena *a, MI_Type t, const void *src, MI_Value *dst);
/* Deep equality of two values of type t (strings exact, reals bitwise-equal or ==,
 * instances by class name and element values). */
bool mi_value_equal(MI_Type t, const MI_Value *x, const MI_Value *y);
/* Appends the MOF literal of a value: 42, -1, 1.5, "text with \"escapes\"", 'c',
 * "20240101120000.000000+000", TRUE, {1, 2}, references as their path string in quotes,
 * embedded instances as nested "instance of" text. -1 if the buffer failed. */
int mi_value_to_mof(mi_buf *out, MI_Type t, const MI_Value *v, unsigned indent);
/* Appends a string with MOF escapes (\" \\ \n \t \r \b \f \xHHHH for other controls),
 * without the quotes. */
int mi_mof_escape(mi_buf *out, const char *s);

/* ---------------------------------------------------------------- datetime */

/* Parses the 25-character CIM datetime form (DSP0004): timestamp
 * "yyyymmddhhmmss.mmmmmmsUUU" (s '+' or '-') or interval "ddddddddhhmmss.mmmmmm:000".
 * Asterisk wildcards are not accepted. Field ranges are checked (month 1-12, hour <24,
 * ...; 99991231 allowed). MI_RESULT_INVALID_PARAMETER with a reason in *why (static
 * string) on error. */
MI_Result mi_datetime_parse(const char *s, MI_Datetime *dt, const char **why);
/* Writes the 25-character form plus NUL into out. Fields too large for their digits
 * are clamped (year 9999, UTC offset 999 minutes, ...), so the text is always 25
 * characters. */
void mi_datetime_format(const MI_Datetime *dt, char out[26]);

/* ---------------------------------------------------------------- class decls */

/* Sets offset of every property (and of every method's parameters, and each method's
 * `size`) and cd->size, in declaration order, with natural alignment of each
 * MI_<T>Field after an MI_Instance header. */
void mi_classdecl_layout(MI_ClassDecl *cd);
/* Lays out one method's parameter struct (MI_Instance header + fields). */
void mi_methoddecl_layout(MI_MethodDecl *md);
/* Property by name (any case) and its index in cd->properties; NULL if absent. Uses
 * the decls' `code` before comparing names (a decl whose code is 0 is compared by name).
 * For a method decl (flags has MI_FLAG_METHOD) the result is an MI_ParameterDecl: read
 * only that prefix. */
const MI_PropertyDecl *mi_classdecl_property(const MI_ClassDecl *cd, const char *name,
                                             MI_Uint32 *index);
const MI_MethodDecl *mi_classdecl_method(const MI_ClassDecl *cd, const char *name,
                                         MI_Uint32 *index);
/* True if cd is `base` or derives from it (compared by class name along the
 * superClassDecl chain, any case). */
bool mi_classdecl_is_a(const MI_ClassDecl *cd, const char *base);
/* Qualifier by name (any case) in a qualifier list; NULL if absent. */
const MI_Qualifier *mi_qualifier_find(MI_Qualifier MI_CONST *MI_CONST *q, MI_Uint32 n,
                                      const char *name);
/* Deep copy of a class decl (its properties, methods, qualifiers, defaults, and its
 * superclass chain) into arena a; NULL when out of memory. schema and providerFT are
 * kept as pointers; owningClass is NULL. A method decl (MI_FLAG_METHOD) is copied as a
 * class decl whose properties are its parameters. */
MI_ClassDecl *mi_classdecl_clone(mi_arena *a, const MI_ClassDecl *cd);

/* ---------------------------------------------------------------- instances */

/* The function table of every instance this library makes (schema-bound and dynamic).
 * Element values given with MI_FLAG_ADOPT must come from malloc() (mi_malloc() is the
 * same allocator): strings, array data blocks and the strings of a string array are
 * released with free(), embedded/reference instances (also in arrays) with their
 * ft->Delete, exactly once, when the instance's arena goes (Delete, Destruct, or the
 * destruction of a shared arena). If the set fails the caller still owns the value.
 * Scalars without pointers are simply copied. Out-of-range indexes give
 * MI_RESULT_FAILED, unknown names MI_RESULT_NO_SUCH_PROPERTY, a type other than the
 * element's MI_RESULT_TYPE_MISMATCH; the reason is in mi_cim_last_error(). Write
 * functions refuse (MI_RESULT_FAILED) instances not made by this layer (e.g. a
 * provider's static struct); read functions accept them (fields read through classDecl).
 * Destruct applies only to mi_instance_construct storage (else FAILED); Delete on such
 * storage releases its contents but not the storage. */
extern const MI_InstanceFT mi_instance_ft;

/* A new schema-bound instance of class cd with every property NULL except those that
 * have a default value in cd (copied). The instance owns its own arena; free with
 * MI_Instance_Delete. ns/server may be NULL (copied otherwise). cd must outlive the
 * instance. OK or SERVER_LIMITS_EXCEEDED (out of memory); *out NULL on failure. */
MI_Result mi_instance_new(const MI_ClassDecl *cd, const char *ns, const char *server,
                          MI_Instance **out);
/* Same, but the instance keeps its own copy of cd (cloned into its arena), so cd may
 * be freed first (MI_Application_NewInstanceFromClass: the MI_Class may be deleted
 * before the instance). Clones of such an instance copy the decl too. */
MI_Result mi_instance_new_detached(const MI_ClassDecl *cd, const char *ns,
                                   const char *server, MI_Instance **out);
/* Same as mi_instance_new, but allocated from arena `a` (shared by many instances, e.g. one operation's
 * results); MI_Instance_Delete on it frees nothing, the arena does. */
MI_Result mi_instance_new_in(mi_arena *a, const MI_ClassDecl *cd, const char *ns,
                             const char *server, MI_Instance **out);
/* A new dynamic instance of class `className` (a CIM identifier, else
 * INVALID_PARAMETER). metaFlags: MI_FLAG_CLASS (default when 0), MI_FLAG_ASSOCIATION,
 * MI_FLAG_INDICATION, MI_FLAG_METHOD (parameter set) are recorded in its decl. */
MI_Result mi_instance_new_dynamic(const char *className, MI_Uint32 metaFlags,
                                  MI_Instance **out);
/* Initializes caller storage of cd->size bytes as an instance of cd (the generated-
 * struct path, MI_Context_ConstructInstance); release with MI_Instance_Destruct. */
MI_Result mi_instance_construct(MI_Instance *storage, const MI_ClassDecl *cd);
/* True if inst is dynamic (elements may be added). */
bool mi_instance_is_dynamic(const MI_Instance *inst);
/* Same as mi_instance_new_dynamic, allocated from arena `a` (Delete frees nothing). */
MI_Result mi_instance_new_dynamic_in(mi_arena *a, const char *className, MI_Uint32 metaFlags,
                                     MI_Instance **out);
/* Parameter instances of a method (MI_Context_NewParameters / ConstructParameters):
 * laid out as the generated <C>_<M> struct (md->size bytes, fields at the parameters'
 * offsets, all NULL). md->flags must contain MI_FLAG_METHOD (else INVALID_PARAMETER);
 * the instance's classDecl is (const MI_ClassDecl *)md, so readers of a decl with
 * MI_FLAG_METHOD use only the MI_ObjectDecl prefix and the MI_ParameterDecl prefix of
 * its members. md must outlive the instance. */
MI_Result mi_parameters_new(const MI_MethodDecl *md, MI_Instance **out);
MI_Result mi_parameters_new_in(mi_arena *a, const MI_MethodDecl *md, MI_Instance **out);
MI_Result mi_parameters_construct(MI_Instance *storage, const MI_MethodDecl *md);

/* Fast deep copies of schema-bound instances (the engine's result queue). A copy plan
 * lists, once per class decl, the field offset and type of every property; with it a
 * copy is one memcpy of the instance struct (cd->size bytes) plus a fix-up of the
 * fields that hold pointers (strings, arrays, embedded/reference instances, which are
 * duplicated) and of the NULL ones (cleared). The plan lives in arena a and borrows cd,
 * which must outlive it. NULL when cd has no valid layout or out of memory (copy
 * without a plan then). Plans hold no mutable state: any thread may use one. */
typedef struct mi_copy_plan mi_copy_plan;
mi_copy_plan *mi_copy_plan_new(mi_arena *a, const MI_ClassDecl *cd);
/* True if a plan of inst's classDecl can copy inst: inst is schema-bound, not dynamic,
 * without its own decl copy, with this library's or no function table. Lets a cache
 * of plans skip the decls that never get one. */
bool mi_copy_plan_applies(const MI_Instance *inst);
/* Deep copy of src into arena a, exactly as mi_value_copy of MI_INSTANCE does (the copy
 * shares a; Delete on it frees nothing). Uses plan p when it fits src (src's classDecl
 * is p's, src is schema-bound, not dynamic, without its own decl copy and with this
 * library's or no function table); otherwise, or with p NULL, the general copy.
 * Errors as mi_value_copy; *out is set only on success. */
MI_Result mi_instance_copy_in(mi_arena *a, const mi_copy_plan *p, const MI_Instance *src,
                              MI_Instance **out);

/* ---------------------------------------------------------------- errors */

/* The message of the last failure reported by a function of this layer (including
 * the MI_InstanceFT / MI_ClassFT functions, which have no message channel) in the
 * calling thread, e.g. "element Name of CIM_X is string, not uint32". Not cleared on
 * success; valid until the next failure in the same thread. */
const char *mi_cim_last_error(void);

/* ---------------------------------------------------------------- classes */

/* A new MI_Class over decl cd (not copied: cd must outlive it unless `own` is true,
 * in which case cd is cloned, the copy's owningClass is the new class, and a copy
 * without layout (size < sizeof(MI_Instance), e.g. from a dynamic instance) is laid
 * out). A method decl is always copied. Free with MI_Class_Delete. MI_Class_Clone,
 * MI_Class_GetParentClass of an owning class and MI_Instance_GetClass return owning
 * classes. The parameter set does not list the MIReturn pseudo-parameter: it is the
 * method's return type. */
MI_Result mi_class_new(const MI_ClassDecl *cd, const char *ns, const char *server,
                       bool own, MI_Class **out);
extern const MI_ClassFT mi_class_ft;

/* ---------------------------------------------------------------- instance paths */

/* One key of an instance path. For a path parsed from text without a class, type is
 * MI_STRING (quoted), MI_BOOLEAN (TRUE/FALSE), MI_SINT64 / MI_UINT64 / MI_REAL64
 * (numbers), MI_CHAR16 ('c'), or MI_REFERENCE (a quoted value that is itself an
 * instance path is kept as MI_STRING until normalised against a class whose key is a
 * REF; then value.reference is an instance holding that path's keys). */
typedef struct mi_path_key {
    const char *name;
    MI_Type type;
    MI_Value value;
} mi_path_key;

/* An instance path: [//host/][namespace:]Class.Key1="v",Key2=3   or   Class=@
 * (singleton). All strings and the key array live in the arena given to the function
 * that made the path. */
typedef struct mi_path {
    const char *host;  /* NULL if absent */
    const char *ns;    /* NULL if absent; '/'-separated */
    const char *cls;
    mi_path_key *keys;
    size_t nkeys;
    bool singleton;
} mi_path;

/* Parses a path. On a syntax error returns MI_RESULT_INVALID_PARAMETER and appends a
 * message naming the problem and its offset to err (if non-NULL). */
MI_Result mi_path_parse(mi_arena *a, const char *text, mi_path *out, mi_buf *err);
/* Appends the canonical text of p: keys in their current order, strings quoted with
 * \" and \\ escapes, numbers in decimal (reals with the fewest digits that read back
 * exactly, always with '.' or an exponent), booleans TRUE/FALSE, char16 as 'c',
 * datetimes quoted, references as quoted nested paths; namespace and host included
 * when present. -1 also when a key cannot be written (array/instance type, lone
 * surrogate char16) or references nest deeper than 16 (see mi_cim_last_error). */
int mi_path_format(const mi_path *p, mi_buf *out);
/* Normalises p in place: keys sorted by name (ASCII case-insensitive), and, when cd is
 * given, each key converted to the declared type of its property (string "7" to a
 * uint32 key -> 7, path string to a REF key -> reference) and renamed to the declared
 * spelling; missing or unknown keys or values that do not convert are errors
 * (INVALID_PARAMETER / NO_SUCH_PROPERTY / TYPE_MISMATCH, message in err). */
MI_Result mi_path_normalize(mi_arena *a, mi_path *p, const MI_ClassDecl *cd, mi_buf *err);
/* Compares two normalised paths: class names and key names without case, values by
 * type and value; namespaces compared only when both have one; hosts are ignored.
 * 0 when equal. Numbers compare by value whatever their MI_Type; a string key against
 * a typed one compares as that type when the string reads as it ("7" == 7, "true" ==
 * TRUE, a path string == the reference it names). A reference comparison that runs out
 * of memory counts as "different". */
int mi_path_compare(const mi_path *x, const mi_path *y);
/* The path of an instance: its class, namespace, host (serverName), and its key
 * properties (flag MI_FLAG_KEY in the class decl, or in the element flags of a dynamic
 * instance; a dynamic instance that flags no element uses all its non-NULL elements),
 * in normalised order; values copied into a. A class without keys gives the singleton.
 * INVALID_PARAMETER for a NULL key or a key of array or embedded-instance type. */
MI_Result mi_path_from_instance(mi_arena *a, const MI_Instance *inst, mi_path *out);
/* A new instance holding just the keys of p (a "reference" instance): schema-bound to
 * cd when cd is given (p must be normalised against it), otherwise dynamic. */
MI_Result mi_path_to_instance(const mi_path *p, const MI_ClassDecl *cd, MI_Instance **out);
/* Appends the normalised key string of an instance ("Class.k1=...,k2=..." with keys
 * sorted, no namespace): the identity used to store and find static instances. It is
 * exactly mi_path_format of the instance's path with host and namespace removed, so a
 * path parsed from text and normalised against the class formats to the same string.
 * Names keep their declared spelling; string values keep their case. */
MI_Result mi_instance_keystring(const MI_Instance *inst, mi_buf *out);

/* ---------------------------------------------------------------- MOF output */

/* Comment each inherited member ("// inherited from CIM_X", a line above it) and each
 * overriding one ("// overrides CIM_X"). */
#define MI_MOFOUT_MARK_INHERITED 0x1u
/* Only the members this class declares or overrides, and only the qualifiers not
 * propagated unchanged from the superclass: the text compiles (after the qualifier
 * declarations and the superclass) back to the same class. */
#define MI_MOFOUT_LOCAL_ONLY     0x2u
/* Only the qualifiers flags and type imply (Key, Association, In/Out, ...,
 * EmbeddedInstance); one line per member. */
#define MI_MOFOUT_NO_QUALIFIERS  0x4u

/* Appends a class declaration in MOF syntax laid out as DMTF's schema files are
 * (qualifier lists one qualifier per line when long, long strings as adjacent
 * literals, flavors only DisableOverride / Restricted; see mofout.c). -1 if the buffer
 * failed. */
int mi_class_to_mof(mi_buf *out, const MI_ClassDecl *cd, unsigned flags);
/* Appends "Qualifier Name : type = default,\n    Scope(...),\n    Flavor(...);\n" with
 * every flavor bit the declaration has. -1 if the buffer failed or the type cannot be
 * declared (reference, instance, invalid). */
int mi_qualifierdecl_to_mof(mi_buf *out, const MI_QualifierDecl *qd);
/* Appends "instance of Class\n{\n    Prop = value;\n};\n" for the non-NULL elements,
 * and "Prop = NULL;" for a NULL element whose class declares a default. */
int mi_instance_to_mof(mi_buf *out, const MI_Instance *inst, unsigned indent);

#endif
