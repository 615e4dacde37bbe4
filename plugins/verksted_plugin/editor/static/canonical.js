// The canonical form of a record file, for the browser editor: the twin of
// plugins/verksted_plugin/editor/canonical.py (`verksted fmt`), rule for rule, so a file the
// editor saves is a file `verksted fmt --check` accepts. tests/test_editor_canonical.py runs
// both on the same files and compares every byte.
//
// The YAML parser (npm `yaml`) is passed in, so the module runs in the browser and in Node.

const KEYWORD = /^(?:y|n|yes|no|on|off|true|false|null|~|[-+]?\.inf|\.nan|<<)$/i;
const NUMBERISH = /^[-+]?\.?[0-9]/;
const INDICATORS = "-?:,[]{}#&*!|>'\"%@`";
// eslint-disable-next-line no-control-regex
const NON_PRINTABLE = /[\u0000-\u001f\u007f-\u009f\ufeff\ud800-\udfff\ufffe\uffff]/;
const FRONT_MATTER_END = /^-{3,}[ \t]*$/;
const INDENT = 2;

// The loader's YAML 1.2 core scalars (plugins/verksted_plugin/yamlread.py); all else is text.
const RESOLVERS = [
  [/^(?:true|True|TRUE)$/, () => true],
  [/^(?:false|False|FALSE)$/, () => false],
  [/^(?:~|null|Null|NULL|)$/, () => null],
  [/^[-+]?(?:0|[1-9][0-9]*)$/, (text) => Number(text)],
  [/^[-+]?(?:[0-9]+\.[0-9]+|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/, (text) => Number(text)],
];

export class FormatError extends Error {}

function resolvePlain(text) {
  for (const [pattern, make] of RESOLVERS) {
    if (pattern.test(text)) return make(text);
  }
  return text;
}

const key = (path) => JSON.stringify(path);

// ---- reading ---------------------------------------------------------------------------------

export function parse(YAML, text) {
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { schema: "failsafe", lineCounter, uniqueKeys: false });
  if (doc.errors.length) throw new FormatError(`not valid YAML: ${doc.errors[0].message}`);
  const lines = text.split("\n");
  // 0-based line and column of an offset, like PyYAML's marks
  const pos = (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return [line - 1, col - 1];
  };
  const lastLine = ([line, column]) => {
    const before = line < lines.length ? lines[line].slice(0, column) : "";
    return before.trim() ? line : line - 1;
  };
  const starts = new Map();
  const trailing = [];
  const afterKey = [];
  const inside = new Set();
  const isBlock = (node) => YAML.isScalar(node) && (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED");

  const value = (node) => {
    if (node == null) return null;
    if (YAML.isScalar(node)) {
      if (node.value == null) return null;
      return node.type === "PLAIN" ? resolvePlain(String(node.value)) : String(node.value);
    }
    if (YAML.isMap(node)) {
      const out = {};
      for (const pair of node.items) {
        const name = YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        out[name] = value(pair.value);
      }
      return out;
    }
    if (YAML.isSeq(node)) return node.items.map(value);
    throw new FormatError("anchors and aliases (& and *) are not supported in records");
  };

  const visit = (node, path, start) => {
    const startLine = pos(start)[0];
    // the document itself is never written as a line of its own
    if (path.length && !starts.has(startLine)) starts.set(startLine, path);
    if (node == null) return;
    if (YAML.isScalar(node)) {
      const [startRow] = pos(node.range[0]);
      const end = lastLine(pos(node.range[1]));
      if (end > startRow) {
        for (let line = startRow + 1; line <= end; line++) inside.add(line);
      } else if (!isBlock(node)) {
        trailing.push([path, ...pos(node.range[1])]);
      }
    } else if (node.flow) {
      trailing.push([path, ...pos(node.range[1])]);
    }
    if (YAML.isMap(node)) {
      for (const pair of node.items) {
        const name = YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const child = [...path, name];
        if (!YAML.isScalar(pair.value) || isBlock(pair.value)) {
          afterKey.push([child, ...pos(pair.key.range[1])]);
        }
        visit(pair.value, child, pair.key.range[0]);
      }
    } else if (YAML.isSeq(node)) {
      node.items.forEach((item, index) => visit(item, [...path, index], item.range[0]));
    }
  };

  const comments = { head: [], before: new Map(), after: new Map(), tail: [] };
  if (!doc.contents) return { data: null, comments };
  const data = value(doc.contents);
  visit(doc.contents, [], doc.contents.range[0]);
  for (const [path, line, column] of trailing) {
    const found = /^\s+#(.*)$/.exec(lines[line].slice(column));
    if (found) comments.after.set(key(path), found[1]);
  }
  for (const [path, line, column] of afterKey) {
    const found = /^\s*:\s*(?:[|>][-+0-9]*)?\s+#(.*)$/.exec(lines[line].slice(column));
    if (found && !comments.after.has(key(path))) comments.after.set(key(path), found[1]);
  }
  let pending = [];
  let seenContent = false;
  lines.forEach((line, number) => {
    if (inside.has(number)) return;
    const stripped = line.trim();
    if (stripped.startsWith("#")) {
      pending.push(stripped.slice(1));
    } else if (stripped && !seenContent) {
      seenContent = true;
      comments.head = pending;
      pending = [];
    } else if (stripped && pending.length) {
      const owner = starts.get(number);
      if (owner !== undefined) {
        const list = comments.before.get(key(owner)) || [];
        comments.before.set(key(owner), [...list, ...pending]);
        pending = [];
      }
    }
  });
  comments.tail = pending;
  return { data, comments };
}

// ---- writing ---------------------------------------------------------------------------------

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

function isEmpty(value) {
  return value === null || value === undefined || value === "" ||
    (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
}

export function prune(value) {
  if (isObject(value)) {
    const out = {};
    for (const [name, item] of Object.entries(value)) {
      const kept = prune(item);
      if (!isEmpty(kept)) out[name] = kept;
    }
    return out;
  }
  if (Array.isArray(value)) return value.map(prune);
  return value;
}

export function plainOk(text) {
  return Boolean(text) && text === text.trim() && !NON_PRINTABLE.test(text) &&
    !text.includes("\t") && !INDICATORS.includes(text[0]) &&
    !text.includes(": ") && !text.includes(" #") && !text.endsWith(":") &&
    !KEYWORD.test(text) && !NUMBERISH.test(text);
}

function blockOk(text) {
  if (!text.includes("\n") || text.includes("\r") || NON_PRINTABLE.test(text.replaceAll("\n", ""))) {
    return false;
  }
  const content = text.replace(/\n+$/, "");
  if (!content || " \t".includes(content[0]) || [" ", "\t"].includes(content.replace(/^\n+/, "").slice(0, 1))) {
    return false;
  }
  return !content.split("\n").some((line) => line && !line.trim());
}

function scalar(value) {
  if (value === true) return "true";
  if (value === false) return "false";
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return String(value);
  const text = String(value);
  return plainOk(text) ? text : JSON.stringify(text);
}

const keyText = (name) => (plainOk(String(name)) ? String(name) : JSON.stringify(String(name)));

class Writer {
  constructor(comments) {
    this.comments = comments;
    this.out = [];
  }

  before(path, indent) {
    for (const text of this.comments.before.get(key(path)) || []) {
      this.out.push(" ".repeat(indent) + "#" + text);
    }
  }

  trail(path) {
    const text = this.comments.after.get(key(path));
    return text === undefined ? "" : "  #" + text;
  }

  valueLines(head, value, path, tree, indent) {
    if (isObject(value) && Object.keys(value).length) {
      this.out.push(head + this.trail(path));
      this.mapping(value, tree, indent + INDENT, path);
    } else if (Array.isArray(value) && value.length) {
      this.out.push(head + this.trail(path));
      this.sequence(value, tree, indent + INDENT, path);
    } else if (isObject(value) || Array.isArray(value)) {
      this.out.push(`${head} ${isObject(value) ? "{}" : "[]"}` + this.trail(path));
    } else if (typeof value === "string" && blockOk(value)) {
      const content = value.replace(/\n+$/, "");
      const newlines = value.length - content.length;
      const chomp = newlines === 0 ? "-" : newlines === 1 ? "" : "+";
      this.out.push(`${head} |${chomp}` + this.trail(path));
      const pad = " ".repeat(indent + INDENT);
      for (const line of content.split("\n")) this.out.push(line ? pad + line : "");
      for (let i = 0; i < newlines - 1; i++) this.out.push("");
    } else {
      this.out.push(`${head} ${scalar(value)}` + this.trail(path));
    }
  }

  mapping(data, tree, indent, path) {
    const known = (tree && tree.keys) || [];
    const names = [...known.filter((name) => name in data),
      ...Object.keys(data).filter((name) => !known.includes(name))];
    for (const name of names) {
      const child = [...path, name];
      this.before(child, indent);
      const sub = tree && tree.children ? tree.children[name] : undefined;
      this.valueLines(" ".repeat(indent) + keyText(name) + ":", data[name], child, sub, indent);
    }
  }

  sequence(items, tree, indent, path) {
    const pad = " ".repeat(indent);
    items.forEach((item, index) => {
      const child = [...path, index];
      this.before(child, indent);
      if (isObject(item) && Object.keys(item).length) {
        const start = this.out.length;
        this.mapping(item, tree, indent + INDENT, child);
        let first = start;
        while (first < this.out.length && this.out[first].trimStart().startsWith("#")) first++;
        const moved = this.out.slice(start, first).map((line) => pad + line.trimStart());
        const rest = this.out.slice(first);
        rest[0] = pad + "- " + rest[0].slice(indent + INDENT);
        this.out.splice(start, this.out.length - start, ...moved, ...rest);
      } else {
        this.valueLines(pad + "-", item, child, tree, indent);
      }
    });
  }
}

export function dump(data, tree, comments) {
  comments = comments || { head: [], before: new Map(), after: new Map(), tail: [] };
  const writer = new Writer(comments);
  for (const text of comments.head) writer.out.push("#" + text);
  writer.mapping(prune(data), tree, 0, []);
  for (const text of comments.tail) writer.out.push("#" + text);
  return writer.out.map((line) => line + "\n").join("");
}

export function splitFrontMatter(text) {
  const lines = text.split("\n");
  if (!lines.length || !FRONT_MATTER_END.test(lines[0])) return null;
  for (let number = 1; number < lines.length; number++) {
    if (FRONT_MATTER_END.test(lines[number])) {
      return [lines.slice(1, number).join("\n") + "\n", lines.slice(number + 1).join("\n")];
    }
  }
  return null;
}

function normalise(text) {
  return text.replace(/^\ufeff/, "").replaceAll("\r\n", "\n");
}

export function formatYaml(YAML, text, tree) {
  const { data, comments } = parse(YAML, text);
  if (data === null) return text;
  if (!isObject(data)) throw new FormatError("expected fields (name: value), one per line");
  return dump(data, tree, comments);
}

export function formatText(YAML, text, tree, frontMatter) {
  text = normalise(text);
  if (!frontMatter) return formatYaml(YAML, text, tree);
  const parts = splitFrontMatter(text);
  if (!parts) {
    throw new FormatError("a workshop file starts with a line '---', then its fields, then '---' and then the summary");
  }
  return "---\n" + formatYaml(YAML, parts[0], tree) + "---\n" + parts[1];
}

// Decap CMS custom format. The file's own text rides along in the entry under SOURCE (Decap
// keeps fields its form does not know), so saving can put every comment back where it was.
export const SOURCE = "__verksted_source";

export function decapFormat(YAML, tree, frontMatter) {
  return {
    fromFile(text) {
      text = normalise(text);
      let data;
      let body;
      if (frontMatter) {
        const parts = splitFrontMatter(text) || ["", text];
        data = parse(YAML, parts[0]).data || {};
        body = parts[1];
      } else {
        data = parse(YAML, text).data || {};
      }
      if (!isObject(data)) throw new FormatError("expected fields (name: value), one per line");
      const entry = { ...data, [SOURCE]: text };
      if (frontMatter) entry.body = body;
      return entry;
    },
    toFile(entry) {
      const data = { ...entry };
      const source = typeof data[SOURCE] === "string" ? data[SOURCE] : null;
      delete data[SOURCE];
      let sourceYaml = source;
      let sourceBody = null;
      if (frontMatter && source !== null) {
        const parts = splitFrontMatter(source);
        sourceYaml = parts ? parts[0] : null;
        sourceBody = parts ? parts[1] : null;
      }
      const comments = sourceYaml !== null ? parse(YAML, sourceYaml).comments : undefined;
      if (!frontMatter) return dump(data, tree, comments);
      let body = typeof data.body === "string" ? data.body : "";
      delete data.body;
      // A summary typed in the form ends with a newline, like every text file; one that
      // was not touched stays exactly as it was.
      if (body !== sourceBody && body && !body.endsWith("\n")) body += "\n";
      return "---\n" + dump(data, tree, comments) + "---\n" + body;
    },
  };
}
