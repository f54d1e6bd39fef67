package org.carpsim.scenario.run;

import java.util.IdentityHashMap;
import java.util.Map;
import org.carpsim.sim.frame.Frame;

/**
 * ARP replies in flight, by identity of the shared frame, to the host that sent them: a client
 * population learns who answered it from the frame it receives (the sender MAC may be a virtual one
 * that several hosts share). Bookkeeping of one world, not a record: the answer itself goes into the
 * history.
 */
final class ArpReplies {

  private final Map<Frame, String> senders = new IdentityHashMap<>();

  void sent(Frame frame, String host) {
    senders.put(frame, host);
  }

  /** The host that sent {@code frame}, if it is an ARP reply still unclaimed; forgets it. */
  String claim(Frame frame) {
    String host = senders.remove(frame);
    return host == null ? "" : host;
  }
}
