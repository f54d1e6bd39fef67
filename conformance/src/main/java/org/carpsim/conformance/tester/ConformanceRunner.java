package org.carpsim.conformance.tester;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.carpsim.carp.auth.CounterScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.IutConfig;
import org.carpsim.conformance.catalogue.ObservationCases;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.catalogue.Verdict;

/**
 * Runs the catalogue cases of a {@link ConformancePlan} through a {@link TesterPort}: A1–A5 by
 * watching, B4 by playing a better master and falling silent, C1/C3/C5 by sending bad
 * advertisements in place of that master's. Other cases report SKIP. When it returns, the tester
 * has stopped advertising, so the IUT reconverges.
 */
public final class ConformanceRunner {

  /** Advertisements A1–A5 observe (A3 takes the median of the intervals between them). */
  public static final int OBSERVED_ADS = 11;
  /** A3's accepted deviation of the median interval. */
  public static final long A3_TOLERANCE_NS = 20_000_000L;
  /** B4/C tolerance either side, on top of the profile's receive tick (capture and scheduling jitter). */
  public static final long TAKEOVER_JITTER_NS = 50_000_000L;
  /** The tester's master: advbase 1, advskew 0, one advertisement a second. */
  static final int TESTER_ADVBASE = 1;
  static final int TESTER_ADVSKEW = 0;
  private static final long TESTER_INTERVAL_MS = 1000;

  private final ConformancePlan plan;
  private final TesterPort port;
  private final Consumer<String> progress;
  private final AdvertisementCrafter crafter;
  private long counter = 0x1000;
  private int ipId;

  /**
   * @param progress receives one line per step (never the passphrase)
   */
  public ConformanceRunner(ConformancePlan plan, TesterPort port, Consumer<String> progress) {
    this.plan = plan;
    this.port = port;
    this.progress = progress;
    this.crafter = crafterFor(plan);
  }

  static AdvertisementCrafter crafterFor(ConformancePlan plan) {
    return new AdvertisementCrafter(plan.profile().authentication().hmac(), plan.vhid(), plan.pass(), plan.vips());
  }

  /** The injected-fault for each C case of this slice. */
  static Optional<Fault> faultOf(String id) {
    return switch (id) {
      case "C1" -> Optional.of(Fault.TTL_64);
      case "C3" -> Optional.of(Fault.BAD_CHECKSUM);
      case "C5" -> Optional.of(Fault.WRONG_PASS);
      default -> Optional.empty();
    };
  }

  /** The title of every case, for output and for SKIPs. */
  public static String title(String id) {
    return switch (id) {
      case "A1" -> "advertisement format";
      case "A2" -> "HMAC for the configured pass and VIPs";
      case "A3" -> "advertisement interval (median)";
      case "A4" -> "Ethernet source MAC";
      case "A5" -> "counter behaviour";
      case "B1" -> "master yields to a better advertisement";
      case "B2" -> "master ignores a worse advertisement";
      case "B3" -> "equal advertisement: the profile's tie rule";
      case "B4" -> "takeover when the master falls silent";
      case "B5" -> "preempt: takeover from a slower master";
      case "B6" -> "no preempt: no takeover from a slower master";
      case "B7" -> "bow-out: immediate takeover";
      case "B8" -> "demote byte: takeover regardless of preempt";
      case "C1" -> "TTL != 255 ignored";
      case "C2" -> "version != 2 ignored";
      case "C3" -> "bad checksum ignored";
      case "C4" -> "other vhid ignored";
      case "C5" -> "wrong pass ignored";
      case "C6" -> "wrong VIP set in the HMAC ignored";
      case "C7" -> "short packet ignored";
      case "C8" -> "VRRPv2 on protocol 112 ignored";
      case "C9" -> "trailing bytes accepted";
      case "C10" -> "odd type/authlen";
      case "D1" -> "gratuitous ARP on takeover";
      case "D2" -> "ARP replies for the VIP";
      case "D3" -> "IPv6 unsolicited neighbour advertisement";
      case "E1" -> "interop with carpsim's live node";
      default -> "unknown";
    };
  }

  /** Runs every case of the plan, in catalogue order. */
  public List<CaseResult> run() throws InterruptedException {
    List<CaseResult> out = new ArrayList<>();
    List<String> a = plan.cases().stream().filter(id -> id.startsWith("A")).toList();
    if (!a.isEmpty()) {
      out.addAll(observe(a));
    }
    for (String id : plan.cases()) {
      if (id.startsWith("A")) {
        continue;
      }
      if (id.equals("B4")) {
        out.add(takeover("B4", Fault.NONE));
      } else if (faultOf(id).isPresent()) {
        out.add(takeover(id, faultOf(id).get()));
      } else {
        out.add(notImplemented(id));
      }
    }
    return out;
  }

  static CaseResult notImplemented(String id) {
    return new CaseResult(id, title(id), Verdict.SKIP, "-", "-", "exact", "not implemented yet");
  }

  private boolean fromIut(ObservedAdvertisement a) {
    return a.carp().vhid() == plan.vhid() && !a.sourceMac().equals(port.mac());
  }

  private List<ObservedAdvertisement> iutAds(List<ObservedAdvertisement> all, long afterNanos) {
    List<ObservedAdvertisement> out = new ArrayList<>();
    for (ObservedAdvertisement a : all) {
      if (fromIut(a) && a.epochNanos() > afterNanos) {
        out.add(a);
      }
    }
    return out;
  }

  private long interval() {
    return plan.profile().advertisementIntervalNs(plan.advbase(), plan.advskew(), 0);
  }

  private long masterDown() {
    return plan.profile().masterDownIntervalNs(plan.advbase(), plan.advskew(), 0);
  }

  private List<CaseResult> observe(List<String> ids) throws InterruptedException {
    long start = nowNanos();
    long timeoutMs = (masterDown() + plan.profile().timing().receiveTickNs() + OBSERVED_ADS * interval()) / 1_000_000L
        + 3000;
    progress.accept("observing " + OBSERVED_ADS + " advertisements of vhid " + plan.vhid() + " (up to "
        + timeoutMs / 1000 + " s)");
    port.await(all -> iutAds(all, start).size() >= OBSERVED_ADS, timeoutMs);
    List<ObservedAdvertisement> ads = iutAds(port.ads(), start);
    List<CaseResult> out = new ArrayList<>();
    if (ads.size() < OBSERVED_ADS) {
      for (String id : ids) {
        out.add(new CaseResult(id, title(id), Verdict.FAIL, ads.size() + " advertisements in " + timeoutMs / 1000 + " s",
            "at least " + OBSERVED_ADS, "exact", "the IUT did not advertise as MASTER (is it up, on this link, vhid "
            + plan.vhid() + "?)"));
      }
      return out;
    }
    Ipv4Address source = ads.get(0).ip().source();
    IutConfig iut = new IutConfig(plan.profile(), source, plan.vhid(), plan.pass(), plan.vips(), plan.advbase(),
        plan.advskew());
    List<CaseResult> a1to4 = new ObservationCases(iut, A3_TOLERANCE_NS).judge(ads);
    for (CaseResult r : a1to4) {
      if (ids.contains(r.id())) {
        out.add(r);
      }
    }
    if (ids.contains("A5")) {
      out.add(a5(ads));
    }
    return out;
  }

  /** Names the counter scheme a run of counters shows. */
  static String counterBehaviour(List<Long> counters) {
    boolean fixed = true;
    boolean incrementing = true;
    for (int i = 1; i < counters.size(); i++) {
      fixed &= counters.get(i).equals(counters.get(0));
      incrementing &= counters.get(i) == counters.get(i - 1) + 1;
    }
    return fixed ? "fixed cookie" : incrementing ? "incrementing" : "random";
  }

  static String expectedCounterBehaviour(CounterScheme scheme) {
    return switch (scheme) {
      case REPLAY_COOKIE -> "fixed cookie";
      case INCREMENT_ADOPT -> "incrementing";
      case UCARP -> "random (incrementing once it received an authenticated advertisement)";
    };
  }

  private CaseResult a5(List<ObservedAdvertisement> ads) {
    List<Long> counters = ads.stream().map(a -> a.carp().counter()).toList();
    String seen = counterBehaviour(counters);
    CounterScheme scheme = plan.profile().authentication().counter();
    String expected = expectedCounterBehaviour(scheme);
    boolean matches = expected.startsWith(seen) || (scheme == CounterScheme.UCARP && seen.equals("incrementing"));
    return new CaseResult("A5", title("A5"), Verdict.PASS, seen + " over " + counters.size() + " advertisements",
        expected + " (" + scheme + ")", "exact", "informational" + (matches ? "" : "; differs from the profile"));
  }

  private CaseResult takeover(String id, Fault fault) throws InterruptedException {
    String title = title(id);
    long tick = plan.profile().timing().receiveTickNs();
    long expected = masterDown();
    // A receive tick only ever delays the IUT's processing of our last advertisement: one-sided.
    long below = TAKEOVER_JITTER_NS;
    long above = tick + TAKEOVER_JITTER_NS;
    String exp = seconds(expected) + " (profile " + plan.profile().name() + " master-down)";
    String tol = String.format("-%.0f ms/+%.0f ms", below / 1e6, above / 1e6)
        + (tick > 0 ? " (incl. the profile's " + seconds(tick) + " receive tick)" : "");
    if (plan.advbase() == TESTER_ADVBASE && plan.advskew() == TESTER_ADVSKEW) {
      return new CaseResult(id, title, Verdict.SKIP, "-", exp, tol,
          "the IUT has advbase 1 advskew 0: the tester cannot be a better master");
    }
    Optional<Ipv4Address> self = port.address();
    if (self.isEmpty()) {
      return new CaseResult(id, title, Verdict.SKIP, "-", exp, tol, port.name() + " has no IPv4 address to send from");
    }
    // Play the better master until the IUT has been silent for 2 of its intervals + 1 s (BACKUP).
    long quietNs = 2 * interval() + 1_000_000_000L;
    int maxAds = (int) ((masterDown() + quietNs) / 1_000_000_000L) + 8;
    progress.accept(id + ": playing master (advbase 1 advskew 0) until the IUT is BACKUP");
    long firstSent = nowNanos();
    boolean backup = false;
    for (int i = 0; i < maxAds && !backup; i++) {
      port.inject(crafter.advertisement(port.mac(), self.get(), TESTER_ADVBASE, TESTER_ADVSKEW, counter++, ipId++,
          Fault.NONE));
      Thread.sleep(TESTER_INTERVAL_MS);
      long now = nowNanos();
      List<ObservedAdvertisement> iut = iutAds(port.ads(), firstSent);
      long lastIut = iut.isEmpty() ? firstSent : iut.get(iut.size() - 1).epochNanos();
      backup = now - lastIut >= quietNs && now - firstSent >= quietNs;
    }
    if (!backup) {
      return new CaseResult(id, title, Verdict.FAIL, "the IUT kept advertising", "BACKUP while the tester is master",
          tol, "it did not yield to advbase 1 advskew 0 within " + maxAds + " s");
    }
    long lastValid = lastOwnAdvertisement();
    long deadlineMs = (expected + above) / 1_000_000L + 3000;
    Optional<ObservedAdvertisement> first = Optional.empty();
    if (fault == Fault.NONE) {
      progress.accept(id + ": falling silent");
      port.await(all -> !iutAds(all, lastValid).isEmpty(), deadlineMs);
    } else {
      progress.accept(id + ": sending " + fault.description() + " advertisements once a second in place of the master's");
      long until = System.currentTimeMillis() + deadlineMs;
      while (System.currentTimeMillis() < until && iutAds(port.ads(), lastValid).isEmpty()) {
        port.inject(crafter.advertisement(port.mac(), self.get(), TESTER_ADVBASE, TESTER_ADVSKEW, counter++, ipId++,
            fault));
        port.await(all -> !iutAds(all, lastValid).isEmpty(), TESTER_INTERVAL_MS);
      }
    }
    List<ObservedAdvertisement> after = iutAds(port.ads(), lastValid);
    if (!after.isEmpty()) {
      first = Optional.of(after.get(0));
    }
    if (first.isEmpty()) {
      return new CaseResult(id, title, Verdict.FAIL, "no takeover within " + deadlineMs / 1000 + " s", exp, tol,
          fault == Fault.NONE ? "" : "it obeyed " + fault.description() + " advertisements?");
    }
    long measured = first.get().epochNanos() - lastValid;
    boolean ok = measured >= expected - below && measured <= expected + above;
    return new CaseResult(id, title, ok ? Verdict.PASS : Verdict.FAIL,
        seconds(measured) + " from the last valid advertisement", exp, tol, "");
  }

  private long lastOwnAdvertisement() {
    long last = 0;
    for (ObservedAdvertisement a : port.ads()) {
      if (a.sourceMac().equals(port.mac()) && a.carp().vhid() == plan.vhid()) {
        last = Math.max(last, a.epochNanos());
      }
    }
    return last;
  }

  /**
   * What a run would send, per case, without opening the NIC: the frames are crafted with
   * {@code mac} and {@code source} and summarised from their decoded bytes (the pass never shown).
   */
  public static List<String> dryRun(ConformancePlan plan, MacAddress mac, Ipv4Address source) {
    AdvertisementCrafter c = crafterFor(plan);
    List<String> out = new ArrayList<>();
    out.add("dry run: nothing is sent; at most " + TesterPort.MAX_FRAMES_PER_SECOND + " frames/s, vhid " + plan.vhid()
        + " only");
    for (String id : plan.cases()) {
      String head = id + " " + title(id) + ": ";
      if (id.startsWith("A")) {
        out.add(head + "observe only, sends nothing");
      } else if (id.equals("B4") || faultOf(id).isPresent()) {
        String valid = summary(c.advertisement(mac, source, TESTER_ADVBASE, TESTER_ADVSKEW, 0x1000, 0, Fault.NONE));
        String line = head + "sends up to 1/s [" + valid + "] until the IUT is BACKUP, then ";
        if (id.equals("B4")) {
          line += "nothing";
        } else {
          Fault f = faultOf(id).get();
          line += "1/s [" + summary(c.advertisement(mac, source, TESTER_ADVBASE, TESTER_ADVSKEW, 0x1000, 0, f)) + "] ("
              + f.description() + ")";
        }
        out.add(line + " until it takes over");
      } else {
        out.add(head + "SKIP, not implemented yet (sends nothing)");
      }
    }
    return out;
  }

  /** The command's line for one case: {@code A3 PASS  advertisement interval (median)  measured … expected … tolerance …}. */
  public static String line(CaseResult r) {
    return String.format("%-3s %-4s  %s  measured %s  expected %s  tolerance %s%s", r.id(), r.verdict(), r.title(),
        r.measured(), r.expected(), r.tolerance(), r.note().isEmpty() ? "" : "  (" + r.note() + ")");
  }

  /** A one-line summary of a crafted frame, read back from its bytes. */
  static String summary(byte[] frame) {
    if (Frames.decode(frame) instanceof EthernetFrame ef && ef.payload() instanceof Ipv4Packet p
        && p.payload() instanceof CarpAdvertisement ad) {
      return ef.header().source() + " > " + ef.header().destination() + ", " + p.header().source() + " > "
          + p.header().destination() + " TTL " + p.header().ttl() + ", CARP v" + ad.version() + " type " + ad.type()
          + " vhid " + ad.vhid() + " advbase " + ad.advbase() + " advskew " + ad.advskew() + " demote " + ad.demote()
          + ", checksum " + (ad.checksumOk() ? "ok" : "bad") + ", " + frame.length + " bytes";
    }
    return "undecodable frame";
  }

  private static long nowNanos() {
    java.time.Instant t = java.time.Instant.now();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static String seconds(long ns) {
    return String.format("%.3f s", ns / 1e9);
  }
}
