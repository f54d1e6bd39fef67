package org.carpsim.conformance.catalogue;

import java.util.List;
import java.util.Objects;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.Profile;

/**
 * What the tester knows of the implementation under test: the values every expectation is
 * derived from.
 *
 * @param profile the system the IUT is (ucarp, openbsd, …)
 * @param source the IUT's IPv4 source address (whose advertisements are judged)
 * @param vhid its vhid
 * @param pass its passphrase (never printed)
 * @param vips its IPv4 virtual addresses, in its configuration order
 * @param advbase its advbase
 * @param advskew its advskew
 */
public record IutConfig(Profile profile, Ipv4Address source, int vhid, String pass, List<Ipv4Address> vips, int advbase,
    int advskew) {

  public IutConfig {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pass, "pass");
    vips = List.copyOf(vips);
  }

  @Override
  public String toString() {
    return "IutConfig[" + profile.name() + " " + source + " vhid " + vhid + " vips " + vips + " advbase " + advbase
        + " advskew " + advskew + " pass <hidden>]";
  }
}
