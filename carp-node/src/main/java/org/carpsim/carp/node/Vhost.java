package org.carpsim.carp.node;

import org.carpsim.carp.auth.CarpCounter;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.CarpState;

/**
 * One virtual host entry (OpenBSD's {@code carp_vhost_entry}, the older kernels' whole softc): a vhid
 * with its own state, timers, counter and HMAC.
 */
final class Vhost {

  final CarpIf sc;
  final int vhid;
  int advskew;
  CarpState state = CarpState.INIT;
  final NodeTimer adTimer;
  final NodeTimer mdTimer;
  final NodeTimer md6Timer;
  final CarpCounter counter;
  /** Prepared HMAC; null until first needed after a configuration change. */
  CarpHmac hmac;
  /** The vhost's own MAC ({@code vhe_enaddr}): 00:00:5e:00:01:vhid, multicast bit in balancing ip. */
  MacAddress enaddr;
  /** The state rules' inputs at the last advertisement received, reused while they stay the same. */
  org.carpsim.carp.profile.ReceiveRules.Local lastLocal;
  org.carpsim.carp.profile.ReceiveRules.Advert lastAdvert;

  // Send cache: the HMAC of the last counter sent (a replay cookie never changes).
  private long sentCounter;
  private byte[] sentMd;
  // Receive cache: the last counter + digest that verified (a master's cookie never changes).
  private long okCounter;
  private final byte[] okMd = new byte[CarpHmac.LENGTH];
  private boolean okValid;

  Vhost(CarpIf sc, int vhid, int advskew, NodeEnvironment env, Runnable adFire, Runnable mdFire, Runnable md6Fire,
      CarpCounter counter) {
    this.sc = sc;
    this.vhid = vhid;
    this.advskew = advskew;
    this.adTimer = env.newTimer(adFire);
    this.mdTimer = env.newTimer(mdFire);
    this.md6Timer = env.newTimer(md6Fire);
    this.counter = counter;
    this.enaddr = MacAddress.carpVirtual(vhid);
  }

  boolean isLeader() {
    return !sc.vhosts.isEmpty() && sc.vhosts.get(0) == this;
  }

  void cancelTimers() {
    adTimer.cancel();
    mdTimer.cancel();
    md6Timer.cancel();
  }

  /** Forgets the prepared HMAC and both caches (key, addresses, vhid or lladdr changed). */
  void invalidateHmac() {
    hmac = null;
    sentMd = null;
    okValid = false;
  }

  /** The HMAC for {@code counter}, computed once per distinct counter. */
  byte[] md(long counter) {
    if (sentMd == null || sentCounter != counter) {
      sentMd = hmac.compute(counter);
      sentCounter = counter;
    }
    return sentMd;
  }

  /**
   * Verifies the 20 digest bytes at {@code off} of {@code frame} for {@code counter}; a repeat of the
   * last verified pair costs a comparison, not two SHA-1 finishes.
   */
  boolean verify(long counter, byte[] frame, int off) {
    if (okValid && okCounter == counter && regionEquals(frame, off, okMd)) {
      return true;
    }
    byte[] md = new byte[CarpHmac.LENGTH];
    System.arraycopy(frame, off, md, 0, CarpHmac.LENGTH);
    if (!hmac.verify(counter, md)) {
      return false;
    }
    System.arraycopy(md, 0, okMd, 0, CarpHmac.LENGTH);
    okCounter = counter;
    okValid = true;
    return true;
  }

  private static boolean regionEquals(byte[] a, int off, byte[] b) {
    int diff = 0;
    for (int i = 0; i < b.length; i++) {
      diff |= a[off + i] ^ b[i];
    }
    return diff == 0;
  }

  @Override
  public String toString() {
    return sc.name + " vhid " + vhid + " " + state;
  }
}
