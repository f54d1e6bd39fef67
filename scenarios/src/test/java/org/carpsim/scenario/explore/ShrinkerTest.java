package org.carpsim.scenario.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShrinkerTest {

  /** An element of a synthetic schedule: an id and a "duration" the shrinker may reduce. */
  record Item(int id, int value) {}

  @Test
  void shrinksToExactlyTheCulpritsAtTheirSimplestValues() {
    // Any list of distinct ids, values 10..1000; culprits: the ids divisible by 7 (if any) — the
    // predicate fails while every culprit is present with a value of at least 10.
    qt().withFixedSeed(20261123L).withExamples(200).forAll(lists().of(integers().between(0, 500)).ofSizeBetween(1, 40),
        integers().between(10, 1000)).checkAssert((ids, value) -> {
          List<Integer> distinct = ids.stream().distinct().toList();
          List<Integer> culprits = distinct.stream().filter(i -> i % 7 == 0).toList();
          if (culprits.isEmpty()) {
            return;
          }
          List<Item> schedule = new ArrayList<>();
          distinct.forEach(i -> schedule.add(new Item(i, value + i)));
          AtomicInteger runs = new AtomicInteger();
          List<Item> shrunk = Shrinker.shrink(schedule, l -> {
            runs.incrementAndGet();
            return culprits.stream().allMatch(c -> l.stream().anyMatch(x -> x.id() == c && x.value() >= 10));
          }, x -> x.value() > 10 ? List.of(new Item(x.id(), 10), new Item(x.id(), x.value() / 2)) : List.of(), 10_000);
          assertEquals(culprits.stream().map(c -> new Item(c, 10)).toList(), shrunk);
        });
  }

  @Test
  void aFailureNeedingNothingShrinksToTheEmptySchedule() {
    assertEquals(List.of(), Shrinker.shrink(List.of(1, 2, 3), l -> true, x -> List.of(), 100));
  }

  @Test
  void theBudgetBoundsTheWork() {
    AtomicInteger runs = new AtomicInteger();
    List<Integer> start = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      start.add(i);
    }
    List<Integer> shrunk = Shrinker.shrink(start, l -> {
      runs.incrementAndGet();
      return l.contains(3) && l.contains(60);
    }, x -> List.of(), 5);
    assertEquals(5, runs.get());
    // Whatever it reached still fails.
    assertEquals(true, shrunk.contains(3) && shrunk.contains(60));
  }
}
