package org.carpsim.scenario.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.carpsim.sim.time.Durations;

/**
 * Writes a large runnable scenario: {@code S} segments, {@code G} CARP groups of {@code H} hosts spread
 * over them, and a fault schedule (crash and boot, link down and up, partition and heal) drawn from a
 * seed. The same parameters give the same text, byte for byte.
 *
 * <p>Addressing: segment {@code i} (from 0) is the /20 {@code 10.0.0.0 + i·4096}, so up to 4096 segments
 * fit in 10/8. Its hosts take the addresses from {@code .1} up, then its groups' VIPs follow. Group
 * {@code g} lives on segment {@code g mod S} with vhid {@code g / S + 1}, so a segment holds at most 255
 * groups. Host {@code j} of a group has advskew {@code j·step} (0, 50, 100, … for up to 6 hosts).
 *
 * <p>Traffic clients, when asked for, are spread over each segment's groups, one {@code clients}
 * line per group sending to its VIP ({@link #appendClients}); their addresses lie in the upper half
 * of the segment's /20.
 *
 * <p>Each fault starts and ends inside {@code [10 s, D − 30 s]}. The expectations are only those that
 * really hold whatever the schedule: for every group, at most one master from 8 s until the first
 * fault on its segment, and again over the last 15 s, when every fault has been undone and the group has
 * had 15 s to converge (worst master-down interval plus an advertisement, with margin).
 */
public final class ScenarioGenerator {

  /** Profiles whose configuration syntax the generator writes. */
  public static final List<String> PROFILES = List.of("openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6",
      "ucarp");

  /** ARP cache models a generated population may use (those of the scenario language). */
  public static final List<String> CLIENT_CACHES = List.of("linux", "linux-arp-accept", "router", "bsd");
  /** The most traffic clients per segment (the scenario language's limit for one {@code clients} line). */
  public static final int MAX_CLIENTS_PER_SEGMENT = 1_000_000;

  /**
   * The parts of a generated scenario. {@code clientsPerSegment} traffic clients (0: none) on each
   * segment send a packet every {@code clientIntervalNanos} through a {@code clientCache} ARP cache;
   * {@code switches} makes every segment a learning switch instead of a hub.
   */
  public record Spec(int segments, int groups, int hostsPerGroup, String profile, long durationNanos, long seed,
      int faults, int clientsPerSegment, long clientIntervalNanos, String clientCache, boolean switches) {

    /** Hubs and no traffic clients. */
    public Spec(int segments, int groups, int hostsPerGroup, String profile, long durationNanos, long seed,
        int faults) {
      this(segments, groups, hostsPerGroup, profile, durationNanos, seed, faults, 0, Durations.SECOND, "linux", false);
    }

    /** The same scenario with {@code perSegment} clients on each segment, sending every {@code interval} ({@code cache}). */
    public Spec withClients(int perSegment, long interval, String cache) {
      return new Spec(segments, groups, hostsPerGroup, profile, durationNanos, seed, faults, perSegment, interval, cache,
          switches);
    }

    /** The same scenario on learning switches ({@code true}) or hubs. */
    public Spec withSwitches(boolean learning) {
      return new Spec(segments, groups, hostsPerGroup, profile, durationNanos, seed, faults, clientsPerSegment,
          clientIntervalNanos, clientCache, learning);
    }
  }

  private static final long FIRST_FAULT = 10 * Durations.SECOND;
  private static final long QUIET_END = 30 * Durations.SECOND;
  private static final long CHECKED_END = 15 * Durations.SECOND;
  private static final long SETTLED_START = 8 * Durations.SECOND;
  private static final int BLOCK = 4096;
  /** Clients' addresses lie in the upper half of their segment's /20, away from the hosts and VIPs. */
  private static final int CLIENT_AREA = BLOCK / 2;
  private static final long MIN_CLIENT_INTERVAL = Durations.MILLISECOND;

  private ScenarioGenerator() {}

  /**
   * The default number of faults: one per group and ten minutes of run, at least one.
   */
  public static int defaultFaults(int groups, long durationNanos) {
    long n = (long) groups * durationNanos / (10 * Durations.MINUTE);
    return (int) Math.max(1, Math.min(1_000_000, n));
  }

  /**
   * Checks the parameters.
   *
   * @return an empty list, or one message per parameter out of range, naming it and the allowed range
   */
  public static List<String> problems(Spec s) {
    List<String> p = new ArrayList<>();
    if (s.segments() < 1 || s.segments() > BLOCK) {
      p.add("--segments " + s.segments() + ": expected 1.." + BLOCK);
    }
    if (s.hostsPerGroup() < 1 || s.hostsPerGroup() > 32) {
      p.add("--hosts-per-group " + s.hostsPerGroup() + ": expected 1..32");
    }
    if (s.groups() < 1) {
      p.add("--groups " + s.groups() + ": expected at least 1");
    } else if (s.segments() >= 1 && ceilDiv(s.groups(), s.segments()) > 255) {
      p.add("--groups " + s.groups() + ": at most 255 groups per segment (vhid 1..255), so at most "
          + 255L * s.segments() + " with " + s.segments() + " segments");
    } else if (s.segments() >= 1 && s.hostsPerGroup() >= 1 && s.hostsPerGroup() <= 32
        && (long) ceilDiv(s.groups(), s.segments()) * (s.hostsPerGroup() + 1) > BLOCK - 2) {
      p.add("--groups " + s.groups() + " with --hosts-per-group " + s.hostsPerGroup()
          + ": more addresses per segment than its /20 holds; add segments");
    }
    if (!PROFILES.contains(s.profile())) {
      p.add("--profile " + s.profile() + ": expected one of " + String.join(", ", PROFILES));
    }
    if (s.durationNanos() < Durations.MINUTE || s.durationNanos() > 24 * Durations.HOUR) {
      p.add("--duration " + Durations.format(s.durationNanos()) + ": expected 1m..24h");
    }
    if (s.seed() < 0) {
      p.add("--seed " + s.seed() + ": expected 0.." + Long.MAX_VALUE);
    }
    if (s.faults() < 0 || s.faults() > 1_000_000) {
      p.add("--faults " + s.faults() + ": expected 0..1000000");
    }
    if (s.clientsPerSegment() < 0 || s.clientsPerSegment() > MAX_CLIENTS_PER_SEGMENT) {
      p.add("--clients-per-segment " + s.clientsPerSegment() + ": expected 0.." + MAX_CLIENTS_PER_SEGMENT);
    } else if (s.clientsPerSegment() > 0 && s.segments() >= 1 && s.segments() <= BLOCK && s.groups() >= 1
        && s.hostsPerGroup() >= 1 && s.hostsPerGroup() <= 32
        && (long) ceilDiv(s.groups(), s.segments()) * (s.hostsPerGroup() + 1) >= CLIENT_AREA) {
      p.add("--clients-per-segment " + s.clientsPerSegment() + ": the clients take the upper half of each segment's"
          + " /20, but its hosts and VIPs already fill the lower half; add segments");
    }
    if (s.clientIntervalNanos() < MIN_CLIENT_INTERVAL || s.clientIntervalNanos() > Durations.HOUR) {
      p.add("--client-interval " + Durations.format(s.clientIntervalNanos()) + ": expected 1ms..1h");
    }
    if (!CLIENT_CACHES.contains(s.clientCache())) {
      p.add("--client-cache " + s.clientCache() + ": expected one of " + String.join(", ", CLIENT_CACHES));
    }
    return p;
  }

  /**
   * The scenario text.
   *
   * @throws IllegalArgumentException if {@link #problems} finds any
   */
  public static String generate(Spec s) {
    return generate(s, true);
  }

  /**
   * The scenario text, with or without its expectations (a world built only to be measured needs
   * none, and checking them against 100,000 hosts costs the parser more than the world costs).
   *
   * @throws IllegalArgumentException if {@link #problems} finds any
   */
  public static String generate(Spec s, boolean withExpectations) {
    List<String> p = problems(s);
    if (!p.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", p));
    }
    StringBuilder out = new StringBuilder(256 * s.groups() * s.hostsPerGroup() + 64 * s.faults());
    int perSegment = ceilDiv(s.groups(), s.segments());
    int step = s.hostsPerGroup() <= 6 ? 50 : 254 / (s.hostsPerGroup() - 1);
    out.append(String.format(Locale.ROOT, "scenario \"generated: %d segments, %d groups of %d hosts, %s, seed %d\"%n",
        s.segments(), s.groups(), s.hostsPerGroup(), s.profile(), s.seed()));
    out.append("# carpsim generate --segments ").append(s.segments()).append(" --groups ").append(s.groups())
        .append(" --hosts-per-group ").append(s.hostsPerGroup()).append(" --profile ").append(s.profile())
        .append(" --duration ").append(Durations.format(s.durationNanos())).append(" --seed ").append(s.seed())
        .append(" --faults ").append(s.faults());
    if (s.clientsPerSegment() > 0) {
      out.append(" --clients-per-segment ").append(s.clientsPerSegment()).append(" --client-interval ")
          .append(Durations.format(s.clientIntervalNanos())).append(" --client-cache ").append(s.clientCache());
    }
    if (s.switches()) {
      out.append(" --switches");
    }
    out.append('\n');
    out.append("seed ").append(s.seed()).append('\n');
    out.append("profile ").append(s.profile()).append('\n');
    out.append("run ").append(Durations.format(s.durationNanos())).append("\n\n");
    for (int i = 0; i < s.segments(); i++) {
      out.append(s.switches() ? "switch " : "segment ").append(segmentName(i)).append(' ').append(ip(segmentBase(i)))
          .append("/20\n");
    }
    out.append('\n');
    for (int g = 0; g < s.groups(); g++) {
      int seg = g % s.segments();
      int slot = g / s.segments();
      int vhid = slot + 1;
      int vip = segmentBase(seg) + 1 + perSegment * s.hostsPerGroup() + slot;
      for (int j = 0; j < s.hostsPerGroup(); j++) {
        int addr = segmentBase(seg) + 1 + slot * s.hostsPerGroup() + j;
        out.append("host ").append(hostName(g, j)).append('\n');
        out.append("  nic em0 ").append(segmentName(seg)).append(' ').append(ip(addr)).append("/20\n");
        appendConfig(out, s.profile(), vhid, j * step, "g" + g, addr, vip);
      }
    }
    out.append('\n');
    appendClients(out, s, perSegment);
    long[] firstFault = new long[s.segments()];
    Arrays.fill(firstFault, Long.MAX_VALUE);
    appendFaults(out, s, firstFault);
    if (!withExpectations) {
      return out.toString();
    }
    out.append('\n');
    long checkedFrom = s.durationNanos() - CHECKED_END;
    for (int g = 0; g < s.groups(); g++) {
      int seg = g % s.segments();
      int vhid = g / s.segments() + 1;
      String head = "expect always one-master " + segmentName(seg) + " vhid " + vhid;
      if (firstFault[seg] == Long.MAX_VALUE) {
        out.append(head).append(" from ").append(seconds(SETTLED_START)).append('\n');
      } else {
        // Not from 0: ucarp polls once a second, so its hosts may overlap as masters for a moment at start.
        out.append(head).append(" from ").append(seconds(SETTLED_START)).append(" to ").append(seconds(firstFault[seg]))
            .append('\n');
        out.append(head).append(" from ").append(seconds(checkedFrom)).append('\n');
      }
    }
    return out.toString();
  }

  private static void appendConfig(StringBuilder out, String profile, int vhid, int advskew, String pass, int addr,
      int vip) {
    switch (profile) {
      case "ucarp" -> out.append("  ucarp --interface=em0 --srcip=").append(ip(addr)).append(" --vhid=").append(vhid)
          .append(" --advskew=").append(advskew).append(" --pass=").append(pass).append(" --addr=").append(ip(vip))
          .append(" &\n");
      // FreeBSD 10 and later: the vhid lives on the parent NIC, the VIP is an alias of it
      case "freebsd" -> out.append("  ifconfig em0 vhid ").append(vhid).append(" advskew ").append(advskew)
          .append(" pass ").append(pass).append(" alias ").append(ip(vip)).append("/32\n");
      // carp interfaces without carpdev: the parent is found by subnet, as on OpenBSD 3.5
      case "openbsd-3.5", "freebsd-6" -> out.append("  ifconfig carp0 create\n  ifconfig carp0 vhid ").append(vhid)
          .append(" advskew ").append(advskew).append(" pass ").append(pass).append(' ').append(ip(vip))
          .append(" netmask 255.255.240.0\n");
      default -> out.append("  ifconfig carp0 create\n  ifconfig carp0 vhid ").append(vhid)
          .append(" advskew ").append(advskew).append(" pass ").append(pass).append(" carpdev em0 ")
          .append(ip(vip)).append(" netmask 255.255.240.0\n");
    }
  }

  /**
   * The traffic clients: on each segment, {@code clientsPerSegment} spread over its groups, one
   * {@code clients} line per group sending to that group's VIP (the first groups take one more when
   * they do not divide evenly). Every group then has users whose outages measure its failovers; one
   * VIP per segment would leave the other groups' failovers unfelt. Group slot {@code k} of a
   * segment draws its addresses from the {@code k}-th equal, power-of-two block of the upper half of
   * the segment's /20 (several clients share an address when a block is too small, as the language
   * allows), and its MACs from {@code 0a:} followed by the population's number, so that no two
   * populations of the campus share a MAC or an address.
   */
  private static void appendClients(StringBuilder out, Spec s, int perSegment) {
    if (s.clientsPerSegment() == 0) {
      return;
    }
    String every = Durations.format(s.clientIntervalNanos());
    for (int seg = 0; seg < s.segments(); seg++) {
      int groupsHere = s.groups() / s.segments() + (seg < s.groups() % s.segments() ? 1 : 0);
      int block = Integer.highestOneBit(CLIENT_AREA / groupsHere);
      for (int slot = 0; slot < groupsHere; slot++) {
        int count = s.clientsPerSegment() / groupsHere + (slot < s.clientsPerSegment() % groupsHere ? 1 : 0);
        if (count == 0) {
          continue;
        }
        int size = Math.min(block, Math.max(4, Integer.highestOneBit(count + 1) << 1));
        int vip = segmentBase(seg) + 1 + perSegment * s.hostsPerGroup() + slot;
        long population = (long) seg * 255 + slot;
        long firstMac = 0x0a00_0000_0000L + (population << 20) + 1;
        out.append("clients ").append(segmentName(seg)).append(' ').append(count).append(" from ")
            .append(ip(segmentBase(seg) + CLIENT_AREA + slot * block)).append('/').append(32 - Integer.numberOfTrailingZeros(size))
            .append(" send ").append(ip(vip)).append(" every ").append(every).append(" cache ").append(s.clientCache())
            .append(" mac ").append(mac(firstMac)).append('\n');
      }
    }
    out.append('\n');
  }

  private static String mac(long value) {
    StringBuilder b = new StringBuilder(17);
    for (int shift = 40; shift >= 0; shift -= 8) {
      b.append(Character.forDigit((int) (value >>> shift) >>> 4 & 15, 16))
          .append(Character.forDigit((int) (value >>> shift) & 15, 16));
      if (shift > 0) {
        b.append(':');
      }
    }
    return b.toString();
  }

  /** Draws the faults; each is a pair of timeline lines that undo each other before the quiet end. */
  private static void appendFaults(StringBuilder out, Spec s, long[] firstFault) {
    SplittableRandom rnd = new SplittableRandom(s.seed());
    long last = s.durationNanos() - QUIET_END;
    if (last <= FIRST_FAULT + Durations.SECOND) {
      return;
    }
    List<long[]> lines = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    // A host (crash, link) or a segment (partition) takes one fault at a time, so that every fault is
    // undone by its own line: no boot of a running host, no heal of a healed segment.
    List<List<long[]>> hostBusy = new ArrayList<>(Collections.nCopies(s.groups() * s.hostsPerGroup(),
        (List<long[]>) null));
    List<List<long[]>> segmentBusy = new ArrayList<>(Collections.nCopies(s.segments(), (List<long[]>) null));
    for (int f = 0; f < s.faults(); f++) {
      for (int attempt = 0; attempt < 8; attempt++) {
        int g = rnd.nextInt(s.groups());
        int j = rnd.nextInt(s.hostsPerGroup());
        int kind = rnd.nextInt(3);
        // Times on a millisecond grid: readable, and never finer than the language allows.
        long start = FIRST_FAULT + rnd.nextLong((last - FIRST_FAULT) / Durations.MILLISECOND) * Durations.MILLISECOND;
        long length = (5_000 + rnd.nextLong(55_000)) * Durations.MILLISECOND;
        long end = Math.min(last, start + length);
        if (end <= start) {
          continue;
        }
        int seg = g % s.segments();
        int h = g * s.hostsPerGroup() + j;
        List<List<long[]>> busy = kind == 2 ? segmentBusy : hostBusy;
        int key = kind == 2 ? seg : h;
        if (busy.get(key) == null) {
          busy.set(key, new ArrayList<>(2));
        }
        // Closed intervals, so that no fault starts at the instant another on the same thing ends.
        if (busy.get(key).stream().anyMatch(b -> start <= b[1] && b[0] <= end)) {
          continue;
        }
        busy.get(key).add(new long[] {start, end});
        String host = hostName(g, j);
        firstFault[seg] = Math.min(firstFault[seg], start);
        String[] pair = switch (kind) {
          case 0 -> new String[] {"crash " + host, "boot " + host};
          case 1 -> new String[] {"link " + host + ".em0 down", "link " + host + ".em0 up"};
          default -> new String[] {"partition " + segmentName(seg) + " " + host, "heal " + segmentName(seg)};
        };
        lines.add(new long[] {start, texts.size()});
        texts.add(pair[0]);
        lines.add(new long[] {end, texts.size()});
        texts.add(pair[1]);
        break;
      }
    }
    // Sorted by time (ties in draw order), so the file reads as a timeline.
    lines.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    for (long[] l : lines) {
      out.append("at ").append(seconds(l[0])).append(' ').append(texts.get((int) l[1])).append('\n');
    }
  }

  /** A time on the millisecond grid in seconds, {@code 67.938s}: easier to read in a timeline than {@code 1.1323m}. */
  private static String seconds(long nanos) {
    return Durations.formatExactSeconds(nanos - nanos % Durations.MILLISECOND);
  }

  static String segmentName(int i) {
    return "s" + i;
  }

  static String hostName(int group, int index) {
    return "g" + group + "h" + index;
  }

  private static int segmentBase(int i) {
    return (10 << 24) + i * BLOCK;
  }

  private static String ip(int a) {
    return ((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
