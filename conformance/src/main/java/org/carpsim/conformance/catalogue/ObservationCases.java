package org.carpsim.conformance.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Emission;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.sim.time.Durations;

/**
 * Catalogue cases A1–A4 (conformance.md): what the IUT sends, judged from its advertisements
 * alone, every expectation derived from its profile and configuration.
 */
public final class ObservationCases {

  /** Fewest intervals A3 takes a median of. */
  public static final int MIN_INTERVALS = 5;

  private final IutConfig iut;
  private final long intervalToleranceNs;

  /**
   * @param iut what the IUT is and how it is configured
   * @param intervalToleranceNs A3's accepted deviation of the median interval
   */
  public ObservationCases(IutConfig iut, long intervalToleranceNs) {
    this.iut = iut;
    this.intervalToleranceNs = intervalToleranceNs;
  }

  /** A1–A4 over {@code observed} (anything; only the IUT's consecutive advertisements are judged). */
  public List<CaseResult> judge(List<ObservedAdvertisement> observed) {
    List<ObservedAdvertisement> ads = new ArrayList<>();
    for (ObservedAdvertisement a : observed) {
      if (!a.ipv6() && a.ip().source().equals(iut.source()) && a.carp().vhid() == iut.vhid()) {
        ads.add(a);
      }
    }
    return List.of(a1(ads), a2(ads), a3(ads), a4(ads));
  }

  /**
   * A1–A4 over the IPv6 advertisements in {@code observed} from {@code source} (an IPv6-only
   * group: hop limit 255 to ff02::12, the HMAC over the IPv6 VIPs).
   */
  public List<CaseResult> judge6(Ipv6Address source, List<ObservedAdvertisement> observed) {
    List<ObservedAdvertisement> ads = new ArrayList<>();
    for (ObservedAdvertisement a : observed) {
      if (a.ipv6() && a.ip6().source().equals(source) && a.carp().vhid() == iut.vhid()) {
        ads.add(a);
      }
    }
    return List.of(a1(ads), a2(ads), a3(ads), a4(ads));
  }

  private static CaseResult skip(String id, String title, String why) {
    return new CaseResult(id, title, Verdict.SKIP, "-", "-", "exact", why);
  }

  CaseResult a1(List<ObservedAdvertisement> ads) {
    String title = "advertisement format";
    if (ads.isEmpty()) {
      return skip("A1", title, "no advertisement from " + from() + " vhid " + iut.vhid());
    }
    String expected = ads.get(0).ipv6()
        ? "next header 112, hop limit 255, dst ff02::12, payload length 36, version 2, type 1, vhid " + iut.vhid()
            + ", authlen 7, CARP checksum ok"
        : "proto 112, TTL 255, dst 224.0.0.18, IP length 56, IP checksum ok, version 2, type 1, vhid "
        + iut.vhid() + ", authlen 7, CARP checksum ok";
    for (ObservedAdvertisement a : ads) {
      String bad = formatFault(a);
      if (bad != null) {
        return new CaseResult("A1", title, Verdict.FAIL, bad, expected, "exact",
            "advertisement at " + a.epochNanos() + " ns");
      }
    }
    return new CaseResult("A1", title, Verdict.PASS, ads.size() + " advertisements as expected", expected, "exact", "");
  }

  private String formatFault(ObservedAdvertisement a) {
    String ip = a.ipv6() ? ipv6Fault(a) : ipv4Fault(a);
    if (ip != null) {
      return ip;
    }
    CarpAdvertisement c = a.carp();
    if (c.version() != CarpAdvertisement.VERSION) {
      return "version " + c.version();
    } else if (c.type() != CarpAdvertisement.TYPE_ADVERTISEMENT) {
      return "type " + c.type();
    } else if (c.vhid() != iut.vhid()) {
      return "vhid " + c.vhid();
    } else if (c.authLength() != CarpAdvertisement.AUTH_LENGTH) {
      return "authlen " + c.authLength();
    } else if (!c.checksumOk()) {
      return "CARP checksum 0x" + Integer.toHexString(c.checksum()) + " wrong";
    }
    return null;
  }

  private static String ipv4Fault(ObservedAdvertisement a) {
    if (a.ip().protocol() != 112) {
      return "IP protocol " + a.ip().protocol();
    } else if (a.ip().ttl() != 255) {
      return "TTL " + a.ip().ttl();
    } else if (!a.ip().destination().equals(Ipv4Address.CARP_GROUP)) {
      return "destination " + a.ip().destination();
    } else if (a.ip().totalLength() != 20 + CarpAdvertisement.LENGTH) {
      return "IP length " + a.ip().totalLength();
    } else if (!a.ip().checksumOk()) {
      return "IP checksum 0x" + Integer.toHexString(a.ip().checksum()) + " wrong";
    }
    return null;
  }

  private static String ipv6Fault(ObservedAdvertisement a) {
    if (a.ip6().nextHeader() != 112) {
      return "next header " + a.ip6().nextHeader();
    } else if (a.ip6().hopLimit() != 255) {
      return "hop limit " + a.ip6().hopLimit();
    } else if (!a.ip6().destination().equals(Ipv6Address.CARP_GROUP)) {
      return "destination " + a.ip6().destination();
    } else if (a.ip6().payloadLength() != CarpAdvertisement.LENGTH) {
      return "payload length " + a.ip6().payloadLength();
    }
    return null;
  }

  CaseResult a2(List<ObservedAdvertisement> ads) {
    String title = "HMAC for the configured pass and VIPs";
    HmacScheme scheme = iut.profile().authentication().hmac();
    if (ads.isEmpty()) {
      return skip("A2", title, "no advertisement from " + from());
    }
    CarpHmac hmac;
    try {
      hmac = CarpHmac.prepare(scheme, CarpKey.derive(scheme, iut.pass()), iut.vhid(), iut.vips(), iut.vips6(), null);
    } catch (IllegalArgumentException e) {
      return skip("A2", title, e.getMessage());
    }
    int bad = 0;
    for (ObservedAdvertisement a : ads) {
      if (!hmac.verify(a.carp().counter(), a.carp().hmacBytes())) {
        bad++;
      }
    }
    String expected = "all " + ads.size() + " verify (" + scheme + " scheme)";
    return new CaseResult("A2", title, bad == 0 ? Verdict.PASS : Verdict.FAIL,
        (ads.size() - bad) + " of " + ads.size() + " verify", expected, "exact", bad == 0 ? "" : "wrong pass, VIPs or scheme");
  }

  CaseResult a3(List<ObservedAdvertisement> ads) {
    String title = "advertisement interval (median)";
    long expected = iut.profile().advertisementIntervalNs(iut.advbase(), iut.advskew(), 0);
    String exp = seconds(expected);
    String tol = String.format("%.0f ms", intervalToleranceNs / 1e6);
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < ads.size(); i++) {
      long gap = ads.get(i).epochNanos() - ads.get(i - 1).epochNanos();
      // A gap of more than 2.5 intervals is a pause (backup, restart), not one interval.
      if (gap < expected * 5 / 2) {
        gaps.add(gap);
      }
    }
    if (gaps.size() < MIN_INTERVALS) {
      return new CaseResult("A3", title, Verdict.SKIP, gaps.size() + " intervals", exp, tol,
          "needs at least " + MIN_INTERVALS + " consecutive intervals");
    }
    Collections.sort(gaps);
    long median = gaps.get(gaps.size() / 2);
    String measured = seconds(median) + " (n=" + gaps.size() + ", min " + seconds(gaps.get(0)) + ", max "
        + seconds(gaps.get(gaps.size() - 1)) + ")";
    boolean ok = Math.abs(median - expected) <= intervalToleranceNs;
    return new CaseResult("A3", title, ok ? Verdict.PASS : Verdict.FAIL, measured, exp, tol, "");
  }

  CaseResult a4(List<ObservedAdvertisement> ads) {
    String title = "Ethernet source MAC";
    if (ads.isEmpty()) {
      return skip("A4", title, "no advertisement from " + from());
    }
    Emission.AdSourceMac rule = iut.profile().emission().advertisementSourceMac();
    MacAddress expected = rule == Emission.AdSourceMac.UCARP_00_00_5E_00_00_VHID
        ? MacAddress.parse(String.format("00:00:5e:00:00:%02x", iut.vhid()))
        : MacAddress.carpVirtual(iut.vhid());
    for (ObservedAdvertisement a : ads) {
      if (!a.sourceMac().equals(expected)) {
        return new CaseResult("A4", title, Verdict.FAIL, a.sourceMac().toString(), expected.toString(), "exact",
            "profile " + iut.profile().name() + " (" + rule + ")");
      }
    }
    return new CaseResult("A4", title, Verdict.PASS, expected + " on all " + ads.size(), expected.toString(), "exact", "");
  }

  private String from() {
    return iut.vips().isEmpty() ? "the IUT" : iut.source().toString();
  }

  private static String seconds(long ns) {
    return Durations.formatSecondsRounded(ns, 4) + " s";
  }
}
