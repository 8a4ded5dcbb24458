/** A small least-recently-used map: rendered lessons are kept for quick re-opening, within a bound. */
export class LruCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max = 48) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }

  get size(): number {
    return this.map.size;
  }
}
