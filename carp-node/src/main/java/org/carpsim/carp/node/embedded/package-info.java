/**
 * An embedded world for driving {@link org.carpsim.carp.node.CarpHost}s in tests and tools without
 * the simulator: {@link org.carpsim.carp.node.embedded.EmbeddedLan} (virtual clock, hub segments with
 * zero latency, captured frames, injection, link/crash/boot faults, a reflecting segment) and its
 * {@link org.carpsim.carp.node.embedded.EmbeddedHost}s. JDK only, like the rest of carp-node.
 */
package org.carpsim.carp.node.embedded;
