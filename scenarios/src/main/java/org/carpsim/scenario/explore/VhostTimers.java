package org.carpsim.scenario.explore;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.IfSetting;
import org.carpsim.carp.config.Passphrase;
import org.carpsim.carp.profile.Profile;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Scenario;

/**
 * Each vhost's configured advbase, advskew and dead ratio, read from the hosts' configuration: what the
 * invariants need to know the profile's master-down bound of a backup.
 */
final class VhostTimers {

  /** Configured timers of one vhost, and its passphrase (compared, never shown). */
  record Timers(int advbase, int advskew, int deadRatio, Passphrase pass) {}

  private final Map<String, Timers> byVhost = new HashMap<>();
  private final Map<String, Profile> profiles = new HashMap<>();
  private final Set<Integer> skews = new TreeSet<>();
  private int maxAdvbase = 1;

  VhostTimers(Scenario s) {
    for (Host h : s.hosts()) {
      profiles.put(h.name(), h.profile());
      int ratio = h.profile().timing().defaultDeadRatio();
      Map<String, Integer> vhidOf = new HashMap<>();
      for (HostCommand c : h.commands()) {
        if (c instanceof HostCommand.IfconfigSet set) {
          int vhid = set.lastSetting(IfSetting.Vhid.class).map(IfSetting.Vhid::vhid)
              .orElse(vhidOf.getOrDefault(set.ifname(), -1));
          vhidOf.put(set.ifname(), vhid);
          String key = key(h.name(), set.ifname(), vhid);
          Timers t = byVhost.getOrDefault(key, new Timers(1, 0, ratio, Passphrase.NONE));
          int base = set.lastSetting(IfSetting.Advbase.class).map(IfSetting.Advbase::seconds).orElse(t.advbase());
          int skew = set.lastSetting(IfSetting.Advskew.class).map(IfSetting.Advskew::skew).orElse(t.advskew());
          Passphrase pass = set.lastSetting(IfSetting.Pass.class).map(IfSetting.Pass::pass).orElse(t.pass());
          put(key, new Timers(base, skew, ratio, pass));
        } else if (c instanceof HostCommand.UcarpStart u) {
          put(key(h.name(), u.options().interfaceName().orElse(""), u.options().vhid()),
              new Timers(u.options().advbase(), u.options().advskew(), u.options().deadRatio(),
                  u.options().pass().orElse(Passphrase.NONE)));
        }
      }
    }
  }

  private void put(String key, Timers t) {
    byVhost.put(key, t);
    skews.add(t.advskew());
    maxAdvbase = Math.max(maxAdvbase, t.advbase());
  }

  private static String key(String host, String iface, int vhid) {
    return host + "." + iface + "#" + vhid;
  }

  /** The timers of {@code host.iface} vhid {@code vhid} (advbase 1, advskew 0 when never set). */
  Timers of(String host, String iface, int vhid) {
    Timers t = byVhost.get(key(host, iface, vhid));
    if (t == null) {
      t = byVhost.get(key(host, iface, -1));
    }
    return t != null ? t : new Timers(1, 0, profiles.get(host).timing().defaultDeadRatio(), Passphrase.NONE);
  }

  /** The master-down interval of that vhost with advskew {@code skew}, undemoted. */
  long masterDown(String host, String iface, int vhid, int skew) {
    Timers t = of(host, iface, vhid);
    return profiles.get(host).masterDownIntervalNs(t.advbase(), skew, 0, t.deadRatio());
  }

  /** Every advskew some vhost is configured with: injected values avoid them (no ties). */
  Set<Integer> skews() {
    return skews;
  }

  /** The largest advbase configured anywhere (at least 1). */
  int maxAdvbase() {
    return maxAdvbase;
  }

  /** The largest master-down interval any host could have with any advskew: the convergence window's base. */
  long worstMasterDown() {
    long worst = 0;
    for (Map.Entry<String, Profile> p : profiles.entrySet()) {
      int ratio = byVhost.values().stream().mapToInt(Timers::deadRatio).max().orElse(p.getValue().timing().defaultDeadRatio());
      worst = Math.max(worst, p.getValue().masterDownIntervalNs(maxAdvbase, 255, 0, Math.max(ratio, 1)));
    }
    return worst;
  }
}
