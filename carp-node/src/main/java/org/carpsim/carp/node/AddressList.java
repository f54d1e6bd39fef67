package org.carpsim.carp.node;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;

/**
 * The IPv4 and IPv6 addresses of one interface, in the order they were added (the order the kernels
 * walk {@code if_addrlist}). FreeBSD tags an address with the vhid it belongs to ({@code ifa_carp});
 * 0 means the interface's own address.
 */
final class AddressList {

  /** One IPv4 address; {@code order} is host-wide (the global address list order NetBSD's ARP walks). */
  record V4(Ipv4Address address, int prefix, Ipv4Address broadcast, int vhid, long order) {
    int mask() {
      return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    boolean contains(Ipv4Address other) {
      return address.sameSubnet(other, prefix);
    }
  }

  /** One IPv6 address. */
  record V6(Ipv6Address address, int prefix, int vhid, long order) {
    boolean contains(Ipv6Address other) {
      return samePrefix(address, other, prefix);
    }
  }

  final List<V4> v4 = new ArrayList<>(2);
  final List<V6> v6 = new ArrayList<>(1);

  AddressList copy() {
    AddressList c = new AddressList();
    c.v4.addAll(v4);
    c.v6.addAll(v6);
    return c;
  }

  boolean isEmpty() {
    return v4.isEmpty() && v6.isEmpty();
  }

  int indexOf(Ipv4Address a) {
    for (int i = 0; i < v4.size(); i++) {
      if (v4.get(i).address().equals(a)) {
        return i;
      }
    }
    return -1;
  }

  int indexOf(Ipv6Address a) {
    for (int i = 0; i < v6.size(); i++) {
      if (v6.get(i).address().equals(a)) {
        return i;
      }
    }
    return -1;
  }

  boolean hasV4(int value) {
    for (int i = 0; i < v4.size(); i++) {
      if (v4.get(i).address().value() == value) {
        return true;
      }
    }
    return false;
  }

  List<Ipv4Address> v4Addresses(int vhid) {
    List<Ipv4Address> out = new ArrayList<>(v4.size());
    for (V4 a : v4) {
      if (vhid < 0 || a.vhid() == vhid) {
        out.add(a.address());
      }
    }
    return out;
  }

  List<Ipv6Address> v6Addresses(int vhid) {
    List<Ipv6Address> out = new ArrayList<>(v6.size());
    for (V6 a : v6) {
      if (vhid < 0 || a.vhid() == vhid) {
        out.add(a.address());
      }
    }
    return out;
  }

  static boolean samePrefix(Ipv6Address a, Ipv6Address b, int prefix) {
    if (prefix <= 0) {
      return true;
    }
    if (prefix <= 64) {
      long m = prefix == 64 ? -1L : ~(-1L >>> prefix);
      return (a.hi() & m) == (b.hi() & m);
    }
    long m = prefix == 128 ? -1L : ~(-1L >>> (prefix - 64));
    return a.hi() == b.hi() && (a.lo() & m) == (b.lo() & m);
  }
}
