/* test_wql.c - src/query: the WQL parser (good queries, syntax errors with their exact
 * columns, caps), the semantic check against a class, the evaluator over an instance
 * with every CIM type (arrays, NULLs, LIKE, three-valued logic) and the MI_Filter.
 *
 * Fixture: class WQ_All (one property of each type, arrays, a reference, an embedded
 * instance, two properties left NULL) compiled from MOF text into an in-memory
 * repository; one instance `full` with the values listed in setup().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/alloc.h"
#include "cim/cim.h"
#include "mof/mof.h"
#include "query/wql.h"
#include "repo/repo.h"

#define NS "root/test"
#define QUALIFIERS MI_SHARED_DIR "/data/cim-schema/2.49.0/qualifiers.mof"

static const char schema[] =
    "class WQ_Target { [Key] uint32 Id; };\n"
    "class WQ_Sub : WQ_Target { };\n"
    "class WQ_All {\n"
    "  [Key] string Key;\n"
    "  boolean B; uint8 U8; sint8 S8; uint16 U16; sint16 S16; uint32 U32; sint32 S32;\n"
    "  uint64 U64; sint64 S64; real32 R32; real64 R64; char16 C16; string S;\n"
    "  datetime DT; datetime IV;\n"
    "  WQ_Target REF Ref;\n"
    "  [EmbeddedInstance(\"WQ_Target\")] string Emb;\n"
    "  uint32 UA[]; string SA[]; real64 RA[]; boolean BA[];\n"
    "  string N; uint32 NU;\n"
    "};\n";

typedef struct fixture {
    mi_repo *repo;
    const MI_ClassDecl *all, *target, *sub;
    MI_Instance *full;
    MI_Instance *ref, *emb;
} fixture;

static fixture *F;

static void set(MI_Instance *inst, const char *name, MI_Type t, MI_Value v)
{
    assert_int_equal(MI_Instance_SetElement(inst, name, &v, t, 0), MI_RESULT_OK);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    mi_mof_options o;
    mi_ns *ns;
    MI_Value v;
    MI_Uint32 ua[] = {1, 2, 3};
    MI_Char *sa[] = {(MI_Char *)"a", (MI_Char *)"Bb"};
    MI_Boolean ba[] = {MI_FALSE};
    const char *why = NULL;

    memset(&o, 0, sizeof o);
    o.ns = NS;
    assert_int_equal(mi_repo_new(&f->repo), MI_RESULT_OK);
    assert_int_equal(mi_mof_compile_file(f->repo, QUALIFIERS, &o, NULL), MI_RESULT_OK);
    assert_int_equal(mi_mof_compile_buffer(f->repo, "wq.mof", schema, strlen(schema), &o, NULL),
                     MI_RESULT_OK);
    ns = mi_repo_ns(f->repo, NS);
    assert_non_null(ns);
    f->all = mi_ns_class(ns, "WQ_All");
    f->target = mi_ns_class(ns, "WQ_Target");
    f->sub = mi_ns_class(ns, "WQ_Sub");
    assert_non_null(f->all);
    assert_non_null(f->sub);

    assert_int_equal(mi_instance_new(f->target, NS, NULL, &f->ref), MI_RESULT_OK);
    v.uint32 = 7;
    set(f->ref, "Id", MI_UINT32, v);
    assert_int_equal(mi_instance_new(f->sub, NS, NULL, &f->emb), MI_RESULT_OK);
    v.uint32 = 9;
    set(f->emb, "Id", MI_UINT32, v);

    assert_int_equal(mi_instance_new(f->all, NS, NULL, &f->full), MI_RESULT_OK);
    MI_Instance *i = f->full;
    v.string = (MI_Char *)"k1";
    set(i, "Key", MI_STRING, v);
    v.boolean = MI_TRUE;
    set(i, "B", MI_BOOLEAN, v);
    v.uint8 = 200;
    set(i, "U8", MI_UINT8, v);
    v.sint8 = -100;
    set(i, "S8", MI_SINT8, v);
    v.uint16 = 60000;
    set(i, "U16", MI_UINT16, v);
    v.sint16 = -30000;
    set(i, "S16", MI_SINT16, v);
    v.uint32 = 4000000000u;
    set(i, "U32", MI_UINT32, v);
    v.sint32 = -2000000000;
    set(i, "S32", MI_SINT32, v);
    v.uint64 = UINT64_MAX;
    set(i, "U64", MI_UINT64, v);
    v.sint64 = INT64_MIN;
    set(i, "S64", MI_SINT64, v);
    v.real32 = 1.5f;
    set(i, "R32", MI_REAL32, v);
    v.real64 = -2.25;
    set(i, "R64", MI_REAL64, v);
    v.char16 = 'x';
    set(i, "C16", MI_CHAR16, v);
    v.string = (MI_Char *)"Hello World";
    set(i, "S", MI_STRING, v);
    /* 12:00 at UTC+60 minutes = 11:00 UTC. */
    assert_int_equal(mi_datetime_parse("20240315120000.000000+060", &v.datetime, &why),
                     MI_RESULT_OK);
    set(i, "DT", MI_DATETIME, v);
    assert_int_equal(mi_datetime_parse("00000001020304.000000:000", &v.datetime, &why),
                     MI_RESULT_OK);
    set(i, "IV", MI_DATETIME, v);
    v.reference = f->ref;
    set(i, "Ref", MI_REFERENCE, v);
    v.instance = f->emb;
    set(i, "Emb", MI_INSTANCE, v);
    v.uint32a.data = ua;
    v.uint32a.size = 3;
    set(i, "UA", MI_UINT32A, v);
    v.stringa.data = sa;
    v.stringa.size = 2;
    set(i, "SA", MI_STRINGA, v);
    v.real64a.data = NULL;
    v.real64a.size = 0;
    set(i, "RA", MI_REAL64A, v);
    v.booleana.data = ba;
    v.booleana.size = 1;
    set(i, "BA", MI_BOOLEANA, v);
    F = f;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    MI_Instance_Delete(f->full);
    MI_Instance_Delete(f->ref);
    MI_Instance_Delete(f->emb);
    mi_repo_free(f->repo);
    free(f);
    return 0;
}

/* ---------------------------------------------------------------- parser */

/* Parses text: expects code; with a message, expects exactly it. */
static void parse_expect(const char *text, MI_Result code, const char *message)
{
    mi_arena a;
    mi_buf err;
    wql_query *q = NULL;
    MI_Result r;

    mi_arena_init(&a, 0, 0);
    mi_buf_init(&err, 0);
    r = wql_parse(&a, text, &q, &err);
    if (r != code || (message != NULL && strcmp(mi_buf_str(&err), message) != 0))
        fail_msg("query \"%.80s\": got %d \"%s\", expected %d \"%s\"", text, (int)r,
                 mi_buf_str(&err), (int)code, message != NULL ? message : "");
    if (code == MI_RESULT_OK)
        assert_non_null(q);
    else
        assert_null(q);
    mi_buf_free(&err);
    mi_arena_destroy(&a);
}

static void test_parse_good(void **state)
{
    static const char *const good[] = {
        "SELECT * FROM X",
        "select * from x",
        "SeLeCt * FrOm X wHeRe a = 1",
        "SELECT a FROM X",
        "SELECT a, X.b,c FROM X;",
        "  SELECT\t*\nFROM X\r\nWHERE a=1  ",
        "SELECT * FROM X WHERE a = -1 AND b <> +2 OR c != 0x1F",
        "SELECT * FROM X WHERE a = 1.5e3 OR a < -0.5E-2 OR a >= 2.0",
        "SELECT * FROM X WHERE a = 'it''s'" /* two adjacent literals: invalid below */,
        "SELECT * FROM X WHERE a = \"d\\\"q\" AND b = 'x\\n\\t\\\\\\'\\x41\\x00e9'",
        "SELECT * FROM X WHERE NOT NOT a IS NOT NULL",
        "SELECT * FROM X WHERE a IS NULL AND (b LIKE 'x%' OR c NOT LIKE '[a-z]_')",
        "SELECT * FROM X WHERE e ISA 'Y' OR e ISA Y OR __this ISA 'X'",
        "SELECT * FROM X WHERE 1 = a AND TRUE = b AND c = FALSE AND d = NULL",
        "SELECT * FROM X WHERE a <= b AND c > d AND e >= f AND g < h",
        "SELECT * FROM X WHERE ((((a = 1))))",
        "SELECT * FROM X WHERE a = 18446744073709551615 AND b = -9223372036854775808",
        "SELECT * FROM X WHERE __this = 1",
    };
    (void)state;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        if (i == 8) {
            parse_expect(good[i], MI_RESULT_INVALID_QUERY,
                         "column 31: expected AND, OR or the end of the query, found ''s''");
            continue;
        }
        parse_expect(good[i], MI_RESULT_OK, NULL);
    }
}

static void test_parse_accessors(void **state)
{
    mi_arena a;
    mi_buf err;
    wql_query *q = NULL;

    (void)state;
    mi_arena_init(&a, 0, 0);
    mi_buf_init(&err, 0);
    assert_int_equal(wql_parse(&a, "SELECT Name, X.Size FROM Thing WHERE Size > 3", &q, &err),
                     MI_RESULT_OK);
    assert_string_equal(wql_class(q), "Thing");
    assert_false(wql_select_all(q));
    assert_int_equal(wql_select_count(q), 2);
    assert_string_equal(wql_select_at(q, 0), "Name");
    assert_string_equal(wql_select_at(q, 1), "Size");
    assert_null(wql_select_at(q, 2));
    assert_true(wql_selects(q, "name"));
    assert_true(wql_selects(q, "SIZE"));
    assert_false(wql_selects(q, "Other"));
    assert_string_equal(wql_text(q), "SELECT Name, X.Size FROM Thing WHERE Size > 3");
    assert_int_equal(wql_parse(&a, "SELECT * FROM Thing", &q, &err), MI_RESULT_OK);
    assert_true(wql_select_all(q));
    assert_int_equal(wql_select_count(q), 0);
    assert_true(wql_selects(q, "anything"));

    assert_string_equal(wql_dialect("wql"), "WQL");
    assert_string_equal(wql_dialect("WQL"), "WQL");
    assert_string_equal(wql_dialect("cql"), "CQL");
    assert_string_equal(wql_dialect("DMTF:CQL"), "CQL");
    assert_null(wql_dialect("XPath"));
    assert_null(wql_dialect(""));
    assert_null(wql_dialect(NULL));
    mi_buf_free(&err);
    mi_arena_destroy(&a);
}

static void test_parse_errors(void **state)
{
    static const struct {
        const char *text, *message;
    } bad[] = {
        {"", "column 1: expected SELECT, found end of query"},
        {"SELEC * FROM X", "column 1: expected SELECT, found 'SELEC'"},
        {"SELECT", "column 7: expected '*' or a property name, found end of query"},
        {"SELECT * FORM X", "column 10: expected FROM, found 'FORM'"},
        {"SELECT a b FROM X", "column 10: expected ',' or FROM, found 'b'"},
        {"SELECT a, FROM X", "column 11: expected a property name, found 'FROM'"},
        {"SELECT a. FROM X", "column 11: expected a property name after '.', found 'FROM'"},
        {"SELECT * FROM", "column 14: expected a class name, found end of query"},
        {"SELECT * FROM 7", "column 15: expected a class name, found '7'"},
        {"SELECT * FROM X Y", "column 17: expected WHERE or the end of the query, found 'Y'"},
        {"SELECT * FROM X WHERE",
         "column 22: expected a property, a literal or '(', found end of query"},
        {"SELECT * FROM X WHERE a =",
         "column 26: expected a property or a literal, found end of query"},
        {"SELECT * FROM X WHERE a = 1 AND",
         "column 32: expected a property, a literal or '(', found end of query"},
        {"SELECT * FROM X WHERE (a = 1",
         "column 29: expected ')' or a logical operator, found end of query"},
        {"SELECT * FROM X WHERE a = 1)",
         "column 28: expected AND, OR or the end of the query, found ')'"},
        {"SELECT * FROM X WHERE a = 'abc", "column 27: unterminated string"},
        {"SELECT * FROM X WHERE a = 1 b",
         "column 29: expected AND, OR or the end of the query, found 'b'"},
        {"SELECT * FROM X WHERE a # 1",
         "column 25: expected a comparison operator, IS, LIKE or ISA, found '#'"},
        {"SELECT * FROM X WHERE a ! 1",
         "column 25: expected a comparison operator, IS, LIKE or ISA, found '!'"},
        {"SELECT * FROM X WHERE a IS 1", "column 28: expected NULL or NOT NULL, found '1'"},
        {"SELECT * FROM X WHERE a IS NOT 1", "column 32: expected NULL, found '1'"},
        {"SELECT * FROM X WHERE a NOT 'x'", "column 29: expected LIKE, found ''x''"},
        {"SELECT * FROM X WHERE a LIKE 5",
         "column 30: expected a string pattern after LIKE, found '5'"},
        {"SELECT * FROM X WHERE a LIKE '[ab'", "column 30: LIKE pattern has '[' without ']'"},
        {"SELECT * FROM X WHERE a ISA 5", "column 29: expected a class name after ISA, found '5'"},
        {"SELECT * FROM X WHERE a ISA 'no class'",
         "column 29: expected a class name after ISA, found ''no class''"},
        {"SELECT * FROM X WHERE a = 99999999999999999999",
         "column 27: integer literal out of range"},
        {"SELECT * FROM X WHERE a = -9223372036854775809",
         "column 27: integer literal out of range"},
        {"SELECT * FROM X WHERE a = 0x", "column 27: malformed hexadecimal literal"},
        {"SELECT * FROM X WHERE a = 0x1G", "column 27: malformed hexadecimal literal"},
        {"SELECT * FROM X WHERE a = 12abc", "column 27: malformed number"},
        {"SELECT * FROM X WHERE a = 2.", "column 27: malformed number"},
        {"SELECT * FROM X WHERE a = 2.x", "column 27: malformed number"},
        {"SELECT * FROM X WHERE a = 1e999", "column 27: real literal out of range"},
        {"SELECT * FROM X WHERE a = - b", "column 29: expected a number after the sign, found 'b'"},
        {"SELECT * FROM X WHERE __this 'abc", "column 30: unterminated string"},
        {"SELECT * FROM X WHERE a = 'x\\q'",
         "column 29: unknown escape in string (use \\\\ \\' \\\" \\n \\r \\t \\b \\f \\xHHHH)"},
        {"SELECT * FROM X WHERE a = 'x\\x'",
         "column 29: \\x needs 1 to 4 hex digits naming a character other than NUL"},
        {"SELECT * FROM X WHERE a = '\\x0'",
         "column 28: \\x needs 1 to 4 hex digits naming a character other than NUL"},
        {"SELECT * FROM X WHERE SELECT = 1",
         "column 23: expected a property, a literal or '(', found 'SELECT'"},
        {"SELECT *\nFROM X\nWHERE",
         "line 3, column 6: expected a property, a literal or '(', found end of query"},
        /* Columns count characters, not bytes. */
        {"SELECT * FROM X WHERE n = '\xc3\xa4\xc3\xb6' AND",
         "column 35: expected a property, a literal or '(', found end of query"},
        {"SELECT * FROM X WHERE \xc3\xa4 ~",
         "column 25: expected a comparison operator, IS, LIKE or ISA, found '~'"},
        {"SELECT * FROM X WHERE a = '\xff'", "column 28: the query is not valid UTF-8"},
        {"SELECT * FROM X WHERE a = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' b",
         "column 76: expected AND, OR or the end of the query, found 'b'"},
        {"SELECT * FROM X WHERE aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
         "column 78: expected a comparison operator, IS, LIKE or ISA, found end of query"},
        {"SELECT * FROM X WHERE 1 = 1 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
         "column 29: expected AND, OR or the end of the query, found "
         "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        parse_expect(bad[i].text, MI_RESULT_INVALID_QUERY, bad[i].message);
    parse_expect(NULL, MI_RESULT_INVALID_QUERY, "no query given");
}

/* Repeats unit n times between head and tail (heap string). */
static char *repeat(const char *head, const char *unit, size_t n, const char *tail)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * n + tl + 1), *p = s;
    memcpy(p, head, hl);
    p += hl;
    for (size_t i = 0; i < n; i++, p += ul)
        memcpy(p, unit, ul);
    memcpy(p, tail, tl + 1);
    return s;
}

static void test_parse_caps(void **state)
{
    char *s, *t;
    (void)state;

    /* Text: exactly the cap parses; one more byte is refused before parsing. */
    s = repeat("SELECT * FROM X", " ", WQL_MAX_TEXT - 15, "");
    assert_int_equal(strlen(s), WQL_MAX_TEXT);
    parse_expect(s, MI_RESULT_OK, NULL);
    free(s);
    s = repeat("SELECT * FROM X", " ", WQL_MAX_TEXT - 14, "");
    parse_expect(s, MI_RESULT_SERVER_LIMITS_EXCEEDED, "the query is longer than 65536 bytes");
    free(s);

    /* Nesting: 128 levels of parentheses are fine, 129 are refused (column of the 129th
     * parenthesis), also for NOT and for a long run of "((((" without an end. */
    s = repeat("SELECT * FROM X WHERE ", "(", 128, "a = 1");
    t = repeat(s, ")", 128, "");
    parse_expect(t, MI_RESULT_OK, NULL);
    free(s);
    free(t);
    s = repeat("SELECT * FROM X WHERE ", "(", 129, "a = 1");
    parse_expect(s, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                 "column 151: conditions nest deeper than 128 levels");
    free(s);
    s = repeat("SELECT * FROM X WHERE ", "NOT ", 129, "a = 1");
    parse_expect(s, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                 "column 535: conditions nest deeper than 128 levels");
    free(s);
    s = repeat("SELECT * FROM X WHERE ", "(", 60000, "");
    parse_expect(s, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                 "column 151: conditions nest deeper than 128 levels");
    free(s);

    /* Nodes: 2000 comparisons (6000 nodes) are fine, 3000 (9000) are not. */
    s = repeat("SELECT * FROM X WHERE a = 0", " OR a = 1", 1999, "");
    parse_expect(s, MI_RESULT_OK, NULL);
    free(s);
    s = repeat("SELECT * FROM X WHERE a = 0", " OR a = 1", 2999, "");
    parse_expect(s, MI_RESULT_SERVER_LIMITS_EXCEEDED, NULL);
    free(s);
    s = repeat("SELECT a", ", a", 9000, " FROM X");
    parse_expect(s, MI_RESULT_SERVER_LIMITS_EXCEEDED, NULL);
    free(s);

    /* LIKE patterns: WQL_MAX_PATTERN characters at most. */
    s = repeat("SELECT * FROM X WHERE a LIKE '", "%", WQL_MAX_PATTERN, "'");
    parse_expect(s, MI_RESULT_OK, NULL);
    free(s);
    s = repeat("SELECT * FROM X WHERE a LIKE '", "_", WQL_MAX_PATTERN + 1, "'");
    parse_expect(s, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                 "column 30: LIKE pattern longer than 4096 characters");
    free(s);
}

/* ---------------------------------------------------------------- bind + eval */

/* Parses "SELECT * FROM WQ_All WHERE cond", binds it (unless unbound) and evaluates it
 * on inst. */
static bool eval_on(const MI_Instance *inst, const char *cond, bool bind)
{
    mi_arena a;
    mi_buf err;
    wql_query *q = NULL;
    bool m = false;
    char text[2048];

    snprintf(text, sizeof text, "SELECT * FROM WQ_All WHERE %s", cond);
    mi_arena_init(&a, 0, 0);
    mi_buf_init(&err, 0);
    if (wql_parse(&a, text, &q, &err) != MI_RESULT_OK)
        fail_msg("parse of \"%s\": %s", cond, mi_buf_str(&err));
    if (bind && wql_bind(q, F->all, &err) != MI_RESULT_OK)
        fail_msg("bind of \"%s\": %s", cond, mi_buf_str(&err));
    assert_int_equal(wql_eval(q, inst, &m), MI_RESULT_OK);
    mi_buf_free(&err);
    mi_arena_destroy(&a);
    return m;
}

typedef struct cond_case {
    const char *cond;
    bool want;
} cond_case;

static void run_cases(const MI_Instance *inst, const cond_case *c, size_t n, bool bind)
{
    for (size_t i = 0; i < n; i++) {
        bool got = eval_on(inst, c[i].cond, bind);
        if (got != c[i].want)
            fail_msg("%s\"%s\" is %s, expected %s", bind ? "" : "(unbound) ", c[i].cond,
                     got ? "TRUE" : "not TRUE", c[i].want ? "TRUE" : "not TRUE");
    }
}

static const cond_case scalar_cases[] = {
    /* integers of each width and sign, against integer, real and string literals */
    {"U8 = 200", true},
    {"U8 <> 200", false},
    {"U8 != 200", false},
    {"U8 > 199", true},
    {"U8 >= 201", false},
    {"U8 = 200.0", true},
    {"U8 < 200.5", true},
    {"U8 = '200'", true},
    {"U8 = ' 0xC8 '", true},
    {"U8 = 456", false},
    {"S8 = -100", true},
    {"S8 < -99", true},
    {"S8 > -101.5", true},
    {"U16 >= 60000", true},
    {"S16 = -30000", true},
    {"S16 = '-0x7530'", true},
    {"U32 = 4000000000", true},
    {"U32 = 0xEE6B2800", true},
    {"U32 > -4000000000", true},
    {"S32 < -1999999999", true},
    {"U64 = 18446744073709551615", true},
    {"U64 = 0xFFFFFFFFFFFFFFFF", true},
    {"U64 > 9223372036854775807", true},
    {"U64 > -1", true},
    {"U64 = -1", false},
    {"S64 = -9223372036854775808", true},
    {"S64 < -9223372036854775807", true},
    {"S64 < U64", true},
    {"U64 > S64 AND U8 > S8 AND U8 = U8", true},
    {"200 = U8", true},
    {"-100 >= S8", true},
    /* reals */
    {"R32 = 1.5", true},
    {"R32 > 1", true},
    {"R64 < -2", true},
    {"R64 = -2.25", true},
    {"R64 = -225e-2", true},
    {"R64 > -3", true},
    {"R64 < R32", true},
    /* booleans */
    {"B = TRUE", true},
    {"B = true", true},
    {"B = 'true'", true},
    {"B <> FALSE", true},
    {"B > FALSE", true},
    {"B = FALSE", false},
    /* char16 */
    {"C16 = 'x'", true},
    {"C16 = 120", true},
    {"C16 < 'y'", true},
    {"C16 LIKE '[w-y]'", true},
    /* strings: without regard to ASCII case */
    {"S = 'Hello World'", true},
    {"S = 'hello world'", true},
    {"S = \"HELLO WORLD\"", true},
    {"S = 'Hello'", false},
    {"S <> 'x'", true},
    {"S > 'HELLO'", true},
    {"S < 'i'", true},
    {"S >= 'hello world'", true},
    {"Key = 'K1'", true},
    {"WQ_All.Key = 'k1'", true},
    {"wq_all.key = 'k1'", true},
    /* LIKE */
    {"S LIKE 'h%d'", true},
    {"S LIKE '%WORLD'", true},
    {"S LIKE '%o%o%'", true},
    {"S LIKE '%o%o%o%'", false},
    {"S LIKE 'H_llo W%'", true},
    {"S LIKE '[gh]ello%'", true},
    {"S LIKE '[^h]%'", false},
    {"S LIKE '[^x]%'", true},
    {"S LIKE '[a-z]ello world'", true},
    {"S LIKE 'Hello'", false},
    {"S LIKE '%'", true},
    {"S LIKE '___________'", true},
    {"S LIKE '__________'", false},
    {"S NOT LIKE 'x%'", true},
    {"S NOT LIKE 'h%'", false},
    {"NOT S LIKE 'h%'", false},
    /* datetimes: timestamps in UTC, intervals by length */
    {"DT = '20240315110000.000000+000'", true},
    {"DT = '20240315103000.000000-030'", true},
    {"DT < '20240315110000.000001+000'", true},
    {"DT > '20240315105959.999999+000'", true},
    {"DT = '20240315120000.000000+000'", false},
    {"IV = '00000001020304.000000:000'", true},
    {"IV > '00000001020303.999999:000'", true},
    {"IV < '00000002000000.000000:000'", true},
    {"DT = '00000001020304.000000:000'", false},
    {"NOT (DT = '00000001020304.000000:000')", false},
    {"DT = IV", false},
    {"DT <> IV", false},
    /* references: normalised paths, = and <> */
    {"Ref = 'WQ_Target.Id=7'", true},
    {"Ref = 'wq_target.ID=\"7\"'", true},
    {"Ref = '//host/root/test:WQ_Target.Id=7'", true},
    {"Ref <> 'WQ_Target.Id=8'", true},
    {"Ref = 'WQ_Target.Id=8'", false},
    {"Ref = 'WQ_Sub.Id=7'", false},
    /* ISA */
    {"Ref ISA 'WQ_Target'", true},
    {"Ref ISA 'WQ_Sub'", false},
    {"Emb ISA 'WQ_Target'", true},
    {"Emb ISA WQ_Sub", true},
    {"Emb ISA 'WQ_All'", false},
    {"__this ISA 'WQ_All'", true},
    {"__this ISA WQ_Target", false},
    {"Emb IS NULL", false},
    /* arrays: TRUE when any element is */
    {"UA = 2", true},
    {"UA = 4", false},
    {"UA > 2", true},
    {"UA < 1", false},
    {"UA <> 1", true},
    {"NOT (UA = 4)", true},
    {"3 = UA", true},
    {"UA = U8", false},
    {"SA = 'bb'", true},
    {"SA LIKE 'a'", true},
    {"SA LIKE 'c%'", false},
    {"RA = 1", false},
    {"NOT (RA = 1)", true},
    {"RA IS NULL", false},
    {"BA = FALSE", true},
    {"BA = TRUE", false},
    /* NULL: three-valued logic */
    {"N = 'x'", false},
    {"N <> 'x'", false},
    {"NOT (N = 'x')", false},
    {"NOT (N <> 'x')", false},
    {"N IS NULL", true},
    {"N IS NOT NULL", false},
    {"NOT N IS NULL", false},
    {"S IS NULL", false},
    {"S IS NOT NULL", true},
    {"NU = NULL", false},
    {"NU <> NULL", false},
    {"U8 = NULL", false},
    {"NOT (U8 = NULL)", false},
    {"U8 = NULL OR TRUE = TRUE", true},
    {"N = 'x' OR U8 = 200", true},
    {"N = 'x' AND U8 = 999", false},
    {"NOT (N = 'x' AND U8 = 999)", true},
    {"NOT (N = 'x' AND U8 = 200)", false},
    {"NOT (N = 'x' OR U8 = 999)", false},
    {"N LIKE '%'", false},
    {"N = N", false},
    {"NULL IS NULL", true},
    {"NULL = NULL", false},
    {"NU > 0 OR NU <= 0", false},
    /* logic and literals */
    {"((U8 = 200))", true},
    {"NOT NOT U8 = 200", true},
    {"U8 = 1 OR U8 = 2 OR U8 = 200", true},
    {"U8 = 200 AND S8 = -100 AND B = TRUE AND S = 'hello world'", true},
    {"U8 = 200 AND (S8 = 1 OR S8 = -100) AND NOT B = FALSE", true},
    {"1 = 1", true},
    {"1 = 2", false},
    {"'a' = 'A'", true},
    {"TRUE = TRUE", true},
};

static void test_eval_types(void **state)
{
    (void)state;
    run_cases(F->full, scalar_cases, sizeof scalar_cases / sizeof scalar_cases[0], true);
}

/* Without wql_bind the literals are converted at each evaluation: same answers. */
static void test_eval_unbound(void **state)
{
    static const cond_case c[] = {
        {"U8 = '200'", true},       {"B = 'TRUE'", true},       {"C16 = 'x'", true},
        {"Ref = 'WQ_Target.Id=7'", true}, {"Ref = 'WQ_Target.Id=8'", false},
        {"DT = '20240315110000.000000+000'", true}, {"U8 = 'abc'", false},
        {"S = 5", false},           {"S LIKE 'h%'", true},      {"N IS NULL", true},
        {"Nope = 1", false},        {"Nope IS NULL", true},
        {"U64 = '0x -1'", false},   {"U64 = '0xFFFFFFFFFFFFFFFF'", true},
    };
    (void)state;
    run_cases(F->full, c, sizeof c / sizeof c[0], false);
    run_cases(F->full, scalar_cases, sizeof scalar_cases / sizeof scalar_cases[0], false);
}

/* An instance with only its key set: every other property is NULL. */
static void test_eval_nulls(void **state)
{
    static const cond_case c[] = {
        {"U8 = 200", false},       {"NOT (U8 = 200)", false}, {"U8 IS NULL", true},
        {"UA = 1", false},         {"UA IS NULL", true},      {"Ref IS NULL", true},
        {"Ref = 'WQ_Target.Id=7'", false},                    {"Emb ISA 'WQ_Target'", false},
        {"S LIKE '%'", false},     {"S NOT LIKE '%'", false}, {"Key = 'only'", true},
        {"B = TRUE OR B = FALSE", false},                     {"B IS NULL OR B = TRUE", true},
    };
    MI_Instance *i = NULL;
    MI_Value v;

    (void)state;
    assert_int_equal(mi_instance_new(F->all, NS, NULL, &i), MI_RESULT_OK);
    v.string = (MI_Char *)"only";
    set(i, "Key", MI_STRING, v);
    run_cases(i, c, sizeof c / sizeof c[0], true);
    MI_Instance_Delete(i);
}

/* A dynamic instance whose element types differ from the class: compared by what
 * they hold (a string element is read as the other side's type, as a string literal
 * is; a uint32 is no boolean). */
static void test_eval_dynamic(void **state)
{
    static const cond_case c[] = {
        {"U8 = '200'", true},  {"U8 = 200", true},       {"S = 'abc'", true},
        {"S LIKE 'A%'", true}, {"B = TRUE", false},      {"__this ISA 'WQ_All'", true},
        {"__this ISA 'WQ_Target'", false},
    };
    MI_Instance *i = NULL;
    MI_Value v;

    (void)state;
    assert_int_equal(mi_instance_new_dynamic("WQ_All", MI_FLAG_CLASS, &i), MI_RESULT_OK);
    v.string = (MI_Char *)"200";
    assert_int_equal(MI_Instance_AddElement(i, "U8", &v, MI_STRING, 0), MI_RESULT_OK);
    v.string = (MI_Char *)"abc";
    assert_int_equal(MI_Instance_AddElement(i, "S", &v, MI_STRING, 0), MI_RESULT_OK);
    v.uint32 = 1;
    assert_int_equal(MI_Instance_AddElement(i, "B", &v, MI_UINT32, 0), MI_RESULT_OK);
    run_cases(i, c, sizeof c / sizeof c[0], true);
    MI_Instance_Delete(i);
}

/* Semantic errors: exact messages with the column of the offending operand. */
static void test_bind_errors(void **state)
{
    static const struct {
        const char *text, *message;
    } bad[] = {
        {"SELECT Nope FROM WQ_All", "column 8: no property Nope in class WQ_All"},
        {"SELECT S, X.S FROM WQ_All",
         "column 11: class X in X.S is not the FROM class WQ_All"},
        {"SELECT * FROM WQ_All WHERE Nope = 1", "column 28: no property Nope in class WQ_All"},
        {"SELECT * FROM WQ_All WHERE U8 = 1 AND (S = 'x' OR Nope IS NULL)",
         "column 51: no property Nope in class WQ_All"},
        {"SELECT * FROM WQ_All WHERE Other.U8 = 1",
         "column 28: class Other in Other.U8 is not the FROM class WQ_All"},
        {"SELECT * FROM WQ_All WHERE S = 5",
         "column 32: cannot compare property S (string) with an integer literal: write the "
         "value as a string"},
        {"SELECT * FROM WQ_All WHERE 5 = S",
         "column 28: cannot compare property S (string) with an integer literal: write the "
         "value as a string"},
        {"SELECT * FROM WQ_All WHERE S = TRUE",
         "column 32: cannot compare property S (string) with a boolean literal: write the "
         "value as a string"},
        {"SELECT * FROM WQ_All WHERE U8 = TRUE",
         "column 33: cannot compare property U8 (uint8) with a boolean literal"},
        {"SELECT * FROM WQ_All WHERE B = 1",
         "column 32: cannot compare property B (boolean) with an integer literal"},
        {"SELECT * FROM WQ_All WHERE U8 = 'abc'",
         "column 33: 'abc' is not an integer value for property U8 (uint8)"},
        {"SELECT * FROM WQ_All WHERE U64 = '0x-1'",
         "column 34: '0x-1' is not an integer value for property U64 (uint64)"},
        {"SELECT * FROM WQ_All WHERE B = 'yes'",
         "column 32: 'yes' is not a boolean value for property B (boolean)"},
        {"SELECT * FROM WQ_All WHERE C16 = 'xy'",
         "column 34: 'xy' is not a char16 value for property C16 (char16)"},
        {"SELECT * FROM WQ_All WHERE DT = 5",
         "column 33: cannot compare property DT (datetime) with an integer literal: write "
         "the value as a string"},
        {"SELECT * FROM WQ_All WHERE Ref = 'not a path'",
         "column 34: 'not a path' is not a reference value for property Ref (ref)"},
        {"SELECT * FROM WQ_All WHERE Ref < 'WQ_Target.Id=7'",
         "column 28: property Ref is a reference: only = and <> compare it"},
        {"SELECT * FROM WQ_All WHERE Emb = 'x'",
         "column 28: property Emb is an embedded instance: use ISA or IS NULL"},
        {"SELECT * FROM WQ_All WHERE U8 LIKE 'a'",
         "column 28: LIKE needs a string property; U8 is uint8"},
        {"SELECT * FROM WQ_All WHERE 5 LIKE 'a'",
         "column 28: LIKE needs a string, found an integer literal"},
        {"SELECT * FROM WQ_All WHERE S ISA 'X'",
         "column 28: ISA needs an embedded-instance or reference property; S is string"},
        {"SELECT * FROM WQ_All WHERE UA = SA",
         "column 33: cannot compare two array properties (UA and SA)"},
        {"SELECT * FROM WQ_All WHERE S = U8",
         "column 32: cannot compare property S (string) with property U8 (uint8)"},
        {"SELECT * FROM WQ_All WHERE Ref > Ref",
         "column 34: cannot compare property Ref (ref) with property Ref (ref)"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mi_arena a;
        mi_buf err;
        wql_query *q = NULL;
        MI_Result r;
        mi_arena_init(&a, 0, 0);
        mi_buf_init(&err, 0);
        assert_int_equal(wql_parse(&a, bad[i].text, &q, &err), MI_RESULT_OK);
        r = wql_bind(q, F->all, &err);
        if (r != MI_RESULT_INVALID_QUERY || strcmp(mi_buf_str(&err), bad[i].message) != 0)
            fail_msg("\"%s\": got %d \"%s\", expected \"%s\"", bad[i].text, (int)r,
                     mi_buf_str(&err), bad[i].message);
        mi_buf_free(&err);
        mi_arena_destroy(&a);
    }
}

/* Binding rewrites names to their declared spelling (used to project results). */
static void test_bind_names(void **state)
{
    mi_arena a;
    mi_buf err;
    wql_query *q = NULL;

    (void)state;
    mi_arena_init(&a, 0, 0);
    mi_buf_init(&err, 0);
    assert_int_equal(wql_parse(&a, "select u8, WQ_ALL.key from wq_all", &q, &err),
                     MI_RESULT_OK);
    assert_int_equal(wql_bind(q, F->all, &err), MI_RESULT_OK);
    assert_string_equal(wql_select_at(q, 0), "U8");
    assert_string_equal(wql_select_at(q, 1), "Key");
    assert_string_equal(wql_class(q), "WQ_All");
    assert_int_equal(wql_parse(&a, "SELECT * FROM WQ_Target", &q, &err), MI_RESULT_OK);
    assert_int_equal(wql_bind(q, F->all, &err), MI_RESULT_INVALID_QUERY);
    assert_string_equal(mi_buf_str(&err), "column 15: the FROM class WQ_Target is not WQ_All");
    mi_buf_free(&err);
    mi_arena_destroy(&a);
}

/* A long flat OR chain evaluates without deep recursion; 128 nested levels too. */
static void test_eval_long(void **state)
{
    mi_arena a;
    mi_buf err;
    wql_query *q = NULL;
    bool m = false;
    char *s, *t;

    (void)state;
    mi_arena_init(&a, 0, 0);
    mi_buf_init(&err, 0);
    s = repeat("SELECT * FROM WQ_All WHERE U8 = 0", " OR U8 = 1", 1998, " OR U8 = 200");
    assert_int_equal(wql_parse(&a, s, &q, &err), MI_RESULT_OK);
    assert_int_equal(wql_bind(q, F->all, &err), MI_RESULT_OK);
    assert_int_equal(wql_eval(q, F->full, &m), MI_RESULT_OK);
    assert_true(m);
    free(s);
    /* NOT and '(' each count one level: 64 of each make 128. */
    s = repeat("SELECT * FROM WQ_All WHERE ", "NOT (", 64, "U8 = 200");
    t = repeat(s, ")", 64, "");
    assert_int_equal(wql_parse(&a, t, &q, &err), MI_RESULT_OK);
    assert_int_equal(wql_eval(q, F->full, &m), MI_RESULT_OK);
    assert_true(m); /* an even number of NOTs */
    free(s);
    free(t);
    assert_int_equal(wql_eval(NULL, F->full, &m), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(wql_eval(q, NULL, &m), MI_RESULT_INVALID_PARAMETER);
    assert_false(m);
    mi_buf_free(&err);
    mi_arena_destroy(&a);
}

/* ---------------------------------------------------------------- MI_Filter */

static void test_filter(void **state)
{
    mi_arena a;
    mi_buf err;
    wql_query *q = NULL;
    wql_filter f;
    MI_Filter forged;
    MI_Boolean r = MI_TRUE;
    const MI_Char *lang = NULL, *expr = NULL;
    const char *text = "SELECT * FROM WQ_All WHERE S LIKE 'hello%'";

    (void)state;
    mi_arena_init(&a, 0, 0);
    mi_buf_init(&err, 0);
    assert_int_equal(wql_parse(&a, text, &q, &err), MI_RESULT_OK);
    assert_int_equal(wql_bind(q, F->all, &err), MI_RESULT_OK);
    wql_filter_init(&f, q, "WQL");
    assert_int_equal(MI_Filter_GetExpression(&f.filter, &lang, &expr), MI_RESULT_OK);
    assert_string_equal(lang, "WQL");
    assert_string_equal(expr, text);
    assert_ptr_not_equal(expr, text); /* the query's own copy */
    assert_int_equal(MI_Filter_Evaluate(&f.filter, F->full, &r), MI_RESULT_OK);
    assert_int_equal(r, MI_TRUE);
    /* Any instance: one of another class without the property is not a match. */
    assert_int_equal(MI_Filter_Evaluate(&f.filter, F->ref, &r), MI_RESULT_OK);
    assert_int_equal(r, MI_FALSE);
    r = MI_TRUE;
    assert_int_equal(MI_Filter_Evaluate(&f.filter, NULL, &r), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(r, MI_FALSE);
    assert_int_equal(MI_Filter_Evaluate(&f.filter, F->full, NULL), MI_RESULT_INVALID_PARAMETER);
    /* A filter not made by wql_filter_init is refused, not read. */
    memset(&forged, 0, sizeof forged);
    forged.ft = f.filter.ft;
    assert_int_equal(forged.ft->Evaluate(&forged, F->full, &r), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(forged.ft->GetExpression(&forged, &lang, &expr), MI_RESULT_INVALID_PARAMETER);
    wql_filter_init(&f, q, "CQL");
    assert_int_equal(MI_Filter_GetExpression(&f.filter, &lang, NULL), MI_RESULT_OK);
    assert_string_equal(lang, "CQL");
    mi_buf_free(&err);
    mi_arena_destroy(&a);
}

/* Every allocation the parser makes may fail: the result is an error, never a crash. */
static void test_parse_oom(void **state)
{
    const char *text = "SELECT a, b FROM WQ_All WHERE (S LIKE 'x%' OR U8 = 1 OR U8 = 2 OR "
                       "U8 = 3 OR U8 = 4 OR U8 = 5) AND NOT Ref = 'WQ_Target.Id=7'";
    (void)state;
    for (int n = 1; n <= 200; n++) {
        mi_arena a;
        mi_buf err;
        wql_query *q = NULL;
        MI_Result r;
        mi_arena_init(&a, 64, 0);
        mi_buf_init(&err, 0);
        mi_alloc_fail_after(n);
        r = wql_parse(&a, text, &q, &err);
        if (r == MI_RESULT_OK)
            r = wql_bind(q, F->all, &err);
        mi_alloc_fail_after(-1);
        assert_true(r == MI_RESULT_OK || r == MI_RESULT_SERVER_LIMITS_EXCEEDED ||
                    r == MI_RESULT_INVALID_QUERY);
        mi_buf_free(&err);
        mi_arena_destroy(&a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_good),      cmocka_unit_test(test_parse_accessors),
        cmocka_unit_test(test_parse_errors),    cmocka_unit_test(test_parse_caps),
        cmocka_unit_test(test_eval_types),      cmocka_unit_test(test_eval_unbound),
        cmocka_unit_test(test_eval_nulls),      cmocka_unit_test(test_eval_dynamic),
        cmocka_unit_test(test_bind_errors),     cmocka_unit_test(test_bind_names),
        cmocka_unit_test(test_eval_long),       cmocka_unit_test(test_filter),
        cmocka_unit_test(test_parse_oom),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
