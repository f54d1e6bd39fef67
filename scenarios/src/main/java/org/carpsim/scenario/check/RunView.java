package org.carpsim.scenario.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carpsim.carp.net.IpAddress;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.scenario.history.ArpAnswered;
import org.carpsim.scenario.history.AdvertsSent;
import org.carpsim.scenario.history.CountersTaken;
import org.carpsim.scenario.history.EchoProbed;
import org.carpsim.scenario.history.MacMoves;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.history.TrafficCounted;
import org.carpsim.sim.history.History;
import org.carpsim.sim.history.HistoryEntry;
import org.carpsim.sim.history.Timed;

/**
 * One run's history as checkers read it, indexed once: the state changes (all, per host, per
 * segment and vhid), each host's last counters, the clients' ARP answers, their traffic's outages
 * and totals, with the run's end.
 * Immutable once built; building it is one pass over the history.
 */
public final class RunView {

  private final long end;
  private final List<Timed<StateChanged>> changes;
  private final Map<String, List<Timed<StateChanged>>> byHost = new HashMap<>();
  private final Map<MasterStretches.Key, List<Timed<StateChanged>>> byKey = new HashMap<>();
  private final Map<String, Map<String, Map<CarpStat, Long>>> counters;
  private final List<Timed<ArpAnswered>> arpAnswers;
  private final List<Outage> outages;
  /** Per switch, its MAC moves over the run (switches without any are absent). */
  private final Map<String, Long> macMoves;
  /** The populations' totals summed per segment and address, once. */
  private final List<TrafficCounted> trafficByAddress;
  /** The pings {@code expect ping} lines sent, in time order. */
  private final List<Timed<EchoProbed>> pings;
  /** What the {@code expect at T ifconfig|netstat} lines were shown, in time order. */
  private final List<Timed<org.carpsim.sim.history.HistoryEvent>> shown;
  /** The advertisements each host sent, by NIC, vhid and source MAC. */
  private final List<AdvertsSent> adverts;

  private RunView(long end, List<Timed<StateChanged>> changes, Map<String, Map<String, Map<CarpStat, Long>>> counters,
      List<Timed<ArpAnswered>> arpAnswers, List<Outage> outages, List<TrafficCounted> traffic,
      Map<String, Long> macMoves, List<Timed<EchoProbed>> pings, List<AdvertsSent> adverts,
      List<Timed<org.carpsim.sim.history.HistoryEvent>> shown) {
    this.shown = Collections.unmodifiableList(shown);
    this.pings = Collections.unmodifiableList(pings);
    this.adverts = Collections.unmodifiableList(adverts);
    this.macMoves = Collections.unmodifiableMap(macMoves);
    this.end = end;
    this.changes = Collections.unmodifiableList(changes);
    this.counters = Collections.unmodifiableMap(counters);
    this.arpAnswers = Collections.unmodifiableList(arpAnswers);
    this.outages = Collections.unmodifiableList(outages);
    this.trafficByAddress = TrafficCounted.byAddress(traffic);
    for (Timed<StateChanged> c : changes) {
      byHost.computeIfAbsent(c.event().host(), h -> new ArrayList<>()).add(c);
      byKey.computeIfAbsent(new MasterStretches.Key(c.event().segment(), c.event().vhid()), k -> new ArrayList<>())
          .add(c);
    }
  }

  /** The view of {@code history}, a run that ended at {@code end} (virtual ns). */
  public static RunView of(History history, long end) {
    List<Timed<StateChanged>> changes = new ArrayList<>();
    Map<String, Map<String, Map<CarpStat, Long>>> counters = new LinkedHashMap<>();
    List<Timed<ArpAnswered>> answers = new ArrayList<>();
    List<Outage> outages = new ArrayList<>();
    List<TrafficCounted> traffic = new ArrayList<>();
    Map<String, Long> macMoves = new HashMap<>();
    List<Timed<EchoProbed>> pings = new ArrayList<>();
    List<AdvertsSent> adverts = new ArrayList<>();
    List<Timed<org.carpsim.sim.history.HistoryEvent>> shown = new ArrayList<>();
    for (HistoryEntry entry : history.entries()) {
      if (entry.event() instanceof StateChanged c) {
        changes.add(new Timed<>(entry.time(), c));
      } else if (entry.event() instanceof CountersTaken t) {
        counters.put(t.host(), t.counters());
      } else if (entry.event() instanceof ArpAnswered a) {
        answers.add(new Timed<>(entry.time(), a));
      } else if (entry.event() instanceof Outage o) {
        outages.add(o);
      } else if (entry.event() instanceof TrafficCounted t) {
        traffic.add(t);
      } else if (entry.event() instanceof MacMoves m) {
        macMoves.merge(m.segment(), m.moves(), Long::sum);
      } else if (entry.event() instanceof EchoProbed p) {
        pings.add(new Timed<>(entry.time(), p));
      } else if (entry.event() instanceof AdvertsSent a) {
        adverts.add(a);
      } else if (entry.event() instanceof org.carpsim.scenario.history.StatusShown
          || entry.event() instanceof org.carpsim.scenario.history.CountersShown) {
        shown.add(new Timed<>(entry.time(), entry.event()));
      }
    }
    return new RunView(end, changes, counters, answers, outages, traffic, macMoves, pings, adverts, shown);
  }

  /** What {@code ifconfig IFACE} showed on {@code host} at {@code at}, if the run got there. */
  public java.util.Optional<org.carpsim.scenario.history.StatusShown> statusShown(String host, String iface, long at) {
    return shown.stream().filter(t -> t.time() == at && t.event() instanceof org.carpsim.scenario.history.StatusShown s
        && s.host().equals(host) && s.iface().equals(iface))
        .map(t -> (org.carpsim.scenario.history.StatusShown) t.event()).findFirst();
  }

  /** The counters {@code netstat -s -p carp} showed on {@code host} at {@code at}, if it was running. */
  public java.util.Optional<org.carpsim.scenario.history.CountersShown> countersShown(String host, long at) {
    return shown.stream().filter(t -> t.time() == at && t.event() instanceof org.carpsim.scenario.history.CountersShown c
        && c.host().equals(host)).map(t -> (org.carpsim.scenario.history.CountersShown) t.event()).findFirst();
  }

  /** The advertisements of {@code vhid} sent on {@code segment}, per host, NIC and source MAC. */
  public List<AdvertsSent> adverts(String segment, int vhid) {
    return adverts.stream().filter(a -> a.segment().equals(segment) && a.vhid() == vhid).toList();
  }

  /** The pings {@code host} sent to {@code address} from {@code source} ("" for none) in [{@code from}, {@code to}]. */
  public List<Timed<EchoProbed>> pings(String host, String address, String source, long from, long to) {
    List<Timed<EchoProbed>> out = new ArrayList<>();
    for (Timed<EchoProbed> p : pings) {
      if (p.time() >= from && p.time() <= to && p.event().host().equals(host) && p.event().address().equals(address)
          && p.event().source().equals(source)) {
        out.add(p);
      }
    }
    return out;
  }

  /** The end of the run, virtual ns. */
  public long end() {
    return end;
  }

  /** Every state change, in the run's order. */
  public List<Timed<StateChanged>> changes() {
    return changes;
  }

  /** The state changes of one host, in the run's order. */
  public List<Timed<StateChanged>> changesOf(String host) {
    return byHost.getOrDefault(host, List.of());
  }

  /** The state changes of one vhid on one segment, in the run's order. */
  public List<Timed<StateChanged>> changesOf(MasterStretches.Key key) {
    return byKey.getOrDefault(key, List.of());
  }

  /** Every (segment, vhid) the state changes mention, vhosts without a segment left out, sorted. */
  public List<MasterStretches.Key> keys() {
    return byKey.keySet().stream().filter(k -> !k.segment().isEmpty()).sorted().toList();
  }

  /** host → interface → counters of the host's current (or, once crashed, last) life; hosts in the order they were read. */
  public Map<String, Map<String, Map<CarpStat, Long>>> counters() {
    return counters;
  }

  /** Every client outage of the run, in the order they ended. */
  public List<Outage> outages() {
    return outages;
  }

  /** The outages of the clients that send to {@code target} on {@code segment}, in the order they ended. */
  public List<Outage> outages(String segment, IpAddress target) {
    return outages.stream().filter(o -> o.segment().equals(segment) && o.target().equals(target)).toList();
  }

  /** The traffic per segment and address, the populations that send there summed, in first-seen order. */
  public List<TrafficCounted> trafficByAddress() {
    return trafficByAddress;
  }

  /** What the traffic to {@code target} on {@code segment} met, summed over its populations (zeros if none sent there). */
  public TrafficCounted traffic(String segment, IpAddress target) {
    return trafficByAddress.stream().filter(t -> t.segment().equals(segment) && t.target().equals(target))
        .findFirst().orElse(new TrafficCounted(segment, target, 0, 0, 0, 0, 0, 1, List.of()));
  }

  /** How many MAC moves the switch {@code segment} saw over the run (0 for none, or for a hub). */
  public long macMoves(String segment) {
    return macMoves.getOrDefault(segment, 0L);
  }

  /** Every answered or unanswered client ARP request, in the order the answers were known. */
  public List<Timed<ArpAnswered>> arpAnswers() {
    return arpAnswers;
  }
}
