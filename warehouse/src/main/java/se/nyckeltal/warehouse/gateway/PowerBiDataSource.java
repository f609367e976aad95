package se.nyckeltal.warehouse.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import se.nyckeltal.warehouse.gateway.sql.PgCatalog;

/**
 * A Power BI data source file (.pbids): opening it in Power BI Desktop starts Get Data with the
 * built-in PostgreSQL connector already pointed at the gateway. It holds no credentials; Power BI asks
 * for the user name and password (Database authentication).
 */
public final class PowerBiDataSource {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PowerBiDataSource() {}

    /** "Import" or "DirectQuery", from any spelling of import / directquery. */
    public static String mode(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "import" -> "Import";
            case "directquery" -> "DirectQuery";
            default -> throw new IllegalArgumentException("unknown Power BI mode '" + text + "': use import or directquery");
        };
    }

    public static String json(String host, int port, String mode) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("server", port == 5432 ? host : host + ":" + port);
        address.put("database", PgCatalog.DATABASE);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("protocol", "postgresql");
        details.put("address", address);
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("details", details);
        connection.put("options", Map.of());
        connection.put("mode", mode(mode));
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("version", "0.1");
        file.put("connections", List.of(connection));
        try {
            return JSON.writeValueAsString(file) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String host, int port, String mode) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, json(host, port, mode), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
