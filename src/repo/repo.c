/* repo.c - the in-memory class repository: namespaces, qualifier declarations,
 * classes with subclass lists and REF roles, static instances by key string.
 *
 * Memory: the repository owns its namespaces, their maps and vectors and the key
 * strings of instances (all from mi_malloc), plus every adopted arena. Decls and
 * instances are borrowed from those arenas; names used as map keys are the decls' own
 * name strings, which live as long as the arenas.
 */
#include "repo/repo.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/map.h"
#include "base/str.h"
#include "base/vec.h"
#include "cim/cim.h"
#include "repo/repo_int.h"

/* ------------------------------------------------------------------ errors */

static _Thread_local char last_error[1024];

MI_Result repo_fail(MI_Result rc, const char *fmt, ...)
{
    char msg[sizeof last_error]; /* the arguments may include last_error itself */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    memcpy(last_error, msg, sizeof msg);
    return rc;
}

const char *mi_repo_last_error(void)
{
    return last_error;
}

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

/* Inserts item at index i of v, which has room for it (alloc > len). */
static void vec_insert_at(mi_vec *v, size_t i, void *item)
{
    memmove(&v->items[i + 1], &v->items[i], (v->len - i) * sizeof *v->items);
    v->items[i] = item;
    v->len++;
}

/* Removes index i of v (no allocation). */
static void vec_remove_at(mi_vec *v, size_t i)
{
    memmove(&v->items[i], &v->items[i + 1], (v->len - i - 1) * sizeof *v->items);
    v->len--;
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
    memset(u, 0, sizeof *u);
    u->kind = kind;
    u->ns = ns;
    u->what = what;
}

MI_Result mi_repo_begin(mi_repo *r)
{
    if (!r)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no repository");
    if (r->in_tx)
        return repo_fail(MI_RESULT_FAILED, "a repository transaction is already open");
    if (r->file) {
        MI_Result rc = repo_file_tx_begin(r);
        if (rc != MI_RESULT_OK)
            return rc;
    }
    r->in_tx = true;
    r->njournal = 0;
    return MI_RESULT_OK;
}

bool mi_repo_in_transaction(const mi_repo *r)
{
    return r && r->in_tx;
}

static void rollback_memory(mi_repo *r);
static void class_info_free(struct class_info *ci);

MI_Result mi_repo_commit(mi_repo *r)
{
    MI_Result rc = MI_RESULT_OK;
    if (!r || !r->in_tx)
        return MI_RESULT_OK;
    if (r->file) {
        rc = repo_file_tx_commit(r); /* on failure the file is rolled back */
        if (rc != MI_RESULT_OK) {
            rollback_memory(r);
            return rc;
        }
    }
    /* removed classes are gone for good: their bookkeeping can go */
    for (size_t i = 0; i < r->njournal; i++) {
        if (r->journal[i].kind == U_CLASS_DEL)
            class_info_free((class_info *)r->journal[i].what);
    }
    r->in_tx = false;
    r->njournal = 0;
    return rc;
}

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
    case U_CLASS_DEL: {
        /* capacities are unchanged since the removal: re-inserting cannot allocate */
        class_info *ci = (class_info *)u->what;
        const MI_ClassDecl *cd = ci->cd;
        vec_insert_at(&ns->classes, u->i1, ci);
        if (cd->superClass) {
            class_info *super = find_info(ns, cd->superClass);
            if (super)
                vec_insert_at(&super->subclasses, u->i2, (void *)cd);
        }
        (void)mi_map_put(&ns->class_map, cd->name, ci, NULL);
        if (cd->flags & MI_FLAG_ASSOCIATION)
            ns->assoc_count++;
        break;
    }
    case U_QUAL_REPL: {
        const MI_QualifierDecl *qd = u->old;
        ns->quals.items[u->i1] = (void *)qd;
        map_remove(&ns->qual_map, qd->name);
        (void)mi_map_put(&ns->qual_map, qd->name, (void *)qd, NULL);
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

static void rollback_memory(mi_repo *r)
{
    while (r->njournal)
        undo_one(r, &r->journal[--r->njournal]);
    r->in_tx = false;
}

void mi_repo_rollback(mi_repo *r)
{
    if (!r || !r->in_tx)
        return;
    if (r->file)
        repo_file_tx_rollback(r);
    rollback_memory(r);
}

/* Undoes the last recorded change (a step whose file part failed). */
static void undo_last(mi_repo *r)
{
    if (r->in_tx && r->njournal)
        undo_one(r, &r->journal[--r->njournal]);
}

/* A schema change of a file repository runs in the repository transaction: the
 * caller's, or one of its own (own_tx). */
static MI_Result schema_begin(mi_repo *r, bool *own_tx)
{
    *own_tx = false;
    if (!r->file || r->in_tx)
        return MI_RESULT_OK;
    MI_Result rc = mi_repo_begin(r);
    *own_tx = rc == MI_RESULT_OK;
    return rc;
}

static MI_Result schema_end(mi_repo *r, bool own_tx, MI_Result rc)
{
    if (!own_tx)
        return rc;
    if (rc == MI_RESULT_OK)
        return mi_repo_commit(r);
    mi_repo_rollback(r);
    return rc;
}

/* ------------------------------------------------------------------ repository */

MI_Result mi_repo_new(mi_repo **out)
{
    MI_Result rc = MI_RESULT_OK;
    mi_repo *r = mi_calloc(1, sizeof *r);
    if (!r) {
        rc = repo_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        goto out;
    }
    mi_map_init(&r->ns_map);
    if (pthread_rwlock_init(&r->mem_lock, NULL) != 0) {
        mi_free(r);
        r = NULL;
        rc = repo_fail(MI_RESULT_FAILED, "cannot create the repository lock");
    }
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
    if (r->in_tx)
        mi_repo_rollback(r);
    if (r->file)
        repo_file_close(r);
    for (size_t i = 0; i < r->provs.len; i++) {
        repo_prov *p = r->provs.items[i];
        mi_free(p->cls);
        mi_free(p->module);
        mi_free(p);
    }
    mi_vec_free(&r->provs);
    pthread_rwlock_destroy(&r->mem_lock);
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

/* Finds or creates (journaled) a namespace; *created tells which. */
static MI_Result ns_add(mi_repo *r, const char *name, int64_t id, mi_ns **out,
                        bool *created)
{
    MI_Result rc = MI_RESULT_OK;
    mi_ns *ns = NULL;
    mi_buf b;
    mi_buf_init(&b, 4096);
    *created = false;
    if (!r || !out) {
        rc = repo_fail(MI_RESULT_INVALID_PARAMETER, "no repository or no result pointer");
        goto out_free_buf;
    }
    if (!ns_normalize(name, &b)) {
        rc = mi_buf_failed(&b) && !b.over_cap
                 ? repo_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory")
                 : repo_fail(MI_RESULT_INVALID_NAMESPACE, "invalid namespace name \"%.200s\"",
                             name ? name : "(null)");
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
    ns->id = id;
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
    *created = true;
    goto out_free_buf;

out_free_ns:
    mi_free(ns->name);
    mi_free(ns);
    ns = NULL;
out_free_buf:
    mi_buf_free(&b);
    if (out)
        *out = ns;
    if (rc == MI_RESULT_SERVER_LIMITS_EXCEEDED)
        repo_fail(rc, "out of memory");
    return rc;
}

MI_Result repo_mem_ns_add(mi_repo *r, const char *name, int64_t id, mi_ns **out)
{
    bool created;
    return ns_add(r, name, id, out, &created);
}

MI_Result mi_repo_ns_add(mi_repo *r, const char *name, mi_ns **out)
{
    bool own_tx, created;
    mi_ns *ns = r ? mi_repo_ns(r, name) : NULL;
    MI_Result rc = MI_RESULT_OK;
    if (ns)
        goto out;
    if (!r) {
        rc = repo_fail(MI_RESULT_INVALID_PARAMETER, "no repository");
        goto out;
    }
    rc = schema_begin(r, &own_tx);
    if (rc != MI_RESULT_OK)
        goto out;
    rc = ns_add(r, name, 0, &ns, &created);
    if (rc == MI_RESULT_OK && created && r->file) {
        rc = repo_file_add_ns(r, ns);
        if (rc != MI_RESULT_OK)
            undo_last(r);
    }
    rc = schema_end(r, own_tx, rc);
    if (rc != MI_RESULT_OK)
        ns = NULL;
out:
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

MI_Result repo_mem_add_qualifier(mi_ns *ns, const MI_QualifierDecl *qd)
{
    if (!ns || !qd || !qd->name)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no namespace or qualifier");
    if (mi_map_get(&ns->qual_map, qd->name))
        return repo_fail(MI_RESULT_ALREADY_EXISTS, "qualifier %s is already declared in %s",
                         qd->name, ns->name);
    if (!journal_reserve(ns->repo) || mi_vec_push(&ns->quals, (void *)qd))
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    if (mi_map_put(&ns->qual_map, qd->name, (void *)qd, NULL) < 0) {
        ns->quals.len--;
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    }
    journal_note(ns->repo, U_QUAL, ns, qd);
    return MI_RESULT_OK;
}

MI_Result mi_ns_add_qualifier(mi_ns *ns, const MI_QualifierDecl *qd)
{
    bool own_tx;
    if (!ns)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no namespace");
    MI_Result rc = schema_begin(ns->repo, &own_tx);
    if (rc != MI_RESULT_OK)
        return rc;
    rc = repo_mem_add_qualifier(ns, qd);
    if (rc == MI_RESULT_OK && ns->repo->file) {
        rc = repo_file_add_qualifier(ns, qd);
        if (rc != MI_RESULT_OK)
            undo_last(ns->repo);
    }
    return schema_end(ns->repo, own_tx, rc);
}

MI_Result mi_ns_replace_qualifier(mi_ns *ns, const MI_QualifierDecl *qd)
{
    bool own_tx;
    if (!ns || !qd || !qd->name)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no namespace or qualifier");
    const MI_QualifierDecl *old = mi_map_get(&ns->qual_map, qd->name);
    size_t i = 0;
    while (old && i < ns->quals.len && ns->quals.items[i] != old)
        i++;
    if (!old || i == ns->quals.len)
        return repo_fail(MI_RESULT_NOT_FOUND, "qualifier %s is not declared in %s", qd->name,
                         ns->name);
    MI_Result rc = schema_begin(ns->repo, &own_tx);
    if (rc != MI_RESULT_OK)
        return rc;
    if (!journal_reserve(ns->repo)) {
        rc = repo_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        goto out;
    }
    /* same key count: the map cannot grow */
    map_remove(&ns->qual_map, old->name);
    (void)mi_map_put(&ns->qual_map, qd->name, (void *)qd, NULL);
    ns->quals.items[i] = (void *)qd;
    journal_note(ns->repo, U_QUAL_REPL, ns, qd);
    if (ns->repo->in_tx) {
        ns->repo->journal[ns->repo->njournal - 1].old = old;
        ns->repo->journal[ns->repo->njournal - 1].i1 = i;
    }
    if (ns->repo->file) {
        rc = repo_file_replace_qualifier(ns, qd); /* always inside a transaction */
        if (rc != MI_RESULT_OK)
            undo_last(ns->repo);
    }
out:
    return schema_end(ns->repo, own_tx, rc);
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

MI_Result repo_mem_add_class(mi_ns *ns, const MI_ClassDecl *cd)
{
    MI_Result rc = MI_RESULT_OK;
    class_info *super = NULL;
    if (!ns || !cd || !cd->name || !mi_is_identifier(cd->name))
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no namespace or invalid class name");
    if (find_info(ns, cd->name))
        return repo_fail(MI_RESULT_ALREADY_EXISTS, "class %s already exists in %s", cd->name,
                         ns->name);
    if (cd->superClass) {
        super = find_info(ns, cd->superClass);
        if (!super || cd->superClassDecl != super->cd)
            return repo_fail(MI_RESULT_INVALID_SUPERCLASS,
                             "superclass %s of %s is not the one in %s", cd->superClass,
                             cd->name, ns->name);
    } else if (cd->superClassDecl) {
        return repo_fail(MI_RESULT_INVALID_SUPERCLASS, "class %s has a superclass decl but "
                         "no superclass name", cd->name);
    }

    class_info *ci = journal_reserve(ns->repo) ? mi_calloc(1, sizeof *ci) : NULL;
    if (!ci)
        return repo_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory adding class %s",
                         cd->name);
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
    return repo_fail(rc, "out of memory adding class %s", cd->name);
}

MI_Result mi_ns_add_class(mi_ns *ns, const MI_ClassDecl *cd)
{
    bool own_tx;
    if (!ns)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no namespace");
    MI_Result rc = schema_begin(ns->repo, &own_tx);
    if (rc != MI_RESULT_OK)
        return rc;
    rc = repo_mem_add_class(ns, cd);
    if (rc == MI_RESULT_OK && ns->repo->file) {
        rc = repo_file_add_class(ns, cd);
        if (rc != MI_RESULT_OK)
            undo_last(ns->repo);
    }
    return schema_end(ns->repo, own_tx, rc);
}

MI_Result mi_ns_remove_class(mi_ns *ns, const MI_ClassDecl *cd)
{
    bool own_tx;
    if (!ns || !cd || !cd->name)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no namespace or class");
    class_info *ci = find_info(ns, cd->name);
    if (!ci || ci->cd != cd)
        return repo_fail(MI_RESULT_NOT_FOUND, "class %s is not a class of %s", cd->name,
                         ns->name);
    if (ci->subclasses.len)
        return repo_fail(MI_RESULT_FAILED, "class %s of %s has subclasses (%s ...)", cd->name,
                         ns->name, ((const MI_ClassDecl *)ci->subclasses.items[0])->name);
    uint64_t n = 0;
    MI_Result rc = mi_ns_count_instances(ns, cd, &n);
    if (rc != MI_RESULT_OK)
        return rc;
    if (n || ci->instances.len)
        return repo_fail(MI_RESULT_FAILED, "class %s of %s has %llu stored instances",
                         cd->name, ns->name, (unsigned long long)n);
    rc = schema_begin(ns->repo, &own_tx);
    if (rc != MI_RESULT_OK)
        return rc;
    if (!ns->repo->in_tx) {
        rc = repo_fail(MI_RESULT_NOT_SUPPORTED, "removing a class of an in-memory repository "
                       "needs a transaction (mi_repo_begin)");
        goto out;
    }
    if (!journal_reserve(ns->repo)) {
        rc = repo_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        goto out;
    }
    size_t i1 = 0, i2 = 0;
    while (i1 < ns->classes.len && ns->classes.items[i1] != ci)
        i1++;
    class_info *super = cd->superClass ? find_info(ns, cd->superClass) : NULL;
    while (super && i2 < super->subclasses.len && super->subclasses.items[i2] != cd)
        i2++;
    if (i1 == ns->classes.len || (super && i2 == super->subclasses.len)) {
        rc = repo_fail(MI_RESULT_FAILED, "class %s of %s: inconsistent class lists", cd->name,
                       ns->name);
        goto out;
    }
    vec_remove_at(&ns->classes, i1);
    if (super)
        vec_remove_at(&super->subclasses, i2);
    map_remove(&ns->class_map, cd->name);
    if (cd->flags & MI_FLAG_ASSOCIATION)
        ns->assoc_count--;
    journal_note(ns->repo, U_CLASS_DEL, ns, ci);
    ns->repo->journal[ns->repo->njournal - 1].i1 = i1;
    ns->repo->journal[ns->repo->njournal - 1].i2 = i2;
    if (ns->repo->file) {
        rc = repo_file_del_class(ns, cd->name);
        if (rc != MI_RESULT_OK)
            undo_last(ns->repo);
    }
out:
    return schema_end(ns->repo, own_tx, rc);
}

int mi_repo_class_equal(const MI_ClassDecl *a, const MI_ClassDecl *b)
{
    int r = -1;
    mi_buf x, y;
    mi_buf_init(&x, (size_t)1 << 28);
    mi_buf_init(&y, (size_t)1 << 28);
    if (mi_repo_encode_class(&x, a, NULL) < 0 || mi_repo_encode_class(&y, b, NULL) < 0)
        goto out_free;
    r = x.len == y.len && memcmp(x.data, y.data, x.len) == 0;
out_free:
    mi_buf_free(&y);
    mi_buf_free(&x);
    return r;
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

static MI_Result mem_add_instance(mi_ns *ns, MI_Instance *inst)
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

static MI_Result mem_add_unkeyed(mi_ns *ns, MI_Instance *inst)
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


/* ---- shared by both kinds of repository */

const MI_ClassDecl *repo_ns_lookup(void *ctx, const char *name)
{
    return mi_ns_class(ctx, name);
}

MI_Result repo_rebind(mi_ns *ns, const MI_Instance *inst, mi_arena *a, mi_buf *blob,
                      mi_buf *keys, MI_Instance **out)
{
    MI_Result rc = MI_RESULT_OK;
    mi_buf err;
    mi_buf_init(&err, 1024);
    mi_buf_reset(blob);
    *out = NULL;
    if (!ns || !inst || !inst->classDecl || !inst->classDecl->name) {
        rc = repo_fail(MI_RESULT_INVALID_PARAMETER, "no namespace or instance");
        goto out_free_err;
    }
    if (!mi_ns_class(ns, inst->classDecl->name)) {
        rc = repo_fail(MI_RESULT_INVALID_CLASS, "class %s is not in namespace %s",
                       inst->classDecl->name, ns->name);
        goto out_free_err;
    }
    if (mi_repo_encode_instance(blob, inst, &err) < 0) {
        rc = repo_fail(mi_buf_failed(blob) ? MI_RESULT_SERVER_LIMITS_EXCEEDED
                                           : MI_RESULT_INVALID_PARAMETER,
                       "cannot store the instance of %s: %s", inst->classDecl->name,
                       mi_buf_str(&err));
        goto out_free_err;
    }
    rc = mi_repo_decode_instance(a, (const unsigned char *)blob->data, blob->len,
                                 repo_ns_lookup, ns, ns->name, out, &err);
    if (rc != MI_RESULT_OK) {
        rc = repo_fail(rc == MI_RESULT_SERVER_LIMITS_EXCEEDED ? rc
                                                              : MI_RESULT_INVALID_PARAMETER,
                       "the instance of %s does not fit its class in %s: %s",
                       inst->classDecl->name, ns->name, mi_buf_str(&err));
        goto out_free_err;
    }
    if (keys) {
        mi_buf_reset(keys);
        rc = mi_instance_keystring(*out, keys);
        if (rc == MI_RESULT_OK && mi_buf_failed(keys))
            rc = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        if (rc != MI_RESULT_OK) {
            rc = repo_fail(rc, "the instance of %s has no key string: %s",
                           inst->classDecl->name, mi_cim_last_error());
            *out = NULL;
        }
    }
out_free_err:
    mi_buf_free(&err);
    return rc;
}

MI_Result repo_target_keys(mi_ns *ns, const MI_Instance *ref, mi_arena *a, mi_buf *buf,
                           const char **keys_out, const char **cls)
{
    mi_path p;
    mi_buf_reset(buf);
    MI_Result rc = mi_path_from_instance(a, ref, &p);
    if (rc != MI_RESULT_OK)
        return repo_fail(rc, "cannot make the path of an instance of %s: %s",
                         ref->classDecl && ref->classDecl->name ? ref->classDecl->name : "?",
                         mi_cim_last_error());
    const MI_ClassDecl *cd = mi_ns_class(ns, p.cls);
    if (cd) {
        mi_path q = p;
        if (mi_path_normalize(a, &q, cd, NULL) == MI_RESULT_OK)
            p = q;
    }
    p.host = NULL;
    p.ns = NULL;
    if (mi_path_format(&p, buf) < 0 || mi_buf_failed(buf))
        return repo_fail(mi_buf_failed(buf) ? MI_RESULT_SERVER_LIMITS_EXCEEDED
                                            : MI_RESULT_INVALID_PARAMETER,
                         "cannot format the path of an instance of %s: %s", p.cls,
                         mi_cim_last_error());
    size_t cl = strlen(p.cls);
    if (buf->len < cl)
        return repo_fail(MI_RESULT_FAILED, "unexpected path text for class %s", p.cls);
    *keys_out = buf->data + cl;
    *cls = cd ? cd->name : p.cls;
    return MI_RESULT_OK;
}

bool repo_classes_related(const mi_ns *ns, const char *x, const char *y)
{
    if (mi_name_eq(x, y))
        return true;
    const MI_ClassDecl *cx = mi_ns_class(ns, x), *cy = mi_ns_class(ns, y);
    if (!cx || !cy)
        return false;
    return mi_classdecl_is_a(cx, cy->name) || mi_classdecl_is_a(cy, cx->name);
}

/* ---- in-memory store */

static key_slot *mem_find(const mi_ns *ns, const char *keystring)
{
    key_slot *s = key_find(&ns->inst_map, keystring, key_hash(keystring));
    return s && s->key ? s : NULL;
}

/* Removes one pointer from a vector, keeping the order. */
static void vec_remove(mi_vec *v, const void *p)
{
    for (size_t i = 0; i < v->len; i++) {
        if (v->items[i] == p) {
            memmove(&v->items[i], &v->items[i + 1], (v->len - i - 1) * sizeof v->items[0]);
            v->len--;
            return;
        }
    }
}

/* A copy of inst bound to ns's decl, owning its arena; *keys gets its key string. */
static MI_Result mem_copy(mi_ns *ns, const MI_Instance *inst, bool keyed, mi_buf *keys,
                          MI_Instance **out)
{
    mi_arena a;
    mi_buf blob;
    MI_Instance *bound;
    mi_arena_init(&a, 0, 0);
    mi_buf_init(&blob, 0);
    *out = NULL;
    MI_Result rc = repo_rebind(ns, inst, &a, &blob, keyed ? keys : NULL, &bound);
    if (rc != MI_RESULT_OK)
        goto out_free;
    rc = MI_Instance_Clone(bound, out);
    if (rc != MI_RESULT_OK)
        rc = repo_fail(rc, "cannot copy the instance of %s: %s", inst->classDecl->name,
                       mi_cim_last_error());
out_free:
    mi_buf_free(&blob);
    mi_arena_destroy(&a);
    return rc;
}

static MI_Result mem_create(mi_ns *ns, const MI_Instance *inst, bool keyed)
{
    MI_Instance *copy;
    mi_buf keys;
    mi_buf_init(&keys, 1u << 24);
    MI_Result rc = mem_copy(ns, inst, keyed, &keys, &copy);
    if (rc != MI_RESULT_OK)
        goto out_free_keys;
    pthread_rwlock_wrlock(&ns->repo->mem_lock);
    if (keyed && mem_find(ns, mi_buf_str(&keys))) {
        rc = repo_fail(MI_RESULT_ALREADY_EXISTS, "an instance %.300s already exists in %s",
                       mi_buf_str(&keys), ns->name);
    } else {
        rc = keyed ? mem_add_instance(ns, copy) : mem_add_unkeyed(ns, copy);
        if (rc != MI_RESULT_OK)
            repo_fail(rc, "cannot add the instance of %s to %s", inst->classDecl->name,
                      ns->name);
    }
    pthread_rwlock_unlock(&ns->repo->mem_lock);
    if (rc != MI_RESULT_OK)
        MI_Instance_Delete(copy);
out_free_keys:
    mi_buf_free(&keys);
    return rc;
}

static MI_Result mem_modify(mi_ns *ns, const MI_Instance *inst)
{
    MI_Instance *copy;
    mi_buf keys;
    mi_buf_init(&keys, 1u << 24);
    MI_Result rc = mem_copy(ns, inst, true, &keys, &copy);
    if (rc != MI_RESULT_OK)
        goto out_free_keys;
    pthread_rwlock_wrlock(&ns->repo->mem_lock);
    key_slot *s = mem_find(ns, mi_buf_str(&keys));
    if (!s) {
        rc = repo_fail(MI_RESULT_NOT_FOUND, "no instance %.300s in %s", mi_buf_str(&keys),
                       ns->name);
    } else {
        MI_Instance *old = s->inst;
        class_info *oci = find_info(ns, old->classDecl->name);
        class_info *nci = find_info(ns, copy->classDecl->name);
        if (oci == nci) {
            for (size_t i = 0; i < oci->instances.len; i++) {
                if (oci->instances.items[i] == old)
                    oci->instances.items[i] = copy;
            }
        } else {
            rc = repo_fail(MI_RESULT_INVALID_PARAMETER,
                           "modify would change the class of %.300s", mi_buf_str(&keys));
        }
        if (rc == MI_RESULT_OK) {
            for (size_t i = 0; i < ns->insts.len; i++) {
                if (ns->insts.items[i] == old)
                    ns->insts.items[i] = copy;
            }
            s->inst = copy;
            MI_Instance_Delete(old);
        }
    }
    pthread_rwlock_unlock(&ns->repo->mem_lock);
    if (rc != MI_RESULT_OK)
        MI_Instance_Delete(copy);
out_free_keys:
    mi_buf_free(&keys);
    return rc;
}

static MI_Result mem_delete(mi_ns *ns, const char *keystring)
{
    MI_Result rc = MI_RESULT_OK;
    pthread_rwlock_wrlock(&ns->repo->mem_lock);
    key_slot *s = mem_find(ns, keystring);
    if (!s) {
        rc = repo_fail(MI_RESULT_NOT_FOUND, "no instance %.300s in %s", keystring, ns->name);
        goto out_unlock;
    }
    MI_Instance *old = s->inst;
    class_info *ci = find_info(ns, old->classDecl->name);
    if (ci)
        vec_remove(&ci->instances, old);
    vec_remove(&ns->insts, old);
    key_remove_at(&ns->inst_map, (size_t)(s - ns->inst_map.slots));
    MI_Instance_Delete(old);
out_unlock:
    pthread_rwlock_unlock(&ns->repo->mem_lock);
    return rc;
}

typedef struct mem_ref_query {
    mi_ns *ns;
    const char *keys;
    const char *cls;
    const char *role;
} mem_ref_query;

/* True if one of the REF properties of inst (named q->role, if given) points at the
 * target of q. */
static bool mem_ref_matches(const mem_ref_query *q, const class_info *ci,
                            const MI_Instance *inst, mi_arena *a, mi_buf *buf)
{
    for (size_t k = 0; k < ci->nroles; k++) {
        const MI_PropertyDecl *pd = ci->roles[k];
        MI_Value v;
        MI_Type t;
        MI_Uint32 flags = 0;
        const char *keys, *cls;
        if (q->role && !mi_name_eq(q->role, pd->name))
            continue;
        if (MI_Instance_GetElement(inst, pd->name, &v, &t, &flags, NULL) != MI_RESULT_OK ||
            (flags & MI_FLAG_NULL) || t != MI_REFERENCE || !v.reference)
            continue;
        if (repo_target_keys(q->ns, v.reference, a, buf, &keys, &cls) != MI_RESULT_OK)
            continue;
        if (strcmp(keys, q->keys) == 0 && repo_classes_related(q->ns, cls, q->cls))
            return true;
    }
    return false;
}

/* Linear: every instance of every association class (in memory, for tests and tools). */
static MI_Result mem_refs(mem_ref_query *q, const char *assoc_class, mi_instance_fn fn,
                          void *ctx)
{
    mi_arena a;
    mi_buf buf;
    mi_arena_init(&a, 0, 0);
    mi_buf_init(&buf, 1u << 24);
    pthread_rwlock_rdlock(&q->ns->repo->mem_lock);
    for (size_t i = 0; i < q->ns->classes.len; i++) {
        class_info *ci = q->ns->classes.items[i];
        if (!(ci->cd->flags & MI_FLAG_ASSOCIATION) || !ci->nroles ||
            (assoc_class && !mi_name_eq(assoc_class, ci->cd->name)))
            continue;
        for (size_t j = 0; j < ci->instances.len; j++) {
            const MI_Instance *inst = ci->instances.items[j];
            bool match = mem_ref_matches(q, ci, inst, &a, &buf);
            mi_arena_destroy(&a);
            if (match && !fn(ctx, inst))
                goto out_unlock;
        }
    }
out_unlock:
    pthread_rwlock_unlock(&q->ns->repo->mem_lock);
    mi_buf_free(&buf);
    mi_arena_destroy(&a);
    return MI_RESULT_OK;
}

/* ---- the instance API */

MI_Result mi_ns_get_instance(mi_ns *ns, const char *keystring, mi_arena *a,
                             MI_Instance **out)
{
    MI_Result rc = MI_RESULT_OK;
    if (!out)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no result pointer");
    *out = NULL;
    if (!ns || !keystring || !a)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no namespace, key string or arena");
    if (ns->repo->file)
        return repo_file_get(ns, keystring, a, out);
    pthread_rwlock_rdlock(&ns->repo->mem_lock);
    key_slot *s = mem_find(ns, keystring);
    if (!s) {
        rc = repo_fail(MI_RESULT_NOT_FOUND, "no instance %.300s in %s", keystring, ns->name);
    } else {
        MI_Value v;
        MI_Instance *src = s->inst;
        rc = mi_value_copy(a, MI_INSTANCE, &src, &v);
        if (rc == MI_RESULT_OK)
            *out = v.instance;
        else
            repo_fail(rc, "cannot copy the instance %.300s", keystring);
    }
    pthread_rwlock_unlock(&ns->repo->mem_lock);
    return rc;
}

MI_Result mi_ns_instance_exists(mi_ns *ns, const char *keystring)
{
    if (!ns || !keystring)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no namespace or key string");
    if (ns->repo->file)
        return repo_file_exists(ns, keystring);
    pthread_rwlock_rdlock(&ns->repo->mem_lock);
    bool found = mem_find(ns, keystring) != NULL;
    pthread_rwlock_unlock(&ns->repo->mem_lock);
    return found ? MI_RESULT_OK
                 : repo_fail(MI_RESULT_NOT_FOUND, "no instance %.300s in %s", keystring,
                             ns->name);
}

MI_Result mi_ns_each_instance(mi_ns *ns, const MI_ClassDecl *cd, mi_instance_fn fn,
                              void *ctx)
{
    if (!ns || !cd || !cd->name || !fn)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no namespace, class or callback");
    class_info *ci = find_info(ns, cd->name);
    if (!ci)
        return repo_fail(MI_RESULT_INVALID_CLASS, "class %s is not in namespace %s",
                         cd->name, ns->name);
    if (ns->repo->file)
        return repo_file_each(ns, ci->cd, fn, ctx);
    pthread_rwlock_rdlock(&ns->repo->mem_lock);
    for (size_t i = 0; i < ci->instances.len; i++) {
        if (!fn(ctx, ci->instances.items[i]))
            break;
    }
    pthread_rwlock_unlock(&ns->repo->mem_lock);
    return MI_RESULT_OK;
}

MI_Result mi_ns_each_reference(mi_ns *ns, const MI_Instance *target,
                               const char *assoc_class, const char *role,
                               mi_instance_fn fn, void *ctx)
{
    mi_arena a;
    mi_buf buf;
    const char *keys, *cls;
    if (!ns || !target || !fn)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no namespace, target or callback");
    mi_arena_init(&a, 0, 0);
    mi_buf_init(&buf, 1u << 24);
    MI_Result rc = repo_target_keys(ns, target, &a, &buf, &keys, &cls);
    if (rc != MI_RESULT_OK) {
        if (rc != MI_RESULT_SERVER_LIMITS_EXCEEDED)
            rc = MI_RESULT_INVALID_PARAMETER; /* the target has no path */
        goto out_free;
    }
    if (ns->repo->file) {
        rc = repo_file_refs(ns, keys, cls, assoc_class, role, fn, ctx);
    } else {
        mem_ref_query q = {ns, keys, cls, role};
        rc = mem_refs(&q, assoc_class, fn, ctx);
    }
out_free:
    mi_buf_free(&buf);
    mi_arena_destroy(&a);
    return rc;
}

/* Writes to an in-memory repository are not journaled by a transaction except adds. */
static MI_Result check_writable(mi_ns *ns, bool journaled)
{
    if (!ns)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no namespace");
    if (!ns->repo->file && ns->repo->in_tx && !journaled)
        return repo_fail(MI_RESULT_NOT_SUPPORTED, "modifying or deleting instances inside "
                         "a transaction of an in-memory repository is not supported");
    return MI_RESULT_OK;
}

MI_Result mi_ns_create_instance(mi_ns *ns, const MI_Instance *inst)
{
    MI_Result rc = check_writable(ns, true);
    if (rc != MI_RESULT_OK)
        return rc;
    if (ns->repo->file)
        return repo_file_put(ns, inst, true, false);
    return mem_create(ns, inst, true);
}

MI_Result mi_ns_modify_instance(mi_ns *ns, const MI_Instance *inst)
{
    MI_Result rc = check_writable(ns, false);
    if (rc != MI_RESULT_OK)
        return rc;
    if (ns->repo->file)
        return repo_file_put(ns, inst, true, true);
    return mem_modify(ns, inst);
}

MI_Result mi_ns_delete_instance(mi_ns *ns, const char *keystring)
{
    MI_Result rc = check_writable(ns, false);
    if (rc != MI_RESULT_OK)
        return rc;
    if (!keystring)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no key string");
    if (ns->repo->file)
        return repo_file_delete(ns, keystring);
    return mem_delete(ns, keystring);
}

MI_Result mi_ns_count_instances(mi_ns *ns, const MI_ClassDecl *cd, uint64_t *n)
{
    if (!ns || !n)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no namespace or result pointer");
    *n = 0;
    class_info *ci = NULL;
    if (cd) {
        ci = cd->name ? find_info(ns, cd->name) : NULL;
        if (!ci)
            return repo_fail(MI_RESULT_INVALID_CLASS, "class %s is not in namespace %s",
                             cd->name ? cd->name : "(null)", ns->name);
    }
    if (ns->repo->file)
        return repo_file_count(ns, ci ? ci->cd : NULL, n);
    pthread_rwlock_rdlock(&ns->repo->mem_lock);
    *n = ci ? ci->instances.len : ns->insts.len;
    pthread_rwlock_unlock(&ns->repo->mem_lock);
    return MI_RESULT_OK;
}

MI_Result mi_ns_add_instance(mi_ns *ns, MI_Instance *inst)
{
    if (!ns)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no namespace");
    if (!ns->repo->file)
        return mem_add_instance(ns, inst);
    MI_Result rc = repo_file_put(ns, inst, true, false);
    if (rc == MI_RESULT_OK)
        MI_Instance_Delete(inst);
    return rc;
}

MI_Result mi_ns_add_unkeyed_instance(mi_ns *ns, MI_Instance *inst)
{
    if (!ns)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no namespace");
    if (!ns->repo->file)
        return mem_add_unkeyed(ns, inst);
    MI_Result rc = repo_file_put(ns, inst, false, false);
    if (rc == MI_RESULT_OK)
        MI_Instance_Delete(inst);
    return rc;
}

size_t mi_ns_instance_count(const mi_ns *ns)
{
    uint64_t n = 0;
    if (ns && mi_ns_count_instances((mi_ns *)ns, NULL, &n) != MI_RESULT_OK)
        n = 0;
    return (size_t)n;
}

const MI_Instance *mi_ns_instance(const mi_ns *ns, const char *keystring)
{
    if (!ns || !keystring || ns->repo->file)
        return NULL;
    key_slot *s = mem_find(ns, keystring);
    return s ? s->inst : NULL;
}

const MI_Instance *const *mi_ns_instances_of(const mi_ns *ns, const MI_ClassDecl *cd,
                                             size_t *n)
{
    class_info *ci = cd && ns && !ns->repo->file ? find_info(ns, cd->name) : NULL;
    *n = ci ? ci->instances.len : 0;
    return ci ? (const MI_Instance *const *)ci->instances.items : NULL;
}

/* ------------------------------------------------------------------ providers */

static size_t prov_find(const mi_repo *r, const mi_ns *ns, const char *cls)
{
    for (size_t i = 0; i < r->provs.len; i++) {
        const repo_prov *p = r->provs.items[i];
        if (p->ns == ns && mi_name_eq(p->cls, cls))
            return i;
    }
    return r->provs.len;
}

MI_Result repo_mem_set_provider(mi_repo *r, mi_ns *ns, const char *cls, const char *module)
{
    size_t i = prov_find(r, ns, cls);
    char *m = mi_strdup(module);
    if (!m)
        return repo_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    if (i < r->provs.len) {
        repo_prov *p = r->provs.items[i];
        mi_free(p->module);
        p->module = m;
        return MI_RESULT_OK;
    }
    repo_prov *p = mi_calloc(1, sizeof *p);
    char *c = mi_strdup(cls);
    if (!p || !c || mi_vec_push(&r->provs, p)) {
        mi_free(p);
        mi_free(c);
        mi_free(m);
        return repo_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    }
    p->ns = ns;
    p->cls = c;
    p->module = m;
    return MI_RESULT_OK;
}

void repo_mem_del_provider(mi_repo *r, size_t i)
{
    repo_prov *p = r->provs.items[i];
    memmove(&r->provs.items[i], &r->provs.items[i + 1],
            (r->provs.len - i - 1) * sizeof r->provs.items[0]);
    r->provs.len--;
    mi_free(p->cls);
    mi_free(p->module);
    mi_free(p);
}

MI_Result mi_repo_register_provider(mi_repo *r, const char *ns_name, const char *cls,
                                    const char *module)
{
    if (!r || !cls || !module || !*module)
        return repo_fail(MI_RESULT_INVALID_PARAMETER,
                         "register provider: no repository, class or module path");
    if (r->in_tx)
        return repo_fail(MI_RESULT_FAILED,
                         "provider registrations cannot be changed inside a transaction");
    mi_ns *ns = mi_repo_ns(r, ns_name);
    if (!ns)
        return repo_fail(MI_RESULT_INVALID_NAMESPACE, "no namespace %.200s",
                         ns_name ? ns_name : "(null)");
    const MI_ClassDecl *cd = mi_ns_class(ns, cls);
    if (!cd)
        return repo_fail(MI_RESULT_INVALID_CLASS, "no class %.200s in namespace %s", cls,
                         ns->name);
    if (r->file) {
        MI_Result rc = repo_file_set_provider(r, ns, cd->name, module);
        if (rc != MI_RESULT_OK)
            return rc;
    }
    return repo_mem_set_provider(r, ns, cd->name, module);
}

MI_Result mi_repo_unregister_provider(mi_repo *r, const char *ns_name, const char *cls)
{
    if (!r || !cls)
        return repo_fail(MI_RESULT_INVALID_PARAMETER, "no repository or class");
    if (r->in_tx)
        return repo_fail(MI_RESULT_FAILED,
                         "provider registrations cannot be changed inside a transaction");
    mi_ns *ns = mi_repo_ns(r, ns_name);
    size_t i = ns ? prov_find(r, ns, cls) : r->provs.len;
    if (i == r->provs.len)
        return repo_fail(MI_RESULT_NOT_FOUND, "no provider registered for %.200s in %.200s",
                         cls, ns_name ? ns_name : "(null)");
    if (r->file) {
        repo_prov *p = r->provs.items[i];
        MI_Result rc = repo_file_del_provider(r, ns, p->cls);
        if (rc != MI_RESULT_OK)
            return rc;
    }
    repo_mem_del_provider(r, i);
    return MI_RESULT_OK;
}

const char *mi_ns_provider_module(const mi_ns *ns, const char *cls)
{
    if (!ns || !cls)
        return NULL;
    size_t i = prov_find(ns->repo, ns, cls);
    return i < ns->repo->provs.len ? ((repo_prov *)ns->repo->provs.items[i])->module : NULL;
}

void mi_repo_each_provider(const mi_repo *r,
                           bool (*fn)(void *ctx, const char *ns, const char *cls,
                                      const char *module),
                           void *ctx)
{
    for (size_t i = 0; r && fn && i < r->provs.len; i++) {
        const repo_prov *p = r->provs.items[i];
        if (!fn(ctx, p->ns->name, p->cls, p->module))
            break;
    }
}

/* ------------------------------------------------------------------ files */

MI_Result mi_repo_open(const char *path, unsigned flags, mi_repo **out, mi_buf *err)
{
    mi_repo *r = NULL;
    MI_Result rc;
    if (!out || !path || !*path) {
        rc = repo_fail(MI_RESULT_INVALID_PARAMETER, "no repository path");
        if (err)
            mi_buf_puts(err, mi_repo_last_error());
        goto out;
    }
    *out = NULL;
    rc = mi_repo_new(&r);
    if (rc != MI_RESULT_OK) {
        if (err)
            mi_buf_puts(err, mi_repo_last_error());
        goto out;
    }
    rc = repo_file_open(r, path, flags, err);
    if (rc != MI_RESULT_OK) {
        mi_repo_free(r);
        r = NULL;
    }
out:
    if (out)
        *out = r;
    return rc;
}

const char *mi_repo_path(const mi_repo *r)
{
    return r && r->file ? repo_file_path(r) : NULL;
}

char *mi_repo_default_path(void)
{
    const char *v = getenv("MI_REPOSITORY");
    mi_buf b;
    mi_buf_init(&b, 8192);
    if (v && *v) {
        mi_buf_puts(&b, v);
    } else if ((v = getenv("XDG_DATA_HOME")) && v[0] == '/') {
        mi_buf_printf(&b, "%s/libmi/repository.db", v);
    } else if ((v = getenv("HOME")) && *v) {
        mi_buf_printf(&b, "%s/.local/share/libmi/repository.db", v);
    }
    char *s = b.len && !mi_buf_failed(&b) ? mi_buf_take(&b) : NULL;
    mi_buf_free(&b);
    return s;
}
