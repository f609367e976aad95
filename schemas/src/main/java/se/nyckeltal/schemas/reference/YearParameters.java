package se.nyckeltal.schemas.reference;

import java.math.BigDecimal;

/** Per-year parameters; fteNormHours is the annual norm behind årsarbetare (1 725 h by default). */
public record YearParameters(int year, BigDecimal fteNormHours) {}
