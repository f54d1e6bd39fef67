package org.carpsim.scenario.parse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carpsim.carp.net.IpAddress;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.ConfigStyle;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.model.Comparison;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.scenario.model.Segment;
import org.carpsim.scenario.model.Target;

/** Reads {@code expect …} lines, checking every host, interface, vhid, counter and state they name. */
final class ExpectationParser {

  private static final List<String> KINDS = List.of("at", "within", "always", "max-masters", "stat", "arp-share",
      "failover", "steady", "outage", "outage-share", "convergence", "mac-moves", "arp-replies", "ping", "advert-source");
  private static final List<String> STATES = Arrays.stream(CarpState.values()).map(Enum::name).toList();
  private static final List<String> COUNTERS = Arrays.stream(CarpStat.values()).map(CarpStat::counterName).toList();
  private static final Pattern COMPARISON = Pattern.compile("(==|!=|<=|>=|=|<|>)([0-9]*)");

  private final FileParser f;
  private final List<ClientPopulation> clients;

  /** Every vhid the hosts configure, sorted; null until the first expectation that names one. */
  private TreeSet<Integer> configuredVhids;
  /** Whether every host's carp interfaces are known, so that a vhid none configures is an error. */
  private boolean vhidsJudged = true;

  ExpectationParser(FileParser f, List<ClientPopulation> clients) {
    this.f = f;
    this.clients = clients;
  }

  Optional<Expectation> parse(Line l) {
    try {
      return Optional.of(parseLine(l));
    } catch (LineError e) {
      f.diag.error(l, e);
      return Optional.empty();
    }
  }

  private Expectation parseLine(Line l) {
    Word k = l.next("what to expect (" + String.join(", ", KINDS) + ")");
    switch (k.quoted() ? "" : k.text()) {
      case "at": {
        Word tw = l.next("a time (e.g. 5s)");
        long at = Values.duration(tw);
        if (l.peek() != null && (l.peek().is("ifconfig") || l.peek().is("netstat"))) {
          return shown(l, tw, at);
        }
        Target target = target(l);
        CarpState state = state(l);
        l.end(null);
        f.warnAfterRun(l, tw, at, "expect at");
        return new Expectation.StateAt(at, target, state, l.origin());
      }
      case "within": {
        Word dw = l.next("a duration (e.g. 3s)");
        long within = Values.duration(dw);
        keyword(l, "after", "expect within D after T TARGET STATE");
        Word tw = l.next("a time");
        long after = Values.duration(tw);
        Target target = target(l);
        CarpState state = state(l);
        l.end(null);
        long deadline = saturatedAdd(after, within);
        f.warnLate(l, tw.start(), deadline, "the deadline " + tw.text() + " + " + dw.text());
        return new Expectation.StateWithin(within, after, target, state, l.origin());
      }
      case "always":
        return oneMaster(l);
      case "max-masters":
        return maxMasters(l);
      case "outage":
        return outage(l, false);
      case "outage-share":
        return outage(l, true);
      case "convergence":
        return convergence(l);
      case "mac-moves": {
        Word segWord = l.peek();
        Segment seg = f.segment(l.next("a switch"));
        if (!seg.isSwitch()) {
          throw new LineError(segWord.start(), "segment " + seg.name() + " is a hub: only a learning switch moves "
              + "MACs (declare it with 'switch')");
        }
        Word op = l.next("'<=' or '>='");
        if (!op.is("<=") && !op.is(">=")) {
          throw new LineError(op.start(), "expected '<=' or '>=' and a number of moves (expect mac-moves SWITCH <=|>= N)");
        }
        long n = Values.integer(l.next("a number of moves"), "MAC moves", 0, Long.MAX_VALUE);
        l.end(null);
        return new Expectation.MacMoveCount(seg.name(), Comparison.ofSymbol(op.text()), n, l.origin());
      }
      case "stat":
        return stat(l);
      case "ping":
        return ping(l);
      case "advert-source": {
        Segment seg = f.segment(l.next("a segment"));
        keyword(l, "vhid", "expect advert-source SEG vhid N MAC");
        int vhid = configuredVhid(l.next("a vhid"));
        Word mw = l.next("the advertisements' source MAC (e.g. 00:00:5e:00:01:01)");
        org.carpsim.carp.net.MacAddress mac;
        try {
          mac = org.carpsim.carp.net.MacAddress.parse(mw.text());
        } catch (IllegalArgumentException e) {
          throw new LineError(mw.start(), "bad MAC '" + mw.text() + "' (six hex bytes like 00:00:5e:00:01:01)");
        }
        l.end(null);
        return new Expectation.AdvertSource(seg.name(), vhid, mac, l.origin());
      }
      case "arp-share":
        return arpShare(l);
      case "arp-replies":
        return arpReplies(l);
      case "failover": {
        Segment seg = f.segment(l.next("a segment"));
        keyword(l, "vhid", "expect failover SEG vhid N <= DURATION [from T] [to T]");
        int vhid = configuredVhid(l.next("a vhid"));
        Word op = l.next("'<='");
        if (!op.is("<=")) {
          throw new LineError(op.start(), "expected '<=' and the longest takeover, e.g. <= 3.2s");
        }
        long max = Values.duration(l.next("a duration"));
        long[] window = window(l);
        return new Expectation.Failover(seg.name(), vhid, max, window[0], window[1], l.origin());
      }
      case "steady": {
        Segment seg = f.segment(l.next("a segment"));
        keyword(l, "vhid", "expect steady SEG vhid N [from T] [to T]");
        int vhid = configuredVhid(l.next("a vhid"));
        long[] window = window(l);
        return new Expectation.Steady(seg.name(), vhid, window[0], window[1], l.origin());
      }
      default:
        throw new LineError(k.start(), "unknown expectation '" + k.text() + "' (expect " + String.join(", ", KINDS) + ")"
            + Values.didYouMean(k.text(), KINDS));
    }
  }

  private Expectation oneMaster(Line l) {
    Word w = l.next("'one-master'");
    if (!w.is("one-master")) {
      throw new LineError(w.start(), "unknown invariant '" + w.text() + "' (expect always one-master SEG vhid N "
          + "[from T] [to T])" + Values.didYouMean(w.text(), List.of("one-master")));
    }
    Segment seg = f.segment(l.next("a segment"));
    keyword(l, "vhid", "expect always one-master SEG vhid N [from T] [to T]");
    int vhid = configuredVhid(l.next("a vhid"));
    long[] window = window(l);
    return new Expectation.OneMaster(seg.name(), vhid, window[0], window[1], l.origin());
  }

  /** {@code expect max-masters SEG vhid N <= K [from T] [to T]}. */
  private Expectation maxMasters(Line l) {
    Segment seg = f.segment(l.next("a segment"));
    keyword(l, "vhid", "expect max-masters SEG vhid N <= K [from T] [to T]");
    int vhid = configuredVhid(l.next("a vhid"));
    Word op = l.next("'<='");
    if (!op.is("<=")) {
      throw new LineError(op.start(), "expected '<=' and the most masters allowed at once, e.g. <= 2");
    }
    int max = (int) Values.integer(l.next("a number of masters"), "masters", 1, 255);
    long[] window = window(l);
    return new Expectation.MaxMasters(seg.name(), vhid, max, window[0], window[1], l.origin());
  }

  /**
   * {@code expect outage SEG VIP <=|>= D} (the longest outage of any client) or {@code expect
   * outage-share SEG VIP <=|>= P%} (the share of clients that saw one); clients on the segment must
   * send to the address.
   */
  private Expectation outage(Line l, boolean share) {
    String form = share ? "expect outage-share SEG VIP <=|>= P%" : "expect outage SEG VIP <=|>= DURATION";
    Segment seg = f.segment(l.next("a segment"));
    Word vipWord = l.next("the virtual address (IPv4 or IPv6)");
    IpAddress vip = Values.ipAddress(vipWord);
    Word op = l.next("'<=' or '>='");
    if (!op.is("<=") && !op.is(">=")) {
      throw new LineError(op.start(), "expected '<=' or '>=' and the bound (" + form + ")");
    }
    Comparison comparison = Comparison.ofSymbol(op.text());
    Word bound = l.next(share ? "a percentage (e.g. 10%)" : "a duration (e.g. 4s)");
    double percent = share ? Values.percent(bound, "outage-share").doubleValue() : 0;
    long longest = share ? 0 : Values.duration(bound);
    l.end(null);
    if (clients.stream().noneMatch(c -> c.segment().equals(seg.name()) && c.target().equals(vip) && c.sendsTraffic())) {
      throw new LineError(vipWord.start(), "no clients on segment " + seg.name() + " send to " + vip + ", so no outage "
          + "can be seen (add: clients " + seg.name() + " N from CIDR send " + vip + " every D)");
    }
    return share ? new Expectation.OutageShare(seg.name(), vip, comparison, percent, l.origin())
        : new Expectation.Outage(seg.name(), vip, comparison, longest, l.origin());
  }

  /**
   * {@code expect convergence SEG VIP <=|>= D}: after each takeover, how long until every client's
   * traffic reaches the new master; clients on the segment must send to the address, and the
   * longest interval among them is the measure's resolution.
   */
  private Expectation convergence(Line l) {
    Segment seg = f.segment(l.next("a segment"));
    Word vipWord = l.next("the virtual address (IPv4 or IPv6)");
    IpAddress vip = Values.ipAddress(vipWord);
    Word op = l.next("'<=' or '>='");
    if (!op.is("<=") && !op.is(">=")) {
      throw new LineError(op.start(), "expected '<=' or '>=' and the bound (expect convergence SEG VIP <=|>= DURATION)");
    }
    Comparison comparison = Comparison.ofSymbol(op.text());
    long bound = Values.duration(l.next("a duration (e.g. 2s)"));
    l.end(null);
    long interval = clients.stream()
        .filter(c -> c.segment().equals(seg.name()) && c.target().equals(vip) && c.sendsTraffic())
        .mapToLong(ClientPopulation::interval).max()
        .orElseThrow(() -> new LineError(vipWord.start(), "no clients on segment " + seg.name() + " send to " + vip
            + ", so no cache can be seen to converge (add: clients " + seg.name() + " N from CIDR send " + vip
            + " every D)"));
    return new Expectation.Convergence(seg.name(), vip, comparison, bound, interval, l.origin());
  }

  /** {@code expect arp-replies SEG VIP <= N}: clients on the segment must ARP for the address. */
  private Expectation arpReplies(Line l) {
    Segment seg = f.segment(l.next("a segment"));
    Word vipWord = l.next("the virtual address (IPv4)");
    Ipv4Address vip = Values.ipv4(vipWord);
    Word op = l.next("'<='");
    if (!op.is("<=")) {
      throw new LineError(op.start(), "expected '<=' and the most replies one request may get "
          + "(expect arp-replies SEG VIP <= N, N in 1..255)");
    }
    int max = (int) Values.integer(l.next("a number of replies (1..255)"), "replies", 1, 255);
    l.end(null);
    if (clients.stream().noneMatch(c -> c.segment().equals(seg.name()) && c.target().equals(vip) && !c.sendsTraffic())) {
      throw new LineError(vipWord.start(), "no clients on segment " + seg.name() + " ARP for " + vip + ", so no reply "
          + "can be counted (add: clients " + seg.name() + " N from CIDR arp " + vip + " every D)");
    }
    return new Expectation.ArpReplies(seg.name(), vip, max, l.origin());
  }

  /** The optional {@code from T} and {@code to T} that end the line: {from, to}, by default the whole run. */
  private long[] window(Line l) {
    long from = 0;
    long to = Math.max(f.run, 0);
    Word fromWord = null;
    Word toWord = null;
    for (Word w2 = l.nextOrNull(); w2 != null; w2 = l.nextOrNull()) {
      if (w2.is("from") && fromWord == null) {
        fromWord = l.next("a time");
        from = Values.duration(fromWord);
      } else if (w2.is("to") && toWord == null) {
        toWord = l.next("a time");
        to = Values.duration(toWord);
        f.warnAfterRun(l, toWord, to, "to");
      } else {
        throw new LineError(w2.start(), "unexpected '" + w2.text() + "' (expected 'from T' or 'to T', once each)");
      }
    }
    if (fromWord != null && from > to) {
      throw new LineError(fromWord.start(), "from " + fromWord.text() + " is after to "
          + (toWord == null ? "the end of the run" : toWord.text()));
    }
    return new long[] {from, to};
  }

  private Expectation stat(Line l) {
    Word t = l.next("host.iface or host");
    String host;
    Optional<String> iface = Optional.empty();
    int dot = t.text().indexOf('.');
    if (dot >= 0) {
      Target.Interface i = iface(t);
      host = i.host();
      iface = Optional.of(i.iface());
    } else {
      host = f.host(t).name;
    }
    Word c = l.next("a carpstats counter (" + String.join(", ", COUNTERS) + ")");
    CarpStat counter = Arrays.stream(CarpStat.values()).filter(s -> s.counterName().equals(c.text())).findFirst()
        .orElseThrow(() -> new LineError(c.start(), "unknown counter '" + c.text() + "' (counters: "
            + String.join(", ", COUNTERS) + ")" + Values.didYouMean(c.text(), COUNTERS)));
    Word op = l.next("a comparison (==, !=, <, <=, >, >=)");
    Matcher m = COMPARISON.matcher(op.text());
    if (op.quoted() || !m.matches()) {
      throw new LineError(op.start(), "expected a comparison (==, !=, <, <=, >, >=), not '" + op.text() + "'");
    }
    Comparison cmp = Comparison.ofSymbol(m.group(1));
    Word n = m.group(2).isEmpty() ? l.next("a number")
        : new Word(m.group(2), op.start() + m.group(1).length(), op.end(), false);
    long value = Values.integer(n, "count", 0, Long.MAX_VALUE);
    l.end(null);
    return new Expectation.Stat(host, iface, counter, cmp, value, l.origin());
  }

  /** {@code expect at T ifconfig HOST.IFACE shows|lacks "REGEX"} or {@code expect at T netstat HOST[.IFACE] COUNTER OP N}. */
  private Expectation shown(Line l, Word tw, long at) {
    Word tool = l.next("ifconfig or netstat");
    f.warnAfterRun(l, tw, at, "expect at");
    if (tool.is("netstat")) {
      Expectation.Stat s = (Expectation.Stat) stat(l);
      return new Expectation.StatAt(at, s, l.origin());
    }
    Word t = l.next("host.iface");
    int dot = t.text().indexOf('.');
    if (dot <= 0) {
      throw new LineError(t.start(), "expected host.iface after ifconfig, not '" + t.text() + "' (expect at T ifconfig "
          + "HOST.IFACE shows \"TEXT\")");
    }
    HostDraft h = f.host(new Word(t.text().substring(0, dot), t.start(), t.start() + dot, false));
    String iface = t.text().substring(dot + 1);
    if (h.interfacesKnown() && !h.hasNicDraft(iface) && !h.carpInterfaces.contains(iface)) {
      List<String> names = h.interfaceNames();
      throw new LineError(t.start() + dot + 1, "unknown interface '" + t.text() + "' (interfaces of " + h.name + ": "
          + Values.list(names) + ")");
    }
    Word verb = l.next("'shows' or 'lacks'");
    if (!verb.is("shows") && !verb.is("lacks")) {
      throw new LineError(verb.start(), "expected 'shows' or 'lacks', not '" + verb.text() + "' (expect at T ifconfig "
          + "HOST.IFACE shows \"TEXT\")" + Values.didYouMean(verb.text(), List.of("shows", "lacks")));
    }
    Word rw = l.next("a quoted regular expression, e.g. \"status: master\"");
    if (!rw.quoted() || rw.text().isEmpty()) {
      throw new LineError(rw.start(), "the text to look for must be a non-empty \"double-quoted\" regular expression");
    }
    java.util.regex.Pattern regex;
    try {
      regex = java.util.regex.Pattern.compile(rw.text());
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new LineError(rw.start(), "bad regular expression \"" + rw.text() + "\": " + e.getDescription());
    }
    l.end(null);
    return new Expectation.IfconfigShows(at, h.name, iface, regex, verb.is("shows"), l.origin());
  }

  /** The longest {@code within} of a ping: an hour of echoes, one a second. */
  private static final long PING_WINDOW_MAX = 3_600_000_000_000L;
  private static final long PING_INTERVAL = 1_000_000_000L;

  /** {@code expect ping HOST ADDRESS answered|unanswered at T | within D after T}. */
  private Expectation ping(Line l) {
    String form = "expect ping HOST ADDRESS [source ADDRESS] answered|unanswered at T (or within D after T)";
    HostDraft h = f.host(l.next("the host that pings"));
    Word aw = l.next("the address pinged (IPv4 or IPv6)");
    String address = inetAddress(aw);
    Word verdict = l.next("'source', 'answered' or 'unanswered'");
    Optional<String> source = Optional.empty();
    if (verdict.is("source")) {
      Word sw = l.next("the source address (ping -S)");
      source = Optional.of(inetAddress(sw));
      if (source.get().contains(":") != address.contains(":")) {
        throw new LineError(sw.start(), "source " + sw.text() + " and " + aw.text() + " are of different families");
      }
      verdict = l.next("'answered' or 'unanswered'");
    }
    if (!verdict.is("answered") && !verdict.is("unanswered")) {
      throw new LineError(verdict.start(), "expected 'answered' or 'unanswered', not '" + verdict.text() + "' (" + form
          + ")" + Values.didYouMean(verdict.text(), List.of("answered", "unanswered")));
    }
    Word when = l.next("'at T' or 'within D after T'");
    List<Long> probes = new ArrayList<>();
    if (when.is("at")) {
      Word tw = l.next("a time (e.g. 5s)");
      long at = Values.duration(tw);
      f.warnAfterRun(l, tw, at, "expect ping");
      probes.add(at);
    } else if (when.is("within")) {
      Word dw = l.next("a duration (e.g. 4s)");
      long within = Values.duration(dw);
      if (within > PING_WINDOW_MAX) {
        throw new LineError(dw.start(), "ping window " + dw.text() + " too long (range 0s..1h: one echo a second)");
      }
      keyword(l, "after", form);
      Word tw = l.next("a time");
      long after = Values.duration(tw);
      f.warnLate(l, tw.start(), saturatedAdd(after, within), "the last ping " + tw.text() + " + " + dw.text());
      for (long t = after; t <= after + within; t += PING_INTERVAL) {
        probes.add(t);
      }
    } else {
      throw new LineError(when.start(), "expected 'at' or 'within', not '" + when.text() + "' (" + form + ")");
    }
    l.end(null);
    if (h.nicDrafts.isEmpty()) {
      throw new LineError(aw.start(), "host " + h.name + " has no NIC to ping from");
    }
    return new Expectation.Ping(h.name, address, source, verdict.is("answered"), probes, l.origin());
  }

  private static String inetAddress(Word w) {
    try {
      return org.carpsim.carp.node.CarpHost.InetAddressText.parse(w.text()).toString();
    } catch (IllegalArgumentException e) {
      throw new LineError(w.start(), "bad address '" + w.text() + "' (an IPv4 address like 192.0.2.1 or an IPv6 "
          + "address like 2001:db8::1)");
    }
  }

  private Expectation arpShare(Line l) {
    Segment seg = f.segment(l.next("a segment"));
    Word vipWord = l.next("the virtual address (IPv4)");
    Ipv4Address vip = Values.ipv4(vipWord);
    Word hw = l.next("a host");
    HostDraft h = f.host(hw);
    if (h.nicDrafts.stream().noneMatch(d -> d.segmentWord().text().equals(seg.name()))) {
      throw new LineError(hw.start(), "host " + h.name + " has no NIC on segment " + seg.name());
    }
    Word r = l.next("a share range (e.g. 40%..60%)");
    int dots = r.text().indexOf("..");
    if (dots < 0) {
      throw new LineError(r.start(), "expected a share range such as 40%..60%, not '" + r.text() + "'");
    }
    Word lo = new Word(r.text().substring(0, dots), r.start(), r.start() + dots, false);
    Word hi = new Word(r.text().substring(dots + 2), r.start() + dots + 2, r.end(), false);
    BigDecimal min = Values.percent(lo, "arp-share");
    BigDecimal max = Values.percent(hi, "arp-share");
    if (min.compareTo(max) > 0) {
      throw new LineError(r.start(), "arp-share range " + r.text() + " is empty (its low end is above its high end)");
    }
    l.end(null);
    if (clients.stream().noneMatch(c -> c.segment().equals(seg.name()) && c.target().equals(vip) && !c.sendsTraffic())) {
      throw new LineError(vipWord.start(), "no clients on segment " + seg.name() + " ARP for " + vip + ", so there is "
          + "no share to measure (add: clients " + seg.name() + " N from CIDR arp " + vip + " every D)");
    }
    return new Expectation.ArpShare(seg.name(), vip, h.name, min.doubleValue(), max.doubleValue(), l.origin());
  }

  private static void keyword(Line l, String keyword, String form) {
    Word w = l.next("'" + keyword + "'");
    if (!w.is(keyword)) {
      throw new LineError(w.start(), "expected '" + keyword + "', not '" + w.text() + "' (" + form + ")");
    }
  }

  /** {@code host.iface} or {@code host vhid N}. */
  private Target target(Line l) {
    Word t = l.next("host.iface or 'host vhid N'");
    if (t.text().indexOf('.') >= 0) {
      return iface(t);
    }
    HostDraft h = f.host(t);
    Word v = l.next("'vhid N' after host " + h.name + " (or name an interface: " + h.name + ".carp0)");
    if (!v.is("vhid")) {
      throw new LineError(v.start(), "expected 'vhid N' after host " + h.name + ", not '" + v.text()
          + "' (or name an interface: " + h.name + ".carp0)");
    }
    Word n = l.next("a vhid");
    int vhid = Values.vhid(n);
    if (h.interfacesKnown() && !h.vhids.contains(vhid)) {
      throw new LineError(n.start(), "host " + h.name + " configures no vhid " + vhid + " (its vhids: "
          + Values.list(h.vhids.stream().map(String::valueOf).toList()) + ")");
    }
    return new Target.VirtualHost(h.name, vhid);
  }

  private Target.Interface iface(Word t) {
    int dot = t.text().indexOf('.');
    HostDraft h = f.host(new Word(t.text().substring(0, dot), t.start(), t.start() + dot, false));
    String iface = t.text().substring(dot + 1);
    if (h.interfacesKnown() && !h.hasNicDraft(iface) && !h.carpInterfaces.contains(iface)) {
      List<String> names = h.interfaceNames();
      throw new LineError(t.start() + dot + 1, "unknown interface '" + t.text() + "' (interfaces of " + h.name + ": "
          + Values.list(names) + ")" + Values.didYouMean(t.text(), names.stream().map(n -> h.name + "." + n).toList()));
    }
    if (h.profile != null && h.hasNicDraft(iface)
        && h.profile.config().interfaces() == ConfigStyle.InterfaceModel.CARP_INTERFACES) {
      throw new LineError(t.start() + dot + 1, t.text() + " is a NIC; under profile " + h.profile.name()
          + " virtual hosts live on carp interfaces (name one, e.g. " + h.name + "."
          + (h.carpInterfaces.isEmpty() ? "carp0" : h.carpInterfaces.first()) + ", or write '" + h.name + " vhid N')");
    }
    return new Target.Interface(h.name, iface);
  }

  private CarpState state(Line l) {
    Word s = l.next("a state (INIT, BACKUP, MASTER)");
    String up = s.text().toUpperCase(Locale.ROOT);
    if (s.quoted() || !STATES.contains(up)) {
      throw new LineError(s.start(), "unknown state '" + s.text() + "' (states: " + String.join(", ", STATES) + ")"
          + Values.didYouMean(s.text(), STATES));
    }
    return CarpState.valueOf(up);
  }

  /** A vhid that some host's configuration sets. */
  private int configuredVhid(Word n) {
    int vhid = Values.vhid(n);
    if (configuredVhids == null) {
      // Once per file: the hosts are complete before the expectations are read.
      configuredVhids = new TreeSet<>();
      for (HostDraft h : f.hosts.values()) {
        configuredVhids.addAll(h.vhids);
        vhidsJudged &= h.interfacesKnown();
      }
    }
    if (vhidsJudged && !configuredVhids.contains(vhid)) {
      throw new LineError(n.start(), "no host configures vhid " + vhid + " (vhids: "
          + Values.list(configuredVhids.stream().map(String::valueOf).toList()) + ")");
    }
    return vhid;
  }

  private static long saturatedAdd(long a, long b) {
    long s = a + b;
    return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
  }
}
