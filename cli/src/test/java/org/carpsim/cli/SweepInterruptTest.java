package org.carpsim.cli;

import static org.carpsim.cli.CliResult.carpsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep as a separate process, as a user runs it: progress on standard error (a log line every
 * 5 s when not on a terminal, a line redrawn in place on one), Ctrl-C leaves a partial result and
 * exit 130, and {@code --resume} completes it to what an uninterrupted sweep gives, byte for byte: a
 * sweep of 2,000 seeds, as issue 17 asks.
 */
class SweepInterruptTest {

  /** Random kill instants: every seed differs, and a run takes long enough to stop a sweep midway. */
  private static final String SCENARIO = "../scenarios/src/test/resources/scenarios/ucarp-lab-kill-master.carp";
  private static final String SEEDS = "1..2000";

  @TempDir
  Path dir;

  private static List<String> java(String... args) {
    return CliResult.javaCommand(args);
  }

  @Test
  void ctrlCLeavesAPartialResultThatResumeCompletes() throws Exception {
    Path partial = dir.resolve("partial.json");
    ProcessBuilder pb = new ProcessBuilder(java("sweep", SCENARIO, "--seeds", SEEDS, "--out", partial.toString(),
        "--json"));
    pb.environment().put("CARPSIM_PROGRESS", "terminal"); // a line per finished run at first: the cue to interrupt
    pb.redirectOutput(dir.resolve("stdout.json").toFile());
    Process p = pb.start();
    StringBuilder err = new StringBuilder();
    try (InputStreamReader r = new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8)) {
      boolean sent = false;
      for (int c; (c = r.read()) >= 0; ) {
        err.append((char) c);
        if (!sent && err.indexOf("\rsweep: ") >= 0 && err.toString().endsWith(" left")) {
          new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(); // what Ctrl-C sends
          sent = true;
        }
      }
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertTrue(err.toString().matches("(?s)\\rsweep: [0-9]+/2000 runs \\([0-9.]+%\\), [0-9.]+ runs/s, .+ left.*"),
        err.toString());
    assertEquals(130, p.exitValue(), err.toString());
    String[] lines = err.toString().split("\n");
    assertTrue(lines[lines.length - 1].matches("carpsim sweep: stopped by SIGINT after [0-9]+ of 2000 runs; the "
        + "partial result is in .*partial.json; to run the rest: carpsim sweep \\.\\.\\. --resume .*partial.json"),
        err.toString());
    JsonNode saved = new ObjectMapper().readTree(partial.toFile());
    assertTrue(saved.get("partial").asBoolean());
    assertEquals(2000, saved.get("expected_runs").asLong());
    long done = saved.get("runs").asLong();
    assertTrue(done > 0 && done < 2000, "runs done before the signal: " + done);
    assertEquals(saved, new ObjectMapper().readTree(dir.resolve("stdout.json").toFile()), "--json printed it too");

    Path resumed = dir.resolve("resumed.json");
    CliResult rest = carpsim("sweep", SCENARIO, "--seeds", SEEDS, "--resume", partial.toString(), "--out",
        resumed.toString(), "--quiet");
    assertEquals(0, rest.exit(), rest.err());
    Path whole = dir.resolve("whole.json");
    // the uninterrupted sweep, as a CI job runs it: its progress in the log, whole lines, the last one at the end
    CliResult once = CliResult.process(java.util.Map.of("CARPSIM_PROGRESS", "log"), "sweep", SCENARIO, "--seeds", SEEDS,
        "--out", whole.toString());
    assertEquals(0, once.exit(), once.err());
    assertTrue(once.err().lines().anyMatch(l -> l.matches("sweep: 2000/2000 runs \\(100\\.0%\\), [0-9.]+ runs/s, done in .+")),
        once.err());
    assertTrue(once.err().indexOf('\r') < 0, "a log gets whole lines, not a redrawn one");
    assertEquals(Files.readString(whole), Files.readString(resumed), "resumed = uninterrupted, byte for byte");
    assertTrue(rest.out().contains("2000 runs)"), rest.out());
  }

  /** On a terminal (a pseudo-terminal from script(1)) the line is redrawn in place with a carriage return. */
  @Test
  void onATerminalTheLineIsRedrawnInPlace() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) (bsdutils) gives the sweep a terminal");
    String command = String.join(" ", java("sweep", SCENARIO, "--seeds", "1..60", "--json").stream()
        .map(a -> "'" + a + "'").toList()) + " >/dev/null";
    Process p = new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null").redirectErrorStream(true).start();
    String seen = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), seen);
    assertTrue(seen.contains("\rsweep: 60/60 runs (100.0%)"), seen);
    assertTrue(seen.contains(", done in "), seen);
  }

  /** A partial result cannot be merged as a shard, nor a complete one resumed. */
  @Test
  void partialAndCompleteResultsAreToldApart() throws Exception {
    Path whole = dir.resolve("whole.json");
    assertEquals(0, carpsim("sweep", SCENARIO, "--seeds", "1..3", "--out", whole.toString(), "--quiet").exit());
    CliResult again = carpsim("sweep", SCENARIO, "--seeds", "1..3", "--resume", whole.toString(), "--quiet");
    assertEquals(2, again.exit());
    assertEquals("carpsim sweep: --resume " + whole + ": that sweep is complete (3 runs): nothing to resume\n",
        again.err());
    CliResult other = carpsim("sweep", SCENARIO, "--seeds", "1..4", "--resume", partialOf(whole).toString(), "--quiet");
    assertEquals(2, other.exit());
    assertTrue(other.err().startsWith("carpsim sweep: --resume: the partial result is of another sweep (seeds 1..3"),
        other.err());
    CliResult merge = carpsim("sweep", "--merge", partialOf(whole).toString());
    assertEquals(2, merge.exit());
    assertTrue(merge.err().contains("is partial (2 of 3 runs): finish it with --resume first"), merge.err());
  }

  /** {@code whole} with its last case removed: what an interrupted sweep leaves. */
  private Path partialOf(Path whole) throws Exception {
    ObjectMapper m = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(
        whole.toFile());
    ((com.fasterxml.jackson.databind.node.ArrayNode) o.get("cases")).remove(2);
    Path p = dir.resolve("cut.json");
    Files.writeString(p, m.writeValueAsString(o));
    return p;
  }
}
