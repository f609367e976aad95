package se.nyckeltal.warehouse.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down and then stops password guessing. Failed logins are remembered per user name and per
 * client address for a window: each failure is answered after a back-off that doubles with the
 * failures already counted (100 ms, 200 ms, … at most 5 s), and once a user name or an address has
 * its limit of failures in the window — {@code maxFailures} for a user name, {@value #ADDRESS_FACTOR} times
 * as many for an address, which many users may share behind a NAT or the Power BI gateway — its
 * attempts are refused without a password check until
 * the oldest failure leaves the window. A successful login clears the user's and the address's count.
 *
 * <p>Locking a user name also locks the legitimate user out for the window: that is the price of
 * stopping a distributed guesser, and it is logged so an operator sees it.
 */
public final class LoginThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** Beyond this many remembered keys, expired ones are swept on the next failure. */
    private static final int SWEEP_ABOVE = 10_000;
    /** An address may fail this many times more than one user name before it is locked. */
    static final int ADDRESS_FACTOR = 5;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be positive");
        }
        this.maxFailures = maxFailures;
        this.window = requireNonNull(window, "window");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * How long the user name or the address stays locked, if either is.
     *
     * @return the remaining lockout, empty when a login may be tried
     */
    public Optional<Duration> lockedFor(String user, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys(user, address)) {
            Deque<Instant> times = failures.get(key);
            if (times == null) {
                continue;
            }
            synchronized (times) {
                expire(times, now);
                if (times.size() >= limit(key)) {
                    Duration left = Duration.between(now, times.peekFirst().plus(window));
                    longest = left.compareTo(longest) > 0 ? left : longest;
                }
            }
        }
        return longest.isZero() || longest.isNegative() ? Optional.empty() : Optional.of(longest);
    }

    /**
     * Records a failed login.
     *
     * @return how long to wait before answering the client
     */
    public Duration failed(String user, String address) {
        Instant now = clock.instant();
        if (failures.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        int most = 0;
        for (String key : keys(user, address)) {
            Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                expire(times, now);
                times.addLast(now);
                most = Math.max(most, times.size());
                if (times.size() == limit(key)) {
                    LOG.warn("login locked for {} after {} failed logins within {}; unlocked at {}", describe(key),
                            limit(key), window, times.peekFirst().plus(window));
                }
            }
        }
        long millis = FIRST_BACKOFF.toMillis() << Math.min(most - 1, 10);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /** A login succeeded: the user's and the address's failures are forgotten. */
    public void succeeded(String user, String address) {
        for (String key : keys(user, address)) {
            failures.remove(key);
        }
    }

    private int limit(String key) {
        return key.startsWith("user:") ? maxFailures : maxFailures * ADDRESS_FACTOR;
    }

    private static String[] keys(String user, String address) {
        return new String[] {"user:" + user, "address:" + address};
    }

    private static String describe(String key) {
        return key.startsWith("user:") ? "user \"" + key.substring(5) + "\"" : "client address " + key.substring(8);
    }

    private void expire(Deque<Instant> times, Instant now) {
        Instant oldest = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
            times.removeFirst();
        }
    }

    private void sweep(Instant now) {
        failures.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                expire(entry.getValue(), now);
                return entry.getValue().isEmpty();
            }
        });
    }
}
