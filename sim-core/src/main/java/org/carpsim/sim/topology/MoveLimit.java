package org.carpsim.sim.topology;

/**
 * A learning switch's MAC-move limit (Juniper's {@code mac-move-limit … packet-action shutdown},
 * Cisco's MAC-flap err-disable): when one MAC has moved between ports more than {@code moves} times
 * within {@code window} ns, the port it moved to is shut (its link goes down) for the rest of the run.
 *
 * @param moves the moves allowed within the window, 1 or more; 0 for no limit
 * @param window the window in ns
 */
public record MoveLimit(int moves, long window) {

  /** No limit: MAC moves are only counted. */
  public static final MoveLimit NONE = new MoveLimit(0, 0);

  /** Whether the switch shuts ports at all. */
  public boolean limits() {
    return moves > 0;
  }
}
