/* type.c - MI_Type names and the sizes of values and MI_<T>Field structs. */
#include <stdalign.h>
#include <string.h>

#include "base/str.h"
#include "cim/cim_int.h"

static const char *const type_names[32] = {
    "boolean",   "uint8",    "sint8",    "uint16",   "sint16",    "uint32",    "sint32",
    "uint64",    "sint64",   "real32",   "real64",   "char16",    "datetime",  "string",
    "ref",       "object",   "boolean[]", "uint8[]", "sint8[]",   "uint16[]",  "sint16[]",
    "uint32[]",  "sint32[]", "uint64[]", "sint64[]", "real32[]",  "real64[]",  "char16[]",
    "datetime[]", "string[]", "ref[]",   "object[]",
};

const char *mi_type_name(MI_Type t)
{
    return cim_type_valid(t) ? type_names[t] : NULL;
}

bool mi_type_from_name(const char *name, MI_Type *t)
{
    if (!name)
        return false;
    for (unsigned i = 0; i < 16; i++) {
        if (mi_name_eq(name, type_names[i])) {
            *t = (MI_Type)i;
            return true;
        }
    }
    return false;
}

#define ARRAY_ROW(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x

static const unsigned char value_sizes[32] = {
    sizeof(MI_Boolean), sizeof(MI_Uint8),  sizeof(MI_Sint8),    sizeof(MI_Uint16),
    sizeof(MI_Sint16),  sizeof(MI_Uint32), sizeof(MI_Sint32),   sizeof(MI_Uint64),
    sizeof(MI_Sint64),  sizeof(MI_Real32), sizeof(MI_Real64),   sizeof(MI_Char16),
    sizeof(MI_Datetime), sizeof(MI_Char *), sizeof(MI_Instance *), sizeof(MI_Instance *),
    ARRAY_ROW(sizeof(MI_Array)),
};

static const unsigned char field_sizes[32] = {
    sizeof(MI_BooleanField),  sizeof(MI_Uint8Field),     sizeof(MI_Sint8Field),
    sizeof(MI_Uint16Field),   sizeof(MI_Sint16Field),    sizeof(MI_Uint32Field),
    sizeof(MI_Sint32Field),   sizeof(MI_Uint64Field),    sizeof(MI_Sint64Field),
    sizeof(MI_Real32Field),   sizeof(MI_Real64Field),    sizeof(MI_Char16Field),
    sizeof(MI_DatetimeField), sizeof(MI_StringField),    sizeof(MI_ReferenceField),
    sizeof(MI_InstanceField), ARRAY_ROW(sizeof(MI_ArrayField)),
};

static const unsigned char field_aligns[32] = {
    alignof(MI_BooleanField),  alignof(MI_Uint8Field),     alignof(MI_Sint8Field),
    alignof(MI_Uint16Field),   alignof(MI_Sint16Field),    alignof(MI_Uint32Field),
    alignof(MI_Sint32Field),   alignof(MI_Uint64Field),    alignof(MI_Sint64Field),
    alignof(MI_Real32Field),   alignof(MI_Real64Field),    alignof(MI_Char16Field),
    alignof(MI_DatetimeField), alignof(MI_StringField),    alignof(MI_ReferenceField),
    alignof(MI_InstanceField), ARRAY_ROW(alignof(MI_ArrayField)),
};

/* Every array field has the MI_ArrayField layout; check it against the typed ones. */
_Static_assert(sizeof(MI_StringAField) == sizeof(MI_ArrayField), "array field layout");
_Static_assert(sizeof(MI_DatetimeAField) == sizeof(MI_ArrayField), "array field layout");
_Static_assert(sizeof(MI_InstanceAField) == sizeof(MI_ArrayField), "array field layout");
_Static_assert(sizeof(MI_ReferenceField) == sizeof(MI_InstanceField), "instance field layout");

size_t mi_type_size(MI_Type t)
{
    return cim_type_valid(t) ? value_sizes[t] : 0;
}

size_t mi_field_size(MI_Type t)
{
    return cim_type_valid(t) ? field_sizes[t] : 0;
}

size_t mi_field_align(MI_Type t)
{
    return cim_type_valid(t) ? field_aligns[t] : 0;
}
