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
    int type = f.etherType();
    boolean carp = type == 0x0800 && f.length() > 14 + 9 && f.byteAt(14 + 9) == IP_PROTOCOL_CARP
        || type == 0x86dd && f.length() > 14 + 6 && f.byteAt(14 + 6) == IP_PROTOCOL_CARP;
    if (!carp && type != 0x0806) {
      return;
    }
    if (!(Frames.decode(f.array(), 0, f.length()) instanceof EthernetFrame ef)) {
      return;
    }
    int dot = tx.nic().indexOf('.');
    String host = tx.nic().substring(0, dot);
    String nic = tx.nic().substring(dot + 1);
    if (carp) {
      CarpAdvertisement ad = ef.carpAdvertisement().orElse(null);
      if (ad != null) {
        AdvertKey k = new AdvertKey(host, nic, ad.vhid());
        adverts.computeIfAbsent(k, x -> new ArrayList<>()).add(entry.time());
        if (ad.advskew() == CarpAdvertisement.BOW_OUT) {
          bowOuts.merge(k, 1, Integer::sum);
        }
      }
    } else if (ef.payload() instanceof ArpPacket arp && arp.isGratuitous() && isScenarioHost.test(host)) {
      AnnouncementKey k = new AnnouncementKey(arp.senderIp().toString(), arp.senderIp().value() & 0xffffffffL, host, nic);
      announcements.computeIfAbsent(k, x -> new ArrayList<>()).add(entry.time());
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
