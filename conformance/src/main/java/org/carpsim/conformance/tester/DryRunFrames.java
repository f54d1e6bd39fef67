package org.carpsim.conformance.tester;

import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.conformance.live.LiveInterface;

/**
 * The tester's frames as a dry run describes them: crafted for {@code mac} and {@code source} and
 * summarised from their decoded bytes (the pass never shown).
 *
 * @param plan the run's plan
 * @param mac the tester's MAC as the dry run assumes it
 * @param source the tester's IPv4 address as the dry run assumes it
 */
public record DryRunFrames(ConformancePlan plan, MacAddress mac, Ipv4Address source) {

  /** Whether the tester plays over IPv6 (an IPv6-only group). */
  public boolean ipv6() {
    return plan.ipv6Only();
  }

  /** The tester's IPv6 source in an IPv6-only group: the link-local address of {@link #mac()}. */
  public Ipv6Address linkLocal() {
    return LiveInterface.eui64LinkLocal(mac);
  }

  /** An advertisement as the tester sends it. */
  public String ad(int advbase, int advskew, int demote, Fault fault) {
    AdvertisementCrafter c = ConformanceRunner.crafterFor(plan);
    return ConformanceRunner.summary(ipv6() ? c.advertisement6(mac, linkLocal(), advbase, advskew, demote, 0x1000,
        fault)
        : c.advertisement(mac, source, advbase, advskew, demote, 0x1000, 0, fault));
  }

  /** The tester's better master's advertisement (advbase 1, advskew 0). */
  public String better() {
    return ad(ConformanceRunner.TESTER_ADVBASE, ConformanceRunner.TESTER_ADVSKEW, 0, Fault.NONE);
  }

  /** The tester's bow-out. */
  public String bowOut() {
    AdvertisementCrafter c = ConformanceRunner.crafterFor(plan);
    return ConformanceRunner.summary(ipv6() ? c.bowOut6(mac, linkLocal(), 0x1000) : c.bowOut(mac, source, 0x1000, 0));
  }

  /** How the tester makes the IUT BACKUP, to be followed by what it does next. */
  public String master() {
    return "sends up to 1/s [" + better() + "] until the IUT is BACKUP, then ";
  }

  /** A (advbase, advskew) just slower than the IUT's. */
  public int[] slower() {
    return plan.advskew() < 254 ? new int[] {plan.advbase(), plan.advskew() + 1}
        : new int[] {plan.advbase() + 1, plan.advskew()};
  }

  /** The neighbour solicitation for the first IPv6 VIP, or "" without one. */
  public String neighborSolicitation() {
    return plan.vips6().isEmpty() ? ""
        : ConformanceRunner.summary(AdvertisementCrafter.neighborSolicitation(mac, linkLocal(), plan.vips6().get(0)));
  }
}
