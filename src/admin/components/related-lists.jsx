// The related records under a show page (src/admin/resources/related.ts says which). Each
// list comes from the child resource's own list API filtered by the foreign key, so the
// server applies the child's policy and row scope; cells are drawn by AdminJS's own list
// components, so enums, money, dates and references look as they do on the list pages.
import React, { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiClient, BasePropertyComponent, useResource } from 'adminjs';
import {
  Box, H5, Table, TableBody, TableCell, TableHead, TableRow, Text,
} from '@adminjs/design-system';

const api = new ApiClient();
const PER_PAGE = 10;

const RelatedList = ({ list, parentId }) => {
  const resource = useResource(list.resource);
  const [state, setState] = useState({ loading: true });
  const filter = `filters.${list.via}`;
  const mayList = resource && resource.resourceActions.some((a) => a.name === 'list');

  useEffect(() => {
    if (!mayList) return undefined;
    let live = true;
    const params = { [filter]: parentId, perPage: PER_PAGE, ...(list.sort ?? {}) };
    api.resourceAction({ resourceId: list.resource, actionName: 'list', params })
      .then((res) => live && setState({ records: res.data.records, total: res.data.meta.total }))
      .catch(() => live && setState({ error: true }));
    return () => { live = false; };
  }, [list.resource, parentId, mayList]);

  // A table this role may not list is not shown at all (the server would refuse it anyway).
  if (!mayList) return null;
  const columns = list.columns.map((c) => resource.properties[c]).filter(Boolean);
  const viewAll = `${resource.href}?${new URLSearchParams({ [filter]: parentId })}`;

  return (
    <Box mb="xl" data-testid={`related-${list.resource}`}>
      <Box flex justifyContent="space-between" alignItems="baseline">
        <H5>{list.label}{state.total !== undefined ? ` (${state.total})` : ''}</H5>
        {state.total > PER_PAGE ? <Link to={viewAll}>View all</Link> : null}
      </Box>
      {state.loading ? <Text>Loading…</Text> : null}
      {state.error ? <Text color="error">Could not load {list.label.toLowerCase()}.</Text> : null}
      {state.records && state.records.length === 0 ? <Text color="grey60">None yet.</Text> : null}
      {state.records && state.records.length > 0 ? (
        <Table>
          <TableHead>
            <TableRow>
              {columns.map((p) => <TableCell key={p.propertyPath}>{p.label}</TableCell>)}
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {state.records.map((record) => (
              <TableRow key={record.id}>
                {columns.map((p) => (
                  <TableCell key={p.propertyPath}>
                    <BasePropertyComponent property={p} record={record} resource={resource} where="list" />
                  </TableCell>
                ))}
                <TableCell>
                  <Link to={`${resource.href}/records/${record.id}/show`}>Open</Link>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </Box>
  );
};

const RelatedLists = ({ property, record }) => (
  <Box mt="lg">
    {property.custom.lists.map((list) => (
      <RelatedList key={`${list.resource}.${list.via}`} list={list} parentId={record.id} />
    ))}
  </Box>
);

export default RelatedLists;
