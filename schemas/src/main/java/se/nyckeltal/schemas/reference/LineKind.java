package se.nyckeltal.schemas.reference;

/** Whether an income-statement line is revenue (intäkt) or cost (kostnad). */
public enum LineKind {
    REVENUE,
    COST
}
