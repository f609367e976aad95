# psqlODBC's catalogue functions (what Excel, Power Query's ODBC source and BI tools call) through pyodbc
# (Debian's python3-pyodbc over unixODBC) against the gateway. Prints "name ok N" or "name FAILED error" per call.
# Usage: python3 odbc_metadata.py DRIVER_PATH PORT USER PASSWORD
import sys

import pyodbc

driver, port, user, password = sys.argv[1:5]
connection = pyodbc.connect(f"DRIVER={{{driver}}};SERVER=127.0.0.1;PORT={port};DATABASE=nyckeltal;UID={user};"
                            f"PWD={password};SSLMode=disable", autocommit=True)
cursor = connection.cursor()
calls = [
    ("SQLTables", lambda: cursor.tables(schema="kpi", table="kpi_values").fetchall()),
    ("SQLColumns", lambda: cursor.columns(schema="kpi", table="kpi_values").fetchall()),
    ("SQLPrimaryKeys", lambda: cursor.primaryKeys("kpi_values", schema="kpi").fetchall()),
    ("SQLForeignKeys", lambda: cursor.foreignKeys(table="kpi_values", schema="kpi").fetchall()),
    ("SQLForeignKeys referencing", lambda: cursor.foreignKeys(foreignTable="kpi_values", foreignSchema="kpi").fetchall()),
    ("SQLStatistics", lambda: cursor.statistics("kpi_values", schema="kpi").fetchall()),
    ("SQLSpecialColumns", lambda: cursor.rowIdColumns("kpi_values", schema="kpi").fetchall()),
    ("SQLGetTypeInfo", lambda: cursor.getTypeInfo().fetchall()),
]
for name, call in calls:
    try:
        print(name, "ok", len(call()))
    except pyodbc.Error as error:
        print(name, "FAILED", str(error).splitlines()[0][:300])
