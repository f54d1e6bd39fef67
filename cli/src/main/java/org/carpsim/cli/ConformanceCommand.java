package org.carpsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.node.NodeListener;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.live.CaptureOptions;
import org.carpsim.conformance.live.LiveInterface;
import org.carpsim.conformance.live.LiveIoException;
import org.carpsim.conformance.live.LiveNode;
import org.carpsim.conformance.simulate.SimClock;
import org.carpsim.conformance.simulate.SimulatedLab;
import org.carpsim.conformance.tester.ConformancePlan;
import org.carpsim.conformance.tester.ConformanceRunner;
import org.carpsim.conformance.tester.JUnitXml;
import org.carpsim.conformance.tester.TesterPort;
import org.carpsim.reports.ConformanceJson;
import org.carpsim.reports.ConformanceRecord;
import org.carpsim.reports.ConformanceReport;
import org.carpsim.reports.ReportException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code carpsim conformance --iface IF --vhid N --vip A --profile P …}: tests a live CARP
 * implementation over a real NIC with the conformance.md catalogue. The passphrase is never printed.
 */
@Command(
    name = "conformance",
    header = "Test a live CARP implementation against the conformance catalogue.",
    mixinStandardHelpOptions = true,
    description = {
      "Test a live CARP implementation (the IUT: ucarp, an OpenBSD or FreeBSD",
      "host, carpsim node) on the link of IF against the conformance catalogue",
      "(docs/conformance.md). Every case prints PASS, FAIL or SKIP with the",
      "measured value beside the expected one and its tolerance:",
      "A1-A5 watch its advertisements (format, HMAC, interval, MAC, counter);",
      "B1-B3, C1-C10 send the MASTER better, worse, equal or faulty",
      "advertisements and see whether it yields; B4-B8 make it BACKUP under a",
      "tester master, then fall silent, turn slower, bow out or send a demote",
      "byte; D1 judges its gratuitous ARPs, D2 asks it for the VIP; D3 (an",
      "IPv6 --vip) judges the unsolicited neighbour advertisement of a takeover",
      "and asks the master and a backup for the VIP with a neighbour",
      "solicitation from IF's link-local address; E1 starts",
      "carpsim's own live node (openbsd profile, the NIC's own IPv4 address,",
      "the CARP virtual MAC) on IF as a preferred peer and fails over both ways.",
      "Expected values derive from --profile and the IUT's configuration, which",
      "--vhid, --pass, --vip, --advbase, --advskew and --preempt describe.",
      "With IPv6 VIPs only, the group is IPv6-only: the tester watches and plays",
      "CARP over IPv6 (ff02::12, hop limit 255, from IF's link-local address,",
      "the HMAC over the IPv6 VIPs) and runs every case but D1 and D2 (C8",
      "sends VRRPv3). With both families it plays over IPv4.",
      "",
      "Safety: it captures and sends only on IF (never 'any'), only frames of",
      "--vhid (C4 alone sends vhid+1 with an HMAC for --vhid, which no host of",
      "that vhid accepts) and ARP requests or neighbour solicitations for",
      "--vip, at most 10 frames/s. When",
      "it ends - normally, on a failure or on Ctrl-C - it stops advertising so",
      "the IUT reconverges, and bows out (advbase 255 advskew 255) if it may be",
      "master. B, C, D and E cases take the VIP away from the IUT for a few",
      "seconds: run it only on a link and vhid that are yours. --dry-run prints",
      "what would be sent and opens nothing. The passphrase is never printed.",
      "",
      "Needs root, or: setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))",
      "",
      "--simulate (instead of --iface) runs the same catalogue in virtual time",
      "against carpsim's own node with --profile and the IUT options above, on",
      "a simulated link (the tester at .12 and the IUT at .11 of the VIP's /24,",
      "40 us latency): no root, no NIC, the whole catalogue in well under a",
      "second. E.g.: carpsim conformance --simulate --profile ucarp --vhid 1",
      "--pass secret --vip 10.99.0.100 --advskew 100"
    },
    exitCodeListHeading = "%nExit status:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  ./carpsim conformance --simulate --profile ucarp --vhid 1 --pass secret --vip 10.99.0.100", "  sudo ./carpsim conformance --iface veth0 --profile openbsd --vhid 1 --pass secret --vip 10.0.0.100 --junit c.xml"},
    exitCodeList = {"0:every case passed (SKIP does not fail)", "1:a case failed",
        "2:bad option, or the interface cannot be opened"})
public final class ConformanceCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin CarpGroupOptions group = new CarpGroupOptions();

  @Option(names = "--iface", paramLabel = "IF",
      description = "The Ethernet interface on the IUT's link ('any' is refused); or --simulate.")
  String iface;

  @Option(names = "--simulate",
      description = "Run against carpsim's own node with --profile and the IUT options, in virtual time on a "
          + "simulated link (no root, no NIC; one VIP per family).")
  boolean simulate;

  @Option(names = "--vip", required = true, paramLabel = "A[,A…]", split = ",",
      description = "The IUT's virtual addresses, IPv4 and/or IPv6 (e.g. 10.0.0.100,fd99::100), in its "
          + "configuration order; an optional /len is ignored.")
  List<String> vipTexts;

  @Option(names = "--profile", required = true, paramLabel = "P",
      description = "What the IUT is: openbsd, openbsd-3.5, netbsd, freebsd, freebsd-6, ucarp.")
  String profileName;

  @Option(names = "--cases", paramLabel = "IDS", description = "Cases to run, e.g. A1,A3,B4 (default: the whole catalogue).")
  String casesText;

  @Option(names = "--junit", paramLabel = "F", description = "Also write the results as JUnit XML to F.")
  Path junit;

  @Option(names = "--pcap", paramLabel = "F", description = "Write everything captured (CARP, ARP, NS/NA) to F (pcap, ns timestamps).")
  Path pcap;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Also write a report: DIR/index.html (self-contained: measured against expected per case) and its chart as PNG.")
  Path reportDir;

  @Option(names = "--json", paramLabel = "F",
      description = "Also write the result as JSON to F (`carpsim report F -o DIR` draws it again).")
  Path jsonFile;

  @Option(names = "--dry-run", description = "Print what would be sent, per case, and open nothing.")
  boolean dryRun;

  /** Builds the plan from the options; bad values throw with the option and range named. */
  ConformancePlan plan() {
    if (simulate == (iface != null)) {
      throw new IllegalArgumentException(simulate ? "--simulate and --iface exclude each other"
          : "give --iface IF (a live IUT on that link) or --simulate (carpsim's own node in virtual time)");
    }
    if (!simulate) {
      LiveInterface.requireNamed(iface);
    }
    List<Ipv4Address> vips = new ArrayList<>();
    List<Ipv6Address> vips6 = new ArrayList<>();
    for (String v : vipTexts) {
      String text = v.trim();
      int slash = text.indexOf('/');
      String address = slash < 0 ? text : text.substring(0, slash);
      try {
        if (address.contains(":")) {
          vips6.add(Ipv6Address.parse(address));
        } else {
          vips.add(Ipv4Address.parse(address));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--vip '" + text + "': " + e.getMessage());
      }
    }
    return new ConformancePlan(Profiles.byName(profileName), group.vhid, group.pass, vips, group.advbase, group.advskew, group.preempt,
        ConformancePlan.parseCases(casesText), vips6);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConformancePlan plan;
    try {
      plan = plan();
    } catch (IllegalArgumentException e) { // UnknownProfileException included
      return fail(err, e.getMessage());
    }
    if (!dryRun && !new Preflight().file("--junit", junit).file("--pcap", pcap).file("--json", jsonFile)
        .directory("--report", reportDir).usable("conformance", err, "nothing was run")) {
      return 2;
    }
    if (simulate && !dryRun) {
      return simulate(plan, out, err);
    }
    if (dryRun) {
      for (String line : ConformanceRunner.dryRun(plan, MacAddress.parse("02:00:00:00:00:01"), Ipv4Address.ANY)) {
        out.println(line);
      }
      out.println(plan.ipv6Only()
          ? "(source MAC 02:00:00:00:00:01 and its link-local address stand for " + nicName() + "'s own)"
          : "(source MAC 02:00:00:00:00:01 and address 0.0.0.0 stand for " + nicName() + "'s own)");
      out.flush();
      return 0;
    }
    List<CaseResult> results;
    try (TesterPort port = TesterPort.open(iface, plan.vhid())) {
      out.println("carpsim conformance: " + iface + " " + port.mac() + ", " + plan);
      out.flush();
      ConformanceRunner runner = new ConformanceRunner(plan, port, line -> {
        out.println("  .. " + line);
        out.flush();
      }, (config, lines) -> LiveNode.start(config, LiveInterface.open(iface, CaptureOptions.DEFAULT), lines,
          NodeListener.NONE));
      // Ctrl-C: bow out and keep the capture; the hook is removed after a normal end.
      Thread hook = new Thread(() -> {
        runner.abort();
        writePcap(port, out);
      }, "conformance-exit");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        results = runner.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail(err, "interrupted");
      } catch (IllegalStateException e) {
        return fail(err, "stopped: " + e.getMessage());
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // already shutting down: the hook runs
        }
      }
      out.println(runner.latencySummary());
      if (pcap != null && !writePcap(port, out)) {
        return fail(err, "cannot write " + pcap);
      }
    } catch (LiveIoException e) {
      return fail(err, e.getMessage());
    }
    return report(plan, results, out, err);
  }

  /** The tester's NIC as printed and recorded. */
  private String nicName() {
    return simulate ? SIMULATED_NIC : iface;
  }

  /** What a simulated run records as the tester's interface. */
  static final String SIMULATED_NIC = "simulated:" + SimulatedLab.IFACE;

  /** --simulate: the catalogue against carp-node with the plan's profile and configuration, in virtual time. */
  private int simulate(ConformancePlan plan, PrintWriter out, PrintWriter err) {
    SimulatedLab lab;
    try {
      lab = SimulatedLab.create(plan, line -> out.println("  .. " + line));
    } catch (IllegalArgumentException e) {
      return fail(err, e.getMessage());
    }
    out.println("carpsim conformance --simulate: the tester " + lab.testerAddress() + " and carpsim's node as the IUT "
        + lab.iutAddress() + " on a simulated link, " + plan);
    out.flush();
    long wall = System.nanoTime();
    List<CaseResult> results;
    try {
      results = lab.run(plan, line -> out.println("  .. " + line));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(err, "interrupted");
    }
    out.println(String.format("simulated %.1f s in %.0f ms", (lab.clock().nowNanos() - SimClock.EPOCH_NANOS) / 1e9,
        (System.nanoTime() - wall) / 1e6));
    out.println(ConformanceRunner.latencySummary(lab.port()));
    if (pcap != null && !writePcap(lab.port(), out)) {
      return fail(err, "cannot write " + pcap);
    }
    return report(plan, results, out, err);
  }

  /** Writes the capture (and any injection it missed) to --pcap, if given; false on an I/O error. */
  private boolean writePcap(TesterPort port, PrintWriter out) {
    if (pcap == null) {
      return true;
    }
    try {
      long n = port.writePcap(pcap);
      out.println("wrote " + n + " frames to " + pcap);
      out.flush();
      return true;
    } catch (IOException e) {
      out.println("cannot write " + pcap + ": " + e.getMessage());
      out.flush();
      return false;
    }
  }

  /** Prints the results, writes --junit, and gives the exit status. */
  int report(ConformancePlan plan, List<CaseResult> results, PrintWriter out, PrintWriter err) {
    for (CaseResult r : results) {
      out.println(ConformanceRunner.line(r));
    }
    out.flush();
    if (junit != null) {
      try {
        Files.writeString(junit, JUnitXml.of("carpsim.conformance." + plan.profile().name(), results),
            StandardCharsets.UTF_8);
      } catch (IOException e) {
        return fail(err, "cannot write " + junit + ": " + e.getMessage());
      }
    }
    ConformanceRecord record = ConformanceRecord.of(plan, nicName(), results, Optional.ofNullable(pcap).map(Path::toString));
    try {
      if (jsonFile != null) {
        Files.writeString(jsonFile, ConformanceJson.write(record) + "\n", StandardCharsets.UTF_8);
      }
      if (reportDir != null) {
        out.println("report: " + ConformanceReport.of(record).writeTo(reportDir));
        out.flush();
      }
    } catch (IOException | ReportException e) {
      return fail(err, "cannot write the result: " + e.getMessage());
    }
    return results.stream().anyMatch(r -> r.verdict() == Verdict.FAIL) ? 1 : 0;
  }

  private static int fail(PrintWriter err, String message) {
    err.println("carpsim conformance: " + message);
    err.flush();
    return 2;
  }
}
