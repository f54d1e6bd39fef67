package org.carpsim.carp.config;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.profile.NearestWord;

/**
 * BSD {@code route [-n] [-q] [-4|-6|-inet|-inet6] add|delete default|[-net|-host] DEST[/len] GATEWAY}:
 * the static routes of the suites' unicast cases (FreeBSD tests/sys/netinet/carp.sh unicast_v4,
 * unicast_v6: {@code route add default 198.51.100.1}, {@code route -6 add default 2001:db8:1::1}).
 * The host records the route; frames to a unicast CARP peer are still delivered on the shared segment,
 * as no router forwards in the simulation.
 */
final class RouteParser {

  private static final String P = "route";
  private static final List<String> VERBS = List.of("add", "delete", "del");

  private final ParseContext ctx;

  RouteParser(ParseContext ctx) {
    this.ctx = ctx;
  }

  List<HostCommand> parseCommand(Token tool, List<Token> args) {
    if (!ctx.profile.name().matches("(openbsd|netbsd|freebsd).*")) {
      throw new ConfigException(tool.start(), P + ": BSD route(8) is modelled under the BSD profiles, not under "
          + ctx.profile.name());
    }
    boolean inet6 = false;
    int i = 0;
    for (; i < args.size() && args.get(i).text().startsWith("-"); i++) {
      Token t = args.get(i);
      switch (t.text()) {
        case "-n", "-q", "-4", "-inet" -> { }
        case "-6", "-inet6" -> inet6 = true;
        default -> throw new ConfigException(t.start(), P + ": " + t.text() + ": unsupported flag (accepted: -n, -q, "
            + "-4, -6, -inet, -inet6)");
      }
    }
    if (i == args.size()) {
      throw new ConfigException(tool.start(), P + ": a command is required (add or delete)");
    }
    Token verb = args.get(i++);
    if (!VERBS.contains(verb.text())) {
      Optional<String> near = NearestWord.among(verb.text(), VERBS);
      throw new ConfigException(verb.start(), P + ": " + verb.text() + ": bad command (add or delete)"
          + near.map(n -> "; did you mean " + n + "?").orElse(""), near);
    }
    for (; i < args.size() && args.get(i).text().startsWith("-"); i++) {
      Token t = args.get(i);
      switch (t.text()) {
        case "-net", "-host" -> { }
        case "-6", "-inet6" -> inet6 = true;
        case "-4", "-inet" -> { }
        default -> throw new ConfigException(t.start(), P + ": " + t.text() + ": unsupported modifier (accepted: -net, "
            + "-host, -inet, -inet6)");
      }
    }
    if (i == args.size()) {
      throw new ConfigException(verb.start(), P + ": " + verb.text() + ": a destination is required (default or "
          + "ADDRESS[/len])");
    }
    Token dest = args.get(i++);
    String destination = dest.is("default") ? "default" : address(dest, inet6, true);
    boolean add = verb.is("add");
    if (i == args.size()) {
      if (add) {
        throw new ConfigException(dest.start(), P + ": add " + dest.text() + ": a gateway is required");
      }
      return List.of(new HostCommand.Route(add, inet6, destination, Optional.empty()));
    }
    Token gw = args.get(i++);
    String gateway = address(gw, inet6, false);
    if (i < args.size()) {
      throw new ConfigException(args.get(i).start(), P + ": " + args.get(i).text() + ": unexpected after the gateway");
    }
    return List.of(new HostCommand.Route(add, inet6, destination, Optional.of(gateway)));
  }

  /** An address of the route's family; with {@code prefix}, an optional {@code /len}. */
  private static String address(Token t, boolean inet6, boolean prefix) {
    String text = t.text();
    int slash = text.indexOf('/');
    if (slash >= 0 && !prefix) {
      throw new ConfigException(t.start(), P + ": " + text + ": bad gateway (an address, no /len)");
    }
    String a = slash < 0 ? text : text.substring(0, slash);
    int max = inet6 ? 128 : 32;
    if (slash >= 0) {
      String len = text.substring(slash + 1);
      if (!len.matches("[0-9]{1,3}") || Integer.parseInt(len) > max) {
        throw new ConfigException(t.start() + slash + 1, P + ": " + text + ": bad prefix length (0.." + max + ")");
      }
    }
    try {
      if (inet6) {
        Ipv6Address.parse(a);
      } else {
        Ipv4Address.parse(a);
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(t.start(), P + ": " + text + ": bad address (an " + (inet6 ? "IPv6" : "IPv4")
          + " address" + (inet6 ? "" : "; route -6 for IPv6") + ")");
    }
    return text;
  }
}
