package org.carpsim.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.sim.pcap.CaptureRecord;
import org.carpsim.sim.pcap.PcapFormat;
import org.carpsim.sim.pcap.PcapReader;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding Ethernet frames from Linux cooked records: each real frame of the ucarp capture is
 * turned into the SLL/SLL2 record {@code tcpdump -i any} would have written (layouts from
 * pcap-linktype(7): SLL = type, ARPHRD, address length, 8-byte address, protocol; SLL2 =
 * protocol, reserved, ifindex, ARPHRD, type, address length, address) and must come back as the
 * very same bytes.
 */
class CookedFramesTest {

  private static final int PACKET_HOST = 0;
  private static final int PACKET_BROADCAST = 1;
  private static final int PACKET_MULTICAST = 2;
  private static final int PACKET_OUTGOING = 4;

  static byte[] sll(byte[] eth, int packetType) {
    byte[] b = new byte[16 + eth.length - 14];
    b[1] = (byte) packetType;
    b[3] = 1; // ARPHRD_ETHER
    b[5] = 6;
    System.arraycopy(eth, 6, b, 6, 6);
    b[14] = eth[12];
    b[15] = eth[13];
    System.arraycopy(eth, 14, b, 16, eth.length - 14);
    return b;
  }

  static byte[] sll2(byte[] eth, int packetType) {
    byte[] b = new byte[20 + eth.length - 14];
    b[0] = eth[12];
    b[1] = eth[13];
    b[7] = 3; // ifindex
    b[9] = 1; // ARPHRD_ETHER
    b[10] = (byte) packetType;
    b[11] = 6;
    System.arraycopy(eth, 6, b, 12, 6);
    System.arraycopy(eth, 14, b, 20, eth.length - 14);
    return b;
  }

  private static List<byte[]> realFrames() throws Exception {
    List<byte[]> out = new ArrayList<>();
    try (PcapReader r = PcapReader.open(ReplayPlanTest.capture())) {
      r.forEach(c -> out.add(c.data()));
    }
    return out;
  }

  private static CookedFrames.Conversion convert(int linkType, byte[] data) {
    return CookedFrames.toEthernet(new CaptureRecord(1, 0, 0, linkType, data.length, data));
  }

  @Test
  void everyFrameOfTheRealCaptureSurvivesSllAndSll2() throws Exception {
    for (byte[] eth : realFrames()) {
      // As the receiver saw it (broadcast ARP, multicast CARP) and as the sender did (outgoing).
      int received = eth[0] == (byte) 0xff ? PACKET_BROADCAST : PACKET_MULTICAST;
      for (int type : new int[] {received, PACKET_OUTGOING}) {
        assertArrayEquals(eth, ((CookedFrames.Ready) convert(PcapFormat.LINKTYPE_LINUX_SLL, sll(eth, type))).frame());
        assertArrayEquals(eth, ((CookedFrames.Ready) convert(PcapFormat.LINKTYPE_LINUX_SLL2, sll2(eth, type))).frame());
      }
    }
  }

  @Test
  void aUnicastFrameIsRefusedBecauseItsDestinationIsUnknown() {
    MacAddress a = MacAddress.parse("02:00:00:00:00:0a");
    MacAddress b = MacAddress.parse("02:00:00:00:00:0b");
    byte[] reply = EthernetFrame.of(b, a, new ArpPacket(ArpPacket.REPLY, a, Ipv4Address.parse("10.99.0.11"), b,
        Ipv4Address.parse("10.99.0.12"))).toBytes();
    CookedFrames.Conversion c = convert(PcapFormat.LINKTYPE_LINUX_SLL, sll(reply, PACKET_HOST));
    CookedFrames.Refused no = assertInstanceOf(CookedFrames.Refused.class, c);
    assertTrue(no.reason().contains("does not record the destination MAC of a unicast frame"), no.reason());
  }

  @Test
  void aUnicastIpPacketIsRefusedToo() throws Exception {
    byte[] unicastIp = realFrames().get(1); // an advertisement, readdressed to 10.99.0.12 (checksums do not matter here)
    Ipv4Address.parse("10.99.0.12").write(unicastIp, 14 + 16);
    MacAddress.parse("02:00:00:00:00:0b").write(unicastIp, 0);
    assertInstanceOf(CookedFrames.Refused.class, convert(PcapFormat.LINKTYPE_LINUX_SLL2, sll2(unicastIp, PACKET_OUTGOING)));
  }

  @Test
  void anArpRequestIsBroadcastEvenWhenSentByUs() {
    MacAddress a = MacAddress.parse("02:00:00:00:00:0a");
    byte[] who = EthernetFrame.of(MacAddress.BROADCAST, a, new ArpPacket(ArpPacket.REQUEST, a,
        Ipv4Address.parse("10.99.0.11"), MacAddress.ZERO, Ipv4Address.parse("10.99.0.12"))).toBytes();
    assertArrayEquals(who, ((CookedFrames.Ready) convert(PcapFormat.LINKTYPE_LINUX_SLL, sll(who, PACKET_OUTGOING))).frame());
  }

  @Test
  void nonEthernetCookedRecordsAndCutHeadersAreRefused() throws Exception {
    byte[] eth = realFrames().get(1);
    byte[] tunnel = sll(eth, PACKET_MULTICAST);
    tunnel[3] = (byte) 0xfe; // ARPHRD_NONE-like: not Ethernet
    CookedFrames.Refused no = assertInstanceOf(CookedFrames.Refused.class, convert(PcapFormat.LINKTYPE_LINUX_SLL, tunnel));
    assertTrue(no.reason().contains("without an Ethernet source address"), no.reason());
    assertInstanceOf(CookedFrames.Refused.class, convert(PcapFormat.LINKTYPE_LINUX_SLL, Arrays.copyOf(eth, 10)));
    assertEquals("only 10 bytes: shorter than an Ethernet header",
        ((CookedFrames.Refused) convert(PcapFormat.LINKTYPE_ETHERNET, Arrays.copyOf(eth, 10))).reason());
  }
}
