package org.carpsim.sim.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.carpsim.sim.engine.Timer;
import org.carpsim.sim.engine.TimerGroup;
import org.carpsim.sim.topology.TopologyException;

/**
 * A simulated host: its NICs, its power state, its timers and the {@link HostStack} it runs.
 *
 * <p>Timers made through the host ({@link #newTimer}, {@link #schedule}) belong to it: a crash
 * cancels them all and leaves them dead for good (see {@link TimerGroup}); the {@link #epoch()}
 * changes at every crash, so a stack can tag its own callbacks and ignore stale ones. Hosts are up
 * from time 0.
 */
public final class Host {

  final World world;
  final String name;
  final TimerGroup timers;
  final SplittableRandom random;
  final List<Nic> nics = new ArrayList<>();
  private final List<Nic> nicsView = Collections.unmodifiableList(nics);
  boolean up = true;
  /** Up and not paused: frames and carrier changes reach the stack now (one test on the frame path). */
  boolean running = true;
  /** While paused: when it resumes and what reached it meanwhile; null otherwise. */
  Stall stall;
  /** The most a timer of the host's stack fires late (uniform 0 … this, in ns); 0: on time. */
  long timerJitter;
  private SplittableRandom jitterRandom;
  /** How far the host's wall clock (gettimeofday) is from virtual time, after clock steps. */
  long clockOffset;
  HostStack stack;

  Host(World world, String name, TimerGroup timers, SplittableRandom random) {
    this.world = world;
    this.name = name;
    this.timers = timers;
    this.random = random;
  }

  /** The host's name. */
  public String name() {
    return name;
  }

  /** The world the host lives in. */
  public World world() {
    return world;
  }

  /** The host's NICs, in declaration order. */
  public List<Nic> nics() {
    return nicsView;
  }

  /** The NIC called {@code name} on this host, e.g. {@code em0}. */
  public Nic nic(String nicName) {
    for (Nic nic : nics) {
      if (nic.name().equals(nicName)) {
        return nic;
      }
    }
    List<String> names = new ArrayList<>();
    for (Nic nic : nics) {
      names.add(nic.name());
    }
    throw new TopologyException("unknown NIC " + name + "." + nicName + " (" + name + " has "
        + (names.isEmpty() ? "no NICs" : String.join(", ", names)) + ")");
  }

  /** True unless crashed. */
  public boolean isUp() {
    return up;
  }

  /** True while paused (a stunned VM): no timer fires, frames wait in its NICs' receive rings. */
  public boolean isPaused() {
    return stall != null;
  }

  /** When a paused host resumes, or -1 if it is not paused. */
  public long pausedUntil() {
    return stall == null ? -1 : stall.until;
  }

  /** The most a timer of the host's stack fires late (see {@link #timerLateness()}); 0 by default. */
  public long timerJitter() {
    return timerJitter;
  }

  /**
   * How late a timer armed now fires: 0 without timer jitter, else a uniform draw from 0 … {@link
   * #timerJitter()} ns from the host's stream {@code "timers NAME"} (its own, so that jitter leaves
   * the host's packet identifiers as they were). Stacks add it to the delays they arm.
   */
  public long timerLateness() {
    if (timerJitter == 0) {
      return 0;
    }
    if (jitterRandom == null) {
      jitterRandom = world.random().forEntity("timers " + name);
    }
    return jitterRandom.nextLong(timerJitter + 1);
  }

  /**
   * The host's wall clock (gettimeofday), in ns: virtual time plus every clock step so far. Kernel
   * timers run on monotonic ticks and never read it; a daemon that keeps its deadlines as
   * timevals does.
   */
  public long wallClock() {
    return world.now() + clockOffset;
  }

  /** Changes at every crash; callbacks made in an older epoch are stale. */
  public long epoch() {
    return timers.epoch();
  }

  /** The current virtual time. */
  public long now() {
    return world.now();
  }

  /** The host's own random stream (entity {@code "host NAME"}), e.g. for randomised timers. */
  public SplittableRandom random() {
    return random;
  }

  /** The host's timer group (all of its timers). */
  public TimerGroup timers() {
    return timers;
  }

  /** A new timer of this host, killed by a crash. */
  public Timer newTimer(Runnable action) {
    return timers.newTimer(action);
  }

  /** Runs {@code action} at {@code instant} unless the host crashes first. */
  public Timer schedule(long instant, Runnable action) {
    return timers.schedule(instant, action);
  }

  /** Runs {@code action} after {@code delay} nanoseconds unless the host crashes first. */
  public Timer scheduleAfter(long delay, Runnable action) {
    return timers.scheduleAfter(delay, action);
  }

  /**
   * Installs the host's software; if the host is up it boots at once ({@link HostStack#onBoot}).
   * Replaces an earlier stack (whose timers are left alone).
   */
  public void install(HostStack newStack) {
    this.stack = newStack;
    if (up && newStack != null) {
      newStack.onBoot(this);
    }
  }

  /** The installed stack, or null. */
  public HostStack stack() {
    return stack;
  }

  @Override
  public String toString() {
    return "Host[" + name + (up ? stall != null ? ", paused" : "" : ", crashed") + ", " + nics.size() + " NICs]";
  }
}
