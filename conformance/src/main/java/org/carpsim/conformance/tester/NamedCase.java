package org.carpsim.conformance.tester;

import java.util.Optional;

/** A catalogue case that knows its id and title: what every case class of the catalogue starts from. */
abstract class NamedCase implements ConformanceCase {

  /** The case's stable id; a class that serves several ids (B4–B8) dispatches on it. */
  protected final String id;
  private final String title;

  NamedCase(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** An IPv6-only group has no IPv4 VIP: nothing to announce or to ask for (D3 is the IPv6 case). */
  static Optional<String> needsIpv4Vip(ConformancePlan plan) {
    return plan.ipv6Only() ? Optional.of("IPv6-only group: no IPv4 VIP to announce or to ask for (D3 is the IPv6 case)")
        : Optional.empty();
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String title() {
    return title;
  }
}
