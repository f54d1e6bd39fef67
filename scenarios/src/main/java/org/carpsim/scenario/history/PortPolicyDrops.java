package org.carpsim.scenario.history;

import java.util.List;
import org.carpsim.sim.history.HistoryEvent;

/**
 * What a NIC's port policy dropped over the run, recorded at its end for every NIC whose port
 * filters: the cause behind two masters or a blackhole (a hypervisor's vSwitch, an ACL, a switch that
 * drops CARP's multicast).
 *
 * @param nic {@code host.nic}
 * @param forged frames the NIC sent from another source MAC (CARP's virtual MAC), dropped
 * @param otherMac unicast frames to another MAC (the virtual MAC), kept from the NIC
 * @param destination frames to a destination the port drops ({@code drop-in}, {@code drop-out})
 */
public record PortPolicyDrops(String nic, long forged, long otherMac, long destination) implements HistoryEvent {

  @Override
  public String kind() {
    return "port-policy";
  }

  @Override
  public List<String> entities() {
    return List.of(nic, nic.substring(0, nic.indexOf('.')));
  }

  @Override
  public void appendDetails(StringBuilder out) {
    EventText.of(out, entities()).with("forged", forged).with("other-mac", otherMac).with("destination", destination);
  }
}
