package org.carpsim.scenario.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.scenario.run.StateChange;

/**
 * The masters of one vhid on one segment over a run, as stretches of constant mastership: the same
 * reading of the state changes as {@code expect always one-master} and {@code expect failover}.
 */
public final class MasterStretches {

  /**
   * A stretch of time with the same masters.
   *
   * @param from start, ns
   * @param to end, ns (exclusive)
   * @param masters {@code host.iface} of every master, sorted
   */
  public record Stretch(long from, long to, List<String> masters) {
    public long length() {
      return to - from;
    }
  }

  /** One vhid on one segment. */
  public record Key(String segment, int vhid) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = segment.compareTo(o.segment);
      return c != 0 ? c : Integer.compare(vhid, o.vhid);
    }
  }

  private MasterStretches() {}

  /** Every (segment, vhid) the changes mention (vhosts without a segment left out), sorted. */
  public static List<Key> keys(List<StateChange> changes) {
    TreeSet<Key> keys = new TreeSet<>();
    for (StateChange c : changes) {
      if (!c.segment().isEmpty()) {
        keys.add(new Key(c.segment(), c.vhid()));
      }
    }
    return List.copyOf(keys);
  }

  /** The stretches of {@code key} from 0 to {@code end}; changes at one instant are taken together. */
  public static List<Stretch> of(List<StateChange> changes, Key key, long end) {
    Map<String, CarpState> state = new TreeMap<>();
    List<Stretch> out = new ArrayList<>();
    long since = 0;
    for (StateChange c : changes) {
      if (c.vhid() != key.vhid() || !c.segment().equals(key.segment())) {
        continue;
      }
      if (c.timeNanos() > end) {
        break;
      }
      if (c.timeNanos() > since) {
        out.add(new Stretch(since, c.timeNanos(), masters(state)));
        since = c.timeNanos();
      }
      state.put(c.qualifiedIface(), c.to());
    }
    if (end > since) {
      out.add(new Stretch(since, end, masters(state)));
    }
    return out;
  }

  private static List<String> masters(Map<String, CarpState> state) {
    return state.entrySet().stream().filter(e -> e.getValue() == CarpState.MASTER).map(Map.Entry::getKey).toList();
  }
}
