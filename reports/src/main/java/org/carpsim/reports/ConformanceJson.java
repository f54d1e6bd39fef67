package org.carpsim.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.Verdict;

/**
 * A conformance result as one JSON object, {@code "format": "carpsim-conformance/1"}, and back:
 *
 * <pre>{@code
 * {"format": "carpsim-conformance/1", "passed": true, "profile": "ucarp", "vhid": 7,
 *  "vips": ["10.0.0.7"], "advbase": 1, "advskew": 0, "preempt": false, "iface": "eth0",
 *  "source": "", "pcap": "",
 *  "cases": [{"id": "A3", "title": "...", "verdict": "PASS", "measured": "1.0039 s (n=...)",
 *             "expected": "1.0039 s", "tolerance": "20 ms", "note": ""}]}
 * }</pre>
 *
 * The passphrase is not part of it.
 */
public final class ConformanceJson {

  /** The {@code format} field's value. */
  public static final String FORMAT = "carpsim-conformance/1";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ConformanceJson() {}

  /** The result as one line of JSON. */
  public static String write(ConformanceRecord r) {
    try {
      return MAPPER.writeValueAsString(object(r));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The result as a JSON object. */
  public static ObjectNode object(ConformanceRecord r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("format", FORMAT);
    o.put("passed", r.passed());
    o.put("profile", r.profile());
    o.put("vhid", r.vhid());
    ArrayNode vips = o.putArray("vips");
    r.vips().forEach(vips::add);
    o.put("advbase", r.advbase());
    o.put("advskew", r.advskew());
    o.put("preempt", r.preempt());
    o.put("iface", r.iface());
    o.put("source", r.source());
    o.put("pcap", r.pcap());
    ArrayNode cases = o.putArray("cases");
    for (CaseResult c : r.cases()) {
      cases.addObject().put("id", c.id()).put("title", c.title()).put("verdict", c.verdict().name())
          .put("measured", c.measured()).put("expected", c.expected()).put("tolerance", c.tolerance())
          .put("note", c.note());
    }
    return o;
  }

  /** True when {@code o} is a conformance result. */
  public static boolean isConformance(JsonNode o) {
    return o.isObject() && FORMAT.equals(o.path("format").asText());
  }

  /**
   * Reads a conformance result object.
   *
   * @param where names it in messages
   * @throws ReportException naming what is missing or wrong
   */
  public static ConformanceRecord read(JsonNode o, String where) {
    if (!isConformance(o)) {
      throw new ReportException(where + ": not a conformance result (no \"format\": \"" + FORMAT + "\")");
    }
    List<String> vips = new ArrayList<>();
    Json.array(o, "vips", where).forEach(v -> vips.add(v.asText()));
    List<CaseResult> cases = new ArrayList<>();
    for (JsonNode c : Json.array(o, "cases", where)) {
      String w = where + ", case " + (cases.size() + 1);
      String verdict = Json.text(c, "verdict", w);
      Verdict v;
      try {
        v = Verdict.valueOf(verdict);
      } catch (IllegalArgumentException e) {
        throw new ReportException(w + ": verdict '" + verdict + "' is none of PASS, FAIL, SKIP");
      }
      cases.add(new CaseResult(Json.text(c, "id", w), Json.text(c, "title", w), v, Json.text(c, "measured", w),
          Json.text(c, "expected", w), Json.text(c, "tolerance", w, "exact"), Json.text(c, "note", w, "")));
    }
    return new ConformanceRecord(Json.text(o, "profile", where), (int) Json.number(o, "vhid", where), vips,
        (int) Json.number(o, "advbase", where, 1), (int) Json.number(o, "advskew", where, 0),
        o.path("preempt").asBoolean(false), Json.text(o, "iface", where, ""), Json.text(o, "source", where, ""),
        Json.text(o, "pcap", where, ""), cases);
  }

  /**
   * Reads the text of a conformance result file.
   *
   * @throws ReportException when it is not JSON or not a conformance result
   */
  public static ConformanceRecord read(String text, String where) {
    try {
      JsonNode o = MAPPER.readTree(text);
      if (o == null) {
        throw new ReportException(where + ": empty");
      }
      return read(o, where);
    } catch (JsonProcessingException e) {
      throw new ReportException(where + ": not JSON (" + e.getOriginalMessage() + ")");
    }
  }
}
