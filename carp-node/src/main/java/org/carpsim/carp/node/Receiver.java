package org.carpsim.carp.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.ArpBalanceWalk;
import org.carpsim.carp.profile.Balancing.BalancingMode;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Knobs;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Validation.ReceiveCheck;
import org.carpsim.carp.wire.Bytes;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.carp.wire.Frames;

/**
 * Everything a host does with a received frame, read in place from the byte array (no decoding into
 * records on the hot path): the Ethernet and IP layers' filters, the CARP input checks in the
 * profile's order with their counters and log lines (§5.6), the state rules, the ARP and ND
 * responders and the ARP cache.
 *
 * <p>Modelled IP-layer behaviour: VLAN-tagged frames and IPv4/IPv6 fragments are not for an
 * untagged host and are ignored; an IPv4 header with a wrong checksum is dropped by IP (no CARP
 * counter); multicast is accepted only for groups the host joined (224.0.0.18 / ff02::12 once a carp
 * interface on that NIC has an address of that family), unicast only for the NIC's own addresses.
 * A packet counted in {@code ipackets} is processed once per receiving NIC (OpenBSD 1.370 may hand a
 * multicast copy to every carp interface of the parent; carp-protocol.md §12.7 leaves it open).
 */
final class Receiver {

  /** Bytes of the CARP header every check after the length check may read. */
  private static final int CARP = 36;
  private static final int PROTO_IGMP = 2;
  private static final int I_IPACKETS = CarpStat.IPACKETS.ordinal();
  private static final int I_IPACKETS6 = CarpStat.IPACKETS6.ordinal();
  private static final int I_BADIF = CarpStat.BADIF.ordinal();
  private static final int I_BADTTL = CarpStat.BADTTL.ordinal();
  private static final int I_BADLEN = CarpStat.BADLEN.ordinal();
  private static final int I_BADSUM = CarpStat.BADSUM.ordinal();
  private static final int I_BADVER = CarpStat.BADVER.ordinal();
  private static final int I_BADAUTH = CarpStat.BADAUTH.ordinal();
  private static final int I_BADVHID = CarpStat.BADVHID.ordinal();

  private final CarpHost h;
  private final Profile p;
  private final CarpLog log;
  private final ReceiveCheck[] checks;
  /** Counters nobody reads (packets of another ucarp daemon's vhid). */
  private final long[] scratch = new long[CarpStat.values().length];
  private final boolean peerModeMatters;

  Receiver(CarpHost h) {
    this.h = h;
    this.p = h.profile();
    this.log = h.log();
    this.checks = p.validation().receiveChecks().toArray(new ReceiveCheck[0]);
    this.peerModeMatters = p.knobs().accepts(Knobs.CarpOption.CARPPEER);
  }

  // ---- Ethernet ---------------------------------------------------------------------------------

  void receive(Nic nic, byte[] f) {
    if (!nic.running() || f.length < 14) {
      return;
    }
    long dst = Bytes.mac(f, 0);
    int type = Bytes.u16(f, 12);
    if (type == Wire.ETHERTYPE_VLAN) {
      return;
    }
    boolean group = (dst & 0x0100_0000_0000L) != 0;
    if (!group && dst != nic.macValue && !carpMac(nic, dst)
        && (h.keepalived == null || !h.keepalived.ownsMac(nic, dst))) {
      return;
    }
    switch (type) {
      case Wire.ETHERTYPE_ARP:
        arpInput(nic, f);
        break;
      case Wire.ETHERTYPE_IPV4:
        ip4Input(nic, f);
        break;
      case Wire.ETHERTYPE_IPV6:
        ip6Input(nic, f);
        break;
      default:
        break;
    }
  }

  /** A frame to a carp MAC on this parent (the parent is promiscuous while carp is attached). */
  private static boolean carpMac(Nic nic, long dst) {
    for (int i = 0; i < nic.carps.size(); i++) {
      CarpIf sc = nic.carps.get(i);
      if (sc.lladdr != null && sc.lladdr.value() == dst) {
        return true;
      }
      for (int k = 0; k < sc.vhosts.size(); k++) {
        if (sc.vhosts.get(k).enaddr.value() == dst) {
          return true;
        }
      }
    }
    return false;
  }

  // ---- IPv4 -------------------------------------------------------------------------------------

  private void ip4Input(Nic nic, byte[] f) {
    int ip = 14;
    int n = f.length;
    if (n < ip + 20 || (Bytes.u8(f, ip) >>> 4) != 4) {
      return;
    }
    int ihl = (Bytes.u8(f, ip) & 0xf) * 4;
    int total = Bytes.u16(f, ip + 2);
    if (ihl < 20 || total < ihl || ip + total > n) {
      return;
    }
    if (Bytes.u8(f, ip + 9) == Pfsync.PROTO_PFSYNC) {
      pfsyncInput(nic, f, ip, ihl, total);
      return;
    }
    if (Bytes.u8(f, ip + 9) != Wire.PROTO_CARP) {
      if (Bytes.u8(f, ip + 9) == PROTO_IGMP) {
        h.memberships.igmpInput(nic, f, ip + ihl, total - ihl);
      }
      return;
    }
    int src = Bytes.i32(f, ip + 12);
    int dst = Bytes.i32(f, ip + 16);
    if (h.hasUcarp()) {
      // libpcap taps the frame before the IP layer looks at it
      for (int i = 0; i < nic.carps.size(); i++) {
        UcarpDaemon d = nic.carps.get(i).daemon;
        if (d != null) {
          d.capture(f, src);
        }
      }
    }
    if (!InternetChecksum.verifies(f, ip, ihl) || (Bytes.u16(f, ip + 6) & 0x3fff) != 0) {
      return; // IP drops a bad header checksum; fragments are not reassembled
    }
    boolean multicast = (dst >>> 28) == 0xe;
    if (h.keepalived != null && dst == Ipv4Address.CARP_GROUP.value()) {
      // keepalived's raw socket, joined to 224.0.0.18: it gets what passed the IP layer
      h.keepalived.receive(nic, f, ip, total, h.env().now() / 1000);
    }
    if (multicast ? !joined4(nic, dst) : !nic.ownsV4(dst)) {
      return;
    }
    carpInput(nic, f, 4, ip + ihl, total - ihl, ihl, Bytes.u8(f, ip + 8), src, dst, multicast, null);
  }

  /** pfsync packets go to pfsync0 when it joined the group on this NIC, or to the NIC's own address. */
  private void pfsyncInput(Nic nic, byte[] f, int ip, int ihl, int total) {
    Pfsync ps = h.pfsync;
    if (ps == null || !InternetChecksum.verifies(f, ip, ihl) || (Bytes.u16(f, ip + 6) & 0x3fff) != 0) {
      return;
    }
    int dst = Bytes.i32(f, ip + 16);
    if ((dst >>> 28) == 0xe ? !ps.joined(nic, dst) : !nic.ownsV4(dst)) {
      return;
    }
    ps.input(nic, f, ip + ihl, total - ihl, Bytes.u8(f, ip + 8));
  }

  /** The host joined {@code group} on {@code nic}: a kernel carp there has an IPv4 address and that group. */
  private static boolean joined4(Nic nic, int group) {
    for (int i = 0; i < nic.carps.size(); i++) {
      CarpIf sc = nic.carps.get(i);
      if (sc.kind != CarpIf.Kind.UCARP && sc.peer.value() == group && sc.countV4() > 0) {
        return true;
      }
    }
    return false;
  }

  // ---- IPv6 -------------------------------------------------------------------------------------

  private void ip6Input(Nic nic, byte[] f) {
    int ip = 14;
    int n = f.length;
    if (n < ip + 40 || (Bytes.u8(f, ip) >>> 4) != 6) {
      return;
    }
    int end = ip + 40 + Bytes.u16(f, ip + 4);
    if (end > n) {
      return;
    }
    int next = Bytes.u8(f, ip + 6);
    int q = ip + 40;
    while (next == 0 || next == 43 || next == 60) {
      if (q + 2 > end) {
        return;
      }
      int len = (Bytes.u8(f, q + 1) + 1) * 8;
      if (q + len > end) {
        return;
      }
      next = Bytes.u8(f, q);
      q += len;
    }
    long dstHi = Bytes.i64(f, ip + 24);
    long dstLo = Bytes.i64(f, ip + 32);
    if (next == Wire.PROTO_CARP) {
      boolean multicast = (dstHi >>> 56) == 0xff;
      if (multicast ? !(dstHi == 0xff02_0000_0000_0000L && dstLo == 0x12 && joined6(nic)) : !ownsV6(nic, dstHi, dstLo)) {
        return;
      }
      carpInput(nic, f, 6, q, end - q, 40, Bytes.u8(f, ip + 7), 0, 0, multicast, null);
    } else if (next == Wire.PROTO_ICMPV6 && end - q >= 24 && Bytes.u8(f, q) == 135) {
      neighborSolicitation(nic, f, ip, q, end);
    } else if (next == Wire.PROTO_ICMPV6 && end - q >= 24 && Bytes.u8(f, q) == 130) {
      h.memberships.mldInput(nic, f, q, end - q);
    }
  }

  private static boolean joined6(Nic nic) {
    for (int i = 0; i < nic.carps.size(); i++) {
      CarpIf sc = nic.carps.get(i);
      if (sc.kind != CarpIf.Kind.UCARP && sc.peer6 == null && sc.countV6() > 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean ownsV6(Nic nic, long hi, long lo) {
    for (AddressList.V6 a : nic.addrs.v6) {
      if (a.vhid() == 0 && a.address().hi() == hi && a.address().lo() == lo) {
        return true;
      }
    }
    return false;
  }

  // ---- CARP input -------------------------------------------------------------------------------

  /**
   * The CARP input checks in the profile's order (§5.6), then the state rules. {@code daemon} is the
   * ucarp daemon processing a captured packet, or null for the kernel path.
   *
   * @param off offset of the CARP header; {@code len} bytes of IP payload are there
   * @param ipHeaderLength the IPv4 header length (ucarp sums it with the CARP header), 40 for IPv6
   */
  void carpInput(Nic nic, byte[] f, int family, int off, int len, int ipHeaderLength, int ttl, int src4, int dst4,
      boolean dstMulticast, UcarpDaemon daemon) {
    int vhidByte = len >= 2 ? Bytes.u8(f, off + 1) : -1;
    // every ucarp daemon on the interface sees every packet: count only those of its own vhid
    long[] st = daemon == null ? statsFor(nic, vhidByte)
        : vhidByte == daemon.vhost().vhid ? daemon.sc.stats : scratch;
    st[family == 4 ? I_IPACKETS : I_IPACKETS6]++;
    if (daemon != null && len < CARP) {
      st[I_BADLEN]++; // ucarp: "Bogus size", a debug line at most
      return;
    }
    CarpIf sc = null;
    Vhost v = null;
    long counter = 0;
    for (ReceiveCheck check : checks) {
      switch (check) {
        case ALLOW:
          if (!h.engine().allow()) {
            return;
          }
          break;
        case INTERFACE:
          if (!hasKernelCarp(nic)) {
            st[I_BADIF]++;
            log.badIf(nic.name);
            return;
          }
          break;
        case TTL:
          if (ttl != 255) {
            st[I_BADTTL]++;
            if (daemon != null) {
              log.ucarp(CarpLog.WARNING, "Bad TTL: [" + ttl + "]", daemon.debug());
            } else {
              log.badTtl(family, ttl, nic.name);
            }
            return;
          }
          break;
        case TTL_MULTICAST_ONLY: {
          boolean multicastMode = sc != null ? !sc.unicast() : dstMulticast;
          if (multicastMode && ttl != 255) {
            st[I_BADTTL]++;
            log.badTtl(family, ttl, nic.name);
            return;
          }
          break;
        }
        case LENGTH:
          if (len < CARP) {
            st[I_BADLEN]++;
            log.badLen(family, family == 4 ? ipHeaderLength + len : len, nic.name);
            return;
          }
          break;
        case CHECKSUM:
          if (len < CARP) {
            st[I_BADLEN]++;
            return;
          }
          if (!InternetChecksum.verifies(f, off, CARP)) {
            st[I_BADSUM]++;
            log.badSum(family, nic.name);
            return;
          }
          break;
        case CHECKSUM_IP_AND_CARP:
          if (len < CARP) {
            st[I_BADLEN]++;
            return;
          }
          if (InternetChecksum.fold(InternetChecksum.add(0, f, off - ipHeaderLength, ipHeaderLength + CARP)) != 0xffff) {
            st[I_BADSUM]++;
            if (daemon != null) {
              log.ucarp(CarpLog.WARNING, "Bad IP checksum", daemon.debug());
            }
            return;
          }
          break;
        case VHID:
          if (len < CARP) {
            st[I_BADLEN]++;
            return;
          }
          if (daemon != null) {
            if (vhidByte != daemon.vhost().vhid) {
              st[I_BADVHID]++;
              log.ucarp(CarpLog.DEBUG, "Ignoring vhid: [" + vhidByte + "]", daemon.debug());
              return;
            }
            sc = daemon.sc;
            v = daemon.vhost();
            break;
          }
          for (int i = 0; i < nic.carps.size() && v == null; i++) {
            CarpIf c = nic.carps.get(i);
            if (c.kind == CarpIf.Kind.UCARP) {
              continue;
            }
            if (family == 4 && peerModeMatters && dstMulticast != c.peer.isMulticast()) {
              continue;
            }
            Vhost x = c.vhost(vhidByte);
            if (x != null) {
              sc = c;
              v = x;
            }
          }
          // FreeBSD finds the vhid through the parent's addresses of the packet's family
          if (v == null || !upAndRunning(sc) || (sc.kind == CarpIf.Kind.PARENT_VHID
              && (family == 6 ? sc.countV6() == 0 : sc.countV4() == 0))) {
            st[I_BADVHID]++;
            return;
          }
          st = sc.stats;
          break;
        case OWN_SOURCE_ADDRESS:
          if (family == 4 && !nic.simplex) {
            Ipv4Address first = nic.firstOwnV4();
            if (first != null && first.value() == src4) {
              return;
            }
          }
          break;
        case OWN_SOURCE_FILTER:
          // applied by the daemon's capture filter before the packet is queued
          break;
        case MULTICAST_DESTINATION:
          if (daemon != null && dst4 != daemon.group()) {
            log.ucarp(CarpLog.DEBUG, "Ignoring different multicast ip: [" + new Ipv4Address(dst4) + "]", daemon.debug());
            return;
          }
          break;
        case VERSION: {
          if (len < 1) {
            st[I_BADLEN]++;
            return;
          }
          int version = Bytes.u8(f, off) >>> 4;
          if (version != 2) {
            st[I_BADVER]++;
            if (daemon != null) {
              log.ucarp(CarpLog.WARNING, "Bad version: [" + version + "]", daemon.debug());
            } else {
              log.badVersion(sc, version);
            }
            return;
          }
          break;
        }
        case HMAC:
          counter = Bytes.i64(f, off + 8);
          h.engine().ensureHmac(v);
          if (!v.verify(counter, f, off + 16)) {
            st[I_BADAUTH]++;
            if (daemon != null) {
              byte[] md2 = v.hmac.compute(counter);
              log.ucarp(CarpLog.WARNING, String.format("Bad digest - md2=[%02x%02x%02x%02x...] md=[%02x%02x%02x%02x...] - "
                  + "Check vhid, password and virtual IP address", md2[0], md2[1], md2[2], md2[3], f[off + 16],
                  f[off + 17], f[off + 18], f[off + 19]), daemon.debug());
            } else if (log.badAuthOn()) {
              log.badAuth(sc, v.vhid, family == 4 ? new Ipv4Address(src4).toString()
                  : Ipv6Address.read(f, 14 + 8).toString());
            }
            return;
          }
          break;
        case OWN_REPLAY_COOKIE:
          if (v.counter.isOwnCookie(counter)) {
            Nic dev = sc.carpdev;
            if (dev != null && dev.simplex) {
              st[I_BADAUTH]++;
              log.replay(sc);
            }
            return;
          }
          break;
        default:
          throw new AssertionError(check);
      }
    }
    if (v == null) {
      return;
    }
    v.counter.adopt(counter);
    int advskew = Bytes.u8(f, off + 2);
    int demote = Bytes.u8(f, off + 4);
    int advbase = Bytes.u8(f, off + 5);
    if (daemon != null) {
      daemon.onAdvertisement(advbase, advskew, src4);
    } else {
      h.engine().onAdvertisement(v, family, advbase, advskew, demote, src4);
    }
  }

  private static boolean hasKernelCarp(Nic nic) {
    for (int i = 0; i < nic.carps.size(); i++) {
      if (nic.carps.get(i).kind != CarpIf.Kind.UCARP) {
        return true;
      }
    }
    return false;
  }

  private static boolean upAndRunning(CarpIf sc) {
    return sc.running && (sc.kind != CarpIf.Kind.CARP_INTERFACE || sc.adminUp);
  }

  /**
   * Where a packet's counters go: the carp interface (or FreeBSD parent, or ucarp interface) holding
   * a vhost with the packet's vhid on that NIC, else the NIC. (The kernels keep one global
   * carpstats; {@link CarpHost#systemStatistics()} sums these.)
   */
  private static long[] statsFor(Nic nic, int vhid) {
    if (vhid >= 0) {
      for (int i = 0; i < nic.carps.size(); i++) {
        CarpIf sc = nic.carps.get(i);
        if (sc.kind != CarpIf.Kind.UCARP && sc.vhost(vhid) != null) {
          return sc.stats;
        }
      }
    }
    return nic.stats;
  }

  // ---- ARP --------------------------------------------------------------------------------------

  private void arpInput(Nic nic, byte[] f) {
    int a = 14;
    if (f.length < a + 28 || Bytes.u16(f, a) != 1 || Bytes.u16(f, a + 2) != Wire.ETHERTYPE_IPV4
        || Bytes.u8(f, a + 4) != 6 || Bytes.u8(f, a + 5) != 4) {
      return;
    }
    int op = Bytes.u16(f, a + 6);
    long sha = Bytes.mac(f, a + 8);
    int spa = Bytes.i32(f, a + 14);
    int tpa = Bytes.i32(f, a + 24);
    if (spa != 0 && sha != nic.macValue && (sha & 0x0100_0000_0000L) == 0) {
      h.learnArp(nic, spa, sha, isForUs(nic, tpa));
    }
    if (op != 1 || spa == tpa) {
      return; // replies only teach; gratuitous requests are announcements
    }
    long requester = Bytes.mac(f, 6);
    if (nic.ownsV4(tpa)) {
      reply(nic, requester, nic.macValue, nic.macValue, tpa, sha, spa);
      return;
    }
    long vipMac = h.keepalived == null ? -1 : h.keepalived.arpMac(nic, tpa);
    if (vipMac != -1) {
      // a keepalived VIP is an address of the interface (or of its use_vmac macvlan): the kernel answers
      reply(nic, requester, vipMac, vipMac, tpa, sha, spa);
      return;
    }
    carpArp(nic, requester, sha, spa, tpa);
  }

  /** Whether an ARP packet for {@code tpa} is addressed to this host: one of the NIC's or its carp addresses. */
  private static boolean isForUs(Nic nic, int tpa) {
    if (nic.ownsV4(tpa)) {
      return true;
    }
    for (CarpIf sc : nic.carps) {
      if (sc.holdsV4(tpa)) {
        return true;
      }
    }
    return false;
  }

  private void reply(Nic nic, long ethDst, long ethSrc, long replySha, int ip, long tha, int tpa) {
    h.transmit(nic, Emitter.arp(ethDst, ethSrc, 2, replySha, ip, tha, tpa));
  }

  /** The ARP answer for a shared address (§7), per the profile's balancing ({@link ArpBalanceWalk}). */
  private void carpArp(Nic nic, long requester, long sha, int spa, int tpa) {
    List<ArpHolder> holders = new ArrayList<>(2);
    for (CarpIf sc : nic.carps) {
      boolean holds = sc.kind == CarpIf.Kind.UCARP
          ? sc.holdsV4(tpa)
          : upAndRunning(sc) && sc.holdsV4(tpa) && sc.leader() != null;
      if (holds) {
        holders.add(new ArpHolder(h, sc, tpa));
      }
    }
    if (holders.isEmpty()) {
      return;
    }
    Optional<ArpBalanceWalk.Answer<ArpHolder>> answer =
        ArpBalanceWalk.answer(p.balancing(), h.sysctlArpbalance != 0, holders, () -> spa, () -> sha);
    if (answer.isEmpty()) {
      return;
    }
    CarpIf sc = answer.get().holder().sc();
    switch (answer.get().why()) {
      case UCARP_DAEMON:
        reply(nic, requester, nic.macValue, nic.macValue, tpa, sha, spa);
        break;
      case ARPBALANCE:
      case BALANCING_ARP: {
        long mac = sc.vhosts.get(answer.get().vhost()).enaddr.value();
        reply(nic, requester, mac, mac, tpa, sha, spa);
        break;
      }
      case LEADER_WITH_LLADDR: {
        long mac = sc.lladdr.value();
        // ip / ip-stealth: the reply leaves with the parent's own MAC as Ethernet source (OBSD 1.270)
        long ethSrc = sc.balancing == BalancingMode.IP || sc.balancing == BalancingMode.IP_STEALTH ? nic.macValue : mac;
        reply(nic, requester, ethSrc, mac, tpa, sha, spa);
        break;
      }
      default: {
        long mac = sc.kind == CarpIf.Kind.PARENT_VHID || sc.lladdr == null ? sc.leader().enaddr.value() : sc.lladdr.value();
        reply(nic, requester, mac, mac, tpa, sha, spa);
      }
    }
  }

  /** A carp interface holding the requested address, as the ARP walk sees it. */
  private record ArpHolder(CarpHost host, CarpIf sc, int address) implements ArpBalanceWalk.Holder {
    @Override
    public int vhostCount() {
      return sc.vhosts.size();
    }

    @Override
    public boolean master(int index) {
      return sc.vhosts.get(index).state == CarpState.MASTER;
    }

    @Override
    public BalancingMode mode() {
      return sc.balancing;
    }

    @Override
    public int[] hashKey() {
      return host.hashKey(sc);
    }

    @Override
    public byte[] key() {
      return sc.key.bytes();
    }

    @Override
    public long addressOrder() {
      for (AddressList.V4 a : sc.addrs.v4) {
        if (a.address().value() == address) {
          return a.order();
        }
      }
      return Long.MAX_VALUE;
    }

    @Override
    public boolean ucarp() {
      return sc.kind == CarpIf.Kind.UCARP;
    }

    @Override
    public boolean ucarpVipHeld() {
      return ucarp() && sc.daemon.holdsVip();
    }
  }

  // ---- neighbour discovery ----------------------------------------------------------------------

  private void neighborSolicitation(Nic nic, byte[] f, int ip, int q, int end) {
    Ipv6Address target = Ipv6Address.read(f, q + 8);
    Ipv6Address src = Ipv6Address.read(f, ip + 8);
    long slla = -1;
    for (int o = q + 24; o + 8 <= end; ) {
      int units = Bytes.u8(f, o + 1);
      if (units == 0) {
        break;
      }
      if (Bytes.u8(f, o) == 1 && units == 1) {
        slla = Bytes.mac(f, o + 2);
      }
      o += units * 8;
    }
    if (slla >= 0 && !(src.hi() == 0 && src.lo() == 0)) {
      h.learnNd(nic, src, new MacAddress(slla));
    }
    MacAddress requester = new MacAddress(Bytes.mac(f, 6));
    boolean unspecified = src.hi() == 0 && src.lo() == 0;
    Ipv6Address dst = unspecified ? Ipv6Address.ALL_NODES : src;
    MacAddress ethDst = unspecified ? Frames.multicastMac(Ipv6Address.ALL_NODES) : requester;
    if (nic.addrs.indexOf(target) >= 0 && nic.addrs.v6.get(nic.addrs.indexOf(target)).vhid() == 0) {
      h.transmit(nic, Emitter.na(ethDst, nic.mac, target, dst, router(), !unspecified, target, nic.mac));
      return;
    }
    for (CarpIf sc : nic.carps) {
      if (sc.kind == CarpIf.Kind.UCARP || !upAndRunning(sc) || sc.leader() == null || !sc.holdsV6(target)) {
        continue;
      }
      MacAddress mac;
      if (sc.balancing == BalancingMode.ARP) {
        if (slla < 0) {
          return;
        }
        int index = CarpHash.index(CarpHash.hash(h.hashKey(sc), sc.key.bytes(), slla), sc.vhosts.size());
        if (index >= 32 || sc.vhosts.get(index).state != CarpState.MASTER) {
          continue;
        }
        mac = sc.vhosts.get(index).enaddr;
      } else {
        if (sc.leader().state != CarpState.MASTER) {
          continue;
        }
        mac = sc.kind == CarpIf.Kind.PARENT_VHID || sc.lladdr == null ? sc.leader().enaddr : sc.lladdr;
      }
      h.transmit(nic, Emitter.na(ethDst, mac, target, dst, router(), !unspecified, target, mac));
      return;
    }
  }

  private boolean router() {
    return h.sysctlIp6Forwarding != 0;
  }
}
