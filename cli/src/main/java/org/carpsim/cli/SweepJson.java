package org.carpsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carpsim.reports.ScenarioText;
import org.carpsim.scenario.sweep.CaseResult;
import org.carpsim.scenario.sweep.CombinationSummary;
import org.carpsim.scenario.sweep.Distribution;
import org.carpsim.scenario.sweep.KnobValues;
import org.carpsim.scenario.sweep.SeedVariation;
import org.carpsim.scenario.sweep.SweepException;
import org.carpsim.scenario.sweep.SweepPlan.Shard;
import org.carpsim.scenario.sweep.SweepResult;

/**
 * A sweep result as one JSON object: the sweep's identity, a summary per combination, and every case's
 * figures (so shard files merge into exactly the unsharded result). Reads it back for {@code --merge}.
 */
final class SweepJson {

  static final String FORMAT = "carpsim-sweep/1";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SweepJson() {}

  static String write(SweepResult r, String scenarioText, Optional<List<String>> randomSources) {
    try {
      return MAPPER.writeValueAsString(object(r, scenarioText, randomSources));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The sweep as JSON; {@code scenarioText} (passphrases masked here) lets {@code carpsim report} show
   * the scenario beside the charts. {@code randomSources}, when known, are what the scenario draws from
   * the seed ({@code random_sources}); when there are none, {@code seed_note} says that every seed
   * gives the same run.
   */
  static ObjectNode object(SweepResult r, String scenarioText, Optional<List<String>> randomSources) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("format", FORMAT);
    o.put("scenario", r.scenario());
    o.put("file", r.file());
    o.put("sha256", r.digest());
    o.put("seeds", r.firstSeed() + ".." + r.lastSeed());
    ArrayNode knobs = o.putArray("knobs");
    r.knobs().forEach(k -> knobs.add(k.toString()));
    o.put("shard", r.shard().toString());
    o.put("passed", r.passed());
    o.put("runs", r.cases().size());
    o.put("partial", !r.complete()); // an interrupted sweep: --resume runs the rest
    o.put("expected_runs", r.expectedCases());
    o.put("passed_runs", r.cases().stream().filter(CaseResult::passed).count());
    randomSources.ifPresent(sources -> {
      sources.forEach(o.putArray("random_sources")::add);
      SeedVariation.note(sources, seedCount(r)).ifPresent(note -> o.put("seed_note", note));
    });
    ArrayNode combos = o.putArray("combinations");
    for (CombinationSummary s : r.summaries()) {
      ObjectNode c = combos.addObject();
      c.put("index", s.combination());
      ObjectNode settings = c.putObject("settings");
      s.settings().forEach(settings::put);
      c.put("runs", s.runs());
      c.put("passed_runs", s.passedRuns());
      distribution(c.putObject("failover_ns"), s.failover());
      c.put("unrecovered_failovers", s.unrecovered());
      distribution(c.putObject("split_brain_ns_per_run"), s.splitBrain());
      distribution(c.putObject("ad_takeover_ns"), s.adTakeover());
      distribution(c.putObject("two_arp_replies_ns_per_run"), s.multipleReplies());
      SweepCommand.replay(r, s).ifPresent(command -> c.put("replay", command)); // the first failing run, again
      distribution(c.putObject("longest_outage_ns_per_run"), s.outage());
      ObjectNode arp = c.putObject("arp_share_percent");
      s.arpShares().forEach((h, sh) -> arp.putObject(h).put("mean", round(sh.meanPercent()))
          .put("stddev", round(sh.stddevPercent())));
      ArrayNode failures = c.putArray("failed_expectations");
      s.failures().forEach(f -> failures.addObject().put("expectation", f.expectation()).put("runs", f.runs()));
    }
    ArrayNode cases = o.putArray("cases");
    for (CaseResult c : r.cases()) {
      ObjectNode n = cases.addObject();
      n.put("combination", c.combination());
      n.put("seed", c.seed());
      n.put("passed", c.passed());
      ArrayNode failed = n.putArray("failed");
      c.failed().forEach(failed::add);
      ArrayNode gaps = n.putArray("failovers_ns");
      c.failovers().forEach(gaps::add);
      n.put("unrecovered", c.unrecovered());
      n.put("split_brain_ns", c.splitBrainNanos());
      ArrayNode wire = n.putArray("ad_takeovers_ns");
      c.adTakeovers().forEach(wire::add);
      n.put("two_arp_replies_ns", c.multipleReplyNanos());
      n.put("longest_outage_ns", c.longestOutageNanos());
      n.put("arp_requests", c.arpRequests());
      ObjectNode answers = n.putObject("arp_answers");
      c.arpAnswers().forEach(answers::put);
    }
    o.put("scenario_text", ScenarioText.redact(scenarioText));
    return o;
  }

  private static void distribution(ObjectNode o, Distribution d) {
    o.put("count", d.count()).put("min", d.min()).put("p50", d.p50()).put("p90", d.p90()).put("p99", d.p99())
        .put("max", d.max()).put("mean", d.mean());
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  /** How many seeds the sweep runs. */
  static long seedCount(SweepResult r) {
    return r.lastSeed() - r.firstSeed() + 1;
  }

  /** The {@code random_sources} a sweep result carries, or empty (older files, or not JSON). */
  static Optional<List<String>> randomSources(String text) {
    try {
      JsonNode o = MAPPER.readTree(text);
      if (o == null || !o.path("random_sources").isArray()) {
        return Optional.empty();
      }
      List<String> out = new ArrayList<>();
      o.get("random_sources").forEach(n -> out.add(n.asText()));
      return Optional.of(out);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** The masked scenario text a sweep result carries, or empty (older files, or not JSON). */
  static String scenarioText(String text) {
    try {
      JsonNode o = MAPPER.readTree(text);
      return o != null && o.path("scenario_text").isTextual() ? ScenarioText.redact(o.get("scenario_text").asText()) : "";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "";
    }
  }

  /**
   * Reads a sweep result file written with {@code --out} or {@code --json}.
   *
   * @throws SweepException naming the file and what is wrong with it
   */
  static SweepResult read(String name, String text) {
    JsonNode o;
    try {
      o = MAPPER.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SweepException(name + ": not JSON (" + e.getOriginalMessage() + ")");
    }
    if (o == null || !o.isObject() || !FORMAT.equals(o.path("format").asText())) {
      throw new SweepException(name + ": not a sweep result (no \"format\": \"" + FORMAT + "\")");
    }
    try {
      long[] seeds = org.carpsim.scenario.sweep.SweepPlan.seeds(text(o, "seeds"));
      List<KnobValues> knobs = new ArrayList<>();
      for (JsonNode k : o.path("knobs")) {
        knobs.add(KnobValues.parse(k.asText()));
      }
      Shard shard = Shard.parse(text(o, "shard"));
      List<CaseResult> cases = new ArrayList<>();
      for (JsonNode c : o.path("cases")) {
        List<String> failed = new ArrayList<>();
        c.path("failed").forEach(f -> failed.add(f.asText()));
        List<Long> gaps = new ArrayList<>();
        c.path("failovers_ns").forEach(g -> gaps.add(g.asLong()));
        List<Long> wire = new ArrayList<>();
        c.path("ad_takeovers_ns").forEach(g -> wire.add(g.asLong()));
        Map<String, Long> answers = new LinkedHashMap<>();
        c.path("arp_answers").fields().forEachRemaining(e -> answers.put(e.getKey(), e.getValue().asLong()));
        cases.add(new CaseResult(c.path("combination").asInt(), c.path("seed").asLong(), c.path("passed").asBoolean(),
            failed, gaps, c.path("unrecovered").asInt(), c.path("split_brain_ns").asLong(),
            c.path("arp_requests").asLong(), answers, wire, c.path("two_arp_replies_ns").asLong(),
            c.path("longest_outage_ns").asLong(CaseResult.NO_TRAFFIC)));
      }
      return new SweepResult(text(o, "scenario"), text(o, "file"), text(o, "sha256"), seeds[0], seeds[1], knobs,
          shard, cases);
    } catch (SweepException e) {
      throw new SweepException(name + ": " + e.getMessage());
    }
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || !n.isTextual()) {
      throw new SweepException("missing text field \"" + field + "\"");
    }
    return n.asText();
  }
}
