package org.carpsim.conformance.replay;

import java.util.Locale;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.DecodeError;
import org.carpsim.carp.wire.Decoded;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.IpPayload;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.carp.wire.Ipv6Packet;
import org.carpsim.carp.wire.Vrrp2Advertisement;
import org.carpsim.carp.wire.Vrrp3Advertisement;

/** One line describing a frame, decoded with {@link Frames#decode}, for {@code --dry-run} and {@code -v}. */
public final class FrameSummary {

  private FrameSummary() {}

  /** E.g. {@code 00:00:5e:00:00:01 > 01:00:5e:00:00:12 10.99.0.11 > 224.0.0.18 CARP vhid 1 advbase 1 advskew 0 demote 0, 70 bytes}. */
  public static String of(byte[] frame) {
    Decoded d = Frames.decode(frame);
    if (d instanceof DecodeError e) {
      return "malformed (" + e.kind() + " at byte " + e.offset() + ": " + e.detail() + "), " + frame.length + " bytes";
    }
    EthernetFrame f = (EthernetFrame) d;
    String macs = f.header().source() + " > " + f.header().destination() + " ";
    String what;
    if (f.payload() instanceof ArpPacket a) {
      what = arp(a);
    } else if (f.payload() instanceof Ipv4Packet p) {
      what = p.header().source() + " > " + p.header().destination() + " " + ip(p.payload(), "protocol " + p.header().protocol());
    } else if (f.payload() instanceof Ipv6Packet p) {
      what = p.header().source() + " > " + p.header().destination() + " " + ip(p.payload(), "next header " + p.upperLayerProtocol());
    } else {
      what = String.format(Locale.ROOT, "EtherType 0x%04x", f.header().etherType());
    }
    return macs + what + ", " + frame.length + " bytes";
  }

  private static String ip(IpPayload payload, String otherwise) {
    if (payload instanceof CarpAdvertisement ad) {
      return "CARP vhid " + ad.vhid() + " advbase " + ad.advbase() + " advskew " + ad.advskew() + " demote " + ad.demote()
          + (ad.advbase() == CarpAdvertisement.BOW_OUT && ad.advskew() == CarpAdvertisement.BOW_OUT ? " (bow-out)" : "")
          + (ad.checksumOk() ? "" : " checksum BAD");
    }
    if (payload instanceof Vrrp2Advertisement v) {
      return "VRRPv2 vrid " + v.vrid() + " priority " + v.priority();
    }
    if (payload instanceof Vrrp3Advertisement v) {
      return "VRRPv3 vrid " + v.vrid() + " priority " + v.priority();
    }
    return otherwise;
  }

  private static String arp(ArpPacket a) {
    if (a.operation() == ArpPacket.REQUEST && a.isGratuitous()) {
      return "ARP gratuitous: " + a.senderIp() + " is at " + a.senderMac();
    }
    if (a.operation() == ArpPacket.REQUEST) {
      return "ARP who has " + a.targetIp() + "? tell " + a.senderIp();
    }
    if (a.operation() == ArpPacket.REPLY) {
      return "ARP reply " + a.senderIp() + " is at " + a.senderMac();
    }
    return "ARP operation " + a.operation();
  }
}
