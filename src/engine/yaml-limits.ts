/**
 * YAML with bounds on what it costs to read. The `yaml` package builds its whole tree before it
 * checks aliases, and its own alias check (maxAliasCount) lets an anchor without aliases inside be
 * referenced any number of times; a walk over the result (depth, nulls, validation) then expands
 * every reference. So the text is lexed first (cheap, and stopped early) for aliases, flow nesting and
 * size; the tree is built only within those bounds; and its expanded size is computed once per node
 * before anything turns it into values.
 */
import { isAlias, isCollection, isPair, isScalar, Lexer, parseAllDocuments, visit, type Document } from 'yaml';
import { EngineInputError } from './errors';

export interface YamlLimits {
  /** Alias references (`*name`) in the whole text. */
  readonly maxAliases: number;
  /** Lexer tokens in the whole text: what building the tree costs, whatever it expands to. */
  readonly maxTokens: number;
  /** Nodes once every alias is expanded: what a walk over the values visits. */
  readonly maxNodes: number;
  /** Collections nested in one another. */
  readonly maxDepth: number;
}

/** Enough for a topology of thousands of components or a namespace's manifests, not for a bomb. */
export const YAML_LIMITS: YamlLimits = { maxAliases: 100, maxTokens: 250_000, maxNodes: 200_000, maxDepth: 64 };

/**
 * A document beyond a YamlLimits bound: `tooLarge` for size (a 413 over HTTP), else too deep (a 400).
 * Its message says which limit, never how the parser failed.
 */
export class YamlLimitError extends EngineInputError {
  constructor(
    message: string,
    readonly tooLarge: boolean,
  ) {
    super(message);
    this.name = 'YamlLimitError';
  }
}

const tooDeep = (limits: YamlLimits) => new YamlLimitError(`nests deeper than ${limits.maxDepth} levels`, false);

/**
 * Every document of `text`, its tree built only when the text is within `limits`; YamlLimitError when
 * it is not. Syntax errors stay on each document's `errors`, as parseAllDocuments leaves them.
 */
export function parseYamlDocuments(
  text: string,
  options: { uniqueKeys: boolean },
  limits: YamlLimits = YAML_LIMITS,
): Document.Parsed[] {
  checkTokens(text, limits);
  let documents: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, { uniqueKeys: options.uniqueKeys, prettyErrors: false });
    documents = Array.isArray(parsed) ? parsed : [];
    let nodes = 0;
    for (const document of documents) {
      // The composer reports its own stack overflow (deep block nesting) as a syntax error.
      if (document.errors.some((problem) => problem.message.includes('Maximum call stack'))) throw tooDeep(limits);
      if (document.errors.length > 0) break;
      nodes += expandedSize(document, limits.maxNodes - nodes, limits);
      if (nodes > limits.maxNodes) {
        throw new YamlLimitError(`expands to more than ${limits.maxNodes} elements with its aliases (the limit)`, true);
      }
    }
  } catch (error) {
    // Block nesting (indentation) is not counted by the lexer: the parser's recursion finds it.
    if (error instanceof RangeError) throw tooDeep(limits);
    throw error;
  }
  return documents;
}

/** The values of a document within limits (parseYamlDocuments checked the expansion). */
export function yamlToValue(document: Document.Parsed, limits: YamlLimits = YAML_LIMITS): unknown {
  try {
    return document.toJS({ maxAliasCount: -1 });
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep(limits);
    throw error;
  }
}

/** One pass of the lexer, stopped at the first bound crossed: no tree is built for a hostile text. */
function checkTokens(text: string, limits: YamlLimits): void {
  let tokens = 0;
  let aliases = 0;
  let flowDepth = 0;
  for (const token of new Lexer().lex(text)) {
    if (++tokens > limits.maxTokens) {
      throw new YamlLimitError(`has more than ${limits.maxTokens} YAML tokens (the limit)`, true);
    }
    const first = token[0];
    if (first === '*' && ++aliases > limits.maxAliases) {
      throw new YamlLimitError(`has more than ${limits.maxAliases} YAML aliases (the limit)`, true);
    }
    if ((token === '[' || token === '{') && ++flowDepth > limits.maxDepth) throw tooDeep(limits);
    if (token === ']' || token === '}') flowDepth = Math.max(0, flowDepth - 1);
  }
}

/**
 * Nodes of a document with every alias expanded, computed once per node (so a bomb costs what its
 * text costs); stops counting past `budget`. Aliases resolve to the latest anchor before them.
 */
function expandedSize(document: Document.Parsed, budget: number, limits: YamlLimits): number {
  const anchors = new Map<string, unknown>();
  const targets = new Map<unknown, unknown>();
  visit(document, {
    Node(_, node) {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  const sizes = new Map<unknown, number>();
  const inProgress = new Set<unknown>();
  const sizeOf = (node: unknown, depth: number): number => {
    if (isAlias(node)) node = targets.get(node);
    if (node === null || node === undefined || isScalar(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (!isCollection(node)) return 1;
    if (depth > limits.maxDepth) throw tooDeep(limits);
    // An alias inside its own anchor would expand without end.
    if (inProgress.has(node)) return budget + 1;
    inProgress.add(node);
    let size = 1;
    for (const item of node.items) {
      size += isPair(item) ? sizeOf(item.key, depth + 1) + sizeOf(item.value, depth + 1) : sizeOf(item, depth + 1);
      if (size > budget) break;
    }
    inProgress.delete(node);
    sizes.set(node, size);
    return size;
  };
  return sizeOf(document.contents, 1);
}
