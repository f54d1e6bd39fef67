package org.carpsim.reports.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Balancing.BalancingMode;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;

/** The analysis on hand-made setups, against the rules as carp-protocol.md §7 states them. */
class BalanceAnalysisTest {

  private static final Ipv4Address VIP = Ipv4Address.parse("192.168.1.10");

  /** Host H{v} is MASTER of vhid v, for vhids 1..n. */
  private static BalanceSetup masters(Profile p, int n, boolean arpbalance, Optional<BalancingMode> mode) {
    Map<Integer, String> m = new LinkedHashMap<>();
    for (int v = 1; v <= n; v++) {
      m.put(v, "H" + v);
    }
    return ManualSetup.build(p, VIP, List.of(), m, List.of(), arpbalance, mode, "mekmitasdigoat");
  }

  private static BalanceClient ip(int value) {
    return new BalanceClient(Optional.of(new Ipv4Address(value)), Optional.empty());
  }

  @Test
  void rawRuleIsTheLittleEndianWordModuloTheHolders() {
    // §7.1 in its own terms: the four bytes as they lie in memory, read by a little-endian CPU
    Random random = new Random(7);
    for (int n = 2; n <= 7; n++) {
      BalanceSetup setup = masters(Profiles.OPENBSD_3_5, n, true, Optional.empty());
      List<BalanceClient> clients = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        clients.add(ip(random.nextInt()));
      }
      BalanceReport r = BalanceAnalysis.analyze(setup, clients);
      for (BalanceReport.Outcome o : r.outcomes()) {
        byte[] wire = o.client().address().orElseThrow().toBytes();
        long raw = Integer.toUnsignedLong(ByteBuffer.wrap(wire).order(ByteOrder.LITTLE_ENDIAN).getInt());
        int expected = (int) (raw % n);
        assertEquals(List.of("H" + (expected + 1)), o.answeredBy(), o.client().label() + " with n = " + n);
        assertEquals(expected, o.index());
      }
    }
  }

  @Test
  void hostOrderRuleIsTheAddressAsANumber() {
    Random random = new Random(11);
    for (int n = 2; n <= 5; n++) {
      BalanceSetup setup = masters(Profiles.FREEBSD_6, n, true, Optional.empty());
      List<BalanceClient> clients = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        clients.add(ip(random.nextInt()));
      }
      for (BalanceReport.Outcome o : BalanceAnalysis.analyze(setup, clients).outcomes()) {
        long number = Long.parseLong(o.client().address().orElseThrow().toString().split("\\.")[0]) << 24
            | Long.parseLong(o.client().address().orElseThrow().toString().split("\\.")[1]) << 16
            | Long.parseLong(o.client().address().orElseThrow().toString().split("\\.")[2]) << 8
            | Long.parseLong(o.client().address().orElseThrow().toString().split("\\.")[3]);
        assertEquals(List.of("H" + (number % n + 1)), o.answeredBy(), o.client().label() + " with n = " + n);
      }
    }
  }

  @Test
  void aSlash24UnderOpenBsd35GoesToOneHostAndTheExplanationSaysWhy() {
    BalanceReport r = BalanceAnalysis.analyze(masters(Profiles.OPENBSD_3_5, 2, true, Optional.empty()),
        ClientSpecs.parse("192.168.1.0/24", 1, VIP));
    assertEquals(253, r.clients());
    assertEquals(253, r.countOf("H1"));
    assertEquals(0, r.countOf("H2"));
    assertTrue(r.explanation().contains(
        "All 253 senders have first octet 192 (192 mod 2 = 0) -> index 0 -> vhid 1 -> H1 answers all 253."),
        r.explanation().toString());
    assertTrue(r.explanation().stream().anyMatch(l -> l.startsWith("Far from even: the busiest host answers 100.0%")));
    assertEquals(List.of(new BalanceReport.IndexBucket(0, 253, "first octet 192", "vhid 1 -> H1 253")), r.buckets());
  }

  @Test
  void withThreeVhidsOpenBsd35IsEven() {
    BalanceReport r = BalanceAnalysis.analyze(masters(Profiles.OPENBSD_3_5, 3, true, Optional.empty()),
        ClientSpecs.parse("192.168.1.0/24", 1, VIP));
    assertTrue(r.explanation().stream().anyMatch(l -> l.contains("index = (o1 + o2 + o3 + o4) mod 3")));
    for (String h : List.of("H1", "H2", "H3")) {
      assertTrue(Math.abs(r.countOf(h) - 253 / 3.0) < 2, h + " " + r.countOf(h));
    }
  }

  @Test
  void withoutArpbalanceEveryHostWithAMasterAnswers() {
    List<BalanceClient> clients = ClientSpecs.parse("10@192.168.1.0/24", 1, VIP);
    // two vhids, one MASTER on each host: both hosts reply to every request, each with its vhid's MAC
    BalanceReport two = BalanceAnalysis.analyze(masters(Profiles.FREEBSD_6, 2, false, Optional.empty()), clients);
    assertEquals("NONE", two.rule());
    assertEquals(List.of(10, 10, 10), List.of(two.countOf("H1"), two.countOf("H2"), two.several()));
    assertEquals(List.of(List.of(1), List.of(2)), two.shares().stream().map(BalanceReport.HostShare::vhids).toList());
    // one vhid: FreeBSD 6 (like OpenBSD 1.94) needs MASTER, OpenBSD 3.5 (1.54) answers from BACKUP too
    BalanceSetup fbsd = ManualSetup.build(Profiles.FREEBSD_6, VIP, List.of(1), Map.of(1, "A"), List.of("B"), false,
        Optional.empty(), "");
    BalanceSetup obsd = ManualSetup.build(Profiles.OPENBSD_3_5, VIP, List.of(1), Map.of(1, "A"), List.of("B"), false,
        Optional.empty(), "");
    BalanceReport f = BalanceAnalysis.analyze(fbsd, clients);
    BalanceReport o = BalanceAnalysis.analyze(obsd, clients);
    assertEquals(List.of(10, 0, 0), List.of(f.countOf("A"), f.countOf("B"), f.several()));
    assertEquals(List.of(10, 10, 10), List.of(o.countOf("A"), o.countOf("B"), o.several()));
  }

  @Test
  void macHashSplitsAndTheSpreadIsChance() {
    BalanceReport r = BalanceAnalysis.analyze(masters(Profiles.NETBSD, 2, true, Optional.empty()),
        ClientSpecs.parse("1000@10.0.0.0/16", 1, Ipv4Address.parse("10.0.0.1")));
    assertEquals(1000, r.countOf("H1") + r.countOf("H2"));
    assertTrue(r.countOf("H1") > 400 && r.countOf("H2") > 400, r.shares().toString());
    assertTrue(r.explanation().stream().anyMatch(l -> l.contains("binomial σ")), r.explanation().toString());
    assertTrue(r.explanation().stream().anyMatch(l -> l.startsWith("Every holder uses the same key")));
  }

  @Test
  void openbsdIpModesAnswerFromTheLeaderOnlyAndArpModeHashes() {
    List<BalanceClient> clients = ClientSpecs.parse("200@10.0.0.0/24", 1, VIP);
    BalanceReport ip = BalanceAnalysis.analyze(masters(Profiles.OPENBSD, 2, true, Optional.empty()), clients);
    assertEquals("BALANCING_IP", ip.rule(), "several vhids and no mode: the kernel's default, ip");
    assertEquals(200, ip.countOf("H1"));
    BalanceReport arp = BalanceAnalysis.analyze(masters(Profiles.OPENBSD, 2, true, Optional.of(BalancingMode.ARP)), clients);
    assertEquals("BALANCING_ARP", arp.rule());
    assertTrue(arp.countOf("H1") > 0 && arp.countOf("H2") > 0);
    assertEquals(200, arp.countOf("H1") + arp.countOf("H2"));
  }

  @Test
  void ipModesShowHowPacketsWouldBeShared() {
    // carp_lsdrop (§7.3): i = ntohl(src ^ dst) % lscount, worked out here on the dotted octets
    List<BalanceClient> clients = ClientSpecs.parse("100@192.168.1.0/24", 1, VIP);
    int[] expected = new int[3];
    for (BalanceClient c : clients) {
      String[] s = c.address().orElseThrow().toString().split("\\.");
      String[] d = VIP.toString().split("\\.");
      long x = 0;
      for (int k = 0; k < 4; k++) {
        x = x << 8 | (Integer.parseInt(s[k]) ^ Integer.parseInt(d[k]));
      }
      expected[(int) (x % 3)]++;
    }
    BalanceReport r = BalanceAnalysis.analyze(masters(Profiles.OPENBSD, 3, true, Optional.of(BalancingMode.IP_STEALTH)),
        clients);
    assertEquals(100, r.countOf("H1"), "ARP: the leader's master");
    for (int i = 0; i < 3; i++) {
      String line = String.format(java.util.Locale.ROOT, "  index %d: %d clients (%.1f%%) -> vhid %d, kept by H%d", i,
          expected[i], expected[i] * 1.0, i + 1, i + 1);
      assertTrue(r.explanation().contains(line), line + " in " + r.explanation());
    }
  }

  @Test
  void aVhidWithoutMasterLeavesItsClientsUnanswered() {
    BalanceSetup setup = ManualSetup.build(Profiles.FREEBSD_6, VIP, List.of(1, 2), Map.of(1, "A"), List.of("B"), true,
        Optional.empty(), "");
    BalanceReport r = BalanceAnalysis.analyze(setup, ClientSpecs.parse("192.168.1.0/24", 1, VIP));
    assertEquals(r.clients() - r.countOf("A"), r.unanswered());
    assertTrue(r.unanswered() > 100);
    assertTrue(r.explanation().stream().anyMatch(l -> l.contains("unanswered")));
  }

  @Test
  void clientsWithoutWhatTheRuleNeedsAreCountedApart() {
    List<BalanceClient> clients = List.of(new BalanceClient(Optional.empty(), Optional.of(MacAddress.parse("02:00:00:00:00:01"))),
        ip(0xc0a80105));
    BalanceReport r = BalanceAnalysis.analyze(masters(Profiles.OPENBSD_3_5, 2, true, Optional.empty()), clients);
    assertEquals(1, r.unplaceable());
    assertEquals(1, r.countOf("H1"));
    assertTrue(r.explanation().stream().anyMatch(l -> l.contains("cannot be placed: the rule needs their IPv4 address")));
  }

  @Test
  void theKeyNeverShows() {
    BalanceSetup setup = masters(Profiles.NETBSD, 2, true, Optional.empty());
    String all = setup.toString() + BalanceText.render(BalanceAnalysis.analyze(setup,
        ClientSpecs.parse("20@10.0.0.0/24", 1, VIP)), "t", Optional.empty());
    assertFalse(all.contains("mekmitasdigoat"), all);
  }

  @Test
  void badManualSetupsAreRefusedByName() {
    assertEquals("vhid 300 is out of range 1..255", assertThrows(IllegalArgumentException.class,
        () -> ManualSetup.build(Profiles.NETBSD, VIP, List.of(300), Map.of(), List.of("A"), true, Optional.empty(), ""))
        .getMessage());
    assertEquals("--master 3=A: vhid 3 is not in --vhids [1, 2]", assertThrows(IllegalArgumentException.class,
        () -> ManualSetup.build(Profiles.NETBSD, VIP, List.of(1, 2), Map.of(3, "A"), List.of(), true, Optional.empty(), ""))
        .getMessage());
    assertEquals("--mode: profile netbsd has no balancing modes (only openbsd)", assertThrows(IllegalArgumentException.class,
        () -> ManualSetup.build(Profiles.NETBSD, VIP, List.of(), Map.of(1, "A"), List.of(), true,
            Optional.of(BalancingMode.ARP), "")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> BalanceAnalysis.analyze(masters(Profiles.NETBSD, 2, true,
        Optional.empty()), List.of()));
  }
}
