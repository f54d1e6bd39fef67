package org.carpsim.carp.wire;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.auth.InternetChecksum;

/**
 * An IGMP message (IP protocol 2): a query of any version, a v2 report or leave, or a v3 report.
 * Encoded to the bytes after the IP header, with the checksum; decoded from them, checking it.
 */
public sealed interface IgmpMessage {

  int QUERY = 0x11;
  int V2_REPORT = 0x16;
  int LEAVE = 0x17;
  int V3_REPORT = 0x22;

  /** The IGMP bytes, checksum included. */
  byte[] encode();

  /**
   * A membership query (RFC 2236 §2, RFC 3376 §4.1): a general query has group 0.
   *
   * @param version 1 (Max Resp Code 0), 2 (8 bytes) or 3 (12 bytes or more)
   * @param maxResponseNs the Max Resp Time in ns (10 s for a v1 query)
   * @param group the queried group, 0 for a general query
   */
  record Query(int version, long maxResponseNs, int group) implements IgmpMessage {
    @Override
    public byte[] encode() {
      byte[] b = new byte[version == 3 ? 12 : 8];
      b[0] = QUERY;
      b[1] = (byte) (version == 1 ? 0 : maxResponseNs / 100_000_000L);
      Bytes.put32(b, 4, group);
      if (version == 3) {
        b[8] = 2; // QRV
        b[9] = 125; // QQIC
      }
      Bytes.put16(b, 2, InternetChecksum.compute(b, 0, b.length));
      return b;
    }
  }

  /** A v2 report (type 0x16) or leave (0x17) for {@code group}. */
  record V2(int type, int group) implements IgmpMessage {
    @Override
    public byte[] encode() {
      byte[] b = new byte[8];
      b[0] = (byte) type;
      Bytes.put32(b, 4, group);
      Bytes.put16(b, 2, InternetChecksum.compute(b, 0, 8));
      return b;
    }
  }

  /** A v3 report of whole-group records. */
  record V3Report(List<GroupRecord> records) implements IgmpMessage {
    public V3Report {
      records = List.copyOf(records);
    }

    @Override
    public byte[] encode() {
      byte[] b = new byte[8 + 8 * records.size()];
      b[0] = V3_REPORT;
      Bytes.put16(b, 6, records.size());
      for (int i = 0; i < records.size(); i++) {
        GroupRecord r = records.get(i);
        b[8 + 8 * i] = (byte) r.type();
        Bytes.put32(b, 8 + 8 * i + 4, (int) r.groupLo());
      }
      Bytes.put16(b, 2, InternetChecksum.compute(b, 0, b.length));
      return b;
    }
  }

  /** The message in {@code b[off, off + len)}, or null if it is short, has a bad checksum or another type. */
  static IgmpMessage decode(byte[] b, int off, int len) {
    if (len < 8 || off + len > b.length || !InternetChecksum.verifies(b, off, len)) {
      return null;
    }
    int type = Bytes.u8(b, off);
    int group = Bytes.i32(b, off + 4);
    switch (type) {
      case QUERY: {
        int code = Bytes.u8(b, off + 1);
        if (len >= 12) {
          // RFC 3376 §4.1.1: codes from 128 are a floating-point exponent and mantissa
          long tenths = code < 128 ? code : (long) ((code & 0x0f) | 0x10) << (((code >>> 4) & 0x07) + 3);
          return new Query(3, tenths * 100_000_000L, group);
        }
        return code == 0 ? new Query(1, 10_000_000_000L, group) : new Query(2, code * 100_000_000L, group);
      }
      case V2_REPORT:
      case LEAVE:
        return new V2(type, group);
      case V3_REPORT: {
        int n = Bytes.u16(b, off + 6);
        List<GroupRecord> records = new ArrayList<>(n);
        int r = off + 8;
        for (int i = 0; i < n; i++) {
          if (r + 8 > off + len) {
            return null;
          }
          int sources = Bytes.u16(b, r + 2);
          records.add(new GroupRecord(Math.max(1, Math.min(6, Bytes.u8(b, r))), 0, Bytes.i32(b, r + 4) & 0xffff_ffffL));
          r += 8 + 4 * sources + 4 * Bytes.u8(b, r + 1);
        }
        return new V3Report(records);
      }
      default:
        return null;
    }
  }
}
