/* fmt.h - how `mi` writes instances: MOF-style "instance of" blocks and JSON, both
 * built only from the public MI_Instance API (MI_Instance_GetClassName,
 * GetNameSpace, GetElementCount, GetElementAt), so they work for any instance:
 * schema-bound or dynamic, from a provider or from the repository.
 *
 * Every function appends to a capped buffer (base/buf.h) and returns 0, or -1 when
 * the buffer failed (out of memory or past its cap) or the instance could not be read
 * (an MI_Instance_* call failed, or embedded instances nest deeper than
 * MI_CLI_FMT_MAX_DEPTH); the buffer then holds a partial text the caller discards.
 */
#ifndef MI_TOOLS_FMT_H
#define MI_TOOLS_FMT_H

#include <mi.h>
#include <stdbool.h>

#include "base/buf.h"

/* Deepest nesting of embedded instances and references written. */
#define MI_CLI_FMT_MAX_DEPTH 32

/* The CIM text of a datetime: "yyyymmddhhmmss.mmmmmmsutc" for a timestamp,
 * "ddddddddhhmmss.mmmmmm:000" for an interval (25 characters + NUL). */
void mi_cli_datetime_text(const MI_Datetime *dt, char out[26]);

/* ---------------------------------------------------------------- MOF */

/* "instance of Class\n{\n    Prop = value;\n};\n", one line per non-NULL element
 * (with nulls: NULL elements too, as "Prop = NULL;"). Values: integers in decimal,
 * reals with the fewest digits that read back exactly, booleans TRUE/FALSE, strings
 * and char16 quoted with MOF escapes, datetimes as quoted CIM text, arrays as
 * { a, b }, references as the quoted path of the referenced instance
 * ("Class.Key=\"v\""), embedded instances as nested "instance of" blocks.
 * indent: spaces before each line (nested blocks use it). */
int mi_cli_mof_instance(mi_buf *b, const MI_Instance *inst, bool nulls, unsigned indent);

/* ---------------------------------------------------------------- JSON (RFC 8259) */

/* A JSON string: quotes, \" \\ and control characters escaped (\n \t ... or
 * \u00XX); bytes that are not valid UTF-8 become U+FFFD. s NULL writes null. */
int mi_cli_json_string(mi_buf *b, const char *s);

/* A JSON value of an MI value: integers as numbers with every digit (uint64 max
 * included), real64 with %.17g and real32 with %.9g (both read back exactly), NaN
 * and infinities as null, booleans, char16 and strings as strings, datetimes as
 * their CIM text, arrays as arrays, references as {"@class": C, "@namespace": N
 * (when known), key properties...}, embedded instances as objects
 * (mi_cli_json_instance). */
int mi_cli_json_value(mi_buf *b, MI_Type type, const MI_Value *v, unsigned depth);
/* The same for a keys-only result: only the key properties (or, when the instance does
 * not mark its keys, only the properties that are not NULL). */
int mi_cli_json_keys(mi_buf *b, const MI_Instance *inst, unsigned depth);

/* {"@class": C, "@namespace": N, "Prop": value, ...}: every element, NULL ones as
 * null. @namespace is left out when the instance has none. */
int mi_cli_json_instance(mi_buf *b, const MI_Instance *inst, unsigned depth);

/* The path of an instance as text, "Class.Key1=\"v\",Key2=3" (keys: the elements
 * flagged MI_FLAG_KEY; an instance that flags none uses all its non-NULL elements;
 * none at all gives "Class=@"). */
int mi_cli_path_text(mi_buf *b, const MI_Instance *inst);

#endif
