/** A growable ring buffer of customer slots: push at either end, take from the front. */
export class Deque {
  private buffer = new Int32Array(64);
  private mask = 63;
  private head = 0;
  size = 0;

  pushBack(slot: number): void {
    if (this.size === this.buffer.length) this.grow();
    this.buffer[(this.head + this.size) & this.mask] = slot;
    this.size++;
  }

  pushFront(slot: number): void {
    if (this.size === this.buffer.length) this.grow();
    this.head = (this.head - 1) & this.mask;
    this.buffer[this.head] = slot;
    this.size++;
  }

  /** The front slot, or −1 when empty. */
  peek(): number {
    return this.size === 0 ? -1 : this.buffer[this.head]!;
  }

  shift(): number {
    const slot = this.buffer[this.head]!;
    this.head = (this.head + 1) & this.mask;
    this.size--;
    return slot;
  }

  private grow(): void {
    const next = new Int32Array(this.buffer.length * 2);
    for (let i = 0; i < this.size; i++) next[i] = this.buffer[(this.head + i) & this.mask]!;
    this.buffer = next;
    this.mask = next.length - 1;
    this.head = 0;
  }
}
