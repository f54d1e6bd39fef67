package org.carpsim.scenario.explore;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.sim.time.Durations;

/**
 * One fault explore injects, as data: when it starts, how long it lasts, and the {@code at} lines that
 * play it. Every fault but an advskew change undoes itself, so the world after the last fault is the
 * scenario's own again.
 */
public sealed interface ExploreFault {

  /** When it starts, ns. */
  long at();

  /** When it ends (is undone), ns; {@link #at()} for a one-shot change. */
  long end();

  /** The scenario lines. */
  List<String> lines();

  /** The host it hits, or empty for a segment fault. */
  String host();

  /** The same fault starting at {@code t}. */
  ExploreFault at(long t);

  /** The same fault lasting {@code d} (one-shot faults ignore it). */
  ExploreFault lasting(long d);

  /** Duration of the fault. */
  default long duration() {
    return end() - at();
  }

  /** Simpler variants for the shrinker: shorter, then earlier on a whole second. */
  default List<ExploreFault> simpler(long earliest) {
    List<ExploreFault> out = new ArrayList<>();
    long second = Durations.SECOND;
    if (duration() > second && duration() % second != 0) {
      out.add(lasting(duration() / second * second));
    }
    if (duration() > 2 * second) {
      out.add(lasting(duration() / 2 / second * second));
    }
    long whole = at() / second * second;
    if (whole != at() && whole >= earliest) {
      out.add(at(whole));
    }
    long half = (earliest + (at() - earliest) / 2) / second * second;
    if (half < whole && half >= earliest) {
      out.add(at(half));
    }
    return out;
  }

  private static String t(long ns) {
    return "at " + Durations.format(ns) + " ";
  }

  /** {@code crash H} then {@code boot H}. */
  record Crash(String host, long at, long end) implements ExploreFault {
    public List<String> lines() {
      return List.of(t(at) + "crash " + host, t(end) + "boot " + host);
    }

    public ExploreFault at(long t) {
      return new Crash(host, t, t + duration());
    }

    public ExploreFault lasting(long d) {
      return new Crash(host, at, at + d);
    }
  }

  /** {@code link H.NIC down} then {@code up}. */
  record LinkFlap(String host, String nic, long at, long end) implements ExploreFault {
    public List<String> lines() {
      return List.of(t(at) + "link " + host + "." + nic + " down", t(end) + "link " + host + "." + nic + " up");
    }

    public ExploreFault at(long t) {
      return new LinkFlap(host, nic, t, t + duration());
    }

    public ExploreFault lasting(long d) {
      return new LinkFlap(host, nic, at, at + d);
    }
  }

  /** {@code partition SEG a | b} then {@code heal SEG}. */
  record Partition(String segment, List<String> side, List<String> other, long at, long end) implements ExploreFault {
    public Partition {
      side = List.copyOf(side);
      other = List.copyOf(other);
    }

    public List<String> lines() {
      return List.of(t(at) + "partition " + segment + " " + String.join(" ", side) + " | " + String.join(" ", other),
          t(end) + "heal " + segment);
    }

    public String host() {
      return "";
    }

    public ExploreFault at(long t) {
      return new Partition(segment, side, other, t, t + duration());
    }

    public ExploreFault lasting(long d) {
      return new Partition(segment, side, other, at, at + d);
    }
  }

  /** {@code loss SEG P%} then back to the segment's own loss. */
  record LossBurst(String segment, String percent, String restore, long at, long end) implements ExploreFault {
    public List<String> lines() {
      return List.of(t(at) + "loss " + segment + " " + percent + "%", t(end) + "loss " + segment + " " + restore + "%");
    }

    public String host() {
      return "";
    }

    public ExploreFault at(long t) {
      return new LossBurst(segment, percent, restore, t, t + duration());
    }

    public ExploreFault lasting(long d) {
      return new LossBurst(segment, percent, restore, at, at + d);
    }
  }

  /** {@code H: ifconfig carpN advskew S}: stays until the host reboots. */
  record AdvskewChange(String host, String iface, int advskew, long at) implements ExploreFault {
    public long end() {
      return at;
    }

    public List<String> lines() {
      return List.of(t(at) + host + ": ifconfig " + iface + " advskew " + advskew);
    }

    public ExploreFault at(long t) {
      return new AdvskewChange(host, iface, advskew, t);
    }

    public ExploreFault lasting(long d) {
      return this;
    }
  }

  /** {@code H: ifconfig carpN down} (bow-out) then {@code up}. */
  record BowOut(String host, String iface, long at, long end) implements ExploreFault {
    public List<String> lines() {
      return List.of(t(at) + host + ": ifconfig " + iface + " down", t(end) + host + ": ifconfig " + iface + " up");
    }

    public ExploreFault at(long t) {
      return new BowOut(host, iface, t, t + duration());
    }

    public ExploreFault lasting(long d) {
      return new BowOut(host, iface, at, at + d);
    }
  }

  /** {@code H: ifconfig -g carp carpdemote N} then {@code -carpdemote N} (where the profile has group demotion). */
  record Demote(String host, int by, long at, long end) implements ExploreFault {
    public List<String> lines() {
      return List.of(t(at) + host + ": ifconfig -g carp carpdemote " + by,
          t(end) + host + ": ifconfig -g carp -carpdemote " + by);
    }

    public ExploreFault at(long t) {
      return new Demote(host, by, t, t + duration());
    }

    public ExploreFault lasting(long d) {
      return new Demote(host, by, at, at + d);
    }
  }
}
