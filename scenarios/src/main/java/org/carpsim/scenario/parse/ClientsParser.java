package org.carpsim.scenario.parse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.scenario.model.ArpCacheModel;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.model.Ipv4Prefix;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.Segment;

/**
 * Reads {@code clients SEG N from CIDR arp VIP every D [mac FIRST] [start T]} and {@code clients SEG
 * N from CIDR send VIP every D [cache MODEL] [mac FIRST] [start T]} (the keyword options in any
 * order).
 */
final class ClientsParser {

  private static final List<String> OPTIONS = List.of("from", "arp", "send", "every", "cache", "mac", "start");
  private static final String FORM = "clients SEG N from CIDR arp|send VIP every DURATION [cache MODEL] [mac FIRST]"
      + " [start T]";

  private final FileParser f;
  private final Set<Ipv4Address> configured;

  ClientsParser(FileParser f, Set<Ipv4Address> configured) {
    this.f = f;
    this.configured = configured;
  }

  Optional<ClientPopulation> parse(Line l, int ordinal, List<ClientPopulation> earlier) {
    try {
      return Optional.of(parseLine(l, ordinal, earlier));
    } catch (LineError e) {
      f.diag.error(l, e);
      return Optional.empty();
    }
  }

  private ClientPopulation parseLine(Line l, int ordinal, List<ClientPopulation> earlier) {
    Segment seg = f.segment(l.next("a segment"));
    Word countWord = l.next("the number of clients");
    int count = (int) Values.integer(countWord, "number of clients", 1, FileParser.MAX_CLIENTS);
    Map<String, Word> values = new HashMap<>();
    Map<String, Word> keywords = new HashMap<>();
    for (Word w = l.nextOrNull(); w != null; w = l.nextOrNull()) {
      if (w.quoted() || !OPTIONS.contains(w.text())) {
        throw new LineError(w.start(), "unknown clients option '" + w.text() + "' (options: "
            + String.join(", ", OPTIONS) + ")" + Values.didYouMean(w.text(), OPTIONS));
      }
      if (values.containsKey(w.text())) {
        throw new LineError(w.start(), w.text() + " is given twice");
      }
      keywords.put(w.text(), w);
      values.put(w.text(), l.next(switch (w.text()) {
        case "from" -> "a subnet (e.g. 172.16.0.0/24)";
        case "arp" -> "the IPv4 address the clients ARP for";
        case "send" -> "the IPv4 address the clients send to";
        case "cache" -> "an ARP cache model (" + String.join(", ", ArpCacheModel.keywords()) + ")";
        case "mac" -> "the first client's MAC";
        default -> "a duration";
      }));
    }
    if (values.containsKey("arp") && values.containsKey("send")) {
      throw new LineError(keywords.get("send").start(), "give 'arp' or 'send', not both: clients"
          + " either ARP for the address or send traffic to it (" + FORM + ")");
    }
    for (String required : List.of("from", values.containsKey("send") ? "send" : "arp", "every")) {
      if (!values.containsKey(required)) {
        throw new LineError(l.endOffset(), "missing '" + required + "' (" + FORM + ")");
      }
    }
    Optional<ArpCacheModel> cache = Optional.empty();
    if (values.containsKey("cache")) {
      Word c = values.get("cache");
      if (!values.containsKey("send")) {
        throw new LineError(keywords.get("cache").start(), "'cache' goes with 'send': clients that only ARP keep no"
            + " cache (" + FORM + ")");
      }
      ArpCacheModel model = ArpCacheModel.byKeyword(c.text());
      if (model == null) {
        throw new LineError(c.start(), "unknown ARP cache model '" + c.text() + "' (models: "
            + String.join(", ", ArpCacheModel.keywords()) + ")" + Values.didYouMean(c.text(), ArpCacheModel.keywords()));
      }
      cache = Optional.of(model);
    } else if (values.containsKey("send")) {
      cache = Optional.of(ArpCacheModel.LINUX);
    }
    Word fromWord = values.get("from");
    Ipv4Prefix from = Values.ipv4Prefix(fromWord);
    if (seg.ipv4().isPresent()) {
      Ipv4Prefix s = seg.ipv4().get();
      if (from.length() < s.length() || !s.contains(from.network())) {
        throw new LineError(fromWord.start(), from + " is outside the subnet " + s + " of segment " + seg.name());
      }
    }
    Word vipWord = values.containsKey("send") ? values.get("send") : values.get("arp");
    Ipv4Address vip = Values.ipv4(vipWord);
    if (seg.ipv4().isPresent() && !seg.ipv4().get().contains(vip)) {
      f.diag.warn(l, vipWord.start(), vip + " is outside the subnet " + seg.ipv4().get() + " of segment " + seg.name()
          + "; hosts answer ARP only for addresses they have");
    }
    Word everyWord = values.get("every");
    long every = Values.duration(everyWord);
    if (every == 0) {
      throw new LineError(everyWord.start(), "every must be longer than 0s");
    }
    long start = 0;
    if (values.containsKey("start")) {
      start = Values.duration(values.get("start"));
      f.warnAfterRun(l, values.get("start"), start, "start");
    }
    MacAddress first = values.containsKey("mac") ? Values.mac(values.get("mac"))
        : ClientPopulation.defaultFirstMac(ordinal);
    int macAt = values.containsKey("mac") ? values.get("mac").start() : countWord.start();
    checkMacs(seg, first, count, macAt, earlier);
    List<Ipv4Address> reserved = new java.util.ArrayList<>(configured);
    reserved.add(vip);
    try {
      return new ClientPopulation(seg.name(), count, from, vip, every, start, first, cache, reserved, l.origin());
    } catch (IllegalArgumentException e) {
      throw new LineError(fromWord.start(), e.getMessage());
    }
  }

  private void checkMacs(Segment seg, MacAddress first, int count, int at, List<ClientPopulation> earlier) {
    long lo = first.value();
    long hi = lo + count - 1;
    if (hi > 0xffff_ffff_ffffL || (lo >>> 40) != (hi >>> 40)) {
      throw new LineError(at, "the clients' MACs " + first + " … (+" + (count - 1) + ") would change the first byte; "
          + "start lower");
    }
    if ((lo >>> 40 & 1) != 0) {
      throw new LineError(at, "MAC " + first + " is a group (multicast) address; clients need unicast MACs "
          + "(an even first byte)");
    }
    for (ClientPopulation p : earlier) {
      long plo = p.firstMac().value();
      long phi = plo + p.count() - 1;
      if (p.segment().equals(seg.name()) && lo <= phi && plo <= hi) {
        throw new LineError(at, "the clients' MACs overlap those of the clients on line " + p.origin().line()
            + " (give one of them another 'mac')");
      }
    }
    for (HostDraft h : f.hosts.values()) {
      for (Nic n : h.nics) {
        long m = n.mac().value();
        if (n.segment().equals(seg.name()) && lo <= m && m <= hi) {
          throw new LineError(at, "the clients' MACs include " + n.mac() + " of " + n.qualifiedName()
              + " (give the clients another 'mac')");
        }
      }
    }
  }
}
