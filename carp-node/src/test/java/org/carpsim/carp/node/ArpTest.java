package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.node.embedded.CapturedFrame;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Ipv6Packet;
import org.carpsim.carp.wire.NeighborAdvertisement;
import org.carpsim.carp.wire.NeighborSolicitation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ARP and ND responder (§6.1, §7): who answers for a shared address, with which MAC. */
class ArpTest {

  record Reply(String host, MacAddress ethSource, MacAddress sha) {}

  private static byte[] request(MacAddress from, String senderIp, String target) {
    return EthernetFrame.of(MacAddress.BROADCAST, from, new ArpPacket(ArpPacket.REQUEST, from,
        Ipv4Address.parse(senderIp), MacAddress.ZERO, Ipv4Address.parse(target))).toBytes();
  }

  /** Injects one request and returns the replies. */
  private static List<Reply> ask(EmbeddedLan lan, MacAddress from, String senderIp, String target) {
    lan.clearFrames();
    lan.inject("lan", request(from, senderIp, target));
    lan.runFor(0);
    return lan.frames().stream().filter(f -> !f.host().equals("(injected)") && f.isArp()).map(f -> {
      EthernetFrame e = (EthernetFrame) f.decoded();
      ArpPacket a = (ArpPacket) e.payload();
      assertEquals(ArpPacket.REPLY, a.operation());
      assertEquals(from, e.header().destination());
      assertEquals(from, a.targetMac());
      assertEquals(Ipv4Address.parse(senderIp), a.targetIp());
      assertEquals(Ipv4Address.parse(target), a.senderIp());
      return new Reply(f.host(), e.header().source(), a.senderMac());
    }).toList();
  }

  private static MacAddress client(int i) {
    return new MacAddress(0x0200_0000_1000L + i);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6", "ucarp"})
  void aNicAnswersForItsOwnAddress(String name) {
    Profile p = Profiles.byName(name);
    EmbeddedLan lan = new EmbeddedLan(1);
    Lab.carpHost(lan, "a", 1, p, 1, 0, false, "pw");
    List<Reply> r = ask(lan, client(1), "10.0.0.77", "10.0.0.2");
    assertEquals(List.of(new Reply("a", MacAddress.parse(Lab.mac(1)), MacAddress.parse(Lab.mac(1)))), r);
    assertEquals(client(1), lan.host("a").node().arpCacheEntry(Lab.nic(p), Ipv4Address.parse("10.0.0.77")).orElseThrow(),
        "and learns the requester");
  }

  /**
   * A long-running node under a flood of requests from made-up senders keeps a bounded ARP
   * cache: past {@link Nic#NEIGHBOUR_LIMIT} entries the oldest goes, the newest stays, and the
   * host still answers.
   */
  @Test
  void theArpCacheIsBoundedUnderAFloodOfSenders() {
    Profile p = Profiles.byName("openbsd");
    EmbeddedLan lan = new EmbeddedLan(1);
    Lab.carpHost(lan, "a", 1, p, 1, 0, false, "pw");
    int senders = Nic.NEIGHBOUR_LIMIT + 100;
    for (int i = 0; i < senders; i++) {
      lan.inject("lan", request(client(i), "10.1." + (i >> 8) + "." + (i & 0xff), "10.0.0.2"));
    }
    lan.runFor(0);
    CarpHost a = lan.host("a").node();
    assertTrue(a.arpCacheEntry(Lab.nic(p), Ipv4Address.parse("10.1.0.0")).isEmpty(), "the oldest sender is forgotten");
    int last = senders - 1;
    assertEquals(client(last), a.arpCacheEntry(Lab.nic(p), Ipv4Address.parse("10.1." + (last >> 8) + "." + (last & 0xff)))
        .orElseThrow(), "the newest is kept");
    assertEquals(1, ask(lan, client(1), "10.0.0.77", "10.0.0.2").size(), "and the host still answers");
  }

  /**
   * RFC 826's merge, as the BSD kernels' arpinput does it: a request for someone else teaches
   * nothing new, but it updates an entry the host already has (a gratuitous ARP moves it).
   */
  @Test
  void aHostLearnsOnlyWhatIsForItAndUpdatesWhatItKnows() {
    Profile p = Profiles.byName("openbsd");
    EmbeddedLan lan = new EmbeddedLan(1);
    Lab.carpHost(lan, "a", 1, p, 1, 0, false, "pw");
    ask(lan, client(2), "10.0.0.78", "10.0.0.99");
    assertEquals(java.util.Optional.empty(),
        lan.host("a").node().arpCacheEntry(Lab.nic(p), Ipv4Address.parse("10.0.0.78")), "a request for 10.0.0.99");
    ask(lan, client(1), "10.0.0.77", "10.0.0.2");
    ask(lan, client(3), "10.0.0.77", "10.0.0.99");
    assertEquals(client(3), lan.host("a").node().arpCacheEntry(Lab.nic(p), Ipv4Address.parse("10.0.0.77"))
        .orElseThrow(), "the known entry moved to the new MAC");
  }

  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "netbsd", "freebsd", "freebsd-6", "ucarp"})
  void onlyTheMasterAnswersForTheSharedAddress(String name) {
    Profile p = Profiles.byName(name);
    EmbeddedLan lan = new EmbeddedLan(1);
    Lab.carpHost(lan, "a", 1, p, 1, 0, false, "pw");
    Lab.carpHost(lan, "b", 2, p, 1, 100, false, "pw");
    lan.runFor(6 * S);
    List<Reply> r = ask(lan, client(1), "10.0.0.77", "10.0.0.1");
    MacAddress mac = name.equals("ucarp") ? MacAddress.parse(Lab.mac(1)) : MacAddress.parse("00:00:5e:00:01:01");
    assertEquals(List.of(new Reply("a", mac, mac)), r);
  }

  @Test
  void openbsd35AnswersFromABackupTooWithoutArpbalance() {
    // ip_carp.c 1.54 carp_iamatch: any UP|RUNNING carp interface holding the address answers
    EmbeddedLan lan = new EmbeddedLan(1);
    Lab.carpHost(lan, "a", 1, Profiles.OPENBSD_3_5, 1, 0, false, "pw");
    Lab.carpHost(lan, "b", 2, Profiles.OPENBSD_3_5, 1, 100, false, "pw");
    lan.runFor(6 * S);
    List<Reply> r = ask(lan, client(1), "10.0.0.77", "10.0.0.1");
    assertEquals(2, r.size());
    assertTrue(r.stream().allMatch(x -> x.sha().equals(MacAddress.parse("00:00:5e:00:01:01"))));
  }

  /** The seeds' ARP-balance example (carp.4 / NetBSD 9.2 page): two vhids on 192.168.1.10, skews swapped. */
  private static EmbeddedLan arpBalanced(Profile p) {
    EmbeddedLan lan = new EmbeddedLan(1);
    String carpdev = p.knobs().options().contains(org.carpsim.carp.profile.Knobs.CarpOption.CARPDEV) ? " carpdev em0" : "";
    for (String[] h : new String[][] {{"A", "1", "", " advskew 100"}, {"B", "2", " advskew 100", ""}}) {
      int n = Integer.parseInt(h[1]);
      EmbeddedHost x = lan.host(h[0], p).nic("em0", "lan", Lab.mac(n));
      x.configure("ifconfig em0 inet 192.168.1." + (1 + n) + "/24",
          "ifconfig carp0 create",
          "ifconfig carp0 vhid 1" + h[2] + " pass mekmitasdigoat" + carpdev + " 192.168.1.10 netmask 255.255.255.0",
          "ifconfig carp1 create",
          "ifconfig carp1 vhid 2" + h[3] + " pass mekmitasdigoat" + carpdev + " 192.168.1.10 netmask 255.255.255.0",
          "sysctl -w net.inet.carp.arpbalance=1");
    }
    lan.runFor(6 * S);
    assertEquals(CarpState.MASTER, lan.host("A").node().state("carp0").orElseThrow());
    assertEquals(CarpState.MASTER, lan.host("B").node().state("carp1").orElseThrow());
    return lan;
  }

  @Test
  void openbsd35ArpbalanceSendsEvery192SenderToIndexZero() {
    EmbeddedLan lan = arpBalanced(Profiles.OPENBSD_3_5);
    for (int x = 2; x < 255; x++) {
      if (x == 10) {
        continue; // sender = target: an announcement, not a question
      }
      List<Reply> r = ask(lan, client(x), "192.168.1." + x, "192.168.1.10");
      assertEquals(List.of(new Reply("A", MacAddress.parse("00:00:5e:00:01:01"), MacAddress.parse("00:00:5e:00:01:01"))),
          r, "sender 192.168.1." + x);
    }
    // an odd first octet is odd in the raw little-endian s_addr: index 1, vhid 2, answered by B
    List<Reply> r = ask(lan, client(1), "11.0.0.5", "192.168.1.10");
    assertEquals(List.of(new Reply("B", MacAddress.parse("00:00:5e:00:01:02"), MacAddress.parse("00:00:5e:00:01:02"))), r);
  }

  @Test
  void freebsd6ArpbalanceAlternatesByTheSendersLastOctet() {
    EmbeddedLan lan = arpBalanced(Profiles.FREEBSD_6);
    for (int x = 2; x < 255; x++) {
      if (x == 10) {
        continue;
      }
      List<Reply> r = ask(lan, client(x), "192.168.1." + x, "192.168.1.10");
      String host = x % 2 == 0 ? "A" : "B";
      MacAddress mac = MacAddress.parse(x % 2 == 0 ? "00:00:5e:00:01:01" : "00:00:5e:00:01:02");
      assertEquals(List.of(new Reply(host, mac, mac)), r, "sender 192.168.1." + x);
    }
  }

  @Test
  void netbsdArpbalanceHashesTheSenderMac() {
    EmbeddedLan lan = arpBalanced(Profiles.NETBSD);
    CarpKey key = CarpKey.fromPassphraseBytes("mekmitasdigoat".getBytes(StandardCharsets.UTF_8));
    int[] hashKey = CarpHmac.balancingHashKey(key);
    int a = 0;
    int b = 0;
    for (int i = 0; i < 64; i++) {
      MacAddress m = client(i);
      int index = CarpHash.index(CarpHash.hash(hashKey, key.bytes(), m.value()), 2);
      List<Reply> r = ask(lan, m, "192.168.1.50", "192.168.1.10");
      String expected = index == 0 ? "A" : "B";
      MacAddress mac = MacAddress.parse(index == 0 ? "00:00:5e:00:01:01" : "00:00:5e:00:01:02");
      assertEquals(List.of(new Reply(expected, mac, mac)), r, "client " + m);
      if (index == 0) {
        a++;
      } else {
        b++;
      }
    }
    assertTrue(a > 10 && b > 10, "both hosts get a share: " + a + "/" + b);
  }

  @Test
  void openbsdBalancingArpWithCarpnodes() {
    EmbeddedLan lan = new EmbeddedLan(1);
    for (String[] h : new String[][] {{"A", "1", "1:0,2:100"}, {"B", "2", "1:100,2:0"}}) {
      int n = Integer.parseInt(h[1]);
      EmbeddedHost x = lan.host(h[0], Profiles.OPENBSD).nic("em0", "lan", Lab.mac(n));
      x.configure("ifconfig em0 inet 10.0.0." + (1 + n) + "/24", "ifconfig carp0 create",
          "ifconfig carp0 carpnodes " + h[2] + " balancing arp pass p carpdev em0 10.0.0.10/24");
    }
    lan.runFor(6 * S);
    assertEquals(CarpState.MASTER, lan.host("A").node().stateOfVhid(1).orElseThrow());
    assertEquals(CarpState.MASTER, lan.host("B").node().stateOfVhid(2).orElseThrow());
    assertTrue(lan.host("A").node().ifconfigStatus("carp0").contains(
        "carp: carpdev em0 advbase 1 balancing arp\n\t\tstate MASTER vhid 1 advskew 0\n\t\tstate BACKUP vhid 2 advskew 100"));
    CarpKey key = CarpKey.fromPassphraseBytes("p".getBytes(StandardCharsets.UTF_8));
    int[] hashKey = CarpHmac.balancingHashKey(key);
    for (int i = 0; i < 32; i++) {
      MacAddress m = client(i);
      int index = CarpHash.index(CarpHash.hash(hashKey, key.bytes(), m.value()), 2);
      MacAddress mac = MacAddress.parse("00:00:5e:00:01:0" + (index + 1));
      assertEquals(List.of(new Reply(index == 0 ? "A" : "B", mac, mac)), ask(lan, m, "10.0.0.50", "10.0.0.10"));
    }
    assertTrue(lan.framesFrom("A").stream().noneMatch(CapturedFrame::isArp), "no gratuitous ARP when balancing");
  }

  @Test
  void openbsdBalancingIpAnswersWithTheMulticastBitMac() {
    EmbeddedLan lan = new EmbeddedLan(1);
    EmbeddedHost a = lan.host("a", Profiles.OPENBSD).nic("em0", "lan", Lab.mac(1));
    a.configure("ifconfig em0 inet 10.0.0.2/24", "ifconfig carp0 create",
        "ifconfig carp0 carpnodes 1:0,2:100 pass p carpdev em0 10.0.0.10/24");
    lan.runFor(6 * S);
    assertTrue(a.node().ifconfigStatus("carp0").contains("balancing ip"), "more than one node: ip by default");
    assertTrue(a.node().ifconfigStatus("carp0").contains("lladdr 01:00:5e:00:01:01"));
    // advertisements cannot carry a group source MAC: the parent's MAC goes out instead
    assertEquals(MacAddress.parse(Lab.mac(1)),
        ((EthernetFrame) Lab.lastAd(lan, "a").orElseThrow().decoded()).header().source());
    List<Reply> r = ask(lan, client(1), "10.0.0.50", "10.0.0.10");
    assertEquals(List.of(new Reply("a", MacAddress.parse(Lab.mac(1)), MacAddress.parse("01:00:5e:00:01:01"))), r);
  }

  @Test
  void openbsdIpStealthAndIpUnicastAnswerWithTheUnicastCarpMac() {
    for (String mode : new String[] {"ip-stealth", "ip-unicast"}) {
      EmbeddedLan lan = new EmbeddedLan(1);
      EmbeddedHost a = lan.host("a", Profiles.OPENBSD).nic("em0", "lan", Lab.mac(1));
      a.configure("ifconfig em0 inet 10.0.0.2/24", "ifconfig carp0 create", "sysctl net.inet.carp.log=7",
          "ifconfig carp0 carpnodes 1:0,2:100 balancing " + mode + " pass p carpdev em0 10.0.0.10/24");
      lan.runFor(6 * S);
      assertTrue(a.node().ifconfigStatus("carp0").contains("lladdr 00:00:5e:00:01:01"), mode);
      MacAddress ethSource = mode.equals("ip-stealth") ? MacAddress.parse(Lab.mac(1)) : MacAddress.parse("00:00:5e:00:01:01");
      assertEquals(List.of(new Reply("a", ethSource, MacAddress.parse("00:00:5e:00:01:01"))),
          ask(lan, client(1), "10.0.0.50", "10.0.0.10"), mode);
      assertTrue(lan.logTexts("a").contains("carp0: carp_update_lsmask: 3"), "both nodes master: mask 11b");
    }
  }

  @Test
  void onlyTheMasterAnswersNeighbourSolicitationsForAnIpv6Vip() {
    EmbeddedLan lan = new EmbeddedLan(1);
    for (String[] h : new String[][] {{"a", "1", "0"}, {"b", "2", "100"}}) {
      EmbeddedHost x = lan.host(h[0], Profiles.OPENBSD).nic("em0", "lan", Lab.mac(Integer.parseInt(h[1])));
      x.configure("ifconfig em0 inet6 2001:db8::" + (1 + Integer.parseInt(h[1])) + "/64", "ifconfig carp0 create",
          "ifconfig carp0 vhid 1 advskew " + h[2] + " pass p carpdev em0", "ifconfig carp0 inet6 2001:db8::1/64");
    }
    lan.runFor(6 * S);
    lan.clearFrames();
    MacAddress c = client(9);
    Ipv6Address src = Ipv6Address.parse("2001:db8::99");
    Ipv6Address solicited = Ipv6Address.parse("ff02::1:ff00:1");
    lan.inject("lan", EthernetFrame.of(MacAddress.parse("33:33:ff:00:00:01"), c,
        Ipv6Packet.of(0, 0, 255, src, solicited, NeighborSolicitation.of(Ipv6Address.parse("2001:db8::1"), c))).toBytes());
    lan.runFor(0);
    List<CapturedFrame> na = lan.frames().stream().filter(f -> !f.host().equals("(injected)")).toList();
    assertEquals(1, na.size());
    assertEquals("a", na.get(0).host());
    EthernetFrame e = (EthernetFrame) na.get(0).decoded();
    assertEquals(c, e.header().destination());
    NeighborAdvertisement adv = (NeighborAdvertisement) ((Ipv6Packet) e.payload()).payload();
    assertTrue(adv.solicited());
    assertTrue(adv.override());
    assertFalse(adv.router());
    assertEquals(MacAddress.parse("00:00:5e:00:01:01"), adv.targetLinkLayerAddress().orElseThrow());
    assertEquals(src, ((Ipv6Packet) e.payload()).header().destination());
  }

  @Test
  void ucarpBackupWithoutHeldVipIsSilentAndTheMasterAfterFailoverAnswers() {
    EmbeddedLan lan = new EmbeddedLan(1);
    Lab.carpHost(lan, "a", 1, Profiles.UCARP, 1, 0, false, "pw");
    Lab.carpHost(lan, "b", 2, Profiles.UCARP, 1, 100, false, "pw");
    lan.runFor(6 * S);
    lan.crash("a");
    lan.runFor(8 * S);
    List<Reply> r = ask(lan, client(2), "10.0.0.77", "10.0.0.1");
    assertEquals(List.of(new Reply("b", MacAddress.parse(Lab.mac(2)), MacAddress.parse(Lab.mac(2)))), r);
    assertEquals(0, lan.frames().stream().filter(f -> f.host().equals("a")).count());
  }
}
