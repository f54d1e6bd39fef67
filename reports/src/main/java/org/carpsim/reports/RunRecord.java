package org.carpsim.reports;

import java.util.List;
import java.util.Map;
import org.carpsim.scenario.history.Logged;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.history.PortPolicyDrops;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.history.TrafficCounted;
import org.carpsim.sim.history.Timed;

/**
 * A run's history as {@code run --json} and a report show it, and all of it: projected from a {@code
 * RunResult}'s history by {@link RunRecords#of}, written and read back by {@link RunRecordJson} (the
 * one codec of a run's JSON), so that a saved result draws the same report. State changes and log
 * lines are the history's own events. Passphrases never reach it: the scenario text and every line
 * in it are masked.
 *
 * @param scenario the scenario's title (or file)
 * @param file the scenario file as given
 * @param seed the run's seed
 * @param passed every expectation held
 * @param durationNanos the virtual duration of the run
 * @param profile the scenario's default profile
 * @param text the scenario file, passphrases masked; empty when unknown
 * @param warnings what the parser noticed, as {@code line L:C: message}
 * @param expectations one per expectation, in file order
 * @param transitions every state change, in time order
 * @param logs every line the hosts logged (as their log settings let through), in time order, with
 *     the host; empty for a result saved before logs were kept
 * @param timeline the faults and host commands of the scenario's {@code at} lines, in time order
 * @param adverts the advertisements each host sent, per parent NIC and vhid; empty when the run did
 *     not record its frames ({@link #advertsRecorded()} false)
 * @param advertsRecorded whether the run recorded its transmissions, so that {@code adverts} is the whole truth
 * @param announcements the gratuitous ARPs each host sent for each address (a new master's
 *     announcements); empty when the frames were not recorded
 * @param arp who answered the clients' ARP requests, per segment and address, in time buckets
 * @param stats host → interface → counter → value
 * @param outages every client outage, in the order they ended (traffic clients only)
 * @param traffic what each traffic population's packets met
 * @param portPolicyDrops what each filtering vSwitch port dropped
 * @param snooping what each snooping switch kept from ports and the queries it sent
 * @param notForwarded each time a snooping switch stopped forwarding a group to a port, with why
 * @param engine the engine's figures; zero for a result that did not save them
 */
public record RunRecord(
    String scenario,
    String file,
    long seed,
    boolean passed,
    long durationNanos,
    String profile,
    String text,
    List<String> warnings,
    List<Expectation> expectations,
    List<Timed<StateChanged>> transitions,
    List<Timed<Logged>> logs,
    List<TimedEvent> timeline,
    List<AdvertSeries> adverts,
    boolean advertsRecorded,
    List<Announcements> announcements,
    List<ArpSeries> arp,
    Map<String, Map<String, Map<String, Long>>> stats,
    List<Outage> outages,
    List<TrafficCounted> traffic,
    List<PortPolicyDrops> portPolicyDrops,
    List<org.carpsim.scenario.history.SnoopingDrops> snooping,
    List<Timed<org.carpsim.sim.history.GroupNotForwarded>> notForwarded,
    Engine engine) {

  /** Copies the lists. */
  public RunRecord {
    warnings = List.copyOf(warnings);
    expectations = List.copyOf(expectations);
    transitions = List.copyOf(transitions);
    logs = List.copyOf(logs);
    outages = List.copyOf(outages);
    traffic = List.copyOf(traffic);
    portPolicyDrops = List.copyOf(portPolicyDrops);
    snooping = List.copyOf(snooping);
    notForwarded = List.copyOf(notForwarded);
    timeline = List.copyOf(timeline);
    adverts = List.copyOf(adverts);
    announcements = List.copyOf(announcements);
    arp = List.copyOf(arp);
    stats = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stats));
  }

  /** One expectation and its verdict, as {@code run --json} writes it. */
  public record Expectation(int line, String text, boolean passed, String detail) {}

  /**
   * The engine's figures for the run, as {@code run --json} writes them under {@code engine}.
   *
   * @param events events executed
   * @param wallMillis wall-clock time of the run, ms
   * @param eventsPerSecond events per wall second, rounded
   * @param simulatedSecondsPerSecond virtual seconds per wall second, rounded
   */
  public record Engine(long events, double wallMillis, long eventsPerSecond, long simulatedSecondsPerSecond) {
    /** No figures: a record not made by the engine (a capture), or a result saved without them. */
    public static final Engine NONE = new Engine(0, 0, 0, 0);
  }

  /** The traffic per segment and address, the populations that send there summed. */
  public List<TrafficCounted> trafficByAddress() {
    return TrafficCounted.byAddress(traffic);
  }

  /** The chart lane of a state change: {@code host.iface vhid N}. */
  public static String lane(StateChanged c) {
    return c.qualifiedIface() + " vhid " + c.vhid();
  }

  /**
   * A fault or a host command at a virtual time.
   *
   * @param kind {@code command}, {@code crash}, {@code boot}, {@code link}, {@code partition}, {@code heal},
   *     {@code loss}, {@code latency}, {@code jitter} or {@code duplicate}
   * @param text the {@code at} line as written, passphrases masked
   */
  public record TimedEvent(long timeNanos, String kind, String text) {

    /** A host command, as opposed to a fault of the world. */
    public boolean isCommand() {
      return kind.equals("command");
    }
  }

  /**
   * The advertisements one host sent for one vhid on one NIC.
   *
   * @param host the sending host
   * @param nic the NIC they left by
   * @param vhid the vhid in the CARP header
   * @param times when each was sent, in order
   * @param bowOuts how many of them had advskew 255 (a master leaving)
   */
  public record AdvertSeries(String host, String nic, int vhid, List<Long> times, int bowOuts) {
    public AdvertSeries {
      times = List.copyOf(times);
    }

    /** The chart lane: {@code host.nic vhid N}. */
    public String lane() {
      return host + "." + nic + " vhid " + vhid;
    }
  }

  /**
   * The gratuitous ARPs (sender address = target address) one host sent for one address.
   *
   * @param address the address announced
   * @param host the sending host
   * @param nic the NIC they left by
   * @param times when each was sent, in order
   */
  public record Announcements(String address, String host, String nic, List<Long> times) {
    public Announcements {
      times = List.copyOf(times);
    }
  }

  /**
   * Who answered the clients' ARP requests for one address on one segment, counted per time bucket
   * (by the time of the request).
   *
   * @param segment where the clients sit
   * @param target the address they asked for
   * @param bucketNanos the width of a bucket; bucket {@code i} starts at {@code i × bucketNanos}
   * @param answers host → requests it answered first, per bucket (hosts sorted)
   * @param unanswered requests nobody answered in time, per bucket
   */
  public record ArpSeries(String segment, String target, long bucketNanos, Map<String, List<Long>> answers,
      List<Long> unanswered) {
    public ArpSeries {
      answers = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(answers));
      unanswered = List.copyOf(unanswered);
    }

    /** host → total requests it answered first. */
    public Map<String, Long> totals() {
      java.util.Map<String, Long> out = new java.util.TreeMap<>();
      answers.forEach((h, counts) -> out.put(h, counts.stream().mapToLong(Long::longValue).sum()));
      return out;
    }

    /** Every request of the series, answered or not. */
    public long requests() {
      return totals().values().stream().mapToLong(Long::longValue).sum()
          + unanswered.stream().mapToLong(Long::longValue).sum();
    }
  }
}
