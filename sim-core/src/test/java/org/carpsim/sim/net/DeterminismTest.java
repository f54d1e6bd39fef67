package org.carpsim.sim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.sim.history.FrameRecording;
import org.carpsim.sim.history.FrameTransmitted;
import org.carpsim.sim.history.History;
import org.carpsim.sim.history.HistoryEntry;
import org.carpsim.sim.time.Durations;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Partition;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.topology.Topology;
import org.carpsim.sim.topology.TopologyBuilder;
import org.junit.jupiter.api.Test;

class DeterminismTest {

  private static final long S = Durations.SECOND;

  /** Six hosts with random offsets on an impaired switch and hub, with faults: a busy, random run. */
  private static World run(long seed, FrameRecording recording, int extraHosts) {
    TopologyBuilder builder = Topology.builder()
        .learningSwitch("core", 30 * S,
            LinkConditions.NONE.withLatency(200_000).withJitter(50_000).withLoss(0.05).withDuplicate(0.02))
        .hub("lan", LinkConditions.NONE.withJitter(10_000).withLoss(0.1));
    for (int i = 0; i < 6; i++) {
      builder.host("h" + i).nic("h" + i, "em0", i < 3 ? "core" : "lan");
    }
    for (int i = 0; i < extraHosts; i++) {
      builder.host("x" + i).nic("x" + i, "em0", "core");
    }
    World world = World.builder(builder.build()).seed(seed).frames(recording).build();
    for (int i = 0; i < 6; i++) {
      world.host("h" + i).install(new Beacon(0, S, true));
    }
    world.schedule(10 * S, new Fault.Split("lan", Partition.parse("h3 | h4")));
    world.schedule(15 * S, new Fault.Crash("h1"));
    world.schedule(20 * S, new Fault.Heal("lan"));
    world.schedule(22 * S, new Fault.Boot("h1"));
    world.runUntil(40 * S);
    return world;
  }

  @Test
  void theSameSeedGivesTheSameHistoryByteForByte() {
    String first = run(42, FrameRecording.ALL, 0).history().toText();
    String second = run(42, FrameRecording.ALL, 0).history().toText();
    assertTrue(first.length() > 10_000, "a busy run: " + first.length() + " characters");
    assertEquals(first, second);
  }

  @Test
  void differentSeedsGiveDifferentHistories() {
    assertNotEquals(run(42, FrameRecording.ALL, 0).history().toText(), run(43, FrameRecording.ALL, 0).history().toText());
  }

  @Test
  void theRecordingLevelChangesOnlyTheFrameEntries() {
    World all = run(7, FrameRecording.ALL, 0);
    World transmissions = run(7, FrameRecording.TRANSMISSIONS, 0);
    World none = run(7, FrameRecording.NONE, 0);
    String nonFrame = all.history().toText(e -> !e.event().isFrameEvent());
    assertTrue(nonFrame.contains("beacon.milestone"), nonFrame);
    assertTrue(nonFrame.contains("crash h1"), nonFrame);
    assertEquals(nonFrame, none.history().toText(), "same entries, same sequence numbers");
    assertEquals(nonFrame, transmissions.history().toText(e -> !e.event().isFrameEvent()));
    assertEquals(all.history().toText(e -> e.event() instanceof FrameTransmitted),
        transmissions.history().toText(e -> e.event() instanceof FrameTransmitted));
    assertEquals(all.deliveredFrames(), none.deliveredFrames());
    assertEquals(all.dropCounts(), none.dropCounts());
    assertTrue(transmissions.history().entries().stream()
        .allMatch(e -> !e.event().isFrameEvent() || e.event() instanceof FrameTransmitted));
  }

  @Test
  void addingAHostDoesNotChangeTheFateOfFramesBetweenTheOthers() {
    // The extra hosts are silent; they receive frames, which draws from their own streams only.
    String between = "h[0-5]\\.em0";
    History alone = run(5, FrameRecording.ALL, 0).history();
    History crowded = run(5, FrameRecording.ALL, 3).history();
    assertEquals(fates(alone, between), fates(crowded, between));
  }

  /** rx/drop lines of the given receivers without sequence numbers (which the extra hosts shift). */
  private static List<String> fates(History history, String receivers) {
    return history.entries().stream()
        .filter(e -> e.event().isFrameEvent() && !(e.event() instanceof FrameTransmitted))
        .filter(e -> e.event().entities().get(0).matches(receivers))
        .map(HistoryEntry::toLine)
        .map(line -> line.substring(line.indexOf(' ') + 1).replaceAll("#\\d+ ", ""))
        .toList();
  }
}
