package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.MS;
import static org.carpsim.carp.node.Lab.S;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.node.embedded.CapturedFrame;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.carp.wire.Ipv6Packet;
import org.carpsim.carp.wire.NeighborAdvertisement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a new master puts on the wire (§1.2, §6): advertisements, gratuitous ARP, NA, per profile. */
class EmissionTest {

  private static final MacAddress VIRTUAL = MacAddress.parse("00:00:5e:00:01:01");

  /** One host alone on the LAN, two IPv4 VIPs (10.0.0.1 and 10.0.0.5), master after its master-down time. */
  private static EmbeddedLan master(Profile p) {
    EmbeddedLan lan = new EmbeddedLan(21);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, p, 1, 0, false, "secret");
    String alias = p.config().interfaces() == org.carpsim.carp.profile.ConfigStyle.InterfaceModel.VHID_ON_PARENT
        ? "ifconfig em0 vhid 1 10.0.0.5/24 alias" : "ifconfig carp0 inet 10.0.0.5/24 alias";
    a.configure(alias);
    lan.runFor(10 * S);
    return lan;
  }

  private static EthernetFrame frame(CapturedFrame f) {
    return (EthernetFrame) f.decoded();
  }

  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6"})
  void advertisementHeadersAreByteExactPerProfile(String name) {
    Profile p = Profiles.byName(name);
    EmbeddedLan lan = master(p);
    List<CapturedFrame> ads = Lab.ads(lan, "a");
    assertTrue(ads.size() >= 5);
    Set<Integer> ids = new HashSet<>();
    int previousId = -1;
    for (CapturedFrame f : ads) {
      EthernetFrame e = frame(f);
      assertEquals(70, f.bytes().length);
      assertEquals(MacAddress.parse("01:00:5e:00:00:12"), e.header().destination());
      MacAddress expectedSource = p.emission().advertisementSourceMac()
          == org.carpsim.carp.profile.Emission.AdSourceMac.UCARP_00_00_5E_00_00_VHID
          ? MacAddress.parse("00:00:5e:00:00:01") : VIRTUAL;
      assertEquals(expectedSource, e.header().source());
      Ipv4Packet ip = (Ipv4Packet) e.payload();
      assertEquals(name.equals("freebsd") ? 0xe0 : 0x10, ip.header().tos(), "TOS");
      assertEquals(0b010, ip.header().flags(), "DF");
      assertEquals(255, ip.header().ttl());
      assertEquals(56, ip.header().totalLength());
      assertTrue(ip.header().checksumOk());
      assertEquals(Ipv4Address.parse("10.0.0.2"), ip.header().source(), "the parent's address");
      assertEquals(Ipv4Address.CARP_GROUP, ip.header().destination());
      ids.add(ip.header().identification());
      if (name.equals("freebsd-6") && previousId >= 0) {
        assertEquals((previousId + 1) & 0xffff, ip.header().identification(), "sequential ip_newid");
      }
      previousId = ip.header().identification();
      CarpAdvertisement c = (CarpAdvertisement) ip.payload();
      assertEquals(2, c.version());
      assertEquals(1, c.type());
      assertEquals(1, c.vhid());
      assertEquals(7, c.authLength());
      assertEquals(0, c.demote());
      assertEquals(1, c.advbase());
      assertEquals(0, c.advskew());
      assertTrue(c.checksumOk());
      // the HMAC, prepared independently with the profile's scheme, over both VIPs
      CarpHmac hmac = CarpHmac.prepare(p.authentication().hmac(),
          CarpKey.fromPassphraseBytes("secret".getBytes(StandardCharsets.UTF_8)), 1,
          List.of(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.0.5")), List.of(), null);
      assertTrue(hmac.verify(c.counter(), c.hmacBytes()), "HMAC");
    }
    if (name.equals("netbsd") || name.equals("freebsd")) {
      assertEquals(Set.of(0), ids, "IP ID 0");
    } else if (!name.equals("freebsd-6")) {
      assertTrue(ids.size() > 3, "random IP IDs: " + ids);
    }
    long first = Lab.carp(ads.get(0)).counter();
    long second = Lab.carp(ads.get(1)).counter();
    if (name.equals("openbsd")) {
      assertEquals(first, second, "replay cookie: the same counter for the life of the vhost");
    } else {
      assertEquals(first + 1, second, "incrementing counter");
    }
  }

  @Test
  void openbsdGratuitousArpPerVipAfterTheAdThenAgainWithTheSecondFollowingAd() {
    EmbeddedLan lan = master(Profiles.OPENBSD);
    List<CapturedFrame> frames = lan.framesFrom("a");
    List<CapturedFrame> garps = frames.stream().filter(CapturedFrame::isArp).toList();
    List<CapturedFrame> ads = Lab.ads(lan, "a");
    assertEquals(4, garps.size(), "two VIPs, two rounds");
    assertEquals(3 * S, garps.get(0).timeNanos());
    assertEquals(3 * S, garps.get(1).timeNanos());
    assertTrue(frames.indexOf(garps.get(0)) > frames.indexOf(ads.get(0)), "the ad first");
    assertEquals(ads.get(2).timeNanos(), garps.get(2).timeNanos(), "second round with the 2nd following ad");
    assertEquals(5 * S, garps.get(3).timeNanos());
    for (int i = 0; i < garps.size(); i++) {
      EthernetFrame e = frame(garps.get(i));
      ArpPacket arp = (ArpPacket) e.payload();
      assertEquals(MacAddress.BROADCAST, e.header().destination());
      assertEquals(VIRTUAL, e.header().source());
      assertEquals(ArpPacket.REQUEST, arp.operation());
      assertEquals(VIRTUAL, arp.senderMac(), "sha = carp lladdr");
      assertEquals(MacAddress.ZERO, arp.targetMac());
      assertEquals(arp.senderIp(), arp.targetIp());
      assertEquals(Ipv4Address.parse(i % 2 == 0 ? "10.0.0.1" : "10.0.0.5"), arp.senderIp(), "address order");
    }
  }

  @Test
  void openbsd35SpacesItsGratuitousArpsOneMillisecondAndSendsOneRound() {
    EmbeddedLan lan = master(Profiles.OPENBSD_3_5);
    List<CapturedFrame> garps = lan.framesFrom("a").stream().filter(CapturedFrame::isArp).toList();
    assertEquals(2, garps.size(), "ip_carp.c 1.54 has no delayed second round");
    assertEquals(3 * S, garps.get(0).timeNanos());
    assertEquals(3 * S + MS, garps.get(1).timeNanos(), "DELAY(1000) between them");
  }

  @ParameterizedTest
  @ValueSource(strings = {"netbsd", "freebsd", "freebsd-6"})
  void gratuitousArpRoundsPerProfile(String name) {
    EmbeddedLan lan = master(Profiles.byName(name));
    List<CapturedFrame> garps = lan.framesFrom("a").stream().filter(CapturedFrame::isArp).toList();
    assertEquals(name.equals("netbsd") ? 4 : 2, garps.size());
    for (CapturedFrame g : garps) {
      assertEquals(VIRTUAL, ((ArpPacket) frame(g).payload()).senderMac());
    }
  }

  @Test
  void freebsdDscpSetsTheTos() {
    EmbeddedLan lan = new EmbeddedLan(1);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, Profiles.FREEBSD, 1, 0, false, "pw");
    a.configure("sysctl net.inet.carp.dscp=10");
    lan.runFor(5 * S);
    Ipv4Packet ip = (Ipv4Packet) frame(Lab.lastAd(lan, "a").orElseThrow()).payload();
    assertEquals(10 << 2, ip.header().tos());
  }

  @Test
  void ipv6AdvertisementsAndUnsolicitedNeighbourAdvertisements() {
    EmbeddedLan lan = new EmbeddedLan(1);
    EmbeddedHost a = lan.host("a", Profiles.OPENBSD).nic("em0", "lan", Lab.mac(1));
    a.configure("ifconfig em0 inet6 2001:db8::2/64", "sysctl net.inet6.ip6.forwarding=1", "ifconfig carp0 create",
        "ifconfig carp0 vhid 1 pass secret carpdev em0", "ifconfig carp0 inet6 2001:db8::1/64");
    lan.runFor(5 * S);
    List<CapturedFrame> ads = Lab.ads(lan, "a");
    EthernetFrame e = frame(ads.get(0));
    assertEquals(90, ads.get(0).bytes().length);
    assertEquals(MacAddress.parse("33:33:00:00:00:12"), e.header().destination());
    Ipv6Packet ip6 = (Ipv6Packet) e.payload();
    assertEquals(Ipv6Address.parse("2001:db8::2"), ip6.header().source(), "the parent's first IPv6 address");
    assertEquals(Ipv6Address.CARP_GROUP, ip6.header().destination());
    assertEquals(255, ip6.header().hopLimit());
    CarpAdvertisement c = (CarpAdvertisement) ip6.payload();
    assertTrue(c.checksumOk());
    CarpHmac hmac = CarpHmac.prepare(HmacScheme.OPENBSD, CarpKey.fromPassphraseBytes("secret".getBytes(StandardCharsets.UTF_8)),
        1, List.of(), List.of(Ipv6Address.parse("2001:db8::1")), null);
    assertArrayEquals(hmac.compute(c.counter()), c.hmacBytes());
    CapturedFrame na = lan.framesFrom("a").stream().filter(f -> f.etherType() == 0x86dd && f.carp().isEmpty())
        .findFirst().orElseThrow();
    assertEquals(3 * S, na.timeNanos());
    EthernetFrame ne = frame(na);
    assertEquals(MacAddress.parse("33:33:00:00:00:01"), ne.header().destination());
    Ipv6Packet nip = (Ipv6Packet) ne.payload();
    NeighborAdvertisement adv = (NeighborAdvertisement) nip.payload();
    assertTrue(adv.override());
    assertFalse(adv.solicited());
    assertTrue(adv.router(), "net.inet6.ip6.forwarding=1");
    assertEquals(Ipv6Address.parse("2001:db8::1"), adv.target());
    assertEquals(VIRTUAL, adv.targetLinkLayerAddress().orElseThrow());
    assertTrue(nip.payloadChecksumOk());
    assertEquals(Ipv6Address.ALL_NODES, nip.header().destination());
    assertEquals(Ipv6Address.parse("fe80::200:5eff:fe00:101"), nip.header().source(), "the carp link-local (EUI-64)");
  }

  /** ip_carp.c 1.74.2.2: the IPv6 send and the IPv6 master-down timer are both under INET6_notyet. */
  @Test
  void netbsd2016NeitherSendsNorTimesOutOverIpv6() {
    EmbeddedLan lan = new EmbeddedLan(1);
    EmbeddedHost a = lan.host("a", Profiles.NETBSD_2016).nic("em0", "lan", Lab.mac(1));
    a.configure("ifconfig em0 inet6 2001:db8::2/64", "ifconfig carp0 create",
        "ifconfig carp0 vhid 1 pass secret carpdev em0", "ifconfig carp0 inet6 2001:db8::1/64");
    lan.runFor(5 * S);
    assertEquals(org.carpsim.carp.profile.CarpState.BACKUP, Lab.state(a, 1), "no IPv6 master-down timer");
    assertTrue(Lab.ads(lan, "a").isEmpty(), "INET6_notyet: IPv6 sending compiled out");
  }

  /** Current NetBSD hands over on IPv6 (t_basic.sh 1.8.8.1 runs carp_handover_ipv6_* without expect_fail). */
  @Test
  void netbsdSendsIpv6Advertisements() {
    EmbeddedLan lan = new EmbeddedLan(1);
    EmbeddedHost a = lan.host("a", Profiles.NETBSD).nic("em0", "lan", Lab.mac(1));
    a.configure("ifconfig em0 inet6 2001:db8::2/64", "ifconfig carp0 create",
        "ifconfig carp0 vhid 1 pass secret carpdev em0", "ifconfig carp0 inet6 2001:db8::1/64");
    lan.runFor(5 * S);
    assertEquals(org.carpsim.carp.profile.CarpState.MASTER, Lab.state(a, 1));
    assertFalse(Lab.ads(lan, "a").isEmpty(), "IPv6 advertisements sent");
  }

  @Test
  void unicastAdvertisementsResolveThePeerByArpFirst() {
    EmbeddedLan lan = new EmbeddedLan(1);
    EmbeddedHost a = lan.host("a", Profiles.OPENBSD).nic("em0", "lan", Lab.mac(1));
    EmbeddedHost b = lan.host("b", Profiles.OPENBSD).nic("em0", "lan", Lab.mac(2));
    a.configure("ifconfig em0 inet 10.0.0.2/24", "ifconfig carp0 create",
        "ifconfig carp0 vhid 1 pass pw carpdev em0 carppeer 10.0.0.3 10.0.0.1/24");
    b.configure("ifconfig em0 inet 10.0.0.3/24", "ifconfig carp0 create",
        "ifconfig carp0 vhid 1 advskew 100 pass pw carpdev em0 carppeer 10.0.0.2 10.0.0.1/24");
    lan.runFor(10 * S);
    List<CapturedFrame> fromA = lan.framesFrom("a");
    ArpPacket who = (ArpPacket) frame(fromA.get(0)).payload();
    assertEquals(Ipv4Address.parse("10.0.0.3"), who.targetIp(), "who-has the peer");
    assertEquals(Ipv4Address.parse("10.0.0.2"), who.senderIp());
    List<CapturedFrame> ads = Lab.ads(lan, "a");
    assertEquals(3 * S, ads.get(0).timeNanos(), "the held ad goes out with the reply");
    for (CapturedFrame f : ads) {
      EthernetFrame e = frame(f);
      assertEquals(MacAddress.parse(Lab.mac(2)), e.header().destination());
      assertEquals(Ipv4Address.parse("10.0.0.3"), ((Ipv4Packet) e.payload()).header().destination());
    }
    assertEquals(org.carpsim.carp.profile.CarpState.BACKUP, Lab.state(b, 1));
    assertTrue(b.node().ifconfigStatus("carp0").contains("carp: BACKUP carpdev em0 vhid 1 advbase 1 advskew 100 carppeer 10.0.0.2"));
  }
}
