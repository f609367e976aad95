package se.nyckeltal.warehouse.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;

/**
 * The report's HTML as a PDF, in-process: openhtmltopdf lays out the same HTML and CSS (paged media) on
 * PDFBox, Batik draws the inline SVG charts. No browser. DejaVu Sans is embedded when the system has it
 * (Debian fonts-dejavu-core), else the PDF's standard Helvetica is used (it has åäö).
 */
public final class PdfRenderer {
    private static final List<String> FONT_DIRS = List.of("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu");

    public PdfRenderer() {
        // openhtmltopdf logs every layout step to java.util.logging at INFO; the report command prints its own result.
        XRLog.setLoggingEnabled(false);
    }

    public void pdf(String html, OutputStream out) throws IOException {
        org.w3c.dom.Document document = new W3CDom().fromJsoup(Jsoup.parse(html));
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useSVGDrawer(new BatikSVGDrawer());
        for (String dir : FONT_DIRS) {
            File regular = new File(dir, "DejaVuSans.ttf");
            File bold = new File(dir, "DejaVuSans-Bold.ttf");
            if (regular.isFile()) {
                builder.useFont(regular, "DejaVu Sans", 400, PdfRendererBuilder.FontStyle.NORMAL, true);
                if (bold.isFile()) {
                    builder.useFont(bold, "DejaVu Sans", 700, PdfRendererBuilder.FontStyle.NORMAL, true);
                }
                break;
            }
        }
        builder.withW3cDocument(document, "file:///");
        builder.toStream(out);
        builder.run();
    }
}
