/* repo.c - the in-memory class repository: namespaces, qualifier declarations,
 * classes with subclass lists and REF roles, static instances by key string.
 *
 * Memory: the repository owns its namespaces, their maps and vectors and the key
 * strings of instances (all from mi_malloc), plus every adopted arena. Decls and
 * instances are borrowed from those arenas; names used as map keys are the decls' own
 * name strings, which live as long as the arenas.
 */
#include "repo/repo.h"

#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/map.h"
#include "base/str.h"
#include "base/vec.h"
#include "cim/cim.h"

/* Per-class bookkeeping. */
typedef struct class_info {
    const MI_ClassDecl *cd;
    mi_vec subclasses;                /* const MI_ClassDecl* */
    const MI_PropertyDecl **roles;    /* REF properties, mi_malloc'd */
    size_t nroles;
    mi_vec instances;                 /* const MI_Instance* of exactly this class */
} class_info;

/* Exact (case-sensitive) string map for instance key strings: the key values of an
 * instance path are case-sensitive, so the case-insensitive mi_map cannot be used. */
typedef struct key_slot {
    char *key;       /* mi_malloc'd, NULL = empty */
    uint32_t hash;
    MI_Instance *inst;
} key_slot;

typedef struct key_map {
    key_slot *slots;
    size_t mask;
    size_t count;
} key_map;

struct mi_ns {
    mi_repo *repo;       /* owner (for the transaction journal) */
    char *name;          /* normalised: '/' separated, no leading/trailing '/' */
    mi_map qual_map;     /* name -> const MI_QualifierDecl* */
    mi_vec quals;
    mi_map class_map;    /* name -> class_info* */
    mi_vec classes;      /* class_info* in order added */
    size_t assoc_count;
    key_map inst_map;    /* keystring -> MI_Instance* */
    mi_vec insts;        /* MI_Instance* in order added (owned) */
};

/* One recorded change of a transaction. */
typedef enum undo_kind { U_NS, U_ARENA, U_QUAL, U_CLASS, U_INST, U_UNKEYED } undo_kind;
typedef struct undo {
    undo_kind kind;
    mi_ns *ns;
    const void *what;
} undo;

struct mi_repo {
    mi_vec arenas;   /* mi_arena* */
    mi_vec nss;      /* mi_ns* in order created */
    mi_map ns_map;   /* normalised name -> mi_ns* (keys are ns->name) */
    bool in_tx;
    undo *journal;   /* mi_malloc'd, `njournal` used of `ajournal` */
    size_t njournal, ajournal;
};

/* ------------------------------------------------------------------ key map */

static uint32_t key_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}

static key_slot *key_find(const key_map *m, const char *key, uint32_t h)
{
    if (!m->slots)
        return NULL;
    for (size_t i = h & m->mask;; i = (i + 1) & m->mask) {
        key_slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && strcmp(s->key, key) == 0))
            return s;
    }
}

static int key_grow(key_map *m)
{
    size_t n = m->slots ? (m->mask + 1) * 2 : 64;
    key_slot *slots = mi_calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; m->slots && i <= m->mask; i++) {
        if (!m->slots[i].key)
            continue;
        size_t j = m->slots[i].hash & (n - 1);
        while (slots[j].key)
            j = (j + 1) & (n - 1);
        slots[j] = m->slots[i];
    }
    mi_free(m->slots);
    m->slots = slots;
    m->mask = n - 1;
    return 0;
}

static void key_map_free(key_map *m)
{
    for (size_t i = 0; m->slots && i <= m->mask; i++)
        mi_free(m->slots[i].key);
    mi_free(m->slots);
    memset(m, 0, sizeof *m);
}

/* Removes slot i of a key map by backward-shift deletion (no allocation); the key
 * string is freed. */
static void key_remove_at(key_map *m, size_t i)
{
    mi_free(m->slots[i].key);
    for (size_t j = i;;) {
        j = (j + 1) & m->mask;
        if (!m->slots[j].key)
            break;
        size_t k = m->slots[j].hash & m->mask; /* where slot j's key wants to be */
        bool between = i <= j ? (i < k && k <= j) : (i < k || k <= j);
        if (!between) {
            m->slots[i] = m->slots[j];
            i = j;
        }
    }
    m->slots[i].key = NULL;
    m->count--;
}

/* Same for an mi_map (open addressing with linear probing, see base/map.h). */
static void map_remove(mi_map *m, const char *key)
{
    if (!m->slots)
        return;
    size_t len = strlen(key);
    uint32_t h = mi_name_hash(key, len);
    size_t i = h & m->mask;
    for (;; i = (i + 1) & m->mask) {
        if (!m->slots[i].key)
            return;
        if (m->slots[i].hash == h && mi_name_eqn(key, len, m->slots[i].key))
            break;
    }
    for (size_t j = i;;) {
        j = (j + 1) & m->mask;
        if (!m->slots[j].key)
            break;
        size_t k = m->slots[j].hash & m->mask;
        bool between = i <= j ? (i < k && k <= j) : (i < k || k <= j);
        if (!between) {
            m->slots[i] = m->slots[j];
            i = j;
        }
    }
    m->slots[i].key = NULL;
    m->count--;
}

/* ------------------------------------------------------------------ transactions */

/* Makes room for one journal entry (before a change is made). */
static bool journal_reserve(mi_repo *r)
{
    if (!r->in_tx || r->njournal < r->ajournal)
        return true;
    size_t n = r->ajournal ? r->ajournal * 2 : 64;
    undo *j = mi_realloc(r->journal, n * sizeof *j);
    if (!j)
        return false;
    r->journal = j;
    r->ajournal = n;
    return true;
}

/* Records a change already made; journal_reserve succeeded before it. */
static void journal_note(mi_repo *r, undo_kind kind, mi_ns *ns, const void *what)
{
    if (!r->in_tx)
        return;
    undo *u = &r->journal[r->njournal++];
    u->kind = kind;
    u->ns = ns;
    u->what = what;
}

MI_Result mi_repo_begin(mi_repo *r)
{
    if (!r)
        return MI_RESULT_INVALID_PARAMETER;
    if (r->in_tx)
        return MI_RESULT_FAILED;
    r->in_tx = true;
    r->njournal = 0;
    return MI_RESULT_OK;
}

void mi_repo_commit(mi_repo *r)
{
    if (!r)
        return;
    r->in_tx = false;
    r->njournal = 0;
}

static void class_info_free(struct class_info *ci);
static void ns_free(mi_ns *ns);
static struct class_info *find_info(const mi_ns *ns, const char *name);

static void undo_one(mi_repo *r, const undo *u)
{
    mi_ns *ns = u->ns;
    switch (u->kind) {
    case U_NS:
        /* created in the transaction: everything in it was undone already */
        map_remove(&r->ns_map, ns->name);
        r->nss.len--;
        ns_free(ns);
        break;
    case U_ARENA:
        r->arenas.len--;
        mi_arena_free((mi_arena *)u->what);
        break;
    case U_QUAL: {
        const MI_QualifierDecl *qd = u->what;
        map_remove(&ns->qual_map, qd->name);
        ns->quals.len--;
        break;
    }
    case U_CLASS: {
        const MI_ClassDecl *cd = u->what;
        class_info *ci = find_info(ns, cd->name);
        if (cd->superClass) {
            class_info *super = find_info(ns, cd->superClass);
            if (super)
                super->subclasses.len--;
        }
        if (cd->flags & MI_FLAG_ASSOCIATION)
            ns->assoc_count--;
        map_remove(&ns->class_map, cd->name);
        ns->classes.len--;
        if (ci)
            class_info_free(ci);
        break;
    }
    case U_INST:
    case U_UNKEYED: {
        MI_Instance *inst = (MI_Instance *)u->what;
        class_info *ci = find_info(ns, inst->classDecl->name);
        if (ci)
            ci->instances.len--;
        ns->insts.len--;
        if (u->kind == U_INST) {
            for (size_t i = 0; ns->inst_map.slots && i <= ns->inst_map.mask; i++) {
                if (ns->inst_map.slots[i].key && ns->inst_map.slots[i].inst == inst) {
                    key_remove_at(&ns->inst_map, i);
                    break;
                }
            }
        }
        MI_Instance_Delete(inst);
        break;
    }
    }
}

void mi_repo_rollback(mi_repo *r)
{
    if (!r || !r->in_tx)
        return;
    while (r->njournal)
        undo_one(r, &r->journal[--r->njournal]);
    r->in_tx = false;
}

/* ------------------------------------------------------------------ repository */

MI_Result mi_repo_new(mi_repo **out)
{
    MI_Result rc = MI_RESULT_OK;
    mi_repo *r = mi_calloc(1, sizeof *r);
    if (!r) {
        rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out;
    }
    mi_map_init(&r->ns_map);
out:
    *out = r;
    return rc;
}

static void class_info_free(class_info *ci)
{
    mi_vec_free(&ci->subclasses);
    mi_vec_free(&ci->instances);
    mi_free(ci->roles);
    mi_free(ci);
}

static void ns_free(mi_ns *ns)
{
    for (size_t i = 0; i < ns->insts.len; i++)
        MI_Instance_Delete((MI_Instance *)ns->insts.items[i]);
    mi_vec_free(&ns->insts);
    key_map_free(&ns->inst_map);
    for (size_t i = 0; i < ns->classes.len; i++)
        class_info_free(ns->classes.items[i]);
    mi_vec_free(&ns->classes);
    mi_map_free(&ns->class_map);
    mi_vec_free(&ns->quals);
    mi_map_free(&ns->qual_map);
    mi_free(ns->name);
    mi_free(ns);
}

void mi_repo_free(mi_repo *r)
{
    if (!r)
        return;
    /* Instances first: they may live in the arenas freed below. */
    for (size_t i = 0; i < r->nss.len; i++)
        ns_free(r->nss.items[i]);
    mi_vec_free(&r->nss);
    mi_map_free(&r->ns_map);
    for (size_t i = 0; i < r->arenas.len; i++)
        mi_arena_free(r->arenas.items[i]);
    mi_vec_free(&r->arenas);
    mi_free(r->journal);
    mi_free(r);
}

MI_Result mi_repo_adopt_arena(mi_repo *r, mi_arena *a)
{
    if (!r || !a)
        return MI_RESULT_INVALID_PARAMETER;
    if (!journal_reserve(r) || mi_vec_push(&r->arenas, a)) {
        mi_arena_free(a);
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    }
    journal_note(r, U_ARENA, NULL, a);
    return MI_RESULT_OK;
}

/* ------------------------------------------------------------------ namespaces */

static bool ns_char_ok(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c >= 0x80;
}

/* Normalises a namespace name into out ('\' -> '/', outer '/' dropped). Returns
 * false for an empty name, an empty segment, a character other than an identifier
 * character or invalid UTF-8. */
static bool ns_normalize(const char *name, mi_buf *out)
{
    if (!name)
        return false;
    size_t n = strlen(name);
    size_t b = 0, e = n;
    while (b < e && (name[b] == '/' || name[b] == '\\'))
        b++;
    while (e > b && (name[e - 1] == '/' || name[e - 1] == '\\'))
        e--;
    if (b == e || !mi_utf8_valid(name + b, e - b, NULL))
        return false;
    bool seg_empty = true;
    for (size_t i = b; i < e; i++) {
        char c = name[i];
        if (c == '/' || c == '\\') {
            if (seg_empty)
                return false;
            seg_empty = true;
            c = '/';
        } else if (!ns_char_ok((unsigned char)c)) {
            return false;
        } else {
            seg_empty = false;
        }
        mi_buf_putc(out, c);
    }
    return !seg_empty && !mi_buf_failed(out);
}

MI_Result mi_repo_ns_normalize(const char *name, mi_buf *out)
{
    if (ns_normalize(name, out))
        return MI_RESULT_OK;
    return mi_buf_failed(out) ? MI_RESULT_SERVER_LIMITS_EXCEEDED : MI_RESULT_INVALID_NAMESPACE;
}

mi_ns *mi_repo_ns(const mi_repo *r, const char *name)
{
    mi_ns *ns = NULL;
    mi_buf b;
    mi_buf_init(&b, 4096);
    if (r && ns_normalize(name, &b))
        ns = mi_map_get(&r->ns_map, mi_buf_str(&b));
    mi_buf_free(&b);
    return ns;
}

MI_Result mi_repo_ns_add(mi_repo *r, const char *name, mi_ns **out)
{
    MI_Result rc = MI_RESULT_OK;
    mi_ns *ns = NULL;
    mi_buf b;
    mi_buf_init(&b, 4096);
    if (!r || !out) {
        rc = MI_RESULT_INVALID_PARAMETER;
        goto out_free_buf;
    }
    if (!ns_normalize(name, &b)) {
        rc = mi_buf_failed(&b) && !b.over_cap ? MI_RESULT_SERVER_LIMITS_EXCEEDED
                                              : MI_RESULT_INVALID_NAMESPACE;
        goto out_free_buf;
    }
    ns = mi_map_get(&r->ns_map, mi_buf_str(&b));
    if (ns)
        goto out_free_buf;
    ns = journal_reserve(r) ? mi_calloc(1, sizeof *ns) : NULL;
    if (!ns) {
        rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out_free_buf;
    }
    ns->repo = r;
    ns->name = mi_buf_take(&b);
    if (!ns->name || mi_vec_push(&r->nss, ns)) {
        rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out_free_ns;
    }
    if (mi_map_put(&r->ns_map, ns->name, ns, NULL) < 0) {
        r->nss.len--;
        rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out_free_ns;
    }
    journal_note(r, U_NS, ns, NULL);
    goto out_free_buf;

out_free_ns:
    mi_free(ns->name);
    mi_free(ns);
    ns = NULL;
out_free_buf:
    mi_buf_free(&b);
    if (out)
        *out = ns;
    return rc;
}

size_t mi_repo_ns_count(const mi_repo *r)
{
    return r ? r->nss.len : 0;
}

mi_ns *mi_repo_ns_at(const mi_repo *r, size_t i)
{
    return r && i < r->nss.len ? r->nss.items[i] : NULL;
}

const char *mi_ns_name(const mi_ns *ns)
{
    return ns->name;
}

/* ------------------------------------------------------------------ qualifiers */

const MI_QualifierDecl *mi_ns_qualifier(const mi_ns *ns, const char *name)
{
    return ns && name ? mi_map_get(&ns->qual_map, name) : NULL;
}

MI_Result mi_ns_add_qualifier(mi_ns *ns, const MI_QualifierDecl *qd)
{
    if (!ns || !qd || !qd->name)
        return MI_RESULT_INVALID_PARAMETER;
    if (mi_map_get(&ns->qual_map, qd->name))
        return MI_RESULT_ALREADY_EXISTS;
    if (!journal_reserve(ns->repo) || mi_vec_push(&ns->quals, (void *)qd))
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    if (mi_map_put(&ns->qual_map, qd->name, (void *)qd, NULL) < 0) {
        ns->quals.len--;
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    }
    journal_note(ns->repo, U_QUAL, ns, qd);
    return MI_RESULT_OK;
}

size_t mi_ns_qualifier_count(const mi_ns *ns)
{
    return ns ? ns->quals.len : 0;
}

const MI_QualifierDecl *mi_ns_qualifier_at(const mi_ns *ns, size_t i)
{
    return ns && i < ns->quals.len ? ns->quals.items[i] : NULL;
}

/* ------------------------------------------------------------------ classes */

static class_info *find_info(const mi_ns *ns, const char *name)
{
    return ns && name ? mi_map_get(&ns->class_map, name) : NULL;
}

const MI_ClassDecl *mi_ns_class(const mi_ns *ns, const char *name)
{
    class_info *ci = find_info(ns, name);
    return ci ? ci->cd : NULL;
}

MI_Result mi_ns_add_class(mi_ns *ns, const MI_ClassDecl *cd)
{
    MI_Result rc = MI_RESULT_OK;
    class_info *super = NULL;
    if (!ns || !cd || !cd->name || !mi_is_identifier(cd->name))
        return MI_RESULT_INVALID_PARAMETER;
    if (find_info(ns, cd->name))
        return MI_RESULT_ALREADY_EXISTS;
    if (cd->superClass) {
        super = find_info(ns, cd->superClass);
        if (!super || cd->superClassDecl != super->cd)
            return MI_RESULT_INVALID_SUPERCLASS;
    } else if (cd->superClassDecl) {
        return MI_RESULT_INVALID_SUPERCLASS;
    }

    class_info *ci = journal_reserve(ns->repo) ? mi_calloc(1, sizeof *ci) : NULL;
    if (!ci)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    ci->cd = cd;
    for (MI_Uint32 i = 0; i < cd->numProperties; i++) {
        if (cd->properties[i]->type == MI_REFERENCE)
            ci->nroles++;
    }
    if (ci->nroles) {
        ci->roles = mi_malloc(ci->nroles * sizeof *ci->roles);
        if (!ci->roles) {
            rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
            goto out_free_info;
        }
        size_t k = 0;
        for (MI_Uint32 i = 0; i < cd->numProperties; i++) {
            if (cd->properties[i]->type == MI_REFERENCE)
                ci->roles[k++] = cd->properties[i];
        }
    }
    if (mi_vec_push(&ns->classes, ci)) {
        rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out_free_info;
    }
    if (super && mi_vec_push(&super->subclasses, (void *)cd)) {
        rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out_pop_class;
    }
    if (mi_map_put(&ns->class_map, cd->name, ci, NULL) < 0) {
        rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out_pop_sub;
    }
    if (cd->flags & MI_FLAG_ASSOCIATION)
        ns->assoc_count++;
    journal_note(ns->repo, U_CLASS, ns, cd);
    return MI_RESULT_OK;

out_pop_sub:
    if (super)
        super->subclasses.len--;
out_pop_class:
    ns->classes.len--;
out_free_info:
    class_info_free(ci);
    return rc;
}

size_t mi_ns_class_count(const mi_ns *ns)
{
    return ns ? ns->classes.len : 0;
}

const MI_ClassDecl *mi_ns_class_at(const mi_ns *ns, size_t i)
{
    return ns && i < ns->classes.len ? ((class_info *)ns->classes.items[i])->cd : NULL;
}

/* The info of cd if cd is the decl stored in ns under its name. */
static class_info *info_of(const mi_ns *ns, const MI_ClassDecl *cd)
{
    class_info *ci = cd ? find_info(ns, cd->name) : NULL;
    return ci && ci->cd == cd ? ci : NULL;
}

const MI_ClassDecl *const *mi_ns_subclasses(const mi_ns *ns, const MI_ClassDecl *cd,
                                            size_t *n)
{
    class_info *ci = info_of(ns, cd);
    *n = ci ? ci->subclasses.len : 0;
    return ci ? (const MI_ClassDecl *const *)ci->subclasses.items : NULL;
}

/* Depth-first, parents before children. The depth is the inheritance depth. */
static bool walk(const mi_ns *ns, class_info *ci,
                 bool (*fn)(void *ctx, const MI_ClassDecl *cd), void *ctx)
{
    if (!fn(ctx, ci->cd))
        return false;
    for (size_t i = 0; i < ci->subclasses.len; i++) {
        class_info *sub = find_info(ns, ((const MI_ClassDecl *)ci->subclasses.items[i])->name);
        if (sub && !walk(ns, sub, fn, ctx))
            return false;
    }
    return true;
}

bool mi_ns_walk_subclasses(const mi_ns *ns, const MI_ClassDecl *cd,
                           bool (*fn)(void *ctx, const MI_ClassDecl *cd), void *ctx)
{
    class_info *ci = info_of(ns, cd);
    return ci ? walk(ns, ci, fn, ctx) : true;
}

size_t mi_ns_association_count(const mi_ns *ns)
{
    return ns ? ns->assoc_count : 0;
}

const MI_PropertyDecl *const *mi_ns_class_roles(const mi_ns *ns, const MI_ClassDecl *cd,
                                                size_t *n)
{
    class_info *ci = info_of(ns, cd);
    *n = ci ? ci->nroles : 0;
    return ci ? ci->roles : NULL;
}

/* ------------------------------------------------------------------ instances */

MI_Result mi_ns_add_instance(mi_ns *ns, MI_Instance *inst)
{
    MI_Result rc;
    mi_buf b;
    mi_buf_init(&b, 1u << 24);
    if (!ns || !inst || !inst->classDecl || !inst->classDecl->name) {
        rc = MI_RESULT_INVALID_PARAMETER;
        goto out_free_buf;
    }
    class_info *ci = find_info(ns, inst->classDecl->name);
    if (!ci) {
        rc = MI_RESULT_INVALID_CLASS;
        goto out_free_buf;
    }
    rc = mi_instance_keystring(inst, &b);
    if (rc != MI_RESULT_OK)
        goto out_free_buf;
    if (mi_buf_failed(&b)) {
        rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out_free_buf;
    }
    const char *key = mi_buf_str(&b);
    uint32_t h = key_hash(key);
    key_slot *s = key_find(&ns->inst_map, key, h);
    if (s && s->key) {
        rc = MI_RESULT_ALREADY_EXISTS;
        goto out_free_buf;
    }
    if (!ns->inst_map.slots || (ns->inst_map.count + 1) * 4 > (ns->inst_map.mask + 1) * 3) {
        if (key_grow(&ns->inst_map)) {
            rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
            goto out_free_buf;
        }
        s = key_find(&ns->inst_map, key, h);
    }
    if (!journal_reserve(ns->repo) || mi_vec_push(&ns->insts, inst)) {
        rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out_free_buf;
    }
    if (mi_vec_push(&ci->instances, inst)) {
        ns->insts.len--;
        rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out_free_buf;
    }
    s->key = mi_buf_take(&b);
    s->hash = h;
    s->inst = inst;
    ns->inst_map.count++;
    journal_note(ns->repo, U_INST, ns, inst);

out_free_buf:
    mi_buf_free(&b);
    return rc;
}

MI_Result mi_ns_add_unkeyed_instance(mi_ns *ns, MI_Instance *inst)
{
    if (!ns || !inst || !inst->classDecl || !inst->classDecl->name)
        return MI_RESULT_INVALID_PARAMETER;
    class_info *ci = find_info(ns, inst->classDecl->name);
    if (!ci)
        return MI_RESULT_INVALID_CLASS;
    if (!journal_reserve(ns->repo) || mi_vec_push(&ns->insts, inst))
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    if (mi_vec_push(&ci->instances, inst)) {
        ns->insts.len--;
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    }
    journal_note(ns->repo, U_UNKEYED, ns, inst);
    return MI_RESULT_OK;
}

const MI_Instance *mi_ns_instance(const mi_ns *ns, const char *keystring)
{
    if (!ns || !keystring)
        return NULL;
    key_slot *s = key_find(&ns->inst_map, keystring, key_hash(keystring));
    return s && s->key ? s->inst : NULL;
}

size_t mi_ns_instance_count(const mi_ns *ns)
{
    return ns ? ns->insts.len : 0;
}

const MI_Instance *const *mi_ns_instances_of(const mi_ns *ns, const MI_ClassDecl *cd,
                                             size_t *n)
{
    class_info *ci = cd ? find_info(ns, cd->name) : NULL;
    *n = ci ? ci->instances.len : 0;
    return ci ? (const MI_Instance *const *)ci->instances.items : NULL;
}
