package org.carpsim.carp.wire;

import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.carp.net.Ipv4Address;

/**
 * An IPv4 header, field by field as on the wire, so that a decoded header encodes to the same
 * bytes (including a wrong checksum or options). Build headers with {@link #create}, which fills
 * in the total length and the checksum.
 *
 * @param tos type of service / DSCP+ECN byte (CARP: 0x10 on OpenBSD, NetBSD and ucarp)
 * @param totalLength header + payload bytes
 * @param identification the IP ID (random on OpenBSD and ucarp, 0 on NetBSD)
 * @param flags the three flag bits: {@link #DONT_FRAGMENT}, {@link #MORE_FRAGMENTS}
 * @param fragmentOffset in 8-byte units, 0..8191
 * @param ttl time to live (CARP: 255)
 * @param protocol the payload's protocol (CARP: 112)
 * @param checksum the header checksum as on the wire
 * @param source source address
 * @param destination destination address
 * @param options option bytes, a multiple of 4, at most 40 (carried, not interpreted)
 */
public record Ipv4Header(
    int tos,
    int totalLength,
    int identification,
    int flags,
    int fragmentOffset,
    int ttl,
    int protocol,
    int checksum,
    Ipv4Address source,
    Ipv4Address destination,
    Octets options) {

  public static final int MIN_LENGTH = 20;
  public static final int DONT_FRAGMENT = 0b010;
  public static final int MORE_FRAGMENTS = 0b001;

  public Ipv4Header {
    Check.u8("TOS", tos);
    Check.u16("IPv4 total length", totalLength);
    Check.u16("IPv4 identification", identification);
    Check.range("IPv4 flags", flags, 0, 7);
    Check.range("IPv4 fragment offset", fragmentOffset, 0, 8191);
    Check.u8("TTL", ttl);
    Check.u8("IP protocol", protocol);
    Check.u16("IPv4 header checksum", checksum);
    Check.notNull("source", source);
    Check.notNull("destination", destination);
    Check.notNull("options", options);
    if (options.length() % 4 != 0 || options.length() > 40) {
      throw new IllegalArgumentException("IPv4 options must be a multiple of 4 bytes, at most 40; got " + options.length());
    }
    if (totalLength < MIN_LENGTH + options.length()) {
      throw new IllegalArgumentException("IPv4 total length " + totalLength + " is shorter than the header ("
          + (MIN_LENGTH + options.length()) + " bytes)");
    }
  }

  /**
   * A header without options and not fragmented, with total length and checksum computed.
   *
   * @param flags usually {@link #DONT_FRAGMENT}, as every CARP implementation sends
   */
  public static Ipv4Header create(
      int tos, int identification, int flags, int ttl, int protocol, Ipv4Address source, Ipv4Address destination, int payloadLength) {
    return new Ipv4Header(tos, MIN_LENGTH + payloadLength, identification, flags, 0, ttl, protocol, 0, source, destination, Octets.EMPTY)
        .withCorrectChecksum();
  }

  /** Bytes of header, options included. */
  public int headerLength() {
    return MIN_LENGTH + options.length();
  }

  public boolean isFragment() {
    return (flags & MORE_FRAGMENTS) != 0 || fragmentOffset != 0;
  }

  /** The checksum these fields should carry. */
  public int computeChecksum() {
    return ~InternetChecksum.fold(sumWithoutChecksum()) & 0xffff;
  }

  /** True when the checksum field verifies. */
  public boolean checksumOk() {
    return InternetChecksum.fold(sumWithoutChecksum() + checksum) == 0xffff;
  }

  /** The same header with the correct checksum. */
  public Ipv4Header withCorrectChecksum() {
    return new Ipv4Header(tos, totalLength, identification, flags, fragmentOffset, ttl, protocol, computeChecksum(),
        source, destination, options);
  }

  private long sumWithoutChecksum() {
    long sum = (0x40 | headerLength() / 4) << 8 | tos;
    sum += totalLength;
    sum += identification;
    sum += flags << 13 | fragmentOffset;
    sum += ttl << 8 | protocol;
    sum += (source.value() >>> 16) + (source.value() & 0xffff);
    sum += (destination.value() >>> 16) + (destination.value() & 0xffff);
    return options.addToChecksum(sum);
  }

  /** Writes the header; returns the offset after it. */
  public int writeTo(byte[] out, int offset) {
    out[offset] = (byte) (0x40 | headerLength() / 4);
    out[offset + 1] = (byte) tos;
    Bytes.put16(out, offset + 2, totalLength);
    Bytes.put16(out, offset + 4, identification);
    Bytes.put16(out, offset + 6, flags << 13 | fragmentOffset);
    out[offset + 8] = (byte) ttl;
    out[offset + 9] = (byte) protocol;
    Bytes.put16(out, offset + 10, checksum);
    source.write(out, offset + 12);
    destination.write(out, offset + 16);
    return options.copyTo(out, offset + MIN_LENGTH);
  }
}
