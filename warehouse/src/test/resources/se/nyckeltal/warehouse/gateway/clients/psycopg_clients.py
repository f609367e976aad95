"""psycopg2 and psycopg 3 against the gateway, the way analysts use them: COPY to a buffer, named
(server-side) cursors to stream a result, nested transactions (savepoints). Prints name=value lines
that GatewayPythonClientsTest compares. Usage: psycopg_clients.py PORT USER PASSWORD"""
import io
import sys

port, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
dsn = f"host=127.0.0.1 port={port} dbname=nyckeltal user={user} password={password} sslmode=disable"
REVENUE = ("SELECT org_id, value FROM kpi.kpi_values WHERE kpi_id = 'revenue' AND period = 202602"
           " AND time_window = 'month' AND org_level = 'total'")


def psycopg2_checks():
    import psycopg2
    conn = psycopg2.connect(dsn)
    cur = conn.cursor()
    buf = io.StringIO()
    cur.copy_expert(f"COPY ({REVENUE}) TO STDOUT WITH (FORMAT csv, HEADER)", buf)
    print("psycopg2.copy_expert=" + repr(buf.getvalue()))
    named = conn.cursor(name="big")
    named.itersize = 2
    named.execute("SELECT n FROM range(5) r(n) ORDER BY n")
    print("psycopg2.named=" + ",".join(str(row[0]) for row in named))
    named.close()
    conn.rollback()
    held = conn.cursor(name="held", withhold=True)
    held.execute("SELECT n FROM range(3) r(n) ORDER BY n")
    conn.commit()
    print("psycopg2.withhold=" + ",".join(str(row[0]) for row in held.fetchall()))
    held.close()
    conn.close()


def psycopg3_checks():
    import psycopg
    with psycopg.connect(dsn) as conn:
        with conn.cursor() as cur:
            with cur.copy("COPY (SELECT n, n * 2 AS twice FROM range(3) r(n) ORDER BY n) TO STDOUT") as copy:
                rows = [tuple(row) for row in copy.rows()]
            print("psycopg.copy=" + repr(rows))
            with cur.copy(f"COPY ({REVENUE}) TO STDOUT (FORMAT csv)") as copy:
                print("psycopg.copy_csv=" + repr(b"".join(bytes(block) for block in copy)))
        with conn.cursor(name="stream") as cur:
            cur.itersize = 2
            cur.execute("SELECT n FROM range(5) r(n) ORDER BY n")
            print("psycopg.named=" + ",".join(str(row[0]) for row in cur))
        conn.rollback()
        conn.autocommit = True
        with conn.transaction():
            with conn.transaction():
                conn.execute("SELECT 1")
            try:
                with conn.transaction():
                    conn.execute("SELECT * FROM nope")
            except psycopg.Error as e:
                print("psycopg.inner_error=" + type(e).__name__)
            print("psycopg.after_savepoint=" + str(conn.execute("SELECT 40 + 2").fetchone()[0]))
        # Python lists are sent as untyped text arrays ('{revenue}', type 0): the gateway types them from the column
        lists = conn.execute("SELECT value FROM kpi.kpi_values WHERE kpi_id = ANY(%s) AND period = ANY(%s)"
                             " AND time_window = 'month' AND org_level = 'total'", [["revenue", "nope"], [202602]])
        print("psycopg.lists=" + ",".join(str(row[0]) for row in lists))
        print("psycopg.text_list=" + str(conn.execute("SELECT 'b' = ANY(%s)", [["a", "b"]]).fetchone()[0]))


psycopg2_checks()
psycopg3_checks()
