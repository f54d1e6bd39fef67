package org.carpsim.scenario.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.carpsim.carp.node.CarpHost.InetAddressText;
import org.carpsim.carp.node.CarpHost;
import org.carpsim.scenario.check.Judgement;
import org.carpsim.scenario.check.RunView;
import org.carpsim.scenario.history.CountersShown;
import org.carpsim.scenario.history.CountersTaken;
import org.carpsim.scenario.history.EchoProbed;
import org.carpsim.scenario.history.MacMoves;
import org.carpsim.scenario.history.PortPolicyDrops;
import org.carpsim.scenario.history.SnoopingDrops;
import org.carpsim.scenario.history.StatusShown;
import org.carpsim.scenario.history.Verdict;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.sim.engine.EngineStats;
import org.carpsim.sim.history.History;
import org.carpsim.sim.net.World;
import org.carpsim.sim.pcap.PcapWriter;
import org.carpsim.sim.time.Durations;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Topology;
import org.carpsim.sim.topology.TopologyBuilder;

/**
 * Runs a parsed scenario in the simulator: builds the world from its segments and hosts, boots a
 * carp-node on every host with the host's configuration, plays the timeline, and judges every
 * expectation over the run's record. Same scenario and seed, same result, byte for byte.
 */
public final class ScenarioRunner {

  private ScenarioRunner() {}

  public static RunResult run(Scenario scenario) {
    return run(scenario, RunOptions.DEFAULT);
  }

  public static RunResult run(Scenario scenario, RunOptions options) {
    return run(scenario, options, Progress.NONE);
  }

  /** Told how far a run has come, in virtual time, about every half percent of it. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (now, end) -> { };

    void at(long now, long end);
  }

  /**
   * Runs the scenario, telling {@code progress} as it goes. Hosts that share no segment, directly or
   * through other hosts, can never exchange a frame: each such independent part runs as a world of
   * its own, up to {@code options.threads()} at once, and what they record is merged by time, then
   * by part (parts in the order of their first host). That order is the run's order: the same, byte
   * for byte, on one thread or many, with or without a pcap, a listener or progress; a scenario of
   * one part runs as one world. Parts are also faster on one thread: each stays in the CPU's cache.
   */
  public static RunResult run(Scenario scenario, RunOptions options, Progress progress) {
    Topology topology = topology(scenario);
    List<Set<String>> parts = topology.independentGroups();
    if (parts.size() > 1) {
      return PartitionedRun.run(scenario, topology, parts, options, progress);
    }
    return runAsOneWorld(scenario, topology, options, progress);
  }

  /**
   * The whole scenario as one world, whatever its parts: what {@link #run} did before parts, kept to
   * compare with (benchmarks, tests). One scheduler orders events of two parts at the same
   * nanosecond by when they were armed, so the order of those may differ from {@link #run}'s.
   */
  public static RunResult runAsOneWorld(Scenario scenario) {
    return runAsOneWorld(scenario, topology(scenario), RunOptions.DEFAULT, Progress.NONE);
  }

  static RunResult runAsOneWorld(Scenario scenario, Topology topology, RunOptions options, Progress progress) {
    History history = new History(options.frames(), options.keepsFrames());
    World world = World.builder(topology).seed(scenario.seed()).history(history).build();
    PcapWriter pcap = null;
    try {
      if (options.pcap().isPresent()) {
        pcap = PcapWriter.create(options.pcap().get());
        history.addListener(pcap.transmissionListener());
      }
      options.listeners().forEach(history::addListener);
      play(world, scenario, scenario.hosts(), IntStream.range(0, scenario.clients().size()).boxed().toList(),
          scenario.timeline(), progress);
      if (pcap != null) {
        pcap.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + options.pcap().orElseThrow() + ": " + e.getMessage(), e);
    }
    return judge(scenario, history, world.stats());
  }

  /**
   * Judges every expectation over {@code history} and records each verdict in it at the end of the
   * run, in file order: the run's last entries. A live run (the conformance module's lab) judges its
   * real history here too, so live and simulated runs share every checker.
   */
  public static RunResult judge(Scenario scenario, History history, EngineStats engine) {
    RunView view = RunView.of(history, scenario.duration());
    List<Verdict> verdicts = new ArrayList<>();
    for (Expectation e : scenario.expectations()) {
      Judgement j = e.checker().check(view);
      Verdict v = new Verdict(e, j.holds(), j.detail());
      history.record(scenario.duration(), v);
      verdicts.add(v);
    }
    // the verdicts are the history's last entries and no checker reads them: the view stays whole
    return new RunResult(scenario, history, engine, view, verdicts);
  }

  /** The stacks {@link #boot} installed: the CARP hosts by name and the client populations. */
  record Stacks(Map<String, CarpHostStack> hosts, List<PopulationStack> populations) {}

  /** Installs a CARP stack on each of {@code hosts} and a client stack for each population numbered {@code clients}. */
  static Stacks boot(World world, Scenario scenario, List<Host> hosts, List<Integer> clients) {
    ArpReplies arpReplies = new ArpReplies();
    Map<String, CarpHostStack> stacks = new LinkedHashMap<>();
    for (Host h : hosts) {
      CarpHostStack stack = new CarpHostStack(h, arpReplies);
      stacks.put(h.name(), stack);
      world.host(h.name()).install(stack);
    }
    List<PopulationStack> populations = new ArrayList<>();
    Map<String, Long> margins = clients.isEmpty() ? Map.of() : inFlightMargins(scenario, hosts);
    for (int i : clients) {
      ClientPopulation p = scenario.clients().get(i);
      PopulationStack stack = p.sendsTraffic() ? new TrafficClientsStack(p, margins.get(p.segment()),
          scenario.countBucket())
          : new ClientPopulationStack(p, arpReplies);
      populations.add(stack);
      world.host(clientHost(i)).install(stack);
    }
    return new Stacks(stacks, populations);
  }

  /**
   * Boots {@code hosts} and the client populations numbered {@code clients} into {@code world},
   * plays {@code timeline} (host commands and faults) and runs to the scenario's end: the one way a
   * world runs a scenario, whole or one independent part of it.
   */
  static void play(World world, Scenario scenario, List<Host> hosts, List<Integer> clients,
      List<TimelineEvent> timeline) {
    play(world, scenario, hosts, clients, timeline, Progress.NONE);
  }

  static void play(World world, Scenario scenario, List<Host> hosts, List<Integer> clients,
      List<TimelineEvent> timeline, Progress progress) {
    Stacks stacks = boot(world, scenario, hosts, clients);
    for (TimelineEvent event : timeline) {
      if (event instanceof TimelineEvent.CommandAt c) {
        CarpHostStack stack = stacks.hosts().get(c.host());
        org.carpsim.sim.net.Host host = world.host(c.host());
        // typed at a paused host's console, it runs when the host resumes
        world.scheduler().schedule(c.at(), () -> world.whenRunning(host,
            () -> stack.type(c.command(), c.origin().where(), c.command().redactedText())));
      } else if (event instanceof TimelineEvent.FaultAt f) {
        world.schedule(f.at(), f.fault());
      }
    }
    schedulePings(world, scenario, hosts, stacks);
    runTo(world, scenario.duration(), progress);
    stacks.hosts().values().forEach(CarpHostStack::finish);
    stacks.populations().forEach(PopulationStack::finish);
    for (org.carpsim.sim.net.Segment segment : world.segments()) {
      if (segment.macMoves() > 0) {
        world.record(new MacMoves(segment.name(), segment.macMoves()));
      }
      if (segment.snoopedDrops() > 0 || segment.queriesSent() > 0 || segment.snooping().snoops()) {
        world.record(new SnoopingDrops(segment.name(), segment.snooping().toString(),
            segment.snoopedDrops(), segment.queriesSent()));
      }
    }
    for (Host h : hosts) {
      for (org.carpsim.sim.net.Nic nic : world.host(h.name()).nics()) {
        if (nic.policy().filters() || nic.destinationDropped() > 0) { // a timeline filter counts too
          world.record(new PortPolicyDrops(nic.qualifiedName(), nic.forgedDropped(), nic.otherMacDropped(),
              nic.destinationDropped()));
        }
      }
    }
  }

  /**
   * The echoes of the {@code expect ping} lines and the {@code ifconfig}/{@code netstat} of the
   * {@code expect at T ifconfig|netstat} lines whose host runs in this world, after the timeline's events
   * of the same instant: what they show is read from the nodes as they are then, into the history.
   */
  private static void schedulePings(World world, Scenario scenario, List<Host> hosts, Stacks stacks) {
    for (Expectation e : scenario.expectations()) {
      if (e instanceof Expectation.IfconfigShows s && stacks.hosts().containsKey(s.host())) {
        world.scheduler().schedule(s.at(), () -> {
          CarpHost node = stacks.hosts().get(s.host()).node();
          String text;
          if (node == null) {
            text = "(host is powered off)";
          } else {
            try {
              text = node.ifconfigStatus(s.iface());
            } catch (IllegalArgumentException noSuch) {
              text = noSuch.getMessage();
            }
          }
          world.record(new StatusShown(s.host(), s.iface(), text));
        });
      }
      if (e instanceof Expectation.StatAt s && stacks.hosts().containsKey(s.stat().host())) {
        world.scheduler().schedule(s.at(), () -> {
          CarpHost node = stacks.hosts().get(s.stat().host()).node();
          if (node != null) {
            world.record(new CountersShown(s.stat().host(),
                new CountersTaken(s.stat().host(), node.statistics())));
          }
        });
      }
      if (!(e instanceof Expectation.Ping p) || !stacks.hosts().containsKey(p.host())) {
        continue;
      }
      InetAddressText address =
          InetAddressText.parse(p.address());
      InetAddressText source = p.source()
          .map(InetAddressText::parse).orElse(null);
      Host pinger = hosts.stream().filter(h -> h.name().equals(p.host())).findFirst().orElseThrow();
      for (long at : p.probes()) {
        world.scheduler().schedule(at, () -> world.record(new EchoProbed(p.host(),
            p.address(), p.source().orElse(""), answers(pinger, source, address, hosts, stacks))));
      }
    }
  }

  /**
   * {@code host.nic} of every NIC that answers a ping from {@code pinger} for {@code address} now; with a
   * {@code source} (ping -S), only from a NIC where the pinger may use it: its own, or its MASTER's
   * (a BACKUP's carp address cannot be a source: FreeBSD's ping exits 2).
   */
  private static List<String> answers(Host pinger, InetAddressText source,
      InetAddressText address,
      List<Host> hosts, Stacks stacks) {
    CarpHost from = stacks.hosts().get(pinger.name()).node();
    List<String> out = new ArrayList<>();
    if (from == null) {
      return out; // powered off: nothing is sent
    }
    for (org.carpsim.scenario.model.Nic mine : pinger.nics()) {
      if (!from.nicRunning(mine.name()) || (source != null ? !from.answersEcho(mine.name(), source)
          : !from.hasOwnAddress(mine.name(), address.v6() != null))) {
        continue; // nothing to send from: ping says "No route to host" / "Can't assign requested address"
      }
      for (Host h : hosts) {
        CarpHost node = stacks.hosts().get(h.name()).node();
        if (node == null) {
          continue;
        }
        for (org.carpsim.scenario.model.Nic theirs : h.nics()) {
          String at = h.name() + "." + theirs.name();
          if (theirs.segment().equals(mine.segment()) && node.answersEcho(theirs.name(), address)
              && !out.contains(at)) {
            out.add(at);
          }
        }
      }
    }
    return out;
  }

  /** Runs {@code world} to {@code end} in steps of half a percent, telling {@code progress} after each. */
  static void runTo(World world, long end, Progress progress) {
    if (progress == Progress.NONE) {
      world.runUntil(end);
      return;
    }
    long step = Math.max(1, end / 200);
    for (long t = Math.min(step, end); ; t = Math.min(t + step, end)) {
      world.runUntil(t);
      progress.at(t, end);
      if (t == end) {
        return;
      }
    }
  }

  /**
   * How long a client's packet may take to reach a host on each segment of {@code hosts}: the
   * segment's latency and jitter plus the slowest cable's there, and a microsecond. One pass over the
   * hosts' NICs: a campus has a population per group, and a pass per population was quadratic.
   */
  private static Map<String, Long> inFlightMargins(Scenario scenario, List<Host> hosts) {
    Map<String, Long> slowestCable = new HashMap<>();
    for (Host h : hosts) {
      for (org.carpsim.scenario.model.Nic n : h.nics()) {
        slowestCable.merge(n.segment(), n.conditions().latency() + n.conditions().jitter(), Math::max);
      }
    }
    Map<String, Long> margins = new HashMap<>();
    for (org.carpsim.scenario.model.Segment segment : scenario.segments()) {
      LinkConditions seg = segment.conditions();
      margins.put(segment.name(), seg.latency() + seg.jitter() + slowestCable.getOrDefault(segment.name(), 0L)
          + Durations.MICROSECOND);
    }
    return margins;
  }

  /** The simulated host that stands for the {@code index}-th client population (':' is not a host name character). */
  static String clientHost(int index) {
    return ClientPopulation.hostName(index + 1);
  }

  /** The scenario's topology plus one host with one NIC per client population. */
  static Topology topology(Scenario scenario) {
    TopologyBuilder b = scenario.topologyBuilder();
    for (int i = 0; i < scenario.clients().size(); i++) {
      ClientPopulation p = scenario.clients().get(i);
      b.host(clientHost(i));
      b.nic(clientHost(i), "eth0", p.segment(), p.firstMac().value());
    }
    return b.build();
  }
}
