package org.carpsim.reports.balance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.carpsim.carp.profile.ArpBalanceWalk;
import org.carpsim.carp.profile.Balancing;
import org.carpsim.carp.profile.Balancing.ArpBalance;
import org.carpsim.carp.profile.Balancing.BalancingMode;

/**
 * Applies a profile's ARP balancing rule to every client, host by host, as the node does: each host
 * receives the broadcast request, walks its running carp interfaces that hold the address and answers
 * (or not) on its own. The walk is the node's own ({@link ArpBalanceWalk}); tests hold the result to
 * simulated runs.
 */
public final class BalanceAnalysis {

  private BalanceAnalysis() {}

  /** What one host does with one request: the vhid it answers with, or empty. */
  private record Decision(int vhid) {}

  /** Thrown-free marker for a client the rule cannot place. */
  private static final int UNPLACEABLE = Integer.MIN_VALUE;

  /**
   * The shares of {@code clients} under {@code setup}.
   *
   * @param setup profile, shared address and hosts
   * @param clients the requesting clients, at least one
   * @return the report, with every client's outcome
   */
  public static BalanceReport analyze(BalanceSetup setup, List<BalanceClient> clients) {
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("no clients to analyse");
    }
    Balancing b = setup.profile().balancing();
    Rule rule = Rule.of(setup);
    HostSide reference = setup.hosts().stream().filter(h -> !h.holders().isEmpty()).findFirst().orElse(null);
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, TreeSet<Integer>> vhids = new LinkedHashMap<>();
    setup.hosts().forEach(h -> {
      counts.put(h.host(), 0);
      vhids.put(h.host(), new TreeSet<>());
    });
    List<BalanceReport.Outcome> outcomes = new ArrayList<>(clients.size());
    // sc_hashkey is an HMAC of the key: derive it once per interface, not once per client
    Map<CarpIface, int[]> hashKeys = new java.util.IdentityHashMap<>();
    int unanswered = 0;
    int several = 0;
    int unplaceable = 0;
    for (BalanceClient c : clients) {
      if (!rule.canPlace(c)) {
        unplaceable++;
        outcomes.add(new BalanceReport.Outcome(c, UNPLACEABLE, List.of(), 0));
        continue;
      }
      List<String> by = new ArrayList<>();
      int firstVhid = 0;
      for (HostSide h : setup.hosts()) {
        Optional<Decision> d = decide(b, h, c, hashKeys);
        if (d.isPresent()) {
          by.add(h.host());
          counts.merge(h.host(), 1, Integer::sum);
          vhids.get(h.host()).add(d.get().vhid());
          if (firstVhid == 0) {
            firstVhid = d.get().vhid();
          }
        }
      }
      if (by.isEmpty()) {
        unanswered++;
      } else if (by.size() > 1) {
        several++;
      }
      outcomes.add(new BalanceReport.Outcome(c, reference == null ? -1 : rule.index(reference, c, hashKeys), by,
          firstVhid));
    }
    List<BalanceReport.HostShare> shares = new ArrayList<>();
    for (HostSide h : setup.hosts()) {
      int n = counts.get(h.host());
      shares.add(new BalanceReport.HostShare(h.host(), n, 100.0 * n / clients.size(), List.copyOf(vhids.get(h.host()))));
    }
    Explainer ex = new Explainer(setup, rule, reference, outcomes, shares, unanswered, several, unplaceable);
    return new BalanceReport(setup, rule.name(), rule.words(), rule.formula(), clients.size(), shares, unanswered,
        several, unplaceable, ex.buckets(), ex.lines(), outcomes);
  }

  /** Whether host {@code h} answers client {@code c}, and with which vhid: the node's own ARP walk. */
  private static Optional<Decision> decide(Balancing b, HostSide h, BalanceClient c, Map<CarpIface, int[]> hashKeys) {
    List<Held> holders = new ArrayList<>(h.holders().size());
    for (CarpIface sc : h.holders()) {
      holders.add(new Held(sc, hashKeys));
    }
    return ArpBalanceWalk.answer(b, h.arpbalance(), holders, () -> c.address().orElseThrow().value(),
            () -> c.mac().orElseThrow().value())
        .map(a -> new Decision(a.holder().sc().vhosts().get(a.vhost()).vhid()));
  }

  /** A holder as the ARP walk sees it; {@code sc_hashkey} is derived once per interface. */
  private record Held(CarpIface sc, Map<CarpIface, int[]> hashKeys) implements ArpBalanceWalk.Holder {
    @Override
    public int vhostCount() {
      return sc.vhosts().size();
    }

    @Override
    public boolean master(int index) {
      return sc.vhosts().get(index).master();
    }

    @Override
    public BalancingMode mode() {
      return sc.mode();
    }

    @Override
    public int[] hashKey() {
      return hashKeys.computeIfAbsent(sc, CarpIface::hashKey);
    }

    @Override
    public byte[] key() {
      return sc.key().bytes();
    }

    @Override
    public long addressOrder() {
      return sc.addressOrder();
    }

    @Override
    public boolean ucarp() {
      return sc.ucarpVipHeld().isPresent();
    }

    @Override
    public boolean ucarpVipHeld() {
      return sc.ucarpVipHeld().orElse(false);
    }
  }

  /** The rule in effect for a setup, with what it needs from a client and how it indexes. */
  enum Rule {
    NONE, SENDER_IP_RAW_MODULO, SENDER_IP_HOST_ORDER_MODULO, SENDER_MAC_CARP_HASH, BALANCING_ARP, BALANCING_IP;

    static Rule of(BalanceSetup setup) {
      ArpBalance arp = setup.profile().balancing().arp();
      switch (arp) {
        case SENDER_IP_RAW_MODULO:
          return setup.arpbalance() ? SENDER_IP_RAW_MODULO : NONE;
        case SENDER_IP_HOST_ORDER_MODULO:
          return setup.arpbalance() ? SENDER_IP_HOST_ORDER_MODULO : NONE;
        case SENDER_MAC_CARP_HASH:
          return setup.arpbalance() ? SENDER_MAC_CARP_HASH : NONE;
        case PER_INTERFACE_MODES:
          boolean arpMode = setup.hosts().stream().flatMap(h -> h.holders().stream())
              .anyMatch(sc -> sc.mode() == BalancingMode.ARP);
          boolean ipMode = setup.hosts().stream().flatMap(h -> h.holders().stream())
              .anyMatch(sc -> sc.mode() != BalancingMode.NONE && sc.mode() != BalancingMode.ARP);
          return arpMode ? BALANCING_ARP : ipMode ? BALANCING_IP : NONE;
        default:
          return NONE;
      }
    }

    boolean needsAddress() {
      return this == SENDER_IP_RAW_MODULO || this == SENDER_IP_HOST_ORDER_MODULO;
    }

    boolean needsMac() {
      return this == SENDER_MAC_CARP_HASH || this == BALANCING_ARP;
    }

    boolean canPlace(BalanceClient c) {
      return (!needsAddress() || c.address().isPresent()) && (!needsMac() || c.mac().isPresent());
    }

    /** The rule's index for {@code c} on host {@code h} (its first holder for the hash rules), -1 without one. */
    int index(HostSide h, BalanceClient c, Map<CarpIface, int[]> hashKeys) {
      List<CarpIface> holders = h.holders();
      switch (this) {
        case SENDER_IP_RAW_MODULO:
          return Balancing.senderIpIndex(c.address().orElseThrow().value(), holders.size());
        case SENDER_IP_HOST_ORDER_MODULO:
          return Balancing.senderIpHostOrderIndex(c.address().orElseThrow().value(), holders.size());
        case SENDER_MAC_CARP_HASH: {
          CarpIface first = h.inAddressOrder().get(0);
          return Balancing.senderMacIndex(hashKeys.computeIfAbsent(first, CarpIface::hashKey), first.key().bytes(),
              c.mac().orElseThrow().value(), holders.size());
        }
        case BALANCING_ARP:
          for (CarpIface sc : holders) {
            if (sc.mode() == BalancingMode.ARP) {
              return Balancing.senderMacIndex(hashKeys.computeIfAbsent(sc, CarpIface::hashKey), sc.key().bytes(),
                  c.mac().orElseThrow().value(), sc.vhosts().size());
            }
          }
          return -1;
        default:
          return -1;
      }
    }

    String words() {
      switch (this) {
        case SENDER_IP_RAW_MODULO:
          return "OpenBSD 3.5/3.6 arpbalance: the ARP sender IP, read as the raw 32-bit word of a little-endian "
              + "kernel (first octet = lowest byte), modulo the number of running carp interfaces holding the "
              + "address; the interface at that index (vhid order) answers if it is MASTER, else nobody on that host";
        case SENDER_IP_HOST_ORDER_MODULO:
          return "FreeBSD 6 arpbalance: the ARP sender IP as a number (ntohl) modulo the number of running carp "
              + "interfaces holding the address; the interface at that index (vhid order) answers if it is MASTER";
        case SENDER_MAC_CARP_HASH:
          return "NetBSD / OpenBSD 1.137 arpbalance: every carp interface holding the address hashes the ARP sender "
              + "MAC with its own key (carp_hash) modulo the number of holders; the one whose 0-based position in "
              + "the host's address list equals the result answers, if it is MASTER";
        case BALANCING_ARP:
          return "OpenBSD balancing arp (2010-2015): carp_hash of the ARP sender MAC modulo the number of vhids of "
              + "the carp interface picks a vhid; that vhid answers with its MAC if it is MASTER here";
        case BALANCING_IP:
          return "OpenBSD balancing ip/ip-stealth/ip-unicast: ARP is answered by the leader vhid's MASTER only; "
              + "the load is shared per IP packet (carp_lsdrop), not per ARP request";
        default:
          return "no ARP balancing: the first running carp interface holding the address answers (if MASTER, "
              + "where the profile requires it)";
      }
    }

    String formula() {
      switch (this) {
        case SENDER_IP_RAW_MODULO:
          return "index = (o1 + o2*2^8 + o3*2^16 + o4*2^24) mod n   (sender o1.o2.o3.o4, n = holders)";
        case SENDER_IP_HOST_ORDER_MODULO:
          return "index = (o1*2^24 + o2*2^16 + o3*2^8 + o4) mod n   (sender o1.o2.o3.o4, n = holders)";
        case SENDER_MAC_CARP_HASH:
          return "holder i answers iff carp_hash(hashkey_i, key_i[0..3], sender MAC) mod n = i and it is MASTER";
        case BALANCING_ARP:
          return "vhid = vhids[carp_hash(hashkey, key[0..3], sender MAC) mod vhids]; answers iff MASTER";
        case BALANCING_IP:
          return "ARP: leader vhid's MASTER; data: vhid index = ntohl(src ^ dst) mod vhids";
        default:
          return "answer = first holder (vhid order) that is MASTER";
      }
    }
  }

  /** Builds the buckets and the explanation from the outcomes. */
  private static final class Explainer {
    private final BalanceSetup setup;
    private final Rule rule;
    private final HostSide reference;
    private final List<BalanceReport.Outcome> outcomes;
    private final List<BalanceReport.HostShare> shares;
    private final int unanswered;
    private final int several;
    private final int unplaceable;
    private final int total;

    Explainer(BalanceSetup setup, Rule rule, HostSide reference, List<BalanceReport.Outcome> outcomes,
        List<BalanceReport.HostShare> shares, int unanswered, int several, int unplaceable) {
      this.setup = setup;
      this.rule = rule;
      this.reference = reference;
      this.outcomes = outcomes;
      this.shares = shares;
      this.unanswered = unanswered;
      this.several = several;
      this.unplaceable = unplaceable;
      this.total = outcomes.size();
    }

    /** Clients grouped by index, with where each index leads. */
    List<BalanceReport.IndexBucket> buckets() {
      Map<Integer, List<BalanceReport.Outcome>> byIndex = new TreeMap<>();
      for (BalanceReport.Outcome o : outcomes) {
        if (o.index() != UNPLACEABLE) {
          byIndex.computeIfAbsent(o.index(), k -> new ArrayList<>()).add(o);
        }
      }
      List<BalanceReport.IndexBucket> out = new ArrayList<>();
      byIndex.forEach((i, list) -> out.add(new BalanceReport.IndexBucket(i, list.size(), detail(list), goesTo(i, list))));
      return out;
    }

    /** What the clients of one bucket have in common for the rule. */
    private String detail(List<BalanceReport.Outcome> list) {
      int n = reference == null ? 0 : reference.holders().size();
      switch (rule) {
        case SENDER_IP_RAW_MODULO:
          return 256 % n == 0
              ? "first octet " + distinct(list, o -> (o.client().address().orElseThrow().value() >>> 24) & 0xff)
              : "raw word mod " + n + " = " + list.get(0).index();
        case SENDER_IP_HOST_ORDER_MODULO:
          return 256 % n == 0
              ? "last octet mod " + n + " = " + list.get(0).index()
              : "address mod " + n + " = " + list.get(0).index();
        case SENDER_MAC_CARP_HASH:
          return "carp_hash(MAC) mod " + n + " = " + list.get(0).index();
        case BALANCING_ARP:
          return "carp_hash(MAC) mod vhids = " + list.get(0).index();
        default:
          return "no index";
      }
    }

    /** {@code 192} or {@code 10, 11 (…)}: the distinct values, at most six shown. */
    private static String distinct(List<BalanceReport.Outcome> list, Function<BalanceReport.Outcome, Integer> f) {
      TreeSet<Integer> values = new TreeSet<>();
      list.forEach(o -> values.add(f.apply(o)));
      List<String> shown = values.stream().limit(6).map(String::valueOf).toList();
      return String.join(", ", shown) + (values.size() > 6 ? " (" + values.size() + " values)" : "");
    }

    /** {@code vhid 1 -> A 254}: the reference host's vhid at that index, then who answered these clients. */
    private String goesTo(int index, List<BalanceReport.Outcome> list) {
      StringBuilder s = new StringBuilder();
      Integer vhid = vhidAt(index);
      if (vhid != null) {
        s.append("vhid ").append(vhid).append(" -> ");
      }
      s.append(answeredSummary(list));
      return s.toString();
    }

    /** The vhid the reference host reaches with {@code index}, null when the rule has none. */
    private Integer vhidAt(int index) {
      if (reference == null || index < 0) {
        return null;
      }
      switch (rule) {
        case SENDER_IP_RAW_MODULO:
        case SENDER_IP_HOST_ORDER_MODULO:
          return index < reference.holders().size() ? reference.holders().get(index).leader().vhid() : null;
        case SENDER_MAC_CARP_HASH:
          List<CarpIface> ordered = reference.inAddressOrder();
          return index < ordered.size() ? ordered.get(index).leader().vhid() : null;
        case BALANCING_ARP:
          for (CarpIface sc : reference.holders()) {
            if (sc.mode() == BalancingMode.ARP && index < sc.vhosts().size()) {
              return sc.vhosts().get(index).vhid();
            }
          }
          return null;
        default:
          return null;
      }
    }

    private static String answeredSummary(List<BalanceReport.Outcome> list) {
      Map<String, Integer> by = new LinkedHashMap<>();
      for (BalanceReport.Outcome o : list) {
        by.merge(o.answeredBy().isEmpty() ? "nobody" : String.join("+", o.answeredBy()), 1, Integer::sum);
      }
      List<String> parts = new ArrayList<>();
      by.forEach((k, v) -> parts.add(k + " " + v));
      return String.join(", ", parts);
    }

    List<String> lines() {
      List<String> out = new ArrayList<>();
      int n = reference == null ? 0 : reference.holders().size();
      if (reference == null) {
        out.add("No host has a running carp interface holding " + setup.target() + ": nobody answers.");
        return finish(out);
      }
      LinkedHashSet<Integer> counts = new LinkedHashSet<>();
      setup.hosts().stream().filter(h -> !h.holders().isEmpty()).forEach(h -> counts.add(h.holders().size()));
      String nText = counts.size() == 1 ? "n = " + n + " on every host with holders" : "n differs between hosts " + counts;
      switch (rule) {
        case SENDER_IP_RAW_MODULO:
          out.add("Rule: index = raw little-endian s_addr mod n, " + nText + ".");
          if (256 % n == 0) {
            out.add("n = " + n + " divides 2^8, so o2, o3, o4 drop out: index = first octet mod " + n + ".");
          } else {
            residue(out, n);
          }
          firstOctets(out, n);
          break;
        case SENDER_IP_HOST_ORDER_MODULO:
          out.add("Rule: index = ntohl(s_addr) mod n, " + nText + ".");
          if (256 % n == 0) {
            out.add("n = " + n + " divides 2^8, so only the last octet counts: index = last octet mod " + n
                + "; consecutive addresses take the indexes in turn.");
          } else {
            residue(out, n);
          }
          indexLines(out, "senders");
          break;
        case SENDER_MAC_CARP_HASH:
          out.add("Rule: holder i (address-list order) answers iff carp_hash(sender MAC) mod n = i, " + nText + ".");
          if (oneKey()) {
            out.add("Every holder uses the same key, so for each sender exactly one position matches: the split is "
                + "the hash's.");
          } else {
            out.add("The holders use different keys: each position matches on its own with chance 1/n, so a "
                + "sender can match none (no answer) or several (the first in address order answers).");
          }
          indexLines(out, "MACs");
          chance(out, n);
          break;
        case BALANCING_ARP:
          out.add("Rule: vhid index = carp_hash(sender MAC) mod vhids of the carp interface.");
          indexLines(out, "MACs");
          chance(out, reference.holders().stream().filter(sc -> sc.mode() == BalancingMode.ARP)
              .mapToInt(sc -> sc.vhosts().size()).findFirst().orElse(1));
          break;
        case BALANCING_IP:
          boolean flood = reference.holders().stream().anyMatch(sc -> sc.mode() == BalancingMode.IP);
          out.add("balancing ip modes do not balance ARP: the leader vhid's MASTER answers every request"
              + (flood ? " (in ip mode with a multicast-bit MAC, so the switch floods the traffic to every host)." : "."));
          ipShares(out);
          break;
        default:
          if (setup.profile().balancing().arp() != ArpBalance.NONE && setup.profile().balancing().arp()
              != ArpBalance.PER_INTERFACE_MODES) {
            out.add("net.inet.carp.arpbalance is 0 on every host: the profile's rule ("
                + setup.profile().balancing().arp() + ") is off.");
          }
          if (setup.hosts().stream().anyMatch(h -> h.holders().stream().anyMatch(sc -> sc.ucarpVipHeld().isPresent()))) {
            out.add("ucarp: a host answers ARP for the address (with its own MAC) while its up-script's address is "
                + "there, whatever the daemon's state; without --upscript nobody answers.");
            break;
          }
          out.add("Without ARP balancing each host answers every request with its first holder (vhid order) "
              + (setup.profile().balancing().arpReplyRequiresMaster()
                  ? "that is MASTER: every host that masters one of the vhids replies."
                  : "whatever its state (this profile does not require MASTER): every host with a holder replies."));
          break;
      }
      return finish(out);
    }

    /**
     * Where the clients' IP packets to the shared address are kept under carp_lsdrop
     * ({@link Balancing#ipBalanceIndex}): the load the ip modes share instead of ARP.
     */
    private void ipShares(List<String> out) {
      CarpIface sc = reference.holders().stream().filter(x -> x.mode() != BalancingMode.NONE
          && x.mode() != BalancingMode.ARP).findFirst().orElse(null);
      if (sc == null) {
        return;
      }
      int n = sc.vhosts().size();
      int[] perIndex = new int[n];
      int withAddress = 0;
      for (BalanceReport.Outcome o : outcomes) {
        if (o.client().address().isPresent()) {
          perIndex[Balancing.ipBalanceIndex(o.client().address().get().value(), setup.target().value(), n)]++;
          withAddress++;
        }
      }
      if (withAddress == 0) {
        return;
      }
      out.add("IP packets from these clients to " + setup.target() + " (not ARP, and not simulated: the node has no "
          + "data plane): vhid index = ntohl(src ^ dst) mod " + n + ":");
      for (int i = 0; i < n; i++) {
        int vhid = sc.vhosts().get(i).vhid();
        List<String> masters = new ArrayList<>();
        for (HostSide h : setup.hosts()) {
          for (CarpIface x : h.holders()) {
            x.vhosts().stream().filter(v -> v.vhid() == vhid && v.master()).forEach(v -> masters.add(h.host()));
          }
        }
        out.add(String.format(Locale.ROOT, "  index %d: %d clients (%.1f%%) -> vhid %d, kept by %s", i, perIndex[i],
            100.0 * perIndex[i] / withAddress, vhid, masters.isEmpty() ? "nobody (no MASTER)" : String.join(" and ", masters)));
      }
    }

    /** What 2^8 mod n makes of the formula when n does not divide 256. */
    private static void residue(List<String> out, int n) {
      if (256 % n == 1) {
        out.add("2^8 = 1 (mod " + n + "), so every octet weighs the same: index = (o1 + o2 + o3 + o4) mod " + n
            + ", in either byte order.");
      } else {
        out.add("2^8 = " + (256 % n) + " (mod " + n + "): every octet counts, with its own weight.");
      }
    }

    /** The first octets of the senders and where each leads (raw rule). */
    private void firstOctets(List<String> out, int n) {
      Map<Integer, List<BalanceReport.Outcome>> byOctet = new TreeMap<>();
      for (BalanceReport.Outcome o : outcomes) {
        if (o.index() != UNPLACEABLE) {
          byOctet.computeIfAbsent((o.client().address().orElseThrow().value() >>> 24) & 0xff, k -> new ArrayList<>()).add(o);
        }
      }
      if (byOctet.size() == 1 && 256 % n == 0) {
        int octet = byOctet.keySet().iterator().next();
        List<BalanceReport.Outcome> list = byOctet.get(octet);
        Integer vhid = vhidAt(list.get(0).index());
        List<String> who = list.get(0).answeredBy();
        boolean same = list.stream().allMatch(o -> o.answeredBy().equals(who));
        String answer = !same ? answeredSummary(list)
            : who.isEmpty() ? "nobody answers them" : String.join(" and ", who) + " answers all " + list.size();
        out.add(String.format(Locale.ROOT, "All %d senders have first octet %d (%d mod %d = %d) -> index %d%s -> %s.",
            list.size(), octet, octet, n, octet % n, list.get(0).index(), vhid == null ? "" : " -> vhid " + vhid,
            answer));
        out.add("ARP senders share the link, so on one subnet of /8 or longer they share the first octet: with n a "
            + "power of two this rule cannot split them at all. It gives 100/0 here, never a split such as the "
            + "80/20 the 2004 article reports.");
      } else {
        indexLines(out, "senders");
      }
    }

    /** One line per index: how many clients, what they share, where they go. */
    private void indexLines(List<String> out, String what) {
      for (BalanceReport.IndexBucket b : buckets()) {
        out.add(String.format(Locale.ROOT, "index %d: %d %s (%.1f%%), %s -> %s", b.index(), b.count(), what,
            100.0 * b.count() / total, b.detail(), b.goesTo()));
      }
    }

    /** How far the largest index bucket is from an even split, in binomial standard deviations. */
    private void chance(List<String> out, int n) {
      int placed = total - unplaceable;
      if (n < 2 || placed == 0) {
        return;
      }
      double p = 1.0 / n;
      double mean = placed * p;
      double sigma = Math.sqrt(placed * p * (1 - p));
      int worst = buckets().stream().mapToInt(BalanceReport.IndexBucket::count).max().orElse(0);
      out.add(String.format(Locale.ROOT, "An even hash over %d clients gives %.1f ± %.1f per index (binomial σ); "
          + "the largest index has %d, %+.1fσ%s.", placed, mean, sigma, worst, (worst - mean) / sigma,
          Math.abs(worst - mean) <= 2 * sigma ? ": a skew of chance, the hash itself is fair"
              : ": more than chance explains"));
    }

    private boolean oneKey() {
      java.util.Set<String> keys = new java.util.HashSet<>();
      setup.hosts().forEach(h -> h.holders().forEach(sc -> keys.add(java.util.HexFormat.of().formatHex(sc.key().bytes(), 0, 4)
          + java.util.Arrays.toString(sc.hashKey()))));
      return keys.size() <= 1;
    }

    /** The result line and the verdict on the skew. */
    private List<String> finish(List<String> out) {
      List<String> parts = new ArrayList<>();
      for (BalanceReport.HostShare s : shares) {
        parts.add(String.format(Locale.ROOT, "%s %.1f%% (%d)", s.host(), s.percent(), s.count()));
      }
      if (unanswered > 0) {
        parts.add(String.format(Locale.ROOT, "unanswered %.1f%% (%d)", 100.0 * unanswered / total, unanswered));
      }
      out.add("Result: " + String.join(", ", parts) + ".");
      if (several > 0) {
        out.add(several + " clients get a reply from several hosts; each takes the first to arrive.");
      }
      if (unplaceable > 0) {
        out.add(unplaceable + " clients cannot be placed: the rule needs their "
            + (rule.needsAddress() ? "IPv4 address" : "MAC") + ", which was not given.");
      }
      int hosts = shares.size();
      if (hosts >= 2) {
        double max = shares.stream().mapToDouble(BalanceReport.HostShare::percent).max().orElse(0);
        double even = 100.0 / hosts;
        out.add(String.format(Locale.ROOT, "%s: the busiest host answers %.1f%% where an even split over %d hosts "
            + "gives %.1f%%.", max - even > 10 ? "Far from even" : "Close to even", max, hosts, even));
      }
      return out;
    }
  }
}
