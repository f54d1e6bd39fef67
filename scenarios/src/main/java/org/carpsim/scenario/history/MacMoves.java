package org.carpsim.scenario.history;

import java.util.List;
import org.carpsim.sim.history.HistoryEvent;

/**
 * How often a learning switch saw a MAC it knew arrive on another port over the run (what a managed
 * switch logs as a MAC flap), recorded at the end for every switch that saw one: two masters
 * advertising from the same virtual MAC move it on every advertisement.
 */
public record MacMoves(String segment, long moves) implements HistoryEvent {

  @Override
  public String kind() {
    return "mac-moves";
  }

  @Override
  public List<String> entities() {
    return List.of(segment);
  }

  @Override
  public void appendDetails(StringBuilder out) {
    EventText.of(out, entities()).with("moves", moves);
  }
}
