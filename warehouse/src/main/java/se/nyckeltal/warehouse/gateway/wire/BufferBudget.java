package se.nyckeltal.warehouse.gateway.wire;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of client messages all connections together may hold at once. A message is reserved
 * before its body is read and released when the connection reads its next message or ends, so a
 * crowd of clients each declaring a large message cannot exhaust the heap.
 */
public final class BufferBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public BufferBudget(long limit) {
        this.limit = limit;
    }

    /** Reserves {@code bytes}, or returns false when that would pass the limit. */
    boolean tryReserve(long bytes) {
        while (true) {
            long current = used.get();
            if (current + bytes > limit) {
                return false;
            }
            if (used.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    public long limit() {
        return limit;
    }
}
