package org.carpsim.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.history.TrafficCounted;
import org.carpsim.sim.history.Timed;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The charts of one run: state timeline, advertisements over time, ARP answers per address. */
public final class RunCharts {

  static final int WIDTH = 1000;
  /** Lanes drawn at most per chart: past this a chart is too tall to read (the page says what is left out). */
  static final int MAX_LANES = 40;
  private static final double NS = 1e9;
  private static final List<String> STATES = List.of("INIT", "BACKUP", "MASTER");

  static {
    Headless.ensure();
  }

  private RunCharts() {}

  /**
   * The lanes of the state timeline: one per {@code host.iface vhid N}, grouped by vhid, then host and
   * interface, so the vhosts that contend for a vhid lie next to each other.
   */
  static List<String> allLanes(RunRecord r) {
    Map<String, StateChanged> first = new LinkedHashMap<>();
    r.transitions().forEach(t -> first.putIfAbsent(RunRecord.lane(t.event()), t.event()));
    return first.values().stream()
        .sorted(Comparator.comparingInt(StateChanged::vhid).thenComparing(StateChanged::host)
            .thenComparing(StateChanged::iface))
        .map(RunRecord::lane).toList();
  }

  /** The lanes drawn: the first {@link #MAX_LANES} of {@link #allLanes}. */
  static List<String> lanes(RunRecord r) {
    List<String> all = allLanes(r);
    return all.size() > MAX_LANES ? all.subList(0, MAX_LANES) : all;
  }

  /** The advertisement series drawn, in lane order, at most {@link #MAX_LANES}. */
  static List<RunRecord.AdvertSeries> advertLanes(RunRecord r) {
    return r.adverts().stream()
        .sorted(Comparator.comparingInt(RunRecord.AdvertSeries::vhid).thenComparing(RunRecord.AdvertSeries::host)
            .thenComparing(RunRecord.AdvertSeries::nic))
        .limit(MAX_LANES).toList();
  }

  /**
   * The state timeline: a lane per vhost, coloured INIT, BACKUP, MASTER from each change to the next
   * (or the end of the run); faults (orange) and host commands (blue) as numbered dashed lines.
   */
  public static JFreeChart stateTimeline(RunRecord r) {
    List<String> lanes = lanes(r);
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    Map<String, XYIntervalSeries> byState = new LinkedHashMap<>();
    for (String s : STATES) {
      XYIntervalSeries series = new XYIntervalSeries(s, false, true);
      byState.put(s, series);
      data.addSeries(series);
    }
    double end = r.durationNanos() / NS;
    Map<String, List<Timed<StateChanged>>> byLane = new LinkedHashMap<>();
    r.transitions().forEach(t -> byLane.computeIfAbsent(RunRecord.lane(t.event()), k -> new ArrayList<>()).add(t));
    for (int lane = 0; lane < lanes.size(); lane++) {
      String name = lanes.get(lane);
      List<Timed<StateChanged>> changes = byLane.getOrDefault(name, List.of());
      for (int i = 0; i < changes.size(); i++) {
        Timed<StateChanged> c = changes.get(i);
        double from = c.time() / NS;
        double to = i + 1 < changes.size() ? changes.get(i + 1).time() / NS : end;
        if (to > from) {
          byState.get(c.event().to().name()).add(from, from, to, lane, lane - 0.32, lane + 0.32);
        }
      }
    }
    XYBarRenderer renderer = new XYBarRenderer();
    renderer.setUseYInterval(true);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    for (int i = 0; i < STATES.size(); i++) {
      renderer.setSeriesPaint(i, Palette.of(org.carpsim.carp.profile.CarpState.valueOf(STATES.get(i))));
    }
    XYPlot plot = new XYPlot(data, timeAxis(r), laneAxis(lanes), renderer);
    markEvents(plot, r);
    return ChartStyle.chart("State of every virtual host", plot, true);
  }

  /** Height in pixels for {@code lanes} lanes. */
  static int laneChartHeight(int lanes) {
    return Math.max(240, 130 + 30 * lanes);
  }

  /** The advertisements each host sent, one tick per advertisement, a lane per host, NIC and vhid. */
  public static JFreeChart adverts(RunRecord r) {
    List<RunRecord.AdvertSeries> series = advertLanes(r);
    List<String> lanes = series.stream().map(RunRecord.AdvertSeries::lane).toList();
    XYSeriesCollection data = new XYSeriesCollection();
    for (int lane = 0; lane < series.size(); lane++) {
      XYSeries s = new XYSeries(lanes.get(lane), false, true);
      for (long t : series.get(lane).times()) {
        s.add(t / NS, lane);
      }
      data.addSeries(s);
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesShape(i, new Rectangle2D.Double(-1, -9, 2, 18));
      renderer.setSeriesPaint(i, hostColour(r, series.get(i).host()));
    }
    XYPlot plot = new XYPlot(data, timeAxis(r), laneAxis(lanes), renderer);
    markEvents(plot, r);
    return ChartStyle.chart("Advertisements sent", plot, false);
  }

  /**
   * The gratuitous ARPs sent for each address (what a new master announces), one tick each, a lane per
   * address, a colour per host.
   */
  public static JFreeChart announcements(RunRecord r) {
    List<String> lanes = r.announcements().stream().map(RunRecord.Announcements::address).distinct()
        .limit(MAX_LANES).toList();
    List<String> hosts = r.announcements().stream().map(RunRecord.Announcements::host).distinct().sorted().toList();
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    for (int h = 0; h < hosts.size(); h++) {
      XYSeries s = new XYSeries(hosts.get(h), false, true);
      for (RunRecord.Announcements a : r.announcements()) {
        int lane = lanes.indexOf(a.address());
        if (a.host().equals(hosts.get(h)) && lane >= 0) {
          a.times().forEach(t -> s.add(t / NS, lane));
        }
      }
      data.addSeries(s);
      renderer.setSeriesShape(h, new Rectangle2D.Double(-1.5, -9, 3, 18));
      renderer.setSeriesPaint(h, hostColour(r, hosts.get(h)));
    }
    XYPlot plot = new XYPlot(data, timeAxis(r), laneAxis(lanes), renderer);
    markEvents(plot, r);
    return ChartStyle.chart("Gratuitous ARP: who announced each address", plot, true);
  }

  /** Who answered the clients' ARP requests for one address, stacked per time bucket. */
  public static JFreeChart arpAnswers(RunRecord r, RunRecord.ArpSeries a) {
    DefaultTableXYDataset data = new DefaultTableXYDataset();
    List<String> names = new ArrayList<>(a.answers().keySet());
    List<List<Long>> counts = new ArrayList<>(a.answers().values());
    boolean anyUnanswered = a.unanswered().stream().anyMatch(x -> x > 0);
    if (anyUnanswered) {
      names.add("nobody");
      counts.add(a.unanswered());
    }
    double width = a.bucketNanos() / NS;
    for (int i = 0; i < names.size(); i++) {
      XYSeries s = new XYSeries(names.get(i), false, false);
      List<Long> c = counts.get(i);
      for (int b = 0; b < c.size(); b++) {
        s.add(b * width + width / 2, c.get(b));
      }
      data.addSeries(s);
    }
    data.setAutoWidth(false);
    data.setIntervalWidth(width);
    StackedXYBarRenderer renderer = new StackedXYBarRenderer(0.1);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    for (int i = 0; i < names.size(); i++) {
      renderer.setSeriesPaint(i, anyUnanswered && i == names.size() - 1 ? Palette.UNANSWERED
          : hostColour(r, names.get(i)));
    }
    NumberAxis y = ChartStyle.numberAxis("requests per " + org.carpsim.sim.time.Durations.format(a.bucketNanos()));
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    XYPlot plot = new XYPlot(data, timeAxis(r), y, renderer);
    markEvents(plot, r);
    return ChartStyle.chart("Who answered ARP for " + a.target() + " on " + a.segment(), plot, true);
  }

  /**
   * A host's colour, the same in every chart of a run: its place among the run's hosts in name order
   * (a chart that shows only some hosts must not give them the colours of others).
   */
  static java.awt.Color hostColour(RunRecord r, String host) {
    java.util.TreeSet<String> hosts = new java.util.TreeSet<>(r.stats().keySet());
    r.transitions().forEach(t -> hosts.add(t.event().host()));
    int i = hosts.headSet(host).size();
    return hosts.contains(host) ? Palette.series(i) : Palette.series(hosts.size() + Math.floorMod(host.hashCode(), 3));
  }

  private static NumberAxis timeAxis(RunRecord r) {
    NumberAxis x = ChartStyle.numberAxis("virtual time (s)");
    x.setRange(0, Math.max(r.durationNanos() / NS, 1e-6));
    return x;
  }

  private static SymbolAxis laneAxis(List<String> lanes) {
    SymbolAxis y = new SymbolAxis(null, lanes.isEmpty() ? new String[] {""} : lanes.toArray(new String[0]));
    ChartStyle.style(y);
    y.setInverted(true);
    y.setGridBandsVisible(false);
    y.setRange(-0.6, Math.max(0, lanes.size() - 1) + 0.6);
    return y;
  }

  /**
   * Numbered dashed lines at the faults and host commands; the numbers are those of the report's
   * event table. Events at the same instant share one line, labelled {@code 3,4}.
   */
  /** The clients' lost packets over time, a stacked bar per address, by the time they were sent. */
  public static JFreeChart lostPackets(RunRecord r) {
    DefaultTableXYDataset data = new DefaultTableXYDataset();
    List<TrafficCounted> traffic = r.trafficByAddress();
    long bucket = traffic.get(0).bucketNanos();
    int buckets = (int) Math.max(1, (r.durationNanos() + bucket - 1) / bucket);
    double width = bucket / NS;
    StackedXYBarRenderer renderer = new StackedXYBarRenderer(0.1);
    for (int i = 0; i < traffic.size(); i++) {
      TrafficCounted t = traffic.get(i);
      XYSeries s = new XYSeries(t.target() + " on " + t.segment(), false, false);
      for (int b = 0; b < buckets; b++) {
        s.add(b * width + width / 2, b < t.lostPerBucket().size() ? t.lostPerBucket().get(b) : 0);
      }
      data.addSeries(s);
      renderer.setSeriesPaint(i, Palette.series(i));
    }
    data.setAutoWidth(false);
    data.setIntervalWidth(width);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    NumberAxis y = ChartStyle.numberAxis("packets lost per " + org.carpsim.sim.time.Durations.format(bucket));
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    XYPlot plot = new XYPlot(data, timeAxis(r), y, renderer);
    markEvents(plot, r);
    return ChartStyle.chart("Packets to the virtual addresses that went nowhere", plot, true);
  }

  /**
   * For each traffic population's address, the share of its clients whose longest outage was at
   * or below each duration (a client that saw none counts at 0 s).
   */
  public static JFreeChart outageCdf(RunRecord r) {
    List<double[]> values = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (TrafficCounted t : r.trafficByAddress()) {
      Map<String, Long> longest = new TreeMap<>();
      for (Outage o : r.outages()) {
        if (o.segment().equals(t.segment()) && o.target().equals(t.target())) {
          longest.merge(o.client().toString(), o.duration(), Math::max);
        }
      }
      double[] v = new double[Math.max(t.clients(), longest.size())];
      int i = 0;
      for (long d : longest.values()) {
        v[i++] = d / NS;
      }
      values.add(v);
      labels.add(t.target() + " on " + t.segment());
    }
    return SweepCharts.cdf(values, labels, "longest outage of a client (s)",
        "Outage per client: share of clients at or below");
  }

  static void markEvents(XYPlot plot, RunRecord r) {
    Map<Long, List<Integer>> byTime = new TreeMap<>();
    Map<Long, Boolean> anyFault = new TreeMap<>();
    for (int i = 0; i < r.timeline().size(); i++) {
      RunRecord.TimedEvent e = r.timeline().get(i);
      byTime.computeIfAbsent(e.timeNanos(), t -> new ArrayList<>()).add(i + 1);
      anyFault.merge(e.timeNanos(), !e.isCommand(), Boolean::logicalOr);
    }
    BasicStroke dashed = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {5f, 4f}, 0f);
    byTime.forEach((t, numbers) -> {
      Color c = anyFault.get(t) ? Palette.FAULT : Palette.COMMAND;
      ValueMarker m = new ValueMarker(t / NS, c, dashed);
      m.setLabel(String.join(",", numbers.stream().map(String::valueOf).toList()));
      m.setLabelFont(ChartStyle.MARK);
      m.setLabelBackgroundColor(Color.WHITE);
      m.setLabelPaint(c);
      m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      plot.addDomainMarker(m, Layer.FOREGROUND);
    });
  }
}
