/* lx_fixture.h - the harness shared by test_fs.c and test_net.c (lx_fixture.c).
 * Include after <cmocka.h> and its prerequisites. */
#ifndef MI_TESTS_LX_FIXTURE_H
#define MI_TESTS_LX_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cim/cim.h"
#include "providers/linux_fsnet.h"
#include "repo/repo.h"

#define SYSNAME "lx2-test-host"
#define MAX_RESULTS 4096

/* The project's MOF (schema/libmi.mof) in root/cimv2, set by setup_repo. */
extern mi_repo *g_repo;
extern mi_ns *g_ns;

/* The class from g_ns; fails the test if it is missing. */
const MI_ClassDecl *decl(const char *name);
/* mi_lx_env.decl over g_ns. */
const MI_ClassDecl *env_decl(void *ud, const char *name);
/* cmocka group setup / teardown: g_repo and g_ns. */
int setup_repo(void **state);
int teardown_repo(void **state);

/* A sink that keeps clones of what is posted. */
typedef struct results {
    MI_Instance *inst[MAX_RESULTS];
    size_t n;
    size_t stop_after; /* 0 = never */
} results;

/* mi_lx_sink callbacks over a results (ud). t_post refuses with ACCESS_DENIED once
 * stop_after instances are kept. */
MI_Result t_new_instance(void *ud, const MI_ClassDecl *cd, MI_Instance **out);
MI_Result t_new_reference(void *ud, const char *cls, MI_Instance **out);
MI_Result t_post(void *ud, const MI_Instance *inst);
/* Empties res and points s at it. */
void sink_of(results *res, mi_lx_sink *s);
/* Deletes the kept instances; res stays usable. */
void results_free(results *res);

/* The string property, or NULL if NULL, missing or not a string. */
const char *str_of(const MI_Instance *inst, const char *name);
/* The uint64 property, or false if NULL. */
bool u64_of(const MI_Instance *inst, const char *name, uint64_t *x);
/* Whether the (existing) property is NULL. */
bool is_null(const MI_Instance *inst, const char *name);
/* The first kept instance whose string property key equals value, or NULL. */
const MI_Instance *find(const results *res, const char *key, const char *value);
/* Every non-NULL element is a key of the class. */
void assert_keys_only(const MI_Instance *inst);

/* The real /proc and /sys, system name SYSNAME, classes from g_ns. */
extern const mi_lx_env real_env;

/* The temporary folder of a fake tree. */
extern char g_tmp[256];
/* Writes text to g_tmp/rel (a folder if text is NULL), making the folders above. */
void put(const char *rel, const char *text);
/* Makes g_tmp as /tmp/mi-lx-<tag>-XXXXXX; 0 or -1. */
int lx_setup_tmp(const char *tag);
/* cmocka teardown: removes g_tmp and all below it. */
int teardown_tmp(void **state);

/* A minimal request context: posts counted, results recorded. */
typedef struct fake_ctx {
    MI_Context ctx;
    size_t posted;
    MI_Result result; /* of the last PostResult / PostError; (MI_Result)-1 before */
    int finals;       /* PostResult and PostError calls */
    bool canceled;    /* what Canceled reports */
    bool keep_flags;  /* NewDynamicInstance keeps the caller's flags, else passes 0 */
    void (*check)(const MI_Instance *inst); /* when set, called on each post */
} fake_ctx;

/* Empties f and makes it a context (PostError must carry a message). */
void fake_init(fake_ctx *f, bool keep_flags);

#endif
