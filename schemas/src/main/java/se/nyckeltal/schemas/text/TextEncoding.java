package se.nyckeltal.schemas.text;

/** How the bytes of an extract are decoded, decided from the start of the file. */
public enum TextEncoding {
    /** UTF-8, with or without byte-order mark. Invalid bytes make a line unreadable. */
    UTF8,
    /** Windows-1252 (a superset of the printable ISO-8859-1). */
    WINDOWS_1252,
    /**
     * The sample held only ASCII, so it does not tell. Each line is read as UTF-8 when it is valid
     * UTF-8, else as Windows-1252: a Windows-1252 text almost never forms valid UTF-8 sequences.
     */
    ASCII
}
