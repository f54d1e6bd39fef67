package org.carpsim.carp.wire;

import java.util.Optional;

/**
 * A frame that could not be decoded.
 *
 * @param kind what is wrong
 * @param offset byte offset in the frame where the problem was found
 * @param detail a sentence for people: the field, its value and what was needed
 * @param counter the carpstats counter a receiving CARP node increments for this frame, or {@code
 *     null} when the frame never reaches CARP (the Ethernet or IP layer drops it, or it is not IP
 *     protocol 112). It follows OpenBSD's order (§5.6): a short advertisement with a TTL other than
 *     255 counts as {@link CarpStat#BADTTL}, not {@link CarpStat#BADLEN}
 */
public record DecodeError(Kind kind, int offset, String detail, CarpStat counter) implements Decoded {

  /** What is wrong with a frame. */
  public enum Kind {
    /** Fewer than 14 bytes. */
    ETHERNET_TRUNCATED(null),
    /** An 802.1Q tag cut short. */
    VLAN_TRUNCATED(null),
    /** An Ethernet/IPv4 ARP packet shorter than 28 bytes. */
    ARP_TRUNCATED(null),
    /** Fewer than 20 bytes of IPv4 header. */
    IPV4_TRUNCATED(null),
    /** EtherType 0x0800 but the version nibble is not 4. */
    IPV4_BAD_VERSION(null),
    /** Header length below 20, or above the total length. */
    IPV4_BAD_HEADER_LENGTH(null),
    /** The total length runs past the end of the frame. */
    IPV4_TOTAL_LENGTH_EXCEEDS_FRAME(null),
    /** Fewer than 40 bytes of IPv6 header. */
    IPV6_TRUNCATED(null),
    /** EtherType 0x86dd but the version nibble is not 6. */
    IPV6_BAD_VERSION(null),
    /** The payload length runs past the end of the frame. */
    IPV6_PAYLOAD_LENGTH_EXCEEDS_FRAME(null),
    /** An IPv6 extension header runs past the payload. */
    IPV6_EXTENSION_HEADER_TRUNCATED(null),
    /** An IPv4 protocol-112 payload shorter than the 36-byte CARP header, and no VRRP packet. */
    CARP_TOO_SHORT_IPV4(CarpStat.BADLEN),
    /** An IPv6 protocol-112 payload shorter than 36 bytes, and no VRRP packet. */
    CARP_TOO_SHORT_IPV6(CarpStat.BADLEN),
    /** An ICMPv6 message shorter than its 4-byte header. */
    ICMPV6_TRUNCATED(null),
    /** A neighbour solicitation or advertisement shorter than 24 bytes. */
    ND_TRUNCATED(null),
    /** A neighbour discovery option of length 0 or running past the message. */
    ND_BAD_OPTION(null);

    private final CarpStat counter;

    Kind(CarpStat counter) {
      this.counter = counter;
    }

    /**
     * The carpstats counter OpenBSD (1.370) increments for this kind when nothing earlier in its
     * checks failed; empty when the packet never reaches CARP. ({@link CarpStat#HDROPS} is absent on
     * purpose: it counts mbuf failures, which no byte string can cause.)
     */
    public Optional<CarpStat> carpCounter() {
      return Optional.ofNullable(counter);
    }

    /** The counter name ("badlen"), or empty. */
    public Optional<String> carpCounterName() {
      return carpCounter().map(CarpStat::counterName);
    }

    CarpStat counterOrNull() {
      return counter;
    }
  }

  public DecodeError {
    Check.notNull("kind", kind);
    Check.notNull("detail", detail);
  }

  static DecodeError of(Kind kind, int offset, String detail) {
    return new DecodeError(kind, offset, detail, kind.counterOrNull());
  }

  /** The counter a receiving node increments, if the frame reaches CARP at all. */
  public Optional<CarpStat> carpCounter() {
    return Optional.ofNullable(counter);
  }

  @Override
  public String toString() {
    return kind + " at byte " + offset + ": " + detail;
  }
}
