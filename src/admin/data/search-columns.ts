/**
 * The text columns a table's search box looks in when its title is made of several columns
 * (a person's first and last name). Each has a pg_trgm index (migration
 * ...-create-panel-search-indexes), so `ILIKE '%x%'` stays fast on a million rows.
 */
export const SEARCH_COLUMNS: Record<string, string[]> = {
  contacts: ['first_name', 'last_name', 'email', 'company_name'],
  leads: ['first_name', 'last_name', 'email', 'company_name'],
  users: ['first_name', 'last_name', 'email'],
};
