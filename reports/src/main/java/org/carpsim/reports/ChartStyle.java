package org.carpsim.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;

/** The look every chart shares: white, light grid, one sans-serif font, legend below. */
final class ChartStyle {

  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  static final Font MARK = new Font(Font.SANS_SERIF, Font.BOLD, 11);
  static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
  static final BasicStroke GRID_STROKE = new BasicStroke(0.6f);

  private ChartStyle() {}

  /** A chart around {@code plot} with {@code title}, a legend when {@code legend}. */
  /** Pixels right of every plot: half the width of the widest last tick label ("3600"). */
  static final double RIGHT_PADDING = 16;

  static JFreeChart chart(String title, Plot plot, boolean legend) {
    JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
    chart.setBackgroundPaint(Color.WHITE);
    // room right of the plot: the last tick label of a time axis is centred on the plot's edge
    chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, RIGHT_PADDING));
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    TextTitle t = chart.getTitle();
    t.setPaint(new Color(0x22, 0x22, 0x22));
    LegendTitle l = chart.getLegend();
    if (l != null) {
      l.setItemFont(LABEL);
      l.setPosition(RectangleEdge.BOTTOM);
      l.setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(new Color(0xBB, 0xBB, 0xBB));
    if (plot instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(Palette.GRID);
      xy.setRangeGridlinePaint(Palette.GRID);
      xy.setDomainGridlineStroke(GRID_STROKE);
      xy.setRangeGridlineStroke(GRID_STROKE);
    } else if (plot instanceof CategoryPlot cat) {
      cat.setRangeGridlinePaint(Palette.GRID);
      cat.setRangeGridlineStroke(GRID_STROKE);
    }
    return chart;
  }

  /** A number axis in the shared fonts. */
  static NumberAxis numberAxis(String label) {
    NumberAxis a = new NumberAxis(label);
    style(a);
    return a;
  }

  static void style(org.jfree.chart.axis.Axis a) {
    a.setLabelFont(LABEL);
    a.setTickLabelFont(TICK);
  }
}
