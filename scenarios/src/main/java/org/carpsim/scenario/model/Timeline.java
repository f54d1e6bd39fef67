package org.carpsim.scenario.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.random.RandomStreams;
import org.carpsim.sim.topology.LinkConditions;

/**
 * Draws a run's timeline from the scheduled {@code at} lines and a seed: every occurrence of every
 * line at its instant, sorted by time (equal instants in file order), each impairment carrying its
 * target's complete conditions from then on.
 *
 * <p>An instant in a window {@code A..B} is drawn uniformly from the whole nanoseconds of [A, B],
 * from the line's own stream ({@link RandomStreams#forEntity}{@code ("timeline " + stream)}); a
 * repeated line draws its occurrences one after another from that stream, occurrence {@code k} in
 * [A + kP, B + kP]. Fixed instants draw nothing. A line's {@code for D} undoes each occurrence D
 * after its instant.
 */
public final class Timeline {

  private Timeline() {}

  /**
   * The timeline of a run with {@code seed}.
   *
   * @param lines the scheduled lines, in file order
   * @param segments the segments with their conditions at the start of the run
   * @param nics every NIC with its conditions at the start of the run
   */
  public static List<TimelineEvent> draw(List<ScheduledLine> lines, long seed, List<Segment> segments, List<Nic> nics) {
    RandomStreams streams = new RandomStreams(seed);
    record Occurrence(TimelineEvent event, ScheduledLine line) {}
    List<Occurrence> occurrences = new ArrayList<>();
    for (ScheduledLine line : lines) {
      SplittableRandom random = line.random() ? streams.forEntity("timeline " + line.stream()) : null;
      long width = line.to() - line.from();
      for (long k = 0; k < line.count(); k++) {
        long at = line.from() + k * line.period() + (random == null ? 0 : random.nextLong(width + 1));
        occurrences.add(new Occurrence(movedTo(line.event(), at), line));
        if (line.undo().isPresent()) {
          occurrences.add(new Occurrence(movedTo(line.undo().get().event(), at + line.undo().get().after()), line));
        }
      }
    }
    occurrences.sort(Comparator.comparingLong(o -> o.event().at())); // stable: file order on ties
    Map<String, LinkConditions> conditions = new HashMap<>();
    segments.forEach(s -> conditions.put(s.name(), s.conditions()));
    nics.forEach(n -> conditions.put(n.qualifiedName(), n.conditions()));
    List<TimelineEvent> out = new ArrayList<>(occurrences.size());
    for (Occurrence o : occurrences) {
      TimelineEvent e = o.event();
      if (o.line().change().isPresent() && e instanceof TimelineEvent.FaultAt f) { // never has an undo
        String target = target(f.fault());
        LinkConditions c = o.line().change().get().applyTo(conditions.getOrDefault(target, LinkConditions.NONE));
        conditions.put(target, c);
        Fault complete = f.fault() instanceof Fault.SegmentConditions ? new Fault.SegmentConditions(target, c)
            : new Fault.NicConditions(target, c);
        e = new TimelineEvent.FaultAt(f.at(), complete, f.verb(), f.origin());
      }
      out.add(e);
    }
    return List.copyOf(out);
  }

  private static String target(Fault f) {
    if (f instanceof Fault.SegmentConditions s) {
      return s.segment();
    }
    if (f instanceof Fault.NicConditions n) {
      return n.nic();
    }
    throw new IllegalStateException("an impairment line schedules " + f);
  }

  private static TimelineEvent movedTo(TimelineEvent e, long at) {
    if (e instanceof TimelineEvent.FaultAt f) {
      return new TimelineEvent.FaultAt(at, f.fault(), f.verb(), f.origin());
    }
    TimelineEvent.CommandAt c = (TimelineEvent.CommandAt) e;
    return new TimelineEvent.CommandAt(at, c.host(), c.command(), c.origin());
  }
}
