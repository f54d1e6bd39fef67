package org.carpsim.conformance.live;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.carpsim.carp.node.NodeEnvironment;
import org.carpsim.carp.node.NodeTimer;

/**
 * The real-time side of the node seam: one event thread on which everything the node does
 * happens — timer expiries, received frames, commands — so the node, which is not thread-safe,
 * is only ever touched by that thread. {@link #now()} is {@link System#nanoTime()}.
 *
 * <p>Frames the node transmits go to the {@code wire} callback (pcap injection) on the event
 * thread; they are never looped back into the node.
 */
public final class RealTimeEnvironment implements NodeEnvironment, AutoCloseable {

  private final ScheduledThreadPoolExecutor loop;
  private final BiConsumer<String, byte[]> wire;
  private final SplittableRandom random;
  private volatile Thread eventThread;

  /**
   * @param wire where transmitted frames go: (NIC name, frame)
   * @param seed the node's random stream (counters, cookies, IP ids)
   */
  public RealTimeEnvironment(BiConsumer<String, byte[]> wire, long seed) {
    this.wire = Objects.requireNonNull(wire, "wire");
    this.random = new SplittableRandom(seed);
    this.loop = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "carp-node-events");
      t.setDaemon(true);
      eventThread = t;
      return t;
    });
    loop.setRemoveOnCancelPolicy(true);
    loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** An environment seeded from the OS's secure random source. */
  public RealTimeEnvironment(BiConsumer<String, byte[]> wire) {
    this(wire, new SecureRandom().nextLong());
  }

  @Override
  public long now() {
    return System.nanoTime();
  }

  @Override
  public NodeTimer newTimer(Runnable action) {
    return new Timer(Objects.requireNonNull(action, "action"));
  }

  @Override
  public void transmit(String nic, byte[] frame) {
    wire.accept(nic, frame);
  }

  @Override
  public long randomLong() {
    return random.nextLong();
  }

  /** Runs {@code event} later on the event thread (received frames, carrier changes). */
  public void post(Runnable event) {
    if (!loop.isShutdown()) {
      loop.execute(guarded(event));
    }
  }

  /** Runs {@code task} on the event thread and waits for its result (commands, queries). */
  public <T> T call(Callable<T> task) {
    if (Thread.currentThread() == eventThread) {
      try {
        return task.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    Future<T> f = loop.submit(task);
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the event thread");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static Runnable guarded(Runnable r) {
    return () -> {
      try {
        r.run();
      } catch (RuntimeException | LinkageError e) {
        // One bad event must not stop the loop (a dead event thread would silence the node); a class
        // that cannot be loaded (a jar replaced under a running JVM) is said, not swallowed.
        System.err.println("carpsim: event failed: " + e);
      }
    };
  }

  /** Stops the event thread; pending timers never fire. */
  @Override
  public void close() {
    loop.shutdownNow();
    try {
      loop.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A one-shot timer on the event loop; only the event thread arms and cancels it. */
  private final class Timer implements NodeTimer {
    private final Runnable action;
    private ScheduledFuture<?> pending;
    private boolean armed;

    Timer(Runnable action) {
      this.action = action;
    }

    @Override
    public void armAfter(long delayNanos) {
      cancel();
      if (loop.isShutdown()) {
        return;
      }
      armed = true;
      pending = loop.schedule(this::fire, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    private void fire() {
      if (!armed) {
        return;
      }
      armed = false;
      pending = null;
      guarded(action).run();
    }

    @Override
    public void cancel() {
      armed = false;
      if (pending != null) {
        pending.cancel(false);
        pending = null;
      }
    }

    @Override
    public boolean isArmed() {
      return armed;
    }
  }
}
