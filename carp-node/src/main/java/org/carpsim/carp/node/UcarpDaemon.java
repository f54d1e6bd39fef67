package org.carpsim.carp.node;

import java.util.ArrayDeque;
import java.util.List;
import org.carpsim.carp.config.UcarpOptions;
import org.carpsim.carp.config.UcarpSignal;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.ReceiveRules;
import org.carpsim.carp.profile.Timing;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.carp.wire.Frames;

/**
 * One ucarp 1.5.2 daemon as it really runs on Linux (ucarp-lab.md), modelled on its main loop:
 *
 * <ul>
 *   <li><b>Receive tick.</b> ucarp reads through libpcap with a 1000 ms timeout on a TPACKET_V3 ring:
 *       a captured packet becomes readable only when its ring block is retired, on a tick that runs
 *       every {@code Timing.receiveTickNs} from the moment the daemon opened its capture, i.e. from
 *       the {@code UcarpStart} command (phase = start time, deterministic). A packet is delivered on
 *       the first tick strictly after it arrived; the loop then takes one packet per turn, all at
 *       that instant.
 *   <li><b>The loop.</b> Each turn: if the interface is not RUNNING (and no {@code --ignoreifstate})
 *       go BACKUP, clear the timers and sleep 10 s; else poll(2) with a timeout of
 *       {@code advbase·1000 + advskew·1000/256} ms in BACKUP, or the whole milliseconds until the next
 *       advertisement in MASTER (at least 1). When poll returns (timeout or a readable packet), handle
 *       one packet, then: master-down if now is past its deadline, advertise if now is past the ad
 *       deadline or within 1 ms of it. Deadlines are microsecond timevals of the wall clock
 *       ({@link NodeEnvironment#wallClock}) as in ucarp, so a clock step moves them.
 *   <li><b>Poll wake-up.</b> A poll timeout returns 50 µs after it expires (Linux' default timer
 *       slack); without it a deadline equal to a wake-up would never be "past" (ucarp compares with
 *       {@code >}). So a backup takes over on the first poll return after
 *       {@code deadratio·advbase + advskew/256} from the last <em>processed</em> ad: for advbase 1
 *       advskew 100, 3 × 1.390050 s after it, and master → backup takes tick delay + 4.17015 s
 *       (the lab measured 4.311–4.420 s).
 *   <li><b>Process times</b>, drawn from the host's random stream with the profile's
 *       {@code Lifecycle.startUp} and {@code upScript} distributions (ucarp-lab.md, last section):
 *       the start-up delays the daemon's loop and its receive tick (the capture is not open before);
 *       on BACKUP → MASTER the loop waits for the up-script, then sends the gratuitous ARP and the
 *       first advertisement; the address is on the NIC from the script's end. The next advertisement
 *       is due one interval after the decision (ucarp's {@code now} predates the script), so the first
 *       interval is shorter by the script's run time (lab: 1.29 s instead of 1.39 s).
 *   <li><b>Signals</b> ({@code pkill}, {@code killall}, {@code kill}): SIGKILL ends the process at
 *       once; SIGTERM/INT/QUIT run the down-script first only with {@code --shutdown}. No bow-out;
 *       the address stays on the NIC unless a down-script ran. The vhost goes INIT ("killed (SIGKILL)").
 *   <li><b>Not modelled:</b> the down-script's run time, write() errors and the suppression they cause.
 * </ul>
 *
 * <p>The scripts are not run: {@code Spawning [SCRIPT IF VIP]} is logged as ucarp logs it, and an
 * up-script is taken to add the VIP to the interface (as ucarp's example scripts do), a down-script
 * to remove it; while held, the host answers ARP for the VIP with its own MAC. Without an up-script
 * nothing adds the VIP. ucarp keeps no statistics; the simulator counts carpstats for it anyway.
 */
final class UcarpDaemon {

  /** Linux' default {@code timer_slack_ns}: how late a poll(2) timeout returns. */
  static final long POLL_SLACK_NS = 50_000;

  private record Captured(long atNs, byte[] frame) {}

  final CarpIf sc;
  private final CarpHost h;
  private final Profile p;
  private final CarpLog log;
  private final UcarpOptions o;
  private final Nic nic;
  private final Vhost v;
  private final long startNs;
  private final long tickNs;
  private final NodeTimer pollTimer;
  private final NodeTimer tickTimer;
  /** The process start-up, then the up-script the loop waits for. */
  private final NodeTimer processTimer;
  private final ArrayDeque<Captured> pending = new ArrayDeque<>();
  private int ready;
  private boolean adSet;
  private long adTmoUs;
  private boolean mdSet;
  private long mdTmoUs;
  private long nowUs;
  private boolean ifaceRunning = true;
  private boolean sleeping;
  private boolean vipHeld;
  private boolean dead;
  /** Between exec and the loop's start: the capture is not open yet. */
  private boolean starting;
  /** Waiting for the up-script (ucarp's spawn_handler waits for its child). */
  private boolean inScript;
  private int delayedArp = -1;

  UcarpDaemon(CarpHost h, CarpIf sc) {
    this.h = h;
    this.sc = sc;
    this.p = h.profile();
    this.log = h.log();
    this.o = sc.ucarp;
    this.nic = sc.carpdev;
    this.v = sc.leader();
    // the capture opens, and the receive tick starts, when the process is up
    this.startNs = h.env().now() + p.lifecycle().startUp().draw(h.random());
    this.tickNs = p.timing().receiveTickNs();
    this.pollTimer = h.env().newTimer(this::pollReturned);
    this.tickTimer = h.env().newTimer(this::tick);
    this.processTimer = h.env().newTimer(this::processStep);
  }

  Vhost vhost() {
    return v;
  }

  /** When the process is up (its socket joins the group, IP_ADD_MEMBERSHIP, unless --nomcast). */
  long startNs() {
    return startNs;
  }

  /** Whether the daemon joins its multicast group (not with --nomcast). */
  boolean joinsGroup() {
    return !o.noMulticast();
  }

  int group() {
    return o.multicastGroup().value();
  }

  boolean debug() {
    return o.debug();
  }

  /**
   * The up-script added the VIP and no down-script removed it since. The address is the host's: it
   * outlives the daemon (a killed daemon's host keeps it and answers ARP for it).
   */
  boolean holdsVip() {
    return vipHeld;
  }

  /** The process was killed or exited: its loop, timers and capture are gone. */
  boolean dead() {
    return dead;
  }

  /** A new daemon on the same host starts with the address the old one left on the NIC. */
  void inheritAddress(UcarpDaemon previous) {
    vipHeld = previous.vipHeld;
  }

  /**
   * A signal from pkill/killall/kill. SIGKILL: the process is gone at once, no script runs. A caught
   * signal reaches {@code sighandler_exit}: with {@code --shutdown} the down-script runs, then ucarp
   * exits; ucarp 1.5.2 sends no bow-out advertisement in either case.
   */
  void signal(UcarpSignal signal) {
    if (signal.caught() && o.shutdown()) {
      spawn(o.downscript().orElse(null), false);
    }
    pollTimer.cancel();
    tickTimer.cancel();
    if (starting) {
      processTimer.cancel();
    }
    pending.clear();
    ready = 0;
    adSet = false;
    mdSet = false;
    dead = true;
    CarpState from = v.state;
    v.state = CarpState.INIT;
    if (from == CarpState.INIT) {
      return; // killed during its start-up: it never left INIT
    }
    h.listener().onTransition(new Transition(h.env().now(), sc.name, v.vhid, nic.name, from, CarpState.INIT,
        "killed (" + signal.sigName() + ")", List.of(o.virtualAddress())));
  }

  // ---- the loop ---------------------------------------------------------------------------------

  void start() {
    long delay = startNs - h.env().now();
    if (delay > 0) {
      starting = true;
      processTimer.armAfter(delay);
      return;
    }
    run();
  }

  private void run() {
    nowUs = h.env().wallClock() / 1000;
    setrun();
    loop();
  }

  /** The start-up or the up-script is over. */
  private void processStep() {
    if (starting) {
      starting = false;
      run();
    } else if (inScript) {
      inScript = false;
      vipHeld = true; // the script is a process of its own: it adds the VIP even if ucarp was killed meanwhile
      if (!dead) {
        // nowUs stays the loop's gettimeofday() from before the script, as in ucarp: the next
        // advertisement is due one interval after the decision, so the first interval is shorter
        enterMaster();
        loop();
      }
    }
  }

  /** The top of {@code for (;;)}: the interface check, then poll. */
  private void loop() {
    if (inScript) {
      return; // blocked in waitpid() for the up-script
    }
    while (true) {
      nowUs = h.env().wallClock() / 1000;
      if (!o.ignoreInterfaceState() && !nic.running()) {
        setState(CarpState.BACKUP, Engine.R_IF_DOWN);
        adSet = false;
        mdSet = false;
        ifaceRunning = false;
        sleeping = true;
        pollTimer.armAfter(p.lifecycle().linkRecheckNs());
        return;
      } else if (!ifaceRunning) {
        ifaceRunning = true;
        setrun();
      }
      long pollMs = adSet ? msOf(adTmoUs - nowUs) : o.advbase() * 1000L + o.advskew() * 1000L / 256;
      pollMs = Math.max(1, pollMs);
      if (ready > 0) {
        afterPoll(true);
        continue;
      }
      pollTimer.armAfter(pollMs * 1_000_000L + POLL_SLACK_NS);
      return;
    }
  }

  /** A timeval difference in ms as ucarp computes it: {@code tv_sec*1000 + tv_usec/1000} after timersub. */
  private static long msOf(long diffUs) {
    return Math.floorDiv(diffUs, 1_000_000L) * 1000 + Math.floorMod(diffUs, 1_000_000L) / 1000;
  }

  private void pollReturned() {
    if (sleeping) {
      sleeping = false; // sleep(10) is over: `continue` to the top of the loop
      loop();
      return;
    }
    afterPoll(false);
    loop();
  }

  /** The ring block retired: captured packets become readable; a waiting poll returns now. */
  private void tick() {
    long now = h.env().now();
    int n = 0;
    for (Captured c : pending) {
      if (c.atNs() < now) {
        n++;
      }
    }
    ready = n;
    if (pending.size() > ready) {
      tickTimer.armAfter(nextTick(now) - now);
    }
    if (ready > 0 && !sleeping && !inScript) {
      pollTimer.cancel();
      afterPoll(true);
      loop();
    }
  }

  private long nextTick(long t) {
    return startNs + ((t - startNs) / tickNs + 1) * tickNs;
  }

  /** After poll(2) returned: one packet if readable, then the master-down and advertisement checks. */
  private void afterPoll(boolean readable) {
    nowUs = h.env().wallClock() / 1000;
    if (readable && ready > 0) {
      ready--;
      process(pending.poll().frame());
    }
    if (mdSet && nowUs > mdTmoUs) {
      masterDown(Engine.R_TIMED_OUT);
    }
    if (adSet && (nowUs > adTmoUs || Math.abs(msOf(adTmoUs - nowUs)) <= 1)) {
      sendAd();
    }
  }

  // ---- capture ----------------------------------------------------------------------------------

  /** The BPF filter {@code proto 112 and src host not SRCIP}; matching frames wait for a tick. */
  void capture(byte[] frame, int src) {
    if (dead || starting || src == o.sourceAddress().value()) {
      return;
    }
    long now = h.env().now();
    pending.add(new Captured(now, frame));
    if (!tickTimer.isArmed()) {
      tickTimer.armAfter(nextTick(now) - now);
    }
  }

  private void process(byte[] f) {
    h.ucarpInput(nic, f, this);
  }

  // ---- ucarp's carp.c ---------------------------------------------------------------------------

  private void setState(CarpState to, String reason) {
    CarpState from = v.state;
    if (from == to) {
      return;
    }
    switch (to) {
      case INIT:
        log.ucarp(CarpLog.INFO, "Switching to state: INIT", o.debug());
        break;
      case BACKUP:
        log.ucarp(CarpLog.WARNING, "Switching to state: BACKUP", o.debug());
        if (from != CarpState.INIT || !o.neutral()) {
          spawn(o.downscript().orElse(null), false);
        }
        break;
      default:
        log.ucarp(CarpLog.WARNING, "Switching to state: MASTER", o.debug());
        spawn(o.upscript().orElse(null), true);
        break;
    }
    v.state = to;
    h.listener().onTransition(new Transition(h.env().now(), sc.name, v.vhid, nic.name, from, to, reason,
        List.of(o.virtualAddress())));
  }

  private void spawn(String script, boolean up) {
    if (!hasScript(script)) {
      return;
    }
    log.ucarp(CarpLog.WARNING, "Spawning [" + script + " " + sc.name + " " + o.virtualAddress()
        + o.extraParameter().map(x -> " " + x).orElse("") + "]", o.debug());
    if (!up) {
      vipHeld = false;
    }
  }

  private static boolean hasScript(String script) {
    return script != null && !script.isEmpty();
  }

  private void setrun() {
    nowUs = h.env().wallClock() / 1000;
    long skewUs = Timing.skewMicros(o.advskew());
    switch (v.state) {
      case INIT:
        setState(CarpState.BACKUP, Engine.R_INIT_COMPLETE);
        setrun();
        break;
      case BACKUP:
        adSet = false;
        mdTmoUs = nowUs + (long) o.advbase() * o.deadRatio() * 1_000_000L + skewUs;
        mdSet = true;
        break;
      default:
        // ucarp sets sc_md_tmo here (not sc_ad_tmo); harmless, master-down does nothing in MASTER
        mdTmoUs = nowUs + o.advbase() * 1_000_000L + skewUs;
        mdSet = true;
        break;
    }
  }

  private void masterDown(String reason) {
    switch (v.state) {
      case INIT:
        log.ucarp(CarpLog.DEBUG, "master_down event in INIT state", o.debug());
        break;
      case BACKUP: {
        setState(CarpState.MASTER, reason);
        long script = hasScript(o.upscript().orElse(null)) ? p.lifecycle().upScript().draw(h.random()) : 0;
        if (script > 0) {
          inScript = true;
          pollTimer.cancel();
          processTimer.armAfter(script);
        } else {
          vipHeld |= hasScript(o.upscript().orElse(null));
          enterMaster();
        }
        break;
      }
      default:
        break;
    }
  }

  /** After the up-script: the gratuitous ARP, the first advertisement as MASTER, the timers. */
  private void enterMaster() {
    if (v.state != CarpState.MASTER) {
      return; // a better advertisement cannot arrive while blocked; kept for safety
    }
    gratuitousArp();
    sendAd();
    delayedArp = 2;
    setrun();
  }

  private void sendAd() {
    int advskew = o.advskew();
    long counter = v.counter.nextForAdvertisement();
    h.engine().ensureHmac(v);
    long dstMac = o.noMulticast() ? Wire.BROADCAST_MAC : Frames.multicastMac(o.multicastGroup()).value();
    byte[] frame = Emitter.ad4(dstMac, 0x00005e000000L | v.vhid, 0x10, (int) (h.random().nextLong() & 0xffff), 255,
        o.sourceAddress().value(), o.multicastGroup().value(), v.vhid, advskew, 0, o.advbase(), counter, v.md(counter));
    sc.stats[CarpStat.OPACKETS.ordinal()]++;
    h.transmit(nic, frame);
    if (delayedArp > 0) {
      delayedArp--;
    }
    if (delayedArp == 0) {
      if (v.state == CarpState.MASTER) {
        gratuitousArp();
      }
      delayedArp = -1;
    }
    if (o.advbase() != 255 || advskew != 255) {
      adTmoUs = nowUs + o.advbase() * 1_000_000L + Timing.skewMicros(advskew);
      adSet = true;
    }
  }

  /** ucarp's garp.c: an ARP request from the NIC's own MAC, sha = tha = that MAC, spa = tpa = the VIP. */
  private void gratuitousArp() {
    MacAddress mac = nic.mac;
    int vip = o.virtualAddress().value();
    h.transmit(nic, Emitter.arp(Wire.BROADCAST_MAC, mac.value(), 1, mac.value(), vip, mac.value(), vip));
  }

  /** The packet handler's state rules (§5.3 UCARP), after the checks passed. */
  void onAdvertisement(int advbase, int advskew, int src4) {
    ReceiveRules.Local local = new ReceiveRules.Local(o.advbase(), p.effectiveAdvskew(o.advskew(), 0), 0, o.preempt(),
        o.deadRatio(), o.sourceAddress().value());
    ReceiveRules.Advert ad = new ReceiveRules.Advert(advbase, advskew, 0, src4);
    switch (v.state) {
      case MASTER:
        switch (p.onAdvertisementAsMaster(local, ad)) {
          case YIELD_AFTER_ONE_MORE_AD:
            sendAd();
            setState(CarpState.BACKUP, Engine.R_MORE_FREQUENT);
            setrun();
            log.ucarp(CarpLog.WARNING, "Preferred master advertised: going back to BACKUP state", o.debug());
            break;
          case YIELD:
            setState(CarpState.BACKUP, Engine.R_MORE_FREQUENT);
            setrun();
            break;
          case STAY_AND_REASSERT:
            gratuitousArp();
            delayedArp = 2;
            log.ucarp(CarpLog.WARNING,
                "Non-preferred master advertising: reasserting control of VIP with another gratuitous arp", o.debug());
            break;
          default:
            break;
        }
        break;
      case BACKUP:
        switch (p.onAdvertisementAsBackup(local, ad)) {
          case TAKE_OVER_PREEMPTING:
            masterDown(Engine.R_PREEMPT);
            log.ucarp(CarpLog.WARNING, "Putting MASTER down - preemption", o.debug());
            break;
          case TAKE_OVER_WILL_TIME_OUT:
          case TAKE_OVER_MORE_DEMOTED:
            masterDown(Engine.R_WILL_TIME_OUT);
            log.ucarp(CarpLog.WARNING, "Putting MASTER DOWN (going to time out)", o.debug());
            break;
          default:
            setrun();
            break;
        }
        break;
      default:
        break;
    }
  }
}
