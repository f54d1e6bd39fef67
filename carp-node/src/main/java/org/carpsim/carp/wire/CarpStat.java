package org.carpsim.carp.wire;

import java.util.Locale;

/**
 * The sixteen counters of {@code struct carpstats}, in the kernels' order (carp-protocol.md §9.1).
 * {@link #counterName()} is the name scenarios use ({@code expect stat fw2.carp0 badauth >= 1}).
 */
public enum CarpStat {
  /** IPv4 advertisements received. */
  IPACKETS,
  /** IPv6 advertisements received. */
  IPACKETS6,
  /** Received on the wrong interface. */
  BADIF,
  /** TTL / hop limit not 255. */
  BADTTL,
  /** Shorter than the header: an mbuf pull-up failure; never caused by the bytes themselves. */
  HDROPS,
  /** CARP checksum wrong. */
  BADSUM,
  /** Version not 2. */
  BADVER,
  /** Shorter than IP header + 36 bytes. */
  BADLEN,
  /** HMAC wrong (OpenBSD: also our own replay cookie on a SIMPLEX parent). */
  BADAUTH,
  /** No virtual host with that vhid, or not running. */
  BADVHID,
  /** Declared but never incremented by any implementation read. */
  BADADDRS,
  /** IPv4 advertisements sent. */
  OPACKETS,
  /** IPv6 advertisements sent. */
  OPACKETS6,
  /** Send failed for lack of buffers. */
  ONOMEM,
  /** Declared but never incremented. */
  OSTATES,
  /** Transitions to MASTER (OpenBSD ≥ 2015). */
  PREEMPT;

  /** "badttl", as in scenarios and {@code netstat}-style reports. */
  public String counterName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** "carps_badttl", the field of {@code struct carpstats}. */
  public String kernelName() {
    return "carps_" + counterName();
  }
}
