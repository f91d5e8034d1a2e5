/* repo.h - the class repository (in memory): namespaces, qualifier declarations,
 * classes with resolved inheritance, subclass lists, association roles, static
 * instances keyed by normalised path.
 *
 * Layer: depends on cim and base. The MOF compiler fills it; the engine reads it.
 * (A later step persists it in SQLite behind the same functions.)
 *
 * Ownership: the repository keeps every arena handed to it with mi_repo_adopt_arena
 * until mi_repo_free; decls and instances added must live in such an arena (or be
 * static). Lookups return borrowed pointers valid until mi_repo_free.
 * Threading: one writer at a time; concurrent readers while nobody writes.
 */
#ifndef MI_REPO_REPO_H
#define MI_REPO_REPO_H

#include <mi.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"

typedef struct mi_repo mi_repo;
typedef struct mi_ns mi_ns;

MI_Result mi_repo_new(mi_repo **out);
void mi_repo_free(mi_repo *r);

/* The repository takes the arena (made with mi_arena_new) and frees it in
 * mi_repo_free. OK or SERVER_LIMITS_EXCEEDED (the arena is then freed). */
MI_Result mi_repo_adopt_arena(mi_repo *r, mi_arena *a);

/* Transactions. Between mi_repo_begin and mi_repo_commit the repository records every
 * change (namespace created, arena adopted, qualifier declaration, class or instance
 * added); mi_repo_rollback undoes them in reverse order without allocating, so it
 * cannot fail: added instances are deleted, adopted arenas freed, namespaces created
 * in the transaction removed. A change that cannot be recorded (out of memory) fails
 * with SERVER_LIMITS_EXCEEDED before changing anything. One transaction at a time:
 * begin returns FAILED if one is open. Commit and rollback without begin do nothing. */
MI_Result mi_repo_begin(mi_repo *r);
void mi_repo_commit(mi_repo *r);
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
size_t mi_ns_qualifier_count(const mi_ns *ns);
const MI_QualifierDecl *mi_ns_qualifier_at(const mi_ns *ns, size_t i);

/* Classes. Add: the decl is complete (flattened, laid out, superClassDecl set to the
 * decl of the superclass in this namespace). ALREADY_EXISTS for a duplicate name,
 * INVALID_SUPERCLASS if cd->superClass is not in the namespace. Classes are kept in the
 * order they were added (a superclass always before its subclasses). */
const MI_ClassDecl *mi_ns_class(const mi_ns *ns, const char *name);
MI_Result mi_ns_add_class(mi_ns *ns, const MI_ClassDecl *cd);
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

/* Static instances, keyed by mi_instance_keystring. Add takes ownership of inst on
 * success (it must be in an adopted arena or own its arena); ALREADY_EXISTS if an
 * instance with the same keys exists; INVALID_CLASS if its class is not in ns. */
MI_Result mi_ns_add_instance(mi_ns *ns, MI_Instance *inst);
/* Adds an instance that a path cannot name because a key property is NULL (the MOF
 * compiler does this only with MI_MOF_ALLOW_NULL_KEYS): it is counted by
 * mi_ns_instance_count and listed by mi_ns_instances_of, but has no key string, so
 * mi_ns_instance never returns it. Ownership and INVALID_CLASS as above. */
MI_Result mi_ns_add_unkeyed_instance(mi_ns *ns, MI_Instance *inst);
const MI_Instance *mi_ns_instance(const mi_ns *ns, const char *keystring);
size_t mi_ns_instance_count(const mi_ns *ns);
/* Instances whose class is exactly cd, in order added. */
const MI_Instance *const *mi_ns_instances_of(const mi_ns *ns, const MI_ClassDecl *cd,
                                             size_t *n);

#endif
