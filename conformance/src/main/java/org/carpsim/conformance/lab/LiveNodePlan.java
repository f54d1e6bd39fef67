package org.carpsim.conformance.lab;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.config.AddressChange;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.IfSetting;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.NicAddress;

/**
 * A kernel-profile host as carpsim's live node runs it ({@code carpsim node}): its configuration
 * read for the one vhid it sets (vhid, pass, advbase, advskew, its IPv4 address, the preempt
 * sysctl) and the NIC that address lies on. A host with more than that is refused with the reason.
 *
 * @param carpIface the carp interface (or FreeBSD parent) that holds the vhid, as the history names it
 * @param nic the NIC the node runs on
 * @param vhid the vhid
 * @param pass the passphrase as typed (given only to the node's process, never printed)
 * @param vip the virtual address with its prefix length
 * @param advbase seconds
 * @param advskew 0..254
 * @param preempt {@code net.inet.carp.preempt=1}
 * @param refusal why the host cannot run live, if it cannot
 */
public record LiveNodePlan(String carpIface, String nic, int vhid, String pass, String vip, int advbase, int advskew, boolean preempt,
    Optional<String> refusal) {

  /** The plan of {@code h}'s configuration. */
  public static LiveNodePlan of(Host h) {
    Integer vhid = null;
    String pass = "";
    Ipv4Address vip = null;
    int len = 0;
    int advbase = 1;
    int advskew = 0;
    boolean preempt = false;
    String carpdev = null;
    String carpIface = null;
    for (HostCommand c : h.commands()) {
      if (c instanceof HostCommand.SysctlSet s && s.name().endsWith("carp.preempt")) {
        preempt = s.value() != 0;
      } else if (c instanceof HostCommand.IfconfigSet set) {
        Optional<IfSetting.Vhid> v = set.lastSetting(IfSetting.Vhid.class);
        if (v.isPresent() && vhid != null && vhid != v.get().vhid()) {
          return refused("it configures vhids " + vhid + " and " + v.get().vhid()
              + "; a live node runs one vhid per host");
        }
        if (v.isPresent()) {
          vhid = v.get().vhid();
          carpIface = set.ifname();
        }
        Optional<IfSetting.Pass> p = set.lastSetting(IfSetting.Pass.class);
        if (p.isPresent()) {
          pass = new String(p.get().pass().bytes(), StandardCharsets.UTF_8);
        }
        advbase = set.lastSetting(IfSetting.Advbase.class).map(IfSetting.Advbase::seconds).orElse(advbase);
        advskew = set.lastSetting(IfSetting.Advskew.class).map(IfSetting.Advskew::skew).orElse(advskew);
        carpdev = set.lastSetting(IfSetting.Carpdev.class).map(IfSetting.Carpdev::parent).orElse(carpdev);
        if (set.address().isPresent() && set.address().get() instanceof AddressChange.Inet a
            && h.nic(set.ifname()).isEmpty()) {
          vip = a.address();
          len = a.prefixGiven() ? a.prefixLength() : 0;
        }
      }
    }
    if (vhid == null || vip == null) {
      return refused("its configuration sets no carp interface with a vhid and an IPv4 address");
    }
    Optional<Nic> on = Optional.empty();
    if (carpdev != null) {
      on = h.nic(carpdev);
    }
    for (Nic n : h.nics()) {
      for (NicAddress a : n.addresses()) {
        if (on.isEmpty() && a instanceof NicAddress.Inet4 v4 && v4.subnet().contains(vip)) {
          on = Optional.of(n);
          len = len == 0 ? v4.prefixLength() : len;
        }
      }
    }
    if (on.isEmpty()) {
      return refused("no NIC of the host has an address in the subnet of " + vip);
    }
    return new LiveNodePlan(carpIface, on.get().name(), vhid, pass, vip + "/" + (len == 0 ? 32 : len), advbase, advskew, preempt,
        Optional.empty());
  }

  private static LiveNodePlan refused(String why) {
    return new LiveNodePlan("", "", 0, "", "", 1, 0, false, Optional.of("carpsim's live node stands in for this host, but "
        + why));
  }

  /** The arguments after {@code carpsim node} that run this plan with {@code profile}. */
  public List<String> arguments(String profile) {
    List<String> a = new ArrayList<>(List.of("--iface", nic, "--vhid", Integer.toString(vhid), "--vip", vip,
        "--profile", profile, "--advbase", Integer.toString(advbase), "--advskew", Integer.toString(advskew)));
    if (!pass.isEmpty()) {
      a.addAll(List.of("--pass", pass));
    }
    if (preempt) {
      a.add("--preempt");
    }
    return a;
  }

  @Override
  public String toString() {
    return "carpsim node --iface " + nic + " --vhid " + vhid + " --vip " + vip + " --advbase " + advbase
        + " --advskew " + advskew + (pass.isEmpty() ? "" : " --pass ********") + (preempt ? " --preempt" : "");
  }
}
