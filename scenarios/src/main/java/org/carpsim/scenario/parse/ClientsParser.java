package org.carpsim.scenario.parse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.carpsim.carp.net.IpAddress;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.wire.IpFamily;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.scenario.model.NeighbourCacheModel;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.model.IpPrefix;
import org.carpsim.scenario.model.Ipv4Prefix;
import org.carpsim.scenario.model.Ipv6Prefix;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.Segment;

/**
 * Reads {@code clients SEG N from CIDR arp VIP every D [mac FIRST] [start T]} (IPv4) and {@code
 * clients SEG N from CIDR send VIP every D [cache MODEL] [mac FIRST] [start T]} (IPv4 or IPv6, the
 * family of CIDR; VIP and MODEL of the same family) (the keyword options in any order).
 */
final class ClientsParser {

  private static final List<String> OPTIONS = List.of("from", "arp", "send", "every", "cache", "mac", "start");
  private static final String FORM = "clients SEG N from CIDR arp|send VIP every DURATION [cache MODEL] [mac FIRST]"
      + " [start T]";

  private final FileParser f;
  private final Set<? extends IpAddress> configured;

  ClientsParser(FileParser f, Set<? extends IpAddress> configured) {
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
        case "send" -> "the address the clients send to (IPv4 or IPv6, as their subnet)";
        case "cache" -> "a neighbour cache model (IPv4: " + String.join(", ", NeighbourCacheModel.keywords(IpFamily.IPV4))
            + "; IPv6: " + String.join(", ", NeighbourCacheModel.keywords(IpFamily.IPV6)) + ")";
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
    Word fromWord = values.get("from");
    IpPrefix from = Values.prefix(fromWord);
    IpFamily family = ClientPopulation.family(from);
    if (family == IpFamily.IPV6 && values.containsKey("arp")) {
      throw new LineError(keywords.get("arp").start(), "clients that ARP need an IPv4 subnet, and " + from + " is IPv6"
          + " (IPv6 clients 'send' to the address through neighbour discovery: " + FORM + ")");
    }
    Optional<NeighbourCacheModel> cache = Optional.empty();
    if (values.containsKey("cache")) {
      Word c = values.get("cache");
      if (!values.containsKey("send")) {
        throw new LineError(keywords.get("cache").start(), "'cache' goes with 'send': clients that only ARP keep no"
            + " cache (" + FORM + ")");
      }
      NeighbourCacheModel model = NeighbourCacheModel.byKeyword(c.text(), family);
      if (model == null) {
        List<String> models = NeighbourCacheModel.keywords(family);
        IpFamily other = family == IpFamily.IPV4 ? IpFamily.IPV6 : IpFamily.IPV4;
        if (NeighbourCacheModel.byKeyword(c.text(), other) != null) {
          throw new LineError(c.start(), "cache model '" + c.text() + "' is for " + name(other) + "; these clients of "
              + from + " are " + name(family) + ": their models are " + String.join(", ", models));
        }
        throw new LineError(c.start(), "unknown " + (family == IpFamily.IPV4 ? "ARP" : "neighbour discovery")
            + " cache model '" + c.text() + "' (models: " + String.join(", ", models) + ")"
            + Values.didYouMean(c.text(), models));
      }
      cache = Optional.of(model);
    } else if (values.containsKey("send")) {
      cache = Optional.of(NeighbourCacheModel.linux(family));
    }
    if (from instanceof Ipv4Prefix from4 && seg.ipv4().isPresent()) {
      Ipv4Prefix s = seg.ipv4().get();
      if (from4.length() < s.length() || !s.contains(from4.network())) {
        throw new LineError(fromWord.start(), from + " is outside the subnet " + s + " of segment " + seg.name());
      }
    }
    if (from instanceof Ipv6Prefix from6 && seg.ipv6().isPresent()) {
      Ipv6Prefix s = seg.ipv6().get();
      if (from6.length() < s.length() || !s.contains(from6.network())) {
        throw new LineError(fromWord.start(), from + " is outside the prefix " + s + " of segment " + seg.name());
      }
    }
    Word vipWord = values.containsKey("send") ? values.get("send") : values.get("arp");
    IpAddress vip = Values.ipAddress(vipWord);
    if (ClientPopulation.family(vip) != family) {
      throw new LineError(vipWord.start(), vip + " is an " + (family == IpFamily.IPV4 ? "IPv6" : "IPv4")
          + " address and the clients' subnet " + from + " is " + from.familyName() + ": clients send to an address"
          + " of their own family");
    }
    if (vip instanceof Ipv4Address vip4 && seg.ipv4().isPresent() && !seg.ipv4().get().contains(vip4)) {
      f.diag.warn(l, vipWord.start(), vip + " is outside the subnet " + seg.ipv4().get() + " of segment " + seg.name()
          + "; hosts answer ARP only for addresses they have");
    }
    if (vip instanceof Ipv6Address vip6 && seg.ipv6().isPresent() && !seg.ipv6().get().contains(vip6)) {
      f.diag.warn(l, vipWord.start(), vip + " is outside the prefix " + seg.ipv6().get() + " of segment " + seg.name()
          + "; hosts answer neighbour solicitations only for addresses they have");
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
    List<IpAddress> reserved = new java.util.ArrayList<>(configured);
    reserved.add(vip);
    try {
      return new ClientPopulation(seg.name(), count, from, vip, every, start, first, cache, reserved, l.origin());
    } catch (IllegalArgumentException e) {
      throw new LineError(fromWord.start(), e.getMessage());
    }
  }

  private static String name(IpFamily family) {
    return family == IpFamily.IPV4 ? "IPv4 clients (ARP)" : "IPv6 clients (neighbour discovery)";
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
