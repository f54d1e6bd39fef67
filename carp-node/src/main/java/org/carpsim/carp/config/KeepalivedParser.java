package org.carpsim.carp.config;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.profile.ConfigStyle;

/**
 * Starting and stopping keepalived as typed on a Debian host: {@code keepalived [OPTIONS]} (the
 * options of keepalived 2.2 that matter for one VRRP process: {@code -n}, {@code -l}, {@code -D},
 * {@code -G}, {@code -P}, {@code -f PATH}, {@code -p PIDFILE}, {@code -r PIDFILE}, and their long forms)
 * and {@code systemctl start|stop|restart keepalived[.service]} (the unit runs
 * {@code keepalived --dont-fork} with /etc/keepalived/keepalived.conf; stop sends SIGTERM).
 */
final class KeepalivedParser {

  static final String DEFAULT_CONF = "/etc/keepalived/keepalived.conf";

  private final ParseContext ctx;

  KeepalivedParser(ParseContext ctx) {
    this.ctx = ctx;
  }

  List<HostCommand> parseCommand(Token tool, List<Token> args) {
    String name = tool.text().substring(tool.text().lastIndexOf('/') + 1);
    if (ctx.profile.config().interfaces() != ConfigStyle.InterfaceModel.KEEPALIVED_DAEMON) {
      throw new ConfigException(tool.start(), name + ": keepalived runs under profile keepalived (this host's "
          + "profile is " + ctx.profile.name() + ")");
    }
    return name.equals("systemctl") ? systemctl(tool, args) : keepalived(tool, args);
  }

  private List<HostCommand> systemctl(Token tool, List<Token> args) {
    if (args.size() != 2) {
      throw new ConfigException(args.isEmpty() ? tool.start() : args.get(0).start(),
          "systemctl: 'systemctl start|stop|restart keepalived' expected");
    }
    Token unit = args.get(1);
    if (!unit.is("keepalived") && !unit.is("keepalived.service")) {
      throw new ConfigException(unit.start(), "systemctl: unit '" + unit.text() + "' is not modelled (only keepalived)");
    }
    Token verb = args.get(0);
    List<HostCommand> out = new ArrayList<>();
    switch (verb.text()) {
      case "start" -> out.add(new HostCommand.KeepalivedStart(DEFAULT_CONF));
      case "stop" -> out.add(new HostCommand.SignalKeepalived("systemctl", UcarpSignal.TERM));
      case "restart" -> {
        out.add(new HostCommand.SignalKeepalived("systemctl", UcarpSignal.TERM));
        out.add(new HostCommand.KeepalivedStart(DEFAULT_CONF));
      }
      default -> throw new ConfigException(verb.start(), "systemctl: '" + verb.text()
          + "' is not modelled (start, stop, restart)");
    }
    return out;
  }

  private List<HostCommand> keepalived(Token tool, List<Token> args) {
    String conf = DEFAULT_CONF;
    for (int i = 0; i < args.size(); i++) {
      Token t = args.get(i);
      String s = t.text();
      switch (s) {
        case "-n", "--dont-fork", "-l", "--log-console", "-D", "--log-detail", "-G", "--no-syslog", "-P", "--vrrp" -> {
          // how it runs and logs; no effect on what it does
        }
        case "-f", "--use-file", "-p", "--pid", "-r", "--vrrp_pid" -> {
          if (i + 1 == args.size()) {
            throw new ConfigException(t.start(), "keepalived: option " + s + " needs a file name");
          }
          Token v = args.get(++i);
          if (s.equals("-f") || s.equals("--use-file")) {
            conf = v.text();
          }
        }
        default -> {
          if (s.startsWith("--use-file=")) {
            conf = s.substring("--use-file=".length());
          } else if (!s.startsWith("--pid=") && !s.startsWith("--vrrp_pid=")) {
            throw new ConfigException(t.start(), "keepalived: option '" + s + "' is not modelled (modelled: -n -l -D "
                + "-G -P -f FILE -p FILE -r FILE and their long forms)");
          }
        }
      }
    }
    return List.of(new HostCommand.KeepalivedStart(conf));
  }
}
