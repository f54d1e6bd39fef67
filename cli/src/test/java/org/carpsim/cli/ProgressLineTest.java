package org.carpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Progress on standard error: redrawn in place on a terminal, a line every 5 s in a log, nothing when quiet. */
class ProgressLineTest {

  private static final long S = 1_000_000_000L;

  /** A clock the test moves. */
  private long now;

  private ProgressLine progress(ProgressLine.Mode mode, StringWriter into) {
    now = 0;
    return new ProgressLine("sweep", "runs", new PrintWriter(into), mode, () -> now);
  }

  @Test
  void aTerminalLineIsRedrawnInPlaceAtMostTenTimesASecond() {
    StringWriter err = new StringWriter();
    ProgressLine p = progress(ProgressLine.Mode.TERMINAL, err);
    now = 1 * S;
    p.update(10, 100);
    now = 1 * S + 50_000_000L;
    p.update(11, 100); // 50 ms later: not drawn
    now = 2 * S;
    p.update(100, 100);
    p.finish();
    assertEquals("\rsweep: 10/100 runs (10.0%), 10.0 runs/s, 9s left"
        + "\rsweep: 100/100 runs (100.0%), 50.0 runs/s, done in 2s" + System.lineSeparator(), err.toString());
  }

  @Test
  void aShorterLineWipesWhatTheLongerOneLeft() {
    StringWriter err = new StringWriter();
    ProgressLine p = progress(ProgressLine.Mode.TERMINAL, err);
    now = 100 * S;
    p.update(1, 3); // "…, 0.0 runs/s, 3m20s left"
    now = 101 * S;
    p.update(2, 3); // "…, 0.0 runs/s, 51s left", two characters shorter
    String[] draws = err.toString().split("\r");
    assertTrue(draws[2].endsWith("51s left  "), err.toString());
    assertEquals(draws[1].length(), draws[2].length(), err.toString());
  }

  @Test
  void aLogGetsAWholeLineEveryFiveSecondsAndTheLast() {
    StringWriter err = new StringWriter();
    ProgressLine p = progress(ProgressLine.Mode.LOG, err);
    for (int s = 1; s <= 12; s++) {
      now = s * S;
      p.update(s, 12);
    }
    p.finish();
    String n = System.lineSeparator();
    assertEquals("sweep: 5/12 runs (41.7%), 1.0 runs/s, 7s left" + n
        + "sweep: 10/12 runs (83.3%), 1.0 runs/s, 2s left" + n
        + "sweep: 12/12 runs (100.0%), 1.0 runs/s, done in 12s" + n, err.toString());
  }

  @Test
  void quietMeansNothing() {
    StringWriter err = new StringWriter();
    ProgressLine p = progress(ProgressLine.Mode.OFF, err);
    now = 10 * S;
    p.update(1, 1);
    p.finish();
    assertEquals("", err.toString());
    assertEquals(ProgressLine.Mode.OFF, ProgressLine.mode(true));
  }

  @Test
  void timeLeftReadsAtAGlance() {
    assertEquals("7s", ProgressLine.clockTime(6.2));
    assertEquals("3m05s", ProgressLine.clockTime(185));
    assertEquals("2h04m", ProgressLine.clockTime(2 * 3600 + 4 * 60 + 30));
  }
}
