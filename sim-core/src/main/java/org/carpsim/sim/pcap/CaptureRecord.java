package org.carpsim.sim.pcap;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One captured packet as the file holds it.
 *
 * @param number 1-based position of the packet among the packets of the file (all sections)
 * @param timestampNanos capture time in nanoseconds since the Unix epoch, or {@link #NO_TIMESTAMP}
 *     for pcapng simple packet blocks, which carry none
 * @param interfaceId pcapng interface id within its section; 0 for classic pcap
 * @param linkType LINKTYPE_* of the interface ({@link PcapFormat#LINKTYPE_ETHERNET}, ...)
 * @param originalLength length of the packet on the wire; more than {@code data().length} when the
 *     capture was cut by a snap length
 * @param data the captured bytes; the record keeps its own copy, and {@link #data()} hands out a copy
 */
public record CaptureRecord(
    long number, long timestampNanos, int interfaceId, int linkType, int originalLength, byte[] data) {

  /** Marks a packet without a timestamp (pcapng simple packet block). */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  /** EtherType/protocol value of a VLAN tag, skipped by {@link #networkProtocol()}. */
  private static final int ETHERTYPE_VLAN = 0x8100;

  public CaptureRecord {
    data = data.clone();
  }

  /** A copy of the captured bytes. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** Number of captured bytes (without copying them). */
  public int capturedLength() {
    return data.length;
  }

  public boolean hasTimestamp() {
    return timestampNanos != NO_TIMESTAMP;
  }

  /** True when the snap length cut the packet short. */
  public boolean isTruncated() {
    return data.length < originalLength;
  }

  /**
   * The EtherType of the network-layer packet: from the Ethernet header (behind one 802.1Q tag if
   * there is one) or from the Linux cooked header's protocol field; -1 for other link types or
   * when the link-layer header itself is cut short.
   */
  public int networkProtocol() {
    int off = networkHeaderOffset();
    if (off < 0) {
      return -1;
    }
    return linkType == PcapFormat.LINKTYPE_LINUX_SLL2 ? u16(0) : u16(off - 2);
  }

  /** A copy of the network-layer packet (what follows the link-layer header), empty if unknown. */
  public byte[] networkPayload() {
    int off = networkHeaderOffset();
    return off < 0 ? new byte[0] : Arrays.copyOfRange(data, off, data.length);
  }

  /**
   * The packet as an Ethernet II frame: the data itself for Ethernet captures; for Linux cooked
   * captures a 14-byte Ethernet header is made up from the cooked header: destination
   * ff:ff:ff:ff:ff:ff for broadcast packets and 00:00:00:00:00:00 otherwise (cooked captures do not
   * record it), source = the link-layer source address when it is a 6-byte MAC, otherwise zeros,
   * EtherType = the protocol field. Empty for other link types or a cut cooked header.
   */
  public byte[] ethernetView() {
    switch (linkType) {
      case PcapFormat.LINKTYPE_ETHERNET:
        return data.clone();
      case PcapFormat.LINKTYPE_LINUX_SLL:
        if (data.length < 16) {
          return new byte[0];
        }
        return cooked(u16(0), u16(2), u16(4), 6, 14, 16);
      case PcapFormat.LINKTYPE_LINUX_SLL2:
        if (data.length < 20) {
          return new byte[0];
        }
        return cooked(data[10] & 0xff, u16(8), data[11] & 0xff, 12, 0, 20);
      default:
        return new byte[0];
    }
  }

  private byte[] cooked(int packetType, int arphrdType, int addressLength, int addressOffset, int protocolOffset, int headerLength) {
    byte[] frame = new byte[14 + data.length - headerLength];
    if (packetType == 1) { // PACKET_BROADCAST
      Arrays.fill(frame, 0, 6, (byte) 0xff);
    }
    if (arphrdType == 1 && addressLength == 6) { // ARPHRD_ETHER
      System.arraycopy(data, addressOffset, frame, 6, 6);
    }
    frame[12] = data[protocolOffset];
    frame[13] = data[protocolOffset + 1];
    System.arraycopy(data, headerLength, frame, 14, data.length - headerLength);
    return frame;
  }

  /** Offset of the network-layer header in {@link #data}, or -1. */
  private int networkHeaderOffset() {
    switch (linkType) {
      case PcapFormat.LINKTYPE_ETHERNET:
        if (data.length < 14) {
          return -1;
        }
        if (u16(12) == ETHERTYPE_VLAN) {
          return data.length < 18 ? -1 : 18;
        }
        return 14;
      case PcapFormat.LINKTYPE_LINUX_SLL:
        return data.length < 16 ? -1 : 16;
      case PcapFormat.LINKTYPE_LINUX_SLL2:
        return data.length < 20 ? -1 : 20;
      default:
        return -1;
    }
  }

  private int u16(int off) {
    return (data[off] & 0xff) << 8 | (data[off + 1] & 0xff);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CaptureRecord r
        && number == r.number
        && timestampNanos == r.timestampNanos
        && interfaceId == r.interfaceId
        && linkType == r.linkType
        && originalLength == r.originalLength
        && Arrays.equals(data, r.data);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(number) * 31 + Long.hashCode(timestampNanos) * 17 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    String hex = HexFormat.of().formatHex(data, 0, Math.min(data.length, 64));
    return "CaptureRecord[#" + number + ", t=" + (hasTimestamp() ? timestampNanos + "ns" : "none")
        + ", if=" + interfaceId + ", linktype=" + linkType + ", " + data.length + "/" + originalLength
        + " bytes, " + hex + (data.length > 64 ? "..." : "") + "]";
  }
}
