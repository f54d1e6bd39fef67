package org.carpsim.sim.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1}ns")
  @CsvSource({
    "1.5s, 1500000000",
    "200us, 200000",
    "3906250ns, 3906250",
    "2m, 120000000000",
    "1h, 3600000000000",
    "10ms, 10000000",
    "0.00390625s, 3906250",
    "3.90625ms, 3906250",
    "0s, 0",
    "0.0ns, 0",
    "007s, 7000000000",
    "1.500000000000000000000s, 1500000000",
    "0.1m, 6000000000",
    "0.0000000001m, 6",
    "0.0000000000025h, 9",
    "9223372036.854775807s, 9223372036854775807",
    "9223372036854775807ns, 9223372036854775807",
  })
  void readsExactly(String text, long nanos) {
    assertEquals(nanos, Durations.parse(text));
  }

  @ParameterizedTest(name = "{0}ns prints as {1}")
  @CsvSource({
    "3906250, 3.90625ms",
    "3000000000, 3s",
    "3390625000, 3.390625s",
    "0, 0s",
    "1, 1ns",
    "1000, 1us",
    "1500, 1.5us",
    "60000000000, 1m",
    "90000000000, 90s",
    "3600000000000, 1h",
    "5400000000000, 90m",
    "1001, 1001ns",
    "10000000, 10ms",
    "-3000000000, -3s",
    "200000, 200us",
    "100000000, 0.1s",
    "500, 500ns",
  })
  void printsTheShortestExactForm(long nanos, String text) {
    assertEquals(text, Durations.format(nanos));
  }

  @Test
  void printsTheLargestLongAndReadsItBack() {
    String text = Durations.format(Long.MAX_VALUE);
    assertEquals("9223372036.854775807s", text);
    assertEquals(Long.MAX_VALUE, Durations.parse(text));
  }

  @Test
  void everyNonNegativeDurationSurvivesPrintingAndReading() {
    qt().withFixedSeed(20261123L).forAll(longs().between(0, Long.MAX_VALUE))
        .check(x -> Durations.parse(Durations.format(x)) == x);
  }

  @Test
  void durationsOfWholeMinutesAndFractionsSurviveToo() {
    // The m and h forms have their own arithmetic: push values near multiples of 3 and 9 through it.
    qt().withFixedSeed(20261123L).forAll(longs().between(0, Long.MAX_VALUE / Durations.HOUR - 1), longs().between(0, Durations.HOUR - 1))
        .check((hours, rest) -> {
          long x = hours * Durations.HOUR + (rest / 9) * 9;
          return Durations.parse(Durations.format(x)) == x;
        });
  }

  @Test
  void fixedSecondsHaveNineDecimals() {
    assertEquals("3.003906250", Durations.formatSeconds(3_003_906_250L));
    assertEquals("0.000000000", Durations.formatSeconds(0));
    assertEquals("-0.000000001", Durations.formatSeconds(-1));
    assertEquals("120.000000000", Durations.formatSeconds(120 * Durations.SECOND));
  }

  @Test
  void refusesNegativeDurations() {
    DurationFormatException e = assertThrows(DurationFormatException.class, () -> Durations.parse("-1s"));
    assertEquals(1, e.column());
    assertEquals("bad duration '-1s' at column 1: a duration cannot be negative", e.getMessage());
  }

  @Test
  void refusesAMissingUnitNamingTheAllowedOnes() {
    DurationFormatException e = assertThrows(DurationFormatException.class, () -> Durations.parse("10"));
    assertEquals(3, e.column());
    assertEquals(
        "bad duration '10' at column 3: missing unit after '10'; allowed units: ns, us, ms, s, m, h",
        e.getMessage());
  }

  @Test
  void refusesAnUnknownUnitAtItsColumn() {
    DurationFormatException e = assertThrows(DurationFormatException.class, () -> Durations.parse("1.5sec"));
    assertEquals(4, e.column());
    assertEquals("unknown unit 'sec'; allowed units: ns, us, ms, s, m, h", e.reason());
  }

  @Test
  void refusesUppercaseAndMicroSignUnits() {
    assertEquals(2, assertThrows(DurationFormatException.class, () -> Durations.parse("5S")).column());
    assertEquals(2, assertThrows(DurationFormatException.class, () -> Durations.parse("5µs")).column());
  }

  @Test
  void refusesASpaceBeforeTheUnit() {
    DurationFormatException e = assertThrows(DurationFormatException.class, () -> Durations.parse("10 s"));
    assertEquals(3, e.column());
    assertEquals("unexpected space; write the unit right after the number, e.g. 10s", e.reason());
  }

  @Test
  void refusesFractionsOfANanosecondPointingAtTheDigit() {
    DurationFormatException e = assertThrows(DurationFormatException.class, () -> Durations.parse("1.0000000005s"));
    assertEquals(12, e.column());
    assertEquals("1.0000000005s is not a whole number of nanoseconds (the resolution is 1ns)", e.reason());
    assertEquals(3, assertThrows(DurationFormatException.class, () -> Durations.parse("1.5ns")).column());
    assertThrows(DurationFormatException.class, () -> Durations.parse("0.00000000001m"));
  }

  @Test
  void refusesOverflow() {
    DurationFormatException e = assertThrows(DurationFormatException.class, () -> Durations.parse("2562048h"));
    assertEquals(1, e.column());
    assertEquals("too large; the longest duration is 9223372036.854775807s (about 292 years)", e.reason());
    assertThrows(DurationFormatException.class, () -> Durations.parse("9223372036854775808ns"));
    assertThrows(DurationFormatException.class, () -> Durations.parse("99999999999999999999999999s"));
  }

  @Test
  void refusesMalformedNumbers() {
    assertEquals("empty; expected a number followed by a unit (ns, us, ms, s, m, h), e.g. 1.5s",
        assertThrows(DurationFormatException.class, () -> Durations.parse("")).reason());
    assertEquals(1, assertThrows(DurationFormatException.class, () -> Durations.parse(".5s")).column());
    assertEquals(1, assertThrows(DurationFormatException.class, () -> Durations.parse("+5s")).column());
    DurationFormatException e = assertThrows(DurationFormatException.class, () -> Durations.parse("5.s"));
    assertEquals(3, e.column());
    assertEquals("expected a digit after '.'", e.reason());
    assertEquals(2, assertThrows(DurationFormatException.class, () -> Durations.parse("1,5s")).column());
  }

  @Test
  void convertsFromWholeUnitsAndRefusesOverflow() {
    assertEquals(3_906_250_000L, Durations.ofMicros(3_906_250));
    assertEquals(1_500_000_000L, Durations.ofMillis(1_500));
    assertEquals(3 * Durations.SECOND, Durations.ofSeconds(3));
    assertThrows(ArithmeticException.class, () -> Durations.ofSeconds(Long.MAX_VALUE / 1000));
  }

  @Test
  void secondsWithFewerDecimalsAreCutTowardZero() {
    assertEquals("1.234567", Durations.formatSeconds(1_234_567_890L, 6));
    assertEquals("-0.000000", Durations.formatSeconds(-100, 6));
    assertEquals("3", Durations.formatSeconds(3_999_999_999L, 0));
    assertEquals(Durations.formatSeconds(3_003_906_250L), Durations.formatSeconds(3_003_906_250L, 9));
    assertThrows(IllegalArgumentException.class, () -> Durations.formatSeconds(1, 10));
  }

  /** The microsecond form the decode and replay commands printed with String.format, for any value. */
  @Test
  void microsecondSecondsMatchTheFormatTheyReplace() {
    qt().withFixedSeed(20261123L).forAll(longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE))
        .check(n -> Durations.formatSeconds(n, 6).equals(String.format(java.util.Locale.ROOT, "%s%d.%06d",
            n < 0 ? "-" : "", Math.abs(n) / 1_000_000_000L, (Math.abs(n) % 1_000_000_000L) / 1000)));
  }

  @Test
  void roundedSecondsRoundHalfUp() {
    assertEquals("1.235", Durations.formatSecondsRounded(1_234_500_000L, 3));
    assertEquals("1.234", Durations.formatSecondsRounded(1_234_499_999L, 3));
    assertEquals("0.000", Durations.formatSecondsRounded(0, 3));
  }

  /** The JUnit report's {@code %.3f} of {@code nanos / 1e9}, for the durations of runs (below 11 days). */
  @Test
  void roundedSecondsMatchPercentThreeF() {
    qt().withFixedSeed(20261123L).forAll(longs().between(0, 1_000_000_000_000_000L))
        .check(n -> Durations.formatSecondsRounded(n, 3).equals(String.format(java.util.Locale.ROOT, "%.3f", n / 1e9)));
    for (long n : new long[] {500_000L, 1_000_500_000L, 2_000_499_999L, 999_999_999L, 123_456_789_500_000L}) {
      assertEquals(String.format(java.util.Locale.ROOT, "%.3f", n / 1e9), Durations.formatSecondsRounded(n, 3));
    }
  }

  @Test
  void exactSecondsKeepEveryDigitAndNoTrailingZero() {
    assertEquals("0s", Durations.formatExactSeconds(0));
    assertEquals("3s", Durations.formatExactSeconds(3_000_000_000L));
    assertEquals("10s", Durations.formatExactSeconds(10_000_000_000L));
    assertEquals("60.203125s", Durations.formatExactSeconds(60_203_125_000L));
    assertEquals("0.000000001s", Durations.formatExactSeconds(1));
    assertEquals("-1.5s", Durations.formatExactSeconds(-1_500_000_000L));
  }
}
