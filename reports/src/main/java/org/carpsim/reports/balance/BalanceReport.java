package org.carpsim.reports.balance;

import java.util.List;

/**
 * The outcome of {@link BalanceAnalysis#analyze}: who answers how many clients, the rule, and the
 * explanation of the split computed from the clients themselves.
 *
 * @param setup what was analysed
 * @param rule the rule's name ({@code SENDER_IP_RAW_MODULO}, or {@code NONE} when arpbalance is off)
 * @param ruleWords the rule in words
 * @param formula the rule as a formula
 * @param clients how many clients asked
 * @param shares one row per host, in setup order (hosts that answer nobody included)
 * @param unanswered clients no host answers
 * @param several clients more than one host answers (the client takes the first reply)
 * @param unplaceable clients the rule cannot place (an IP rule and a client given only as a MAC, or
 *     the reverse)
 * @param buckets the rule's index per client, grouped ({@code index 0: 254 clients})
 * @param explanation why the split is what it is, line by line, from the data
 * @param outcomes every client's outcome, in input order
 */
public record BalanceReport(
    BalanceSetup setup,
    String rule,
    String ruleWords,
    String formula,
    int clients,
    List<HostShare> shares,
    int unanswered,
    int several,
    int unplaceable,
    List<IndexBucket> buckets,
    List<String> explanation,
    List<Outcome> outcomes) {

  /** Copies the lists. */
  public BalanceReport {
    shares = List.copyOf(shares);
    buckets = List.copyOf(buckets);
    explanation = List.copyOf(explanation);
    outcomes = List.copyOf(outcomes);
  }

  /**
   * One host's share.
   *
   * @param host the host
   * @param count clients it answers (alone or with others)
   * @param percent {@code 100 * count / clients}
   * @param vhids the vhids whose MAC it answers with
   */
  public record HostShare(String host, int count, double percent, List<Integer> vhids) {
    public HostShare {
      vhids = List.copyOf(vhids);
    }
  }

  /**
   * Clients that the rule sends to the same index.
   *
   * @param index the rule's 0-based index ({@code -1}: the rule has no index, or could not place them)
   * @param count how many clients
   * @param detail what these clients have in common for the rule ({@code first octet 192})
   * @param goesTo where the index leads ({@code vhid 1, MASTER on A})
   */
  public record IndexBucket(int index, int count, String detail, String goesTo) {}

  /**
   * One client's outcome.
   *
   * @param client the client
   * @param index the rule's index on the first host with holders ({@code -1} without one)
   * @param answeredBy the hosts that answer it, in setup order (empty: unanswered)
   * @param vhid the vhid whose MAC the first of them answers with, 0 when unanswered
   */
  public record Outcome(BalanceClient client, int index, List<String> answeredBy, int vhid) {
    public Outcome {
      answeredBy = List.copyOf(answeredBy);
    }
  }

  /** The share of {@code host}, 0 when it is not in the setup. */
  public int countOf(String host) {
    return shares.stream().filter(s -> s.host().equals(host)).mapToInt(HostShare::count).findFirst().orElse(0);
  }
}
