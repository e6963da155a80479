// Import CSV: upload, confirm how columns map to fields, queue the import.
import React, { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiClient, useNotice } from 'adminjs';
import { Box, Button, H4, Input, Label, Select, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';

const api = new ApiClient();

const ImportCsv = ({ resource, action }) => {
  const addNotice = useNotice();
  const navigate = useNavigate();
  const [file, setFile] = useState(null);
  const [headers, setHeaders] = useState(null);
  const [mapping, setMapping] = useState({});
  const [busy, setBusy] = useState(false);
  const columns = resource.editProperties.map((p) => ({ value: p.propertyPath, label: p.label }));
  const skip = { value: '', label: '— skip —' };

  const send = async (withMapping) => {
    const data = new FormData();
    data.set('file', file);
    if (withMapping) data.set('mapping', JSON.stringify(Object.fromEntries(Object.entries(mapping).filter(([, v]) => v))));
    setBusy(true);
    try {
      const { data: response } = await api.resourceAction({ resourceId: resource.id, actionName: action.name, method: 'post', data });
      if (response.notice) addNotice(response.notice);
      if (response.headers) {
        setHeaders(response.headers);
        setMapping(response.mapping || {});
      }
      if (response.redirectUrl) navigate(response.redirectUrl);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box variant="container" data-testid="import-csv">
      <H4>Import {resource.name} from CSV</H4>
      <Text mb="lg">Rows are matched by e-mail (accounts by domain) and updated, others created. Each row is checked like a form; rows with errors are listed on the import's page.</Text>
      <Label>CSV file</Label>
      <Input type="file" accept=".csv,text/csv" onChange={(e) => { setFile(e.target.files[0]); setHeaders(null); }} />
      {file && !headers && <Button mt="lg" onClick={() => send(false)} disabled={busy}>Read columns</Button>}
      {headers && (
        <Box mt="lg">
          <Table>
            <TableHead><TableRow><TableCell>CSV column</TableCell><TableCell>Field</TableCell></TableRow></TableHead>
            <TableBody>
              {headers.map((h) => (
                <TableRow key={h}>
                  <TableCell>{h}</TableCell>
                  <TableCell style={{ minWidth: 260 }}>
                    <Select
                      value={columns.find((c) => c.value === mapping[h]) || skip}
                      options={[skip, ...columns]}
                      onChange={(o) => setMapping((m) => ({ ...m, [h]: o ? o.value : '' }))}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Button mt="lg" variant="contained" onClick={() => send(true)} disabled={busy} data-testid="import-start">Import</Button>
        </Box>
      )}
    </Box>
  );
};

export default ImportCsv;
