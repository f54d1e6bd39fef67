package org.carpsim.reports;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.Verdict;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.YIntervalRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** The chart of a conformance run: each timing case's measured value against its expected one. */
public final class ConformanceCharts {

  static final int WIDTH = 1000;
  static final int HEIGHT = 400;

  /** A duration at the start of a text: {@code 1.1964 s}, {@code 20 ms}, {@code 3.5s}. */
  private static final Pattern DURATION = Pattern.compile("^\\s*([-+]?\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s)\\b");
  /** An asymmetric tolerance: {@code -10 ms/+60 ms}. */
  private static final Pattern ASYMMETRIC = Pattern.compile("^\\s*-\\s*(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s)\\s*/\\s*\\+\\s*(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s)");

  static {
    Headless.ensure();
  }

  private ConformanceCharts() {}

  /**
   * A timing case: what was measured and expected, and the accepted band around the expected value,
   * all in milliseconds.
   */
  public record Timing(CaseResult result, double measuredMs, double expectedMs, double belowMs, double aboveMs) {

    /** Measured minus expected. */
    public double deviationMs() {
      return measuredMs - expectedMs;
    }
  }

  /** The case as a timing, when both its measured and expected values start with a duration. */
  public static Optional<Timing> timing(CaseResult c) {
    Optional<Double> measured = millis(c.measured());
    Optional<Double> expected = millis(c.expected());
    if (measured.isEmpty() || expected.isEmpty()) {
      return Optional.empty();
    }
    double below = 0;
    double above = 0;
    Matcher a = ASYMMETRIC.matcher(c.tolerance());
    if (a.find()) {
      below = toMs(Double.parseDouble(a.group(1)), a.group(2));
      above = toMs(Double.parseDouble(a.group(3)), a.group(4));
    } else {
      Optional<Double> t = millis(c.tolerance());
      if (t.isPresent()) {
        below = Math.abs(t.get());
        above = Math.abs(t.get());
      }
    }
    return Optional.of(new Timing(c, measured.get(), expected.get(), below, above));
  }

  /** The leading duration of {@code text} in milliseconds. */
  static Optional<Double> millis(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(toMs(Double.parseDouble(m.group(1)), m.group(2)));
  }

  private static double toMs(double v, String unit) {
    return switch (unit) {
      case "ns" -> v / 1e6;
      case "us", "µs" -> v / 1e3;
      case "ms" -> v;
      default -> v * 1e3;
    };
  }

  /** Every timing case of {@code cases}, in order. */
  public static List<Timing> timings(List<CaseResult> cases) {
    List<Timing> out = new ArrayList<>();
    for (CaseResult c : cases) {
      if (c.verdict() != Verdict.SKIP) {
        timing(c).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * Per timing case, measured minus expected (ms): a dot, green when the case passed and red when it
   * failed, over the accepted band drawn as a grey bar.
   */
  public static JFreeChart deviations(List<Timing> timings) {
    YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
    YIntervalSeries band = new YIntervalSeries("accepted band");
    XYSeries pass = new XYSeries("measured - expected, PASS", false, true);
    XYSeries fail = new XYSeries("measured - expected, FAIL", false, true);
    String[] names = new String[timings.size()];
    double extent = 1;
    for (int i = 0; i < timings.size(); i++) {
      Timing t = timings.get(i);
      names[i] = t.result().id();
      band.add(i, 0, -t.belowMs(), t.aboveMs());
      (t.result().verdict() == Verdict.PASS ? pass : fail).add(i, t.deviationMs());
      extent = Math.max(extent, Math.max(Math.abs(t.deviationMs()), Math.max(t.belowMs(), t.aboveMs())));
    }
    bands.addSeries(band);
    XYSeriesCollection points = new XYSeriesCollection();
    points.addSeries(pass);
    points.addSeries(fail);

    SymbolAxis x = new SymbolAxis("case", names.length == 0 ? new String[] {""} : names);
    ChartStyle.style(x);
    x.setGridBandsVisible(false);
    x.setRange(-0.6, Math.max(0, names.length - 1) + 0.6);
    NumberAxis y = ChartStyle.numberAxis("measured - expected (ms)");
    y.setRange(-extent * 1.15, extent * 1.15);
    YIntervalRenderer bandRenderer = new YIntervalRenderer();
    bandRenderer.setSeriesPaint(0, Palette.INIT);
    bandRenderer.setSeriesStroke(0, new BasicStroke(10f));
    XYPlot plot = new XYPlot(bands, x, y, bandRenderer);
    XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
    dots.setSeriesPaint(0, Palette.MASTER);
    dots.setSeriesPaint(1, Palette.FAIL);
    dots.setSeriesShape(0, new Ellipse2D.Double(-6, -6, 12, 12));
    dots.setSeriesShape(1, new java.awt.Rectangle(-6, -6, 12, 12));
    plot.setDataset(1, points);
    plot.setRenderer(1, dots);
    plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
    plot.addRangeMarker(new ValueMarker(0, java.awt.Color.DARK_GRAY, new BasicStroke(1f)));
    return ChartStyle.chart("Timing cases: measured against expected", plot, true);
  }
}
