package org.carpsim.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.scenario.examples.BuiltInExamples;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.history.WorldText;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.scenario.run.RunOptions;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.ScenarioRunner;
import org.carpsim.sim.history.FrameRecording;
import org.carpsim.sim.history.Timed;
import org.carpsim.sim.time.Durations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The report of a run: its charts, its page, its record and that record's JSON. */
class RunReportTest {

  static final RunOptions FRAMES = new RunOptions(FrameRecording.TRANSMISSIONS, Optional.empty());

  /** Two hosts, one vhid, clients, a crash and a host command; a title and a comment full of markup. */
  static final String SCENARIO = """
      # a comment with <script>alert(1)</script> & an "ampersand"; was: pass oldsecret
      scenario "Escaping <b>bold</b> & friends"
      segment lan 10.0.0.0/24
      host a
        nic em0 lan 10.0.0.1/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 pass s3cretpw carpdev em0 10.0.0.100 netmask 255.255.255.0
      host b
        nic em0 lan 10.0.0.2/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 advskew 100 pass s3cretpw carpdev em0 10.0.0.100 netmask 255.255.255.0
      clients lan 20 from 10.0.0.0/24 arp 10.0.0.100 every 5s
      at 10s crash a
      at 20s b: ifconfig carp0 advskew 50
      run 30s
      expect at 5s a.carp0 MASTER
      expect within 4s after 10s b.carp0 MASTER
      """;

  static RunResult result;
  static RunRecord record;
  static Report report;

  @BeforeAll
  static void runOnce() {
    result = ScenarioRunner.run(ScenarioParser.parse("esc.carp", SCENARIO), FRAMES);
    record = RunRecords.of(result, SCENARIO);
    report = RunReport.of(List.of(record));
  }

  /** A digest fed as the run goes gives the record the kept frames give, and the history keeps no frame. */
  @Test
  void aStreamedDigestGivesTheSameRecordWithoutKeepingFrames() {
    org.carpsim.scenario.model.Scenario s = ScenarioParser.parse("esc.carp", SCENARIO);
    TransmissionDigest digest = RunRecords.digest(s);
    RunResult streamed = ScenarioRunner.run(s, RunOptions.DEFAULT.withListener(digest));
    assertTrue(streamed.history().entriesOf(org.carpsim.sim.history.FrameTransmitted.class).isEmpty(),
        "no frame kept");
    assertFalse(result.history().entriesOf(org.carpsim.sim.history.FrameTransmitted.class).isEmpty());
    RunRecord fromDigest = RunRecords.of(streamed, SCENARIO, Optional.of(digest));
    assertFalse(fromDigest.adverts().isEmpty());
    assertEquals(record.adverts(), fromDigest.adverts());
    assertEquals(record.announcements(), fromDigest.announcements());
    // the same record but for the engine's wall time
    assertEquals(RunRecordJson.write(record).without("engine"), RunRecordJson.write(fromDigest).without("engine"));
    assertEquals(record.engine().events(), fromDigest.engine().events());
  }

  @Test
  void theRecordHoldsWhatTheRunDid() {
    assertTrue(record.passed());
    assertEquals(30_000_000_000L, record.durationNanos());
    assertEquals("openbsd", record.profile());
    assertEquals(List.of(new RunRecord.TimedEvent(10_000_000_000L, "crash", "at 10s crash a"),
        new RunRecord.TimedEvent(20_000_000_000L, "command", "at 20s b: ifconfig carp0 advskew 50")), record.timeline());
    assertEquals(result.transitions().size(), record.transitions().size());
    assertEquals("lan", record.transitions().get(0).event().segment());
    assertEquals("em0", record.transitions().get(0).event().carpdev());
    assertTrue(record.advertsRecorded());
  }

  @Test
  void advertisementsComeEveryIntervalFromTheMasterOnly() {
    // carp-protocol.md: a master advertises every advbase + advskew/256 s; a backup is silent.
    RunRecord.AdvertSeries a = series("a");
    RunRecord.AdvertSeries b = series("b");
    assertEquals("em0", a.nic());
    assertEquals(1, a.vhid());
    // a became MASTER at 3 s and crashed at 10 s: adverts at 3, 4, ..., 9 s (and maybe 10 s)
    assertEquals(3_000_000_000L, a.times().get(0));
    for (int i = 1; i < a.times().size(); i++) {
      assertEquals(1_000_000_000L, a.times().get(i) - a.times().get(i - 1), "a's interval, advskew 0");
    }
    assertTrue(a.times().get(a.times().size() - 1) <= 10_000_000_000L, "nothing after the crash");
    // b: master from 13.171875 s, advskew 100 (1.390625 s) until it typed advskew 50 at 20 s: 1.195312 s,
    // since the kernel counts advskew × 1000000 / 256 in whole microseconds (195312.5 truncated)
    long before = 0;
    long after = 0;
    for (int i = 1; i < b.times().size(); i++) {
      long gap = b.times().get(i) - b.times().get(i - 1);
      if (b.times().get(i) < 20_000_000_000L) {
        assertEquals(1_390_625_000L, gap);
        before++;
      } else if (b.times().get(i - 1) > 20_000_000_000L) {
        assertEquals(1_195_312_000L, gap);
        after++;
      }
    }
    assertTrue(before >= 3 && after >= 3, "b advertised at both intervals: " + before + ", " + after);
    assertTrue(b.times().get(0) >= 13_171_875_000L, "b was silent while a was master");
  }

  private static RunRecord.AdvertSeries series(String host) {
    return record.adverts().stream().filter(s -> s.host().equals(host)).findFirst().orElseThrow();
  }

  @Test
  void eachNewMasterAnnouncesTheAddressWithGratuitousArp() {
    // a takes over at 3 s, b at 13.171875 s: each sends gratuitous ARP for 10.0.0.100 then, and only then
    assertEquals(List.of("a", "b"), record.announcements().stream().map(RunRecord.Announcements::host).toList());
    RunRecord.Announcements a = record.announcements().get(0);
    RunRecord.Announcements b = record.announcements().get(1);
    assertEquals("10.0.0.100", a.address());
    assertEquals("em0", a.nic());
    assertEquals(3_000_000_000L, a.times().get(0));
    assertTrue(a.times().get(a.times().size() - 1) < 10_000_000_000L);
    assertEquals(13_171_875_000L, b.times().get(0));
  }

  @Test
  void arpAnswersAreCountedPerBucketAndAddUpToTheRequests() {
    assertEquals(1, record.arp().size());
    RunRecord.ArpSeries s = record.arp().get(0);
    assertEquals("lan", s.segment());
    assertEquals("10.0.0.100", s.target());
    assertEquals(5_000_000_000L, s.bucketNanos(), "run/60 = 0.5 s is shorter than the clients' 5 s interval");
    assertEquals(result.arpAnswers().size(), s.requests());
    long byA = result.arpAnswers().stream().filter(x -> x.event().answeredBy().equals("a")).count();
    assertEquals(byA, s.totals().get("a"));
    // a answered nothing after its crash; b nothing before it took over
    List<Long> a = s.answers().get("a");
    List<Long> b = s.answers().get("b");
    for (int i = 0; i < a.size(); i++) {
      if (i * 5 >= 15) {
        assertEquals(0L, a.get(i), "a answered in bucket " + i);
      }
      if ((i + 1) * 5 <= 10) {
        assertEquals(0L, b.get(i), "b answered in bucket " + i);
      }
    }
  }

  @Test
  void bucketsAreRoundWidths() {
    assertEquals(1, Durations.roundUp125(1));
    assertEquals(2_000_000_000L, Durations.roundUp125(1_500_000_000L));
    assertEquals(5_000_000_000L, Durations.roundUp125(2_000_000_001L));
    assertEquals(10_000_000_000L, Durations.roundUp125(10_000_000_000L));
  }

  @Test
  void chartsDecodeAndShowTheStatesInTheirColours() {
    assertEquals(List.of("esc-states.png", "esc-adverts.png", "esc-announcements.png", "esc-arp-1.png"),
        report.images().stream().map(ChartImage::fileName).toList());
    report.images().forEach(ReportChecks::assertChart);
    BufferedImage states = ReportChecks.decode(report.images().get(0).png());
    // a: BACKUP 0-3 s, MASTER 3-10 s, INIT (crashed) after; b: BACKUP, then MASTER from 13.17 s
    assertTrue(ReportChecks.pixelsOf(states, Palette.MASTER) > 5_000, "MASTER green");
    assertTrue(ReportChecks.pixelsOf(states, Palette.BACKUP) > 5_000, "BACKUP amber");
    assertTrue(ReportChecks.pixelsOf(states, Palette.INIT) > 5_000, "INIT grey after the crash");
    // clients asking between a's crash (10 s) and b's takeover (13.17 s) got no answer: "nobody", dark grey
    long unanswered = record.arp().get(0).unanswered().stream().mapToLong(Long::longValue).sum();
    assertTrue(unanswered > 0, "requests while there was no master");
    BufferedImage arp = ReportChecks.decode(report.images().get(3).png());
    assertTrue(ReportChecks.pixelsOf(arp, Palette.UNANSWERED) > 100, "the unanswered share is drawn");
    assertTrue(report.html().contains("<td>nobody</td><td class=\"num\">" + unanswered + "</td>"), "and tabled");
  }

  @Test
  void aRunWithManyVirtualHostsDrawsTheFirstLanesAndSaysSo() {
    List<Timed<StateChanged>> changes = new java.util.ArrayList<>();
    for (int i = 0; i < 55; i++) {
      changes.add(new Timed<>(1_000_000_000L, new StateChanged("h" + (100 + i), "carp0", 1 + i % 3, "em0", "lan",
          CarpState.INIT, CarpState.BACKUP, "initialization complete")));
    }
    RunRecord many = new RunRecord("many", "many.carp", 1, true, 10_000_000_000L, "openbsd", "", List.of(), List.of(),
        changes, List.of(), List.of(), List.of(), true, List.of(), List.of(), java.util.Map.of(), List.of(), List.of(),
        List.of(), List.of(), RunRecord.Engine.NONE);
    assertEquals(RunCharts.MAX_LANES, RunCharts.lanes(many).size());
    assertEquals("h100.carp0 vhid 1", RunCharts.lanes(many).get(0));
    assertEquals("h103.carp0 vhid 1", RunCharts.lanes(many).get(1), "grouped by vhid");
    Report r = RunReport.of(List.of(many));
    assertEquals(RunCharts.laneChartHeight(RunCharts.MAX_LANES), r.images().get(0).height());
    assertTrue(r.html().contains("The chart shows the first 40 of 55 virtual hosts"), r.html());
    ReportChecks.assertChart(r.images().get(0));
  }

  @Test
  void thePageIsWellFormedSelfContainedAndEscaped() {
    Document doc = ReportChecks.assertSelfContained(report.html());
    String text = ReportChecks.text(doc);
    assertTrue(text.contains("Escaping <b>bold</b> & friends"), "the title, as text");
    assertTrue(text.contains("# a comment with <script>alert(1)</script> & an \"ampersand\""), "the scenario text");
    assertFalse(report.html().contains("<b>bold</b>"), "markup of the scenario reaches the page unescaped");
    assertEquals(0, doc.getElementsByTagName("b").getLength());
    List<String> sources = ReportChecks.imageSources(doc);
    assertEquals(report.images().size(), sources.size());
    for (int i = 0; i < sources.size(); i++) {
      byte[] embedded = Base64.getDecoder().decode(sources.get(i).substring("data:image/png;base64,".length()));
      assertArrayEquals(report.images().get(i).png(), embedded, "the page embeds the PNG written beside it");
    }
    assertTrue(text.contains("at 20s b: ifconfig carp0 advskew 50"), "the event table");
    assertTrue(text.contains("a.carp0 was MASTER at 5s"), "the verdicts");
  }

  @Test
  void noPassphraseReachesThePageOrTheJson() {
    assertFalse(report.html().contains("s3cretpw"));
    assertFalse(report.html().contains("oldsecret"));
    assertTrue(record.text().contains("vhid 1 pass ******** carpdev em0"), record.text());
    assertFalse(RunRecordJson.line(record).contains("s3cretpw"));
  }

  @Test
  void theSameRunDrawsTheSameReportByteForByte() {
    RunResult again = ScenarioRunner.run(ScenarioParser.parse("esc.carp", SCENARIO), FRAMES);
    Report second = RunReport.of(List.of(RunRecords.of(again, SCENARIO)));
    assertEquals(report.html(), second.html());
    for (int i = 0; i < report.images().size(); i++) {
      assertArrayEquals(report.images().get(i).png(), second.images().get(i).png(), report.images().get(i).fileName());
    }
  }

  @Test
  void theJsonReadsBackIntoTheSameRecordAndReport() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode back = mapper.readTree(RunRecordJson.line(record));
    assertTrue(RunRecordJson.isRun(back));
    RunRecord read = RunRecordJson.read(back, "saved.json");
    assertEquals(record, read);
    assertEquals(report.html(), RunReport.of(List.of(read)).html());
  }

  @Test
  void anOlderResultWithoutReportFieldsStillDraws() throws Exception {
    String old = """
        {"scenario":"old","file":"old.carp","seed":1,"passed":true,
         "expectations":[{"line":3,"text":"expect at 5s a.carp0 MASTER","passed":true,"detail":"ok"}],
         "transitions":[{"t_ns":3000000000,"host":"a","iface":"carp0","vhid":1,"from":"BACKUP","to":"MASTER","reason":"master timed out"}],
         "stats":{},"engine":{"events":1,"wall_ms":0.1,"events_per_s":1,"simsec_per_s":1}}
        """;
    RunRecord r = RunRecordJson.read(new ObjectMapper().readTree(old), "old.json");
    assertFalse(r.advertsRecorded());
    Report page = RunReport.of(List.of(r));
    ReportChecks.assertSelfContained(page.html());
    assertTrue(page.html().contains("did not record the run&#39;s frames"), page.html());
    assertEquals(1, page.images().size());
  }

  @Test
  void aBrokenResultIsRefusedNamingTheField() throws Exception {
    String broken = """
        {"scenario":"x","file":"x.carp","seed":1,"passed":true,"expectations":[],
         "transitions":[{"t_ns":1,"host":"a","iface":"carp0","vhid":1,"from":"BACKUP","to":"BOSS","reason":""}]}
        """;
    ReportException e = assertThrows(ReportException.class,
        () -> RunRecordJson.read(new ObjectMapper().readTree(broken), "r.json"));
    assertEquals("r.json, transition 1: state 'BOSS' is none of INIT, BACKUP, MASTER", e.getMessage());
    ReportException missing = assertThrows(ReportException.class,
        () -> RunRecordJson.read(new ObjectMapper().readTree("{\"scenario\":\"x\",\"transitions\":[]}"), "r.json"));
    assertEquals("r.json: missing field \"expectations\"", missing.getMessage());
  }

  @Test
  void severalRunsShareOnePageWithDistinctChartNames(@TempDir Path dir) throws Exception {
    BuiltInExamples.Example e = BuiltInExamples.all().get(0);
    RunRecord example = RunRecords.of(ScenarioRunner.run(e.parse(), FRAMES), e.text());
    Report both = RunReport.of(List.of(record, example, record));
    Path page = both.writeTo(dir);
    assertEquals(dir.resolve("index.html"), page);
    Document doc = ReportChecks.assertSelfContained(Files.readString(page));
    assertEquals(3, doc.getElementsByTagName("section").getLength());
    long distinct = both.images().stream().map(ChartImage::fileName).distinct().count();
    assertEquals(both.images().size(), distinct);
    assertTrue(both.images().stream().anyMatch(i -> i.fileName().equals("esc-2-states.png")));
    for (ChartImage i : both.images()) {
      assertArrayEquals(i.png(), Files.readAllBytes(dir.resolve(i.fileName())), "PNG beside the page");
    }
  }

  /** The Handbook's mismatched passphrases: what the hosts logged is a section of the report, in FreeBSD 6's words. */
  @Test
  void theReportListsWhatTheHostsLogged() {
    BuiltInExamples.Example e = BuiltInExamples.all().stream()
        .filter(x -> x.name().equals("freebsd-handbook-server-availability.carp")).findFirst().orElseThrow();
    RunRecord handbook = RunRecords.of(ScenarioRunner.run(e.parse()), e.text());
    assertFalse(handbook.logs().isEmpty());
    Document doc = ReportChecks.assertSelfContained(RunReport.of(List.of(handbook)).html());
    String text = ReportChecks.text(doc);
    assertTrue(text.contains("log lines (all are in run --json)") || text.contains("Every log line ("), text);
    assertTrue(text.contains("carp: incorrect hash"), "the line as FreeBSD 6 logs it");
    assertFalse(text.contains("testpass") || text.contains("testpast"), "no passphrase");
  }

  /** Traffic clients: the report tables what the packets met and draws the outage per client; the JSON reads back. */
  @Test
  void trafficAndOutagesReachTheReportAndReadBackFromTheJson() throws Exception {
    String text = """
        scenario "traffic"
        profile openbsd
        segment lan 10.0.0.0/24
        host fw1
          nic em0 lan 10.0.0.1/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 pass s3cretpw carpdev em0 10.0.0.100/24
        host fw2
          nic em0 lan 10.0.0.2/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 advskew 100 pass s3cretpw carpdev em0 10.0.0.100/24
        clients lan 6 from 10.0.0.0/25 send 10.0.0.100 every 100ms
        clients lan 2 from 10.0.0.128/25 send 10.0.0.100 every 1s cache router
        at 20s crash fw1
        run 30s
        """;
    RunRecord traffic = RunRecords.of(ScenarioRunner.run(ScenarioParser.parse("t.carp", text)), text);
    assertEquals(2, traffic.traffic().size(), "one total per population");
    assertEquals(1, traffic.trafficByAddress().size());
    assertEquals(8, traffic.trafficByAddress().get(0).clients());
    assertEquals(8, traffic.outages().size(), "every client lost the failover's packets");
    RunRecord read = RunRecordJson.read(new ObjectMapper().readTree(RunRecordJson.line(traffic)), "t.json");
    assertEquals(traffic, read);
    Report page = RunReport.of(List.of(read));
    String html = page.html();
    assertTrue(html.contains("Traffic to the virtual addresses"), "the section");
    assertTrue(html.contains("Every outage (8)"), "the outage table");
    assertTrue(page.images().stream().anyMatch(i -> i.fileName().equals("t-outages.png")), "the outage CDF");
    assertTrue(page.images().stream().anyMatch(i -> i.fileName().equals("t-lost.png")), "lost packets over time");
    ReportChecks.assertChart(page.images().stream().filter(i -> i.fileName().equals("t-outages.png")).findFirst()
        .orElseThrow());
    assertFalse(html.contains("s3cretpw"));
  }

  /** IPv6 traffic clients: their outages and totals reach the report and the JSON, and read back as IPv6. */
  @Test
  void ipv6TrafficReachesTheReportAndReadsBackFromTheJson() throws Exception {
    String text = """
        scenario "traffic6"
        profile openbsd
        switch lan 2001:db8::/64
        host fw1
          nic em0 lan 2001:db8::1/64
          ifconfig carp0 create
          ifconfig carp0 vhid 1 pass s3cretpw carpdev em0
          ifconfig carp0 inet6 2001:db8::100 prefixlen 64
        host fw2
          nic em0 lan 2001:db8::2/64
          ifconfig carp0 create
          ifconfig carp0 vhid 1 advskew 100 pass s3cretpw carpdev em0
          ifconfig carp0 inet6 2001:db8::100 prefixlen 64
        clients lan 6 from 2001:db8::1000/120 send 2001:db8::100 every 100ms
        at 20s crash fw1
        run 30s
        """;
    RunRecord traffic = RunRecords.of(ScenarioRunner.run(ScenarioParser.parse("t6.carp", text)), text);
    assertEquals(6, traffic.outages().size(), "every client lost the failover's packets");
    assertEquals(org.carpsim.carp.net.Ipv6Address.parse("2001:db8::100"), traffic.traffic().get(0).target());
    String json = RunRecordJson.line(traffic);
    assertTrue(json.contains("\"target\":\"2001:db8::100\""), json);
    assertTrue(json.contains("\"addresses\":[\"2001:db8::100\"]"), "a transition's IPv6 addresses");
    RunRecord read = RunRecordJson.read(new ObjectMapper().readTree(json), "t6.json");
    assertEquals(traffic, read);
    Report page = RunReport.of(List.of(read));
    assertTrue(page.html().contains("Every outage (6)"), "the outage table");
    assertTrue(page.html().contains("2001:db8::1001"), "a client by its IPv6 address");
    ReportChecks.assertChart(page.images().stream().filter(i -> i.fileName().equals("t6-outages.png")).findFirst()
        .orElseThrow());
  }

  /** Two masters on one switch flap the virtual MAC: the moves reach the JSON and the report's world section. */
  @Test
  void whatTheSwitchesDidReachesTheReportAndReadsBackFromTheJson() throws Exception {
    String text = """
        scenario "flap"
        profile openbsd
        switch lan 10.0.0.0/24
        host fw1
          nic em0 lan 10.0.0.1/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 pass s3cretpw carpdev em0 10.0.0.100/24
        host fw2
          nic em0 lan 10.0.0.2/24 drop-in carp
          ifconfig carp0 create
          ifconfig carp0 vhid 1 advskew 100 pass s3cretpw carpdev em0 10.0.0.100/24
        run 20s
        """;
    RunRecord flap = RunRecords.of(ScenarioRunner.run(ScenarioParser.parse("f.carp", text)), text);
    List<String> kinds = flap.world().stream().map(WorldText.Line::kind).toList();
    assertEquals(List.of("mac-moves", "port-policy"), kinds, flap.world().toString());
    assertTrue(flap.world().get(0).text().matches("switch lan: [1-9][0-9]* MAC moves \\(a known MAC seen on another "
        + "port\\)"), flap.world().get(0).text());
    assertEquals(20_000_000_000L, flap.world().get(0).at(), "a total, dated at the end of the run");
    assertTrue(flap.transitions().stream().allMatch(t -> t.event().addresses().equals(
        List.of(Ipv4Address.parse("10.0.0.100")))), "each transition names its vhost's address");
    RunRecord read = RunRecordJson.read(new ObjectMapper().readTree(RunRecordJson.line(flap)), "f.json");
    assertEquals(flap, read);
    String html = RunReport.of(List.of(read)).html();
    assertTrue(html.contains("The network around CARP"), "the section");
    assertTrue(html.contains(flap.world().get(0).text()), "the sentence");
  }

  /** What a snooping switch kept from which port, and why, reaches the JSON and the report as world lines. */
  @Test
  void snoopingAndItsLapsesReachTheReportAndReadBackFromTheJson() throws Exception {
    String text = """
        scenario "snooping"
        profile openbsd
        switch lan 10.0.0.0/24 snooping managed querier on
        host fw1
          nic em0 lan 10.0.0.1/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 pass s3cretpw carpdev em0 10.0.0.100/24
        host fw2
          nic em0 lan 10.0.0.2/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 advskew 100 pass s3cretpw carpdev em0 10.0.0.100/24
        run 10s
        """;
    RunRecord run = RunRecords.of(ScenarioRunner.run(ScenarioParser.parse("s.carp", text)), text);
    List<String> lapses = run.world().stream().filter(l -> l.kind().equals("not-forwarded"))
        .map(WorldText.Line::text).toList();
    assertEquals(List.of("switch lan stopped forwarding 224.0.0.18 to fw2.em0: the port never reported the group",
        "switch lan stopped forwarding 224.0.0.18 to fw1.em0: the port never reported the group"), lapses,
        "OpenBSD never reports 224.0.0.18: the backup's port loses it at the first advertisement, then the other's");
    assertTrue(run.world().stream().anyMatch(l -> l.kind().equals("snooping-drops")
        && l.text().startsWith("switch lan (snooping managed querier on): kept ")), run.world().toString());
    RunRecord read = RunRecordJson.read(new ObjectMapper().readTree(RunRecordJson.line(run)), "s.json");
    assertEquals(run, read);
    String html = RunReport.of(List.of(read)).html();
    assertTrue(html.contains("the port never reported the group"), "the lapse and its cause");
  }
}

