/* linux_fs.c - local file systems (/proc/self/mountinfo + statvfs), disk drives and
 * block devices (/sys/class/block), the system-file system association, the helpers
 * shared with linux_net.c, and the provider glue for these classes. Contract in
 * linux_fsnet.h. */
#include "providers/linux_fsnet.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/statvfs.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/clock.h"

/* ================================================================ helpers */

static _Thread_local char lx_error[256];

const char *mi_lx_last_error(void)
{
    return lx_error;
}

static void lx_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void lx_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(lx_error, sizeof lx_error, fmt, ap);
    va_end(ap);
}

MI_Result mi_lx_set_flags(MI_Instance *inst, const char *name, MI_Type type, const MI_Value *v,
                          MI_Uint32 flags)
{
    MI_Result r = MI_Instance_SetElement(inst, name, v, type, 0);
    if (r == MI_RESULT_NO_SUCH_PROPERTY) {
        /* A dynamic instance takes the element; a schema-bound one refuses (FAILED):
         * its class does not declare the property, which is then not reported. */
        r = MI_Instance_AddElement(inst, name, v, type, flags);
        if (r == MI_RESULT_FAILED || r == MI_RESULT_NOT_SUPPORTED)
            r = MI_RESULT_OK;
    } else if (r == MI_RESULT_TYPE_MISMATCH) {
        lx_fail("class %s declares %s with another type than the provider's",
                inst->classDecl ? inst->classDecl->name : "?", name);
        r = MI_RESULT_FAILED;
    }
    return r;
}

MI_Result mi_lx_set(MI_Instance *inst, const char *name, MI_Type type, const MI_Value *v)
{
    return mi_lx_set_flags(inst, name, type, v, 0);
}

MI_Result mi_lx_set_key(MI_Instance *inst, const char *name, const char *s)
{
    MI_Value v;
    v.string = (MI_Char *)s;
    return mi_lx_set_flags(inst, name, MI_STRING, &v, MI_FLAG_KEY);
}

MI_Result mi_lx_set_string(MI_Instance *inst, const char *name, const char *s)
{
    MI_Value v;
    v.string = (MI_Char *)s;
    return mi_lx_set(inst, name, MI_STRING, &v);
}

MI_Result mi_lx_set_u64(MI_Instance *inst, const char *name, MI_Uint64 x)
{
    MI_Value v;
    v.uint64 = x;
    return mi_lx_set(inst, name, MI_UINT64, &v);
}

static MI_Result lx_set_bool(MI_Instance *inst, const char *name, bool b)
{
    MI_Value v;
    v.boolean = b ? MI_TRUE : MI_FALSE;
    return mi_lx_set(inst, name, MI_BOOLEAN, &v);
}

static MI_Result lx_set_u32(MI_Instance *inst, const char *name, MI_Uint32 x)
{
    MI_Value v;
    v.uint32 = x;
    return mi_lx_set(inst, name, MI_UINT32, &v);
}

static MI_Result lx_set_u16(MI_Instance *inst, const char *name, MI_Uint16 x)
{
    MI_Value v;
    v.uint16 = x;
    return mi_lx_set(inst, name, MI_UINT16, &v);
}

bool mi_lx_read_small(const char *path, char *buf, size_t cap)
{
    bool ok = false;
    size_t n = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || cap == 0)
        goto out_close;
    while (n + 1 < cap) {
        ssize_t k = read(fd, buf + n, cap - 1 - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            goto out_close;
        if (k == 0)
            break;
        n += (size_t)k;
    }
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
        n--;
    buf[n] = '\0';
    ok = true;
out_close:
    if (fd >= 0)
        close(fd);
    return ok;
}

bool mi_lx_path(char *out, const char *root, const char *rest)
{
    int n = snprintf(out, MI_LX_PATH_MAX, "%s/%s", root, rest);
    return n > 0 && n < MI_LX_PATH_MAX;
}

static const char *lx_proc(const mi_lx_env *env)
{
    return env && env->proc_root ? env->proc_root : "/proc";
}

static const char *lx_sys(const mi_lx_env *env)
{
    return env && env->sys_root ? env->sys_root : "/sys";
}

const char *mi_lx_system_class(const mi_lx_env *env)
{
    return env && env->system_class ? env->system_class : "Linux_ComputerSystem";
}

const char *mi_lx_system_name(const mi_lx_env *env)
{
    static _Thread_local struct utsname u;
    const char *name = "localhost";
    if (env && env->system_name)
        name = env->system_name;
    else if (uname(&u) == 0)
        name = u.nodename;
    return name;
}

const char *mi_lx_key(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 flags;
    const char *s = NULL;
    if (inst != NULL && MI_Instance_GetElement(inst, name, &v, &t, &flags, NULL) == MI_RESULT_OK &&
        t == MI_STRING && !(flags & MI_FLAG_NULL))
        s = v.string;
    return s;
}

bool mi_lx_system_keys_match(const mi_lx_env *env, const MI_Instance *inst,
                             const char *class_key, const char *name_key)
{
    const char *c = mi_lx_key(inst, class_key);
    const char *n = mi_lx_key(inst, name_key);
    return (c == NULL || strcasecmp(c, mi_lx_system_class(env)) == 0) &&
           (n == NULL || strcmp(n, mi_lx_system_name(env)) == 0);
}

/* True when the CreationClassName key of inst (if any) names cd. */
static bool lx_class_key_match(const MI_Instance *inst, const MI_ClassDecl *cd)
{
    const char *c = mi_lx_key(inst, "CreationClassName");
    return c == NULL || strcasecmp(c, cd->name) == 0;
}

MI_Result mi_lx_ref_key(MI_Instance *ref, const char *name, const char *value)
{
    MI_Value v;
    v.string = (MI_Char *)value;
    return MI_Instance_AddElement(ref, name, &v, MI_STRING, MI_FLAG_KEY);
}

MI_Result mi_lx_system_ref(const mi_lx_env *env, const mi_lx_sink *sink, MI_Instance **out)
{
    MI_Instance *ref = NULL;
    MI_Result r = sink->new_reference(sink->ud, mi_lx_system_class(env), &ref);
    if (r != MI_RESULT_OK)
        goto out;
    r = mi_lx_ref_key(ref, "CreationClassName", mi_lx_system_class(env));
    if (r == MI_RESULT_OK)
        r = mi_lx_ref_key(ref, "Name", mi_lx_system_name(env));
    if (r != MI_RESULT_OK) {
        MI_Instance_Delete(ref);
        ref = NULL;
    }
out:
    *out = ref;
    return r;
}

MI_Result mi_lx_new_instance(const mi_lx_sink *sink, const MI_ClassDecl *cd, bool keys_only,
                             MI_Instance **out)
{
    MI_Result r = sink->new_instance(sink->ud, cd, out);
    if (r != MI_RESULT_OK || !keys_only)
        goto out;
    /* defaults of non-key properties (EnabledState = 5 ...) are not wanted */
    for (MI_Uint32 i = 0; i < cd->numProperties && r == MI_RESULT_OK; i++)
        if (!(cd->properties[i]->flags & MI_FLAG_KEY))
            r = MI_Instance_ClearElementAt(*out, i);
    if (r != MI_RESULT_OK) {
        MI_Instance_Delete(*out);
        *out = NULL;
    }
out:
    return r;
}

/* Posts inst to the sink and deletes it (whatever the result). */
static MI_Result lx_post(const mi_lx_sink *sink, MI_Instance *inst)
{
    MI_Result r = sink->post(sink->ud, inst);
    MI_Instance_Delete(inst);
    return r;
}

/* ================================================================ mountinfo */

/* Kernel file systems that hold no user files (linux_fsnet.h). */
static const char *const lx_pseudo_fs[] = {
    "proc",     "sysfs",    "cgroup",      "cgroup2",    "devpts",  "mqueue",
    "debugfs",  "tracefs",  "securityfs",  "pstore",     "bpf",     "configfs",
    "fusectl",  "hugetlbfs", "autofs",     "binfmt_misc", "rpc_pipefs", "nsfs",
    "efivarfs", "selinuxfs", "nfsd",
};

static bool lx_is_pseudo(const char *fstype)
{
    for (size_t i = 0; i < sizeof lx_pseudo_fs / sizeof lx_pseudo_fs[0]; i++)
        if (strcmp(fstype, lx_pseudo_fs[i]) == 0)
            return true;
    return false;
}

/* One parsed mountinfo line; strings point into the line (unescaped in place). */
typedef struct lx_mount {
    char *mount_point;
    char *fstype;
    char *source;
    bool read_only;
} lx_mount;

/* Undoes mountinfo's octal escapes (\040 space, \011 tab, \012 newline, \134 \). */
static void lx_unescape(char *s)
{
    char *w = s;
    for (char *p = s; *p; p++) {
        if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' && p[2] >= '0' && p[2] <= '7' &&
            p[3] >= '0' && p[3] <= '7') {
            *w++ = (char)(((p[1] - '0') << 6) | ((p[2] - '0') << 3) | (p[3] - '0'));
            p += 3;
        } else
            *w++ = *p;
    }
    *w = '\0';
}

static bool lx_has_ro(const char *opts)
{
    const char *p = opts;
    while (p && *p) {
        if (p[0] == 'r' && p[1] == 'o' && (p[2] == ',' || p[2] == '\0'))
            return true;
        p = strchr(p, ',');
        if (p)
            p++;
    }
    return false;
}

/* Field `i` (0-based, space separated) of a mountinfo line: its start and length. */
static bool lx_field(const char *line, size_t len, unsigned i, const char **f, size_t *flen)
{
    size_t p = 0;
    for (unsigned k = 0;; k++) {
        while (p < len && line[p] == ' ')
            p++;
        size_t s = p;
        while (p < len && line[p] != ' ')
            p++;
        if (s == p)
            return false;
        if (k == i) {
            *f = line + s;
            *flen = p - s;
            return true;
        }
    }
}

/* Splits a mountinfo line (modified in place) into m. false if malformed. */
static bool lx_parse_mount(char *line, lx_mount *m)
{
    char *tok[64];
    unsigned n = 0, sep = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, " ", &save); t && n < 64; t = strtok_r(NULL, " ", &save))
        tok[n++] = t;
    for (unsigned i = 6; i < n; i++)
        if (strcmp(tok[i], "-") == 0) {
            sep = i;
            break;
        }
    bool ok = sep != 0 && sep + 2 < n;
    if (ok) {
        m->mount_point = tok[4];
        m->fstype = tok[sep + 1];
        m->source = tok[sep + 2];
        m->read_only = lx_has_ro(tok[5]) || (sep + 3 < n && lx_has_ro(tok[sep + 3]));
        lx_unescape(m->mount_point);
        lx_unescape(m->fstype);
        lx_unescape(m->source);
    }
    return ok;
}

/* Reads <proc>/self/mountinfo whole into *out (mi_free). */
static MI_Result lx_read_mountinfo(const mi_lx_env *env, char **out, size_t *len)
{
    MI_Result r = MI_RESULT_OK;
    char path[MI_LX_PATH_MAX];
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int fd = -1;
    if (!mi_lx_path(path, lx_proc(env), "self/mountinfo")) {
        lx_fail("proc root too long");
        r = MI_RESULT_INVALID_PARAMETER;
        goto out;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        lx_fail("cannot open %s: %s", path, strerror(errno));
        r = MI_RESULT_NOT_FOUND;
        goto out;
    }
    for (;;) {
        if (n + 1 >= cap) {
            size_t ncap = cap ? cap * 2 : 16384;
            if (ncap > MI_LX_FILE_MAX) {
                lx_fail("%s is larger than %u bytes", path, MI_LX_FILE_MAX);
                r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
                goto out_free;
            }
            char *nb = mi_realloc(buf, ncap);
            if (nb == NULL) {
                lx_fail("out of memory");
                r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
                goto out_free;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t k = read(fd, buf + n, cap - 1 - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            lx_fail("cannot read %s: %s", path, strerror(errno));
            r = MI_RESULT_NOT_FOUND;
            goto out_free;
        }
        if (k == 0)
            break;
        n += (size_t)k;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    goto out;
out_free:
    mi_free(buf);
out:
    if (fd >= 0)
        close(fd);
    return r;
}

/* The mount point field of one mountinfo line, to find mounts hidden by a later mount
 * on the same point. */
typedef struct lx_mp {
    const char *mp; /* raw (escaped) field */
    size_t len;
    size_t line;
} lx_mp;

static int lx_mp_cmp(const void *x, const void *y)
{
    const lx_mp *a = x, *b = y;
    int c = memcmp(a->mp, b->mp, a->len < b->len ? a->len : b->len);
    if (c == 0)
        c = (a->len > b->len) - (a->len < b->len);
    if (c == 0)
        c = (a->line > b->line) - (a->line < b->line);
    return c;
}

/* Marks hidden[i] for every line i mounted over by a later line (same raw mount point
 * field), in O(n log n). hidden has one byte per line, n lines. */
static MI_Result lx_mark_hidden(const char *buf, const char *end, size_t n, char *hidden)
{
    MI_Result r = MI_RESULT_OK;
    lx_mp *mps = mi_calloc(n ? n : 1, sizeof *mps);
    size_t k = 0, i = 0;
    if (mps == NULL) {
        lx_fail("out of memory");
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out;
    }
    for (const char *p = buf; p < end && i < n; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (lx_field(p, ll, 4, &mps[k].mp, &mps[k].len)) {
            mps[k].line = i;
            k++;
        }
        p += ll + 1;
    }
    qsort(mps, k, sizeof *mps, lx_mp_cmp);
    for (size_t j = 0; j + 1 < k; j++)
        if (mps[j].len == mps[j + 1].len && memcmp(mps[j].mp, mps[j + 1].mp, mps[j].len) == 0)
            hidden[mps[j].line] = 1;
    mi_free(mps);
out:
    return r;
}

/* Calls fn for every visible, non-pseudo mount (in mountinfo order); a result other
 * than OK from fn stops and is returned. When want is non-NULL only mounts on that
 * (unescaped) mount point are passed. Lines of MI_LX_PATH_MAX bytes or more are
 * skipped. */
typedef MI_Result (*lx_mount_fn)(void *ud, const lx_mount *m);

static MI_Result lx_each_mount(const mi_lx_env *env, const char *want, lx_mount_fn fn, void *ud)
{
    char *buf = NULL, *hidden = NULL, line[MI_LX_PATH_MAX];
    size_t len = 0, n = 0, i = 0;
    MI_Result r = lx_read_mountinfo(env, &buf, &len);
    if (r != MI_RESULT_OK)
        goto out;
    const char *end = buf + len;
    for (const char *p = buf; p < end; p++)
        n += *p == '\n';
    n++; /* a last line without newline */
    hidden = mi_calloc(n, 1);
    if (hidden == NULL) {
        lx_fail("out of memory");
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        goto out_free_buf;
    }
    r = lx_mark_hidden(buf, end, n, hidden);
    for (const char *p = buf; p < end && r == MI_RESULT_OK; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);
        lx_mount m;
        bool skip = ll >= sizeof line || hidden[i];
        if (!skip) {
            memcpy(line, p, ll);
            line[ll] = '\0';
        }
        p += ll + 1;
        if (skip || !lx_parse_mount(line, &m) || lx_is_pseudo(m.fstype))
            continue;
        if (want != NULL && strcmp(want, m.mount_point) != 0)
            continue;
        r = fn(ud, &m);
    }
    mi_free(hidden);
out_free_buf:
    mi_free(buf);
out:
    return r;
}

/* ================================================================ file systems */

static bool lx_case_insensitive_fs(const char *t)
{
    static const char *const ci[] = {"vfat", "msdos", "exfat", "ntfs", "ntfs3",
                                     "cifs", "smb3", "hfs", "hfsplus"};
    for (size_t i = 0; i < sizeof ci / sizeof ci[0]; i++)
        if (strcmp(t, ci[i]) == 0)
            return true;
    return false;
}

static bool lx_ram_fs(const char *t)
{
    return strcmp(t, "tmpfs") == 0 || strcmp(t, "ramfs") == 0 || strcmp(t, "devtmpfs") == 0;
}

/* ---------------------------------------------------------------- bounded statvfs */

static int (*lx_statvfs_fn)(const char *path, struct statvfs *st) = statvfs;
static atomic_uint lx_stuck;

void mi_lx_set_statvfs_fn(int (*fn)(const char *path, struct statvfs *st))
{
    lx_statvfs_fn = fn != NULL ? fn : statvfs;
}

unsigned mi_lx_statvfs_stuck(void)
{
    return atomic_load(&lx_stuck);
}

bool mi_lx_fs_is_remote(const char *t)
{
    static const char *const remote[] = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "ceph",
                                         "glusterfs", "9p", "afs", "ncpfs", "lustre",
                                         "davfs", "coda", "gfs2", "ocfs2", "orangefs"};
    if (strncmp(t, "fuse", 4) == 0) /* fuse, fuse.sshfs, fuseblk: a process answers */
        return true;
    for (size_t i = 0; i < sizeof remote / sizeof remote[0]; i++)
        if (strcmp(t, remote[i]) == 0)
            return true;
    return false;
}

/* One statvfs call on a thread of its own; freed by whichever side lets go last. */
typedef struct lx_statvfs_call {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int refs;               /* the waiter and the thread */
    bool done;
    int rc;
    struct statvfs st;
    char path[];
} lx_statvfs_call;

static void lx_statvfs_unref(lx_statvfs_call *c)
{
    bool last;

    pthread_mutex_lock(&c->mu);
    last = --c->refs == 0;
    pthread_mutex_unlock(&c->mu);
    if (last) {
        pthread_mutex_destroy(&c->mu);
        pthread_cond_destroy(&c->cv);
        mi_free(c);
    }
}

static void *lx_statvfs_main(void *arg)
{
    lx_statvfs_call *c = arg;
    struct statvfs st;
    int rc;

    memset(&st, 0, sizeof st);
    rc = lx_statvfs_fn(c->path, &st);

    pthread_mutex_lock(&c->mu);
    c->rc = rc;
    c->st = st;
    c->done = true;
    pthread_cond_signal(&c->cv);
    pthread_mutex_unlock(&c->mu);
    atomic_fetch_sub(&lx_stuck, 1);
    lx_statvfs_unref(c);
    return NULL;
}

bool mi_lx_statvfs_bounded(const char *path, const char *fstype, unsigned timeout_ms,
                           struct statvfs *st)
{
    size_t len = strlen(path);
    lx_statvfs_call *c;
    pthread_attr_t attr;
    pthread_condattr_t ca;
    pthread_t t;
    struct timespec until;
    bool ok = false, started = false;

    if (!mi_lx_fs_is_remote(fstype))
        return lx_statvfs_fn(path, st) == 0;
    /* Counted as stuck from the start: a caller that gives up leaves it counted until
     * the thread returns. */
    if (atomic_fetch_add(&lx_stuck, 1) >= MI_LX_STATVFS_STUCK)
        goto out_uncount;
    c = mi_malloc(sizeof *c + len + 1);
    if (c == NULL)
        goto out_uncount;
    memcpy(c->path, path, len + 1);
    c->refs = 2;
    c->done = false;
    c->rc = -1;
    pthread_mutex_init(&c->mu, NULL);
    if (pthread_condattr_init(&ca) != 0) {
        pthread_mutex_destroy(&c->mu);
        mi_free(c);
        goto out_uncount;
    }
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&c->cv, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_attr_init(&attr) == 0) {
        started = pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) == 0 &&
                  pthread_create(&t, &attr, lx_statvfs_main, c) == 0;
        pthread_attr_destroy(&attr);
    }
    if (!started) {
        c->refs = 1;
        lx_statvfs_unref(c);
        goto out_uncount;
    }
    mi_timespec_of_ns(mi_now_ns() + (uint64_t)timeout_ms * 1000000u, &until);
    pthread_mutex_lock(&c->mu);
    while (!c->done && pthread_cond_timedwait(&c->cv, &c->mu, &until) == 0)
        ;
    if (c->done && c->rc == 0) {
        *st = c->st;
        ok = true;
    }
    pthread_mutex_unlock(&c->mu);
    lx_statvfs_unref(c);
    goto out;

out_uncount:
    atomic_fetch_sub(&lx_stuck, 1);
out:
    return ok;
}

typedef struct lx_fs_job {
    const mi_lx_env *env;
    const MI_ClassDecl *cd;
    bool keys_only;
    const mi_lx_sink *sink;
    unsigned posted;
} lx_fs_job;

static MI_Result lx_fs_keys(MI_Instance *inst, const mi_lx_env *env, const MI_ClassDecl *cd,
                            const char *mount_point)
{
    MI_Result r = mi_lx_set_key(inst, "CSCreationClassName", mi_lx_system_class(env));
    if (r == MI_RESULT_OK)
        r = mi_lx_set_key(inst, "CSName", mi_lx_system_name(env));
    if (r == MI_RESULT_OK)
        r = mi_lx_set_key(inst, "CreationClassName", cd->name);
    if (r == MI_RESULT_OK)
        r = mi_lx_set_key(inst, "Name", mount_point);
    return r;
}

static MI_Result lx_fs_fill(MI_Instance *inst, const lx_fs_job *job, const lx_mount *m)
{
    struct statvfs st;
    MI_Result r = lx_fs_keys(inst, job->env, job->cd, m->mount_point);
    if (r != MI_RESULT_OK || job->keys_only)
        goto out;
    bool ci = lx_case_insensitive_fs(m->fstype);
    r = mi_lx_set_string(inst, "Root", m->mount_point);
    if (r == MI_RESULT_OK)
        r = mi_lx_set_string(inst, "FileSystemType", m->fstype);
    if (r == MI_RESULT_OK)
        r = lx_set_bool(inst, "ReadOnly", m->read_only);
    if (r == MI_RESULT_OK)
        r = lx_set_bool(inst, "CaseSensitive", !ci);
    if (r == MI_RESULT_OK)
        r = lx_set_bool(inst, "CasePreserved", strcmp(m->fstype, "msdos") != 0);
    /* PersistenceType: 2 Persistent, 3 Temporary (memory-backed). */
    if (r == MI_RESULT_OK)
        r = lx_set_u16(inst, "PersistenceType", lx_ram_fs(m->fstype) ? 3 : 2);
    if (r != MI_RESULT_OK ||
        !mi_lx_statvfs_bounded(m->mount_point, m->fstype, MI_LX_STATVFS_TIMEOUT_MS, &st))
        goto out;
    MI_Uint64 frsize = st.f_frsize ? st.f_frsize : st.f_bsize;
    r = mi_lx_set_u64(inst, "BlockSize", frsize);
    if (r == MI_RESULT_OK)
        r = mi_lx_set_u64(inst, "FileSystemSize", (MI_Uint64)st.f_blocks * frsize);
    if (r == MI_RESULT_OK)
        r = mi_lx_set_u64(inst, "AvailableSpace", (MI_Uint64)st.f_bavail * frsize);
    if (r == MI_RESULT_OK && st.f_files >= st.f_ffree)
        r = mi_lx_set_u64(inst, "NumberOfFiles", (MI_Uint64)(st.f_files - st.f_ffree));
    if (r == MI_RESULT_OK)
        r = lx_set_u32(inst, "MaxFileNameLength", (MI_Uint32)st.f_namemax);
out:
    return r;
}

static MI_Result lx_fs_one(void *ud, const lx_mount *m)
{
    lx_fs_job *job = ud;
    MI_Instance *inst = NULL;
    MI_Result r = mi_lx_new_instance(job->sink, job->cd, job->keys_only, &inst);
    if (r != MI_RESULT_OK)
        goto out;
    r = lx_fs_fill(inst, job, m);
    if (r != MI_RESULT_OK) {
        MI_Instance_Delete(inst);
        goto out;
    }
    job->posted++;
    r = lx_post(job->sink, inst);
out:
    return r;
}

MI_Result mi_lx_fs_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd, bool keys_only,
                             const mi_lx_sink *sink)
{
    lx_fs_job job = {env, cd, keys_only, sink, 0};
    return lx_each_mount(env, NULL, lx_fs_one, &job);
}

MI_Result mi_lx_fs_get(const mi_lx_env *env, const MI_ClassDecl *cd, const MI_Instance *keys,
                       const mi_lx_sink *sink)
{
    lx_fs_job job = {env, cd, false, sink, 0};
    const char *name = mi_lx_key(keys, "Name");
    MI_Result r = MI_RESULT_NOT_FOUND;
    if (name == NULL) {
        lx_fail("the key Name is missing");
        r = MI_RESULT_INVALID_PARAMETER;
        goto out;
    }
    if (!lx_class_key_match(keys, cd) ||
        !mi_lx_system_keys_match(env, keys, "CSCreationClassName", "CSName")) {
        lx_fail("no file system %s on this system", name);
        goto out;
    }
    /* Several visible mounts on one point cannot happen; post the first only. */
    r = lx_each_mount(env, name, lx_fs_one, &job);
    if (r == MI_RESULT_OK && job.posted == 0) {
        lx_fail("no file system mounted on %s", name);
        r = MI_RESULT_NOT_FOUND;
    }
out:
    return r;
}

/* ================================================================ hosted file system */

typedef struct lx_hosted_job {
    const mi_lx_env *env;
    const MI_ClassDecl *cd;
    const char *fs_class;
    const mi_lx_sink *sink;
} lx_hosted_job;

static MI_Result lx_hosted_one(void *ud, const lx_mount *m)
{
    lx_hosted_job *job = ud;
    MI_Instance *inst = NULL, *sys = NULL, *fs = NULL;
    MI_Value v;
    MI_Result r = job->sink->new_instance(job->sink->ud, job->cd, &inst);
    if (r != MI_RESULT_OK)
        goto out;
    r = mi_lx_system_ref(job->env, job->sink, &sys);
    if (r != MI_RESULT_OK)
        goto out_inst;
    r = job->sink->new_reference(job->sink->ud, job->fs_class, &fs);
    if (r != MI_RESULT_OK)
        goto out_sys;
    r = mi_lx_ref_key(fs, "CSCreationClassName", mi_lx_system_class(job->env));
    if (r == MI_RESULT_OK)
        r = mi_lx_ref_key(fs, "CSName", mi_lx_system_name(job->env));
    if (r == MI_RESULT_OK)
        r = mi_lx_ref_key(fs, "CreationClassName", job->fs_class);
    if (r == MI_RESULT_OK)
        r = mi_lx_ref_key(fs, "Name", m->mount_point);
    v.reference = sys;
    if (r == MI_RESULT_OK)
        r = mi_lx_set(inst, "GroupComponent", MI_REFERENCE, &v);
    v.reference = fs;
    if (r == MI_RESULT_OK)
        r = mi_lx_set(inst, "PartComponent", MI_REFERENCE, &v);
    MI_Instance_Delete(fs);
out_sys:
    MI_Instance_Delete(sys);
out_inst:
    if (r == MI_RESULT_OK)
        r = lx_post(job->sink, inst);
    else
        MI_Instance_Delete(inst);
out:
    return r;
}

MI_Result mi_lx_hostedfs_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd,
                                   const char *fs_class, const mi_lx_sink *sink)
{
    lx_hosted_job job = {env, cd, fs_class, sink};
    return lx_each_mount(env, NULL, lx_hosted_one, &job);
}

/* ================================================================ disk drives */

/* True for a name that may be a single directory entry (no '/', not . or ..). */
static bool lx_entry_name_ok(const char *n, size_t max)
{
    size_t len = strlen(n);
    return len > 0 && len < max && strchr(n, '/') == NULL && strcmp(n, ".") != 0 &&
           strcmp(n, "..") != 0;
}

/* Reads <sys>/class/block/<dev>/<rel> as an unsigned number. */
static bool lx_block_u64(const mi_lx_env *env, const char *dev, const char *rel, MI_Uint64 *x)
{
    char rest[512], path[MI_LX_PATH_MAX], buf[64], *end = NULL;
    unsigned long long v = 0;
    bool ok = (size_t)snprintf(rest, sizeof rest, "class/block/%s/%s", dev, rel) < sizeof rest &&
              mi_lx_path(path, lx_sys(env), rest) && mi_lx_read_small(path, buf, sizeof buf) &&
              buf[0] >= '0' && buf[0] <= '9';
    if (ok) {
        errno = 0;
        v = strtoull(buf, &end, 10);
        ok = errno == 0 && *end == '\0';
    }
    if (ok)
        *x = v;
    return ok;
}

/* An unused loop or ram device (size 0): not reported. */
static bool lx_block_unused(const mi_lx_env *env, const char *dev)
{
    MI_Uint64 size = 0;
    if (strncmp(dev, "loop", 4) != 0 && strncmp(dev, "ram", 3) != 0)
        return false;
    return !lx_block_u64(env, dev, "size", &size) || size == 0;
}

/* True if <sys>/class/block/<dev>/<rel> exists. */
static bool lx_block_has(const mi_lx_env *env, const char *dev, const char *rel)
{
    char rest[512], path[MI_LX_PATH_MAX];
    return (size_t)snprintf(rest, sizeof rest, "class/block/%s/%s", dev, rel) < sizeof rest &&
           mi_lx_path(path, lx_sys(env), rest) && access(path, F_OK) == 0;
}

/* A disk drive: a whole block device backed by a device (it has a "device" link and
 * no "partition" file); loop, ram, dm-, md and zram devices have no device link. */
static bool lx_is_disk(const mi_lx_env *env, const char *dev)
{
    return lx_block_has(env, dev, "device") && !lx_block_has(env, dev, "partition");
}

static MI_Result lx_disk_fill(MI_Instance *inst, const mi_lx_env *env, const MI_ClassDecl *cd,
                              const char *dev, bool keys_only)
{
    char name[300], rest[512], path[MI_LX_PATH_MAX], model[256];
    MI_Uint64 x;
    MI_Result r = mi_lx_set_key(inst, "SystemCreationClassName", mi_lx_system_class(env));
    if (r == MI_RESULT_OK)
        r = mi_lx_set_key(inst, "SystemName", mi_lx_system_name(env));
    if (r == MI_RESULT_OK)
        r = mi_lx_set_key(inst, "CreationClassName", cd->name);
    if (r == MI_RESULT_OK)
        r = mi_lx_set_key(inst, "DeviceID", dev);
    if (r != MI_RESULT_OK || keys_only)
        goto out;
    snprintf(name, sizeof name, "/dev/%s", dev);
    r = mi_lx_set_string(inst, "Name", name);
    if (r == MI_RESULT_OK && lx_block_u64(env, dev, "size", &x)) {
        /* size counts 512-byte sectors; MaxMediaSize is in kilobytes (1000 bytes). */
        r = mi_lx_set_u64(inst, "MaxMediaSize", x * 512 / 1000);
        if (r == MI_RESULT_OK)
            r = mi_lx_set_u64(inst, "Size", x * 512);
    }
    if (r == MI_RESULT_OK && lx_block_u64(env, dev, "queue/logical_block_size", &x))
        r = mi_lx_set_u64(inst, "DefaultBlockSize", x);
    if (r == MI_RESULT_OK && lx_block_u64(env, dev, "removable", &x))
        r = lx_set_bool(inst, "Removable", x != 0);
    if (r == MI_RESULT_OK && lx_block_u64(env, dev, "queue/rotational", &x)) {
        r = lx_set_bool(inst, "Rotational", x != 0);
        /* DiskType: 2 Hard Disk Drive, 3 Solid State Drive. */
        if (r == MI_RESULT_OK)
            r = lx_set_u16(inst, "DiskType", x != 0 ? 2 : 3);
    }
    if (r == MI_RESULT_OK &&
        (size_t)snprintf(rest, sizeof rest, "class/block/%s/device/model", dev) < sizeof rest &&
        mi_lx_path(path, lx_sys(env), rest) && mi_lx_read_small(path, model, sizeof model) &&
        model[0] != '\0') {
        r = mi_lx_set_string(inst, "Model", model);
        if (r == MI_RESULT_OK)
            r = mi_lx_set_string(inst, "ElementName", model);
    }
out:
    return r;
}

/* Calls fn for every disk drive (disks_only) or block device name, in readdir order
 * of <sys>/class/block. */
typedef MI_Result (*lx_name_fn)(void *ud, const char *name);

static MI_Result lx_each_block(const mi_lx_env *env, bool disks_only, lx_name_fn fn, void *ud)
{
    char path[MI_LX_PATH_MAX];
    MI_Result r = MI_RESULT_OK;
    DIR *d = NULL;
    struct dirent *e;
    if (!mi_lx_path(path, lx_sys(env), "class/block")) {
        lx_fail("sys root too long");
        r = MI_RESULT_INVALID_PARAMETER;
        goto out;
    }
    d = opendir(path);
    if (d == NULL) /* no block devices visible: an empty result */
        goto out;
    while (r == MI_RESULT_OK && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || (disks_only ? !lx_is_disk(env, e->d_name)
                                               : lx_block_unused(env, e->d_name)))
            continue;
        r = fn(ud, e->d_name);
    }
    closedir(d);
out:
    return r;
}

/* Fills the properties of a block-device class (lx_disk_fill, lx_extent_fill). */
typedef MI_Result (*lx_block_fill_fn)(MI_Instance *inst, const mi_lx_env *env,
                                      const MI_ClassDecl *cd, const char *dev, bool keys_only);

/* Makes the instance of cd for dev, fills it and posts it to sink. */
static MI_Result lx_block_one(const mi_lx_env *env, const MI_ClassDecl *cd, const char *dev,
                              bool keys_only, const mi_lx_sink *sink, lx_block_fill_fn fill)
{
    MI_Instance *inst = NULL;
    MI_Result r = mi_lx_new_instance(sink, cd, keys_only, &inst);
    if (r != MI_RESULT_OK)
        goto out;
    r = fill(inst, env, cd, dev, keys_only);
    if (r != MI_RESULT_OK) {
        MI_Instance_Delete(inst);
        goto out;
    }
    r = lx_post(sink, inst);
out:
    return r;
}

/* An enumeration over lx_each_block: lx_block_one with fill for each device. */
typedef struct lx_block_job {
    const mi_lx_env *env;
    const MI_ClassDecl *cd;
    bool keys_only;
    const mi_lx_sink *sink;
    lx_block_fill_fn fill;
} lx_block_job;

static MI_Result lx_block_cb(void *ud, const char *name)
{
    lx_block_job *job = ud;
    return lx_block_one(job->env, job->cd, name, job->keys_only, job->sink, job->fill);
}

/* The device a GetInstance of a block-device class names: OK with *dev when the keys
 * carry a well-formed DeviceID of cd on this system; else INVALID_PARAMETER (no
 * DeviceID) or NOT_FOUND, with the failure recorded ("no <what> <dev> on this
 * system"). */
static MI_Result lx_block_key(const mi_lx_env *env, const MI_ClassDecl *cd,
                              const MI_Instance *keys, const char *what, const char **dev)
{
    MI_Result r = MI_RESULT_NOT_FOUND;
    *dev = mi_lx_key(keys, "DeviceID");
    if (*dev == NULL) {
        lx_fail("the key DeviceID is missing");
        r = MI_RESULT_INVALID_PARAMETER;
        goto out;
    }
    if (!lx_entry_name_ok(*dev, 256) || !lx_class_key_match(keys, cd) ||
        !mi_lx_system_keys_match(env, keys, "SystemCreationClassName", "SystemName")) {
        lx_fail("no %s %s on this system", what, *dev);
        goto out;
    }
    r = MI_RESULT_OK;
out:
    return r;
}

MI_Result mi_lx_disk_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd, bool keys_only,
                               const mi_lx_sink *sink)
{
    lx_block_job job = {env, cd, keys_only, sink, lx_disk_fill};
    return lx_each_block(env, true, lx_block_cb, &job);
}

MI_Result mi_lx_disk_get(const mi_lx_env *env, const MI_ClassDecl *cd, const MI_Instance *keys,
                         const mi_lx_sink *sink)
{
    const char *dev;
    MI_Result r = lx_block_key(env, cd, keys, "disk drive", &dev);
    if (r != MI_RESULT_OK)
        goto out;
    if (!lx_is_disk(env, dev)) {
        lx_fail("no disk drive %s", dev);
        r = MI_RESULT_NOT_FOUND;
        goto out;
    }
    r = lx_block_one(env, cd, dev, false, sink, lx_disk_fill);
out:
    return r;
}

/* System-device associations for disks; used by mi_lx_sysdev_enumerate (linux_net.c). */
typedef struct lx_sysdev_job {
    const mi_lx_env *env;
    const MI_ClassDecl *cd;
    const char *dev_class;
    const mi_lx_sink *sink;
} lx_sysdev_job;

MI_Result mi_lx_sysdev_post(const mi_lx_env *env, const MI_ClassDecl *cd, const char *dev_class,
                            const char *dev, const mi_lx_sink *sink)
{
    MI_Instance *inst = NULL, *sys = NULL, *part = NULL;
    MI_Value v;
    MI_Result r = sink->new_instance(sink->ud, cd, &inst);
    if (r != MI_RESULT_OK)
        goto out;
    r = mi_lx_system_ref(env, sink, &sys);
    if (r != MI_RESULT_OK)
        goto out_inst;
    r = sink->new_reference(sink->ud, dev_class, &part);
    if (r != MI_RESULT_OK)
        goto out_sys;
    r = mi_lx_ref_key(part, "SystemCreationClassName", mi_lx_system_class(env));
    if (r == MI_RESULT_OK)
        r = mi_lx_ref_key(part, "SystemName", mi_lx_system_name(env));
    if (r == MI_RESULT_OK)
        r = mi_lx_ref_key(part, "CreationClassName", dev_class);
    if (r == MI_RESULT_OK)
        r = mi_lx_ref_key(part, "DeviceID", dev);
    v.reference = sys;
    if (r == MI_RESULT_OK)
        r = mi_lx_set(inst, "GroupComponent", MI_REFERENCE, &v);
    v.reference = part;
    if (r == MI_RESULT_OK)
        r = mi_lx_set(inst, "PartComponent", MI_REFERENCE, &v);
    MI_Instance_Delete(part);
out_sys:
    MI_Instance_Delete(sys);
out_inst:
    if (r == MI_RESULT_OK)
        r = lx_post(sink, inst);
    else
        MI_Instance_Delete(inst);
out:
    return r;
}

static MI_Result lx_sysdev_disk_cb(void *ud, const char *name)
{
    lx_sysdev_job *job = ud;
    return mi_lx_sysdev_post(job->env, job->cd, job->dev_class, name, job->sink);
}

MI_Result mi_lx_sysdev_disks(const mi_lx_env *env, const MI_ClassDecl *cd, const char *disk_class,
                             const mi_lx_sink *sink)
{
    lx_sysdev_job job = {env, cd, disk_class, sink};
    return lx_each_block(env, true, lx_sysdev_disk_cb, &job);
}

/* ================================================================ storage extents */

static MI_Result lx_extent_fill(MI_Instance *inst, const mi_lx_env *env, const MI_ClassDecl *cd,
                                const char *dev, bool keys_only)
{
    MI_Uint64 x;
    MI_Result r = mi_lx_set_key(inst, "SystemCreationClassName", mi_lx_system_class(env));
    if (r == MI_RESULT_OK)
        r = mi_lx_set_key(inst, "SystemName", mi_lx_system_name(env));
    if (r == MI_RESULT_OK)
        r = mi_lx_set_key(inst, "CreationClassName", cd->name);
    if (r == MI_RESULT_OK)
        r = mi_lx_set_key(inst, "DeviceID", dev);
    if (r != MI_RESULT_OK || keys_only)
        goto out;
    r = mi_lx_set_string(inst, "Name", dev);
    if (r == MI_RESULT_OK)
        r = lx_set_bool(inst, "Primordial", lx_is_disk(env, dev));
    /* size counts 512-byte sectors whatever the device's own block size. */
    if (r == MI_RESULT_OK && lx_block_u64(env, dev, "size", &x)) {
        r = mi_lx_set_u64(inst, "BlockSize", 512);
        if (r == MI_RESULT_OK)
            r = mi_lx_set_u64(inst, "NumberOfBlocks", x);
        if (r == MI_RESULT_OK)
            r = mi_lx_set_u64(inst, "ConsumableBlocks", x);
    }
out:
    return r;
}

MI_Result mi_lx_extent_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd, bool keys_only,
                                 const mi_lx_sink *sink)
{
    lx_block_job job = {env, cd, keys_only, sink, lx_extent_fill};
    return lx_each_block(env, false, lx_block_cb, &job);
}

MI_Result mi_lx_extent_get(const mi_lx_env *env, const MI_ClassDecl *cd, const MI_Instance *keys,
                           const mi_lx_sink *sink)
{
    const char *dev;
    MI_Result r = lx_block_key(env, cd, keys, "block device", &dev);
    if (r != MI_RESULT_OK)
        goto out;
    if (!lx_block_has(env, dev, "size") || lx_block_unused(env, dev)) {
        lx_fail("no block device %s on this system", dev);
        r = MI_RESULT_NOT_FOUND;
        goto out;
    }
    r = lx_block_one(env, cd, dev, false, sink, lx_extent_fill);
out:
    return r;
}

/* ================================================================ provider glue */

static MI_Result lx_ctx_new_instance(void *ud, const MI_ClassDecl *cd, MI_Instance **out)
{
    MI_Result r;
    if (cd->size == 0) /* a stand-in decl (mi_lx_decl): the instance is dynamic */
        r = MI_Context_NewDynamicInstance((MI_Context *)ud, cd->name,
                                          cd->flags & (MI_FLAG_CLASS | MI_FLAG_ASSOCIATION), out);
    else
        r = MI_Context_NewInstance((MI_Context *)ud, cd, out);
    return r;
}

static MI_Result lx_ctx_new_reference(void *ud, const char *className, MI_Instance **out)
{
    return MI_Context_NewDynamicInstance((MI_Context *)ud, className, 0, out);
}

static MI_Result lx_ctx_post(void *ud, const MI_Instance *inst)
{
    MI_Boolean canceled = MI_FALSE;
    MI_Result r = MI_RESULT_FAILED;
    if (MI_Context_Canceled((MI_Context *)ud, &canceled) == MI_RESULT_OK && canceled)
        lx_fail("the operation was canceled");
    else
        r = MI_Context_PostInstance((MI_Context *)ud, inst);
    return r;
}

void mi_lx_context_sink(MI_Context *ctx, mi_lx_sink *out)
{
    out->new_instance = lx_ctx_new_instance;
    out->new_reference = lx_ctx_new_reference;
    out->post = lx_ctx_post;
    out->ud = ctx;
}

void mi_lx_finish(MI_Context *ctx, MI_Result r)
{
    if (r == MI_RESULT_OK || lx_error[0] == '\0')
        MI_Context_PostResult(ctx, r);
    else
        MI_Context_PostError(ctx, r, MI_RESULT_TYPE_MI, lx_error);
}

const MI_ClassDecl *mi_lx_decl(const mi_lx_env *env, const char *className,
                               const MI_Instance *hint, bool association,
                               MI_ClassDecl *standin)
{
    const MI_ClassDecl *cd = NULL;
    lx_error[0] = '\0';
    if (hint != NULL && hint->classDecl != NULL && hint->classDecl->name != NULL &&
        className != NULL && !(hint->classDecl->flags & MI_FLAG_METHOD) &&
        strcasecmp(hint->classDecl->name, className) == 0)
        cd = hint->classDecl;
    if (cd == NULL && env != NULL && env->class_decl != NULL && className != NULL)
        cd = env->class_decl(env->ud, className);
    if (cd == NULL && className != NULL) {
        memset(standin, 0, sizeof *standin);
        standin->flags = MI_FLAG_CLASS | (association ? MI_FLAG_ASSOCIATION : 0u);
        standin->name = className;
        cd = standin;
    }
    if (cd == NULL)
        lx_fail("no class name");
    return cd;
}

void mi_lx_serve(MI_Context *context, const mi_lx_env *env, const char *className,
                 const MI_Instance *keys, bool association, bool keys_only,
                 mi_lx_dispatch dispatch)
{
    MI_ClassDecl standin;
    const MI_ClassDecl *cd = mi_lx_decl(env, className, keys, association, &standin);
    mi_lx_sink sink;
    MI_Result r = MI_RESULT_INVALID_CLASS;
    mi_lx_context_sink(context, &sink);
    if (cd == NULL)
        goto out;
    r = dispatch(env, className, cd, keys, keys_only, &sink);
out:
    mi_lx_finish(context, r);
}

const MI_ProviderFT *mi_lx_ft_for(const char *className, const char *const *served, size_t n,
                                  const MI_ProviderFT *ft)
{
    for (size_t i = 0; className != NULL && i < n; i++)
        if (strcasecmp(className, served[i]) == 0)
            return ft;
    return NULL;
}

void MI_CALL mi_lx_load(void **self, MI_Module_Self *selfModule, MI_Context *context)
{
    *self = selfModule;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL mi_lx_unload(void *self, MI_Context *context)
{
    (void)self;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

#define LX_FS "Linux_LocalFileSystem"
#define LX_DISK "Linux_DiskDrive"
#define LX_EXTENT "Linux_StorageExtent"
#define LX_HOSTEDFS "Linux_HostedFileSystem"

static MI_Result lx_fs_enum_dispatch(const mi_lx_env *env, const char *className,
                                     const MI_ClassDecl *cd, const MI_Instance *keys,
                                     bool keys_only, const mi_lx_sink *sink)
{
    MI_Result r;
    (void)keys;
    if (strcasecmp(className, LX_FS) == 0)
        r = mi_lx_fs_enumerate(env, cd, keys_only, sink);
    else if (strcasecmp(className, LX_DISK) == 0)
        r = mi_lx_disk_enumerate(env, cd, keys_only, sink);
    else if (strcasecmp(className, LX_EXTENT) == 0)
        r = mi_lx_extent_enumerate(env, cd, keys_only, sink);
    else if (strcasecmp(className, LX_HOSTEDFS) == 0)
        r = mi_lx_hostedfs_enumerate(env, cd, LX_FS, sink);
    else
        r = MI_RESULT_NOT_SUPPORTED;
    return r;
}

static MI_Result lx_fs_get_dispatch(const mi_lx_env *env, const char *className,
                                    const MI_ClassDecl *cd, const MI_Instance *keys,
                                    bool keys_only, const mi_lx_sink *sink)
{
    MI_Result r;
    (void)keys_only;
    if (strcasecmp(className, LX_FS) == 0)
        r = mi_lx_fs_get(env, cd, keys, sink);
    else if (strcasecmp(className, LX_DISK) == 0)
        r = mi_lx_disk_get(env, cd, keys, sink);
    else if (strcasecmp(className, LX_EXTENT) == 0)
        r = mi_lx_extent_get(env, cd, keys, sink);
    else /* associations: the engine matches over EnumerateInstances */
        r = MI_RESULT_NOT_SUPPORTED;
    return r;
}

static void MI_CALL lx_fs_enum_ft(void *self, MI_Context *context, const MI_Char *nameSpace,
                                  const MI_Char *className, const MI_PropertySet *propertySet,
                                  MI_Boolean keysOnly, const MI_Filter *filter)
{
    (void)nameSpace;
    (void)propertySet;
    (void)filter;
    mi_lx_serve(context, self, className, NULL,
                className != NULL && strcasecmp(className, LX_HOSTEDFS) == 0, keysOnly,
                lx_fs_enum_dispatch);
}

static void MI_CALL lx_fs_get_ft(void *self, MI_Context *context, const MI_Char *nameSpace,
                                 const MI_Char *className, const MI_Instance *instanceName,
                                 const MI_PropertySet *propertySet)
{
    (void)nameSpace;
    (void)propertySet;
    mi_lx_serve(context, self, className, instanceName, false, false, lx_fs_get_dispatch);
}

/* Associator/ReferenceInstances NULL: the engine serves them over EnumerateInstances of
 * the association class (few instances: one per mount). */
static const MI_ProviderFT lx_fs_ft = {
    .Load = mi_lx_load,
    .Unload = mi_lx_unload,
    .GetInstance = lx_fs_get_ft,
    .EnumerateInstances = lx_fs_enum_ft,
};

const MI_ProviderFT *mi_linux_fs_provider_ft(const char *className)
{
    static const char *const served[] = {LX_FS, LX_DISK, LX_EXTENT, LX_HOSTEDFS};
    return mi_lx_ft_for(className, served, sizeof served / sizeof served[0], &lx_fs_ft);
}
