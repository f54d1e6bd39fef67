package org.carpsim.scenario.sweep;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.sim.time.DurationFormatException;
import org.carpsim.sim.time.Durations;

/**
 * Something a sweep varies, named as on the command line ({@code --set NAME=v1,v2}):
 * <ul>
 *   <li>{@code HOST.IFACE.advskew}, {@code HOST.IFACE.advbase}: the host's configured setting of that
 *       interface (a carp interface, a FreeBSD parent NIC, or a ucarp interface);</li>
 *   <li>{@code SEGMENT.loss} (a percentage, {@code 5%}), {@code SEGMENT.latency}, {@code SEGMENT.jitter}
 *       (durations, {@code 200us}): the segment's conditions at the start of the run;</li>
 *   <li>{@code profile}: the scenario's default profile (hosts naming their own keep it).</li>
 * </ul>
 */
public sealed interface Knob {

  /** The name as written on the command line. */
  String name();

  /**
   * Checks one value's syntax and returns it in canonical form (a number, a duration in ns, a
   * probability, a profile name).
   *
   * @throws SweepException naming the knob and the allowed form
   */
  Object value(String text);

  /** {@code HOST.IFACE.advskew|advbase}. */
  record IfaceSetting(String host, String iface, Field field) implements Knob {
    /** Which setting. */
    public enum Field { ADVSKEW, ADVBASE }

    @Override
    public String name() {
      return host + "." + iface + "." + field.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Object value(String text) {
      if (!text.matches("[0-9]{1,9}")) {
        throw new SweepException(name() + "=" + text + ": expected a whole number (e.g. " + name() + "=0,100,200)");
      }
      return Integer.parseInt(text);
    }
  }

  /** {@code SEGMENT.loss|latency|jitter}. */
  record SegmentCondition(String segment, Field field) implements Knob {
    /** Which condition. */
    public enum Field { LOSS, LATENCY, JITTER }

    @Override
    public String name() {
      return segment + "." + field.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Object value(String text) {
      if (field == Field.LOSS) {
        Matcher m = PERCENT.matcher(text);
        if (!m.matches()) {
          throw new SweepException(name() + "=" + text + ": expected a percentage from 0% to 100% (e.g. 0.5%)");
        }
        BigDecimal p = new BigDecimal(m.group(1));
        if (p.compareTo(BigDecimal.valueOf(100)) > 0) {
          throw new SweepException(name() + "=" + text + ": a loss is at most 100%");
        }
        return p.doubleValue() / 100.0;
      }
      try {
        return Durations.parse(text);
      } catch (DurationFormatException e) {
        throw new SweepException(name() + "=" + text + ": expected a duration (" + Durations.ALLOWED_UNITS
            + "), e.g. 200us: " + e.getMessage());
      }
    }
  }

  /** {@code profile}: the scenario's default profile. */
  record DefaultProfile() implements Knob {
    @Override
    public String name() {
      return "profile";
    }

    @Override
    public Object value(String text) {
      if (Profiles.find(text).isEmpty()) {
        throw new SweepException("profile=" + text + ": unknown profile (known: " + String.join(", ", Profiles.names())
            + ")");
      }
      return text;
    }
  }

  /** The syntax help, for error messages and the command's help. */
  String SYNTAX = "HOST.IFACE.advskew, HOST.IFACE.advbase, SEGMENT.loss, SEGMENT.latency, SEGMENT.jitter or profile";

  /** A knob by its name; its host, interface or segment is checked against the scenario later. */
  static Knob parse(String name) {
    if (name.equals("profile")) {
      return new DefaultProfile();
    }
    String[] parts = name.split("\\.", -1);
    for (String p : parts) {
      if (p.isEmpty()) {
        throw new SweepException("--set " + name + ": empty name part; expected " + SYNTAX);
      }
    }
    String last = parts[parts.length - 1];
    if (parts.length == 3 && (last.equals("advskew") || last.equals("advbase"))) {
      return new IfaceSetting(parts[0], parts[1],
          last.equals("advskew") ? IfaceSetting.Field.ADVSKEW : IfaceSetting.Field.ADVBASE);
    }
    if (parts.length == 2 && (last.equals("loss") || last.equals("latency") || last.equals("jitter"))) {
      return new SegmentCondition(parts[0], SegmentCondition.Field.valueOf(last.toUpperCase(Locale.ROOT)));
    }
    throw new SweepException("--set " + name + ": unknown knob; expected " + SYNTAX);
  }

  /** A number and a percent sign. */
  Pattern PERCENT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)%");
}
