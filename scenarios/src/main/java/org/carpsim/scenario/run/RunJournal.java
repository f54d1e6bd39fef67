package org.carpsim.scenario.run;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.sim.frame.Frame;

/**
 * What a run learns beside the world's history: state changes with the segment each vhost sits on,
 * the answers simulated clients got, and each host's counters. Checkers read it after the run.
 */
final class RunJournal {

  private final List<StateChange> changes = new ArrayList<>();
  private final List<ArpAnswer> arpAnswers = new ArrayList<>();
  /** host → iface → counters of its current (or, once crashed, last) life. */
  private final Map<String, Map<String, Map<CarpStat, Long>>> statistics = new LinkedHashMap<>();
  /** ARP replies in flight, by identity of the shared frame, to the host that sent them. */
  private final Map<Frame, String> arpReplySenders = new IdentityHashMap<>();

  void stateChanged(StateChange change) {
    changes.add(change);
  }

  void arpAnswered(ArpAnswer answer) {
    arpAnswers.add(answer);
  }

  void arpReplySent(Frame frame, String host) {
    arpReplySenders.put(frame, host);
  }

  /** The host that sent {@code frame}, if it is an ARP reply still unclaimed; forgets it. */
  String claimArpReply(Frame frame) {
    String host = arpReplySenders.remove(frame);
    return host == null ? "" : host;
  }

  void statistics(String host, Map<String, Map<CarpStat, Long>> snapshot) {
    statistics.put(host, snapshot);
  }

  List<StateChange> changes() {
    return changes;
  }

  List<ArpAnswer> arpAnswers() {
    return arpAnswers;
  }

  Map<String, Map<String, Map<CarpStat, Long>>> statistics() {
    return statistics;
  }
}
