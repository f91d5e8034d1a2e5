/* The whole DMTF CIM Schema 2.49.0 compiled from shared/data: counts (the association
 * count checked against an independent scan of the class files), inheritance chains,
 * association roles, qualifier flavours, overrides, embedded instances and the
 * resolution of every superclass and REF. */
#include <dirent.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/stat.h>

#include "mof_test.h"

#include "base/str.h"
#include "cim/cim.h"

static mi_repo *repo;
static mi_ns *ns;
static mi_mof_stats stats;

static int setup(void **state)
{
    (void)state;
    static diags dg;
    if (mi_repo_new(&repo) != MI_RESULT_OK)
        return -1;
    dg.print = 1;
    mi_mof_options o = diag_options(&dg);
    MI_Result rc = mi_mof_compile_file(repo, SCHEMA_DIR "/cim_schema_2.49.0.mof", &o, &stats);
    if (rc != MI_RESULT_OK || dg.errors)
        return -1;
    ns = mi_repo_ns(repo, "root/cimv2");
    return ns ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    mi_repo_free(repo);
    return 0;
}

static const MI_ClassDecl *cls(const char *name)
{
    const MI_ClassDecl *cd = mi_ns_class(ns, name);
    if (!cd)
        printf("  class %s missing\n", name);
    assert_non_null(cd);
    return cd;
}

static const MI_PropertyDecl *prop(const MI_ClassDecl *cd, const char *name)
{
    const MI_PropertyDecl *pd = mi_classdecl_property(cd, name, NULL);
    assert_non_null(pd);
    return pd;
}

static const MI_Qualifier *qual(MI_Qualifier MI_CONST *MI_CONST *q, MI_Uint32 n,
                                const char *name)
{
    const MI_Qualifier *x = mi_qualifier_find(q, n, name);
    if (!x)
        printf("  qualifier %s missing\n", name);
    assert_non_null(x);
    return x;
}

/* ------------------------------------------------------------------ independent scan */

/* Reads a whole file (malloc'd, NUL-terminated). */
static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, fp) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s)
        s[n] = '\0';
    fclose(fp);
    return s;
}

/* True if the qualifier list in front of the first class declaration of a MOF text
 * holds the Association qualifier (not set to FALSE). Comments, strings and
 * parenthesised values are skipped; only names directly inside the top-level [...]
 * count. */
static bool class_is_association(const char *s)
{
    int bracket = 0, paren = 0;
    bool found = false;
    for (const char *p = s; *p; p++) {
        if (p[0] == '/' && p[1] == '/') {
            while (*p && *p != '\n')
                p++;
            if (!*p)
                break;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            if (!e)
                break;
            p = e + 1;
        } else if (*p == '"') {
            for (p++; *p && *p != '"'; p++) {
                if (*p == '\\' && p[1])
                    p++;
            }
            if (!*p)
                break;
        } else if (*p == '[') {
            bracket++;
        } else if (*p == ']') {
            bracket--;
        } else if (*p == '(') {
            paren++;
        } else if (*p == ')') {
            paren--;
        } else if (*p == '{' && bracket == 0) {
            break; /* class body reached */
        } else if ((*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) &&
                   (p == s || !(p[-1] == '_' || (p[-1] >= 'A' && p[-1] <= 'Z') ||
                                (p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= '0' && p[-1] <= '9')))) {
            const char *e = p;
            while (*e == '_' || (*e >= 'A' && *e <= 'Z') || (*e >= 'a' && *e <= 'z') ||
                   (*e >= '0' && *e <= '9'))
                e++;
            if (bracket == 1 && paren == 0 && e - p == 11 && strncasecmp(p, "Association", 11) == 0) {
                const char *q = e;
                while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
                    q++;
                bool is_false = false;
                if (*q == '(') {
                    q++;
                    while (*q == ' ')
                        q++;
                    is_false = strncasecmp(q, "false", 5) == 0;
                }
                if (!is_false)
                    found = true;
            }
            p = e - 1;
        }
    }
    return found;
}

/* Walks the schema folder (recursively): counts class files (all .mof files except the
 * top-level file and the two qualifier files) and those declaring an association. */
static void scan_dir(const char *dir, unsigned *files, unsigned *assocs)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        struct stat st;
        assert_int_equal(stat(path, &st), 0);
        if (S_ISDIR(st.st_mode)) {
            scan_dir(path, files, assocs);
            continue;
        }
        size_t n = strlen(de->d_name);
        if (n < 4 || strcmp(de->d_name + n - 4, ".mof") != 0)
            continue;
        if (strcmp(dir, SCHEMA_DIR) == 0)
            continue; /* cim_schema_2.49.0.mof, qualifiers*.mof */
        char *text = slurp(path);
        assert_non_null(text);
        (*files)++;
        if (class_is_association(text))
            (*assocs)++;
        free(text);
    }
    closedir(d);
}

/* ------------------------------------------------------------------ tests */

static void test_counts(void **state)
{
    (void)state;
    assert_int_equal(stats.classes, 1631);
    assert_int_equal(stats.qualifiers, 70);
    assert_int_equal(stats.instances, 0);
    assert_int_equal(stats.errors, 0);
    assert_int_equal(mi_ns_class_count(ns), 1631);
    assert_int_equal(mi_ns_qualifier_count(ns), 70);
    assert_int_equal(mi_ns_instance_count(ns), 0);
    assert_int_equal(mi_repo_ns_count(repo), 1);

    unsigned files = 0, assocs = 0;
    scan_dir(SCHEMA_DIR, &files, &assocs);
    assert_int_equal(files, 1631);
    assert_int_equal(assocs, 643); /* data README: 643 Association classes */
    assert_int_equal(mi_ns_association_count(ns), assocs);
    size_t flagged = 0, roots = 0;
    for (size_t i = 0; i < mi_ns_class_count(ns); i++) {
        const MI_ClassDecl *cd = mi_ns_class_at(ns, i);
        flagged += (cd->flags & MI_FLAG_ASSOCIATION) != 0;
        roots += cd->superClass == NULL;
    }
    assert_int_equal(flagged, assocs);
    assert_int_equal(roots, 111); /* data README: 111 classes without a superclass */
}

static void test_superclass_chain(void **state)
{
    (void)state;
    const char *chain[] = {"CIM_ComputerSystem", "CIM_System", "CIM_AllocatedLogicalElement",
                           "CIM_EnabledLogicalElement", "CIM_LogicalElement",
                           "CIM_ManagedSystemElement", "CIM_ManagedElement"};
    const MI_ClassDecl *cd = cls("cim_computersystem");
    for (size_t i = 0; i < sizeof chain / sizeof chain[0]; i++) {
        assert_non_null(cd);
        assert_string_equal(cd->name, chain[i]);
        if (i + 1 < sizeof chain / sizeof chain[0])
            assert_string_equal(cd->superClass, chain[i + 1]);
        cd = cd->superClassDecl;
    }
    assert_null(cd);
    assert_true(mi_classdecl_is_a(cls("CIM_ComputerSystem"), "CIM_ManagedElement"));
}

static void test_system_device_roles(void **state)
{
    (void)state;
    const MI_ClassDecl *sd = cls("CIM_SystemDevice");
    assert_true(sd->flags & MI_FLAG_ASSOCIATION);
    assert_string_equal(sd->superClass, "CIM_SystemComponent");
    size_t n;
    const MI_PropertyDecl *const *roles = mi_ns_class_roles(ns, sd, &n);
    assert_int_equal(n, 2);
    assert_string_equal(roles[0]->name, "GroupComponent");
    assert_string_equal(roles[0]->className, "CIM_System");
    assert_string_equal(roles[1]->name, "PartComponent");
    assert_string_equal(roles[1]->className, "CIM_LogicalDevice");
    /* both keys, inherited from CIM_Component, narrowed by the overrides */
    assert_true(roles[0]->flags & MI_FLAG_KEY);
    assert_true(roles[1]->flags & MI_FLAG_KEY);
    assert_string_equal(roles[0]->origin, "CIM_Component");
    assert_string_equal(roles[0]->propagator, "CIM_SystemDevice");
    const MI_PropertyDecl *gc_parent = prop(cls("CIM_Component"), "GroupComponent");
    assert_string_equal(gc_parent->className, "CIM_ManagedElement");
    /* qualifiers of the override: Aggregate, Override, Min/Max + propagated Key */
    const MI_Qualifier *ov = qual(roles[0]->qualifiers, roles[0]->numQualifiers, "Override");
    assert_string_equal(*(const char *const *)ov->value, "GroupComponent");
    assert_int_equal(ov->flavor, MI_FLAG_ENABLEOVERRIDE | MI_FLAG_RESTRICTED);
    const MI_Qualifier *mx = qual(roles[0]->qualifiers, roles[0]->numQualifiers, "Max");
    assert_int_equal(mx->type, MI_UINT32);
    assert_int_equal(*(const MI_Uint32 *)mx->value, 1);
    const MI_Qualifier *key = qual(roles[0]->qualifiers, roles[0]->numQualifiers, "Key");
    assert_int_equal(key->flavor, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS);
    const MI_Qualifier *as = qual(sd->qualifiers, sd->numQualifiers, "Association");
    assert_int_equal(as->flavor, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS);
    const MI_Qualifier *ver = qual(sd->qualifiers, sd->numQualifiers, "Version");
    assert_string_equal(*(const char *const *)ver->value, "2.10.0");
}

static void test_qualifier_flavors(void **state)
{
    (void)state;
    const MI_QualifierDecl *kd = mi_ns_qualifier(ns, "Key");
    assert_non_null(kd);
    assert_int_equal(kd->type, MI_BOOLEAN);
    assert_int_equal(kd->scope, MI_FLAG_PROPERTY | MI_FLAG_REFERENCE);
    assert_int_equal(kd->flavor, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS);
    assert_int_equal(*(const MI_Boolean *)kd->value, 0);
    const MI_QualifierDecl *desc = mi_ns_qualifier(ns, "description");
    assert_int_equal(desc->scope, MI_FLAG_ANY);
    assert_int_equal(desc->flavor,
                     MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS | MI_FLAG_TRANSLATABLE);
    assert_null(desc->value);
    const MI_QualifierDecl *ei = mi_ns_qualifier(ns, "EmbeddedInstance");
    assert_int_equal(ei->flavor, MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS); /* defaults */
    const MI_QualifierDecl *vm = mi_ns_qualifier(ns, "ValueMap");
    assert_int_equal(vm->type, MI_STRINGA);
    assert_int_equal(mi_ns_qualifier(ns, "MaxValue")->type, MI_SINT64);
    assert_string_equal(*(const char *const *)mi_ns_qualifier(ns, "ArrayType")->value, "Bag");
    assert_non_null(mi_ns_qualifier(ns, "UnknownValues")); /* qualifiers_optional.mof */

    /* CIM_ManagedElement: Abstract (Restricted), keyless InstanceID */
    const MI_ClassDecl *me = cls("CIM_ManagedElement");
    assert_true(me->flags & MI_FLAG_ABSTRACT);
    const MI_Qualifier *ab = qual(me->qualifiers, me->numQualifiers, "Abstract");
    assert_int_equal(ab->flavor, MI_FLAG_ENABLEOVERRIDE | MI_FLAG_RESTRICTED);
    assert_string_equal(*(const char *const *)qual(me->qualifiers, me->numQualifiers,
                                                    "Version")->value, "2.45.0");
    const MI_PropertyDecl *iid = prop(me, "InstanceID");
    assert_false(iid->flags & MI_FLAG_KEY);
    assert_null(mi_qualifier_find(iid->qualifiers, iid->numQualifiers, "Key"));
    const MI_ClassDecl *cs = cls("CIM_ComputerSystem");
    assert_false(cs->flags & MI_FLAG_ABSTRACT);
    assert_null(mi_qualifier_find(cs->qualifiers, cs->numQualifiers, "Abstract"));

    /* ValueMap / Values arrays of CIM_ManagedSystemElement.OperationalStatus */
    const MI_PropertyDecl *os = prop(cs, "OperationalStatus");
    assert_int_equal(os->type, MI_UINT16A);
    assert_string_equal(os->origin, "CIM_ManagedSystemElement");
    const MI_ConstStringA *vmap =
        qual(os->qualifiers, os->numQualifiers, "ValueMap")->value;
    const MI_ConstStringA *vals = qual(os->qualifiers, os->numQualifiers, "Values")->value;
    assert_int_equal(vmap->size, 22);
    assert_int_equal(vals->size, vmap->size);
    assert_string_equal(vmap->data[0], "0");
    assert_string_equal(vmap->data[21], "0x8000..");
    assert_string_equal(vals->data[2], "OK");
    assert_string_equal(vals->data[21], "Vendor Reserved");
    assert_string_equal(*(const char *const *)qual(os->qualifiers, os->numQualifiers,
                                                    "ArrayType")->value, "Indexed");
    assert_int_equal(qual(os->qualifiers, os->numQualifiers, "Values")->flavor,
                     MI_FLAG_ENABLEOVERRIDE | MI_FLAG_TOSUBCLASS | MI_FLAG_TRANSLATABLE);

    /* Description text: adjacent literals concatenated, escapes decoded */
    const char *d = *(const char *const *)qual(me->qualifiers, me->numQualifiers,
                                                "Description")->value;
    assert_string_equal(d, "ManagedElement is an abstract class that provides a common "
                           "superclass (or top of the inheritance tree) for the "
                           "non-association classes in the CIM Schema.");
    const char *idd = *(const char *const *)qual(iid->qualifiers, iid->numQualifiers,
                                                  "Description")->value;
    assert_non_null(strstr(idd, "below.\nTo ensure uniqueness within the NameSpace"));
    assert_non_null(strstr(idd, "following \"preferred\" algorithm"));
}

static void test_override_origin_propagator(void **state)
{
    (void)state;
    /* Name: declared by CIM_ManagedSystemElement, overridden (and made a key) by
     * CIM_System, inherited unchanged by CIM_ComputerSystem (read in the MOF files) */
    const MI_ClassDecl *mse = cls("CIM_ManagedSystemElement");
    const MI_PropertyDecl *n0 = prop(mse, "Name");
    assert_string_equal(n0->origin, "CIM_ManagedSystemElement");
    assert_string_equal(n0->propagator, "CIM_ManagedSystemElement");
    assert_false(n0->flags & MI_FLAG_KEY);
    const MI_PropertyDecl *n1 = prop(cls("CIM_System"), "Name");
    assert_string_equal(n1->origin, "CIM_ManagedSystemElement");
    assert_string_equal(n1->propagator, "CIM_System");
    assert_true(n1->flags & MI_FLAG_KEY);
    assert_non_null(mi_qualifier_find(n1->qualifiers, n1->numQualifiers, "Override"));
    const MI_ClassDecl *cs = cls("CIM_ComputerSystem");
    const MI_PropertyDecl *n2 = prop(cs, "Name");
    assert_string_equal(n2->origin, "CIM_ManagedSystemElement");
    assert_string_equal(n2->propagator, "CIM_System");
    assert_true(n2->flags & MI_FLAG_KEY);
    assert_non_null(mi_qualifier_find(n2->qualifiers, n2->numQualifiers, "Key"));
    assert_null(mi_qualifier_find(n2->qualifiers, n2->numQualifiers, "Override"));
    const char *nd = *(const char *const *)qual(n2->qualifiers, n2->numQualifiers,
                                                 "Description")->value;
    assert_string_equal(nd, "The inherited Name serves as the key of a System instance in "
                            "an enterprise environment.");
    assert_int_equal(*(const MI_Uint32 *)qual(n2->qualifiers, n2->numQualifiers,
                                              "MaxLen")->value, 256);
    /* same slot and offset all along the chain */
    MI_Uint32 i0, i2;
    mi_classdecl_property(mse, "Name", &i0);
    mi_classdecl_property(cs, "Name", &i2);
    assert_int_equal(i0, i2);
    assert_int_equal(n0->offset, n2->offset);
    /* NameFormat: declared by CIM_System, overridden by CIM_ComputerSystem */
    const MI_PropertyDecl *nf = prop(cs, "NameFormat");
    assert_string_equal(nf->origin, "CIM_System");
    assert_string_equal(nf->propagator, "CIM_ComputerSystem");
    const MI_Qualifier *ov = qual(nf->qualifiers, nf->numQualifiers, "Override");
    assert_string_equal(*(const char *const *)ov->value, "NameFormat");
    const MI_ConstStringA *vm = qual(nf->qualifiers, nf->numQualifiers, "ValueMap")->value;
    assert_string_equal(vm->data[0], "Other");
    assert_string_equal(vm->data[1], "IP");
    /* the keys of CIM_ComputerSystem */
    unsigned keys = 0;
    for (MI_Uint32 i = 0; i < cs->numProperties; i++)
        keys += (cs->properties[i]->flags & MI_FLAG_KEY) != 0;
    assert_int_equal(keys, 2); /* CreationClassName, Name */
    assert_true(prop(cs, "CreationClassName")->flags & MI_FLAG_KEY);
    /* subclasses that do not override NameFormat: propagator stays, Override dropped */
    size_t nsub;
    const MI_ClassDecl *const *subs = mi_ns_subclasses(ns, cs, &nsub);
    assert_int_equal(nsub, 3); /* Unitary, Cluster, Virtual (grep of the class files) */
    unsigned checked = 0;
    for (size_t i = 0; i < nsub; i++) {
        const MI_PropertyDecl *n3 = prop(subs[i], "NameFormat");
        assert_ptr_equal(subs[i]->superClassDecl, cs);
        if (strcmp(n3->propagator, "CIM_ComputerSystem") != 0)
            continue;
        assert_string_equal(n3->origin, "CIM_System");
        assert_null(mi_qualifier_find(n3->qualifiers, n3->numQualifiers, "Override"));
        assert_non_null(mi_qualifier_find(n3->qualifiers, n3->numQualifiers, "ValueMap"));
        checked++;
    }
    assert_true(checked > 0);
    /* a method: CIM_EnabledLogicalElement.RequestStateChange inherited */
    const MI_MethodDecl *rsc = mi_classdecl_method(cs, "RequestStateChange", NULL);
    assert_non_null(rsc);
    assert_string_equal(rsc->origin, "CIM_EnabledLogicalElement");
    assert_string_equal(rsc->parameters[0]->name, "MIReturn");
    assert_int_equal(rsc->returnType, MI_UINT32);
}

static void test_embedded_instances(void **state)
{
    (void)state;
    const MI_PropertyDecl *as = prop(cls("CIM_ComputerSystem"), "AllocationState");
    assert_int_equal(as->type, MI_INSTANCE);
    assert_string_equal(as->className, "CIM_SettingData");
    assert_string_equal(as->origin, "CIM_AllocatedLogicalElement");
    assert_non_null(qual(as->qualifiers, as->numQualifiers, "EmbeddedInstance"));
    const MI_PropertyDecl *ld = prop(cls("CIM_LogicalDevice"), "AllocationState");
    assert_string_equal(ld->className, "CIM_ResourceAllocationSettingData");
    const MI_PropertyDecl *cset = prop(cls("CIM_SettingData"), "ComponentSetting");
    assert_int_equal(cset->type, MI_INSTANCEA);
    assert_null(cset->className); /* EmbeddedObject */
    const MI_MethodDecl *ge = mi_classdecl_method(cls("CIM_ConcreteJob"), "GetError", NULL);
    assert_non_null(ge);
    assert_int_equal(ge->numParameters, 2);
    assert_string_equal(ge->parameters[0]->name, "MIReturn");
    assert_int_equal(ge->parameters[0]->flags, MI_FLAG_PARAMETER | MI_FLAG_OUT);
    assert_string_equal(ge->parameters[1]->name, "Error");
    assert_int_equal(ge->parameters[1]->type, MI_INSTANCE);
    assert_string_equal(ge->parameters[1]->className, "CIM_Error");
    assert_int_equal(ge->parameters[1]->flags, MI_FLAG_PARAMETER | MI_FLAG_OUT);
    const MI_ClassDecl *err = cls("CIM_Error");
    assert_true(err->flags & MI_FLAG_INDICATION);
    assert_non_null(qual(err->qualifiers, err->numQualifiers, "Exception"));
}

static bool count_class(void *ctx, const MI_ClassDecl *cd)
{
    size_t *n = ctx;
    (*n)++;
    return cd != NULL;
}

static void test_everything_resolves(void **state)
{
    (void)state;
    size_t refs = 0, embedded = 0;
    for (size_t i = 0; i < mi_ns_class_count(ns); i++) {
        const MI_ClassDecl *cd = mi_ns_class_at(ns, i);
        assert_int_equal(cd->code, mi_name_code(cd->name));
        assert_true(cd->flags & MI_FLAG_CLASS);
        if (cd->superClass) {
            assert_ptr_equal(mi_ns_class(ns, cd->superClass), cd->superClassDecl);
            assert_true(cd->numProperties >= cd->superClassDecl->numProperties);
            assert_true(cd->size >= cd->superClassDecl->size);
        } else {
            assert_null(cd->superClassDecl);
        }
        for (MI_Uint32 k = 0; k < cd->numProperties; k++) {
            const MI_PropertyDecl *pd = cd->properties[k];
            assert_true(pd->flags & MI_FLAG_PROPERTY);
            assert_true(pd->offset + mi_field_size((MI_Type)pd->type) <= cd->size);
            assert_non_null(mi_ns_class(ns, pd->origin));
            assert_non_null(mi_ns_class(ns, pd->propagator));
            if (pd->type == MI_REFERENCE || ((pd->type & ~MI_ARRAY) == MI_INSTANCE && pd->className)) {
                if (!mi_ns_class(ns, pd->className))
                    printf("  %s.%s: %s unresolved\n", cd->name, pd->name, pd->className);
                assert_non_null(mi_ns_class(ns, pd->className));
                refs += pd->type == MI_REFERENCE;
                embedded += pd->type != MI_REFERENCE;
            }
        }
        for (MI_Uint32 m = 0; m < cd->numMethods; m++) {
            const MI_MethodDecl *md = cd->methods[m];
            assert_true(md->flags & MI_FLAG_METHOD);
            for (MI_Uint32 k = 0; k < md->numParameters; k++) {
                const MI_ParameterDecl *p = md->parameters[k];
                if ((p->type & ~MI_ARRAY) == MI_REFERENCE ||
                    ((p->type & ~MI_ARRAY) == MI_INSTANCE && p->className))
                    assert_non_null(mi_ns_class(ns, p->className));
            }
        }
        if (cd->flags & MI_FLAG_ASSOCIATION) {
            size_t nroles;
            mi_ns_class_roles(ns, cd, &nroles);
            assert_true(nroles >= 2);
        }
    }
    assert_true(refs > 1000);
    assert_true(embedded > 10);
    /* the subclass walk from the root of most classes visits each class once */
    size_t all = 0;
    for (size_t i = 0; i < mi_ns_class_count(ns); i++) {
        const MI_ClassDecl *cd = mi_ns_class_at(ns, i);
        if (!cd->superClass)
            assert_true(mi_ns_walk_subclasses(ns, cd, count_class, &all));
    }
    assert_int_equal(all, 1631);
}

static void test_recompile_is_all_or_nothing(void **state)
{
    (void)state;
    diags dg = {0};
    mi_mof_options o = diag_options(&dg);
    mi_mof_stats st;
    MI_Result rc = mi_mof_compile_file(repo, SCHEMA_DIR "/cim_schema_2.49.0.mof", &o, &st);
    assert_int_equal(rc, MI_RESULT_ALREADY_EXISTS);
    assert_int_equal(st.errors, 25); /* default max_errors */
    assert_int_equal(st.classes, 0);
    /* identical qualifier declarations are ignored silently */
    assert_int_equal(dg.warnings, 0);
    const diag_rec *e = first_error(&dg);
    assert_true(e && strstr(e->file, "Core/CIM_ManagedElement.mof") != NULL);
    assert_int_equal(e->line, 8);
    assert_int_equal(e->col, 7);
    assert_int_equal(mi_ns_class_count(ns), 1631);
    assert_int_equal(mi_ns_qualifier_count(ns), 70);
}

/* Product MOFs written against older schema releases compile on top of 2.49 (their
 * redefinitions without Override are warnings). Runs last: it adds classes. */
static void test_products_on_top(void **state)
{
    (void)state;
    diags dg = {0};
    mi_mof_options o = diag_options(&dg);
    mi_mof_stats st;
    const char *scx[] = {DATA_DIR "/mof-extra/scx/source/code/mof/scx.mof"};
    assert_int_equal(mi_mof_compile_files(repo, scx, 1, &o, &st), MI_RESULT_OK);
    assert_int_equal(st.classes, 21);
    assert_true(dg.warnings > 0);
    assert_true(err_has(&dg.d[0], "without the Override qualifier"));
    const MI_ClassDecl *up = mi_ns_class(ns, "SCX_UnixProcess");
    assert_non_null(up);
    assert_string_equal(up->superClass, "CIM_UnixProcess");
    diags_reset(&dg);
    const char *sblim[] = {DATA_DIR "/mof-extra/sblim-cmpi-base/mof/Linux_Base.mof",
                           DATA_DIR "/mof-extra/sblim-cmpi-base/mof/Linux_BaseIndication.mof"};
    assert_int_equal(mi_mof_compile_files(repo, sblim, 2, &o, &st), MI_RESULT_OK);
    assert_int_equal(st.classes, 12);
    const MI_ClassDecl *osp = mi_ns_class(ns, "Linux_OSProcess");
    assert_non_null(osp);
    assert_true(osp->flags & MI_FLAG_ASSOCIATION);
    assert_true(mi_classdecl_is_a(osp, "CIM_OSProcess"));
    assert_int_equal(mi_ns_class_count(ns), 1631 + 21 + 12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_superclass_chain),
        cmocka_unit_test(test_system_device_roles),
        cmocka_unit_test(test_qualifier_flavors),
        cmocka_unit_test(test_override_origin_propagator),
        cmocka_unit_test(test_embedded_instances),
        cmocka_unit_test(test_everything_resolves),
        cmocka_unit_test(test_recompile_is_all_or_nothing),
        cmocka_unit_test(test_products_on_top),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
