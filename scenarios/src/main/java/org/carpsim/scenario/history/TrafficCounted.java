package org.carpsim.scenario.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carpsim.carp.net.IpAddress;
import org.carpsim.sim.history.HistoryEvent;

/**
 * What one population's traffic to a virtual address met over the run, recorded at its end: each
 * packet was taken by one master (served), by two or more hosts at once (twice: both think they own
 * the address), or by none (lost: no ARP answer, a stale cache, a switch port to a backup, a
 * partition).
 *
 * @param segment where the clients sit
 * @param target the virtual address
 * @param clients how many clients sent
 * @param sent packets sent (those still in flight at the end are not counted)
 * @param bucketNanos the width of the buckets {@code lostPerBucket} counts in
 * @param lostPerBucket the lost packets by the time they were sent: bucket {@code i} starts at {@code i ×
 *     bucketNanos}
 */
public record TrafficCounted(String segment, IpAddress target, int clients, long sent, long served, long twice,
    long lost, long bucketNanos, List<Long> lostPerBucket) implements HistoryEvent {

  public TrafficCounted {
    lostPerBucket = List.copyOf(lostPerBucket);
  }

  /** The totals per segment and address, the populations that send there summed, in first-seen order. */
  public static List<TrafficCounted> byAddress(List<TrafficCounted> populations) {
    Map<String, TrafficCounted> sums = new LinkedHashMap<>();
    for (TrafficCounted t : populations) {
      sums.merge(t.segment() + " " + t.target(), t, (a, b) -> new TrafficCounted(a.segment(), a.target(),
          a.clients() + b.clients(), a.sent() + b.sent(), a.served() + b.served(), a.twice() + b.twice(),
          a.lost() + b.lost(), a.bucketNanos(), sum(a.lostPerBucket(), b.lostPerBucket())));
    }
    return List.copyOf(sums.values());
  }

  /** Bucket by bucket (the populations of one run share a bucket width). */
  private static List<Long> sum(List<Long> a, List<Long> b) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      out.add((i < a.size() ? a.get(i) : 0) + (i < b.size() ? b.get(i) : 0));
    }
    return out;
  }

  @Override
  public String kind() {
    return "traffic";
  }

  @Override
  public List<String> entities() {
    return List.of(segment);
  }

  @Override
  public void appendDetails(StringBuilder out) {
    EventText.of(out, entities()).with("target", target).with("clients", clients).with("sent", sent)
        .with("served", served).with("twice", twice).with("lost", lost);
  }
}
