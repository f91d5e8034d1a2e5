/* test_lx_client.c - the built-in Linux providers through the MI client API on a fresh
 * repository: several enumerations started at once on a new engine (each provider
 * asks its local session for its class: this must not leave every worker waiting for
 * another), each compared with ground truth read here. A hang fails the test
 * (alarm).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <mi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N_OPS 8

static const char *const classes[N_OPS] = {
    "Linux_UnixProcess", "Linux_OperatingSystem", "Linux_Processor", "Linux_Memory",
    "Linux_ComputerSystem", "Linux_RunningOS", "Linux_ParentChildProcess", "CIM_Process",
};

static void test_concurrent_first_use(void **state)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_Session s = MI_SESSION_NULL;
    MI_Operation ops[N_OPS];
    char dir[] = "/tmp/mi_lx_client_XXXXXX", repo[64], cmd[96];
    int counts[N_OPS];
    long ncpu = sysconf(_SC_NPROCESSORS_CONF);

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(repo, sizeof repo, "%s/repo.db", dir);
    setenv("MI_REPOSITORY", repo, 1);
    alarm(60); /* a deadlock ends the test */
    assert_int_equal(MI_Application_Initialize(0, "test_lx_client", NULL, &app), MI_RESULT_OK);
    assert_int_equal(MI_Application_NewSession(&app, NULL, NULL, NULL, NULL, NULL, &s),
                     MI_RESULT_OK);
    for (int i = 0; i < N_OPS; i++) {
        ops[i] = (MI_Operation)MI_OPERATION_NULL;
        MI_Session_EnumerateInstances(&s, 0, NULL, "root/cimv2", classes[i], MI_FALSE, NULL,
                                      &ops[i]);
    }
    for (int i = 0; i < N_OPS; i++) {
        const MI_Instance *inst = NULL;
        MI_Boolean more = MI_TRUE;
        MI_Result res = MI_RESULT_FAILED;
        const MI_Char *msg = NULL;
        const MI_Instance *details = NULL;
        counts[i] = 0;
        while (more) {
            assert_int_equal(MI_Operation_GetInstance(&ops[i], &inst, &more, &res, &msg,
                                                      &details), MI_RESULT_OK);
            if (inst == NULL)
                continue;
            counts[i]++;
            assert_string_equal(inst->nameSpace, "root/cimv2");
            /* Schema-bound to the repository's class (a dynamic instance would have
             * only the elements the provider set; InstanceID is never set). */
            if (i != 5 && i != 6) {
                MI_Value v;
                MI_Type t;
                MI_Uint32 fl = 0;
                assert_int_equal(MI_Instance_GetElement(inst, "InstanceID", &v, &t, &fl,
                                                        NULL), MI_RESULT_OK);
                assert_true(fl & MI_FLAG_NULL);
            }
        }
        if (res != MI_RESULT_OK)
            fprintf(stderr, "%s: %d %s\n", classes[i], (int)res, msg != NULL ? msg : "");
        assert_int_equal(res, MI_RESULT_OK);
        MI_Operation_Close(&ops[i]);
    }
    alarm(0);
    assert_true(counts[0] > 1);
    assert_int_equal(counts[1], 1);
    assert_int_equal(counts[2], ncpu);
    assert_int_equal(counts[3], 1);
    assert_int_equal(counts[4], 1);
    assert_int_equal(counts[5], 1);
    assert_true(counts[6] > 0); /* every process but the roots has a parent */
    assert_true(counts[7] > 1);
    MI_Session_Close(&s, NULL, NULL);
    MI_Application_Close(&app);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrent_first_use),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
