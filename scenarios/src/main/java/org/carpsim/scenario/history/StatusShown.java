package org.carpsim.scenario.history;

import java.util.List;
import org.carpsim.sim.history.HistoryEvent;

/**
 * What {@code ifconfig IFACE} printed on a host at an instant an {@code expect at T ifconfig …} line
 * names (its error when there is no such interface, "host is powered off" when it is off).
 */
public record StatusShown(String host, String iface, String text) implements HistoryEvent {

  @Override
  public String kind() {
    return "ifconfig";
  }

  @Override
  public List<String> entities() {
    return List.of(host, host + "." + iface);
  }

  @Override
  public void appendDetails(StringBuilder out) {
    EventText.of(out, entities()).with("text", text.replace("\n", "\\n").replace("\t", "\\t"));
  }
}
