package org.carpsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.live.LiveIoException;
import org.carpsim.conformance.tester.ConformancePlan;
import org.carpsim.conformance.tester.ConformanceRunner;
import org.carpsim.conformance.tester.JUnitXml;
import org.carpsim.conformance.tester.TesterPort;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code carpsim conformance --iface IF --vhid N --vip A --profile P …}: tests a live CARP
 * implementation over a real NIC with the conformance.md catalogue. The passphrase is never printed.
 */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {
      "Test a live CARP implementation (the IUT: ucarp, an OpenBSD or FreeBSD",
      "host, carpsim node) on the link of IF against the conformance catalogue:",
      "A1-A5 watch its advertisements; B4 plays a better master until the IUT is",
      "BACKUP, then falls silent and measures the takeover; C1/C3/C5 send bad",
      "advertisements (TTL 64, bad checksum, wrong pass) in place of the master's,",
      "which the IUT must ignore. Other cases report SKIP (not implemented yet).",
      "Expected values derive from --profile and the IUT's configuration.",
      "",
      "Safety: it captures and sends only on IF (never 'any'), only advertisements",
      "of --vhid, at most 10 frames/s; when it ends it stops advertising so the",
      "IUT reconverges. B and C cases take the VIP away from the IUT for a few",
      "seconds: run it only on a link and vhid that are yours. --dry-run prints",
      "what would be sent and opens nothing. The passphrase is never printed.",
      "",
      "Needs root, or: setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))"
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:every case passed (SKIP does not fail)", "1:a case failed",
        "2:bad option, or the interface cannot be opened"})
public final class ConformanceCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--iface", required = true, paramLabel = "IF", description = "The Ethernet interface on the IUT's link ('any' is refused).")
  String iface;

  @Option(names = "--vhid", required = true, paramLabel = "N", description = "The IUT's vhid, 1..255 (the only one sent for).")
  int vhid;

  @Option(names = "--pass", paramLabel = "P", defaultValue = "", description = "The IUT's passphrase (never printed; default: none).")
  String pass;

  @Option(names = "--vip", required = true, paramLabel = "A[,A…]", split = ",",
      description = "The IUT's IPv4 virtual address(es), in its configuration order.")
  List<String> vipTexts;

  @Option(names = "--profile", required = true, paramLabel = "P",
      description = "What the IUT is: openbsd, openbsd-3.5, netbsd, freebsd, freebsd-6, ucarp.")
  String profileName;

  @Option(names = "--advbase", paramLabel = "B", defaultValue = "1", description = "The IUT's advbase, 1..254 (default: ${DEFAULT-VALUE}).")
  int advbase;

  @Option(names = "--advskew", paramLabel = "S", defaultValue = "0", description = "The IUT's advskew, 0..254 (default: ${DEFAULT-VALUE}).")
  int advskew;

  @Option(names = "--preempt", description = "The IUT preempts.")
  boolean preempt;

  @Option(names = "--cases", paramLabel = "IDS", description = "Cases to run, e.g. A1,A3,B4 (default: the whole catalogue).")
  String casesText;

  @Option(names = "--junit", paramLabel = "F", description = "Also write the results as JUnit XML to F.")
  Path junit;

  @Option(names = "--pcap", paramLabel = "F", description = "Write everything captured (CARP and ARP) to F (pcap, ns timestamps).")
  Path pcap;

  @Option(names = "--dry-run", description = "Print what would be sent, per case, and open nothing.")
  boolean dryRun;

  /** Builds the plan from the options; bad values throw with the option and range named. */
  ConformancePlan plan() {
    if (iface.equals("any")) {
      throw new IllegalArgumentException("--iface any is refused: name the one interface on the IUT's link, e.g. eth0");
    }
    List<Ipv4Address> vips = new ArrayList<>();
    for (String v : vipTexts) {
      try {
        vips.add(Ipv4Address.parse(v.trim()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--vip '" + v.trim() + "': " + e.getMessage());
      }
    }
    return new ConformancePlan(Profiles.byName(profileName), vhid, pass, vips, advbase, advskew, preempt,
        ConformancePlan.parseCases(casesText));
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
    if (dryRun) {
      for (String line : ConformanceRunner.dryRun(plan, MacAddress.parse("02:00:00:00:00:01"), Ipv4Address.ANY)) {
        out.println(line);
      }
      out.println("(source MAC 02:00:00:00:00:01 and address 0.0.0.0 stand for " + iface + "'s own)");
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
      });
      try {
        results = runner.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail(err, "interrupted");
      }
      if (pcap != null) {
        long n = port.writePcap(pcap);
        out.println("wrote " + n + " frames to " + pcap);
      }
    } catch (LiveIoException e) {
      return fail(err, e.getMessage());
    } catch (IOException e) {
      return fail(err, "cannot write " + pcap + ": " + e.getMessage());
    }
    return report(plan, results, out, err);
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
    return results.stream().anyMatch(r -> r.verdict() == Verdict.FAIL) ? 1 : 0;
  }

  private static int fail(PrintWriter err, String message) {
    err.println("carpsim conformance: " + message);
    err.flush();
    return 2;
  }
}
