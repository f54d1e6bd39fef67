package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.MS;
import static org.carpsim.carp.node.Lab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.carpsim.carp.node.embedded.CapturedFrame;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.ProcessDelay;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;

/** ucarp's process start-up and up-script run time, drawn per seed (ucarp-lab.md, last section). */
class UcarpProcessTimesTest {

  private static void ucarp(EmbeddedLan lan, String name, int n, int advskew) {
    EmbeddedHost h = lan.host(name, Profiles.UCARP).nic("eth0", "lan", Lab.mac(n));
    h.configure("ifconfig eth0 inet 10.99.0." + (10 + n) + "/24",
        "ucarp --interface=eth0 --srcip=10.99.0." + (10 + n) + " --vhid=1 --advskew=" + advskew
            + " --pass=secret --addr=10.99.0.100 --upscript=/etc/vip-up.sh --downscript=/etc/vip-down.sh");
  }

  @Test
  void theDistributionsKeepToTheMeasuredRangeAndMedian() {
    SplittableRandom r = new SplittableRandom(7);
    for (ProcessDelay d : new ProcessDelay[] {Profiles.UCARP.lifecycle().startUp(), Profiles.UCARP.lifecycle().upScript()}) {
      long[] x = new long[4001];
      for (int i = 0; i < x.length; i++) {
        x[i] = d.draw(r);
      }
      Arrays.sort(x);
      assertTrue(x[0] >= d.minNs() && x[x.length - 1] <= d.maxNs(), d.toString());
      assertEquals(d.medianNs(), x[2000], d.medianNs() * 0.06, d.toString());
    }
    assertEquals(0, ProcessDelay.NONE.draw(r));
  }

  @Test
  void bothStartedAtOnceTheFirstAdvertisementFromLaunchSpreadsAsMeasured() {
    double[] first = new double[60];
    for (int seed = 0; seed < first.length; seed++) {
      EmbeddedLan lan = new EmbeddedLan(seed);
      ucarp(lan, "h1", 1, 0);
      ucarp(lan, "h2", 2, 100);
      lan.runFor(6 * S);
      first[seed] = Lab.ads(lan, "h1").get(0).timeNanos() / 1e9;
    }
    Arrays.sort(first);
    // lab, n = 10: 3.152 / 3.181 / – / 3.356 s (the loop alone: exactly 3.00015 s)
    assertTrue(first[0] > 3.05 && first[first.length - 1] < 3.73, Arrays.toString(first));
    double median = (first[29] + first[30]) / 2;
    assertTrue(median > 3.14 && median < 3.26, "median " + median);
  }

  @Test
  void theUpScriptDelaysTheFirstAdvertisementAndShortensTheFirstInterval() {
    EmbeddedLan lan = new EmbeddedLan(11);
    ucarp(lan, "h1", 1, 100);
    lan.runFor(10 * S);
    long master = Lab.firstTransition(lan, "h1", org.carpsim.carp.profile.CarpState.MASTER, 0);
    long[] ads = Lab.ads(lan, "h1").stream().mapToLong(CapturedFrame::timeNanos).toArray();
    long script = ads[0] - master;
    assertTrue(script >= 6 * MS && script <= 232 * MS, "script " + script);
    CapturedFrame garp = lan.framesFrom("h1").get(0);
    assertTrue(garp.isArp() && garp.timeNanos() == ads[0], "the gratuitous ARP goes with the first ad");
    // the next ad is due one interval (1.390625 s → ms) after the decision, not after the script
    assertEquals(1_390 * MS - script, ads[1] - ads[0], 2 * MS);
    assertEquals(1_390 * MS, ads[2] - ads[1], 2 * MS);
  }
}
