import { useSyncExternalStore } from 'react';
import { storage } from './storage.ts';

/** 适老化: the class on <html> that switches the whole site to larger type. */
export const ELDER_CLASS = 'hcp-elder';
const STORAGE_KEY = 'hcp.elder';
const listeners = new Set<() => void>();

const read = () => storage.get(STORAGE_KEY) === '1';

/** Puts the stored choice on <html>; called once before the first render so there is no flash. */
export function applyStoredElderMode(): void {
  document.documentElement.classList.toggle(ELDER_CLASS, read());
}

/** Whether the user ever chose; pages for the public (the rating device) start in large type if not. */
export function hasElderModeChoice(): boolean {
  return storage.get(STORAGE_KEY) !== null;
}

export function setElderMode(on: boolean): void {
  storage.set(STORAGE_KEY, on ? '1' : '0');
  document.documentElement.classList.toggle(ELDER_CLASS, on);
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether the elder-friendly large-type mode is on, re-rendering when it changes. */
export function useElderMode(): boolean {
  return useSyncExternalStore(subscribe, () => document.documentElement.classList.contains(ELDER_CLASS));
}
