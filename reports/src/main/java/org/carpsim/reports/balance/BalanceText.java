package org.carpsim.reports.balance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The readable form of a {@link BalanceReport}: setup, rule, share table, index table, explanation. */
public final class BalanceText {

  private BalanceText() {}

  /**
   * Renders a report.
   *
   * @param r the report
   * @param title a heading (scenario title and population), or empty
   * @param simulated the simulated round to compare with, if a scenario was run
   * @return lines ending with a newline
   */
  public static String render(BalanceReport r, String title, Optional<SimulatedRound> simulated) {
    StringBuilder s = new StringBuilder();
    BalanceSetup setup = r.setup();
    s.append("== ").append(title.isEmpty() ? "ARP balance" : title).append("  (").append(setup.source()).append(")\n");
    s.append(String.format(Locale.ROOT, "profile %s, shared address %s, %d clients%n", setup.profile().name(),
        setup.target(), r.clients()));
    for (HostSide h : setup.hosts()) {
      String holders = h.holders().isEmpty() ? "no running carp interface holds " + setup.target()
          : h.holders().stream().map(BalanceText::holder).collect(Collectors.joining(", "));
      s.append(String.format(Locale.ROOT, "  %-10s %s%s%n", h.host(), holders,
          hasSysctl(r) ? "  (arpbalance " + (h.arpbalance() ? 1 : 0) + ")" : ""));
    }
    s.append("rule:    ").append(r.ruleWords()).append('\n');
    s.append("formula: ").append(r.formula()).append("\n\n");
    s.append(String.format(Locale.ROOT, "%-12s %8s %8s  %s%n", "host", "clients", "share", "answers with"));
    for (BalanceReport.HostShare h : r.shares()) {
      s.append(String.format(Locale.ROOT, "%-12s %8d %7.1f%%  %s%n", h.host(), h.count(), h.percent(),
          h.vhids().isEmpty() ? "-" : "vhid " + h.vhids().stream().map(String::valueOf).collect(Collectors.joining(", "))));
    }
    if (r.unanswered() > 0) {
      s.append(String.format(Locale.ROOT, "%-12s %8d %7.1f%%%n", "(nobody)", r.unanswered(),
          100.0 * r.unanswered() / r.clients()));
    }
    if (r.buckets().stream().anyMatch(b -> b.index() >= 0)) {
      s.append('\n').append(String.format(Locale.ROOT, "%-6s %8s %8s  %-30s %s%n", "index", "clients", "share",
          "what they share", "leads to"));
      for (BalanceReport.IndexBucket b : r.buckets()) {
        s.append(String.format(Locale.ROOT, "%-6d %8d %7.1f%%  %-30s %s%n", b.index(), b.count(),
            100.0 * b.count() / r.clients(), b.detail(), b.goesTo()));
      }
    }
    s.append("\nwhy:\n");
    for (String line : r.explanation()) {
      s.append("  ").append(line).append('\n');
    }
    simulated.ifPresent(sim -> s.append(compare(r, sim)));
    return s.toString();
  }

  private static boolean hasSysctl(BalanceReport r) {
    return switch (r.setup().profile().balancing().arp()) {
      case SENDER_IP_RAW_MODULO, SENDER_IP_HOST_ORDER_MODULO, SENDER_MAC_CARP_HASH -> true;
      default -> false;
    };
  }

  private static String holder(CarpIface c) {
    String vh = c.vhosts().stream().map(v -> "vhid " + v.vhid() + " " + v.state()).collect(Collectors.joining(", "));
    return c.name() + " (" + vh + (c.mode().keyword().equals("none") ? "" : ", balancing " + c.mode().keyword()) + ")";
  }

  /** The simulated round next to the analysis, and whether they agree. */
  static String compare(BalanceReport r, SimulatedRound sim) {
    List<String> parts = new ArrayList<>();
    for (BalanceReport.HostShare h : r.shares()) {
      parts.add(h.host() + " " + sim.countOf(h.host()));
    }
    if (sim.unanswered() > 0) {
      parts.add("nobody " + sim.unanswered());
    }
    boolean agree = sim.requests() == r.clients() && sim.unanswered() == r.unanswered()
        && r.shares().stream().allMatch(h -> h.count() == sim.countOf(h.host()));
    String verdict;
    if (sim.requests() != r.clients()) {
      verdict = "not comparable: the round has " + sim.requests() + " requests for " + r.clients() + " clients";
    } else if (r.several() > 0) {
      verdict = "several hosts answer " + r.several() + " clients; the simulation counts the first reply only";
    } else {
      verdict = agree ? "agrees with the analysis" : "DIFFERS from the analysis";
    }
    return String.format(Locale.ROOT, "%nsimulated, first round of requests from %s: %s — %s%n",
        org.carpsim.sim.time.Durations.format(sim.from()), String.join(", ", parts), verdict);
  }
}
