package org.carpsim.scenario.parse;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.carpsim.sim.topology.LinkConditions;

/** The {@code latency D jitter D loss P% duplicate P%} options of a segment, switch or NIC line. */
final class Conditions {

  static final List<String> OPTIONS = List.of("latency", "jitter", "loss", "duplicate");

  private LinkConditions value = LinkConditions.NONE;
  private final Set<String> seen = new HashSet<>();

  /** Reads option {@code w} and its value if it is one of {@link #OPTIONS}; false otherwise. */
  boolean option(Line line, Word w) {
    if (w.quoted() || !OPTIONS.contains(w.text())) {
      return false;
    }
    if (!seen.add(w.text())) {
      throw new LineError(w.start(), w.text() + " is given twice");
    }
    switch (w.text()) {
      case "latency" -> value = value.withLatency(Values.duration(line.next("a duration (e.g. 200us)")));
      case "jitter" -> value = value.withJitter(Values.duration(line.next("a duration (e.g. 50us)")));
      case "loss" -> value = value.withLoss(
          Values.probability(Values.percent(line.next("a percentage (e.g. 0.1%)"), "loss")));
      default -> value = value.withDuplicate(
          Values.probability(Values.percent(line.next("a percentage (e.g. 0.1%)"), "duplicate")));
    }
    return true;
  }

  LinkConditions get() {
    return value;
  }
}
