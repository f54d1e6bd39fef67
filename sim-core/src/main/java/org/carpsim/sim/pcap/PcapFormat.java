package org.carpsim.sim.pcap;

/** Constants of the capture file formats carpsim reads and writes (libpcap and pcapng). */
public final class PcapFormat {

  /** Classic pcap magic, microsecond timestamps, as the writer's byte order shows it. */
  public static final int MAGIC_MICROS = 0xa1b2c3d4;
  /** Classic pcap magic, nanosecond timestamps. */
  public static final int MAGIC_NANOS = 0xa1b23c4d;
  /** pcapng section header block type, the same in both byte orders. */
  public static final int PCAPNG_SECTION_HEADER = 0x0a0d0d0a;
  /** pcapng byte-order magic inside the section header. */
  public static final int PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;

  /** LINKTYPE_ETHERNET. */
  public static final int LINKTYPE_ETHERNET = 1;
  /** LINKTYPE_LINUX_SLL, Linux "cooked" capture v1 (what {@code tcpdump -i any} writes). */
  public static final int LINKTYPE_LINUX_SLL = 113;
  /** LINKTYPE_LINUX_SLL2, cooked capture v2. */
  public static final int LINKTYPE_LINUX_SLL2 = 276;

  private PcapFormat() {}
}
