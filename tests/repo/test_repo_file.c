/* Tests of the repository file (src/repo/file.c, serial.c): the whole CIM schema
 * stored and read back (every class's MOF text equal), instances and the reference
 * index (TST_Family from OpenPegasus, references derived by hand from its MOF),
 * provider registrations, transactions, the errors of open (unknown version, not a
 * SQLite file, corrupt file, read-only), readers on several threads while one thread
 * writes, and a writer killed part-way (every acknowledged instance survives). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/str.h"
#include "cim/cim.h"
#include "mof/mof.h"
#include "repo/repo.h"
#include "repo/repo_int.h"

#define SCHEMA_DIR MI_SHARED_DIR "/data/cim-schema/2.49.0"
#define FAMILY_MOF                                                                      \
    MI_SHARED_DIR "/data/mof-extra/openpegasus/pegasus/src/Providers/TestProviders/Load/" \
                  "TST_Family.mof"

/* ------------------------------------------------------------------ helpers */

static char tmpdir[256];

static int make_tmpdir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/mi_repo_test_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    DIR *d = opendir(tmpdir);
    if (d) {
        struct dirent *e;
        char p[600];
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    rmdir(tmpdir);
    return 0;
}

static void path_of(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", tmpdir, name);
}

static void quiet(void *ctx, const mi_mof_diag *d)
{
    (void)ctx;
    (void)d;
}

static mi_repo *open_repo(const char *path, unsigned flags)
{
    mi_repo *r = NULL;
    mi_buf err;
    mi_buf_init(&err, 0);
    MI_Result rc = mi_repo_open(path, flags, &r, &err);
    if (rc != MI_RESULT_OK)
        print_message("open %s: %s\n", path, mi_buf_str(&err));
    assert_int_equal(rc, MI_RESULT_OK);
    assert_non_null(r);
    mi_buf_free(&err);
    return r;
}

static MI_Result compile_text(mi_repo *r, const char *text)
{
    mi_mof_options o;
    memset(&o, 0, sizeof o);
    o.diag = quiet;
    return mi_mof_compile_buffer(r, "test.mof", text, strlen(text), &o, NULL);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Every class of ns as MOF text, one string (classes in order). */
static char *all_classes_text(const mi_ns *ns)
{
    mi_buf b;
    mi_buf_init(&b, 0);
    for (size_t i = 0; i < mi_ns_class_count(ns); i++) {
        assert_int_equal(mi_class_to_mof(&b, mi_ns_class_at(ns, i), MI_MOFOUT_MARK_INHERITED), 0);
        assert_int_equal(mi_class_to_mof(&b, mi_ns_class_at(ns, i), MI_MOFOUT_LOCAL_ONLY), 0);
        mi_buf_putc(&b, '\n');
    }
    for (size_t i = 0; i < mi_ns_qualifier_count(ns); i++)
        assert_int_equal(mi_qualifierdecl_to_mof(&b, mi_ns_qualifier_at(ns, i)), 0);
    assert_false(mi_buf_failed(&b));
    return mi_buf_take(&b);
}

/* A TST_-style person: class cls with [key] string name. */
static MI_Instance *person(mi_ns *ns, const char *cls, const char *name)
{
    const MI_ClassDecl *cd = mi_ns_class(ns, cls);
    assert_non_null(cd);
    MI_Instance *inst;
    assert_int_equal(mi_instance_new(cd, NULL, NULL, &inst), MI_RESULT_OK);
    MI_Value v;
    v.string = (MI_Char *)name;
    assert_int_equal(MI_Instance_SetElement(inst, "name", &v, MI_STRING, 0), MI_RESULT_OK);
    return inst;
}

/* Collects the "parent->child" names of TST_Lineage-like instances, sorted. */
typedef struct collect {
    char items[64][128];
    size_t n;
} collect;

static bool collect_pair(void *ctx, const MI_Instance *inst)
{
    collect *c = ctx;
    MI_Value p, ch;
    MI_Type t;
    assert_int_equal(MI_Instance_GetElement(inst, "parent", &p, &t, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(t, MI_REFERENCE);
    assert_int_equal(MI_Instance_GetElement(inst, "child", &ch, &t, NULL, NULL), MI_RESULT_OK);
    MI_Value pn, cn;
    assert_int_equal(MI_Instance_GetElement(p.reference, "name", &pn, &t, NULL, NULL),
                     MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(ch.reference, "name", &cn, &t, NULL, NULL),
                     MI_RESULT_OK);
    assert_true(c->n < 64);
    snprintf(c->items[c->n++], 128, "%s:%s->%s", inst->classDecl->name, pn.string, cn.string);
    return true;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* The sorted results of a reference lookup joined by ' '. */
static void refs_of(mi_ns *ns, const MI_Instance *target, const char *assoc,
                    const char *role, char *out, size_t n)
{
    collect c;
    c.n = 0;
    assert_int_equal(mi_ns_each_reference(ns, target, assoc, role, collect_pair, &c),
                     MI_RESULT_OK);
    qsort(c.items, c.n, sizeof c.items[0], cmp_str);
    out[0] = 0;
    for (size_t i = 0; i < c.n; i++) {
        if (i)
            strncat(out, " ", n - strlen(out) - 1);
        strncat(out, c.items[i], n - strlen(out) - 1);
    }
}

/* ------------------------------------------------------------------ schema */

static void test_schema_roundtrip(void **state)
{
    (void)state;
    char path[512];
    path_of(path, sizeof path, "schema.db");
    mi_repo *r = open_repo(path, MI_REPO_CREATE);
    mi_mof_options o;
    memset(&o, 0, sizeof o);
    o.diag = quiet;
    mi_mof_stats st;
    assert_int_equal(mi_mof_compile_file(r, SCHEMA_DIR "/cim_schema_2.49.0.mof", &o, &st),
                     MI_RESULT_OK);
    mi_ns *ns = mi_repo_ns(r, "root/cimv2");
    assert_non_null(ns);
    /* shared/data/README.md: CIM Schema 2.49.0 has 1631 classes */
    assert_int_equal(mi_ns_class_count(ns), 1631);
    char *before = all_classes_text(ns);
    size_t nassoc = mi_ns_association_count(ns);
    mi_repo_free(r);

    double t0 = now_ms();
    r = open_repo(path, 0);
    double t1 = now_ms();
    print_message("reopen with 1631 classes: %.1f ms\n", t1 - t0);
    ns = mi_repo_ns(r, "root/cimv2");
    assert_non_null(ns);
    assert_int_equal(mi_ns_class_count(ns), 1631);
    assert_int_equal(mi_ns_association_count(ns), nassoc);
    char *after = all_classes_text(ns);
    assert_string_equal(before, after);
    /* layout and links: every class's size equals a fresh layout of a clone */
    for (size_t i = 0; i < mi_ns_class_count(ns); i++) {
        const MI_ClassDecl *cd = mi_ns_class_at(ns, i);
        if (cd->superClass) {
            assert_ptr_equal(cd->superClassDecl, mi_ns_class(ns, cd->superClass));
        }
        size_t n;
        mi_ns_subclasses(ns, cd, &n);
        (void)n;
    }
    const MI_ClassDecl *cs = mi_ns_class(ns, "CIM_ComputerSystem");
    assert_non_null(cs);
    assert_true(mi_classdecl_is_a(cs, "CIM_ManagedElement"));
    assert_true(cs->size > sizeof(MI_Instance));
    mi_free(before);
    mi_free(after);
    mi_repo_free(r);
}

/* ------------------------------------------------------------------ instances */

static const char items_mof[] =
    "Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride);\n"
    "Qualifier Association : boolean = false, Scope(association), Flavor(DisableOverride);\n"
    "class T_Item { [Key] string Id; uint32 Count; string Tags[]; datetime When; };\n"
    "class T_Sub : T_Item { real64 Ratio; };\n"
    "class T_Other { [Key] string Id; };\n";

static void test_instances(void **state)
{
    (void)state;
    char path[512];
    path_of(path, sizeof path, "items.db");
    mi_repo *r = open_repo(path, MI_REPO_CREATE);
    assert_int_equal(compile_text(r, items_mof), MI_RESULT_OK);
    mi_ns *ns = mi_repo_ns(r, "root/cimv2");
    assert_non_null(ns);
    const MI_ClassDecl *item = mi_ns_class(ns, "T_Item");
    const MI_ClassDecl *sub = mi_ns_class(ns, "T_Sub");

    /* create: key values keep their case: "abc" and "ABC" are two instances */
    const char *ids[] = {"abc", "ABC", "x\"y\\z", "\xc3\xa9t\xc3\xa9"};
    for (size_t i = 0; i < 4; i++) {
        MI_Instance *inst;
        assert_int_equal(mi_instance_new(i == 3 ? sub : item, NULL, NULL, &inst), MI_RESULT_OK);
        MI_Value v;
        v.string = (MI_Char *)ids[i];
        assert_int_equal(MI_Instance_SetElement(inst, "Id", &v, MI_STRING, 0), MI_RESULT_OK);
        v.uint32 = (MI_Uint32)(100 + i);
        assert_int_equal(MI_Instance_SetElement(inst, "Count", &v, MI_UINT32, 0), MI_RESULT_OK);
        if (i == 0) {
            MI_Char *tags[] = {(MI_Char *)"red", (MI_Char *)"green"};
            v.stringa.data = tags;
            v.stringa.size = 2;
            assert_int_equal(MI_Instance_SetElement(inst, "Tags", &v, MI_STRINGA, 0),
                             MI_RESULT_OK);
            assert_int_equal(mi_datetime_parse("20240229123456.000001+060", &v.datetime, NULL),
                             MI_RESULT_OK);
            assert_int_equal(MI_Instance_SetElement(inst, "When", &v, MI_DATETIME, 0),
                             MI_RESULT_OK);
        }
        if (i == 3) {
            v.real64 = 0.1;
            assert_int_equal(MI_Instance_SetElement(inst, "Ratio", &v, MI_REAL64, 0),
                             MI_RESULT_OK);
        }
        assert_int_equal(mi_ns_create_instance(ns, inst), MI_RESULT_OK);
        assert_int_equal(mi_ns_create_instance(ns, inst), MI_RESULT_ALREADY_EXISTS);
        assert_non_null(strstr(mi_repo_last_error(), "already exists"));
        MI_Instance_Delete(inst);
    }
    /* a class not in the namespace */
    MI_Instance *dyn;
    assert_int_equal(mi_instance_new_dynamic("T_Unknown", 0, &dyn), MI_RESULT_OK);
    assert_int_equal(mi_ns_create_instance(ns, dyn), MI_RESULT_INVALID_CLASS);
    MI_Instance_Delete(dyn);
    /* a dynamic instance is bound to the stored class by property name */
    assert_int_equal(mi_instance_new_dynamic("t_other", 0, &dyn), MI_RESULT_OK);
    MI_Value v;
    v.string = (MI_Char *)"o1";
    assert_int_equal(MI_Instance_AddElement(dyn, "ID", &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
    assert_int_equal(mi_ns_create_instance(ns, dyn), MI_RESULT_OK);
    MI_Instance_Delete(dyn);
    mi_repo_free(r);

    r = open_repo(path, 0);
    ns = mi_repo_ns(r, "root/cimv2");
    item = mi_ns_class(ns, "T_Item");
    sub = mi_ns_class(ns, "T_Sub");
    uint64_t n;
    assert_int_equal(mi_ns_count_instances(ns, NULL, &n), MI_RESULT_OK);
    assert_int_equal(n, 5);
    assert_int_equal(mi_ns_count_instances(ns, item, &n), MI_RESULT_OK);
    assert_int_equal(n, 3);
    assert_int_equal(mi_ns_count_instances(ns, sub, &n), MI_RESULT_OK);
    assert_int_equal(n, 1);

    mi_arena a;
    mi_arena_init(&a, 0, 0);
    MI_Instance *got;
    MI_Type t;
    assert_int_equal(mi_ns_get_instance(ns, "T_Item.Id=\"abc\"", &a, &got), MI_RESULT_OK);
    assert_ptr_equal(got->classDecl, item);
    assert_int_equal(MI_Instance_GetElement(got, "Count", &v, &t, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(v.uint32, 100);
    assert_int_equal(MI_Instance_GetElement(got, "Tags", &v, &t, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(v.stringa.size, 2);
    assert_string_equal(v.stringa.data[1], "green");
    assert_int_equal(MI_Instance_GetElement(got, "When", &v, &t, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(v.datetime.u.timestamp.microseconds, 1);
    assert_int_equal(v.datetime.u.timestamp.utc, 60);
    assert_int_equal(mi_ns_get_instance(ns, "T_Item.Id=\"ABC\"", &a, &got), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(got, "Count", &v, &t, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(v.uint32, 101);
    assert_int_equal(mi_ns_get_instance(ns, "T_Item.Id=\"Abc\"", &a, &got), MI_RESULT_NOT_FOUND);
    assert_int_equal(mi_ns_instance_exists(ns, "T_Item.Id=\"x\\\"y\\\\z\""), MI_RESULT_OK);
    assert_int_equal(mi_ns_get_instance(ns, "T_Sub.Id=\"\xc3\xa9t\xc3\xa9\"", &a, &got),
                     MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(got, "Ratio", &v, &t, NULL, NULL), MI_RESULT_OK);
    assert_true(v.real64 == 0.1);
    assert_int_equal(mi_ns_instance_exists(ns, "T_Other.Id=\"o1\""), MI_RESULT_OK);

    /* modify replaces; NOT_FOUND for an unknown key */
    assert_int_equal(mi_ns_get_instance(ns, "T_Item.Id=\"abc\"", &a, &got), MI_RESULT_OK);
    MI_Instance *copy;
    assert_int_equal(MI_Instance_Clone(got, &copy), MI_RESULT_OK);
    v.uint32 = 7;
    assert_int_equal(MI_Instance_SetElement(copy, "Count", &v, MI_UINT32, 0), MI_RESULT_OK);
    assert_int_equal(MI_Instance_ClearElement(copy, "Tags"), MI_RESULT_OK);
    assert_int_equal(mi_ns_modify_instance(ns, copy), MI_RESULT_OK);
    v.string = (MI_Char *)"nope";
    assert_int_equal(MI_Instance_SetElement(copy, "Id", &v, MI_STRING, 0), MI_RESULT_OK);
    assert_int_equal(mi_ns_modify_instance(ns, copy), MI_RESULT_NOT_FOUND);
    MI_Instance_Delete(copy);
    assert_int_equal(mi_ns_get_instance(ns, "T_Item.Id=\"abc\"", &a, &got), MI_RESULT_OK);
    MI_Uint32 fl;
    assert_int_equal(MI_Instance_GetElement(got, "Count", &v, &t, &fl, NULL), MI_RESULT_OK);
    assert_int_equal(v.uint32, 7);
    assert_int_equal(MI_Instance_GetElement(got, "Tags", &v, &t, &fl, NULL), MI_RESULT_OK);
    assert_true(fl & MI_FLAG_NULL);

    /* delete */
    assert_int_equal(mi_ns_delete_instance(ns, "T_Item.Id=\"ABC\""), MI_RESULT_OK);
    assert_int_equal(mi_ns_delete_instance(ns, "T_Item.Id=\"ABC\""), MI_RESULT_NOT_FOUND);
    assert_int_equal(mi_ns_count_instances(ns, item, &n), MI_RESULT_OK);
    assert_int_equal(n, 2);
    mi_arena_destroy(&a);
    mi_repo_free(r);
}

typedef struct ids_seen {
    char ids[16][64];
    size_t n;
    size_t stop_after;
} ids_seen;

static bool note_id(void *ctx, const MI_Instance *inst)
{
    ids_seen *s = ctx;
    MI_Value v;
    MI_Type t;
    assert_int_equal(MI_Instance_GetElement(inst, "Id", &v, &t, NULL, NULL), MI_RESULT_OK);
    snprintf(s->ids[s->n++], 64, "%s", v.string);
    return s->n != s->stop_after;
}

/* The same API over an in-memory repository. */
static void test_instances_memory(void **state)
{
    (void)state;
    mi_repo *r;
    assert_int_equal(mi_repo_new(&r), MI_RESULT_OK);
    assert_int_equal(compile_text(r, items_mof), MI_RESULT_OK);
    mi_ns *ns = mi_repo_ns(r, "root/cimv2");
    const MI_ClassDecl *item = mi_ns_class(ns, "T_Item");
    for (int i = 0; i < 3; i++) {
        MI_Instance *inst;
        char id[8];
        snprintf(id, sizeof id, "k%d", i);
        assert_int_equal(mi_instance_new(item, NULL, NULL, &inst), MI_RESULT_OK);
        MI_Value v;
        v.string = id;
        assert_int_equal(MI_Instance_SetElement(inst, "Id", &v, MI_STRING, 0), MI_RESULT_OK);
        assert_int_equal(mi_ns_create_instance(ns, inst), MI_RESULT_OK);
        assert_int_equal(mi_ns_create_instance(ns, inst), MI_RESULT_ALREADY_EXISTS);
        MI_Instance_Delete(inst);
    }
    ids_seen s = {.n = 0, .stop_after = 0};
    assert_int_equal(mi_ns_each_instance(ns, item, note_id, &s), MI_RESULT_OK);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.ids[2], "k2");
    s.n = 0;
    s.stop_after = 2;
    assert_int_equal(mi_ns_each_instance(ns, item, note_id, &s), MI_RESULT_OK);
    assert_int_equal(s.n, 2);
    assert_int_equal(mi_ns_delete_instance(ns, "T_Item.Id=\"k1\""), MI_RESULT_OK);
    assert_int_equal(mi_ns_instance_exists(ns, "T_Item.Id=\"k1\""), MI_RESULT_NOT_FOUND);
    assert_int_equal(mi_ns_instance_count(ns), 2);
    mi_repo_free(r);
}

/* each_instance over a file, in order stored, stopping early. */
static void test_each_file(void **state)
{
    (void)state;
    char path[512];
    path_of(path, sizeof path, "each.db");
    mi_repo *r = open_repo(path, MI_REPO_CREATE);
    assert_int_equal(compile_text(r, items_mof), MI_RESULT_OK);
    assert_int_equal(compile_text(r, "instance of T_Item { Id = \"b\"; };\n"
                                     "instance of T_Sub { Id = \"s\"; };\n"
                                     "instance of T_Item { Id = \"a\"; };\n"),
                     MI_RESULT_OK);
    mi_ns *ns = mi_repo_ns(r, "root/cimv2");
    ids_seen s = {.n = 0, .stop_after = 0};
    assert_int_equal(mi_ns_each_instance(ns, mi_ns_class(ns, "t_item"), note_id, &s),
                     MI_RESULT_OK);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.ids[0], "b");
    assert_string_equal(s.ids[1], "a");
    s.n = 0;
    s.stop_after = 1;
    assert_int_equal(mi_ns_each_instance(ns, mi_ns_class(ns, "T_Item"), note_id, &s),
                     MI_RESULT_OK);
    assert_int_equal(s.n, 1);
    /* a MOF instance that duplicates a stored one is refused, nothing added */
    assert_int_not_equal(compile_text(r, "instance of T_Item { Id = \"c\"; };\n"
                                         "instance of T_Item { Id = \"a\"; };\n"),
                         MI_RESULT_OK);
    assert_int_equal(mi_ns_instance_exists(ns, "T_Item.Id=\"c\""), MI_RESULT_NOT_FOUND);
    mi_repo_free(r);
}

/* ------------------------------------------------------------------ references */

static void compile_family(mi_repo *r)
{
    mi_mof_options o;
    memset(&o, 0, sizeof o);
    o.diag = quiet;
    o.ns = "root/family";
    const char *files[] = {SCHEMA_DIR "/qualifiers.mof", FAMILY_MOF};
    assert_int_equal(mi_mof_compile_files(r, files, 2, &o, NULL), MI_RESULT_OK);
    assert_int_equal(compile_text(r, "#pragma namespace(\"root/family\")\n"
                                     "class TST_Other { [key] string name; };\n"),
                     MI_RESULT_OK);
}

static void family_checks(mi_repo *r)
{
    char got[2048];
    mi_ns *ns = mi_repo_ns(r, "root/family");
    assert_non_null(ns);
    /* TST_Family.mof: Lineage(Mike,Sofi), (Mike,Gabi), (Saara,Sofi), (Saara,Gabi) */
    MI_Instance *mike = person(ns, "TST_Person", "Mike");
    refs_of(ns, mike, NULL, NULL, got, sizeof got);
    assert_string_equal(got, "TST_Lineage:Mike->Gabi TST_Lineage:Mike->Sofi");
    refs_of(ns, mike, NULL, "Parent", got, sizeof got);
    assert_string_equal(got, "TST_Lineage:Mike->Gabi TST_Lineage:Mike->Sofi");
    refs_of(ns, mike, NULL, "child", got, sizeof got);
    assert_string_equal(got, "");
    refs_of(ns, mike, "tst_lineage", NULL, got, sizeof got);
    assert_string_equal(got, "TST_Lineage:Mike->Gabi TST_Lineage:Mike->Sofi");
    refs_of(ns, mike, "TST_LabeledLineage", NULL, got, sizeof got);
    assert_string_equal(got, "");
    MI_Instance_Delete(mike);
    MI_Instance *sofi = person(ns, "TST_Person", "Sofi");
    refs_of(ns, sofi, NULL, NULL, got, sizeof got);
    assert_string_equal(got, "TST_Lineage:Mike->Sofi TST_Lineage:Saara->Sofi");
    refs_of(ns, sofi, NULL, "parent", got, sizeof got);
    assert_string_equal(got, "");
    MI_Instance_Delete(sofi);
    /* key values are case-sensitive */
    MI_Instance *lower = person(ns, "TST_Person", "mike");
    refs_of(ns, lower, NULL, NULL, got, sizeof got);
    assert_string_equal(got, "");
    MI_Instance_Delete(lower);
    /* a target of a subclass matches a reference to the superclass */
    MI_Instance *mikes = person(ns, "TST_PersonS", "Mike");
    refs_of(ns, mikes, NULL, "parent", got, sizeof got);
    assert_string_equal(got, "TST_Lineage:Mike->Gabi TST_Lineage:Mike->Sofi");
    MI_Instance_Delete(mikes);
    /* an unrelated class with the same key does not */
    MI_Instance *other = person(ns, "TST_Other", "Mike");
    refs_of(ns, other, NULL, NULL, got, sizeof got);
    assert_string_equal(got, "");
    MI_Instance_Delete(other);
    /* the stored persons */
    uint64_t n;
    assert_int_equal(mi_ns_count_instances(ns, mi_ns_class(ns, "TST_Person"), &n), MI_RESULT_OK);
    assert_int_equal(n, 4);
    assert_int_equal(mi_ns_count_instances(ns, mi_ns_class(ns, "TST_Lineage"), &n), MI_RESULT_OK);
    assert_int_equal(n, 4);
}

/* An association created through the API: reference to a subclass instance, found
 * from a target of the superclass; modify and delete keep the index in step. */
static void family_updates(mi_repo *r)
{
    char got[2048];
    mi_ns *ns = mi_repo_ns(r, "root/family");
    const MI_ClassDecl *lin = mi_ns_class(ns, "TST_LabeledLineage");
    MI_Instance *a, *p = person(ns, "TST_PersonS", "Sofis"), *c = person(ns, "TST_Person", "Gabi");
    assert_int_equal(mi_instance_new(lin, NULL, NULL, &a), MI_RESULT_OK);
    MI_Value v;
    v.reference = p;
    assert_int_equal(MI_Instance_SetElement(a, "parent", &v, MI_REFERENCE, 0), MI_RESULT_OK);
    v.reference = c;
    assert_int_equal(MI_Instance_SetElement(a, "child", &v, MI_REFERENCE, 0), MI_RESULT_OK);
    v.string = (MI_Char *)"first";
    assert_int_equal(MI_Instance_SetElement(a, "label", &v, MI_STRING, 0), MI_RESULT_OK);
    assert_int_equal(mi_ns_create_instance(ns, a), MI_RESULT_OK);

    MI_Instance *sofis = person(ns, "TST_Person", "Sofis");
    refs_of(ns, sofis, NULL, NULL, got, sizeof got);
    assert_string_equal(got, "TST_LabeledLineage:Sofis->Gabi");
    refs_of(ns, c, NULL, "child", got, sizeof got);
    assert_string_equal(got, "TST_LabeledLineage:Sofis->Gabi TST_Lineage:Mike->Gabi "
                             "TST_Lineage:Saara->Gabi");

    /* modify: the child becomes Sofi */
    MI_Instance *sofi = person(ns, "TST_Person", "Sofi");
    v.reference = sofi;
    assert_int_equal(MI_Instance_SetElement(a, "child", &v, MI_REFERENCE, 0), MI_RESULT_OK);
    /* the child is a key: a different instance now, so modify finds nothing */
    assert_int_equal(mi_ns_modify_instance(ns, a), MI_RESULT_NOT_FOUND);
    v.reference = c;
    assert_int_equal(MI_Instance_SetElement(a, "child", &v, MI_REFERENCE, 0), MI_RESULT_OK);
    v.string = (MI_Char *)"second";
    assert_int_equal(MI_Instance_SetElement(a, "label", &v, MI_STRING, 0), MI_RESULT_OK);
    assert_int_equal(mi_ns_modify_instance(ns, a), MI_RESULT_OK);
    refs_of(ns, c, "TST_LabeledLineage", NULL, got, sizeof got);
    assert_string_equal(got, "TST_LabeledLineage:Sofis->Gabi");

    mi_buf ks;
    mi_buf_init(&ks, 0);
    assert_int_equal(mi_instance_keystring(a, &ks), MI_RESULT_OK);
    assert_int_equal(mi_ns_delete_instance(ns, mi_buf_str(&ks)), MI_RESULT_OK);
    refs_of(ns, sofis, NULL, NULL, got, sizeof got);
    assert_string_equal(got, "");
    mi_buf_free(&ks);
    MI_Instance_Delete(a);
    MI_Instance_Delete(p);
    MI_Instance_Delete(c);
    MI_Instance_Delete(sofi);
    MI_Instance_Delete(sofis);
}

static void test_family_file(void **state)
{
    (void)state;
    char path[512];
    path_of(path, sizeof path, "family.db");
    mi_repo *r = open_repo(path, MI_REPO_CREATE);
    compile_family(r);
    mi_repo_free(r);
    r = open_repo(path, 0);
    family_checks(r);
    family_updates(r);
    mi_repo_free(r);
}

static void test_family_memory(void **state)
{
    (void)state;
    mi_repo *r;
    assert_int_equal(mi_repo_new(&r), MI_RESULT_OK);
    compile_family(r);
    family_checks(r);
    mi_repo_free(r);
}

/* ------------------------------------------------------------------ providers, tx */

static bool count_prov(void *ctx, const char *ns, const char *cls, const char *module)
{
    (void)ns;
    (void)cls;
    (void)module;
    (*(int *)ctx)++;
    return true;
}

static void test_providers_and_tx(void **state)
{
    (void)state;
    char path[512];
    path_of(path, sizeof path, "prov.db");
    mi_repo *r = open_repo(path, MI_REPO_CREATE);
    assert_int_equal(compile_text(r, items_mof), MI_RESULT_OK);
    assert_int_equal(mi_repo_register_provider(r, "root/cimv2", "t_item", "/x/libitem.so"),
                     MI_RESULT_OK);
    assert_int_equal(mi_repo_register_provider(r, "root/cimv2", "T_Nope", "/x/a.so"),
                     MI_RESULT_INVALID_CLASS);
    assert_int_equal(mi_repo_register_provider(r, "root/none", "T_Item", "/x/a.so"),
                     MI_RESULT_INVALID_NAMESPACE);
    assert_int_equal(mi_repo_register_provider(r, "root/cimv2", "T_Other", "/x/o.so"),
                     MI_RESULT_OK);
    assert_int_equal(mi_repo_unregister_provider(r, "root/cimv2", "T_Other"), MI_RESULT_OK);
    assert_int_equal(mi_repo_unregister_provider(r, "root/cimv2", "T_Other"),
                     MI_RESULT_NOT_FOUND);

    /* a rolled-back transaction leaves memory and file as they were */
    assert_int_equal(mi_repo_begin(r), MI_RESULT_OK);
    assert_int_equal(compile_text(r, "class T_Gone { [Key] string Id; };\n"
                                     "instance of T_Item { Id = \"gone\"; };\n"),
                     MI_RESULT_OK);
    mi_ns *ns = mi_repo_ns(r, "root/cimv2");
    assert_non_null(mi_ns_class(ns, "T_Gone"));
    mi_repo_rollback(r);
    assert_null(mi_ns_class(ns, "T_Gone"));
    /* a failing compilation adds nothing */
    assert_int_not_equal(compile_text(r, "class T_Half { [Key] string Id; };\n"
                                         "class T_Bad : T_Missing { };\n"),
                         MI_RESULT_OK);
    mi_repo_free(r);

    r = open_repo(path, 0);
    ns = mi_repo_ns(r, "root/cimv2");
    assert_null(mi_ns_class(ns, "T_Gone"));
    assert_null(mi_ns_class(ns, "T_Half"));
    assert_int_equal(mi_ns_instance_exists(ns, "T_Item.Id=\"gone\""), MI_RESULT_NOT_FOUND);
    assert_string_equal(mi_ns_provider_module(ns, "T_ITEM"), "/x/libitem.so");
    assert_null(mi_ns_provider_module(ns, "T_Other"));
    int n = 0;
    mi_repo_each_provider(r, count_prov, &n);
    assert_int_equal(n, 1);
    mi_repo_free(r);
}

/* ------------------------------------------------------------------ open errors */

static void expect_open_error(const char *path, unsigned flags, MI_Result want,
                              const char *fragment)
{
    mi_repo *r = (mi_repo *)1;
    mi_buf err;
    mi_buf_init(&err, 0);
    assert_int_equal(mi_repo_open(path, flags, &r, &err), want);
    assert_null(r);
    if (!strstr(mi_buf_str(&err), fragment) || !strstr(mi_buf_str(&err), path))
        fail_msg("open error \"%s\" lacks \"%s\" or the path", mi_buf_str(&err), fragment);
    mi_buf_free(&err);
}

static void write_file(const char *path, const void *data, size_t n, off_t at, bool trunc)
{
    int fd = open(path, O_WRONLY | O_CREAT | (trunc ? O_TRUNC : 0), 0600);
    assert_true(fd >= 0);
    assert_int_equal(pwrite(fd, data, n, at), (ssize_t)n);
    close(fd);
}

static void test_open_errors(void **state)
{
    (void)state;
    char path[512];
    path_of(path, sizeof path, "missing.db");
    expect_open_error(path, 0, MI_RESULT_NOT_FOUND, "does not exist");

    /* garbage bytes */
    path_of(path, sizeof path, "garbage.db");
    unsigned char junk[8192];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)(i * 131 + 7);
    write_file(path, junk, sizeof junk, 0, true);
    expect_open_error(path, 0, MI_RESULT_FAILED, "not a SQLite database");

    /* an unknown format version */
    path_of(path, sizeof path, "version.db");
    mi_repo *r = open_repo(path, MI_REPO_CREATE);
    assert_int_equal(compile_text(r, items_mof), MI_RESULT_OK);
    mi_repo_free(r);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    expect_open_error(path, 0, MI_RESULT_FAILED, "format version 99");

    /* a SQLite file that is no repository */
    path_of(path, sizeof path, "other.db");
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    expect_open_error(path, 0, MI_RESULT_FAILED, "not a libmi repository");

    /* a valid repository whose pages after the header are overwritten */
    path_of(path, sizeof path, "corrupt.db");
    r = open_repo(path, MI_REPO_CREATE);
    assert_int_equal(compile_text(r, items_mof), MI_RESULT_OK);
    mi_repo_free(r);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    for (off_t at = 100; at < sb.st_size; at += (off_t)sizeof junk)
        write_file(path, junk, sizeof junk, at, false);
    expect_open_error(path, 0, MI_RESULT_FAILED, "corrupt");

    /* a stored class blob damaged inside an intact database */
    path_of(path, sizeof path, "badblob.db");
    r = open_repo(path, MI_REPO_CREATE);
    assert_int_equal(compile_text(r, items_mof), MI_RESULT_OK);
    mi_repo_free(r);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE classes SET blob = substr(blob, 1, 9) "
                                      "WHERE name = 'T_Sub'", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    expect_open_error(path, 0, MI_RESULT_FAILED, "T_Sub");

    /* read-only: reads work, every write is refused */
    path_of(path, sizeof path, "ro.db");
    r = open_repo(path, MI_REPO_CREATE);
    assert_int_equal(compile_text(r, items_mof), MI_RESULT_OK);
    assert_int_equal(compile_text(r, "instance of T_Item { Id = \"ro\"; };\n"), MI_RESULT_OK);
    mi_repo_free(r);
    r = open_repo(path, MI_REPO_READONLY);
    mi_ns *ns = mi_repo_ns(r, "root/cimv2");
    assert_int_equal(mi_ns_instance_exists(ns, "T_Item.Id=\"ro\""), MI_RESULT_OK);
    assert_int_equal(mi_ns_delete_instance(ns, "T_Item.Id=\"ro\""), MI_RESULT_ACCESS_DENIED);
    assert_non_null(strstr(mi_repo_last_error(), "read-only"));
    assert_int_not_equal(compile_text(r, "class T_New { };\n"), MI_RESULT_OK);
    assert_null(mi_ns_class(ns, "T_New"));
    mi_ns *nn;
    assert_int_equal(mi_repo_ns_add(r, "root/new", &nn), MI_RESULT_ACCESS_DENIED);
    assert_null(mi_repo_ns(r, "root/new"));
    mi_repo_free(r);
}

/* A stored instance whose blob is damaged is reported, not decoded blindly. */
static void test_bad_instance_blob(void **state)
{
    (void)state;
    char path[512];
    path_of(path, sizeof path, "badinst.db");
    mi_repo *r = open_repo(path, MI_REPO_CREATE);
    assert_int_equal(compile_text(r, items_mof), MI_RESULT_OK);
    assert_int_equal(compile_text(r, "instance of T_Item { Id = \"a\"; Count = 5; };\n"),
                     MI_RESULT_OK);
    mi_repo_free(r);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE instances SET blob = substr(blob, 1, length(blob) - 2)",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    r = open_repo(path, 0);
    mi_ns *ns = mi_repo_ns(r, "root/cimv2");
    mi_arena a;
    mi_arena_init(&a, 0, 0);
    MI_Instance *inst;
    assert_int_equal(mi_ns_get_instance(ns, "T_Item.Id=\"a\"", &a, &inst), MI_RESULT_FAILED);
    assert_null(inst);
    assert_non_null(strstr(mi_repo_last_error(), "cannot be read"));
    ids_seen s = {.n = 0, .stop_after = 0};
    assert_int_equal(mi_ns_each_instance(ns, mi_ns_class(ns, "T_Item"), note_id, &s),
                     MI_RESULT_FAILED);
    assert_int_equal(s.n, 0);
    mi_arena_destroy(&a);
    mi_repo_free(r);
}

static void test_default_path(void **state)
{
    (void)state;
    char *old_repo = getenv("MI_REPOSITORY") ? strdup(getenv("MI_REPOSITORY")) : NULL;
    setenv("MI_REPOSITORY", "/a/b.db", 1);
    setenv("XDG_DATA_HOME", "/xdg", 1);
    setenv("HOME", "/home/u", 1);
    char *p = mi_repo_default_path();
    assert_string_equal(p, "/a/b.db");
    mi_free(p);
    unsetenv("MI_REPOSITORY");
    p = mi_repo_default_path();
    assert_string_equal(p, "/xdg/libmi/repository.db");
    mi_free(p);
    unsetenv("XDG_DATA_HOME");
    p = mi_repo_default_path();
    assert_string_equal(p, "/home/u/.local/share/libmi/repository.db");
    mi_free(p);
    /* created with its parent directories, mode 0700 */
    char dir[600], path[700];
    snprintf(dir, sizeof dir, "%s/d1", tmpdir);
    snprintf(path, sizeof path, "%s/d2/r.db", dir);
    setenv("MI_REPOSITORY", path, 1);
    p = mi_repo_default_path();
    mi_repo *r = open_repo(p, MI_REPO_CREATE);
    mi_repo_free(r);
    struct stat sb;
    char d2[700];
    snprintf(d2, sizeof d2, "%s/d2", dir);
    assert_int_equal(stat(d2, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700);
    unlink(p);
    char side[800];
    snprintf(side, sizeof side, "%s-wal", p);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", p);
    unlink(side);
    rmdir(d2);
    rmdir(dir);
    mi_free(p);
    if (old_repo)
        setenv("MI_REPOSITORY", old_repo, 1);
    else
        unsetenv("MI_REPOSITORY");
    free(old_repo);
}

/* ------------------------------------------------------------------ threads */

#define WRITES 1500

typedef struct rstate {
    mi_ns *ns;
    atomic_int *done;
    unsigned long reads;
    int bad;
} rstate;

static bool check_item(void *ctx, const MI_Instance *inst)
{
    rstate *s = ctx;
    MI_Value id, cnt;
    MI_Type t;
    if (MI_Instance_GetElement(inst, "Id", &id, &t, NULL, NULL) != MI_RESULT_OK ||
        MI_Instance_GetElement(inst, "Count", &cnt, &t, NULL, NULL) != MI_RESULT_OK ||
        (MI_Uint32)atoi(id.string + 1) != cnt.uint32)
        s->bad++;
    s->reads++;
    return true;
}

static void *reader_main(void *arg)
{
    rstate *s = arg;
    const MI_ClassDecl *item = mi_ns_class(s->ns, "T_Item");
    uint64_t last = 0;
    while (!*s->done) {
        uint64_t n;
        if (mi_ns_count_instances(s->ns, item, &n) != MI_RESULT_OK || n < last)
            s->bad++;
        last = n;
        if (mi_ns_each_instance(s->ns, item, check_item, s) != MI_RESULT_OK)
            s->bad++;
        mi_arena a;
        mi_arena_init(&a, 0, 0);
        MI_Instance *inst;
        MI_Result rc = mi_ns_get_instance(s->ns, "T_Item.Id=\"i0\"", &a, &inst);
        if (rc == MI_RESULT_OK)
            check_item(s, inst);
        else if (rc != MI_RESULT_NOT_FOUND)
            s->bad++;
        mi_arena_destroy(&a);
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    char path[512];
    path_of(path, sizeof path, "threads.db");
    mi_repo *r = open_repo(path, MI_REPO_CREATE);
    assert_int_equal(compile_text(r, items_mof), MI_RESULT_OK);
    mi_ns *ns = mi_repo_ns(r, "root/cimv2");
    const MI_ClassDecl *item = mi_ns_class(ns, "T_Item");
    atomic_int done = 0;
    rstate rs[3];
    pthread_t th[3];
    for (int i = 0; i < 3; i++) {
        rs[i] = (rstate){ns, &done, 0, 0};
        assert_int_equal(pthread_create(&th[i], NULL, reader_main, &rs[i]), 0);
    }
    /* batches of 100 in one transaction each (the writer is the only thread writing) */
    for (int b = 0; b < WRITES / 100; b++) {
        assert_int_equal(mi_repo_begin(r), MI_RESULT_OK);
        for (int i = b * 100; i < (b + 1) * 100; i++) {
            MI_Instance *inst;
            char id[16];
            snprintf(id, sizeof id, "i%d", i);
            assert_int_equal(mi_instance_new(item, NULL, NULL, &inst), MI_RESULT_OK);
            MI_Value v;
            v.string = id;
            MI_Instance_SetElement(inst, "Id", &v, MI_STRING, 0);
            v.uint32 = (MI_Uint32)i;
            MI_Instance_SetElement(inst, "Count", &v, MI_UINT32, 0);
            assert_int_equal(mi_ns_create_instance(ns, inst), MI_RESULT_OK);
            MI_Instance_Delete(inst);
        }
        assert_int_equal(mi_repo_commit(r), MI_RESULT_OK);
    }
    done = 1;
    unsigned long total = 0;
    for (int i = 0; i < 3; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(rs[i].bad, 0);
        total += rs[i].reads;
    }
    print_message("readers decoded %lu instances while %d were written\n", total, WRITES);
    uint64_t n;
    assert_int_equal(mi_ns_count_instances(ns, item, &n), MI_RESULT_OK);
    assert_int_equal(n, WRITES);
    mi_repo_free(r);
}

/* ------------------------------------------------------------------ crash */

#define CRASH_WRITES 10000

static void crash_child(const char *path, int fd)
{
    mi_repo *r = NULL;
    if (mi_repo_open(path, 0, &r, NULL) != MI_RESULT_OK)
        _exit(2);
    mi_ns *ns = mi_repo_ns(r, "root/cimv2");
    const MI_ClassDecl *item = mi_ns_class(ns, "T_Item");
    for (uint32_t i = 0; i < CRASH_WRITES; i++) {
        MI_Instance *inst;
        char id[16];
        snprintf(id, sizeof id, "c%u", (unsigned)i);
        if (mi_instance_new(item, NULL, NULL, &inst) != MI_RESULT_OK)
            _exit(3);
        MI_Value v;
        v.string = id;
        MI_Instance_SetElement(inst, "Id", &v, MI_STRING, 0);
        v.uint32 = i;
        MI_Instance_SetElement(inst, "Count", &v, MI_UINT32, 0);
        if (mi_ns_create_instance(ns, inst) != MI_RESULT_OK)
            _exit(4);
        MI_Instance_Delete(inst);
        if (write(fd, &i, sizeof i) != (ssize_t)sizeof i)
            _exit(5);
    }
    _exit(0);
}

static void test_crash(void **state)
{
    (void)state;
    char path[512];
    path_of(path, sizeof path, "crash.db");
    mi_repo *r = open_repo(path, MI_REPO_CREATE);
    assert_int_equal(compile_text(r, items_mof), MI_RESULT_OK);
    mi_repo_free(r);

    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        crash_child(path, fds[1]);
    }
    close(fds[1]);
    /* kill after a number of acknowledgements that varies from run to run */
    uint32_t kill_after = 200 + (uint32_t)(getpid() % 300);
    uint32_t acked = 0, k;
    bool killed = false;
    static uint8_t seen[CRASH_WRITES];
    memset(seen, 0, sizeof seen);
    for (;;) {
        ssize_t n = read(fds[0], &k, sizeof k);
        if (n != (ssize_t)sizeof k)
            break;
        assert_true(k < CRASH_WRITES);
        seen[k] = 1;
        acked++;
        if (!killed && acked >= kill_after) {
            kill(pid, SIGKILL);
            killed = true;
        }
    }
    close(fds[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(killed);
    print_message("child killed after %u acknowledged writes (%s)\n", acked,
                  WIFSIGNALED(status) ? "by SIGKILL" : "it had finished");

    /* the file is intact (SQLite's own check, after WAL recovery) */
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    sqlite3_close(db);

    r = open_repo(path, 0);
    mi_ns *ns = mi_repo_ns(r, "root/cimv2");
    uint32_t found = 0;
    for (uint32_t i = 0; i < CRASH_WRITES; i++) {
        if (!seen[i])
            continue;
        char ks[64];
        snprintf(ks, sizeof ks, "T_Item.Id=\"c%u\"", (unsigned)i);
        assert_int_equal(mi_ns_instance_exists(ns, ks), MI_RESULT_OK);
        found++;
    }
    assert_int_equal(found, acked);
    uint64_t n;
    assert_int_equal(mi_ns_count_instances(ns, NULL, &n), MI_RESULT_OK);
    assert_true(n >= acked && n <= acked + 1); /* at most the one in flight */
    mi_repo_free(r);
}

/* ------------------------------------------------------------------ out of memory */

/* Fails each allocation of the library in turn while opening a file repository,
 * storing an association and looking it up: every step reports OK or
 * SERVER_LIMITS_EXCEEDED with a message, and nothing leaks (ASan). */
static void test_alloc_failures(void **state)
{
    (void)state;
    char path[512];
    path_of(path, sizeof path, "oom.db");
    mi_repo *r = open_repo(path, MI_REPO_CREATE);
    compile_family(r);
    mi_repo_free(r);
    /* the association to store, built against an in-memory copy of the classes */
    mi_repo *mem;
    assert_int_equal(mi_repo_new(&mem), MI_RESULT_OK);
    compile_family(mem);
    mi_ns *mns = mi_repo_ns(mem, "root/family");
    MI_Instance *a, *p = person(mns, "TST_Person", "P"), *c = person(mns, "TST_Person", "C");
    assert_int_equal(mi_instance_new(mi_ns_class(mns, "TST_LabeledLineage"), NULL, NULL, &a),
                     MI_RESULT_OK);
    MI_Value v;
    v.reference = p;
    assert_int_equal(MI_Instance_SetElement(a, "parent", &v, MI_REFERENCE, 0), MI_RESULT_OK);
    v.reference = c;
    assert_int_equal(MI_Instance_SetElement(a, "child", &v, MI_REFERENCE, 0), MI_RESULT_OK);
    mi_buf ks;
    mi_buf_init(&ks, 0);
    assert_int_equal(mi_instance_keystring(a, &ks), MI_RESULT_OK);

    bool all_ok = false;
    for (long k = 1; k < 100000 && !all_ok; k++) {
        mi_buf err;
        mi_buf_init(&err, 0);
        r = NULL;
        mi_alloc_fail_after(k);
        MI_Result r1 = mi_repo_open(path, 0, &r, &err);
        MI_Result r2 = MI_RESULT_FAILED, r3 = MI_RESULT_FAILED;
        /* the namespace lookup (which allocates) is not under test: pause */
        long used = mi_alloc_fail_after(0);
        mi_ns *ns = r ? mi_repo_ns(r, "root/family") : NULL;
        if (k > used)
            mi_alloc_fail_after(k - used);
        collect col;
        col.n = 0;
        if (r1 == MI_RESULT_OK)
            r2 = mi_ns_create_instance(ns, a);
        if (r2 == MI_RESULT_OK)
            r3 = mi_ns_each_reference(ns, p, NULL, NULL, collect_pair, &col);
        mi_alloc_fail_after(0);
        MI_Result rs[] = {r1, r1 == MI_RESULT_OK ? r2 : MI_RESULT_OK,
                          r2 == MI_RESULT_OK ? r3 : MI_RESULT_OK};
        for (int i = 0; i < 3; i++) {
            if (rs[i] != MI_RESULT_OK && rs[i] != MI_RESULT_SERVER_LIMITS_EXCEEDED)
                fail_msg("allocation %ld: step %d gave %d (%s / %s)", k, i, rs[i],
                         mi_buf_str(&err), mi_repo_last_error());
        }
        if (r1 != MI_RESULT_OK) {
            assert_null(r);
            assert_true(err.len > 0);
        }
        if (r3 == MI_RESULT_OK)
            assert_int_equal(col.n, 1);
        all_ok = r3 == MI_RESULT_OK;
        /* a failed create stored nothing; a successful one is undone for the next round */
        if (r1 == MI_RESULT_OK) {
            MI_Result ex = mi_ns_instance_exists(ns, mi_buf_str(&ks));
            assert_int_equal(ex, r2 == MI_RESULT_OK ? MI_RESULT_OK : MI_RESULT_NOT_FOUND);
            if (r2 == MI_RESULT_OK)
                assert_int_equal(mi_ns_delete_instance(ns, mi_buf_str(&ks)), MI_RESULT_OK);
        }
        mi_repo_free(r);
        mi_buf_free(&err);
    }
    assert_true(all_ok);
    mi_buf_free(&ks);
    MI_Instance_Delete(a);
    MI_Instance_Delete(p);
    MI_Instance_Delete(c);
    mi_repo_free(mem);
}

/* ------------------------------------------------------------------ blobs */

static const MI_ClassDecl *lookup_in(void *ctx, const char *name)
{
    return mi_ns_class(ctx, name);
}

static bool encode_first(void *ctx, const MI_Instance *inst)
{
    assert_int_equal(mi_repo_encode_instance(ctx, inst, NULL), 0);
    return false;
}

/* Every truncation and many corruptions of real class and instance blobs are
 * rejected or decoded without reading out of bounds (ASan checks the latter). */
static void test_blob_decoder(void **state)
{
    (void)state;
    mi_repo *r;
    assert_int_equal(mi_repo_new(&r), MI_RESULT_OK);
    compile_family(r);
    mi_ns *ns = mi_repo_ns(r, "root/family");
    mi_buf blob, err;
    mi_buf_init(&blob, 0);
    mi_buf_init(&err, 0);
    const MI_ClassDecl *cd = mi_ns_class(ns, "TST_PersonS");
    assert_int_equal(mi_repo_encode_class(&blob, cd, &err), 0);
    for (int pass = 0; pass < 2; pass++) {
        size_t n = blob.len;
        unsigned char *copy = mi_malloc(n);
        for (size_t cut = 0; cut <= n; cut++) {
            mi_arena a;
            mi_arena_init(&a, 0, 0);
            memcpy(copy, blob.data, n);
            MI_ClassDecl *out;
            MI_Instance *inst;
            MI_Result rc = pass == 0
                ? mi_repo_decode_class(&a, copy, cut, lookup_in, ns, &out, &err)
                : mi_repo_decode_instance(&a, copy, cut, lookup_in, ns, NULL, &inst, &err);
            if (cut < n)
                assert_int_equal(rc, MI_RESULT_FAILED);
            else
                assert_int_equal(rc, MI_RESULT_OK);
            /* flip each byte */
            if (cut < n) {
                copy[cut] ^= 0xa5;
                if (pass == 0)
                    mi_repo_decode_class(&a, copy, n, lookup_in, ns, &out, &err);
                else
                    mi_repo_decode_instance(&a, copy, n, lookup_in, ns, NULL, &inst, &err);
            }
            mi_arena_destroy(&a);
        }
        mi_free(copy);
        if (pass == 0) {
            mi_buf_reset(&blob);
            assert_int_equal(mi_ns_each_instance(ns, mi_ns_class(ns, "TST_Lineage"),
                                                 encode_first, &blob),
                             MI_RESULT_OK);
            assert_true(blob.len > 20);
        }
    }
    mi_buf_free(&blob);
    mi_buf_free(&err);
    mi_repo_free(r);
}

/* Several processes creating the same new repository file at once: every one of them
 * opens it (one creates it, the others wait for the lock and find it made). */
static void test_concurrent_create(void **state)
{
    (void)state;
    char dir[] = "/tmp/mi_repo_conc_XXXXXX";
    assert_non_null(mkdtemp(dir));
    for (int round = 0; round < 10; round++) {
        char path[128];
        pid_t kids[4];
        snprintf(path, sizeof path, "%s/r%d.db", dir, round);
        for (int i = 0; i < 4; i++) {
            kids[i] = fork();
            assert_true(kids[i] >= 0);
            if (kids[i] == 0) {
                mi_repo *r = NULL;
                mi_buf e;
                mi_buf_init(&e, 0);
                if (mi_repo_open(path, MI_REPO_CREATE, &r, &e) != MI_RESULT_OK) {
                    fprintf(stderr, "concurrent create: %s\n", mi_buf_str(&e));
                    _exit(1);
                }
                mi_repo_free(r);
                _exit(0);
            }
        }
        for (int i = 0; i < 4; i++) {
            int st = 0;
            assert_int_equal(waitpid(kids[i], &st, 0), kids[i]);
            assert_true(WIFEXITED(st));
            assert_int_equal(WEXITSTATUS(st), 0);
        }
        char f[160];
        snprintf(f, sizeof f, "%s-wal", path);
        unlink(f);
        snprintf(f, sizeof f, "%s-shm", path);
        unlink(f);
        unlink(path);
    }
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_roundtrip),
        cmocka_unit_test(test_instances),
        cmocka_unit_test(test_instances_memory),
        cmocka_unit_test(test_each_file),
        cmocka_unit_test(test_family_file),
        cmocka_unit_test(test_family_memory),
        cmocka_unit_test(test_providers_and_tx),
        cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_bad_instance_blob),
        cmocka_unit_test(test_default_path),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_crash),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_blob_decoder),
        cmocka_unit_test(test_concurrent_create),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
