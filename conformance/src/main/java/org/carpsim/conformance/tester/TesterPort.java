package org.carpsim.conformance.tester;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.Decoded;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.live.CaptureOptions;
import org.carpsim.conformance.live.LiveFrame;
import org.carpsim.conformance.live.LiveInterface;
import org.carpsim.conformance.live.LiveIoException;
import org.carpsim.sim.pcap.PcapWriter;

/**
 * The tester's seat on one named NIC: captures every CARP and ARP frame (its own injections
 * included, to timestamp them on the wire) and injects crafted frames — only advertisements of its
 * one vhid, at most {@value #MAX_FRAMES_PER_SECOND} per second.
 */
public final class TesterPort implements AutoCloseable {

  /** The injection rate limit. */
  public static final int MAX_FRAMES_PER_SECOND = 10;

  /** What the capture handle keeps. */
  public static final String CAPTURE_FILTER = "ip proto 112 or arp";

  private static final long MIN_GAP_NS = 1_000_000_000L / MAX_FRAMES_PER_SECOND;

  private final LiveInterface capture;
  /** A second handle only for sending: Linux never loops a packet socket's own sends back to it. */
  private final LiveInterface injector;
  private final int vhid;
  private final List<LiveFrame> frames = new ArrayList<>();
  private final List<ObservedAdvertisement> ads = new ArrayList<>();
  private long lastSendNanos = Long.MIN_VALUE / 2;
  private long sent;

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

  /** Options for the capturing handle: CARP and ARP, both directions. */
  public static CaptureOptions captureOptions() {
    return CaptureOptions.DEFAULT.withFilter(CAPTURE_FILTER).withInboundOnly(false);
  }

  /** Options for the sending handle: captures nothing. */
  public static CaptureOptions injectorOptions() {
    return CaptureOptions.DEFAULT.withFilter("less 1");
  }

  private void onFrame(LiveFrame f) {
    Optional<ObservedAdvertisement> ad = ObservedAdvertisement.of(f.epochNanos(), f.bytes());
    synchronized (frames) {
      frames.add(f);
      ad.ifPresent(ads::add);
      frames.notifyAll();
    }
  }

  /** The NIC's own MAC (the source of injected frames). */
  public MacAddress mac() {
    return capture.mac();
  }

  /** The NIC's first IPv4 address, if it has one. */
  public Optional<Ipv4Address> address() {
    return capture.firstIpv4().map(LiveInterface.Ipv4InterfaceAddress::address);
  }

  /** The NIC's name. */
  public String name() {
    return capture.name();
  }

  /** Every advertisement captured so far, in capture order. */
  public List<ObservedAdvertisement> ads() {
    synchronized (frames) {
      return List.copyOf(ads);
    }
  }

  /** Frames injected so far. */
  public synchronized long sent() {
    return sent;
  }

  /**
   * Waits until {@code done} holds for the captured advertisements, or {@code timeoutMs} passes.
   *
   * @return whether it held
   */
  public boolean await(java.util.function.Predicate<List<ObservedAdvertisement>> done, long timeoutMs)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    synchronized (frames) {
      while (!done.test(ads)) {
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
   * Injects one crafted advertisement, first waiting as long as the rate limit needs.
   *
   * @throws IllegalArgumentException if {@code frame} is not an IPv4 CARP advertisement of this
   *     port's vhid (the tester never sends anything else)
   */
  public synchronized void inject(byte[] frame) throws InterruptedException {
    Decoded d = Frames.decode(frame);
    if (!(d instanceof EthernetFrame ef && ef.payload() instanceof Ipv4Packet p
        && p.payload() instanceof CarpAdvertisement ad && ad.vhid() == vhid)) {
      throw new IllegalArgumentException("refusing to inject anything but a CARP advertisement of vhid " + vhid);
    }
    long wait = lastSendNanos + MIN_GAP_NS - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
    }
    injector.send(frame);
    lastSendNanos = System.nanoTime();
    sent++;
  }

  /** Writes every captured frame, with its capture timestamp, to a pcap file; returns the count. */
  public long writePcap(Path file) throws IOException {
    List<LiveFrame> copy;
    synchronized (frames) {
      copy = List.copyOf(frames);
    }
    try (PcapWriter w = PcapWriter.create(file, 0)) {
      for (LiveFrame f : copy) {
        w.write(f.epochNanos(), f.bytes(), 0, f.bytes().length);
      }
      return w.records();
    }
  }

  @Override
  public void close() {
    injector.close();
    capture.close();
  }
}
