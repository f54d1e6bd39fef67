package org.carpsim.conformance.tester;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.carp.wire.Ipv6Packet;
import org.carpsim.carp.wire.NeighborSolicitation;
import org.carpsim.carp.node.Transition;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.live.LiveNode;
import org.carpsim.conformance.live.LiveNodeConfig;

/**
 * Runs the cases of a {@link ConformancePlan}, in {@link Catalogue} order, through a {@link
 * TesterPort} (pcap4j on a real NIC, or a simulated segment) and its {@link Clock}; each case is a
 * {@link ConformanceCase} object that first brings the IUT into the state it needs:
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
  private final CaseContext context;

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
    this.context = new CaseContext(plan, port, progress, nodeStarter);
  }

  static AdvertisementCrafter crafterFor(ConformancePlan plan) {
    return new AdvertisementCrafter(plan.profile().authentication().hmac(), plan.vhid(), plan.pass(), plan.vips(),
        plan.vips6());
  }

  /** The title of every case, for output and for SKIPs. */
  public static String title(String id) {
    return Catalogue.byId(id).map(ConformanceCase::title).orElse("unknown");
  }

  /** Runs every case of the plan, in catalogue order, then {@link #reconverge()}s. */
  public List<CaseResult> run() throws InterruptedException {
    List<CaseResult> out = new ArrayList<>();
    port.allowArpRequestsFor(plan.vips());
    port.allowNeighborSolicitationsFor(plan.vips6());
    port.watchIpv6Advertisements(plan.ipv6Only());
    try {
      for (String id : plan.cases()) {
        out.add(runCase(Catalogue.byId(id).orElseThrow()));
      }
    } finally {
      reconverge();
    }
    return out;
  }

  private CaseResult runCase(ConformanceCase c) throws InterruptedException {
    String id = c.id();
    if (plan.ipv6Only() && !plan.profile().emission().ipv6Advertisements()) {
      // NetBSD compiled IPv6 sending out: nothing to watch, nothing reacts visibly
      return skip(id, "profile " + plan.profile().name() + " sends no IPv6 advertisements; the group has no IPv4 VIP "
          + "to play it over");
    }
    Optional<String> unmet = c.unmet(plan);
    if (unmet.isPresent()) {
      return skip(id, unmet.get());
    }
    if (!id.startsWith("A")) { // the A cases only listen
      if (plan.ipv6Only() && port.linkLocal().isEmpty()) {
        return skip(id, port.name() + " has no IPv6 link-local address to send from (IPv6 disabled?)");
      }
      if (!plan.ipv6Only() && port.address().isEmpty() && !id.equals("D3")) {
        return skip(id, port.name() + " has no IPv4 address to send from");
      }
    }
    return c.run(context);
  }

  private static CaseResult skip(String id, String why) {
    return CaseContext.skip(id, why);
  }

  /**
   * Stops carpsim's node (it bows out), bows out if the IUT may believe the tester is master, and
   * seals the port. Idempotent; safe from a shutdown hook while {@link #run()} is still going (its
   * next injection then throws {@link IllegalStateException}).
   */
  public void reconverge() {
    context.reconverge();
  }

  /** For a shutdown hook (Ctrl-C): {@link #reconverge()}. */
  public void abort() {
    reconverge();
  }

  /** Whether the tester owes a bow-out (the IUT may believe it is master). */
  public boolean testerMayBeMaster() {
    return context.testerMaster;
  }

  /** Names the counter scheme a run of counters shows (A5). */
  static String counterBehaviour(List<Long> counters) {
    return ObservationCase.counterBehaviour(counters);
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
    DryRunFrames f = new DryRunFrames(plan, mac, source);
    AdvertisementCrafter c = crafterFor(plan);
    List<String> out = new ArrayList<>();
    out.add("dry run: nothing is sent; at most " + TesterPort.MAX_FRAMES_PER_SECOND + " frames/s, vhid " + plan.vhid()
        + " only (C4 alone sends vhid " + c.otherVhid() + ", with an HMAC for vhid " + plan.vhid() + ")"
        + (f.ipv6() ? "; IPv6-only group: CARP over IPv6 from the NIC's link-local address (here " + f.linkLocal() + ")"
        : ""));
    for (String id : plan.cases()) {
      ConformanceCase k = Catalogue.byId(id).orElseThrow();
      Optional<String> unmet = k.unmet(plan);
      String line = unmet.isPresent() ? "skipped, sends nothing (" + unmet.get() + ")" : k.dryRun(f);
      out.add(id + " " + k.title() + ": " + line);
    }
    out.add("on exit: a bow-out [" + f.bowOut() + "] if the IUT may believe the tester is master");
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

}
