package org.carpsim.conformance.tester;

import java.util.List;
import java.util.Optional;

/** The conformance catalogue (design/conformance.md), in order: every case a run can name. */
public final class Catalogue {

  /** Every case, in catalogue order. A new case is one line here and its own class. */
  public static final List<ConformanceCase> CASES = List.of(
      new ObservationCase("A1", "advertisement format"),
      new ObservationCase("A2", "HMAC for the configured pass and VIPs"),
      new ObservationCase("A3", "advertisement interval (median)"),
      new ObservationCase("A4", "Ethernet source MAC"),
      new ObservationCase("A5", "counter behaviour"),
      new MasterProbeCase("B1", "master yields to a better advertisement"),
      new MasterProbeCase("B2", "master ignores a worse advertisement"),
      new MasterProbeCase("B3", "equal advertisement: the profile's tie rule"),
      new BackupCase("B4", "takeover when the master falls silent"),
      new BackupCase("B5", "preempt: takeover from a slower master"),
      new BackupCase("B6", "no preempt: no takeover from a slower master"),
      new BackupCase("B7", "bow-out: immediate takeover"),
      new BackupCase("B8", "demote byte: takeover regardless of preempt"),
      new MasterProbeCase("C1", "TTL != 255 ignored"),
      new MasterProbeCase("C2", "version != 2 ignored"),
      new MasterProbeCase("C3", "bad checksum ignored"),
      new MasterProbeCase("C4", "other vhid ignored"),
      new MasterProbeCase("C5", "wrong pass ignored"),
      new MasterProbeCase("C6", "wrong VIP set in the HMAC ignored"),
      new MasterProbeCase("C7", "short packet ignored"),
      new MasterProbeCase("C8", "VRRPv2 on protocol 112 ignored"),
      new MasterProbeCase("C9", "trailing bytes accepted"),
      new MasterProbeCase("C10", "odd type/authlen"),
      new GratuitousArpCase("D1", "gratuitous ARP on takeover"),
      new ArpReplyCase("D2", "ARP replies for the VIP"),
      new NeighborAdvertisementCase("D3", "IPv6 unsolicited neighbour advertisement"),
      new InteropCase("E1", "interop with carpsim's live node"));

  private Catalogue() {}

  /** Every case id, in catalogue order. */
  public static List<String> ids() {
    return CASES.stream().map(ConformanceCase::id).toList();
  }

  /** The case with {@code id}, if the catalogue has it. */
  public static Optional<ConformanceCase> byId(String id) {
    return CASES.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
