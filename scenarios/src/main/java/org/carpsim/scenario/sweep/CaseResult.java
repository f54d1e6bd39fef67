package org.carpsim.scenario.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.carpsim.scenario.check.ArpRepliesChecker;
import org.carpsim.scenario.check.MasterStretches;
import org.carpsim.scenario.history.Verdict;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.run.RunResult;

/**
 * What a sweep keeps of one run: enough to compute every summary figure, small enough to write into a
 * shard file so that merged shards summarise exactly as one unsharded sweep.
 *
 * @param combination index of the knob combination
 * @param seed the run's seed
 * @param passed every expectation held
 * @param failed the expectations that failed, as {@code line N: TEXT}, in file order
 * @param failovers every stretch without a master of a vhid on a segment after it had had one, that
 *     ended before the run did, in ns (ordered by segment, vhid, time)
 * @param unrecovered how many such stretches lasted to the end of the run
 * @param splitBrainNanos total time with two or more masters of a vhid on a segment, summed over vhids
 * @param arpRequests ARP requests of clients that were settled (answered or not)
 * @param arpAnswers host → how many of them it answered first, hosts sorted
 * @param adTakeovers takeovers on the wire: the last advertisement of a vhid to the first of another
 *     host, in ns (see {@code AdvertisementGaps}); empty when the sweep did not watch the wire
 * @param multipleReplyNanos how long clients' ARP requests got two or more replies
 *     ({@link ArpRepliesChecker#multipleReplyNanos})
 * @param longestOutageNanos the longest outage any traffic client saw, 0 when none did, {@link
 *     #NO_TRAFFIC} when the run had no clients that send
 */
public record CaseResult(int combination, long seed, boolean passed, List<String> failed, List<Long> failovers,
    int unrecovered, long splitBrainNanos, long arpRequests, Map<String, Long> arpAnswers, List<Long> adTakeovers,
    long multipleReplyNanos, long longestOutageNanos) {

  /** {@link #longestOutageNanos} of a run without traffic clients. */
  public static final long NO_TRAFFIC = -1;

  /** A case's identity in a sweep, {@code combination:seed}: what a resumed sweep skips and may not repeat. */
  public static String key(int combination, long seed) {
    return combination + ":" + seed;
  }

  /** This case's {@link #key(int, long)}. */
  public String key() {
    return key(combination, seed);
  }

  public CaseResult {
    failed = List.copyOf(failed);
    failovers = List.copyOf(failovers);
    arpAnswers = java.util.Collections.unmodifiableMap(new TreeMap<>(arpAnswers));
    adTakeovers = List.copyOf(adTakeovers);
  }

  /** A result saved before the wire takeovers and ARP replies were kept. */
  public CaseResult(int combination, long seed, boolean passed, List<String> failed, List<Long> failovers,
      int unrecovered, long splitBrainNanos, long arpRequests, Map<String, Long> arpAnswers) {
    this(combination, seed, passed, failed, failovers, unrecovered, splitBrainNanos, arpRequests, arpAnswers,
        List.of(), 0, NO_TRAFFIC);
  }

  /** The figures of one run, without watching the wire. */
  public static CaseResult of(int combination, RunResult r) {
    return of(combination, r, List.of());
  }

  /** The figures of one run and the takeovers its advertisements showed. */
  public static CaseResult of(int combination, RunResult r, List<Long> adTakeovers) {
    List<String> failed = new ArrayList<>();
    for (Verdict v : r.verdicts()) {
      if (!v.passed()) {
        failed.add("line " + v.expectation().line() + ": " + v.expectation().text());
      }
    }
    long end = r.view().end();
    List<Long> failovers = new ArrayList<>();
    int unrecovered = 0;
    long split = 0;
    for (MasterStretches.Key key : r.view().keys()) {
      boolean hadMaster = false;
      for (MasterStretches.Stretch s : MasterStretches.of(r.view(), key)) {
        if (s.masters().size() > 1) {
          split += s.length();
        }
        if (!s.masters().isEmpty()) {
          hadMaster = true;
        } else if (hadMaster) {
          if (s.to() == end) {
            unrecovered++;
          } else {
            failovers.add(s.length());
          }
        }
      }
    }
    Map<String, Long> answers = new LinkedHashMap<>();
    long requests = 0;
    for (var t : r.arpAnswers()) {
      requests++;
      if (t.event().answered()) {
        answers.merge(t.event().answeredBy(), 1L, Long::sum);
      }
    }
    return new CaseResult(combination, r.seed(), r.passed(), failed, failovers, unrecovered, split, requests, answers,
        adTakeovers, ArpRepliesChecker.multipleReplyNanos(r.view()), longestOutage(r));
  }

  /** The longest outage over every traffic population of the run; {@link #NO_TRAFFIC} without one. */
  private static long longestOutage(RunResult r) {
    if (r.view().trafficByAddress().isEmpty()) {
      return NO_TRAFFIC;
    }
    return r.view().outages().stream().mapToLong(Outage::duration).max().orElse(0);
  }
}
