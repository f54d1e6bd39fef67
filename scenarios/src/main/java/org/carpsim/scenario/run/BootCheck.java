package org.carpsim.scenario.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.node.CarpHost;
import org.carpsim.carp.node.CommandResult;
import org.carpsim.carp.node.NodeListener;
import org.carpsim.carp.node.OfflineEnvironment;
import org.carpsim.carp.node.VirtualHostStatus;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.NicAddress;
import org.carpsim.scenario.model.Scenario;

/**
 * What a host's configuration does when it runs at boot, known before the run: each host is booted
 * offline (no time, no frames) and every line that fails is said with its place and the system's own
 * message ({@code ifconfig: SIOCIFCREATE: File exists}), as is a virtual host left without an address,
 * which never leaves INIT. Then the host's timeline commands are typed into the same offline node in
 * their order (a crash of the host throws the node away, a boot types its configuration again), so that
 * an {@code at T host: COMMAND} line that fails is said with its place too: what it does depends on the
 * configuration the lines before it built, not on the CARP state. {@code carpsim check} prints these; a
 * run records and prints them too.
 */
public final class BootCheck {

  /** A problem at boot: where ({@code file:line:col}) and what. */
  public record Finding(String where, String message) {
    @Override
    public String toString() {
      return where + ": warning: " + message;
    }
  }

  private BootCheck() {}

  /** Every host's boot, in host order. */
  public static List<Finding> of(Scenario s) {
    List<Finding> out = new ArrayList<>();
    Map<Ipv4Address, String> nicAddresses = new HashMap<>();
    for (Nic n : s.nics()) {
      for (NicAddress a : n.addresses()) {
        if (a instanceof NicAddress.Inet4 a4) {
          nicAddresses.putIfAbsent(a4.address(), n.qualifiedName());
        }
      }
    }
    // each host's own timeline lines (its commands, its crashes and boots), in timeline order, indexed once
    Map<String, List<org.carpsim.scenario.model.TimelineEvent>> byHost = new HashMap<>();
    for (org.carpsim.scenario.model.TimelineEvent e : s.timeline()) {
      String host = e instanceof org.carpsim.scenario.model.TimelineEvent.CommandAt c ? c.host()
          : e instanceof org.carpsim.scenario.model.TimelineEvent.FaultAt f
              && f.fault() instanceof org.carpsim.sim.history.Fault.OfHost o
              && (o instanceof org.carpsim.sim.history.Fault.Crash || o instanceof org.carpsim.sim.history.Fault.Boot)
              ? o.host() : null;
      if (host != null) {
        byHost.computeIfAbsent(host, k -> new ArrayList<>()).add(e);
      }
    }
    for (Host h : s.hosts()) {
      CarpHost node = new CarpHost(h.profile(), new OfflineEnvironment(), NodeListener.NONE);
      CarpHostStack.typeBoot(node, h, nic -> { }, (origin, result) -> failed(result, origin.where(), out));
      for (VirtualHostStatus v : node.virtualHosts()) {
        if (v.ipv4().isEmpty() && v.ipv6().isEmpty() && v.vhid() > 0) {
          out.add(new Finding(h.origin().where(), h.name() + "." + v.iface() + " vhid " + v.vhid()
              + " has no address after boot: it stays INIT until one is given"));
        }
        for (Ipv6Address a : v.ipv6()) {
          if (a.hi() == 0 && (a.lo() >>> 32) == 0xffffL) {
            String mapped = "::ffff:" + new Ipv4Address((int) a.lo());
            out.add(new Finding(h.origin().where(), h.name() + "." + v.iface() + " vhid " + v.vhid() + " holds " + mapped
                + ", an IPv4-mapped address: no IPv6 neighbour asks for it and IPv4 clients never see it; give the "
                + "IPv4 address itself"));
          }
        }
        for (Ipv4Address a : v.ipv4()) {
          String nic = nicAddresses.get(a);
          if (nic != null) {
            out.add(new Finding(h.origin().where(), h.name() + "." + v.iface() + " vhid " + v.vhid() + " shares "
                + a + " with " + nic + "'s own address: the NIC answers for it whatever the CARP state"));
          }
        }
      }
      timeline(h, node, byHost.getOrDefault(h.name(), List.of()), out);
    }
    return out;
  }

  /**
   * The host's {@code at} lines typed in timeline order into the booted offline host: a crash throws it
   * away, a boot types the configuration again.
   */
  private static void timeline(Host h, CarpHost booted, List<org.carpsim.scenario.model.TimelineEvent> events,
      List<Finding> out) {
    CarpHost node = booted;
    boolean on = true;
    for (org.carpsim.scenario.model.TimelineEvent e : events) {
      if (e instanceof org.carpsim.scenario.model.TimelineEvent.CommandAt c) {
        // typed on a powered-off host, the run records it failed with these words (CarpHostStack.type)
        CommandResult r = on ? node.execute(c.command()) : CommandResult.failed("host is powered off");
        if (!r.ok()) {
          out.add(new Finding(c.origin().where(), "this line fails when it runs at "
              + org.carpsim.sim.time.Durations.format(c.at()) + ": " + r.error()));
        }
      } else if (((org.carpsim.scenario.model.TimelineEvent.FaultAt) e).fault() instanceof org.carpsim.sim.history.Fault.Crash) {
        on = false;
      } else {
        node = new CarpHost(h.profile(), new OfflineEnvironment(), NodeListener.NONE);
        CarpHostStack.typeBoot(node, h, nic -> { }, (origin, result) -> { });
        on = true;
      }
    }
  }

  private static void failed(CommandResult r, String where, List<Finding> out) {
    if (!r.ok()) {
      out.add(new Finding(where, "this line fails when it runs: " + r.error()));
    }
  }
}
