package org.carpsim.sim.engine;

/**
 * A re-armable timer: one action, fired at most once per arming, like a kernel timeout.
 *
 * <p>Arming an armed timer moves it; cancelling disarms it. Neither allocates: cancelling and
 * moving a timer later are O(1), moving it earlier is O(log n) in the number of pending events (see
 * {@link Scheduler} for how). A timer may re-arm itself from inside its own action (the common
 * "periodic" pattern), which costs a single heap adjustment.
 *
 * <pre>{@code
 * Timer advert = scheduler.newTimer(() -> { sendAdvert(); advert.armAfter(interval); });
 * advert.armAfter(interval);
 * ...
 * advert.cancel();
 * }</pre>
 *
 * <p>A timer made by a {@link TimerGroup} belongs to that group: it dies with the group's {@link
 * TimerGroup#suspend()} (a host crash) and ignores arming requests made after it, even once the
 * group is resumed, since those come from state that the crash destroyed.
 */
public final class Timer {

  /** The carrierKey of a timer that no entry stands for. */
  static final long NO_CARRIER = -1;

  final Scheduler scheduler;
  final Runnable action;
  final TimerGroup group;
  final long epoch;
  /** True while the timer will fire (false while its own action runs, until it re-arms). */
  boolean armed;
  /** When it fires, if armed. */
  long deadline;
  /** The sequence number of its latest arming. */
  long key;
  /** The sequence number and time of its carrier, the entry that stands for it, or NO_CARRIER. */
  long carrierKey = NO_CARRIER;
  long carrierTime;
  Timer previousArmed;
  Timer nextArmed;

  Timer(Scheduler scheduler, Runnable action, TimerGroup group, long epoch) {
    if (action == null) {
      throw new NullPointerException("a timer needs an action");
    }
    this.scheduler = scheduler;
    this.action = action;
    this.group = group;
    this.epoch = epoch;
  }

  /**
   * Arms the timer to fire at {@code instant} (nanoseconds of virtual time), replacing any earlier
   * arming. Among events at the same instant, the one armed first runs first.
   *
   * @throws IllegalArgumentException if {@code instant} is before the scheduler's current time
   */
  public void armAt(long instant) {
    scheduler.arm(this, instant);
  }

  /**
   * Arms the timer to fire {@code delay} nanoseconds from now, replacing any earlier arming.
   *
   * @throws IllegalArgumentException if {@code delay} is negative or now + delay overflows
   */
  public void armAfter(long delay) {
    if (delay < 0) {
      throw new IllegalArgumentException("a timer cannot be armed with a negative delay (" + delay + "ns)");
    }
    long now = scheduler.now();
    long at = now + delay;
    if (at < now) {
      throw new IllegalArgumentException(
          "now + delay overflows virtual time (delay " + delay + "ns at " + now + "ns)");
    }
    scheduler.arm(this, at);
  }

  /**
   * Disarms the timer.
   *
   * @return true if it was armed (and will now not fire), false if it was not armed
   */
  public boolean cancel() {
    return scheduler.cancel(this);
  }

  /** True if the timer will fire (a timer whose action is running is not armed until re-armed). */
  public boolean isArmed() {
    return armed;
  }

  /**
   * The instant at which the timer fires.
   *
   * @throws IllegalStateException if it is not armed
   */
  public long deadline() {
    if (!isArmed()) {
      throw new IllegalStateException("the timer is not armed");
    }
    return deadline;
  }

  /** The scheduler the timer runs on. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** The group that owns this timer, or null for a free-standing timer. */
  public TimerGroup group() {
    return group;
  }

  /**
   * Whether arming requests are honoured as asked: false for a group timer after the group was
   * suspended, and while it is held (then {@link #heldUntil} says when it may fire at the earliest).
   */
  boolean alive() {
    return group == null || (group.active && group.epoch == epoch);
  }

  /** The instant a held group's timer may fire at the earliest, or -1 if it is not held. */
  long heldUntil() {
    return group != null && group.epoch == epoch ? group.heldUntil : -1;
  }

  @Override
  public String toString() {
    return isArmed() ? "Timer[armed at " + deadline() + "ns]" : "Timer[disarmed]";
  }
}
