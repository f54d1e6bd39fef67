package org.carpsim.scenario.check;

import java.util.Map;
import java.util.TreeMap;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.model.Target;
import org.carpsim.sim.history.Timed;

/** The state of an expectation's target ({@code host.iface} or {@code host vhid N}) over a run. */
final class TargetStates {

  private TargetStates() {}

  static boolean matches(Target target, StateChanged c) {
    if (target instanceof Target.Interface i) {
      return c.host().equals(i.host()) && c.iface().equals(i.iface());
    }
    Target.VirtualHost v = (Target.VirtualHost) target;
    return c.host().equals(v.host()) && c.vhid() == v.vhid();
  }

  /**
   * The state of {@code target} just after everything that happened at {@code time}; a carp
   * interface with several vhosts is read by its leader (lowest vhid), as {@code ifconfig} shows it.
   */
  static CarpState at(RunView run, Target target, long time) {
    Map<Integer, CarpState> byVhid = new TreeMap<>();
    for (Timed<StateChanged> c : run.changesOf(target.host())) {
      if (c.time() > time) {
        break;
      }
      if (matches(target, c.event())) {
        byVhid.put(c.event().vhid(), c.event().to());
      }
    }
    return byVhid.isEmpty() ? CarpState.INIT : byVhid.values().iterator().next();
  }
}
