package org.carpsim.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.node.NodeListener;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.conformance.live.CaptureOptions;
import org.carpsim.conformance.live.LiveInterface;
import org.carpsim.conformance.live.LiveIoException;
import org.carpsim.conformance.live.LiveNode;
import org.carpsim.conformance.live.LiveNodeConfig;
import org.carpsim.conformance.live.LiveNodeStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code carpsim node --iface IF --vhid N --vip A …}: carp-node running live on a real interface as
 * a userland CARP host, like ucarp. The passphrase is never printed.
 */
@Command(
    name = "node",
    header = "Run carpsim's CARP node live on one Ethernet interface, like ucarp.",
    mixinStandardHelpOptions = true,
    description = {
      "Run carpsim's CARP node live on one Ethernet interface, like ucarp:",
      "it advertises, takes over, announces its VIP with gratuitous ARP (IPv4)",
      "or an unsolicited neighbour advertisement (IPv6) and answers ARP or",
      "neighbour solicitations for it while MASTER, sending and capturing",
      "through libpcap.",
      "It does NOT configure kernel addresses: use --up-cmd/--down-cmd for",
      "that (run as CMD IFACE VIP, like ucarp's scripts).",
      "",
      "Equivalent to: ifconfig IF inet <IF's own address>; ifconfig carp0",
      "create; ifconfig carp0 vhid N pass P carpdev IF advbase B advskew S VIP",
      "(and sysctl net.inet.carp.preempt=1 with --preempt), in the syntax of",
      "--profile. An IPv6 VIP adds IF's IPv6 addresses (link-local first) and",
      "ifconfig carp0 inet6 VIP6/len: the group then advertises over IPv6 to",
      "ff02::12 from IF's link-local address (and over IPv4 too when an IPv4",
      "VIP is given as well). ucarp is IPv4-only.",
      "",
      "Each state change is printed with a timestamp as it happens (at most",
      "5 a second after a burst of 20; the rest are counted); only the last",
      "1,000 are kept, so memory stays flat however long it runs.",
      "",
      "On Ctrl-C, SIGTERM or the end of --duration, and for ARP, per profile:",
      "  openbsd, openbsd-3.5, netbsd, freebsd-6: bows out (ifconfig carp0",
      "    down: a MASTER sends advbase 255 advskew 255, so peers take over",
      "    at once) and runs --down-cmd if it was MASTER; answers ARP (and",
      "    neighbour solicitations) for the VIP itself while MASTER.",
      "  freebsd: does not bow out (current FreeBSD never sends advbase 255",
      "    advskew 255): peers take over after their master-down interval;",
      "    runs --down-cmd at exit only with --shutdown (if not BACKUP);",
      "    answers ARP (and neighbour solicitations) for the VIP itself",
      "    while MASTER.",
      "  ucarp: like ucarp, does not bow out: peers take over after their",
      "    master-down interval (3 x advbase + advskew/256 s); runs",
      "    --down-cmd at exit only with --shutdown (if not BACKUP); does not",
      "    answer ARP for the VIP: the kernel does once --up-cmd has added",
      "    the address (e.g. a script running ip addr add \"$2\"/24 dev \"$1\").",
      "  With --profile ucarp it accepts what ucarp accepts: an authenticated",
      "    advertisement is obeyed whatever its CARP type (0, 2, 3, 15), authlen",
      "    (0-255) or IP options, so a holder of the key can make it flap.",
      "",
      "Gratuitous ARPs and unsolicited neighbour advertisements leave at",
      "most 1 a second after a burst of 10 (the state changes they announce",
      "still happen); while one up/down command runs only the newest waits.",
      "The exit line (and --status) counts what was held back.",
      "",
      "Needs root, or: setcap cap_net_raw,cap_net_admin=eip",
      "  $(readlink -f $(which java))",
      "Safety: it only sends on IF, only for --vhid. Its advertisements can",
      "take the VIP away from other hosts: run it only where that vhid is yours."
    },
    exitCodeListHeading = "%nExit status:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  sudo ./carpsim node --iface veth0 --vhid 1 --pass secret --vip 10.0.0.100/24 --advskew 100",
        "  sudo ./carpsim node --iface veth0 --vhid 1 --pass secret --vip 10.0.0.100 --profile ucarp --duration 60s",
        "  sudo ./carpsim node --iface veth0 --vhid 1 --pass secret --vip 10.0.0.100 --profile ucarp --shutdown --status 60s"},
    exitCodeList = {"0:stopped at the end of --duration", "1:live I/O failed (libpcap, permission, interface)",
        "2:bad option", "130, 143:stopped by SIGINT, SIGTERM (after bowing out, for the profiles that do)"})
public final class NodeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin CarpGroupOptions group = new CarpGroupOptions();

  @Option(names = "--iface", required = true, paramLabel = "IF",
      description = "The Ethernet interface to run on (its real MAC, first IPv4 address and IPv6 link-local address are used; 'any' is refused).")
  String iface;

  @Option(names = "--profile", paramLabel = "P", defaultValue = "openbsd",
      description = "The system to behave like: openbsd, openbsd-3.5, netbsd, freebsd, freebsd-6, ucarp (default: ${DEFAULT-VALUE}).")
  String profileName;

  @Option(names = "--vip", required = true, paramLabel = "A[/len]", split = ",",
      description = "The virtual address: IPv4 (prefix length default: the interface's) or IPv6 (default /64), "
          + "or one of each: --vip 10.0.0.100/24,fd99::100/64.")
  List<String> vipTexts;

  @Option(names = "--up-cmd", paramLabel = "CMD", description = "Run as CMD IFACE VIP on becoming MASTER (VIP: the IPv4 one if given, else the IPv6 one).")
  String upCmd;

  @Option(names = "--down-cmd", paramLabel = "CMD", description = "Run as CMD IFACE VIP on leaving MASTER.")
  String downCmd;

  @Option(names = "--duration", paramLabel = "D",
      description = "Stop after D (bowing out, for the profiles that do): 90, 90s, 500ms, 2m, 1h (default: run until interrupted).")
  String durationText;

  @Option(names = "--shutdown",
      description = "ucarp's --shutdown: on Ctrl-C, SIGTERM or the end of --duration run --down-cmd if not BACKUP "
          + "(profiles ucarp and freebsd, which do not bow out; the others bow out and run it anyway).")
  boolean shutdown;

  @Option(names = "--status", paramLabel = "D",
      description = "Every D print a status line: state, transitions, gratuitous ARPs sent and held back, lines "
          + "not printed, carpstats counters and the heap in use after a full collection it asks for "
          + "(default: only at exit, without the heap figure).")
  String statusText;

  @Option(names = "--filter", paramLabel = "BPF", defaultValue = CaptureOptions.DEFAULT_FILTER,
      description = "Capture filter (default: ${DEFAULT-VALUE}).")
  String filter;

  private static Ipv6Address parse6(String text) {
    try {
      return Ipv6Address.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--vip: " + e.getMessage());
    }
  }

  private static int prefixLength6(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= 128) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new IllegalArgumentException("--vip IPv6 prefix length '/" + text + "' is out of range /1../128");
  }

  private static Duration statusPeriod(String text) {
    Duration d;
    try {
      d = NodeDurations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replace("--duration", "--status"));
    }
    if (d.toMillis() < 100) {
      throw new IllegalArgumentException("--status " + text + " is shorter than the allowed 100ms");
    }
    return d;
  }

  /**
   * Prints the node's status and, after a full collection, the heap in use it left (the sum of the
   * heap pools after that collection), so lines compare across a long run.
   */
  private static void printStatus(PrintWriter out, LiveNode node) {
    try {
      LiveNodeStatus s = node.status();
      System.gc();
      long after = 0;
      for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
          after += pool.getCollectionUsage().getUsed();
        }
      }
      synchronized (out) {
        out.println("carpsim node: status " + java.time.Instant.now() + " " + s.line() + " heap-after-gc " + after);
        out.flush();
      }
    } catch (RuntimeException e) {
      // stopping: the event loop is gone
    }
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    Profile profile;
    Optional<Ipv4Address> vip = Optional.empty();
    Integer vipPrefix = null;
    Optional<Ipv6Address> vip6 = Optional.empty();
    int vip6Prefix = 64;
    Optional<Duration> duration;
    Optional<Duration> status;
    try {
      profile = Profiles.byName(profileName);
      for (String raw : vipTexts) {
        String text = raw.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (address.contains(":")) {
          if (vip6.isPresent()) {
            throw new IllegalArgumentException("--vip: at most one IPv6 address (got " + vip6.get() + " and " + address
                + ")");
          }
          vip6 = Optional.of(parse6(address));
          vip6Prefix = slash < 0 ? 64 : prefixLength6(text.substring(slash + 1));
        } else {
          if (vip.isPresent()) {
            throw new IllegalArgumentException("--vip: at most one IPv4 address (got " + vip.get() + " and " + address
                + ")");
          }
          vip = Optional.of(Ipv4Address.parse(address));
          vipPrefix = slash < 0 ? null : NodeDurations.prefixLength(text.substring(slash + 1));
        }
      }
      if (vip6.isPresent() && !profile.supportsIpv6()) {
        throw new IllegalArgumentException("--vip " + vip6.get() + ": profile " + profile.name()
            + " is IPv4-only (ucarp has no IPv6)");
      }
      duration = durationText == null ? Optional.empty() : Optional.of(NodeDurations.parse(durationText));
      status = statusText == null ? Optional.empty() : Optional.of(statusPeriod(statusText));
      if (shutdown && LiveNodeConfig.bowsOut(profile)) {
        throw new IllegalArgumentException("--shutdown is for profiles that do not bow out (ucarp, freebsd); profile " + profile.name()
            + " bows out and runs --down-cmd on stopping anyway");
      }
      // the options first (with a /32 standing in for the NIC's prefix, read once it is open), then the interface
      new LiveNodeConfig(iface, profile, group.vhid, group.pass, vip, vip.isPresent() ? vipPrefix != null ? vipPrefix
          : 32 : 0, vip6, vip6Prefix, group.advbase, group.advskew, group.preempt, Optional.ofNullable(upCmd),
          Optional.ofNullable(downCmd));
      LiveInterface.requireNamed(iface);
    } catch (IllegalArgumentException e) { // UnknownProfileException included
      err.println("carpsim node: " + e.getMessage());
      err.flush();
      return 2;
    }

    LiveInterface nic;
    try {
      nic = LiveInterface.open(iface, CaptureOptions.DAEMON.withFilter(filter));
    } catch (LiveIoException e) {
      err.println("carpsim node: " + e.getMessage());
      err.flush();
      return 1;
    }
    LiveNodeConfig config;
    try {
      int len = vipPrefix != null ? vipPrefix : nic.firstIpv4().map(LiveInterface.Ipv4InterfaceAddress::prefixLength).orElse(32);
      config = new LiveNodeConfig(iface, profile, group.vhid, group.pass, vip, vip.isPresent() ? len : 0, vip6,
          vip6Prefix, group.advbase, group.advskew, group.preempt, Optional.ofNullable(upCmd), Optional.ofNullable(downCmd));
    } catch (IllegalArgumentException e) {
      nic.close();
      err.println("carpsim node: " + e.getMessage());
      err.flush();
      return 2;
    }

    // The banner goes first: the node's first state line (INIT -> BACKUP) is printed while it starts.
    out.println("carpsim node: " + iface + " " + nic.mac() + " " + nic.firstIpv4().map(a -> a.address() + "/" + a.prefixLength()).orElse("")
        + (vip6.isPresent() ? nic.linkLocal().map(a -> " " + a).orElse(" (no IPv6 link-local address)") : "")
        + ", " + config + (nic.nanosecondTimestamps() ? "" : " (the NIC refused nanosecond timestamps: microseconds)")
        + (LiveNodeConfig.bowsOut(profile) ? "; Ctrl-C bows out" : "; Ctrl-C stops without bowing out (as ucarp)"));
    out.flush();
    LiveNode node;
    try {
      node = LiveNode.start(config, nic, line -> {
        synchronized (out) {
          out.println(line);
          out.flush();
        }
      }, NodeListener.NONE);
    } catch (LiveIoException e) {
      nic.close();
      err.println("carpsim node: " + e.getMessage());
      err.flush();
      return 1;
    }

    if (shutdown) {
      node.runDownCommandOnStop();
    }
    java.util.concurrent.ScheduledExecutorService ticker = null;
    if (status.isPresent()) {
      ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "carpsim-node-status");
        t.setDaemon(true);
        return t;
      });
      long every = status.get().toNanos();
      ticker.scheduleAtFixedRate(() -> printStatus(out, node), every, every, TimeUnit.NANOSECONDS);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    java.util.concurrent.ScheduledExecutorService statusTicker = ticker;
    // Once, by the shutdown hook (a signal: the JVM exits when the hook returns) or by this thread.
    java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
    Runnable finish = () -> {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      if (statusTicker != null) {
        statusTicker.shutdownNow();
      }
      node.stop();
      synchronized (out) {
        out.println("carpsim node: at exit " + node.status().line());
        out.println("carpsim node: stopped");
        out.flush();
      }
    };
    Thread hook = new Thread(() -> {
      finish.run();
      stopped.countDown();
    }, "carpsim-node-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (duration.isPresent()) {
        stopped.await(duration.get().toNanos(), TimeUnit.NANOSECONDS);
      } else {
        stopped.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down: the hook is running (or ran) finish
      return 0;
    }
    finish.run();
    return 0;
  }
}
