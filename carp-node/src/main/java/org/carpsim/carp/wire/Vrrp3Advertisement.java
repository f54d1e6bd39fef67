package org.carpsim.carp.wire;

import java.util.List;
import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;

/**
 * A VRRPv3 packet (RFC 5798; FreeBSD 15's {@code carpver 3}), IP protocol 112, version nibble 3.
 * Over IPv4 it lists IPv4 addresses, over IPv6 IPv6 addresses; the checksum covers the IP
 * pseudo-header.
 *
 * @param type 1, advertisement
 * @param vrid virtual router id
 * @param priority 0..255
 * @param reserved the 4 reserved bits
 * @param maxAdvertInterval centiseconds, 12 bits
 * @param checksum Internet checksum over pseudo-header and message
 * @param ipv4Addresses the addresses when carried over IPv4 (else empty)
 * @param ipv6Addresses the addresses when carried over IPv6 (else empty)
 */
public record Vrrp3Advertisement(
    int type,
    int vrid,
    int priority,
    int reserved,
    int maxAdvertInterval,
    int checksum,
    List<Ipv4Address> ipv4Addresses,
    List<Ipv6Address> ipv6Addresses)
    implements IpPayload {

  public static final int VERSION = 3;

  public Vrrp3Advertisement {
    Check.range("VRRP type", type, 0, 15);
    Check.u8("VRID", vrid);
    Check.u8("VRRP priority", priority);
    Check.range("VRRPv3 reserved bits", reserved, 0, 15);
    Check.range("VRRPv3 max advertisement interval", maxAdvertInterval, 0, 0xfff);
    Check.u16("VRRP checksum", checksum);
    ipv4Addresses = List.copyOf(Check.notNull("ipv4Addresses", ipv4Addresses));
    ipv6Addresses = List.copyOf(Check.notNull("ipv6Addresses", ipv6Addresses));
    if (!ipv4Addresses.isEmpty() && !ipv6Addresses.isEmpty()) {
      throw new IllegalArgumentException("a VRRPv3 packet lists addresses of one family only");
    }
    Check.range("VRRP address count", ipv4Addresses.size() + ipv6Addresses.size(), 0, 255);
  }

  /** Byte 3: the number of addresses. */
  public int count() {
    return ipv4Addresses.size() + ipv6Addresses.size();
  }

  /** True when the checksum verifies with the IPv4 pseudo-header. */
  public boolean checksumOk(Ipv4Address source, Ipv4Address destination) {
    return InternetChecksum.fold(sum(Ipv4Pseudo.sum(source, destination, IpProtocol.CARP, encodedLength()))) == 0xffff;
  }

  /** True when the checksum verifies with the IPv6 pseudo-header. */
  public boolean checksumOk(Ipv6Address source, Ipv6Address destination) {
    return InternetChecksum.fold(sum(Ipv6Packet.pseudoHeaderSum(source, destination, IpProtocol.CARP, encodedLength()))) == 0xffff;
  }

  /** The same packet with the checksum right for these IPv4 addresses. */
  public Vrrp3Advertisement withCorrectChecksum(Ipv4Address source, Ipv4Address destination) {
    return withChecksum(zeroed().sum(Ipv4Pseudo.sum(source, destination, IpProtocol.CARP, encodedLength())));
  }

  /** The same packet with the checksum right for these IPv6 addresses. */
  public Vrrp3Advertisement withCorrectChecksum(Ipv6Address source, Ipv6Address destination) {
    return withChecksum(zeroed().sum(Ipv6Packet.pseudoHeaderSum(source, destination, IpProtocol.CARP, encodedLength())));
  }

  private Vrrp3Advertisement zeroed() {
    return new Vrrp3Advertisement(type, vrid, priority, reserved, maxAdvertInterval, 0, ipv4Addresses, ipv6Addresses);
  }

  private Vrrp3Advertisement withChecksum(long sumWithZero) {
    return new Vrrp3Advertisement(type, vrid, priority, reserved, maxAdvertInterval,
        ~InternetChecksum.fold(sumWithZero) & 0xffff, ipv4Addresses, ipv6Addresses);
  }

  private long sum(long pseudo) {
    byte[] b = new byte[encodedLength()];
    writeTo(b, 0);
    return InternetChecksum.add(pseudo, b, 0, b.length);
  }

  @Override
  public int protocol() {
    return IpProtocol.CARP;
  }

  @Override
  public int encodedLength() {
    return 8 + 4 * ipv4Addresses.size() + 16 * ipv6Addresses.size();
  }

  @Override
  public int writeTo(byte[] out, int offset) {
    out[offset] = (byte) (VERSION << 4 | type);
    out[offset + 1] = (byte) vrid;
    out[offset + 2] = (byte) priority;
    out[offset + 3] = (byte) count();
    Bytes.put16(out, offset + 4, reserved << 12 | maxAdvertInterval);
    Bytes.put16(out, offset + 6, checksum);
    int p = offset + 8;
    for (Ipv4Address a : ipv4Addresses) {
      a.write(out, p);
      p += 4;
    }
    for (Ipv6Address a : ipv6Addresses) {
      a.write(out, p);
      p += 16;
    }
    return p;
  }
}
