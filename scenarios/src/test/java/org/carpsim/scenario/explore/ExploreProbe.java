package org.carpsim.scenario.explore;

import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;

/** Three hosts of one profile on one hub, master by advskew 0 / 50 / 100: the explored world per profile. */
final class ExploreProbe {

  private ExploreProbe() {}

  static String trio(String profile) {
    StringBuilder b = new StringBuilder("scenario \"trio " + profile + "\"\nprofile " + profile + "\n\n"
        + "segment lan 10.0.0.0/24\n");
    for (int i = 1; i <= 3; i++) {
      int skew = (i - 1) * 50;
      b.append("host fw").append(i).append('\n').append("  nic em0 lan 10.0.0.").append(i).append("/24\n");
      switch (profile) {
        case "freebsd" -> b.append("  ifconfig em0 vhid 1 advskew ").append(skew).append(" pass s3cret alias 10.0.0.100/32\n");
        case "ucarp" -> b.append("  ucarp --interface=em0 --srcip=10.0.0.").append(i).append(" --vhid=1 --advskew=")
            .append(skew).append(" --pass=s3cret --addr=10.0.0.100 &\n");
        case "freebsd-6" -> b.append("  ifconfig carp0 create\n  ifconfig carp0 vhid 1 advskew ").append(skew)
            .append(" pass s3cret 10.0.0.100 netmask 255.255.255.0\n");
        default -> b.append("  ifconfig carp0 create\n  ifconfig carp0 vhid 1 advskew ").append(skew)
            .append(" pass s3cret carpdev em0 10.0.0.100 netmask 255.255.255.0\n");
      }
    }
    b.append("run 30s\nexpect at 10s fw1 vhid 1 MASTER\n");
    return b.toString();
  }

  static Explorer explorer(String profile) {
    String text = trio(profile);
    Scenario s = ScenarioParser.parse("trio-" + profile + ".carp", text);
    return new Explorer("trio-" + profile + ".carp", text, s);
  }
}
