package org.carpsim.carp.wire;

import org.carpsim.carp.net.MacAddress;

/**
 * An Ethernet II header, optionally with one 802.1Q tag.
 *
 * @param destination destination MAC
 * @param source source MAC
 * @param vlan the 802.1Q tag, or {@code null} for an untagged frame
 * @param etherType the EtherType of the payload (behind the tag when there is one)
 */
public record EthernetHeader(MacAddress destination, MacAddress source, VlanTag vlan, int etherType) {

  /** Bytes of an untagged header. */
  public static final int LENGTH = 14;
  /** Bytes of a tagged header. */
  public static final int TAGGED_LENGTH = 18;

  public EthernetHeader {
    Check.notNull("destination", destination);
    Check.notNull("source", source);
    Check.u16("EtherType", etherType);
  }

  /** An untagged header. */
  public static EthernetHeader of(MacAddress destination, MacAddress source, int etherType) {
    return new EthernetHeader(destination, source, null, etherType);
  }

  public boolean isTagged() {
    return vlan != null;
  }

  public int length() {
    return vlan == null ? LENGTH : TAGGED_LENGTH;
  }

  /** Writes the header; returns the offset after it. */
  public int writeTo(byte[] out, int offset) {
    destination.write(out, offset);
    source.write(out, offset + 6);
    int p = offset + 12;
    if (vlan != null) {
      Bytes.put16(out, p, EtherType.VLAN);
      Bytes.put16(out, p + 2, vlan.tci());
      p += 4;
    }
    Bytes.put16(out, p, etherType);
    return p + 2;
  }
}
