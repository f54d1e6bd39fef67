/** Generated scenarios: many groups on many segments with a seeded fault schedule, for scale runs. */
package org.carpsim.scenario.generate;
