package org.carpsim.conformance.tester;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv6Header;
import org.carpsim.carp.wire.Ipv6Packet;
import org.carpsim.carp.wire.NeighborAdvertisement;
import org.carpsim.carp.wire.NeighborSolicitation;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.live.CaptureOptions;
import org.carpsim.conformance.live.LiveFrame;
import org.carpsim.conformance.live.LiveInterface;

/**
 * The tester's seat on one link: it captures every CARP, ARP and neighbour discovery frame (its
 * own injections included, to timestamp them on the wire) and injects crafted frames — only CARP
 * frames to 224.0.0.18 or ff02::12 whose vhid byte is its one vhid, and ARP requests and neighbour
 * solicitations for the addresses it was allowed, at most {@value #MAX_FRAMES_PER_SECOND} per
 * second. After {@link #seal()} it sends nothing.
 *
 * <p>{@link PcapTesterPort} sits on a real NIC through pcap4j; {@code SimulatedTesterPort} on a
 * simulated segment. Every wait goes through {@link #clock()}.
 */
public interface TesterPort extends AutoCloseable {

  /** The injection rate limit. */
  int MAX_FRAMES_PER_SECOND = 10;

  /** What the capture handle keeps. */
  String CAPTURE_FILTER = "ip proto 112 or arp or ip6 proto 112 or (icmp6 and ip6[40] >= 135 "
      + "and ip6[40] <= 136)";

  /** One frame this port injected: the clock just before the send, and its bytes. */
  record Injection(long epochNanos, byte[] bytes) {}

  /**
   * An ARP packet seen on the wire.
   *
   * @param epochNanos capture time
   * @param sourceMac Ethernet source
   * @param arp the ARP packet
   */
  record ObservedArp(long epochNanos, MacAddress sourceMac, ArpPacket arp) {}

  /**
   * A neighbour advertisement seen on the wire.
   *
   * @param epochNanos capture time
   * @param sourceMac Ethernet source
   * @param destinationMac Ethernet destination
   * @param ip the IPv6 header
   * @param na the advertisement
   * @param checksumOk whether its ICMPv6 checksum verifies
   */
  record ObservedNeighborAdvertisement(long epochNanos, MacAddress sourceMac, MacAddress destinationMac,
      Ipv6Header ip, NeighborAdvertisement na, boolean checksumOk) {}

  /** Opens a pcap4j port on {@code iface} in the calling thread's namespace. */
  static PcapTesterPort open(String iface, int vhid) {
    return PcapTesterPort.open(iface, vhid);
  }

  /** Options for the capturing handle of a live port: CARP, ARP and NS/NA, both directions. */
  static CaptureOptions captureOptions() {
    return CaptureOptions.DEFAULT.withFilter(CAPTURE_FILTER).withInboundOnly(false);
  }

  /** Options for the sending handle of a live port: captures nothing. */
  static CaptureOptions injectorOptions() {
    return CaptureOptions.DEFAULT.withFilter("less 1");
  }

  /** The clock every wait of a run goes through: real for a live port, virtual for a simulated one. */
  Clock clock();

  /** The link's name (the NIC's name). */
  String name();

  /** The NIC's own MAC (the source of injected frames). */
  MacAddress mac();

  /** The NIC's first IPv4 address and prefix length, if it has one. */
  Optional<LiveInterface.Ipv4InterfaceAddress> interfaceAddress();

  /** The NIC's first IPv4 address, if it has one. */
  default Optional<Ipv4Address> address() {
    return interfaceAddress().map(LiveInterface.Ipv4InterfaceAddress::address);
  }

  /** The NIC's IPv6 link-local address (the source of injected IPv6 frames), empty when IPv6 is off. */
  Optional<Ipv6Address> linkLocal();

  /** Chooses the advertisements {@link #ads()} and {@link #await} see: IPv6 ones, or IPv4 ones (the default). */
  void watchIpv6Advertisements(boolean ipv6);

  /** Whether {@link #ads()} gives the IPv6 advertisements. */
  boolean watchesIpv6Advertisements();

  /** Allows ARP requests (from this port's MAC) for {@code targets}, e.g. the IUT's VIPs. */
  void allowArpRequestsFor(Collection<Ipv4Address> targets);

  /** Allows neighbour solicitations (from this port's MAC) for {@code targets}, e.g. the IUT's IPv6 VIPs. */
  void allowNeighborSolicitationsFor(Collection<Ipv6Address> targets);

  /** Every advertisement captured so far, in capture order (IPv4 or IPv6 as {@link #watchIpv6Advertisements} chose). */
  List<ObservedAdvertisement> ads();

  /** Every ARP packet captured so far, in capture order. */
  List<ObservedArp> arps();

  /** Every neighbour advertisement captured so far, in capture order. */
  List<ObservedNeighborAdvertisement> neighborAdvertisements();

  /** Every frame captured so far (CARP, VRRP, malformed, ARP, NS/NA), in capture order. */
  List<LiveFrame> frames();

  /** Every injection so far, in order. */
  List<Injection> injections();

  /** Frames injected so far. */
  long sent();

  /** Waits until {@code done} holds for the captured advertisements, or {@code timeoutMs} passes; whether it held. */
  boolean await(Predicate<List<ObservedAdvertisement>> done, long timeoutMs) throws InterruptedException;

  /** Like {@link #await} over the captured ARP packets. */
  boolean awaitArp(Predicate<List<ObservedArp>> done, long timeoutMs) throws InterruptedException;

  /** Like {@link #await} over the captured neighbour advertisements. */
  boolean awaitNeighborAdvertisements(Predicate<List<ObservedNeighborAdvertisement>> done, long timeoutMs)
      throws InterruptedException;

  /**
   * Injects one crafted frame, first waiting as long as the rate limit needs.
   *
   * @throws IllegalArgumentException if the injection policy ({@link #allowed}, {@link #allowed6}) refuses it
   * @throws IllegalStateException after {@link #seal()}
   */
  void inject(byte[] frame) throws InterruptedException;

  /**
   * Injects catalogue C4's advertisement of another vhid. Its HMAC must be computed for this
   * port's vhid ({@link AdvertisementCrafter} does so), which no host of the other vhid accepts.
   */
  void injectOtherVhid(byte[] frame) throws InterruptedException;

  /** From here on every injection throws: the run is over and nothing may follow the bow-out. */
  void seal();

  /** Injection-to-capture latency of every injection the capture saw, in ns, in injection order. */
  List<Long> injectionLatencies();

  /** Injections the capture never saw (normally none). */
  List<Injection> uncaptured();

  /** Writes every captured frame (and any injection the capture missed) to a pcap file; returns the record count. */
  long writePcap(Path file) throws IOException;

  @Override
  void close();

  /**
   * The IPv6 injection policy: a CARP frame (next header 112) to ff02::12 with {@code vhid} in its
   * vhid byte, or a neighbour solicitation from {@code mac} (Ethernet source and source link-layer
   * option) for one of {@code nsTargets}, to its solicited-node group or to the target itself.
   */
  static boolean allowed6(byte[] frame, int vhid, MacAddress mac, Set<Ipv6Address> nsTargets) {
    int off = carpOffset6(frame);
    if (off >= 0) {
      return frame.length >= off + 2 && (frame[off + 1] & 0xff) == vhid;
    }
    if (Frames.decode(frame) instanceof EthernetFrame ef && ef.payload() instanceof Ipv6Packet p
        && p.payload() instanceof NeighborSolicitation ns) {
      Ipv6Address dst = p.header().destination();
      return ef.header().source().equals(mac) && ns.sourceLinkLayerAddress().equals(Optional.of(mac))
          && nsTargets.contains(ns.target())
          && (dst.equals(AdvertisementCrafter.solicitedNode(ns.target())) || dst.equals(ns.target()));
    }
    return false;
  }

  /**
   * The injection policy: an IPv4 protocol-112 frame to 224.0.0.18 with {@code vhid} in its vhid
   * byte, or an ARP request from {@code mac} (Ethernet source and sender) for one of {@code
   * arpTargets}.
   */
  static boolean allowed(byte[] frame, int vhid, MacAddress mac, Set<Ipv4Address> arpTargets) {
    int off = carpOffset(frame);
    if (off >= 0) {
      return frame.length >= off + 2 && (frame[off + 1] & 0xff) == vhid;
    }
    return Frames.decode(frame) instanceof EthernetFrame ef && ef.payload() instanceof ArpPacket a
        && a.operation() == ArpPacket.REQUEST && a.senderMac().equals(mac) && ef.header().source().equals(mac)
        && arpTargets.contains(a.targetIp());
  }

  /** Offset of the IP payload of an IPv4 protocol-112 frame to 224.0.0.18, or -1. */
  static int carpOffset(byte[] f) {
    if (f.length < 34 || (f[12] & 0xff) != 0x08 || f[13] != 0x00 || (f[14] & 0xf0) != 0x40
        || (f[14 + 9] & 0xff) != AdvertisementCrafter.PROTO_CARP) {
      return -1;
    }
    int dst = ((f[30] & 0xff) << 24) | ((f[31] & 0xff) << 16) | ((f[32] & 0xff) << 8) | (f[33] & 0xff);
    if (dst != Ipv4Address.CARP_GROUP.value()) {
      return -1;
    }
    return 14 + (f[14] & 0x0f) * 4;
  }

  /** Offset of the CARP header of an IPv6 frame with next header 112 to ff02::12, or -1. */
  static int carpOffset6(byte[] f) {
    if (f.length < 54 || (f[12] & 0xff) != 0x86 || (f[13] & 0xff) != 0xdd || (f[14] & 0xf0) != 0x60
        || (f[14 + 6] & 0xff) != AdvertisementCrafter.PROTO_CARP) {
      return -1;
    }
    if (!Ipv6Address.read(f, 14 + 24).equals(Ipv6Address.CARP_GROUP)) {
      return -1;
    }
    return 14 + 40;
  }
}
