package org.carpsim.carp.profile;

import org.carpsim.carp.auth.CounterScheme;
import org.carpsim.carp.auth.HmacScheme;

/**
 * How advertisements are authenticated (§2, §3).
 *
 * @param hmac which bytes are fed to HMAC-SHA1
 * @param counter what goes into the 8 counter bytes and what is done with a peer's
 * @param acceptsEitherV6Context OBSD ≥1.137 accepts an HMAC computed with or without scoped IPv6
 *     addresses ({@code HMAC_ORIG} / {@code HMAC_NOV6LL}); everything else has one context
 * @param emptyPassKeepsKey FreeBSD: the kernel only replaces the key when the first byte is non-zero,
 *     so {@code pass ""} cannot clear an existing key
 */
public record Authentication(
    @Source("carp-protocol.md §2.2–§2.5") HmacScheme hmac,
    @Source("carp-protocol.md §3; ucarp-lab") CounterScheme counter,
    @Source("carp-protocol.md §2.2") boolean acceptsEitherV6Context,
    @Source("carp-protocol.md §2.1 (FBSD)") boolean emptyPassKeepsKey) {

  /** This scheme feeding other bytes to HMAC-SHA1. */
  public Authentication withHmac(HmacScheme scheme) {
    return new Authentication(scheme, counter, acceptsEitherV6Context, emptyPassKeepsKey);
  }

  /** This scheme with FreeBSD's "empty pass keeps the key" switched on or off. */
  public Authentication withEmptyPassKeepsKey(boolean keeps) {
    return new Authentication(hmac, counter, acceptsEitherV6Context, keeps);
  }
}
