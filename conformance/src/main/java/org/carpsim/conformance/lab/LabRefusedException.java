package org.carpsim.conformance.lab;

import java.util.List;

/** A scenario with lines a namespace lab cannot map: each reason at its place, nothing built. */
public final class LabRefusedException extends RuntimeException {

  private final List<String> reasons;

  public LabRefusedException(List<String> reasons) {
    super(String.join("\n", reasons));
    this.reasons = List.copyOf(reasons);
  }

  /** One {@code file:line:col: live: …} line per refused line. */
  public List<String> reasons() {
    return reasons;
  }
}
