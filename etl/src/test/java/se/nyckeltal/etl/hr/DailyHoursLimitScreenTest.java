package se.nyckeltal.etl.hr;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import se.nyckeltal.etl.extract.DeliveryRule;
import se.nyckeltal.etl.extract.ExtractLine;

/** The counting screen of the 24-hour rule flags exactly the days the exact check rejects (no collisions here). */
class DailyHoursLimitScreenTest {
    private static final LocalDate DAY = LocalDate.of(2025, 3, 4);

    @Test
    void twentyFourHoursOfOneTypeOnOneDayPassAndOneTenThousandthMoreDoesNot() {
        assertThat(broken(line("emp-a", DAY, "WORKED", "10.5"), line("emp-a", DAY, "WORKED", "13.5"))).isFalse();
        assertThat(broken(line("emp-a", DAY, "WORKED", "10.5"), line("emp-a", DAY, "WORKED", "13.5001"))).isTrue();
    }

    @Test
    void otherEmployeesDaysAndTypesAreOtherTotals() {
        assertThat(broken(line("emp-a", DAY, "WORKED", "20"), line("emp-b", DAY, "WORKED", "20"),
                line("emp-a", DAY.plusDays(1), "WORKED", "20"), line("emp-a", DAY, "SICK", "20"))).isFalse();
    }

    @Test
    void theScreenAgreesWithTheExactCheckOnManyDays() {
        DeliveryRule.Check screen = DailyHoursLimit.RULE.screen();
        DeliveryRule.Check exact = DailyHoursLimit.RULE.check();
        // 20 000 employee days of 8 hours, then one employee's day gets 16.0001 more in a second row.
        for (int e = 0; e < 200; e++) {
            for (int d = 0; d < 100; d++) {
                ExtractLine line = line("emp-" + e, DAY.plusDays(d), "WORKED", "8");
                screen.see(line);
                exact.see(line);
            }
        }
        assertThat(screen.anyBroken()).isFalse();
        assertThat(exact.anyBroken()).isFalse();
        ExtractLine over = line("emp-117", DAY.plusDays(42), "WORKED", "16.0001");
        screen.see(over);
        exact.see(over);
        assertThat(screen.anyBroken()).isTrue();
        assertThat(exact.anyBroken()).isTrue();
    }

    private static boolean broken(ExtractLine... lines) {
        DeliveryRule.Check screen = DailyHoursLimit.RULE.screen();
        for (ExtractLine line : lines) {
            screen.see(line);
        }
        return screen.anyBroken();
    }

    private static ExtractLine line(String employee, LocalDate day, String type, String hours) {
        return ExtractLine.valid(1, "ACTUAL", day.getYear() * 100 + day.getMonthValue(),
                new BigDecimal(hours).setScale(4), employee, day, "1001", "NURSE", "SSK", "K", 1980, type);
    }
}
