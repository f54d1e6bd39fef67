package org.carpsim.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.carp.wire.Ipv6Packet;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.history.FrameTransmitted;
import org.carpsim.sim.history.HistoryEntry;

/**
 * What a run report needs of the traffic, kept as it goes by: when each host sent each CARP
 * advertisement and each gratuitous ARP. A run streams its transmissions through this (see {@code
 * RunOptions.withListener}) instead of keeping every frame, so a campus-size run can be reported;
 * only frames that may be CARP or ARP are decoded.
 */
public final class TransmissionDigest implements Consumer<HistoryEntry> {

  private static final int IP_PROTOCOL_CARP = 112;

  private record AdvertKey(String host, String nic, int vhid) {}

  private record AnnouncementKey(String address, long sortable, String host, String nic) {}

  private final Predicate<String> isScenarioHost;
  private final Map<AdvertKey, List<Long>> adverts = new TreeMap<>(Comparator.comparing(AdvertKey::host)
      .thenComparing(AdvertKey::nic).thenComparingInt(AdvertKey::vhid));
  private final Map<AdvertKey, Integer> bowOuts = new TreeMap<>(Comparator.comparing(AdvertKey::host)
      .thenComparing(AdvertKey::nic).thenComparingInt(AdvertKey::vhid));
  private final Map<AnnouncementKey, List<Long>> announcements = new TreeMap<>(
      Comparator.comparingLong(AnnouncementKey::sortable).thenComparing(AnnouncementKey::host)
          .thenComparing(AnnouncementKey::nic));

  /** @param isScenarioHost which senders are the scenario's hosts (client populations send no gratuitous ARP) */
  public TransmissionDigest(Predicate<String> isScenarioHost) {
    this.isScenarioHost = isScenarioHost;
  }

  @Override
  public void accept(HistoryEntry entry) {
    if (!(entry.event() instanceof FrameTransmitted tx)) {
      return;
    }
    Frame f = tx.frame();
    if (!worthDecoding(f.etherType(), f.length() > 14 + 9 ? f.byteAt(14 + 9) : -1,
        f.length() > 14 + 6 ? f.byteAt(14 + 6) : -1)) {
      return;
    }
    if (Frames.decode(f.array(), 0, f.length()) instanceof EthernetFrame ef) {
      int dot = tx.nic().indexOf('.');
      add(entry.time(), ef, tx.nic().substring(0, dot), tx.nic().substring(dot + 1));
    }
  }

  /**
   * A captured Ethernet frame (a live run's pcap): its sender is named by its source IP address, and
   * its "NIC" by its source MAC, since a capture knows no host names.
   */
  public void acceptCaptured(long timeNanos, byte[] ethernet) {
    if (ethernet.length < 14 + 10 || !worthDecoding((ethernet[12] & 0xff) << 8 | ethernet[13] & 0xff,
        ethernet[14 + 9] & 0xff, ethernet[14 + 6] & 0xff)) {
      return;
    }
    if (Frames.decode(ethernet) instanceof EthernetFrame ef) {
      String sender;
      if (ef.payload() instanceof ArpPacket arp) {
        sender = arp.senderIp().toString();
      } else if (ef.payload() instanceof Ipv4Packet ip) {
        sender = ip.header().source().toString();
      } else if (ef.payload() instanceof Ipv6Packet ip) {
        sender = ip.header().source().toString();
      } else {
        return;
      }
      add(timeNanos, ef, sender, ef.header().source().toString());
    }
  }

  /** IPv4 or IPv6 carrying protocol 112, or ARP: the only frames worth decoding. */
  private static boolean worthDecoding(int etherType, int ipv4Protocol, int ipv6NextHeader) {
    return etherType == 0x0800 && ipv4Protocol == IP_PROTOCOL_CARP
        || etherType == 0x86dd && ipv6NextHeader == IP_PROTOCOL_CARP || etherType == 0x0806;
  }

  private void add(long time, EthernetFrame ef, String host, String nic) {
    CarpAdvertisement ad = ef.carpAdvertisement().orElse(null);
    if (ad != null) {
      AdvertKey k = new AdvertKey(host, nic, ad.vhid());
      adverts.computeIfAbsent(k, x -> new ArrayList<>()).add(time);
      if (ad.advskew() == CarpAdvertisement.BOW_OUT) {
        bowOuts.merge(k, 1, Integer::sum);
      }
    } else if (ef.payload() instanceof ArpPacket arp && arp.isGratuitous() && isScenarioHost.test(host)) {
      AnnouncementKey k = new AnnouncementKey(arp.senderIp().toString(), arp.senderIp().value() & 0xffffffffL, host, nic);
      announcements.computeIfAbsent(k, x -> new ArrayList<>()).add(time);
    }
  }

  /** Every CARP advertisement seen, by sending host, NIC and vhid. */
  public List<RunRecord.AdvertSeries> adverts() {
    List<RunRecord.AdvertSeries> out = new ArrayList<>();
    adverts.forEach((k, t) -> out.add(new RunRecord.AdvertSeries(k.host(), k.nic(), k.vhid(), t,
        bowOuts.getOrDefault(k, 0))));
    return out;
  }

  /** Every gratuitous ARP a scenario host sent, by address, host and NIC. */
  public List<RunRecord.Announcements> announcements() {
    List<RunRecord.Announcements> out = new ArrayList<>();
    announcements.forEach((k, t) -> out.add(new RunRecord.Announcements(k.address(), k.host(), k.nic(), t)));
    return out;
  }
}
