package org.carpsim.reports;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.scenario.sweep.CaseResult;
import org.carpsim.scenario.sweep.CombinationSummary;
import org.carpsim.scenario.sweep.Distribution;
import org.carpsim.scenario.sweep.SweepResult;
import org.jfree.chart.JFreeChart;

/** The report of a sweep: figures per combination beside the failover, two-master and ARP charts. */
public final class SweepReport {

  private SweepReport() {}

  /**
   * The report of {@code r}.
   *
   * @param scenarioText the swept scenario's file (masked here), or empty when unknown
   */
  public static Report of(SweepResult r, String scenarioText) {
    String title = "carpsim sweep: " + r.scenario();
    Html page = new Html(title);
    page.element("h1", title);
    long passed = r.cases().stream().filter(c -> c.passed()).count();
    page.element("p", "meta", r.file() + ", seeds " + r.firstSeed() + ".." + r.lastSeed() + ", "
        + r.combinationCount() + " combination" + (r.combinationCount() == 1 ? "" : "s") + ", " + r.cases().size()
        + " runs" + (r.shard().count() > 1 ? ", shard " + r.shard() : "") + ", scenario SHA-256 " + r.digest());
    page.open("p").badge(r.passed() ? "PASS" : "FAIL")
        .element("span", " every expectation held in " + passed + " of " + r.cases().size() + " runs").close("p");
    if (!r.complete()) {
      page.element("p", "note", "Partial: the sweep was stopped after " + r.cases().size() + " of "
          + r.expectedCases() + " runs; the figures are of those. carpsim sweep … --resume runs the rest.");
    }
    if (!r.knobs().isEmpty()) {
      page.paragraph("Knobs: " + String.join("; ", r.knobs().stream().map(Object::toString).toList()));
    }

    List<CombinationSummary> summaries = r.summaries();
    List<List<String>> rows = new ArrayList<>();
    for (CombinationSummary s : summaries) {
      rows.add(row(SweepCharts.label(s.settings()), "failover", s.failover(), s.runs(), s.passedRuns()));
      if (s.adTakeover().count() > 0) {
        rows.add(row(SweepCharts.label(s.settings()), "last ad → first ad", s.adTakeover(), s.runs(), s.passedRuns()));
      }
      rows.add(row(SweepCharts.label(s.settings()), "two masters per run", s.splitBrain(), s.runs(), s.passedRuns()));
      if (s.multipleReplies().max() > 0) {
        rows.add(row(SweepCharts.label(s.settings()), "two ARP replies per run", s.multipleReplies(), s.runs(),
            s.passedRuns()));
      }
      if (s.outage().count() > 0) {
        rows.add(row(SweepCharts.label(s.settings()), "longest outage per run", s.outage(), s.runs(),
            s.passedRuns()));
      }
    }
    page.element("h2", "Figures per combination");
    page.paragraph("Failover: every stretch without a master of a vhid on a segment after it had had one; "
        + "percentiles by nearest rank. Stretches that lasted to the end of a run are counted apart (unrecovered). "
        + "Last ad → first ad: the same takeovers as a capture shows them, from the last advertisement to the next "
        + "one from another host.");
    page.table(List.of("combination", "runs ", "held ", "figure", "n ", "min ", "p50 ", "p90 ", "p99 ", "max ",
        "mean "), rows);
    List<List<String>> unrecovered = new ArrayList<>();
    for (CombinationSummary s : summaries) {
      if (s.unrecovered() > 0) {
        unrecovered.add(List.of(SweepCharts.label(s.settings()), String.valueOf(s.unrecovered())));
      }
    }
    if (!unrecovered.isEmpty()) {
      page.table(List.of("combination", "unrecovered stretches "), unrecovered);
    }

    List<ChartImage> images = new ArrayList<>();
    page.element("h2", "Failover time");
    if (summaries.stream().allMatch(s -> s.failover().count() == 0)) {
      page.paragraph("No failover in any run: no stretch without a master ended before its run did.");
    } else {
      add(page, images, SweepCharts.failoverHistogram(r), "sweep-failover-histogram.png",
          r.scenario() + ": failover time histogram");
      add(page, images, SweepCharts.failoverCdf(r), "sweep-failover-cdf.png",
          r.scenario() + ": failover time, cumulative distribution");
    }
    page.element("h2", "Time with two masters");
    if (r.cases().stream().allMatch(c -> c.splitBrainNanos() == 0)) {
      page.paragraph("No run ever had two masters of a vhid on a segment.");
    } else {
      add(page, images, SweepCharts.splitBrainCdf(r), "sweep-two-masters-cdf.png",
          r.scenario() + ": time with two masters per run, cumulative distribution");
    }
    if (r.cases().stream().anyMatch(c -> c.multipleReplyNanos() > 0)) {
      page.element("h2", "Time with two ARP replies");
      page.paragraph("Per run, how long the clients' ARP requests got replies from two or more hosts (a host that "
          + "keeps the address after its ucarp daemon was killed, say).");
      add(page, images, SweepCharts.multipleRepliesCdf(r), "sweep-two-arp-replies-cdf.png",
          r.scenario() + ": time with two ARP replies per run, cumulative distribution");
    }
    if (r.cases().stream().anyMatch(c -> c.longestOutageNanos() != CaseResult.NO_TRAFFIC)) {
      page.element("h2", "Outage per run");
      page.paragraph("Per run, the longest time any client that sends to a virtual address saw its traffic go "
          + "nowhere: what users feel, whatever the hosts' states say.");
      add(page, images, SweepCharts.outageCdf(r), "sweep-outage-cdf.png",
          r.scenario() + ": longest client outage per run, cumulative distribution");
    }
    if (summaries.stream().anyMatch(s -> !s.arpShares().isEmpty())) {
      page.element("h2", "ARP share per host");
      add(page, images, SweepCharts.arpShares(r), "sweep-arp-share.png",
          r.scenario() + ": ARP share per host, mean and standard deviation over runs");
      List<List<String>> shares = new ArrayList<>();
      for (CombinationSummary s : summaries) {
        s.arpShares().forEach((h, sh) -> shares.add(List.of(SweepCharts.label(s.settings()), h,
            Format.percent(sh.meanPercent()), Format.percent(sh.stddevPercent()))));
      }
      page.table(List.of("combination", "host", "mean share ", "spread (std dev) "), shares);
    }
    List<List<String>> failures = new ArrayList<>();
    for (CombinationSummary s : summaries) {
      s.failures().forEach(f -> failures.add(List.of(SweepCharts.label(s.settings()), f.expectation(),
          String.valueOf(f.runs()))));
    }
    if (!failures.isEmpty()) {
      page.element("h2", "Expectations that failed");
      page.table(List.of("combination", "expectation", "runs "), failures);
    }
    List<List<String>> cases = new ArrayList<>();
    r.cases().stream().filter(c -> !c.passed()).limit(200).forEach(c -> cases.add(List.of(
        SweepCharts.label(r.settings(c.combination())), String.valueOf(c.seed()), "FAIL", String.join("; ", c.failed()))));
    if (!cases.isEmpty()) {
      page.details("Runs that failed (first " + cases.size() + "): rerun one with carpsim run FILE --seed N", false);
      page.table(List.of("combination", "seed ", "result", "failed"), cases);
      page.close("details");
    }
    if (!scenarioText.isEmpty()) {
      page.details("Scenario " + r.file() + " (passphrases masked)", false);
      page.pre(ScenarioText.redact(scenarioText));
      page.close("details");
    }
    return new Report("index.html", page.finish(), images);
  }

  private static List<String> row(String label, String figure, Distribution d, int runs, int held) {
    return List.of(label, String.valueOf(runs), String.valueOf(held), figure, String.valueOf(d.count()),
        Format.seconds(d.min()), Format.seconds(d.p50()), Format.seconds(d.p90()), Format.seconds(d.p99()),
        Format.seconds(d.max()), Format.seconds(d.mean()));
  }

  private static void add(Html page, List<ChartImage> images, JFreeChart chart, String file, String title) {
    ChartImage image = ChartImage.render(chart, file, title, SweepCharts.WIDTH, SweepCharts.HEIGHT);
    images.add(image);
    page.image(image);
  }
}
