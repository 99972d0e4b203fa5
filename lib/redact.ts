// The one redaction used by the server log (lib/log.ts) and the integration event log
// (lib/integrations/record-event.ts). Code should never hand a secret to either; this is the second
// line of defence. Three rules:
// - a field whose name says it holds a secret is replaced (numbers and booleans kept: `usesDpop`);
// - every string is scanned for values that look like secrets (PEM blocks, JWTs, bearer headers,
//   credentials in URLs, password hashes, console API keys, Okta API tokens, sealed blobs, ...);
// - an error becomes a plain description that never carries a failed query's parameters or values:
//   Postgres' code, condition, table, column and constraint, and the SQL statement's verb and tables.

const SECRET_NAME =
  /secret|passw(or)?d|token|private|assertion|authorization|dpop|cookie|sealed|credential|api[-_]?key|signature|key$|hash$/i;
// A JWK's private members, redacted when the object is a JWK (has `kty`).
const JWK_PRIVATE = new Set(["d", "p", "q", "dp", "dq", "qi", "k", "oth"]);
// Properties of errors that carry the statement's values (drizzle: query/params; postgres.js in debug
// mode: parameters/args; Postgres: detail/where/hint can quote row values).
const ERROR_VALUE_PROPS = new Set(["query", "params", "parameters", "args", "detail", "where", "hint", "internalQuery", "body", "cause"]);

export const REDACTED = "[redacted]";

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

const TEXT_RULES: [RegExp, string | ((...m: string[]) => string)][] = [
  // PEM blocks (keys, certificates), also with "\n" escaped or cut short.
  [/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?(?:-----END \1-----|$)/g, (_m, label) => `[redacted ${label.toLowerCase()}]`],
  // JSON Web Tokens (access tokens, client assertions, DPoP proofs, session cookies).
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, "[redacted jwt]"],
  // Authorization schemes followed by their credential.
  [
    /\b(Bearer|DPoP|SSWS|Basic)(\s+)(?:[A-Za-z0-9._~+/-]*[0-9._~+/-][A-Za-z0-9._~+/-]*|[A-Za-z]{16,})=*/gi,
    (_m, scheme, space) => `${scheme}${space}${REDACTED}`,
  ],
  // user:password@ in any URL (postgres://, https://).
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:"']+(?::[^\s/@"']*)?@/gi, (_m, scheme) => `${scheme}${REDACTED}@`],
  // Password hashes: argon2, bcrypt, PBKDF2/crypt-style, SCRAM verifiers.
  [/\$argon2(?:id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+/g, "[redacted hash]"],
  [/\$argon2(?:id|i|d)\$[^\s"']+/g, "[redacted hash]"],
  [/\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}/g, "[redacted hash]"],
  [/\$(?:pbkdf2[-\w]*|scrypt|[56])\$[^\s"',]+/g, "[redacted hash]"],
  [/SCRAM-SHA-256\$\d+:[^\s"',]+/g, "[redacted hash]"],
  // Sealed values (lib/crypto/seal.ts: v1.<kid>.<iv>.<tag>.<ciphertext>).
  [/\bv1\.[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+/g, "[redacted sealed]"],
  // Console API keys and hook secrets (osc_..., osc_hook_...).
  [/\bosc_[A-Za-z0-9_-]{16,}/g, "[redacted key]"],
  // Okta SSWS API tokens: "00" and 40 more characters.
  [/\b00[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])/g, "[redacted token]"],
  // SHA-256 (or longer) digests in hex: API key hashes, hook secret hashes.
  [/\b[a-fA-F0-9]{64,}\b/g, "[redacted hash]"],
  // A JWK's private members inside JSON text.
  [/("(?:d|p|q|dp|dq|qi|k)"\s*:\s*")[^"]+(")/g, (_m, a, b) => `${a}${REDACTED}${b}`],
  // name=value and "name": "value" where the name says secret (query strings, JSON, headers).
  [
    /\b([\w-]*(?:secret|passw(?:or)?d|token|assertion|api[_-]?key|private[_-]?key|cookie|authorization)[\w-]*)(["']?\s*[:=]\s*["']?)(?!\[redacted)[^\s"'&,;}]+/gi,
    (_m, name, sep) => `${name}${sep}${REDACTED}`,
  ],
];

/** A string with every secret-looking value replaced. */
export function redactText(text: string): string {
  let out = text;
  for (const [re, by] of TEXT_RULES) out = out.replace(re, by as never);
  return out;
}

/**
 * A copy safe to write anywhere: secret-named fields replaced, strings scanned, errors described
 * (`describeError`), cycles and depth bounded.
 */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return typeof value === "function" || typeof value === "symbol" ? undefined : value;
  if (depth > 6) return "[depth]";
  if (seen.has(value)) return "[cycle]";
  seen.add(value);
  if (value instanceof Error) return describeError(value, 0, seen);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (value instanceof URL) return redactText(value.toString());
  if (value instanceof Map) return redact(Object.fromEntries(value), depth + 1, seen);
  if (value instanceof Set) return redact([...value], depth + 1, seen);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
  const isJwk = "kty" in value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if ((isJwk && JWK_PRIVATE.has(k)) || (isSecretName(k) && v != null && typeof v !== "number" && typeof v !== "boolean"))
      out[k] = REDACTED;
    else out[k] = redact(v, depth + 1, seen);
  }
  return out;
}

// SQLSTATE conditions worth naming in a log line (https://www.postgresql.org/docs/current/errcodes-appendix.html).
const PG_CONDITIONS: Record<string, string> = {
  "08000": "connection_exception",
  "08003": "connection_does_not_exist",
  "08006": "connection_failure",
  "22001": "string_data_right_truncation",
  "22003": "numeric_value_out_of_range",
  "22007": "invalid_datetime_format",
  "22008": "datetime_field_overflow",
  "22021": "character_not_in_repertoire",
  "22P02": "invalid_text_representation",
  "22P05": "untranslatable_character",
  "23502": "not_null_violation",
  "23503": "foreign_key_violation",
  "23505": "unique_violation",
  "23514": "check_violation",
  "23P01": "exclusion_violation",
  "25P02": "in_failed_sql_transaction",
  "25P03": "idle_in_transaction_session_timeout",
  "28P01": "invalid_password",
  "3D000": "invalid_catalog_name",
  "40001": "serialization_failure",
  "40P01": "deadlock_detected",
  "42501": "insufficient_privilege",
  "42601": "syntax_error",
  "42703": "undefined_column",
  "42P01": "undefined_table",
  "53300": "too_many_connections",
  "55P03": "lock_not_available",
  "57014": "query_canceled",
  "57P01": "admin_shutdown",
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$.]{0,62}$/;

type ErrorLike = Error & Record<string, unknown>;

const isPostgresError = (e: ErrorLike) =>
  e.name === "PostgresError" || (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === "string");

// drizzle's DrizzleQueryError: "Failed query: <sql>\nparams: <every bind value>".
const isFailedQuery = (e: ErrorLike) => typeof e.query === "string" && "params" in e;

/** "insert into users", "select from okta_users, okta_groups": the statement's verb and tables, never its values. */
export function summarizeSql(query: string): string {
  const verb = /^\s*(\w+)/.exec(query)?.[1]?.toLowerCase() ?? "statement";
  const tables = new Set<string>();
  for (const m of query.matchAll(
    /\b(?:from|into|update|join|table)\s+(?:only\s+)?(?!(?:set|select|lateral)\b)"?([A-Za-z_][A-Za-z0-9_]*)"?(?:\."?([A-Za-z_][A-Za-z0-9_]*)"?)?/gi,
  )) {
    tables.add(m[2] ?? m[1]);
    if (tables.size >= 4) break;
  }
  return tables.size ? `${verb} ${[...tables].join(", ")}` : verb;
}

// Postgres quotes identifiers and values alike; keep what names the schema, replace what may be data.
function pgMessage(message: string, code: string, known: Set<string>): string {
  const dataError = code.startsWith("22");
  const cleaned = message.replace(/"([^"]*)"/g, (m, inner: string) =>
    !dataError && (known.has(inner) || IDENTIFIER.test(inner)) ? m : '"[value]"',
  );
  return redactText(cleaned);
}

function describePostgres(e: ErrorLike) {
  const str = (k: string) => (typeof e[k] === "string" && e[k] ? (e[k] as string) : undefined);
  const code = str("code") ?? "";
  const names = {
    schema: str("schema_name"),
    table: str("table_name"),
    column: str("column_name"),
    dataType: str("data_type_name"),
    constraint: str("constraint_name"),
  };
  const known = new Set(Object.values(names).filter((v): v is string => !!v));
  // "Key (workspace_id, name)=(…, …) already exists.": the column names only.
  const keyColumns = /^Key \((.*?)\)=\(/.exec(str("detail") ?? "")?.[1];
  const out: Record<string, unknown> = {
    name: "PostgresError",
    code,
    condition: PG_CONDITIONS[code],
    severity: str("severity"),
    ...names,
    keyColumns,
    routine: str("routine"),
    message: pgMessage(e.message, code, known),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/**
 * An error as plain data safe to log: name, message (scanned), codes, a few stack frames and its
 * causes. A failed query keeps only its statement's verb and tables; a Postgres error its code,
 * condition, table, column, constraint and key columns, never the row's values or the parameters.
 */
export function describeError(e: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (!(e instanceof Error)) return redact(e, depth + 1, seen);
  seen.add(e);
  const err = e as ErrorLike;
  let out: Record<string, unknown>;
  if (isPostgresError(err)) out = describePostgres(err);
  else if (isFailedQuery(err)) out = { name: "QueryError", message: "Failed query", query: summarizeSql(err.query as string) };
  else {
    out = { name: err.name, message: redactText(err.message) };
    for (const [k, v] of Object.entries(err)) {
      if (ERROR_VALUE_PROPS.has(k) || k === "name" || k === "message" || k === "stack") continue;
      if (typeof v === "number" || typeof v === "boolean") out[k] = v;
      else if (typeof v === "string") out[k] = isSecretName(k) ? REDACTED : redactText(v.slice(0, 500));
    }
  }
  const frames = (err.stack ?? "")
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 6);
  if (frames.length) out.stack = redactText(frames.map((l) => l.trim()).join("\n"));
  if (depth < 3) {
    if (err.cause !== undefined && !(typeof err.cause === "object" && err.cause !== null && seen.has(err.cause)))
      out.cause = describeError(err.cause, depth + 1, seen);
    if (e instanceof AggregateError) out.errors = e.errors.slice(0, 3).map((x) => describeError(x, depth + 1, seen));
  }
  return out;
}
