package dev.telemetry.connect.source.scrape;

import java.nio.charset.StandardCharsets;

/**
 * Which of a connector's tasks scrapes a discovered target: the task with the highest score for the target's identity
 * (rendezvous hashing). Every task computes the same answer on its own, so no task needs to be told, and a target
 * stays on its task while others come and go; only a change of the number of tasks moves targets, and then only those
 * whose best task is gone or new.
 */
record TaskShare(int index, int count) {

    TaskShare {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("Task " + index + " of " + count + " is no task");
        }
    }

    boolean owns(String identity) {
        return ownerOf(identity, count) == index;
    }

    static int ownerOf(String identity, int count) {
        long key = fnv1a(identity);
        int best = 0;
        long bestScore = score(key, 0);
        for (int task = 1; task < count; task++) {
            long score = score(key, task);
            if (Long.compareUnsigned(score, bestScore) > 0) {
                best = task;
                bestScore = score;
            }
        }
        return best;
    }

    private static long score(long key, int task) {
        return mix(key ^ mix(task + 1L));
    }

    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** SplitMix64's finaliser: spreads every input bit over the whole score. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
