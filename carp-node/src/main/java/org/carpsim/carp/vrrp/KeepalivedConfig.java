package org.carpsim.carp.vrrp;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;

/**
 * The part of a keepalived.conf carpsim runs: its {@code vrrp_instance} blocks.
 *
 * @param instances in file order
 * @param disableLocalIgmp {@code global_defs disable_local_igmp} (keepalived PR #1797): keepalived
 *     clears {@code /proc/sys/net/ipv4/igmp_link_local_mcast_reports} while it runs, so the kernel
 *     sends no IGMP report (nor query answer) for any 224.0.0.x group on any interface of the host
 */
public record KeepalivedConfig(List<Instance> instances, boolean disableLocalIgmp) {

  public KeepalivedConfig {
    instances = List.copyOf(instances);
  }

  /** A virtual address {@code A/len} of {@code virtual_ipaddress}. */
  public record Vip(Ipv4Address address, int prefixLength) {
    @Override
    public String toString() {
      return address + "/" + prefixLength;
    }
  }

  /**
   * One {@code vrrp_instance NAME { … }}.
   *
   * @param name the instance name, as in the logs: {@code (VI_1) Entering MASTER STATE}
   * @param wantMaster {@code state MASTER} (or priority 255): take over at once on start
   * @param iface {@code interface}
   * @param vrid {@code virtual_router_id} 1..255
   * @param priority 1..255 (255: the address owner)
   * @param advertIntCentis {@code advert_int} in centiseconds (VRRPv2: whole seconds only)
   * @param preempt false with {@code nopreempt}
   * @param preemptDelayCentis {@code preempt_delay} (0: none)
   * @param authPass {@code auth_type PASS} with its password (at most 8 bytes, zero-padded on the wire)
   * @param vips {@code virtual_ipaddress}
   * @param version 2 or 3
   * @param garpMasterDelaySeconds {@code garp_master_delay}: the second round of gratuitous ARPs (0: none)
   * @param garpMasterRepeat {@code garp_master_repeat}: gratuitous ARPs per round
   * @param useVmac {@code use_vmac}: send and answer from the virtual MAC 00:00:5e:00:01:VRID (a
   *     macvlan interface) instead of the NIC's own MAC (keepalived's default)
   * @param garpLowerPrioRepeat {@code garp_lower_prio_repeat}: gratuitous ARPs a MASTER sends when it
   *     hears a lower priority (0: none, the default)
   * @param higherPrioSendAdvert {@code higher_prio_send_advert}: a MASTER hearing a higher priority
   *     sends one more advertisement before it yields (so that the other hears a lower priority)
   * @param garpMasterRefreshSeconds {@code garp_master_refresh}: a MASTER repeats its gratuitous ARPs
   *     this often (0: never, the default)
   * @param garpMasterRefreshRepeat {@code garp_master_refresh_repeat}: how many per refresh (default 1)
   * @param vmacXmitBase {@code vmac_xmit_base} (with {@code use_vmac}): the advertisements are sent and
   *     received on the parent interface, from the NIC's own MAC, and the socket joins 224.0.0.18 there,
   *     so the kernel reports it from the NIC's MAC; only the gratuitous ARPs leave from the virtual MAC
   */
  public record Instance(
      String name,
      boolean wantMaster,
      String iface,
      int vrid,
      int priority,
      int advertIntCentis,
      boolean preempt,
      int preemptDelayCentis,
      Optional<String> authPass,
      List<Vip> vips,
      int version,
      int garpMasterDelaySeconds,
      int garpMasterRepeat,
      boolean useVmac,
      int garpLowerPrioRepeat,
      boolean higherPrioSendAdvert,
      int garpMasterRefreshSeconds,
      int garpMasterRefreshRepeat,
      boolean vmacXmitBase) {

    public Instance {
      vips = List.copyOf(vips);
    }

    /** The 8 authentication bytes of a VRRPv2 advertisement: the password zero-padded, or zeros. */
    public byte[] authData() {
      byte[] b = new byte[8];
      authPass.ifPresent(p -> {
        byte[] s = p.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(s, 0, b, 0, Math.min(8, s.length));
      });
      return b;
    }

    /** The virtual MAC's macvlan sends the advertisements and joins the group: use_vmac without vmac_xmit_base. */
    public boolean sendsFromVmac() {
      return useVmac && !vmacXmitBase;
    }

    /** The password is never printed. */
    @Override
    public String toString() {
      return "Instance[" + name + " vrid " + vrid + " priority " + priority + " version " + version + " advert_int "
          + advertIntCentis / 100.0 + "s" + (preempt ? "" : " nopreempt") + " auth "
          + (authPass.isPresent() ? "PASS (not shown)" : "none") + " vips " + vips + " on " + iface
          + (useVmac ? " use_vmac" : "") + (useVmac && vmacXmitBase ? " vmac_xmit_base" : "") + "]";
    }
  }
}
