package org.carpsim.carp.node;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.auth.CarpCounter;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Balancing.BalancingMode;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Demotion.SkewDemotion;
import org.carpsim.carp.profile.Emission;
import org.carpsim.carp.profile.Emission.IpId;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.ReceiveRules;
import org.carpsim.carp.profile.Statistics.PreemptCounting;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.carp.wire.Frames;

/**
 * The kernel's CARP state machine for carp interfaces and FreeBSD vhids: {@code carp_setrun},
 * {@code carp_master_down}, {@code carp_send_ad}, the state rules on receipt, link-state hooks and
 * demotion, each written once and steered by the profile's switches (ucarp has its own loop,
 * {@link UcarpDaemon}).
 */
final class Engine {

  static final String R_INIT_COMPLETE = "initialization complete";
  static final String R_TIMED_OUT = "master timed out";
  static final String R_PREEMPT = "preempting a slower master";
  static final String R_MORE_DEMOTED = "master is more demoted";
  static final String R_WILL_TIME_OUT = "master will time out";
  static final String R_MORE_FREQUENT = "more frequent advertisement received";
  static final String R_USER = "user requested via ifconfig";
  static final String R_IF_DOWN = "hardware interface down";
  static final String R_IF_UP = "hardware interface up";
  static final String R_ADMIN_DOWN = "interface down";
  static final String R_RECONFIGURED = "configuration changed";
  static final String R_INIT_PREEMPT = "preempting";
  static final String R_NO_CARPDEV = "no carpdev";
  static final String R_DESTROYED = "virtual host removed";


  private final CarpHost h;
  private final Profile p;
  private final CarpLog log;
  private boolean sendAllRecursion;

  Engine(CarpHost h) {
    this.h = h;
    this.p = h.profile();
    this.log = h.log();
  }

  // ---- values -----------------------------------------------------------------------------------

  /** The {@code demotion} argument of the profile's timer and comparison methods (see Demotion). */
  int demotion() {
    SkewDemotion s = p.demotion().skew();
    if (s == SkewDemotion.RAISE_TO_240_WHILE_SUPPRESSED) {
      return h.suppressCounter;
    }
    if (s == SkewDemotion.ADD_CLAMPED || s == SkewDemotion.ADD_CAPPED_WRAPPING) {
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, h.sysctlDemotion));
    }
    return 0;
  }

  /** OpenBSD's {@code carp_group_demote_count}: the sum over the interface's groups, else its own. */
  int demoteCount(CarpIf sc) {
    if (!p.demotion().groupCounters()) {
      return 0;
    }
    // read per advertisement sent and received: recomputed only when a group or a count changed
    if (sc.demoteCountCached >= 0 && sc.demoteCountMapVersion == h.groupDemoted.version
        && sc.demoteCountSetVersion == sc.groups.version && sc.demoteCountOwn == sc.demoteCnt) {
      return sc.demoteCountCached;
    }
    long count = 0;
    for (String g : sc.groups) {
      count += h.groupDemoted.getOrDefault(g, 0);
    }
    if (count == 0 && sc.demoteCnt != 0) {
      count = sc.demoteCnt;
    }
    int result = (int) Math.min(255, count);
    sc.demoteCountCached = result;
    sc.demoteCountMapVersion = h.groupDemoted.version;
    sc.demoteCountSetVersion = sc.groups.version;
    sc.demoteCountOwn = sc.demoteCnt;
    return result;
  }

  /** What a status report calls the demotion in effect for {@code sc}. */
  int demotionInEffect(CarpIf sc) {
    if (sc.kind == CarpIf.Kind.UCARP) {
      return 0;
    }
    return p.demotion().groupCounters() ? demoteCount(sc) : demotion();
  }

  boolean preempt() {
    return h.sysctlPreempt != 0;
  }

  boolean allow() {
    return h.sysctlAllow != 0;
  }

  // ---- creation ---------------------------------------------------------------------------------

  Vhost newVhost(CarpIf sc, int vhid, int advskew) {
    Vhost[] self = new Vhost[1];
    Vhost v = new Vhost(sc, vhid, advskew, h.env(),
        () -> adTimerFired(self[0]), () -> masterDown(self[0], R_TIMED_OUT), () -> masterDown(self[0], R_TIMED_OUT),
        new CarpCounter(p.authentication().counter(), h.random()));
    self[0] = v;
    return v;
  }

  /** Prepares the vhost's HMAC if a configuration change dropped it (§2). */
  void ensureHmac(Vhost v) {
    if (v.hmac != null) {
      return;
    }
    CarpIf sc = v.sc;
    HmacScheme scheme = p.authentication().hmac();
    MacAddress lladdr = null;
    if (scheme == HmacScheme.OPENBSD && v.isLeader() && sc.lladdr != null && sc.carpdev != null
        && !sc.lladdr.equals(sc.carpdev.mac) && !sc.lladdr.equals(v.enaddr)) {
      lladdr = sc.lladdr;
    }
    List<Ipv4Address> v4 = sc.ipv4();
    List<Ipv6Address> v6 = sc.ipv6();
    if (scheme == HmacScheme.UCARP && (v4.size() != 1 || !v6.isEmpty())) {
      // an OpenBSD-hashed vhost is never prepared with the ucarp scheme; keep the node alive anyway
      scheme = HmacScheme.SORTED;
    }
    v.hmac = CarpHmac.prepare(scheme, sc.key, v.vhid, v4, v6, lladdr);
  }

  /**
   * OpenBSD's {@code carp_set_enaddr}: every vhost's MAC (the leader's with the multicast bit in
   * balancing ip), then the interface lladdr follows the leader's unless it was set by hand to
   * something that does not look like a carp MAC. Returns true when the lladdr changed (the caller
   * then sets everything INIT and re-runs, as the kernel does).
   */
  boolean setEnaddr(CarpIf sc) {
    for (Vhost v : sc.vhosts) {
      long mac = 0x00005e000100L | v.vhid;
      if (v.isLeader() && sc.balancing == BalancingMode.IP) {
        mac |= 0x0100_0000_0000L;
      }
      v.enaddr = new MacAddress(mac);
    }
    Vhost leader = sc.leader();
    MacAddress old = sc.lladdr;
    if (leader == null) {
      if (!sc.lladdrManual) {
        sc.lladdr = MacAddress.ZERO;
      }
    } else {
      MacAddress cur = sc.lladdr == null ? MacAddress.ZERO : sc.lladdr;
      boolean looksCarp = (cur.value() & 0x00ff_ffff_ff00L) == 0x0000_5e00_0100L;
      if (!sc.lladdrManual || looksCarp || cur.value() == 0) {
        sc.lladdr = leader.enaddr;
        sc.lladdrManual = false;
      }
    }
    boolean changed = old == null || !old.equals(sc.lladdr);
    if (changed) {
      sc.invalidateHmacs();
    }
    return changed;
  }

  // ---- state ------------------------------------------------------------------------------------

  void setState(Vhost v, CarpState to, String reason) {
    CarpState from = v.state;
    if (from == to) {
      return;
    }
    v.state = to;
    log.transition(v.sc, v, from, to, reason);
    if (v.sc.balancing != BalancingMode.NONE) {
      log.lsmask(v.sc, lsmask(v.sc));
    }
    h.listener().onTransition(new Transition(h.env().now(), v.sc.name, v.vhid,
        v.sc.carpdev == null ? "" : v.sc.carpdev.name, from, to, reason, v.sc.ipv4()));
  }

  /** {@code sc_lsmask}: bit i set while the i-th vhost (vhid order) is MASTER. */
  static int lsmask(CarpIf sc) {
    int mask = 0;
    for (int i = 0; i < sc.vhosts.size() && i < 32; i++) {
      if (sc.vhosts.get(i).state == CarpState.MASTER) {
        mask |= 1 << i;
      }
    }
    return mask;
  }

  /** The EUI-64 link-local address a BSD kernel attaches for {@code mac} (fe80::, U/L bit flipped, ff:fe). */
  static Ipv6Address linkLocal(MacAddress mac) {
    long m = mac.value();
    long iid = ((m >>> 24) & 0xffffffL) << 40 | 0xfffeL << 24 | (m & 0xffffffL);
    iid ^= 0x0200_0000_0000_0000L;
    return new Ipv6Address(0xfe80_0000_0000_0000L, iid);
  }

  void setStateAll(CarpIf sc, CarpState to, String reason) {
    for (Vhost v : sc.vhosts) {
      setState(v, to, reason);
    }
  }

  // ---- running ----------------------------------------------------------------------------------

  /** The conditions under which {@code carp_setrun} sets IFF_RUNNING. */
  private boolean runnable(CarpIf sc, Vhost v) {
    boolean addrs = sc.countV4() + sc.countV6() > 0;
    if (sc.kind == CarpIf.Kind.PARENT_VHID) {
      // FreeBSD: parent UP, link UP, an address, net.inet.carp.allow
      return sc.carpdev.running() && addrs && allow();
    }
    return sc.adminUp && v.vhid > 0 && addrs && !sc.suppress;
  }

  void setrunAll(CarpIf sc, int af) {
    if (sc.vhosts.isEmpty()) {
      sc.running = false;
      return;
    }
    for (Vhost v : new ArrayList<>(sc.vhosts)) {
      setrun(v, af);
    }
  }

  /** {@code carp_setrun(vhe, af)}: af 0 = both families, 4 or 6 = that master-down timer only. */
  void setrun(Vhost v, int af) {
    CarpIf sc = v.sc;
    if (sc.carpdev == null) {
      sc.running = false;
      setStateAll(sc, CarpState.INIT, R_NO_CARPDEV);
      return;
    }
    if (!runnable(sc, v)) {
      sc.running = false;
      return;
    }
    sc.running = true;
    switch (v.state) {
      case INIT:
        if (p.lifecycle().initToMasterWhenPreempting() && preempt() && h.suppressCounter == 0) {
          // OpenBSD 1.54: straight to MASTER, sending ad, ARP and NA first (no setrun: the ad re-arms)
          sendAd(v);
          long after = sendArp(sc);
          neighborAdvertisements(sc, after);
          setState(v, CarpState.MASTER, R_INIT_PREEMPT);
          log.netbsdReason(sc, "INIT -> MASTER (preempting)");
        } else {
          setState(v, CarpState.BACKUP, R_INIT_COMPLETE);
          setrun(v, 0);
        }
        break;
      case BACKUP: {
        v.adTimer.cancel();
        if (v.isLeader()) {
          sc.delayedArp = -1;
        }
        long md = p.masterDownIntervalNs(sc.advbase, v.advskew, demotion());
        // NetBSD 2016 compiled the IPv6 timer out with IPv6 sending (INET6_notyet): af 6 falls to the default
        boolean inet6 = p.emission().ipv6Advertisements();
        if (af == 4) {
          v.mdTimer.armAfter(md);
        } else if (af == 6 && inet6) {
          v.md6Timer.armAfter(md);
        } else {
          if (sc.countV4() > 0) {
            v.mdTimer.armAfter(md);
          }
          if (sc.countV6() > 0 && inet6) {
            v.md6Timer.armAfter(md);
          }
        }
        break;
      }
      case MASTER:
        v.adTimer.armAfter(p.firstAdvertisementIntervalNs(sc.advbase, v.advskew, demotion()));
        break;
      default:
        throw new AssertionError(v.state);
    }
  }

  // ---- taking over ------------------------------------------------------------------------------

  /** {@code carp_master_down}: the master-down timer fired, or a rule says "take over now". */
  void masterDown(Vhost v, String reason) {
    CarpIf sc = v.sc;
    switch (v.state) {
      case INIT:
        log.masterDownInInit(sc);
        return;
      case MASTER:
        return;
      default:
        break;
    }
    setState(v, CarpState.MASTER, reason);
    if (R_TIMED_OUT.equals(reason) || R_WILL_TIME_OUT.equals(reason)) {
      log.netbsdReason(sc, "BACKUP -> MASTER (master timed out)");
    } else if (R_PREEMPT.equals(reason)) {
      log.netbsdReason(sc, "BACKUP -> MASTER (preempting a slower master)");
    }
    sendAd(v);
    if (sc.balancing == BalancingMode.NONE && v.isLeader()) {
      long after = sendArp(sc);
      if (p.emission().delayedGarpAfterAds() > 0) {
        sc.delayedArp = p.emission().delayedGarpAfterAds();
      }
      if (p.emission().neighborAdvertisement() == Emission.NeighborAdvertisement.ON_LINK_UP) {
        sc.sendNa = true;
      } else {
        neighborAdvertisements(sc, after);
      }
    }
    setrun(v, 0);
    if (p.statistics().preemptCounting() == PreemptCounting.EVERY_BACKUP_TO_MASTER) {
      sc.stats[CarpStat.PREEMPT.ordinal()]++;
    }
    if (sc.sendNa) {
      // OpenBSD 1.370: the link-state task runs after the transition and sends the NAs
      sc.sendNa = false;
      if (v.state == CarpState.MASTER) {
        neighborAdvertisements(sc, 0);
      }
    }
  }

  /** The timer of a MASTER's periodic advertisement. */
  private void adTimerFired(Vhost v) {
    sendAd(v);
  }

  // ---- sending ----------------------------------------------------------------------------------

  /** {@code carp_send_ad}: one advertisement per address family, then re-arm (not after a bow-out). */
  void sendAd(Vhost v) {
    CarpIf sc = v.sc;
    Nic dev = sc.carpdev;
    if (dev == null) {
      return;
    }
    boolean bow;
    switch (p.lifecycle().bowOut()) {
      case ON_ADMIN_DOWN:
        bow = sc.bowOut;
        break;
      case WHEN_NOT_RUNNING_AT_SEND:
        bow = !(sc.adminUp && sc.running);
        break;
      default:
        bow = false;
    }
    int dem = demotion();
    int advbase = bow ? 255 : sc.advbase;
    int advskew = bow ? 255 : p.effectiveAdvskew(v.advskew, dem);
    int demote = p.advertisedDemote(demoteCount(sc));
    ensureHmac(v);
    long srcMac = adSourceMac(sc, v);
    if (sc.countV4() > 0) {
      long counter = v.counter.nextForAdvertisement();
      Emission.Ipv4Header ih = p.emission().ipv4Header();
      int dst = sc.peer.value();
      byte[] frame = Emitter.ad4(sc.peer.isMulticast() ? Frames.multicastMac(sc.peer).value() : 0, srcMac,
          ih.tos((int) h.sysctlDscp), ipId(ih.ipId()), ih.ttl(), adSource4(sc), dst,
          v.vhid, advskew, demote, advbase, counter, v.md(counter));
      sc.stats[CarpStat.OPACKETS.ordinal()]++;
      sendResult(sc, h.transmitIpv4(dev, frame, dst), 4);
      if (v.isLeader() && p.emission().delayedGarpAfterAds() > 0) {
        if (sc.delayedArp > 0) {
          sc.delayedArp--;
        }
        if (sc.delayedArp == 0) {
          sendArp(sc);
          sc.delayedArp = -1;
        }
      }
    }
    if (sc.countV6() > 0 && p.emission().ipv6Advertisements()) {
      long counter = v.counter.nextForAdvertisement();
      Ipv6Address dst6 = sc.peer6 == null ? Ipv6Address.CARP_GROUP : sc.peer6;
      long dstMac = sc.peer6 == null ? Frames.multicastMac(Ipv6Address.CARP_GROUP).value() : h.neighborMac6(dev, dst6);
      int tc = p.emission().ipv4Header().tosSource() == Emission.TosSource.DSCP_SYSCTL
          ? (int) (h.sysctlDscp & 0x3f) << 2 : 0;
      byte[] frame = Emitter.ad6(dstMac, srcMac, tc, adSource6(sc), dst6, v.vhid, advskew, demote, advbase, counter,
          v.md(counter));
      sc.stats[CarpStat.OPACKETS6.ordinal()]++;
      sendResult(sc, h.transmit(dev, frame), 6);
    }
    if (!(advbase == 255 && advskew == 255) || p.lifecycle().rescheduleAfterBowOut()) {
      v.adTimer.armAfter(p.timing().advertisementIntervalNs(advbase, advskew));
    }
  }

  /** ENOBUFS, the error a failing driver returns (55 on OpenBSD and FreeBSD). */
  static final int ENOBUFS = 55;

  /**
   * {@code carp_send_ad}'s accounting after each send: the errors in a row demote once they reach
   * the threshold, as many successes in a row after that undemote (§5.4, §5.5). Only a MASTER sends,
   * so a host that became BACKUP meanwhile keeps the demotion until it sends again.
   */
  private void sendResult(CarpIf sc, boolean sent, int family) {
    if (sc.kind == CarpIf.Kind.UCARP || !p.demotion().triggers().contains(
        org.carpsim.carp.profile.Demotion.Trigger.SEND_ERRORS)) {
      return;
    }
    SkewDemotion rule = p.demotion().skew();
    boolean freebsd = rule == SkewDemotion.ADD_CLAMPED || rule == SkewDemotion.ADD_CAPPED_WRAPPING;
    // OpenBSD: 3 x the vhosts of the interface; 1.54 and FreeBSD: 3
    int threshold = p.demotion().groupCounters()
        ? p.demotion().sendErrorsPerVhost() * Math.max(1, sc.vhosts.size()) : p.demotion().sendErrorsPerVhost();
    String dev = sc.carpdev == null ? "" : sc.carpdev.name;
    if (!sent) {
      if (!freebsd) {
        sc.stats[CarpStat.ONOMEM.ordinal()]++; // ENOBUFS: counted, not logged
      }
      if (sc.sendadErrors < Integer.MAX_VALUE) {
        sc.sendadErrors++;
      }
      if (sc.sendadErrors == threshold) {
        if (freebsd) {
          freebsdDemoteAdjFromSend((int) h.sysctlValue("net.inet.carp.senderr_demotion_factor", 240),
              "send error " + ENOBUFS + " on " + dev);
        } else if (p.demotion().groupCounters()) {
          groupDemoteAdj(sc, 1, family == 6 ? "> snd6errors" : "> snderrors");
        } else {
          suppress(1);
        }
      }
      sc.sendadSuccess = 0;
      return;
    }
    if (freebsd) {
      if (sc.sendadErrors > 0 && ++sc.sendadSuccess >= threshold) {
        if (sc.sendadErrors >= threshold) {
          freebsdDemoteAdjFromSend(-(int) h.sysctlValue("net.inet.carp.senderr_demotion_factor", 240),
              "send ok on " + dev);
        }
        sc.sendadErrors = 0;
      }
    } else if (sc.sendadErrors >= threshold) {
      if (++sc.sendadSuccess >= threshold) {
        if (p.demotion().groupCounters()) {
          groupDemoteAdj(sc, -1, family == 6 ? "< snd6errors" : "< snderrors");
        } else {
          suppress(-1);
        }
        sc.sendadErrors = 0;
      }
    } else {
      sc.sendadErrors = 0;
    }
  }

  private int ipId(IpId kind) {
    switch (kind) {
      case RANDOM:
        return (int) (h.random().nextLong() & 0xffff);
      case SEQUENTIAL:
        return h.nextIpId();
      default:
        return 0;
    }
  }

  long adSourceMac(CarpIf sc, Vhost v) {
    switch (p.emission().advertisementSourceMac()) {
      case CARP_LLADDR: {
        MacAddress l = sc.lladdr == null ? v.enaddr : sc.lladdr;
        // balancing ip gives the lladdr the multicast bit; a frame cannot carry a group source
        // address, so the parent's MAC goes out instead (choice; carp-protocol.md §12.2 is open)
        return l.isGroup() ? sc.carpdev.macValue : l.value();
      }
      case VIRTUAL_MAC:
        return 0x00005e000100L | v.vhid;
      case VIRTUAL_MAC_MULTICAST_ONLY:
        return sc.unicast() ? sc.carpdev.macValue : 0x00005e000100L | v.vhid;
      default:
        return 0x00005e000000L | v.vhid;
    }
  }

  int adSource4(CarpIf sc) {
    Nic dev = sc.carpdev;
    Ipv4Address first = dev.firstOwnV4();
    switch (p.emission().advertisementSourceAddress()) {
      case PARENT_FIRST_ELSE_CARP: {
        if (first != null) {
          return first.value();
        }
        List<Ipv4Address> own = sc.ipv4();
        return own.isEmpty() ? 0 : own.get(0).value();
      }
      case PARENT_BEST_ELSE_ZERO: {
        List<Ipv4Address> vips = sc.ipv4();
        if (!vips.isEmpty()) {
          for (AddressList.V4 a : dev.addrs.v4) {
            if (a.vhid() == 0 && a.contains(vips.get(0))) {
              return a.address().value();
            }
          }
        }
        return first == null ? 0 : first.value();
      }
      case SRCIP_OPTION:
        return sc.ucarp.sourceAddress().value();
      default:
        return first == null ? 0 : first.value();
    }
  }

  /**
   * The IPv6 source of advertisements: the parent's first IPv6 address, else the carp interface's
   * own link-local (the kernel attaches one, EUI-64 from its lladdr, once it has IPv6 addresses).
   */
  Ipv6Address adSource6(CarpIf sc) {
    for (AddressList.V6 a : sc.carpdev.addrs.v6) {
      if (a.vhid() == 0) {
        return a.address();
      }
    }
    return linkLocal(announceMac(sc));
  }

  /** The MAC a gratuitous ARP and an unsolicited NA announce (Ethernet source and sha / TLLA). */
  MacAddress announceMac(CarpIf sc) {
    Vhost leader = sc.leader();
    switch (p.emission().garpSenderMac()) {
      case CARP_LLADDR:
        return sc.lladdr == null ? leader.enaddr : sc.lladdr;
      case PHYSICAL_MAC:
        return sc.carpdev.mac;
      default:
        return MacAddress.carpVirtual(leader.vhid);
    }
  }

  /**
   * One gratuitous ARP request per IPv4 address of the interface, in address order, spaced as the
   * profile's kernel busy-waits between them. Returns the delay after which the last one went out
   * plus one spacing (where the NAs start).
   */
  long sendArp(CarpIf sc) {
    if (sc.carpdev == null || sc.leader() == null) {
      return 0;
    }
    MacAddress mac = announceMac(sc);
    boolean physical = p.emission().garpSenderMac() == Emission.GarpSenderMac.PHYSICAL_MAC;
    long spacing = p.emission().garpSpacingNs();
    long delay = 0;
    Nic dev = sc.carpdev;
    for (Ipv4Address a : sc.ipv4()) {
      byte[] frame = Emitter.arp(Wire.BROADCAST_MAC, mac.value(), 1, mac.value(), a.value(),
          physical ? mac.value() : 0, a.value());
      h.later(delay, () -> h.transmit(dev, frame));
      delay += spacing;
    }
    return delay;
  }

  /** Unsolicited neighbour advertisements for every IPv6 address, starting {@code startDelay} from now. */
  void neighborAdvertisements(CarpIf sc, long startDelay) {
    Emission.NeighborAdvertisement mode = p.emission().neighborAdvertisement();
    if (mode == Emission.NeighborAdvertisement.NONE || sc.carpdev == null || sc.leader() == null) {
      return;
    }
    List<Ipv6Address> addrs = sc.ipv6();
    if (addrs.isEmpty()) {
      return;
    }
    MacAddress mac = announceMac(sc);
    boolean router = mode == Emission.NeighborAdvertisement.ON_LINK_UP
        && h.sysctlIp6Forwarding != 0;
    long spacing = mode == Emission.NeighborAdvertisement.IMMEDIATE_1MS_APART ? 1_000_000L
        : p.emission().garpSpacingNs();
    long delay = startDelay;
    Nic dev = sc.carpdev;
    MacAddress allNodes = Frames.multicastMac(Ipv6Address.ALL_NODES);
    for (Ipv6Address a : addrs) {
      // source: the carp interface's link-local, as source selection picks for ff02::1 (choice, §12.6)
      byte[] frame = Emitter.na(allNodes, mac, linkLocal(mac), Ipv6Address.ALL_NODES, router, false, a, mac);
      h.later(delay, () -> h.transmit(dev, frame));
      delay += spacing;
    }
  }

  /** {@code carp_send_ad_all}: an immediate ad from every MASTER vhost of every running interface. */
  void sendAdAll() {
    if (sendAllRecursion) {
      return;
    }
    sendAllRecursion = true;
    try {
      for (CarpIf sc : h.kernelCarps()) {
        if (sc.running && (sc.kind != CarpIf.Kind.CARP_INTERFACE || sc.adminUp)) {
          vheSendAdAll(sc);
        }
      }
    } finally {
      sendAllRecursion = false;
    }
  }

  /** {@code carp_vhe_send_ad_all}: an ad from every MASTER vhost of {@code sc}. */
  void vheSendAdAll(CarpIf sc) {
    for (Vhost v : new ArrayList<>(sc.vhosts)) {
      if (v.state == CarpState.MASTER) {
        sendAd(v);
      }
    }
  }

  // ---- receiving --------------------------------------------------------------------------------

  /** The state rules of §5.3 for a validated advertisement. */
  void onAdvertisement(Vhost v, int family, int advbase, int advskew, int demote, int source4) {
    CarpIf sc = v.sc;
    int dem = demotion();
    // the rules take immutable values; the last ones are reused while nothing in them changed, so
    // that a steady stream of advertisements allocates nothing here
    int effective = p.effectiveAdvskew(v.advskew, dem);
    int demoteCount = demoteCount(sc);
    boolean preempt = preempt();
    int deadRatio = p.timing().defaultDeadRatio();
    ReceiveRules.Local local = v.lastLocal;
    if (local == null || local.advbase() != sc.advbase || local.effectiveAdvskew() != effective
        || local.demoteCount() != demoteCount || local.preempt() != preempt || local.deadRatio() != deadRatio) {
      local = new ReceiveRules.Local(sc.advbase, effective, demoteCount, preempt, deadRatio, 0);
      v.lastLocal = local;
    }
    ReceiveRules.Advert ad = v.lastAdvert;
    if (ad == null || ad.advbase() != advbase || ad.advskew() != advskew || ad.demote() != demote
        || ad.sourceAddress() != source4) {
      ad = new ReceiveRules.Advert(advbase, advskew, demote, source4);
      v.lastAdvert = ad;
    }
    switch (v.state) {
      case MASTER: {
        ReceiveRules.MasterReaction r = p.onAdvertisementAsMaster(local, ad);
        if (r == ReceiveRules.MasterReaction.YIELD || r == ReceiveRules.MasterReaction.YIELD_AFTER_ONE_MORE_AD) {
          if (r == ReceiveRules.MasterReaction.YIELD_AFTER_ONE_MORE_AD) {
            sendAd(v);
          }
          v.adTimer.cancel();
          log.netbsdReason(sc, "MASTER -> BACKUP (more frequent advertisement received)");
          setState(v, CarpState.BACKUP, R_MORE_FREQUENT);
          setrun(v, 0);
        } else if (r == ReceiveRules.MasterReaction.STAY_AND_REASSERT) {
          sendArp(sc);
          sc.delayedArp = 2;
        }
        break;
      }
      case BACKUP: {
        ReceiveRules.BackupReaction r = p.onAdvertisementAsBackup(local, ad);
        switch (r) {
          case TAKE_OVER_PREEMPTING:
            masterDown(v, R_PREEMPT);
            break;
          case TAKE_OVER_MORE_DEMOTED:
            masterDown(v, R_MORE_DEMOTED);
            break;
          case TAKE_OVER_WILL_TIME_OUT:
            masterDown(v, R_WILL_TIME_OUT);
            break;
          default:
            setrun(v, family);
        }
        break;
      }
      default:
        break;
    }
  }

  // ---- administrative events --------------------------------------------------------------------

  /** {@code ifconfig carpN down} (§4.3, §5.7). */
  void carpDown(CarpIf sc) {
    Vhost leader = sc.leader();
    switch (p.lifecycle().bowOut()) {
      case ON_ADMIN_DOWN:
        if (leader != null && leader.state != CarpState.INIT) {
          cancelAll(sc);
          sc.adminUp = true;
          sc.bowOut = true;
          vheSendAdAll(sc);
          sc.bowOut = false;
          sc.adminUp = false;
          setStateAll(sc, CarpState.INIT, R_ADMIN_DOWN);
        } else {
          sc.adminUp = false;
        }
        setrunAll(sc, 0);
        break;
      case WHEN_NOT_RUNNING_AT_SEND:
      default:
        if (sc.adminUp) {
          sc.adminUp = false;
          cancelAll(sc);
          if (p.lifecycle().bowOut() == org.carpsim.carp.profile.Lifecycle.BowOut.WHEN_NOT_RUNNING_AT_SEND) {
            vheSendAdAll(sc); // goes out as 255/255: no longer UP
          }
          setStateAll(sc, CarpState.INIT, R_ADMIN_DOWN);
          setrunAll(sc, 0);
        }
        break;
    }
  }

  /** {@code ifconfig carpN up}. */
  void carpUp(CarpIf sc) {
    Vhost leader = sc.leader();
    if (!sc.adminUp || leader == null || leader.state == CarpState.INIT) {
      sc.adminUp = true;
      setStateAll(sc, CarpState.INIT, R_RECONFIGURED);
      setrunAll(sc, 0);
    }
  }

  /** {@code ifconfig … state master|backup} (§5.8). */
  void forceState(CarpIf sc, CarpState want) {
    Vhost leader = sc.leader();
    if (leader == null || leader.state == CarpState.INIT || leader.state == want) {
      return;
    }
    if (want == CarpState.BACKUP) {
      leader.adTimer.cancel();
      setStateAll(sc, CarpState.BACKUP, R_USER);
      setrunAll(sc, 0);
    } else if (want == CarpState.MASTER) {
      for (Vhost v : new ArrayList<>(sc.vhosts)) {
        masterDown(v, R_USER);
      }
    }
  }

  void cancelAll(CarpIf sc) {
    for (Vhost v : sc.vhosts) {
      v.cancelTimers();
    }
  }

  // ---- parent link ------------------------------------------------------------------------------

  /** The parent's link or UP flag changed: each profile's link-state hook (§5.7). */
  void parentStateChanged(Nic nic) {
    if (h.pfsync != null) {
      h.pfsync.syncdevStateChanged(nic);
    }
    for (CarpIf sc : new ArrayList<>(nic.carps)) {
      if (sc.kind == CarpIf.Kind.UCARP) {
        continue; // the daemon polls SIOCGIFFLAGS itself
      }
      switch (p.lifecycle().linkLoss()) {
        case INIT_AND_DEMOTE:
          openbsdCarpdevState(sc);
          break;
        case INIT_AND_SUPPRESS:
          legacyCarpdevState(sc);
          break;
        case INIT_AND_DEMOTION_FACTOR:
          freebsdScState(sc);
          break;
        default:
          break;
      }
    }
  }

  /** OpenBSD 1.370 {@code carp_carpdev_state}. */
  void openbsdCarpdevState(CarpIf sc) {
    boolean suppressed = sc.suppress;
    if (!sc.carpdev.running()) {
      sc.running = false;
      cancelAll(sc);
      setStateAll(sc, CarpState.INIT, R_IF_DOWN);
      sc.suppress = true;
      setrunAll(sc, 0);
      if (!suppressed) {
        groupDemoteAdj(sc, 1, "carpdev");
      }
    } else if (suppressed) {
      setStateAll(sc, CarpState.INIT, R_IF_UP);
      sc.suppress = false;
      setrunAll(sc, 0);
      groupDemoteAdj(sc, -1, "carpdev");
    }
  }

  /** OpenBSD 1.54 {@code carp_carpdev_state}: the global suppression counter (§5.5). */
  void legacyCarpdevState(CarpIf sc) {
    if (!sc.carpdev.running()) {
      sc.upBeforeParentLoss |= sc.adminUp;
      sc.adminUp = false;
      sc.running = false;
      cancelAll(sc);
      setStateAll(sc, CarpState.INIT, R_IF_DOWN);
      setrunAll(sc, 0);
      if (!sc.suppress) {
        suppress(1);
      }
      sc.suppress = true;
    } else {
      // 1.54 order: flags back, INIT, setrun, and only then the counter drops
      // (1.54's setrun ignores sc_suppress; only the global counter it holds matters here)
      boolean was = sc.suppress;
      sc.suppress = false;
      sc.adminUp |= sc.upBeforeParentLoss;
      sc.upBeforeParentLoss = false;
      setStateAll(sc, CarpState.INIT, R_IF_UP);
      setrunAll(sc, 0);
      if (was) {
        suppress(-1);
      }
    }
  }

  /** FreeBSD {@code carp_sc_state}: parent down, or net.inet.carp.allow = 0. */
  void freebsdScState(CarpIf sc) {
    if (!sc.carpdev.running() || !allow()) {
      cancelAll(sc);
      setStateAll(sc, CarpState.INIT, R_IF_DOWN);
      setrunAll(sc, 0);
      if (!sc.suppress) {
        freebsdDemoteAdj((int) h.sysctlValue("net.inet.carp.ifdown_demotion_factor", 240), "interface down");
      }
      sc.suppress = true;
    } else {
      setStateAll(sc, CarpState.INIT, R_IF_UP);
      setrunAll(sc, 0);
      if (sc.suppress) {
        freebsdDemoteAdj(-(int) h.sysctlValue("net.inet.carp.ifdown_demotion_factor", 240), "interface up");
      }
      sc.suppress = false;
    }
  }

  // ---- demotion ---------------------------------------------------------------------------------

  /** The older systems' global {@code carp_suppress_preempt} (§5.5). */
  void suppress(int delta) {
    h.suppressCounter = Math.max(0, h.suppressCounter + delta);
    if (delta > 0 && h.suppressCounter == 1 && p.demotion().sendAllAdsOnSuppression()) {
      sendAdAll();
    }
  }

  /** OpenBSD {@code carp_group_demote_adj} (§5.4). */
  void groupDemoteAdj(CarpIf sc, int adj, String reason) {
    if (!p.demotion().groupCounters()) {
      return;
    }
    sc.demoteCnt = Math.max(0, sc.demoteCnt + adj);
    interfaceGroupsDemoteAdj(sc.name, sc.groups, adj, reason);
  }

  /**
   * {@code carp_group_demote_adj} for any interface: each of its groups' counters moves (floor 0)
   * and is logged; a counter that became 1 makes every master advertise at once.
   */
  private void interfaceGroupsDemoteAdj(String ifname, Iterable<String> groups, int adj, String reason) {
    boolean needAd = false;
    for (String g : groups) {
      int value = Math.max(0, h.groupDemoted.getOrDefault(g, 0) + adj);
      h.groupDemoted.put(g, value);
      if (adj > 0 && value == 1) {
        needAd = true;
      }
      log.groupDemoted(ifname, g, adj, value, reason);
    }
    if (needAd) {
      sendAdAll();
    }
  }

  /**
   * pfsync's demotion of carp: OpenBSD adjusts the groups of pfsync0 ("carp", where its cloner put
   * it, then its cloner group "pfsync"); FreeBSD moves {@code net.inet.carp.demotion}.
   */
  void pfsyncDemote(int adj, String reason) {
    if (p.demotion().groupCounters()) {
      interfaceGroupsDemoteAdj(Pfsync.NAME, PFSYNC_GROUPS, adj, reason);
    } else {
      freebsdDemoteAdj(adj, reason);
    }
  }

  private static final List<String> PFSYNC_GROUPS = List.of("carp", "pfsync");

  /** FreeBSD {@code carp_demote_adj}: the demotion sysctl moves, every master advertises at once. */
  void freebsdDemoteAdj(int adj, String reason) {
    long value = h.sysctlValue("net.inet.carp.demotion", 0) + adj;
    h.putSysctl("net.inet.carp.demotion", value);
    log.freebsdDemoted(adj, value, reason);
    sendAdAll();
  }

  /**
   * {@code carp_demote_adj} called from inside {@code carp_send_ad_locked}: the send-all it queues
   * runs after that send has re-armed its own timer, so the send-all's demoted interval wins.
   */
  private void freebsdDemoteAdjFromSend(int adj, String reason) {
    long value = h.sysctlValue("net.inet.carp.demotion", 0) + adj;
    h.putSysctl("net.inet.carp.demotion", value);
    log.freebsdDemoted(adj, value, reason);
    h.env().newTimer(this::sendAdAll).armAfter(0);
  }

  /** Every vhid re-evaluated after {@code net.inet.carp.allow} changed (FreeBSD). */
  void allowChanged() {
    if (p.lifecycle().linkLoss() != org.carpsim.carp.profile.Lifecycle.LinkLoss.INIT_AND_DEMOTION_FACTOR) {
      return;
    }
    for (CarpIf sc : h.kernelCarps()) {
      if (sc.carpdev != null) {
        freebsdScState(sc);
      }
    }
  }

}
