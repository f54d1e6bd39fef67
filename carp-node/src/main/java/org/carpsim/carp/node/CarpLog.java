package org.carpsim.carp.node;

import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Wording;
import org.carpsim.carp.profile.Wording.Line;
import org.carpsim.carp.profile.Wording.LogEvent;

/**
 * The log lines of §9.2 in each system's words, at its syslog levels, filtered by
 * {@code net.inet.carp.log} as that system filters them: the profile's {@link Wording} (the systems'
 * texts are in {@link org.carpsim.carp.profile.Wordings}). Every method checks the filter before it
 * fills a template, so a quiet node formats nothing on its receive path. ucarp's own syslog lines,
 * with its urgency prefix ({@code "[WARNING] Bad TTL: [64]"}), go through {@link #ucarp}.
 */
final class CarpLog {

  static final int CRIT = Wording.LOG_CRIT;
  static final int ERR = Wording.LOG_ERR;
  static final int WARNING = Wording.LOG_WARNING;
  static final int NOTICE = Wording.LOG_NOTICE;
  static final int INFO = Wording.LOG_INFO;
  static final int DEBUG = Wording.LOG_DEBUG;

  private final CarpHost host;
  private final Wording wording;

  CarpLog(CarpHost host) {
    this.host = host;
    this.wording = host.profile().wording();
  }

  private long logSysctl() {
    return host.sysctlLog;
  }

  /** Whether a kernel line of {@code level} is printed now. */
  boolean on(int level) {
    return wording.logFilter().prints(level, logSysctl());
  }

  void emit(int level, String text) {
    host.listener().onLog(new LogLine(host.env().now(), level, text));
  }

  /** Whether this system logs {@code line} (it has one) at the current filter. */
  private boolean on(Line line) {
    return line != null && on(line.level());
  }

  /** The line of {@code event}, filled with {@code namesAndValues}, if the system logs it now. */
  private void kernel(LogEvent event, Object... namesAndValues) {
    Line line = wording.line(event);
    if (on(line)) {
      emit(line.level(), line.format(namesAndValues));
    }
  }

  // ---- state ------------------------------------------------------------------------------------

  void transition(CarpIf sc, Vhost v, CarpState from, CarpState to, String reason) {
    boolean init = from == CarpState.INIT || to == CarpState.INIT;
    LogEvent event = sc.vhosts.size() > 1
        ? (init ? LogEvent.STATE_CHANGE_OF_VHID_INIT : LogEvent.STATE_CHANGE_OF_VHID)
        : (init ? LogEvent.STATE_CHANGE_INIT : LogEvent.STATE_CHANGE);
    kernel(event, "if", sc.name, "vhid", v.vhid, "from", from, "to", to, "reason", reason);
  }

  /** OpenBSD's {@code carp_update_lsmask} debug line after a state change of a balancing interface. */
  void lsmask(CarpIf sc, int mask) {
    if (on(wording.line(LogEvent.LSMASK))) {
      kernel(LogEvent.LSMASK, "if", sc.name, "mask", Integer.toHexString(mask));
    }
  }

  /** NetBSD's reason lines ("MASTER -> BACKUP (more frequent advertisement received)"). */
  void netbsdReason(CarpIf sc, String text) {
    kernel(LogEvent.STATE_CHANGE_REASON, "if", sc.name, "text", text);
  }

  /** The console printf of a master-down timer firing in INIT (not filtered by the log sysctl). */
  void masterDownInInit(CarpIf sc) {
    Line line = wording.line(LogEvent.MASTER_DOWN_IN_INIT);
    if (line != null) {
      emit(line.level(), line.format("if", sc.name));
    }
  }

  // ---- bad packets ------------------------------------------------------------------------------

  void badIf(String rcvif) {
    kernel(LogEvent.BAD_INTERFACE, "rcvif", rcvif);
  }

  void badTtl(int family, int ttl, String rcvif) {
    kernel(family == 6 ? LogEvent.BAD_TTL_V6 : LogEvent.BAD_TTL, "ttl", ttl, "rcvif", rcvif);
  }

  void badLen(int family, int length, String rcvif) {
    kernel(family == 6 ? LogEvent.BAD_LENGTH_V6 : LogEvent.BAD_LENGTH, "len", length, "rcvif", rcvif);
  }

  void badSum(int family, String rcvif) {
    kernel(family == 6 ? LogEvent.BAD_CHECKSUM_V6 : LogEvent.BAD_CHECKSUM, "rcvif", rcvif);
  }

  void badVersion(CarpIf sc, int version) {
    kernel(LogEvent.BAD_VERSION, "if", sc == null ? "carp" : sc.name, "version", version);
  }

  /** True when {@link #badAuth} would print (the caller then formats the source address). */
  boolean badAuthOn() {
    return on(wording.line(LogEvent.BAD_AUTH));
  }

  void badAuth(CarpIf sc, int vhid, String source) {
    kernel(LogEvent.BAD_AUTH, "if", sc.name, "vhid", vhid, "source", source);
  }

  void replay(CarpIf sc) {
    kernel(LogEvent.REPLAY, "if", sc.name);
  }

  // ---- demotion ---------------------------------------------------------------------------------

  void groupDemoted(String ifname, String group, int adj, int value, String reason) {
    kernel(LogEvent.GROUP_DEMOTED, "ifname", ifname, "group", group, "adj", adj, "value", value, "reason", reason);
  }

  void freebsdDemoted(int adj, long value, String reason) {
    kernel(LogEvent.DEMOTED, "adj", adj, "value", value, "reason", reason);
  }

  /** A keepalived line as it logs it ({@code (VI_1) Entering MASTER STATE}), at LOG_INFO. */
  void keepalived(String text) {
    emit(INFO, text);
  }

  // ---- ucarp ------------------------------------------------------------------------------------

  /** A ucarp line: {@code [WARNING] text}; LOG_DEBUG lines only with {@code --debug}. */
  void ucarp(int level, String text, boolean debug) {
    if (level == DEBUG && !debug) {
      return;
    }
    String urgency;
    switch (level) {
      case INFO:
        urgency = "[INFO] ";
        break;
      case WARNING:
        urgency = "[WARNING] ";
        break;
      case ERR:
        urgency = "[ERROR] ";
        break;
      case NOTICE:
        urgency = "[NOTICE] ";
        break;
      case DEBUG:
        urgency = "[DEBUG] ";
        break;
      default:
        urgency = "";
    }
    emit(level, urgency + text);
  }
}
