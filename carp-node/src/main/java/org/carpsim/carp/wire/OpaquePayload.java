package org.carpsim.carp.wire;

/**
 * Bytes carpsim carries but does not interpret: an unknown EtherType or IP protocol, an IPv4 or
 * IPv6 fragment, an ICMPv6 message other than a neighbour solicitation or advertisement.
 */
public record OpaquePayload(Octets bytes) implements EthernetPayload, IpPayload {

  public OpaquePayload {
    Check.notNull("bytes", bytes);
  }

  @Override
  public int etherType() {
    return -1;
  }

  @Override
  public int protocol() {
    return -1;
  }

  @Override
  public int encodedLength() {
    return bytes.length();
  }

  @Override
  public int writeTo(byte[] out, int offset) {
    return bytes.copyTo(out, offset);
  }
}
