package org.carpsim.carp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.profile.NearestWord;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.SysctlSpec;

/**
 * {@code sysctl [-w] [-n] name[=value] …} and {@code /etc/sysctl.conf} lines. {@code -w} is optional
 * (OpenBSD, NetBSD and FreeBSD accept {@code name=value} without it). Unknown names are refused per
 * profile, with the hint of where they went or the nearest known name.
 */
final class SysctlParser {

  private static final String P = "sysctl";

  private final ParseContext ctx;
  private final Profile profile;

  SysctlParser(ParseContext ctx) {
    this.ctx = ctx;
    this.profile = ctx.profile;
  }

  List<HostCommand> parseCommand(Token tool, List<Token> args) {
    boolean valueOnly = false;
    boolean write = false;
    int i = 0;
    for (; i < args.size() && args.get(i).text().startsWith("-") && args.get(i).text().length() > 1; i++) {
      Token f = args.get(i);
      for (char c : f.text().substring(1).toCharArray()) {
        switch (c) {
          case 'w':
            write = true;
            break;
          case 'n':
            valueOnly = true;
            break;
          case 'a':
          case 'q':
            break;
          default:
            throw new ConfigException(f.start(), P + ": -" + c + ": unsupported flag (accepted: -w, -n, -a, -q)");
        }
      }
    }
    List<HostCommand> out = new ArrayList<>();
    if (i == args.size()) {
      if (write) {
        throw new ConfigException(tool.start(), P + ": -w needs name=value");
      }
      out.add(new HostCommand.SysctlGet("", valueOnly));
      return out;
    }
    for (; i < args.size(); i++) {
      out.add(item(args.get(i), valueOnly));
    }
    return out;
  }

  /** One {@code name=value} of /etc/sysctl.conf (or a shell argument). */
  HostCommand item(Token t, boolean valueOnly) {
    String s = t.text();
    int eq = s.indexOf('=');
    String name = eq < 0 ? s : s.substring(0, eq);
    Optional<SysctlSpec> spec = profile.sysctls().find(name);
    if (eq < 0) {
      if (spec.isEmpty() && !profile.sysctls().isNode(name)) {
        throw unknown(t, name);
      }
      return new HostCommand.SysctlGet(name, valueOnly);
    }
    if (spec.isEmpty()) {
      if (profile.sysctls().isNode(name)) {
        throw new ConfigException(t.start(), P + ": " + name + ": is a node, not a value");
      }
      throw unknown(t, name);
    }
    SysctlSpec sp = spec.get();
    if (sp.access() == SysctlSpec.Access.READ_ONLY) {
      throw new ConfigException(t.start(), P + ": " + name + ": read-only");
    }
    String v = s.substring(eq + 1);
    Token vt = Token.word(v, t.start() + eq + 1, t.end());
    if (v.isEmpty()) {
      throw new ConfigException(vt.start(), P + ": " + name + ": missing value after '='");
    }
    if (!v.matches("[+-]?[0-9]+")) {
      throw new ConfigException(vt.start(), P + ": " + name + ": invalid integer '" + v + "'");
    }
    long value;
    try {
      value = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
    } catch (NumberFormatException e) {
      value = Long.MAX_VALUE;
    }
    if (!sp.range().contains(value)) {
      throw new ConfigException(vt.start(), P + ": " + name + ": " + v + " out of range (" + sp.range() + ")");
    }
    if (sp.write() == SysctlSpec.Write.ADD) {
      ctx.warn(vt.start(), name + "=" + v + " is added to the current value, not assigned (FreeBSD)");
    }
    return new HostCommand.SysctlSet(name, value);
  }

  private ConfigException unknown(Token t, String name) {
    Optional<String> hint = profile.sysctls().absentHint(name);
    Optional<String> near = hint.isPresent() ? Optional.empty()
        : NearestWord.among(name, profile.sysctls().known().keySet());
    String tail = hint.map(h -> " (" + h + ")")
        .orElse(near.map(n -> " (did you mean " + n + "?)")
            .orElse(profile.sysctls().known().isEmpty() ? ""
                : " (known: " + String.join(", ", profile.sysctls().known().keySet()) + ")"));
    return new ConfigException(t.start(), "unknown sysctl " + name + " in profile " + profile.name() + tail, near);
  }
}
