package org.carpsim.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The replayer's timing on a fake clock: sleep, then spin; measured deviation; catch-up; stop. */
class ReplayerTest {

  private static final long MS = 1_000_000L;

  /** Frames captured at the given offsets (ms), each a distinct 60-byte frame. */
  private static ReplayPlan plan(long... offsetsMs) {
    List<ReplayFrame> frames = new ArrayList<>();
    for (int i = 0; i < offsetsMs.length; i++) {
      byte[] b = new byte[60];
      b[59] = (byte) i;
      frames.add(new ReplayFrame(i + 1, offsetsMs[i] * MS, b));
    }
    return new ReplayPlan(frames, List.of(), offsetsMs.length);
  }

  private record Send(long at, byte[] frame) {}

  @Test
  void spinningAbsorbsALateWakeUp() {
    // parkNanos wakes 60 µs late; the replayer sleeps until 100 µs before each frame, then spins.
    FakeClock clock = new FakeClock(60_000, 1_000);
    List<Send> sends = new ArrayList<>();
    ReplayResult r = new Replayer(clock, 100_000).run(plan(0, 1000, 2500), ReplaySchedule.REAL_TIME,
        f -> sends.add(new Send(clock.nanoTime(), f)), () -> false, (f, due, late) -> { });
    assertEquals(3, r.sent());
    assertEquals(1000 * MS, sends.get(1).at() - sends.get(0).at(), 1_000, "one spin turn of error at most");
    assertEquals(2500 * MS, sends.get(2).at() - sends.get(0).at(), 1_000);
    assertTrue(r.maxDeviationNanos() <= 1_000, r.timingLine());
    assertTrue(clock.spins > 0, "it spun");
    assertEquals(2, sends.get(2).frame()[59], "frames go out in order, as captured");
  }

  @Test
  void withoutSpinningTheLateWakeUpShowsInTheMeasuredDeviation() {
    FakeClock clock = new FakeClock(60_000, 1_000);
    ReplayResult r = new Replayer(clock, 0).run(plan(0, 1000, 2000), ReplaySchedule.REAL_TIME, f -> { }, () -> false,
        (f, due, late) -> { });
    assertEquals(60_000, r.maxDeviationNanos(), "each sleep overshoots by 60 µs and nothing corrects it");
    assertEquals(60_000, r.medianDeviationNanos());
  }

  @Test
  void speedScalesTheGaps() {
    FakeClock clock = new FakeClock(0, 100);
    List<Long> at = new ArrayList<>();
    new Replayer(clock, 100_000).run(plan(0, 1000, 3000), ReplaySchedule.timed(10), f -> at.add(clock.nanoTime()),
        () -> false, (f, due, late) -> { });
    assertEquals(100 * MS, at.get(1) - at.get(0), 200);
    assertEquals(300 * MS, at.get(2) - at.get(0), 200);
  }

  @Test
  void sleepsAreCutIntoSlicesSoAStopIsNoticed() {
    FakeClock clock = new FakeClock(0, 100);
    AtomicInteger checks = new AtomicInteger();
    ReplayResult r = new Replayer(clock, 100_000).run(plan(0, 10_000), ReplaySchedule.REAL_TIME, f -> { },
        () -> checks.incrementAndGet() > 5, (f, due, late) -> { });
    assertTrue(r.cancelled());
    assertEquals(1, r.sent(), "the first frame went, the one 10 s later did not");
    assertTrue(clock.sleeps.stream().allMatch(s -> s <= Replayer.MAX_SLEEP_NANOS), clock.sleeps.toString());
  }

  @Test
  void aLateFrameIsSentAtOnceAndTheRestKeepTheirDueTimes() {
    FakeClock clock = new FakeClock(0, 100);
    List<Long> at = new ArrayList<>();
    List<Long> lateness = new ArrayList<>();
    // The first send blocks for 1.5 s: frame 2 (due at 1 s) is 0.5 s late, frame 3 (due at 2 s) is on time.
    ReplayResult r = new Replayer(clock, 100_000).run(plan(0, 1000, 2000), ReplaySchedule.REAL_TIME, f -> {
      at.add(clock.nanoTime());
      if (at.size() == 1) {
        clock.advance(1500 * MS);
      }
    }, () -> false, (f, due, late) -> lateness.add(late));
    assertEquals(500 * MS, lateness.get(1));
    assertEquals(2000 * MS, at.get(2) - at.get(0), 200);
    assertEquals(500 * MS, r.maxDeviationNanos());
    assertEquals(2, r.worstFrame());
    assertFalse(r.cancelled());
  }

  @Test
  void theRateLimitSpacesFramesCapturedTogether() {
    FakeClock clock = new FakeClock(0, 100);
    List<Long> at = new ArrayList<>();
    new Replayer(clock, 100_000).run(plan(0, 0, 0, 0), ReplaySchedule.fast(1000), f -> at.add(clock.nanoTime()),
        () -> false, (f, due, late) -> { });
    for (int i = 1; i < at.size(); i++) {
      assertEquals(MS, at.get(i) - at.get(i - 1), 200, "1000 frames/s: 1 ms apart");
    }
  }

  @Test
  void statisticsAreOverTheFramesSent() {
    ReplayResult r = ReplayResult.of(4, 5, false, 10, new long[] {5, 1, 9, 3, 0}, new long[] {11, 12, 13, 14, 0});
    assertEquals(4, r.medianDeviationNanos(), "median of 1, 3, 5, 9");
    assertEquals(9, r.maxDeviationNanos());
    assertEquals(9, r.p99DeviationNanos());
    assertEquals(13, r.worstFrame());
    assertTrue(r.timingLine().contains("record #13"), r.timingLine());
  }
}
