package org.carpsim.carp.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.carpsim.carp.profile.ConfigStyle;

/**
 * Sending a ucarp daemon a signal, typed as on a Linux host: {@code pkill [-SIG|--signal SIG] [-x]
 * PATTERN} (procps: PATTERN is an extended regex over the process name), {@code killall [-SIG|-s SIG]
 * NAME} (psmisc: the exact name) and {@code kill [-SIG|-s SIG] $(pidof ucarp)}. The default signal is
 * SIGTERM. Only ucarp hosts run such a process; other profiles refuse the line.
 */
final class KillParser {

  private final ParseContext ctx;
  /** The one daemon a host of the profile runs: ucarp or keepalived. */
  private final String process;

  KillParser(ParseContext ctx) {
    this.ctx = ctx;
    this.process = ctx.profile.config().interfaces() == ConfigStyle.InterfaceModel.KEEPALIVED_DAEMON
        ? "keepalived" : "ucarp";
  }

  List<HostCommand> parseCommand(Token tool, List<Token> args) {
    String name = tool.text().substring(tool.text().lastIndexOf('/') + 1);
    if (ctx.profile.config().interfaces() != ConfigStyle.InterfaceModel.UCARP_DAEMON
        && ctx.profile.config().interfaces() != ConfigStyle.InterfaceModel.KEEPALIVED_DAEMON) {
      throw new ConfigException(tool.start(), name + ": profile " + ctx.profile.name()
          + " runs no ucarp process to signal (the kernel's CARP cannot be killed; use 'crash HOST' or "
          + "'ifconfig carpN down'); ucarp runs under profile ucarp");
    }
    UcarpSignal signal = UcarpSignal.TERM;
    boolean exact = name.equals("killall");
    int i = 0;
    for (; i < args.size() && args.get(i).text().startsWith("-") && !args.get(i).text().equals("-"); i++) {
      Token t = args.get(i);
      String s = t.text();
      if (s.equals("-s") || s.equals("--signal")) {
        if (i + 1 == args.size()) {
          throw new ConfigException(t.start(), name + ": option " + s + " needs a signal (" + UcarpSignal.allowed() + ")");
        }
        signal = signal(name, args.get(++i), args.get(i).text());
      } else if (s.startsWith("--signal=")) {
        signal = signal(name, t, s.substring("--signal=".length()));
      } else if (s.equals("-x") && name.equals("pkill")) {
        exact = true;
      } else {
        signal = signal(name, t, s.substring(1));
      }
    }
    List<Token> targets = args.subList(i, args.size());
    if (name.equals("kill")) {
      pidof(tool, targets);
      return List.of(command(name, signal, tool));
    }
    if (targets.size() != 1) {
      throw new ConfigException(targets.isEmpty() ? tool.start() : targets.get(1).start(),
          name + ": one process name expected (" + name + " [-SIGNAL] " + process + ")");
    }
    Token target = targets.get(0);
    boolean matches;
    if (name.equals("killall")) {
      matches = target.text().equals(process);
    } else {
      try {
        Pattern p = Pattern.compile(target.text());
        matches = exact ? p.matcher(process).matches() : p.matcher(process).find();
      } catch (PatternSyntaxException e) {
        throw new ConfigException(target.start(), name + ": bad pattern '" + target.text() + "'");
      }
    }
    if (!matches) {
      throw new ConfigException(target.start(), name + ": '" + target.text() + "' matches no process a simulated "
          + "host runs (its one process is " + process + ")", Optional.of(process));
    }
    return List.of(command(name, signal, tool));
  }

  private HostCommand command(String name, UcarpSignal signal, Token tool) {
    if (process.equals("ucarp")) {
      return new HostCommand.SignalUcarp(name, signal);
    }
    if (signal == UcarpSignal.QUIT) {
      throw new ConfigException(tool.start(), name + ": SIGQUIT to keepalived is not modelled (signals: KILL (9), "
          + "TERM (15), INT (2))");
    }
    return new HostCommand.SignalKeepalived(name, signal);
  }

  private static UcarpSignal signal(String tool, Token at, String spec) {
    return UcarpSignal.parse(spec).orElseThrow(() -> new ConfigException(at.start(),
        tool + ": signal '" + spec + "' is not modelled (signals: " + UcarpSignal.allowed() + ")"));
  }

  /** {@code kill … $(pidof ucarp)} or {@code `pidof ucarp`}: the only pid source a scenario can name. */
  private void pidof(Token tool, List<Token> targets) {
    String joined = String.join(" ", targets.stream().map(Token::text).toList());
    if (joined.equals("$(pidof " + process + ")") || joined.equals("`pidof " + process + "`")) {
      return;
    }
    throw new ConfigException(targets.isEmpty() ? tool.start() : targets.get(0).start(),
        "kill: give the daemon as $(pidof " + process + ") (process ids are not modelled); or use pkill " + process);
  }
}
