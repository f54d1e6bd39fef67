package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Maintenance mode from the timeline: OpenBSD's {@code ifconfig -g carp carpdemote 128} and
 * pfSense's/OPNsense's persistent CARP maintenance mode, {@code sysctl net.inet.carp.demotion=240}.
 */
class MaintenanceModeRunTest {

  private static List<String> failed(String text) {
    RunResult r = HostStallRunTest.run(text);
    return r.verdicts().stream().filter(v -> !v.passed()).map(v -> v.expectation() + ": " + v.detail()).toList();
  }

  @Test
  void openbsdCarpdemoteMovesTheMasterWithoutPreemptAndBackWithIt() {
    // rule B2: the backup with the smaller demote count takes over, preempt or not
    assertEquals(List.of(), failed(HostStallRunTest.pair("openbsd", """
        at 10.5s fw1: ifconfig -g carp carpdemote 128
        at 20.5s fw1: ifconfig -g carp -carpdemote 128
        run 30s
        expect at 10s fw1.carp0 MASTER
        expect within 100ms after 10.5s fw2.carp0 MASTER
        expect at 20s fw1.carp0 BACKUP
        expect at 29s fw2.carp0 MASTER
        expect always one-master lan vhid 1 from 3.5s
        """)));
  }

  @Test
  void freebsdMaintenanceModeNeedsPreemptOnThePeer() {
    String pair = String.join("\n",
        "profile freebsd",
        "segment lan 10.0.0.0/24",
        "host fw1",
        "  nic em0 lan 10.0.0.2/24",
        "  sysctl net.inet.carp.preempt=1",
        "  ifconfig em0 vhid 1 pass x alias 10.0.0.1/32",
        "host fw2",
        "  nic em0 lan 10.0.0.3/24",
        "  PREEMPT",
        "  ifconfig em0 vhid 1 advskew 100 pass x alias 10.0.0.1/32",
        "at 10.5s fw1: sysctl net.inet.carp.demotion=240",
        "at 20.5s fw1: sysctl net.inet.carp.demotion=-240",
        "run 30s",
        "");
    assertEquals(List.of(), failed(pair.replace("PREEMPT", "sysctl net.inet.carp.preempt=1") + """
        expect at 10s fw1 vhid 1 MASTER
        expect within 100ms after 10.5s fw2 vhid 1 MASTER
        expect within 2s after 20.5s fw1 vhid 1 MASTER
        expect always one-master lan vhid 1 from 3.5s
        """));
    // without preempt on fw2 the demoted master yields to nobody: advskew 240 is only "slower"
    assertEquals(List.of(), failed(pair.replace("PREEMPT", "sysctl net.inet.carp.preempt=0") + """
        expect at 15s fw1 vhid 1 MASTER
        expect at 15s fw2 vhid 1 BACKUP
        """));
  }
}
