/* test_client_app.c - the client API as far as it exists: MI_Application_Initialize /
 * Close, NewInstance (dynamic, schema-bound, parameter sets), NewClass,
 * NewInstanceFromClass, the utilities, and the NOT_SUPPORTED paths (NewSession and the
 * result contract of session operations). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <mi.h>

#include "base/alloc.h"
#include "base/str.h"
#include "cim/cim.h"

/* ---------------------------------------------------------------- fixtures */

/* class Test_Widget { [Key] string Name; uint32 Count; }; laid out at run time. */
static MI_PropertyDecl widget_name = {
    MI_FLAG_PROPERTY | MI_FLAG_KEY, 0, "Name", NULL, 0, MI_STRING, NULL, 0, 0,
    "Test_Widget", "Test_Widget", NULL};
static MI_PropertyDecl widget_count = {
    MI_FLAG_PROPERTY, 0, "Count", NULL, 0, MI_UINT32, NULL, 0, 0,
    "Test_Widget", "Test_Widget", NULL};
static const MI_PropertyDecl *const widget_props[] = {&widget_name, &widget_count};
static MI_ClassDecl widget_decl = {
    MI_FLAG_CLASS, 0, "Test_Widget", NULL, 0, widget_props, 2, 0, NULL, NULL, NULL, 0,
    NULL, NULL, NULL};

/* uint32 Resize([In] uint32 Size); as a method decl with its MIReturn. */
static MI_ParameterDecl resize_return = {
    MI_FLAG_PARAMETER | MI_FLAG_OUT, 0, "MIReturn", NULL, 0, MI_UINT32, NULL, 0, 0};
static MI_ParameterDecl resize_size = {
    MI_FLAG_PARAMETER | MI_FLAG_IN, 0, "Size", NULL, 0, MI_UINT32, NULL, 0, 0};
static const MI_ParameterDecl *const resize_params[] = {&resize_return, &resize_size};
static MI_MethodDecl resize_decl = {
    MI_FLAG_METHOD, 0, "Resize", NULL, 0, resize_params, 2, 0, MI_UINT32,
    "Test_Widget", "Test_Widget", NULL, NULL};

static int setup_decls(void **state)
{
    (void)state;
    widget_name.code = mi_name_code(widget_name.name);
    widget_count.code = mi_name_code(widget_count.name);
    widget_decl.code = mi_name_code(widget_decl.name);
    mi_classdecl_layout(&widget_decl);
    resize_return.code = mi_name_code(resize_return.name);
    resize_size.code = mi_name_code(resize_size.name);
    resize_decl.code = mi_name_code(resize_decl.name);
    mi_methoddecl_layout(&resize_decl);
    return 0;
}

static void init_app(MI_Application *app)
{
    MI_Instance *err = (MI_Instance *)1;

    assert_int_equal(MI_Application_Initialize(0, "libmi/test/1", &err, app), MI_RESULT_OK);
    assert_null(err);
    assert_non_null(app->ft);
}

/* The value of a string element, or NULL when absent or NULL. */
static const char *get_string(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 flags;

    if (MI_Instance_GetElement(inst, name, &v, &t, &flags, NULL) != MI_RESULT_OK ||
        t != MI_STRING || (flags & MI_FLAG_NULL))
        return NULL;
    return v.string;
}

static MI_Uint32 get_u32(const MI_Instance *inst, const char *name, MI_Type want)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 flags;

    assert_int_equal(MI_Instance_GetElement(inst, name, &v, &t, &flags, NULL), MI_RESULT_OK);
    assert_int_equal(t, want);
    assert_false(flags & MI_FLAG_NULL);
    return want == MI_UINT16 ? v.uint16 : v.uint32;
}

/* ---------------------------------------------------------------- application */

static void test_initialize_close(void **state)
{
    MI_Application app = MI_APPLICATION_NULL, copy;

    (void)state;
    init_app(&app);
    copy = app;
    assert_int_equal(MI_Application_Close(&app), MI_RESULT_OK);
    /* The handle is cleared; closing again is refused. */
    assert_null(app.ft);
    assert_int_equal(MI_Application_Close(&app), MI_RESULT_INVALID_PARAMETER);
    /* A stale copy is recognised as closed without touching freed memory. */
    assert_int_equal(copy.ft->Close(&copy), MI_RESULT_INVALID_PARAMETER);
    /* Two applications at once, without an applicationID. */
    {
        MI_Application a = MI_APPLICATION_NULL, b = MI_APPLICATION_NULL;
        assert_int_equal(MI_Application_Initialize(0, NULL, NULL, &a), MI_RESULT_OK);
        assert_int_equal(MI_Application_Initialize(0, NULL, NULL, &b), MI_RESULT_OK);
        assert_int_not_equal(a.reserved2, b.reserved2);
        assert_int_equal(MI_Application_Close(&b), MI_RESULT_OK);
        assert_int_equal(MI_Application_Close(&a), MI_RESULT_OK);
    }
}

static void test_initialize_errors(void **state)
{
    MI_Application app;
    MI_Instance *err = NULL;
    char long_id[1100];

    (void)state;
    memset(&app, 0xAB, sizeof app);
    assert_int_equal(MI_Application_Initialize(1, NULL, &err, &app),
                     MI_RESULT_INVALID_PARAMETER);
    assert_null(app.ft);
    assert_int_equal(app.reserved2, 0);
    assert_non_null(err);
    assert_int_equal(get_u32(err, "CIMStatusCode", MI_UINT32), MI_RESULT_INVALID_PARAMETER);
    assert_non_null(strstr(get_string(err, "Message"), "flags must be 0"));
    MI_Instance_Delete(err);

    err = (MI_Instance *)1;
    assert_int_equal(MI_Application_Initialize(0, NULL, &err, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    assert_non_null(err);
    MI_Instance_Delete(err);

    memset(long_id, 'x', sizeof long_id - 1);
    long_id[sizeof long_id - 1] = '\0';
    assert_int_equal(MI_Application_Initialize(0, long_id, NULL, &app),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Application_Initialize(0, "bad \xff utf8", NULL, &app),
                     MI_RESULT_INVALID_PARAMETER);
    /* Garbage handle. */
    app.reserved1 = 42;
    app.reserved2 = 42;
    app.ft = mi_clientFT->applicationFT;
    assert_int_equal(MI_Application_Close(&app), MI_RESULT_INVALID_PARAMETER);
}

/* Initialize and Close survive an allocation failure at every step. */
static void test_initialize_out_of_memory(void **state)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_Instance *err = NULL;
    long n, total;

    (void)state;
    mi_alloc_fail_after(0);
    assert_int_equal(MI_Application_Initialize(0, "id", &err, &app), MI_RESULT_OK);
    assert_int_equal(MI_Application_Close(&app), MI_RESULT_OK);
    total = mi_alloc_fail_after(0);
    assert_true(total >= 1);
    for (n = 1; n <= total; n++) {
        MI_Result r;
        mi_alloc_fail_after(n);
        r = MI_Application_Initialize(0, "id", &err, &app);
        mi_alloc_fail_after(0);
        if (r == MI_RESULT_OK) {
            assert_null(err);
            assert_int_equal(MI_Application_Close(&app), MI_RESULT_OK);
        } else {
            assert_int_equal(r, MI_RESULT_SERVER_LIMITS_EXCEEDED);
            assert_null(app.ft);
            if (err != NULL)
                MI_Instance_Delete(err);
        }
        err = NULL;
    }
}

/* ---------------------------------------------------------------- instances */

static void test_new_instance_dynamic(void **state)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_Instance *inst = NULL;
    const MI_Char *name = NULL;
    MI_Uint32 count = 99;
    MI_Value v;

    (void)state;
    init_app(&app);
    assert_int_equal(MI_Application_NewInstance(&app, "Test_Dynamic", NULL, &inst),
                     MI_RESULT_OK);
    assert_non_null(inst);
    assert_true(mi_instance_is_dynamic(inst));
    assert_int_equal(MI_Instance_GetClassName(inst, &name), MI_RESULT_OK);
    assert_string_equal(name, "Test_Dynamic");
    assert_int_equal(MI_Instance_GetElementCount(inst, &count), MI_RESULT_OK);
    assert_int_equal(count, 0);
    v.uint32 = 7;
    assert_int_equal(MI_Instance_AddElement(inst, "Size", &v, MI_UINT32, 0), MI_RESULT_OK);
    assert_int_equal(get_u32(inst, "size", MI_UINT32), 7);
    MI_Instance_Delete(inst);

    /* The dynamic parameter set of MI_Application_NewParameterSet. */
    assert_int_equal(MI_Application_NewParameterSet(&app, NULL, &inst), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetClassName(inst, &name), MI_RESULT_OK);
    assert_string_equal(name, "Parameters");
    assert_true(inst->classDecl->flags & MI_FLAG_METHOD);
    MI_Instance_Delete(inst);
    assert_int_equal(MI_Application_Close(&app), MI_RESULT_OK);
}

static void test_new_instance_from_decl(void **state)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_Instance *inst = NULL;
    MI_Uint32 count = 0, flags = 0;
    MI_Value v;
    MI_Boolean isa = MI_FALSE;

    (void)state;
    init_app(&app);
    assert_int_equal(MI_Application_NewInstance(&app, "test_widget", &widget_decl, &inst),
                     MI_RESULT_OK);
    assert_ptr_equal(inst->classDecl, &widget_decl);
    assert_false(mi_instance_is_dynamic(inst));
    assert_int_equal(MI_Instance_GetElementCount(inst, &count), MI_RESULT_OK);
    assert_int_equal(count, 2);
    assert_int_equal(MI_Instance_GetElement(inst, "Name", &v, NULL, &flags, NULL),
                     MI_RESULT_OK);
    assert_true(flags & MI_FLAG_KEY);
    assert_true(flags & MI_FLAG_NULL);
    assert_int_equal(MI_Instance_IsA(inst, &widget_decl, &isa), MI_RESULT_OK);
    assert_true(isa);
    /* Schema-bound: no new elements. */
    v.uint32 = 1;
    assert_int_not_equal(MI_Instance_AddElement(inst, "Extra", &v, MI_UINT32, 0),
                         MI_RESULT_OK);
    MI_Instance_Delete(inst);

    /* The parameter set of a method: its parameters, NULL. */
    inst = NULL;
    assert_int_equal(MI_Application_NewParameterSet(&app, (const MI_ClassDecl *)&resize_decl,
                                                    &inst),
                     MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElementCount(inst, &count), MI_RESULT_OK);
    assert_int_equal(count, 2);
    assert_int_equal(MI_Instance_GetElement(inst, "Size", NULL, NULL, &flags, NULL),
                     MI_RESULT_OK);
    assert_true(flags & MI_FLAG_NULL);
    v.uint32 = 1024;
    assert_int_equal(MI_Instance_SetElement(inst, "Size", &v, MI_UINT32, 0), MI_RESULT_OK);
    assert_int_equal(get_u32(inst, "Size", MI_UINT32), 1024);
    MI_Instance_Delete(inst);
    assert_int_equal(MI_Application_Close(&app), MI_RESULT_OK);
}

static void test_new_instance_errors(void **state)
{
    MI_Application app = MI_APPLICATION_NULL, closed = MI_APPLICATION_NULL;
    MI_Instance *inst = (MI_Instance *)1;

    (void)state;
    init_app(&app);
    init_app(&closed);
    {
        MI_Application stale = closed;
        assert_int_equal(MI_Application_Close(&closed), MI_RESULT_OK);
        closed = stale;
    }
    assert_int_equal(MI_Application_NewInstance(&app, NULL, NULL, &inst),
                     MI_RESULT_INVALID_PARAMETER);
    assert_null(inst);
    inst = (MI_Instance *)1;
    assert_int_equal(MI_Application_NewInstance(&app, "", NULL, &inst),
                     MI_RESULT_INVALID_PARAMETER);
    assert_null(inst);
    assert_int_equal(MI_Application_NewInstance(&app, "1Widget", NULL, &inst),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Application_NewInstance(&app, "Bad Name", NULL, &inst),
                     MI_RESULT_INVALID_PARAMETER);
    /* The class name must be the decl's. */
    assert_int_equal(MI_Application_NewInstance(&app, "Other", &widget_decl, &inst),
                     MI_RESULT_INVALID_PARAMETER);
    assert_null(inst);
    assert_int_equal(MI_Application_NewInstance(&app, "Test_Widget", NULL, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    inst = (MI_Instance *)1;
    assert_int_equal(MI_Application_NewInstance(&closed, "Test_Widget", NULL, &inst),
                     MI_RESULT_INVALID_PARAMETER);
    assert_null(inst);
    inst = (MI_Instance *)1;
    assert_int_equal(MI_Application_NewInstance(NULL, "Test_Widget", NULL, &inst),
                     MI_RESULT_INVALID_PARAMETER);
    assert_null(inst);
    assert_int_equal(MI_Application_Close(&app), MI_RESULT_OK);
}

static void test_new_class_and_instance_from_class(void **state)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_Class *cls = NULL;
    MI_Instance *inst = NULL;
    const MI_Char *s = NULL;
    MI_Uint32 count = 0;

    (void)state;
    init_app(&app);
    assert_int_equal(MI_Application_NewClass(&app, &widget_decl, "root/test", "host1", &cls),
                     MI_RESULT_OK);
    assert_non_null(cls);
    /* own = true: the class holds its own copy of the decl. */
    assert_ptr_not_equal(cls->classDecl, &widget_decl);
    assert_int_equal(MI_Class_GetClassName(cls, &s), MI_RESULT_OK);
    assert_string_equal(s, "Test_Widget");
    assert_int_equal(MI_Class_GetNameSpace(cls, &s), MI_RESULT_OK);
    assert_string_equal(s, "root/test");

    assert_int_equal(MI_Application_NewInstanceFromClass(&app, "Test_Widget", cls, &inst),
                     MI_RESULT_OK);
    /* The instance keeps its own copy of the class: it may outlive the MI_Class. */
    assert_ptr_not_equal(inst->classDecl, cls->classDecl);
    assert_string_equal(inst->classDecl->name, cls->classDecl->name);
    assert_int_equal(MI_Instance_GetNameSpace(inst, &s), MI_RESULT_OK);
    assert_string_equal(s, "root/test");
    assert_int_equal(MI_Instance_GetServerName(inst, &s), MI_RESULT_OK);
    assert_string_equal(s, "host1");
    assert_int_equal(MI_Instance_GetElementCount(inst, &count), MI_RESULT_OK);
    assert_int_equal(count, 2);
    MI_Instance_Delete(inst);
    /* className may be omitted; a different one is refused. */
    assert_int_equal(MI_Application_NewInstanceFromClass(&app, NULL, cls, &inst),
                     MI_RESULT_OK);
    MI_Instance_Delete(inst);
    inst = (MI_Instance *)1;
    assert_int_equal(MI_Application_NewInstanceFromClass(&app, "Other", cls, &inst),
                     MI_RESULT_INVALID_PARAMETER);
    assert_null(inst);
    assert_int_equal(MI_Application_NewInstanceFromClass(&app, "Test_Widget", NULL, &inst),
                     MI_RESULT_INVALID_PARAMETER);
    /* Delete the class first; the instance and a clone of it stay usable. */
    assert_int_equal(MI_Application_NewInstanceFromClass(&app, NULL, cls, &inst), MI_RESULT_OK);
    assert_int_equal(MI_Class_Delete(cls), MI_RESULT_OK);
    MI_Instance *copy = NULL;
    assert_int_equal(MI_Instance_Clone(inst, &copy), MI_RESULT_OK);
    MI_Instance_Delete(inst);
    assert_int_equal(MI_Instance_GetClassName(copy, &s), MI_RESULT_OK);
    assert_string_equal(s, "Test_Widget");
    assert_int_equal(MI_Instance_GetElementCount(copy, &count), MI_RESULT_OK);
    assert_int_equal(count, 2);
    const MI_Char *ename = NULL;
    assert_int_equal(MI_Instance_GetElementAt(copy, 0, &ename, NULL, NULL, NULL), MI_RESULT_OK);
    assert_string_equal(ename, widget_decl.properties[0]->name);
    MI_Instance_Delete(copy);

    cls = (MI_Class *)1;
    assert_int_equal(MI_Application_NewClass(&app, NULL, NULL, NULL, &cls),
                     MI_RESULT_INVALID_PARAMETER);
    assert_null(cls);
    assert_int_equal(MI_Application_Close(&app), MI_RESULT_OK);
}

/* ---------------------------------------------------------------- sessions */

/* A repository file of this test process, removed (with its WAL files) by
 * remove_repo. */
static void repo_path(char *out, size_t n)
{
    snprintf(out, n, "%s/test_client_app-%ld.db", MI_BINARY_DIR, (long)getpid());
}

static void remove_repo(const char *path)
{
    char aux[600];

    unlink(path);
    snprintf(aux, sizeof aux, "%s-wal", path);
    unlink(aux);
    snprintf(aux, sizeof aux, "%s-shm", path);
    unlink(aux);
}

static void test_new_session(void **state)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_Session session;
    MI_DestinationOptions dest;
    MI_Instance *err = NULL;
    char path[512];

    (void)state;
    init_app(&app);
    repo_path(path, sizeof path);
    /* The local engine on a repository named by the MI_REPOSITORY destination option. */
    assert_int_equal(MI_Application_NewDestinationOptions(&app, &dest), MI_RESULT_OK);
    assert_int_equal(MI_DestinationOptions_SetString(&dest, "MI_REPOSITORY", path), MI_RESULT_OK);
    memset(&session, 0xAB, sizeof session);
    assert_int_equal(MI_Application_NewSession(&app, NULL, NULL, &dest, NULL, &err, &session),
                     MI_RESULT_OK);
    assert_null(err);
    assert_non_null(session.ft);
    /* The options may be deleted at once: the session copied what it needs. */
    MI_DestinationOptions_Delete(&dest);
    assert_int_equal(MI_Session_Close(&session, NULL, NULL), MI_RESULT_OK);
    assert_int_equal(MI_Session_Close(&session, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
    /* A remote destination is not supported yet: an error instance says so. */
    memset(&session, 0xAB, sizeof session);
    assert_int_equal(MI_Application_NewSession(&app, "WINRM", "host.example", NULL, NULL, &err,
                                               &session),
                     MI_RESULT_NOT_SUPPORTED);
    assert_null(session.ft);
    assert_int_equal(session.reserved2, 0);
    assert_non_null(err);
    assert_int_equal(get_u32(err, "CIMStatusCode", MI_UINT32), MI_RESULT_NOT_SUPPORTED);
    assert_non_null(strstr(get_string(err, "Message"), "MI_Application_NewSession"));
    MI_Instance_Delete(err);
    err = NULL;
    assert_int_equal(MI_Application_NewSession(&app, "NoSuchProtocol", NULL, NULL, NULL, NULL,
                                               &session),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Application_NewSession(&app, NULL, NULL, NULL, NULL, NULL, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    remove_repo(path);
    {
        MI_OperationOptions oo;
        MI_DestinationOptions dopt;
        MI_SubscriptionDeliveryOptions so;
        MI_Serializer ser;
        MI_Deserializer des;
        MI_HostedProvider hp;

        /* The option objects exist (tests in test_options.c). */
        assert_int_equal(MI_Application_NewOperationOptions(&app, MI_FALSE, &oo),
                         MI_RESULT_OK);
        assert_non_null(oo.ft);
        MI_OperationOptions_Delete(&oo);
        assert_int_equal(MI_Application_NewDestinationOptions(&app, &dopt), MI_RESULT_OK);
        MI_DestinationOptions_Delete(&dopt);
        assert_int_equal(MI_Application_NewSubscriptionDeliveryOptions(
                             &app, MI_SubscriptionDeliveryType_Pull, &so),
                         MI_RESULT_OK);
        assert_int_equal(MI_SubscriptionDeliveryOptions_Delete(&so), MI_RESULT_OK);
        /* Serializers exist (tests in tests/serializer). */
        assert_int_equal(MI_Application_NewSerializer(&app, 0, (MI_Char *)"MI_XML", &ser),
                         MI_RESULT_OK);
        assert_int_equal(MI_Serializer_Close(&ser), MI_RESULT_OK);
        assert_int_equal(MI_Application_NewDeserializer(&app, 0, (MI_Char *)"MI_XML", &des),
                         MI_RESULT_OK);
        assert_int_equal(MI_Deserializer_Close(&des), MI_RESULT_OK);
        /* Hosted providers exist (tests in tests/engine/test_hosted.c): mi_Main NULL. */
        assert_int_equal(MI_Application_NewHostedProvider(&app, "root/test", "P", NULL, &err,
                                                          &hp),
                         MI_RESULT_INVALID_PARAMETER);
        assert_null(hp.ft);
        assert_non_null(err);
        MI_Instance_Delete(err);
    }
    assert_int_equal(MI_Application_Close(&app), MI_RESULT_OK);
    /* On a closed application: INVALID_PARAMETER (an error instance may explain). */
    err = NULL;
    assert_int_equal(mi_clientFT->applicationFT->NewSession(&app, NULL, NULL, NULL, NULL, &err,
                                                            &session),
                     MI_RESULT_INVALID_PARAMETER);
    if (err != NULL)
        MI_Instance_Delete(err);
}

typedef struct result_log {
    int calls;
    MI_Operation *operation;
    MI_Boolean more;
    MI_Result result;
    char message[256];
    MI_Uint32 details_status;
    MI_Result (*ack)(MI_Operation *);
    int close_in_callback;
} result_log;

static void MI_CALL on_instance(MI_Operation *operation, void *ctx, const MI_Instance *instance,
                                MI_Boolean moreResults, MI_Result resultCode,
                                const MI_Char *errorString, const MI_Instance *errorDetails,
                                MI_Result (MI_CALL *ack)(MI_Operation *operation))
{
    result_log *log = ctx;

    assert_null(instance);
    log->calls++;
    log->operation = operation;
    log->more = moreResults;
    log->result = resultCode;
    snprintf(log->message, sizeof log->message, "%s", errorString ? errorString : "");
    log->details_status = errorDetails ? get_u32(errorDetails, "CIMStatusCode", MI_UINT32)
                                       : 0;
    log->ack = ack;
    if (ack != NULL)
        assert_int_equal(ack(operation), MI_RESULT_OK);
    if (log->close_in_callback)
        assert_int_equal(MI_Operation_Close(operation), MI_RESULT_OK);
}

/* A handle that claims to be a session but is not a live one (here: forged) gets the
 * final result INVALID_PARAMETER exactly once, through the normal result path. */
static void test_session_operations_contract(void **state)
{
    MI_Session session = {1, 2, NULL};
    MI_Operation op = MI_OPERATION_NULL;
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    result_log log;
    const MI_Instance *inst = (const MI_Instance *)1;
    const MI_Class *cls;
    const MI_Char *msg = NULL;
    const MI_Instance *details = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result result = MI_RESULT_OK;
    MI_Session back;

    (void)state;
    session.ft = mi_clientFT->sessionFT;

    /* Asynchronous: one final callback, then the handle must be closed. */
    memset(&log, 0, sizeof log);
    cb.callbackContext = &log;
    cb.instanceResult = on_instance;
    MI_Session_EnumerateInstances(&session, 0, NULL, "root/cimv2", "CIM_ComputerSystem",
                                  MI_FALSE, &cb, &op);
    assert_int_equal(log.calls, 1);
    assert_ptr_equal(log.operation, &op);
    assert_false(log.more);
    assert_int_equal(log.result, MI_RESULT_INVALID_PARAMETER);
    assert_non_null(strstr(log.message, "MI_Session_EnumerateInstances"));
    assert_int_equal(log.details_status, MI_RESULT_INVALID_PARAMETER);
    assert_null(log.ack);
    assert_non_null(op.ft);
    /* Pulling from an async operation is refused. */
    assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &result, NULL, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(result, MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Operation_Cancel(&op, MI_REASON_NONE), MI_RESULT_OK);
    /* The forged session is not live, so the operation names no session. */
    assert_int_equal(MI_Operation_GetSession(&op, &back), MI_RESULT_OK);
    assert_int_equal(back.reserved2, 0);
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
    assert_int_equal(log.calls, 1);
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_INVALID_PARAMETER);

    /* Manual acknowledgement, and closing inside the callback. */
    memset(&log, 0, sizeof log);
    log.close_in_callback = 1;
    MI_Session_GetInstance(&session, MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS, NULL, NULL, NULL,
                           &cb, &op);
    assert_int_equal(log.calls, 1);
    assert_non_null(log.ack);
    assert_null(op.ft);

    /* Synchronous: MI_Operation_GetInstance reports the final result (again if asked). */
    MI_Session_ReferenceInstances(&session, 0, NULL, NULL, NULL, NULL, NULL, MI_FALSE, NULL,
                                  &op);
    for (int i = 0; i < 2; i++) {
        inst = (const MI_Instance *)1;
        more = MI_TRUE;
        assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &result, &msg, &details),
                         MI_RESULT_OK);
        assert_null(inst);
        assert_false(more);
        assert_int_equal(result, MI_RESULT_INVALID_PARAMETER);
        assert_non_null(strstr(msg, "MI_Session_ReferenceInstances"));
        assert_non_null(details);
    }
    /* The wrong getter is refused. */
    assert_int_equal(MI_Operation_GetClass(&op, &cls, &more, &result, NULL, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);

    /* Class operations answer through classResult / MI_Operation_GetClass. */
    MI_Session_GetClass(&session, 0, NULL, "root/cimv2", "CIM_X", NULL, &op);
    assert_int_equal(MI_Operation_GetClass(&op, &cls, &more, &result, NULL, NULL),
                     MI_RESULT_OK);
    assert_null(cls);
    assert_int_equal(result, MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);

    /* A NULL session (table called directly) gives INVALID_PARAMETER the same way. */
    memset(&log, 0, sizeof log);
    mi_clientFT->sessionFT->TestConnection(NULL, 0, &cb, &op);
    assert_int_equal(log.calls, 1);
    assert_int_equal(log.result, MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);

    /* Session-level calls. */
    assert_int_equal(MI_Session_Close(&session, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
    {
        MI_Application app;
        assert_int_equal(MI_Session_GetApplication(&session, &app), MI_RESULT_INVALID_PARAMETER);
        assert_null(app.ft);
    }
}

/* ---------------------------------------------------------------- utilities */

static void test_utilities(void **state)
{
    MI_Instance *e = NULL;
    const MI_Char *cls = NULL;

    (void)state;
    /* Reachable before any MI_Application_Initialize. */
    assert_int_equal(MI_Utilities_MapErrorToMiErrorCategory(MI_RESULT_TYPE_MI,
                                                            MI_RESULT_NOT_FOUND),
                     MI_ERRORCATEGORY_OBJECT_NOT_FOUND);
    assert_int_equal(MI_Utilities_MapErrorToMiErrorCategory(MI_RESULT_TYPE_MI,
                                                            MI_RESULT_ACCESS_DENIED),
                     MI_ERRORCATEGORY_ACCESS_DENIED);
    assert_int_equal(MI_Utilities_MapErrorToMiErrorCategory("mi", MI_RESULT_NOT_SUPPORTED),
                     MI_ERRORCATEGORY_NOT_IMPLEMENTED);
    assert_int_equal(MI_Utilities_MapErrorToMiErrorCategory(MI_RESULT_TYPE_ERRNO, EACCES),
                     MI_ERRORCATEGORY_ACCESS_DENIED);
    assert_int_equal(MI_Utilities_MapErrorToMiErrorCategory(MI_RESULT_TYPE_WIN32, 5),
                     MI_ERRORCATEGORY_ACCESS_DENIED);
    assert_int_equal(MI_Utilities_MapErrorToMiErrorCategory(MI_RESULT_TYPE_HRESULT,
                                                            0x80070057u),
                     MI_ERRORCATEGORY_INVALID_ARGUMENT);
    assert_int_equal(MI_Utilities_MapErrorToMiErrorCategory("NOSUCHTYPE", 5),
                     MI_ERRORCATEGORY_NOT_SPECIFIED);
    assert_int_equal(MI_Utilities_MapErrorToMiErrorCategory(NULL, 5),
                     MI_ERRORCATEGORY_NOT_SPECIFIED);

    assert_int_equal(MI_Utilities_CimErrorFromErrorCode(MI_RESULT_INVALID_CLASS,
                                                       MI_RESULT_TYPE_MI, "no class X", &e),
                     MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetClassName(e, &cls), MI_RESULT_OK);
    assert_string_equal(cls, "OMI_Error");
    assert_int_equal(get_u32(e, "CIMStatusCode", MI_UINT32), MI_RESULT_INVALID_CLASS);
    assert_string_equal(get_string(e, "CIMStatusCodeDescription"), "CIM_ERR_INVALID_CLASS");
    assert_string_equal(get_string(e, "Message"), "no class X");
    assert_string_equal(get_string(e, "error_Type"), "MI");
    assert_int_equal(get_u32(e, "error_Code", MI_UINT32), MI_RESULT_INVALID_CLASS);
    assert_int_equal(get_u32(e, "error_Category", MI_UINT16), MI_ERRORCATEGORY_METADATA_ERROR);
    assert_null(get_string(e, "ErrorSource"));
    MI_Instance_Delete(e);

    /* A non-MI code keeps its own number in error_Code; the CIM status is FAILED. */
    assert_int_equal(MI_Utilities_CimErrorFromErrorCode(ENOENT, MI_RESULT_TYPE_ERRNO, NULL, &e),
                     MI_RESULT_OK);
    assert_int_equal(get_u32(e, "CIMStatusCode", MI_UINT32), MI_RESULT_FAILED);
    assert_int_equal(get_u32(e, "error_Code", MI_UINT32), ENOENT);
    assert_int_equal(get_u32(e, "error_Category", MI_UINT16),
                     MI_ERRORCATEGORY_OBJECT_NOT_FOUND);
    assert_null(get_string(e, "Message"));
    MI_Instance_Delete(e);

    assert_int_equal(MI_Utilities_CimErrorFromErrorCode(1, MI_RESULT_TYPE_MI, "x", NULL),
                     MI_RESULT_INVALID_PARAMETER);
    e = (MI_Instance *)1;
    assert_int_equal(MI_Utilities_CimErrorFromErrorCode(1, NULL, "x", &e),
                     MI_RESULT_INVALID_PARAMETER);
    assert_null(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_initialize_close),
        cmocka_unit_test(test_initialize_errors),
        cmocka_unit_test(test_initialize_out_of_memory),
        cmocka_unit_test(test_new_instance_dynamic),
        cmocka_unit_test(test_new_instance_from_decl),
        cmocka_unit_test(test_new_instance_errors),
        cmocka_unit_test(test_new_class_and_instance_from_class),
        cmocka_unit_test(test_new_session),
        cmocka_unit_test(test_session_operations_contract),
        cmocka_unit_test(test_utilities),
    };
    return cmocka_run_group_tests(tests, setup_decls, NULL);
}
