package org.carpsim.scenario.history;

import java.util.List;
import org.carpsim.sim.history.HistoryEvent;

/**
 * A ping an {@code expect ping} line sends: at that instant, which hosts on a segment the pinging host
 * shares (both NICs running) would answer an ICMP echo for the address: a NIC holding it as its own, or
 * a MASTER vhost holding it. Empty: no answer (a BACKUP's address, a halted master, a downed NIC).
 *
 * @param host the pinging host
 * @param address the address pinged, IPv4 or IPv6, as written
 * @param source the source address given ({@code ping -S}), empty for none
 * @param answeredBy {@code host.nic} of every answer, in the scenario's host order
 */
public record EchoProbed(String host, String address, String source, List<String> answeredBy) implements HistoryEvent {

  public EchoProbed {
    answeredBy = List.copyOf(answeredBy);
  }

  @Override
  public String kind() {
    return "ping";
  }

  @Override
  public List<String> entities() {
    return List.of(host);
  }

  @Override
  public void appendDetails(StringBuilder out) {
    EventText text = EventText.of(out, entities()).with("address", address);
    if (!source.isEmpty()) {
      text.with("source", source);
    }
    text.with("answered-by", answeredBy.isEmpty() ? "none" : String.join(",", answeredBy));
  }
}
