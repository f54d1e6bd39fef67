package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.MS;
import static org.carpsim.carp.node.Lab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;

/**
 * pfsync's bulk update as a demotion source (if_pfsync.c: OpenBSD 1.332, FreeBSD's SIOCSETPFSYNC and
 * pfsync_bulk_fail), with a peer answering on the sync segment or nobody.
 */
class PfsyncTest {

  /**
   * A firewall with vhid 1 on em0 (lan) and em1 on the sync segment 10.0.9.0/24; OpenBSD logs its
   * LOG_ERR demotion lines (net.inet.carp.log 3).
   */
  private static EmbeddedHost firewall(EmbeddedLan lan, String name, int n, Profile p, int advskew) {
    EmbeddedHost h = Lab.carpHost(lan, name, n, p, 1, advskew, true, "pw");
    if (p == Profiles.OPENBSD) {
      h.configure("sysctl net.inet.carp.log=3");
    }
    h.nic("em1", "sync", Lab.mac(0x10 + n));
    h.configure("ifconfig em1 inet 10.0.9." + n + "/24");
    return h;
  }

  /** The log lines of {@code host} that mention pfsync, with their times in ms. */
  private static List<String> pfsyncLog(EmbeddedLan lan, String host) {
    return pfsyncLog(lan, host, 0);
  }

  /** The same, from {@code from} ns on. */
  private static List<String> pfsyncLog(EmbeddedLan lan, String host, long from) {
    return lan.logs().stream().filter(l -> l.host().equals(host) && l.line().text().contains("pfsync")
        && l.line().timeNanos() >= from).map(l -> l.line().timeNanos() / MS + " " + l.line().text()).toList();
  }

  /** OpenBSD {@code ifconfig -g GROUP}'s last line: the group's demote count. */
  private static String demoteCount(EmbeddedHost h, String group) {
    String out = h.run("ifconfig -g " + group).output();
    return out.substring(out.lastIndexOf('\n') + 1);
  }

  @Test
  void freebsdDemotesAtSyncdevAndUndemotesWhenThePeersBulkEnds() {
    EmbeddedLan lan = new EmbeddedLan(5);
    EmbeddedHost a = firewall(lan, "a", 1, Profiles.FREEBSD, 0);
    EmbeddedHost b = firewall(lan, "b", 2, Profiles.FREEBSD, 100);
    b.configure("ifconfig pfsync0 syncdev em1 up");
    lan.runFor(10 * S);
    assertTrue(a.run("ifconfig pfsync0 syncdev em1 up").ok());
    assertEquals(240L, a.node().sysctl("net.inet.carp.demotion").orElseThrow());
    lan.runFor(2 * S);
    // b answers: bulk start at once, the end one tick later; a's demotion lasted 1 ms
    assertEquals(List.of("10000 carp: demoted by 240 to 240 (pfsync bulk start)",
        "10001 carp: demoted by -240 to 0 (pfsync bulk done)"), pfsyncLog(lan, "a", 10 * S));
    assertEquals(0L, a.node().sysctl("net.inet.carp.demotion").orElseThrow());
    assertTrue(a.run("ifconfig pfsync0").output().contains("syncok: 1"));
    assertTrue(a.run("ifconfig pfsync0").output().contains("syncdev: em1"));
  }

  @Test
  void freebsdWithoutAnAnswerGivesUpAfterTwelveRetriesOfFiveSeconds() {
    EmbeddedLan lan = new EmbeddedLan(5);
    EmbeddedHost a = firewall(lan, "a", 1, Profiles.FREEBSD, 0);
    a.configure("ifconfig pfsync0 syncdev em1 up");
    lan.runFor(64 * S);
    assertEquals(240L, a.node().sysctl("net.inet.carp.demotion").orElseThrow());
    assertTrue(a.run("ifconfig pfsync0").output().contains("syncok: 0"));
    lan.runFor(2 * S);
    assertEquals(List.of("0 carp: demoted by 240 to 240 (pfsync bulk start)",
        "65000 carp: demoted by -240 to 0 (pfsync bulk fail)"), pfsyncLog(lan, "a"));
    // one request at the ioctl and one per retry: 13 update requests
    long requests = lan.framesFrom("a").stream().filter(f -> f.bytes().length > 23 && (f.bytes()[23] & 0xff) == 240)
        .count();
    assertEquals(13, requests);
  }

  /**
   * The opnsense/core #10858 mechanism: userland runs the syncdev ioctl again before the 5 s
   * callout fires (rc.linkup on every link-up); each call re-arms the callout and the retries never
   * come, so the demotion stays while the reconfigurations go on, with no peer answering.
   */
  @Test
  void freebsdRepeatedSyncdevIoctlsKeepTheDemotion() {
    EmbeddedLan lan = new EmbeddedLan(5);
    EmbeddedHost a = firewall(lan, "a", 1, Profiles.FREEBSD, 0);
    for (int i = 0; i < 40; i++) {
      a.run("ifconfig pfsync0 syncdev em1 up");
      lan.runFor(4 * S);
    }
    assertEquals(240L, a.node().sysctl("net.inet.carp.demotion").orElseThrow(), "160 s and still demoted");
    assertEquals(1, pfsyncLog(lan, "a").size(), "demoted once: the flag says a bulk is pending");
    lan.runFor(70 * S);
    assertEquals(0L, a.node().sysctl("net.inet.carp.demotion").orElseThrow());
  }

  /** A bulk start re-arms the wait to 4 s + 100000 / 5 ms; a lost end costs those 24 s, then a retry. */
  @Test
  void freebsdLostBulkEndWaitsTheStateTableTime() {
    EmbeddedLan lan = new EmbeddedLan(5);
    EmbeddedHost a = firewall(lan, "a", 1, Profiles.FREEBSD, 0);
    EmbeddedHost b = firewall(lan, "b", 2, Profiles.FREEBSD, 100);
    b.configure("ifconfig pfsync0 syncdev em1 up");
    lan.runFor(10 * S);
    a.run("ifconfig pfsync0 syncdev em1 up");
    lan.runFor(0);
    // b's bulk start is in; its end comes 1 ms later: the sync link drops for that instant
    lan.link("a", "em1", false);
    lan.runFor(2 * MS);
    lan.link("a", "em1", true);
    lan.runFor(30 * S);
    assertEquals(List.of("10000 carp: demoted by 240 to 240 (pfsync bulk start)",
        "34001 carp: demoted by -240 to 0 (pfsync bulk done)"), pfsyncLog(lan, "a"),
        "24 s after the start, bulk_fail's retry is answered at once");
    assertEquals(24 * S, Pfsync.freebsdBulkWaitNs());
  }

  /**
   * FreeBSD accepts a bulk end only if {@code time_uptime − endtime ≥ sc_ureq_sent}, in whole seconds
   * of each host's own uptime. With the requester booted half a second after the peer, a request
   * just before the peer's second boundary gets an end that says "1 s" while the requester's second
   * has not turned: "bad timestamp", the end is ignored and the requester waits out the 24 s the
   * bulk start armed.
   */
  @Test
  void freebsdBulkEndWithAStaleTimestampIsIgnored() {
    EmbeddedLan lan = new EmbeddedLan(5);
    EmbeddedHost a = firewall(lan, "a", 1, Profiles.FREEBSD, 0);
    EmbeddedHost b = firewall(lan, "b", 2, Profiles.FREEBSD, 100);
    b.configure("ifconfig pfsync0 syncdev em1 up");
    lan.crash("a");
    lan.runFor(500 * MS);
    lan.boot("a"); // a's uptime runs 0.5 s behind b's
    lan.runFor(10 * S - 500 * MS - 500 * Lab.US); // to 9.9995 s: b's uptime 9, a's 9
    a.run("ifconfig pfsync0 syncdev em1 up");
    lan.runFor(30 * S);
    List<String> log = pfsyncLog(lan, "a", 9 * S);
    assertEquals("9999 carp: demoted by 240 to 240 (pfsync bulk start)", log.get(0));
    // the end, 1 ms later at 10.0005 s, says 1 s (b's second turned) while a is still in its second 9
    assertEquals("34000 carp: demoted by -240 to 0 (pfsync bulk done)", log.get(1),
        "ignored at 10.0005 s; the retry 24 s after the start is answered");
  }

  @Test
  void freebsdDemotionFactorIsTheSysctl() {
    EmbeddedLan lan = new EmbeddedLan(5);
    EmbeddedHost a = firewall(lan, "a", 1, Profiles.FREEBSD, 0);
    a.configure("sysctl net.pfsync.carp_demotion_factor=50", "ifconfig pfsync0 syncdev em1 up");
    assertEquals(50L, a.node().sysctl("net.inet.carp.demotion").orElseThrow());
    lan.runFor(4 * S);
    assertEquals(50, Lab.carp(Lab.lastAd(lan, "a").orElseThrow()).advskew(), "advskew 0 + demotion 50");
  }

  @Test
  void openbsdUpDemotesTheCarpGroupUntilThePeerAnswers() {
    EmbeddedLan lan = new EmbeddedLan(5);
    EmbeddedHost a = firewall(lan, "a", 1, Profiles.OPENBSD, 0);
    EmbeddedHost b = firewall(lan, "b", 2, Profiles.OPENBSD, 100);
    b.configure("ifconfig pfsync0 syncdev em1 up");
    lan.runFor(30 * S);
    assertTrue(a.run("ifconfig pfsync0 syncdev em1 up").ok());
    lan.runFor(S);
    assertEquals(List.of(
        "30000 carp: pfsync0 demoted group carp by 1 to 1 (pfsync up)",
        "30000 carp: pfsync0 demoted group pfsync by 1 to 1 (pfsync up)",
        "30000 carp: pfsync0 demoted group carp by 32 to 33 (pfsync start)",
        "30000 carp: pfsync0 demoted group pfsync by 32 to 33 (pfsync start)",
        "30000 carp: pfsync0 demoted group carp by -1 to 32 (pfsync link)",
        "30000 carp: pfsync0 demoted group pfsync by -1 to 32 (pfsync link)",
        "30000 carp: pfsync0 demoted group carp by -32 to 0 (pfsync done)",
        "30000 carp: pfsync0 demoted group pfsync by -32 to 0 (pfsync done)"), pfsyncLog(lan, "a", 30 * S));
  }

  @Test
  void openbsdWithoutAnAnswerIsDoneAfterTwelveTriesTwoSecondsApart() {
    EmbeddedLan lan = new EmbeddedLan(5);
    EmbeddedHost a = firewall(lan, "a", 1, Profiles.OPENBSD, 0);
    EmbeddedHost b = firewall(lan, "b", 2, Profiles.OPENBSD, 100);
    a.configure("ifconfig pfsync0 syncdev em1 up");
    lan.runFor(4 * S);
    // a is MASTER but advertises demote 32: b (demote 0) takes over by rule B2, no preempt needed
    assertEquals(CarpState.BACKUP, Lab.state(a, 1));
    assertEquals(CarpState.MASTER, Lab.state(b, 1));
    assertEquals(32, Lab.carp(Lab.lastAd(lan, "a").orElseThrow()).demote());
    lan.runFor(21 * S);
    List<String> log = pfsyncLog(lan, "a");
    assertEquals("24000 carp: pfsync0 demoted group carp by -32 to 0 (pfsync done)", log.get(log.size() - 2));
  }

  @Test
  void openbsdSyncdevLinkLossDemotesByOneAndDoesNotRestartTheBulk() {
    EmbeddedLan lan = new EmbeddedLan(5);
    EmbeddedHost a = firewall(lan, "a", 1, Profiles.OPENBSD, 0);
    EmbeddedHost b = firewall(lan, "b", 2, Profiles.OPENBSD, 100);
    b.configure("ifconfig pfsync0 syncdev em1 up");
    a.configure("ifconfig pfsync0 syncdev em1 up");
    lan.runFor(10 * S);
    lan.link("a", "em1", false);
    assertEquals("carp: carp demote count 1", demoteCount(a, "carp"));
    lan.link("a", "em1", true);
    assertEquals("carp: carp demote count 0", demoteCount(a, "carp"));
    assertEquals(List.of("10000 carp: pfsync0 demoted group carp by 1 to 1 (pfsync link)",
        "10000 carp: pfsync0 demoted group pfsync by 1 to 1 (pfsync link)",
        "10000 carp: pfsync0 demoted group carp by -1 to 0 (pfsync link)",
        "10000 carp: pfsync0 demoted group pfsync by -1 to 0 (pfsync link)"), pfsyncLog(lan, "a", 10 * S));
    // a running pfsync0 refuses another syncdev, as if_pfsync.c's set_ioc does
    assertEquals("ifconfig: SIOCSETPFSYNC: Device busy", a.run("ifconfig pfsync0 syncdev em0").error());
    assertFalse(a.run("ifconfig pfsync0 syncdev em1 up").output().contains("demoted"));
  }

  @Test
  void refusedWhereNotModelledAndForOtherUnits() {
    EmbeddedLan lan = new EmbeddedLan(5);
    EmbeddedHost n = lan.host("n", Profiles.NETBSD).nic("em0", "lan", Lab.mac(1));
    assertTrue(n.run("ifconfig pfsync0 syncdev em0 up").error().contains("pfsync is modelled under the profiles "
        + "openbsd and freebsd"));
    EmbeddedHost o = lan.host("o", Profiles.OPENBSD).nic("em0", "lan", Lab.mac(2));
    assertTrue(o.run("ifconfig pfsync1 syncdev em0").error().contains("pfsync0 is the only pfsync interface"));
    assertEquals("ifconfig: SIOCSIFFLAGS: Device not configured", o.run("ifconfig pfsync0 up").error());
    assertEquals("ifconfig: SIOCSETPFSYNC: Device not configured", o.run("ifconfig pfsync0 syncdev em7 up").error());
    assertFalse(o.node().ifconfigStatus(Pfsync.NAME).contains("UP"), "nothing half-applied");
  }
}
