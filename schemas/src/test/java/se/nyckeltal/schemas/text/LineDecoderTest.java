package se.nyckeltal.schemas.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineDecoderTest {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    void utf8LineDecodes() {
        byte[] line = "2040;Vårdcentral Öster".getBytes(StandardCharsets.UTF_8);

        assertThat(new LineDecoder(TextEncoding.UTF8).decode(line, false)).isEqualTo("2040;Vårdcentral Öster");
    }

    @Test
    void byteOrderMarkIsStrippedFromTheFirstLine() {
        byte[] line = EncodingDetectorTest.concat(BOM, "period;amount".getBytes(StandardCharsets.US_ASCII));

        assertThat(new LineDecoder(TextEncoding.UTF8).decode(line, true)).isEqualTo("period;amount");
    }

    @Test
    void byteOrderMarkIsKeptOnLaterLines() {
        // Only a file's first bytes can be a byte-order mark; elsewhere U+FEFF is content and stays visible.
        byte[] line = EncodingDetectorTest.concat(BOM, "202403".getBytes(StandardCharsets.US_ASCII));

        assertThat(new LineDecoder(TextEncoding.UTF8).decode(line, false)).isEqualTo("\uFEFF202403");
    }

    @Test
    void trailingCarriageReturnIsStripped() {
        byte[] line = "202403;1010;-1234,50\r".getBytes(StandardCharsets.US_ASCII);

        assertThat(new LineDecoder(TextEncoding.ASCII).decode(line, false)).isEqualTo("202403;1010;-1234,50");
    }

    @Test
    void onlyOneTrailingCarriageReturnIsStripped() {
        byte[] line = "a\r\r".getBytes(StandardCharsets.US_ASCII);

        assertThat(new LineDecoder(TextEncoding.UTF8).decode(line, false)).isEqualTo("a\r");
    }

    @Test
    void firstLineWithByteOrderMarkAndCarriageReturnLosesBoth() {
        byte[] line = EncodingDetectorTest.concat(BOM, "period\r".getBytes(StandardCharsets.US_ASCII));

        assertThat(new LineDecoder(TextEncoding.UTF8).decode(line, true)).isEqualTo("period");
    }

    @Test
    void windows1252LineDecodes() {
        byte[] line = "2040;Vårdcentral Öster".getBytes(WINDOWS_1252);

        assertThat(new LineDecoder(TextEncoding.WINDOWS_1252).decode(line, false)).isEqualTo("2040;Vårdcentral Öster");
    }

    @Test
    void windows1252EuroSignAndDashesDecode() {
        // 80 = €, 96 = –: the bytes where Windows-1252 differs from ISO-8859-1.
        byte[] line = {(byte) 0x80, ' ', (byte) 0x96};

        assertThat(new LineDecoder(TextEncoding.WINDOWS_1252).decode(line, false)).isEqualTo("€ –");
    }

    @Test
    void byteUndefinedInWindows1252IsRejected() {
        byte[] line = {'a', (byte) 0x81};

        assertThatThrownBy(() -> new LineDecoder(TextEncoding.WINDOWS_1252).decode(line, false))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("undefined in Windows-1252");
    }

    @Test
    void asciiSampleDecodesALaterWindows1252LineAsWindows1252() {
        byte[] line = "2040;Vårdcentral Öster".getBytes(WINDOWS_1252);

        assertThat(new LineDecoder(TextEncoding.ASCII).decode(line, false)).isEqualTo("2040;Vårdcentral Öster");
    }

    @Test
    void asciiSampleDecodesALaterUtf8LineAsUtf8() {
        byte[] line = "2040;Vårdcentral Öster".getBytes(StandardCharsets.UTF_8);

        assertThat(new LineDecoder(TextEncoding.ASCII).decode(line, false)).isEqualTo("2040;Vårdcentral Öster");
    }

    @Test
    void asciiSampleRejectsALineThatIsNeitherUtf8NorWindows1252() {
        byte[] line = {'a', (byte) 0xC3, (byte) 0x81, (byte) 0x81}; // Á then a byte no encoding accepts

        assertThatThrownBy(() -> new LineDecoder(TextEncoding.ASCII).decode(line, false))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("neither valid UTF-8 nor Windows-1252");
    }

    @Test
    void utf8FileRejectsALineThatIsNotUtf8() {
        // A UTF-8 file with one line saved as Windows-1252: that line fails loudly, never as U+FFFD (SPEC §9).
        byte[] line = "2040;Vårdcentral Öster".getBytes(WINDOWS_1252);

        assertThatThrownBy(() -> new LineDecoder(TextEncoding.UTF8).decode(line, false))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("not valid UTF-8")
                .hasMessageContaining("export the whole file in one encoding");
    }

    @Test
    void decodesOnlyTheGivenSliceOfABuffer() {
        byte[] buffer = "header\n2040;Öster\nnext".getBytes(StandardCharsets.UTF_8);
        int start = "header\n".length();
        int length = "2040;Öster".getBytes(StandardCharsets.UTF_8).length;

        assertThat(new LineDecoder(TextEncoding.UTF8).decode(buffer, start, length, false)).isEqualTo("2040;Öster");
    }

    @Test
    void byteOrderMarkIsLookedForAtTheSliceStart() {
        byte[] buffer = EncodingDetectorTest.concat("xx".getBytes(StandardCharsets.US_ASCII),
                EncodingDetectorTest.concat(BOM, "period".getBytes(StandardCharsets.US_ASCII)));

        assertThat(new LineDecoder(TextEncoding.UTF8).decode(buffer, 2, buffer.length - 2, true)).isEqualTo("period");
    }

    @Test
    void emptyLineDecodesToEmptyText() {
        assertThat(new LineDecoder(TextEncoding.UTF8).decode(new byte[0], true)).isEmpty();
        assertThat(new LineDecoder(TextEncoding.UTF8).decode(new byte[] {'\r'}, false)).isEmpty();
    }

    @Test
    void decoderSurvivesJavaSerialisationForSparkExecutors() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new LineDecoder(TextEncoding.WINDOWS_1252));
        }
        LineDecoder copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (LineDecoder) in.readObject();
        }

        assertThat(copy.encoding()).isEqualTo(TextEncoding.WINDOWS_1252);
        assertThat(copy.decode("Söder".getBytes(WINDOWS_1252), false)).isEqualTo("Söder");
    }
}
