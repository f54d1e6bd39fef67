package org.carpsim.scenario.model;

import java.util.Optional;

/**
 * An {@code at} line before its instants are drawn: when it happens (a fixed instant, a window
 * {@code at A..B}, repeated {@code every P}) and what happens. {@link Timeline#draw} turns the lines
 * into a run's {@link TimelineEvent}s for one seed.
 *
 * @param from the first occurrence's earliest instant (ns from the start of the run)
 * @param to the first occurrence's latest instant; equal to {@code from} for a fixed instant
 * @param period the time between occurrences, or 0 for a line that happens once
 * @param count how many times the line happens (1 without {@code every})
 * @param event what happens, at {@code from}; an impairment's fault carries placeholder conditions
 * @param change what an impairment line changes; empty for other lines
 * @param undo what {@code for D} does D after each occurrence (link back, boot, heal); empty without
 * @param stream the name of the line's own random stream: its text, and {@code #N} for the N-th
 *     line with the same text, so that adding, removing or moving other lines never changes its draws
 */
public record ScheduledLine(long from, long to, long period, long count, TimelineEvent event,
    Optional<ConditionChange> change, Optional<FollowUp> undo, String stream) {

  /**
   * What happens a fixed time after each occurrence.
   *
   * @param after how long after the occurrence
   * @param event what happens (its own instant is ignored)
   */
  public record FollowUp(long after, TimelineEvent event) {}

  public ScheduledLine {
    if (to < from || period < 0 || count < 1 || (count > 1 && period == 0)) {
      throw new IllegalArgumentException("bad schedule " + from + ".." + to + " every " + period + " x" + count);
    }
  }

  /** True when the line's instants are drawn from the seed ({@code at A..B}). */
  public boolean random() {
    return to > from;
  }
}
