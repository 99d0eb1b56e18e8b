// GraphQL's own errors for a bad argument — a literal refused by validation ("Value "DONE" does
// not exist in "ExecutionStatus" enum.") or a variable refused before execution — do not say which
// argument: this plugin names it, in the message and as `extensions.field`, with a code, as the
// API's own errors do. It also refuses, before anything runs, argument values no database can
// store (a NUL character, a lone surrogate) or nested past any input's need, as REST does.
import type { Plugin } from "graphql-yoga";
import { type ArgumentNode, type DocumentNode, GraphQLError, Kind, type StringValueNode, visit } from "graphql";
import { describeProblem, jsonProblem } from "../engine/json-check.js";
import { cutQuotes } from "../errors.js";

/** As the REST shim's bodies: deeper than any template or record needs. */
const MAX_ARGUMENT_DEPTH = 100;

/** A string literal no database can store, as a validation error at that literal. */
function literalProblems(document: DocumentNode): GraphQLError[] {
  const errors: GraphQLError[] = [];
  visit(document, {
    StringValue(node: StringValueNode) {
      const problem = jsonProblem(node.value);
      if (problem) errors.push(new GraphQLError(describeProblem(problem), { nodes: node }));
    },
  });
  return errors;
}

/** The argument whose value holds `position` (a character offset), with its dotted path. */
function argumentAt(document: DocumentNode, position: number): string | null {
  let found: string | null = null;
  visit(document, {
    Argument(node: ArgumentNode) {
      const loc = node.value.loc;
      if (loc && loc.start <= position && position < loc.end) found = node.name.value;
    },
  });
  return found;
}

/** The argument a variable is passed to (its first use). */
function argumentOf(document: DocumentNode, variable: string): string | null {
  let found: string | null = null;
  visit(document, {
    Argument(node: ArgumentNode) {
      if (!found && node.value.kind === Kind.VARIABLE && node.value.name.value === variable) found = node.name.value;
    },
  });
  return found;
}

function named(error: GraphQLError, field: string, code: string): GraphQLError {
  const message = cutQuotes(error.message);
  return new GraphQLError(message.includes(`"${field}"`) ? message : `${field}: ${message}`, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: error.extensions?.code ?? code, field },
  });
}

export function argumentNamesPlugin(): Plugin {
  return {
    onExecute: ({ args, setResultAndStopExecution }) => {
      for (const [variable, value] of Object.entries(args.variableValues ?? {})) {
        const problem = jsonProblem(value, MAX_ARGUMENT_DEPTH);
        if (!problem) continue;
        const field = argumentOf(args.document, variable) ?? variable;
        const message = `Variable "$${variable}" ${describeProblem(problem).replace(/^\//, "at /")}`;
        setResultAndStopExecution({ errors: [named(new GraphQLError(message), field, "BAD_USER_INPUT")] });
        return;
      }
      return {
        onExecuteDone: ({ result, setResult }) => {
          if (!("errors" in result) || !result.errors?.length || result.data !== undefined) return;
          // Variables are coerced before anything runs: such a result has errors and no data.
          setResult({
            ...result,
            errors: result.errors.map((error) => {
              const variable = /^Variable "\$(\w+)"/.exec(error.message)?.[1];
              const field = variable ? argumentOf(args.document, variable) : null;
              return field ? named(error, field, "BAD_USER_INPUT") : error;
            }),
          });
        },
      };
    },
    onValidate:
      ({ params }) =>
      ({ result, setResult }) => {
        const errors = result.length > 0 ? result : literalProblems(params.documentAST);
        if (errors.length === 0) return;
        setResult(
          errors.map((error) => {
            const start = error.nodes?.[0]?.loc?.start;
            const field = start === undefined ? null : argumentAt(params.documentAST, start);
            return field ? named(error, field, "GRAPHQL_VALIDATION_FAILED") : error;
          }),
        );
      },
  };
}
