package org.carpsim.scenario.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one knob combination over all its runs.
 *
 * @param combination its index
 * @param settings knob name → value as written, in {@code --set} order
 * @param runs how many runs
 * @param passedRuns runs in which every expectation held
 * @param failover lengths of every stretch without a master (after there had been one) that ended
 * @param unrecovered stretches without a master that lasted to the end of a run
 * @param splitBrain per run, total time with two or more masters
 * @param arpShares host → its share (%) of the clients' ARP requests, over runs that had requests
 * @param failures expectation → in how many runs it failed, most often first
 * @param adTakeover every takeover on the wire: last advertisement → first advertisement of another host
 * @param multipleReplies per run, how long clients' ARP requests got two or more replies
 * @param outage per run with traffic clients, the longest outage any of them saw (count 0: no traffic)
 */
public record CombinationSummary(int combination, Map<String, String> settings, int runs, int passedRuns,
    Distribution failover, int unrecovered, Distribution splitBrain, Map<String, Share> arpShares,
    List<Failure> failures, Distribution adTakeover, Distribution multipleReplies, Distribution outage) {

  /** Mean and population standard deviation of a host's ARP share, in percent. */
  public record Share(double meanPercent, double stddevPercent) {}

  /** An expectation and the number of runs in which it failed. */
  public record Failure(String expectation, int runs) {}

  /** Summarises the cases of one combination. */
  public static CombinationSummary of(int combination, Map<String, String> settings, List<CaseResult> cases) {
    List<Long> failovers = new ArrayList<>();
    List<Long> split = new ArrayList<>();
    List<Long> adTakeovers = new ArrayList<>();
    List<Long> multipleReplies = new ArrayList<>();
    List<Long> outages = new ArrayList<>();
    Map<String, Integer> failed = new TreeMap<>();
    Map<String, List<Double>> shares = new TreeMap<>();
    int passed = 0;
    int unrecovered = 0;
    for (CaseResult c : cases) {
      passed += c.passed() ? 1 : 0;
      failovers.addAll(c.failovers());
      unrecovered += c.unrecovered();
      split.add(c.splitBrainNanos());
      adTakeovers.addAll(c.adTakeovers());
      multipleReplies.add(c.multipleReplyNanos());
      if (c.longestOutageNanos() != CaseResult.NO_TRAFFIC) {
        outages.add(c.longestOutageNanos());
      }
      c.failed().forEach(f -> failed.merge(f, 1, Integer::sum));
      c.arpAnswers().keySet().forEach(h -> shares.putIfAbsent(h, new ArrayList<>()));
    }
    for (CaseResult c : cases) {
      if (c.arpRequests() > 0) {
        shares.forEach((h, list) -> list.add(100.0 * c.arpAnswers().getOrDefault(h, 0L) / c.arpRequests()));
      }
    }
    Map<String, Share> arp = new TreeMap<>();
    shares.forEach((h, list) -> {
      double mean = list.stream().mapToDouble(Double::doubleValue).sum() / list.size();
      double var = list.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / list.size();
      arp.put(h, new Share(mean, Math.sqrt(var)));
    });
    List<Failure> failures = failed.entrySet().stream().map(e -> new Failure(e.getKey(), e.getValue()))
        .sorted(Comparator.comparingInt(Failure::runs).reversed().thenComparing(Failure::expectation)).toList();
    return new CombinationSummary(combination, settings, cases.size(), passed, Distribution.of(failovers),
        unrecovered, Distribution.of(split), arp, failures, Distribution.of(adTakeovers), Distribution.of(multipleReplies),
        Distribution.of(outages));
  }
}
