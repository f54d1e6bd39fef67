package org.carpsim.carp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.junit.jupiter.api.Test;

class FramesTest {

  private static final HexFormat HEX = HexFormat.of();

  private static EthernetFrame frame(byte[] bytes) {
    return assertInstanceOf(EthernetFrame.class, Frames.decode(bytes));
  }

  private static DecodeError error(byte[] bytes) {
    return assertInstanceOf(DecodeError.class, Frames.decode(bytes));
  }

  @Test
  void t1HeaderBytesAreTheReferenceVector() {
    assertEquals("2101000700017e1e0123456789abcdef08ba7693f61e8b926873518e0350be85e1786463", HEX.formatHex(Samples.t1().toBytes()));
    assertEquals(0x7e1e, Samples.t1().checksum());
    assertTrue(Samples.t1().checksumOk());
  }

  @Test
  void carpOverIpv4IsSeventyBytesAndDecodesBack() {
    EthernetFrame f = Samples.carp4(Samples.t1());
    byte[] b = f.toBytes();
    assertEquals(70, b.length);
    assertEquals("01005e000012" + "00005e000101" + "0800" + "45100038" + "12344000" + "ff70", HEX.formatHex(b, 0, 24));
    assertEquals(f, Frames.decode(b));
    Ipv4Packet ip = (Ipv4Packet) f.payload();
    assertTrue(ip.header().checksumOk());
    assertEquals(56, ip.header().totalLength());
  }

  @Test
  void carpOverIpv6IsNinetyBytesToFf02Colon12() {
    EthernetFrame f = Samples.carp6(Samples.t1());
    byte[] b = f.toBytes();
    assertEquals(90, b.length);
    assertEquals("333300000012", HEX.formatHex(b, 0, 6));
    assertEquals("86dd" + "60000000" + "0024" + "70" + "ff", HEX.formatHex(b, 12, 22));
    assertEquals(f, Frames.decode(b));
    assertEquals(Optional.of(Samples.t1()), frame(b).carpAdvertisement());
  }

  @Test
  void vlanTagSitsBetweenMacsAndEtherType() {
    CarpAdvertisement ad = Samples.t1();
    EthernetFrame f = EthernetFrame.tagged(Frames.multicastMac(Ipv4Address.CARP_GROUP), Samples.VMAC, new VlanTag(5, true, 42),
        Ipv4Packet.of(0x10, 7, Ipv4Header.DONT_FRAGMENT, 255, Samples.SRC4, Ipv4Address.CARP_GROUP, ad));
    byte[] b = f.toBytes();
    assertEquals(74, b.length);
    assertEquals("8100" + "b02a" + "0800", HEX.formatHex(b, 12, 18));
    EthernetFrame back = frame(b);
    assertEquals(f, back);
    assertEquals(new VlanTag(5, true, 42), back.header().vlan());
  }

  @Test
  void badCarpChecksumStillDecodesAndSaysSo() {
    byte[] b = Samples.carp4(Samples.t1()).toBytes();
    b[14 + 20 + 30] ^= 0x40; // a bit of the HMAC
    CarpAdvertisement ad = frame(b).carpAdvertisement().orElseThrow();
    assertFalse(ad.checksumOk());
    assertEquals(0x7e1e, ad.checksum());
    assertTrue(ad.withCorrectChecksum().checksumOk());
  }

  @Test
  void bytesAfterTheCarpHeaderAreKeptAsSurplusAndNotChecksummed() {
    EthernetFrame base = Samples.carp4(Samples.t1());
    Ipv4Packet ip = (Ipv4Packet) base.payload();
    Ipv4Header h = ip.header();
    Ipv4Header longer = new Ipv4Header(h.tos(), 60, h.identification(), h.flags(), 0, 255, 112, 0, h.source(), h.destination(),
        Octets.EMPTY).withCorrectChecksum();
    EthernetFrame f = new EthernetFrame(base.header(), new Ipv4Packet(longer, Samples.t1(), Octets.fromHex("deadbeef")));
    EthernetFrame back = frame(f.toBytes());
    assertEquals(f, back);
    assertTrue(back.carpAdvertisement().orElseThrow().checksumOk());
    assertInstanceOf(CarpReception.Candidate.class, CarpReception.check(back));
  }

  @Test
  void ethernetPaddingIsKeptAsTrailer() {
    byte[] arp = Samples.gratuitousArp().toBytes();
    assertEquals(42, arp.length);
    byte[] padded = Frames.padToMinimum(arp);
    assertEquals(60, padded.length);
    EthernetFrame f = frame(padded);
    assertEquals(Samples.gratuitousArp().payload(), f.payload());
    assertEquals(Octets.zeros(18), f.trailer());
    assertArrayEquals(padded, f.toBytes());
    assertArrayEquals(arp, f.withTrailer(Octets.EMPTY).toBytes());
    assertTrue(((ArpPacket) f.payload()).isGratuitous());
  }

  @Test
  void ipv4OptionsAreCarriedAndSkipped() {
    CarpAdvertisement ad = Samples.t1();
    Ipv4Header h = new Ipv4Header(0x10, 24 + 36, 1, Ipv4Header.DONT_FRAGMENT, 0, 255, 112, 0, Samples.SRC4, Ipv4Address.CARP_GROUP,
        Octets.fromHex("94040000")).withCorrectChecksum(); // router alert
    EthernetFrame f = EthernetFrame.of(Frames.multicastMac(Ipv4Address.CARP_GROUP), Samples.VMAC, new Ipv4Packet(h, ad));
    byte[] b = f.toBytes();
    assertEquals(0x46, b[14] & 0xff);
    assertEquals(f, Frames.decode(b));
  }

  @Test
  void ipv6ExtensionHeadersAreCarriedAndSkipped() {
    CarpAdvertisement ad = Samples.t1();
    // Hop-by-hop header (8 bytes: next header 112, length 0, PadN).
    Octets hbh = Octets.fromHex("7000" + "010400000000");
    Ipv6Header h = new Ipv6Header(0, 0, 8 + 36, IpProtocol.HOP_BY_HOP, 255, Samples.SRC6, Ipv6Address.CARP_GROUP);
    EthernetFrame f = EthernetFrame.of(Frames.multicastMac(Ipv6Address.CARP_GROUP), Samples.VMAC,
        new Ipv6Packet(h, hbh, ad, Octets.EMPTY));
    EthernetFrame back = frame(f.toBytes());
    assertEquals(f, back);
    assertEquals(112, ((Ipv6Packet) back.payload()).upperLayerProtocol());
  }

  @Test
  void fragmentsAreOpaque() {
    byte[] b = Samples.carp4(Samples.t1()).toBytes();
    b[14 + 6] = 0x20; // MF
    b[14 + 10] = 0;
    b[14 + 11] = 0;
    ((Ipv4Packet) frame(b).payload()).header().withCorrectChecksum().writeTo(b, 14);
    EthernetFrame f = frame(b);
    assertTrue(((Ipv4Packet) f.payload()).header().isFragment());
    assertInstanceOf(OpaquePayload.class, ((Ipv4Packet) f.payload()).payload());
    assertInstanceOf(CarpReception.NotCarp.class, CarpReception.check(f));
  }

  @Test
  void neighbourDiscoveryRoundTripsWithValidChecksums() {
    for (EthernetFrame f : List.of(Samples.neighborAdvertisement(), Samples.neighborSolicitation())) {
      EthernetFrame back = frame(f.toBytes());
      assertEquals(f, back);
      Ipv6Packet ip = (Ipv6Packet) back.payload();
      assertTrue(ip.payloadChecksumOk());
      byte[] corrupt = f.toBytes();
      corrupt[corrupt.length - 1] ^= 1;
      assertFalse(((Ipv6Packet) frame(corrupt).payload()).payloadChecksumOk());
    }
    NeighborAdvertisement na = (NeighborAdvertisement) ((Ipv6Packet) Samples.neighborAdvertisement().payload()).payload();
    assertTrue(na.override());
    assertFalse(na.router());
    assertEquals(Optional.of(Samples.VMAC), na.targetLinkLayerAddress());
    NeighborSolicitation ns = (NeighborSolicitation) ((Ipv6Packet) Samples.neighborSolicitation().payload()).payload();
    assertEquals(Optional.of(MacAddress.parse("02:00:00:00:00:07")), ns.sourceLinkLayerAddress());
  }

  @Test
  void vrrp3IsVrrpOverBothFamilies() {
    Vrrp3Advertisement v4 = new Vrrp3Advertisement(1, 9, 100, 0, 100, 0, List.of(Samples.VIP4), List.of());
    EthernetFrame f4 = EthernetFrame.of(Frames.multicastMac(Ipv4Address.CARP_GROUP), MacAddress.carpVirtual(9),
        Ipv4Packet.of(0xc0, 0, 0, 255, Samples.SRC4, Ipv4Address.CARP_GROUP, v4));
    EthernetFrame back4 = frame(f4.toBytes());
    assertEquals(f4, back4);
    assertTrue(((Ipv4Packet) back4.payload()).payloadChecksumOk());
    assertTrue(back4.carpAdvertisement().isEmpty());

    Vrrp3Advertisement v6 = new Vrrp3Advertisement(1, 9, 100, 0, 100, 0, List.of(), List.of(Samples.VIP6));
    EthernetFrame f6 = EthernetFrame.of(Frames.multicastMac(Ipv6Address.CARP_GROUP), MacAddress.carpVirtual(9),
        Ipv6Packet.of(0, 0, 255, Samples.SRC6, Ipv6Address.CARP_GROUP, v6));
    EthernetFrame back6 = frame(f6.toBytes());
    assertEquals(f6, back6);
    assertTrue(((Ipv6Packet) back6.payload()).payloadChecksumOk());
  }

  @Test
  void vrrp2WithSevenAddressesLooksLikeCarpButItsChecksumTellsItApart() {
    List<Ipv4Address> seven = List.of(1, 2, 3, 4, 5, 6, 7).stream().map(i -> Ipv4Address.of(10, 0, 0, i)).toList();
    Vrrp2Advertisement v = new Vrrp2Advertisement(1, 3, 100, 0, 1, 0, seven, Octets.zeros(8)).withCorrectChecksum();
    assertEquals(44, v.encodedLength());
    EthernetFrame f = EthernetFrame.of(Frames.multicastMac(Ipv4Address.CARP_GROUP), MacAddress.carpVirtual(3),
        Ipv4Packet.of(0xc0, 0, 0, 255, Samples.SRC4, Ipv4Address.CARP_GROUP, v));
    assertEquals(f, Frames.decode(f.toBytes()));
    // So is one with a clear-text password, whose CARP checksum then fails.
    Vrrp2Advertisement pw = new Vrrp2Advertisement(1, 3, 100, 1, 1, 0, seven, Octets.copyOf("secret\0\0".getBytes()))
        .withCorrectChecksum();
    EthernetFrame fpw = EthernetFrame.of(Frames.multicastMac(Ipv4Address.CARP_GROUP), MacAddress.carpVirtual(3),
        Ipv4Packet.of(0xc0, 0, 0, 255, Samples.SRC4, Ipv4Address.CARP_GROUP, pw));
    assertEquals(fpw, Frames.decode(fpw.toBytes()));
    // A CARP advertisement with 8 non-zero surplus bytes is 44 bytes too, and stays CARP.
    EthernetFrame base = Samples.carp4(Samples.t1());
    Ipv4Header h = ((Ipv4Packet) base.payload()).header();
    Ipv4Header longer = new Ipv4Header(h.tos(), 64, h.identification(), h.flags(), 0, 255, 112, 0, h.source(), h.destination(),
        Octets.EMPTY).withCorrectChecksum();
    EthernetFrame carp = new EthernetFrame(base.header(), new Ipv4Packet(longer, Samples.t1(), Octets.fromHex("0102030405060708")));
    assertEquals(carp, Frames.decode(carp.toBytes()));
  }

  // ---------------------------------------------------------------------------------------------
  // Errors

  @Test
  void shortFramesAreTypedErrors() {
    DecodeError e = error(new byte[0]);
    assertEquals(DecodeError.Kind.ETHERNET_TRUNCATED, e.kind());
    assertEquals(0, e.offset());
    assertTrue(e.detail().contains("needs 14"), e.detail());
    assertTrue(e.carpCounter().isEmpty());

    byte[] tagged = HEX.parseHex("ffffffffffff" + "020000000001" + "8100" + "00");
    assertEquals(DecodeError.Kind.VLAN_TRUNCATED, error(tagged).kind());
  }

  @Test
  void ipv4HeaderProblems() {
    byte[] b = Samples.carp4(Samples.t1()).toBytes();
    byte[] v5 = b.clone();
    v5[14] = 0x55;
    assertEquals(DecodeError.Kind.IPV4_BAD_VERSION, error(v5).kind());
    byte[] ihl4 = b.clone();
    ihl4[14] = 0x44;
    assertEquals(DecodeError.Kind.IPV4_BAD_HEADER_LENGTH, error(ihl4).kind());
    byte[] cut = Arrays.copyOf(b, 60);
    DecodeError e = error(cut);
    assertEquals(DecodeError.Kind.IPV4_TOTAL_LENGTH_EXCEEDS_FRAME, e.kind());
    assertEquals(16, e.offset());
    assertTrue(e.detail().contains("total length 56"), e.detail());
    assertTrue(e.carpCounter().isEmpty(), "ip_input drops it before CARP sees it");
    assertEquals(DecodeError.Kind.IPV4_TRUNCATED, error(Arrays.copyOf(b, 20)).kind());
  }

  private static byte[] shortCarp(int ttl) {
    // An IPv4 protocol-112 packet with only 20 bytes of "CARP" (version 2, authlen 7: no VRRP).
    byte[] ad = Arrays.copyOf(Samples.t1().toBytes(), 20);
    Ipv4Header h = Ipv4Header.create(0x10, 1, Ipv4Header.DONT_FRAGMENT, ttl, 112, Samples.SRC4, Ipv4Address.CARP_GROUP, 20);
    byte[] out = new byte[14 + 20 + 20];
    EthernetHeader.of(Frames.multicastMac(Ipv4Address.CARP_GROUP), Samples.VMAC, EtherType.IPV4).writeTo(out, 0);
    h.writeTo(out, 14);
    System.arraycopy(ad, 0, out, 34, 20);
    return out;
  }

  @Test
  void shortCarpIsBadlenUnlessTheTtlIsWrongFirst() {
    DecodeError e = error(shortCarp(255));
    assertEquals(DecodeError.Kind.CARP_TOO_SHORT_IPV4, e.kind());
    assertEquals(34, e.offset());
    assertEquals(Optional.of(CarpStat.BADLEN), e.carpCounter());
    assertEquals(Optional.of("badlen"), e.kind().carpCounterName());
    DecodeError ttl = error(shortCarp(64));
    assertEquals(DecodeError.Kind.CARP_TOO_SHORT_IPV4, ttl.kind());
    assertEquals(Optional.of(CarpStat.BADTTL), ttl.carpCounter(), "OpenBSD checks the TTL before the length");
    CarpReception.Dropped d = assertInstanceOf(CarpReception.Dropped.class, CarpReception.check(ttl));
    assertEquals(CarpStat.BADTTL, d.counter());
    assertEquals(IpFamily.IPV4, d.family());
  }

  @Test
  void shortCarpOverIpv6IsBadlenCountedAsIpv6() {
    byte[] b = Samples.carp6(Samples.t1()).toBytes();
    byte[] cut = Arrays.copyOf(b, 14 + 40 + 30);
    cut[14 + 5] = 30; // payload length 30
    DecodeError e = error(cut);
    assertEquals(DecodeError.Kind.CARP_TOO_SHORT_IPV6, e.kind());
    CarpReception.Dropped d = assertInstanceOf(CarpReception.Dropped.class, CarpReception.check(e));
    assertEquals(IpFamily.IPV6, d.family());
    assertEquals(CarpStat.BADLEN, d.counter());
  }

  @Test
  void ndOptionOfLengthZeroIsMalformed() {
    byte[] b = Samples.neighborAdvertisement().toBytes();
    b[14 + 40 + 24 + 1] = 0;
    DecodeError e = error(b);
    assertEquals(DecodeError.Kind.ND_BAD_OPTION, e.kind());
    assertEquals(14 + 40 + 25, e.offset());
    assertTrue(e.carpCounter().isEmpty());
  }

  @Test
  void ipv6ExtensionHeaderRunningPastThePayload() {
    Ipv6Header h = new Ipv6Header(0, 0, 8, IpProtocol.HOP_BY_HOP, 255, Samples.SRC6, Ipv6Address.CARP_GROUP);
    byte[] out = new byte[14 + 40 + 8];
    EthernetHeader.of(Frames.multicastMac(Ipv6Address.CARP_GROUP), Samples.VMAC, EtherType.IPV6).writeTo(out, 0);
    h.writeTo(out, 14);
    out[54] = 112;
    out[55] = 3; // 32 bytes claimed, 8 present
    assertEquals(DecodeError.Kind.IPV6_EXTENSION_HEADER_TRUNCATED, error(out).kind());
  }

  @Test
  void everyKindMapsToACounterOrToNone() {
    for (DecodeError.Kind k : DecodeError.Kind.values()) {
      boolean carpLevel = k == DecodeError.Kind.CARP_TOO_SHORT_IPV4 || k == DecodeError.Kind.CARP_TOO_SHORT_IPV6;
      assertEquals(carpLevel ? Optional.of(CarpStat.BADLEN) : Optional.empty(), k.carpCounter(), k.name());
    }
    assertEquals("carps_badsum", CarpStat.BADSUM.kernelName());
    assertEquals(16, CarpStat.values().length);
  }

  // ---------------------------------------------------------------------------------------------
  // Records

  @Test
  void recordsRefuseOutOfRangeFieldsNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CarpAdvertisement.create(256, 0, 0, 1, 0, new byte[20]));
    assertEquals("vhid 256 is out of range 0..255", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CarpAdvertisement.create(1, 0, 0, 1, 0, new byte[19]));
    assertThrows(IllegalArgumentException.class, () -> new VlanTag(0, false, 4096));
    assertThrows(IllegalArgumentException.class,
        () -> new Ipv4Packet(Ipv4Header.create(0, 0, 0, 255, 112, Samples.SRC4, Samples.VIP4, 30), Samples.t1()));
  }

  @Test
  void octetsCompareByContentAndNeverShareTheirArray() {
    byte[] raw = {1, 2, 3};
    Octets o = Octets.copyOf(raw);
    raw[0] = 9;
    assertEquals(Octets.fromHex("010203"), o);
    assertEquals(Octets.fromHex("010203").hashCode(), o.hashCode());
    o.toByteArray()[0] = 7;
    assertEquals(1, o.get(0));
    assertEquals("[010203]", o.toString());
  }

  @Test
  void multicastMacs() {
    assertEquals(MacAddress.parse("01:00:5e:00:00:12"), Frames.multicastMac(Ipv4Address.CARP_GROUP));
    assertEquals(MacAddress.parse("01:00:5e:7f:ff:fe"), Frames.multicastMac(Ipv4Address.parse("239.255.255.254")));
    assertEquals(MacAddress.parse("33:33:00:00:00:12"), Frames.multicastMac(Ipv6Address.CARP_GROUP));
    assertEquals(MacAddress.parse("33:33:ff:00:00:01"), Frames.multicastMac(Ipv6Address.parse("ff02::1:ff00:1")));
  }

  @Test
  void readOrNullNeedsThirtySixBytes() {
    assertNull(CarpAdvertisement.readOrNull(new byte[35], 0, 35));
    assertEquals(Samples.t1(), CarpAdvertisement.readOrNull(Samples.t1().toBytes(), 0, 36));
  }
}
