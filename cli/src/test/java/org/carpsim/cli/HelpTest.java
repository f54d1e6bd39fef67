package org.carpsim.cli;

import static org.carpsim.cli.CliResult.carpsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help: an Examples section whose command lines are real (their options parse, the
 * files they name are in the repository), no line wider than {@link Carpsim#HELP_WIDTH}, and the
 * descriptions as written (picocli must not wrap them a second time).
 */
class HelpTest {

  /** The repository's root, from the cli module's directory (surefire's working directory). */
  private static final Path ROOT = Path.of("..");

  private static List<String> examples(String help) {
    int at = help.indexOf("Examples:\n");
    assertTrue(at >= 0, "no Examples section:\n" + help);
    return help.substring(at + "Examples:\n".length()).lines().filter(l -> l.startsWith("  ")).map(String::strip)
        .toList();
  }

  /**
   * The carpsim arguments of the example's call of {@code command} (an example may prepare its input
   * with another call first, joined by {@code &&}); {@code sudo} and redirections left out.
   */
  static List<String> arguments(String example, String command) {
    for (String part : example.split("&&")) {
      List<String> words = new ArrayList<>(Arrays.asList(part.split(">")[0].strip().split("\\s+")));
      if (words.get(0).equals("sudo")) {
        words.remove(0);
      }
      assertEquals("./carpsim", words.remove(0), example);
      if (words.get(0).equals(command)) {
        return words;
      }
    }
    throw new AssertionError(example + " does not call carpsim " + command);
  }

  @Test
  void everyCommandShowsExamplesThatParseAndNameFilesThatExist() {
    Map<String, CommandLine> commands = Carpsim.commandLine().getSubcommands();
    assertTrue(commands.size() >= 12, commands.keySet().toString());
    for (Map.Entry<String, CommandLine> c : commands.entrySet()) {
      if (c.getKey().equals("help")) {
        continue;
      }
      String help = carpsim(c.getKey(), "--help").out();
      for (String line : help.lines().toList()) {
        assertTrue(line.length() <= Carpsim.HELP_WIDTH, c.getKey() + ": a line of " + line.length() + ": " + line);
      }
      List<String> examples = examples(help);
      assertTrue(examples.size() >= 2, c.getKey() + ": " + examples);
      for (String example : examples) {
        List<String> args = arguments(example, c.getKey());
        try {
          Carpsim.commandLine().parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
          fail(example + ": " + e.getMessage());
        }
        for (String a : args) {
          if ((a.startsWith("scenarios/") || a.startsWith("docs/")) && !a.contains("*")) {
            assertTrue(Files.exists(ROOT.resolve(a)), example + ": " + a + " is not in the repository");
          }
        }
      }
    }
  }

  /** A description line written by hand is printed whole: picocli wraps nothing shorter than the width. */
  @Test
  void theSweepKnobTableIsPrintedAsWritten() {
    String help = carpsim("sweep", "--help").out();
    assertTrue(help.contains("\n  HOST.IFACE.advskew=N   HOST.IFACE.advbase=N   the host's configured setting of IFACE (a carp\n"),
        help);
  }

  /** The examples that only read the repository run as written (from its root). */
  @Test
  void theCheckAndDecodeExamplesRunAsWritten() {
    for (String command : List.of("check", "decode")) {
      for (String example : examples(carpsim(command, "--help").out())) {
        List<String> args = new ArrayList<>(arguments(example, command));
        for (int i = 1; i < args.size(); i++) {
          if (args.get(i).startsWith("scenarios/") || args.get(i).startsWith("docs/")) {
            args.set(i, ROOT.resolve(args.get(i)).toString());
          }
        }
        if (args.stream().anyMatch(a -> a.contains("*"))) {
          continue; // a shell's glob
        }
        CliResult r = carpsim(args.toArray(String[]::new));
        assertEquals(0, r.exit(), example + "\n" + r.err());
      }
    }
  }

  /** The command list gives each command a whole sentence, not the first line of a longer description. */
  @Test
  void theCommandListSummariesEndTheirSentence() {
    String help = carpsim("--help").out();
    List<String> rows = help.substring(help.indexOf("Commands:\n")).lines().skip(1).filter(l -> l.startsWith("  "))
        .toList();
    assertTrue(rows.size() >= 12, help);
    for (String row : rows) {
      assertTrue(row.endsWith("."), "a summary cut mid-sentence: " + row);
    }
  }
}
