/* file.c - the repository in one SQLite file.
 *
 * Tables (format version MI_REPO_FORMAT_VERSION in PRAGMA user_version, plus
 * meta('format') = "libmi repository"):
 *   namespaces(id, name)              qualifiers(id, ns, name, blob)
 *   classes(id, ns, name, blob)       providers(id, ns, class, module)
 *   instances(id, ns, class, keystring UNIQUE per ns (NULL = unkeyed), blob)
 *   refs(ns, target_keys, target_class, assoc_class, role, instance_id)
 *     index (ns, target_keys): one row per non-NULL REF property of each stored
 *     instance of an association class, written in the instance's transaction.
 * Rows are loaded in id order, so a superclass always precedes its subclasses.
 *
 * Connections: one writer (WAL, synchronous=FULL) behind a recursive mutex, held for
 * the whole of a repository transaction (mi_repo_begin .. commit/rollback) or for one
 * write; every write runs inside a SAVEPOINT, which outside a repository transaction
 * is its own SQLite transaction (RELEASE commits it durably). Readers take a read-only
 * connection from a pool (at most MAX_READERS, each with its prepared statements) for
 * the duration of one call, so reads on many threads run in parallel on WAL snapshots
 * and never wait for the writer.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include "base/alloc.h"
#include "base/str.h"
#include "cim/cim.h"
#include "repo/repo_int.h"

#define MAX_READERS 64
#define FORMAT_TAG "libmi repository"
#define BUSY_TIMEOUT_MS 30000
#define BLOB_CAP ((size_t)1 << 28) /* one stored object */

enum {
    W_INS_NS, W_INS_QUAL, W_INS_CLASS, W_FIND_ID, W_INS_INST, W_UPD_INST, W_DEL_INST,
    W_INS_REF, W_DEL_REFS, W_SET_PROV, W_DEL_PROV, W_DEL_CLASS, W_UPD_QUAL, W_COUNT
};

static const char *const wsql[W_COUNT] = {
    [W_INS_NS] = "INSERT INTO namespaces(name) VALUES(?1)",
    [W_INS_QUAL] = "INSERT INTO qualifiers(ns, name, blob) VALUES(?1, ?2, ?3)",
    [W_INS_CLASS] = "INSERT INTO classes(ns, name, blob) VALUES(?1, ?2, ?3)",
    [W_FIND_ID] = "SELECT id FROM instances WHERE ns = ?1 AND keystring = ?2",
    [W_INS_INST] = "INSERT INTO instances(ns, class, keystring, blob) VALUES(?1, ?2, ?3, ?4)",
    [W_UPD_INST] = "UPDATE instances SET class = ?2, blob = ?3 WHERE id = ?1",
    [W_DEL_INST] = "DELETE FROM instances WHERE id = ?1",
    [W_INS_REF] = ("INSERT INTO refs(ns, target_keys, target_class, assoc_class, role, "
                   "instance_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6)"),
    [W_DEL_REFS] = "DELETE FROM refs WHERE instance_id = ?1",
    [W_SET_PROV] = "INSERT OR REPLACE INTO providers(ns, class, module) VALUES(?1, ?2, ?3)",
    [W_DEL_PROV] = "DELETE FROM providers WHERE ns = ?1 AND class = ?2",
    [W_DEL_CLASS] = "DELETE FROM classes WHERE ns = ?1 AND name = ?2 COLLATE NOCASE",
    [W_UPD_QUAL] = ("UPDATE qualifiers SET name = ?2, blob = ?3 "
                   "WHERE ns = ?1 AND name = ?2 COLLATE NOCASE"),
};

enum { R_GET, R_EACH, R_REFS, R_COUNT_ALL, R_COUNT_CLASS, R_COUNT };

static const char *const rsql[R_COUNT] = {
    [R_GET] = "SELECT blob FROM instances WHERE ns = ?1 AND keystring = ?2",
    [R_EACH] = "SELECT blob FROM instances WHERE ns = ?1 AND class = ?2 ORDER BY id",
    [R_REFS] = ("SELECT r.instance_id, r.target_class, i.blob FROM refs r "
                "JOIN instances i ON i.id = r.instance_id "
                "WHERE r.ns = ?1 AND r.target_keys = ?2 "
                "AND (?3 IS NULL OR r.assoc_class = ?3 COLLATE NOCASE) "
                "AND (?4 IS NULL OR r.role = ?4 COLLATE NOCASE) ORDER BY r.instance_id"),
    [R_COUNT_ALL] = "SELECT count(*) FROM instances WHERE ns = ?1",
    [R_COUNT_CLASS] = "SELECT count(*) FROM instances WHERE ns = ?1 AND class = ?2",
};

static const char schema_sql[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "INSERT INTO meta VALUES('format', '" FORMAT_TAG "');"
    "CREATE TABLE namespaces(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE qualifiers(id INTEGER PRIMARY KEY, ns INTEGER NOT NULL, "
    "  name TEXT NOT NULL, blob BLOB NOT NULL);"
    "CREATE TABLE classes(id INTEGER PRIMARY KEY, ns INTEGER NOT NULL, "
    "  name TEXT NOT NULL, blob BLOB NOT NULL);"
    "CREATE TABLE instances(id INTEGER PRIMARY KEY, ns INTEGER NOT NULL, "
    "  class TEXT NOT NULL, keystring TEXT, blob BLOB NOT NULL, UNIQUE(ns, keystring));"
    "CREATE INDEX instances_class ON instances(ns, class);"
    "CREATE TABLE refs(ns INTEGER NOT NULL, target_keys TEXT NOT NULL, "
    "  target_class TEXT NOT NULL, assoc_class TEXT NOT NULL, role TEXT NOT NULL, "
    "  instance_id INTEGER NOT NULL);"
    "CREATE INDEX refs_target ON refs(ns, target_keys);"
    "CREATE INDEX refs_instance ON refs(instance_id);"
    "CREATE TABLE providers(id INTEGER PRIMARY KEY, ns INTEGER NOT NULL, "
    "  class TEXT NOT NULL COLLATE NOCASE, module TEXT NOT NULL, UNIQUE(ns, class));";

typedef struct reader {
    sqlite3 *db;
    sqlite3_stmt *st[R_COUNT];
    struct reader *next;
} reader;

struct mi_repo_file {
    char *path;
    bool readonly;
    sqlite3 *wdb;
    sqlite3_stmt *w[W_COUNT];
    pthread_mutex_t wlock; /* recursive: the writer, and tx_open */
    bool tx_open;          /* a repository transaction holds wlock */
    pthread_mutex_t plock; /* the reader pool */
    reader *idle;
    size_t nreaders;
};

/* ------------------------------------------------------------------ errors */

static MI_Result sql_rc(int code)
{
    switch (code & 0xff) {
    case SQLITE_NOMEM:
    case SQLITE_FULL:
    case SQLITE_TOOBIG:
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return MI_RESULT_ACCESS_DENIED;
    default:
        return MI_RESULT_FAILED;
    }
}

/* Records "path: what: sqlite message" and returns the matching MI_Result. */
static MI_Result sql_fail(const mi_repo_file *f, sqlite3 *db, const char *what)
{
    int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
    return repo_fail(sql_rc(code), "repository %s: %s: %s", f->path, what,
                     db ? sqlite3_errmsg(db) : "no connection");
}

static MI_Result exec(const mi_repo_file *f, sqlite3 *db, const char *sql)
{
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? MI_RESULT_OK : sql_fail(f, db, sql);
}

/* Switches the file to WAL mode. Changing the journal mode does not go through the
 * busy handler, so a concurrent opener's lock is waited out here: retried every 5 ms
 * for up to BUSY_TIMEOUT_MS. */
static MI_Result set_wal(const mi_repo_file *f)
{
    static const char sql[] = "PRAGMA journal_mode=WAL";
    for (unsigned waited = 0;; waited += 5) {
        int rc = sqlite3_exec(f->wdb, sql, NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return MI_RESULT_OK;
        if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || waited >= BUSY_TIMEOUT_MS)
            return sql_fail(f, f->wdb, sql);
        nanosleep(&(struct timespec){0, 5 * 1000 * 1000}, NULL);
    }
}

static void stmt_done(sqlite3_stmt *st)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

/* ------------------------------------------------------------------ writer */

static sqlite3_stmt *wstmt(mi_repo_file *f, int which)
{
    if (!f->w[which] && sqlite3_prepare_v3(f->wdb, wsql[which], -1,
                                           SQLITE_PREPARE_PERSISTENT, &f->w[which],
                                           NULL) != SQLITE_OK) {
        sql_fail(f, f->wdb, "preparing a statement");
        f->w[which] = NULL;
    }
    return f->w[which];
}

/* Starts one write: takes the writer and opens a savepoint (inside the repository
 * transaction, or as a transaction of its own). */
static MI_Result wbegin(mi_repo_file *f)
{
    if (f->readonly)
        return repo_fail(MI_RESULT_ACCESS_DENIED, "repository %s is open read-only",
                         f->path);
    pthread_mutex_lock(&f->wlock);
    MI_Result rc = exec(f, f->wdb, "SAVEPOINT w");
    if (rc != MI_RESULT_OK)
        pthread_mutex_unlock(&f->wlock);
    return rc;
}

/* Ends the write begun by wbegin: releases the savepoint when rc is OK (durable when
 * it was a transaction of its own), else rolls it back. Returns the final result. */
static MI_Result wend(mi_repo_file *f, MI_Result rc)
{
    if (rc == MI_RESULT_OK) {
        rc = exec(f, f->wdb, "RELEASE w");
        if (rc != MI_RESULT_OK && !f->tx_open && !sqlite3_get_autocommit(f->wdb))
            sqlite3_exec(f->wdb, "ROLLBACK", NULL, NULL, NULL);
    } else {
        sqlite3_exec(f->wdb, "ROLLBACK TO w; RELEASE w", NULL, NULL, NULL);
    }
    pthread_mutex_unlock(&f->wlock);
    return rc;
}

MI_Result repo_file_tx_begin(mi_repo *r)
{
    mi_repo_file *f = r->file;
    pthread_mutex_lock(&f->wlock);
    MI_Result rc = f->readonly ? MI_RESULT_OK : exec(f, f->wdb, "BEGIN IMMEDIATE");
    if (rc != MI_RESULT_OK) {
        pthread_mutex_unlock(&f->wlock);
        return rc;
    }
    f->tx_open = true;
    return rc;
}

MI_Result repo_file_tx_commit(mi_repo *r)
{
    mi_repo_file *f = r->file;
    MI_Result rc = f->readonly ? MI_RESULT_OK : exec(f, f->wdb, "COMMIT");
    if (rc != MI_RESULT_OK && !sqlite3_get_autocommit(f->wdb))
        sqlite3_exec(f->wdb, "ROLLBACK", NULL, NULL, NULL);
    f->tx_open = false;
    pthread_mutex_unlock(&f->wlock);
    return rc;
}

void repo_file_tx_rollback(mi_repo *r)
{
    mi_repo_file *f = r->file;
    if (!f->readonly && !sqlite3_get_autocommit(f->wdb))
        sqlite3_exec(f->wdb, "ROLLBACK", NULL, NULL, NULL);
    f->tx_open = false;
    pthread_mutex_unlock(&f->wlock);
}

/* Runs an insert-like statement whose parameters are bound; SQLITE_DONE expected. */
static MI_Result step_done(mi_repo_file *f, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    MI_Result r = rc == SQLITE_DONE ? MI_RESULT_OK : sql_fail(f, f->wdb, what);
    stmt_done(st);
    return r;
}

MI_Result repo_file_add_ns(mi_repo *r, mi_ns *ns)
{
    mi_repo_file *f = r->file;
    if (f->readonly)
        return repo_fail(MI_RESULT_ACCESS_DENIED, "repository %s is open read-only",
                         f->path);
    sqlite3_stmt *st = wstmt(f, W_INS_NS);
    if (!st)
        return MI_RESULT_FAILED;
    sqlite3_bind_text(st, 1, ns->name, -1, SQLITE_STATIC);
    MI_Result rc = step_done(f, st, "storing a namespace");
    if (rc == MI_RESULT_OK)
        ns->id = sqlite3_last_insert_rowid(f->wdb);
    return rc;
}

/* Stores a schema row (qualifier or class) of ns. */
static MI_Result put_schema_row(mi_ns *ns, int which, const char *name, const mi_buf *blob,
                                const char *what)
{
    mi_repo_file *f = ns->repo->file;
    if (f->readonly)
        return repo_fail(MI_RESULT_ACCESS_DENIED, "repository %s is open read-only",
                         f->path);
    sqlite3_stmt *st = wstmt(f, which);
    if (!st)
        return MI_RESULT_FAILED;
    sqlite3_bind_int64(st, 1, ns->id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 3, blob->data, (int)blob->len, SQLITE_STATIC);
    return step_done(f, st, what);
}

/* Stores a qualifier declaration (qd) or a class (cd) as one schema row. */
static MI_Result add_schema(mi_ns *ns, const MI_QualifierDecl *qd, const MI_ClassDecl *cd)
{
    const char *kind = qd ? "qualifier" : "class";
    const char *name = qd ? qd->name : cd->name;
    mi_buf blob, err;
    mi_buf_init(&blob, BLOB_CAP);
    mi_buf_init(&err, 1024);
    MI_Result rc;
    int enc = qd ? mi_repo_encode_qualdecl(&blob, qd, &err) : mi_repo_encode_class(&blob, cd, &err);
    if (enc < 0)
        rc = repo_fail(mi_buf_failed(&blob) ? MI_RESULT_SERVER_LIMITS_EXCEEDED
                                            : MI_RESULT_INVALID_PARAMETER,
                       "cannot store %s %s: %s", kind, name, mi_buf_str(&err));
    else
        rc = put_schema_row(ns, qd ? W_INS_QUAL : W_INS_CLASS, name, &blob,
                            qd ? "storing a qualifier" : "storing a class");
    mi_buf_free(&err);
    mi_buf_free(&blob);
    return rc;
}

MI_Result repo_file_add_qualifier(mi_ns *ns, const MI_QualifierDecl *qd)
{
    return add_schema(ns, qd, NULL);
}

MI_Result repo_file_add_class(mi_ns *ns, const MI_ClassDecl *cd)
{
    return add_schema(ns, NULL, cd);
}

MI_Result repo_file_del_class(mi_ns *ns, const char *name)
{
    mi_repo_file *f = ns->repo->file;
    if (f->readonly)
        return repo_fail(MI_RESULT_ACCESS_DENIED, "repository %s is open read-only",
                         f->path);
    sqlite3_stmt *st = wstmt(f, W_DEL_CLASS);
    if (!st)
        return MI_RESULT_FAILED;
    sqlite3_bind_int64(st, 1, ns->id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    return step_done(f, st, "removing a class");
}

MI_Result repo_file_replace_qualifier(mi_ns *ns, const MI_QualifierDecl *qd)
{
    mi_buf blob, err;
    mi_buf_init(&blob, BLOB_CAP);
    mi_buf_init(&err, 1024);
    MI_Result rc;
    if (mi_repo_encode_qualdecl(&blob, qd, &err) < 0)
        rc = repo_fail(mi_buf_failed(&blob) ? MI_RESULT_SERVER_LIMITS_EXCEEDED
                                            : MI_RESULT_INVALID_PARAMETER,
                       "cannot store qualifier %s: %s", qd->name, mi_buf_str(&err));
    else
        rc = put_schema_row(ns, W_UPD_QUAL, qd->name, &blob, "replacing a qualifier");
    mi_buf_free(&err);
    mi_buf_free(&blob);
    return rc;
}

MI_Result repo_file_set_provider(mi_repo *r, mi_ns *ns, const char *cls, const char *module)
{
    mi_repo_file *f = r->file;
    MI_Result rc = wbegin(f);
    if (rc != MI_RESULT_OK)
        return rc;
    sqlite3_stmt *st = wstmt(f, W_SET_PROV);
    if (!st) {
        rc = MI_RESULT_FAILED;
    } else {
        sqlite3_bind_int64(st, 1, ns->id);
        sqlite3_bind_text(st, 2, cls, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, module, -1, SQLITE_STATIC);
        rc = step_done(f, st, "storing a provider registration");
    }
    return wend(f, rc);
}

MI_Result repo_file_del_provider(mi_repo *r, mi_ns *ns, const char *cls)
{
    mi_repo_file *f = r->file;
    MI_Result rc = wbegin(f);
    if (rc != MI_RESULT_OK)
        return rc;
    sqlite3_stmt *st = wstmt(f, W_DEL_PROV);
    if (!st) {
        rc = MI_RESULT_FAILED;
    } else {
        sqlite3_bind_int64(st, 1, ns->id);
        sqlite3_bind_text(st, 2, cls, -1, SQLITE_STATIC);
        rc = step_done(f, st, "removing a provider registration");
    }
    return wend(f, rc);
}

/* The id of the instance stored under keystring (writer connection): OK, NOT_FOUND. */
static MI_Result find_id(mi_ns *ns, const char *keystring, sqlite3_int64 *id)
{
    mi_repo_file *f = ns->repo->file;
    sqlite3_stmt *st = wstmt(f, W_FIND_ID);
    if (!st)
        return MI_RESULT_FAILED;
    sqlite3_bind_int64(st, 1, ns->id);
    sqlite3_bind_text(st, 2, keystring, -1, SQLITE_STATIC);
    int s = sqlite3_step(st);
    MI_Result rc = MI_RESULT_OK;
    if (s == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    else if (s == SQLITE_DONE)
        rc = repo_fail(MI_RESULT_NOT_FOUND, "no instance %.300s in %s", keystring, ns->name);
    else
        rc = sql_fail(f, f->wdb, "looking up an instance");
    stmt_done(st);
    return rc;
}

/* One refs row per non-NULL REF property of an association instance. */
static MI_Result index_refs(mi_ns *ns, const MI_Instance *inst, sqlite3_int64 id,
                            mi_arena *a)
{
    mi_repo_file *f = ns->repo->file;
    const MI_ClassDecl *cd = inst->classDecl;
    MI_Result rc = MI_RESULT_OK;
    mi_buf kb;
    mi_buf_init(&kb, 1u << 24);
    if (!(cd->flags & MI_FLAG_ASSOCIATION))
        goto out_free;
    for (MI_Uint32 i = 0; i < cd->numProperties && rc == MI_RESULT_OK; i++) {
        const MI_PropertyDecl *pd = cd->properties[i];
        MI_Value v;
        MI_Type t;
        MI_Uint32 flags = 0;
        const char *keys, *cls;
        if (pd->type != MI_REFERENCE)
            continue;
        if (MI_Instance_GetElementAt(inst, i, NULL, &v, &t, &flags) != MI_RESULT_OK ||
            (flags & MI_FLAG_NULL) || !v.reference)
            continue;
        rc = repo_target_keys(ns, v.reference, a, &kb, &keys, &cls);
        if (rc != MI_RESULT_OK) {
            rc = repo_fail(rc == MI_RESULT_SERVER_LIMITS_EXCEEDED ? rc
                                                                  : MI_RESULT_INVALID_PARAMETER,
                           "reference %s of the instance of %s: %s", pd->name, cd->name,
                           mi_repo_last_error());
            break;
        }
        sqlite3_stmt *st = wstmt(f, W_INS_REF);
        if (!st) {
            rc = MI_RESULT_FAILED;
            break;
        }
        sqlite3_bind_int64(st, 1, ns->id);
        sqlite3_bind_text(st, 2, keys, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, cls, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, cd->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, pd->name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 6, id);
        rc = step_done(f, st, "indexing a reference");
    }
out_free:
    mi_buf_free(&kb);
    return rc;
}

MI_Result repo_file_put(mi_ns *ns, const MI_Instance *inst, bool keyed, bool modify)
{
    mi_repo_file *f = ns->repo->file;
    mi_arena a;
    mi_buf blob, keys;
    MI_Instance *bound;
    sqlite3_int64 id = 0;
    sqlite3_stmt *st;
    mi_arena_init(&a, 0, 0);
    mi_buf_init(&blob, BLOB_CAP);
    mi_buf_init(&keys, 1u << 24);
    MI_Result rc = repo_rebind(ns, inst, &a, &blob, keyed ? &keys : NULL, &bound);
    if (rc != MI_RESULT_OK)
        goto out_free;
    rc = wbegin(f);
    if (rc != MI_RESULT_OK)
        goto out_free;
    if (keyed) {
        rc = find_id(ns, mi_buf_str(&keys), &id);
        if (rc == MI_RESULT_OK && !modify) {
            rc = repo_fail(MI_RESULT_ALREADY_EXISTS, "an instance %.300s already exists in %s",
                           mi_buf_str(&keys), ns->name);
            goto out_end;
        }
        if (rc == MI_RESULT_NOT_FOUND && !modify)
            rc = MI_RESULT_OK;
        if (rc != MI_RESULT_OK)
            goto out_end;
    }
    st = wstmt(f, modify ? W_UPD_INST : W_INS_INST);
    if (!st) {
        rc = MI_RESULT_FAILED;
        goto out_end;
    }
    if (modify) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, bound->classDecl->name, -1, SQLITE_STATIC);
        sqlite3_bind_blob(st, 3, blob.data, (int)blob.len, SQLITE_STATIC);
    } else {
        sqlite3_bind_int64(st, 1, ns->id);
        sqlite3_bind_text(st, 2, bound->classDecl->name, -1, SQLITE_STATIC);
        if (keyed)
            sqlite3_bind_text(st, 3, mi_buf_str(&keys), -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 3);
        sqlite3_bind_blob(st, 4, blob.data, (int)blob.len, SQLITE_STATIC);
    }
    rc = step_done(f, st, "storing an instance");
    if (rc != MI_RESULT_OK)
        goto out_end;
    if (modify) {
        st = wstmt(f, W_DEL_REFS);
        if (!st) {
            rc = MI_RESULT_FAILED;
            goto out_end;
        }
        sqlite3_bind_int64(st, 1, id);
        rc = step_done(f, st, "updating the reference index");
        if (rc != MI_RESULT_OK)
            goto out_end;
    } else {
        id = sqlite3_last_insert_rowid(f->wdb);
    }
    rc = index_refs(ns, bound, id, &a);
out_end:
    rc = wend(f, rc);
out_free:
    mi_buf_free(&keys);
    mi_buf_free(&blob);
    mi_arena_destroy(&a);
    return rc;
}

MI_Result repo_file_delete(mi_ns *ns, const char *keystring)
{
    mi_repo_file *f = ns->repo->file;
    sqlite3_int64 id = 0;
    MI_Result rc = wbegin(f);
    if (rc != MI_RESULT_OK)
        return rc;
    rc = find_id(ns, keystring, &id);
    for (int which = W_DEL_REFS; rc == MI_RESULT_OK; which = W_DEL_INST) {
        sqlite3_stmt *st = wstmt(f, which);
        if (!st) {
            rc = MI_RESULT_FAILED;
            break;
        }
        sqlite3_bind_int64(st, 1, id);
        rc = step_done(f, st, "deleting an instance");
        if (which == W_DEL_INST)
            break;
    }
    return wend(f, rc);
}

/* ------------------------------------------------------------------ readers */

static MI_Result reader_get(mi_repo_file *f, reader **out)
{
    MI_Result rc = MI_RESULT_OK;
    reader *rd = NULL;
    pthread_mutex_lock(&f->plock);
    if (f->idle) {
        rd = f->idle;
        f->idle = rd->next;
    } else if (f->nreaders < MAX_READERS) {
        f->nreaders++;
    } else {
        rc = repo_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED,
                       "repository %s: more than %d concurrent readers", f->path,
                       MAX_READERS);
    }
    pthread_mutex_unlock(&f->plock);
    if (rc != MI_RESULT_OK || rd)
        goto out;
    rd = mi_calloc(1, sizeof *rd);
    if (!rd) {
        rc = repo_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        goto out_uncount;
    }
    if (sqlite3_open_v2(f->path, &rd->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        rc = sql_fail(f, rd->db, "opening a read connection");
        sqlite3_close(rd->db);
        mi_free(rd);
        rd = NULL;
        goto out_uncount;
    }
    sqlite3_busy_timeout(rd->db, BUSY_TIMEOUT_MS);
    goto out;
out_uncount:
    pthread_mutex_lock(&f->plock);
    f->nreaders--;
    pthread_mutex_unlock(&f->plock);
out:
    *out = rd;
    return rc;
}

static void reader_put(mi_repo_file *f, reader *rd)
{
    pthread_mutex_lock(&f->plock);
    rd->next = f->idle;
    f->idle = rd;
    pthread_mutex_unlock(&f->plock);
}

static void reader_close(reader *rd)
{
    for (int i = 0; i < R_COUNT; i++)
        sqlite3_finalize(rd->st[i]);
    sqlite3_close(rd->db);
    mi_free(rd);
}

static sqlite3_stmt *rstmt(mi_repo_file *f, reader *rd, int which)
{
    if (!rd->st[which] && sqlite3_prepare_v3(rd->db, rsql[which], -1,
                                             SQLITE_PREPARE_PERSISTENT, &rd->st[which],
                                             NULL) != SQLITE_OK) {
        sql_fail(f, rd->db, "preparing a statement");
        rd->st[which] = NULL;
    }
    return rd->st[which];
}

static MI_Result decode_row(mi_ns *ns, sqlite3_stmt *st, int col, mi_arena *a,
                            MI_Instance **out)
{
    mi_buf err;
    mi_buf_init(&err, 1024);
    const unsigned char *blob = sqlite3_column_blob(st, col);
    int n = sqlite3_column_bytes(st, col);
    MI_Result rc = mi_repo_decode_instance(a, blob ? blob : (const unsigned char *)"",
                                           n > 0 ? (size_t)n : 0, repo_ns_lookup, ns,
                                           ns->name, out, &err);
    if (rc != MI_RESULT_OK)
        rc = repo_fail(rc, "repository %s: a stored instance in %s cannot be read: %s",
                       ns->repo->file->path, ns->name, mi_buf_str(&err));
    mi_buf_free(&err);
    return rc;
}

MI_Result repo_file_get(mi_ns *ns, const char *keystring, mi_arena *a, MI_Instance **out)
{
    mi_repo_file *f = ns->repo->file;
    reader *rd;
    MI_Result rc = reader_get(f, &rd);
    if (rc != MI_RESULT_OK)
        return rc;
    sqlite3_stmt *st = rstmt(f, rd, R_GET);
    if (!st) {
        rc = MI_RESULT_FAILED;
        goto out_put;
    }
    sqlite3_bind_int64(st, 1, ns->id);
    sqlite3_bind_text(st, 2, keystring, -1, SQLITE_STATIC);
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW)
        rc = decode_row(ns, st, 0, a, out);
    else if (s == SQLITE_DONE)
        rc = repo_fail(MI_RESULT_NOT_FOUND, "no instance %.300s in %s", keystring, ns->name);
    else
        rc = sql_fail(f, rd->db, "reading an instance");
    stmt_done(st);
out_put:
    reader_put(f, rd);
    return rc;
}

MI_Result repo_file_exists(mi_ns *ns, const char *keystring)
{
    mi_repo_file *f = ns->repo->file;
    reader *rd;
    MI_Result rc = reader_get(f, &rd);
    if (rc != MI_RESULT_OK)
        return rc;
    sqlite3_stmt *st = rstmt(f, rd, R_GET);
    if (!st) {
        rc = MI_RESULT_FAILED;
        goto out_put;
    }
    sqlite3_bind_int64(st, 1, ns->id);
    sqlite3_bind_text(st, 2, keystring, -1, SQLITE_STATIC);
    int s = sqlite3_step(st);
    if (s == SQLITE_DONE)
        rc = repo_fail(MI_RESULT_NOT_FOUND, "no instance %.300s in %s", keystring, ns->name);
    else if (s != SQLITE_ROW)
        rc = sql_fail(f, rd->db, "reading an instance");
    stmt_done(st);
out_put:
    reader_put(f, rd);
    return rc;
}

MI_Result repo_file_each(mi_ns *ns, const MI_ClassDecl *cd, mi_instance_fn fn, void *ctx)
{
    mi_repo_file *f = ns->repo->file;
    mi_arena a;
    reader *rd;
    MI_Result rc = reader_get(f, &rd);
    if (rc != MI_RESULT_OK)
        return rc;
    mi_arena_init(&a, 0, 0);
    sqlite3_stmt *st = rstmt(f, rd, R_EACH);
    if (!st) {
        rc = MI_RESULT_FAILED;
        goto out_put;
    }
    sqlite3_bind_int64(st, 1, ns->id);
    sqlite3_bind_text(st, 2, cd->name, -1, SQLITE_STATIC);
    for (;;) {
        int s = sqlite3_step(st);
        if (s == SQLITE_DONE)
            break;
        if (s != SQLITE_ROW) {
            rc = sql_fail(f, rd->db, "reading instances");
            break;
        }
        MI_Instance *inst;
        mi_arena_destroy(&a);
        rc = decode_row(ns, st, 0, &a, &inst);
        if (rc != MI_RESULT_OK || !fn(ctx, inst))
            break;
    }
    stmt_done(st);
out_put:
    mi_arena_destroy(&a);
    reader_put(f, rd);
    return rc;
}

MI_Result repo_file_refs(mi_ns *ns, const char *keys, const char *target_cls,
                         const char *assoc_class, const char *role, mi_instance_fn fn,
                         void *ctx)
{
    mi_repo_file *f = ns->repo->file;
    mi_arena a;
    reader *rd;
    sqlite3_int64 last = 0;
    bool any = false;
    MI_Result rc = reader_get(f, &rd);
    if (rc != MI_RESULT_OK)
        return rc;
    mi_arena_init(&a, 0, 0);
    sqlite3_stmt *st = rstmt(f, rd, R_REFS);
    if (!st) {
        rc = MI_RESULT_FAILED;
        goto out_put;
    }
    sqlite3_bind_int64(st, 1, ns->id);
    sqlite3_bind_text(st, 2, keys, -1, SQLITE_STATIC);
    if (assoc_class)
        sqlite3_bind_text(st, 3, assoc_class, -1, SQLITE_STATIC);
    if (role)
        sqlite3_bind_text(st, 4, role, -1, SQLITE_STATIC);
    for (;;) {
        int s = sqlite3_step(st);
        if (s == SQLITE_DONE)
            break;
        if (s != SQLITE_ROW) {
            rc = sql_fail(f, rd->db, "reading the reference index");
            break;
        }
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        const char *tcls = (const char *)sqlite3_column_text(st, 1);
        if ((any && id == last) || !tcls || !repo_classes_related(ns, tcls, target_cls))
            continue;
        MI_Instance *inst;
        mi_arena_destroy(&a);
        rc = decode_row(ns, st, 2, &a, &inst);
        if (rc != MI_RESULT_OK)
            break;
        any = true;
        last = id;
        if (!fn(ctx, inst))
            break;
    }
    stmt_done(st);
out_put:
    mi_arena_destroy(&a);
    reader_put(f, rd);
    return rc;
}

MI_Result repo_file_count(mi_ns *ns, const MI_ClassDecl *cd, uint64_t *n)
{
    mi_repo_file *f = ns->repo->file;
    reader *rd;
    MI_Result rc = reader_get(f, &rd);
    if (rc != MI_RESULT_OK)
        return rc;
    sqlite3_stmt *st = rstmt(f, rd, cd ? R_COUNT_CLASS : R_COUNT_ALL);
    if (!st) {
        rc = MI_RESULT_FAILED;
        goto out_put;
    }
    sqlite3_bind_int64(st, 1, ns->id);
    if (cd)
        sqlite3_bind_text(st, 2, cd->name, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = (uint64_t)sqlite3_column_int64(st, 0);
    else
        rc = sql_fail(f, rd->db, "counting instances");
    stmt_done(st);
out_put:
    reader_put(f, rd);
    return rc;
}

/* ------------------------------------------------------------------ open / close */

/* Records the message, appends it to err (if given) and returns rc. */
static MI_Result open_fail(mi_buf *err, MI_Result rc)
{
    if (err && rc != MI_RESULT_OK)
        mi_buf_puts(err, mi_repo_last_error());
    return rc;
}

/* Creates the missing parent directories of path (mode 0700). */
static MI_Result make_parents(const char *path)
{
    MI_Result rc = MI_RESULT_OK;
    char *p = mi_strdup(path);
    if (!p)
        return repo_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = 0;
        if (mkdir(p, 0700) != 0 && errno != EEXIST) {
            rc = repo_fail(errno == EACCES ? MI_RESULT_ACCESS_DENIED : MI_RESULT_FAILED,
                           "cannot create directory %s for repository %s: %s", p, path,
                           strerror(errno));
            break;
        }
        *s = '/';
    }
    mi_free(p);
    return rc;
}

/* One integer from a single-row query; false on any error. */
static bool query_int(sqlite3 *db, const char *sql, sqlite3_int64 *v)
{
    sqlite3_stmt *st = NULL;
    bool ok = sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_ROW;
    if (ok)
        *v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return ok;
}

/* A message for a file that SQLite refuses to read. */
static MI_Result unreadable(mi_repo_file *f)
{
    int code = sqlite3_extended_errcode(f->wdb) & 0xff;
    if (code == SQLITE_NOTADB)
        return repo_fail(MI_RESULT_FAILED, "repository %s is not a SQLite database "
                         "(or its header is corrupt)", f->path);
    if (code == SQLITE_CORRUPT)
        return repo_fail(MI_RESULT_FAILED, "repository %s is corrupt: %s", f->path,
                         sqlite3_errmsg(f->wdb));
    return sql_fail(f, f->wdb, "reading the repository header");
}

static MI_Result check_format(mi_repo_file *f)
{
    sqlite3_int64 version = 0, tables = 0;
    /* One read transaction, so that both figures come from the same snapshot even while
     * another process is creating the repository. */
    bool read_ok = sqlite3_exec(f->wdb, "BEGIN", NULL, NULL, NULL) == SQLITE_OK &&
                   query_int(f->wdb, "PRAGMA user_version", &version) &&
                   query_int(f->wdb, "SELECT count(*) FROM sqlite_master", &tables);
    if (!read_ok) {
        MI_Result why = unreadable(f); /* before ROLLBACK resets the error code */
        sqlite3_exec(f->wdb, "ROLLBACK", NULL, NULL, NULL);
        return why;
    }
    sqlite3_exec(f->wdb, "COMMIT", NULL, NULL, NULL);
    if (version == 0) {
        if (tables)
            return repo_fail(MI_RESULT_FAILED, "%s is a SQLite database but not a libmi "
                             "repository (no repository format version)", f->path);
        if (f->readonly)
            return repo_fail(MI_RESULT_FAILED, "repository %s is empty (not a libmi "
                             "repository) and was opened read-only", f->path);
        MI_Result rc = set_wal(f);
        if (rc == MI_RESULT_OK)
            rc = exec(f, f->wdb, "BEGIN IMMEDIATE");
        if (rc != MI_RESULT_OK)
            return rc;
        /* Another process may have created the repository while this one waited for
         * the write lock: look again inside the transaction. */
        if (!query_int(f->wdb, "PRAGMA user_version", &version) ||
            !query_int(f->wdb, "SELECT count(*) FROM sqlite_master", &tables)) {
            sqlite3_exec(f->wdb, "ROLLBACK", NULL, NULL, NULL);
            return unreadable(f);
        }
        if (version != 0 || tables != 0) {
            rc = exec(f, f->wdb, "COMMIT");
            return rc == MI_RESULT_OK ? check_format(f) : rc;
        }
        char sql[sizeof schema_sql + 64];
        snprintf(sql, sizeof sql, "%sPRAGMA user_version=%d;", schema_sql,
                 MI_REPO_FORMAT_VERSION);
        rc = exec(f, f->wdb, sql);
        if (rc == MI_RESULT_OK)
            rc = exec(f, f->wdb, "COMMIT");
        if (rc != MI_RESULT_OK)
            sqlite3_exec(f->wdb, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    if (version != MI_REPO_FORMAT_VERSION)
        return repo_fail(MI_RESULT_FAILED, "repository %s has format version %lld; this "
                         "library reads version %d", f->path, (long long)version,
                         MI_REPO_FORMAT_VERSION);
    sqlite3_stmt *st = NULL;
    bool ok = sqlite3_prepare_v2(f->wdb, "SELECT value FROM meta WHERE key = 'format'", -1,
                                 &st, NULL) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
              strcmp((const char *)sqlite3_column_text(st, 0), FORMAT_TAG) == 0;
    sqlite3_finalize(st);
    if (!ok)
        return repo_fail(MI_RESULT_FAILED, "%s is not a libmi repository (no format tag)",
                         f->path);
    return MI_RESULT_OK;
}

static mi_ns *ns_by_id(mi_repo *r, sqlite3_int64 id)
{
    for (size_t i = 0; i < r->nss.len; i++) {
        mi_ns *ns = r->nss.items[i];
        if (ns->id == id)
            return ns;
    }
    return NULL;
}

/* Loads namespaces, qualifier declarations, classes and registrations. */
static MI_Result load(mi_repo *r)
{
    static const char *const sql[4] = {
        "SELECT id, name FROM namespaces ORDER BY id",
        "SELECT ns, name, blob FROM qualifiers ORDER BY id",
        "SELECT ns, name, blob FROM classes ORDER BY id",
        "SELECT ns, class, module FROM providers ORDER BY id",
    };
    mi_repo_file *f = r->file;
    MI_Result rc = MI_RESULT_OK;
    mi_buf err;
    mi_buf_init(&err, 1024);
    mi_arena *a = mi_arena_new(1u << 16, 0);
    if (!a || mi_repo_adopt_arena(r, a) != MI_RESULT_OK) {
        rc = repo_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory loading %s", f->path);
        goto out;
    }
    for (int q = 0; q < 4 && rc == MI_RESULT_OK; q++) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(f->wdb, sql[q], -1, &st, NULL) != SQLITE_OK) {
            rc = unreadable(f);
            break;
        }
        for (;;) {
            int s = sqlite3_step(st);
            if (s == SQLITE_DONE)
                break;
            if (s != SQLITE_ROW) {
                rc = unreadable(f);
                break;
            }
            sqlite3_int64 nsid = sqlite3_column_int64(st, 0);
            const char *name = (const char *)sqlite3_column_text(st, 1);
            mi_ns *ns = q == 0 ? NULL : ns_by_id(r, nsid);
            if (!name || (q && !ns)) {
                rc = repo_fail(MI_RESULT_FAILED, "repository %s is corrupt: a row of %s "
                               "names no namespace", f->path, sql[q] + 14);
                break;
            }
            if (q == 0) {
                rc = repo_mem_ns_add(r, name, nsid, &ns);
            } else if (q == 3) {
                const char *module = (const char *)sqlite3_column_text(st, 2);
                rc = module ? repo_mem_set_provider(r, ns, name, module)
                            : repo_fail(MI_RESULT_FAILED, "repository %s is corrupt: "
                                        "provider of %s without module", f->path, name);
            } else {
                int n = sqlite3_column_bytes(st, 2);
                const void *b = sqlite3_column_blob(st, 2);
                unsigned char *copy = mi_arena_memdup(a, b ? b : "", n > 0 ? (size_t)n : 0);
                if (!copy) {
                    rc = repo_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
                    break;
                }
                mi_buf_reset(&err);
                if (q == 1) {
                    MI_QualifierDecl *qd;
                    rc = mi_repo_decode_qualdecl(a, copy, (size_t)n, &qd, &err);
                    if (rc == MI_RESULT_OK)
                        rc = repo_mem_add_qualifier(ns, qd);
                } else {
                    MI_ClassDecl *cd;
                    rc = mi_repo_decode_class(a, copy, (size_t)n, repo_ns_lookup, ns, &cd,
                                              &err);
                    if (rc == MI_RESULT_OK)
                        rc = repo_mem_add_class(ns, cd);
                }
                if (rc == MI_RESULT_FAILED && err.len)
                    repo_fail(rc, "repository %s is corrupt: stored %s %s in %s: %s",
                              f->path, q == 1 ? "qualifier" : "class", name, ns->name,
                              mi_buf_str(&err));
                else if (rc == MI_RESULT_SERVER_LIMITS_EXCEEDED)
                    repo_fail(rc, "out of memory loading %s %s from repository %s",
                              q == 1 ? "qualifier" : "class", name, f->path);
            }
            if (rc != MI_RESULT_OK)
                break;
        }
        sqlite3_finalize(st);
    }
out:
    mi_buf_free(&err);
    return rc;
}

MI_Result repo_file_open(mi_repo *r, const char *path, unsigned flags, mi_buf *err)
{
    MI_Result rc;
    struct stat sb;
    pthread_mutexattr_t attr;
    mi_repo_file *f = mi_calloc(1, sizeof *f);
    if (!f || !(f->path = mi_strdup(path))) {
        mi_free(f);
        return open_fail(err, repo_fail(MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory"));
    }
    f->readonly = (flags & MI_REPO_READONLY) != 0;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&f->wlock, &attr);
    pthread_mutexattr_destroy(&attr);
    pthread_mutex_init(&f->plock, NULL);
    r->file = f;

    if (stat(path, &sb) != 0) {
        if (errno != ENOENT) {
            rc = repo_fail(errno == EACCES ? MI_RESULT_ACCESS_DENIED : MI_RESULT_FAILED,
                           "repository %s: %s", path, strerror(errno));
            goto out;
        }
        if (!(flags & MI_REPO_CREATE) || f->readonly) {
            rc = repo_fail(MI_RESULT_NOT_FOUND, "repository %s does not exist", path);
            goto out;
        }
        rc = make_parents(path);
        if (rc != MI_RESULT_OK)
            goto out;
    } else if (!S_ISREG(sb.st_mode)) {
        rc = repo_fail(MI_RESULT_FAILED, "repository %s is not a regular file", path);
        goto out;
    }
    int oflags = f->readonly ? SQLITE_OPEN_READONLY
                             : SQLITE_OPEN_READWRITE |
                                   ((flags & MI_REPO_CREATE) ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &f->wdb, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        int e = errno;
        rc = repo_fail(e == EACCES ? MI_RESULT_ACCESS_DENIED : MI_RESULT_FAILED,
                       "cannot open repository %s: %s", path,
                       f->wdb ? sqlite3_errmsg(f->wdb) : "out of memory");
        goto out;
    }
    sqlite3_busy_timeout(f->wdb, BUSY_TIMEOUT_MS);
    rc = check_format(f);
    if (rc != MI_RESULT_OK)
        goto out;
    if (!f->readonly) {
        rc = set_wal(f);
        if (rc == MI_RESULT_OK)
            rc = exec(f, f->wdb, "PRAGMA synchronous=FULL");
        if (rc != MI_RESULT_OK)
            goto out;
    }
    rc = load(r);
out:
    return open_fail(err, rc);
}

void repo_file_close(mi_repo *r)
{
    mi_repo_file *f = r->file;
    if (!f)
        return;
    while (f->idle) {
        reader *rd = f->idle;
        f->idle = rd->next;
        reader_close(rd);
    }
    for (int i = 0; i < W_COUNT; i++)
        sqlite3_finalize(f->w[i]);
    sqlite3_close(f->wdb);
    pthread_mutex_destroy(&f->plock);
    pthread_mutex_destroy(&f->wlock);
    mi_free(f->path);
    mi_free(f);
    r->file = NULL;
}

const char *repo_file_path(const mi_repo *r)
{
    return r->file->path;
}
