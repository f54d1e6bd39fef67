package org.carpsim.conformance.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.profile.ConfigStyle;
import org.carpsim.carp.profile.Profile;

/**
 * What a live node is told: one virtual host on one interface, like a ucarp command line, with an
 * IPv4 VIP, an IPv6 VIP or both (like a carp interface with an {@code inet} and an {@code inet6}
 * address: it then advertises over IPv4 to 224.0.0.18 and over IPv6 to ff02::12).
 *
 * @param iface the physical interface (never {@code any})
 * @param profile the system the node behaves like
 * @param vhid 1..255
 * @param pass the passphrase (never printed: {@link #toString()} hides it)
 * @param vip the virtual IPv4 address, if any
 * @param vipPrefix its prefix length (ignored without one)
 * @param vip6 the virtual IPv6 address, if any
 * @param vip6Prefix its prefix length (ignored without one)
 * @param advbase seconds
 * @param advskew 0..254
 * @param preempt the preempt sysctl (ucarp's --preempt)
 * @param upCommand run with (iface, vip) on becoming MASTER, if present ({@link #vipText()})
 * @param downCommand run with (iface, vip) on leaving MASTER, if present
 */
public record LiveNodeConfig(
    String iface,
    Profile profile,
    int vhid,
    String pass,
    Optional<Ipv4Address> vip,
    int vipPrefix,
    Optional<Ipv6Address> vip6,
    int vip6Prefix,
    int advbase,
    int advskew,
    boolean preempt,
    Optional<String> upCommand,
    Optional<String> downCommand) {

  public LiveNodeConfig {
    Objects.requireNonNull(iface, "iface");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(pass, "pass");
    Objects.requireNonNull(vip, "vip");
    Objects.requireNonNull(vip6, "vip6");
    if (vip.isEmpty() && vip6.isEmpty()) {
      throw new IllegalArgumentException("--vip: an IPv4 or an IPv6 virtual address is needed");
    }
    Objects.requireNonNull(upCommand, "upCommand");
    Objects.requireNonNull(downCommand, "downCommand");
    LiveInterface.requireNamed(iface);
    if (profile.config().interfaces() == ConfigStyle.InterfaceModel.KEEPALIVED_DAEMON) {
      throw new IllegalArgumentException("profile keepalived speaks VRRP; the live node speaks CARP (run the real "
          + "keepalived beside a live node of a CARP profile instead)");
    }
    if (vhid < 1 || vhid > 255) {
      throw new IllegalArgumentException("--vhid " + vhid + " is out of range 1..255");
    }
    if (vip.isPresent() && (vipPrefix < 1 || vipPrefix > 32)) {
      throw new IllegalArgumentException("VIP prefix length /" + vipPrefix + " is out of range 1..32");
    }
    if (vip6.isPresent() && (vip6Prefix < 1 || vip6Prefix > 128)) {
      throw new IllegalArgumentException("IPv6 VIP prefix length /" + vip6Prefix + " is out of range 1..128");
    }
    if (vip6.isPresent() && (vip6.get().isMulticast() || vip6.get().isLinkLocal())) {
      throw new IllegalArgumentException("--vip " + vip6.get() + ": an IPv6 VIP must be a global or unique-local "
          + "unicast address");
    }
    if (vip6.isPresent() && !profile.supportsIpv6()) {
      throw new IllegalArgumentException("--vip " + vip6.get() + ": profile " + profile.name()
          + " is IPv4-only (ucarp has no IPv6)");
    }
    if (advbase < 1 || advbase > 254) {
      throw new IllegalArgumentException("--advbase " + advbase + " is out of range 1..254");
    }
    if (advskew < 0 || advskew > 254) {
      throw new IllegalArgumentException("--advskew " + advskew + " is out of range 0..254");
    }
  }

  /** A node with one IPv4 VIP. */
  public LiveNodeConfig(String iface, Profile profile, int vhid, String pass, Ipv4Address vip, int vipPrefix,
      int advbase, int advskew, boolean preempt, Optional<String> upCommand, Optional<String> downCommand) {
    this(iface, profile, vhid, pass, Optional.of(Objects.requireNonNull(vip, "vip")), vipPrefix, Optional.empty(), 0,
        advbase, advskew, preempt, upCommand, downCommand);
  }

  /** The VIP the up/down commands get: the IPv4 one, else the IPv6 one. */
  public String vipText() {
    return vip.map(Object::toString).orElseGet(() -> vip6.get().toString());
  }

  /**
   * The configuration commands, in the profile's own syntax, that give a host with interface
   * {@code iface} at {@code hostAddress/hostPrefix} this virtual host (IPv4 VIP only).
   */
  public List<String> commands(Ipv4Address hostAddress, int hostPrefix) {
    return commands(Optional.of(new LiveInterface.Ipv4InterfaceAddress(hostAddress, hostPrefix)), List.of());
  }

  /**
   * The configuration commands, in the profile's own syntax, that give a host with interface
   * {@code iface} at {@code host4} (if any) and {@code host6} (its IPv6 addresses: the link-local
   * one first, so IPv6 advertisements leave from it as OpenBSD's do) this virtual host.
   *
   * @throws IllegalArgumentException when a VIP's family has no host address (no source for it)
   */
  public List<String> commands(Optional<LiveInterface.Ipv4InterfaceAddress> host4,
      List<LiveInterface.Ipv6InterfaceAddress> host6) {
    if (vip.isPresent() && host4.isEmpty()) {
      throw new IllegalArgumentException(iface + " has no IPv4 address; IPv4 CARP advertisements need a source "
          + "address (ip addr add A/len dev " + iface + ")");
    }
    if (vip6.isPresent() && host6.isEmpty()) {
      throw new IllegalArgumentException(iface + " has no IPv6 address (is IPv6 disabled? sysctl "
          + "net.ipv6.conf." + iface + ".disable_ipv6=0); IPv6 CARP advertisements leave from its link-local address");
    }
    List<String> out = new ArrayList<>();
    ConfigStyle.InterfaceModel model = profile.config().interfaces();
    List<LiveInterface.Ipv6InterfaceAddress> ordered = new ArrayList<>();
    for (LiveInterface.Ipv6InterfaceAddress a : host6) {
      if (a.address().isLinkLocal()) {
        ordered.add(0, a);
      } else {
        ordered.add(a);
      }
    }
    String vipText = vip.map(v -> v + "/" + vipPrefix).orElse("");
    String vip6Text = vip6.map(v -> v + "/" + vip6Prefix).orElse("");
    List<String> hostLines = new ArrayList<>();
    host4.ifPresent(a -> hostLines.add("ifconfig " + iface + " inet " + a.address() + "/" + a.prefixLength()));
    if (vip6.isPresent()) {
      for (int i = 0; i < ordered.size(); i++) {
        LiveInterface.Ipv6InterfaceAddress a = ordered.get(i);
        hostLines.add("ifconfig " + iface + " inet6 " + a.address() + "/" + a.prefixLength() + (i > 0 ? " alias" : ""));
      }
    }
    Ipv4Address hostAddress = host4.map(LiveInterface.Ipv4InterfaceAddress::address).orElse(null);
    // No --pass means no pass keyword: an all-zero key, as ifconfig leaves it (§2.1).
    String passWords = pass.isEmpty() ? "" : " pass " + pass;
    switch (model) {
      case CARP_INTERFACES: {
        out.addAll(hostLines);
        if (preempt) {
          out.add("sysctl net.inet.carp.preempt=1");
        }
        out.add("ifconfig carp0 create");
        String carpdev = profile.config().carpdev() == ConfigStyle.CarpdevPolicy.BY_SUBNET ? "" : " carpdev " + iface;
        out.add("ifconfig carp0 vhid " + vhid + passWords + carpdev + " advbase " + advbase
            + " advskew " + advskew + (vipText.isEmpty() ? "" : " " + vipText));
        if (vip6.isPresent()) {
          out.add("ifconfig carp0 inet6 " + vip6Text + (vip.isPresent() ? " alias" : ""));
        }
        break;
      }
      case VHID_ON_PARENT:
        out.addAll(hostLines);
        if (preempt) {
          out.add("sysctl net.inet.carp.preempt=1");
        }
        if (vip.isPresent()) {
          out.add("ifconfig " + iface + " vhid " + vhid + " advbase " + advbase + " advskew " + advskew
              + passWords + " alias " + vipText);
        }
        if (vip6.isPresent()) {
          out.add("ifconfig " + iface + " inet6 vhid " + vhid + " advbase " + advbase + " advskew " + advskew
              + passWords + " alias " + vip6Text);
        }
        break;
      case UCARP_DAEMON:
        out.addAll(hostLines);
        out.add("ucarp --interface=" + iface + " --srcip=" + hostAddress + " --vhid=" + vhid + " --pass=" + pass
            + " --addr=" + vipText() + " --advbase=" + advbase + " --advskew=" + advskew + (preempt ? " --preempt" : ""));
        break;
      default:
        throw new AssertionError(model);
    }
    return out;
  }

  /** The command that bows out gracefully, if the profile has one (the carp interface going down). */
  public Optional<String> bowOutCommand() {
    return bowsOut(profile) ? Optional.of("ifconfig carp0 down") : Optional.empty();
  }

  /**
   * Whether a live node of {@code profile} bows out when stopped: the kernels' carp interfaces go
   * down and a MASTER sends advbase 255 advskew 255; ucarp sends nothing on SIGTERM (its
   * {@code --shutdown} runs only the down script), so its peers wait out their master-down
   * interval.
   */
  public static boolean bowsOut(Profile profile) {
    return profile.config().interfaces() == ConfigStyle.InterfaceModel.CARP_INTERFACES;
  }

  /**
   * Whether a live node of {@code profile} answers ARP (and IPv6 neighbour solicitations) for the
   * VIP itself while MASTER: the kernels' CARP does; ucarp leaves it to the kernel, which answers
   * once the up script has added the address to the interface.
   */
  public static boolean answersArpForVip(Profile profile) {
    return profile.config().interfaces() != ConfigStyle.InterfaceModel.UCARP_DAEMON;
  }

  @Override
  public String toString() {
    String vips = vip.map(v -> " vip " + v + "/" + vipPrefix).orElse("")
        + vip6.map(v -> " vip " + v + "/" + vip6Prefix).orElse("");
    return "LiveNodeConfig[" + iface + " profile " + profile.name() + " vhid " + vhid + vips
        + " advbase " + advbase + " advskew " + advskew + (preempt ? " preempt" : "") + " pass <hidden>]";
  }
}
