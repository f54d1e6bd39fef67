package org.carpsim.conformance.catalogue;

import java.util.List;
import java.util.Objects;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.profile.Profile;

/**
 * What the tester knows of the implementation under test: the values every expectation is
 * derived from.
 *
 * @param profile the system the IUT is (ucarp, openbsd, …)
 * @param source the IUT's IPv4 source address (whose advertisements are judged; 0.0.0.0 for an
 *     IPv6-only group, whose advertisements {@link ObservationCases#judge6} judges)
 * @param vhid its vhid
 * @param pass its passphrase (never printed)
 * @param vips its IPv4 virtual addresses, in its configuration order
 * @param advbase its advbase
 * @param advskew its advskew
 * @param vips6 its IPv6 virtual addresses (in the HMAC of both families' advertisements)
 */
public record IutConfig(Profile profile, Ipv4Address source, int vhid, String pass, List<Ipv4Address> vips, int advbase,
    int advskew, List<Ipv6Address> vips6) {

  /** An IUT with IPv4 VIPs only. */
  public IutConfig(Profile profile, Ipv4Address source, int vhid, String pass, List<Ipv4Address> vips, int advbase,
      int advskew) {
    this(profile, source, vhid, pass, vips, advbase, advskew, List.of());
  }

  public IutConfig {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pass, "pass");
    vips = List.copyOf(vips);
    vips6 = List.copyOf(vips6);
  }

  @Override
  public String toString() {
    return "IutConfig[" + profile.name() + " " + source + " vhid " + vhid + " vips " + vips
        + (vips6.isEmpty() ? "" : " " + vips6) + " advbase " + advbase
        + " advskew " + advskew + " pass <hidden>]";
  }
}
