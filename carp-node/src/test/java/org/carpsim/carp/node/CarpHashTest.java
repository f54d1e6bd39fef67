package org.carpsim.carp.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.net.MacAddress;
import org.junit.jupiter.api.Test;

/**
 * {@code carp_hash} (carp-protocol.md §7.2) against values worked out by hand from the C macro: an
 * independent transcription of {@code mix(a,b,c)} on unsigned 32-bit words (Python, kept in this
 * comment) gave the expected numbers.
 *
 * <pre>
 * def mix(a,b,c):  # every step & 0xffffffff
 *     a-=b; a-=c; a^=c>>13;  b-=c; b-=a; b^=a<<8;   c-=a; c-=b; c^=b>>13
 *     a-=b; a-=c; a^=c>>12;  b-=c; b-=a; b^=a<<16;  c-=a; c-=b; c^=b>>5
 *     a-=b; a-=c; a^=c>>3;   b-=c; b-=a; b^=a<<10;  c-=a; c-=b; c^=b>>15
 * a = 0x9e3779b9 + src[0] | src[1]<<8 | src[2]<<16 | src[3]<<24
 * b = hashkey[0] + src[4] | src[5]<<8;  c = hashkey[1] + key[0] | key[1]<<8 | key[2]<<16 | key[3]<<24
 * </pre>
 */
class CarpHashTest {

  private static byte[] key(String pass) {
    return CarpKey.fromPassphraseBytes(pass.getBytes(StandardCharsets.UTF_8)).bytes();
  }

  @Test
  void matchesHandComputedValues() {
    assertEquals(0x6f9011e9, CarpHash.hash(new int[] {0x01234567, 0x89abcdef}, key("mekmitasdigoat"),
        MacAddress.parse("00:11:22:33:44:55").value()));
    assertEquals(0xc8b2177e, CarpHash.hash(new int[] {0, 0}, new byte[20], 0));
    // key bytes above 0x7f and a hash key with the top bit set: the arithmetic stays unsigned
    assertEquals(0xec5a6efa, CarpHash.hash(new int[] {0xffffffff, 0xfedcba98},
        new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}, MacAddress.parse("02:c0:ff:ee:00:01").value()));
  }

  @Test
  void withTheKeyDerivedHashKeyOfPassSecret() {
    CarpKey k = CarpKey.fromPassphraseBytes("secret".getBytes(StandardCharsets.UTF_8));
    int[] hashKey = CarpHmac.balancingHashKey(k);
    assertArrayEquals(new int[] {0x082cb93c, 0x8f6f4c06}, hashKey, "words of SHA1(ipad ‖ 02 01) read little-endian");
    assertEquals(0x8264ddee, CarpHash.hash(hashKey, k.bytes(), MacAddress.parse("02:00:00:00:00:0a").value()));
  }

  @Test
  void theModuloIsUnsigned() {
    assertEquals(Integer.remainderUnsigned(0xec5a6efa, 3), CarpHash.index(0xec5a6efa, 3));
    assertEquals(0xec5a6efaL % 3, CarpHash.index(0xec5a6efa, 3));
  }
}
