package org.carpsim.cli;

import static org.carpsim.cli.CliResult.carpsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carpsim.scenario.sweep.SweepException;
import org.carpsim.scenario.sweep.SweepPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {

  @TempDir Path dir;

  private Path scenario(String failoverBound) throws Exception {
    Path f = dir.resolve("pair.carp");
    Files.writeString(f, TwoFirewalls.scenario("scenario \"crash of the master\"\nprofile openbsd-3.5\n", """
        clients lan 10 from 10.0.0.0/24 arp 10.0.0.100 every 2s
        at 20s crash fw1
        run 30s
        expect failover lan vhid 1 <= %s
        """.formatted(failoverBound)));
    return f;
  }

  @Test
  void sweepsSeedsAndKnobsDeterministically() throws Exception {
    Path f = scenario("2.6s");
    String[] args = {"sweep", f.toString(), "--seeds", "1..3", "--set", "fw2.carp0.advskew=100,200", "--json"};
    CliResult one = carpsim(concat(args, "--threads", "1"));
    CliResult two = carpsim(concat(args, "--threads", "3"));
    assertEquals(1, one.exit(), one.err());
    assertEquals(one.out(), two.out());
    JsonNode j = new ObjectMapper().readTree(one.out());
    assertEquals("carpsim-sweep/1", j.get("format").asText());
    assertEquals(6, j.get("runs").asInt());
    JsonNode c0 = j.get("combinations").get(0);
    JsonNode c1 = j.get("combinations").get(1);
    assertEquals("100", c0.get("settings").get("fw2.carp0.advskew").asText());
    // advskew 100: the gap is below 3.390625 s and the 2.6 s bound holds; advskew 200: 2.78125 s and up, so it fails.
    assertEquals(3, c0.get("passed_runs").asInt());
    assertEquals(0, c1.get("passed_runs").asInt());
    assertEquals("line 15: expect failover lan vhid 1 <= 2.6s", c1.get("failed_expectations").get(0).get("expectation").asText());
    assertEquals(3, c1.get("failed_expectations").get(0).get("runs").asInt());
    assertTrue(c1.get("failover_ns").get("min").asLong() > 2_600_000_000L);
    assertEquals(3, c0.get("failover_ns").get("count").asInt());
    assertTrue(c0.get("arp_share_percent").has("fw1"));
  }

  /** A failing combination names the command that replays its first failing run; that command fails the same way. */
  @Test
  void aFailingRunIsReplayedByTheCommandTheSweepPrints() throws Exception {
    Path f = scenario("2.6s");
    CliResult sweep = carpsim("sweep", f.toString(), "--seeds", "1..2", "--set", "fw2.carp0.advskew=100,200",
        "--set", "lan.loss=0%,1%", "--quiet");
    assertEquals(1, sweep.exit(), sweep.err());
    String prefix = "  replay the first failing run: ";
    java.util.List<String> replays = sweep.out().lines().filter(l -> l.startsWith(prefix)).toList();
    assertEquals(java.util.List.of(prefix + "carpsim run " + f + " --seed 1 --set fw2.carp0.advskew=200 --set lan.loss=0%",
        prefix + "carpsim run " + f + " --seed 1 --set fw2.carp0.advskew=200 --set lan.loss=1%"), replays);
    String[] argv = replays.get(0).substring(prefix.length() + "carpsim ".length()).split(" ");
    CliResult replay = carpsim(argv);
    assertEquals(1, replay.exit(), replay.err());
    assertTrue(replay.out().contains("FAIL  line 15: expect failover lan vhid 1 <= 2.6s"), replay.out());
    CliResult passing = carpsim("run", f.toString(), "--seed", "1", "--set", "fw2.carp0.advskew=100");
    assertEquals(0, passing.exit(), passing.out());
    JsonNode j = new ObjectMapper().readTree(carpsim("sweep", f.toString(), "--seeds", "1..2", "--set",
        "fw2.carp0.advskew=100,200", "--json", "--quiet").out());
    assertTrue(j.get("combinations").get(0).path("replay").isMissingNode(), "every run of advskew 100 passed");
    assertEquals(replays.get(0).substring(prefix.length()).replace(" --set lan.loss=0%", ""),
        j.get("combinations").get(1).get("replay").asText());
  }

  @Test
  void runSetTakesOneValuePerKnobAndNamesWhatItRefuses() throws Exception {
    Path f = scenario("2.6s");
    CliResult two = carpsim("run", f.toString(), "--set", "fw2.carp0.advskew=100,200");
    assertEquals(2, two.exit());
    assertTrue(two.err().contains("carpsim run: " + f + ": --set fw2.carp0.advskew=100,200: run takes one value per "
        + "knob (a sweep takes several)\n"), two.err());
    CliResult unknown = carpsim("run", f.toString(), "--set", "fw9.carp0.advskew=1");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("fw9"), unknown.err());
    assertTrue(unknown.err().endsWith("carpsim run: nothing was run\n"), unknown.err());
  }

  /**
   * A CI's own variables pick the shard: GitLab's parallel jobs (from 1) and a Kubernetes Indexed
   * Job (from 0, its completions set in the manifest); the shards merge into the unsharded sweep.
   */
  @Test
  void ciVariablesPickTheShardAndTheShardsMergeIntoTheWhole() throws Exception {
    Path f = scenario("4s");
    String[] sweep = {"sweep", f.toString(), "--seeds", "1..5", "--set", "lan.loss=0%,2%", "--quiet"};
    CliResult whole = carpsim(concat(sweep, "--json"));
    List<String> merged = new ArrayList<>(List.of("sweep", "--merge"));
    for (int i = 0; i < 3; i++) {
      Path out = dir.resolve("k" + i + ".json");
      Map<String, String> env = i == 2 ? Map.of("CI_NODE_INDEX", "3", "CI_NODE_TOTAL", "3")
          : Map.of("JOB_COMPLETION_INDEX", Integer.toString(i), "JOB_COMPLETIONS", "3");
      CliResult r = CliResult.process(env, concat(sweep, "--out", out.toString()));
      assertTrue(r.exit() <= 1, r.err());
      assertTrue(r.err().contains("carpsim sweep: shard " + (i + 1) + "/3 from "
          + (i == 2 ? "CI_NODE_INDEX/CI_NODE_TOTAL (GitLab parallel)" : "JOB_COMPLETION_INDEX/JOB_COMPLETIONS "
          + "(Kubernetes Indexed Job)")), r.err());
      merged.add(out.toString());
    }
    merged.add("--json");
    assertEquals(whole.out(), carpsim(merged.toArray(String[]::new)).out(), "the merged shards are the whole sweep");
    CliResult overridden = CliResult.process(Map.of("CI_NODE_INDEX", "2", "CI_NODE_TOTAL", "3"),
        concat(sweep, "--shard", "1/1", "--json"));
    assertEquals(whole.out(), overridden.out(), "--shard overrides the environment");
    assertFalse(overridden.err().contains("from CI_NODE_INDEX"), overridden.err());
  }

  @Test
  void aKubernetesIndexWithoutItsCompletionsIsRefused() {
    java.io.StringWriter err = new java.io.StringWriter();
    SweepException e = org.junit.jupiter.api.Assertions.assertThrows(SweepException.class,
        () -> SweepCommand.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "2"), new java.io.PrintWriter(err)));
    assertEquals("JOB_COMPLETION_INDEX=2 is set but not JOB_COMPLETIONS: set it in the Job's pod template to the Job's "
        + "completions (or give --shard I/N)", e.getMessage());
    assertEquals(SweepPlan.Shard.ALL, SweepCommand.fromEnvironment(Map.of(), new java.io.PrintWriter(err)));
    assertEquals(new SweepPlan.Shard(4, 4), SweepCommand.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "3",
        "JOB_COMPLETIONS", "4"), new java.io.PrintWriter(err)));
  }

  @Test
  void shardFilesMergeIntoTheUnshardedResult() throws Exception {
    Path f = scenario("4s");
    CliResult whole = carpsim("sweep", f.toString(), "--seeds", "1..4", "--set", "lan.loss=0%,2%", "--json");
    assertEquals(0, whole.exit(), whole.err());
    for (int i = 1; i <= 3; i++) {
      CliResult r = carpsim("sweep", f.toString(), "--seeds", "1..4", "--set", "lan.loss=0%,2%", "--shard", i + "/3",
          "--out", dir.resolve("s" + i + ".json").toString());
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().contains("shard " + i + "/3"), r.out());
    }
    CliResult merged = carpsim("sweep", "--merge", dir.resolve("s2.json").toString(), dir.resolve("s1.json").toString(),
        dir.resolve("s3.json").toString(), "--json");
    assertEquals(0, merged.exit(), merged.err());
    assertEquals(whole.out(), merged.out());

    CliResult missing = carpsim("sweep", "--merge", dir.resolve("s1.json").toString(), dir.resolve("s3.json").toString());
    assertEquals(2, missing.exit());
    assertEquals("carpsim sweep: --merge: missing shard 2/3\n", missing.err());
    Files.writeString(dir.resolve("bad.json"), "{\"x\": 1}");
    CliResult bad = carpsim("sweep", "--merge", dir.resolve("bad.json").toString());
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("bad.json: not a sweep result"), bad.err());
  }

  @Test
  void humanTableAndBadInput() throws Exception {
    Path f = scenario("4s");
    CliResult table = carpsim("sweep", f.toString(), "--seeds", "1..2");
    assertEquals(0, table.exit(), table.err());
    assertTrue(table.out().contains("== crash of the master"), table.out());
    assertTrue(table.out().contains("failover"), table.out());
    assertTrue(table.out().contains("passed: every expectation held in 2 of 2 runs"), table.out());

    CliResult knob = carpsim("sweep", f.toString(), "--seeds", "1..2", "--set", "fw2.carp0.advskew=999");
    assertEquals(2, knob.exit());
    // The parser's warnings come first; the sweep's error is the last line.
    assertTrue(knob.err().endsWith(
        "\ncarpsim sweep: fw2.carp0.advskew=999: out of range for profile openbsd-3.5 (allowed 0..254)\n"), knob.err());
    CliResult noSeeds = carpsim("sweep", f.toString());
    assertEquals(2, noSeeds.exit());
    assertEquals("carpsim sweep: missing --seeds A..B\n", noSeeds.err());
    CliResult noFile = carpsim("sweep", dir.resolve("nope.carp").toString(), "--seeds", "1..2");
    assertEquals(2, noFile.exit());
    assertTrue(noFile.err().contains("nope.carp: no such file"), noFile.err());
    CliResult help = carpsim("sweep", "--help");
    assertTrue(help.out().contains("HOST.IFACE.advskew=N"), help.out());
  }

  @Test
  void saysWhenTheSeedsCannotDifferAndNamesWhatDrawsWhenTheyCan() throws Exception {
    Path fixed = scenario("4s");
    CliResult same = carpsim("sweep", fixed.toString(), "--seeds", "1..3", "--json");
    assertEquals(0, same.exit(), same.err());
    assertTrue(same.err().contains("carpsim sweep: note: every seed gives the same run: nothing in the scenario is "
        + "drawn from the seed"), same.err());
    JsonNode j = new ObjectMapper().readTree(same.out());
    assertEquals(0, j.get("random_sources").size());
    assertTrue(j.get("seed_note").asText().endsWith("the 3 runs of each combination repeat one result"));

    Path random = dir.resolve("random.carp");
    Files.writeString(random, Files.readString(fixed).replace("at 20s crash fw1", "at 20s..21s crash fw1"));
    CliResult differ = carpsim("sweep", random.toString(), "--seeds", "1..3", "--json", "--out",
        dir.resolve("r.json").toString());
    assertEquals(0, differ.exit(), differ.err());
    assertTrue(!differ.err().contains("note:"), differ.err());
    JsonNode k = new ObjectMapper().readTree(differ.out());
    assertEquals("line 13: at 20s..21s crash fw1 (a random instant)", k.get("random_sources").get(0).asText());
    assertTrue(!k.has("seed_note"));
    CliResult merged = carpsim("sweep", "--merge", dir.resolve("r.json").toString(), "--json");
    assertEquals(differ.out(), merged.out(), "a merge keeps what the shards drew from");
    CliResult knob = carpsim("sweep", fixed.toString(), "--seeds", "1..2", "--set", "lan.loss=0%,1%");
    assertTrue(!knob.err().contains("note:"), "a knob value with loss draws: " + knob.err());
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void reportDrawsTheFailoverAndArpCharts() throws Exception {
    Path out = dir.resolve("report");
    CliResult r = carpsim("sweep", scenario("5s").toString(), "--seeds", "1..4", "--set", "lan.loss=0%,10%",
        "--report", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("report: " + out.resolve("index.html")), r.out());
    for (String png : new String[] {"sweep-failover-histogram.png", "sweep-failover-cdf.png", "sweep-arp-share.png"}) {
      assertEquals(1000, javax.imageio.ImageIO.read(out.resolve(png).toFile()).getWidth(), png);
    }
    String html = Files.readString(out.resolve("index.html"));
    assertTrue(html.contains("lan.loss=10%"), "the combinations");
    assertTrue(html.contains("pass ******** carpdev"), "the scenario, masked");
    assertTrue(!html.contains("s3cret"), "the passphrase");
  }
}
