/* Tests of MI_MOF_UPDATE_CLASSES (mi mofcomp --update): a class declared again
 * replaces the repository's one, the repository's subclasses of it are rebuilt on the
 * new definition keeping their own overrides and qualifiers, a subclass that no longer
 * compiles rolls everything back, an identical declaration changes nothing, static
 * instances block a replacement, and without the flag (or twice in one compilation) a
 * redeclaration stays an error. Each case runs on an in-memory repository and on a
 * repository file (reopened afterwards to check what was stored).
 *
 * Expected values come from the test texts; positions from the place of the class
 * name in the text. */
#include <stdlib.h>
#include <unistd.h>

#include "mof_test.h"

#include "base/alloc.h"
#include "base/buf.h"
#include "base/str.h"
#include "cim/cim.h"

#define NS "root/cimv2"

static const char PRELUDE[] =
    "Qualifier Key : boolean = false, Scope(property, reference), "
    "Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier Description : string = null, Scope(any), "
    "Flavor(EnableOverride, ToSubclass, Translatable);\n"
    "Qualifier Override : string = null, Scope(property, reference, method), "
    "Flavor(EnableOverride, Restricted);\n"
    "Qualifier Association : boolean = false, Scope(association), "
    "Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier MaxLen : uint32 = null, Scope(property, method, parameter);\n"
    "Qualifier In : boolean = true, Scope(parameter), Flavor(DisableOverride, ToSubclass);\n";

/* T_A <- T_B (overrides P1 with a default and a description) <- T_C, and an
 * association T_Link whose REF points at T_B. */
static const char BASE[] =
    "[Description (\"A\")]\n"
    "class T_A {\n"
    "    [Key] string K;\n"
    "    string P1;\n"
    "};\n"
    "class T_B : T_A {\n"
    "    [Override (\"P1\"), Description (\"own P1\"), MaxLen (8)] string P1 = \"x\";\n"
    "    uint32 PB;\n"
    "    uint32 Twice([In] uint32 N);\n"
    "};\n"
    "[Description (\"C\")]\n"
    "class T_C : T_B {\n"
    "    string PC;\n"
    "};\n"
    "[Association]\n"
    "class T_Link {\n"
    "    [Key] T_B REF Left;\n"
    "    [Key] T_A REF Right;\n"
    "};\n";

/* T_A gains P2 and a new class description. */
static const char NEW_A[] =
    "// the new T_A\n"
    "[Description (\"A, version 2\")]\n"
    "class T_A {\n"
    "    [Key] string K;\n"
    "    string P1;\n"
    "    uint64 P2 = 7;\n"
    "};\n";

typedef struct fixture {
    mi_repo *repo;
    char path[64];   /* repository file, or "" for an in-memory repository */
    diags dg;
} fixture;

static MI_Result compile_flags(fixture *f, const char *text, unsigned flags, mi_mof_stats *st)
{
    diags_reset(&f->dg);
    mi_mof_options o = diag_options(&f->dg);
    o.flags = flags;
    mi_mof_stats dummy;
    return mi_mof_compile_buffer(f->repo, "new.mof", text, strlen(text), &o, st ? st : &dummy);
}

static int setup_common(void **state, bool file)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    if (file) {
        snprintf(f->path, sizeof f->path, "/tmp/mi_mof_update_XXXXXX");
        int fd = mkstemp(f->path);
        if (fd < 0)
            return -1;
        close(fd);
        unlink(f->path);
        if (mi_repo_open(f->path, MI_REPO_CREATE, &f->repo, NULL) != MI_RESULT_OK)
            return -1;
    } else if (mi_repo_new(&f->repo) != MI_RESULT_OK) {
        return -1;
    }
    f->dg.print = 1; /* shows why, should the setup fail */
    if (compile_flags(f, PRELUDE, 0, NULL) != MI_RESULT_OK ||
        compile_flags(f, BASE, 0, NULL) != MI_RESULT_OK)
        return -1;
    f->dg.print = 0;
    *state = f;
    return 0;
}

static int setup_mem(void **state)
{
    return setup_common(state, false);
}

static int setup_file(void **state)
{
    return setup_common(state, true);
}

static int teardown(void **state)
{
    fixture *f = *state;
    mi_repo_free(f->repo);
    if (f->path[0]) {
        char aux[96];
        unlink(f->path);
        snprintf(aux, sizeof aux, "%s-wal", f->path);
        unlink(aux);
        snprintf(aux, sizeof aux, "%s-shm", f->path);
        unlink(aux);
    }
    free(f);
    return 0;
}

/* For a file repository: close and open again, so that the checks read what was
 * stored. */
static void reopen(fixture *f)
{
    if (!f->path[0])
        return;
    mi_repo_free(f->repo);
    f->repo = NULL;
    assert_int_equal(mi_repo_open(f->path, 0, &f->repo, NULL), MI_RESULT_OK);
}

static const MI_ClassDecl *cls(fixture *f, const char *name)
{
    mi_ns *ns = mi_repo_ns(f->repo, NS);
    assert_non_null(ns);
    return mi_ns_class(ns, name);
}

static const MI_PropertyDecl *prop(const MI_ClassDecl *cd, const char *name)
{
    assert_non_null(cd);
    return mi_classdecl_property(cd, name, NULL);
}

static const char *qual_str(MI_Qualifier MI_CONST *MI_CONST *q, MI_Uint32 n, const char *name)
{
    const MI_Qualifier *x = mi_qualifier_find(q, n, name);
    return x && x->type == MI_STRING && x->value ? *(const MI_Char *const *)x->value : NULL;
}

/* Index of class `name` in the namespace's class order. */
static size_t order_of(fixture *f, const char *name)
{
    mi_ns *ns = mi_repo_ns(f->repo, NS);
    for (size_t i = 0; i < mi_ns_class_count(ns); i++) {
        if (mi_name_eq(mi_ns_class_at(ns, i)->name, name))
            return i;
    }
    fail_msg("class %s not in the namespace's list", name);
    return 0;
}

/* Line and column of the first occurrence of needle in text. */
static void pos_of(const char *text, const char *needle, unsigned *line, unsigned *col)
{
    const char *p = strstr(text, needle);
    assert_non_null(p);
    *line = 1;
    const char *ls = text;
    for (const char *q = text; q < p; q++) {
        if (*q == '\n') {
            (*line)++;
            ls = q + 1;
        }
    }
    *col = (unsigned)(p - ls) + 1;
}

/* The repository still holds BASE as compiled. */
static void assert_base_unchanged(fixture *f)
{
    const MI_ClassDecl *a = cls(f, "T_A");
    assert_non_null(a);
    assert_null(prop(a, "P2"));
    assert_string_equal(qual_str(a->qualifiers, a->numQualifiers, "Description"), "A");
    const MI_ClassDecl *b = cls(f, "T_B"), *c = cls(f, "T_C");
    assert_non_null(b);
    assert_non_null(c);
    assert_ptr_equal(b->superClassDecl, a);
    assert_ptr_equal(c->superClassDecl, b);
    assert_null(prop(b, "P2"));
    assert_null(prop(c, "P2"));
    size_t n;
    const MI_ClassDecl *const *subs = mi_ns_subclasses(mi_repo_ns(f->repo, NS), a, &n);
    assert_int_equal(n, 1);
    assert_ptr_equal(subs[0], b);
    assert_int_equal(mi_ns_class_count(mi_repo_ns(f->repo, NS)), 4);
}

static void test_without_flag_is_an_error(void **state)
{
    fixture *f = *state;
    mi_mof_stats st;
    assert_int_equal(compile_flags(f, NEW_A, 0, &st), MI_RESULT_ALREADY_EXISTS);
    const diag_rec *e = first_error(&f->dg);
    unsigned line, col;
    pos_of(NEW_A, "T_A {", &line, &col);
    assert_non_null(e);
    assert_int_equal(e->line, line);
    assert_int_equal(e->col, col);
    assert_true(err_has(e, "class T_A is already declared"));
    assert_true(err_has(e, "use --update"));
    assert_int_equal(st.classes, 0);
    reopen(f);
    assert_base_unchanged(f);
}

static void test_update_rebuilds_subclasses(void **state)
{
    fixture *f = *state;
    mi_mof_stats st;
    assert_int_equal(compile_flags(f, NEW_A, MI_MOF_UPDATE_CLASSES, &st), MI_RESULT_OK);
    assert_int_equal(f->dg.errors, 0);
    assert_int_equal(st.classes, 1);
    assert_int_equal(st.replaced, 1);
    assert_int_equal(st.rebuilt, 2);   /* T_B and T_C; T_Link does not derive from T_A */
    assert_int_equal(st.unchanged, 0);
    reopen(f);

    mi_ns *ns = mi_repo_ns(f->repo, NS);
    const MI_ClassDecl *a = cls(f, "T_A"), *b = cls(f, "T_B"), *c = cls(f, "T_C");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_int_equal(mi_ns_class_count(ns), 4);
    assert_string_equal(qual_str(a->qualifiers, a->numQualifiers, "Description"),
                        "A, version 2");
    /* the new property reaches every subclass, with its default and origin */
    const MI_PropertyDecl *p2 = prop(c, "P2");
    assert_non_null(p2);
    assert_int_equal(p2->type, MI_UINT64);
    assert_string_equal(p2->origin, "T_A");
    assert_non_null(p2->value);
    assert_int_equal(*(const MI_Uint64 *)p2->value, 7);
    assert_non_null(prop(b, "P2"));
    /* T_B's override keeps its own default, qualifiers and propagator */
    const MI_PropertyDecl *p1 = prop(b, "P1");
    assert_non_null(p1);
    assert_string_equal(p1->propagator, "T_B");
    assert_string_equal(p1->origin, "T_A");
    assert_string_equal(*(const MI_Char *const *)p1->value, "x");
    assert_string_equal(qual_str(p1->qualifiers, p1->numQualifiers, "Description"), "own P1");
    assert_non_null(mi_qualifier_find(p1->qualifiers, p1->numQualifiers, "MaxLen"));
    assert_string_equal(prop(c, "P1")->propagator, "T_B");
    /* own members and the method stay; T_C's own description, T_B inherits A's new one */
    assert_non_null(prop(b, "PB"));
    assert_non_null(prop(c, "PC"));
    assert_int_equal(b->numMethods, 1);
    assert_string_equal(b->methods[0]->name, "Twice");
    assert_string_equal(qual_str(c->qualifiers, c->numQualifiers, "Description"), "C");
    assert_string_equal(qual_str(b->qualifiers, b->numQualifiers, "Description"),
                        "A, version 2");
    /* inheritance links and order: parents first */
    assert_ptr_equal(b->superClassDecl, a);
    assert_ptr_equal(c->superClassDecl, b);
    size_t n;
    const MI_ClassDecl *const *subs = mi_ns_subclasses(ns, a, &n);
    assert_int_equal(n, 1);
    assert_ptr_equal(subs[0], b);
    subs = mi_ns_subclasses(ns, b, &n);
    assert_int_equal(n, 1);
    assert_ptr_equal(subs[0], c);
    assert_true(order_of(f, "T_A") < order_of(f, "T_B"));
    assert_true(order_of(f, "T_B") < order_of(f, "T_C"));
    /* the association still resolves its REF classes by name */
    const MI_ClassDecl *l = cls(f, "T_Link");
    assert_non_null(l);
    assert_ptr_equal(mi_ns_class(ns, prop(l, "Left")->className), b);
    assert_int_equal(mi_ns_association_count(ns), 1);

    /* the same file again: nothing changes */
    const MI_ClassDecl *a0 = a, *b0 = b;
    assert_int_equal(compile_flags(f, NEW_A, MI_MOF_UPDATE_CLASSES, &st), MI_RESULT_OK);
    assert_int_equal(st.classes, 0);
    assert_int_equal(st.replaced, 0);
    assert_int_equal(st.rebuilt, 0);
    assert_int_equal(st.unchanged, 1);
    assert_ptr_equal(cls(f, "T_A"), a0);
    assert_ptr_equal(cls(f, "T_B"), b0);
}

static void test_identical_is_a_noop(void **state)
{
    fixture *f = *state;
    const MI_ClassDecl *a = cls(f, "T_A"), *b = cls(f, "T_B"), *l = cls(f, "T_Link");
    mi_mof_stats st;
    assert_int_equal(compile_flags(f, BASE, MI_MOF_UPDATE_CLASSES, &st), MI_RESULT_OK);
    assert_int_equal(st.unchanged, 4);
    assert_int_equal(st.classes, 0);
    assert_int_equal(st.rebuilt, 0);
    assert_ptr_equal(cls(f, "T_A"), a);
    assert_ptr_equal(cls(f, "T_B"), b);
    assert_ptr_equal(cls(f, "T_Link"), l);
    /* one class changed among identical ones: only it and what derives from it */
    static const char mixed[] =
        "[Description (\"A\")]\n"
        "class T_A {\n"
        "    [Key] string K;\n"
        "    string P1;\n"
        "};\n"
        "class T_B : T_A {\n"
        "    [Override (\"P1\"), Description (\"own P1\"), MaxLen (8)] string P1 = \"x\";\n"
        "    uint32 PB;\n"
        "    uint32 Twice([In] uint32 N);\n"
        "    string PB2;\n"
        "};\n";
    assert_int_equal(compile_flags(f, mixed, MI_MOF_UPDATE_CLASSES, &st), MI_RESULT_OK);
    assert_int_equal(st.unchanged, 1);
    assert_int_equal(st.replaced, 1);
    assert_int_equal(st.rebuilt, 1);
    reopen(f);
    assert_non_null(prop(cls(f, "T_C"), "PB2"));
    assert_ptr_equal(cls(f, "T_C")->superClassDecl, cls(f, "T_B"));
}

static void expect_rollback(fixture *f, const char *text, MI_Result code, const char *needle1,
                            const char *needle2)
{
    mi_mof_stats st;
    MI_Result rc = compile_flags(f, text, MI_MOF_UPDATE_CLASSES, &st);
    assert_int_equal(rc, code);
    const diag_rec *e = first_error(&f->dg);
    assert_non_null(e);
    if (!err_has(e, needle1) || !err_has(e, needle2))
        fail_msg("message \"%s\" lacks \"%s\" or \"%s\"", e->msg, needle1, needle2);
    assert_int_equal(st.classes, 0);
    assert_int_equal(st.rebuilt, 0);
    reopen(f);
    assert_base_unchanged(f);
}

static void test_failing_subclass_rolls_back(void **state)
{
    fixture *f = *state;
    /* P1 removed: T_B's Override ("P1") has nothing to override */
    static const char no_p1[] =
        "class T_A {\n"
        "    [Key] string K;\n"
        "    string P3;\n"
        "};\n";
    expect_rollback(f, no_p1, MI_RESULT_NO_SUCH_PROPERTY, "class T_B of the repository",
                    "P1");
    const diag_rec *e = first_error(&f->dg);
    unsigned line, col;
    pos_of(no_p1, "T_A {", &line, &col);
    assert_string_equal(e->file, "new.mof");
    assert_int_equal(e->line, line);
    assert_int_equal(e->col, col);
    assert_true(err_has(e, "T_A"));

    /* P1 changes type: T_B's string P1 no longer fits */
    static const char p1_int[] =
        "class T_A {\n"
        "    [Key] string K;\n"
        "    uint32 P1;\n"
        "};\n";
    expect_rollback(f, p1_int, MI_RESULT_TYPE_MISMATCH, "cannot be rebuilt", "P1");

    /* keys: a subclass that declares its own key cannot be rebuilt on a T_A that
     * defines one */
    static const char keyless[] =
        "class T_A {\n"
        "    string K;\n"
        "    string P1;\n"
        "};\n";
    mi_mof_stats st;
    assert_int_equal(compile_flags(f, keyless, MI_MOF_UPDATE_CLASSES, &st), MI_RESULT_OK);
    assert_int_equal(st.rebuilt, 2);
    static const char sub_key[] = "class T_B2 : T_A { [Key] string K2; };\n";
    assert_int_equal(compile_flags(f, sub_key, 0, NULL), MI_RESULT_OK);
    static const char keyed[] =
        "class T_A {\n"
        "    [Key] string K;\n"
        "    string P1;\n"
        "};\n";
    assert_int_equal(compile_flags(f, keyed, MI_MOF_UPDATE_CLASSES, &st),
                     MI_RESULT_INVALID_PARAMETER);
    e = first_error(&f->dg);
    assert_true(err_has(e, "class T_B2 of the repository"));
    assert_true(err_has(e, "cannot be a key"));
    reopen(f);
    assert_int_equal(prop(cls(f, "T_A"), "K")->flags & MI_FLAG_KEY, 0);
    assert_int_equal(prop(cls(f, "T_B2"), "K2")->flags & MI_FLAG_KEY, MI_FLAG_KEY);
    assert_ptr_equal(cls(f, "T_B2")->superClassDecl, cls(f, "T_A"));
}

static void test_instances_block(void **state)
{
    fixture *f = *state;
    static const char inst[] = "instance of T_C { K = \"one\"; };\n";
    assert_int_equal(compile_flags(f, inst, 0, NULL), MI_RESULT_OK);
    expect_rollback(f, NEW_A, MI_RESULT_FAILED, "1 static instance", "T_C");
    const diag_rec *e = first_error(&f->dg);
    assert_true(err_has(e, "class T_A cannot be replaced"));
    uint64_t n = 0;
    assert_int_equal(mi_ns_count_instances(mi_repo_ns(f->repo, NS), cls(f, "T_C"), &n),
                     MI_RESULT_OK);
    assert_int_equal(n, 1);
    /* the class of the instances itself */
    static const char new_c[] = "class T_C : T_B { string PC; string PC2; };\n";
    mi_mof_stats st;
    assert_int_equal(compile_flags(f, new_c, MI_MOF_UPDATE_CLASSES, &st), MI_RESULT_FAILED);
    assert_true(err_has(first_error(&f->dg), "holds 1 static instance of it"));
}

static void test_duplicate_in_one_compilation(void **state)
{
    fixture *f = *state;
    static const char twice[] =
        "class T_New { string X; };\n"
        "class T_New { string Y; };\n";
    mi_mof_stats st;
    assert_int_equal(compile_flags(f, twice, MI_MOF_UPDATE_CLASSES, &st),
                     MI_RESULT_ALREADY_EXISTS);
    const diag_rec *e = first_error(&f->dg);
    assert_int_equal(e->line, 2);
    assert_false(err_has(e, "--update"));
    /* a repository class declared twice in one update compilation: also an error */
    static const char a_twice[] =
        "class T_A { [Key] string K; string P1; };\n"
        "class T_A { [Key] string K; string P1; string P9; };\n";
    assert_int_equal(compile_flags(f, a_twice, MI_MOF_UPDATE_CLASSES, &st),
                     MI_RESULT_ALREADY_EXISTS);
    assert_int_equal(first_error(&f->dg)->line, 2);
    reopen(f);
    assert_base_unchanged(f);
    assert_null(cls(f, "T_New"));
}

static void test_built_on_replaced_definition(void **state)
{
    fixture *f = *state;
    /* T_D is compiled on the repository's T_A, which the same text then replaces */
    static const char early[] =
        "class T_D : T_A { string PD; };\n"
        "class T_A { [Key] string K; string P1; string P9; };\n";
    expect_rollback(f, early, MI_RESULT_INVALID_SUPERCLASS, "T_D is built on",
                    "definition of T_A");
    assert_null(cls(f, "T_D"));
    /* T_B declared unchanged, but before the new T_A: it would stay on the old one */
    static const char early_same[] =
        "class T_B : T_A {\n"
        "    [Override (\"P1\"), Description (\"own P1\"), MaxLen (8)] string P1 = \"x\";\n"
        "    uint32 PB;\n"
        "    uint32 Twice([In] uint32 N);\n"
        "};\n"
        "class T_A { [Key] string K; string P1; string P9; };\n";
    expect_rollback(f, early_same, MI_RESULT_INVALID_SUPERCLASS, "T_B is built on",
                    "definition of T_A");
    assert_int_equal(first_error(&f->dg)->line, 1);
    /* T_E derives from T_B, which the new T_A makes the compilation rebuild */
    static const char on_rebuilt[] =
        "class T_A { [Key] string K; string P1; string P9; };\n"
        "class T_E : T_B { string PE; };\n";
    expect_rollback(f, on_rebuilt, MI_RESULT_INVALID_SUPERCLASS, "T_E is built on",
                    "rebuilds because its superclass T_A is replaced");
    assert_int_equal(first_error(&f->dg)->line, 2);
    assert_null(cls(f, "T_E"));
    /* an instance of T_C, rebuilt in the same compilation */
    static const char inst_rebuilt[] =
        "class T_A { [Key] string K; string P1; string P9; };\n"
        "instance of T_C { K = \"z\"; };\n";
    expect_rollback(f, inst_rebuilt, MI_RESULT_INVALID_CLASS, "instance of T_C",
                    "separate compilation");
    assert_int_equal(first_error(&f->dg)->line, 2);
    /* declared after the new definition: fine */
    static const char late[] =
        "class T_A { [Key] string K; string P1; string P9; };\n"
        "class T_D : T_A { string PD; };\n";
    mi_mof_stats st;
    assert_int_equal(compile_flags(f, late, MI_MOF_UPDATE_CLASSES, &st), MI_RESULT_OK);
    assert_int_equal(st.classes, 2);
    assert_int_equal(st.replaced, 1);
    reopen(f);
    assert_non_null(prop(cls(f, "T_D"), "P9"));
    assert_non_null(prop(cls(f, "T_C"), "P9"));
}

static void test_qualifier_update(void **state)
{
    fixture *f = *state;
    /* a different default: an error without the flag, replaced with it */
    static const char maxlen[] =
        "Qualifier MaxLen : uint32 = 64, Scope(property, method, parameter);\n";
    mi_mof_stats st;
    /* the declarations the repository already has, again: ignored without a word */
    assert_int_equal(compile_flags(f, PRELUDE, 0, &st), MI_RESULT_OK);
    assert_int_equal(st.qualifiers, 0);
    assert_int_equal(st.warnings, 0);
    assert_int_equal(f->dg.warnings, 0);
    assert_int_equal(compile_flags(f, maxlen, 0, &st), MI_RESULT_ALREADY_EXISTS);
    assert_true(err_has(first_error(&f->dg), "--update"));
    assert_int_equal(compile_flags(f, maxlen, MI_MOF_UPDATE_CLASSES, &st), MI_RESULT_OK);
    assert_int_equal(st.qualifiers, 1);
    assert_int_equal(st.qualifiers_replaced, 1);
    reopen(f);
    const MI_QualifierDecl *qd = mi_ns_qualifier(mi_repo_ns(f->repo, NS), "MaxLen");
    assert_non_null(qd);
    assert_non_null(qd->value);
    assert_int_equal(*(const MI_Uint32 *)qd->value, 64);
    assert_int_equal(mi_ns_qualifier_count(mi_repo_ns(f->repo, NS)), 6);
    /* a new type while T_B uses it: refused */
    static const char retyped[] =
        "Qualifier MaxLen : string = null, Scope(property, method, parameter);\n";
    assert_int_equal(compile_flags(f, retyped, MI_MOF_UPDATE_CLASSES, &st),
                     MI_RESULT_TYPE_MISMATCH);
    assert_true(err_has(first_error(&f->dg), "T_B"));
    /* a narrower scope while used: refused; an unused change of scope: fine */
    static const char narrowed[] =
        "Qualifier MaxLen : uint32 = 64, Scope(method);\n";
    assert_int_equal(compile_flags(f, narrowed, MI_MOF_UPDATE_CLASSES, &st),
                     MI_RESULT_TYPE_MISMATCH);
    static const char assoc[] =
        "Qualifier Association : boolean = false, Scope(association, class), "
        "Flavor(DisableOverride, ToSubclass);\n";
    assert_int_equal(compile_flags(f, assoc, MI_MOF_UPDATE_CLASSES, &st), MI_RESULT_OK);
    /* declared twice in one compilation: always an error */
    static const char twice[] =
        "Qualifier Q1 : boolean = false, Scope(any);\n"
        "Qualifier Q1 : boolean = true, Scope(any);\n";
    assert_int_equal(compile_flags(f, twice, MI_MOF_UPDATE_CLASSES, &st),
                     MI_RESULT_ALREADY_EXISTS);
    assert_null(mi_ns_qualifier(mi_repo_ns(f->repo, NS), "Q1"));
}

/* Every allocation of an update (replacement, rebuilds, qualifier replacement,
 * commit) fails in turn: the compilation then reports an error and the repository is
 * exactly as before; otherwise it is fully updated. */
static void test_alloc_failures(void **state)
{
    fixture *f = *state;
    static const char text[] =
        "Qualifier MaxLen : uint32 = 16, Scope(property, method, parameter);\n"
        "[Description (\"A, version 2\")]\n"
        "class T_A {\n"
        "    [Key] string K;\n"
        "    string P1;\n"
        "    uint64 P2 = 7;\n"
        "};\n";
    unsigned failed = 0;
    for (long k = 1; k < 100000; k++) {
        mi_alloc_fail_after(k);
        mi_mof_stats st;
        MI_Result rc = compile_flags(f, text, MI_MOF_UPDATE_CLASSES, &st);
        long made = mi_alloc_fail_after(0);
        if (rc == MI_RESULT_OK) {
            assert_int_equal(st.rebuilt, 2);
            reopen(f);
            assert_non_null(prop(cls(f, "T_C"), "P2"));
            break;
        }
        failed++;
        assert_true(f->dg.errors > 0);
        assert_base_unchanged(f);
        const MI_QualifierDecl *qd = mi_ns_qualifier(mi_repo_ns(f->repo, NS), "MaxLen");
        assert_non_null(qd);
        assert_null(qd->value);
        assert_true(made >= k);
    }
    assert_true(failed > 10);
}

#define BOTH(fn)                                                                         \
    cmocka_unit_test_setup_teardown(fn, setup_mem, teardown),                            \
        cmocka_unit_test_setup_teardown(fn, setup_file, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        BOTH(test_without_flag_is_an_error),
        BOTH(test_update_rebuilds_subclasses),
        BOTH(test_identical_is_a_noop),
        BOTH(test_failing_subclass_rolls_back),
        BOTH(test_instances_block),
        BOTH(test_duplicate_in_one_compilation),
        BOTH(test_built_on_replaced_definition),
        BOTH(test_qualifier_update),
        cmocka_unit_test_setup_teardown(test_alloc_failures, setup_mem, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
