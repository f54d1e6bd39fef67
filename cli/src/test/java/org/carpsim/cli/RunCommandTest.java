package org.carpsim.cli;

import static org.carpsim.cli.CliResult.carpsim;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.carpsim.sim.pcap.CaptureRecord;
import org.carpsim.sim.pcap.PcapReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class RunCommandTest {

  @TempDir Path dir;

  private Path scenario(String name, String expectation) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, """
        scenario "two firewalls"
        seed 7
        segment lan 172.16.0.0/24
        host fw1
          nic em0 lan 172.16.0.1/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 pass lanpasswd carpdev em0 172.16.0.100/24
        host fw2
          nic em0 lan 172.16.0.2/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 advskew 100 pass lanpasswd carpdev em0 172.16.0.100/24
        at 10s fw1: ifconfig carp0 down
        run 15s
        expect at 5s fw1.carp0 MASTER
        """ + expectation + "\n");
    return f;
  }

  @Test
  void passingRunPrintsTimelineVerdictsAndEngineFigures() throws Exception {
    CliResult r = carpsim("run", scenario("ok.carp", "expect within 0.1s after 10s fw2.carp0 MASTER").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("fw2.carp0"), r.out());
    assertTrue(r.out().contains("PASS  line 15: expect within 0.1s after 10s fw2.carp0 MASTER"), r.out());
    assertTrue(r.out().contains("engine: "), r.out());
    assertFalse(r.out().contains("lanpasswd") || r.err().contains("lanpasswd"));
  }

  /**
   * A scenario of several independent parts gives the same timeline, JSON (advertisements included)
   * and pcap on one thread as on several and by default; the engine's wall figures aside.
   */
  @Test
  void threadsChangeNothingButTheWallTime() throws Exception {
    CliResult generated = carpsim("generate", "--segments", "4", "--groups", "12", "--hosts-per-group", "3",
        "--duration", "2m", "--seed", "5", "--clients-per-segment", "6");
    Path f = dir.resolve("parts.carp");
    Files.writeString(f, generated.out());
    CliResult byDefault = carpsim("run", "--json", "--pcap", dir.resolve("default.pcap").toString(), f.toString());
    assertEquals(0, byDefault.exit(), byDefault.err());
    assertTrue(byDefault.out().contains("\"adverts_recorded\":true"), byDefault.out());
    for (String threads : List.of("1", "3")) {
      Path pcap = dir.resolve(threads + ".pcap");
      CliResult r = carpsim("run", "--json", "--threads", threads, "--pcap", pcap.toString(), f.toString());
      assertEquals(withoutWallTime(byDefault.out()), withoutWallTime(r.out()), threads + " threads");
      assertArrayEquals(Files.readAllBytes(dir.resolve("default.pcap")), Files.readAllBytes(pcap), threads + " threads");
      assertEquals(withoutEngineLine(carpsim("run", f.toString()).out()),
          withoutEngineLine(carpsim("run", "--threads", threads, f.toString()).out()));
    }
    assertTrue(Files.size(dir.resolve("default.pcap")) > 10_000, "the pcap holds the run's traffic");
    CliResult zero = carpsim("run", "--threads", "0", f.toString());
    assertEquals(2, zero.exit());
    assertTrue(zero.err().contains("--threads 0: expected 1 or more"), zero.err());
  }

  private static String withoutWallTime(String json) {
    return json.replaceAll("\"(wall_ms|events_per_s|simsec_per_s)\":[0-9.]+", "");
  }

  private static String withoutEngineLine(String out) {
    return out.replaceAll("(?m)^engine: .*$", "");
  }

  @Test
  void failingExpectationExitsOne() throws Exception {
    CliResult r = carpsim("run", scenario("bad.carp", "expect at 12s fw1.carp0 MASTER").toString());
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("FAIL  line 15"), r.out());
  }

  @Test
  void badInputExitsTwoAndRunsNothing() throws Exception {
    Path good = scenario("good.carp", "");
    Path bad = dir.resolve("typo.carp");
    Files.writeString(bad, "segmnt lan 10.0.0.0/24\nrun 1s\n");
    CliResult r = carpsim("run", good.toString(), bad.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains(bad + ":1:1: "), r.err());
    assertTrue(r.out().isEmpty(), "nothing ran: " + r.out());
  }

  @Test
  void jsonHasTheFixedShape() throws Exception {
    CliResult r = carpsim("run", "--json", "--seed", "42",
        scenario("j.carp", "expect within 0.1s after 10s fw2.carp0 MASTER").toString());
    assertEquals(0, r.exit(), r.err());
    String[] lines = r.out().strip().split("\n");
    assertEquals(1, lines.length, "one JSON object per scenario and nothing else");
    JsonNode j = new ObjectMapper().readTree(lines[0]);
    assertEquals("two firewalls", j.get("scenario").asText());
    assertEquals(42, j.get("seed").asLong());
    assertTrue(j.get("passed").asBoolean());
    JsonNode e = j.get("expectations").get(1);
    assertEquals(15, e.get("line").asInt());
    assertEquals("expect within 0.1s after 10s fw2.carp0 MASTER", e.get("text").asText());
    JsonNode t = j.get("transitions").get(0);
    for (String k : List.of("t_ns", "host", "iface", "vhid", "from", "to", "reason")) {
      assertTrue(t.has(k), "transition lacks " + k);
    }
    assertTrue(j.get("stats").get("fw2").get("carp0").has("badauth"));
    for (String k : List.of("events", "wall_ms", "events_per_s", "simsec_per_s")) {
      assertTrue(j.get("engine").has(k), "engine lacks " + k);
    }
    assertTrue(j.get("engine").get("events").asLong() > 0);
  }

  /** A line that fails when it runs is said in the timeline, with its place and the tool's message; check says it too. */
  @Test
  void aCommandThatFailsWhenItRunsIsNeverSilent() throws Exception {
    Path f = scenario("fails.carp", "");
    Files.writeString(f, Files.readString(f).replace("run 15s", "at 12s fw2: ifconfig carp0 create\nrun 15s")
        .replace("  ifconfig carp0 vhid 1 pass lanpasswd", "  ifconfig carp0 create\n  ifconfig carp0 vhid 1 pass lanpasswd"));
    CliResult r = carpsim("run", f.toString());
    assertTrue(r.out().contains(" 12.000000000s  fw2              failed: ifconfig carp0 create (" + f
        + ":14:1): ifconfig: SIOCIFCREATE: File exists"), r.out());
    assertTrue(r.out().contains("  0.000000000s  fw1              failed: ifconfig carp0 create (" + f
        + ":7:3): ifconfig: SIOCIFCREATE: File exists"), r.out());
    CliResult check = carpsim("check", f.toString());
    assertEquals(0, check.exit());
    assertTrue(check.err().contains(f + ":7:3: warning: this line fails when it runs: ifconfig: SIOCIFCREATE: File "
        + "exists"), check.err());
  }

  @Test
  void junitXmlHasATestCasePerExpectation() throws Exception {
    Path xml = dir.resolve("junit.xml");
    CliResult r = carpsim("run", "--junit", xml.toString(), scenario("x.carp", "expect at 12s fw1.carp0 MASTER").toString());
    assertEquals(1, r.exit());
    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    assertEquals(2, d.getElementsByTagName("testcase").getLength());
    assertEquals(1, d.getElementsByTagName("failure").getLength());
    assertEquals("1", d.getDocumentElement().getAttribute("failures"));
    org.w3c.dom.Element failed = (org.w3c.dom.Element) d.getElementsByTagName("testcase").item(1);
    assertEquals("x", failed.getAttribute("classname"), "no dot for a CI server to split into package and class");
    assertEquals(dir.resolve("x.carp").toString(), failed.getAttribute("file"));
    assertEquals("15", failed.getAttribute("line"));
    assertEquals("line 15: expect at 12s fw1.carp0 MASTER", failed.getAttribute("name"));
  }

  /** A refused file still leaves JUnit XML behind: an error per problem, so CI shows why nothing ran. */
  @Test
  void junitXmlIsWrittenWhenTheInputIsRefused() throws Exception {
    Path xml = dir.resolve("refused.xml");
    Path bad = Files.writeString(dir.resolve("bad.carp"), "scenario \"b\"\nsegment lan 10.0.0.0/33\nrun 1x\n");
    Path good = scenario("good.carp", "");
    CliResult r = carpsim("run", "--junit", xml.toString(), bad.toString(), good.toString(),
        dir.resolve("none.carp").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().endsWith("carpsim run: nothing was run\n"), r.err());
    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    org.w3c.dom.NodeList errors = d.getElementsByTagName("error");
    assertEquals(3, errors.getLength(), "two in bad.carp (/33, run 1x), one for the missing file");
    assertEquals("3", d.getDocumentElement().getAttribute("errors"));
    assertEquals(2, d.getElementsByTagName("testsuite").getLength(), "a suite per refused file; good.carp never ran");
    org.w3c.dom.Element first = (org.w3c.dom.Element) d.getElementsByTagName("testcase").item(0);
    assertEquals("bad", first.getAttribute("classname"));
    assertEquals(bad.toString(), first.getAttribute("file"));
    assertEquals("2", first.getAttribute("line"));
    assertTrue(errors.item(0).getTextContent().startsWith(bad + ":2:"), errors.item(0).getTextContent());
    org.w3c.dom.Element missing = (org.w3c.dom.Element) d.getElementsByTagName("testcase").item(2);
    assertEquals("none", missing.getAttribute("classname"));
    assertEquals("", missing.getAttribute("line"));
    assertEquals("no such file", ((org.w3c.dom.Element) errors.item(2)).getAttribute("message"));
  }

  @Test
  void pcapHoldsTheSimulatedTrafficWithVirtualTimestamps() throws Exception {
    Path pcap = dir.resolve("run.pcap");
    CliResult r = carpsim("run", "--pcap", pcap.toString(), scenario("p.carp", "").toString());
    assertEquals(0, r.exit(), r.err());
    List<CaptureRecord> records = new ArrayList<>();
    try (PcapReader reader = PcapReader.open(pcap)) {
      reader.forEach(records::add);
    }
    assertTrue(records.size() > 10, "advertisements for 15 s: " + records.size());
    long last = records.get(records.size() - 1).timestampNanos();
    assertTrue(last <= 15_000_000_000L, "virtual time, not wall time: " + last);
    // Every advertisement goes to the CARP group's multicast MAC 01:00:5e:00:00:12 or is an ARP broadcast.
    assertTrue(records.stream().map(CaptureRecord::data)
        .allMatch(b -> (b[0] == 0x01 && b[5] == 0x12) || (b[0] == (byte) 0xff)));
  }

  @Test
  void reportWritesASelfContainedPageAndItsCharts() throws Exception {
    Path out = dir.resolve("report");
    CliResult r = carpsim("run", "--report", out.toString(),
        scenario("ok.carp", "expect within 0.1s after 10s fw2.carp0 MASTER").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().endsWith("report: " + out.resolve("index.html") + "\n"), r.out());
    String html = Files.readString(out.resolve("index.html"));
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertFalse(html.contains("lanpasswd"), "the passphrase");
    assertFalse(html.contains("<script") || html.contains("<link") || html.contains("http://")
        || html.contains("https://"), "refers to nothing outside itself");
    assertTrue(html.contains("expect within 0.1s after 10s fw2.carp0 MASTER"));
    for (String png : List.of("ok-states.png", "ok-adverts.png")) {
      java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(out.resolve(png).toFile());
      assertEquals(1000, image.getWidth(), png);
      assertTrue(html.contains("(" + png + ")"), "the page embeds " + png);
    }
  }

  @Test
  void jsonKeepsItsFixedFieldsAndAddsWhatAReportNeeds() throws Exception {
    CliResult r = carpsim("run", "--json", scenario("j.carp", "").toString());
    JsonNode j = new ObjectMapper().readTree(r.out());
    List<String> keys = new ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("scenario", "file", "seed", "passed", "expectations", "transitions", "stats", "engine",
        "duration_ns", "profile", "warnings", "timeline", "adverts_recorded", "adverts", "arp_announcements", "arp",
        "scenario_text", "logs", "traffic", "port_policy_drops", "world", "outages"), keys);
    assertEquals(15_000_000_000L, j.get("duration_ns").asLong());
    assertEquals("command", j.get("timeline").get(0).get("kind").asText());
    assertEquals("at 10s fw1: ifconfig carp0 down", j.get("timeline").get(0).get("text").asText());
    assertEquals("lan", j.get("transitions").get(0).get("segment").asText());
    // fw1 is master from 3 s to 10 s: its advertisements, one per second
    JsonNode fw1 = j.get("adverts").get(0);
    assertEquals("fw1", fw1.get("host").asText());
    assertEquals("em0", fw1.get("nic").asText());
    assertEquals(3_000_000_000L, fw1.get("t_ns").get(0).asLong());
    assertEquals(4_000_000_000L, fw1.get("t_ns").get(1).asLong());
    assertTrue(j.get("scenario_text").asText().contains("vhid 1 pass ******** carpdev em0"));
    assertFalse(r.out().contains("lanpasswd"));
  }

  /** The Handbook example's mismatched passphrases, in FreeBSD 6's words, only with --log. */
  @Test
  void logShowsWhatEachHostLoggedInItsSystemsWords() {
    String handbook = "../scenarios/examples/freebsd-handbook-server-availability.carp";
    CliResult quiet = carpsim("run", handbook);
    assertFalse(quiet.out().contains("incorrect hash"), "no log lines without --log");
    CliResult r = carpsim("run", "--log", handbook);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("  3.000000000s  provider         log  info: carp: incorrect hash"), r.out());
    assertTrue(r.out().contains("  3.390625000s  provider.carp0   vhid 1   BACKUP -> MASTER  master timed out"));
    assertFalse(r.out().contains("testpast") || r.out().contains("testpass"), "no passphrase in a log line");
  }

  /** ucarp logs a mismatched passphrase as "Bad digest"; --json carries every line with its level. */
  @Test
  void ucarpSaysBadDigestAndTheJsonCarriesTheLines() throws Exception {
    Path f = dir.resolve("u.carp");
    Files.writeString(f, """
        scenario "ucarp: mismatched passphrases"
        profile ucarp
        segment lan 10.0.0.0/24
        host fw1
          nic em0 lan 10.0.0.1/24
          ucarp --interface=em0 --srcip=10.0.0.1 --vhid=1 --advskew=0 --pass=s3cret --addr=10.0.0.100 &
        host fw2
          nic em0 lan 10.0.0.2/24
          ucarp --interface=em0 --srcip=10.0.0.2 --vhid=1 --advskew=100 --pass=n0tS3cret --addr=10.0.0.100 &
        run 6s
        expect max-masters lan vhid 1 <= 2
        """);
    CliResult r = carpsim("run", "--log", f.toString());
    assertEquals(0, r.exit(), r.err());
    // the instant depends on the daemons' start-up, drawn per seed (the ucarp profile's process times)
    assertTrue(r.out().contains("s  fw2              log  warning: [WARNING] Bad digest - md2=["), r.out());
    assertTrue(r.out().contains("- Check vhid, password and virtual IP address"), r.out());
    JsonNode j = new ObjectMapper().readTree(carpsim("run", "--json", f.toString()).out());
    JsonNode first = j.get("logs").get(0);
    assertTrue(first.get("host").asText().matches("fw[12]"), first.toString());
    assertEquals(4, first.get("level").asInt(), "syslog warning");
    assertEquals("[WARNING] Switching to state: BACKUP", first.get("text").asText());
    assertTrue(j.toString().contains("Bad digest"));
    assertFalse(j.toString().contains("s3cret") || j.toString().contains("n0tS3cret"), "no passphrase");
  }

  /** Clients that send traffic: the run prints what their packets met and the verdict names the longest outage. */
  @Test
  void trafficClientsShowTheirOutage() throws Exception {
    Path f = scenario("t.carp", "expect outage lan 172.16.0.100 <= 4s");
    Files.writeString(f, Files.readString(f).replace("run 15s",
        "clients lan 10 from 172.16.0.0/25 send 172.16.0.100 every 100ms\nrun 15s"));
    CliResult r = carpsim("run", f.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("traffic to 172.16.0.100 on lan: 10 clients, "), r.out());
    // a bow-out: fw2 takes over at once, so a client loses at most the packet in flight at 10 s
    assertTrue(r.out().contains("PASS  line 16: expect outage lan 172.16.0.100 <= 4s"), r.out());
    JsonNode j = new ObjectMapper().readTree(carpsim("run", "--json", f.toString()).out());
    assertEquals(10, j.get("traffic").get(0).get("clients").asInt());
    assertEquals(j.get("traffic").get(0).get("sent").asLong(), j.get("traffic").get(0).get("served").asLong()
        + j.get("traffic").get(0).get("lost").asLong() + j.get("traffic").get(0).get("twice").asLong());
  }
}
