package org.carpsim.scenario.model;

/** What a state expectation looks at: {@code host.iface} or {@code host vhid N}. */
public sealed interface Target {

  /** The host. */
  String host();

  /**
   * {@code fw1.carp0}: a carp interface, or a NIC (FreeBSD keeps its vhids on the parent).
   *
   * @param host the host
   * @param iface the interface
   */
  record Interface(String host, String iface) implements Target {
    @Override
    public String toString() {
      return host + "." + iface;
    }
  }

  /**
   * {@code fw2 vhid 1}: a virtual host wherever it lives (a carp interface, a carpnode, a FreeBSD vhid
   * on a parent, a ucarp daemon).
   *
   * @param host the host
   * @param vhid 1..255
   */
  record VirtualHost(String host, int vhid) implements Target {
    @Override
    public String toString() {
      return host + " vhid " + vhid;
    }
  }
}
