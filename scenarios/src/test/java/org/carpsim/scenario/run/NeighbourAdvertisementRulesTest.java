package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv6Packet;
import org.carpsim.carp.wire.NeighborAdvertisement;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.net.Host;
import org.carpsim.sim.net.HostStack;
import org.carpsim.sim.net.Nic;
import org.carpsim.sim.net.World;
import org.junit.jupiter.api.Test;

/**
 * RFC 4861 §7.2.5 in an IPv6 client's cache, driven by a neighbour that sends the advertisements a
 * CARP host never does (the Override flag clear, another MAC): what the client's packets then go to.
 */
class NeighbourAdvertisementRulesTest {

  private static final Ipv6Address VIP = Ipv6Address.parse("2001:db8::100");
  private static final MacAddress A = MacAddress.parse("02:00:00:00:00:0a");
  private static final MacAddress B = MacAddress.parse("02:00:00:00:00:0b");
  private static final long S = 1_000_000_000L;

  /** Answers every solicitation for the VIP with MAC A (solicited, Override), and records where the packets go. */
  private static final class Neighbour implements HostStack {
    final List<String> packets = new ArrayList<>();
    Host host;

    @Override
    public void onBoot(Host booted) {
      host = booted;
    }

    @Override
    public void onFrame(Nic nic, Frame frame) {
      byte[] f = frame.array();
      if (frame instanceof TrafficPacket p) {
        packets.add(host.now() / (S / 10) + " " + p.destinationMac);
      } else if (f.length > 54 && f[12] == (byte) 0x86 && f[13] == (byte) 0xdd && (f[54] & 0xff) == 135) {
        MacAddress from = MacAddress.read(f, 6);
        Ipv6Address src = Ipv6Address.read(f, 22);
        send(from, src, true, true, A);
      }
    }

    void send(MacAddress to, Ipv6Address dst, boolean solicited, boolean override, MacAddress mac) {
      host.nics().get(0).transmit(Frame.wrap(Frames.padToMinimum(EthernetFrame.of(to, A, Ipv6Packet.of(0, 0, 255, VIP,
          dst, NeighborAdvertisement.of(false, solicited, override, VIP, mac))).toBytes())));
    }

    void announce(boolean override, MacAddress mac) {
      send(Frames.multicastMac(Ipv6Address.ALL_NODES), Ipv6Address.ALL_NODES, false, override, mac);
    }
  }

  /**
   * The client learns A from its solicitation at 0 s. At 1 s an unsolicited NA without Override names
   * B: the client keeps A (the entry only turns STALE), so its packets still go to A; at 2 s one with
   * Override names B: from then on its packets go to B.
   */
  @Test
  void withoutOverrideAnotherMacIsNotTakenWithOverrideItIs() {
    Scenario s = ScenarioParser.parse("nd.carp", """
        scenario "nd rules"
        segment lan 2001:db8::/64
        host peer
          nic em0 lan 2001:db8::1/64
        clients lan 1 from 2001:db8::1000/120 send 2001:db8::100 every 500ms cache linux
        run 3s
        """);
    World world = World.builder(ScenarioRunner.topology(s)).seed(1).build();
    Neighbour n = new Neighbour();
    world.host("peer").install(n);
    world.host("peer").nics().get(0).listen(new long[] {A.value(), B.value()});
    ClientPopulation p = s.clients().get(0);
    TrafficClientsStack clients = new TrafficClientsStack(p, 1_000_000L, S);
    world.host(ScenarioRunner.clientHost(0)).install(clients);
    world.scheduler().schedule(S + S / 4, () -> n.announce(false, B));
    world.scheduler().schedule(2 * S + S / 4, () -> n.announce(true, B));
    world.runUntil(3 * S);
    assertEquals(List.of("0 " + A, "5 " + A, "10 " + A, "15 " + A, "20 " + A, "25 " + B, "30 " + B), n.packets);
  }
}
