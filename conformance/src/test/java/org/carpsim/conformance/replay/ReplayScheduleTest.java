package org.carpsim.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayScheduleTest {

  private static List<ReplayFrame> at(long... offsets) {
    return java.util.stream.LongStream.range(0, offsets.length)
        .mapToObj(i -> new ReplayFrame(i + 1, offsets[(int) i], new byte[14])).toList();
  }

  @Test
  void offsetsAreDividedByTheSpeed() {
    assertArrayEquals(new long[] {0, 100_000_000, 300_000_000}, ReplaySchedule.timed(10).dueTimes(at(0, 1_000_000_000, 3_000_000_000L)));
    assertArrayEquals(new long[] {0, 2_000_000_000L}, ReplaySchedule.timed(0.5).dueTimes(at(0, 1_000_000_000)));
    assertArrayEquals(new long[] {0, 333_333_333}, ReplaySchedule.timed(3).dueTimes(at(0, 1_000_000_000)), "rounded to the nanosecond");
  }

  @Test
  void fastIgnoresCaptureTimesButKeepsTheRateLimit() {
    assertArrayEquals(new long[] {0, 100_000, 200_000}, ReplaySchedule.fast(10_000).dueTimes(at(0, 5_000_000_000L, 9_000_000_000L)));
    assertArrayEquals(new long[] {0, 0, 0}, ReplaySchedule.fast(0).dueTimes(at(0, 1, 2)), "0: unlimited");
  }

  @Test
  void theRateLimitOnlyDelaysFramesThatAreTooClose() {
    ReplaySchedule s = ReplaySchedule.REAL_TIME.withRateLimit(100); // 10 ms apart at least
    assertArrayEquals(new long[] {0, 10_000_000, 20_000_000, 500_000_000}, s.dueTimes(at(0, 1_000, 2_000, 500_000_000)));
  }

  @Test
  void badValuesNameTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplaySchedule.timed(-1));
    assertTrue(e.getMessage().contains("--speed -1.0 is out of range 0..1000"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ReplaySchedule.timed(Double.NaN));
    IllegalArgumentException pps = assertThrows(IllegalArgumentException.class, () -> ReplaySchedule.REAL_TIME.withRateLimit(0));
    assertTrue(pps.getMessage().contains("--pps 0"), pps.getMessage());
    assertEquals(0, ReplaySchedule.REAL_TIME.minGapNanos());
  }
}
