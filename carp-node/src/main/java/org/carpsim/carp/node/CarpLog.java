package org.carpsim.carp.node;

import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Validation.LogFlavour;

/**
 * The log lines of §9.2 in each system's words, at its syslog levels, filtered by
 * {@code net.inet.carp.log} as that system filters them. Every method checks the filter before it
 * builds a string, so a quiet node formats nothing on its receive path.
 *
 * <ul>
 *   <li>OpenBSD (1.370): {@code CARP_LOG(level, sc, …)}, printed iff {@code log >= level}; prefix
 *       {@code "carp0: "}, or {@code "carp: "} before the vhid is known.
 *   <li>OpenBSD 3.5 / FreeBSD 6 (1.54 code): one level, LOG_INFO, iff {@code log != 0}; bad packets
 *       only (1.54 logs no state transitions).
 *   <li>NetBSD: LOG_INFO iff {@code log != 0}, bad packets with "on IF", "incorrect hash from SRC",
 *       "state transition from: A -> to: B" and the reason lines of {@link #netbsdReason}.
 *   <li>FreeBSD: state changes and demotion at LOG_INFO iff {@code log > 0}
 *       ({@code "carp: 1@em0: INIT -> BACKUP (initialization complete)"}); bad packets at LOG_DEBUG
 *       iff {@code log > 1}.
 *   <li>ucarp: syslog lines with ucarp's own urgency prefix ({@code "[WARNING] Bad TTL: [64]"});
 *       debug lines only with {@code --debug}.
 * </ul>
 */
final class CarpLog {

  static final int CRIT = 2;
  static final int ERR = 3;
  static final int WARNING = 4;
  static final int NOTICE = 5;
  static final int INFO = 6;
  static final int DEBUG = 7;

  private final CarpHost host;
  private final LogFlavour flavour;

  CarpLog(CarpHost host) {
    this.host = host;
    this.flavour = host.profile().validation().logFlavour();
  }

  LogFlavour flavour() {
    return flavour;
  }

  private long logSysctl() {
    return host.sysctlLog;
  }

  /** Whether a kernel line of {@code level} is printed now. */
  boolean on(int level) {
    switch (flavour) {
      case OPENBSD_LEVELS:
        return logSysctl() >= level;
      case OPENBSD_LEGACY:
      case NETBSD:
        return logSysctl() != 0;
      case FREEBSD:
        return level == DEBUG ? logSysctl() > 1 : logSysctl() > 0;
      default:
        return false;
    }
  }

  void emit(int level, String text) {
    host.listener().onLog(new LogLine(host.env().now(), level, text));
  }

  private void kernel(int level, String text) {
    if (on(level)) {
      emit(level, text);
    }
  }

  // ---- state ------------------------------------------------------------------------------------

  void transition(CarpIf sc, Vhost v, CarpState from, CarpState to, String reason) {
    switch (flavour) {
      case OPENBSD_LEVELS: {
        int level = from == CarpState.INIT || to == CarpState.INIT ? WARNING : CRIT;
        if (on(level)) {
          emit(level, sc.vhosts.size() > 1
              ? sc.name + ": state transition (vhid " + v.vhid + "): " + from + " -> " + to
              : sc.name + ": state transition: " + from + " -> " + to);
        }
        break;
      }
      case NETBSD:
        if (on(INFO)) {
          emit(INFO, sc.name + ": state transition from: " + from + " -> to: " + to);
        }
        break;
      case FREEBSD:
        if (on(INFO)) {
          emit(INFO, "carp: " + v.vhid + "@" + sc.name + ": " + from + " -> " + to + " (" + reason + ")");
        }
        break;
      default:
        break;
    }
  }

  /** OpenBSD's {@code carp_update_lsmask} debug line after a state change of a balancing interface. */
  void lsmask(CarpIf sc, int mask) {
    if (flavour == LogFlavour.OPENBSD_LEVELS && on(DEBUG)) {
      emit(DEBUG, sc.name + ": carp_update_lsmask: " + Integer.toHexString(mask));
    }
  }

  /** NetBSD's reason lines ("MASTER -> BACKUP (more frequent advertisement received)"). */
  void netbsdReason(CarpIf sc, String text) {
    if (flavour == LogFlavour.NETBSD && on(INFO)) {
      emit(INFO, sc.name + ": " + text);
    }
  }

  /** The console printf of a master-down timer firing in INIT (not filtered by the log sysctl). */
  void masterDownInInit(CarpIf sc) {
    if (flavour != LogFlavour.UCARP) {
      emit(NOTICE, sc.name + ": master_down event in INIT state");
    }
  }

  // ---- bad packets ------------------------------------------------------------------------------

  void badIf(String rcvif) {
    switch (flavour) {
      case OPENBSD_LEVELS:
      case OPENBSD_LEGACY:
      case NETBSD:
        kernel(INFO, "carp: packet received on non-carp interface: " + rcvif);
        break;
      case FREEBSD:
        kernel(DEBUG, "carp_input: packet received on non-carp interface: " + rcvif);
        break;
      default:
        break;
    }
  }

  void badTtl(int family, int ttl, String rcvif) {
    switch (flavour) {
      case OPENBSD_LEVELS:
        kernel(NOTICE, "carp: received ttl " + ttl + " != 255 on " + rcvif);
        break;
      case OPENBSD_LEGACY:
        kernel(INFO, "carp: received ttl " + ttl + " != 255");
        break;
      case NETBSD:
        kernel(INFO, "carp: received ttl " + ttl + " != 255 on " + rcvif);
        break;
      case FREEBSD:
        kernel(DEBUG, (family == 6 ? "carp6_input" : "carp_input") + ": received ttl " + ttl + " != 255 on " + rcvif);
        break;
      default:
        break;
    }
  }

  void badLen(int family, int length, String rcvif) {
    switch (flavour) {
      case OPENBSD_LEVELS:
      case NETBSD:
        kernel(INFO, family == 6 ? "carp: packet size " + length + " too small"
            : "carp: packet too short " + length + " on " + rcvif);
        break;
      case OPENBSD_LEGACY:
        kernel(INFO, family == 6 ? "carp: packet size " + length + " too small" : "carp: received len " + length + " < 36");
        break;
      case FREEBSD:
        kernel(DEBUG, (family == 6 ? "carp6_input" : "carp_input") + ": received len " + length
            + " < sizeof(struct carp_header) on " + rcvif);
        break;
      default:
        break;
    }
  }

  void badSum(int family, String rcvif) {
    switch (flavour) {
      case OPENBSD_LEVELS:
      case NETBSD:
        kernel(INFO, family == 6 ? "carp: checksum failed, on " + rcvif : "carp: checksum failed on " + rcvif);
        break;
      case OPENBSD_LEGACY:
        kernel(INFO, "carp: checksum failed");
        break;
      case FREEBSD:
        kernel(DEBUG, (family == 6 ? "carp6_input" : "carp_input") + ": checksum failed on " + rcvif);
        break;
      default:
        break;
    }
  }

  void badVersion(CarpIf sc, int version) {
    String prefix = sc == null ? "carp" : sc.name;
    switch (flavour) {
      case OPENBSD_LEVELS:
        kernel(NOTICE, prefix + ": invalid version " + version + " != 2");
        break;
      case OPENBSD_LEGACY:
      case NETBSD:
        kernel(INFO, prefix + ": invalid version " + version);
        break;
      case FREEBSD:
        kernel(DEBUG, "carp_input_c: invalid version " + version);
        break;
      default:
        break;
    }
  }

  /** True when {@link #badAuth} would print (the caller then formats the source address). */
  boolean badAuthOn() {
    switch (flavour) {
      case OPENBSD_LEVELS:
      case OPENBSD_LEGACY:
      case NETBSD:
        return on(INFO);
      case FREEBSD:
        return on(DEBUG);
      default:
        return false;
    }
  }

  void badAuth(CarpIf sc, int vhid, String source) {
    switch (flavour) {
      case OPENBSD_LEVELS:
        kernel(INFO, sc.name + ": incorrect hash");
        break;
      case OPENBSD_LEGACY:
        kernel(INFO, "carp: incorrect hash");
        break;
      case NETBSD:
        kernel(INFO, sc.name + ": incorrect hash from " + source);
        break;
      case FREEBSD:
        kernel(DEBUG, "carp_input_c: incorrect hash for VHID " + vhid + "@" + sc.name);
        break;
      default:
        break;
    }
  }

  void replay(CarpIf sc) {
    if (flavour == LogFlavour.OPENBSD_LEVELS) {
      kernel(WARNING, sc.name + ": replay or network loop detected");
    }
  }

  // ---- demotion ---------------------------------------------------------------------------------

  void groupDemoted(String ifname, String group, int adj, int value, String reason) {
    if (flavour == LogFlavour.OPENBSD_LEVELS) {
      kernel(ERR, "carp: " + ifname + " demoted group " + group + " by " + adj + " to " + value + " (" + reason + ")");
    }
  }

  void freebsdDemoted(int adj, long value, String reason) {
    if (flavour == LogFlavour.FREEBSD) {
      kernel(INFO, "carp: demoted by " + adj + " to " + value + " (" + reason + ")");
    }
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
