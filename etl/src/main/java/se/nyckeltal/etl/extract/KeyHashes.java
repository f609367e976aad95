package se.nyckeltal.etl.extract;

/**
 * The 64-bit key hashes of one file's valid lines ({@link FactGrain.Rows#keyHash}), to learn whether
 * any two lines fall on one fact row. Open addressing over a {@code long[]}: a file at M has a few
 * hundred thousand lines, and a boxed set of them would cost the counting task most of its time in
 * the garbage collector.
 */
final class KeyHashes {
    private long[] slots = new long[1 << 12];
    private boolean hasZero;
    private int size;

    /** @return false when the hash was there already */
    boolean add(long hash) {
        if (hash == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int slot = spread(hash) & mask;
        while (slots[slot] != 0) {
            if (slots[slot] == hash) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        slots[slot] = hash;
        size++;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long hash : old) {
            if (hash != 0) {
                int slot = spread(hash) & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = hash;
            }
        }
    }

    private static int spread(long hash) {
        long h = hash * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
