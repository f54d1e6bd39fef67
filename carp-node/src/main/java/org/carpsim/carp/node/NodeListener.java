package org.carpsim.carp.node;

/** What a node reports to the world around it. Every method has a do-nothing default. */
public interface NodeListener {

  /** A virtual host changed state. */
  default void onTransition(Transition transition) {}

  /** The node's system logged a line. */
  default void onLog(LogLine line) {}

  /** A reporter that ignores everything. */
  NodeListener NONE = new NodeListener() {};
}
