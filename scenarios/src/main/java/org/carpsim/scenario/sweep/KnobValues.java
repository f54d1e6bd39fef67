package org.carpsim.scenario.sweep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One {@code --set KNOB=v1,v2,…}: a knob and the values the sweep gives it, in the order written.
 *
 * @param knob the knob
 * @param values the values as written, each checked
 */
public record KnobValues(Knob knob, List<String> values) {

  public KnobValues {
    values = List.copyOf(values);
  }

  /**
   * Reads {@code KNOB=v1,v2,…}.
   *
   * @throws SweepException for a missing {@code =}, an unknown knob, an empty or repeated value, or a
   *     value of the wrong form
   */
  public static KnobValues parse(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new SweepException("--set " + text + ": expected KNOB=VALUE[,VALUE...] where KNOB is " + Knob.SYNTAX);
    }
    Knob knob = Knob.parse(text.substring(0, eq));
    List<String> values = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String v : text.substring(eq + 1).split(",", -1)) {
      String t = v.trim();
      if (t.isEmpty()) {
        throw new SweepException("--set " + text + ": empty value (values are separated by single commas)");
      }
      knob.value(t);
      if (!seen.add(t)) {
        throw new SweepException("--set " + text + ": value " + t + " is given twice");
      }
      values.add(t);
    }
    return new KnobValues(knob, values);
  }

  /** {@code KNOB=v1,v2}. */
  @Override
  public String toString() {
    return knob.name() + "=" + String.join(",", values);
  }
}
