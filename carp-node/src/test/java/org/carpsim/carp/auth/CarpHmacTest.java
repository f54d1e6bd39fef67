package org.carpsim.carp.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.junit.jupiter.api.Test;

/** The HMAC rules of carp-protocol.md §2, checked against the derived vectors of §2.8. */
class CarpHmacTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final long T1_COUNTER = 0x0123456789abcdefL;
  private static final Ipv4Address V4_1 = Ipv4Address.parse("192.0.2.1");

  private static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  private static CarpHmac openbsd(String pass, int vhid, List<Ipv4Address> v4, List<Ipv6Address> v6) {
    return CarpHmac.prepare(HmacScheme.OPENBSD, CarpKey.bsd(pass), vhid, v4, v6, null);
  }

  @Test
  void vectorT1() {
    CarpHmac h = openbsd("secret", 1, List.of(V4_1), List.of());
    assertEquals("020101c00002010123456789abcdef", hex(h.message(T1_COUNTER)));
    assertEquals("08ba7693f61e8b926873518e0350be85e1786463", hex(h.compute(T1_COUNTER)));
    assertTrue(h.verify(T1_COUNTER, HEX.parseHex("08ba7693f61e8b926873518e0350be85e1786463")));
  }

  @Test
  void vectorT2SortsAddressesAsUnsignedNumbers() {
    CarpHmac h = openbsd("secret", 7, List.of(Ipv4Address.parse("192.0.2.10"), Ipv4Address.parse("10.0.0.1")), List.of());
    assertEquals("0201070a000001c000020a0123456789abcdef", hex(h.message(T1_COUNTER)));
    assertEquals("a72eadcca1f60e281e0b7a67cafbb2df64bec1bf", hex(h.compute(T1_COUNTER)));
  }

  @Test
  void vectorT3WithoutPassphraseUsesTheZeroKey() {
    CarpHmac h = CarpHmac.prepare(HmacScheme.OPENBSD, CarpKey.NONE, 1, List.of(V4_1), List.of(), null);
    assertEquals("bbe88f01caf95b48d25fe8f2a7166f4d7a474ff0", hex(h.compute(0)));
    assertEquals(hex(h.compute(0)), hex(openbsd("", 1, List.of(V4_1), List.of()).compute(0)));
  }

  @Test
  void vectorT4AddsAGlobalIpv6Address() {
    CarpHmac h = openbsd("secret", 1, List.of(V4_1), List.of(Ipv6Address.parse("2001:db8::1")));
    assertEquals("db180978ac8c2b21432a4778b3b5f3a2f75ac80b", hex(h.compute(T1_COUNTER)));
  }

  @Test
  void isStandardHmacSha1KeyedWithThePassphrase() throws GeneralSecurityException {
    CarpHmac h = openbsd("secret", 7, List.of(Ipv4Address.parse("192.0.2.10"), Ipv4Address.parse("10.0.0.1")), List.of());
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec("secret".getBytes(), "HmacSHA1"));
    assertArrayEquals(mac.doFinal(h.message(42)), h.compute(42));
  }

  @Test
  void scapyHashesAnotherMessageAndDoesNotMatchT1() throws GeneralSecurityException {
    // scapy's build_hmac_sha1: HMAC(key20, 0x21 ‖ vhid ‖ sorted IPv4), no counter (§2.6).
    Mac mac = Mac.getInstance("HmacSHA1");
    byte[] key20 = new byte[20];
    System.arraycopy("secret".getBytes(), 0, key20, 0, 6);
    mac.init(new SecretKeySpec(key20, "HmacSHA1"));
    byte[] scapy = mac.doFinal(HEX.parseHex("2101c0000201"));
    assertEquals("f300ad9fe872af29a20e5aa798c7616dadc7f19c", hex(scapy));
    CarpHmac h = openbsd("secret", 1, List.of(V4_1), List.of());
    assertFalse(h.verify(T1_COUNTER, scapy));
    assertFalse(h.verify(0, scapy));
  }

  @Test
  void openbsdSendsWithoutScopedIpv6AndAcceptsBothContexts() throws GeneralSecurityException {
    Ipv6Address global = Ipv6Address.parse("2001:db8::1");
    Ipv6Address linkLocal = Ipv6Address.parse("fe80::1");
    CarpHmac h = openbsd("secret", 1, List.of(V4_1), List.of(linkLocal, global));
    // Sending context = T4 (no link-local).
    assertEquals("db180978ac8c2b21432a4778b3b5f3a2f75ac80b", hex(h.compute(T1_COUNTER)));
    // A peer hashing the link-local address too (HMAC_ORIG) is accepted.
    CarpHmac sorted = CarpHmac.prepare(HmacScheme.SORTED, CarpKey.bsd("secret"), 1, List.of(V4_1), List.of(linkLocal, global), null);
    byte[] orig = sorted.compute(T1_COUNTER);
    assertNotEquals(hex(orig), hex(h.compute(T1_COUNTER)));
    assertTrue(h.verify(T1_COUNTER, orig));
    // memcmp order: 2001:db8::1 before fe80::1.
    assertEquals("02010" + "1" + "c0000201" + "20010db8000000000000000000000001" + "fe800000000000000000000000000001"
        + "0123456789abcdef", hex(sorted.message(T1_COUNTER)));
  }

  @Test
  void scopeBytesOfLinkLocalAddressesAreZeroed() {
    // A kernel-internal form fe80:0002::1 (scope id 2 embedded) hashes like fe80::1.
    Ipv6Address embedded = new Ipv6Address(0xfe80_0002_0000_0000L, 1L);
    CarpHmac a = CarpHmac.prepare(HmacScheme.SORTED, CarpKey.bsd("x"), 3, List.of(), List.of(embedded), null);
    CarpHmac b = CarpHmac.prepare(HmacScheme.SORTED, CarpKey.bsd("x"), 3, List.of(), List.of(Ipv6Address.parse("fe80::1")), null);
    assertArrayEquals(a.compute(5), b.compute(5));
  }

  @Test
  void interfaceOrderKeepsTheGivenOrderAndDuplicates() {
    Ipv4Address hi = Ipv4Address.parse("192.0.2.10");
    Ipv4Address lo = Ipv4Address.parse("10.0.0.1");
    CarpHmac h = CarpHmac.prepare(HmacScheme.INTERFACE_ORDER, CarpKey.bsd("secret"), 7, List.of(hi, lo, lo), List.of(), null);
    assertEquals("020107c000020a0a0000010a0000010123456789abcdef", hex(h.message(T1_COUNTER)));
  }

  @Test
  void sortedScanDropsDuplicatesAndTheAddressesItCannotEmit() {
    CarpHmac h = CarpHmac.prepare(HmacScheme.SORTED, CarpKey.bsd("secret"), 7,
        List.of(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("255.255.255.255"), Ipv4Address.ANY,
            Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("200.0.0.1")),
        List.of(), null);
    assertEquals("0201070a000001c80000010000000000000000", hex(h.message(0)));
  }

  @Test
  void ucarpHashesItsOneVipLikeOpenbsdWithOneAddress() {
    CarpHmac u = CarpHmac.prepare(HmacScheme.UCARP, CarpKey.ucarp("secret"), 1, List.of(V4_1), List.of(), null);
    assertEquals("08ba7693f61e8b926873518e0350be85e1786463", hex(u.compute(T1_COUNTER)));
    assertThrows(IllegalArgumentException.class,
        () -> CarpHmac.prepare(HmacScheme.UCARP, CarpKey.NONE, 1, List.of(V4_1, V4_1), List.of(), null));
    assertThrows(IllegalArgumentException.class,
        () -> CarpHmac.prepare(HmacScheme.UCARP, CarpKey.NONE, 1, List.of(), List.of(), null));
  }

  @Test
  void lladdrEntersTheOpenbsdHmacOnlyWhenCustomAndNotTheParentMac() {
    MacAddress virtual = MacAddress.carpVirtual(1);
    MacAddress parent = MacAddress.parse("02:00:00:00:00:01");
    MacAddress custom = MacAddress.parse("02:00:00:00:00:99");
    assertNull(CarpHmac.lladdrToHash(true, virtual, 1, parent));
    assertNull(CarpHmac.lladdrToHash(true, parent, 1, parent));
    assertNull(CarpHmac.lladdrToHash(false, custom, 1, parent));
    assertEquals(custom, CarpHmac.lladdrToHash(true, custom, 1, parent));
    CarpHmac with = CarpHmac.prepare(HmacScheme.OPENBSD, CarpKey.bsd("secret"), 1, List.of(V4_1), List.of(), custom);
    assertEquals("0201" + "020000000099" + "01" + "c0000201" + "0123456789abcdef", hex(with.message(T1_COUNTER)));
    CarpHmac without = openbsd("secret", 1, List.of(V4_1), List.of());
    assertFalse(without.verify(T1_COUNTER, with.compute(T1_COUNTER)));
    // The other schemes never hash a MAC.
    CarpHmac sorted = CarpHmac.prepare(HmacScheme.SORTED, CarpKey.bsd("secret"), 1, List.of(V4_1), List.of(), custom);
    assertEquals("08ba7693f61e8b926873518e0350be85e1786463", hex(sorted.compute(T1_COUNTER)));
  }

  @Test
  void verifyRejectsWrongLengthsAndWrongCounters() {
    CarpHmac h = openbsd("secret", 1, List.of(V4_1), List.of());
    byte[] md = h.compute(T1_COUNTER);
    assertFalse(h.verify(T1_COUNTER + 1, md));
    assertFalse(h.verify(T1_COUNTER, new byte[19]));
    md[19] ^= 1;
    assertFalse(h.verify(T1_COUNTER, md));
  }

  @Test
  void passphraseOf20CharactersHashesLikeItsFirst19OnBsd() {
    CarpHmac cut = openbsd("abcdefghijklmnopqrstuvwxyz", 1, List.of(V4_1), List.of());
    CarpHmac first19 = openbsd("abcdefghijklmnopqrs", 1, List.of(V4_1), List.of());
    assertArrayEquals(first19.compute(9), cut.compute(9));
  }

  @Test
  void balancingHashKeyIsTheXorOfLittleEndianDigestWords() throws Exception {
    int[] k = CarpHmac.balancingHashKey(CarpKey.bsd("secret"));
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-1");
    byte[] block = new byte[64];
    byte[] pass = "secret".getBytes();
    for (int i = 0; i < 64; i++) {
      block[i] = (byte) ((i < pass.length ? pass[i] : 0) ^ 0x36);
    }
    md.update(block);
    md.update(new byte[] {2, 1});
    java.nio.ByteBuffer d = java.nio.ByteBuffer.wrap(md.digest()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertEquals(d.getInt(0) ^ d.getInt(4), k[0]);
    assertEquals(d.getInt(8) ^ d.getInt(12), k[1]);
  }

  @Test
  void toStringShowsNoKeyMaterial() {
    assertEquals("CarpHmac[OPENBSD, 1 context(s)]", openbsd("secret", 1, List.of(V4_1), List.of()).toString());
  }
}
