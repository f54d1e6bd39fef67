package org.carpsim.sim.pcap;

/** The container format of a capture file. */
public enum CaptureFileFormat {
  /** Classic libpcap file with microsecond timestamps (magic a1b2c3d4). */
  PCAP_MICROSECONDS,
  /** Classic libpcap file with nanosecond timestamps (magic a1b23c4d). */
  PCAP_NANOSECONDS,
  /** pcapng: sections, interfaces with their own link types and timestamp resolutions. */
  PCAPNG
}
