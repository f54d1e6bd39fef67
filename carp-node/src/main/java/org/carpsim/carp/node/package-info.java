/**
 * The CARP node: {@link org.carpsim.carp.node.CarpHost}, one host behaving like the system its
 * {@link org.carpsim.carp.profile.Profile} names, driven only through the seam
 * ({@link org.carpsim.carp.node.NodeEnvironment}, {@link org.carpsim.carp.node.NodeListener}). The
 * package {@code embedded} holds a small world to drive hosts without a simulator.
 *
 * <p>Inside: {@code Engine} is the kernel state machine (carp_setrun, carp_master_down,
 * carp_send_ad, the §5.3 rules, link hooks, demotion), {@code Receiver} the receive path and the
 * ARP/ND responder, {@code Ifconfig} the configuration executor, {@code UcarpDaemon} ucarp's main loop,
 * {@code CarpLog} the log lines, {@code StatusText} what ifconfig prints.
 *
 * <p>Transition reasons use FreeBSD's vocabulary for every profile ("initialization complete",
 * "master timed out", "preempting a slower master", "master will time out", "more frequent
 * advertisement received", "user requested via ifconfig", "hardware interface down|up"), plus
 * "master is more demoted" (rule B2), "interface down" (ifconfig down), "configuration changed",
 * "preempting" (OpenBSD 1.54's INIT → MASTER), "no carpdev", "virtual host removed".
 *
 * <p>Modelled, and chosen where carp-protocol.md leaves it open:
 * <ul>
 *   <li><b>Receive path.</b> Frames are read in place. VLAN-tagged frames and IP fragments are not
 *       for an untagged host; a wrong IPv4 header checksum is dropped by IP; multicast is accepted
 *       only for joined groups (224.0.0.18 / ff02::12 once a carp interface on that NIC has an
 *       address of that family), unicast only for the NIC's own addresses. A packet is processed
 *       once per receiving NIC (OpenBSD 1.370 may hand a copy to every carp interface on the parent,
 *       §12.7). ipackets is counted first, then the profile's checks in its order.
 *   <li><b>Statistics.</b> The kernels keep one global carpstats; the node attributes each packet to
 *       the interface holding the packet's vhid on that NIC (carp interface, FreeBSD parent, ucarp
 *       interface), else to the NIC, and {@code systemStatistics()} sums them. hdrops, onomem,
 *       badaddrs and ostates stay 0. Transmission fails only while a NIC's driver fails every send
 *       ({@code setTransmitErrors}: ENOBUFS, counted in onomem by OpenBSD); the send errors demote
 *       (OpenBSD "> snderrors", OpenBSD 3.5's suppression, FreeBSD's senderr factor with "send error
 *       55 on em0"); ucarp's write() errors are not modelled.
 *   <li><b>Own packets.</b> NICs are IFF_SIMPLEX (they do not hear themselves) unless added with
 *       {@code simplex = false}; a reflecting network (EmbeddedLan#echo) loops frames back. OpenBSD's
 *       replay-cookie check counts badauth only on SIMPLEX parents; NetBSD's own-source check runs
 *       only on non-SIMPLEX parents, as in the code.
 *   <li><b>Unicast peers.</b> A carppeer/peer is taken as on-link; its MAC comes from the NIC's ARP
 *       cache, else the advertisement is held (the last one) and an ARP request is broadcast, as a
 *       BSD kernel does; the reply releases it. NICs answer ARP for their own addresses. IPv6 peers
 *       (FreeBSD peer6) use a MAC learned from their solicitations, else the all-nodes MAC (no ND
 *       resolution modelled).
 *   <li><b>IPv6 sources.</b> Advertisements: the parent's first IPv6 address, else the carp
 *       interface's EUI-64 link-local. Unsolicited NAs: from the carp link-local (§12.6). OpenBSD
 *       1.370's NA (sent from the link-state task) goes out right after the transition.
 *   <li><b>Gratuitous ARP spacing.</b> The 1 ms DELAY of OpenBSD ≤1.270 / FreeBSD 6 and FreeBSD's
 *       1 ms between NAs are one-shot timers; the kernel's own timers are not shifted by the busy
 *       wait. OpenBSD 3.5 and FreeBSD 6 send one GARP round: their code has no {@code sc_delayed_arp}
 *       (the profiles were corrected accordingly); the 1.54 INIT → MASTER shortcut sets none either.
 *   <li><b>Balancing.</b> OpenBSD 3.5 without arpbalance answers ARP from any running carp
 *       interface holding the address, BACKUP included (1.54). NetBSD's arpbalance index follows the
 *       host-wide order in which the address was configured. OpenBSD {@code balancing arp} (2010–15)
 *       answers with the chosen vhost's MAC as sha and Ethernet source; ip / ip-stealth reply with
 *       the parent's MAC as Ethernet source (1.270); a frame whose carp lladdr has the multicast bit
 *       (balancing ip) leaves with the parent's MAC (§12.2 is open). No data-plane (carp_lsdrop).
 *   <li><b>Configuration.</b> Each ifconfig CARP option is its own SIOCSVH (HMAC re-prepared,
 *       carp_setrun on every vhost, so a MASTER's ad timer and a BACKUP's master-down timers restart
 *       from now, as in the kernel); flags and groups apply in order, the address last. Adding an
 *       address puts every vhost INIT (carp_set_addr). A vhid change re-creates the vhosts in INIT.
 *       Without {@code carpdev} the profile's policy picks the parent: the first NIC, in address
 *       order, with an address whose subnet holds the VIP; a VIP equal to that NIC's address forces
 *       advskew 0 (OpenBSD 1.54). Duplicate vhids on a parent are EINVAL ("SIOCSVH: Invalid
 *       argument"), as the 1.54 and 1.370 code return. Every command is checked on a shadow first, so
 *       a failing one changes nothing. FreeBSD: a vhid is created by its first option, re-run on each
 *       change, attached with carp_sc_state, destroyed with its last address; an address without
 *       {@code alias} replaces the parent's first address, exactly as ifconfig does.
 *   <li><b>Link state.</b> Only real changes of carrier or UP run the hooks. ucarp polls the flags
 *       itself (see UcarpDaemon).
 *   <li><b>Logs.</b> OpenBSD 3.5 and FreeBSD 6 share the 1.54 wording (bad packets at LOG_INFO, no
 *       transition lines; FreeBSD 6's LOG_DEBUG transition lines are not modelled). A master-down
 *       timer firing in INIT prints its console line at LOG_NOTICE, unfiltered.
 *   <li><b>ucarp.</b> See {@code UcarpDaemon}: 1 s receive tick from the daemon's start, poll-driven
 *       deadlines, 50 µs poll slack; process start-up and script run times are not modelled; an
 *       up-script is taken to add the VIP (then the host answers ARP for it with its own MAC).
 *   <li><b>Timers.</b> Exact nanoseconds from the profile's formulas (kernel tick quantization is
 *       off unless {@code Profile.withKernelTicks(true)}).
 * </ul>
 */
package org.carpsim.carp.node;
