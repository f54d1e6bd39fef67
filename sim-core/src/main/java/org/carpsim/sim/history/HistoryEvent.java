package org.carpsim.sim.history;

import java.util.List;

/**
 * What happened, without when: the payload of a {@link HistoryEntry}. Open to upper layers, which
 * add their own event types (state transitions, counters, verdicts) either by implementing this
 * interface or with the generic {@link Annotation}.
 *
 * <p>An implementation must be immutable and its text must be canonical: the same event always
 * appends the same characters, without line breaks, so that two runs can be compared byte for byte.
 */
public interface HistoryEvent {

  /** A short lower-case word without spaces that starts the event's text, e.g. {@code tx}, {@code crash}. */
  String kind();

  /**
   * The names this event is about: hosts, qualified NICs ({@code fw1.em0}), segments. A NIC's host
   * should be listed too, so that asking about a host finds the events of its NICs.
   */
  List<String> entities();

  /** Appends the canonical text after the kind (no leading space, no line break). */
  void appendDetails(StringBuilder out);

  /** True for frame-level events (transmissions, deliveries, drops), whose recording is switchable. */
  default boolean isFrameEvent() {
    return false;
  }
}
