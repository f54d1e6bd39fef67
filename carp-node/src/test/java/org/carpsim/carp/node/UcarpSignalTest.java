package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.carpsim.carp.config.ConfigException;
import org.carpsim.carp.config.ConfigParser;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.UcarpSignal;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;

/** A ucarp daemon killed without its host (ucarp-lab.md, field-failures.md): the address outlives it. */
class UcarpSignalTest {

  private static final Ipv4Address VIP = Ipv4Address.parse("10.99.0.100");

  private static EmbeddedHost ucarp(EmbeddedLan lan, String name, int n, int advskew, String extra) {
    EmbeddedHost h = lan.host(name, Profiles.UCARP).nic("eth0", "lan", Lab.mac(n));
    h.configure("ifconfig eth0 inet 10.99.0." + (10 + n) + "/24", ucarpLine(n, advskew, extra));
    return h;
  }

  private static String ucarpLine(int n, int advskew, String extra) {
    return "ucarp --interface=eth0 --srcip=10.99.0." + (10 + n) + " --vhid=1 --advskew=" + advskew
        + " --pass=secret --addr=10.99.0.100 --upscript=/etc/vip-up.sh --downscript=/etc/vip-down.sh" + extra;
  }

  private static long downScripts(EmbeddedLan lan, String host) {
    return lan.logTexts(host).stream().filter(l -> l.contains("Spawning [/etc/vip-down.sh")).count();
  }

  private static boolean takes(EmbeddedHost h, int n) {
    return h.node().takerOf("eth0").takes(MacAddress.parse(Lab.mac(n)), VIP);
  }

  @Test
  void sigkillStopsTheDaemonAtOnceAndTheHostKeepsTheAddress() {
    EmbeddedLan lan = new EmbeddedLan(3);
    EmbeddedHost h1 = ucarp(lan, "h1", 1, 0, " --preempt --shutdown");
    EmbeddedHost h2 = ucarp(lan, "h2", 2, 100, " --preempt");
    lan.runFor(10 * S);
    assertEquals(CarpState.MASTER, Lab.state(h1, 1));
    long kill = lan.now();
    long downsBefore = downScripts(lan, "h1");
    assertTrue(h1.run("pkill -9 ucarp").ok());
    assertEquals(CarpState.INIT, Lab.state(h1, 1));
    Transition t = lan.transitions().stream().filter(x -> x.host().equals("h1")).reduce((a, b) -> b).orElseThrow()
        .transition();
    assertEquals("killed (SIGKILL)", t.reason());
    assertEquals(kill, t.timeNanos());
    lan.runFor(10 * S);
    assertTrue(Lab.ads(lan, "h1").stream().noneMatch(f -> f.timeNanos() >= kill), "no advertisement, no bow-out");
    assertEquals(downsBefore, downScripts(lan, "h1"), "SIGKILL runs no script, even with --shutdown");
    assertEquals(CarpState.MASTER, Lab.state(h2, 1));
    assertTrue(takes(h1, 1), "the killed host still takes traffic to its own MAC");
    assertTrue(takes(h2, 2));
  }

  @Test
  void sigtermRunsTheDownScriptOnlyWithShutdown() {
    for (boolean shutdown : new boolean[] {false, true}) {
      EmbeddedLan lan = new EmbeddedLan(4);
      EmbeddedHost h1 = ucarp(lan, "h1", 1, 0, shutdown ? " --shutdown" : "");
      lan.runFor(10 * S);
      long downsBefore = downScripts(lan, "h1");
      assertTrue(h1.run("killall ucarp").ok());
      assertEquals(CarpState.INIT, Lab.state(h1, 1));
      assertEquals(!shutdown, takes(h1, 1), "shutdown " + shutdown);
      assertEquals(downsBefore + (shutdown ? 1 : 0), downScripts(lan, "h1"));
      assertEquals("killed (SIGTERM)", lan.transitions().get(lan.transitions().size() - 1).transition().reason());
    }
  }

  @Test
  void killedDuringItsStartUpItNeverRanAndNothingIsRecorded() {
    EmbeddedLan lan = new EmbeddedLan(8);
    EmbeddedHost h1 = ucarp(lan, "h1", 1, 0, "");
    assertTrue(h1.run("pkill -9 ucarp").ok(), "the process exists from exec on");
    lan.runFor(10 * S);
    assertTrue(lan.transitions().isEmpty(), lan.transitions().toString());
    assertTrue(Lab.ads(lan, "h1").isEmpty());
  }

  @Test
  void killedWhileItsUpScriptRunsTheScriptStillAddsTheAddressButNoAdvertisementFollows() {
    EmbeddedLan lan = new EmbeddedLan(9);
    EmbeddedHost h1 = ucarp(lan, "h1", 1, 0, "");
    assertTrue(lan.runUntil(() -> Lab.state(h1, 1) == CarpState.MASTER, 10 * S));
    assertFalse(takes(h1, 1), "the up-script is still running");
    h1.run("pkill -9 ucarp");
    lan.runFor(S);
    assertTrue(takes(h1, 1), "the script is a process of its own: it finishes and adds the VIP");
    assertTrue(Lab.ads(lan, "h1").isEmpty(), "ucarp never sent its first advertisement");
  }

  @Test
  void withNoDaemonEachToolAnswersAsOnLinux() {
    EmbeddedLan lan = new EmbeddedLan(5);
    EmbeddedHost h1 = ucarp(lan, "h1", 1, 0, "");
    lan.runFor(5 * S);
    assertTrue(h1.run("pkill -KILL ucarp").ok());
    CommandResult again = h1.run("pkill -9 ucarp");
    assertFalse(again.ok());
    assertEquals("", again.error(), "pkill finds nothing: exit 1, silent");
    assertEquals("ucarp: no process found", h1.run("killall -9 ucarp").error());
    assertTrue(h1.run("kill -9 $(pidof ucarp)").error().startsWith("kill: usage:"));
  }

  @Test
  void typingUcarpAgainStartsANewDaemonThatRunsItsDownScriptAndRejoins() {
    EmbeddedLan lan = new EmbeddedLan(6);
    EmbeddedHost h1 = ucarp(lan, "h1", 1, 0, " --preempt");
    ucarp(lan, "h2", 2, 100, " --preempt");
    lan.runFor(10 * S);
    h1.run("pkill -9 ucarp");
    lan.runFor(10 * S);
    assertTrue(takes(h1, 1));
    long restart = lan.now();
    assertTrue(h1.run(ucarpLine(1, 0, " --preempt")).ok());
    assertTrue(takes(h1, 1), "during its start-up nothing has run yet");
    lan.runFor(800_000_000L);
    assertFalse(takes(h1, 1), "INIT → BACKUP runs the down-script, which removes the address");
    assertTrue(h1.run(ucarpLine(1, 0, " --preempt")).error().contains("already runs"));
    lan.runFor(5 * S);
    assertEquals(CarpState.MASTER, Lab.state(h1, 1), "preempts again");
    assertTrue(Lab.ads(lan, "h1").stream().anyMatch(f -> f.timeNanos() > restart));
  }

  @Test
  void signalsAreReadAsPkillKillallAndKillReadThem() {
    ConfigParser u = ConfigParser.forProfile(Profiles.UCARP);
    assertEquals(new HostCommand.SignalUcarp("pkill", UcarpSignal.KILL), only(u, "pkill -9 ucarp"));
    assertEquals(new HostCommand.SignalUcarp("pkill", UcarpSignal.KILL), only(u, "pkill --signal SIGKILL -x ucarp"));
    assertEquals(new HostCommand.SignalUcarp("pkill", UcarpSignal.TERM), only(u, "pkill ucar"));
    assertEquals(new HostCommand.SignalUcarp("killall", UcarpSignal.KILL), only(u, "killall -s KILL ucarp"));
    assertEquals(new HostCommand.SignalUcarp("kill", UcarpSignal.TERM), only(u, "kill -TERM $(pidof ucarp)"));
    assertEquals(new HostCommand.SignalUcarp("pkill", UcarpSignal.INT), only(u, "sudo pkill -INT ucarp"));
    ConfigException hup = assertThrows(ConfigException.class, () -> u.parseCommandLine("pkill -HUP ucarp"));
    assertEquals(6, hup.offset());
    assertTrue(hup.detail().contains("KILL (9), TERM (15)"), hup.detail());
    ConfigException other = assertThrows(ConfigException.class, () -> u.parseCommandLine("killall -9 ucarpd"));
    assertEquals(11, other.offset());
    assertTrue(assertThrows(ConfigException.class, () -> u.parseCommandLine("pkill -x ucar")).detail()
        .contains("matches no process"));
    assertTrue(assertThrows(ConfigException.class, () -> ConfigParser.forProfile(Profiles.OPENBSD)
        .parseCommandLine("pkill -9 ucarp")).detail().contains("runs no ucarp process"));
  }

  private static HostCommand only(ConfigParser p, String line) {
    var steps = p.parseCommandLine(line).steps();
    assertEquals(1, steps.size());
    return steps.get(0).command();
  }
}
