package org.carpsim.carp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lines of OpenBSD's {@code /etc/hostname.IF} (and NetBSD's {@code /etc/ifconfig.IF}), the interface
 * name coming from the file name, translated as netstart translates them:
 * <ul>
 *   <li>{@code inet [alias] ADDR [MASK|NONE] [BROADCAST|NONE] [options…]} → {@code ifconfig IF inet ADDR
 *       netmask MASK broadcast BROADCAST options…};
 *   <li>{@code inet6 [alias] ADDR [PREFIXLEN] [options…]} → {@code ifconfig IF inet6 ADDR prefixlen …};
 *   <li>{@code up [options…]} → {@code ifconfig IF options… up} (OpenBSD 3.5's netstart puts {@code up}
 *       last; the 2004 article's {@code up vhid 1 pass tyrell});
 *   <li>any other line → {@code ifconfig IF line};
 *   <li>{@code # comments} and blank lines → nothing; {@code !command} → nothing, with a warning.
 * </ul>
 */
final class HostnameIfParser {

  private final ParseContext ctx;
  private final IfconfigParser ifconfig;

  HostnameIfParser(ParseContext ctx) {
    this.ctx = ctx;
    this.ifconfig = new IfconfigParser(ctx);
  }

  List<HostCommand> parse(String ifname, String line) {
    String trimmed = line.trim();
    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
      return List.of();
    }
    Token ifTok = Token.word(ifname, 0, 0);
    if (trimmed.startsWith("!")) {
      ctx.warn(line.indexOf('!'), "shell command lines of hostname.if files are not run");
      return List.of();
    }
    List<Token> words = Tokenizer.tokenize(line, ctx);
    for (Token t : words) {
      if (t.kind() != Token.Kind.WORD) {
        throw new ConfigException(t.start(), "hostname.if: '" + t.text() + "' is not allowed in an interface file");
      }
    }
    if (words.isEmpty()) {
      return List.of();
    }
    Token first = words.get(0);
    switch (first.text()) {
      case "dhcp":
      case "autoconf":
      case "rtsol":
        throw new ConfigException(first.start(), "hostname.if: " + first.text() + " is not simulated; give a static address");
      case "dest":
        throw new ConfigException(first.start(), "hostname.if: dest lines are not modelled");
      case "up": {
        List<Token> rest = new ArrayList<>(words.subList(1, words.size()));
        List<HostCommand> cmds = rest.isEmpty() ? List.of()
            : ifconfig.parseInterface(ifTok, rest, IfconfigParser.Positional.SHELL, Optional.empty(), true);
        List<HostCommand> out = new ArrayList<>();
        boolean merged = false;
        for (HostCommand c : cmds) {
          if (c instanceof HostCommand.IfconfigSet s && !merged) {
            List<IfSetting> settings = new ArrayList<>(s.settings());
            settings.add(new IfSetting.Up());
            out.add(new HostCommand.IfconfigSet(s.ifname(), settings, s.address()));
            merged = true;
          } else if (!(c instanceof HostCommand.IfconfigQuery)) {
            out.add(c);
          }
        }
        if (!merged) {
          out.add(new HostCommand.IfconfigSet(ifname, List.of(new IfSetting.Up()), Optional.empty()));
        }
        return out;
      }
      default:
        for (Token t : words) {
          if (t.is("autoconf")) {
            throw new ConfigException(t.start(), "hostname.if: autoconf is not simulated; give a static address");
          }
        }
        IfconfigParser.Positional mode = first.is("inet") || first.is("inet6")
            ? IfconfigParser.Positional.HOSTNAME_IF : IfconfigParser.Positional.SHELL;
        List<HostCommand> cmds = ifconfig.parseInterface(ifTok, words, mode, Optional.empty(), true);
        return cmds.stream().filter(c -> !(c instanceof HostCommand.IfconfigQuery)).toList();
    }
  }
}
