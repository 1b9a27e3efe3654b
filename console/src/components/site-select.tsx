import { useQuery } from '@apollo/client/react';
import { NativeSelect } from '@mantine/core';

import { graphql } from '../graphql/generated/index.ts';

const SiteChoicesDocument = graphql(`
  query SiteChoices {
    sites {
      id
      name
    }
  }
`);

interface SiteSelectProps {
  value: string | null;
  onChange: (siteId: string | null) => void;
  label?: string;
  /** The label of the empty choice; null makes a site required. */
  allLabel?: string | null;
}

/** Chooses one of the installation's sites (they are few: one per brand). */
export function SiteSelect({ value, onChange, label = 'Site', allLabel = 'All sites' }: SiteSelectProps) {
  const { data } = useQuery(SiteChoicesDocument);
  const sites = data?.sites ?? [];
  return (
    <NativeSelect
      label={label}
      value={value ?? ''}
      onChange={(event) => onChange(event.currentTarget.value || null)}
      data={[
        ...(allLabel === null ? [] : [{ value: '', label: allLabel }]),
        ...sites.map((site) => ({ value: site.id, label: site.name })),
      ]}
    />
  );
}
