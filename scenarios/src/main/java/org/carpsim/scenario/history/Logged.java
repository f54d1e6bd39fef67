package org.carpsim.scenario.history;

import java.util.List;
import java.util.Locale;
import org.carpsim.sim.history.HistoryEvent;

/**
 * A line a host's system logged, in its own words, at a syslog level (0 emergency … 7 debug): only
 * what the host's log setting ({@code net.inet.carp.log}, ucarp's syslog) lets through.
 */
public record Logged(String host, int level, String text) implements HistoryEvent {

  private static final String[] LEVELS = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};

  /** The syslog name of the level ({@code warning}, {@code debug}, …). */
  public String levelName() {
    return level >= 0 && level < LEVELS.length ? LEVELS[level] : Integer.toString(level).toLowerCase(Locale.ROOT);
  }

  @Override
  public String kind() {
    return "log";
  }

  @Override
  public List<String> entities() {
    return List.of(host);
  }

  @Override
  public void appendDetails(StringBuilder out) {
    EventText.of(out, entities()).with("level", level).with("text", text);
  }
}
