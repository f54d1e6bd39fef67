package org.carpsim.sim.net;

import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.frame.Macs;
import org.carpsim.sim.topology.Snooping;

/**
 * The general queries a snooping switch's querier sends, as a Linux bridge does by default
 * ({@code multicast_igmp_version 2}, {@code multicast_mld_version 1}, no address of its own so
 * IGMP from 0.0.0.0, {@code multicast_query_use_ifaddr 0}): an IGMPv2 general query to 224.0.0.1
 * and an MLDv1 general query to ff02::1 from the link-local address of the switch's MAC, both with
 * the Router Alert option and Max Resp Time 10 s.
 */
final class SnoopingFrames {

  private SnoopingFrames() {}

  /** IGMPv2 general query: IPv4 with Router Alert (24-byte header), 8 bytes of IGMP. */
  static Frame igmpGeneralQuery(long switchMac) {
    byte[] b = new byte[14 + 24 + 8];
    Macs.write(0x01005e000001L, b, 0);
    Macs.write(switchMac, b, 6);
    b[12] = 0x08;
    int ip = 14;
    b[ip] = 0x46;
    b[ip + 1] = (byte) 0xc0;
    put16(b, ip + 2, 32);
    b[ip + 8] = 1; // TTL 1
    b[ip + 9] = 2; // IGMP
    put32(b, ip + 16, 0xe0000001); // 224.0.0.1, from 0.0.0.0
    b[ip + 20] = (byte) 0x94; // Router Alert
    b[ip + 21] = 4;
    put16(b, ip + 10, checksum(b, ip, 24, 0));
    int q = ip + 24;
    b[q] = 0x11;
    b[q + 1] = (byte) (Snooping.QUERY_RESPONSE_INTERVAL / 100_000_000L); // in 1/10 s: 100
    put16(b, q + 2, checksum(b, q, 8, 0));
    return Frame.wrap(b);
  }

  /** MLDv1 general query: IPv6, a hop-by-hop header with Router Alert, 24 bytes of ICMPv6. */
  static Frame mldGeneralQuery(long switchMac) {
    byte[] b = new byte[14 + 40 + 8 + 24];
    Macs.write(0x333300000001L, b, 0);
    Macs.write(switchMac, b, 6);
    b[12] = (byte) 0x86;
    b[13] = (byte) 0xdd;
    int ip = 14;
    b[ip] = 0x60;
    put16(b, ip + 4, 32);
    b[ip + 6] = 0; // hop-by-hop
    b[ip + 7] = 1;
    // fe80::/64 with the modified EUI-64 of the switch's MAC
    b[ip + 8] = (byte) 0xfe;
    b[ip + 9] = (byte) 0x80;
    int s = ip + 16;
    b[s] = (byte) (((switchMac >>> 40) & 0xff) ^ 0x02);
    b[s + 1] = (byte) (switchMac >>> 32);
    b[s + 2] = (byte) (switchMac >>> 24);
    b[s + 3] = (byte) 0xff;
    b[s + 4] = (byte) 0xfe;
    b[s + 5] = (byte) (switchMac >>> 16);
    b[s + 6] = (byte) (switchMac >>> 8);
    b[s + 7] = (byte) switchMac;
    b[ip + 24] = (byte) 0xff;
    b[ip + 25] = 0x02;
    b[ip + 39] = 1; // ff02::1
    int h = ip + 40;
    b[h] = 58; // ICMPv6 next
    b[h + 2] = 5; // Router Alert: MLD
    b[h + 3] = 2;
    b[h + 6] = 1; // PadN, 0 bytes
    int q = h + 8;
    b[q] = (byte) 130;
    put16(b, q + 4, (int) (Snooping.QUERY_RESPONSE_INTERVAL / 1_000_000L));
    int pseudo = sum(b, ip + 8, 32) + 24 + 58;
    put16(b, q + 2, checksum(b, q, 24, pseudo));
    return Frame.wrap(b);
  }

  private static int sum(byte[] b, int off, int len) {
    int sum = 0;
    for (int i = 0; i < len; i += 2) {
      sum += (b[off + i] & 0xff) << 8 | (i + 1 < len ? b[off + i + 1] & 0xff : 0);
    }
    return sum;
  }

  private static int checksum(byte[] b, int off, int len, int initial) {
    long sum = (initial & 0xffffffffL) + sum(b, off, len);
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  private static void put16(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }

  private static void put32(byte[] b, int off, int v) {
    put16(b, off, v >>> 16);
    put16(b, off + 2, v);
  }
}
