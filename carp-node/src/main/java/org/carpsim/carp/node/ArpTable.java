package org.carpsim.carp.node;

/**
 * A NIC's ARP cache: IPv4 address to MAC, in flat arrays (open addressing, linear probing). Every
 * ARP packet on a segment consults the cache of every host there, so a lookup must not chase a
 * boxed key, a map node and a MAC object through memory: here it reads one int and one long,
 * usually from one cache line. The table holds at most {@code limit} entries, as a kernel bounds
 * its own: past it the oldest entry goes (a flood of requests from made-up senders must not grow a
 * long-running live node for ever). Entries leave only that way (the kernels' timeouts are not
 * modelled), so the order they came in is a ring of addresses.
 */
final class ArpTable {

  /** Marks a used slot: a MAC has 48 bits, so bit 63 is free. */
  private static final long USED = Long.MIN_VALUE;

  private final int limit;
  private int[] addresses = new int[16];
  private long[] macs = new long[16];
  private int size;
  // the addresses in the order they came in: the oldest at head
  private int[] arrivals;
  private int head;

  ArpTable(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit " + limit + ": expected at least 1");
    }
    this.limit = limit;
    this.arrivals = new int[Math.min(8, limit)];
  }

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

  /** Learns (or changes) the MAC of {@code address}; a new address past the limit pushes the oldest out. */
  void put(int address, long mac) {
    int mask = addresses.length - 1;
    int i = slot(address, mask);
    for (; macs[i] != 0; i = (i + 1) & mask) {
      if (addresses[i] == address) {
        macs[i] = mac | USED; // a changed entry keeps its age, as the kernels' does
        return;
      }
    }
    if (size == limit) {
      remove(arrivals[head]);
      arrivals[head] = address;
      head = (head + 1) % limit;
    } else {
      if (size == arrivals.length) {
        growArrivals();
      }
      arrivals[(head + size) % arrivals.length] = address;
    }
    if (2 * (size + 1) > addresses.length) {
      growTable();
    }
    insert(address, mac);
  }

  int size() {
    return size;
  }

  private void insert(int address, long mac) {
    int mask = addresses.length - 1;
    int i = slot(address, mask);
    while (macs[i] != 0) {
      i = (i + 1) & mask;
    }
    addresses[i] = address;
    macs[i] = mac | USED;
    size++;
  }

  /** Removes {@code address}, shifting back the entries after it that probed past its slot. */
  private void remove(int address) {
    int mask = addresses.length - 1;
    int i = slot(address, mask);
    while (addresses[i] != address || macs[i] == 0) {
      i = (i + 1) & mask;
    }
    for (int j = (i + 1) & mask; macs[j] != 0; j = (j + 1) & mask) {
      int home = slot(addresses[j], mask);
      boolean staysPut = i <= j ? i < home && home <= j : i < home || home <= j;
      if (!staysPut) {
        addresses[i] = addresses[j];
        macs[i] = macs[j];
        i = j;
      }
    }
    macs[i] = 0;
    size--;
  }

  private void growTable() {
    int[] oldAddresses = addresses;
    long[] oldMacs = macs;
    addresses = new int[oldAddresses.length * 2];
    macs = new long[oldMacs.length * 2];
    size = 0;
    for (int i = 0; i < oldMacs.length; i++) {
      if (oldMacs[i] != 0) {
        insert(oldAddresses[i], oldMacs[i] & ~USED);
      }
    }
  }

  private void growArrivals() {
    int[] grown = new int[Math.min(limit, arrivals.length * 2)];
    for (int k = 0; k < size; k++) {
      grown[k] = arrivals[(head + k) % arrivals.length];
    }
    arrivals = grown;
    head = 0;
  }

  private static int slot(int address, int mask) {
    return (address * 0x9E3779B9 >>> 16) & mask;
  }
}
