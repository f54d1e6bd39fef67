package org.carpsim.conformance.live;

import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.carpsim.carp.node.CarpHost;
import org.carpsim.carp.node.CommandResult;
import org.carpsim.carp.node.LogLine;
import org.carpsim.carp.node.NodeListener;
import org.carpsim.carp.node.Transition;
import org.carpsim.carp.node.VirtualHostStatus;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.wire.Frames;

/**
 * carp-node running live on a real interface, as a userland CARP host like ucarp: it advertises,
 * takes over, announces its VIP with gratuitous ARP (IPv4) or unsolicited neighbour advertisements
 * (IPv6) and answers ARP or neighbour solicitations for it while MASTER, all with
 * frames injected through pcap — it never configures kernel addresses. State changes are printed
 * with a wall-clock timestamp and can run up/down commands ({@code command iface vip}).
 *
 * <p>{@link #stop()} bows out first (the profile's graceful shutdown, e.g. {@code ifconfig carp0
 * down}, which sends the 255/255 advertisement for a MASTER) so peers take over at once.
 */
public final class LiveNode implements AutoCloseable, org.carpsim.conformance.tester.ConformanceRunner.PeerNode {

  private final LiveNodeConfig config;
  private final LiveInterface nic;
  private final Consumer<String> out;
  private final List<Transition> transitions = new CopyOnWriteArrayList<>();
  /** How long stop() waits for a running up/down command. */
  private static final long SCRIPT_WAIT_SECONDS = 10;

  private final ExecutorService scripts;
  private final RealTimeEnvironment env;
  private final CarpHost host;
  private boolean stopped;

  private LiveNode(LiveNodeConfig config, LiveInterface nic, Consumer<String> out, NodeListener extra) {
    this.config = config;
    this.nic = nic;
    this.out = out;
    this.scripts = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "carp-node-scripts");
      t.setDaemon(true);
      return t;
    });
    this.env = new RealTimeEnvironment((name, frame) -> nic.send(Frames.padToMinimum(frame)));
    this.host = new CarpHost(config.profile(), env, new NodeListener() {
      @Override
      public void onTransition(Transition t) {
        transitions.add(t);
        report(t);
        extra.onTransition(t);
      }

      @Override
      public void onLog(LogLine line) {
        extra.onLog(line);
      }
    });
  }

  /**
   * Configures the node on {@code nic} and starts it: from here on it receives, advertises and
   * changes state on its own threads.
   *
   * @param out where state changes and command errors are printed, one line each
   * @param extra also told every transition and log line (tests, reports)
   * @throws LiveIoException if the interface has no address of a VIP's family or a configuration command fails
   */
  public static LiveNode start(LiveNodeConfig config, LiveInterface nic, Consumer<String> out, NodeListener extra) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(nic, "nic");
    List<String> commands;
    try {
      commands = config.commands(nic.firstIpv4(), hostIpv6(nic));
    } catch (IllegalArgumentException e) {
      throw new LiveIoException(e.getMessage());
    }
    LiveNode node = new LiveNode(config, nic, out, extra);
    node.env.call(() -> {
      node.host.addNic(nic.name(), nic.mac());
      for (String line : commands) {
        CommandResult r = node.host.run(line);
        if (!r.ok()) {
          throw new LiveIoException("configuring the node failed: " + hidePass(line, config.pass()) + ": " + r.error());
        }
      }
      return null;
    });
    nic.startReceiving(frame -> node.env.post(() -> node.host.receive(nic.name(), frame.bytes())));
    return node;
  }

  /** The NIC's IPv6 addresses, its link-local one always among them when IPv6 is on. */
  private static List<LiveInterface.Ipv6InterfaceAddress> hostIpv6(LiveInterface nic) {
    List<LiveInterface.Ipv6InterfaceAddress> out = new ArrayList<>(nic.ipv6Addresses());
    if (nic.linkLocal().isPresent() && out.stream().noneMatch(a -> a.address().isLinkLocal())) {
      out.add(0, new LiveInterface.Ipv6InterfaceAddress(nic.linkLocal().get(), 64));
    }
    return out;
  }

  private static String hidePass(String line, String pass) {
    return pass.isEmpty() ? line : line.replace(pass, "<hidden>");
  }

  private void report(Transition t) {
    String vip = config.vipText();
    out.accept(Instant.now() + " " + t.iface() + " vhid " + t.vhid() + " " + t.from() + " -> " + t.to()
        + (t.reason() == null || t.reason().isEmpty() ? "" : " (" + t.reason() + ")"));
    if (t.to() == CarpState.MASTER && config.upCommand().isPresent()) {
      runScript(config.upCommand().get(), vip);
    } else if (t.from() == CarpState.MASTER && t.to() != CarpState.MASTER && config.downCommand().isPresent()) {
      runScript(config.downCommand().get(), vip);
    }
  }

  private void runScript(String command, String vip) {
    scripts.execute(() -> {
      List<String> argv = new ArrayList<>(List.of(command.trim().split("\\s+")));
      argv.add(config.iface());
      argv.add(vip);
      try {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectInput(new File("/dev/null")).start();
        int rc = p.waitFor();
        if (rc != 0) {
          out.accept(Instant.now() + " " + argv.get(0) + " exited with status " + rc);
        }
      } catch (java.io.IOException e) {
        out.accept(Instant.now() + " cannot run " + argv.get(0) + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** The state of the node's virtual host (INIT before it starts, after it stops). */
  @Override
  public CarpState state() {
    return env.call(() -> {
      List<VirtualHostStatus> v = host.virtualHosts();
      return v.isEmpty() ? CarpState.INIT : v.get(0).state();
    });
  }

  /** Every transition so far, in order. */
  @Override
  public List<Transition> transitions() {
    return List.copyOf(transitions);
  }

  /**
   * Bows out (if the profile has a graceful shutdown) and stops: no frame is sent after this
   * returns, and the up/down command of the last transition has run (waiting up to 10 s for it).
   * Idempotent.
   */
  @Override
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    Optional<String> bowOut = config.bowOutCommand();
    if (bowOut.isPresent()) {
      try {
        env.call(() -> host.run(bowOut.get()));
      } catch (RuntimeException e) {
        out.accept(Instant.now() + " bow-out failed: " + e.getMessage());
      }
    }
    env.close();
    nic.close();
    scripts.shutdown();
    // The down command of the last transition must run before the JVM may exit (as ucarp's does).
    try {
      if (!scripts.awaitTermination(SCRIPT_WAIT_SECONDS, TimeUnit.SECONDS)) {
        out.accept(Instant.now() + " up/down command still running after " + SCRIPT_WAIT_SECONDS + " s; not waiting");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
