package org.carpsim.carp.profile;

import static org.carpsim.carp.profile.Wording.LOG_CRIT;
import static org.carpsim.carp.profile.Wording.LOG_DEBUG;
import static org.carpsim.carp.profile.Wording.LOG_ERR;
import static org.carpsim.carp.profile.Wording.LOG_INFO;
import static org.carpsim.carp.profile.Wording.LOG_NOTICE;
import static org.carpsim.carp.profile.Wording.LOG_WARNING;
import static org.carpsim.carp.profile.Wording.LogEvent.BAD_AUTH;
import static org.carpsim.carp.profile.Wording.LogEvent.BAD_CHECKSUM;
import static org.carpsim.carp.profile.Wording.LogEvent.BAD_CHECKSUM_V6;
import static org.carpsim.carp.profile.Wording.LogEvent.BAD_INTERFACE;
import static org.carpsim.carp.profile.Wording.LogEvent.BAD_LENGTH;
import static org.carpsim.carp.profile.Wording.LogEvent.BAD_LENGTH_V6;
import static org.carpsim.carp.profile.Wording.LogEvent.BAD_TTL;
import static org.carpsim.carp.profile.Wording.LogEvent.BAD_TTL_V6;
import static org.carpsim.carp.profile.Wording.LogEvent.BAD_VERSION;
import static org.carpsim.carp.profile.Wording.LogEvent.DEMOTED;
import static org.carpsim.carp.profile.Wording.LogEvent.GROUP_DEMOTED;
import static org.carpsim.carp.profile.Wording.LogEvent.LSMASK;
import static org.carpsim.carp.profile.Wording.LogEvent.MASTER_DOWN_IN_INIT;
import static org.carpsim.carp.profile.Wording.LogEvent.REPLAY;
import static org.carpsim.carp.profile.Wording.LogEvent.STATE_CHANGE;
import static org.carpsim.carp.profile.Wording.LogEvent.STATE_CHANGE_INIT;
import static org.carpsim.carp.profile.Wording.LogEvent.STATE_CHANGE_OF_VHID;
import static org.carpsim.carp.profile.Wording.LogEvent.STATE_CHANGE_OF_VHID_INIT;
import static org.carpsim.carp.profile.Wording.LogEvent.STATE_CHANGE_REASON;

import java.util.EnumMap;
import java.util.Map;
import org.carpsim.carp.profile.Wording.CommandTexts;
import org.carpsim.carp.profile.Wording.Line;
import org.carpsim.carp.profile.Wording.LogEvent;
import org.carpsim.carp.profile.Wording.LogFilter;
import org.carpsim.carp.profile.Wording.StatusLayout;

/** Each system's words (§9.2): the {@link Wording} every profile of that system carries. */
public final class Wordings {

  private static final String MASTER_DOWN_IN_INIT_TEXT = "{if}: master_down event in INIT state";
  private static final String BAD_INTERFACE_TEXT = "carp: packet received on non-carp interface: {rcvif}";
  private static final String SHORT_V6 = "carp: packet size {len} too small";

  /** Current OpenBSD (1.370): {@code CARP_LOG(level, sc, …)} at graded levels, prefix {@code carp0: }. */
  public static final Wording OPENBSD = new Wording(LogFilter.AT_MOST_THE_SYSCTL,
      lines(
          STATE_CHANGE, line(LOG_CRIT, "{if}: state transition: {from} -> {to}"),
          STATE_CHANGE_INIT, line(LOG_WARNING, "{if}: state transition: {from} -> {to}"),
          STATE_CHANGE_OF_VHID, line(LOG_CRIT, "{if}: state transition (vhid {vhid}): {from} -> {to}"),
          STATE_CHANGE_OF_VHID_INIT, line(LOG_WARNING, "{if}: state transition (vhid {vhid}): {from} -> {to}"),
          LSMASK, line(LOG_DEBUG, "{if}: carp_update_lsmask: {mask}"),
          MASTER_DOWN_IN_INIT, line(LOG_NOTICE, MASTER_DOWN_IN_INIT_TEXT),
          BAD_INTERFACE, line(LOG_INFO, BAD_INTERFACE_TEXT),
          BAD_TTL, line(LOG_NOTICE, "carp: received ttl {ttl} != 255 on {rcvif}"),
          BAD_LENGTH, line(LOG_INFO, "carp: packet too short {len} on {rcvif}"),
          BAD_LENGTH_V6, line(LOG_INFO, SHORT_V6),
          BAD_CHECKSUM, line(LOG_INFO, "carp: checksum failed on {rcvif}"),
          BAD_CHECKSUM_V6, line(LOG_INFO, "carp: checksum failed, on {rcvif}"),
          BAD_VERSION, line(LOG_NOTICE, "{if}: invalid version {version} != 2"),
          BAD_AUTH, line(LOG_INFO, "{if}: incorrect hash"),
          REPLAY, line(LOG_WARNING, "{if}: replay or network loop detected"),
          GROUP_DEMOTED, line(LOG_ERR, "carp: {ifname} demoted group {group} by {adj} to {value} ({reason})")),
      new CommandTexts("ifconfig: {if}: no such interface", "SIOCIFCREATE", "{name}={value}",
          new StatusLayout(false, "lladdr ", true)));

  /**
   * OpenBSD 1.54 (2004) and its FreeBSD 6 port: one level, LOG_INFO iff {@code log != 0}; bad packets
   * only, no state transitions.
   */
  public static final Wording OPENBSD_2004 = new Wording(LogFilter.WHEN_NON_ZERO,
      lines(
          MASTER_DOWN_IN_INIT, line(LOG_NOTICE, MASTER_DOWN_IN_INIT_TEXT),
          BAD_INTERFACE, line(LOG_INFO, BAD_INTERFACE_TEXT),
          BAD_TTL, line(LOG_INFO, "carp: received ttl {ttl} != 255"),
          BAD_LENGTH, line(LOG_INFO, "carp: received len {len} < 36"),
          BAD_LENGTH_V6, line(LOG_INFO, SHORT_V6),
          BAD_CHECKSUM, line(LOG_INFO, "carp: checksum failed"),
          BAD_VERSION, line(LOG_INFO, "{if}: invalid version {version}"),
          BAD_AUTH, line(LOG_INFO, "carp: incorrect hash")),
      new CommandTexts("ifconfig: {if}: SIOCGIFFLAGS: Device not configured", "SIOCIFCREATE", "{name}={value}",
          new StatusLayout(false, "lladdr ", false)));

  /**
   * NetBSD: the 2004 lines with "on IF", "incorrect hash from SRC", "state transition from: A -> to: B"
   * and a reason line after it.
   */
  public static final Wording NETBSD = new Wording(LogFilter.WHEN_NON_ZERO,
      lines(
          STATE_CHANGE, line(LOG_INFO, "{if}: state transition from: {from} -> to: {to}"),
          STATE_CHANGE_REASON, line(LOG_INFO, "{if}: {text}"),
          MASTER_DOWN_IN_INIT, line(LOG_NOTICE, MASTER_DOWN_IN_INIT_TEXT),
          BAD_INTERFACE, line(LOG_INFO, BAD_INTERFACE_TEXT),
          BAD_TTL, line(LOG_INFO, "carp: received ttl {ttl} != 255 on {rcvif}"),
          BAD_LENGTH, line(LOG_INFO, "carp: packet too short {len} on {rcvif}"),
          BAD_LENGTH_V6, line(LOG_INFO, SHORT_V6),
          BAD_CHECKSUM, line(LOG_INFO, "carp: checksum failed on {rcvif}"),
          BAD_CHECKSUM_V6, line(LOG_INFO, "carp: checksum failed, on {rcvif}"),
          BAD_VERSION, line(LOG_INFO, "{if}: invalid version {version}"),
          BAD_AUTH, line(LOG_INFO, "{if}: incorrect hash from {source}")),
      new CommandTexts("ifconfig: SIOCGIFFLAGS {if}: Device not configured", "SIOCIFCREATE", "{name} = {value}",
          new StatusLayout(false, "address: ", false)));

  /**
   * FreeBSD: state changes and demotion at LOG_INFO ({@code "carp: 1@em0: INIT -> BACKUP
   * (initialization complete)"}), bad packets at LOG_DEBUG named by the input function.
   */
  public static final Wording FREEBSD = new Wording(LogFilter.DEBUG_ABOVE_ONE,
      lines(
          STATE_CHANGE, line(LOG_INFO, "carp: {vhid}@{if}: {from} -> {to} ({reason})"),
          MASTER_DOWN_IN_INIT, line(LOG_NOTICE, MASTER_DOWN_IN_INIT_TEXT),
          BAD_INTERFACE, line(LOG_DEBUG, "carp_input: packet received on non-carp interface: {rcvif}"),
          BAD_TTL, line(LOG_DEBUG, "carp_input: received ttl {ttl} != 255 on {rcvif}"),
          BAD_TTL_V6, line(LOG_DEBUG, "carp6_input: received ttl {ttl} != 255 on {rcvif}"),
          BAD_LENGTH, line(LOG_DEBUG, "carp_input: received len {len} < sizeof(struct carp_header) on {rcvif}"),
          BAD_LENGTH_V6, line(LOG_DEBUG, "carp6_input: received len {len} < sizeof(struct carp_header) on {rcvif}"),
          BAD_CHECKSUM, line(LOG_DEBUG, "carp_input: checksum failed on {rcvif}"),
          BAD_CHECKSUM_V6, line(LOG_DEBUG, "carp6_input: checksum failed on {rcvif}"),
          BAD_VERSION, line(LOG_DEBUG, "carp_input_c: invalid version {version}"),
          BAD_AUTH, line(LOG_DEBUG, "carp_input_c: incorrect hash for VHID {vhid}@{if}"),
          DEMOTED, line(LOG_INFO, "carp: demoted by {adj} to {value} ({reason})")),
      new CommandTexts("ifconfig: interface {if} does not exist", "SIOCIFCREATE2", "{name}: {value}",
          new StatusLayout(false, "ether ", false)));

  /** ucarp: no kernel lines (its own go through {@code CarpLog.ucarp}); a Linux host's ifconfig. */
  public static final Wording UCARP = new Wording(LogFilter.NEVER, Map.of(),
      new CommandTexts("{if}: error fetching interface information: Device not found", "SIOCIFCREATE",
          "{name}={value}", new StatusLayout(true, "lladdr ", false)));

  private Wordings() {}

  private static Line line(int level, String template) {
    return new Line(level, template);
  }

  private static Map<LogEvent, Line> lines(Object... eventsAndLines) {
    Map<LogEvent, Line> m = new EnumMap<>(LogEvent.class);
    for (int i = 0; i < eventsAndLines.length; i += 2) {
      m.put((LogEvent) eventsAndLines[i], (Line) eventsAndLines[i + 1]);
    }
    return m;
  }
}
