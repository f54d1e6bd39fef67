package org.carpsim.sim.net;

import static org.carpsim.sim.net.Probe.broadcast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.history.FrameRecording;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Topology;
import org.carpsim.sim.topology.TopologyBuilder;
import org.junit.jupiter.api.Test;

/**
 * The copies of a frame that reach their NICs at the same instant are one event; these tests pin
 * that this changes nothing anyone can see: the order of arrivals and of what receivers do in
 * reaction, the history, and {@code stop()} between two receivers.
 */
class BatchedDeliveryTest {

  private static final long US = 1_000;
  private static final long S = 1_000_000_000;

  /** A hub of {@code n} hosts h0..h(n-1); {@code slow} hosts' links add 7 µs of latency. */
  private static Topology hub(int n, LinkConditions segment, int... slow) {
    TopologyBuilder b = Topology.builder().hub("lan", segment);
    for (int i = 0; i < n; i++) {
      b.host("h" + i);
      boolean isSlow = false;
      for (int s : slow) {
        isSlow |= s == i;
      }
      b.nic("h" + i, "em0", "lan", 0x020000000000L + i + 1,
          isSlow ? LinkConditions.NONE.withLatency(7 * US) : LinkConditions.NONE);
    }
    return b.build();
  }

  /** Writes down "time host payload" for every frame and answers "ping" with a zero-delay "pong". */
  private static final class Echo implements HostStack {
    private final List<String> log;

    Echo(List<String> log) {
      this.log = log;
    }

    @Override
    public void onFrame(Nic nic, Frame frame) {
      String payload = Probe.payload(frame);
      log.add(nic.host().now() + " " + nic.host().name() + " " + payload);
      if (payload.equals("ping")) {
        nic.transmit(broadcast(nic, "pong-" + nic.host().name()));
      }
      if (payload.startsWith("pong") && nic.host().name().equals("h2")) {
        nic.host().world().scheduler().schedule(nic.host().now(), () -> log.add(nic.host().now() + " timer of h2"));
      }
    }
  }

  private static World world(Topology topology, List<String> log) {
    World world = World.builder(topology).seed(5).frames(FrameRecording.ALL).build();
    for (Host h : world.hosts()) {
      h.install(new Echo(log));
    }
    return world;
  }

  @Test
  void receiversHearAFrameInPortOrderAndTheirReactionsComeAfterEveryCopy() {
    List<String> log = new ArrayList<>();
    World world = world(hub(4, LinkConditions.NONE), log);
    Nic h0 = world.nic("h0.em0");
    world.scheduler().schedule(S, () -> h0.transmit(broadcast(h0, "ping")));
    world.runUntil(2 * S);
    // every copy of the ping first, in port order; then each pong (armed while the ping was being
    // handed out) in the order it was sent, and h2's zero-delay timers after the pong that armed them
    assertEquals(List.of(
        S + " h1 ping", S + " h2 ping", S + " h3 ping",
        S + " h0 pong-h1", S + " h2 pong-h1", S + " h3 pong-h1",
        S + " h0 pong-h2", S + " h1 pong-h2", S + " h3 pong-h2",
        S + " h0 pong-h3", S + " h1 pong-h3", S + " h2 pong-h3",
        S + " timer of h2", S + " timer of h2"), log);
    assertEquals(7, world.stats().eventsExecuted(),
        "the ping's send, one delivery event per frame (ping and three pongs), two timers");
  }

  @Test
  void copiesArrivingAtDifferentInstantsKeepTheirOwnTimes() {
    List<String> log = new ArrayList<>();
    World world = world(hub(5, LinkConditions.NONE.withLatency(100 * US), 2), log);
    Nic h0 = world.nic("h0.em0");
    world.scheduler().schedule(S, () -> h0.transmit(broadcast(h0, "hello")));
    world.runUntil(2 * S);
    assertEquals(List.of(
        (S + 100 * US) + " h1 hello", (S + 100 * US) + " h3 hello", (S + 100 * US) + " h4 hello",
        (S + 107 * US) + " h2 hello"), log);
  }

  @Test
  void stopBetweenTwoReceiversLeavesTheRestForTheNextRunInTheSameOrder() {
    List<String> straight = new ArrayList<>();
    World reference = world(hub(6, LinkConditions.NONE), straight);
    Nic r0 = reference.nic("h0.em0");
    reference.scheduler().schedule(S, () -> r0.transmit(broadcast(r0, "ping")));
    reference.runUntil(2 * S);

    List<String> stopped = new ArrayList<>();
    World world = world(hub(6, LinkConditions.NONE), stopped);
    world.host("h2").install(new HostStack() {
      final Echo echo = new Echo(stopped);

      @Override
      public void onFrame(Nic nic, Frame frame) {
        echo.onFrame(nic, frame);
        world.scheduler().stop();
      }
    });
    Nic h0 = world.nic("h0.em0");
    world.scheduler().schedule(S, () -> h0.transmit(broadcast(h0, "ping")));
    int runs = 0;
    while (world.now() < 2 * S && runs < 100) {
      world.runUntil(2 * S);
      runs++;
    }
    assertTrue(runs > 1, "the stops ended runs early");
    assertEquals(straight, stopped);
    assertEquals(reference.history().toText(), world.history().toText());
  }

  @Test
  void jitterAndLossGiveTheSameArrivalsAsBefore() {
    // with jitter every copy has its own instant: the fate of each still comes from its own NIC's
    // stream, so the arrivals at h1 do not depend on how many other hosts share the hub
    LinkConditions impaired = LinkConditions.NONE.withLatency(50 * US).withJitter(30 * US).withLoss(0.2);
    List<String> small = new ArrayList<>();
    List<String> large = new ArrayList<>();
    World a = world(hub(3, impaired), small);
    World b = world(hub(8, impaired), large);
    for (World w : List.of(a, b)) {
      Nic h0 = w.nic("h0.em0");
      for (int i = 0; i < 40; i++) {
        int n = i;
        w.scheduler().schedule(S + i * 10 * US, () -> h0.transmit(broadcast(h0, "f" + n)));
      }
      w.runUntil(2 * S);
    }
    assertEquals(filter(small, " h1 f"), filter(large, " h1 f"));
    assertTrue(filter(small, " h1 f").size() < 40, "some frames were lost");
  }

  private static List<String> filter(List<String> lines, String part) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      if (l.contains(part)) {
        out.add(l);
      }
    }
    return out;
  }
}
