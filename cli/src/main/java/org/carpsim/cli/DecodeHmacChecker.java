package org.carpsim.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.CarpAdvertisement;

/**
 * Verifies advertisement HMACs with the passphrase under one scheme ({@code --profile}) or, by
 * default, OpenBSD's then ucarp's, and says which one matched. Prepared HMACs are cached per
 * (vhid, source MAC), so a long capture costs two SHA-1 finishes per advertisement and candidate.
 */
final class DecodeHmacChecker {

  /** Result for one advertisement: {@code ok} null when no VIP is known for its vhid. */
  record Verdict(Boolean ok, String matchedAs) {
    /** The HMAC column of a match: {@code ok (LABEL)}. */
    String okText() {
      return "ok (" + matchedAs + ")";
    }
  }

  private record Candidate(String label, CarpHmac hmac, Verdict matched) {
    Candidate(String label, CarpHmac hmac) {
      this(label, hmac, new Verdict(true, label));
    }
  }

  private static final Verdict UNKNOWN = new Verdict(null, "");
  private static final Verdict BAD = new Verdict(false, "");

  private record CacheKey(int vhid, MacAddress source) {}

  private record Sender(int vhid, long mac, int ip) {}

  /**
   * The candidate that last matched a sender's advertisement, tried first next time: a sender keeps
   * its key and addresses, and a campus capture can infer a hundred VIPs per vhid. Trying it first
   * never changes a verdict or its label: two candidates that both match hash the very same bytes,
   * so the one remembered is always the first in order that matches.
   */
  private final Map<Sender, Integer> lastMatch = new HashMap<>();

  private final String pass;
  private final HmacScheme onlyScheme;
  private final DecodeVips vips;
  private final Map<CacheKey, List<Candidate>> cache = new HashMap<>();

  /**
   * @param onlyScheme the profile's scheme, or null to try OpenBSD then ucarp
   * @throws IllegalArgumentException when the profile's key derivation refuses the passphrase
   */
  DecodeHmacChecker(String pass, HmacScheme onlyScheme, DecodeVips vips) {
    this.pass = pass;
    this.onlyScheme = onlyScheme;
    this.vips = vips;
    if (onlyScheme != null) {
      CarpKey.derive(onlyScheme, pass); // ucarp refuses passphrases of 20 bytes or more
    }
  }

  Verdict check(CarpAdvertisement ad, MacAddress source, int sourceIp) {
    return check(ad.vhid(), source, sourceIp, ad.counter(), ad.hmacBytes());
  }

  /**
   * The verdict on an advertisement of {@code vhid} from {@code source} (its IPv4 source address,
   * or any fixed number for IPv6) with this counter and HMAC (20 bytes).
   */
  Verdict check(int vhid, MacAddress source, int sourceIp, long counter, byte[] md) {
    if (!vips.known(vhid)) {
      return UNKNOWN;
    }
    List<Candidate> candidates = cache.computeIfAbsent(new CacheKey(vhid, source), k -> candidates(k.vhid(), k.source()));
    Sender sender = new Sender(vhid, source.value(), sourceIp);
    Integer last = lastMatch.get(sender);
    if (last != null && candidates.get(last).hmac().verify(counter, md)) {
      return candidates.get(last).matched();
    }
    for (int i = 0; i < candidates.size(); i++) {
      if ((last == null || i != last) && candidates.get(i).hmac().verify(counter, md)) {
        lastMatch.put(sender, i);
        return candidates.get(i).matched();
      }
    }
    return BAD;
  }

  private CarpKey ucarpKeyOrNull() {
    try {
      return CarpKey.ucarp(pass);
    } catch (IllegalArgumentException tooLong) {
      return null;
    }
  }

  private List<Candidate> candidates(int vhid, MacAddress source) {
    List<Candidate> out = new ArrayList<>();
    List<HmacScheme> schemes = onlyScheme != null ? List.of(onlyScheme) : List.of(HmacScheme.OPENBSD, HmacScheme.UCARP);
    for (HmacScheme s : schemes) {
      switch (s) {
        case OPENBSD: {
          CarpKey key = CarpKey.bsd(pass);
          // With one IPv4 VIP, no IPv6 and no lladdr, OpenBSD and ucarp hash the very same bytes (§2.5).
          boolean sameAsUcarp = onlyScheme == null && vips.ipv4(vhid).size() == 1 && vips.ipv6(vhid).isEmpty()
              && key.equals(ucarpKeyOrNull());
          out.add(new Candidate(sameAsUcarp ? "openbsd=ucarp" : "openbsd",
              CarpHmac.prepare(s, key, vhid, vips.ipv4(vhid), vips.ipv6(vhid), null)));
          if (!source.equals(MacAddress.carpVirtual(vhid))) {
            // A carp interface with its own lladdr sends from it and hashes it (§2.2).
            out.add(new Candidate("openbsd, lladdr " + source,
                CarpHmac.prepare(s, key, vhid, vips.ipv4(vhid), vips.ipv6(vhid), source)));
          }
          break;
        }
        case UCARP: {
          CarpKey key = ucarpKeyOrNull();
          if (key == null) {
            break; // ucarp could not have been started with this passphrase
          }
          List<Ipv4Address> v4 = vips.ipv4(vhid);
          for (Ipv4Address vip : v4) {
            String label = v4.size() == 1 ? "ucarp" : "ucarp, VIP " + vip;
            out.add(new Candidate(label, CarpHmac.prepare(s, key, vhid, List.of(vip), List.of(), null)));
          }
          break;
        }
        default:
          out.add(new Candidate(s == HmacScheme.SORTED ? "sorted" : "interface order",
              CarpHmac.prepare(s, CarpKey.bsd(pass), vhid, vips.ipv4(vhid), vips.ipv6(vhid), null)));
      }
    }
    return out;
  }
}
