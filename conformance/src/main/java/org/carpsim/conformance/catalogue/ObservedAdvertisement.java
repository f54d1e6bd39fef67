package org.carpsim.conformance.catalogue;

import java.util.Optional;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.Decoded;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Header;
import org.carpsim.carp.wire.Ipv4Packet;

/**
 * An IPv4 CARP advertisement seen on the wire, with the headers the observation cases check.
 *
 * @param epochNanos capture time, ns since the Unix epoch
 * @param sourceMac Ethernet source
 * @param ip the IPv4 header as received
 * @param carp the CARP header as received
 */
public record ObservedAdvertisement(long epochNanos, MacAddress sourceMac, Ipv4Header ip, CarpAdvertisement carp) {

  /** The advertisement in {@code frame}, if it is an IPv4 CARP advertisement (never throws). */
  public static Optional<ObservedAdvertisement> of(long epochNanos, byte[] frame) {
    Decoded d = Frames.decode(frame);
    if (d instanceof EthernetFrame ef && ef.payload() instanceof Ipv4Packet p && p.payload() instanceof CarpAdvertisement ad) {
      return Optional.of(new ObservedAdvertisement(epochNanos, ef.header().source(), p.header(), ad));
    }
    return Optional.empty();
  }
}
