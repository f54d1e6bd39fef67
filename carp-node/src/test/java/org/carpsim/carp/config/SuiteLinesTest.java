package org.carpsim.carp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.node.CarpHost;
import org.carpsim.carp.node.CommandResult;
import org.carpsim.carp.node.NodeListener;
import org.carpsim.carp.node.OfflineEnvironment;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;

/**
 * The configuration lines of the real systems' CARP test suites (FreeBSD tests/sys/netinet/carp.sh,
 * OpenBSD regress/sys/netinet/carp, NetBSD tests/net/carp) as they type them, and their mistakes.
 */
class SuiteLinesTest {

  private static List<HostCommand> parse(Profile p, String line) {
    return ConfigParser.forProfile(p).parseCommandLine(line).commands();
  }

  private static void refused(Profile p, String line, String message, String at) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(p, line));
    assertEquals(message, e.getMessage());
    assertEquals(line.lastIndexOf(at) + 1, e.column(), "column of '" + at + "'");
  }

  /** FreeBSD sbin/ifconfig/ifconfig.c: DEF_CMD("add", IFF_UP, notealias), the same entry as "alias". */
  @Test
  void freebsdAddIsAlias() {
    HostCommand.IfconfigSet set = assertInstanceOf(HostCommand.IfconfigSet.class,
        parse(Profiles.FREEBSD, "ifconfig epair0b add vhid 1 192.0.2.1/29").get(0));
    assertEquals(AddressChange.Op.ADD_ALIAS, ((AddressChange.Inet) set.address().orElseThrow()).op());
    HostCommand.IfconfigSet v6 = assertInstanceOf(HostCommand.IfconfigSet.class,
        parse(Profiles.FREEBSD, "ifconfig epair0b inet6 add vhid 1 peer6 2001:db8:2::2 2001:db8::0:1/64").get(0));
    assertEquals(new AddressChange.Inet6(Ipv6Address.parse("2001:db8::1"), 64, AddressChange.Op.ADD_ALIAS),
        v6.address().orElseThrow());
    refused(Profiles.OPENBSD, "ifconfig carp0 add 10.0.0.1/24",
        "ifconfig: add: FreeBSD's ifconfig only (use alias)", "add");
  }

  @Test
  void freebsdNoDadIsAnInet6Flag() {
    assertEquals(1, parse(Profiles.FREEBSD, "ifconfig bridge0 inet6 2001:db8::0:4/64 up no_dad").size());
    refused(Profiles.FREEBSD, "ifconfig bridge0 192.0.2.4/29 no_dad",
        "ifconfig: no_dad: an inet6 flag of FreeBSD's ifconfig (ifconfig IF inet6 ADDR/len no_dad)", "no_dad");
    refused(Profiles.OPENBSD, "ifconfig em0 inet6 2001:db8::4/64 no_dad",
        "ifconfig: no_dad: an inet6 flag of FreeBSD's ifconfig (ifconfig IF inet6 ADDR/len no_dad)", "no_dad");
  }

  @Test
  void bridgeMembersPairPatchAndRdomain() {
    assertEquals(List.of(), parse(Profiles.FREEBSD, "ifconfig bridge0 addm epair0a addm epair1a"));
    refused(Profiles.FREEBSD, "ifconfig bridge0 addm", "ifconfig: 'addm' requires argument", "addm");
    assertEquals(1, parse(Profiles.OPENBSD, "ifconfig pair12 rdomain 12 192.168.0.3/24 patch pair11").size());
    refused(Profiles.OPENBSD, "ifconfig pair12 rdomain 256 192.168.0.3/24",
        "ifconfig: rdomain 256: too large (range 0..255)", "256");
    refused(Profiles.OPENBSD, "ifconfig pair12 patch pair12",
        "ifconfig: patch pair12: another pair(4) interface is needed", "pair12");
    refused(Profiles.OPENBSD, "ifconfig em0 patch pair1",
        "ifconfig: patch: a pair(4) option of OpenBSD (ifconfig pairN patch pairM)", "patch");
    refused(Profiles.FREEBSD, "ifconfig em0 rdomain 1", "ifconfig: rdomain: OpenBSD only (rdomain(4))", "rdomain");
  }

  @Test
  void routeAddAndDeleteWithTheirErrors() {
    assertEquals(List.of(new HostCommand.Route(true, false, "default", Optional.of("198.51.100.1"))),
        parse(Profiles.FREEBSD, "route add default 198.51.100.1"));
    assertEquals(List.of(new HostCommand.Route(true, true, "default", Optional.of("2001:db8:1::1"))),
        parse(Profiles.FREEBSD, "route -6 add default 2001:db8:1::1"));
    assertEquals(List.of(new HostCommand.Route(true, false, "10.9.0.0/16", Optional.of("10.0.0.1"))),
        parse(Profiles.OPENBSD, "route add -net 10.9.0.0/16 10.0.0.1"));
    refused(Profiles.FREEBSD, "route ad default 10.0.0.1", "route: ad: bad command (add or delete); did you mean add?",
        "ad");
    refused(Profiles.FREEBSD, "route add default 2001:db8::1",
        "route: 2001:db8::1: bad address (an IPv4 address; route -6 for IPv6)", "2001:db8::1");
    refused(Profiles.FREEBSD, "route add default", "route: add default: a gateway is required", "default");
    refused(Profiles.FREEBSD, "route add 10.0.0.0/33 10.0.0.1", "route: 10.0.0.0/33: bad prefix length (0..32)", "33");
    refused(Profiles.UCARP, "route add default 10.0.0.1",
        "route: BSD route(8) is modelled under the BSD profiles, not under ucarp", "route");
  }

  /** The host keeps its routes; adding one twice and deleting a missing one fail with route(8)'s words. */
  @Test
  void routesAreKeptAndRepeatsFail() {
    CarpHost h = new CarpHost(Profiles.FREEBSD, new OfflineEnvironment(), NodeListener.NONE);
    h.addNic("em0", org.carpsim.carp.net.MacAddress.parse("02:00:00:00:00:01"));
    assertEquals(new CommandResult(true, "add net default: gateway 198.51.100.1", ""),
        h.run("route add default 198.51.100.1"));
    CommandResult again = h.run("route add default 198.51.100.1");
    assertEquals("route: writing to routing socket: File exists\nadd net default: gateway 198.51.100.1 fib 0: "
        + "route already in table", again.error());
    assertEquals(java.util.Map.of("inet default", "198.51.100.1"), h.routes());
    assertEquals("route: writing to routing socket: No such process\ndelete net default fib 0: not in table",
        h.run("route -6 delete default").error());
    assertEquals(Ipv4Address.parse("198.51.100.1").toString(), h.routes().get("inet default"));
  }

  /** NetBSD's t_basic.sh waits for DAD after its setup: "rump.ifconfig -w 10". */
  @Test
  void netbsdWaitsForDad() {
    assertEquals(List.of(), parse(Profiles.NETBSD, "ifconfig -w 10"));
    refused(Profiles.NETBSD, "ifconfig -w ten", "ifconfig: -w ten: invalid (range 0..2147483647)", "ten");
    refused(Profiles.NETBSD, "ifconfig -w", "ifconfig: -w takes the seconds to wait (ifconfig -w 10)", "-w");
    refused(Profiles.OPENBSD, "ifconfig -w 10", "ifconfig: -w: NetBSD's ifconfig only (wait for DAD)", "-w");
  }
}
