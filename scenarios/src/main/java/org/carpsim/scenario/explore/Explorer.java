package org.carpsim.scenario.explore;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
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

/**
 * {@code carpsim explore}: draws random fault schedules (crashes and boots, link flaps, partitions and
 * heals, loss bursts, advskew changes, bow-outs, group demotions where the profile has them) for a scenario's hosts and segments, runs each, and
 * checks the {@link Invariants}. A failing schedule is shrunk ({@link Shrinker}) and returned as a
 * runnable scenario text. Same scenario and seed, same cases and same result.
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

  private final String file;
  private final String text;
  private final Scenario base;
  private final VhostTimers timers;
  private final long window;
  private final List<java.util.function.Function<SplittableRandom, ExploreFault>> kinds = new ArrayList<>();
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
    Invariants inv = new Invariants(base, timers, window);
    int faults = 0;
    for (int i = 0; i < cases; i++) {
      List<ExploreFault> schedule = draw(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i));
      faults += schedule.size();
      Optional<Invariants.Violation> v = violation(schedule, inv);
      if (v.isPresent()) {
        String name = v.get().invariant();
        Invariants quiet = new Invariants(base, timers, window);
        List<ExploreFault> shrunk = Shrinker.shrink(schedule,
            l -> violation(l, quiet).map(x -> x.invariant().equals(name)).orElse(false),
            f -> f.simpler(window), SHRINK_BUDGET);
        Invariants.Violation last = violation(shrunk, quiet).orElseThrow();
        String header = "# carpsim explore: invariant violated: " + name + "\n# " + last.detail() + "\n"
            + "# case " + i + " of seed " + seed + ", shrunk from " + schedule.size() + " fault"
            + (schedule.size() == 1 ? "" : "s") + " to " + shrunk.size() + "; the scenario's own expectations are"
            + " commented out.\n";
        return new Summary(i + 1, faults, inv.checks, inv.judged, Optional.of(new Failure(i, name, last.detail(), schedule,
            shrunk, header + scenarioText(shrunk))));
      }
    }
    return new Summary(cases, faults, inv.checks, inv.judged, Optional.empty());
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
    Optional<Invariants.Violation> v = inv.check(r.transitions(), schedule, lastEvent(schedule), s.duration());
    return v.isPresent() ? v : extraInvariant.apply(r, schedule);
  }

  private long lastEvent(List<ExploreFault> schedule) {
    long last = base.timeline().stream().mapToLong(TimelineEvent::at).max().orElse(0);
    for (ExploreFault f : schedule) {
      last = Math.max(last, f.end());
    }
    return last;
  }

  List<ExploreFault> draw(SplittableRandom r) {
    // Half the cases hold one fault: the takeover invariants are judged only on undisturbed faults.
    int n = r.nextBoolean() ? 1 : 2 + r.nextInt(MAX_FAULTS - 1);
    List<ExploreFault> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(kinds.get(r.nextInt(kinds.size())).apply(r));
    }
    return out;
  }

  private long start(SplittableRandom r) {
    return window + r.nextLong(SPREAD / MS) * MS;
  }

  private static long duration(SplittableRandom r) {
    return 200 * MS + r.nextLong(12_000) * MS;
  }

  private void addKinds() {
    List<Host> hosts = base.hosts();
    for (Host h : hosts) {
      kinds.add(r -> {
        long at = start(r);
        return new ExploreFault.Crash(h.name(), at, at + duration(r));
      });
      for (Nic n : h.nics()) {
        kinds.add(r -> {
          long at = start(r);
          return new ExploreFault.LinkFlap(h.name(), n.name(), at, at + duration(r));
        });
      }
      if (!h.carpInterfaces().isEmpty()
          && accepted(new ExploreFault.Demote(h.name(), 1, window, window + Durations.SECOND))) {
        kinds.add(r -> {
          long at = start(r);
          return new ExploreFault.Demote(h.name(), 1 + r.nextInt(100), at, at + duration(r));
        });
      }
      for (String carp : h.carpInterfaces()) {
        if (accepted(new ExploreFault.BowOut(h.name(), carp, window, window + Durations.SECOND))) {
          kinds.add(r -> {
            long at = start(r);
            return new ExploreFault.BowOut(h.name(), carp, at, at + duration(r));
          });
        }
        List<Integer> free = new ArrayList<>();
        for (int s = 0; s <= 254; s++) {
          if (!timers.skews().contains(s)) {
            free.add(s);
          }
        }
        if (!free.isEmpty() && accepted(new ExploreFault.AdvskewChange(h.name(), carp, free.get(0), window))) {
          kinds.add(r -> new ExploreFault.AdvskewChange(h.name(), carp, free.get(r.nextInt(free.size())), start(r)));
        }
      }
    }
    for (Segment s : base.segments()) {
      String restore = BigDecimal.valueOf(s.conditions().loss() * 100).stripTrailingZeros().toPlainString();
      kinds.add(r -> {
        long at = start(r);
        String p = List.of("10", "30", "50", "100").get(r.nextInt(4));
        return new ExploreFault.LossBurst(s.name(), p, restore, at, at + duration(r));
      });
      List<String> members = hosts.stream().filter(h -> !h.nicsOn(s.name()).isEmpty()).map(Host::name).toList();
      if (members.size() >= 2) {
        kinds.add(r -> {
          List<String> side = new ArrayList<>();
          List<String> other = new ArrayList<>();
          int mask = 1 + r.nextInt((1 << Math.min(members.size(), 20)) - 2);
          for (int i = 0; i < members.size(); i++) {
            (i < 20 && (mask & (1 << i)) != 0 ? side : other).add(members.get(i));
          }
          long at = start(r);
          return new ExploreFault.Partition(s.name(), side, other, at, at + duration(r));
        });
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
