package org.carpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CarpsimCommandTest {

  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cl = Carpsim.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void helpListsEverySubcommand() {
    Result r = run("--help");
    assertEquals(0, r.exit());
    CommandLine cl = Carpsim.commandLine();
    for (String name : cl.getSubcommands().keySet()) {
      assertTrue(r.out().contains("  " + name), () -> "help does not list " + name + ":\n" + r.out());
    }
  }

  @Test
  void unknownCommandIsBadInputWithExitStatusTwo() {
    Result r = run("frobnicate");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("frobnicate"), r.err());
  }

  @Test
  void noArgumentsPrintsUsage() {
    Result r = run();
    assertEquals(0, r.exit());
    assertTrue(r.out().startsWith("Usage: carpsim"), r.out());
  }
}
