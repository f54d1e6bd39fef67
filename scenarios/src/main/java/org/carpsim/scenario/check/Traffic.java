package org.carpsim.scenario.check;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.carpsim.carp.net.IpAddress;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.history.TrafficCounted;

/** The words the traffic checkers share. */
final class Traffic {

  private Traffic() {}

  /** How many distinct clients (by address) saw an outage. */
  static int hit(List<Outage> outages) {
    Set<IpAddress> clients = new HashSet<>();
    outages.forEach(o -> clients.add(o.client()));
    return clients.size();
  }

  static String clientsHit(List<Outage> outages, TrafficCounted total) {
    return hit(outages) + " of " + total.clients() + " clients saw an outage";
  }

  static String summary(TrafficCounted t) {
    return t.sent() + " packets: " + t.served() + " served, " + t.lost() + " lost"
        + (t.twice() > 0 ? ", " + t.twice() + " taken by two hosts" : "");
  }
}
