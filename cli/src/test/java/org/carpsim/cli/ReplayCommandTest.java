package org.carpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code carpsim replay}: options, refusals and {@code --dry-run} on the real ucarp capture, none
 * of which opens an interface (the live replay is ReplayLiveTest in conformance).
 */
class ReplayCommandTest {

  @TempDir Path tmp;

  private static String capture(String name) {
    try {
      return Path.of(ReplayCommandTest.class.getResource("/captures/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void dryRunListsEveryFrameDecodedWithItsScaledDueTime() {
    CliResult r = CliResult.carpsim("replay", capture("ucarp-failover.pcap"), "--iface", "cs-no-such-if0", "--dry-run",
        "--speed", "10");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.lines();
    assertTrue(lines.get(0).startsWith("carpsim replay: 52 of 52 records from "), lines.get(0));
    assertTrue(lines.get(0).endsWith("on cs-no-such-if0, speed 10, lasting 4.741833 s"), lines.get(0));
    // Record 36 was captured 36.325732 s after record 1: due 3.632573 s at speed 10.
    assertTrue(lines.contains("    36  +3.632573 s  3a:93:f5:08:a8:9b > ff:ff:ff:ff:ff:ff ARP gratuitous: 10.99.0.100 is at "
        + "3a:93:f5:08:a8:9b, 42 bytes"), r.out());
    assertTrue(lines.contains("    37  +3.632576 s  00:00:5e:00:00:01 > 01:00:5e:00:00:12 10.99.0.12 > 224.0.0.18 CARP vhid 1 "
        + "advbase 1 advskew 100 demote 0, 70 bytes"), r.out());
    assertEquals("carpsim replay: dry run, nothing sent", lines.get(lines.size() - 1));
    assertEquals(52 + 2, lines.size());
  }

  @Test
  void filtersNarrowTheDryRun() {
    CliResult r = CliResult.carpsim("replay", capture("ucarp-failover.pcap"), "--iface", "eth0", "--dry-run",
        "--vhid", "1", "--src", "10.99.0.12", "--frames", "30-41", "--fast", "--pps", "100");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.lines().get(0).contains("4 of 52 records") && r.lines().get(0).contains("as fast as possible, at most 100 frames/s"),
        r.lines().get(0));
    assertEquals(List.of("    37  +0.000000 s", "    38  +0.010000 s", "    39  +0.020000 s", "    41  +0.030000 s"),
        r.lines().subList(1, 5).stream().map(l -> l.substring(0, 19)).toList());
  }

  @Test
  void theAnyDeviceAndAMissingInterfaceAreRefused() {
    CliResult any = CliResult.carpsim("replay", capture("ucarp-failover.pcap"), "--iface", "any");
    assertEquals(2, any.exit());
    assertTrue(any.err().contains("--iface any is refused"), any.err());
    CliResult none = CliResult.carpsim("replay", capture("ucarp-failover.pcap"));
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("Missing required option: '--iface=IF'"), none.err());
  }

  @Test
  void badOptionsAreNamed() {
    String pcap = capture("ucarp-failover.pcap");
    CliResult speed = CliResult.carpsim("replay", pcap, "--iface", "eth0", "--speed", "-2");
    assertEquals(2, speed.exit());
    assertTrue(speed.err().contains("--speed -2.0 is out of range 0..1000"), speed.err());
    CliResult both = CliResult.carpsim("replay", pcap, "--iface", "eth0", "--speed", "3", "--fast");
    assertEquals(2, both.exit());
    assertTrue(both.err().contains("--fast and --speed 3 contradict each other"), both.err());
    CliResult frames = CliResult.carpsim("replay", pcap, "--iface", "eth0", "--frames", "x");
    assertEquals(2, frames.exit());
    assertTrue(frames.err().contains("--frames 'x'"), frames.err());
    CliResult src = CliResult.carpsim("replay", pcap, "--iface", "eth0", "--src", "10.99.0");
    assertEquals(2, src.exit());
    assertTrue(src.err().contains("--src '10.99.0'"), src.err());
    CliResult vhid = CliResult.carpsim("replay", pcap, "--iface", "eth0", "--vhid", "0");
    assertEquals(2, vhid.exit());
    assertTrue(vhid.err().contains("--vhid 0 is out of range 1..255"), vhid.err());
  }

  @Test
  void nothingToSendAndUnreadableFilesAreInputErrorsWithoutAStackTrace() throws Exception {
    CliResult nothing = CliResult.carpsim("replay", capture("ucarp-failover.pcap"), "--iface", "eth0", "--vhid", "9");
    assertEquals(2, nothing.exit());
    assertTrue(nothing.err().contains("nothing to send: 52 records in "), nothing.err());
    CliResult missing = CliResult.carpsim("replay", tmp.resolve("nope.pcap").toString(), "--iface", "eth0");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("nope.pcap: no such file"), missing.err());
    Path junk = Files.write(tmp.resolve("junk.pcap"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    CliResult bad = CliResult.carpsim("replay", junk.toString(), "--iface", "eth0");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().startsWith("carpsim replay: " + junk + ": "), bad.err());
    assertFalse(bad.err().contains("\tat "), bad.err());
  }

  @Test
  void aMissingInterfaceIsAnIoError() {
    CliResult r = CliResult.carpsim("replay", capture("ucarp-failover.pcap"), "--iface", "cs-no-such-if0", "--frames", "1");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("no interface 'cs-no-such-if0'") || r.err().contains("apt-get install libpcap0.8"), r.err());
  }

  @Test
  void helpSaysWhatItSendsAndWhere() {
    CliResult r = CliResult.carpsim("replay", "--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("sends only on IF (never 'any')"), r.out());
    assertTrue(r.out().contains("--dry-run"), r.out());
    assertTrue(r.out().contains("isolated lab link"), r.out());
  }
}
