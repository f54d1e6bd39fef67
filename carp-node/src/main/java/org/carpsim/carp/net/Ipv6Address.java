package org.carpsim.carp.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv6 address as two longs in network order ({@code hi} holds bytes 0..7). */
public record Ipv6Address(long hi, long lo) implements IpAddress, Comparable<Ipv6Address> {

  /** ff02::12, where CARP advertisements over IPv6 go. */
  public static final Ipv6Address CARP_GROUP = new Ipv6Address(0xff02_0000_0000_0000L, 0x12L);
  /** ff02::1, all nodes, where unsolicited neighbour advertisements go. */
  public static final Ipv6Address ALL_NODES = new Ipv6Address(0xff02_0000_0000_0000L, 0x1L);

  public static Ipv6Address read(byte[] bytes, int offset) {
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (bytes[offset + i] & 0xff);
      lo = (lo << 8) | (bytes[offset + 8 + i] & 0xff);
    }
    return new Ipv6Address(hi, lo);
  }

  /**
   * Parses any textual IPv6 form ({@code 2001:db8::1}, {@code ::ffff:192.0.2.1}); no host names and
   * no zone ids.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Ipv6Address parse(String text) {
    if (text.indexOf(':') < 0 || text.indexOf('%') >= 0 || !text.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("bad IPv6 address '" + text + "'");
    }
    try {
      // Only literals reach here (checked above), so this never does a name lookup.
      InetAddress a = InetAddress.getByName(text);
      byte[] b = a.getAddress();
      if (b.length == 4) { // an IPv4-mapped literal, which Java folds to IPv4
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(b, 0, mapped, 12, 4);
        b = mapped;
      } else if (!(a instanceof Inet6Address)) {
        throw new IllegalArgumentException("bad IPv6 address '" + text + "'");
      }
      return read(b, 0);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad IPv6 address '" + text + "'");
    }
  }

  public void write(byte[] bytes, int offset) {
    for (int i = 0; i < 8; i++) {
      bytes[offset + i] = (byte) (hi >>> (56 - 8 * i));
      bytes[offset + 8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
  }

  public byte[] toBytes() {
    byte[] b = new byte[16];
    write(b, 0);
    return b;
  }

  /** ff02::1:ffXX:XXXX, the solicited-node group a neighbour solicitation for this address goes to (RFC 4291 §2.7.1). */
  public Ipv6Address solicitedNode() {
    return new Ipv6Address(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0000L | (lo & 0xff_ffffL));
  }

  public boolean isMulticast() {
    return (hi >>> 56) == 0xff;
  }

  /** fe80::/10 and the other scopes whose kernels embed a scope id in bytes 2..3. */
  public boolean isLinkLocal() {
    return (hi >>> 54) == (0xfe80L >>> 6);
  }

  /** Order of memcmp over the 16 bytes, the order CARP sorts IPv6 addresses for the HMAC. */
  @Override
  public int compareTo(Ipv6Address o) {
    int c = Long.compareUnsigned(hi, o.hi);
    return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
  }

  /** RFC 5952 text: lower-case hex groups, the longest run of two or more zero groups as "::". */
  @Override
  public String toString() {
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
      g[4 + i] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
    }
    // Formatted by hand: InetAddress would print an IPv4-mapped address as plain dotted IPv4.
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] == 0) {
        int j = i;
        while (j < 8 && g[j] == 0) {
          j++;
        }
        if (j - i > bestLen) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
