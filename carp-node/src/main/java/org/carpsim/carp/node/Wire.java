package org.carpsim.carp.node;

/** The constants of the receive path; the byte helpers are {@link org.carpsim.carp.wire.Bytes}'. */
final class Wire {

  static final int ETHERTYPE_IPV4 = 0x0800;
  static final int ETHERTYPE_ARP = 0x0806;
  static final int ETHERTYPE_IPV6 = 0x86dd;
  static final int ETHERTYPE_VLAN = 0x8100;
  static final int PROTO_CARP = 112;
  static final int PROTO_ICMPV6 = 58;
  static final long BROADCAST_MAC = 0xffff_ffff_ffffL;

  private Wire() {}
}
