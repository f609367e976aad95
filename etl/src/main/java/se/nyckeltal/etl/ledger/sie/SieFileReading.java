package se.nyckeltal.etl.ledger.sie;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import se.nyckeltal.etl.ledger.LedgerEntry;
import se.nyckeltal.etl.ledger.RejectedLine;
import se.nyckeltal.schemas.contract.Scenario;
import se.nyckeltal.schemas.text.ExtractFormatException;

/**
 * The state of reading one SIE file, line by line: the verification being collected, the balance and
 * transaction rows read so far, what to warn about. Lives for one {@link SieLedgerReader#read} call.
 */
final class SieFileReading {
    /** Labels of SIE 4B that carry nothing we load (names, declarations, year balances, checksums). */
    private static final Set<String> QUIET_LABELS = Set.of(
            "ADRESS", "BKOD", "DIM", "ENHET", "FLAGGA", "FNAMN", "FNR", "FORMAT", "FTYP", "GEN", "IB", "KONTO",
            "KPTYP", "KTYP", "OBJEKT", "OIB", "OMFATTN", "ORGNR", "OUB", "PROGRAM", "PROSA", "RAR", "RES", "SRU",
            "TAXAR", "UB", "UNDERDIM", "VALUTA");

    /** årsnr: 0 for the current financial year, -1 for the one before, and so on. */
    private static final Pattern YEAR_NUMBER = Pattern.compile("-?[0-9]{1,3}");
    /** #SIETYP 4; some exporters add E (export) or I (import), which 4B only uses in prose. */
    private static final Pattern SIE_TYPE_4 = Pattern.compile("4[EeIi]?");

    private final String fileName;
    private final byte[] content;
    private final WarningLog warnings = new WarningLog();
    private final List<BalanceRow> balances = new ArrayList<>();
    private final Set<Integer> periodsWithPsaldo = new TreeSet<>();
    private final List<TransactionRow> transactions = new ArrayList<>();
    private final List<RejectedLine> rejected = new ArrayList<>();
    private final Map<String, long[]> unknownLabels = new LinkedHashMap<>(); // label -> {first line, count}

    private long lineNumber;
    /** A #VER whose '{' has not come yet. */
    private Verification pending;
    /** The #VER whose block is open. */
    private Verification open;
    /** A '{' that followed no #VER is open. */
    private boolean orphanBlock;
    private boolean sawRecord;
    private String sieType;
    private long checksumStartLine;
    private boolean checksumEnd;
    private long nonRecordLines;
    private long firstNonRecordLine;
    private long rowsWithoutObjectList;
    private long firstRowWithoutObjectList;

    SieFileReading(String fileName, byte[] content) {
        this.fileName = fileName;
        this.content = content;
    }

    SieReadResult read() {
        SieEncoding.Detection detection = SieEncoding.detect(content);
        detection.warnings().forEach(w -> warnings.add("encoding", w));
        Charset charset = detection.encoding().charset();
        int start = 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            lineNumber++;
            int stop = end > start && content[end - 1] == '\r' ? end - 1 : end;
            int from = start;
            if (lineNumber == 1 && stop - from >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                    && (content[2] & 0xFF) == 0xBF) {
                from += 3;
            }
            readLine(new String(content, from, stop - from, charset));
            start = end + 1;
        }
        endOfFile();
        refuseIfNotAWholeSieFile();
        return assemble(detection.encoding());
    }

    private void readLine(String raw) {
        String text = raw.strip();
        if (text.isEmpty()) {
            return; // SIE 4B §5.6: blank lines may appear anywhere
        }
        if (text.equals("{")) {
            openBlock();
            return;
        }
        if (text.equals("}")) {
            closeBlock();
            return;
        }
        if (!text.startsWith("#")) {
            if (nonRecordLines++ == 0) {
                firstNonRecordLine = lineNumber;
            }
            return;
        }
        sawRecord = true;
        int blank = 1;
        while (blank < text.length() && !SieField.isBlank(text.charAt(blank))) {
            blank++;
        }
        String label = text.substring(1, blank).toUpperCase(Locale.ROOT);
        String rest = text.substring(blank);
        if (pending != null) {
            verificationWithoutBlock();
        }
        switch (label) {
            case "PSALDO":
                balance(Scenario.ACTUAL, "#PSALDO", raw, rest);
                break;
            case "PBUDGET":
                balance(Scenario.BUDGET, "#PBUDGET", raw, rest);
                break;
            case "VER":
                verification(raw, rest);
                break;
            case "TRANS":
                transaction(raw, rest);
                break;
            case "RTRANS":
            case "BTRANS":
                break; // 4B: an added row is repeated as the #TRANS right after it; a removed row no longer counts
            case "SIETYP":
                sieType = sieType != null ? sieType : firstText(rest);
                break;
            case "KSUMMA":
                if (rest.isBlank()) {
                    checksumStartLine = checksumStartLine == 0 ? lineNumber : checksumStartLine;
                } else {
                    checksumEnd = true;
                }
                break;
            default:
                if (!QUIET_LABELS.contains(label)) {
                    long[] seen = unknownLabels.computeIfAbsent(label, k -> new long[] {lineNumber, 0});
                    seen[1]++;
                }
        }
    }

    // #PSALDO / #PBUDGET  årsnr period konto {objektlista} saldo [kvantitet]
    private void balance(Scenario scenario, String label, String raw, String rest) {
        String where = label + " on line " + lineNumber;
        List<SieField> fields;
        try {
            fields = SieField.split(rest);
        } catch (ExtractFormatException e) {
            reject(where + " cannot be split into fields: " + e.getMessage(), raw, null);
            return;
        }
        AmountField field = AmountField.after(fields, 3);
        boolean hasObjectList = field.hasObjectList();
        int amountAt = field.index();
        BigDecimal amount = field.amount();
        String amountProblem = field.problem();
        try {
            if (fields.size() <= amountAt) {
                throw new ExtractFormatException("has " + fields.size() + " field(s); expected årsnr period konto"
                        + " {objekt} saldo, e.g. " + label + " 0 202401 5010 {1 \"1010\"} 1234.50");
            }
            yearNumber(text(fields, 0, "årsnr"));
            int period = SieDate.period(text(fields, 1, "period"));
            if (scenario == Scenario.ACTUAL) {
                periodsWithPsaldo.add(period);
            }
            String account = account(text(fields, 2, "konto"));
            ObjectList objects = hasObjectList ? ObjectList.parse(fields.get(3).items()) : ObjectList.EMPTY;
            if (amountProblem != null) {
                throw new ExtractFormatException(amountProblem);
            }
            if (!hasObjectList) {
                noteMissingObjectList();
            }
            balances.add(new BalanceRow(label, scenario, period, account, objects, amount, lineNumber, raw));
        } catch (ExtractFormatException e) {
            reject(where + " " + e.getMessage(), raw, amount);
        }
    }

    // #VER serie vernr verdatum [vertext] [regdatum] [sign]
    private void verification(String raw, String rest) {
        if (open != null) {
            warnings.add("structure", open.describe() + " is not closed with '}' before the #VER on line "
                    + lineNumber + "; read as closed there");
            closeVerification();
        }
        String where = "#VER on line " + lineNumber;
        String series = "";
        String number = "";
        int period = 0;
        String problem = null;
        List<SieField> fields;
        try {
            fields = SieField.split(rest);
        } catch (ExtractFormatException e) {
            pending = new Verification("", "", lineNumber, 0, where + " cannot be split into fields: "
                    + e.getMessage());
            return;
        }
        try {
            series = fields.size() > 0 ? text(fields, 0, "serie") : "";
            number = fields.size() > 1 ? text(fields, 1, "vernr") : "";
            if (fields.size() < 3) {
                throw new ExtractFormatException("has no date; write serie vernr verdatum, e.g. #VER A 12 20240131"
                        + " \"Porto\"");
            }
            period = SieDate.periodOfDate(text(fields, 2, "verdatum"));
        } catch (ExtractFormatException e) {
            problem = where + " " + e.getMessage();
        }
        pending = new Verification(series, number, lineNumber, period, problem);
    }

    // #TRANS kontonr {objektlista} belopp [transdat] [transtext] [kvantitet] [sign]
    private void transaction(String raw, String rest) {
        String where = "#TRANS on line " + lineNumber;
        List<SieField> fields;
        try {
            fields = SieField.split(rest);
        } catch (ExtractFormatException e) {
            unreadableTransaction(where + " cannot be split into fields: " + e.getMessage(), raw, null);
            return;
        }
        AmountField field = AmountField.after(fields, 1);
        boolean hasObjectList = field.hasObjectList();
        int amountAt = field.index();
        BigDecimal amount = field.amount();
        String amountProblem = field.problem();
        if (open == null) {
            reject(where + " is outside a #VER { } block; SIE allows #TRANS only as a row of a verification", raw,
                    amount);
            return;
        }
        try {
            if (fields.size() <= amountAt) {
                throw new ExtractFormatException("has " + fields.size() + " field(s); expected kontonr {objektlista}"
                        + " belopp, e.g. #TRANS 5010 {1 \"1010\"} 1234.50");
            }
            String account = account(text(fields, 0, "kontonr"));
            ObjectList objects = hasObjectList ? ObjectList.parse(fields.get(1).items()) : ObjectList.EMPTY;
            if (amountProblem != null) {
                throw new ExtractFormatException(amountProblem);
            }
            int period = open.period();
            if (fields.size() > amountAt + 1) {
                String date = text(fields, amountAt + 1, "transdat");
                if (!date.isEmpty()) {
                    period = SieDate.periodOfDate(date);
                }
            }
            if (!hasObjectList) {
                noteMissingObjectList();
            }
            open.add(new TransactionRow(period, account, objects.costCenter(), amount, lineNumber, raw));
        } catch (ExtractFormatException e) {
            unreadableTransaction(where + " " + e.getMessage(), raw, amount);
        }
    }

    private void unreadableTransaction(String reason, String raw, BigDecimal amount) {
        if (open == null) {
            reject(reason, raw, amount);
        } else {
            open.addUnreadable(lineNumber, reason, raw, amount);
        }
    }

    private void openBlock() {
        if (pending != null) {
            open = pending;
            pending = null;
        } else if (open != null || orphanBlock) {
            warnings.add("structure", "'{' on line " + lineNumber + " opens a block inside a block; ignored");
        } else {
            orphanBlock = true;
            warnings.add("structure", "'{' on line " + lineNumber + " does not follow a #VER; rows up to its '}'"
                    + " belong to no verification and are not loaded");
        }
    }

    private void closeBlock() {
        if (pending != null) {
            verificationWithoutBlock();
        }
        if (open != null) {
            closeVerification();
        } else if (orphanBlock) {
            orphanBlock = false;
        } else {
            warnings.add("structure", "'}' on line " + lineNumber + " closes no block; ignored");
        }
    }

    private void verificationWithoutBlock() {
        warnings.add("structure", pending.describe() + " is not followed by a '{' … '}' block of rows; it adds"
                + " nothing");
        pending = null;
    }

    private void closeVerification() {
        Verification.Outcome outcome = open.close();
        transactions.addAll(outcome.accepted());
        rejected.addAll(outcome.rejected());
        open = null;
    }

    private void endOfFile() {
        if (pending != null) {
            verificationWithoutBlock();
        }
        if (open != null) {
            warnings.add("structure", "the file ends inside " + open.describe() + " (no closing '}'); read as"
                    + " closed. Check that the file is complete");
            closeVerification();
        }
    }

    /** A file that is not SIE at all, or cut off by its own account, must fail the load rather than load less. */
    private void refuseIfNotAWholeSieFile() {
        if (content.length == 0) {
            throw new ExtractFormatException(fileName + " is empty; an SIE file starts with #FLAGGA and #FORMAT");
        }
        if (!sawRecord) {
            throw new ExtractFormatException(fileName + " is not an SIE file: none of its " + lineNumber + " line(s) is"
                    + " an SIE record (a line starting with #, e.g. #FLAGGA 0)");
        }
        if (checksumStartLine > 0 && !checksumEnd) {
            // SIE 4B §10.6: a reader should refuse such a file, it has been cut short.
            throw new ExtractFormatException(fileName + " announces a checksum (#KSUMMA on line " + checksumStartLine
                    + ") but has no closing #KSUMMA: the file is cut off. Export it again");
        }
    }

    private SieReadResult assemble(SieEncoding encoding) {
        List<LedgerEntry> entries = new ArrayList<>();

        Map<List<Object>, List<BalanceRow>> balanceGroups = new LinkedHashMap<>();
        for (BalanceRow row : balances) {
            balanceGroups.computeIfAbsent(List.of(row.scenario(), row.period(), row.account()),
                    k -> new ArrayList<>()).add(row);
        }
        for (List<BalanceRow> group : balanceGroups.values()) {
            BalanceSelection.Outcome outcome = BalanceSelection.select(group);
            entries.addAll(outcome.entries());
            rejected.addAll(outcome.rejected());
            outcome.notes().forEach(note -> warnings.add("balance", note));
        }

        entries.addAll(transactionEntries());
        summarise(entries);

        entries.sort(Comparator.comparingLong(LedgerEntry::lineNumber));
        rejected.sort(Comparator.comparingLong(RejectedLine::lineNumber));
        return new SieReadResult(encoding.label(), entries, rejected, lineNumber, warnings.list());
    }

    /** Accepted #TRANS rows summed per period, account and cost centre, except in periods with #PSALDO. */
    private List<LedgerEntry> transactionEntries() {
        Map<List<Object>, LedgerEntry> sums = new LinkedHashMap<>();
        Map<Integer, Integer> skipped = new TreeMap<>();
        for (TransactionRow row : transactions) {
            if (periodsWithPsaldo.contains(row.period())) {
                skipped.merge(row.period(), 1, Integer::sum);
                continue;
            }
            String costCenter = row.costCenter() == null ? SieLedgerReader.UNMAPPED : row.costCenter();
            sums.merge(List.of(row.period(), row.account(), costCenter),
                    new LedgerEntry(row.period(), Scenario.ACTUAL.name(), costCenter, row.account(), null, null,
                            row.amount(), row.lineNumber()),
                    (first, next) -> new LedgerEntry(first.period(), first.scenario(), first.costCenter(),
                            first.account(), null, null, first.amount().add(next.amount()), first.lineNumber()));
        }
        if (!skipped.isEmpty()) {
            int rows = skipped.values().stream().mapToInt(Integer::intValue).sum();
            warnings.add("transactions", "the file has both #PSALDO period balances and verifications for period(s) "
                    + skipped.keySet().stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + "; their actuals are taken from #PSALDO and the " + rows + " #TRANS row(s) of those periods"
                    + " are not loaded (both would count the same money twice)");
        }
        return new ArrayList<>(sums.values());
    }

    private void summarise(List<LedgerEntry> entries) {
        if (sieType == null) {
            warnings.add("file", "the file does not say which SIE type it is (no #SIETYP; SIE then means type 1,"
                    + " year balances only); read what is there as type 4");
        } else if (!SIE_TYPE_4.matcher(sieType).matches()) {
            warnings.add("file", "the file is SIE type " + sieType + " (#SIETYP " + sieType + "), not type 4: "
                    + typeContent(sieType) + "; read what is there");
        }
        if (nonRecordLines > 0) {
            warnings.add("file", nonRecordLines + " line(s) are not SIE records (a record starts with #), the first"
                    + " on line " + firstNonRecordLine + "; ignored");
        }
        for (Map.Entry<String, long[]> e : unknownLabels.entrySet()) {
            long[] seen = e.getValue();
            warnings.add("labels", "#" + e.getKey() + " (line " + seen[0] + (seen[1] > 1 ? ", " + seen[1]
                    + " lines in all" : "") + ") is not a label of SIE 4B; ignored, as the SIE standard"
                    + " prescribes for unknown labels");
        }
        if (rowsWithoutObjectList > 0) {
            warnings.add("file", rowsWithoutObjectList + " row(s) have no object list {…} (the first on line "
                    + firstRowWithoutObjectList + "); read as booked on no object");
        }
        List<LedgerEntry> unmapped =
                entries.stream().filter(e -> e.costCenter().equals(SieLedgerReader.UNMAPPED)).toList();
        if (!unmapped.isEmpty()) {
            List<String> accounts = unmapped.stream().map(LedgerEntry::account).distinct().sorted().toList();
            warnings.add("unmapped", unmapped.size() + " of " + entries.size() + " amounts have no cost centre"
                    + " (no dimension 1 object) and are loaded on cost centre " + SieLedgerReader.UNMAPPED + " (account"
                    + (accounts.size() > 1 ? "s " : " ") + String.join(", ", accounts.subList(0,
                    Math.min(accounts.size(), 10))) + (accounts.size() > 10 ? ", …" : "") + ")");
        }
    }

    private static String typeContent(String type) {
        switch (type) {
            case "1":
                return "type 1 holds year balances only, so there is nothing to load";
            case "2":
                return "type 2 holds period balances without objects, so everything loads on UNMAPPED";
            case "3":
                return "type 3 holds period and object balances but no verifications";
            default:
                return "SIE 4B knows types 1 to 4 only";
        }
    }

    private void noteMissingObjectList() {
        if (rowsWithoutObjectList++ == 0) {
            firstRowWithoutObjectList = lineNumber;
        }
    }

    private void reject(String reason, String raw, BigDecimal amount) {
        rejected.add(new RejectedLine(lineNumber, reason, raw, amount));
    }

    /**
     * Where a row's amount stands — right after its optional object list {…} — and what it reads as. A
     * problem is kept, not thrown, so the row's other faults are reported too and a rejected row keeps
     * its amount when it has one.
     */
    private record AmountField(boolean hasObjectList, int index, BigDecimal amount, String problem) {
        static AmountField after(List<SieField> fields, int objectListAt) {
            boolean hasObjectList = fields.size() > objectListAt && fields.get(objectListAt).isObjectList();
            int index = hasObjectList ? objectListAt + 1 : objectListAt;
            if (fields.size() <= index) {
                return new AmountField(hasObjectList, index, null, null);
            }
            try {
                return new AmountField(hasObjectList, index, SieAmount.parse(text(fields, index, "the amount")), null);
            } catch (ExtractFormatException e) {
                return new AmountField(hasObjectList, index, null, e.getMessage());
            }
        }
    }

    private static String text(List<SieField> fields, int index, String name) {
        SieField field = fields.get(index);
        if (field.isObjectList()) {
            throw new ExtractFormatException("has an object list {…} where " + name + " belongs");
        }
        return field.text();
    }

    private static String firstText(String rest) {
        try {
            List<SieField> fields = SieField.split(rest);
            return fields.isEmpty() || fields.get(0).isObjectList() ? "" : fields.get(0).text();
        } catch (ExtractFormatException e) {
            return rest.strip();
        }
    }

    private static void yearNumber(String text) {
        if (!YEAR_NUMBER.matcher(text).matches()) {
            throw new ExtractFormatException("has årsnr '" + text + "' which is not a year number; SIE numbers years"
                    + " 0 (this year), -1 (last year) and so on");
        }
    }

    private static String account(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ExtractFormatException("has account '" + text + "' which is not an account number; SIE"
                    + " accounts are numeric (e.g. 5010)");
        }
        return text;
    }
}
