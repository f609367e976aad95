# pgcli (Debian's pgcli package, its own PGExecute and pgspecial) against the gateway, without a terminal: the
# completion refresher's metadata queries and the backslash commands a user types. Prints one line per check,
# "name ok N" or "name FAILED error". Usage: python3 pgcli_clients.py PORT USER PASSWORD
import sys

from pgcli.pgexecute import PGExecute
from pgspecial.main import PGSpecial

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
executor = PGExecute("nyckeltal", user, password, "127.0.0.1", port, "")
checks = [
    ("schemata", lambda: list(executor.schemata())),
    ("tables", lambda: list(executor.tables())),
    ("views", lambda: list(executor.views())),
    ("table_columns", lambda: list(executor.table_columns())),
    ("view_columns", lambda: list(executor.view_columns())),
    ("functions", lambda: list(executor.functions())),
    ("datatypes", lambda: list(executor.datatypes())),
    ("databases", lambda: list(executor.databases())),
    ("foreignkeys", lambda: list(executor.foreignkeys())),
    ("search_path", lambda: list(executor.search_path())),
]
special = PGSpecial()
for command in ["\\dt kpi.*", "\\df", "\\dv kpi.*", "\\dn", "\\d kpi.kpi_values", "\\l"]:
    checks.append((command, lambda command=command: [
        row for _, rows, _, _, *_ in executor.run(command, pgspecial=special) for row in (rows or [])]))
for name, check in checks:
    try:
        print(name, "ok", len(check()))
    except Exception as error:  # the test prints what failed
        print(name, "FAILED", type(error).__name__, str(error).splitlines()[0])
