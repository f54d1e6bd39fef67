package org.carpsim.cli;

import static org.carpsim.cli.CliResult.carpsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output paths and seeds are checked before any work: a command that could not write its result
 * refuses to start (exit 2, the option and the path named), and never prints a Java class name.
 */
class PreflightTest {

  private static final String EXAMPLE = "../scenarios/examples/article-2004-basic.carp";

  @TempDir
  Path dir;

  @Test
  void runRefusesAnUnwritablePcapBeforeRunning() {
    Path pcap = dir.resolve("missing/x.pcap");
    CliResult r = carpsim("run", "--pcap", pcap.toString(), EXAMPLE);
    assertEquals(2, r.exit());
    assertEquals("carpsim run: --pcap " + pcap + ": no such directory: " + dir.resolve("missing") + "\n"
        + "carpsim run: nothing was run\n", r.err());
    assertEquals("", r.out(), "no timeline: nothing ran");
  }

  @Test
  void runNamesEveryUnusableOutputAtOnce() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    CliResult r = carpsim("run", "--junit", dir.toString(), "--report", file.toString(), "--seed", "-1", EXAMPLE);
    assertEquals(2, r.exit());
    assertEquals("carpsim run: --seed -1: expected 0..9223372036854775807 (as a scenario's seed line)\n"
        + "carpsim run: --junit " + dir + ": is a directory, not a file\n"
        + "carpsim run: --report " + file + ": is a file, not a directory\n"
        + "carpsim run: nothing was run\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void aReportDirectoryThatDoesNotExistYetIsCreated() {
    Path report = dir.resolve("new/deeper");
    CliResult r = carpsim("run", "--report", report.toString(), EXAMPLE);
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.isRegularFile(report.resolve("index.html")));
  }

  @Test
  void sweepExploreReportAndConformanceCheckTheirOutputsFirst() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    CliResult sweep = carpsim("sweep", EXAMPLE, "--seeds", "1..2", "--out", dir.resolve("no/x.json").toString());
    assertEquals(2, sweep.exit());
    assertTrue(sweep.err().startsWith("carpsim sweep: --out " + dir.resolve("no/x.json") + ": no such directory: "),
        sweep.err());
    assertEquals("", sweep.out());

    CliResult explore = carpsim("explore", EXAMPLE, "--cases", "1", "--out", file.resolve("sub").toString());
    assertEquals(2, explore.exit());
    assertEquals("carpsim explore: --out " + file.resolve("sub") + ": " + file + " is a file, not a directory\n"
        + "carpsim explore: nothing was run\n", explore.err());

    CliResult report = carpsim("report", dir.resolve("whatever.json").toString(), "-o", file.toString());
    assertEquals(2, report.exit());
    assertEquals("carpsim report: --out " + file + ": is a file, not a directory\n"
        + "carpsim report: no report was written\n", report.err());

    CliResult conformance = carpsim("conformance", "--simulate", "--profile", "ucarp", "--vhid", "1", "--vip",
        "10.0.0.100", "--junit",
        dir.resolve("no/x.xml").toString());
    assertEquals(2, conformance.exit());
    assertTrue(conformance.err().startsWith("carpsim conformance: --junit " + dir.resolve("no/x.xml")
        + ": no such directory: "), conformance.err());
  }

  @Test
  void errorsNeverShowJavaClassNames() {
    CliResult r = carpsim("run", dir.resolve("none.carp").toString());
    assertFalse(r.err().contains("Exception"), r.err());
    assertTrue(r.err().contains("none.carp: no such file"), r.err());
  }

  /** A run that cannot finish in any reasonable time is refused before it starts; check warns of it. */
  @Test
  void aRunOfDaysIsRefusedUnlessForcedAndCheckSaysSo() throws Exception {
    Path f = Files.writeString(dir.resolve("huge.carp"), """
        scenario "a million clients every millisecond"
        switch lan 10.0.0.0/8
        host fw1
          nic em0 lan 10.0.0.1/8
          ifconfig carp0 create
          ifconfig carp0 vhid 1 pass s3cret carpdev em0 10.0.0.100/8
        clients lan 1000000 from 10.1.0.0/16 send 10.0.0.100 every 1ms
        run 1h
        """);
    CliResult run = carpsim("run", f.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().startsWith("carpsim run: " + f + ": this run needs about 7.2e+12 events (42 days at 2 M "
        + "events/s) and 401 MB of heap: more than 1e+10 events; shorten the run or the clients, or give --force\n"),
        run.err());
    assertTrue(run.err().endsWith("carpsim run: nothing was run\n"), run.err());
    assertEquals("", run.out());
    CliResult check = carpsim("check", f.toString());
    assertEquals(0, check.exit(), "valid, only long");
    assertTrue(check.err().contains(f + ": warning: a run needs about 7.2e+12 events"), check.err());
  }
}
