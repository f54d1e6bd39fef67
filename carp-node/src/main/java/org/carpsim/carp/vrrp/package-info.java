/**
 * A VRRP speaker as keepalived 2.2 runs it (RFC 3768 VRRPv2 and RFC 5798 VRRPv3 over IPv4): its
 * configuration file subset ({@link KeepalivedConfParser}), its receive checks in
 * {@code vrrp_check_packet}'s order ({@link KeepalivedCheck}), its timers ({@link VrrpTimers}) and
 * one instance's state machine ({@link VrrpInstance}). It knows nothing of hosts or simulators: an
 * instance talks to the world through {@link VrrpInstance.Port}.
 */
package org.carpsim.carp.vrrp;
