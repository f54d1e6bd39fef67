package org.carpsim.conformance.tester;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.carpsim.carp.auth.CounterScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Emission;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.profile.ReceiveRules;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.carp.wire.Ipv6Packet;
import org.carpsim.carp.wire.NeighborSolicitation;
import org.carpsim.carp.node.Transition;
import org.carpsim.conformance.live.LiveInterface;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.IutConfig;
import org.carpsim.conformance.catalogue.ObservationCases;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.live.LiveNode;
import org.carpsim.conformance.live.LiveNodeConfig;

/**
 * Runs the catalogue cases of a {@link ConformancePlan} through a {@link TesterPort}, each case
 * first bringing the IUT into the state it needs:
 *
 * <ul>
 *   <li>A1–A5 watch the IUT's advertisements;
 *   <li>B1, B2, B3 and C1–C10 <em>probe a master</em>: for one window (the profile's receive tick +
 *       2 intervals + 0.5 s) the tester sends, once a second, a better (B1), worse (B2), equal (B3)
 *       or better-but-faulty (C) advertisement; whether the IUT stops advertising is compared with
 *       what its profile does with it;
 *   <li>B4–B8 first play a better master until the IUT is BACKUP, then fall silent (B4), turn into a
 *       slower master (B5, B6), bow out (B7) or send a demoted advertisement (B8);
 *   <li>D1 judges the gratuitous ARPs of two takeovers (after silence, after a bow-out), D2 asks
 *       the master and a backup for the VIP; D3 judges the unsolicited neighbour advertisements of
 *       a takeover (after silence) and asks the master and a backup for each IPv6 VIP with a
 *       neighbour solicitation;
 *   <li>E1 starts carpsim's own live node on the tester's NIC as a preferred, preempting peer.
 * </ul>
 *
 * An IPv6-only group (no IPv4 VIP) is watched and played over IPv6 (ff02::12, hop limit 255, from
 * the tester's link-local address): every case runs there except D1 and D2 (no IPv4 VIP); C8 sends
 * a VRRPv3 packet, VRRPv2's IPv6 successor. A group with both families is played over IPv4, and D3
 * judges its IPv6 side.
 *
 * <p>Whatever happens — normal end, failure, {@link #abort()} from a shutdown hook — {@link
 * #reconverge()} runs last: the node stops (bowing out), the tester bows out if it may be master,
 * and the port is sealed, so the IUT takes over again at once.
 */
public final class ConformanceRunner {

  /** Advertisements A1–A5 observe (A3 takes the median of the intervals between them). */
  public static final int OBSERVED_ADS = 11;
  /** A3's accepted deviation of the median interval. */
  public static final long A3_TOLERANCE_NS = 20_000_000L;
  /** B4 tolerance either side, on top of the profile's receive tick (capture and scheduling jitter). */
  public static final long TAKEOVER_JITTER_NS = 50_000_000L;
  /** How late after the profile's receive tick an "at once" reaction may come (2 busy cores). */
  public static final long REACTION_JITTER_NS = 250_000_000L;
  /** D1: how far a gratuitous ARP may be from the advertisement it goes with. */
  public static final long GARP_JITTER_NS = 20_000_000L;
  /** D3: how far the first unsolicited neighbour advertisement may be after the first advertisement. */
  public static final long NA_JITTER_NS = 20_000_000L;
  /** D2, D3: how long to wait for an ARP reply or a solicited neighbour advertisement. */
  public static final long ARP_REPLY_WAIT_MS = 1000;
  /** Extra quiet on top of tick + 2 intervals before the IUT counts as BACKUP. */
  static final long QUIET_MARGIN_NS = 300_000_000L;
  /** The tester's master: advbase 1, advskew 0, one advertisement a second. */
  static final int TESTER_ADVBASE = 1;
  static final int TESTER_ADVSKEW = 0;
  private static final long TESTER_INTERVAL_MS = 1000;
  private static final long S = 1_000_000_000L;

  /** carpsim's node as E1's peer: live on the tester's NIC ({@link LiveNode}) or a simulated host. */
  public interface PeerNode {
    /** The state of its one virtual host. */
    CarpState state();

    /** Every transition so far, in order. */
    List<Transition> transitions();

    /** Bows out (if the profile can) and stops sending. Idempotent. */
    void stop();
  }

  /** Starts carpsim's node on the tester's link for E1 (live: opening its own handle on the NIC). */
  @FunctionalInterface
  public interface NodeStarter {
    /** Starts a node with {@code config}; its state changes go to {@code out}. */
    PeerNode start(LiveNodeConfig config, Consumer<String> out);
  }

  private final ConformancePlan plan;
  private final TesterPort port;
  private final Clock clock;
  private final Consumer<String> progress;
  private final AdvertisementCrafter crafter;
  private final NodeStarter nodeStarter;
  private long counter = 0x1000;
  private int ipId;
  /** The IUT may believe the tester is master: a bow-out is owed. */
  private volatile boolean testerMaster;
  private volatile PeerNode node;
  private boolean finished;
  private Ipv4Address iutSource;
  /** The IUT's IPv6 source (its link-local address) in an IPv6-only group. */
  private Ipv6Address iutSource6;
  /** The IUT's first advertisement of its last takeover, 0 if none seen. */
  private long lastTakeoverNanos;

  /**
   * @param progress receives one line per step (never the passphrase)
   */
  public ConformanceRunner(ConformancePlan plan, TesterPort port, Consumer<String> progress) {
    this(plan, port, progress, null);
  }

  /**
   * @param nodeStarter starts carpsim's live node on the tester's NIC for E1; null: E1 is skipped
   */
  public ConformanceRunner(ConformancePlan plan, TesterPort port, Consumer<String> progress, NodeStarter nodeStarter) {
    this.plan = plan;
    this.port = port;
    this.clock = port.clock();
    this.progress = progress;
    this.crafter = crafterFor(plan);
    this.nodeStarter = nodeStarter;
  }

  static AdvertisementCrafter crafterFor(ConformancePlan plan) {
    return new AdvertisementCrafter(plan.profile().authentication().hmac(), plan.vhid(), plan.pass(), plan.vips(),
        plan.vips6());
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

  /** Runs every case of the plan, in catalogue order, then {@link #reconverge()}s. */
  public List<CaseResult> run() throws InterruptedException {
    List<CaseResult> out = new ArrayList<>();
    port.allowArpRequestsFor(plan.vips());
    port.allowNeighborSolicitationsFor(plan.vips6());
    port.watchIpv6Advertisements(plan.ipv6Only());
    try {
      if (plan.ipv6Only() && !plan.profile().emission().ipv6Advertisements()) {
        // NetBSD compiled IPv6 sending out: nothing to watch, nothing reacts visibly
        for (String id : plan.cases()) {
          out.add(skip(id, "profile " + plan.profile().name() + " sends no IPv6 advertisements; the group has no "
              + "IPv4 VIP to play it over"));
        }
        return out;
      }
      List<String> a = plan.cases().stream().filter(id -> id.startsWith("A")).toList();
      if (!a.isEmpty()) {
        out.addAll(observe(a));
      }
      for (String id : plan.cases()) {
        if (!id.startsWith("A")) {
          out.add(runCase(id));
        }
      }
    } finally {
      reconverge();
    }
    return out;
  }

  private CaseResult runCase(String id) throws InterruptedException {
    if (plan.ipv6Only()) {
      if (id.equals("D1") || id.equals("D2")) {
        return skip(id, "IPv6-only group: no IPv4 VIP to announce or to ask for (D3 is the IPv6 case)");
      }
      if (port.linkLocal().isEmpty()) {
        return skip(id, port.name() + " has no IPv6 link-local address to send from (IPv6 disabled?)");
      }
    } else if (port.address().isEmpty() && !id.equals("D3")) {
      return skip(id, port.name() + " has no IPv4 address to send from");
    }
    Optional<Fault> fault = Fault.ofCase(id);
    if (fault.isPresent()) {
      return probeFault(id, fault.get());
    }
    return switch (id) {
      case "B1" -> b1();
      case "B2" -> b2();
      case "B3" -> b3();
      case "B4" -> b4();
      case "B5", "B6" -> b5b6(id);
      case "B7" -> b7();
      case "B8" -> b8();
      case "D1" -> d1();
      case "D2" -> d2();
      case "D3" -> d3();
      case "E1" -> e1();
      default -> skip(id, "unknown case");
    };
  }

  /**
   * Stops carpsim's node (it bows out), bows out if the IUT may believe the tester is master, and
   * seals the port. Idempotent; safe from a shutdown hook while {@link #run()} is still going (its
   * next injection then throws {@link IllegalStateException}).
   */
  public synchronized void reconverge() {
    if (finished) {
      return;
    }
    finished = true;
    PeerNode n = node;
    if (n != null) {
      n.stop();
      node = null;
    }
    if (testerMaster && canAdvertise()) {
      boolean interrupted = Thread.interrupted(); // the bow-out must go out even on Ctrl-C
      try {
        port.inject(plan.ipv6Only() ? crafter.bowOut6(port.mac(), port.linkLocal().get(), counter++)
            : crafter.bowOut(port.mac(), port.address().get(), counter++, ipId++));
        testerMaster = false;
        progress.accept("bowed out (advbase 255 advskew 255) so the IUT takes over at once");
      } catch (InterruptedException | RuntimeException e) {
        progress.accept("could not bow out: " + e.getMessage());
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
    port.seal();
  }

  /** For a shutdown hook (Ctrl-C): {@link #reconverge()}. */
  public void abort() {
    reconverge();
  }

  /** Whether the tester owes a bow-out (the IUT may believe it is master). */
  public boolean testerMayBeMaster() {
    return testerMaster;
  }

  private static CaseResult skip(String id, String why) {
    return new CaseResult(id, title(id), Verdict.SKIP, "-", "-", "exact", why);
  }

  // ---- what the IUT sends ---------------------------------------------------------------------

  private boolean fromIut(ObservedAdvertisement a) {
    Optional<?> self = a.ipv6() ? port.linkLocal() : port.address();
    return a.carp().vhid() == plan.vhid() && !a.sourceMac().equals(port.mac())
        && !self.map(a.source()::equals).orElse(false);
  }

  /** Whether the tester has a source address for its advertisements (IPv4, or IPv6 link-local). */
  private boolean canAdvertise() {
    return plan.ipv6Only() ? port.linkLocal().isPresent() : port.address().isPresent();
  }

  private void noteIutSource(ObservedAdvertisement a) {
    if (a.ipv6()) {
      iutSource6 = a.ip6().source();
    } else {
      iutSource = a.ip().source();
    }
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

  private List<ObservedAdvertisement> iutAds(long from, long to) {
    List<ObservedAdvertisement> out = new ArrayList<>();
    for (ObservedAdvertisement a : iutAds(port.ads(), from)) {
      if (a.epochNanos() <= to) {
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

  private long tick() {
    return plan.profile().timing().receiveTickNs();
  }

  /** Silence after which an IUT that was advertising counts as BACKUP. */
  private long quietNs() {
    return tick() + 2 * interval() + QUIET_MARGIN_NS;
  }

  private boolean testerCanBeBetter() {
    return !(plan.advbase() == TESTER_ADVBASE && plan.advskew() == TESTER_ADVSKEW);
  }

  private static final String CANNOT_BE_BETTER = "the IUT has advbase 1 advskew 0: the tester cannot be a better "
      + "master";

  private Ipv4Address self() {
    return port.address().orElseThrow();
  }

  private void sendAd(int advbase, int advskew, int demote, Fault fault) throws InterruptedException {
    byte[] f = plan.ipv6Only()
        ? crafter.advertisement6(port.mac(), port.linkLocal().orElseThrow(), advbase, advskew, demote, counter++, fault)
        : crafter.advertisement(port.mac(), self(), advbase, advskew, demote, counter++, ipId++, fault);
    if (fault == Fault.OTHER_VHID) {
      port.injectOtherVhid(f);
    } else {
      port.inject(f);
    }
  }

  private long bowOut() throws InterruptedException {
    long before = nowNanos();
    port.inject(plan.ipv6Only() ? crafter.bowOut6(port.mac(), port.linkLocal().orElseThrow(), counter++)
        : crafter.bowOut(port.mac(), self(), counter++, ipId++));
    testerMaster = false;
    return before;
  }

  /** The wire time of the tester's last injected advertisement with {@code advskew}, or 0. */
  private long lastOwn(int advskew, long after) {
    long last = 0;
    for (ObservedAdvertisement a : port.ads()) {
      if (a.sourceMac().equals(port.mac()) && a.carp().advskew() == advskew && a.epochNanos() > after) {
        last = Math.max(last, a.epochNanos());
      }
    }
    return last;
  }

  /** The wire time of the tester's first advertisement with {@code advskew} after {@code after}, or after. */
  private long firstOwn(int advskew, long after) {
    for (ObservedAdvertisement a : port.ads()) {
      if (a.sourceMac().equals(port.mac()) && a.carp().advskew() == advskew && a.epochNanos() > after) {
        return a.epochNanos();
      }
    }
    return after;
  }

  /**
   * Makes sure the IUT is MASTER: bows out if the tester may be master, then waits for an IUT
   * advertisement. Records a takeover (for D1) when it bowed out.
   */
  private boolean ensureIutMaster() throws InterruptedException {
    long since = nowNanos();
    boolean bowed = false;
    if (testerMaster) {
      since = bowOut();
      bowed = true;
    } else if (!iutAds(port.ads(), since - interval() * 3 / 2).isEmpty()) {
      return true;
    }
    long limit = since;
    long timeoutMs = (masterDown() + tick() + interval()) / 1_000_000L + 3000;
    boolean ok = port.await(all -> !iutAds(all, limit).isEmpty(), timeoutMs);
    if (ok) {
      ObservedAdvertisement first = iutAds(port.ads(), limit).get(0);
      noteIutSource(first);
      if (bowed) {
        lastTakeoverNanos = first.epochNanos();
      }
    }
    return ok;
  }

  /**
   * Plays a better master (advbase 1 advskew 0, 1/s) until the IUT has been silent for {@link
   * #quietNs()}; returns null, or why the IUT did not become BACKUP.
   */
  private String makeBackup(String id) throws InterruptedException {
    progress.accept(id + ": playing master (advbase 1 advskew 0) until the IUT is BACKUP");
    long quiet = quietNs();
    int maxAds = (int) ((masterDown() + quiet) / S) + 8;
    long firstSent = nowNanos();
    for (int i = 0; i < maxAds; i++) {
      sendAd(TESTER_ADVBASE, TESTER_ADVSKEW, 0, Fault.NONE);
      testerMaster = true;
      clock.sleep(TESTER_INTERVAL_MS * 1_000_000L);
      long now = nowNanos();
      List<ObservedAdvertisement> iut = iutAds(port.ads(), firstSent);
      if (!iut.isEmpty()) {
        noteIutSource(iut.get(0));
      }
      long lastIut = iut.isEmpty() ? firstSent : iut.get(iut.size() - 1).epochNanos();
      if (now - lastIut >= quiet && now - firstSent >= quiet) {
        return null;
      }
    }
    return "the IUT kept advertising under a master with advbase 1 advskew 0 for " + maxAds + " s";
  }

  // ---- A ----------------------------------------------------------------------------------------

  private List<CaseResult> observe(List<String> ids) throws InterruptedException {
    long start = nowNanos();
    long timeoutMs = (masterDown() + tick() + OBSERVED_ADS * interval()) / 1_000_000L + 3000;
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
    noteIutSource(ads.get(0));
    IutConfig iut = new IutConfig(plan.profile(), iutSource == null ? Ipv4Address.ANY : iutSource, plan.vhid(),
        plan.pass(), plan.vips(), plan.advbase(), plan.advskew(), plan.vips6());
    ObservationCases cases = new ObservationCases(iut, A3_TOLERANCE_NS);
    for (CaseResult r : plan.ipv6Only() ? cases.judge6(iutSource6, ads) : cases.judge(ads)) {
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

  // ---- B1–B3, C: probing a master ---------------------------------------------------------------

  private ReceiveRules.Local iutLocal() {
    int src = iutSource == null ? 0 : iutSource.value();
    return new ReceiveRules.Local(plan.advbase(), plan.advskew(), 0, plan.preempt(),
        plan.profile().timing().defaultDeadRatio(), src);
  }

  private ReceiveRules.Advert testerAdvert(int advbase, int advskew, int demote) {
    // only ucarp's tie-break reads the source, and ucarp is IPv4-only
    return new ReceiveRules.Advert(advbase, advskew, demote, port.address().map(Ipv4Address::value).orElse(0));
  }

  private boolean masterYields(int advbase, int advskew) {
    ReceiveRules.MasterReaction r = plan.profile().onAdvertisementAsMaster(iutLocal(),
        testerAdvert(advbase, advskew, 0));
    return r == ReceiveRules.MasterReaction.YIELD || r == ReceiveRules.MasterReaction.YIELD_AFTER_ONE_MORE_AD;
  }

  private CaseResult b1() throws InterruptedException {
    if (!testerCanBeBetter()) {
      return skip("B1", CANNOT_BE_BETTER);
    }
    return probe("B1", TESTER_ADVBASE, TESTER_ADVSKEW, Fault.NONE, masterYields(TESTER_ADVBASE, TESTER_ADVSKEW),
        "advbase 1 advskew 0 is better than " + plan.advbase() + "/" + plan.advskew());
  }

  /** A (advbase, advskew) just slower than the IUT's. */
  private int[] slower() {
    return plan.advskew() < 254 ? new int[] {plan.advbase(), plan.advskew() + 1}
        : new int[] {plan.advbase() + 1, plan.advskew()};
  }

  private CaseResult b2() throws InterruptedException {
    int[] w = slower();
    ReceiveRules.MasterReaction r = plan.profile().onAdvertisementAsMaster(iutLocal(), testerAdvert(w[0], w[1], 0));
    String why = "advbase " + w[0] + " advskew " + w[1] + " is worse; profile " + plan.profile().name() + ": " + r
        + (r == ReceiveRules.MasterReaction.STAY_AND_REASSERT ? " (a gratuitous ARP per slower advertisement)" : "");
    return probe("B2", w[0], w[1], Fault.NONE, masterYields(w[0], w[1]), why);
  }

  private CaseResult b3() throws InterruptedException {
    if (!ensureIutMaster()) {
      return new CaseResult("B3", title("B3"), Verdict.FAIL, "the IUT is not advertising", "MASTER before the case",
          "exact", "precondition failed");
    }
    ReceiveRules.TieBreak tie = plan.profile().receive().tieBreak();
    boolean yields = masterYields(plan.advbase(), plan.advskew());
    String why = "tie rule " + tie + (tie == ReceiveRules.TieBreak.LOWER_RAW_SOURCE_WINS
        ? ": tester " + self() + " vs IUT " + iutSource + " as raw little-endian s_addr, the lower wins" : "");
    return probe("B3", plan.advbase(), plan.advskew(), Fault.NONE, yields, why);
  }

  private CaseResult probeFault(String id, Fault fault) throws InterruptedException {
    if (!testerCanBeBetter()) {
      return skip(id, CANNOT_BE_BETTER);
    }
    FaultAcceptance acc = FaultAcceptance.of(plan.profile(), fault);
    boolean vrrp3 = plan.ipv6Only() && fault == Fault.VRRP2;
    String what = vrrp3 ? "a VRRPv3 packet over IPv6 (VRRPv2 has no IPv6 form)" : fault.description();
    String because = vrrp3 ? "a one-address VRRPv3 packet over IPv6 is 24 bytes, shorter than the 36-byte CARP header "
        + "(carps_badlen)" : acc.because();
    return probe(id, TESTER_ADVBASE, TESTER_ADVSKEW, fault, acc.accepted(),
        "better (advbase 1 advskew 0) but " + what + "; " + (acc.accepted() ? "accepted: " : "ignored: ") + because);
  }

  /**
   * Sends {@code (advbase, advskew)} advertisements with {@code fault} to the IUT as MASTER once a
   * second for tick + 2 intervals + 0.5 s and judges whether it stopped advertising.
   */
  private CaseResult probe(String id, int advbase, int advskew, Fault fault, boolean expectYield, String why)
      throws InterruptedException {
    String title = title(id);
    if (!ensureIutMaster()) {
      return new CaseResult(id, title, Verdict.FAIL, "the IUT is not advertising", "MASTER before the case", "exact",
          "precondition failed");
    }
    long window = tick() + 2 * interval() + 500_000_000L;
    String what = plan.ipv6Only() && fault == Fault.VRRP2 ? "VRRPv3 packet" : fault.description();
    progress.accept(id + ": sending " + what + " advbase " + advbase + " advskew " + advskew
        + " advertisements to the master for " + seconds(window));
    long t0 = nowNanos();
    long end = t0 + window;
    int probes = 0;
    while (nowNanos() < end) {
      sendAd(advbase, advskew, 0, fault);
      probes++;
      clock.sleepUntil(Math.min(end, nowNanos() + TESTER_INTERVAL_MS * 1_000_000L));
    }
    long firstProbe = firstProbeOnWire(t0);
    List<ObservedAdvertisement> seen = iutAds(t0, end);
    long last = seen.isEmpty() ? t0 : seen.get(seen.size() - 1).epochNanos();
    long silentAtEnd = end - last;
    boolean yielded = silentAtEnd > interval() * 3 / 2;
    long longestGap = 0;
    long prev = t0;
    for (ObservedAdvertisement a : seen) {
      longestGap = Math.max(longestGap, a.epochNanos() - prev);
      prev = a.epochNanos();
    }
    longestGap = Math.max(longestGap, end - prev);
    if (yielded) {
      testerMaster = true; // it treats the tester as master now: bow out before the next case
    }
    long reaction = last - firstProbe;
    long allowed = tick() + REACTION_JITTER_NS;
    String measured = yielded
        ? String.format("stopped: last advertisement %.3f s after the first probe, then silent %.1f s", reaction / 1e9,
            silentAtEnd / 1e9)
        : String.format("kept advertising: %d advertisements in %.1f s, longest gap %.3f s", seen.size(), window / 1e9,
            longestGap / 1e9);
    int garps = iutGarps(t0, end).size();
    if (garps > 0) {
      measured += ", " + garps + " gratuitous ARP" + (garps == 1 ? "" : "s");
    }
    String expected = expectYield ? "stops advertising (yields)" : "keeps advertising every " + seconds(interval());
    String tol = expectYield ? String.format("last advertisement <= %.0f ms after the first probe", allowed / 1e6)
        : String.format("no gap > %.3f s", interval() * 1.5 / 1e9);
    boolean ok = expectYield ? yielded && reaction <= allowed : !yielded;
    String note = why + "; " + probes + " probes";
    if (expectYield && yielded && reaction > allowed) {
      note = "yielded late; " + note;
    }
    return new CaseResult(id, title, ok ? Verdict.PASS : Verdict.FAIL, measured, expected, tol, note);
  }

  private long firstProbeOnWire(long t0) {
    for (TesterPort.Injection i : port.injections()) {
      if (i.epochNanos() >= t0) {
        for (var f : port.frames()) {
          if (f.epochNanos() >= i.epochNanos() && java.util.Arrays.equals(f.bytes(), i.bytes())) {
            return f.epochNanos();
          }
        }
        return i.epochNanos();
      }
    }
    return t0;
  }

  // ---- B4–B8: the IUT as BACKUP -----------------------------------------------------------------

  private CaseResult b4() throws InterruptedException {
    String id = "B4";
    String title = title(id);
    long expected = masterDown();
    // A receive tick only ever delays the IUT's processing of our last advertisement: one-sided.
    long below = TAKEOVER_JITTER_NS;
    long above = tick() + TAKEOVER_JITTER_NS;
    String exp = seconds(expected) + " (profile " + plan.profile().name() + " master-down)";
    String tol = String.format("-%.0f ms/+%.0f ms", below / 1e6, above / 1e6)
        + (tick() > 0 ? " (incl. the profile's " + seconds(tick()) + " receive tick)" : "");
    if (!testerCanBeBetter()) {
      return new CaseResult(id, title, Verdict.SKIP, "-", exp, tol, CANNOT_BE_BETTER);
    }
    String failed = makeBackup(id);
    if (failed != null) {
      return new CaseResult(id, title, Verdict.FAIL, "the IUT kept advertising", "BACKUP while the tester is master",
          tol, failed);
    }
    long lastValid = lastOwn(TESTER_ADVSKEW, 0);
    long deadlineMs = (expected + above) / 1_000_000L + 3000;
    progress.accept(id + ": falling silent");
    port.await(all -> !iutAds(all, lastValid).isEmpty(), deadlineMs);
    List<ObservedAdvertisement> after = iutAds(port.ads(), lastValid);
    if (after.isEmpty()) {
      return new CaseResult(id, title, Verdict.FAIL, "no takeover within " + deadlineMs / 1000 + " s", exp, tol, "");
    }
    testerMaster = false;
    lastTakeoverNanos = after.get(0).epochNanos();
    long measured = after.get(0).epochNanos() - lastValid;
    boolean ok = measured >= expected - below && measured <= expected + above;
    return new CaseResult(id, title, ok ? Verdict.PASS : Verdict.FAIL,
        seconds(measured) + " from the last valid advertisement", exp, tol, "");
  }

  /** B5/B6: the IUT as BACKUP under a master that turns slower. */
  private CaseResult b5b6(String id) throws InterruptedException {
    boolean wantPreempt = id.equals("B5");
    if (wantPreempt != plan.preempt()) {
      return skip(id, "the IUT is configured " + (plan.preempt() ? "with" : "without") + " preempt (--preempt "
          + (plan.preempt() ? "given" : "not given") + "): " + id + " needs a backup " + (wantPreempt ? "with" : "without")
          + " it; " + (wantPreempt ? "B6" : "B5") + " runs instead");
    }
    if (!testerCanBeBetter()) {
      return skip(id, CANNOT_BE_BETTER);
    }
    int[] w = slower();
    ReceiveRules.BackupReaction r = plan.profile().onAdvertisementAsBackup(iutLocal(), testerAdvert(w[0], w[1], 0));
    return asBackup(id, w[0], w[1], 0, r.takesOver(), "slower master advbase " + w[0] + " advskew " + w[1]
        + "; profile " + plan.profile().name() + (plan.preempt() ? " with" : " without") + " preempt: " + r);
  }

  private CaseResult b7() throws InterruptedException {
    if (!testerCanBeBetter()) {
      return skip("B7", CANNOT_BE_BETTER);
    }
    ReceiveRules.BackupReaction r = plan.profile().onAdvertisementAsBackup(iutLocal(),
        testerAdvert(CarpAdvertisement.BOW_OUT, CarpAdvertisement.BOW_OUT, 0));
    return asBackup("B7", CarpAdvertisement.BOW_OUT, CarpAdvertisement.BOW_OUT, 0, r.takesOver(),
        "bow-out advbase 255 advskew 255; profile " + plan.profile().name() + ": " + r);
  }

  private CaseResult b8() throws InterruptedException {
    Profile p = plan.profile();
    if (!p.comparesDemote()) {
      return skip("B8", "profile " + p.name() + " has no demote byte (byte 4 is pad1: sent as 0, ignored on receive)");
    }
    if (!testerCanBeBetter()) {
      return skip("B8", CANNOT_BE_BETTER);
    }
    ReceiveRules.BackupReaction r = p.onAdvertisementAsBackup(iutLocal(),
        testerAdvert(TESTER_ADVBASE, TESTER_ADVSKEW, 1));
    return asBackup("B8", TESTER_ADVBASE, TESTER_ADVSKEW, 1, r.takesOver(), "master advbase 1 advskew 0 demote 1, "
        + "IUT demote 0" + (plan.preempt() ? " with" : " without") + " preempt; profile " + p.name() + ": " + r);
  }

  /**
   * Makes the IUT BACKUP, then sends {@code (advbase, advskew, demote)} advertisements (a bow-out
   * once) and judges whether it takes over at once ({@code expectTakeover}) or stays BACKUP for
   * master-down + tick + 1 s.
   */
  private CaseResult asBackup(String id, int advbase, int advskew, int demote, boolean expectTakeover, String why)
      throws InterruptedException {
    String title = title(id);
    long allowed = tick() + REACTION_JITTER_NS;
    long window = masterDown() + tick() + S;
    String expected = expectTakeover ? "takes over at once" : "stays BACKUP";
    String tol = expectTakeover ? String.format("first advertisement <= %.0f ms after ours", allowed / 1e6)
        : String.format("silent for %.3f s (master-down + tick + 1 s)", window / 1e9);
    String failed = makeBackup(id);
    if (failed != null) {
      return new CaseResult(id, title, Verdict.FAIL, "the IUT kept advertising", "BACKUP before the case", tol, failed);
    }
    boolean bowOut = advbase == CarpAdvertisement.BOW_OUT;
    progress.accept(id + ": sending advbase " + advbase + " advskew " + advskew + " demote " + demote
        + (bowOut ? " (once)" : " once a second"));
    long t0 = nowNanos();
    long end = t0 + (expectTakeover ? allowed + 2 * S : window);
    boolean sent = false;
    while (nowNanos() < end && iutAds(port.ads(), t0).isEmpty()) {
      if (!bowOut || !sent) {
        sendAd(advbase, advskew, demote, Fault.NONE);
        sent = true;
        if (bowOut) {
          testerMaster = false;
        }
      }
      long left = Math.max(1, (end - nowNanos()) / 1_000_000L);
      port.await(all -> !iutAds(all, t0).isEmpty(), Math.min(TESTER_INTERVAL_MS, left));
    }
    long sentAt = firstOwn(advskew, t0 - 1);
    List<ObservedAdvertisement> after = iutAds(port.ads(), t0);
    if (expectTakeover) {
      if (after.isEmpty()) {
        return new CaseResult(id, title, Verdict.FAIL, "no takeover within " + seconds(end - t0), expected, tol, why);
      }
      testerMaster = false;
      lastTakeoverNanos = after.get(0).epochNanos();
      long delay = after.get(0).epochNanos() - sentAt;
      return new CaseResult(id, title, delay <= allowed ? Verdict.PASS : Verdict.FAIL,
          "took over " + seconds(delay) + " after our first advertisement", expected, tol, why);
    }
    testerMaster = true;
    if (!after.isEmpty()) {
      long delay = after.get(0).epochNanos() - sentAt;
      testerMaster = false;
      lastTakeoverNanos = after.get(0).epochNanos();
      return new CaseResult(id, title, Verdict.FAIL, "took over " + seconds(delay) + " after our first advertisement",
          expected, tol, why);
    }
    return new CaseResult(id, title, Verdict.PASS, "silent for " + seconds(nowNanos() - t0), expected, tol, why);
  }

  // ---- D ----------------------------------------------------------------------------------------

  /** Gratuitous ARPs from the IUT (not the tester) for one of the VIPs between {@code from} and {@code to}. */
  private List<TesterPort.ObservedArp> iutGarps(long from, long to) {
    List<TesterPort.ObservedArp> out = new ArrayList<>();
    for (TesterPort.ObservedArp a : port.arps()) {
      if (a.epochNanos() >= from && a.epochNanos() <= to && !a.sourceMac().equals(port.mac())
          && a.arp().isGratuitous() && plan.vips().contains(a.arp().senderIp())) {
        out.add(a);
      }
    }
    return out;
  }

  /** The MAC the profile answers and announces the VIP with, or null for "the IUT's own NIC MAC". */
  private MacAddress expectedArpMac() {
    Emission.GarpSenderMac rule = plan.profile().emission().garpSenderMac();
    return rule == Emission.GarpSenderMac.PHYSICAL_MAC ? null : MacAddress.carpVirtual(plan.vhid());
  }

  private String arpMacProblem(MacAddress ethSource, MacAddress sender) {
    MacAddress want = expectedArpMac();
    if (!ethSource.equals(sender)) {
      return "Ethernet source " + ethSource + " != ARP sender " + sender;
    }
    if (want != null) {
      return sender.equals(want) ? null : "sender MAC " + sender + ", expected " + want;
    }
    if (sender.equals(port.mac()) || sender.toString().startsWith("00:00:5e:00:01")) {
      return "sender MAC " + sender + ", expected the IUT's own NIC MAC";
    }
    return null;
  }

  private String arpMacText() {
    MacAddress want = expectedArpMac();
    return want == null ? "the IUT's own NIC MAC (" + plan.profile().emission().garpSenderMac() + ")" : want.toString();
  }

  private long garpWindowEnd(long takeover) {
    return takeover + (plan.profile().emission().delayedGarpAfterAds() + 1) * interval() + QUIET_MARGIN_NS;
  }

  private void sleepUntil(long epochNanos) throws InterruptedException {
    clock.sleepUntil(epochNanos);
  }

  /**
   * D1 judges two takeovers of its own: after the master fell silent (master-down) and after its
   * bow-out (a received advertisement). Each is preceded by an undisturbed master period of the
   * IUT long enough to send its pending delayed ARP round: ucarp keeps {@code sc_delayed_arp}
   * across a yield, so a takeover soon after an earlier one (or after "reasserting control")
   * adds one gratuitous ARP right after its first advertisement, as the profile models.
   */
  private CaseResult d1() throws InterruptedException {
    String id = "D1";
    Emission e = plan.profile().emission();
    int rounds = e.delayedGarpAfterAds() > 0 ? 2 : 1;
    String expected = "per takeover (after silence, after a bow-out) " + rounds + " per VIP from " + arpMacText()
        + ": one " + (e.garpBeforeFirstAd() ? "just before" : "just after") + " the first advertisement"
        + (rounds == 2 ? ", one with advertisement #" + e.delayedGarpAfterAds() + " after it" : "");
    String tol = String.format("±%.0f ms of the advertisement", GARP_JITTER_NS / 1e6);
    if (!testerCanBeBetter()) {
      return new CaseResult(id, title(id), Verdict.SKIP, "-", expected, tol, CANNOT_BE_BETTER);
    }
    List<String> problems = new ArrayList<>();
    StringBuilder measured = new StringBuilder();
    for (boolean silence : new boolean[] {true, false}) {
      String kind = silence ? "after silence" : "after a bow-out";
      if (!ensureIutMaster()) {
        problems.add(kind + ": the IUT is not advertising");
        continue;
      }
      List<TesterPort.Injection> sent = port.injections();
      long calm = Math.max(lastTakeoverNanos, sent.isEmpty() ? 0 : sent.get(sent.size() - 1).epochNanos());
      progress.accept(id + ": letting the IUT finish its delayed ARP round");
      sleepUntil(garpWindowEnd(calm));
      String failed = makeBackup(id);
      if (failed != null) {
        problems.add(kind + ": " + failed);
        continue;
      }
      long since;
      if (silence) {
        progress.accept(id + ": falling silent and watching the IUT's takeover");
        since = lastOwn(TESTER_ADVSKEW, 0);
      } else {
        progress.accept(id + ": bowing out and watching the IUT's takeover");
        since = bowOut();
      }
      long limit = since;
      port.await(all -> !iutAds(all, limit).isEmpty(), (masterDown() + tick() + interval()) / 1_000_000L + 3000);
      List<ObservedAdvertisement> after = iutAds(port.ads(), since);
      if (after.isEmpty()) {
        problems.add(kind + ": no takeover");
        continue;
      }
      testerMaster = false;
      long t = after.get(0).epochNanos();
      lastTakeoverNanos = t;
      sleepUntil(garpWindowEnd(t));
      measured.append(measured.length() == 0 ? "" : "; ").append(kind).append(": ");
      judgeGarps(kind, t, measured, problems);
    }
    return new CaseResult(id, title(id), problems.isEmpty() ? Verdict.PASS : Verdict.FAIL, measured.toString(),
        expected, tol, String.join("; ", problems));
  }

  private void judgeGarps(String kind, long takeover, StringBuilder measured, List<String> problems) {
    Emission e = plan.profile().emission();
    int rounds = e.delayedGarpAfterAds() > 0 ? 2 : 1;
    long windowEnd = garpWindowEnd(takeover);
    List<ObservedAdvertisement> ads = iutAds(takeover - 1, windowEnd);
    for (Ipv4Address vip : plan.vips()) {
      List<TesterPort.ObservedArp> g = new ArrayList<>();
      for (TesterPort.ObservedArp a : iutGarps(takeover - 500_000_000L, windowEnd)) {
        if (a.arp().senderIp().equals(vip)) {
          g.add(a);
        }
      }
      measured.append(vip).append(" ").append(g.size());
      if (g.size() != rounds) {
        StringBuilder at = new StringBuilder();
        for (TesterPort.ObservedArp a : g) {
          at.append(String.format(" %+.3f ms", (a.epochNanos() - takeover) / 1e6));
        }
        problems.add(kind + ": " + vip + " " + g.size() + " gratuitous ARPs, expected " + rounds + "; at" + at
            + " from the first advertisement");
      }
      if (!g.isEmpty()) {
        TesterPort.ObservedArp first = g.get(0);
        long d = first.epochNanos() - takeover;
        measured.append(" from ").append(first.sourceMac()).append(String.format(", first %+.3f ms", d / 1e6));
        String mac = arpMacProblem(first.sourceMac(), first.arp().senderMac());
        if (mac != null) {
          problems.add(kind + ": " + vip + " " + mac);
        }
        boolean sideOk = e.garpBeforeFirstAd() ? d <= 0 && d >= -GARP_JITTER_NS : d >= 0 && d <= GARP_JITTER_NS;
        if (!sideOk) {
          problems.add(String.format("%s: %s first gratuitous ARP %+.3f ms from the first advertisement", kind, vip,
              d / 1e6));
        }
      }
      if (rounds == 2 && ads.size() > e.delayedGarpAfterAds()) {
        long adAt = ads.get(e.delayedGarpAfterAds()).epochNanos();
        TesterPort.ObservedArp second = null;
        for (TesterPort.ObservedArp a : g) {
          if (Math.abs(a.epochNanos() - adAt) <= GARP_JITTER_NS) {
            second = a;
          }
        }
        if (second == null) {
          problems.add(String.format("%s: %s no gratuitous ARP with advertisement #%d", kind, vip,
              e.delayedGarpAfterAds()));
        } else {
          measured.append(String.format(", second %+.3f ms from advertisement #%d", (second.epochNanos() - adAt) / 1e6,
              e.delayedGarpAfterAds()));
        }
      }
    }
  }

  private CaseResult d2() throws InterruptedException {
    String id = "D2";
    // OpenBSD 3.5's carp_iamatch (1.54) answers from any running carp interface holding the address
    boolean backupReplies = !plan.profile().balancing().arpReplyRequiresMaster();
    String expected = "master replies from " + arpMacText() + "; backup "
        + (backupReplies ? "replies too (profile " + plan.profile().name() + ": no MASTER check)" : "does not reply");
    String tol = "reply within " + ARP_REPLY_WAIT_MS + " ms";
    if (!ensureIutMaster()) {
      return new CaseResult(id, title(id), Verdict.FAIL, "the IUT is not advertising", expected, tol,
          "precondition failed");
    }
    List<String> problems = new ArrayList<>();
    StringBuilder measured = new StringBuilder("master: ");
    for (Ipv4Address vip : plan.vips()) {
      Optional<TesterPort.ObservedArp> reply = askFor(vip);
      if (reply.isEmpty()) {
        measured.append(vip).append(" no reply; ");
        problems.add("master did not answer for " + vip);
      } else {
        measured.append(vip).append(" from ").append(reply.get().arp().senderMac()).append("; ");
        String mac = arpMacProblem(reply.get().sourceMac(), reply.get().arp().senderMac());
        if (mac != null) {
          problems.add("master " + vip + ": " + mac);
        }
      }
    }
    if (testerCanBeBetter()) {
      String failed = makeBackup(id);
      if (failed != null) {
        problems.add(failed);
      } else {
        measured.append("backup: ");
        for (Ipv4Address vip : plan.vips()) {
          Optional<TesterPort.ObservedArp> reply = askFor(vip);
          measured.append(vip).append(reply.isEmpty() ? " no reply; " : " reply from " + reply.get().sourceMac()
              + "; ");
          if (reply.isPresent() && !backupReplies) {
            problems.add("backup answered for " + vip);
          } else if (reply.isEmpty() && backupReplies) {
            problems.add("backup did not answer for " + vip);
          }
        }
      }
    } else {
      measured.append("backup: not tested (" + CANNOT_BE_BETTER + ")");
    }
    return new CaseResult(id, title(id), problems.isEmpty() ? Verdict.PASS : Verdict.FAIL,
        measured.toString().trim(), expected, tol, String.join("; ", problems));
  }

  /** Sends "who has {@code vip}" and waits for a reply from anyone but the tester. */
  private Optional<TesterPort.ObservedArp> askFor(Ipv4Address vip) throws InterruptedException {
    long t0 = nowNanos();
    port.inject(AdvertisementCrafter.arpRequest(port.mac(), self(), vip));
    port.awaitArp(all -> reply(all, vip, t0).isPresent(), ARP_REPLY_WAIT_MS);
    return reply(port.arps(), vip, t0);
  }

  private Optional<TesterPort.ObservedArp> reply(List<TesterPort.ObservedArp> all, Ipv4Address vip, long after) {
    for (TesterPort.ObservedArp a : all) {
      if (a.epochNanos() > after && a.arp().operation() == ArpPacket.REPLY && a.arp().senderIp().equals(vip)
          && !a.sourceMac().equals(port.mac())) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  // ---- D3 ---------------------------------------------------------------------------------------

  /**
   * D3: the tester plays master until the IUT is BACKUP, falls silent, and judges the unsolicited
   * neighbour advertisements of the IUT's takeover (§6: one per IPv6 VIP, to ff02::1, Override set,
   * Solicited clear, target link-layer option = the profile's announce MAC, right after the first
   * advertisement); then it solicits every IPv6 VIP from its link-local address (to the
   * solicited-node group): the master must answer (Solicited and Override set, the same MAC), and
   * once the tester has made it BACKUP again, it must not.
   */
  private CaseResult d3() throws InterruptedException {
    String id = "D3";
    Emission e = plan.profile().emission();
    if (e.neighborAdvertisement() == Emission.NeighborAdvertisement.NONE
        || plan.profile().authentication().hmac() == org.carpsim.carp.auth.HmacScheme.UCARP) {
      return skip(id, "profile " + plan.profile().name() + " is IPv4-only: ucarp has no IPv6 (no IPv6 advertisements, "
          + "no neighbour advertisements)");
    }
    if (plan.vips6().isEmpty()) {
      return skip(id, "the IUT has no IPv6 VIP (give --vip an IPv6 address)");
    }
    if (port.linkLocal().isEmpty()) {
      return skip(id, port.name() + " has no IPv6 link-local address (IPv6 disabled?): the tester cannot solicit");
    }
    if (!plan.ipv6Only() && port.address().isEmpty()) {
      return skip(id, port.name() + " has no IPv4 address to send the group's advertisements from");
    }
    String mac = arpMacText();
    boolean apart = e.neighborAdvertisement() == Emission.NeighborAdvertisement.IMMEDIATE_1MS_APART;
    String expected = "on takeover 1 unsolicited NA per IPv6 VIP from " + mac + " to ff02::1, hop limit 255, target = "
        + "the VIP, Override set, Solicited clear, TLLA " + mac + ", just after the first advertisement"
        + (apart ? " (1 ms apart)" : "") + "; an NS is answered by the master (Solicited + Override, TLLA " + mac
        + "), not by a backup";
    String tol = String.format("first NA 0..%.0f ms after the first advertisement%s; reply within %d ms",
        NA_JITTER_NS / 1e6, apart ? " (+1 ms per further VIP)" : "", ARP_REPLY_WAIT_MS);
    if (!testerCanBeBetter()) {
      return new CaseResult(id, title(id), Verdict.SKIP, "-", expected, tol, CANNOT_BE_BETTER);
    }
    if (!ensureIutMaster()) {
      return new CaseResult(id, title(id), Verdict.FAIL, "the IUT is not advertising", expected, tol,
          "precondition failed");
    }
    List<String> problems = new ArrayList<>();
    StringBuilder measured = new StringBuilder();
    String failed = makeBackup(id);
    if (failed != null) {
      return new CaseResult(id, title(id), Verdict.FAIL, "-", expected, tol, failed);
    }
    progress.accept(id + ": falling silent and watching the IUT's takeover");
    long since = lastOwn(TESTER_ADVSKEW, 0);
    port.await(all -> !iutAds(all, since).isEmpty(), (masterDown() + tick() + interval()) / 1_000_000L + 3000);
    List<ObservedAdvertisement> after = iutAds(port.ads(), since);
    if (after.isEmpty()) {
      return new CaseResult(id, title(id), Verdict.FAIL, "no takeover", expected, tol,
          "the IUT did not take over after the tester fell silent");
    }
    testerMaster = false;
    long t = after.get(0).epochNanos();
    lastTakeoverNanos = t;
    sleepUntil(t + interval() / 2 + QUIET_MARGIN_NS);
    measured.append("takeover: ");
    judgeUnsolicitedNas(t, apart, measured, problems);
    measured.append("; master: ");
    for (Ipv6Address vip : plan.vips6()) {
      Optional<TesterPort.ObservedNeighborAdvertisement> reply = solicit(vip);
      if (reply.isEmpty()) {
        measured.append(vip).append(" no reply; ");
        problems.add("master did not answer an NS for " + vip);
        continue;
      }
      TesterPort.ObservedNeighborAdvertisement r = reply.get();
      String tlla = r.na().targetLinkLayerAddress().map(Object::toString).orElse("none");
      measured.append(vip).append(" NA from ").append(r.sourceMac()).append(" TLLA ").append(tlla)
          .append(flags(r)).append("; ");
      String macProblem = naMacProblem(r.na().targetLinkLayerAddress().orElse(null));
      if (macProblem != null) {
        problems.add("master's NA for " + vip + ": " + macProblem);
      }
      if (!r.na().solicited() || !r.na().override()) {
        problems.add("master's NA for " + vip + " has" + flags(r) + ", expected Solicited and Override");
      }
      if (!r.ip().destination().equals(port.linkLocal().get())) {
        problems.add("master's NA for " + vip + " went to " + r.ip().destination() + ", not the soliciting "
            + port.linkLocal().get());
      }
      if (!r.checksumOk() || r.ip().hopLimit() != 255) {
        problems.add("master's NA for " + vip + ": " + (r.checksumOk() ? "" : "bad ICMPv6 checksum ") + "hop limit "
            + r.ip().hopLimit());
      }
    }
    String backup = makeBackup(id);
    if (backup != null) {
      problems.add(backup);
    } else {
      measured.append("backup: ");
      for (Ipv6Address vip : plan.vips6()) {
        Optional<TesterPort.ObservedNeighborAdvertisement> reply = solicit(vip);
        measured.append(vip).append(reply.isEmpty() ? " no reply; " : " NA from " + reply.get().sourceMac() + "; ");
        if (reply.isPresent()) {
          problems.add("backup answered an NS for " + vip);
        }
      }
    }
    return new CaseResult(id, title(id), problems.isEmpty() ? Verdict.PASS : Verdict.FAIL,
        measured.toString().trim(), expected, tol, String.join("; ", problems));
  }

  private void judgeUnsolicitedNas(long takeover, boolean apart, StringBuilder measured, List<String> problems) {
    long windowEnd = takeover + interval() / 2 + QUIET_MARGIN_NS;
    MacAddress allNodes = Frames.multicastMac(Ipv6Address.ALL_NODES);
    int index = 0;
    for (Ipv6Address vip : plan.vips6()) {
      List<TesterPort.ObservedNeighborAdvertisement> g = new ArrayList<>();
      for (TesterPort.ObservedNeighborAdvertisement a : port.neighborAdvertisements()) {
        if (a.epochNanos() >= takeover - 500_000_000L && a.epochNanos() <= windowEnd
            && !a.sourceMac().equals(port.mac()) && !a.na().solicited() && a.na().target().equals(vip)) {
          g.add(a);
        }
      }
      measured.append(vip).append(" ").append(g.size()).append(" NA");
      if (g.size() != 1) {
        StringBuilder at = new StringBuilder();
        for (TesterPort.ObservedNeighborAdvertisement a : g) {
          at.append(String.format(" %+.3f ms", (a.epochNanos() - takeover) / 1e6));
        }
        problems.add(vip + ": " + g.size() + " unsolicited NAs, expected 1; at" + at + " from the first advertisement");
      }
      if (!g.isEmpty()) {
        TesterPort.ObservedNeighborAdvertisement na = g.get(0);
        long d = na.epochNanos() - takeover;
        MacAddress tlla = na.na().targetLinkLayerAddress().orElse(null);
        measured.append(String.format(" %+.3f ms", d / 1e6)).append(" from ").append(na.sourceMac()).append(" TLLA ")
            .append(tlla == null ? "none" : tlla).append(flags(na)).append(" to ").append(na.ip().destination());
        long allowed = NA_JITTER_NS + (apart ? index * 1_000_000L : 0);
        if (d < 0 || d > allowed) {
          problems.add(String.format("%s: NA %+.3f ms from the first advertisement", vip, d / 1e6));
        }
        String macProblem = naMacProblem(tlla);
        if (macProblem != null) {
          problems.add(vip + ": " + macProblem);
        }
        String src = naMacProblem(na.sourceMac());
        if (src != null) {
          problems.add(vip + ": Ethernet source " + src);
        }
        if (!na.na().override()) {
          problems.add(vip + ": Override flag clear");
        }
        if (!na.ip().destination().equals(Ipv6Address.ALL_NODES) || !na.destinationMac().equals(allNodes)) {
          problems.add(vip + ": sent to " + na.ip().destination() + " (" + na.destinationMac() + "), expected ff02::1 ("
              + allNodes + ")");
        }
        if (na.ip().hopLimit() != 255 || !na.checksumOk()) {
          problems.add(vip + ": hop limit " + na.ip().hopLimit() + (na.checksumOk() ? "" : ", bad ICMPv6 checksum"));
        }
      }
      measured.append(index + 1 < plan.vips6().size() ? ", " : "");
      index++;
    }
  }

  private static String flags(TesterPort.ObservedNeighborAdvertisement a) {
    String f = (a.na().router() ? "R" : "") + (a.na().solicited() ? "S" : "") + (a.na().override() ? "O" : "");
    return " flags " + (f.isEmpty() ? "none" : f);
  }

  /** Null when {@code mac} is the MAC the profile announces the VIP with, else what is wrong. */
  private String naMacProblem(MacAddress mac) {
    if (mac == null) {
      return "no target link-layer address option";
    }
    MacAddress want = expectedArpMac();
    if (want != null) {
      return mac.equals(want) ? null : mac + ", expected " + want;
    }
    return mac.equals(port.mac()) ? mac + ", expected the IUT's own NIC MAC" : null;
  }

  /** Sends an NS for {@code vip} and waits for a solicited NA for it from anyone but the tester. */
  private Optional<TesterPort.ObservedNeighborAdvertisement> solicit(Ipv6Address vip) throws InterruptedException {
    long t0 = nowNanos();
    port.inject(AdvertisementCrafter.neighborSolicitation(port.mac(), port.linkLocal().orElseThrow(), vip));
    port.awaitNeighborAdvertisements(all -> solicitedNa(all, vip, t0).isPresent(), ARP_REPLY_WAIT_MS);
    return solicitedNa(port.neighborAdvertisements(), vip, t0);
  }

  private Optional<TesterPort.ObservedNeighborAdvertisement> solicitedNa(
      List<TesterPort.ObservedNeighborAdvertisement> all, Ipv6Address vip, long after) {
    for (TesterPort.ObservedNeighborAdvertisement a : all) {
      if (a.epochNanos() > after && a.na().target().equals(vip) && a.na().solicited()
          && !a.sourceMac().equals(port.mac())) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  // ---- E1 ---------------------------------------------------------------------------------------

  /**
   * carpsim's live node (profile openbsd, advbase 1, advskew 0, preempt) joins on the tester's NIC:
   * it must preempt the IUT, be the only master, bow out on stop, and the IUT must take over and
   * be the only master again.
   */
  private CaseResult e1() throws InterruptedException {
    String id = "E1";
    String expected = "our node preempts the IUT; then, after its bow-out, the IUT takes over; one master at a time";
    long allowed = tick() + REACTION_JITTER_NS;
    String tol = String.format("each handover <= %.0f ms; windows of %.1f s after convergence", allowed / 1e6,
        e1Window() / 1e9);
    if (nodeStarter == null) {
      return new CaseResult(id, title(id), Verdict.SKIP, "-", expected, tol, "no live node can be started here");
    }
    if (plan.vips().size() > 1 || plan.vips6().size() > 1) {
      return new CaseResult(id, title(id), Verdict.SKIP, "-", expected, tol,
          "carpsim's live node serves one VIP per family; the IUT has " + plan.vipTexts());
    }
    if (!testerCanBeBetter()) {
      return new CaseResult(id, title(id), Verdict.SKIP, "-", expected, tol,
          "the IUT has advbase 1 advskew 0: our node cannot be preferred");
    }
    if (!ensureIutMaster()) {
      return new CaseResult(id, title(id), Verdict.FAIL, "the IUT is not advertising", expected, tol,
          "precondition failed");
    }
    int prefix = port.interfaceAddress().map(a -> a.prefixLength()).orElse(24);
    LiveNodeConfig config = new LiveNodeConfig(port.name(), Profiles.OPENBSD, plan.vhid(), plan.pass(),
        plan.vips().stream().findFirst(), prefix, plan.vips6().stream().findFirst(), 64, TESTER_ADVBASE, TESTER_ADVSKEW,
        true, Optional.empty(), Optional.empty());
    progress.accept(id + ": starting carpsim's live node (openbsd, advbase 1 advskew 0, preempt) on " + port.name());
    long started = nowNanos();
    PeerNode n;
    try {
      n = nodeStarter.start(config, line -> progress.accept(id + " node: " + line));
    } catch (RuntimeException e) { // LiveIoException: no handle, no address, a refused command
      return new CaseResult(id, title(id), Verdict.SKIP, "-", expected, tol,
          "could not start carpsim's live node: " + e.getMessage());
    }
    node = n;
    List<String> problems = new ArrayList<>();
    long nodeFirst;
    long iutLast;
    try {
      long timeoutMs = (masterDown() + interval() + quietNs()) / 1_000_000L + 4000;
      boolean ours = port.await(all -> !nodeAds(all, started).isEmpty(), timeoutMs);
      if (!ours) {
        return new CaseResult(id, title(id), Verdict.FAIL, "our node never advertised", expected, tol,
            "transitions " + n.transitions());
      }
      nodeFirst = nodeAds(port.ads(), started).get(0).epochNanos();
      clock.sleep(quietNs());
      List<ObservedAdvertisement> iutAfter = iutAds(port.ads(), nodeFirst - 1);
      iutLast = iutAfter.isEmpty() ? nodeFirst : iutAfter.get(iutAfter.size() - 1).epochNanos();
      if (iutLast - nodeFirst > allowed) {
        problems.add(String.format("the IUT went on advertising %.3f s after our node's first advertisement",
            (iutLast - nodeFirst) / 1e9));
      }
      long w1 = nowNanos();
      clock.sleep(e1Window());
      String one = oneMaster(w1, nowNanos(), true);
      if (one != null) {
        problems.add("window 1 (our node master): " + one);
      }
      if (n.state() != CarpState.MASTER) {
        problems.add("our node is " + n.state() + ", not MASTER");
      }
    } finally {
      n.stop();
      node = null;
    }
    port.await(all -> nodeAds(all, started).stream().anyMatch(a -> a.carp().advskew() == CarpAdvertisement.BOW_OUT),
        1000);
    List<ObservedAdvertisement> nodeAll = nodeAds(port.ads(), started);
    ObservedAdvertisement bow = nodeAll.get(nodeAll.size() - 1);
    if (bow.carp().advbase() != CarpAdvertisement.BOW_OUT || bow.carp().advskew() != CarpAdvertisement.BOW_OUT) {
      problems.add("our node's last advertisement is not a bow-out");
    }
    long bowAt = bow.epochNanos();
    port.await(all -> !iutAds(all, bowAt).isEmpty(), (masterDown() + tick()) / 1_000_000L + 3000);
    List<ObservedAdvertisement> back = iutAds(port.ads(), bowAt);
    long handBack = back.isEmpty() ? -1 : back.get(0).epochNanos() - bowAt;
    if (back.isEmpty()) {
      problems.add("the IUT did not take over after our node's bow-out");
    } else {
      lastTakeoverNanos = back.get(0).epochNanos();
      if (handBack > allowed) {
        problems.add(String.format("the IUT took over %.3f s after the bow-out", handBack / 1e9));
      }
      long w2 = back.get(0).epochNanos() + 200_000_000L;
      clock.sleepUntil(w2 + e1Window());
      String one = oneMaster(w2, nowNanos(), false);
      if (one != null) {
        problems.add("window 2 (IUT master): " + one);
      }
    }
    String measured = String.format("IUT -> node: IUT's last advertisement %.3f s after the node's first; "
        + "node -> IUT: %s after the bow-out", (iutLast - nodeFirst) / 1e9, handBack < 0 ? "none" : seconds(handBack));
    return new CaseResult(id, title(id), problems.isEmpty() ? Verdict.PASS : Verdict.FAIL, measured, expected, tol,
        String.join("; ", problems));
  }

  private long e1Window() {
    return 2 * interval() + S;
  }

  /**
   * Advertisements of carpsim's node on the tester's NIC: the tester's IP source (its IPv4 address,
   * or its link-local one in an IPv6-only group), not the tester's MAC.
   */
  private List<ObservedAdvertisement> nodeAds(List<ObservedAdvertisement> all, long after) {
    List<ObservedAdvertisement> out = new ArrayList<>();
    Object self = plan.ipv6Only() ? port.linkLocal().orElseThrow() : self();
    for (ObservedAdvertisement a : all) {
      if (a.epochNanos() > after && a.carp().vhid() == plan.vhid() && a.source().equals(self)
          && !a.sourceMac().equals(port.mac())) {
        out.add(a);
      }
    }
    return out;
  }

  /** Null when exactly the expected side advertised in [from, to], else what went wrong. */
  private String oneMaster(long from, long to, boolean nodeExpected) {
    int node = 0;
    for (ObservedAdvertisement a : nodeAds(port.ads(), from)) {
      if (a.epochNanos() <= to) {
        node++;
      }
    }
    int iut = iutAds(from, to).size();
    if (nodeExpected && (iut > 0 || node == 0)) {
      return "node " + node + ", IUT " + iut + " advertisements";
    }
    if (!nodeExpected && (node > 0 || iut == 0)) {
      return "node " + node + ", IUT " + iut + " advertisements";
    }
    return null;
  }

  // ---- output -----------------------------------------------------------------------------------

  /**
   * The injection-to-capture latency: min/median/max of (pcap timestamp of an injected frame − the
   * wall clock just before it was sent), and how many injections the capture missed.
   */
  public String latencySummary() {
    return latencySummary(port);
  }

  /** {@link #latencySummary()} of {@code port}. */
  public static String latencySummary(TesterPort port) {
    List<Long> l = new ArrayList<>(port.injectionLatencies());
    int missed = port.uncaptured().size();
    if (l.isEmpty()) {
      return "injection-to-capture latency: no injection captured" + (missed > 0 ? " (" + missed + " missed)" : "");
    }
    Collections.sort(l);
    return String.format("injection-to-capture latency: min %.1f µs, median %.1f µs, max %.1f µs (n=%d%s)",
        l.get(0) / 1e3, l.get(l.size() / 2) / 1e3, l.get(l.size() - 1) / 1e3, l.size(),
        missed > 0 ? ", " + missed + " not captured" : "");
  }

  /**
   * What a run would send, per case, without opening the NIC: the frames are crafted with
   * {@code mac} and {@code source} and summarised from their decoded bytes (the pass never shown).
   */
  public static List<String> dryRun(ConformancePlan plan, MacAddress mac, Ipv4Address source) {
    AdvertisementCrafter c = crafterFor(plan);
    boolean v6 = plan.ipv6Only();
    Ipv6Address linkLocal = LiveInterface.eui64LinkLocal(mac);
    // what sendAd and bowOut inject: over IPv6 from the link-local address in an IPv6-only group
    interface Ad {
      String of(int advbase, int advskew, int demote, Fault fault);
    }
    Ad ad = (advbase, advskew, demote, fault) -> summary(v6
        ? c.advertisement6(mac, linkLocal, advbase, advskew, demote, 0x1000, fault)
        : c.advertisement(mac, source, advbase, advskew, demote, 0x1000, 0, fault));
    String bow = summary(v6 ? c.bowOut6(mac, linkLocal, 0x1000) : c.bowOut(mac, source, 0x1000, 0));
    List<String> out = new ArrayList<>();
    out.add("dry run: nothing is sent; at most " + TesterPort.MAX_FRAMES_PER_SECOND + " frames/s, vhid " + plan.vhid()
        + " only (C4 alone sends vhid " + c.otherVhid() + ", with an HMAC for vhid " + plan.vhid() + ")"
        + (v6 ? "; IPv6-only group: CARP over IPv6 from the NIC's link-local address (here " + linkLocal + ")" : ""));
    String better = ad.of(TESTER_ADVBASE, TESTER_ADVSKEW, 0, Fault.NONE);
    String ns = plan.vips6().isEmpty() ? ""
        : summary(AdvertisementCrafter.neighborSolicitation(mac, linkLocal, plan.vips6().get(0)));
    String master = "sends up to 1/s [" + better + "] until the IUT is BACKUP, then ";
    int[] slow = plan.advskew() < 254 ? new int[] {plan.advbase(), plan.advskew() + 1}
        : new int[] {plan.advbase() + 1, plan.advskew()};
    for (String id : plan.cases()) {
      String head = id + " " + title(id) + ": ";
      Optional<Fault> f = Fault.ofCase(id);
      String line;
      if (id.startsWith("A")) {
        line = "observe only, sends nothing";
      } else if (v6 && (id.equals("D1") || id.equals("D2"))) {
        line = "skipped, sends nothing (no IPv4 VIP)";
      } else if (f.isPresent()) {
        line = "1/s to the master [" + ad.of(TESTER_ADVBASE, TESTER_ADVSKEW, 0, f.get()) + "] ("
            + (v6 && f.get() == Fault.VRRP2 ? "a VRRPv3 packet, VRRPv2's IPv6 successor" : f.get().description()) + ")";
      } else {
        line = switch (id) {
          case "B1" -> "1/s to the master [" + better + "]";
          case "B2" -> "1/s to the master [" + ad.of(slow[0], slow[1], 0, Fault.NONE) + "]";
          case "B3" -> "1/s to the master [" + ad.of(plan.advbase(), plan.advskew(), 0, Fault.NONE) + "]";
          case "B4" -> master + "nothing";
          case "B5", "B6" -> master + "1/s [" + ad.of(slow[0], slow[1], 0, Fault.NONE) + "]";
          case "B7" -> master + "once [" + bow + "]";
          case "B8" -> master + "1/s [" + ad.of(TESTER_ADVBASE, TESTER_ADVSKEW, 1, Fault.NONE) + "]";
          case "D1" -> "watches the gratuitous ARPs of two takeovers: " + master + "nothing; again, then a bow-out";
          case "D2" -> "ARP requests for " + plan.vips() + " to the master, then " + master + "the same requests";
          case "D3" -> plan.vips6().isEmpty() ? "nothing (the IUT has no IPv6 VIP)"
              : "watches the unsolicited NAs of a takeover: " + master + "nothing; then to the master, and after "
              + "playing master again to the backup, an NS per IPv6 VIP " + plan.vips6() + " [" + ns
              + "] (from the NIC's link-local address)";
          case "E1" -> "starts carpsim's live node (openbsd, advbase 1 advskew 0, preempt) on the NIC, stops it "
              + "(it bows out)";
          default -> "nothing";
        };
      }
      out.add(head + line);
    }
    out.add("on exit: a bow-out [" + bow + "] if the IUT may believe the tester is master");
    return out;
  }

  /** The command's line for one case: {@code A3 PASS  advertisement interval (median)  measured … expected … tolerance …}. */
  public static String line(CaseResult r) {
    return String.format("%-3s %-4s  %s  measured %s  expected %s  tolerance %s%s", r.id(), r.verdict(), r.title(),
        r.measured(), r.expected(), r.tolerance(), r.note().isEmpty() ? "" : "  (" + r.note() + ")");
  }

  /** A one-line summary of a crafted frame, read back from its bytes. */
  static String summary(byte[] frame) {
    if (Frames.decode(frame) instanceof EthernetFrame ef && ef.payload() instanceof Ipv6Packet p) {
      String head = ef.header().source() + " > " + ef.header().destination() + ", " + p.header().source() + " > "
          + p.header().destination() + " hop limit " + p.header().hopLimit() + ", payload length "
          + p.header().payloadLength() + ", ";
      if (p.payload() instanceof CarpAdvertisement ad) {
        return head + "CARP v" + ad.version() + " type " + ad.type() + " vhid " + ad.vhid() + " advbase " + ad.advbase()
            + " advskew " + ad.advskew() + " authlen " + ad.authLength() + " demote " + ad.demote() + ", checksum "
            + (ad.checksumOk() ? "ok" : "bad") + (p.surplus().length() > 0 ? ", " + p.surplus().length()
            + " trailing bytes" : "") + ", " + frame.length + " bytes";
      }
      if (p.payload() instanceof NeighborSolicitation ns) {
        return head + "NS who-has " + ns.target() + ", source link-layer "
            + ns.sourceLinkLayerAddress().map(Object::toString).orElse("none") + ", checksum "
            + (p.payloadChecksumOk() ? "ok" : "bad") + ", " + frame.length + " bytes";
      }
      return head + p.payload().getClass().getSimpleName() + ", " + frame.length + " bytes";
    }
    if (Frames.decode(frame) instanceof EthernetFrame ef && ef.payload() instanceof Ipv4Packet p) {
      String head = ef.header().source() + " > " + ef.header().destination() + ", " + p.header().source() + " > "
          + p.header().destination() + " TTL " + p.header().ttl() + ", IP length " + p.header().totalLength() + ", ";
      int ipPayload = 14 + p.header().headerLength();
      CarpAdvertisement carpView = p.payload() instanceof CarpAdvertisement c ? c
          : CarpAdvertisement.readOrNull(frame, ipPayload, p.header().totalLength() - p.header().headerLength());
      if (carpView != null) {
        CarpAdvertisement ad = carpView;
        return head + "CARP v" + ad.version() + " type " + ad.type() + " vhid " + ad.vhid() + " advbase " + ad.advbase()
            + " advskew " + ad.advskew() + " authlen " + ad.authLength() + " demote " + ad.demote() + ", checksum "
            + (ad.checksumOk() ? "ok" : "bad") + (p.payload() instanceof CarpAdvertisement && p.surplus().length() > 0
            ? ", " + p.surplus().length() + " trailing bytes" : "") + ", " + frame.length + " bytes";
      }
      return head + p.payload().getClass().getSimpleName() + " on protocol " + p.header().protocol() + ", "
          + frame.length + " bytes";
    }
    if (Frames.decode(frame) instanceof EthernetFrame ef && ef.payload() instanceof ArpPacket a) {
      return ef.header().source() + " > " + ef.header().destination() + ", ARP who-has " + a.targetIp() + " tell "
          + a.senderIp();
    }
    int off = TesterPort.carpOffset(frame);
    if (off >= 0) {
      int ipLength = ((frame[16] & 0xff) << 8) | (frame[17] & 0xff);
      return "IP protocol 112 to 224.0.0.18, TTL " + (frame[22] & 0xff) + ", IP length " + ipLength + ": "
          + (ipLength - (off - 14)) + "-byte CARP header (too short to decode), vhid " + (frame[off + 1] & 0xff) + ", "
          + frame.length + " bytes";
    }
    return "undecodable frame";
  }

  private long nowNanos() {
    return clock.nowNanos();
  }

  private static String seconds(long ns) {
    return String.format("%.3f s", ns / 1e9);
  }
}
