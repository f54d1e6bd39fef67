package org.carpsim.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carpsim.scenario.sweep.CaseResult;
import org.carpsim.scenario.sweep.KnobValues;
import org.carpsim.scenario.sweep.SweepPlan;
import org.carpsim.scenario.sweep.SweepResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The report of a sweep: figures, failover histogram and CDF, two masters, ARP shares with spread. */
class SweepReportTest {

  private static final String TEXT = "scenario \"swept\"\n# pass hunter22 <here>\nrun 10s\n";

  /** Two combinations of 20 seeds; failovers spread by seed, a split brain in some runs, ARP shares. */
  static SweepResult sweep() {
    List<CaseResult> cases = new ArrayList<>();
    for (int combination = 0; combination < 2; combination++) {
      for (long seed = 1; seed <= 20; seed++) {
        long failover = 3_000_000_000L + combination * 500_000_000L + seed * 10_000_000L;
        boolean passed = seed % 7 != 0;
        cases.add(new CaseResult(combination, seed, passed,
            passed ? List.of() : List.of("line 9: expect failover lan vhid 1 <= 3.2s"), List.of(failover),
            0, seed % 5 == 0 ? seed * 1_000_000L : 0, 100, Map.of("fw1", 40 + seed, "fw2", 60 - seed)));
      }
    }
    return new SweepResult("swept", "swept.carp", "ab".repeat(32), 1, 20,
        List.of(KnobValues.parse("fw2.carp0.advskew=100,200")), SweepPlan.Shard.ALL, cases);
  }

  @Test
  void everyChartIsDrawnAndThePageIsSelfContained() {
    Report r = SweepReport.of(sweep(), TEXT);
    assertEquals(List.of("sweep-failover-histogram.png", "sweep-failover-cdf.png", "sweep-two-masters-cdf.png",
        "sweep-arp-share.png"), r.images().stream().map(ChartImage::fileName).toList());
    for (ChartImage c : r.images()) {
      BufferedImage image = ReportChecks.assertChart(c);
      assertTrue(ReportChecks.pixelsOf(image, Palette.series(0)) > 100, c.fileName() + ": combination 1's colour");
    }
    // the CDF and the ARP chart show the second combination too
    assertTrue(ReportChecks.pixelsOf(ReportChecks.decode(r.images().get(1).png()), Palette.series(1)) > 100);
    assertTrue(ReportChecks.pixelsOf(ReportChecks.decode(r.images().get(3).png()), Palette.series(1)) > 100);
    Document doc = ReportChecks.assertSelfContained(r.html());
    String text = ReportChecks.text(doc);
    assertTrue(text.contains("fw2.carp0.advskew=200"), "the combinations are named");
    assertTrue(text.contains("# pass ******** <here>"), "the scenario, masked and escaped");
    assertFalse(r.html().contains("hunter22"));
    assertTrue(text.contains("line 9: expect failover lan vhid 1 <= 3.2s"), "the failing expectation");
  }

  @Test
  void theFiguresTableShowsTheDistribution() {
    Report r = SweepReport.of(sweep(), "");
    // combination 0: failovers 3.01 .. 3.20 s; p50 by nearest rank is the 10th value, 3.1 s
    assertTrue(r.html().contains("<td class=\"num\">3.01s</td><td class=\"num\">3.1s</td>"), r.html());
    // ARP share of fw1 in combination 0: mean over seeds of 40+seed = 50.5%
    assertTrue(r.html().contains("<td class=\"num\">50.5%</td>"), "mean ARP share");
  }

  @Test
  void aSweepWithoutFailoversOrSplitBrainSaysSoInsteadOfDrawingEmptyCharts() {
    List<CaseResult> cases = List.of(new CaseResult(0, 1, true, List.of(), List.of(), 0, 0, 0, Map.of()));
    SweepResult quiet = new SweepResult("quiet", "q.carp", "cd".repeat(32), 1, 1, List.of(), SweepPlan.Shard.ALL, cases);
    Report r = SweepReport.of(quiet, "");
    assertTrue(r.images().isEmpty());
    String text = ReportChecks.text(ReportChecks.assertSelfContained(r.html()));
    assertTrue(text.contains("No failover in any run"), text);
    assertTrue(text.contains("No run ever had two masters"), text);
  }

  @Test
  void theSameSweepDrawsTheSameBytes() {
    Report a = SweepReport.of(sweep(), TEXT);
    Report b = SweepReport.of(sweep(), TEXT);
    assertEquals(a.html(), b.html());
    for (int i = 0; i < a.images().size(); i++) {
      assertArrayEquals(a.images().get(i).png(), b.images().get(i).png());
    }
  }
}
