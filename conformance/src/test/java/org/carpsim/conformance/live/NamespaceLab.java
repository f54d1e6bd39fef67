package org.carpsim.conformance.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A lab built by {@code lab/carp-lab.sh}: namespaces {@code cs-<pid>-<n>-<host>} joined by a
 * bridge, host i at 10.99.0.(10+i)/24. It tears down exactly what it created — the processes it
 * started (killed by PID) and its own namespaces — on {@link #close()} or, if the JVM dies first,
 * in a shutdown hook.
 */
public final class NamespaceLab implements AutoCloseable {

  /** {@code conformance/lab/carp-lab.sh}, found from the working directory (a module or the project root). */
  static final Path SCRIPT = labScript();
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final String prefix;
  private final List<String> hosts;
  private final List<Process> processes = new ArrayList<>();
  private final List<String> hostOf = new ArrayList<>();
  private final Path dir;
  private final Thread hook;
  private boolean closed;

  private NamespaceLab(String prefix, List<String> hosts, Path dir) {
    this.prefix = prefix;
    this.hosts = List.copyOf(hosts);
    this.dir = dir;
    this.hook = new Thread(this::close, "lab-teardown-" + prefix);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private static Path labScript() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      for (Path s : List.of(d.resolve("lab/carp-lab.sh"), d.resolve("conformance/lab/carp-lab.sh"))) {
        if (Files.exists(s)) {
          return s;
        }
      }
    }
    return Path.of("lab/carp-lab.sh").toAbsolutePath();
  }

  /**
   * Skips the calling test, saying which prerequisite is missing and why — or fails it when the
   * environment variable CI is "true", where a skipped live test would hide a broken lab.
   */
  public static void assumeLabAvailable() {
    gate(missingPrerequisite(), System.getenv("CI"));
  }

  /** Passes when nothing is missing; otherwise skips, or fails when {@code ciVariable} is "true". */
  public static void gate(Optional<String> missing, String ciVariable) {
    if (missing.isEmpty()) {
      return;
    }
    String why = "live CARP lab unavailable: " + missing.get();
    if ("true".equals(ciVariable)) {
      Assertions.fail(why + " (CI=true: a skipped live test is a failure)");
    }
    Assumptions.abort(why);
  }

  public static Optional<String> missingPrerequisite() {
    if (!isRoot()) {
      return Optional.of("not root (namespaces, veth pairs and raw capture need root)");
    }
    if (!onPath("ip")) {
      return Optional.of("iproute2's 'ip' is not installed (apt-get install iproute2)");
    }
    if (!onPath("ucarp")) {
      return Optional.of("ucarp is not installed (apt-get install ucarp)");
    }
    try {
      org.pcap4j.core.Pcaps.libVersion();
    } catch (Throwable e) { // UnsatisfiedLinkError/NoClassDefFoundError from JNA
      return Optional.of("libpcap cannot be loaded (apt-get install libpcap0.8): " + e.getMessage());
    }
    if (!Files.isExecutable(SCRIPT)) {
      return Optional.of(SCRIPT + " is missing or not executable");
    }
    String probe = "cs-" + ProcessHandle.current().pid() + "-probe";
    try {
      if (run(List.of("ip", "netns", "add", probe)) != 0) {
        return Optional.of("'ip netns add' failed (no network namespaces in this container?)");
      }
    } finally {
      run(List.of("ip", "netns", "del", probe));
    }
    return Optional.empty();
  }

  private static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2].equals("0"); // the effective uid
        }
      }
    } catch (IOException e) {
      // not Linux: no namespaces either
    }
    return false;
  }

  private static boolean onPath(String cmd) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(d, cmd))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", cmd)) || Files.isExecutable(Path.of("/sbin", cmd));
  }

  private static int run(List<String> argv) {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Builds a lab with the given hosts (host i gets 10.99.0.(10+i)); IPv6 is off. */
  public static NamespaceLab create(String... hosts) throws IOException {
    return create(false, hosts);
  }

  /**
   * Builds a lab with IPv6 on: host i gets 10.99.0.(10+i)/24, its EUI-64 link-local address and
   * fd99::(10+i)/64 ({@link #address6}), without duplicate address detection.
   */
  public static NamespaceLab createWithIpv6(String... hosts) throws IOException {
    return create(true, hosts);
  }

  private static NamespaceLab create(boolean ipv6, String... hosts) throws IOException {
    String prefix = "cs-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
    Path dir = Files.createTempDirectory(prefix);
    NamespaceLab lab = new NamespaceLab(prefix, List.of(hosts), dir);
    List<String> argv = new ArrayList<>(List.of(SCRIPT.toString(), "up"));
    if (ipv6) {
      argv.add("--ipv6");
    }
    argv.add(prefix);
    argv.addAll(List.of(hosts));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String output;
    try {
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        lab.close();
        throw new IOException("carp-lab.sh up failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lab.close();
      throw new IOException("interrupted building the lab");
    }
    return lab;
  }

  /** The namespace of {@code host}. */
  public String ns(String host) {
    if (!hosts.contains(host)) {
      throw new IllegalArgumentException("no host " + host + " in this lab (" + hosts + ")");
    }
    return prefix + "-" + host;
  }

  /** The IPv4 address of {@code host}'s eth0. */
  public String address(String host) {
    return "10.99.0." + (11 + hosts.indexOf(host));
  }

  /** The unique-local IPv6 address of {@code host}'s eth0 in a lab made by {@link #createWithIpv6}. */
  public String address6(String host) {
    return "fd99::" + (11 + hosts.indexOf(host));
  }

  /** A scratch directory of this lab (scripts, logs); deleted on close unless CARPSIM_KEEP_LAB is set. */
  public Path dir() {
    return dir;
  }

  /** Starts {@code argv} inside {@code host}'s namespace, output to {@code log}. */
  public synchronized Process start(String host, List<String> argv, Path log) throws IOException {
    return start(host, argv, log, log);
  }

  /** Starts {@code argv} inside {@code host}'s namespace, standard output and error to files of their own. */
  public synchronized Process start(String host, List<String> argv, Path stdout, Path stderr) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns(host)));
    cmd.addAll(argv);
    ProcessBuilder b = new ProcessBuilder(cmd).redirectOutput(stdout.toFile());
    if (stderr.equals(stdout)) {
      b.redirectErrorStream(true);
    } else {
      b.redirectError(stderr.toFile());
    }
    Process p = b.start();
    processes.add(p);
    hostOf.add(ns(host));
    return p;
  }

  /** Whether any namespace of this lab (its hosts' or its switch's) still exists. */
  public boolean anyNamespaceLeft() {
    return hosts.stream().anyMatch(h -> Files.exists(Path.of("/var/run/netns", prefix + "-" + h)))
        || Files.exists(Path.of("/var/run/netns", prefix + "-sw"));
  }

  /**
   * Starts ucarp in {@code host} for vhid 1, pass "secret", VIP 10.99.0.100, with up/down scripts
   * that append {@code <epoch seconds.ns> up|down <vip>} lines to {@code <dir>/<host>-state.log}.
   */
  public Process startUcarp(String host, int advskew, boolean preempt) throws IOException {
    return startUcarp(host, advskew, preempt, "", "");
  }

  /**
   * {@link #startUcarp} as ucarp is deployed: its up script also adds the VIP 10.99.0.100/24 to
   * eth0 and its down script removes it, so the kernel answers ARP for the VIP while ucarp is
   * MASTER (catalogue D2) with the host's own MAC.
   */
  public Process startUcarpOwningVip(String host, int advskew, boolean preempt) throws IOException {
    return startUcarp(host, advskew, preempt, "ip addr add \"$2\"/24 dev \"$1\" 2>/dev/null\n",
        "ip addr del \"$2\"/24 dev \"$1\" 2>/dev/null\n");
  }

  /** ucarp in {@code host} whose up and down scripts run {@code onUp}/{@code onDown}, then log the change. */
  private Process startUcarp(String host, int advskew, boolean preempt, String onUp, String onDown)
      throws IOException {
    Path state = dir.resolve(host + "-state.log");
    String kind = onUp.isEmpty() ? "" : "vip-";
    Path up = script(host + "-" + kind + "up.sh", onUp + "echo \"$(date +%s.%N) up $2\" >> " + state);
    Path down = script(host + "-" + kind + "down.sh", onDown + "echo \"$(date +%s.%N) down $2\" >> " + state);
    List<String> argv = new ArrayList<>(List.of("ucarp", "--interface=eth0", "--srcip=" + address(host),
        "--vhid=1", "--pass=secret", "--addr=10.99.0.100", "--advbase=1", "--advskew=" + advskew,
        "--upscript=" + up, "--downscript=" + down));
    if (preempt) {
      argv.add("--preempt");
    }
    return start(host, argv, dir.resolve(host + "-ucarp.out"));
  }

  /** An executable shell script {@code name} in the lab's directory. */
  public Path script(String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    p.toFile().setExecutable(true);
    return p;
  }

  /** The lines ucarp's up/down scripts logged in {@code host}. */
  public List<String> stateLog(String host) throws IOException {
    Path state = dir.resolve(host + "-state.log");
    return Files.exists(state) ? Files.readAllLines(state) : List.of();
  }

  private static void deleteTree(Path root) {
    try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a leftover scratch directory in /tmp harms nothing
    }
  }

  /** SIGKILLs (by PID) every process this lab started in {@code host}. */
  public synchronized void processesKill(String host) throws InterruptedException {
    String ns = ns(host);
    for (int i = 0; i < processes.size(); i++) {
      if (hostOf.get(i).equals(ns)) {
        processes.get(i).destroyForcibly();
        processes.get(i).waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /** Kills every process this lab started (SIGKILL, by PID), then deletes its namespaces. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Process p : processes) {
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<String> argv = new ArrayList<>(List.of(SCRIPT.toString(), "down", prefix));
    argv.addAll(hosts);
    run(argv);
    if (System.getenv("CARPSIM_KEEP_LAB") == null) {
      deleteTree(dir);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: this is the hook
    }
  }
}
