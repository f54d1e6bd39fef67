package org.carpsim.carp.auth;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The 8 counter bytes of one virtual host's advertisements, per {@link CounterScheme}
 * (carp-protocol.md §3, ucarp-lab.md). The counter is a {@code long} written big-endian: word 0 is
 * the high 32 bits. Randomness comes only from the generator passed in, so the same seed gives the
 * same counters.
 *
 * <p>Not thread-safe: it belongs to one virtual host, driven by one event loop.
 */
public final class CarpCounter {

  private final CounterScheme scheme;
  private final RandomGenerator random;
  /** REPLAY_COOKIE: the cookie (0 until the first advertisement); others: the last value sent. */
  private long value;
  /** Counter not yet initialised (INCREMENT_ADOPT) or not yet adopted from a peer (UCARP). */
  private boolean fresh = true;

  public CarpCounter(CounterScheme scheme, RandomGenerator random) {
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.random = Objects.requireNonNull(random, "random");
  }

  public CounterScheme scheme() {
    return scheme;
  }

  /**
   * The counter to put in the advertisement being sent now, advancing the state:
   *
   * <ul>
   *   <li>REPLAY_COOKIE: a random cookie drawn before the first advertisement (while it is zero),
   *       then the same cookie forever;
   *   <li>INCREMENT_ADOPT: a random value for the first advertisement, then +1 each time (wrapping
   *       after 2^64-1); an adopted counter is followed by adopted+1;
   *   <li>UCARP: a fresh random value every time until a peer's counter was adopted, then +1.
   * </ul>
   */
  public long nextForAdvertisement() {
    switch (scheme) {
      case REPLAY_COOKIE:
        if (value == 0) {
          value = random.nextLong();
        }
        return value;
      case INCREMENT_ADOPT:
        value = fresh ? random.nextLong() : value + 1;
        fresh = false;
        return value;
      case UCARP:
        value = fresh ? random.nextLong() : value + 1;
        return value;
      default:
        throw new AssertionError(scheme);
    }
  }

  /**
   * Called for every advertisement whose HMAC verified: the older schemes overwrite their counter
   * with the peer's ("XXX Replay protection goes here"); the cookie scheme keeps its own.
   */
  public void adopt(long received) {
    if (scheme != CounterScheme.REPLAY_COOKIE) {
      value = received;
      fresh = false;
    }
  }

  /**
   * True when an authenticated advertisement carries our own replay cookie, which current OpenBSD
   * drops as a looped-back packet or replay (§3, §5.6 step 9). Always false for the other schemes.
   * Before the first advertisement the cookie is still zero, so, exactly as in the kernel
   * (bcmp against the unset cookie), a peer's all-zero counter is taken for our own.
   */
  public boolean isOwnCookie(long received) {
    return scheme == CounterScheme.REPLAY_COOKIE && received == value;
  }

  /** The last counter sent or adopted (the cookie for REPLAY_COOKIE); 0 before any. */
  public long current() {
    return value;
  }
}
