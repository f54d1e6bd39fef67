package org.carpsim.reports;

/** Charts are drawn off screen: a report must work on a server without a display. */
final class Headless {

  private Headless() {}

  /**
   * Sets {@code java.awt.headless=true} unless the JVM was started with a choice. Called from the
   * static initialisers of every class that touches JFreeChart, before AWT decides.
   */
  static void ensure() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }
}
