package org.carpsim.cli;

import static org.carpsim.cli.CliResult.carpsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.carpsim.scenario.explore.ExploreFault;
import org.carpsim.scenario.explore.Explorer;
import org.carpsim.scenario.parse.ScenarioParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExploreCommandTest {

  @TempDir Path dir;

  private static final String PAIR = TwoFirewalls.scenario("scenario \"pair\"\n", "run 30s\n");

  @Test
  void exploresDeterministicallyAndReportsWhatItChecked() throws Exception {
    Path f = dir.resolve("pair.carp");
    Files.writeString(f, PAIR);
    CliResult a = carpsim("explore", f.toString(), "--cases", "15", "--seed", "9", "--out", dir.resolve("x").toString());
    CliResult b = carpsim("explore", f.toString(), "--cases", "15", "--seed", "9", "--out", dir.resolve("x").toString());
    assertEquals(0, a.exit(), a.out() + a.err());
    assertEquals(a.out(), b.out());
    assertTrue(a.out().startsWith("explored 15 cases of " + f + " (seed 9): "), a.out());
    assertTrue(a.out().contains("one master per vhid and segment after convergence"), a.out());
    assertTrue(a.out().endsWith("no invariant violated\n"), a.out());
    assertTrue(Files.notExists(dir.resolve("x")));
  }

  @Test
  void badInput() throws Exception {
    Path f = dir.resolve("pair.carp");
    Files.writeString(f, PAIR);
    CliResult zero = carpsim("explore", f.toString(), "--cases", "0");
    assertEquals(2, zero.exit());
    assertEquals("carpsim explore: --cases 0: expected 1..10000000\n", zero.err());
    CliResult missing = carpsim("explore", dir.resolve("none.carp").toString(), "--cases", "3");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("none.carp: no such file"), missing.err());
    assertEquals(2, carpsim("explore", f.toString()).exit()); // --cases is required
  }

  @Test
  void aFailureIsWrittenAsARunnableScenario() throws Exception {
    Explorer e = new Explorer("pair.carp", PAIR, ScenarioParser.parse("pair.carp", PAIR));
    List<ExploreFault> schedule = List.of(new ExploreFault.Crash("fw1", 20_000_000_000L, 25_000_000_000L));
    Explorer.Failure failure = new Explorer.Failure(3, "some invariant", "detail", schedule, schedule,
        "# carpsim explore: invariant violated: some invariant\n" + e.scenarioText(schedule));
    Path written = ExploreCommand.write(failure, dir.resolve("out"), Path.of("pair.carp"), 7, true);
    assertEquals(dir.resolve("out").resolve("pair-seed7-case3.carp"), written);
    CliResult run = carpsim("run", written.toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("host crashed"), run.out());
  }

  /**
   * A reproducer is written to be shared: the passphrases are generated ones that keep which hosts
   * share one (so the HMACs match and fail as before), and the run is the same; --keep-secrets keeps them.
   */
  @Test
  void aReproducerCarriesGeneratedPassphrasesThatKeepWhoSharesOne() throws Exception {
    String text = PAIR.replaceFirst("pass (\\S+)", "pass other1") + "# fw1 has pass other1, a typo\n";
    Explorer e = new Explorer("typo.carp", text, ScenarioParser.parse("typo.carp", text));
    List<ExploreFault> schedule = List.of(new ExploreFault.Crash("fw1", 20_000_000_000L, 25_000_000_000L));
    Explorer.Failure failure = new Explorer.Failure(1, "some invariant", "detail", schedule, schedule,
        e.scenarioText(schedule));
    String shared = Files.readString(ExploreCommand.write(failure, dir.resolve("shared"), Path.of("t.carp"), 1, false));
    String kept = Files.readString(ExploreCommand.write(failure, dir.resolve("kept"), Path.of("t.carp"), 1, true));
    assertEquals(failure.scenarioText(), kept);
    for (String secret : org.carpsim.carp.config.Secrets.find(text)) {
      assertFalse(shared.contains(secret), secret + " left in " + shared);
    }
    assertTrue(shared.contains("# fw1 has pass explore1, a typo"), shared);
    assertEquals(2, org.carpsim.carp.config.Secrets.find(shared).size(), "two passphrases stay two");
    CliResult a = carpsim("run", dir.resolve("shared").resolve("t-seed1-case1.carp").toString());
    CliResult b = carpsim("run", dir.resolve("kept").resolve("t-seed1-case1.carp").toString());
    String timelineA = a.out().replace("kept", "shared").replaceAll("(?m)^engine: .*$", "");
    String timelineB = b.out().replace("kept", "shared").replaceAll("(?m)^engine: .*$", "");
    assertEquals(timelineB, timelineA, "the same run, state by state");
    assertTrue(a.out().contains("4.171875000s  fw2.carp0        vhid 1   BACKUP -> MASTER"), "the typo's two masters");
  }
}
