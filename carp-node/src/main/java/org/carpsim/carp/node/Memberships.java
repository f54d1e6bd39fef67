package org.carpsim.carp.node;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.profile.MembershipReports;
import org.carpsim.carp.wire.GroupRecord;
import org.carpsim.carp.wire.IgmpMessage;
import org.carpsim.carp.wire.MldMessage;

/**
 * The host's multicast group memberships per NIC and the IGMP/MLD reports its kernel sends for
 * them (see {@link MembershipReports} for what each system does): a carp interface with an address
 * joins 224.0.0.18 (or ff02::12) and the solicited-node groups of its IPv6 addresses on its parent; a
 * ucarp daemon's socket joins its group once the process is up; a running keepalived's socket joins
 * 224.0.0.18 for each instance, on the macvlan of the virtual MAC with {@code use_vmac} (unless
 * {@code vmac_xmit_base}), so that kernel's reports leave from 00:00:5e:00:01:VRID whatever the
 * instance's state (keepalived #882, #1957). A join sends the unsolicited reports, a leave one leave
 * message, a query the answers after a random delay.
 *
 * <p>Not modelled: v2 report suppression (a host that hears another's report for the group keeps
 * quiet) and the older-version-querier timers (a host answers a query in the query's version, and
 * joins in its own).
 */
final class Memberships {

  private static final int IGMPV3_REPORTS = 0xe0000016; // 224.0.0.22
  private static final int ALL_ROUTERS = 0xe0000002;
  private static final int KEEPALIVED_GROUP = 0xe0000012; // 224.0.0.18, VRRP's
  private static final Ipv6Address MLDV2_REPORTS = new Ipv6Address(0xff02_0000_0000_0000L, 0x16);
  private static final Ipv6Address ALL_ROUTERS6 = new Ipv6Address(0xff02_0000_0000_0000L, 0x2);

  /** A group: IPv4 as {@code (0, address)}. */
  record Group(long hi, long lo) {
    static Group v4(int address) {
      return new Group(0, address & 0xffff_ffffL);
    }

    boolean isV4() {
      return hi == 0;
    }

    Ipv6Address v6() {
      return new Ipv6Address(hi, lo);
    }
  }

  private final CarpHost h;
  private final MembershipReports facts;
  /**
   * A group joined on one interface: {@code mac} is a macvlan's own MAC (a keepalived VMAC) the
   * reports leave from, or {@link #NIC} for the NIC itself or the carp interface it was joined on.
   */
  record Key(Group group, long mac) {}

  private static final long NIC = -1;

  /** Per NIC, each joined group and the carp interface it was joined on (null: the NIC itself). */
  private final Map<Nic, Map<Key, CarpIf>> joined = new LinkedHashMap<>();
  private final java.util.Set<UcarpDaemon> awaited = new java.util.HashSet<>();

  /** Null where the environment does not model membership reports: then nothing is sent. */
  private final java.util.random.RandomGenerator random;

  Memberships(CarpHost h) {
    this.h = h;
    this.facts = MembershipReports.of(h.profile());
    this.random = h.env().membershipRandom();
  }

  /** The groups joined on {@code nic} now, IPv4 first as joined. */
  List<Group> joined(Nic nic) {
    return joined.getOrDefault(nic, Map.of()).keySet().stream().map(Key::group).distinct().toList();
  }

  private boolean stillJoined(Nic nic, Key k) {
    return joined.getOrDefault(nic, Map.of()).containsKey(k);
  }

  /** Brings the memberships in line with the interfaces: joins and leaves what changed. */
  void refresh() {
    if (random == null) {
      return;
    }
    for (Nic nic : h.nics.values()) {
      Map<Key, CarpIf> want = wanted(nic);
      Map<Key, CarpIf> have = joined.computeIfAbsent(nic, n -> new LinkedHashMap<>());
      for (Map.Entry<Key, CarpIf> e : want.entrySet()) {
        if (!have.containsKey(e.getKey())) {
          have.put(e.getKey(), e.getValue());
          join(nic, e.getKey(), e.getValue());
        }
      }
      for (Iterator<Map.Entry<Key, CarpIf>> it = have.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<Key, CarpIf> e = it.next();
        if (!want.containsKey(e.getKey())) {
          it.remove();
          leave(nic, e.getKey(), e.getValue());
        }
      }
    }
  }

  /** The groups the NIC should be in, each with the carp interface that joins it (null: the NIC). */
  private Map<Key, CarpIf> wanted(Nic nic) {
    Map<Key, CarpIf> want = new LinkedHashMap<>();
    Map<Key, CarpIf> v6 = new LinkedHashMap<>();
    long now = h.env().now();
    for (CarpIf sc : nic.carps) {
      if (sc.kind == CarpIf.Kind.UCARP) {
        UcarpDaemon d = sc.daemon;
        if (d == null || d.dead() || !d.joinsGroup()) {
          continue;
        }
        if (d.startNs() > now) {
          if (awaited.add(d)) {
            h.later(d.startNs() - now, this::refresh);
          }
          continue;
        }
        want.put(new Key(Group.v4(d.group()), NIC), null);
        continue;
      }
      // carp_join_multicast: CARP's own group is joined on the parent
      if (sc.peer.isMulticast() && sc.countV4() > 0) {
        want.put(new Key(Group.v4(sc.peer.value()), NIC), null);
      }
      if (sc.countV6() > 0) {
        if (sc.peer6 == null) {
          v6.put(new Key(new Group(Ipv6Address.CARP_GROUP.hi(), Ipv6Address.CARP_GROUP.lo()), NIC), null);
        }
        // an address's solicited-node group is joined on the interface that holds the address
        CarpIf holder = sc.kind == CarpIf.Kind.CARP_INTERFACE && facts.carpInterfaceMasterOnly() ? sc : null;
        for (Ipv6Address a : sc.ipv6()) {
          v6.putIfAbsent(new Key(new Group(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0000L | (a.lo() & 0xff_ffffL)),
              NIC), holder);
        }
      }
    }
    // keepalived's socket joins 224.0.0.18 on each instance's interface (IPv4 only: IPv6 VRRP is not modelled)
    KeepalivedDaemon k = h.keepalived;
    if (k != null && !k.dead()) {
      for (KeepalivedDaemon.Bound b : k.instances) {
        if (b.nic == nic) {
          long mac = b.membershipMac();
          want.putIfAbsent(new Key(Group.v4(KEEPALIVED_GROUP), mac == nic.macValue ? NIC : mac), null);
        }
      }
    }
    want.putAll(v6);
    return want;
  }

  private boolean reported(Group g) {
    if (g.isV4() && (g.lo & 0xffff_ff00L) == 0xe000_0000L && h.keepalived != null
        && h.keepalived.silencesLocalIgmp()) {
      return false; // igmp_link_local_mcast_reports = 0 (keepalived's disable_local_igmp)
    }
    return g.isV4() ? facts.reportsIgmp((int) g.lo) : facts.reportsMld(g.hi, g.lo);
  }

  private void join(Nic nic, Key k, CarpIf via) {
    Group g = k.group();
    if (!reported(g)) {
      return;
    }
    send(nic, k, via, GroupRecord.CHANGE_TO_EXCLUDE, g.isV4() ? facts.igmpVersion() : facts.mldVersion());
    long delay = 0;
    for (int i = 1; i < facts.unsolicitedReports(); i++) {
      delay += 1 + Math.floorMod(random.nextLong(), facts.unsolicitedInterval());
      h.later(delay, () -> {
        if (stillJoined(nic, k) && reported(g)) {
          send(nic, k, via, GroupRecord.CHANGE_TO_EXCLUDE, g.isV4() ? facts.igmpVersion() : facts.mldVersion());
        }
      });
    }
  }

  private void leave(Nic nic, Key k, CarpIf via) {
    Group g = k.group();
    if (reported(g)) {
      send(nic, k, via, GroupRecord.CHANGE_TO_INCLUDE, g.isV4() ? facts.igmpVersion() : facts.mldVersion());
    }
  }

  /**
   * Sends one message about {@code g}: a v3/v2 record of {@code type}, or in the older versions a
   * report (for the listening types) or a leave/done.
   */
  private void send(Nic nic, Key k, CarpIf via, int type, int version) {
    Group g = k.group();
    long srcMac = k.mac() == NIC ? nic.macValue : k.mac();
    if (via != null) {
      // out through the carp interface: dropped unless MASTER (or balancing), from its lladdr
      if (via.balancing == org.carpsim.carp.profile.Balancing.BalancingMode.NONE
          && (via.vhosts.isEmpty() || via.vhosts.get(0).state != org.carpsim.carp.profile.CarpState.MASTER)) {
        return;
      }
      if (via.lladdr != null) {
        srcMac = via.lladdr.value();
      }
    }
    boolean listens = type != GroupRecord.CHANGE_TO_INCLUDE;
    if (g.isV4()) {
      org.carpsim.carp.net.Ipv4Address own = nic.firstOwnV4();
      int src = own == null ? 0 : own.value();
      int group = (int) g.lo;
      byte[] frame = version == 3
          ? MembershipFrames.igmp(srcMac, src, IGMPV3_REPORTS,
              new IgmpMessage.V3Report(List.of(new GroupRecord(type, 0, g.lo))))
          : MembershipFrames.igmp(srcMac, src, listens ? group : ALL_ROUTERS,
              new IgmpMessage.V2(listens ? IgmpMessage.V2_REPORT : IgmpMessage.LEAVE, group));
      h.transmit(nic, frame);
    } else {
      Ipv6Address src = Engine.linkLocal(nic.mac);
      byte[] frame = version == 2
          ? MembershipFrames.mld(srcMac, src, MLDV2_REPORTS,
              new MldMessage.V2Report(List.of(new GroupRecord(type, g.hi, g.lo))))
          : MembershipFrames.mld(srcMac, src, listens ? g.v6() : ALL_ROUTERS6,
              new MldMessage.V1(listens ? MldMessage.V1_REPORT : MldMessage.DONE, g.v6()));
      h.transmit(nic, frame);
    }
  }

  /** An IGMP message reached {@code nic}: a query is answered for each reported IPv4 group it asks about. */
  void igmpInput(Nic nic, byte[] f, int off, int len) {
    if (IgmpMessage.decode(f, off, len) instanceof IgmpMessage.Query q) {
      int version = Math.min(facts.igmpVersion(), Math.max(2, q.version()));
      answer(nic, true, q.group() == 0 ? null : Group.v4(q.group()), q.maxResponseNs(), version);
    }
  }

  /** An MLD message reached {@code nic}: a query is answered for each reported IPv6 group it asks about. */
  void mldInput(Nic nic, byte[] f, int off, int len) {
    if (MldMessage.decode(f, off, len) instanceof MldMessage.Query q) {
      boolean general = q.group().hi() == 0 && q.group().lo() == 0;
      int version = Math.min(facts.mldVersion(), q.version());
      answer(nic, false, general ? null : new Group(q.group().hi(), q.group().lo()), q.maxResponseNs(), version);
    }
  }

  /** Each group answered after its own uniform delay within Max Resp Time (RFC 2236 §3, RFC 3376 §5.2). */
  private void answer(Nic nic, boolean v4, Group only, long maxResponse, int version) {
    for (Map.Entry<Key, CarpIf> e : joined.getOrDefault(nic, Map.of()).entrySet()) {
      Key k = e.getKey();
      Group g = k.group();
      CarpIf via = e.getValue();
      if (g.isV4() != v4 || only != null && !only.equals(g) || !reported(g)) {
        continue;
      }
      long delay = maxResponse <= 0 ? 0 : Math.floorMod(random.nextLong(), maxResponse);
      h.later(delay, () -> {
        if (stillJoined(nic, k) && reported(g)) {
          send(nic, k, via, GroupRecord.MODE_IS_EXCLUDE, version);
        }
      });
    }
  }
}
