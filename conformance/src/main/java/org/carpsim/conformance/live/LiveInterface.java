package org.carpsim.conformance.live;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;
import org.pcap4j.util.LinkLayerAddress;

/**
 * One named Ethernet interface opened with pcap4j for capture and raw injection: immediate mode
 * (frames are handed over as they arrive, not per read timeout), nanosecond timestamps where the
 * NIC allows them, a BPF filter, and a receive loop on its own thread.
 *
 * <p>Only a named interface is ever opened: Linux's {@code any} device delivers cooked frames
 * without the Ethernet header and cannot send, so it is refused.
 *
 * <pre>{@code
 * try (LiveInterface eth = LiveInterface.open("eth0", CaptureOptions.DEFAULT)) {
 *   eth.startReceiving(frame -> System.out.println(frame.epochNanos()));
 *   eth.send(bytes);
 * }
 * }</pre>
 */
public final class LiveInterface implements AutoCloseable {

  private final String name;
  private final MacAddress mac;
  private final List<Ipv4InterfaceAddress> ipv4;
  private final List<Ipv6InterfaceAddress> ipv6;
  private final PcapHandle handle;
  private final boolean nanosecond;
  private final int readTimeoutMillis;
  private volatile boolean running;
  private Thread receiver;

  /** An IPv4 address of the interface with its prefix length. */
  public record Ipv4InterfaceAddress(Ipv4Address address, int prefixLength) {}

  /** An IPv6 address of the interface with its prefix length (link-local ones without the scope). */
  public record Ipv6InterfaceAddress(Ipv6Address address, int prefixLength) {}

  private LiveInterface(String name, MacAddress mac, List<Ipv4InterfaceAddress> ipv4, List<Ipv6InterfaceAddress> ipv6,
      PcapHandle handle, boolean nanosecond, int readTimeoutMillis) {
    this.name = name;
    this.mac = mac;
    this.ipv4 = List.copyOf(ipv4);
    this.ipv6 = List.copyOf(ipv6);
    this.handle = handle;
    this.nanosecond = nanosecond;
    this.readTimeoutMillis = readTimeoutMillis;
  }

  /** Why the 'any' device is never used, for every command that takes an interface. */
  private static final String ANY_REFUSED =
      "it gives Linux cooked frames without Ethernet headers and cannot send; name one interface, e.g. eth0";

  /** Refuses {@code --iface any} before anything is opened (dry runs open nothing at all). */
  public static void requireNamed(String iface) {
    if (iface.equals("any")) {
      throw new IllegalArgumentException("--iface any is refused: " + ANY_REFUSED);
    }
  }

  /**
   * Opens interface {@code name} (in the calling thread's network namespace).
   *
   * @throws LiveIoException with a message saying what to do: libpcap missing, no permission, no
   *     such interface (listing the ones there are), the {@code any} device, a bad filter
   */
  public static LiveInterface open(String name, CaptureOptions options) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(options, "options");
    if (name.equals("any")) {
      throw new LiveIoException("refusing the 'any' device: " + ANY_REFUSED);
    }
    PcapNetworkInterface nif = find(name);
    MacAddress mac = macOf(nif);
    List<Ipv4InterfaceAddress> v4 = new ArrayList<>();
    for (PcapAddress a : nif.getAddresses()) {
      if (a.getAddress() instanceof Inet4Address addr) {
        int len = a.getNetmask() == null ? 32 : prefixLength(a.getNetmask().getAddress());
        v4.add(new Ipv4InterfaceAddress(Ipv4Address.read(addr.getAddress(), 0), len));
      }
    }
    List<Ipv6InterfaceAddress> v6 = new ArrayList<>();
    for (PcapAddress a : nif.getAddresses()) {
      if (a.getAddress() instanceof Inet6Address addr) {
        int len = a.getNetmask() == null ? 128 : prefixLength(a.getNetmask().getAddress());
        v6.add(new Ipv6InterfaceAddress(Ipv6Address.read(addr.getAddress(), 0), len));
      }
    }
    boolean nano = true;
    PcapHandle h;
    try {
      h = build(name, options, PcapHandle.TimestampPrecision.NANO);
    } catch (PcapNativeException e) {
      if (!mentionsPrecision(e)) {
        throw openError(name, e);
      }
      nano = false;
      try {
        h = build(name, options, PcapHandle.TimestampPrecision.MICRO);
      } catch (PcapNativeException e2) {
        throw openError(name, e2);
      }
    }
    try {
      if (options.inboundOnly()) {
        h.setDirection(PcapHandle.PcapDirection.IN);
      }
      if (!options.filter().isEmpty()) {
        h.setFilter(options.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
      }
    } catch (PcapNativeException | NotOpenException e) {
      h.close();
      throw new LiveIoException(name + ": cannot set filter '" + options.filter() + "' or direction: " + e.getMessage());
    }
    return new LiveInterface(name, mac, v4, v6, h, nano, options.readTimeoutMillis());
  }

  private static PcapHandle build(String name, CaptureOptions o, PcapHandle.TimestampPrecision p) throws PcapNativeException {
    PcapHandle.Builder b = new PcapHandle.Builder(name);
    if (o.bufferBytes() > 0) {
      b.bufferSize(o.bufferBytes());
    }
    return b
        .snaplen(o.snaplen())
        .promiscuousMode(PcapNetworkInterface.PromiscuousMode.PROMISCUOUS)
        .immediateMode(true)
        .timeoutMillis(o.readTimeoutMillis())
        .timestampPrecision(p)
        .build();
  }

  private static boolean mentionsPrecision(PcapNativeException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return m.contains("precision") || m.contains("tstamp");
  }

  private static PcapNetworkInterface find(String name) {
    List<PcapNetworkInterface> all;
    try {
      all = Pcaps.findAllDevs();
    } catch (PcapNativeException e) {
      throw new LiveIoException("cannot list network interfaces: " + e.getMessage());
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new LiveIoException("libpcap is not installed or cannot be loaded (" + e.getMessage()
          + "); install it with: apt-get install libpcap0.8");
    }
    List<String> names = new ArrayList<>();
    for (PcapNetworkInterface n : all) {
      if (n.getName().equals(name)) {
        return n;
      }
      names.add(n.getName());
    }
    names.remove("any");
    throw new LiveIoException("no interface '" + name + "'; interfaces here: " + String.join(", ", names));
  }

  private static MacAddress macOf(PcapNetworkInterface nif) {
    for (LinkLayerAddress l : nif.getLinkLayerAddresses()) {
      byte[] b = l.getAddress();
      if (b.length == 6) {
        return MacAddress.read(b, 0);
      }
    }
    throw new LiveIoException(nif.getName() + " has no Ethernet address (loopback or a tunnel?); CARP needs an Ethernet NIC");
  }

  private static int prefixLength(byte[] mask) {
    int n = 0;
    for (byte b : mask) {
      n += Integer.bitCount(b & 0xff);
    }
    return n;
  }

  private static LiveIoException openError(String name, PcapNativeException e) {
    String m = String.valueOf(e.getMessage());
    String lower = m.toLowerCase(Locale.ROOT);
    if (lower.contains("permission") || lower.contains("not permitted")) {
      return new LiveIoException("no permission to capture on " + name + " (" + m + "); run as root or grant the JVM "
          + "the capabilities: setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))");
    }
    if (lower.contains("no such device")) {
      return new LiveIoException("no interface '" + name + "' (" + m + ")");
    }
    return new LiveIoException("cannot open " + name + ": " + m);
  }

  /** The interface name. */
  public String name() {
    return name;
  }

  /** The interface's own Ethernet address. */
  public MacAddress mac() {
    return mac;
  }

  /** Its IPv4 addresses, as the OS reports them. */
  public List<Ipv4InterfaceAddress> ipv4Addresses() {
    return ipv4;
  }

  /** The first IPv4 address, if any. */
  public Optional<Ipv4InterfaceAddress> firstIpv4() {
    return ipv4.isEmpty() ? Optional.empty() : Optional.of(ipv4.get(0));
  }

  /** Its IPv6 addresses, as the OS reports them (empty when IPv6 is off). */
  public List<Ipv6InterfaceAddress> ipv6Addresses() {
    return ipv6;
  }

  /**
   * The interface's IPv6 link-local address: the one the OS reports, else the EUI-64 one of its MAC
   * (what Linux and the BSDs attach), empty when the OS reports no IPv6 address at all (IPv6 off).
   */
  public Optional<Ipv6Address> linkLocal() {
    for (Ipv6InterfaceAddress a : ipv6) {
      if (a.address().isLinkLocal()) {
        return Optional.of(a.address());
      }
    }
    return ipv6.isEmpty() ? Optional.empty() : Optional.of(eui64LinkLocal(mac));
  }

  /** fe80:: with the EUI-64 interface id of {@code mac} (U/L bit flipped, ff:fe in the middle). */
  public static Ipv6Address eui64LinkLocal(MacAddress mac) {
    long m = mac.value();
    long oui = (m >>> 24) ^ 0x020000L;
    long iid = oui << 40 | 0xfffeL << 24 | (m & 0xffffffL);
    return new Ipv6Address(0xfe80_0000_0000_0000L, iid);
  }

  /** True with nanosecond timestamps, false when the NIC only gives microseconds. */
  public boolean nanosecondTimestamps() {
    return nanosecond;
  }

  /**
   * Starts the receive loop on its own daemon thread; every frame that passes the filter goes to
   * {@code consumer} on that thread, in capture order.
   *
   * @throws IllegalStateException if already receiving
   */
  public synchronized void startReceiving(Consumer<LiveFrame> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    if (receiver != null) {
      throw new IllegalStateException(name + " is already receiving");
    }
    running = true;
    receiver = new Thread(() -> receiveLoop(consumer), "pcap-rx-" + name);
    receiver.setDaemon(true);
    receiver.start();
  }

  private void receiveLoop(Consumer<LiveFrame> consumer) {
    // pcap_loop, not pcap_next: in immediate mode the read timeout does not wake a blocked read,
    // while pcap_breakloop (libpcap >= 1.10 on Linux) does, so close() never waits for traffic.
    RawPacketListener listener = frame -> {
      Timestamp ts = handle.getTimestamp(); // set per thread for the frame being delivered
      long epochNanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
      consumer.accept(new LiveFrame(epochNanos, frame));
    };
    try {
      handle.loop(-1, listener);
    } catch (InterruptedException e) {
      // breakLoop() from close(): the normal way out
    } catch (PcapNativeException | NotOpenException e) {
      if (running) {
        System.err.println("carpsim: capture on " + name + " stopped: " + e.getMessage());
      }
    }
  }

  /**
   * Injects one complete Ethernet frame as is.
   *
   * @throws LiveIoException if the NIC refuses it (down, too long, closed)
   */
  public void send(byte[] frame) {
    try {
      handle.sendPacket(frame, frame.length);
    } catch (PcapNativeException | NotOpenException e) {
      throw new LiveIoException(name + ": cannot send a " + frame.length + "-byte frame: " + e.getMessage());
    }
  }

  /**
   * Frames the kernel dropped before this capture read them (libpcap's ps_drop: the ring was
   * full), or -1 when the handle is closed or libpcap cannot say.
   */
  public long captureDropped() {
    try {
      return handle.getStats().getNumPacketsDropped();
    } catch (PcapNativeException | NotOpenException | UnsupportedOperationException e) {
      return -1;
    }
  }

  /** Stops the receive loop (waiting up to a read timeout for it) and closes the handle. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      if (!handle.isOpen()) {
        return;
      }
      running = false;
      t = receiver;
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        handle.breakLoop();
      } catch (NotOpenException e) {
        return;
      }
      try {
        t.join(readTimeoutMillis * 4L + 2000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        // The loop did not wake (an old libpcap): closing now would block on pcap4j's lock.
        System.err.println("carpsim: capture thread on " + name + " did not stop; leaving its handle open");
        return;
      }
    }
    handle.close();
  }

  @Override
  public String toString() {
    return "LiveInterface[" + name + " " + mac + (nanosecond ? " ns" : " µs") + "]";
  }
}
