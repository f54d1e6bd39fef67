package org.carpsim.conformance.live;

import java.util.Map;
import java.util.stream.Collectors;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.wire.CarpStat;

/**
 * A live node's figures at one moment, for its status and exit lines: what a long-running daemon
 * reports instead of keeping its history.
 *
 * @param state the virtual host's state
 * @param transitions state changes since start (all printed or counted as not printed)
 * @param announcementsSent gratuitous ARPs and unsolicited neighbour advertisements that left
 * @param announcementsSuppressed those the rate limit held back (the state change they announce happened)
 * @param linesSuppressed state-change lines not printed (more than 5 a second)
 * @param scriptsCoalesced up/down commands replaced by a newer one before they ran
 * @param receiveDropped frames dropped because more than 10,000 were waiting for the node (it could not keep up)
 * @param captureDropped frames the kernel dropped before the node read them (its capture ring was full; -1: unknown)
 * @param counters the host's carpstats ({@code netstat -s -p carp})
 */
public record LiveNodeStatus(CarpState state, long transitions, long announcementsSent, long announcementsSuppressed,
    long linesSuppressed, long scriptsCoalesced, long receiveDropped, long captureDropped, Map<CarpStat, Long> counters) {

  public LiveNodeStatus {
    counters = Map.copyOf(counters);
  }

  /** One line, {@code key value} pairs, counters as {@code carpstats.NAME=N} in their declared order. */
  public String line() {
    String stats = java.util.Arrays.stream(CarpStat.values())
        .map(s -> s.counterName() + "=" + counters.getOrDefault(s, 0L)).collect(Collectors.joining(","));
    return "state " + state + " transitions " + transitions + " garp-sent " + announcementsSent + " garp-suppressed "
        + announcementsSuppressed + " lines-suppressed " + linesSuppressed + " scripts-coalesced " + scriptsCoalesced
        + " rx-dropped " + receiveDropped + " capture-dropped " + captureDropped + " carpstats " + stats;
  }
}
