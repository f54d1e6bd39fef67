package org.carpsim.conformance.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.node.CarpHost;
import org.carpsim.carp.node.CommandResult;
import org.carpsim.carp.node.NodeEnvironment;
import org.carpsim.carp.node.NodeListener;
import org.carpsim.carp.node.NodeTimer;
import org.carpsim.carp.node.VirtualHostStatus;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv6Packet;
import org.carpsim.carp.wire.NeighborAdvertisement;
import org.junit.jupiter.api.Test;

/**
 * A live node with an IPv6 VIP: every kernel profile's parser accepts its commands, and the node
 * they configure advertises over IPv6 from the NIC's link-local address and announces the VIP with
 * an unsolicited neighbour advertisement when it becomes MASTER (the frames {@link LiveNode} would
 * inject, produced here with a hand-cranked clock).
 */
class LiveNodeIpv6ConfigTest {

  private static final MacAddress NIC_MAC = MacAddress.parse("02:00:00:00:00:12");
  private static final Ipv6Address VIP6 = Ipv6Address.parse("fd99::100");
  private static final List<LiveInterface.Ipv6InterfaceAddress> HOST6 = List.of(
      new LiveInterface.Ipv6InterfaceAddress(Ipv6Address.parse("fd99::12"), 64),
      new LiveInterface.Ipv6InterfaceAddress(LiveInterface.eui64LinkLocal(NIC_MAC), 64));
  private static final Optional<LiveInterface.Ipv4InterfaceAddress> HOST4 = Optional.of(
      new LiveInterface.Ipv4InterfaceAddress(Ipv4Address.parse("10.99.0.12"), 24));

  private static LiveNodeConfig v6(Profile p, Optional<Ipv4Address> v4) {
    return new LiveNodeConfig("eth0", p, 7, "secret", v4, 24, Optional.of(VIP6), 64, 1, 40, false, Optional.empty(),
        Optional.empty());
  }

  /** Timers fire only when the test advances the clock. */
  private static final class Cranked implements NodeEnvironment {
    long now;
    final List<long[]> due = new ArrayList<>();
    final List<Runnable> actions = new ArrayList<>();
    final List<byte[]> sent = new ArrayList<>();

    @Override
    public long now() {
      return now;
    }

    @Override
    public NodeTimer newTimer(Runnable action) {
      int index = actions.size();
      actions.add(action);
      due.add(new long[] {-1});
      return new NodeTimer() {
        @Override
        public void armAfter(long delayNanos) {
          due.get(index)[0] = now + delayNanos;
        }

        @Override
        public void cancel() {
          due.get(index)[0] = -1;
        }

        @Override
        public boolean isArmed() {
          return due.get(index)[0] >= 0;
        }
      };
    }

    @Override
    public void transmit(String nic, byte[] frame) {
      sent.add(frame);
    }

    @Override
    public long randomLong() {
      return 42;
    }

    void advanceTo(long t) {
      while (true) {
        int next = -1;
        for (int i = 0; i < due.size(); i++) {
          long d = due.get(i)[0];
          if (d >= 0 && d <= t && (next < 0 || d < due.get(next)[0])) {
            next = i;
          }
        }
        if (next < 0) {
          now = t;
          return;
        }
        now = due.get(next)[0];
        due.get(next)[0] = -1;
        actions.get(next).run();
      }
    }
  }

  private static CarpHost configured(LiveNodeConfig c, NodeEnvironment env) {
    CarpHost host = new CarpHost(c.profile(), env, NodeListener.NONE);
    host.addNic("eth0", NIC_MAC);
    for (String line : c.commands(c.vip().isPresent() ? HOST4 : Optional.empty(), HOST6)) {
      CommandResult r = host.run(line);
      assertTrue(r.ok(), c.profile().name() + ": " + line + " → " + r.error());
    }
    return host;
  }

  @Test
  void everyKernelProfileAcceptsAnIpv6OnlyAndADualStackVirtualHost() {
    for (Profile p : Profiles.all()) {
      if (p == Profiles.UCARP || p == Profiles.KEEPALIVED) {
        continue;
      }
      for (Optional<Ipv4Address> v4 : List.of(Optional.<Ipv4Address>empty(), Optional.of(Ipv4Address.parse("10.99.0.100")))) {
        CarpHost host = configured(v6(p, v4), new Cranked());
        List<VirtualHostStatus> v = host.virtualHosts();
        assertEquals(1, v.size(), p.name() + " virtual hosts");
        assertEquals(List.of(VIP6), v.get(0).ipv6(), p.name());
        assertEquals(v4.map(List::of).orElse(List.of()), v.get(0).ipv4(), p.name());
      }
    }
  }

  @Test
  void theLinkLocalAddressComesFirstSoAdvertisementsLeaveFromIt() {
    List<String> lines = v6(Profiles.OPENBSD, Optional.empty()).commands(Optional.empty(), HOST6);
    assertEquals("ifconfig eth0 inet6 fe80::ff:fe00:12/64", lines.get(0));
    assertEquals("ifconfig eth0 inet6 fd99::12/64 alias", lines.get(1));
    assertTrue(lines.contains("ifconfig carp0 inet6 fd99::100/64"), lines.toString());
  }

  @Test
  void openbsdNodeAdvertisesOverIpv6AndAnnouncesTheVipWithAnOverridingNeighbourAdvertisement() {
    Cranked env = new Cranked();
    CarpHost host = configured(v6(Profiles.OPENBSD, Optional.empty()), env);
    env.advanceTo(5_000_000_000L);
    assertEquals(CarpState.MASTER, host.virtualHosts().get(0).state());
    CarpAdvertisement ad = null;
    NeighborAdvertisement na = null;
    for (byte[] f : env.sent) {
      if (Frames.decode(f) instanceof EthernetFrame ef && ef.payload() instanceof Ipv6Packet p) {
        if (p.payload() instanceof CarpAdvertisement a && ad == null) {
          ad = a;
          assertEquals(Ipv6Address.CARP_GROUP, p.header().destination());
          assertEquals(LiveInterface.eui64LinkLocal(NIC_MAC), p.header().source());
          assertEquals(255, p.header().hopLimit());
          assertEquals(MacAddress.carpVirtual(7), ef.header().source());
        } else if (p.payload() instanceof NeighborAdvertisement n) {
          na = n;
          assertEquals(Ipv6Address.ALL_NODES, p.header().destination());
          assertTrue(p.payloadChecksumOk());
        }
      }
    }
    assertTrue(ad != null, "no IPv6 advertisement");
    assertEquals(7, ad.vhid());
    assertTrue(na != null, "no neighbour advertisement");
    assertEquals(VIP6, na.target());
    assertTrue(na.override());
    assertFalse(na.solicited());
    assertEquals(Optional.of(MacAddress.carpVirtual(7)), na.targetLinkLayerAddress());
  }

  @Test
  void refusesIpv6ForUcarpAndLinkLocalVips() {
    IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> v6(Profiles.UCARP, Optional.empty()));
    assertTrue(u.getMessage().contains("IPv4-only"), u.getMessage());
    IllegalArgumentException ll = assertThrows(IllegalArgumentException.class, () -> new LiveNodeConfig("eth0",
        Profiles.OPENBSD, 1, "", Optional.empty(), 0, Optional.of(Ipv6Address.parse("fe80::1")), 64, 1, 0, false,
        Optional.empty(), Optional.empty()));
    assertTrue(ll.getMessage().contains("unique-local"), ll.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> v6(Profiles.OPENBSD, Optional.empty()).commands(Optional.empty(), List.of()));
    assertTrue(none.getMessage().contains("no IPv6 address"), none.getMessage());
  }

  @Test
  void eui64LinkLocalFlipsTheUniversalLocalBit() {
    assertEquals(Ipv6Address.parse("fe80::211:22ff:fe33:4455"),
        LiveInterface.eui64LinkLocal(MacAddress.parse("00:11:22:33:44:55")));
  }
}
