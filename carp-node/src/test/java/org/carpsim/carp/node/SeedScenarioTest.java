package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.carpsim.carp.config.LogicalLine;
import org.carpsim.carp.config.LogicalLines;
import org.carpsim.carp.config.ShellPrompt;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.CarpStat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The configuration examples of shared/seeds, typed into hosts exactly as the documents print them
 * (prompts, continuations), and what they do.
 */
class SeedScenarioTest {

  /** Runs a pasted transcript: lines joined at backslashes, prompts stripped, comments skipped. */
  private static void paste(EmbeddedHost h, String transcript) {
    for (LogicalLine l : LogicalLines.join(transcript)) {
      String text = ShellPrompt.strip(l).text().strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      CommandResult r = h.run(text);
      assertTrue(r.ok(), h.name() + ": '" + text + "' failed: " + r.error());
    }
  }

  private static CarpState state(EmbeddedLan lan, String host, String iface) {
    return lan.host(host).node().state(iface).orElseThrow();
  }

  private static EmbeddedLan twoFirewalls(Profile p) {
    EmbeddedLan lan = new EmbeddedLan();
    lan.host("A", p).nic("em0", "lan1", Lab.mac(1)).nic("em1", "lan2", Lab.mac(11))
        .configure("ifconfig em0 inet 192.168.1.2/24", "ifconfig em1 inet 192.168.2.2/24");
    lan.host("B", p).nic("em0", "lan1", Lab.mac(2)).nic("em1", "lan2", Lab.mac(12))
        .configure("ifconfig em0 inet 192.168.1.3/24", "ifconfig em1 inet 192.168.2.3/24");
    return lan;
  }

  @ParameterizedTest
  @ValueSource(strings = {"openbsd-3.5", "netbsd"})
  void carp4PreemptExampleAsPrinted(String name) {
    EmbeddedLan lan = twoFirewalls(Profiles.byName(name));
    String both = "# sysctl -w net.inet.carp.preempt=1\n";
    paste(lan.host("A"), both + """
        # ifconfig carp0 create
        # ifconfig carp0 vhid 1 pass mekmitasdigoat 192.168.1.1 \\
        netmask 255.255.255.0
        # ifconfig carp1 create
        # ifconfig carp1 vhid 2 pass mekmitasdigoat 192.168.2.1/24 \\
        netmask 255.255.255.0
        """);
    paste(lan.host("B"), both + """
        # ifconfig carp0 create
        # ifconfig carp0 vhid 1 advskew 100 pass mekmitasdigoat \\
        192.168.1.1 netmask 255.255.255.0
        # ifconfig carp1 create
        # ifconfig carp1 vhid 2 advskew 100 pass mekmitasdigoat \\
        192.168.2.1 netmask 255.255.255.0
        """);
    lan.runFor(10 * S);
    assertEquals(CarpState.MASTER, state(lan, "A", "carp0"));
    assertEquals(CarpState.MASTER, state(lan, "A", "carp1"));
    assertEquals(CarpState.BACKUP, state(lan, "B", "carp0"));
    assertEquals(CarpState.BACKUP, state(lan, "B", "carp1"));
    lan.link("A", "em0", false);
    lan.runFor(5 * S);
    assertEquals(CarpState.MASTER, state(lan, "B", "carp0"));
    assertEquals(CarpState.MASTER, state(lan, "B", "carp1"), "both fail over together");
  }

  @Test
  void carp4ArpBalanceExampleAsPrinted() {
    Profile p = Profiles.OPENBSD_3_5;
    EmbeddedLan lan = new EmbeddedLan();
    EmbeddedHost a = lan.host("A", p).nic("em0", "lan", Lab.mac(1)).configure("ifconfig em0 inet 192.168.1.2/24");
    EmbeddedHost b = lan.host("B", p).nic("em0", "lan", Lab.mac(2)).configure("ifconfig em0 inet 192.168.1.3/24");
    paste(a, """
        # ifconfig carp0 create
        # ifconfig carp0 vhid 1 pass mekmitasdigoat 192.168.1.10 \\
        netmask 255.255.255.0
        # ifconfig carp1 create
        # ifconfig carp1 vhid 2 advskew 100 pass mekmitasdigoat \\
        192.168.1.10 netmask 255.255.255.0
        # sysctl -w net.inet.carp.arpbalance=1
        """);
    paste(b, """
        # ifconfig carp0 create
        # ifconfig carp0 vhid 1 advskew 100 pass mekmitasdigoat \\
        192.168.1.10 netmask 255.255.255.0
        # ifconfig carp1 create
        # ifconfig carp1 vhid 2 pass mekmitasdigoat 192.168.1.10 \\
        netmask 255.255.255.0
        # sysctl -w net.inet.carp.arpbalance=1
        """);
    lan.runFor(6 * S);
    assertEquals(CarpState.MASTER, state(lan, "A", "carp0"));
    assertEquals(CarpState.MASTER, state(lan, "B", "carp1"));
    // the article's "80/20 skew" is worse here: every 192.168.1.x sender maps to vhid 1 (host A)
    lan.clearFrames();
    for (int x = 20; x < 40; x++) {
      lan.inject("lan", org.carpsim.carp.wire.EthernetFrame.of(org.carpsim.carp.net.MacAddress.BROADCAST,
          new org.carpsim.carp.net.MacAddress(0x020000001000L + x),
          new org.carpsim.carp.wire.ArpPacket(1, new org.carpsim.carp.net.MacAddress(0x020000001000L + x),
              org.carpsim.carp.net.Ipv4Address.parse("192.168.1." + x), org.carpsim.carp.net.MacAddress.ZERO,
              org.carpsim.carp.net.Ipv4Address.parse("192.168.1.10"))).toBytes());
      lan.runFor(0);
    }
    assertEquals(20, lan.framesFrom("A").stream().filter(f -> f.isArp()).count());
    assertEquals(0, lan.framesFrom("B").stream().filter(f -> f.isArp()).count());
  }

  @Test
  void netbsdGuideTwoFirewallsAndForcedFailover() {
    Profile p = Profiles.NETBSD;
    EmbeddedLan lan = new EmbeddedLan();
    EmbeddedHost fw1 = lan.host("fw1", p).nic("em0", "lan", Lab.mac(1)).nic("em1", "wan", Lab.mac(11))
        .configure("ifconfig em0 inet 172.16.0.1/24", "ifconfig em1 inet 192.0.2.1/24");
    EmbeddedHost fw2 = lan.host("fw2", p).nic("em0", "lan", Lab.mac(2)).nic("em1", "wan", Lab.mac(12))
        .configure("ifconfig em0 inet 172.16.0.2/24", "ifconfig em1 inet 192.0.2.2/24");
    paste(fw1, """
            #Enable preemption and group interface failover
            # sysctl -w net.inet.carp.preempt=1

            #Configure CARP on the LAN side
            # ifconfig carp0 create
            # ifconfig carp0 vhid 1 pass lanpasswd carpdev em0 \\
                 172.16.0.100 255.255.255.0

            #Configure CARP on the WAN side
            # ifconfig carp1 create
            # ifconfig carp1 vhid 2 pass wanpasswd carpdev em1 \\
                 192.0.2.100 255.255.255.0
        """);
    paste(fw2, """
            # sysctl -w net.inet.carp.preempt=1
            # ifconfig carp0 create
            # ifconfig carp0 vhid 1 pass lanpasswd carpdev em0 \\
                 advskew 128 172.16.0.100 255.255.255.0
            # ifconfig carp1 create
            # ifconfig carp1 vhid 2 pass wanpasswd carpdev em1 \\
                 advskew 128 192.0.2.100 255.255.255.0
        """);
    lan.runFor(10 * S);
    assertEquals(CarpState.MASTER, state(lan, "fw1", "carp0"));
    assertEquals(CarpState.MASTER, state(lan, "fw1", "carp1"));
    assertEquals(CarpState.BACKUP, state(lan, "fw2", "carp0"));
    long t = lan.now();
    paste(fw1, "    # ifconfig carp0 down\n");
    lan.runFor(0);
    assertEquals(t, Lab.firstTransition(lan, "fw2", CarpState.MASTER, t), "immediately");
    assertEquals(CarpState.MASTER, state(lan, "fw1", "carp1"), "the WAN side stays");
  }

  @Test
  void freebsdHandbookRcConfTheTestpastTypoSplitsVhidOne() {
    Profile p = Profiles.FREEBSD_6;
    EmbeddedLan lan = new EmbeddedLan();
    EmbeddedHost hosta = lan.host("hosta", p).nic("fxp0", "lan", Lab.mac(3));
    EmbeddedHost hostb = lan.host("hostb", p).nic("fxp0", "lan", Lab.mac(4));
    EmbeddedHost provider = lan.host("provider", p).nic("fxp0", "lan", Lab.mac(5));
    paste(hosta, """
        hostname="hosta.example.org"
        ifconfig_fxp0="inet 192.168.1.3 netmask 255.255.255.0"
        cloned_interfaces="carp0"
        ifconfig_carp0="vhid 1 pass testpast 192.168.1.50/24"
        """);
    paste(hostb, """
        hostname="hostb.example.org"
        ifconfig_fxp0="inet 192.168.1.4 netmask 255.255.255.0"
        cloned_interfaces="carp0"
        ifconfig_carp0="vhid 2 pass testpass 192.168.1.51/24"
        """);
    paste(provider, """
        hostname="provider.example.org"
        ifconfig_fxp0="inet 192.168.1.5 netmask 255.255.255.0"
        cloned_interfaces="carp0 carp1"
        ifconfig_carp0="vhid 1 advskew 100 pass testpass 192.168.1.50/24"
        ifconfig_carp1="vhid 2 advskew 100 pass testpass 192.168.1.51/24"
        """);
    lan.runFor(10 * S);
    assertEquals("provider.example.org", provider.node().hostname());
    // vhid 2: hostb and the provider agree ("testpass"): one master
    assertEquals(CarpState.MASTER, hostb.node().state("carp0").orElseThrow());
    assertEquals(CarpState.BACKUP, provider.node().state("carp1").orElseThrow());
    // vhid 1: the Handbook's hosta says "testpast": each side rejects the other, both are master
    assertEquals(CarpState.MASTER, hosta.node().state("carp0").orElseThrow());
    assertEquals(CarpState.MASTER, provider.node().state("carp0").orElseThrow());
    assertTrue(provider.node().statistics().get("carp0").get(CarpStat.BADAUTH) > 0);
  }

  @Test
  void theArticlesCommandsRunButWithoutAddressesNothingRuns() {
    // the 2004 article's IP addresses were lost from the seed text: every carp interface stays INIT
    Profile p = Profiles.OPENBSD_3_5;
    EmbeddedLan lan = new EmbeddedLan();
    EmbeddedHost rachael = lan.host("rachael", p).nic("em0", "lan", Lab.mac(1)).configure("ifconfig em0 inet 10.0.0.2/24");
    EmbeddedHost pris = lan.host("pris", p).nic("em0", "lan", Lab.mac(2)).configure("ifconfig em0 inet 10.0.0.3/24");
    paste(rachael, """
        rachael# ifconfig carp0 create
        rachael# ifconfig carp0 vhid 1 pass tyrell
        rachael# sysctl -w net.inet.carp.preempt=1
        rachael# ifconfig carp1 create
        rachael# ifconfig carp1 vhid 2 advskew 100 pass bryant
        # sysctl -w net.inet.carp.arpbalance=1
        """);
    paste(pris, """
        pris# ifconfig carp0 create
        pris# ifconfig carp0 vhid 1 pass tyrell
        pris# ifconfig carp0 advskew 100
        pris# ifconfig create carp1
        pris# ifconfig carp1 vhid 2 pass bryant
        pris# sysctl -w net.inet.carp.preempt=1
        # sysctl -w net.inet.carp.arpbalance=1
        """);
    lan.runFor(10 * S);
    for (EmbeddedHost h : new EmbeddedHost[] {rachael, pris}) {
      assertTrue(h.node().virtualHosts().stream().allMatch(v -> v.state() == CarpState.INIT), h.name());
    }
    assertEquals(100, pris.node().virtualHosts().get(0).advskew());
    assertTrue(lan.frames().isEmpty());
  }
}
