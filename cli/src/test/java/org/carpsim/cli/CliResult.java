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

  /** The {@code java} command line that runs {@code carpsim ARGS...} as a process of its own, from this classpath. */
  static List<String> javaCommand(String... args) {
    List<String> argv = new java.util.ArrayList<>(List.of(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true",
        "-cp", System.getProperty("java.class.path"), Carpsim.class.getName()));
    argv.addAll(List.of(args));
    return argv;
  }

  /** Runs {@code carpsim ARGS...} as a process with {@code env} added to its environment, as a CI job would. */
  static CliResult process(java.util.Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(javaCommand(args));
    pb.environment().putAll(env);
    Process p = pb.start();
    java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return p.getErrorStream().readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    int exit = p.waitFor();
    return new CliResult(exit, out, new String(err.get(), java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Standard output, line by line. */
  List<String> lines() {
    return out.lines().toList();
  }
}
