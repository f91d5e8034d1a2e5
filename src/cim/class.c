/* class.c - MI_Class over an MI_ClassDecl, with its qualifier and parameter sets.
 *
 * An MI_Class lives in an arena of its own (reserved[1]) that also holds its copies of
 * the namespace and server names and, when it owns its decl, the decl's deep copy
 * (whose owningClass then points back at the class). Qualifier and parameter sets are
 * views into the decl: they stay valid until the class is deleted.
 */
#include <string.h>

#include "base/str.h"
#include "cim/cim_int.h"

static const MI_QualifierSetFT qualifier_set_ft;
static const MI_ParameterSetFT parameter_set_ft;

static bool class_ok(const MI_Class *c)
{
    return c && c->reserved[0] == CIM_CLASS_MAGIC && c->classDecl;
}

static MI_Result bad_class(const char *fn)
{
    return cim_fail(MI_RESULT_INVALID_PARAMETER, "%s: not a class made by libmi", fn);
}

static void fill_qualifier_set(MI_QualifierSet *qs, MI_Qualifier MI_CONST *MI_CONST *q,
                               MI_Uint32 n)
{
    if (!qs)
        return;
    memset(qs, 0, sizeof *qs);
    qs->reserved1 = q ? n : 0;
    qs->reserved2 = (ptrdiff_t)q;
    qs->ft = &qualifier_set_ft;
}

static bool has_mireturn(const MI_MethodDecl *md)
{
    return md->numParameters && md->parameters[0]->name &&
           mi_name_eq(md->parameters[0]->name, "MIReturn");
}

static void fill_parameter_set(MI_ParameterSet *ps, const MI_MethodDecl *md)
{
    if (!ps)
        return;
    memset(ps, 0, sizeof *ps);
    ps->reserved1 = has_mireturn(md) ? 1 : 0;
    ps->reserved2 = (ptrdiff_t)md;
    ps->ft = &parameter_set_ft;
}

/* ---------------------------------------------------------------- creation */

MI_Result mi_class_new(const MI_ClassDecl *cd, const char *ns, const char *server, bool own,
                       MI_Class **out)
{
    MI_Result r = MI_RESULT_OK;
    if (!cd || !out)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "mi_class_new: NULL argument");
    *out = NULL;
    /* A method decl only has the MI_ObjectDecl prefix: read it through a copy. */
    if (cim_decl_is_method(cd))
        own = true;
    mi_arena *a = mi_arena_new(0, 0);
    if (!a) {
        r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory creating a class");
        goto out;
    }
    MI_Class *c = mi_arena_calloc(a, sizeof *c);
    if (!c)
        goto out_free_arena;
    c->ft = &mi_class_ft;
    c->reserved[0] = CIM_CLASS_MAGIC;
    c->reserved[1] = (ptrdiff_t)a;
    c->classDecl = cd;
    if (own) {
        MI_ClassDecl *copy = mi_classdecl_clone(a, cd);
        if (!copy)
            goto out_free_arena;
        copy->owningClass = c;
        if (copy->size < sizeof(MI_Instance))
            mi_classdecl_layout(copy);
        c->classDecl = copy;
    }
    if (ns && !(c->namespaceName = mi_arena_strdup(a, ns)))
        goto out_free_arena;
    if (server && !(c->serverName = mi_arena_strdup(a, server)))
        goto out_free_arena;
    *out = c;
    return MI_RESULT_OK;
out_free_arena:
    /* every path here is an allocation failure inside the class's arena */
    r = cim_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory creating class %s",
                 cd->name ? cd->name : "(unnamed)");
    mi_arena_free(a);
out:
    return r;
}

/* ---------------------------------------------------------------- MI_ClassFT */

static MI_Result cls_get_class_name(const MI_Class *self, const MI_Char **className)
{
    if (!class_ok(self) || !className)
        return bad_class("GetClassName");
    *className = self->classDecl->name;
    return MI_RESULT_OK;
}

static MI_Result cls_get_namespace(const MI_Class *self, const MI_Char **nameSpace)
{
    if (!class_ok(self) || !nameSpace)
        return bad_class("GetNameSpace");
    *nameSpace = self->namespaceName;
    return MI_RESULT_OK;
}

static MI_Result cls_get_server_name(const MI_Class *self, const MI_Char **serverName)
{
    if (!class_ok(self) || !serverName)
        return bad_class("GetServerName");
    *serverName = self->serverName;
    return MI_RESULT_OK;
}

static MI_Result cls_get_element_count(const MI_Class *self, MI_Uint32 *count)
{
    if (!class_ok(self) || !count)
        return bad_class("GetElementCount");
    *count = self->classDecl->numProperties;
    return MI_RESULT_OK;
}

static MI_Result cls_get_element_at(const MI_Class *self, MI_Uint32 index, const MI_Char **name,
                                    MI_Value *value, MI_Boolean *valueExists, MI_Type *type,
                                    MI_Char **referenceClass, MI_QualifierSet *qualifierSet,
                                    MI_Uint32 *flags)
{
    if (!class_ok(self))
        return bad_class("GetElementAt");
    const MI_ClassDecl *cd = self->classDecl;
    if (index >= cd->numProperties)
        return cim_fail(MI_RESULT_FAILED, "GetElementAt: index %u out of range (class %s has %u)",
                        (unsigned)index, cd->name, (unsigned)cd->numProperties);
    const MI_PropertyDecl *pd = cd->properties[index];
    const void *def = cim_decl_is_method(cd) ? NULL : pd->value;
    if (name)
        *name = pd->name;
    if (value) {
        memset(value, 0, sizeof *value);
        if (def)
            memcpy(value, def, mi_type_size((MI_Type)pd->type));
    }
    if (valueExists)
        *valueExists = def != NULL;
    if (type)
        *type = (MI_Type)pd->type;
    if (referenceClass)
        *referenceClass = (MI_Char *)pd->className;
    fill_qualifier_set(qualifierSet, pd->qualifiers, pd->numQualifiers);
    if (flags)
        *flags = pd->flags;
    return MI_RESULT_OK;
}

static MI_Result cls_get_element(const MI_Class *self, const MI_Char *name, MI_Value *value,
                                 MI_Boolean *valueExists, MI_Type *type,
                                 MI_Char **referenceClass, MI_QualifierSet *qualifierSet,
                                 MI_Uint32 *flags, MI_Uint32 *index)
{
    MI_Uint32 i;
    if (!class_ok(self) || !name)
        return bad_class("GetElement");
    if (!mi_classdecl_property(self->classDecl, name, &i))
        return cim_fail(MI_RESULT_NO_SUCH_PROPERTY, "class %s has no property %s",
                        self->classDecl->name, name);
    if (index)
        *index = i;
    return cls_get_element_at(self, i, NULL, value, valueExists, type, referenceClass,
                              qualifierSet, flags);
}

static MI_Result cls_get_class_qualifier_set(const MI_Class *self, MI_QualifierSet *qualifierSet)
{
    if (!class_ok(self) || !qualifierSet)
        return bad_class("GetClassQualifierSet");
    fill_qualifier_set(qualifierSet, self->classDecl->qualifiers,
                       self->classDecl->numQualifiers);
    return MI_RESULT_OK;
}

static MI_Uint32 method_count(const MI_ClassDecl *cd)
{
    return cim_decl_is_method(cd) ? 0 : cd->numMethods;
}

static MI_Result cls_get_method_count(const MI_Class *self, MI_Uint32 *count)
{
    if (!class_ok(self) || !count)
        return bad_class("GetMethodCount");
    *count = method_count(self->classDecl);
    return MI_RESULT_OK;
}

static MI_Result cls_get_method_at(const MI_Class *self, MI_Uint32 index, const MI_Char **name,
                                   MI_QualifierSet *qualifierSet, MI_ParameterSet *parameterSet)
{
    if (!class_ok(self))
        return bad_class("GetMethodAt");
    const MI_ClassDecl *cd = self->classDecl;
    if (index >= method_count(cd))
        return cim_fail(MI_RESULT_FAILED, "GetMethodAt: index %u out of range (class %s has %u)",
                        (unsigned)index, cd->name, (unsigned)method_count(cd));
    const MI_MethodDecl *md = cd->methods[index];
    if (name)
        *name = md->name;
    fill_qualifier_set(qualifierSet, md->qualifiers, md->numQualifiers);
    fill_parameter_set(parameterSet, md);
    return MI_RESULT_OK;
}

static MI_Result cls_get_method(const MI_Class *self, const MI_Char *name,
                                MI_QualifierSet *qualifierSet, MI_ParameterSet *parameterSet,
                                MI_Uint32 *index)
{
    MI_Uint32 i;
    if (!class_ok(self) || !name)
        return bad_class("GetMethod");
    if (!mi_classdecl_method(self->classDecl, name, &i))
        return cim_fail(MI_RESULT_METHOD_NOT_FOUND, "class %s has no method %s",
                        self->classDecl->name, name);
    if (index)
        *index = i;
    return cls_get_method_at(self, i, NULL, qualifierSet, parameterSet);
}

static MI_Result cls_get_parent_class_name(const MI_Class *self, const MI_Char **name)
{
    if (!class_ok(self) || !name)
        return bad_class("GetParentClassName");
    *name = cim_decl_is_method(self->classDecl) ? NULL : self->classDecl->superClass;
    return MI_RESULT_OK;
}

static MI_Result cls_get_parent_class(const MI_Class *self, MI_Class **parentClass)
{
    if (!class_ok(self) || !parentClass)
        return bad_class("GetParentClass");
    *parentClass = NULL;
    const MI_ClassDecl *cd = self->classDecl;
    if (cim_decl_is_method(cd) || !cd->superClassDecl) {
        if (!cim_decl_is_method(cd) && cd->superClass)
            return cim_fail(MI_RESULT_NOT_FOUND, "class %s: superclass %s is not resolved",
                            cd->name, cd->superClass);
        return cim_fail(MI_RESULT_NOT_FOUND, "class %s has no superclass", cd->name);
    }
    /* A parent decl inside this class's own copy dies with it: copy it again. */
    bool own = cd->owningClass == self;
    return mi_class_new(cd->superClassDecl, self->namespaceName, self->serverName, own,
                        parentClass);
}

static MI_Result cls_delete(MI_Class *self)
{
    if (!class_ok(self))
        return bad_class("Delete");
    mi_arena *a = (mi_arena *)self->reserved[1];
    self->reserved[0] = 0;
    mi_arena_free(a);
    return MI_RESULT_OK;
}

static MI_Result cls_clone(const MI_Class *self, MI_Class **newClass)
{
    if (!class_ok(self) || !newClass)
        return bad_class("Clone");
    return mi_class_new(self->classDecl, self->namespaceName, self->serverName, true,
                        newClass);
}

const MI_ClassFT mi_class_ft = {
    cls_get_class_name,
    cls_get_namespace,
    cls_get_server_name,
    cls_get_element_count,
    cls_get_element,
    cls_get_element_at,
    cls_get_class_qualifier_set,
    cls_get_method_count,
    cls_get_method_at,
    cls_get_method,
    cls_get_parent_class_name,
    cls_get_parent_class,
    cls_delete,
    cls_clone,
};

/* ---------------------------------------------------------------- MI_QualifierSetFT */

static MI_Qualifier MI_CONST *MI_CONST *qs_items(const MI_QualifierSet *self)
{
    return (MI_Qualifier MI_CONST *MI_CONST *)self->reserved2;
}

static MI_Result qs_get_count(const MI_QualifierSet *self, MI_Uint32 *count)
{
    if (!self || !count)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "GetQualifierCount: NULL argument");
    *count = (MI_Uint32)self->reserved1;
    return MI_RESULT_OK;
}

static MI_Result qs_get_at(const MI_QualifierSet *self, MI_Uint32 index, const MI_Char **name,
                           MI_Type *qualifierType, MI_Uint32 *qualifierFlags,
                           MI_Value *qualifierValue)
{
    if (!self)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "GetQualifierAt: NULL argument");
    if (index >= self->reserved1)
        return cim_fail(MI_RESULT_FAILED, "GetQualifierAt: index %u out of range (%u qualifiers)",
                        (unsigned)index, (unsigned)self->reserved1);
    const MI_Qualifier *q = qs_items(self)[index];
    if (name)
        *name = q->name;
    if (qualifierType)
        *qualifierType = (MI_Type)q->type;
    if (qualifierFlags)
        *qualifierFlags = q->flavor | (q->value ? 0 : MI_FLAG_NULL);
    if (qualifierValue) {
        memset(qualifierValue, 0, sizeof *qualifierValue);
        if (q->value)
            memcpy(qualifierValue, q->value, mi_type_size((MI_Type)q->type));
    }
    return MI_RESULT_OK;
}

static MI_Result qs_get(const MI_QualifierSet *self, const MI_Char *name, MI_Type *qualifierType,
                        MI_Uint32 *qualifierFlags, MI_Value *qualifierValue, MI_Uint32 *index)
{
    if (!self || !name)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "GetQualifier: NULL argument");
    MI_Qualifier MI_CONST *MI_CONST *q = qs_items(self);
    for (MI_Uint32 i = 0; i < self->reserved1; i++) {
        if (q[i]->name && mi_name_eq(q[i]->name, name)) {
            if (index)
                *index = i;
            return qs_get_at(self, i, NULL, qualifierType, qualifierFlags, qualifierValue);
        }
    }
    return cim_fail(MI_RESULT_NOT_FOUND, "no qualifier %s", name);
}

static const MI_QualifierSetFT qualifier_set_ft = {
    qs_get_count,
    qs_get_at,
    qs_get,
};

/* ---------------------------------------------------------------- MI_ParameterSetFT
 * The MIReturn pseudo-parameter is not listed: it is the method's return type. */

static const MI_MethodDecl *ps_method(const MI_ParameterSet *self)
{
    return (const MI_MethodDecl *)self->reserved2;
}

static MI_Result ps_get_return_type(const MI_ParameterSet *self, MI_Type *returnType,
                                    MI_QualifierSet *qualifierSet)
{
    if (!self || !self->reserved2)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "GetMethodReturnType: NULL argument");
    const MI_MethodDecl *md = ps_method(self);
    if (returnType)
        *returnType = (MI_Type)(self->reserved1 ? md->parameters[0]->type : md->returnType);
    fill_qualifier_set(qualifierSet, md->qualifiers, md->numQualifiers);
    return MI_RESULT_OK;
}

static MI_Result ps_get_count(const MI_ParameterSet *self, MI_Uint32 *count)
{
    if (!self || !self->reserved2 || !count)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "GetParameterCount: NULL argument");
    *count = ps_method(self)->numParameters - (MI_Uint32)self->reserved1;
    return MI_RESULT_OK;
}

static MI_Result ps_get_at(const MI_ParameterSet *self, MI_Uint32 index, const MI_Char **name,
                           MI_Type *parameterType, MI_Char **referenceClass,
                           MI_QualifierSet *qualifierSet)
{
    if (!self || !self->reserved2)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "GetParameterAt: NULL argument");
    const MI_MethodDecl *md = ps_method(self);
    MI_Uint32 skip = (MI_Uint32)self->reserved1;
    if (index >= md->numParameters - skip)
        return cim_fail(MI_RESULT_FAILED, "GetParameterAt: index %u out of range (%s has %u)",
                        (unsigned)index, md->name, (unsigned)(md->numParameters - skip));
    const MI_ParameterDecl *p = md->parameters[index + skip];
    if (name)
        *name = p->name;
    if (parameterType)
        *parameterType = (MI_Type)p->type;
    if (referenceClass)
        *referenceClass = (MI_Char *)p->className;
    fill_qualifier_set(qualifierSet, p->qualifiers, p->numQualifiers);
    return MI_RESULT_OK;
}

static MI_Result ps_get(const MI_ParameterSet *self, const MI_Char *name, MI_Type *parameterType,
                        MI_Char **referenceClass, MI_QualifierSet *qualifierSet, MI_Uint32 *index)
{
    if (!self || !self->reserved2 || !name)
        return cim_fail(MI_RESULT_INVALID_PARAMETER, "GetParameter: NULL argument");
    const MI_MethodDecl *md = ps_method(self);
    MI_Uint32 skip = (MI_Uint32)self->reserved1;
    for (MI_Uint32 i = skip; i < md->numParameters; i++) {
        if (md->parameters[i]->name && mi_name_eq(md->parameters[i]->name, name)) {
            if (index)
                *index = i - skip;
            return ps_get_at(self, i - skip, NULL, parameterType, referenceClass, qualifierSet);
        }
    }
    return cim_fail(MI_RESULT_NOT_FOUND, "method %s has no parameter %s", md->name, name);
}

static const MI_ParameterSetFT parameter_set_ft = {
    ps_get_return_type,
    ps_get_count,
    ps_get_at,
    ps_get,
};
