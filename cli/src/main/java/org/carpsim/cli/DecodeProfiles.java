package org.carpsim.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.carpsim.carp.auth.HmacScheme;

/** The profile names {@code carpsim decode --profile} accepts, and the HMAC scheme of each. */
final class DecodeProfiles {

  private static final Map<String, HmacScheme> SCHEMES = new LinkedHashMap<>();

  static {
    SCHEMES.put("openbsd", HmacScheme.OPENBSD);
    SCHEMES.put("openbsd-3.5", HmacScheme.INTERFACE_ORDER);
    SCHEMES.put("netbsd", HmacScheme.SORTED);
    SCHEMES.put("freebsd", HmacScheme.SORTED);
    SCHEMES.put("freebsd-6", HmacScheme.INTERFACE_ORDER);
    SCHEMES.put("ucarp", HmacScheme.UCARP);
  }

  private DecodeProfiles() {}

  /**
   * The scheme of a profile name.
   *
   * @throws IllegalArgumentException naming the accepted profiles
   */
  static HmacScheme scheme(String profile) {
    HmacScheme s = SCHEMES.get(profile);
    if (s == null) {
      throw new IllegalArgumentException("unknown profile '" + profile + "' (expected one of " + String.join(", ", SCHEMES.keySet()) + ")");
    }
    return s;
  }
}
