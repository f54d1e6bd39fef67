package org.carpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.live.Netns;
import org.carpsim.conformance.tester.ConformancePlan;
import org.carpsim.sim.pcap.CaptureRecord;
import org.carpsim.sim.pcap.PcapReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carpsim conformance}: option checking, dry run, exit status and --junit, all without a NIC. */
class ConformanceCommandTest {

  private static final String[] BASE = {"conformance", "--iface", "eth0", "--vhid", "7", "--pass", "hunter2",
      "--vip", "10.99.0.100", "--profile", "ucarp", "--advskew", "100"};

  private static CliResult run(String... extra) {
    String[] args = new String[BASE.length + extra.length];
    System.arraycopy(BASE, 0, args, 0, BASE.length);
    System.arraycopy(extra, 0, args, BASE.length, extra.length);
    return CliResult.carpsim(args);
  }

  @Test
  void badInputExitsTwoNamingTheOptionWithoutThePass() {
    CliResult vhid = CliResult.carpsim("conformance", "--iface", "eth0", "--vhid", "300", "--pass", "hunter2",
        "--vip", "10.99.0.100", "--profile", "ucarp", "--dry-run");
    assertEquals(2, vhid.exit());
    assertTrue(vhid.err().contains("--vhid 300 is out of range 1..255"), vhid.err());
    CliResult cases = run("--cases", "A1,Q7", "--dry-run");
    assertEquals(2, cases.exit());
    assertTrue(cases.err().contains("unknown case 'Q7'"), cases.err());
    CliResult any = CliResult.carpsim("conformance", "--iface", "any", "--vhid", "1", "--pass", "hunter2",
        "--vip", "10.99.0.100", "--profile", "ucarp");
    assertEquals(2, any.exit());
    assertTrue(any.err().contains("--iface any is refused"), any.err());
    CliResult vip = run("--vip", "10.99.0.300", "--dry-run");
    assertEquals(2, vip.exit());
    assertTrue(vip.err().contains("--vip '10.99.0.300'"), vip.err());
    for (CliResult r : List.of(vhid, cases, any, vip)) {
      assertFalse((r.out() + r.err()).contains("hunter2"));
      assertFalse(r.err().contains("Exception"), r.err());
    }
  }

  @Test
  void dryRunPrintsTheFramesPerCaseAndSendsNothing() {
    CliResult r = run("--cases", "A3,B4,C5,D1", "--dry-run");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.lines();
    assertTrue(lines.get(0).contains("nothing is sent") && lines.get(0).contains("vhid 7 only"), r.out());
    assertTrue(lines.get(1).startsWith("A3 ") && lines.get(1).contains("observe only"), r.out());
    assertTrue(lines.get(2).startsWith("B4 ") && lines.get(2).contains("vhid 7 advbase 1 advskew 0")
        && lines.get(2).contains("TTL 255") && lines.get(2).contains("224.0.0.18"), r.out());
    assertTrue(lines.get(3).startsWith("C5 ") && lines.get(3).contains("HMAC of another passphrase"), r.out());
    assertTrue(lines.get(4).startsWith("D1 ") && lines.get(4).contains("a bow-out"), r.out());
    assertTrue(lines.get(5).startsWith("on exit: a bow-out") && lines.get(5).contains("advbase 255 advskew 255"), r.out());
    assertFalse(r.out().contains("hunter2"));
  }

  @Test
  void helpStatesTheSafetyRules() {
    CliResult r = CliResult.carpsim("conformance", "--help");
    String help = r.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("never 'any'") && help.contains("at most 10 frames/s")
        && help.contains("stops advertising so the IUT reconverges") && help.contains("--dry-run")
        && help.contains("on Ctrl-C") && help.contains("bows out (advbase 255 advskew 255)")
        && help.contains("C4 alone sends vhid+1"), r.out());
  }

  @Test
  void reportExitsOneOnAFailureZeroWithSkipsAndWritesJunit(@TempDir Path dir) throws Exception {
    ConformanceCommand cmd = new ConformanceCommand();
    cmd.junit = dir.resolve("r.xml");
    ConformancePlan plan = new ConformancePlan(Profiles.UCARP, 1, "hunter2",
        List.of(org.carpsim.carp.net.Ipv4Address.parse("10.99.0.100")), 1, 100, false, List.of("A1", "A3", "D1"));
    CaseResult pass = new CaseResult("A1", "advertisement format", Verdict.PASS, "11 ok", "proto 112", "exact", "");
    CaseResult skip = new CaseResult("D1", "gratuitous ARP", Verdict.SKIP, "-", "-", "exact", "not implemented yet");
    CaseResult fail = new CaseResult("A3", "interval", Verdict.FAIL, "1.3 s", "1.195 s", "20 ms", "");
    StringWriter out = new StringWriter();
    PrintWriter pw = new PrintWriter(out);
    assertEquals(0, cmd.report(plan, List.of(pass, skip), pw, pw));
    assertTrue(out.toString().contains("A1  PASS  advertisement format  measured 11 ok  expected proto 112  tolerance exact"),
        out.toString());
    assertEquals(1, cmd.report(plan, List.of(pass, fail, skip), pw, pw));
    String xml = Files.readString(cmd.junit);
    assertEquals(3, xml.split("<testcase ", -1).length - 1, xml);
    assertTrue(xml.contains("<skipped message=\"not implemented yet\"/>") && xml.contains("<failure "), xml);
  }

  /** --json and --report keep the result; `carpsim report` draws the same page again from the JSON. */
  @Test
  void theResultIsSavedAsJsonAndDrawnAsAReport(@TempDir Path dir) throws Exception {
    ConformanceCommand cmd = new ConformanceCommand();
    cmd.iface = "eth0";
    cmd.jsonFile = dir.resolve("c.json");
    cmd.reportDir = dir.resolve("report");
    ConformancePlan plan = new ConformancePlan(Profiles.UCARP, 1, "hunter2",
        List.of(org.carpsim.carp.net.Ipv4Address.parse("10.99.0.100")), 1, 100, false, List.of("A3", "B4"));
    List<CaseResult> results = List.of(
        new CaseResult("A3", "interval", Verdict.PASS, "1.3916 s", "1.3906 s", "20 ms", ""),
        new CaseResult("B4", "takeover", Verdict.FAIL, "6.2 s", "4.170 s", "-50 ms/+1050 ms", ""));
    StringWriter out = new StringWriter();
    PrintWriter pw = new PrintWriter(out);
    assertEquals(1, cmd.report(plan, results, pw, pw));
    String json = Files.readString(cmd.jsonFile);
    assertTrue(json.contains("\"format\":\"carpsim-conformance/1\"") && json.contains("\"B4\""), json);
    assertFalse(json.contains("hunter2"), "the pass is never written");
    String html = Files.readString(cmd.reportDir.resolve("index.html"));
    assertTrue(html.contains("B4") && html.contains("4.170 s"), "the report lists the cases");
    assertFalse(html.contains("hunter2"), "the pass is never written");
    assertTrue(out.toString().contains("report: " + cmd.reportDir.resolve("index.html")), out.toString());

    Path again = dir.resolve("again");
    CliResult r = CliResult.carpsim("report", cmd.jsonFile.toString(), "-o", again.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(html, Files.readString(again.resolve("index.html")));
  }

  /**
   * The command end to end against a real ucarp (advskew 100) in a namespace lab, run in-process on
   * a thread that joined the tester's namespace. First B6 and E1 (catalogue order: E1 starts
   * carpsim's live node on the same NIC through the command's node starter); the pcap holds the
   * node's frames as well as the tester's. Then B6 alone, which leaves the tester as master: the
   * run must end with a bow-out, the last frame the tester sent.
   */
  @Test
  @Tag("live")
  void runsAgainstUcarpWithItsOwnNodeAndEndsWithABowOut(@TempDir Path dir) throws Exception {
    Path pcap = dir.resolve("run.pcap");
    Path junitFile = dir.resolve("run.xml");
    try (NodeProcessLiveTest.Lab lab = new NodeProcessLiveTest.Lab()) {
      lab.start("n", List.of("ucarp", "--interface=eth0", "--srcip=10.99.0.11", "--vhid=1", "--pass=secret",
          "--addr=10.99.0.100", "--advbase=1", "--advskew=100", "--upscript=/bin/true", "--downscript=/bin/true"));
      CliResult r = conformanceIn(lab, "B6,E1", pcap, junitFile);
      assertEquals(0, r.exit(), r.out() + r.err());
      assertTrue(r.out().contains("E1  PASS") && r.out().contains("B6  PASS"), r.out());
      assertTrue(r.out().contains("injection-to-capture latency: min "), r.out());
      assertFalse(r.out().contains("secret"), "the pass is never printed");
      assertTrue(Files.readString(junitFile).contains("tests=\"2\" failures=\"0\""), Files.readString(junitFile));
      assertTrue(testerAds(pcap, true).size() >= 3, "our node's advertisements are in the pcap");
      assertTrue(testerAds(pcap, false).size() >= 5, "the tester's advertisements are in the pcap");

      CliResult end = conformanceIn(lab, "B6", pcap, junitFile);
      assertEquals(0, end.exit(), end.out() + end.err());
      assertTrue(end.out().contains("bowed out (advbase 255 advskew 255)"), end.out());
      List<CarpAdvertisement> tester = testerAds(pcap, false);
      CarpAdvertisement last = tester.get(tester.size() - 1);
      assertEquals(255, last.advbase(), "the tester's last frame is a bow-out");
      assertEquals(255, last.advskew(), "the tester's last frame is a bow-out");
    }
  }

  private static CliResult conformanceIn(NodeProcessLiveTest.Lab lab, String cases, Path pcap, Path junitFile) {
    CliResult r = Netns.call(lab.ns("t"), () -> CliResult.carpsim("conformance", "--iface", "eth0", "--vhid", "1",
        "--pass", "secret", "--vip", "10.99.0.100", "--profile", "ucarp", "--advskew", "100", "--cases", cases,
        "--pcap", pcap.toString(), "--junit", junitFile.toString()));
    System.out.println(r.out());
    return r;
  }

  /** Advertisements from the tester's address 10.99.0.12: its own ({@code node} false) or its node's (virtual MAC). */
  private static List<CarpAdvertisement> testerAds(Path pcap, boolean node) throws Exception {
    List<CarpAdvertisement> out = new ArrayList<>();
    try (PcapReader reader = PcapReader.open(pcap)) {
      for (CaptureRecord c = reader.next(); c != null; c = reader.next()) {
        if (Frames.decode(c.data()) instanceof EthernetFrame ef && ef.payload() instanceof Ipv4Packet ip
            && ip.payload() instanceof CarpAdvertisement ad && ip.header().source().toString().equals("10.99.0.12")
            && ef.header().source().equals(MacAddress.carpVirtual(1)) == node) {
          out.add(ad);
        }
      }
    }
    return out;
  }

  private static CliResult openbsd(String vips, String... extra) {
    List<String> args = new ArrayList<>(List.of("conformance", "--iface", "eth0", "--vhid", "7", "--pass", "hunter2",
        "--vip", vips, "--profile", "openbsd", "--advskew", "100"));
    args.addAll(List.of(extra));
    return CliResult.carpsim(args.toArray(String[]::new));
  }

  @Test
  void anIpv6VipMakesAnIpv6OnlyGroupWhoseDryRunShowsIpv6Frames() {
    CliResult r = openbsd("fd99::100/64", "--cases", "A1,B1,D3", "--dry-run");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.lines();
    assertTrue(lines.get(0).contains("IPv6-only group"), r.out());
    assertTrue(lines.get(2).startsWith("B1 ") && lines.get(2).contains("fe80::ff:fe00:1 > ff02::12 hop limit 255")
        && lines.get(2).contains("advbase 1 advskew 0"), r.out());
    assertTrue(lines.get(3).startsWith("D3 ") && lines.get(3).contains("> ff02::12 hop limit 255")
        && lines.get(3).contains("NS who-has fd99::100") && lines.get(3).contains("33:33:ff:00:01:00"), r.out());
    assertTrue(lines.get(4).startsWith("on exit: a bow-out") && lines.get(4).contains("ff02::12"), r.out());
    assertTrue(r.out().contains("its link-local address stand for eth0's own"), r.out());
    assertFalse(r.out().contains("hunter2"));
  }

  @Test
  void withIpv4AndIpv6VipsTheTesterPlaysOverIpv4AndD3Solicits() {
    CliResult r = openbsd("10.99.0.100,fd99::100", "--cases", "D2,D3", "--dry-run");
    assertEquals(0, r.exit(), r.err());
    String d3 = r.lines().stream().filter(l -> l.startsWith("D3 ")).findFirst().orElseThrow();
    assertTrue(d3.contains("224.0.0.18") && d3.contains("NS who-has fd99::100"), d3);
    String d2 = r.lines().stream().filter(l -> l.startsWith("D2 ")).findFirst().orElseThrow();
    assertTrue(d2.contains("[10.99.0.100]"), d2);
  }

  @Test
  void ipv6VipsAreRefusedForUcarpAndWhenMalformed() {
    CliResult ucarp = CliResult.carpsim("conformance", "--iface", "eth0", "--vhid", "7", "--pass", "hunter2", "--vip",
        "fd99::100", "--profile", "ucarp", "--dry-run");
    assertEquals(2, ucarp.exit());
    assertTrue(ucarp.err().contains("profile ucarp is IPv4-only"), ucarp.err());
    assertFalse(ucarp.err().contains("hunter2"), ucarp.err());
    CliResult bad = openbsd("fd99::zz", "--dry-run");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("--vip 'fd99::zz': bad IPv6 address"), bad.err());
    CliResult linkLocal = openbsd("fe80::1", "--dry-run");
    assertEquals(2, linkLocal.exit());
    assertTrue(linkLocal.err().contains("global or unique-local"), linkLocal.err());
  }

  @Test
  void helpDescribesD3AndTheIpv6OnlyGroup() {
    String help = CliResult.carpsim("conformance", "--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("D3 (an IPv6 --vip)") && help.contains("IPv6-only") && help.contains("neighbour solicitations"),
        help);
  }

  private static CliResult simulate(String... extra) {
    List<String> args = new ArrayList<>(List.of("conformance", "--simulate", "--vhid", "1", "--pass", "hunter2",
        "--vip", "10.99.0.100"));
    args.addAll(List.of(extra));
    return CliResult.carpsim(args.toArray(String[]::new));
  }

  /** --simulate: the whole catalogue against our own node in virtual time, no NIC, the same table and files. */
  @Test
  void simulateRunsTheWholeCatalogueWithoutANicAndKeepsTheResult(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("s.json");
    Path pcapFile = dir.resolve("s.pcap");
    Path xml = dir.resolve("s.xml");
    long wall = System.nanoTime();
    CliResult r = simulate("--profile", "ucarp", "--advskew", "100", "--json", json.toString(), "--pcap",
        pcapFile.toString(), "--junit", xml.toString());
    wall = System.nanoTime() - wall;
    assertEquals(0, r.exit(), r.out() + r.err());
    for (String id : ConformancePlan.CATALOGUE) {
      String verdict = List.of("B5", "B8", "D3").contains(id) ? "SKIP" : "PASS";
      assertTrue(r.lines().stream().anyMatch(l -> l.startsWith(String.format("%-3s %-4s  ", id, verdict))),
          id + " " + verdict + " in\n" + r.out());
    }
    assertTrue(r.out().contains("injection-to-capture latency: min 40.0 µs"), r.out());
    assertTrue(wall < 20_000_000_000L, "about 150 s of virtual time took " + wall / 1e9 + " s");
    String saved = Files.readString(json);
    assertTrue(saved.contains("\"iface\":\"simulated:eth0\"") && saved.contains("\"E1\""), saved);
    assertTrue(Files.readString(xml).contains("tests=\"27\" failures=\"0\""), Files.readString(xml));
    assertTrue(testerAds(pcapFile, true).size() >= 3, "E1's node advertised from the tester's address");
    assertTrue(testerAds(pcapFile, false).size() >= 20, "the tester's own advertisements are in the pcap");
    for (String text : List.of(r.out(), r.err(), saved, Files.readString(xml))) {
      assertFalse(text.contains("hunter2"), "the pass is never shown or written");
    }
  }

  @Test
  void simulateExcludesIfaceAndOneOfThemIsNeeded() {
    CliResult both = simulate("--profile", "openbsd", "--iface", "eth0");
    assertEquals(2, both.exit());
    assertTrue(both.err().contains("--simulate and --iface exclude each other"), both.err());
    CliResult neither = CliResult.carpsim("conformance", "--vhid", "7", "--pass", "hunter2", "--vip", "10.99.0.100",
        "--profile", "openbsd");
    assertEquals(2, neither.exit());
    assertTrue(neither.err().contains("give --iface IF") && neither.err().contains("--simulate"), neither.err());
    CliResult twoVips = CliResult.carpsim("conformance", "--simulate", "--vhid", "7", "--pass", "hunter2", "--vip",
        "10.99.0.100,10.99.0.101", "--profile", "openbsd");
    assertEquals(2, twoVips.exit());
    assertTrue(twoVips.err().contains("one VIP per family"), twoVips.err());
    for (CliResult r : List.of(both, neither, twoVips)) {
      assertFalse((r.out() + r.err()).contains("hunter2"));
    }
  }

  /** A simulated IPv6-only group: the node with an IPv6 VIP, D3 judged, D1/D2 skipped for want of an IPv4 VIP. */
  @Test
  void simulateAnIpv6OnlyGroupJudgesD3() {
    CliResult r = CliResult.carpsim("conformance", "--simulate", "--vhid", "7", "--pass", "hunter2", "--vip",
        "fd99::100", "--profile", "openbsd", "--advskew", "100", "--cases", "A1,B4,D1,D3");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("A1  PASS") && r.out().contains("B4  PASS") && r.out().contains("D3  PASS")
        && r.out().contains("D1  SKIP"), r.out());
  }

  @Test
  void helpShowsSimulate() {
    String help = CliResult.carpsim("conformance", "--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("--simulate") && help.contains("no root") && help.contains("virtual time"), help);
  }
}
