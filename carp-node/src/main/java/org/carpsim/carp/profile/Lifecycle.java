package org.carpsim.carp.profile;

/**
 * How a virtual host starts, stops and reacts to its interfaces (§4.3, §5.1, §5.7, §5.8).
 *
 * @param start the state a freshly configured vhost starts in
 * @param initToMasterWhenPreempting OBSD-1.54/1.94: with preempt on and no suppression, INIT goes
 *     straight to MASTER (ad + ARP + NA) instead of BACKUP. Removed by OBSD-1.137 and in ucarp.
 *     FreeBSD 6 and NetBSD derive from that code and NetBSD still logs "INIT -> MASTER (preempting)",
 *     so they keep it (choice; the reference states it for OBSD-1.54/1.94 only)
 * @param bowOut when an advertisement with advbase 255 / advskew 255 is sent
 * @param rescheduleAfterBowOut whether an ad is scheduled after a 255/255 ad (only OBSD-1.6 did)
 * @param linkLoss what losing the parent's link (or its UP flag) does
 * @param linkRecheckNs ucarp: while the interface is not RUNNING it sleeps this long between checks
 * @param startUp a userland daemon's start-up: from exec to its loop (its receive tick runs from there);
 *     drawn per start. {@link ProcessDelay#NONE} for kernels
 * @param upScript the up-script's run time, which a userland daemon waits for before its first
 *     advertisement as MASTER; drawn per transition. {@link ProcessDelay#NONE} for kernels
 */
public record Lifecycle(
    @Source("carp-protocol.md §5.1; ucarp-lab (start in BACKUP)") Start start,
    @Source("carp-protocol.md §5.1; choice for netbsd/freebsd-6") boolean initToMasterWhenPreempting,
    @Source("carp-protocol.md §4.3") BowOut bowOut,
    @Source("carp-protocol.md §4.3") boolean rescheduleAfterBowOut,
    @Source("carp-protocol.md §5.7") LinkLoss linkLoss,
    @Source("carp-protocol.md §5.7 (UCARP)") long linkRecheckNs,
    @Source("ucarp-lab (fidelity: process start-up 0.05–0.72 s)") ProcessDelay startUp,
    @Source("ucarp-lab (fidelity: up script 6–232 ms, median 20 ms, n = 90)") ProcessDelay upScript) {

  /** A kernel's lifecycle: nothing of it runs as a process. */
  public Lifecycle(Start start, boolean initToMasterWhenPreempting, BowOut bowOut, boolean rescheduleAfterBowOut,
      LinkLoss linkLoss, long linkRecheckNs) {
    this(start, initToMasterWhenPreempting, bowOut, rescheduleAfterBowOut, linkLoss, linkRecheckNs, ProcessDelay.NONE,
        ProcessDelay.NONE);
  }

  /** The same with another up-script run time (the lab's scripts add the address; a script that only logs is quicker). */
  public Lifecycle withUpScript(ProcessDelay value) {
    return new Lifecycle(start, initToMasterWhenPreempting, bowOut, rescheduleAfterBowOut, linkLoss, linkRecheckNs,
        startUp, value);
  }

  /** The same without process delays: a daemon that starts and runs its scripts in no time. */
  public Lifecycle withoutProcessDelays() {
    return new Lifecycle(start, initToMasterWhenPreempting, bowOut, rescheduleAfterBowOut, linkLoss, linkRecheckNs);
  }

  /** The first state of a configured vhost. */
  public enum Start {
    /** Kernels: INIT until the carp interface is UP and RUNNING, then setrun moves it on. */
    INIT_UNTIL_RUNNING,
    /** ucarp: starts in BACKUP and arms master-down at once. */
    BACKUP
  }

  /** When the 255/255 "bow-out" advertisement is sent (§4.3). */
  public enum BowOut {
    /**
     * OBSD ≥1.137: when a carp interface is set administratively down, timers are deleted, each MASTER
     * vhost sends one ad with advbase 255 advskew 255, then all vhosts go INIT.
     */
    ON_ADMIN_DOWN,
    /**
     * OBSD-1.54/1.94, FreeBSD 6, NetBSD: any ad sent while the carp interface is not UP|RUNNING goes
     * out as 255/255; setting a MASTER down sends one such ad before INIT.
     */
    WHEN_NOT_RUNNING_AT_SEND,
    /** Current FreeBSD never sends 255/255; ucarp only if the user configured 255/255. */
    NEVER
  }

  /** What the loss of the parent interface does (§5.7). */
  public enum LinkLoss {
    /** OBSD: clear RUNNING, delete timers, all vhosts INIT, demote +1 "carpdev" (once); back → BACKUP. */
    INIT_AND_DEMOTE,
    /** OBSD 3.5, NetBSD, FreeBSD 6: all vhosts INIT and the global suppression counter +1 (once). */
    INIT_AND_SUPPRESS,
    /**
     * FreeBSD {@code carp_sc_state}: INIT ("hardware interface down"), demotion +=
     * ifdown_demotion_factor (once). The same function runs when {@code net.inet.carp.allow} is set
     * to 0 (and back), so allow = 0 behaves like a lost parent there.
     */
    INIT_AND_DEMOTION_FACTOR,
    /** ucarp: BACKUP, timers cleared, re-check every {@link #linkRecheckNs} (unless --ignoreifstate). */
    BACKUP_AND_RECHECK
  }

  /** This lifecycle with or without OBSD-1.54's INIT → MASTER shortcut. */
  public Lifecycle withInitToMasterWhenPreempting(boolean shortcut) {
    return new Lifecycle(start, shortcut, bowOut, rescheduleAfterBowOut, linkLoss, linkRecheckNs);
  }

  /** This lifecycle with another bow-out rule. */
  public Lifecycle withBowOut(BowOut rule) {
    return new Lifecycle(start, initToMasterWhenPreempting, rule, rescheduleAfterBowOut, linkLoss, linkRecheckNs);
  }

  /** This lifecycle with another reaction to a lost parent. */
  public Lifecycle withLinkLoss(LinkLoss reaction) {
    return new Lifecycle(start, initToMasterWhenPreempting, bowOut, rescheduleAfterBowOut, reaction, linkRecheckNs);
  }
}
