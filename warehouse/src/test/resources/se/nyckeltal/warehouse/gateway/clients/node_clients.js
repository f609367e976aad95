// node-postgres and pg-copy-streams against the gateway: a parameterised query and COPY TO STDOUT.
// Prints name=value lines that GatewayNodeClientsTest compares. Usage: node node_clients.js PORT USER PASSWORD
const { Client } = require('pg');
const { to: copyTo } = require('pg-copy-streams');

async function main() {
  const [port, user, password] = process.argv.slice(2);
  const client = new Client({ host: '127.0.0.1', port: Number(port), user, password, database: 'nyckeltal' });
  await client.connect();
  const revenue = await client.query("SELECT value FROM kpi.kpi_values WHERE kpi_id = $1 AND period = $2"
    + " AND time_window = 'month' AND org_level = 'total'", ['revenue', 202602]);
  console.log('pg.param=' + revenue.rows[0].value);
  // JS arrays are sent as untyped text arrays ('{revenue,nope}', type 0): the gateway types them from the column
  const arrays = await client.query("SELECT value FROM kpi.kpi_values WHERE kpi_id = ANY($1) AND period = ANY($2)"
    + " AND time_window = 'month' AND org_level = 'total'", [['revenue', 'nope'], [202602]]);
  console.log('pg.arrays=' + arrays.rows.map((row) => row.value).join(','));
  const stream = client.query(copyTo('COPY (SELECT n, \'a,b\' AS t FROM range(3) r(n) ORDER BY n) TO STDOUT WITH (FORMAT csv, HEADER)'));
  let data = '';
  for await (const chunk of stream) {
    data += chunk.toString('utf8');
  }
  console.log('pg-copy-streams=' + JSON.stringify(data));
  await client.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
