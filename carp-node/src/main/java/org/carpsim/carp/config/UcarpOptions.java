package org.carpsim.carp.config;

import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;

/**
 * One ucarp command line (carp-protocol.md §8.4, ucarp-lab.md), validated.
 *
 * @param interfaceName {@code --interface/-i}; empty means libpcap's default device (the host's first NIC)
 * @param sourceAddress {@code --srcip/-s} (required)
 * @param vhid {@code --vhid/-v}, 1..255 (required)
 * @param pass {@code --pass/-p}; at most 19 bytes (ucarp refuses longer)
 * @param passfile {@code --passfile/-o}: a file whose first line is the password, read when the daemon
 *     starts
 * @param virtualAddress {@code --addr/-a} (required): the one VIP
 * @param advbase {@code --advbase/-b}, default 1
 * @param advskew {@code --advskew/-k}, 0..255, default 0
 * @param deadRatio {@code --deadratio/-r}, default 3
 * @param preempt {@code --preempt/-P}
 * @param neutral {@code --neutral/-n}: no down-script at start
 * @param shutdown {@code --shutdown/-z}: run the down-script on exit
 * @param ignoreInterfaceState {@code --ignoreifstate/-S}
 * @param noMulticast {@code --nomcast/-M}: Ethernet broadcast instead of multicast
 * @param multicastGroup {@code --mcastip} (usage calls it {@code --mcast}), default 224.0.0.18
 * @param upscript {@code --upscript/-u}
 * @param downscript {@code --downscript/-d}
 * @param extraParameter {@code --xparam/-x}, passed to the scripts
 * @param daemonize {@code --daemonize/-B}
 * @param facility {@code --facility/-f}
 * @param debug {@code --debug/-D}
 */
public record UcarpOptions(
    Optional<String> interfaceName,
    Ipv4Address sourceAddress,
    int vhid,
    Optional<Passphrase> pass,
    Optional<String> passfile,
    Ipv4Address virtualAddress,
    int advbase,
    int advskew,
    int deadRatio,
    boolean preempt,
    boolean neutral,
    boolean shutdown,
    boolean ignoreInterfaceState,
    boolean noMulticast,
    Ipv4Address multicastGroup,
    Optional<String> upscript,
    Optional<String> downscript,
    Optional<String> extraParameter,
    boolean daemonize,
    Optional<String> facility,
    boolean debug) {}
