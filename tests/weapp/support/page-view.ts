/**
 * What a person sees of a rendered page and what they can do to it, read from the exparser
 * tree (WeChat's component tree, custom components' shadow trees included): the text shown,
 * elements by id, taps and typing delivered as WeChat delivers them (an exparser event that
 * the template's `bindtap` / `bindinput` hands to Taro).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exparser = require('miniprogram-exparser');

type Node = any;

function children(node: Node): Node[] {
  const out: Node[] = [];
  if (node instanceof exparser.Component && node.shadowRoot instanceof exparser.Element)
    out.push(node.shadowRoot);
  for (const c of node.childNodes ?? []) out.push(c);
  return out;
}

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const c of children(node)) walk(c, visit);
}

function textOf(node: Node): string {
  let text = '';
  walk(node, (n) => {
    if (n instanceof exparser.TextNode) text += n.textContent;
  });
  return text;
}

/**
 * The classes of an element as its template wrote them: exparser stores them with the owning
 * component's prefix ('main--org-option'), virtual nodes have none.
 */
function classesOf(node: Node): string[] {
  if (!node.classList) return [];
  const prefix = node.ownerShadowRoot?.__wxHost?.__componentOptions?.classPrefix;
  return String(node.class ?? '')
    .split(/\s+/)
    .map((c) => (prefix && c.startsWith(`${prefix}--`) ? c.slice(prefix.length + 2) : c));
}

/** Whitespace collapsed, so assertions read like the screen. */
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

export class PageView {
  constructor(
    protected readonly root: any,
    private readonly settle: () => Promise<void>,
  ) {}

  private get tree(): Node {
    return this.root._exparserNode;
  }

  /** All text the page shows, whitespace collapsed. */
  text(): string {
    return squash(textOf(this.tree));
  }

  /** The element with this id (Taro gives a React `id` to the rendered element), or null. */
  byId(id: string): Node | null {
    let found: Node | null = null;
    walk(this.tree, (n) => {
      if (!found && n instanceof exparser.Element && n.id === id) found = n;
    });
    return found;
  }

  has(id: string): boolean {
    return this.byId(id) !== null;
  }

  /** Text shown inside the element with this id. */
  textOf(id: string): string {
    return squash(textOf(this.need(id)));
  }

  /** Ids present on the page that start with `prefix` (e.g. list rows 'case-…'). */
  idsStartingWith(prefix: string): string[] {
    const ids: string[] = [];
    walk(this.tree, (n) => {
      if (n instanceof exparser.Element && typeof n.id === 'string' && n.id.startsWith(prefix))
        ids.push(n.id);
    });
    return ids;
  }

  /**
   * An element reads as enabled when nothing marks it disabled to the person using it: no
   * `disabled` look (the app's buttons say busy/disabled in a class and in their label) and no
   * aria-disabled.
   */
  isEnabled(id: string): boolean {
    const node = this.need(id);
    const classes = classesOf(node);
    const aria = node.$$?.getAttribute?.('aria-disabled');
    return !classes.includes('disabled') && aria !== 'true' && node.disabled !== true;
  }

  need(id: string): Node {
    const node = this.byId(id);
    if (!node) throw new Error(`no element #${id} on the page; it shows: ${this.text().slice(0, 400)}`);
    return node;
  }

  /** The element once it is on the page (a person waits for it to appear too), up to 10 s. */
  private async soon(id: string): Promise<Node> {
    await this.waitFor(() => this.has(id)).catch(() => undefined);
    return this.need(id);
  }

  private async fire(id: string, type: string, detail: Record<string, unknown>): Promise<void> {
    const node = await this.soon(id);
    exparser.Event.dispatchEvent(
      node,
      exparser.Event.create(type, detail, { bubbles: true, composed: true, capturePhase: true }),
    );
    await this.settle();
  }

  /** A tap on the element with this id. */
  async tap(id: string): Promise<void> {
    await this.fire(id, 'tap', { x: 0, y: 0 });
  }

  /**
   * A tap on the element of class `className` that shows `text` (for list rows that have no id
   * of their own, e.g. an org to choose).
   */
  async tapText(className: string, text: string): Promise<void> {
    let found: Node | null = null;
    walk(this.tree, (n) => {
      if (
        !found &&
        n instanceof exparser.Element &&
        classesOf(n).includes(className) &&
        squash(textOf(n)).includes(text)
      )
        found = n;
    });
    if (!found)
      throw new Error(`no .${className} showing "${text}"; the page shows: ${this.text().slice(0, 400)}`);
    exparser.Event.dispatchEvent(
      found,
      exparser.Event.create('tap', { x: 0, y: 0 }, { bubbles: true, composed: true, capturePhase: true }),
    );
    await this.settle();
  }

  /** Types `value` into the input or textarea with this id (one input event, then blur). */
  async type(id: string, value: string): Promise<void> {
    await this.fire(id, 'input', { value, cursor: value.length, keyCode: 0 });
    await this.fire(id, 'blur', { value });
  }

  /** Picks entry `index` of the picker with this id. */
  async pick(id: string, index: number | number[]): Promise<void> {
    await this.fire(id, 'change', { value: index });
  }

  /** Waits until the page shows `text` (or the predicate holds); fails with what it shows. */
  async waitFor(what: string | (() => boolean), timeoutMs = 10_000): Promise<void> {
    const ok = typeof what === 'string' ? () => this.text().includes(what) : what;
    const until = Date.now() + timeoutMs;
    while (!ok()) {
      if (Date.now() > until)
        throw new Error(
          `waited ${timeoutMs} ms for ${typeof what === 'string' ? `"${what}"` : 'a condition'}; the page shows: ${this.text().slice(0, 600)}`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
