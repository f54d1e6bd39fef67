package org.carpsim.carp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {

  @Test
  void rfc1071Example() {
    // RFC 1071 §3: words 0001 f203 f4f5 f6f7 sum to ddf2 (folded); checksum is its complement.
    byte[] b = HexFormat.of().parseHex("0001f203f4f5f6f7");
    assertEquals(0xddf2, InternetChecksum.fold(InternetChecksum.add(0, b, 0, b.length)));
    assertEquals(0x220d, InternetChecksum.compute(b, 0, b.length));
  }

  @Test
  void ipv4HeaderFromTheUcarpCaptureVerifies() {
    // ucarp-failover.pcap frame 2, IPv4 header with checksum 58ab.
    byte[] h = HexFormat.of().parseHex("45100038381a4000ff7058ab0a63000be0000012");
    assertTrue(InternetChecksum.verifies(h, 0, h.length));
    h[10] = 0;
    h[11] = 0;
    assertEquals(0x58ab, InternetChecksum.compute(h, 0, h.length));
    h[3] ^= 1;
    assertFalse(InternetChecksum.verifies(h, 0, h.length));
  }

  @Test
  void oddLengthPadsWithZero() {
    byte[] b = {0x12, 0x34, 0x56};
    assertEquals(0x1234 + 0x5600, InternetChecksum.add(0, b, 0, 3));
  }

  /**
   * The four-bytes-at-a-time sum used by compute and verifies agrees with the plain RFC 1071 loop
   * for every length, offset and content, and a computed checksum always verifies.
   */
  @Test
  void wideSumAgreesWithTheWordByWordSum() {
    org.quicktheories.QuickTheory.qt().withFixedSeed(20261123L).withExamples(5000)
        .forAll(org.quicktheories.generators.Generate.byteArrays(
                org.quicktheories.generators.Generate.range(2, 80),
                org.quicktheories.generators.Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)),
            org.quicktheories.generators.Generate.range(0, 7))
        .check((bytes, shift) -> {
          int offset = Math.min(shift, bytes.length - 2);
          int length = bytes.length - offset;
          int plain = ~InternetChecksum.fold(InternetChecksum.add(0, bytes, offset, length)) & 0xffff;
          if (InternetChecksum.compute(bytes, offset, length) != plain) {
            return false;
          }
          // Zero a 16-bit field, fill in the checksum, and it verifies; flip a bit and it does not.
          byte[] b = bytes.clone();
          int field = offset + (length / 2 - 1) / 2 * 2;
          b[field] = 0;
          b[field + 1] = 0;
          int c = InternetChecksum.compute(b, offset, length);
          b[field] = (byte) (c >>> 8);
          b[field + 1] = (byte) c;
          boolean ok = InternetChecksum.verifies(b, offset, length);
          b[offset + length - 1] ^= 0x01;
          return ok && !InternetChecksum.verifies(b, offset, length);
        });
  }
}
