/**
 * Configuration as people type it, parsed into typed, validated, not yet executed
 * {@link org.carpsim.carp.config.HostCommand}s by {@link org.carpsim.carp.config.ConfigParser}:
 * ifconfig (OpenBSD, NetBSD, FreeBSD incl. the vhid on the parent), sysctl, ucarp command lines,
 * FreeBSD rc.conf assignments, OpenBSD {@code /etc/hostname.IF}, NetBSD {@code /etc/ifconfig.IF} and
 * {@code /etc/sysctl.conf}. {@link org.carpsim.carp.config.LogicalLines} joins {@code \}-continued
 * lines and maps offsets back to {@code file:line:col}; {@link org.carpsim.carp.config.ShellPrompt}
 * strips {@code host#} prompts and takes apart transcript lines whose prompts a rendering collapsed
 * onto one line.
 *
 * <p>Rules: errors read like the tool's own ({@code ifconfig: vhid 256: too large (range 1..255)},
 * strtonum's words plus the range) and carry the column and, for misspellings, the nearest word; a line
 * with an error yields no command; passphrases are masked in {@code toString()}, in
 * {@link org.carpsim.carp.config.ParsedLine#redactedText()}, in warnings and in error messages — also
 * where the parser does not read them as passphrases (comments, unmodelled rc.conf variables, a command
 * quoted into one word: {@link org.carpsim.carp.config.Secrets}), and, within a file, in what every
 * other line of the file says.
 *
 * <p>Decisions (where real tools differ or the seeds are loose):
 * <ul>
 *   <li>A second bare address ({@code ifconfig carp0 10.0.0.1 255.255.255.0}) is the netmask, as
 *       NetBSD's ifconfig reads it; under OpenBSD/FreeBSD profiles a warning says their ifconfig would
 *       take it as a destination address.
 *   <li>{@code /len} and {@code netmask} together: the later one wins, as ifconfig applies them in
 *       order; a warning when they disagree. No mask: the classful default, with a warning.
 *   <li>A passphrase over 19 bytes: ifconfig truncates (warning), ucarp refuses ("Password too long").
 *   <li>{@code ifconfig create carp1} (the 2004 article's swapped words): accepted as a create, with a
 *       warning that real ifconfig would fail.
 *   <li>{@code \ } in the middle of a line (a continuation that lost its line break in the seeds'
 *       carp(4) rendering) is dropped with a warning; on a collapsed transcript line
 *       ({@code # ifconfig … # ifconfig … \ netmask …}, see {@link org.carpsim.carp.config.ShellPrompt#commands})
 *       it is dropped silently, as the continuation it is.
 *   <li>rc.conf: unknown variables are accepted with a "not modelled" warning (people paste whole
 *       files); a near-miss of a modelled one ({@code clone_interfaces}) is refused with the nearest
 *       name. {@code ifconfig_IF} is followed by {@code ifconfig IF up}, as rc.d/netif does; DHCP is
 *       refused. rc.conf syntax is accepted under every profile (the scenario language uses it under
 *       openbsd-3.5), but the commands it yields are validated against the profile.
 *   <li>{@code &&} makes the next command conditional; {@code ;} does not; a trailing {@code &} is
 *       accepted (ucarp is often started so). Pipes and redirections are refused.
 *   <li>Kernel configuration lines {@code device carp} / {@code pseudo-device carp} are accepted as
 *       no-ops.
 * </ul>
 */
package org.carpsim.carp.config;
