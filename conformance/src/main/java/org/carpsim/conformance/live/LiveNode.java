package org.carpsim.conformance.live;

import java.io.File;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
  /**
   * The transitions kept for {@link #transitions()}: the last this many. Every one is printed as
   * it happens; a daemon that flaps for months keeps only this tail (the simulator keeps its whole
   * history; a live run's record is what it printed).
   */
  public static final int KEPT_TRANSITIONS = 1_000;
  private final ArrayDeque<Transition> transitions = new ArrayDeque<>();
  private final AtomicLong transitionCount = new AtomicLong();
  /** Received frames waiting for the event thread, at most (about a second of a 10 k frames/s flood). */
  static final int RECEIVE_BACKLOG = 10_000;
  private final java.util.concurrent.atomic.AtomicInteger backlog = new java.util.concurrent.atomic.AtomicInteger();
  private final AtomicLong receiveDropped = new AtomicLong();
  /** How long stop() waits for a running up/down command. */
  private static final long SCRIPT_WAIT_SECONDS = 10;

  /** Gratuitous ARPs and unsolicited neighbour advertisements: 10 at once, then 1 a second. */
  private final RateLimit announcements = new RateLimit(10, 1, System.nanoTime());
  /** Printed state-change lines: 20 at once, then 5 a second. */
  private final RateLimit lines = new RateLimit(20, 5, System.nanoTime());
  private long linesSuppressedSaid;

  private final ExecutorService scripts;
  /** The up/down command waiting to run: a newer transition replaces it (only the last one counts). */
  private String[] pendingScript;
  private long scriptsCoalesced;
  /** Guards the two above (not {@code this}: stop() holds that while it waits for the commands). */
  private final Object scriptLock = new Object();
  private volatile boolean shutdownScript;
  private final RealTimeEnvironment env;
  private final CarpHost host;
  private boolean stopped;
  private LiveNodeStatus finalStatus;

  private LiveNode(LiveNodeConfig config, LiveInterface nic, Consumer<String> out, NodeListener extra) {
    this.config = config;
    this.nic = nic;
    this.out = out;
    this.scripts = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "carp-node-scripts");
      t.setDaemon(true);
      return t;
    });
    this.env = new RealTimeEnvironment((name, frame) -> {
      if (!isAnnouncement(frame) || announcements.tryTake(System.nanoTime())) {
        nic.send(Frames.padToMinimum(frame));
      }
    });
    this.host = new CarpHost(config.profile(), env, new NodeListener() {
      @Override
      public void onTransition(Transition t) {
        synchronized (transitions) {
          if (transitions.size() == KEPT_TRANSITIONS) {
            transitions.removeFirst();
          }
          transitions.addLast(t);
        }
        transitionCount.incrementAndGet();
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
    nic.startReceiving(frame -> {
      // A node that cannot keep up drops at its input queue, as a kernel's does, instead of growing it.
      if (node.backlog.incrementAndGet() > RECEIVE_BACKLOG) {
        node.backlog.decrementAndGet();
        node.receiveDropped.incrementAndGet();
        return;
      }
      node.env.post(() -> {
        node.backlog.decrementAndGet();
        node.host.receive(nic.name(), frame.bytes());
      });
    });
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

  /**
   * Whether {@code frame} is an announcement the node makes of its own accord: a gratuitous ARP
   * (spa = tpa) or an unsolicited neighbour advertisement (to ff02::1). Answers to requests and
   * advertisements are not.
   */
  static boolean isAnnouncement(byte[] frame) {
    if (frame.length >= 42 && (frame[12] & 0xff) == 0x08 && (frame[13] & 0xff) == 0x06) {
      for (int i = 0; i < 4; i++) {
        if (frame[28 + i] != frame[38 + i]) {
          return false;
        }
      }
      return true;
    }
    return frame.length >= 55 && (frame[12] & 0xff) == 0x86 && (frame[13] & 0xff) == 0xdd && frame[20] == 58
        && (frame[38] & 0xff) == 0xff && (frame[54] & 0xff) == 136;
  }

  private void report(Transition t) {
    String vip = config.vipText();
    if (lines.tryTake(System.nanoTime())) {
      long suppressed = lines.suppressed();
      if (suppressed > linesSuppressedSaid) {
        out.accept(Instant.now() + " (" + (suppressed - linesSuppressedSaid) + " state-change lines not printed: more than "
            + "5 a second)");
        linesSuppressedSaid = suppressed;
      }
      out.accept(Instant.now() + " " + t.iface() + " vhid " + t.vhid() + " " + t.from() + " -> " + t.to()
          + (t.reason() == null || t.reason().isEmpty() ? "" : " (" + t.reason() + ")"));
    }
    if (t.to() == CarpState.MASTER && config.upCommand().isPresent()) {
      runScript(config.upCommand().get(), vip);
    } else if (t.from() == CarpState.MASTER && t.to() != CarpState.MASTER && config.downCommand().isPresent()) {
      runScript(config.downCommand().get(), vip);
    }
  }

  /**
   * Queues the up/down command; while one runs, only the newest waits (a node flapping faster
   * than its commands run would otherwise queue them without bound; the last one decides where
   * the address ends up).
   */
  private void runScript(String command, String vip) {
    synchronized (scriptLock) {
      if (pendingScript != null) {
        pendingScript = new String[] {command, vip};
        scriptsCoalesced++;
        return;
      }
      pendingScript = new String[] {command, vip};
    }
    try {
      scripts.execute(() -> {
        String[] next;
        synchronized (scriptLock) {
          next = pendingScript;
          pendingScript = null;
        }
        runNow(next[0], next[1]);
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // stopped: no command runs after stop()
    }
  }

  private void runNow(String command, String vip) {
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
  }


  /** The state of the node's virtual host (INIT before it starts, after it stops). */
  @Override
  public CarpState state() {
    return env.call(() -> {
      List<VirtualHostStatus> v = host.virtualHosts();
      return v.isEmpty() ? CarpState.INIT : v.get(0).state();
    });
  }

  /** The transitions so far, in order: all of them, or the last {@link #KEPT_TRANSITIONS}. */
  @Override
  public List<Transition> transitions() {
    synchronized (transitions) {
      return List.copyOf(transitions);
    }
  }

  /**
   * ucarp's {@code --shutdown}: on {@link #stop()} a node whose profile has no bow-out runs its
   * down command if it is not BACKUP (ucarp's {@code sighandler_exit}); without it, it runs none.
   */
  public void runDownCommandOnStop() {
    shutdownScript = true;
  }

  /**
   * What the node did and kept, for a status line: its state, counts and carpstats counters; after
   * {@link #stop()}, as it stopped (after the bow-out).
   */
  public LiveNodeStatus status() {
    synchronized (this) {
      if (stopped) {
        return finalStatus;
      }
    }
    return liveStatus();
  }

  private LiveNodeStatus liveStatus() {
    return env.call(() -> {
      List<VirtualHostStatus> v = host.virtualHosts();
      CarpState state = v.isEmpty() ? CarpState.INIT : v.get(0).state();
      long coalesced;
      synchronized (scriptLock) {
        coalesced = scriptsCoalesced;
      }
      return new LiveNodeStatus(state, transitionCount.get(), announcements.passed(), announcements.suppressed(),
          lines.suppressed(), coalesced, receiveDropped.get(), nic.captureDropped(), host.systemStatistics());
    });
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
    if (shutdownScript && config.bowOutCommand().isEmpty() && config.downCommand().isPresent()) {
      try {
        if (env.call(() -> host.virtualHosts().stream().anyMatch(v -> v.state() == CarpState.MASTER))) {
          runScript(config.downCommand().get(), config.vipText());
        }
      } catch (RuntimeException e) {
        out.accept(Instant.now() + " down command at exit failed: " + e.getMessage());
      }
    }
    Optional<String> bowOut = config.bowOutCommand();
    if (bowOut.isPresent()) {
      try {
        env.call(() -> host.run(bowOut.get()));
      } catch (RuntimeException e) {
        out.accept(Instant.now() + " bow-out failed: " + e.getMessage());
      }
    }
    finalStatus = liveStatus();
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
