package org.carpsim.conformance.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.conformance.live.LabTester.Ad;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Catalogue A1–A4 against a real ucarp in the namespace lab: the tester only watches ucarp's
 * advertisements (ucarp-lab.md "What ucarp puts on the wire"), and checks each against the
 * reference, with the measured value beside the expected one.
 */
@Tag("live")
class UcarpObservedLiveTest {

  private static final int ADVSKEW = 50;
  private static final long A3_TOLERANCE_NS = 20_000_000L;

  @Test
  void ucarpAdvertisementsPassA1ToA4() throws Exception {
    NamespaceLab.assumeLabAvailable();
    try (NamespaceLab lab = NamespaceLab.create("h1", "t");
        LabTester tester = new LabTester(lab, "t")) {
      Ipv4Address ucarp = Ipv4Address.parse(lab.address("h1"));
      lab.startUcarp("h1", ADVSKEW, false);
      // Starts BACKUP, masters after ~3 × 1.195 s, then one advertisement per 1.195 s.
      List<Ad> ads = tester.awaitAds(ucarp, 7, 16_000);
      assertTrue(ads.size() >= 7, "A3 needs ≥ 7 advertisements from ucarp within 16 s, captured " + ads.size());

      CarpHmac right = CarpHmac.prepare(HmacScheme.UCARP, CarpKey.ucarp(LabTester.PASS), 1, List.of(LabTester.VIP), List.of(), null);
      CarpHmac wrongPass = CarpHmac.prepare(HmacScheme.UCARP, CarpKey.ucarp("secreT"), 1, List.of(LabTester.VIP), List.of(), null);
      for (Ad a : ads) {
        // A1 format
        assertEquals(112, a.ip().protocol(), "A1 IP protocol");
        assertEquals(255, a.ip().ttl(), "A1 TTL");
        assertEquals(Ipv4Address.CARP_GROUP, a.ip().destination(), "A1 destination");
        assertEquals(56, a.ip().totalLength(), "A1 IP total length");
        assertTrue(a.ip().checksumOk(), "A1 IP header checksum");
        assertEquals(2, a.carp().version(), "A1 CARP version");
        assertEquals(1, a.carp().type(), "A1 CARP type");
        assertEquals(1, a.carp().vhid(), "A1 vhid");
        assertEquals(7, a.carp().authLength(), "A1 authlen");
        assertEquals(1, a.carp().advbase(), "A1 advbase");
        assertEquals(ADVSKEW, a.carp().advskew(), "A1 advskew");
        assertTrue(a.carp().checksumOk(), "A1 CARP checksum 0x" + Integer.toHexString(a.carp().checksum()));
        // A2 HMAC under ucarp's scheme; the wrong pass must not verify (the check can fail)
        assertTrue(right.verify(a.carp().counter(), a.carp().hmacBytes()), "A2 HMAC with pass and VIP 10.99.0.100");
        assertFalse(wrongPass.verify(a.carp().counter(), a.carp().hmacBytes()), "A2 negative control: wrong pass verifies");
        // A4 ucarp's own source MAC (not the CARP virtual MAC 00:00:5e:00:01:vhid)
        assertEquals(MacAddress.parse("00:00:5e:00:00:01"), a.srcMac(), "A4 Ethernet source MAC");
      }

      // A3 interval: median of the gaps between consecutive advertisements
      List<Long> gaps = new ArrayList<>();
      for (int i = 1; i < ads.size(); i++) {
        gaps.add(ads.get(i).epochNanos() - ads.get(i - 1).epochNanos());
      }
      Collections.sort(gaps);
      long median = gaps.get(gaps.size() / 2);
      long expected = Profiles.UCARP.advertisementIntervalNs(1, ADVSKEW, 0);
      String a3 = String.format("A3 interval: measured median %.4f s (min %.4f, max %.4f, n=%d), expected %.4f s ± %.0f ms",
          median / 1e9, gaps.get(0) / 1e9, gaps.get(gaps.size() - 1) / 1e9, gaps.size(), expected / 1e9, A3_TOLERANCE_NS / 1e6);
      System.out.println(a3);
      assertTrue(Math.abs(median - expected) <= A3_TOLERANCE_NS, a3);
    }
  }
}
