package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.CarpStat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Executing configuration: errors worded like the tools, nothing half-applied, status text (§8). */
class IfconfigTest {

  private static EmbeddedHost host(EmbeddedLan lan, Profile p) {
    EmbeddedHost h = lan.host("h", p).nic("em0", "lan", Lab.mac(1));
    h.configure("ifconfig em0 inet 10.0.0.2/24");
    return h;
  }

  private static String fails(EmbeddedHost h, String line) {
    CommandResult r = h.node().run(line);
    assertFalse(r.ok(), line + " should fail");
    return r.error();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "openbsd|ifconfig: carp7: no such interface",
      "netbsd|ifconfig: SIOCGIFFLAGS carp7: Device not configured",
      "openbsd-3.5|ifconfig: carp7: SIOCGIFFLAGS: Device not configured",
      "freebsd-6|ifconfig: carp7: SIOCGIFFLAGS: Device not configured"})
  void noSuchInterface(String profile, String message) {
    EmbeddedHost h = host(new EmbeddedLan(), Profiles.byName(profile));
    assertEquals(message, fails(h, "ifconfig carp7"));
    if (profile.equals("openbsd")) {
      // current OpenBSD's ifconfig creates the missing clone for any verb but destroy (getinfo(&ifr, create))
      assertTrue(h.node().run("ifconfig carp7 vhid 1").ok());
      assertTrue(h.node().ifconfigStatus("carp7").startsWith("carp7: "));
      assertEquals(message.replace("carp7", "em7"), fails(h, "ifconfig em7 up"), "no cloner for em7");
    } else {
      assertEquals(message, fails(h, "ifconfig carp7 vhid 1"));
    }
  }

  @Test
  void freebsdUnknownParent() {
    EmbeddedHost h = host(new EmbeddedLan(), Profiles.FREEBSD);
    assertEquals("ifconfig: interface em7 does not exist", fails(h, "ifconfig em7 vhid 1 10.0.0.9/24"));
  }

  @Test
  void createDestroyErrors() {
    EmbeddedHost h = host(new EmbeddedLan(), Profiles.OPENBSD);
    h.configure("ifconfig carp0 create");
    assertEquals("ifconfig: SIOCIFCREATE: File exists", fails(h, "ifconfig carp0 create"));
    assertEquals("ifconfig: SIOCIFDESTROY: Device not configured", fails(h, "ifconfig carp3 destroy"));
  }

  @Test
  void aDuplicateVhidOnTheSameParentIsRefusedAndChangesNothing() {
    EmbeddedLan lan = new EmbeddedLan();
    EmbeddedHost h = host(lan, Profiles.OPENBSD);
    h.configure("ifconfig carp0 create", "ifconfig carp0 vhid 1 pass x carpdev em0 10.0.0.1/24",
        "ifconfig carp1 create");
    String before = h.node().ifconfigStatus("carp1");
    assertEquals("ifconfig: SIOCSVH: Invalid argument", fails(h, "ifconfig carp1 advskew 50 vhid 1 carpdev em0 10.0.0.9/24"));
    assertEquals(before, h.node().ifconfigStatus("carp1"), "nothing half-applied");
    // a carpdev that is not a NIC of this host
    assertEquals("ifconfig: SIOCSVH: Invalid argument", fails(h, "ifconfig carp1 advskew 50 vhid 2 carpdev em9"));
    assertEquals(before, h.node().ifconfigStatus("carp1"));
    h.configure("ifconfig carp1 vhid 2 carpdev em0 10.0.0.9/24");
    assertTrue(h.node().ifconfigStatus("carp1").contains("vhid 2 advbase 1 advskew 0"), "advskew 50 was never applied");
  }

  @Test
  void openbsdNeedsACarpdevBeforeAnAddress() {
    EmbeddedHost h = host(new EmbeddedLan(), Profiles.OPENBSD);
    h.configure("ifconfig carp0 create");
    assertEquals("ifconfig: SIOCAIFADDR: Invalid argument", fails(h, "ifconfig carp0 vhid 1 10.0.0.1/24"));
    assertFalse(h.node().ifconfigStatus("carp0").contains("inet "));
    assertTrue(h.node().virtualHosts().isEmpty(), "the vhid was not set either");
  }

  @Test
  void openbsd35ChoosesTheParentBySubnetAndRefusesAForeignSubnet() {
    EmbeddedHost h = host(new EmbeddedLan(), Profiles.OPENBSD_3_5);
    h.configure("ifconfig carp0 create");
    assertEquals("ifconfig: SIOCAIFADDR: Can't assign requested address", fails(h, "ifconfig carp0 vhid 1 192.168.9.1/24"));
    h.configure("ifconfig carp0 vhid 1 10.0.0.1/24");
    assertEquals("em0", h.node().virtualHosts().get(0).carpdev());
    // the VIP equal to the parent's own address: 1.54 forces advskew 0
    h.configure("ifconfig carp1 create", "ifconfig carp1 vhid 2 advskew 100 10.0.0.2/24");
    assertEquals(0, h.node().virtualHosts().get(1).advskew());
  }

  @Test
  void addressDeletionAndGroupErrors() {
    EmbeddedHost h = host(new EmbeddedLan(), Profiles.OPENBSD);
    h.configure("ifconfig carp0 create", "ifconfig carp0 vhid 1 carpdev em0 10.0.0.1/24");
    assertEquals("ifconfig: SIOCDIFADDR: Can't assign requested address", fails(h, "ifconfig carp0 inet 10.0.0.8 delete"));
    assertEquals("ifconfig: SIOCSIFGATTR: No such file or directory", fails(h, "ifconfig -g nosuchgroup carpdemote 1"));
    h.configure("ifconfig -g carp carpdemote 128", "ifconfig -g carp carpdemote 127");
    assertEquals("ifconfig: SIOCSIFGATTR: Invalid argument", fails(h, "ifconfig -g carp carpdemote 1"), "255 at most");
    assertEquals("ifconfig: SIOCAIFGROUP: File exists", fails(h, "ifconfig carp0 group carp"));
    CommandResult q = h.node().run("ifconfig -g carp");
    assertEquals("carp0\ncarp: carp demote count 255", q.output());
    assertEquals(255, h.node().virtualHosts().get(0).demote());
  }

  @Test
  void andAndStopsAtTheFirstFailureSemicolonDoesNot() {
    EmbeddedHost h = host(new EmbeddedLan(), Profiles.OPENBSD);
    CommandResult r = h.node().run("ifconfig em9 up && ifconfig carp0 create");
    assertFalse(r.ok());
    assertThrows(IllegalArgumentException.class, () -> h.node().ifconfigStatus("carp0"));
    r = h.node().run("ifconfig em9 up ; ifconfig carp0 create");
    assertTrue(r.ok(), "the last command's status");
    assertEquals("ifconfig: em9: no such interface", r.error());
    assertTrue(h.node().ifconfigStatus("carp0").startsWith("carp0: "));
  }

  @Test
  void theNetbsdGuidesStatusOutput() {
    EmbeddedLan lan = new EmbeddedLan();
    EmbeddedHost h = lan.host("h", Profiles.NETBSD).nic("em0", "lan", Lab.mac(1));
    h.configure("ifconfig em0 inet 10.0.0.2/24", "sysctl -w net.inet.carp.allow=1", "ifconfig carp0 create");
    h.configure("ifconfig carp0 vhid 1 pass lanpasswd carpdev em0 advskew 100 10.0.0.1 255.255.255.0");
    assertEquals("carp0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> mtu 1500\n"
        + "\tcarp: BACKUP carpdev em0 vhid 1 advbase 1 advskew 100\n"
        + "\tinet 10.0.0.1 netmask 0xffffff00 broadcast 10.0.0.255", h.node().run("ifconfig carp0").output());
  }

  @Test
  void openbsdStatusWithLladdrGroupsAndLinkStatus() {
    EmbeddedLan lan = new EmbeddedLan();
    EmbeddedHost h = host(lan, Profiles.OPENBSD);
    h.configure("ifconfig carp0 create", "ifconfig carp0 vhid 5 advbase 2 advskew 7 pass x carpdev em0 10.0.0.1/24");
    lan.runFor(10 * S);
    assertEquals("carp0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> mtu 1500\n"
        + "\tlladdr 00:00:5e:00:01:05\n"
        + "\tcarp: MASTER carpdev em0 vhid 5 advbase 2 advskew 7\n"
        + "\tgroups: carp\n"
        + "\tstatus: master\n"
        + "\tinet 10.0.0.1 netmask 0xffffff00 broadcast 10.0.0.255", h.node().ifconfigStatus("carp0"));
    h.configure("ifconfig carp0 down");
    assertEquals("carp0: flags=8802<BROADCAST,SIMPLEX,MULTICAST> mtu 1500\n"
        + "\tlladdr 00:00:5e:00:01:05\n"
        + "\tcarp: INIT carpdev em0 vhid 5 advbase 2 advskew 7\n"
        + "\tgroups: carp\n"
        + "\tstatus: invalid\n"
        + "\tinet 10.0.0.1 netmask 0xffffff00 broadcast 10.0.0.255", h.node().ifconfigStatus("carp0"));
  }

  @Test
  void freebsd6HasNoCarpdevInItsStatus() {
    EmbeddedHost h = host(new EmbeddedLan(), Profiles.FREEBSD_6);
    h.configure("ifconfig carp0 create", "ifconfig carp0 vhid 1 advskew 100 pass p 10.0.0.1/24");
    assertTrue(h.node().ifconfigStatus("carp0").contains("\n\tcarp: BACKUP vhid 1 advbase 1 advskew 100\n"));
  }

  @Test
  void sysctlOutputPerSystem() {
    for (String[] c : new String[][] {{"openbsd", "net.inet.carp.preempt=1"}, {"freebsd", "net.inet.carp.preempt: 1"},
        {"netbsd", "net.inet.carp.preempt = 1"}}) {
      EmbeddedHost h = host(new EmbeddedLan(), Profiles.byName(c[0]));
      assertEquals("net.inet.carp.preempt: 0 -> 1", h.node().run("sysctl -w net.inet.carp.preempt=1").output());
      assertEquals(c[1], h.node().run("sysctl net.inet.carp.preempt").output());
      assertEquals("1", h.node().run("sysctl -n net.inet.carp.preempt").output());
      assertTrue(h.node().run("sysctl net.inet.carp").output().contains("net.inet.carp.allow"));
    }
  }

  @Test
  void destroyKeepsTheStatisticsAndReportsTheVhostGoingInit() {
    EmbeddedLan lan = new EmbeddedLan();
    EmbeddedHost h = host(lan, Profiles.OPENBSD);
    h.configure("ifconfig carp0 create", "ifconfig carp0 vhid 1 carpdev em0 10.0.0.1/24");
    lan.runFor(5 * S);
    long sent = h.node().statistics().get("carp0").get(CarpStat.OPACKETS);
    assertTrue(sent > 0);
    h.configure("ifconfig carp0 destroy");
    assertTrue(h.node().virtualHosts().isEmpty());
    assertEquals(sent, h.node().statistics().get("carp0").get(CarpStat.OPACKETS));
    var last = lan.transitions().get(lan.transitions().size() - 1).transition();
    assertEquals(CarpState.INIT, last.to());
    lan.runFor(5 * S);
    assertEquals(sent, h.node().statistics().get("carp0").get(CarpStat.OPACKETS), "silent after destroy");
  }

  @Test
  void virtualHostStatusCarriesTheConfiguration() {
    EmbeddedLan lan = new EmbeddedLan();
    EmbeddedHost h = host(lan, Profiles.OPENBSD);
    h.configure("ifconfig carp0 create", "ifconfig carp0 vhid 3 advskew 20 carpdev em0 10.0.0.1/24",
        "ifconfig carp0 inet 10.0.0.7/24 alias");
    VirtualHostStatus s = h.node().virtualHosts().get(0);
    assertEquals(new VirtualHostStatus("carp0", 3, CarpState.BACKUP, 1, 20, 20, 0, "em0", MacAddress.parse("00:00:5e:00:01:03"),
        List.of(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.0.7")), List.of(), true), s);
    assertEquals(CarpState.BACKUP, h.node().state("carp0").orElseThrow());
    assertEquals(CarpState.BACKUP, h.node().stateOfVhid(3).orElseThrow());
  }

  @Test
  void aManualLladdrEntersTheHmacUnlessItIsTheParentsMac() {
    EmbeddedLan lan = new EmbeddedLan();
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, Profiles.OPENBSD, 1, 0, false, "pw");
    EmbeddedHost b = Lab.carpHost(lan, "b", 2, Profiles.OPENBSD, 1, 100, false, "pw");
    a.configure("ifconfig carp0 lladdr 02:aa:bb:cc:dd:ee");
    lan.runFor(10 * S);
    assertTrue(b.node().statistics().get("carp0").get(CarpStat.BADAUTH) > 0, "b does not hash a's lladdr");
    b.configure("ifconfig carp0 lladdr 02:aa:bb:cc:dd:ee");
    long bad = b.node().statistics().get("carp0").get(CarpStat.BADAUTH);
    lan.runFor(10 * S);
    assertEquals(bad, b.node().statistics().get("carp0").get(CarpStat.BADAUTH), "the same lladdr on both: HMACs agree");
    assertEquals(CarpState.BACKUP, Lab.state(b, 1));
  }

  @Test
  void ucarpNeedsAKnownInterfaceAndAPassphrase() {
    EmbeddedLan lan = new EmbeddedLan();
    EmbeddedHost h = lan.host("h", Profiles.UCARP).nic("eth0", "lan", Lab.mac(1));
    assertEquals("[ERROR] Unable to find MAC address of [eth9]",
        fails(h, "ucarp -i eth9 -s 10.0.0.2 -v 1 -p x -a 10.0.0.1"));
    assertTrue(fails(h, "ucarp -i eth0 -s 10.0.0.2 -v 1 -o /etc/pass -a 10.0.0.1").contains("files are not modelled"));
    h.configure("ucarp -s 10.0.0.2 -v 1 -p x -a 10.0.0.1");
    assertEquals("eth0", h.node().virtualHosts().get(0).iface(), "libpcap's default device: the first NIC");
    assertTrue(fails(h, "ucarp -i eth0 -s 10.0.0.2 -v 1 -p x -a 10.0.0.1").contains("already runs"));
  }
}
