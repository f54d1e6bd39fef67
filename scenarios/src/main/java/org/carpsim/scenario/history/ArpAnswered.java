package org.carpsim.scenario.history;

import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.sim.history.HistoryEvent;

/**
 * A simulated client's ARP request, who answered it first and how many hosts replied, recorded when
 * that is known: when the client asks again (or, answered, at the end of the run). Two replies are
 * what a ucarp host killed with SIGKILL causes: it keeps the address, and the new master has it too.
 *
 * @param requestedAt when the request went out, ns
 * @param segment where the client sits
 * @param client the client's address
 * @param target the address asked for
 * @param answeredBy the host whose reply reached the client first, empty when none did before the
 *     client's next request
 * @param replies how many replies reached the client before its next request (0 when unanswered)
 */
public record ArpAnswered(long requestedAt, String segment, Ipv4Address client, Ipv4Address target,
    String answeredBy, int replies) implements HistoryEvent {

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
        .with("by", answered() ? answeredBy : "-").with("replies", replies);
  }
}
