/* linux_os.c - the computer system and the operating system (uname, /proc/meminfo,
 * utmp, /proc/sys/kernel/pid_max). */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <utmpx.h>

#include "providers/linux.h"

static MI_Result set_status_ok(MI_Instance *inst)
{
    MI_Uint16 ok = 2;
    MI_Value v;
    MI_Result r;

    v.uint16a.data = &ok;
    v.uint16a.size = 1;
    r = mi_linux_set(inst, "OperationalStatus", &v, MI_UINT16A, 0);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "HealthState", MI_UINT16, 5);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "EnabledState", MI_UINT16, 2);
    return r;
}

MI_Result mi_linux_cs_fill(MI_Instance *inst, const mi_linux_sys *sys, bool keys_only)
{
    MI_Result r = mi_linux_set_creation_class(inst);

    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "Name", sys->cs_name, MI_FLAG_KEY);
    if (r != MI_RESULT_OK || keys_only)
        goto out;
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "NameFormat", "IP", 0);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "ElementName", sys->cs_name, 0);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "Caption", "Computer system", 0);
    if (r == MI_RESULT_OK)
        r = set_status_ok(inst);
out:
    return r;
}

/* Value in kB of `key:` in /proc/meminfo text; false if absent. */
static bool meminfo_kb(const char *text, const char *key, uint64_t *kb)
{
    size_t klen = strlen(key);
    const char *p = text;

    while ((p = strstr(p, key)) != NULL) {
        if ((p == text || p[-1] == '\n') && p[klen] == ':') {
            *kb = strtoull(p + klen + 1, NULL, 10);
            return true;
        }
        p += klen;
    }
    return false;
}

/* Number of process directories in /proc. */
static MI_Result count_pid(void *ctx, pid_t pid)
{
    (void)pid;
    (*(uint32_t *)ctx)++;
    return MI_RESULT_OK;
}

static uint32_t count_users(void)
{
    uint32_t n = 0;
    struct utmpx *u;

    setutxent();
    while ((u = getutxent()) != NULL)
        if (u->ut_type == USER_PROCESS)
            n++;
    endutxent();
    return n;
}

MI_Result mi_linux_os_fill(MI_Instance *inst, const mi_linux_sys *sys, bool keys_only)
{
    MI_Result r;
    struct utsname un;
    struct timeval now;
    struct rlimit rl;
    char buf[8192];
    uint64_t mem_total = 0, mem_free = 0, swap_total = 0, swap_free = 0;
    uint32_t nproc = 0;
    MI_Value v;

    r = mi_linux_set_string(inst, "CSCreationClassName", MI_LINUX_CS_CLASS, MI_FLAG_KEY);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "CSName", sys->cs_name, MI_FLAG_KEY);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_creation_class(inst);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "Name", sys->os_name, MI_FLAG_KEY);
    if (r != MI_RESULT_OK || keys_only)
        goto out;

    if (uname(&un) != 0) {
        r = MI_RESULT_FAILED;
        goto out;
    }
    r = mi_linux_set_u64(inst, "OSType", MI_UINT16, 36);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "Version", un.release, 0);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "OtherTypeDescription", un.version, 0);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "ElementName", sys->os_name, 0);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "Caption", un.sysname, 0);
    if (r == MI_RESULT_OK)
        r = set_status_ok(inst);
    if (r != MI_RESULT_OK)
        goto out;

    mi_linux_datetime(sys->boot_time, 0, &v.datetime);
    r = mi_linux_set(inst, "LastBootUpTime", &v, MI_DATETIME, 0);
    gettimeofday(&now, NULL);
    mi_linux_datetime(now.tv_sec, (uint32_t)now.tv_usec, &v.datetime);
    if (r == MI_RESULT_OK)
        r = mi_linux_set(inst, "LocalDateTime", &v, MI_DATETIME, 0);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "CurrentTimeZone", MI_SINT16,
                             (uint64_t)(int64_t)v.datetime.u.timestamp.utc);
    if (r != MI_RESULT_OK)
        goto out;

    if (mi_linux_process_each(count_pid, &nproc) == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "NumberOfProcesses", MI_UINT32, nproc);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "NumberOfUsers", MI_UINT32, count_users());
    if (r == MI_RESULT_OK && mi_linux_read_file("/proc/sys/kernel/pid_max", buf, 64) > 0)
        r = mi_linux_set_u64(inst, "MaxNumberOfProcesses", MI_UINT32,
                             strtoul(buf, NULL, 10));
    if (r == MI_RESULT_OK && getrlimit(RLIMIT_NPROC, &rl) == 0)
        r = mi_linux_set_u64(inst, "MaxProcessesPerUser", MI_UINT32,
                             rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > UINT32_MAX
                                 ? 0 : (uint64_t)rl.rlim_cur);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "Distributed", MI_BOOLEAN, 0);
    if (r != MI_RESULT_OK)
        goto out;

    if (mi_linux_read_file("/proc/meminfo", buf, sizeof buf) > 0 &&
        meminfo_kb(buf, "MemTotal", &mem_total) && meminfo_kb(buf, "MemFree", &mem_free)) {
        (void)meminfo_kb(buf, "SwapTotal", &swap_total);
        (void)meminfo_kb(buf, "SwapFree", &swap_free);
        r = mi_linux_set_u64(inst, "TotalVisibleMemorySize", MI_UINT64, mem_total);
        if (r == MI_RESULT_OK)
            r = mi_linux_set_u64(inst, "FreePhysicalMemory", MI_UINT64, mem_free);
        if (r == MI_RESULT_OK)
            r = mi_linux_set_u64(inst, "TotalSwapSpaceSize", MI_UINT64, swap_total);
        if (r == MI_RESULT_OK)
            r = mi_linux_set_u64(inst, "SizeStoredInPagingFiles", MI_UINT64, swap_total);
        if (r == MI_RESULT_OK)
            r = mi_linux_set_u64(inst, "FreeSpaceInPagingFiles", MI_UINT64, swap_free);
        if (r == MI_RESULT_OK)
            r = mi_linux_set_u64(inst, "TotalVirtualMemorySize", MI_UINT64,
                                 mem_total + swap_total);
        if (r == MI_RESULT_OK)
            r = mi_linux_set_u64(inst, "FreeVirtualMemory", MI_UINT64, mem_free + swap_free);
    }
out:
    return r;
}

bool mi_linux_meminfo_kb(const char *key, uint64_t *kb)
{
    char buf[8192];

    return mi_linux_read_file("/proc/meminfo", buf, sizeof buf) > 0 &&
           meminfo_kb(buf, key, kb);
}
