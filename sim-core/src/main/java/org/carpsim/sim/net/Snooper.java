package org.carpsim.sim.net;

import java.util.HashMap;
import java.util.Map;
import org.carpsim.sim.engine.Timer;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.topology.Snooping;

/**
 * A learning switch's IGMP/MLD snooping (see {@link Snooping} for the two devices' rules and their
 * sources): memberships per port learned from the reports the ports send, router ports learned
 * from the queries they send, and, with its own querier on, the general queries it sends. The
 * switch's frame path asks it only about multicast frames; unicast never comes here.
 */
final class Snooper {

  private final World world;
  private final Segment segment;
  private Snooping config;
  /** Each group's membership expiry per port (0: none). */
  private final Map<MembershipMessage.Group, long[]> members = new HashMap<>();
  /** Until when each port is a router port (a querier was heard on it). */
  private final long[] routerUntil;
  /** Until when a querier other than the switch's own is known. */
  private long otherQuerierUntil = Long.MIN_VALUE;
  private final Timer querierTimer;
  private int startupQueriesLeft;
  /** The ports the frame being forwarded may go to, set by {@link #restricts}. */
  private long[] allowedMembers;
  /** The group of the frame being forwarded, null for a report (which goes to router ports only). */
  private MembershipMessage.Group currentGroup;
  /** Per group, the ports whose drops were announced ({@link GroupNotForwarded}) since their last report. */
  private final Map<MembershipMessage.Group, boolean[]> announced = new HashMap<>();
  /** Frames snooping kept from a port. */
  long dropped;
  /** General queries the switch sent. */
  long queriesSent;

  Snooper(World world, Segment segment, Snooping config) {
    this.world = world;
    this.segment = segment;
    this.routerUntil = new long[segment.nics.length];
    java.util.Arrays.fill(routerUntil, Long.MIN_VALUE);
    this.querierTimer = world.scheduler().newTimer(this::query);
    this.config = Snooping.OFF;
    configure(config);
  }

  Snooping config() {
    return config;
  }

  /** Switches the rules or the querier; memberships already learned are kept. */
  void configure(Snooping newConfig) {
    boolean querierStarts = newConfig.querier() && !config.querier();
    config = newConfig;
    if (!newConfig.querier()) {
      querierTimer.cancel();
    } else if (querierStarts) {
      startupQueriesLeft = 2; // RFC 3376 §8.7: Startup Query Count = robustness
      querierTimer.armAt(world.now());
    }
  }

  /**
   * Learns from a multicast frame {@code sender} put on the switch and decides where it may go.
   *
   * @return false to flood it as an unsnooped switch would; true if only the ports {@link
   *     #forwardsTo} accepts get it
   */
  boolean restricts(Nic sender, Frame frame, long now) {
    if (!config.snoops()) {
      return false;
    }
    MembershipMessage m = MembershipMessage.read(frame);
    if (m == null) {
      return false; // not IP: STP, LLDP and the like are flooded
    }
    boolean linux = config.mode() == Snooping.Mode.LINUX_BRIDGE;
    switch (m.kind()) {
      case QUERY:
        routerUntil[sender.port] = now + Snooping.OTHER_QUERIER_INTERVAL;
        otherQuerierUntil = now + Snooping.OTHER_QUERIER_INTERVAL;
        return false; // queries reach every host
      case REPORT:
        for (MembershipMessage.Group g : m.joined()) {
          if (recorded(g, linux)) {
            members.computeIfAbsent(g, k -> new long[segment.nics.length])[sender.port] =
                now + Snooping.MEMBERSHIP_INTERVAL;
            boolean[] told = announced.get(g);
            if (told != null) {
              told[sender.port] = false;
            }
          }
        }
        for (MembershipMessage.Group g : m.left()) {
          long[] expiry = members.get(g);
          if (expiry != null) {
            expiry[sender.port] = Math.min(expiry[sender.port], now + Snooping.LEAVE_INTERVAL);
          }
        }
        if (linux && !querierExists(now)) {
          return false;
        }
        allowedMembers = null; // reports go to router ports only (br_multicast: mrouters_only)
        currentGroup = null;
        return true;
      default:
        MembershipMessage.Group g = m.destination();
        if (g.isAllHosts() || linux && (g.isLocalV4() || !querierExists(now))) {
          return false;
        }
        allowedMembers = members.get(g);
        currentGroup = g;
        return true;
    }
  }

  /** Whether the frame {@link #restricts} restricted goes to {@code port}: a live member or a router port. */
  boolean forwardsTo(int port, long now) {
    return routerUntil[port] > now || allowedMembers != null && allowedMembers[port] > now;
  }

  /**
   * Counts a frame {@link #forwardsTo} kept from {@code nic}; the first since the port's last report
   * of the group is recorded with its cause.
   */
  void notForwarded(Nic nic) {
    dropped++;
    if (currentGroup == null) {
      return;
    }
    boolean[] told = announced.computeIfAbsent(currentGroup, k -> new boolean[segment.nics.length]);
    if (!told[nic.port]) {
      told[nic.port] = true;
      long expiry = allowedMembers == null ? 0 : allowedMembers[nic.port];
      world.record(new org.carpsim.sim.history.GroupNotForwarded(segment.name, nic.qualifiedName,
          currentGroup.toString(), expiry == 0 ? -1 : expiry));
    }
  }

  /** A port's link went down: its memberships and router-port role end (br_multicast_disable_port). */
  void forgetPort(int port) {
    for (long[] expiry : members.values()) {
      expiry[port] = 0;
    }
    routerUntil[port] = Long.MIN_VALUE;
  }

  /** The ports with a live membership of the group {@code text} names (an IP address as printed). */
  java.util.List<String> membersOf(String group, long now) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (Map.Entry<MembershipMessage.Group, long[]> e : members.entrySet()) {
      if (e.getKey().toString().equals(group)) {
        for (int port = 0; port < e.getValue().length; port++) {
          if (e.getValue()[port] > now) {
            out.add(segment.nics[port].qualifiedName);
          }
        }
      }
    }
    return out;
  }

  /** The bridge does not record 224.0.0.x or ff02::1 (br_ip4_multicast_add_group, br_ip6_multicast_add_group). */
  private static boolean recorded(MembershipMessage.Group g, boolean linux) {
    return !g.isAllHosts() && !(linux && g.isLocalV4());
  }

  private boolean querierExists(long now) {
    return config.querier() || otherQuerierUntil > now;
  }

  private void query() {
    queriesSent++;
    world.fromSwitch(segment, SnoopingFrames.igmpGeneralQuery(segment.switchMac));
    world.fromSwitch(segment, SnoopingFrames.mldGeneralQuery(segment.switchMac));
    startupQueriesLeft--;
    querierTimer.armAfter(startupQueriesLeft > 0 ? Snooping.STARTUP_QUERY_INTERVAL : Snooping.QUERY_INTERVAL);
  }
}
