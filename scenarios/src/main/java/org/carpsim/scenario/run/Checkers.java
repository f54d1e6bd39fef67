package org.carpsim.scenario.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.scenario.model.Target;
import org.carpsim.sim.time.Durations;

/**
 * The scenario's expectations as checkers over one run's record (Jepsen style): pure functions of
 * the state changes, the clients' ARP answers and the final counters.
 */
final class Checkers {

  private final List<StateChange> changes;
  private final List<ArpAnswer> answers;
  private final Map<String, Map<String, Map<CarpStat, Long>>> statistics;
  private final long end;
  /** The changes of each host, and of each (segment, vhid), in the run's order: built on first use. */
  private Map<String, List<StateChange>> byHost;
  private Map<SegmentVhid, List<StateChange>> bySegmentVhid;

  private record SegmentVhid(String segment, int vhid) {}

  Checkers(List<StateChange> changes, List<ArpAnswer> answers,
      Map<String, Map<String, Map<CarpStat, Long>>> statistics, long end) {
    this.changes = changes;
    this.answers = answers;
    this.statistics = statistics;
    this.end = end;
  }

  /**
   * The changes of {@code host}: every checker of one target skips the others, so reading only
   * these gives the same answer without a scan of the whole run per expectation.
   */
  private List<StateChange> changesOf(String host) {
    if (byHost == null) {
      byHost = new HashMap<>();
      for (StateChange c : changes) {
        byHost.computeIfAbsent(c.host(), h -> new ArrayList<>()).add(c);
      }
    }
    return byHost.getOrDefault(host, List.of());
  }

  /** The changes of {@code vhid} on {@code segment}, in the run's order. */
  private List<StateChange> changesOf(String segment, int vhid) {
    if (bySegmentVhid == null) {
      bySegmentVhid = new HashMap<>();
      for (StateChange c : changes) {
        bySegmentVhid.computeIfAbsent(new SegmentVhid(c.segment(), c.vhid()), k -> new ArrayList<>()).add(c);
      }
    }
    return bySegmentVhid.getOrDefault(new SegmentVhid(segment, vhid), List.of());
  }

  private static String hostOf(Target target) {
    return target instanceof Target.Interface i ? i.host() : ((Target.VirtualHost) target).host();
  }

  Verdict check(Expectation e) {
    if (e instanceof Expectation.StateAt at) {
      return stateAt(at);
    } else if (e instanceof Expectation.StateWithin w) {
      return stateWithin(w);
    } else if (e instanceof Expectation.OneMaster m) {
      return oneMaster(m);
    } else if (e instanceof Expectation.Stat s) {
      return stat(s);
    } else if (e instanceof Expectation.ArpShare a) {
      return arpShare(a);
    } else if (e instanceof Expectation.Failover f) {
      return failover(f);
    }
    throw new IllegalArgumentException("no checker for " + e);
  }

  // ------------------------------------------------------------------ states of one target

  private static Predicate<StateChange> of(Target target) {
    if (target instanceof Target.Interface i) {
      return c -> c.host().equals(i.host()) && c.iface().equals(i.iface());
    }
    Target.VirtualHost v = (Target.VirtualHost) target;
    return c -> c.host().equals(v.host()) && c.vhid() == v.vhid();
  }

  /**
   * The state of a target just after everything that happened at {@code time}; a carp interface
   * with several vhosts is read by its leader (lowest vhid), as {@code ifconfig} shows it.
   */
  private CarpState stateAt(Target target, long time) {
    Predicate<StateChange> match = of(target);
    Map<Integer, CarpState> byVhid = new HashMap<>();
    for (StateChange c : changesOf(hostOf(target))) {
      if (c.timeNanos() > time) {
        break;
      }
      if (match.test(c)) {
        byVhid.put(c.vhid(), c.to());
      }
    }
    return byVhid.isEmpty()
        ? CarpState.INIT
        : byVhid.get(byVhid.keySet().stream().min(Integer::compare).orElseThrow());
  }

  private Verdict stateAt(Expectation.StateAt e) {
    CarpState seen = stateAt(e.target(), e.at());
    return new Verdict(e, seen == e.state(), e.target() + " was " + seen + " at " + Durations.format(e.at()));
  }

  private Verdict stateWithin(Expectation.StateWithin e) {
    if (stateAt(e.target(), e.after()) == e.state()) {
      return new Verdict(e, true, e.target() + " was already " + e.state() + " at " + Durations.format(e.after()));
    }
    Predicate<StateChange> match = of(e.target());
    for (StateChange c : changesOf(hostOf(e.target()))) {
      if (c.timeNanos() > e.deadline()) {
        break;
      }
      if (c.timeNanos() > e.after() && match.test(c) && stateAt(e.target(), c.timeNanos()) == e.state()) {
        return new Verdict(e, true, e.target() + " became " + e.state() + " at " + Durations.format(c.timeNanos())
            + ", " + Durations.format(c.timeNanos() - e.after()) + " after " + Durations.format(e.after())
            + " (" + c.reason() + ")");
      }
    }
    return new Verdict(e, false, e.target() + " was not " + e.state() + " by " + Durations.format(e.deadline())
        + " (it was " + stateAt(e.target(), e.deadline()) + ")");
  }

  // ------------------------------------------------------------------ masters of one vhid on a segment

  /** One stretch of time with a constant number of masters of a vhid on a segment. */
  private record Stretch(long from, long to, List<String> masters) {}

  private List<Stretch> masterStretches(String segment, int vhid, long from, long to) {
    Map<String, CarpState> state = new HashMap<>();
    List<Stretch> out = new ArrayList<>();
    long since = from;
    for (StateChange c : changesOf(segment, vhid)) {
      if (c.vhid() != vhid || !c.segment().equals(segment)) {
        continue;
      }
      if (c.timeNanos() > from) {
        if (c.timeNanos() > to) {
          break;
        }
        if (c.timeNanos() > since) {
          out.add(new Stretch(since, c.timeNanos(), masters(state)));
          since = c.timeNanos();
        }
      }
      state.put(c.qualifiedIface(), c.to());
    }
    if (to > since) {
      out.add(new Stretch(since, to, masters(state)));
    }
    return out;
  }

  private static List<String> masters(Map<String, CarpState> state) {
    return state.entrySet().stream().filter(en -> en.getValue() == CarpState.MASTER).map(Map.Entry::getKey)
        .sorted().toList();
  }

  /** At most one master at any instant: two masters for any positive time is split brain. */
  private Verdict oneMaster(Expectation.OneMaster e) {
    long none = 0;
    long many = 0;
    Stretch first = null;
    for (Stretch s : masterStretches(e.segment(), e.vhid(), e.from(), e.to())) {
      if (s.masters().isEmpty()) {
        none += s.to() - s.from();
      } else if (s.masters().size() > 1) {
        many += s.to() - s.from();
        if (first == null) {
          first = s;
        }
      }
    }
    if (first != null) {
      return new Verdict(e, false, "two masters (" + String.join(", ", first.masters()) + ") from "
          + Durations.format(first.from()) + " to " + Durations.format(first.to()) + "; "
          + Durations.format(many) + " with several masters in all");
    }
    return new Verdict(e, true, "never two masters; " + Durations.format(none) + " without a master");
  }

  /** Every stretch without a master, once there had been one, lasts at most the bound. */
  private Verdict failover(Expectation.Failover e) {
    List<String> takeovers = new ArrayList<>();
    String worst = null;
    boolean hadMaster = false;
    for (Stretch s : masterStretches(e.segment(), e.vhid(), 0, end)) {
      if (!s.masters().isEmpty()) {
        hadMaster = true;
        continue;
      }
      if (!hadMaster) {
        continue;
      }
      long gap = s.to() - s.from();
      boolean open = s.to() == end;
      String text = (open ? "no master from " + Durations.format(s.from()) + " to the end"
          : Durations.format(gap) + " at " + Durations.format(s.from()));
      takeovers.add(text);
      if (gap > e.max() && worst == null) {
        worst = text;
      }
    }
    if (worst != null) {
      return new Verdict(e, false, "longer than " + Durations.format(e.max()) + ": " + worst
          + " (all: " + String.join(", ", takeovers) + ")");
    }
    return new Verdict(e, true, takeovers.isEmpty() ? "no master was lost"
        : "takeovers: " + String.join(", ", takeovers));
  }

  // ------------------------------------------------------------------ counters and ARP shares

  private Verdict stat(Expectation.Stat e) {
    Map<String, Map<CarpStat, Long>> host = statistics.getOrDefault(e.host(), Map.of());
    long value = e.iface().isPresent()
        ? host.getOrDefault(e.iface().get(), Map.of()).getOrDefault(e.counter(), 0L)
        : host.values().stream().mapToLong(m -> m.getOrDefault(e.counter(), 0L)).sum();
    String where = e.host() + e.iface().map(i -> "." + i).orElse("");
    return new Verdict(e, e.comparison().holds(value, e.value()),
        where + " " + e.counter().counterName() + " = " + value);
  }

  private Verdict arpShare(Expectation.ArpShare e) {
    Map<String, Integer> byHost = new java.util.TreeMap<>();
    int total = 0;
    int unanswered = 0;
    for (ArpAnswer a : answers) {
      if (a.segment().equals(e.segment()) && a.target().equals(e.address())) {
        total++;
        if (a.answered()) {
          byHost.merge(a.answeredBy(), 1, Integer::sum);
        } else {
          unanswered++;
        }
      }
    }
    if (total == 0) {
      return new Verdict(e, false, "no client asked for " + e.address() + " on " + e.segment());
    }
    double share = 100.0 * byHost.getOrDefault(e.host(), 0) / total;
    StringBuilder detail = new StringBuilder(String.format(java.util.Locale.ROOT, "%s answered %.1f%% of %d requests",
        e.host(), share, total));
    List<String> others = new ArrayList<>();
    final int all = total;
    byHost.forEach((h, n) -> others.add(String.format(java.util.Locale.ROOT, "%s %.1f%%", h, 100.0 * n / all)));
    if (unanswered > 0) {
      others.add(String.format(java.util.Locale.ROOT, "unanswered %.1f%%", 100.0 * unanswered / all));
    }
    detail.append(" (").append(String.join(", ", others)).append(')');
    return new Verdict(e, share >= e.minPercent() && share <= e.maxPercent(), detail.toString());
  }
}
