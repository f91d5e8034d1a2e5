/* linux_cpu.c - logical processors (/sys/devices/system/cpu, /proc/cpuinfo) and the
 * host's memory (/proc/meminfo). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "providers/linux.h"

#define CPU_DIR "/sys/devices/system/cpu"
#define CPU_CAP 65536u                /* logical CPUs listed at most */
#define CPUINFO_CAP (4u * 1024u * 1024u) /* bytes of /proc/cpuinfo read */

bool mi_linux_parse_cpu(const char *device_id, unsigned *cpu)
{
    pid_t v;

    if (device_id != NULL && strcmp(device_id, "0") == 0) {
        *cpu = 0;
        return true;
    }
    if (!mi_linux_parse_pid(device_id, &v) || (unsigned)v >= CPU_CAP)
        return false;
    *cpu = (unsigned)v;
    return true;
}

static int cmp_unsigned(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return x < y ? -1 : x > y;
}

MI_Result mi_linux_cpu_each(mi_linux_cpu_fn fn, void *ctx)
{
    MI_Result r = MI_RESULT_OK;
    unsigned *cpus = NULL;
    size_t n = 0, cap = 0;
    DIR *d = opendir(CPU_DIR);
    struct dirent *de;

    if (d == NULL)
        return MI_RESULT_FAILED;
    while ((de = readdir(d)) != NULL) {
        unsigned cpu;
        if (strncmp(de->d_name, "cpu", 3) != 0 || !mi_linux_parse_cpu(de->d_name + 3, &cpu))
            continue;
        if (n == cap) {
            size_t ncap = cap == 0 ? 64 : cap * 2;
            unsigned *p;
            if (ncap > CPU_CAP) {
                r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
                goto out_free;
            }
            p = mi_realloc(cpus, ncap * sizeof *cpus);
            if (p == NULL) {
                r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
                goto out_free;
            }
            cpus = p;
            cap = ncap;
        }
        cpus[n++] = cpu;
    }
    if (n > 0)
        qsort(cpus, n, sizeof *cpus, cmp_unsigned);
    for (size_t i = 0; i < n && r == MI_RESULT_OK; i++)
        r = fn(ctx, cpus[i]);
out_free:
    mi_free(cpus);
    closedir(d);
    return r;
}

/* Reads /sys/devices/system/cpu/cpuN/<name> as an unsigned number. */
static bool cpu_file_u64(unsigned cpu, const char *name, uint64_t *v)
{
    char path[128], buf[64];

    snprintf(path, sizeof path, CPU_DIR "/cpu%u/%s", cpu, name);
    if (mi_linux_read_file(path, buf, sizeof buf) <= 0 || buf[0] < '0' || buf[0] > '9')
        return false;
    *v = strtoull(buf, NULL, 10);
    return true;
}

/* Copies the value of "key<tabs>: value" from the cpuinfo block of cpu. */
static bool cpuinfo_value(const char *info, unsigned cpu, const char *key, char *out,
                          size_t cap)
{
    const char *block = info;
    size_t klen = strlen(key);

    /* Blocks start with "processor\t: N" and end at a blank line. */
    while (block != NULL && *block != '\0') {
        const char *end = strstr(block, "\n\n");
        size_t blen = end != NULL ? (size_t)(end - block) : strlen(block);
        if (strncmp(block, "processor", 9) == 0) {
            const char *colon = strchr(block, ':');
            if (colon != NULL && strtoul(colon + 1, NULL, 10) == cpu) {
                for (const char *l = block; l != NULL && l < block + blen;) {
                    const char *eol = memchr(l, '\n', (size_t)(block + blen - l));
                    size_t llen = eol != NULL ? (size_t)(eol - l) : (size_t)(block + blen - l);
                    if (llen > klen && strncmp(l, key, klen) == 0 &&
                        (l[klen] == '\t' || l[klen] == ' ' || l[klen] == ':')) {
                        const char *v = memchr(l, ':', llen);
                        size_t vlen;
                        if (v == NULL)
                            return false;
                        v++;
                        while (*v == ' ' && v < l + llen)
                            v++;
                        vlen = (size_t)(l + llen - v);
                        if (vlen == 0 || vlen >= cap)
                            return false;
                        memcpy(out, v, vlen);
                        out[vlen] = '\0';
                        return true;
                    }
                    l = eol != NULL ? eol + 1 : NULL;
                }
                return false;
            }
        }
        block = end != NULL ? end + 2 : NULL;
    }
    return false;
}

MI_Result mi_linux_processor_fill(MI_Instance *inst, const mi_linux_sys *sys, unsigned cpu,
                                  bool keys_only)
{
    MI_Result r;
    char path[128], id[16], value[256];
    char *info = NULL;
    uint64_t online = 1, khz;
    bool have_speed = false;

    snprintf(path, sizeof path, CPU_DIR "/cpu%u", cpu);
    if (access(path, F_OK) != 0) {
        r = MI_RESULT_NOT_FOUND;
        goto out;
    }
    snprintf(id, sizeof id, "%u", cpu);
    r = mi_linux_set_string(inst, "SystemCreationClassName", MI_LINUX_CS_CLASS, MI_FLAG_KEY);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "SystemName", sys->cs_name, MI_FLAG_KEY);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_creation_class(inst);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "DeviceID", id, MI_FLAG_KEY);
    if (r != MI_RESULT_OK || keys_only)
        goto out;

    (void)cpu_file_u64(cpu, "online", &online); /* absent for a CPU that cannot go off */
    r = mi_linux_set_string(inst, "Role", "Central Processor", 0);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "CPUStatus", MI_UINT16, online ? 1 : 3);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "EnabledState", MI_UINT16, online ? 2 : 3);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "DataWidth", MI_UINT16, sizeof(void *) * 8);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "AddressWidth", MI_UINT16, sizeof(void *) * 8);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "NumberOfEnabledCores", MI_UINT16, 1);
    if (r == MI_RESULT_OK && cpu_file_u64(cpu, "cpufreq/cpuinfo_max_freq", &khz))
        r = mi_linux_set_u64(inst, "MaxClockSpeed", MI_UINT32, khz / 1000);
    if (r == MI_RESULT_OK && cpu_file_u64(cpu, "cpufreq/scaling_cur_freq", &khz)) {
        r = mi_linux_set_u64(inst, "CurrentClockSpeed", MI_UINT32, khz / 1000);
        have_speed = true;
    }
    if (r != MI_RESULT_OK)
        goto out;

    info = mi_malloc(CPUINFO_CAP);
    if (info == NULL) {
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out;
    }
    if (mi_linux_read_file("/proc/cpuinfo", info, CPUINFO_CAP) <= 0)
        goto out_free_info;
    if (cpuinfo_value(info, cpu, "model name", value, sizeof value)) {
        r = mi_linux_set_string(inst, "ElementName", value, 0);
        if (r == MI_RESULT_OK)
            r = mi_linux_set_string(inst, "Caption", value, 0);
    }
    if (r == MI_RESULT_OK && cpuinfo_value(info, cpu, "stepping", value, sizeof value))
        r = mi_linux_set_string(inst, "Stepping", value, 0);
    if (r == MI_RESULT_OK && !have_speed &&
        cpuinfo_value(info, cpu, "cpu MHz", value, sizeof value))
        r = mi_linux_set_u64(inst, "CurrentClockSpeed", MI_UINT32,
                             (uint64_t)strtod(value, NULL));
out_free_info:
    mi_free(info);
out:
    return r;
}

MI_Result mi_linux_memory_fill(MI_Instance *inst, const mi_linux_sys *sys, bool keys_only)
{
    MI_Result r;
    uint64_t total, avail;

    r = mi_linux_set_string(inst, "SystemCreationClassName", MI_LINUX_CS_CLASS, MI_FLAG_KEY);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "SystemName", sys->cs_name, MI_FLAG_KEY);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_creation_class(inst);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "DeviceID", MI_LINUX_MEMORY_ID, MI_FLAG_KEY);
    if (r != MI_RESULT_OK || keys_only)
        goto out;
    if (!mi_linux_meminfo_kb("MemTotal", &total)) {
        r = MI_RESULT_FAILED;
        goto out;
    }
    if (!mi_linux_meminfo_kb("MemAvailable", &avail) &&
        !mi_linux_meminfo_kb("MemFree", &avail))
        avail = 0;
    r = mi_linux_set_string(inst, "Name", "System memory", 0);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_string(inst, "ElementName", "System memory", 0);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "BlockSize", MI_UINT64, 1);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "NumberOfBlocks", MI_UINT64, total * 1024u);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "ConsumableBlocks", MI_UINT64, avail * 1024u);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "Volatile", MI_BOOLEAN, 1);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "Primordial", MI_BOOLEAN, 1);
    if (r == MI_RESULT_OK)
        r = mi_linux_set_u64(inst, "EnabledState", MI_UINT16, 2);
out:
    return r;
}
