package org.carpsim.carp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carpsim.carp.profile.NearestWord;

/**
 * FreeBSD rc.conf assignments, translated into the commands rc(8) would run:
 * {@code cloned_interfaces="carp0 carp1"} → {@code ifconfig carp0 create}, …;
 * {@code ifconfig_IF="ARGS"} → {@code ifconfig IF ARGS} then {@code ifconfig IF up};
 * {@code ifconfig_IF_aliasN="ARGS"} → {@code ifconfig IF ARGS alias};
 * {@code ifconfig_IF_ipv6="inet6 …"} → {@code ifconfig IF inet6 …}; {@code hostname="…"} is recorded;
 * rc.d/pfsync's variables each give their part of its one {@code ifconfig pfsync0 [syncpeer A] syncdev IF
 * ARGS up}: {@code pfsync_syncdev="em1"} → {@code ifconfig pfsync0 syncdev em1}, {@code pfsync_syncpeer},
 * {@code pfsync_ifconfig}, and {@code pfsync_enable="YES"} → {@code ifconfig pfsync0 up} (in file order).
 *
 * <p>Decision: rc.conf is a shell file of many unrelated variables and people paste whole files, so
 * any other variable ({@code defaultrouter}, {@code sshd_enable}, …) is accepted with a warning that
 * it is not modelled — unless it looks like a misspelling of one that is ({@code clone_interfaces},
 * {@code ifconfg_carp0}), which is refused with the nearest name, since silently ignoring it would
 * leave a CARP setting out.
 */
final class RcConfParser {

  static final Pattern ASSIGNMENT = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)=");
  private static final Pattern IFCONFIG_VAR =
      Pattern.compile("ifconfig_([A-Za-z][A-Za-z0-9.]*?)(?:_(alias[0-9]+|ipv6|name|descr))?");
  private static final Set<String> MODELLED = Set.of("hostname", "cloned_interfaces", "ifconfig_", "pfsync_enable",
      "pfsync_syncdev", "pfsync_syncpeer", "pfsync_ifconfig");
  private static final Set<String> DHCP_WORDS = Set.of("DHCP", "SYNCDHCP", "NOSYNCDHCP", "WPA", "NOAUTO");

  private final ParseContext ctx;
  private final IfconfigParser ifconfig;

  RcConfParser(ParseContext ctx) {
    this.ctx = ctx;
    this.ifconfig = new IfconfigParser(ctx);
  }

  /** Parses one assignment line; the caller has checked it starts with {@code NAME=}. */
  List<ParsedLine.Step> parse(String line) {
    Matcher m = ASSIGNMENT.matcher(line);
    if (!m.find()) {
      throw new ConfigException(0, "rc.conf: expected NAME=\"value\"");
    }
    String name = m.group(1);
    int nameAt = m.start(1);
    int i = m.end();
    int valueStart;
    int valueEnd;
    int after;
    if (i < line.length() && (line.charAt(i) == '"' || line.charAt(i) == '\'')) {
      char q = line.charAt(i);
      int j = i + 1;
      while (j < line.length() && line.charAt(j) != q) {
        j += (q == '"' && line.charAt(j) == '\\') ? 2 : 1;
      }
      if (j >= line.length()) {
        throw new ConfigException(i, "rc.conf: " + name + ": unterminated " + (q == '"' ? "double" : "single") + " quote");
      }
      valueStart = i + 1;
      valueEnd = j;
      after = j + 1;
    } else {
      int j = i;
      while (j < line.length() && !Character.isWhitespace(line.charAt(j))) {
        j++;
      }
      valueStart = i;
      valueEnd = j;
      after = j;
    }
    String tail = line.substring(after).trim();
    if (!tail.isEmpty() && !tail.startsWith("#")) {
      throw new ConfigException(line.indexOf(tail, after), "rc.conf: " + name + ": unexpected text after the value "
          + "(quote values that contain blanks)");
    }
    String value = line.substring(valueStart, valueEnd);
    List<ParsedLine.Step> steps = new ArrayList<>();

    if (name.equals("hostname")) {
      if (value.isBlank()) {
        throw new ConfigException(valueStart, "rc.conf: hostname: empty");
      }
      steps.add(always(new HostCommand.SetHostname(value.trim())));
      return steps;
    }
    if (name.equals("cloned_interfaces")) {
      for (Token t : Tokenizer.splitBlanks(line, valueStart, valueEnd)) {
        List<HostCommand> cmds = ifconfig.parseInterface(t, List.of(Token.word("create", t.start(), t.end())),
            IfconfigParser.Positional.SHELL, Optional.empty(), false);
        cmds.forEach(c -> steps.add(always(c)));
      }
      return steps;
    }
    if (name.startsWith("pfsync_") && MODELLED.contains(name)) {
      return pfsync(line, name, nameAt, value, valueStart, valueEnd);
    }
    Matcher v = IFCONFIG_VAR.matcher(name);
    if (v.matches()) {
      String ifname = v.group(1);
      String kind = v.group(2);
      Token ifTok = Token.word(ifname, nameAt + "ifconfig_".length(), nameAt + "ifconfig_".length() + ifname.length());
      if (ifname.equals("DEFAULT") || kind != null && (kind.equals("name") || kind.equals("descr"))) {
        ctx.warn(nameAt, "rc.conf: " + name + " is not modelled; ignored");
        return steps;
      }
      List<Token> args = Tokenizer.splitBlanks(line, valueStart, valueEnd);
      for (Token a : args) {
        if (DHCP_WORDS.contains(a.text())) {
          throw new ConfigException(a.start(), "rc.conf: " + name + ": " + a.text() + " is not simulated; give a static "
              + "address (inet A.B.C.D/len)");
        }
      }
      boolean alias = kind != null && kind.startsWith("alias");
      if (!args.isEmpty()) {
        List<HostCommand> cmds = ifconfig.parseInterface(ifTok, args, IfconfigParser.Positional.SHELL,
            alias ? Optional.of(AddressChange.Op.ADD_ALIAS) : Optional.empty(), true);
        for (HostCommand c : cmds) {
          steps.add(always(c));
        }
      }
      if (kind == null) {
        // rc.d/netif brings every configured interface up after applying ifconfig_IF
        steps.add(always(new HostCommand.IfconfigSet(ifname, List.of(new IfSetting.Up()), Optional.empty())));
      }
      return steps;
    }
    Optional<String> near = NearestWord.among(name.startsWith("ifcon") || name.startsWith("ifcfg")
        ? name.substring(0, Math.min(9, name.length())) : name, MODELLED);
    if (near.isPresent()) {
      String suggestion = near.get().equals("ifconfig_") ? "ifconfig_" + name.replaceFirst("^[^_]*_?", "") : near.get();
      throw new ConfigException(nameAt, "rc.conf: unknown variable " + name + " (did you mean " + suggestion + "?)",
          Optional.of(suggestion));
    }
    ctx.warn(nameAt, "rc.conf: " + name + " is not modelled; ignored");
    return steps;
  }

  /** One of rc.d/pfsync's variables, as its part of the ifconfig line rc.d/pfsync runs. */
  private List<ParsedLine.Step> pfsync(String line, String name, int nameAt, String value, int valueStart,
      int valueEnd) {
    List<ParsedLine.Step> steps = new ArrayList<>();
    Token pfsync0 = Token.word("pfsync0", nameAt, nameAt + name.length());
    List<Token> args = new ArrayList<>();
    switch (name) {
      case "pfsync_enable":
        if (value.equalsIgnoreCase("YES")) {
          args.add(Token.word("up", valueStart, valueEnd));
        } else if (!value.equalsIgnoreCase("NO")) {
          throw new ConfigException(valueStart, "rc.conf: pfsync_enable: YES or NO, not '" + value + "'");
        }
        break;
      case "pfsync_syncdev":
      case "pfsync_syncpeer":
        if (value.isBlank()) {
          ctx.warn(nameAt, "rc.conf: " + name + " is empty; ignored");
          return steps;
        }
        args.add(Token.word(name.substring("pfsync_".length()), nameAt, nameAt + name.length()));
        args.addAll(Tokenizer.splitBlanks(line, valueStart, valueEnd));
        break;
      default: // pfsync_ifconfig
        args.addAll(Tokenizer.splitBlanks(line, valueStart, valueEnd));
        break;
    }
    if (!args.isEmpty()) {
      for (HostCommand c : ifconfig.parseInterface(pfsync0, args, IfconfigParser.Positional.SHELL, Optional.empty(),
          true)) {
        steps.add(always(c));
      }
    }
    return steps;
  }

  private static ParsedLine.Step always(HostCommand c) {
    return new ParsedLine.Step(c, ParsedLine.RunCondition.ALWAYS);
  }
}
