package dev.telemetry.connect.source.generator;

import java.util.SplittableRandom;

/**
 * Derives an independent random source for any (seed, stream, index) triple, so that any record can be generated on
 * its own, in any order, on any task, and always comes out the same.
 */
final class RecordRandom {

    private RecordRandom() {}

    static SplittableRandom of(long seed, int streamOrdinal, long index, long salt) {
        return new SplittableRandom(mix(seed, streamOrdinal, index, salt));
    }

    /** A uniform double in [0, 1) for (seed, stream, index, salt), without allocating a generator. */
    static double uniform(long seed, int streamOrdinal, long index, long salt) {
        return (mix(seed, streamOrdinal, index, salt) >>> 11) * 0x1.0p-53;
    }

    private static long mix(long seed, int streamOrdinal, long index, long salt) {
        long h = seed;
        h = avalanche(h ^ (0x9E3779B97F4A7C15L * (streamOrdinal + 1)));
        h = avalanche(h ^ (0xC2B2AE3D27D4EB4FL * index));
        return avalanche(h ^ (0x165667B19E3779F9L * salt));
    }

    // SplitMix64's finaliser: every input bit affects every output bit.
    private static long avalanche(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
