package org.carpsim.scenario.run;

import org.carpsim.carp.net.Ipv4Address;

/**
 * A simulated client's ARP request and who answered it first.
 *
 * @param timeNanos when the request went out
 * @param segment where the client sits
 * @param client the client's address
 * @param target the address asked for
 * @param answeredBy the host whose reply reached the client first, empty when none did before the
 *     client's next request (or the end of the run)
 */
public record ArpAnswer(long timeNanos, String segment, Ipv4Address client, Ipv4Address target, String answeredBy) {

  public boolean answered() {
    return !answeredBy.isEmpty();
  }
}
