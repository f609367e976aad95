package se.nyckeltal.etl.hr;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import se.nyckeltal.etl.extract.ExtractLine;

/**
 * Validated HR lines as Spark carries them (one per delivered row): the hours are the measure a file
 * reconciles on, the employee is already the pseudonym. Column names are those of FactSchema.HR_DAY.
 */
final class HrLines {
    static final String EMPLOYEE = "employee";
    static final String WORK_DATE = "work_date";
    static final String COST_CENTER = "cost_center";
    static final String STAFF_CATEGORY = "staff_category";
    static final String PROFESSION = "profession";
    static final String GENDER = "gender";
    static final String BIRTH_YEAR = "birth_year";
    static final String HOUR_TYPE = "hour_type";
    /** DECIMAL(18,4), as in the fact. */
    static final String HOURS = "hours";

    /** {@link ExtractLine#valid} values come in this order. */
    static final ExtractLine.Schema SCHEMA = new ExtractLine.Schema(HOURS, DataTypes.createDecimalType(18, 4), List.of(
            DataTypes.createStructField(EMPLOYEE, DataTypes.StringType, false),
            DataTypes.createStructField(WORK_DATE, DataTypes.DateType, false),
            DataTypes.createStructField(COST_CENTER, DataTypes.StringType, false),
            DataTypes.createStructField(STAFF_CATEGORY, DataTypes.StringType, false),
            DataTypes.createStructField(PROFESSION, DataTypes.StringType, false),
            DataTypes.createStructField(GENDER, DataTypes.StringType, false),
            DataTypes.createStructField(BIRTH_YEAR, DataTypes.IntegerType, false),
            DataTypes.createStructField(HOUR_TYPE, DataTypes.StringType, false)));

    private HrLines() {}
}
