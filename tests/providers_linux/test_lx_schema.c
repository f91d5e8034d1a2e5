/* test_lx_schema.c - the project's own MOF (schema/): it compiles alone without a
 * diagnostic, schema/linux compiles on top of the full DMTF schema without one, and
 * every class, property, key, reference class, superclass and qualifier declaration
 * of schema/cim is the DMTF schema's, so generic CIM clients find what they expect. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "cim/cim.h"
#include "mof/mof.h"
#include "repo/repo.h"

#define DMTF MI_SHARED_DIR "/data/cim-schema/2.49.0/cim_schema_2.49.0.mof"
#define OWN MI_SCHEMA_DIR "/libmi.mof"
#define OWN_CIM MI_SCHEMA_DIR "/cim/cim.mof"
#define OWN_LINUX MI_SCHEMA_DIR "/linux/linux.mof"

typedef struct diag_count {
    unsigned errors, warnings;
} diag_count;

static void on_diag(void *ctx, const mi_mof_diag *d)
{
    diag_count *c = ctx;

    if (d->severity == MI_MOF_ERROR)
        c->errors++;
    else
        c->warnings++;
    print_message("%s:%u:%u: %s: %s\n", d->file, d->line, d->column,
                  d->severity == MI_MOF_ERROR ? "error" : "warning", d->message);
}

/* Compiles files into a new repository; fails the test on any diagnostic. */
static mi_repo *compile(const char *const *files, size_t n)
{
    mi_repo *repo = NULL;
    diag_count c = {0, 0};
    mi_mof_options opt;
    mi_mof_stats st;

    memset(&opt, 0, sizeof opt);
    opt.diag = on_diag;
    opt.diag_ctx = &c;
    assert_int_equal(mi_repo_new(&repo), MI_RESULT_OK);
    assert_int_equal(mi_mof_compile_files(repo, files, n, &opt, &st), MI_RESULT_OK);
    assert_int_equal(c.errors, 0);
    assert_int_equal(c.warnings, 0);
    assert_int_equal(st.warnings, 0);
    return repo;
}

static const char *const linux_classes[] = {
    "Linux_ComputerSystem", "Linux_OperatingSystem", "Linux_UnixProcess",
    "Linux_Processor", "Linux_Memory", "Linux_DiskDrive", "Linux_StorageExtent",
    "Linux_EthernetPort", "Linux_NetworkPort", "Linux_LocalFileSystem",
    "Linux_IPProtocolEndpoint", "Linux_RunningOS", "Linux_OSProcess",
    "Linux_ParentChildProcess", "Linux_SystemDevice", "Linux_HostedFileSystem",
    "Linux_HostedIPProtocolEndpoint", "Linux_PortImplementsEndpoint",
};
#define N_LINUX (sizeof linux_classes / sizeof linux_classes[0])

static void test_own_schema_compiles_alone(void **state)
{
    const char *files[] = {OWN};
    mi_repo *repo = compile(files, 1);
    mi_ns *ns = mi_repo_ns(repo, "root/cimv2");
    const MI_ClassDecl *cd;

    (void)state;
    assert_non_null(ns);
    for (size_t i = 0; i < N_LINUX; i++) {
        cd = mi_ns_class(ns, linux_classes[i]);
        if (cd == NULL)
            fail_msg("class %s missing", linux_classes[i]);
    }
    /* The method of Linux_UnixProcess: uint32 SendSignal([In] uint32 Signal). */
    cd = mi_ns_class(ns, "Linux_UnixProcess");
    {
        const MI_MethodDecl *md = mi_classdecl_method(cd, "SendSignal", NULL);
        assert_non_null(md);
        assert_int_equal(md->returnType, MI_UINT32);
        assert_int_equal(md->numParameters, 2); /* MIReturn, Signal */
        assert_string_equal(md->parameters[1]->name, "Signal");
        assert_int_equal(md->parameters[1]->type, MI_UINT32);
        assert_true(md->parameters[1]->flags & MI_FLAG_IN);
    }
    /* The parent/child association: two keys referencing Linux_UnixProcess. */
    cd = mi_ns_class(ns, "Linux_ParentChildProcess");
    assert_true(cd->flags & MI_FLAG_ASSOCIATION);
    assert_int_equal(cd->numProperties, 2);
    for (MI_Uint32 i = 0; i < 2; i++) {
        assert_int_equal(cd->properties[i]->type, MI_REFERENCE);
        assert_true(cd->properties[i]->flags & MI_FLAG_KEY);
        assert_string_equal(cd->properties[i]->className, "Linux_UnixProcess");
    }
    mi_repo_free(repo);
}

static void test_linux_on_dmtf(void **state)
{
    const char *files[] = {DMTF, OWN_LINUX};
    mi_repo *repo = compile(files, 2);
    mi_ns *ns = mi_repo_ns(repo, "root/cimv2");

    (void)state;
    for (size_t i = 0; i < N_LINUX; i++)
        assert_non_null(mi_ns_class(ns, linux_classes[i]));
    mi_repo_free(repo);
}

static bool is_key(const MI_PropertyDecl *pd)
{
    return (pd->flags & MI_FLAG_KEY) != 0;
}

/* Every class of schema/cim against the DMTF declaration of the same name. */
static void test_cim_subset_matches_dmtf(void **state)
{
    const char *own_files[] = {OWN_CIM};
    const char *dmtf_files[] = {DMTF};
    mi_repo *own = compile(own_files, 1);
    mi_repo *dmtf = compile(dmtf_files, 1);
    mi_ns *ons = mi_repo_ns(own, "root/cimv2");
    mi_ns *dns = mi_repo_ns(dmtf, "root/cimv2");
    size_t n = mi_ns_class_count(ons);
    unsigned mismatches = 0;

    (void)state;
    assert_true(n >= 30);
    for (size_t i = 0; i < n; i++) {
        const MI_ClassDecl *oc = mi_ns_class_at(ons, i);
        const MI_ClassDecl *dc = mi_ns_class(dns, oc->name);
        const MI_Uint32 kinds = MI_FLAG_ASSOCIATION | MI_FLAG_ABSTRACT | MI_FLAG_INDICATION;
        if (dc == NULL) {
            print_message("class %s is not in the DMTF schema\n", oc->name);
            mismatches++;
            continue;
        }
        assert_string_equal(oc->name, dc->name); /* same spelling */
        if ((oc->superClass == NULL) != (dc->superClass == NULL) ||
            (oc->superClass != NULL && strcmp(oc->superClass, dc->superClass) != 0)) {
            print_message("%s: superclass differs\n", oc->name);
            mismatches++;
        }
        if ((oc->flags & kinds) != (dc->flags & kinds)) {
            print_message("%s: Association/Abstract/Indication differ\n", oc->name);
            mismatches++;
        }
        for (MI_Uint32 p = 0; p < oc->numProperties; p++) {
            const MI_PropertyDecl *op = oc->properties[p];
            const MI_PropertyDecl *dp = mi_classdecl_property(dc, op->name, NULL);
            if (dp == NULL) {
                print_message("%s.%s is not in the DMTF schema\n", oc->name, op->name);
                mismatches++;
                continue;
            }
            if (strcmp(op->name, dp->name) != 0 || op->type != dp->type ||
                is_key(op) != is_key(dp) || strcasecmp(op->origin, dp->origin) != 0 ||
                ((op->className == NULL) != (dp->className == NULL)) ||
                (op->className != NULL && strcmp(op->className, dp->className) != 0)) {
                print_message("%s.%s differs (type, key, origin or class)\n", oc->name,
                              op->name);
                mismatches++;
            }
        }
        /* Every DMTF key is declared too. */
        for (MI_Uint32 p = 0; p < dc->numProperties; p++)
            if (is_key(dc->properties[p]) &&
                mi_classdecl_property(oc, dc->properties[p]->name, NULL) == NULL) {
                print_message("%s: key %s missing\n", oc->name, dc->properties[p]->name);
                mismatches++;
            }
    }
    /* Qualifier declarations: same type, scope and flavor. */
    for (size_t i = 0; i < mi_ns_qualifier_count(ons); i++) {
        const MI_QualifierDecl *oq = mi_ns_qualifier_at(ons, i);
        const MI_QualifierDecl *dq = mi_ns_qualifier(dns, oq->name);
        if (dq == NULL || oq->type != dq->type || oq->scope != dq->scope ||
            oq->flavor != dq->flavor) {
            print_message("qualifier %s differs from DMTF's\n", oq->name);
            mismatches++;
        }
    }
    assert_int_equal(mismatches, 0);
    mi_repo_free(own);
    mi_repo_free(dmtf);
}

/* The Linux_ classes have the same properties, keys and types whichever base they
 * were compiled over (the subset or the full schema), for every property the subset
 * declares. */
static void test_linux_same_shape_on_both(void **state)
{
    const char *own_files[] = {OWN};
    const char *dmtf_files[] = {DMTF, OWN_LINUX};
    mi_repo *own = compile(own_files, 1);
    mi_repo *dmtf = compile(dmtf_files, 2);
    mi_ns *ons = mi_repo_ns(own, "root/cimv2");
    mi_ns *dns = mi_repo_ns(dmtf, "root/cimv2");

    (void)state;
    for (size_t i = 0; i < N_LINUX; i++) {
        const MI_ClassDecl *oc = mi_ns_class(ons, linux_classes[i]);
        const MI_ClassDecl *dc = mi_ns_class(dns, linux_classes[i]);
        unsigned okeys = 0, dkeys = 0;
        assert_non_null(oc);
        assert_non_null(dc);
        assert_string_equal(oc->superClass == NULL ? "" : oc->superClass,
                            dc->superClass == NULL ? "" : dc->superClass);
        for (MI_Uint32 p = 0; p < oc->numProperties; p++) {
            const MI_PropertyDecl *dp = mi_classdecl_property(dc, oc->properties[p]->name, NULL);
            assert_non_null(dp);
            assert_int_equal(dp->type, oc->properties[p]->type);
            okeys += is_key(oc->properties[p]);
        }
        for (MI_Uint32 p = 0; p < dc->numProperties; p++)
            dkeys += is_key(dc->properties[p]);
        assert_int_equal(okeys, dkeys);
    }
    mi_repo_free(own);
    mi_repo_free(dmtf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_own_schema_compiles_alone),
        cmocka_unit_test(test_linux_on_dmtf),
        cmocka_unit_test(test_cim_subset_matches_dmtf),
        cmocka_unit_test(test_linux_same_shape_on_both),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
