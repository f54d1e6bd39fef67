package org.carpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.carpsim.conformance.live.NamespaceLab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code carpsim run --live} and {@code carpsim compare} on the scenarios of {@code scenarios/live/}:
 * real ucarp and keepalived (and carpsim's live node standing in for OpenBSD) in a namespace lab, the same
 * expectations holding live as simulated; the ucarp crash's live takeover inside the simulated
 * distribution; nothing left behind (namespaces, processes), also after Ctrl-C; a prefix whose
 * namespaces exist refused without touching them.
 */
@Tag("live")
class LiveScenarioRunLiveTest {

  private static final AtomicInteger RUNS = new AtomicInteger();

  @ParameterizedTest
  @ValueSource(strings = {"ucarp-kill-daemon.carp", "partition-heal.carp", "keepalived-kill-and-stop.carp"})
  void everyExpectationHoldsLiveAsSimulated(String name, @TempDir Path tmp) throws Exception {
    NamespaceLab.assumeLabAvailable();
    String prefix = prefix();
    Path file = liveScenarios().resolve(name);
    Path pcap = tmp.resolve("run.pcap");
    Path junit = tmp.resolve("run.xml");
    CliResult r = CliResult.process(java.util.Map.of(), "run", "--live", file.toString(), "--lab-prefix", prefix,
        "--pcap", pcap.toString(), "--junit", junit.toString());
    System.out.println(r.out());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("live vs simulated (seed 1)"), r.out());
    assertTrue(r.out().contains("passed: "), r.out());
    assertFalse(r.out().contains("secret") || Files.readString(junit).contains("secret"), "the passphrase leaked");
    assertTrue(Files.size(pcap) > 24 + 10 * 16, "the capture was written");
    CliResult decoded = CliResult.carpsim("decode", pcap.toString(), "--pass", "secret");
    assertTrue(decoded.out().matches(name.startsWith("keepalived") ? "(?s).* [1-9]\\d* VRRP.*"
        : "(?s).*\\d+ CARP \\(\\d+ checksum ok; HMAC \\d+ ok.*"), decoded.out());
    if (name.equals("ucarp-kill-daemon.carp")) {
      assertTrue(r.out().contains("the most replies to one request: 2"), "two ARP replies after the takeover, live");
    }
    assertNothingLeft(prefix);
  }

  /**
   * compare runs each live repetition with {@code run --live}'s engine and flags a failed expectation
   * that never failed simulated, so it also checks that the mixed group's expectations hold live.
   */
  @ParameterizedTest
  @CsvSource({"ucarp-crash-master.carp, 2, takeover on lan #1 (last ad -> first ad of the new master)",
      "mixed-openbsd-ucarp.carp, 1, fw1.carp0 vhid 1 -> MASTER #2"})
  void theLiveValuesFallInsideTheSimulatedDistribution(String name, int repeat, String row, @TempDir Path tmp)
      throws Exception {
    NamespaceLab.assumeLabAvailable();
    String prefix = prefix();
    CliResult r = CliResult.process(java.util.Map.of(), "compare", liveScenarios().resolve(name).toString(),
        "--seeds", "1..200", "--repeat", Integer.toString(repeat), "--lab-prefix", prefix, "--report",
        tmp.resolve("report").toString());
    System.out.println(r.out());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("in    " + row), r.out());
    assertTrue(r.out().contains("every live value inside the simulated range"), r.out());
    if (name.startsWith("mixed")) {
      assertTrue(r.out().contains("live: host fw1: carpsim's live node with profile openbsd (no BSD kernel is"
          + " available here: the node stands in for openbsd)"), r.out());
    }
    String page = Files.readString(tmp.resolve("report/index.html"));
    assertTrue(page.contains("<svg") && page.contains(row.replace(">", "&gt;")), "the report draws each quantity");
    assertNothingLeft(prefix);
  }

  @Test
  void ctrlCTearsTheLabDown() throws Exception {
    NamespaceLab.assumeLabAvailable();
    String prefix = prefix();
    Process p = new ProcessBuilder(CliResult.javaCommand("run", "--live",
        liveScenarios().resolve("ucarp-crash-master.carp").toString(), "--lab-prefix", prefix))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!Files.exists(Path.of("/var/run/netns", prefix + "-fw2")) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(Files.exists(Path.of("/var/run/netns", prefix + "-fw2")), "the lab was built");
      Thread.sleep(4_000); // ucarp runs in both hosts by now
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(); // Ctrl-C, by its id
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "carpsim run --live ended after SIGINT");
    } finally {
      p.destroyForcibly();
    }
    assertNothingLeft(prefix);
  }

  @Test
  void aPrefixWhoseNamespacesExistIsRefusedAndTheyAreLeftAlone() throws Exception {
    NamespaceLab.assumeLabAvailable();
    String prefix = prefix();
    String theirs = prefix + "-theirs";
    run("ip", "netns", "add", theirs);
    try {
      CliResult r = CliResult.carpsim("run", "--live", liveScenarios().resolve("partition-heal.carp").toString(),
          "--lab-prefix", prefix);
      assertEquals(2, r.exit(), r.out() + r.err());
      assertTrue(r.err().contains("namespaces named " + prefix + "-… already exist (" + theirs + ")"), r.err());
      assertTrue(Files.exists(Path.of("/var/run/netns", theirs)), "someone else's namespace was touched");
    } finally {
      run("ip", "netns", "del", theirs);
    }
  }

  /** No namespace of the prefix, no process whose command line names it or its scratch files. */
  private static void assertNothingLeft(String prefix) throws IOException {
    try (var netns = Files.list(Path.of("/var/run/netns"))) {
      List<String> left = netns.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix + "-")).toList();
      assertEquals(List.of(), left, "namespaces left behind");
    }
    try (var procs = Files.list(Path.of("/proc"))) {
      List<String> left = procs.filter(p -> p.getFileName().toString().matches("\\d+")).map(p -> cmdline(p))
          .filter(c -> c.contains(prefix + "-") || c.contains("carpsim-lab-" + prefix)).toList();
      assertEquals(List.of(), left, "processes left behind");
    }
  }

  private static String cmdline(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return ""; // gone meanwhile
    }
  }

  private static String prefix() {
    return "clt" + ProcessHandle.current().pid() % 100_000 + "-" + RUNS.incrementAndGet();
  }

  private static void run(String... argv) throws Exception {
    new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
        .waitFor(20, TimeUnit.SECONDS);
  }

  static Path liveScenarios() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("scenarios/live"))) {
        return d.resolve("scenarios/live");
      }
    }
    throw new IllegalStateException("scenarios/live not found above " + Path.of("").toAbsolutePath());
  }
}
