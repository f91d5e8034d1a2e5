/* repo.h - the class repository: namespaces, qualifier declarations, classes with
 * resolved inheritance, subclass lists, association roles, static instances keyed by
 * normalised path, a reference index over stored associations, and provider
 * registrations.
 *
 * Two kinds, one API:
 * - in memory (mi_repo_new): for tests and the tools' --mof mode; nothing persists;
 * - a file (mi_repo_open): one SQLite file (WAL, synchronous=FULL). Namespaces,
 *   qualifier declarations, classes and provider registrations are loaded into memory
 *   at open; static instances and the reference index stay in the file. Every write is
 *   a SQLite transaction: a write that returned OK is durable, and a process killed
 *   mid-write leaves the file as it was before or after the write.
 *
 * Layer: depends on cim and base. The MOF compiler fills it; the engine reads it.
 *
 * Ownership: the repository keeps every arena handed to it with mi_repo_adopt_arena
 * until mi_repo_free; decls added must live in such an arena (or be static). Lookups
 * return borrowed pointers valid until mi_repo_free.
 *
 * Visibility: reads of a file repository see committed data only; instances written
 * inside an open mi_repo_begin transaction become visible to them at commit. Several
 * handles (or processes) may open the same file: instances written through one are
 * seen by the others at once, schema changes (loaded at open) only after reopening.
 *
 * Threading: the instance functions (mi_ns_get_instance ... mi_ns_count_instances,
 * mi_ns_create/modify/delete_instance) are safe from any number of threads at once,
 * readers and writers (a file repository lends each call a read connection from a
 * pool of at most 64 and has one writer connection behind a mutex; an in-memory one
 * uses a read/write lock). Schema changes (namespaces, qualifier declarations,
 * classes, provider registrations, adopted arenas) need exclusive access: no other
 * thread may use the repository meanwhile. A file repository's transaction
 * (mi_repo_begin .. commit/rollback) that only writes instances may run while other
 * threads use the instance functions: their reads see the state before it, their
 * writes wait until it ends. Class, qualifier and namespace lookups are plain reads of
 * memory and may run concurrently with each other and with instance functions.
 *
 * Errors: functions returning MI_Result leave a message naming the problem in
 * mi_repo_last_error() (per thread).
 */
#ifndef MI_REPO_REPO_H
#define MI_REPO_REPO_H

#include <mi.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"

typedef struct mi_repo mi_repo;
typedef struct mi_ns mi_ns;

/* A new empty in-memory repository. OK or SERVER_LIMITS_EXCEEDED. */
MI_Result mi_repo_new(mi_repo **out);

/* Flags of mi_repo_open. */
#define MI_REPO_READONLY 0x1u /* refuse every write (ACCESS_DENIED) */
#define MI_REPO_CREATE   0x2u /* create the file (and its parent directories, mode
                               * 0700) when it does not exist */

/* Opens (or with MI_REPO_CREATE creates) the repository file `path` and loads its
 * namespaces, qualifier declarations, classes and provider registrations. Errors, each
 * with a message naming the file and the problem appended to err (may be NULL):
 * NOT_FOUND (no such file and no MI_REPO_CREATE), ACCESS_DENIED (permissions),
 * FAILED (not a SQLite file, corrupt file or corrupt stored class, a repository
 * format version this library does not know), SERVER_LIMITS_EXCEEDED (out of memory).
 * *out is NULL on failure. Close with mi_repo_free. */
MI_Result mi_repo_open(const char *path, unsigned flags, mi_repo **out, mi_buf *err);

/* Where the repository lives by default: $MI_REPOSITORY, else
 * $XDG_DATA_HOME/libmi/repository.db, else $HOME/.local/share/libmi/repository.db.
 * mi_malloc'd (mi_free); NULL when none can be determined or out of memory. Creates
 * nothing (mi_repo_open with MI_REPO_CREATE creates the parent directories). */
char *mi_repo_default_path(void);

/* The file of a repository; NULL for an in-memory one. */
const char *mi_repo_path(const mi_repo *r);

/* The repository format version this library writes and reads (stored in the
 * file's PRAGMA user_version). */
#define MI_REPO_FORMAT_VERSION 1

/* The message of the last failure of a repository function in the calling thread
 * ("" if none). Valid until the next failure in the same thread. */
const char *mi_repo_last_error(void);

/* Closes the file (if any) and frees everything. NULL is a no-op. */
void mi_repo_free(mi_repo *r);

/* The repository takes the arena (made with mi_arena_new) and frees it in
 * mi_repo_free. OK or SERVER_LIMITS_EXCEEDED (the arena is then freed). */
MI_Result mi_repo_adopt_arena(mi_repo *r, mi_arena *a);

/* Transactions. Between mi_repo_begin and mi_repo_commit the repository records every
 * change (namespace created, arena adopted, qualifier declaration added or replaced,
 * class added or removed, instance added); mi_repo_rollback undoes them in reverse
 * order without allocating, so it cannot fail: added instances are deleted, adopted
 * arenas freed, removed classes put back, namespaces created in the transaction
 * removed. A change that cannot be recorded (out of memory) fails
 * with SERVER_LIMITS_EXCEEDED before changing anything. One transaction at a time:
 * begin returns FAILED if one is open. Commit and rollback without begin do nothing.
 * For a file repository the whole transaction is one SQLite transaction (begin takes
 * the writer; other threads' instance writes wait until commit or rollback): commit
 * makes it durable and returns OK, or, if the file cannot be written, rolls back
 * memory and file and returns the error (FAILED / SERVER_LIMITS_EXCEEDED). Writes
 * outside a transaction are each their own SQLite transaction. begin and its commit
 * or rollback must be called on the same thread. */
MI_Result mi_repo_begin(mi_repo *r);
/* True while a transaction begun with mi_repo_begin is open. */
bool mi_repo_in_transaction(const mi_repo *r);
MI_Result mi_repo_commit(mi_repo *r);
void mi_repo_rollback(mi_repo *r);

/* Namespace names compare without case; '\' is read as '/'; leading/trailing '/' are
 * ignored. mi_repo_ns returns NULL if the namespace does not exist. */
mi_ns *mi_repo_ns(const mi_repo *r, const char *name);
/* Appends the normalised form of a namespace name ('/' separators, no leading or
 * trailing '/') to out. INVALID_NAMESPACE for a malformed name,
 * SERVER_LIMITS_EXCEEDED if out failed. */
MI_Result mi_repo_ns_normalize(const char *name, mi_buf *out);
/* Finds or creates a namespace. INVALID_NAMESPACE for a malformed name (empty segment,
 * characters other than identifier characters). */
MI_Result mi_repo_ns_add(mi_repo *r, const char *name, mi_ns **out);
size_t mi_repo_ns_count(const mi_repo *r);
mi_ns *mi_repo_ns_at(const mi_repo *r, size_t i);

const char *mi_ns_name(const mi_ns *ns);

/* Qualifier declarations. Add: ALREADY_EXISTS if one of that name exists. */
const MI_QualifierDecl *mi_ns_qualifier(const mi_ns *ns, const char *name);
MI_Result mi_ns_add_qualifier(mi_ns *ns, const MI_QualifierDecl *qd);
/* Replaces the declaration of qd->name (any case) by qd: for classes compiled from
 * then on; stored classes keep the qualifier values and flavors they hold. NOT_FOUND
 * if there is none. Journaled like an add. */
MI_Result mi_ns_replace_qualifier(mi_ns *ns, const MI_QualifierDecl *qd);
size_t mi_ns_qualifier_count(const mi_ns *ns);
const MI_QualifierDecl *mi_ns_qualifier_at(const mi_ns *ns, size_t i);

/* Classes. Add: the decl is complete (flattened, laid out, superClassDecl set to the
 * decl of the superclass in this namespace). ALREADY_EXISTS for a duplicate name,
 * INVALID_SUPERCLASS if cd->superClass is not in the namespace. Classes are kept in the
 * order they were added (a superclass always before its subclasses). */
const MI_ClassDecl *mi_ns_class(const mi_ns *ns, const char *name);
MI_Result mi_ns_add_class(mi_ns *ns, const MI_ClassDecl *cd);
/* Removes class cd (the decl stored in ns under its name) so that a new definition
 * can be added: it must have no subclasses left (remove the deepest first) and no
 * stored instances. Only inside a transaction (mi_repo_begin; a file repository opens
 * one of its own otherwise): the rollback puts it back where it was. Provider
 * registrations, which name classes, stay. The decl stays valid (its arena is the
 * repository's) but is no longer found. NOT_FOUND (not ns's decl of that name), FAILED
 * (subclasses or instances), NOT_SUPPORTED (in-memory repository outside a
 * transaction), SERVER_LIMITS_EXCEEDED. */
MI_Result mi_ns_remove_class(mi_ns *ns, const MI_ClassDecl *cd);
/* 1 if a and b would be stored the same (same name, superclass name, flags,
 * qualifiers, members, and the same members inherited unchanged from their
 * superclass decls), 0 if not, -1 when out of memory or not storable. Compare the
 * superclass decls too: a class inherits through superClassDecl. */
int mi_repo_class_equal(const MI_ClassDecl *a, const MI_ClassDecl *b);
size_t mi_ns_class_count(const mi_ns *ns);
const MI_ClassDecl *mi_ns_class_at(const mi_ns *ns, size_t i);
/* Direct subclasses of cd (in order added); *n receives the count. */
const MI_ClassDecl *const *mi_ns_subclasses(const mi_ns *ns, const MI_ClassDecl *cd,
                                            size_t *n);
/* Calls fn for cd and every class that derives from it, parents before children;
 * stops and returns early when fn returns false. Returns false if stopped. */
bool mi_ns_walk_subclasses(const mi_ns *ns, const MI_ClassDecl *cd,
                           bool (*fn)(void *ctx, const MI_ClassDecl *cd), void *ctx);
size_t mi_ns_association_count(const mi_ns *ns);

/* The REF properties (roles) of a class, in property order; *n receives the count.
 * For an association class these are its roles. Borrowed. */
const MI_PropertyDecl *const *mi_ns_class_roles(const mi_ns *ns, const MI_ClassDecl *cd,
                                                size_t *n);

/* ------------------------------------------------------------------ instances
 *
 * Static instances are keyed by mi_instance_keystring ("Class.k1=...,k2=..."): the
 * lookup is exact (case-sensitive) on that string, which already carries the declared
 * spelling of class and key names, while key VALUES are case-sensitive. An instance
 * stored in a file repository is decoded against the class decl of its class in the
 * repository; instances handed to a callback live only during that call (decoded into
 * a scratch arena), copy them (MI_Instance_Clone) to keep them. */

/* Copies the instance stored under keystring into arena a (*out; its class decl is
 * the repository's). NOT_FOUND if there is none; SERVER_LIMITS_EXCEEDED. */
MI_Result mi_ns_get_instance(mi_ns *ns, const char *keystring, mi_arena *a,
                             MI_Instance **out);
/* OK if an instance is stored under keystring, else NOT_FOUND (or an error). */
MI_Result mi_ns_instance_exists(mi_ns *ns, const char *keystring);

/* Called per instance; return false to stop. inst is valid only during the call.
 * In a file repository fn may call any instance function (reads use a connection of
 * their own and see the last committed state; writes go through the writer). In an
 * in-memory repository fn runs under the store's read lock: it may read but must not
 * create, modify or delete instances. */
typedef bool (*mi_instance_fn)(void *ctx, const MI_Instance *inst);

/* Calls fn for every stored instance whose class is exactly cd (a decl of this
 * namespace or one of the same name), in the order stored. OK (also when fn stopped
 * it), INVALID_CLASS if cd is not a class of ns, or a storage error. fn must not
 * write to the repository from a file repository's read connection: it may call the
 * instance functions (they use other statements) but not schema changes. */
MI_Result mi_ns_each_instance(mi_ns *ns, const MI_ClassDecl *cd, mi_instance_fn fn,
                              void *ctx);

/* Calls fn for every stored association instance one of whose REF properties (the
 * one named role, if role is given; names without case) points at target: the
 * reference's key values equal target's, and its class equals target's class or one
 * derives from the other (classes compared without case through ns). assoc_class
 * (exact class, without case; NULL = any) filters the association's class. The cost
 * is proportional to the number of matching references, not to the number of stored
 * associations (file repositories; an in-memory one scans its association
 * instances). Only scalar REF properties are indexed; the namespace of a reference
 * path is not compared. INVALID_PARAMETER if target has no key string. */
MI_Result mi_ns_each_reference(mi_ns *ns, const MI_Instance *target,
                               const char *assoc_class, const char *role,
                               mi_instance_fn fn, void *ctx);

/* Stores a copy of inst (its class must be a class of ns; the copy is bound to the
 * repository's decl of that name, properties matched by name). ALREADY_EXISTS,
 * INVALID_CLASS, INVALID_PARAMETER (a key is NULL: no key string), ACCESS_DENIED
 * (read-only), FAILED (file error). The reference index is updated in the same
 * transaction. */
MI_Result mi_ns_create_instance(mi_ns *ns, const MI_Instance *inst);
/* Replaces the stored instance with the same key string by a copy of inst.
 * NOT_FOUND; other errors as create. In an in-memory repository, modify and delete
 * inside an open transaction (mi_repo_begin) are refused with NOT_SUPPORTED (the
 * journal cannot undo them); a file repository includes them in the transaction. */
MI_Result mi_ns_modify_instance(mi_ns *ns, const MI_Instance *inst);
/* Deletes the instance stored under keystring. NOT_FOUND. */
MI_Result mi_ns_delete_instance(mi_ns *ns, const char *keystring);
/* Number of stored instances of exactly class cd, or of all classes when cd is NULL
 * (unkeyed instances included). */
MI_Result mi_ns_count_instances(mi_ns *ns, const MI_ClassDecl *cd, uint64_t *n);

/* ---- used by the MOF compiler (both kinds of repository) */

/* Stores inst and takes ownership of it on success (in memory it is kept as is; a
 * file repository stores a copy and deletes inst with MI_Instance_Delete). inst must
 * be in an adopted arena or own its arena. Errors as mi_ns_create_instance. */
MI_Result mi_ns_add_instance(mi_ns *ns, MI_Instance *inst);
/* Adds an instance that a path cannot name because a key property is NULL (the MOF
 * compiler does this only with MI_MOF_ALLOW_NULL_KEYS): it is counted and listed by
 * mi_ns_each_instance, but has no key string, so it cannot be looked up, modified or
 * deleted. Ownership and INVALID_CLASS as above. */
MI_Result mi_ns_add_unkeyed_instance(mi_ns *ns, MI_Instance *inst);
/* Same as mi_ns_count_instances(ns, NULL, ...) (0 on error). */
size_t mi_ns_instance_count(const mi_ns *ns);

/* ---- in-memory repositories only (legacy; use the functions above): a file
 * repository returns NULL / *n = 0 here. */
const MI_Instance *mi_ns_instance(const mi_ns *ns, const char *keystring);
/* Instances whose class is exactly cd, in order added. */
const MI_Instance *const *mi_ns_instances_of(const mi_ns *ns, const MI_ClassDecl *cd,
                                             size_t *n);

/* ------------------------------------------------------------------ providers
 *
 * A registration says which provider module (a shared library path) serves a class of
 * a namespace. Stored in the file and kept in memory. */

/* Registers (or replaces) the module serving class cls in namespace ns.
 * INVALID_NAMESPACE (no such namespace), INVALID_CLASS (no such class),
 * INVALID_PARAMETER (empty module path), ACCESS_DENIED (read-only). */
MI_Result mi_repo_register_provider(mi_repo *r, const char *ns, const char *cls,
                                    const char *module);
/* Removes a registration. NOT_FOUND if there is none. */
MI_Result mi_repo_unregister_provider(mi_repo *r, const char *ns, const char *cls);
/* The module registered for exactly class cls (without case) in ns; NULL = none (the
 * class is served from the static instances). Borrowed until the registration
 * changes or the repository is freed. */
const char *mi_ns_provider_module(const mi_ns *ns, const char *cls);
/* Calls fn for every registration (namespace name, class name, module) in the order
 * registered; stops when fn returns false. */
void mi_repo_each_provider(const mi_repo *r,
                           bool (*fn)(void *ctx, const char *ns, const char *cls,
                                      const char *module),
                           void *ctx);

#endif
