package org.carpsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.tester.ConformancePlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a conformance run, and its JSON. */
class ConformanceReportTest {

  static final ConformancePlan PLAN = new ConformancePlan(Profiles.byName("ucarp"), 7, "hunter22",
      List.of(Ipv4Address.parse("10.0.0.7")), 1, 0, false, List.of("A1", "A3", "B4", "C3", "D1"));

  /** Results in the shapes the runner writes them (ObservationCases, ConformanceRunner). */
  static final List<CaseResult> RESULTS = List.of(
      new CaseResult("A1", "advertisement fields", Verdict.PASS, "12 advertisements as expected", "version 2 type 1",
          "exact", ""),
      new CaseResult("A3", "advertisement interval (median)", Verdict.PASS,
          "1.0021 s (n=11, min 0.9990 s, max 1.0050 s)", "1.0000 s", "20 ms", ""),
      new CaseResult("B4", "master-down takeover", Verdict.FAIL, "3.4000 s from the last valid advertisement",
          "3.0000 s (profile ucarp master-down)", "-10 ms/+60 ms (incl. the profile's 0.0100 s receive tick)",
          "the IUT printed hunter22"),
      new CaseResult("C3", "bad checksum ignored", Verdict.PASS, "no takeover", "no takeover", "exact", ""),
      new CaseResult("D1", "ARP timing", Verdict.SKIP, "-", "-", "exact", "not implemented yet"));

  @Test
  void timingsAreReadFromTheCasesTexts() {
    List<ConformanceCharts.Timing> t = ConformanceCharts.timings(RESULTS);
    assertEquals(List.of("A3", "B4"), t.stream().map(x -> x.result().id()).toList());
    assertEquals(1002.1, t.get(0).measuredMs(), 1e-9);
    assertEquals(1000.0, t.get(0).expectedMs(), 1e-9);
    assertEquals(20.0, t.get(0).belowMs(), 1e-9);
    assertEquals(20.0, t.get(0).aboveMs(), 1e-9);
    assertEquals(400.0, t.get(1).deviationMs(), 1e-6);
    assertEquals(10.0, t.get(1).belowMs(), 1e-9);
    assertEquals(60.0, t.get(1).aboveMs(), 1e-9);
    assertEquals(Optional.of(3.5), ConformanceCharts.millis("3500us later"));
    assertEquals(Optional.empty(), ConformanceCharts.millis("no takeover"));
  }

  @Test
  void theReportShowsEveryCaseAndChartsTheTimings(@TempDir Path dir) throws Exception {
    Path page = ConformanceReport.write(PLAN, "eth0", RESULTS, Optional.of("iut.pcap"), dir);
    String html = Files.readString(page);
    String text = ReportChecks.text(ReportChecks.assertSelfContained(html));
    assertFalse(html.contains("hunter22"), "the passphrase, even quoted in a note");
    assertTrue(text.contains("tested on eth0"), text);
    assertTrue(text.contains("capture iut.pcap"), text);
    assertTrue(text.contains("3 passed, 1 failed, 1 skipped of 5 cases"), text);
    assertTrue(text.contains("the IUT printed ********"), text);
    BufferedImage chart = ReportChecks.decode(Files.readAllBytes(dir.resolve("conformance-timing.png")));
    assertEquals(ConformanceCharts.WIDTH, chart.getWidth());
    assertTrue(ReportChecks.pixelsOf(chart, Palette.MASTER) > 50, "A3's green dot");
    assertTrue(ReportChecks.pixelsOf(chart, Palette.FAIL) > 50, "B4's red square");
    assertTrue(ReportChecks.colours(chart, 16) >= 16);
  }

  /**
   * A real capture (ucarp-failover.pcap, see its README): the page draws who advertised when, as a
   * simulated run's report does. Per the README, h1 (10.99.0.11) was master until SIGKILL at 35.079 s,
   * h2 (10.99.0.12) became master at 39.403 s and h1 took over again at 46.502 s (capture time).
   */
  @Test
  void theCaptureIsDrawnAsTrafficOnTheWire(@TempDir Path dir) throws Exception {
    Path pcap = Path.of(ConformanceReportTest.class.getResource("/captures/ucarp-failover.pcap").toURI());
    Report report = ConformanceReport.of(ConformanceRecord.of(PLAN, "eth0", RESULTS, Optional.of(pcap.toString())));
    String text = ReportChecks.text(ReportChecks.assertSelfContained(report.html()));
    assertTrue(text.contains("On the wire"), text);
    ChartImage adverts = report.images().stream().filter(i -> i.fileName().equals("conformance-adverts.png"))
        .findFirst().orElseThrow();
    ReportChecks.assertChart(adverts);
    assertTrue(report.images().stream().anyMatch(i -> i.fileName().equals("conformance-announcements.png")));

    // The same digest, read back: two senders of vhid 1, h2 advertising only while it was master.
    TransmissionDigest digest = new TransmissionDigest(h -> true);
    long captureStart = 1_795_424_056_437_755_000L; // the README's epoch
    long first;
    try (org.carpsim.sim.pcap.PcapReader r = org.carpsim.sim.pcap.PcapReader.open(pcap)) {
      org.carpsim.sim.pcap.CaptureRecord c = r.next();
      first = c.timestampNanos();
      for (; c != null; c = r.next()) {
        digest.acceptCaptured(c.timestampNanos() - first, c.data());
      }
    }
    long offset = first - captureStart;
    List<RunRecord.AdvertSeries> series = digest.adverts();
    assertEquals(List.of("10.99.0.11", "10.99.0.12"), series.stream().map(RunRecord.AdvertSeries::host).toList());
    assertTrue(series.stream().allMatch(a -> a.vhid() == 1));
    List<Long> h1 = series.get(0).times();
    List<Long> h2 = series.get(1).times();
    long h2First = h2.get(0) + offset;
    assertTrue(Math.abs(h2First - 39_403_000_000L) < 100_000_000L, () -> "h2 takes over at " + h2First);
    // h1's own advertisements make h2 yield within a second of h1's takeover at 46.502 s.
    assertTrue(h2.get(h2.size() - 1) + offset < 47_502_000_000L, "h2 stops once h1 is back");
    assertTrue(h1.stream().map(t -> t + offset).noneMatch(t -> t > 35_100_000_000L && t < 45_453_000_000L),
        "h1 is silent from its SIGKILL to its restart");
    assertTrue(h2.size() >= 6 && h2.size() <= 9, () -> "about one a second for 7 s: " + h2.size());
  }

  @Test
  void theJsonRoundTripsWithoutThePassphrase() {
    ConformanceRecord r = ConformanceRecord.of(PLAN, "eth0", RESULTS, Optional.empty());
    String json = ConformanceJson.write(r);
    assertFalse(json.contains("hunter22"));
    assertTrue(json.startsWith("{\"format\":\"carpsim-conformance/1\",\"passed\":false,\"profile\":\"ucarp\","), json);
    ConformanceRecord back = ConformanceJson.read(json, "c.json");
    assertEquals(r, back);
    assertEquals(ConformanceReport.of(r).html(), ConformanceReport.of(back).html());
  }

  @Test
  void badConformanceJsonIsNamed() {
    ReportException e = assertThrows(ReportException.class, () -> ConformanceJson.read(
        "{\"format\":\"carpsim-conformance/1\",\"profile\":\"ucarp\",\"vhid\":1,\"vips\":[],"
            + "\"cases\":[{\"id\":\"A1\",\"title\":\"t\",\"verdict\":\"MAYBE\",\"measured\":\"\",\"expected\":\"\"}]}",
        "c.json"));
    assertEquals("c.json, case 1: verdict 'MAYBE' is none of PASS, FAIL, SKIP", e.getMessage());
    assertThrows(ReportException.class, () -> ConformanceJson.read("{\"format\":\"other\"}", "c.json"));
    assertThrows(ReportException.class, () -> ConformanceJson.read("{", "c.json"));
  }

  @Test
  void withoutTimingCasesThereIsNoChartButANote() {
    Report r = ConformanceReport.of(ConformanceRecord.of(PLAN, "eth0", RESULTS.subList(3, 5), Optional.empty()));
    assertTrue(r.images().isEmpty());
    assertTrue(r.html().contains("No timing case"));
  }
}
