package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.MS;
import static org.carpsim.carp.node.Lab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.carp.node.embedded.CapturedFrame;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The state rules of §5.3 and §5.8: ties, bow-out, forced state, rule B3, link loss (§5.7). */
class StateRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6"})
  void equalMastersBothYieldNoAddressTieBreak(String name) {
    Profile p = Profiles.byName(name);
    EmbeddedLan lan = new EmbeddedLan(4);
    Lab.carpHost(lan, "a", 1, p, 1, 50, false, "pw");
    Lab.carpHost(lan, "b", 2, p, 1, 50, false, "pw");
    long md = p.masterDownIntervalNs(1, 50, 0);
    lan.runFor(md + MS);
    // both timers fire at the same instant, both go MASTER and advertise, each yields to the other
    assertEquals(md, Lab.firstTransition(lan, "a", CarpState.MASTER, 0));
    assertEquals(md, Lab.firstTransition(lan, "b", CarpState.MASTER, 0));
    assertEquals(md, Lab.firstTransition(lan, "a", CarpState.BACKUP, md));
    assertEquals(md, Lab.firstTransition(lan, "b", CarpState.BACKUP, md));
    assertEquals(CarpState.BACKUP, Lab.state(lan.host("a"), 1));
    assertEquals(CarpState.BACKUP, Lab.state(lan.host("b"), 1));
  }

  @Test
  void ucarpTieTheLowerRawSourceWinsAndTheWinnerReasserts() {
    // 10.0.1.2 > 10.0.0.3 in network order, but ucarp compares the raw little-endian s_addr:
    // 0x0201000a < 0x0300000a, so 10.0.1.2 wins
    EmbeddedLan lan = new EmbeddedLan(4);
    for (String[] h : new String[][] {{"a", "10.0.1.2", "1"}, {"b", "10.0.0.3", "2"}}) {
      EmbeddedHost x = lan.host(h[0], Lab.UCARP_LOOP).nic("eth0", "lan", Lab.mac(Integer.parseInt(h[2])));
      x.configure("ifconfig eth0 inet " + h[1] + "/16", "ucarp -i eth0 -s " + h[1]
          + " -v 1 -p pw -a 10.0.9.9 -k 0 -u /up -d /down");
    }
    lan.runFor(6 * S);
    assertEquals(CarpState.MASTER, Lab.state(lan.host("a"), 1));
    assertEquals(CarpState.BACKUP, Lab.state(lan.host("b"), 1));
    assertTrue(lan.logTexts("a").contains(
        "[WARNING] Non-preferred master advertising: reasserting control of VIP with another gratuitous arp"));
    assertTrue(lan.logTexts("b").contains("[WARNING] Preferred master advertised: going back to BACKUP state"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "netbsd", "openbsd-3.5"})
  void bowOutMakesTheBackupTakeOverAtOnce(String name) {
    // NetBSD guide, "Forcing Failover of the Master": ifconfig carp0 down on the master
    Profile p = Profiles.byName(name);
    EmbeddedLan lan = new EmbeddedLan(4);
    EmbeddedHost fw1 = Lab.carpHost(lan, "fw1", 1, p, 1, 0, false, "lanpasswd");
    Lab.carpHost(lan, "fw2", 2, p, 1, 128, false, "lanpasswd");
    lan.runFor(10 * S + 300 * MS);
    long down = lan.now();
    assertTrue(fw1.run("ifconfig carp0 down").ok());
    lan.runFor(10 * S);
    List<CapturedFrame> last = Lab.ads(lan, "fw1").stream().filter(f -> f.timeNanos() >= down).toList();
    assertEquals(1, last.size(), "exactly one bow-out advertisement, not rescheduled");
    assertEquals(255, Lab.carp(last.get(0)).advbase());
    assertEquals(255, Lab.carp(last.get(0)).advskew());
    assertEquals(down, Lab.firstTransition(lan, "fw2", CarpState.MASTER, down), "rule B3: 3 × 1 s + 0.5 s < 255.99 s");
    assertEquals(CarpState.INIT, Lab.state(fw1, 1));
    // and up again: INIT → BACKUP, the new master stays (no preempt)
    fw1.run("ifconfig carp0 up");
    lan.runFor(10 * S);
    assertEquals(CarpState.BACKUP, Lab.state(fw1, 1));
    assertEquals(CarpState.MASTER, Lab.state(lan.host("fw2"), 1));
  }

  @Test
  void freebsdHandbookNudgeDownAndUp() {
    // provider.example.org: "ifconfig carp0 down && ifconfig carp0 up" gives the address back
    Profile p = Profiles.FREEBSD_6;
    EmbeddedLan lan = new EmbeddedLan(4);
    Lab.carpHost(lan, "hosta", 1, p, 1, 0, false, "testpass");
    EmbeddedHost provider = Lab.carpHost(lan, "provider", 2, p, 1, 100, false, "testpass");
    lan.runFor(5 * S);
    lan.crash("hosta");
    lan.runFor(5 * S);
    lan.boot("hosta");
    lan.runFor(5 * S);
    assertEquals(CarpState.MASTER, Lab.state(provider, 1), "no preempt: the provider kept the address");
    long nudge = lan.now();
    assertTrue(provider.run("ifconfig carp0 down && ifconfig carp0 up").ok());
    lan.runFor(10 * S);
    assertEquals(nudge, Lab.firstTransition(lan, "hosta", CarpState.MASTER, nudge));
    assertEquals(CarpState.BACKUP, Lab.state(provider, 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "openbsd-3.5", "netbsd", "freebsd"})
  void forcedStateMasterOnTheBackupThenItYieldsToTheFasterMaster(String name) {
    Profile p = Profiles.byName(name);
    EmbeddedLan lan = new EmbeddedLan(4);
    Lab.carpHost(lan, "a", 1, p, 1, 0, false, "pw");
    EmbeddedHost b = Lab.carpHost(lan, "b", 2, p, 1, 100, false, "pw");
    lan.runFor(5 * S + 500 * MS);
    long t = lan.now();
    String cmd = name.equals("freebsd") ? "ifconfig em0 vhid 1 state master" : "ifconfig carp0 state master";
    assertTrue(b.run(cmd).ok());
    assertEquals(CarpState.MASTER, Lab.state(b, 1));
    assertEquals(t, Lab.ads(lan, "b").get(0).timeNanos(), "an advertisement at once");
    assertTrue(lan.framesFrom("b").stream().anyMatch(f -> f.isArp() && f.timeNanos() == t), "and a gratuitous ARP");
    lan.runFor(2 * S);
    // a (faster) stays MASTER; b yields on a's next advertisement (at 6 s)
    assertEquals(6 * S, Lab.firstTransition(lan, "b", CarpState.BACKUP, t));
    assertEquals(CarpState.MASTER, Lab.state(lan.host("a"), 1));
    lan.transitions().stream().filter(x -> x.host().equals("b") && x.transition().timeNanos() == t)
        .forEach(x -> assertEquals(Engine.R_USER, x.transition().reason()));
  }

  @Test
  void forcedStateBackupOnTheMasterAndStateOnInitIsIgnored() {
    Profile p = Profiles.OPENBSD;
    EmbeddedLan lan = new EmbeddedLan(4);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, p, 1, 0, false, "pw");
    Lab.carpHost(lan, "b", 2, p, 1, 100, false, "pw");
    lan.runFor(5 * S + 500 * MS);
    long t = lan.now();
    assertTrue(a.run("ifconfig carp0 state backup").ok());
    assertEquals(CarpState.BACKUP, Lab.state(a, 1));
    lan.runFor(10 * S);
    // a's own master-down timer (3 s from 5.5 s) runs out before b's (3 × 1.390625 s from a's last ad
    // at 5 s = 9.171875 s): the forced backup is master again at 8.5 s, b never moved
    assertEquals(t + 3 * S, Lab.firstTransition(lan, "a", CarpState.MASTER, t));
    assertEquals(CarpState.BACKUP, Lab.state(lan.host("b"), 1));
    // an interface in INIT ignores "state"
    EmbeddedHost c = lan.host("c", p).nic("em0", "lan", Lab.mac(3));
    c.configure("ifconfig em0 inet 10.0.0.4/24", "ifconfig carp0 create", "ifconfig carp0 vhid 7 carpdev em0");
    assertTrue(c.run("ifconfig carp0 state master").ok());
    assertEquals(CarpState.INIT, c.node().stateOfVhid(7).orElseThrow());
  }

  @Test
  void ruleB3TakesOverFromAMasterThatWillTimeOutAnyway() {
    // a backup with advbase 1 hears a master with advbase 4: 3 × 1 s + 0 < 4 s → take over without preempt
    EmbeddedLan lan = new EmbeddedLan(4);
    EmbeddedHost b = Lab.carpHost(lan, "b", 2, Profiles.OPENBSD, 1, 0, false, "secret");
    lan.runFor(500 * MS);
    lan.inject("lan", Ads.ad().advbase(4).frame());
    lan.runFor(0);
    assertEquals(CarpState.MASTER, Lab.state(b, 1));
    assertEquals(500 * MS, Lab.firstTransition(lan, "b", CarpState.MASTER, 0));
    lan.transitions().stream().filter(x -> x.transition().to() == CarpState.MASTER)
        .forEach(x -> assertEquals(Engine.R_WILL_TIME_OUT, x.transition().reason()));
  }

  @Test
  void ipv4AndIpv6MasterDownTimersRunSeparately() {
    // the backup holds an IPv4 and an IPv6 address; a third party advertises over IPv4 only: the
    // IPv4 timer keeps being restarted, the IPv6 one runs out (§4.2)
    EmbeddedLan lan = new EmbeddedLan(4);
    EmbeddedHost b = lan.host("b", Profiles.OPENBSD).nic("em0", "lan", Lab.mac(2));
    b.configure("ifconfig em0 inet 10.0.0.3/24", "ifconfig em0 inet6 2001:db8::3/64", "ifconfig carp0 create",
        "ifconfig carp0 vhid 1 pass secret carpdev em0 10.0.0.1/24",
        "ifconfig carp0 inet6 2001:db8::1/64 alias");
    Ads.Builder ad = Ads.ad().v6(org.carpsim.carp.net.Ipv6Address.parse("2001:db8::1")).advskew(0);
    long configured = lan.now();
    for (int i = 0; i < 5; i++) {
      lan.runFor(S);
      lan.inject("lan", ad.frame());
    }
    lan.runFor(5 * S);
    // the IPv6 timer was armed at configuration and never restarted: 3 × 1 s later, MASTER
    assertEquals(configured + 3 * S, Lab.firstTransition(lan, "b", CarpState.MASTER, 0));
    assertTrue(b.node().statistics().get("carp0").get(org.carpsim.carp.wire.CarpStat.IPACKETS) >= 3);
  }

  @Test
  void openbsdParentLinkLossGoesInitDemotesAndComesBackAsBackup() {
    EmbeddedLan lan = new EmbeddedLan(4);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, Profiles.OPENBSD, 1, 0, false, "pw");
    EmbeddedHost b = Lab.carpHost(lan, "b", 2, Profiles.OPENBSD, 1, 100, false, "pw");
    a.configure("sysctl net.inet.carp.log=3");
    lan.runFor(10 * S + 200 * MS);
    long cut = lan.now();
    lan.link("a", "em0", false);
    assertEquals(CarpState.INIT, Lab.state(a, 1));
    assertTrue(a.node().virtualHosts().get(0).demote() == 1, "group carp demoted by 1 (carpdev)");
    assertTrue(lan.logTexts("a").contains("carp: carp0 demoted group carp by 1 to 1 (carpdev)"));
    lan.runFor(10 * S);
    assertEquals(10 * S + 4_171_875_000L, Lab.firstTransition(lan, "b", CarpState.MASTER, cut));
    long up = lan.now();
    lan.link("a", "em0", true);
    assertEquals(CarpState.BACKUP, Lab.state(a, 1));
    assertEquals(0, a.node().virtualHosts().get(0).demote());
    lan.runFor(10 * S);
    assertEquals(CarpState.BACKUP, Lab.state(a, 1), "no preempt: b keeps it");
    assertEquals(CarpState.MASTER, Lab.state(b, 1));
    assertTrue(lan.transitions().stream().anyMatch(x -> x.host().equals("a") && x.transition().timeNanos() == up
        && x.transition().to() == CarpState.BACKUP));
  }

  @Test
  void ucarpNoticesALostLinkOnItsNextLoopTurnAndSleepsTenSeconds() {
    EmbeddedLan lan = new EmbeddedLan(4);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, Lab.UCARP_LOOP, 1, 0, false, "pw");
    Lab.carpHost(lan, "b", 2, Lab.UCARP_LOOP, 1, 100, false, "pw");
    lan.runFor(10 * S + 200 * MS);
    long cut = lan.now();
    lan.link("a", "eth0", false);
    assertEquals(CarpState.MASTER, Lab.state(a, 1), "not yet: ucarp polls SIOCGIFFLAGS once per loop turn");
    lan.runFor(2 * S);
    long backup = Lab.firstTransition(lan, "a", CarpState.BACKUP, cut);
    long lastAd = Lab.lastAd(lan, "a").orElseThrow().timeNanos();
    assertTrue(lastAd < cut && backup > cut && backup <= lastAd + S + MS, "at the next advertisement time");
    lan.link("a", "eth0", true);
    lan.runFor(5 * S);
    assertTrue(lan.transitions().stream().noneMatch(x -> x.host().equals("a") && x.transition().timeNanos() > backup),
        "asleep for 10 s");
  }

  @Test
  void openbsdUcarpInteroperateWithOneVipAndNoLladdr() {
    // carp-protocol.md §2.5: ucarp's HMAC equals OpenBSD's for one IPv4 VIP and no lladdr
    EmbeddedLan lan = new EmbeddedLan(4);
    Lab.carpHost(lan, "obsd", 1, Profiles.OPENBSD, 1, 0, false, "secret");
    EmbeddedHost u = lan.host("u", Lab.UCARP_LOOP).nic("em0", "lan", Lab.mac(2));
    u.configure("ifconfig em0 inet 10.0.0.3/24",
        "ucarp -i em0 -s 10.0.0.3 -v 1 -p secret -a 10.0.0.1 -k 100 -u /up -d /down");
    lan.runFor(20 * S);
    assertEquals(CarpState.MASTER, Lab.state(lan.host("obsd"), 1));
    assertEquals(CarpState.BACKUP, Lab.state(u, 1));
    assertEquals(0, u.node().statistics().get("em0").get(org.carpsim.carp.wire.CarpStat.BADAUTH));
  }
}
