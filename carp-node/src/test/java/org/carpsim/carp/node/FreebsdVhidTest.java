package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.carp.wire.Ipv4Packet;
import org.junit.jupiter.api.Test;

/** FreeBSD ≥10: the vhid lives on the parent (§7.4, §8.3). */
class FreebsdVhidTest {

  private static EmbeddedHost host(EmbeddedLan lan, String name, int n) {
    EmbeddedHost h = lan.host(name, Profiles.FREEBSD).nic("em0", "lan", Lab.mac(n));
    h.configure("ifconfig em0 inet 192.0.2." + (9 + n) + "/24");
    return h;
  }

  @Test
  void vhidOnTheParentStateAndQueriesByParentAndVhid() {
    EmbeddedLan lan = new EmbeddedLan();
    EmbeddedHost a = host(lan, "a", 1);
    EmbeddedHost b = host(lan, "b", 2);
    a.configure("ifconfig em0 vhid 1 pass x 192.0.2.1/24 alias");
    b.configure("ifconfig em0 vhid 1 advskew 100 pass x 192.0.2.1/24 alias");
    lan.runFor(5 * S);
    assertEquals(Optional.of(CarpState.MASTER), a.node().state("em0"));
    assertEquals(Optional.of(CarpState.BACKUP), b.node().state("em0"));
    assertEquals(Optional.of(CarpState.BACKUP), b.node().stateOfVhid("em0", 1));
    assertEquals("em0", b.node().virtualHosts().get(0).iface());
    assertEquals("em0\n\tcarp: BACKUP vhid 1 advbase 1 advskew 100", "em0\n\t" + b.node().ifconfigStatus("em0").lines()
        .filter(l -> l.startsWith("\tcarp:")).findFirst().orElseThrow().strip());
    assertTrue(b.node().ifconfigStatus("em0").contains("\tinet 192.0.2.1 netmask 0xffffff00 broadcast 192.0.2.255 vhid 1"));
    assertTrue(b.node().statistics().get("em0").get(CarpStat.IPACKETS) > 0, "counted on the parent");
    // the advertisement's source is the parent's own address in the vhid's subnet
    Ipv4Packet ip = (Ipv4Packet) ((org.carpsim.carp.wire.EthernetFrame) Lab.lastAd(lan, "a").orElseThrow().decoded()).payload();
    assertEquals(Ipv4Address.parse("192.0.2.10"), ip.header().source());
    // modify the existing vhid
    b.configure("ifconfig em0 vhid 1 advskew 7");
    assertEquals(7, b.node().virtualHosts().get(0).advskew());
  }

  @Test
  void withoutAliasTheParentsOwnAddressIsReplaced() {
    // ifconfig deletes the interface's first address before adding one without 'alias' (a real pitfall)
    EmbeddedLan lan = new EmbeddedLan();
    EmbeddedHost a = host(lan, "a", 1);
    a.configure("ifconfig em0 vhid 1 advskew 100 pass x 192.0.2.1/24");
    String status = a.node().ifconfigStatus("em0");
    assertTrue(status.contains("\tinet 192.0.2.1 netmask 0xffffff00 broadcast 192.0.2.255 vhid 1"));
    assertTrue(!status.contains("192.0.2.10"), status);
    lan.runFor(5 * S);
    Ipv4Packet ip = (Ipv4Packet) ((org.carpsim.carp.wire.EthernetFrame) Lab.lastAd(lan, "a").orElseThrow().decoded()).payload();
    assertEquals(Ipv4Address.ANY, ip.header().source(), "no address left on the parent: 0.0.0.0");
  }

  @Test
  void severalVhidsOnOneParentAndTheLastAddressTakesTheVhidAway() {
    EmbeddedLan lan = new EmbeddedLan();
    EmbeddedHost a = host(lan, "a", 1);
    a.configure("ifconfig em0 vhid 1 pass x 192.0.2.1/24 alias", "ifconfig em0 vhid 2 pass y 192.0.2.2/24 alias");
    lan.runFor(5 * S);
    assertEquals(Optional.empty(), a.node().state("em0"), "two vhids: ask by vhid");
    assertEquals(Optional.of(CarpState.MASTER), a.node().stateOfVhid(2));
    a.configure("ifconfig em0 inet 192.0.2.2 -alias");
    assertEquals(1, a.node().virtualHosts().size());
    assertEquals(CarpState.INIT, lan.transitions().get(lan.transitions().size() - 1).transition().to());
    lan.runFor(5 * S);
    assertTrue(Lab.ads(lan, "a").stream().filter(f -> f.timeNanos() > 5 * S).allMatch(f -> Lab.carp(f).vhid() == 1));
  }
}
