package org.carpsim.carp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.junit.jupiter.api.Test;

/** The pre-vhid checks of OpenBSD 1.370 (§5.6 steps 3–5) in their order. */
class CarpReceptionTest {

  private static CarpReception.Outcome check(EthernetFrame f) {
    return CarpReception.check(Frames.decode(f.toBytes()));
  }

  @Test
  void validAdvertisementsAreCandidatesOfTheirFamily() {
    CarpReception.Candidate c4 = assertInstanceOf(CarpReception.Candidate.class, check(Samples.carp4(Samples.t1())));
    assertEquals(IpFamily.IPV4, c4.family());
    assertEquals(Samples.t1(), c4.advertisement());
    CarpReception.Candidate c6 = assertInstanceOf(CarpReception.Candidate.class, check(Samples.carp6(Samples.t1())));
    assertEquals(IpFamily.IPV6, c6.family());
  }

  @Test
  void ttlIsCheckedBeforeTheChecksum() {
    CarpAdvertisement bad = new CarpAdvertisement(2, 1, 1, 0, 7, 0, 1, 0x1111, 5, Octets.zeros(20));
    CarpReception.Dropped d = assertInstanceOf(CarpReception.Dropped.class, check(Samples.carp4(bad, 64)));
    assertEquals(CarpStat.BADTTL, d.counter());
    CarpReception.Dropped sum = assertInstanceOf(CarpReception.Dropped.class, check(Samples.carp4(bad, 255)));
    assertEquals(CarpStat.BADSUM, sum.counter());
  }

  @Test
  void wrongVersionIsLeftToTheNodeAfterItsVhidLookup() {
    CarpAdvertisement v1 = new CarpAdvertisement(1, 1, 1, 0, 7, 0, 1, 0, 5, Octets.zeros(20)).withCorrectChecksum();
    CarpReception.Candidate c = assertInstanceOf(CarpReception.Candidate.class, check(Samples.carp4(v1)));
    assertEquals(1, c.advertisement().version());
  }

  @Test
  void vrrp3OfThirtySixBytesIsReadAsCarpByTheKernel() {
    // Version 3 with seven IPv4 addresses: VRRP for us, but an OpenBSD node reads a CARP header with
    // version 3 (badver after its vhid lookup) if CARP's checksum happens to pass, badsum otherwise.
    List<Ipv4Address> seven = List.of(1, 2, 3, 4, 5, 6, 7).stream().map(i -> Ipv4Address.of(10, 0, 0, i)).toList();
    Vrrp3Advertisement v = new Vrrp3Advertisement(1, 1, 100, 0, 100, 0, seven, List.of());
    EthernetFrame f = EthernetFrame.of(Frames.multicastMac(Ipv4Address.CARP_GROUP), MacAddress.carpVirtual(1),
        Ipv4Packet.of(0xc0, 0, 0, 255, Samples.SRC4, Ipv4Address.CARP_GROUP, v));
    assertInstanceOf(Vrrp3Advertisement.class, ((Ipv4Packet) ((EthernetFrame) Frames.decode(f.toBytes())).payload()).payload());
    CarpReception.Outcome o = check(f);
    CarpAdvertisement asCarp = CarpAdvertisement.readOrNull(bytes(((Ipv4Packet) f.payload()).payload()), 0, 36);
    if (asCarp.checksumOk()) {
      assertEquals(3, assertInstanceOf(CarpReception.Candidate.class, o).advertisement().version());
    } else {
      assertEquals(CarpStat.BADSUM, assertInstanceOf(CarpReception.Dropped.class, o).counter());
    }
  }

  private static byte[] bytes(IpPayload p) {
    byte[] b = new byte[p.encodedLength()];
    p.writeTo(b, 0);
    return b;
  }

  @Test
  void ipLayerDropsAreNoCarpBusiness() {
    byte[] b = Samples.carp4(Samples.t1()).toBytes();
    b[14 + 10] ^= 1; // IPv4 header checksum
    assertInstanceOf(CarpReception.NotCarp.class, CarpReception.check(Frames.decode(b)));
    assertInstanceOf(CarpReception.NotCarp.class, check(Samples.gratuitousArp()));
    assertInstanceOf(CarpReception.NotCarp.class, check(Samples.neighborAdvertisement()));
    assertInstanceOf(CarpReception.NotCarp.class, CarpReception.check(Frames.decode(new byte[3])));
  }
}
