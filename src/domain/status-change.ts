/** The columns a state change touched, before and after: what the caller writes to audit_logs. */
type Row = Record<string, unknown>;
export interface StatusChange { before: Row; after: Row }
