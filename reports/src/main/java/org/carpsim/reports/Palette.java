package org.carpsim.reports;

import java.awt.Color;
import java.util.List;
import org.carpsim.carp.profile.CarpState;

/**
 * The colours of every chart: the Okabe–Ito palette, which stays distinguishable for the common
 * colour-vision deficiencies. States: INIT grey, BACKUP amber, MASTER bluish green; the lanes also
 * carry the state's initial letter so that no reading depends on colour alone.
 */
public final class Palette {

  public static final Color INIT = new Color(0xA0, 0xA0, 0xA0);
  public static final Color BACKUP = new Color(0xE6, 0x9F, 0x00);
  public static final Color MASTER = new Color(0x00, 0x9E, 0x73);
  public static final Color FAULT = new Color(0xD5, 0x5E, 0x00);
  public static final Color COMMAND = new Color(0x00, 0x72, 0xB2);
  public static final Color FAIL = new Color(0xB3, 0x26, 0x1E);
  public static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
  public static final Color UNANSWERED = new Color(0x55, 0x55, 0x55);

  /** Series colours in order (hosts, combinations): Okabe–Ito without black and yellow. */
  public static final List<Color> SERIES = List.of(
      new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00), new Color(0x00, 0x9E, 0x73),
      new Color(0xCC, 0x79, 0xA7), new Color(0xD5, 0x5E, 0x00), new Color(0x56, 0xB4, 0xE9),
      new Color(0x99, 0x99, 0x99), new Color(0xF0, 0xE4, 0x42));

  private Palette() {}

  /** The colour of a state. */
  public static Color of(CarpState state) {
    return switch (state) {
      case INIT -> INIT;
      case BACKUP -> BACKUP;
      case MASTER -> MASTER;
    };
  }

  /** The {@code i}-th series colour, cycling. */
  public static Color series(int i) {
    return SERIES.get(Math.floorMod(i, SERIES.size()));
  }
}
