/* test_net.c - network ports, IP protocol endpoints and their associations
 * (src/providers/linux_net.c) against ground truth the test reads itself:
 * if_nameindex, getifaddrs, the SIOCGIFMTU ioctl; failure paths over a fake /sys tree
 * built in a temporary folder. Classes come from the project's MOF
 * (schema/libmi.mof), and once from schema/linux over the full DMTF schema. */
#include <dirent.h>
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
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "cim/cim.h"
#include "mof/mof.h"
#include "providers/linux_fsnet.h"
#include "repo/repo.h"

#include "lx_fixture.h"

/* ---------------------------------------------------------------- fixtures */

static int setup_tmp(void **state)
{
    (void)state;
    return lx_setup_tmp("net");
}

/* ---------------------------------------------------------------- helpers */

static MI_Instance *keys_of(const char *cls, const char *sysname, const char *key,
                            const char *value)
{
    MI_Instance *k = NULL;
    MI_Value v;
    assert_int_equal(mi_instance_new(decl(cls), NULL, NULL, &k), MI_RESULT_OK);
    v.string = (MI_Char *)cls;
    assert_int_equal(MI_Instance_SetElement(k, "CreationClassName", &v, MI_STRING, 0),
                     MI_RESULT_OK);
    v.string = (MI_Char *)sysname;
    assert_int_equal(MI_Instance_SetElement(k, "SystemName", &v, MI_STRING, 0), MI_RESULT_OK);
    if (value) {
        v.string = (MI_Char *)value;
        assert_int_equal(MI_Instance_SetElement(k, key, &v, MI_STRING, 0), MI_RESULT_OK);
    }
    return k;
}

static MI_Uint16 u16_of(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f;
    assert_int_equal(MI_Instance_GetElement(inst, name, &v, &t, &f, NULL), MI_RESULT_OK);
    assert_int_equal(t, MI_UINT16);
    assert_false(f & MI_FLAG_NULL);
    return v.uint16;
}

/* All ports of every kind: Ethernet ones as Linux_EthernetPort, the others as
 * Linux_NetworkPort. */
static void all_ports(const mi_lx_env *env, results *res, mi_lx_sink *sink)
{
    sink_of(res, sink);
    assert_int_equal(mi_lx_port_enumerate(env, decl("Linux_EthernetPort"), MI_LX_PORT_ETHERNET,
                                          false, sink),
                     MI_RESULT_OK);
    assert_int_equal(mi_lx_port_enumerate(env, decl("Linux_NetworkPort"),
                                          MI_LX_PORT_LOOPBACK | MI_LX_PORT_OTHER, false, sink),
                     MI_RESULT_OK);
}

/* ---------------------------------------------------------------- ports */

static void test_ports_match_ifnames(void **state)
{
    results res;
    mi_lx_sink sink;
    struct if_nameindex *ni = if_nameindex(), *p;
    size_t n = 0;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    (void)state;
    assert_non_null(ni);
    assert_true(fd >= 0);
    all_ports(&real_env, &res, &sink);
    for (p = ni; p->if_index != 0; p++, n++) {
        const MI_Instance *inst = find(&res, "DeviceID", p->if_name);
        struct ifreq ifr;
        uint64_t mtu;
        if (inst == NULL)
            fail_msg("interface %s missing", p->if_name);
        assert_string_equal(str_of(inst, "Name"), p->if_name);
        assert_string_equal(str_of(inst, "SystemName"), SYSNAME);
        memset(&ifr, 0, sizeof ifr);
        snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", p->if_name);
        assert_int_equal(ioctl(fd, SIOCGIFMTU, &ifr), 0);
        assert_true(u64_of(inst, "ActiveMaximumTransmissionUnit", &mtu));
        assert_int_equal(mtu, (uint64_t)ifr.ifr_mtu);
        assert_int_equal(ioctl(fd, SIOCGIFFLAGS, &ifr), 0);
        assert_int_equal(u16_of(inst, "EnabledState"), (ifr.ifr_flags & IFF_UP) ? 2 : 3);
    }
    assert_int_equal(res.n, n);
    const MI_Instance *lo = find(&res, "DeviceID", "lo");
    assert_non_null(lo);
    assert_string_equal(str_of(lo, "CreationClassName"), "Linux_NetworkPort");
    assert_int_equal(u16_of(lo, "LinkTechnology"), 1);
    results_free(&res);
    if_freenameindex(ni);
    close(fd);
}

static void test_ports_keys_only_and_get(void **state)
{
    results res;
    mi_lx_sink sink;
    MI_Instance *k;
    (void)state;
    sink_of(&res, &sink);
    assert_int_equal(mi_lx_port_enumerate(&real_env, decl("Linux_NetworkPort"), MI_LX_PORT_ANY,
                                          true, &sink),
                     MI_RESULT_OK);
    assert_true(res.n > 0);
    for (size_t i = 0; i < res.n; i++)
        assert_keys_only(res.inst[i]);
    results_free(&res);

    const MI_ClassDecl *np = decl("Linux_NetworkPort"), *eth = decl("Linux_EthernetPort");
    unsigned other = MI_LX_PORT_LOOPBACK | MI_LX_PORT_OTHER;
    k = keys_of("Linux_NetworkPort", SYSNAME, "DeviceID", "lo");
    assert_int_equal(mi_lx_port_get(&real_env, np, other, k, &sink), MI_RESULT_OK);
    assert_int_equal(res.n, 1);
    assert_string_equal(str_of(res.inst[0], "DeviceID"), "lo");
    assert_false(is_null(res.inst[0], "OperationalStatus"));
    results_free(&res);
    /* lo is not an Ethernet port */
    assert_int_equal(mi_lx_port_get(&real_env, eth, MI_LX_PORT_ETHERNET, k, &sink),
                     MI_RESULT_NOT_FOUND);
    MI_Instance_Delete(k);
    k = keys_of("Linux_NetworkPort", "other-host", "DeviceID", "lo");
    assert_int_equal(mi_lx_port_get(&real_env, np, other, k, &sink), MI_RESULT_NOT_FOUND);
    MI_Instance_Delete(k);
    k = keys_of("Linux_NetworkPort", SYSNAME, "DeviceID", "nosuch0");
    assert_int_equal(mi_lx_port_get(&real_env, np, other, k, &sink), MI_RESULT_NOT_FOUND);
    MI_Instance_Delete(k);
    k = keys_of("Linux_NetworkPort", SYSNAME, "DeviceID", "../lo");
    assert_int_equal(mi_lx_port_get(&real_env, np, other, k, &sink), MI_RESULT_INVALID_PARAMETER);
    MI_Instance_Delete(k);
    k = keys_of("Linux_NetworkPort", SYSNAME, "DeviceID", NULL);
    assert_int_equal(mi_lx_port_get(&real_env, np, other, k, &sink), MI_RESULT_INVALID_PARAMETER);
    MI_Instance_Delete(k);
    assert_int_equal(res.n, 0);
}

static void test_ports_fake_sys(void **state)
{
    char sys[300];
    results res;
    mi_lx_sink sink;
    mi_lx_env env = real_env;
    uint64_t x;
    MI_Value v;
    MI_Type t;
    MI_Uint32 f;
    (void)state;
    snprintf(sys, sizeof sys, "%s/sys", g_tmp);
    env.sys_root = sys;
    put("sys/class/net/eth9/type", "1\n");
    put("sys/class/net/eth9/address", "02:42:ac:11:00:0a\n");
    put("sys/class/net/eth9/mtu", "9000\n");
    put("sys/class/net/eth9/speed", "-1\n");
    put("sys/class/net/eth9/flags", "0x1003\n");
    put("sys/class/net/eth9/operstate", "up\n");
    put("sys/class/net/eth9/duplex", "full\n");
    put("sys/class/net/eth8/type", "1\n");
    put("sys/class/net/eth8/speed", "1000\n");
    put("sys/class/net/eth8/flags", "0x1002\n"); /* not up */
    put("sys/class/net/lo/type", "772\n");
    put("sys/class/net/tun0/type", "65534\n");
    put("sys/class/net/junk/mtu", "1500\n"); /* no type: not a port */
    all_ports(&env, &res, &sink);
    assert_int_equal(res.n, 4);
    const MI_Instance *e9 = find(&res, "DeviceID", "eth9");
    assert_string_equal(str_of(e9, "CreationClassName"), "Linux_EthernetPort");
    assert_string_equal(str_of(e9, "PermanentAddress"), "0242AC11000A");
    assert_int_equal(MI_Instance_GetElement(e9, "NetworkAddresses", &v, &t, &f, NULL),
                     MI_RESULT_OK);
    assert_int_equal(t, MI_STRINGA);
    assert_int_equal(v.stringa.size, 1);
    assert_string_equal(v.stringa.data[0], "0242AC11000A");
    assert_true(u64_of(e9, "ActiveMaximumTransmissionUnit", &x));
    assert_int_equal(x, 9000);
    assert_true(is_null(e9, "Speed")); /* -1: unknown */
    assert_int_equal(u16_of(e9, "EnabledState"), 2);
    assert_int_equal(MI_Instance_GetElement(e9, "OperationalStatus", &v, &t, &f, NULL),
                     MI_RESULT_OK);
    assert_int_equal(v.uint16a.size, 1);
    assert_int_equal(v.uint16a.data[0], 2);
    assert_int_equal(MI_Instance_GetElement(e9, "FullDuplex", &v, &t, &f, NULL), MI_RESULT_OK);
    assert_true(v.boolean);
    const MI_Instance *e8 = find(&res, "DeviceID", "eth8");
    assert_true(u64_of(e8, "Speed", &x));
    assert_int_equal(x, 1000000000ull);
    assert_true(is_null(e8, "ActiveMaximumTransmissionUnit"));
    assert_true(is_null(e8, "PermanentAddress"));
    assert_int_equal(u16_of(e8, "EnabledState"), 3);
    assert_int_equal(MI_Instance_GetElement(e8, "OperationalStatus", &v, &t, &f, NULL),
                     MI_RESULT_OK);
    assert_int_equal(v.uint16a.data[0], 10);
    const MI_Instance *tun = find(&res, "DeviceID", "tun0");
    assert_string_equal(str_of(tun, "CreationClassName"), "Linux_NetworkPort");
    assert_true(is_null(tun, "EnabledState") || u16_of(tun, "EnabledState") == 5); /* default */
    assert_null(find(&res, "DeviceID", "junk"));
    results_free(&res);

    /* system-device associations over the fake tree: 1 disk + 4 ports */
    put("sys/class/block/vda/device", NULL);
    sink_of(&res, &sink);
    assert_int_equal(mi_lx_sysdev_enumerate(&env, decl("Linux_SystemDevice"), "Linux_DiskDrive",
                                            "Linux_EthernetPort", "Linux_NetworkPort", &sink),
                     MI_RESULT_OK);
    assert_int_equal(res.n, 5);
    size_t disks = 0;
    for (size_t i = 0; i < res.n; i++) {
        assert_int_equal(MI_Instance_GetElement(res.inst[i], "PartComponent", &v, &t, &f, NULL),
                         MI_RESULT_OK);
        assert_string_equal(str_of(v.reference, "SystemName"), SYSNAME);
        if (strcmp(str_of(v.reference, "CreationClassName"), "Linux_DiskDrive") == 0) {
            assert_string_equal(str_of(v.reference, "DeviceID"), "vda");
            disks++;
        }
        assert_int_equal(MI_Instance_GetElement(res.inst[i], "GroupComponent", &v, &t, &f, NULL),
                         MI_RESULT_OK);
        assert_string_equal(str_of(v.reference, "Name"), SYSNAME);
    }
    assert_int_equal(disks, 1);
    results_free(&res);
}

/* ---------------------------------------------------------------- endpoints */

typedef struct truth_addr {
    char name[128];
    char addr[INET6_ADDRSTRLEN];
    char mask[INET6_ADDRSTRLEN];
    bool v6;
} truth_addr;

static size_t truth_addrs(truth_addr *out, size_t cap)
{
    struct ifaddrs *all, *p;
    size_t n = 0;
    assert_int_equal(getifaddrs(&all), 0);
    for (p = all; p; p = p->ifa_next) {
        if (!p->ifa_addr ||
            (p->ifa_addr->sa_family != AF_INET && p->ifa_addr->sa_family != AF_INET6))
            continue;
        assert_true(n < cap);
        truth_addr *a = &out[n++];
        a->v6 = p->ifa_addr->sa_family == AF_INET6;
        if (a->v6) {
            inet_ntop(AF_INET6, &((struct sockaddr_in6 *)(void *)p->ifa_addr)->sin6_addr, a->addr,
                      sizeof a->addr);
            inet_ntop(AF_INET6, &((struct sockaddr_in6 *)(void *)p->ifa_netmask)->sin6_addr,
                      a->mask, sizeof a->mask);
        } else {
            inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)p->ifa_addr)->sin_addr, a->addr,
                      sizeof a->addr);
            inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)p->ifa_netmask)->sin_addr, a->mask,
                      sizeof a->mask);
        }
        snprintf(a->name, sizeof a->name, "%s_%s_%s", a->v6 ? "IPv6" : "IPv4", p->ifa_name,
                 a->addr);
    }
    freeifaddrs(all);
    return n;
}

static truth_addr g_addrs[1024];

static void test_endpoints_match_getifaddrs(void **state)
{
    results res;
    mi_lx_sink sink;
    size_t n = truth_addrs(g_addrs, 1024);
    (void)state;
    sink_of(&res, &sink);
    assert_int_equal(mi_lx_ipep_enumerate(&real_env, decl("Linux_IPProtocolEndpoint"), false,
                                          &sink),
                     MI_RESULT_OK);
    assert_int_equal(res.n, n);
    for (size_t i = 0; i < n; i++) {
        const MI_Instance *inst = find(&res, "Name", g_addrs[i].name);
        if (inst == NULL)
            fail_msg("endpoint %s missing", g_addrs[i].name);
        assert_string_equal(str_of(inst, g_addrs[i].v6 ? "IPv6Address" : "IPv4Address"),
                            g_addrs[i].addr);
        assert_int_equal(u16_of(inst, "ProtocolIFType"), g_addrs[i].v6 ? 4097 : 4096);
        if (!g_addrs[i].v6)
            assert_string_equal(str_of(inst, "SubnetMask"), g_addrs[i].mask);
    }
    const MI_Instance *lo = find(&res, "Name", "IPv4_lo_127.0.0.1");
    assert_non_null(lo);
    assert_string_equal(str_of(lo, "SubnetMask"), "255.0.0.0");
    MI_Value v;
    MI_Type t;
    MI_Uint32 f;
    assert_int_equal(MI_Instance_GetElement(lo, "PrefixLength", &v, &t, &f, NULL), MI_RESULT_OK);
    assert_int_equal(t, MI_UINT8);
    assert_int_equal(v.uint8, 8);
    results_free(&res);

    assert_int_equal(mi_lx_ipep_enumerate(&real_env, decl("Linux_IPProtocolEndpoint"), true,
                                          &sink),
                     MI_RESULT_OK);
    assert_int_equal(res.n, n);
    for (size_t i = 0; i < res.n; i++)
        assert_keys_only(res.inst[i]);
    results_free(&res);
}

static void test_endpoint_get(void **state)
{
    results res;
    mi_lx_sink sink;
    const MI_ClassDecl *cd = decl("Linux_IPProtocolEndpoint");
    MI_Instance *k = keys_of("Linux_IPProtocolEndpoint", SYSNAME, "Name", "IPv4_lo_127.0.0.1");
    (void)state;
    sink_of(&res, &sink);
    assert_int_equal(mi_lx_ipep_get(&real_env, cd, k, &sink), MI_RESULT_OK);
    assert_int_equal(res.n, 1);
    assert_string_equal(str_of(res.inst[0], "IPv4Address"), "127.0.0.1");
    results_free(&res);
    MI_Instance_Delete(k);
    k = keys_of("Linux_IPProtocolEndpoint", SYSNAME, "Name", "IPv4_lo_10.255.255.254");
    assert_int_equal(mi_lx_ipep_get(&real_env, cd, k, &sink), MI_RESULT_NOT_FOUND);
    MI_Instance_Delete(k);
    k = keys_of("Linux_IPProtocolEndpoint", "other-host", "Name", "IPv4_lo_127.0.0.1");
    assert_int_equal(mi_lx_ipep_get(&real_env, cd, k, &sink), MI_RESULT_NOT_FOUND);
    MI_Instance_Delete(k);
    k = keys_of("Linux_IPProtocolEndpoint", SYSNAME, "Name", NULL);
    assert_int_equal(mi_lx_ipep_get(&real_env, cd, k, &sink), MI_RESULT_INVALID_PARAMETER);
    MI_Instance_Delete(k);
    assert_int_equal(res.n, 0);
}

static void test_endpoint_associations(void **state)
{
    results res;
    mi_lx_sink sink;
    size_t n = truth_addrs(g_addrs, 1024);
    MI_Value v;
    MI_Type t;
    MI_Uint32 f;
    (void)state;
    sink_of(&res, &sink);
    assert_int_equal(mi_lx_portep_enumerate(&real_env, decl("Linux_PortImplementsEndpoint"),
                                            "Linux_EthernetPort", "Linux_NetworkPort",
                                            "Linux_IPProtocolEndpoint", &sink),
                     MI_RESULT_OK);
    /* every address belongs to an interface listed in /sys/class/net */
    assert_int_equal(res.n, n);
    bool lo_seen = false;
    for (size_t i = 0; i < res.n; i++) {
        char port[64];
        assert_int_equal(MI_Instance_GetElement(res.inst[i], "Dependent", &v, &t, &f, NULL),
                         MI_RESULT_OK);
        const char *ep = str_of(v.reference, "Name");
        assert_non_null(ep);
        /* "IPvN_<label>_<addr>": the port is the label up to ':' */
        assert_true(sscanf(ep + 5, "%63[^_:]", port) == 1);
        assert_int_equal(MI_Instance_GetElement(res.inst[i], "Antecedent", &v, &t, &f, NULL),
                         MI_RESULT_OK);
        assert_string_equal(str_of(v.reference, "DeviceID"), port);
        if (strcmp(ep, "IPv4_lo_127.0.0.1") == 0) {
            lo_seen = true;
            assert_string_equal(str_of(v.reference, "CreationClassName"), "Linux_NetworkPort");
        }
    }
    assert_true(lo_seen);
    results_free(&res);

    assert_int_equal(mi_lx_hostedep_enumerate(&real_env, decl("Linux_HostedIPProtocolEndpoint"),
                                              "Linux_IPProtocolEndpoint", &sink),
                     MI_RESULT_OK);
    assert_int_equal(res.n, n);
    assert_int_equal(MI_Instance_GetElement(res.inst[0], "Antecedent", &v, &t, &f, NULL),
                     MI_RESULT_OK);
    assert_string_equal(str_of(v.reference, "Name"), SYSNAME);
    results_free(&res);
}

static void test_net_provider_ft(void **state)
{
    const char *classes[] = {"Linux_EthernetPort", "Linux_NetworkPort",
                             "Linux_IPProtocolEndpoint", "Linux_PortImplementsEndpoint",
                             "Linux_HostedIPProtocolEndpoint"};
    size_t counts[5];
    fake_ctx f;
    void *self = NULL;
    (void)state;
    assert_null(mi_linux_net_provider_ft("Linux_LocalFileSystem"));
    for (size_t i = 0; i < 5; i++) {
        const MI_ProviderFT *ft = mi_linux_net_provider_ft(classes[i]);
        assert_non_null(ft);
        fake_init(&f, false);
        ft->Load(&self, (MI_Module_Self *)&real_env, &f.ctx);
        assert_int_equal(f.result, MI_RESULT_OK);
        fake_init(&f, false);
        ft->EnumerateInstances(self, &f.ctx, "root/cimv2", classes[i], NULL, MI_FALSE, NULL);
        assert_int_equal(f.finals, 1);
        assert_int_equal(f.result, MI_RESULT_OK);
        counts[i] = f.posted;
    }
    assert_int_equal(counts[2], truth_addrs(g_addrs, 1024));
    assert_int_equal(counts[3], counts[2]);
    assert_int_equal(counts[4], counts[2]);
    assert_true(counts[1] >= 1); /* lo */

    const MI_ProviderFT *ft = mi_linux_net_provider_ft("Linux_NetworkPort");
    MI_Instance *k = keys_of("Linux_NetworkPort", SYSNAME, "DeviceID", "lo");
    fake_init(&f, false);
    ft->GetInstance(self, &f.ctx, "root/cimv2", "Linux_NetworkPort", k, NULL);
    assert_int_equal(f.result, MI_RESULT_OK);
    assert_int_equal(f.posted, 1);
    fake_init(&f, false);
    ft->GetInstance(self, &f.ctx, "root/cimv2", "Linux_EthernetPort", k, NULL);
    assert_int_equal(f.result, MI_RESULT_NOT_FOUND);
    assert_int_equal(f.posted, 0);
    MI_Instance_Delete(k);
    fake_init(&f, false);
    ft->GetInstance(self, &f.ctx, "root/cimv2", "Linux_PortImplementsEndpoint", NULL, NULL);
    assert_int_equal(f.result, MI_RESULT_NOT_SUPPORTED);
}

/* The collectors over the full DMTF schema's declarations (schema/linux compiled on
 * top of it): every property they set has CIM's type there too (a mismatch would be
 * FAILED). */
static void test_net_over_dmtf(void **state)
{
    const char *files[] = {MI_SHARED_DIR "/data/cim-schema/2.49.0/cim_schema_2.49.0.mof",
                           MI_SOURCE_DIR "/schema/linux/linux.mof"};
    const char *cls[] = {"Linux_EthernetPort", "Linux_NetworkPort", "Linux_IPProtocolEndpoint",
                         "Linux_PortImplementsEndpoint", "Linux_HostedIPProtocolEndpoint",
                         "Linux_SystemDevice"};
    const MI_ClassDecl *cd[6];
    mi_repo *repo = NULL;
    results res;
    mi_lx_sink sink;
    (void)state;
    assert_int_equal(mi_repo_new(&repo), MI_RESULT_OK);
    assert_int_equal(mi_mof_compile_files(repo, files, 2, NULL, NULL), MI_RESULT_OK);
    mi_ns *ns = mi_repo_ns(repo, "root/cimv2");
    for (size_t i = 0; i < 6; i++) {
        cd[i] = mi_ns_class(ns, cls[i]);
        assert_non_null(cd[i]);
    }
    sink_of(&res, &sink);
    assert_int_equal(mi_lx_port_enumerate(&real_env, cd[0], MI_LX_PORT_ETHERNET, false, &sink),
                     MI_RESULT_OK);
    assert_int_equal(mi_lx_port_enumerate(&real_env, cd[1],
                                          MI_LX_PORT_LOOPBACK | MI_LX_PORT_OTHER, false, &sink),
                     MI_RESULT_OK);
    const MI_Instance *lo = find(&res, "DeviceID", "lo");
    assert_non_null(lo);
    assert_false(is_null(lo, "ActiveMaximumTransmissionUnit"));
    results_free(&res);
    assert_int_equal(mi_lx_ipep_enumerate(&real_env, cd[2], false, &sink), MI_RESULT_OK);
    lo = find(&res, "Name", "IPv4_lo_127.0.0.1");
    assert_non_null(lo);
    assert_string_equal(str_of(lo, "SubnetMask"), "255.0.0.0");
    results_free(&res);
    assert_int_equal(mi_lx_portep_enumerate(&real_env, cd[3], "Linux_EthernetPort",
                                            "Linux_NetworkPort", "Linux_IPProtocolEndpoint",
                                            &sink),
                     MI_RESULT_OK);
    results_free(&res);
    assert_int_equal(mi_lx_hostedep_enumerate(&real_env, cd[4], "Linux_IPProtocolEndpoint",
                                              &sink),
                     MI_RESULT_OK);
    results_free(&res);
    assert_int_equal(mi_lx_sysdev_enumerate(&real_env, cd[5], "Linux_DiskDrive",
                                            "Linux_EthernetPort", "Linux_NetworkPort", &sink),
                     MI_RESULT_OK);
    assert_true(res.n > 0);
    results_free(&res);
    mi_repo_free(repo);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ports_match_ifnames),
        cmocka_unit_test(test_ports_keys_only_and_get),
        cmocka_unit_test_setup_teardown(test_ports_fake_sys, setup_tmp, teardown_tmp),
        cmocka_unit_test(test_endpoints_match_getifaddrs),
        cmocka_unit_test(test_endpoint_get),
        cmocka_unit_test(test_endpoint_associations),
        cmocka_unit_test(test_net_provider_ft),
        cmocka_unit_test(test_net_over_dmtf),
    };
    return cmocka_run_group_tests(tests, setup_repo, teardown_repo);
}
