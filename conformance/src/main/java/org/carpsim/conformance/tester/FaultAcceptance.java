package org.carpsim.conformance.tester;

import java.util.List;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Validation.ReceiveCheck;

/**
 * Whether a profile accepts an advertisement with a {@link Fault} (catalogue C), derived from its
 * receive checks (carp-protocol.md §1.3, §5.6): a fault is rejected iff one of the profile's checks
 * looks at the field it breaks.
 *
 * @param accepted true when the IUT must treat it as a valid advertisement
 * @param because which rule of the profile decides, for the report
 */
public record FaultAcceptance(boolean accepted, String because) {

  /** The expectation for {@code fault} under {@code profile}. */
  public static FaultAcceptance of(Profile profile, Fault fault) {
    List<ReceiveCheck> checks = profile.validation().receiveChecks();
    String p = "profile " + profile.name();
    return switch (fault) {
      case NONE -> new FaultAcceptance(true, "valid");
      case TTL_64 -> checks.contains(ReceiveCheck.TTL) || checks.contains(ReceiveCheck.TTL_MULTICAST_ONLY)
          ? new FaultAcceptance(false, p + " checks TTL = 255 (carps_badttl)")
          : new FaultAcceptance(true, p + " has no TTL check");
      case BAD_VERSION -> checks.contains(ReceiveCheck.VERSION)
          ? new FaultAcceptance(false, p + " checks version = 2 (carps_badver)")
          : new FaultAcceptance(true, p + " has no version check");
      case BAD_CHECKSUM -> checks.contains(ReceiveCheck.CHECKSUM) || checks.contains(ReceiveCheck.CHECKSUM_IP_AND_CARP)
          ? new FaultAcceptance(false, p + " verifies the checksum (carps_badsum)")
          : new FaultAcceptance(true, p + " has no checksum check");
      case OTHER_VHID -> new FaultAcceptance(false, p + " looks the vhid up (carps_badvhid); the HMAC covers it too");
      case WRONG_PASS, WRONG_VIPS -> checks.contains(ReceiveCheck.HMAC)
          ? new FaultAcceptance(false, p + " verifies the HMAC (carps_badauth)")
          : new FaultAcceptance(true, p + " has no HMAC check");
      case SHORT -> new FaultAcceptance(false, "every profile needs the whole 36-byte header (carps_badlen)");
      case VRRP2 -> new FaultAcceptance(false,
          "a one-address VRRPv2 packet is 20 bytes, shorter than the 36-byte CARP header (carps_badlen)");
      case TRAILING_BYTES -> new FaultAcceptance(true,
          "the length rule is 'at least 36 bytes' and the checksum covers exactly 36 (§1.3)");
      case ODD_TYPE_AUTHLEN -> new FaultAcceptance(true,
          p + " checks neither type nor authlen, and the HMAC hashes the constant 02 01, not the header bytes");
    };
  }
}
