package org.carpsim.reports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carpsim.scenario.history.Logged;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.history.PortPolicyDrops;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.history.TrafficCounted;
import org.carpsim.sim.history.Timed;
import org.jfree.chart.JFreeChart;

/**
 * Reports of runs: {@link #of} for the runs of {@code carpsim run} (or a saved result), {@link
 * #demo} for {@code carpsim demo}. One page, a section per run; the charts beside it as PNG.
 */
public final class RunReport {

  /** Rows of the state-change table at most; a campus run has hundreds of thousands. */
  static final int MAX_TRANSITION_ROWS = 2000;
  /** The longest outages listed; the JSON has them all. */
  static final int MAX_OUTAGE_ROWS = 50;
  /** ARP charts per run at most (one per segment and address). */
  static final int MAX_ARP_CHARTS = 12;

  private RunReport() {}

  /** A demo example that was refused before it ran: its file and the parser's messages. */
  public record Refused(String file, List<String> errors) {
    public Refused {
      errors = List.copyOf(errors);
    }
  }

  /** The report of {@code runs}: one section each, with a table of contents when there are several. */
  public static Report of(List<RunRecord> runs) {
    if (runs.isEmpty()) {
      throw new ReportException("no run to report");
    }
    String title = runs.size() == 1 ? "carpsim run: " + runs.get(0).scenario()
        : "carpsim run: " + runs.size() + " scenarios";
    Html page = new Html(title);
    page.element("h1", title);
    List<ChartImage> images = new ArrayList<>();
    if (runs.size() > 1) {
      contents(page, runs, List.of());
    }
    sections(page, runs, images);
    return new Report("index.html", page.finish(), images);
  }

  /**
   * The report of {@code carpsim demo}: a summary table of every example, then a section per example
   * that ran.
   */
  public static Report demo(List<RunRecord> runs, List<Refused> refused) {
    String title = "carpsim demo: the seed documents' configuration examples, run as written";
    Html page = new Html(title);
    page.element("h1", title);
    long held = runs.stream().filter(RunRecord::passed).count();
    page.paragraph(runs.size() + refused.size() + " built-in scenarios: " + held + " held every expectation, "
        + (runs.size() - held) + " did not, " + refused.size() + " refused.");
    contents(page, runs, refused);
    for (Refused r : refused) {
      page.heading(2, "refused-" + Format.slug(r.file()), r.file() + ": refused");
      page.pre(String.join("\n", r.errors()));
    }
    List<ChartImage> images = new ArrayList<>();
    sections(page, runs, images);
    return new Report("index.html", page.finish(), images);
  }

  private static void contents(Html page, List<RunRecord> runs, List<Refused> refused) {
    List<String> ids = ids(runs);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      RunRecord r = runs.get(i);
      long held = r.expectations().stream().filter(RunRecord.Expectation::passed).count();
      rows.add(List.of(r.file(), r.scenario(), held + "/" + r.expectations().size(), r.passed() ? "held" : "FAILED"));
    }
    for (Refused r : refused) {
      rows.add(List.of(r.file(), "", "0/0", "refused"));
    }
    page.open("nav");
    page.table(List.of("scenario", "title", "expectations ", "result"), rows);
    page.open("ul");
    for (int i = 0; i < runs.size(); i++) {
      page.open("li").link(ids.get(i), runs.get(i).scenario()).close("li");
    }
    page.close("ul").close("nav");
  }

  /** Distinct, file-name-safe ids (and PNG prefixes) for the runs, in order. */
  static List<String> ids(List<RunRecord> runs) {
    List<String> out = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (RunRecord r : runs) {
      String base = Format.slug(r.file());
      String id = base;
      for (int n = 2; !used.add(id); n++) {
        id = base + "-" + n;
      }
      out.add(id);
    }
    return out;
  }

  private static void sections(Html page, List<RunRecord> runs, List<ChartImage> images) {
    List<String> ids = ids(runs);
    for (int i = 0; i < runs.size(); i++) {
      section(page, runs.get(i), ids.get(i), images);
    }
  }

  /** One run's section: verdicts, charts beside their tables, transitions, counters, scenario text. */
  static void section(Html page, RunRecord r, String id, List<ChartImage> images) {
    page.open("section", id);
    page.element("h2", r.scenario());
    long held = r.expectations().stream().filter(RunRecord.Expectation::passed).count();
    page.element("p", "meta", r.file() + (r.profile().isEmpty() ? "" : ", profile " + r.profile()) + ", seed "
        + r.seed() + ", " + Format.seconds(r.durationNanos()) + " simulated");
    page.open("p").badge(r.passed() ? "PASS" : "FAIL")
        .element("span", " " + held + " of " + r.expectations().size() + " expectations held").close("p");
    if (!r.expectations().isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      for (RunRecord.Expectation e : r.expectations()) {
        rows.add(List.of(String.valueOf(e.line()), e.text(), e.passed() ? "PASS" : "FAIL", e.detail()));
      }
      page.table(List.of("line ", "expectation", "result", "detail"), rows);
    }
    if (!r.warnings().isEmpty()) {
      page.element("h3", "Warnings");
      page.pre(String.join("\n", r.warnings()));
    }

    page.element("h3", "States over time");
    List<String> lanes = RunCharts.lanes(r);
    if (lanes.isEmpty()) {
      page.paragraph("No virtual host changed state in this run.");
    } else {
      add(page, images, RunCharts.stateTimeline(r), id + "-states.png",
          r.scenario() + ": state of every virtual host (INIT grey, BACKUP amber, MASTER green)",
          RunCharts.laneChartHeight(lanes.size()));
      int all = RunCharts.allLanes(r).size();
      if (all > lanes.size()) {
        page.element("p", "note", "The chart shows the first " + lanes.size() + " of " + all
            + " virtual hosts (by vhid, then host); every state change is in the table below.");
      }
    }
    if (!r.timeline().isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < r.timeline().size(); i++) {
        RunRecord.TimedEvent e = r.timeline().get(i);
        rows.add(List.of(String.valueOf(i + 1), Format.seconds(e.timeNanos()), e.isCommand() ? "host command" : "fault",
            e.text()));
      }
      page.paragraph("Dashed lines mark the scenario's timeline: faults in orange, host commands in blue, "
          + "numbered as below.");
      page.table(List.of("# ", "time ", "kind", "at line"), rows);
    }

    page.element("h3", "Advertisements");
    if (!r.advertsRecorded()) {
      page.paragraph("This result did not record the run's frames, so it has no advertisement times "
          + "(carpsim run --report and --json record them).");
    } else if (r.adverts().isEmpty()) {
      page.paragraph("No host sent a CARP advertisement.");
    } else {
      add(page, images, RunCharts.adverts(r), id + "-adverts.png", r.scenario() + ": advertisements sent, one tick each",
          RunCharts.laneChartHeight(RunCharts.advertLanes(r).size()));
      if (r.adverts().size() > RunCharts.MAX_LANES) {
        page.element("p", "note", "The chart shows the first " + RunCharts.MAX_LANES + " of " + r.adverts().size()
            + " senders (by vhid, then host); the table lists them all.");
      }
      List<List<String>> rows = new ArrayList<>();
      for (RunRecord.AdvertSeries a : r.adverts()) {
        rows.add(List.of(a.host(), a.nic(), String.valueOf(a.vhid()), String.valueOf(a.times().size()),
            String.valueOf(a.bowOuts()),
            a.times().isEmpty() ? "" : Format.seconds(a.times().get(0)),
            a.times().isEmpty() ? "" : Format.seconds(a.times().get(a.times().size() - 1))));
      }
      page.table(List.of("host", "nic", "vhid ", "sent ", "bow-outs ", "first ", "last "), rows);
    }

    if (!r.announcements().isEmpty()) {
      page.element("h3", "Gratuitous ARP");
      long addresses = r.announcements().stream().map(RunRecord.Announcements::address).distinct().count();
      add(page, images, RunCharts.announcements(r), id + "-announcements.png",
          r.scenario() + ": gratuitous ARPs, a lane per address, a colour per host",
          RunCharts.laneChartHeight((int) Math.min(addresses, RunCharts.MAX_LANES)) + 20);
      List<List<String>> rows = new ArrayList<>();
      for (RunRecord.Announcements a : r.announcements()) {
        rows.add(List.of(a.address(), a.host(), a.nic(), String.valueOf(a.times().size()),
            Format.seconds(a.times().get(0)), Format.seconds(a.times().get(a.times().size() - 1))));
      }
      page.table(List.of("address", "host", "nic", "sent ", "first ", "last "), rows);
    }

    traffic(page, images, r, id);
    if (!r.portPolicyDrops().isEmpty()) {
      page.element("h3", "Port policy");
      page.paragraph("Frames dropped at a port that rejects forged transmits (a source MAC other than the port's own, "
          + "as CARP's virtual MAC is), promiscuous mode (unicast to another MAC) or a destination one way (drop-in, "
          + "drop-out).");
      List<List<String>> rows = new ArrayList<>();
      for (PortPolicyDrops d : r.portPolicyDrops()) {
        rows.add(List.of(d.nic(), String.valueOf(d.forged()), String.valueOf(d.otherMac()),
            String.valueOf(d.destination())));
      }
      page.table(List.of("nic", "forged source ", "to another MAC ", "dropped destination "), rows);
    }

    if (!r.snooping().isEmpty()) {
      page.element("h3", "Multicast snooping");
      page.paragraph("Multicast frames a snooping switch kept from ports without a membership of their group, the "
          + "general queries its querier sent, and each time it stopped forwarding a group to a port, with why.");
      List<List<String>> rows = new ArrayList<>();
      for (org.carpsim.scenario.history.SnoopingDrops d : r.snooping()) {
        rows.add(List.of(d.segment(), d.snooping(), String.valueOf(d.dropped()), String.valueOf(d.queries())));
      }
      page.table(List.of("switch", "snooping", "frames kept from ports ", "queries "), rows);
      List<List<String>> lapses = new ArrayList<>();
      for (Timed<org.carpsim.sim.history.GroupNotForwarded> t : r.notForwarded()) {
        org.carpsim.sim.history.GroupNotForwarded g = t.event();
        lapses.add(List.of(Format.seconds(t.time()), g.segment(), g.group(), g.nic(),
            g.expiredAt() < 0 ? "never reported" : "membership ended at " + Format.seconds(g.expiredAt())));
      }
      if (!lapses.isEmpty()) {
        page.table(List.of("time ", "switch", "group", "port", "why"), lapses);
      }
    }

    if (!r.arp().isEmpty()) {
      page.element("h3", "Who answered the clients' ARP requests");
      int n = 0;
      for (RunRecord.ArpSeries a : r.arp()) {
        n++;
        if (n == MAX_ARP_CHARTS + 1) {
          page.element("p", "note", "Charts for " + (r.arp().size() - MAX_ARP_CHARTS)
              + " more addresses are left out; their totals follow.");
        }
        if (n > MAX_ARP_CHARTS) {
          page.element("h4", a.target() + " on " + a.segment());
        } else {
          add(page, images, RunCharts.arpAnswers(r, a), id + "-arp-" + n + ".png",
            r.scenario() + ": who answered the clients' ARP requests for " + a.target() + " on " + a.segment(), 360);
        }
        long requests = a.requests();
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Long> e : a.totals().entrySet()) {
          rows.add(List.of(e.getKey(), String.valueOf(e.getValue()), Format.percent(100.0 * e.getValue() / requests)));
        }
        long none = a.unanswered().stream().mapToLong(Long::longValue).sum();
        if (none > 0) {
          rows.add(List.of("nobody", String.valueOf(none), Format.percent(100.0 * none / requests)));
        }
        page.table(List.of("answered by", "requests ", "share "), rows);
      }
    }

    if (!r.transitions().isEmpty()) {
      int shown = Math.min(r.transitions().size(), MAX_TRANSITION_ROWS);
      page.details(shown == r.transitions().size() ? "Every state change (" + shown + ")"
          : "The first " + shown + " of " + r.transitions().size() + " state changes (all are in run --json)", false);
      List<List<String>> rows = new ArrayList<>();
      for (Timed<StateChanged> t : r.transitions().subList(0, shown)) {
        StateChanged c = t.event();
        rows.add(List.of(Format.seconds(t.time()), c.qualifiedIface(), String.valueOf(c.vhid()),
            c.from() + " \u2192 " + c.to(), c.reason()));
      }
      page.table(List.of("time ", "interface", "vhid ", "change", "reason"), rows);
      page.close("details");
    }
    logs(page, r);
    counters(page, r);
    if (!r.text().isEmpty()) {
      page.details("Scenario " + r.file() + " (passphrases masked)", false);
      page.pre(r.text());
      page.close("details");
    }
    page.close("section");
  }

  /** The counters that are not zero, per host and interface. */
  /** What the clients' traffic met: packets served and lost, the outage per client, the longest ones. */
  private static void traffic(Html page, List<ChartImage> images, RunRecord r, String id) {
    if (r.traffic().isEmpty()) {
      return;
    }
    page.element("h3", "Traffic to the virtual addresses");
    page.paragraph("Each client sends to the address through its own ARP cache; a packet is served when a master "
        + "holding the address takes it, lost when nobody does. An outage is a client's run of lost packets once it "
        + "had been served.");
    List<List<String>> rows = new ArrayList<>();
    for (TrafficCounted t : r.trafficByAddress()) {
      long hit = r.outages().stream().filter(o -> o.segment().equals(t.segment()) && o.target().equals(t.target()))
          .map(Outage::client).distinct().count();
      long longest = r.outages().stream().filter(o -> o.segment().equals(t.segment()) && o.target().equals(t.target()))
          .mapToLong(Outage::duration).max().orElse(0);
      rows.add(List.of(t.target().toString(), t.segment(), String.valueOf(t.clients()), String.valueOf(t.sent()),
          String.valueOf(t.served()), String.valueOf(t.twice()), String.valueOf(t.lost()), String.valueOf(hit),
          Format.seconds(longest)));
    }
    page.table(List.of("address", "segment", "clients ", "sent ", "served ", "twice ", "lost ", "clients hit ",
        "longest outage "), rows);
    if (r.trafficByAddress().stream().anyMatch(t -> t.lost() > 0)) {
      add(page, images, RunCharts.lostPackets(r), id + "-lost.png", r.scenario() + ": packets lost over time", 360);
    }
    if (!r.outages().isEmpty()) {
      add(page, images, RunCharts.outageCdf(r), id + "-outages.png", r.scenario() + ": outage per client", 360);
      List<Outage> longest = r.outages().stream()
          .sorted(java.util.Comparator.comparingLong(Outage::duration).reversed()).limit(MAX_OUTAGE_ROWS).toList();
      page.details(longest.size() == r.outages().size() ? "Every outage (" + longest.size() + ")"
          : "The " + longest.size() + " longest of " + r.outages().size() + " outages (all are in run --json)", false);
      List<List<String>> outageRows = new ArrayList<>();
      for (Outage o : longest) {
        outageRows.add(List.of(o.client().toString(), o.target().toString(), Format.seconds(o.from()),
            o.open() ? "the end" : Format.seconds(o.to()), Format.seconds(o.duration()), String.valueOf(o.lost())));
      }
      page.table(List.of("client", "address", "from ", "to ", "outage ", "lost "), outageRows);
      page.close("details");
    }
  }

  /** What the hosts logged, in their systems' words, as far as each host's log setting let through. */
  private static void logs(Html page, RunRecord r) {
    if (r.logs().isEmpty()) {
      return;
    }
    int shown = Math.min(r.logs().size(), MAX_TRANSITION_ROWS);
    page.details(shown == r.logs().size() ? "Every log line (" + shown + ")"
        : "The first " + shown + " of " + r.logs().size() + " log lines (all are in run --json)", false);
    List<List<String>> rows = new ArrayList<>();
    for (Timed<Logged> t : r.logs().subList(0, shown)) {
      rows.add(List.of(Format.seconds(t.time()), t.event().host(), t.event().levelName(), t.event().text()));
    }
    page.table(List.of("time ", "host", "level", "line"), rows);
    page.close("details");
  }

  private static void counters(Html page, RunRecord r) {
    List<List<String>> rows = new ArrayList<>();
    r.stats().forEach((host, ifaces) -> ifaces.forEach((iface, counters) -> counters.forEach((name, value) -> {
      if (value != 0) {
        rows.add(List.of(host + "." + iface, name, String.valueOf(value)));
      }
    })));
    if (!rows.isEmpty()) {
      page.details("carpstats counters that are not zero", false);
      page.table(List.of("interface", "counter", "value "), rows);
      page.close("details");
    }
  }

  private static void add(Html page, List<ChartImage> images, JFreeChart chart, String file, String title, int height) {
    ChartImage image = ChartImage.render(chart, file, title, RunCharts.WIDTH, height);
    images.add(image);
    page.image(image);
  }
}
