package org.carpsim.scenario.model;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.profile.Profile;
import org.carpsim.sim.topology.Topology;
import org.carpsim.sim.topology.TopologyBuilder;

/**
 * A parsed and validated scenario file: everything a run needs, nothing half-parsed. Made by
 * {@code org.carpsim.scenario.parse.ScenarioParser}.
 *
 * @param file the file name as given to the parser
 * @param title the {@code scenario "…"} title, if any
 * @param seed the {@code seed} (default 1)
 * @param defaultProfile the {@code profile} line's profile (default {@code openbsd})
 * @param segments segments and switches, in the order declared
 * @param hosts hosts, in the order declared, each with its profile resolved
 * @param clients client populations, in the order declared
 * @param schedule the {@code at} lines as written (fixed instants, windows {@code A..B}, {@code every}),
 *     in file order
 * @param timeline the {@code at} lines' occurrences drawn for {@code seed} (see {@link Timeline#draw}),
 *     sorted by time, equal times in file order
 * @param duration the {@code run} duration in nanoseconds
 * @param expectations the {@code expect} lines, in file order
 * @param warnings what the parser noticed but accepted, in file order
 */
public record Scenario(
    String file,
    Optional<String> title,
    long seed,
    Profile defaultProfile,
    List<Segment> segments,
    List<Host> hosts,
    List<ClientPopulation> clients,
    List<ScheduledLine> schedule,
    List<TimelineEvent> timeline,
    long duration,
    List<Expectation> expectations,
    List<Diagnostic> warnings) {

  /** The default seed when a scenario has no {@code seed} line. */
  public static final long DEFAULT_SEED = 1;

  /** Copies the lists. */
  public Scenario {
    segments = List.copyOf(segments);
    hosts = List.copyOf(hosts);
    clients = List.copyOf(clients);
    schedule = List.copyOf(schedule);
    timeline = List.copyOf(timeline);
    expectations = List.copyOf(expectations);
    warnings = List.copyOf(warnings);
  }

  /** A scenario whose timeline is {@code schedule} drawn for {@code seed}. */
  public static Scenario drawn(String file, Optional<String> title, long seed, Profile defaultProfile,
      List<Segment> segments, List<Host> hosts, List<ClientPopulation> clients, List<ScheduledLine> schedule,
      long duration, List<Expectation> expectations, List<Diagnostic> warnings) {
    List<Nic> nics = hosts.stream().flatMap(h -> h.nics().stream()).toList();
    return new Scenario(file, title, seed, defaultProfile, segments, hosts, clients, schedule,
        Timeline.draw(schedule, seed, segments, nics), duration, expectations, warnings);
  }

  /** True when some {@code at} line's instant is drawn from the seed. */
  public boolean hasRandomInstants() {
    return schedule.stream().anyMatch(ScheduledLine::random);
  }

  /** The title, or the file name when there is none. */
  public String name() {
    return title.orElse(file);
  }

  /** The segment or switch called {@code name}. */
  /** At most this many count buckets across a run: enough to see a failover, few enough to read. */
  public static final int MAX_COUNT_BUCKETS = 60;

  /**
   * The width per-time counts of the run are bucketed by (clients' ARP answers, packets lost): a
   * round width (1, 2 or 5 × 10^k ns) that cuts the run into at most {@link #MAX_COUNT_BUCKETS}
   * buckets and is no shorter than any client population's interval, so that no bucket is empty
   * only because nobody sent in it.
   */
  public long countBucket() {
    long wanted = Math.max(1, (duration + MAX_COUNT_BUCKETS - 1) / MAX_COUNT_BUCKETS);
    for (ClientPopulation p : clients) {
      wanted = Math.max(wanted, p.interval());
    }
    return org.carpsim.sim.time.Durations.roundUp125(wanted);
  }

  public Optional<Segment> segment(String name) {
    return segments.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The host called {@code name}. */
  public Optional<Host> host(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
  }

  /** The NIC called {@code host.nic}. */
  public Optional<Nic> nic(String qualifiedName) {
    int dot = qualifiedName.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    return host(qualifiedName.substring(0, dot)).flatMap(h -> h.nic(qualifiedName.substring(dot + 1)));
  }

  /** Every NIC of every host, hosts in order. */
  public List<Nic> nics() {
    return hosts.stream().flatMap(h -> h.nics().stream()).toList();
  }

  /** The NICs cabled to {@code segment}, hosts in order. */
  public List<Nic> nicsOn(String segment) {
    return nics().stream().filter(n -> n.segment().equals(segment)).toList();
  }

  /** This scenario with another seed ({@code carpsim run --seed N}): random instants are drawn again. */
  public Scenario withSeed(long newSeed) {
    return drawn(file, title, newSeed, defaultProfile, segments, hosts, clients, schedule, duration, expectations,
        warnings);
  }

  /** This scenario with other segments (a sweep's knob): impairment lines are resolved again from them. */
  public Scenario withSegments(List<Segment> newSegments) {
    return drawn(file, title, seed, defaultProfile, newSegments, hosts, clients, schedule, duration, expectations,
        warnings);
  }

  /**
   * The simulator's topology: every segment, host and NIC with its MAC and conditions. Clients are
   * not part of it; the runner attaches them as it sees fit.
   */
  public Topology topology() {
    return topologyBuilder().build();
  }

  /** A builder holding this scenario's segments, hosts and NICs, for a caller that adds more (clients). */
  public TopologyBuilder topologyBuilder() {
    TopologyBuilder b = Topology.builder();
    for (Segment s : segments) {
      b.segment(s.toSpec());
    }
    for (Host h : hosts) {
      b.host(h.name());
    }
    for (Nic n : nics()) {
      b.nic(n.host(), n.name(), n.segment(), n.mac().value(), n.conditions(), n.policy());
    }
    return b;
  }
}
