/* linux_fsnet.h - collectors and providers for the Linux machine's local file
 * systems, block devices (disk drives), network ports and IP protocol endpoints, with
 * the associations system-file system, system-device and port-endpoint.
 *
 * Layer: src/providers, on the public MI API (include/mi.h) plus src/base/alloc.h.
 *
 * Two levels:
 * - Collectors (mi_lx_*_enumerate / mi_lx_*_get) read /proc, /sys, statvfs and
 *   getifaddrs and fill one instance at a time of a class decl the caller gives,
 *   through MI_Instance_SetElement / AddElement only; each filled instance goes to a
 *   sink, then is deleted. A property the decl does not declare is skipped (the MOF
 *   decides what is reported); a value that cannot be read leaves its property NULL,
 *   never a failed enumeration. keys_only fills just the keys and does no statvfs or
 *   per-device reads beyond what names the instance.
 * - Provider glue (linux_fs.c, linux_net.c): MI_ProviderFT tables over the collectors,
 *   selected by class name (mi_linux_fs_provider_ft / mi_linux_net_provider_ft).
 *
 * Choices (documented contract; the tests apply the same rules):
 * - File systems: one instance per mount point visible in /proc/self/mountinfo (a
 *   mount point mounted over several times yields only the last, visible, mount).
 *   Kernel pseudo file systems that hold no user files are skipped: proc, sysfs,
 *   cgroup, cgroup2, devpts, mqueue, debugfs, tracefs, securityfs, pstore, bpf,
 *   configfs, fusectl, hugetlbfs, autofs, binfmt_misc, rpc_pipefs, nsfs, efivarfs,
 *   selinuxfs, nfsd. tmpfs, devtmpfs and ramfs are kept: they hold files and use
 *   memory, and df shows them. Name = Root = the mount point. A mount statvfs cannot
 *   read (EACCES, stale NFS) keeps its instance with the size properties NULL. On a
 *   network file system (mi_lx_fs_is_remote) statvfs runs on a thread of its own and
 *   is given up after MI_LX_STATVFS_TIMEOUT_MS (an unreachable server would block it
 *   for minutes): sizes NULL then, and at most MI_LX_STATVFS_STUCK such threads wait
 *   at once (beyond that remote sizes are left NULL without trying). keys_only never
 *   calls statvfs.
 *   Sizes: BlockSize = f_frsize, FileSystemSize = f_blocks * f_frsize, AvailableSpace
 *   = f_bavail * f_frsize (what an unprivileged user may still use), NumberOfFiles =
 *   f_files - f_ffree (inodes in use), MaxFileNameLength = f_namemax.
 * - Disk drives: one per entry of <sys>/class/block that has a "device" link and no
 *   "partition" file (whole disks backed by hardware; loop, ram, dm, md, zram are not
 *   disk drives). DeviceID = the kernel name ("sda"), Name = "/dev/<name>". Read from
 *   <dev>/: size (512-byte sectors) -> MaxMediaSize (kilobytes of 1000 bytes) and
 *   Size (bytes, if declared), queue/logical_block_size -> DefaultBlockSize,
 *   queue/rotational -> DiskType (2 HDD / 3 SSD), device/model -> ElementName.
 * - Ports: one per entry of <sys>/class/net, by ARPHRD type in <if>/type: 1 (Ethernet,
 *   also wireless, bridges, veth) is MI_LX_PORT_ETHERNET (Linux_EthernetPort), 772 is
 *   MI_LX_PORT_LOOPBACK, anything else MI_LX_PORT_OTHER (both Linux_NetworkPort).
 *   DeviceID = Name = the interface name; MAC as 12 hex digits (PermanentAddress,
 *   NetworkAddresses), mtu, speed (Mb/s -> bit/s; -1 or unreadable -> NULL), duplex,
 *   flags/operstate -> EnabledState/OperationalStatus.
 * - IP endpoints: one per IPv4/IPv6 address from getifaddrs; Name =
 *   "IPv4_<label>_<address>" / "IPv6_<label>_<address>" (label as getifaddrs names it,
 *   e.g. "eth0" or "eth0:1"; address as inet_ntop writes it, IPv6 without a zone).
 * - Associations reference the other ends with dynamic instances holding their keys.
 */
#ifndef MI_PROVIDERS_LINUX_FSNET_H
#define MI_PROVIDERS_LINUX_FSNET_H

#include <mi.h>
#include <stdbool.h>

/* Where the collectors read and who the computer system is. Every pointer may be NULL
 * for the default; the strings are borrowed for the call. */
typedef struct mi_lx_env {
    const char *proc_root;    /* "/proc" */
    const char *sys_root;     /* "/sys" */
    const char *system_class; /* CSCreationClassName/SystemCreationClassName:
                                 "Linux_ComputerSystem" */
    const char *system_name;  /* CSName/SystemName: uname's nodename */
    /* Class decl by name (any case) for the provider glue; when it gives NULL the glue
     * posts dynamic instances (mi_lx_decl). May itself be NULL. */
    const MI_ClassDecl *(*class_decl)(void *ud, const char *className);
    void *ud;
} mi_lx_env;

/* Where filled instances go. new_instance makes an empty instance of cd (the glue:
 * MI_Context_NewInstance); new_reference an empty dynamic instance of className used
 * as a REF value (MI_Context_NewDynamicInstance). post receives each filled instance
 * (borrowed: it is deleted after post returns); anything but MI_RESULT_OK stops the
 * collection with that result (cancellation). */
typedef struct mi_lx_sink {
    MI_Result (*new_instance)(void *ud, const MI_ClassDecl *cd, MI_Instance **out);
    MI_Result (*new_reference)(void *ud, const char *className, MI_Instance **out);
    MI_Result (*post)(void *ud, const MI_Instance *inst);
    void *ud;
} mi_lx_sink;

typedef enum mi_lx_port_kind {
    MI_LX_PORT_ETHERNET = 1,
    MI_LX_PORT_LOOPBACK = 2,
    MI_LX_PORT_OTHER = 4,
    MI_LX_PORT_ANY = 7,
} mi_lx_port_kind;

/* Longest path built from a root and a name, and longest line read from mountinfo. */
#define MI_LX_PATH_MAX 4096
/* Largest file the collectors read whole (/proc/self/mountinfo). */
#define MI_LX_FILE_MAX (8u << 20)

/* ------------------------------------------------ collectors (linux_fs.c) */

/* File systems of class cd (e.g. Linux_LocalFileSystem). Returns OK, the sink's stop
 * result, NOT_FOUND if mountinfo cannot be read, SERVER_LIMITS_EXCEEDED (out of
 * memory or mountinfo larger than MI_LX_FILE_MAX), or FAILED when the class declares
 * a property with another type than CIM's (message in mi_lx_last_error). */
MI_Result mi_lx_fs_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd, bool keys_only,
                             const mi_lx_sink *sink);
/* The file system named by the keys of `keys` (Name = mount point; the other keys must
 * match this system and cd's name, any case): one post, or NOT_FOUND. Only that mount
 * point is statvfs'd. */
MI_Result mi_lx_fs_get(const mi_lx_env *env, const MI_ClassDecl *cd, const MI_Instance *keys,
                       const mi_lx_sink *sink);
#define MI_LX_STATVFS_TIMEOUT_MS 2000u
#define MI_LX_STATVFS_STUCK      32u

struct statvfs;
/* True for file system types served over a network or by a user-space process that
 * may not answer (nfs, nfs4, cifs, smb3, ceph, 9p, fuse.*, ...). */
bool mi_lx_fs_is_remote(const char *fstype);
/* statvfs(path) on this thread for a local fstype; for a remote one on a thread of its
 * own, waiting at most timeout_ms. True with *st filled; false when statvfs failed,
 * timed out (its thread is left to finish alone) or too many are still stuck. */
bool mi_lx_statvfs_bounded(const char *path, const char *fstype, unsigned timeout_ms,
                           struct statvfs *st);
/* Test hook: the function used instead of statvfs (NULL: statvfs). */
void mi_lx_set_statvfs_fn(int (*fn)(const char *path, struct statvfs *st));
/* Threads still inside a given-up statvfs (for tests). */
unsigned mi_lx_statvfs_stuck(void);

/* Disk drives (whole block devices) of class cd. */
MI_Result mi_lx_disk_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd, bool keys_only,
                               const mi_lx_sink *sink);
MI_Result mi_lx_disk_get(const mi_lx_env *env, const MI_ClassDecl *cd, const MI_Instance *keys,
                         const mi_lx_sink *sink);
/* Block devices (Linux_StorageExtent): every entry of <sys>/class/block (disks,
 * partitions, dm, md, loop ...) except unused loop/ram devices (size 0). DeviceID =
 * Name = the kernel name; BlockSize 512, NumberOfBlocks = ConsumableBlocks = size;
 * Primordial TRUE for disk drives. */
MI_Result mi_lx_extent_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd, bool keys_only,
                                 const mi_lx_sink *sink);
MI_Result mi_lx_extent_get(const mi_lx_env *env, const MI_ClassDecl *cd, const MI_Instance *keys,
                           const mi_lx_sink *sink);
/* Hosted file system associations (class cd, e.g. Linux_HostedFileSystem):
 * GroupComponent = the system, PartComponent = each file system of class fs_class. */
MI_Result mi_lx_hostedfs_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd,
                                   const char *fs_class, const mi_lx_sink *sink);

/* ------------------------------------------------ collectors (linux_net.c) */

/* Ports of the kinds in `kinds` (MI_LX_PORT_* bits) as instances of cd. */
MI_Result mi_lx_port_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd, unsigned kinds,
                               bool keys_only, const mi_lx_sink *sink);
/* The port named by DeviceID (an interface name) if its kind is in kinds; NOT_FOUND
 * otherwise, INVALID_PARAMETER for a name that cannot be an interface. */
MI_Result mi_lx_port_get(const mi_lx_env *env, const MI_ClassDecl *cd, unsigned kinds,
                         const MI_Instance *keys, const mi_lx_sink *sink);
/* IP protocol endpoints (one per address). */
MI_Result mi_lx_ipep_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd, bool keys_only,
                               const mi_lx_sink *sink);
MI_Result mi_lx_ipep_get(const mi_lx_env *env, const MI_ClassDecl *cd, const MI_Instance *keys,
                         const mi_lx_sink *sink);
/* Port-endpoint associations (class cd, Antecedent = port, Dependent = endpoint):
 * the port's class is eth_class for Ethernet ports, other_class for the others (a
 * NULL class skips those); ep_class is the endpoints' class. */
MI_Result mi_lx_portep_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd,
                                 const char *eth_class, const char *other_class,
                                 const char *ep_class, const mi_lx_sink *sink);
/* Hosted endpoint associations (Antecedent = the system, Dependent = each endpoint
 * of class ep_class). */
MI_Result mi_lx_hostedep_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd,
                                   const char *ep_class, const mi_lx_sink *sink);
/* System-device associations for this file's devices: GroupComponent = the system,
 * PartComponent = each disk drive (disk_class), Ethernet port (eth_class) and other
 * port (other_class); a NULL class name skips that kind. */
MI_Result mi_lx_sysdev_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd,
                                 const char *disk_class, const char *eth_class,
                                 const char *other_class, const mi_lx_sink *sink);

/* ------------------------------------------------ shared helpers (linux_fs.c) */

/* The message of the last failure in this thread ("" if none). */
const char *mi_lx_last_error(void);
/* Sets a property by name if cd declares it: NO_SUCH_PROPERTY is not an error;
 * a declared type other than `type` is FAILED with a message. */
MI_Result mi_lx_set(MI_Instance *inst, const char *name, MI_Type type, const MI_Value *v);
/* Same; on a dynamic instance (no such element yet) the element is added with flags. */
MI_Result mi_lx_set_flags(MI_Instance *inst, const char *name, MI_Type type, const MI_Value *v,
                          MI_Uint32 flags);
/* A string key: added with MI_FLAG_KEY to a dynamic instance. */
MI_Result mi_lx_set_key(MI_Instance *inst, const char *name, const char *s);
MI_Result mi_lx_set_string(MI_Instance *inst, const char *name, const char *s);
MI_Result mi_lx_set_u64(MI_Instance *inst, const char *name, MI_Uint64 x);
/* Reads a whole small file (at most cap-1 bytes, NUL-terminated, trailing newlines
 * and spaces removed) into buf. false if it cannot be opened or read. */
bool mi_lx_read_small(const char *path, char *buf, size_t cap);
/* "<root>/<rest>" into out (MI_LX_PATH_MAX); false if too long. */
bool mi_lx_path(char *out, const char *root, const char *rest);
/* The defaults of env applied: system class and name (uname nodename when NULL). */
const char *mi_lx_system_class(const mi_lx_env *env);
const char *mi_lx_system_name(const mi_lx_env *env);
/* String key `name` of inst, or NULL if absent/not a string. */
const char *mi_lx_key(const MI_Instance *inst, const char *name);
/* True when the system keys (names given) of inst match env (class names any case,
 * system name exact). A key absent from inst's class counts as matching. */
bool mi_lx_system_keys_match(const mi_lx_env *env, const MI_Instance *inst,
                             const char *class_key, const char *name_key);
/* A new instance of cd from the sink; with keys_only, the non-key properties that
 * got class defaults are cleared. */
MI_Result mi_lx_new_instance(const mi_lx_sink *sink, const MI_ClassDecl *cd, bool keys_only,
                             MI_Instance **out);
/* A dynamic reference instance of className holding the system's keys as
 * CreationClassName/Name. */
MI_Result mi_lx_system_ref(const mi_lx_env *env, const mi_lx_sink *sink, MI_Instance **out);
/* Adds a string key element to a dynamic reference instance. */
MI_Result mi_lx_ref_key(MI_Instance *ref, const char *name, const char *value);

/* One system-device association: the system and device `dev` of class dev_class. */
MI_Result mi_lx_sysdev_post(const mi_lx_env *env, const MI_ClassDecl *cd, const char *dev_class,
                            const char *dev, const mi_lx_sink *sink);
/* System-device associations of every disk drive (class disk_class). */
MI_Result mi_lx_sysdev_disks(const mi_lx_env *env, const MI_ClassDecl *cd, const char *disk_class,
                             const mi_lx_sink *sink);
/* The kind of interface `ifname` from <sys>/class/net/<ifname>/type; 0 if unreadable. */
unsigned mi_lx_port_kind_of(const mi_lx_env *env, const char *ifname);

/* ------------------------------------------------ provider glue */

/* The provider table for a class served here, or NULL. The class providers' Load
 * takes selfModule as a `const mi_lx_env *` (it must outlive the provider), which
 * supplies the roots, the system keys and the class decls (without a decl the
 * instances are dynamic, as in linux.h). fs: Linux_LocalFileSystem,
 * Linux_DiskDrive, Linux_StorageExtent, Linux_HostedFileSystem. net:
 * Linux_EthernetPort, Linux_NetworkPort, Linux_IPProtocolEndpoint,
 * Linux_PortImplementsEndpoint, Linux_HostedIPProtocolEndpoint. EnumerateInstances and
 * GetInstance (associations: NOT_SUPPORTED, the engine matches over enumeration);
 * Associator/ReferenceInstances are NULL (engine fallback). Linux_SystemDevice is
 * not served here: its provider calls mi_lx_sysdev_enumerate for these devices. */
const MI_ProviderFT *mi_linux_fs_provider_ft(const char *className);
const MI_ProviderFT *mi_linux_net_provider_ft(const char *className);

/* Makes a sink over a provider context: new_instance = MI_Context_NewInstance (for a
 * decl of size 0, a stand-in from mi_lx_decl: MI_Context_NewDynamicInstance),
 * new_reference = MI_Context_NewDynamicInstance, post = MI_Context_PostInstance unless
 * MI_Context_Canceled says so (then FAILED: the collection stops; ShouldContinue is
 * not used because it prompts the client). */
void mi_lx_context_sink(MI_Context *ctx, mi_lx_sink *out);
/* The terminal post: PostResult(r), or PostError with mi_lx_last_error's message. */
void mi_lx_finish(MI_Context *ctx, MI_Result r);
/* The decl of className: hint's own decl if it is of that class, else
 * env->class_decl's; when neither has one, *standin filled as a stand-in decl (name,
 * MI_FLAG_CLASS or MI_FLAG_ASSOCIATION, no properties, size 0) for which the context
 * sink makes dynamic instances (elements added, keys flagged MI_FLAG_KEY). NULL only
 * for a NULL className. Clears the last error first. */
const MI_ClassDecl *mi_lx_decl(const mi_lx_env *env, const char *className,
                               const MI_Instance *hint, bool association,
                               MI_ClassDecl *standin);
/* A provider's work by class: the result of serving className (declared as cd) into
 * sink; keys is GetInstance's key instance, NULL for EnumerateInstances. */
typedef MI_Result (*mi_lx_dispatch)(const mi_lx_env *env, const char *className,
                                    const MI_ClassDecl *cd, const MI_Instance *keys,
                                    bool keys_only, const mi_lx_sink *sink);
/* Serves one request on context: cd = mi_lx_decl(env, className, keys, association),
 * then dispatch's result (INVALID_CLASS, dispatch not called, without a className);
 * the result is posted with mi_lx_finish. */
void mi_lx_serve(MI_Context *context, const mi_lx_env *env, const char *className,
                 const MI_Instance *keys, bool association, bool keys_only,
                 mi_lx_dispatch dispatch);
/* ft if className is one of served[0..n) (case-insensitive), else NULL (also for a
 * NULL className). */
const MI_ProviderFT *mi_lx_ft_for(const char *className, const char *const *served, size_t n,
                                  const MI_ProviderFT *ft);
/* Load stores selfModule (the env) as the provider's self and posts OK; Unload posts
 * OK. */
void MI_CALL mi_lx_load(void **self, MI_Module_Self *selfModule, MI_Context *context);
void MI_CALL mi_lx_unload(void *self, MI_Context *context);

#endif
