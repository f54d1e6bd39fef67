package org.carpsim.conformance.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.carpsim.conformance.live.LiveIoException;
import org.carpsim.scenario.model.Scenario;

/** What a live run needs of the machine, checked before anything is built: the first thing missing, said plainly. */
public final class LabPrerequisites {

  private LabPrerequisites() {}

  /** The first missing prerequisite of running {@code scenario} live, if any. */
  public static Optional<String> missing(Scenario scenario) {
    return missing(scenario, isRoot());
  }

  /** {@link #missing(Scenario)} for a process that is root or not. */
  static Optional<String> missing(Scenario scenario, boolean root) {
    if (!root) {
      return Optional.of("root (network namespaces, veth pairs and raw capture need it); run as root, e.g. sudo");
    }
    if (!onPath("ip")) {
      return Optional.of("iproute2's 'ip' (apt-get install iproute2)");
    }
    boolean ucarp = scenario.hosts().stream().anyMatch(h -> LiveHostKind.of(h) == LiveHostKind.UCARP);
    if (ucarp && !Files.isExecutable(Path.of("/usr/sbin/ucarp"))) {
      return Optional.of("/usr/sbin/ucarp for the hosts of profile ucarp (apt-get install ucarp)");
    }
    boolean keepalived = scenario.hosts().stream().anyMatch(h -> LiveHostKind.of(h) == LiveHostKind.KEEPALIVED);
    if (keepalived && !onPath("keepalived")) {
      return Optional.of("keepalived for the hosts of profile keepalived (apt-get install keepalived)");
    }
    boolean netem = scenario.timeline().stream().anyMatch(e -> e.verb().matches("loss|latency|jitter|duplicate"))
        || scenario.segments().stream().anyMatch(s -> !s.conditions().isPerfect())
        || scenario.nics().stream().anyMatch(n -> !n.conditions().isPerfect());
    if (netem && !onPath("tc")) {
      return Optional.of("'tc' for loss, latency and jitter (apt-get install iproute2)");
    }
    try {
      org.pcap4j.core.Pcaps.libVersion();
    } catch (Throwable e) { // UnsatisfiedLinkError/NoClassDefFoundError from JNA
      return Optional.of("libpcap to capture the bridges (apt-get install libpcap0.8): " + e.getMessage());
    }
    String probe = "carpsim-probe-" + ProcessHandle.current().pid();
    try {
      LabNetwork.run(List.of("ip", "netns", "add", probe));
    } catch (LiveIoException e) {
      return Optional.of("network namespaces ('ip netns add' failed: " + e.getMessage() + ")");
    }
    try {
      if (netem) {
        LabNetwork.run(List.of("ip", "netns", "exec", probe, "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay",
            "1ms"));
      }
    } catch (LiveIoException e) {
      return Optional.of("tc netem for the scenario's loss, latency, jitter or duplication, which this kernel does not"
          + " offer (no sch_netem module; modprobe sch_netem where modules can be loaded): " + e.getMessage());
    } finally {
      try {
        LabNetwork.run(List.of("ip", "netns", "del", probe));
      } catch (LiveIoException e) {
        // it was never made
      }
    }
    return Optional.empty();
  }

  private static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2].equals("0");
        }
      }
    } catch (IOException e) {
      // not Linux: no namespaces either
    }
    return false;
  }

  private static boolean onPath(String cmd) {
    for (String d : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, cmd))) {
        return true;
      }
    }
    return false;
  }
}
