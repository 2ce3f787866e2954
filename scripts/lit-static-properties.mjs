// A TypeScript transformer for the CDN bundles and lib/: it compiles Lit's standard `@property()` and
// `@state()` accessors into Lit's own decorator-free form — one `static properties` table and the
// initial values assigned in the constructor. Why: the spec-exact lowering of standard decorators
// (`__esDecorate`, a context object with `access` functions and private storage per property) costs
// about 2 KB gzip across the elements, and Lit reads none of it; it also writes class `static {}`
// blocks (Safari 16.4). The sources keep standard decorators. A decorated setter stays as written:
// Lit wraps a hand-written accessor that the table names. Any other decorator, or a shape it does
// not know, stops the build.
import ts from 'typescript';

const LIT_DECORATORS = new Set(['property', 'state']);

const fail = (node, message) => {
  const file = node.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(node.getStart());
  throw new Error(`${file.fileName}:${line + 1}: ${message} (scripts/lit-static-properties.mjs)`);
};

/** Options object of one decorated accessor, as Lit's `static properties` wants it. */
function declarationOf(f, decorator) {
  const call = decorator.expression;
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || !LIT_DECORATORS.has(call.expression.text)) {
    fail(decorator, 'only @property() and @state() can be compiled');
  }
  const [options] = call.arguments;
  if (options && !ts.isObjectLiteralExpression(options)) fail(decorator, 'decorator options must be an object literal');
  const entries = options ? [...options.properties] : [];
  // `state()` is `property({ ...options, state: true })`; Lit then drops the attribute itself.
  if (call.expression.text === 'state') entries.push(f.createPropertyAssignment('state', f.createTrue()));
  return f.createObjectLiteralExpression(entries);
}

function compileClass(f, node) {
  const table = [];
  const initializers = [];
  const members = [];
  for (const member of node.members) {
    const modifiers = member.modifiers ?? [];
    const decorators = modifiers.filter(ts.isDecorator);
    const isAccessor = modifiers.some((m) => m.kind === ts.SyntaxKind.AccessorKeyword);
    if (decorators.length === 0) {
      if (isAccessor) fail(member, 'an undecorated accessor would lose its meaning');
      if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === 'properties' &&
        modifiers.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) {
        fail(member, 'a hand-written static properties table cannot be merged');
      }
      members.push(member);
      continue;
    }
    if ((ts.isSetAccessorDeclaration(member) || ts.isGetAccessorDeclaration(member)) && decorators.length === 1 &&
      ts.isIdentifier(member.name)) {
      // A hand-written accessor: Lit wraps it itself when the table names it (`wrapped`).
      table.push(f.createPropertyAssignment(member.name.text, declarationOf(f, decorators[0])));
      members.push(ts.isSetAccessorDeclaration(member)
        ? f.updateSetAccessorDeclaration(member, modifiers.filter((m) => !ts.isDecorator(m)), member.name, member.parameters, member.body)
        : f.updateGetAccessorDeclaration(member, modifiers.filter((m) => !ts.isDecorator(m)), member.name, member.parameters, member.type, member.body));
      continue;
    }
    if (!ts.isPropertyDeclaration(member) || !isAccessor || decorators.length !== 1) {
      fail(member, 'only `@property() accessor name` and `@state() accessor name` can be compiled');
    }
    if (!ts.isIdentifier(member.name)) fail(member, 'a decorated accessor needs a plain name');
    if (modifiers.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) fail(member, 'static properties are not reactive');
    const name = member.name.text;
    table.push(f.createPropertyAssignment(name, declarationOf(f, decorators[0])));
    if (member.initializer) {
      initializers.push(f.createExpressionStatement(
        f.createAssignment(f.createPropertyAccessExpression(f.createThis(), name), member.initializer),
      ));
    }
  }
  if (table.length === 0) return node;

  const staticTable = f.createPropertyDeclaration(
    [f.createToken(ts.SyntaxKind.StaticKeyword)], 'properties', undefined, undefined, f.createObjectLiteralExpression(table),
  );
  const constructorAt = members.findIndex(ts.isConstructorDeclaration);
  if (constructorAt >= 0) {
    const ctor = members[constructorAt];
    const statements = [...ctor.body.statements];
    const superAt = statements.findIndex((s) => ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) &&
      s.expression.expression.kind === ts.SyntaxKind.SuperKeyword);
    if (superAt < 0) fail(ctor, 'the constructor must call super() as a statement');
    statements.splice(superAt + 1, 0, ...initializers);
    members[constructorAt] = f.updateConstructorDeclaration(ctor, ctor.modifiers, ctor.parameters, f.updateBlock(ctor.body, statements));
  } else if (initializers.length > 0) {
    // Every element here extends a Lit class, so the constructor passes its arguments on.
    const args = f.createIdentifier('args');
    members.push(f.createConstructorDeclaration(
      undefined,
      [f.createParameterDeclaration(undefined, f.createToken(ts.SyntaxKind.DotDotDotToken), args)],
      f.createBlock([
        f.createExpressionStatement(f.createCallExpression(f.createSuper(), undefined, [f.createSpreadElement(args)])),
        ...initializers,
      ], true),
    ));
  }
  members.unshift(staticTable);
  return ts.isClassDeclaration(node)
    ? f.updateClassDeclaration(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members)
    : f.updateClassExpression(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members);
}

/** Whether `name` is read anywhere but in a decorator (in doubt it is, and its import stays). */
function usedOutsideDecorators(sourceFile, name) {
  let used = false;
  const look = (node) => {
    if (used || ts.isDecorator(node) || ts.isImportDeclaration(node)) return;
    // `history.state`, `{ state: … }`: a member's name, not the import.
    if (ts.isPropertyAccessExpression(node)) look(node.expression);
    else if (ts.isPropertyAssignment(node)) look(node.initializer);
    else if (ts.isIdentifier(node) && node.text === name) used = true;
    else ts.forEachChild(node, look);
  };
  ts.forEachChild(sourceFile, look);
  return used;
}

/** The file's statements without the imports of `property` and `state` that only the decorators used. */
function withoutDecoratorImports(f, sourceFile, statements) {
  return statements.flatMap((statement) => {
    const bindings = statement.importClause?.namedBindings;
    if (!ts.isImportDeclaration(statement) || statement.moduleSpecifier.text !== 'lit/decorators.js' ||
      statement.importClause.name || !bindings || !ts.isNamedImports(bindings)) return [statement];
    const kept = bindings.elements.filter((e) => !LIT_DECORATORS.has(e.name.text) || usedOutsideDecorators(sourceFile, e.name.text));
    if (kept.length === bindings.elements.length) return [statement];
    if (kept.length === 0) return [];
    const clause = f.updateImportClause(statement.importClause, statement.importClause.isTypeOnly, undefined, f.updateNamedImports(bindings, kept));
    return [f.updateImportDeclaration(statement, statement.modifiers, clause, statement.moduleSpecifier, statement.attributes)];
  });
}

/**
 * `transformers: { before: [litStaticProperties] }` for @rollup/plugin-typescript, and for lib/
 * (scripts/build-lib.mjs, where no bundler drops the then unused import of the decorators).
 */
export const litStaticProperties = (context) => (sourceFile) => {
  const f = context.factory;
  const visit = (node) => {
    const next = ts.isClassDeclaration(node) || ts.isClassExpression(node) ? compileClass(f, node) : node;
    return ts.visitEachChild(next, visit, context);
  };
  const compiled = ts.visitNode(sourceFile, visit);
  return f.updateSourceFile(compiled, withoutDecoratorImports(f, sourceFile, compiled.statements));
};
