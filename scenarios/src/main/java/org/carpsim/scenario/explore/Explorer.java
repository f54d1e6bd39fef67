package org.carpsim.scenario.explore;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.Segment;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.scenario.parse.ScenarioException;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.scenario.run.RunOptions;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.ScenarioRunner;
import org.carpsim.sim.history.FrameRecording;
import org.carpsim.sim.time.Durations;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * {@code carpsim explore}: draws random fault schedules (crashes and boots, link flaps, partitions and
 * heals, loss bursts, advskew changes, bow-outs, group demotions where the profile has them) for a scenario's hosts and segments, runs each, and
 * checks the {@link Invariants}. A failing schedule is shrunk ({@link Shrinker}) and returned as a
 * runnable scenario text. Schedules are drawn with QuickTheories generators ({@link #schedules()}) from a
 * fixed seed: same scenario and seed, same cases and same result.
 *
 * <p>The scenario's own expectations are commented out (they were written for its own timeline) and
 * its {@code run} line is replaced: each case runs until its last fault plus twice the convergence
 * window plus 5 s.
 */
public final class Explorer {

  /** How an exploration went. */
  public record Summary(int cases, int faults, long invariantChecks, java.util.Map<String, Long> checksByInvariant,
      Optional<Failure> failure) {}

  /**
   * A violated invariant with the schedule that violates it.
   *
   * @param caseIndex 0-based case that first failed
   * @param invariant the invariant's name
   * @param detail what happened
   * @param original the case's schedule
   * @param shrunk the shrunk schedule
   * @param scenarioText the shrunk schedule as a runnable scenario, with a header naming the invariant
   */
  public record Failure(int caseIndex, String invariant, String detail, List<ExploreFault> original,
      List<ExploreFault> shrunk, String scenarioText) {}

  private static final Pattern EXPECT = Pattern.compile("(?m)^expect\\b");
  private static final Pattern RUN = Pattern.compile("(?m)^run\\b");
  private static final RunOptions OPTIONS = new RunOptions(FrameRecording.NONE, Optional.empty());
  private static final long MS = Durations.MILLISECOND;
  private static final long SPREAD = 30 * Durations.SECOND;
  private static final int MAX_FAULTS = 4;
  private static final int SHRINK_BUDGET = 300;
  /** Every schedule is drawn without assumptions, so one attempt per case is enough. */
  private static final int GENERATE_ATTEMPTS = 10;

  private final String file;
  private final String text;
  private final Scenario base;
  private final VhostTimers timers;
  private final long window;
  private final List<Gen<ExploreFault>> kinds = new ArrayList<>();
  /** Tests plant a synthetic invariant here to drive the failure path; none by default. */
  java.util.function.BiFunction<RunResult, List<ExploreFault>, Optional<Invariants.Violation>> extraInvariant =
      (r, l) -> Optional.empty();

  /**
   * @param file the scenario's file name
   * @param text its text
   * @param base the scenario parsed from {@code text}
   */
  public Explorer(String file, String text, Scenario base) {
    this.file = file;
    this.text = prepare(text);
    this.base = base;
    this.timers = new VhostTimers(base);
    // Long enough for every backup to time out and every preempting host to take over.
    this.window = timers.worstMasterDown() + (timers.maxAdvbase() + 1) * Durations.SECOND + Durations.SECOND;
    addKinds();
  }

  /** The convergence window: the worst master-down interval plus one advertisement interval plus 1 s. */
  public long window() {
    return window;
  }

  /** Explores {@code cases} schedules drawn from {@code seed}; stops at the first violation. */
  public Summary explore(int cases, long seed) {
    return explore(cases, seed, done -> { });
  }

  /** The same, telling {@code caseDone} how many cases have run after each. */
  public Summary explore(int cases, long seed, java.util.function.IntConsumer caseDone) {
    Invariants inv = new Invariants(base, timers, window);
    int[] faults = {0};
    int[] done = {0};
    List<List<ExploreFault>> failing = new ArrayList<>();
    int drawn = forEachCase(cases, seed, schedule -> {
      caseDone.accept(done[0]++);
      faults[0] += schedule.size();
      if (violation(schedule, inv).isPresent()) {
        failing.add(schedule);
        return false;
      }
      return true;
    });
    caseDone.accept(drawn);
    if (failing.isEmpty()) {
      return new Summary(drawn, faults[0], inv.checks, inv.judged, Optional.empty());
    }
    List<ExploreFault> schedule = failing.get(0);
    int i = drawn - 1;
    String name = violation(schedule, new Invariants(base, timers, window)).orElseThrow().invariant();
    Invariants quiet = new Invariants(base, timers, window);
    List<ExploreFault> shrunk = Shrinker.shrink(schedule,
        l -> violation(l, quiet).map(x -> x.invariant().equals(name)).orElse(false),
        f -> f.simpler(window), SHRINK_BUDGET);
    Invariants.Violation last = violation(shrunk, quiet).orElseThrow();
    String header = "# carpsim explore: invariant violated: " + name + "\n# " + last.detail() + "\n"
        + "# case " + i + " of seed " + seed + ", shrunk from " + schedule.size() + " fault"
        + (schedule.size() == 1 ? "" : "s") + " to " + shrunk.size() + "; the scenario's own expectations are"
        + " commented out.\n";
    String expectation = last.expectation().map(x -> "\n# explore: the violated invariant as an expectation: it fails "
        + "on this run\n" + x + "\n").orElse("");
    return new Summary(drawn, faults[0], inv.checks, inv.judged, Optional.of(new Failure(i, name, last.detail(), schedule,
        shrunk, header + scenarioText(shrunk) + expectation)));
  }

  /** The first {@code cases} schedules of a seed, as {@link #explore} draws them. */
  List<List<ExploreFault>> schedules(int cases, long seed) {
    List<List<ExploreFault>> out = new ArrayList<>();
    forEachCase(cases, seed, out::add);
    return out;
  }

  /**
   * Draws schedules from {@link #schedules()} with QuickTheories' runner, seeded and without its
   * shrinking (ours works on whole faults and keeps the result runnable); stops when {@code next} says
   * so. Returns how many cases ran: QuickTheories never repeats a value, so a scenario with very few
   * possible schedules may run fewer than asked.
   */
  private int forEachCase(int cases, long seed, Predicate<List<ExploreFault>> next) {
    int[] ran = {0};
    RuntimeException[] error = {null};
    try {
      // QuickTheories 0.26 checks one value fewer than its example count when that count is above 1.
      QuickTheory.qt().withFixedSeed(seed).withExamples(cases + 1).withShrinkCycles(0).withUnlimitedTestingTime()
          .withGenerateAttempts(GENERATE_ATTEMPTS).forAll(schedules()).check(schedule -> {
            if (ran[0] == cases) {
              return true;
            }
            ran[0]++;
            try {
              return next.test(schedule);
            } catch (RuntimeException e) {
              error[0] = e;
              return false;
            }
          });
    } catch (AssertionError stopped) {
      // QuickTheories reports a false predicate by throwing; we asked it to stop there.
    }
    if (error[0] != null) {
      throw error[0];
    }
    return ran[0];
  }

  /**
   * A fault schedule: half the cases hold one fault (the takeover invariants are judged only on
   * undisturbed faults), the others two to {@value #MAX_FAULTS}, each of a kind this scenario allows.
   */
  Gen<List<ExploreFault>> schedules() {
    Gen<ExploreFault> fault = Generate.pick(kinds).flatMap(kind -> kind);
    return Generate.booleans().flatMap(single -> single
        ? SourceDSL.lists().of(fault).ofSize(1)
        : SourceDSL.lists().of(fault).ofSizeBetween(2, MAX_FAULTS));
  }

  /** The scenario text of a schedule. */
  public String scenarioText(List<ExploreFault> schedule) {
    StringBuilder b = new StringBuilder(text);
    if (!text.endsWith("\n")) {
      b.append('\n');
    }
    b.append("\n# explore: the fault schedule\n");
    schedule.stream().sorted(Comparator.comparingLong(ExploreFault::at))
        .forEach(f -> f.lines().forEach(l -> b.append(l).append('\n')));
    b.append("run ").append(Durations.format(lastEvent(schedule) + 2 * window + 5 * Durations.SECOND)).append('\n');
    return b.toString();
  }

  /** The first violation of a schedule, if any. */
  Optional<Invariants.Violation> violation(List<ExploreFault> schedule, Invariants inv) {
    Scenario s = ScenarioParser.parse(file, scenarioText(schedule));
    RunResult r = ScenarioRunner.run(s, OPTIONS);
    Optional<Invariants.Violation> v = inv.check(r.view(), schedule, lastEvent(schedule));
    return v.isPresent() ? v : extraInvariant.apply(r, schedule);
  }

  private long lastEvent(List<ExploreFault> schedule) {
    long last = base.timeline().stream().mapToLong(TimelineEvent::at).max().orElse(0);
    for (ExploreFault f : schedule) {
      last = Math.max(last, f.end());
    }
    return last;
  }

  /** When a fault starts: after the convergence window, anywhere in the next 30 s, on a millisecond. */
  private Gen<Long> start() {
    return Generate.longRange(0, SPREAD / MS - 1).map(ms -> window + ms * MS);
  }

  /** How long a fault lasts: 0.2 s to 12.2 s, on a millisecond. */
  private static Gen<Long> duration() {
    return Generate.longRange(0, 11_999).map(ms -> 200 * MS + ms * MS);
  }

  private void addKinds() {
    List<Host> hosts = base.hosts();
    for (Host h : hosts) {
      kinds.add(start().zip(duration(), (at, d) -> new ExploreFault.Crash(h.name(), at, at + d)));
      for (Nic n : h.nics()) {
        kinds.add(start().zip(duration(), (at, d) -> new ExploreFault.LinkFlap(h.name(), n.name(), at, at + d)));
      }
      if (!h.carpInterfaces().isEmpty()
          && accepted(new ExploreFault.Demote(h.name(), 1, window, window + Durations.SECOND))) {
        kinds.add(start().zip(duration(), Generate.range(1, 100),
            (at, d, by) -> new ExploreFault.Demote(h.name(), by, at, at + d)));
      }
      for (String carp : h.carpInterfaces()) {
        if (accepted(new ExploreFault.BowOut(h.name(), carp, window, window + Durations.SECOND))) {
          kinds.add(start().zip(duration(), (at, d) -> new ExploreFault.BowOut(h.name(), carp, at, at + d)));
        }
        List<Integer> free = new ArrayList<>();
        for (int s = 0; s <= 254; s++) {
          if (!timers.skews().contains(s)) {
            free.add(s);
          }
        }
        if (!free.isEmpty() && accepted(new ExploreFault.AdvskewChange(h.name(), carp, free.get(0), window))) {
          kinds.add(Generate.pick(free).zip(start(), (skew, at) -> new ExploreFault.AdvskewChange(h.name(), carp, skew, at)));
        }
      }
    }
    for (Segment s : base.segments()) {
      String restore = BigDecimal.valueOf(s.conditions().loss() * 100).stripTrailingZeros().toPlainString();
      kinds.add(start().zip(duration(), Generate.pick(List.of("10", "30", "50", "100")),
          (at, d, p) -> new ExploreFault.LossBurst(s.name(), p, restore, at, at + d)));
      List<String> members = hosts.stream().filter(h -> !h.nicsOn(s.name()).isEmpty()).map(Host::name).toList();
      if (members.size() >= 2) {
        // A side is a non-empty proper subset of the first 20 members (the rest stay on the other side).
        Gen<Integer> mask = Generate.range(1, (1 << Math.min(members.size(), 20)) - 2);
        kinds.add(start().zip(duration(), mask, (at, d, m) -> {
          List<String> side = new ArrayList<>();
          List<String> other = new ArrayList<>();
          for (int i = 0; i < members.size(); i++) {
            (i < 20 && (m & (1 << i)) != 0 ? side : other).add(members.get(i));
          }
          return new ExploreFault.Partition(s.name(), side, other, at, at + d);
        }));
      }
    }
  }

  /** Whether the host's profile accepts the fault's commands (a demotion or a skew change may not exist there). */
  private boolean accepted(ExploreFault f) {
    try {
      ScenarioParser.parse(file, scenarioText(List.of(f)));
      return true;
    } catch (ScenarioException e) {
      return false;
    }
  }

  /** Comments out the expectations and the run line, keeping every other line as written. */
  static String prepare(String text) {
    String[] lines = text.split("\n", -1);
    StringBuilder b = new StringBuilder();
    boolean continued = false;
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      boolean drop = continued || EXPECT.matcher(l).lookingAt() || RUN.matcher(l).lookingAt();
      if (drop) {
        b.append("# explore: ").append(l);
        continued = l.stripTrailing().endsWith("\\");
      } else {
        b.append(l);
        continued = false;
      }
      if (i < lines.length - 1) {
        b.append('\n');
      }
    }
    return b.toString();
  }
}
