package org.carpsim.sim.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carpsim.sim.frame.Macs;

/**
 * Builds a {@link Topology}: segments, hosts and the NICs that attach hosts to segments.
 *
 * <pre>{@code
 * Topology topology = Topology.builder()
 *     .hub("lan")
 *     .learningSwitch("core", Durations.parse("300s"))
 *     .hosts("fw1", "fw2")
 *     .nic("fw1", "em0", "lan")                                    // MAC assigned: 02:00:00:00:00:01
 *     .nic("fw2", "em0", "lan", Macs.parse("02:00:00:00:02:01"))
 *     .build();
 * }</pre>
 *
 * <p>Declarations are only recorded; {@link #build()} checks them all and reports every problem
 * at once in a {@link TopologyException} naming the entities: duplicate names, unknown hosts or
 * segments, a NIC declared on two segments, two NICs with one MAC on a segment, invalid names and
 * MACs. NICs declared without a MAC get locally administered ones, {@code 02:00:00:00:00:01}
 * upwards in declaration order, skipping MACs given explicitly.
 */
public final class TopologyBuilder {

  /** Passed as a MAC: assign one automatically. */
  public static final long AUTO_MAC = -1;

  private final List<String> hostNames = new ArrayList<>();
  private final List<SegmentSpec> segmentSpecs = new ArrayList<>();
  private final List<NicSpec> nicSpecs = new ArrayList<>();

  private TopologyBuilder() {}

  /** An empty builder; same as {@link Topology#builder()}. */
  public static TopologyBuilder create() {
    return new TopologyBuilder();
  }

  /** Declares a hub segment with no impairments. */
  public TopologyBuilder hub(String name) {
    return hub(name, LinkConditions.NONE);
  }

  /** Declares a hub segment with the given impairments. */
  public TopologyBuilder hub(String name, LinkConditions conditions) {
    return segment(new SegmentSpec(name, SegmentKind.HUB, conditions, 0));
  }

  /** Declares a learning switch with the default MAC aging of 300 s. */
  public TopologyBuilder learningSwitch(String name) {
    return learningSwitch(name, SegmentSpec.DEFAULT_MAC_AGING, LinkConditions.NONE);
  }

  /** Declares a learning switch with the given MAC aging in nanoseconds. */
  public TopologyBuilder learningSwitch(String name, long macAging) {
    return learningSwitch(name, macAging, LinkConditions.NONE);
  }

  /** Declares a learning switch with the given MAC aging and impairments. */
  public TopologyBuilder learningSwitch(String name, long macAging, LinkConditions conditions) {
    return segment(new SegmentSpec(name, SegmentKind.LEARNING_SWITCH, conditions, macAging));
  }

  /** Declares a segment. */
  public TopologyBuilder segment(SegmentSpec segment) {
    segmentSpecs.add(segment);
    return this;
  }

  /** Declares a host. */
  public TopologyBuilder host(String name) {
    hostNames.add(name);
    return this;
  }

  /** Declares several hosts. */
  public TopologyBuilder hosts(String... names) {
    for (String name : names) {
      host(name);
    }
    return this;
  }

  /** Attaches NIC {@code host.nic} to {@code segment}, with an automatic MAC. */
  public TopologyBuilder nic(String host, String nic, String segment) {
    return nic(host, nic, segment, AUTO_MAC, LinkConditions.NONE);
  }

  /** Attaches NIC {@code host.nic} with the given MAC to {@code segment}. */
  public TopologyBuilder nic(String host, String nic, String segment, long mac) {
    return nic(host, nic, segment, mac, LinkConditions.NONE);
  }

  /**
   * Attaches NIC {@code host.nic} with the given MAC ({@link #AUTO_MAC} for an automatic one) and
   * attachment impairments to {@code segment}.
   */
  public TopologyBuilder nic(String host, String nic, String segment, long mac, LinkConditions conditions) {
    return nic(host, nic, segment, mac, conditions, PortPolicy.OPEN);
  }

  /** The same on a port with a virtual switch's {@code policy}. */
  public TopologyBuilder nic(String host, String nic, String segment, long mac, LinkConditions conditions,
      PortPolicy policy) {
    nicSpecs.add(new NicSpec(host, nic, segment, mac, conditions, policy));
    return this;
  }

  /**
   * Checks every declaration and builds the topology.
   *
   * @throws TopologyException listing every problem found
   */
  public Topology build() {
    List<String> problems = new ArrayList<>();
    Map<String, HostSpec> hosts = new LinkedHashMap<>();
    for (String name : hostNames) {
      checkName("host", name, true, problems);
      if (hosts.putIfAbsent(name, new HostSpec(name)) != null) {
        problems.add("host " + name + " is declared twice");
      }
    }
    Map<String, SegmentSpec> segments = new LinkedHashMap<>();
    for (SegmentSpec segment : segmentSpecs) {
      checkName("segment", segment.name(), false, problems);
      if (segments.putIfAbsent(segment.name(), segment) != null) {
        problems.add("segment " + segment.name() + " is declared twice");
      } else if (hosts.containsKey(segment.name())) {
        problems.add("name " + segment.name() + " is used by both a host and a segment");
      }
    }

    Set<Long> explicitMacs = new HashSet<>();
    for (NicSpec nic : nicSpecs) {
      if (nic.mac() != AUTO_MAC) {
        explicitMacs.add(nic.mac());
      }
    }
    long nextAutoMac = 0x0200_0000_0001L;
    Map<String, NicSpec> nics = new LinkedHashMap<>();
    Map<String, Map<Long, String>> macsBySegment = new HashMap<>();
    for (NicSpec declared : nicSpecs) {
      String qualified = declared.qualifiedName();
      checkName("NIC", declared.name(), false, problems);
      boolean known = true;
      if (!hosts.containsKey(declared.host())) {
        problems.add("NIC " + qualified + ": unknown host " + declared.host() + " (hosts: " + names(hosts.keySet()) + ")");
        known = false;
      }
      if (!segments.containsKey(declared.segment())) {
        problems.add("NIC " + qualified + ": unknown segment " + declared.segment()
            + " (segments: " + names(segments.keySet()) + ")");
        known = false;
      }
      NicSpec earlier = nics.get(qualified);
      if (earlier != null) {
        problems.add(earlier.segment().equals(declared.segment())
            ? "NIC " + qualified + " is declared twice"
            : "NIC " + qualified + " is on two segments: " + earlier.segment() + " and " + declared.segment());
        continue;
      }
      long mac = declared.mac();
      if (mac == AUTO_MAC) {
        while (explicitMacs.contains(nextAutoMac)) {
          nextAutoMac++;
        }
        mac = nextAutoMac++;
      } else if (!Macs.isValid(mac)) {
        problems.add("NIC " + qualified + ": MAC 0x" + Long.toHexString(mac) + " does not fit in 48 bits");
        known = false;
      } else if (Macs.isGroup(mac)) {
        problems.add("NIC " + qualified + ": MAC " + Macs.format(mac)
            + " is a group (multicast) address; a NIC needs a unicast MAC");
        known = false;
      }
      NicSpec nic = new NicSpec(declared.host(), declared.name(), declared.segment(), mac, declared.conditions(),
          declared.policy());
      nics.put(qualified, nic);
      if (known) {
        String other = macsBySegment.computeIfAbsent(nic.segment(), s -> new HashMap<>()).putIfAbsent(mac, qualified);
        if (other != null) {
          problems.add("MAC " + Macs.format(mac) + " is used by both " + other + " and " + qualified
              + " on segment " + nic.segment());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new TopologyException(problems);
    }
    return new Topology(List.copyOf(hosts.values()), List.copyOf(segments.values()), List.copyOf(nics.values()));
  }

  private static void checkName(String what, String name, boolean isHost, List<String> problems) {
    if (name == null || name.isEmpty()) {
      problems.add("a " + what + " needs a non-empty name");
      return;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || c == '|' || c == '#' || (isHost && c == '.')) {
        String shown = Character.isWhitespace(c) ? "whitespace" : "'" + c + "'";
        problems.add(what + " name '" + name + "' may not contain " + shown
            + (isHost && c == '.' ? " (host.nic names a NIC)" : ""));
        return;
      }
    }
  }

  static String names(Iterable<String> names) {
    String joined = String.join(", ", names);
    return joined.isEmpty() ? "none declared" : joined;
  }
}
