package org.carpsim.scenario.check;

/**
 * What a checker found.
 *
 * @param holds whether the property held
 * @param detail what was seen, in words a network engineer reads ("fw2.carp0 became MASTER at 13.5s")
 */
public record Judgement(boolean holds, String detail) {

  public static Judgement holds(String detail) {
    return new Judgement(true, detail);
  }

  public static Judgement fails(String detail) {
    return new Judgement(false, detail);
  }
}
