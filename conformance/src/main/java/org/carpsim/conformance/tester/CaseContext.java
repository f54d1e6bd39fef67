package org.carpsim.conformance.tester;

import static org.carpsim.conformance.tester.ConformanceRunner.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Emission;
import org.carpsim.carp.profile.ReceiveRules;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.sim.time.Durations;

/**
 * What a {@link ConformanceCase} works with during one run: the plan (the IUT's profile and
 * configuration), the tester's {@link TesterPort} and its {@link Clock}, and the moves every case
 * family shares — make the IUT MASTER ({@link #ensureIutMaster()}) or BACKUP ({@link
 * #makeBackup}), send the tester's advertisements ({@link #sendAd}, {@link #bowOut()}), pick the
 * IUT's advertisements out of the capture ({@link #iutAds}) — and the run's state: whether the
 * tester may be master (a bow-out is owed), the IUT's last takeover, E1's node. One context per run;
 * the cases themselves hold no state.
 */
public final class CaseContext {

  /** The tester's master interval. */
  static final long TESTER_INTERVAL_MS = 1000;
  static final long S = 1_000_000_000L;
  static final String CANNOT_BE_BETTER = "the IUT has advbase 1 advskew 0: the tester cannot be a better "
      + "master";

  final ConformancePlan plan;
  final TesterPort port;
  final Clock clock;
  final Consumer<String> progress;
  final AdvertisementCrafter crafter;
  final ConformanceRunner.NodeStarter nodeStarter;
  long counter = 0x1000;
  int ipId;
  /** The IUT may believe the tester is master: a bow-out is owed. */
  volatile boolean testerMaster;
  volatile ConformanceRunner.PeerNode node;
  private boolean finished;
  Ipv4Address iutSource;
  /** The IUT's IPv6 source (its link-local address) in an IPv6-only group. */
  Ipv6Address iutSource6;
  /** The IUT's first advertisement of its last takeover, 0 if none seen. */
  long lastTakeoverNanos;
  /** A1–A5's shared observation, judged once. */
  private Map<String, CaseResult> observation;

  CaseContext(ConformancePlan plan, TesterPort port, Consumer<String> progress,
      ConformanceRunner.NodeStarter nodeStarter) {
    this.plan = plan;
    this.port = port;
    this.clock = port.clock();
    this.progress = progress;
    this.crafter = ConformanceRunner.crafterFor(plan);
    this.nodeStarter = nodeStarter;
  }

  /** The IUT's profile, configuration and the cases of the run. */
  public ConformancePlan plan() {
    return plan;
  }

  /** The tester's seat on the IUT's link. */
  public TesterPort port() {
    return port;
  }

  /** The run's clock: every wait goes through it. */
  public Clock clock() {
    return clock;
  }

  /** Reports one step of a case (never the passphrase). */
  public void progress(String line) {
    progress.accept(line);
  }

  /** The results {@code observe} makes once per run for the cases that share one observation (A1–A5). */
  interface Observation {
    Map<String, CaseResult> observe(CaseContext c) throws InterruptedException;
  }

  Map<String, CaseResult> observation(Observation observe) throws InterruptedException {
    if (observation == null) {
      observation = observe.observe(this);
    }
    return observation;
  }

  boolean fromIut(ObservedAdvertisement a) {
    Optional<?> self = a.ipv6() ? port.linkLocal() : port.address();
    return a.carp().vhid() == plan.vhid() && !a.sourceMac().equals(port.mac())
        && !self.map(a.source()::equals).orElse(false);
  }

  /** Whether the tester has a source address for its advertisements (IPv4, or IPv6 link-local). */
  boolean canAdvertise() {
    return plan.ipv6Only() ? port.linkLocal().isPresent() : port.address().isPresent();
  }

  void noteIutSource(ObservedAdvertisement a) {
    if (a.ipv6()) {
      iutSource6 = a.ip6().source();
    } else {
      iutSource = a.ip().source();
    }
  }

  List<ObservedAdvertisement> iutAds(List<ObservedAdvertisement> all, long afterNanos) {
    List<ObservedAdvertisement> out = new ArrayList<>();
    for (ObservedAdvertisement a : all) {
      if (fromIut(a) && a.epochNanos() > afterNanos) {
        out.add(a);
      }
    }
    return out;
  }

  List<ObservedAdvertisement> iutAds(long from, long to) {
    List<ObservedAdvertisement> out = new ArrayList<>();
    for (ObservedAdvertisement a : iutAds(port.ads(), from)) {
      if (a.epochNanos() <= to) {
        out.add(a);
      }
    }
    return out;
  }

  long interval() {
    return plan.profile().advertisementIntervalNs(plan.advbase(), plan.advskew(), 0);
  }

  long masterDown() {
    return plan.profile().masterDownIntervalNs(plan.advbase(), plan.advskew(), 0);
  }

  long tick() {
    return plan.profile().timing().receiveTickNs();
  }

  /** Silence after which an IUT that was advertising counts as BACKUP. */
  long quietNs() {
    return tick() + 2 * interval() + QUIET_MARGIN_NS;
  }

  boolean testerCanBeBetter() {
    return !(plan.advbase() == TESTER_ADVBASE && plan.advskew() == TESTER_ADVSKEW);
  }

  Ipv4Address self() {
    return port.address().orElseThrow();
  }

  void sendAd(int advbase, int advskew, int demote, Fault fault) throws InterruptedException {
    byte[] f = plan.ipv6Only()
        ? crafter.advertisement6(port.mac(), port.linkLocal().orElseThrow(), advbase, advskew, demote, counter++, fault)
        : crafter.advertisement(port.mac(), self(), advbase, advskew, demote, counter++, ipId++, fault);
    if (fault == Fault.OTHER_VHID) {
      port.injectOtherVhid(f);
    } else {
      port.inject(f);
    }
  }

  long bowOut() throws InterruptedException {
    long before = nowNanos();
    port.inject(plan.ipv6Only() ? crafter.bowOut6(port.mac(), port.linkLocal().orElseThrow(), counter++)
        : crafter.bowOut(port.mac(), self(), counter++, ipId++));
    testerMaster = false;
    return before;
  }

  /** The wire time of the tester's last injected advertisement with {@code advskew}, or 0. */
  long lastOwn(int advskew, long after) {
    long last = 0;
    for (ObservedAdvertisement a : port.ads()) {
      if (a.sourceMac().equals(port.mac()) && a.carp().advskew() == advskew && a.epochNanos() > after) {
        last = Math.max(last, a.epochNanos());
      }
    }
    return last;
  }

  /** The wire time of the tester's first advertisement with {@code advskew} after {@code after}, or after. */
  long firstOwn(int advskew, long after) {
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
  boolean ensureIutMaster() throws InterruptedException {
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
  String makeBackup(String id) throws InterruptedException {
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

  ReceiveRules.Local iutLocal() {
    int src = iutSource == null ? 0 : iutSource.value();
    return new ReceiveRules.Local(plan.advbase(), plan.advskew(), 0, plan.preempt(),
        plan.profile().timing().defaultDeadRatio(), src);
  }

  ReceiveRules.Advert testerAdvert(int advbase, int advskew, int demote) {
    // only ucarp's tie-break reads the source, and ucarp is IPv4-only
    return new ReceiveRules.Advert(advbase, advskew, demote, port.address().map(Ipv4Address::value).orElse(0));
  }

  boolean masterYields(int advbase, int advskew) {
    ReceiveRules.MasterReaction r = plan.profile().onAdvertisementAsMaster(iutLocal(),
        testerAdvert(advbase, advskew, 0));
    return r == ReceiveRules.MasterReaction.YIELD || r == ReceiveRules.MasterReaction.YIELD_AFTER_ONE_MORE_AD;
  }

  /** A (advbase, advskew) just slower than the IUT's. */
  int[] slower() {
    return plan.advskew() < 254 ? new int[] {plan.advbase(), plan.advskew() + 1}
        : new int[] {plan.advbase() + 1, plan.advskew()};
  }

  /** Gratuitous ARPs from the IUT (not the tester) for one of the VIPs between {@code from} and {@code to}. */
  List<TesterPort.ObservedArp> iutGarps(long from, long to) {
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
  MacAddress expectedArpMac() {
    Emission.GarpSenderMac rule = plan.profile().emission().garpSenderMac();
    return rule == Emission.GarpSenderMac.PHYSICAL_MAC ? null : MacAddress.carpVirtual(plan.vhid());
  }

  String arpMacProblem(MacAddress ethSource, MacAddress sender) {
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

  String arpMacText() {
    MacAddress want = expectedArpMac();
    return want == null ? "the IUT's own NIC MAC (" + plan.profile().emission().garpSenderMac() + ")" : want.toString();
  }

  void sleepUntil(long epochNanos) throws InterruptedException {
    clock.sleepUntil(epochNanos);
  }

  long nowNanos() {
    return clock.nowNanos();
  }

  static String seconds(long ns) {
    return Durations.formatSecondsRounded(ns, 3) + " s";
  }

  static CaseResult skip(String id, String why) {
    return new CaseResult(id, ConformanceRunner.title(id), Verdict.SKIP, "-", "-", "exact", why);
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
}
