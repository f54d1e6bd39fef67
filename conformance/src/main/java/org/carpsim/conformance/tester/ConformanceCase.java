package org.carpsim.conformance.tester;

import java.util.Optional;
import org.carpsim.conformance.catalogue.CaseResult;

/**
 * One case of the conformance catalogue: its stable id and title, what it needs from the IUT's
 * configuration, and how it drives the IUT through a {@link CaseContext} (the tester's port and
 * clock, live or simulated) and judges what it saw. A case holds no state: one object serves every
 * run. To add one: implement this interface in a class of this package and list it in {@link
 * Catalogue}.
 */
public interface ConformanceCase {

  /** The stable id (A1, B4, …): {@code --cases} takes it, reports and JUnit XML carry it. */
  String id();

  /** A few words for output and for a SKIP. */
  String title();

  /**
   * Why the IUT's configuration leaves this case nothing to test (the run reports a SKIP with
   * this reason without driving the IUT), or empty. The default needs nothing.
   */
  default Optional<String> unmet(ConformancePlan plan) {
    return Optional.empty();
  }

  /**
   * Brings the IUT into the state the case needs, drives it and judges it. A case must never wait
   * other than through {@code c.clock()} or the port's {@code await}s, so it runs unchanged live
   * and in virtual time.
   */
  CaseResult run(CaseContext c) throws InterruptedException;

  /**
   * How far a time this case measures may lie from the same case's time in another run of the same
   * IUT configuration (simulated against live): the slack the case allows around its expectation,
   * as its printed tolerance says, for the judgement {@code result} (this case's) was made under.
   * The default: the case measures no time.
   */
  default long measurementToleranceNs(ConformancePlan plan, CaseResult result) {
    return 0;
  }

  /** What it would send, for {@code --dry-run}, from the decoded frames of {@code f} (never the pass). */
  String dryRun(DryRunFrames f);
}
