package org.carpsim.sim.history;

import java.util.List;
import org.carpsim.sim.time.Durations;

/**
 * A snooping switch starts keeping a multicast group's frames from a port: the first frame it drops
 * there since the port last reported the group, with why (the cause an outage of CARP's multicast
 * traces back to). Recorded again only after a new report and a new lapse.
 *
 * @param segment the switch
 * @param nic the NIC on the port
 * @param group the IP group, as written (224.0.0.18, ff02::12)
 * @param expiredAt when the port's membership aged out or was left, or -1 if the port never reported the group
 */
public record GroupNotForwarded(String segment, String nic, String group, long expiredAt) implements HistoryEvent {

  @Override
  public String kind() {
    return "not-forwarded";
  }

  @Override
  public List<String> entities() {
    return List.of(segment, nic, FrameTransmitted.hostOf(nic));
  }

  @Override
  public void appendDetails(StringBuilder out) {
    out.append(segment).append(' ').append(nic).append(" group=").append(group)
        .append(expiredAt < 0 ? " never reported" : " membership ended " + Durations.format(expiredAt));
  }
}
