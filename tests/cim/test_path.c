/* test_path.c - instance paths: good and bad inputs, canonical format and round trip,
 * normalisation against class decls, comparison, instances <-> paths, key strings,
 * limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/buf.h"
#include "cim/cim.h"
#include "fixtures.h"

typedef struct ctx {
    fx f;
    mi_arena *a;
} ctx;

static int setup(void **state)
{
    ctx *c = malloc(sizeof *c);
    assert_non_null(c);
    fx_init(&c->f);
    c->a = mi_arena_new(0, 0);
    assert_non_null(c->a);
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    ctx *c = *state;
    mi_arena_free(c->a);
    fx_free(&c->f);
    free(c);
    return 0;
}

static void parse_ok(mi_arena *a, const char *text, mi_path *p)
{
    mi_buf err;
    mi_buf_init(&err, 0);
    MI_Result r = mi_path_parse(a, text, p, &err);
    if (r != MI_RESULT_OK)
        fail_msg("parse \"%s\": %d %s", text, (int)r, mi_buf_str(&err));
    mi_buf_free(&err);
}

static char *format(const mi_path *p)
{
    mi_buf b;
    mi_buf_init(&b, 0);
    assert_int_equal(mi_path_format(p, &b), 0);
    return mi_buf_take(&b); /* mi_malloc'd == malloc'd: free() */
}

/* One expected key: its text form as the test writes it independently. */
typedef struct kexp {
    const char *name;
    MI_Type type;
    const char *s;    /* MI_STRING value */
    long long i;      /* integer / boolean / char16 value */
    double d;         /* real value */
} kexp;

static void test_good(void **state)
{
    ctx *c = *state;
    static const struct {
        const char *text;
        const char *host, *ns, *cls;
        bool singleton;
        size_t nkeys;
        kexp keys[3];
    } good[] = {
        {"CIM_X.Name=\"a\"", NULL, NULL, "CIM_X", false, 1, {{"Name", MI_STRING, "a", 0, 0}}},
        {"root/cimv2:CIM_X.Name=\"a\",Id=7", NULL, "root/cimv2", "CIM_X", false, 2,
         {{"Name", MI_STRING, "a", 0, 0}, {"Id", MI_UINT64, NULL, 7, 0}}},
        {"//host.example.com/root/cimv2:CIM_X.Id=-5", "host.example.com", "root/cimv2", "CIM_X",
         false, 1, {{"Id", MI_SINT64, NULL, -5, 0}}},
        {"//[::1]:5988/a/b/c:X.K=1", "[::1]:5988", "a/b/c", "X", false, 1,
         {{"K", MI_UINT64, NULL, 1, 0}}},
        {"//h/X.K=1", "h", NULL, "X", false, 1, {{"K", MI_UINT64, NULL, 1, 0}}},
        {"X.K=0x1F", NULL, NULL, "X", false, 1, {{"K", MI_UINT64, NULL, 31, 0}}},
        {"X.K=-0x10", NULL, NULL, "X", false, 1, {{"K", MI_SINT64, NULL, -16, 0}}},
        {"X.K=1.5e3", NULL, NULL, "X", false, 1, {{"K", MI_REAL64, NULL, 0, 1500.0}}},
        {"X.K=-0.25", NULL, NULL, "X", false, 1, {{"K", MI_REAL64, NULL, 0, -0.25}}},
        {"X.K=TRUE,L=false,M=True", NULL, NULL, "X", false, 3,
         {{"K", MI_BOOLEAN, NULL, 1, 0}, {"L", MI_BOOLEAN, NULL, 0, 0},
          {"M", MI_BOOLEAN, NULL, 1, 0}}},
        {"X.K='c',L='\\'',M='\xC3\xA9'", NULL, NULL, "X", false, 3,
         {{"K", MI_CHAR16, NULL, 'c', 0}, {"L", MI_CHAR16, NULL, '\'', 0},
          {"M", MI_CHAR16, NULL, 0xE9, 0}}},
        {"X.K=\"with \\\"quotes\\\" and \\\\ backslash\"", NULL, NULL, "X", false, 1,
         {{"K", MI_STRING, "with \"quotes\" and \\ backslash", 0, 0}}},
        {"X.K=\"\"", NULL, NULL, "X", false, 1, {{"K", MI_STRING, "", 0, 0}}},
        {"X.K=\"a,b=c.d:e\"", NULL, NULL, "X", false, 1, {{"K", MI_STRING, "a,b=c.d:e", 0, 0}}},
        {"X=@", NULL, NULL, "X", true, 0, {{0}}},
        {"root:X=@", NULL, "root", "X", true, 0, {{0}}},
        {"X", NULL, NULL, "X", false, 0, {{0}}},
        {"X.R=\"Y.K=\\\"v\\\"\"", NULL, NULL, "X", false, 1, {{"R", MI_STRING, "Y.K=\"v\"", 0, 0}}},
        {"X.K=18446744073709551615", NULL, NULL, "X", false, 1,
         {{"K", MI_UINT64, NULL, -1 /* all ones */, 0}}},
        {"X.K=-9223372036854775808", NULL, NULL, "X", false, 1,
         {{"K", MI_SINT64, NULL, INT64_MIN, 0}}},
        {"_x1._k=0", NULL, NULL, "_x1", false, 1, {{"_k", MI_UINT64, NULL, 0, 0}}},
        {"\xC3\x9C" "ber.K=\"\xE2\x82\xAC\"", NULL, NULL, "\xC3\x9C" "ber", false, 1,
         {{"K", MI_STRING, "\xE2\x82\xAC", 0, 0}}},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        mi_path p;
        parse_ok(c->a, good[i].text, &p);
        if (good[i].host)
            assert_string_equal(p.host, good[i].host);
        else
            assert_null(p.host);
        if (good[i].ns)
            assert_string_equal(p.ns, good[i].ns);
        else
            assert_null(p.ns);
        assert_string_equal(p.cls, good[i].cls);
        assert_int_equal(p.singleton, good[i].singleton);
        assert_int_equal(p.nkeys, good[i].nkeys);
        for (size_t k = 0; k < p.nkeys; k++) {
            const kexp *e = &good[i].keys[k];
            assert_string_equal(p.keys[k].name, e->name);
            if (p.keys[k].type != e->type)
                fail_msg("\"%s\" key %s: type %d, expected %d", good[i].text, e->name,
                         (int)p.keys[k].type, (int)e->type);
            switch (e->type) {
            case MI_STRING: assert_string_equal(p.keys[k].value.string, e->s); break;
            case MI_UINT64: assert_true(p.keys[k].value.uint64 == (MI_Uint64)e->i); break;
            case MI_SINT64: assert_true(p.keys[k].value.sint64 == (MI_Sint64)e->i); break;
            case MI_REAL64: assert_true(p.keys[k].value.real64 == e->d); break;
            case MI_BOOLEAN: assert_int_equal(!!p.keys[k].value.boolean, e->i); break;
            case MI_CHAR16: assert_int_equal(p.keys[k].value.char16, e->i); break;
            default: fail();
            }
        }
        /* round trip: format -> parse -> same path, and the format is stable */
        char *t1 = format(&p);
        mi_path q;
        parse_ok(c->a, t1, &q);
        assert_int_equal(mi_path_compare(&p, &q), 0);
        char *t2 = format(&q);
        assert_string_equal(t1, t2);
        assert_int_equal(q.nkeys, p.nkeys);
        for (size_t k = 0; k < q.nkeys; k++)
            assert_int_equal(q.keys[k].type, p.keys[k].type);
        free(t1);
        free(t2);
    }
}

static void test_canonical_text(void **state)
{
    ctx *c = *state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"//h/ns:X.b=true,A='x'", "//h/ns:X.b=TRUE,A='x'"},
        {"X.K=0x1F", "X.K=31"},
        {"X.K=-0x10", "X.K=-16"},
        {"X.K=1.5e3", "X.K=1500.0"},
        {"X.K=1e20", "X.K=1e+20"},
        {"X.K=-2.5E-7", "X.K=-2.5e-07"},
        {"X.K=100.0", "X.K=100.0"},
        {"X.K=0.1", "X.K=0.1"},
        {"X.K=\"a\\\\b\\\"c\"", "X.K=\"a\\\\b\\\"c\""},
        {"X.K='\\\\'", "X.K='\\\\'"},
        {"X=@", "X=@"},
        {"X", "X"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mi_path p;
        parse_ok(c->a, cases[i].in, &p);
        char *t = format(&p);
        assert_string_equal(t, cases[i].out);
        free(t);
    }
}

static void test_bad(void **state)
{
    ctx *c = *state;
    static const struct {
        const char *text;
        size_t offset;
        const char *what; /* a word the message must contain */
    } bad[] = {
        {"", 0, "empty"},
        {"X.", 2, "key name"},
        {"X.K", 3, "'='"},
        {"X.K=", 4, "missing value"},
        {"X.K=\"abc", 4, "unterminated"},
        {"X.K=\"a\\nb\"", 6, "escape"},
        {"X.K=\"a\\", 4, "unterminated"},
        {"X.K=1,", 6, "key name"},
        {"X.K=1,K=2", 6, "duplicate"},
        {"X.k=1,K=2", 6, "duplicate"},
        {"X.K=abc", 4, "not a number"},
        {"X.K=12abc", 4, "invalid character"},
        {"X.K=18446744073709551616", 4, "out of range"},
        {"X.K=-9223372036854775809", 4, "out of range"},
        {"X.K=0x", 4, "hex"},
        {"X.K=0xZZ", 4, "hex"},
        {"X.K=1.", 4, "after '.'"},
        {"X.K=1e", 4, "exponent"},
        {"X.K=1e999", 4, "out of range"},
        {"X.K=-", 4, "without digits"},
        {"X.K=''", 4, "empty char16"},
        {"X.K='ab'", 4, "exactly one"},
        {"X.K='a", 4, "exactly one"},
        {"X.K='\\n'", 5, "escape"},
        {"X.K='\xF0\x9F\x98\x80'", 5, "Basic Multilingual Plane"},
        {"X.K=@", 4, "'@'"},
        {"X=", 2, "'@'"},
        {"X=@Y", 3, "after '=@'"},
        {"X=@,", 3, "after '=@'"},
        {"1X.K=1", 0, "class name"},
        {".K=1", 0, "class name"},
        {"//", 2, "empty host"},
        {"///X.K=1", 2, "empty host"},
        {"//host", 6, "'/'"},
        {"//ho st/X.K=1", 4, "host"},
        {"root//a:X.K=1", 5, "empty namespace"},
        {"root/:X.K=1", 5, "empty namespace"},
        {":X.K=1", 0, "empty namespace"},
        {"ro-ot:X.K=1", 2, "namespace"},
        {"X.K=1 ", 5, "expected ',' or end"},
        {"X.K =1", 3, "'='"},
        {"X. K=1", 2, "key name"},
        {"X.K=1;Y=2", 5, "expected ',' or end"},
        {"X!", 1, "after class name"},
        {"X.K=\"v\"\"", 7, "expected ',' or end"},
        {"X.K=\"\xff\"", 5, "UTF-8"},
        {"X.9=1", 2, "key name"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mi_path p;
        mi_buf err;
        mi_buf_init(&err, 0);
        memset(&p, 0x3C, sizeof p);
        MI_Result r = mi_path_parse(c->a, bad[i].text, &p, &err);
        char want[40];
        snprintf(want, sizeof want, "at offset %zu", bad[i].offset);
        const char *msg = mi_buf_str(&err);
        if (r != MI_RESULT_INVALID_PARAMETER || !strstr(msg, want) || !strstr(msg, bad[i].what))
            fail_msg("\"%s\": result %d, message \"%s\" (expected \"%s\" and \"%s\")",
                     bad[i].text, (int)r, msg, bad[i].what, want);
        assert_null(p.cls);
        assert_int_equal(p.nkeys, 0);
        mi_buf_free(&err);
    }
    /* NULL arguments */
    mi_path p;
    assert_int_equal(mi_path_parse(c->a, NULL, &p, NULL), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(mi_path_parse(NULL, "X", &p, NULL), MI_RESULT_INVALID_PARAMETER);
}

static void test_length_cap(void **state)
{
    ctx *c = *state;
    size_t n = 64 * 1024;
    char *text = malloc(n + 2);
    assert_non_null(text);
    /* exactly 64 KiB: accepted */
    memcpy(text, "X.K=\"", 5);
    memset(text + 5, 'a', n - 6);
    text[n - 1] = '"';
    text[n] = '\0';
    mi_path p;
    parse_ok(c->a, text, &p);
    assert_int_equal(strlen(p.keys[0].value.string), n - 6);
    /* one byte more: refused */
    text[n - 1] = 'a';
    text[n] = '"';
    text[n + 1] = '\0';
    mi_buf err;
    mi_buf_init(&err, 0);
    assert_int_equal(mi_path_parse(c->a, text, &p, &err), MI_RESULT_INVALID_PARAMETER);
    assert_non_null(strstr(mi_buf_str(&err), "longer than 65536"));
    mi_buf_free(&err);
    free(text);
}

static void expect_norm_error(ctx *c, const char *text, const MI_ClassDecl *cd, MI_Result want,
                              const char *word)
{
    mi_path p;
    parse_ok(c->a, text, &p);
    mi_buf err;
    mi_buf_init(&err, 0);
    MI_Result r = mi_path_normalize(c->a, &p, cd, &err);
    if (r != want || !strstr(mi_buf_str(&err), word))
        fail_msg("normalise \"%s\": %d \"%s\" (expected %d with \"%s\")", text, (int)r,
                 mi_buf_str(&err), (int)want, word);
    mi_buf_free(&err);
}

static void test_normalize(void **state)
{
    ctx *c = *state;
    mi_path p;
    /* without a class: keys sorted by name, any case */
    parse_ok(c->a, "X.b=1,A=2,c=3,B0=4", &p);
    assert_int_equal(mi_path_normalize(c->a, &p, NULL, NULL), MI_RESULT_OK);
    assert_string_equal(p.keys[0].name, "A");
    assert_string_equal(p.keys[1].name, "b");
    assert_string_equal(p.keys[2].name, "B0");
    assert_string_equal(p.keys[3].name, "c");
    assert_int_equal(p.keys[3].value.uint64, 3);

    /* with a class: declared types and spelling */
    parse_ok(c->a, "root/test:t_leaf.id=\"7\",NAME=\"a\"", &p);
    assert_int_equal(mi_path_normalize(c->a, &p, c->f.leaf, NULL), MI_RESULT_OK);
    assert_string_equal(p.cls, "T_Leaf");
    assert_string_equal(p.keys[0].name, "Id");
    assert_int_equal(p.keys[0].type, MI_UINT32);
    assert_int_equal(p.keys[0].value.uint32, 7);
    assert_string_equal(p.keys[1].name, "Name");
    assert_int_equal(p.keys[1].type, MI_STRING);
    assert_false(p.singleton);
    char *t = format(&p);
    assert_string_equal(t, "root/test:T_Leaf.Id=7,Name=\"a\"");
    free(t);

    expect_norm_error(c, "T_Leaf.Name=\"a\"", c->f.leaf, MI_RESULT_INVALID_PARAMETER,
                      "lacks key property Id (its keys: Name, Id)");
    expect_norm_error(c, "T_Leaf.Name=\"a\",Id=1,Bogus=2", c->f.leaf, MI_RESULT_NO_SUCH_PROPERTY,
                      "Bogus");
    expect_norm_error(c, "T_Leaf.Name=\"a\",Id=1,Caption=\"c\"", c->f.leaf,
                      MI_RESULT_INVALID_PARAMETER, "not a key");
    expect_norm_error(c, "T_Leaf.Name=\"a\",Id=\"abc\"", c->f.leaf, MI_RESULT_TYPE_MISMATCH,
                      "not an integer");
    expect_norm_error(c, "T_Leaf.Name=\"a\",Id=-1", c->f.leaf, MI_RESULT_TYPE_MISMATCH,
                      "out of range");
    expect_norm_error(c, "T_Leaf.Name=\"a\",Id=4294967296", c->f.leaf, MI_RESULT_TYPE_MISMATCH,
                      "out of range");
    expect_norm_error(c, "T_Leaf.Name=\"a\",Id=1.5", c->f.leaf, MI_RESULT_TYPE_MISMATCH,
                      "not an integer");
    expect_norm_error(c, "T_Leaf=@", c->f.leaf, MI_RESULT_INVALID_PARAMETER, "lacks key");
    expect_norm_error(c, "T_Assoc.Left=5,Right=\"T_Leaf.Id=1,Name=\\\"x\\\"\"", c->f.assoc,
                      MI_RESULT_TYPE_MISMATCH, "Left");
    expect_norm_error(c, "T_Assoc.Left=\"not a path\",Right=\"T_Leaf.Id=1\"", c->f.assoc,
                      MI_RESULT_TYPE_MISMATCH, "offset");

    /* numbers and booleans written for a string key become their text */
    parse_ok(c->a, "T_Leaf.Name=12,Id=0x10", &p);
    assert_int_equal(mi_path_normalize(c->a, &p, c->f.leaf, NULL), MI_RESULT_OK);
    assert_int_equal(p.keys[1].type, MI_STRING);
    assert_string_equal(p.keys[1].value.string, "12");
    assert_int_equal(p.keys[0].value.uint32, 16);

    /* reference keys: the nested path becomes an instance holding its keys */
    parse_ok(c->a,
             "T_Assoc.Right=\"root/x:T_Leaf.Id=2,Name=\\\"b\\\"\","
             "left=\"T_Leaf.Name=\\\"a \\\\\\\"q\\\\\\\"\\\",Id=1\"",
             &p);
    assert_int_equal(mi_path_normalize(c->a, &p, c->f.assoc, NULL), MI_RESULT_OK);
    assert_string_equal(p.keys[0].name, "Left");
    assert_int_equal(p.keys[0].type, MI_REFERENCE);
    const MI_Instance *left = p.keys[0].value.reference;
    const char *s;
    assert_int_equal(MI_Instance_GetClassName(left, &s), MI_RESULT_OK);
    assert_string_equal(s, "T_Leaf");
    MI_Value v;
    MI_Type ty;
    MI_Uint32 fl;
    assert_int_equal(MI_Instance_GetElement(left, "Name", &v, &ty, &fl, NULL), MI_RESULT_OK);
    assert_int_equal(ty, MI_STRING);
    assert_string_equal(v.string, "a \"q\"");
    assert_true(fl & MI_FLAG_KEY);
    assert_int_equal(MI_Instance_GetElement(left, "Id", &v, &ty, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(ty, MI_UINT64);
    assert_int_equal(v.uint64, 1);
    const MI_Instance *right = p.keys[1].value.reference;
    assert_int_equal(MI_Instance_GetNameSpace(right, &s), MI_RESULT_OK);
    assert_string_equal(s, "root/x");
    t = format(&p);
    assert_string_equal(t, "T_Assoc.Left=\"T_Leaf.Id=1,Name=\\\"a \\\\\\\"q\\\\\\\"\\\"\","
                           "Right=\"root/x:T_Leaf.Id=2,Name=\\\"b\\\"\"");
    /* and that text reads back to the same path */
    mi_path q;
    parse_ok(c->a, t, &q);
    assert_int_equal(mi_path_normalize(c->a, &q, c->f.assoc, NULL), MI_RESULT_OK);
    assert_int_equal(mi_path_compare(&p, &q), 0);
    free(t);

    /* a keyless class: the path becomes the singleton */
    MI_ClassDecl keyless = *c->f.align;
    parse_ok(c->a, "T_Align", &p);
    assert_int_equal(mi_path_normalize(c->a, &p, &keyless, NULL), MI_RESULT_OK);
    assert_true(p.singleton);
    t = format(&p);
    assert_string_equal(t, "T_Align=@");
    free(t);
}

static int cmp_texts(ctx *c, const char *x, const char *y, const MI_ClassDecl *cd)
{
    mi_path p, q;
    parse_ok(c->a, x, &p);
    parse_ok(c->a, y, &q);
    assert_int_equal(mi_path_normalize(c->a, &p, cd, NULL), MI_RESULT_OK);
    assert_int_equal(mi_path_normalize(c->a, &q, cd, NULL), MI_RESULT_OK);
    int r = mi_path_compare(&p, &q);
    int back = mi_path_compare(&q, &p);
    assert_int_equal(r == 0, back == 0);
    if (r)
        assert_true((r < 0) == (back > 0));
    return r;
}

static void test_compare(void **state)
{
    ctx *c = *state;
    const MI_ClassDecl *leaf = c->f.leaf;
    /* case of names and order of keys do not matter */
    assert_int_equal(cmp_texts(c, "t_leaf.name=\"a\",id=7", "T_LEAF.Id=7,NAME=\"a\"", NULL), 0);
    /* case of string values does */
    assert_int_not_equal(cmp_texts(c, "X.Name=\"A\"", "X.Name=\"a\"", NULL), 0);
    /* "7" against 7: equal once typed by the decl */
    assert_int_equal(cmp_texts(c, "T_Leaf.Name=\"a\",Id=\"7\"", "T_Leaf.Name=\"a\",Id=7", leaf), 0);
    assert_int_not_equal(cmp_texts(c, "T_Leaf.Name=\"a\",Id=\"8\"", "T_Leaf.Name=\"a\",Id=7", leaf), 0);
    /* numbers compare by value across widths and signs */
    assert_int_equal(cmp_texts(c, "X.K=0x10", "X.K=16", NULL), 0);
    assert_true(cmp_texts(c, "X.K=-1", "X.K=1", NULL) < 0);
    assert_true(cmp_texts(c, "X.K=2", "X.K=10", NULL) < 0);
    assert_int_equal(cmp_texts(c, "X.K=2.0", "X.K=2", NULL), 0);
    /* namespaces only when both have one, any case */
    assert_int_equal(cmp_texts(c, "root/a:X.K=1", "X.K=1", NULL), 0);
    assert_int_equal(cmp_texts(c, "root/a:X.K=1", "ROOT/A:X.K=1", NULL), 0);
    assert_int_not_equal(cmp_texts(c, "root/a:X.K=1", "root/b:X.K=1", NULL), 0);
    /* different classes, key counts, key names */
    assert_int_not_equal(cmp_texts(c, "X.K=1", "Y.K=1", NULL), 0);
    assert_int_not_equal(cmp_texts(c, "X.K=1", "X.K=1,L=2", NULL), 0);
    assert_int_not_equal(cmp_texts(c, "X.K=1", "X.L=1", NULL), 0);
    assert_int_not_equal(cmp_texts(c, "X.K=TRUE", "X.K=FALSE", NULL), 0);
    assert_int_equal(cmp_texts(c, "X=@", "X", NULL), 0);
    /* reference keys, text against text */
    const char *r1 = "T_Assoc.Left=\"T_Leaf.Name=\\\"a\\\",Id=1\",Right=\"T_Leaf.Id=2,Name=\\\"b\\\"\"";
    const char *r2 = "t_assoc.right=\"T_LEAF.NAME=\\\"b\\\",ID=2\",LEFT=\"t_leaf.id=1,name=\\\"a\\\"\"";
    const char *r3 = "T_Assoc.Left=\"T_Leaf.Name=\\\"a\\\",Id=1\",Right=\"T_Leaf.Id=3,Name=\\\"b\\\"\"";
    assert_int_equal(cmp_texts(c, r1, r2, c->f.assoc), 0);
    assert_int_not_equal(cmp_texts(c, r1, r3, c->f.assoc), 0);
    /* an un-normalised reference string still matches the typed reference */
    mi_path p, q;
    parse_ok(c->a, r1, &p);
    parse_ok(c->a, r2, &q);
    assert_int_equal(mi_path_normalize(c->a, &p, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(mi_path_normalize(c->a, &q, c->f.assoc, NULL), MI_RESULT_OK);
    assert_int_equal(mi_path_compare(&p, &q), 0);
    assert_int_equal(mi_path_compare(&q, &p), 0);
}

static MI_Instance *leaf_instance(ctx *c, const char *name, MI_Uint32 id)
{
    MI_Instance *inst = NULL;
    assert_int_equal(mi_instance_new(c->f.leaf, "root/test", NULL, &inst), MI_RESULT_OK);
    MI_Value v;
    v.string = (MI_Char *)name;
    assert_int_equal(MI_Instance_SetElement(inst, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    v.uint32 = id;
    assert_int_equal(MI_Instance_SetElement(inst, "Id", &v, MI_UINT32, 0), MI_RESULT_OK);
    return inst;
}

static void test_instances(void **state)
{
    ctx *c = *state;
    MI_Instance *inst = leaf_instance(c, "a \"b\"", 7);
    mi_path p;
    assert_int_equal(mi_path_from_instance(c->a, inst, &p), MI_RESULT_OK);
    assert_string_equal(p.cls, "T_Leaf");
    assert_string_equal(p.ns, "root/test");
    assert_null(p.host);
    assert_int_equal(p.nkeys, 2);
    assert_string_equal(p.keys[0].name, "Id");
    assert_int_equal(p.keys[0].type, MI_UINT32);
    assert_string_equal(p.keys[1].name, "Name");
    char *t = format(&p);
    assert_string_equal(t, "root/test:T_Leaf.Id=7,Name=\"a \\\"b\\\"\"");
    free(t);
    /* the path owns copies */
    MI_Value v;
    v.string = "changed";
    assert_int_equal(MI_Instance_SetElement(inst, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    assert_string_equal(p.keys[1].value.string, "a \"b\"");

    /* key string: sorted keys, no namespace; same as a parsed, normalised path */
    mi_buf ks;
    mi_buf_init(&ks, 0);
    assert_int_equal(mi_instance_keystring(inst, &ks), MI_RESULT_OK);
    assert_string_equal(mi_buf_str(&ks), "T_Leaf.Id=7,Name=\"changed\"");
    mi_path q;
    parse_ok(c->a, "root/other:t_leaf.NAME=\"changed\",ID=\"7\"", &q);
    assert_int_equal(mi_path_normalize(c->a, &q, c->f.leaf, NULL), MI_RESULT_OK);
    q.ns = NULL;
    t = format(&q);
    assert_string_equal(t, mi_buf_str(&ks));
    free(t);
    mi_buf_free(&ks);

    /* path -> instance with the decl: only the keys are set */
    MI_Instance *back = NULL;
    assert_int_equal(mi_path_to_instance(&p, c->f.leaf, &back), MI_RESULT_OK);
    assert_false(mi_instance_is_dynamic(back));
    MI_Uint32 fl;
    assert_int_equal(MI_Instance_GetElement(back, "Caption", NULL, NULL, &fl, NULL), MI_RESULT_OK);
    assert_true(fl & MI_FLAG_NULL);
    assert_int_equal(MI_Instance_GetElement(back, "Id", &v, NULL, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(v.uint32, 7);
    const char *s;
    assert_int_equal(MI_Instance_GetNameSpace(back, &s), MI_RESULT_OK);
    assert_string_equal(s, "root/test");
    MI_Instance_Delete(back);
    /* an un-normalised path converts on the way */
    parse_ok(c->a, "T_Leaf.Id=\"9\",Name=\"n\"", &q);
    assert_int_equal(mi_path_to_instance(&q, c->f.leaf, &back), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(back, "Id", &v, NULL, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(v.uint32, 9);
    MI_Instance_Delete(back);
    parse_ok(c->a, "T_Leaf.Id=\"x\",Name=\"n\"", &q);
    back = (MI_Instance *)1;
    assert_int_equal(mi_path_to_instance(&q, c->f.leaf, &back), MI_RESULT_TYPE_MISMATCH);
    assert_null(back);
    parse_ok(c->a, "T_Leaf.Id=1,Nope=2", &q);
    assert_int_equal(mi_path_to_instance(&q, c->f.leaf, &back), MI_RESULT_NO_SUCH_PROPERTY);
    /* path -> dynamic instance: keys flagged KEY */
    parse_ok(c->a, "//h/root/x:Y.B=TRUE,A=\"s\"", &q);
    assert_int_equal(mi_path_to_instance(&q, NULL, &back), MI_RESULT_OK);
    assert_true(mi_instance_is_dynamic(back));
    assert_int_equal(MI_Instance_GetElement(back, "A", &v, NULL, &fl, NULL), MI_RESULT_OK);
    assert_true(fl & MI_FLAG_KEY);
    assert_int_equal(MI_Instance_GetServerName(back, &s), MI_RESULT_OK);
    assert_string_equal(s, "h");
    mi_path r;
    assert_int_equal(mi_path_from_instance(c->a, back, &r), MI_RESULT_OK);
    assert_int_equal(mi_path_normalize(c->a, &q, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(mi_path_compare(&q, &r), 0);
    MI_Instance_Delete(back);

    /* a NULL key is an error; a dynamic instance that flags no key uses all elements */
    assert_int_equal(MI_Instance_ClearElement(inst, "Id"), MI_RESULT_OK);
    assert_int_equal(mi_path_from_instance(c->a, inst, &p), MI_RESULT_INVALID_PARAMETER);
    assert_non_null(strstr(mi_cim_last_error(), "Id"));
    mi_buf_init(&ks, 0);
    assert_int_equal(mi_instance_keystring(inst, &ks), MI_RESULT_INVALID_PARAMETER);
    mi_buf_free(&ks);
    MI_Instance *d = NULL;
    assert_int_equal(mi_instance_new_dynamic("Z", 0, &d), MI_RESULT_OK);
    v.sint16 = -4;
    assert_int_equal(MI_Instance_AddElement(d, "S", &v, MI_SINT16, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_AddElement(d, "Nul", NULL, MI_STRING, 0), MI_RESULT_OK);
    mi_buf_init(&ks, 0);
    assert_int_equal(mi_instance_keystring(d, &ks), MI_RESULT_OK);
    assert_string_equal(mi_buf_str(&ks), "Z.S=-4");
    mi_buf_free(&ks);
    /* an array key cannot be written in a path */
    MI_Instance *bad = NULL;
    assert_int_equal(mi_instance_new_dynamic("Z", 0, &bad), MI_RESULT_OK);
    MI_Uint8 bytes[] = {1};
    v.uint8a.data = bytes;
    v.uint8a.size = 1;
    assert_int_equal(MI_Instance_AddElement(bad, "A", &v, MI_UINT8A, MI_FLAG_KEY), MI_RESULT_OK);
    assert_int_equal(mi_path_from_instance(c->a, bad, &p), MI_RESULT_INVALID_PARAMETER);
    MI_Instance_Delete(bad);
    MI_Instance_Delete(d);
    /* keyless schema-bound class: the singleton */
    MI_Instance *al = NULL;
    assert_int_equal(mi_instance_new(c->f.align, NULL, NULL, &al), MI_RESULT_OK);
    mi_buf_init(&ks, 0);
    assert_int_equal(mi_instance_keystring(al, &ks), MI_RESULT_OK);
    assert_string_equal(mi_buf_str(&ks), "T_Align=@");
    mi_buf_free(&ks);
    MI_Instance_Delete(al);
    MI_Instance_Delete(inst);
}

/* References in instances compare with reference keys parsed from text. */
static void test_reference_instances(void **state)
{
    ctx *c = *state;
    MI_Instance *l = leaf_instance(c, "a", 1), *r = leaf_instance(c, "b", 2);
    assert_int_equal(MI_Instance_SetNameSpace(l, NULL), MI_RESULT_OK);
    MI_Instance *as = NULL;
    assert_int_equal(mi_instance_new(c->f.assoc, "root/test", NULL, &as), MI_RESULT_OK);
    MI_Value v;
    v.reference = l;
    assert_int_equal(MI_Instance_SetElement(as, "Left", &v, MI_REFERENCE, 0), MI_RESULT_OK);
    v.reference = r;
    assert_int_equal(MI_Instance_SetElement(as, "Right", &v, MI_REFERENCE, 0), MI_RESULT_OK);
    mi_buf ks;
    mi_buf_init(&ks, 0);
    assert_int_equal(mi_instance_keystring(as, &ks), MI_RESULT_OK);
    assert_string_equal(mi_buf_str(&ks), "T_Assoc.Left=\"T_Leaf.Id=1,Name=\\\"a\\\"\","
                                         "Right=\"root/test:T_Leaf.Id=2,Name=\\\"b\\\"\"");
    mi_path pi, pt;
    assert_int_equal(mi_path_from_instance(c->a, as, &pi), MI_RESULT_OK);
    parse_ok(c->a, mi_buf_str(&ks), &pt);
    assert_int_equal(mi_path_normalize(c->a, &pt, c->f.assoc, NULL), MI_RESULT_OK);
    assert_int_equal(mi_path_compare(&pi, &pt), 0);
    /* the keystring of the path's instance is the same text */
    MI_Instance *back = NULL;
    assert_int_equal(mi_path_to_instance(&pt, c->f.assoc, &back), MI_RESULT_OK);
    mi_buf ks2;
    mi_buf_init(&ks2, 0);
    assert_int_equal(mi_instance_keystring(back, &ks2), MI_RESULT_OK);
    assert_string_equal(mi_buf_str(&ks2), mi_buf_str(&ks));
    /* a different target does not match */
    v.uint32 = 3;
    assert_int_equal(MI_Instance_SetElement(r, "Id", &v, MI_UINT32, 0), MI_RESULT_OK);
    v.reference = r;
    assert_int_equal(MI_Instance_SetElement(as, "Right", &v, MI_REFERENCE, 0), MI_RESULT_OK);
    mi_path pi2;
    assert_int_equal(mi_path_from_instance(c->a, as, &pi2), MI_RESULT_OK);
    assert_int_not_equal(mi_path_compare(&pi2, &pt), 0);
    mi_buf_free(&ks);
    mi_buf_free(&ks2);
    MI_Instance_Delete(back);
    MI_Instance_Delete(as);
    MI_Instance_Delete(l);
    MI_Instance_Delete(r);
}

/* A chain of references nested deeper than 16 levels is refused when written. */
static void test_nesting_cap(void **state)
{
    (void)state;
    MI_Instance *chain[20];
    MI_Value v;
    for (int i = 0; i < 20; i++) {
        assert_int_equal(mi_instance_new_dynamic("N", 0, &chain[i]), MI_RESULT_OK);
        v.uint32 = (MI_Uint32)i;
        assert_int_equal(MI_Instance_AddElement(chain[i], "Id", &v, MI_UINT32, MI_FLAG_KEY),
                         MI_RESULT_OK);
        if (i) {
            v.reference = chain[i - 1];
            assert_int_equal(MI_Instance_AddElement(chain[i], "Up", &v, MI_REFERENCE, MI_FLAG_KEY),
                             MI_RESULT_OK);
        }
    }
    mi_buf b;
    mi_buf_init(&b, 0);
    /* chain[16] holds 16 nested references: accepted */
    assert_int_equal(mi_instance_keystring(chain[16], &b), MI_RESULT_OK);
    assert_non_null(strstr(mi_buf_str(&b), "N.Id=0"));
    mi_buf_reset(&b);
    assert_int_equal(mi_instance_keystring(chain[17], &b), MI_RESULT_INVALID_PARAMETER);
    assert_non_null(strstr(mi_cim_last_error(), "nested deeper than 16"));
    mi_buf_free(&b);
    for (int i = 0; i < 20; i++)
        MI_Instance_Delete(chain[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_good, setup, teardown),
        cmocka_unit_test_setup_teardown(test_canonical_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad, setup, teardown),
        cmocka_unit_test_setup_teardown(test_length_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_normalize, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compare, setup, teardown),
        cmocka_unit_test_setup_teardown(test_instances, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reference_instances, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nesting_cap, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
