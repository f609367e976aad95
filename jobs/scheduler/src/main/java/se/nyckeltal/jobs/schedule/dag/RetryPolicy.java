package se.nyckeltal.jobs.schedule.dag;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A task's retries (Airflow's retries, retry_delay, retry_exponential_backoff, max_retry_delay).
 *
 * @param maxRetryDelay cap on the delay, or null for none
 */
public record RetryPolicy(int retries, Duration retryDelay, boolean exponentialBackoff, Duration maxRetryDelay) {
    /** Airflow caps the exponential delay at 24 h before applying max_retry_delay. */
    static final long MAX_BACKOFF_SECONDS = 86_400;
    private static final DateTimeFormatter PYTHON_STR =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    public RetryPolicy {
        requireNonNull(retryDelay, "retryDelay");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more");
        }
    }

    /**
     * The wait before the next attempt after attempt {@code tryNumber} (1 = the first) failed.
     * With exponential backoff this is Airflow's formula: {@code ceil(retry_delay × 2^(try−1))}
     * seconds, at least 1, plus a deterministic jitter of up to the same again from a hash of
     * dag, task, logical date and try, capped at 24 h and then at max_retry_delay.
     */
    public Duration delayAfter(int tryNumber, String dagId, String taskId, Instant logicalDate) {
        Duration delay = retryDelay;
        if (exponentialBackoff) {
            double seconds = retryDelay.toMillis() / 1000.0 * Math.pow(2, tryNumber - 1);
            long minBackoff = Math.max(1, (long) Math.min(Math.ceil(seconds), Long.MAX_VALUE / 4));
            BigInteger hash = new BigInteger(1, sha1(dagId + "#" + taskId + "#" + PYTHON_STR.format(logicalDate)
                    + "#" + tryNumber));
            long jittered = minBackoff + hash.mod(BigInteger.valueOf(minBackoff)).longValueExact();
            delay = Duration.ofSeconds(Math.min(jittered, MAX_BACKOFF_SECONDS));
        }
        if (maxRetryDelay != null && delay.compareTo(maxRetryDelay) > 0) {
            delay = maxRetryDelay;
        }
        return delay;
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
