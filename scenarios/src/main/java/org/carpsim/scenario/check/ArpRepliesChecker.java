package org.carpsim.scenario.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.carpsim.scenario.history.ArpAnswered;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.sim.history.Timed;
import org.carpsim.sim.time.Durations;

/**
 * {@code expect arp-replies SEG VIP <= N}: no client's ARP request for the address got more than N
 * replies. Two replies mean two hosts hold the address (a ucarp host whose daemon was killed keeps it):
 * the client's cache ends up with whichever came last.
 */
public final class ArpRepliesChecker implements Checker {

  private final Expectation.ArpReplies e;

  public ArpRepliesChecker(Expectation.ArpReplies e) {
    this.e = e;
  }

  @Override
  public Judgement check(RunView run) {
    List<ArpAnswered> requests = requests(run, e.segment(), e.address().toString());
    if (requests.isEmpty()) {
      return Judgement.fails("no client asked for " + e.address() + " on " + e.segment());
    }
    int most = 0;
    int over = 0;
    ArpAnswered first = null;
    for (ArpAnswered a : requests) {
      most = Math.max(most, a.replies());
      if (a.replies() > e.max()) {
        over++;
        first = first == null ? a : first;
      }
    }
    String seen = "the most replies to one request: " + most + " (" + requests.size() + " requests)";
    if (first == null) {
      return Judgement.holds(seen);
    }
    return Judgement.fails(seen + "; " + over + " got more than " + e.max() + ", the first from " + first.client()
        + " at " + Durations.format(first.requestedAt()) + " (first answered by " + first.answeredBy() + ")");
  }

  /**
   * How long clients' requests got two or more replies, summed over every asked-for address of every
   * segment: a stretch runs from a request answered more than once to the next request answered once
   * or not at all (or the end of the run), in request order.
   */
  public static long multipleReplyNanos(RunView run) {
    Map<String, List<ArpAnswered>> byAddress = new TreeMap<>();
    for (Timed<ArpAnswered> t : run.arpAnswers()) {
      byAddress.computeIfAbsent(t.event().segment() + " " + t.event().target(), k -> new ArrayList<>()).add(t.event());
    }
    long total = 0;
    for (List<ArpAnswered> list : byAddress.values()) {
      list.sort(Comparator.comparingLong(ArpAnswered::requestedAt));
      long since = -1;
      for (ArpAnswered a : list) {
        if (a.replies() > 1 && since < 0) {
          since = a.requestedAt();
        } else if (a.replies() <= 1 && since >= 0) {
          total += a.requestedAt() - since;
          since = -1;
        }
      }
      if (since >= 0) {
        total += Math.max(0, run.end() - since);
      }
    }
    return total;
  }

  private static List<ArpAnswered> requests(RunView run, String segment, String address) {
    List<ArpAnswered> out = new ArrayList<>();
    for (Timed<ArpAnswered> t : run.arpAnswers()) {
      if (t.event().segment().equals(segment) && t.event().target().toString().equals(address)) {
        out.add(t.event());
      }
    }
    out.sort(Comparator.comparingLong(ArpAnswered::requestedAt));
    return out;
  }
}
