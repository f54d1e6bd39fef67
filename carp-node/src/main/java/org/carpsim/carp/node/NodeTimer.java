package org.carpsim.carp.node;

/**
 * A re-armable one-shot timer given to the node by its environment, like a kernel timeout: arming
 * an armed timer moves it, cancelling an unarmed one does nothing.
 */
public interface NodeTimer {

  /** Fires the timer's action {@code delayNanos} from the environment's now. */
  void armAfter(long delayNanos);

  /** Disarms the timer; it will not fire until armed again. */
  void cancel();

  /** True while the timer is armed and has not fired yet. */
  boolean isArmed();
}
