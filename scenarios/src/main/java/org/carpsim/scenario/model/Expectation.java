package org.carpsim.scenario.model;

import java.util.Optional;
import org.carpsim.carp.net.IpAddress;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.scenario.check.ArpRepliesChecker;
import org.carpsim.scenario.check.ArpShareChecker;
import org.carpsim.scenario.check.Checker;
import org.carpsim.scenario.check.ConvergenceChecker;
import org.carpsim.scenario.check.FailoverChecker;
import org.carpsim.scenario.check.MaxMastersChecker;
import org.carpsim.scenario.check.OneMasterChecker;
import org.carpsim.scenario.check.OutageChecker;
import org.carpsim.scenario.check.OutageShareChecker;
import org.carpsim.scenario.check.StatChecker;
import org.carpsim.scenario.check.StateAtChecker;
import org.carpsim.scenario.check.StateWithinChecker;
import org.carpsim.scenario.check.SteadyChecker;

/**
 * Something that must hold in a run: an {@code expect …} line. Each kind names its {@link Checker},
 * which judges it over the run's history; reports quote {@link #origin()} ({@code line} and {@code
 * text}). A new kind is a record here, its checker, a line in {@code ExpectationParser} and a
 * paragraph in docs/scenario-language.md.
 */
public sealed interface Expectation {

  /** The {@code expect} line; its text is what reports print. */
  Origin origin();

  /** The line as written, e.g. {@code expect at 5s fw1.carp0 MASTER}. */
  default String text() {
    return origin().text();
  }

  /** The 1-based line number of the {@code expect} line. */
  default int line() {
    return origin().line();
  }

  /** The checker that judges this expectation over a run. */
  Checker checker();

  /**
   * {@code expect ping HOST ADDRESS answered|unanswered at T} (one echo) or {@code … within D after T}
   * (an echo a second from T to T + D, as {@code ping -c N} sends them): the address answers (some
   * echo got a reply) or not (none did), over IPv4 or IPv6.
   *
   * @param probes the instants the pings are sent, in order
   */
  record Ping(String host, String address, java.util.Optional<String> source, boolean answered,
      java.util.List<Long> probes, Origin origin) implements Expectation {
    public Ping {
      probes = java.util.List.copyOf(probes);
    }

    @Override
    public Checker checker() {
      return new org.carpsim.scenario.check.PingChecker(this);
    }
  }

  /**
   * {@code expect at T ifconfig HOST.IFACE shows "REGEX"}: what {@code ifconfig IFACE} prints on the host
   * at that instant has a line in which the regular expression is found ({@code grep -q}, as the suites'
   * {@code ifconfig carp0 | grep -q 'status: master'}); {@code lacks} for {@code grep -v}'s sense.
   */
  record IfconfigShows(long at, String host, String iface, java.util.regex.Pattern regex, boolean shows,
      Origin origin) implements Expectation {
    @Override
    public Checker checker() {
      return run -> {
        java.util.Optional<org.carpsim.scenario.history.StatusShown> s = run.statusShown(host, iface, at);
        if (s.isEmpty()) {
          return new org.carpsim.scenario.check.Judgement(false, "ifconfig " + iface + " was not run on " + host
              + " at " + org.carpsim.sim.time.Durations.format(at));
        }
        String text = s.get().text();
        boolean found = text.lines().anyMatch(line -> regex.matcher(line).find());
        return new org.carpsim.scenario.check.Judgement(found == shows, "ifconfig " + iface + " on " + host + " at "
            + org.carpsim.sim.time.Durations.format(at) + (found ? " shows " : " does not show ") + "/" + regex
            + "/: " + text.replace("\n", " | ").replace('\t', ' '));
      };
    }
  }

  /**
   * {@code expect at T netstat HOST[.IFACE] COUNTER OP N}: a carpstats counter at that instant, as
   * {@code netstat -s -p carp} shows it then (the host's sum), or of one interface.
   */
  record StatAt(long at, Stat stat, Origin origin) implements Expectation {
    @Override
    public Checker checker() {
      return run -> {
        String where = stat.host() + stat.iface().map(i -> "." + i).orElse("");
        java.util.Optional<org.carpsim.scenario.history.CountersShown> c = run.countersShown(stat.host(), at);
        if (c.isEmpty()) {
          return new org.carpsim.scenario.check.Judgement(false, "netstat was not run on " + stat.host() + " at "
              + org.carpsim.sim.time.Durations.format(at) + " (powered off, or after the run)");
        }
        java.util.Map<String, java.util.Map<CarpStat, Long>> host = c.get().values();
        long value = stat.iface().isPresent()
            ? host.getOrDefault(stat.iface().get(), java.util.Map.of()).getOrDefault(stat.counter(), 0L)
            : host.values().stream().mapToLong(m -> m.getOrDefault(stat.counter(), 0L)).sum();
        return new org.carpsim.scenario.check.Judgement(stat.comparison().holds(value, stat.value()), where + " "
            + stat.counter().counterName() + " = " + value + " at " + org.carpsim.sim.time.Durations.format(at));
      };
    }
  }

  /**
   * {@code expect advert-source SEG vhid N MAC}: the vhid's advertisements on the segment were sent,
   * and every one of them left from {@code mac} (a capture's Ethernet source).
   */
  record AdvertSource(String segment, int vhid, org.carpsim.carp.net.MacAddress mac, Origin origin)
      implements Expectation {
    @Override
    public Checker checker() {
      return run -> {
        java.util.List<org.carpsim.scenario.history.AdvertsSent> sent = run.adverts(segment, vhid);
        long total = sent.stream().mapToLong(org.carpsim.scenario.history.AdvertsSent::count).sum();
        java.util.List<String> other = sent.stream().filter(a -> !a.source().equals(mac))
            .map(a -> a.count() + " from " + a.source() + " (" + a.host() + "." + a.nic() + ")").toList();
        if (total == 0) {
          return new org.carpsim.scenario.check.Judgement(false, "no advertisement of vhid " + vhid + " was sent on "
              + segment);
        }
        return new org.carpsim.scenario.check.Judgement(other.isEmpty(), other.isEmpty()
            ? "all " + total + " advertisements of vhid " + vhid + " on " + segment + " left from " + mac
            : "of " + total + " advertisements of vhid " + vhid + " on " + segment + ", not from " + mac + ": "
                + String.join(", ", other));
      };
    }
  }

  /**
   * {@code expect at T TARGET STATE}: the target's state at instant {@code at}.
   */
  record StateAt(long at, Target target, CarpState state, Origin origin) implements Expectation {
    @Override
    public Checker checker() {
      return new StateAtChecker(this);
    }
  }

  /**
   * {@code expect within D after T TARGET STATE}: the target reaches the state at some instant in
   * {@code [after, after + within]}.
   */
  record StateWithin(long within, long after, Target target, CarpState state, Origin origin)
      implements Expectation {
    @Override
    public Checker checker() {
      return new StateWithinChecker(this);
    }

    /** The last instant at which the state may be reached. */
    public long deadline() {
      return after + within;
    }
  }

  /**
   * {@code expect always one-master SEG vhid N [from T] [to T]}: over {@code [from, to]}, never more
   * than one host is MASTER of the vhid among the hosts with a NIC on the segment. Defaults: from 0 to
   * the end of the run.
   */
  record OneMaster(String segment, int vhid, long from, long to, Origin origin) implements Expectation {
    @Override
    public Checker checker() {
      return new OneMasterChecker(this);
    }
  }

  /**
   * {@code expect stat HOST[.IFACE] COUNTER OP N}: a carpstats counter at the end of the run, of one
   * interface, or of the whole host (the kernels keep one {@code struct carpstats} per host) when no
   * interface is named.
   */
  record Stat(String host, Optional<String> iface, CarpStat counter, Comparison comparison, long value,
      Origin origin) implements Expectation {
    @Override
    public Checker checker() {
      return new StatChecker(this);
    }
  }

  /**
   * {@code expect arp-share SEG VIP HOST A%..B%}: of the clients' ARP requests for {@code address} on the
   * segment, the share answered by {@code host} lies in {@code [minPercent, maxPercent]}.
   */
  record ArpShare(String segment, Ipv4Address address, String host, double minPercent, double maxPercent,
      Origin origin) implements Expectation {
    @Override
    public Checker checker() {
      return new ArpShareChecker(this);
    }
  }

  /**
   * {@code expect failover SEG vhid N <= D [from T] [to T]}: every stretch without a master of the
   * vhid on the segment, once it had had one, that begins in [{@code from}, {@code to}] lasts at most
   * {@code max}. Defaults: the whole run.
   */
  record Failover(String segment, int vhid, long max, long from, long to, Origin origin) implements Expectation {
    @Override
    public Checker checker() {
      return new FailoverChecker(this);
    }
  }

  /**
   * {@code expect steady SEG vhid N [from T] [to T]}: no vhost of the vhid on the segment changes
   * state after {@code from} up to {@code to}: a group that has settled stays settled (what explore's
   * "no state changes while nothing changes" promises). Defaults: the whole run.
   */
  record Steady(String segment, int vhid, long from, long to, Origin origin) implements Expectation {
    @Override
    public Checker checker() {
      return new SteadyChecker(this);
    }
  }

  /**
   * {@code expect max-masters SEG vhid N <= K [from T] [to T]}: over {@code [from, to]}, never more than
   * {@code max} hosts are MASTER of the vhid at once: what a partitioned group may promise (two halves,
   * two masters) where {@code one-master} cannot. Defaults: from 0 to the end of the run.
   */
  record MaxMasters(String segment, int vhid, int max, long from, long to, Origin origin) implements Expectation {
    @Override
    public Checker checker() {
      return new MaxMastersChecker(this);
    }
  }

  /**
   * {@code expect outage SEG VIP <= D} (or {@code >= D}): the longest time any client on the segment
   * that sends to the address saw its traffic go nowhere is at most (at least) {@code bound}; an
   * outage runs from a packet no master took to the next one a master took, or to the end of the
   * run. {@code >=} states a failure a scenario reproduces.
   *
   * @param comparison {@link Comparison#LE} or {@link Comparison#GE}
   */
  record Outage(String segment, IpAddress address, Comparison comparison, long bound, Origin origin)
      implements Expectation {
    @Override
    public Checker checker() {
      return new OutageChecker(this);
    }
  }

  /**
   * {@code expect outage-share SEG VIP <= P%} (or {@code >= P%}): at most (at least) that share of
   * the clients that send to the address saw an outage at all.
   *
   * @param comparison {@link Comparison#LE} or {@link Comparison#GE}
   */
  record OutageShare(String segment, IpAddress address, Comparison comparison, double percent, Origin origin)
      implements Expectation {
    @Override
    public Checker checker() {
      return new OutageShareChecker(this);
    }
  }

  /**
   * {@code expect convergence SEG VIP <= D} (or {@code >= D}): after every takeover of the address
   * (a change of master after which one host is MASTER of it), every client's traffic reaches the new
   * master within {@code bound}: the time from the change to the last client's first packet a master
   * took. Measured by the clients' own packets, so to within {@code resolution}, their longest send
   * interval. {@code >=} states a failure a scenario reproduces (a stale cache).
   *
   * @param comparison {@link Comparison#LE} or {@link Comparison#GE}
   */
  record Convergence(String segment, IpAddress address, Comparison comparison, long bound, long resolution,
      Origin origin) implements Expectation {
    @Override
    public Checker checker() {
      return new ConvergenceChecker(this);
    }
  }

  /**
   * {@code expect mac-moves SWITCH <= N} (or {@code >= N}): how often the learning switch saw a MAC it
   * knew arrive on another port over the run (a MAC flap: two masters of one virtual MAC, a backup's
   * reports from it). {@code >=} states a failure a scenario reproduces.
   */
  record MacMoveCount(String segment, Comparison comparison, long moves, Origin origin) implements Expectation {
    @Override
    public Checker checker() {
      return run -> {
        long seen = run.macMoves(segment);
        return new org.carpsim.scenario.check.Judgement(comparison.holds(seen, moves), "switch " + segment + ": "
            + seen + " MAC move" + (seen == 1 ? "" : "s") + " (a known MAC seen on another port)");
      };
    }
  }

  /**
   * {@code expect arp-replies SEG VIP <= N}: no client's ARP request for the address on the segment got
   * more than {@code max} replies (two: two hosts hold the address, as after a ucarp daemon's SIGKILL).
   */
  record ArpReplies(String segment, Ipv4Address address, int max, Origin origin) implements Expectation {
    @Override
    public Checker checker() {
      return new ArpRepliesChecker(this);
    }
  }
}
