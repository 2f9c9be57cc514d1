/**
 * Panels let one module add a section to another module's page without importing it (modules
 * may only import each other one way): the visits module adds "wait now" and "join the queue"
 * to the network's service point page. A panel that fails is left out and logged; the page stands.
 */
import { createElement, Fragment, type ReactElement } from 'react';
import type { PageContext } from './pages.js';

export type Panel<T> = (subject: T, context: PageContext) => Promise<ReactElement | null>;

export class PanelRegistry {
  private readonly slots = new Map<string, Panel<never>[]>();

  add<T>(slot: string, panel: Panel<T>): void {
    const list = this.slots.get(slot) ?? [];
    list.push(panel as Panel<never>);
    this.slots.set(slot, list);
  }

  async render<T>(slot: string, subject: T, context: PageContext): Promise<ReactElement[]> {
    const panels = (this.slots.get(slot) ?? []) as Panel<T>[];
    const rendered = await Promise.all(
      panels.map((panel) =>
        panel(subject, context).catch((error: unknown) => {
          context.request.log.error({ err: error, slot }, 'a page panel failed');
          return null;
        }),
      ),
    );
    // Keyed, so a page can render the list as it is, however many modules add to the slot.
    return rendered.flatMap((element, i) => (element === null ? [] : [createElement(Fragment, { key: `${slot}:${i}` }, element)]));
  }
}
