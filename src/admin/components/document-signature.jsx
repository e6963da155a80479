// Documents → Send for signature, and document signatures → Record signature
// (src/admin/actions/document-signature.ts): a short form, then a post. The server sets the
// statuses and timestamps, or refuses with a message and changes nothing.
import React, { useState } from 'react';
import { Box, Button, FormGroup, H4, Input, Label, Text, TextArea } from '@adminjs/design-system';
import { useRecordAction } from './use-record-action.js';

const FIELDS = {
  send: [{ name: 'expiresInDays', label: 'The signing link expires in (days, optional)', inputMode: 'numeric' }],
  sign: [
    { name: 'ipAddress', label: 'Signer\'s IP address (optional)' },
    { name: 'userAgent', label: 'Signer\'s browser (optional)' },
    { name: 'signatureData', label: 'Signature data or provider reference (optional)', area: true },
  ],
};

const DocumentSignature = ({ resource, record, action }) => {
  const { busy, submit: post } = useRecordAction({ resource, record, action });
  const kind = action.custom?.kind ?? 'send';
  const [values, setValues] = useState({});
  const submit = (event) => {
    event.preventDefault();
    post(Object.fromEntries(FIELDS[kind].map((field) => [field.name, values[field.name] ?? ''])));
  };
  const set = (name) => (e) => setValues({ ...values, [name]: e.target.value });
  return (
    <Box variant="container" data-testid="document-signature">
      <H4>{record.title}</H4>
      <Text mb="lg">
        {kind === 'send'
          ? 'The document goes to its signers: its status becomes sent, with the time it was sent.'
          : 'Records that this signer signed now; the last signature makes the document signed.'}
      </Text>
      <form onSubmit={submit}>
        {FIELDS[kind].map((field) => (
          <FormGroup key={field.name}>
            <Label htmlFor={field.name}>{field.label}</Label>
            {field.area
              ? <TextArea id={field.name} width={1} rows={3} value={values[field.name] ?? ''} onChange={set(field.name)} />
              : <Input id={field.name} width={1} inputMode={field.inputMode} value={values[field.name] ?? ''} onChange={set(field.name)} />}
          </FormGroup>
        ))}
        <Button variant="contained" type="submit" disabled={busy} data-testid="document-signature-submit">
          {busy ? 'Saving…' : action.label}
        </Button>
      </form>
    </Box>
  );
};

export default DocumentSignature;
