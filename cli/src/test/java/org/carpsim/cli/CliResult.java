package org.carpsim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** One run of the {@code carpsim} command line in-process, with its exit status and both outputs. */
record CliResult(int exit, String out, String err) {

  /** Runs {@code carpsim ARGS...} exactly as {@code main} would, without exiting the JVM. */
  static CliResult carpsim(String... args) {
    CommandLine cl = Carpsim.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new CliResult(exit, out.toString(), err.toString());
  }

  /** Standard output, line by line. */
  List<String> lines() {
    return out.lines().toList();
  }
}
