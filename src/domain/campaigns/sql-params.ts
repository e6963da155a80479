/**
 * Positional bind parameters for SQL assembled from pieces (audience conditions, A/B ranges,
 * send times): each value gets its `$n` and travels to PostgreSQL beside the text, never in it.
 * Run the text with `sequelize.query(sql, { bind: params.values })`.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder (`$3`), with a cast when given (`$3::uuid`). */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}
