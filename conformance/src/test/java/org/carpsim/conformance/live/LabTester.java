package org.carpsim.conformance.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.Decoded;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Header;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.conformance.tester.AdvertisementCrafter;
import org.carpsim.conformance.tester.Fault;

/**
 * The tester's seat in a lab namespace: captures every CARP frame on its eth0 (its own injections
 * included, to measure injection-to-capture latency) and injects crafted advertisements.
 */
final class LabTester implements AutoCloseable {

  /** One captured IPv4 CARP advertisement with the headers a check needs. */
  record Ad(long epochNanos, MacAddress srcMac, Ipv4Header ip, CarpAdvertisement carp, byte[] raw) {}

  static final Ipv4Address VIP = Ipv4Address.parse("10.99.0.100");
  static final String PASS = "secret";

  private final LiveInterface nic;
  /** A second handle only for sending: Linux never loops a packet socket's own sends back to it. */
  private final LiveInterface injector;
  private final List<Ad> ads = new ArrayList<>();

  LabTester(NamespaceLab lab, String host) {
    this.nic = Netns.call(lab.ns(host),
        () -> LiveInterface.open("eth0", CaptureOptions.DEFAULT.withFilter("ip proto 112").withInboundOnly(false)));
    this.injector = Netns.call(lab.ns(host),
        () -> LiveInterface.open("eth0", CaptureOptions.DEFAULT.withFilter("less 1")));
    nic.startReceiving(this::onFrame);
  }

  private void onFrame(LiveFrame f) {
    Decoded d = Frames.decode(f.bytes());
    if (d instanceof EthernetFrame ef && ef.payload() instanceof Ipv4Packet p
        && p.payload() instanceof CarpAdvertisement ad) {
      synchronized (ads) {
        ads.add(new Ad(f.epochNanos(), ef.header().source(), p.header(), ad, f.bytes()));
        ads.notifyAll();
      }
    }
  }

  LiveInterface nic() {
    return nic;
  }

  /** Every advertisement captured so far. */
  List<Ad> ads() {
    synchronized (ads) {
      return List.copyOf(ads);
    }
  }

  /** The advertisements from {@code source} captured so far. */
  List<Ad> adsFrom(Ipv4Address source) {
    List<Ad> out = new ArrayList<>();
    for (Ad a : ads()) {
      if (a.ip().source().equals(source)) {
        out.add(a);
      }
    }
    return out;
  }

  /** Waits up to {@code timeoutMs} for an advertisement from {@code source} captured after {@code afterNanos}. */
  Optional<Ad> awaitAdFrom(Ipv4Address source, long afterNanos, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    synchronized (ads) {
      while (true) {
        for (Ad a : ads) {
          if (a.ip().source().equals(source) && a.epochNanos() > afterNanos) {
            return Optional.of(a);
          }
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return Optional.empty();
        }
        ads.wait(left);
      }
    }
  }

  /** Waits until {@code n} advertisements from {@code source} are captured, or the timeout passes. */
  List<Ad> awaitAds(Ipv4Address source, int n, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    synchronized (ads) {
      while (adsFrom(source).size() < n && System.currentTimeMillis() < deadline) {
        ads.wait(Math.max(1, deadline - System.currentTimeMillis()));
      }
    }
    return adsFrom(source);
  }

  /** The ucarp lab's crafter: vhid 1, pass "secret", VIP 10.99.0.100 (the main code's, not a copy). */
  private static final AdvertisementCrafter CRAFTER = new AdvertisementCrafter(HmacScheme.UCARP, 1, PASS, List.of(VIP));

  /**
   * A valid advertisement (ucarp's HMAC scheme: key = pass, message = 02 01 vhid VIP counter) from
   * {@code source} with {@code mac} as Ethernet source; vhid must be the lab's 1.
   */
  static byte[] advertisement(MacAddress mac, Ipv4Address source, int vhid, int advbase, int advskew, long counter,
      int ipId) {
    return advertisement(mac, source, vhid, advbase, advskew, counter, ipId, Fault.NONE);
  }

  /** {@link #advertisement} with one {@code fault}; everything else is valid. */
  static byte[] advertisement(MacAddress mac, Ipv4Address source, int vhid, int advbase, int advskew, long counter,
      int ipId, Fault fault) {
    if (vhid != CRAFTER.vhid()) {
      throw new IllegalArgumentException("the lab crafter only makes vhid " + CRAFTER.vhid());
    }
    return CRAFTER.advertisement(mac, source, advbase, advskew, counter, ipId, fault);
  }

  void inject(byte[] frame) {
    injector.send(frame);
  }

  @Override
  public void close() {
    injector.close();
    nic.close();
  }
}
