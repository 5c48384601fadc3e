// Points in time as the contracts answer them: cosmwasm-std `Timestamp`s, nanoseconds since
// the Unix epoch as a decimal JSON string (SPEC 4).

/** A `Timestamp` (nanoseconds as a decimal string) as a `Date` (millisecond precision). */
export function timestampToDate(nanos: string): Date {
  if (!/^\d+$/.test(nanos)) throw new Error(`not a Timestamp (nanoseconds as a decimal string): ${JSON.stringify(nanos)}`);
  return new Date(Number(BigInt(nanos) / 1_000_000n));
}

/** A `Date` as a `Timestamp` string. */
export function dateToTimestamp(date: Date): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`no Timestamp for ${String(date)}`);
  return (BigInt(ms) * 1_000_000n).toString();
}

/** A `Timestamp` or nothing, as a `Date` or `null`. */
export function optionalDate(nanos: string | null | undefined): Date | null {
  return nanos == null ? null : timestampToDate(nanos);
}
