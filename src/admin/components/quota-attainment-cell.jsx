// Sales quotas list: the revenue target with how much of it is won so far (the figures come from
// src/admin/actions/quota-attainment.ts; the show page has them all).
import React from 'react';

const QuotaAttainmentCell = ({ property, record }) => {
  const target = record.params[property.path];
  let pct = null;
  try {
    pct = JSON.parse(record.params.attainment).revenuePct;
  } catch {
    pct = null;
  }
  const amount = target === null || target === undefined || target === '' ? '—' : Number(target).toLocaleString(undefined, { maximumFractionDigits: 0 });
  return (
    <span data-testid="attainment-cell">
      {amount}{pct === null || pct === undefined ? '' : ` · ${pct}% won`}
    </span>
  );
};

export default QuotaAttainmentCell;
