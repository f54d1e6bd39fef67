package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;

/** {@link CarpHost#takesAt} is the taker's answer, written down: they agree on every MAC and address. */
class TakesTest {

  private static final List<Ipv4Address> ADDRESSES = List.of(Ipv4Address.parse("10.0.0.1"),
      Ipv4Address.parse("10.0.0.2"), Ipv4Address.parse("192.0.2.1"), Ipv4Address.parse("192.0.2.2"),
      Ipv4Address.parse("198.51.100.1"));

  /** Every (MAC, address) pair of interest: virtual MACs of vhid 1 and 2, both NICs', the lladdr, another. */
  private static void assertAgree(EmbeddedHost h, String nic, String... extraMacs) {
    CarpHost.Takes takes = h.node().takesAt(nic);
    CarpHost.Taker taker = h.node().takerOf(nic);
    List<String> macs = new java.util.ArrayList<>(List.of("00:00:5e:00:01:01", "00:00:5e:00:01:02", Lab.mac(1),
        Lab.mac(2), "02:aa:bb:cc:dd:ee"));
    macs.addAll(List.of(extraMacs));
    for (String m : macs) {
      for (Ipv4Address a : ADDRESSES) {
        MacAddress mac = MacAddress.parse(m);
        assertEquals(taker.takes(mac, a), takes.takes(mac.value(), a.value()), h.name() + " " + m + " " + a);
      }
    }
  }

  @Test
  void openbsdMasterTakesItsVirtualMacAndItsOwnAndTheBackupNothing() {
    EmbeddedLan lan = new EmbeddedLan(5);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, Profiles.OPENBSD, 1, 0, false, "x");
    EmbeddedHost b = Lab.carpHost(lan, "b", 2, Profiles.OPENBSD, 1, 100, false, "x");
    lan.runFor(10 * S);
    assertEquals(CarpState.MASTER, Lab.state(a, 1));
    assertTrue(a.node().takesAt("em0").macs().length > 0);
    assertEquals(0, b.node().takesAt("em0").macs().length, "a BACKUP takes nothing");
    assertAgree(a, "em0");
    assertAgree(b, "em0");
    assertTrue(a.run("ifconfig carp0 lladdr 02:aa:bb:cc:dd:ee").ok());
    lan.runFor(10 * S);
    assertAgree(a, "em0");
    assertAgree(b, "em0");
  }

  @Test
  void freebsdVhidsOnTheParentAgreeToo() {
    EmbeddedLan lan = new EmbeddedLan(5);
    EmbeddedHost a = lan.host("a", Profiles.FREEBSD).nic("em0", "lan", Lab.mac(1));
    a.configure("ifconfig em0 inet 192.0.2.11/24", "ifconfig em0 vhid 1 pass x 192.0.2.1/24 alias",
        "ifconfig em0 vhid 2 pass x 192.0.2.2/24 alias");
    lan.runFor(10 * S);
    assertEquals(CarpState.MASTER, Lab.state(a, 2));
    assertAgree(a, "em0");
  }

  @Test
  void ucarpLeavesItToTheTaker() {
    EmbeddedLan lan = new EmbeddedLan(5);
    EmbeddedHost u = lan.host("u", Profiles.UCARP).nic("eth0", "lan", Lab.mac(1));
    u.configure("ifconfig eth0 inet 192.0.2.11/24", "ucarp --interface=eth0 --srcip=192.0.2.11 --vhid=1 --pass=x"
        + " --addr=192.0.2.1 --upscript=/etc/vip-up.sh");
    lan.runFor(10 * S);
    assertNull(u.node().takesAt("eth0"));
  }
}
