package se.nyckeltal.schemas.text;

/**
 * Decides a file's encoding from a sample of its first bytes: a UTF-8 byte-order mark or valid
 * UTF-8 multi-byte sequences mean UTF-8; any other high byte means Windows-1252.
 */
public final class EncodingDetector {
    /** How much of a file {@link #detect} wants to see. */
    public static final int SAMPLE_BYTES = 1 << 20;

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
        boolean sawHighByte = false;
        int i = 0;
        while (i < length) {
            int b = sample[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            sawHighByte = true;
            int continuation = utf8Continuations(b);
            if (continuation < 0) {
                return TextEncoding.WINDOWS_1252;
            }
            if (i + continuation >= length) {
                // Cut by the end of the sample: valid so far counts as valid.
                return truncated ? TextEncoding.UTF8 : TextEncoding.WINDOWS_1252;
            }
            for (int k = 1; k <= continuation; k++) {
                if ((sample[i + k] & 0xC0) != 0x80) {
                    return TextEncoding.WINDOWS_1252;
                }
            }
            i += continuation + 1;
        }
        return sawHighByte ? TextEncoding.UTF8 : TextEncoding.ASCII;
    }

    public static TextEncoding detect(byte[] sample) {
        return detect(sample, sample.length, false);
    }

    /** Number of continuation bytes a UTF-8 lead byte announces, or -1 if it cannot lead. */
    private static int utf8Continuations(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 1;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 2;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 3;
        }
        return -1;
    }
}
