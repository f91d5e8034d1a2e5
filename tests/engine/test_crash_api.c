/* test_crash_api.c - durability of MI_Session_CreateInstance under kill -9.
 *
 * A forked child opens a session on a repository file and creates up to 10,000
 * static instances one by one with MI_Session_CreateInstance; after each final result
 * MI_RESULT_OK it writes the key to a pipe. The parent reads keys until it has seen a
 * few hundred, SIGKILLs the child mid-stream, then reopens the repository: it must open
 * cleanly and hold every instance whose creation was acknowledged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mi.h>

#include "base/buf.h"
#include "mof/mof.h"
#include "repo/repo.h"

#define NS "root/crash"
#define TOTAL 10000u
#define KILL_AFTER 300u

static char dir[] = "/tmp/mi_crash_api.XXXXXX";
static char path[160];

static void setup_repository(void)
{
    const char *files[] = {MI_SHARED_DIR "/data/cim-schema/2.49.0/qualifiers.mof",
                           MI_SOURCE_DIR "/tests/providers/test_providers.mof"};
    mi_repo *repo = NULL;
    mi_mof_options opt = {0};
    mi_buf err;

    mi_buf_init(&err, 4096);
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/repository.db", dir);
    assert_int_equal(mi_repo_open(path, MI_REPO_CREATE, &repo, &err), MI_RESULT_OK);
    opt.ns = NS;
    assert_int_equal(mi_mof_compile_files(repo, files, 2, &opt, NULL), MI_RESULT_OK);
    mi_repo_free(repo);
    mi_buf_free(&err);
}

/* The child: creates TST_Left.Id = 0, 1, ... and reports each acknowledged key. */
static void child(int fd)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_Session s = MI_SESSION_NULL;
    MI_DestinationOptions dest = MI_DESTINATIONOPTIONS_NULL;

    if (MI_Application_Initialize(0, "crash", NULL, &app) != MI_RESULT_OK ||
        MI_Application_NewDestinationOptions(&app, &dest) != MI_RESULT_OK ||
        MI_DestinationOptions_SetString(&dest, "MI_REPOSITORY", path) != MI_RESULT_OK ||
        MI_Application_NewSession(&app, NULL, NULL, &dest, NULL, NULL, &s) != MI_RESULT_OK)
        _exit(3);
    for (MI_Uint32 id = 0; id < TOTAL; id++) {
        MI_Instance *inst = NULL;
        MI_Operation op = MI_OPERATION_NULL;
        MI_Boolean more = MI_TRUE;
        MI_Result res = MI_RESULT_FAILED;
        MI_Value v;
        if (MI_Application_NewInstance(&app, "TST_Left", NULL, &inst) != MI_RESULT_OK)
            _exit(4);
        v.uint32 = id;
        MI_Instance_AddElement(inst, "Id", &v, MI_UINT32, MI_FLAG_KEY);
        MI_Session_CreateInstance(&s, 0, NULL, NS, inst, NULL, &op);
        while (more) {
            const MI_Instance *out = NULL;
            if (MI_Operation_GetInstance(&op, &out, &more, &res, NULL, NULL) != MI_RESULT_OK)
                _exit(5);
        }
        MI_Operation_Close(&op);
        MI_Instance_Delete(inst);
        if (res != MI_RESULT_OK)
            _exit(6);
        if (write(fd, &id, sizeof id) != (ssize_t)sizeof id)
            _exit(7);
    }
    _exit(0);
}

static void test_kill9_during_creates(void **state)
{
    int fds[2];
    MI_Uint32 acked[TOTAL];
    size_t n = 0;
    (void)state;

    setup_repository();
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        child(fds[1]);
    }
    close(fds[1]);
    MI_Uint32 id;
    while (n < TOTAL && read(fds[0], &id, sizeof id) == (ssize_t)sizeof id) {
        acked[n++] = id;
        if (n == KILL_AFTER)
            kill(pid, SIGKILL);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    /* Killed mid-stream (or, on a very fast machine, finished): either way at least
     * KILL_AFTER creations were acknowledged before the kill. */
    assert_true(n >= KILL_AFTER);
    if (WIFEXITED(status))
        assert_int_equal(WEXITSTATUS(status), 0);
    close(fds[0]);

    mi_repo *repo = NULL;
    mi_buf err;
    mi_buf_init(&err, 4096);
    assert_int_equal(mi_repo_open(path, 0, &repo, &err), MI_RESULT_OK);
    mi_ns *ns = mi_repo_ns(repo, NS);
    assert_non_null(ns);
    for (size_t i = 0; i < n; i++) {
        char key[64];
        snprintf(key, sizeof key, "TST_Left.Id=%u", (unsigned)acked[i]);
        mi_arena a;
        MI_Instance *got = NULL;
        mi_arena_init(&a, 0, 0);
        assert_int_equal(mi_ns_get_instance(ns, key, &a, &got), MI_RESULT_OK);
        mi_arena_destroy(&a);
    }
    mi_repo_free(repo);
    mi_buf_free(&err);
    char f[200];
    snprintf(f, sizeof f, "%s-wal", path);
    unlink(f);
    snprintf(f, sizeof f, "%s-shm", path);
    unlink(f);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill9_during_creates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
