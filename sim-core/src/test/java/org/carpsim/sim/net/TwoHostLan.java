package org.carpsim.sim.net;

import org.carpsim.sim.time.Durations;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Topology;

/** Hosts fw1 and fw2, each with em0 on a hub {@code lan} of 1 ms latency, each running a {@link Probe}. */
final class TwoHostLan {

  final World world = World.builder(Topology.builder()
          .hub("lan", LinkConditions.NONE.withLatency(Durations.MILLISECOND))
          .hosts("fw1", "fw2")
          .nic("fw1", "em0", "lan")
          .nic("fw2", "em0", "lan")
          .build())
      .build();
  final Probe fw1 = new Probe();
  final Probe fw2 = new Probe();

  TwoHostLan() {
    world.host("fw1").install(fw1);
    world.host("fw2").install(fw2);
  }
}
