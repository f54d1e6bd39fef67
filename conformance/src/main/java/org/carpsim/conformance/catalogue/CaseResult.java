package org.carpsim.conformance.catalogue;

import java.util.Objects;

/**
 * The verdict of one catalogue case with the measured value beside the expected one.
 *
 * @param id the stable case id (A1, A2, …)
 * @param title what the case checks
 * @param verdict PASS, FAIL or SKIP
 * @param measured what was observed
 * @param expected what the profile calls for
 * @param tolerance the accepted deviation ("exact" where none)
 * @param note why it failed or was skipped; empty on a plain pass
 */
public record CaseResult(String id, String title, Verdict verdict, String measured, String expected, String tolerance,
    String note) {

  public CaseResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(measured, "measured");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(tolerance, "tolerance");
    Objects.requireNonNull(note, "note");
  }

  /** One line: {@code A3 PASS advertisement interval: measured 1.1964 s, expected 1.1953 s ± 20 ms}. */
  public String line() {
    return id + " " + verdict + " " + title + ": measured " + measured + ", expected " + expected
        + ("exact".equals(tolerance) ? "" : " ± " + tolerance) + (note.isEmpty() ? "" : " (" + note + ")");
  }
}
