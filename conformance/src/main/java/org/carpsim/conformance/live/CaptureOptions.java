package org.carpsim.conformance.live;

import java.util.Objects;

/**
 * How a live interface is opened.
 *
 * @param snaplen bytes kept of each frame
 * @param filter the BPF filter expression (empty: everything)
 * @param inboundOnly capture only frames arriving from the wire, not our own transmissions (what a
 *     host with a simplex NIC sees); a tester that wants to timestamp its own injections sets false
 * @param readTimeoutMillis how long one read waits before the receive loop checks whether to stop
 */
public record CaptureOptions(int snaplen, String filter, boolean inboundOnly, int readTimeoutMillis, int bufferBytes) {

  /** CARP (IPv4 protocol 112), ARP, and ICMPv6 (CARP over IPv6 and neighbour discovery). */
  public static final String DEFAULT_FILTER = "ip proto 112 or ip6 proto 112 or arp or icmp6";

  /** snaplen 65535, the CARP filter, inbound only, 50 ms reads. */
  public static final CaptureOptions DEFAULT = new CaptureOptions(65535, DEFAULT_FILTER, true, 50);

  /**
   * What a long-running node captures with: whole Ethernet frames (2048 bytes covers any
   * non-jumbo one, and CARP, ARP and ND frames are far shorter) in a 16 MB ring, so a flood of
   * 10 k frames/s is buffered for most of a second while the JVM collects or the CPU is busy;
   * libpcap's default 2 MB ring holds only about 30 frames of 65535 bytes in immediate mode.
   */
  public static final CaptureOptions DAEMON = new CaptureOptions(2048, DEFAULT_FILTER, true, 50, 16 << 20);

  /** Options with libpcap's default ring size. */
  public CaptureOptions(int snaplen, String filter, boolean inboundOnly, int readTimeoutMillis) {
    this(snaplen, filter, inboundOnly, readTimeoutMillis, 0);
  }

  public CaptureOptions {
    Objects.requireNonNull(filter, "filter");
    if (snaplen < 64 || snaplen > 262144) {
      throw new IllegalArgumentException("snaplen " + snaplen + " is out of range 64..262144");
    }
    if (readTimeoutMillis < 1 || readTimeoutMillis > 1000) {
      throw new IllegalArgumentException("read timeout " + readTimeoutMillis + " ms is out of range 1..1000");
    }
    if (bufferBytes < 0) {
      throw new IllegalArgumentException("capture buffer " + bufferBytes + " bytes is negative (0: libpcap's default)");
    }
  }

  /** The same options with another BPF filter. */
  public CaptureOptions withFilter(String newFilter) {
    return new CaptureOptions(snaplen, newFilter, inboundOnly, readTimeoutMillis, bufferBytes);
  }

  /** The same options, also capturing our own transmissions when {@code false}. */
  public CaptureOptions withInboundOnly(boolean on) {
    return new CaptureOptions(snaplen, filter, on, readTimeoutMillis, bufferBytes);
  }
}
