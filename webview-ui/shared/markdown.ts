/**
 * Markdown to DOM without HTML ever being parsed: markdown-it (raw HTML off) tokenises, and the
 * tokens become elements from a short allow-list with text nodes for every piece of text. Links
 * keep their target only when it is http(s), and open nothing inside the webview (rel=noopener);
 * images show their alt text, since the panel loads no remote content.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const ALLOWED = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'em',
  'strong',
  's',
  'code',
  'pre',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'a',
  'hr',
  'br',
]);

export function isSafeHref(href: string): boolean {
  return /^https?:\/\//i.test(href.trim());
}

function open(token: Token): HTMLElement {
  const tag = ALLOWED.has(token.tag) ? token.tag : 'span';
  const node = document.createElement(tag);
  if (tag === 'a') {
    const href = String(token.attrGet('href') ?? '');
    if (isSafeHref(href)) {
      node.setAttribute('href', href);
      node.setAttribute('rel', 'noopener noreferrer');
      node.setAttribute('title', href);
    } else {
      node.className = 'md-unsafe-link';
    }
  }
  if (tag === 'ol') {
    const start = Number(token.attrGet('start'));
    if (Number.isInteger(start) && start > 0) node.setAttribute('start', String(start));
  }
  return node;
}

function renderTokens(tokens: Token[], root: HTMLElement): void {
  const stack: HTMLElement[] = [root];
  const top = () => stack[stack.length - 1];
  for (const token of tokens) {
    if (token.nesting === 1) {
      const node = open(token);
      top().appendChild(node);
      stack.push(node);
      continue;
    }
    if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    switch (token.type) {
      case 'inline':
        renderTokens(token.children ?? [], top());
        break;
      case 'text':
      case 'html_inline':
      case 'html_block':
        top().appendChild(document.createTextNode(token.content));
        break;
      case 'code_inline': {
        const code = document.createElement('code');
        code.textContent = token.content;
        top().appendChild(code);
        break;
      }
      case 'fence':
      case 'code_block': {
        const pre = document.createElement('pre');
        const code = document.createElement('code');
        code.textContent = token.content;
        pre.appendChild(code);
        top().appendChild(pre);
        break;
      }
      case 'softbreak':
        top().appendChild(document.createTextNode('\n'));
        break;
      case 'hardbreak':
        top().appendChild(document.createElement('br'));
        break;
      case 'hr':
        top().appendChild(document.createElement('hr'));
        break;
      case 'image': {
        const alt = document.createElement('span');
        alt.className = 'md-image';
        alt.textContent = `[image: ${token.content}]`;
        top().appendChild(alt);
        break;
      }
      default:
        if (token.content) top().appendChild(document.createTextNode(token.content));
    }
  }
}

/** Renders Markdown into a new element (class "markdown"). */
export function renderMarkdown(source: string): HTMLElement {
  const root = document.createElement('div');
  root.className = 'markdown';
  renderTokens(md.parse(source, {}), root);
  return root;
}
