package org.carpsim.cli;

import org.carpsim.carp.auth.InternetChecksum;

/**
 * The two frames a long capture is made of, an IPv4 CARP advertisement and an Ethernet/IPv4 ARP
 * packet, read and printed straight from the captured bytes: the same characters decode's general
 * path (decode into records, then format) prints for them, without a record or a string per frame.
 * Every other frame, and any of these two shapes with something unusual about it (a VLAN tag, IP
 * options, a fragment, a CARP version or type other than 2/1, a 44-byte payload that might be
 * VRRP), is left to the general path: {@link #carpAt} and {@link #isArp} say which.
 */
final class DecodeFastRows {

  private DecodeFastRows() {}

  static final String NL = System.lineSeparator();

  /** Where the CARP header starts. */
  static final int CARP = 34;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /**
   * True when the Ethernet frame {@code b[o, o+len)} is an IPv4 CARP advertisement the general
   * decoder takes as CARP for certain (carpsim's {@code Frames} rules for protocol 112): no VLAN tag,
   * a 20-byte IPv4 header, not a fragment, protocol 112, version 2 type 1, authlen 7 (so not VRRPv2),
   * a payload of 36 bytes or more but not 44 (so not VRRPv2 with seven addresses).
   */
  static boolean carpAt(byte[] b, int o, int len) {
    if (len < CARP + 36 || u16(b, o + 12) != 0x0800 || b[o + 14] != 0x45 || b[o + 23] != 112
        || (u16(b, o + 20) & 0x3fff) != 0) {
      return false;
    }
    int total = u16(b, o + 16);
    int n = total - 20;
    return total <= len - 14 && n >= 36 && n != 44 && b[o + CARP] == 0x21 && b[o + CARP + 3] == 7;
  }

  /** True when the frame is an Ethernet/IPv4 ARP packet (no VLAN tag) of at least 28 bytes. */
  static boolean isArp(byte[] b, int o, int len) {
    return len >= 14 + 28 && u16(b, o + 12) == 0x0806 && u16(b, o + 14) == 1 && u16(b, o + 16) == 0x0800
        && b[o + 18] == 6 && b[o + 19] == 4;
  }

  static int u8(byte[] b, int at) {
    return b[at] & 0xff;
  }

  static int u16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
  }

  static int i32(byte[] b, int at) {
    return u16(b, at) << 16 | u16(b, at + 2);
  }

  static long i64(byte[] b, int at) {
    return (long) i32(b, at) << 32 | (i32(b, at + 4) & 0xffffffffL);
  }

  static long mac(byte[] b, int at) {
    return (long) u16(b, at) << 32 | (i32(b, at + 2) & 0xffffffffL);
  }

  static boolean ipChecksumOk(byte[] b, int o) {
    return InternetChecksum.verifies(b, o + 14, 20);
  }

  static boolean carpChecksumOk(byte[] b, int o) {
    return InternetChecksum.verifies(b, o + CARP, 36);
  }

  /** The row's first three columns as {@code %6d %13s  }: number, then the time. */
  static void appendNumberAndTime(StringBuilder s, long number, long sinceFirstNanos) {
    for (long limit = 100_000; limit > 1 && number < limit; limit /= 10) {
      s.append(' '); // %6d: right-aligned in six columns, wider when it needs more
    }
    s.append(number).append(' ');
    int start = s.length();
    appendSeconds6(s, sinceFirstNanos);
    int width = s.length() - start;
    if (width < 13) {
      s.insert(start, "             ", 0, 13 - width);
    }
    s.append("  ");
  }

  /** Seconds with six decimals, cut (not rounded), as {@code Durations.formatSeconds(nanos, 6)}. */
  private static void appendSeconds6(StringBuilder s, long nanos) {
    if (nanos < 0) {
      s.append('-');
      if (nanos == Long.MIN_VALUE) {
        s.append("9223372036.854775");
        return;
      }
      nanos = -nanos;
    }
    s.append(nanos / 1_000_000_000L).append('.');
    long micros = nanos % 1_000_000_000L / 1000;
    for (long scale = 100_000; scale > 0; scale /= 10) {
      s.append((char) ('0' + micros / scale % 10));
    }
  }

  /** Pads what was appended since {@code start} with blanks to {@code width} characters ({@code %-Ns}). */
  static void padTo(StringBuilder s, int start, int width) {
    for (int i = s.length() - start; i < width; i++) {
      s.append(' ');
    }
  }

  static void appendIpv4(StringBuilder s, byte[] b, int at) {
    s.append(b[at] & 0xff).append('.').append(b[at + 1] & 0xff).append('.').append(b[at + 2] & 0xff).append('.')
        .append(b[at + 3] & 0xff);
  }

  static void appendMac(StringBuilder s, byte[] b, int at) {
    for (int i = 0; i < 6; i++) {
      if (i > 0) {
        s.append(':');
      }
      s.append(HEX[(b[at + i] >> 4) & 0xf]).append(HEX[b[at + i] & 0xf]);
    }
  }

  static void appendHex(StringBuilder s, byte[] b, int at, int length) {
    for (int i = at; i < at + length; i++) {
      s.append(HEX[(b[i] >> 4) & 0xf]).append(HEX[b[i] & 0xf]);
    }
  }

  /** {@code %3d} of a value 0..255. */
  static void append3(StringBuilder s, int v) {
    if (v < 100) {
      s.append(' ');
    }
    if (v < 10) {
      s.append(' ');
    }
    s.append(v);
  }

  /** The CARP row's details after {@code "CARP  "}, without the HMAC verdict's text and what follows it. */
  static void appendCarpDetails(StringBuilder s, byte[] b, int o, String hmac) {
    int c = o + CARP;
    s.append("vhid ");
    append3(s, u8(b, c + 1));
    s.append("  advbase/skew ");
    append3(s, u8(b, c + 5));
    s.append('/');
    int start = s.length();
    s.append(u8(b, c + 2));
    padTo(s, start, 3);
    s.append("  demote ");
    append3(s, u8(b, c + 4));
    s.append("  counter ");
    appendHex(s, b, c + 8, 8);
    s.append("  cksum ").append(carpChecksumOk(b, o) ? "ok " : "BAD").append("  hmac ").append(hmac);
    int ttl = u8(b, o + 22);
    if (ttl != 255) {
      s.append("  ttl ").append(ttl).append(" (receivers count badttl)");
    }
    if (!ipChecksumOk(b, o)) {
      s.append("  IPv4 header cksum BAD (the IP layer drops it)");
    }
  }

  /** The ARP row's details, as decode's general path words them. */
  static void appendArpDetails(StringBuilder s, byte[] b, int o) {
    int a = o + 14;
    int op = u16(b, a + 6);
    boolean gratuitous = i32(b, a + 14) == i32(b, a + 24);
    if (op == 1 && gratuitous) {
      s.append("gratuitous request: ");
      appendIpv4(s, b, a + 14);
      s.append(" is at ");
      appendMac(s, b, a + 8);
    } else if (op == 1) {
      s.append("who has ");
      appendIpv4(s, b, a + 24);
      s.append("? tell ");
      appendIpv4(s, b, a + 14);
      s.append(" (");
      appendMac(s, b, a + 8);
      s.append(')');
    } else if (op == 2) {
      s.append("reply: ");
      appendIpv4(s, b, a + 14);
      s.append(" is at ");
      appendMac(s, b, a + 8);
      if (gratuitous) {
        s.append(" (gratuitous)");
      }
    } else {
      s.append("operation ").append(op).append(": ");
      appendIpv4(s, b, a + 14);
      s.append(" / ");
      appendMac(s, b, a + 8);
    }
  }

  /**
   * The JSON object of a CARP advertisement, field for field as decode's general path writes it
   * with Jackson (every value a number, a boolean, null or a string that needs no escaping).
   */
  static void appendCarpJson(StringBuilder s, byte[] b, int o, boolean hasTimestamp, long timestampNanos,
      boolean checked, Boolean hmacOk) {
    int c = o + CARP;
    s.append("{\"t_ns\":");
    if (hasTimestamp) {
      s.append(timestampNanos);
    } else {
      s.append("null");
    }
    s.append(",\"src\":\"");
    appendIpv4(s, b, o + 26);
    s.append("\",\"dst\":\"");
    appendIpv4(s, b, o + 30);
    s.append("\",\"src_mac\":\"");
    appendMac(s, b, o + 6);
    s.append("\",\"ttl\":").append(u8(b, o + 22))
        .append(",\"version\":").append(u8(b, c) >>> 4)
        .append(",\"type\":").append(u8(b, c) & 0xf)
        .append(",\"vhid\":").append(u8(b, c + 1))
        .append(",\"advskew\":").append(u8(b, c + 2))
        .append(",\"authlen\":").append(u8(b, c + 3))
        .append(",\"demote\":").append(u8(b, c + 4))
        .append(",\"advbase\":").append(u8(b, c + 5))
        .append(",\"checksum_ok\":").append(carpChecksumOk(b, o))
        .append(",\"counter\":\"");
    appendHex(s, b, c + 8, 8);
    s.append("\",\"hmac\":\"");
    appendHex(s, b, c + 16, 20);
    s.append('"');
    if (checked) {
      s.append(",\"hmac_ok\":").append(hmacOk == null ? "null" : hmacOk.toString());
    }
    s.append('}');
  }
}
