package org.carpsim.conformance.live;

import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.node.NodeListener;
import org.carpsim.conformance.tester.ConformanceRunner;
import org.carpsim.conformance.tester.PcapTesterPort;
import org.carpsim.conformance.tester.TesterPort;

/** The lab's IUT configuration and the tester's seat in it: the main code's {@link TesterPort}. */
final class LabPorts {

  static final Ipv4Address VIP = Ipv4Address.parse("10.99.0.100");
  static final List<Ipv4Address> VIPS = List.of(VIP);
  static final String PASS = "secret";

  private LabPorts() {}

  /** A tester port on {@code host}'s eth0, injecting only for vhid 1. */
  static TesterPort tester(NamespaceLab lab, String host) {
    return Netns.call(lab.ns(host), () -> new PcapTesterPort(LiveInterface.open("eth0", TesterPort.captureOptions()),
        LiveInterface.open("eth0", TesterPort.injectorOptions()), 1));
  }

  /** Starts carpsim's live node on {@code host}'s eth0 (E1's peer, or an IUT). */
  static ConformanceRunner.NodeStarter nodeStarter(NamespaceLab lab, String host) {
    return (config, out) -> LiveNode.start(config,
        Netns.call(lab.ns(host), () -> LiveInterface.open("eth0", CaptureOptions.DEFAULT)), out, NodeListener.NONE);
  }
}
