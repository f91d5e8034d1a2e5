/* test_lx_collect.c - the OS / computer system / process / processor / memory
 * collectors of src/providers, against ground truth the test reads itself: getpid,
 * getppid, /proc/self/comm, readdir of /proc, uname, sysinfo, gethostname, sysconf,
 * kill/waitpid of a forked child. Instances are made from the project's MOF
 * (schema/libmi.mof) compiled into a repository in memory. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/alloc.h"
#include "cim/cim.h"
#include "mof/mof.h"
#include "providers/linux.h"
#include "repo/repo.h"

static mi_repo *repo;
static mi_ns *ns;
static mi_linux_sys sys;

static int setup(void **state)
{
    mi_mof_options opt;

    (void)state;
    memset(&opt, 0, sizeof opt);
    if (mi_repo_new(&repo) != MI_RESULT_OK ||
        mi_mof_compile_file(repo, MI_SCHEMA_DIR "/libmi.mof", &opt, NULL) != MI_RESULT_OK)
        return -1;
    ns = mi_repo_ns(repo, "root/cimv2");
    return ns != NULL && mi_linux_sys_init(&sys, NULL) == MI_RESULT_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    mi_repo_free(repo);
    return 0;
}

static MI_Instance *new_inst(const char *cls)
{
    const MI_ClassDecl *cd = mi_ns_class(ns, cls);
    MI_Instance *inst = NULL;

    assert_non_null(cd);
    assert_int_equal(mi_instance_new(cd, "root/cimv2", NULL, &inst), MI_RESULT_OK);
    return inst;
}

/* Value of property name; fails the test if absent or NULL. */
static MI_Value get(const MI_Instance *inst, const char *name, MI_Type want)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f = 0;

    if (MI_Instance_GetElement(inst, name, &v, &t, &f, NULL) != MI_RESULT_OK)
        fail_msg("no property %s", name);
    if (f & MI_FLAG_NULL)
        fail_msg("property %s is NULL", name);
    assert_int_equal(t, want);
    return v;
}

static bool is_null(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f = 0;

    assert_int_equal(MI_Instance_GetElement(inst, name, &v, &t, &f, NULL), MI_RESULT_OK);
    return (f & MI_FLAG_NULL) != 0;
}

/* Seconds since the epoch of a CIM timestamp. */
static int64_t dt_secs(const MI_Datetime *dt)
{
    struct tm tm;

    assert_true(dt->isTimestamp);
    memset(&tm, 0, sizeof tm);
    tm.tm_year = (int)dt->u.timestamp.year - 1900;
    tm.tm_mon = (int)dt->u.timestamp.month - 1;
    tm.tm_mday = (int)dt->u.timestamp.day;
    tm.tm_hour = (int)dt->u.timestamp.hour;
    tm.tm_min = (int)dt->u.timestamp.minute;
    tm.tm_sec = (int)dt->u.timestamp.second;
    return (int64_t)timegm(&tm) - (int64_t)dt->u.timestamp.utc * 60;
}

/* Boot time from sysinfo's uptime (independent of /proc/stat's btime). */
static int64_t boot_time_sysinfo(void)
{
    struct sysinfo si;
    struct timespec now;

    assert_int_equal(sysinfo(&si), 0);
    clock_gettime(CLOCK_REALTIME, &now);
    return (int64_t)now.tv_sec - si.uptime;
}

/* ---------------------------------------------------------------- helpers */

static void test_parse_pid(void **state)
{
    pid_t p;
    unsigned c;

    (void)state;
    assert_true(mi_linux_parse_pid("1", &p) && p == 1);
    assert_true(mi_linux_parse_pid("2147483647", &p) && p == INT_MAX);
    assert_false(mi_linux_parse_pid("0", &p));
    assert_false(mi_linux_parse_pid("01", &p));
    assert_false(mi_linux_parse_pid("-1", &p));
    assert_false(mi_linux_parse_pid("+1", &p));
    assert_false(mi_linux_parse_pid("1a", &p));
    assert_false(mi_linux_parse_pid("", &p));
    assert_false(mi_linux_parse_pid(NULL, &p));
    assert_false(mi_linux_parse_pid("2147483648", &p));
    assert_true(mi_linux_parse_cpu("0", &c) && c == 0);
    assert_true(mi_linux_parse_cpu("17", &c) && c == 17);
    assert_false(mi_linux_parse_cpu("00", &c));
    assert_false(mi_linux_parse_cpu("x", &c));
}

static void test_sys(void **state)
{
    char host[256] = "";
    mi_linux_sys s;
    char longname[300];

    (void)state;
    assert_int_equal(gethostname(host, sizeof host - 1), 0);
    assert_string_equal(sys.cs_name, host);
    assert_true(sys.os_name[0] != '\0');
    assert_true(llabs(sys.boot_time - boot_time_sysinfo()) <= 2);
    assert_int_equal(mi_linux_sys_init(&s, "given.example"), MI_RESULT_OK);
    assert_string_equal(s.cs_name, "given.example");
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_int_equal(mi_linux_sys_init(&s, longname), MI_RESULT_INVALID_PARAMETER);
}

/* ---------------------------------------------------------------- computer system, OS */

static void test_computer_system(void **state)
{
    MI_Instance *inst = new_inst("Linux_ComputerSystem");
    char host[256] = "";

    (void)state;
    gethostname(host, sizeof host - 1);
    assert_int_equal(mi_linux_cs_fill(inst, &sys, false), MI_RESULT_OK);
    assert_string_equal(get(inst, "Name", MI_STRING).string, host);
    assert_string_equal(get(inst, "CreationClassName", MI_STRING).string,
                        "Linux_ComputerSystem");
    assert_string_equal(get(inst, "NameFormat", MI_STRING).string, "IP");
    MI_Instance_Delete(inst);
}

static unsigned count_proc_dirs(void)
{
    DIR *d = opendir("/proc");
    struct dirent *de;
    unsigned n = 0;

    assert_non_null(d);
    while ((de = readdir(d)) != NULL)
        if (de->d_name[0] >= '1' && de->d_name[0] <= '9' &&
            strspn(de->d_name, "0123456789") == strlen(de->d_name))
            n++;
    closedir(d);
    return n;
}

static void test_operating_system(void **state)
{
    MI_Instance *inst = new_inst("Linux_OperatingSystem");
    struct utsname un;
    struct sysinfo si;
    unsigned before, after, n;
    int64_t now = (int64_t)time(NULL);
    MI_Value v;

    (void)state;
    assert_int_equal(uname(&un), 0);
    before = count_proc_dirs();
    assert_int_equal(mi_linux_os_fill(inst, &sys, false), MI_RESULT_OK);
    after = count_proc_dirs();
    assert_int_equal(sysinfo(&si), 0);
    assert_string_equal(get(inst, "CSName", MI_STRING).string, sys.cs_name);
    assert_string_equal(get(inst, "CSCreationClassName", MI_STRING).string,
                        "Linux_ComputerSystem");
    assert_string_equal(get(inst, "CreationClassName", MI_STRING).string,
                        "Linux_OperatingSystem");
    assert_string_equal(get(inst, "Name", MI_STRING).string, sys.os_name);
    assert_int_equal(get(inst, "OSType", MI_UINT16).uint16, 36);
    assert_string_equal(get(inst, "Version", MI_STRING).string, un.release);
    assert_string_equal(get(inst, "OtherTypeDescription", MI_STRING).string, un.version);
    v = get(inst, "LastBootUpTime", MI_DATETIME);
    assert_true(llabs(dt_secs(&v.datetime) - boot_time_sysinfo()) <= 2);
    v = get(inst, "LocalDateTime", MI_DATETIME);
    assert_true(llabs(dt_secs(&v.datetime) - now) <= 2);
    n = get(inst, "NumberOfProcesses", MI_UINT32).uint32;
    assert_true(n + 50 >= (before < after ? before : after));
    assert_true(n <= (before > after ? before : after) + 50);
    assert_int_equal(get(inst, "TotalVisibleMemorySize", MI_UINT64).uint64 * 1024u,
                     (uint64_t)si.totalram * si.mem_unit);
    assert_int_equal(get(inst, "TotalSwapSpaceSize", MI_UINT64).uint64 * 1024u,
                     (uint64_t)si.totalswap * si.mem_unit);
    assert_int_equal(get(inst, "TotalVirtualMemorySize", MI_UINT64).uint64 * 1024u,
                     ((uint64_t)si.totalram + si.totalswap) * si.mem_unit);
    MI_Instance_Delete(inst);

    /* keys only: the four keys and nothing else. */
    inst = new_inst("Linux_OperatingSystem");
    assert_int_equal(mi_linux_os_fill(inst, &sys, true), MI_RESULT_OK);
    assert_true(is_null(inst, "Version"));
    assert_true(is_null(inst, "LastBootUpTime"));
    assert_string_equal(get(inst, "Name", MI_STRING).string, sys.os_name);
    MI_Instance_Delete(inst);
}

/* ---------------------------------------------------------------- processes */

static void read_comm(pid_t pid, char *out, size_t cap)
{
    char path[64];
    FILE *f;

    snprintf(path, sizeof path, "/proc/%d/comm", (int)pid);
    f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(out, (int)cap, f));
    fclose(f);
    out[strcspn(out, "\n")] = '\0';
}

static void test_process_self(void **state)
{
    MI_Instance *inst = new_inst("Linux_UnixProcess");
    char comm[64], handle[32], ppid[32], exe[PATH_MAX];
    ssize_t n;
    MI_Value v;
    int64_t now = (int64_t)time(NULL);

    (void)state;
    read_comm(getpid(), comm, sizeof comm);
    snprintf(handle, sizeof handle, "%d", (int)getpid());
    snprintf(ppid, sizeof ppid, "%d", (int)getppid());
    assert_int_equal(mi_linux_process_fill(inst, &sys, getpid(), false), MI_RESULT_OK);
    assert_string_equal(get(inst, "Handle", MI_STRING).string, handle);
    assert_string_equal(get(inst, "Name", MI_STRING).string, comm);
    assert_string_equal(get(inst, "ParentProcessID", MI_STRING).string, ppid);
    assert_string_equal(get(inst, "CSName", MI_STRING).string, sys.cs_name);
    assert_string_equal(get(inst, "OSName", MI_STRING).string, sys.os_name);
    assert_string_equal(get(inst, "CreationClassName", MI_STRING).string, "Linux_UnixProcess");
    assert_string_equal(get(inst, "OSCreationClassName", MI_STRING).string,
                        "Linux_OperatingSystem");
    assert_int_equal(get(inst, "RealUserID", MI_UINT64).uint64, getuid());
    assert_int_equal(get(inst, "ProcessGroupID", MI_UINT64).uint64, getpgrp());
    assert_int_equal(get(inst, "ProcessSessionID", MI_UINT64).uint64, getsid(0));
    assert_int_equal(get(inst, "ExecutionState", MI_UINT16).uint16, 3); /* running now */
    assert_true(get(inst, "WorkingSetSize", MI_UINT64).uint64 > 0);
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    assert_true(n > 0);
    exe[n] = '\0';
    assert_string_equal(get(inst, "ModulePath", MI_STRING).string, exe);
    v = get(inst, "Parameters", MI_STRINGA);
    assert_true(v.stringa.size >= 1);
    assert_string_equal(v.stringa.data[0], program_invocation_name);
    v = get(inst, "CreationDate", MI_DATETIME);
    assert_true(dt_secs(&v.datetime) >= sys.boot_time - 1);
    assert_true(dt_secs(&v.datetime) <= now + 1);
    MI_Instance_Delete(inst);
}

static void test_process_keys_only(void **state)
{
    MI_Instance *inst = new_inst("Linux_UnixProcess");
    MI_Uint32 count = 0, keys = 0;

    (void)state;
    assert_int_equal(mi_linux_process_fill(inst, &sys, getpid(), true), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElementCount(inst, &count), MI_RESULT_OK);
    for (MI_Uint32 i = 0; i < count; i++) {
        const MI_Char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f = 0;
        assert_int_equal(MI_Instance_GetElementAt(inst, i, &name, &v, &t, &f), MI_RESULT_OK);
        if (f & MI_FLAG_NULL)
            continue;
        if (inst->classDecl->properties[i]->value != NULL)
            continue; /* the class's default value (EnabledState), not the collector's */
        if (!(inst->classDecl->properties[i]->flags & MI_FLAG_KEY))
            fail_msg("keys-only instance has non-key %s", name);
        keys++;
    }
    assert_int_equal(keys, 6);
    MI_Instance_Delete(inst);
}

/* A dynamic instance gets the keys as elements flagged MI_FLAG_KEY. */
static void test_process_dynamic(void **state)
{
    MI_Instance *inst = NULL;
    MI_Uint32 count = 0;

    (void)state;
    assert_int_equal(mi_instance_new_dynamic("Linux_UnixProcess", MI_FLAG_CLASS, &inst),
                     MI_RESULT_OK);
    assert_int_equal(mi_linux_process_fill(inst, &sys, getpid(), true), MI_RESULT_OK);
    assert_int_equal(MI_Instance_GetElementCount(inst, &count), MI_RESULT_OK);
    assert_int_equal(count, 6);
    for (MI_Uint32 i = 0; i < count; i++) {
        MI_Uint32 f = 0;
        assert_int_equal(MI_Instance_GetElementAt(inst, i, NULL, NULL, NULL, &f), MI_RESULT_OK);
        assert_true(f & MI_FLAG_KEY);
    }
    MI_Instance_Delete(inst);
}

/* A pid that just ended, and a thread id (not a process), are NOT_FOUND. */
static void *sleeper(void *arg)
{
    pid_t *tid = arg;

    __atomic_store_n(tid, gettid(), __ATOMIC_SEQ_CST);
    pause();
    return NULL;
}

static void test_process_missing(void **state)
{
    MI_Instance *inst = new_inst("Linux_UnixProcess");
    pid_t child = fork(), tid = 0;
    pthread_t th;
    int status;

    (void)state;
    assert_true(child >= 0);
    if (child == 0)
        _exit(0);
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_int_equal(mi_linux_process_fill(inst, &sys, child, false), MI_RESULT_NOT_FOUND);
    assert_int_equal(mi_linux_process_exists(child), MI_RESULT_NOT_FOUND);

    assert_int_equal(pthread_create(&th, NULL, sleeper, &tid), 0);
    while (__atomic_load_n(&tid, __ATOMIC_SEQ_CST) == 0)
        usleep(1000);
    pid_t thread_id = __atomic_load_n(&tid, __ATOMIC_SEQ_CST);
    assert_int_not_equal(thread_id, getpid());
    assert_int_equal(access("/proc/self/task", F_OK), 0);
    assert_int_equal(mi_linux_process_fill(inst, &sys, thread_id, false), MI_RESULT_NOT_FOUND);
    assert_int_equal(mi_linux_process_exists(thread_id), MI_RESULT_NOT_FOUND);
    assert_int_equal(mi_linux_process_exists(getpid()), MI_RESULT_OK);
    pthread_cancel(th);
    pthread_join(th, NULL);
    MI_Instance_Delete(inst);
}

/* ---- the set of processes equals a scan of /proc taken just before and after */

#define MAX_PIDS 65536
typedef struct pid_set {
    pid_t *p;
    size_t n;
} pid_set;

static void scan_proc(pid_set *s)
{
    DIR *d = opendir("/proc");
    struct dirent *de;

    s->p = calloc(MAX_PIDS, sizeof *s->p);
    s->n = 0;
    assert_non_null(d);
    assert_non_null(s->p);
    while ((de = readdir(d)) != NULL && s->n < MAX_PIDS)
        if (de->d_name[0] >= '1' && de->d_name[0] <= '9' &&
            strspn(de->d_name, "0123456789") == strlen(de->d_name))
            s->p[s->n++] = (pid_t)atoi(de->d_name);
    closedir(d);
}

static bool has(const pid_set *s, pid_t p)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->p[i] == p)
            return true;
    return false;
}

typedef struct enum_ctx {
    pid_set got;
    const MI_ClassDecl *cd;
    bool keys_only;
    unsigned vanished;
} enum_ctx;

static MI_Result collect(void *ud, pid_t pid)
{
    enum_ctx *e = ud;
    MI_Instance *inst = NULL;
    MI_Result r = mi_instance_new(e->cd, NULL, NULL, &inst);
    pid_t h;

    if (r != MI_RESULT_OK)
        return r;
    r = mi_linux_process_fill(inst, &sys, pid, e->keys_only);
    if (r == MI_RESULT_NOT_FOUND) {
        e->vanished++;
        r = MI_RESULT_OK;
    } else if (r == MI_RESULT_OK) {
        MI_Value v;
        MI_Uint32 f = 0;
        if (MI_Instance_GetElement(inst, "Handle", &v, NULL, &f, NULL) != MI_RESULT_OK ||
            !mi_linux_parse_pid(v.string, &h) || h != pid || e->got.n >= MAX_PIDS)
            r = MI_RESULT_FAILED;
        else
            e->got.p[e->got.n++] = h;
    }
    MI_Instance_Delete(inst);
    return r;
}

static void check_enumeration(bool keys_only)
{
    pid_set before, after;
    enum_ctx e;

    memset(&e, 0, sizeof e);
    e.cd = mi_ns_class(ns, "Linux_UnixProcess");
    e.keys_only = keys_only;
    e.got.p = calloc(MAX_PIDS, sizeof *e.got.p);
    assert_non_null(e.got.p);
    scan_proc(&before);
    assert_int_equal(mi_linux_process_each(collect, &e), MI_RESULT_OK);
    scan_proc(&after);
    assert_true(has(&e.got, getpid()));
    /* Whatever lived throughout was reported; whatever was reported lived at some
     * point of the run. */
    for (size_t i = 0; i < before.n; i++)
        if (has(&after, before.p[i]) && !has(&e.got, before.p[i]))
            fail_msg("pid %d alive throughout but not enumerated", (int)before.p[i]);
    for (size_t i = 0; i < e.got.n; i++)
        if (!has(&before, e.got.p[i]) && !has(&after, e.got.p[i]))
            fail_msg("pid %d enumerated but seen in neither scan", (int)e.got.p[i]);
    free(before.p);
    free(after.p);
    free(e.got.p);
}

static void test_process_enumeration(void **state)
{
    (void)state;
    check_enumeration(false);
    check_enumeration(true);
}

/* ---- the signal method */

static void test_signal(void **state)
{
    pid_t child;
    int status;
    struct stat st1;

    (void)state;
    child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        for (;;)
            pause();
    }
    assert_int_equal(mi_linux_process_signal(child, SIGTERM), MI_RESULT_OK);
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGTERM);
    /* reaped: gone */
    assert_int_equal(mi_linux_process_signal(child, SIGTERM), MI_RESULT_NOT_FOUND);

    assert_int_equal(mi_linux_process_signal(getpid(), 0), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(mi_linux_process_signal(getpid(), SIGRTMAX + 1),
                     MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(mi_linux_process_signal(getpid(), -9), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(mi_linux_process_signal(0, SIGTERM), MI_RESULT_INVALID_PARAMETER);
    assert_int_equal(mi_linux_process_signal(-1, SIGTERM), MI_RESULT_INVALID_PARAMETER);

    /* Permission. As root: a paused child that stays root, and a second child that
     * drops to an unprivileged uid and tries SIGTERM on it (not SIGCONT: the kernel
     * lets SIGCONT through within one session, whoever owns the target). As another
     * user: pid 1, when someone else owns it, with SIGURG (ignored by default, so
     * harmless should the sandbox grant it after all). */
    if (getuid() == 0) {
        pid_t target = fork();
        assert_true(target >= 0);
        if (target == 0) {
            for (;;)
                pause();
        }
        child = fork();
        assert_true(child >= 0);
        if (child == 0) {
            if (setgid(65533) != 0 || setuid(65533) != 0)
                _exit(2);
            MI_Result r = mi_linux_process_signal(target, SIGTERM);
            _exit(r == MI_RESULT_ACCESS_DENIED ? 0 : 10 + (int)r); /* status names the result */
        }
        assert_int_equal(waitpid(child, &status, 0), child);
        kill(target, SIGKILL);
        assert_int_equal(waitpid(target, NULL, 0), target);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    } else if (stat("/proc/1", &st1) == 0 && st1.st_uid != getuid()) {
        assert_int_equal(mi_linux_process_signal(1, SIGURG), MI_RESULT_ACCESS_DENIED);
    }
}

/* ---------------------------------------------------------------- processors, memory */

static MI_Result count_cpu(void *ud, unsigned cpu)
{
    unsigned *n = ud;
    MI_Instance *inst = NULL;
    char id[16];
    MI_Result r = mi_instance_new(mi_ns_class(ns, "Linux_Processor"), NULL, NULL, &inst);

    if (r != MI_RESULT_OK)
        return r;
    r = mi_linux_processor_fill(inst, &sys, cpu, false);
    snprintf(id, sizeof id, "%u", cpu);
    if (r == MI_RESULT_OK) {
        MI_Value v;
        if (MI_Instance_GetElement(inst, "DeviceID", &v, NULL, NULL, NULL) != MI_RESULT_OK ||
            strcmp(v.string, id) != 0 ||
            MI_Instance_GetElement(inst, "SystemName", &v, NULL, NULL, NULL) != MI_RESULT_OK ||
            strcmp(v.string, sys.cs_name) != 0)
            r = MI_RESULT_FAILED;
    }
    MI_Instance_Delete(inst);
    (*n)++;
    return r;
}

static void test_processors(void **state)
{
    unsigned n = 0;
    MI_Instance *inst = new_inst("Linux_Processor");

    (void)state;
    assert_int_equal(mi_linux_cpu_each(count_cpu, &n), MI_RESULT_OK);
    assert_int_equal(n, (unsigned)sysconf(_SC_NPROCESSORS_CONF));
    assert_int_equal(mi_linux_processor_fill(inst, &sys, n + 1000, false), MI_RESULT_NOT_FOUND);
    assert_int_equal(mi_linux_processor_fill(inst, &sys, 0, true), MI_RESULT_OK);
    assert_true(is_null(inst, "Role"));
    MI_Instance_Delete(inst);
}

static void test_memory(void **state)
{
    MI_Instance *inst = new_inst("Linux_Memory");
    struct sysinfo si;

    (void)state;
    assert_int_equal(mi_linux_memory_fill(inst, &sys, false), MI_RESULT_OK);
    assert_int_equal(sysinfo(&si), 0);
    assert_string_equal(get(inst, "DeviceID", MI_STRING).string, "memory");
    assert_int_equal(get(inst, "BlockSize", MI_UINT64).uint64, 1);
    assert_int_equal(get(inst, "NumberOfBlocks", MI_UINT64).uint64,
                     (uint64_t)si.totalram * si.mem_unit);
    assert_true(get(inst, "ConsumableBlocks", MI_UINT64).uint64 <=
                (uint64_t)si.totalram * si.mem_unit);
    assert_true(get(inst, "Volatile", MI_BOOLEAN).boolean);
    MI_Instance_Delete(inst);
}

/* Failing each allocation in turn: every fill either succeeds or reports
 * SERVER_LIMITS_EXCEEDED (FAILED when the instance layer reports it so), and frees
 * what it took (the ASan build checks leaks). */
static void test_allocation_failures(void **state)
{
    static const char *const classes[] = {"Linux_UnixProcess", "Linux_OperatingSystem",
                                          "Linux_Processor", "Linux_Memory",
                                          "Linux_ComputerSystem"};
    (void)state;
    for (size_t c = 0; c < sizeof classes / sizeof classes[0]; c++) {
        const MI_ClassDecl *cd = mi_ns_class(ns, classes[c]);
        long n;
        bool succeeded = false;
        for (n = 1; n < 2000 && !succeeded; n++) {
            MI_Instance *inst = NULL;
            MI_Result r;
            mi_alloc_fail_after(n);
            r = mi_instance_new(cd, NULL, NULL, &inst);
            if (r == MI_RESULT_OK) {
                switch (c) {
                case 0: r = mi_linux_process_fill(inst, &sys, getpid(), false); break;
                case 1: r = mi_linux_os_fill(inst, &sys, false); break;
                case 2: r = mi_linux_processor_fill(inst, &sys, 0, false); break;
                case 3: r = mi_linux_memory_fill(inst, &sys, false); break;
                default: r = mi_linux_cs_fill(inst, &sys, false); break;
                }
                MI_Instance_Delete(inst);
            }
            mi_alloc_fail_after(0);
            if (r == MI_RESULT_OK)
                succeeded = true;
            else if (r != MI_RESULT_SERVER_LIMITS_EXCEEDED && r != MI_RESULT_FAILED)
                fail_msg("%s: allocation %ld failed gave %d", classes[c], n, (int)r);
        }
        assert_true(succeeded);
        assert_true(n > 2); /* some allocation was exercised */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_pid),
        cmocka_unit_test(test_sys),
        cmocka_unit_test(test_computer_system),
        cmocka_unit_test(test_operating_system),
        cmocka_unit_test(test_process_self),
        cmocka_unit_test(test_process_keys_only),
        cmocka_unit_test(test_process_dynamic),
        cmocka_unit_test(test_process_missing),
        cmocka_unit_test(test_process_enumeration),
        cmocka_unit_test(test_signal),
        cmocka_unit_test(test_processors),
        cmocka_unit_test(test_memory),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
