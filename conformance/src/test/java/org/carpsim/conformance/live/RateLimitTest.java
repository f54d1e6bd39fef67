package org.carpsim.conformance.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.EthernetFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the live node holds back of its own emissions, and what it never holds back. */
class RateLimitTest {

  private static final MacAddress VMAC = MacAddress.parse("00:00:5e:00:01:01");
  private static final Ipv4Address VIP = Ipv4Address.parse("10.99.0.100");

  @Test
  void aBurstThenTheRateAndEveryRefusalCounted() {
    RateLimit limit = new RateLimit(10, 1, 0);
    int passed = 0;
    for (int i = 0; i < 1000; i++) {
      if (limit.tryTake(0)) {
        passed++;
      }
    }
    assertEquals(10, passed, "the burst");
    assertFalse(limit.tryTake(999_000_000L), "0.999 s later not yet a whole token");
    assertTrue(limit.tryTake(1_000_000_000L), "one a second");
    assertFalse(limit.tryTake(1_000_000_001L));
    assertTrue(limit.tryTake(100_000_000_000L), "refilled");
    assertEquals(List.of(12L, 992L), List.of(limit.passed(), limit.suppressed()));
  }

  @Test
  void onlyGratuitousArpsAndUnsolicitedAdvertisementsAreAnnouncements() {
    byte[] garp = EthernetFrame.of(MacAddress.BROADCAST, VMAC,
        new ArpPacket(ArpPacket.REQUEST, VMAC, VIP, MacAddress.ZERO, VIP)).toBytes();
    MacAddress asker = MacAddress.parse("02:00:00:00:00:07");
    Ipv4Address askerIp = Ipv4Address.parse("10.99.0.12");
    byte[] reply = EthernetFrame.of(asker, VMAC, new ArpPacket(ArpPacket.REPLY, VMAC, VIP, asker, askerIp)).toBytes();
    assertTrue(LiveNode.isAnnouncement(garp));
    assertFalse(LiveNode.isAnnouncement(reply), "an answer to a request is never held back");
    assertFalse(LiveNode.isAnnouncement(new byte[60]), "nor anything else");
  }
}
