/* convert.h - command-line text to MI values for `mi`: Prop=value arguments converted
 * to the declared type of a property or parameter, and instance paths
 * (Class.Key="value",...) turned into key instances.
 *
 * Errors: an MI_Result and a message naming the argument and the problem appended to
 * err: INVALID_PARAMETER (malformed text), TYPE_MISMATCH (text that is not a value of
 * the type, or out of its range), NOT_SUPPORTED (embedded instances cannot be given
 * as text), SERVER_LIMITS_EXCEEDED (out of memory).
 */
#ifndef MI_TOOLS_CONVERT_H
#define MI_TOOLS_CONVERT_H

#include <mi.h>
#include <stdbool.h>

#include "base/arena.h"
#include "base/buf.h"

/* Most elements of an array argument. */
#define MI_CLI_MAX_ARRAY 65536

/* Splits "Name=value" at the first '='. *name is a copy in arena a, *value points into
 * arg. INVALID_PARAMETER when there is no '=' or Name is not a CIM identifier. */
MI_Result mi_cli_split_assignment(mi_arena *a, const char *arg, const char **name,
                                  const char **value, mi_buf *err);

/* Converts text to a value of `type`, allocating strings and arrays from arena a:
 * - booleans: true/false/1/0 (any case);
 * - integers: decimal, or hexadecimal with 0x; within the type's range (no sign for
 *   unsigned types);
 * - reals: any strtod syntax, finite or not (nan, inf); real32 must fit a float;
 * - char16: exactly one character (a code point below U+10000);
 * - datetime: the 25-character CIM form (timestamp or interval);
 * - string: the text as is (valid UTF-8);
 * - reference: an instance path; the value is a new dynamic instance of the path's
 *   class holding its keys (flagged MI_FLAG_KEY), made with `app` and deleted when a
 *   is destroyed;
 * - arrays: the elements separated by ',' (no escapes; "" is the empty array).
 * `what` names the argument in messages ("property 'Age'"). */
MI_Result mi_cli_parse_value(MI_Application *app, mi_arena *a, const char *text, MI_Type type,
                             const char *what, MI_Value *out, mi_buf *err);

/* A new instance holding the keys of `path` (text) of class classObject (the path's
 * class): keys converted to their declared types and names (mi_path_normalize),
 * missing or unknown keys refused. full false: a dynamic instance
 * (MI_Application_NewInstance) with just the keys, flagged MI_FLAG_KEY - the instance
 * name a GetInstance, References, Delete ... takes. full true: an instance of the
 * class (MI_Application_NewInstanceFromClass) with the keys set and every other
 * property NULL, ready for more MI_Instance_SetElement calls; it refers to the class's
 * decl, so delete it before the class. The path's namespace, if any, is ignored (the
 * class's namespace is set). */
MI_Result mi_cli_key_instance(MI_Application *app, const MI_Class *classObject,
                              const char *path, bool full, MI_Instance **out, mi_buf *err);

/* The class name of a path ("Class" of "ns:Class.k=1"), copied into a.
 * INVALID_PARAMETER with a message for a malformed path. */
MI_Result mi_cli_path_class(mi_arena *a, const char *path, const char **cls, mi_buf *err);

#endif
