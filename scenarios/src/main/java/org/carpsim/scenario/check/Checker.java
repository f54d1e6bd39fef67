package org.carpsim.scenario.check;

/**
 * Judges one property over a run's history (Jepsen's checker protocol): a pure function of what
 * the run recorded, so the same history always gets the same judgement.
 */
@FunctionalInterface
public interface Checker {

  /** Whether the property held in {@code run}, and what was seen. */
  Judgement check(RunView run);
}
