package org.carpsim.sim.engine;

/**
 * The timers of one owner (a simulated host): all of them can be killed at once, as a crash kills
 * a machine's kernel timeouts.
 *
 * <p>{@link #suspend()} cancels every armed timer of the group and starts a new epoch; timers made
 * before it stay dead for good (arming them does nothing), so a callback that survived the crash in
 * some old object cannot bring a dead host's state back to life. {@link #resume()} lets the group
 * make and arm new timers again (a boot). The group tracks its armed timers in an intrusive list,
 * so arming, firing and cancelling cost what they cost a free-standing timer and allocate
 * nothing, and a crash costs O(armed timers of this group).
 */
public final class TimerGroup {

  private final Scheduler scheduler;
  private final String name;
  boolean active = true;
  long epoch;
  /** While held ({@link #holdUntil}): nothing of the group fires before this instant; else -1. */
  long heldUntil = -1;
  private Timer armedHead;
  private int armedCount;

  TimerGroup(Scheduler scheduler, String name) {
    this.scheduler = scheduler;
    this.name = name;
  }

  /** The owner's name, for messages. */
  public String name() {
    return name;
  }

  /** A new, disarmed timer of this group running {@code action} when it fires. */
  public Timer newTimer(Runnable action) {
    return new Timer(scheduler, action, this, epoch);
  }

  /**
   * A one-shot timer of this group firing at {@code instant}; does nothing while the group is
   * suspended (the returned timer is then never armed).
   */
  public Timer schedule(long instant, Runnable action) {
    Timer timer = newTimer(action);
    timer.armAt(instant);
    return timer;
  }

  /** A one-shot timer of this group firing {@code delay} nanoseconds from now. */
  public Timer scheduleAfter(long delay, Runnable action) {
    Timer timer = newTimer(action);
    timer.armAfter(delay);
    return timer;
  }

  /**
   * Cancels every armed timer of the group, starts a new epoch and refuses arming until {@link
   * #resume()}.
   *
   * @return how many armed timers were cancelled
   */
  public int suspend() {
    int cancelled = cancelAll();
    heldUntil = -1;
    active = false;
    epoch++;
    return cancelled;
  }

  /**
   * Holds the group until {@code until}, as a stunned VM's kernel holds its callouts: every armed
   * timer due by then is moved to {@code until}, keeping the order in which they would have fired,
   * and any arming before {@link #release()} is for {@code until} at the earliest. Timers due later
   * keep their deadlines. Holding again extends the hold. Costs O(armed timers of this group) here
   * and nothing on the scheduler's path: arming a held timer takes the slow branch that a dead
   * timer takes.
   *
   * @return how many timers fell due during the hold (moved to {@code until})
   */
  public int holdUntil(long until) {
    if (!active && heldUntil < 0) {
      throw new IllegalStateException(name + " is suspended: a powered-off host cannot be held");
    }
    java.util.List<Timer> due = new java.util.ArrayList<>();
    for (Timer t = armedHead; t != null; t = t.nextArmed) {
      if (t.deadline <= until) {
        due.add(t);
      }
    }
    due.sort(java.util.Comparator.<Timer>comparingLong(t -> t.deadline).thenComparingLong(t -> t.key));
    heldUntil = Math.max(heldUntil, until);
    active = true; // arm the moved timers normally, in their firing order (their new keys keep it)
    for (Timer t : due) {
      scheduler.arm(t, heldUntil);
    }
    active = false;
    return due.size();
  }

  /** Ends a {@link #holdUntil} hold: timers are armed for the times asked again. */
  public void release() {
    if (heldUntil >= 0) {
      heldUntil = -1;
      active = true;
    }
  }

  /** True while held by {@link #holdUntil}. */
  public boolean isHeld() {
    return heldUntil >= 0;
  }

  /** Accepts new timers again after {@link #suspend()}; timers made before it stay dead. */
  public void resume() {
    active = true;
  }

  /**
   * Cancels every armed timer of the group without ending the epoch (the timers can be re-armed).
   *
   * @return how many were cancelled
   */
  public int cancelAll() {
    int cancelled = 0;
    while (armedHead != null) {
      Timer timer = armedHead;
      if (scheduler.cancel(timer)) {
        cancelled++;
      } else {
        unlink(timer); // defensive: never leave a timer in the list that the heap does not hold
      }
    }
    return cancelled;
  }

  /** True unless {@link #suspend()}ed and not yet resumed (a held group is active). */
  public boolean isActive() {
    return active || heldUntil >= 0;
  }

  /** The number of times the group was suspended; timers remember the epoch they were made in. */
  public long epoch() {
    return epoch;
  }

  /** How many timers of the group are armed right now. */
  public int armedCount() {
    return armedCount;
  }

  void link(Timer timer) {
    timer.previousArmed = null;
    timer.nextArmed = armedHead;
    if (armedHead != null) {
      armedHead.previousArmed = timer;
    }
    armedHead = timer;
    armedCount++;
  }

  void unlink(Timer timer) {
    Timer previous = timer.previousArmed;
    Timer next = timer.nextArmed;
    if (previous == null) {
      armedHead = next;
    } else {
      previous.nextArmed = next;
    }
    if (next != null) {
      next.previousArmed = previous;
    }
    timer.previousArmed = null;
    timer.nextArmed = null;
    armedCount--;
  }

  @Override
  public String toString() {
    return "TimerGroup[" + name + (heldUntil >= 0 ? ", held until " + heldUntil + "ns" : active ? "" : ", suspended") + ", epoch " + epoch + ", " + armedCount + " armed]";
  }
}
