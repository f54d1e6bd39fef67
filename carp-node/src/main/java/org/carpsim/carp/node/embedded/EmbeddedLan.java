package org.carpsim.carp.node.embedded;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.carpsim.carp.node.CarpHost;
import org.carpsim.carp.node.LogLine;
import org.carpsim.carp.node.NodeEnvironment;
import org.carpsim.carp.node.NodeListener;
import org.carpsim.carp.node.NodeTimer;
import org.carpsim.carp.node.Transition;
import org.carpsim.carp.profile.Profile;

/**
 * A tiny world for driving {@link CarpHost}s without a simulator, in the style of Netty's
 * {@code EmbeddedChannel}: a virtual clock with a queue of timers, hub segments with zero latency, a
 * capture of every frame sent, injected frames, link and crash faults. Events at the same instant run
 * in the order they were scheduled; a frame sent at time t reaches the other NICs of its segment at
 * t, after the event that sent it. Same seed, same bytes.
 *
 * <pre>{@code
 * EmbeddedLan lan = new EmbeddedLan(42);
 * EmbeddedHost a = lan.host("a", Profiles.OPENBSD).nic("em0", "lan", "02:00:00:00:00:0a");
 * a.configure("ifconfig em0 inet 10.0.0.2/24", "ifconfig carp0 create",
 *     "ifconfig carp0 vhid 1 pass s carpdev em0 10.0.0.1/24");
 * lan.runFor(EmbeddedLan.seconds(4));
 * }</pre>
 */
public final class EmbeddedLan {

  /** A transition with the host it happened on. */
  public record HostTransition(String host, Transition transition) {}

  /** A log line with the host that logged it. */
  public record HostLog(String host, LogLine line) {}

  private record Port(EmbeddedHost host, String nic, String segment) {}

  private static final class Event implements Comparable<Event> {
    final long time;
    final long seq;
    final Timer timer;
    final Runnable delivery;

    Event(long time, long seq, Timer timer, Runnable delivery) {
      this.time = time;
      this.seq = seq;
      this.timer = timer;
      this.delivery = delivery;
    }

    @Override
    public int compareTo(Event o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final class Timer implements NodeTimer {
    private final EmbeddedHost owner;
    private final int generation;
    private final Runnable action;
    private long armedSeq = -1;

    Timer(EmbeddedHost owner, int generation, Runnable action) {
      this.owner = owner;
      this.generation = generation;
      this.action = action;
    }

    @Override
    public void armAfter(long delayNanos) {
      armedSeq = ++seq;
      queue.add(new Event(now + Math.max(0, delayNanos), armedSeq, this, null));
    }

    @Override
    public void cancel() {
      armedSeq = -1;
    }

    @Override
    public boolean isArmed() {
      return armedSeq >= 0;
    }

    void fire(long eventSeq) {
      if (eventSeq != armedSeq || !owner.alive || owner.generation != generation) {
        return;
      }
      armedSeq = -1;
      action.run();
    }
  }

  private final long seed;
  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private final Map<String, EmbeddedHost> hosts = new LinkedHashMap<>();
  private final Map<String, List<Port>> segments = new LinkedHashMap<>();
  private final Set<String> downPorts = new HashSet<>();
  private final Set<String> echoSegments = new HashSet<>();
  private final List<CapturedFrame> frames = new ArrayList<>();
  private final List<HostTransition> transitions = new ArrayList<>();
  private final List<HostLog> logs = new ArrayList<>();
  private long now;
  private long seq;
  private boolean membershipReports;

  /** A LAN with seed 1. */
  public EmbeddedLan() {
    this(1);
  }

  /** A LAN whose hosts draw their random numbers from streams derived from {@code seed}. */
  public EmbeddedLan(long seed) {
    this.seed = seed;
  }

  /**
   * Whether the hosts booted from now on send IGMP/MLD membership reports (off by default, so that
   * the frames of the protocol tests are CARP's and ARP's alone).
   */
  public EmbeddedLan membershipReports(boolean on) {
    this.membershipReports = on;
    return this;
  }

  /** {@code s} seconds in nanoseconds. */
  public static long seconds(double s) {
    return Math.round(s * 1e9);
  }

  /** {@code ms} milliseconds in nanoseconds. */
  public static long millis(long ms) {
    return ms * 1_000_000L;
  }

  /** The virtual time now, in ns. */
  public long now() {
    return now;
  }

  // ---- hosts ------------------------------------------------------------------------------------

  /** Creates a host running {@code profile}. */
  public EmbeddedHost host(String name, Profile profile) {
    if (hosts.containsKey(name)) {
      throw new IllegalArgumentException("host " + name + " exists");
    }
    EmbeddedHost h = new EmbeddedHost(this, name, profile);
    hosts.put(name, h);
    h.node = newNode(h);
    return h;
  }

  /** The host called {@code name}. */
  public EmbeddedHost host(String name) {
    EmbeddedHost h = hosts.get(name);
    if (h == null) {
      throw new IllegalArgumentException("no host " + name + " (hosts: " + hosts.keySet() + ")");
    }
    return h;
  }

  private CarpHost newNode(EmbeddedHost h) {
    SplittableRandom random = new SplittableRandom(seed * 0x9e3779b97f4a7c15L ^ h.name().hashCode() * 31L
        ^ h.generation * 0xbf58476d1ce4e5b9L);
    int generation = h.generation;
    SplittableRandom reports = membershipReports ? new SplittableRandom((seed ^ 0x6d656d62L) * 31 + h.name().hashCode()) : null;
    NodeEnvironment env = new NodeEnvironment() {
      @Override
      public long now() {
        return now;
      }

      @Override
      public NodeTimer newTimer(Runnable action) {
        return new Timer(h, generation, action);
      }

      @Override
      public void transmit(String nic, byte[] frame) {
        if (h.alive && h.generation == generation) {
          send(h, nic, frame);
        }
      }

      @Override
      public long randomLong() {
        return random.nextLong();
      }

      @Override
      public java.util.random.RandomGenerator membershipRandom() {
        return reports;
      }
    };
    NodeListener listener = new NodeListener() {
      @Override
      public void onTransition(Transition t) {
        transitions.add(new HostTransition(h.name(), t));
      }

      @Override
      public void onLog(LogLine line) {
        logs.add(new HostLog(h.name(), line));
      }
    };
    return new CarpHost(h.profile(), env, listener);
  }

  void attach(EmbeddedHost h, EmbeddedHost.NicSpec spec) {
    segments.computeIfAbsent(spec.segment(), s -> new ArrayList<>()).add(new Port(h, spec.name(), spec.segment()));
  }

  /** Power off: the host falls silent, its timers die, its state is lost. */
  public void crash(String host) {
    EmbeddedHost h = host(host);
    h.alive = false;
    h.generation++;
  }

  /** Power on: a new node with the same NICs runs the host's configuration lines again, in order. */
  public void boot(String host) {
    EmbeddedHost h = host(host);
    h.generation++;
    h.alive = true;
    h.node = newNode(h);
    for (EmbeddedHost.NicSpec n : h.nics) {
      h.node.addNic(n.name(), n.mac(), n.simplex());
      if (downPorts.contains(key(h.name(), n.name()))) {
        h.node.setCarrier(n.name(), false);
      }
    }
    for (String line : h.config) {
      h.node.run(line);
    }
  }

  /** Cable in or out: the NIC loses carrier and neither sends nor receives. */
  public void link(String host, String nic, boolean up) {
    EmbeddedHost h = host(host);
    if (up) {
      downPorts.remove(key(host, nic));
    } else {
      downPorts.add(key(host, nic));
    }
    if (h.alive) {
      h.node.setCarrier(nic, up);
    }
  }

  /** A reflecting segment: every frame is also delivered back to the NIC that sent it (a network loop). */
  public void echo(String segment, boolean on) {
    if (on) {
      echoSegments.add(segment);
    } else {
      echoSegments.remove(segment);
    }
  }

  private static String key(String host, String nic) {
    return host + "/" + nic;
  }

  // ---- the wire ---------------------------------------------------------------------------------

  private void send(EmbeddedHost from, String nic, byte[] frame) {
    if (downPorts.contains(key(from.name(), nic))) {
      return;
    }
    Port src = null;
    for (List<Port> ports : segments.values()) {
      for (Port p : ports) {
        if (p.host() == from && p.nic().equals(nic)) {
          src = p;
        }
      }
    }
    if (src == null) {
      return;
    }
    frames.add(new CapturedFrame(now, src.segment(), from.name(), nic, frame));
    deliver(src.segment(), echoSegments.contains(src.segment()) ? null : src, frame);
  }

  /** Injects a frame on {@code segment} now, as if a third party sent it. */
  public void inject(String segment, byte[] frame) {
    Objects.requireNonNull(frame, "frame");
    frames.add(new CapturedFrame(now, segment, "(injected)", "", frame));
    deliver(segment, null, frame);
  }

  private void deliver(String segment, Port except, byte[] frame) {
    for (Port p : segments.getOrDefault(segment, List.of())) {
      if (p == except || downPorts.contains(key(p.host().name(), p.nic()))) {
        continue;
      }
      EmbeddedHost h = p.host();
      int generation = h.generation;
      queue.add(new Event(now, ++seq, null, () -> {
        if (h.alive && h.generation == generation) {
          h.node.receive(p.nic(), frame);
        }
      }));
    }
  }

  // ---- time -------------------------------------------------------------------------------------

  /** Runs every event up to and including {@code time}, then sets the clock to {@code time}. */
  public void advanceTo(long time) {
    if (time < now) {
      throw new IllegalArgumentException("cannot go back in time: " + time + " < " + now);
    }
    while (!queue.isEmpty() && queue.peek().time <= time) {
      Event e = queue.poll();
      now = e.time;
      if (e.timer != null) {
        e.timer.fire(e.seq);
      } else {
        e.delivery.run();
      }
    }
    now = time;
  }

  /** Runs for {@code nanos} of virtual time. */
  public void runFor(long nanos) {
    advanceTo(now + nanos);
  }

  /**
   * Runs event by event until {@code condition} holds (checked after each event) or {@code limit} is
   * reached; returns whether it held.
   */
  public boolean runUntil(BooleanSupplier condition, long limit) {
    while (!condition.getAsBoolean()) {
      Event e = queue.peek();
      if (e == null || e.time > limit) {
        advanceTo(Math.max(now, limit));
        return condition.getAsBoolean();
      }
      advanceTo(e.time);
    }
    return true;
  }

  // ---- what happened ----------------------------------------------------------------------------

  /** Every frame sent or injected so far, in order. */
  public List<CapturedFrame> frames() {
    return Collections.unmodifiableList(frames);
  }

  /** The frames {@code host} sent. */
  public List<CapturedFrame> framesFrom(String host) {
    return frames.stream().filter(f -> f.host().equals(host)).toList();
  }

  /** Forgets the captured frames (not the transitions or logs). */
  public void clearFrames() {
    frames.clear();
  }

  /** Every state transition so far, with its host. */
  public List<HostTransition> transitions() {
    return Collections.unmodifiableList(transitions);
  }

  /** Every log line so far, with its host. */
  public List<HostLog> logs() {
    return Collections.unmodifiableList(logs);
  }

  /** The log lines of {@code host}, text only. */
  public List<String> logTexts(String host) {
    return logs.stream().filter(l -> l.host().equals(host)).map(l -> l.line().text()).toList();
  }
}
