/* fixtures.h - hand-built class decls shared by the cim tests.
 *
 * Hierarchy (each class lists all its properties, inherited first, as the contract
 * in cim.h requires; every class has its own MI_PropertyDecl objects):
 *   T_Base                 [Key] string Name, [Key] uint32 Id, string Caption = "none"
 *   T_Middle : T_Base      T_Base REF Target, [EmbeddedInstance("T_Base")] Emb,
 *                          datetime When, uint16 Count = 7, one array of every type
 *                          (BoolA U8A S8A U16A S16A U32A S32A U64A S64A R32A R64A C16A
 *                          DtA StrA RefA InstA); method void Reset()
 *   T_Leaf : T_Middle      overrides Caption = "leaf"; adds B U8 S8 S16 S32 U64 S64 R32
 *                          R64 C16; method uint32 Frob([In] uint32 a, [In] string s,
 *                          [Out] string o, [In, Out] T_Base REF r, [Out] uint64 arr[])
 *   T_Assoc [Association]  [Key] T_Base REF Left, [Key] T_Base REF Right
 *   T_Align                B1 boolean, U64 uint64, B2 boolean, DT datetime, U16 uint16,
 *                          S string, C char16, R32 real32, B3 boolean (padding cases)
 * The T_Leaf_s / T_Leaf_Frob_s / T_Align_s structs are what a generator would emit.
 */
#ifndef TESTS_CIM_FIXTURES_H
#define TESTS_CIM_FIXTURES_H

#include <mi.h>

#include "base/arena.h"

typedef struct fx {
    mi_arena *a;
    MI_ClassDecl *base, *middle, *leaf, *assoc, *align;
    MI_MethodDecl *frob;  /* T_Leaf's Frob */
} fx;

/* Builds every decl (laid out with mi_classdecl_layout) in a fresh arena; aborts the
 * test on failure. */
void fx_init(fx *f);
void fx_free(fx *f);

typedef struct T_Leaf_s {
    MI_Instance __instance;
    /* T_Base properties */
    MI_ConstStringField Name;
    MI_ConstUint32Field Id;
    MI_ConstStringField Caption;
    /* T_Middle properties */
    MI_ConstReferenceField Target;
    MI_ConstInstanceField Emb;
    MI_ConstDatetimeField When;
    MI_ConstUint16Field Count;
    MI_ConstBooleanAField BoolA;
    MI_ConstUint8AField U8A;
    MI_ConstSint8AField S8A;
    MI_ConstUint16AField U16A;
    MI_ConstSint16AField S16A;
    MI_ConstUint32AField U32A;
    MI_ConstSint32AField S32A;
    MI_ConstUint64AField U64A;
    MI_ConstSint64AField S64A;
    MI_ConstReal32AField R32A;
    MI_ConstReal64AField R64A;
    MI_ConstChar16AField C16A;
    MI_ConstDatetimeAField DtA;
    MI_ConstStringAField StrA;
    MI_ConstReferenceAField RefA;
    MI_ConstInstanceAField InstA;
    /* T_Leaf properties */
    MI_ConstBooleanField B;
    MI_ConstUint8Field U8;
    MI_ConstSint8Field S8;
    MI_ConstSint16Field S16;
    MI_ConstSint32Field S32;
    MI_ConstUint64Field U64;
    MI_ConstSint64Field S64;
    MI_ConstReal32Field R32;
    MI_ConstReal64Field R64;
    MI_ConstChar16Field C16;
} T_Leaf_s;

typedef struct T_Leaf_Frob_s {
    MI_Instance __instance;
    MI_ConstUint32Field MIReturn;
    MI_ConstUint32Field a;
    MI_ConstStringField s;
    MI_ConstStringField o;
    MI_ConstReferenceField r;
    MI_ConstUint64AField arr;
} T_Leaf_Frob_s;

typedef struct T_Align_s {
    MI_Instance __instance;
    MI_ConstBooleanField B1;
    MI_ConstUint64Field U64;
    MI_ConstBooleanField B2;
    MI_ConstDatetimeField DT;
    MI_ConstUint16Field U16;
    MI_ConstStringField S;
    MI_ConstChar16Field C;
    MI_ConstReal32Field R32;
    MI_ConstBooleanField B3;
} T_Align_s;

/* Index of a property of T_Leaf by name (asserts it exists). */
MI_Uint32 fx_leaf_index(const fx *f, const char *name);

#endif
