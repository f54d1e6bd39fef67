package org.carpsim.carp.wire;

/** IP protocol / IPv6 next-header numbers carpsim decodes. */
public final class IpProtocol {
  public static final int HOP_BY_HOP = 0;
  public static final int ROUTING = 43;
  public static final int FRAGMENT = 44;
  public static final int AUTHENTICATION = 51;
  public static final int ICMPV6 = 58;
  public static final int NO_NEXT_HEADER = 59;
  public static final int DESTINATION_OPTIONS = 60;
  /** IANA's VRRP number, which CARP shares (§1.1). */
  public static final int CARP = 112;

  private IpProtocol() {}
}
