// Finds our own words shown to the user that do not go through `l10n.t` (`vscode.l10n.t` in the
// extension host, `@vscode/l10n`'s in the page and the spec language server). A string literal
// (or a template or `+` with words in it) on a shown surface is a finding unless it is the
// first argument of `l10n.t(…)` (also inside `inert(…)`). Read from the syntax tree only.
// Each part of the product shows words in its own places (its surface):
// - host (src/commands, src/views, src/extension): messages and their buttons (show*Message,
//   and the helpers that show one: a panel's deps.warn, the tail channel's say),
//   quick pick and input box titles, placeholders and prompts, progress titles, status bar
//   text, and the same properties set on a QuickPick or InputBox;
// - page (src/webview): text, title, label, aria-label and placeholder given to elements (the
//   h() props, property and setAttribute writes), the children of h(), and the page's own
//   element-making helpers (button, loading, flash…);
// - spec (src/specfile, src/server): diagnostics' `message`, hover `markdown`, completion
//   `label`/`detail`/`documentation`, code lens and outline titles, and the helpers that make
//   a problem (err, wrong, report) or a launch blocker;
// - client (src/client, src/store: no `vscode`, @vscode/l10n configured by the host): what the
//   launch tables, job fields and filters show (label, doc, prompt, placeholder, hint, noun,
//   review, why, ask…), a value rule's sentence (`bad(…)`), an error's operation and detail,
//   `new Error(…)`. There `l10n.t` must not run while a module loads (a table of words made
//   then would stay English: the bundle is configured later), so such a call is a finding too.
import ts from 'typescript';

export type L10nSurface = 'host' | 'page' | 'spec' | 'client';

export interface L10nFinding {
  file: string;
  line: number;
  text: string;
}

const MESSAGE_CALLS = new Set([
  'showInformationMessage',
  'showWarningMessage',
  'showErrorMessage',
  'setStatusBarMessage',
  // commands/feedback.ts: a modal question, and a message whose buttons are its actions' keys.
  'confirm',
  'inform',
]);
/**
 * Host: the helpers views and commands hand a shown sentence to, and which argument it is: a
 * panel's `deps.warn(text)` (a warning notification), the tail's `say(session, level, text)`
 * (a line of its output channel). The log's own `log.warn(…)` is not one: logs stay English.
 */
const HOST_HELPERS: Record<string, number[]> = { warn: [0], say: [2], appendText: [0], appendMarkdown: [0] };
const OPTION_CALLS = new Set(['showQuickPick', 'showInputBox', 'withProgress', 'createQuickPick', 'createInputBox']);
const SHOWN_PROPS = new Set([
  'title',
  'placeHolder',
  'placeholder',
  'prompt',
  'validationMessage',
  'detail',
  'label',
  'description',
  'message',
]);
/** Page: properties of an object literal whose value an element shows (h()'s props, options). */
const PAGE_PROPS = new Set(['text', 'title', 'label', 'placeholder', 'aria-label', 'alt', 'aria-valuetext']);
/** Page: element properties that show what is written to them. */
const PAGE_WRITES = new Set(['textContent', 'innerText', 'title', 'placeholder', 'ariaLabel', 'alt']);
const PAGE_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext']);
/** Page: calls and which of their arguments are shown ('all': every one). */
const PAGE_CALLS: Record<string, number[] | 'all'> = {
  button: [0],
  chipButton: [0],
  linkButton: [0, 3],
  loading: [0],
  flash: [0],
  metaItem: [0],
  moreRow: [1],
  pageButton: [1],
  // ctx.copy(text, copied): what the page says once it is copied.
  copy: [1],
  append: 'all',
  prepend: 'all',
  before: 'all',
  after: 'all',
  replaceChildren: 'all',
  createTextNode: 'all',
};
/** Spec: properties of what the language server sends that the editor shows. */
const SPEC_PROPS = new Set(['message', 'markdown', 'label', 'detail', 'documentation', 'description', 'title', 'doc']);
/** Spec: the helpers that make a problem, and which argument is its message. */
const SPEC_CALLS: Record<string, number[]> = { err: [1], wrong: [0], report: [1] };
/** Spec: lists of shown lines (`blockers.push(…)`: why a launch cannot go). */
const SPEC_LISTS = new Set(['blockers', 'problems']);

/** Client: properties whose value is shown (a `() => '…'` value is read when shown). */
const CLIENT_PROPS = new Set([
  'label',
  'doc',
  'prompt',
  'placeholder',
  'hint',
  'noun',
  'review',
  'emptyReview',
  'why',
  'ask',
  'description',
  'message',
  'detail',
  'operation',
]);
/** Client: calls and which of their arguments are shown. */
const CLIENT_CALLS: Record<string, number[]> = {
  // bad(sentence): a value rule's answer; http.error(code, operation, detail).
  bad: [0],
  error: [1, 2],
  shapeError: [3],
  fieldFilter: [1, 2],
};

/**
 * Words: at least two letters in a row (a lone "…" or "·" is not a sentence), outside the
 * codicons a label starts with (`$(eye) ${…}`: the icon's name is not a word to translate).
 */
const LETTERS = /[A-Za-z]{2}/;
const WORDS = { test: (text: string) => LETTERS.test(text.replace(/\$\([\w~-]+\)/g, '')) };

export function lintL10n(file: string, text: string, surface: L10nSurface = 'host'): L10nFinding[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: L10nFinding[] = [];
  const report = (node: ts.Node) => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    findings.push({ file, line: line + 1, text: node.getText(sf).slice(0, 120) });
  };
  const check = (e: ts.Expression | undefined) => {
    for (const bad of hardCoded(e)) report(bad);
  };
  const checkOptions = (e: ts.Expression | undefined) => {
    if (!e || !ts.isObjectLiteralExpression(e)) return;
    for (const p of e.properties) {
      if (ts.isPropertyAssignment(p) && SHOWN_PROPS.has(p.name.getText(sf))) check(p.initializer);
      // inform(text, { 'Show Log': … }): a button's label written as a key.
      if (ts.isPropertyAssignment(p) && ts.isStringLiteral(p.name) && WORDS.test(p.name.text)) report(p.name);
      if (ts.isPropertyAssignment(p) && ts.isComputedPropertyName(p.name)) check(p.name.expression);
    }
  };
  const visit = (n: ts.Node): void => {
    if (surface === 'page') visitPage(n, check);
    else if (surface === 'spec') visitSpec(n, check);
    else if (surface === 'client') visitClient(n, check, report);
    else visitHost(n, check, checkOptions);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return findings;
}

type Check = (e: ts.Expression | undefined) => void;

function visitHost(n: ts.Node, check: Check, checkOptions: Check): void {
  if (ts.isCallExpression(n)) {
    const name = calleeName(n.expression);
    if (name && MESSAGE_CALLS.has(name)) {
      // inform(text, actions, level): the level is a word of ours, not shown.
      const shown = name === 'inform' ? n.arguments.slice(0, 2) : n.arguments;
      shown.forEach((a, i) => (i === 0 || !ts.isObjectLiteralExpression(a) ? check(a) : checkOptions(a)));
    } else if (name && Object.prototype.hasOwnProperty.call(HOST_HELPERS, name) && !isLogCall(n.expression)) {
      n.arguments.forEach((a, i) => (HOST_HELPERS[name].includes(i) ? check(a) : undefined));
    } else if (name && OPTION_CALLS.has(name)) {
      n.arguments.forEach(checkOptions);
      // showQuickPick(['a', 'b']): the items themselves.
      if (name === 'showQuickPick' && n.arguments[0] && ts.isArrayLiteralExpression(n.arguments[0]))
        n.arguments[0].elements.forEach((el) => (ts.isObjectLiteralExpression(el) ? checkOptions(el) : check(el)));
    }
  }
  // picker.title = '…', box.placeholder = '…', status.text = '…'
  if (
    ts.isBinaryExpression(n) &&
    n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(n.left) &&
    ['title', 'placeholder', 'prompt', 'validationMessage', 'description', 'tooltip', 'label', 'text'].includes(
      n.left.name.text,
    )
  )
    check(n.right);
}

function visitPage(n: ts.Node, check: Check): void {
  if (ts.isPropertyAssignment(n) && PAGE_PROPS.has(propName(n.name))) check(n.initializer);
  // el.textContent = '…', el.title = '…'
  if (
    ts.isBinaryExpression(n) &&
    n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(n.left) &&
    PAGE_WRITES.has(n.left.name.text)
  )
    check(n.right);
  if (!ts.isCallExpression(n)) return;
  const name = calleeName(n.expression);
  if (!name) return;
  if (name === 'setAttribute') {
    const [attribute, value] = n.arguments;
    if (attribute && ts.isStringLiteral(attribute) && PAGE_ATTRIBUTES.has(attribute.text)) check(value);
  } else if (name === 'h') {
    // h(tag, props, children): the children that are text.
    const children = n.arguments[2];
    if (children && ts.isArrayLiteralExpression(children)) children.elements.forEach((c) => check(c));
  } else if (Object.prototype.hasOwnProperty.call(PAGE_CALLS, name)) {
    const shown = PAGE_CALLS[name];
    n.arguments.forEach((a, i) => (shown === 'all' || shown.includes(i) ? check(a) : undefined));
  }
}

function visitSpec(n: ts.Node, check: Check): void {
  if (ts.isPropertyAssignment(n) && SPEC_PROPS.has(propName(n.name))) {
    // documentation: { kind, value: '…' }
    const v = n.initializer;
    if (ts.isObjectLiteralExpression(v)) {
      for (const p of v.properties)
        if (ts.isPropertyAssignment(p) && propName(p.name) === 'value') check(p.initializer);
    } else check(v);
  }
  // throw new Error('…'): a launch's blocker.
  if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'Error') check(n.arguments?.[0]);
  if (!ts.isCallExpression(n)) return;
  const name = calleeName(n.expression);
  if (name && Object.prototype.hasOwnProperty.call(SPEC_CALLS, name))
    n.arguments.forEach((a, i) => (SPEC_CALLS[name].includes(i) ? check(a) : undefined));
  if (
    name === 'push' &&
    ts.isPropertyAccessExpression(n.expression) &&
    ts.isIdentifier(n.expression.expression) &&
    SPEC_LISTS.has(n.expression.expression.text)
  )
    n.arguments.forEach((a) => (ts.isObjectLiteralExpression(a) || ts.isCallExpression(a) ? undefined : check(a)));
}

function visitClient(n: ts.Node, check: Check, report: (n: ts.Node) => void): void {
  const shown = (e: ts.Expression) => (ts.isArrowFunction(e) && !ts.isBlock(e.body) ? check(e.body) : check(e));
  if (ts.isPropertyAssignment(n) && CLIENT_PROPS.has(propName(n.name))) shown(n.initializer);
  // const operation = '…'
  if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === 'operation') check(n.initializer);
  if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'Error') check(n.arguments?.[0]);
  if (!ts.isCallExpression(n)) return;
  if (isL10nT(n) && !insideFunction(n)) report(n);
  const name = calleeName(n.expression);
  if (name && Object.prototype.hasOwnProperty.call(CLIENT_CALLS, name))
    n.arguments.forEach((a, i) => (CLIENT_CALLS[name].includes(i) ? shown(a) : undefined));
}

/** Runs only when called: inside a function, method, accessor or arrow. */
function insideFunction(n: ts.Node): boolean {
  for (let at = n.parent; at; at = at.parent) if (ts.isFunctionLike(at)) return true;
  return false;
}

/** `log.warn(…)`, `console.warn(…)`: written to a log, not shown as a message. */
function isLogCall(callee: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(callee) && /(^|\.)(log|console)$/.test(callee.expression.getText());
}

function propName(name: ts.PropertyName): string {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : '';
}

function calleeName(e: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isIdentifier(e)) return e.text;
  return undefined;
}

function isL10nT(call: ts.CallExpression): boolean {
  const e = call.expression;
  return ts.isPropertyAccessExpression(e) && e.name.text === 't' && /(^|\.)l10n$/.test(e.expression.getText());
}

/** The parts of a shown value that are our words written out, not through l10n.t. */
function hardCoded(e: ts.Expression | undefined): ts.Node[] {
  if (!e) return [];
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e))
    return hardCoded(e.expression);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return WORDS.test(e.text) ? [e] : [];
  if (ts.isTemplateExpression(e)) {
    const texts = [e.head.text, ...e.templateSpans.map((s) => s.literal.text)];
    return texts.some((t) => WORDS.test(t)) ? [e] : e.templateSpans.flatMap((s) => hardCoded(s.expression));
  }
  if (ts.isBinaryExpression(e)) return [...hardCoded(e.left), ...hardCoded(e.right)];
  if (ts.isConditionalExpression(e)) return [...hardCoded(e.whenTrue), ...hardCoded(e.whenFalse)];
  if (ts.isCallExpression(e)) {
    if (isL10nT(e)) return [];
    // inert(…) and other wrappers of a shown value: look inside.
    if (ts.isIdentifier(e.expression) && e.expression.text === 'inert') return e.arguments.flatMap((a) => hardCoded(a));
  }
  return [];
}
