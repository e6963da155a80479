// The form of the S0/S1 daily-flow actions (src/admin/actions/flow-action.ts): the fields the
// action declares, prefilled from what the server sends on the opening GET (which changes
// nothing); a field marked `suggest` asks the server for suggestions as the user types. The
// POST's answer is shown as a notice; a refusal keeps the form as it was typed.
import React, { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiClient, useNotice } from 'adminjs';
import { Box, Button, FormGroup, H4, Input, Label, Loader, Select, Text, TextArea } from '@adminjs/design-system';

const api = new ApiClient();

const call = ({ resource, record, action }, extra) => (record
  ? api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, ...extra })
  : api.resourceAction({ resourceId: resource.id, actionName: action.name, ...extra }));

const FlowForm = (props) => {
  const { record, action } = props;
  const addNotice = useNotice();
  const navigate = useNavigate();
  const fields = action.custom?.fields ?? [];
  const [values, setValues] = useState(null);
  const [suggestions, setSuggestions] = useState({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call(props, {}).then((res) => setValues({ ...(res.data.defaults ?? {}) }));
  }, [action.name, record?.id]);

  const set = (name, value) => {
    setValues((v) => ({ ...v, [name]: value }));
    const field = fields.find((f) => f.name === name);
    if (field?.suggest && value && value.length >= 2) {
      call(props, { params: { suggest: name, q: value } })
        .then((res) => setSuggestions((s) => ({ ...s, [name]: res.data.suggestions ?? [] })));
    }
  };

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    const data = new FormData();
    for (const f of fields) data.set(f.name, values[f.name] ?? '');
    try {
      const res = await call(props, { method: 'post', data });
      if (res.data.notice) addNotice(res.data.notice);
      if (res.data.redirectUrl && res.data.notice?.type === 'success') navigate(res.data.redirectUrl);
    } finally {
      setBusy(false);
    }
  };

  if (!values) return <Loader />;
  const missing = fields.some((f) => f.required && !String(values[f.name] ?? '').trim());
  return (
    <Box variant="container" as="form" onSubmit={submit} data-testid={`flow-${action.name}`}>
      {record ? <H4>{record.title}</H4> : null}
      <Text mb="lg">{action.custom?.intro}</Text>
      {fields.map((f) => (
        <FormGroup key={f.name} data-testid={`field-${f.name}`}>
          <Label required={!!f.required}>{f.label}</Label>
          {f.type === 'textarea' ? (
            <TextArea width="100%" rows={4} name={f.name} value={values[f.name] ?? ''} onChange={(e) => set(f.name, e.target.value)} />
          ) : f.type === 'select' ? (
            <Select
              isClearable
              value={values[f.name] ? { value: values[f.name], label: values[f.name] } : null}
              options={(f.options ?? []).map((o) => ({ value: o, label: o }))}
              onChange={(o) => set(f.name, o ? o.value : '')}
            />
          ) : (
            <>
              <Input
                width="100%"
                name={f.name}
                type={f.type === 'date' ? 'date' : f.type === 'url' ? 'url' : 'text'}
                list={f.suggest ? `suggest-${f.name}` : undefined}
                autoComplete="off"
                value={values[f.name] ?? ''}
                onChange={(e) => set(f.name, e.target.value)}
              />
              {f.suggest ? (
                <datalist id={`suggest-${f.name}`}>
                  {(suggestions[f.name] ?? []).map((s) => <option key={s} value={s} />)}
                </datalist>
              ) : null}
              {f.suggest && (suggestions[f.name] ?? []).length > 0 ? (
                <Box mt="sm" data-testid={`suggestions-${f.name}`}>
                  {(suggestions[f.name] ?? []).slice(0, 5).map((s) => (
                    <Button key={s} type="button" size="sm" variant="text" mr="sm" onClick={() => setValues((v) => ({ ...v, [f.name]: s }))}>
                      {s}
                    </Button>
                  ))}
                </Box>
              ) : null}
            </>
          )}
          {f.help ? <Text variant="sm" color="grey60">{f.help}</Text> : null}
        </FormGroup>
      ))}
      <Button variant="contained" type="submit" disabled={busy || missing} data-testid="flow-submit">
        {busy ? 'Working…' : action.custom?.submit ?? action.label}
      </Button>
    </Box>
  );
};

export default FlowForm;
