package org.carpsim.carp.wire;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;

/**
 * An ICMPv6 neighbour advertisement (type 136, RFC 4861 §4.4); a new CARP master sends an
 * unsolicited one per IPv6 address with Override set (§6).
 *
 * @param code 0
 * @param checksum ICMPv6 checksum (with the IPv6 pseudo-header) as on the wire
 * @param router R flag
 * @param solicited S flag
 * @param override O flag
 * @param reserved the 29 reserved bits
 * @param target the address advertised
 * @param options usually one target link-layer address option
 */
public record NeighborAdvertisement(
    int code, int checksum, boolean router, boolean solicited, boolean override, int reserved, Ipv6Address target, List<NdOption> options)
    implements IpPayload {

  public static final int ICMPV6_TYPE = 136;

  public NeighborAdvertisement {
    Check.u8("ICMPv6 code", code);
    Check.u16("ICMPv6 checksum", checksum);
    Check.range("NA reserved bits", reserved, 0, 0x1fff_ffff);
    Check.notNull("target", target);
    options = List.copyOf(Check.notNull("options", options));
  }

  /** An advertisement with the target link-layer option; the checksum is filled in by {@link Ipv6Packet#of}. */
  public static NeighborAdvertisement of(boolean router, boolean solicited, boolean override, Ipv6Address target, MacAddress targetLinkLayer) {
    return new NeighborAdvertisement(0, 0, router, solicited, override, 0, target, List.of(NdOption.targetLinkLayer(targetLinkLayer)));
  }

  /** The target link-layer address option's MAC, if present. */
  public Optional<MacAddress> targetLinkLayerAddress() {
    return NdOption.find(options, NdOption.TARGET_LINK_LAYER_ADDRESS);
  }

  public boolean checksumOk(Ipv6Address source, Ipv6Address destination) {
    return Icmpv6.verifies(this, source, destination);
  }

  public NeighborAdvertisement withCorrectChecksum(Ipv6Address source, Ipv6Address destination) {
    NeighborAdvertisement zero = new NeighborAdvertisement(code, 0, router, solicited, override, reserved, target, options);
    return new NeighborAdvertisement(code, Icmpv6.checksum(zero, source, destination), router, solicited, override, reserved, target, options);
  }

  @Override
  public int protocol() {
    return IpProtocol.ICMPV6;
  }

  @Override
  public int encodedLength() {
    return 24 + Icmpv6.optionsLength(options);
  }

  @Override
  public int writeTo(byte[] out, int offset) {
    out[offset] = (byte) ICMPV6_TYPE;
    out[offset + 1] = (byte) code;
    Bytes.put16(out, offset + 2, checksum);
    Bytes.put32(out, offset + 4, (router ? 1 << 31 : 0) | (solicited ? 1 << 30 : 0) | (override ? 1 << 29 : 0) | reserved);
    target.write(out, offset + 8);
    return Icmpv6.writeOptions(options, out, offset + 24);
  }
}
