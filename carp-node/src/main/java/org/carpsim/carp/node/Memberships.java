package org.carpsim.carp.node;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.profile.MembershipReports;
import org.carpsim.carp.wire.GroupRecord;
import org.carpsim.carp.wire.IgmpMessage;
import org.carpsim.carp.wire.MldMessage;

/**
 * The host's multicast group memberships per NIC and the IGMP/MLD reports its kernel sends for
 * them (see {@link MembershipReports} for what each system does): a carp interface with an address
 * joins 224.0.0.18 (or ff02::12) and the solicited-node groups of its IPv6 addresses on its parent; a
 * ucarp daemon's socket joins its group once the process is up. A join sends the unsolicited
 * reports, a leave one leave message, a query the answers after a random delay.
 *
 * <p>Not modelled: v2 report suppression (a host that hears another's report for the group keeps
 * quiet) and the older-version-querier timers (a host answers a query in the query's version, and
 * joins in its own).
 */
final class Memberships {

  private static final int IGMPV3_REPORTS = 0xe0000016; // 224.0.0.22
  private static final int ALL_ROUTERS = 0xe0000002;
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
  private final Map<Nic, Set<Group>> joined = new LinkedHashMap<>();
  private final Set<UcarpDaemon> awaited = new java.util.HashSet<>();

  /** Null where the environment does not model membership reports: then nothing is sent. */
  private final java.util.random.RandomGenerator random;

  Memberships(CarpHost h) {
    this.h = h;
    this.facts = MembershipReports.of(h.profile());
    this.random = h.env().membershipRandom();
  }

  /** The groups joined on {@code nic} now, IPv4 first as joined. */
  List<Group> joined(Nic nic) {
    return List.copyOf(joined.getOrDefault(nic, Set.of()));
  }

  /** Brings the memberships in line with the interfaces: joins and leaves what changed. */
  void refresh() {
    if (random == null) {
      return;
    }
    for (Nic nic : h.nics.values()) {
      Set<Group> want = wanted(nic);
      Set<Group> have = joined.computeIfAbsent(nic, n -> new LinkedHashSet<>());
      for (Group g : want) {
        if (have.add(g)) {
          join(nic, g);
        }
      }
      for (Iterator<Group> it = have.iterator(); it.hasNext(); ) {
        Group g = it.next();
        if (!want.contains(g)) {
          it.remove();
          leave(nic, g);
        }
      }
    }
  }

  private Set<Group> wanted(Nic nic) {
    Set<Group> want = new LinkedHashSet<>();
    List<Group> v6 = new ArrayList<>();
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
        want.add(Group.v4(d.group()));
        continue;
      }
      if (sc.peer.isMulticast() && sc.countV4() > 0) {
        want.add(Group.v4(sc.peer.value()));
      }
      if (sc.countV6() > 0) {
        if (sc.peer6 == null) {
          v6.add(new Group(Ipv6Address.CARP_GROUP.hi(), Ipv6Address.CARP_GROUP.lo()));
        }
        for (Ipv6Address a : sc.ipv6()) {
          v6.add(new Group(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0000L | (a.lo() & 0xff_ffffL)));
        }
      }
    }
    want.addAll(v6);
    return want;
  }

  private boolean reported(Group g) {
    return g.isV4() ? facts.reportsIgmp((int) g.lo) : facts.reportsMld(g.hi, g.lo);
  }

  private void join(Nic nic, Group g) {
    if (!reported(g)) {
      return;
    }
    send(nic, g, GroupRecord.CHANGE_TO_EXCLUDE, g.isV4() ? facts.igmpVersion() : facts.mldVersion());
    long delay = 0;
    for (int i = 1; i < facts.unsolicitedReports(); i++) {
      delay += 1 + Math.floorMod(random.nextLong(), facts.unsolicitedInterval());
      h.later(delay, () -> {
        if (joined.getOrDefault(nic, Set.of()).contains(g)) {
          send(nic, g, GroupRecord.CHANGE_TO_EXCLUDE, g.isV4() ? facts.igmpVersion() : facts.mldVersion());
        }
      });
    }
  }

  private void leave(Nic nic, Group g) {
    if (reported(g)) {
      send(nic, g, GroupRecord.CHANGE_TO_INCLUDE, g.isV4() ? facts.igmpVersion() : facts.mldVersion());
    }
  }

  /**
   * Sends one message about {@code g}: a v3/v2 record of {@code type}, or in the older versions a
   * report (for the listening types) or a leave/done.
   */
  private void send(Nic nic, Group g, int type, int version) {
    boolean listens = type != GroupRecord.CHANGE_TO_INCLUDE;
    if (g.isV4()) {
      org.carpsim.carp.net.Ipv4Address own = nic.firstOwnV4();
      int src = own == null ? 0 : own.value();
      int group = (int) g.lo;
      byte[] frame = version == 3
          ? MembershipFrames.igmp(nic.macValue, src, IGMPV3_REPORTS,
              new IgmpMessage.V3Report(List.of(new GroupRecord(type, 0, g.lo))))
          : MembershipFrames.igmp(nic.macValue, src, listens ? group : ALL_ROUTERS,
              new IgmpMessage.V2(listens ? IgmpMessage.V2_REPORT : IgmpMessage.LEAVE, group));
      h.transmit(nic, frame);
    } else {
      Ipv6Address src = Engine.linkLocal(nic.mac);
      byte[] frame = version == 2
          ? MembershipFrames.mld(nic.macValue, src, MLDV2_REPORTS,
              new MldMessage.V2Report(List.of(new GroupRecord(type, g.hi, g.lo))))
          : MembershipFrames.mld(nic.macValue, src, listens ? g.v6() : ALL_ROUTERS6,
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
    for (Group g : joined.getOrDefault(nic, Set.of())) {
      if (g.isV4() != v4 || only != null && !only.equals(g) || !reported(g)) {
        continue;
      }
      long delay = maxResponse <= 0 ? 0 : Math.floorMod(random.nextLong(), maxResponse);
      h.later(delay, () -> {
        if (joined.getOrDefault(nic, Set.of()).contains(g)) {
          send(nic, g, GroupRecord.MODE_IS_EXCLUDE, version);
        }
      });
    }
  }
}
