/* fuzz_wql.c - libFuzzer target for the WQL parser and evaluator (src/query): every
 * input is parsed; a query that parses is evaluated unbound on two fixed instances
 * (one full, one with NULLs), then bound to its class and evaluated again. Checks:
 * no crash, hang or leak; an error always has a message (INVALID_QUERY ones start
 * with their position); a bound and an unbound evaluation give the same answer (the
 * literal conversions are the same, only done once). A difference aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "cim/cim.h"
#include "mof/mof.h"
#include "query/wql.h"
#include "repo/repo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT (WQL_MAX_TEXT + 16u)

static const char schema[] =
    "Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, "
    "ToSubclass);\n"
    "Qualifier EmbeddedInstance : string = null, Scope(property, method, parameter);\n"
    "class WQ_Target { [Key] uint32 Id; };\n"
    "class WQ_Sub : WQ_Target { };\n"
    "class WQ_All {\n"
    "  [Key] string Key;\n"
    "  boolean B; uint8 U8; sint8 S8; uint16 U16; sint16 S16; uint32 U32; sint32 S32;\n"
    "  uint64 U64; sint64 S64; real32 R32; real64 R64; char16 C16; string S;\n"
    "  datetime DT; datetime IV; WQ_Target REF Ref;\n"
    "  [EmbeddedInstance(\"WQ_Target\")] string Emb;\n"
    "  uint32 UA[]; string SA[]; real64 RA[]; boolean BA[];\n"
    "  string N; uint32 NU;\n"
    "};\n"
    "instance of WQ_Sub as $e { Id = 9; };\n"
    "instance of WQ_All { Key = \"k1\"; B = true; U8 = 200; S8 = -100; U16 = 60000;\n"
    "  S16 = -30000; U32 = 4000000000; S32 = -2000000000; U64 = 18446744073709551615;\n"
    "  S64 = -9223372036854775808; R32 = 1.5; R64 = -2.25; C16 = 'x'; S = \"Hello World\";\n"
    "  DT = \"20240315120000.000000+060\"; IV = \"00000001020304.000000:000\";\n"
    "  Ref = \"WQ_Target.Id=7\"; Emb = $e;\n"
    "  UA = {1, 2, 3}; SA = {\"a\", \"Bb\"}; RA = {}; BA = {false}; };\n"
    "instance of WQ_All { Key = \"k2\"; };\n";

static mi_repo *repo;
static const MI_ClassDecl *cls;
static MI_Instance *inst[2];
static mi_arena inst_arena;

static bool keep(void *ctx, const MI_Instance *i)
{
    size_t *n = ctx;
    MI_Value v;
    if (*n >= 2 || mi_value_copy(&inst_arena, MI_INSTANCE, &i, &v) != MI_RESULT_OK)
        abort();
    inst[(*n)++] = v.instance;
    return true;
}

static void init(void)
{
    mi_mof_options o;
    mi_ns *ns;
    size_t n = 0;

    memset(&o, 0, sizeof o);
    o.ns = "root/fuzz";
    if (mi_repo_new(&repo) != MI_RESULT_OK ||
        mi_mof_compile_buffer(repo, "wql.mof", schema, strlen(schema), &o, NULL) != MI_RESULT_OK)
        abort();
    ns = mi_repo_ns(repo, "root/fuzz");
    cls = mi_ns_class(ns, "WQ_All");
    mi_arena_init(&inst_arena, 0, 0);
    if (cls == NULL || mi_ns_each_instance(ns, cls, keep, &n) != MI_RESULT_OK || n != 2)
        abort();
}

static void check_error(MI_Result r, const mi_buf *err, const char *text)
{
    const char *m = mi_buf_str(err);
    if (m[0] == '\0') {
        fprintf(stderr, "fuzz_wql: error %d without a message for: %s\n", (int)r, text);
        abort();
    }
    if (r == MI_RESULT_INVALID_QUERY && strncmp(m, "column ", 7) != 0 &&
        strncmp(m, "line ", 5) != 0 && strcmp(m, "no query given") != 0) {
        fprintf(stderr, "fuzz_wql: message without a position: %s\n", m);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mi_arena a;
    mi_buf err;
    wql_query *q = NULL;
    char *text;
    bool unbound[2] = {false, false};
    MI_Result r;

    if (repo == NULL)
        init();
    if (size > MAX_INPUT)
        return 0;
    text = mi_malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    mi_arena_init(&a, 0, (size_t)64 << 20);
    mi_buf_init(&err, 4096);
    r = wql_parse(&a, text, &q, &err);
    if (r != MI_RESULT_OK) {
        check_error(r, &err, text);
        goto out;
    }
    for (int i = 0; i < 2; i++)
        if (wql_eval(q, inst[i], &unbound[i]) != MI_RESULT_OK)
            goto out;
    mi_buf_reset(&err);
    r = wql_bind(q, cls, &err);
    if (r != MI_RESULT_OK) {
        check_error(r, &err, text);
        goto out;
    }
    for (int i = 0; i < 2; i++) {
        bool bound = false;
        if (wql_eval(q, inst[i], &bound) != MI_RESULT_OK)
            goto out;
        if (bound != unbound[i]) {
            fprintf(stderr, "fuzz_wql: instance %d: bound %d, unbound %d for: %s\n", i,
                    (int)bound, (int)unbound[i], text);
            abort();
        }
    }
out:
    mi_buf_free(&err);
    mi_arena_destroy(&a);
    mi_free(text);
    return 0;
}
