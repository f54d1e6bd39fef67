package org.carpsim.scenario.history;

import java.util.List;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.sim.history.HistoryEvent;

/**
 * Whether one expectation held, and what was seen: recorded at the end of the run, one per {@code
 * expect} line in file order.
 */
public record Verdict(Expectation expectation, boolean passed, String detail) implements HistoryEvent {

  @Override
  public String kind() {
    return "verdict";
  }

  @Override
  public List<String> entities() {
    return List.of();
  }

  @Override
  public void appendDetails(StringBuilder out) {
    EventText.of(out, entities()).with("line", expectation.line()).with("passed", passed)
        .with("expect", expectation.text()).with("detail", detail);
  }
}
