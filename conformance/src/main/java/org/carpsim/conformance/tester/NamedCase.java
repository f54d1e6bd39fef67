package org.carpsim.conformance.tester;

/** A catalogue case that knows its id and title: what every case class of the catalogue starts from. */
abstract class NamedCase implements ConformanceCase {

  /** The case's stable id; a class that serves several ids (B4–B8) dispatches on it. */
  protected final String id;
  private final String title;

  NamedCase(String id, String title) {
    this.id = id;
    this.title = title;
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
