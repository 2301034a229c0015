// Finds our own words shown by VS Code that do not go through `vscode.l10n.t`: messages and
// their buttons (show*Message), quick pick and input box titles, placeholders and prompts,
// progress titles, status bar text, and the same properties set on a QuickPick or InputBox. A
// string literal (or a template or `+` with words in it) there is a finding unless it is the
// first argument of `l10n.t(…)` (also inside `inert(…)`). Read from the syntax tree only.
import ts from 'typescript';

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
/** Words: at least two letters in a row (a lone "…" or "·" is not a sentence). */
const WORDS = /[A-Za-z]{2}/;

export function lintL10n(file: string, text: string): L10nFinding[] {
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
    if (ts.isCallExpression(n)) {
      const name = calleeName(n.expression);
      if (name && MESSAGE_CALLS.has(name)) {
        // inform(text, actions, level): the level is a word of ours, not shown.
        const shown = name === 'inform' ? n.arguments.slice(0, 2) : n.arguments;
        shown.forEach((a, i) => (i === 0 || !ts.isObjectLiteralExpression(a) ? check(a) : checkOptions(a)));
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
      ['title', 'placeholder', 'prompt', 'validationMessage'].includes(n.left.name.text)
    )
      check(n.right);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return findings;
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
