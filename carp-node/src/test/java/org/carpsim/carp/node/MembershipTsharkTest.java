package org.carpsim.carp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.ClassicPcap;
import org.carpsim.carp.wire.GroupRecord;
import org.carpsim.carp.wire.IgmpMessage;
import org.carpsim.carp.wire.MldMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IGMP and MLD frames the node sends, read by Wireshark (tshark): types, versions, groups,
 * record types, Router Alert and good checksums. Skipped without tshark, failed when CI=true.
 */
class MembershipTsharkTest {

  private static final long MAC = 0x0200_0000_0007L;
  private static final Ipv6Address LL = Engine.linkLocal(new MacAddress(MAC));
  private static final Ipv6Address CARP6 = Ipv6Address.CARP_GROUP;

  @TempDir Path tmp;

  private List<String> tshark(List<byte[]> frames, String... fields) throws Exception {
    String tshark = null;
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "tshark"))) {
        tshark = Path.of(dir, "tshark").toString();
      }
    }
    if (tshark == null && "true".equals(System.getenv("CI"))) {
      fail("tshark is not installed (CI=true)");
    }
    assumeTrue(tshark != null, "tshark is not installed");
    Path pcap = tmp.resolve("m.pcap");
    ClassicPcap.write(pcap, frames);
    List<String> cmd = new ArrayList<>(List.of(tshark, "-n", "-o", "ip.check_checksum:TRUE", "-r", pcap.toString(),
        "-T", "fields", "-E", "separator=|"));
    for (String f : fields) {
      cmd.add("-e");
      cmd.add(f);
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("HOME", tmp.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return out.lines().toList();
  }

  @Test
  void wiresharkReadsTheIgmpMessages() throws Exception {
    List<byte[]> frames = List.of(
        MembershipFrames.igmp(MAC, 0x0a000002, 0xe0000016,
            new IgmpMessage.V3Report(List.of(new GroupRecord(GroupRecord.CHANGE_TO_EXCLUDE, 0, 0xe0000012L)))),
        MembershipFrames.igmp(MAC, 0x0a000002, 0xe0000012, new IgmpMessage.V2(IgmpMessage.V2_REPORT, 0xe0000012)),
        MembershipFrames.igmp(MAC, 0x0a000002, 0xe0000002, new IgmpMessage.V2(IgmpMessage.LEAVE, 0xe0000012)),
        MembershipFrames.igmp(MAC, 0, 0xe0000001, new IgmpMessage.Query(2, 10_000_000_000L, 0)));
    List<String> rows = tshark(frames, "eth.dst", "ip.dst", "ip.ttl", "ip.checksum.status", "ip.opt.type",
        "igmp.version", "igmp.type", "igmp.maddr", "igmp.record_type", "igmp.checksum.status", "igmp.max_resp");
    assertEquals(List.of(
        "01:00:5e:00:00:16|224.0.0.22|1|1|148|3|0x22|224.0.0.18|4|1|",
        "01:00:5e:00:00:12|224.0.0.18|1|1|148|2|0x16|224.0.0.18||1|0",
        "01:00:5e:00:00:02|224.0.0.2|1|1|148|2|0x17|224.0.0.18||1|0",
        "01:00:5e:00:00:01|224.0.0.1|1|1|148|2|0x11|0.0.0.0||1|100"), rows);
  }

  @Test
  void wiresharkReadsTheMldMessages() throws Exception {
    Ipv6Address v2Reports = Ipv6Address.parse("ff02::16");
    List<byte[]> frames = List.of(
        MembershipFrames.mld(MAC, LL, v2Reports,
            new MldMessage.V2Report(List.of(new GroupRecord(GroupRecord.CHANGE_TO_EXCLUDE, CARP6.hi(), CARP6.lo())))),
        MembershipFrames.mld(MAC, LL, CARP6, new MldMessage.V1(MldMessage.V1_REPORT, CARP6)),
        MembershipFrames.mld(MAC, LL, Ipv6Address.parse("ff02::2"), new MldMessage.V1(MldMessage.DONE, CARP6)),
        MembershipFrames.mld(MAC, LL, Ipv6Address.ALL_NODES,
            new MldMessage.Query(1, 10_000_000_000L, new Ipv6Address(0, 0))));
    List<String> rows = tshark(frames, "eth.dst", "ipv6.dst", "ipv6.hlim", "ipv6.hopopts.nxt", "icmpv6.type",
        "icmpv6.mld.multicast_address", "icmpv6.mldr.mar.record_type", "icmpv6.mldr.mar.multicast_address",
        "icmpv6.checksum.status", "icmpv6.mld.maximum_response_delay");
    assertEquals(List.of(
        "33:33:00:00:00:16|ff02::16|1|58|143||4|ff02::12|1|",
        "33:33:00:00:00:12|ff02::12|1|58|131|ff02::12|||1|0",
        "33:33:00:00:00:02|ff02::2|1|58|132|ff02::12|||1|0",
        "33:33:00:00:00:01|ff02::1|1|58|130|::|||1|10000"), rows);
  }
}
