package se.nyckeltal.schemas.kpi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import se.nyckeltal.schemas.text.TextTable;

/** The KPIs nyckeltal publishes, with Swedish display names; read from kpi_catalogue.csv. */
public record KpiCatalogue(List<KpiDefinition> kpis) {
    private static final String RESOURCE = "/se/nyckeltal/schemas/kpi/kpi_catalogue.csv";

    public KpiCatalogue {
        kpis = List.copyOf(kpis);
    }

    public static KpiCatalogue load() {
        try (InputStream in = KpiCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("kpi_catalogue.csv missing from the build");
            }
            TextTable table = TextTable.read("kpi_catalogue.csv", in.readAllBytes());
            List<String> h = table.header();
            return new KpiCatalogue(table.rows().stream().map(r -> new KpiDefinition(
                    r.fields().get(h.indexOf("kpi_id")),
                    r.fields().get(h.indexOf("name_sv")),
                    r.fields().get(h.indexOf("unit")),
                    r.fields().get(h.indexOf("good_direction")),
                    Boolean.parseBoolean(r.fields().get(h.indexOf("has_budget"))),
                    r.fields().get(h.indexOf("source")),
                    r.fields().get(h.indexOf("description")))).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<KpiDefinition> find(String kpiId) {
        return kpis.stream().filter(k -> k.kpiId().equals(kpiId)).findFirst();
    }
}
