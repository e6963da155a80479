// Leads → Convert lead (src/admin/actions/convert-lead.ts): pick the pipeline the deal starts in,
// check the deal's title and the conversion value, choose whether an opportunity is opened, and
// convert. The server does it all in one transaction or refuses with a message and writes nothing.
import React, { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiClient, useNotice } from 'adminjs';
import { Box, Button, CheckBox, FormGroup, H4, Input, Label, Loader, Text } from '@adminjs/design-system';

const api = new ApiClient();
const nativeSelect = { width: '100%', padding: '8px', border: '1px solid #C0C0CA', borderRadius: '4px', background: '#fff' };

const ConvertLead = ({ resource, record, action }) => {
  const addNotice = useNotice();
  const navigate = useNavigate();
  const [choices, setChoices] = useState(null);
  const [pipelineId, setPipelineId] = useState('');
  const [dealTitle, setDealTitle] = useState('');
  const [conversionValue, setConversionValue] = useState('');
  const [createOpportunity, setCreateOpportunity] = useState(true);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name }).then((response) => {
      const pipelines = response.data.pipelines || [];
      setChoices(pipelines);
      if (pipelines[0]) setPipelineId(pipelines[0].id);
      setDealTitle(response.data.defaults?.dealTitle ?? '');
      setConversionValue(response.data.defaults?.conversionValue ?? '');
    });
  }, [resource.id, record.id, action.name]);

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const data = new FormData();
      data.set('pipelineId', pipelineId);
      data.set('dealTitle', dealTitle);
      data.set('conversionValue', conversionValue);
      data.set('createOpportunity', String(createOpportunity));
      const response = await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data });
      if (response.data.notice) addNotice(response.data.notice);
      if (response.data.redirectUrl) navigate(response.data.redirectUrl);
    } finally {
      setBusy(false);
    }
  };

  if (!choices) return <Loader />;
  return (
    <Box variant="container" data-testid="convert-lead">
      <H4>Convert {record.title || 'this lead'}</H4>
      <Text mb="lg">
        Creates the contact and account (or links the existing ones with the same e-mail or company name), an opportunity
        and a deal in the first stage of the pipeline, and marks the lead converted with its conversion value.
      </Text>
      {choices.length === 0 ? (
        <Text data-testid="convert-lead-unavailable">No active pipeline with an open stage: add one first.</Text>
      ) : (
        <form onSubmit={submit}>
          <FormGroup>
            <Label htmlFor="pipelineId" required>Pipeline</Label>
            <select id="pipelineId" data-testid="convert-lead-pipeline" style={nativeSelect} value={pipelineId}
              onChange={(e) => setPipelineId(e.target.value)}>
              {choices.map((p) => (
                <option key={p.id} value={p.id}>{p.name} (starts in {p.first_stage})</option>
              ))}
            </select>
          </FormGroup>
          <FormGroup>
            <Label htmlFor="dealTitle">Deal title</Label>
            <Input id="dealTitle" width={1} value={dealTitle} onChange={(e) => setDealTitle(e.target.value)} />
          </FormGroup>
          <FormGroup>
            <Label htmlFor="conversionValue">Conversion value (the deal's value)</Label>
            <Input id="conversionValue" width={1} inputMode="decimal" value={conversionValue}
              onChange={(e) => setConversionValue(e.target.value)} />
          </FormGroup>
          <FormGroup>
            <CheckBox id="createOpportunity" checked={createOpportunity} onChange={() => setCreateOpportunity(!createOpportunity)} />
            <Label inline htmlFor="createOpportunity" ml="default">Open an opportunity too</Label>
          </FormGroup>
          <Button variant="contained" type="submit" disabled={busy || !pipelineId} data-testid="convert-lead-submit">
            {busy ? 'Converting…' : 'Convert lead'}
          </Button>
        </form>
      )}
    </Box>
  );
};

export default ConvertLead;
