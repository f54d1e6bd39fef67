package org.carpsim.scenario.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.carpsim.carp.config.AddressChange;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.IfSetting;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.sim.topology.LinkConditions;
import org.junit.jupiter.api.Test;

class ModelTest {

  private static final Origin O = new Origin("t.carp", 1, 1, "x");

  private static Ipv4Address ip(String s) {
    return Ipv4Address.parse(s);
  }

  @Test
  void ipv4Prefixes() {
    Ipv4Prefix p = new Ipv4Prefix(ip("172.16.0.0"), 24);
    assertTrue(p.contains(ip("172.16.0.255")));
    assertFalse(p.contains(ip("172.16.1.0")));
    assertEquals(ip("172.16.0.255"), p.broadcast());
    assertEquals(254, p.hostCount());
    assertEquals(ip("172.16.0.1"), p.hostAddress(0));
    assertEquals(ip("172.16.0.254"), p.hostAddress(253));
    assertEquals(-1, p.hostIndex(ip("172.16.0.0")));
    assertFalse(p.isHostAddress(ip("172.16.0.255")));
    assertEquals(2, new Ipv4Prefix(ip("10.0.0.0"), 31).hostCount(), "RFC 3021: both addresses of a /31");
    assertEquals(1L << 32, new Ipv4Prefix(ip("0.0.0.0"), 0).size());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Ipv4Prefix(ip("172.16.0.5"), 24));
    assertEquals("172.16.0.5/24 has host bits set; the network is 172.16.0.0/24", e.getMessage());
  }

  @Test
  void ipv6Prefixes() {
    Ipv6Prefix p = Ipv6Prefix.containing(Ipv6Address.parse("2001:db8::1"), 64);
    assertEquals(Ipv6Address.parse("2001:db8::"), p.network());
    assertEquals(p.network() + "/64", p.toString());
    assertTrue(p.contains(Ipv6Address.parse("2001:db8::ffff")));
    assertFalse(p.contains(Ipv6Address.parse("2001:db9::1")));
    assertTrue(Ipv6Prefix.containing(Ipv6Address.parse("2001:db8::1"), 0).contains(Ipv6Address.parse("::1")));
    assertThrows(IllegalArgumentException.class, () -> new Ipv6Prefix(Ipv6Address.parse("2001:db8::1"), 64));
  }

  /** Clients' IPv6 addresses: every address of the prefix but the Subnet-Router anycast (RFC 4291 §2.6.1). */
  @Test
  void ipv6PrefixesNumberTheirHostAddresses() {
    Ipv6Prefix p = new Ipv6Prefix(Ipv6Address.parse("2001:db8::ff00"), 120);
    assertEquals(255, p.hostCount());
    assertEquals(Ipv6Address.parse("2001:db8::ff01"), p.hostAddress(0));
    assertEquals(Ipv6Address.parse("2001:db8::ffff"), p.hostAddress(254));
    assertEquals(-1, p.hostIndexOf(Ipv6Address.parse("2001:db8::ff00")), "the anycast address is no host's");
    assertEquals(254, p.hostIndexOf(Ipv6Address.parse("2001:db8::ffff")));
    assertEquals(-1, p.hostIndexOf(Ipv4Address.parse("10.0.0.1")), "another family");
    Ipv6Prefix wide = new Ipv6Prefix(Ipv6Address.parse("2001:db8:0:2::"), 63);
    assertEquals(1L << 62, wide.hostCount(), "capped far beyond any client count");
    Ipv6Prefix across = new Ipv6Prefix(Ipv6Address.parse("2001:db8::"), 63);
    Ipv6Address high = Ipv6Address.parse("2001:db8:0:1::5");
    assertEquals(-1, across.hostIndexOf(high), "beyond the cap");
    Ipv6Prefix p127 = new Ipv6Prefix(Ipv6Address.parse("2001:db8::"), 127);
    assertEquals(2, p127.hostCount(), "RFC 6164: both addresses of a /127");
    assertEquals(Ipv6Address.parse("2001:db8::"), p127.hostAddress(0));
  }

  @Test
  void derivedMacsAreLocallyAdministeredUnicastAndDependOnlyOnTheNames() {
    MacAddress a = Nic.derivedMac("fw1", "em0");
    assertEquals(a, Nic.derivedMac("fw1", "em0"));
    assertEquals(0x02, a.value() >>> 40, "02:…: locally administered, unicast");
    Set<MacAddress> seen = new HashSet<>();
    for (int h = 0; h < 50; h++) {
      for (int n = 0; n < 4; n++) {
        assertTrue(seen.add(Nic.derivedMac("host" + h, "em" + n)));
      }
    }
    assertNotEquals(Nic.derivedMac("fw1", "em0"), Nic.derivedMac("fw1.em", "0"), "a dot cannot be in a host name");
  }

  @Test
  void nicBootCommandsBringItUpWithItsAddresses() {
    Nic nic = new Nic("fw1", "em0", "lan", List.of(new NicAddress.Inet4(ip("172.16.0.1"), 24),
        new NicAddress.Inet4(ip("172.16.0.9"), 24), new NicAddress.Inet6(Ipv6Address.parse("2001:db8::1"), 64)),
        Nic.derivedMac("fw1", "em0"), false, LinkConditions.NONE, org.carpsim.sim.topology.PortPolicy.OPEN, O);
    List<HostCommand> boot = nic.bootCommands();
    assertEquals(new HostCommand.IfconfigSet("em0", List.of(new IfSetting.Up()), Optional.of(new AddressChange.Inet(
        ip("172.16.0.1"), 24, true, Optional.empty(), AddressChange.Op.REPLACE_PRIMARY))), boot.get(0));
    assertEquals(AddressChange.Op.ADD_ALIAS,
        ((HostCommand.IfconfigSet) boot.get(1)).address().orElseThrow().op());
    assertEquals(AddressChange.Op.REPLACE_PRIMARY,
        ((HostCommand.IfconfigSet) boot.get(2)).address().orElseThrow().op(), "the first IPv6 address");
    Nic bare = new Nic("fw1", "em1", "lan", List.of(), Nic.derivedMac("fw1", "em1"), false, LinkConditions.NONE,
        org.carpsim.sim.topology.PortPolicy.OPEN, O);
    assertEquals(List.of(new HostCommand.IfconfigSet("em1", List.of(new IfSetting.Up()), Optional.empty())),
        bare.bootCommands());
    assertEquals("fw1.em0", nic.qualifiedName());
    assertEquals(nic.mac().value(), nic.toSpec().mac());
  }

  @Test
  void clientsSkipReservedAddressesAndWrapAround() {
    Ipv4Prefix p = new Ipv4Prefix(ip("10.0.0.0"), 29); // hosts .1 … .6
    ClientPopulation c = new ClientPopulation("lan", 7, p, ip("10.0.0.2"), 1_000, 500, MacAddress.parse("0a:00:01:00:00:01"),
        java.util.Optional.empty(), List.of(ip("10.0.0.2"), ip("10.0.0.5"), ip("192.0.2.1"), ip("10.0.0.2")), O);
    assertEquals(List.of(ip("10.0.0.2"), ip("10.0.0.5")), c.reserved(), "outside and duplicate addresses dropped");
    assertEquals(4, c.freeAddresses());
    assertEquals(List.of("10.0.0.1", "10.0.0.3", "10.0.0.4", "10.0.0.6", "10.0.0.1", "10.0.0.3", "10.0.0.4"),
        c.clients().stream().map(x -> x.address().toString()).toList());
    assertEquals(MacAddress.parse("0a:00:01:00:00:07"), c.mac(6));
    assertEquals(List.of(500L, 642L, 785L, 928L, 1071L, 1214L, 1357L),
        c.clients().stream().map(ClientPopulation.Client::firstRequestAt).toList(), "start + i * interval / count");
    assertThrows(IndexOutOfBoundsException.class, () -> c.client(7));
    assertEquals(MacAddress.parse("0a:00:03:00:00:01"), ClientPopulation.defaultFirstMac(3));
    IllegalArgumentException full = assertThrows(IllegalArgumentException.class,
        () -> new ClientPopulation("lan", 1, new Ipv4Prefix(ip("10.0.0.0"), 30), ip("10.0.0.1"), 1, 0,
            MacAddress.parse("0a:00:01:00:00:01"), java.util.Optional.empty(), List.of(ip("10.0.0.1"), ip("10.0.0.2")),
            O));
    assertEquals("10.0.0.0/30 has no free address for clients", full.getMessage());
  }

  @Test
  void comparisons() {
    assertTrue(Comparison.GE.holds(1, 1));
    assertFalse(Comparison.GT.holds(1, 1));
    assertTrue(Comparison.NE.holds(0, 1));
    assertEquals(Comparison.EQ, Comparison.ofSymbol("="));
    assertEquals(Comparison.LE, Comparison.ofSymbol("<="));
    assertEquals(null, Comparison.ofSymbol("=>"));
  }

  @Test
  void diagnosticsPrintLikeACompiler() {
    assertEquals("a.carp:3:7: bad", Diagnostic.error("a.carp", 3, 7, "bad").toString());
    assertEquals("a.carp:3:7: warning: odd", Diagnostic.warning("a.carp", 3, 7, "odd").toString());
    assertEquals("t.carp:1:1", O.where());
  }
}
