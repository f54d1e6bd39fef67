package org.carpsim.conformance.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.ConfigStyle;
import org.carpsim.carp.profile.Profile;

/**
 * What a live node is told: one virtual host on one interface, like a ucarp command line.
 *
 * @param iface the physical interface (never {@code any})
 * @param profile the system the node behaves like
 * @param vhid 1..255
 * @param pass the passphrase (never printed: {@link #toString()} hides it)
 * @param vip the virtual IPv4 address
 * @param vipPrefix its prefix length
 * @param advbase seconds
 * @param advskew 0..254
 * @param preempt the preempt sysctl (ucarp's --preempt)
 * @param upCommand run with (iface, vip) on becoming MASTER, if present
 * @param downCommand run with (iface, vip) on leaving MASTER, if present
 */
public record LiveNodeConfig(
    String iface,
    Profile profile,
    int vhid,
    String pass,
    Ipv4Address vip,
    int vipPrefix,
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
    Objects.requireNonNull(upCommand, "upCommand");
    Objects.requireNonNull(downCommand, "downCommand");
    if (iface.equals("any")) {
      throw new IllegalArgumentException("--iface any is refused: name one Ethernet interface");
    }
    if (vhid < 1 || vhid > 255) {
      throw new IllegalArgumentException("--vhid " + vhid + " is out of range 1..255");
    }
    if (vipPrefix < 1 || vipPrefix > 32) {
      throw new IllegalArgumentException("VIP prefix length /" + vipPrefix + " is out of range 1..32");
    }
    if (advbase < 1 || advbase > 254) {
      throw new IllegalArgumentException("--advbase " + advbase + " is out of range 1..254");
    }
    if (advskew < 0 || advskew > 254) {
      throw new IllegalArgumentException("--advskew " + advskew + " is out of range 0..254");
    }
  }

  /**
   * The configuration commands, in the profile's own syntax, that give a host with interface
   * {@code iface} at {@code hostAddress/hostPrefix} this virtual host.
   */
  public List<String> commands(Ipv4Address hostAddress, int hostPrefix) {
    List<String> out = new ArrayList<>();
    ConfigStyle.InterfaceModel model = profile.config().interfaces();
    String vipText = vip + "/" + vipPrefix;
    // No --pass means no pass keyword: an all-zero key, as ifconfig leaves it (§2.1).
    String passWords = pass.isEmpty() ? "" : " pass " + pass;
    switch (model) {
      case CARP_INTERFACES: {
        out.add("ifconfig " + iface + " inet " + hostAddress + "/" + hostPrefix);
        if (preempt) {
          out.add("sysctl net.inet.carp.preempt=1");
        }
        out.add("ifconfig carp0 create");
        String carpdev = profile.config().carpdev() == ConfigStyle.CarpdevPolicy.BY_SUBNET ? "" : " carpdev " + iface;
        out.add("ifconfig carp0 vhid " + vhid + passWords + carpdev + " advbase " + advbase
            + " advskew " + advskew + " " + vipText);
        break;
      }
      case VHID_ON_PARENT:
        out.add("ifconfig " + iface + " inet " + hostAddress + "/" + hostPrefix);
        if (preempt) {
          out.add("sysctl net.inet.carp.preempt=1");
        }
        out.add("ifconfig " + iface + " vhid " + vhid + " advbase " + advbase + " advskew " + advskew
            + passWords + " alias " + vipText);
        break;
      case UCARP_DAEMON:
        out.add("ifconfig " + iface + " inet " + hostAddress + "/" + hostPrefix);
        out.add("ucarp --interface=" + iface + " --srcip=" + hostAddress + " --vhid=" + vhid + " --pass=" + pass
            + " --addr=" + vip + " --advbase=" + advbase + " --advskew=" + advskew + (preempt ? " --preempt" : ""));
        break;
      default:
        throw new AssertionError(model);
    }
    return out;
  }

  /** The command that bows out gracefully, if the profile has one (the carp interface going down). */
  public Optional<String> bowOutCommand() {
    return profile.config().interfaces() == ConfigStyle.InterfaceModel.CARP_INTERFACES
        ? Optional.of("ifconfig carp0 down")
        : Optional.empty();
  }

  @Override
  public String toString() {
    return "LiveNodeConfig[" + iface + " profile " + profile.name() + " vhid " + vhid + " vip " + vip + "/" + vipPrefix
        + " advbase " + advbase + " advskew " + advskew + (preempt ? " preempt" : "") + " pass <hidden>]";
  }
}
