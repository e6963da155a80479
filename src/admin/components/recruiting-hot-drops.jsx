// Pages → "Hot Drops" (src/admin/pages/hot-drops.ts): external postings that have not expired.
import React, { useEffect, useState } from 'react';
import { ApiClient } from 'adminjs';
import { Box, H2, Link, Loader, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';

const api = new ApiClient();

const HotDrops = () => {
  const [data, setData] = useState(null);
  useEffect(() => { api.getPage({ pageName: 'hotDrops' }).then((res) => setData(res.data)); }, []);
  if (!data) return <Loader />;
  if (data.error) return <Box variant="container" data-testid="hot-drops"><Text>{data.error}</Text></Box>;
  return (
    <Box variant="container" data-testid="hot-drops">
      <H2>Hot drops</H2>
      {data.drops.length === 0 ? <Text>No fresh postings right now.</Text> : (
        <Table>
          <TableHead>
            <TableRow>
              <TableCell>Title</TableCell><TableCell>Company</TableCell><TableCell>Location</TableCell><TableCell>Type</TableCell>
              <TableCell>Salary</TableCell><TableCell>Posted</TableCell><TableCell>Expires</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.drops.map((d) => (
              <TableRow key={d.id} data-testid={`hot-drop-${d.id}`}>
                <TableCell><Link href={d.original_url} target="_blank" rel="noopener noreferrer">{d.title}</Link></TableCell>
                <TableCell>{d.company_name ?? ''}</TableCell>
                <TableCell>{d.location ?? ''}</TableCell>
                <TableCell>{d.job_type ?? ''}</TableCell>
                <TableCell>{d.salary_text ?? ''}</TableCell>
                <TableCell>{d.posted_date ?? ''}</TableCell>
                <TableCell>{new Date(d.expires_at).toLocaleString()}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
};

export default HotDrops;
