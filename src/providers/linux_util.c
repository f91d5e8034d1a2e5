/* linux_util.c - what the Linux collectors share: the host facts read once per
 * request (mi_linux_sys), setting properties on whatever instance the caller made,
 * CIM timestamps and capped file reads. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "providers/linux.h"

long mi_linux_read_file(const char *path, char *buf, size_t cap)
{
    long len = -1;
    size_t n = 0;
    int fd;

    if (cap == 0) {
        errno = EINVAL;
        return -1;
    }
    do {
        fd = open(path, O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        goto out;
    while (n < cap - 1) {
        ssize_t r = read(fd, buf + n, cap - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            goto out_close;
        if (r == 0)
            break;
        n += (size_t)r;
    }
    buf[n] = '\0';
    len = (long)n;
out_close:
    close(fd);
out:
    return len;
}

/* Copies the value of `key=` from os-release text into out (quotes removed).
 * True if found and it fits. */
static bool os_release_value(const char *text, const char *key, char *out, size_t cap)
{
    size_t klen = strlen(key);
    const char *p = text;

    while (p != NULL && *p != '\0') {
        const char *eol = strchr(p, '\n');
        size_t len = eol != NULL ? (size_t)(eol - p) : strlen(p);
        if (len > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
            const char *v = p + klen + 1;
            size_t vlen = len - klen - 1;
            if (vlen >= 2 && (v[0] == '"' || v[0] == '\'') && v[vlen - 1] == v[0]) {
                v++;
                vlen -= 2;
            }
            if (vlen == 0 || vlen >= cap)
                return false;
            memcpy(out, v, vlen);
            out[vlen] = '\0';
            return true;
        }
        p = eol != NULL ? eol + 1 : NULL;
    }
    return false;
}

/* The btime line of /proc/stat (which may be long: the intr line comes first, with
 * one number per interrupt). Read in chunks; a chunk after a newline starts a line. */
static bool read_btime(int64_t *out)
{
    char chunk[4096];
    bool line_start = true, found = false;
    FILE *f = fopen("/proc/stat", "re");

    if (f == NULL)
        return false;
    while (!found && fgets(chunk, sizeof chunk, f) != NULL) {
        size_t len = strlen(chunk);
        if (line_start && strncmp(chunk, "btime ", 6) == 0) {
            *out = strtoll(chunk + 6, NULL, 10);
            found = true;
        }
        line_start = len > 0 && chunk[len - 1] == '\n';
    }
    fclose(f);
    return found;
}

MI_Result mi_linux_sys_init(mi_linux_sys *sys, const char *system_name)
{
    MI_Result r = MI_RESULT_OK;
    char buf[8192];

    memset(sys, 0, sizeof *sys);
    if (system_name != NULL && system_name[0] != '\0') {
        if (strlen(system_name) >= sizeof sys->cs_name) {
            r = MI_RESULT_INVALID_PARAMETER;
            goto out;
        }
        strcpy(sys->cs_name, system_name);
    } else if (gethostname(sys->cs_name, sizeof sys->cs_name - 1) != 0 ||
               sys->cs_name[0] == '\0') {
        strcpy(sys->cs_name, "localhost");
    }
    if ((mi_linux_read_file("/etc/os-release", buf, sizeof buf) < 0 &&
         mi_linux_read_file("/usr/lib/os-release", buf, sizeof buf) < 0) ||
        !os_release_value(buf, "PRETTY_NAME", sys->os_name, sizeof sys->os_name))
        strcpy(sys->os_name, "Linux");
    sys->clk_tck = sysconf(_SC_CLK_TCK);
    if (sys->clk_tck <= 0)
        sys->clk_tck = 100;
    sys->page_size = sysconf(_SC_PAGESIZE);
    if (sys->page_size <= 0)
        sys->page_size = 4096;
    if (!read_btime(&sys->boot_time))
        r = MI_RESULT_FAILED;
out:
    return r;
}

MI_Result mi_linux_set(MI_Instance *inst, const char *name, const MI_Value *value,
                       MI_Type type, MI_Uint32 flags)
{
    MI_Uint32 null = value == NULL ? MI_FLAG_NULL : 0;
    MI_Result r = MI_Instance_SetElement(inst, name, value, type, null);

    if (r == MI_RESULT_NO_SUCH_PROPERTY) {
        /* A dynamic instance takes new elements; a schema-bound one refuses, and the
         * property is simply not part of its class. */
        (void)MI_Instance_AddElement(inst, name, value, type, flags | null);
        r = MI_RESULT_OK;
    }
    return r;
}

MI_Result mi_linux_set_string(MI_Instance *inst, const char *name, const char *s,
                              MI_Uint32 flags)
{
    MI_Value v;

    v.string = (MI_Char *)s;
    return mi_linux_set(inst, name, s != NULL ? &v : NULL, MI_STRING, flags);
}

MI_Result mi_linux_set_u64(MI_Instance *inst, const char *name, MI_Type type, uint64_t v)
{
    MI_Value val;

    memset(&val, 0, sizeof val);
    switch (type) {
    case MI_BOOLEAN: val.boolean = v != 0; break;
    case MI_UINT8: val.uint8 = (MI_Uint8)v; break;
    case MI_UINT16: val.uint16 = (MI_Uint16)v; break;
    case MI_UINT32: val.uint32 = (MI_Uint32)v; break;
    case MI_SINT16: val.sint16 = (MI_Sint16)(int64_t)v; break;
    case MI_UINT64: val.uint64 = v; break;
    default: return MI_RESULT_INVALID_PARAMETER;
    }
    return mi_linux_set(inst, name, &val, type, 0);
}

void mi_linux_datetime(int64_t secs, uint32_t usecs, MI_Datetime *out)
{
    time_t t = (time_t)secs;
    struct tm tm;

    memset(out, 0, sizeof *out);
    out->isTimestamp = MI_TRUE;
    if (localtime_r(&t, &tm) == NULL)
        return;
    out->u.timestamp.year = (MI_Uint32)tm.tm_year + 1900;
    out->u.timestamp.month = (MI_Uint32)tm.tm_mon + 1;
    out->u.timestamp.day = (MI_Uint32)tm.tm_mday;
    out->u.timestamp.hour = (MI_Uint32)tm.tm_hour;
    out->u.timestamp.minute = (MI_Uint32)tm.tm_min;
    out->u.timestamp.second = (MI_Uint32)(tm.tm_sec > 59 ? 59 : tm.tm_sec);
    out->u.timestamp.microseconds = usecs % 1000000u;
    out->u.timestamp.utc = (MI_Sint32)(tm.tm_gmtoff / 60);
}

MI_Result mi_linux_set_creation_class(MI_Instance *inst)
{
    const MI_Char *cls = NULL;
    MI_Result r = MI_Instance_GetClassName(inst, &cls);

    if (r != MI_RESULT_OK)
        return r;
    return mi_linux_set_string(inst, "CreationClassName", cls, MI_FLAG_KEY);
}
