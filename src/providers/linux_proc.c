/* linux_proc.c - processes: /proc/PID/{stat,status,cmdline,exe,wchan} and kill(2).
 *
 * A process can end at any moment. Only a failure to read /proc/PID/stat (or
 * /proc/PID/status for the process check) means "no such process"; every later read
 * that fails leaves its property NULL, so an enumeration never fails because one
 * process went away or hid a file (EACCES on exe as non-root). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "providers/linux.h"

#define CMDLINE_CAP (64u * 1024u) /* bytes of /proc/PID/cmdline kept */
#define CMDLINE_ARGS_CAP 4096u    /* arguments kept */

bool mi_linux_parse_pid(const char *handle, pid_t *pid)
{
    unsigned long long v = 0;
    const char *p = handle;

    if (p == NULL || *p < '1' || *p > '9')
        return false;
    for (; *p != '\0'; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (unsigned)(*p - '0');
        if (v > INT_MAX)
            return false;
    }
    *pid = (pid_t)v;
    return true;
}

MI_Result mi_linux_process_each(mi_linux_pid_fn fn, void *ctx)
{
    MI_Result r = MI_RESULT_OK;
    DIR *d = opendir("/proc");
    struct dirent *de;

    if (d == NULL)
        return MI_RESULT_FAILED;
    while (r == MI_RESULT_OK && (de = readdir(d)) != NULL) {
        pid_t pid;
        if (mi_linux_parse_pid(de->d_name, &pid))
            r = fn(ctx, pid);
    }
    closedir(d);
    return r;
}

/* Reads /proc/PID/NAME into buf. -1 if it cannot be read. */
static long read_pid_file(pid_t pid, const char *name, char *buf, size_t cap)
{
    char path[64];

    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
    return mi_linux_read_file(path, buf, cap);
}

MI_Result mi_linux_process_stat(pid_t pid, mi_linux_stat *st)
{
    MI_Result r = MI_RESULT_FAILED;
    char buf[1024];
    const char *open_paren, *close_paren;
    char *p;
    long long f[21]; /* fields 4 (ppid) .. 24 (rss) of proc_pid_stat(5) */
    size_t len;

    memset(st, 0, sizeof *st);
    if (read_pid_file(pid, "stat", buf, sizeof buf) <= 0) {
        r = MI_RESULT_NOT_FOUND;
        goto out;
    }
    /* "pid (comm) state ...": comm may hold spaces and parentheses. */
    open_paren = strchr(buf, '(');
    close_paren = strrchr(buf, ')');
    if (open_paren == NULL || close_paren == NULL || close_paren < open_paren ||
        close_paren[1] != ' ' || close_paren[2] == '\0')
        goto out;
    len = (size_t)(close_paren - open_paren - 1);
    if (len >= sizeof st->comm)
        len = sizeof st->comm - 1;
    memcpy(st->comm, open_paren + 1, len);
    st->comm[len] = '\0';
    st->pid = (pid_t)strtol(buf, NULL, 10);
    st->state = close_paren[2];
    p = (char *)close_paren + 3;
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        char *end;
        errno = 0;
        f[i] = strtoll(p, &end, 10);
        if (end == p || errno != 0)
            goto out;
        p = end;
    }
    st->ppid = (pid_t)f[0];
    st->pgrp = (pid_t)f[1];
    st->session = (pid_t)f[2];
    st->tty_nr = (int)f[3];
    st->utime = (uint64_t)f[10];
    st->stime = (uint64_t)f[11];
    st->priority = (long)f[14];
    st->nice = (long)f[15];
    st->starttime = (uint64_t)f[18];
    st->rss = (int64_t)f[20];
    r = MI_RESULT_OK;
out:
    return r;
}

/* Value of `key:` in /proc/PID/status text (first number); false if absent. */
static bool status_field(const char *text, const char *key, long long *v)
{
    size_t klen = strlen(key);
    const char *p = text;

    while ((p = strstr(p, key)) != NULL) {
        if ((p == text || p[-1] == '\n') && p[klen] == ':') {
            *v = strtoll(p + klen + 1, NULL, 10);
            return true;
        }
        p += klen;
    }
    return false;
}

/* Reads Tgid and real Uid of pid. NOT_FOUND if the status file cannot be read or
 * pid is a thread of another process. */
static MI_Result process_status(pid_t pid, long long *uid)
{
    char buf[4096];
    long long tgid;

    if (read_pid_file(pid, "status", buf, sizeof buf) <= 0 ||
        !status_field(buf, "Tgid", &tgid) || tgid != (long long)pid)
        return MI_RESULT_NOT_FOUND;
    if (!status_field(buf, "Uid", uid))
        *uid = -1;
    return MI_RESULT_OK;
}

MI_Result mi_linux_process_exists(pid_t pid)
{
    long long uid;

    return process_status(pid, &uid);
}

static void tty_name(int tty_nr, char *out, size_t cap)
{
    unsigned major = ((unsigned)tty_nr >> 8) & 0xfffu;
    unsigned minor = ((unsigned)tty_nr & 0xffu) | (((unsigned)tty_nr >> 12) & 0xfff00u);

    if (tty_nr == 0)
        snprintf(out, cap, "?");
    else if (major >= 136 && major <= 143)
        snprintf(out, cap, "pts/%u", (major - 136) * 256 + minor);
    else if (major == 4 && minor < 64)
        snprintf(out, cap, "tty%u", minor);
    else if (major == 4)
        snprintf(out, cap, "ttyS%u", minor - 64);
    else if (major == 5 && minor == 0)
        snprintf(out, cap, "tty");
    else if (major == 5 && minor == 1)
        snprintf(out, cap, "console");
    else
        snprintf(out, cap, "%u:%u", major, minor);
}

static MI_Uint16 execution_state(char state)
{
    switch (state) {
    case 'R': return 3;                       /* Running */
    case 'S': case 'D': case 'I': return 4;   /* Blocked */
    case 'T': case 't': return 8;             /* Stopped */
    case 'Z': case 'X': case 'x': return 7;   /* Terminated */
    default: return 0;                        /* Unknown */
    }
}

/* Parameters from /proc/PID/cmdline; left NULL when empty (kernel threads) or
 * unreadable. */
static MI_Result set_parameters(MI_Instance *inst, pid_t pid)
{
    MI_Result r = MI_RESULT_OK;
    char *buf = mi_malloc(CMDLINE_CAP + 1);
    char **args = NULL;
    long len;
    MI_Uint32 n = 0;
    MI_Value v;

    if (buf == NULL)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    len = read_pid_file(pid, "cmdline", buf, CMDLINE_CAP + 1);
    if (len <= 0)
        goto out_free_buf;
    if (buf[len - 1] != '\0')
        buf[len++] = '\0'; /* truncated at the cap, or a rewritten argv */
    args = mi_malloc(sizeof *args * CMDLINE_ARGS_CAP);
    if (args == NULL) {
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out_free_buf;
    }
    for (long i = 0; i < len && n < CMDLINE_ARGS_CAP; i += (long)strlen(buf + i) + 1)
        args[n++] = buf + i;
    v.stringa.data = args;
    v.stringa.size = n;
    r = mi_linux_set(inst, "Parameters", &v, MI_STRINGA, 0);
    mi_free(args);
out_free_buf:
    mi_free(buf);
    return r;
}

MI_Result mi_linux_process_fill(MI_Instance *inst, const mi_linux_sys *sys, pid_t pid,
                                bool keys_only)
{
    MI_Result r;
    mi_linux_stat st;
    long long uid = -1;
    char text[PATH_MAX];
    MI_Value v;
    uint64_t ticks, start;
    long n;

    if (!keys_only) {
        r = mi_linux_process_stat(pid, &st);
        if (r == MI_RESULT_OK)
            r = process_status(pid, &uid);
        if (r != MI_RESULT_OK)
            goto out;
    }
    snprintf(text, sizeof text, "%d", (int)pid);
    r = mi_linux_set_string(inst, "CSCreationClassName", MI_LINUX_CS_CLASS, MI_FLAG_KEY);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "CSName", sys->cs_name, MI_FLAG_KEY);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "OSCreationClassName", MI_LINUX_OS_CLASS, MI_FLAG_KEY);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "OSName", sys->os_name, MI_FLAG_KEY);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_creation_class(inst);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "Handle", text, MI_FLAG_KEY);
    if (r != MI_RESULT_OK || keys_only)
        goto out;

    r = mi_linux_set_string(inst, "Name", st.comm, 0);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "ElementName", st.comm, 0);
    snprintf(text, sizeof text, "%d", (int)st.ppid);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "ParentProcessID", text, 0);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "ProcessGroupID", MI_UINT64, (uint64_t)st.pgrp);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "ProcessSessionID", MI_UINT64, (uint64_t)st.session);
    tty_name(st.tty_nr, text, sizeof text);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "ProcessTTY", text, 0);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "ExecutionState", MI_UINT16, execution_state(st.state));
    if (r == MI_RESULT_OK && st.priority + 100 >= 0)
        r = mi_linux_set_u64(inst, "Priority", MI_UINT32, (uint64_t)(st.priority + 100));
    if (r == MI_RESULT_OK && st.nice >= -20 && st.nice <= 19)
        r = mi_linux_set_u64(inst, "ProcessNiceValue", MI_UINT32, (uint64_t)(st.nice + 20));
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "UserModeTime", MI_UINT64,
                             st.utime * 1000u / (uint64_t)sys->clk_tck);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "KernelModeTime", MI_UINT64,
                             st.stime * 1000u / (uint64_t)sys->clk_tck);
    if (r == MI_RESULT_OK && st.rss >= 0)
        r = mi_linux_set_u64(inst, "WorkingSetSize", MI_UINT64,
                             (uint64_t)st.rss * (uint64_t)sys->page_size);
    if (r == MI_RESULT_OK && uid >= 0)
        r = mi_linux_set_u64(inst, "RealUserID", MI_UINT64, (uint64_t)uid);
    if (r != MI_RESULT_OK)
        goto out;

    ticks = (uint64_t)sys->clk_tck;
    start = st.starttime;
    mi_linux_datetime(sys->boot_time + (int64_t)(start / ticks),
                      (uint32_t)((start % ticks) * 1000000u / ticks), &v.datetime);
    r = mi_linux_set(inst, "CreationDate", &v, MI_DATETIME, 0);
    if (r != MI_RESULT_OK)
        goto out;

    snprintf(text, sizeof text, "/proc/%d/exe", (int)pid);
    {
        char target[PATH_MAX];
        ssize_t tl = readlink(text, target, sizeof target - 1);
        if (tl > 0) {
            target[tl] = '\0';
            r = mi_linux_set_string(inst, "ModulePath", target, 0);
        }
    }
    if (r == MI_RESULT_OK && (st.state == 'S' || st.state == 'D') &&
        (n = read_pid_file(pid, "wchan", text, 128)) > 0 && strcmp(text, "0") != 0)
        r = mi_linux_set_string(inst, "ProcessWaitingForEvent", text, 0);
    if (r == MI_RESULT_OK)
        r = set_parameters(inst, pid);
out:
    return r;
}

MI_Result mi_linux_process_signal(pid_t pid, int64_t sig)
{
    if (pid < 1 || sig < 1 || sig > SIGRTMAX)
        return MI_RESULT_INVALID_PARAMETER;
    if (kill(pid, (int)sig) == 0)
        return MI_RESULT_OK;
    switch (errno) {
    case ESRCH: return MI_RESULT_NOT_FOUND;
    case EPERM: return MI_RESULT_ACCESS_DENIED;
    case EINVAL: return MI_RESULT_INVALID_PARAMETER;
    default: return MI_RESULT_FAILED;
    }
}
