/* test_alloc.c - every allocation of the cim layer may fail: for n = 1, 2, ... the nth
 * allocation of a scenario fails (mi_alloc_fail_after) and the scenario must report
 * MI_RESULT_SERVER_LIMITS_EXCEEDED (or -1 from a text writer), never crash, and leak
 * nothing (checked when built with MI_SANITIZE). The loop ends with the first n that
 * the scenario no longer reaches, which must then succeed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "cim/cim.h"
#include "fixtures.h"

#define CHECK(expr)                                                                        \
    do {                                                                                   \
        r = (expr);                                                                        \
        if (r != MI_RESULT_OK)                                                             \
            goto out;                                                                      \
    } while (0)

static char big[9000]; /* larger than an arena chunk: forces a chunk of its own */

static MI_Result scenario_instance(const fx *f)
{
    MI_Result r;
    MI_Instance *inst = NULL, *clone = NULL, *emb = NULL;
    MI_Class *cls = NULL;
    MI_Value v;
    CHECK(mi_instance_new(f->leaf, "root/test", "host", &inst));
    v.string = "short";
    CHECK(MI_Instance_SetElement(inst, "Name", &v, MI_STRING, 0));
    v.string = big;
    CHECK(MI_Instance_SetElement(inst, "Caption", &v, MI_STRING, 0));
    MI_Char *strs[] = {"a", big, "c"};
    v.stringa.data = strs;
    v.stringa.size = 3;
    CHECK(MI_Instance_SetElement(inst, "StrA", &v, MI_STRINGA, 0));
    CHECK(mi_instance_new_dynamic("T_Base", 0, &emb));
    v.uint32 = 3;
    CHECK(MI_Instance_AddElement(emb, "Id", &v, MI_UINT32, MI_FLAG_KEY));
    v.instance = emb;
    CHECK(MI_Instance_SetElement(inst, "Emb", &v, MI_INSTANCE, 0));
    CHECK(MI_Instance_SetElement(inst, "Target", &v, MI_REFERENCE, 0));
    char *adopted = strdup("adopted");
    v.string = adopted;
    r = MI_Instance_SetElement(inst, "Name", &v, MI_STRING, MI_FLAG_ADOPT);
    if (r != MI_RESULT_OK)
        free(adopted); /* a failed adopt leaves the value with the caller */
    CHECK(r);
    CHECK(MI_Instance_Clone(inst, &clone));
    v.string = "on the clone";
    CHECK(MI_Instance_SetElement(clone, "Name", &v, MI_STRING, 0));
    CHECK(MI_Instance_SetNameSpace(clone, "root/other"));
    CHECK(MI_Instance_GetClass(clone, &cls));
    /* constructed storage allocates its arena on first use */
    T_Leaf_s st;
    CHECK(mi_instance_construct(&st.__instance, f->leaf));
    v.string = "ctor";
    r = MI_Instance_SetElement(&st.__instance, "Name", &v, MI_STRING, 0);
    MI_Instance_Destruct(&st.__instance);
    CHECK(r);
out:
    if (cls)
        MI_Class_Delete(cls);
    if (clone)
        MI_Instance_Delete(clone);
    if (emb)
        MI_Instance_Delete(emb);
    if (inst)
        MI_Instance_Delete(inst);
    return r;
}

static MI_Result scenario_dynamic(const fx *f)
{
    (void)f;
    MI_Result r;
    MI_Instance *inst = NULL, *clone = NULL;
    MI_Value v;
    char name[16];
    CHECK(mi_instance_new_dynamic("X_Dyn", MI_FLAG_ASSOCIATION, &inst));
    for (int i = 0; i < 40; i++) {
        snprintf(name, sizeof name, "P%d", i);
        v.string = big;
        CHECK(MI_Instance_AddElement(inst, name, &v, MI_STRING, i == 0 ? MI_FLAG_KEY : 0));
    }
    CHECK(MI_Instance_Clone(inst, &clone));
    v.uint64 = 1;
    CHECK(MI_Instance_AddElement(clone, "Extra", &v, MI_UINT64, 0));
out:
    if (clone)
        MI_Instance_Delete(clone);
    if (inst)
        MI_Instance_Delete(inst);
    return r;
}

static MI_Result scenario_path(const fx *f)
{
    MI_Result r;
    mi_arena *a = mi_arena_new(256, 0);
    MI_Instance *inst = NULL;
    mi_buf b;
    mi_buf_init(&b, 0);
    if (!a)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    mi_path p;
    CHECK(mi_path_parse(a,
                        "//h/root/x:T_Assoc.Left=\"T_Leaf.Name=\\\"a\\\",Id=1\","
                        "Right=\"T_Leaf.Id=2,Name=\\\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\\\"\"",
                        &p, NULL));
    CHECK(mi_path_normalize(a, &p, f->assoc, NULL));
    if (mi_path_format(&p, &b) != 0) {
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out;
    }
    CHECK(mi_path_to_instance(&p, f->assoc, &inst));
    mi_buf_reset(&b);
    CHECK(mi_instance_keystring(inst, &b));
    mi_path q;
    CHECK(mi_path_from_instance(a, inst, &q));
    if (mi_path_compare(&p, &q) != 0)
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED; /* compare reports OOM as "different" */
out:
    if (inst)
        MI_Instance_Delete(inst);
    mi_buf_free(&b);
    mi_arena_free(a);
    return r;
}

static MI_Result scenario_class(const fx *f)
{
    MI_Result r;
    MI_Class *c = NULL, *clone = NULL, *parent = NULL, *grand = NULL;
    CHECK(mi_class_new(f->leaf, "root/test", NULL, true, &c));
    CHECK(MI_Class_Clone(c, &clone));
    CHECK(MI_Class_GetParentClass(clone, &parent));
    CHECK(MI_Class_GetParentClass(parent, &grand));
    mi_arena *a = mi_arena_new(128, 0);
    if (!a) {
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out;
    }
    if (!mi_classdecl_clone(a, f->leaf))
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    mi_arena_free(a);
out:
    if (grand)
        MI_Class_Delete(grand);
    if (parent)
        MI_Class_Delete(parent);
    if (clone)
        MI_Class_Delete(clone);
    if (c)
        MI_Class_Delete(c);
    return r;
}

static MI_Result scenario_mof(const fx *f)
{
    MI_Result r = MI_RESULT_OK;
    mi_buf b;
    mi_buf_init(&b, 0);
    MI_Instance *inst = NULL;
    if (mi_class_to_mof(&b, f->leaf, MI_MOFOUT_MARK_INHERITED) != 0) {
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out;
    }
    CHECK(mi_instance_new(f->leaf, NULL, NULL, &inst));
    MI_Value v;
    v.string = big;
    CHECK(MI_Instance_SetElement(inst, "Name", &v, MI_STRING, 0));
    if (mi_instance_to_mof(&b, inst, 0) != 0)
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
out:
    if (inst)
        MI_Instance_Delete(inst);
    mi_buf_free(&b);
    return r;
}

static void run(const char *what, MI_Result (*scenario)(const fx *), const fx *f)
{
    long n;
    for (n = 1; n < 100000; n++) {
        mi_alloc_fail_after(n);
        MI_Result r = scenario(f);
        long made = mi_alloc_fail_after(0);
        if (made < n) {
            if (r != MI_RESULT_OK)
                fail_msg("%s: failed without injected failure: %d %s", what, (int)r,
                         mi_cim_last_error());
            break;
        }
        if (r != MI_RESULT_SERVER_LIMITS_EXCEEDED)
            fail_msg("%s: allocation %ld failed, scenario returned %d (%s)", what, n, (int)r,
                     mi_cim_last_error());
    }
    assert_true(n > 3); /* the scenario did allocate */
    print_message("%s: %ld allocation points checked\n", what, n - 1);
}

static void test_alloc_failures(void **state)
{
    (void)state;
    memset(big, 'x', sizeof big - 1);
    fx f;
    fx_init(&f);
    run("instance", scenario_instance, &f);
    run("dynamic", scenario_dynamic, &f);
    run("path", scenario_path, &f);
    run("class", scenario_class, &f);
    run("mof", scenario_mof, &f);
    fx_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
