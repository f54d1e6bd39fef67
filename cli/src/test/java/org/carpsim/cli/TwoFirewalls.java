package org.carpsim.cli;

/**
 * The small world several command tests run: fw1 (advskew 0) and fw2 (advskew 100) share
 * 10.0.0.100 (vhid 1) on one hub; each test adds its own header and timeline.
 */
final class TwoFirewalls {

  private static final String HOSTS = """
      segment lan 10.0.0.0/24
      host fw1
        nic em0 lan 10.0.0.1/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 pass s3cret carpdev em0 10.0.0.100/24
      host fw2
        nic em0 lan 10.0.0.2/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 advskew 100 pass s3cret carpdev em0 10.0.0.100/24
      """;

  private TwoFirewalls() {}

  /** {@code header} (scenario, profile lines), the two hosts, then {@code rest} (clients, timeline, run, expectations). */
  static String scenario(String header, String rest) {
    return header + HOSTS + rest;
  }
}
