package org.carpsim.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.scenario.history.ArpAnswered;
import org.carpsim.scenario.history.Logged;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.history.PortPolicyDrops;
import org.carpsim.scenario.history.TrafficCounted;
import org.carpsim.scenario.history.Verdict;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.model.Diagnostic;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.sim.engine.EngineStats;
import org.carpsim.sim.history.FrameTransmitted;
import org.carpsim.sim.history.Timed;

/** Projects a run's history onto its {@link RunRecord}: what {@code run --json} writes and a report draws. */
public final class RunRecords {


  private RunRecords() {}

  /**
   * The record of {@code r}, its advertisements and gratuitous ARPs read from the frames its
   * history kept (none unless the run was told to keep transmissions).
   *
   * @param scenarioText the scenario file as read (masked here), or empty when unknown
   */
  public static RunRecord of(RunResult r, String scenarioText) {
    Optional<TransmissionDigest> digest = Optional.empty();
    if (r.history().recordsTransmissions() && r.history().keepsFrames()) {
      TransmissionDigest d = digest(r.scenario());
      r.history().entriesOf(FrameTransmitted.class).forEach(d);
      digest = Optional.of(d);
    }
    return of(r, scenarioText, digest);
  }

  /** A digest for a run of {@code s}: pass it to {@code RunOptions.withListener} before the run. */
  public static TransmissionDigest digest(Scenario s) {
    return new TransmissionDigest(host -> s.host(host).isPresent());
  }

  /**
   * The record of {@code r} with the advertisements and gratuitous ARPs {@code digest} saw while it
   * ran (empty: the run kept no traffic, and the report says so).
   *
   * @param scenarioText the scenario file as read (masked here), or empty when unknown
   */
  public static RunRecord of(RunResult r, String scenarioText, Optional<TransmissionDigest> digest) {
    Scenario s = r.scenario();
    List<String> warnings = new ArrayList<>();
    for (Diagnostic d : s.warnings()) {
      warnings.add("line " + d.line() + ":" + d.column() + ": " + d.message());
    }
    List<RunRecord.Expectation> expectations = new ArrayList<>();
    for (Verdict v : r.verdicts()) {
      expectations.add(new RunRecord.Expectation(v.expectation().line(), v.expectation().text(), v.passed(),
          v.detail()));
    }
    Map<String, Map<String, Map<String, Long>>> stats = new LinkedHashMap<>();
    r.statistics().forEach((host, ifaces) -> {
      Map<String, Map<String, Long>> byIface = new LinkedHashMap<>();
      ifaces.forEach((iface, counters) -> {
        Map<String, Long> c = new LinkedHashMap<>();
        for (CarpStat stat : CarpStat.values()) {
          c.put(stat.counterName(), counters.getOrDefault(stat, 0L));
        }
        byIface.put(iface, c);
      });
      stats.put(host, byIface);
    });
    boolean recorded = digest.isPresent();
    EngineStats e = r.engine();
    RunRecord.Engine engine = new RunRecord.Engine(e.eventsExecuted(), e.wallMillis(),
        Math.round(e.eventsPerSecond()), Math.round(e.simulatedSecondsPerWallSecond()));
    return new RunRecord(s.name(), s.file(), s.seed(), r.passed(), s.duration(), s.defaultProfile().name(),
        scenarioText.isEmpty() ? "" : ScenarioText.redact(scenarioText), warnings, expectations, r.transitions(),
        r.history().timed(Logged.class), timeline(s), digest.map(TransmissionDigest::adverts).orElse(List.of()),
        recorded, digest.map(TransmissionDigest::announcements).orElse(List.of()), arp(s, r.arpAnswers()), stats,
        r.view().outages(), r.history().events(TrafficCounted.class),
        r.history().events(PortPolicyDrops.class),
        r.history().events(org.carpsim.scenario.history.SnoopingDrops.class),
        r.history().timed(org.carpsim.sim.history.GroupNotForwarded.class), engine);
  }

  /** The scenario's {@code at} lines as events; their text is already masked by the parser. */
  static List<RunRecord.TimedEvent> timeline(Scenario s) {
    List<RunRecord.TimedEvent> out = new ArrayList<>();
    for (TimelineEvent e : s.timeline()) {
      out.add(new RunRecord.TimedEvent(e.at(), e.verb(), e.origin().text()));
    }
    return out;
  }

  /** The clients' answers per segment and address, bucketed by request time. */
  static List<RunRecord.ArpSeries> arp(Scenario s, List<Timed<ArpAnswered>> answers) {
    if (answers.isEmpty()) {
      return List.of();
    }
    long bucket = s.countBucket();
    int buckets = (int) Math.max(1, (s.duration() + bucket - 1) / bucket);
    record Key(String segment, String target) {}
    Map<Key, Map<String, long[]>> byHost = new TreeMap<>(java.util.Comparator.comparing(Key::segment)
        .thenComparing(Key::target));
    Map<Key, long[]> unanswered = new LinkedHashMap<>();
    for (Timed<ArpAnswered> t : answers) {
      ArpAnswered a = t.event();
      Key k = new Key(a.segment(), a.target().toString());
      int i = (int) Math.min(buckets - 1, Math.max(0, a.requestedAt() / bucket));
      Map<String, long[]> hosts = byHost.computeIfAbsent(k, x -> new TreeMap<>());
      if (a.answered()) {
        hosts.computeIfAbsent(a.answeredBy(), x -> new long[buckets])[i]++;
      } else {
        unanswered.computeIfAbsent(k, x -> new long[buckets])[i]++;
      }
    }
    List<RunRecord.ArpSeries> out = new ArrayList<>();
    byHost.forEach((k, hosts) -> {
      Map<String, List<Long>> counts = new TreeMap<>();
      hosts.forEach((h, c) -> counts.put(h, list(c)));
      out.add(new RunRecord.ArpSeries(k.segment(), k.target(), bucket, counts,
          list(unanswered.getOrDefault(k, new long[buckets]))));
    });
    return out;
  }

  private static List<Long> list(long[] a) {
    List<Long> out = new ArrayList<>(a.length);
    for (long x : a) {
      out.add(x);
    }
    return out;
  }
}
