package org.carpsim.carp.node;

import org.carpsim.carp.profile.Balancing;

/**
 * {@code carp_hash} of OpenBSD 1.137…1.270 and NetBSD (carp-protocol.md §7.2), as the node's ARP and
 * neighbour-discovery code calls it. The rule itself lives in {@link Balancing#carpHash} so that
 * {@code carpsim balance} computes shares with the very same code.
 */
final class CarpHash {

  private CarpHash() {}

  /**
   * The hash of a 6-byte MAC.
   *
   * @param hashKey {@code {sc_hashkey[0], sc_hashkey[1]}} ({@code CarpHmac.balancingHashKey})
   * @param key the 20-byte CARP key (only bytes 0..3 are used)
   * @param mac the sender MAC in its low 48 bits
   * @return {@code c} after the mix, as an unsigned value in an int
   */
  static int hash(int[] hashKey, byte[] key, long mac) {
    return Balancing.carpHash(hashKey, key, mac);
  }

  /** {@code hash % count} as the kernels compute it (unsigned). */
  static int index(int hash, int count) {
    return Balancing.carpHashIndex(hash, count);
  }
}
