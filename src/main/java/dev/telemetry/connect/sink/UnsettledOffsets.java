package dev.telemetry.connect.sink;

/**
 * The offsets of one partition that were received and are not yet settled. Offsets arrive in increasing order and
 * mostly settle in that order, so they are kept as primitives in a ring, settled ones marked until every offset before
 * them has settled too: the {@code TreeSet<Long>} this replaces boxed and allocated a node per record and showed in the
 * sink's profile.
 */
final class UnsettledOffsets {

    private static final int INITIAL_CAPACITY = 64;
    private static final int SHRINK_ABOVE = 4096;

    private long[] offsets = new long[INITIAL_CAPACITY];
    private boolean[] settled = new boolean[INITIAL_CAPACITY];
    /** Where the first unsettled offset is; capacity is a power of two, so positions wrap with a mask. */
    private int head;

    private int size;

    /** Adds an offset greater than every offset held. */
    void add(long offset) {
        if (size > 0 && offset <= offsets[position(size - 1)]) {
            throw new IllegalArgumentException(
                    "Offset " + offset + " is not after the last received " + offsets[position(size - 1)]);
        }
        if (size == offsets.length) {
            grow();
        }
        int at = position(size++);
        offsets[at] = offset;
        settled[at] = false;
    }

    boolean contains(long offset) {
        int index = indexOf(offset);
        return index >= 0 && !settled[position(index)];
    }

    /** Marks an offset settled; an offset not held is ignored. */
    void remove(long offset) {
        int index = indexOf(offset);
        if (index < 0) {
            return;
        }
        settled[position(index)] = true;
        while (size > 0 && settled[head]) {
            head = (head + 1) & (offsets.length - 1);
            size--;
        }
        if (size == 0 && offsets.length > SHRINK_ABOVE) {
            // A backlog (a destination down for a while) grew the ring; once it has drained, give the memory back.
            offsets = new long[INITIAL_CAPACITY];
            settled = new boolean[INITIAL_CAPACITY];
            head = 0;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The smallest unsettled offset; only when not {@link #isEmpty()}. */
    long first() {
        if (size == 0) {
            throw new IllegalStateException("No unsettled offset");
        }
        return offsets[head];
    }

    private int position(int index) {
        return (head + index) & (offsets.length - 1);
    }

    /** The index from the head of {@code offset}, or -1 when it is not held. */
    private int indexOf(long offset) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long found = offsets[position(middle)];
            if (found < offset) {
                low = middle + 1;
            } else if (found > offset) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    private void grow() {
        long[] widerOffsets = new long[offsets.length * 2];
        boolean[] widerSettled = new boolean[offsets.length * 2];
        for (int index = 0; index < size; index++) {
            widerOffsets[index] = offsets[position(index)];
            widerSettled[index] = settled[position(index)];
        }
        offsets = widerOffsets;
        settled = widerSettled;
        head = 0;
    }
}
