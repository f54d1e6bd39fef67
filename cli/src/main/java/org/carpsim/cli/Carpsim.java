package org.carpsim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code carpsim} command: one subcommand per job. */
@Command(
    name = "carpsim",
    mixinStandardHelpOptions = true,
    versionProvider = Carpsim.Version.class,
    description = "Simulate CARP failover deterministically, and test live CARP implementations.",
    subcommands = {CommandLine.HelpCommand.class, RunCommand.class, CompareCommand.class, CheckCommand.class, DemoCommand.class,
        DecodeCommand.class, NodeCommand.class, SweepCommand.class, ExploreCommand.class, GenerateCommand.class,
        ConformanceCommand.class, ReplayCommand.class, ReportCommand.class, BalanceCommand.class})
public final class Carpsim implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The width help is written for; no line of any command's help is longer. */
  static final int HELP_WIDTH = 120;

  /** The command line with every subcommand and our exit-code rules, for main and for tests. */
  public static CommandLine commandLine() {
    // picocli already answers bad usage with exit status 2, as scenario-language.md fixes it.
    CommandLine cl = new CommandLine(new Carpsim());
    // the descriptions are written in lines of at most HELP_WIDTH: picocli must not wrap them again
    cl.setUsageHelpWidth(HELP_WIDTH);
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"carpsim " + version()};
    }

    /** The build's version, from version.properties (filled in by Maven when it builds the jar). */
    static String version() {
      java.util.Properties p = new java.util.Properties();
      try (java.io.InputStream in = Carpsim.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (java.io.IOException e) {
        return "(version unknown: " + e.getMessage() + ")";
      }
      return p.getProperty("version", "(version unknown)");
    }
  }
}
