/* linux_net.c - network ports (<sys>/class/net), IP protocol endpoints (getifaddrs),
 * the port-endpoint and system-device associations, and the provider glue for these
 * classes. Contract in linux_fsnet.h. */
#include "providers/linux_fsnet.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* ================================================================ ports */

/* Reads <sys>/class/net/<ifname>/<rel> into buf. */
static bool lx_net_read(const mi_lx_env *env, const char *ifname, const char *rel, char *buf,
                        size_t cap)
{
    char rest[256], path[MI_LX_PATH_MAX];
    const char *sys = env && env->sys_root ? env->sys_root : "/sys";
    return (size_t)snprintf(rest, sizeof rest, "class/net/%s/%s", ifname, rel) < sizeof rest &&
           mi_lx_path(path, sys, rest) && mi_lx_read_small(path, buf, cap);
}

/* A number from <sys>/class/net/<ifname>/<rel>: decimal, or hexadecimal with 0x. */
static bool lx_net_num(const mi_lx_env *env, const char *ifname, const char *rel, long long *x)
{
    char buf[64], *end;
    if (!lx_net_read(env, ifname, rel, buf, sizeof buf) || buf[0] == '\0')
        return false;
    errno = 0;
    long long v = strtoll(buf, &end, 0);
    if (errno != 0 || *end != '\0')
        return false;
    *x = v;
    return true;
}

static bool lx_ifname_ok(const char *n)
{
    size_t len = strlen(n);
    return len > 0 && len < IFNAMSIZ && strchr(n, '/') == NULL && strcmp(n, ".") != 0 &&
           strcmp(n, "..") != 0;
}

unsigned mi_lx_port_kind_of(const mi_lx_env *env, const char *ifname)
{
    long long type;
    if (!lx_ifname_ok(ifname) || !lx_net_num(env, ifname, "type", &type))
        return 0;
    if (type == 1)
        return MI_LX_PORT_ETHERNET;
    if (type == 772)
        return MI_LX_PORT_LOOPBACK;
    return MI_LX_PORT_OTHER;
}

/* "aa:bb:cc:dd:ee:ff" -> "AABBCCDDEEFF" (CIM's unformatted MAC); false if not a MAC. */
static bool lx_mac(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = in; *p; p++) {
        if (*p == ':')
            continue;
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F')) ||
            n + 1 >= cap)
            return false;
        out[n++] = (char)((*p >= 'a' && *p <= 'f') ? *p - 'a' + 'A' : *p);
    }
    out[n] = '\0';
    return n > 0;
}

static MI_Result lx_set_u16v(MI_Instance *inst, const char *name, MI_Uint16 x)
{
    MI_Value v;
    v.uint16 = x;
    return mi_lx_set(inst, name, MI_UINT16, &v);
}

static MI_Result lx_port_fill(MI_Instance *inst, const mi_lx_env *env, const MI_ClassDecl *cd,
                              const char *ifname, unsigned kind, bool keys_only)
{
    char buf[128], mac[64];
    long long x, flags = 0;
    MI_Value v;
    MI_Result r = mi_lx_set_key(inst, "SystemCreationClassName", mi_lx_system_class(env));
    if (r == MI_RESULT_OK)
        r = mi_lx_set_key(inst, "SystemName", mi_lx_system_name(env));
    if (r == MI_RESULT_OK)
        r = mi_lx_set_key(inst, "CreationClassName", cd->name);
    if (r == MI_RESULT_OK)
        r = mi_lx_set_key(inst, "DeviceID", ifname);
    if (r != MI_RESULT_OK || keys_only)
        goto out;
    r = mi_lx_set_string(inst, "Name", ifname);
    if (r == MI_RESULT_OK)
        r = mi_lx_set_string(inst, "ElementName", ifname);
    /* LinkTechnology: 2 Ethernet, 1 Other. */
    if (r == MI_RESULT_OK)
        r = lx_set_u16v(inst, "LinkTechnology", kind == MI_LX_PORT_ETHERNET ? 2 : 1);
    if (r == MI_RESULT_OK && lx_net_read(env, ifname, "address", buf, sizeof buf) &&
        lx_mac(buf, mac, sizeof mac)) {
        MI_Char *one[1] = {mac};
        r = mi_lx_set_string(inst, "PermanentAddress", mac);
        v.stringa.data = one;
        v.stringa.size = 1;
        if (r == MI_RESULT_OK)
            r = mi_lx_set(inst, "NetworkAddresses", MI_STRINGA, &v);
    }
    if (r == MI_RESULT_OK && lx_net_num(env, ifname, "mtu", &x) && x >= 0)
        r = mi_lx_set_u64(inst, "ActiveMaximumTransmissionUnit", (MI_Uint64)x);
    /* speed is in Mb/s; -1 (unknown) or unreadable (link down) leaves Speed NULL. */
    if (r == MI_RESULT_OK && lx_net_num(env, ifname, "speed", &x) && x > 0 && x < 4294967295LL)
        r = mi_lx_set_u64(inst, "Speed", (MI_Uint64)x * 1000000u);
    if (r == MI_RESULT_OK && lx_net_read(env, ifname, "duplex", buf, sizeof buf) &&
        (strcmp(buf, "full") == 0 || strcmp(buf, "half") == 0)) {
        v.boolean = strcmp(buf, "full") == 0;
        r = mi_lx_set(inst, "FullDuplex", MI_BOOLEAN, &v);
    }
    if (r != MI_RESULT_OK || !lx_net_num(env, ifname, "flags", &flags))
        goto out;
    /* EnabledState: 2 Enabled when IFF_UP, else 3 Disabled. OperationalStatus: 10 Stopped
     * when not up; else by operstate: up (or unknown with IFF_RUNNING) 2 OK, dormant
     * 15 Dormant, down/lowerlayerdown 13 Lost Communication, other 0 Unknown. */
    r = lx_set_u16v(inst, "EnabledState", (flags & IFF_UP) ? 2 : 3);
    MI_Uint16 status = 0;
    if (!(flags & IFF_UP))
        status = 10;
    else if (lx_net_read(env, ifname, "operstate", buf, sizeof buf)) {
        if (strcmp(buf, "up") == 0 || (strcmp(buf, "unknown") == 0 && (flags & IFF_RUNNING)))
            status = 2;
        else if (strcmp(buf, "dormant") == 0)
            status = 15;
        else if (strcmp(buf, "down") == 0 || strcmp(buf, "lowerlayerdown") == 0)
            status = 13;
    }
    v.uint16a.data = &status;
    v.uint16a.size = 1;
    if (r == MI_RESULT_OK)
        r = mi_lx_set(inst, "OperationalStatus", MI_UINT16A, &v);
out:
    return r;
}

static MI_Result lx_post_delete(const mi_lx_sink *sink, MI_Instance *inst, MI_Result r)
{
    if (r == MI_RESULT_OK)
        r = sink->post(sink->ud, inst);
    MI_Instance_Delete(inst);
    return r;
}

static MI_Result lx_port_one(const mi_lx_env *env, const MI_ClassDecl *cd, const char *ifname,
                             unsigned kind, bool keys_only, const mi_lx_sink *sink)
{
    MI_Instance *inst = NULL;
    MI_Result r = mi_lx_new_instance(sink, cd, keys_only, &inst);
    if (r == MI_RESULT_OK) {
        r = lx_port_fill(inst, env, cd, ifname, kind, keys_only);
        r = lx_post_delete(sink, inst, r);
    }
    return r;
}

/* Calls fn for every interface of a kind in kinds (readdir order of <sys>/class/net). */
typedef MI_Result (*lx_port_fn)(void *ud, const char *ifname, unsigned kind);

static MI_Result lx_each_port(const mi_lx_env *env, unsigned kinds, lx_port_fn fn, void *ud)
{
    char path[MI_LX_PATH_MAX];
    const char *sys = env && env->sys_root ? env->sys_root : "/sys";
    MI_Result r = MI_RESULT_OK;
    struct dirent *e;
    DIR *d = NULL;
    if (!mi_lx_path(path, sys, "class/net")) {
        r = MI_RESULT_INVALID_PARAMETER;
        goto out;
    }
    d = opendir(path);
    if (d == NULL) /* no network interfaces visible: an empty result */
        goto out;
    while (r == MI_RESULT_OK && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        unsigned kind = mi_lx_port_kind_of(env, e->d_name);
        if (kind & kinds)
            r = fn(ud, e->d_name, kind);
    }
    closedir(d);
out:
    return r;
}

typedef struct lx_port_job {
    const mi_lx_env *env;
    const MI_ClassDecl *cd;
    bool keys_only;
    const mi_lx_sink *sink;
    const char *eth_class, *other_class;
} lx_port_job;

static MI_Result lx_port_cb(void *ud, const char *ifname, unsigned kind)
{
    lx_port_job *job = ud;
    return lx_port_one(job->env, job->cd, ifname, kind, job->keys_only, job->sink);
}

MI_Result mi_lx_port_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd, unsigned kinds,
                               bool keys_only, const mi_lx_sink *sink)
{
    lx_port_job job = {env, cd, keys_only, sink, NULL, NULL};
    return lx_each_port(env, kinds, lx_port_cb, &job);
}

MI_Result mi_lx_port_get(const mi_lx_env *env, const MI_ClassDecl *cd, unsigned kinds,
                         const MI_Instance *keys, const mi_lx_sink *sink)
{
    const char *ifname = mi_lx_key(keys, "DeviceID");
    const char *ccn = mi_lx_key(keys, "CreationClassName");
    MI_Result r = MI_RESULT_NOT_FOUND;
    if (ifname == NULL || !lx_ifname_ok(ifname))
        r = MI_RESULT_INVALID_PARAMETER;
    else if ((ccn == NULL || strcasecmp(ccn, cd->name) == 0) &&
             mi_lx_system_keys_match(env, keys, "SystemCreationClassName", "SystemName") &&
             (mi_lx_port_kind_of(env, ifname) & kinds) != 0)
        r = lx_port_one(env, cd, ifname, mi_lx_port_kind_of(env, ifname), false, sink);
    return r;
}

/* ================================================================ IP endpoints */

/* One address of getifaddrs, formatted. */
typedef struct lx_addr {
    char ifname[IFNAMSIZ + 16]; /* label, e.g. "eth0" or "eth0:1" */
    char port[IFNAMSIZ];        /* the interface the label belongs to */
    char addr[INET6_ADDRSTRLEN];
    char mask[INET6_ADDRSTRLEN];
    char name[IFNAMSIZ + 16 + INET6_ADDRSTRLEN + 8];
    unsigned prefix;
    bool v6, up;
} lx_addr;

static unsigned lx_prefix_len(const unsigned char *b, size_t n)
{
    unsigned bits = 0;
    for (size_t i = 0; i < n; i++)
        for (int k = 7; k >= 0 && (b[i] >> k) & 1; k--)
            bits++;
    return bits;
}

/* Formats one getifaddrs entry; false for other families or unprintable data. */
static bool lx_addr_of(const struct ifaddrs *ifa, lx_addr *a)
{
    const void *src = NULL, *msrc = NULL;
    size_t mlen = 0, plen;
    bool ok = false;
    int fam = ifa->ifa_addr != NULL ? ifa->ifa_addr->sa_family : AF_UNSPEC;
    if (ifa->ifa_name == NULL)
        goto out;
    if (fam == AF_INET) {
        src = &((const struct sockaddr_in *)(const void *)ifa->ifa_addr)->sin_addr;
        if (ifa->ifa_netmask) {
            msrc = &((const struct sockaddr_in *)(const void *)ifa->ifa_netmask)->sin_addr;
            mlen = 4;
        }
    } else if (fam == AF_INET6) {
        src = &((const struct sockaddr_in6 *)(const void *)ifa->ifa_addr)->sin6_addr;
        if (ifa->ifa_netmask) {
            msrc = &((const struct sockaddr_in6 *)(const void *)ifa->ifa_netmask)->sin6_addr;
            mlen = 16;
        }
    } else
        goto out;
    memset(a, 0, sizeof *a);
    plen = strcspn(ifa->ifa_name, ":");
    if (strlen(ifa->ifa_name) >= sizeof a->ifname || plen >= sizeof a->port ||
        inet_ntop(fam, src, a->addr, sizeof a->addr) == NULL)
        goto out;
    strcpy(a->ifname, ifa->ifa_name);
    memcpy(a->port, a->ifname, plen);
    a->port[plen] = '\0';
    if (msrc != NULL && inet_ntop(fam, msrc, a->mask, sizeof a->mask) != NULL)
        a->prefix = lx_prefix_len(msrc, mlen);
    else
        a->mask[0] = '\0';
    a->v6 = fam == AF_INET6;
    a->up = (ifa->ifa_flags & IFF_UP) != 0;
    snprintf(a->name, sizeof a->name, "%s_%s_%s", a->v6 ? "IPv6" : "IPv4", a->ifname, a->addr);
    ok = true;
out:
    return ok;
}

static MI_Result lx_ipep_fill(MI_Instance *inst, const mi_lx_env *env, const MI_ClassDecl *cd,
                              const lx_addr *a, bool keys_only)
{
    MI_Value v;
    MI_Result r = mi_lx_set_key(inst, "SystemCreationClassName", mi_lx_system_class(env));
    if (r == MI_RESULT_OK)
        r = mi_lx_set_key(inst, "SystemName", mi_lx_system_name(env));
    if (r == MI_RESULT_OK)
        r = mi_lx_set_key(inst, "CreationClassName", cd->name);
    if (r == MI_RESULT_OK)
        r = mi_lx_set_key(inst, "Name", a->name);
    if (r != MI_RESULT_OK || keys_only)
        goto out;
    r = mi_lx_set_string(inst, a->v6 ? "IPv6Address" : "IPv4Address", a->addr);
    if (r == MI_RESULT_OK)
        r = mi_lx_set_string(inst, "Address", a->addr);
    if (r == MI_RESULT_OK && !a->v6 && a->mask[0])
        r = mi_lx_set_string(inst, "SubnetMask", a->mask);
    v.uint8 = (MI_Uint8)a->prefix;
    if (r == MI_RESULT_OK && a->mask[0])
        r = mi_lx_set(inst, "PrefixLength", MI_UINT8, &v);
    /* ProtocolIFType: 4096 IPv4, 4097 IPv6. */
    if (r == MI_RESULT_OK)
        r = lx_set_u16v(inst, "ProtocolIFType", a->v6 ? 4097 : 4096);
    if (r == MI_RESULT_OK)
        r = lx_set_u16v(inst, "EnabledState", a->up ? 2 : 3);
out:
    return r;
}

/* Calls fn for every IPv4/IPv6 address. */
typedef MI_Result (*lx_addr_fn)(void *ud, const lx_addr *a);

static MI_Result lx_each_addr(lx_addr_fn fn, void *ud)
{
    struct ifaddrs *all = NULL;
    MI_Result r = MI_RESULT_FAILED;
    lx_addr a;
    if (getifaddrs(&all) != 0)
        goto out;
    r = MI_RESULT_OK;
    for (struct ifaddrs *p = all; p != NULL && r == MI_RESULT_OK; p = p->ifa_next)
        if (lx_addr_of(p, &a))
            r = fn(ud, &a);
    freeifaddrs(all);
out:
    return r;
}

typedef struct lx_ipep_job {
    const mi_lx_env *env;
    const MI_ClassDecl *cd;
    bool keys_only;
    const mi_lx_sink *sink;
    const char *want;       /* get: the Name looked for */
    unsigned posted;
    const char *eth_class, *other_class, *ep_class; /* port-endpoint */
} lx_ipep_job;

static MI_Result lx_ipep_cb(void *ud, const lx_addr *a)
{
    lx_ipep_job *job = ud;
    MI_Instance *inst = NULL;
    MI_Result r = MI_RESULT_OK;
    if (job->want != NULL && (job->posted > 0 || strcmp(job->want, a->name) != 0))
        goto out;
    r = mi_lx_new_instance(job->sink, job->cd, job->keys_only, &inst);
    if (r != MI_RESULT_OK)
        goto out;
    job->posted++;
    r = lx_ipep_fill(inst, job->env, job->cd, a, job->keys_only);
    r = lx_post_delete(job->sink, inst, r);
out:
    return r;
}

MI_Result mi_lx_ipep_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd, bool keys_only,
                               const mi_lx_sink *sink)
{
    lx_ipep_job job = {env, cd, keys_only, sink, NULL, 0, NULL, NULL, NULL};
    return lx_each_addr(lx_ipep_cb, &job);
}

MI_Result mi_lx_ipep_get(const mi_lx_env *env, const MI_ClassDecl *cd, const MI_Instance *keys,
                         const mi_lx_sink *sink)
{
    lx_ipep_job job = {env, cd, false, sink, mi_lx_key(keys, "Name"), 0, NULL, NULL, NULL};
    const char *ccn = mi_lx_key(keys, "CreationClassName");
    MI_Result r = MI_RESULT_NOT_FOUND;
    if (job.want == NULL)
        r = MI_RESULT_INVALID_PARAMETER;
    else if ((ccn == NULL || strcasecmp(ccn, cd->name) == 0) &&
             mi_lx_system_keys_match(env, keys, "SystemCreationClassName", "SystemName")) {
        r = lx_each_addr(lx_ipep_cb, &job);
        if (r == MI_RESULT_OK && job.posted == 0)
            r = MI_RESULT_NOT_FOUND;
    }
    return r;
}

/* ================================================================ associations */

static MI_Result lx_ref4(const mi_lx_sink *sink, const mi_lx_env *env, const char *cls,
                         const char *key, const char *value, MI_Instance **out)
{
    MI_Instance *ref = NULL;
    MI_Result r = sink->new_reference(sink->ud, cls, &ref);
    if (r != MI_RESULT_OK)
        goto out;
    r = mi_lx_ref_key(ref, "SystemCreationClassName", mi_lx_system_class(env));
    if (r == MI_RESULT_OK)
        r = mi_lx_ref_key(ref, "SystemName", mi_lx_system_name(env));
    if (r == MI_RESULT_OK)
        r = mi_lx_ref_key(ref, "CreationClassName", cls);
    if (r == MI_RESULT_OK)
        r = mi_lx_ref_key(ref, key, value);
    if (r != MI_RESULT_OK) {
        MI_Instance_Delete(ref);
        ref = NULL;
    }
out:
    *out = ref;
    return r;
}

static MI_Result lx_portep_cb(void *ud, const lx_addr *a)
{
    lx_ipep_job *job = ud;
    MI_Instance *inst = NULL, *port = NULL, *ep = NULL;
    MI_Value v;
    unsigned kind = mi_lx_port_kind_of(job->env, a->port);
    const char *pcls = kind == MI_LX_PORT_ETHERNET ? job->eth_class
                       : kind != 0                 ? job->other_class
                                                   : NULL;
    MI_Result r = MI_RESULT_OK;
    if (pcls == NULL)
        goto out;
    r = job->sink->new_instance(job->sink->ud, job->cd, &inst);
    if (r != MI_RESULT_OK)
        goto out;
    r = lx_ref4(job->sink, job->env, pcls, "DeviceID", a->port, &port);
    if (r != MI_RESULT_OK)
        goto out_inst;
    r = lx_ref4(job->sink, job->env, job->ep_class, "Name", a->name, &ep);
    if (r != MI_RESULT_OK)
        goto out_port;
    v.reference = port;
    r = mi_lx_set(inst, "Antecedent", MI_REFERENCE, &v);
    v.reference = ep;
    if (r == MI_RESULT_OK)
        r = mi_lx_set(inst, "Dependent", MI_REFERENCE, &v);
    MI_Instance_Delete(ep);
out_port:
    MI_Instance_Delete(port);
out_inst:
    r = lx_post_delete(job->sink, inst, r);
out:
    return r;
}

MI_Result mi_lx_portep_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd,
                                 const char *eth_class, const char *other_class,
                                 const char *ep_class, const mi_lx_sink *sink)
{
    lx_ipep_job job = {env, cd, false, sink, NULL, 0, eth_class, other_class, ep_class};
    return lx_each_addr(lx_portep_cb, &job);
}

static MI_Result lx_sysdev_port_cb(void *ud, const char *ifname, unsigned kind)
{
    lx_port_job *job = ud;
    const char *cls = kind == MI_LX_PORT_ETHERNET ? job->eth_class : job->other_class;
    return mi_lx_sysdev_post(job->env, job->cd, cls, ifname, job->sink);
}

MI_Result mi_lx_sysdev_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd,
                                 const char *disk_class, const char *eth_class,
                                 const char *other_class, const mi_lx_sink *sink)
{
    lx_port_job job = {env, cd, false, sink, eth_class, other_class};
    unsigned kinds = (eth_class ? (unsigned)MI_LX_PORT_ETHERNET : 0u) |
                     (other_class ? (unsigned)(MI_LX_PORT_LOOPBACK | MI_LX_PORT_OTHER) : 0u);
    MI_Result r = MI_RESULT_OK;
    if (disk_class != NULL)
        r = mi_lx_sysdev_disks(env, cd, disk_class, sink);
    if (r == MI_RESULT_OK && kinds != 0)
        r = lx_each_port(env, kinds, lx_sysdev_port_cb, &job);
    return r;
}

static MI_Result lx_hostedep_cb(void *ud, const lx_addr *a)
{
    lx_ipep_job *job = ud;
    MI_Instance *inst = NULL, *sys = NULL, *ep = NULL;
    MI_Value v;
    MI_Result r = job->sink->new_instance(job->sink->ud, job->cd, &inst);
    if (r != MI_RESULT_OK)
        goto out;
    r = mi_lx_system_ref(job->env, job->sink, &sys);
    if (r != MI_RESULT_OK)
        goto out_inst;
    r = lx_ref4(job->sink, job->env, job->ep_class, "Name", a->name, &ep);
    if (r != MI_RESULT_OK)
        goto out_sys;
    v.reference = sys;
    r = mi_lx_set(inst, "Antecedent", MI_REFERENCE, &v);
    v.reference = ep;
    if (r == MI_RESULT_OK)
        r = mi_lx_set(inst, "Dependent", MI_REFERENCE, &v);
    MI_Instance_Delete(ep);
out_sys:
    MI_Instance_Delete(sys);
out_inst:
    r = lx_post_delete(job->sink, inst, r);
out:
    return r;
}

MI_Result mi_lx_hostedep_enumerate(const mi_lx_env *env, const MI_ClassDecl *cd,
                                   const char *ep_class, const mi_lx_sink *sink)
{
    lx_ipep_job job = {env, cd, false, sink, NULL, 0, NULL, NULL, ep_class};
    return lx_each_addr(lx_hostedep_cb, &job);
}

/* ================================================================ provider glue */

#define LX_ETH "Linux_EthernetPort"
#define LX_NETPORT "Linux_NetworkPort"
#define LX_IPEP "Linux_IPProtocolEndpoint"
#define LX_PORTEP "Linux_PortImplementsEndpoint"
#define LX_HOSTEDEP "Linux_HostedIPProtocolEndpoint"

static MI_Result lx_net_enum_dispatch(const mi_lx_env *env, const char *className,
                                      const MI_ClassDecl *cd, const MI_Instance *keys,
                                      bool keys_only, const mi_lx_sink *sink)
{
    MI_Result r;
    (void)keys;
    if (strcasecmp(className, LX_ETH) == 0)
        r = mi_lx_port_enumerate(env, cd, MI_LX_PORT_ETHERNET, keys_only, sink);
    else if (strcasecmp(className, LX_NETPORT) == 0)
        r = mi_lx_port_enumerate(env, cd, MI_LX_PORT_LOOPBACK | MI_LX_PORT_OTHER, keys_only,
                                 sink);
    else if (strcasecmp(className, LX_IPEP) == 0)
        r = mi_lx_ipep_enumerate(env, cd, keys_only, sink);
    else if (strcasecmp(className, LX_PORTEP) == 0)
        r = mi_lx_portep_enumerate(env, cd, LX_ETH, LX_NETPORT, LX_IPEP, sink);
    else if (strcasecmp(className, LX_HOSTEDEP) == 0)
        r = mi_lx_hostedep_enumerate(env, cd, LX_IPEP, sink);
    else
        r = MI_RESULT_NOT_SUPPORTED;
    return r;
}

static MI_Result lx_net_get_dispatch(const mi_lx_env *env, const char *className,
                                     const MI_ClassDecl *cd, const MI_Instance *keys,
                                     bool keys_only, const mi_lx_sink *sink)
{
    MI_Result r;
    (void)keys_only;
    if (strcasecmp(className, LX_ETH) == 0)
        r = mi_lx_port_get(env, cd, MI_LX_PORT_ETHERNET, keys, sink);
    else if (strcasecmp(className, LX_NETPORT) == 0)
        r = mi_lx_port_get(env, cd, MI_LX_PORT_LOOPBACK | MI_LX_PORT_OTHER, keys, sink);
    else if (strcasecmp(className, LX_IPEP) == 0)
        r = mi_lx_ipep_get(env, cd, keys, sink);
    else /* associations: the engine matches over EnumerateInstances */
        r = MI_RESULT_NOT_SUPPORTED;
    return r;
}

static void MI_CALL lx_net_enum_ft(void *self, MI_Context *context, const MI_Char *nameSpace,
                                   const MI_Char *className, const MI_PropertySet *propertySet,
                                   MI_Boolean keysOnly, const MI_Filter *filter)
{
    (void)nameSpace;
    (void)propertySet;
    (void)filter;
    mi_lx_serve(context, self, className, NULL,
                className != NULL && (strcasecmp(className, LX_PORTEP) == 0 ||
                                      strcasecmp(className, LX_HOSTEDEP) == 0),
                keysOnly, lx_net_enum_dispatch);
}

static void MI_CALL lx_net_get_ft(void *self, MI_Context *context, const MI_Char *nameSpace,
                                  const MI_Char *className, const MI_Instance *instanceName,
                                  const MI_PropertySet *propertySet)
{
    (void)nameSpace;
    (void)propertySet;
    mi_lx_serve(context, self, className, instanceName, false, false, lx_net_get_dispatch);
}

static const MI_ProviderFT lx_net_ft = {
    .Load = mi_lx_load,
    .Unload = mi_lx_unload,
    .GetInstance = lx_net_get_ft,
    .EnumerateInstances = lx_net_enum_ft,
};

const MI_ProviderFT *mi_linux_net_provider_ft(const char *className)
{
    static const char *const served[] = {LX_ETH, LX_NETPORT, LX_IPEP, LX_PORTEP, LX_HOSTEDEP};
    return mi_lx_ft_for(className, served, sizeof served / sizeof served[0], &lx_net_ft);
}
