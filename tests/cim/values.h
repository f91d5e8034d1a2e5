/* values.h - sample values of every MI_Type for the cim tests, and a comparison written
 * independently of mi_value_equal (so tests of the library do not grade it with
 * itself). */
#ifndef TESTS_CIM_VALUES_H
#define TESTS_CIM_VALUES_H

#include <mi.h>
#include <stdbool.h>

/* Fills v with a distinctive sample of type t (seed varies the values). Pointer types
 * point into static or malloc'd test storage that lives until sample_free(); instances
 * (for MI_INSTANCE/MI_REFERENCE and their arrays) are dynamic instances of class
 * "T_Base" with Name = "emb<seed>" and Id = seed (flagged KEY). */
void sample_value(MI_Type t, int seed, MI_Value *v);
void sample_free(void);

/* Deep comparison of two values of type t: strings by content, instances by class name
 * and their Name/Id elements, arrays element by element. Reports the first difference
 * through cmocka (fails the test). */
void expect_same_value(MI_Type t, const MI_Value *got, const MI_Value *want);
/* True if got holds no pointer (string, array data, instance) equal to one in want:
 * i.e. it is a deep copy. Scalars without pointers always qualify. */
bool is_deep_copy(MI_Type t, const MI_Value *got, const MI_Value *want);

#endif
