package org.carpsim.cli;

import picocli.CommandLine.Option;

/**
 * The CARP group settings {@code carpsim node} runs with and {@code carpsim conformance} expects of
 * the implementation under test: the same words as {@code ifconfig carpN} and ucarp use.
 */
final class CarpGroupOptions {

  @Option(names = "--vhid", required = true, paramLabel = "N",
      description = "Virtual host id, 1..255 (the only one sent for).")
  int vhid;

  @Option(names = "--pass", paramLabel = "P", defaultValue = "",
      description = "Passphrase (never printed; default: none).")
  String pass;

  @Option(names = "--advbase", paramLabel = "B", defaultValue = "1",
      description = "Advertisement base interval in seconds, 1..254 (default: ${DEFAULT-VALUE}).")
  int advbase;

  @Option(names = "--advskew", paramLabel = "S", defaultValue = "0",
      description = "Advertisement skew in 1/256 s, 0..254 (default: ${DEFAULT-VALUE}).")
  int advskew;

  @Option(names = "--preempt",
      description = "Take over from a slower master (net.inet.carp.preempt=1, ucarp --preempt).")
  boolean preempt;
}
