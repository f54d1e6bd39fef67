package org.carpsim.sim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.frame.Macs;
import org.carpsim.sim.history.FrameDelivered;
import org.carpsim.sim.history.FrameRecording;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * A frame for its addressee only (a client's packet) crosses a hub to every NIC and is counted and
 * recorded there as before, but only the stacks whose NIC accepts its destination MAC see it.
 */
class AddresseeOnlyTest {

  private static final long S = 1_000_000_000;
  private static final long VIRTUAL = 0x00005e000101L;

  /** A frame of the test type that only its addressee's stack is handed. */
  private static final class ForAddressee extends Frame {
    ForAddressee(long destination, long source, String payload) {
      super(bytes(destination, source, payload), true);
    }

    private static byte[] bytes(long destination, long source, String payload) {
      return Probe.frame(destination, source, payload).array();
    }
  }

  private final Topology topology = Topology.builder().hub("lan", LinkConditions.NONE).hosts("c", "a", "b", "d")
      .nic("c", "em0", "lan", 0x020000000001L).nic("a", "em0", "lan", 0x020000000002L)
      .nic("b", "em0", "lan", 0x020000000003L).nic("d", "em0", "lan", 0x020000000004L).build();
  private final World world = World.builder(topology).seed(1).frames(FrameRecording.ALL).build();

  private Probe install(String host) {
    Probe p = new Probe();
    world.host(host).install(p);
    return p;
  }

  @Test
  void onlyTheNicsListeningOnTheDestinationOrOwningItHandItToTheirStack() {
    install("c");
    Probe a = install("a");
    Probe b = install("b");
    Probe d = install("d");
    world.nic("a.em0").listen(new long[] {VIRTUAL});
    Nic c = world.nic("c.em0");
    world.scheduler().schedule(S, () -> {
      c.transmit(new ForAddressee(VIRTUAL, c.mac(), "to the virtual MAC"));
      c.transmit(new ForAddressee(world.nic("b.em0").mac(), c.mac(), "to b"));
      c.transmit(Probe.frame(VIRTUAL, c.mac(), "plain unicast"));
    });
    world.runUntil(2 * S);
    assertEquals(List.of(S + " em0 to the virtual MAC", S + " em0 plain unicast"), a.heard);
    assertEquals(List.of(S + " em0 to b", S + " em0 plain unicast"), b.heard);
    assertEquals(List.of(S + " em0 plain unicast"), d.heard, "a plain frame still reaches every stack");
    assertEquals(9, world.deliveredFrames(), "every copy reached its NIC and is counted");
    assertEquals(9, world.history().events(FrameDelivered.class).size());
  }

  @Test
  void listeningIsTheNicsOwnFilterAndGroupAddressesAlwaysPass() {
    Nic a = world.nic("a.em0");
    assertTrue(a.accepts(a.mac()));
    assertTrue(a.accepts(Macs.BROADCAST));
    assertFalse(a.accepts(VIRTUAL));
    a.listen(new long[] {VIRTUAL});
    assertTrue(a.accepts(VIRTUAL));
    a.listen(new long[0]);
    assertFalse(a.accepts(VIRTUAL));
    assertFalse(new ForAddressee(Macs.BROADCAST, a.mac(), "x").forAddresseeOnly(), "a broadcast is for everyone");
    assertTrue(new ForAddressee(VIRTUAL, a.mac(), "x").forAddresseeOnly());
    assertEquals("x", new String(new ForAddressee(VIRTUAL, a.mac(), "x").array(), 14, 1, StandardCharsets.UTF_8));
  }
}
