package org.carpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.conformance.live.CaptureOptions;
import org.carpsim.conformance.live.LiveInterface;
import org.carpsim.conformance.live.NamespaceLab;
import org.carpsim.conformance.live.Netns;
import org.carpsim.conformance.tester.AdvertisementCrafter;
import org.carpsim.conformance.tester.Fault;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The live node as a daemon under attack, for each kind of profile it runs live at once (the
 * kernels' CARP as {@code openbsd}, the userland daemon as {@code ucarp}), each in a lab of its
 * own: the real {@code carpsim node} process (n, 10.99.0.11, advskew 0: MASTER), a real ucarp
 * (u, 10.99.0.12, advskew 100: BACKUP) and a generator (g, 10.99.0.13) sending ≥ 10 k frames/s
 * of malformed and valid traffic for {@code carpsim.soak.seconds} (default 600). Then:
 *
 * <ul>
 *   <li>memory flat after warm-up: the heap in use after a full collection, as the node's
 *       {@code --status} line prints it, within 10 % over every line after the first fifth;
 *   <li>no missed advertisement: on g's capture, no gap between the node's advertisements above
 *       1.5 × advbase;
 *   <li>no wrongful state change: the node made exactly INIT → BACKUP → MASTER and ucarp never
 *       ran its up script;
 *   <li>counters equal to what was sent: the node's carpstats at exit, category by category, equal
 *       the generator's counts (carp-protocol.md §5.1's input checks: TTL → badttl, a short header →
 *       badlen, checksum → badsum, version → badver, a foreign HMAC → badauth; every CARP frame →
 *       ipackets);
 *   <li>under ucarp, which answers each worse advertisement with a gratuitous ARP, GARPs held to
 *       the node's limit (10, then 1 a second) and the rest counted as held back.
 * </ul>
 *
 * The figures, including the rate each generator reached, are printed.
 */
@Tag("live")
class NodeSoakLiveTest {

  private static final Ipv4Address VIP = Ipv4Address.parse("10.99.0.100");
  private static final Ipv4Address GENERATOR = Ipv4Address.parse("10.99.0.13");
  private static final Pattern STATUS = Pattern.compile("carpsim node: status \\S+ state (\\S+) transitions (\\d+) garp-sent (\\d+) "
      + "garp-suppressed (\\d+) lines-suppressed (\\d+) .*rx-dropped (\\d+) capture-dropped (-?\\d+) carpstats (\\S+) heap-after-gc (\\d+)");
  private static final Pattern EXIT = Pattern.compile("carpsim node: at exit state (\\S+) transitions (\\d+) .*rx-dropped (\\d+) capture-dropped (-?\\d+) carpstats (\\S+)");
  private static final int RATE = 10_000;

  /** One cycle of 20 frames: 12 malformed advertisements, 2 valid but worse ones, 6 ARP requests for the VIP. */
  private static final List<Fault> CYCLE = List.of(Fault.TTL_64, Fault.BAD_VERSION, Fault.BAD_CHECKSUM, Fault.WRONG_PASS,
      Fault.WRONG_PASS, Fault.WRONG_PASS, Fault.SHORT, Fault.TTL_64, Fault.BAD_CHECKSUM, Fault.WRONG_VIPS,
      Fault.BAD_VERSION, Fault.SHORT, Fault.NONE, Fault.NONE);
  private static final int ARPS_PER_CYCLE = 6;

  record Figures(String profile, double seconds, long sent, double rate, Map<Fault, Long> sentByFault, long arps,
      long advertisements, double maxGapSeconds, List<Long> heap, String exitLine, Map<String, Long> counters,
      long transitions, long ucarpUps, long garpSent, long garpSuppressed, long receiveDropped, long captureDropped, String lastStatus, List<String> problems) {}

  @Test
  void theNodeRunsFlatUnderMixedTrafficBesideARealUcarp() throws Exception {
    NamespaceLab.assumeLabAvailable();
    long seconds = Long.getLong("carpsim.soak.seconds", 600);
    List<String> profiles = List.of(System.getProperty("carpsim.soak.profiles", "openbsd,ucarp").split(","));
    ExecutorService pool = Executors.newFixedThreadPool(profiles.size());
    List<Future<Figures>> runs = new ArrayList<>();
    for (String p : profiles) {
      runs.add(pool.submit(() -> soak(p, seconds)));
    }
    List<Figures> all = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      try {
        all.add(runs.get(i).get(seconds + 240, TimeUnit.SECONDS));
      } catch (java.util.concurrent.ExecutionException e) {
        problems.add(profiles.get(i) + ": " + e.getCause());
      }
    }
    pool.shutdown();
    for (Figures f : all) {
      long heapMin = f.heap().stream().mapToLong(Long::longValue).min().orElse(0);
      long heapMax = f.heap().stream().mapToLong(Long::longValue).max().orElse(0);
      System.out.printf("soak %s: %.0f s, sent %d frames (%.0f/s; %s, %d ARP requests), node advertisements %d, "
          + "longest gap %.3f s, heap after GC after warm-up %s (min %d, max %d, +%.1f %%), transitions %d, "
          + "ucarp up %d, GARPs sent %d and held back %d, frames dropped: node input queue %d, capture ring %d; counters %s%n", f.profile(), f.seconds(), f.sent(), f.rate(),
          f.sentByFault(), f.arps(), f.advertisements(), f.maxGapSeconds(), f.heap(), heapMin, heapMax,
          heapMin == 0 ? 0 : 100.0 * (heapMax - heapMin) / heapMin, f.transitions(), f.ucarpUps(), f.garpSent(), f.garpSuppressed(),
          f.receiveDropped(), f.captureDropped(), f.counters());
      System.out.println("soak " + f.profile() + ": the node's last status line: " + f.lastStatus());
      f.problems().forEach(p -> problems.add(f.profile() + ": " + p));
    }
    assertEquals(List.of(), problems);
  }

  private Figures soak(String profile, long seconds) throws Exception {
    List<String> problems = new ArrayList<>();
    try (NamespaceLab lab = NamespaceLab.create("n", "u", "g")) {
      Path out = lab.dir().resolve("node.out");
      Path err = lab.dir().resolve("node.err");
      long statusEvery = Math.max(5, seconds / 20);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process node = lab.start("n", List.of(java, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
          Carpsim.class.getName(), "node", "--iface", "eth0", "--profile", profile, "--vhid", "1", "--pass", "secret",
          "--vip", "10.99.0.100/24", "--advbase", "1", "--advskew", "0", "--status", statusEvery + "s"), out, err);
      awaitLine(out, node, "-> MASTER", 60_000); // several JVMs starting at once on two cores
      lab.startUcarp("u", 100, false);
      Thread.sleep(1_500);

      LiveInterface g = Netns.call(lab.ns("g"), () -> LiveInterface.open("eth0",
          CaptureOptions.DEFAULT.withFilter("ip proto 112 and src host 10.99.0.11")));
      List<Long> adTimes = new ArrayList<>();
      g.startReceiving(f -> {
        synchronized (adTimes) {
          adTimes.add(f.epochNanos());
        }
      });
      AdvertisementCrafter crafter = new AdvertisementCrafter(Profiles.byName(profile).authentication().hmac(), 1,
          "secret", List.of(VIP));
      MacAddress mac = g.mac();
      List<byte[]> frames = new ArrayList<>();
      for (int i = 0; i < CYCLE.size(); i++) {
        // valid ones are worse than the node (advskew 200), so they change nobody's state
        frames.add(crafter.advertisement(mac, GENERATOR, 1, 200, i, i, CYCLE.get(i)));
      }
      for (int i = 0; i < ARPS_PER_CYCLE; i++) {
        frames.add(AdvertisementCrafter.arpRequest(mac, GENERATOR, VIP));
      }

      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      long sent = 0;
      while (true) {
        long now = System.nanoTime();
        if (now >= end) {
          break;
        }
        long due = (now - start) * RATE / 1_000_000_000L;
        while (sent < due) {
          g.send(frames.get((int) (sent % frames.size())));
          sent++;
        }
        LockSupport.parkNanos(500_000);
        if (!node.isAlive()) {
          problems.add("the node exited during the soak: " + Files.readString(err));
          break;
        }
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      Thread.sleep(1_500);
      g.close();

      Map<Fault, Long> byFault = new EnumMap<>(Fault.class);
      long cycles = sent / frames.size();
      long rest = sent % frames.size();
      for (int i = 0; i < CYCLE.size(); i++) {
        byFault.merge(CYCLE.get(i), cycles + (i < rest ? 1 : 0), Long::sum);
      }
      long arps = sent - byFault.values().stream().mapToLong(Long::longValue).sum();

      // advertisements: none missed while the generator ran
      List<Long> ads;
      synchronized (adTimes) {
        ads = List.copyOf(adTimes);
      }
      double maxGap = 0;
      for (int i = 1; i < ads.size(); i++) {
        maxGap = Math.max(maxGap, (ads.get(i) - ads.get(i - 1)) / 1e9);
      }
      if (ads.size() < seconds * 0.9) {
        problems.add("only " + ads.size() + " advertisements from the node in " + seconds + " s");
      }
      if (maxGap > 1.5) {
        problems.add(String.format("a gap of %.3f s between advertisements (allowed 1.5 × advbase)", maxGap));
      }

      // memory: the status lines after warm-up
      List<Long> heap = new ArrayList<>();
      long garpSuppressed = 0;
      long garpSent = 0;
      String lastState = "";
      long transitions = -1;
      List<String> statusLines = Files.readAllLines(out).stream().filter(l -> l.startsWith("carpsim node: status ")).toList();
      for (int i = 0; i < statusLines.size(); i++) {
        Matcher m = STATUS.matcher(statusLines.get(i));
        assertTrue(m.find(), statusLines.get(i));
        garpSent = Long.parseLong(m.group(3));
        garpSuppressed = Long.parseLong(m.group(4));
        lastState = m.group(1);
        transitions = Long.parseLong(m.group(2));
        if (i >= statusLines.size() / 5) {
          heap.add(Long.parseLong(m.group(9)));
        }
      }
      if (heap.size() < 3) {
        problems.add("only " + heap.size() + " status lines after warm-up: " + statusLines);
      } else {
        long min = heap.stream().mapToLong(Long::longValue).min().getAsLong();
        long max = heap.stream().mapToLong(Long::longValue).max().getAsLong();
        if (max > min * 1.10) {
          problems.add("heap after GC grew beyond 10 %: " + heap);
        }
      }

      // ucarp reasserts with a gratuitous ARP per worse advertisement (2 per cycle here): held to 10 + 1/s
      if (profile.equals("ucarp") && (garpSuppressed == 0 || garpSent > 10 + seconds + 5)) {
        problems.add("gratuitous ARPs not rate-limited: " + garpSent + " sent, " + garpSuppressed + " held back");
      }

      node.destroy();
      if (!node.waitFor(20, TimeUnit.SECONDS)) {
        problems.add("the node did not exit within 20 s of SIGTERM");
      }
      List<String> lines = Files.readAllLines(out);
      String exit = lines.stream().filter(l -> l.startsWith("carpsim node: at exit ")).findFirst().orElse("");
      Matcher e = EXIT.matcher(exit);
      Map<String, Long> counters = new LinkedHashMap<>();
      long captureDropped = -1;
      long receiveDropped = -1;
      // the last status line before SIGTERM: the state the flood left (the stop itself may bow out)
      if (!lastState.equals("MASTER") || transitions != 2) {
        problems.add("wrongful state change: " + lastState + " after " + transitions + " transitions");
      }
      if (!e.find()) {
        problems.add("no exit line: " + lines.subList(Math.max(0, lines.size() - 5), lines.size()));
      } else {
        receiveDropped = Long.parseLong(e.group(3));
        captureDropped = Long.parseLong(e.group(4));
        for (String kv : e.group(5).split(",")) {
          String[] p = kv.split("=");
          counters.put(p[0], Long.parseLong(p[1]));
        }
        long carp = sent - arps;
        expect(problems, counters, "ipackets", carp);
        expect(problems, counters, "badttl", byFault.get(Fault.TTL_64));
        expect(problems, counters, "badlen", byFault.get(Fault.SHORT));
        expect(problems, counters, "badsum", byFault.get(Fault.BAD_CHECKSUM));
        expect(problems, counters, "badver", byFault.get(Fault.BAD_VERSION));
        expect(problems, counters, "badauth", byFault.get(Fault.WRONG_PASS) + byFault.get(Fault.WRONG_VIPS));
      }
      List<String> ucarpLog = Files.exists(lab.dir().resolve("u-state.log")) ? Files.readAllLines(lab.dir().resolve("u-state.log"))
          : List.of();
      long ups = ucarpLog.stream().filter(l -> l.contains(" up ")).count();
      if (ups != 0) {
        problems.add("ucarp took over: " + ucarpLog);
      }
      if (Files.readString(err).contains("\tat ")) {
        problems.add("a stack trace on the node's standard error: " + Files.readString(err));
      }
      return new Figures(profile, elapsed, sent, sent / elapsed, byFault, arps, ads.size(), maxGap, heap, exit, counters,
          transitions, ups, garpSent, garpSuppressed, receiveDropped, captureDropped,
          statusLines.isEmpty() ? "" : statusLines.get(statusLines.size() - 1), problems);
    }
  }

  private static void expect(List<String> problems, Map<String, Long> counters, String name, long sent) {
    Long got = counters.get(name);
    if (got == null || got != sent) {
      problems.add("carpstats " + name + " " + got + ", sent " + sent);
    }
  }

  private static void awaitLine(Path out, Process node, String part, long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      if (Files.exists(out) && Files.readAllLines(out).stream().anyMatch(l -> l.contains(part))) {
        return;
      }
      if (!node.isAlive()) {
        throw new AssertionError("carpsim node exited: " + Files.readString(out));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no line with '" + part + "' within " + timeoutMs + " ms: " + Files.readString(out));
  }
}
