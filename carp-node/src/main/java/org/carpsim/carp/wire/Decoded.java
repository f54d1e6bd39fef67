package org.carpsim.carp.wire;

/**
 * What {@link Frames#decode(byte[])} makes of a byte array: an {@link EthernetFrame} whose layers
 * were all understood (possibly with a payload carpsim does not interpret, kept as
 * {@link OpaquePayload}), or a {@link DecodeError} saying which layer is malformed and where.
 */
public sealed interface Decoded permits EthernetFrame, DecodeError {}
