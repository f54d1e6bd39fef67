package org.carpsim.carp.vrrp;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.wire.Bytes;
import org.carpsim.carp.wire.Octets;
import org.carpsim.carp.wire.Vrrp2Advertisement;
import org.carpsim.carp.wire.Vrrp3Advertisement;

/**
 * The frames keepalived 2.2 sends without {@code use_vmac} (measured in the lab, ucarp-lab.md
 * keepalived section): advertisements from the NIC's own MAC to 01:00:5e:00:00:12, IPv4 TOS 0xc0, IP
 * ID counting from 1 per instance, no DF, TTL 255, protocol 112, to 224.0.0.18; VRRPv2 carries the 8
 * authentication bytes even without authentication. Gratuitous ARPs are requests to broadcast with
 * sender = target IP = the VIP, sender MAC = the NIC's MAC, target MAC ff:ff:ff:ff:ff:ff.
 */
public final class VrrpFrames {

  private static final int GROUP = Ipv4Address.CARP_GROUP.value();

  private VrrpFrames() {}

  /** One advertisement of {@code in} at {@code priority} (0 on a graceful stop). */
  public static byte[] advertisement(KeepalivedConfig.Instance in, long srcMac, int srcIp, int ipId, int priority) {
    List<Ipv4Address> vips = new ArrayList<>();
    in.vips().forEach(v -> vips.add(v.address()));
    byte[] payload;
    if (in.version() == 2) {
      Vrrp2Advertisement ad = new Vrrp2Advertisement(1, in.vrid(), priority, in.authPass().isPresent() ? 1 : 0,
          in.advertIntCentis() / 100, 0, vips, Octets.copyOf(in.authData())).withCorrectChecksum();
      payload = new byte[ad.encodedLength()];
      ad.writeTo(payload, 0);
    } else {
      Vrrp3Advertisement ad = new Vrrp3Advertisement(1, in.vrid(), priority, 0, in.advertIntCentis(), 0, vips,
          List.of()).withCorrectChecksum(new Ipv4Address(srcIp), Ipv4Address.CARP_GROUP);
      payload = new byte[ad.encodedLength()];
      ad.writeTo(payload, 0);
    }
    byte[] f = new byte[14 + 20 + payload.length];
    Bytes.putMac(f, 0, 0x01005e000012L);
    Bytes.putMac(f, 6, srcMac);
    Bytes.put16(f, 12, 0x0800);
    int ip = 14;
    f[ip] = 0x45;
    f[ip + 1] = (byte) 0xc0;
    Bytes.put16(f, ip + 2, 20 + payload.length);
    Bytes.put16(f, ip + 4, ipId);
    f[ip + 8] = (byte) 255;
    f[ip + 9] = 112;
    Bytes.put32(f, ip + 12, srcIp);
    Bytes.put32(f, ip + 16, GROUP);
    Bytes.put16(f, ip + 10, InternetChecksum.compute(f, ip, 20));
    System.arraycopy(payload, 0, f, ip + 20, payload.length);
    return f;
  }

  /** keepalived's gratuitous ARP for one VIP. */
  public static byte[] gratuitousArp(long mac, int vip) {
    byte[] b = new byte[42];
    Bytes.putMac(b, 0, 0xffff_ffff_ffffL);
    Bytes.putMac(b, 6, mac);
    Bytes.put16(b, 12, 0x0806);
    Bytes.put16(b, 14, 1);
    Bytes.put16(b, 16, 0x0800);
    b[18] = 6;
    b[19] = 4;
    Bytes.put16(b, 20, 1);
    Bytes.putMac(b, 22, mac);
    Bytes.put32(b, 28, vip);
    Bytes.putMac(b, 32, 0xffff_ffff_ffffL);
    Bytes.put32(b, 38, vip);
    return b;
  }
}
