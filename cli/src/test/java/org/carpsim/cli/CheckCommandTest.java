package org.carpsim.cli;

import static org.carpsim.cli.CliResult.carpsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carpsim check} driven through {@link Carpsim#commandLine()}. */
class CheckCommandTest {

  @TempDir Path tmp;

  private static final String GOOD = String.join("\n",
      "scenario \"two hosts\"",
      "profile openbsd-3.5",
      "segment lan 10.0.0.0/24",
      "switch core",
      "host a",
      "  nic em0 lan 10.0.0.2/24",
      "  # ifconfig carp0 create",
      "  # ifconfig carp0 vhid 1 pass s3cr3t-pw 10.0.0.1 \\",
      "netmask 255.255.255.0",
      "host b",
      "  nic em0 lan 10.0.0.3/24",
      "  ifconfig carp0 create",
      "  ifconfig carp0 vhid 1 advskew 100 pass s3cr3t-pw carpdev em0 10.0.0.1/24",
      "run 30s",
      "expect at 5s a.carp0 MASTER",
      "expect at 130s b.carp0 BACKUP",
      "");

  private Path write(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void aValidFileIsOkWithItsWarningsOnStandardError() throws IOException {
    Path good = write("good.carp", GOOD);
    CliResult r = carpsim("check", good.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(good + ": ok (2 hosts, 2 segments, 2 expectations)\n", r.out().replace("\r\n", "\n"));
    List<String> warnings = r.err().lines().toList();
    assertTrue(warnings.contains(good + ":13:52: warning: carpdev: not in the ifconfig of profile openbsd-3.5 "
        + "(OBSD-1.54); accepted, as the seeds' carp(4) page documents it"), r.err());
    assertTrue(warnings.contains(good + ":16:11: warning: expect at 130s is after the end of the run (run 30s)"),
        r.err());
    assertFalse((r.out() + r.err()).contains("s3cr3t"));
  }

  @Test
  void aRefusedFileListsEveryErrorInFileOrderAndExitsTwo() throws IOException {
    Path bad = write("bad.carp", GOOD.replace("segment lan", "segmnt lan")
        .replace("vhid 1 advskew 100 pass s3cr3t-pw", "vhid 1 advskew 300 pass s3cr3t-pw")
        + "expect stat a.carp0 badauht >= 1\n");
    CliResult r = carpsim("check", bad.toString());
    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertEquals(List.of(
        "B:3:1: unknown keyword 'segmnt' (keywords: scenario, seed, profile, segment, switch, host, clients, at, run, "
            + "expect); did you mean segment?",
        "B:6:11: unknown segment 'lan' (segments: core)",
        "B:11:11: unknown segment 'lan' (segments: core)",
        "B:13:33: ifconfig: advskew 300: too large (range 0..254)",
        "B:16:11: warning: expect at 130s is after the end of the run (run 30s)",
        "B:17:21: unknown counter 'badauht' (counters: ipackets, ipackets6, badif, badttl, hdrops, badsum, badver, "
            + "badlen, badauth, badvhid, badaddrs, opackets, opackets6, onomem, ostates, preempt); did you mean badauth?",
        "B: refused (5 errors, 1 warning)"),
        r.err().lines().map(l -> l.replace(bad.toString(), "B")).toList());
    assertFalse(r.err().contains("s3cr3t"));
  }

  @Test
  void everyFileIsCheckedAndOneBadFileMakesTheStatusTwo() throws IOException {
    Path good = write("good.carp", GOOD);
    Path missing = tmp.resolve("missing.carp");
    Path notUtf8 = tmp.resolve("latin1.carp");
    Files.write(notUtf8, "# caf\u00e9\nrun 1s\n".getBytes(StandardCharsets.ISO_8859_1));
    CliResult r = carpsim("check", missing.toString(), good.toString(), notUtf8.toString(), tmp.toString());
    assertEquals(2, r.exit());
    assertTrue(r.out().contains(good + ": ok"), r.out());
    assertTrue(r.err().contains("carpsim check: " + missing + ": no such file"), r.err());
    assertTrue(r.err().contains(notUtf8 + ":1:6: not UTF-8 text (byte 0xe9); save the file as UTF-8"), r.err());
    assertTrue(r.err().contains("carpsim check: " + tmp + ": is a directory, not a scenario file"), r.err());
  }

  @Test
  void noFileIsAUsageErrorWithStatusTwo() {
    CliResult r = carpsim("check");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("FILE"), r.err());
  }

  @Test
  void helpListsTheExitStatuses() {
    CliResult r = carpsim("check", "--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("2   a file was refused or could not be read"), r.out());
  }
}
