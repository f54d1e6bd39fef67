package org.carpsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.util.List;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.scenario.run.RunOptions;
import org.carpsim.scenario.run.ScenarioRunner;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

/** Charts that can be read: no line hidden under another or in an axis, a host's colour the same everywhere. */
class ChartReadingTest {

  /** Two combinations with the same figures: both lines show (the later one wider, underneath). */
  @Test
  void coincidingCdfLinesStayVisibleAndZeroStandsOffTheAxis() {
    JFreeChart chart = SweepCharts.cdf(List.of(new double[] {0, 0, 0}, new double[] {0, 0, 0}),
        List.of("loss=0%", "loss=5%"), "time (s)", "t");
    XYPlot plot = chart.getXYPlot();
    float first = ((BasicStroke) plot.getRenderer().getSeriesStroke(0)).getLineWidth();
    float second = ((BasicStroke) plot.getRenderer().getSeriesStroke(1)).getLineWidth();
    assertTrue(second > first, "the series drawn first (underneath) is wider: " + first + ", " + second);
    assertTrue(plot.getDomainAxis().getLowerBound() < 0, "a line at 0 s is not drawn on the y axis");
    assertTrue(plot.getRangeAxis().getLowerBound() < 0 && plot.getRangeAxis().getUpperBound() > 100,
        "0 % and 100 % clear of the axes");
  }

  /** fw2 announces alone and answers ARP with fw1: its colour is its own in both charts. */
  @Test
  void aHostKeepsItsColourFromChartToChart() {
    String text = """
        scenario "colours"
        profile openbsd
        segment lan 10.0.0.0/24
        host fw1
          nic em0 lan 10.0.0.1/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 pass s3cret carpdev em0 10.0.0.100/24
        host fw2
          nic em0 lan 10.0.0.2/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 advskew 100 pass s3cret carpdev em0 10.0.0.100/24
        clients lan 10 from 10.0.0.128/25 arp 10.0.0.100 every 1s
        at 10s crash fw1
        run 20s
        """;
    var options = RunOptions.DEFAULT;
    var digest = RunRecords.digest(ScenarioParser.parse("c.carp", text));
    var run = ScenarioRunner.run(ScenarioParser.parse("c.carp", text), options.withListener(digest));
    RunRecord r = RunRecords.of(run, text, java.util.Optional.of(digest));
    assertEquals(RunCharts.hostColour(r, "fw2"), RunCharts.hostColour(r, "fw2"));
    assertNotEquals(RunCharts.hostColour(r, "fw1"), RunCharts.hostColour(r, "fw2"));
    XYPlot announcements = RunCharts.announcements(r).getXYPlot();
    int fw2InAnnouncements = announcements.getDataset().indexOf("fw2");
    XYPlot adverts = RunCharts.adverts(r).getXYPlot();
    assertEquals(RunCharts.hostColour(r, "fw2"), announcements.getRenderer().getSeriesPaint(fw2InAnnouncements));
    for (int i = 0; i < adverts.getDataset().getSeriesCount(); i++) {
      String lane = adverts.getDataset().getSeriesKey(i).toString();
      assertEquals(RunCharts.hostColour(r, lane.substring(0, lane.indexOf('.'))), adverts.getRenderer().getSeriesPaint(i),
          lane);
    }
  }

  /**
   * The last tick label of an axis that ends at the plot's right edge is drawn whole: nothing but
   * background in the image's last columns (a label cut by the edge would touch them).
   */
  @Test
  void theLastAxisLabelIsNotCut() {
    org.jfree.chart.axis.NumberAxis x = ChartStyle.numberAxis("virtual time (s)");
    x.setRange(0, 3600);
    XYPlot plot = new XYPlot(new org.jfree.data.xy.XYSeriesCollection(), x, ChartStyle.numberAxis("y"),
        new org.jfree.chart.renderer.xy.XYStepRenderer());
    java.awt.image.BufferedImage image = ChartStyle.chart("t", plot, false).createBufferedImage(1000, 300);
    for (int col = image.getWidth() - 4; col < image.getWidth(); col++) {
      for (int row = 0; row < image.getHeight(); row++) {
        assertEquals(0xffffffff, image.getRGB(col, row), "ink at column " + col + ", row " + row);
      }
    }
  }
}
