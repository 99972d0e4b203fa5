// A full logical dump of every table's rows (all schemas but the system ones), as text. Used to
// prove that no secret is stored in clear anywhere. SQL-only, so it works whatever the server
// version (the system pg_dump 15 refuses the embedded Postgres 18).
import postgres from "postgres";

export async function dumpDatabase(url = process.env.DATABASE_URL!): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const tables = await sql<{ schema: string; name: string }[]>`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`;
    const parts: string[] = [];
    for (const t of tables) {
      const rows = await sql.unsafe(`select t::text as row from "${t.schema}"."${t.name}" t`);
      parts.push(`-- ${t.schema}.${t.name}`, ...rows.map((r) => String(r.row)));
    }
    return parts.join("\n");
  } finally {
    await sql.end();
  }
}
