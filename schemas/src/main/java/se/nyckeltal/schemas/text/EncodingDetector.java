package se.nyckeltal.schemas.text;

/**
 * Decides a file's encoding from a sample of its first bytes: a UTF-8 byte-order mark, or valid
 * UTF-8 multi-byte sequences outnumbering the high bytes that are not, mean UTF-8; other high
 * bytes mean Windows-1252; no high byte at all leaves it to each line ({@link TextEncoding#ASCII}).
 *
 * <p>Why a majority rather than the first high byte: a UTF-8 file with one line pasted in as
 * Windows-1252 must stay UTF-8, so that one line is quarantined loudly instead of every å of the
 * good lines silently becoming "Ã¥"; a Windows-1252 file where one letter happens to be followed
 * by a byte that completes a UTF-8 pair (e.g. "Ä" + U+00A0) must stay Windows-1252.
 */
public final class EncodingDetector {
    /** How much of a file {@link #detect} wants to see. */
    public static final int SAMPLE_BYTES = 1 << 20;

    private static final int INVALID = -1;
    private static final int CUT = -2;

    private EncodingDetector() {}

    /**
     * @param sample the first bytes of the file
     * @param length how many of them are valid
     * @param truncated true when the file goes on after the sample (a multi-byte character may be
     *     cut at the end)
     */
    public static TextEncoding detect(byte[] sample, int length, boolean truncated) {
        if (length >= 3 && (sample[0] & 0xFF) == 0xEF && (sample[1] & 0xFF) == 0xBB && (sample[2] & 0xFF) == 0xBF) {
            return TextEncoding.UTF8;
        }
        int validSequences = 0;
        int invalidBytes = 0;
        int i = 0;
        while (i < length) {
            if ((sample[i] & 0xFF) < 0x80) {
                i++;
                continue;
            }
            int size = utf8SequenceLength(sample, i, length);
            if (size == CUT) {
                // Valid so far and cut by the end of the sample: counts as valid only if the file goes on.
                if (truncated) {
                    validSequences++;
                } else {
                    invalidBytes++;
                }
                break;
            }
            if (size == INVALID) {
                invalidBytes++;
                i++;
            } else {
                validSequences++;
                i += size;
            }
        }
        if (validSequences == 0 && invalidBytes == 0) {
            return TextEncoding.ASCII;
        }
        return validSequences > 0 && validSequences >= invalidBytes ? TextEncoding.UTF8 : TextEncoding.WINDOWS_1252;
    }

    public static TextEncoding detect(byte[] sample) {
        return detect(sample, sample.length, false);
    }

    /**
     * Length of the well-formed UTF-8 sequence starting at {@code i} (RFC 3629: no overlong forms,
     * no surrogates, nothing above U+10FFFF), {@link #CUT} when it is well-formed up to the end of
     * the sample, else {@link #INVALID}.
     */
    private static int utf8SequenceLength(byte[] sample, int i, int length) {
        int lead = sample[i] & 0xFF;
        int size;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            size = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            size = 3;
            if (lead == 0xE0) {
                secondMin = 0xA0; // below is overlong
            } else if (lead == 0xED) {
                secondMax = 0x9F; // above is a surrogate
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            size = 4;
            if (lead == 0xF0) {
                secondMin = 0x90; // below is overlong
            } else if (lead == 0xF4) {
                secondMax = 0x8F; // above is beyond U+10FFFF
            }
        } else {
            return INVALID;
        }
        for (int k = 1; k < size; k++) {
            if (i + k >= length) {
                return CUT;
            }
            int b = sample[i + k] & 0xFF;
            int min = k == 1 ? secondMin : 0x80;
            int max = k == 1 ? secondMax : 0xBF;
            if (b < min || b > max) {
                return INVALID;
            }
        }
        return size;
    }
}
