package se.nyckeltal.schemas.text;

/** Field separators an extract may use; detected from the header row (SPEC §3). */
public enum Delimiter {
    SEMICOLON(';', "semicolon"),
    TAB('\t', "tab"),
    COMMA(',', "comma");

    private final char character;
    private final String label;

    Delimiter(char character, String label) {
        this.character = character;
        this.label = label;
    }

    public char character() {
        return character;
    }

    public String label() {
        return label;
    }

    /**
     * The separator that occurs most often outside quotes in the header; on a tie the order
     * semicolon, tab, comma decides (Swedish exports use semicolons because comma is the decimal
     * mark). A header with none of them is one column wide: semicolon.
     */
    public static Delimiter detect(String headerLine) {
        int semicolons = 0;
        int tabs = 0;
        int commas = 0;
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == ';') {
                    semicolons++;
                } else if (c == '\t') {
                    tabs++;
                } else if (c == ',') {
                    commas++;
                }
            }
        }
        if (semicolons >= tabs && semicolons >= commas) {
            return SEMICOLON;
        }
        return tabs >= commas ? TAB : COMMA;
    }
}
