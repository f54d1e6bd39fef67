package org.carpsim.scenario.history;

import java.util.List;
import org.carpsim.sim.history.HistoryEvent;

/**
 * What a snooping switch did over the run, recorded at the end for every switch that snooped or
 * ran a querier: the multicast frames it kept from ports without a membership (one per port not
 * reached) and the general queries its querier sent.
 *
 * @param segment the switch
 * @param snooping its rules and querier at the end ({@code managed querier off})
 * @param dropped frames kept from a port
 * @param queries general query rounds sent
 */
public record SnoopingDrops(String segment, String snooping, long dropped, long queries) implements HistoryEvent {

  @Override
  public String kind() {
    return "snooping-drops";
  }

  @Override
  public List<String> entities() {
    return List.of(segment);
  }

  @Override
  public void appendDetails(StringBuilder out) {
    EventText.of(out, entities()).with("snooping", snooping).with("dropped", dropped).with("queries", queries);
  }
}
