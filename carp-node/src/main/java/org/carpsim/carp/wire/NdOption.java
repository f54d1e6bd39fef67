package org.carpsim.carp.wire;

import java.util.Optional;
import org.carpsim.carp.net.MacAddress;

/**
 * A neighbour discovery option (RFC 4861 §4.6): type, then length in 8-byte units, then
 * {@code 8 * length - 2} bytes of value.
 *
 * @param type 1 source link-layer address, 2 target link-layer address, others kept as they are
 * @param value the bytes after type and length
 */
public record NdOption(int type, Octets value) {

  public static final int SOURCE_LINK_LAYER_ADDRESS = 1;
  public static final int TARGET_LINK_LAYER_ADDRESS = 2;

  public NdOption {
    Check.u8("ND option type", type);
    Check.notNull("value", value);
    if ((value.length() + 2) % 8 != 0 || value.length() + 2 > 255 * 8) {
      throw new IllegalArgumentException("ND option value must be 8*n-2 bytes (n 1..255), got " + value.length());
    }
  }

  /** Source link-layer address option with an Ethernet MAC. */
  public static NdOption sourceLinkLayer(MacAddress mac) {
    return new NdOption(SOURCE_LINK_LAYER_ADDRESS, Octets.copyOf(mac.toBytes()));
  }

  /** Target link-layer address option with an Ethernet MAC. */
  public static NdOption targetLinkLayer(MacAddress mac) {
    return new NdOption(TARGET_LINK_LAYER_ADDRESS, Octets.copyOf(mac.toBytes()));
  }

  /** The MAC of a source/target link-layer address option of Ethernet size. */
  public Optional<MacAddress> linkLayerAddress() {
    if ((type == SOURCE_LINK_LAYER_ADDRESS || type == TARGET_LINK_LAYER_ADDRESS) && value.length() == 6) {
      return Optional.of(MacAddress.read(value.toByteArray(), 0));
    }
    return Optional.empty();
  }

  int encodedLength() {
    return value.length() + 2;
  }

  int writeTo(byte[] out, int offset) {
    out[offset] = (byte) type;
    out[offset + 1] = (byte) (encodedLength() / 8);
    return value.copyTo(out, offset + 2);
  }

  /** The link-layer address of the first option of {@code type} among {@code options}. */
  static Optional<MacAddress> find(java.util.List<NdOption> options, int type) {
    for (NdOption o : options) {
      if (o.type() == type) {
        return o.linkLayerAddress();
      }
    }
    return Optional.empty();
  }
}
