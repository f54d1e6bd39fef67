package org.carpsim.carp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The hand-written scans of {@link Secrets} (kept off the regex engine because they ran on every line
 * of a large scenario) find exactly what the regular expressions they replaced find: the passphrase
 * after {@code pass} with {@code Matcher.find()}, and a secret as a word with {@code replaceAll}.
 */
class SecretsScanTest {

  /** The pattern {@link Secrets#spans} used with {@code find()} before. */
  private static final Pattern AFTER_PASS = Pattern.compile(
      "(?<![A-Za-z0-9_.-])(?:pass|password|-p|--pass|--password)(?:[ \\t]*=[ \\t]*|[ \\t]+)"
          + "(\"[^\"]*\"?|'[^']*'?|[^\\s\"';&|]+)");

  /** Pieces that make the pattern's corner cases likely: keywords, separators, quotes, word characters. */
  private static final String[] PIECES = {"pass", "password", "-p", "--pass", "--password", "-", "--", " ", "\t",
      "=", " = ", "\"", "'", ";", "&", "|", "\n", "x", "hunter2", "abc", "Ab9", "_", ".", "********", "é", "\r"};

  private static Gen<String> texts() {
    return SourceDSL.lists().of(SourceDSL.integers().between(0, PIECES.length - 1)).ofSizeBetween(0, 14)
        .map(ix -> {
          StringBuilder sb = new StringBuilder();
          ix.forEach(i -> sb.append(PIECES[i]));
          return sb.toString();
        });
  }

  private static List<String> regexSpans(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = AFTER_PASS.matcher(text);
    while (m.find()) {
      if (!m.group(1).equals(Secrets.MASK)) {
        out.add(m.start(1) + ".." + m.end(1));
      }
    }
    return out;
  }

  private static List<String> spans(String text) {
    return Secrets.spans(text).stream().map(s -> s[0] + ".." + s[1]).toList();
  }

  @Test
  void spansAreThoseOfTheRegexFoundEverywhere() {
    qt().withExamples(20_000).forAll(texts()).checkAssert(t -> assertEquals(regexSpans(t), spans(t), t));
  }

  /**
   * In a comment, a common English word after "pass" is prose unless the text gives it as a
   * passphrase elsewhere: "mismatched pass on purpose" stays as written, "was: pass oldsecret" is masked.
   */
  @Test
  void commentsKeepTheirProseAndLoseTheirPassphrases() {
    String text = """
        # the Handbook's typo: mismatched pass on purpose; pass the test
        ifconfig carp0 vhid 1 pass testpast 10.0.0.100/24
        # hosta has pass testpast, was: pass oldsecret # pass Secret
        ucarp -p s3cret -a 10.0.0.1
        ! keepalived: auth_pass vrrppass, pass it on
        """;
    assertEquals(List.of("testpast", "testpast", "oldsecret", "Secret", "s3cret", "vrrppass"), Secrets.spans(text)
        .stream().map(s -> text.substring(s[0], s[1])).toList());
    assertEquals(java.util.Set.of("testpast", "oldsecret", "Secret", "s3cret", "vrrppass"), Secrets.find(text));
    String line = "# pass the salt";
    assertEquals(List.of(), Secrets.spans(line), "a comment alone: prose");
    assertEquals(List.of("the"), Secrets.spans("ifconfig carp0 pass the").stream().map(s -> "the").toList(),
        "outside a comment every word after pass is a passphrase");
    assertEquals(true, Secrets.inComment("a \"#\" # pass x", 10));
    assertEquals(false, Secrets.inComment("a \"# pass x\"", 8), "a # inside quotes opens no comment");
  }

  @Test
  void spansOfKnownLines() {
    String line = "ifconfig carp0 vhid 1 pass g0 carpdev em0 --password='a b' x-pass y ---pass z -p=q";
    assertEquals(regexSpans(line), spans(line));
    assertEquals(List.of("27..29", "53..58", "81..82"), spans(line));
    assertEquals(List.of(), spans("no passphrase here -q --p"));
  }

  @Test
  void maskWordIsReplaceAllOfTheWordBetweenNonAlphanumerics() {
    String[] words = {"abc", "hunter2", "pass", "aa", "a-b", "x.y"};
    qt().withExamples(20_000).forAll(texts(), SourceDSL.integers().between(0, words.length - 1)).checkAssert((t, w) -> {
      String text = t + "aa abc aaa" + t;
      String word = words[w];
      String expected = text.replaceAll("(?<![A-Za-z0-9])" + Pattern.quote(word) + "(?![A-Za-z0-9])",
          Matcher.quoteReplacement(Secrets.MASK));
      assertEquals(expected, Secrets.maskWord(text, word), text + " / " + word);
    });
  }

  @Test
  void maskWordOfKnownText() {
    assertEquals("******** xhunter2 ********, hunter2x", Secrets.maskWord("hunter2 xhunter2 hunter2, hunter2x", "hunter2"));
    assertEquals("a-aa-********", Secrets.maskWord("a-aa-aaa", "aaa"));
    assertEquals("aaa ******** aaaa", Secrets.maskWord("aaa abc aaaa", "abc"));
  }
}
