import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import { ErrorCode } from '../shared/errors.ts';

const unpairedSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why PostgreSQL could not store this text, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (unpairedSurrogate.test(text)) return 'is not valid Unicode (an unpaired UTF-16 surrogate)';
  return undefined;
}

function refuse(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
  });
}

/** Walks JSON without recursion (a 100 kB body can nest deeply), naming the first bad string. */
function checkVariables(variables: Record<string, unknown>): void {
  const pending: [path: string, value: unknown][] = Object.entries(variables).map(([name, value]) => [
    `$${name}`,
    value,
  ]);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [path, value] = next;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) throw refuse(`Variable "${path}" ${problem}, which text cannot hold`);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push([`${path}[${index}]`, item]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const problem = textProblem(key);
        if (problem) throw refuse(`A key in variable "${path}" ${problem}, which text cannot hold`);
        pending.push([`${path}.${key}`, item]);
      }
    }
  }
}

// Apollo keeps parsed documents and hands the same object back for a repeated query.
const checkedDocuments = new WeakSet<DocumentNode>();

function checkLiterals(document: DocumentNode): void {
  if (checkedDocuments.has(document)) return;
  visit(document, {
    [Kind.STRING](node) {
      const problem = textProblem(node.value);
      if (problem) {
        const line = node.loc?.startToken.line;
        throw refuse(
          `The string literal${line ? ` on line ${line}` : ''} ${problem}, which text cannot hold`,
        );
      }
    },
  });
  checkedDocuments.add(document);
}

/**
 * Refuses text PostgreSQL cannot store (NUL characters, broken UTF-16) with a BAD_USER_INPUT that
 * names the variable, before any resolver passes it to the database and fails with a 500. The
 * GraphQL lexer already rejects such characters written raw into the query.
 */
export function inputGuardPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          checkVariables(request.variables ?? {});
          checkLiterals(document);
        },
      };
    },
  };
}
