package se.nyckeltal.warehouse.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Lockout per user name at the limit, per address at five times it, both released by the window. */
class LoginThrottleTest {
    /** A clock the test moves. */
    private static final class Manual extends Clock {
        private Instant now = Instant.parse("2026-12-04T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aUserNameIsLockedAtTheLimitAndItsAddressOnlyAtFiveTimesIt() {
        Manual clock = new Manual();
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofSeconds(60), clock);
        assertThat(throttle.failed("anna", "10.0.0.1")).isEqualTo(Duration.ofMillis(100));
        assertThat(throttle.failed("anna", "10.0.0.1")).isEqualTo(Duration.ofMillis(200));
        assertThat(throttle.lockedFor("anna", "10.0.0.1")).contains(Duration.ofSeconds(60));
        // a colleague behind the same address is not locked by anna's typing
        assertThat(throttle.lockedFor("bertil", "10.0.0.1")).isEmpty();
        // a guesser trying many names from one address: locked at 2 × 5 = 10 failures of the address
        for (int i = 0; i < 7; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }
        assertThat(throttle.lockedFor("bertil", "10.0.0.1")).isEmpty(); // 9 failures of the address
        throttle.failed("user7", "10.0.0.1");
        assertThat(throttle.lockedFor("bertil", "10.0.0.1")).isPresent();
        assertThat(throttle.lockedFor("bertil", "10.0.0.2")).isEmpty();
        clock.now = clock.now.plusSeconds(61);
        assertThat(throttle.lockedFor("anna", "10.0.0.1")).isEmpty();
        assertThat(throttle.lockedFor("bertil", "10.0.0.1")).isEmpty();
    }

    @Test
    void aSuccessfulLoginClearsTheUsersCount() {
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofSeconds(60), new Manual());
        throttle.failed("anna", "10.0.0.1");
        throttle.succeeded("anna", "10.0.0.1");
        throttle.failed("anna", "10.0.0.1");
        assertThat(throttle.lockedFor("anna", "10.0.0.1")).isEmpty();
    }
}
