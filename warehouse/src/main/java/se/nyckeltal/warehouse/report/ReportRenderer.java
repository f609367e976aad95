package se.nyckeltal.warehouse.report;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a {@link Report} into one self-contained HTML page (FreeMarker template, CSS inline, SVG inline). */
public final class ReportRenderer {
    private static final String RESOURCES = "/se/nyckeltal/warehouse/report/";
    private final Configuration freemarker;
    private final String css;

    public ReportRenderer() {
        freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setClassForTemplateLoading(ReportRenderer.class, RESOURCES);
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
        try (InputStream in = ReportRenderer.class.getResourceAsStream(RESOURCES + "report.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String html(Report report) {
        Map<String, Object> model = new HashMap<>();
        model.put("report", report);
        model.put("css", css);
        model.put("monthName", SwedishFormat.monthName(report.period()));
        return render("manadsrapport.ftlh", model);
    }

    /** One line of a folder's index page. */
    public record IndexEntry(String orgId, String orgName, String fileName) {}

    public String index(String title, String subtitle, String idHeader, int period, List<IndexEntry> entries) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("subtitle", subtitle);
        model.put("idHeader", idHeader);
        model.put("period", period);
        model.put("entries", entries);
        model.put("css", css);
        return render("index.ftlh", model);
    }

    private String render(String name, Map<String, Object> model) {
        try {
            Template template = freemarker.getTemplate(name);
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TemplateException e) {
            throw new IllegalStateException("report template " + name + " failed: " + e.getMessage(), e);
        }
    }
}
