package org.carpsim.conformance.lab;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.model.ConfigLine;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Ipv4Prefix;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.NicAddress;
import org.carpsim.scenario.model.Origin;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.Segment;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.sim.history.Fault;

/**
 * Whether a scenario can run in a namespace lab, and if not, why: every line the lab cannot map
 * to a real action, each refused at its place ({@code file:line:col: live: …}). Nothing is built
 * for a refused scenario.
 *
 * <p>What runs live: hosts of profile {@code ucarp} (the real {@code /usr/sbin/ucarp}, started by
 * their {@code ucarp …} lines), hosts of the kernel profiles whose configuration is one carp
 * interface with one vhid and one IPv4 address (carpsim's live node stands in: no BSD kernel runs
 * here), and hosts of profile {@code keepalived} (the real keepalived). Faults: crash, boot, link,
 * partition, heal, loss/latency/jitter/duplicate. Clients that ARP.
 * Addresses must be private (RFC 1918 or link-local): the lab's interfaces live in its own
 * namespaces, and an address that is someone's real network is refused rather than trusted to stay
 * there.
 */
public final class LabPlan {

  /** The longest live run: real time passes, so an hour-long scenario is a mistake here. */
  public static final long MAX_DURATION_NS = 600L * 1_000_000_000L;

  /** The longest Linux interface name (IFNAMSIZ − 1). */
  private static final int MAX_IFNAME = 15;

  private final Scenario scenario;
  private final List<String> refusals;

  private LabPlan(Scenario scenario, List<String> refusals) {
    this.scenario = scenario;
    this.refusals = List.copyOf(refusals);
  }

  /** The plan of {@code scenario}: runnable, or the reasons it is not. */
  public static LabPlan of(Scenario scenario) {
    List<String> out = new ArrayList<>();
    Origin whole = new Origin(scenario.file(), 1, 1, "");
    if (scenario.duration() > MAX_DURATION_NS) {
      refuse(out, whole, "the run lasts " + scenario.duration() / 1_000_000_000L
          + " s; a live run takes real time, at most " + MAX_DURATION_NS / 1_000_000_000L + " s");
    }
    for (Segment s : scenario.segments()) {
      s.ipv4().ifPresent(p -> {
        if (!isPrivate(p.network())) {
          refuse(out, s.origin(), "segment " + s.name() + " " + p + " is not a private network (10/8, 172.16/12,"
              + " 192.168/16, 169.254/16): its addresses could leave the lab");
        }
      });
      if (s.moveLimit().limits()) {
        refuse(out, s.origin(), "a switch's mac-move-limit is not built live (a Linux bridge has none)");
      }
      if (s.snooping().snoops()) {
        refuse(out, s.origin(), "IGMP snooping is not built live (the lab's bridges flood multicast)");
      }
    }
    for (Host h : scenario.hosts()) {
      planHost(h, out);
    }
    for (ClientPopulation c : scenario.clients()) {
      if (c.sendsTraffic()) {
        refuse(out, c.origin(), "clients that send traffic are not run live (only clients that ARP)");
      }
      if (!(c.from() instanceof Ipv4Prefix from)) {
        refuse(out, c.origin(), "IPv6 clients are not run live (only IPv4 clients that ARP)");
      } else if (!isPrivate(from.network())) {
        refuse(out, c.origin(), "clients from " + c.from() + " are not a private network: they could leave the lab");
      }
    }
    for (TimelineEvent e : scenario.timeline()) {
      planEvent(scenario, e, out);
    }
    for (Expectation e : scenario.expectations()) {
      if (e instanceof Expectation.Stat || e instanceof Expectation.Outage || e instanceof Expectation.OutageShare
          || e instanceof Expectation.MacMoveCount) {
        refuse(out, e.origin(), "this expectation reads what a live lab does not record (kernel counters,"
            + " traffic clients, a switch's MAC table)");
      }
    }
    return new LabPlan(scenario, out.stream().distinct().toList());
  }

  private static void planHost(Host h, List<String> out) {
    if (h.name().equals("sw")) {
      refuse(out, h.origin(), "host name 'sw' is the lab's switch namespace (PREFIX-sw); rename the host");
    }
    for (Nic n : h.nics()) {
      if (n.name().length() > MAX_IFNAME) {
        refuse(out, n.origin(), "NIC name " + n.name() + " is longer than Linux allows (15 characters)");
      }
      if (n.policy().filters()) {
        refuse(out, n.origin(), "a vSwitch port policy (forged-transmits, promiscuous) is not built live");
      }
      for (NicAddress a : n.addresses()) {
        if (a instanceof NicAddress.Inet6) {
          refuse(out, n.origin(), "IPv6 address " + a + ": the lab runs IPv4 only");
        } else if (a instanceof NicAddress.Inet4 v4 && !isPrivate(v4.address())) {
          refuse(out, n.origin(), "address " + v4 + " is not private (10/8, 172.16/12, 192.168/16, 169.254/16):"
              + " it could leave the lab");
        }
      }
    }
    LiveHostKind kind = LiveHostKind.of(h);
    switch (kind) {
      case UCARP -> {
        for (ConfigLine line : h.configuration()) {
          for (HostCommand c : line.commands()) {
            ucarpCommand(h, c, line.origin(), out);
          }
        }
      }
      case NODE -> LiveNodePlan.of(h).refusal().ifPresent(why -> refuse(out, h.origin(), why));
      case KEEPALIVED -> {
        for (ConfigLine line : h.configuration()) {
          for (HostCommand c : line.commands()) {
            keepalivedCommand(c, line.origin(), out);
          }
        }
      }
    }
  }

  private static void ucarpCommand(Host h, HostCommand c, Origin where, List<String> out) {
    if (c instanceof HostCommand.UcarpStart u) {
      if (u.options().passfile().isPresent()) {
        refuse(out, where, "--passfile names a file of the scenario's host; give --pass for a live run");
      }
      if (!isPrivate(u.options().virtualAddress())) {
        refuse(out, where, "--addr " + u.options().virtualAddress() + " is not private: it could leave the lab");
      }
    } else if (c instanceof HostCommand.IfconfigSet set && h.nic(set.ifname()).isPresent()) {
      if (!set.settings().stream().allMatch(x -> x instanceof org.carpsim.carp.config.IfSetting.Up
          || x instanceof org.carpsim.carp.config.IfSetting.Down)) {
        refuse(out, where, "ifconfig " + set.ifname() + ": live, only up, down and IPv4 addresses are mapped (ip link,"
            + " ip addr)");
      }
      if (set.address().isPresent() && !(set.address().get() instanceof org.carpsim.carp.config.AddressChange.Inet a
          && isPrivate(a.address()))) {
        refuse(out, where, "ifconfig " + set.ifname() + ": live, only private IPv4 addresses are mapped");
      }
    } else if (!(c instanceof HostCommand.SignalUcarp)) {
      refuse(out, where, "host " + h.name() + " runs the real ucarp, which cannot be reconfigured while it runs:"
          + " only 'ucarp …' lines, signals to ucarp (pkill, killall, kill) and ifconfig of its NICs run live");
    }
  }

  private static void keepalivedCommand(HostCommand c, Origin where, List<String> out) {
    if (c instanceof HostCommand.KeepalivedConfFile f) {
      KeepalivedConf.refusal(f.config()).ifPresent(why -> refuse(out, where, why));
      f.config().instances().stream().flatMap(i -> i.vips().stream()).filter(v -> !isPrivate(v.address()))
          .forEach(v -> refuse(out, where, "virtual address " + v + " is not private: it could leave the lab"));
    } else if (!(c instanceof HostCommand.KeepalivedStart || c instanceof HostCommand.SignalKeepalived)) {
      refuse(out, where, "host runs the real keepalived: only its configuration file, starting it and signals to it"
          + " run live");
    }
  }

  private static void planEvent(Scenario s, TimelineEvent e, List<String> out) {
    if (e instanceof TimelineEvent.CommandAt c) {
      Host h = s.host(c.host()).orElseThrow();
      if (LiveHostKind.of(h) == LiveHostKind.NODE) {
        String carp = LiveNodePlan.of(h).carpIface();
        for (HostCommand command : c.command().commands()) {
          if (!isUpOrDown(command, carp)) {
            refuse(out, c.origin(), "on " + h.name() + " (carpsim's live node) only 'ifconfig " + carp
                + " down' (a bow-out: the node stops) and 'ifconfig " + carp + " up' (it starts again) are mapped");
          }
        }
        return;
      }
      if (LiveHostKind.of(h) == LiveHostKind.KEEPALIVED) {
        c.command().commands().forEach(command -> keepalivedCommand(command, c.origin(), out));
        return;
      }
      for (HostCommand command : c.command().commands()) {
        ucarpCommand(h, command, c.origin(), out);
      }
    } else if (e instanceof TimelineEvent.FaultAt f) {
      Fault fault = f.fault();
      boolean mapped = fault instanceof Fault.Crash || fault instanceof Fault.Boot || fault instanceof Fault.Link
          || fault instanceof Fault.Split || fault instanceof Fault.Heal || fault instanceof Fault.SegmentConditions
          || fault instanceof Fault.NicConditions;
      if (!mapped) {
        refuse(out, f.origin(), "'" + f.verb() + "' has no live action (live: crash, boot, link, partition, heal,"
            + " loss, latency, jitter, duplicate)");
      }
    }
  }

  /** {@code ifconfig CARP down} or {@code ifconfig CARP up}, nothing else on the line. */
  static boolean isUpOrDown(HostCommand c, String carpIface) {
    return c instanceof HostCommand.IfconfigSet set && set.ifname().equals(carpIface) && set.address().isEmpty()
        && set.settings().size() == 1 && (set.settings().get(0) instanceof org.carpsim.carp.config.IfSetting.Down
        || set.settings().get(0) instanceof org.carpsim.carp.config.IfSetting.Up);
  }

  private static void refuse(List<String> out, Origin where, String why) {
    out.add(where.where() + ": live: " + why);
  }

  /** True for RFC 1918 and link-local IPv4 addresses: ones no one routes. */
  static boolean isPrivate(Ipv4Address a) {
    int v = a.value();
    return (v >>> 24) == 10 || (v >>> 20) == (172 << 4 | 1) || (v >>> 16) == (192 << 8 | 168)
        || (v >>> 16) == (169 << 8 | 254);
  }

  public Scenario scenario() {
    return scenario;
  }

  /** Why the scenario cannot run live, one {@code file:line:col: live: …} line each; empty when it can. */
  public List<String> refusals() {
    return refusals;
  }

  public boolean runnable() {
    return refusals.isEmpty();
  }
}
