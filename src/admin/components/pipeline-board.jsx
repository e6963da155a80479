// Pages → Pipeline board (src/admin/pages/pipeline-board.ts): one column per stage with its
// count, value and weighted value; each card moves by dragging it to a column or with "Move to".
// Every move is posted to the server, which applies the stage-move rules (required fields, a
// reason for won/lost) and answers with the board as stored now, or with its refusal.
import React, { useEffect, useState } from 'react';
import { ApiClient, useNotice } from 'adminjs';
import { Box, Button, H3, Input, Label, Loader, Text } from '@adminjs/design-system';

const api = new ApiClient();
const PAGE = 'pipelineBoard';
const money = (v, currency) => {
  const n = Number(v ?? 0);
  return currency
    ? n.toLocaleString(undefined, { style: 'currency', currency, maximumFractionDigits: 0 })
    : n.toLocaleString(undefined, { maximumFractionDigits: 0 });
};
const nativeSelect = { width: '100%', padding: '4px', border: '1px solid #C0C0CA', borderRadius: '4px', background: '#fff' };

const Card = ({ deal, columns, canMove, onMove, preset }) => {
  const [target, setTarget] = useState(preset ?? '');
  const [reason, setReason] = useState('');
  const [competitor, setCompetitor] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState(null);
  useEffect(() => { if (preset) setTarget(preset); }, [preset]);
  const stage = columns.find((c) => c.id === target);
  const closing = stage && (stage.is_won || stage.is_lost);
  const submit = async () => {
    setBusy(true);
    setFailure(null);
    const error = await onMove(deal.id, target, closing ? reason : '', stage?.is_lost ? competitor : '');
    setBusy(false);
    if (error) setFailure(error);
  };
  return (
    <Box
      data-testid={`board-card-${deal.id}`}
      draggable={canMove}
      onDragStart={(e) => e.dataTransfer.setData('text/plain', deal.id)}
      style={{ background: '#fff', border: '1px solid #E2E2EA', borderRadius: 6, padding: 8, marginBottom: 8, cursor: canMove ? 'grab' : 'default' }}
    >
      <a href={`/admin/resources/deals/records/${deal.id}/show`} style={{ fontWeight: 600 }}>{deal.title}</a>
      <Text fontSize="sm">{money(deal.value, deal.currency)} · weighted {money(deal.weighted_value, deal.currency)}</Text>
      <Text fontSize="sm" color="grey60">
        {[deal.account_name, deal.owner_name, deal.status !== 'open' ? deal.status : null].filter(Boolean).join(' · ')}
      </Text>
      {canMove && (
        <Box mt="sm">
          <select aria-label="Move to" data-testid="board-move-to" style={nativeSelect} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">Move to…</option>
            {columns.filter((c) => c.id !== deal.stage_id).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
          {closing && (
            <Box mt="sm">
              <Label>{stage.is_won ? 'Won reason' : 'Lost reason'}</Label>
              <Input data-testid="board-reason" width={1} value={reason} onChange={(e) => setReason(e.target.value)} />
              {stage.is_lost && (
                <>
                  <Label>Lost to competitor (optional)</Label>
                  <Input data-testid="board-competitor" width={1} value={competitor} onChange={(e) => setCompetitor(e.target.value)} />
                </>
              )}
            </Box>
          )}
          {target && (
            <Button mt="sm" size="sm" variant="contained" disabled={busy} onClick={submit} data-testid="board-move-submit">
              {busy ? 'Moving…' : 'Move'}
            </Button>
          )}
          {failure && <Text mt="sm" color="error" data-testid="board-error">{failure}</Text>}
        </Box>
      )}
    </Box>
  );
};

const PipelineBoard = () => {
  const addNotice = useNotice();
  const [data, setData] = useState(null);
  const [failure, setFailure] = useState(null);
  const [dropped, setDropped] = useState({});

  const load = (pipelineId) => api.getPage({ pageName: PAGE, params: pipelineId ? { pipelineId } : {} }).then((response) => {
    if (response.data.notice) setFailure(response.data.notice.message);
    setData(response.data.board ? response.data : null);
  });
  useEffect(() => { load(new URLSearchParams(window.location.search).get('pipelineId')); }, []);

  const onMove = async (dealId, stageId, reason, competitor) => {
    const body = new FormData();
    body.set('dealId', dealId);
    body.set('stageId', stageId);
    body.set('reason', reason ?? '');
    body.set('competitor', competitor ?? '');
    body.set('pipelineId', data.board.pipeline.id);
    const response = await api.getPage({ pageName: PAGE, method: 'post', data: body });
    if (response.data.notice) addNotice(response.data.notice);
    if (response.data.board) setData(response.data);
    return response.data.notice?.type === 'error' ? response.data.notice.message : null;
  };

  const onDrop = (stage) => async (e) => {
    e.preventDefault();
    const dealId = e.dataTransfer.getData('text/plain');
    if (!dealId) return;
    // A won or lost stage asks for the reason first: open the card's move form preset to it.
    if (stage.is_won || stage.is_lost) setDropped({ ...dropped, [dealId]: stage.id });
    else await onMove(dealId, stage.id, '', '');
  };

  if (failure && !data) return <Box variant="container"><Text data-testid="board-refused">{failure}</Text></Box>;
  if (!data) return <Loader />;
  const { board, canMove } = data;
  // Deals of a workspace share its currency: an empty column shows its totals in it too.
  const boardCurrency = board.columns.flatMap((c) => c.deals)[0]?.currency;
  return (
    <Box variant="container" data-testid="pipeline-board">
      <Box flex flexDirection="row" alignItems="center" mb="lg">
        <H3 mr="lg" mb="0">Pipeline board</H3>
        <select aria-label="Pipeline" data-testid="board-pipeline" style={{ ...nativeSelect, width: 320 }}
          value={board.pipeline?.id ?? ''}
          onChange={(e) => { window.history.replaceState(null, '', `?pipelineId=${e.target.value}`); load(e.target.value); }}>
          {board.pipelines.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </Box>
      {!board.pipeline ? <Text>No active pipeline.</Text> : (
        <Box flex flexDirection="row" style={{ gap: 12, overflowX: 'auto', alignItems: 'flex-start' }}>
          {board.columns.map((column) => {
            const currency = column.deals[0]?.currency ?? boardCurrency;
            return (
              <Box key={column.id} data-testid={`board-column-${column.id}`} data-stage-name={column.name}
                onDragOver={(e) => canMove && e.preventDefault()} onDrop={onDrop(column)}
                style={{ minWidth: 240, width: 240, background: '#F6F7FB', borderRadius: 8, padding: 8,
                  borderTop: `4px solid ${column.color_code || '#94A3B8'}` }}>
                <Text fontWeight="bold">{column.name} <span style={{ color: '#888' }}>({Number(column.probability)}%)</span></Text>
                <Text fontSize="sm" mb="md" data-testid="board-column-totals">
                  <span data-testid="board-column-count">{column.count}</span> deal{column.count === 1 ? '' : 's'} · {money(column.value, currency)}
                  {' · weighted '}{money(column.weighted_value, currency)}
                </Text>
                {column.required_fields?.length > 0 && (
                  <Text fontSize="xs" color="grey60" mb="sm">Requires: {column.required_fields.join(', ')}</Text>
                )}
                {column.deals.map((deal) => (
                  <Card key={deal.id} deal={{ ...deal, stage_id: column.id }} columns={board.columns} canMove={canMove}
                    onMove={onMove} preset={dropped[deal.id]} />
                ))}
                {column.count > column.deals.length && (
                  <Text fontSize="sm" color="grey60">and {column.count - column.deals.length} more in the deals list</Text>
                )}
              </Box>
            );
          })}
        </Box>
      )}
    </Box>
  );
};

export default PipelineBoard;
