package org.carpsim.conformance.tester;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.profile.Profile;

/**
 * What a conformance run is told: the IUT's profile and configuration, and which catalogue cases to
 * run. Every expectation derives from it. The passphrase never appears in {@link #toString()}.
 *
 * @param profile the system the IUT is
 * @param vhid its vhid, 1..255 (the only vhid the tester sends for)
 * @param pass its passphrase
 * @param vips its IPv4 VIPs in configuration order (with {@code vips6}: at least one VIP)
 * @param advbase 1..254
 * @param advskew 0..254
 * @param preempt whether the IUT preempts
 * @param cases the case ids to run, in catalogue order
 * @param vips6 its IPv6 VIPs in configuration order: with IPv4 VIPs too it advertises over both
 *     families (the tester plays over IPv4); with none it is an IPv6-only group (ff02::12)
 */
public record ConformancePlan(Profile profile, int vhid, String pass, List<Ipv4Address> vips, int advbase, int advskew,
    boolean preempt, List<String> cases, List<Ipv6Address> vips6) {

  /** A plan with IPv4 VIPs only. */
  public ConformancePlan(Profile profile, int vhid, String pass, List<Ipv4Address> vips, int advbase, int advskew,
      boolean preempt, List<String> cases) {
    this(profile, vhid, pass, vips, advbase, advskew, preempt, cases, List.of());
  }

  /** Every case id of the catalogue ({@link Catalogue}), in order. */
  public static final List<String> CATALOGUE = Catalogue.ids();

  /** The cases the runner implements: the whole catalogue (a case may still SKIP, saying why). */
  public static final List<String> IMPLEMENTED = CATALOGUE;

  /** Checks every field, naming it and its allowed range. */
  public ConformancePlan {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(pass, "pass");
    if (vhid < 1 || vhid > 255) {
      throw new IllegalArgumentException("--vhid " + vhid + " is out of range 1..255");
    }
    if (advbase < 1 || advbase > 254) {
      throw new IllegalArgumentException("--advbase " + advbase + " is out of range 1..254");
    }
    if (advskew < 0 || advskew > 254) {
      throw new IllegalArgumentException("--advskew " + advskew + " is out of range 0..254");
    }
    if (pass.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > CarpKey.MAX_PASSPHRASE_BYTES) {
      throw new IllegalArgumentException("--pass is longer than " + CarpKey.MAX_PASSPHRASE_BYTES + " bytes");
    }
    vips = List.copyOf(vips);
    vips6 = List.copyOf(vips6);
    if (vips.isEmpty() && vips6.isEmpty()) {
      throw new IllegalArgumentException("--vip: at least one virtual address is needed");
    }
    for (Ipv6Address v : vips6) {
      if (v.isMulticast() || v.isLinkLocal()) {
        throw new IllegalArgumentException("--vip " + v + ": an IPv6 VIP must be a global or unique-local unicast "
            + "address");
      }
    }
    if (!vips6.isEmpty() && !profile.supportsIpv6()) {
      throw new IllegalArgumentException("--vip " + vips6.get(0) + ": profile " + profile.name()
          + " is IPv4-only (ucarp has no IPv6)");
    }
    cases = List.copyOf(cases);
    for (String c : cases) {
      if (!CATALOGUE.contains(c)) {
        throw new IllegalArgumentException("--cases: unknown case '" + c + "' (known: " + String.join(",", CATALOGUE)
            + ")");
      }
    }
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("--cases: no case named");
    }
  }

  /**
   * Parses a {@code --cases} list ({@code A1,b4, C1}); null or empty means the whole catalogue.
   * Duplicates are dropped and the result is in catalogue order.
   */
  public static List<String> parseCases(String text) {
    if (text == null || text.isBlank()) {
      return CATALOGUE;
    }
    LinkedHashSet<String> wanted = new LinkedHashSet<>();
    for (String part : text.split(",")) {
      String id = part.trim().toUpperCase(Locale.ROOT);
      if (!CATALOGUE.contains(id)) {
        throw new IllegalArgumentException("--cases: unknown case '" + part.trim()
            + "' (known: " + String.join(",", CATALOGUE) + ")");
      }
      wanted.add(id);
    }
    List<String> ordered = new ArrayList<>();
    for (String id : CATALOGUE) {
      if (wanted.contains(id)) {
        ordered.add(id);
      }
    }
    return ordered;
  }

  /** Whether the group is IPv6-only: the IUT advertises to ff02::12 only, and so does the tester. */
  public boolean ipv6Only() {
    return vips.isEmpty();
  }

  /** Every VIP as text, IPv4 first, in configuration order. */
  public List<String> vipTexts() {
    List<String> out = new ArrayList<>();
    vips.forEach(v -> out.add(v.toString()));
    vips6.forEach(v -> out.add(v.toString()));
    return out;
  }

  @Override
  public String toString() {
    return "ConformancePlan[" + profile.name() + " vhid " + vhid + " vips " + vipTexts() + " advbase " + advbase
        + " advskew " + advskew + (preempt ? " preempt" : "") + " cases " + cases + " pass <hidden>]";
  }
}
