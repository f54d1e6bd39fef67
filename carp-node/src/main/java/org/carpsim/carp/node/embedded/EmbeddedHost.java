package org.carpsim.carp.node.embedded;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.node.CarpHost;
import org.carpsim.carp.node.CommandResult;
import org.carpsim.carp.profile.Profile;

/**
 * A host of an {@link EmbeddedLan}: its {@link CarpHost}, its NICs and the configuration lines it
 * ran (run again, in order, when the host boots after a crash).
 */
public final class EmbeddedHost {

  record NicSpec(String name, String segment, MacAddress mac, boolean simplex) {}

  private final EmbeddedLan lan;
  private final String name;
  private final Profile profile;
  final List<NicSpec> nics = new ArrayList<>();
  final List<String> config = new ArrayList<>();
  CarpHost node;
  int generation;
  boolean alive = true;

  EmbeddedHost(EmbeddedLan lan, String name, Profile profile) {
    this.lan = lan;
    this.name = name;
    this.profile = profile;
  }

  /** The host's name in the LAN. */
  public String name() {
    return name;
  }

  /** The profile the host runs. */
  public Profile profile() {
    return profile;
  }

  /** The running node (a new object after each boot). */
  public CarpHost node() {
    return node;
  }

  /** True between a boot (or creation) and a crash. */
  public boolean alive() {
    return alive;
  }

  /** Adds a NIC attached to {@code segment}. */
  public EmbeddedHost nic(String nic, String segment, MacAddress mac) {
    return nic(nic, segment, mac, true);
  }

  /** Adds a NIC; {@code simplex = false} for one that hears its own frames (see {@link CarpHost#addNic}). */
  public EmbeddedHost nic(String nic, String segment, MacAddress mac, boolean simplex) {
    NicSpec spec = new NicSpec(nic, segment, mac, simplex);
    nics.add(spec);
    node.addNic(nic, mac, simplex);
    lan.attach(this, spec);
    return this;
  }

  /** Adds a NIC attached to {@code segment}, MAC given as text. */
  public EmbeddedHost nic(String nic, String segment, String mac) {
    return nic(nic, segment, MacAddress.parse(mac));
  }

  /**
   * Runs a configuration line now (parsed with the host's profile) and remembers it for boots.
   *
   * @return the command's result; a parse error is a failed result
   */
  public CommandResult run(String line) {
    config.add(line);
    return node.run(line);
  }

  /** Runs several lines; fails fast with an {@link IllegalStateException} naming the failed line. */
  public EmbeddedHost configure(String... lines) {
    for (String l : lines) {
      CommandResult r = run(l);
      if (!r.ok()) {
        throw new IllegalStateException(name + ": '" + l + "' failed: " + r.error());
      }
    }
    return this;
  }

  @Override
  public String toString() {
    return name + "(" + profile.name() + ")";
  }
}
