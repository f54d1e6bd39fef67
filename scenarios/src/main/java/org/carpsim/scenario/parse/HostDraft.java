package org.carpsim.scenario.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.carpsim.carp.config.LogicalLine;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Profile;
import org.carpsim.scenario.model.ConfigLine;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.Origin;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.PortPolicy;

/** A host while its file is being read: what its lines said, before references are resolved. */
final class HostDraft {

  /** A shell or rc.conf line of the block, prompt stripped (positions kept). */
  record ShellLine(LogicalLine command) {}

  /** An inline {@code file PATH … end} block. */
  record FileBlock(String path, Line fileLine, Word pathWord, List<String> content, int firstContentLine) {}

  /** A {@code nic} line, its references unresolved. */
  record NicDraft(String name, Line line, Word nameWord, Word segmentWord, List<Word> addressWords,
      Optional<Word> macWord, Optional<MacAddress> mac, LinkConditions conditions, PortPolicy policy,
      Origin origin) {}

  final String name;
  final Line line;
  final Origin origin;
  /** Null when the host line named an unknown profile: its lines are then not parsed. */
  final Profile profile;
  final boolean profileGiven;
  /** Shell lines and file blocks, in order. */
  final List<Object> raw = new ArrayList<>();
  final List<NicDraft> nicDrafts = new ArrayList<>();

  // Filled while resolving.
  final List<Nic> nics = new ArrayList<>();
  final List<ConfigLine> config = new ArrayList<>();
  final TreeSet<String> carpInterfaces = new TreeSet<>(HostDraft::compareInterfaces);
  final TreeSet<Integer> vhids = new TreeSet<>();
  /** Carp interfaces some line gives a {@code carpdev}. */
  final java.util.Set<String> carpdevGiven = new java.util.HashSet<>();
  /** Carp interfaces already warned about for a missing {@code carpdev}. */
  final java.util.Set<String> carpdevWarned = new java.util.HashSet<>();
  /** Set when one of its configuration lines or timeline commands was refused. */
  boolean configRefused;

  HostDraft(String name, Line line, Origin origin, Profile profile, boolean profileGiven) {
    this.name = name;
    this.line = line;
    this.origin = origin;
    this.profile = profile;
    this.profileGiven = profileGiven;
  }

  /**
   * Whether its carp interfaces and vhids are known completely: its profile is known and none of its
   * lines was refused (otherwise "no such vhid" would only repeat an earlier error).
   */
  boolean interfacesKnown() {
    return profile != null && !configRefused;
  }

  Optional<Nic> nic(String nicName) {
    return nics.stream().filter(n -> n.name().equals(nicName)).findFirst();
  }

  boolean hasNicDraft(String nicName) {
    return nicDrafts.stream().anyMatch(n -> n.name().equals(nicName));
  }

  List<String> nicNames() {
    return nicDrafts.stream().map(NicDraft::name).toList();
  }

  /** NIC and carp interface names, for suggestions. */
  List<String> interfaceNames() {
    List<String> out = new ArrayList<>(nicNames());
    out.addAll(carpInterfaces);
    return out;
  }

  /** carp2 before carp10. */
  static int compareInterfaces(String a, String b) {
    String pa = withoutTrailingDigits(a);
    String pb = withoutTrailingDigits(b);
    if (pa.equals(pb) && a.length() != b.length()) {
      return Integer.compare(a.length(), b.length());
    }
    return a.compareTo(b);
  }

  /**
   * {@code name.replaceAll("[0-9]+$", "")} without a regex per comparison (interface names hold no
   * line break, so {@code $} is the end).
   */
  static String withoutTrailingDigits(String name) {
    int end = name.length();
    while (end > 0 && name.charAt(end - 1) >= '0' && name.charAt(end - 1) <= '9') {
      end--;
    }
    return name.substring(0, end);
  }
}
