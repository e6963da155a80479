// "Set field" on the selected rows: pick a field, give it a value with the field's own editor
// (reference picker, enum select, array), apply. The server checks every row.
import React, { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiClient, BasePropertyComponent, useNotice } from 'adminjs';
import { Box, Button, H4, Label, Select, Text } from '@adminjs/design-system';

const api = new ApiClient();
const SETTABLE_TYPES = new Set(['string', 'reference', 'boolean', 'number', 'float', 'currency', 'date', 'datetime']);

const BulkEdit = (props) => {
  const { resource, records, action } = props;
  const addNotice = useNotice();
  const navigate = useNavigate();
  // The same rule as bulkEditableFields() on the server (src/admin/actions/bulk-edit.ts), which
  // refuses any other field: one value for scalar, reference and array fields only.
  const editable = resource.editProperties.filter((p) => !p.isDisabled && !p.isId
    && (SETTABLE_TYPES.has(p.type) || p.isArray));
  const options = editable.map((p) => ({ value: p.propertyPath, label: p.label }));
  const [field, setField] = useState(options[0]);
  const [params, setParams] = useState({});
  const [saving, setSaving] = useState(false);
  const property = editable.find((p) => p.propertyPath === field?.value);

  const apply = async () => {
    if (!property) return;
    setSaving(true);
    const data = new FormData();
    data.set('field', property.propertyPath);
    const entries = Object.entries(params).filter(([k]) => k === property.propertyPath || k.startsWith(`${property.propertyPath}.`));
    if (entries.length === 0) data.set('value', '');
    for (const [k, v] of entries) data.set(k.replace(property.propertyPath, 'value'), v ?? '');
    try {
      const response = await api.bulkAction({
        resourceId: resource.id, actionName: action.name, method: 'post', data,
        recordIds: records.map((r) => r.id),
      });
      if (response.data.notice) addNotice(response.data.notice);
      if (response.data.redirectUrl) navigate(response.data.redirectUrl);
    } finally {
      setSaving(false);
    }
  };

  const record = { params, errors: {}, populated: {} };
  return (
    <Box variant="container" data-testid="bulk-edit">
      <H4>Set one field on {records.length} selected record{records.length === 1 ? '' : 's'}</H4>
      <Box mb="lg">
        <Label>Field</Label>
        <Select value={field} options={options} onChange={(o) => { setField(o); setParams({}); }} />
      </Box>
      {property ? (
        <BasePropertyComponent
          key={property.propertyPath}
          property={property}
          resource={resource}
          record={record}
          where="edit"
          onChange={(name, value) => {
            if (typeof name === 'object') setParams(name.params);
            else setParams((p) => ({ ...p, [name]: value }));
          }}
        />
      ) : <Text>No field of this resource can be set in bulk.</Text>}
      <Button variant="contained" onClick={apply} disabled={saving || !property} data-testid="bulk-edit-apply">
        {saving ? 'Applying…' : `Apply to ${records.length}`}
      </Button>
    </Box>
  );
};

export default BulkEdit;
