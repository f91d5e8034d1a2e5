/* test_copyplan.c - the fast copy of schema-bound instances (mi_copy_plan_new,
 * mi_instance_copy_in) gives the same deep copy as the general mi_value_copy: for an
 * instance of every property type with some NULLs, for a provider struct without a
 * function table, and with a plan made for another class (general path). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "cim/cim.h"
#include "fixtures.h"
#include "values.h"

static void compare(const MI_Instance *x, const MI_Instance *y, const MI_Instance *src)
{
    MI_Uint32 n = 0, m = 0;
    assert_int_equal(MI_Instance_GetElementCount(x, &n), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElementCount(y, &m), MI_RESULT_OK);
    assert_int_equal(n, m);
    assert_ptr_equal(x->ft, y->ft);
    assert_ptr_equal(x->classDecl, y->classDecl);
    for (int k = 0; k < 4; k++)
        if (k != 1) assert_int_equal(x->reserved[k], y->reserved[k]);
    assert_true(mi_value_equal(MI_INSTANCE, (const MI_Value *)&x, (const MI_Value *)&y));
    for (MI_Uint32 i = 0; i < n; i++) {
        const char *nx, *ny; MI_Value vx, vy, vs; MI_Type tx, ty, ts; MI_Uint32 fx_, fy, fs;
        assert_int_equal(MI_Instance_GetElementAt(x, i, &nx, &vx, &tx, &fx_), MI_RESULT_OK);
        assert_int_equal(MI_Instance_GetElementAt(y, i, &ny, &vy, &ty, &fy), MI_RESULT_OK);
        assert_int_equal(MI_Instance_GetElementAt(src, i, NULL, &vs, &ts, &fs), MI_RESULT_OK);
        assert_string_equal(nx, ny);
        assert_int_equal(tx, ty);
        assert_int_equal(fx_, fy);
        if (!(fx_ & MI_FLAG_NULL)) {
            expect_same_value(tx, &vx, &vy);
            expect_same_value(tx, &vx, &vs);
            assert_true(is_deep_copy(tx, &vx, &vs));
        } else {
            MI_Value z; memset(&z, 0, sizeof z);
            assert_memory_equal(&vx, &z, sizeof z);
        }
    }
    assert_string_equal(x->nameSpace, "root/x");
    assert_ptr_not_equal(x->nameSpace, src->nameSpace);
}

static void check(void **state)
{
    (void)state;
    fx f; fx_init(&f);
    mi_arena pa, a, b;
    mi_arena_init(&pa, 0, 0); mi_arena_init(&a, 0, 0); mi_arena_init(&b, 0, 0);
    mi_copy_plan *p = mi_copy_plan_new(&pa, f.leaf);
    assert_non_null(p);
    MI_Instance *src;
    assert_int_equal(mi_instance_new(f.leaf, "root/x", NULL, &src), MI_RESULT_OK);
    for (MI_Uint32 i = 0; i < f.leaf->numProperties; i++) {
        if (i % 3 == 2) { MI_Instance_ClearElementAt(src, i); continue; }
        MI_Value v; sample_value((MI_Type)f.leaf->properties[i]->type, (int)i, &v);
        assert_int_equal(MI_Instance_SetElementAt(src, i, &v, (MI_Type)f.leaf->properties[i]->type, 0), MI_RESULT_OK);
    }
    MI_Instance *x = NULL, *y = NULL; MI_Value v;
    assert_int_equal(mi_instance_copy_in(&a, p, src, &x), MI_RESULT_OK);
    assert_int_equal(mi_value_copy(&b, MI_INSTANCE, &src, &v), MI_RESULT_OK);
    y = v.instance;
    compare(x, y, src);
    /* a foreign struct (ft NULL) */
    T_Leaf_s raw; memcpy(&raw, src, sizeof raw);
    raw.__instance.ft = NULL; raw.__instance.reserved[0] = 0; raw.__instance.reserved[1] = 0; raw.__instance.reserved[2] = 0;
    raw.Count.exists = 7; /* nonzero means present */
    raw.Count.flags = 9;
    const MI_Instance *rp = &raw.__instance;
    assert_int_equal(mi_instance_copy_in(&a, p, rp, &x), MI_RESULT_OK);
    assert_int_equal(mi_value_copy(&b, MI_INSTANCE, &rp, &v), MI_RESULT_OK);
    compare(x, v.instance, src);
    assert_int_equal(((T_Leaf_s *)x)->Count.exists, 1);
    assert_int_equal(((T_Leaf_s *)x)->Count.flags, 0);
    /* a plan of another class: general copy */
    mi_copy_plan *pb = mi_copy_plan_new(&pa, f.base);
    assert_int_equal(mi_instance_copy_in(&a, pb, src, &x), MI_RESULT_OK);
    compare(x, y, src);
    MI_Instance_Delete(src);
    mi_arena_destroy(&a); mi_arena_destroy(&b); mi_arena_destroy(&pa);
    sample_free();
    fx_free(&f);
}

int main(void)
{
    const struct CMUnitTest t[] = {cmocka_unit_test(check)};
    return cmocka_run_group_tests(t, NULL, NULL);
}
