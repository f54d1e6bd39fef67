package org.carpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.carpsim.conformance.live.LiveNodeConfig;
import org.junit.jupiter.api.Test;

/** {@code carpsim node}: option checking and refusals that need no privileges and send nothing. */
class NodeCommandTest {

  @Test
  void refusesTheAnyDeviceBeforeOpeningAnything() {
    CliResult r = CliResult.carpsim("node", "--iface", "any", "--vhid", "1", "--pass", "hunter2", "--vip", "10.99.0.100");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--iface any is refused"), r.err());
    assertFalse(r.err().contains("hunter2"), "the passphrase leaked: " + r.err());
  }

  @Test
  void namesTheProfilesForAnUnknownOne() {
    CliResult r = CliResult.carpsim("node", "--iface", "eth0", "--vhid", "1", "--vip", "10.99.0.100", "--profile", "openbds");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("openbsd"), r.err());
  }

  @Test
  void badVipPrefixAndDurationAreNamed() {
    CliResult prefix = CliResult.carpsim("node", "--iface", "eth0", "--vhid", "1", "--vip", "10.99.0.100/33");
    assertEquals(2, prefix.exit());
    assertTrue(prefix.err().contains("/1../32"), prefix.err());
    CliResult duration = CliResult.carpsim("node", "--iface", "eth0", "--vhid", "1", "--vip", "10.99.0.100", "--duration", "soon");
    assertEquals(2, duration.exit());
    assertTrue(duration.err().contains("--duration 'soon'"), duration.err());
  }

  @Test
  void aMissingInterfaceIsAnIoErrorListingTheOnesThereAre() {
    CliResult r = CliResult.carpsim("node", "--iface", "cs-no-such-if0", "--vhid", "1", "--vip", "10.99.0.100");
    assertEquals(1, r.exit(), r.err());
    // With libpcap: "no interface 'cs-no-such-if0'; interfaces here: lo, ..."; without: how to install it.
    assertTrue(r.err().contains("no interface 'cs-no-such-if0'; interfaces here: ") || r.err().contains("apt-get install libpcap0.8"),
        r.err());
    assertFalse(r.err().contains("\tat "), "a stack trace: " + r.err());
  }

  /** The options are judged before the interface: a bad vhid on a missing NIC is a bad vhid (exit 2). */
  @Test
  void badOptionsAreNamedBeforeTheInterfaceIsLookedFor() {
    CliResult r = CliResult.carpsim("node", "--iface", "cs-no-such-if0", "--vhid", "0", "--vip", "10.99.0.100");
    assertEquals(2, r.exit(), r.err());
    assertEquals("carpsim node: --vhid 0 is out of range 1..255\n", r.err());
  }

  @Test
  void vhidIsRequired() {
    CliResult r = CliResult.carpsim("node", "--iface", "eth0", "--vip", "10.99.0.100");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--vhid"), r.err());
  }

  @Test
  void helpSaysItBowsOutAndDoesNotConfigureKernelAddresses() {
    CliResult r = CliResult.carpsim("node", "--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("bows out"), r.out());
    assertTrue(r.out().contains("It does NOT configure kernel addresses"), r.out());
  }

  /**
   * {@code help node} says, per profile, whether the node bows out and whether it answers ARP for
   * the VIP, and says what the node does: the same two facts the live node acts on
   * ({@link LiveNodeConfig#bowsOut}, {@link LiveNodeConfig#answersArpForVip}; both shown on the
   * wire by NodeProcessLiveTest).
   */
  @Test
  void helpStatesPerProfileWhetherItBowsOutAndAnswersArp() {
    String help = CliResult.carpsim("help", "node").out();
    // "  name, name: what it does" with "    continued" lines, between "per profile:" and "It accepts".
    String block = help.substring(help.indexOf("per profile:"), help.indexOf("  With --profile ucarp it accepts"));
    java.util.Map<String, String> said = new java.util.HashMap<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\n  ([a-z0-9.,\\- ]+): ((?:.|\n    )*)").matcher(block);
    while (m.find()) {
      for (String name : m.group(1).split(", ")) {
        said.put(name, m.group(2).replaceAll("\\s+", " "));
      }
    }
    for (String name : java.util.List.of("openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6", "ucarp")) {
      org.carpsim.carp.profile.Profile p = org.carpsim.carp.profile.Profiles.byName(name);
      String text = said.get(name);
      assertTrue(text != null, "help node has a line for " + name + ": " + block);
      assertEquals(LiveNodeConfig.bowsOut(p), text.contains("bows out") && !text.contains("does not bow out"),
          name + ": " + text);
      assertEquals(LiveNodeConfig.answersArpForVip(p), text.contains("answers ARP") && !text.contains("not answer ARP"),
          name + ": " + text);
    }
    assertEquals(6, said.size(), "one statement per profile: " + said.keySet());
    assertTrue(help.replaceAll("\\s+", " ").contains("obeyed whatever its CARP type (0, 2, 3, 15), authlen (0-255) "
        + "or IP options"), help);
  }

  @Test
  void shutdownIsUcarpsAndStatusIsChecked() {
    CliResult r = CliResult.carpsim("node", "--iface", "eth0", "--vhid", "1", "--vip", "10.99.0.100", "--shutdown");
    assertEquals(2, r.exit());
    assertEquals("carpsim node: --shutdown is for profiles that do not bow out (ucarp, freebsd); profile openbsd bows out and runs "
        + "--down-cmd on stopping anyway\n", r.err());
    CliResult s = CliResult.carpsim("node", "--iface", "eth0", "--vhid", "1", "--vip", "10.99.0.100", "--status", "10ms");
    assertEquals(2, s.exit());
    assertEquals("carpsim node: --status 10ms is shorter than the allowed 100ms\n", s.err());
    CliResult t = CliResult.carpsim("node", "--iface", "eth0", "--vhid", "1", "--vip", "10.99.0.100", "--status", "often");
    assertEquals(2, t.exit());
    assertTrue(t.err().startsWith("carpsim node: --status 'often' is not a duration"), t.err());
  }

  @Test
  void durationsInEveryUnit() {
    assertEquals(Duration.ofSeconds(90), NodeDurations.parse("90"));
    assertEquals(Duration.ofSeconds(90), NodeDurations.parse("90s"));
    assertEquals(Duration.ofMillis(500), NodeDurations.parse("500ms"));
    assertEquals(Duration.ofMinutes(2), NodeDurations.parse("2m"));
    assertEquals(Duration.ofHours(1), NodeDurations.parse("1h"));
    assertThrows(IllegalArgumentException.class, () -> NodeDurations.parse("0s"));
    assertThrows(IllegalArgumentException.class, () -> NodeDurations.parse("-5"));
  }

  @Test
  void ipv6VipsAreCheckedBeforeOpeningAnything() {
    CliResult prefix = CliResult.carpsim("node", "--iface", "eth0", "--vhid", "1", "--vip", "fd99::100/129");
    assertEquals(2, prefix.exit());
    assertTrue(prefix.err().contains("/1../128"), prefix.err());
    CliResult two = CliResult.carpsim("node", "--iface", "eth0", "--vhid", "1", "--vip", "fd99::100,fd99::101");
    assertEquals(2, two.exit());
    assertTrue(two.err().contains("at most one IPv6 address (got fd99::100 and fd99::101)"), two.err());
    CliResult bad = CliResult.carpsim("node", "--iface", "eth0", "--vhid", "1", "--vip", "fd99::zz");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("bad IPv6 address 'fd99::zz'"), bad.err());
    CliResult ucarp = CliResult.carpsim("node", "--iface", "eth0", "--vhid", "1", "--pass", "hunter2", "--profile", "ucarp", "--vip",
        "10.99.0.100,fd99::100");
    assertEquals(2, ucarp.exit());
    assertTrue(ucarp.err().contains("profile ucarp is IPv4-only"), ucarp.err());
    assertFalse(ucarp.err().contains("hunter2"), ucarp.err());
  }

  @Test
  void helpExplainsTheIpv6Vip() {
    String help = CliResult.carpsim("node", "--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("unsolicited neighbour advertisement (IPv6)") && help.contains("ff02::12")
        && help.contains("--vip 10.0.0.100/24,fd99::100/64") && help.contains("ucarp is IPv4-only"), help);
  }
}
