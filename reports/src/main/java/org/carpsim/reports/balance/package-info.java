/**
 * ARP-balance analysis ({@code carpsim balance}): for a profile's balancing rule, the carp interfaces
 * of each host and a client population, which host answers each client's ARP request for the shared
 * address, the share per host, and why the split is what it is.
 *
 * <p>Each host's answer comes from the walk the node's ARP code calls
 * ({@link org.carpsim.carp.profile.ArpBalanceWalk}), and is checked against simulated runs.
 */
package org.carpsim.reports.balance;
