package org.carpsim.scenario.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.sim.engine.EngineStats;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.history.History;
import org.carpsim.sim.history.HistoryEntry;
import org.carpsim.sim.net.World;
import org.carpsim.sim.pcap.PcapMerge;
import org.carpsim.sim.pcap.PcapWriter;
import org.carpsim.sim.topology.HostSpec;
import org.carpsim.sim.topology.NicSpec;
import org.carpsim.sim.topology.SegmentSpec;
import org.carpsim.sim.topology.Topology;
import org.carpsim.sim.topology.TopologyBuilder;

/**
 * A scenario run as its independent parts: hosts that share no segment, directly or through other
 * hosts, can never exchange a frame ({@link Topology#independentGroups()}), so each part is a
 * world of its own with its own clock, run on whichever thread is free. Random draws are per
 * entity ({@code "nic fw1.em0"}), so every part sees exactly the draws it would see in one world.
 *
 * <p>The parts' records are merged in a fixed order: by time, then by part (parts in the order of
 * their first host's declaration), then in the order each part recorded them. That order does not
 * depend on the number of threads or on which thread ran which part, so the result is the same,
 * byte for byte, on one thread or many. Within a part it is the order one world gives; events of
 * two parts at the same nanosecond come part by part, where one scheduler would order them by when
 * they were armed. The merged history's sequence numbers count the entries it keeps. A pcap is
 * written per part and merged the same way; listeners see each part's entries as they happen.
 */
final class PartitionedRun {

  private PartitionedRun() {}

  /** One independent part: its own world and stacks. */
  private static final class Part {
    final int index;
    final Set<String> hosts;
    final Set<String> segments = new LinkedHashSet<>();
    final List<TimelineEvent> timeline = new ArrayList<>();
    // the part's share of the full topology and scenario, each in the full one's order
    final List<SegmentSpec> segmentSpecs = new ArrayList<>();
    final List<String> hostNames = new ArrayList<>();
    final List<NicSpec> nicSpecs = new ArrayList<>();
    final List<Host> scenarioHosts = new ArrayList<>();
    final List<Integer> clients = new ArrayList<>();
    // what the merge needs of the part's run; the world itself is let go as soon as the part ends,
    // so that a finished part's hosts die young instead of being copied by every later collection
    List<HistoryEntry> entries;
    EngineStats stats;
    Path pcap;
    // how far the part's clock has come, for progress read by another thread
    volatile long now;

    Part(int index, Set<String> hosts) {
      this.index = index;
      this.hosts = hosts;
    }
  }

  static RunResult run(Scenario scenario, Topology full, List<Set<String>> groups, RunOptions options,
      ScenarioRunner.Progress progress) {
    List<Part> parts = new ArrayList<>();
    Map<String, Part> partOfHost = new HashMap<>();
    Map<String, Part> partOfSegment = new HashMap<>();
    for (Set<String> group : groups) {
      Part part = new Part(parts.size(), group);
      parts.add(part);
      group.forEach(h -> partOfHost.put(h, part));
    }
    for (NicSpec nic : full.nics()) {
      Part part = partOfHost.get(nic.host());
      part.segments.add(nic.segment());
      partOfSegment.put(nic.segment(), part);
    }
    for (SegmentSpec segment : full.segments()) {
      partOfSegment.putIfAbsent(segment.name(), parts.get(0)); // a segment nobody is on
      parts.get(0).segments.add(segment.name());
    }
    for (TimelineEvent event : scenario.timeline()) {
      partOf(event, full, partOfHost, partOfSegment).timeline.add(event);
    }
    share(scenario, full, parts, partOfHost);

    int threads = Math.min(options.threads(), parts.size());
    // several threads call the listeners one at a time; one thread needs no lock
    List<Consumer<? super HistoryEntry>> listeners = threads == 1 ? options.listeners()
        : options.listeners().stream().<Consumer<? super HistoryEntry>>map(PartitionedRun::oneCallAtATime).toList();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "carpsim-part");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Part part : parts) {
        running.add(pool.submit(() -> {
          runPart(scenario, part, options, listeners, progress != ScenarioRunner.Progress.NONE);
          return null;
        }));
      }
      waitFor(running, parts, scenario.duration(), progress);
      if (options.pcap().isPresent()) {
        PcapMerge.merge(parts.stream().map(p -> p.pcap).toList(), options.pcap().get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + options.pcap().orElseThrow() + ": " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
      deletePartPcaps(parts);
    }
    long wall = System.nanoTime() - start;

    List<List<HistoryEntry>> entries = new ArrayList<>();
    long events = 0;
    int pending = 0;
    for (Part part : parts) {
      entries.add(part.entries);
      events += part.stats.eventsExecuted();
      pending += part.stats.eventsPending();
    }
    History history = new History(options.frames(), options.keepsFrames());
    for (HistoryEntry entry : merge(entries, HistoryEntry::time)) {
      history.record(entry.time(), entry.event());
    }
    return ScenarioRunner.judge(scenario, history, new EngineStats(events, pending, scenario.duration(), wall));
  }

  /** Waits for every part, telling {@code progress} the parts' mean virtual time every tenth of a second. */
  private static void waitFor(List<Future<?>> running, List<Part> parts, long end, ScenarioRunner.Progress progress)
      throws IOException {
    try {
      for (Future<?> f : running) {
        while (true) {
          try {
            f.get(100, TimeUnit.MILLISECONDS);
            break;
          } catch (TimeoutException e) {
            if (progress != ScenarioRunner.Progress.NONE) {
              long sum = 0;
              for (Part p : parts) {
                sum += p.now;
              }
              progress.at(sum / parts.size(), end);
            }
          }
        }
      }
      if (progress != ScenarioRunner.Progress.NONE) {
        progress.at(end, end);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the run was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** A listener that several parts' threads call one at a time. */
  private static Consumer<? super HistoryEntry> oneCallAtATime(Consumer<? super HistoryEntry> listener) {
    return entry -> {
      synchronized (listener) {
        listener.accept(entry);
      }
    };
  }

  private static void deletePartPcaps(List<Part> parts) {
    for (Part part : parts) {
      if (part.pcap != null) {
        try {
          Files.deleteIfExists(part.pcap);
        } catch (IOException e) {
          // a leftover hidden temporary file is no reason to fail a finished run
        }
      }
    }
  }

  /**
   * Hands each part its segments, hosts, NICs, scenario hosts and client populations, in the full
   * topology's order, in one pass over each: asking every part about every host was quadratic (10⁸
   * lookups for 1,000 parts of 100,000 hosts).
   */
  private static void share(Scenario scenario, Topology full, List<Part> parts, Map<String, Part> partOfHost) {
    Map<String, List<Part>> partsOfSegment = new HashMap<>();
    for (Part part : parts) {
      for (String segment : part.segments) {
        partsOfSegment.computeIfAbsent(segment, k -> new ArrayList<>(2)).add(part);
      }
    }
    for (SegmentSpec segment : full.segments()) {
      for (Part part : partsOfSegment.getOrDefault(segment.name(), List.of())) {
        part.segmentSpecs.add(segment);
      }
    }
    for (HostSpec host : full.hosts()) {
      Part part = partOfHost.get(host.name());
      if (part != null) {
        part.hostNames.add(host.name());
      }
    }
    for (NicSpec nic : full.nics()) {
      Part part = partOfHost.get(nic.host());
      if (part != null) {
        part.nicSpecs.add(nic);
      }
    }
    for (Host h : scenario.hosts()) {
      Part part = partOfHost.get(h.name());
      if (part != null) {
        part.scenarioHosts.add(h);
      }
    }
    for (int i = 0; i < scenario.clients().size(); i++) {
      Part part = partOfHost.get(ScenarioRunner.clientHost(i));
      if (part != null) {
        part.clients.add(i);
      }
    }
  }

  /** Builds and runs one part: the scenario's runner, on the part's hosts, segments and timeline. */
  private static void runPart(Scenario scenario, Part part, RunOptions options,
      List<Consumer<? super HistoryEntry>> listeners, boolean tellsProgress) throws IOException {
    TopologyBuilder b = Topology.builder();
    part.segmentSpecs.forEach(b::segment);
    part.hostNames.forEach(b::host);
    for (NicSpec nic : part.nicSpecs) {
      b.nic(nic.host(), nic.name(), nic.segment(), nic.mac(), nic.conditions(), nic.policy());
    }
    History history = new History(options.frames(), options.keepsFrames());
    World world = World.builder(b.build()).seed(scenario.seed()).history(history).build();
    PcapWriter pcap = null;
    if (options.pcap().isPresent()) {
      // next to the pcap, so the merge stays on one file system
      part.pcap = Files.createTempFile(options.pcap().get().toAbsolutePath().getParent(), ".carpsim-part", ".pcap");
      pcap = PcapWriter.create(part.pcap);
      history.addListener(pcap.transmissionListener());
    }
    listeners.forEach(history::addListener);
    ScenarioRunner.play(world, scenario, part.scenarioHosts, part.clients, part.timeline,
        tellsProgress ? (now, end) -> part.now = now : ScenarioRunner.Progress.NONE);
    if (pcap != null) {
      pcap.close();
    }
    part.entries = new ArrayList<>(world.history().entries()); // a copy: the view would hold the history
    part.stats = world.stats();
  }

  /** The part a timeline event acts on: the one holding its host, NIC or segment. */
  private static Part partOf(TimelineEvent event, Topology full, Map<String, Part> partOfHost,
      Map<String, Part> partOfSegment) {
    if (event instanceof TimelineEvent.CommandAt c) {
      return partOfHost.get(c.host());
    }
    Fault fault = ((TimelineEvent.FaultAt) event).fault();
    if (fault instanceof Fault.OfHost f) { // crash, boot, pause, timer-jitter, clock
      return partOfHost.get(f.host());
    } else if (fault instanceof Fault.Link f) {
      return partOfHost.get(full.nic(f.nic()).host());
    } else if (fault instanceof Fault.NicConditions f) {
      return partOfHost.get(full.nic(f.nic()).host());
    } else if (fault instanceof Fault.TransmitErrors f) {
      return partOfHost.get(full.nic(f.nic()).host());
    } else if (fault instanceof Fault.Split f) {
      return partOfSegment.get(f.segment());
    } else if (fault instanceof Fault.Heal f) {
      return partOfSegment.get(f.segment());
    } else if (fault instanceof Fault.SegmentConditions f) {
      return partOfSegment.get(f.segment());
    } else if (fault instanceof Fault.PortFilter f) {
      return partOfHost.get(full.nic(f.nic()).host());
    } else if (fault instanceof Fault.PortLoss f) {
      return partOfHost.get(full.nic(f.nic()).host());
    } else if (fault instanceof Fault.SwitchSnooping f) {
      return partOfSegment.get(f.segment());
    } else if (fault instanceof Fault.SwitchQuerier f) {
      return partOfSegment.get(f.segment());
    }
    throw new IllegalArgumentException("unknown fault " + fault);
  }

  /**
   * Merges the parts' lists: the earliest head first, the lower part on a tie; each list's own
   * order is kept. Deterministic whatever order the parts finished in.
   */
  private static <T> List<T> merge(List<List<T>> lists, ToLongFunction<T> time) {
    int total = 0;
    for (List<T> l : lists) {
      total += l.size();
    }
    List<T> out = new ArrayList<>(total);
    int[] next = new int[lists.size()];
    // heads as (time, part): the queue's order is the merge order
    PriorityQueue<long[]> heads = new PriorityQueue<>((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0])
        : Long.compare(x[1], y[1]));
    for (int p = 0; p < lists.size(); p++) {
      if (!lists.get(p).isEmpty()) {
        heads.add(new long[] {time.applyAsLong(lists.get(p).get(0)), p});
      }
    }
    while (!heads.isEmpty()) {
      long[] head = heads.poll();
      int p = (int) head[1];
      List<T> l = lists.get(p);
      out.add(l.get(next[p]++));
      if (next[p] < l.size()) {
        head[0] = time.applyAsLong(l.get(next[p]));
        heads.add(head);
      }
    }
    return out;
  }
}
