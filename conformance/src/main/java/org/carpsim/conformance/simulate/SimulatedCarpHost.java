package org.carpsim.conformance.simulate;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.node.CarpHost;
import org.carpsim.carp.node.CommandResult;
import org.carpsim.carp.node.LogLine;
import org.carpsim.carp.node.NodeListener;
import org.carpsim.carp.node.Transition;
import org.carpsim.carp.node.VirtualHostStatus;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.wire.Frames;
import org.carpsim.conformance.tester.ConformanceRunner;
import org.carpsim.scenario.run.SimulatedNodeEnvironment;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.net.Host;
import org.carpsim.sim.net.HostStack;
import org.carpsim.sim.net.Nic;

/**
 * carp-node's {@link CarpHost} bound into a simulated host: the node's environment is the host's
 * virtual clock, timers, NIC and random stream. At boot it is configured with the same commands a
 * live node runs ({@code LiveNodeConfig.commands}: ifconfig for the BSD profiles, a {@code ucarp}
 * command line for ucarp, which runs carp-node's ucarp daemon). It is the simulated IUT, and E1's
 * peer.
 */
final class SimulatedCarpHost implements HostStack, ConformanceRunner.PeerNode {

  private final Profile profile;
  private final MacAddress mac;
  private final List<String> commands;
  private final Optional<String> bowOutCommand;
  private final Consumer<String> out;
  private final List<Transition> transitions = new CopyOnWriteArrayList<>();
  private CarpHost node;
  private boolean stopped;

  /**
   * @param commands configuration lines, in the profile's syntax, that hold the passphrase: never printed
   * @param out one line per state change
   */
  SimulatedCarpHost(Profile profile, MacAddress mac, List<String> commands, Optional<String> bowOutCommand,
      Consumer<String> out) {
    this.profile = profile;
    this.mac = mac;
    this.commands = List.copyOf(commands);
    this.bowOutCommand = bowOutCommand;
    this.out = out;
  }

  @Override
  public void onBoot(Host host) {
    node = new CarpHost(profile, new SimulatedNodeEnvironment(host, (nic, frame) -> transmit(host, nic, frame)), new NodeListener() {
      @Override
      public void onTransition(Transition t) {
        transitions.add(t);
        out.accept(String.format("%.3f s %s vhid %d %s -> %s%s", host.now() / 1e9, t.iface(), t.vhid(), t.from(),
            t.to(), t.reason() == null || t.reason().isEmpty() ? "" : " (" + t.reason() + ")"));
      }

      @Override
      public void onLog(LogLine line) {}
    });
    for (Nic nic : host.nics()) {
      node.addNic(nic.name(), mac);
    }
    for (int i = 0; i < commands.size(); i++) {
      CommandResult r = node.run(commands.get(i));
      if (!r.ok()) {
        // the line holds the passphrase: say which line, not what it says
        throw new IllegalArgumentException("configuring the simulated node failed at line " + (i + 1) + ": " + r.error());
      }
    }
  }

  @Override
  public void onFrame(Nic nic, Frame frame) {
    if (!stopped) {
      node.receive(nic.name(), frame.array());
    }
  }

  @Override
  public CarpState state() {
    List<VirtualHostStatus> v = node == null ? List.of() : node.virtualHosts();
    return stopped || v.isEmpty() ? CarpState.INIT : v.get(0).state();
  }

  @Override
  public List<Transition> transitions() {
    return List.copyOf(transitions);
  }

  /** Bows out like the live node ({@code LiveNodeConfig.bowOutCommand}), then neither sends nor receives. */
  @Override
  public void stop() {
    if (stopped) {
      return;
    }
    bowOutCommand.ifPresent(node::run);
    stopped = true;
  }

  /** After {@link #stop()} the node is gone, as a stopped live node is; frames are padded like a live NIC's. */
  private void transmit(Host host, String nic, byte[] frame) {
    if (!stopped) {
      host.nic(nic).transmit(Frame.wrap(Frames.padToMinimum(frame)));
    }
  }
}
