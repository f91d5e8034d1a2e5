/* values.c - sample values and an independent deep comparison (see values.h). */
#include "values.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cim/cim.h"

#define MAX_TRACKED 4096

static void *heap[MAX_TRACKED];
static size_t nheap;
static MI_Instance *insts[MAX_TRACKED];
static size_t ninsts;

static void *track(void *p)
{
    assert_non_null(p);
    assert_true(nheap < MAX_TRACKED);
    heap[nheap++] = p;
    return p;
}

static MI_Instance *sample_instance(int seed)
{
    MI_Instance *inst = NULL;
    assert_int_equal(mi_instance_new_dynamic("T_Base", 0, &inst), MI_RESULT_OK);
    char name[32];
    snprintf(name, sizeof name, "emb%d", seed);
    MI_Value v;
    v.string = name;
    assert_int_equal(MI_Instance_AddElement(inst, "Name", &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
    v.uint32 = (MI_Uint32)seed;
    assert_int_equal(MI_Instance_AddElement(inst, "Id", &v, MI_UINT32, MI_FLAG_KEY), MI_RESULT_OK);
    assert_true(ninsts < MAX_TRACKED);
    insts[ninsts++] = inst;
    return inst;
}

static void sample_scalar(MI_Type t, int seed, MI_Value *v)
{
    memset(v, 0, sizeof *v);
    switch (t) {
    case MI_BOOLEAN: v->boolean = (MI_Boolean)(seed % 2 == 0); break;
    case MI_UINT8: v->uint8 = (MI_Uint8)(200 + seed % 50); break;
    case MI_SINT8: v->sint8 = (MI_Sint8)(-100 - seed % 20); break;
    case MI_UINT16: v->uint16 = (MI_Uint16)(60000 + seed % 1000); break;
    case MI_SINT16: v->sint16 = (MI_Sint16)(-30000 - seed % 1000); break;
    case MI_UINT32: v->uint32 = 4000000000u + (MI_Uint32)seed; break;
    case MI_SINT32: v->sint32 = -2000000000 - seed; break;
    case MI_UINT64: v->uint64 = 0xFFFFFFFFFFFF0000ull + (MI_Uint64)seed; break;
    case MI_SINT64: v->sint64 = INT64_MIN + seed; break;
    case MI_REAL32: v->real32 = 1.5f + (float)seed; break;
    case MI_REAL64: v->real64 = -2.25e300 + (double)seed * 1e297; break;
    case MI_CHAR16: v->char16 = (MI_Char16)(0x00E9 + seed); break;
    case MI_DATETIME:
        v->datetime.isTimestamp = 1;
        v->datetime.u.timestamp.year = 2024;
        v->datetime.u.timestamp.month = 2;
        v->datetime.u.timestamp.day = 29;
        v->datetime.u.timestamp.hour = 12;
        v->datetime.u.timestamp.minute = 34;
        v->datetime.u.timestamp.second = 56;
        v->datetime.u.timestamp.microseconds = 123456u + (MI_Uint32)seed;
        v->datetime.u.timestamp.utc = -300 + seed;
        break;
    case MI_STRING: {
        char *s = track(malloc(64));
        snprintf(s, 64, "sample-%d with \"quotes\" and \\", seed);
        v->string = s;
        break;
    }
    case MI_REFERENCE:
    case MI_INSTANCE: v->instance = sample_instance(seed); break;
    default: fail_msg("not a scalar type %d", (int)t);
    }
}

void sample_value(MI_Type t, int seed, MI_Value *v)
{
    if (!(t & MI_ARRAY)) {
        sample_scalar(t, seed, v);
        return;
    }
    MI_Type et = (MI_Type)(t & ~MI_ARRAY);
    size_t esz = mi_type_size(et);
    const MI_Uint32 n = 3;
    char *data = track(malloc(esz * n));
    for (MI_Uint32 i = 0; i < n; i++) {
        MI_Value e;
        sample_scalar(et, seed * 10 + (int)i, &e);
        memcpy(data + i * esz, &e, esz);
    }
    memset(v, 0, sizeof *v);
    v->array.data = data;
    v->array.size = n;
}

void sample_free(void)
{
    for (size_t i = 0; i < ninsts; i++)
        MI_Instance_Delete(insts[i]);
    for (size_t i = 0; i < nheap; i++)
        free(heap[i]);
    ninsts = nheap = 0;
}

static void expect_same_instance(const MI_Instance *got, const MI_Instance *want)
{
    assert_non_null(got);
    assert_non_null(want);
    const char *cg = NULL, *cw = NULL;
    assert_int_equal(MI_Instance_GetClassName(got, &cg), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetClassName(want, &cw), MI_RESULT_OK);
    assert_string_equal(cg, cw);
    MI_Value vg, vw;
    assert_int_equal(MI_Instance_GetElement(got, "Name", &vg, NULL, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(want, "Name", &vw, NULL, NULL, NULL), MI_RESULT_OK);
    assert_string_equal(vg.string, vw.string);
    assert_int_equal(MI_Instance_GetElement(got, "Id", &vg, NULL, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(want, "Id", &vw, NULL, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(vg.uint32, vw.uint32);
}

static void expect_same_scalar(MI_Type t, const MI_Value *g, const MI_Value *w)
{
    switch (t) {
    case MI_BOOLEAN: assert_int_equal(!g->boolean, !w->boolean); break;
    case MI_UINT8: assert_int_equal(g->uint8, w->uint8); break;
    case MI_SINT8: assert_int_equal(g->sint8, w->sint8); break;
    case MI_UINT16: assert_int_equal(g->uint16, w->uint16); break;
    case MI_SINT16: assert_int_equal(g->sint16, w->sint16); break;
    case MI_UINT32: assert_int_equal(g->uint32, w->uint32); break;
    case MI_SINT32: assert_int_equal(g->sint32, w->sint32); break;
    case MI_UINT64: assert_true(g->uint64 == w->uint64); break;
    case MI_SINT64: assert_true(g->sint64 == w->sint64); break;
    case MI_REAL32: assert_true(g->real32 == w->real32); break;
    case MI_REAL64: assert_true(g->real64 == w->real64); break;
    case MI_CHAR16: assert_int_equal(g->char16, w->char16); break;
    case MI_DATETIME:
        assert_int_equal(g->datetime.isTimestamp, w->datetime.isTimestamp);
        assert_memory_equal(&g->datetime.u, &w->datetime.u, sizeof g->datetime.u);
        break;
    case MI_STRING:
        assert_non_null(g->string);
        assert_string_equal(g->string, w->string);
        break;
    case MI_REFERENCE:
    case MI_INSTANCE: expect_same_instance(g->instance, w->instance); break;
    default: fail_msg("bad type %d", (int)t);
    }
}

void expect_same_value(MI_Type t, const MI_Value *got, const MI_Value *want)
{
    if (!(t & MI_ARRAY)) {
        expect_same_scalar(t, got, want);
        return;
    }
    assert_int_equal(got->array.size, want->array.size);
    MI_Type et = (MI_Type)(t & ~MI_ARRAY);
    size_t esz = mi_type_size(et);
    for (MI_Uint32 i = 0; i < got->array.size; i++) {
        MI_Value g, w;
        memset(&g, 0, sizeof g);
        memset(&w, 0, sizeof w);
        memcpy(&g, (const char *)got->array.data + i * esz, esz);
        memcpy(&w, (const char *)want->array.data + i * esz, esz);
        expect_same_scalar(et, &g, &w);
    }
}

bool is_deep_copy(MI_Type t, const MI_Value *got, const MI_Value *want)
{
    MI_Type et = (MI_Type)(t & ~MI_ARRAY);
    bool ptr = et == MI_STRING || et == MI_INSTANCE || et == MI_REFERENCE;
    if (!(t & MI_ARRAY)) {
        if (!ptr)
            return true;
        return got->string != want->string;
    }
    if (got->array.size && got->array.data == want->array.data)
        return false;
    for (MI_Uint32 i = 0; ptr && i < got->array.size; i++) {
        if (((void *const *)got->array.data)[i] == ((void *const *)want->array.data)[i])
            return false;
    }
    return true;
}
