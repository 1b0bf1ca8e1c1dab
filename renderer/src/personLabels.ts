import { useEffect, useSyncExternalStore } from 'react';
import type { Person } from '../../shared/domain/schemas';
import { call, onWrite } from './api';

/*
 * The names behind the people ids a form shows. Every 责任人 field once
 * downloaded the whole roster (2,000 people, 591 KB) for itself, again after
 * every save: 19 downloads to open one topic. Now the ids on screen are
 * fetched once, together, and kept until a person is changed.
 */

const known = new Map<string, Person>();
const wanted = new Set<string>();
let version = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

function changed() {
  version += 1;
  listeners.forEach((l) => l());
}

/** People seen in a search answer: their names are known without another call. */
export function rememberPeople(people: readonly Person[]): void {
  for (const p of people) known.set(p.id, p);
  changed();
}

onWrite((method) => {
  if (!method.startsWith('person.')) return;
  known.clear();
  changed();
});

async function fetchWanted() {
  timer = null;
  const ids = [...wanted].filter((id) => !known.has(id));
  wanted.clear();
  for (let i = 0; i < ids.length; i += 500) {
    const people = await call('person.list', { ids: ids.slice(i, i + 500) });
    if (people) rememberPeople(people);
  }
}

/** The people with these ids, as far as known; the unknown ones are fetched, with every other field's, in one call. */
export function usePeople(ids: readonly string[]): Map<string, Person> {
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => version,
  );
  const missing = ids.filter((id) => !known.has(id));
  useEffect(() => {
    if (!missing.length) return;
    for (const id of missing) wanted.add(id);
    timer ??= setTimeout(() => void fetchWanted(), 0);
  }, [missing.join(',')]); // the ids, not the array: a new array each render must not fetch again
  return known;
}
