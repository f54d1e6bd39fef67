package org.carpsim.carp.auth;

/** What an implementation puts in the 8 counter bytes and what it does with a peer's (§3). */
public enum CounterScheme {
  /**
   * OpenBSD since 2015: a random cookie fixed for the life of the vhost; receiving our own cookie
   * means a loop or a replay.
   */
  REPLAY_COOKIE,
  /**
   * Older OpenBSD, NetBSD, FreeBSD: a random start, +1 per advertisement, and the counter of every
   * authenticated advertisement received is adopted.
   */
  INCREMENT_ADOPT,
  /**
   * ucarp as observed (ucarp-lab.md): a fresh random value in every advertisement until an
   * authenticated one is received; then adopt it and +1 per advertisement.
   */
  UCARP
}
