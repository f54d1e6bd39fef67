package org.carpsim.scenario.run;

import java.util.Locale;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.model.Scenario;

/**
 * How much a run will take, known before it starts: its events and its memory, from what dominates
 * them — the hosts (about one event per host and virtual second: advertisements and their timers;
 * the 3,000-host campus hour has 6.9 M) and the clients (an event per request or packet, and for a
 * packet its arrival). Rough by design (within a few times); what matters is telling a run of
 * minutes from one of days, or one that fits in memory from one that does not, before it starts.
 *
 * @param events the engine events the run will execute, about
 * @param bytes the heap the scenario's world will hold, about
 */
public record RunEstimate(double events, double bytes) {

  /** Heap per simulated host (measured: 8–10 KB per idle host, docs/performance.md) plus its history. */
  static final double HOST_BYTES = 16_000;
  /** Heap per traffic client: its cache entry, timers and packet in flight. */
  static final double TRAFFIC_CLIENT_BYTES = 400;
  /** Heap per ARP client. */
  static final double ARP_CLIENT_BYTES = 200;
  /** Events per host and virtual second. */
  static final double HOST_EVENTS_PER_SECOND = 1;
  /** What a run executes per second on the slowest path (one world, with traffic), for the time estimate. */
  public static final double EVENTS_PER_WALL_SECOND = 2e6;
  /** Above this a run is refused without {@code --force}: about an hour and a half at the rate above. */
  public static final double MAX_EVENTS = 1e10;

  /** The estimate of {@code s}. */
  public static RunEstimate of(Scenario s) {
    double seconds = s.duration() / 1e9;
    double events = s.hosts().size() * HOST_EVENTS_PER_SECOND * seconds;
    double bytes = s.hosts().size() * HOST_BYTES;
    for (ClientPopulation c : s.clients()) {
      double perSecond = c.count() * 1e9 / Math.max(1, c.interval());
      double active = Math.max(0, s.duration() - c.start()) / 1e9;
      events += perSecond * active * (c.sendsTraffic() ? 2 : 1);
      bytes += c.count() * (c.sendsTraffic() ? TRAFFIC_CLIENT_BYTES : ARP_CLIENT_BYTES);
    }
    return new RunEstimate(events, bytes);
  }

  /** About how long the run takes at {@link #EVENTS_PER_WALL_SECOND}, in seconds. */
  public double wallSeconds() {
    return events / EVENTS_PER_WALL_SECOND;
  }

  /** Whether the run is too long to start without being asked twice. */
  public boolean tooLong() {
    return events > MAX_EVENTS;
  }

  /** Whether the world will not fit in {@code maxHeap} bytes (with room for the run's own figures). */
  public boolean tooBig(long maxHeap) {
    return bytes > 0.8 * maxHeap;
  }

  /** Whether a run is refused without {@code --force}: too long, or too big for {@code maxHeap}. */
  public boolean refused(long maxHeap) {
    return tooLong() || tooBig(maxHeap);
  }

  /** "about 3.2e+09 events (30 min at 2 M events/s) and 1.2 GB of heap". */
  public String describe() {
    return String.format(Locale.ROOT, "about %.1e events (%s at %.0f M events/s) and %s of heap", events,
        duration(wallSeconds()), EVENTS_PER_WALL_SECOND / 1e6, size(bytes));
  }

  static String duration(double seconds) {
    if (seconds < 120) {
      return String.format(Locale.ROOT, "%.0f s", Math.ceil(seconds));
    } else if (seconds < 7200) {
      return String.format(Locale.ROOT, "%.0f min", Math.ceil(seconds / 60));
    } else if (seconds < 2 * 86400) {
      return String.format(Locale.ROOT, "%.0f h", Math.ceil(seconds / 3600));
    } else if (seconds < 1e4 * 365 * 86400) {
      return String.format(Locale.ROOT, "%.0f days", Math.ceil(seconds / 86400));
    }
    return "longer than anyone can wait";
  }

  static String size(double bytes) {
    return bytes < 1e9 ? String.format(Locale.ROOT, "%.0f MB", Math.ceil(bytes / 1e6))
        : String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
  }
}
