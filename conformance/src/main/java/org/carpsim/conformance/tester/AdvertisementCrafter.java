package org.carpsim.conformance.tester;

import java.util.List;
import java.util.Objects;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Header;
import org.carpsim.carp.wire.Ipv4Packet;

/**
 * Crafts the IPv4 CARP advertisements the tester injects: valid ones for the IUT's vhid, pass and
 * VIPs in the IUT's HMAC scheme, or ones with exactly one {@link Fault}.
 */
public final class AdvertisementCrafter {

  private final HmacScheme scheme;
  private final int vhid;
  private final CarpHmac hmac;
  private final CarpHmac wrongHmac;

  /**
   * @param scheme the IUT's HMAC scheme (its profile's)
   * @param vhid the only vhid this crafter makes advertisements for
   * @param pass the IUT's passphrase (kept only as a derived key)
   * @param vips the IUT's IPv4 VIPs in its configuration order
   */
  public AdvertisementCrafter(HmacScheme scheme, int vhid, String pass, List<Ipv4Address> vips) {
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.vhid = vhid;
    this.hmac = CarpHmac.prepare(scheme, CarpKey.derive(scheme, pass), vhid, vips, List.of(), null);
    String other = "wrongpass".equals(pass) ? "otherpass" : "wrongpass";
    this.wrongHmac = CarpHmac.prepare(scheme, CarpKey.derive(scheme, other), vhid, vips, List.of(), null);
  }

  /** The vhid of every advertisement this crafter makes. */
  public int vhid() {
    return vhid;
  }

  /** The HMAC scheme used. */
  public HmacScheme scheme() {
    return scheme;
  }

  /**
   * One complete Ethernet frame (padded to 60 bytes) carrying an advertisement from {@code source}
   * with {@code mac} as Ethernet source to 224.0.0.18, with {@code fault} (NONE: valid).
   */
  public byte[] advertisement(MacAddress mac, Ipv4Address source, int advbase, int advskew, long counter, int ipId,
      Fault fault) {
    CarpHmac h = fault == Fault.WRONG_PASS ? wrongHmac : hmac;
    CarpAdvertisement ad = CarpAdvertisement.create(vhid, advskew, 0, advbase, counter, h.compute(counter));
    if (fault == Fault.BAD_CHECKSUM) {
      ad = new CarpAdvertisement(ad.version(), ad.type(), ad.vhid(), ad.advskew(), ad.authLength(), ad.demote(),
          ad.advbase(), ad.checksum() ^ 0x0101, ad.counter(), ad.hmac());
    }
    int ttl = fault == Fault.TTL_64 ? 64 : 255;
    Ipv4Packet ip = Ipv4Packet.of(0x10, ipId & 0xffff, Ipv4Header.DONT_FRAGMENT, ttl, source, Ipv4Address.CARP_GROUP, ad);
    return Frames.padToMinimum(EthernetFrame.of(Frames.multicastMac(Ipv4Address.CARP_GROUP), mac, ip).toBytes());
  }
}
