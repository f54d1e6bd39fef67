package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.sim.history.Fault;
import org.junit.jupiter.api.Test;

/** {@code tx-error HOST.NIC}: a NIC whose driver fails every send, in whole runs. */
class TransmitErrorsRunTest {

  private static final String FREEBSD_PAIR = String.join("\n",
      "profile freebsd",
      "segment lan 10.0.0.0/24",
      "host fw1",
      "  nic em0 lan 10.0.0.2/24",
      "  sysctl net.inet.carp.preempt=1",
      "  ifconfig em0 vhid 1 pass x alias 10.0.0.1/32",
      "host fw2",
      "  nic em0 lan 10.0.0.3/24",
      "  sysctl net.inet.carp.preempt=1",
      "  ifconfig em0 vhid 1 advskew 100 pass x alias 10.0.0.1/32",
      "");

  @Test
  void aFailingNicDemotesTheMasterAndTheDemotionOutlivesTheFault() {
    RunResult r = HostStallRunTest.run(FREEBSD_PAIR + """
        at 10.5s for 5s tx-error fw1.em0
        run 40s
        expect at 9s fw1 vhid 1 MASTER
        expect within 4s after 10.5s fw2 vhid 1 MASTER
        expect at 39s fw2 vhid 1 MASTER
        expect always one-master lan vhid 1
        """);
    assertEquals(List.of(), r.verdicts().stream().filter(v -> !v.passed()).map(v -> v.detail()).toList());
    assertEquals(List.of(new Fault.TransmitErrors("fw1.em0", true), new Fault.TransmitErrors("fw1.em0", false)),
        r.history().events(Fault.TransmitErrors.class), "the fault and its undo are in the history");
    // the sends at 11, 12 and 13 s failed: the third demoted fw1, which went BACKUP and never sent again
    assertTrue(HostStallRunTest.transitions(r).contains(
        "13.390625 fw2 BACKUP->MASTER master timed out"), HostStallRunTest.transitions(r).toString());
  }
}
