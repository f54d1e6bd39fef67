package org.carpsim.carp.wire;

/**
 * The checks a receiving OpenBSD (1.370) kernel makes on a protocol-112 packet before it looks for
 * the vhid (carp-protocol.md §5.6 steps 3–5): TTL / hop limit, then length, then checksum. The node
 * then does the interface check (step 2, which it knows and the codec does not), the vhid lookup
 * (badvhid), the version (badver: {@code advertisement().version() != 2}), the HMAC (badauth) and
 * the replay cookie, in that order.
 *
 * <p>A VRRP packet reaching a CARP node is judged as the kernel would: it is read as a CARP header
 * when it has 36 bytes or more, counted badlen when shorter.
 */
public final class CarpReception {

  private CarpReception() {}

  /** What the pre-vhid checks make of a frame. */
  public sealed interface Outcome permits NotCarp, Dropped, Candidate {}

  /**
   * The frame is no CARP business: not IPv4/IPv6 protocol 112, dropped by the Ethernet/IP layer
   * (malformed, wrong IPv4 header checksum), or an unreassembled fragment. No carpstats counter.
   */
  public record NotCarp(String reason) implements Outcome {}

  /**
   * The frame is counted in ipackets / ipackets6 of {@code family} and then dropped with
   * {@code counter} (badttl, badlen or badsum).
   */
  public record Dropped(IpFamily family, CarpStat counter, String detail) implements Outcome {}

  /**
   * The frame passed TTL, length and checksum; it is counted in ipackets / ipackets6 and the node
   * continues with the vhid lookup.
   *
   * @param family IPv4 or IPv6
   * @param frame the decoded frame (addresses, MACs)
   * @param advertisement the first 36 bytes of the payload read as a CARP header
   */
  public record Candidate(IpFamily family, EthernetFrame frame, CarpAdvertisement advertisement) implements Outcome {}

  /** Runs the pre-vhid checks on a decoded frame. Never throws. */
  public static Outcome check(Decoded decoded) {
    if (decoded instanceof DecodeError e) {
      if (e.counter() == null) {
        return new NotCarp(e.toString());
      }
      IpFamily family = e.kind() == DecodeError.Kind.CARP_TOO_SHORT_IPV6 ? IpFamily.IPV6 : IpFamily.IPV4;
      return new Dropped(family, e.counter(), e.detail());
    }
    EthernetFrame frame = (EthernetFrame) decoded;
    if (frame.payload() instanceof Ipv4Packet p) {
      Ipv4Header h = p.header();
      if (h.protocol() != IpProtocol.CARP) {
        return new NotCarp("IP protocol " + h.protocol());
      }
      if (!h.checksumOk()) {
        return new NotCarp("IPv4 header checksum is wrong: the IP layer drops the packet");
      }
      if (h.isFragment()) {
        return new NotCarp("IPv4 fragment: carpsim does not reassemble");
      }
      return judge(IpFamily.IPV4, frame, h.ttl(), p.payload(), p.surplus());
    }
    if (frame.payload() instanceof Ipv6Packet p) {
      if (p.payload() instanceof OpaquePayload || p.payload().protocol() != IpProtocol.CARP) {
        return new NotCarp(p.payload() instanceof OpaquePayload
            ? "IPv6 next header " + p.upperLayerProtocol() + " (or a fragment)" : "IPv6 next header " + p.payload().protocol());
      }
      return judge(IpFamily.IPV6, frame, p.header().hopLimit(), p.payload(), p.surplus());
    }
    return new NotCarp("EtherType " + String.format("0x%04x", frame.header().etherType()));
  }

  private static Outcome judge(IpFamily family, EthernetFrame frame, int ttl, IpPayload payload, Octets surplus) {
    if (ttl != 255) {
      return new Dropped(family, CarpStat.BADTTL, "received ttl " + ttl + " != 255");
    }
    CarpAdvertisement ad;
    if (payload instanceof CarpAdvertisement c) {
      ad = c;
    } else {
      // VRRP on protocol 112: the kernel reads whatever is there as a CARP header.
      byte[] bytes = new byte[payload.encodedLength() + surplus.length()];
      surplus.copyTo(bytes, payload.writeTo(bytes, 0));
      if (bytes.length < CarpAdvertisement.LENGTH) {
        return new Dropped(family, CarpStat.BADLEN, "packet too short: " + bytes.length + " bytes of CARP, need 36");
      }
      ad = CarpAdvertisement.read(bytes, 0);
    }
    if (!ad.checksumOk()) {
      return new Dropped(family, CarpStat.BADSUM, "checksum failed");
    }
    return new Candidate(family, frame, ad);
  }
}
