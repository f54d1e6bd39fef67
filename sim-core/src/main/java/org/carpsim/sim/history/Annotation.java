package org.carpsim.sim.history;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generic event that upper layers define by convention: a kind, the entities it is about and
 * ordered key/value attributes. Lets a module record e.g. a CARP state transition without a new
 * class:
 *
 * <pre>{@code
 * history.record(now, Annotation.of("carp.state", List.of("fw1", "fw1.carp0"),
 *     "vhid", "1", "from", "BACKUP", "to", "MASTER", "reason", "master timed out"));
 * // 17 3.000000000 carp.state fw1,fw1.carp0 vhid=1 from=BACKUP to=MASTER reason="master timed out"
 * }</pre>
 *
 * @param kind lower-case word, no whitespace (dots welcome for namespacing: {@code carp.state})
 * @param entities names the event is about (hosts, NICs, segments, interfaces)
 * @param attributes key/value pairs in the order given; keys without whitespace, '=' or '"'
 */
public record Annotation(String kind, List<String> entities, Map<String, String> attributes)
    implements HistoryEvent {

  /** Validates and copies, keeping the attributes' order. */
  public Annotation {
    checkWord("kind", kind);
    entities = List.copyOf(entities);
    for (String entity : entities) {
      checkWord("entity", entity);
      if (entity.indexOf(',') >= 0) {
        throw new IllegalArgumentException("annotation entity '" + entity + "' may not contain ','");
      }
    }
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      String key = attribute.getKey();
      checkWord("attribute key", key);
      if (key.indexOf('=') >= 0 || key.indexOf('"') >= 0) {
        throw new IllegalArgumentException("annotation attribute key '" + key + "' may not contain '=' or '\"'");
      }
      if (attribute.getValue() == null) {
        throw new IllegalArgumentException("annotation attribute " + key + " has no value");
      }
      copy.put(key, attribute.getValue());
    }
    attributes = Collections.unmodifiableMap(copy);
  }

  /**
   * An annotation with attributes given as alternating keys and values.
   *
   * @throws IllegalArgumentException if {@code keysAndValues} has an odd length
   */
  public static Annotation of(String kind, List<String> entities, String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("annotation " + kind + ": keys and values must come in pairs");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      attributes.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new Annotation(kind, entities, attributes);
  }

  /** The value of an attribute, or null. */
  public String attribute(String key) {
    return attributes.get(key);
  }

  @Override
  public void appendDetails(StringBuilder out) {
    out.append(entities.isEmpty() ? "-" : String.join(",", entities));
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      out.append(' ').append(attribute.getKey()).append('=');
      appendValue(out, attribute.getValue());
    }
  }

  /** Appends a value bare if it is one plain word, else in double quotes with backslash escapes. */
  public static void appendValue(StringBuilder out, String value) {
    boolean plain = !value.isEmpty();
    for (int i = 0; i < value.length() && plain; i++) {
      char c = value.charAt(i);
      plain = c > ' ' && c != '"' && c != '\\' && c != '=' && c != 0x7f;
    }
    if (plain) {
      out.append(value);
      return;
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < ' ' || c == 0x7f) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void checkWord(String what, String word) {
    if (word == null || word.isEmpty()) {
      throw new IllegalArgumentException("annotation " + what + " must not be empty");
    }
    for (int i = 0; i < word.length(); i++) {
      if (Character.isWhitespace(word.charAt(i))) {
        throw new IllegalArgumentException("annotation " + what + " '" + word + "' may not contain whitespace");
      }
    }
  }
}
