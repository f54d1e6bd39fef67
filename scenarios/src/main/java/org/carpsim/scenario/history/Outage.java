package org.carpsim.scenario.history;

import java.util.List;
import org.carpsim.carp.net.IpAddress;
import org.carpsim.sim.history.HistoryEvent;

/**
 * A client's traffic to a virtual address went nowhere for a while: from its first packet no master
 * took to its next packet one did (or, still open, to the end of the run). What a user of that
 * client felt, whatever the CARP hosts' states said. Recorded when it ends.
 *
 * @param segment where the client sits
 * @param client the client's address
 * @param target the virtual address it sends to
 * @param from when the first lost packet left, ns
 * @param to when the next served packet left (or the end of the run), ns
 * @param lost how many packets went nowhere
 * @param open whether the run ended before a packet was served again
 */
public record Outage(String segment, IpAddress client, IpAddress target, long from, long to, long lost,
    boolean open) implements HistoryEvent {

  /** How long the client's traffic went nowhere. */
  public long duration() {
    return to - from;
  }

  @Override
  public String kind() {
    return "outage";
  }

  @Override
  public List<String> entities() {
    return List.of(segment);
  }

  @Override
  public void appendDetails(StringBuilder out) {
    EventText.of(out, entities()).with("client", client).with("target", target).with("from", from).with("to", to)
        .with("lost", lost).with("open", open);
  }
}
