package org.carpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.conformance.live.CaptureOptions;
import org.carpsim.conformance.live.LiveFrame;
import org.carpsim.conformance.live.LiveInterface;
import org.carpsim.conformance.live.NamespaceLab;
import org.carpsim.conformance.live.Netns;
import org.carpsim.conformance.tester.AdvertisementCrafter;
import org.carpsim.conformance.tester.Fault;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real {@code carpsim node} process — a separate JVM started with {@code ip netns exec} the
 * way a user starts it — in a two-namespace lab built by {@code conformance/lab/carp-lab.sh}:
 * node "n" (10.99.0.11) runs carpsim node for vhid 1, VIP 10.99.0.100, profile openbsd; the
 * tester "t" (10.99.0.12) captures what it sends and asks it for the VIP with ARP.
 *
 * <p>Expectations come from carp-protocol.md §6 (OpenBSD): after the master-down interval
 * (3 × advbase + skew/256 s) the node becomes MASTER and sends an advertisement and then a
 * gratuitous ARP request (Ethernet and ARP source = the virtual MAC 00:00:5e:00:01:01, spa = tpa
 * = VIP, tha = 00:00:00:00:00:00, to ff:ff:ff:ff:ff:ff); while MASTER it answers ARP for the VIP
 * with the virtual MAC; on SIGTERM it bows out ({@code ifconfig carp0 down}: one advertisement with
 * advbase 255 advskew 255, §4.3), runs the down hook as ucarp does, and exits with 143.
 */
@Tag("live")
class NodeProcessLiveTest {

  private static final Ipv4Address VIP = Ipv4Address.parse("10.99.0.100");
  private static final Ipv4Address NODE = Ipv4Address.parse("10.99.0.11");
  private static final Ipv4Address TESTER = Ipv4Address.parse("10.99.0.12");
  private static final MacAddress VIRTUAL_MAC = MacAddress.parse("00:00:5e:00:01:01");
  private static final Pattern STATE_LINE =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z carp0 vhid 1 BACKUP -> MASTER \\(master timed out\\)");

  @Test
  void becomesMasterAnswersArpRunsItsHooksAndBowsOutOnSigterm() throws Exception {
    try (Lab lab = new Lab()) {
      Path upLog = lab.dir.resolve("up.log");
      Path downLog = lab.dir.resolve("down.log");
      Path up = lab.script("up.sh", "echo \"$(date +%s.%N) up $1 $2\" >> " + upLog);
      Path down = lab.script("down.sh", "echo \"$(date +%s.%N) down $1 $2\" >> " + downLog);
      try (Tester t = new Tester(lab.ns("t"))) {
        Process node = lab.startNode(List.of("--iface", "eth0", "--vhid", "1", "--pass", "secret", "--vip", "10.99.0.100",
            "--advbase", "1", "--advskew", "0", "--up-cmd", up.toString(), "--down-cmd", down.toString()));

        // 1. MASTER against silence, said on stdout, with the up hook run as CMD IFACE VIP.
        String master = lab.awaitLine(l -> l.contains("BACKUP -> MASTER"), 12_000);
        assertTrue(STATE_LINE.matcher(master).matches(), "state line: " + master);
        List<String> started = lab.stdout();
        assertTrue(started.get(0).startsWith("carpsim node: eth0 ") && started.get(0).contains("pass <hidden>"),
            "the banner comes first: " + started);
        assertTrue(started.get(1).endsWith(" carp0 vhid 1 INIT -> BACKUP (initialization complete)"), "then: " + started);
        assertFalse(String.join("\n", lab.stdout()).contains("secret"), "the passphrase leaked to stdout");
        List<String> upLines = awaitLines(upLog, 1, 3_000);
        assertEquals(1, upLines.size(), "up hook ran once: " + upLines);
        assertTrue(upLines.get(0).endsWith(" up eth0 10.99.0.100"), upLines.get(0));

        // 2. Takeover on the wire: an advertisement then a gratuitous ARP, both from the virtual MAC.
        LiveFrame firstAd = t.await(f -> advertisement(f).isPresent(), 3_000).orElseThrow(
            () -> new AssertionError("no advertisement from the node; captured " + t.frames().size() + " frames"));
        EthernetFrame adFrame = (EthernetFrame) Frames.decode(firstAd.bytes());
        assertEquals(VIRTUAL_MAC, adFrame.header().source());
        CarpAdvertisement ad = advertisement(firstAd).orElseThrow();
        assertEquals(List.of(1, 1, 0), List.of(ad.vhid(), ad.advbase(), ad.advskew()), "vhid, advbase, advskew");
        assertEquals(NODE, ((Ipv4Packet) adFrame.payload()).header().source(), "sourced from the NIC's own address");
        LiveFrame garpFrame = t.await(f -> arp(f).filter(ArpPacket::isGratuitous).isPresent(), 2_000).orElseThrow(
            () -> new AssertionError("no gratuitous ARP after taking over"));
        ArpPacket garp = arp(garpFrame).orElseThrow();
        EthernetFrame garpEth = (EthernetFrame) Frames.decode(garpFrame.bytes());
        assertEquals(ArpPacket.REQUEST, garp.operation());
        assertEquals(List.of(MacAddress.BROADCAST, VIRTUAL_MAC, VIRTUAL_MAC, VIP, MacAddress.ZERO),
            List.of(garpEth.header().destination(), garpEth.header().source(), garp.senderMac(), garp.senderIp(), garp.targetMac()),
            "Ethernet dst/src, sha, spa, tha of the gratuitous ARP (carp-protocol.md §6)");
        long gap = garpFrame.epochNanos() - firstAd.epochNanos();
        assertTrue(gap >= 0 && gap < 100_000_000L, "the GARP follows the takeover advertisement at once: " + gap + " ns");

        // 3. ARP for the VIP is answered with the virtual MAC while MASTER.
        long asked = t.lastTimestamp();
        t.inject(EthernetFrame.of(MacAddress.BROADCAST, t.mac(),
            new ArpPacket(ArpPacket.REQUEST, t.mac(), TESTER, MacAddress.ZERO, VIP)).toBytes());
        LiveFrame replyFrame = t.await(f -> f.epochNanos() > asked
            && arp(f).filter(a -> a.operation() == ArpPacket.REPLY).isPresent(), 2_000).orElseThrow(
                () -> new AssertionError("no ARP reply for " + VIP));
        ArpPacket reply = arp(replyFrame).orElseThrow();
        EthernetFrame replyEth = (EthernetFrame) Frames.decode(replyFrame.bytes());
        assertEquals(List.of(VIP, VIRTUAL_MAC, TESTER, t.mac()),
            List.of(reply.senderIp(), reply.senderMac(), reply.targetIp(), reply.targetMac()), "spa, sha, tpa, tha");
        assertEquals(List.of(t.mac(), VIRTUAL_MAC), List.of(replyEth.header().destination(), replyEth.header().source()),
            "unicast back to the asker from the virtual MAC");

        // 4. SIGTERM: bow out (advbase 255, advskew 255), down hook, exit 143.
        long beforeStop = t.lastTimestamp();
        node.destroy(); // SIGTERM to the JVM: `ip netns exec` execs java, so this is its PID
        assertTrue(node.waitFor(15, TimeUnit.SECONDS), "carpsim node did not exit within 15 s of SIGTERM");
        assertEquals(143, node.exitValue(), "exit status after SIGTERM; stderr: " + lab.stderr());
        LiveFrame bowOut = t.await(f -> f.epochNanos() > beforeStop
            && advertisement(f).filter(a -> a.advbase() == 255 && a.advskew() == 255).isPresent(), 2_000).orElseThrow(
                () -> new AssertionError("no bow-out advertisement (advbase 255, advskew 255) after SIGTERM"));
        assertEquals(VIRTUAL_MAC, ((EthernetFrame) Frames.decode(bowOut.bytes())).header().source());
        List<String> out = lab.stdout();
        assertTrue(out.stream().anyMatch(l -> l.contains("carp0 vhid 1 MASTER -> INIT")), "stdout: " + out);
        assertEquals("carpsim node: stopped", out.get(out.size() - 1), "stdout: " + out);
        List<String> downLines = awaitLines(downLog, 1, 3_000);
        assertEquals(1, downLines.size(), "down hook ran once on leaving MASTER: " + downLines);
        assertTrue(downLines.get(0).endsWith(" down eth0 10.99.0.100"), downLines.get(0));
        Thread.sleep(1_500);
        assertTrue(t.frames().stream().noneMatch(f -> f.epochNanos() > bowOut.epochNanos()),
            "nothing is sent after the bow-out");
      }
      lab.close();
      assertFalse(lab.anyNamespaceLeft(), "the lab's namespaces are gone");
    }
  }

  /**
   * Behind a better master (the tester advertising advskew 0 every second, valid OpenBSD HMAC)
   * the node stays BACKUP: it sends nothing at all and does not answer ARP for the VIP
   * (conformance D2: "a backup does not"). SIGINT (Ctrl-C) stops it with status 130 and runs no
   * hook, since it never was MASTER.
   */
  @Test
  void staysSilentBehindABetterMasterAndExitsOnSigint() throws Exception {
    NamespaceLab.gate(succeeds(List.of("env", "--default-signal=INT", "true")) ? Optional.empty()
        : Optional.of("env --default-signal is missing (coreutils < 8.31): SIGINT may be ignored in the child"),
        System.getenv("CI"));
    try (Lab lab = new Lab()) {
      Path hooks = lab.dir.resolve("hooks.log");
      Path hook = lab.script("hook.sh", "echo \"$(date +%s.%N) $0 $1 $2\" >> " + hooks);
      try (Tester t = new Tester(lab.ns("t"))) {
        AdvertisementCrafter crafter = new AdvertisementCrafter(Profiles.byName("openbsd").authentication().hmac(), 1,
            "secret", List.of(VIP));
        java.util.concurrent.ScheduledExecutorService master = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        AtomicInteger counter = new AtomicInteger();
        try {
          master.scheduleAtFixedRate(() -> t.inject(crafter.advertisement(t.mac(), TESTER, 1, 0, counter.get(),
              counter.incrementAndGet(), Fault.NONE)), 0, 1, TimeUnit.SECONDS);
          Thread.sleep(200);
          // SIGINT must not be ignored in the child (a background mvn would pass SIG_IGN down).
          Process node = lab.startNode(List.of("env", "--default-signal=INT"), List.of("--iface", "eth0", "--vhid", "1",
              "--pass", "secret", "--vip", "10.99.0.100", "--advskew", "100", "--up-cmd", hook.toString(),
              "--down-cmd", hook.toString()));
          lab.awaitLine(l -> l.contains("carp0 vhid 1 INIT -> BACKUP"), 8_000);
          Thread.sleep(5_000); // longer than its master-down interval, 3 × (1 + 100/256) s = 4.17 s
          t.inject(EthernetFrame.of(MacAddress.BROADCAST, t.mac(),
              new ArpPacket(ArpPacket.REQUEST, t.mac(), TESTER, MacAddress.ZERO, VIP)).toBytes());
          Thread.sleep(1_000);
          assertTrue(lab.stdout().stream().noneMatch(l -> l.contains("-> MASTER")), "stdout: " + lab.stdout());
          assertEquals(List.of(), t.frames().stream().map(f -> Frames.decode(f.bytes()).toString()).toList(),
              "a BACKUP sends nothing: no advertisement, no gratuitous ARP, no ARP reply for the VIP");

          assertTrue(succeeds(List.of("kill", "-INT", Long.toString(node.pid()))), "kill -INT");
          assertTrue(node.waitFor(15, TimeUnit.SECONDS), "carpsim node did not exit within 15 s of SIGINT");
          assertEquals(130, node.exitValue(), "exit status after SIGINT; stderr: " + lab.stderr());
          List<String> out = lab.stdout();
          assertTrue(out.stream().anyMatch(l -> l.contains("carp0 vhid 1 BACKUP -> INIT")), "stdout: " + out);
          assertEquals("carpsim node: stopped", out.get(out.size() - 1), "stdout: " + out);
        } finally {
          master.shutdownNow();
        }
        Thread.sleep(300);
        assertTrue(t.frames().stream().noneMatch(f -> advertisement(f).isPresent()), "no bow-out from a BACKUP");
        assertFalse(Files.exists(hooks), "no hook runs for a node that never was MASTER");
      }
    }
  }

  /**
   * Interop with a real ucarp, process to process: carpsim node with the ucarp profile (advskew
   * 0) is MASTER and ucarp (advskew 100) stays BACKUP, so each accepts the other's HMAC; after
   * SIGTERM (the ucarp profile has no bow-out) ucarp takes over once its master-down interval has
   * passed: 3 × (1 + 100/256) s after it processed the node's last advertisement, which its 1 s
   * libpcap tick delays by up to a second (ucarp-lab.md).
   */
  @Test
  void interoperatesWithARealUcarpAndHandsOverWhenStopped() throws Exception {
    try (Lab lab = new Lab()) {
      Path ucarpLog = lab.dir.resolve("ucarp-state.log");
      Path up = lab.script("ucarp-up.sh", "echo \"$(date +%s.%N) up $2\" >> " + ucarpLog);
      Path down = lab.script("ucarp-down.sh", "echo \"$(date +%s.%N) down $2\" >> " + ucarpLog);
      Process node = lab.startNode(List.of("--iface", "eth0", "--profile", "ucarp", "--vhid", "1", "--pass", "secret",
          "--vip", "10.99.0.100", "--advskew", "0"));
      lab.awaitLine(l -> l.contains("INIT -> BACKUP"), 8_000);
      lab.start("t", List.of("ucarp", "--interface=eth0", "--srcip=10.99.0.12", "--vhid=1", "--pass=secret",
          "--addr=10.99.0.100", "--advbase=1", "--advskew=100", "--upscript=" + up, "--downscript=" + down));
      lab.awaitLine(l -> l.contains("BACKUP -> MASTER"), 8_000);
      Thread.sleep(6_000); // past ucarp's own master-down interval (4.17 s + its tick) while the node advertises
      List<String> upsWhileNodeIsMaster = lines(ucarpLog).stream().filter(l -> l.contains(" up ")).toList();
      assertEquals(List.of(), upsWhileNodeIsMaster, "ucarp stays BACKUP behind carpsim node");
      assertTrue(lab.stdout().stream().noneMatch(l -> l.contains("MASTER -> BACKUP")), "the node stays MASTER: " + lab.stdout());

      long stoppedAt = System.currentTimeMillis();
      node.destroy();
      assertTrue(node.waitFor(15, TimeUnit.SECONDS), "carpsim node did not exit within 15 s of SIGTERM");
      assertEquals(143, node.exitValue(), "stderr: " + lab.stderr());
      long deadline = System.currentTimeMillis() + 9_000;
      List<String> ups = List.of();
      while (ups.isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
        ups = lines(ucarpLog).stream().filter(l -> l.contains(" up 10.99.0.100")).toList();
      }
      assertEquals(1, ups.size(), "ucarp took over after the node stopped: " + lines(ucarpLog));
      long after = Math.round(Double.parseDouble(ups.get(0).split(" ")[0]) * 1000) - stoppedAt;
      System.out.println("ucarp became MASTER " + after + " ms after carpsim node was sent SIGTERM");
      assertTrue(after >= 3_000 && after <= 6_500, "takeover " + after + " ms after the SIGTERM, expected 4.2-5.5 s");
    }
  }

  /**
   * {@code --profile ucarp} does what ucarp does and what {@code help node} says: as MASTER it does
   * not answer ARP for the VIP itself (ucarp leaves that to the kernel), and once its up command
   * has added the address the kernel answers with the NIC's own MAC; on SIGTERM it sends no
   * bow-out (nothing at all leaves after the signal) and runs the down command only with
   * {@code --shutdown}, as ucarp's sighandler_exit does.
   */
  @Test
  void theUcarpProfileLeavesArpToTheKernelAndDoesNotBowOut() throws Exception {
    try (Lab lab = new Lab()) {
      Path log = lab.dir.resolve("hooks.log");
      Path up = lab.script("up.sh", "ip addr add \"$2\"/24 dev \"$1\" && echo \"up $1 $2\" >> " + log);
      Path down = lab.script("down.sh", "ip addr del \"$2\"/24 dev \"$1\"; echo \"down $1 $2\" >> " + log);
      try (Tester t = new Tester(lab.ns("t"))) {
        // 1. No up command: MASTER, but no ARP reply for the VIP; SIGTERM sends nothing, runs no hook.
        Process node = lab.startNode(List.of("--iface", "eth0", "--profile", "ucarp", "--vhid", "1", "--pass", "secret",
            "--vip", "10.99.0.100", "--advbase", "1", "--down-cmd", down.toString()));
        lab.awaitLine(l -> l.contains("BACKUP -> MASTER"), 12_000);
        assertTrue(lab.stdout().get(0).endsWith("; Ctrl-C stops without bowing out (as ucarp)"), lab.stdout().get(0));
        Thread.sleep(300);
        long asked = t.lastTimestamp();
        t.inject(EthernetFrame.of(MacAddress.BROADCAST, t.mac(),
            new ArpPacket(ArpPacket.REQUEST, t.mac(), TESTER, MacAddress.ZERO, VIP)).toBytes());
        Thread.sleep(1_000);
        assertEquals(List.of(), t.frames().stream().filter(f -> f.epochNanos() > asked
            && arp(f).filter(a -> a.operation() == ArpPacket.REPLY).isPresent()).toList(),
            "no ARP reply for the VIP: ucarp leaves ARP to the kernel, which does not hold the address");
        long beforeStop = t.lastTimestamp();
        node.destroy();
        assertTrue(node.waitFor(15, TimeUnit.SECONDS), "carpsim node did not exit within 15 s of SIGTERM");
        assertEquals(143, node.exitValue(), "stderr: " + lab.stderr());
        Thread.sleep(1_500);
        assertEquals(List.of(), t.frames().stream().filter(f -> f.epochNanos() > beforeStop
            && advertisement(f).isPresent()).map(f -> advertisement(f).get().toString()).toList(),
            "no bow-out (nor any advertisement) after SIGTERM");
        assertFalse(Files.exists(log), "no down command without --shutdown: " + lines(log));
        assertTrue(lab.stdout().stream().anyMatch(l -> l.startsWith("carpsim node: at exit state MASTER transitions 2 ")),
            "the exit line: " + lab.stdout());

        // 2. The up command adds the address: the kernel answers with the NIC's MAC. --shutdown: the down command runs.
        node = lab.startNode(List.of("--iface", "eth0", "--profile", "ucarp", "--vhid", "1", "--pass", "secret",
            "--vip", "10.99.0.100", "--advbase", "1", "--up-cmd", up.toString(), "--down-cmd", down.toString(),
            "--shutdown"));
        lab.awaitLine(l -> l.contains("BACKUP -> MASTER"), 12_000);
        assertEquals(List.of("up eth0 10.99.0.100"), awaitLines(log, 1, 3_000));
        long asked2 = t.lastTimestamp();
        t.inject(EthernetFrame.of(MacAddress.BROADCAST, t.mac(),
            new ArpPacket(ArpPacket.REQUEST, t.mac(), TESTER, MacAddress.ZERO, VIP)).toBytes());
        LiveFrame replyFrame = t.await(f -> f.epochNanos() > asked2
            && arp(f).filter(a -> a.operation() == ArpPacket.REPLY).isPresent(), 2_000).orElseThrow(
                () -> new AssertionError("the kernel did not answer ARP for the VIP the up command added"));
        ArpPacket reply = arp(replyFrame).orElseThrow();
        MacAddress nicMac = nicMac(lab.ns("n"));
        assertEquals(List.of(VIP, nicMac, TESTER), List.of(reply.senderIp(), reply.senderMac(), reply.targetIp()),
            "the kernel's reply: the NIC's own MAC, not a virtual one");
        long beforeStop2 = t.lastTimestamp();
        node.destroy();
        assertTrue(node.waitFor(15, TimeUnit.SECONDS), "carpsim node did not exit within 15 s of SIGTERM");
        assertEquals(143, node.exitValue(), "stderr: " + lab.stderr());
        assertEquals(List.of("up eth0 10.99.0.100", "down eth0 10.99.0.100"), awaitLines(log, 2, 3_000),
            "--shutdown runs the down command at exit");
        Thread.sleep(1_000);
        assertTrue(t.frames().stream().noneMatch(f -> f.epochNanos() > beforeStop2 && advertisement(f).isPresent()),
            "no bow-out with --shutdown either");
      }
    }
  }

  private static MacAddress nicMac(String ns) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("ip", "-n", ns, "-o", "link", "show", "eth0").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor();
    java.util.regex.Matcher m = Pattern.compile("link/ether ([0-9a-f:]{17})").matcher(text);
    assertTrue(m.find(), text);
    return MacAddress.parse(m.group(1));
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  private static Optional<CarpAdvertisement> advertisement(LiveFrame f) {
    return Frames.decode(f.bytes()) instanceof EthernetFrame e && e.payload() instanceof Ipv4Packet p
        && p.header().source().equals(NODE) && p.payload() instanceof CarpAdvertisement ad ? Optional.of(ad) : Optional.empty();
  }

  private static Optional<ArpPacket> arp(LiveFrame f) {
    return Frames.decode(f.bytes()) instanceof EthernetFrame e && e.payload() instanceof ArpPacket a ? Optional.of(a)
        : Optional.empty();
  }

  private static List<String> awaitLines(Path file, int n, long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
      if (lines.size() >= n || System.currentTimeMillis() > deadline) {
        return lines;
      }
      Thread.sleep(50);
    }
  }

  /** Whether {@code argv} runs and exits 0 within 20 s. */
  private static boolean succeeds(List<String> argv) {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Two namespaces ({@code n} for the node, {@code t} for the tester) of a {@link NamespaceLab},
   * which kills what it started (by PID) and deletes exactly its namespaces on close; plus the
   * {@code carpsim node} process and its output.
   */
  static final class Lab implements AutoCloseable {
    private final NamespaceLab lab;
    final Path dir;
    private Process node;
    private Path stdout;
    private Path stderr;

    Lab() throws IOException {
      NamespaceLab.assumeLabAvailable();
      this.lab = NamespaceLab.create("n", "t");
      this.dir = lab.dir();
    }

    String ns(String host) {
      return lab.ns(host);
    }

    Path script(String name, String body) throws IOException {
      return lab.script(name, body);
    }

    /** {@code ip netns exec <n> java -cp <this test's classpath> org.carpsim.cli.Carpsim node ARGS}. */
    Process startNode(List<String> args) throws IOException {
      return startNode(List.of(), args);
    }

    /** The same, with {@code wrapper} (e.g. {@code env --default-signal=INT}) exec-ing java. */
    synchronized Process startNode(List<String> wrapper, List<String> args) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> argv = new ArrayList<>(wrapper);
      argv.addAll(List.of(java, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
          Carpsim.class.getName(), "node"));
      argv.addAll(args);
      stdout = dir.resolve("node.out");
      stderr = dir.resolve("node.err");
      node = lab.start("n", argv, stdout, stderr);
      return node;
    }

    /** Starts {@code argv} in {@code host}'s namespace, output to {@code <dir>/<host>-<argv0>.out}. */
    Process start(String host, List<String> argv) throws IOException {
      return lab.start(host, argv, dir.resolve(host + "-" + Path.of(argv.get(0)).getFileName() + ".out"));
    }

    List<String> stdout() throws IOException {
      return Files.readAllLines(stdout);
    }

    String stderr() throws IOException {
      return Files.readString(stderr);
    }

    String awaitLine(Predicate<String> wanted, long timeoutMs) throws Exception {
      long deadline = System.currentTimeMillis() + timeoutMs;
      while (System.currentTimeMillis() < deadline) {
        for (String l : stdout()) {
          if (wanted.test(l)) {
            return l;
          }
        }
        if (!node.isAlive()) {
          throw new AssertionError("carpsim node exited with " + node.exitValue() + "; stdout " + stdout() + "; stderr "
              + stderr());
        }
        Thread.sleep(50);
      }
      throw new AssertionError("no such line within " + timeoutMs + " ms; stdout " + stdout() + "; stderr " + stderr());
    }

    boolean anyNamespaceLeft() {
      return lab.anyNamespaceLeft();
    }

    @Override
    public void close() {
      lab.close();
    }
  }

  /** The tester's seat: captures what arrives on its eth0 and injects through a second handle. */
  static final class Tester implements AutoCloseable {
    private final LiveInterface nic;
    private final LiveInterface injector;
    private final List<LiveFrame> frames = new ArrayList<>();

    Tester(String ns) {
      nic = Netns.call(ns, () -> LiveInterface.open("eth0", CaptureOptions.DEFAULT.withFilter("ip proto 112 or arp")));
      injector = Netns.call(ns, () -> LiveInterface.open("eth0", CaptureOptions.DEFAULT.withFilter("less 1")));
      nic.startReceiving(f -> {
        synchronized (frames) {
          frames.add(f);
          frames.notifyAll();
        }
      });
    }

    MacAddress mac() {
      return nic.mac();
    }

    List<LiveFrame> frames() {
      synchronized (frames) {
        return List.copyOf(frames);
      }
    }

    long lastTimestamp() {
      List<LiveFrame> all = frames();
      return all.isEmpty() ? Long.MIN_VALUE : all.get(all.size() - 1).epochNanos();
    }

    Optional<LiveFrame> await(Predicate<LiveFrame> wanted, long timeoutMs) throws InterruptedException {
      long deadline = System.currentTimeMillis() + timeoutMs;
      synchronized (frames) {
        while (true) {
          for (LiveFrame f : frames) {
            if (wanted.test(f)) {
              return Optional.of(f);
            }
          }
          long left = deadline - System.currentTimeMillis();
          if (left <= 0) {
            return Optional.empty();
          }
          frames.wait(left);
        }
      }
    }

    void inject(byte[] frame) {
      injector.send(Frames.padToMinimum(frame));
    }

    @Override
    public void close() {
      injector.close();
      nic.close();
    }
  }
}
