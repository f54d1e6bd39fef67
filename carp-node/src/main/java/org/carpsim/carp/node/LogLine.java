package org.carpsim.carp.node;

/**
 * A line the node's system would log, at a syslog level (0 emergency … 7 debug). Lines are emitted
 * only when the profile's log setting lets them through, as the real system does.
 */
public record LogLine(long timeNanos, int level, String text) {}
