package org.carpsim.conformance.lab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.sim.history.Timed;

/**
 * A live run's state changes beside a simulated run's: the n-th change of a vhost into a state
 * live is paired with the n-th change of the same vhost into the same state simulated, and the
 * difference of their instants says how far reality was from the prediction.
 */
public final class InstantPairs {

  /**
   * One state change, live and simulated.
   *
   * @param vhost {@code host.iface vhid N}
   * @param to the state entered
   * @param nth 1 for the vhost's first change into {@code to}, 2 for its second, …
   * @param live the live instant, ns from the start (empty if it happened only simulated)
   * @param simulated the simulated instant (empty if it happened only live)
   */
  public record Pair(String vhost, String to, int nth, Optional<Long> live, Optional<Long> simulated) {

    /** live − simulated, when both happened. */
    public Optional<Long> difference() {
      return live.isPresent() && simulated.isPresent() ? Optional.of(live.get() - simulated.get()) : Optional.empty();
    }
  }

  private InstantPairs() {}

  /** Every change of either run, paired, in the order of the live run (then the simulated-only ones). */
  public static List<Pair> of(List<Timed<StateChanged>> live, List<Timed<StateChanged>> simulated) {
    Map<String, List<Long>> sim = byKey(simulated);
    Map<String, Integer> used = new HashMap<>();
    List<Pair> out = new ArrayList<>();
    for (Timed<StateChanged> c : live) {
      String key = key(c.event());
      int n = used.merge(key, 1, Integer::sum);
      List<Long> s = sim.getOrDefault(key, List.of());
      out.add(new Pair(vhost(c.event()), c.event().to().name(), n, Optional.of(c.time()),
          n <= s.size() ? Optional.of(s.get(n - 1)) : Optional.empty()));
    }
    Map<String, Integer> seen = new HashMap<>();
    for (Timed<StateChanged> c : simulated) {
      String key = key(c.event());
      int n = seen.merge(key, 1, Integer::sum);
      if (n > used.getOrDefault(key, 0)) {
        out.add(new Pair(vhost(c.event()), c.event().to().name(), n, Optional.empty(), Optional.of(c.time())));
      }
    }
    return out;
  }

  private static Map<String, List<Long>> byKey(List<Timed<StateChanged>> changes) {
    Map<String, List<Long>> out = new HashMap<>();
    for (Timed<StateChanged> c : changes) {
      out.computeIfAbsent(key(c.event()), k -> new ArrayList<>()).add(c.time());
    }
    return out;
  }

  private static String key(StateChanged c) {
    return vhost(c) + " " + c.to();
  }

  private static String vhost(StateChanged c) {
    return c.qualifiedIface() + " vhid " + c.vhid();
  }
}
