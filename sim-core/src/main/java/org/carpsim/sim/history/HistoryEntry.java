package org.carpsim.sim.history;

import org.carpsim.sim.time.Durations;

/**
 * One entry of a run's history.
 *
 * @param sequence the event's number in the run, from 0; frame events that the chosen {@link
 *     FrameRecording} does not keep still use up their numbers, so the numbers of the other entries
 *     do not depend on the recording level
 * @param time virtual time in nanoseconds
 * @param event what happened
 */
public record HistoryEntry(long sequence, long time, HistoryEvent event) {

  /** The event's kind. */
  public String kind() {
    return event.kind();
  }

  /** True if the event names {@code entity}. */
  public boolean involves(String entity) {
    return event.entities().contains(entity);
  }

  /** The canonical line, without a line break: {@code 12 3.003906250 tx fw1.em0 lan 60 ...}. */
  public String toLine() {
    StringBuilder out = new StringBuilder(96);
    appendLine(out);
    return out.toString();
  }

  /** Appends {@link #toLine()} to {@code out}. */
  public void appendLine(StringBuilder out) {
    out.append(sequence).append(' ');
    Durations.appendSeconds(out, time);
    out.append(' ').append(event.kind());
    int before = out.length();
    out.append(' ');
    event.appendDetails(out);
    if (out.length() == before + 1) {
      out.setLength(before); // no details: no trailing space
    }
  }

  @Override
  public String toString() {
    return toLine();
  }
}
