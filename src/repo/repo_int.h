/* repo_int.h - private to src/repo: the binary blob format of stored classes,
 * qualifier declarations and instances (serial.c), and the SQLite store (store.c).
 *
 * Blob format (all integers LEB128 varints unless noted, strings as varint length L,
 * L bytes, one NUL byte): a blob starts with a kind byte ('C' class, 'Q' qualifier
 * declaration, 'I' instance) and the format version byte (MI_REPO_BLOB_VERSION).
 * The decoders check every length and count against the bytes left, every type, and
 * the UTF-8 of every string, and reject anything else with a message: a malformed blob
 * never makes them read out of bounds or allocate more than a bounded multiple of its
 * size.
 */
#ifndef MI_REPO_REPO_INT_H
#define MI_REPO_REPO_INT_H

#include <mi.h>
#include <stdbool.h>
#include <stddef.h>

#include <pthread.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/map.h"
#include "base/vec.h"
#include "repo/repo.h"

typedef struct sqlite3 sqlite3;
typedef struct mi_repo_file mi_repo_file;

#define MI_REPO_BLOB_VERSION 1
/* Embedded instances nest at most this deep in a stored value. */
#define MI_REPO_BLOB_MAX_DEPTH 32

/* Looks up a class by name (without case) for the decoders: the superclass of a
 * class, the class of a stored instance. NULL if unknown. */
typedef const MI_ClassDecl *(*mi_repo_class_lookup)(void *ctx, const char *name);

/* Appends the blob of a class decl. Properties, methods and qualifier lists that are
 * the superclass's own (same pointer) are stored as references to it. -1 if out failed
 * or cd holds something that cannot be stored (invalid type, NULL in an array); the
 * reason is in err when given. */
int mi_repo_encode_class(mi_buf *out, const MI_ClassDecl *cd, mi_buf *err);
/* Appends the blob of a qualifier declaration. -1 as above. */
int mi_repo_encode_qualdecl(mi_buf *out, const MI_QualifierDecl *qd, mi_buf *err);
/* Appends the blob of an instance: class name, decl flags, then every element (name,
 * type, flags, NULL or value; embedded and reference instances recursively). -1 as
 * above. */
int mi_repo_encode_instance(mi_buf *out, const MI_Instance *inst, mi_buf *err);

/* Decodes a class blob into arena a. The blob must stay valid as long as the decl
 * (strings point into it: callers copy the blob into the same arena first). The
 * superclass is found with lookup; the decl is laid out (mi_classdecl_layout) and its
 * superClassDecl linked. FAILED with a message in err for a malformed blob or an
 * unknown superclass; SERVER_LIMITS_EXCEEDED when out of memory. */
MI_Result mi_repo_decode_class(mi_arena *a, const unsigned char *blob, size_t n,
                               mi_repo_class_lookup lookup, void *ctx,
                               MI_ClassDecl **out, mi_buf *err);
/* Decodes a qualifier declaration blob (same lifetime rule). */
MI_Result mi_repo_decode_qualdecl(mi_arena *a, const unsigned char *blob, size_t n,
                                  MI_QualifierDecl **out, mi_buf *err);
/* Decodes an instance blob into arena a (values are copied out of the blob, which may
 * go afterwards). The instance and its embedded instances are bound to the decls that
 * lookup finds (properties matched by name), else made dynamic; the top-level class
 * must be found. ns becomes the instance's namespace (may be NULL). FAILED for a
 * malformed blob or one that does not match its class; SERVER_LIMITS_EXCEEDED. */
MI_Result mi_repo_decode_instance(mi_arena *a, const unsigned char *blob, size_t n,
                                  mi_repo_class_lookup lookup, void *ctx, const char *ns,
                                  MI_Instance **out, mi_buf *err);

/* ------------------------------------------------------------------ the in-memory
 * structures (repo.c) */

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
    int64_t id;          /* row id in the file's namespaces table (file repositories) */
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
typedef enum undo_kind {
    U_NS, U_ARENA, U_QUAL, U_CLASS, U_INST, U_UNKEYED,
    U_CLASS_DEL,   /* what: the removed class_info (freed at commit); i1: its index in
                      ns->classes; i2: its index in the superclass's subclasses */
    U_QUAL_REPL    /* what: the new decl; old: the replaced one; i1: index in ns->quals */
} undo_kind;
typedef struct undo {
    undo_kind kind;
    mi_ns *ns;
    const void *what;
    const void *old;
    size_t i1, i2;
} undo;

struct mi_repo {
    mi_vec arenas;   /* mi_arena* */
    mi_vec nss;      /* mi_ns* in order created */
    mi_map ns_map;   /* normalised name -> mi_ns* (keys are ns->name) */
    bool in_tx;
    undo *journal;   /* mi_malloc'd, `njournal` used of `ajournal` */
    size_t njournal, ajournal;
    mi_vec provs;    /* repo_prov* in order registered */
    pthread_rwlock_t mem_lock; /* in-memory instance store: readers vs writers */
    mi_repo_file *file; /* NULL for an in-memory repository */
};

/* One provider registration (strings mi_malloc'd). */
typedef struct repo_prov {
    mi_ns *ns;
    char *cls;
    char *module;
} repo_prov;


/* Records the failure message of this thread (mi_repo_last_error) and returns rc. */
MI_Result repo_fail(MI_Result rc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Memory-only steps used by the file layer when loading (no journal, no file). */
MI_Result repo_mem_ns_add(mi_repo *r, const char *name, int64_t id, mi_ns **out);
MI_Result repo_mem_add_qualifier(mi_ns *ns, const MI_QualifierDecl *qd);
MI_Result repo_mem_add_class(mi_ns *ns, const MI_ClassDecl *cd);
MI_Result repo_mem_set_provider(mi_repo *r, mi_ns *ns, const char *cls, const char *module);
void repo_mem_del_provider(mi_repo *r, size_t i);

/* Normalised target keys ("k1=v1,k2=v2" or "=@", no class: *keys_out, inside buf)
 * and class name (*cls) of the instance a reference points at, or of a target: keys
 * normalised against ns's decl of its class when ns has one. buf is reset first;
 * other strings live in a. */
MI_Result repo_target_keys(mi_ns *ns, const MI_Instance *ref, mi_arena *a, mi_buf *buf,
                           const char **keys_out, const char **cls);
/* Copies inst bound to ns's decl of its class (matched without case; properties by
 * name) into arena a: *out. blob (reset first) receives the stored encoding. When
 * keys is given it receives the key string (INVALID_PARAMETER if a key is NULL).
 * INVALID_CLASS, INVALID_PARAMETER (does not fit the class), SERVER_LIMITS_EXCEEDED. */
MI_Result repo_rebind(mi_ns *ns, const MI_Instance *inst, mi_arena *a, mi_buf *blob,
                      mi_buf *keys, MI_Instance **out);
/* True if class names x and y are equal (without case) or one derives from the other
 * through ns's class decls. */
bool repo_classes_related(const mi_ns *ns, const char *x, const char *y);
/* Class lookup callback for the decoders: ctx is an mi_ns. */
const MI_ClassDecl *repo_ns_lookup(void *ctx, const char *name);

/* ------------------------------------------------------------------ the file (file.c)
 * All functions record a message with repo_fail on failure. */

MI_Result repo_file_open(mi_repo *r, const char *path, unsigned flags, mi_buf *err);
void repo_file_close(mi_repo *r);
const char *repo_file_path(const mi_repo *r);
MI_Result repo_file_tx_begin(mi_repo *r);
MI_Result repo_file_tx_commit(mi_repo *r);
void repo_file_tx_rollback(mi_repo *r);
/* Schema rows, written inside the repository transaction (repo.c opens one). */
MI_Result repo_file_add_ns(mi_repo *r, mi_ns *ns);
MI_Result repo_file_add_qualifier(mi_ns *ns, const MI_QualifierDecl *qd);
MI_Result repo_file_add_class(mi_ns *ns, const MI_ClassDecl *cd);
/* Deletes the row of class `name` (as stored) / rewrites the row of qualifier qd->name. */
MI_Result repo_file_del_class(mi_ns *ns, const char *name);
MI_Result repo_file_replace_qualifier(mi_ns *ns, const MI_QualifierDecl *qd);
MI_Result repo_file_set_provider(mi_repo *r, mi_ns *ns, const char *cls, const char *module);
MI_Result repo_file_del_provider(mi_repo *r, mi_ns *ns, const char *cls);
/* Instances. */
MI_Result repo_file_get(mi_ns *ns, const char *keystring, mi_arena *a, MI_Instance **out);
MI_Result repo_file_exists(mi_ns *ns, const char *keystring);
MI_Result repo_file_each(mi_ns *ns, const MI_ClassDecl *cd, mi_instance_fn fn, void *ctx);
MI_Result repo_file_refs(mi_ns *ns, const char *keys, const char *target_cls,
                         const char *assoc_class, const char *role, mi_instance_fn fn,
                         void *ctx);
/* Stores inst: create (keyed or not), or modify. */
MI_Result repo_file_put(mi_ns *ns, const MI_Instance *inst, bool keyed, bool modify);
MI_Result repo_file_delete(mi_ns *ns, const char *keystring);
MI_Result repo_file_count(mi_ns *ns, const MI_ClassDecl *cd, uint64_t *n);

#endif
