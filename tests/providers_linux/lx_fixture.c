/* lx_fixture.c - the harness shared by test_fs.c and test_net.c: the project's MOF
 * loaded once per group, a sink that keeps clones of what is posted, property readers,
 * and fake /proc and /sys trees in a temporary folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "mof/mof.h"
#include "lx_fixture.h"

mi_repo *g_repo;
mi_ns *g_ns;

const MI_ClassDecl *decl(const char *name)
{
    const MI_ClassDecl *cd = mi_ns_class(g_ns, name);
    if (cd == NULL)
        fail_msg("class %s missing from the project's MOF", name);
    return cd;
}

const MI_ClassDecl *env_decl(void *ud, const char *name)
{
    (void)ud;
    return mi_ns_class(g_ns, name);
}

int setup_repo(void **state)
{
    (void)state;
    if (mi_repo_new(&g_repo) != MI_RESULT_OK)
        return -1;
    if (mi_mof_compile_file(g_repo, MI_SOURCE_DIR "/schema/libmi.mof", NULL, NULL) !=
        MI_RESULT_OK)
        return -1;
    g_ns = mi_repo_ns(g_repo, "root/cimv2");
    return g_ns ? 0 : -1;
}

int teardown_repo(void **state)
{
    (void)state;
    mi_repo_free(g_repo);
    return 0;
}

MI_Result t_new_instance(void *ud, const MI_ClassDecl *cd, MI_Instance **out)
{
    (void)ud;
    return mi_instance_new(cd, NULL, NULL, out);
}

MI_Result t_new_reference(void *ud, const char *cls, MI_Instance **out)
{
    (void)ud;
    return mi_instance_new_dynamic(cls, 0, out);
}

MI_Result t_post(void *ud, const MI_Instance *inst)
{
    results *res = ud;
    if (res->n >= MAX_RESULTS)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    if (MI_Instance_Clone(inst, &res->inst[res->n]) != MI_RESULT_OK)
        return MI_RESULT_FAILED;
    res->n++;
    if (res->stop_after && res->n >= res->stop_after)
        return MI_RESULT_ACCESS_DENIED;
    return MI_RESULT_OK;
}

void sink_of(results *res, mi_lx_sink *s)
{
    memset(res, 0, sizeof *res);
    s->new_instance = t_new_instance;
    s->new_reference = t_new_reference;
    s->post = t_post;
    s->ud = res;
}

void results_free(results *res)
{
    for (size_t i = 0; i < res->n; i++)
        MI_Instance_Delete(res->inst[i]);
    res->n = 0;
}

const char *str_of(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f;
    if (MI_Instance_GetElement(inst, name, &v, &t, &f, NULL) != MI_RESULT_OK || t != MI_STRING ||
        (f & MI_FLAG_NULL))
        return NULL;
    return v.string;
}

/* The uint64 property, or false if NULL. */
bool u64_of(const MI_Instance *inst, const char *name, uint64_t *x)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f;
    if (MI_Instance_GetElement(inst, name, &v, &t, &f, NULL) != MI_RESULT_OK || (f & MI_FLAG_NULL))
        return false;
    assert_int_equal(t, MI_UINT64);
    *x = v.uint64;
    return true;
}

bool is_null(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f;
    assert_int_equal(MI_Instance_GetElement(inst, name, &v, &t, &f, NULL), MI_RESULT_OK);
    return (f & MI_FLAG_NULL) != 0;
}

const MI_Instance *find(const results *res, const char *key, const char *value)
{
    for (size_t i = 0; i < res->n; i++) {
        const char *s = str_of(res->inst[i], key);
        if (s && strcmp(s, value) == 0)
            return res->inst[i];
    }
    return NULL;
}

/* Every non-NULL element is a key of the class. */
void assert_keys_only(const MI_Instance *inst)
{
    MI_Uint32 n = 0;
    assert_int_equal(MI_Instance_GetElementCount(inst, &n), MI_RESULT_OK);
    for (MI_Uint32 i = 0; i < n; i++) {
        const MI_Char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f;
        assert_int_equal(MI_Instance_GetElementAt(inst, i, &name, &v, &t, &f), MI_RESULT_OK);
        if (f & MI_FLAG_NULL)
            continue;
        const MI_PropertyDecl *pd = inst->classDecl->properties[i];
        if (!(pd->flags & MI_FLAG_KEY))
            fail_msg("keys-only instance has non-key %s", name);
    }
}

const mi_lx_env real_env = {NULL, NULL, NULL, SYSNAME, env_decl, NULL};

char g_tmp[256];

void put(const char *rel, const char *text)
{
    char path[1024], dir[1024];
    snprintf(path, sizeof path, "%s/%s", g_tmp, rel);
    snprintf(dir, sizeof dir, "%s", path);
    for (char *p = dir + strlen(g_tmp) + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0755);
            *p = '/';
        }
    if (text == NULL) { /* a folder */
        mkdir(path, 0755);
        return;
    }
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

int lx_setup_tmp(const char *tag)
{
    snprintf(g_tmp, sizeof g_tmp, "/tmp/mi-lx-%s-XXXXXX", tag);
    return mkdtemp(g_tmp) ? 0 : -1;
}

int teardown_tmp(void **state)
{
    char cmd[300];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_tmp);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---------------------------------------------------------------- fake context */

static MI_Result MI_CALL f_post_result(MI_Context *c, MI_Result r)
{
    fake_ctx *f = (fake_ctx *)c;
    f->result = r;
    f->finals++;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL f_post_error(MI_Context *c, MI_Uint32 r, const MI_Char *type,
                                      const MI_Char *msg)
{
    (void)type;
    assert_non_null(msg);
    return f_post_result(c, (MI_Result)r);
}

static MI_Result MI_CALL f_post_instance(MI_Context *c, const MI_Instance *inst)
{
    fake_ctx *f = (fake_ctx *)c;
    assert_non_null(inst->classDecl);
    if (f->check != NULL)
        f->check(inst);
    f->posted++;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL f_new_instance(MI_Context *c, const MI_ClassDecl *cd, MI_Instance **out)
{
    (void)c;
    return t_new_instance(NULL, cd, out);
}

static MI_Result MI_CALL f_new_dynamic(MI_Context *c, const MI_Char *cls, MI_Uint32 flags,
                                       MI_Instance **out)
{
    return mi_instance_new_dynamic(cls, ((fake_ctx *)c)->keep_flags ? flags : 0, out);
}

static MI_Result MI_CALL f_canceled(const MI_Context *c, MI_Boolean *flag)
{
    *flag = ((const fake_ctx *)c)->canceled;
    return MI_RESULT_OK;
}

static const MI_ContextFT fake_ft = {
    .PostResult = f_post_result,
    .PostInstance = f_post_instance,
    .NewInstance = f_new_instance,
    .NewDynamicInstance = f_new_dynamic,
    .Canceled = f_canceled,
    .PostError = f_post_error,
};

void fake_init(fake_ctx *f, bool keep_flags)
{
    memset(f, 0, sizeof *f);
    f->ctx.ft = &fake_ft;
    f->result = (MI_Result)-1;
    f->keep_flags = keep_flags;
}
