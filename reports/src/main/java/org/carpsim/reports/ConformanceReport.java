package org.carpsim.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.IutConfig;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.tester.ConformancePlan;

/**
 * The report of a conformance run: the IUT as configured, a verdict per case with measured beside
 * expected, and the timing cases (intervals, master-down, ARP timing) charted against their bands.
 *
 * <pre>{@code
 * ConformanceReport.of(ConformanceRecord.of(plan, "eth0", results, Optional.of("run.pcap")))
 *     .writeTo(Path.of("report"));
 * }</pre>
 */
public final class ConformanceReport {

  private ConformanceReport() {}

  /** Renders and writes the report of {@code results} for {@code plan} into {@code dir}; returns the page. */
  public static Path write(ConformancePlan plan, String iface, List<CaseResult> results, Optional<String> pcap,
      Path dir) {
    return of(ConformanceRecord.of(plan, iface, results, pcap)).writeTo(dir);
  }

  /** Renders and writes the report of {@code results} judged against {@code iut} into {@code dir}. */
  public static Path write(IutConfig iut, List<CaseResult> results, Optional<String> pcap, Path dir) {
    return of(ConformanceRecord.of(iut, results, pcap)).writeTo(dir);
  }

  /** The report of {@code r}. */
  public static Report of(ConformanceRecord r) {
    String title = "carpsim conformance: " + r.profile() + ", vhid " + r.vhid();
    Html page = new Html(title);
    page.element("h1", title);
    List<String> about = new ArrayList<>();
    about.add("profile " + r.profile());
    about.add("vhid " + r.vhid());
    about.add("virtual address" + (r.vips().size() == 1 ? " " : "es ") + String.join(", ", r.vips()));
    about.add("advbase " + r.advbase() + ", advskew " + r.advskew() + (r.preempt() ? ", preempt" : ""));
    if (!r.source().isEmpty()) {
      about.add("source " + r.source());
    }
    if (!r.iface().isEmpty()) {
      about.add("tested on " + r.iface());
    }
    if (!r.pcap().isEmpty()) {
      about.add("capture " + r.pcap());
    }
    page.element("p", "meta", "IUT: " + String.join("; ", about) + ". The passphrase is not shown.");
    long pass = r.cases().stream().filter(c -> c.verdict() == Verdict.PASS).count();
    long fail = r.cases().stream().filter(c -> c.verdict() == Verdict.FAIL).count();
    long skip = r.cases().size() - pass - fail;
    page.open("p").badge(r.passed() ? "PASS" : "FAIL")
        .element("span", " " + pass + " passed, " + fail + " failed, " + skip + " skipped of " + r.cases().size()
            + " cases").close("p");

    List<ConformanceCharts.Timing> timings = ConformanceCharts.timings(r.cases());
    List<ChartImage> images = new ArrayList<>();
    page.element("h2", "Timing: measured against expected");
    if (timings.isEmpty()) {
      page.paragraph("No timing case (advertisement interval, master-down, ARP timing) has a measured value.");
    } else {
      ChartImage image = ChartImage.render(ConformanceCharts.deviations(timings), "conformance-timing.png",
          "Timing cases: measured minus expected, over the accepted band", ConformanceCharts.WIDTH,
          ConformanceCharts.HEIGHT);
      images.add(image);
      page.image(image);
      List<List<String>> rows = new ArrayList<>();
      for (ConformanceCharts.Timing t : timings) {
        rows.add(List.of(t.result().id(), t.result().title(), ms(t.measuredMs()), ms(t.expectedMs()),
            ms(t.deviationMs()), "-" + ms(t.belowMs()) + " / +" + ms(t.aboveMs()), t.result().verdict().name()));
      }
      page.table(List.of("case", "what", "measured (ms) ", "expected (ms) ", "deviation (ms) ", "band (ms) ",
          "verdict"), rows);
    }

    page.element("h2", "Every case");
    List<List<String>> rows = new ArrayList<>();
    for (CaseResult c : r.cases()) {
      rows.add(List.of(c.id(), c.title(), c.verdict().name(), c.measured(), c.expected(), c.tolerance(), c.note()));
    }
    page.table(List.of("case", "what", "verdict", "measured", "expected", "tolerance", "note"), rows);
    return new Report("index.html", page.finish(), images);
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
