package org.carpsim.carp.node;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.config.UcarpSignal;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.vrrp.KeepalivedConfig;
import org.carpsim.carp.vrrp.VrrpInstance;
import org.carpsim.carp.wire.Bytes;

/**
 * One keepalived 2.2 process on a Linux host (profile {@code keepalived}): its VRRP instances, each
 * on a NIC of the host, receiving from a raw protocol-112 socket joined to 224.0.0.18 (so after the
 * IP layer's checks; the dispatcher hands a packet to the instance of its VRID on that interface,
 * packets for other VRIDs are dropped unseen). The VIPs an instance adds are the host's addresses:
 * the kernel answers ARP for them with the NIC's MAC (no {@code use_vmac}) and takes traffic to them,
 * also after a SIGKILL left them behind. Each instance's socket joins 224.0.0.18 while the process
 * runs; {@link Memberships} sends the kernel's reports for it, from the virtual MAC with
 * {@code use_vmac} (see {@link Bound#membershipMac()}).
 */
final class KeepalivedDaemon {

  /** One instance bound to its NIC. */
  static final class Bound implements VrrpInstance.Port {
    final Nic nic;
    final VrrpInstance instance;
    private final CarpHost h;
    boolean vipsHeld;

    Bound(CarpHost h, Nic nic, KeepalivedConfig.Instance config) {
      this.h = h;
      this.nic = nic;
      this.instance = new VrrpInstance(config, this);
    }

    @Override
    public VrrpInstance.Timer newTimer(Runnable action) {
      NodeTimer t = h.env().newTimer(action);
      return new VrrpInstance.Timer() {
        @Override
        public void armAfterMicros(long micros) {
          t.armAfter(micros * 1000);
        }

        @Override
        public void cancel() {
          t.cancel();
        }
      };
    }

    @Override
    public long nowMicros() {
      return h.env().now() / 1000;
    }

    /** The NIC's MAC, or with use_vmac the macvlan's 00:00:5e:00:01:VRID. */
    @Override
    public long mac() {
      return instance.config().useVmac() ? MacAddress.carpVirtual(instance.config().vrid()).value() : nic.macValue;
    }

    /** With vmac_xmit_base the advertisements leave by the parent NIC, from its own MAC. */
    @Override
    public long advertMac() {
      return instance.config().useVmac() && !instance.config().sendsFromVmac() ? nic.macValue : mac();
    }

    /**
     * The MAC the kernel sends this instance's IGMP reports for 224.0.0.18 from: its socket joins the
     * group on the macvlan with use_vmac (keepalived #882, #1957), on the NIC otherwise.
     */
    long membershipMac() {
      return instance.config().sendsFromVmac() ? mac() : nic.macValue;
    }

    @Override
    public int sourceAddress() {
      return nic.addrs.v4.isEmpty() ? 0 : nic.addrs.v4.get(0).address().value();
    }

    @Override
    public void transmit(byte[] frame) {
      h.transmit(nic, frame);
    }

    @Override
    public void log(String line) {
      h.log().keepalived(line);
    }

    @Override
    public void stateChanged(CarpState from, CarpState to, String reason) {
      h.listener().onTransition(new Transition(h.env().now(), nic.name, instance.config().vrid(), nic.name, from, to,
          reason, vipAddresses()));
    }

    @Override
    public void vips(boolean on) {
      vipsHeld = on;
    }

    boolean holds(int address) {
      if (!vipsHeld) {
        return false;
      }
      for (KeepalivedConfig.Vip v : instance.config().vips()) {
        if (v.address().value() == address) {
          return true;
        }
      }
      return false;
    }

    List<Ipv4Address> vipAddresses() {
      List<Ipv4Address> out = new ArrayList<>();
      instance.config().vips().forEach(v -> out.add(v.address()));
      return out;
    }
  }

  final List<Bound> instances = new ArrayList<>();
  private final boolean disableLocalIgmp;
  private boolean dead;
  /** A graceful stop writes igmp_link_local_mcast_reports back; a SIGKILL leaves it cleared. */
  private boolean stoppedGracefully;
  private boolean sysctlRestored;

  KeepalivedDaemon(CarpHost h, KeepalivedConfig config, KeepalivedDaemon previous) {
    this.disableLocalIgmp = config.disableLocalIgmp();
    for (KeepalivedConfig.Instance in : config.instances()) {
      Bound b = new Bound(h, h.nics.get(in.iface()), in);
      if (previous != null) {
        // the VIPs a killed keepalived left on the interface are still there
        for (Bound old : previous.instances) {
          if (old.nic == b.nic && old.instance.config().vrid() == in.vrid()) {
            b.vipsHeld = old.vipsHeld;
          }
        }
      }
      instances.add(b);
    }
  }

  boolean dead() {
    return dead;
  }

  /**
   * Whether the running daemon cleared igmp_link_local_mcast_reports (disable_local_igmp): the kernel
   * then reports no 224.0.0.x group until keepalived writes the saved value back as it stops.
   */
  boolean silencesLocalIgmp() {
    return disableLocalIgmp && !sysctlRestored;
  }

  void start(long nowMicros) {
    for (Bound b : instances) {
      b.instance.start(nowMicros);
    }
  }

  /** SIGTERM/SIGINT stop gracefully (priority 0, VIPs removed); SIGKILL leaves everything as it is. */
  void signal(UcarpSignal signal, String tool) {
    boolean graceful = signal == UcarpSignal.TERM || signal == UcarpSignal.INT;
    for (Bound b : instances) {
      b.instance.stop(graceful, (tool.equals("systemctl") ? "systemctl stop" : "killed") + " (" + signal.sigName()
          + ")");
    }
    dead = true;
    stoppedGracefully = graceful;
  }

  /**
   * After the kernel has dropped the stopped daemon's memberships: keepalived closes its sockets
   * (whose leaves the cleared sysctl still silences) before it writes the saved value back.
   */
  void exited() {
    sysctlRestored = dead && stoppedGracefully;
  }

  /** An IPv4 protocol-112 packet to 224.0.0.18 that passed the IP layer on {@code nic}. */
  void receive(Nic nic, byte[] f, int ip, int length, long nowMicros) {
    if (dead) {
      return;
    }
    int ihl = (Bytes.u8(f, ip) & 0xf) * 4;
    if (length < ihl + 2) {
      return;
    }
    int vrid = Bytes.u8(f, ip + ihl + 1);
    for (Bound b : instances) {
      if (b.nic == nic && b.instance.config().vrid() == vrid) {
        b.instance.receive(f, ip, length, nowMicros);
      }
    }
  }

  /** The MAC the host answers ARP for {@code address} with on {@code nic}, or -1 when no VIP there is held. */
  long arpMac(Nic nic, int address) {
    for (Bound b : instances) {
      if (b.nic == nic && b.holds(address)) {
        return b.mac();
      }
    }
    return -1;
  }

  /** Whether a unicast frame to {@code mac} is for this host: a use_vmac instance's macvlan on {@code nic}. */
  boolean ownsMac(Nic nic, long mac) {
    for (Bound b : instances) {
      if (b.nic == nic && b.instance.config().useVmac() && b.mac() == mac) {
        return true;
      }
    }
    return false;
  }

  /** Whether a VRRP instance runs on {@code nic}: its answers follow the daemon's VIPs, not the kernel's vhosts. */
  boolean runsOn(Nic nic) {
    for (Bound b : instances) {
      if (b.nic == nic) {
        return true;
      }
    }
    return false;
  }

  /** The MACs besides the NIC's own the instances on {@code nic} may take packets for (use_vmac). */
  long[] macsOn(Nic nic) {
    return instances.stream().filter(b -> b.nic == nic && b.mac() != nic.macValue).mapToLong(Bound::mac).distinct()
        .toArray();
  }

  /** Whether the host takes a client's packet for {@code address} that came to {@code dst} on {@code nic}. */
  boolean takes(Nic nic, long dst, int address) {
    for (Bound b : instances) {
      if (b.nic == nic && b.holds(address) && (dst == nic.macValue || dst == b.mac())) {
        return true;
      }
    }
    return false;
  }
}
