package org.carpsim.carp.config;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.Knobs;
import org.carpsim.carp.profile.NearestWord;

/**
 * A ucarp command line, read as getopt_long(3) reads it: {@code --name=value}, {@code --name value},
 * unique prefixes of long names ({@code --mcast} for {@code --mcastip}), {@code -v 1}, {@code -v1}, and
 * bundled flags ({@code -Pn}). Option table of carp-protocol.md §8.4; {@code -m} is missing from
 * ucarp's short-option string and is refused as ucarp refuses it.
 */
final class UcarpParser {

  private static final String P = "ucarp";

  private record Opt(String name, char shortName, boolean hasArg) {}

  private static final List<Opt> OPTIONS = List.of(
      new Opt("interface", 'i', true),
      new Opt("srcip", 's', true),
      new Opt("vhid", 'v', true),
      new Opt("pass", 'p', true),
      new Opt("passfile", 'o', true),
      new Opt("preempt", 'P', false),
      new Opt("neutral", 'n', false),
      new Opt("addr", 'a', true),
      new Opt("help", 'h', false),
      new Opt("advbase", 'b', true),
      new Opt("advskew", 'k', true),
      new Opt("upscript", 'u', true),
      new Opt("downscript", 'd', true),
      new Opt("deadratio", 'r', true),
      new Opt("shutdown", 'z', false),
      new Opt("ignoreifstate", 'S', false),
      new Opt("nomcast", 'M', false),
      new Opt("mcastip", '\0', true),
      new Opt("xparam", 'x', true),
      new Opt("daemonize", 'B', false),
      new Opt("facility", 'f', true),
      new Opt("debug", 'D', false));

  private final ParseContext ctx;

  UcarpParser(ParseContext ctx) {
    this.ctx = ctx;
  }

  /** A value and the token (or token part) it came from, for error columns. */
  private record Value(String text, int start, int end) {
    Token token() {
      return Token.word(text, start, end);
    }
  }

  List<HostCommand> parseCommand(Token tool, List<Token> args) {
    if (ctx.profile.config().interfaces() != org.carpsim.carp.profile.ConfigStyle.InterfaceModel.UCARP_DAEMON) {
      throw new ConfigException(tool.start(), P + ": not available in profile " + ctx.profile.name()
          + " (ucarp is the userland daemon; use profile ucarp for this host)");
    }
    Map<String, Value> values = new HashMap<>();
    Map<String, Integer> flagAt = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      Token t = args.get(i);
      String s = t.text();
      if (s.equals("--")) {
        if (i + 1 < args.size()) {
          throw new ConfigException(args.get(i + 1).start(), P + ": unexpected argument '" + args.get(i + 1).text() + "'");
        }
        break;
      }
      if (s.startsWith("--")) {
        int eq = s.indexOf('=');
        String name = eq < 0 ? s.substring(2) : s.substring(2, eq);
        Opt o = longOption(t, name);
        if (o.hasArg()) {
          if (eq >= 0) {
            values.put(o.name(), new Value(s.substring(eq + 1), t.start() + eq + 1, t.end()));
          } else if (i + 1 < args.size()) {
            Token v = args.get(++i);
            values.put(o.name(), new Value(v.text(), v.start(), v.end()));
          } else {
            throw new ConfigException(t.start(), P + ": option '--" + o.name() + "' requires an argument");
          }
        } else {
          if (eq >= 0) {
            throw new ConfigException(t.start(), P + ": option '--" + o.name() + "' doesn't allow an argument");
          }
          flagAt.put(o.name(), t.start());
        }
      } else if (s.startsWith("-") && s.length() > 1) {
        for (int k = 1; k < s.length(); k++) {
          char c = s.charAt(k);
          Opt o = OPTIONS.stream().filter(x -> x.shortName() == c).findFirst().orElseThrow(
              () -> new ConfigException(t.start(), P + ": invalid option -- '" + c + "'"
                  + (c == 'm' ? " (ucarp's short-option string lacks -m; use --mcast=…)" : "")));
          if (o.hasArg()) {
            if (k + 1 < s.length()) {
              values.put(o.name(), new Value(s.substring(k + 1), t.start() + k + 1, t.end()));
            } else if (i + 1 < args.size()) {
              Token v = args.get(++i);
              values.put(o.name(), new Value(v.text(), v.start(), v.end()));
            } else {
              throw new ConfigException(t.start(), P + ": option requires an argument -- '" + c + "'");
            }
            break;
          }
          flagAt.put(o.name(), t.start());
        }
      } else {
        throw new ConfigException(t.start(), P + ": unexpected argument '" + s + "' (options start with - or --)");
      }
    }
    if (flagAt.containsKey("help")) {
      throw new ConfigException(flagAt.get("help"), P + ": --help prints usage; it configures nothing");
    }
    return List.of(new HostCommand.UcarpStart(build(tool, values, flagAt)));
  }

  private Opt longOption(Token t, String name) {
    for (Opt o : OPTIONS) {
      if (o.name().equals(name)) {
        return o;
      }
    }
    List<Opt> prefixed = OPTIONS.stream().filter(o -> !name.isEmpty() && o.name().startsWith(name)).toList();
    if (prefixed.size() == 1) {
      return prefixed.get(0);
    }
    if (prefixed.size() > 1) {
      StringBuilder sb = new StringBuilder(P + ": option '--" + name + "' is ambiguous; possibilities:");
      prefixed.forEach(o -> sb.append(" '--").append(o.name()).append('\''));
      throw new ConfigException(t.start(), sb.toString());
    }
    Optional<String> near = NearestWord.among(name, OPTIONS.stream().map(Opt::name).toList());
    throw new ConfigException(t.start(), P + ": unrecognized option '--" + name + "'"
        + near.map(n -> " (did you mean --" + n + "?)").orElse(""), near.map(n -> "--" + n));
  }

  private UcarpOptions build(Token tool, Map<String, Value> v, Map<String, Integer> flags) {
    Knobs k = ctx.profile.knobs();
    Value vhidV = require(tool, v, "vhid", "a virtual host id (--vhid=1..255)");
    int vhid = (int) ParseContext.number(vhidV.token(), P, "--vhid", k.vhid());
    Ipv4Address src = ipv4(require(tool, v, "srcip", "the host's own address (--srcip=…)"), "--srcip");
    Ipv4Address vip = ipv4(require(tool, v, "addr", "the virtual address (--addr=…)"), "--addr");
    Optional<Passphrase> pass = Optional.empty();
    Optional<String> passfile = Optional.empty();
    if (v.containsKey("pass") && v.containsKey("passfile")) {
      Value later = v.get("pass").start() > v.get("passfile").start() ? v.get("pass") : v.get("passfile");
      throw new ConfigException(later.start(), P + ": give --pass or --passfile, not both");
    }
    if (v.containsKey("pass")) {
      Value p = v.get("pass");
      ctx.secret(p.start(), p.end(), p.text());
      if (p.text().getBytes(StandardCharsets.UTF_8).length > k.passMaxBytes()) {
        // ucarp's own words (ucarp-lab: a 20-character password is refused, 19 works)
        throw new ConfigException(p.start(), P + ": Password too long (at most " + k.passMaxBytes() + " characters)");
      }
      pass = Optional.of(Passphrase.of(p.text()));
    } else if (v.containsKey("passfile")) {
      passfile = Optional.of(v.get("passfile").text());
    } else {
      throw new ConfigException(tool.start(), P + ": missing --pass (or --passfile)");
    }
    int advbase = v.containsKey("advbase")
        ? (int) ParseContext.number(v.get("advbase").token(), P, "--advbase", k.advbase()) : 1;
    int advskew = v.containsKey("advskew")
        ? (int) ParseContext.number(v.get("advskew").token(), P, "--advskew", k.advskew()) : 0;
    if (k.zeroIntervalRefused() && advbase == 0 && advskew == 0) {
      Value at = v.get("advbase");
      throw new ConfigException(at.start(), P + ": --advbase 0 with --advskew 0: the advertisement interval would be zero");
    }
    int dead = v.containsKey("deadratio")
        ? (int) ParseContext.number(v.get("deadratio").token(), P, "--deadratio", k.deadRatio())
        : ctx.profile.timing().defaultDeadRatio();
    Ipv4Address mcast = v.containsKey("mcastip") ? ipv4(v.get("mcastip"), "--mcastip") : Ipv4Address.CARP_GROUP;
    if (v.containsKey("mcastip") && !mcast.isMulticast()) {
      throw new ConfigException(v.get("mcastip").start(), P + ": --mcastip " + mcast + ": not a multicast address");
    }
    Optional<String> iface = opt(v, "interface");
    if (iface.isPresent() && iface.get().isEmpty()) {
      throw new ConfigException(v.get("interface").start(), P + ": --interface: empty name");
    }
    return new UcarpOptions(iface, src, vhid, pass, passfile, vip, advbase, advskew, dead,
        flags.containsKey("preempt"), flags.containsKey("neutral"), flags.containsKey("shutdown"),
        flags.containsKey("ignoreifstate"), flags.containsKey("nomcast"), mcast, opt(v, "upscript"),
        opt(v, "downscript"), opt(v, "xparam"), flags.containsKey("daemonize"), opt(v, "facility"),
        flags.containsKey("debug"));
  }

  private static Optional<String> opt(Map<String, Value> v, String name) {
    return Optional.ofNullable(v.get(name)).map(Value::text);
  }

  private static Value require(Token tool, Map<String, Value> v, String name, String what) {
    Value x = v.get(name);
    if (x == null) {
      throw new ConfigException(tool.start(), P + ": missing --" + name + " (" + what + ")");
    }
    return x;
  }

  private static Ipv4Address ipv4(Value x, String label) {
    try {
      return Ipv4Address.parse(x.text());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(x.start(), P + ": " + label + " " + x.text() + ": not an IPv4 address");
    }
  }
}
