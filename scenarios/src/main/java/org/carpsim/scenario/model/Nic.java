package org.carpsim.scenario.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.IfSetting;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.NicSpec;
import org.carpsim.sim.topology.PortPolicy;

/**
 * A physical NIC of a host, declared with {@code nic NAME SEGMENT [ADDRESS/LEN ...] [mac MAC] [latency
 * D] [jitter D] [loss P%] [duplicate P%]}.
 *
 * @param host the host's name
 * @param name the NIC's name on the host ({@code em0})
 * @param segment the segment it is cabled to
 * @param addresses the addresses given on the {@code nic} line, in order (possibly none: the
 *     configuration may set them)
 * @param mac the NIC's MAC: the one given, or derived from the names (see {@link #derivedMac})
 * @param macGiven true when the {@code nic} line gave {@code mac}
 * @param conditions impairments of this NIC's cable at the start of the run
 * @param policy what a hypervisor's virtual switch lets through the NIC's port ({@code forged-transmits},
 *     {@code promiscuous}); open unless the line says otherwise
 * @param origin the {@code nic} line
 */
public record Nic(String host, String name, String segment, List<NicAddress> addresses, MacAddress mac,
    boolean macGiven, LinkConditions conditions, PortPolicy policy, Origin origin) {

  /** Copies the address list. */
  public Nic {
    addresses = List.copyOf(addresses);
  }

  /** {@code host.name}, e.g. {@code fw1.em0}: how histories and faults name a NIC. */
  public String qualifiedName() {
    return host + "." + name;
  }

  /**
   * The MAC a NIC gets when its line gives none: {@code 02} (locally administered, unicast) followed
   * by the first five bytes of SHA-256 of {@code host.nic} in UTF-8. It depends on the names only, so
   * adding a host or reordering lines never changes another NIC's MAC (which matters to MAC-hash ARP
   * balancing).
   */
  public static MacAddress derivedMac(String host, String nic) {
    byte[] h = Hashing.sha256(host + "." + nic);
    long v = 0x02;
    for (int i = 0; i < 5; i++) {
      v = (v << 8) | (h[i] & 0xff);
    }
    return new MacAddress(v);
  }

  /**
   * What the host does with this NIC when it boots, before its configuration lines: {@code ifconfig
   * NIC inet ADDRESS/LEN up} for the first address of each family and {@code … alias} for the others;
   * just {@code up} when the line gives no address. A NIC declared in a scenario is always up at boot.
   */
  public List<HostCommand> bootCommands() {
    List<HostCommand> out = new ArrayList<>();
    boolean seen4 = false;
    boolean seen6 = false;
    for (NicAddress a : addresses) {
      boolean alias = a instanceof NicAddress.Inet4 ? seen4 : seen6;
      List<IfSetting> settings = out.isEmpty() ? List.of(new IfSetting.Up()) : List.of();
      out.add(new HostCommand.IfconfigSet(name, settings, Optional.of(a.asChange(alias))));
      if (a instanceof NicAddress.Inet4) {
        seen4 = true;
      } else {
        seen6 = true;
      }
    }
    if (out.isEmpty()) {
      out.add(new HostCommand.IfconfigSet(name, List.of(new IfSetting.Up()), Optional.empty()));
    }
    return out;
  }

  /** The simulator's description of this NIC. */
  public NicSpec toSpec() {
    return new NicSpec(host, name, segment, mac.value(), conditions, policy);
  }
}
