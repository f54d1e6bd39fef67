package org.carpsim.carp.auth;

/**
 * Which bytes an implementation feeds to HMAC-SHA1 (carp-protocol.md §2). The key is always the
 * passphrase bytes (at most 19), so only the message differs.
 */
public enum HmacScheme {
  /**
   * OpenBSD since 2007 (§2.2): {@code 02 01 [lladdr] vhid sortedV4 sortedV6 counter}; sends without
   * scoped IPv6 addresses and accepts either context.
   */
  OPENBSD,
  /**
   * OpenBSD 3.5–3.7 and FreeBSD 6 (§2.3, §2.4): addresses in interface order, scoped IPv6 included
   * with the scope bytes zeroed, one context, no lladdr.
   */
  INTERFACE_ORDER,
  /** NetBSD and current FreeBSD (§2.4): sorted, scoped IPv6 with scope zeroed, one context, no lladdr. */
  SORTED,
  /** ucarp (§2.5): {@code 02 01 vhid VIP counter}, exactly one IPv4 address. */
  UCARP
}
