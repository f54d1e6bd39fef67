package org.carpsim.carp.node;

import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.wire.Bytes;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.IgmpMessage;
import org.carpsim.carp.wire.MldMessage;

/**
 * The frames of IGMP and MLD messages as the kernels send them: IPv4 with TTL 1, TOS 0xc0 and the
 * Router Alert option (RFC 2236 §2, RFC 3376 §4); IPv6 with hop limit 1, from the link-local
 * address, and a hop-by-hop header holding Router Alert (MLD) and a PadN (RFC 2710 §3, RFC 3810 §5).
 */
final class MembershipFrames {

  private MembershipFrames() {}

  static byte[] igmp(long srcMac, int srcIp, int dstIp, IgmpMessage message) {
    byte[] m = message.encode();
    byte[] b = new byte[14 + 24 + m.length];
    Bytes.putMac(b, 0, Frames.multicastMac(new Ipv4Address(dstIp)).value());
    Bytes.putMac(b, 6, srcMac);
    Bytes.put16(b, 12, Wire.ETHERTYPE_IPV4);
    int ip = 14;
    b[ip] = 0x46;
    b[ip + 1] = (byte) 0xc0;
    Bytes.put16(b, ip + 2, 24 + m.length);
    Bytes.put16(b, ip + 6, 0x4000);
    b[ip + 8] = 1;
    b[ip + 9] = 2;
    Bytes.put32(b, ip + 12, srcIp);
    Bytes.put32(b, ip + 16, dstIp);
    b[ip + 20] = (byte) 0x94;
    b[ip + 21] = 4;
    Bytes.put16(b, ip + 10, InternetChecksum.compute(b, ip, 24));
    System.arraycopy(m, 0, b, ip + 24, m.length);
    return b;
  }

  static byte[] mld(long srcMac, Ipv6Address src, Ipv6Address dst, MldMessage message) {
    byte[] m = message.encode(src, dst);
    byte[] b = new byte[14 + 40 + 8 + m.length];
    Bytes.putMac(b, 0, Frames.multicastMac(dst).value());
    Bytes.putMac(b, 6, srcMac);
    Bytes.put16(b, 12, Wire.ETHERTYPE_IPV6);
    int ip = 14;
    b[ip] = 0x60;
    Bytes.put16(b, ip + 4, 8 + m.length);
    b[ip + 6] = 0;
    b[ip + 7] = 1;
    src.write(b, ip + 8);
    dst.write(b, ip + 24);
    int h = ip + 40;
    b[h] = (byte) Wire.PROTO_ICMPV6;
    b[h + 2] = 5;
    b[h + 3] = 2;
    b[h + 6] = 1;
    System.arraycopy(m, 0, b, h + 8, m.length);
    return b;
  }
}
