package org.carpsim.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.IutConfig;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.tester.ConformancePlan;
import org.carpsim.sim.pcap.CaptureRecord;
import org.carpsim.sim.pcap.PcapFormat;
import org.carpsim.sim.pcap.PcapReader;

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

    wire(page, images, r.pcap());

    page.element("h2", "Every case");
    List<List<String>> rows = new ArrayList<>();
    for (CaseResult c : r.cases()) {
      rows.add(List.of(c.id(), c.title(), c.verdict().name(), c.measured(), c.expected(), c.tolerance(), c.note()));
    }
    page.table(List.of("case", "what", "verdict", "measured", "expected", "tolerance", "note"), rows);
    return new Report("index.html", page.finish(), images);
  }

  /**
   * What the capture shows, drawn as a simulated run's traffic is: one tick per advertisement a lane
   * per sender (its source address and MAC) and vhid, and the gratuitous ARPs per address. The
   * capture is read from where {@code --pcap} wrote it, relative to the current directory.
   */
  private static void wire(Html page, List<ChartImage> images, String pcap) {
    page.element("h2", "On the wire");
    if (pcap.isEmpty()) {
      page.paragraph("The run kept no capture (carpsim conformance --pcap F keeps one).");
      return;
    }
    TransmissionDigest digest = new TransmissionDigest(host -> true);
    long first = Long.MIN_VALUE;
    long last = 0;
    try (PcapReader reader = PcapReader.open(Path.of(pcap))) {
      for (CaptureRecord c = reader.next(); c != null; c = reader.next()) {
        if (c.linkType() != PcapFormat.LINKTYPE_ETHERNET || c.timestampNanos() == CaptureRecord.NO_TIMESTAMP) {
          continue;
        }
        first = first == Long.MIN_VALUE ? c.timestampNanos() : first;
        last = c.timestampNanos() - first;
        digest.acceptCaptured(last, c.data());
      }
    } catch (IOException | RuntimeException e) {
      page.paragraph("The capture " + pcap + " cannot be read here (" + e.getMessage() + "); run carpsim report"
          + " from the directory the conformance run wrote it in.");
      return;
    }
    RunRecord wire = new RunRecord("capture", pcap, 0, true, Math.max(last, 1), "", "", List.of(), List.of(), List.of(),
        List.of(), List.of(), digest.adverts(), true, digest.announcements(), List.of(), java.util.Map.of(), List.of(),
        List.of(), List.of(), List.of(), List.of(), RunRecord.Engine.NONE);
    page.paragraph("From " + pcap + ": time from its first frame; each sender is its source address (MAC).");
    if (!wire.adverts().isEmpty()) {
      ChartImage image = ChartImage.render(RunCharts.adverts(wire), "conformance-adverts.png",
          "Advertisements on the wire, one tick each", RunCharts.WIDTH,
          RunCharts.laneChartHeight(RunCharts.advertLanes(wire).size()));
      images.add(image);
      page.image(image);
      List<List<String>> rows = new ArrayList<>();
      for (RunRecord.AdvertSeries a : wire.adverts()) {
        rows.add(List.of(a.host(), a.nic(), String.valueOf(a.vhid()), String.valueOf(a.times().size()),
            String.valueOf(a.bowOuts())));
      }
      page.table(List.of("sender", "MAC", "vhid ", "advertisements ", "bow-outs "), rows);
    }
    if (!wire.announcements().isEmpty()) {
      ChartImage image = ChartImage.render(RunCharts.announcements(wire), "conformance-announcements.png",
          "Gratuitous ARPs on the wire, a lane per address", RunCharts.WIDTH,
          RunCharts.laneChartHeight((int) wire.announcements().stream().map(RunRecord.Announcements::address)
              .distinct().count()) + 20);
      images.add(image);
      page.image(image);
    }
    if (wire.adverts().isEmpty() && wire.announcements().isEmpty()) {
      page.paragraph("The capture holds no CARP advertisement and no gratuitous ARP.");
    }
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
