/* test_client_shared.c - the client API through libmi.so alone: this program links
 * only the shared library, so it can use nothing but the two exported symbols
 * (MI_Application_InitializeV1, mi_clientFT_V1) and the inline wrappers of mi.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <mi.h>

static void test_table_before_initialize(void **state)
{
    MI_Instance *e = NULL;
    MI_Value v;
    MI_Type t;

    (void)state;
    assert_non_null(mi_clientFT);
    assert_non_null(mi_clientFT->applicationFT);
    assert_non_null(mi_clientFT->utilitiesFT);
    assert_int_equal(MI_Utilities_CimErrorFromErrorCode(MI_RESULT_NOT_FOUND, MI_RESULT_TYPE_MI,
                                                       MI_T("gone"), &e),
                     MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElement(e, MI_T("CIMStatusCode"), &v, &t, NULL, NULL),
                     MI_RESULT_OK);
    assert_int_equal(t, MI_UINT32);
    assert_int_equal(v.uint32, MI_RESULT_NOT_FOUND);
    assert_int_equal(MI_Instance_Delete(e), MI_RESULT_OK);
}

static void test_application_round_trip(void **state)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_Session session = MI_SESSION_NULL;
    MI_Instance *inst = NULL, *err = NULL;
    MI_Value v;
    MI_Type t;

    (void)state;
    assert_int_equal(MI_Application_Initialize(0, NULL, &err, &app), MI_RESULT_OK);
    assert_null(err);
    assert_int_equal(MI_Application_NewInstance(&app, MI_T("Shared_Test"), NULL, &inst),
                     MI_RESULT_OK);
    v.string = (MI_Char *)MI_T("value");
    assert_int_equal(MI_Instance_AddElement(inst, MI_T("Text"), &v, MI_STRING, 0),
                     MI_RESULT_OK);
    memset(&v, 0, sizeof v);
    assert_int_equal(MI_Instance_GetElement(inst, MI_T("text"), &v, &t, NULL, NULL),
                     MI_RESULT_OK);
    assert_int_equal(t, MI_STRING);
    assert_string_equal(v.string, "value");
    assert_int_equal(MI_Instance_Delete(inst), MI_RESULT_OK);
    /* Remote sessions are not supported yet (local ones are tested elsewhere: they
     * open a repository). */
    assert_int_equal(MI_Application_NewSession(&app, MI_T("WINRM"), MI_T("host.example"), NULL,
                                               NULL, &err, &session),
                     MI_RESULT_NOT_SUPPORTED);
    assert_non_null(err);
    assert_int_equal(MI_Instance_Delete(err), MI_RESULT_OK);
    assert_int_equal(MI_Application_Close(&app), MI_RESULT_OK);
    assert_int_equal(MI_Application_Close(&app), MI_RESULT_INVALID_PARAMETER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_before_initialize),
        cmocka_unit_test(test_application_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
