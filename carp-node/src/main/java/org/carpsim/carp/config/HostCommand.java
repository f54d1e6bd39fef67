package org.carpsim.carp.config;

import java.util.List;
import java.util.Optional;

/**
 * A configuration command a host will execute, parsed and validated against a profile but not run.
 * Produced by {@link ConfigParser} from ifconfig / sysctl / ucarp command lines, rc.conf assignments
 * and {@code /etc/hostname.IF} files, which all translate into these same commands.
 */
public sealed interface HostCommand {

  /** {@code ifconfig carp0 create} (also from rc.conf {@code cloned_interfaces}). */
  record IfconfigCreate(String ifname) implements HostCommand {}

  /** {@code ifconfig carp0 destroy}. */
  record IfconfigDestroy(String ifname) implements HostCommand {}

  /**
   * {@code ifconfig carp0} (status of one interface) or {@code ifconfig} / {@code ifconfig -a} (all).
   *
   * @param ifname the interface, empty for all
   */
  record IfconfigQuery(Optional<String> ifname) implements HostCommand {}

  /**
   * {@code ifconfig IF …}: settings applied in the order typed, then the address change last (ifconfig
   * commits carp and flag options while reading its arguments and adds the address after the loop; on
   * FreeBSD the carp request is committed before the address, which it binds to the vhid).
   *
   * @param ifname a carp interface ({@code carp0}) or a physical one ({@code em0}; FreeBSD's vhid on the
   *     parent lives there)
   * @param settings the options, in order
   * @param address the address added, replaced or deleted, if any
   */
  record IfconfigSet(String ifname, List<IfSetting> settings, Optional<AddressChange> address)
      implements HostCommand {
    public IfconfigSet {
      settings = List.copyOf(settings);
    }

    /** The first setting of a type, e.g. {@code setting(IfSetting.Vhid.class)}. */
    public <T extends IfSetting> Optional<T> setting(Class<T> type) {
      return settings.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The last setting of a type (the one that wins when repeated). */
    public <T extends IfSetting> Optional<T> lastSetting(Class<T> type) {
      T last = null;
      for (IfSetting s : settings) {
        if (type.isInstance(s)) {
          last = type.cast(s);
        }
      }
      return Optional.ofNullable(last);
    }
  }

  /**
   * OpenBSD {@code ifconfig -g GROUP carpdemote [N]} (delta +N, default 1) or {@code -carpdemote [N]}
   * (delta −N).
   */
  record GroupDemote(String group, int delta) implements HostCommand {}

  /** OpenBSD {@code ifconfig -g GROUP}: list the group's members. */
  record GroupQuery(String group) implements HostCommand {}

  /** {@code sysctl [-w] name=value}. */
  record SysctlSet(String name, long value) implements HostCommand {}

  /**
   * {@code sysctl name} (a leaf or a node such as {@code net.inet.carp}) or {@code sysctl -a}.
   *
   * @param name the leaf or node; empty string for everything
   * @param valueOnly {@code -n}
   */
  record SysctlGet(String name, boolean valueOnly) implements HostCommand {}

  /** rc.conf {@code hostname="…"}: recorded. */
  record SetHostname(String hostname) implements HostCommand {}

  /** {@code ucarp …}: start one ucarp daemon. */
  record UcarpStart(UcarpOptions options) implements HostCommand {}

  /**
   * {@code pkill ucarp}, {@code killall -9 ucarp}, {@code kill -TERM $(pidof ucarp)}: a signal to every
   * ucarp daemon of the host.
   *
   * @param tool {@code pkill}, {@code killall} or {@code kill}: what it prints when no daemon runs
   * @param signal the signal sent
   */
  record SignalUcarp(String tool, UcarpSignal signal) implements HostCommand {}

  /**
   * A kernel configuration line ({@code device carp}, {@code pseudo-device carp}): carp is always
   * compiled into a simulated host, so executing it changes nothing.
   */
  /** A keepalived.conf given in a {@code file … end} block: written to the host, read by keepalived at start. */
  record KeepalivedConfFile(String path, org.carpsim.carp.vrrp.KeepalivedConfig config) implements HostCommand {}

  /** {@code keepalived [-n -l -D …] [-f PATH]} or {@code systemctl start keepalived}. */
  record KeepalivedStart(String path) implements HostCommand {}

  /** {@code pkill/killall/kill} of keepalived, or {@code systemctl stop keepalived} (tool "systemctl", SIGTERM). */
  record SignalKeepalived(String tool, UcarpSignal signal) implements HostCommand {}

  record KernelDevice(String device) implements HostCommand {}

  /**
   * {@code route [-6] add|delete DEST [GATEWAY]}: a static route, recorded by the host.
   *
   * @param destination {@code default} or {@code ADDRESS[/len]} as typed
   */
  record Route(boolean add, boolean inet6, String destination, Optional<String> gateway) implements HostCommand {}
}
