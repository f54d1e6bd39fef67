package org.carpsim.carp.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressesTest {

  // ----- MacAddress

  @Test
  void macParsesPrintsAndWritesInNetworkOrder() {
    MacAddress m = MacAddress.parse("00:00:5E:00:01:0a");
    assertEquals(0x00005e00010aL, m.value());
    assertEquals("00:00:5e:00:01:0a", m.toString());
    assertEquals("00005e00010a", HexFormat.of().formatHex(m.toBytes()));
    assertEquals(m, MacAddress.read(m.toBytes(), 0));
    assertEquals(m, MacAddress.parse("0-0-5e-0-1-a"));
  }

  @Test
  void macRefusesBadTextNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("00:00:5e:00:01"));
    assertTrue(e.getMessage().contains("expected six hex bytes"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("00:00:5e:00:01:0g"));
    assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("00:00:5e:00:01:100"));
    assertThrows(IllegalArgumentException.class, () -> new MacAddress(1L << 48));
  }

  @Test
  void carpVirtualMacAndGroupBit() {
    assertEquals("00:00:5e:00:01:fe", MacAddress.carpVirtual(254).toString());
    assertTrue(MacAddress.BROADCAST.isGroup());
    assertTrue(MacAddress.parse("01:00:5e:00:00:12").isGroup());
    assertFalse(MacAddress.carpVirtual(1).isGroup());
  }

  @Test
  void macRoundTripsForAll48BitValues() {
    qt().withFixedSeed(20261123L).forAll(longs().between(0, 0xffff_ffff_ffffL)).checkAssert(v -> {
      MacAddress m = new MacAddress(v);
      assertEquals(m, MacAddress.parse(m.toString()));
      assertEquals(m, MacAddress.read(m.toBytes(), 0));
    });
  }

  // ----- Ipv4Address

  @Test
  void ipv4ParsesPrintsAndSortsUnsigned() {
    Ipv4Address a = Ipv4Address.parse("192.0.2.10");
    assertEquals("192.0.2.10", a.toString());
    assertArrayEquals(new byte[] {(byte) 192, 0, 2, 10}, a.toBytes());
    List<Ipv4Address> l = new ArrayList<>(List.of(a, Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("255.0.0.0")));
    Collections.sort(l);
    assertEquals("[10.0.0.1, 192.0.2.10, 255.0.0.0]", l.toString());
    assertTrue(Ipv4Address.CARP_GROUP.isMulticast());
    assertEquals("224.0.0.18", Ipv4Address.CARP_GROUP.toString());
  }

  @Test
  void ipv4RefusesBadText() {
    assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("1.2.3"));
    assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("1.2.3.256"));
    assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("1.2.3.x"));
    assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("1.2.3.-1"));
  }

  @Test
  void ipv4Subnets() {
    Ipv4Address a = Ipv4Address.parse("192.0.2.10");
    assertTrue(a.sameSubnet(Ipv4Address.parse("192.0.2.200"), 24));
    assertFalse(a.sameSubnet(Ipv4Address.parse("192.0.3.10"), 24));
    assertTrue(a.sameSubnet(Ipv4Address.parse("1.1.1.1"), 0));
    assertFalse(a.sameSubnet(Ipv4Address.parse("192.0.2.11"), 32));
    assertThrows(IllegalArgumentException.class, () -> a.sameSubnet(a, 33));
  }

  @Test
  void ipv4RoundTripsForAllValues() {
    qt().withFixedSeed(20261123L).forAll(integers().all()).checkAssert(v -> {
      Ipv4Address a = new Ipv4Address(v);
      assertEquals(a, Ipv4Address.parse(a.toString()));
      assertEquals(a, Ipv4Address.read(a.toBytes(), 0));
    });
  }

  // ----- Ipv6Address

  @Test
  void ipv6PrintsRfc5952Text() {
    assertEquals("2001:db8::1", Ipv6Address.parse("2001:0DB8:0:0:0:0:0:1").toString());
    assertEquals("::", Ipv6Address.parse("::").toString());
    assertEquals("::1", Ipv6Address.parse("::1").toString());
    assertEquals("1::", Ipv6Address.parse("1::").toString());
    assertEquals("2001:db8:0:1:1:1:1:1", Ipv6Address.parse("2001:db8:0:1:1:1:1:1").toString(), "one zero group stays");
    assertEquals("2001:0:0:1::1", Ipv6Address.parse("2001:0:0:1:0:0:0:1").toString(), "the longest run is compressed");
    assertEquals("2001:db8::1:0:0:1", Ipv6Address.parse("2001:db8:0:0:1:0:0:1").toString(), "the first of equal runs");
    assertEquals("ff02::12", Ipv6Address.CARP_GROUP.toString());
  }

  @Test
  void ipv4MappedAddressesStayIpv6() {
    Ipv6Address m = Ipv6Address.parse("::ffff:192.0.2.1");
    assertEquals(0xffffc0000201L, m.lo());
    assertEquals("::ffff:c000:201", m.toString());
    assertEquals(m, Ipv6Address.parse(m.toString()));
  }

  @Test
  void ipv6RefusesHostNamesZonesAndGarbage() {
    assertThrows(IllegalArgumentException.class, () -> Ipv6Address.parse("localhost"));
    assertThrows(IllegalArgumentException.class, () -> Ipv6Address.parse("fe80::1%eth0"));
    assertThrows(IllegalArgumentException.class, () -> Ipv6Address.parse("1::2::3"));
    assertThrows(IllegalArgumentException.class, () -> Ipv6Address.parse("192.0.2.1"));
  }

  @Test
  void ipv6LinkLocalAndMulticast() {
    assertTrue(Ipv6Address.parse("fe80::1").isLinkLocal());
    assertTrue(Ipv6Address.parse("febf::1").isLinkLocal());
    assertFalse(Ipv6Address.parse("fec0::1").isLinkLocal());
    assertTrue(Ipv6Address.CARP_GROUP.isMulticast());
    assertFalse(Ipv6Address.parse("2001:db8::1").isMulticast());
  }

  @Test
  void ipv6SortsLikeMemcmp() {
    List<Ipv6Address> l = new ArrayList<>(List.of(Ipv6Address.parse("fe80::1"), Ipv6Address.parse("2001:db8::1"),
        Ipv6Address.parse("::1"), Ipv6Address.parse("8000::")));
    Collections.sort(l);
    assertEquals("[::1, 2001:db8::1, 8000::, fe80::1]", l.toString());
  }

  @Test
  void ipv6TextRoundTripsAndAgreesWithTheJdk() {
    qt().withFixedSeed(20261123L).forAll(longs().all(), longs().all(), integers().between(0, 7)).checkAssert((hi, lo, zeros) -> {
      // Carve zero runs so that compression is exercised.
      long h = zeros >= 4 ? 0 : hi & (-1L >>> (16 * zeros));
      Ipv6Address a = new Ipv6Address(h, zeros >= 6 ? 0 : lo);
      assertEquals(a, Ipv6Address.parse(a.toString()));
      assertEquals(a, Ipv6Address.read(a.toBytes(), 0));
      try {
        byte[] viaJdk = InetAddress.getByName(a.toString()).getAddress();
        if (viaJdk.length == 16) {
          assertArrayEquals(a.toBytes(), viaJdk);
        }
      } catch (java.net.UnknownHostException e) {
        throw new AssertionError(e);
      }
    });
  }
}
