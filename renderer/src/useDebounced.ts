import { useEffect, useState } from 'react';

/** The value once it has stopped changing for `ms`: a search box filters as the clerk types, without a call per key. */
export function useDebounced<T>(value: T, ms = 200): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
