/* wql.h - WQL queries: parser, semantic check against a class, evaluator over an
 * MI_Instance, and the provider API's MI_Filter over a parsed query.
 *
 * Layer: depends on base and cim only (the engine and, later, the WS-Man server's
 * wsman:Filter use it). The same parser serves CQL requests: the subset below is
 * written the same way in both languages.
 *
 * Grammar (keywords and names without regard to ASCII case):
 *   query   := SELECT ( '*' | name { ',' name } ) FROM Class [ WHERE cond ] [ ';' ]
 *   name    := Prop | Class '.' Prop          (Class must be the FROM class)
 *   cond    := and { OR and } ;  and := not { AND not } ;  not := NOT not | prim
 *   prim    := '(' cond ')' | operand cmp operand | operand IS [NOT] NULL
 *            | operand [NOT] LIKE 'pattern' | operand ISA ( 'Class' | Class )
 *   cmp     := '=' | '<>' | '!=' | '<' | '<=' | '>' | '>='
 *   operand := name | __this (ISA only) | literal
 *   (SELECT FROM WHERE AND OR NOT IS NULL LIKE ISA TRUE FALSE are reserved: not names)
 *   literal := integer (decimal or 0x hex, optional sign) | real (1.5, 2e3, -0.5E-2)
 *            | 'string' | "string" (escapes \\ \' \" \n \r \t \b \f \xH..HHHH)
 *            | TRUE | FALSE | NULL
 *
 * Semantics (decisions; see docs/ARCHITECTURE.md "Queries"):
 * - Three-valued logic: a NULL property or a NULL literal makes a comparison UNKNOWN
 *   (so "X = NULL" never matches; only IS NULL does); NOT UNKNOWN is UNKNOWN; an
 *   instance matches when the condition is TRUE.
 * - Comparisons go by the property's CIM type: integers by value (signed and unsigned
 *   mixed exactly), reals as doubles, strings without regard to ASCII case (WMI's rule;
 *   other characters by code point), booleans FALSE < TRUE, char16 as a one-character
 *   string or a number, datetimes as datetimes (timestamps in UTC; a timestamp and an
 *   interval are not comparable: UNKNOWN), references as normalised instance paths
 *   (= and <> only). A string literal compared with a number, boolean, char16,
 *   datetime or reference is read as that type; if it cannot be, the query is invalid.
 * - An array property compares TRUE when any element does (an empty array: FALSE).
 * - LIKE: % any run, _ one character, [abc] [a-z] [^x] one character of (not of) the
 *   set; case-insensitive as the other string comparisons. Strings and char16 only.
 * - ISA: an embedded-instance or reference property whose class is or derives from
 *   the class named (a dynamic embedded instance: its own class name only), or
 *   "__this ISA 'C'" for the instance itself.
 *
 * Caps: query text WQL_MAX_TEXT bytes, nesting (parentheses and NOT) WQL_MAX_DEPTH,
 * WQL_MAX_NODES conditions and operands, LIKE patterns WQL_MAX_PATTERN characters.
 * Errors: syntax and semantic errors MI_RESULT_INVALID_QUERY with "column N: expected
 * X, found Y" or "column N: ..." naming the property (columns count characters from 1;
 * "line L, column N" when the text has several lines); caps
 * MI_RESULT_SERVER_LIMITS_EXCEEDED; out of memory likewise.
 */
#ifndef MI_QUERY_WQL_H
#define MI_QUERY_WQL_H

#include <mi.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"

#define WQL_MAX_TEXT    (64u * 1024u)
#define WQL_MAX_DEPTH   128u
#define WQL_MAX_NODES   8192u
#define WQL_MAX_PATTERN 4096u

typedef struct wql_query wql_query;

/* Parses text (UTF-8) into a query allocated from arena a (which must outlive it).
 * On error returns the MI_Result and appends the message to err; *out is NULL. */
MI_Result wql_parse(mi_arena *a, const char *text, wql_query **out, mi_buf *err);

/* The FROM class as written. */
const char *wql_class(const wql_query *q);
/* True for SELECT *. */
bool wql_select_all(const wql_query *q);
/* The selected property names (declared spelling once bound); 0 for SELECT *. */
size_t wql_select_count(const wql_query *q);
const char *wql_select_at(const wql_query *q, size_t i);
/* True if the query selects property name (any case); always true for SELECT *. */
bool wql_selects(const wql_query *q, const char *name);
/* The query text it was parsed from (a copy in the query's arena). */
const char *wql_text(const wql_query *q);

/* Checks q against cd, the FROM class: every property named must be one of cd's,
 * operand types must be comparable (a literal is converted to the property's type
 * once here), LIKE needs a string or char16, ISA an embedded instance or reference,
 * ordering operators (< <= > >=) are not defined on references or embedded
 * instances. Names are rewritten to their declared spelling. MI_RESULT_INVALID_QUERY
 * with "column N: ..." in err. Call once, before any evaluation (not thread-safe);
 * an unbound query can be evaluated too (literals are then converted at each use). */
MI_Result wql_bind(wql_query *q, const MI_ClassDecl *cd, mi_buf *err);

/* Evaluates the WHERE condition on inst (properties read by name through its
 * function table); *match is true when the condition is TRUE (always true without
 * WHERE). Reentrant: any number of threads may evaluate one query at once. Fails
 * only with INVALID_PARAMETER (NULL argument) or SERVER_LIMITS_EXCEEDED (out of
 * memory comparing references); *match is then false. */
MI_Result wql_eval(const wql_query *q, const MI_Instance *inst, bool *match);

/* The provider API's MI_Filter over a query: Evaluate = wql_eval, GetExpression =
 * (dialect, text). The query, dialect and text are borrowed and must outlive every
 * use of the filter. */
typedef struct wql_filter {
    MI_Filter filter; /* first: providers get &filter */
    const wql_query *q;
    const char *dialect;
} wql_filter;

void wql_filter_init(wql_filter *f, const wql_query *q, const char *dialect);

/* Dialect check: "WQL", and the CQL spellings "CQL" and "DMTF:CQL" (parsed with the
 * same grammar), in any case. Returns the canonical name ("WQL" or "CQL"), or NULL
 * for any other dialect (MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED for the caller). */
const char *wql_dialect(const char *dialect);

#endif
