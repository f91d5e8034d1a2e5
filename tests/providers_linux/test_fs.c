/* test_fs.c - local file systems, disk drives, block devices and the hosted file
 * system association (src/providers/linux_fs.c) against ground truth the test reads
 * itself: its own parse of /proc/self/mountinfo, statvfs, a listing of /sys/block;
 * failure paths over fake /proc and /sys trees built in a temporary folder; every
 * allocation failing in turn. Classes come from the project's MOF (schema/libmi.mof),
 * and once from schema/linux over the full DMTF schema. */
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cmocka.h>

#include "cim/cim.h"
#include "base/alloc.h"
#include "mof/mof.h"
#include "providers/linux_fsnet.h"
#include "repo/repo.h"

#include "lx_fixture.h"

/* ---------------------------------------------------------------- fixtures */

static int setup_tmp(void **state)
{
    (void)state;
    return lx_setup_tmp("fs");
}

/* ---------------------------------------------------------------- ground truth */

/* The test's own reading of mountinfo: mount point and type of each visible mount,
 * pseudo file systems removed (rule of linux_fsnet.h). */
typedef struct truth_mount {
    char mp[1024];
    char type[64];
} truth_mount;

static void t_unescape(char *s)
{
    char *w = s;
    for (char *p = s; *p; p++) {
        unsigned o;
        if (p[0] == '\\' && sscanf(p + 1, "%3o", &o) == 1 && strlen(p) >= 4) {
            *w++ = (char)o;
            p += 3;
        } else
            *w++ = *p;
    }
    *w = '\0';
}

static size_t truth_mounts(const char *mountinfo, truth_mount *out, size_t cap)
{
    static const char *pseudo[] = {"proc", "sysfs", "cgroup", "cgroup2", "devpts", "mqueue",
                                   "debugfs", "tracefs", "securityfs", "pstore", "bpf",
                                   "configfs", "fusectl", "hugetlbfs", "autofs", "binfmt_misc",
                                   "rpc_pipefs", "nsfs", "efivarfs", "selinuxfs", "nfsd"};
    FILE *f = fopen(mountinfo, "r");
    char line[8192];
    size_t n = 0;
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        char mp[1024], type[64];
        char *dash = strstr(line, " - ");
        if (!dash || sscanf(line, "%*s %*s %*s %*s %1023s", mp) != 1 ||
            sscanf(dash + 3, "%63s", type) != 1)
            continue;
        t_unescape(mp);
        /* a later mount on the same point hides the earlier one */
        for (size_t i = 0; i < n; i++)
            if (strcmp(out[i].mp, mp) == 0) {
                memmove(&out[i], &out[i + 1], (n - i - 1) * sizeof *out);
                n--;
                break;
            }
        bool skip = false;
        for (size_t i = 0; i < sizeof pseudo / sizeof pseudo[0]; i++)
            skip |= strcmp(type, pseudo[i]) == 0;
        if (n < cap) {
            snprintf(out[n].mp, sizeof out[n].mp, "%s", mp);
            snprintf(out[n].type, sizeof out[n].type, "%s", skip ? "" : type);
            n++;
        }
    }
    fclose(f);
    /* drop the pseudo ones (kept until now so that they hide what they cover) */
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (out[i].type[0])
            out[w++] = out[i];
    return w;
}

/* ---------------------------------------------------------------- file systems */

static truth_mount g_truth[MAX_RESULTS];

static void test_fs_matches_statvfs(void **state)
{
    results res;
    mi_lx_sink sink;
    (void)state;
    size_t nt = truth_mounts("/proc/self/mountinfo", g_truth, MAX_RESULTS);
    sink_of(&res, &sink);
    assert_int_equal(mi_lx_fs_enumerate(&real_env, decl("Linux_LocalFileSystem"), false, &sink),
                     MI_RESULT_OK);
    assert_int_equal(res.n, nt);
    assert_non_null(find(&res, "Name", "/"));
    for (size_t i = 0; i < nt; i++) {
        const MI_Instance *inst = find(&res, "Name", g_truth[i].mp);
        struct statvfs st;
        uint64_t size = 0, avail = 0, bs = 0;
        if (inst == NULL)
            fail_msg("mount %s missing", g_truth[i].mp);
        assert_string_equal(str_of(inst, "Root"), g_truth[i].mp);
        assert_string_equal(str_of(inst, "FileSystemType"), g_truth[i].type);
        assert_string_equal(str_of(inst, "CSName"), SYSNAME);
        assert_string_equal(str_of(inst, "CSCreationClassName"), "Linux_ComputerSystem");
        assert_string_equal(str_of(inst, "CreationClassName"), "Linux_LocalFileSystem");
        if (statvfs(g_truth[i].mp, &st) != 0) {
            assert_true(is_null(inst, "FileSystemSize"));
            continue;
        }
        assert_true(u64_of(inst, "FileSystemSize", &size));
        assert_true(u64_of(inst, "AvailableSpace", &avail));
        assert_true(u64_of(inst, "BlockSize", &bs));
        assert_int_equal(bs, st.f_frsize);
        assert_int_equal(size, (uint64_t)st.f_blocks * st.f_frsize);
        uint64_t now = (uint64_t)st.f_bavail * st.f_frsize;
        uint64_t diff = now > avail ? now - avail : avail - now;
        /* free space moves while the test runs: 64 MiB or 5 % of the size */
        assert_true(diff <= 64u * 1024 * 1024 || diff <= size / 20);
    }
    results_free(&res);
}

static void test_fs_keys_only(void **state)
{
    results res;
    mi_lx_sink sink;
    (void)state;
    sink_of(&res, &sink);
    assert_int_equal(mi_lx_fs_enumerate(&real_env, decl("Linux_LocalFileSystem"), true, &sink),
                     MI_RESULT_OK);
    assert_true(res.n > 0);
    for (size_t i = 0; i < res.n; i++) {
        assert_keys_only(res.inst[i]);
        assert_non_null(str_of(res.inst[i], "Name"));
    }
    results_free(&res);
}

static MI_Instance *fs_keys(const char *cls, const char *csname, const char *name)
{
    MI_Instance *k = NULL;
    MI_Value v;
    assert_int_equal(mi_instance_new(decl("Linux_LocalFileSystem"), NULL, NULL, &k), MI_RESULT_OK);
    v.string = (MI_Char *)cls;
    assert_int_equal(MI_Instance_SetElement(k, "CreationClassName", &v, MI_STRING, 0),
                     MI_RESULT_OK);
    v.string = (MI_Char *)"Linux_ComputerSystem";
    assert_int_equal(MI_Instance_SetElement(k, "CSCreationClassName", &v, MI_STRING, 0),
                     MI_RESULT_OK);
    v.string = (MI_Char *)csname;
    assert_int_equal(MI_Instance_SetElement(k, "CSName", &v, MI_STRING, 0), MI_RESULT_OK);
    if (name) {
        v.string = (MI_Char *)name;
        assert_int_equal(MI_Instance_SetElement(k, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    }
    return k;
}

static void test_fs_get(void **state)
{
    results res;
    mi_lx_sink sink;
    struct statvfs st;
    uint64_t size;
    const MI_ClassDecl *cd = decl("Linux_LocalFileSystem");
    MI_Instance *k = fs_keys("Linux_LocalFileSystem", SYSNAME, "/");
    (void)state;
    sink_of(&res, &sink);
    assert_int_equal(mi_lx_fs_get(&real_env, cd, k, &sink), MI_RESULT_OK);
    assert_int_equal(res.n, 1);
    assert_string_equal(str_of(res.inst[0], "Name"), "/");
    assert_int_equal(statvfs("/", &st), 0);
    assert_true(u64_of(res.inst[0], "FileSystemSize", &size));
    assert_int_equal(size, (uint64_t)st.f_blocks * st.f_frsize);
    results_free(&res);
    MI_Instance_Delete(k);

    /* bad keys: no such mount point, another system, another class, no Name */
    k = fs_keys("Linux_LocalFileSystem", SYSNAME, "/no/such/mount/point");
    assert_int_equal(mi_lx_fs_get(&real_env, cd, k, &sink), MI_RESULT_NOT_FOUND);
    MI_Instance_Delete(k);
    k = fs_keys("Linux_LocalFileSystem", "other-host", "/");
    assert_int_equal(mi_lx_fs_get(&real_env, cd, k, &sink), MI_RESULT_NOT_FOUND);
    MI_Instance_Delete(k);
    k = fs_keys("Linux_Other", SYSNAME, "/");
    assert_int_equal(mi_lx_fs_get(&real_env, cd, k, &sink), MI_RESULT_NOT_FOUND);
    MI_Instance_Delete(k);
    k = fs_keys("Linux_LocalFileSystem", SYSNAME, NULL);
    assert_int_equal(mi_lx_fs_get(&real_env, cd, k, &sink), MI_RESULT_INVALID_PARAMETER);
    MI_Instance_Delete(k);
    assert_int_equal(res.n, 0);
}

static void test_fs_sink_stops(void **state)
{
    results res;
    mi_lx_sink sink;
    (void)state;
    sink_of(&res, &sink);
    res.stop_after = 1;
    assert_int_equal(mi_lx_fs_enumerate(&real_env, decl("Linux_LocalFileSystem"), true, &sink),
                     MI_RESULT_ACCESS_DENIED);
    assert_int_equal(res.n, 1);
    results_free(&res);
}

/* Every allocation of an enumeration fails in turn: each run ends with an error or OK,
 * never a crash or a leak (ASan build), and the last run (no failure hit) succeeds. */
static void test_fs_alloc_failures(void **state)
{
    results res;
    mi_lx_sink sink;
    (void)state;
    for (int which = 0; which < 2; which++) {
        bool done = false;
        for (long n = 1; !done && n < 100000; n++) {
            MI_Result r;
            sink_of(&res, &sink);
            mi_alloc_fail_after(n);
            if (which == 0)
                r = mi_lx_fs_enumerate(&real_env, decl("Linux_LocalFileSystem"), false, &sink);
            else
                r = mi_lx_hostedfs_enumerate(&real_env, decl("Linux_HostedFileSystem"),
                                             "Linux_LocalFileSystem", &sink);
            done = mi_alloc_fail_after(0) < n;
            if (done)
                assert_int_equal(r, MI_RESULT_OK);
            else
                assert_true(r == MI_RESULT_OK || r == MI_RESULT_SERVER_LIMITS_EXCEEDED ||
                            r == MI_RESULT_FAILED);
            results_free(&res);
        }
        assert_true(done);
    }
}


static void test_fs_fake_mountinfo(void **state)
{
    char proc[300];
    results res;
    mi_lx_sink sink;
    mi_lx_env env = real_env;
    (void)state;
    snprintf(proc, sizeof proc, "%s/proc", g_tmp);
    env.proc_root = proc;
    put("proc/self/mountinfo",
        "22 1 0:21 / /proc rw,nosuid - proc proc rw\n"
        "23 1 8:1 / /nonexistent-lx2/data rw,relatime - ext4 /dev/sda1 rw\n"
        "24 1 8:2 / /nonexistent-lx2/a\\040b ro,relatime shared:1 - xfs /dev/sda2 rw\n"
        "25 1 0:30 / /nonexistent-lx2/shadow rw - ext4 /dev/sdb1 rw\n"
        "26 1 0:31 / /nonexistent-lx2/shadow rw - tmpfs tmpfs rw\n"
        "garbage line without separator\n"
        "27 1 0:32 / /nonexistent-lx2/vfat rw - vfat /dev/sdc1 ro\n");
    sink_of(&res, &sink);
    assert_int_equal(mi_lx_fs_enumerate(&env, decl("Linux_LocalFileSystem"), false, &sink),
                     MI_RESULT_OK);
    assert_int_equal(res.n, 4);
    const MI_Instance *d = find(&res, "Name", "/nonexistent-lx2/data");
    assert_non_null(d);
    /* statvfs fails: the instance is there, its sizes NULL */
    assert_true(is_null(d, "FileSystemSize"));
    assert_true(is_null(d, "AvailableSpace"));
    assert_string_equal(str_of(d, "FileSystemType"), "ext4");
    const MI_Instance *ab = find(&res, "Name", "/nonexistent-lx2/a b");
    assert_non_null(ab);
    MI_Value v;
    MI_Type t;
    MI_Uint32 f;
    assert_int_equal(MI_Instance_GetElement(ab, "ReadOnly", &v, &t, &f, NULL), MI_RESULT_OK);
    assert_true(v.boolean);
    assert_int_equal(MI_Instance_GetElement(d, "ReadOnly", &v, &t, &f, NULL), MI_RESULT_OK);
    assert_false(v.boolean);
    const MI_Instance *sh = find(&res, "Name", "/nonexistent-lx2/shadow");
    assert_string_equal(str_of(sh, "FileSystemType"), "tmpfs");
    const MI_Instance *vf = find(&res, "Name", "/nonexistent-lx2/vfat");
    assert_int_equal(MI_Instance_GetElement(vf, "ReadOnly", &v, &t, &f, NULL), MI_RESULT_OK);
    assert_true(v.boolean); /* read-only super block */
    assert_int_equal(MI_Instance_GetElement(vf, "CaseSensitive", &v, &t, &f, NULL), MI_RESULT_OK);
    assert_false(v.boolean);
    assert_null(find(&res, "Name", "/proc"));
    results_free(&res);

    /* get by key in the fake tree: the escaped mount point, a pseudo fs */
    MI_Instance *k = fs_keys("Linux_LocalFileSystem", SYSNAME, "/nonexistent-lx2/a b");
    assert_int_equal(mi_lx_fs_get(&env, decl("Linux_LocalFileSystem"), k, &sink), MI_RESULT_OK);
    assert_int_equal(res.n, 1);
    results_free(&res);
    MI_Instance_Delete(k);
    k = fs_keys("Linux_LocalFileSystem", SYSNAME, "/proc");
    assert_int_equal(mi_lx_fs_get(&env, decl("Linux_LocalFileSystem"), k, &sink),
                     MI_RESULT_NOT_FOUND);
    MI_Instance_Delete(k);

    /* no mountinfo at all: NOT_FOUND with a message */
    snprintf(proc, sizeof proc, "%s/no-proc", g_tmp);
    assert_int_equal(mi_lx_fs_enumerate(&env, decl("Linux_LocalFileSystem"), false, &sink),
                     MI_RESULT_NOT_FOUND);
    assert_non_null(strstr(mi_lx_last_error(), "mountinfo"));
}

static void test_hosted_fs(void **state)
{
    results res, fs;
    mi_lx_sink sink, sink2;
    (void)state;
    sink_of(&res, &sink);
    sink_of(&fs, &sink2);
    assert_int_equal(mi_lx_fs_enumerate(&real_env, decl("Linux_LocalFileSystem"), true, &sink2),
                     MI_RESULT_OK);
    assert_int_equal(mi_lx_hostedfs_enumerate(&real_env, decl("Linux_HostedFileSystem"),
                                              "Linux_LocalFileSystem", &sink),
                     MI_RESULT_OK);
    assert_int_equal(res.n, fs.n);
    for (size_t i = 0; i < res.n; i++) {
        MI_Value v;
        MI_Type t;
        MI_Uint32 f;
        assert_int_equal(MI_Instance_GetElement(res.inst[i], "GroupComponent", &v, &t, &f, NULL),
                         MI_RESULT_OK);
        assert_int_equal(t, MI_REFERENCE);
        assert_string_equal(str_of(v.reference, "Name"), SYSNAME);
        assert_string_equal(str_of(v.reference, "CreationClassName"), "Linux_ComputerSystem");
        assert_int_equal(MI_Instance_GetElement(res.inst[i], "PartComponent", &v, &t, &f, NULL),
                         MI_RESULT_OK);
        assert_non_null(find(&fs, "Name", str_of(v.reference, "Name")));
        assert_string_equal(str_of(v.reference, "CSName"), SYSNAME);
    }
    results_free(&res);
    results_free(&fs);
}

/* ---------------------------------------------------------------- block devices */

static bool exists_in(const char *dir, const char *name, const char *rel)
{
    char p[1024];
    snprintf(p, sizeof p, "%s/%s/%s", dir, name, rel);
    return access(p, F_OK) == 0;
}

/* ---------------------------------------------------------------- bounded statvfs */

static atomic_int fake_calls;
static pthread_t test_thread;         /* set before any call */
static atomic_int fake_on_test_thread; /* the last call ran on test_thread */
static atomic_int fake_sleep_ms;

/* A statvfs that takes fake_sleep_ms, then reports a 4 KiB-block file system. */
static int fake_statvfs(const char *path, struct statvfs *st)
{
    struct timespec ts = {0, 0};
    int ms = atomic_load(&fake_sleep_ms);

    (void)path;
    atomic_fetch_add(&fake_calls, 1);
    atomic_store(&fake_on_test_thread, pthread_equal(pthread_self(), test_thread) ? 1 : 0);
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
    memset(st, 0, sizeof *st);
    st->f_frsize = 4096;
    st->f_blocks = 10;
    return 0;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void wait_unstuck(void)
{
    struct timespec ts = {0, 10 * 1000 * 1000};
    for (int i = 0; i < 500 && mi_lx_statvfs_stuck() != 0; i++)
        nanosleep(&ts, NULL);
    assert_int_equal(mi_lx_statvfs_stuck(), 0);
}

/* statvfs on a network file system gives up after its timeout (the thread finishes
 * alone); local ones run on the caller's thread; too many stuck calls stop trying. */
static void test_statvfs_bounded(void **state)
{
    struct statvfs st;
    double t0;

    (void)state;
    assert_true(mi_lx_fs_is_remote("nfs4"));
    assert_true(mi_lx_fs_is_remote("fuse.sshfs"));
    assert_true(mi_lx_fs_is_remote("cifs"));
    assert_false(mi_lx_fs_is_remote("ext4"));
    assert_false(mi_lx_fs_is_remote("tmpfs"));
    test_thread = pthread_self();
    mi_lx_set_statvfs_fn(fake_statvfs);

    /* local: on this thread, however slow */
    atomic_store(&fake_sleep_ms, 50);
    memset(&st, 0, sizeof st);
    assert_true(mi_lx_statvfs_bounded("/x", "ext4", 10, &st));
    assert_int_equal(atomic_load(&fake_on_test_thread), 1);
    assert_int_equal(st.f_blocks, 10);

    /* remote and quick: answered */
    atomic_store(&fake_sleep_ms, 0);
    memset(&st, 0, sizeof st);
    assert_true(mi_lx_statvfs_bounded("/net", "nfs", 2000, &st));
    assert_int_equal(atomic_load(&fake_on_test_thread), 0);
    assert_int_equal(st.f_frsize, 4096);
    wait_unstuck();

    /* remote and hanging: given up after the timeout, not after the call */
    atomic_store(&fake_sleep_ms, 1500);
    t0 = now_ms();
    assert_false(mi_lx_statvfs_bounded("/net", "nfs", 100, &st));
    assert_true(now_ms() - t0 < 1000);
    assert_int_equal(mi_lx_statvfs_stuck(), 1);

    /* the cap: MI_LX_STATVFS_STUCK hanging calls, then the next one is not even tried */
    for (unsigned i = 1; i < MI_LX_STATVFS_STUCK; i++)
        assert_false(mi_lx_statvfs_bounded("/net", "nfs", 1, &st));
    assert_int_equal(mi_lx_statvfs_stuck(), MI_LX_STATVFS_STUCK);
    int calls = atomic_load(&fake_calls);
    assert_false(mi_lx_statvfs_bounded("/net", "nfs", 1000, &st));
    assert_int_equal(atomic_load(&fake_calls), calls);
    wait_unstuck(); /* the hanging calls return by themselves (1.5 s) */
    mi_lx_set_statvfs_fn(NULL);
}

static void test_disks_real(void **state)
{
    results res;
    mi_lx_sink sink;
    size_t expect = 0;
    (void)state;
    sink_of(&res, &sink);
    assert_int_equal(mi_lx_disk_enumerate(&real_env, decl("Linux_DiskDrive"), false, &sink),
                     MI_RESULT_OK);
    DIR *d = opendir("/sys/block");
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !exists_in("/sys/block", e->d_name, "device"))
            continue;
        expect++;
        const MI_Instance *inst = find(&res, "DeviceID", e->d_name);
        if (inst == NULL)
            fail_msg("disk %s missing", e->d_name);
        char sz[64], p[512];
        snprintf(p, sizeof p, "/sys/block/%s/size", e->d_name);
        FILE *f = fopen(p, "r");
        if (f && fgets(sz, sizeof sz, f)) {
            uint64_t kb;
            assert_true(u64_of(inst, "MaxMediaSize", &kb));
            assert_int_equal(kb, strtoull(sz, NULL, 10) * 512 / 1000);
        }
        if (f)
            fclose(f);
    }
    if (d)
        closedir(d);
    assert_int_equal(res.n, expect);
    results_free(&res);
}

static void test_block_fake(void **state)
{
    char sys[300];
    results res;
    mi_lx_sink sink;
    mi_lx_env env = real_env;
    uint64_t x;
    (void)state;
    snprintf(sys, sizeof sys, "%s/sys", g_tmp);
    env.sys_root = sys;
    put("sys/class/block/sda/device/model", "FAKE DISK 1   \n");
    put("sys/class/block/sda/size", "2000000\n");
    put("sys/class/block/sda/removable", "0\n");
    put("sys/class/block/sda/queue/rotational", "1\n");
    put("sys/class/block/sda/queue/logical_block_size", "4096\n");
    put("sys/class/block/sda1/partition", "1\n");
    put("sys/class/block/sda1/size", "1000\n");
    put("sys/class/block/sdb/device", NULL); /* nothing readable */
    put("sys/class/block/loop0/size", "0\n");
    put("sys/class/block/loop1/size", "100\n");
    put("sys/class/block/dm-0/size", "abc\n");
    sink_of(&res, &sink);
    assert_int_equal(mi_lx_disk_enumerate(&env, decl("Linux_DiskDrive"), false, &sink),
                     MI_RESULT_OK);
    assert_int_equal(res.n, 2);
    const MI_Instance *a = find(&res, "DeviceID", "sda");
    assert_non_null(a);
    assert_string_equal(str_of(a, "Name"), "/dev/sda");
    assert_string_equal(str_of(a, "ElementName"), "FAKE DISK 1");
    assert_true(u64_of(a, "MaxMediaSize", &x));
    assert_int_equal(x, 2000000ull * 512 / 1000);
    assert_true(u64_of(a, "DefaultBlockSize", &x));
    assert_int_equal(x, 4096);
    const MI_Instance *b = find(&res, "DeviceID", "sdb");
    assert_non_null(b);
    assert_true(is_null(b, "MaxMediaSize"));
    assert_true(is_null(b, "DefaultBlockSize"));
    assert_true(is_null(b, "ElementName"));
    results_free(&res);

    assert_int_equal(mi_lx_disk_enumerate(&env, decl("Linux_DiskDrive"), true, &sink),
                     MI_RESULT_OK);
    for (size_t i = 0; i < res.n; i++)
        assert_keys_only(res.inst[i]);
    results_free(&res);

    /* extents: sda, sda1, sdb, loop1, dm-0 (unused loop0 is left out) */
    assert_int_equal(mi_lx_extent_enumerate(&env, decl("Linux_StorageExtent"), false, &sink),
                     MI_RESULT_OK);
    assert_int_equal(res.n, 5);
    assert_null(find(&res, "DeviceID", "loop0"));
    const MI_Instance *p = find(&res, "DeviceID", "sda1");
    assert_true(u64_of(p, "NumberOfBlocks", &x));
    assert_int_equal(x, 1000);
    assert_true(is_null(find(&res, "DeviceID", "dm-0"), "NumberOfBlocks"));
    results_free(&res);

    /* get by key: a disk, a partition (not a disk), a bad name */
    MI_Instance *k;
    MI_Value v;
    const char *ids[] = {"sda", "sda1", "../sda", "nosuch"};
    MI_Result want[] = {MI_RESULT_OK, MI_RESULT_NOT_FOUND, MI_RESULT_NOT_FOUND,
                        MI_RESULT_NOT_FOUND};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(mi_instance_new(decl("Linux_DiskDrive"), NULL, NULL, &k), MI_RESULT_OK);
        v.string = (MI_Char *)ids[i];
        assert_int_equal(MI_Instance_SetElement(k, "DeviceID", &v, MI_STRING, 0), MI_RESULT_OK);
        assert_int_equal(mi_lx_disk_get(&env, decl("Linux_DiskDrive"), k, &sink), want[i]);
        MI_Instance_Delete(k);
    }
    assert_int_equal(res.n, 1);
    results_free(&res);
}

/* The collectors over the full DMTF schema's declarations (schema/linux compiled on
 * top of it): every property they set has CIM's type there too (a mismatch would be
 * FAILED), and the extra DMTF properties stay NULL. */
static void test_fs_over_dmtf(void **state)
{
    const char *files[] = {MI_SHARED_DIR "/data/cim-schema/2.49.0/cim_schema_2.49.0.mof",
                           MI_SOURCE_DIR "/schema/linux/linux.mof"};
    mi_repo *repo = NULL;
    results res;
    mi_lx_sink sink;
    (void)state;
    assert_int_equal(mi_repo_new(&repo), MI_RESULT_OK);
    assert_int_equal(mi_mof_compile_files(repo, files, 2, NULL, NULL), MI_RESULT_OK);
    mi_ns *ns = mi_repo_ns(repo, "root/cimv2");
    const MI_ClassDecl *fs = mi_ns_class(ns, "Linux_LocalFileSystem");
    const MI_ClassDecl *disk = mi_ns_class(ns, "Linux_DiskDrive");
    const MI_ClassDecl *ext = mi_ns_class(ns, "Linux_StorageExtent");
    const MI_ClassDecl *hosted = mi_ns_class(ns, "Linux_HostedFileSystem");
    assert_true(fs && disk && ext && hosted);
    sink_of(&res, &sink);
    assert_int_equal(mi_lx_fs_enumerate(&real_env, fs, false, &sink), MI_RESULT_OK);
    const MI_Instance *root = find(&res, "Name", "/");
    assert_non_null(root);
    assert_non_null(str_of(root, "FileSystemType"));
    assert_true(is_null(root, "EncryptionMethod"));
    results_free(&res);
    assert_int_equal(mi_lx_disk_enumerate(&real_env, disk, false, &sink), MI_RESULT_OK);
    results_free(&res);
    assert_int_equal(mi_lx_extent_enumerate(&real_env, ext, false, &sink), MI_RESULT_OK);
    results_free(&res);
    assert_int_equal(mi_lx_hostedfs_enumerate(&real_env, hosted, "Linux_LocalFileSystem", &sink),
                     MI_RESULT_OK);
    assert_true(res.n > 0);
    results_free(&res);
    mi_repo_free(repo);
}

/* ---------------------------------------------------------------- provider glue */

/* Posts must be dynamic instances whose keys are flagged (fake_ctx.check). */
static void dyn_check(const MI_Instance *inst)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 fl;
    assert_true(mi_instance_is_dynamic(inst));
    if (inst->classDecl->flags & MI_FLAG_ASSOCIATION) {
        assert_int_equal(MI_Instance_GetElement(inst, "PartComponent", &v, &t, &fl, NULL),
                         MI_RESULT_OK);
        assert_int_equal(t, MI_REFERENCE);
    } else {
        assert_int_equal(MI_Instance_GetElement(inst, "Name", &v, &t, &fl, NULL),
                         MI_RESULT_OK);
        assert_true(fl & MI_FLAG_KEY);
        assert_int_equal(MI_Instance_GetElement(inst, "FileSystemType", &v, &t, &fl, NULL),
                         MI_RESULT_OK);
        assert_false(fl & MI_FLAG_KEY);
        assert_string_equal(str_of(inst, "CSName"), SYSNAME);
    }
}

static void test_provider_ft(void **state)
{
    const MI_ProviderFT *ft = mi_linux_fs_provider_ft("linux_localfilesystem");
    fake_ctx f;
    void *self = NULL;
    (void)state;
    assert_non_null(ft);
    assert_null(mi_linux_fs_provider_ft("Linux_UnixProcess"));
    assert_non_null(mi_linux_fs_provider_ft("Linux_HostedFileSystem"));
    fake_init(&f, true);
    ft->Load(&self, (MI_Module_Self *)&real_env, &f.ctx);
    assert_int_equal(f.result, MI_RESULT_OK);
    assert_ptr_equal(self, &real_env);

    fake_init(&f, true);
    ft->EnumerateInstances(self, &f.ctx, "root/cimv2", "Linux_LocalFileSystem", NULL, MI_FALSE,
                           NULL);
    assert_int_equal(f.finals, 1);
    assert_int_equal(f.result, MI_RESULT_OK);
    size_t nfs = f.posted;
    assert_true(nfs > 0);

    fake_init(&f, true);
    ft->EnumerateInstances(self, &f.ctx, "root/cimv2", "Linux_HostedFileSystem", NULL, MI_FALSE,
                           NULL);
    assert_int_equal(f.result, MI_RESULT_OK);
    assert_int_equal(f.posted, nfs);

    /* cancellation stops at the first post */
    fake_init(&f, true);
    f.canceled = true;
    ft->EnumerateInstances(self, &f.ctx, "root/cimv2", "Linux_LocalFileSystem", NULL, MI_TRUE,
                           NULL);
    assert_int_equal(f.finals, 1);
    assert_int_equal(f.posted, 0);
    assert_int_not_equal(f.result, MI_RESULT_OK);

    /* GetInstance: found, not found */
    MI_Instance *k = fs_keys("Linux_LocalFileSystem", SYSNAME, "/");
    fake_init(&f, true);
    ft->GetInstance(self, &f.ctx, "root/cimv2", "Linux_LocalFileSystem", k, NULL);
    assert_int_equal(f.result, MI_RESULT_OK);
    assert_int_equal(f.posted, 1);
    MI_Instance_Delete(k);
    k = fs_keys("Linux_LocalFileSystem", SYSNAME, "/no/such");
    fake_init(&f, true);
    ft->GetInstance(self, &f.ctx, "root/cimv2", "Linux_LocalFileSystem", k, NULL);
    assert_int_equal(f.finals, 1);
    assert_int_equal(f.result, MI_RESULT_NOT_FOUND);
    MI_Instance_Delete(k);

    /* no decl to be had: dynamic instances with the same keys and values */
    mi_lx_env bare = {.system_name = SYSNAME};
    fake_init(&f, true);
    f.check = dyn_check;
    ft->EnumerateInstances(&bare, &f.ctx, "root/cimv2", "Linux_LocalFileSystem", NULL, MI_FALSE,
                           NULL);
    assert_int_equal(f.result, MI_RESULT_OK);
    assert_int_equal(f.posted, nfs);
    fake_init(&f, true);
    f.check = dyn_check;
    ft->EnumerateInstances(&bare, &f.ctx, "root/cimv2", "Linux_HostedFileSystem", NULL, MI_TRUE,
                           NULL);
    assert_int_equal(f.result, MI_RESULT_OK);
    assert_int_equal(f.posted, nfs);

    fake_init(&f, true);
    ft->Unload(self, &f.ctx);
    assert_int_equal(f.result, MI_RESULT_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fs_matches_statvfs),
        cmocka_unit_test(test_fs_keys_only),
        cmocka_unit_test(test_fs_get),
        cmocka_unit_test(test_fs_sink_stops),
        cmocka_unit_test(test_fs_alloc_failures),
        cmocka_unit_test_setup_teardown(test_fs_fake_mountinfo, setup_tmp, teardown_tmp),
        cmocka_unit_test(test_hosted_fs),
        cmocka_unit_test(test_statvfs_bounded),
        cmocka_unit_test(test_disks_real),
        cmocka_unit_test_setup_teardown(test_block_fake, setup_tmp, teardown_tmp),
        cmocka_unit_test(test_provider_ft),
        cmocka_unit_test(test_fs_over_dmtf),
    };
    return cmocka_run_group_tests(tests, setup_repo, teardown_repo);
}
