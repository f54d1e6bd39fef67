package org.carpsim.conformance.tester;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv6Packet;
import org.carpsim.carp.wire.NeighborAdvertisement;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.live.LiveFrame;
import org.carpsim.sim.pcap.PcapWriter;

/**
 * What every {@link TesterPort} does the same way, live or simulated: sorting captured frames into
 * advertisements, ARP packets and neighbour advertisements; waiting for them through the {@link
 * #clock()}; the injection policy and rate limit; matching injections to their capture; the pcap.
 * A subclass supplies the link: {@link #transmit} and calls {@link #captured} for every frame.
 */
public abstract class CapturingPort implements TesterPort {

  private static final long MIN_GAP_NS = 1_000_000_000L / MAX_FRAMES_PER_SECOND;
  private static final long MS = 1_000_000L;

  private final int vhid;
  private final List<LiveFrame> frames = new ArrayList<>();
  private final List<ObservedAdvertisement> ads = new ArrayList<>();
  private final List<ObservedArp> arps = new ArrayList<>();
  private final List<ObservedAdvertisement> ads6 = new ArrayList<>();
  private final List<ObservedNeighborAdvertisement> nas = new ArrayList<>();
  private final Set<Ipv6Address> nsTargets = new HashSet<>();
  private final Set<Ipv4Address> arpTargets = new HashSet<>();
  /** Whether {@link #ads()} and {@link #await} see the IPv6 advertisements instead of the IPv4 ones. */
  private volatile boolean ipv6Ads;
  private final List<Injection> injections = new ArrayList<>();
  private long lastSendNanos = Long.MIN_VALUE / 2;
  private boolean sealed;

  /** @param vhid the only vhid injection is allowed for */
  protected CapturingPort(int vhid) {
    this.vhid = vhid;
  }

  /** Puts {@code frame} on the link (the policy and the rate limit are already checked). */
  protected abstract void transmit(byte[] frame);

  /** Something was captured: wake whoever waits (a live port's clock; nothing for a simulated one). */
  protected abstract void signal();

  /** The subclass hands every captured frame here, in capture order (any thread). */
  protected final void captured(LiveFrame f) {
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
    }
    signal();
  }

  @Override
  public void watchIpv6Advertisements(boolean ipv6) {
    synchronized (frames) {
      ipv6Ads = ipv6;
    }
    signal();
  }

  @Override
  public boolean watchesIpv6Advertisements() {
    return ipv6Ads;
  }

  @Override
  public synchronized void allowNeighborSolicitationsFor(Collection<Ipv6Address> targets) {
    nsTargets.addAll(targets);
  }

  @Override
  public synchronized void allowArpRequestsFor(Collection<Ipv4Address> targets) {
    arpTargets.addAll(targets);
  }

  @Override
  public List<ObservedNeighborAdvertisement> neighborAdvertisements() {
    synchronized (frames) {
      return List.copyOf(nas);
    }
  }

  @Override
  public List<ObservedAdvertisement> ads() {
    synchronized (frames) {
      return List.copyOf(ipv6Ads ? ads6 : ads);
    }
  }

  @Override
  public List<ObservedArp> arps() {
    synchronized (frames) {
      return List.copyOf(arps);
    }
  }

  @Override
  public List<LiveFrame> frames() {
    synchronized (frames) {
      return List.copyOf(frames);
    }
  }

  @Override
  public synchronized long sent() {
    return injections.size();
  }

  @Override
  public synchronized List<Injection> injections() {
    return List.copyOf(injections);
  }

  @Override
  public boolean await(Predicate<List<ObservedAdvertisement>> done, long timeoutMs) throws InterruptedException {
    return clock().await(() -> {
      synchronized (frames) {
        return done.test(ipv6Ads ? ads6 : ads);
      }
    }, clock().nowNanos() + timeoutMs * MS);
  }

  @Override
  public boolean awaitArp(Predicate<List<ObservedArp>> done, long timeoutMs) throws InterruptedException {
    return clock().await(() -> {
      synchronized (frames) {
        return done.test(arps);
      }
    }, clock().nowNanos() + timeoutMs * MS);
  }

  @Override
  public boolean awaitNeighborAdvertisements(Predicate<List<ObservedNeighborAdvertisement>> done, long timeoutMs)
      throws InterruptedException {
    return clock().await(() -> {
      synchronized (frames) {
        return done.test(nas);
      }
    }, clock().nowNanos() + timeoutMs * MS);
  }

  @Override
  public void inject(byte[] frame) throws InterruptedException {
    Set<Ipv4Address> targets;
    Set<Ipv6Address> targets6;
    synchronized (this) {
      targets = Set.copyOf(arpTargets);
      targets6 = Set.copyOf(nsTargets);
    }
    if (!TesterPort.allowed(frame, vhid, mac(), targets) && !TesterPort.allowed6(frame, vhid, mac(), targets6)) {
      throw new IllegalArgumentException("refusing to inject anything but CARP of vhid " + vhid
          + " or an ARP request or neighbour solicitation for an allowed address");
    }
    send(frame);
  }

  @Override
  public void injectOtherVhid(byte[] frame) throws InterruptedException {
    int off = TesterPort.carpOffset(frame) >= 0 ? TesterPort.carpOffset(frame) : TesterPort.carpOffset6(frame);
    if (off < 0 || frame.length < off + 2 || (frame[off + 1] & 0xff) == vhid) {
      throw new IllegalArgumentException("not a CARP frame of another vhid");
    }
    send(frame);
  }

  private synchronized void send(byte[] frame) throws InterruptedException {
    if (sealed) {
      throw new IllegalStateException("the tester has stopped sending on " + name());
    }
    clock().sleepUntil(lastSendNanos + MIN_GAP_NS);
    long t = clock().nowNanos();
    transmit(frame);
    lastSendNanos = clock().nowNanos();
    injections.add(new Injection(t, frame.clone()));
  }

  @Override
  public synchronized void seal() {
    sealed = true;
  }

  @Override
  public List<Long> injectionLatencies() {
    List<Long> out = new ArrayList<>();
    for (Match m : match()) {
      if (m.captured != null) {
        out.add(m.captured.epochNanos() - m.injection.epochNanos());
      }
    }
    return out;
  }

  @Override
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

  @Override
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
}
