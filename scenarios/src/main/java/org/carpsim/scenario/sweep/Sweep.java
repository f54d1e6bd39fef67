package org.carpsim.scenario.sweep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.carpsim.scenario.run.RunOptions;
import org.carpsim.scenario.run.ScenarioRunner;
import org.carpsim.sim.history.FrameRecording;

/**
 * Runs a {@link SweepPlan}: every case of the plan's shard on a fixed pool of threads, each run
 * single-threaded and independent. Results are ordered by case, so the result does not depend on
 * the number of threads or their timing. A sweep reports each finished case as it goes, and stops
 * when asked: the runs in flight are dropped and the cases finished so far are the (partial) result.
 */
public final class Sweep {

  /** Runs keep no frames: the figures come from state changes, ARP answers and counters. */
  private static final RunOptions OPTIONS = new RunOptions(FrameRecording.NONE, java.util.Optional.empty());
  /** How often a stop request is looked at while runs are in flight. */
  private static final long POLL_MILLIS = 50;

  /** Told of each finished case: how many are done of how many this call runs. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (done, total) -> { };

    void caseDone(long done, long total);
  }

  private Sweep() {}

  /** Runs the whole plan on {@code threads} threads. */
  public static SweepResult run(SweepPlan plan, int threads) {
    return run(plan, threads, Set.of(), Progress.NONE, () -> false);
  }

  /**
   * Runs the plan's cases but those in {@code done} (pairs {@code combination:seed} of an earlier,
   * partial result), telling {@code progress} of each, until all are finished or {@code stop} says
   * so. The result holds only the cases this call finished.
   */
  public static SweepResult run(SweepPlan plan, int threads, Set<String> done, Progress progress,
      BooleanSupplier stop) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "carpsim-sweep");
      t.setDaemon(true);
      return t;
    });
    try {
      CompletionService<CaseResult> finished = new ExecutorCompletionService<>(pool);
      List<Future<CaseResult>> futures = new ArrayList<>();
      long seeds = plan.seedCount();
      for (int c = 0; c < plan.combinations().size(); c++) {
        for (long s = 0; s < seeds; s++) {
          long seed = plan.firstSeed() + s;
          if (!plan.shard().runs(c * seeds + s) || done.contains(CaseResult.key(c, seed))) {
            continue;
          }
          int combination = c;
          futures.add(finished.submit(() -> {
            AdvertisementGaps gaps = new AdvertisementGaps();
            return CaseResult.of(combination,
                ScenarioRunner.run(plan.scenario(combination).withSeed(seed), OPTIONS.withListener(gaps)),
                gaps.takeovers());
          }));
        }
      }
      List<CaseResult> cases = new ArrayList<>(futures.size());
      while (cases.size() < futures.size() && !stop.getAsBoolean()) {
        Future<CaseResult> f = finished.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (f != null) {
          cases.add(f.get());
          progress.caseDone(cases.size(), futures.size());
        }
      }
      return new SweepResult(plan.base().name(), plan.base().file(), plan.digest(), plan.firstSeed(),
          plan.lastSeed(), plan.knobs(), plan.shard(), cases);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sweep interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a run failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow(); // runs still in flight are dropped: their threads are daemons
    }
  }

  /** The cases of {@code r} as {@code combination:seed} keys, what {@link #run} skips when resuming. */
  public static Set<String> doneIn(SweepResult r) {
    Set<String> out = new HashSet<>();
    r.cases().forEach(c -> out.add(c.key()));
    return out;
  }
}
