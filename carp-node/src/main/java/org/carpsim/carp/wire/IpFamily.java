package org.carpsim.carp.wire;

/** The IP version an advertisement came over; it picks ipackets or ipackets6. */
public enum IpFamily {
  IPV4,
  IPV6
}
