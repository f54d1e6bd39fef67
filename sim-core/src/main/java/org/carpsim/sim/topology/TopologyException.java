package org.carpsim.sim.topology;

import java.util.List;

/** A topology that cannot be built or a name it does not know; the message names the entities. */
public final class TopologyException extends IllegalArgumentException {

  private final List<String> problems;

  /** One exception for every problem found, so a user fixes them all in one go. */
  public TopologyException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** A single problem. */
  public TopologyException(String problem) {
    this(List.of(problem));
  }

  /** Each problem, one sentence each. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    if (problems.size() == 1) {
      return problems.get(0);
    }
    StringBuilder out = new StringBuilder().append(problems.size()).append(" problems in the topology:");
    for (String problem : problems) {
      out.append("\n  - ").append(problem);
    }
    return out.toString();
  }
}
