// Export CSV: downloads the list as it is filtered (the filters ride along in the query string).
import React from 'react';
import { useLocation } from 'react-router';
import { Box, Button, H4, Text } from '@adminjs/design-system';

const ExportCsv = ({ resource }) => {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const filters = [...params.keys()].filter((k) => k.startsWith('filters.'));
  const href = `/admin/export/${encodeURIComponent(resource.id)}?${params.toString()}`;
  return (
    <Box variant="container">
      <H4>Export {resource.name} as CSV</H4>
      <Text mb="lg">
        {filters.length ? `Rows matching ${filters.map((f) => f.replace('filters.', '')).join(', ')}` : 'All rows you can see'}
        {' '}are exported (secret columns never are).
      </Text>
      <Button as="a" href={href} variant="contained" data-testid="export-download">Download CSV</Button>
    </Box>
  );
};

export default ExportCsv;
