package org.carpsim.carp.node;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.config.UcarpOptions;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Balancing.BalancingMode;

/**
 * The holder of one or more virtual hosts: an OpenBSD/NetBSD/FreeBSD-6 carp interface (a softc with
 * its vhosts), one FreeBSD vhid on its parent, or one ucarp daemon.
 */
final class CarpIf {

  /** What kind of holder this is. */
  enum Kind {
    /** {@code carpN}, created with ifconfig. */
    CARP_INTERFACE,
    /** FreeBSD ≥10: one vhid on the parent; {@link #name} is the parent's name. */
    PARENT_VHID,
    /** One ucarp daemon; {@link #name} is its interface. */
    UCARP
  }

  final Kind kind;
  final String name;
  /** Shared per name: the statistics of carp0 survive a destroy and re-create, as carpstats do. */
  final long[] stats;

  /** IFF_UP of the carp interface (FreeBSD / ucarp: not used, the parent's counts). */
  boolean adminUp;
  /** IFF_RUNNING as carp_setrun last computed it. */
  boolean running;
  /** The parent (carpdev), null while unattached. */
  Nic carpdev;
  /** The parent was chosen by subnet (OpenBSD 3.5, FreeBSD 6, NetBSD without carpdev). */
  boolean carpdevBySubnet;

  int advbase = 1;
  /** advskew for the node created by {@code vhid N}, kept while no vhid is set (ifconfig order). */
  int pendingAdvskew;
  /** Vhosts sorted by vhid; the first is the leader. Empty until a vhid is configured. */
  final List<Vhost> vhosts = new ArrayList<>(1);
  CarpKey key = CarpKey.NONE;
  /** {@code sc_hashkey} for ARP balancing, derived from {@link #key} when first needed. */
  int[] hashKey;
  /** Own addresses (carp interfaces); FreeBSD vhids use the parent's list filtered by vhid. */
  final AddressList addrs = new AddressList();
  /** The current lladdr ({@code ac_enaddr}); null until computed. */
  MacAddress lladdr;
  /** Set with {@code lladdr X}: kept across vhid changes unless it looks like a carp MAC. */
  boolean lladdrManual;
  /** Advertisement destination: 224.0.0.18 or a unicast peer. */
  Ipv4Address peer = Ipv4Address.CARP_GROUP;
  /** FreeBSD {@code peer6}; null for ff02::12. */
  Ipv6Address peer6;
  BalancingMode balancing = BalancingMode.NONE;
  /** Interface groups (OpenBSD): "carp" by default. */
  final VersionedSet<String> groups = new VersionedSet<>();
  /** {@code Engine.demoteCount} as last computed, and the versions and own count it came from. */
  int demoteCountCached = -1;
  int demoteCountMapVersion;
  int demoteCountSetVersion;
  int demoteCountOwn;
  /** OpenBSD {@code sc_demote_cnt}. */
  int demoteCnt;
  /** {@code sc_sendad_errors}: failed advertisement sends in a row (capped at INT_MAX). */
  int sendadErrors;
  /** {@code sc_sendad_success}: successful sends since the errors reached the threshold. */
  int sendadSuccess;
  /** {@code sc_suppress}: the parent is down. */
  boolean suppress;
  /** OpenBSD 1.54 {@code sc_flags_backup}: the UP flag saved while the parent is down. */
  boolean upBeforeParentLoss;
  /** {@code sc_bow_out}: the next ads go out as 255/255. */
  boolean bowOut;
  /** {@code sc_delayed_arp}: ads of the leader left before the second gratuitous ARP round; -1 none. */
  int delayedArp = -1;
  /** OpenBSD 1.370 {@code sc_send_na}: send the unsolicited NAs when the link state hook runs. */
  boolean sendNa;
  int mtu = 1500;
  String description = "";
  /** The ucarp daemon when {@link Kind#UCARP}. */
  UcarpDaemon daemon;
  UcarpOptions ucarp;

  CarpIf(Kind kind, String name, long[] stats) {
    this.kind = kind;
    this.name = name;
    this.stats = stats;
  }

  Vhost leader() {
    return vhosts.isEmpty() ? null : vhosts.get(0);
  }

  Vhost vhost(int vhid) {
    for (int i = 0; i < vhosts.size(); i++) {
      Vhost v = vhosts.get(i);
      if (v.vhid == vhid) {
        return v;
      }
    }
    return null;
  }

  int leaderVhid() {
    return vhosts.isEmpty() ? 0 : vhosts.get(0).vhid;
  }

  /** The vhid FreeBSD tags this softc's addresses with on the parent. */
  int parentVhid() {
    return kind == Kind.PARENT_VHID ? leaderVhid() : 0;
  }

  List<Ipv4Address> ipv4() {
    switch (kind) {
      case PARENT_VHID:
        return carpdev == null ? List.of() : carpdev.addrs.v4Addresses(leaderVhid());
      case UCARP:
        return List.of(ucarp.virtualAddress());
      default:
        return addrs.v4Addresses(-1);
    }
  }

  List<Ipv6Address> ipv6() {
    switch (kind) {
      case PARENT_VHID:
        return carpdev == null ? List.of() : carpdev.addrs.v6Addresses(leaderVhid());
      case UCARP:
        return List.of();
      default:
        return addrs.v6Addresses(-1);
    }
  }

  boolean hasV4() {
    return kind == Kind.UCARP || countV4() > 0;
  }

  int countV4() {
    if (kind == Kind.PARENT_VHID) {
      if (carpdev == null) {
        return 0;
      }
      int n = 0;
      for (AddressList.V4 a : carpdev.addrs.v4) {
        if (a.vhid() == leaderVhid()) {
          n++;
        }
      }
      return n;
    }
    return kind == Kind.UCARP ? 1 : addrs.v4.size();
  }

  int countV6() {
    if (kind == Kind.PARENT_VHID) {
      if (carpdev == null) {
        return 0;
      }
      int n = 0;
      for (AddressList.V6 a : carpdev.addrs.v6) {
        if (a.vhid() == leaderVhid()) {
          n++;
        }
      }
      return n;
    }
    return kind == Kind.UCARP ? 0 : addrs.v6.size();
  }

  boolean holdsV4(int value) {
    if (kind == Kind.UCARP) {
      return ucarp.virtualAddress().value() == value;
    }
    if (kind == Kind.PARENT_VHID) {
      if (carpdev == null) {
        return false;
      }
      for (AddressList.V4 a : carpdev.addrs.v4) {
        if (a.vhid() == leaderVhid() && a.address().value() == value) {
          return true;
        }
      }
      return false;
    }
    return addrs.hasV4(value);
  }

  boolean holdsV6(Ipv6Address a) {
    return ipv6().contains(a);
  }

  /** True when a unicast peer is configured (advertisements are not multicast). */
  boolean unicast() {
    return !peer.isMulticast();
  }

  void invalidateHmacs() {
    for (Vhost v : vhosts) {
      v.invalidateHmac();
    }
  }

  @Override
  public String toString() {
    return name + (kind == Kind.CARP_INTERFACE ? "" : " vhid " + leaderVhid());
  }
}
