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
    mi_map_init(&ns->class_pos);
    mi_map_init(&ns->removed);
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
    mi_map_free(&ns->class_pos);
    mi_vec_free(&ns->replaced);
    mi_map_free(&ns->removed);
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

const MI_ClassDecl *mof_find_local_class(mof_comp *c, comp_ns *ns, const char *name,
                                         size_t len)
{
    (void)c;
    return mi_map_getn(&ns->classes, name, len);
}

const MI_ClassDecl *mof_find_stored_class(mof_comp *c, comp_ns *ns, const char *name,
                                          size_t len)
{
    (void)c;
    if (!ns->repo_ns)
        return NULL;
    char buf[256];
    const char *n = tok_name(name, len, buf, sizeof buf);
    return n ? mi_ns_class(ns->repo_ns, n) : NULL;
}

const MI_ClassDecl *mof_find_class(mof_comp *c, comp_ns *ns, const char *name, size_t len)
{
    const MI_ClassDecl *cd = mof_find_local_class(c, ns, name, len);
    return cd ? cd : mof_find_stored_class(c, ns, name, len);
}

/* ------------------------------------------------------------------ declarations */

static bool qualifier_decls_equal(const MI_QualifierDecl *a, const MI_QualifierDecl *b)
{
    return a->type == b->type && a->scope == b->scope && a->flavor == b->flavor &&
           a->subscript == b->subscript && mof_boxed_equal((MI_Type)a->type, a->value, b->value);
}

/* The first class of the repository namespace whose own qualifier lists (class,
 * declared or overridden members, parameters) use qualifier `name`, or NULL. */
static const char *qualifier_user(const mi_ns *rns, const char *name)
{
    for (size_t i = 0; i < mi_ns_class_count(rns); i++) {
        const MI_ClassDecl *cd = mi_ns_class_at(rns, i);
        if (mi_qualifier_find(cd->qualifiers, cd->numQualifiers, name))
            return cd->name;
        for (MI_Uint32 k = 0; k < cd->numProperties; k++) {
            const MI_PropertyDecl *pd = cd->properties[k];
            if (mi_qualifier_find(pd->qualifiers, pd->numQualifiers, name))
                return cd->name;
        }
        for (MI_Uint32 k = 0; k < cd->numMethods; k++) {
            const MI_MethodDecl *md = cd->methods[k];
            if (mi_qualifier_find(md->qualifiers, md->numQualifiers, name))
                return cd->name;
            for (MI_Uint32 j = 0; j < md->numParameters; j++) {
                const MI_ParameterDecl *p = md->parameters[j];
                if (mi_qualifier_find(p->qualifiers, p->numQualifiers, name))
                    return cd->name;
            }
        }
    }
    return NULL;
}

/* A qualifier declared again: an error within one compilation; against the repository
 * an identical declaration is ignored (silently) and a different one is an
 * error, or with MI_MOF_UPDATE_CLASSES replaces it (see mof.h). */
bool mof_add_qualifier(mof_comp *c, const MI_QualifierDecl *qd, const mof_tok *name_tok)
{
    comp_ns *ns = c->ns;
    qdecl *old = mof_find_qualifier(c, qd->name, strlen(qd->name));
    const MI_QualifierDecl *replaces = NULL;
    if (old) {
        if (!old->local && qualifier_decls_equal(old->d, qd))
            return true; /* the same declaration again (e.g. qualifiers.mof): nothing to do */
        if (old->local || !c->update) {
            mof_error(c, name_tok, MI_RESULT_ALREADY_EXISTS,
                      "qualifier %s is already declared in namespace %s%s", qd->name,
                      ns->name, old->local ? "" : " with a different definition (use "
                      "--update to replace declarations already in the repository)");
            return false;
        }
        const MI_QualifierDecl *od = old->d;
        bool retyped = od->type != qd->type || od->subscript != qd->subscript;
        bool narrowed = (od->scope & ~qd->scope) != 0;
        const char *user = retyped || narrowed ? qualifier_user(ns->repo_ns, od->name) : NULL;
        if (user) {
            mof_error(c, name_tok, MI_RESULT_TYPE_MISMATCH,
                      "qualifier %s cannot be replaced: the new declaration %s, and class "
                      "%s of the repository uses it", qd->name,
                      retyped ? "changes its type" : "narrows its scope", user);
            return false;
        }
        replaces = od;
    }
    qdecl *q = mof_alloc(c, &c->tmp, sizeof *q, name_tok);
    if (!q)
        return false;
    memset(q, 0, sizeof *q);
    q->d = qd;
    q->local = true;
    q->replaces = replaces;
    int put = replaces ? mi_map_set(&ns->quals, qd->name, q)
                       : mi_map_put(&ns->quals, qd->name, q, NULL);
    if (put < 0 || mi_vec_push(&ns->new_quals, q)) {
        mof_error(c, name_tok, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        return false;
    }
    return true;
}

bool mof_add_class(mof_comp *c, MI_ClassDecl *cd, const MI_ClassDecl *replaces,
                   const mof_tok *name_tok)
{
    comp_ns *ns = c->ns;
    mof_pos *pos = mof_alloc(c, &c->tmp, sizeof *pos, name_tok);
    if (!pos)
        return false;
    *pos = mof_tok_pos(name_tok);
    if (replaces && !c->rebuilding && cd->superClassDecl == replaces->superClassDecl) {
        int eq = mi_repo_class_equal(cd, replaces);
        if (eq == 1) {
            /* identical: the repository's decl stays and stands for it here */
            if (mi_map_put(&ns->classes, replaces->name, (void *)replaces, NULL) != 0 ||
                mi_map_put(&ns->class_pos, replaces->name, pos, NULL) < 0)
                goto out_oom;
            c->stats.unchanged++;
            return true;
        }
        if (eq < 0)
            goto out_oom;
    }
    if (replaces) {
        repl_rec *rec = c->rebuilding;
        if (!rec) {
            rec = mof_alloc(c, &c->tmp, sizeof *rec, name_tok);
            if (!rec)
                return false;
            memset(rec, 0, sizeof *rec);
            rec->old = replaces;
            rec->pos = *pos;
            if (mi_vec_push(&ns->replaced, rec) ||
                mi_map_put(&ns->removed, replaces->name, rec, NULL) < 0)
                goto out_oom;
        }
        rec->newcd = cd;
    }
    if (mi_map_put(&ns->classes, cd->name, cd, NULL) != 0 ||
        mi_map_put(&ns->class_pos, cd->name, pos, NULL) < 0 ||
        mi_vec_push(&ns->new_classes, cd))
        goto out_oom;
    return true;
out_oom:
    mof_error(c, name_tok, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    return false;
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
        /* alias_tok is NULL for an instance without alias: report at the instance */
        mof_error_at(c, &ir->pos, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
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

/* ------------------------------------------------------------------ class updates */

/* Collects the repository's descendants of a replaced class that this compilation
 * does not declare: they are queued for a rebuild (parents first). */
typedef struct rebuild_walk {
    mof_comp *c;
    comp_ns *ns;
    const repl_rec *root;
    bool oom;
} rebuild_walk;

static bool queue_descendant(void *ctx, const MI_ClassDecl *cd)
{
    rebuild_walk *w = ctx;
    comp_ns *ns = w->ns;
    const MI_ClassDecl *here = mi_map_get(&ns->classes, cd->name);
    if (here == cd && cd != w->root->old) {
        /* declared here identical to the repository's, before its superclass was
         * replaced: it would stay on the old superclass */
        const mof_pos *pos = mi_map_get(&ns->class_pos, cd->name);
        mof_pos none = {NULL, 0, 0};
        mof_error_at(w->c, pos ? pos : &none, MI_RESULT_INVALID_SUPERCLASS,
                     "class %s is built on the repository's definition of %s, which this "
                     "compilation replaces; declare %s after the new definition", cd->name,
                     w->root->old->name, cd->name);
        return true;
    }
    if (cd == w->root->old || here || mi_map_get(&ns->removed, cd->name))
        return true;
    repl_rec *rec = mi_arena_calloc(&w->c->tmp, sizeof *rec);
    if (!rec) {
        w->oom = true;
        return false;
    }
    rec->old = cd;
    rec->rebuilt = true;
    /* point at the nearest ancestor that the source replaces */
    for (const MI_ClassDecl *a = cd->superClassDecl; a; a = a->superClassDecl) {
        repl_rec *r = mi_map_get(&ns->removed, a->name);
        if (r && !r->rebuilt && r->old == a) {
            rec->ancestor = a->name;
            rec->pos = r->pos;
            break;
        }
    }
    if (!rec->ancestor) { /* only below a class declared here unchanged: reported */
        rec->ancestor = w->root->old->name;
        rec->pos = w->root->pos;
    }
    if (mi_vec_push(&ns->replaced, rec) ||
        mi_map_put(&ns->removed, cd->name, rec, NULL) < 0) {
        w->oom = true;
        return false;
    }
    return true;
}

/* The first class of cd's superclass chain (cd included) that is a repository decl
 * leaving the repository in this compilation, or NULL. */
static const repl_rec *built_on_removed(comp_ns *ns, const MI_ClassDecl *cd)
{
    for (; cd; cd = cd->superClassDecl) {
        repl_rec *r = mi_map_get(&ns->removed, cd->name);
        if (r && r->old == cd)
            return r;
    }
    return NULL;
}

/* Checks that the repository classes leaving it have no static instances and that
 * nothing of this compilation was built on them. */
static void check_updates(mof_comp *c, comp_ns *ns, size_t nsource)
{
    for (size_t i = 0; i < ns->replaced.len && !c->stop; i++) {
        const repl_rec *r = ns->replaced.items[i];
        uint64_t n = 0;
        MI_Result rc = mi_ns_count_instances(ns->repo_ns, r->old, &n);
        if (rc != MI_RESULT_OK)
            mof_error_at(c, &r->pos, rc, "cannot count the instances of class %s: %s",
                         r->old->name, mi_repo_last_error());
        else if (n && !r->rebuilt)
            mof_error_at(c, &r->pos, MI_RESULT_FAILED, "class %s cannot be replaced: the "
                         "repository holds %llu static instance%s of it (delete them first)",
                         r->old->name, (unsigned long long)n, n == 1 ? "" : "s");
        else if (n)
            mof_error_at(c, &r->pos, MI_RESULT_FAILED, "class %s cannot be replaced: the "
                         "repository holds %llu static instance%s of class %s, derived from "
                         "it, which would have to be rebuilt (delete them first)",
                         r->ancestor, (unsigned long long)n, n == 1 ? "" : "s", r->old->name);
    }
    for (size_t i = 0; i < nsource && !c->stop; i++) {
        const MI_ClassDecl *cd = ns->new_classes.items[i];
        const repl_rec *r = built_on_removed(ns, cd->superClassDecl);
        if (!r)
            continue;
        const mof_pos *pos = mi_map_get(&ns->class_pos, cd->name);
        mof_pos none = {NULL, 0, 0};
        if (r->rebuilt)
            mof_error_at(c, pos ? pos : &none, MI_RESULT_INVALID_SUPERCLASS,
                         "class %s is built on the repository's definition of %s, which "
                         "this compilation rebuilds because its superclass %s is replaced; "
                         "declare %s again after %s, or compile %s separately", cd->name,
                         r->old->name, r->ancestor, r->old->name, r->ancestor, cd->name);
        else
            mof_error_at(c, pos ? pos : &none, MI_RESULT_INVALID_SUPERCLASS,
                         "class %s is built on the repository's definition of %s, which "
                         "this compilation replaces; declare %s after the new definition",
                         cd->name, r->old->name, cd->name);
    }
    for (size_t i = 0; i < ns->insts.len && !c->stop; i++) {
        const inst_rec *ir = ns->insts.items[i];
        const repl_rec *r = ir->inst ? built_on_removed(ns, ir->inst->classDecl) : NULL;
        if (r && r->rebuilt)
            mof_error_at(c, &ir->pos, MI_RESULT_INVALID_CLASS,
                         "this instance of %s uses the repository's definition of %s, which "
                         "this compilation rebuilds because its superclass %s is replaced; "
                         "declare the instance in a separate compilation",
                         ir->inst->classDecl->name, r->old->name, r->ancestor);
        else if (r)
            mof_error_at(c, &ir->pos, MI_RESULT_INVALID_CLASS,
                         "this instance of %s uses the repository's definition of %s, which "
                         "this compilation replaces; declare the instance after the new "
                         "definition", ir->inst->classDecl->name, r->old->name);
    }
}

/* MI_MOF_UPDATE_CLASSES: queues the repository's descendants of the replaced classes,
 * checks the update, then compiles each queued class again from its own MOF text on
 * the new definitions (in this compilation, so it joins the commit). */
static void rebuild_descendants(mof_comp *c)
{
    mi_buf text;
    mi_buf_init(&text, (size_t)64 << 20);
    comp_ns *cur = c->ns;
    for (size_t n = 0; n < c->nss.len && !c->stop; n++) {
        comp_ns *ns = c->nss.items[n];
        size_t nreplaced = ns->replaced.len, nsource = ns->new_classes.len;
        if (!nreplaced || !ns->repo_ns)
            continue;
        for (size_t i = 0; i < nreplaced; i++) {
            const repl_rec *r = ns->replaced.items[i];
            rebuild_walk w = {c, ns, r, false};
            mi_ns_walk_subclasses(ns->repo_ns, r->old, queue_descendant, &w);
            if (w.oom) {
                mof_error_at(c, &r->pos, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
                goto out;
            }
        }
        check_updates(c, ns, nsource);
        if (c->stats.errors)
            goto out;
        for (size_t i = nreplaced; i < ns->replaced.len && !c->stop; i++) {
            repl_rec *r = ns->replaced.items[i];
            for (const MI_ClassDecl *a = r->old->superClassDecl; a && !r->failed;
                 a = a->superClassDecl) {
                const repl_rec *up = mi_map_get(&ns->removed, a->name);
                r->failed = up && up->old == a && up->failed;
            }
            if (r->failed)
                continue;
            unsigned errors = c->stats.errors;
            mi_buf_reset(&text);
            if (mi_class_to_mof(&text, r->old, MI_MOFOUT_LOCAL_ONLY) < 0 ||
                mi_buf_failed(&text)) {
                mof_error_at(c, &r->pos, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                             "cannot write class %s of the repository as MOF (out of memory)",
                             r->old->name);
                break;
            }
            char name[300];
            snprintf(name, sizeof name, "<class %s of the repository>", r->old->name);
            c->ns = ns;
            c->rebuilding = r;
            mof_src src;
            if (mof_src_load_buffer(c, &src, name, mi_buf_str(&text), text.len) == MI_RESULT_OK)
                mof_parse_source(c, &src);
            mof_src_free(&src);
            c->rebuilding = NULL;
            r->failed = c->stats.errors != errors;
            if (!r->newcd && !c->stats.errors)
                mof_error_at(c, &r->pos, MI_RESULT_FAILED, "class %s of the repository "
                             "(derived from %s) was not rebuilt", r->old->name, r->ancestor);
            if (r->newcd)
                c->stats.rebuilt++;
        }
    }
out:
    c->ns = cur;
    mi_buf_free(&text);
}

static size_t class_depth(const MI_ClassDecl *cd)
{
    size_t d = 0;
    for (; cd->superClassDecl; cd = cd->superClassDecl)
        d++;
    return d;
}

static int deeper_first(const void *x, const void *y)
{
    const repl_rec *a = *(repl_rec *const *)x, *b = *(repl_rec *const *)y;
    size_t da = class_depth(a->old), db = class_depth(b->old);
    return da < db ? 1 : da > db ? -1 : 0;
}

/* Takes the replaced and rebuilt classes out of the repository, subclasses first. */
static MI_Result remove_replaced(mof_comp *c, comp_ns *ns, mi_ns *rns)
{
    MI_Result rc = MI_RESULT_OK;
    if (!ns->replaced.len)
        return rc;
    qsort(ns->replaced.items, ns->replaced.len, sizeof *ns->replaced.items, deeper_first);
    for (size_t i = 0; i < ns->replaced.len; i++) {
        const repl_rec *r = ns->replaced.items[i];
        if ((rc = mi_ns_remove_class(rns, r->old)) != MI_RESULT_OK) {
            mof_error_at(c, &r->pos, rc, "cannot replace class %s: %s", r->old->name,
                         mi_repo_last_error());
            break;
        }
    }
    return rc;
}

/* Nothing was stored: no counts of stored things. */
static void clear_counts(mi_mof_stats *st)
{
    st->classes = st->replaced = st->rebuilt = st->unchanged = 0;
    st->instances = st->qualifiers = st->qualifiers_replaced = 0;
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
        if ((rc = remove_replaced(c, ns, rns)) != MI_RESULT_OK)
            goto out;
        for (size_t i = 0; i < ns->new_quals.len; i++) {
            qdecl *q = ns->new_quals.items[i];
            rc = q->replaces ? mi_ns_replace_qualifier(rns, q->d)
                             : mi_ns_add_qualifier(rns, q->d);
            if (rc != MI_RESULT_OK) {
                mof_error_at(c, &none, rc, "cannot add qualifier %s: %s", q->d->name,
                             mi_repo_last_error());
                goto out;
            }
            c->stats.qualifiers++;
            c->stats.qualifiers_replaced += q->replaces != NULL;
        }
        for (size_t i = 0; i < ns->new_classes.len; i++) {
            const MI_ClassDecl *cd = ns->new_classes.items[i];
            if ((rc = mi_ns_add_class(rns, cd)) != MI_RESULT_OK) {
                mof_error_at(c, &none, rc, "cannot add class %s: %s", cd->name,
                             mi_repo_last_error());
                goto out;
            }
            const repl_rec *r = mi_map_get(&ns->removed, cd->name);
            if (!r || !r->rebuilt)
                c->stats.classes++;
            if (r && !r->rebuilt)
                c->stats.replaced++;
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
        clear_counts(&c->stats);
    } else if (own_tx) {
        rc = mi_repo_commit(c->repo); /* a failed commit rolled back memory and file */
        if (rc != MI_RESULT_OK) {
            mof_error_at(c, &none, rc, "cannot write the compiled MOF to the repository: %s",
                         mi_repo_last_error());
            clear_counts(&c->stats);
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
    c->update = (c->opt.flags & MI_MOF_UPDATE_CLASSES) != 0;
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
    if (!c->stop && c->update && c->stats.errors == 0)
        rebuild_descendants(c);
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
        clear_counts(&c->stats);
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
