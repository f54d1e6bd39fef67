package org.carpsim.sim.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.builder.GraphTypeBuilder;

/**
 * The static shape of a simulated network: hosts and segments are the vertices of an undirected
 * JGraphT multigraph, and each NIC is an edge from its host to its segment. Immutable; made by
 * {@link TopologyBuilder}. Lists keep declaration order, so everything derived from a topology is
 * deterministic.
 *
 * <p>Lookups by an unknown name throw a {@link TopologyException} that lists the known names.
 */
public final class Topology {

  private final List<HostSpec> hosts;
  private final List<SegmentSpec> segments;
  private final List<NicSpec> nics;
  private final Map<String, HostSpec> hostsByName = new HashMap<>();
  private final Map<String, SegmentSpec> segmentsByName = new HashMap<>();
  private final Map<String, NicSpec> nicsByName = new HashMap<>();
  private final Map<String, List<NicSpec>> nicsByHost = new LinkedHashMap<>();
  private final Map<String, List<NicSpec>> nicsBySegment = new LinkedHashMap<>();
  private final Graph<TopologyVertex, NicSpec> graph;

  Topology(List<HostSpec> hosts, List<SegmentSpec> segments, List<NicSpec> nics) {
    this.hosts = hosts;
    this.segments = segments;
    this.nics = nics;
    Graph<TopologyVertex, NicSpec> g =
        GraphTypeBuilder.<TopologyVertex, NicSpec>undirected()
            .allowingMultipleEdges(true)
            .allowingSelfLoops(false)
            .weighted(false)
            .buildGraph();
    for (HostSpec host : hosts) {
      hostsByName.put(host.name(), host);
      nicsByHost.put(host.name(), new ArrayList<>());
      g.addVertex(host);
    }
    for (SegmentSpec segment : segments) {
      segmentsByName.put(segment.name(), segment);
      nicsBySegment.put(segment.name(), new ArrayList<>());
      g.addVertex(segment);
    }
    for (NicSpec nic : nics) {
      nicsByName.put(nic.qualifiedName(), nic);
      nicsByHost.get(nic.host()).add(nic);
      nicsBySegment.get(nic.segment()).add(nic);
      g.addEdge(hostsByName.get(nic.host()), segmentsByName.get(nic.segment()), nic);
    }
    nicsByHost.replaceAll((k, v) -> List.copyOf(v));
    nicsBySegment.replaceAll((k, v) -> List.copyOf(v));
    this.graph = new AsUnmodifiableGraph<>(g);
  }

  /** A new builder. */
  public static TopologyBuilder builder() {
    return TopologyBuilder.create();
  }

  /** The hosts, in declaration order. */
  public List<HostSpec> hosts() {
    return hosts;
  }

  /** The segments, in declaration order. */
  public List<SegmentSpec> segments() {
    return segments;
  }

  /** The NICs, in declaration order (with their final MACs). */
  public List<NicSpec> nics() {
    return nics;
  }

  /** The read-only graph: hosts and segments as vertices, NICs as edges. */
  public Graph<TopologyVertex, NicSpec> graph() {
    return graph;
  }

  /** The host called {@code name}. */
  public HostSpec host(String name) {
    HostSpec host = hostsByName.get(name);
    if (host == null) {
      throw new TopologyException("unknown host " + name + " (hosts: " + TopologyBuilder.names(hostsByName(hosts)) + ")");
    }
    return host;
  }

  /** The segment called {@code name}. */
  public SegmentSpec segment(String name) {
    SegmentSpec segment = segmentsByName.get(name);
    if (segment == null) {
      throw new TopologyException(
          "unknown segment " + name + " (segments: " + TopologyBuilder.names(segmentNames()) + ")");
    }
    return segment;
  }

  /** True if a host of that name exists. */
  public boolean hasHost(String name) {
    return hostsByName.containsKey(name);
  }

  /** True if a segment of that name exists. */
  public boolean hasSegment(String name) {
    return segmentsByName.containsKey(name);
  }

  /** The NIC called {@code host.nic}, e.g. {@code fw1.em0}. */
  public NicSpec nic(String qualifiedName) {
    NicSpec nic = nicsByName.get(qualifiedName);
    if (nic != null) {
      return nic;
    }
    int dot = qualifiedName.indexOf('.');
    if (dot < 0) {
      throw new TopologyException("'" + qualifiedName + "' is not a NIC name; write host.nic, e.g. fw1.em0");
    }
    String host = qualifiedName.substring(0, dot);
    if (!hostsByName.containsKey(host)) {
      throw new TopologyException("unknown NIC " + qualifiedName + ": unknown host " + host
          + " (hosts: " + TopologyBuilder.names(hostsByName(hosts)) + ")");
    }
    List<String> names = new ArrayList<>();
    for (NicSpec n : nicsByHost.get(host)) {
      names.add(n.name());
    }
    throw new TopologyException("unknown NIC " + qualifiedName + " (" + host + " has "
        + (names.isEmpty() ? "no NICs" : String.join(", ", names)) + ")");
  }

  /** True if a NIC of that qualified name exists. */
  public boolean hasNic(String qualifiedName) {
    return nicsByName.containsKey(qualifiedName);
  }

  /** The NICs of a host, in declaration order. */
  public List<NicSpec> nicsOf(String host) {
    return nicsByHost.get(host(host).name());
  }

  /** The NICs attached to a segment, in declaration order. */
  public List<NicSpec> nicsOn(String segment) {
    return nicsBySegment.get(segment(segment).name());
  }

  /** The segment a NIC is attached to. */
  public SegmentSpec segmentOf(String qualifiedNic) {
    return segmentsByName.get(nic(qualifiedNic).segment());
  }

  /** The other hosts that share at least one segment with {@code host}, in declaration order. */
  public List<HostSpec> neighbours(String host) {
    HostSpec self = host(host);
    Set<String> found = new LinkedHashSet<>();
    for (NicSpec nic : nicsByHost.get(self.name())) {
      for (NicSpec other : nicsBySegment.get(nic.segment())) {
        if (!other.host().equals(self.name())) {
          found.add(other.host());
        }
      }
    }
    List<HostSpec> result = new ArrayList<>();
    for (HostSpec h : hosts) {
      if (found.contains(h.name())) {
        result.add(h);
      }
    }
    return Collections.unmodifiableList(result);
  }

  /**
   * The hosts grouped into independent components: two hosts are in the same group if a chain of
   * shared segments joins them; hosts in different groups can never exchange a frame, so their
   * simulations can run apart. Groups are ordered by their first host's declaration.
   */
  public List<Set<String>> independentGroups() {
    List<Set<TopologyVertex>> components = new ConnectivityInspector<>(graph).connectedSets();
    Map<TopologyVertex, Integer> componentOf = new HashMap<>();
    for (int i = 0; i < components.size(); i++) {
      for (TopologyVertex v : components.get(i)) {
        componentOf.put(v, i);
      }
    }
    Map<Integer, Set<String>> groups = new LinkedHashMap<>();
    for (HostSpec host : hosts) {
      groups.computeIfAbsent(componentOf.get(host), k -> new LinkedHashSet<>()).add(host.name());
    }
    List<Set<String>> result = new ArrayList<>();
    for (Set<String> group : groups.values()) {
      result.add(Collections.unmodifiableSet(group));
    }
    return Collections.unmodifiableList(result);
  }

  /**
   * The connected sides of {@code segment} under {@code partition}: the NICs of each named side, in
   * order, then the NICs no side names ("the rest") if there are any.
   *
   * @throws TopologyException if a member is not a host or NIC on the segment, or a NIC is put on
   *     one side by name and on another through its host
   */
  public List<List<NicSpec>> sides(String segment, Partition partition) {
    List<NicSpec> attached = nicsOn(segment);
    List<String> problems = new ArrayList<>();
    for (Set<String> side : partition.sides()) {
      for (String member : side) {
        boolean onSegment = false;
        for (NicSpec nic : attached) {
          if (nic.qualifiedName().equals(member) || nic.host().equals(member)) {
            onSegment = true;
            break;
          }
        }
        if (!onSegment) {
          List<String> names = new ArrayList<>();
          for (NicSpec nic : attached) {
            names.add(nic.qualifiedName());
          }
          problems.add("partition of " + segment + ": " + member + " is not on segment " + segment
              + " (on it: " + TopologyBuilder.names(names) + ")");
        }
      }
    }
    List<List<NicSpec>> sides = new ArrayList<>();
    for (int i = 0; i <= partition.sides().size(); i++) {
      sides.add(new ArrayList<>());
    }
    for (NicSpec nic : attached) {
      int byName = -1;
      int byHost = -1;
      for (int i = 0; i < partition.sides().size(); i++) {
        Set<String> side = partition.sides().get(i);
        if (side.contains(nic.qualifiedName())) {
          byName = i;
        }
        if (side.contains(nic.host())) {
          byHost = i;
        }
      }
      if (byName >= 0 && byHost >= 0 && byName != byHost) {
        problems.add("partition of " + segment + ": " + nic.qualifiedName() + " is named on side " + (byName + 1)
            + " but its host " + nic.host() + " on side " + (byHost + 1));
      }
      int side = byName >= 0 ? byName : byHost >= 0 ? byHost : partition.sides().size();
      sides.get(side).add(nic);
    }
    if (!problems.isEmpty()) {
      throw new TopologyException(problems);
    }
    if (sides.get(sides.size() - 1).isEmpty()) {
      sides.remove(sides.size() - 1);
    }
    List<List<NicSpec>> result = new ArrayList<>();
    for (List<NicSpec> side : sides) {
      result.add(List.copyOf(side));
    }
    return Collections.unmodifiableList(result);
  }

  @Override
  public String toString() {
    return "Topology[" + hosts.size() + " hosts, " + segments.size() + " segments, " + nics.size() + " NICs]";
  }

  private List<String> segmentNames() {
    List<String> names = new ArrayList<>();
    for (SegmentSpec s : segments) {
      names.add(s.name());
    }
    return names;
  }

  private static List<String> hostsByName(List<HostSpec> hosts) {
    List<String> names = new ArrayList<>();
    for (HostSpec h : hosts) {
      names.add(h.name());
    }
    return names;
  }
}
