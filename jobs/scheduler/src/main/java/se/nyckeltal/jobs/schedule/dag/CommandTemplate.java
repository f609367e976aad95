package se.nyckeltal.jobs.schedule.dag;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task's shell command with Airflow's template variables: {@code {{ ds }}}, {@code {{ ds_nodash }}},
 * {@code {{ ts }}}, {@code {{ logical_date }}}, {@code {{ data_interval_start }}},
 * {@code {{ data_interval_end }}}, {@code {{ run_id }}}, {@code {{ dag.dag_id }}},
 * {@code {{ task.task_id }}}, {@code {{ params.x }}} and {@code {{ dag_run.conf.x }}}. The same text
 * renders the same way in Airflow, so an exported DAG calls exactly what we call.
 *
 * <p>Values from params and a run's conf come from people and API clients: unless they are plain
 * words (letters, digits, {@code _ . / : = + , @ % -}) they are single-quoted for the shell, so a
 * conf value can never inject a command.
 */
public final class CommandTemplate {
    private static final Pattern EXPRESSION = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=+,@%-]+");
    /** The run's variables, exactly as Airflow names them. */
    public static final Set<String> RUN_VARIABLES = Set.of("ds", "ds_nodash", "ts", "logical_date",
            "data_interval_start", "data_interval_end", "run_id", "dag.dag_id", "task.task_id");

    private final String text;
    private final List<String> expressions;

    private CommandTemplate(String text, List<String> expressions) {
        this.text = text;
        this.expressions = expressions;
    }

    /**
     * @param params the DAG's declared params; {@code {{ params.x }}} must name one of them
     * @throws IllegalArgumentException naming the first unknown variable
     */
    public static CommandTemplate parse(String text, Set<String> params) {
        requireNonNull(text, "text");
        List<String> expressions = new ArrayList<>();
        Matcher m = EXPRESSION.matcher(text);
        while (m.find()) {
            String expression = m.group(1);
            if (RUN_VARIABLES.contains(expression)) {
                expressions.add(expression);
            } else if (expression.startsWith("params.") && NAME.matcher(expression.substring(7)).matches()) {
                if (!params.contains(expression.substring(7))) {
                    throw new IllegalArgumentException("{{ " + expression + " }}: the DAG declares no param '"
                            + expression.substring(7) + "' (add it under params:)");
                }
                expressions.add(expression);
            } else if (expression.startsWith("dag_run.conf.") && NAME.matcher(expression.substring(13)).matches()) {
                expressions.add(expression);
            } else {
                throw new IllegalArgumentException("{{ " + expression + " }} is not a template variable we render; use "
                        + String.join(", ", RUN_VARIABLES.stream().sorted().toList())
                        + ", params.NAME or dag_run.conf.NAME");
            }
        }
        if (text.contains("{%") || text.contains("{#")) {
            throw new IllegalArgumentException("Jinja statements ({% … %}) and comments are not supported; only {{ variable }}");
        }
        return new CommandTemplate(text, List.copyOf(expressions));
    }

    public String text() {
        return text;
    }

    /**
     * @param run values of {@link #RUN_VARIABLES}
     * @param params the DAG's params with the run's conf laid over them (Airflow's default)
     * @param conf the run's conf
     * @throws IllegalArgumentException when a {{ dag_run.conf.x }} the command needs is not in the conf
     */
    public String render(Map<String, String> run, Map<String, String> params, Map<String, Object> conf) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expression = m.group(1);
            String value;
            if (expression.startsWith("params.")) {
                value = quote(params.get(expression.substring(7)));
            } else if (expression.startsWith("dag_run.conf.")) {
                Object v = conf.get(expression.substring(13));
                if (v == null) {
                    throw new IllegalArgumentException("the command needs {{ " + expression + " }} but the run's conf has no '"
                            + expression.substring(13) + "'; trigger with --conf '{\"" + expression.substring(13) + "\": …}'");
                }
                value = quote(String.valueOf(v));
            } else {
                value = requireNonNull(run.get(expression), expression);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String quote(String value) {
        if (value == null || value.isEmpty()) {
            return "''";
        }
        return SAFE.matcher(value).matches() ? value : "'" + value.replace("'", "'\"'\"'") + "'";
    }

    @Override
    public String toString() {
        return text;
    }
}
