package se.nyckeltal.schemas.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** SPEC §3: UTF-8 (with or without BOM) or Windows-1252, detected; SPEC §9: never åäö turned into U+FFFD. */
class EncodingDetectorTest {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @Test
    void byteOrderMarkMeansUtf8() {
        byte[] file = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "period;amount\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(EncodingDetector.detect(file)).isEqualTo(TextEncoding.UTF8);
    }

    @Test
    void validMultiByteSequencesWithoutBomMeanUtf8() {
        byte[] file = "unit;name\n2040;Vårdcentral Öster\n".getBytes(StandardCharsets.UTF_8);

        assertThat(EncodingDetector.detect(file)).isEqualTo(TextEncoding.UTF8);
    }

    @Test
    void swedishLettersInWindows1252MeanWindows1252() {
        // å = E5, Ö = D6: neither is followed by a UTF-8 continuation byte.
        byte[] file = "unit;name\n2040;Vårdcentral Öster\n".getBytes(WINDOWS_1252);

        assertThat(EncodingDetector.detect(file)).isEqualTo(TextEncoding.WINDOWS_1252);
    }

    @Test
    void asciiOnlySampleLeavesTheDecisionToEachLine() {
        byte[] file = "period;cost_center;account;amount\n202403;1010;4010;-1234,50\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(EncodingDetector.detect(file)).isEqualTo(TextEncoding.ASCII);
    }

    @Test
    void emptySampleIsAscii() {
        assertThat(EncodingDetector.detect(new byte[0])).isEqualTo(TextEncoding.ASCII);
    }

    @Test
    void characterCutAtTheEndOfATruncatedSampleStillCountsAsUtf8() {
        byte[] utf8 = "2040;Vårdcentral Öster".getBytes(StandardCharsets.UTF_8);
        int cut = indexOf(utf8, (byte) 0xC3, 5) + 1; // keep only the lead byte of Ö (C3 96)
        byte[] sample = Arrays.copyOf(utf8, cut + 10); // a buffer larger than what was read

        assertThat(EncodingDetector.detect(sample, cut, true)).isEqualTo(TextEncoding.UTF8);
    }

    @Test
    void loneLeadByteAfterOnlyAsciiInATruncatedSampleCountsAsUtf8() {
        byte[] sample = concat("period;name\n202403;".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xE2, (byte) 0x88});

        // E2 88 92 is U+2212 (minus); the sample stops before its last byte.
        assertThat(EncodingDetector.detect(sample, sample.length, true)).isEqualTo(TextEncoding.UTF8);
    }

    @Test
    void characterCutAtTheEndOfAWholeFileIsNotUtf8() {
        byte[] sample = concat("2040;".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC3});

        assertThat(EncodingDetector.detect(sample, sample.length, false)).isEqualTo(TextEncoding.WINDOWS_1252);
    }

    @Test
    void windows1252LetterNearTheSampleEndIsNotMistakenForACutCharacter() {
        // "Vår" in Windows-1252 is 56 E5 72: E5 would lead a 3-byte character, but 72 ('r') cannot continue it.
        byte[] sample = "Vår".getBytes(WINDOWS_1252);

        assertThat(EncodingDetector.detect(sample, sample.length, true)).isEqualTo(TextEncoding.WINDOWS_1252);
    }

    @Test
    void utf8FileWithOneBadLineStaysUtf8() {
        // Deciding Windows-1252 here would silently turn every å of the good lines into "Ã¥";
        // staying UTF-8 quarantines just the bad line (SPEC §4: nothing silently changed).
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("unit;name\n2010;Vårdcentral Centrum\n2030;Vårdcentral Söder\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes("2040;Vårdcentral Öster\n".getBytes(WINDOWS_1252));
        file.writeBytes("2050;Vårdcentral Väster\n".getBytes(StandardCharsets.UTF_8));

        assertThat(EncodingDetector.detect(file.toByteArray())).isEqualTo(TextEncoding.UTF8);
    }

    @Test
    void windows1252FileWithOneAccidentalUtf8PairStaysWindows1252() {
        // "Ä°" in Windows-1252 is C4 B0, which happens to be valid UTF-8 (U+0130); the rest is clearly not.
        byte[] file = "unit;name\n2030;Vårdcentral Söder\n2040;Vårdcentral Öster\n9999;Ä°\n".getBytes(WINDOWS_1252);

        assertThat(EncodingDetector.detect(file)).isEqualTo(TextEncoding.WINDOWS_1252);
    }

    @Test
    void bytesThatOnlyLookLikeUtf8ButEncodeASurrogateAreWindows1252() {
        // ED A0 80 has the UTF-8 shape of U+D800, a surrogate, which UTF-8 forbids; Windows-1252 reads "í €".
        byte[] file = concat("x;".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});

        assertThat(EncodingDetector.detect(file)).isEqualTo(TextEncoding.WINDOWS_1252);
    }

    @Test
    void overlongUtf8FormIsWindows1252() {
        // C0 AF is an overlong '/', never valid UTF-8; in Windows-1252 it is "À¯".
        byte[] file = "À¯".getBytes(WINDOWS_1252);

        assertThat(EncodingDetector.detect(file)).isEqualTo(TextEncoding.WINDOWS_1252);
    }

    @Test
    void onlyTheGivenLengthOfTheSampleIsLookedAt() {
        byte[] sample = concat("abc".getBytes(StandardCharsets.US_ASCII), "å".getBytes(WINDOWS_1252));

        assertThat(EncodingDetector.detect(sample, 3, true)).isEqualTo(TextEncoding.ASCII);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("byte not found");
    }
}
