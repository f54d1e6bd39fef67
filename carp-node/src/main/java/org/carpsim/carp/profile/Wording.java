package org.carpsim.carp.profile;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How a system words what it prints (§9.2, §8): its kernel log lines with their syslog levels and
 * the filter {@code net.inet.carp.log} applies, and the texts of its ifconfig and sysctl commands.
 * The node fills these templates; it never asks which system it is. The systems' wordings are in
 * {@link Wordings}.
 *
 * <p>A template names its values in braces ({@code "{if}: state transition: {from} -> {to}"}); the
 * caller passes them as name, value pairs.
 *
 * @param logFilter which levels {@code net.inet.carp.log} lets through
 * @param lines the kernel log line of each event this system logs; an event without a line is not
 *     logged
 * @param commands the texts of ifconfig and sysctl
 */
public record Wording(
    @Source("carp-protocol.md §9.2") LogFilter logFilter,
    @Source("carp-protocol.md §9.2") Map<LogEvent, Line> lines,
    @Source("carp-protocol.md §8.1–§8.3") CommandTexts commands) {

  public static final int LOG_CRIT = 2;
  public static final int LOG_ERR = 3;
  public static final int LOG_WARNING = 4;
  public static final int LOG_NOTICE = 5;
  public static final int LOG_INFO = 6;
  public static final int LOG_DEBUG = 7;

  public Wording {
    EnumMap<LogEvent, Line> copy = new EnumMap<>(LogEvent.class);
    copy.putAll(lines);
    lines = Collections.unmodifiableMap(copy);
  }

  /** The line of {@code event} (or of the event it varies), or null where this system does not log it. */
  public Line line(LogEvent event) {
    for (LogEvent e = event; e != null; e = e.variantOf) {
      Line line = lines.get(e);
      if (line != null) {
        return line;
      }
    }
    return null;
  }

  /** How {@code net.inet.carp.log} filters kernel lines. */
  public enum LogFilter {
    /** OBSD ≥1.270 {@code CARP_LOG(level, …)}: printed iff {@code log >= level}. */
    AT_MOST_THE_SYSCTL,
    /** OBSD ≤1.137, NetBSD: one switch, printed iff {@code log != 0}. */
    WHEN_NON_ZERO,
    /** FreeBSD: LOG_DEBUG lines iff {@code log > 1}, the others iff {@code log > 0}. */
    DEBUG_ABOVE_ONE,
    /** ucarp: no kernel, no kernel lines (its own lines go through syslog unfiltered). */
    NEVER;

    /** Whether a line of {@code level} is printed with {@code net.inet.carp.log} at {@code sysctl}. */
    public boolean prints(int level, long sysctl) {
      switch (this) {
        case AT_MOST_THE_SYSCTL:
          return sysctl >= level;
        case WHEN_NON_ZERO:
          return sysctl != 0;
        case DEBUG_ABOVE_ONE:
          return level == LOG_DEBUG ? sysctl > 1 : sysctl > 0;
        default:
          return false;
      }
    }
  }

  /**
   * What a kernel logs about; each names the values its templates may use. A variant without a line
   * of its own (IPv6, into or out of INIT, one vhid of several) is logged with the line of the event
   * it varies.
   */
  public enum LogEvent {
    /** A state change of a carp interface with one vhost: {if} {vhid} {from} {to} {reason}. */
    STATE_CHANGE(null),
    /** The same into or out of INIT (OBSD logs those one level lower). */
    STATE_CHANGE_INIT(STATE_CHANGE),
    /** A state change of one vhost of a carp interface with several (OBSD carpnodes). */
    STATE_CHANGE_OF_VHID(STATE_CHANGE),
    /** The same into or out of INIT. */
    STATE_CHANGE_OF_VHID_INIT(STATE_CHANGE_OF_VHID),
    /** NetBSD's reason after a state change: {if} {text}. */
    STATE_CHANGE_REASON(null),
    /** OBSD {@code carp_update_lsmask} after a state change of a balancing interface: {if} {mask}. */
    LSMASK(null),
    /** The console printf of a master-down timer firing in INIT, not filtered by the sysctl: {if}. */
    MASTER_DOWN_IN_INIT(null),
    /** Received on an interface without carp: {rcvif}. */
    BAD_INTERFACE(null),
    /** Bad TTL of an IPv4 ad: {ttl} {rcvif}. */
    BAD_TTL(null),
    /** Bad hop limit of an IPv6 ad: {ttl} {rcvif}. */
    BAD_TTL_V6(BAD_TTL),
    /** An IPv4 ad too short: {len} {rcvif}. */
    BAD_LENGTH(null),
    /** An IPv6 ad too short: {len} {rcvif}. */
    BAD_LENGTH_V6(BAD_LENGTH),
    /** Bad CARP checksum over IPv4: {rcvif}. */
    BAD_CHECKSUM(null),
    /** Bad CARP checksum over IPv6: {rcvif}. */
    BAD_CHECKSUM_V6(BAD_CHECKSUM),
    /** Version not 2: {if} (the carp interface, or {@code carp} before it is known) {version}. */
    BAD_VERSION(null),
    /** HMAC mismatch: {if} {vhid} {source}. */
    BAD_AUTH(null),
    /** OBSD: an ad with our own replay cookie: {if}. */
    REPLAY(null),
    /** OBSD: an interface group's demote counter changed: {ifname} {group} {adj} {value} {reason}. */
    GROUP_DEMOTED(null),
    /** FreeBSD: {@code net.inet.carp.demotion} changed: {adj} {value} {reason}. */
    DEMOTED(null);

    private final LogEvent variantOf;

    LogEvent(LogEvent variantOf) {
      this.variantOf = variantOf;
    }
  }

  /**
   * One kernel log line.
   *
   * @param level its syslog level
   * @param template its text with named values
   */
  public record Line(
      @Source("carp-protocol.md §9.2") int level,
      @Source("carp-protocol.md §9.2") String template) {

    /** The text with {@code namesAndValues} (name, value, name, value, …) filled in. */
    public String format(Object... namesAndValues) {
      return fill(template, namesAndValues);
    }
  }

  /**
   * The texts of the configuration commands.
   *
   * @param noSuchInterface ifconfig's error for an unknown interface: {if}
   * @param createIoctl the ioctl named when {@code ifconfig IF create} fails
   * @param sysctlLine one line of {@code sysctl NAME}: {name} {value}
   * @param status the layout of {@code ifconfig IF}
   */
  public record CommandTexts(
      @Source("choice (each system's ifconfig error text)") String noSuchInterface,
      @Source("choice (SIOCIFCREATE2 on FreeBSD)") String createIoctl,
      @Source("choice (each system's sysctl output)") String sysctlLine,
      @Source("carp-protocol.md §8.2, §8.3") StatusLayout status) {}

  /**
   * What {@code ifconfig IF} prints beside the flags, carp and address lines.
   *
   * @param linuxNetTools the host is Linux (ucarp): net-tools' layout for NICs
   * @param macLine the label before a NIC's MAC ({@code "lladdr "}, {@code "ether "}, {@code "address: "})
   * @param carpLinkLines OBSD: a carp interface also shows its lladdr, groups and link status
   */
  public record StatusLayout(
      @Source("ucarp-lab (Debian host)") boolean linuxNetTools,
      @Source("carp-protocol.md §8.2, §8.3") String macLine,
      @Source("carp-protocol.md §8.2") boolean carpLinkLines) {}

  /**
   * {@code template} with each {@code {name}} replaced by the value that follows that name in
   * {@code namesAndValues}.
   *
   * @throws IllegalArgumentException for a name without a value
   */
  public static String fill(String template, Object... namesAndValues) {
    StringBuilder sb = new StringBuilder(template.length() + 32);
    int from = 0;
    int open;
    while ((open = template.indexOf('{', from)) >= 0) {
      int close = template.indexOf('}', open);
      sb.append(template, from, open).append(valueOf(template.substring(open + 1, close), namesAndValues));
      from = close + 1;
    }
    return sb.append(template, from, template.length()).toString();
  }

  private static Object valueOf(String name, Object[] namesAndValues) {
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (name.equals(namesAndValues[i])) {
        return namesAndValues[i + 1];
      }
    }
    throw new IllegalArgumentException("no value for {" + name + "}");
  }
}
