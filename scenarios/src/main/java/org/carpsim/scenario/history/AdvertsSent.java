package org.carpsim.scenario.history;

import java.util.List;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.sim.history.HistoryEvent;

/**
 * How many CARP (IP protocol 112, also VRRP) advertisements of a vhid a host sent from a NIC with one
 * Ethernet source MAC over a life of the host (recorded at a crash and at the end of the run): what a
 * capture on the segment shows as the advertisements' {@code src} (FreeBSD carp.py test_source_mac).
 */
public record AdvertsSent(String host, String nic, String segment, int vhid, MacAddress source, long count)
    implements HistoryEvent {

  @Override
  public String kind() {
    return "adverts";
  }

  @Override
  public List<String> entities() {
    return List.of(host, host + "." + nic);
  }

  @Override
  public void appendDetails(StringBuilder out) {
    EventText.of(out, entities()).with("segment", segment).with("vhid", vhid).with("src", source).with("count", count);
  }
}
