package org.carpsim.scenario.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Shrinks a failing list (a fault schedule) to a small one that still fails: delta debugging
 * (Zeller's ddmin) drops chunks, then single elements, then each remaining element is replaced by a
 * simpler variant (earlier, shorter) while the failure persists. The result is 1-minimal: dropping
 * any one element makes it pass.
 */
public final class Shrinker {

  private Shrinker() {}

  /**
   * @param failing a list for which {@code fails} holds
   * @param fails the failure test (re-runs the scenario)
   * @param simpler an element's simpler variants, most aggressive first
   * @param budget the most {@code fails} evaluations to spend
   */
  public static <T> List<T> shrink(List<T> failing, Predicate<List<T>> fails, Function<T, List<T>> simpler,
      int budget) {
    int[] left = {budget};
    Predicate<List<T>> test = l -> left[0]-- > 0 && fails.test(l);
    List<T> current = ddmin(new ArrayList<>(failing), test);
    boolean progress = true;
    while (progress && left[0] > 0) {
      progress = false;
      for (int i = 0; i < current.size(); i++) {
        for (T candidate : simpler.apply(current.get(i))) {
          List<T> trial = new ArrayList<>(current);
          trial.set(i, candidate);
          if (test.test(trial)) {
            current = trial;
            progress = true;
            break;
          }
        }
      }
    }
    return List.copyOf(current);
  }

  /** ddmin: tries removing each of n chunks (n = 2, 4, … up to single elements). */
  static <T> List<T> ddmin(List<T> list, Predicate<List<T>> fails) {
    int n = 2;
    while (list.size() >= 2) {
      int chunk = (int) Math.ceil(list.size() / (double) n);
      boolean reduced = false;
      for (int start = 0; start < list.size(); start += chunk) {
        List<T> complement = new ArrayList<>(list.subList(0, start));
        complement.addAll(list.subList(Math.min(list.size(), start + chunk), list.size()));
        if (fails.test(complement)) {
          list = complement;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (n >= list.size()) {
          break;
        }
        n = Math.min(list.size(), n * 2);
      }
    }
    if (list.size() == 1 && fails.test(List.of())) {
      return new ArrayList<>();
    }
    return list;
  }
}
