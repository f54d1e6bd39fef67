package org.carpsim.scenario.model;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.profile.Profile;

/**
 * A simulated host: {@code host NAME [profile P]} and its indented block.
 *
 * <p>When the host boots (at time 0, and again at every {@code boot}), it first brings up its NICs
 * with their addresses ({@link Nic#bootCommands()}, in NIC order), then runs {@link #configuration()}
 * in order. Every line was validated for {@link #profile()}.
 *
 * @param name unique among hosts and segments
 * @param profile the host's behaviour profile: its {@code profile} option, else the scenario's
 * @param profileGiven true when the host line names its own profile
 * @param nics its NICs, in the order declared
 * @param configuration its configuration lines, in the order written (inline files at their place)
 * @param carpInterfaces the carp interfaces ({@code carpN}) its configuration and its timeline commands
 *     name, sorted by number
 * @param vhids the vhids its configuration and its timeline commands set (ifconfig {@code vhid},
 *     {@code carpnodes}, ucarp {@code --vhid}), ascending
 * @param origin the {@code host} line
 */
public record Host(String name, Profile profile, boolean profileGiven, List<Nic> nics,
    List<ConfigLine> configuration, List<String> carpInterfaces, List<Integer> vhids, Origin origin) {

  /** Copies the lists. */
  public Host {
    nics = List.copyOf(nics);
    configuration = List.copyOf(configuration);
    carpInterfaces = List.copyOf(carpInterfaces);
    vhids = List.copyOf(vhids);
  }

  /** The NIC called {@code nicName}, if the host has one. */
  public Optional<Nic> nic(String nicName) {
    return nics.stream().filter(n -> n.name().equals(nicName)).findFirst();
  }

  /** The NICs cabled to {@code segment}. */
  public List<Nic> nicsOn(String segment) {
    return nics.stream().filter(n -> n.segment().equals(segment)).toList();
  }

  /** Every command of the configuration, in order (run conditions dropped). */
  public List<HostCommand> commands() {
    return configuration.stream().flatMap(c -> c.commands().stream()).toList();
  }

  /** True when {@code iface} is one of its NICs or one of its carp interfaces. */
  public boolean hasInterface(String iface) {
    return nic(iface).isPresent() || carpInterfaces.contains(iface);
  }
}
