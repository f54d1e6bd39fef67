package org.carpsim.carp.wire;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.carp.net.Ipv6Address;

/**
 * An MLD message (ICMPv6 types 130, 131, 132, 143): a query of either version, a v1 report or done,
 * or a v2 report. Encoded to the ICMPv6 bytes with the checksum over the IPv6 pseudo-header.
 */
public sealed interface MldMessage {

  int QUERY = 130;
  int V1_REPORT = 131;
  int DONE = 132;
  int V2_REPORT = 143;

  /** The ICMPv6 bytes for a packet from {@code src} to {@code dst}, checksum included. */
  byte[] encode(Ipv6Address src, Ipv6Address dst);

  /**
   * A multicast listener query (RFC 2710 §3.6, RFC 3810 §5.1).
   *
   * @param version 1 (24 bytes) or 2 (28 bytes or more)
   * @param maxResponseNs the Maximum Response Delay in ns
   * @param group the queried group, :: for a general query
   */
  record Query(int version, long maxResponseNs, Ipv6Address group) implements MldMessage {
    @Override
    public byte[] encode(Ipv6Address src, Ipv6Address dst) {
      byte[] b = new byte[version == 2 ? 28 : 24];
      b[0] = (byte) QUERY;
      Bytes.put16(b, 4, (int) (maxResponseNs / 1_000_000L));
      group.write(b, 8);
      if (version == 2) {
        b[24] = 2;
        b[25] = 125;
      }
      return checksummed(b, src, dst);
    }
  }

  /** A v1 report (131) or done (132) for {@code group}. */
  record V1(int type, Ipv6Address group) implements MldMessage {
    @Override
    public byte[] encode(Ipv6Address src, Ipv6Address dst) {
      byte[] b = new byte[24];
      b[0] = (byte) type;
      group.write(b, 8);
      return checksummed(b, src, dst);
    }
  }

  /** A v2 report of whole-group records. */
  record V2Report(List<GroupRecord> records) implements MldMessage {
    public V2Report {
      records = List.copyOf(records);
    }

    @Override
    public byte[] encode(Ipv6Address src, Ipv6Address dst) {
      byte[] b = new byte[8 + 20 * records.size()];
      b[0] = (byte) V2_REPORT;
      Bytes.put16(b, 6, records.size());
      for (int i = 0; i < records.size(); i++) {
        GroupRecord r = records.get(i);
        b[8 + 20 * i] = (byte) r.type();
        new Ipv6Address(r.groupHi(), r.groupLo()).write(b, 8 + 20 * i + 4);
      }
      return checksummed(b, src, dst);
    }
  }

  private static byte[] checksummed(byte[] b, Ipv6Address src, Ipv6Address dst) {
    byte[] pseudo = new byte[40];
    src.write(pseudo, 0);
    dst.write(pseudo, 16);
    long sum = InternetChecksum.add(0, pseudo, 0, 32) + b.length + 58;
    sum = InternetChecksum.add(sum, b, 0, b.length);
    Bytes.put16(b, 2, ~InternetChecksum.fold(sum) & 0xffff);
    return b;
  }

  /** The message in the ICMPv6 bytes {@code b[off, off + len)}, or null if it is none this model knows (the checksum is not checked). */
  public static MldMessage decode(byte[] b, int off, int len) {
    if (len < 24 || off + len > b.length) {
      return null;
    }
    int type = Bytes.u8(b, off);
    Ipv6Address group = Ipv6Address.read(b, off + 8);
    switch (type) {
      case QUERY: {
        int code = Bytes.u16(b, off + 4);
        // RFC 3810 §5.1.3: codes from 32768 are a floating-point exponent and mantissa
        long ms = code < 32768 ? code : (long) ((code & 0x0fff) | 0x1000) << (((code >>> 12) & 0x07) + 3);
        return new Query(len >= 28 ? 2 : 1, ms * 1_000_000L, group);
      }
      case V1_REPORT:
      case DONE:
        return new V1(type, group);
      case V2_REPORT: {
        int n = Bytes.u16(b, off + 6);
        List<GroupRecord> records = new ArrayList<>(n);
        int r = off + 8;
        for (int i = 0; i < n; i++) {
          if (r + 20 > off + len) {
            return null;
          }
          int sources = Bytes.u16(b, r + 2);
          records.add(new GroupRecord(Math.max(1, Math.min(6, Bytes.u8(b, r))), Bytes.i64(b, r + 4), Bytes.i64(b, r + 12)));
          r += 20 + 16 * sources + 4 * Bytes.u8(b, r + 1);
        }
        return new V2Report(records);
      }
      default:
        return null;
    }
  }
}
