package se.nyckeltal.warehouse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.warehouse.catalogue.Catalogue;

/**
 * The report as readers get it: the HTML opened in a real headless Chromium (Debian chromium, installed by
 * .ci/run) with a screenshot taken, and the PDF turned into page images by pdftoppm (poppler-utils).
 */
class ReportRenderingTest {
    @TempDir
    static Path dir;

    private static Connection catalogue;
    private static ReportWriter writer;

    @BeforeAll
    static void publish() throws SQLException {
        catalogue = Catalogue.openReadOnly(ReportFixture.publish(dir.resolve("region")));
        writer = new ReportWriter(catalogue);
    }

    @AfterAll
    static void close() throws SQLException {
        catalogue.close();
    }

    @Test
    void htmlRendersInHeadlessChromiumWithEverySectionAndChart() throws Exception {
        Path html = dir.resolve("manadsrapport-2026-02.html");
        writer.writeOne(202602, "TOTAL", ReportFormat.HTML, html);
        Path screenshot = dir.resolve("screenshot.png");
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        run(List.of("--screenshot=" + screenshot, "--window-size=1240,1754", html.toUri().toString()), profile, null);
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image.getWidth()).isEqualTo(1240);
        assertThat(darkShare(image)).as("share of dark pixels in the screenshot").isGreaterThan(0.005);

        Path dom = dir.resolve("dom.html");
        run(List.of("--dump-dom", html.toUri().toString()), Files.createTempDirectory(dir, "chromium-profile"), dom);
        String rendered = Files.readString(dom, StandardCharsets.UTF_8);
        assertThat(count(rendered, "<section ")).isEqualTo(12);
        assertThat(count(rendered, "<svg ")).isEqualTo(4);
        assertThat(rendered).contains("Perioden i siffror", "Resultaträkning", "data-kpi=\"RESULT\"");
    }

    @Test
    void pdfHasOnePageOrMorePerSectionAndNoBlankPage() throws Exception {
        Path pdf = dir.resolve("manadsrapport-2026-02.pdf");
        writer.writeOne(202602, "TOTAL", ReportFormat.PDF, pdf);
        int pages;
        String text;
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            pages = document.getNumberOfPages();
            text = new PDFTextStripper().getText(document);
        }
        // print CSS starts every one of the 12 sections on a new page; none of them fills more than two here
        assertThat(pages).isBetween(12, 24);
        assertThat(text).contains("Månadsrapport februari 2026", "Perioden i siffror", "Ekonomi – Periodens resultat",
                "Sjukfrånvaro");
        Path images = Files.createDirectories(dir.resolve("pages"));
        Process pdftoppm = new ProcessBuilder("pdftoppm", "-r", "40", "-png", pdf.toString(), images.resolve("page").toString())
                .redirectErrorStream(true).start();
        String output = new String(pdftoppm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pdftoppm.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(pdftoppm.exitValue()).as(output).isZero();
        List<Path> pngs;
        try (Stream<Path> files = Files.list(images)) {
            pngs = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        assertThat(pngs).hasSize(pages);
        for (Path png : pngs) {
            assertThat(darkShare(ImageIO.read(png.toFile()))).as("dark pixels on %s", png.getFileName()).isGreaterThan(0.002);
        }
    }

    /** Runs headless Chromium with the flags that keep it offline and self-contained; stdout to {@code out}. */
    private static void run(List<String> arguments, Path profile, Path out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--hide-scrollbars"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        Path log = Files.createTempFile(dir, "chromium", ".log");
        builder.redirectError(log.toFile());
        builder.redirectOutput(out == null ? log.toFile() : out.toFile());
        Process chromium = builder.start();
        if (!chromium.waitFor(180, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not finish in 180 s: " + Files.readString(log));
        }
        assertThat(chromium.exitValue()).as(Files.readString(log)).isZero();
    }

    private static double darkShare(BufferedImage image) {
        long dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int luminance = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
                if (luminance < 3 * 128) {
                    dark++;
                }
            }
        }
        return (double) dark / ((long) image.getWidth() * image.getHeight());
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
