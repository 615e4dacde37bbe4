// Runs the editor's canonical form (static/canonical.js) in Node for the Python tests:
// reads {"orders": {...}, "files": [{"kind", "text"}]} on stdin, prints the results as JSON.
import * as YAML from "yaml";
import { decapFormat, formatText } from "../../plugins/verksted_plugin/editor/static/canonical.js";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { orders, files } = JSON.parse(input);
const results = files.map(({ kind, text, edit }) => {
  const frontMatter = kind === "workshop";
  try {
    if (edit) {  // the editor's round trip: read, change fields, save
      const format = decapFormat(YAML, orders[kind], frontMatter);
      const entry = format.fromFile(text);
      Object.assign(entry, edit);
      return { text: format.toFile(entry) };
    }
    return { text: formatText(YAML, text, orders[kind], frontMatter) };
  } catch (error) {
    return { error: String(error.message || error) };
  }
});
process.stdout.write(JSON.stringify(results));
