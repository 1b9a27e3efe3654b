import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';

interface SearchBoxProps {
  label: string;
  placeholder: string;
  maxLength: number;
  /** The search in effect (usually from the URL); the box follows it when it changes elsewhere. */
  value: string;
  /** Runs the search: once typing has paused for `pauseMs`, or at once on Enter. */
  onSearch: (text: string) => void;
  pauseMs: number;
}

/**
 * A search field that keeps what is being typed to itself: a keystroke re-renders the box, not the page
 * around it (a long table of results, whose re-render per keystroke used to hold the search back), and
 * the timer for the pause starts at the keystroke rather than after that render.
 */
export function SearchBox({ label, placeholder, maxLength, value, onSearch, pauseMs }: SearchBoxProps) {
  const [text, setText] = useState(value);
  const [searched, setSearched] = useState(value);
  const search = useDebouncedCallback(onSearch, pauseMs);
  if (value !== searched) {
    // The search changed elsewhere (a link, the back button) or caught up with the box; what is still
    // being typed wins over an older search.
    setSearched(value);
    if (!search.isPending()) setText(value);
  }
  return (
    <TextInput
      type="search"
      label={label}
      placeholder={placeholder}
      maxLength={maxLength}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        search(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') search.flush();
      }}
    />
  );
}
