package org.carpsim.reports;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carpsim.scenario.sweep.CaseResult;
import org.carpsim.scenario.sweep.CombinationSummary;
import org.carpsim.scenario.sweep.SweepResult;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.ClusteredXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The charts of a sweep: failover times (histogram and CDF), time with two masters, ARP shares. */
public final class SweepCharts {

  static final int WIDTH = 1000;
  static final int HEIGHT = 380;
  static final int BINS = 30;
  private static final double NS = 1e9;

  static {
    Headless.ensure();
  }

  private SweepCharts() {}

  /** {@code a=1 b=2}, or {@code as written} for a sweep without knobs. */
  static String label(Map<String, String> settings) {
    if (settings.isEmpty()) {
      return "as written";
    }
    List<String> parts = new ArrayList<>();
    settings.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(" ", parts);
  }

  /** Every failover of every run of each combination, in seconds. */
  static List<double[]> failovers(SweepResult r) {
    List<double[]> out = new ArrayList<>();
    for (int c = 0; c < r.combinationCount(); c++) {
      List<Double> v = new ArrayList<>();
      for (CaseResult x : r.cases()) {
        if (x.combination() == c) {
          x.failovers().forEach(f -> v.add(f / NS));
        }
      }
      out.add(v.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return out;
  }

  /** Per run, the time with two masters, in seconds, per combination. */
  static List<double[]> splitBrain(SweepResult r) {
    return perRun(r, CaseResult::splitBrainNanos);
  }

  /** One figure of each run, in seconds, a series per combination. */
  private static List<double[]> perRun(SweepResult r, java.util.function.ToLongFunction<CaseResult> nanos) {
    List<double[]> out = new ArrayList<>();
    for (int c = 0; c < r.combinationCount(); c++) {
      int index = c;
      out.add(r.cases().stream().filter(x -> x.combination() == index).mapToDouble(x -> nanos.applyAsLong(x) / NS)
          .toArray());
    }
    return out;
  }

  /** Per run, the time with two or more ARP replies, in seconds, per combination. */
  static List<double[]> multipleReplies(SweepResult r) {
    return perRun(r, CaseResult::multipleReplyNanos);
  }

  /** A histogram of the failover times, a series per combination (bars side by side within a bin). */
  public static JFreeChart failoverHistogram(SweepResult r) {
    List<double[]> values = failovers(r);
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (double[] v : values) {
      for (double x : v) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
    if (max <= min) { // one value only: give its bar some width
      double pad = Math.max(1e-3, Math.abs(min) * 0.01);
      min -= pad;
      max += pad;
    }
    HistogramDataset data = new HistogramDataset();
    List<String> labels = labels(r);
    for (int c = 0; c < values.size(); c++) {
      if (values.get(c).length > 0) {
        data.addSeries(labels.get(c), values.get(c), BINS, min, max);
      }
    }
    XYBarRenderer renderer = new ClusteredXYBarRenderer(0.05, false);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    int s = 0;
    for (int c = 0; c < values.size(); c++) {
      if (values.get(c).length > 0) {
        renderer.setSeriesPaint(s++, Palette.series(c));
      }
    }
    NumberAxis y = ChartStyle.numberAxis("failovers");
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis x = ChartStyle.numberAxis("failover time (s): no master until a new one");
    x.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    return ChartStyle.chart("Failover time, " + BINS + " bins", plot, true);
  }

  /** The cumulative distribution of the failover times, a step line per combination. */
  public static JFreeChart failoverCdf(SweepResult r) {
    return cdf(failovers(r), labels(r), "failover time (s)", "Failover time: share of failovers at or below");
  }

  /** The cumulative distribution over runs of the time with two masters. */
  public static JFreeChart splitBrainCdf(SweepResult r) {
    return cdf(splitBrain(r), labels(r), "time with two masters in a run (s)",
        "Time with two masters: share of runs at or below");
  }

  /** The cumulative distribution over runs of the time with two ARP replies. */
  /** Per run with traffic clients, the longest outage any of them saw. */
  static List<double[]> outages(SweepResult r) {
    List<double[]> out = new ArrayList<>();
    for (double[] runs : perRun(r, CaseResult::longestOutageNanos)) {
      out.add(java.util.Arrays.stream(runs).filter(x -> x >= 0).toArray());
    }
    return out;
  }

  /** The cumulative distribution over runs of the longest client outage. */
  public static JFreeChart outageCdf(SweepResult r) {
    return cdf(outages(r), labels(r), "longest client outage in a run (s)",
        "Outage: share of runs whose longest client outage was at or below");
  }

  public static JFreeChart multipleRepliesCdf(SweepResult r) {
    return cdf(multipleReplies(r), labels(r), "time with two ARP replies in a run (s)",
        "Time with two ARP replies: share of runs at or below");
  }

  /** A step chart per series of the share of values at or below each value. */
  static JFreeChart cdf(List<double[]> values, List<String> labels, String xLabel, String title) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYStepRenderer renderer = new XYStepRenderer();
    int s = 0;
    for (int c = 0; c < values.size(); c++) {
      double[] v = values.get(c).clone();
      if (v.length == 0) {
        continue;
      }
      java.util.Arrays.sort(v);
      // a step from 0 at the smallest value, then one point per distinct value (the share at or below it)
      XYSeries series = new XYSeries(labels.get(c), false, true);
      series.add(v[0], 0.0);
      for (int i = 0; i < v.length; i++) {
        if (i == v.length - 1 || v[i + 1] != v[i]) {
          series.add(v[i], (i + 1) * 100.0 / v.length);
        }
      }
      data.addSeries(series);
      renderer.setSeriesPaint(s, Palette.series(c));
      // the first series is drawn last, on top: each later one is wider, so lines that coincide (two
      // combinations with the same figures) show every colour
      renderer.setSeriesStroke(s, new java.awt.BasicStroke(2f + 2.5f * s));
      renderer.setSeriesShapesVisible(s, false);
      s++;
    }
    NumberAxis y = ChartStyle.numberAxis("%");
    y.setRange(-2, 103); // 0 % and 100 % lines clear of the axes
    NumberAxis x = ChartStyle.numberAxis(xLabel);
    x.setAutoRangeIncludesZero(true);
    x.setAutoRangeStickyZero(false); // values of 0 s stand off the y axis, not hidden in it
    x.setLowerMargin(0.03);
    x.setUpperMargin(0.05);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    return ChartStyle.chart(title, plot, true);
  }

  /** Each host's mean ARP share per combination, with its standard deviation over runs as error bars. */
  public static JFreeChart arpShares(SweepResult r) {
    DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
    List<CombinationSummary> summaries = r.summaries();
    List<String> labels = labels(r);
    for (CombinationSummary s : summaries) {
      s.arpShares().forEach((host, share) -> data.add(share.meanPercent(), share.stddevPercent(),
          labels.get(s.combination()), host));
    }
    StatisticalBarRenderer renderer = new StatisticalBarRenderer();
    renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setErrorIndicatorPaint(Color.BLACK);
    for (int i = 0; i < summaries.size(); i++) {
      renderer.setSeriesPaint(i, Palette.series(i));
    }
    CategoryAxis x = new CategoryAxis("host");
    ChartStyle.style(x);
    NumberAxis y = ChartStyle.numberAxis("share of ARP requests answered (%)");
    y.setRange(0, 105);
    CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
    return ChartStyle.chart("ARP share per host: mean over runs, bars show ± one standard deviation", plot, true);
  }

  static List<String> labels(SweepResult r) {
    List<String> out = new ArrayList<>();
    for (int c = 0; c < r.combinationCount(); c++) {
      out.add(label(r.settings(c)));
    }
    return out;
  }

}
