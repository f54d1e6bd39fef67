package org.carpsim.sim.history;

import java.util.List;
import org.carpsim.sim.frame.Macs;

/**
 * A switch shut a port because a MAC moved onto it too often ({@link
 * org.carpsim.sim.topology.MoveLimit}): the cause of the link-down fault that follows at the same
 * instant.
 *
 * @param segment the switch
 * @param nic the NIC on the shut port
 * @param mac the MAC that moved
 * @param moves its moves within the window
 */
public record PortShut(String segment, String nic, long mac, int moves) implements HistoryEvent {

  @Override
  public String kind() {
    return "port-shut";
  }

  @Override
  public List<String> entities() {
    return List.of(segment, nic, FrameTransmitted.hostOf(nic));
  }

  @Override
  public void appendDetails(StringBuilder out) {
    out.append(segment).append(' ').append(nic).append(" mac=").append(Macs.format(mac)).append(" moves=").append(moves);
  }
}
