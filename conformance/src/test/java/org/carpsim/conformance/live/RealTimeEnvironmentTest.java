package org.carpsim.conformance.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.carpsim.carp.node.NodeTimer;
import org.junit.jupiter.api.Test;

/** The real-time seam: one event thread for timers, posted events and calls; cancel and re-arm semantics. */
class RealTimeEnvironmentTest {

  @Test
  void timersPostsAndCallsAllRunOnTheOneEventThread() throws Exception {
    List<Thread> threads = new CopyOnWriteArrayList<>();
    try (RealTimeEnvironment env = new RealTimeEnvironment((nic, frame) -> threads.add(Thread.currentThread()), 1)) {
      CountDownLatch done = new CountDownLatch(2);
      NodeTimer t = env.newTimer(() -> {
        threads.add(Thread.currentThread());
        env.transmit("eth0", new byte[60]);
        done.countDown();
      });
      env.call(() -> {
        t.armAfter(1_000_000);
        return null;
      });
      env.post(() -> {
        threads.add(Thread.currentThread());
        done.countDown();
      });
      assertTrue(done.await(5, TimeUnit.SECONDS), "timer and posted event did not run");
      Thread callThread = env.call(Thread::currentThread);
      assertEquals(3, threads.size());
      for (Thread th : threads) {
        assertSame(callThread, th);
      }
      assertFalse(callThread == Thread.currentThread());
    }
  }

  @Test
  void aCancelledTimerNeverFiresAndReArmingMovesIt() throws Exception {
    List<String> fired = new CopyOnWriteArrayList<>();
    try (RealTimeEnvironment env = new RealTimeEnvironment((nic, frame) -> {}, 1)) {
      NodeTimer cancelled = env.newTimer(() -> fired.add("cancelled"));
      NodeTimer moved = env.newTimer(() -> fired.add("moved"));
      CountDownLatch marker = new CountDownLatch(1);
      NodeTimer last = env.newTimer(marker::countDown);
      env.call(() -> {
        cancelled.armAfter(5_000_000);
        cancelled.cancel();
        moved.armAfter(1_000_000);
        moved.armAfter(20_000_000); // moves, does not add a second expiry
        last.armAfter(60_000_000);
        assertTrue(moved.isArmed());
        assertFalse(cancelled.isArmed());
        return null;
      });
      assertTrue(marker.await(5, TimeUnit.SECONDS));
      assertEquals(List.of("moved"), fired);
      assertFalse(env.call(moved::isArmed), "a fired timer is disarmed");
    }
  }

  @Test
  void theRandomStreamIsSeeded() {
    try (RealTimeEnvironment a = new RealTimeEnvironment((n, f) -> {}, 7);
        RealTimeEnvironment b = new RealTimeEnvironment((n, f) -> {}, 7)) {
      assertEquals(a.randomLong(), b.randomLong());
    }
  }
}
