/* linux.h - collectors of live Linux data for the built-in providers (private).
 *
 * Layer: providers. The collectors read /proc, /sys, uname(2), sysinfo(2) and
 * /etc/os-release and fill MI_Instance objects through the public instance API only
 * (MI_Instance_SetElement / AddElement), so they work on any instance whose class
 * has the properties: a schema-bound instance of a Linux_ class (from schema/linux,
 * over schema/cim or over the full DMTF schema) or a dynamic instance (elements are
 * then added, keys flagged MI_FLAG_KEY). A property the instance's class lacks is
 * skipped, never an error. CreationClassName is always the instance's own class name.
 *
 * keys_only: set only the key properties and read no more of the system than the
 * keys need.
 *
 * Errors: MI_RESULT_NOT_FOUND when the object does not exist (or vanished while it
 * was read); MI_RESULT_SERVER_LIMITS_EXCEEDED when out of memory; MI_RESULT_FAILED
 * when the system could not be read at all. A property that cannot be read (EACCES on
 * /proc/PID/exe, a missing /sys file) is left NULL.
 *
 * Thread safety: every function may run on several threads at once; mi_linux_sys is
 * read-only after mi_linux_sys_init.
 */
#ifndef MI_PROVIDERS_LINUX_H
#define MI_PROVIDERS_LINUX_H

#include <mi.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Class names used in keys that name another object. */
#define MI_LINUX_CS_CLASS "Linux_ComputerSystem"
#define MI_LINUX_OS_CLASS "Linux_OperatingSystem"

#define MI_LINUX_NAME_MAX 256 /* cap of the names below, NUL included */

/* What every collector needs to know about the host, read once per request. */
typedef struct mi_linux_sys {
    char cs_name[MI_LINUX_NAME_MAX]; /* CSName / SystemName: the computer system's Name */
    char os_name[MI_LINUX_NAME_MAX]; /* OSName: the operating system's Name */
    long clk_tck;                    /* sysconf(_SC_CLK_TCK) */
    long page_size;                  /* sysconf(_SC_PAGESIZE) */
    int64_t boot_time;               /* seconds since the epoch (btime of /proc/stat) */
} mi_linux_sys;

/* Fills *sys. system_name is the name to use for the computer system (what
 * MI_Server_GetSystemName returns); NULL or "" = gethostname(2). The OS name is
 * PRETTY_NAME of /etc/os-release (else /usr/lib/os-release), else "Linux".
 * INVALID_PARAMETER if system_name is longer than MI_LINUX_NAME_MAX - 1;
 * FAILED if /proc/stat has no btime. */
MI_Result mi_linux_sys_init(mi_linux_sys *sys, const char *system_name);

/* ---------------------------------------------------------------- computer system, OS */

/* Linux_ComputerSystem: Name, CreationClassName; NameFormat "IP", ElementName,
 * Caption, EnabledState 2, OperationalStatus {2}, HealthState 5. */
MI_Result mi_linux_cs_fill(MI_Instance *inst, const mi_linux_sys *sys, bool keys_only);

/* Linux_OperatingSystem: keys CSCreationClassName, CSName, CreationClassName, Name;
 * OSType 36 (LINUX), Version (uname release), OtherTypeDescription (uname version),
 * LastBootUpTime, LocalDateTime, CurrentTimeZone, NumberOfProcesses (process
 * directories of /proc), NumberOfUsers (utmp), MaxNumberOfProcesses (pid_max),
 * MaxProcessesPerUser (RLIMIT_NPROC, 0 if unlimited), memory and swap figures in
 * kilobytes from /proc/meminfo. */
MI_Result mi_linux_os_fill(MI_Instance *inst, const mi_linux_sys *sys, bool keys_only);

/* ---------------------------------------------------------------- processes */

/* Parses a process Handle: decimal digits only, no sign or leading zero, 1..INT_MAX.
 * False for anything else (the caller answers NOT_FOUND). */
bool mi_linux_parse_pid(const char *handle, pid_t *pid);

/* Calls fn(ctx, pid) for each process directory of /proc, in directory order,
 * reading nothing else. Processes that start or end meanwhile may or may not be
 * seen. Stops at the first result of fn other than OK and returns it; OK at the
 * end; FAILED if /proc cannot be opened. */
typedef MI_Result (*mi_linux_pid_fn)(void *ctx, pid_t pid);
MI_Result mi_linux_process_each(mi_linux_pid_fn fn, void *ctx);

/* What /proc/PID/stat says about a process (the fields the providers use). */
typedef struct mi_linux_stat {
    pid_t pid, ppid, pgrp, session;
    char state;                 /* R S D Z T t X I ... */
    char comm[64];              /* the command name (at most 15 bytes on Linux) */
    int tty_nr;
    long priority, nice;
    uint64_t utime, stime;      /* clock ticks */
    uint64_t starttime;         /* clock ticks after boot */
    int64_t rss;                /* pages */
} mi_linux_stat;

/* Reads /proc/PID/stat. NOT_FOUND if there is no such process (or it is a thread
 * id rather than a process id, or it vanished); FAILED if the file is malformed. */
MI_Result mi_linux_process_stat(pid_t pid, mi_linux_stat *st);

/* Linux_UnixProcess of pid: keys (the Handle is the pid; CSName/OSName from sys);
 * unless keys_only also Name, ParentProcessID, ProcessGroupID, ProcessSessionID,
 * ProcessTTY, ExecutionState, Priority, ProcessNiceValue, UserModeTime,
 * KernelModeTime, CreationDate, WorkingSetSize, RealUserID, ModulePath, Parameters,
 * ProcessWaitingForEvent, ElementName. Full: NOT_FOUND if the process does not exist
 * (or pid names a thread); a process that vanishes after its stat and status were
 * read keeps what was read (partial, not an error). keys_only reads nothing: the
 * caller knows the pid (from mi_linux_process_each, or checked with
 * mi_linux_process_exists). */
MI_Result mi_linux_process_fill(MI_Instance *inst, const mi_linux_sys *sys, pid_t pid,
                                bool keys_only);

/* OK if pid is a process (a thread-group leader) now, else NOT_FOUND. */
MI_Result mi_linux_process_exists(pid_t pid);

/* Sends signal sig to process pid (kill(2)). OK; INVALID_PARAMETER if pid < 1 or sig
 * is not 1..SIGRTMAX (pid 0 and negative pids, which kill(2) would take as groups,
 * are refused); NOT_FOUND (ESRCH); ACCESS_DENIED (EPERM); FAILED otherwise. */
MI_Result mi_linux_process_signal(pid_t pid, int64_t sig);

/* ---------------------------------------------------------------- processors, memory */

/* Calls fn(ctx, cpu) for each logical CPU of /sys/devices/system/cpu (cpuN folders),
 * in increasing order; the count equals sysconf(_SC_NPROCESSORS_CONF). Stops at the
 * first result other than OK and returns it; FAILED if the folder cannot be read. */
typedef MI_Result (*mi_linux_cpu_fn)(void *ctx, unsigned cpu);
MI_Result mi_linux_cpu_each(mi_linux_cpu_fn fn, void *ctx);

/* Linux_Processor of cpu: keys (DeviceID = cpu number in decimal); unless keys_only
 * also Role "Central Processor", Stepping, ElementName (model name of /proc/cpuinfo),
 * CurrentClockSpeed / MaxClockSpeed (cpufreq, else cpuinfo MHz), DataWidth and
 * AddressWidth (64 or 32 by the build), CPUStatus (1 enabled / 3 disabled),
 * EnabledState (2 online / 3 offline), NumberOfEnabledCores 1. NOT_FOUND if cpu has
 * no /sys/devices/system/cpu/cpuN. */
MI_Result mi_linux_processor_fill(MI_Instance *inst, const mi_linux_sys *sys, unsigned cpu,
                                  bool keys_only);
/* Parses a processor DeviceID (same rules as mi_linux_parse_pid, 0 allowed). */
bool mi_linux_parse_cpu(const char *device_id, unsigned *cpu);

#define MI_LINUX_MEMORY_ID "memory" /* DeviceID of the one Linux_Memory */

/* Linux_Memory: keys (DeviceID "memory"); unless keys_only also BlockSize 1,
 * NumberOfBlocks = MemTotal in bytes, ConsumableBlocks = MemAvailable in bytes,
 * Volatile TRUE, Primordial TRUE, ElementName. */
MI_Result mi_linux_memory_fill(MI_Instance *inst, const mi_linux_sys *sys, bool keys_only);

/* ---------------------------------------------------------------- the module */

/* The built-in provider module of the Linux_ classes (an MI_Main-shaped entry,
 * linux_module.c): the engine serves every class of mi_linux_module_classes in
 * root/cimv2 with it, as the built-in module "builtin:linux" (src/engine/module.c),
 * unless the repository registers another module for the class. server is kept for
 * MI_ServerFT.GetSystemName at Module.Load. */
MI_Module *mi_linux_module_main(MI_Server *server);
/* The classes the module serves (in root/cimv2); a static list of n names. */
const char *const *mi_linux_module_classes(size_t *n);
/* The MOF a fresh repository compiles into root/cimv2 so that the module's classes
 * exist: $MI_SCHEMA_FILE if set, else schema/libmi.mof of the source tree (build
 * tree use), else <datadir>/libmi/schema/libmi.mof (installed); NULL if none is
 * readable. A static string or the environment's. */
const char *mi_linux_schema_file(void);
/* The places mi_linux_schema_file looks at after $MI_SCHEMA_FILE, in order (for error
 * messages); a static list of n paths. */
const char *const *mi_linux_schema_candidates(size_t *n);

/* ---------------------------------------------------------------- helpers */

/* Sets property name of inst (see the file comment: a property the class lacks is
 * skipped with OK; on a dynamic instance it is added, flagged with `flags` (e.g.
 * MI_FLAG_KEY)). value NULL sets NULL. Errors other than a missing property are
 * returned. */
MI_Result mi_linux_set(MI_Instance *inst, const char *name, const MI_Value *value,
                       MI_Type type, MI_Uint32 flags);
MI_Result mi_linux_set_string(MI_Instance *inst, const char *name, const char *s,
                              MI_Uint32 flags);
MI_Result mi_linux_set_u64(MI_Instance *inst, const char *name, MI_Type type, uint64_t v);
/* Sets CreationClassName to the instance's own class name. */
MI_Result mi_linux_set_creation_class(MI_Instance *inst);
/* Value in kilobytes of line `key:` of /proc/meminfo; false if absent. */
bool mi_linux_meminfo_kb(const char *key, uint64_t *kb);
/* CIM timestamp of secs since the epoch, local time with its UTC offset. */
void mi_linux_datetime(int64_t secs, uint32_t usecs, MI_Datetime *out);

/* Reads at most cap - 1 bytes of file path into buf (NUL-terminated), retrying on
 * EINTR. Returns the length, or -1 with errno set. */
long mi_linux_read_file(const char *path, char *buf, size_t cap);

#endif
