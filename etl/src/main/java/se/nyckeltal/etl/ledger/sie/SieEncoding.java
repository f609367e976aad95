package se.nyckeltal.etl.ledger.sie;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import se.nyckeltal.schemas.text.ExtractFormatException;

/**
 * The character sets SIE files arrive in. SIE 4B §5.8 prescribes IBM PC 8-bit (codepage 437) and
 * {@code #FORMAT PC8} says so, but exporters write Windows-1252 or UTF-8 under the same label, so
 * the bytes decide and the label only breaks a tie.
 */
enum SieEncoding {
    CP437("CP437", Charset.forName("IBM437")),
    WINDOWS_1252("WINDOWS-1252", Charset.forName("windows-1252")),
    UTF_8("UTF-8", StandardCharsets.UTF_8);

    // å ä ö Å Ä Ö é in each single-byte code page: the letters a Swedish ledger is full of.
    private static final int[] CP437_LETTERS = {0x86, 0x84, 0x94, 0x8F, 0x8E, 0x99, 0x82};
    private static final int[] WINDOWS_1252_LETTERS = {0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6, 0xE9};
    private static final int[] WINDOWS_1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D};

    private final String label;
    private final Charset charset;

    SieEncoding(String label, Charset charset) {
        this.label = label;
        this.charset = charset;
    }

    /** The name reported in {@link SieReadResult#encoding()}. */
    String label() {
        return label;
    }

    Charset charset() {
        return charset;
    }

    /** The chosen encoding, with a warning for each way the file's own label or bytes disagree. */
    record Detection(SieEncoding encoding, List<String> warnings) {
        Detection {
            warnings = List.copyOf(warnings);
        }
    }

    static Detection detect(byte[] content) {
        String declared = declaredFormat(content);
        SieEncoding byLabel = declared != null && declared.toUpperCase(Locale.ROOT).contains("UTF") ? UTF_8 : CP437;
        List<String> warnings = new ArrayList<>();
        if (declared != null && byLabel == CP437 && !declared.equalsIgnoreCase("PC8")) {
            warnings.add("#FORMAT " + declared + " is not a character set SIE 4B knows (only PC8, codepage 437);"
                    + " the encoding was decided from the bytes");
        }
        int utf8Sequences = 0;
        int otherHighBytes = 0;
        int cp437Letters = 0;
        int windowsLetters = 0;
        int windowsUndefined = 0;
        int i = 0;
        while (i < content.length) {
            int b = content[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length = utf8SequenceLength(content, i);
            if (length > 0) {
                utf8Sequences++;
                i += length;
                continue;
            }
            otherHighBytes++;
            cp437Letters += contains(CP437_LETTERS, b) ? 1 : 0;
            windowsLetters += contains(WINDOWS_1252_LETTERS, b) ? 1 : 0;
            windowsUndefined += contains(WINDOWS_1252_UNDEFINED, b) ? 1 : 0;
            i++;
        }

        boolean byteOrderMark = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF;
        if (byteOrderMark || (utf8Sequences > 0 && utf8Sequences > Math.max(cp437Letters, windowsLetters))) {
            if (otherHighBytes > 0) {
                warnings.add(otherHighBytes + " byte(s) are not valid UTF-8 in a file that is otherwise UTF-8; they are"
                        + " read as \uFFFD. Export the whole file in one character set");
            }
            return contradicting(UTF_8, declared, byLabel, byteOrderMark ? "it starts with a UTF-8 byte-order mark"
                    : otherHighBytes == 0 ? "all its non-ASCII bytes are valid UTF-8"
                    : "most of its non-ASCII bytes are valid UTF-8", warnings);
        }
        if (utf8Sequences == 0 && otherHighBytes == 0) {
            // Plain ASCII reads the same in all three; report what the file says it is.
            return new Detection(byLabel, warnings);
        }
        if (utf8Sequences > 0) {
            warnings.add("the file mixes UTF-8 with single-byte text; " + utf8Sequences + " UTF-8 character(s) will"
                    + " read as two or three odd characters each. Export the whole file in one character set");
        }
        if (cp437Letters > windowsLetters) {
            return contradicting(CP437, declared, byLabel, cp437Letters + " byte(s) read as å, ä, ö or é in CP437"
                    + " against " + windowsLetters + " in Windows-1252", warnings);
        }
        if (windowsLetters > cp437Letters) {
            if (windowsUndefined > 0) {
                warnings.add(windowsUndefined + " byte(s) have no character in Windows-1252 and are read as \uFFFD");
            }
            return contradicting(WINDOWS_1252, declared, byLabel, windowsLetters + " byte(s) read as å, ä, ö or é in"
                    + " Windows-1252 against " + cp437Letters + " in CP437", warnings);
        }
        SieEncoding singleByte = byLabel == UTF_8 ? CP437 : byLabel;
        warnings.add("the file's non-ASCII bytes do not tell CP437 from Windows-1252 (" + cp437Letters
                + " Swedish letters either way); read as " + singleByte.label + ", check names with å, ä, ö");
        return new Detection(singleByte, warnings);
    }

    private static Detection contradicting(SieEncoding chosen, String declared, SieEncoding byLabel, String evidence,
            List<String> warnings) {
        if (declared != null && chosen != byLabel) {
            warnings.add("the file says #FORMAT " + declared + " (" + byLabel.label + ") but " + evidence
                    + "; read as " + chosen.label);
        }
        return new Detection(chosen, warnings);
    }

    /** The value of the first {@code #FORMAT} record, read as ASCII before the encoding is known. */
    private static String declaredFormat(byte[] content) {
        int start = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            String line = new String(content, start, end - start, StandardCharsets.ISO_8859_1).strip();
            if (line.regionMatches(true, 0, "#FORMAT", 0, 7)
                    && (line.length() == 7 || SieField.isBlank(line.charAt(7)))) {
                try {
                    List<SieField> fields = SieField.split(line.substring(7));
                    return fields.isEmpty() || fields.get(0).isObjectList() ? "" : fields.get(0).text();
                } catch (ExtractFormatException e) {
                    return line.substring(7).strip();
                }
            }
            start = end + 1;
        }
        return null;
    }

    /** Length of the well-formed UTF-8 sequence starting at {@code i}, or 0 if there is none. */
    private static int utf8SequenceLength(byte[] bytes, int i) {
        int lead = bytes[i] & 0xFF;
        int length;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) {
                secondMin = 0xA0; // no overlong forms
            } else if (lead == 0xED) {
                secondMax = 0x9F; // no surrogates
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) {
                secondMin = 0x90;
            } else if (lead == 0xF4) {
                secondMax = 0x8F;
            }
        } else {
            return 0;
        }
        if (i + length > bytes.length) {
            return 0;
        }
        int second = bytes[i + 1] & 0xFF;
        if (second < secondMin || second > secondMax) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            if ((bytes[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        return length;
    }

    private static boolean contains(int[] values, int b) {
        for (int value : values) {
            if (value == b) {
                return true;
            }
        }
        return false;
    }
}
