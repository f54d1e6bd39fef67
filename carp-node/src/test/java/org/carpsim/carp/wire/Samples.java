package org.carpsim.carp.wire;

import java.util.List;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;

/** Typical frames, built with the public API the node uses. */
final class Samples {

  static final Ipv4Address SRC4 = Ipv4Address.parse("192.0.2.2");
  static final Ipv4Address VIP4 = Ipv4Address.parse("192.0.2.1");
  static final Ipv6Address SRC6 = Ipv6Address.parse("fe80::2");
  static final Ipv6Address VIP6 = Ipv6Address.parse("2001:db8::1");
  static final MacAddress VMAC = MacAddress.carpVirtual(1);
  static final long COUNTER = 0x0123456789abcdefL;

  private Samples() {}

  /** T1 of §2.8: pass "secret", vhid 1, VIP 192.0.2.1. */
  static CarpAdvertisement t1() {
    CarpHmac h = CarpHmac.prepare(HmacScheme.OPENBSD, CarpKey.bsd("secret"), 1, List.of(VIP4), List.of(), null);
    return CarpAdvertisement.create(1, 0, 0, 1, COUNTER, h.compute(COUNTER));
  }

  static EthernetFrame carp4(CarpAdvertisement ad) {
    return EthernetFrame.of(Frames.multicastMac(Ipv4Address.CARP_GROUP), VMAC,
        Ipv4Packet.of(0x10, 0x1234, Ipv4Header.DONT_FRAGMENT, 255, SRC4, Ipv4Address.CARP_GROUP, ad));
  }

  static EthernetFrame carp4(CarpAdvertisement ad, int ttl) {
    return EthernetFrame.of(Frames.multicastMac(Ipv4Address.CARP_GROUP), VMAC,
        Ipv4Packet.of(0x10, 0x1234, Ipv4Header.DONT_FRAGMENT, ttl, SRC4, Ipv4Address.CARP_GROUP, ad));
  }

  static EthernetFrame carp6(CarpAdvertisement ad) {
    return EthernetFrame.of(Frames.multicastMac(Ipv6Address.CARP_GROUP), VMAC,
        Ipv6Packet.of(0, 0, 255, SRC6, Ipv6Address.CARP_GROUP, ad));
  }

  static EthernetFrame neighborAdvertisement() {
    return EthernetFrame.of(Frames.multicastMac(Ipv6Address.ALL_NODES), VMAC,
        Ipv6Packet.of(0, 0, 255, SRC6, Ipv6Address.ALL_NODES, NeighborAdvertisement.of(false, false, true, VIP6, VMAC)));
  }

  static EthernetFrame neighborSolicitation() {
    Ipv6Address solicited = Ipv6Address.parse("ff02::1:ff00:1");
    return EthernetFrame.of(Frames.multicastMac(solicited), MacAddress.parse("02:00:00:00:00:07"),
        Ipv6Packet.of(0, 0, 255, Ipv6Address.parse("2001:db8::7"), solicited,
            NeighborSolicitation.of(VIP6, MacAddress.parse("02:00:00:00:00:07"))));
  }

  static EthernetFrame gratuitousArp() {
    return EthernetFrame.of(MacAddress.BROADCAST, VMAC, ArpPacket.gratuitousRequest(VMAC, VIP4, MacAddress.ZERO));
  }
}
