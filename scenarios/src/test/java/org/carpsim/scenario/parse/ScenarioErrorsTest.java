package org.carpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.scenario.model.Diagnostic;
import org.carpsim.scenario.model.Scenario;
import org.junit.jupiter.api.Test;

/** Mistakes, each refused with its exact {@code file:line:col: message}. */
class ScenarioErrorsTest {

  /** Ten lines; what a test adds starts on line 11. */
  static final String BASE = String.join("\n",
      "segment lan 172.16.0.0/24",
      "host fw1",
      "  nic em0 lan 172.16.0.1/24",
      "  ifconfig carp0 create",
      "  ifconfig carp0 vhid 1 pass s3cr3t-lan carpdev em0 172.16.0.100/24",
      "host fw2",
      "  nic em0 lan 172.16.0.2/24",
      "  ifconfig carp0 create",
      "  ifconfig carp0 vhid 1 advskew 100 pass s3cr3t-lan carpdev em0 172.16.0.100/24",
      "run 60s",
      "");

  static List<String> errors(String text) {
    ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("t.carp", text));
    assertEquals(e.getMessage(), String.join("\n", e.errors().stream().map(Diagnostic::toString).toList()));
    return e.errors().stream().map(Diagnostic::toString).toList();
  }

  static String error(String text) {
    List<String> all = errors(text);
    assertEquals(1, all.size(), () -> "expected one error, got " + all);
    return all.get(0);
  }

  static List<String> warnings(String text) {
    Scenario s = ScenarioParser.parse("t.carp", text);
    return s.warnings().stream().map(Diagnostic::toString).toList();
  }

  @Test
  void theBaseIsValid() {
    assertEquals(2, ScenarioParser.parse("t.carp", BASE).hosts().size());
  }

  @Test
  void unknownKeywordWithTheNearestOne() {
    assertEquals("t.carp:11:1: unknown keyword 'segmnt' (keywords: scenario, seed, profile, segment, switch, host, "
        + "clients, at, run, expect); did you mean segment?", error(BASE + "segmnt wan 192.0.2.0/24\n"));
    assertEquals("t.carp:11:1: unknown keyword 'expct' (keywords: scenario, seed, profile, segment, switch, host, "
        + "clients, at, run, expect); did you mean expect?", error(BASE + "expct at 5s fw1.carp0 MASTER\n"));
  }

  @Test
  void badDurationsPointAtTheBadCharacter() {
    assertEquals("t.carp:11:7: bad duration '1.5x': unknown unit 'x'; allowed units: ns, us, ms, s, m, h",
        error(BASE + "at 1.5x crash fw1\n"));
    assertEquals("t.carp:11:4: bad duration 'soon': expected a digit, found 's'; a duration looks like 1.5s or 200us",
        error(BASE + "at soon crash fw1\n"));
    assertEquals("t.carp:11:15: bad duration '0.0000000001s': 0.0000000001s is not a whole number of nanoseconds "
        + "(the resolution is 1ns)", error(BASE + "at 0.0000000001s crash fw1\n"));
    assertEquals("t.carp:11:22: bad duration '10': missing unit after '10'; allowed units: ns, us, ms, s, m, h",
        error(BASE + "at 10s latency lan 10\n"));
  }

  @Test
  void unknownHostsSegmentsAndNicsInTheTimeline() {
    assertEquals("t.carp:11:14: unknown host 'fw3' (hosts: fw1, fw2); did you mean fw1?",
        error(BASE + "at 10s crash fw3\n"));
    assertEquals("t.carp:11:8: unknown host 'fw9' (hosts: fw1, fw2); did you mean fw1?",
        error(BASE + "at 10s fw9: ifconfig carp0 down\n"));
    assertEquals("t.carp:11:13: unknown segment 'lna' (segments: lan); did you mean lan?",
        error(BASE + "at 10s heal lna\n"));
    assertEquals("t.carp:11:17: unknown NIC 'fw1.em1' (NICs of fw1: em0); did you mean fw1.em0?",
        error(BASE + "at 10s link fw1.em1 down\n"));
    assertEquals("t.carp:11:17: carp0 is a carp interface, not a NIC (to take it down: at T fw1: ifconfig carp0 down)",
        error(BASE + "at 10s link fw1.carp0 down\n"));
    assertEquals("t.carp:11:11: missing ':' after the host name (at 10s fw1: COMMAND)",
        error(BASE + "at 10s fw1 ifconfig carp0 down\n"));
    assertEquals("t.carp:11:8: unknown action 'crahs' (after 'at 10s': HOST: COMMAND, link, crash, boot, partition, "
        + "heal, latency, jitter, loss, duplicate, pause, timer-jitter, clock, tx-error, tx-ok, switch, nic); did you mean "
        + "crash?", error(BASE + "at 10s crahs fw1\n"));
  }

  @Test
  void badProfileNamesTheValidOnesAndTheNearest() {
    assertEquals("t.carp:11:18: unknown profile 'openbsd3.5' (valid: openbsd, openbsd-3.5, netbsd, freebsd, "
        + "freebsd-6, ucarp, keepalived); did you mean openbsd-3.5?", error(BASE + "host fw3 profile openbsd3.5\n  nic em0 lan\n"));
    assertEquals("t.carp:1:9: unknown profile 'freebds' (valid: openbsd, openbsd-3.5, netbsd, freebsd, freebsd-6, "
        + "ucarp, keepalived); did you mean freebsd?", error("profile freebds\n" + BASE));
  }

  @Test
  void aBadIfconfigOptionOnAContinuedLineIsPlacedOnItsPhysicalLine() {
    String text = BASE + "host fw3\n"
        + "  nic em0 lan 172.16.0.3/24\n"
        + "  fw3# ifconfig carp0 vhid 1 pass s3cr3t-lan \\\n"
        + "        carpdev em0 advskw 100 172.16.0.100/24\n";
    assertEquals("t.carp:14:21: ifconfig: advskw: bad value (not an option or an address; did you mean advskew?)",
        error(text));
  }

  @Test
  void configurationErrorsOfTimelineCommandsAndInlineFiles() {
    assertEquals("t.carp:11:33: ifconfig: vhid 300: too large (range 1..255)",
        error(BASE + "at 10s fw1: ifconfig carp0 vhid 300\n"));
    assertEquals("t.carp:10:13: unknown sysctl net.inet.carp.arpbalance in profile openbsd (removed after OpenBSD "
        + "4.x; use profile openbsd-3.5 or 'balancing arp')",
        error(BASE.replace("run 60s\n", "") + "  sysctl -w net.inet.carp.arpbalance=1\nrun 60s\n"));
    String file = BASE.replace("run 60s\n", "") + "  file /etc/hostname.carp1\n"
        + "    inet 172.16.0.101 255.255.255.0 NONE vhid 2 carpdev em0 pass x\n"
        + "    inet alias 172.16.0.102 255.255.255.0 NONE vhid 256\n"
        + "  end\n"
        + "run 60s\n";
    assertEquals("t.carp:12:53: ifconfig: vhid 256: too large (range 1..255)", error(file),
        "placed in the scenario file, on the file block's line");
  }

  @Test
  void anUnterminatedFileBlockAndAnUnknownFile() {
    String text = BASE.replace("run 60s\n", "") + "  file /etc/hostname.carp1\n"
        + "    inet 172.16.0.101 255.255.255.0 NONE vhid 2 carpdev em0 pass x\n"
        + "run 60s\n";
    assertEquals("t.carp:10:3: file /etc/hostname.carp1: no 'end' line closes this block (it must end before line 12)",
        error(text));
    String unknown = BASE.replace("run 60s\n", "") + "  file /etc/pf.conf\n    pass in all\n  end\nrun 60s\n";
    assertEquals("t.carp:10:8: file /etc/pf.conf: not a configuration file carpsim reads (/etc/hostname.IF, "
        + "/etc/ifconfig.IF, /etc/rc.conf, /etc/rc.conf.local, /etc/sysctl.conf, /etc/keepalived/keepalived.conf)", error(unknown));
  }

  @Test
  void percentagesAreZeroToHundredWithTheirSign() {
    assertEquals("t.carp:11:17: loss 101%: out of range (0%..100%)", error(BASE + "at 10s loss lan 101%\n"));
    assertEquals("t.carp:11:17: bad percentage '30' for loss: expected a number from 0 to 100 followed by %, e.g. 0.1%",
        error(BASE + "at 10s loss lan 30\n"));
    assertEquals("t.carp:1:37: duplicate 100.5%: out of range (0%..100%)",
        error(BASE.replace("segment lan 172.16.0.0/24", "segment lan 172.16.0.0/24 duplicate 100.5%")));
    assertEquals("t.carp:11:44: arp-share 140%: out of range (0%..100%)",
        error(BASE + "expect arp-share lan 172.16.0.100 fw1 40%..140%\n"
            + "clients lan 10 from 172.16.0.0/24 arp 172.16.0.100 every 1s\n"));
  }

  @Test
  void unknownCountersStatesInterfacesAndVhids() {
    assertEquals("t.carp:11:23: unknown counter 'badauht' (counters: ipackets, ipackets6, badif, badttl, hdrops, "
        + "badsum, badver, badlen, badauth, badvhid, badaddrs, opackets, opackets6, onomem, ostates, preempt); "
        + "did you mean badauth?", error(BASE + "expect stat fw2.carp0 badauht >= 1\n"));
    assertEquals("t.carp:11:24: unknown state 'MASTR' (states: INIT, BACKUP, MASTER); did you mean MASTER?",
        error(BASE + "expect at 5s fw1.carp0 MASTR\n"));
    assertEquals("t.carp:11:18: unknown interface 'fw1.carp1' (interfaces of fw1: em0, carp0); did you mean fw1.carp0?",
        error(BASE + "expect at 5s fw1.carp1 MASTER\n"));
    assertEquals("t.carp:11:23: host fw1 configures no vhid 2 (its vhids: 1)",
        error(BASE + "expect at 5s fw1 vhid 2 MASTER\n"));
    assertEquals("t.carp:11:35: no host configures vhid 9 (vhids: 1)",
        error(BASE + "expect always one-master lan vhid 9\n"));
    assertEquals("t.carp:11:34: masters 0: too small (range 1..255)",
        error(BASE + "expect max-masters lan vhid 1 <= 0\n"));
    assertEquals("t.carp:11:34: masters 300: too large (range 1..255)",
        error(BASE + "expect max-masters lan vhid 1 <= 300\n"));
    assertEquals("t.carp:11:31: expected '<=' and the most masters allowed at once, e.g. <= 2",
        error(BASE + "expect max-masters lan vhid 1 < 2\n"));
    assertEquals("t.carp:11:41: from 5s is after to 1s",
        error(BASE + "expect max-masters lan vhid 1 <= 2 from 5s to 1s\n"));
    assertEquals("t.carp:11:18: fw1.em0 is a NIC; under profile openbsd virtual hosts live on carp interfaces (name "
        + "one, e.g. fw1.carp0, or write 'fw1 vhid N')", error(BASE + "expect at 5s fw1.em0 MASTER\n"));
    assertEquals("t.carp:11:31: expected a comparison (==, !=, <, <=, >, >=), not '=>'",
        error(BASE + "expect stat fw2.carp0 badauth => 1\n"));
  }

  @Test
  void stateNamesAndComparisonsAreForgiving() {
    Scenario s = ScenarioParser.parse("t.carp", BASE + "expect at 5s fw1.carp0 master\nexpect stat fw1 opackets >=3\n");
    assertEquals(2, s.expectations().size());
  }

  @Test
  void missingRunIsAnErrorAtTheEnd() {
    assertEquals("t.carp:9:1: missing 'run DURATION': how long the scenario runs in virtual time (e.g. run 60s)",
        error(BASE.replace("run 60s\n", "")));
    assertEquals("t.carp:1:1: missing 'run DURATION': how long the scenario runs in virtual time (e.g. run 60s)",
        error(""));
    assertEquals("t.carp:11:1: 'run' is given twice (first on line 10)", error(BASE + "run 30s\n"));
  }

  @Test
  void declarationsMustBeUniqueAndInTheirPlace() {
    assertEquals("t.carp:11:6: 'fw1' is already declared on line 2; host and segment names must all differ",
        error(BASE + "host fw1\n"));
    assertEquals("t.carp:11:9: 'fw1' is already declared on line 2; host and segment names must all differ",
        error(BASE + "segment fw1\n"));
    assertEquals("t.carp:11:1: the default profile must be set before the first host (host fw1 is declared above); "
        + "or give the host its own: host NAME profile P", error(BASE + "profile netbsd\n"));
    assertEquals("t.carp:4:7: host fw1 already has a NIC em0",
        error(BASE.replace("  ifconfig carp0 create\n  ifconfig carp0 vhid 1 pass s3cr3t-lan",
            "  nic em0 lan\n  ifconfig carp0 vhid 1 pass s3cr3t-lan")));
  }

  @Test
  void nicsAreCheckedAgainstTheirSegment() {
    assertEquals("t.carp:3:11: unknown segment 'lab' (segments: lan); did you mean lan?",
        error(BASE.replace("nic em0 lan 172.16.0.1/24", "nic em0 lab 172.16.0.1/24")));
    assertEquals("t.carp:3:15: address 172.16.1.1 is outside the subnet 172.16.0.0/24 of segment lan",
        error(BASE.replace("nic em0 lan 172.16.0.1/24", "nic em0 lan 172.16.1.1/24")));
    assertEquals("t.carp:7:15: address 172.16.0.1 is already taken by fw1.em0 on segment lan",
        error(BASE.replace("nic em0 lan 172.16.0.2/24", "nic em0 lan 172.16.0.1/24")));
    assertEquals("t.carp:3:15: address 172.16.0.255 is the broadcast address of 172.16.0.0/24; a NIC needs a host address",
        error(BASE.replace("nic em0 lan 172.16.0.1/24", "nic em0 lan 172.16.0.255/24")));
    assertEquals("t.carp:7:33: MAC 02:00:00:00:00:01 is already used by fw1.em0 on segment lan",
        error(BASE.replace("nic em0 lan 172.16.0.1/24", "nic em0 lan 172.16.0.1/24 mac 02:00:00:00:00:01")
            .replace("nic em0 lan 172.16.0.2/24", "nic em0 lan 172.16.0.2/24 mac 02:00:00:00:00:01")));
    assertEquals("t.carp:3:33: MAC 00:00:5e:00:01:01 is the CARP virtual MAC of vhid 1; give the NIC its own MAC",
        error(BASE.replace("nic em0 lan 172.16.0.1/24", "nic em0 lan 172.16.0.1/24 mac 00:00:5e:00:01:01")));
    assertEquals(List.of("t.carp:3:7: NIC name 'carp0' is a carp interface name; carp interfaces are created by the "
        + "configuration (ifconfig carp0 create), NICs are physical (em0, fxp0, …)",
        "t.carp:5:49: carpdev em0: host fw1 has no NIC em0 (its NICs: none)"),
        errors(BASE.replace("nic em0 lan 172.16.0.1/24", "nic carp0 lan 172.16.0.1/24")));
  }

  @Test
  void interfacesNamedByTheConfigurationMustExist() {
    assertEquals("t.carp:5:49: carpdev em1: host fw1 has no NIC em1 (its NICs: em0); did you mean em0?",
        error(BASE.replace("vhid 1 pass s3cr3t-lan carpdev em0", "vhid 1 pass s3cr3t-lan carpdev em1")));
    assertEquals("t.carp:11:22: unknown interface 'em1' on host fw1 (its NICs: em0; carp interfaces are carpN, pfsync's is pfsync0); "
        + "did you mean em0?", error(BASE + "at 10s fw1: ifconfig em1 down\n"));
  }

  @Test
  void blockStructureMistakes() {
    assertEquals("t.carp:11:3: indented line outside a host block (only the lines of a 'host NAME' block are indented)",
        error(BASE + "  expect at 5s fw1.carp0 MASTER\n"));
    assertEquals("t.carp:11:1: 'ifconfig' is a host command: indent it under a 'host NAME' line",
        error(BASE + "ifconfig carp1 create\n"));
    assertEquals("t.carp:11:1: 'nic' belongs to a host: indent it under a 'host NAME' line",
        error(BASE + "nic em1 lan\n"));
    assertEquals("t.carp:10:3: 'expect' cannot be inside host fw2: write it at the start of the line (indented lines "
        + "belong to the host above)", error(BASE.replace("run 60s\n", "  expect at 5s fw1.carp0 MASTER\nrun 60s\n")));
    assertEquals("t.carp:1:10: unterminated quote: a closing \" is missing", error("scenario \"Two firewalls\n" + BASE));
  }

  @Test
  void partitionsNameMembersOfTheSegment() {
    String wan = BASE.replace("run 60s\n", "segment wan 192.0.2.0/24\nhost r\n  nic em0 wan\nrun 60s\n");
    assertEquals("t.carp:14:21: host r has no NIC on segment lan", error(wan + "at 5s partition lan r | fw1\n"));
    assertEquals("t.carp:14:27: fw1 is named twice in the partition", error(wan + "at 5s partition lan fw1 | fw1\n"));
    assertEquals("t.carp:14:27: empty side before '|' (a side names hosts or host.nic NICs)",
        error(wan + "at 5s partition lan fw1 | | fw2\n"));
    assertEquals("t.carp:14:25: fw1.em0 overlaps fw1 (both take fw1.em0) in the partition",
        error(wan + "at 5s partition lan fw1 fw1.em0\n"));
  }

  @Test
  void arpShareNeedsClientsArpingForThatAddress() {
    assertEquals("t.carp:11:22: no clients on segment lan ARP for 172.16.0.100, so there is no share to measure "
        + "(add: clients lan N from CIDR arp 172.16.0.100 every D)",
        error(BASE + "expect arp-share lan 172.16.0.100 fw1 40%..60%\n"));
  }

  @Test
  void everyMistakeOfAFileIsReportedInFileOrder() {
    String text = "segmnt lan\n" + BASE + "at 10x crash fw1\nexpect at 5s fw1.carp0 MASTR\n";
    List<String> all = errors(text);
    assertEquals(3, all.size(), all::toString);
    assertTrue(all.get(0).startsWith("t.carp:1:1: unknown keyword 'segmnt'"), all::toString);
    assertTrue(all.get(1).startsWith("t.carp:12:6: bad duration '10x'"), all::toString);
    assertTrue(all.get(2).startsWith("t.carp:13:24: unknown state 'MASTR'"), all::toString);
  }

  @Test
  void aRefusedHostDoesNotCascade() {
    List<String> all = errors(BASE.replace("host fw2", "host fw2 profile netbsdd") + "at 10s crash fw2\n"
        + "expect at 5s fw2.carp0 BACKUP\nexpect at 5s fw2 vhid 1 BACKUP\n");
    assertEquals(1, all.size(), all::toString);
    assertTrue(all.get(0).startsWith("t.carp:6:18: unknown profile 'netbsdd'"), all::toString);
  }

  @Test
  void latePointsInTimeAreWarnings() {
    assertEquals(List.of(
        "t.carp:11:4: warning: at 70s is after the end of the run (run 60s)",
        "t.carp:12:24: warning: the deadline 59s + 2s is after the end of the run (run 60s)",
        "t.carp:13:40: warning: to 61s is after the end of the run (run 60s)"),
        warnings(BASE + "at 70s crash fw1\nexpect within 2s after 59s fw2.carp0 MASTER\n"
            + "expect always one-master lan vhid 1 to 61s\n"));
  }

  /**
   * Current OpenBSD needs carpdev: without it the interface stays INIT, so the parser says so once
   * per interface; a carpdev given later (here in the timeline) counts, and other profiles find the
   * parent by subnet.
   */
  @Test
  void aCarpInterfaceWithoutCarpdevIsAWarningWhereTheProfileNeedsOne() {
    String without = BASE.replace("pass s3cr3t-lan carpdev em0 172.16.0.100/24\nhost fw2",
        "pass s3cr3t-lan 172.16.0.100/24\n  ifconfig carp0 advskew 10\n  ifconfig carp0 vhid 1\nhost fw2");
    assertEquals(List.of("t.carp:5:3: warning: carp0 has no carpdev: profile openbsd (OpenBSD 5.7 and later) needs"
        + " 'carpdev IF' to run it, so carp0 stays INIT (e.g. carpdev em0)"), warnings(without));
    assertEquals(List.of(), warnings(without + "at 10s fw1: ifconfig carp0 carpdev em0\n"));
    assertEquals(List.of(), warnings("profile netbsd\n" + without));
    assertFalse(warnings(without).get(0).contains("s3cr3t"));
  }

  @Test
  void pointlessTimelineEventsAreWarnings() {
    assertEquals(List.of(
        "t.carp:11:1: warning: boot fw1 at 5s: it is running; boot does nothing (crash it first)",
        "t.carp:13:1: warning: fw1 is crashed at 20s (since 10s): a crashed host runs no commands",
        "t.carp:14:1: warning: heal lan at 30s: it is not partitioned then"),
        warnings(BASE + "at 5s boot fw1\nat 10s crash fw1\nat 20s fw1: ifconfig carp0 down\nat 30s heal lan\n"));
  }

  @Test
  void passphrasesInTextTheConfigurationParserDoesNotReadAreMaskedToo() {
    Scenario s = ScenarioParser.parse("t.carp", BASE.replace("run 60s\n", "")
        + "  sysctl -w net.inet.carp.preempt=1   # was: ifconfig carp0 pass hunter2-secret\n"
        + "  carp_extra_options=\"vhid 9 pass hunter2-secret\"\n"
        + "run 60s\n");
    String all = s.toString() + s.warnings();
    assertFalse(all.contains("hunter2"), all);
    assertTrue(s.warnings().get(0).toString().startsWith("t.carp:11:3: warning: rc.conf: carp_extra_options is not modelled"),
        s.warnings()::toString);
  }

  @Test
  void anUnterminatedQuoteAnywhereIsAnError() {
    assertEquals("t.carp:11:1: unterminated quote: a closing \" is missing", error(BASE + "\"at 5s crash fw1\n"));
    assertEquals("t.carp:11:13: unterminated quote: a closing \" is missing", error(BASE + "at 5s crash \"fw1\n"));
  }

  @Test
  void noPassphraseInAnyErrorOrWarning() {
    String text = BASE.replace("run 60s\n", "")
        + "  ifconfig carp1 vhid 2 pass hunter2-secret carpdev em0 advskw 1\n"
        + "  ifconfig carp2 vhid 3 pass hunter2-secret carpdev em9 172.16.0.102/24\n"
        + "  ifconfig_carp3=\"vhid 300 pass hunter2-secret 172.16.0.103/24\"\n"
        + "  \"ifconfig carp4 vhid 5 pass hunter2-secret\"\n"
        + "at 10s fw2: ifconfig carp0 pass hunter2-secret vhid 0\n"
        + "expect at 5s fw2 vhid 4 MASTER\n";
    ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("t.carp", text));
    assertTrue(e.errors().size() >= 4, e::getMessage);
    String everything = e.getMessage() + e.warnings();
    assertFalse(everything.contains("hunter2"), everything);
    assertFalse(everything.contains("s3cr3t"), everything);
  }

  /** IPv6 traffic clients: the families of subnet, address and cache model must agree, each mistake at its column. */
  @Test
  void ipv6TrafficClientsSayWhatIsWrong() {
    assertEquals("t.carp:11:39: 172.16.0.100 is an IPv4 address and the clients' subnet 2001:db8::/64 is IPv6: clients"
        + " send to an address of their own family",
        error(BASE + "clients lan 5 from 2001:db8::/64 send 172.16.0.100 every 1s\n"));
    assertEquals("t.carp:11:39: 2001:db8::100 is an IPv6 address and the clients' subnet 172.16.0.0/25 is IPv4: clients"
        + " send to an address of their own family",
        error(BASE + "clients lan 5 from 172.16.0.0/25 send 2001:db8::100 every 1s\n"));
    assertEquals("t.carp:11:34: clients that ARP need an IPv4 subnet, and 2001:db8::/64 is IPv6 (IPv6 clients 'send' to"
        + " the address through neighbour discovery: clients SEG N from CIDR arp|send VIP every DURATION [cache MODEL]"
        + " [mac FIRST] [start T])", error(BASE + "clients lan 5 from 2001:db8::/64 arp 2001:db8::100 every 1s\n"));
    assertEquals("t.carp:11:68: cache model 'linux-arp-accept' is for IPv4 clients (ARP); these clients of 2001:db8::/64"
        + " are IPv6 clients (neighbour discovery): their models are linux, linux-accept-untracked-na, router, bsd",
        error(BASE + "clients lan 5 from 2001:db8::/64 send 2001:db8::100 every 1s cache linux-arp-accept\n"));
    assertEquals("t.carp:11:67: cache model 'linux-accept-untracked-na' is for IPv6 clients (neighbour discovery); these"
        + " clients of 172.16.0.0/25 are IPv4 clients (ARP): their models are linux, linux-arp-accept, router, bsd",
        error(BASE + "clients lan 5 from 172.16.0.0/25 send 172.16.0.100 every 1s cache linux-accept-untracked-na\n"));
    assertEquals("t.carp:11:68: unknown neighbour discovery cache model 'bds' (models: linux, linux-accept-untracked-na,"
        + " router, bsd); did you mean bsd?",
        error(BASE + "clients lan 5 from 2001:db8::/64 send 2001:db8::100 every 1s cache bds\n"));
    assertEquals("t.carp:11:31: bad prefix length '/129' in 2001:db8::/129 (range 0..128)",
        error(BASE + "clients lan 5 from 2001:db8::/129 send 2001:db8::100 every 1s\n"));
    assertEquals("t.carp:11:19: no clients on segment lan send to 2001:db8::100, so no outage can be seen (add: clients"
        + " lan N from CIDR send 2001:db8::100 every D)", error(BASE + "expect outage lan 2001:db8::100 <= 4s\n"));
    assertEquals("t.carp:11:24: bad IPv6 address '2001:db8::zz'",
        error(BASE + "expect convergence lan 2001:db8::zz <= 4s\n"));
    String six = BASE.replace("segment lan 172.16.0.0/24", "segment lan 172.16.0.0/24 2001:db8:1::/64");
    assertEquals("t.carp:11:20: 2001:db8:2::/64 is outside the prefix 2001:db8:1::/64 of segment lan",
        error(six + "clients lan 5 from 2001:db8:2::/64 send 2001:db8:1::100 every 1s\n"));
  }

  /** Clients that send traffic and the outage expectations: every mistake with its column and what is allowed. */
  @Test
  void trafficClientsAndOutagesSayWhatIsWrong() {
    String send = "clients lan 5 from 172.16.0.0/25 send 172.16.0.100 every 1s\n";
    assertEquals("t.carp:11:51: give 'arp' or 'send', not both: clients either ARP for the address or send traffic to"
        + " it (clients SEG N from CIDR arp|send VIP every DURATION [cache MODEL] [mac FIRST] [start T])",
        error(BASE + "clients lan 5 from 172.16.0.0/25 arp 172.16.0.100 send 172.16.0.100 every 1s\n"));
    assertEquals("t.carp:11:60: 'cache' goes with 'send': clients that only ARP keep no cache (clients SEG N from CIDR"
        + " arp|send VIP every DURATION [cache MODEL] [mac FIRST] [start T])",
        error(BASE + "clients lan 5 from 172.16.0.0/25 arp 172.16.0.100 every 1s cache linux\n"));
    assertEquals("t.carp:11:67: unknown ARP cache model 'windows' (models: linux, linux-arp-accept, router, bsd)",
        error(BASE + "clients lan 5 from 172.16.0.0/25 send 172.16.0.100 every 1s cache windows\n"));
    assertEquals("t.carp:11:19: no clients on segment lan send to 172.16.0.100, so no outage can be seen (add: clients"
        + " lan N from CIDR send 172.16.0.100 every D)", error(BASE + "expect outage lan 172.16.0.100 <= 4s\n"));
    assertEquals("t.carp:12:32: expected '<=' or '>=' and the bound (expect outage SEG VIP <=|>= DURATION)",
        error(BASE + send + "expect outage lan 172.16.0.100 < 4s\n"));
    assertEquals("t.carp:12:26: no clients line on segment lan takes its addresses from 172.16.0.0/26 (a partition "
        + "names hosts, host.nic NICs, or the from subnet of a clients line)",
        error(BASE + send + "at 10s partition lan fw1 172.16.0.0/26 | fw2\n"));
    assertEquals("t.carp:12:41: outage-share 120%: out of range (0%..100%)",
        error(BASE + send + "expect outage-share lan 172.16.0.100 <= 120%\n"));
    assertEquals("t.carp:12:22: no clients on segment lan ARP for 172.16.0.100, so there is no share to measure (add:"
        + " clients lan N from CIDR arp 172.16.0.100 every D)",
        error(BASE + send + "expect arp-share lan 172.16.0.100 fw1 0%..100%\n"));
    assertEquals("t.carp:11:24: no clients on segment lan send to 172.16.0.100, so no cache can be seen to converge "
        + "(add: clients lan N from CIDR send 172.16.0.100 every D)",
        error(BASE + "expect convergence lan 172.16.0.100 <= 1s\n"));
    assertEquals("t.carp:12:37: expected '<=' or '>=' and the bound (expect convergence SEG VIP <=|>= DURATION)",
        error(BASE + send + "expect convergence lan 172.16.0.100 == 1s\n"));
    assertTrue(error(BASE + send + "expect convergence lan 172.16.0.100 <= soon\n").startsWith("t.carp:12:40: "));
  }

  @Test
  void aVswitchPolicyTakesAcceptOrRejectOnce() {
    String host = "segment lan 172.16.0.0/24\nrun 10s\nhost fw1\n";
    assertEquals("t.carp:4:46: forged-transmits takes accept or reject, not 'deny'",
        error(host + "  nic em0 lan 172.16.0.1/24 forged-transmits deny\n"));
    assertEquals("t.carp:4:48: promiscuous is given twice",
        error(host + "  nic em0 lan 172.16.0.1/24 promiscuous reject promiscuous accept\n"));
    assertEquals("t.carp:4:50: drop-in carp is given twice",
        error(host + "  nic em0 lan 172.16.0.1/24 drop-in carp drop-in carp\n"));
  }

  @Test
  void snoopingBelongsToASwitchAndTakesItsWords() {
    String tail = "run 10s\n";
    assertEquals("t.carp:1:25: snooping is an option of a switch; a segment is a hub (write 'switch lan …' for a "
        + "learning switch)", error("segment lan 10.0.0.0/24 snooping managed\n" + tail));
    assertEquals("t.carp:1:33: snooping takes linux-bridge, managed or off, not 'manged'; did you mean managed?",
        error("switch lan 10.0.0.0/24 snooping manged\n" + tail));
    assertEquals("t.carp:1:49: querier takes on or off, not 'yes'",
        error("switch lan 10.0.0.0/24 snooping managed querier yes\n" + tail));
    assertEquals("t.carp:1:41: snooping is given twice",
        error("switch lan 10.0.0.0/24 snooping managed snooping off\n" + tail));
    assertEquals("t.carp:3:18: a switch's snooping or querier changes at an instant, not 'mac-aging' (at T switch "
        + "lan snooping linux-bridge|managed|off, or querier on|off)",
        error("switch lan 10.0.0.0/24\n" + tail + "at 5s switch lan mac-aging 10s\n"));
    assertEquals("t.carp:3:14: wan is a hub ('segment'): only a switch snoops or has a querier",
        error("segment wan 10.0.0.0/24\n" + tail + "at 5s switch wan querier on\n"));
    assertEquals("t.carp:3:26: querier takes on or off, not 'maybe'",
        error("switch lan 10.0.0.0/24\n" + tail + "at 5s switch lan querier maybe\n"));
  }

  @Test
  void portFiltersAndOneWayLossAtInstantsNameTheirWords() {
    String base = "switch lan 10.0.0.0/24\nrun 10s\nhost fw1\n  nic em0 lan 10.0.0.1/24\n";
    assertEquals("t.carp:5:19: a NIC's port filter changes at an instant: drop-in or drop-out, not 'drop' (at T nic "
        + "fw1.em0 drop-in carp|MAC|none)", error(base + "at 5s nic fw1.em0 drop carp\n"));
    assertEquals("t.carp:5:16: only a NIC's loss has a direction (at T loss HOST.NIC in|out P%), not a segment's",
        error(base + "at 5s loss lan in 10%\n"));
    assertEquals("t.carp:5:23: only a NIC's loss has a direction (at T loss HOST.NIC in|out P%), not latency",
        error(base + "at 5s latency fw1.em0 out 10ms\n"));
  }

  @Test
  void aMacMoveLimitBelongsToASwitchAndTakesItsRanges() {
    String tail = "run 10s\n";
    assertEquals("t.carp:1:25: mac-move-limit is an option of a switch; a segment is a hub (write 'switch lan …' for "
        + "a learning switch)", error("segment lan 10.0.0.0/24 mac-move-limit 3/10s\n" + tail));
    assertEquals("t.carp:1:39: mac-move-limit moves 0: too small (range 1..1000)",
        error("switch lan 10.0.0.0/24 mac-move-limit 0/10s\n" + tail));
    assertEquals("t.carp:1:41: the mac-move-limit window must be longer than 0s",
        error("switch lan 10.0.0.0/24 mac-move-limit 3/0s\n" + tail));
    assertEquals("t.carp:1:39: mac-move-limit takes N/T, e.g. 3/10s, not '3'",
        error("switch lan 10.0.0.0/24 mac-move-limit 3\n" + tail));
  }

  @Test
  void pfsyncLinesAreCheckedWithTheirPlaceAndTheAllowedWords() {
    String head = "profile freebsd\nsegment lan 10.0.0.0/24\nhost a\n  nic em0 lan 10.0.0.2/24\n";
    String tail = "run 10s\n";
    assertEquals("t.carp:5:20: ifconfig: syncdve: not a pfsync option modelled here (one of syncdev, -syncdev, "
        + "syncpeer, -syncpeer, up, down); did you mean syncdev?", error(head + "  ifconfig pfsync0 syncdve em0\n" + tail));
    assertEquals("t.carp:5:12: ifconfig: pfsync1: no such interface (pfsync0 is the only pfsync interface)",
        error(head + "  ifconfig pfsync1 syncdev em0\n" + tail));
    assertEquals("t.carp:5:28: syncdev em7: host a has no NIC em7 (its NICs: em0); did you mean em0?",
        error(head + "  ifconfig pfsync0 syncdev em7 up\n" + tail));
    assertEquals("t.carp:5:18: rc.conf: pfsync_enable: YES or NO, not 'maybe'",
        error(head + "  pfsync_enable=\"maybe\"\n" + tail));
    assertEquals("t.carp:6:35: syncdev em9: host a has no NIC em9 (its NICs: em0); did you mean em0?",
        error(head + tail + "at 5s a: ifconfig pfsync0 syncdev em9\n"));
    assertEquals("t.carp:5:12: ifconfig: pfsync0: pfsync is modelled under the profiles openbsd and freebsd (its "
        + "demotion of carp), not under netbsd", error(head.replace("host a", "host a profile netbsd")
        + "  ifconfig pfsync0 syncdev em0 up\n" + tail));
    Scenario ok = ScenarioParser.parse("t.carp", head + "  pfsync_syncdev=\"em0\"\n  pfsync_enable=\"YES\"\n"
        + "  sysctl net.pfsync.carp_demotion_factor=100\n" + tail + "at 5s a: ifconfig pfsync0 syncdev em0 up\n");
    assertEquals(List.of(), ok.warnings());
    assertEquals(1, ok.timeline().size());
  }

  /** Input that cannot finish or cannot fit is refused at once, with a readable echo (issue 17). */
  @Test
  void runsThatCannotEndAndLinesNobodyCanReadAreRefused() {
    assertEquals("t.carp:10:5: run 9223372036854775807ns: too long (at most 87600h, ten years of virtual time)",
        error(BASE.replace("run 60s", "run 9223372036854775807ns")));
    String word = "x".repeat(5_000_000);
    String tooLong = error(BASE + "host " + word + "\n");
    assertEquals("t.carp:11:1: line too long: 5,000,005 characters (at most 65,536); it is not read", tooLong);
    String echoed = error(BASE + "host fw3\n  nic em0 lan 172.16.0.3/24\n  ifconfig carp0 " + "y".repeat(1000) + "\n");
    assertTrue(echoed.contains("… (1,000 characters)"), echoed);
    assertTrue(echoed.length() < 300, echoed);
  }

  /** A backslash that continues the file's last line continues nothing: said, not swallowed. */
  @Test
  void aContinuationAtTheEndOfTheFileIsAnError() {
    assertEquals("t.carp:11:31: '\\' continues this line, but the file ends here (remove it, or add the rest of the "
        + "line)", error(BASE + "expect at 5s fw1.carp0 MASTER \\"));
    assertEquals("t.carp:11:31: '\\' continues this line, but the file ends here (remove it, or add the rest of the "
        + "line)", error(BASE + "expect at 5s fw1.carp0 MASTER \\\n\n"));
  }

  @Test
  void macMovesAreCountedOnSwitchesOnly() {
    assertEquals("t.carp:11:18: segment lan is a hub: only a learning switch moves MACs (declare it with 'switch')",
        error(BASE + "expect mac-moves lan <= 0\n"));
    assertEquals("t.carp:11:22: expected '<=' or '>=' and a number of moves (expect mac-moves SWITCH <=|>= N)",
        error(BASE.replace("segment lan", "switch lan") + "expect mac-moves lan < 1\n"));
  }

  @Test
  void suiteExpectationsSayWhereAndWhatIsAllowed() {
    assertEquals("t.carp:11:17: bad address '10.0.0.999' (an IPv4 address like 192.0.2.1 or an IPv6 address like "
        + "2001:db8::1)", error(BASE + "expect ping fw1 10.0.0.999 answered at 5s\n"));
    assertEquals("t.carp:11:30: expected 'answered' or 'unanswered', not 'answerd' (expect ping HOST ADDRESS [source "
        + "ADDRESS] answered|unanswered at T (or within D after T)); did you mean answered?",
        error(BASE + "expect ping fw1 172.16.0.100 answerd at 5s\n"));
    assertEquals("t.carp:11:46: ping window 2h too long (range 0s..1h: one echo a second)",
        error(BASE + "expect ping fw1 172.16.0.100 answered within 2h after 5s\n"));
    assertEquals("t.carp:11:37: source 2001:db8::1 and 172.16.0.100 are of different families",
        error(BASE + "expect ping fw1 172.16.0.100 source 2001:db8::1 answered at 5s\n"));
    assertEquals("t.carp:11:33: bad MAC '00:00:5e:00:01' (six hex bytes like 00:00:5e:00:01:01)",
        error(BASE + "expect advert-source lan vhid 1 00:00:5e:00:01\n"));
    assertEquals("t.carp:11:31: no host configures vhid 7 (vhids: 1)",
        error(BASE + "expect advert-source lan vhid 7 00:00:5e:00:01:07\n"));
    assertEquals("t.carp:11:39: the text to look for must be a non-empty \"double-quoted\" regular expression",
        error(BASE + "expect at 5s ifconfig fw1.carp0 shows status\n"));
    assertEquals("t.carp:11:39: bad regular expression \"status: (master\": Unclosed group",
        error(BASE + "expect at 5s ifconfig fw1.carp0 shows \"status: (master\"\n"));
    assertEquals("t.carp:11:33: expected 'shows' or 'lacks', not 'show' (expect at T ifconfig HOST.IFACE shows "
        + "\"TEXT\"); did you mean shows?", error(BASE + "expect at 5s ifconfig fw1.carp0 show \"x\"\n"));
    assertEquals("t.carp:11:27: unknown interface 'fw1.carp9' (interfaces of fw1: em0, carp0)",
        error(BASE + "expect at 5s ifconfig fw1.carp9 shows \"x\"\n"));
    assertEquals("t.carp:11:26: unknown counter 'ipacket' (counters: ipackets, ipackets6, badif, badttl, hdrops, "
        + "badsum, badver, badlen, badauth, badvhid, badaddrs, opackets, opackets6, onomem, ostates, preempt); did you "
        + "mean ipackets?", error(BASE + "expect at 5s netstat fw1 ipacket > 0\n"));
  }
}
