package org.carpsim.carp.profile;

import java.util.List;

/**
 * The order in which a received advertisement is checked (§5.6); how failures are logged is the
 * profile's {@link Wording}.
 *
 * @param receiveChecks the checks in the order the implementation applies them; the first failing one
 *     decides the counter and log line
 * @param ttlCheckedForUnicast whether the TTL is checked for unicast (peer) ads; FreeBSD skips it
 */
public record Validation(
    @Source("carp-protocol.md §5.6") List<ReceiveCheck> receiveChecks,
    @Source("carp-protocol.md §1.1, §5.6") boolean ttlCheckedForUnicast) {

  public Validation {
    receiveChecks = List.copyOf(receiveChecks);
  }

  /** One receive-side check (§5.6); each names the carpstats counter it increments. */
  public enum ReceiveCheck {
    /** {@code net.inet.carp.allow} = 0: silent drop (ipackets already counted). */
    ALLOW,
    /** Received on an interface without carp ({@code carps_badif}). */
    INTERFACE,
    /** TTL / hop limit ≠ 255 ({@code carps_badttl}). */
    TTL,
    /** FreeBSD: TTL only checked in multicast mode ({@code carps_badttl}). */
    TTL_MULTICAST_ONLY,
    /** Shorter than IP header + 36 ({@code carps_badlen}; pullup failure {@code carps_hdrops}). */
    LENGTH,
    /** Checksum over the 36 CARP bytes ({@code carps_badsum}). */
    CHECKSUM,
    /** ucarp: one sum over the IP header and the 36 CARP bytes ("Bad IP checksum"). */
    CHECKSUM_IP_AND_CARP,
    /** No running vhost of that vhid on the parent ({@code carps_badvhid}). */
    VHID,
    /** NetBSD / OBSD-1.137: source equals the first address of a non-SIMPLEX parent: silent drop. */
    OWN_SOURCE_ADDRESS,
    /** ucarp: the BPF filter drops packets from its own {@code --srcip}. */
    OWN_SOURCE_FILTER,
    /** ucarp: destination is not its multicast group ("Ignoring different multicast ip", debug). */
    MULTICAST_DESTINATION,
    /** Version ≠ 2 ({@code carps_badver}). */
    VERSION,
    /** HMAC mismatch ({@code carps_badauth}). */
    HMAC,
    /** OBSD ≥1.270: counter equals our own replay cookie ({@code carps_badauth} on SIMPLEX parents). */
    OWN_REPLAY_COOKIE
  }
}
