package org.carpsim.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The page {@code carpsim compare --report DIR} writes: per compared quantity a strip of the
 * simulated values (grey ticks, the range shaded, the tolerance either side as a thin band) with each
 * live value as a dot, green inside, red outside, and the table of numbers. Self-contained HTML with
 * inline SVG.
 */
public final class FidelityPage {

  /**
   * One quantity.
   *
   * @param what its name
   * @param simulated the simulated values, sorted, ns (an expectation's: 1 held, 0 failed)
   * @param live the live values, ns
   * @param outside for each live value, whether it is outside the simulated range ± the tolerance
   * @param tolerance ns
   * @param verdict an expectation's row (held/failed, not a time)
   */
  public record Row(String what, List<Long> simulated, List<Long> live, List<Boolean> outside, long tolerance,
      boolean verdict) {
    public Row {
      simulated = List.copyOf(simulated);
      live = List.copyOf(live);
      outside = List.copyOf(outside);
    }
  }

  private static final int WIDTH = 520;
  private static final int HEIGHT = 28;

  private FidelityPage() {}

  /** Writes {@code DIR/index.html} and returns its path. */
  public static Path write(Path dir, String title, String subtitle, List<Row> rows) {
    StringBuilder h = new StringBuilder(8192);
    h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(esc(title))
        .append("</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:4px 8px;text-align:left;"
            + "vertical-align:middle}tr:nth-child(even){background:#f6f6f6}.out{color:#c00;font-weight:bold}"
            + "td:nth-child(3){white-space:nowrap}</style></head><body><h1>").append(esc(title)).append("</h1><p>")
        .append(esc(subtitle))
        .append("</p><table><tr><th>quantity</th><th>simulated (min / p50 / max, n)</th><th>live</th>"
            + "<th>simulated range (grey), ± tolerance, live values (dots)</th></tr>");
    for (Row r : rows) {
      h.append("<tr><td>").append(esc(r.what())).append("</td><td>").append(esc(simulated(r))).append("</td><td>");
      for (int i = 0; i < r.live().size(); i++) {
        boolean out = r.outside().get(i);
        h.append("<span").append(out ? " class=\"out\"" : "").append('>').append(esc(value(r, r.live().get(i))))
            .append(out ? " OUTSIDE" : "").append("</span><br>");
      }
      h.append("</td><td>").append(strip(r)).append("</td></tr>");
    }
    h.append("</table></body></html>\n");
    try {
      Files.createDirectories(dir);
      Path page = dir.resolve("index.html");
      Files.writeString(page, h, StandardCharsets.UTF_8);
      return page;
    } catch (IOException e) {
      throw new ReportException("cannot write " + dir + ": " + e.getMessage());
    }
  }

  private static String strip(Row r) {
    if (r.verdict() || r.simulated().isEmpty()) {
      return "";
    }
    long lo = r.simulated().get(0) - r.tolerance();
    long hi = r.simulated().get(r.simulated().size() - 1) + r.tolerance();
    for (long v : r.live()) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    long span = Math.max(1, hi - lo);
    long pad = span / 20 + 1;
    long from = lo - pad;
    long to = hi + pad;
    StringBuilder s = new StringBuilder();
    s.append("<svg width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\">");
    long min = r.simulated().get(0);
    long max = r.simulated().get(r.simulated().size() - 1);
    s.append(rect(x(min - r.tolerance(), from, to), x(max + r.tolerance(), from, to), 10, 8, "#e6e6e6"));
    s.append(rect(x(min, from, to), x(max, from, to), 8, 12, "#c8c8c8"));
    for (long v : r.simulated()) {
      int x = x(v, from, to);
      s.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"8\" y2=\"20\" stroke=\"#777\""
          + " stroke-opacity=\"0.3\"/>");
    }
    for (int i = 0; i < r.live().size(); i++) {
      s.append("<circle cx=\"").append(x(r.live().get(i), from, to)).append("\" cy=\"14\" r=\"4\" fill=\"")
          .append(r.outside().get(i) ? "#c00" : "#080").append("\"/>");
    }
    return s.append("</svg>").toString();
  }

  private static String rect(int x1, int x2, int y, int h, String fill) {
    return "<rect x=\"" + x1 + "\" y=\"" + y + "\" width=\"" + Math.max(1, x2 - x1) + "\" height=\"" + h
        + "\" fill=\"" + fill + "\"/>";
  }

  private static int x(long v, long from, long to) {
    return (int) Math.round((double) (v - from) / (to - from) * (WIDTH - 10)) + 5;
  }

  /** {@code min / p50 / max (n)} of the simulated values, or held k of n for an expectation. */
  public static String simulated(Row r) {
    List<Long> s = r.simulated();
    if (s.isEmpty()) {
      return "never simulated";
    }
    if (r.verdict()) {
      long held = s.stream().filter(v -> v == 1).count();
      return "held in " + held + " of " + s.size();
    }
    return seconds(s.get(0)) + " / " + seconds(s.get((s.size() - 1) / 2)) + " / " + seconds(s.get(s.size() - 1))
        + " (" + s.size() + ")";
  }

  /** A live value as the table shows it. */
  public static String value(Row r, long v) {
    return r.verdict() ? (v == 1 ? "held" : "failed") : seconds(v);
  }

  private static String seconds(long ns) {
    return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
