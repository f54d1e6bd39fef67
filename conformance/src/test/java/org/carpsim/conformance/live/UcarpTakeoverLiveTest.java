package org.carpsim.conformance.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.profile.Timing;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.tester.AdvertisementCrafter;
import org.carpsim.conformance.tester.Fault;
import org.carpsim.conformance.tester.TesterPort;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * C1/C5 against a real ucarp the other way round from the runner (which probes a master): the
 * tester plays a master (advbase 1 advskew 0, injected through
 * {@link TesterPort}) so ucarp (advskew 100) stays BACKUP, then goes on with bad advertisements
 * only, which must not reset ucarp's master-down timer, so ucarp takes over as in B4. ucarp's takeover time is measured
 * from the tester's last valid advertisement on the wire to ucarp's first, and printed beside the
 * {@code ucarp} profile's master-down prediction, give or take ucarp's 1 s receive tick
 * (ucarp-lab.md: 4.311–4.420 s). Also reports the injection-to-capture latency.
 */
@Tag("live")
class UcarpTakeoverLiveTest {

  private static final int UCARP_ADVSKEW = 100;
  private static final long TICK_NS = 1_000_000_000L;
  private static final AdvertisementCrafter CRAFTER = new AdvertisementCrafter(HmacScheme.UCARP, 1, LabPorts.PASS,
      LabPorts.VIPS);

  @ParameterizedTest(name = "{0}")
  @CsvSource({"C1, TTL_64", "C5, WRONG_PASS"})
  void badAdvertisementsDoNotKeepUcarpBackup(String caseId, Fault afterwards) throws Exception {
    NamespaceLab.assumeLabAvailable();
    try (NamespaceLab lab = NamespaceLab.create("h1", "t");
        TesterPort tester = LabPorts.tester(lab, "t")) {
      Ipv4Address ucarp = Ipv4Address.parse(lab.address("h1"));
      Ipv4Address self = Ipv4Address.parse(lab.address("t"));
      long counter = 0x1000;
      // Play the master for 6 s, ucarp starting 1 s in: it must stay silent (BACKUP) throughout.
      Process ucarpProcess = null;
      for (int i = 0; i < 7; i++) {
        tester.inject(CRAFTER.advertisement(tester.mac(), self, 1, 0, counter++, i, Fault.NONE));
        if (i == 0) {
          ucarpProcess = lab.startUcarp("h1", UCARP_ADVSKEW, false);
        }
        Thread.sleep(1000);
      }
      assertTrue(ucarpProcess.isAlive(), "ucarp exited early: see " + lab.dir());
      assertTrue(from(tester.ads(), ucarp, 0).isEmpty(),
          "precondition: ucarp advertised while the tester's master was advertising");

      List<ObservedAdvertisement> mine = from(tester.ads(), self, 0);
      assertTrue(mine.size() == 7, "captured " + mine.size() + " of the tester's 7 injected advertisements");
      long lastMine = mine.get(mine.size() - 1).epochNanos();
      // Bad advertisements once a second (rate-limited, vhid 1 only) until ucarp takes over.
      for (int i = 0; i < 9 && from(tester.ads(), ucarp, lastMine).isEmpty(); i++) {
        tester.inject(CRAFTER.advertisement(tester.mac(), self, 1, 0, counter++, 100 + i, afterwards));
        tester.await(all -> !from(all, ucarp, lastMine).isEmpty(), 1_000);
      }
      List<ObservedAdvertisement> first = from(tester.ads(), ucarp, lastMine);
      assertTrue(!first.isEmpty(), caseId + ": ucarp never took over within 9 s of the last valid advertisement"
          + " (it obeyed " + afterwards + " advertisements?)");

      long measured = first.get(0).epochNanos() - lastMine;
      long prediction = Profiles.UCARP.masterDownIntervalNs(1, UCARP_ADVSKEW, 0);
      String b4 = String.format(caseId + " ucarp takeover after the master's last valid advertisement"
              + " (then " + afterwards + " ones)" + ": measured %.3f s, "
              + "profile ucarp predicts %.3f s (master-down %d polls of %.3f s) + up to a %.0f s receive tick; "
              + "accepted [%.3f, %.3f] s",
          measured / 1e9, prediction / 1e9, prediction / Timing.ucarpPollPeriodNs(1, UCARP_ADVSKEW),
          Timing.ucarpPollPeriodNs(1, UCARP_ADVSKEW) / 1e9, TICK_NS / 1e9,
          (prediction - TICK_NS) / 1e9, (prediction + TICK_NS) / 1e9);
      System.out.println(b4);

      List<Long> latency = new ArrayList<>(tester.injectionLatencies());
      assertTrue(tester.uncaptured().isEmpty(), tester.uncaptured().size() + " injections not captured");
      Collections.sort(latency);
      System.out.printf("injection-to-capture latency (wall clock before send → pcap timestamp of own frame): "
              + "min %.1f µs, median %.1f µs, max %.1f µs (n=%d)%n",
          latency.get(0) / 1e3, latency.get(latency.size() / 2) / 1e3, latency.get(latency.size() - 1) / 1e3,
          latency.size());

      assertTrue(measured >= prediction - TICK_NS && measured <= prediction + TICK_NS, b4);
    }
  }

  private static List<ObservedAdvertisement> from(List<ObservedAdvertisement> all, Ipv4Address source, long after) {
    return all.stream().filter(a -> a.ip().source().equals(source) && a.epochNanos() > after).toList();
  }
}
