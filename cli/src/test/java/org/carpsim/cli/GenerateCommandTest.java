package org.carpsim.cli;

import static org.carpsim.cli.CliResult.carpsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

  @Test
  void generatedScenarioRunsWithEveryExpectationHeldAndTheSameSeedGivesTheSameText(@TempDir Path dir)
      throws Exception {
    String[] args = {"generate", "--segments", "2", "--groups", "4", "--hosts-per-group", "3", "--duration", "2m",
        "--seed", "5", "--profile", "openbsd"};
    CliResult g = carpsim(args);
    assertEquals(0, g.exit(), g.err());
    assertEquals(g.out(), carpsim(args).out());
    Path file = dir.resolve("gen.carp");
    Files.writeString(file, g.out());
    CliResult r = carpsim("run", file.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("passed: "), r.out());
  }

  @Test
  void badParametersAreNamedWithExitStatusTwo() {
    CliResult g = carpsim("generate", "--segments", "0", "--groups", "4", "--hosts-per-group", "3");
    assertEquals(2, g.exit());
    assertEquals("", g.out());
    assertTrue(g.err().contains("carpsim generate: --segments 0: expected 1..4096"), g.err());
    CliResult d = carpsim("generate", "--segments", "1", "--groups", "1", "--hosts-per-group", "2", "--duration", "5x");
    assertEquals(2, d.exit());
    assertTrue(d.err().startsWith("carpsim generate: --duration 5x: "), d.err());
  }

  @Test
  void trafficClientsPerSegmentAreWrittenAndBadClientOptionsAreNamed() {
    CliResult g = carpsim("generate", "--segments", "2", "--groups", "4", "--hosts-per-group", "2", "--duration", "2m",
        "--clients-per-segment", "6", "--client-interval", "250ms", "--client-cache", "router", "--switches");
    assertEquals(0, g.exit(), g.err());
    assertTrue(g.out().contains("switch s0 10.0.0.0/20\n"), g.out());
    assertTrue(g.out().contains("clients s0 3 from 10.0.8.0/29 send 10.0.0.5 every 250ms cache router"
        + " mac 0a:00:00:00:00:01\n"), g.out());
    assertEquals(4, g.out().lines().filter(l -> l.startsWith("clients ")).count(), g.out());
    CliResult bad = carpsim("generate", "--segments", "1", "--groups", "1", "--hosts-per-group", "2",
        "--clients-per-segment", "2000000", "--client-interval", "5q");
    assertEquals(2, bad.exit());
    assertEquals("", bad.out());
    assertTrue(bad.err().startsWith("carpsim generate: --client-interval 5q: "), bad.err());
    CliResult range = carpsim("generate", "--segments", "1", "--groups", "1", "--hosts-per-group", "2",
        "--clients-per-segment", "2000000", "--client-interval", "2h");
    assertEquals(2, range.exit());
    assertTrue(range.err().contains("carpsim generate: --clients-per-segment 2000000: expected 0..1000000"), range.err());
    assertTrue(range.err().contains("carpsim generate: --client-interval 2h: expected 1ms..1h"), range.err());
    assertTrue(carpsim("generate", "--help").out().contains("--clients-per-segment"));
  }

  @Test
  void measureMemoryPrintsTheHeapPerIdleHostInsteadOfTheScenario() {
    CliResult m = carpsim("generate", "--segments", "2", "--groups", "20", "--hosts-per-group", "3", "--duration", "1m",
        "--profile", "freebsd", "--measure-memory");
    assertEquals(0, m.exit(), m.err());
    assertTrue(m.out().startsWith("memory per idle host: "), m.out());
    assertTrue(m.out().contains("(60 hosts; "), m.out());
    assertTrue(m.out().contains("after 30s settled"), m.out());
    long bytes = Long.parseLong(m.out().substring("memory per idle host: ".length(), m.out().indexOf(" bytes"))
        .replace(",", ""));
    // a host with one NIC, one carp vhid, its timers and counters: more than a few hundred bytes,
    // far less than a megabyte
    assertTrue(bytes > 500 && bytes < 1_000_000, m.out());
    assertEquals(1, m.out().lines().count(), "nothing but the figure: " + m.out());
  }

  @Test
  void everyProfileTheGeneratorKnowsIsAcceptedAndUsesItsOwnSyntax() {
    CliResult f = carpsim("generate", "--segments", "1", "--groups", "1", "--hosts-per-group", "2", "--profile", "freebsd");
    assertEquals(0, f.exit(), f.err());
    assertTrue(f.out().contains("  ifconfig em0 vhid 1 advskew 0 pass g0 alias 10.0.0.3/32\n"), f.out());
    CliResult six = carpsim("generate", "--segments", "1", "--groups", "1", "--hosts-per-group", "2", "--profile",
        "freebsd-6");
    assertTrue(six.out().contains("profile freebsd-6\n"), six.out());
    assertTrue(six.out().contains("  ifconfig carp0 vhid 1 advskew 50 pass g0 10.0.0.3 netmask 255.255.240.0\n"),
        six.out());
    CliResult bad = carpsim("generate", "--segments", "1", "--groups", "1", "--hosts-per-group", "2", "--profile", "beos");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("freebsd, freebsd-6, ucarp"), bad.err());
  }
}
