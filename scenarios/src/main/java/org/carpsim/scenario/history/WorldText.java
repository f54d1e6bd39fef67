package org.carpsim.scenario.history;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.sim.frame.Macs;
import org.carpsim.sim.history.GroupNotForwarded;
import org.carpsim.sim.history.History;
import org.carpsim.sim.history.HistoryEntry;
import org.carpsim.sim.history.HistoryEvent;
import org.carpsim.sim.history.PortShut;
import org.carpsim.sim.time.Durations;

/**
 * What the network around CARP did in a run, in a network engineer's words: the switches' MAC moves
 * and shut ports, what snooping kept from which port and why, what vSwitch port policies dropped. The one wording of these events, for
 * {@code carpsim run}, the JSON and the report; a new kind of world event adds its sentence here.
 */
public final class WorldText {

  /** One sentence: when (virtual ns), the event's kind, the words. */
  public record Line(long at, String kind, String text) {}

  private WorldText() {}

  /** The sentences of every world event of the history, in the run's order. */
  public static List<Line> of(History history) {
    List<Line> out = new ArrayList<>();
    for (HistoryEntry e : history.entries()) {
      String text = sentence(e.event());
      if (text != null) {
        out.add(new Line(e.time(), e.event().kind(), text));
      }
    }
    return out;
  }

  /** The event's sentence, or null when it is not a world event. */
  static String sentence(HistoryEvent event) {
    if (event instanceof PortShut p) {
      return "switch " + p.segment() + " shut the port of " + p.nic() + ": MAC " + Macs.format(p.mac()) + " moved "
          + p.moves() + " times within its mac-move-limit";
    } else if (event instanceof MacMoves m) {
      return "switch " + m.segment() + ": " + m.moves() + " MAC moves (a known MAC seen on another port)";
    } else if (event instanceof GroupNotForwarded g) {
      return "switch " + g.segment() + " stopped forwarding " + g.group() + " to " + g.nic()
          + (g.expiredAt() < 0 ? ": the port never reported the group"
          : ": its membership ended at " + Durations.format(g.expiredAt()) + " (no report since)");
    } else if (event instanceof SnoopingDrops d) {
      return "switch " + d.segment() + " (snooping " + d.snooping() + "): kept " + d.dropped()
          + " multicast frames from ports without a membership; its querier sent " + d.queries() + " general queries";
    } else if (event instanceof PortPolicyDrops d) {
      return "port policy of " + d.nic() + " dropped: " + d.forged() + " frames from a forged source MAC, "
          + d.otherMac() + " to another MAC, " + d.destination() + " to a dropped destination";
    }
    return null;
  }

  /** {@code at} as run prints it: "at 12.5s: " for an event of the run, nothing for an end-of-run total. */
  public static String prefix(Line line, long end) {
    return line.at() < end ? "at " + Durations.format(line.at()) + ": " : "";
  }
}
