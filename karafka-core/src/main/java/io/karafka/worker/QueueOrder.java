package io.karafka.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The order in which a worker asks its queues for jobs: as listed (strict priority), or drawn at
 * random by weight on every fetch, so that a queue of weight 3 comes first three times as often
 * as one of weight 1 and none starves. Thread-safe (immutable).
 */
final class QueueOrder {
  private final List<String> queues;
  private final List<Integer> weights;

  /** @param weights one per queue, or null for strict order */
  QueueOrder(List<String> queues, List<Integer> weights) {
    this.queues = List.copyOf(queues);
    this.weights = weights == null ? null : List.copyOf(weights);
  }

  /** @return the queues to fetch from now */
  List<String> next() {
    if (weights == null) {
      return queues;
    }
    List<String> remaining = new ArrayList<>(queues);
    List<Integer> left = new ArrayList<>(weights);
    List<String> ordered = new ArrayList<>(queues.size());
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (!remaining.isEmpty()) {
      int total = left.stream().mapToInt(Integer::intValue).sum();
      int pick = random.nextInt(total);
      int i = 0;
      while (pick >= left.get(i)) {
        pick -= left.get(i++);
      }
      ordered.add(remaining.remove(i));
      left.remove(i);
    }
    return ordered;
  }
}
