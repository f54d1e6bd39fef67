package org.carpsim.sim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.carpsim.sim.history.DropReason;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.time.Durations;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * The example: three hosts on one segment send a frame each second; b's cable is pulled at
 * 2.1 s and plugged back at 3.6 s. Which frames arrive where, and when, is exact.
 */
class ThreeHostExampleTest {

  private static long t(String duration) {
    return Durations.parse(duration);
  }

  @Test
  void aPulledCableSilencesAHostBothWaysForExactlyThatSpan() {
    World world = World.builder(Topology.builder()
            .hub("lan", LinkConditions.NONE.withLatency(t("50us")))
            .hosts("a", "b", "c")
            .nic("a", "em0", "lan")
            .nic("b", "em0", "lan")
            .nic("c", "em0", "lan")
            .build())
        .build();
    Beacon a = new Beacon(0, t("1s"), false);
    Beacon b = new Beacon(t("250ms"), t("1s"), false);
    Beacon c = new Beacon(t("500ms"), t("1s"), false);
    world.host("a").install(a);
    world.host("b").install(b);
    world.host("c").install(c);
    world.schedule(t("2.1s"), new Fault.Link("b.em0", false));
    world.schedule(t("3.6s"), new Fault.Link("b.em0", true));
    world.runUntil(t("5s"));

    assertEquals(List.of(
            t("0.25005s") + " em0 b#0", t("0.50005s") + " em0 c#0",
            t("1.25005s") + " em0 b#1", t("1.50005s") + " em0 c#1",
            t("2.50005s") + " em0 c#2",
            t("3.50005s") + " em0 c#3",
            t("4.25005s") + " em0 b#4", t("4.50005s") + " em0 c#4"),
        a.heard(), "a misses b#2 and b#3, sent while b's cable was out");
    assertEquals(List.of(
            t("0.00005s") + " em0 a#0", t("0.50005s") + " em0 c#0",
            t("1.00005s") + " em0 a#1", t("1.50005s") + " em0 c#1",
            t("2.00005s") + " em0 a#2",
            t("4.00005s") + " em0 a#4", t("4.50005s") + " em0 c#4"),
        b.heard(), "b hears nothing from 2.1s to 3.6s");
    assertEquals(List.of(
            t("0.00005s") + " em0 a#0", t("0.25005s") + " em0 b#0",
            t("1.00005s") + " em0 a#1", t("1.25005s") + " em0 b#1",
            t("2.00005s") + " em0 a#2",
            t("3.00005s") + " em0 a#3",
            t("4.00005s") + " em0 a#4", t("4.25005s") + " em0 b#4"),
        c.heard());
    // b#2 and b#3 were refused at b (not sent); a#3, c#2 and c#3 were dropped at b's end.
    assertEquals(2 + 3, world.droppedFrames(DropReason.CARRIER_DOWN));
    // a sends at 0..5s (runUntil includes events at 5s; a#5 is still on the wire), b and c 5 each.
    assertEquals(6 + 5 + 5 - 2, world.transmittedFrames());
  }
}
