package org.carpsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.reports.RunRecord;
import org.carpsim.reports.RunRecordJson;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.StateChange;
import org.carpsim.scenario.run.Verdict;
import org.carpsim.sim.engine.EngineStats;

/**
 * The JSON object of one run, as scenario-language.md fixes it, followed by the fields a report is
 * redrawn from ({@link RunRecordJson#addReportFields}): {@code carpsim report RESULT} reads it back.
 */
final class RunJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RunJson() {}

  static String line(RunResult r, RunRecord record) {
    try {
      return MAPPER.writeValueAsString(object(r, record));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode object(RunResult r, RunRecord record) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("scenario", r.scenario().name());
    o.put("file", r.scenario().file());
    o.put("seed", r.seed());
    o.put("passed", r.passed());
    var expectations = o.putArray("expectations");
    for (Verdict v : r.verdicts()) {
      expectations.addObject()
          .put("line", v.expectation().line())
          .put("text", v.expectation().text())
          .put("passed", v.passed())
          .put("detail", v.detail());
    }
    var transitions = o.putArray("transitions");
    for (StateChange c : r.transitions()) {
      transitions.addObject()
          .put("t_ns", c.timeNanos())
          .put("host", c.host())
          .put("iface", c.iface())
          .put("vhid", c.vhid())
          .put("from", c.from().name())
          .put("to", c.to().name())
          .put("reason", c.reason())
          .put("segment", c.segment());
    }
    ObjectNode stats = o.putObject("stats");
    for (Map.Entry<String, Map<String, Map<CarpStat, Long>>> host : r.statistics().entrySet()) {
      ObjectNode h = stats.putObject(host.getKey());
      for (Map.Entry<String, Map<CarpStat, Long>> iface : host.getValue().entrySet()) {
        ObjectNode i = h.putObject(iface.getKey());
        for (CarpStat s : CarpStat.values()) {
          i.put(s.counterName(), iface.getValue().getOrDefault(s, 0L));
        }
      }
    }
    EngineStats e = r.engine();
    o.putObject("engine")
        .put("events", e.eventsExecuted())
        .put("wall_ms", e.wallMillis())
        .put("events_per_s", Math.round(e.eventsPerSecond()))
        .put("simsec_per_s", Math.round(e.simulatedSecondsPerWallSecond()));
    RunRecordJson.addReportFields(o, record);
    return o;
  }
}
