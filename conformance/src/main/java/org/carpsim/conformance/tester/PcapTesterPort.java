package org.carpsim.conformance.tester;

import java.util.Objects;
import java.util.Optional;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.conformance.live.LiveInterface;
import org.carpsim.conformance.live.LiveIoException;

/**
 * The tester's seat on one named real NIC, through pcap4j: one handle captures (both directions,
 * {@link TesterPort#captureOptions()}), a second one only sends, and the wall clock times it all.
 */
public final class PcapTesterPort extends CapturingPort {

  private final LiveInterface capture;
  /** A second handle only for sending: Linux never loops a packet socket's own sends back to it. */
  private final LiveInterface injector;
  private final RealClock clock = new RealClock();

  /**
   * @param capture a handle opened with {@link TesterPort#captureOptions()}; owned (closed) by this port
   * @param injector a handle opened with {@link TesterPort#injectorOptions()}; owned by this port
   * @param vhid the only vhid injection is allowed for
   */
  public PcapTesterPort(LiveInterface capture, LiveInterface injector, int vhid) {
    super(vhid);
    this.capture = Objects.requireNonNull(capture, "capture");
    this.injector = Objects.requireNonNull(injector, "injector");
    capture.startReceiving(this::captured);
  }

  /** Opens both handles on {@code iface} in the calling thread's namespace. */
  public static PcapTesterPort open(String iface, int vhid) {
    LiveInterface c = LiveInterface.open(iface, TesterPort.captureOptions());
    try {
      return new PcapTesterPort(c, LiveInterface.open(iface, TesterPort.injectorOptions()), vhid);
    } catch (LiveIoException e) {
      c.close();
      throw e;
    }
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  protected void transmit(byte[] frame) {
    injector.send(frame);
  }

  @Override
  protected void signal() {
    clock.signal();
  }

  @Override
  public String name() {
    return capture.name();
  }

  @Override
  public MacAddress mac() {
    return capture.mac();
  }

  @Override
  public Optional<LiveInterface.Ipv4InterfaceAddress> interfaceAddress() {
    return capture.firstIpv4();
  }

  @Override
  public Optional<Ipv6Address> linkLocal() {
    return capture.linkLocal();
  }

  @Override
  public void close() {
    seal();
    injector.close();
    capture.close();
  }
}
