// The post of a record action's own form (state changes, Mark won, Send test email …): sends the
// fields, shows the server's notice and follows its redirect; `busy` while it runs. Imported by
// the components of this folder (AdminJS's bundler follows relative imports).
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiClient, useNotice } from 'adminjs';

const api = new ApiClient();

export function useRecordAction({ resource, record, action }) {
  const addNotice = useNotice();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  /** Posts `fields` (name → value); resolves with the server's answer. */
  const submit = async (fields = {}) => {
    setBusy(true);
    try {
      const data = new FormData();
      for (const [name, value] of Object.entries(fields)) if (value !== undefined) data.set(name, value);
      const response = await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data });
      if (response.data.notice) addNotice(response.data.notice);
      if (response.data.redirectUrl) navigate(response.data.redirectUrl);
      return response.data;
    } finally {
      setBusy(false);
    }
  };
  return { busy, submit };
}
