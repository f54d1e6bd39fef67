package org.carpsim.carp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carpsim.carp.profile.NearestWord;
import org.carpsim.carp.profile.Profile;

/**
 * Parses configuration as people type it into {@link HostCommand}s, validated against one profile
 * but not executed. Accepts, on one logical line (continuations already joined, prompt stripped —
 * see {@link LogicalLines} and {@link ShellPrompt}):
 * <ul>
 *   <li>{@code ifconfig …} (OpenBSD, NetBSD, FreeBSD forms, incl. FreeBSD's vhid on the parent and
 *       OpenBSD's {@code ifconfig -g GROUP carpdemote N});
 *   <li>{@code sysctl [-w] name=value}, {@code sysctl name};
 *   <li>{@code ucarp --interface=… --srcip=… …};
 *   <li>{@code pkill [-SIG] ucarp}, {@code killall [-SIG] ucarp}, {@code kill [-SIG] $(pidof ucarp)};
 *   <li>rc.conf assignments {@code NAME="value"};
 *   <li>{@code route [-6] add|delete default|DEST GATEWAY} (BSD route(8));
 *   <li>kernel configuration lines {@code device carp} / {@code pseudo-device carp};
 *   <li>several of these joined by {@code &&} or {@code ;}.
 * </ul>
 * and whole files ({@code /etc/hostname.IF}, {@code /etc/ifconfig.IF}, {@code /etc/rc.conf},
 * {@code /etc/sysctl.conf}) through {@link #parseFile}.
 *
 * <p>A line with an error throws {@link ConfigException} and yields no commands. Thread-safe: the
 * parser holds only the immutable profile.
 */
public final class ConfigParser {

  private static final Pattern HOSTNAME_IF = Pattern.compile("(?:.*/)?hostname\\.([A-Za-z][A-Za-z0-9_.-]*)");
  private static final Pattern NETBSD_IFCONFIG = Pattern.compile("(?:.*/)?ifconfig\\.([A-Za-z][A-Za-z0-9_.-]*)");
  private static final Pattern RC_CONF = Pattern.compile("(?:.*/)?rc\\.conf(?:\\.local)?");
  private static final Pattern SYSCTL_CONF = Pattern.compile("(?:.*/)?sysctl\\.conf");
  private static final Pattern KEEPALIVED_CONF = Pattern.compile("(?:.*/)?keepalived\\.conf");
  private static final List<String> COMMANDS = List.of("ifconfig", "sysctl", "ucarp", "pkill", "killall", "kill",
      "keepalived", "systemctl", "route");
  private static final Pattern SYSCTL_SETTING = Pattern.compile("[a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)+=.*");

  private final Profile profile;

  private ConfigParser(Profile profile) {
    this.profile = profile;
  }

  /** A parser that validates against {@code profile}. */
  public static ConfigParser forProfile(Profile profile) {
    return new ConfigParser(profile);
  }

  /** The profile lines are validated against. */
  public Profile profile() {
    return profile;
  }

  /**
   * One logical shell line: a host command, several joined by {@code &&} / {@code ;}, or an rc.conf
   * assignment. A blank or comment line gives an empty result.
   *
   * @throws ConfigException with the 0-based offset in {@code line}
   */
  public ParsedLine parseCommandLine(String line) {
    ParseContext ctx = new ParseContext(profile);
    try {
      return commandLine(line, ctx);
    } catch (ConfigException e) {
      throw ctx.scrub(e, line);
    }
  }

  private ParsedLine commandLine(String line, ParseContext ctx) {
    if (RcConfParser.ASSIGNMENT.matcher(line).find()) {
      List<ParsedLine.Step> steps = new RcConfParser(ctx).parse(line);
      return result(ctx, line, steps);
    }
    List<Token> tokens = Tokenizer.tokenize(line, ctx);
    List<ParsedLine.Step> steps = new ArrayList<>();
    List<Token> segment = new ArrayList<>();
    ParsedLine.RunCondition next = ParsedLine.RunCondition.ALWAYS;
    Token background = null;
    for (int i = 0; i <= tokens.size(); i++) {
      Token t = i < tokens.size() ? tokens.get(i) : null;
      if (t == null || t.kind() != Token.Kind.WORD) {
        if (t != null && t.kind() == Token.Kind.BACKGROUND) {
          background = t;
          continue;
        }
        if (segment.isEmpty()) {
          if (t != null) {
            throw new ConfigException(t.start(), "a command is missing before '" + t.text() + "'");
          }
          if (!steps.isEmpty() && i > 0 && tokens.get(i - 1).kind() == Token.Kind.AND) {
            throw new ConfigException(tokens.get(i - 1).start(), "a command is missing after '&&'");
          }
          break;
        }
        List<HostCommand> cmds = command(segment, ctx, background);
        for (int k = 0; k < cmds.size(); k++) {
          ParsedLine.RunCondition cond = k == 0 ? next : continuation(cmds.get(k));
          steps.add(new ParsedLine.Step(cmds.get(k), cond));
        }
        segment.clear();
        next = t != null && t.kind() == Token.Kind.AND
            ? ParsedLine.RunCondition.IF_PREVIOUS_SUCCEEDED : ParsedLine.RunCondition.ALWAYS;
      } else {
        if (background != null) {
          throw new ConfigException(background.start(), "'&' (background) is only accepted at the end of a line");
        }
        segment.add(t);
      }
    }
    return result(ctx, line, steps);
  }

  /** One rc.conf line ({@code NAME="value"}, comment or blank). */
  public ParsedLine parseRcConfLine(String line) {
    ParseContext ctx = new ParseContext(profile);
    if (isBlankOrComment(line)) {
      return result(ctx, line, List.of());
    }
    try {
      return result(ctx, line, new RcConfParser(ctx).parse(line));
    } catch (ConfigException e) {
      throw ctx.scrub(e, line);
    }
  }

  /** One {@code /etc/sysctl.conf} line ({@code name=value}, comment or blank). */
  public ParsedLine parseSysctlConfLine(String line) {
    ParseContext ctx = new ParseContext(profile);
    try {
      List<Token> words = Tokenizer.tokenize(line, ctx);
      if (words.isEmpty()) {
        return result(ctx, line, List.of());
      }
      if (words.size() > 1 || words.get(0).kind() != Token.Kind.WORD) {
        throw new ConfigException(words.get(Math.min(1, words.size() - 1)).start(),
            "sysctl.conf: one name=value per line");
      }
      HostCommand c = new SysctlParser(ctx).item(words.get(0), false);
      return result(ctx, line, List.of(always(c)));
    } catch (ConfigException e) {
      throw ctx.scrub(e, line);
    }
  }

  /**
   * One line of OpenBSD's {@code /etc/hostname.IF}; {@code ifname} comes from the file name. Does not
   * create the interface (see {@link #parseFile}, which does as netstart does).
   */
  public ParsedLine parseHostnameIfLine(String ifname, String line) {
    ParseContext ctx = new ParseContext(profile);
    try {
      return result(ctx, line, chain(new HostnameIfParser(ctx).parse(ifname, line)));
    } catch (ConfigException e) {
      throw ctx.scrub(e, line);
    }
  }

  /**
   * A whole configuration file, chosen by its path: {@code /etc/hostname.IF} (OpenBSD),
   * {@code /etc/ifconfig.IF} (NetBSD), {@code /etc/rc.conf[.local]} (FreeBSD), {@code /etc/sysctl.conf}.
   * Continuations are joined; for interface files of carp interfaces a create comes first, as the boot
   * scripts create cloned interfaces that have a file. Errors name {@code path:line:col}.
   *
   * @return the non-empty lines' results, in order
   * @throws ConfigException placed in the file (nothing of the file is accepted)
   */
  public List<ParsedLine> parseFile(String path, String text) {
    if (KEEPALIVED_CONF.matcher(path).matches()) {
      return List.of(keepalivedConf(path, text));
    }
    List<ParsedLine> out = new ArrayList<>();
    Matcher h = HOSTNAME_IF.matcher(path);
    Matcher n = NETBSD_IFCONFIG.matcher(path);
    boolean hostnameIf = h.matches();
    boolean netbsdIf = !hostnameIf && n.matches();
    String ifname = hostnameIf ? h.group(1) : netbsdIf ? n.group(1) : null;
    if (!hostnameIf && !netbsdIf && !RC_CONF.matcher(path).matches() && !SYSCTL_CONF.matcher(path).matches()) {
      throw new ConfigException(0, "file " + path + ": not a configuration file carpsim reads (/etc/hostname.IF, "
          + "/etc/ifconfig.IF, /etc/rc.conf, /etc/rc.conf.local, /etc/sysctl.conf, /etc/keepalived/keepalived.conf)");
    }
    if (ifname != null && IfconfigParser.CARP_IF.matcher(ifname).matches()) {
      ParseContext ctx = new ParseContext(profile);
      List<HostCommand> create = new IfconfigParser(ctx).parseInterface(Token.word(ifname, 0, 0),
          List.of(Token.word("create", 0, 0)), IfconfigParser.Positional.SHELL, Optional.empty(), true);
      out.add(new ParsedLine("(" + path + ") create " + ifname, chain(create), ctx.warnings(ifname)));
    }
    // A passphrase given on one line of the file is masked in what every other line says, too.
    Set<String> fileSecrets = Secrets.find(text);
    for (LogicalLine line : LogicalLines.join(text)) {
      try {
        ParsedLine p;
        if (hostnameIf) {
          p = parseHostnameIfLine(ifname, line.text());
        } else if (netbsdIf) {
          p = parseNetbsdIfconfigLine(ifname, line.text());
        } else if (RC_CONF.matcher(path).matches()) {
          p = parseRcConfLine(line.text());
        } else {
          p = parseSysctlConfLine(line.text());
        }
        if (!p.isEmpty() || !p.warnings().isEmpty()) {
          out.add(fileSecrets.isEmpty() ? p : new ParsedLine(Secrets.mask(p.redactedText(), fileSecrets), p.steps(),
              p.warnings().stream().map(w -> new ConfigWarning(w.offset(), Secrets.mask(w.message(), fileSecrets)))
                  .toList()));
        }
      } catch (ConfigException e) {
        throw e.withDetail(Secrets.mask(e.detail(), fileSecrets)).at(path, line);
      }
    }
    return out;
  }

  /**
   * keepalived.conf under profile keepalived: one result that writes the file to the host (its
   * text names the instances, never a password).
   */
  private ParsedLine keepalivedConf(String path, String text) {
    if (profile.config().interfaces() != org.carpsim.carp.profile.ConfigStyle.InterfaceModel.KEEPALIVED_DAEMON) {
      throw new ConfigException(0, "file " + path + ": keepalived.conf is read by keepalived, which runs under "
          + "profile keepalived (this host's profile is " + profile.name() + ")");
    }
    org.carpsim.carp.vrrp.KeepalivedConfig c;
    try {
      c = org.carpsim.carp.vrrp.KeepalivedConfParser.parse(path, text);
    } catch (ConfigException e) {
      throw e.withDetail(Secrets.mask(e.detail(), Secrets.find(text)));
    }
    StringBuilder sb = new StringBuilder("(" + path + ")");
    for (org.carpsim.carp.vrrp.KeepalivedConfig.Instance in : c.instances()) {
      sb.append(" vrrp_instance ").append(in.name()).append(" vrid ").append(in.vrid()).append(" priority ")
          .append(in.priority());
    }
    return new ParsedLine(sb.toString(), List.of(new ParsedLine.Step(new HostCommand.KeepalivedConfFile(path, c),
        ParsedLine.RunCondition.ALWAYS)), List.of());
  }

  /** A NetBSD {@code /etc/ifconfig.IF} line: {@code ifconfig IF line}, with {@code create} and {@code !cmd}. */
  private ParsedLine parseNetbsdIfconfigLine(String ifname, String line) {
    ParseContext ctx = new ParseContext(profile);
    String trimmed = line.trim();
    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
      return result(ctx, line, List.of());
    }
    if (trimmed.startsWith("!")) {
      ctx.warn(line.indexOf('!'), "shell command lines of ifconfig.if files are not run");
      return result(ctx, line, List.of());
    }
    try {
      List<Token> words = Tokenizer.tokenize(line, ctx);
      List<HostCommand> cmds = new IfconfigParser(ctx).parseInterface(Token.word(ifname, 0, 0), words,
          IfconfigParser.Positional.SHELL, Optional.empty(), true);
      // "create" here repeats the create the boot script did for the file
      cmds = cmds.stream().filter(c -> !(c instanceof HostCommand.IfconfigQuery)).toList();
      return result(ctx, line, chain(cmds));
    } catch (ConfigException e) {
      throw ctx.scrub(e, line);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private List<HostCommand> command(List<Token> words, ParseContext ctx, Token background) {
    int i = 0;
    while (i < words.size() && (words.get(i).is("sudo") || words.get(i).is("doas"))) {
      i++;
    }
    if (i == words.size()) {
      throw new ConfigException(words.get(0).start(), words.get(0).text() + ": a command must follow");
    }
    Token tool = words.get(i);
    List<Token> args = words.subList(i + 1, words.size());
    String name = tool.text().substring(tool.text().lastIndexOf('/') + 1);
    if (background != null && !name.equals("ucarp") && !name.equals("keepalived")) {
      ctx.warn(background.start(), "'&' ignored: " + name + " returns at once anyway");
    }
    switch (name) {
      case "ifconfig":
        return new IfconfigParser(ctx).parseCommand(tool, args);
      case "sysctl":
        return new SysctlParser(ctx).parseCommand(tool, args);
      case "ucarp":
        return new UcarpParser(ctx).parseCommand(tool, args);
      case "keepalived":
      case "systemctl":
        return new KeepalivedParser(ctx).parseCommand(tool, args);
      case "pkill":
      case "killall":
      case "kill":
        return new KillParser(ctx).parseCommand(tool, args);
      case "route":
        return new RouteParser(ctx).parseCommand(tool, args);
      case "device":
      case "pseudo-device":
        if (args.size() != 1 || !args.get(0).is("carp")) {
          throw new ConfigException(tool.start(), "kernel configuration: only '" + name + " carp' is understood");
        }
        ctx.warn(tool.start(), "kernel configuration line: carp is always compiled into a simulated host");
        return List.of(new HostCommand.KernelDevice("carp"));
      default: {
        if (SYSCTL_SETTING.matcher(tool.text()).matches()) {
          throw new ConfigException(tool.start(), "unknown command '" + tool.text() + "': a sysctl setting needs "
              + "'sysctl -w' before it (on the same line, or on the line right above in a scenario)",
              Optional.of("sysctl -w " + tool.text()));
        }
        Optional<String> near = NearestWord.among(name, COMMANDS);
        throw new ConfigException(tool.start(), "unknown command '" + tool.text() + "' (host commands: ifconfig, "
            + "sysctl, ucarp, and rc.conf assignments NAME=\"value\")"
            + near.map(x -> "; did you mean " + x + "?").orElse(""), near);
      }
    }
  }

  /** Within one command: ifconfig stops at the first failure; sysctl goes on with the next name. */
  private static ParsedLine.RunCondition continuation(HostCommand c) {
    return c instanceof HostCommand.SysctlSet || c instanceof HostCommand.SysctlGet
        ? ParsedLine.RunCondition.ALWAYS : ParsedLine.RunCondition.IF_PREVIOUS_SUCCEEDED;
  }

  /** The result of one line: its text and warnings with every passphrase masked. */
  private static ParsedLine result(ParseContext ctx, String line, List<ParsedLine.Step> steps) {
    return new ParsedLine(ctx.redact(line), steps, ctx.warnings(line));
  }

  private static List<ParsedLine.Step> chain(List<HostCommand> cmds) {
    List<ParsedLine.Step> steps = new ArrayList<>();
    for (int i = 0; i < cmds.size(); i++) {
      steps.add(new ParsedLine.Step(cmds.get(i),
          i == 0 ? ParsedLine.RunCondition.ALWAYS : ParsedLine.RunCondition.IF_PREVIOUS_SUCCEEDED));
    }
    return steps;
  }

  private static ParsedLine.Step always(HostCommand c) {
    return new ParsedLine.Step(c, ParsedLine.RunCondition.ALWAYS);
  }

  private static boolean isBlankOrComment(String line) {
    String t = line.trim();
    return t.isEmpty() || t.startsWith("#");
  }
}
