package org.carpsim.carp.wire;

/** EtherType values carpsim decodes. */
public final class EtherType {
  public static final int IPV4 = 0x0800;
  public static final int ARP = 0x0806;
  /** IEEE 802.1Q tag protocol identifier. */
  public static final int VLAN = 0x8100;
  public static final int IPV6 = 0x86dd;

  private EtherType() {}
}
