package org.carpsim.conformance.simulate;

import java.util.Optional;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.conformance.live.LiveFrame;
import org.carpsim.conformance.live.LiveInterface;
import org.carpsim.conformance.tester.CapturingPort;
import org.carpsim.conformance.tester.Clock;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.net.Host;
import org.carpsim.sim.net.HostStack;
import org.carpsim.sim.net.Nic;

/**
 * The tester's seat on a simulated segment, built like the live one: one NIC only captures (what
 * the pcap filter keeps), a second NIC of the same host only sends, so every injection is captured
 * back after the segment's latency — the simulated injection-to-capture latency.
 */
public final class SimulatedTesterPort extends CapturingPort {

  private final SimClock clock;
  private final Nic capture;
  private final Nic injector;
  private final MacAddress mac;
  private final LiveInterface.Ipv4InterfaceAddress address;
  private final Optional<Ipv6Address> linkLocal;

  /**
   * @param host the tester's host; this port becomes its stack
   * @param capture the NIC that captures; {@code injector} the one that sends (both on the IUT's segment)
   */
  SimulatedTesterPort(SimClock clock, Host host, Nic capture, Nic injector, MacAddress mac,
      LiveInterface.Ipv4InterfaceAddress address, Optional<Ipv6Address> linkLocal, int vhid) {
    super(vhid);
    this.clock = clock;
    this.capture = capture;
    this.injector = injector;
    this.mac = mac;
    this.address = address;
    this.linkLocal = linkLocal;
    host.install(new HostStack() {
      @Override
      public void onFrame(Nic nic, Frame frame) {
        if (nic == capture && kept(frame)) {
          captured(new LiveFrame(clock.nowNanos(), frame.toByteArray()));
        }
      }
    });
  }

  /** The live capture filter ({@link #CAPTURE_FILTER}): CARP or VRRP over IPv4 or IPv6, ARP, NS and NA. */
  static boolean kept(Frame f) {
    int type = f.etherType();
    if (type == 0x0806) {
      return true;
    }
    if (type == 0x0800) {
      return f.length() > 23 && f.byteAt(23) == 112;
    }
    if (type == 0x86dd && f.length() > 54) {
      int next = f.byteAt(20);
      return next == 112 || (next == 58 && (f.byteAt(54) == 135 || f.byteAt(54) == 136));
    }
    return false;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  protected void transmit(byte[] frame) {
    injector.transmit(Frame.copyOf(frame));
  }

  @Override
  protected void signal() {
    // one thread: the clock tests every wait's condition after each event instant
  }

  @Override
  public String name() {
    return capture.name();
  }

  @Override
  public MacAddress mac() {
    return mac;
  }

  @Override
  public Optional<LiveInterface.Ipv4InterfaceAddress> interfaceAddress() {
    return Optional.of(address);
  }

  @Override
  public Optional<Ipv6Address> linkLocal() {
    return linkLocal;
  }

  @Override
  public void close() {
    seal();
  }
}
