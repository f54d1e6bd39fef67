package org.carpsim.conformance.catalogue;

import java.util.Optional;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.Decoded;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Header;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.carp.wire.Ipv6Header;
import org.carpsim.carp.wire.Ipv6Packet;

/**
 * A CARP advertisement seen on the wire, with the headers the observation cases check: over IPv4
 * ({@link #ip()} set, {@link #ip6()} null) or over IPv6 ({@link #ip6()} set, {@link #ip()} null).
 *
 * @param epochNanos capture time, ns since the Unix epoch
 * @param sourceMac Ethernet source
 * @param ip the IPv4 header as received, null for an IPv6 advertisement
 * @param carp the CARP header as received
 * @param ip6 the IPv6 header as received, null for an IPv4 advertisement
 */
public record ObservedAdvertisement(long epochNanos, MacAddress sourceMac, Ipv4Header ip, CarpAdvertisement carp,
    Ipv6Header ip6) {

  public ObservedAdvertisement {
    if ((ip == null) == (ip6 == null)) {
      throw new IllegalArgumentException("an advertisement has exactly one of an IPv4 and an IPv6 header");
    }
  }

  /** An IPv4 advertisement. */
  public ObservedAdvertisement(long epochNanos, MacAddress sourceMac, Ipv4Header ip, CarpAdvertisement carp) {
    this(epochNanos, sourceMac, ip, carp, null);
  }

  /** Whether it came over IPv6 (to ff02::12). */
  public boolean ipv6() {
    return ip6 != null;
  }

  /** The IP source: an {@code Ipv4Address} or an {@code Ipv6Address}. */
  public Object source() {
    return ip != null ? ip.source() : ip6.source();
  }

  /** The advertisement in {@code frame}, if it is an IPv4 CARP advertisement (never throws). */
  public static Optional<ObservedAdvertisement> of(long epochNanos, byte[] frame) {
    Decoded d = Frames.decode(frame);
    if (d instanceof EthernetFrame ef && ef.payload() instanceof Ipv4Packet p && p.payload() instanceof CarpAdvertisement ad) {
      return Optional.of(new ObservedAdvertisement(epochNanos, ef.header().source(), p.header(), ad));
    }
    return Optional.empty();
  }

  /** The advertisement in {@code frame}, if it is an IPv6 CARP advertisement (never throws). */
  public static Optional<ObservedAdvertisement> of6(long epochNanos, byte[] frame) {
    Decoded d = Frames.decode(frame);
    if (d instanceof EthernetFrame ef && ef.payload() instanceof Ipv6Packet p && p.payload() instanceof CarpAdvertisement ad) {
      return Optional.of(new ObservedAdvertisement(epochNanos, ef.header().source(), null, ad, p.header()));
    }
    return Optional.empty();
  }
}
