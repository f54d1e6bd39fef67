package org.carpsim.conformance.catalogue;

/** The outcome of one conformance case. */
public enum Verdict {
  PASS,
  FAIL,
  /** Not decidable from what was observed; the result says why. */
  SKIP
}
