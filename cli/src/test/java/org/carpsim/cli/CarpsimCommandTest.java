package org.carpsim.cli;

import static org.carpsim.cli.CliResult.carpsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CarpsimCommandTest {

  @Test
  void helpListsEverySubcommand() {
    CliResult r = carpsim("--help");
    assertEquals(0, r.exit());
    CommandLine cl = Carpsim.commandLine();
    for (String name : cl.getSubcommands().keySet()) {
      assertTrue(r.out().contains("  " + name), () -> "help does not list " + name + ":\n" + r.out());
    }
  }

  /** The build's own version (the pom's, filtered into the jar), never a placeholder. */
  @Test
  void versionIsTheBuildsVersion() {
    CliResult r = carpsim("--version");
    assertEquals(0, r.exit());
    assertTrue(r.out().matches("carpsim [0-9]+\\.[0-9]+\\.[0-9]+(-SNAPSHOT)?\n"), r.out());
  }

  @Test
  void unknownCommandIsBadInputWithExitStatusTwo() {
    CliResult r = carpsim("frobnicate");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("frobnicate"), r.err());
  }

  @Test
  void noArgumentsPrintsUsage() {
    CliResult r = carpsim();
    assertEquals(0, r.exit());
    assertTrue(r.out().startsWith("Usage: carpsim"), r.out());
  }
}
