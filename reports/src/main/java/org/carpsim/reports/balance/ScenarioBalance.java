package org.carpsim.reports.balance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.IfSetting;
import org.carpsim.carp.config.ParsedLine;
import org.carpsim.carp.config.UcarpOptions;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.node.CarpHost;
import org.carpsim.carp.node.CommandResult;
import org.carpsim.carp.node.NodeListener;
import org.carpsim.carp.node.OfflineEnvironment;
import org.carpsim.carp.node.VirtualHostStatus;
import org.carpsim.carp.profile.Balancing.BalancingMode;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.ConfigStyle.InterfaceModel;
import org.carpsim.carp.profile.Profile;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.model.ConfigLine;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.history.Timed;
import org.carpsim.sim.time.Durations;

/**
 * A scenario's setup at one instant, for the analysis: which carp interfaces each host has and what
 * they hold comes from the node itself (each host's configuration and timeline commands up to that
 * instant are typed into an offline {@link CarpHost}, crashes and boots included); who is MASTER of
 * which vhid comes from the simulated run's state changes. Nothing of ifconfig is interpreted here
 * but the {@code pass} a carp interface was last given (the node does not show its key).
 */
public final class ScenarioBalance {

  private ScenarioBalance() {}

  private static final Pattern BALANCING = Pattern.compile("\\bbalancing (\\S+)");

  /**
   * The setup on {@code segment} for {@code target} just after everything that happened at {@code at}.
   *
   * @param scenario the scenario
   * @param run a run of it (for the states)
   * @param segment the clients' segment
   * @param target the shared address
   * @param at the instant, in ns
   */
  public static BalanceSetup setup(Scenario scenario, RunResult run, String segment, Ipv4Address target, long at) {
    List<HostSide> hosts = new ArrayList<>();
    Profile profile = null;
    for (Host h : scenario.hosts()) {
      if (h.nicsOn(segment).isEmpty()) {
        continue;
      }
      profile = profile == null ? h.profile() : profile;
      hosts.add(new Replay(h, scenario.timeline(), at).side(segment, target, statesAt(run, h.name(), at),
          run.transitions()));
    }
    if (profile == null) {
      throw new IllegalArgumentException("no host has a NIC on segment " + segment);
    }
    for (Host h : scenario.hosts()) {
      if (!h.nicsOn(segment).isEmpty() && !h.profile().name().equals(profile.name())) {
        throw new IllegalArgumentException("hosts on " + segment + " use different profiles (" + profile.name()
            + ", " + h.profile().name() + "): one balancing rule is analysed at a time");
      }
    }
    return new BalanceSetup(profile, target, hosts, scenario.file() + " at " + Durations.format(at));
  }

  /** The clients of a population: its addresses and MACs, in client order. */
  public static List<BalanceClient> clients(ClientPopulation p) {
    List<BalanceClient> out = new ArrayList<>(p.count());
    for (ClientPopulation.Client c : p.clients()) {
      out.add(BalanceClient.of((Ipv4Address) c.address(), c.mac())); // balancing is ARP's: IPv4 clients
    }
    return out;
  }

  /** iface/vhid → state of one host just after {@code at}, from the run's state changes. */
  private static Map<String, CarpState> statesAt(RunResult run, String host, long at) {
    Map<String, CarpState> out = new HashMap<>();
    for (Timed<StateChanged> t : run.view().changesOf(host)) {
      if (t.time() > at) {
        break;
      }
      StateChanged c = t.event();
      out.put(c.iface() + "/" + c.vhid(), c.to());
    }
    return out;
  }

  /** One host's configuration typed into an offline node, up to an instant. */
  private static final class Replay {
    private final Host host;
    private CarpHost node;
    private long now;
    /** Carp interface → key from its last accepted {@code pass}. */
    private final Map<String, CarpKey> keys = new HashMap<>();
    /** Carp interface → when (in command order) it took the watched address. */
    private final Map<String, Long> addressOrder = new HashMap<>();
    /** iface/vhid → the options of the ucarp daemon started there. */
    private final Map<String, UcarpOptions> daemons = new HashMap<>();
    private long commandsRun;
    private Ipv4Address watched;

    Replay(Host host, List<TimelineEvent> timeline, long at) {
      this.host = host;
      this.timeline = timeline;
      this.at = at;
    }

    private final List<TimelineEvent> timeline;
    private final long at;

    HostSide side(String segment, Ipv4Address target, Map<String, CarpState> states, List<Timed<StateChanged>> changes) {
      watched = target;
      boot();
      for (TimelineEvent e : timeline) {
        if (e.at() > at) {
          break;
        }
        now = e.at();
        Fault fault = e instanceof TimelineEvent.FaultAt f ? f.fault() : null;
        if (e instanceof TimelineEvent.CommandAt c && c.host().equals(host.name())) {
          if (node != null) {
            type(c.command());
          }
        } else if (fault instanceof Fault.Crash c && c.host().equals(host.name())) {
          node = null;
          keys.clear();
          daemons.clear();
          addressOrder.clear();
        } else if (fault instanceof Fault.Boot b && b.host().equals(host.name())) {
          boot();
        } else if (fault instanceof Fault.Link l && l.nic().startsWith(host.name() + ".") && node != null) {
          node.setCarrier(l.nic().substring(host.name().length() + 1), l.up());
        }
      }
      if (node == null) {
        return new HostSide(host.name(), List.of(), false);
      }
      List<String> nics = host.nicsOn(segment).stream().map(Nic::name).toList();
      Map<String, List<CarpIface.Vhost>> vhosts = new LinkedHashMap<>();
      for (VirtualHostStatus v : node.virtualHosts()) {
        if (nics.contains(v.carpdev()) && v.ipv4().contains(target)) {
          vhosts.computeIfAbsent(v.iface(), k -> new ArrayList<>())
              .add(new CarpIface.Vhost(v.vhid(), states.getOrDefault(v.iface() + "/" + v.vhid(), CarpState.INIT)));
        }
      }
      List<CarpIface> holders = new ArrayList<>();
      if (host.profile().config().interfaces() == InterfaceModel.UCARP_DAEMON) {
        vhosts.forEach((iface, list) -> list.forEach(v -> holders.add(new CarpIface(iface, List.of(v),
            BalancingMode.NONE, CarpKey.NONE, Long.MAX_VALUE, Optional.of(vipHeld(iface, v.vhid(), changes))))));
        return new HostSide(host.name(), holders, false);
      }
      vhosts.forEach((iface, list) -> {
        // not running (down, no carrier, crashed): the kernel's UP|RUNNING test leaves it out
        if (list.stream().allMatch(v -> v.state() == CarpState.INIT)) {
          return;
        }
        list.sort(java.util.Comparator.comparingInt(CarpIface.Vhost::vhid));
        holders.add(new CarpIface(iface, list, mode(iface), keys.getOrDefault(iface, CarpKey.NONE),
            addressOrder.getOrDefault(iface, Long.MAX_VALUE)));
      });
      boolean arpbalance = node.sysctl("net.inet.carp.arpbalance").orElse(0L) != 0;
      return new HostSide(host.name(), holders, arpbalance);
    }

    /**
     * Whether a ucarp daemon's up-script address is in place at the instant: its up-script ran on the
     * last switch to MASTER and no down-script ran since (ucarp runs the down-script on every switch
     * to BACKUP except the first one under --neutral); a crash loses it.
     */
    private boolean vipHeld(String iface, int vhid, List<Timed<StateChanged>> changes) {
      UcarpOptions o = daemons.get(iface + "/" + vhid);
      if (o == null) {
        return false;
      }
      boolean held = false;
      for (Timed<StateChanged> t : changes) {
        StateChanged c = t.event();
        if (t.time() > at) {
          break;
        }
        if (!c.host().equals(host.name()) || !c.iface().equals(iface) || c.vhid() != vhid) {
          continue;
        }
        if (c.to() == CarpState.MASTER && o.upscript().filter(x -> !x.isEmpty()).isPresent()) {
          held = true;
        } else if (c.to() == CarpState.BACKUP && (c.from() != CarpState.INIT || !o.neutral())
            && o.downscript().filter(x -> !x.isEmpty()).isPresent()) {
          held = false;
        } else if (c.to() == CarpState.INIT && c.reason().equals("host crashed")) {
          held = false;
        }
      }
      return held;
    }

    private BalancingMode mode(String iface) {
      Matcher m = BALANCING.matcher(node.ifconfigStatus(iface));
      if (m.find()) {
        for (BalancingMode mode : BalancingMode.values()) {
          if (mode.keyword().equals(m.group(1))) {
            return mode;
          }
        }
      }
      return BalancingMode.NONE;
    }

    private void boot() {
      keys.clear();
      daemons.clear();
      addressOrder.clear();
      node = new CarpHost(host.profile(), new OfflineEnvironment(() -> now), new NodeListener() {});
      for (Nic nic : host.nics()) {
        node.addNic(nic.name(), nic.mac());
        for (HostCommand c : nic.bootCommands()) {
          run(c);
        }
      }
      for (ConfigLine line : host.configuration()) {
        type(line.parsed());
      }
    }

    /** The shell's {@code &&} as {@link CarpHost#execute(ParsedLine)} runs it, one command at a time. */
    private void type(ParsedLine line) {
      boolean lastOk = true;
      for (ParsedLine.Step step : line.steps()) {
        if (step.condition() == ParsedLine.RunCondition.IF_PREVIOUS_SUCCEEDED && !lastOk) {
          continue;
        }
        lastOk = run(step.command());
      }
    }

    private boolean run(HostCommand c) {
      CommandResult r = node.execute(c);
      if (r.ok()) {
        if (c instanceof HostCommand.IfconfigSet s) {
          Optional<IfSetting.Pass> pass = s.lastSetting(IfSetting.Pass.class);
          if (pass.isPresent() && !(pass.get().pass().isEmpty()
              && host.profile().authentication().emptyPassKeepsKey())) {
            keys.put(s.ifname(), CarpKey.fromPassphraseBytes(pass.get().pass().bytes()));
          }
        } else if (c instanceof HostCommand.IfconfigDestroy d) {
          keys.remove(d.ifname());
        } else if (c instanceof HostCommand.UcarpStart u) {
          String ifname = u.options().interfaceName().orElse(host.nics().isEmpty() ? "" : host.nics().get(0).name());
          daemons.put(ifname + "/" + u.options().vhid(), u.options());
        }
      }
      commandsRun++;
      Map<String, Boolean> holds = new HashMap<>();
      for (VirtualHostStatus v : node.virtualHosts()) {
        holds.merge(v.iface(), v.ipv4().contains(watched), Boolean::logicalOr);
      }
      addressOrder.keySet().removeIf(iface -> !holds.getOrDefault(iface, false));
      holds.forEach((iface, has) -> {
        if (has) {
          addressOrder.putIfAbsent(iface, commandsRun);
        }
      });
      return r.ok();
    }
  }
}
