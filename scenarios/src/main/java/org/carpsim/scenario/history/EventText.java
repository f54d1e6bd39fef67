package org.carpsim.scenario.history;

import java.util.List;
import org.carpsim.sim.history.Annotation;

/** Writes an event's canonical details: its entities, then {@code key=value} pairs, values quoted when needed. */
final class EventText {

  private final StringBuilder out;

  private EventText(StringBuilder out, List<String> entities) {
    this.out = out;
    out.append(entities.isEmpty() ? "-" : String.join(",", entities));
  }

  static EventText of(StringBuilder out, List<String> entities) {
    return new EventText(out, entities);
  }

  EventText with(String key, Object value) {
    out.append(' ').append(key).append('=');
    Annotation.appendValue(out, String.valueOf(value));
    return this;
  }
}
