package org.carpsim.conformance.tester;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
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
import org.carpsim.conformance.live.LiveIoException;
import org.carpsim.sim.pcap.PcapWriter;

/**
 * The tester's seat on one named NIC: captures every CARP, ARP and neighbour discovery frame (its
 * own injections included, to timestamp them on the wire) and injects crafted frames — only CARP
 * frames to 224.0.0.18 or ff02::12 whose vhid byte is its one vhid, and ARP requests and neighbour
 * solicitations for the addresses it was allowed, at most {@value #MAX_FRAMES_PER_SECOND} per
 * second. After {@link #seal()} it sends nothing.
 */
public final class TesterPort implements AutoCloseable {

  /** The injection rate limit. */
  public static final int MAX_FRAMES_PER_SECOND = 10;

  /** What the capture handle keeps. */
  public static final String CAPTURE_FILTER = "ip proto 112 or arp or ip6 proto 112 or (icmp6 and ip6[40] >= 135 "
      + "and ip6[40] <= 136)";

  private static final long MIN_GAP_NS = 1_000_000_000L / MAX_FRAMES_PER_SECOND;

  /** One frame this port injected: the wall clock just before the send, and its bytes. */
  public record Injection(long epochNanos, byte[] bytes) {}

  /**
   * An ARP packet seen on the wire.
   *
   * @param epochNanos capture time
   * @param sourceMac Ethernet source
   * @param arp the ARP packet
   */
  public record ObservedArp(long epochNanos, MacAddress sourceMac, ArpPacket arp) {}

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
  public record ObservedNeighborAdvertisement(long epochNanos, MacAddress sourceMac, MacAddress destinationMac,
      Ipv6Header ip, NeighborAdvertisement na, boolean checksumOk) {}

  private final LiveInterface capture;
  /** A second handle only for sending: Linux never loops a packet socket's own sends back to it. */
  private final LiveInterface injector;
  private final int vhid;
  private final List<LiveFrame> frames = new ArrayList<>();
  private final List<ObservedAdvertisement> ads = new ArrayList<>();
  private final List<ObservedArp> arps = new ArrayList<>();
  private final List<ObservedAdvertisement> ads6 = new ArrayList<>();
  private final List<ObservedNeighborAdvertisement> nas = new ArrayList<>();
  private final Set<Ipv6Address> nsTargets = new HashSet<>();
  /** Whether {@link #ads()} and {@link #await} see the IPv6 advertisements instead of the IPv4 ones. */
  private volatile boolean ipv6Ads;
  private final List<Injection> injections = new ArrayList<>();
  private final Set<Ipv4Address> arpTargets = new HashSet<>();
  private long lastSendNanos = Long.MIN_VALUE / 2;
  private boolean sealed;

  /**
   * @param capture a handle opened with {@link #captureOptions()}; owned (closed) by this port
   * @param injector a handle opened with {@link #injectorOptions()}; owned by this port
   * @param vhid the only vhid injection is allowed for
   */
  public TesterPort(LiveInterface capture, LiveInterface injector, int vhid) {
    this.capture = Objects.requireNonNull(capture, "capture");
    this.injector = Objects.requireNonNull(injector, "injector");
    this.vhid = vhid;
    capture.startReceiving(this::onFrame);
  }

  /** Opens both handles on {@code iface} in the calling thread's namespace. */
  public static TesterPort open(String iface, int vhid) {
    LiveInterface c = LiveInterface.open(iface, captureOptions());
    try {
      return new TesterPort(c, LiveInterface.open(iface, injectorOptions()), vhid);
    } catch (LiveIoException e) {
      c.close();
      throw e;
    }
  }

  /** Options for the capturing handle: CARP, ARP and NS/NA, both directions. */
  public static CaptureOptions captureOptions() {
    return CaptureOptions.DEFAULT.withFilter(CAPTURE_FILTER).withInboundOnly(false);
  }

  /** Options for the sending handle: captures nothing. */
  public static CaptureOptions injectorOptions() {
    return CaptureOptions.DEFAULT.withFilter("less 1");
  }

  private void onFrame(LiveFrame f) {
    Optional<ObservedAdvertisement> ad = ObservedAdvertisement.of(f.epochNanos(), f.bytes());
    Optional<ObservedAdvertisement> ad6 = ad.isPresent() ? Optional.empty()
        : ObservedAdvertisement.of6(f.epochNanos(), f.bytes());
    ObservedArp arp = null;
    ObservedNeighborAdvertisement na = null;
    if (ad.isEmpty() && ad6.isEmpty() && Frames.decode(f.bytes()) instanceof EthernetFrame ef) {
      if (ef.payload() instanceof ArpPacket a) {
        arp = new ObservedArp(f.epochNanos(), ef.header().source(), a);
      } else if (ef.payload() instanceof Ipv6Packet p && p.payload() instanceof NeighborAdvertisement n) {
        na = new ObservedNeighborAdvertisement(f.epochNanos(), ef.header().source(), ef.header().destination(),
            p.header(), n, p.payloadChecksumOk());
      }
    }
    synchronized (frames) {
      frames.add(f);
      ad.ifPresent(ads::add);
      ad6.ifPresent(ads6::add);
      if (arp != null) {
        arps.add(arp);
      }
      if (na != null) {
        nas.add(na);
      }
      frames.notifyAll();
    }
  }

  /**
   * Chooses the advertisements {@link #ads()} and {@link #await} see: IPv6 ones (an IPv6-only
   * group) or IPv4 ones (the default).
   */
  public void watchIpv6Advertisements(boolean ipv6) {
    synchronized (frames) {
      ipv6Ads = ipv6;
      frames.notifyAll();
    }
  }

  /** Whether {@link #ads()} gives the IPv6 advertisements. */
  public boolean watchesIpv6Advertisements() {
    return ipv6Ads;
  }

  /** Allows neighbour solicitations (from this port's MAC) for {@code targets}, e.g. the IUT's IPv6 VIPs. */
  public synchronized void allowNeighborSolicitationsFor(Collection<Ipv6Address> targets) {
    nsTargets.addAll(targets);
  }

  /** The NIC's IPv6 link-local address (the source of injected IPv6 frames), empty when IPv6 is off. */
  public Optional<Ipv6Address> linkLocal() {
    return capture.linkLocal();
  }

  /** Every neighbour advertisement captured so far, in capture order. */
  public List<ObservedNeighborAdvertisement> neighborAdvertisements() {
    synchronized (frames) {
      return List.copyOf(nas);
    }
  }

  /** Like {@link #await} over the captured neighbour advertisements. */
  public boolean awaitNeighborAdvertisements(Predicate<List<ObservedNeighborAdvertisement>> done, long timeoutMs)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    synchronized (frames) {
      while (!done.test(nas)) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return false;
        }
        frames.wait(left);
      }
      return true;
    }
  }

  /** Allows ARP requests (from this port's MAC) for {@code targets}, e.g. the IUT's VIPs. */
  public synchronized void allowArpRequestsFor(Collection<Ipv4Address> targets) {
    arpTargets.addAll(targets);
  }

  /** The NIC's own MAC (the source of injected frames). */
  public MacAddress mac() {
    return capture.mac();
  }

  /** The NIC's first IPv4 address, if it has one. */
  public Optional<Ipv4Address> address() {
    return capture.firstIpv4().map(LiveInterface.Ipv4InterfaceAddress::address);
  }

  /** The NIC's first IPv4 address and prefix length, if it has one. */
  public Optional<LiveInterface.Ipv4InterfaceAddress> interfaceAddress() {
    return capture.firstIpv4();
  }

  /** The NIC's name. */
  public String name() {
    return capture.name();
  }

  /**
   * Every advertisement captured so far, in capture order: the IPv4 ones, or the IPv6 ones after
   * {@link #watchIpv6Advertisements watchIpv6Advertisements(true)}.
   */
  public List<ObservedAdvertisement> ads() {
    synchronized (frames) {
      return List.copyOf(ipv6Ads ? ads6 : ads);
    }
  }

  /** Every ARP packet captured so far, in capture order. */
  public List<ObservedArp> arps() {
    synchronized (frames) {
      return List.copyOf(arps);
    }
  }

  /** Every frame captured so far (CARP, VRRP, malformed, ARP), in capture order. */
  public List<LiveFrame> frames() {
    synchronized (frames) {
      return List.copyOf(frames);
    }
  }

  /** Frames injected so far. */
  public synchronized long sent() {
    return injections.size();
  }

  /** Every injection so far, in order. */
  public synchronized List<Injection> injections() {
    return List.copyOf(injections);
  }

  /**
   * Waits until {@code done} holds for the captured advertisements, or {@code timeoutMs} passes.
   *
   * @return whether it held
   */
  public boolean await(Predicate<List<ObservedAdvertisement>> done, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    synchronized (frames) {
      while (!done.test(ipv6Ads ? ads6 : ads)) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return false;
        }
        frames.wait(left);
      }
      return true;
    }
  }

  /** Like {@link #await} over the captured ARP packets. */
  public boolean awaitArp(Predicate<List<ObservedArp>> done, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    synchronized (frames) {
      while (!done.test(arps)) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return false;
        }
        frames.wait(left);
      }
      return true;
    }
  }

  /**
   * Injects one crafted frame, first waiting as long as the rate limit needs.
   *
   * @throws IllegalArgumentException if {@code frame} is neither an IPv4 protocol-112 frame to
   *     224.0.0.18 with this port's vhid in the vhid byte nor an allowed ARP request from this port
   * @throws IllegalStateException after {@link #seal()}
   */
  public void inject(byte[] frame) throws InterruptedException {
    Set<Ipv4Address> targets;
    Set<Ipv6Address> targets6;
    synchronized (this) {
      targets = Set.copyOf(arpTargets);
      targets6 = Set.copyOf(nsTargets);
    }
    if (!allowed(frame, vhid, mac(), targets) && !allowed6(frame, vhid, mac(), targets6)) {
      throw new IllegalArgumentException("refusing to inject anything but CARP of vhid " + vhid
          + " or an ARP request or neighbour solicitation for an allowed address");
    }
    send(frame);
  }

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

  /**
   * Injects catalogue C4's advertisement of another vhid. Its HMAC must be computed for this
   * port's vhid ({@link AdvertisementCrafter} does so), which no host of the other vhid accepts.
   */
  public void injectOtherVhid(byte[] frame) throws InterruptedException {
    int off = carpOffset(frame) >= 0 ? carpOffset(frame) : carpOffset6(frame);
    if (off < 0 || frame.length < off + 2 || (frame[off + 1] & 0xff) == vhid) {
      throw new IllegalArgumentException("not a CARP frame of another vhid");
    }
    send(frame);
  }

  private synchronized void send(byte[] frame) throws InterruptedException {
    if (sealed) {
      throw new IllegalStateException("the tester has stopped sending on " + name());
    }
    long wait = lastSendNanos + MIN_GAP_NS - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
    }
    java.time.Instant t = java.time.Instant.now();
    injector.send(frame);
    lastSendNanos = System.nanoTime();
    injections.add(new Injection(t.getEpochSecond() * 1_000_000_000L + t.getNano(), frame.clone()));
  }

  /** From here on every injection throws: the run is over and nothing may follow the bow-out. */
  public synchronized void seal() {
    sealed = true;
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

  /**
   * Injection-to-capture latency of every injection the capture saw: the pcap timestamp of the
   * frame minus the wall clock just before it was sent, in ns, in injection order.
   */
  public List<Long> injectionLatencies() {
    List<Long> out = new ArrayList<>();
    for (Match m : match()) {
      if (m.captured != null) {
        out.add(m.captured.epochNanos() - m.injection.epochNanos());
      }
    }
    return out;
  }

  /** Injections the capture never saw (normally none). */
  public List<Injection> uncaptured() {
    List<Injection> out = new ArrayList<>();
    for (Match m : match()) {
      if (m.captured == null) {
        out.add(m.injection);
      }
    }
    return out;
  }

  private record Match(Injection injection, LiveFrame captured) {}

  private List<Match> match() {
    List<Injection> inj = injections();
    List<LiveFrame> cap = frames();
    List<Match> out = new ArrayList<>();
    boolean[] used = new boolean[cap.size()];
    for (Injection i : inj) {
      LiveFrame found = null;
      for (int k = 0; k < cap.size(); k++) {
        LiveFrame f = cap.get(k);
        if (!used[k] && f.epochNanos() >= i.epochNanos() - 1_000_000_000L && Arrays.equals(f.bytes(), i.bytes())) {
          used[k] = true;
          found = f;
          break;
        }
      }
      out.add(new Match(i, found));
    }
    return out;
  }

  /**
   * Writes every captured frame with its capture timestamp, and any injection the capture missed
   * with its send time, to a pcap file in time order; returns the record count.
   */
  public long writePcap(Path file) throws IOException {
    List<LiveFrame> all = new ArrayList<>(frames());
    for (Injection i : uncaptured()) {
      all.add(new LiveFrame(i.epochNanos(), i.bytes()));
    }
    all.sort(Comparator.comparingLong(LiveFrame::epochNanos));
    try (PcapWriter w = PcapWriter.create(file, 0)) {
      for (LiveFrame f : all) {
        w.write(f.epochNanos(), f.bytes(), 0, f.bytes().length);
      }
      return w.records();
    }
  }

  @Override
  public void close() {
    seal();
    injector.close();
    capture.close();
  }
}
