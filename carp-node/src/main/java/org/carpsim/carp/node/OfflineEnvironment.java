package org.carpsim.carp.node;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * A world where time moves only when the caller says, timers never fire and nothing is sent: for
 * typing a configuration into a node to read back what it made of it (its interfaces, vhids,
 * addresses, sysctls) without running it.
 */
public final class OfflineEnvironment implements NodeEnvironment {

  private final LongSupplier clock;
  private final SplittableRandom random;

  /** Time stands at 0. */
  public OfflineEnvironment() {
    this(() -> 0);
  }

  /** Time is whatever {@code clock} says (the caller moves it). */
  public OfflineEnvironment(LongSupplier clock) {
    this.clock = clock;
    this.random = new SplittableRandom(1);
  }

  @Override
  public long now() {
    return clock.getAsLong();
  }

  @Override
  public NodeTimer newTimer(Runnable action) {
    return new NodeTimer() {
      private boolean armed;

      @Override
      public void armAfter(long delayNanos) {
        armed = true;
      }

      @Override
      public void cancel() {
        armed = false;
      }

      @Override
      public boolean isArmed() {
        return armed;
      }
    };
  }

  @Override
  public void transmit(String nic, byte[] frame) {}

  @Override
  public long randomLong() {
    return random.nextLong();
  }
}
