package org.carpsim.scenario.run;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.sim.history.FrameRecording;
import org.carpsim.sim.net.World;

/**
 * What a simulated host costs in heap once it is configured, booted and idle: a scenario's world is
 * built and run without its timeline (no faults, no commands) until the groups have settled, and
 * the heap in use after a full collection is compared with the heap before the world existed.
 *
 * <pre>{@code
 * IdleMemory m = IdleMemory.measure(scenario, Durations.parse("30s"));
 * System.out.println(m.bytesPerHost() + " bytes per idle host");
 * }</pre>
 *
 * <p>The figure covers everything the run holds per host: the world's host, NIC and timers, the
 * carp-node with its interfaces, keys and counters, and the frames and events in flight at the
 * end. It is a measurement of this JVM (object layout depends on its flags, e.g. compressed
 * pointers above a 32 GiB heap), not a constant.
 *
 * @param hosts the hosts of the scenario (client populations are not counted)
 * @param settleNanos virtual time the world ran before the measurement
 * @param heapBefore heap in use after a full collection before the world was built, in bytes
 * @param heapAfter heap in use after a full collection with the settled world alive, in bytes
 * @param events events the world ran while settling
 */
public record IdleMemory(int hosts, long settleNanos, long heapBefore, long heapAfter, long events) {

  /** The world's share of the heap, in bytes. */
  public long worldBytes() {
    return heapAfter - heapBefore;
  }

  /** The world's share of the heap divided by its hosts, in bytes. */
  public long bytesPerHost() {
    return hosts == 0 ? 0 : worldBytes() / hosts;
  }

  /**
   * Builds the scenario's world, boots every host with its configuration, runs it for {@code
   * settleNanos} of virtual time without the timeline, and measures the heap.
   */
  public static IdleMemory measure(Scenario scenario, long settleNanos) {
    long before = usedAfterGc();
    World world = World.builder(ScenarioRunner.topology(scenario)).seed(scenario.seed())
        .frames(FrameRecording.NONE).build();
    ScenarioRunner.Stacks stacks = ScenarioRunner.boot(world, scenario, scenario.hosts(),
        IntStream.range(0, scenario.clients().size()).boxed().toList());
    world.runUntil(settleNanos);
    long after = usedAfterGc();
    Reference.reachabilityFence(world);
    Reference.reachabilityFence(stacks);
    return new IdleMemory(scenario.hosts().size(), settleNanos, before, after, world.stats().eventsExecuted());
  }

  /** Heap in use once repeated full collections no longer free anything worth counting. */
  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long now = rt.totalMemory() - rt.freeMemory();
      if (used - now < 64 * 1024 && i >= 2) {
        return now;
      }
      used = Math.min(used, now);
    }
    return used;
  }
}
