// A lint over Jobdeck's TypeScript (the compiler's AST and type checker) that finds text
// reaching a VS Code surface that renders links or icons without going through `inert`:
// notifications and modal dialogs (show*Message: message, detail, buttons), quick picks and
// quick inputs (items' label/description/detail, title, placeholder, prompt, validation
// messages), progress titles and messages, the status bar, tree items, and Markdown.
//
// A value is safe when it cannot carry someone else's text: a literal (our own words), a
// number or boolean, a string whose type is a union of literals (a dialect kind), a call to
// `inert(…)`, `vscode.l10n.t(…)` of a literal, or a template, `+`, `?:` or const made of safe
// parts. Anything else is reported: wrap it in `inert` where it is shown.
//
// MarkdownStrings are made only by `inertMarkdown()` (which trusts nothing); `appendMarkdown`
// takes safe values only (text goes through `appendText`, which escapes), except in that
// factory's file, where specServerMarkdown passes on the spec server's escaped markup; `isTrusted`,
// `supportHtml` and `supportThemeIcons` are never set to true.
import * as path from 'node:path';
import ts from 'typescript';

export interface Finding {
  file: string;
  line: number;
  sink: string;
  text: string;
}

/** Methods of `vscode.window` whose arguments are shown: which arguments, and how. */
const SHOW_CALLS = new Set([
  'showInformationMessage',
  'showWarningMessage',
  'showErrorMessage',
  'setStatusBarMessage',
  'showInputBox',
  'showQuickPick',
  'withProgress',
]);
/**
 * Properties of VS Code's types that are shown with links or icons rendered, by the type that
 * declares them (`{}` is the anonymous type of progress.report's value). Tree items and panel
 * titles are plain text in VS Code (their Markdown tooltips are checked as Markdown).
 */
const SHOWN: Record<string, readonly string[]> = {
  QuickPickItem: ['label', 'description', 'detail'],
  QuickInput: ['title'],
  QuickPick: ['title', 'placeholder'],
  InputBox: ['title', 'placeholder', 'prompt', 'validationMessage'],
  QuickPickOptions: ['title', 'placeHolder'],
  InputBoxOptions: ['title', 'placeHolder', 'prompt'],
  MessageOptions: ['detail'],
  MessageItem: ['title'],
  ProgressOptions: ['title'],
  StatusBarItem: ['text', 'tooltip'],
  __type: ['message'],
};
const SHOWN_PROPS = new Set(Object.values(SHOWN).flat());
/** Functions whose return value VS Code shows (input validation). */
const SHOWN_RETURNS = new Set(['validateInput']);
const MARKDOWN_FLAGS = new Set(['isTrusted', 'supportHtml', 'supportThemeIcons']);

export function lintSurfaces(
  rootNames: string[],
  options: ts.CompilerOptions,
  host?: ts.CompilerHost,
  only?: (file: string) => boolean,
): Finding[] {
  const program = ts.createProgram({ rootNames, options, host });
  const checker = program.getTypeChecker();
  const findings: Finding[] = [];

  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile || /node_modules/.test(sf.fileName)) continue;
    if (only && !only(sf.fileName)) continue;
    if (!isHostFile(sf)) continue;
    const isMarkdownFactory = path.basename(sf.fileName) === 'inertMarkdown.ts';
    const report = (node: ts.Node, sink: string) => {
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      findings.push({ file: sf.fileName, line: line + 1, sink, text: node.getText(sf).slice(0, 160) });
    };
    const check = (value: ts.Expression, sink: string) => {
      for (const bad of unsafeParts(value, checker, new Set())) report(bad, sink);
    };

    const visit = (node: ts.Node): void => {
      // vscode.window.showXxx(…) and friends, however they are called (aliases included).
      if (ts.isCallExpression(node)) {
        const name = vscodeMember(node.expression, checker);
        if (name && SHOW_CALLS.has(name)) checkShowCall(name, node, check);
        // inertMarkdown.ts's specServerMarkdown passes on the spec server's own escaped markup.
        if ((name === 'appendMarkdown' || name === 'appendCodeblock') && !isMarkdownFactory)
          for (const a of node.arguments) check(a, `MarkdownString.${name}`);
      }
      if (
        ts.isNewExpression(node) &&
        vscodeTypeName(node.expression, checker) === 'MarkdownString' &&
        !isMarkdownFactory
      )
        report(node, 'new MarkdownString (use inertMarkdown())');
      // { label: …, prompt: … } where the property is one of VS Code's shown ones.
      if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
        const prop = node.name.getText(sf);
        if ((SHOWN_PROPS.has(prop) || SHOWN_RETURNS.has(prop)) && isShownProperty(node, checker)) {
          const value = ts.isPropertyAssignment(node) ? node.initializer : node.name;
          if (SHOWN_RETURNS.has(prop)) checkReturns(value, `${prop} (returned)`, check);
          else if (!isMarkdownValue(value, checker)) check(value, `{ ${prop} }`);
        }
      }
      // item.text = …, qp.title = …, md.isTrusted = true
      if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(node.left)
      ) {
        const prop = node.left.name.text;
        const symbol = checker.getSymbolAtLocation(node.left);
        if (symbol && declaredInVscode(symbol)) {
          if (MARKDOWN_FLAGS.has(prop) && node.right.kind === ts.SyntaxKind.TrueKeyword)
            report(node, `MarkdownString.${prop} = true`);
          else if (isShownSymbol(symbol) && !isMarkdownValue(node.right, checker)) check(node.right, `.${prop} =`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return findings;
}

function checkShowCall(name: string, call: ts.CallExpression, check: (e: ts.Expression, sink: string) => void): void {
  const args = call.arguments;
  if (name === 'showQuickPick') {
    if (args[0] && ts.isArrayLiteralExpression(args[0]))
      for (const el of args[0].elements)
        if (!ts.isObjectLiteralExpression(el)) check(el as ts.Expression, 'showQuickPick item');
    return; // object literals (items, options) are checked by their properties
  }
  if (name === 'showInputBox' || name === 'withProgress') return; // options: by their properties
  // show*Message(message, ...items | options), setStatusBarMessage(text, …)
  args.forEach((a, i) => {
    if (name === 'setStatusBarMessage' && i > 0) return;
    if (ts.isObjectLiteralExpression(a)) return; // MessageOptions / MessageItem: by their properties
    if (ts.isSpreadElement(a)) check(a.expression, `${name} buttons`);
    else check(a, i === 0 ? name : `${name} button`);
  });
}

function checkReturns(fn: ts.Expression, sink: string, check: (e: ts.Expression, sink: string) => void): void {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) {
    check(fn, sink);
    return;
  }
  if (!ts.isBlock(fn.body)) {
    check(fn.body, sink);
    return;
  }
  const walk = (n: ts.Node): void => {
    if (ts.isReturnStatement(n) && n.expression) check(n.expression, sink);
    if (ts.isFunctionLike(n)) return;
    ts.forEachChild(n, walk);
  };
  ts.forEachChild(fn.body, walk);
}

/** The parts of an expression that could carry text that is not ours (empty = safe). */
function unsafeParts(e: ts.Expression, checker: ts.TypeChecker, seen: Set<ts.Node>): ts.Node[] {
  if (seen.has(e)) return [];
  seen.add(e);
  if (
    ts.isParenthesizedExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isNonNullExpression(e) ||
    ts.isSatisfiesExpression(e) ||
    ts.isTypeAssertionExpression(e)
  )
    return unsafeParts(e.expression, checker, seen);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isNumericLiteral(e)) return [];
  if (ts.isTemplateExpression(e)) return e.templateSpans.flatMap((s) => unsafeParts(s.expression, checker, seen));
  if (ts.isConditionalExpression(e))
    return [...unsafeParts(e.whenTrue, checker, seen), ...unsafeParts(e.whenFalse, checker, seen)];
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (
      op === ts.SyntaxKind.PlusToken ||
      op === ts.SyntaxKind.QuestionQuestionToken ||
      op === ts.SyntaxKind.BarBarToken
    )
      return [...unsafeParts(e.left, checker, seen), ...unsafeParts(e.right, checker, seen)];
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return unsafeParts(e.right, checker, seen);
  }
  if (ts.isCallExpression(e) && isInertCall(e, checker))
    // vscode.l10n.t's arguments go into the text as they are: they must be safe themselves.
    return isL10nCall(e, checker) ? e.arguments.slice(1).flatMap((a) => unsafeParts(a, checker, seen)) : [];
  // labels.map(inert)
  if (
    ts.isCallExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    e.expression.name.text === 'map' &&
    e.arguments.length === 1 &&
    ts.isIdentifier(e.arguments[0]) &&
    isInertFunction(e.arguments[0], checker)
  )
    return [];
  // n.toLocaleString(), n.toFixed(1): a number's own words.
  if (
    ts.isCallExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    isOfSafeType(e.expression.expression, checker) &&
    !(checker.getTypeAtLocation(e.expression.expression).flags & ts.TypeFlags.StringLike)
  )
    return [];
  // plural(n, 'job'), relativeTime(ms): a free function of safe arguments gives safe text.
  if (
    ts.isCallExpression(e) &&
    ts.isIdentifier(e.expression) &&
    e.arguments.length &&
    e.arguments.every((a) => !unsafeParts(a, checker, seen).length)
  )
    return [];
  // A function of ours that only ever returns safe values (its own words).
  if (ts.isCallExpression(e)) {
    const body = functionBody(e.expression, checker);
    if (body && returnsOf(body).every((r) => !unsafeParts(r, checker, seen).length)) return [];
  }
  if (isOfSafeType(e, checker)) return [];
  // A property documented `@ownText`: text written in our source (the launch-field tables'
  // labels and prompts), never a server's, a file's or a setting's.
  if (
    ts.isPropertyAccessExpression(e) &&
    checker
      .getSymbolAtLocation(e.name)
      ?.getJsDocTags()
      .some((t) => t.name === 'ownText')
  )
    return [];
  // A const whose value is safe.
  if (ts.isIdentifier(e)) {
    const symbol =
      ts.isShorthandPropertyAssignment(e.parent) && e.parent.name === e
        ? checker.getShorthandAssignmentValueSymbol(e.parent)
        : checker.getSymbolAtLocation(e);
    const decl = symbol?.valueDeclaration;
    if (
      decl &&
      ts.isVariableDeclaration(decl) &&
      decl.initializer &&
      ts.isVariableDeclarationList(decl.parent) &&
      decl.parent.flags & ts.NodeFlags.Const
    ) {
      const inner = unsafeParts(decl.initializer, checker, seen);
      return inner.length ? [e] : [];
    }
  }
  return [e];
}

/** Numbers, booleans, nothing, and strings whose type is a union of literals (our own words). */
function isOfSafeType(e: ts.Expression, checker: ts.TypeChecker): boolean {
  return isSafeType(checker.getTypeAtLocation(e), checker);
}

function isSafeType(type: ts.Type, checker: ts.TypeChecker): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((t) => {
    // Arrays and tuples of safe values (button lists).
    if (checker.isArrayType(t) || checker.isTupleType(t))
      return checker.getTypeArguments(t as ts.TypeReference).every((a) => isSafeType(a, checker));
    const f = t.flags;
    if (
      f &
      (ts.TypeFlags.NumberLike |
        ts.TypeFlags.BooleanLike |
        ts.TypeFlags.BigIntLike |
        ts.TypeFlags.Undefined |
        ts.TypeFlags.Null |
        ts.TypeFlags.Void)
    )
      return true;
    if (f & ts.TypeFlags.StringLiteral) return true;
    // Buttons and items of VS Code's own types (MessageItem, QuickPickItem) are checked where made.
    const symbol = t.getSymbol() ?? t.aliasSymbol;
    return Boolean(
      symbol && declaredInVscode(symbol) && /^(MessageItem|QuickPickItem|QuickInputButton)$/.test(symbol.getName()),
    );
  });
}

/** The body of the function a callee names, when it is ours (not a library's or VS Code's). */
function functionBody(callee: ts.Expression, checker: ts.TypeChecker): ts.ConciseBody | undefined {
  let symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  let decl: ts.Node | undefined = symbol?.valueDeclaration;
  if (!decl || decl.getSourceFile().isDeclarationFile || /node_modules/.test(decl.getSourceFile().fileName))
    return undefined;
  if (ts.isVariableDeclaration(decl) && decl.initializer) decl = decl.initializer;
  if (
    (ts.isFunctionDeclaration(decl) ||
      ts.isFunctionExpression(decl) ||
      ts.isArrowFunction(decl) ||
      ts.isMethodDeclaration(decl)) &&
    decl.body
  )
    return decl.body;
  return undefined;
}

/** The expressions a function body returns (a concise arrow body is one). */
function returnsOf(body: ts.ConciseBody): ts.Expression[] {
  if (!ts.isBlock(body)) return [body];
  const out: ts.Expression[] = [];
  const walk = (n: ts.Node): void => {
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    if (ts.isFunctionLike(n)) return;
    ts.forEachChild(n, walk);
  };
  ts.forEachChild(body, walk);
  return out;
}

function isInertFunction(id: ts.Identifier, checker: ts.TypeChecker): boolean {
  const symbol = checker.getSymbolAtLocation(id);
  const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const decl = target?.declarations?.[0];
  return Boolean(
    decl && target?.getName() === 'inert' && path.basename(decl.getSourceFile().fileName) === 'inertText.ts',
  );
}

/** `vscode.l10n.t(…)`, or @vscode/l10n's `l10n.t(…)` (the client layer's, same bundle). */
function isL10nCall(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  const symbol = checker.getSymbolAtLocation(
    ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression,
  );
  const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const decl = target?.declarations?.[0];
  return Boolean(decl && target?.getName() === 't' && isL10nFile(decl.getSourceFile().fileName));
}

function isInertCall(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  const symbol = checker.getSymbolAtLocation(
    ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression,
  );
  const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const decl = target?.declarations?.[0];
  if (!decl) return false;
  const file = decl.getSourceFile().fileName;
  if (target.getName() === 'inert' && path.basename(file) === 'inertText.ts') return true;
  // vscode.l10n.t('literal', …safe args), and @vscode/l10n's l10n.t alike
  if (target.getName() === 't' && isL10nFile(file))
    return call.arguments.length > 0 && ts.isStringLiteralLike(call.arguments[0]);
  return false;
}

/** A MarkdownString value: made by inertMarkdown() and filled through appendText (checked apart). */
function isMarkdownValue(e: ts.Expression, checker: ts.TypeChecker): boolean {
  const type = checker.getTypeAtLocation(e);
  const symbol = type.getSymbol();
  return Boolean(symbol && symbol.getName() === 'MarkdownString' && declaredInVscode(symbol));
}

/** The name of the vscode API member a call goes to (`vscode.window.showErrorMessage`, an alias of it, `md.appendMarkdown`). */
function vscodeMember(callee: ts.Expression, checker: ts.TypeChecker): string | undefined {
  let symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
  if (!symbol) return undefined;
  if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  if (declaredInVscode(symbol)) return symbol.getName();
  // const show = cond ? vscode.window.showErrorMessage : vscode.window.showInformationMessage
  const decl = symbol.valueDeclaration;
  if (decl && ts.isVariableDeclaration(decl) && decl.initializer) {
    const names = new Set<string>();
    const collect = (e: ts.Expression): void => {
      if (ts.isConditionalExpression(e)) {
        collect(e.whenTrue);
        collect(e.whenFalse);
      } else if (ts.isParenthesizedExpression(e)) collect(e.expression);
      else {
        const s = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(e) ? e.name : e);
        if (s && declaredInVscode(s)) names.add(s.getName());
      }
    };
    collect(decl.initializer);
    if (names.size) return [...names].find((n) => SHOW_CALLS.has(n)) ?? [...names][0];
  }
  return undefined;
}

function vscodeTypeName(e: ts.Expression, checker: ts.TypeChecker): string | undefined {
  let symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(e) ? e.name : e);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return symbol && declaredInVscode(symbol) ? symbol.getName() : undefined;
}

/**
 * Whether an object literal's property is shown by VS Code: its contextual type's property is
 * one of SHOWN (or validateInput). Without a type to tell (none, or a primitive from an
 * overload), it counts as shown: wrap the value, or give the literal a type. `any` (a webview
 * message, a log line) is no VS Code surface.
 */
function isShownProperty(p: ts.PropertyAssignment | ts.ShorthandPropertyAssignment, checker: ts.TypeChecker): boolean {
  const obj = p.parent;
  if (!ts.isObjectLiteralExpression(obj)) return false;
  const contextual = checker.getContextualType(obj);
  const name = p.name.getText();
  if (contextual && contextual.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return false;
  const types = contextual ? (contextual.isUnion() ? contextual.types : [contextual]) : [];
  let ours = false;
  for (const t of types) {
    const apparent = checker.getApparentType(t.isTypeParameter() ? (checker.getBaseConstraintOfType(t) ?? t) : t);
    if (
      apparent.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike) ||
      apparent.getSymbol()?.getName() === 'String'
    )
      continue;
    const prop = apparent.getProperty(name);
    // No property, or only the literal's own (a type inferred from it, as through map()): no type to tell.
    if (!prop || (prop.declarations ?? []).includes(p)) continue;
    if (SHOWN_RETURNS.has(name) ? declaredInVscode(prop) : isShownSymbol(prop)) return true;
    ours = true;
  }
  return !ours;
}

/** A property symbol that SHOWN lists for the VS Code type declaring it. */
function isShownSymbol(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some((d) => {
    if (!isVscodeFile(d.getSourceFile().fileName)) return false;
    const owner = d.parent;
    const ownerName =
      ts.isInterfaceDeclaration(owner) || ts.isClassDeclaration(owner)
        ? owner.name?.text
        : ts.isTypeLiteralNode(owner)
          ? '__type'
          : undefined;
    return ownerName !== undefined && (SHOWN[ownerName] ?? []).includes(symbol.getName());
  });
}

function declaredInVscode(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some((d) => isVscodeFile(d.getSourceFile().fileName));
}

/** Where `t` is the translation of a literal: VS Code's API or @vscode/l10n. */
function isL10nFile(file: string): boolean {
  return isVscodeFile(file) || /[\\/]@vscode[\\/]l10n[\\/]/.test(file);
}

function isVscodeFile(file: string): boolean {
  return /[\\/]@types[\\/]vscode[\\/]/.test(file);
}

/**
 * Extension-host code: every file but the other programs (the client layer, which never
 * imports vscode, the webview page and the spec language server) and what they share.
 */
function isHostFile(sf: ts.SourceFile): boolean {
  if (importsVscode(sf)) return true;
  const rel = sf.fileName.split(/[\\/]src[\\/]/).pop() ?? '';
  return !/^(client|webview|server|specfile|shared|store)[\\/]/.test(rel) && !/^__/.test(rel);
}

function importsVscode(sf: ts.SourceFile): boolean {
  return sf.statements.some(
    (s) =>
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      s.moduleSpecifier.text === 'vscode' &&
      !s.importClause?.isTypeOnly,
  );
}
