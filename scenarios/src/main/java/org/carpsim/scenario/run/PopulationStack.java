package org.carpsim.scenario.run;

import org.carpsim.sim.net.HostStack;

/** The stack of a client population: it settles what it can when the run ends. */
interface PopulationStack extends HostStack {

  /** Called once the run has reached its end. */
  void finish();
}
