/** Per-build memo for views that several pages or endpoints need (the data never changes during a build). */
const cache = new Map<string, unknown>();

export function memo<T>(key: string, compute: () => T): T {
  if (!cache.has(key)) cache.set(key, compute());
  return cache.get(key) as T;
}
