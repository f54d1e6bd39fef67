package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.MS;
import static org.carpsim.carp.node.Lab.S;
import static org.carpsim.carp.node.Lab.US;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.carp.node.embedded.CapturedFrame;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who wins at start and exactly when, failover timing and preemption, for every profile (§4, §5.1,
 * §5.3). Host a has advskew 0, host b advskew 100, both advbase 1, configured at t = 0.
 */
class ElectionTimingTest {

  private static final String[] KERNELS = {"openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6"};

  private static EmbeddedLan pair(Profile p, boolean preempt) {
    EmbeddedLan lan = new EmbeddedLan(11);
    Lab.carpHost(lan, "a", 1, p, 1, 0, preempt, "secret");
    Lab.carpHost(lan, "b", 2, p, 1, 100, preempt, "secret");
    return lan;
  }

  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6", "ucarp"})
  void theLowerSkewWinsTheStartAfterOneMasterDownInterval(String name) {
    Profile p = name.equals("ucarp") ? Lab.UCARP_LOOP : Profiles.byName(name);
    EmbeddedLan lan = pair(p, false);
    lan.runFor(10 * S);
    // kernels: 3 × 1 s (the skew 0 term is 0 in both formulas); ucarp: three poll returns 50 µs late
    long expected = name.equals("ucarp") ? 3 * (S + UcarpDaemon.POLL_SLACK_NS) : 3 * S;
    assertEquals(expected, Lab.firstTransition(lan, "a", CarpState.MASTER, 0));
    assertEquals(CarpState.MASTER, Lab.state(lan.host("a"), 1));
    assertEquals(CarpState.BACKUP, Lab.state(lan.host("b"), 1));
    assertTrue(lan.transitions().stream().noneMatch(t -> t.host().equals("b") && t.transition().to() == CarpState.MASTER),
        "b never became MASTER");
    assertTrue(Lab.ads(lan, "b").isEmpty(), "a backup sends nothing");
    // one ad per interval from a: base + skew/256 s, exact for kernels (first one at the transition)
    List<CapturedFrame> ads = Lab.ads(lan, "a");
    long interval = name.equals("ucarp") ? S + UcarpDaemon.POLL_SLACK_NS : S;
    for (int i = 1; i < ads.size(); i++) {
      assertEquals(interval, ads.get(i).timeNanos() - ads.get(i - 1).timeNanos(), "interval " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6"})
  void aBackupTakesOverOneMasterDownIntervalAfterTheLastAdvertisement(String name) {
    Profile p = Profiles.byName(name);
    EmbeddedLan lan = pair(p, false);
    lan.runFor(20 * S + 500 * MS);
    lan.crash("a");
    lan.runFor(10 * S);
    long lastA = Lab.lastAd(lan, "a").orElseThrow().timeNanos();
    CapturedFrame firstB = Lab.ads(lan, "b").get(0);
    assertEquals(p.masterDownIntervalNs(1, 100, 0), firstB.timeNanos() - lastA);
    assertEquals(firstB.timeNanos(), Lab.firstTransition(lan, "b", CarpState.MASTER, 0), "the ad goes out at the transition");
    assertEquals(CarpState.MASTER, Lab.state(lan.host("b"), 1));
  }

  @Test
  void theBriefsNumbers() {
    // openbsd: 3 × (1 s + 390625 µs); openbsd-3.5: 3 × 1 s + 390625 µs
    for (String[] c : new String[][] {{"openbsd", "4171875"}, {"openbsd-3.5", "3390625"}}) {
      EmbeddedLan lan = pair(Profiles.byName(c[0]), false);
      lan.runFor(7 * S + 250 * MS);
      lan.crash("a");
      lan.runFor(6 * S);
      long gap = Lab.ads(lan, "b").get(0).timeNanos() - Lab.lastAd(lan, "a").orElseThrow().timeNanos();
      assertEquals(Long.parseLong(c[1]) * US, gap, c[0]);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6"})
  void withPreemptTheRebootedPreferredHostTakesBackItsRole(String name) {
    Profile p = Profiles.byName(name);
    EmbeddedLan lan = pair(p, true);
    lan.runFor(10 * S + 100 * MS);
    lan.crash("a");
    lan.runFor(10 * S);
    assertEquals(CarpState.MASTER, Lab.state(lan.host("b"), 1));
    long boot = lan.now();
    lan.boot("a");
    lan.runFor(5 * S);
    long aMaster = Lab.firstTransition(lan, "a", CarpState.MASTER, boot);
    long bBackup = Lab.firstTransition(lan, "b", CarpState.BACKUP, boot);
    if (p.lifecycle().initToMasterWhenPreempting()) {
      // OpenBSD 1.54's INIT → MASTER shortcut: master at once, b yields on its first ad
      assertEquals(boot, aMaster, "straight to MASTER when configured");
    } else {
      // BACKUP first, then rule B1 on b's next advertisement (b advertises every 1.390625 s)
      long bAdAfterBoot = Lab.ads(lan, "b").stream().mapToLong(CapturedFrame::timeNanos).filter(t -> t >= boot).min()
          .orElseThrow();
      assertEquals(bAdAfterBoot, aMaster, "preempts on the first slower advertisement it hears");
    }
    assertEquals(aMaster, bBackup, "b yields on a's advertisement at the same instant");
    assertEquals(CarpState.MASTER, Lab.state(lan.host("a"), 1));
    assertEquals(CarpState.BACKUP, Lab.state(lan.host("b"), 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6", "ucarp"})
  void withoutPreemptTheRebootedHostStaysBackup(String name) {
    Profile p = Profiles.byName(name);
    EmbeddedLan lan = pair(p, false);
    lan.runFor(10 * S + 100 * MS);
    lan.crash("a");
    lan.runFor(10 * S);
    long boot = lan.now();
    lan.boot("a");
    lan.runFor(30 * S);
    assertEquals(CarpState.BACKUP, Lab.state(lan.host("a"), 1));
    assertEquals(CarpState.MASTER, Lab.state(lan.host("b"), 1));
    assertTrue(Lab.ads(lan, "a").stream().noneMatch(f -> f.timeNanos() >= boot));
  }

  @Test
  void kernelTickQuantizationFlowsThroughTheProfile() {
    // OpenBSD hz=100, timeout_add_usec rounds up: 4 171 875 µs → 418 ticks = 4.18 s
    Profile p = Profiles.OPENBSD.withKernelTicks(true);
    EmbeddedLan lan = pair(p, false);
    lan.runFor(7 * S + 250 * MS);
    lan.crash("a");
    lan.runFor(6 * S);
    long gap = Lab.ads(lan, "b").get(0).timeNanos() - Lab.lastAd(lan, "a").orElseThrow().timeNanos();
    assertEquals(4_180 * MS, gap);
  }

  @Test
  void advbaseTwoAndSkewKeepTheirTruncatedMicroseconds() {
    for (String name : KERNELS) {
      Profile p = Profiles.byName(name);
      EmbeddedLan lan = new EmbeddedLan(3);
      Lab.carpHost(lan, "a", 1, p, 1, 1, false, "pw");
      lan.runFor(20 * S);
      List<CapturedFrame> ads = Lab.ads(lan, "a");
      // alone: master after its own master-down interval with advskew 1 (3906 µs, truncated)
      assertEquals(p.masterDownIntervalNs(1, 1, 0), ads.get(0).timeNanos(), name);
      assertEquals((1_000_000 + 3_906) * US, ads.get(1).timeNanos() - ads.get(0).timeNanos(), name);
    }
  }
}
