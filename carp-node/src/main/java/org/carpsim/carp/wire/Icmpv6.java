package org.carpsim.carp.wire;

import java.util.List;
import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.carp.net.Ipv6Address;

/** ICMPv6 checksum and option helpers shared by the neighbour discovery messages. */
final class Icmpv6 {

  private Icmpv6() {}

  static int optionsLength(List<NdOption> options) {
    int n = 0;
    for (NdOption o : options) {
      n += o.encodedLength();
    }
    return n;
  }

  static int writeOptions(List<NdOption> options, byte[] out, int offset) {
    int p = offset;
    for (NdOption o : options) {
      p = o.writeTo(out, p);
    }
    return p;
  }

  private static long sum(IpPayload message, Ipv6Address source, Ipv6Address destination) {
    byte[] b = new byte[message.encodedLength()];
    message.writeTo(b, 0);
    long pseudo = Ipv6Packet.pseudoHeaderSum(source, destination, IpProtocol.ICMPV6, b.length);
    return InternetChecksum.add(pseudo, b, 0, b.length);
  }

  static boolean verifies(IpPayload message, Ipv6Address source, Ipv6Address destination) {
    return InternetChecksum.fold(sum(message, source, destination)) == 0xffff;
  }

  /** The checksum for a message whose checksum field is zero. */
  static int checksum(IpPayload zeroChecksumMessage, Ipv6Address source, Ipv6Address destination) {
    return ~InternetChecksum.fold(sum(zeroChecksumMessage, source, destination)) & 0xffff;
  }
}
