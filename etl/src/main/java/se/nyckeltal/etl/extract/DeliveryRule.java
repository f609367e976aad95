package se.nyckeltal.etl.extract;

import java.io.Serializable;

/**
 * A rule that needs all lines of one delivery at once (HR: at most 24 hours of one type per employee
 * and day; listings: age bands that form one pyramid; actions: one row per action and month). It runs
 * in the Spark task that reads the file whole, before anything is counted, so that what it rejects is
 * quarantined and counted like any other bad line.
 *
 * <p>A rule looks at the lines as they stream past and keeps only what it needs to decide (a day's
 * total, the bands of the file); the lines themselves are never held. Only a file that breaks the rule
 * is read a second time, to reject the lines concerned.
 */
@FunctionalInterface
public interface DeliveryRule extends Serializable {
    /** No rule across lines. */
    DeliveryRule NONE = NoRule.INSTANCE;

    /** A fresh check of one delivery. */
    Check check();

    /**
     * A fresh check of one delivery for counting it while its lines stream past: only {@link Check#see}
     * and {@link Check#anyBroken} are called. It may say a delivery breaks the rule where {@link #check}
     * would not — the delivery is then read again with {@link #check}, which decides — but never the
     * reverse. A rule whose exact check keeps much per line offers a cheaper screen here.
     */
    default Check screen() {
        return check();
    }

    /** The rule applied to one delivery: first every line is seen, then lines are judged. */
    interface Check {
        /** One validated line of the delivery; every line is seen, in file order, before any is judged. */
        void see(ExtractLine line);

        /** After every line was seen: whether any line breaks the rule (else none needs judging). */
        boolean anyBroken();

        /**
         * @return the line as it is, or — a valid line that breaks the rule — rejected with
         *     {@link ExtractLine.Schema#reject}
         */
        ExtractLine judge(ExtractLine line);
    }

    /** An enum, so that {@link #NONE} is still itself after Spark has serialized it. */
    enum NoRule implements DeliveryRule, Check {
        INSTANCE;

        @Override
        public Check check() {
            return this;
        }

        @Override
        public void see(ExtractLine line) {}

        @Override
        public boolean anyBroken() {
            return false;
        }

        @Override
        public ExtractLine judge(ExtractLine line) {
            return line;
        }
    }
}
