/* cim_int.h - private declarations shared by the files of src/cim.
 *
 * Instance bookkeeping lives in MI_Instance.reserved[]:
 *   reserved[0]  CIM_INST_MAGIC for every instance this layer made (anything else is a
 *                "foreign" instance, e.g. a provider's static struct with ft == NULL,
 *                which is only ever read, through its classDecl)
 *   reserved[1]  mi_arena* holding the instance's strings, arrays and embedded
 *                instances (NULL until first needed for constructed storage)
 *   reserved[2]  CIM_INST_* kind and flag bits
 *   reserved[3]  dynamic instances: the cim_dyn state (element list + synthesized decl)
 */
#ifndef MI_CIM_CIM_INT_H
#define MI_CIM_CIM_INT_H

#include <mi.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "cim/cim.h"

#define CIM_INST_MAGIC ((ptrdiff_t)0x4d49496e73744d49) /* "MIInstMI" */
#define CIM_CLASS_MAGIC ((ptrdiff_t)0x4d49436c61737321)

/* reserved[2] bits */
#define CIM_INST_OWNS_ARENA  0x1 /* Delete frees the arena (the instance lives in it) */
#define CIM_INST_OWNS_DECL   0x100 /* classDecl is a private copy in the instance's arena */
#define CIM_INST_DYNAMIC     0x2 /* element list in reserved[3] */
#define CIM_INST_CONSTRUCTED 0x4 /* caller storage; arena (if any) freed by Destruct */

/* Nesting limit for embedded instances when copying, comparing or printing values
 * (protects the stack against cycles built with MI_FLAG_BORROW). */
#define CIM_MAX_NESTING 32
/* Instance paths: text length and reference nesting limits. */
#define CIM_PATH_MAX_LEN   (64u * 1024u)
#define CIM_PATH_MAX_DEPTH 16
/* Most elements a dynamic instance may hold. */
#define CIM_DYN_MAX_ELEMENTS 65536u
/* Cap of the arena an instance owns. */
#define CIM_INST_ARENA_CAP ((size_t)256 << 20)

/* One element of a dynamic instance. `decl` comes first: the synthesized class decl's
 * properties[] point at it, so (cim_dyn_elem *)properties[i] is the element. */
typedef struct cim_dyn_elem {
    MI_PropertyDecl decl;
    MI_Value value;
    MI_Boolean exists;
} cim_dyn_elem;

typedef struct cim_dyn {
    MI_ClassDecl decl;          /* decl.properties == props */
    MI_PropertyDecl **props;    /* arena array of `cap` slots; props[i] is the decl
                                   member of element i (cast back with cim_dyn_at) */
    MI_Uint32 cap;
    struct mi_map *index;       /* name -> index + 1, built past CIM_DYN_INDEX_MIN
                                   elements; freed by an arena cleanup. An entry whose
                                   index is >= numProperties is stale (ignored). */
} cim_dyn;

#define CIM_DYN_INDEX_MIN 16u

static inline cim_dyn_elem *cim_dyn_at(const cim_dyn *d, MI_Uint32 i)
{
    return (cim_dyn_elem *)d->props[i];
}

/* ---------------------------------------------------------------- errors */

/* Records the message returned by mi_cim_last_error() for this thread and returns r. */
MI_Result cim_fail(MI_Result r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The MI_Result of the last cim_fail in this thread (MI_RESULT_OK if none). */
MI_Result cim_last_code(void);
/* Appends a message to err when err is non-NULL and also records it as above. */
MI_Result cim_fail_buf(mi_buf *err, MI_Result r, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---------------------------------------------------------------- decl helpers */

static inline bool cim_decl_is_method(const MI_ClassDecl *cd)
{
    return (cd->flags & MI_FLAG_METHOD) != 0;
}
static inline bool cim_type_valid(MI_Uint32 t) { return t <= MI_INSTANCEA; }

/* ---------------------------------------------------------------- instances */

static inline bool cim_inst_ours(const MI_Instance *inst)
{
    return inst->reserved[0] == CIM_INST_MAGIC;
}
static inline bool cim_inst_dynamic(const MI_Instance *inst)
{
    return cim_inst_ours(inst) && (inst->reserved[2] & CIM_INST_DYNAMIC);
}
static inline mi_arena *cim_inst_arena(const MI_Instance *inst)
{
    return cim_inst_ours(inst) ? (mi_arena *)inst->reserved[1] : NULL;
}

/* Borrowed view of element i of any instance made by this layer or of a foreign
 * schema-bound instance: its decl, a pointer to its stored value (the union member of
 * its type, which for schema-bound instances is the field's `value`) and its
 * existence flag. false if i is out of range. */
typedef struct cim_elem {
    const MI_PropertyDecl *pd; /* only the MI_ParameterDecl prefix is valid for
                                  parameter instances (decl flags has MI_FLAG_METHOD) */
    void *value;
    MI_Boolean *exists;
} cim_elem;
bool cim_inst_elem(const MI_Instance *inst, MI_Uint32 i, cim_elem *e);
MI_Uint32 cim_inst_count(const MI_Instance *inst);
/* Index of the element called name (any case), or false. */
bool cim_inst_find(const MI_Instance *inst, const char *name, MI_Uint32 *index);

/* Deep copy of src into arena a; the copy shares the arena (Delete on it is a no-op).
 * depth counts embedded-instance nesting. Foreign instances with a function table
 * other than mi_instance_ft are read through it and copied as dynamic instances. */
MI_Result cim_inst_clone_in(mi_arena *a, const MI_Instance *src, unsigned depth,
                            MI_Instance **out);
/* Value copy with nesting depth (see mi_value_copy). */
MI_Result cim_value_copy(mi_arena *a, MI_Type t, const void *src, MI_Value *dst,
                         unsigned depth);
bool cim_value_equal(MI_Type t, const MI_Value *x, const MI_Value *y, unsigned depth);
int cim_value_to_mof(mi_buf *out, MI_Type t, const MI_Value *v, unsigned indent,
                     unsigned depth);
/* "instance of C\n<ind>{ ... <ind>}" without the final ';'. */
int cim_instance_body_to_mof(mi_buf *out, const MI_Instance *inst, unsigned indent,
                             unsigned depth);
/* A schema-bound instance of cd in arena a (owning it when own), property defaults
 * copied only when `defaults`. */
MI_Result cim_inst_new_bound(mi_arena *a, bool own, const MI_ClassDecl *cd, const char *ns,
                             const char *server, bool defaults, MI_Instance **out);
/* Reads one element of any instance (ours, foreign-bound or with a foreign ft). */
MI_Result cim_inst_get_at(const MI_Instance *inst, MI_Uint32 i, const char **name,
                          MI_Value *value, MI_Type *type, MI_Uint32 *flags);
const char *cim_inst_class_name(const MI_Instance *inst);

/* ---------------------------------------------------------------- paths */

/* Appends the path of a reference instance (its class, namespace, host and key
 * properties sorted by name) as path text. -1 on buffer failure or nesting past
 * CIM_PATH_MAX_DEPTH. */
int cim_ref_to_path_text(mi_buf *out, const MI_Instance *ref, unsigned depth);
/* Shortest "%.Ng" text of a real that reads back to the same value; adds ".0" if it
 * would otherwise read as an integer. */
void cim_real_text(double d, bool is32, char out[40]);

#endif
