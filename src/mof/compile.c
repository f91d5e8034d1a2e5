/* compile.c - entry points of the MOF compiler: compilation state, namespaces, lookups,
 * #pragma include, aliases, the checks made once everything is parsed, and the
 * all-or-nothing commit to the repository.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "base/str.h"
#include "mof/mof_int.h"

#define DEFAULT_NS            "root/cimv2"
#define DEFAULT_MAX_ERRORS    25u
#define DEFAULT_INCLUDE_DEPTH 32u
#define DEFAULT_MAX_FILE      ((size_t)64 << 20)
#define OUT_CHUNK             ((size_t)1 << 20)
#define OUT_CAP               ((size_t)1 << 31)
#define TMP_CHUNK             ((size_t)64 << 10)

/* ------------------------------------------------------------------ memory helpers */

void *mof_alloc(mof_comp *c, mi_arena *a, size_t n, const mof_tok *t)
{
    void *p = mi_arena_alloc(a, n);
    if (!p) {
        mof_pos none = {NULL, 0, 0};
        mof_pos pos = t ? mof_tok_pos(t) : none;
        mof_error_at(c, &pos, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                     "out of memory (or past the compiler's memory limit)");
    }
    return p;
}

char *mof_strndup(mof_comp *c, mi_arena *a, const char *s, size_t n, const mof_tok *t)
{
    char *p = mof_alloc(c, a, n + 1, t);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* Copies a token's text into buf (NUL-terminated) if it fits. */
static const char *tok_name(const char *s, size_t len, char *buf, size_t n)
{
    if (len >= n)
        return NULL;
    memcpy(buf, s, len);
    buf[len] = '\0';
    return buf;
}

/* ------------------------------------------------------------------ namespaces */

static comp_ns *find_ns(mof_comp *c, const char *norm)
{
    for (size_t i = 0; i < c->nss.len; i++) {
        comp_ns *ns = c->nss.items[i];
        if (mi_name_eq(ns->name, norm))
            return ns;
    }
    return NULL;
}

/* Normalises a namespace name from a pragma or a path ("\\.\root\x" and "//./root/x"
 * name the host first: it is dropped). */
static bool normalize_ns(const char *name, mi_buf *out)
{
    mi_buf tmp;
    mi_buf_init(&tmp, 4096);
    mi_buf_puts(&tmp, name);
    bool ok = !mi_buf_failed(&tmp);
    if (ok) {
        char *s = tmp.data ? tmp.data : (char *)"";
        for (char *p = s; *p; p++) {
            if (*p == '\\')
                *p = '/';
        }
        if (s[0] == '/' && s[1] == '/') {
            char *slash = strchr(s + 2, '/');
            s = slash ? slash : s + strlen(s);
        }
        ok = mi_repo_ns_normalize(s, out) == MI_RESULT_OK;
    }
    mi_buf_free(&tmp);
    return ok;
}

static comp_ns *open_ns(mof_comp *c, const char *name, bool create, const mof_pos *at)
{
    comp_ns *ns = NULL;
    mi_buf b;
    mi_buf_init(&b, 4096);
    if (!normalize_ns(name, &b)) {
        if (at)
            mof_error_at(c, at, MI_RESULT_INVALID_NAMESPACE,
                         "invalid namespace name \"%.200s\"", name);
        goto out_free_buf;
    }
    ns = find_ns(c, mi_buf_str(&b));
    if (ns)
        goto out_free_buf;
    mi_ns *rns = mi_repo_ns(c->repo, mi_buf_str(&b));
    if (!rns && !create)
        goto out_free_buf;
    ns = mi_arena_calloc(&c->tmp, sizeof *ns);
    char *nm = mi_arena_strdup(&c->tmp, rns ? mi_ns_name(rns) : mi_buf_str(&b));
    if (!ns || !nm || mi_vec_push(&c->nss, ns)) {
        mof_pos none = {NULL, 0, 0};
        mof_error_at(c, at ? at : &none, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        ns = NULL;
        goto out_free_buf;
    }
    ns->name = nm;
    ns->repo_ns = rns;
    mi_map_init(&ns->quals);
    mi_map_init(&ns->classes);
out_free_buf:
    mi_buf_free(&b);
    return ns;
}

comp_ns *mof_lookup_namespace(mof_comp *c, const char *name)
{
    return open_ns(c, name, false, NULL);
}

bool mof_set_namespace(mof_comp *c, const char *name, const mof_tok *at)
{
    mof_pos pos = mof_tok_pos(at);
    comp_ns *ns = open_ns(c, name, true, &pos);
    if (ns)
        c->ns = ns;
    return ns != NULL;
}

static void ns_free(comp_ns *ns)
{
    mi_map_free(&ns->quals);
    mi_vec_free(&ns->new_quals);
    mi_map_free(&ns->classes);
    mi_vec_free(&ns->new_classes);
    mi_vec_free(&ns->insts);
}

/* ------------------------------------------------------------------ lookups */

qdecl *mof_find_qualifier(mof_comp *c, const char *name, size_t len)
{
    comp_ns *ns = c->ns;
    qdecl *q = mi_map_getn(&ns->quals, name, len);
    if (q || !ns->repo_ns)
        return q;
    char buf[256];
    const char *n = tok_name(name, len, buf, sizeof buf);
    const MI_QualifierDecl *d = n ? mi_ns_qualifier(ns->repo_ns, n) : NULL;
    if (!d)
        return NULL;
    q = mi_arena_calloc(&c->tmp, sizeof *q);
    if (!q || mi_map_put(&ns->quals, d->name, q, NULL) < 0) {
        mof_pos none = {NULL, 0, 0};
        mof_error_at(c, &none, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        return NULL;
    }
    q->d = d;
    return q;
}

const MI_ClassDecl *mof_find_class(mof_comp *c, comp_ns *ns, const char *name, size_t len)
{
    const MI_ClassDecl *cd = mi_map_getn(&ns->classes, name, len);
    if (cd || !ns->repo_ns)
        return cd;
    char buf[256];
    const char *n = tok_name(name, len, buf, sizeof buf);
    return n ? mi_ns_class(ns->repo_ns, n) : NULL;
}

/* ------------------------------------------------------------------ declarations */

static bool qualifier_decls_equal(const MI_QualifierDecl *a, const MI_QualifierDecl *b)
{
    return a->type == b->type && a->scope == b->scope && a->flavor == b->flavor &&
           a->subscript == b->subscript && mof_boxed_equal((MI_Type)a->type, a->value, b->value);
}

/* A qualifier declared again: an error within one compilation; against the repository
 * an identical declaration is ignored (with a warning) and a different one is an
 * error. */
bool mof_add_qualifier(mof_comp *c, const MI_QualifierDecl *qd, const mof_tok *name_tok)
{
    comp_ns *ns = c->ns;
    qdecl *old = mof_find_qualifier(c, qd->name, strlen(qd->name));
    if (old) {
        if (!old->local && qualifier_decls_equal(old->d, qd)) {
            mof_warning(c, name_tok, "qualifier %s is already declared in namespace %s "
                        "with the same definition; declaration ignored", qd->name,
                        ns->name);
            return true;
        }
        mof_error(c, name_tok, MI_RESULT_ALREADY_EXISTS,
                  "qualifier %s is already declared in namespace %s", qd->name, ns->name);
        return false;
    }
    qdecl *q = mof_alloc(c, &c->tmp, sizeof *q, name_tok);
    if (!q)
        return false;
    memset(q, 0, sizeof *q);
    q->d = qd;
    q->local = true;
    if (mi_map_put(&ns->quals, qd->name, q, NULL) < 0 || mi_vec_push(&ns->new_quals, q)) {
        mof_error(c, name_tok, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        return false;
    }
    return true;
}

bool mof_add_class(mof_comp *c, MI_ClassDecl *cd)
{
    comp_ns *ns = c->ns;
    if (mi_map_put(&ns->classes, cd->name, cd, NULL) != 0 ||
        mi_vec_push(&ns->new_classes, cd)) {
        mof_pos none = {NULL, 0, 0};
        mof_error_at(c, &none, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        return false;
    }
    return true;
}

bool mof_add_instance(mof_comp *c, inst_rec *ir, const mof_tok *alias_tok)
{
    if (alias_tok) {
        char *name = mof_strndup(c, &c->tmp, alias_tok->p + 1, alias_tok->len - 1, alias_tok);
        if (!name)
            return false;
        inst_rec *old = NULL;
        int r = mi_map_put(&c->aliases, name, ir, (void **)&old);
        if (r < 0) {
            mof_error(c, alias_tok, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            return false;
        }
        if (r == 1) {
            mof_error(c, alias_tok, MI_RESULT_ALREADY_EXISTS,
                      "alias $%s is already defined (at %s:%u:%u)", name, old->pos.file,
                      old->pos.line, old->pos.column);
            return false;
        }
        ir->alias = name;
    }
    if (ir->top && mi_vec_push(&c->ns->insts, ir)) {
        mof_error(c, alias_tok, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        return false;
    }
    return true;
}

bool mof_add_edge(mof_comp *c, inst_rec *from, inst_rec *to, const mof_tok *at)
{
    inst_edge *e = mof_alloc(c, &c->tmp, sizeof *e, at);
    if (!e)
        return false;
    e->to = to;
    e->next = from->edges;
    from->edges = e;
    return true;
}

void mof_defer_class_check(mof_comp *c, const char *name, const mof_tok *at,
                           const char *what)
{
    class_check *k = mof_alloc(c, &c->tmp, sizeof *k, at);
    if (!k)
        return;
    k->ns = c->ns;
    k->name = name;
    k->pos = mof_tok_pos(at);
    k->what = what;
    if (mi_vec_push(&c->class_checks, k))
        mof_error(c, at, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
}

/* ------------------------------------------------------------------ includes */

static char *join_path(mof_comp *c, const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    char *p = mi_arena_alloc(&c->tmp, dl + nl + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, dl);
    p[dl] = '/';
    memcpy(p + dl + 1, name, nl + 1);
    return p;
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Looks for dir/name matching each path component without regard to ASCII case when
 * the exact name does not exist. NULL if nothing matches. */
static char *find_ci(mof_comp *c, const char *dir, const char *name)
{
    mi_buf path;
    mi_buf_init(&path, 1u << 16);
    char *found = NULL;
    mi_buf_puts(&path, dir);
    const char *p = name;
    while (*p && !mi_buf_failed(&path)) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.')) {
            mi_buf_putc(&path, '/');
            mi_buf_append(&path, p, n);
        } else {
            size_t base = path.len;
            mi_buf_putc(&path, '/');
            mi_buf_append(&path, p, n);
            struct stat st;
            if (mi_buf_failed(&path))
                break;
            if (stat(mi_buf_str(&path), &st) != 0) {
                path.len = base;
                path.data[base] = '\0';
                DIR *d = opendir(base ? mi_buf_str(&path) : "/");
                if (!d)
                    goto out_free_path;
                struct dirent *de;
                bool hit = false;
                while ((de = readdir(d)) != NULL) {
                    if (strlen(de->d_name) == n && strncasecmp(de->d_name, p, n) == 0) {
                        mi_buf_putc(&path, '/');
                        mi_buf_puts(&path, de->d_name);
                        hit = true;
                        break;
                    }
                }
                closedir(d);
                if (!hit)
                    goto out_free_path;
            }
        }
        p += n;
        if (*p == '/')
            p++;
    }
    if (!mi_buf_failed(&path) && is_file(mi_buf_str(&path)))
        found = mi_arena_strdup(&c->tmp, mi_buf_str(&path));
out_free_path:
    mi_buf_free(&path);
    return found;
}

void mof_include(mof_comp *c, const char *raw_name, const mof_tok *at)
{
    if (c->include_depth >= c->opt.max_include_depth) {
        mof_error(c, at, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                  "#pragma include nested more than %u deep (include cycle?)",
                  c->opt.max_include_depth);
        return;
    }
    char *name = mi_arena_strdup(&c->tmp, raw_name);
    if (!name) {
        mof_error(c, at, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        return;
    }
    for (char *p = name; *p; p++) {
        if (*p == '\\')
            *p = '/';
    }
    if (!*name) {
        mof_error(c, at, MI_RESULT_INVALID_PARAMETER, "#pragma include names no file");
        return;
    }
    /* candidate folders: the including file's, then the include dirs */
    size_t ndirs = name[0] == '/' ? 1 : 1 + c->opt.n_include_dirs;
    char *path = NULL;
    for (int pass = 0; pass < 2 && !path; pass++) {
        for (size_t i = 0; i < ndirs && !path; i++) {
            const char *dir = name[0] == '/' ? ""
                              : i == 0 ? at->src->dir : c->opt.include_dirs[i - 1];
            if (!dir)
                continue;
            if (pass == 0) {
                char *cand = name[0] == '/' ? name : join_path(c, dir, name);
                if (cand && is_file(cand))
                    path = cand;
            } else {
                path = find_ci(c, name[0] == '/' ? "" : dir, name[0] == '/' ? name + 1 : name);
            }
        }
    }
    if (!path) {
        mof_error(c, at, MI_RESULT_NOT_FOUND,
                  "cannot find include file \"%.200s\" (searched %s%s)", raw_name,
                  name[0] == '/' ? "the absolute path" : at->src->dir,
                  c->opt.n_include_dirs && name[0] != '/' ? " and the include directories"
                                                          : "");
        return;
    }
    mof_src src;
    if (mof_src_load_file(c, &src, path, at) == MI_RESULT_OK) {
        c->include_depth++;
        mof_parse_source(c, &src);
        c->include_depth--;
    }
    mof_src_free(&src);
}

/* ------------------------------------------------------------------ final checks */

/* A small exact-match string set for instance key strings (key values are case
 * sensitive). Keys live in tmp. */
typedef struct str_set {
    const char **slots;
    size_t mask, count;
} str_set;

static uint32_t str_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}

/* 1 if s was already there, 0 if added, -1 when out of memory. */
static int str_set_add(str_set *set, const char *s)
{
    if (!set->slots || (set->count + 1) * 4 > (set->mask + 1) * 3) {
        size_t n = set->slots ? (set->mask + 1) * 2 : 64;
        const char **slots = mi_calloc(n, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t i = 0; set->slots && i <= set->mask; i++) {
            if (!set->slots[i])
                continue;
            size_t j = str_hash(set->slots[i]) & (n - 1);
            while (slots[j])
                j = (j + 1) & (n - 1);
            slots[j] = set->slots[i];
        }
        mi_free(set->slots);
        set->slots = slots;
        set->mask = n - 1;
    }
    size_t i = str_hash(s) & set->mask;
    for (; set->slots[i]; i = (i + 1) & set->mask) {
        if (strcmp(set->slots[i], s) == 0)
            return 1;
    }
    set->slots[i] = s;
    set->count++;
    return 0;
}

static void check_classes(mof_comp *c)
{
    for (size_t i = 0; i < c->class_checks.len; i++) {
        class_check *k = c->class_checks.items[i];
        if (!mof_find_class(c, k->ns, k->name, strlen(k->name)))
            mof_error_at(c, &k->pos, MI_RESULT_INVALID_CLASS, "%s %s is not declared",
                         k->what, k->name);
    }
}

static void resolve_aliases(mof_comp *c)
{
    for (size_t i = 0; i < c->fixups.len && !c->stop; i++) {
        alias_fixup *f = c->fixups.items[i];
        inst_rec *t = mi_map_get(&c->aliases, f->name);
        if (!t) {
            mof_error_at(c, &f->pos, MI_RESULT_NOT_FOUND, "alias $%s is not defined",
                         f->name);
            f->user->failed = true;
            if (f->ds)
                f->ds->bad = true;
            continue;
        }
        if (!t->inst) {
            f->user->failed = true;
            if (f->ds)
                f->ds->bad = true;
            continue;
        }
        const MI_ClassDecl *tcd = t->inst->classDecl;
        if (f->cls && !mi_classdecl_is_a(tcd, f->cls)) {
            mof_error_at(c, &f->pos, MI_RESULT_TYPE_MISMATCH,
                         "alias $%s names an instance of %s, but %s %s is needed", f->name,
                         tcd->name, f->type == MI_REFERENCE ? "a reference to" : "an instance of",
                         f->cls);
            f->user->failed = true;
            if (f->ds)
                f->ds->bad = true;
            continue;
        }
        *f->slot = t->inst;
        if (f->type == MI_INSTANCE)
            t->embedded_use = true;
        else
            t->ref_use = true;
        if ((f->type == MI_INSTANCE || f->key) && !mof_add_edge(c, f->user, t, NULL)) {
            if (f->ds)
                f->ds->bad = true;
        }
    }
    for (size_t i = 0; i < c->dsets.len; i++) {
        deferred_set *ds = c->dsets.items[i];
        if (ds->bad || !ds->ir->inst)
            continue;
        MI_Result rc = MI_Instance_SetElementAt(ds->ir->inst, ds->index, &ds->value, ds->type,
                                                MI_FLAG_BORROW);
        if (rc != MI_RESULT_OK)
            mof_error_at(c, &ds->ir->pos, rc, "cannot set a property of the instance");
    }
}

/* Depth-first search for a cycle through embedded values and key references (which
 * would make key strings and copies recurse forever). */
static void check_cycles(mof_comp *c)
{
    mi_vec stack = MI_VEC_INIT;
    for (size_t n = 0; n < c->nss.len; n++) {
        comp_ns *ns = c->nss.items[n];
        for (size_t i = 0; i < ns->insts.len; i++) {
            inst_rec *root = ns->insts.items[i];
            if (root->mark || !root->edges)
                continue;
            /* iterative DFS: mark 1 = on the stack, 2 = done */
            root->mark = 1;
            if (mi_vec_push(&stack, root))
                goto out_oom;
            while (stack.len) {
                inst_rec *r = stack.items[stack.len - 1];
                inst_edge *e = r->edges;
                while (e && e->to->mark == 2)
                    e = e->next;
                if (!e) {
                    r->mark = 2;
                    stack.len--;
                    continue;
                }
                r->edges = e->next; /* consume the edge */
                if (e->to->mark == 1) {
                    mof_error_at(c, &e->to->pos, MI_RESULT_INVALID_PARAMETER,
                                 "instance of %s contains itself (through embedded instances "
                                 "or key references)",
                                 e->to->inst ? e->to->inst->classDecl->name : "?");
                    e->to->failed = true;
                    continue;
                }
                e->to->mark = 1;
                if (mi_vec_push(&stack, e->to))
                    goto out_oom;
            }
        }
    }
    goto out;
out_oom: {
        mof_pos none = {NULL, 0, 0};
        mof_error_at(c, &none, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    }
out:
    mi_vec_free(&stack);
}

/* Which top-level instances go to the repository, their keys and duplicates. An
 * instance that is only used (through its alias) as an embedded value is a value, not
 * a repository instance; one that is also the target of a reference is stored. */
static void check_instances(mof_comp *c)
{
    str_set seen = {NULL, 0, 0};
    mi_buf ks;
    mi_buf_init(&ks, 1u << 20);
    for (size_t n = 0; n < c->nss.len && !c->stop; n++) {
        comp_ns *ns = c->nss.items[n];
        for (size_t i = 0; i < ns->insts.len && !c->stop; i++) {
            inst_rec *ir = ns->insts.items[i];
            if (ir->failed || !ir->inst || (ir->embedded_use && !ir->ref_use))
                continue;
            const MI_ClassDecl *cd = ir->inst->classDecl;
            bool keys_ok = true;
            for (MI_Uint32 k = 0; k < cd->numProperties; k++) {
                const MI_PropertyDecl *pd = cd->properties[k];
                if (!(pd->flags & MI_FLAG_KEY))
                    continue;
                MI_Value v;
                MI_Type t;
                MI_Uint32 flags = 0;
                if (MI_Instance_GetElementAt(ir->inst, k, NULL, &v, &t, &flags) != MI_RESULT_OK ||
                    (flags & MI_FLAG_NULL)) {
                    if (!c->allow_null_keys)
                        mof_error_at(c, &ir->pos, MI_RESULT_INVALID_PARAMETER,
                                     "instance of %s has no value for key property %s (every key needs a "
                                     "value; mofcomp --allow-null-keys accepts it anyway)",
                                     cd->name, pd->name);
                    keys_ok = false;
                }
            }
            if (!keys_ok) {
                if (c->allow_null_keys)
                    ir->store = STORE_UNKEYED;
                else
                    ir->failed = true;
                continue;
            }
            mi_buf_reset(&ks);
            MI_Result rc = mi_instance_keystring(ir->inst, &ks);
            if (rc != MI_RESULT_OK || mi_buf_failed(&ks)) {
                mof_error_at(c, &ir->pos, rc != MI_RESULT_OK ? rc : MI_RESULT_SERVER_LIMITS_EXCEEDED,
                             "cannot make the key string of the instance of %s", cd->name);
                ir->failed = true;
                continue;
            }
            /* "namespace:keystring", unique across the namespaces of the compilation */
            size_t nl = strlen(ns->name);
            char *key = mi_arena_alloc(&c->tmp, nl + ks.len + 2);
            if (!key) {
                mof_error_at(c, &ir->pos, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
                break;
            }
            memcpy(key, ns->name, nl);
            key[nl] = ':';
            memcpy(key + nl + 1, mi_buf_str(&ks), ks.len + 1);
            int r = str_set_add(&seen, key);
            if (r < 0) {
                mof_error_at(c, &ir->pos, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
                break;
            }
            if (r == 1 || (ns->repo_ns && mi_ns_instance_exists(ns->repo_ns, mi_buf_str(&ks)) ==
                                              MI_RESULT_OK)) {
                mof_error_at(c, &ir->pos, MI_RESULT_ALREADY_EXISTS,
                             "an instance with the same keys (%.300s) is already declared%s",
                             mi_buf_str(&ks), r == 1 ? "" : " in the repository");
                ir->failed = true;
                continue;
            }
            ir->store = STORE_KEYED;
        }
    }
    mi_buf_free(&ks);
    mi_free(seen.slots);
}

/* Hands everything to the repository, in one repository transaction: when a step
 * fails (out of memory) the steps made are rolled back. Only called when there was no
 * error. */
static MI_Result commit(mof_comp *c)
{
    MI_Result rc = MI_RESULT_OK;
    mof_pos none = {NULL, 0, 0};
    /* Inside a transaction opened by the caller, the changes join it. */
    bool own_tx = !mi_repo_in_transaction(c->repo);
    if (own_tx && (rc = mi_repo_begin(c->repo)) != MI_RESULT_OK) {
        mof_error_at(c, &none, rc, "cannot start a repository transaction: %s",
                     mi_repo_last_error());
        own_tx = false;
        goto out;
    }
    rc = mi_repo_adopt_arena(c->repo, c->out);
    c->out = NULL; /* owned (or already freed) by the repository now */
    if (rc != MI_RESULT_OK) {
        mof_error_at(c, &none, rc, "out of memory adding the compiled MOF to the repository");
        goto out;
    }
    for (size_t n = 0; n < c->nss.len; n++) {
        comp_ns *ns = c->nss.items[n];
        if (!ns->repo_ns && !ns->new_quals.len && !ns->new_classes.len && !ns->insts.len)
            continue;
        mi_ns *rns = ns->repo_ns;
        if (!rns && (rc = mi_repo_ns_add(c->repo, ns->name, &rns)) != MI_RESULT_OK) {
            mof_error_at(c, &none, rc, "cannot create namespace %s: %s", ns->name,
                         mi_repo_last_error());
            goto out;
        }
        for (size_t i = 0; i < ns->new_quals.len; i++) {
            qdecl *q = ns->new_quals.items[i];
            if ((rc = mi_ns_add_qualifier(rns, q->d)) != MI_RESULT_OK) {
                mof_error_at(c, &none, rc, "cannot add qualifier %s: %s", q->d->name,
                             mi_repo_last_error());
                goto out;
            }
            c->stats.qualifiers++;
        }
        for (size_t i = 0; i < ns->new_classes.len; i++) {
            const MI_ClassDecl *cd = ns->new_classes.items[i];
            if ((rc = mi_ns_add_class(rns, cd)) != MI_RESULT_OK) {
                mof_error_at(c, &none, rc, "cannot add class %s: %s", cd->name,
                             mi_repo_last_error());
                goto out;
            }
            c->stats.classes++;
        }
        for (size_t i = 0; i < ns->insts.len; i++) {
            inst_rec *ir = ns->insts.items[i];
            if (!ir->store)
                continue;
            rc = ir->store == STORE_KEYED ? mi_ns_add_instance(rns, ir->inst)
                                          : mi_ns_add_unkeyed_instance(rns, ir->inst);
            if (rc != MI_RESULT_OK) {
                mof_error_at(c, &ir->pos, rc, "cannot add the instance of %s: %s",
                             ir->inst->classDecl->name, mi_repo_last_error());
                goto out;
            }
            c->stats.instances++;
        }
    }
out:
    if (rc != MI_RESULT_OK) {
        if (own_tx)
            mi_repo_rollback(c->repo);
        c->stats.classes = c->stats.instances = c->stats.qualifiers = 0;
    } else if (own_tx) {
        rc = mi_repo_commit(c->repo); /* a failed commit rolled back memory and file */
        if (rc != MI_RESULT_OK) {
            mof_error_at(c, &none, rc, "cannot write the compiled MOF to the repository: %s",
                         mi_repo_last_error());
            c->stats.classes = c->stats.instances = c->stats.qualifiers = 0;
        }
    }
    return rc;
}

/* ------------------------------------------------------------------ entry points */

static MI_Result comp_init(mof_comp *c, mi_repo *repo, const mi_mof_options *opt)
{
    memset(c, 0, sizeof *c);
    c->repo = repo;
    if (opt)
        c->opt = *opt;
    if (!c->opt.ns)
        c->opt.ns = DEFAULT_NS;
    if (!c->opt.max_errors)
        c->opt.max_errors = DEFAULT_MAX_ERRORS;
    if (!c->opt.max_include_depth)
        c->opt.max_include_depth = DEFAULT_INCLUDE_DEPTH;
    if (!c->opt.max_file_size)
        c->opt.max_file_size = DEFAULT_MAX_FILE;
    c->allow_null_keys = (c->opt.flags & MI_MOF_ALLOW_NULL_KEYS) != 0;
    mi_arena_init(&c->tmp, TMP_CHUNK, MOF_TMP_CAP);
    mi_arena_init(&c->stmt, TMP_CHUNK, MOF_STMT_CAP);
    mi_map_init(&c->aliases);
    mof_pos none = {NULL, 0, 0};
    if (!repo) {
        mof_error_at(c, &none, MI_RESULT_INVALID_PARAMETER, "no repository given");
        return MI_RESULT_INVALID_PARAMETER;
    }
    c->c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    c->out = mi_arena_new(OUT_CHUNK, OUT_CAP);
    if (!c->c_locale || !c->out) {
        mof_error_at(c, &none, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    }
    c->ns = open_ns(c, c->opt.ns, true, &none);
    return c->ns ? MI_RESULT_OK : c->first_error;
}

static MI_Result comp_finish(mof_comp *c, mi_mof_stats *stats)
{
    if (!c->stop) {
        check_classes(c);
        resolve_aliases(c);
        if (!c->stop)
            check_cycles(c);
        if (!c->stop)
            check_instances(c);
    }
    MI_Result rc = c->first_error;
    if (c->stats.errors == 0) {
        rc = commit(c);
    } else {
        c->stats.classes = c->stats.instances = c->stats.qualifiers = 0;
    }
    if (rc == MI_RESULT_OK && c->stats.errors)
        rc = c->first_error != MI_RESULT_OK ? c->first_error : MI_RESULT_FAILED;
    if (stats)
        *stats = c->stats;
    return rc;
}

static void comp_free(mof_comp *c)
{
    for (size_t i = 0; i < c->nss.len; i++)
        ns_free(c->nss.items[i]);
    mi_vec_free(&c->nss);
    mi_map_free(&c->aliases);
    mi_vec_free(&c->fixups);
    mi_vec_free(&c->dsets);
    mi_vec_free(&c->class_checks);
    mi_arena_free(c->out);
    mi_arena_destroy(&c->stmt);
    mi_arena_destroy(&c->tmp);
    if (c->c_locale)
        freelocale(c->c_locale);
}

MI_Result mi_mof_compile_files(mi_repo *repo, const char *const *files, size_t n,
                               const mi_mof_options *opt, mi_mof_stats *stats)
{
    mof_comp c;
    MI_Result rc = comp_init(&c, repo, opt);
    if (rc != MI_RESULT_OK)
        goto out_free;
    comp_ns *start = c.ns;
    for (size_t i = 0; i < n && !c.stop; i++) {
        mof_src src;
        c.ns = start;
        if (!files || !files[i]) {
            mof_pos none = {NULL, 0, 0};
            mof_error_at(&c, &none, MI_RESULT_INVALID_PARAMETER, "file name is NULL");
            continue;
        }
        if (mof_src_load_file(&c, &src, files[i], NULL) == MI_RESULT_OK)
            mof_parse_source(&c, &src);
        mof_src_free(&src);
    }
    rc = comp_finish(&c, stats);
    goto out_free_comp;
out_free:
    if (stats)
        *stats = c.stats;
out_free_comp:
    comp_free(&c);
    return rc;
}

MI_Result mi_mof_compile_file(mi_repo *repo, const char *path, const mi_mof_options *opt,
                              mi_mof_stats *stats)
{
    return mi_mof_compile_files(repo, &path, 1, opt, stats);
}

MI_Result mi_mof_compile_buffer(mi_repo *repo, const char *name, const char *data, size_t n,
                                const mi_mof_options *opt, mi_mof_stats *stats)
{
    mof_comp c;
    MI_Result rc = comp_init(&c, repo, opt);
    if (rc != MI_RESULT_OK)
        goto out_free;
    mof_src src;
    if (!data && n) {
        mof_pos none = {name, 0, 0};
        mof_error_at(&c, &none, MI_RESULT_INVALID_PARAMETER, "data is NULL");
    } else {
        if (mof_src_load_buffer(&c, &src, name ? name : "<buffer>", data ? data : "", n) ==
            MI_RESULT_OK)
            mof_parse_source(&c, &src);
        mof_src_free(&src);
    }
    rc = comp_finish(&c, stats);
    goto out_free_comp;
out_free:
    if (stats)
        *stats = c.stats;
out_free_comp:
    comp_free(&c);
    return rc;
}
