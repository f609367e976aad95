package se.nyckeltal.etl.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {
    @Test
    void theDefaultAllowsExactlyOnePercent() {
        IngestSettings settings = IngestSettings.defaults();

        assertThat(settings.rejectThreshold()).isEqualByComparingTo("0.01");
        // 1 of 100 = 1 %, not more than 1 %: loads. 2 of 100 = 2 %: rejected.
        assertThat(settings.exceedsThreshold(1, 100)).isFalse();
        assertThat(settings.exceedsThreshold(2, 100)).isTrue();
        // 1 of 99 = 1.0101… % is more than 1 %; 10 of 1000 is exactly 1 %.
        assertThat(settings.exceedsThreshold(1, 99)).isTrue();
        assertThat(settings.exceedsThreshold(10, 1000)).isFalse();
    }

    @Test
    void zeroThresholdRejectsAnyBadRowAndAFileWithoutRowsIsNeverOver() {
        IngestSettings strict = new IngestSettings(BigDecimal.ZERO);

        assertThat(strict.exceedsThreshold(0, 100)).isFalse();
        assertThat(strict.exceedsThreshold(1, 100)).isTrue();
        assertThat(strict.exceedsThreshold(0, 0)).isFalse();
    }

    @Test
    void thresholdIsAShare() {
        assertThatThrownBy(() -> new IngestSettings(new BigDecimal("1.5"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IngestSettings(new BigDecimal("-0.01"))).isInstanceOf(IllegalArgumentException.class);
    }
}
