package org.carpsim.carp.node;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.node.embedded.CapturedFrame;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.ConfigStyle.InterfaceModel;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.CarpAdvertisement;

/** Test fixtures: hosts on an {@link EmbeddedLan} configured the way each profile's system is configured. */
final class Lab {

  static final long S = 1_000_000_000L;
  static final long MS = 1_000_000L;
  static final long US = 1_000L;

  /**
   * ucarp's loop alone, without the process times drawn per start and per up-script: for tests of the
   * loop's exact timing (UcarpProcessTimesTest covers the drawn times).
   */
  static final Profile UCARP_LOOP = Profiles.UCARP.withLifecycle(Profiles.UCARP.lifecycle().withoutProcessDelays());

  private Lab() {}

  /** The MAC of host number {@code n}. */
  static String mac(int n) {
    return String.format("02:00:00:00:00:%02x", n);
  }

  /**
   * Host {@code name} number {@code n} on segment "lan" (10.0.0.0/24, own address 10.0.0.(1+n)),
   * with vhid {@code vhid} on VIP 10.0.0.1 and the given advskew, in the profile's own syntax.
   */
  static EmbeddedHost carpHost(EmbeddedLan lan, String name, int n, Profile p, int vhid, int advskew, boolean preempt,
      String pass) {
    EmbeddedHost h = lan.host(name, p).nic(nic(p), "lan", mac(n));
    h.configure(addressLine(p, n));
    if (preempt && p.config().interfaces() != InterfaceModel.UCARP_DAEMON) {
      h.configure("sysctl net.inet.carp.preempt=1");
    }
    h.configure(carpLines(p, n, vhid, advskew, preempt, pass));
    return h;
  }

  static String nic(Profile p) {
    return p.config().interfaces() == InterfaceModel.UCARP_DAEMON ? "eth0" : "em0";
  }

  static String addressLine(Profile p, int n) {
    return "ifconfig " + nic(p) + " inet 10.0.0." + (1 + n) + "/24";
  }

  static String[] carpLines(Profile p, int n, int vhid, int advskew, boolean preempt, String pass) {
    switch (p.config().interfaces()) {
      case VHID_ON_PARENT:
        return new String[] {"ifconfig em0 vhid " + vhid + " advskew " + advskew + " pass " + pass + " 10.0.0.1/24 alias"};
      case UCARP_DAEMON:
        return new String[] {"ucarp --interface=eth0 --srcip=10.0.0." + (1 + n) + " --vhid=" + vhid + " --advskew="
            + advskew + " --pass=" + pass + " --addr=10.0.0.1 --upscript=/etc/vip-up.sh --downscript=/etc/vip-down.sh"
            + (preempt ? " --preempt" : "")};
      default: {
        String carpdev = p.knobs().options().contains(org.carpsim.carp.profile.Knobs.CarpOption.CARPDEV)
            ? " carpdev em0" : "";
        return new String[] {"ifconfig carp0 create",
            "ifconfig carp0 vhid " + vhid + " advskew " + advskew + " pass " + pass + carpdev + " 10.0.0.1/24"};
      }
    }
  }

  /** The interface name that holds the vhid: carp0, the parent em0, or ucarp's eth0. */
  static String iface(Profile p) {
    switch (p.config().interfaces()) {
      case VHID_ON_PARENT:
        return "em0";
      case UCARP_DAEMON:
        return "eth0";
      default:
        return "carp0";
    }
  }

  static CarpState state(EmbeddedHost h, int vhid) {
    return h.node().stateOfVhid(vhid).orElse(null);
  }

  /** The CARP advertisements {@code host} sent, with their frames. */
  static List<CapturedFrame> ads(EmbeddedLan lan, String host) {
    return lan.framesFrom(host).stream().filter(f -> f.carp().isPresent()).toList();
  }

  static Optional<CapturedFrame> lastAd(EmbeddedLan lan, String host) {
    List<CapturedFrame> a = ads(lan, host);
    return a.isEmpty() ? Optional.empty() : Optional.of(a.get(a.size() - 1));
  }

  static CarpAdvertisement carp(CapturedFrame f) {
    return f.carp().orElseThrow();
  }

  /** The time of the first transition of {@code host} to {@code to} at or after {@code from}. */
  static long firstTransition(EmbeddedLan lan, String host, CarpState to, long from) {
    return lan.transitions().stream()
        .filter(t -> t.host().equals(host) && t.transition().to() == to && t.transition().timeNanos() >= from)
        .mapToLong(t -> t.transition().timeNanos()).min()
        .orElseThrow(() -> new AssertionError(host + " never went " + to + " after " + from + ": " + lan.transitions()));
  }
}
