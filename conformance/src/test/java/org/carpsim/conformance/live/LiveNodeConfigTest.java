package org.carpsim.conformance.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.node.CarpHost;
import org.carpsim.carp.node.CommandResult;
import org.carpsim.carp.node.NodeListener;
import org.carpsim.carp.node.OfflineEnvironment;
import org.carpsim.carp.node.VirtualHostStatus;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;

/** The commands a live node is configured with are accepted by every profile's own parser. */
class LiveNodeConfigTest {

  private static final Ipv4Address HOST = Ipv4Address.parse("10.99.0.12");

  private static LiveNodeConfig config(Profile p, boolean preempt) {
    return new LiveNodeConfig("eth0", p, 7, "secret", Ipv4Address.parse("10.99.0.100"), 24, 2, 40, preempt,
        Optional.empty(), Optional.empty());
  }

  @Test
  void everyProfileAcceptsItsCommandsAndGetsTheVirtualHost() {
    for (Profile p : Profiles.all()) {
      if (p == Profiles.KEEPALIVED) {
        // VRRP: the live node refuses it rather than speak CARP under its name
        assertThrows(IllegalArgumentException.class, () -> config(p, false));
        continue;
      }
      for (boolean preempt : new boolean[] {false, true}) {
        LiveNodeConfig c = config(p, preempt);
        CarpHost host = new CarpHost(p, new OfflineEnvironment(), NodeListener.NONE);
        host.addNic("eth0", MacAddress.parse("02:00:00:00:00:12"));
        for (String line : c.commands(HOST, 24)) {
          CommandResult r = host.run(line);
          assertTrue(r.ok(), p.name() + ": " + line + " → " + r.error());
        }
        List<VirtualHostStatus> v = host.virtualHosts();
        assertEquals(1, v.size(), p.name() + " virtual hosts");
        assertEquals(7, v.get(0).vhid(), p.name());
        assertEquals(2, v.get(0).advbase(), p.name());
        assertEquals(40, v.get(0).advskew(), p.name());
        assertEquals(List.of(Ipv4Address.parse("10.99.0.100")), v.get(0).ipv4(), p.name());
      }
    }
  }

  @Test
  void withoutAPassphraseTheKernelProfilesRunWithTheZeroKey() {
    for (Profile p : List.of(Profiles.OPENBSD, Profiles.OPENBSD_3_5, Profiles.NETBSD, Profiles.FREEBSD)) {
      LiveNodeConfig c = new LiveNodeConfig("eth0", p, 7, "", Ipv4Address.parse("10.99.0.100"), 24, 1, 0, false,
          Optional.empty(), Optional.empty());
      CarpHost host = new CarpHost(p, new OfflineEnvironment(), NodeListener.NONE);
      host.addNic("eth0", MacAddress.parse("02:00:00:00:00:12"));
      for (String line : c.commands(HOST, 24)) {
        assertFalse(line.contains(" pass "), line);
        CommandResult r = host.run(line);
        assertTrue(r.ok(), p.name() + ": " + line + " → " + r.error());
      }
      assertEquals(1, host.virtualHosts().size(), p.name());
    }
  }

  @Test
  void bowOutOnlyWhereTheProfileHasCarpInterfaces() {
    assertEquals(Optional.of("ifconfig carp0 down"), config(Profiles.OPENBSD, false).bowOutCommand());
    assertEquals(Optional.empty(), config(Profiles.UCARP, false).bowOutCommand());
  }

  @Test
  void thePassphraseNeverAppearsInToString() {
    assertFalse(config(Profiles.OPENBSD, false).toString().contains("secret"));
  }

  @Test
  void refusesAnyAndOutOfRangeValues() {
    Ipv4Address vip = Ipv4Address.parse("10.99.0.100");
    assertThrows(IllegalArgumentException.class,
        () -> new LiveNodeConfig("any", Profiles.OPENBSD, 1, "", vip, 24, 1, 0, false, Optional.empty(), Optional.empty()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LiveNodeConfig("eth0", Profiles.OPENBSD, 256, "", vip, 24, 1, 0, false, Optional.empty(), Optional.empty()));
    assertTrue(e.getMessage().contains("1..255"), e.getMessage());
    LiveIoException any = assertThrows(LiveIoException.class, () -> LiveInterface.open("any", CaptureOptions.DEFAULT));
    assertTrue(any.getMessage().contains("refusing the 'any' device"), any.getMessage());
  }
}
