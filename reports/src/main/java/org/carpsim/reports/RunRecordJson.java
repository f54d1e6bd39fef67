package org.carpsim.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.carpsim.carp.net.IpAddress;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.scenario.history.Logged;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.history.PortPolicyDrops;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.history.TrafficCounted;
import org.carpsim.scenario.history.WorldText;
import org.carpsim.sim.history.Timed;

/**
 * The one codec of a run's JSON: {@link #write} gives the object {@code carpsim run --json} prints
 * for a {@link RunRecord} (its fixed fields as scenario-language.md documents them, then what a
 * report is redrawn from), and {@link #read} takes such an object back, so {@code carpsim report
 * RESULT} draws what {@code run --report} drew. Results saved by older versions read too.
 */
public final class RunRecordJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RunRecordJson() {}

  /** {@link #write} as one line of JSON. */
  public static String line(RunRecord r) {
    try {
      return MAPPER.writeValueAsString(write(r));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a run's JSON could not be written", e);
    }
  }

  /**
   * The object of one run: {@code scenario}, {@code file}, {@code seed}, {@code passed}, {@code
   * expectations}, {@code transitions}, {@code stats}, {@code engine}; then {@code duration_ns},
   * {@code profile}, {@code warnings}, {@code timeline} (faults and host commands), {@code
   * adverts_recorded}, {@code adverts} (send times per host, NIC and vhid), {@code arp_announcements}
   * (gratuitous ARPs per address and host), {@code arp} (answers per time bucket), {@code
   * scenario_text} (passphrases masked), {@code logs}, {@code traffic} (per population of traffic
   * clients: packets sent, served, taken twice, lost), {@code port_policy_drops} (per filtering vSwitch
   * port), {@code world} (what the switches and ports did, in words) and {@code outages} (per client
   * outage). A transition carries the {@code addresses} of its vhost (IPv4, then IPv6).
   */
  public static ObjectNode write(RunRecord r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("scenario", r.scenario());
    o.put("file", r.file());
    o.put("seed", r.seed());
    o.put("passed", r.passed());
    ArrayNode expectations = o.putArray("expectations");
    for (RunRecord.Expectation e : r.expectations()) {
      expectations.addObject().put("line", e.line()).put("text", e.text()).put("passed", e.passed())
          .put("detail", e.detail());
    }
    ArrayNode transitions = o.putArray("transitions");
    for (Timed<StateChanged> t : r.transitions()) {
      StateChanged c = t.event();
      ArrayNode addresses = transitions.addObject().put("t_ns", t.time()).put("host", c.host())
          .put("iface", c.iface()).put("vhid", c.vhid()).put("from", c.from().name()).put("to", c.to().name())
          .put("reason", c.reason()).put("segment", c.segment()).put("carpdev", c.carpdev()).putArray("addresses");
      c.addresses().forEach(a -> addresses.add(a.toString()));
    }
    ObjectNode stats = o.putObject("stats");
    r.stats().forEach((host, ifaces) -> {
      ObjectNode h = stats.putObject(host);
      ifaces.forEach((iface, counters) -> {
        ObjectNode i = h.putObject(iface);
        counters.forEach(i::put);
      });
    });
    RunRecord.Engine e = r.engine();
    o.putObject("engine").put("events", e.events()).put("wall_ms", e.wallMillis())
        .put("events_per_s", e.eventsPerSecond()).put("simsec_per_s", e.simulatedSecondsPerSecond());
    addReportFields(o, r);
    ArrayNode logs = o.putArray("logs");
    for (Timed<Logged> t : r.logs()) {
      logs.addObject().put("t_ns", t.time()).put("host", t.event().host()).put("level", t.event().level())
          .put("text", t.event().text());
    }
    ArrayNode traffic = o.putArray("traffic");
    for (TrafficCounted t : r.traffic()) {
      ObjectNode n = traffic.addObject().put("segment", t.segment()).put("target", t.target().toString())
          .put("clients", t.clients()).put("sent", t.sent()).put("served", t.served()).put("twice", t.twice())
          .put("lost", t.lost()).put("bucket_ns", t.bucketNanos());
      ArrayNode lostPerBucket = n.putArray("lost_per_bucket");
      t.lostPerBucket().forEach(lostPerBucket::add);
    }
    ArrayNode policy = o.putArray("port_policy_drops");
    for (PortPolicyDrops d : r.portPolicyDrops()) {
      policy.addObject().put("nic", d.nic()).put("forged", d.forged()).put("other_mac", d.otherMac())
          .put("destination", d.destination());
    }
    ArrayNode world = o.putArray("world");
    for (WorldText.Line x : r.world()) {
      world.addObject().put("t_ns", x.at()).put("kind", x.kind()).put("text", x.text());
    }
    ArrayNode outages = o.putArray("outages");
    for (Outage x : r.outages()) {
      outages.addObject().put("segment", x.segment()).put("client", x.client().toString())
          .put("target", x.target().toString()).put("from_ns", x.from()).put("to_ns", x.to()).put("lost", x.lost())
          .put("open", x.open());
    }
    return o;
  }

  private static void addReportFields(ObjectNode o, RunRecord r) {
    o.put("duration_ns", r.durationNanos());
    o.put("profile", r.profile());
    ArrayNode warnings = o.putArray("warnings");
    r.warnings().forEach(warnings::add);
    ArrayNode timeline = o.putArray("timeline");
    for (RunRecord.TimedEvent e : r.timeline()) {
      timeline.addObject().put("t_ns", e.timeNanos()).put("kind", e.kind()).put("text", e.text());
    }
    o.put("adverts_recorded", r.advertsRecorded());
    ArrayNode adverts = o.putArray("adverts");
    for (RunRecord.AdvertSeries a : r.adverts()) {
      ObjectNode n = adverts.addObject().put("host", a.host()).put("nic", a.nic()).put("vhid", a.vhid())
          .put("bow_outs", a.bowOuts());
      ArrayNode t = n.putArray("t_ns");
      a.times().forEach(t::add);
    }
    ArrayNode announcements = o.putArray("arp_announcements");
    for (RunRecord.Announcements a : r.announcements()) {
      ObjectNode n = announcements.addObject().put("address", a.address()).put("host", a.host()).put("nic", a.nic());
      ArrayNode t = n.putArray("t_ns");
      a.times().forEach(t::add);
    }
    ArrayNode arp = o.putArray("arp");
    for (RunRecord.ArpSeries s : r.arp()) {
      ObjectNode n = arp.addObject().put("segment", s.segment()).put("target", s.target())
          .put("bucket_ns", s.bucketNanos());
      ObjectNode answers = n.putObject("answers");
      s.answers().forEach((h, counts) -> {
        ArrayNode c = answers.putArray(h);
        counts.forEach(c::add);
      });
      ArrayNode none = n.putArray("unanswered");
      s.unanswered().forEach(none::add);
    }
    o.put("scenario_text", r.text());
  }

  /** True when {@code o} looks like the object of one {@code run --json} scenario. */
  public static boolean isRun(JsonNode o) {
    return o.isObject() && o.has("scenario") && o.has("expectations") && o.has("transitions") && !o.has("format");
  }

  /**
   * Reads a {@code run --json} object. Results saved before the report fields existed read too: the
   * charts then lack what was not saved (the report says so).
   *
   * @param where names the object in messages ({@code result.json, object 2})
   * @throws ReportException naming the field that is missing or wrong
   */
  public static RunRecord read(JsonNode o, String where) {
    if (!o.isObject()) {
      throw new ReportException(where + ": not a JSON object");
    }
    List<RunRecord.Expectation> expectations = new ArrayList<>();
    for (JsonNode e : Json.array(o, "expectations", where)) {
      String w = where + ", expectation " + (expectations.size() + 1);
      expectations.add(new RunRecord.Expectation((int) Json.number(e, "line", w), Json.text(e, "text", w),
          Json.bool(e, "passed", w), Json.text(e, "detail", w, "")));
    }
    List<Timed<StateChanged>> transitions = new ArrayList<>();
    for (JsonNode t : Json.array(o, "transitions", where)) {
      String w = where + ", transition " + (transitions.size() + 1);
      List<IpAddress> addresses = new ArrayList<>();
      Json.optionalArray(t, "addresses", w).forEach(a -> addresses.add(address(a.asText(), w)));
      transitions.add(new Timed<>(Json.number(t, "t_ns", w), new StateChanged(Json.text(t, "host", w),
          Json.text(t, "iface", w), (int) Json.number(t, "vhid", w), Json.text(t, "carpdev", w, ""),
          Json.text(t, "segment", w, ""), state(Json.text(t, "from", w), w), state(Json.text(t, "to", w), w),
          Json.text(t, "reason", w, ""), addresses)));
    }
    List<TrafficCounted> traffic = new ArrayList<>();
    for (JsonNode t : Json.optionalArray(o, "traffic", where)) {
      String w = where + ", traffic " + (traffic.size() + 1);
      traffic.add(new TrafficCounted(Json.text(t, "segment", w), address(Json.text(t, "target", w), w),
          (int) Json.number(t, "clients", w), Json.number(t, "sent", w), Json.number(t, "served", w),
          Json.number(t, "twice", w), Json.number(t, "lost", w), positive(Json.number(t, "bucket_ns", w), w),
          longs(Json.array(t, "lost_per_bucket", w))));
    }
    List<Outage> outages = new ArrayList<>();
    for (JsonNode x : Json.optionalArray(o, "outages", where)) {
      String w = where + ", outage " + (outages.size() + 1);
      outages.add(new Outage(Json.text(x, "segment", w), address(Json.text(x, "client", w), w),
          address(Json.text(x, "target", w), w), Json.number(x, "from_ns", w), Json.number(x, "to_ns", w),
          Json.number(x, "lost", w), Json.bool(x, "open", w)));
    }
    List<PortPolicyDrops> policy = new ArrayList<>();
    for (JsonNode d : Json.optionalArray(o, "port_policy_drops", where)) {
      String w = where + ", port policy " + (policy.size() + 1);
      String nic = Json.text(d, "nic", w);
      if (nic.indexOf('.') < 1) {
        throw new ReportException(w + ": field \"nic\" must be host.nic, not '" + nic + "'");
      }
      policy.add(new PortPolicyDrops(nic, Json.number(d, "forged", w), Json.number(d, "other_mac", w),
          Json.number(d, "destination", w)));
    }
    List<WorldText.Line> world = new ArrayList<>();
    for (JsonNode x : Json.optionalArray(o, "world", where)) {
      String w = where + ", world event " + (world.size() + 1);
      world.add(new WorldText.Line(Json.number(x, "t_ns", w), Json.text(x, "kind", w), Json.text(x, "text", w)));
    }
    List<Timed<Logged>> logs = new ArrayList<>();
    for (JsonNode l : Json.optionalArray(o, "logs", where)) {
      String w = where + ", log line " + (logs.size() + 1);
      logs.add(new Timed<>(Json.number(l, "t_ns", w), new Logged(Json.text(l, "host", w),
          (int) Json.number(l, "level", w), Json.text(l, "text", w))));
    }
    List<String> warnings = new ArrayList<>();
    Json.optionalArray(o, "warnings", where).forEach(n -> warnings.add(n.asText()));
    List<RunRecord.TimedEvent> timeline = new ArrayList<>();
    for (JsonNode e : Json.optionalArray(o, "timeline", where)) {
      String w = where + ", timeline event " + (timeline.size() + 1);
      timeline.add(new RunRecord.TimedEvent(Json.number(e, "t_ns", w), Json.text(e, "kind", w),
          Json.text(e, "text", w)));
    }
    List<RunRecord.AdvertSeries> adverts = new ArrayList<>();
    for (JsonNode a : Json.optionalArray(o, "adverts", where)) {
      String w = where + ", advert series " + (adverts.size() + 1);
      List<Long> times = new ArrayList<>();
      Json.array(a, "t_ns", w).forEach(t -> times.add(t.asLong()));
      adverts.add(new RunRecord.AdvertSeries(Json.text(a, "host", w), Json.text(a, "nic", w),
          (int) Json.number(a, "vhid", w), times, (int) Json.number(a, "bow_outs", w, 0)));
    }
    List<RunRecord.Announcements> announcements = new ArrayList<>();
    for (JsonNode a : Json.optionalArray(o, "arp_announcements", where)) {
      String w = where + ", arp announcements " + (announcements.size() + 1);
      announcements.add(new RunRecord.Announcements(Json.text(a, "address", w), Json.text(a, "host", w),
          Json.text(a, "nic", w), longs(Json.array(a, "t_ns", w))));
    }
    List<RunRecord.ArpSeries> arp = new ArrayList<>();
    for (JsonNode s : Json.optionalArray(o, "arp", where)) {
      String w = where + ", arp series " + (arp.size() + 1);
      Map<String, List<Long>> answers = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = Json.field(s, "answers", w).fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        answers.put(e.getKey(), longs(e.getValue()));
      }
      long bucket = positive(Json.number(s, "bucket_ns", w), w);
      arp.add(new RunRecord.ArpSeries(Json.text(s, "segment", w), Json.text(s, "target", w), bucket, answers,
          longs(Json.array(s, "unanswered", w))));
    }
    Map<String, Map<String, Map<String, Long>>> stats = new LinkedHashMap<>();
    JsonNode st = o.path("stats");
    st.fields().forEachRemaining(h -> {
      Map<String, Map<String, Long>> ifaces = new LinkedHashMap<>();
      h.getValue().fields().forEachRemaining(i -> {
        Map<String, Long> counters = new LinkedHashMap<>();
        i.getValue().fields().forEachRemaining(c -> counters.put(c.getKey(), c.getValue().asLong()));
        ifaces.put(i.getKey(), counters);
      });
      stats.put(h.getKey(), ifaces);
    });
    long duration = Json.number(o, "duration_ns", where, lastTime(transitions, timeline));
    return new RunRecord(Json.text(o, "scenario", where), Json.text(o, "file", where, ""),
        Json.number(o, "seed", where), Json.bool(o, "passed", where), duration,
        Json.text(o, "profile", where, ""), ScenarioText.redact(Json.text(o, "scenario_text", where, "")), warnings,
        expectations, transitions, logs, timeline, adverts, o.path("adverts_recorded").asBoolean(false),
        announcements, arp, stats, outages, traffic, policy, world, engine(o.path("engine")));
  }

  /** Without a saved duration, the run is drawn up to its last event. */
  private static long lastTime(List<Timed<StateChanged>> t, List<RunRecord.TimedEvent> e) {
    long last = 1_000_000_000L;
    for (Timed<StateChanged> x : t) {
      last = Math.max(last, x.time());
    }
    for (RunRecord.TimedEvent x : e) {
      last = Math.max(last, x.timeNanos());
    }
    return last;
  }

  private static long positive(long bucket, String where) {
    if (bucket <= 0) {
      throw new ReportException(where + ": field \"bucket_ns\" must be positive");
    }
    return bucket;
  }

  private static IpAddress address(String text, String where) {
    try {
      return IpAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ReportException(where + ": '" + text + "' is not an IPv4 or IPv6 address");
    }
  }

  /** The engine's figures as saved; zeros where a result did not save them. */
  private static RunRecord.Engine engine(JsonNode e) {
    return new RunRecord.Engine(e.path("events").asLong(0), e.path("wall_ms").asDouble(0),
        e.path("events_per_s").asLong(0), e.path("simsec_per_s").asLong(0));
  }

  private static CarpState state(String s, String where) {
    if (!s.equals("INIT") && !s.equals("BACKUP") && !s.equals("MASTER")) {
      throw new ReportException(where + ": state '" + s + "' is none of INIT, BACKUP, MASTER");
    }
    return CarpState.valueOf(s);
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asLong()));
    return out;
  }
}
