package org.carpsim.reports.balance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.Balancing.ArpBalance;
import org.carpsim.carp.profile.Balancing.BalancingMode;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profile;

/**
 * A setup described on the command line rather than by a scenario: every host holds every vhid on
 * the shared address, and each vhid has (at most) one MASTER.
 *
 * <p>On profiles with one vhid per carp interface, vhid {@code v} is the host's carp interface number
 * {@code k} when {@code v} is the {@code k}-th smallest vhid, and the interfaces took the address in
 * vhid order (this is what the carp(4) example does). On current OpenBSD one carp interface
 * {@code carp0} carries all vhids as {@code carpnodes}.
 */
public final class ManualSetup {

  private ManualSetup() {}

  /**
   * Builds the setup.
   *
   * @param profile the profile whose rule applies
   * @param target the shared address
   * @param vhids the vhids holding it; empty: those of {@code masters}
   * @param masters vhid → the host that is its MASTER
   * @param otherHosts hosts that hold every vhid but master none
   * @param arpbalance {@code net.inet.carp.arpbalance} on every host (only profiles with that sysctl)
   * @param mode OpenBSD's {@code balancing} mode; empty: what the kernel picks for the number of vhids
   * @param pass the passphrase of every carp interface (the hash rules read the key); never shown
   * @throws IllegalArgumentException naming the bad value
   */
  public static BalanceSetup build(Profile profile, Ipv4Address target, List<Integer> vhids, Map<Integer, String> masters,
      List<String> otherHosts, boolean arpbalance, Optional<BalancingMode> mode, String pass) {
    TreeSet<Integer> all = new TreeSet<>(vhids);
    for (int v : all) {
      if (v < 1 || v > 255) {
        throw new IllegalArgumentException("vhid " + v + " is out of range 1..255");
      }
    }
    for (int v : masters.keySet()) {
      if (!vhids.isEmpty() && !all.contains(v)) {
        throw new IllegalArgumentException("--master " + v + "=" + masters.get(v) + ": vhid " + v + " is not in --vhids "
            + all);
      }
      if (v < 1 || v > 255) {
        throw new IllegalArgumentException("vhid " + v + " is out of range 1..255");
      }
    }
    all.addAll(masters.keySet());
    if (all.isEmpty()) {
      throw new IllegalArgumentException("no vhid: give --vhids or at least one --master VHID=HOST");
    }
    LinkedHashSet<String> hosts = new LinkedHashSet<>();
    masters.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> hosts.add(e.getValue()));
    hosts.addAll(otherHosts);
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("no host: give --master VHID=HOST or --hosts");
    }
    for (String h : hosts) {
      if (h.isBlank() || !h.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
        throw new IllegalArgumentException("bad host name '" + h + "': letters, digits, '-', '_' and '.' only");
      }
    }
    boolean perInterface = profile.balancing().arp() == ArpBalance.PER_INTERFACE_MODES;
    if (mode.isPresent() && !perInterface) {
      throw new IllegalArgumentException("--mode: profile " + profile.name() + " has no balancing modes (only openbsd)");
    }
    if (mode.isPresent() && !profile.balancing().modes().contains(mode.get())) {
      throw new IllegalArgumentException("--mode " + mode.get().keyword() + " is not a mode of " + profile.name());
    }
    ArpBalance rule = profile.balancing().arp();
    boolean hasSysctl = rule != ArpBalance.NONE && rule != ArpBalance.PER_INTERFACE_MODES;
    CarpKey key = CarpKey.fromPassphraseBytes(pass.getBytes(StandardCharsets.UTF_8));
    List<HostSide> sides = new ArrayList<>();
    for (String h : hosts) {
      List<CarpIface> holders = new ArrayList<>();
      if (perInterface) {
        List<CarpIface.Vhost> vh = all.stream().map(v -> vhost(v, h, masters)).toList();
        BalancingMode m = mode.orElse(vh.size() > 1 ? profile.balancing().defaultModeForManyNodes() : BalancingMode.NONE);
        holders.add(new CarpIface("carp0", vh, vh.size() > 1 ? m : BalancingMode.NONE, key, 0));
      } else {
        int k = 0;
        for (int v : all) {
          holders.add(new CarpIface("carp" + k, List.of(vhost(v, h, masters)), BalancingMode.NONE, key, k));
          k++;
        }
      }
      sides.add(new HostSide(h, holders, arpbalance && hasSysctl));
    }
    return new BalanceSetup(profile, target, sides, "command line");
  }

  private static CarpIface.Vhost vhost(int vhid, String host, Map<Integer, String> masters) {
    return new CarpIface.Vhost(vhid, host.equals(masters.get(vhid)) ? CarpState.MASTER : CarpState.BACKUP);
  }
}
