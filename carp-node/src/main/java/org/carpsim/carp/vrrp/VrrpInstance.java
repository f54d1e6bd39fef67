package org.carpsim.carp.vrrp;

import java.util.EnumMap;
import java.util.Map;
import org.carpsim.carp.profile.CarpState;

/**
 * One {@code vrrp_instance} of keepalived 2.2 (vrrp.c {@code vrrp_state_backup},
 * {@code vrrp_state_master_rx}, {@code vrrp_state_master_tx}; vrrp_scheduler.c
 * {@code vrrp_init_state}):
 *
 * <ul>
 *   <li><b>Start.</b> {@code state MASTER} (or priority 255) times out of BACKUP after 1 µs and takes
 *       over at once; otherwise "Entering BACKUP STATE (init)" and the master-down timer
 *       3 × advert_int + skew runs.
 *   <li><b>BACKUP.</b> A valid advertisement of priority 0 ("Backup received priority 0
 *       advertisement") shortens the timer to the skew; one of higher or equal priority, or any with
 *       {@code nopreempt} or within {@code preempt_delay}, restarts it (VRRPv3 adopts the master's
 *       interval); a lower one with preemption on is ignored, so the timer runs out. On time-out:
 *       "Receive advertisement timeout", then MASTER.
 *   <li><b>MASTER.</b> The advertisement goes first, then "Entering MASTER STATE", the VIPs and
 *       {@code garp_master_repeat} gratuitous ARPs, and another round {@code garp_master_delay} s
 *       later. A priority-0 advertisement is answered with one of its own; a lower one ("…with lower
 *       priority …, forcing new election") too; a higher one, or an equal one from a higher IP,
 *       makes it BACKUP and drop the VIPs.
 *   <li><b>Stop.</b> SIGTERM: a MASTER sends priority 0 ("sent 0 priority") and removes the VIPs.
 *       SIGKILL: nothing is sent and the VIPs stay on the interface.
 * </ul>
 *
 * <p>The GARP options of keepalived PR #551 and later: {@code garp_lower_prio_repeat} (a MASTER hearing a
 * lower priority sends that many gratuitous ARPs), {@code higher_prio_send_advert} (a MASTER hearing a
 * higher priority advertises once more before yielding, so the other side hears a lower one), and
 * {@code garp_master_refresh} (checked when an advertisement is due, as in
 * {@code vrrp_state_master_tx}).
 *
 * <p>Not modelled: FAULT (interface tracking), scripts, sync groups, unicast peers,
 * {@code garp_lower_prio_delay}.
 */
public final class VrrpInstance {

  /** What an instance needs from the host it runs on. */
  public interface Port {
    /** A one-shot timer running {@code action}. */
    Timer newTimer(Runnable action);

    /** Now, in microseconds (for garp_master_refresh and preempt_delay). */
    long nowMicros();

    /** The MAC the gratuitous ARPs (and ARP replies) carry, and the NIC's primary IPv4 address. */
    long mac();

    /** The advertisements' source MAC: {@link #mac()} unless they leave by another interface (vmac_xmit_base). */
    default long advertMac() {
      return mac();
    }

    int sourceAddress();

    void transmit(byte[] frame);

    void log(String line);

    void stateChanged(CarpState from, CarpState to, String reason);

    /** The VIPs were added to ({@code true}) or removed from the interface. */
    void vips(boolean on);
  }

  /** A one-shot timer in microseconds. */
  public interface Timer {
    void armAfterMicros(long micros);

    void cancel();
  }

  private final KeepalivedConfig.Instance in;
  private final Port port;
  private final Timer downTimer;
  private final Timer adverTimer;
  private final Timer garpTimer;
  private final Map<KeepalivedCheck.Counter, Long> stats = new EnumMap<>(KeepalivedCheck.Counter.class);
  private CarpState state = CarpState.INIT;
  private int masterAdverIntCentis;
  private int ipId;
  private long preemptUntilMicros;
  private long clockMicros;
  private long refreshDueMicros;
  private boolean stopped;

  public VrrpInstance(KeepalivedConfig.Instance in, Port port) {
    this.in = in;
    this.port = port;
    this.downTimer = port.newTimer(this::downTimerExpired);
    this.adverTimer = port.newTimer(this::advertise);
    this.garpTimer = port.newTimer(this::delayedGarps);
    this.masterAdverIntCentis = in.advertIntCentis();
    for (KeepalivedCheck.Counter c : KeepalivedCheck.Counter.values()) {
      stats.put(c, 0L);
    }
  }

  public KeepalivedConfig.Instance config() {
    return in;
  }

  public CarpState state() {
    return state;
  }

  /** keepalived's counters for this instance. */
  public Map<KeepalivedCheck.Counter, Long> statistics() {
    return Map.copyOf(stats);
  }

  /** The process started: {@code nowMicros} is only used for {@code preempt_delay}. */
  public void start(long nowMicros) {
    clockMicros = nowMicros;
    preemptUntilMicros = nowMicros + in.preemptDelayCentis() * 10_000L;
    if (in.wantMaster()) {
      // "The simplest way to become master is to timeout from the backup state very quickly (1usec)"
      state = CarpState.BACKUP;
      port.stateChanged(CarpState.INIT, CarpState.BACKUP, "keepalived started (state MASTER)");
      downTimer.armAfterMicros(1);
      return;
    }
    port.log(name() + "Entering BACKUP STATE (init)");
    setState(CarpState.BACKUP, "keepalived started");
    downTimer.armAfterMicros(masterDown());
  }

  private String name() {
    return "(" + in.name() + ") ";
  }

  private long skew() {
    return VrrpTimers.skewMicros(in.version(), in.priority(), masterAdverIntCentis);
  }

  private long masterDown() {
    return VrrpTimers.masterDownMicros(in.version(), in.priority(), masterAdverIntCentis);
  }

  private void setState(CarpState to, String reason) {
    CarpState from = state;
    state = to;
    if (from != to) {
      port.stateChanged(from, to, reason);
    }
  }

  private void downTimerExpired() {
    if (stopped || state != CarpState.BACKUP) {
      return;
    }
    port.log(name() + "Receive advertisement timeout");
    // vrrp_state_master_tx: the advertisement first, so that the old master drops the VIPs before our GARPs
    send(in.priority());
    port.log(name() + "Entering MASTER STATE");
    setState(CarpState.MASTER, "master down timer expired");
    port.log(name() + "setting VIPs.");
    port.vips(true);
    garpRound(in.garpMasterRepeat());
    refreshDueMicros = port.nowMicros() + in.garpMasterRefreshSeconds() * 1_000_000L;
    if (in.garpMasterDelaySeconds() > 0) {
      garpTimer.armAfterMicros(in.garpMasterDelaySeconds() * 1_000_000L);
    }
    adverTimer.armAfterMicros(in.advertIntCentis() * 10_000L);
  }

  private void advertise() {
    if (stopped || state != CarpState.MASTER) {
      return;
    }
    send(in.priority());
    long now = port.nowMicros();
    if (in.garpMasterRefreshSeconds() > 0 && now > refreshDueMicros) {
      garpRound(in.garpMasterRefreshRepeat());
      refreshDueMicros = now + in.garpMasterRefreshSeconds() * 1_000_000L;
    }
    adverTimer.armAfterMicros(in.advertIntCentis() * 10_000L);
  }

  private void delayedGarps() {
    if (!stopped && state == CarpState.MASTER) {
      garpRound(in.garpMasterRepeat());
    }
  }

  /** {@code vrrp_send_link_update}: {@code repeat} gratuitous ARPs for every VIP. */
  private void garpRound(int repeat) {
    for (KeepalivedConfig.Vip v : in.vips()) {
      port.log(name() + "Sending/queueing gratuitous ARPs on " + in.iface() + " for " + v.address());
    }
    for (int r = 0; r < repeat; r++) {
      for (KeepalivedConfig.Vip v : in.vips()) {
        port.log("Sending gratuitous ARP on " + in.iface() + " for " + v.address());
        port.transmit(VrrpFrames.gratuitousArp(port.mac(), v.address().value()));
      }
    }
  }

  private void send(int priority) {
    ipId = (ipId + 1) & 0xffff;
    if (ipId == 0) {
      ipId = 1; // "kernel will fill in ID if left to 0, so we overflow to 1"
    }
    port.transmit(VrrpFrames.advertisement(in, port.advertMac(), port.sourceAddress(), ipId, priority));
  }

  /** A packet for this instance's VRID from the raw socket (IPv4 header at {@code ip}). */
  public void receive(byte[] frame, int ip, int length, long nowMicros) {
    if (stopped) {
      return;
    }
    clockMicros = nowMicros;
    KeepalivedCheck.Verdict v = KeepalivedCheck.check(in, frame, ip, length);
    if (!v.ok()) {
      if (v.counter() != KeepalivedCheck.Counter.INTERVAL_MISMATCH) {
        stats.merge(v.counter(), 1L, Long::sum);
      }
      port.log(v.log());
      return;
    }
    stats.merge(KeepalivedCheck.Counter.ADVERT_RCVD, 1L, Long::sum);
    if (v.priority() == 0) {
      stats.merge(KeepalivedCheck.Counter.PRI_ZERO_RCVD, 1L, Long::sum);
    }
    if (state == CarpState.BACKUP) {
      backupReceived(v);
    } else if (state == CarpState.MASTER) {
      masterReceived(v);
    }
  }

  private void backupReceived(KeepalivedCheck.Verdict v) {
    if (v.priority() == 0) {
      port.log(name() + "Backup received priority 0 advertisement");
      downTimer.armAfterMicros(skew());
      return;
    }
    boolean inPreemptDelay = in.preemptDelayCentis() > 0 && clockMicros < preemptUntilMicros;
    if (!in.preempt() || v.priority() >= in.priority() || inPreemptDelay) {
      if (in.version() == 3) {
        masterAdverIntCentis = v.adverIntCentis();
      }
      downTimer.armAfterMicros(masterDown());
    }
    // a lower priority with preemption: ignored, the master-down timer runs out
  }

  private void masterReceived(KeepalivedCheck.Verdict v) {
    int own = in.priority();
    int cmp = Integer.compareUnsigned(v.source().value(), port.sourceAddress());
    boolean higher = v.priority() > own || (v.priority() == own && cmp > 0);
    if (v.priority() == 0 || (in.higherPrioSendAdvert() && higher)) {
      send(own);
      if (v.priority() == 0) {
        return;
      }
    }
    if (v.priority() < own || (v.priority() == own && cmp < 0)) {
      port.log(name() + "Received advert from " + v.source() + " with lower priority " + v.priority() + ", ours "
          + own + ", forcing new election");
      send(own);
      if (in.garpLowerPrioRepeat() > 0) {
        garpRound(in.garpLowerPrioRepeat());
      }
      return;
    }
    if (v.priority() > own) {
      port.log(name() + "Master received advert from " + v.source() + " with higher priority " + v.priority()
          + ", ours " + own);
    } else {
      port.log(name() + "Master received advert from " + v.source() + " with same priority " + v.priority()
          + " but higher IP address than ours");
    }
    if (in.version() == 3) {
      masterAdverIntCentis = v.adverIntCentis();
    }
    adverTimer.cancel();
    garpTimer.cancel();
    port.log(name() + "Entering BACKUP STATE");
    setState(CarpState.BACKUP, "higher priority advertisement");
    port.log(name() + "removing VIPs.");
    port.vips(false);
    downTimer.armAfterMicros(masterDown());
  }

  /**
   * The process got a signal. {@code graceful} (SIGTERM, SIGINT, {@code systemctl stop}): a MASTER
   * sends one priority-0 advertisement and the VIPs are removed. Otherwise (SIGKILL) nothing is sent
   * and the VIPs stay on the interface.
   */
  public void stop(boolean graceful, String reason) {
    if (stopped) {
      return;
    }
    if (graceful) {
      if (state == CarpState.MASTER) {
        send(0);
        port.log(name() + "sent 0 priority");
        port.log(name() + "removing VIPs.");
        port.vips(false);
      }
    }
    stopped = true;
    downTimer.cancel();
    adverTimer.cancel();
    garpTimer.cancel();
    setState(CarpState.INIT, reason);
  }
}
