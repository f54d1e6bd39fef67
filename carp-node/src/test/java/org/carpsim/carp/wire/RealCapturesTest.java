package org.carpsim.carp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.carpsim.carp.auth.CarpCounter;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.auth.CounterScheme;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.sim.pcap.CaptureRecord;
import org.junit.jupiter.api.Test;

/**
 * The codecs against packets written by implementations we did not write: ucarp 1.5.2 and
 * keepalived 2.2.7 (captures/README.md gives passwords and VIPs).
 */
class RealCapturesTest {

  private static final Ipv4Address H1 = Ipv4Address.parse("10.99.0.11");
  private static final Ipv4Address H2 = Ipv4Address.parse("10.99.0.12");
  private static final Ipv4Address UCARP_VIP = Ipv4Address.parse("10.99.0.100");
  private static final Ipv4Address KEEPALIVED_VIP = Ipv4Address.parse("10.99.0.200");

  private static CarpHmac ucarpHmac(String pass) {
    return CarpHmac.prepare(HmacScheme.UCARP, CarpKey.ucarp(pass), 1, List.of(UCARP_VIP), List.of(), null);
  }

  private record Ad(CaptureRecord record, EthernetFrame frame, Ipv4Packet ip, CarpAdvertisement carp) {}

  private static List<Ad> advertisements(String capture) {
    List<Ad> ads = new ArrayList<>();
    for (CaptureRecord r : Captures.read(capture)) {
      Decoded d = Frames.decode(r.data());
      if (d instanceof EthernetFrame f && f.payload() instanceof Ipv4Packet ip && ip.header().protocol() == 112) {
        ads.add(new Ad(r, f, ip, assertInstanceOf(CarpAdvertisement.class, ip.payload(), "frame " + r.number())));
      }
    }
    return ads;
  }

  @Test
  void everyUcarpAdvertisementDecodesWithTheFieldsTheLabSaw() {
    for (String capture : List.of(Captures.UCARP_FAILOVER, Captures.UCARP_WRONGPASS)) {
      List<Ad> ads = advertisements(capture);
      assertTrue(ads.size() > 10, capture);
      for (Ad a : ads) {
        String where = capture + " frame " + a.record().number();
        CarpAdvertisement c = a.carp();
        assertEquals(2, c.version(), where);
        assertEquals(1, c.type(), where);
        assertEquals(1, c.vhid(), where);
        assertEquals(7, c.authLength(), where);
        assertEquals(0, c.demote(), where);
        assertEquals(1, c.advbase(), where);
        assertTrue(c.checksumOk(), where);
        Ipv4Header h = a.ip().header();
        assertTrue(h.checksumOk(), where);
        assertEquals(255, h.ttl(), where);
        assertEquals(0x10, h.tos(), where);
        assertEquals(Ipv4Header.DONT_FRAGMENT, h.flags(), where);
        assertEquals(56, h.totalLength(), where);
        assertEquals(Ipv4Address.CARP_GROUP, h.destination(), where);
        // ucarp's quirk: source MAC 00:00:5e:00:00:<vhid>, not the CARP virtual MAC 00:00:5e:00:01:<vhid>.
        assertEquals(MacAddress.parse("00:00:5e:00:00:01"), a.frame().header().source(), where);
        assertNotEquals(MacAddress.carpVirtual(1), a.frame().header().source(), where);
        assertEquals(Frames.multicastMac(Ipv4Address.CARP_GROUP), a.frame().header().destination(), where);
        assertEquals(a.ip().header().source().equals(H1) ? 0 : 100, c.advskew(), where);
        assertEquals(Octets.EMPTY, a.frame().trailer(), where);
        assertEquals(Octets.EMPTY, a.ip().surplus(), where);
      }
    }
  }

  @Test
  void everyFailoverAdvertisementVerifiesWithPassAndVip() {
    CarpHmac secret = ucarpHmac("secret");
    CarpHmac openbsd = CarpHmac.prepare(HmacScheme.OPENBSD, CarpKey.bsd("secret"), 1, List.of(UCARP_VIP), List.of(), null);
    CarpHmac wrongVip = CarpHmac.prepare(HmacScheme.UCARP, CarpKey.ucarp("secret"), 1, List.of(Ipv4Address.parse("10.99.0.101")), List.of(), null);
    for (Ad a : advertisements(Captures.UCARP_FAILOVER)) {
      String where = "frame " + a.record().number();
      assertTrue(secret.verify(a.carp().counter(), a.carp().hmacBytes()), where);
      // §2.5: with one IPv4 address OpenBSD hashes the very same bytes.
      assertTrue(openbsd.verify(a.carp().counter(), a.carp().hmacBytes()), where);
      assertFalse(wrongVip.verify(a.carp().counter(), a.carp().hmacBytes()), where);
      assertFalse(secret.verify(a.carp().counter() + 1, a.carp().hmacBytes()), where);
    }
  }

  @Test
  void wrongpassHostsVerifyWithTheirOwnPassOnly() {
    CarpHmac secret = ucarpHmac("secret");
    CarpHmac wrongpass = ucarpHmac("wrongpass");
    Set<Ipv4Address> seen = new HashSet<>();
    for (Ad a : advertisements(Captures.UCARP_WRONGPASS)) {
      String where = "frame " + a.record().number();
      Ipv4Address src = a.ip().header().source();
      seen.add(src);
      byte[] md = a.carp().hmacBytes();
      long counter = a.carp().counter();
      if (src.equals(H1)) {
        assertTrue(secret.verify(counter, md), where);
        assertFalse(wrongpass.verify(counter, md), where);
      } else {
        assertEquals(H2, src, where);
        assertTrue(wrongpass.verify(counter, md), where);
        assertFalse(secret.verify(counter, md), where);
      }
    }
    assertEquals(Set.of(H1, H2), seen);
  }

  @Test
  void ourEncoderReproducesEveryCapturedAdvertisementByteForByte() {
    for (String capture : List.of(Captures.UCARP_FAILOVER, Captures.UCARP_WRONGPASS)) {
      for (Ad a : advertisements(capture)) {
        Ipv4Header h = a.ip().header();
        CarpAdvertisement c = a.carp();
        String pass = capture.equals(Captures.UCARP_WRONGPASS) && h.source().equals(H2) ? "wrongpass" : "secret";
        // Built from the fields alone: both checksums and the HMAC are computed by us.
        byte[] md = ucarpHmac(pass).compute(c.counter());
        CarpAdvertisement ours = CarpAdvertisement.create(c.vhid(), c.advskew(), c.demote(), c.advbase(), c.counter(), md);
        EthernetFrame frame = EthernetFrame.of(a.frame().header().destination(), a.frame().header().source(),
            Ipv4Packet.of(h.tos(), h.identification(), h.flags(), h.ttl(), h.source(), h.destination(), ours));
        assertArrayEquals(a.record().data(), frame.toBytes(), capture + " frame " + a.record().number());
      }
    }
  }

  @Test
  void everyFrameOfEveryCaptureReencodesToItsOwnBytes() {
    for (String capture : List.of(Captures.UCARP_FAILOVER, Captures.UCARP_WRONGPASS, Captures.KEEPALIVED)) {
      for (CaptureRecord r : Captures.read(capture)) {
        EthernetFrame f = assertInstanceOf(EthernetFrame.class, Frames.decode(r.data()), capture + " " + r.number());
        assertArrayEquals(r.data(), f.toBytes(), capture + " frame " + r.number());
      }
    }
  }

  @Test
  void gratuitousArpsCarryTheRealMacAndTheVip() {
    int garps = 0;
    for (String capture : List.of(Captures.UCARP_FAILOVER, Captures.UCARP_WRONGPASS)) {
      for (CaptureRecord r : Captures.read(capture)) {
        EthernetFrame f = (EthernetFrame) Frames.decode(r.data());
        if (f.payload() instanceof ArpPacket arp) {
          garps++;
          String where = capture + " frame " + r.number();
          assertEquals(ArpPacket.REQUEST, arp.operation(), where);
          assertTrue(arp.isGratuitous(), where);
          assertEquals(UCARP_VIP, arp.senderIp(), where);
          assertEquals(MacAddress.BROADCAST, f.header().destination(), where);
          // ucarp announces with the host's real NIC MAC (sha = Ethernet source), never a virtual MAC,
          // and repeats it as tha.
          assertEquals(f.header().source(), arp.senderMac(), where);
          assertEquals(arp.senderMac(), arp.targetMac(), where);
          assertNotEquals(0x00005eL, arp.senderMac().value() >>> 24, where);
          assertEquals(42, r.capturedLength(), "no Ethernet padding in a capture taken on the bridge");
          // Our encoder builds the same 42 bytes.
          EthernetFrame ours = EthernetFrame.of(MacAddress.BROADCAST, arp.senderMac(),
              ArpPacket.gratuitousRequest(arp.senderMac(), UCARP_VIP, arp.senderMac()));
          assertArrayEquals(r.data(), ours.toBytes(), where);
        }
      }
    }
    assertEquals(7 + 4, garps, "7 in ucarp-failover.pcap, 4 in ucarp-wrongpass.pcap");
  }

  @Test
  void keepalivedPacketsAreVrrpNeverCarp() {
    int vrrp = 0;
    Set<Integer> priorities = new HashSet<>();
    for (CaptureRecord r : Captures.read(Captures.KEEPALIVED)) {
      EthernetFrame f = (EthernetFrame) Frames.decode(r.data());
      String where = "frame " + r.number();
      assertTrue(f.carpAdvertisement().isEmpty(), where);
      if (f.payload() instanceof Ipv4Packet ip) {
        assertEquals(112, ip.header().protocol(), where);
        Vrrp2Advertisement v = assertInstanceOf(Vrrp2Advertisement.class, ip.payload(), where);
        vrrp++;
        assertEquals(51, v.vrid(), where);
        assertEquals(List.of(KEEPALIVED_VIP), v.addresses(), where);
        assertEquals(1, v.authType(), where);
        assertEquals(1, v.advertInterval(), where);
        assertEquals("kapass\0\0", new String(v.authData().toByteArray()), where);
        assertFalse(v.toString().contains("kapass"), "the clear-text VRRP password stays out of toString");
        assertTrue(v.checksumOk(), where);
        assertTrue(ip.payloadChecksumOk(), where);
        assertEquals(255, ip.header().ttl(), where);
        assertEquals(0xc0, ip.header().tos(), where);
        priorities.add(v.priority());
        // A CARP node would read these 20 bytes as a too-short CARP header: badlen.
        CarpReception.Outcome o = CarpReception.check(f);
        CarpReception.Dropped dropped = assertInstanceOf(CarpReception.Dropped.class, o, where);
        assertEquals(CarpStat.BADLEN, dropped.counter());
        // Re-encoded from its fields with the checksum computed by us.
        Vrrp2Advertisement rebuilt = new Vrrp2Advertisement(v.type(), v.vrid(), v.priority(), v.authType(), v.advertInterval(), 0,
            v.addresses(), v.authData()).withCorrectChecksum();
        assertEquals(v, rebuilt, where);
      } else {
        assertInstanceOf(ArpPacket.class, f.payload(), where);
      }
    }
    assertTrue(vrrp >= 20, "VRRP packets: " + vrrp);
    assertEquals(Set.of(150, 100, 0), priorities, "master, backup, and the priority-0 goodbye");
  }

  @Test
  void ucarpCountersFollowTheUcarpCounterScheme() {
    // Replays the failover capture into CarpCounter(UCARP) models of h1 and h2: each host adopts the
    // other's authenticated counters; once it has adopted, every counter it sends must be the model's.
    List<Ad> ads = advertisements(Captures.UCARP_FAILOVER);
    long h1Restart = 1_795_424_056_437_755_000L + 45_453_000_000L; // README: h1 restarted at 45.453 s
    CarpCounter h1 = new CarpCounter(CounterScheme.UCARP, new SplittableRandom(1));
    CarpCounter h2 = new CarpCounter(CounterScheme.UCARP, new SplittableRandom(2));
    boolean h1Adopted = false;
    boolean h2Adopted = false;
    int predicted = 0;
    long previousH1 = 0;
    int h1NonSequential = 0;
    for (Ad a : ads) {
      long counter = a.carp().counter();
      long t = a.record().timestampNanos();
      if (a.ip().header().source().equals(H1)) {
        if (h1Adopted) {
          assertEquals(h1.nextForAdvertisement(), counter, "h1 frame " + a.record().number());
          predicted++;
        } else if (previousH1 != 0 && counter != previousH1 + 1) {
          h1NonSequential++;
        }
        previousH1 = counter;
        h2.adopt(counter);
        h2Adopted = true;
      } else {
        if (h2Adopted) {
          assertEquals(h2.nextForAdvertisement(), counter, "h2 frame " + a.record().number());
          predicted++;
        }
        if (t > h1Restart) {
          h1 = new CarpCounter(CounterScheme.UCARP, new SplittableRandom(1));
          h1.adopt(counter);
          h1Adopted = true;
        }
      }
    }
    assertTrue(predicted >= 10, "predicted " + predicted);
    assertTrue(h1NonSequential >= 30, "before adopting, ucarp draws a fresh counter each time: " + h1NonSequential);
  }

  @Test
  void firstCapturedAdvertisementAsBytes() {
    // ucarp-failover.pcap frame 2, for a human-readable anchor of the layout.
    CaptureRecord r = Captures.read(Captures.UCARP_FAILOVER).get(1);
    assertEquals("01005e000012" + "00005e000001" + "0800"
        + "45100038381a4000ff7058ab0a63000be0000012"
        + "2101000700019afad9a6fe9a232841fb17802235bb7893a48877b1f655900aa0b0943291",
        HexFormat.of().formatHex(r.data()));
    CarpAdvertisement c = ((EthernetFrame) Frames.decode(r.data())).carpAdvertisement().orElseThrow();
    assertEquals(0x9afa, c.checksum());
    assertEquals(0xd9a6fe9a232841fbL, c.counter());
  }
}
