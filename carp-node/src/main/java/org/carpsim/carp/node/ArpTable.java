package org.carpsim.carp.node;

/**
 * A NIC's ARP cache: IPv4 address to MAC, in two flat arrays (open addressing, linear probing).
 * Every ARP packet on a segment consults the cache of every host there, so a lookup must not chase
 * a boxed key, a map node and a MAC object through memory: here it reads one int and one long,
 * usually from one cache line. Entries are never removed (the kernels' timeouts are not modelled).
 */
final class ArpTable {

  /** Marks a used slot: a MAC has 48 bits, so bit 63 is free. */
  private static final long USED = Long.MIN_VALUE;

  private int[] addresses = new int[16];
  private long[] macs = new long[16];
  private int size;

  /** The MAC learned for {@code address}, or -1 when there is none. */
  long get(int address) {
    int mask = addresses.length - 1;
    for (int i = slot(address, mask); ; i = (i + 1) & mask) {
      long m = macs[i];
      if (m == 0) {
        return -1;
      }
      if (addresses[i] == address) {
        return m & ~USED;
      }
    }
  }

  /** Learns (or changes) the MAC of {@code address}. */
  void put(int address, long mac) {
    if (2 * (size + 1) > addresses.length) {
      grow();
    }
    int mask = addresses.length - 1;
    for (int i = slot(address, mask); ; i = (i + 1) & mask) {
      if (macs[i] == 0) {
        addresses[i] = address;
        macs[i] = mac | USED;
        size++;
        return;
      }
      if (addresses[i] == address) {
        macs[i] = mac | USED;
        return;
      }
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    int[] oldAddresses = addresses;
    long[] oldMacs = macs;
    addresses = new int[oldAddresses.length * 2];
    macs = new long[oldMacs.length * 2];
    size = 0;
    for (int i = 0; i < oldMacs.length; i++) {
      if (oldMacs[i] != 0) {
        put(oldAddresses[i], oldMacs[i] & ~USED);
      }
    }
  }

  private static int slot(int address, int mask) {
    return (address * 0x9E3779B9 >>> 16) & mask;
  }
}
