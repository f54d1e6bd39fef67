package org.carpsim.scenario.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.carpsim.scenario.run.RunOptions;
import org.carpsim.scenario.run.ScenarioRunner;
import org.carpsim.sim.history.FrameRecording;

/**
 * Runs a {@link SweepPlan}: every case of the plan's shard on a fixed pool of threads, each run
 * single-threaded and independent. Results are gathered in case order, so the result does not
 * depend on the number of threads or their timing.
 */
public final class Sweep {

  /** Runs keep no frames: the figures come from state changes, ARP answers and counters. */
  private static final RunOptions OPTIONS = new RunOptions(FrameRecording.NONE, java.util.Optional.empty());

  private Sweep() {}

  /** Runs the plan on {@code threads} threads. */
  public static SweepResult run(SweepPlan plan, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "carpsim-sweep");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<CaseResult>> futures = new ArrayList<>();
      long seeds = plan.seedCount();
      for (int c = 0; c < plan.combinations().size(); c++) {
        for (long s = 0; s < seeds; s++) {
          if (!plan.shard().runs(c * seeds + s)) {
            continue;
          }
          int combination = c;
          long seed = plan.firstSeed() + s;
          futures.add(pool.submit(() -> {
            AdvertisementGaps gaps = new AdvertisementGaps();
            return CaseResult.of(combination,
                ScenarioRunner.run(plan.scenario(combination).withSeed(seed), OPTIONS.withListener(gaps)),
                gaps.takeovers());
          }));
        }
      }
      List<CaseResult> cases = new ArrayList<>(futures.size());
      for (Future<CaseResult> f : futures) {
        cases.add(f.get());
      }
      return new SweepResult(plan.base().name(), plan.base().file(), plan.digest(), plan.firstSeed(),
          plan.lastSeed(), plan.knobs(), plan.shard(), cases);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sweep interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a run failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
