import { useEffect, useRef, useState } from 'react';

/**
 * Search as the user types: `search` runs 250 ms after the last keystroke and a newer text
 * cancels the older call; blank text answers null at once (show the suggestions again).
 */
export function useDebouncedSearch<T>(search: (text: string, signal: AbortSignal) => Promise<T>, onResults: (results: T | null) => void) {
  const [searching, setSearching] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);
  useEffect(
    () => () => {
      window.clearTimeout(timer.current);
      controller.current?.abort();
    },
    [],
  );

  const onSearch = (text: string) => {
    window.clearTimeout(timer.current);
    controller.current?.abort();
    const query = text.trim();
    if (!query) {
      onResults(null);
      setSearching(false);
      return;
    }
    setSearching(true);
    timer.current = window.setTimeout(() => {
      const abort = new AbortController();
      controller.current = abort;
      search(query, abort.signal).then(
        (results) => {
          onResults(results);
          setSearching(false);
        },
        () => {
          if (!abort.signal.aborted) setSearching(false);
        },
      );
    }, 250);
  };
  return { searching, onSearch };
}
