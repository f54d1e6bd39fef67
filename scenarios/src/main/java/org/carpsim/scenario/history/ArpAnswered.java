package org.carpsim.scenario.history;

import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.sim.history.HistoryEvent;

/**
 * A simulated client's ARP request and who answered it first, recorded when that is known: when the
 * first reply arrives, or, unanswered, when the client asks again.
 *
 * @param requestedAt when the request went out, ns
 * @param segment where the client sits
 * @param client the client's address
 * @param target the address asked for
 * @param answeredBy the host whose reply reached the client first, empty when none did before the
 *     client's next request
 */
public record ArpAnswered(long requestedAt, String segment, Ipv4Address client, Ipv4Address target,
    String answeredBy) implements HistoryEvent {

  public boolean answered() {
    return !answeredBy.isEmpty();
  }

  @Override
  public String kind() {
    return "arp-answer";
  }

  @Override
  public List<String> entities() {
    return answered() ? List.of(segment, answeredBy) : List.of(segment);
  }

  @Override
  public void appendDetails(StringBuilder out) {
    EventText.of(out, entities()).with("requested", requestedAt).with("client", client).with("target", target)
        .with("by", answered() ? answeredBy : "-");
  }
}
