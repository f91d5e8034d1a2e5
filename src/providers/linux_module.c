/* linux_module.c - the built-in provider module of live Linux data, on the public
 * provider API (mi.h) only.
 *
 * Shape: mi_linux_module_main is an MI_Main-shaped entry compiled into libmi. Its
 * MI_Module has schemaDecl NULL and one dynamicProviderFT that serves every Linux_
 * class of schema/linux/linux.mof, selected by the className of each request: the
 * engine serves those classes of root/cimv2 with it as the built-in module
 * "builtin:linux" (src/engine/module.c) and binds instance names to the repository's
 * classes.
 *
 * Class decls: instances are made with MI_Context_NewInstance over the repository's
 * decl of the class, found in this order: the instanceName's own classDecl (Get,
 * Invoke); the module's cache; MI_Context_GetLocalSession + MI_Session_GetClass (the
 * MI_Class is cloned and kept until Unload). When no decl can be had (no local
 * session), the instance is dynamic (MI_Context_NewDynamicInstance, keys flagged
 * MI_FLAG_KEY). References inside associations are always dynamic instances that
 * hold the keys of the object they name.
 *
 * Requests: EnumerateInstances, GetInstance (by key, without enumerating: a process
 * is read from /proc/PID directly) and Invoke (Linux_UnixProcess.SendSignal).
 * AssociatorInstances and ReferenceInstances walk from the source object for
 * Linux_OSProcess and Linux_ParentChildProcess; for the other classes they answer
 * NOT_SUPPORTED and the engine filters EnumerateInstances of the association. File
 * systems, disks, block devices, ports and IP endpoints are served by the providers
 * of linux_fs.c / linux_net.c (linux_fsnet.h), to which requests for their classes
 * are forwarded with the module's mi_lx_env as their self.
 *
 * Every request posts exactly one result. An enumeration stops when the request is
 * canceled or a post fails; a process that vanishes mid-way is skipped.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/alloc.h"
#include "providers/linux.h"
#ifdef MI_HAVE_LINUX_FSNET
#include "providers/linux_fsnet.h"
#endif

#define LX_CLASS_CACHE 32 /* classes whose decls the module keeps */

typedef struct lx_cached_class {
    char name[64];
    MI_Class *cls;
} lx_cached_class;

typedef struct lx_module {
#ifdef MI_HAVE_LINUX_FSNET
    mi_lx_env env; /* first: the fs/net providers take the module self as their env */
#endif
    MI_Server *server;
    char system_name[MI_LINUX_NAME_MAX];
    pthread_mutex_t mu;
    lx_cached_class classes[LX_CLASS_CACHE];
    size_t n_classes;
} lx_module;

/* The server of the last mi_linux_module_main call (every engine of a process
 * reports the same system name). */
static MI_Server *lx_server;

/* One request on one of this file's classes. */
typedef struct lx_req {
    lx_module *m;
    MI_Context *ctx;
    const char *ns;
    const char *cls;
    const MI_ClassDecl *cd; /* decl of cls, or NULL: dynamic instances */
    mi_linux_sys sys;
    bool keys_only;
    MI_Instance *ref_a; /* reference reused by every association posted (may be NULL) */
} lx_req;

/* ---------------------------------------------------------------- class decls */

static const MI_ClassDecl *cache_find(lx_module *m, const char *name)
{
    const MI_ClassDecl *cd = NULL;

    pthread_mutex_lock(&m->mu);
    for (size_t i = 0; i < m->n_classes; i++)
        if (strcasecmp(m->classes[i].name, name) == 0) {
            cd = m->classes[i].cls->classDecl;
            break;
        }
    pthread_mutex_unlock(&m->mu);
    return cd;
}

/* Asks the local session for class `name` of namespace ns and keeps a clone. */
static const MI_ClassDecl *cache_load(lx_module *m, MI_Context *ctx, const char *ns,
                                      const char *name)
{
    MI_Session session;
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Class *cls = NULL;
    MI_Class *clone = NULL;
    MI_Boolean more = MI_FALSE;
    MI_Result res = MI_RESULT_FAILED;
    const MI_Char *msg = NULL;
    const MI_Instance *details = NULL;
    const MI_ClassDecl *cd = NULL;

    if (strlen(name) >= sizeof m->classes[0].name)
        return NULL;
    memset(&session, 0, sizeof session);
    if (MI_Context_GetLocalSession(ctx, &session) != MI_RESULT_OK)
        return NULL;
    MI_Session_GetClass(&session, 0, NULL, ns, name, NULL, &op);
    if (MI_Operation_GetClass(&op, &cls, &more, &res, &msg, &details) != MI_RESULT_OK ||
        res != MI_RESULT_OK || cls == NULL || MI_Class_Clone(cls, &clone) != MI_RESULT_OK)
        goto out_close;
    pthread_mutex_lock(&m->mu);
    for (size_t i = 0; i < m->n_classes && cd == NULL; i++)
        if (strcasecmp(m->classes[i].name, name) == 0)
            cd = m->classes[i].cls->classDecl; /* another thread was first */
    if (cd == NULL && m->n_classes < LX_CLASS_CACHE) {
        strcpy(m->classes[m->n_classes].name, name);
        m->classes[m->n_classes].cls = clone;
        m->n_classes++;
        cd = clone->classDecl;
        clone = NULL;
    }
    pthread_mutex_unlock(&m->mu);
out_close:
    if (clone != NULL)
        MI_Class_Delete(clone);
    MI_Operation_Close(&op);
    return cd;
}

static const MI_ClassDecl *class_decl(lx_module *m, MI_Context *ctx, const char *ns,
                                      const char *name, const MI_Instance *hint)
{
    const MI_ClassDecl *cd;

    if (hint != NULL && hint->classDecl != NULL && hint->classDecl->name != NULL &&
        strcasecmp(hint->classDecl->name, name) == 0 &&
        !(hint->classDecl->flags & MI_FLAG_METHOD))
        return hint->classDecl;
    cd = cache_find(m, name);
    if (cd == NULL)
        cd = cache_load(m, ctx, ns, name);
    return cd;
}

#ifdef MI_HAVE_LINUX_FSNET
static const MI_ClassDecl *env_class_decl(void *ud, const char *className)
{
    return cache_find(ud, className);
}
#endif

/* ---------------------------------------------------------------- posting */

/* A new instance of cd (dynamic instance of class cls when cd is NULL). keys_only:
 * the defaults the class gives non-key properties are cleared, so that only the keys
 * the collector sets are there. */
static MI_Result new_object(lx_req *q, const MI_ClassDecl *cd, const char *cls,
                            bool keys_only, MI_Instance **out)
{
    MI_Result r;

    *out = NULL;
    if (cd == NULL)
        return MI_Context_NewDynamicInstance(q->ctx, cls, MI_FLAG_CLASS, out);
    r = MI_Context_NewInstance(q->ctx, cd, out);
    for (MI_Uint32 i = 0; r == MI_RESULT_OK && keys_only && i < cd->numProperties; i++)
        if (!(cd->properties[i]->flags & MI_FLAG_KEY) && cd->properties[i]->value != NULL)
            r = MI_Instance_ClearElementAt(*out, i);
    if (r != MI_RESULT_OK && *out != NULL) {
        MI_Instance_Delete(*out);
        *out = NULL;
    }
    return r;
}

static MI_Result req_new(lx_req *q, MI_Instance **out)
{
    return new_object(q, q->cd, q->cls, q->keys_only, out);
}

static MI_Result new_ref(lx_req *q, const char *cls, MI_Instance **out)
{
    *out = NULL;
    return MI_Context_NewDynamicInstance(q->ctx, cls, MI_FLAG_CLASS, out);
}

/* Posts inst (always deleted). OK, or the reason to stop (canceled, post failed). */
static MI_Result req_post(lx_req *q, MI_Instance *inst)
{
    MI_Boolean canceled = MI_FALSE;
    MI_Result r;

    if (MI_Context_Canceled(q->ctx, &canceled) == MI_RESULT_OK && canceled)
        r = MI_RESULT_FAILED;
    else
        r = MI_Context_PostInstance(q->ctx, inst);
    MI_Instance_Delete(inst);
    return r;
}

/* Posts inst when r is OK (req_post deletes it); otherwise deletes inst (NULL
 * allowed) and returns r. */
static MI_Result post_filled(lx_req *q, MI_Instance *inst, MI_Result r)
{
    if (r == MI_RESULT_OK)
        r = req_post(q, inst);
    else if (inst != NULL)
        MI_Instance_Delete(inst);
    return r;
}

/* Posts the terminal result of q (an error with a short message). */
static void req_finish(lx_req *q, MI_Result r, const char *what)
{
    char msg[160];

    if (q->ref_a != NULL)
        MI_Instance_Delete(q->ref_a);
    if (r == MI_RESULT_OK) {
        MI_Context_PostResult(q->ctx, r);
        return;
    }
    snprintf(msg, sizeof msg, "%s of %s: %s", what, q->cls != NULL ? q->cls : "(null)",
             r == MI_RESULT_NOT_FOUND ? "no such instance" : "failed");
    MI_Context_PostError(q->ctx, r, MI_RESULT_TYPE_MI, msg);
}

/* String value of property name of inst; NULL if absent, NULL or not a string. */
static const char *key_str(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f = 0;

    if (inst == NULL || MI_Instance_GetElement(inst, name, &v, &t, &f, NULL) != MI_RESULT_OK ||
        t != MI_STRING || (f & MI_FLAG_NULL) || v.string == NULL)
        return NULL;
    return v.string;
}

static bool key_is(const MI_Instance *inst, const char *name, const char *want, bool any_case)
{
    const char *s = key_str(inst, name);

    if (s == NULL)
        return false;
    return any_case ? strcasecmp(s, want) == 0 : strcmp(s, want) == 0;
}

/* ---------------------------------------------------------------- computer system, OS */

static MI_Result cs_enum(lx_req *q)
{
    MI_Instance *inst;
    MI_Result r = req_new(q, &inst);

    if (r == MI_RESULT_OK)
        r = mi_linux_cs_fill(inst, &q->sys, q->keys_only);
    return post_filled(q, inst, r);
}

static MI_Result cs_get(lx_req *q, const MI_Instance *k)
{
    if (!key_is(k, "CreationClassName", q->cls, true) || !key_is(k, "Name", q->sys.cs_name, false))
        return MI_RESULT_NOT_FOUND;
    return cs_enum(q);
}

static MI_Result os_enum(lx_req *q)
{
    MI_Instance *inst;
    MI_Result r = req_new(q, &inst);

    if (r == MI_RESULT_OK)
        r = mi_linux_os_fill(inst, &q->sys, q->keys_only);
    return post_filled(q, inst, r);
}

static MI_Result os_get(lx_req *q, const MI_Instance *k)
{
    if (!key_is(k, "CreationClassName", q->cls, true) ||
        !key_is(k, "CSCreationClassName", MI_LINUX_CS_CLASS, true) ||
        !key_is(k, "CSName", q->sys.cs_name, false) || !key_is(k, "Name", q->sys.os_name, false))
        return MI_RESULT_NOT_FOUND;
    return os_enum(q);
}

/* ---------------------------------------------------------------- processes */

static MI_Result proc_one(void *ud, pid_t pid)
{
    lx_req *q = ud;
    MI_Instance *inst;
    MI_Result r = req_new(q, &inst);

    if (r == MI_RESULT_OK)
        r = mi_linux_process_fill(inst, &q->sys, pid, q->keys_only);
    r = post_filled(q, inst, r);
    return r == MI_RESULT_NOT_FOUND ? MI_RESULT_OK : r; /* ended since /proc was listed */
}

static MI_Result proc_enum(lx_req *q)
{
    return mi_linux_process_each(proc_one, q);
}

/* The pid named by process keys k, if they name a process of this system. */
static bool proc_key(lx_req *q, const MI_Instance *k, pid_t *pid)
{
    return key_is(k, "CreationClassName", q->cls, true) &&
           key_is(k, "CSCreationClassName", MI_LINUX_CS_CLASS, true) &&
           key_is(k, "CSName", q->sys.cs_name, false) &&
           key_is(k, "OSCreationClassName", MI_LINUX_OS_CLASS, true) &&
           key_is(k, "OSName", q->sys.os_name, false) &&
           mi_linux_parse_pid(key_str(k, "Handle"), pid);
}

static MI_Result proc_get(lx_req *q, const MI_Instance *k)
{
    pid_t pid;
    MI_Instance *inst;
    MI_Result r;

    if (!proc_key(q, k, &pid))
        return MI_RESULT_NOT_FOUND;
    r = req_new(q, &inst);
    if (r == MI_RESULT_OK)
        r = mi_linux_process_fill(inst, &q->sys, pid, false);
    return post_filled(q, inst, r);
}

/* ---------------------------------------------------------------- processors, memory */

static MI_Result cpu_one(void *ud, unsigned cpu)
{
    lx_req *q = ud;
    MI_Instance *inst;
    MI_Result r = req_new(q, &inst);

    if (r == MI_RESULT_OK)
        r = mi_linux_processor_fill(inst, &q->sys, cpu, q->keys_only);
    return post_filled(q, inst, r);
}

static MI_Result cpu_enum(lx_req *q)
{
    return mi_linux_cpu_each(cpu_one, q);
}

static bool device_key(lx_req *q, const MI_Instance *k)
{
    return key_is(k, "CreationClassName", q->cls, true) &&
           key_is(k, "SystemCreationClassName", MI_LINUX_CS_CLASS, true) &&
           key_is(k, "SystemName", q->sys.cs_name, false);
}

static MI_Result cpu_get(lx_req *q, const MI_Instance *k)
{
    unsigned cpu;

    if (!device_key(q, k) || !mi_linux_parse_cpu(key_str(k, "DeviceID"), &cpu))
        return MI_RESULT_NOT_FOUND;
    return cpu_one(q, cpu);
}

static MI_Result mem_enum(lx_req *q)
{
    MI_Instance *inst;
    MI_Result r = req_new(q, &inst);

    if (r == MI_RESULT_OK)
        r = mi_linux_memory_fill(inst, &q->sys, q->keys_only);
    return post_filled(q, inst, r);
}

static MI_Result mem_get(lx_req *q, const MI_Instance *k)
{
    if (!device_key(q, k) || !key_is(k, "DeviceID", MI_LINUX_MEMORY_ID, false))
        return MI_RESULT_NOT_FOUND;
    return mem_enum(q);
}

/* ---------------------------------------------------------------- associations */

/* Posts one association of class q->cls: role_a -> a, role_b -> b (both borrowed). */
static MI_Result assoc_post(lx_req *q, const char *role_a, MI_Instance *a, const char *role_b,
                            MI_Instance *b)
{
    MI_Instance *inst = NULL;
    MI_Value v;
    MI_Result r;

    r = q->cd != NULL ? MI_Context_NewInstance(q->ctx, q->cd, &inst)
                      : MI_Context_NewDynamicInstance(q->ctx, q->cls, MI_FLAG_ASSOCIATION, &inst);
    v.reference = a;
    if (r == MI_RESULT_OK)
        r = mi_linux_set(inst, role_a, &v, MI_REFERENCE, MI_FLAG_KEY);
    v.reference = b;
    if (r == MI_RESULT_OK)
        r = mi_linux_set(inst, role_b, &v, MI_REFERENCE, MI_FLAG_KEY);
    return post_filled(q, inst, r);
}

static MI_Result ref_cs(lx_req *q, MI_Instance **out)
{
    MI_Result r = new_ref(q, MI_LINUX_CS_CLASS, out);

    if (r == MI_RESULT_OK)
        r = mi_linux_cs_fill(*out, &q->sys, true);
    return r;
}

static MI_Result ref_os(lx_req *q, MI_Instance **out)
{
    MI_Result r = new_ref(q, MI_LINUX_OS_CLASS, out);

    if (r == MI_RESULT_OK)
        r = mi_linux_os_fill(*out, &q->sys, true);
    return r;
}

static MI_Result ref_proc(lx_req *q, pid_t pid, MI_Instance **out)
{
    MI_Result r = new_ref(q, "Linux_UnixProcess", out);

    if (r == MI_RESULT_OK)
        r = mi_linux_process_fill(*out, &q->sys, pid, true);
    return r;
}

static MI_Result running_os_enum(lx_req *q)
{
    MI_Instance *os = NULL, *cs = NULL;
    MI_Result r = ref_os(q, &os);

    if (r == MI_RESULT_OK)
        r = ref_cs(q, &cs);
    if (r == MI_RESULT_OK)
        r = assoc_post(q, "Antecedent", os, "Dependent", cs);
    if (os != NULL)
        MI_Instance_Delete(os);
    if (cs != NULL)
        MI_Instance_Delete(cs);
    return r;
}

static MI_Result os_process_one(void *ud, pid_t pid)
{
    lx_req *q = ud;
    MI_Instance *p = NULL;
    MI_Result r = ref_proc(q, pid, &p);

    if (r == MI_RESULT_OK)
        r = assoc_post(q, "GroupComponent", q->ref_a, "PartComponent", p);
    if (p != NULL)
        MI_Instance_Delete(p);
    return r;
}

static MI_Result os_process_enum(lx_req *q)
{
    MI_Result r = ref_os(q, &q->ref_a);

    if (r == MI_RESULT_OK)
        r = mi_linux_process_each(os_process_one, q);
    return r;
}

static MI_Result parent_child_one(void *ud, pid_t pid)
{
    lx_req *q = ud;
    MI_Instance *parent = NULL, *child = NULL;
    mi_linux_stat st;
    MI_Result r = mi_linux_process_stat(pid, &st);

    if (r != MI_RESULT_OK || st.ppid <= 0)
        return MI_RESULT_OK; /* vanished, unreadable, or a root of the tree */
    r = ref_proc(q, st.ppid, &parent);
    if (r == MI_RESULT_OK)
        r = ref_proc(q, pid, &child);
    if (r == MI_RESULT_OK)
        r = assoc_post(q, "Parent", parent, "Child", child);
    if (parent != NULL)
        MI_Instance_Delete(parent);
    if (child != NULL)
        MI_Instance_Delete(child);
    return r;
}

static MI_Result parent_child_enum(lx_req *q)
{
    return mi_linux_process_each(parent_child_one, q);
}

static MI_Result sysdev_cpu(void *ud, unsigned cpu)
{
    lx_req *q = ud;
    MI_Instance *dev = NULL;
    MI_Result r = new_ref(q, "Linux_Processor", &dev);

    if (r == MI_RESULT_OK)
        r = mi_linux_processor_fill(dev, &q->sys, cpu, true);
    if (r == MI_RESULT_OK)
        r = assoc_post(q, "GroupComponent", q->ref_a, "PartComponent", dev);
    if (dev != NULL)
        MI_Instance_Delete(dev);
    return r;
}

static MI_Result sysdev_enum(lx_req *q)
{
    MI_Instance *mem = NULL;
    MI_Result r = ref_cs(q, &q->ref_a);

    if (r == MI_RESULT_OK)
        r = mi_linux_cpu_each(sysdev_cpu, q);
    if (r == MI_RESULT_OK)
        r = new_ref(q, "Linux_Memory", &mem);
    if (r == MI_RESULT_OK)
        r = mi_linux_memory_fill(mem, &q->sys, true);
    if (r == MI_RESULT_OK)
        r = assoc_post(q, "GroupComponent", q->ref_a, "PartComponent", mem);
    if (mem != NULL)
        MI_Instance_Delete(mem);
#ifdef MI_HAVE_LINUX_FSNET
    if (r == MI_RESULT_OK && q->cd != NULL) {
        mi_lx_sink sink;
        mi_lx_context_sink(q->ctx, &sink);
        r = mi_lx_sysdev_enumerate(&q->m->env, q->cd, "Linux_DiskDrive", "Linux_EthernetPort",
                                   "Linux_NetworkPort", &sink);
    }
#endif
    return r;
}

/* ---------------------------------------------------------------- association traversal
 *
 * AssociatorInstances / ReferenceInstances of Linux_OSProcess and
 * Linux_ParentChildProcess start from the source object instead of enumerating every
 * pair: a process's parent is one stat read, its children one pass over /proc. The
 * other associations (one instance, or a handful of devices) answer NOT_SUPPORTED
 * and the engine filters their enumeration. */

typedef enum lx_kind { LX_OS, LX_PROC } lx_kind;

typedef struct lx_obj {
    lx_kind kind;
    pid_t pid; /* LX_PROC */
} lx_obj;

/* One traversal: the request's filters and what to post. */
typedef struct lx_walk {
    lx_req *q;
    bool refs;                 /* ReferenceInstances (else AssociatorInstances) */
    const char *role;          /* the source's role, or NULL */
    const char *result_role;   /* the result's role, or NULL (associators) */
    const char *result_class;  /* or NULL (associators) */
    MI_Instance *src_ref;      /* keys of the source */
    const MI_ClassDecl *proc_cd, *os_cd; /* decls for associator results, or NULL */
} lx_walk;

static const char *kind_class(lx_kind k)
{
    return k == LX_OS ? MI_LINUX_OS_CLASS : "Linux_UnixProcess";
}

/* Identifies the source object from its keys (CreationClassName decides the kind). */
static bool source_obj(lx_req *q, const MI_Instance *src, lx_obj *o)
{
    const char *ccn = key_str(src, "CreationClassName");

    if (ccn == NULL)
        return false;
    if (strcasecmp(ccn, MI_LINUX_OS_CLASS) == 0) {
        o->kind = LX_OS;
        return key_is(src, "CSCreationClassName", MI_LINUX_CS_CLASS, true) &&
               key_is(src, "CSName", q->sys.cs_name, false) &&
               key_is(src, "Name", q->sys.os_name, false);
    }
    if (strcasecmp(ccn, "Linux_UnixProcess") == 0) {
        o->kind = LX_PROC;
        return key_is(src, "CSCreationClassName", MI_LINUX_CS_CLASS, true) &&
               key_is(src, "CSName", q->sys.cs_name, false) &&
               key_is(src, "OSCreationClassName", MI_LINUX_OS_CLASS, true) &&
               key_is(src, "OSName", q->sys.os_name, false) &&
               mi_linux_parse_pid(key_str(src, "Handle"), &o->pid);
    }
    return false;
}

static MI_Result obj_fill(lx_req *q, MI_Instance *inst, const lx_obj *o, bool keys_only)
{
    return o->kind == LX_OS ? mi_linux_os_fill(inst, &q->sys, keys_only)
                            : mi_linux_process_fill(inst, &q->sys, o->pid, keys_only);
}

static bool decl_is_a(const MI_ClassDecl *cd, const char *name)
{
    for (; cd != NULL; cd = cd->superClassDecl)
        if (strcasecmp(cd->name, name) == 0)
            return true;
    return false;
}

/* Handles one link: the source plays src_role, `other` plays other_role. */
static MI_Result walk_link(lx_walk *w, const char *src_role, const char *other_role,
                           const lx_obj *other)
{
    lx_req *q = w->q;
    MI_Instance *inst = NULL, *oref = NULL;
    MI_Result r;

    if (w->role != NULL && strcasecmp(w->role, src_role) != 0)
        return MI_RESULT_OK;
    if (w->refs) {
        r = new_ref(q, kind_class(other->kind), &oref);
        if (r == MI_RESULT_OK)
            r = obj_fill(q, oref, other, true);
        if (r == MI_RESULT_OK)
            r = assoc_post(q, src_role, w->src_ref, other_role, oref);
        if (oref != NULL)
            MI_Instance_Delete(oref);
        return r;
    }
    if (w->result_role != NULL && strcasecmp(w->result_role, other_role) != 0)
        return MI_RESULT_OK;
    r = new_object(q, other->kind == LX_OS ? w->os_cd : w->proc_cd, kind_class(other->kind),
                   q->keys_only, &inst);
    if (r == MI_RESULT_OK)
        r = obj_fill(q, inst, other, q->keys_only);
    if (r == MI_RESULT_OK && q->ns != NULL)
        r = MI_Instance_SetNameSpace(inst, q->ns);
    r = post_filled(q, inst, r);
    return r == MI_RESULT_NOT_FOUND ? MI_RESULT_OK : r; /* the other end ended meanwhile */
}

static MI_Result walk_os_part(void *ud, pid_t pid)
{
    lx_obj o = {LX_PROC, pid};

    return walk_link(ud, "GroupComponent", "PartComponent", &o);
}

typedef struct lx_children {
    lx_walk *w;
    pid_t parent;
} lx_children;

static MI_Result walk_child(void *ud, pid_t pid)
{
    lx_children *c = ud;
    mi_linux_stat st;
    lx_obj o = {LX_PROC, pid};

    if (mi_linux_process_stat(pid, &st) != MI_RESULT_OK || st.ppid != c->parent)
        return MI_RESULT_OK;
    return walk_link(c->w, "Parent", "Child", &o);
}

/* The links of src through association q->cls. NOT_SUPPORTED for the associations
 * left to the engine. */
static MI_Result walk(lx_walk *w, const lx_obj *src)
{
    lx_req *q = w->q;
    mi_linux_stat st;
    MI_Result r;

    if (strcasecmp(q->cls, "Linux_OSProcess") == 0) {
        lx_obj os = {LX_OS, 0};
        if (src->kind == LX_OS)
            return mi_linux_process_each(walk_os_part, w);
        if (mi_linux_process_exists(src->pid) != MI_RESULT_OK)
            return MI_RESULT_OK;
        return walk_link(w, "PartComponent", "GroupComponent", &os);
    }
    if (strcasecmp(q->cls, "Linux_ParentChildProcess") == 0) {
        lx_children c = {w, src->pid};
        if (src->kind != LX_PROC)
            return MI_RESULT_OK;
        r = mi_linux_process_stat(src->pid, &st);
        if (r != MI_RESULT_OK || mi_linux_process_exists(src->pid) != MI_RESULT_OK)
            return MI_RESULT_OK; /* no such process: no links */
        if (st.ppid > 0) {
            lx_obj parent = {LX_PROC, st.ppid};
            r = walk_link(w, "Child", "Parent", &parent);
            if (r != MI_RESULT_OK)
                return r;
        }
        return mi_linux_process_each(walk_child, &c);
    }
    return MI_RESULT_NOT_SUPPORTED;
}

/* Runs a traversal from instanceName; posts the terminal result. */
static void walk_request(lx_walk *w, const MI_Instance *instanceName, const char *what)
{
    lx_req *q = w->q;
    lx_obj src;
    MI_Result r = MI_RESULT_OK;

    if (strcasecmp(q->cls, "Linux_OSProcess") != 0 &&
        strcasecmp(q->cls, "Linux_ParentChildProcess") != 0) {
        MI_Context_PostResult(q->ctx, MI_RESULT_NOT_SUPPORTED); /* engine filters */
        return;
    }
    if (instanceName == NULL || !source_obj(q, instanceName, &src))
        goto out; /* not an end of this association here: no results */
    if (!w->refs) {
        w->proc_cd = class_decl(q->m, q->ctx, q->ns, "Linux_UnixProcess", NULL);
        w->os_cd = class_decl(q->m, q->ctx, q->ns, MI_LINUX_OS_CLASS, NULL);
        if (w->result_class != NULL) {
            /* Both ends' classes must be known to filter by resultClass. */
            bool proc_ok, os_ok;
            if (w->proc_cd == NULL || w->os_cd == NULL) {
                MI_Context_PostResult(q->ctx, MI_RESULT_NOT_SUPPORTED);
                return;
            }
            proc_ok = decl_is_a(w->proc_cd, w->result_class);
            os_ok = decl_is_a(w->os_cd, w->result_class);
            if (!proc_ok && !os_ok)
                goto out;
            if (strcasecmp(q->cls, "Linux_OSProcess") == 0 &&
                ((src.kind == LX_OS && !proc_ok) || (src.kind == LX_PROC && !os_ok)))
                goto out;
            if (strcasecmp(q->cls, "Linux_ParentChildProcess") == 0 && !proc_ok)
                goto out;
        }
    } else {
        r = new_ref(q, kind_class(src.kind), &w->src_ref);
        if (r == MI_RESULT_OK)
            r = obj_fill(q, w->src_ref, &src, true);
        if (r != MI_RESULT_OK)
            goto out;
    }
    r = walk(w, &src);
out:
    if (w->src_ref != NULL)
        MI_Instance_Delete(w->src_ref);
    req_finish(q, r, what);
}

/* ---------------------------------------------------------------- the class table */

typedef struct lx_class {
    const char *name;
    MI_Result (*enumerate)(lx_req *q);
    MI_Result (*get)(lx_req *q, const MI_Instance *k); /* NULL: the engine matches keys */
} lx_class;

static const lx_class lx_classes[] = {
    {"Linux_ComputerSystem", cs_enum, cs_get},
    {"Linux_OperatingSystem", os_enum, os_get},
    {"Linux_UnixProcess", proc_enum, proc_get},
    {"Linux_Processor", cpu_enum, cpu_get},
    {"Linux_Memory", mem_enum, mem_get},
    {"Linux_RunningOS", running_os_enum, NULL},
    {"Linux_OSProcess", os_process_enum, NULL},
    {"Linux_ParentChildProcess", parent_child_enum, NULL},
    {"Linux_SystemDevice", sysdev_enum, NULL},
};

static const lx_class *find_class(const char *name)
{
    for (size_t i = 0; name != NULL && i < sizeof lx_classes / sizeof lx_classes[0]; i++)
        if (strcasecmp(lx_classes[i].name, name) == 0)
            return &lx_classes[i];
    return NULL;
}

#ifdef MI_HAVE_LINUX_FSNET
/* The fs/net provider serving className, or NULL. */
static const MI_ProviderFT *fsnet_ft(const char *className)
{
    const MI_ProviderFT *ft = mi_linux_fs_provider_ft(className);

    return ft != NULL ? ft : mi_linux_net_provider_ft(className);
}
#endif

/* Prepares q for a request on className; OK, INVALID_CLASS or FAILED (host facts). */
static MI_Result req_init(lx_req *q, lx_module *m, MI_Context *ctx, const char *ns,
                          const char *className, const MI_Instance *hint)
{
    memset(q, 0, sizeof *q);
    q->m = m;
    q->ctx = ctx;
    q->ns = ns;
    q->cls = className;
    if (className == NULL)
        return MI_RESULT_INVALID_CLASS;
    q->cd = class_decl(m, ctx, ns, className, hint);
    return mi_linux_sys_init(&q->sys, m->system_name);
}

/* ---------------------------------------------------------------- MI_ProviderFT */

static void MI_CALL lx_load(void **self, MI_Module_Self *selfModule, MI_Context *context)
{
    *self = selfModule;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL lx_unload(void *self, MI_Context *context)
{
    (void)self;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL lx_enumerate(void *self, MI_Context *context, const MI_Char *nameSpace,
                                 const MI_Char *className, const MI_PropertySet *propertySet,
                                 MI_Boolean keysOnly, const MI_Filter *filter)
{
    lx_module *m = self;
    const lx_class *c = find_class(className);
    lx_req q;
    MI_Result r;

#ifdef MI_HAVE_LINUX_FSNET
    const MI_ProviderFT *ft = c == NULL ? fsnet_ft(className) : NULL;
    if (ft != NULL && ft->EnumerateInstances != NULL) {
        (void)class_decl(m, context, nameSpace, className, NULL); /* for env.class_decl */
        ft->EnumerateInstances(&m->env, context, nameSpace, className, propertySet, keysOnly,
                               filter);
        return;
    }
#endif
    r = req_init(&q, m, context, nameSpace, className, NULL);
    if (r == MI_RESULT_OK && c == NULL)
        r = MI_RESULT_INVALID_CLASS;
    q.keys_only = keysOnly != MI_FALSE;
    if (r == MI_RESULT_OK)
        r = c->enumerate(&q);
    req_finish(&q, r, "EnumerateInstances");
}

static void MI_CALL lx_get(void *self, MI_Context *context, const MI_Char *nameSpace,
                           const MI_Char *className, const MI_Instance *instanceName,
                           const MI_PropertySet *propertySet)
{
    lx_module *m = self;
    const lx_class *c = find_class(className);
    lx_req q;
    MI_Result r;

#ifdef MI_HAVE_LINUX_FSNET
    const MI_ProviderFT *ft = c == NULL ? fsnet_ft(className) : NULL;
    if (ft != NULL && ft->GetInstance != NULL) {
        (void)class_decl(m, context, nameSpace, className, NULL);
        ft->GetInstance(&m->env, context, nameSpace, className, instanceName, propertySet);
        return;
    }
#endif
    r = req_init(&q, m, context, nameSpace, className, instanceName);
    if (r == MI_RESULT_OK && c == NULL)
        r = MI_RESULT_INVALID_CLASS;
    if (r == MI_RESULT_OK && c->get == NULL) {
        MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED); /* engine matches keys */
        return;
    }
    if (r == MI_RESULT_OK)
        r = c->get(&q, instanceName);
    req_finish(&q, r, "GetInstance");
}

/* Linux_UnixProcess.SendSignal(Signal): posts the output parameters with MIReturn 0,
 * or fails with mi_linux_process_signal's result. */
static MI_Result send_signal(lx_req *q, const MI_Instance *instanceName,
                             const MI_Instance *in)
{
    pid_t pid;
    MI_Value v;
    MI_Type t = MI_BOOLEAN;
    MI_Uint32 f = 0;
    MI_Instance *out = NULL;
    const MI_MethodDecl *md = NULL;
    MI_Result r;

    if (!proc_key(q, instanceName, &pid) || mi_linux_process_exists(pid) != MI_RESULT_OK)
        r = MI_RESULT_NOT_FOUND;
    else if (in == NULL || MI_Instance_GetElement(in, "Signal", &v, &t, &f, NULL) != MI_RESULT_OK ||
             (f & MI_FLAG_NULL) || t != MI_UINT32)
        r = MI_RESULT_INVALID_PARAMETER;
    else
        r = mi_linux_process_signal(pid, v.uint32);
    for (MI_Uint32 i = 0; r == MI_RESULT_OK && q->cd != NULL && i < q->cd->numMethods; i++)
        if (strcasecmp(q->cd->methods[i]->name, "SendSignal") == 0)
            md = q->cd->methods[i];
    if (r == MI_RESULT_OK)
        r = md != NULL ? MI_Context_NewParameters(q->ctx, md, &out)
                       : MI_Context_NewDynamicInstance(q->ctx, "SendSignal", MI_FLAG_METHOD, &out);
    v.uint32 = 0;
    if (r == MI_RESULT_OK)
        r = mi_linux_set(out, "MIReturn", &v, MI_UINT32, MI_FLAG_OUT);
    return post_filled(q, out, r);
}

static void MI_CALL lx_invoke(void *self, MI_Context *context, const MI_Char *nameSpace,
                              const MI_Char *className, const MI_Char *methodName,
                              const MI_Instance *instanceName,
                              const MI_Instance *inputParameters)
{
    lx_module *m = self;
    lx_req q;
    MI_Result r;

#ifdef MI_HAVE_LINUX_FSNET
    const MI_ProviderFT *ft = find_class(className) == NULL ? fsnet_ft(className) : NULL;
    if (ft != NULL && ft->Invoke != NULL) {
        ft->Invoke(&m->env, context, nameSpace, className, methodName, instanceName,
                   inputParameters);
        return;
    }
#endif
    r = req_init(&q, m, context, nameSpace, className, instanceName);
    if (r == MI_RESULT_OK && (strcasecmp(className, "Linux_UnixProcess") != 0 ||
                              methodName == NULL || strcasecmp(methodName, "SendSignal") != 0))
        r = MI_RESULT_METHOD_NOT_FOUND;
    if (r == MI_RESULT_OK && instanceName == NULL)
        r = MI_RESULT_INVALID_PARAMETER; /* not a static method */
    if (r == MI_RESULT_OK)
        r = send_signal(&q, instanceName, inputParameters);
    req_finish(&q, r, "SendSignal");
}

static void MI_CALL lx_associators(void *self, MI_Context *context, const MI_Char *nameSpace,
                                  const MI_Char *className, const MI_Instance *instanceName,
                                  const MI_Char *resultClass, const MI_Char *role,
                                  const MI_Char *resultRole, const MI_PropertySet *propertySet,
                                  MI_Boolean keysOnly, const MI_Filter *filter)
{
    lx_req q;
    lx_walk w;
    MI_Result r;

    (void)propertySet;
    (void)filter;
    if (className == NULL || find_class(className) == NULL) {
        MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
        return;
    }
    r = req_init(&q, self, context, nameSpace, className, NULL);
    if (r != MI_RESULT_OK) {
        req_finish(&q, r, "AssociatorInstances");
        return;
    }
    q.keys_only = keysOnly != MI_FALSE;
    memset(&w, 0, sizeof w);
    w.q = &q;
    w.role = role;
    w.result_role = resultRole;
    w.result_class = resultClass;
    walk_request(&w, instanceName, "AssociatorInstances");
}

static void MI_CALL lx_references(void *self, MI_Context *context, const MI_Char *nameSpace,
                                  const MI_Char *className, const MI_Instance *instanceName,
                                  const MI_Char *role, const MI_PropertySet *propertySet,
                                  MI_Boolean keysOnly, const MI_Filter *filter)
{
    lx_req q;
    lx_walk w;
    MI_Result r;

    (void)propertySet;
    (void)filter;
    if (className == NULL || find_class(className) == NULL) {
        MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
        return;
    }
    r = req_init(&q, self, context, nameSpace, className, NULL);
    if (r != MI_RESULT_OK) {
        req_finish(&q, r, "ReferenceInstances");
        return;
    }
    q.keys_only = keysOnly != MI_FALSE;
    memset(&w, 0, sizeof w);
    w.q = &q;
    w.refs = true;
    w.role = role;
    walk_request(&w, instanceName, "ReferenceInstances");
}

static const MI_ProviderFT lx_provider_ft = {
    .Load = lx_load,
    .Unload = lx_unload,
    .GetInstance = lx_get,
    .EnumerateInstances = lx_enumerate,
    .AssociatorInstances = lx_associators,
    .ReferenceInstances = lx_references,
    .Invoke = lx_invoke,
};

/* ---------------------------------------------------------------- MI_Module */

/* Each Load makes its own module state (one per engine that loads the module). */
static void MI_CALL lx_module_load(MI_Module_Self **self, MI_Context *context)
{
    lx_module *m = mi_calloc(1, sizeof *m);
    MI_Server *server = lx_server;
    const MI_Char *name = NULL;

    *self = NULL;
    if (m == NULL) {
        MI_Context_PostResult(context, MI_RESULT_SERVER_LIMITS_EXCEEDED);
        return;
    }
    pthread_mutex_init(&m->mu, NULL);
    m->server = server;
    if (server != NULL && server->serverFT != NULL &&
        server->serverFT->GetSystemName(&name) == MI_RESULT_OK && name != NULL &&
        strlen(name) < sizeof m->system_name)
        strcpy(m->system_name, name);
#ifdef MI_HAVE_LINUX_FSNET
    m->env.system_class = MI_LINUX_CS_CLASS;
    m->env.system_name = m->system_name[0] != '\0' ? m->system_name : NULL;
    m->env.class_decl = env_class_decl;
    m->env.ud = m;
#endif
    *self = (MI_Module_Self *)m;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL lx_module_unload(MI_Module_Self *self, MI_Context *context)
{
    lx_module *m = (lx_module *)self;

    if (m != NULL) {
        for (size_t i = 0; i < m->n_classes; i++)
            MI_Class_Delete(m->classes[i].cls);
        pthread_mutex_destroy(&m->mu);
        mi_free(m);
    }
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static MI_Module lx_module_def = {
    .version = MI_VERSION,
    .generatorVersion = MI_MAKE_VERSION(1, 0, 0),
    .flags = MI_MODULE_FLAG_STANDARD_QUALIFIERS | MI_MODULE_FLAG_DESCRIPTIONS,
    .charSize = sizeof(MI_Char),
    .schemaDecl = NULL,
    .Load = lx_module_load,
    .Unload = lx_module_unload,
    .dynamicProviderFT = &lx_provider_ft,
};

const char *const *mi_linux_module_classes(size_t *n)
{
    static const char *const names[] = {
        "Linux_ComputerSystem", "Linux_OperatingSystem", "Linux_UnixProcess",
        "Linux_Processor", "Linux_Memory", "Linux_RunningOS", "Linux_OSProcess",
        "Linux_ParentChildProcess", "Linux_SystemDevice",
#ifdef MI_HAVE_LINUX_FSNET
        "Linux_LocalFileSystem", "Linux_DiskDrive", "Linux_StorageExtent",
        "Linux_HostedFileSystem", "Linux_EthernetPort", "Linux_NetworkPort",
        "Linux_IPProtocolEndpoint", "Linux_PortImplementsEndpoint",
        "Linux_HostedIPProtocolEndpoint",
#endif
    };
    *n = sizeof names / sizeof names[0];
    return names;
}

const char *const *mi_linux_schema_candidates(size_t *n)
{
    static const char *const candidates[] = {
#ifdef MI_SCHEMA_DIR
        MI_SCHEMA_DIR "/libmi.mof",
#endif
#ifdef MI_SCHEMA_INSTALL_DIR
        MI_SCHEMA_INSTALL_DIR "/libmi.mof",
#endif
        NULL,
    };

    *n = sizeof candidates / sizeof candidates[0] - 1;
    return candidates;
}

const char *mi_linux_schema_file(void)
{
    size_t n = 0;
    const char *const *candidates = mi_linux_schema_candidates(&n);
    const char *env = getenv("MI_SCHEMA_FILE");

    if (env != NULL && env[0] != '\0')
        return env;
    for (size_t i = 0; i < n; i++)
        if (access(candidates[i], R_OK) == 0)
            return candidates[i];
    return NULL;
}

/* The module of the built-in Linux providers (MI_Main shape). Keeps server for
 * MI_ServerFT.GetSystemName at Module.Load. */
MI_Module *mi_linux_module_main(MI_Server *server)
{
    lx_server = server;
    return &lx_module_def;
}
