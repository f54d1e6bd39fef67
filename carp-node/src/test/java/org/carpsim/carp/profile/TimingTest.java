package org.carpsim.carp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import org.carpsim.carp.profile.Timing.AdvertisementInterval;
import org.carpsim.carp.profile.Timing.KernelTick;
import org.carpsim.carp.profile.Timing.MasterDown;
import org.junit.jupiter.api.Test;

/** Timer formulas against the numbers of carp-protocol.md §4 and ucarp-lab.md. */
class TimingTest {

  private static final long US = 1_000L;

  @Test
  void skewIsTruncatedToMicroseconds() {
    assertEquals(390_625, Timing.skewMicros(100));
    assertEquals(3_906, Timing.skewMicros(1), "1e6/256 = 3906.25 truncated");
    assertEquals(996_093, Timing.skewMicros(255), "255e6/256 = 996093.75 truncated");
  }

  @Test
  void openbsdMasterDownTriplesBaseAndSkew() {
    // 3 × (1 s + 390625 µs) = 4 171 875 µs
    assertEquals(4_171_875 * US, Profiles.OPENBSD.masterDownIntervalNs(1, 100, 0));
    assertEquals(3_000_000 * US, Profiles.OPENBSD.masterDownIntervalNs(1, 0, 0));
  }

  @Test
  void legacyMasterDownTriplesOnlyTheBase() {
    for (Profile p : List.of(Profiles.OPENBSD_3_5, Profiles.NETBSD, Profiles.FREEBSD, Profiles.FREEBSD_6)) {
      assertEquals(3_390_625 * US, p.masterDownIntervalNs(1, 100, 0), p.name());
      assertEquals(6_500_000 * US, p.masterDownIntervalNs(2, 128, 0), p.name());
    }
  }

  @Test
  void advertisementIntervalIsBasePlusSkew() {
    for (Profile p : Profiles.all()) {
      assertEquals(1_390_625 * US, p.advertisementIntervalNs(1, 100, 0), p.name());
      assertEquals(1_000_000 * US, p.advertisementIntervalNs(1, 0, 0), p.name());
    }
  }

  @Test
  void openbsdAdvbaseZeroAndTheZeroZeroFloor() {
    Profile o = Profiles.OPENBSD;
    assertEquals(3_906 * US, o.advertisementIntervalNs(0, 0, 0), "0/0 → 1/256 s = 3906 µs");
    assertEquals(3_906 * US, o.advertisementIntervalNs(0, 1, 0));
    assertEquals(500_000 * US, o.advertisementIntervalNs(0, 128, 0));
    assertEquals(11_718 * US, o.masterDownIntervalNs(0, 0, 0), "3 × 3906 µs (not 11718.75)");
    assertEquals(1_171_875 * US, o.masterDownIntervalNs(0, 100, 0), "3 × 390625 µs");
  }

  @Test
  void legacyRuleKeepsOpenbsd1270AdvbaseZeroCases() {
    Timing t = new Timing(AdvertisementInterval.BASE_PLUS_SKEW_WITH_FLOOR, MasterDown.THREE_TIMES_BASE_PLUS_SKEW,
        true, KernelTick.NONE, false, 0, 3);
    assertEquals(11_718 * US, t.masterDownIntervalNs(0, 0, 3), "3/256 s truncated to µs");
    assertEquals(1_171_875 * US, t.masterDownIntervalNs(0, 100, 3), "advbase 0: 3 × skew");
    assertEquals(3_390_625 * US, t.masterDownIntervalNs(1, 100, 3));
  }

  @Test
  void profilesWithoutAFloorRefuseAZeroInterval() {
    assertThrows(IllegalArgumentException.class, () -> Profiles.UCARP.advertisementIntervalNs(0, 0, 0));
    assertEquals(390_625 * US, Profiles.UCARP.advertisementIntervalNs(0, 100, 0), "ucarp allows 0 with a skew");
  }

  @Test
  void ucarpAdvertisesAtTheMeasuredIntervals() {
    // ucarp-lab: measured 1.000, 1.19, 1.39 and 2.19 s for (1,0), (1,50), (1,100), (2,50)
    assertEquals(1_000_000 * US, Profiles.UCARP.advertisementIntervalNs(1, 0, 0));
    assertEquals(1_195_312 * US, Profiles.UCARP.advertisementIntervalNs(1, 50, 0));
    assertEquals(1_390_625 * US, Profiles.UCARP.advertisementIntervalNs(1, 100, 0));
    assertEquals(2_195_312 * US, Profiles.UCARP.advertisementIntervalNs(2, 50, 0));
  }

  @Test
  void ucarpTakesOverOnThePollThatFollowsItsDeadline() {
    Profile u = Profiles.UCARP;
    // poll period 1000 + 390 ms; deadline 3 s + 390625 µs; third poll = 4.170 s after the processed ad
    assertEquals(1_390_000_000L, Timing.ucarpPollPeriodNs(1, 100));
    long md = u.masterDownIntervalNs(1, 100, 0);
    assertEquals(4_170_000_000L, md);
    // ≈ 3 × (advbase + advskew/256), far above the textbook 3.390625 s and below the measured median
    // 4.372 s from the master's last ad on the wire (which adds the 0.16–0.98 s receive tick delay)
    assertTrue(md > 3_390_625_000L && md < 4_372_000_000L);
    // advskew 0: deadline 3 s falls on the third 1 s poll; the lab saw the first ad 3.08–3.10 s after start
    assertEquals(3_000_000_000L, u.masterDownIntervalNs(1, 0, 0));
    // dead ratio 4: deadline 4.390625 s → fourth poll at 5.56 s
    assertEquals(5_560_000_000L, u.masterDownIntervalNs(1, 100, 0, 4));
    // what ucarp's code computes, for contrast
    Timing textbook = u.timing();
    Timing dr = new Timing(textbook.advertisementInterval(), MasterDown.DEAD_RATIO_BASE_PLUS_SKEW, true,
        KernelTick.NONE, true, 0, 3);
    assertEquals(3_390_625 * US, dr.masterDownIntervalNs(1, 100, 3));
  }

  @Test
  void demotionMovesTheAdIntervalButNotTheMasterDownTimer() {
    Profile p = Profiles.OPENBSD_3_5;
    assertEquals(1_937_500 * US, p.advertisementIntervalNs(1, 100, 1), "suppressed: 1 + 240/256 s");
    assertEquals(1_390_625 * US, p.firstAdvertisementIntervalNs(1, 100, 1), "setrun re-arms undemoted");
    assertEquals(3_390_625 * US, p.masterDownIntervalNs(1, 100, 1), "carp_setrun uses the configured advskew");
    Profile f = Profiles.FREEBSD;
    assertEquals(1_937_500 * US, f.advertisementIntervalNs(1, 100, 240));
    assertEquals(1_390_625 * US, f.firstAdvertisementIntervalNs(1, 100, 240));
    assertEquals(1_390_625 * US, Profiles.OPENBSD.advertisementIntervalNs(1, 100, 50), "OBSD: byte, not skew");
  }

  @Test
  void freebsdClampsAdvskewAbove240EvenWithoutDemotion() {
    // DEMOTE_ADVSKEW = clamp(advskew + demotion, 0, 240): an advskew of 250 advertises and times as 240,
    // while carp_setrun's master-down timer keeps the configured 250
    assertEquals(1_937_500 * US, Profiles.FREEBSD.advertisementIntervalNs(1, 250, 0));
    assertEquals(3_976_562 * US, Profiles.FREEBSD.masterDownIntervalNs(1, 250, 0));
    assertEquals(1_976_562 * US, Profiles.FREEBSD_6.advertisementIntervalNs(1, 250, 0), "FreeBSD 6 has no clamp");
  }

  @Test
  void kernelTickQuantizationIsOptional() {
    Profile o = Profiles.OPENBSD.withKernelTicks(true);
    assertEquals(4_180_000_000L, o.masterDownIntervalNs(1, 100, 0), "ceil(4171.875 ms / 10 ms) ticks");
    assertEquals(1_400_000_000L, o.advertisementIntervalNs(1, 100, 0));
    assertEquals(10_000_000L, o.advertisementIntervalNs(0, 0, 0), "3906 µs → one 10 ms tick");
    Profile old = Profiles.OPENBSD_3_5.withKernelTicks(true);
    assertEquals(3_410_000_000L, old.masterDownIntervalNs(1, 100, 0), "tvtohz: ceil + 1 tick");
    Profile fb = Profiles.FREEBSD.withKernelTicks(true);
    assertEquals(3_392_000_000L, fb.masterDownIntervalNs(1, 100, 0), "hz=1000: 3391 + 1 ms");
    assertEquals(4_171_875 * US, Profiles.OPENBSD.masterDownIntervalNs(1, 100, 0), "off by default");
    assertEquals(4_170_000_000L, Profiles.UCARP.withKernelTicks(true).masterDownIntervalNs(1, 100, 0),
        "ucarp has no kernel tick");
  }

  @Test
  void propertyCurrentOpenbsdMasterDownIsThreeAdIntervals() {
    qt().withFixedSeed(20261123L).forAll(integers().between(0, 255), integers().between(0, 254)).checkAssert((b, s) -> {
      long ad = Profiles.OPENBSD.advertisementIntervalNs(b, s, 0);
      assertEquals(3 * ad, Profiles.OPENBSD.masterDownIntervalNs(b, s, 0));
    });
  }

  @Test
  void propertyLegacyMasterDownIsTheIntervalPlusTwoAdvbases() {
    qt().withFixedSeed(20261123L).forAll(integers().between(1, 255), integers().between(0, 254)).checkAssert((b, s) -> {
      for (Profile p : List.of(Profiles.OPENBSD_3_5, Profiles.NETBSD, Profiles.FREEBSD_6, Profiles.FREEBSD)) {
        if (p == Profiles.FREEBSD && s > 240) {
          continue; // DEMOTE_ADVSKEW clamps the sent skew to 240, see freebsdClampsAdvskewAbove240
        }
        long ad = p.advertisementIntervalNs(b, s, 0);
        assertEquals(ad + 2L * b * 1_000_000_000L, p.masterDownIntervalNs(b, s, 0), p.name());
      }
    });
  }

  @Test
  void propertyUcarpPollTakeoverIsThePollAtOrAfterTheDeadline() {
    qt().withFixedSeed(20261123L).forAll(integers().between(1, 255), integers().between(0, 255), integers().between(1, 10))
        .checkAssert((b, s, r) -> {
          long md = Profiles.UCARP.masterDownIntervalNs(b, s, 0, r);
          long poll = Timing.ucarpPollPeriodNs(b, s);
          long deadline = (r * b * 1_000_000L + Timing.skewMicros(s)) * 1000L;
          assertEquals(0, md % poll);
          assertTrue(md >= deadline && md - poll < deadline, "first poll at or after the deadline");
        });
  }
}
