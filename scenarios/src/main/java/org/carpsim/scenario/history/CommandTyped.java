package org.carpsim.scenario.history;

import java.util.List;
import org.carpsim.sim.history.HistoryEvent;

/**
 * A command line ran on a host: a timeline command ({@code at T host: …}), or a configuration line
 * at boot that failed or printed something (a boot line that ran silently is not recorded: a campus
 * boots thousands of them).
 *
 * @param host the host
 * @param where the line's place, {@code file:line}, or {@code nic NAME} for a NIC's own setup
 * @param text the line as written, passphrases masked
 * @param ok whether it ran without error
 * @param output what it printed, or its error message when it failed; empty when silent
 */
public record CommandTyped(String host, String where, String text, boolean ok, String output)
    implements HistoryEvent {

  @Override
  public String kind() {
    return "command";
  }

  @Override
  public List<String> entities() {
    return List.of(host);
  }

  @Override
  public void appendDetails(StringBuilder out) {
    EventText t = EventText.of(out, entities()).with("where", where).with("text", text).with("ok", ok);
    if (!output.isEmpty()) {
      t.with(ok ? "output" : "error", output);
    }
  }
}
