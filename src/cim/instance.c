/* instance.c - MI_Instance: schema-bound (generated-struct layout) and dynamic
 * instances, and mi_instance_ft, the function table of both.
 *
 * Memory: every value stored without MI_FLAG_BORROW/MI_FLAG_ADOPT is copied into the
 * instance's arena (reserved[1]). Values given with MI_FLAG_ADOPT must have been
 * allocated with malloc() (mi_malloc() is the same allocator): strings, array data
 * blocks and the strings of a string array are released with free(); embedded and
 * reference instances (also inside arrays) with their own ft->Delete. They are freed
 * exactly once, when the instance's arena is destroyed (Delete, Destruct, or the
 * destruction of a shared arena), even if the element was overwritten before.
 */
#include <string.h>

#include "base/alloc.h"
#include "base/map.h"
#include "base/str.h"
#include "cim/cim_int.h"

#define POLICY_FLAGS (MI_FLAG_NULL | MI_FLAG_BORROW | MI_FLAG_ADOPT)
#define CLASS_META_FLAGS \
    (MI_FLAG_ASSOCIATION | MI_FLAG_INDICATION | MI_FLAG_ABSTRACT | MI_FLAG_TERMINAL)

static MI_Uint32 kind(const MI_Instance *inst)
{
    return (MI_Uint32)inst->reserved[2];
}

static cim_dyn *dyn_of(const MI_Instance *inst)
{
    return (cim_dyn *)inst->reserved[3];
}

static bool foreign_ft(const MI_Instance *inst)
{
    return inst->ft && inst->ft != &mi_instance_ft && !cim_inst_ours(inst);
}

static bool is_pointer_type(MI_Type t)
{
    return t == MI_STRING || t == MI_INSTANCE || t == MI_REFERENCE;
}

static const char *decl_name(const MI_ClassDecl *cd)
{
    return cd && cd->name ? cd->name : "(unnamed)";
}

/* ---------------------------------------------------------------- element access */

bool cim_inst_elem(const MI_Instance *inst, MI_Uint32 i, cim_elem *e)
{
    const MI_ClassDecl *cd = inst->classDecl;
    if (!cd || i >= cd->numProperties)
        return false;
    const MI_PropertyDecl *pd = cd->properties[i];
    e->pd = pd;
    if (cim_inst_dynamic(inst)) {
        cim_dyn_elem *de = cim_dyn_at(dyn_of(inst), i);
        e->value = &de->value;
        e->exists = &de->exists;
    } else {
        char *f = (char *)inst + pd->offset;
        e->value = f;
        e->exists = (MI_Boolean *)(f + mi_type_size((MI_Type)pd->type));
    }
    return true;
}

MI_Uint32 cim_inst_count(const MI_Instance *inst)
{
    if (foreign_ft(inst)) {
        MI_Uint32 n = 0;
        if (inst->ft->GetElementCount(inst, &n) != MI_RESULT_OK)
            n = 0;
        return n;
    }
    return inst->classDecl ? inst->classDecl->numProperties : 0;
}

/* Element index by name (any case) in a dynamic instance, through its index if any. */
static bool dyn_find(const cim_dyn *d, const char *name, MI_Uint32 *index)
{
    if (d->index) {
        uintptr_t v = (uintptr_t)mi_map_get(d->index, name);
        if (v && v - 1 < d->decl.numProperties) {
            if (index)
                *index = (MI_Uint32)(v - 1);
            return true;
        }
        return false;
    }
    return mi_classdecl_property(&d->decl, name, index) != NULL;
}

/* Element index by name (any case) of an instance of this layer or foreign-bound. */
static bool find_index(const MI_Instance *inst, const char *name, MI_Uint32 *index)
{
    if (cim_inst_dynamic(inst))
        return dyn_find(dyn_of(inst), name, index);
    return mi_classdecl_property(inst->classDecl, name, index) != NULL;
}

bool cim_inst_find(const MI_Instance *inst, const char *name, MI_Uint32 *index)
{
    if (foreign_ft(inst))
        return inst->ft->GetElement(inst, name, NULL, NULL, NULL, index) == MI_RESULT_OK;
    return find_index(inst, name, index);
}

const char *cim_inst_class_name(const MI_Instance *inst)
{
    if (foreign_ft(inst)) {
        const char *n = NULL;
        if (inst->ft->GetClassName(inst, &n) != MI_RESULT_OK)
            n = NULL;
        return n;
    }
    return inst->classDecl ? inst->classDecl->name : NULL;
}

static MI_Uint32 elem_flags(const cim_elem *e)
{
    return (e->pd->flags & ~POLICY_FLAGS) | (*e->exists ? 0 : MI_FLAG_NULL);
}

MI_Result cim_inst_get_at(const MI_Instance *inst, MI_Uint32 i, const char **name,
                          MI_Value *value, MI_Type *type, MI_Uint32 *flags)
{
    if (foreign_ft(inst))
        return inst->ft->GetElementAt(inst, i, name, value, type, flags);
    cim_elem e;
    if (!cim_inst_elem(inst, i, &e))
        return cim_fail(MI_RESULT_FAILED, "element index %u out of range (class %s has %u)",
                        (unsigned)i, decl_name(inst->classDecl), (unsigned)cim_inst_count(inst));
    MI_Type t = (MI_Type)e.pd->type;
    if (name)
        *name = e.pd->name;
    if (value) {
        if (*e.exists)
            memcpy(value, e.value, mi_type_size(t));
        else
            memset(value, 0, sizeof *value);
    }
    if (type)
        *type = t;
    if (flags)
        *flags = elem_flags(&e);
    return MI_RESULT_OK;
}

/* ---------------------------------------------------------------- storing values */

static mi_arena *ensure_arena(MI_Instance *inst)
{
    mi_arena *a = (mi_arena *)inst->reserved[1];
    if (!a) {
        a = mi_arena_new(0, CIM_INST_ARENA_CAP);
        inst->reserved[1] = (ptrdiff_t)a;
    }
    return a;
}

typedef struct adopted {
    MI_Type type;
    MI_Value v;
} adopted;

static void delete_instance(MI_Instance *i)
{
    if (i && i->ft && i->ft->Delete)
        i->ft->Delete(i);
}

static void free_adopted(void *arg)
{
    adopted *ad = arg;
    MI_Type et = (MI_Type)(ad->type & ~MI_ARRAY);
    if (!(ad->type & MI_ARRAY)) {
        if (et == MI_STRING)
            mi_free(ad->v.string);
        else
            delete_instance(ad->v.instance);
        return;
    }
    for (MI_Uint32 i = 0; i < ad->v.array.size; i++) {
        if (et == MI_STRING)
            mi_free(ad->v.stringa.data[i]);
        else if (et == MI_INSTANCE || et == MI_REFERENCE)
            delete_instance(ad->v.instancea.data[i]);
    }
    mi_free(ad->v.array.data);
}

/* Stores value (of type t, only that union member is read) into the slot of an element.
 * On failure nothing changes and (for ADOPT) the caller still owns the value. */
static MI_Result store_value(MI_Instance *inst, void *slot, MI_Boolean *exists, MI_Type t,
                             const MI_Value *value, MI_Uint32 flags, const char *what,
                             unsigned depth)
{
    MI_Result r = MI_RESULT_OK;
    size_t size = mi_type_size(t);
    if ((flags & MI_FLAG_BORROW) && (flags & MI_FLAG_ADOPT)) {
        r = cim_fail(MI_RESULT_INVALID_PARAMETER,
                     "element %s: MI_FLAG_BORROW and MI_FLAG_ADOPT are exclusive", what);
        goto out;
    }
    bool null = !value || (flags & MI_FLAG_NULL);
    if (!null && is_pointer_type(t)) {
        void *p;
        memcpy(&p, value, sizeof p);
        null = p == NULL;
    }
    if (null) {
        memset(slot, 0, size);
        *exists = 0;
        goto out;
    }
    if (t & MI_ARRAY) {
        MI_Array arr;
        memcpy(&arr, value, sizeof arr);
        if (arr.size && !arr.data) {
            r = cim_fail(MI_RESULT_INVALID_PARAMETER,
                         "element %s: array of %u elements with NULL data", what,
                         (unsigned)arr.size);
            goto out;
        }
    }
    bool holds_memory = is_pointer_type(t) || (t & MI_ARRAY);
    if ((flags & MI_FLAG_BORROW) || !holds_memory) {
        memcpy(slot, value, size);
        *exists = 1;
        goto out;
    }
    mi_arena *a = ensure_arena(inst);
    if (!a) {
        r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "element %s: out of memory", what);
        goto out;
    }
    if (flags & MI_FLAG_ADOPT) {
        adopted *ad = mi_arena_alloc(a, sizeof *ad);
        if (!ad || mi_arena_on_destroy(a, free_adopted, ad) != 0) {
            r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED,
                         "element %s: out of memory adopting the value", what);
            goto out;
        }
        ad->type = t;
        memset(&ad->v, 0, sizeof ad->v);
        memcpy(&ad->v, value, size);
        memcpy(slot, value, size);
        *exists = 1;
        goto out;
    }
    MI_Value tmp;
    r = cim_value_copy(a, t, value, &tmp, depth);
    if (r != MI_RESULT_OK)
        goto out;
    memcpy(slot, &tmp, size);
    *exists = 1;
out:
    return r;
}

/* ---------------------------------------------------------------- schema-bound */

/* Checks that cd describes a laid-out struct: size covers the header and every field. */
static MI_Result check_layout(const MI_ClassDecl *cd)
{
    MI_Result r = MI_RESULT_OK;
    if (!cd) {
        r = cim_fail(MI_RESULT_INVALID_PARAMETER, "class decl is NULL");
        goto out;
    }
    if (cd->size < sizeof(MI_Instance)) {
        r = cim_fail(MI_RESULT_INVALID_PARAMETER,
                     "class decl %s has no layout (size %u); run mi_classdecl_layout",
                     decl_name(cd), (unsigned)cd->size);
        goto out;
    }
    for (MI_Uint32 i = 0; i < cd->numProperties; i++) {
        const MI_PropertyDecl *pd = cd->properties[i];
        size_t fs = mi_field_size((MI_Type)pd->type);
        if (!fs || pd->offset < sizeof(MI_Instance) || pd->offset + fs > cd->size) {
            r = cim_fail(MI_RESULT_INVALID_PARAMETER,
                         "class decl %s: property %s has an invalid type (%u) or offset (%u)",
                         decl_name(cd), pd->name ? pd->name : "(unnamed)",
                         (unsigned)pd->type, (unsigned)pd->offset);
            goto out;
        }
    }
out:
    return r;
}

static MI_Result set_names(MI_Instance *inst, mi_arena *a, const char *ns, const char *server)
{
    inst->nameSpace = ns ? mi_arena_strdup(a, ns) : NULL;
    inst->serverName = server ? mi_arena_strdup(a, server) : NULL;
    if ((ns && !inst->nameSpace) || (server && !inst->serverName))
        return cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory copying names");
    return MI_RESULT_OK;
}

/* A schema-bound instance of cd in arena a; defaults copied when `defaults`. */
static MI_Result bound_new(mi_arena *a, bool own, const MI_ClassDecl *cd, const char *ns,
                           const char *server, bool defaults, MI_Instance **out)
{
    MI_Result r = check_layout(cd);
    if (r != MI_RESULT_OK)
        goto out;
    MI_Instance *inst = mi_arena_calloc(a, cd->size);
    if (!inst) {
        r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory creating an instance of %s",
                     decl_name(cd));
        goto out;
    }
    inst->ft = &mi_instance_ft;
    inst->classDecl = cd;
    inst->reserved[0] = CIM_INST_MAGIC;
    inst->reserved[1] = (ptrdiff_t)a;
    inst->reserved[2] = own ? CIM_INST_OWNS_ARENA : 0;
    r = set_names(inst, a, ns, server);
    if (r != MI_RESULT_OK)
        goto out;
    if (defaults && !cim_decl_is_method(cd)) {
        for (MI_Uint32 i = 0; i < cd->numProperties; i++) {
            const MI_PropertyDecl *pd = cd->properties[i];
            if (!pd->value)
                continue;
            cim_elem e;
            if (!cim_inst_elem(inst, i, &e))
                continue;
            MI_Value tmp;
            r = cim_value_copy(a, (MI_Type)pd->type, pd->value, &tmp, 0);
            if (r != MI_RESULT_OK)
                goto out;
            memcpy(e.value, &tmp, mi_type_size((MI_Type)pd->type));
            *e.exists = 1;
        }
    }
    *out = inst;
out:
    return r;
}

MI_Result cim_inst_new_bound(mi_arena *a, bool own, const MI_ClassDecl *cd, const char *ns,
                             const char *server, bool defaults, MI_Instance **out)
{
    return bound_new(a, own, cd, ns, server, defaults, out);
}

static MI_Result new_owned(const MI_ClassDecl *cd, const char *ns, const char *server,
                           bool defaults, MI_Instance **out)
{
    MI_Result r;
    if (!out)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "out pointer is NULL");
    *out = NULL;
    mi_arena *a = mi_arena_new(0, CIM_INST_ARENA_CAP);
    if (!a) {
        r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory creating an instance");
        goto out;
    }
    r = bound_new(a, true, cd, ns, server, defaults, out);
    if (r != MI_RESULT_OK)
        goto out_free_arena;
    return MI_RESULT_OK;
out_free_arena:
    mi_arena_free(a);
out:
    return r;
}

MI_Result mi_instance_new(const MI_ClassDecl *cd, const char *ns, const char *server,
                          MI_Instance **out)
{
    return new_owned(cd, ns, server, true, out);
}

MI_Result mi_instance_new_detached(const MI_ClassDecl *cd, const char *ns, const char *server,
                                   MI_Instance **out)
{
    MI_Result r;
    if (!out || !cd)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "class or out pointer is NULL");
    *out = NULL;
    mi_arena *a = mi_arena_new(0, CIM_INST_ARENA_CAP);
    if (!a) {
        r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory creating an instance");
        goto out;
    }
    const MI_ClassDecl *copy = mi_classdecl_clone(a, cd);
    if (!copy) {
        r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory copying class %s",
                     decl_name(cd));
        goto out_free_arena;
    }
    r = bound_new(a, true, copy, ns, server, true, out);
    if (r != MI_RESULT_OK)
        goto out_free_arena;
    (*out)->reserved[2] |= CIM_INST_OWNS_DECL;
    return MI_RESULT_OK;
out_free_arena:
    mi_arena_free(a);
out:
    return r;
}

MI_Result mi_instance_new_in(mi_arena *a, const MI_ClassDecl *cd, const char *ns,
                             const char *server, MI_Instance **out)
{
    if (!a || !out)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "arena or out pointer is NULL");
    *out = NULL;
    return bound_new(a, false, cd, ns, server, true, out);
}

static MI_Result check_method(const MI_MethodDecl *md)
{
    if (!md)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "method decl is NULL");
    if (!(md->flags & MI_FLAG_METHOD))
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "method decl %s lacks MI_FLAG_METHOD",
                        md->name ? md->name : "(unnamed)");
    return MI_RESULT_OK;
}

MI_Result mi_parameters_new(const MI_MethodDecl *md, MI_Instance **out)
{
    MI_Result r = check_method(md);
    if (r != MI_RESULT_OK) {
        if (out)
            *out = NULL;
        return r;
    }
    return new_owned((const MI_ClassDecl *)md, NULL, NULL, false, out);
}

MI_Result mi_parameters_new_in(mi_arena *a, const MI_MethodDecl *md, MI_Instance **out)
{
    if (!a || !out)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "arena or out pointer is NULL");
    *out = NULL;
    MI_Result r = check_method(md);
    if (r != MI_RESULT_OK)
        return r;
    return bound_new(a, false, (const MI_ClassDecl *)md, NULL, NULL, false, out);
}

static MI_Result construct(MI_Instance *storage, const MI_ClassDecl *cd)
{
    MI_Result r = check_layout(cd);
    if (r != MI_RESULT_OK)
        return r;
    memset(storage, 0, cd->size);
    storage->ft = &mi_instance_ft;
    storage->classDecl = cd;
    storage->reserved[0] = CIM_INST_MAGIC;
    storage->reserved[2] = CIM_INST_CONSTRUCTED;
    return MI_RESULT_OK;
}

MI_Result mi_instance_construct(MI_Instance *storage, const MI_ClassDecl *cd)
{
    if (!storage)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "instance storage is NULL");
    return construct(storage, cd);
}

MI_Result mi_parameters_construct(MI_Instance *storage, const MI_MethodDecl *md)
{
    if (!storage)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "instance storage is NULL");
    MI_Result r = check_method(md);
    if (r != MI_RESULT_OK)
        return r;
    return construct(storage, (const MI_ClassDecl *)md);
}

/* ---------------------------------------------------------------- dynamic */

static MI_Result dyn_new(mi_arena *a, bool own, const char *className, MI_Uint32 metaFlags,
                         MI_Instance **out)
{
    MI_Result r = MI_RESULT_OK;
    if (!mi_is_identifier(className)) {
        r = cim_fail(MI_RESULT_INVALID_PARAMETER, "class name \"%s\" is not a CIM identifier",
                     className ? className : "(null)");
        goto out;
    }
    struct {
        MI_Instance inst;
        cim_dyn dyn;
    } *blk = mi_arena_calloc(a, sizeof *blk);
    char *name = mi_arena_strdup(a, className);
    if (!blk || !name) {
        r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory creating an instance of %s",
                     className);
        goto out;
    }
    cim_dyn *d = &blk->dyn;
    d->decl.flags = (metaFlags & MI_FLAG_METHOD) ? MI_FLAG_METHOD
                                                 : MI_FLAG_CLASS | (metaFlags & CLASS_META_FLAGS);
    d->decl.code = mi_name_code(name);
    d->decl.name = name;
    d->decl.owningClass = (MI_Class *)-1;
    MI_Instance *inst = &blk->inst;
    inst->ft = &mi_instance_ft;
    inst->classDecl = &d->decl;
    inst->reserved[0] = CIM_INST_MAGIC;
    inst->reserved[1] = (ptrdiff_t)a;
    inst->reserved[2] = CIM_INST_DYNAMIC | (own ? CIM_INST_OWNS_ARENA : 0);
    inst->reserved[3] = (ptrdiff_t)d;
    *out = inst;
out:
    return r;
}

MI_Result mi_instance_new_dynamic(const char *className, MI_Uint32 metaFlags,
                                  MI_Instance **out)
{
    MI_Result r;
    if (!out)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "out pointer is NULL");
    *out = NULL;
    mi_arena *a = mi_arena_new(0, CIM_INST_ARENA_CAP);
    if (!a) {
        r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory creating an instance");
        goto out;
    }
    r = dyn_new(a, true, className, metaFlags, out);
    if (r != MI_RESULT_OK)
        goto out_free_arena;
    return MI_RESULT_OK;
out_free_arena:
    mi_arena_free(a);
out:
    return r;
}

MI_Result mi_instance_new_dynamic_in(mi_arena *a, const char *className, MI_Uint32 metaFlags,
                                     MI_Instance **out)
{
    if (!a || !out)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "arena or out pointer is NULL");
    *out = NULL;
    return dyn_new(a, false, className, metaFlags, out);
}

bool mi_instance_is_dynamic(const MI_Instance *inst)
{
    return inst && cim_inst_dynamic(inst);
}

static void free_index(void *arg)
{
    mi_map_free(arg);
}

/* Records name -> n in the element index, building the index once the instance has
 * CIM_DYN_INDEX_MIN elements. */
static MI_Result dyn_index_add(cim_dyn *d, mi_arena *a, const char *name, MI_Uint32 n)
{
    if (!d->index && n >= CIM_DYN_INDEX_MIN) {
        mi_map *m = mi_arena_alloc(a, sizeof *m);
        if (!m || mi_arena_on_destroy(a, free_index, m) != 0)
            goto out_oom;
        mi_map_init(m);
        d->index = m;
        for (MI_Uint32 i = 0; i < n; i++) {
            if (mi_map_set(m, d->props[i]->name, (void *)(uintptr_t)(i + 1)) != 0)
                goto out_drop_index;
        }
    }
    if (d->index && mi_map_set(d->index, name, (void *)(uintptr_t)(n + 1)) != 0)
        goto out_drop_index;
    return MI_RESULT_OK;
out_drop_index:
    /* The partial map stays registered for freeing; fall back to linear search. */
    d->index = NULL;
out_oom:
    return cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory indexing element %s", name);
}

/* Appends an element to a dynamic instance (name already validated as unique). */
static MI_Result dyn_add(MI_Instance *inst, const char *name, const MI_Value *value,
                         MI_Type type, MI_Uint32 flags, unsigned depth)
{
    MI_Result r = MI_RESULT_OK;
    cim_dyn *d = dyn_of(inst);
    mi_arena *a = (mi_arena *)inst->reserved[1];
    MI_Uint32 n = d->decl.numProperties;
    if (n >= CIM_DYN_MAX_ELEMENTS) {
        r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED,
                     "instance of %s already has the maximum of %u elements", d->decl.name,
                     CIM_DYN_MAX_ELEMENTS);
        goto out;
    }
    if (n == d->cap) {
        MI_Uint32 cap = d->cap ? d->cap * 2 : 8;
        MI_PropertyDecl **props = mi_arena_alloc(a, cap * sizeof *props);
        if (!props) {
            r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory adding element %s",
                         name);
            goto out;
        }
        if (n)
            memcpy(props, d->props, n * sizeof *props);
        d->props = props;
        d->cap = cap;
        d->decl.properties = (MI_PropertyDecl MI_CONST *MI_CONST *)props;
    }
    cim_dyn_elem *e = mi_arena_calloc(a, sizeof *e);
    char *nm = mi_arena_strdup(a, name);
    if (!e || !nm) {
        r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory adding element %s", name);
        goto out;
    }
    r = dyn_index_add(d, a, nm, n);
    if (r != MI_RESULT_OK)
        goto out;
    MI_Uint32 meta = flags & ~POLICY_FLAGS;
    if (!(meta & MI_FLAG_ANY))
        meta |= cim_decl_is_method(&d->decl) ? MI_FLAG_PARAMETER : MI_FLAG_PROPERTY;
    e->decl.flags = meta;
    e->decl.code = mi_name_code(nm);
    e->decl.name = nm;
    e->decl.type = type;
    r = store_value(inst, &e->value, &e->exists, type, value, flags, nm, depth);
    if (r != MI_RESULT_OK)
        goto out;
    d->props[n] = &e->decl;
    d->decl.numProperties = n + 1;
out:
    return r;
}

/* ---------------------------------------------------------------- clone */

static MI_Result clone_foreign_ft(mi_arena *a, const MI_Instance *src, unsigned depth,
                                  MI_Instance **out)
{
    const char *cls = cim_inst_class_name(src);
    MI_Instance *n = NULL;
    MI_Result r = dyn_new(a, false, cls, MI_FLAG_CLASS, &n);
    if (r != MI_RESULT_OK)
        goto out;
    MI_Uint32 count = cim_inst_count(src);
    for (MI_Uint32 i = 0; i < count; i++) {
        const char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f;
        r = src->ft->GetElementAt(src, i, &name, &v, &t, &f);
        if (r != MI_RESULT_OK)
            goto out;
        if (!mi_is_identifier(name) || !cim_type_valid(t)) {
            r = cim_fail(MI_RESULT_FAILED, "instance of %s has an invalid element %u", cls,
                         (unsigned)i);
            goto out;
        }
        r = dyn_add(n, name, (f & MI_FLAG_NULL) ? NULL : &v, t,
                    f & ~(MI_FLAG_BORROW | MI_FLAG_ADOPT), depth);
        if (r != MI_RESULT_OK)
            goto out;
    }
    const char *ns = NULL, *server = NULL;
    if (src->ft->GetNameSpace(src, &ns) != MI_RESULT_OK)
        ns = NULL;
    if (src->ft->GetServerName(src, &server) != MI_RESULT_OK)
        server = NULL;
    r = set_names(n, a, ns, server);
    if (r != MI_RESULT_OK)
        goto out;
    *out = n;
out:
    return r;
}

static MI_Result clone_impl(mi_arena *a, bool own, const MI_Instance *src, unsigned depth,
                            MI_Instance **out)
{
    MI_Result r = MI_RESULT_OK;
    MI_Instance *n = NULL;
    if (depth > CIM_MAX_NESTING) {
        r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED,
                     "embedded instances nested deeper than %d", CIM_MAX_NESTING);
        goto out;
    }
    if (foreign_ft(src)) {
        r = clone_foreign_ft(a, src, depth, &n);
        if (r == MI_RESULT_OK && own)
            n->reserved[2] |= CIM_INST_OWNS_ARENA;
        goto out_set;
    }
    const MI_ClassDecl *cd = src->classDecl;
    if (cim_inst_dynamic(src)) {
        r = dyn_new(a, own, cd->name, cd->flags, &n);
        if (r != MI_RESULT_OK)
            goto out;
        for (MI_Uint32 i = 0; i < cd->numProperties; i++) {
            const cim_dyn_elem *e = cim_dyn_at(dyn_of(src), i);
            r = dyn_add(n, e->decl.name, e->exists ? &e->value : NULL, (MI_Type)e->decl.type,
                        e->decl.flags, depth);
            if (r != MI_RESULT_OK)
                goto out;
        }
    } else {
        if (!cim_inst_ours(src)) {
            r = check_layout(cd);
            if (r != MI_RESULT_OK)
                goto out;
        }
        /* A private decl goes with the copy: the source (and its arena) may go first. */
        bool own_decl = (src->reserved[2] & CIM_INST_OWNS_DECL) != 0;
        if (own_decl && !(cd = mi_classdecl_clone(a, cd))) {
            r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory copying a class");
            goto out;
        }
        r = bound_new(a, own, cd, NULL, NULL, false, &n);
        if (r != MI_RESULT_OK)
            goto out;
        if (own_decl)
            n->reserved[2] |= CIM_INST_OWNS_DECL;
        for (MI_Uint32 i = 0; i < cd->numProperties; i++) {
            cim_elem from, to;
            if (!cim_inst_elem(src, i, &from) || !*from.exists)
                continue;
            if (!cim_inst_elem(n, i, &to))
                continue;
            MI_Type t = (MI_Type)from.pd->type;
            MI_Value tmp;
            r = cim_value_copy(a, t, from.value, &tmp, depth);
            if (r != MI_RESULT_OK)
                goto out;
            memcpy(to.value, &tmp, mi_type_size(t));
            *to.exists = 1;
        }
    }
    r = set_names(n, a, src->nameSpace, src->serverName);
out_set:
    if (r == MI_RESULT_OK)
        *out = n;
out:
    return r;
}

MI_Result cim_inst_clone_in(mi_arena *a, const MI_Instance *src, unsigned depth,
                            MI_Instance **out)
{
    return clone_impl(a, false, src, depth, out);
}

/* ---------------------------------------------------------------- planned copy */

typedef struct plan_field {
    MI_Uint32 offset;  /* of the field's value; exists and flags follow at vsize */
    MI_Uint16 vsize;   /* mi_type_size(type) */
    MI_Uint16 type;
} plan_field;

/* props, size and n are cd's when the plan was made: a decl freed and rebuilt at the
 * same address with another shape does not match the plan (plan_fits). */
struct mi_copy_plan {
    const MI_ClassDecl *cd;
    MI_PropertyDecl MI_CONST *MI_CONST *props;
    MI_Uint32 size;
    MI_Uint32 n;
    plan_field f[];   /* one per property, in decl order */
};

mi_copy_plan *mi_copy_plan_new(mi_arena *a, const MI_ClassDecl *cd)
{
    mi_copy_plan *p = NULL;

    if (cd == NULL || check_layout(cd) != MI_RESULT_OK)
        goto out;
    p = mi_arena_alloc(a, sizeof *p + (size_t)cd->numProperties * sizeof p->f[0]);
    if (p == NULL)
        goto out;
    p->cd = cd;
    p->props = cd->properties;
    p->size = cd->size;
    p->n = cd->numProperties;
    for (MI_Uint32 i = 0; i < cd->numProperties; i++) {
        const MI_PropertyDecl *pd = cd->properties[i];
        p->f[i].offset = pd->offset;
        p->f[i].vsize = (MI_Uint16)mi_type_size((MI_Type)pd->type);
        p->f[i].type = (MI_Uint16)pd->type;
    }
out:
    return p;
}

bool mi_copy_plan_applies(const MI_Instance *inst)
{
    return inst != NULL && inst->classDecl != NULL && !foreign_ft(inst) &&
           !cim_inst_dynamic(inst) && !(inst->reserved[2] & CIM_INST_OWNS_DECL);
}

static bool plan_fits(const mi_copy_plan *p, const MI_Instance *src)
{
    const MI_ClassDecl *cd = src->classDecl;
    return cd == p->cd && cd->size == p->size && cd->numProperties == p->n &&
           cd->properties == p->props && mi_copy_plan_applies(src);
}

/* clone_impl of a bound instance by plan: same result, one memcpy plus fix-ups. */
static MI_Result clone_planned(mi_arena *a, const mi_copy_plan *p, const MI_Instance *src,
                               MI_Instance **out)
{
    MI_Result r = MI_RESULT_OK;
    MI_Instance *n = mi_arena_alloc(a, p->size);

    if (n == NULL) {
        r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory creating an instance of %s",
                     decl_name(p->cd));
        goto out;
    }
    memcpy(n, src, p->size);
    n->ft = &mi_instance_ft;
    n->classDecl = p->cd;
    n->reserved[0] = CIM_INST_MAGIC;
    n->reserved[1] = (ptrdiff_t)a;
    n->reserved[2] = 0;
    n->reserved[3] = 0;
    for (MI_Uint32 i = 0; i < p->n; i++) {
        const plan_field *f = &p->f[i];
        char *v = (char *)n + f->offset;
        MI_Boolean *ex = (MI_Boolean *)(v + f->vsize);
        if (!*ex) {
            memset(v, 0, f->vsize);
            ex[1] = 0;
            continue;
        }
        ex[0] = 1;
        ex[1] = 0;
        if (f->type == MI_STRING) {
            const char *s;
            memcpy(&s, v, sizeof s);
            char *d = s != NULL ? mi_arena_strdup(a, s) : NULL;
            if (s != NULL && d == NULL) {
                r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory copying a string");
                goto out;
            }
            memcpy(v, &d, sizeof d);
        } else if (is_pointer_type((MI_Type)f->type) || (f->type & MI_ARRAY)) {
            MI_Value tmp;
            r = cim_value_copy(a, (MI_Type)f->type, (const char *)src + f->offset, &tmp, 1);
            if (r != MI_RESULT_OK)
                goto out;
            memcpy(v, &tmp, f->vsize);
        }
    }
    r = set_names(n, a, src->nameSpace, src->serverName);
    if (r == MI_RESULT_OK)
        *out = n;
out:
    return r;
}

MI_Result mi_instance_copy_in(mi_arena *a, const mi_copy_plan *p, const MI_Instance *src,
                              MI_Instance **out)
{
    MI_Value v;
    MI_Result r;

    if (p != NULL && src != NULL && plan_fits(p, src)) {
        r = clone_planned(a, p, src, out);
        goto out;
    }
    r = mi_value_copy(a, MI_INSTANCE, &src, &v);
    if (r == MI_RESULT_OK)
        *out = v.instance;
out:
    return r;
}

static MI_Result inst_clone(const MI_Instance *self, MI_Instance **newInstance)
{
    MI_Result r;
    if (!self || !newInstance)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "Clone: NULL argument");
    *newInstance = NULL;
    mi_arena *a = mi_arena_new(0, CIM_INST_ARENA_CAP);
    if (!a) {
        r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory cloning an instance");
        goto out;
    }
    r = clone_impl(a, true, self, 0, newInstance);
    if (r != MI_RESULT_OK)
        goto out_free_arena;
    return MI_RESULT_OK;
out_free_arena:
    mi_arena_free(a);
out:
    return r;
}

/* ---------------------------------------------------------------- MI_InstanceFT */

static MI_Result require_ours(const MI_Instance *self, const char *fn)
{
    if (!self)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "%s: instance is NULL", fn);
    if (!cim_inst_ours(self))
        return cim_fail(MI_RESULT_FAILED, "%s: instance of %s was not created by libmi", fn,
                        decl_name(self->classDecl));
    return MI_RESULT_OK;
}

static MI_Result inst_destruct(MI_Instance *self)
{
    MI_Result r = require_ours(self, "Destruct");
    if (r != MI_RESULT_OK)
        return r;
    if (!(kind(self) & CIM_INST_CONSTRUCTED))
        return cim_fail(MI_RESULT_FAILED,
                        "Destruct: instance of %s is not in caller storage; use Delete",
                        decl_name(self->classDecl));
    mi_arena *a = (mi_arena *)self->reserved[1];
    self->reserved[0] = 0;
    self->reserved[1] = 0;
    mi_arena_free(a);
    return MI_RESULT_OK;
}

static MI_Result inst_delete(MI_Instance *self)
{
    MI_Result r = require_ours(self, "Delete");
    if (r != MI_RESULT_OK)
        return r;
    MI_Uint32 k = kind(self);
    if (k & CIM_INST_CONSTRUCTED)
        return inst_destruct(self);
    if (k & CIM_INST_OWNS_ARENA) {
        mi_arena *a = (mi_arena *)self->reserved[1];
        self->reserved[0] = 0;
        mi_arena_free(a);
    }
    return MI_RESULT_OK;
}

static MI_Result inst_is_a(const MI_Instance *self, const MI_ClassDecl *classDecl,
                           MI_Boolean *flag)
{
    if (!self || !classDecl || !flag)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "IsA: NULL argument");
    const MI_ClassDecl *cd = self->classDecl;
    *flag = cd && (cd == classDecl ||
                   (classDecl->name && mi_classdecl_is_a(cd, classDecl->name)));
    return MI_RESULT_OK;
}

static MI_Result inst_get_class_name(const MI_Instance *self, const MI_Char **className)
{
    if (!self || !className || !self->classDecl)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "GetClassName: NULL argument");
    *className = self->classDecl->name;
    return MI_RESULT_OK;
}

static MI_Result set_name_field(MI_Instance *self, const MI_Char *value, bool server)
{
    MI_Result r = require_ours(self, server ? "SetServerName" : "SetNameSpace");
    if (r != MI_RESULT_OK)
        return r;
    const char *copy = NULL;
    if (value) {
        mi_arena *a = ensure_arena(self);
        copy = a ? mi_arena_strdup(a, value) : NULL;
        if (!copy)
            return cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory copying a name");
    }
    if (server)
        self->serverName = copy;
    else
        self->nameSpace = copy;
    return MI_RESULT_OK;
}

static MI_Result inst_set_namespace(MI_Instance *self, const MI_Char *nameSpace)
{
    return set_name_field(self, nameSpace, false);
}

static MI_Result inst_get_namespace(const MI_Instance *self, const MI_Char **nameSpace)
{
    if (!self || !nameSpace)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "GetNameSpace: NULL argument");
    *nameSpace = self->nameSpace;
    return MI_RESULT_OK;
}

static MI_Result inst_set_server_name(MI_Instance *self, const MI_Char *name)
{
    return set_name_field(self, name, true);
}

static MI_Result inst_get_server_name(const MI_Instance *self, const MI_Char **name)
{
    if (!self || !name)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "GetServerName: NULL argument");
    *name = self->serverName;
    return MI_RESULT_OK;
}

static MI_Result inst_get_element_count(const MI_Instance *self, MI_Uint32 *count)
{
    if (!self || !count || !self->classDecl)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "GetElementCount: NULL argument");
    *count = self->classDecl->numProperties;
    return MI_RESULT_OK;
}

static MI_Result inst_add_element(MI_Instance *self, const MI_Char *name, const MI_Value *value,
                                  MI_Type type, MI_Uint32 flags)
{
    MI_Result r = require_ours(self, "AddElement");
    if (r != MI_RESULT_OK)
        goto out;
    if (!cim_inst_dynamic(self)) {
        r = cim_fail(MI_RESULT_FAILED,
                     "AddElement: instance of %s is schema-bound; its elements are fixed",
                     decl_name(self->classDecl));
        goto out;
    }
    if (!mi_is_identifier(name)) {
        r = cim_fail(MI_RESULT_INVALID_PARAMETER,
                     "AddElement: element name \"%s\" is not a CIM identifier",
                     name ? name : "(null)");
        goto out;
    }
    if (!cim_type_valid(type)) {
        r = cim_fail(MI_RESULT_INVALID_PARAMETER, "AddElement: element %s: invalid type %u",
                     name, (unsigned)type);
        goto out;
    }
    if (find_index(self, name, NULL)) {
        r = cim_fail(MI_RESULT_ALREADY_EXISTS, "AddElement: instance of %s already has %s",
                     decl_name(self->classDecl), name);
        goto out;
    }
    r = dyn_add(self, name, value, type, flags, 0);
out:
    return r;
}

static MI_Result inst_set_element_at(MI_Instance *self, MI_Uint32 index, const MI_Value *value,
                                     MI_Type type, MI_Uint32 flags)
{
    MI_Result r = require_ours(self, "SetElementAt");
    if (r != MI_RESULT_OK)
        goto out;
    cim_elem e;
    if (!cim_inst_elem(self, index, &e)) {
        r = cim_fail(MI_RESULT_FAILED, "SetElementAt: index %u out of range (class %s has %u)",
                     (unsigned)index, decl_name(self->classDecl),
                     (unsigned)self->classDecl->numProperties);
        goto out;
    }
    if ((MI_Uint32)type != e.pd->type) {
        r = cim_fail(MI_RESULT_TYPE_MISMATCH, "element %s of %s is %s, not %s", e.pd->name,
                     decl_name(self->classDecl), mi_type_name((MI_Type)e.pd->type),
                     mi_type_name(type) ? mi_type_name(type) : "an invalid type");
        goto out;
    }
    r = store_value(self, e.value, e.exists, type, value, flags, e.pd->name, 0);
out:
    return r;
}

static MI_Result inst_set_element(MI_Instance *self, const MI_Char *name, const MI_Value *value,
                                  MI_Type type, MI_Uint32 flags)
{
    MI_Uint32 index;
    MI_Result r = require_ours(self, "SetElement");
    if (r != MI_RESULT_OK)
        return r;
    if (!name)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "SetElement: name is NULL");
    if (!find_index(self, name, &index))
        return cim_fail(MI_RESULT_NO_SUCH_PROPERTY, "class %s has no element %s",
                        decl_name(self->classDecl), name);
    return inst_set_element_at(self, index, value, type, flags);
}

static MI_Result inst_get_element_at(const MI_Instance *self, MI_Uint32 index,
                                     const MI_Char **name, MI_Value *value, MI_Type *type,
                                     MI_Uint32 *flags)
{
    if (!self || !self->classDecl)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "GetElementAt: instance is NULL");
    return cim_inst_get_at(self, index, name, value, type, flags);
}

static MI_Result inst_get_element(const MI_Instance *self, const MI_Char *name, MI_Value *value,
                                  MI_Type *type, MI_Uint32 *flags, MI_Uint32 *index)
{
    MI_Uint32 i;
    if (!self || !name || !self->classDecl)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "GetElement: NULL argument");
    if (!find_index(self, name, &i))
        return cim_fail(MI_RESULT_NO_SUCH_PROPERTY, "class %s has no element %s",
                        decl_name(self->classDecl), name);
    MI_Result r = cim_inst_get_at(self, i, NULL, value, type, flags);
    if (r == MI_RESULT_OK && index)
        *index = i;
    return r;
}

static MI_Result inst_clear_element_at(MI_Instance *self, MI_Uint32 index)
{
    MI_Result r = require_ours(self, "ClearElementAt");
    if (r != MI_RESULT_OK)
        return r;
    cim_elem e;
    if (!cim_inst_elem(self, index, &e))
        return cim_fail(MI_RESULT_FAILED, "ClearElementAt: index %u out of range (class %s has %u)",
                        (unsigned)index, decl_name(self->classDecl),
                        (unsigned)self->classDecl->numProperties);
    memset(e.value, 0, mi_type_size((MI_Type)e.pd->type));
    *e.exists = 0;
    return MI_RESULT_OK;
}

static MI_Result inst_clear_element(MI_Instance *self, const MI_Char *name)
{
    MI_Uint32 index;
    MI_Result r = require_ours(self, "ClearElement");
    if (r != MI_RESULT_OK)
        return r;
    if (!name)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "ClearElement: name is NULL");
    if (!find_index(self, name, &index))
        return cim_fail(MI_RESULT_NO_SUCH_PROPERTY, "class %s has no element %s",
                        decl_name(self->classDecl), name);
    return inst_clear_element_at(self, index);
}

static MI_Result inst_get_class(const MI_Instance *self, MI_Class **instanceClass)
{
    if (!self || !instanceClass || !self->classDecl)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "GetClass: NULL argument");
    return mi_class_new(self->classDecl, self->nameSpace, self->serverName, true,
                        instanceClass);
}

const MI_InstanceFT mi_instance_ft = {
    inst_clone,
    inst_destruct,
    inst_delete,
    inst_is_a,
    inst_get_class_name,
    inst_set_namespace,
    inst_get_namespace,
    inst_get_element_count,
    inst_add_element,
    inst_set_element,
    inst_set_element_at,
    inst_get_element,
    inst_get_element_at,
    inst_clear_element,
    inst_clear_element_at,
    inst_get_server_name,
    inst_set_server_name,
    inst_get_class,
};
