/**
 * Behaviour profiles: how each real CARP implementation of each era behaves, as immutable data
 * ({@link org.carpsim.carp.profile.Profile}, obtained from {@link org.carpsim.carp.profile.Profiles}).
 * The node reads switches; it never asks which system it emulates. Every switch names its source in
 * {@code shared/reference/carp-protocol.md} or {@code ucarp-lab.md} with {@link org.carpsim.carp.profile.Source}.
 *
 * <p>Where the reference leaves a question open, the profiles choose, and say so at the switch:
 * <ul>
 *   <li>§12.4 FreeBSD IPv4 ID: 0 (ip_fillid under the RFC 6864 default for DF datagrams); FreeBSD 6:
 *       sequential ({@code ip_newid} with {@code random_id=0}).
 *   <li>The BACKUP master-down timer uses the configured advskew everywhere, demotion only moves sent
 *       ads and comparisons ({@code carp_setrun} arms it with {@code sc_advskew}); the first interval
 *       after becoming MASTER is undemoted where demotion changes the skew.
 *   <li>ucarp's rule B3 keeps the local skew (the reference writes only {@code dead_ratio*advbase < R};
 *       the code is OpenBSD's, whose timeval keeps its µs part).
 *   <li>NetBSD and FreeBSD 6 keep OBSD-1.54's INIT→MASTER shortcut and its "255/255 whenever not
 *       running" bow-out (both derive from that code; NetBSD still logs "INIT -> MASTER (preempting)").
 *   <li>openbsd-3.5 accepts {@code carpdev} (3.7) with a warning, because the scenario language's own
 *       example uses it under that profile and the seeds' carp(4) documents it; advbase starts at 1
 *       there (OpenBSD allows 0 only since ~5.0).
 *   <li>openbsd keeps {@code balancing arp} (2010–2015) with a warning, as the scenario language's
 *       error message for {@code net.inet.carp.arpbalance} points to it.
 *   <li>FreeBSD 6's ifconfig has no {@code state}; its {@code net.inet.carp.log} defaults to 1 (the
 *       2004 port's {@code carp_opts}).
 *   <li>Kernel tick quantization (OpenBSD hz=100 ceil, tvtohz ceil+1, FreeBSD hz=1000) is modelled in
 *       length only, and off unless a scenario asks for it.
 *   <li>ucarp's takeover comes on the first poll(2) return at or after its deadline: poll periods of
 *       {@code advbase·1000 + advskew·1000/256} ms from the last processed packet.
 * </ul>
 */
package org.carpsim.carp.profile;
