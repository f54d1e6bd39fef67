package org.carpsim.carp.wire;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;

/**
 * An ICMPv6 neighbour solicitation (type 135, RFC 4861 §4.3).
 *
 * @param code 0
 * @param checksum ICMPv6 checksum (with the IPv6 pseudo-header) as on the wire
 * @param reserved the 32 reserved bits
 * @param target the address asked about
 * @param options usually one source link-layer address option
 */
public record NeighborSolicitation(int code, int checksum, int reserved, Ipv6Address target, List<NdOption> options)
    implements IpPayload {

  public static final int ICMPV6_TYPE = 135;

  public NeighborSolicitation {
    Check.u8("ICMPv6 code", code);
    Check.u16("ICMPv6 checksum", checksum);
    Check.notNull("target", target);
    options = List.copyOf(Check.notNull("options", options));
  }

  /** A solicitation with the source link-layer option; the checksum is filled in by {@link Ipv6Packet#of}. */
  public static NeighborSolicitation of(Ipv6Address target, MacAddress sourceLinkLayer) {
    return new NeighborSolicitation(0, 0, 0, target, List.of(NdOption.sourceLinkLayer(sourceLinkLayer)));
  }

  /** The source link-layer address option's MAC, if present. */
  public Optional<MacAddress> sourceLinkLayerAddress() {
    return NdOption.find(options, NdOption.SOURCE_LINK_LAYER_ADDRESS);
  }

  public boolean checksumOk(Ipv6Address source, Ipv6Address destination) {
    return Icmpv6.verifies(this, source, destination);
  }

  public NeighborSolicitation withCorrectChecksum(Ipv6Address source, Ipv6Address destination) {
    return new NeighborSolicitation(code, Icmpv6.checksum(withZeroChecksum(), source, destination), reserved, target, options);
  }

  private NeighborSolicitation withZeroChecksum() {
    return new NeighborSolicitation(code, 0, reserved, target, options);
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
    Bytes.put32(out, offset + 4, reserved);
    target.write(out, offset + 8);
    return Icmpv6.writeOptions(options, out, offset + 24);
  }
}
