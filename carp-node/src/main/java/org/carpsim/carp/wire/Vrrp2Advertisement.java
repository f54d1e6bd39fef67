package org.carpsim.carp.wire;

import java.util.List;
import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.carp.net.Ipv4Address;

/**
 * A VRRPv2 packet (RFC 3768), which shares IP protocol 112 and 224.0.0.18 with CARP. Its version
 * nibble is also 2 and its type 1, so it is told apart by byte 3 (count of addresses, CARP's
 * authlen, which is always 7 in CARP), as Wireshark does (§1.3, §2.7).
 *
 * <p>The authentication data of type 1 is a clear-text password: {@link #toString()} leaves it out.
 *
 * @param type 1, advertisement
 * @param vrid virtual router id
 * @param priority 0..255 (0: the master is stopping; 255: the address owner)
 * @param authType 0 none, 1 simple text password, 2 IP authentication header
 * @param advertInterval seconds
 * @param checksum Internet checksum over the VRRP message
 * @param addresses the virtual addresses (their count is byte 3)
 * @param authData the 8 authentication bytes
 */
public record Vrrp2Advertisement(
    int type, int vrid, int priority, int authType, int advertInterval, int checksum, List<Ipv4Address> addresses, Octets authData)
    implements IpPayload {

  public static final int VERSION = 2;

  public Vrrp2Advertisement {
    Check.range("VRRP type", type, 0, 15);
    Check.u8("VRID", vrid);
    Check.u8("VRRP priority", priority);
    Check.u8("VRRP auth type", authType);
    Check.u8("VRRP advertisement interval", advertInterval);
    Check.u16("VRRP checksum", checksum);
    addresses = List.copyOf(Check.notNull("addresses", addresses));
    Check.range("VRRP address count", addresses.size(), 0, 255);
    Check.notNull("authData", authData);
    if (authData.length() != 8) {
      throw new IllegalArgumentException("VRRPv2 authentication data must be 8 bytes, got " + authData.length());
    }
  }

  /** Byte 3: the number of addresses. */
  public int count() {
    return addresses.size();
  }

  public boolean checksumOk() {
    byte[] b = new byte[encodedLength()];
    writeTo(b, 0);
    return InternetChecksum.verifies(b, 0, b.length);
  }

  /** The same packet with the correct checksum. */
  public Vrrp2Advertisement withCorrectChecksum() {
    Vrrp2Advertisement zero = new Vrrp2Advertisement(type, vrid, priority, authType, advertInterval, 0, addresses, authData);
    byte[] b = new byte[encodedLength()];
    zero.writeTo(b, 0);
    return new Vrrp2Advertisement(type, vrid, priority, authType, advertInterval,
        InternetChecksum.compute(b, 0, b.length), addresses, authData);
  }

  @Override
  public int protocol() {
    return IpProtocol.CARP;
  }

  @Override
  public int encodedLength() {
    return 16 + 4 * addresses.size();
  }

  @Override
  public int writeTo(byte[] out, int offset) {
    out[offset] = (byte) (VERSION << 4 | type);
    out[offset + 1] = (byte) vrid;
    out[offset + 2] = (byte) priority;
    out[offset + 3] = (byte) addresses.size();
    out[offset + 4] = (byte) authType;
    out[offset + 5] = (byte) advertInterval;
    Bytes.put16(out, offset + 6, checksum);
    int p = offset + 8;
    for (Ipv4Address a : addresses) {
      a.write(out, p);
      p += 4;
    }
    return authData.copyTo(out, p);
  }

  @Override
  public String toString() {
    return "Vrrp2Advertisement[type=" + type + ", vrid=" + vrid + ", priority=" + priority + ", authType=" + authType
        + ", advertInterval=" + advertInterval + ", checksum=" + checksum + ", addresses=" + addresses
        + ", authData=(" + authData.length() + " bytes, not shown)]";
  }
}
