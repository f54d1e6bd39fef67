package org.carpsim.reports;

import com.fasterxml.jackson.databind.JsonNode;

/** Strict field access for saved results: a missing or mistyped field is named, never a stack trace. */
final class Json {

  private Json() {}

  static JsonNode field(JsonNode o, String name, String where) {
    JsonNode n = o.get(name);
    if (n == null || n.isNull()) {
      throw new ReportException(where + ": missing field \"" + name + "\"");
    }
    return n;
  }

  static String text(JsonNode o, String name, String where) {
    JsonNode n = field(o, name, where);
    if (!n.isTextual()) {
      throw new ReportException(where + ": field \"" + name + "\" must be a string");
    }
    return n.asText();
  }

  static String text(JsonNode o, String name, String where, String otherwise) {
    return o.has(name) ? text(o, name, where) : otherwise;
  }

  static long number(JsonNode o, String name, String where) {
    JsonNode n = field(o, name, where);
    if (!n.canConvertToLong() || !n.isIntegralNumber()) {
      throw new ReportException(where + ": field \"" + name + "\" must be a whole number");
    }
    return n.asLong();
  }

  static long number(JsonNode o, String name, String where, long otherwise) {
    return o.has(name) ? number(o, name, where) : otherwise;
  }

  static boolean bool(JsonNode o, String name, String where) {
    JsonNode n = field(o, name, where);
    if (!n.isBoolean()) {
      throw new ReportException(where + ": field \"" + name + "\" must be true or false");
    }
    return n.asBoolean();
  }

  static JsonNode array(JsonNode o, String name, String where) {
    JsonNode n = field(o, name, where);
    if (!n.isArray()) {
      throw new ReportException(where + ": field \"" + name + "\" must be an array");
    }
    return n;
  }

  /** The array field, or an empty array when absent (fields later versions added). */
  static JsonNode optionalArray(JsonNode o, String name, String where) {
    return o.has(name) ? array(o, name, where) : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
  }
}
