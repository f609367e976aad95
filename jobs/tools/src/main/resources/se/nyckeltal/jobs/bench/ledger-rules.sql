-- The ledger CSV rules of SPEC §3 and §4 as DuckDB macros, for the DuckDB-only baseline of the
-- benchmark. They answer exactly as the Java code the Spark path runs on every line: schemas'
-- CsvLineSplitter, DecimalText, PeriodText and Scenario, and etl's CsvLedgerParser, reasons
-- included, so that both paths quarantine the same lines for the same words.
--
-- DuckDB inlines macros, so a macro's argument is computed as often as the macro names it: the
-- validation query passes columns, not expressions. Every regular expression is a constant once the
-- delimiter is a literal (the query calls the macros with ';', ',' or chr(9)), so it is compiled
-- once. Trimming a large set of characters is slow in DuckDB: the macros look first, with one
-- regular expression, whether there is anything to trim.

-- ---------------------------------------------------------------------------------------------
-- White space
-- ---------------------------------------------------------------------------------------------

-- Java's Character.isWhitespace: what String.strip() and isBlank() drop (no-break spaces are not).
CREATE MACRO java_ws() AS
    chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(28) || chr(29) || chr(30) || chr(31) || ' '
    || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198)
    || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8287) || chr(12288);
CREATE MACRO java_ws_re() AS
    '\t-\r\x{1C}-\x{1F} \x{1680}\x{2000}-\x{2006}\x{2008}-\x{200A}\x{2028}\x{2029}\x{205F}\x{3000}';

-- String.strip()
CREATE MACRO java_strip(s) AS CASE
    WHEN regexp_matches(s, '^[' || java_ws_re() || ']|[' || java_ws_re() || ']$') THEN trim(s, java_ws())
    ELSE s
END;

-- Every character any rule below trims from the edge of a field: Java white space, the splitter's
-- blanks (no-break and narrow no-break space) and DecimalText's. Less the delimiter, for a tab.
CREATE MACRO edge_blanks_re(d) AS
    CASE WHEN d = chr(9) THEN replace(java_ws_re(), '\t-\r', '\n-\r') ELSE java_ws_re() END || '\x{A0}\x{202F}';

-- ---------------------------------------------------------------------------------------------
-- Splitting a line (CsvLineSplitter): " quotes a field, "" inside is one quote, blanks around an
-- unquoted field are dropped; an unclosed quote or text after a closing quote rejects the line.
-- ---------------------------------------------------------------------------------------------

-- The splitter's blanks (space, tab, no-break and narrow no-break space), less a tab delimiter.
CREATE MACRO csv_blanks_re(d) AS CASE WHEN d = chr(9) THEN ' \x{A0}\x{202F}' ELSE ' \t\x{A0}\x{202F}' END;
CREATE MACRO csv_delimiter_re(d) AS CASE WHEN d = chr(9) THEN '\t' ELSE d END;

-- A row of nothing but delimiters, quotes and blanks: a spreadsheet's empty row. NULL is an empty line.
-- (A look at the first character spares nearly every line the regular expression.)
CREATE MACRO csv_is_blank_record(line, d) AS line IS NULL OR line = ''
    OR (unicode(line) IN (unicode(d), 34, 32, 9, 160, 8239)
        AND regexp_full_match(line, '[' || csv_delimiter_re(d) || '" \t\x{A0}\x{202F}]*'));

-- True when some field of the line may start or end with a character a rule trims: such a line
-- takes the exact, slower way through csv_field.
CREATE MACRO csv_has_edge_blanks(line, d) AS regexp_matches(line,
    '(?:^|' || csv_delimiter_re(d) || ')[' || edge_blanks_re(d) || ']|[' || edge_blanks_re(d) || '](?:'
    || csv_delimiter_re(d) || '|$)');

-- One field: quoted (closing quote, then only blanks up to the delimiter) or unquoted (not starting
-- with a quote; a quote later in it is text).
CREATE MACRO csv_field_re(d) AS
    '(?:[' || csv_blanks_re(d) || ']*"(?:[^"]|"")*"[' || csv_blanks_re(d) || ']*'
    || '|[' || csv_blanks_re(d) || ']*(?:[^' || csv_delimiter_re(d) || '"' || csv_blanks_re(d) || '][^'
    || csv_delimiter_re(d) || ']*)?)';

-- The raw fields of a line: for a line without quotes, nearly all of them, the pieces between
-- delimiters; for a line with quotes each field with the delimiter after it (the line gets one
-- more), or NULL when its quoting is broken.
CREATE MACRO csv_split(line, d, quoted) AS CASE
    WHEN NOT quoted THEN string_split(line, d)
    WHEN regexp_full_match(line, csv_field_re(d) || '(?:' || csv_delimiter_re(d) || csv_field_re(d) || ')*')
        THEN regexp_extract_all(line || d, csv_field_re(d) || csv_delimiter_re(d))
END;

-- An unquoted field as the splitter keeps it: leading blanks, then trailing blanks and white space,
-- then Java white space at either end.
CREATE MACRO csv_unquoted(x) AS
    java_strip(rtrim(ltrim(x, ' ' || chr(9) || chr(160) || chr(8239)), ' ' || chr(9) || chr(160) || chr(8239) || java_ws()));

-- A field of a line with quotes (x without its delimiter), the exact way.
CREATE MACRO csv_field_exact(x) AS CASE
    WHEN regexp_matches(x, '^[ \t\x{A0}\x{202F}]*"')
        THEN replace(regexp_extract(x, '^[ \t\x{A0}\x{202F}]*"((?s).*)"[ \t\x{A0}\x{202F}]*$', 1), '""', '"')
    ELSE csv_unquoted(x)
END;

-- The value of raw field x of a line, stripped of Java white space as every ledger column is
-- (CsvLedgerParser, PeriodText, Scenario; DecimalText trims more). As it is when the line has
-- neither quotes nor blanks at a field's edge; the exact way when it has blanks there. A line with
-- quotes has the delimiter at the end of each field, and a quoted field without blanks around it
-- is exactly "…".
CREATE MACRO csv_field(x, quoted, edge_blanks) AS CASE
    WHEN NOT quoted AND NOT edge_blanks THEN x
    WHEN NOT quoted THEN csv_unquoted(x)
    WHEN NOT edge_blanks
        THEN CASE WHEN starts_with(x, '"') THEN java_strip(replace(substr(x, 2, length(x) - 3), '""', '"'))
            ELSE left(x, length(x) - 1) END
    ELSE java_strip(csv_field_exact(left(x, length(x) - 1)))
END;

-- Why a line's quoting is broken, in the splitter's words: the first field that does not parse.
CREATE MACRO csv_quoting_prefix(line, d) AS regexp_extract(line, '^(?:' || csv_field_re(d) || csv_delimiter_re(d) || ')*', 0);
CREATE MACRO csv_quoting_problem(line, d) AS CASE
    WHEN regexp_matches(substr(line, length(csv_quoting_prefix(line, d)) + 1),
        '^[' || csv_blanks_re(d) || ']*"(?:[^"]|"")*"(?:[^"]|$)')
        THEN 'text after a closing quote in field '
            || (len(regexp_extract_all(csv_quoting_prefix(line, d), csv_field_re(d) || csv_delimiter_re(d))) + 1)
            || '; quote the whole field and double any " inside it'
    ELSE 'a quoted field is not closed (missing " before the end of the line); quote fields on one line and double'
        || ' any " inside them'
END;

-- ---------------------------------------------------------------------------------------------
-- Amounts (DecimalText, MeasureField, CsvLedgerParser): decimal comma or dot; thousands grouped by
-- space, no-break space, narrow no-break space or thin space, or by '.' when the decimal mark is a
-- comma; '-', '−' (U+2212) or '+' in front. Exact: the text is normalised, never read as a double.
-- ---------------------------------------------------------------------------------------------

-- DecimalText's trim: Java white space and the no-break spaces spreadsheets pad numbers with.
CREATE MACRO amount_trim(s) AS CASE
    WHEN regexp_matches(s, '^[' || java_ws_re() || '\x{A0}\x{202F}]|[' || java_ws_re() || '\x{A0}\x{202F}]$')
        THEN trim(s, java_ws() || chr(160) || chr(8239))
    ELSE s
END;

-- The number without its sign (t already trimmed): '-', '+' or '−' (U+2212).
CREATE MACRO amount_body(t) AS CASE WHEN unicode(t) IN (45, 43, 8722) THEN amount_trim(substr(t, 2)) ELSE t END;

-- The decimal mark: a comma when there is one (dots are then thousands), else a single dot.
CREATE MACRO amount_mark(b) AS CASE WHEN contains(b, ',') THEN ',' WHEN contains(b, '.') THEN '.' END;
CREATE MACRO amount_integer_part(b) AS CASE WHEN amount_mark(b) IS NULL THEN b ELSE split_part(b, amount_mark(b), 1) END;
CREATE MACRO amount_fraction(b) AS CASE WHEN amount_mark(b) IS NOT NULL THEN split_part(b, amount_mark(b), 2) END;

-- The digits and marks of b without the space-like thousands separators.
CREATE MACRO amount_without_spaces(b) AS replace(replace(replace(replace(b, ' ', ''), chr(160), ''), chr(8239), ''), chr(8201), '');

-- A readable amount as plain text (e.g. '-1234567.5'), the value DecimalText returns; NULL when it
-- is not a number. With a decimal comma, dots are thousands separators.
CREATE MACRO amount_plain(t, b) AS CASE
    WHEN regexp_full_match(b, '(?:[0-9]+|[0-9]{1,3}(?:[ \x{A0}\x{202F}\x{2009}][0-9]{3})+)(?:[.,][0-9]+)?')
        OR regexp_full_match(b, '[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+')
        THEN CASE WHEN unicode(t) IN (45, 8722) THEN '-' ELSE '' END
            || CASE WHEN contains(b, ',') THEN replace(replace(amount_without_spaces(b), '.', ''), ',', '.')
                ELSE amount_without_spaces(b) END
END;

-- Why the digits before the decimal mark are not a number, checked from the left as DecimalText
-- does: a character that is no digit or separator, mixed separators, or groups not of three.
CREATE MACRO amount_before_bad_character(q) AS regexp_extract(q, '^[0-9 \x{A0}\x{202F}\x{2009}.]*');
CREATE MACRO amount_first_separator(p) AS regexp_extract(p, '[ \x{A0}\x{202F}\x{2009}.]');
-- The longest start of p that DecimalText accepts so far with the kind of p's first separator.
CREATE MACRO amount_grouped_start(p) AS CASE WHEN amount_first_separator(p) = '.'
    THEN regexp_extract(p, '^(?:[0-9]{1,3}(?:\.[0-9]{3})*\.[0-9]*|[0-9]*)')
    ELSE regexp_extract(p, '^(?:[0-9]{1,3}(?:[ \x{A0}\x{202F}\x{2009}][0-9]{3})*[ \x{A0}\x{202F}\x{2009}][0-9]*|[0-9]*)')
END;
CREATE MACRO amount_integer_why(q) AS CASE
    WHEN NOT regexp_full_match(amount_before_bad_character(q),
        '[0-9]*|[0-9]{1,3}(?:[ \x{A0}\x{202F}\x{2009}][0-9]{3})*[ \x{A0}\x{202F}\x{2009}][0-9]*|[0-9]{1,3}(?:\.[0-9]{3})*\.[0-9]*')
        THEN CASE
            WHEN (substr(amount_before_bad_character(q), length(amount_grouped_start(amount_before_bad_character(q))) + 1, 1) = '.')
                <> (amount_first_separator(amount_before_bad_character(q)) = '.')
                THEN 'it mixes different thousands separators'
            ELSE 'thousands separators must split the digits in groups of three'
        END
    WHEN length(amount_before_bad_character(q)) < length(q)
        THEN '''' || substr(q, length(amount_before_bad_character(q)) + 1, 1) || ''' is not allowed in a number'
    ELSE 'thousands separators must split the digits in groups of three'
END;

CREATE MACRO amount_why(b) AS CASE
    WHEN b = '' THEN 'there is a sign but no digits'
    WHEN length(b) - length(replace(b, ',', '')) > 1 THEN 'it has more than one decimal comma'
    WHEN contains(b, ',') AND contains(split_part(b, ',', 2), '.') THEN 'a dot after the decimal comma'
    WHEN NOT contains(b, ',') AND length(b) - length(replace(b, '.', '')) > 1
        THEN 'dots as thousands separators are only allowed with a decimal comma'
    WHEN amount_mark(b) IS NOT NULL AND NOT regexp_full_match(amount_fraction(b), '[0-9]+')
        THEN 'the decimals must be digits after the decimal mark'
    WHEN amount_integer_part(b) = '' THEN 'there are no digits before the decimal mark'
    ELSE amount_integer_why(amount_integer_part(b))
END;

-- The problem with a line's amount field a (t trimmed, b without sign, plain its value), or NULL.
-- A readable amount that breaks a ledger rule still has a value: it counts in the file's total.
CREATE MACRO ledger_amount_problem(a, t, b, plain) AS CASE
    WHEN java_strip(a) = '' THEN 'amount is empty; every row needs an amount (belopp)'
    WHEN t = '' THEN 'amount the number is empty'
    WHEN plain IS NULL
        THEN 'amount ''' || t || ''' is not a number: ' || amount_why(b) || ' (write e.g. -1234,50 or 1 234,50 or -1234.50)'
    WHEN length(amount_fraction(b)) > 2
        THEN 'amount ''' || java_strip(a) || ''' has ' || length(amount_fraction(b))
            || ' decimals; the ledger carries öre (2 decimals): round to öre in the export'
    WHEN length(ltrim(replace(amount_without_spaces(amount_integer_part(b)), '.', ''), '0')) > 16
        THEN 'amount ''' || java_strip(a) || ''' is too large: the ledger holds at most 16 digits before the decimal'
            || ' mark; check the column'
END;

-- ---------------------------------------------------------------------------------------------
-- Periods (PeriodText): YYYYMM, YYYY-MM or a date YYYY-MM-DD, years 1900 to 2199.
-- ---------------------------------------------------------------------------------------------

-- s is the stripped text. The month of a YYYYMM or YYYY-MM form, which may be out of range.
CREATE MACRO period_month(s) AS CASE
    WHEN length(s) = 6 AND regexp_full_match(s, '[0-9]{6}') THEN try_cast(substr(s, 5, 2) AS INTEGER)
    WHEN length(s) = 7 AND regexp_full_match(s, '[0-9]{4}-[0-9]{2}') THEN try_cast(substr(s, 6, 2) AS INTEGER)
END;

-- YYYYMM, or NULL when s is no period (month is period_month(s)).
CREATE MACRO ledger_period(s, month) AS CASE
    WHEN month BETWEEN 1 AND 12 AND try_cast(left(s, 4) AS INTEGER) BETWEEN 1900 AND 2199
        THEN try_cast(left(s, 4) AS INTEGER) * 100 + month
    WHEN length(s) = 10 AND regexp_full_match(s, '[0-9]{4}-[0-9]{2}-[0-9]{2}') AND try_cast(s AS DATE) IS NOT NULL
        AND try_cast(left(s, 4) AS INTEGER) BETWEEN 1900 AND 2199
        THEN try_cast(left(s, 4) AS INTEGER) * 100 + try_cast(substr(s, 6, 2) AS INTEGER)
END;

-- The problem with stripped period text s that ledger_period read as period (NULL: not a period).
CREATE MACRO ledger_period_problem(s, month, period) AS CASE
    WHEN period IS NOT NULL THEN NULL
    WHEN s = '' THEN 'period is empty; write YYYYMM, YYYY-MM or YYYY-MM-DD (e.g. 202403)'
    WHEN month BETWEEN 1 AND 12 THEN 'period ''' || s || ''' has an implausible year ' || try_cast(left(s, 4) AS INTEGER)
    ELSE 'period ''' || s || ''' is not a period: write YYYYMM, YYYY-MM or YYYY-MM-DD (e.g. 202403)'
END;

-- ---------------------------------------------------------------------------------------------
-- Scenario (Scenario.parse): English or Swedish, any case; empty means ACTUAL.
-- ---------------------------------------------------------------------------------------------

-- s is the stripped text ('' when the file has no scenario column); NULL when unknown.
CREATE MACRO ledger_scenario(s) AS CASE upper(s)
    WHEN '' THEN 'ACTUAL'
    WHEN 'ACTUAL' THEN 'ACTUAL'
    WHEN 'UTFALL' THEN 'ACTUAL'
    WHEN 'BUDGET' THEN 'BUDGET'
    WHEN 'FORECAST' THEN 'FORECAST'
    WHEN 'PROGNOS' THEN 'FORECAST'
END;

CREATE MACRO ledger_scenario_problem(s, scenario) AS CASE WHEN scenario IS NULL
    THEN 'scenario: unknown scenario ''' || s || ''': use ACTUAL, BUDGET or FORECAST (UTFALL, BUDGET, PROGNOS)'
END;
