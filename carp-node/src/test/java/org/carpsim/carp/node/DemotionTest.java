package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.MS;
import static org.carpsim.carp.node.Lab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carpsim.carp.node.embedded.CapturedFrame;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Demotion (§5.4), the old 240 suppression (§5.5) and FreeBSD's demotion sysctls. */
class DemotionTest {

  @Test
  void aMoreDemotedMasterIsTakenOverWithoutPreemptRuleB2() {
    EmbeddedLan lan = new EmbeddedLan(8);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, Profiles.OPENBSD, 1, 0, false, "pw");
    EmbeddedHost b = Lab.carpHost(lan, "b", 2, Profiles.OPENBSD, 1, 100, false, "pw");
    lan.runFor(5 * S + 300 * MS);
    long t = lan.now();
    assertTrue(a.run("ifconfig -g carp carpdemote 1").ok());
    lan.runFor(0);
    // a advertises at once with demote 1; b (dL 0) takes over; a (dL 1) yields to b's demote 0
    CapturedFrame demoted = Lab.ads(lan, "a").stream().filter(f -> f.timeNanos() == t).findFirst().orElseThrow();
    assertEquals(1, Lab.carp(demoted).demote());
    assertEquals(t, Lab.firstTransition(lan, "b", CarpState.MASTER, t));
    assertEquals(t, Lab.firstTransition(lan, "a", CarpState.BACKUP, t));
    lan.transitions().stream().filter(x -> x.host().equals("b") && x.transition().timeNanos() == t)
        .forEach(x -> assertEquals(Engine.R_MORE_DEMOTED, x.transition().reason()));
    // -carpdemote: a is no longer demoted but b keeps the role (no preempt)
    assertTrue(a.run("ifconfig -g carp -carpdemote 1").ok());
    lan.runFor(10 * S);
    assertEquals(CarpState.MASTER, Lab.state(b, 1));
    assertEquals(0, Lab.carp(Lab.lastAd(lan, "b").orElseThrow()).demote());
  }

  /** OpenBSD regress/sys/netinet/carp carp_1..carp_4 (§10.2): group demotion moves MASTER within 0.1 s. */
  @ParameterizedTest
  @ValueSource(strings = {"carp_1", "carp_2", "carp_3", "carp_4"})
  void openbsdRegress(String variant) {
    boolean lladdr = variant.equals("carp_2") || variant.equals("carp_4");
    boolean unicast = variant.equals("carp_3") || variant.equals("carp_4");
    EmbeddedLan lan = new EmbeddedLan(1);
    Map<String, EmbeddedHost> hosts = new HashMap<>();
    for (String[] h : new String[][] {{"11", "2", "3", "0", "regressa"}, {"12", "3", "2", "100", "regressb"}}) {
      String mac = "02:00:00:00:00:" + h[1] + h[1];
      EmbeddedHost x = lan.host("pair" + h[0], Profiles.OPENBSD).nic("pair" + h[0], "pairs", mac);
      x.configure("ifconfig pair" + h[0] + " inet 192.168.0." + h[1] + "/24", "ifconfig carp" + h[0] + " create",
          "ifconfig carp" + h[0] + " -group carp group " + h[4],
          "ifconfig carp" + h[0] + " vhid 251 advskew " + h[3] + " pass regress carpdev pair" + h[0]
              + (lladdr ? " lladdr " + mac : "") + (unicast ? " carppeer 192.168.0." + h[2] : "") + " 192.168.0.1/24");
      hosts.put(h[0], x);
    }
    lan.runFor(3100 * MS);
    assertEquals(CarpState.MASTER, hosts.get("11").node().state("carp11").orElseThrow());
    assertEquals(CarpState.BACKUP, hosts.get("12").node().state("carp12").orElseThrow());
    assertTrue(hosts.get("11").node().ifconfigStatus("carp11").contains("status: master"));
    assertTrue(hosts.get("12").node().ifconfigStatus("carp12").contains("status: backup"));
    assertTrue(hosts.get("11").run("ifconfig -g regressa carpdemote").ok());
    lan.runFor(100 * MS);
    assertEquals(CarpState.BACKUP, hosts.get("11").node().state("carp11").orElseThrow());
    assertEquals(CarpState.MASTER, hosts.get("12").node().state("carp12").orElseThrow());
    assertEquals(0, hosts.get("12").node().systemStatistics().get(org.carpsim.carp.wire.CarpStat.BADAUTH));
    if (unicast) {
      // the advertisements went to the peer's MAC, learned by ARP
      CapturedFrame ad = Lab.ads(lan, "pair11").get(0);
      assertEquals("02:00:00:00:00:33", ((org.carpsim.carp.wire.EthernetFrame) ad.decoded()).header().destination().toString());
    }
    if (lladdr) {
      CapturedFrame ad = Lab.ads(lan, "pair12").get(0);
      assertEquals("02:00:00:00:00:33", ((org.carpsim.carp.wire.EthernetFrame) ad.decoded()).header().source().toString(),
          "lladdr = the parent's MAC: the frames carry it, the HMAC does not (realmac)");
    }
  }

  @Test
  void losingOneParentDemotesTheGroupSoThePeerTakesTheOtherInterfaceToo() {
    // the modern counterpart of carp(4)'s "advskew 240 on all carp interfaces"
    EmbeddedLan lan = new EmbeddedLan(3);
    for (String[] h : new String[][] {{"a", "1", "0"}, {"b", "2", "100"}}) {
      int n = Integer.parseInt(h[1]);
      EmbeddedHost x = lan.host(h[0], Profiles.OPENBSD).nic("em0", "lan1", Lab.mac(n)).nic("em1", "lan2", Lab.mac(n + 10));
      x.configure("ifconfig em0 inet 192.168.1." + (1 + n) + "/24", "ifconfig em1 inet 192.168.2." + (1 + n) + "/24",
          "ifconfig carp0 create", "ifconfig carp0 vhid 1 advskew " + h[2] + " pass p carpdev em0 192.168.1.1/24",
          "ifconfig carp1 create", "ifconfig carp1 vhid 2 advskew " + h[2] + " pass p carpdev em1 192.168.2.1/24");
    }
    lan.runFor(10 * S + 500 * MS);
    long cut = lan.now();
    lan.link("a", "em0", false);
    lan.runFor(0);
    assertEquals(cut, Lab.firstTransition(lan, "b", CarpState.MASTER, cut), "carp1 at once: demote byte 1 > 0");
    assertEquals(CarpState.MASTER, lan.host("b").node().state("carp1").orElseThrow());
    lan.runFor(5 * S);
    assertEquals(CarpState.MASTER, lan.host("b").node().state("carp0").orElseThrow(), "carp0 after master-down");
    assertEquals(CarpState.BACKUP, lan.host("a").node().state("carp1").orElseThrow());
  }

  /** carp.4 examples: "when one of the physical interfaces of host A fails, advskew is adjusted to 240". */
  @ParameterizedTest
  @ValueSource(strings = {"openbsd-3.5", "netbsd", "freebsd-6"})
  void theCarp4PreemptExample(String name) {
    Profile p = Profiles.byName(name);
    EmbeddedLan lan = new EmbeddedLan(3);
    String carpdev0 = name.equals("netbsd") ? " carpdev em0" : "";
    String carpdev1 = name.equals("netbsd") ? " carpdev em1" : "";
    for (String[] h : new String[][] {{"A", "1", ""}, {"B", "2", " advskew 100"}}) {
      int n = Integer.parseInt(h[1]);
      EmbeddedHost x = lan.host(h[0], p).nic("em0", "lan1", Lab.mac(n)).nic("em1", "lan2", Lab.mac(n + 10));
      x.configure("ifconfig em0 inet 192.168.1." + (1 + n) + "/24", "ifconfig em1 inet 192.168.2." + (1 + n) + "/24",
          "sysctl -w net.inet.carp.preempt=1", "ifconfig carp0 create",
          "ifconfig carp0 vhid 1" + h[2] + " pass mekmitasdigoat" + carpdev0 + " 192.168.1.1 netmask 255.255.255.0",
          "ifconfig carp1 create",
          "ifconfig carp1 vhid 2" + h[2] + " pass mekmitasdigoat" + carpdev1 + " 192.168.2.1 netmask 255.255.255.0");
    }
    lan.runFor(10 * S + 250 * MS);
    for (String c : List.of("carp0", "carp1")) {
      assertEquals(CarpState.MASTER, lan.host("A").node().state(c).orElseThrow(), c);
      assertEquals(CarpState.BACKUP, lan.host("B").node().state(c).orElseThrow(), c);
    }
    long lastCarp0 = lan.framesFrom("A").stream().filter(f -> f.segment().equals("lan1") && f.carp().isPresent())
        .mapToLong(CapturedFrame::timeNanos).max().orElseThrow();
    long cut = lan.now();
    lan.link("A", "em0", false);
    lan.runFor(0);
    // carp1's master advertises at once with advskew 240; B (preempt, 100 < 240) takes carp1 over
    CapturedFrame bumped = lan.framesFrom("A").stream().filter(f -> f.timeNanos() == cut && f.carp().isPresent())
        .findFirst().orElseThrow();
    assertEquals(240, Lab.carp(bumped).advskew());
    assertEquals(CarpState.MASTER, lan.host("B").node().state("carp1").orElseThrow());
    lan.runFor(5 * S);
    // carp0: A is silent on lan1; B times out 3 × 1 s + 100/256 s after A's last ad there
    long bCarp0 = lan.transitions().stream().filter(x -> x.host().equals("B") && x.transition().iface().equals("carp0")
        && x.transition().to() == CarpState.MASTER && x.transition().timeNanos() >= cut)
        .mapToLong(x -> x.transition().timeNanos()).min().orElseThrow();
    assertEquals(lastCarp0 + 3_390_625_000L, bCarp0);
    assertEquals(CarpState.BACKUP, lan.host("A").node().state("carp1").orElseThrow());
  }

  @Test
  void withoutPreemptOnThePeerThe240BumpChangesNothing() {
    Profile p = Profiles.OPENBSD_3_5;
    EmbeddedLan lan = new EmbeddedLan(3);
    for (String[] h : new String[][] {{"A", "1", "0"}, {"B", "2", "100"}}) {
      int n = Integer.parseInt(h[1]);
      EmbeddedHost x = lan.host(h[0], p).nic("em0", "lan1", Lab.mac(n)).nic("em1", "lan2", Lab.mac(n + 10));
      x.configure("ifconfig em0 inet 192.168.1." + (1 + n) + "/24", "ifconfig em1 inet 192.168.2." + (1 + n) + "/24",
          "ifconfig carp0 create", "ifconfig carp0 vhid 1 advskew " + h[2] + " pass p 192.168.1.1/24",
          "ifconfig carp1 create", "ifconfig carp1 vhid 2 advskew " + h[2] + " pass p 192.168.2.1/24");
    }
    lan.runFor(10 * S + 250 * MS);
    lan.link("A", "em0", false);
    lan.runFor(20 * S);
    assertEquals(CarpState.MASTER, lan.host("A").node().state("carp1").orElseThrow());
    assertEquals(240, Lab.carp(Lab.lastAd(lan, "A").orElseThrow()).advskew(), "still suppressed");
    // link back: the suppression ends, advskew 0 again
    lan.link("A", "em0", true);
    lan.runFor(5 * S);
    assertEquals(0, Lab.carp(Lab.lastAd(lan, "A").orElseThrow()).advskew());
  }

  @Test
  void freebsdDemotionSysctlIsAddedToAdvskewAndAdvertisedAtOnce() {
    EmbeddedLan lan = new EmbeddedLan(3);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, Profiles.FREEBSD, 1, 0, true, "pw");
    EmbeddedHost b = Lab.carpHost(lan, "b", 2, Profiles.FREEBSD, 1, 20, true, "pw");
    lan.runFor(5 * S + 100 * MS);
    long t = lan.now();
    assertEquals("net.inet.carp.demotion: 0 -> 50", a.run("sysctl net.inet.carp.demotion=50").output());
    lan.runFor(0);
    CapturedFrame ad = Lab.ads(lan, "a").stream().filter(f -> f.timeNanos() == t).findFirst().orElseThrow();
    assertEquals(50, Lab.carp(ad).advskew(), "DEMOTE_ADVSKEW = advskew + demotion");
    assertEquals(0, Lab.carp(ad).demote(), "no demote byte on FreeBSD");
    assertEquals(t, Lab.firstTransition(lan, "b", CarpState.MASTER, t), "b preempts the slower master (20 < 50)");
    assertEquals("net.inet.carp.demotion: 50 -> 100", a.run("sysctl net.inet.carp.demotion=50").output(), "writes add");
    assertTrue(lan.logTexts("a").contains("carp: demoted by 50 to 100 (sysctl)"));
    assertEquals(CarpState.MASTER, Lab.state(b, 1));
  }

  @Test
  void freebsdFirstIntervalAfterTakeoverIsUndemoted() {
    // carp_master_down sends (arming the demoted interval), then carp_setrun re-arms with sc_advskew
    EmbeddedLan lan = new EmbeddedLan(3);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, Profiles.FREEBSD, 1, 0, false, "pw");
    a.configure("sysctl net.inet.carp.demotion=50");
    lan.runFor(8 * S);
    List<CapturedFrame> ads = Lab.ads(lan, "a");
    assertEquals(3 * S, ads.get(0).timeNanos());
    assertEquals(4 * S, ads.get(1).timeNanos(), "first interval: advskew 0");
    assertEquals(4 * S + 1_195_312_000L, ads.get(2).timeNanos(), "then 1 s + 50/256 s (195312 µs)");
    assertEquals(50, Lab.carp(ads.get(0)).advskew());
  }

  @Test
  void freebsdNegativeDemotionIsClampedAndNeverGivesTwoMasters() {
    // FreeBSD carp.sh negative_demotion (PR 259528)
    EmbeddedLan lan = new EmbeddedLan(3);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, Profiles.FREEBSD, 1, 0, true, "foobar");
    Lab.carpHost(lan, "b", 2, Profiles.FREEBSD, 1, 100, true, "foobar");
    lan.runFor(10 * S);
    assertTrue(a.run("sysctl net.inet.carp.demotion=-1").ok());
    lan.runFor(30 * S);
    assertEquals(0, Lab.carp(Lab.lastAd(lan, "a").orElseThrow()).advskew(), "clamped to 0..240");
    Map<String, CarpState> now = new HashMap<>();
    for (var x : lan.transitions()) {
      now.put(x.host(), x.transition().to());
      assertFalse(now.getOrDefault("a", CarpState.INIT) == CarpState.MASTER
          && now.getOrDefault("b", CarpState.INIT) == CarpState.MASTER, "two masters at " + x.transition().timeNanos());
    }
  }

  /**
   * The same carp.sh negative_demotion steps on FreeBSD before D32759: the master sends advskew −1 as
   * the byte 255 and compares with −1, so the preempting backup takes over and neither yields.
   */
  @Test
  void freebsdBeforeD32759NegativeDemotionWrapsOnTheWireAndGivesTwoMasters() {
    EmbeddedLan lan = new EmbeddedLan(3);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, Profiles.FREEBSD_13_0, 1, 0, true, "foobar");
    EmbeddedHost b = Lab.carpHost(lan, "b", 2, Profiles.FREEBSD_13_0, 1, 100, true, "foobar");
    lan.runFor(10 * S + 100 * MS); // between two of a's advertisements
    assertEquals(CarpState.MASTER, Lab.state(a, 1));
    assertEquals(CarpState.BACKUP, Lab.state(b, 1));
    long t = lan.now();
    assertEquals("net.inet.carp.demotion: 0 -> -1", a.run("sysctl net.inet.carp.demotion=-1").output());
    lan.runFor(0);
    CapturedFrame ad = Lab.ads(lan, "a").stream().filter(f -> f.timeNanos() == t).findFirst().orElseThrow();
    assertEquals(255, Lab.carp(ad).advskew(), "advskew 0 + demotion -1 goes out as its low byte");
    assertEquals(t, Lab.firstTransition(lan, "b", CarpState.MASTER, t), "b preempts the 'slower' master (100 < 255)");
    lan.runFor(30 * S);
    assertEquals(CarpState.MASTER, Lab.state(a, 1), "a compares -1 with b's 100 and stays MASTER");
    assertEquals(CarpState.MASTER, Lab.state(b, 1), "b compares 100 with a's 255 and stays MASTER");
    // the advertisement interval of a shrinks by 1/256 s (3906 µs): advbase 1 s + (-1)/256 s
    List<CapturedFrame> late = Lab.ads(lan, "a");
    long gap = late.get(late.size() - 1).timeNanos() - late.get(late.size() - 2).timeNanos();
    assertEquals(1_000_000_000L - 3_906_000L, gap);
    // the fix (current FreeBSD): the same steps keep one master, the byte is 0
    assertEquals(0, Profiles.FREEBSD.effectiveAdvskew(0, -1));
    assertEquals(-1, Profiles.FREEBSD_13_0.effectiveAdvskew(0, -1));
    assertEquals(240, Profiles.FREEBSD_13_0.effectiveAdvskew(100, 240), "still capped at 240 above");
  }

  @Test
  void freebsd130IsAVariantFoundByNameButNotListed() {
    assertEquals(Profiles.FREEBSD_13_0, Profiles.byName("freebsd-13.0"));
    assertFalse(Profiles.names().contains("freebsd-13.0"));
  }

  @Test
  void freebsdInterfaceDownAddsTheIfdownFactor() {
    EmbeddedLan lan = new EmbeddedLan(3);
    EmbeddedHost a = lan.host("a", Profiles.FREEBSD).nic("em0", "lan1", Lab.mac(1)).nic("em1", "lan2", Lab.mac(11));
    a.configure("ifconfig em0 inet 10.0.0.2/24", "ifconfig em1 inet 10.0.1.2/24",
        "ifconfig em0 vhid 1 pass x 10.0.0.1/24 alias", "ifconfig em1 vhid 2 pass x 10.0.1.1/24 alias");
    lan.runFor(5 * S);
    lan.link("a", "em0", false);
    lan.runFor(0);
    assertEquals(240L, a.node().sysctl("net.inet.carp.demotion").orElseThrow());
    assertTrue(lan.logTexts("a").contains("carp: 1@em0: MASTER -> INIT (hardware interface down)"));
    assertTrue(lan.logTexts("a").contains("carp: demoted by 240 to 240 (interface down)"));
    assertEquals(240, Lab.carp(Lab.lastAd(lan, "a").orElseThrow()).advskew(), "em1's vhid advertises demoted at once");
    lan.link("a", "em0", true);
    assertEquals(0L, a.node().sysctl("net.inet.carp.demotion").orElseThrow());
    assertTrue(lan.logTexts("a").contains("carp: demoted by -240 to 0 (interface up)"));
  }
}
