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
}
