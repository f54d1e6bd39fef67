package org.carpsim.bench;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.carpsim.sim.engine.Scheduler;
import org.carpsim.sim.engine.Timer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The classic hold model (as ns-3's {@code bench-scheduler}): a fixed population of pending
 * events; each step pops the earliest, runs it, and the event schedules itself again at now + a
 * delay read from a pre-drawn table (so random number generation does not dominate). Our scheduler
 * against a {@link PriorityQueue} of (time, sequence) events doing the same work, in the same run.
 * The score is events per second.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SchedulerBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SchedulerBenchmark {

  /** Events per benchmark invocation: large enough to hide the call overhead. */
  static final int BATCH = 1_000;
  static final int TABLE_SIZE = 1 << 16;
  static final long MEAN_DELAY_NANOS = 1_000;

  /** The pre-drawn delays shared by both contenders. */
  @State(Scope.Thread)
  public static class Delays {
    @Param({"exponential", "uniform"})
    public String distribution;

    long[] table;
    int cursor;

    @Setup(Level.Trial)
    public void draw() {
      SplittableRandom random = new SplittableRandom(42);
      table = new long[TABLE_SIZE];
      for (int i = 0; i < TABLE_SIZE; i++) {
        table[i] = "uniform".equals(distribution)
            ? random.nextLong(2 * MEAN_DELAY_NANOS + 1)
            : Math.round(-Math.log(1 - random.nextDouble()) * MEAN_DELAY_NANOS);
      }
    }

    long next() {
      return table[cursor++ & (TABLE_SIZE - 1)];
    }
  }

  /** carpsim's scheduler (a small heap and time buckets) with re-armable timers. */
  @State(Scope.Thread)
  public static class Carpsim {
    @Param({"1000", "100000", "1000000"})
    public int population;

    Scheduler scheduler;

    @Setup(Level.Trial)
    public void fill(Delays delays) {
      scheduler = new Scheduler(population);
      for (int i = 0; i < population; i++) {
        Hold hold = new Hold(delays);
        hold.timer = scheduler.newTimer(hold);
        hold.timer.armAfter(delays.next());
      }
      scheduler.runEvents(population); // reach the steady-state spread of times
    }
  }

  /** An event source owning its timer, as a node owns its timeouts (timer -> action -> timer). */
  static final class Hold implements Runnable {
    final Delays delays;
    Timer timer;

    Hold(Delays delays) {
      this.delays = delays;
    }

    @Override
    public void run() {
      timer.armAfter(delays.next());
    }
  }

  /** The baseline: java.util.PriorityQueue of events ordered by (time, sequence). */
  @State(Scope.Thread)
  public static class Baseline {
    @Param({"1000", "100000", "1000000"})
    public int population;

    PriorityQueue<Event> queue;
    long now;
    long sequence;
    Delays delays;

    @Setup(Level.Trial)
    public void fill(Delays sharedDelays) {
      delays = sharedDelays;
      queue = new PriorityQueue<>(population);
      for (int i = 0; i < population; i++) {
        Event event = new Event();
        event.action = () -> reschedule(event);
        event.time = delays.next();
        event.sequence = sequence++;
        queue.add(event);
      }
      for (int i = 0; i < population; i++) {
        step();
      }
    }

    void step() {
      Event event = queue.poll();
      now = event.time;
      event.action.run();
    }

    void reschedule(Event event) {
      event.time = now + delays.next();
      event.sequence = sequence++;
      queue.add(event);
    }
  }

  /** A baseline event owning its action (event -> action -> event). */
  static final class Event implements Comparable<Event> {
    long time;
    long sequence;
    Runnable action;

    @Override
    public int compareTo(Event other) {
      int byTime = Long.compare(time, other.time);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long carpsimScheduler(Carpsim state) {
    state.scheduler.runEvents(BATCH);
    return state.scheduler.now();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long priorityQueue(Baseline state) {
    for (int i = 0; i < BATCH; i++) {
      state.step();
    }
    return state.now;
  }
}
