import { useQuery } from '@apollo/client/react';
import { NativeSelect } from '@mantine/core';
import { useEffect } from 'react';

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
  const firstSiteId = sites[0]?.id;
  // A required choice starts on the first site, as the browser shows it.
  useEffect(() => {
    if (allLabel === null && value === null && firstSiteId) onChange(firstSiteId);
  }, [allLabel, value, firstSiteId, onChange]);
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
