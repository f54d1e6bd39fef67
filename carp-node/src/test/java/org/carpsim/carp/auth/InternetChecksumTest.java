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
}
