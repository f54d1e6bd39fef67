package org.carpsim.carp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Properties over generated packets (QuickTheories): every valid frame survives encode → decode
 * unchanged, and no byte string — random, or a real captured frame flipped, cut or extended —
 * makes the decoder throw; whatever decodes re-encodes to exactly the bytes it came from.
 */
class FramesPropertiesTest {

  private static final int EXAMPLES = 2000;

  /** Draws values from QuickTheories' randomness so that failures shrink. */
  private static final class Draw {
    private final RandomnessSource in;

    Draw(RandomnessSource in) {
      this.in = in;
    }

    int between(int lo, int hi) {
      return (int) in.next(Constraint.between(lo, hi));
    }

    boolean bool() {
      return between(0, 1) == 1;
    }

    long anyLong() {
      return in.next(Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE));
    }

    byte[] bytes(int n) {
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) between(0, 255);
      }
      return b;
    }

    MacAddress mac() {
      return new MacAddress(in.next(Constraint.between(0, 0xffff_ffff_ffffL)));
    }

    Ipv4Address ipv4() {
      return new Ipv4Address((int) in.next(Constraint.between(Integer.MIN_VALUE, Integer.MAX_VALUE)));
    }

    Ipv6Address ipv6() {
      return new Ipv6Address(anyLong(), anyLong());
    }

    VlanTag vlanOrNull() {
      return bool() ? null : new VlanTag(between(0, 7), bool(), between(0, 4095));
    }
  }

  private static EthernetFrame ethernet(Draw d, EthernetPayload payload) {
    VlanTag vlan = d.vlanOrNull();
    EthernetHeader h = new EthernetHeader(d.mac(), d.mac(), vlan, payload.etherType());
    return new EthernetFrame(h, payload);
  }

  private static CarpAdvertisement carp(Draw d) {
    return CarpAdvertisement.create(d.between(0, 255), d.between(0, 255), d.between(0, 255), d.between(0, 255), d.anyLong(),
        d.bytes(20));
  }

  /** Surplus lengths that never make a 44-byte payload (the VRRPv2-with-seven-addresses case). */
  private static Octets surplus(Draw d) {
    int n = d.between(0, 3) == 0 ? d.between(0, 20) : 0;
    return n == 8 ? Octets.EMPTY : Octets.copyOf(d.bytes(n));
  }

  private static EthernetFrame carp4(Draw d) {
    CarpAdvertisement ad = carp(d);
    Octets surplus = surplus(d);
    Ipv4Header h = new Ipv4Header(d.between(0, 255), 20 + 36 + surplus.length(), d.between(0, 0xffff),
        d.bool() ? Ipv4Header.DONT_FRAGMENT : 0, 0, d.between(0, 255), IpProtocol.CARP, 0, d.ipv4(), d.ipv4(), Octets.EMPTY)
        .withCorrectChecksum();
    return ethernet(d, new Ipv4Packet(h, ad, surplus));
  }

  private static EthernetFrame carp6(Draw d) {
    CarpAdvertisement ad = carp(d);
    Octets surplus = surplus(d);
    Ipv6Header h = new Ipv6Header(d.between(0, 255), d.between(0, 0xfffff), 36 + surplus.length(), IpProtocol.CARP,
        d.between(0, 255), d.ipv6(), d.ipv6());
    return ethernet(d, new Ipv6Packet(h, Octets.EMPTY, ad, surplus));
  }

  private static EthernetFrame arp(Draw d) {
    ArpPacket arp = new ArpPacket(d.between(0, 0xffff), d.mac(), d.ipv4(), d.mac(), d.ipv4());
    return ethernet(d, arp).withTrailer(Octets.copyOf(d.bytes(d.between(0, 18))));
  }

  private static List<NdOption> options(Draw d) {
    List<NdOption> options = new ArrayList<>();
    int n = d.between(0, 2);
    for (int i = 0; i < n; i++) {
      options.add(d.bool() ? NdOption.targetLinkLayer(d.mac()) : new NdOption(d.between(0, 255), Octets.copyOf(d.bytes(8 * d.between(1, 3) - 2))));
    }
    return options;
  }

  private static EthernetFrame nd(Draw d) {
    IpPayload m = d.bool()
        ? new NeighborSolicitation(0, 0, d.between(0, 1), d.ipv6(), options(d))
        : new NeighborAdvertisement(0, 0, d.bool(), d.bool(), d.bool(), 0, d.ipv6(), options(d));
    return ethernet(d, Ipv6Packet.of(0, 0, d.between(0, 255), d.ipv6(), d.ipv6(), m));
  }

  private static EthernetFrame vrrp(Draw d) {
    if (d.bool()) {
      int count = d.between(0, 9);
      if (count == 7) {
        count = 8;
      }
      List<Ipv4Address> a = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        a.add(d.ipv4());
      }
      Vrrp2Advertisement v = new Vrrp2Advertisement(1, d.between(0, 255), d.between(0, 255), d.between(0, 2), d.between(0, 255), 0,
          a, Octets.copyOf(d.bytes(8))).withCorrectChecksum();
      return ethernet(d, Ipv4Packet.of(0xc0, d.between(0, 0xffff), 0, 255, d.ipv4(), Ipv4Address.CARP_GROUP, v));
    }
    int count = d.between(0, 5);
    boolean six = d.bool();
    List<Ipv4Address> v4 = new ArrayList<>();
    List<Ipv6Address> v6 = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (six) {
        v6.add(d.ipv6());
      } else {
        v4.add(d.ipv4());
      }
    }
    Vrrp3Advertisement v = new Vrrp3Advertisement(1, d.between(0, 255), d.between(0, 255), 0, d.between(0, 0xfff), 0, v4, v6);
    return six
        ? ethernet(d, Ipv6Packet.of(0, 0, 255, d.ipv6(), Ipv6Address.CARP_GROUP, v))
        : ethernet(d, Ipv4Packet.of(0xc0, 0, 0, 255, d.ipv4(), Ipv4Address.CARP_GROUP, v));
  }

  private static final Gen<EthernetFrame> FRAMES = in -> {
    Draw d = new Draw(in);
    switch (d.between(0, 5)) {
      case 0:
        return carp4(d);
      case 1:
        return carp6(d);
      case 2:
        return arp(d);
      case 3:
        return nd(d);
      case 4:
        return vrrp(d);
      default:
        return ethernet(d, new Ipv4Packet(Ipv4Header.create(0, 0, 0, 64, 17, d.ipv4(), d.ipv4(), 12),
            new OpaquePayload(Octets.copyOf(d.bytes(12)))));
    }
  };

  @Test
  void everyValidFrameSurvivesEncodeAndDecode() {
    qt().withFixedSeed(20261123L).withExamples(EXAMPLES).forAll(FRAMES).checkAssert(frame -> {
      byte[] bytes = frame.toBytes();
      assertEquals(frame.encodedLength(), bytes.length);
      assertEquals(frame, Frames.decode(bytes));
    });
  }

  @Test
  void everyValidCarpFrameIsACandidateUnlessItsTtlIsWrong() {
    Gen<EthernetFrame> carpFrames = in -> {
      Draw d = new Draw(in);
      return d.bool() ? carp4(d) : carp6(d);
    };
    qt().withFixedSeed(20261123L).withExamples(EXAMPLES).forAll(carpFrames).checkAssert(frame -> {
      int ttl = frame.payload() instanceof Ipv4Packet p ? p.header().ttl() : ((Ipv6Packet) frame.payload()).header().hopLimit();
      CarpReception.Outcome o = CarpReception.check(Frames.decode(frame.toBytes()));
      if (ttl == 255) {
        assertTrue(o instanceof CarpReception.Candidate, o::toString);
      } else {
        assertEquals(CarpStat.BADTTL, ((CarpReception.Dropped) o).counter());
      }
    });
  }

  /** Decoding any bytes gives a result, never an exception; what decodes re-encodes exactly. */
  private static void decodesLosslesslyOrSaysWhy(byte[] bytes) {
    Decoded d = Frames.decode(bytes);
    assertNotNull(d);
    if (d instanceof EthernetFrame f) {
      assertArrayEquals(bytes, f.toBytes());
    } else {
      DecodeError e = (DecodeError) d;
      assertTrue(e.offset() >= 0 && e.offset() <= bytes.length, e::toString);
      assertTrue(!e.detail().isEmpty());
    }
    assertNotNull(CarpReception.check(d));
  }

  @Test
  void randomBytesNeverThrow() {
    Gen<byte[]> random = in -> {
      Draw d = new Draw(in);
      byte[] b = d.bytes(d.between(0, 160));
      if (b.length >= 14 && d.bool()) {
        // Steer half of them into the interesting EtherTypes and protocol 112.
        int[] types = {EtherType.IPV4, EtherType.IPV6, EtherType.ARP, EtherType.VLAN};
        int t = types[d.between(0, 3)];
        b[12] = (byte) (t >>> 8);
        b[13] = (byte) t;
        if (t == EtherType.IPV4 && b.length > 24) {
          b[14] = (byte) (0x45 + d.between(0, 2));
          b[23] = 112;
        } else if (t == EtherType.IPV6 && b.length > 20) {
          b[14] = 0x60;
          b[20] = (byte) (d.bool() ? 112 : 58);
        }
      }
      return b;
    };
    qt().withFixedSeed(20261123L).withExamples(EXAMPLES * 2).forAll(random).checkAssert(FramesPropertiesTest::decodesLosslesslyOrSaysWhy);
  }

  @Test
  void capturedAndSampleFramesFlippedCutOrExtendedNeverThrow() {
    List<byte[]> seeds = new ArrayList<>(Captures.allFrames());
    for (EthernetFrame f : List.of(Samples.carp4(Samples.t1()), Samples.carp6(Samples.t1()), Samples.neighborAdvertisement(),
        Samples.neighborSolicitation(), Samples.gratuitousArp())) {
      seeds.add(f.toBytes());
    }
    Gen<byte[]> mutated = in -> {
      Draw d = new Draw(in);
      byte[] b = seeds.get(d.between(0, seeds.size() - 1)).clone();
      switch (d.between(0, 2)) {
        case 0: {
          int flips = d.between(1, 4);
          for (int i = 0; i < flips; i++) {
            b[d.between(0, b.length - 1)] ^= (byte) d.between(1, 255);
          }
          return b;
        }
        case 1:
          return Arrays.copyOf(b, d.between(0, b.length));
        default: {
          byte[] extra = d.bytes(d.between(1, 40));
          byte[] out = Arrays.copyOf(b, b.length + extra.length);
          System.arraycopy(extra, 0, out, b.length, extra.length);
          return out;
        }
      }
    };
    qt().withFixedSeed(20261123L).withExamples(EXAMPLES * 2).forAll(mutated).checkAssert(FramesPropertiesTest::decodesLosslesslyOrSaysWhy);
  }

  @Test
  void everyPrefixOfEveryCapturedFrameDecodesOrSaysWhy() {
    for (byte[] frame : Captures.allFrames()) {
      for (int n = 0; n <= frame.length; n++) {
        decodesLosslesslyOrSaysWhy(Arrays.copyOf(frame, n));
      }
    }
  }
}
