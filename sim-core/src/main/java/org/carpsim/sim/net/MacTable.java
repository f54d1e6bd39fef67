package org.carpsim.sim.net;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.sim.random.RandomStreams;

/**
 * A learning switch's forwarding table for one side of a segment: MAC to port with the time the
 * MAC was last seen as a source. Open addressing over primitive arrays, so that learning and lookup
 * on the frame path allocate nothing. Entries are never removed, only overwritten or marked
 * forgotten (port -1); a table only ever holds the MACs seen on its segment.
 */
final class MacTable {

  private static final long EMPTY = -1L;

  private long[] macs;
  private int[] ports;
  private long[] lastSeen;
  private int used;

  MacTable() {
    allocate(16);
  }

  /**
   * Records that {@code mac} was seen as a source on {@code port} at {@code now}.
   *
   * @return whether the MAC moved: it was known on another port (what a switch logs as a MAC flap)
   */
  boolean learn(long mac, int port, long now) {
    int i = find(mac);
    boolean known = macs[i] != EMPTY;
    if (!known) {
      macs[i] = mac;
      used++;
    }
    boolean moved = known && ports[i] >= 0 && ports[i] != port;
    ports[i] = port;
    lastSeen[i] = now;
    if (used * 2 > macs.length) {
      rehash(macs.length * 2);
    }
    return moved;
  }

  /** The port of {@code mac}, or -1 if unknown, forgotten or aged out (last seen at or before now - aging). */
  int lookup(long mac, long now, long aging) {
    int i = find(mac);
    if (macs[i] == EMPTY || ports[i] < 0 || now - lastSeen[i] >= aging) {
      return -1;
    }
    return ports[i];
  }

  /** The time {@code mac} was last seen, or -1 if it is not in the table. */
  long lastSeen(long mac) {
    int i = find(mac);
    return macs[i] == EMPTY || ports[i] < 0 ? -1 : lastSeen[i];
  }

  /** Forgets every MAC learned on {@code port} (its link went down). */
  void forgetPort(int port) {
    for (int i = 0; i < macs.length; i++) {
      if (macs[i] != EMPTY && ports[i] == port) {
        ports[i] = -1;
      }
    }
  }

  /** Copies into {@code target} the entries whose port {@code keep} accepts; newer entries win. */
  void copyInto(MacTable target, java.util.function.IntPredicate keep) {
    for (int i = 0; i < macs.length; i++) {
      if (macs[i] != EMPTY && ports[i] >= 0 && keep.test(ports[i])) {
        long seenAt = target.lastSeen(macs[i]);
        if (seenAt < lastSeen[i]) {
          target.learn(macs[i], ports[i], lastSeen[i]);
        }
      }
    }
  }

  /** The live entries as {mac, port, lastSeen} triples, for inspection. */
  List<long[]> entries() {
    List<long[]> result = new ArrayList<>();
    for (int i = 0; i < macs.length; i++) {
      if (macs[i] != EMPTY && ports[i] >= 0) {
        result.add(new long[] {macs[i], ports[i], lastSeen[i]});
      }
    }
    return result;
  }

  private int find(long mac) {
    int mask = macs.length - 1;
    int i = (int) RandomStreams.mix64(mac) & mask;
    while (macs[i] != EMPTY && macs[i] != mac) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void allocate(int capacity) {
    macs = new long[capacity];
    java.util.Arrays.fill(macs, EMPTY);
    ports = new int[capacity];
    lastSeen = new long[capacity];
    used = 0;
  }

  private void rehash(int capacity) {
    long[] oldMacs = macs;
    int[] oldPorts = ports;
    long[] oldSeen = lastSeen;
    allocate(capacity);
    for (int i = 0; i < oldMacs.length; i++) {
      if (oldMacs[i] != EMPTY) {
        int j = find(oldMacs[i]);
        macs[j] = oldMacs[i];
        ports[j] = oldPorts[i];
        lastSeen[j] = oldSeen[i];
        used++;
      }
    }
  }
}
