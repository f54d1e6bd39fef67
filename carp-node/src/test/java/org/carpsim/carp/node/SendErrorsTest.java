package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.MS;
import static org.carpsim.carp.node.Lab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.CarpStat;
import org.junit.jupiter.api.Test;

/**
 * Send-error demotion (carp_send_ad's error path): a NIC whose driver fails every transmit
 * (ENOBUFS) makes advertisements fail; 3 in a row (OpenBSD: 3 × vhosts) demote, as many successes
 * after that undemote.
 */
class SendErrorsTest {

  private static List<String> log(EmbeddedLan lan, String host, String word) {
    return lan.logs().stream().filter(l -> l.host().equals(host) && l.line().text().contains(word))
        .map(l -> l.line().timeNanos() / MS + " " + l.line().text()).toList();
  }

  @Test
  void freebsdThreeFailedSendsDemoteBySenderrFactorAndThreeGoodOnesUndemote() {
    EmbeddedLan lan = new EmbeddedLan(7);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, Profiles.FREEBSD, 1, 0, false, "pw");
    lan.runFor(5 * S + 500 * MS); // a MASTER since 3 s, advertising every second
    a.node().setTransmitErrors("em0", true);
    lan.runFor(3 * S);
    // the sends at 6, 7 and 8 s fail: the third demotes (FreeBSD counts no onomem for ip_output errors)
    assertEquals(List.of("8000 carp: demoted by 240 to 240 (send error 55 on em0)"), log(lan, "a", "send"));
    assertEquals(0, a.node().systemStatistics().get(CarpStat.ONOMEM));
    long before = Lab.ads(lan, "a").size();
    a.node().setTransmitErrors("em0", false);
    lan.runFor(6 * S);
    assertTrue(Lab.ads(lan, "a").size() > before, "advertising again");
    // the demotion's immediate send-all failed too (8 s); then every 1 s + 240/256 s: 9.9375 s,
    // 11.875 s, and the third good send, at 13.8125 s, undemotes
    assertEquals("13812 carp: demoted by -240 to 0 (send ok on em0)", log(lan, "a", "send").get(1));
  }

  @Test
  void openbsdDemotesTheInterfaceGroupsAndCountsOnomem() {
    EmbeddedLan lan = new EmbeddedLan(7);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, Profiles.OPENBSD, 1, 0, false, "pw");
    EmbeddedHost b = Lab.carpHost(lan, "b", 2, Profiles.OPENBSD, 1, 100, false, "pw");
    a.configure("sysctl net.inet.carp.log=3");
    lan.runFor(5 * S + 500 * MS);
    assertEquals(CarpState.MASTER, Lab.state(a, 1));
    a.node().setTransmitErrors("em0", true);
    lan.runFor(3 * S);
    assertEquals(List.of("8000 carp: carp0 demoted group carp by 1 to 1 (> snderrors)"), log(lan, "a", "snderrors"));
    // the sends at 6, 7, 8 s, and the send-all of the group counter becoming 1 (also at 8 s)
    assertEquals(4, a.node().systemStatistics().get(CarpStat.ONOMEM));
    // b stopped hearing a at 5 s and takes over when its master-down interval runs out (9.17 s)
    lan.runFor(S);
    assertEquals(CarpState.MASTER, Lab.state(b, 1));
  }

  /**
   * Only a MASTER sends, so the successes that undemote never come to a host that went BACKUP
   * meanwhile: after a transient transmit failure the FreeBSD master stays demoted by 240.
   */
  @Test
  void aHostThatWentBackupKeepsTheSendErrorDemotion() {
    EmbeddedLan lan = new EmbeddedLan(7);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, Profiles.FREEBSD, 1, 0, true, "pw");
    EmbeddedHost b = Lab.carpHost(lan, "b", 2, Profiles.FREEBSD, 1, 100, true, "pw");
    lan.runFor(5 * S + 500 * MS);
    a.node().setTransmitErrors("em0", true);
    lan.runFor(10 * S);
    a.node().setTransmitErrors("em0", false);
    lan.runFor(60 * S);
    assertEquals(CarpState.BACKUP, Lab.state(a, 1));
    assertEquals(CarpState.MASTER, Lab.state(b, 1));
    assertEquals(240L, a.node().sysctl("net.inet.carp.demotion").orElseThrow(), "no send, no 'send ok'");
  }

  @Test
  void openbsd35SuppressesPreemptionAfterThreeErrors() {
    EmbeddedLan lan = new EmbeddedLan(7);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, Profiles.OPENBSD_3_5, 1, 0, false, "pw");
    lan.runFor(5 * S + 500 * MS);
    a.node().setTransmitErrors("em0", true);
    lan.runFor(3 * S);
    a.node().setTransmitErrors("em0", false);
    lan.runFor(S);
    // carp_suppress_preempt > 0: the next good advertisement carries advskew 240
    assertEquals(240, Lab.carp(Lab.lastAd(lan, "a").orElseThrow()).advskew());
    lan.runFor(6 * S);
    assertEquals(0, Lab.carp(Lab.lastAd(lan, "a").orElseThrow()).advskew(), "three good sends lift it");
  }
}
