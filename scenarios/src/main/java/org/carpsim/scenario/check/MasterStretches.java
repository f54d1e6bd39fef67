package org.carpsim.scenario.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.sim.history.Timed;

/**
 * The masters of one vhid on one segment over a run, as stretches of constant mastership: the one
 * reading of the state changes behind {@code one-master}, {@code max-masters}, {@code failover},
 * the sweeps' failover and split-brain figures, and explore's invariants. Changes at one instant are
 * taken together: a handover at one nanosecond is no stretch without a master.
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

    @Override
    public String toString() {
      return segment + " vhid " + vhid;
    }
  }

  /**
   * How a window went against a bound on the number of masters at once.
   *
   * @param first the first stretch with more masters than the bound, or null
   * @param overNanos the time with more masters than the bound
   * @param noneNanos the time without a master
   * @param most the most masters at once
   */
  public record Count(Stretch first, long overNanos, long noneNanos, int most) {}

  private MasterStretches() {}

  /** The masters of {@code key} over {@code [from, to)} counted against {@code limit}. */
  public static Count count(RunView run, Key key, long from, long to, int limit) {
    Stretch first = null;
    long over = 0;
    long none = 0;
    int most = 0;
    for (Stretch s : of(run, key, from, to)) {
      int n = s.masters().size();
      most = Math.max(most, n);
      none += n == 0 ? s.length() : 0;
      if (n > limit) {
        over += s.length();
        first = first == null ? s : first;
      }
    }
    return new Count(first, over, none, most);
  }

  /** The stretches of {@code key} over the whole run. */
  public static List<Stretch> of(RunView run, Key key) {
    return of(run, key, 0, run.end());
  }

  /**
   * The stretches of {@code key} over {@code [from, to)}; states set by changes up to and including
   * {@code from} hold from {@code from}.
   */
  public static List<Stretch> of(RunView run, Key key, long from, long to) {
    Map<String, CarpState> state = new TreeMap<>();
    List<Stretch> out = new ArrayList<>();
    long since = from;
    for (Timed<StateChanged> c : run.changesOf(key)) {
      if (c.time() > from) {
        if (c.time() > to) {
          break;
        }
        if (c.time() > since) {
          out.add(new Stretch(since, c.time(), masters(state)));
          since = c.time();
        }
      }
      state.put(c.event().qualifiedIface(), c.event().to());
    }
    if (to > since) {
      out.add(new Stretch(since, to, masters(state)));
    }
    return out;
  }

  /** Each vhost's state just before {@code t} ({@code host.iface} → state, sorted). */
  public static Map<String, CarpState> statesBefore(RunView run, Key key, long t) {
    Map<String, CarpState> state = new TreeMap<>();
    for (Timed<StateChanged> c : run.changesOf(key)) {
      if (c.time() >= t) {
        break;
      }
      state.put(c.event().qualifiedIface(), c.event().to());
    }
    return state;
  }

  private static List<String> masters(Map<String, CarpState> state) {
    return state.entrySet().stream().filter(e -> e.getValue() == CarpState.MASTER).map(Map.Entry::getKey).toList();
  }
}
