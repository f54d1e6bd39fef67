package org.carpsim.sim.net;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.sim.frame.Frame;

/**
 * What a snooping switch reads in a frame: an IGMP (v1/v2/v3) or MLD (v1/v2) message, or the
 * destination group of other IP multicast. Read in place from the frame's bytes; only multicast
 * frames are ever looked at.
 *
 * @param kind query, report, leave, or data (any other IP multicast)
 * @param destination the IP destination group
 * @param joined the groups a report joins
 * @param left the groups a leave (or a v3 change to include nothing) leaves
 */
record MembershipMessage(Kind kind, Group destination, List<Group> joined, List<Group> left) {

  enum Kind { QUERY, REPORT, DATA }

  /** An IP group: IPv4 as {@code (0, address)}, IPv6 as its two halves (an IPv6 group never has a zero first half). */
  record Group(long hi, long lo) {
    static Group v4(int address) {
      return new Group(0, address & 0xffff_ffffL);
    }

    boolean isV4() {
      return hi == 0;
    }

    /** 224.0.0.0/24: never snooped by a Linux bridge (RFC 4541 §2.1.2). */
    boolean isLocalV4() {
      return isV4() && (lo & 0xffff_ff00L) == 0xe000_0000L;
    }

    /** 224.0.0.1 or ff02::1: flooded by every switch. */
    boolean isAllHosts() {
      return isV4() ? lo == 0xe000_0001L : hi == 0xff02_0000_0000_0000L && lo == 1;
    }

    @Override
    public String toString() {
      if (isV4()) {
        return (lo >>> 24) + "." + ((lo >>> 16) & 0xff) + "." + ((lo >>> 8) & 0xff) + "." + (lo & 0xff);
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        long half = i < 4 ? hi : lo;
        int word = (int) (half >>> (48 - 16 * (i % 4))) & 0xffff;
        out.append(i == 0 ? "" : ":").append(Integer.toHexString(word));
      }
      return out.toString().replaceFirst("(^|:)0(:0)+(:|$)", "::");
    }
  }

  private static final int IGMP = 2;
  private static final int ICMPV6 = 58;

  /** The message in {@code frame}, or null if it is no IPv4/IPv6 packet (flooded as any other frame). */
  static MembershipMessage read(Frame frame) {
    byte[] b = frame.array();
    int type = frame.etherType();
    if (type == 0x0800 && b.length >= 34 && (b[14] & 0xf0) == 0x40) {
      return ipv4(b);
    }
    if (type == 0x86dd && b.length >= 54 && (b[14] & 0xf0) == 0x60) {
      return ipv6(b);
    }
    return null;
  }

  private static MembershipMessage ipv4(byte[] b) {
    int ip = 14;
    int ihl = (b[ip] & 0xf) * 4;
    Group destination = Group.v4(i32(b, ip + 16));
    int end = Math.min(b.length, ip + u16(b, ip + 2));
    int q = ip + ihl;
    if ((b[ip + 9] & 0xff) != IGMP || q + 8 > end) {
      return data(destination);
    }
    List<Group> joined = new ArrayList<>(1);
    List<Group> left = new ArrayList<>(0);
    switch (b[q] & 0xff) {
      case 0x11:
        return new MembershipMessage(Kind.QUERY, destination, List.of(), List.of());
      case 0x12, 0x16:
        joined.add(Group.v4(i32(b, q + 4)));
        break;
      case 0x17:
        left.add(Group.v4(i32(b, q + 4)));
        break;
      case 0x22:
        int records = u16(b, q + 6);
        int r = q + 8;
        for (int i = 0; i < records && r + 8 <= end; i++) {
          int sources = u16(b, r + 2);
          record(b[r] & 0xff, sources, Group.v4(i32(b, r + 4)), joined, left);
          r += 8 + 4 * sources + 4 * (b[r + 1] & 0xff);
        }
        break;
      default:
        return data(destination);
    }
    return new MembershipMessage(Kind.REPORT, destination, joined, left);
  }

  private static MembershipMessage ipv6(byte[] b) {
    int ip = 14;
    Group destination = new Group(i64(b, ip + 24), i64(b, ip + 32));
    int end = Math.min(b.length, ip + 40 + u16(b, ip + 4));
    int next = b[ip + 6] & 0xff;
    int q = ip + 40;
    while (next == 0 || next == 43 || next == 60) {
      if (q + 2 > end) {
        return data(destination);
      }
      next = b[q] & 0xff;
      q += ((b[q + 1] & 0xff) + 1) * 8;
    }
    if (next != ICMPV6 || q + 24 > end) {
      return data(destination);
    }
    List<Group> joined = new ArrayList<>(1);
    List<Group> left = new ArrayList<>(0);
    switch (b[q] & 0xff) {
      case 130:
        return new MembershipMessage(Kind.QUERY, destination, List.of(), List.of());
      case 131:
        joined.add(new Group(i64(b, q + 8), i64(b, q + 16)));
        break;
      case 132:
        left.add(new Group(i64(b, q + 8), i64(b, q + 16)));
        break;
      case 143:
        int records = u16(b, q + 6);
        int r = q + 8;
        for (int i = 0; i < records && r + 20 <= end; i++) {
          int sources = u16(b, r + 2);
          record(b[r] & 0xff, sources, new Group(i64(b, r + 4), i64(b, r + 12)), joined, left);
          r += 20 + 16 * sources + 4 * (b[r + 1] & 0xff);
        }
        break;
      default:
        return data(destination);
    }
    return new MembershipMessage(Kind.REPORT, destination, joined, left);
  }

  /**
   * A v3/v2 group record (RFC 3376 §4.2.12): EXCLUDE modes listen (to all sources with none
   * excluded), an INCLUDE or ALLOW with sources listens, a change to INCLUDE of nothing leaves.
   */
  private static void record(int type, int sources, Group group, List<Group> joined, List<Group> left) {
    switch (type) {
      case 2, 4 -> joined.add(group);
      case 1, 5 -> {
        if (sources > 0) {
          joined.add(group);
        }
      }
      case 3 -> (sources > 0 ? joined : left).add(group);
      default -> { } // BLOCK_OLD_SOURCES: the group stays
    }
  }

  private static MembershipMessage data(Group destination) {
    return new MembershipMessage(Kind.DATA, destination, List.of(), List.of());
  }

  static int u16(byte[] b, int i) {
    return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
  }

  static int i32(byte[] b, int i) {
    return u16(b, i) << 16 | u16(b, i + 2);
  }

  static long i64(byte[] b, int i) {
    return (long) i32(b, i) << 32 | (i32(b, i + 4) & 0xffff_ffffL);
  }
}
