package org.carpsim.bench;

import java.util.concurrent.TimeUnit;
import org.carpsim.scenario.generate.ScenarioGenerator;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.scenario.run.RunOptions;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.ScenarioRunner;
import org.carpsim.sim.time.Durations;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole runs of generated scenarios, end to end as {@code carpsim run} does them (world built,
 * every host booted and configured, the fault timeline played, every expectation judged), without
 * parsing: the scenario is generated and parsed once per trial. The score is the wall time of one
 * run; virtual time divided by it is the speed against real time.
 *
 * <p>{@code threads}: {@code world} runs the scenario as one world ({@link
 * ScenarioRunner#runAsOneWorld}, for comparison), {@code 1} and {@code 2} run it as {@code carpsim
 * run} does, its independent parts on that many threads ({@link ScenarioRunner#run}).
 *
 * <ul>
 *   <li>{@code small}: 4 segments, 40 groups of 3 (120 hosts), 10 minutes with faults.
 *   <li>{@code medium}: 100 segments, 1,000 groups of 3 (3,000 hosts), 5 minutes with faults: the
 *       issue's 3,000-host scenario, shortened to keep an iteration short.
 *   <li>{@code hour} (only when asked for with {@code -p size=hour}): the same for one hour, the
 *       scenario of {@code carpsim generate --segments 100 --groups 1000 --hosts-per-group 3
 *       --duration 1h --seed 1}. With {@code -wi 0} the first iteration is a fresh JVM's.
 * </ul>
 *
 * <p>{@code clients}: traffic clients per segment, each sending a packet a second to its group's
 * VIP ({@code carpsim generate --clients-per-segment N}); {@code -p clients=300} on {@code medium}
 * or {@code hour} is the campus with traffic from 30,000 clients. {@code switches}: learning
 * switches instead of hubs.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar GeneratedRunBenchmark -f 1 -wi 2 -i 5
 * java -jar benchmarks/target/benchmarks.jar GeneratedRunBenchmark -p size=medium -p threads=world -p clients=300
 * java -jar benchmarks/target/benchmarks.jar GeneratedRunBenchmark -p size=medium -p threads=2
 * java -jar benchmarks/target/benchmarks.jar GeneratedRunBenchmark -p size=hour -p threads=world,1,2 -wi 0 -i 3
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class GeneratedRunBenchmark {

  /** One generated scenario, parsed. */
  @State(Scope.Benchmark)
  public static class Generated {
    @Param({"small", "medium"})
    public String size;

    @Param({"openbsd"})
    public String profile;

    @Param({"world", "1", "2"})
    public String threads;

    @Param({"0"})
    public int clients;

    @Param({"false"})
    public boolean switches;

    Scenario scenario;

    @Setup(Level.Trial)
    public void generate() {
      ScenarioGenerator.Spec spec = switch (size) {
        case "small" -> spec(4, 40, Durations.parse("10m"));
        case "medium" -> spec(100, 1000, Durations.parse("5m"));
        case "hour" -> spec(100, 1000, Durations.parse("1h"));
        default -> throw new IllegalArgumentException("size " + size + ": expected small, medium or hour");
      };
      scenario = ScenarioParser.parse("generated.carp", ScenarioGenerator.generate(spec));
    }

    private ScenarioGenerator.Spec spec(int segments, int groups, long duration) {
      return new ScenarioGenerator.Spec(segments, groups, 3, profile, duration, 1,
          ScenarioGenerator.defaultFaults(groups, duration)).withClients(clients, Durations.SECOND, "linux")
          .withSwitches(switches);
    }
  }

  @Benchmark
  public RunResult run(Generated generated) {
    RunResult result = generated.threads.equals("world") ? ScenarioRunner.runAsOneWorld(generated.scenario)
        : ScenarioRunner.run(generated.scenario, RunOptions.DEFAULT.withThreads(Integer.parseInt(generated.threads)));
    if (!result.passed()) {
      throw new IllegalStateException("an expectation failed: the benchmark measures a broken run");
    }
    return result;
  }
}
